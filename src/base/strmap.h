/*
 * strmap.h - a hash map from byte strings to pointers (open addressing,
 * linear probing, FNV-1a).
 *
 * Keys are not copied: the caller keeps them alive as long as the map
 * (they usually point into a source buffer or an arena). Values are
 * opaque pointers. Not thread safe.
 */
#ifndef PLUMBER_STRMAP_H
#define PLUMBER_STRMAP_H

#include "common.h"

struct strmap_entry {
	const char *key;
	size_t len;
	uint32_t hash;
	void *value;
};

struct strmap {
	struct strmap_entry *slots;
	size_t cap, nr;
};

#define STRMAP_INIT { NULL, 0, 0 }

/* Hash of a byte string, the one the map uses. */
uint32_t strmap_hash(const char *key, size_t len);

/* The value stored under key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key, size_t len);

/*
 * Store value under key, replacing any previous value, which is returned
 * (NULL when the key was new).
 */
void *strmap_put(struct strmap *m, const char *key, size_t len, void *value);

/* Iterate: for (i = 0; i < m->cap; i++) if (m->slots[i].key) ... */

/* Free the table (not keys or values); the map is empty again. */
void strmap_clear(struct strmap *m);

#endif
