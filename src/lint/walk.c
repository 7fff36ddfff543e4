/*
 * walk.c - see walk.h.
 */
#include "lint/walk.h"
#include "base/arena.h"
#include "base/strbuf.h"
#include "base/strmap.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

struct walker {
	int stdin_taken;
	const struct walk_options *opts;
	struct walk_result *out;
	struct strmap seen; /* (dev, ino) of every file and directory taken */
	struct arena keys;
};

/* Returns 1 if the object behind st was taken before, else remembers it. */
static int seen_before(struct walker *w, const struct stat *st)
{
	struct { dev_t dev; ino_t ino; } id;
	char *key;

	memset(&id, 0, sizeof(id));
	id.dev = st->st_dev;
	id.ino = st->st_ino;
	if (strmap_get(&w->seen, (const char *)&id, sizeof(id)))
		return 1;
	key = arena_alloc(&w->keys, sizeof(id));
	memcpy(key, &id, sizeof(id));
	strmap_put(&w->seen, key, sizeof(id), key);
	return 0;
}

static void add_file(struct walker *w, const char *path, int from_stdin, const struct stat *st)
{
	struct walk_result *r = w->out;
	struct walk_entry *e;

	ALLOC_GROW(r->v, r->nr + 1, r->alloc);
	e = &r->v[r->nr++];
	memset(e, 0, sizeof(*e));
	e->path = xstrdup(path);
	e->from_stdin = from_stdin;
	if (st) {
		e->size = (size_t)st->st_size;
		e->stamp.dev = (uint64_t)st->st_dev;
		e->stamp.ino = (uint64_t)st->st_ino;
		e->stamp.size = (uint64_t)st->st_size;
		e->stamp.mtime_s = (int64_t)st->st_mtim.tv_sec;
		e->stamp.mtime_ns = (int64_t)st->st_mtim.tv_nsec;
		e->stamp.ctime_s = (int64_t)st->st_ctim.tv_sec;
		e->stamp.ctime_ns = (int64_t)st->st_ctim.tv_nsec;
	}
}

static int skip_dir_name(const struct walker *w, const char *name)
{
	if (name[0] == '.' || name[0] == '_')
		return !w->opts->include_hidden;
	if (!strcmp(name, "vendor"))
		return !w->opts->include_vendor;
	if (!strcmp(name, "testdata"))
		return !w->opts->include_testdata;
	return !strcmp(name, "node_modules");
}

static int is_go_name(const struct walker *w, const char *name)
{
	if (!ends_with(name, ".go") || name[0] == '.' || name[0] == '_')
		return 0;
	return !(w->opts->no_tests && ends_with(name, "_test.go"));
}

/* dir + "/" + name, where dir "." is left out (so "./..." prints "a.go"). */
static void join(struct strbuf *sb, const char *dir, const char *name)
{
	strbuf_reset(sb);
	if (strcmp(dir, ".")) {
		strbuf_addstr(sb, dir);
		if (sb->len && sb->buf[sb->len - 1] != '/')
			strbuf_addch(sb, '/');
	}
	strbuf_addstr(sb, name);
}

/* A directory entry: its name and what readdir says it is (DT_UNKNOWN: ask lstat). */
struct dir_name {
	char *name;
	unsigned char type;
};

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct dir_name *)a)->name, ((const struct dir_name *)b)->name);
}

static void walk_dir(struct walker *w, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct dir_name *names = NULL;
	char **subdirs = NULL;
	size_t nr = 0, alloc = 0, nr_sub = 0, alloc_sub = 0, i;
	struct strbuf path = STRBUF_INIT;

	if (!d) {
		error("cannot read directory '%s': %s; skipped", dir, strerror(errno));
		w->out->errors++;
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		ALLOC_GROW(names, nr + 1, alloc);
		names[nr].name = xstrdup(de->d_name);
		names[nr++].type = de->d_type;
	}
	closedir(d);
	if (nr)
		qsort(names, nr, sizeof(*names), cmp_name);

	/*
	 * What readdir's type settles needs no stat: anything not named as
	 * a Go file (a symbolic link to a directory is not followed anyway),
	 * a directory (stat'ed once, below, to be walked). Go files are
	 * stat'ed: their size and stamp are the engine's.
	 */
	for (i = 0; i < nr; i++) {
		const char *name = names[i].name;
		unsigned char type = names[i].type;
		struct stat st;

		if (type != DT_DIR && type != DT_UNKNOWN && !is_go_name(w, name)) {
			free(names[i].name);
			continue;
		}
		join(&path, dir, name);
		if (type != DT_DIR && lstat(path.buf, &st) < 0) {
			free(names[i].name);
			continue; /* vanished while we walked */
		}
		if (type == DT_DIR || S_ISDIR(st.st_mode)) {
			if (!skip_dir_name(w, name)) {
				ALLOC_GROW(subdirs, nr_sub + 1, alloc_sub);
				subdirs[nr_sub++] = strbuf_detach(&path, NULL);
			}
		} else if (is_go_name(w, name)) {
			/* A symlink to a Go file is followed; one to a directory is not. */
			if (S_ISLNK(st.st_mode) && (stat(path.buf, &st) < 0 || !S_ISREG(st.st_mode))) {
				free(names[i].name);
				continue;
			}
			if (S_ISREG(st.st_mode) && !seen_before(w, &st))
				add_file(w, path.buf, 0, &st);
		}
		free(names[i].name);
	}
	free(names);
	strbuf_release(&path);

	for (i = 0; i < nr_sub; i++) {
		struct stat st;
		if (lstat(subdirs[i], &st) == 0 && S_ISDIR(st.st_mode) && !seen_before(w, &st))
			walk_dir(w, subdirs[i]);
		free(subdirs[i]);
	}
	free(subdirs);
}

static void walk_one(struct walker *w, const char *arg)
{
	struct strbuf dir = STRBUF_INIT;
	struct stat st;

	if (!strcmp(arg, "-")) {
		if (w->stdin_taken++) {
			error("standard input ('-') can be linted only once");
			w->out->errors++;
			return;
		}
		add_file(w, "<stdin>", 1, NULL);
		return;
	}
	/* Go's "dir/..." and "./..." forms. */
	if (!strcmp(arg, "...") || ends_with(arg, "/...")) {
		size_t len = strlen(arg) - 3;
		while (len > 1 && arg[len - 1] == '/')
			len--;
		strbuf_add(&dir, arg, len);
		if (!dir.len)
			strbuf_addch(&dir, '.');
		arg = dir.buf;
	}
	if (stat(arg, &st) < 0) {
		error("cannot lint '%s': %s", arg, strerror(errno));
		w->out->errors++;
	} else if (S_ISDIR(st.st_mode)) {
		if (!seen_before(w, &st)) {
			/* "./x" prints as "x/..."; keep what the user typed otherwise. */
			const char *p = arg;
			while (p[0] == '.' && p[1] == '/' && p[2])
				p += 2;
			walk_dir(w, p);
		}
	} else if (!S_ISREG(st.st_mode)) {
		error("cannot lint '%s': not a regular file or directory", arg);
		w->out->errors++;
	} else if (!ends_with(arg, ".go")) {
		error("cannot lint '%s': not a Go source file (no .go suffix)", arg);
		w->out->errors++;
	} else if (!seen_before(w, &st)) {
		add_file(w, arg, 0, &st);
		w->out->v[w->out->nr - 1].named = 1;
	}
	strbuf_release(&dir);
}

void walk_paths(const char *const *paths, size_t n, const struct walk_options *opts,
		struct walk_result *out)
{
	struct walker w = { .opts = opts, .out = out, .seen = STRMAP_INIT, .keys = ARENA_INIT };
	size_t i;

	for (i = 0; i < n; i++)
		walk_one(&w, paths[i]);
	strmap_clear(&w.seen);
	arena_release(&w.keys);
}

void walk_result_release(struct walk_result *r)
{
	size_t i;
	for (i = 0; i < r->nr; i++) {
		free(r->v[i].path);
		free(r->v[i].rules_off);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

size_t walk_dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? (size_t)(slash - path) : 0;
}
