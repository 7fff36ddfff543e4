/*
 * cmd_lint.c - plumber lint: find HTTP resource leaks in Go source.
 */
#include "commands.h"
#include "base/options.h"
#include "lint/emit/emit.h"
#include "lint/cache.h"
#include "lint/config.h"
#include "lint/newfrom.h"
#include "lint/engine.h"
#include "lint/fixer.h"

#include <errno.h>
#include <unistd.h>

static const struct emitter *const emitters[] = {
	&emit_text, &emit_json, &emit_sarif, &emit_github,
	&emit_checkstyle, &emit_code_climate, &emit_junit,
};

static const char *const lint_usage[] = {
	"plumber lint [options] [PATH...]",
	NULL,
};

static const char lint_about[] =
	"Finds HTTP resource leaks in Go source with per-function control-flow\n"
	"analysis; no Go toolchain needed. PATH is a file, a directory (walked\n"
	"recursively), Go's dir/... form, or - for standard input; default \".\".\n"
	"Exit status: 0 nothing found, 1 findings, 2 usage error or a file that\n"
	"could not be linted (unreadable, binary, too large or too deeply nested;\n"
	"the rest is still linted and printed). A file with syntax errors is\n"
	"linted where it parses and does not change the status.\n"
	"\n"
	"Test files: findings in *_test.go files are shown only for packages\n"
	"whose tests check for leaks (they import go.uber.org/goleak or call a\n"
	"leak checker), where a leak fails the tests; elsewhere test files are\n"
	"not linted (stderr counts them) and do not change the exit status (a\n"
	"test file named as a PATH, and Example functions, are always shown).\n"
	"--tests lints and shows them all; --no-tests does not read test files.\n"
	"\n"
	"Generated files (a \"// Code generated ... DO NOT EDIT.\" line before the\n"
	"package clause) are read for their declarations only and not linted\n"
	"(stderr counts them); --generated, or naming one as a PATH, lints them.\n"
	"\n"
	"Config: .plumber.yml, found from the current directory up to the\n"
	"repository root, sets enable, disable, tests, exclude (globs relative\n"
	"to its directory; excluded files are not reported, even when named),\n"
	"exclude-rules and per-rule options (rules:); flags override it. See\n"
	"docs/lint.md and docs/plumber.example.yml.";

static void list_rules(void)
{
	size_t i;
	for (i = 0; i < lint_nr_rules; i++) {
		const struct rule *r = lint_rules[i];
		printf("%-24s %-3s %-7s %s\n", r->id, r->default_on ? "on" : "off",
		       r->severity, r->summary);
	}
}

/*
 * Apply --enable and --disable in command-line order: each item is
 * "+RULE,..." or "-RULE,...", "all" meaning every rule. flag[] receives
 * the option that decided each rule it touches.
 */
static void set_rules(unsigned char *enabled, const char **flag, const struct strvec *lists)
{
	size_t i;
	for (i = 0; i < lists->nr; i++) {
		int value = lists->v[i][0] == '+';
		const char *p = lists->v[i] + 1;
		while (*p) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			size_t j;
			int found = 0;
			for (j = 0; j < lint_nr_rules; j++)
				if ((len == 3 && !memcmp(p, "all", 3)) ||
				    (strlen(lint_rules[j]->id) == len && !memcmp(lint_rules[j]->id, p, len))) {
					enabled[j] = (unsigned char)value;
					flag[j] = value ? "--enable" : "--disable";
					found = 1;
				}
			if (!found)
				die("unknown rule '%.*s'; see 'plumber lint --list-rules'", (int)len, p);
			p += len;
			if (*p == ',')
				p++;
		}
	}
}

/*
 * Read the config file: `file` (--config), else the one found upward
 * unless no_config. Dies on any problem with it. *why_none says why
 * there is none, for --print-config.
 */
static void load_config(struct lint_config *cfg, const char *file, int no_config,
			const char **why_none)
{
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;

	if (file && no_config)
		die("--config and --no-config contradict each other; use one");
	if (file && !*file)
		die("--config needs a file");
	*why_none = no_config ? "--no-config" :
		    "no " CONFIG_NAME " from the current directory up to the repository root";
	if (!file && !no_config && config_find(&path))
		file = path.buf;
	if (file && config_load(cfg, file, &err))
		die("%s", err.buf);
	strbuf_release(&path);
	strbuf_release(&err);
}

struct sink_ctx {
	const struct emitter *em;
	FILE *out;
};

static void on_file(void *ctx, const struct lint_file *f)
{
	struct sink_ctx *sc = ctx;
	sc->em->file(sc->out, f);
	fflush(sc->out);
}

/* An informational line on stderr: "<prog>: <message>", not an error. */
static void inform(const char *fmt, ...) PRINTF_LIKE(1, 2);
static void inform(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	strbuf_addf(&sb, "%s: ", prog_name);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strbuf_addch(&sb, '\n');
	fputs(sb.buf, stderr);
	strbuf_release(&sb);
}

/*
 * The run's counts on stderr, one line each, after everything else: what
 * did not parse whole (one file is named; more are counted, and -v named
 * each as it went), and the test findings left out.
 */
static void report_counts(const struct lint_stats *st, int verbose)
{
	if (st->syntax_files == 1 && !verbose)
		inform("%s:%u: syntax error; linting the parts that parse", st->syntax_path,
			st->syntax_line);
	else if (st->syntax_files > 1)
		inform("%zu files have syntax errors, or syntax newer than this Go grammar "
			"knows (first: %s:%u); linted the parts that parse%s",
			st->syntax_files, st->syntax_path, st->syntax_line,
			verbose ? "" : " (-v names them)");
	if (st->new_expr_files && verbose)
		inform("%zu file%s use%s Go 1.26's new(expr), which this Go grammar does not "
		       "know; read as calls", st->new_expr_files,
		       st->new_expr_files == 1 ? "" : "s", st->new_expr_files == 1 ? "s" : "");
	if (st->tests_unlinted && st->hidden_tests)
		inform("%zu test file%s not linted and %zu finding%s in test code not shown: only "
		       "packages whose tests check for leaks show them (--tests lints all)",
		       st->tests_unlinted, st->tests_unlinted == 1 ? "" : "s", st->hidden_tests,
		       st->hidden_tests == 1 ? "" : "s");
	else if (st->tests_unlinted)
		inform("%zu test file%s not linted: only packages whose tests check for leaks show "
		       "test findings (--tests lints all)",
		       st->tests_unlinted, st->tests_unlinted == 1 ? "" : "s");
	else if (st->hidden_tests)
		inform("%zu finding%s in test code not shown (--tests shows %s)", st->hidden_tests,
		       st->hidden_tests == 1 ? "" : "s", st->hidden_tests == 1 ? "it" : "them");
	if (st->generated)
		inform("%zu generated file%s read for %s declarations only, not linted (--generated "
		       "lints them)", st->generated, st->generated == 1 ? "" : "s",
		       st->generated == 1 ? "its" : "their");
	if (st->not_new)
		inform("%zu finding%s in code that did not change not shown (--new-from-rev, "
		       "--new-from-patch)", st->not_new, st->not_new == 1 ? "" : "s");
}

int cmd_lint(int argc, const char **argv)
{
	const char *format = "text";
	int jobs = 0, list = 0, include_vendor = 0, include_testdata = 0;
	int include_hidden = 0, no_tests = 0, tests = 0, max_mb = 32, dump_flow = 0, progress = -1;
	int verbose = 0, no_config = 0, print_config = 0;
	int fix = 0, diff = 0, no_cache = 0, generated = 0;
	const char *cache_dir = NULL, *new_rev = NULL, *new_patch = NULL, *config_file = NULL;
	char *default_cache = NULL;
	struct changed_lines changed = { 0 };
	struct strvec rule_switches = STRVEC_INIT;
	const struct option opts[] = {
		OPT_GROUP("Rules"),
		OPT_LIST_TAGGED(0, "enable", &rule_switches, "RULE,...",
				"turn rules on (\"all\": every rule); in order with --disable", "+"),
		OPT_LIST_TAGGED(0, "disable", &rule_switches, "RULE,...", "turn rules off", "-"),
		OPT_BOOL(0, "list-rules", &list, "list the rules, whether on by default, and exit"),
		OPT_GROUP("Config"),
		OPT_STRING(0, "config", &config_file, "FILE",
			   "read settings from FILE (default: " CONFIG_NAME " in the current directory "
			   "or above it, up to the repository root)"),
		OPT_BOOL(0, "no-config", &no_config, "read no config file"),
		OPT_BOOL(0, "print-config", &print_config,
			 "print the settings in force, and where each comes from, and exit"),
		OPT_GROUP("Input"),
		OPT_BOOL(0, "tests", &tests,
			 "show findings in every *_test.go file (default: only in packages "
			 "whose tests check for leaks)"),
		OPT_BOOL(0, "no-tests", &no_tests, "do not read *_test.go files at all"),
		OPT_BOOL(0, "generated", &generated,
			 "lint generated files (a \"// Code generated ... DO NOT EDIT.\" line) too "
			 "(default: read for their declarations only; their generator is what to fix)"),
		OPT_BOOL(0, "include-vendor", &include_vendor, "walk into vendor/ directories"),
		OPT_BOOL(0, "include-testdata", &include_testdata, "walk into testdata/ directories"),
		OPT_BOOL(0, "include-hidden", &include_hidden, "walk into directories starting with . or _"),
		OPT_INT(0, "max-file-size", &max_mb, "MB", "skip files larger than this (default 32)"),
		OPT_STRING(0, "new-from-rev", &new_rev, "REV",
			   "report only findings in code changed since git revision REV (and in "
			   "untracked files): adopt plumber without fixing the past first"),
		OPT_STRING(0, "new-from-patch", &new_patch, "FILE",
			   "report only findings in code a unified diff changes (paths relative to "
			   "the current directory)"),
		OPT_GROUP("Fixes"),
		OPT_BOOL(0, "fix", &fix, "apply the safe fixes in place (standard input: print the "
			 "fixed source), then report what remains"),
		OPT_BOOL(0, "diff", &diff, "print the safe fixes as a unified diff for git apply; "
			 "change nothing"),
		OPT_GROUP("Output"),
		OPT_STRING('f', "format", &format, "FORMAT", "text (default), json, sarif, github, checkstyle, "
			   "code-climate or junit-xml"),
		OPT_INT('j', "jobs", &jobs, "N", "worker threads (default: one per core)"),
		OPT_BOOL(0, "progress", &progress, "show progress on stderr (default: when a terminal)"),
		OPT_BOOL('v', "verbose", &verbose,
			 "name every file with a syntax error (default: a count at the end)"),
		OPT_GROUP("Cache"),
		OPT_STRING(0, "cache", &cache_dir, "DIR",
			   "keep results across runs in DIR (default: $XDG_CACHE_HOME/plumber, "
			   "else ~/.cache/plumber); an unchanged package is not linted again"),
		OPT_BOOL(0, "no-cache", &no_cache, "neither read nor write the cache"),
		OPT_HIDDEN_BOOL("dump-flow", &dump_flow),
		OPT_END(),
	};
	struct lint_options lo = { 0 };
	struct walk_options wo = { 0 };
	struct walk_result inputs = { 0 };
	struct lint_stats stats;
	struct sink_ctx sc = { NULL, stdout };
	struct lint_sink sink = { on_file, &sc };
	unsigned char *enabled;
	const char **rule_flag;
	struct lint_config cfg = LINT_CONFIG_INIT;
	const char *why_none;
	static const char *const dot[] = { "." };
	size_t i, found;
	int nr_args;

	nr_args = parse_options(argc, argv, opts, lint_usage, lint_about, NULL);
	if (list) {
		list_rules();
		return EXIT_CLEAN;
	}
	for (i = 0; i < ARRAY_SIZE(emitters); i++)
		if (!strcmp(emitters[i]->name, format))
			sc.em = emitters[i];
	if (!sc.em)
		die("unknown format '%s'; use text, json, sarif, github, checkstyle, code-climate "
		    "or junit-xml", format);
	if (max_mb < 1)
		die("--max-file-size must be at least 1 (MB)");
	if (tests && no_tests)
		die("--tests and --no-tests contradict each other; use one");

	/* defaults, then the config file, then the flags */
	load_config(&cfg, config_file, no_config, &why_none);
	enabled = xcalloc(lint_nr_rules, 1);
	rule_flag = xcalloc(lint_nr_rules, sizeof(*rule_flag));
	for (i = 0; i < lint_nr_rules; i++) {
		enabled[i] = (unsigned char)lint_rules[i]->default_on;
		if (cfg.rule_on && cfg.rule_on[i] >= 0)
			enabled[i] = (unsigned char)cfg.rule_on[i];
	}
	set_rules(enabled, rule_flag, &rule_switches);
	if (print_config) {
		struct config_flags fl = { enabled, rule_flag,
					   tests ? "--tests" : no_tests ? "--no-tests" : NULL,
					   generated ? "--generated" : NULL, why_none };
		config_print(stdout, &cfg, &fl);
		free(enabled);
		free(rule_flag);
		config_release(&cfg);
		strvec_clear(&rule_switches);
		return EXIT_CLEAN;
	}

	wo.include_vendor = include_vendor;
	wo.include_testdata = include_testdata;
	wo.include_hidden = include_hidden;
	wo.no_tests = no_tests;
	if (nr_args)
		walk_paths(argv, (size_t)nr_args, &wo, &inputs);
	else
		walk_paths(dot, 1, &wo, &inputs);
	config_mark_inputs(&cfg, &inputs);

	lo.jobs = jobs;
	lo.max_file_size = (size_t)max_mb << 20;
	lo.enabled = enabled;
	lo.progress = progress >= 0 ? progress : isatty(2);
	lo.dump_flow = dump_flow;
	lo.verbose = verbose;
	lo.tests = tests || (!no_tests && cfg.tests == 1) ? LINT_TESTS_ALL : LINT_TESTS_LEAKCHECK;
	lo.generated = generated || cfg.generated == 1;
	lo.rule_values = (const struct strvec *const *)cfg.values;
	if (no_cache && cache_dir)
		die("--cache and --no-cache contradict each other; use one");
	if (cache_dir && !*cache_dir)
		die("--cache needs a directory");
	if (!no_cache && !cache_dir)
		cache_dir = default_cache = cache_default_dir();
	lo.cache_dir = no_cache ? NULL : cache_dir;
	if (new_rev && new_patch)
		die("--new-from-rev and --new-from-patch do not go together; choose one");
	if (new_rev) {
		struct strbuf err = STRBUF_INIT;
		if (changed_lines_since(&changed, new_rev, &err))
			die("%s", err.buf);
		lo.only_new = &changed;
	} else if (new_patch) {
		struct strbuf patch = STRBUF_INIT;
		char cwd[4096];
		const char *perr = NULL;
		if (strbuf_read_file(&patch, new_patch, 0) < 0)
			die("cannot read --new-from-patch '%s': %s", new_patch, strerror(errno));
		if (!getcwd(cwd, sizeof(cwd)))
			die("cannot name the current directory: %s", strerror(errno));
		if (changed_lines_parse(&changed, patch.buf, patch.len, cwd, &perr))
			die("--new-from-patch '%s': %s", new_patch, perr);
		strbuf_release(&patch);
		lo.only_new = &changed;
	}

	if (fix && diff)
		die("--fix and --diff do not go together; choose one");
	if (fix || diff) {
		struct fixer_result res;
		int to_stdin = 0;
		for (i = 0; i < inputs.nr; i++)
			to_stdin |= inputs.v[i].from_stdin;
		/* the fixed source or the diff own stdout: what remains goes to stderr */
		sc.out = diff || to_stdin ? stderr : stdout;
		if (diff)
			sc.em = &emit_text;
		sc.em->begin(sc.out);
		fixer_run(&lo, &inputs, diff ? FIXER_DIFF : FIXER_FIX, diff ? NULL : &sink, &stats, &res);
		sc.em->end(sc.out, &stats);
		fprintf(stderr, "plumber: %s %zu finding%s in %zu file%s%s",
			diff ? "fixes for" : "fixed", res.fixed, res.fixed == 1 ? "" : "s", res.files,
			res.files == 1 ? "" : "s", diff ? " shown above" : "");
		if (!diff)
			fprintf(stderr, "; %zu remain%s", res.remaining, res.remaining == 1 ? "s" : "");
		fputc('\n', stderr);
		found = diff ? res.files + res.fixed : res.remaining;
		if (res.errors)
			inputs.errors += res.errors;
	} else {
		sc.em->begin(stdout);
		found = lint_run(&lo, &inputs, &sink, &stats);
		sc.em->end(stdout, &stats);
	}
	if (fflush(stdout) || ferror(stdout))
		die("cannot write the output");
	report_counts(&stats, verbose);

	free(enabled);
	free(rule_flag);
	free(default_cache);
	changed_lines_release(&changed);
	strvec_clear(&rule_switches);
	if (inputs.errors || stats.skipped) {
		size_t n = (size_t)inputs.errors + stats.skipped;
		error("%zu input%s could not be linted (see above)", n, n == 1 ? "" : "s");
		walk_result_release(&inputs);
		config_release(&cfg);
		return EXIT_TROUBLE;
	}
	walk_result_release(&inputs);
	config_release(&cfg);
	return found ? EXIT_FOUND : EXIT_CLEAN;
}
