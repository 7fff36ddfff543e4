/*
 * fix.h - text edits that fix a finding, applying them, and showing them
 * as a unified diff.
 *
 * A rule that knows a safe fix describes it as edits on the file's
 * source bytes (replace [start, end) by text). Edits of one run on one
 * file must not overlap; fix_apply() refuses them if they do, and the
 * file is left alone. The caller re-lints what it applied: the edits of
 * one finding may move what another finding points at, so `--fix` works
 * in rounds (apply the edits that do not overlap, lint again) until
 * nothing is left to fix.
 *
 * Pure functions over buffers; thread safe.
 */
#ifndef PLUMBER_FIX_H
#define PLUMBER_FIX_H

#include "base/common.h"
#include "base/strbuf.h"

struct edit {
	uint32_t start, end; /* byte range replaced, end exclusive */
	char *text;          /* the new text (owned) */
};

struct edit_list {
	struct edit *v;
	size_t nr, alloc;
};

#define EDIT_LIST_INIT { NULL, 0, 0 }

/* Append an edit (text is copied). */
void edit_list_add(struct edit_list *l, uint32_t start, uint32_t end, const char *text);

/* Free the edits' texts and the array; the list is empty again. */
void edit_list_release(struct edit_list *l);

/*
 * Apply edits e[0..nr) to src (len bytes) into out (appended). Edits may
 * come in any order. Returns 0, or -1 when two edits overlap or one lies
 * outside the source (out is then unspecified).
 */
int fix_apply(const char *src, size_t len, const struct edit *e, size_t nr, struct strbuf *out);

/*
 * The 1-based line and byte column of offset off in src.
 */
void fix_position(const char *src, size_t len, uint32_t off, uint32_t *line, uint32_t *col);

/*
 * The same, counting from a known place: offset `ref` on line `ref_line`
 * (cost: the distance between them, not the file's length).
 */
void fix_position_near(const char *src, size_t len, uint32_t ref, uint32_t ref_line, uint32_t off,
		       uint32_t *line, uint32_t *col);

/*
 * A unified diff (3 lines of context, `--- a/path` / `+++ b/path`, as
 * `git apply` and `patch -p1` read it) from old to new, appended to out.
 * Nothing is appended when they are equal.
 */
void fix_diff(const char *path, const char *old, size_t old_len, const char *new_text,
	      size_t new_len, struct strbuf *out);

#endif
