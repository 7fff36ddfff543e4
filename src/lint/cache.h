/*
 * cache.h - what `plumber lint` found in a package, kept across runs.
 *
 * An entry holds the results of one package directory (every file's
 * findings, with their fixes, its notes and counters) under a key that
 * hashes everything they were computed from: this very binary, the
 * options that change results, the package's import path and every
 * file's path and bytes. What its package facts read from other packages
 * of the tree is listed in the entry (each import path with the hash of
 * that package's non-test files, or "not in the run"); an entry is used
 * only when every one of them still holds. So a change to one file
 * re-lints its package and the packages whose facts used it, and nothing
 * stale is ever replayed.
 *
 * Entries are files DIR/xx/<key>, written to a temporary name and renamed
 * (two runs may share a directory), with a checksum over their bytes: a
 * torn, corrupt or foreign entry is ignored and rewritten. The directory
 * is kept under a size bound by dropping the oldest entries.
 */
#ifndef PLUMBER_CACHE_H
#define PLUMBER_CACHE_H

#include "lint/lint.h"

/* A 128-bit hash (two 64-bit lanes). */
struct cache_hash {
	uint64_t a, b;
};

struct cache_hasher {
	uint64_t a, b, n;
};

void cache_hash_init(struct cache_hasher *h);
void cache_hash_add(struct cache_hasher *h, const void *data, size_t len);
/* A string with its length, so ("ab","c") and ("a","bc") differ. */
void cache_hash_str(struct cache_hasher *h, const char *s, size_t len);
void cache_hash_u64(struct cache_hasher *h, uint64_t v);
struct cache_hash cache_hash_done(const struct cache_hasher *h);

/* One package another package's facts read: its import path and the hash of its files. */
struct cache_dep {
	char *path;
	int present;           /* 0: the path named no package of the run */
	struct cache_hash hash; /* of its non-test files, when present */
};

/* Checks a dep against the current run: 1 when it still holds. */
typedef int (*cache_dep_check)(void *ctx, const struct cache_dep *dep);

/*
 * Read entry `key` of dir into files[0..nr): each file's findings,
 * counters and the notes of its work (appended to f->notes). Returns 1
 * on a hit; 0 (files untouched) when there is no entry, it is corrupt or
 * was written for other files, or a dep no longer holds.
 */
int cache_fetch(const char *dir, const struct cache_hash *key, cache_dep_check check, void *ctx,
		struct lint_file **files, size_t nr, const size_t *notes_from);

/*
 * Write entry `key`: deps[0..nr_deps), and of files[0..nr) what
 * cache_fetch restores (notes from notes_from[i] on). Errors are ignored:
 * a cache that cannot be written is a slower next run, not a failure.
 * Returns the bytes written (0 when nothing was).
 */
size_t cache_store(const char *dir, const struct cache_hash *key, const struct cache_dep *deps,
		   size_t nr_deps, struct lint_file *const *files, size_t nr,
		   const size_t *notes_from);

/*
 * An entry that is a payload of bytes, kept as the entries above are
 * (checksummed, renamed into place, under the same size bound): the
 * facts of a package for its importers (facts.h). cache_fetch_blob
 * appends the payload of entry `key` to *payload and returns 1, or 0 when
 * there is none whole; cache_store_blob returns the bytes written.
 */
int cache_fetch_blob(const char *dir, const struct cache_hash *key, struct strbuf *payload);
size_t cache_store_blob(const char *dir, const struct cache_hash *key, const char *payload,
			size_t len);

/* Drop the oldest entries of dir until it holds at most max_bytes * 3/4, if it holds more. */
void cache_trim(const char *dir, uint64_t max_bytes);

/*
 * A run wrote `written` bytes into dir: count them, and cache_trim()
 * once the runs since the last trim wrote max_bytes / 8 or more (a trim
 * lists every entry: a warm run that rewrote one package must not pay
 * for that). The directory then stays under max_bytes * 9/8.
 */
void cache_note_written(const char *dir, uint64_t max_bytes, uint64_t written);

/*
 * The default directory: $XDG_CACHE_HOME/plumber, else ~/.cache/plumber;
 * NULL when neither can be named. Caller frees.
 */
char *cache_default_dir(void);

/* The hash of the running binary (/proc/self/exe), computed once; zero when unreadable. */
struct cache_hash cache_self_hash(void);

#endif
