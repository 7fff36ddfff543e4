/*
 * source.h - `plumber watch --source DIR`: tie the places a leak shows at
 * run time (a growing goroutine group's user frame, or the call sites of
 * its requests) to the lint findings of DIR at or around those places.
 *
 * The binary names its files by absolute build paths
 * (/build/svc/client/fetch.go), lint by the paths it was given
 * (svc/client/fetch.go), so files are matched on their path suffix:
 * the lint file that shares the most trailing path components with the
 * frame's file, when it is the only one with that many. A lint finding is
 * tied to a frame at line L of that file when L is in the finding's
 * function (lint reports each finding's top-level function) or within
 * SOURCE_NEAR_LINES of L. Ties are ordered by how well the lint rule
 * explains the runtime kind (kind_cause_rules() of kinds.h), then by the rank
 * of the place, then by distance; at most SOURCE_MAX_TIES are kept.
 *
 * The index is built once, before watching (source_index_load(), in
 * source_lint.c, runs the lint engine in process); joining is pure. Not
 * thread safe.
 */
#ifndef PLUMBER_WATCH_SOURCE_H
#define PLUMBER_WATCH_SOURCE_H

#include "base/common.h"

struct finding;

#define SOURCE_NEAR_LINES 5
#define SOURCE_MAX_TIES 5

struct source_file {
	char *path;                 /* as lint printed it */
};

struct source_lint {
	size_t file;                /* index in files[] */
	int line;
	int func_start, func_end;   /* its top-level function's lines, or 0, 0 */
	const char *rule;           /* static: the rule's id */
	char *message;
};

struct source_index {
	struct source_file *files;
	size_t nr_files, alloc_files;
	struct source_lint *lints;
	size_t nr_lints, alloc_lints;
	size_t files_linted;        /* every Go file lint read, with findings or not */
};

void source_index_init(struct source_index *idx);
void source_index_release(struct source_index *idx);

/* Add a file; returns its index. path is copied. */
size_t source_index_add_file(struct source_index *idx, const char *path);

/*
 * Add a lint finding of file `file` (an index) at `line`, inside the
 * function spanning lines func_start..func_end (0, 0: none); message is
 * copied.
 */
void source_index_add_lint(struct source_index *idx, size_t file, int line, int func_start,
			   int func_end, const char *rule, const char *message);

/*
 * source_lint.c: lint every Go file under dir with the default rules and
 * fill idx (empty before). Returns 0, or -1 when dir could not be walked
 * (reported with error()).
 */
int source_index_load(struct source_index *idx, const char *dir);

/*
 * The file of idx that a frame's path names, by path suffix; SIZE_MAX
 * when none, or when several share the best suffix (ambiguous).
 */
size_t source_match_file(const struct source_index *idx, const char *frame_path);

/*
 * Fill f->source from f->where (replacing what was there). Does nothing
 * when f has no places. Pure apart from f.
 */
void source_join(const struct source_index *idx, struct finding *f);

#endif
