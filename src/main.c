/*
 * main.c - dispatch to a command through the command table.
 */
#include "base/common.h"
#include "base/manpage.h"
#include "base/strbuf.h"
#include "commands.h"
#include "version.h"

#include <locale.h>

struct command {
	const char *name;
	int (*fn)(int argc, const char **argv);
	const char *summary;
	const struct man_page *man;
};

static const struct command commands[] = {
	{ "lint", cmd_lint, "find HTTP resource leaks in Go source", &man_lint },
	{ "explain", cmd_explain, "group a goroutine dump and name the leak it shows", &man_explain },
	{ "watch", cmd_watch, "watch a live process and say whether, what and how fast it leaks",
	  &man_watch },
};

static const char *const main_usage[] = {
	"plumber <command> [options] [args]",
	"plumber --version",
	NULL,
};

static const char main_about[] =
	"plumber finds and explains HTTP resource leaks in Go services.";

/* plumber(1)'s DESCRIPTION: --help has the short one above. */
static const char main_description[] =
	"plumber finds and explains HTTP resource leaks in Go services: in the source\n"
	"before they ship (`plumber lint`), in a goroutine dump after they happen\n"
	"(`plumber explain`), and in a live process while they grow (`plumber watch`).\n"
	"It is one program, with no Go toolchain needed: response bodies closed on some\n"
	"paths only, defers in loops, a body closed before its error is checked, a\n"
	"transport made per call, handlers that buffer whole files, servers and clients\n"
	"without timeouts.\n"
	"\n"
	"Each command has its own page and its own `--help`.";

/* For --help and the manual page only: main() reads argv[1] itself. */
static const struct option main_opts[] = {
	OPT_BOOL(0, "version", NULL, "print the version and the git commit plumber was built from"),
	OPT_END(),
};

static void print_usage(FILE *out)
{
	struct strbuf about = STRBUF_INIT;
	size_t i;

	strbuf_addf(&about, "%s\n\ncommands:", main_about);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		strbuf_addf(&about, "\n    %-10s %s", commands[i].name, commands[i].summary);
	usage_with_options(out, main_usage, about.buf, main_opts);
	fprintf(out, "\nRun 'plumber <command> --help' for a command's options.\n"
		     "Exit codes: 0 nothing found, 1 something found, 2 usage or runtime error.\n");
	strbuf_release(&about);
}

/* plumber(1)'s COMMANDS, from the command table. */
static void commands_prose(struct strbuf *sb)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		strbuf_addf(sb, "* `plumber %s`\n%s; see %s(1).\n\n", commands[i].name,
			    commands[i].summary, commands[i].man->name);
}

static const struct man_section plumber_sections[] = {
	{ "COMMANDS", NULL, commands_prose },
	{ "EXIT STATUS",
	  "Every command exits with one of three codes:\n"
	  "\n"
	  "* 0\n"
	  "nothing found: no finding, no leak.\n"
	  "\n"
	  "* 1\n"
	  "something found: a finding, a diagnosed leak, a process that leaks.\n"
	  "\n"
	  "* 2\n"
	  "a usage error or a runtime error; one line on standard error says what to do.",
	  NULL },
	{ "SEE ALSO",
	  "plumber-lint(1), plumber-explain(1), plumber-watch(1). The rules are described "
	  "one page each under docs/rules/ in plumber's source tree.",
	  NULL },
	{ NULL, NULL, NULL },
};

static const struct man_page man_plumber = {
	.name = "plumber",
	.summary = "find and explain HTTP resource leaks in Go services",
	.version = plumber_version,
	.sections = plumber_sections,
};

int main(int argc, const char **argv)
{
	size_t i;

	setlocale(LC_ALL, "C");
	if (argc < 2) {
		print_usage(stderr);
		return EXIT_TROUBLE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		print_usage(stdout);
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "--help-man")) {
		man_write(stdout, &man_plumber, main_usage, main_description, main_opts);
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("plumber %s (commit %s)\n", plumber_version, plumber_commit);
		return EXIT_CLEAN;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcmp(argv[1], commands[i].name)) {
			static char name[64];
			snprintf(name, sizeof(name), "plumber %s", commands[i].name);
			prog_name = name;
			man_page_current = commands[i].man;
			return commands[i].fn(argc - 1, argv + 1);
		}
	}
	die("unknown command '%s'; see 'plumber --help'", argv[1]);
}
