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
 *
 * Syntax: a file that does not parse whole is linted where it parses.
 * Go 1.26's `new(expr)` (`new(500)`, `new(f())`), which the pinned
 * grammar only knows as `new(Type)`, is read as the call it is: the file
 * is parsed again with those `new`s seen as plain identifiers (same bytes
 * otherwise), and the better tree is kept.
 *
 * Test code (lint_is_test_code()): by default its findings are kept only
 * in packages whose tests check for leaks, because there a leaked body
 * fails the test suite; elsewhere a leak in a test costs a test process a
 * few sockets, and test code outnumbers the rest in real findings. What a
 * package's tests check is read from its _test.go files: they import a
 * leak checker (go.uber.org/goleak, fortytw2/leaktest, grpc's leakcheck)
 * or call one (a function named like VerifyNoLeaks, checkLeaks,
 * VerifyGoLeaks, MustTestMainWithLeakDetection, or net/http's and etcd's
 * afterTest). A test file named on the command line (not found by a
 * walk) shows its findings: the user asked for it. Elsewhere test files
 * are not linted at all (lint_stats.tests_unlinted counts those a rule
 * would have read: half of a real repository's bytes are tests), except
 * for their Example functions, which are documentation people copy and
 * always shown; other findings of such a file are counted
 * (lint_stats.hidden_tests), not reported, and do not count in
 * lint_run()'s result.
 *
 * Generated files (a `// Code generated ... DO NOT EDIT.` line before the
 * package clause) are their generator's to fix, and golangci-lint leaves
 * them out too: by default they are read for their declarations only
 * (types, signatures and package variables, for package facts), parsed
 * without their function bodies (parts.h), and not linted
 * (lint_stats.generated counts them). A generated file named on the
 * command line, or lint_options.generated, lints them as any other. On a
 * real repository (argo-cd) this is half of the non-test bytes.
 *
 * Config (config.h): an input marked `excluded` is not checked and not
 * reported (no findings, no notes, not counted in the stats; the sink
 * still gets it, empty, in its place), but its package still reads it for
 * package facts, so a helper in an excluded file still closes what it is
 * given. `rules_off` leaves those rules out on that file.
 */
#ifndef PLUMBER_ENGINE_H
#define PLUMBER_ENGINE_H

#include "lint/lint.h"
#include "lint/walk.h"

struct changed_lines;

/* Deeper syntax trees than this are skipped (rules recurse on nesting). */
#define LINT_MAX_DEPTH 20000

enum lint_tests {
	LINT_TESTS_LEAKCHECK = 0, /* test findings of packages whose tests check for leaks */
	LINT_TESTS_ALL,           /* every test finding */
};

struct lint_options {
	int jobs;
	enum lint_tests tests;
	int generated;                 /* lint generated files whole, as any other */
	size_t max_file_size;          /* bytes; larger files are skipped */
	const unsigned char *enabled;  /* [lint_nr_rules]: 1 = run the rule */
	int progress;                  /* draw a progress line on stderr */
	int dump_flow;                 /* debug: print every function's graph */
	int verbose;                   /* a note for each file with a syntax error */
	const char *cache_dir;         /* results kept across runs here (cache.h), or NULL */
	uint64_t cache_max_bytes;      /* the bound of cache_dir (0: the default) */
	const struct changed_lines *only_new; /* report only findings on these (newfrom.h), or NULL */
	/*
	 * [lint_nr_rules]: each rule's option lists, in its rule->options
	 * order (a config file's `rules:`), or NULL (none set; also per rule).
	 */
	const struct strvec *const *rule_values;
};

/* The default bound of the cache directory. */
#define LINT_CACHE_MAX_BYTES ((uint64_t)256 << 20)

struct lint_stats {
	size_t files, bytes, skipped, parsed;
	size_t hidden_tests;       /* findings in test code left out by the test policy */
	size_t tests_unlinted;     /* test files not linted under the test policy */
	size_t generated;          /* generated files read for their declarations only */
	size_t syntax_files;       /* files that did not parse whole */
	const char *syntax_path;   /* the first of them (its lint_file path), and */
	uint32_t syntax_line;      /* where its first error is */
	size_t new_expr_files;     /* files using new(expr), read as calls */
	size_t cached_packages;    /* packages whose results came from the cache */
	size_t files_unread;       /* of their files, those known unchanged by their stamps (stamps.h) */
	size_t packages;           /* packages (directories) linted */
	size_t not_new;            /* findings left out by only_new */
	double elapsed_ms;
};

struct lint_sink {
	/* Called in input order on the calling thread, once per file. */
	void (*file_done)(void *ctx, const struct lint_file *f);
	void *ctx;
};

/*
 * Lint the files in `inputs`. Returns the number of findings reported
 * (those the test policy leaves out are not). Notes about files (skipped;
 * syntax errors, with opts->verbose) go to stderr in input order; the
 * counts the caller may summarise are in *stats.
 */
size_t lint_run(const struct lint_options *opts, const struct walk_result *inputs,
		const struct lint_sink *sink, struct lint_stats *stats);

#endif
