/*
 * engine.h - run the enabled rules over a list of files, in parallel, and
 * hand each file's findings to a sink in input order.
 *
 * Files of one directory form a package and are worked together by one
 * worker, so rules can use facts about the whole package. Each file is
 * read, checked (size, binary), prefiltered (its bytes must contain a
 * needle of some enabled rule, or it is not parsed at all), parsed with
 * the worker's own TSParser, turned into a compact ast, and checked.
 * Problems with a file are noted and the run goes on.
 */
#ifndef PLUMBER_ENGINE_H
#define PLUMBER_ENGINE_H

#include "lint/lint.h"
#include "lint/walk.h"

/* Deeper syntax trees than this are skipped (rules recurse on nesting). */
#define LINT_MAX_DEPTH 20000

struct lint_options {
	int jobs;
	size_t max_file_size;          /* bytes; larger files are skipped */
	const unsigned char *enabled;  /* [lint_nr_rules]: 1 = run the rule */
	int progress;                  /* draw a progress line on stderr */
	int dump_flow;                 /* debug: print every function's graph */
};

struct lint_stats {
	size_t files, bytes, skipped, parsed;
	double elapsed_ms;
};

struct lint_sink {
	/* Called in input order on the calling thread, once per file. */
	void (*file_done)(void *ctx, const struct lint_file *f);
	void *ctx;
};

/*
 * Lint the files in `inputs`. Returns the number of findings reported.
 * Notes about files (skipped, syntax errors) go to stderr in input order.
 */
size_t lint_run(const struct lint_options *opts, const struct walk_result *inputs,
		const struct lint_sink *sink, struct lint_stats *stats);

#endif
