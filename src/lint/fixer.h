/*
 * fixer.h - `plumber lint --fix` and `--diff`: apply the safe fixes the
 * rules offer (findings' edits, lint.h), in rounds, then write the files
 * or print a unified diff.
 *
 * A round lints the current text of every input (in memory), takes each
 * shown finding's edits when none of them overlaps an edit already taken
 * for that file (a finding's edits go together or not at all), and
 * applies them. Rounds repeat on the fixed text (a fix can move or
 * uncover another finding) until nothing changes, at most
 * FIXER_MAX_ROUNDS times. Files are written only when their bytes on disk
 * are still the ones read at the start (else: an error, the file is left
 * alone), atomically (a temporary file in the same directory, renamed
 * over it, with the original mode).
 */
#ifndef PLUMBER_FIXER_H
#define PLUMBER_FIXER_H

#include "lint/engine.h"

#define FIXER_MAX_ROUNDS 16

enum fixer_mode {
	FIXER_FIX,  /* write the fixed files; standard input's fixed text goes to stdout */
	FIXER_DIFF, /* print the fixes as a unified diff on stdout; write nothing */
};

struct fixer_result {
	size_t fixed;     /* findings whose edits were applied */
	size_t files;     /* files changed */
	size_t remaining; /* findings reported on the fixed text */
	int errors;       /* files that could not be read or written */
};

/*
 * Run the fixer over `inputs` (their `data` is set and cleared here).
 * `sink` receives the findings that remain after the last round, in
 * input order, as lint_run() would hand them (NULL: not reported).
 */
void fixer_run(const struct lint_options *opts, struct walk_result *inputs, enum fixer_mode mode,
	       const struct lint_sink *sink, struct lint_stats *stats, struct fixer_result *res);

#endif
