/*
 * lint.h - the lint engine's shared types: input files, findings, rules.
 *
 * Data flows one way (DESIGN.md): paths -> files -> syntax trees -> package
 * facts -> findings -> emitter. A rule reads one file's ast, the package's
 * facts and flow graphs, and reports through lint_report(); it never
 * parses, never prints. Everything a rule gets in its rule_ctx belongs to
 * the worker thread running it.
 */
#ifndef PLUMBER_LINT_H
#define PLUMBER_LINT_H

#include "base/arena.h"
#include "base/strbuf.h"
#include "lint/ast.h"
#include "lint/walk.h"

struct flow;
struct strvec;
struct pkg_facts;
struct directives;
struct imports;

struct finding {
	const struct rule *rule;
	uint32_t line, col, end_line, end_col; /* 1-based, columns in bytes */
	uint32_t col_utf16, end_col_utf16;     /* the same columns in UTF-16 units (SARIF) */
	uint32_t func_line, func_end_line;     /* the top-level function around it, or 0 */
	char *message;
	char *fix; /* how to fix it, or NULL */
	int in_test; /* test code (lint_is_test_code()): shown by the test policy only */
	struct finding_edit *edits; /* a safe fix as edits of the file (fix.h), or NULL */
	size_t nr_edits;
};

/* One edit of a finding's fix: replace [start, end) of the linted bytes by text. */
struct finding_edit {
	uint32_t start, end;                   /* byte offsets, end exclusive */
	uint32_t line, col, end_line, end_col; /* 1-based, byte columns, end exclusive */
	char *text;
};

/* One input file. Fields below `work:` only live while a worker has it. */
struct lint_file {
	char *path;          /* as printed: relative to the cwd, as given */
	size_t size;         /* bytes read */
	int from_stdin;      /* read standard input, not path */
	int named;           /* named on the command line: its test findings are always shown */
	const char *data;    /* in-memory contents (size bytes) instead of path, or NULL */
	int skipped;         /* could not be linted (see notes) */
	int parsed;          /* passed the prefilter and was parsed */
	struct strbuf notes; /* stderr lines for this file, printed in order */
	struct finding *findings;
	size_t nr_findings, alloc_findings;
	size_t nr_hidden;     /* findings in test code left out by the test policy (engine.h) */
	int tests_unlinted;   /* a test file a rule would read, left out by the test policy */
	int decls_only;       /* generated: read for its declarations only, not linted (engine.h) */
	int excluded;         /* excluded by the config file: read for package facts only */
	const unsigned char *rules_off; /* [lint_nr_rules]: rules not run on it (config), or NULL */
	uint32_t syntax_line; /* first line of a syntax error, or 0: the file parsed whole */
	uint32_t new_exprs;   /* Go 1.26 new(expr) calls the grammar does not know, read as calls */
	struct file_stamp stamp; /* the walk's stat of it (walk.h), for the cache's stamps */

	/* work: */
	struct strbuf src;
	int loaded;              /* src holds the whole file (the engine's load()) */
	int content_known;       /* content holds the hash of its bytes (stamps.h) */
	uint64_t content[2];
	uint64_t *needles_found; /* the engine's prefilter needles in src (needles.h), once found */
	int graph_needle;        /* src holds one of facts_call_graph_needles: 2, not: 1, unknown: 0 */
	struct ast ast;
	struct directives *dirs;
	struct imports *imports; /* the file's imports (ownership.h) */
	struct flow **flows; /* by function node, built on demand */
	struct flow **rule_flows; /* the same, with the no-return functions of rule_flows_of */
	const struct rule *rule_flows_of;
};

struct rule_ctx {
	const struct rule *rule;
	struct lint_file *file;
	const struct ast *ast;
	const struct pkg_facts *facts;
	struct arena *arena; /* scratch, freed after the file */
	const struct strvec *values; /* rule's option lists in rule->options order, or NULL: none set */
};

/*
 * An option of a rule, set in a config file (`rules: {<id>: {<name>:
 * [...]}}`, config.h). Every option is a list of strings; what they name
 * is the rule's to say (namelist.h for functions and types).
 */
struct rule_option {
	const char *name;
	const char *help; /* what the strings are, for errors and --print-config */
	/*
	 * The name in each string (after its last '.') is one more needle of
	 * the rule's prefilter: a file that only mentions a client type the
	 * user named must still be parsed.
	 */
	int needles;
};

/*
 * The option every rule that follows paths in the flow graph takes:
 * more functions that never return (namelist.h), for that rule's graphs.
 */
#define RULE_OPTION_NO_RETURN \
	{ "no-return", "functions that never return (Name, pkg.Name): a path ends at their call", 0 }

/* The options of a rule whose only option is no-return. */
extern const struct rule_option rule_options_no_return[];

struct rule {
	const char *id;
	const char *summary;  /* one line, for --list-rules and SARIF */
	const char *severity; /* "error" or "warning" */
	int default_on;
	/*
	 * Prefilter: a file is parsed for this rule only if its bytes contain
	 * at least one of these strings (NULL-terminated list).
	 */
	const char *const *needles;
	/*
	 * When some file of a package needs this rule, the package's files
	 * containing one of these are parsed too, for package facts (e.g. a
	 * helper that closes what it is given). NULL for none.
	 */
	const char *const *fact_needles;
	/* Another linter's name whose //nolint also silences this rule. */
	const char *alias;
	/* Its options (struct rule_option), ended by { NULL }; NULL for none. */
	const struct rule_option *options;
	void (*check)(struct rule_ctx *rc);
};

/* The registry: every rule, in rules.def order. */
extern const struct rule *const lint_rules[];
extern const size_t lint_nr_rules;

/*
 * Report a finding of rc->rule at node `at` (its start is the anchor
 * line). `fix` may be NULL. Dropped when the node lies in a syntax error
 * or a //nolint or //plumber:ignore directive covers it.
 */
void lint_report(struct rule_ctx *rc, uint32_t at, const char *fix,
		 const char *fmt, ...) PRINTF_LIKE(4, 5);

struct edit_list;

/*
 * lint_report() with a safe fix: `edits` (fix.h) on the file's source,
 * which the finding takes over (the list is left empty, whether the
 * finding is kept or dropped). `fix` says in words what they do.
 */
void lint_report_edits(struct rule_ctx *rc, uint32_t at, struct edit_list *edits, const char *fix,
		       const char *fmt, ...) PRINTF_LIKE(5, 6);

/* Free what a finding owns (message, fix, edits). */
void lint_finding_release(struct finding *fd);

/*
 * True when node `at` is test code: in a _test.go file, outside an
 * Example function (examples are documentation people copy, so rules that
 * skip tests still check them).
 */
int lint_is_test_code(const struct rule_ctx *rc, uint32_t at);

/*
 * A note about this file for stderr ("<path>:<line>: ..."), printed in
 * input order with the file's other notes; for work a rule had to cut
 * short. Does not count as a finding.
 */
void lint_note(struct rule_ctx *rc, uint32_t at, const char *fmt, ...) PRINTF_LIKE(3, 4);

/*
 * True when the file is net/http's own code (imports.h, is_http): found by
 * its directory's import path, never by its package name. Rules that
 * judge net/http's API from outside skip it.
 */
int lint_is_net_http(const struct rule_ctx *rc);

/*
 * The control-flow graph of function `fn` (see flow.h), built once per
 * file; with the rule's own no-return functions (its "no-return" option)
 * when it has any.
 */
const struct flow *lint_flow(struct rule_ctx *rc, uint32_t fn);

/*
 * The strings set for rc->rule's option called `name` (one of its
 * rule->options); an empty list when the config file set none. The list
 * belongs to the run.
 */
const struct strvec *lint_option(const struct rule_ctx *rc, const char *name);

/* The index of option `name` in rule r's options, or -1. */
int lint_rule_option(const struct rule *r, const char *name);

#endif
