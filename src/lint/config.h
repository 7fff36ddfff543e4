/*
 * config.h - .plumber.yml: the lint settings a repository commits next to
 * its code (DESIGN.md, Contract; docs/lint.md, "The config file";
 * docs/plumber.example.yml shows every key).
 *
 *	enable: [rule...]            disable: [rule...]     ("all": every rule)
 *	tests: true|false            true: like --tests
 *	generated: true|false        true: like --generated
 *	exclude: [glob...]           files not linted (still read for package facts)
 *	exclude-rules: [{path: glob, rules: [rule...]}]
 *	rules: {<rule>: {<option>: [string...]}}   (struct rule_option)
 *
 * The file is found from the current directory upward, up to the
 * repository root (the directory that holds .git, a directory or a
 * file) or /, whichever comes first; or named with --config. YAML is read
 * with libyaml. Everything is checked: an unknown key, a value of the
 * wrong type, a rule or an option that does not exist, a bad name or
 * glob is an error that names the file, the line and the column, and
 * what was expected. An empty file (or one of comments only) sets
 * nothing.
 *
 * Globs are paths relative to the config file's directory, matched
 * against the canonical path of each file linted (so a run from a
 * subdirectory, or with ../ paths, matches the same files): `*`, `?` and
 * `[...]` within one path element (fnmatch(3)), `**` for any number of
 * elements (none too). A glob that matches a directory matches
 * everything below it: `internal/legacy` needs no trailing `**` element.
 */
#ifndef PLUMBER_CONFIG_H
#define PLUMBER_CONFIG_H

#include "base/options.h"
#include "base/strbuf.h"
#include "lint/walk.h"

#define CONFIG_NAME ".plumber.yml"
#define CONFIG_MAX_BYTES (1 << 20)

/* A glob of exclude (rules NULL) or of an exclude-rules entry. */
struct config_glob {
	char *glob;           /* cleaned: no leading "./" or "/", no trailing "/" */
	uint32_t line;
	unsigned char *rules; /* exclude-rules: [lint_nr_rules], 1 = the rule is off there */
};

struct lint_config {
	char *path;            /* the file read, as found (relative to the cwd) or given; NULL: none */
	char *dir;             /* its directory, absolute and canonical */
	signed char *rule_on;  /* [lint_nr_rules]: -1 the file does not say, 0 disabled, 1 enabled */
	uint32_t *rule_line;   /* [lint_nr_rules]: the line that says so */
	int tests;             /* -1 not set, 0 false, 1 true */
	uint32_t tests_line;
	int generated;         /* the same */
	uint32_t generated_line;
	struct config_glob *exclude;
	size_t nr_exclude;
	struct config_glob *exclude_rules;
	size_t nr_exclude_rules;
	/*
	 * [lint_nr_rules]: NULL, or the rule's option lists in its
	 * rule->options order (struct lint_options.rule_values), and the
	 * line that set each (0: not set).
	 */
	struct strvec **values;
	uint32_t **value_lines;
};

#define LINT_CONFIG_INIT { .tests = -1, .generated = -1 }

/*
 * Look for CONFIG_NAME from the current directory upward (see above).
 * Returns 1 and sets *path (".plumber.yml", "../.plumber.yml"...) when
 * one exists, whether or not it can be read; 0 when there is none.
 */
int config_find(struct strbuf *path);

/*
 * Parse the YAML text buf[0..len) into *cfg (initialised with
 * LINT_CONFIG_INIT); `name` is the file's name for messages. Returns 0,
 * or -1 with one line in *err: "NAME:LINE:COL: what is wrong; expected
 * what". Sets neither cfg->path nor cfg->dir.
 */
int config_parse(struct lint_config *cfg, const char *buf, size_t len, const char *name,
		 struct strbuf *err);

/*
 * Read and parse the file at `path`, and set cfg->path and cfg->dir.
 * Returns 0, or -1 with the reason in *err (cannot read it, too large,
 * or config_parse()'s message).
 */
int config_load(struct lint_config *cfg, const char *path, struct strbuf *err);

void config_release(struct lint_config *cfg);

/*
 * True when glob (cleaned as in struct config_glob) matches `rel`, a
 * path relative to the config file's directory, or one of the
 * directories above it.
 */
int config_glob_matches(const char *glob, const char *rel);

/*
 * Mark the inputs that exclude matches (walk_entry.excluded) and give
 * those exclude-rules matches their rules_off. Standard input and paths
 * outside the config file's directory are left alone. A file named on
 * the command line is excluded like any other (as golangci-lint does).
 */
void config_mark_inputs(const struct lint_config *cfg, struct walk_result *inputs);

/* What the command line decided, for config_print(). */
struct config_flags {
	const unsigned char *enabled;   /* [lint_nr_rules]: the rules in force */
	const char *const *rule_flag;   /* [lint_nr_rules]: "--enable"/"--disable" when a flag decided */
	const char *tests_flag;         /* "--tests", "--no-tests", or NULL */
	const char *generated_flag;     /* "--generated", or NULL */
	const char *why_none;           /* when no file was read: why, for the header */
};

/*
 * Print the settings in force as a .plumber.yml, each with a comment
 * saying where it comes from: "default", "FILE:LINE" or the flag.
 */
void config_print(FILE *out, const struct lint_config *cfg, const struct config_flags *fl);

#endif
