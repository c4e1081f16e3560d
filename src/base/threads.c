/*
 * threads.c - running one function on several threads (see threads.h).
 */
#include "base/threads.h"
#include "base/mem.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

size_t threads_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 1 ? (size_t)n : 1;
}

void threads_run(void *(*fn)(void *), void *args, size_t size, size_t n,
		 void **results)
{
	pthread_t *threads;
	bool *started;
	void *result;

	if (n == 0)
		return;
	threads = mem_calloc(n, sizeof(*threads));
	started = mem_calloc(n, sizeof(*started));
	for (size_t i = 1; i < n; i++)
		started[i] = pthread_create(&threads[i], NULL, fn,
					    (char *)args + i * size) == 0;
	result = fn(args);
	if (results)
		results[0] = result;
	for (size_t i = 1; i < n; i++) {
		result = NULL;
		if (!started[i])
			continue;
		pthread_join(threads[i], &result);
		if (results)
			results[i] = result;
	}
	for (size_t i = 1; i < n; i++) {
		if (started[i])
			continue;
		result = fn((char *)args + i * size);
		if (results)
			results[i] = result;
	}
	free(threads);
	free(started);
}
