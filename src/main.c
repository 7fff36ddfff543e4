/*
 * main.c - dispatch to a command through the command table.
 */
#include "base/common.h"
#include "commands.h"
#include "version.h"

#include <locale.h>

struct command {
	const char *name;
	int (*fn)(int argc, const char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "lint", cmd_lint, "find HTTP resource leaks in Go source" },
	{ "explain", cmd_explain, "group a goroutine dump and name the leak it shows" },
	{ "watch", cmd_watch, "watch a live process and say whether, what and how fast it leaks" },
};

static void print_usage(FILE *out)
{
	size_t i;
	fprintf(out, "usage: plumber <command> [options] [args]\n\n"
		     "plumber finds and explains HTTP resource leaks in Go services.\n\n"
		     "commands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "    %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nRun 'plumber <command> --help' for a command's options.\n"
		     "Exit codes: 0 nothing found, 1 something found, 2 usage or runtime error.\n");
}

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
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("plumber %s (commit %s)\n", plumber_version, plumber_commit);
		return EXIT_CLEAN;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcmp(argv[1], commands[i].name)) {
			static char name[64];
			snprintf(name, sizeof(name), "plumber %s", commands[i].name);
			prog_name = name;
			return commands[i].fn(argc - 1, argv + 1);
		}
	}
	die("unknown command '%s'; see 'plumber --help'", argv[1]);
}
