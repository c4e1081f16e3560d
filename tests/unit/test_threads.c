/*
 * test_threads.c - threads_run: every call made once, with its own
 * argument or the shared one, and every result in argument order.
 */
#include "check.h"
#include "base/threads.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct job {
	int id;
	int calls;                  /* how often this job's call was made */
	pthread_t thread;           /* which thread made it */
};

static void *run_job(void *arg)
{
	struct job *j = arg;

	j->calls++;
	j->thread = pthread_self();
	return (void *)(intptr_t)(j->id * 10);
}

static void test_each_argument_once(void)
{
	struct job jobs[6];
	void *results[6];
	pthread_t caller = pthread_self();

	for (int i = 0; i < 6; i++)
		jobs[i] = (struct job){ i, 0, caller };
	threads_run(run_job, jobs, sizeof(*jobs), 6, results);
	for (int i = 0; i < 6; i++) {
		CHECK_INT(jobs[i].calls, 1);
		CHECK_INT((intptr_t)results[i], i * 10);
	}
	/* The first call is the calling thread's own. */
	CHECK(pthread_equal(jobs[0].thread, caller));
}

/* Size 0: workers that share one queue, all given the same argument. */
struct queue {
	atomic_int next;
	atomic_int done[100];
};

static void *drain(void *arg)
{
	struct queue *q = arg;
	int taken = 0, i;

	while ((i = atomic_fetch_add(&q->next, 1)) < 100) {
		atomic_fetch_add(&q->done[i], 1);
		taken++;
	}
	return (void *)(intptr_t)taken;
}

static void test_shared_argument(void)
{
	struct queue q;
	void *results[4];
	intptr_t total = 0;
	bool each_once = true;

	atomic_init(&q.next, 0);
	for (int i = 0; i < 100; i++)
		atomic_init(&q.done[i], 0);
	threads_run(drain, &q, 0, 4, results);
	for (int i = 0; i < 4; i++)
		total += (intptr_t)results[i];
	for (int i = 0; i < 100; i++)
		each_once = each_once && atomic_load(&q.done[i]) == 1;
	CHECK_INT(total, 100);
	CHECK(each_once);
}

static void test_one_and_none(void)
{
	struct job job = { 7, 0, pthread_self() };
	void *result = NULL;

	threads_run(run_job, &job, sizeof(job), 1, &result);
	CHECK_INT(job.calls, 1);
	CHECK_INT((intptr_t)result, 70);
	CHECK(pthread_equal(job.thread, pthread_self()));
	threads_run(run_job, &job, sizeof(job), 0, NULL);
	CHECK_INT(job.calls, 1);
	CHECK(threads_cores() >= 1);
}

int main(void)
{
	RUN(test_each_argument_once);
	RUN(test_shared_argument);
	RUN(test_one_and_none);
	return check_summary();
}
