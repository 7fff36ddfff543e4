/*
 * tsmem.c - tree-sitter's memory from a per-thread pool (tsmem.h).
 *
 * Every block carries an 8-byte header: its size class (1..NR_CLASSES),
 * BIG for a block too large for a class (its own allocation, kept to
 * the end of the pool's use), or MALLOCED for a block from xmalloc (made
 * outside begin/end); BIG and MALLOCED headers hold the size above the
 * low byte. Blocks are 8-byte aligned, which is all tree-sitter's types
 * need.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <tree_sitter/api.h>

#include "common.h"
#include "tsmem.h"

#define HEADER 8u
#define SMALL_STEP 16u  /* classes 1..32: 16, 32, ... 512 bytes */
#define NR_SMALL 32u
#define NR_CLASSES 39u  /* then 1 KiB .. 64 KiB, doubling */
#define MAX_CLASS_BYTES (64u << 10)
#define MALLOCED 0u
#define BIG 0xFFu
#define CHUNK_BYTES (1u << 20)
#define TSMEM_KEEP (16u << 20) /* chunk bytes a thread keeps for its next file */

struct chunk {
	struct chunk *next;
	size_t size; /* bytes after this header */
};

struct tsmem_pool {
	int active;
	char *cur, *end;                    /* the free part of the current chunk */
	struct chunk *chunks;               /* in use, current first */
	struct chunk *spare;                /* kept from earlier files */
	void *free_list[NR_CLASSES + 1];    /* freed blocks by class (their user pointers) */
	void **bigs;                        /* BIG blocks, freed at tsmem_end() */
	size_t nr_bigs, alloc_bigs;
	int registered;
};

static _Thread_local struct tsmem_pool pool;
static pthread_key_t pool_key;
static pthread_once_t pool_key_once = PTHREAD_ONCE_INIT;

static size_t class_bytes(unsigned c)
{
	return c <= NR_SMALL ? (size_t)c * SMALL_STEP : (size_t)1024 << (c - NR_SMALL - 1);
}

static unsigned class_of(size_t n)
{
	unsigned c = NR_SMALL + 1;
	if (n <= NR_SMALL * SMALL_STEP)
		return n ? (unsigned)((n + SMALL_STEP - 1) / SMALL_STEP) : 1;
	while (class_bytes(c) < n)
		c++;
	return c;
}

/* n + HEADER, or death when that overflows (a request no parse makes) */
static size_t with_header(size_t n)
{
	if (n > SIZE_MAX - HEADER)
		die("out of memory (a block of %zu bytes)", n);
	return n + HEADER;
}

static uint64_t *header_of(void *p)
{
	return (uint64_t *)(void *)((char *)p - HEADER);
}

static void free_chunks(struct chunk *c)
{
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
}

static void drop_bigs(struct tsmem_pool *p)
{
	size_t i;
	for (i = 0; i < p->nr_bigs; i++)
		free(p->bigs[i]);
	p->nr_bigs = 0;
}

static void pool_destroy(void *arg)
{
	struct tsmem_pool *p = arg;
	drop_bigs(p);
	free(p->bigs);
	free_chunks(p->chunks);
	free_chunks(p->spare);
	memset(p, 0, sizeof(*p));
}

static void make_key(void)
{
	if (pthread_key_create(&pool_key, pool_destroy))
		die("cannot create a thread key");
}

/* A new current chunk with room for `need` bytes: a spare one, or a new one. */
static void next_chunk(struct tsmem_pool *p, size_t need)
{
	struct chunk *c = p->spare;

	if (c && c->size >= need) {
		p->spare = c->next;
	} else {
		size_t size = need > CHUNK_BYTES ? need : CHUNK_BYTES;
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
	}
	c->next = p->chunks;
	p->chunks = c;
	p->cur = (char *)(c + 1);
	p->end = p->cur + c->size;
}

static void *pool_alloc(struct tsmem_pool *p, size_t n)
{
	uint64_t *h;

	if (n > MAX_CLASS_BYTES) {
		ALLOC_GROW(p->bigs, p->nr_bigs + 1, p->alloc_bigs);
		h = xmalloc(with_header(n));
		p->bigs[p->nr_bigs++] = h;
		*h = ((uint64_t)n << 8) | BIG;
		return h + 1;
	}
	{
		unsigned c = class_of(n);
		void *blk = p->free_list[c];
		size_t want = class_bytes(c) + HEADER;
		if (blk) {
			memcpy(&p->free_list[c], blk, sizeof(void *));
			return blk;
		}
		if ((size_t)(p->end - p->cur) < want)
			next_chunk(p, want);
		h = (uint64_t *)(void *)p->cur;
		p->cur += want;
		*h = c;
		return h + 1;
	}
}

/* The bytes block ptr can hold. */
static size_t capacity(void *ptr)
{
	uint64_t h = *header_of(ptr);
	unsigned c = (unsigned)(h & 0xFF);
	return c == MALLOCED || c == BIG ? (size_t)(h >> 8) : class_bytes(c);
}

void *tsmem_malloc(size_t size)
{
	uint64_t *h;

	if (pool.active)
		return pool_alloc(&pool, size);
	h = xmalloc(with_header(size));
	*h = ((uint64_t)size << 8) | MALLOCED;
	return h + 1;
}

void *tsmem_calloc(size_t nmemb, size_t size)
{
	size_t n = st_mult(nmemb, size);
	void *p = tsmem_malloc(n);
	memset(p, 0, n);
	return p;
}

void tsmem_free(void *ptr)
{
	uint64_t h;
	unsigned c;

	if (!ptr)
		return;
	h = *header_of(ptr);
	c = (unsigned)(h & 0xFF);
	if (c == MALLOCED) {
		free(header_of(ptr));
	} else if (c != BIG && pool.active) {
		memcpy(ptr, &pool.free_list[c], sizeof(void *));
		pool.free_list[c] = ptr;
	}
	/* a BIG block lives to tsmem_end(); a pool block freed after it is already gone */
}

void *tsmem_realloc(void *ptr, size_t size)
{
	void *out;
	size_t have;

	if (!ptr)
		return tsmem_malloc(size);
	have = capacity(ptr);
	if (size <= have && (*header_of(ptr) & 0xFF) != MALLOCED)
		return ptr;
	out = tsmem_malloc(size);
	memcpy(out, ptr, have < size ? have : size);
	tsmem_free(ptr);
	return out;
}

void tsmem_install(void)
{
	ts_set_allocator(tsmem_malloc, tsmem_calloc, tsmem_realloc, tsmem_free);
}

void tsmem_begin(void)
{
	if (pool.active)
		BUG("tsmem_begin() twice");
	if (!pool.registered) {
		pthread_once(&pool_key_once, make_key);
		pthread_setspecific(pool_key, &pool);
		pool.registered = 1;
	}
	pool.active = 1;
}

void tsmem_end(void)
{
	struct chunk *c, *next;
	size_t kept = 0;

	if (!pool.active)
		BUG("tsmem_end() without tsmem_begin()");
	pool.active = 0;
	drop_bigs(&pool);
	memset(pool.free_list, 0, sizeof(pool.free_list));
	/* the chunks become spares, up to TSMEM_KEEP bytes of them */
	for (c = pool.spare; c; c = c->next)
		kept += c->size;
	for (c = pool.chunks; c; c = next) {
		next = c->next;
		if (kept + c->size <= TSMEM_KEEP) {
			c->next = pool.spare;
			pool.spare = c;
			kept += c->size;
		} else {
			free(c);
		}
	}
	pool.chunks = NULL;
	pool.cur = pool.end = NULL;
}

void tsmem_thread_release(void)
{
	if (pool.active)
		BUG("tsmem_thread_release() inside begin/end");
	pool_destroy(&pool);
}
