/*
 * stamps.h - what a file's bytes hash to, known from its stat alone.
 *
 * A warm run must know whether each file changed; reading and hashing
 * every file to learn that is most of a warm run on a small tree. The
 * stamp table remembers, per path, the stat a file had when its bytes
 * were hashed (device, inode, size, mtime and ctime to the nanosecond)
 * and that hash. A file whose stat is the same is taken to hold the same
 * bytes, as git's index does, with git's rule for "racy" files: a stamp
 * is recorded only when the file's mtime and ctime are at least
 * STAMP_RACY_S seconds older than the run that read it, so that a write
 * after the read always moves them past the recorded ones, even on a
 * file system whose clock ticks coarsely. ctime cannot be set back (a
 * `touch -d` moves it forward), so a file changed in place with its
 * mtime restored still shows. A stamp only ever spares a read: a wrong
 * or missing one means the file is read.
 *
 * The table is one cache entry (cache.h: checksummed, written whole
 * under a temporary name and renamed, trimmed with the rest), keyed by
 * this binary and the directory the run started in, since paths are kept
 * as printed (relative to it).
 */
#ifndef PLUMBER_STAMPS_H
#define PLUMBER_STAMPS_H

#include "lint/cache.h"
#include "lint/walk.h"

#define STAMP_RACY_S 2
/* Entries kept at most; those of files the run did not see go first. */
#define STAMP_MAX_ENTRIES 500000

struct stamps;

/* The table of cache dir for the current directory; empty when there is none (never NULL). */
struct stamps *stamps_load(const char *cache_dir);

/*
 * The hash of path's bytes into *content when its stamp `now` is the one
 * recorded; returns 1 then, else 0 (no stamp, or the file changed).
 */
int stamps_lookup(const struct stamps *t, const char *path, const struct file_stamp *now,
		  struct cache_hash *content);

/* Remember that path, with stamp st, held bytes hashing to content (thread-safe; racy rule above). */
void stamps_record(struct stamps *t, const char *path, const struct file_stamp *st,
		   const struct cache_hash *content);

/* Write the table back when it changed. Frees t. */
void stamps_save_and_free(struct stamps *t);

/* The hash of a file's bytes, as stamps keep it. */
struct cache_hash stamps_content_hash(const char *buf, size_t len);

#endif
