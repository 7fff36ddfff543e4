/*
 * walk.h - turn the paths a user gave into the list of Go files to lint.
 *
 * A path is a file, a directory (walked recursively), or Go's `dir/...`
 * form (the same walk; `./...` is the current directory). "-" is standard
 * input. In a walk, directories named vendor, testdata, node_modules, and
 * those starting with "." or "_" (Go ignores these too) are skipped unless
 * the options say otherwise; a directory named explicitly is always
 * entered. Symbolic links to directories are not followed in a walk (as
 * go's own tools do), so a walk cannot loop; symbolic links to files are.
 * Each directory's files come before its subdirectories, both in byte
 * order of their names, so the list never depends on readdir order.
 * A file reached twice (`. ./...`) is listed once.
 */
#ifndef PLUMBER_WALK_H
#define PLUMBER_WALK_H

#include "base/common.h"

struct walk_options {
	int include_vendor, include_testdata, include_hidden;
	int no_tests; /* leave out *_test.go */
};

/*
 * A file's stat as the walk saw it (stamps.h): what tells a warm run the
 * file did not change. ino 0 and dev 0: unknown.
 */
struct file_stamp {
	uint64_t dev, ino, size;
	int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
};

struct walk_entry {
	char *path; /* as it will be printed */
	int from_stdin;
	size_t size; /* from stat, for scheduling */
	const char *data; /* when not NULL: the file's bytes (size of them), not read from disk */
	int named; /* named as a path, not found by a walk */
	int excluded; /* by the config file: read for package facts only (engine.h) */
	unsigned char *rules_off; /* [lint_nr_rules]: rules not run on it (config), or NULL; owned */
	struct file_stamp stamp;  /* from the walk's stat; zero for standard input and data */
};

struct walk_result {
	struct walk_entry *v;
	size_t nr, alloc;
	int errors; /* paths that did not exist or could not be listed */
};

/*
 * Append the files named by paths[0..n) to out. Problems with one path
 * (missing, unreadable directory, not a Go file) are reported with error()
 * and counted in out->errors; the walk goes on.
 */
void walk_paths(const char *const *paths, size_t n, const struct walk_options *opts,
		struct walk_result *out);

void walk_result_release(struct walk_result *r);

/* The directory part of a printed path ("a/b.go" -> "a", "b.go" -> "."), length only. */
size_t walk_dir_len(const char *path);

#endif
