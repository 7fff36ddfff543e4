/*
 * options.h - command-line options described by a table that also carries
 * the help text, so --help cannot drift from the parser (git's
 * parse-options).
 *
 *	static const char *const usage[] = {
 *		"plumber lint [options] [PATH...]",
 *		NULL,
 *	};
 *	struct option opts[] = {
 *		OPT_INT('j', "jobs", &jobs, "N", "parse with N threads"),
 *		OPT_END(),
 *	};
 *	argc = parse_options(argc, argv, opts, usage, "Finds leaks.");
 *
 * Accepted forms: --name, --name=value, --name value, -x, -xvalue, -x value;
 * "--" ends the options and everything after it is passed on verbatim.
 * Non-option arguments may appear between options; they are returned in
 * order in argv[0..n). -h and --help print help on stdout and exit 0;
 * the hidden --help-man prints the manual page instead (manpage.h).
 * Errors (unknown option, missing or bad value) die() with a one-line
 * message naming the command's --help.
 */
#ifndef PLUMBER_OPTIONS_H
#define PLUMBER_OPTIONS_H

#include "common.h"

/* A list of strings gathered from a repeatable option; it owns copies. */
struct strvec {
	char **v;
	size_t nr, alloc;
};
#define STRVEC_INIT { NULL, 0, 0 }
void strvec_push(struct strvec *sv, const char *s);
void strvec_clear(struct strvec *sv);

enum opt_type {
	OPT_TYPE_END,
	OPT_TYPE_GROUP,  /* a heading in --help */
	OPT_TYPE_BOOL,   /* int *, set to 1 (--no-NAME sets 0) */
	OPT_TYPE_INT,    /* int *, must be a non-negative decimal */
	OPT_TYPE_DOUBLE, /* double * */
	OPT_TYPE_STRING, /* const char **, the last occurrence wins */
	OPT_TYPE_LIST,   /* struct strvec *, every occurrence is pushed, after `prefix` */
};

struct option {
	enum opt_type type;
	int short_name;
	const char *long_name;
	void *value;
	const char *argh; /* name of the value in --help, e.g. "N" */
	const char *help;
	int hidden;
	const char *prefix; /* OPT_TYPE_LIST: prepended to each value pushed */
};

#define OPT_END() { .type = OPT_TYPE_END }
#define OPT_GROUP(h) { .type = OPT_TYPE_GROUP, .help = (h) }
#define OPT_BOOL(s, l, v, h) { .type = OPT_TYPE_BOOL, .short_name = (s), .long_name = (l), .value = (v), .help = (h) }
#define OPT_INT(s, l, v, a, h) { .type = OPT_TYPE_INT, .short_name = (s), .long_name = (l), .value = (v), .argh = (a), .help = (h) }
#define OPT_DOUBLE(s, l, v, a, h) { .type = OPT_TYPE_DOUBLE, .short_name = (s), .long_name = (l), .value = (v), .argh = (a), .help = (h) }
#define OPT_STRING(s, l, v, a, h) { .type = OPT_TYPE_STRING, .short_name = (s), .long_name = (l), .value = (v), .argh = (a), .help = (h) }
#define OPT_LIST(s, l, v, a, h) { .type = OPT_TYPE_LIST, .short_name = (s), .long_name = (l), .value = (v), .argh = (a), .help = (h) }
/* Several options feeding one list in command-line order, told apart by prefix. */
#define OPT_LIST_TAGGED(s, l, v, a, h, p) { .type = OPT_TYPE_LIST, .short_name = (s), .long_name = (l), .value = (v), .argh = (a), .help = (h), .prefix = (p) }
#define OPT_HIDDEN_BOOL(l, v) { .type = OPT_TYPE_BOOL, .long_name = (l), .value = (v), .hidden = 1 }

/*
 * Parse argv[1..argc) against opts. Returns the number of arguments left,
 * which are moved to argv[0..n). `usage` is a NULL-terminated list of
 * synopsis lines; `about` a paragraph shown under them in --help.
 * If `dashdash` is not NULL, it is set to the index in the returned argv
 * of the first argument that followed "--" (or to n when there was none).
 */
int parse_options(int argc, const char **argv, const struct option *opts,
		  const char *const *usage, const char *about, int *dashdash);

/* -h, --help, which every command takes: the last option of its --help. */
extern const struct option option_help;

/* Print the --help text to `out`. */
void usage_with_options(FILE *out, const char *const *usage, const char *about,
			const struct option *opts);

#endif
