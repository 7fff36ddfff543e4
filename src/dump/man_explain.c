/*
 * man_explain.c - the prose of plumber-explain(1) beyond --help; the
 * page's options come from cmd_explain.c's option table (base/manpage.h).
 */
#include "commands.h"
#include "base/manpage.h"
#include "version.h"

static const struct man_section explain_sections[] = {
	{ "INPUT",
	  "The format is detected line by line, and log lines and test output around "
	  "the dump are skipped: `runtime.Stack` output and /debug/pprof/goroutine?debug=2, "
	  "crash and SIGQUIT tracebacks, ?debug=1 count records, Go 1.26's goroutineleak "
	  "profile, and the reports of go.uber.org/goleak and of tests' own leak checks. "
	  "A dump pasted from a terminal, a chat or an issue (tabs turned to spaces, "
	  "quoted, fenced, behind log timestamps, lines cut by the terminal's width) is "
	  "read as if Go had written it.",
	  NULL },
	{ "OUTPUT",
	  "Groups of goroutines with the same stack, the largest first; for each, what "
	  "the net/http goroutines in it are (a body waiting to be read, an idle pooled "
	  "connection, a request in flight, a handler...), the leak it shows if any "
	  "(`unclosed-body`, `idle-conn-growth`, `stuck-write`, `hung-request`, "
	  "`blocked-goroutines`), the first frame of the program's own code, the fix, and "
	  "the plumber lint rule that finds the cause in the source. `--format json` "
	  "prints the same as one JSON document.",
	  NULL },
	{ "EXIT STATUS",
	  "* 0\n"
	  "no leak diagnosed.\n"
	  "\n"
	  "* 1\n"
	  "a leak was diagnosed (with `--diff`: some group grew).\n"
	  "\n"
	  "* 2\n"
	  "a usage or input error: an unreadable file, nothing that looks like a dump, an "
	  "endpoint that fails.",
	  NULL },
	{ "ENVIRONMENT",
	  "* NO_COLOR\n"
	  "when set, `--color auto` does not colour the text output.",
	  NULL },
	{ "EXAMPLES",
	  "    plumber explain goroutines.txt\n"
	  "    curl -s localhost:6060/debug/pprof/goroutine?debug=2 | plumber explain -\n"
	  "    plumber explain --pprof http://localhost:6060\n"
	  "    plumber explain --diff before.txt after.txt",
	  NULL },
	{ "SEE ALSO", "plumber(1), plumber-lint(1), plumber-watch(1).", NULL },
	{ NULL, NULL, NULL },
};

const struct man_page man_explain = {
	.name = "plumber-explain",
	.summary = "group a goroutine dump and name the leak it shows",
	.version = plumber_version,
	.sections = explain_sections,
};
