/*
 * pool.h - run independent work items on N threads, hand the results back
 * in item order.
 *
 * One producer (the caller), N workers. Workers claim items in the order
 * given by `schedule` (e.g. biggest first, so the run does not end waiting
 * on one large item), but `emit` is called on the calling thread for item
 * 0, 1, 2, ... strictly in index order, each as soon as it and every item
 * before it are done (git grep's ordered output). So what is printed never
 * depends on scheduling or on the number of threads.
 *
 * Worker threads get a POOL_STACK_SIZE stack, so recursive analyses of
 * deeply nested input have room.
 */
#ifndef PLUMBER_POOL_H
#define PLUMBER_POOL_H

#include "common.h"

#define POOL_STACK_SIZE (64u << 20)

struct pool_ops {
	/* Do item `item` on worker `worker` (0 <= worker < jobs). Thread safe. */
	void (*work)(void *ctx, int worker, size_t item);
	/* Called on the caller's thread, in item order. */
	void (*emit)(void *ctx, size_t item);
	/* Optional: called on the caller's thread about 5 times a second. */
	void (*progress)(void *ctx, size_t done, size_t total);
};

/*
 * Run items 0..n-1. `schedule` is a permutation of 0..n-1 giving the order
 * in which workers pick items up, or NULL for index order. Returns when
 * every item has been worked and emitted. Dies if a thread cannot start.
 */
void pool_run(int jobs, size_t n, const size_t *schedule,
	      const struct pool_ops *ops, void *ctx);

/*
 * From inside `work`: have the workers take item `item` before the rest
 * of the schedule, if none has taken it yet (first asked, first taken).
 * Order of work only: what is emitted does not change. A no-op on a
 * thread that is not one of a pool's workers. Thread safe.
 */
void pool_hurry(size_t item);

/* Number of online CPUs, at least 1. */
int pool_cpu_count(void);

#endif
