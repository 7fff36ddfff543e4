/*
 * stamps.c - what a file's bytes hash to, known from its stat (stamps.h).
 */
#include "lint/stamps.h"
#include "base/strbuf.h"
#include "base/strmap.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>

struct stamp_entry {
	char *path;
	struct file_stamp st;
	struct cache_hash content;
};

struct stamps {
	char *dir;            /* the cache directory, or NULL: nothing is kept */
	struct cache_hash key;
	int64_t start_s, start_ns; /* when the run began (CLOCK_REALTIME) */
	struct stamp_entry *old; /* as read */
	size_t nr_old;
	struct strmap by_path;   /* path -> old entry + 1 */
	pthread_mutex_t lock;
	struct stamp_entry *rec; /* recorded by this run (under lock) */
	size_t nr_rec, alloc_rec;
	int changed;             /* a record differs from the old table */
};

static const char magic[8] = "STAMPS1\n";

struct cache_hash stamps_content_hash(const char *buf, size_t len)
{
	struct cache_hasher h;
	cache_hash_init(&h);
	cache_hash_u64(&h, (uint64_t)len);
	cache_hash_add(&h, buf, len);
	return cache_hash_done(&h);
}

static int same_stamp(const struct file_stamp *a, const struct file_stamp *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
	       a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

/* One entry: path (u32 length, bytes), the stamp's 7 numbers, the hash's 2. */
static void put_entry(struct strbuf *sb, const struct stamp_entry *e)
{
	uint32_t len = (uint32_t)strlen(e->path);
	uint64_t v[9];

	v[0] = e->st.dev;
	v[1] = e->st.ino;
	v[2] = e->st.size;
	v[3] = (uint64_t)e->st.mtime_s;
	v[4] = (uint64_t)e->st.mtime_ns;
	v[5] = (uint64_t)e->st.ctime_s;
	v[6] = (uint64_t)e->st.ctime_ns;
	v[7] = e->content.a;
	v[8] = e->content.b;
	strbuf_add(sb, &len, sizeof(len));
	strbuf_add(sb, e->path, len);
	strbuf_add(sb, v, sizeof(v));
}

/* Read the entries of payload into t; on any damage, none (the table is then empty). */
static void parse_table(struct stamps *t, const char *p, const char *end)
{
	uint64_t n;
	size_t i;

	if ((size_t)(end - p) < sizeof(magic) + 8 || memcmp(p, magic, sizeof(magic)))
		return;
	p += sizeof(magic);
	memcpy(&n, p, 8);
	p += 8;
	if (n > STAMP_MAX_ENTRIES || n > (uint64_t)(end - p) / (4 + 9 * 8))
		return;
	t->old = xcalloc(n ? (size_t)n : 1, sizeof(*t->old));
	for (i = 0; i < n; i++) {
		struct stamp_entry *e = &t->old[i];
		uint32_t len;
		uint64_t v[9];
		if ((size_t)(end - p) < 4)
			break;
		memcpy(&len, p, 4);
		p += 4;
		if (!len || (size_t)(end - p) < (size_t)len + sizeof(v) || memchr(p, '\0', len))
			break;
		e->path = xstrndup(p, len);
		p += len;
		memcpy(v, p, sizeof(v));
		p += sizeof(v);
		e->st.dev = v[0];
		e->st.ino = v[1];
		e->st.size = v[2];
		e->st.mtime_s = (int64_t)v[3];
		e->st.mtime_ns = (int64_t)v[4];
		e->st.ctime_s = (int64_t)v[5];
		e->st.ctime_ns = (int64_t)v[6];
		e->content.a = v[7];
		e->content.b = v[8];
		t->nr_old = i + 1;
	}
	if (t->nr_old != n || p != end) { /* damaged: forget it all */
		for (i = 0; i < t->nr_old; i++)
			free(t->old[i].path);
		t->nr_old = 0;
		return;
	}
	for (i = 0; i < t->nr_old; i++)
		strmap_put(&t->by_path, t->old[i].path, strlen(t->old[i].path),
			   (void *)(uintptr_t)(i + 1));
}

struct stamps *stamps_load(const char *cache_dir)
{
	struct stamps *t = xcalloc(1, sizeof(*t));
	struct cache_hash self = cache_self_hash();
	struct strbuf payload = STRBUF_INIT;
	struct cache_hasher h;
	struct timespec now;
	char cwd[4096];

	pthread_mutex_init(&t->lock, NULL);
	clock_gettime(CLOCK_REALTIME, &now);
	t->start_s = (int64_t)now.tv_sec;
	t->start_ns = (int64_t)now.tv_nsec;
	if (!cache_dir || (!self.a && !self.b) || !getcwd(cwd, sizeof(cwd)))
		return t; /* nothing kept: lookups miss, records are dropped */
	cache_hash_init(&h);
	cache_hash_str(&h, "plumber stamps 1", 16);
	cache_hash_u64(&h, self.a);
	cache_hash_u64(&h, self.b);
	cache_hash_str(&h, cwd, strlen(cwd));
	t->key = cache_hash_done(&h);
	t->dir = xstrdup(cache_dir);
	if (cache_fetch_blob(cache_dir, &t->key, &payload))
		parse_table(t, payload.buf, payload.buf + payload.len);
	strbuf_release(&payload);
	return t;
}

int stamps_lookup(const struct stamps *t, const char *path, const struct file_stamp *now,
		  struct cache_hash *content)
{
	size_t i = (size_t)(uintptr_t)strmap_get(&t->by_path, path, strlen(path));

	if (!i || (!now->dev && !now->ino) || !same_stamp(&t->old[i - 1].st, now))
		return 0;
	*content = t->old[i - 1].content;
	return 1;
}

/*
 * Is time s.ns at least STAMP_RACY_S seconds before the run began?
 * (Compared as pairs: a time set far in the future must not overflow.)
 */
static int settled(const struct stamps *t, int64_t s, int64_t ns)
{
	int64_t limit = t->start_s - STAMP_RACY_S;
	return s < limit || (s == limit && ns <= t->start_ns);
}

void stamps_record(struct stamps *t, const char *path, const struct file_stamp *st,
		   const struct cache_hash *content)
{
	size_t i;

	if (!t->dir || (!st->dev && !st->ino) || !settled(t, st->mtime_s, st->mtime_ns) ||
	    !settled(t, st->ctime_s, st->ctime_ns))
		return;
	i = (size_t)(uintptr_t)strmap_get(&t->by_path, path, strlen(path));
	if (i && same_stamp(&t->old[i - 1].st, st) && t->old[i - 1].content.a == content->a &&
	    t->old[i - 1].content.b == content->b)
		return; /* known already */
	pthread_mutex_lock(&t->lock);
	ALLOC_GROW(t->rec, t->nr_rec + 1, t->alloc_rec);
	t->rec[t->nr_rec].path = xstrdup(path);
	t->rec[t->nr_rec].st = *st;
	t->rec[t->nr_rec].content = *content;
	t->nr_rec++;
	t->changed = 1;
	pthread_mutex_unlock(&t->lock);
}

static int cmp_entry_path(const void *a, const void *b)
{
	return strcmp(((const struct stamp_entry *)a)->path, ((const struct stamp_entry *)b)->path);
}

void stamps_save_and_free(struct stamps *t)
{
	struct strbuf out = STRBUF_INIT;
	struct strmap taken = STRMAP_INIT;
	size_t i;
	uint64_t n = 0;

	if (t->changed) {
		/* this run's records (one per path), then the old table's others */
		qsort(t->rec, t->nr_rec, sizeof(*t->rec), cmp_entry_path);
		strbuf_add(&out, magic, sizeof(magic));
		strbuf_add(&out, &n, 8);
		for (i = 0; i < t->nr_rec && n < STAMP_MAX_ENTRIES; i++) {
			const char *p = t->rec[i].path;
			if (strmap_get(&taken, p, strlen(p)))
				continue;
			strmap_put(&taken, p, strlen(p), t->rec[i].path);
			put_entry(&out, &t->rec[i]);
			n++;
		}
		for (i = 0; i < t->nr_old && n < STAMP_MAX_ENTRIES; i++) {
			const char *p = t->old[i].path;
			if (strmap_get(&taken, p, strlen(p)))
				continue;
			put_entry(&out, &t->old[i]);
			n++;
		}
		memcpy(out.buf + sizeof(magic), &n, 8);
		cache_store_blob(t->dir, &t->key, out.buf, out.len);
	}
	strbuf_release(&out);
	strmap_clear(&taken);
	for (i = 0; i < t->nr_old; i++)
		free(t->old[i].path);
	for (i = 0; i < t->nr_rec; i++)
		free(t->rec[i].path);
	free(t->old);
	free(t->rec);
	strmap_clear(&t->by_path);
	pthread_mutex_destroy(&t->lock);
	free(t->dir);
	free(t);
}
