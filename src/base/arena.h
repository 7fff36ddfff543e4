/*
 * arena.h - bump allocation for per-file and per-package work.
 *
 * Everything allocated from an arena is freed at once by arena_release()
 * (git's mem-pool). Blocks are 8-byte aligned. Not thread safe: each
 * worker owns its arenas.
 */
#ifndef PLUMBER_ARENA_H
#define PLUMBER_ARENA_H

#include "common.h"

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used_total; /* bytes handed out, for statistics */
};

#define ARENA_INIT { NULL, 0 }

/* Returns `size` bytes of zeroed memory owned by the arena. */
void *arena_alloc(struct arena *a, size_t size);

/* Allocate an array of n elements of `size` bytes, zeroed. */
void *arena_calloc(struct arena *a, size_t n, size_t size);

/* Copy n bytes of s into the arena and NUL-terminate them. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* Format into arena memory. */
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Free every block; the arena is empty and may be used again. */
void arena_release(struct arena *a);

#endif
