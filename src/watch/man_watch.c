/*
 * man_watch.c - the prose of plumber-watch(1) beyond --help; the page's
 * options come from cmd_watch.c's option table (base/manpage.h).
 */
#include "commands.h"
#include "base/manpage.h"
#include "version.h"

static const struct man_section watch_sections[] = {
	{ "WHAT IS SAMPLED",
	  "From /proc: file descriptors by kind (sockets, files, pipes...), TCP sockets by "
	  "state, threads and resident memory. With `--pprof`, from the target's "
	  "net/http/pprof endpoint: goroutines grouped by stack, and the heap. A series "
	  "that grows for good is told from a pool warming up by its recent trend "
	  "(Theil-Sen slope and Mann-Kendall test); the verdict names the kind of leak, "
	  "how fast it grows and when the fd limit will be hit.\n"
	  "\n"
	  "With `-- CMD`, CMD is started in its own process group and ended (SIGTERM, then "
	  "SIGKILL) when watching stops.",
	  NULL },
	{ "A FLEET",
	  "With `--prometheus`, every instance whose metrics a Prometheus-compatible server "
	  "holds (go_goroutines, process_open_fds, process_max_fds, "
	  "process_resident_memory_bytes, go_memstats_heap_inuse_bytes, go_threads) is "
	  "judged the same way over `--range`, its series split at restarts.",
	  NULL },
	{ "EXIT STATUS",
	  "* 0\n"
	  "the verdict is ok or inconclusive.\n"
	  "\n"
	  "* 1\n"
	  "the verdict is leak (with `--prometheus`: some instance leaks), so a soak test "
	  "can gate on it.\n"
	  "\n"
	  "* 2\n"
	  "an error: a pid that does not exist, a command that cannot run, a report that "
	  "cannot be written, a server that cannot be queried.",
	  NULL },
	{ "ENVIRONMENT",
	  "* PLUMBER_PROMETHEUS_TOKEN, PLUMBER_PROMETHEUS_TOKEN_FILE\n"
	  "a bearer token for `--prometheus`, when `--token-file` is not given.\n"
	  "\n"
	  "* PLUMBER_PROMETHEUS_USER, PLUMBER_PROMETHEUS_PASSWORD, PLUMBER_PROMETHEUS_PASSWORD_FILE\n"
	  "basic authentication for `--prometheus`, when `--basic-auth-file` is not given.",
	  NULL },
	{ "EXAMPLES",
	  "    plumber watch --pid 4242 --pprof http://127.0.0.1:6060 --for 2m\n"
	  "    plumber watch --for 60s --json report.json --html report.html -- ./svc -flag\n"
	  "    plumber watch --prometheus http://prometheus:9090 --match '{job=\"api\"}'",
	  NULL },
	{ "SEE ALSO", "plumber(1), plumber-lint(1), plumber-explain(1).", NULL },
	{ NULL, NULL, NULL },
};

const struct man_page man_watch = {
	.name = "plumber-watch",
	.summary = "watch a live process and say whether, what and how fast it leaks",
	.version = plumber_version,
	.sections = watch_sections,
};
