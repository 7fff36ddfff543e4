/*
 * pool.c - see pool.h.
 */
#include "pool.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

struct pool {
	const struct pool_ops *ops;
	void *ctx;
	const size_t *schedule;
	size_t n, next_claim, nr_done;
	unsigned char *done;
	unsigned char *claimed;  /* by item: 1 claimed by a worker, 2 queued in urgent */
	size_t *urgent;          /* items pool_hurry() asked for, claimed before the schedule's */
	size_t nr_urgent, urgent_next;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

struct worker_arg {
	struct pool *pool;
	int id;
};

/* The pool the calling thread works for (pool_hurry), or NULL. */
static _Thread_local struct pool *this_pool;

/* The next item to work: a hurried one, else the schedule's next unclaimed; n when none. Under lock. */
static size_t claim(struct pool *p)
{
	size_t item;

	while (p->urgent_next < p->nr_urgent) {
		item = p->urgent[p->urgent_next++];
		if (p->claimed[item] != 1)
			goto found;
	}
	for (; p->next_claim < p->n; p->next_claim++) {
		item = p->schedule ? p->schedule[p->next_claim] : p->next_claim;
		if (p->claimed[item] != 1)
			goto found;
	}
	return p->n;
found:
	p->claimed[item] = 1;
	return item;
}

static void *worker_main(void *arg_)
{
	struct worker_arg *arg = arg_;
	struct pool *p = arg->pool;

	this_pool = p;
	for (;;) {
		size_t item;

		pthread_mutex_lock(&p->lock);
		item = claim(p);
		pthread_mutex_unlock(&p->lock);
		if (item == p->n)
			break;

		p->ops->work(p->ctx, arg->id, item);

		pthread_mutex_lock(&p->lock);
		p->done[item] = 1;
		p->nr_done++;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
	}
	this_pool = NULL;
	return NULL;
}

void pool_hurry(size_t item)
{
	struct pool *p = this_pool;

	if (!p || item >= p->n)
		return;
	pthread_mutex_lock(&p->lock);
	if (!p->claimed[item]) {
		p->claimed[item] = 2;
		p->urgent[p->nr_urgent++] = item;
	}
	pthread_mutex_unlock(&p->lock);
}

void pool_run(int jobs, size_t n, const size_t *schedule,
	      const struct pool_ops *ops, void *ctx)
{
	struct pool p = { .ops = ops, .ctx = ctx, .schedule = schedule, .n = n };
	struct worker_arg *args;
	pthread_t *threads;
	pthread_attr_t attr;
	size_t next_emit = 0;
	int i, err;

	if (!n)
		return;
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n)
		jobs = (int)n;
	p.done = xcalloc(n, 1);
	p.claimed = xcalloc(n, 1);
	p.urgent = xcalloc(n, sizeof(*p.urgent));
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.cond, NULL);
	threads = xcalloc((size_t)jobs, sizeof(*threads));
	args = xcalloc((size_t)jobs, sizeof(*args));
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, POOL_STACK_SIZE);
	for (i = 0; i < jobs; i++) {
		args[i].pool = &p;
		args[i].id = i;
		err = pthread_create(&threads[i], &attr, worker_main, &args[i]);
		if (err)
			die("cannot start a worker thread: %s", strerror(err));
	}
	pthread_attr_destroy(&attr);

	pthread_mutex_lock(&p.lock);
	while (next_emit < n) {
		if (!p.done[next_emit]) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += 200 * 1000 * 1000;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			if (pthread_cond_timedwait(&p.cond, &p.lock, &ts) == ETIMEDOUT &&
			    ops->progress) {
				size_t d = p.nr_done;
				pthread_mutex_unlock(&p.lock);
				ops->progress(ctx, d, n);
				pthread_mutex_lock(&p.lock);
			}
			continue;
		}
		pthread_mutex_unlock(&p.lock);
		ops->emit(ctx, next_emit++);
		pthread_mutex_lock(&p.lock);
	}
	pthread_mutex_unlock(&p.lock);

	for (i = 0; i < jobs; i++)
		pthread_join(threads[i], NULL);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.cond);
	free(threads);
	free(args);
	free(p.done);
	free(p.claimed);
	free(p.urgent);
}

int pool_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : (n > 256 ? 256 : (int)n);
}
