/*
 * newfrom.h - which lines changed since a revision or in a patch, so that
 * `plumber lint --new-from-rev REV` / `--new-from-patch FILE` report only
 * findings a change brought (golangci-lint's new-from-rev).
 *
 * A unified diff is read for each file's new name and the line ranges of
 * its hunks in the new version (an added file is all new; a deleted one
 * does not count). A finding is new when a changed line lies in the
 * top-level function around it (its leaking path runs there: a defer moved
 * or a return added elsewhere in the function makes it new too), or, outside
 * any function, on its own lines.
 */
#ifndef PLUMBER_NEWFROM_H
#define PLUMBER_NEWFROM_H

#include "lint/lint.h"

struct changed_file {
	char *path;      /* absolute, as realpath() gives it */
	uint32_t *lines; /* pairs: first, last (1-based, inclusive), in order */
	size_t nr;       /* pairs */
	int whole;       /* every line is new (an untracked file) */
};

struct changed_lines {
	struct changed_file *v;
	size_t nr;
};

/*
 * Read a unified diff (git diff -U0 or any -U) whose paths are relative to
 * `base` (a directory; with git's a/ b/ prefixes or without). Returns 0,
 * or -1 with *err set when the text is not a diff.
 */
int changed_lines_parse(struct changed_lines *cl, const char *text, size_t len,
			const char *base, const char **err);

/*
 * The lines changed in the work tree (staged or not) since rev, and the
 * untracked files, in the git repository around the current directory.
 * Returns 0, or -1 with a message in *err (static or in errbuf).
 */
int changed_lines_since(struct changed_lines *cl, const char *rev, struct strbuf *errbuf);

/* True when finding fd of file `path` (as printed) touches a changed line. */
int changed_lines_has(const struct changed_lines *cl, const char *path, const struct finding *fd);

void changed_lines_release(struct changed_lines *cl);

#endif
