/*
 * strmap.c - see strmap.h.
 */
#include "strmap.h"

uint32_t strmap_hash(const char *key, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 16777619u;
	}
	return h;
}

static struct strmap_entry *find_slot(const struct strmap *m, const char *key,
				      size_t len, uint32_t hash)
{
	size_t mask = m->cap - 1, i = hash & mask;
	for (;;) {
		struct strmap_entry *e = &m->slots[i];
		if (!e->key || (e->hash == hash && e->len == len &&
				!memcmp(e->key, key, len)))
			return e;
		i = (i + 1) & mask;
	}
}

void *strmap_get(const struct strmap *m, const char *key, size_t len)
{
	struct strmap_entry *e;
	if (!m->nr)
		return NULL;
	e = find_slot(m, key, len, strmap_hash(key, len));
	return e->key ? e->value : NULL;
}

static void grow(struct strmap *m)
{
	struct strmap_entry *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap = oldcap ? oldcap * 2 : 16;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i].key)
			*find_slot(m, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

void *strmap_put(struct strmap *m, const char *key, size_t len, void *value)
{
	uint32_t hash = strmap_hash(key, len);
	struct strmap_entry *e;
	void *prev;

	if ((m->nr + 1) * 4 > m->cap * 3)
		grow(m);
	e = find_slot(m, key, len, hash);
	if (e->key) {
		prev = e->value;
		e->value = value;
		return prev;
	}
	e->key = key;
	e->len = len;
	e->hash = hash;
	e->value = value;
	m->nr++;
	return NULL;
}

void strmap_clear(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->nr = 0;
}
