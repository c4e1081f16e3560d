/*
 * threads.h - running one function on several threads, the calling thread
 * among them.
 *
 * Loading, the cross-reference and the build each split their work the
 * same way: n calls of one function, the first on the calling thread and
 * the others on threads of their own, then a join.  This is that pattern
 * once, with the one rule that is easy to get wrong: a thread that cannot
 * be started must not lose its share of the work.
 */
#ifndef FOLIO_THREADS_H
#define FOLIO_THREADS_H

#include <stddef.h>

/* The cores online, at least 1. */
size_t threads_cores(void);

/*
 * Calls fn once for each of n arguments: args[0] on the calling thread,
 * args[1..n) on threads of their own, and returns when every call has
 * returned.  args is an array of n elements of size bytes each; with size
 * 0 every call gets args itself (workers that share a queue).  A call
 * whose thread cannot be started is made on the calling thread once the
 * others are done, so no call is ever left out.  results, when not NULL,
 * gets each call's return value, in argument order.
 */
void threads_run(void *(*fn)(void *), void *args, size_t size, size_t n,
		 void **results);

#endif
