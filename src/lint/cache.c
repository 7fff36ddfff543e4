/*
 * cache.c - lint results kept across runs (cache.h).
 */
#include "lint/cache.h"
#include "base/strbuf.h"

#include <dirent.h>
#include <elf.h>
#include <link.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- hashing */

#define P1 0x9E3779B97F4A7C15ull
#define P2 0xC2B2AE3D27D4EB4Full

static uint64_t rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xBF58476D1CE4E5B9ull;
	x ^= x >> 27;
	x *= 0x94D049BB133111EBull;
	x ^= x >> 31;
	return x;
}

void cache_hash_init(struct cache_hasher *h)
{
	h->a = 0x243F6A8885A308D3ull;
	h->b = 0x13198A2E03707344ull;
	h->n = 0;
}

static void add_word(struct cache_hasher *h, uint64_t w)
{
	h->a = rotl64((h->a ^ w) * P1, 31);
	h->b = rotl64(h->b + w * P2, 27) * P1;
}

void cache_hash_add(struct cache_hasher *h, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t w;

	h->n += len;
	while (len >= 8) {
		memcpy(&w, p, 8);
		add_word(h, w);
		p += 8;
		len -= 8;
	}
	if (len) {
		w = 0;
		memcpy(&w, p, len);
		add_word(h, w ^ ((uint64_t)len << 56));
	}
}

void cache_hash_str(struct cache_hasher *h, const char *s, size_t len)
{
	cache_hash_u64(h, len);
	cache_hash_add(h, s, len);
}

void cache_hash_u64(struct cache_hasher *h, uint64_t v)
{
	h->n += 8;
	add_word(h, v);
}

struct cache_hash cache_hash_done(const struct cache_hasher *h)
{
	struct cache_hash out;
	out.a = mix64(h->a ^ mix64(h->n));
	out.b = mix64(h->b + rotl64(h->a, 17));
	return out;
}

/* ---------------------------------------------------------------- entry bytes */

static const char magic[16] = "PLUMBER-CACHE-1\n";

static void put_u32(struct strbuf *sb, uint32_t v)
{
	strbuf_add(sb, &v, sizeof(v));
}

static void put_u64(struct strbuf *sb, uint64_t v)
{
	strbuf_add(sb, &v, sizeof(v));
}

static void put_str(struct strbuf *sb, const char *s, size_t len)
{
	put_u32(sb, (uint32_t)len);
	strbuf_add(sb, s, len);
}

static void put_cstr(struct strbuf *sb, const char *s)
{
	if (!s) {
		put_u32(sb, UINT32_MAX);
		return;
	}
	put_str(sb, s, strlen(s));
}

/* A bounds-checked reader of an entry's payload. */
struct rd {
	const unsigned char *p, *end;
	int bad;
};

static int take(struct rd *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		memset(out, 0, n);
		return 0;
	}
	memcpy(out, r->p, n);
	r->p += n;
	return 1;
}

static uint32_t get_u32(struct rd *r)
{
	uint32_t v;
	take(r, &v, sizeof(v));
	return v;
}

static uint64_t get_u64(struct rd *r)
{
	uint64_t v;
	take(r, &v, sizeof(v));
	return v;
}

/* A string in place: *len receives its length; NULL for a NULL string or a bad read. */
static const char *get_str(struct rd *r, size_t *len)
{
	uint32_t n = get_u32(r);
	const char *s;
	*len = 0;
	if (r->bad || n == UINT32_MAX)
		return NULL;
	if ((size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	s = (const char *)r->p;
	r->p += n;
	*len = n;
	return s;
}

static const struct rule *rule_by_id(const char *id, size_t len)
{
	size_t i;
	for (i = 0; i < lint_nr_rules; i++)
		if (strlen(lint_rules[i]->id) == len && !memcmp(lint_rules[i]->id, id, len))
			return lint_rules[i];
	return NULL;
}

static void put_finding(struct strbuf *sb, const struct finding *fd)
{
	size_t k;
	put_cstr(sb, fd->rule->id);
	put_u32(sb, fd->line);
	put_u32(sb, fd->col);
	put_u32(sb, fd->end_line);
	put_u32(sb, fd->end_col);
	put_u32(sb, fd->col_utf16);
	put_u32(sb, fd->end_col_utf16);
	put_u32(sb, fd->func_line);
	put_u32(sb, fd->func_end_line);
	put_u32(sb, (uint32_t)fd->in_test);
	put_cstr(sb, fd->message);
	put_cstr(sb, fd->fix);
	put_u32(sb, (uint32_t)fd->nr_edits);
	for (k = 0; k < fd->nr_edits; k++) {
		const struct finding_edit *e = &fd->edits[k];
		put_u32(sb, e->start);
		put_u32(sb, e->end);
		put_u32(sb, e->line);
		put_u32(sb, e->col);
		put_u32(sb, e->end_line);
		put_u32(sb, e->end_col);
		put_cstr(sb, e->text);
	}
}

static char *dup_or_null(const char *s, size_t len)
{
	return s ? xstrndup(s, len) : NULL;
}

/* Read one finding; into *fd when apply, else only check it. */
static void get_finding(struct rd *r, struct finding *fd, int apply)
{
	size_t len, k, nr;
	const char *s = get_str(r, &len);
	const struct rule *rule = s ? rule_by_id(s, len) : NULL;
	struct finding tmp;

	memset(&tmp, 0, sizeof(tmp));
	if (!rule)
		r->bad = 1;
	tmp.rule = rule;
	tmp.line = get_u32(r);
	tmp.col = get_u32(r);
	tmp.end_line = get_u32(r);
	tmp.end_col = get_u32(r);
	tmp.col_utf16 = get_u32(r);
	tmp.end_col_utf16 = get_u32(r);
	tmp.func_line = get_u32(r);
	tmp.func_end_line = get_u32(r);
	tmp.in_test = (int)get_u32(r);
	s = get_str(r, &len);
	if (!s)
		r->bad = 1;
	if (apply)
		tmp.message = dup_or_null(s, len);
	s = get_str(r, &len);
	if (apply)
		tmp.fix = dup_or_null(s, len);
	nr = get_u32(r);
	if (nr > (size_t)(r->end - r->p) / 28) /* each edit takes at least 28 bytes */
		r->bad = 1;
	if (apply && nr && !r->bad)
		tmp.edits = xcalloc(nr, sizeof(*tmp.edits));
	for (k = 0; k < nr && !r->bad; k++) {
		struct finding_edit e;
		e.start = get_u32(r);
		e.end = get_u32(r);
		e.line = get_u32(r);
		e.col = get_u32(r);
		e.end_line = get_u32(r);
		e.end_col = get_u32(r);
		s = get_str(r, &len);
		if (!s)
			r->bad = 1;
		e.text = apply ? dup_or_null(s, len) : NULL;
		if (apply)
			tmp.edits[k] = e;
	}
	tmp.nr_edits = apply ? nr : 0;
	if (apply)
		*fd = tmp;
}

/*
 * Read the files part of a payload into files[0..nr), or only check it
 * (apply 0). Returns 0 when it is whole and is about these files.
 */
static int read_files(struct rd *r, struct lint_file **files, size_t nr, const size_t *notes_from,
		      int apply)
{
	size_t i, j, len;

	if (get_u32(r) != nr)
		return -1;
	for (i = 0; i < nr && !r->bad; i++) {
		struct lint_file *f = files[i];
		const char *s = get_str(r, &len);
		uint32_t nf;

		if (!s || len != strlen(f->path) || memcmp(s, f->path, len))
			return -1;
		{
			uint32_t skipped = get_u32(r), parsed = get_u32(r), syntax = get_u32(r),
				 news = get_u32(r), unlinted = get_u32(r), decls = get_u32(r);
			uint64_t hidden = get_u64(r);
			if (apply) {
				f->skipped = (int)skipped;
				f->parsed = (int)parsed;
				f->syntax_line = syntax;
				f->new_exprs = news;
				f->tests_unlinted = (int)unlinted;
				f->decls_only = (int)decls;
				f->nr_hidden = (size_t)hidden;
			}
		}
		s = get_str(r, &len);
		if (!s)
			return -1;
		if (apply) {
			strbuf_setlen(&f->notes, notes_from[i]);
			strbuf_add(&f->notes, s, len);
		}
		nf = get_u32(r);
		if (nf > (size_t)(r->end - r->p) / 48) /* each finding takes at least 48 bytes */
			return -1;
		if (apply && nf) {
			f->findings = xcalloc(nf, sizeof(*f->findings));
			f->alloc_findings = nf;
		}
		for (j = 0; j < nf && !r->bad; j++)
			get_finding(r, apply ? &f->findings[j] : NULL, apply);
		if (apply)
			f->nr_findings = nf;
	}
	return r->bad || r->p != r->end ? -1 : 0;
}

static void entry_path(struct strbuf *sb, const char *dir, const struct cache_hash *key)
{
	strbuf_addf(sb, "%s/%02x/%016llx%016llx", dir, (unsigned)(key->a >> 56),
		    (unsigned long long)key->a, (unsigned long long)key->b);
}

/*
 * Read entry `key` of dir into buf and check it whole: its magic, its
 * key, its length and its checksum. Returns 0 with the payload at buf
 * offset 56, of *len bytes.
 */
static int read_entry(const char *dir, const struct cache_hash *key, struct strbuf *buf,
		      uint64_t *len)
{
	struct strbuf path = STRBUF_INIT;
	struct cache_hasher h;
	struct cache_hash sum, want;
	int ret = -1;

	entry_path(&path, dir, key);
	if (strbuf_read_file(buf, path.buf, 0) < 0 || buf->len < 16 + 16 + 8 + 16 ||
	    memcmp(buf->buf, magic, 16))
		goto out;
	memcpy(&want, buf->buf + 16, 16);
	memcpy(len, buf->buf + 32, 8);
	memcpy(&sum, buf->buf + 40, 16);
	if (want.a != key->a || want.b != key->b || *len != buf->len - 56)
		goto out;
	cache_hash_init(&h);
	cache_hash_add(&h, buf->buf + 56, (size_t)*len);
	want = cache_hash_done(&h);
	if (want.a == sum.a && want.b == sum.b)
		ret = 0;
out:
	strbuf_release(&path);
	return ret;
}

int cache_fetch_blob(const char *dir, const struct cache_hash *key, struct strbuf *payload)
{
	struct strbuf buf = STRBUF_INIT;
	uint64_t len;
	int hit = 0;

	if (!read_entry(dir, key, &buf, &len)) {
		strbuf_add(payload, buf.buf + 56, (size_t)len);
		hit = 1;
	}
	strbuf_release(&buf);
	return hit;
}

int cache_fetch(const char *dir, const struct cache_hash *key, cache_dep_check check, void *ctx,
		struct lint_file **files, size_t nr, const size_t *notes_from)
{
	struct strbuf buf = STRBUF_INIT;
	struct rd r;
	uint64_t len;
	uint32_t nr_deps, i;
	int hit = 0;
	const unsigned char *payload;

	if (read_entry(dir, key, &buf, &len))
		goto out;
	payload = (const unsigned char *)buf.buf + 56;
	r.p = payload;
	r.end = payload + len;
	r.bad = 0;
	nr_deps = get_u32(&r);
	for (i = 0; i < nr_deps && !r.bad; i++) {
		struct cache_dep d;
		size_t pl;
		const char *p = get_str(&r, &pl);
		d.present = (int)get_u32(&r);
		d.hash.a = get_u64(&r);
		d.hash.b = get_u64(&r);
		if (!p || r.bad)
			goto out;
		d.path = xstrndup(p, pl);
		if (!check(ctx, &d)) {
			free(d.path);
			goto out;
		}
		free(d.path);
	}
	{
		struct rd again;
		again = r;
		if (read_files(&r, files, nr, notes_from, 0))
			goto out;
		read_files(&again, files, nr, notes_from, 1);
	}
	hit = 1;
out:
	strbuf_release(&buf);
	return hit;
}

/* mkdir -p of dir and its parents; 0 when it exists after. */
static int make_dirs(const char *dir)
{
	char *p, *s;
	int rc;

	if (!mkdir(dir, 0777) || errno == EEXIST)
		return 0; /* the usual case: one call, not one per element */
	p = xstrdup(dir);
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		mkdir(p, 0777);
		*s = '/';
	}
	rc = mkdir(p, 0777) == 0 || errno == EEXIST ? 0 : -1;
	free(p);
	return rc;
}

/* Write entry `key` with payload, to a temporary name renamed into place. */
static size_t write_entry(const char *dir, const struct cache_hash *key, const char *payload,
			  size_t len)
{
	static atomic_uint serial;
	struct strbuf out = STRBUF_INIT, path = STRBUF_INIT, tmp = STRBUF_INIT, sub = STRBUF_INIT;
	struct cache_hasher h;
	struct cache_hash sum;
	uint64_t len64 = len;
	size_t written = 0;
	int fd;

	cache_hash_init(&h);
	cache_hash_add(&h, payload, len);
	sum = cache_hash_done(&h);
	strbuf_add(&out, magic, 16);
	strbuf_add(&out, key, 16);
	strbuf_add(&out, &len64, 8);
	strbuf_add(&out, &sum, 16);
	strbuf_add(&out, payload, len);

	entry_path(&path, dir, key);
	strbuf_add(&sub, path.buf, (size_t)(strrchr(path.buf, '/') - path.buf));
	if (make_dirs(sub.buf))
		goto out;
	strbuf_addf(&tmp, "%s/.tmp-%ld-%u", sub.buf, (long)getpid(), atomic_fetch_add(&serial, 1));
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		goto out;
	{
		size_t off = 0;
		while (off < out.len) {
			ssize_t n = write(fd, out.buf + off, out.len - off);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			off += (size_t)n;
		}
		if (close(fd) || off != out.len || rename(tmp.buf, path.buf))
			unlink(tmp.buf);
		else
			written = out.len;
	}
out:
	strbuf_release(&out);
	strbuf_release(&path);
	strbuf_release(&tmp);
	strbuf_release(&sub);
	return written;
}

size_t cache_store(const char *dir, const struct cache_hash *key, const struct cache_dep *deps,
		   size_t nr_deps, struct lint_file *const *files, size_t nr,
		   const size_t *notes_from)
{
	struct strbuf payload = STRBUF_INIT;
	size_t i, j, written;

	put_u32(&payload, (uint32_t)nr_deps);
	for (i = 0; i < nr_deps; i++) {
		put_cstr(&payload, deps[i].path);
		put_u32(&payload, (uint32_t)deps[i].present);
		put_u64(&payload, deps[i].hash.a);
		put_u64(&payload, deps[i].hash.b);
	}
	put_u32(&payload, (uint32_t)nr);
	for (i = 0; i < nr; i++) {
		const struct lint_file *f = files[i];
		put_cstr(&payload, f->path);
		put_u32(&payload, (uint32_t)f->skipped);
		put_u32(&payload, (uint32_t)f->parsed);
		put_u32(&payload, f->syntax_line);
		put_u32(&payload, f->new_exprs);
		put_u32(&payload, (uint32_t)f->tests_unlinted);
		put_u32(&payload, (uint32_t)f->decls_only);
		put_u64(&payload, f->nr_hidden);
		put_str(&payload, f->notes.buf + notes_from[i], f->notes.len - notes_from[i]);
		put_u32(&payload, (uint32_t)f->nr_findings);
		for (j = 0; j < f->nr_findings; j++)
			put_finding(&payload, &f->findings[j]);
	}
	written = write_entry(dir, key, payload.buf, payload.len);
	strbuf_release(&payload);
	return written;
}

size_t cache_store_blob(const char *dir, const struct cache_hash *key, const char *payload,
			size_t len)
{
	return write_entry(dir, key, payload, len);
}


/* ---------------------------------------------------------------- size bound */

struct entry_file {
	char *path;
	time_t mtime;
	uint64_t size;
};

static int cmp_mtime(const void *a, const void *b)
{
	const struct entry_file *x = a, *y = b;
	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* True when name is exactly len lower-case hex digits (the names cache_store gives). */
static int hex_name(const char *name, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	return name[len] == '\0';
}

void cache_trim(const char *dir, uint64_t max_bytes)
{
	struct entry_file *v = NULL;
	size_t nr = 0, alloc = 0, i;
	uint64_t total = 0;
	DIR *top = opendir(dir);
	struct dirent *de;
	time_t now = time(NULL);

	if (!top)
		return;
	while ((de = readdir(top)) != NULL) {
		struct strbuf sub = STRBUF_INIT;
		DIR *d;
		struct dirent *e;
		if (!hex_name(de->d_name, 2))
			continue; /* only what cache_store makes: never "..", never anything else */
		strbuf_addf(&sub, "%s/%s", dir, de->d_name);
		d = opendir(sub.buf);
		while (d && (e = readdir(d)) != NULL) {
			struct stat st;
			struct strbuf pb = STRBUF_INIT;
			char *p;
			if (!hex_name(e->d_name, 32) && !starts_with(e->d_name, ".tmp-"))
				continue;
			strbuf_addf(&pb, "%s/%s", sub.buf, e->d_name);
			p = strbuf_detach(&pb, NULL);
			if (lstat(p, &st) || !S_ISREG(st.st_mode)) {
				free(p);
				continue;
			}
			/* a temporary file left by a run that died */
			if (starts_with(e->d_name, ".tmp-")) {
				if (now - st.st_mtime > 3600)
					unlink(p);
				free(p);
				continue;
			}
			if (nr == alloc) {
				alloc = alloc ? 2 * alloc : 256;
				v = xrealloc(v, st_mult(alloc, sizeof(*v)));
			}
			v[nr].path = p;
			v[nr].mtime = st.st_mtime;
			v[nr].size = (uint64_t)st.st_size;
			total += v[nr].size;
			nr++;
		}
		if (d)
			closedir(d);
		strbuf_release(&sub);
	}
	closedir(top);
	if (total > max_bytes) {
		qsort(v, nr, sizeof(*v), cmp_mtime);
		for (i = 0; i < nr && total > max_bytes / 4 * 3; i++)
			if (!unlink(v[i].path))
				total -= v[i].size;
	}
	for (i = 0; i < nr; i++)
		free(v[i].path);
	free(v);
}

/*
 * The bytes written since the last trim, in dir/written (a decimal
 * number; missing or unreadable: 0). Runs that race may lose each
 * other's count: it only decides when to look, the bound stays.
 */
#define WRITTEN_NAME "written"

void cache_note_written(const char *dir, uint64_t max_bytes, uint64_t written)
{
	struct strbuf path = STRBUF_INIT, tmp = STRBUF_INIT, sb = STRBUF_INIT;
	unsigned long long since = 0;
	int fd;

	strbuf_addf(&path, "%s/" WRITTEN_NAME, dir);
	if (strbuf_read_file(&sb, path.buf, 64) >= 0 && sscanf(sb.buf, "%llu", &since) != 1)
		since = 0;
	since += written;
	if (since >= max_bytes / 8) {
		cache_trim(dir, max_bytes);
		since = 0;
	}
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%llu\n", since);
	strbuf_addf(&tmp, "%s/.tmp-written-%ld", dir, (long)getpid());
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd >= 0) {
		ssize_t n = write(fd, sb.buf, sb.len);
		if (close(fd) || n != (ssize_t)sb.len || rename(tmp.buf, path.buf))
			unlink(tmp.buf);
	}
	strbuf_release(&path);
	strbuf_release(&tmp);
	strbuf_release(&sb);
}

/* ---------------------------------------------------------------- places */

char *cache_default_dir(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		strbuf_addf(&sb, "%s/plumber", xdg);
	else if (home && home[0])
		strbuf_addf(&sb, "%s/.cache/plumber", home);
	else
		return NULL;
	return strbuf_detach(&sb, NULL);
}

static struct cache_hash self_hash;

/*
 * The linker's build ID of this binary (NT_GNU_BUILD_ID, a hash of what
 * it linked), found in memory: read from its notes, not from the file.
 */
struct build_id {
	struct cache_hasher h;
	int found;
};

static int build_id_note(struct dl_phdr_info *info, size_t size, void *ctx)
{
	struct build_id *id = ctx;
	size_t i;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const unsigned char *p, *end;
		if (ph->p_type != PT_NOTE)
			continue;
		p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)(const void *)p;
			size_t name = (n->n_namesz + 3) & ~(size_t)3, desc = (n->n_descsz + 3) & ~(size_t)3;
			const unsigned char *data = p + sizeof(*n);
			if ((size_t)(end - data) < name + desc)
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
			    !memcmp(data, "GNU", 4) && n->n_descsz >= 8) {
				cache_hash_str(&id->h, "build-id", 8);
				cache_hash_add(&id->h, data + name, n->n_descsz);
				id->found = 1;
				return 1;
			}
			p = data + name + desc;
		}
	}
	return 1; /* the first object is the program: stop there */
}

/*
 * What identifies this binary: its build ID when the linker wrote one,
 * else its bytes (/proc/self/exe, 3 MB read and hashed).
 */
static void compute_self_hash(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct build_id id = { .found = 0 };
	struct cache_hasher h;

	cache_hash_init(&id.h);
	dl_iterate_phdr(build_id_note, &id);
	if (id.found) {
		self_hash = cache_hash_done(&id.h);
		return;
	}
	if (strbuf_read_file(&sb, "/proc/self/exe", 0) < 0 || !sb.len) {
		strbuf_release(&sb);
		return; /* zero: the caller does not cache */
	}
	cache_hash_init(&h);
	cache_hash_add(&h, sb.buf, sb.len);
	self_hash = cache_hash_done(&h);
	strbuf_release(&sb);
}

struct cache_hash cache_self_hash(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, compute_self_hash);
	return self_hash;
}
