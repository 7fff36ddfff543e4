/*
 * cmd_watch.c - `plumber watch`: sample a live process (and its pprof
 * endpoint), show it live, and say whether it leaks.
 *
 * The loop: read /proc (proc.c) and pprof (pprof.c) into one row of
 * struct watch_data, redraw the view (view.c), refresh --metrics
 * (metrics.c), sleep until the next tick. It stops on --for, on Ctrl-C or
 * SIGTERM, or when the target exits; then verdict.c judges and the
 * reporters write. A started command is put in its own process group, so
 * Ctrl-C stops plumber, which then ends the command and still reports.
 */
#include "base/common.h"
#include "base/options.h"
#include "base/strbuf.h"
#include "commands.h"
#include "watch/fleet.h"
#include "watch/metrics.h"
#include "watch/pprof.h"
#include "watch/proc.h"
#include "watch/source.h"
#include "watch/view.h"
#include "watch/watch.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *const watch_usage[] = {
	"plumber watch [options] --pid PID",
	"plumber watch [options] -- CMD [ARGS...]",
	"plumber watch [options] --prometheus URL [--match SELECTOR] [--range DURATION]",
	NULL,
};

static const char watch_about[] =
	"Samples a live process (fds by kind, TCP sockets by state, threads, RSS;\n"
	"goroutines and heap with --pprof) and says whether it leaks, what, how\n"
	"fast, and when it will hit its fd limit. With --prometheus, judges every\n"
	"instance of a fleet the same way from the metrics a Prometheus-compatible\n"
	"server holds (go_goroutines, process_open_fds...). Exit 1 on a leak, 0 when\n"
	"ok or inconclusive, 2 on errors.";

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t child_changed;

static void on_stop(int sig)
{
	UNUSED(sig);
	stop_requested = 1;
}

static void on_child(int sig)
{
	UNUSED(sig);
	child_changed = 1;
}

/*
 * Parse a duration as Go writes them: "500ms", "30s", "2m", "1h30m",
 * "1m30.5s", or a plain number of seconds; also "2d" and "1w" as
 * Prometheus writes them. Returns seconds, or -1 when the text is not a
 * positive duration.
 */
static double parse_duration(const char *s)
{
	static const struct { const char *suffix; double seconds; } units[] = {
		{ "ms", 0.001 }, { "s", 1 }, { "m", 60 }, { "h", 3600 }, { "d", 86400 },
		{ "w", 604800 },
	};
	double total = 0;

	for (;;) {
		char *end;
		double v;
		size_t i, len = 0;

		errno = 0;
		v = strtod(s, &end);
		if (errno || end == s || v < 0 || isinf(v) || isnan(v) || *s == '-' || *s == '+')
			return -1;
		if (!*end) { /* a bare number: seconds, only as the whole text */
			if (total > 0)
				return -1;
			total = v;
			break;
		}
		for (i = 0; i < ARRAY_SIZE(units); i++) {
			size_t n = strlen(units[i].suffix);
			/* "m" must not take the "m" of "ms" */
			if (!strncmp(end, units[i].suffix, n) && n > len &&
			    !(n == 1 && end[0] == 'm' && end[1] == 's')) {
				total += v * units[i].seconds;
				len = n;
			}
		}
		if (!len)
			return -1;
		s = end + len;
		if (!*s)
			break;
	}
	return total > 0 && !isinf(total) ? total : -1;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_until(double when)
{
	struct timespec ts;
	double left = when - now_seconds();

	if (left <= 0)
		return;
	ts.tv_sec = (time_t)left;
	ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL); /* a signal cuts it short: that is the point */
}

struct watch_run {
	pid_t pid;
	pid_t child;            /* the started command, 0 with --pid */
	int child_reaped;
	int child_status;
	int use_pprof;
	struct pprof_client pprof;
	unsigned pprof_skip[3]; /* samples to skip an endpoint after it failed */
	char *pprof_why[3];     /* the last problem reported for each endpoint */
	int pprof_answered;     /* some endpoint has answered once */
	int warned_links;       /* said that the fd links cannot be read */
	double started;         /* when watching began (now_seconds) */
	int index_unusable;     /* the pprof index has no goroutine count */
	long profile_countdown; /* samples until the next goroutine profile */
	struct proc_fd_cache fd_cache; /* fd kinds between readlink passes */
	int warned_fds;
	struct watch_data data;
	struct strbuf target;
};

/*
 * Start argv in its own process group; dies when it cannot be run. With
 * stdout_to_stderr the command's stdout goes to our stderr (our stdout
 * carries a report).
 */
static pid_t start_command(const char **argv, int stdout_to_stderr)
{
	int pipefd[2], err = 0;
	pid_t pid;
	ssize_t n;

	/* The exec error travels back through a close-on-exec pipe. */
	if (pipe2(pipefd, O_CLOEXEC))
		die_errno("cannot create a pipe");
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		die_errno("cannot fork");
	if (!pid) {
		setpgid(0, 0);
		if (stdout_to_stderr)
			dup2(2, 1);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		execvp(argv[0], (char *const *)argv);
		err = errno;
		if (write(pipefd[1], &err, sizeof(err)) < 0)
			_exit(127);
		_exit(127);
	}
	close(pipefd[1]);
	do
		n = read(pipefd[0], &err, sizeof(err));
	while (n < 0 && errno == EINTR);
	close(pipefd[0]);
	if (n == (ssize_t)sizeof(err)) {
		waitpid(pid, NULL, 0);
		die("cannot run '%s': %s; check the command after --", argv[0], strerror(err));
	}
	return pid;
}

/* Reap the child if it has exited; returns 1 when it has. */
static int reap_child(struct watch_run *w, int block)
{
	int status;
	pid_t r;

	if (!w->child || w->child_reaped)
		return w->child_reaped;
	do
		r = waitpid(w->child, &status, block ? 0 : WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == w->child) {
		w->child_reaped = 1;
		w->child_status = status;
	}
	return w->child_reaped;
}

/* End the started command: SIGTERM to its group, SIGKILL after 2 s. */
static void end_child(struct watch_run *w)
{
	double deadline;

	if (!w->child || reap_child(w, 0))
		return;
	kill(-w->child, SIGTERM);
	deadline = now_seconds() + 2;
	while (!reap_child(w, 0) && now_seconds() < deadline)
		sleep_until(now_seconds() + 0.02);
	if (!w->child_reaped) {
		kill(-w->child, SIGKILL);
		reap_child(w, 1);
	}
}

#define PPROF_GRACE 10.0 /* seconds */

/* Die now if an output FILE (not "-") cannot be written, rather than after the watch. */
static void check_writable(const char *path, const char *opt)
{
	FILE *f;
	if (!path || !strcmp(path, "-"))
		return;
	if (!*path)
		die("%s needs a file name (or - for stdout)", opt);
	f = fopen(path, "a");
	if (!f)
		die("cannot write %s for %s: %s; check the path", path, opt, strerror(errno));
	fclose(f);
}

static void pprof_failed(struct watch_run *w, unsigned which, const char *path,
			 const char *why)
{
	/*
	 * A command we started needs a moment to open its pprof port: stay
	 * quiet until it has answered once, for up to PPROF_GRACE seconds.
	 */
	if (w->child && !w->pprof_answered && now_seconds() - w->started < PPROF_GRACE)
		return;
	/* Each distinct problem of an endpoint is reported once. */
	if (!w->pprof_why[which] || strcmp(w->pprof_why[which], why)) {
		warning("%s%s: %s; sampling goes on without it (is --pprof the target's net/http/pprof address?)",
			w->pprof.base, path, why);
		free(w->pprof_why[which]);
		w->pprof_why[which] = xstrdup(why);
	}
	w->pprof_skip[which] = 5; /* a hanging endpoint must not stall every sample */
}

enum pprof_endpoint { EP_INDEX, EP_PROFILE, EP_HEAP, EP_NR };

static const char *const pprof_paths[EP_NR] = {
	[EP_INDEX] = "/debug/pprof/",
	[EP_PROFILE] = "/debug/pprof/goroutine?debug=1",
	[EP_HEAP] = "/debug/pprof/heap?debug=1",
};

/*
 * GET one endpoint into body; 0 on success, -1 on failure (reported,
 * unless quiet).
 */
static int pprof_fetch(struct watch_run *w, enum pprof_endpoint ep, struct strbuf *body,
		       int quiet)
{
	struct strbuf why = STRBUF_INIT;

	if (w->pprof_skip[ep]) {
		w->pprof_skip[ep]--;
		return -1;
	}
	if (pprof_get(&w->pprof, pprof_paths[ep], body, &why)) {
		if (why.len && why.buf[0] >= 'A' && why.buf[0] <= 'Z')
			why.buf[0] = (char)(why.buf[0] - 'A' + 'a');
		if (!quiet)
			pprof_failed(w, ep, pprof_paths[ep], why.buf);
		/* a hanging or refusing endpoint must not stall every sample: try it again later */
		w->pprof_skip[ep] = 5;
		strbuf_release(&why);
		return -1;
	}
	w->pprof_answered = 1;
	strbuf_release(&why);
	return 0;
}

/*
 * Poll the pprof endpoints into row[]; failures are reported once each.
 * The goroutine count comes from the index page (runtime.NumGoroutine(),
 * cheap for the target); the profile, which walks every goroutine's stack,
 * is fetched at the rate pprof_profile_every() sets from the last count,
 * or every sample when the index has no count.
 */
static void sample_pprof(struct watch_run *w, double t, double *row)
{
	struct strbuf body = STRBUF_INIT;
	struct pprof_memstats ms;
	int want_profile = w->index_unusable;

	if (!want_profile && --w->profile_countdown <= 0)
		want_profile = 1;

	/* The index is a shortcut: when it fails, the profile speaks instead. */
	if (!w->index_unusable) {
		if (pprof_fetch(w, EP_INDEX, &body, 1)) {
			want_profile = 1;
		} else {
			long n = pprof_index_goroutines_parse(body.buf, body.len);
			if (n >= 0)
				row[SERIES_GOROUTINES] = (double)n;
			else
				w->index_unusable = want_profile = 1;
		}
	}
	if (want_profile) {
		double count = watch_data_last(&w->data, SERIES_GOROUTINES);
		if (!isnan(row[SERIES_GOROUTINES]))
			count = row[SERIES_GOROUTINES];
		w->profile_countdown = pprof_profile_every(isnan(count) ? 0 : (long)count);
	}
	if (stop_requested)
		goto out;
	if (want_profile && !pprof_fetch(w, EP_PROFILE, &body, 0)) {
		if (goroutine_groups_add(&w->data.groups, t, body.buf, body.len)) {
			pprof_failed(w, EP_PROFILE, pprof_paths[EP_PROFILE],
				     "the answer is not a goroutine profile");
		} else if (isnan(row[SERIES_GOROUTINES])) {
			row[SERIES_GOROUTINES] = (double)w->data.groups.total;
		}
	}
	if (stop_requested)
		goto out;
	if (!pprof_fetch(w, EP_HEAP, &body, 0)) {
		if (pprof_memstats_parse(body.buf, body.len, &ms)) {
			pprof_failed(w, EP_HEAP, pprof_paths[EP_HEAP], "the answer has no runtime.MemStats");
		} else {
			row[SERIES_HEAP_INUSE] = (double)ms.heap_inuse;
			row[SERIES_HEAP_ALLOC] = ms.heap_alloc >= 0 ? (double)ms.heap_alloc : NAN;
			row[SERIES_HEAP_GOAL] = ms.next_gc >= 0 ? (double)ms.next_gc : NAN;
		}
	}
out:
	strbuf_release(&body);
}

static double count_or_nan(long long v)
{
	return v < 0 ? NAN : (double)v;
}

/* Take one sample at time t; returns what proc_sample_read() said. */
static enum proc_read_result take_sample(struct watch_run *w, double t)
{
	struct proc_sample s;
	double row[SERIES_NR];
	enum proc_read_result r;
	int fd_errno, i;
	long other = 0;

	r = proc_sample_read(w->pid, &s, &fd_errno, &w->fd_cache);
	if (r != PROC_OK)
		return r;
	if (s.fd_links_denied && !w->warned_links) {
		warning("cannot read the fd links of pid %d (permission denied: not its user, or no CAP_SYS_PTRACE); fds are counted but their kinds and sockets are missing",
			(int)w->pid);
		w->warned_links = 1;
	}
	if (!s.have_fds && !w->warned_fds) {
		warning("cannot read /proc/%d/fd: %s; fd and socket figures are missing (run as the target's user or as root)",
			(int)w->pid, strerror(fd_errno));
		w->warned_fds = 1;
	}
	for (i = 0; i < SERIES_NR; i++)
		row[i] = NAN;
	if (!w->target.len)
		strbuf_addf(&w->target, "pid %d (%s)", (int)w->pid, s.comm);
	row[SERIES_FDS] = count_or_nan(s.fds);
	row[SERIES_FD_SOCKET] = count_or_nan(s.fd_kinds[FD_SOCKET]);
	row[SERIES_FD_FILE] = count_or_nan(s.fd_kinds[FD_FILE]);
	row[SERIES_FD_PIPE] = count_or_nan(s.fd_kinds[FD_PIPE]);
	row[SERIES_FD_ANON] = count_or_nan(s.fd_kinds[FD_ANON]);
	row[SERIES_FD_OTHER] = count_or_nan(s.fd_kinds[FD_OTHER]);
	if (s.have_fds) {
		for (i = 0; i < TCP_ST_NR; i++)
			if (i != TCP_ST_ESTABLISHED && i != TCP_ST_CLOSE_WAIT &&
			    i != TCP_ST_TIME_WAIT && i != TCP_ST_LISTEN)
				other += s.tcp[i];
		row[SERIES_TCP_ESTABLISHED] = (double)s.tcp[TCP_ST_ESTABLISHED];
		row[SERIES_TCP_CLOSE_WAIT] = (double)s.tcp[TCP_ST_CLOSE_WAIT];
		row[SERIES_TCP_TIME_WAIT] = (double)s.tcp[TCP_ST_TIME_WAIT];
		row[SERIES_TCP_LISTEN] = (double)s.tcp[TCP_ST_LISTEN];
		row[SERIES_TCP_OTHER] = (double)other;
		row[SERIES_TX_QUEUE] = (double)s.tx_queue;
		row[SERIES_RX_QUEUE] = (double)s.rx_queue;
	}
	row[SERIES_THREADS] = count_or_nan(s.threads);
	row[SERIES_RSS] = count_or_nan(s.rss_bytes);
	w->data.nofile_soft = s.nofile_soft;
	if (w->use_pprof)
		sample_pprof(w, t, row);
	watch_data_add(&w->data, t, row);
	return PROC_OK;
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop; /* no SA_RESTART: a signal cuts the sleep short */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_child;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* The exit code of the started command, as a shell would give it. */
static int child_exit_code(const struct watch_run *w)
{
	if (WIFEXITED(w->child_status))
		return WEXITSTATUS(w->child_status);
	if (WIFSIGNALED(w->child_status))
		return 128 + WTERMSIG(w->child_status);
	return EXIT_TROUBLE;
}

/* The options of --prometheus, checked and converted; dies on a bad value. */
static int run_fleet(struct fleet_options *fo, const char *range_arg, const char *step_arg,
		     const char *end_arg, const char *timeout_arg)
{
	if ((fo->range_s = parse_duration(range_arg ? range_arg : "6h")) < 0)
		die("--range expects a duration like 30m, 6h or 2d, not '%s'", range_arg);
	if (fo->range_s < 1)
		die("--range must be at least 1s");
	if (step_arg && ((fo->step_s = parse_duration(step_arg)) < 0 || fo->step_s < 0.001))
		die("--step expects a duration like 15s or 1m, not '%s'", step_arg);
	if (step_arg && fo->step_s > fo->range_s / (TREND_MIN_SAMPLES - 1))
		die("--step %s leaves fewer than %d points in --range; give a smaller --step",
		    step_arg, TREND_MIN_SAMPLES);
	if (end_arg && (fo->end = prom_parse_time(end_arg)) <= 0)
		die("--end expects a time like 2024-05-01T12:00:00Z or unix seconds, not '%s'", end_arg);
	if ((fo->timeout_s = parse_duration(timeout_arg ? timeout_arg : "30s")) < 0 ||
	    fo->timeout_s < 0.1)
		die("--timeout expects a duration like 10s or 2m, not '%s'", timeout_arg);
	if (fo->pprof_template && !strstr(fo->pprof_template, "://"))
		die("--pprof-template expects a URL such as 'http://{instance}/debug/pprof', not '%s'",
		    fo->pprof_template);
	if (fo->source_dir && !fo->pprof_template)
		die("--source needs --pprof-template with --prometheus: the places to look come from goroutine stacks");
	return fleet_run(fo);
}

int cmd_watch(int argc, const char **argv)
{
	int pid = 0, pass_exit = 0, quiet = 0, dashdash = 0, rc, exited_itself;
	const char *interval_arg = NULL, *for_arg = NULL, *json_path = NULL;
	const char *html_path = NULL, *metrics_addr = NULL, *pprof_url = NULL;
	int stdout_report;
	const char *source_dir = NULL;
	const char *prom_url = NULL, *match = NULL, *range_arg = NULL, *step_arg = NULL;
	const char *end_arg = NULL, *timeout_arg = NULL, *token_file = NULL;
	const char *basic_auth_file = NULL, *cacert = NULL, *pprof_template = NULL;
	struct strvec headers = STRVEC_INIT;
	int jobs = 0;
	struct option opts[] = {
		OPT_GROUP("What to watch"),
		OPT_INT('p', "pid", &pid, "PID", "watch the running process PID"),
		OPT_STRING(0, "pprof", &pprof_url, "URL",
			   "poll URL/debug/pprof/ (http://host:6060)"),
		OPT_BOOL(0, "pass-exit", &pass_exit,
			 "exit with CMD's code when it exits by itself"),
		OPT_GROUP("How long"),
		OPT_STRING('i', "interval", &interval_arg, "DURATION",
			   "time between samples: 500ms, 1s (default), 5s"),
		OPT_STRING(0, "for", &for_arg, "DURATION",
			   "stop after DURATION (30s, 2m, 1h); default: no limit"),
		OPT_GROUP("Reports"),
		OPT_STRING(0, "json", &json_path, "FILE", "write the report as JSON to FILE (- for stdout)"),
		OPT_STRING(0, "html", &html_path, "FILE", "write a self-contained HTML report to FILE (- for stdout)"),
		OPT_STRING(0, "metrics", &metrics_addr, "ADDR",
			   "serve Prometheus metrics on ADDR (127.0.0.1:9464)"),
		OPT_STRING(0, "source", &source_dir, "DIR",
			   "with --pprof or --pprof-template: tie stacks to lint findings"),
		OPT_BOOL('q', "quiet", &quiet, "no live view and no progress lines"),
		OPT_GROUP("A fleet, from Prometheus (instead of --pid or CMD)"),
		OPT_STRING(0, "prometheus", &prom_url, "URL",
			   "judge every instance a Prometheus-compatible server holds (http://host:9090)"),
		OPT_STRING(0, "match", &match, "SELECTOR",
			   "label matchers of the instances: '{job=\"api\"}' (default: every go_goroutines series)"),
		OPT_STRING(0, "range", &range_arg, "DURATION", "how far back to look: 6h (default), 30m, 2d"),
		OPT_STRING(0, "step", &step_arg, "DURATION",
			   "time between points (default: range/360, never finer than the scrape interval)"),
		OPT_STRING(0, "end", &end_arg, "TIME",
			   "end of the range: 2024-05-01T12:00:00Z or unix seconds (default: now)"),
		OPT_STRING(0, "timeout", &timeout_arg, "DURATION", "time limit of each query (default 30s)"),
		OPT_STRING(0, "token-file", &token_file, "FILE",
			   "bearer token from FILE (or $PLUMBER_PROMETHEUS_TOKEN, $PLUMBER_PROMETHEUS_TOKEN_FILE)"),
		OPT_STRING(0, "basic-auth-file", &basic_auth_file, "FILE",
			   "basic auth user:password from FILE (or $PLUMBER_PROMETHEUS_USER and _PASSWORD)"),
		OPT_STRING(0, "cacert", &cacert, "FILE", "CA certificates (PEM) to check an https server with"),
		OPT_LIST(0, "header", &headers, "'NAME: VALUE'",
			 "send a header with every query, e.g. 'X-Scope-OrgID: tenant-1' (repeatable)"),
		OPT_INT('j', "jobs", &jobs, "N", "queries at once (default 4)"),
		OPT_STRING(0, "pprof-template", &pprof_template, "URL",
			   "fetch a goroutine profile of each leaking instance: 'http://{instance}/debug/pprof'"),
		OPT_END(),
	};
	struct watch_run w;
	struct source_index source;
	struct view view;
	struct metrics_server *metrics = NULL;
	struct verdict verdict;
	struct watch_report report;
	double interval, limit = 0, start, next;
	const char *ended = "interrupted";
	enum proc_read_result r;
	FILE *text_out = stdout;

	memset(&report, 0, sizeof(report));
	argc = parse_options(argc, argv, opts, watch_usage, watch_about, &dashdash);
	if (prom_url) {
		struct fleet_options fo = {
			.url = prom_url, .match = match, .token_file = token_file,
			.basic_auth_file = basic_auth_file, .cacert = cacert, .headers = headers,
			.jobs = jobs, .pprof_template = pprof_template, .source_dir = source_dir,
			.json_path = json_path, .html_path = html_path, .quiet = quiet,
		};
		if (pid || argc > 0)
			die("--prometheus judges a fleet; give it no --pid and no command");
		if (pprof_url)
			die("--pprof applies to one process; with --prometheus use --pprof-template");
		if (interval_arg || for_arg || metrics_addr || pass_exit)
			die("--%s applies to a live watch, not to --prometheus",
			    interval_arg ? "interval" : for_arg ? "for" : metrics_addr ? "metrics" : "pass-exit");
		/* a wrong path should not cost the queries: try them now */
		check_writable(json_path, "--json");
		check_writable(html_path, "--html");
		rc = run_fleet(&fo, range_arg, step_arg, end_arg, timeout_arg);
		strvec_clear(&headers);
		return rc;
	}
	if (match || range_arg || step_arg || end_arg || timeout_arg || token_file ||
	    basic_auth_file || cacert || headers.nr || jobs || pprof_template)
		die("--%s needs --prometheus URL",
		    match ? "match" : range_arg ? "range" : step_arg ? "step" : end_arg ? "end"
		    : timeout_arg ? "timeout" : token_file ? "token-file"
		    : basic_auth_file ? "basic-auth-file" : cacert ? "cacert"
		    : headers.nr ? "header" : jobs ? "jobs" : "pprof-template");
	if (!interval_arg)
		interval_arg = "1s";
	if ((interval = parse_duration(interval_arg)) < 0)
		die("--interval expects a duration like 500ms, 1s or 2m, not '%s'", interval_arg);
	if (interval < 0.01)
		die("--interval must be at least 10ms");
	if (for_arg && (limit = parse_duration(for_arg)) < 0)
		die("--for expects a duration like 30s, 2m or 1h, not '%s'", for_arg);
	if (dashdash > 0)
		die("unexpected argument '%s'; put the command to run after --", argv[0]);
	if (pid && argc > 0)
		die("give either --pid or a command after --, not both");
	if (!pid && argc == 0)
		die("nothing to watch; use --pid PID, -- CMD [ARGS...] or --prometheus URL (see 'plumber watch --help')");
	if (pass_exit && pid)
		die("--pass-exit only applies to a command started after --");
	if (source_dir && !pprof_url)
		die("--source needs --pprof: the places to look come from the goroutine stacks");
	if (json_path && !strcmp(json_path, "-"))
		text_out = stderr;
	if (html_path && !strcmp(html_path, "-")) {
		if (text_out == stderr)
			die("--json - and --html - cannot both use stdout; give one of them a FILE");
		text_out = stderr;
	}
	stdout_report = text_out == stderr;
	/* A wrong path should not cost the whole watch: try them now. */
	check_writable(json_path, "--json");
	check_writable(html_path, "--html");

	memset(&w, 0, sizeof(w));
	strbuf_init(&w.target, 0);
	w.data.nofile_soft = -1;
	goroutine_groups_init(&w.data.groups);
	if (source_dir) {
		source_index_init(&source);
		if (source_index_load(&source, source_dir))
			die("cannot lint --source %s; give the directory of the target's Go source",
			    source_dir);
		if (!source.files_linted)
			die("no Go files in --source %s; give the directory of the target's Go source",
			    source_dir);
		w.data.source = &source;
	}
	if (metrics_addr)
		metrics = metrics_server_start(metrics_addr); /* before a command runs: it may die */
	install_signals();
	if (argc > 0) {
		int i;
		argv[argc] = NULL;
		w.child = start_command(argv, stdout_report);
		w.pid = w.child;
		for (i = 0; i < argc; i++)
			strbuf_addf(&w.target, "%s%s", i ? " " : "", argv[i]);
	} else {
		w.pid = pid;
	}
	if (pprof_url) {
		pprof_client_init(&w.pprof, pprof_url);
		if (interval * 1000 > w.pprof.timeout_ms)
			w.pprof.timeout_ms = (long)(interval * 1000);
		w.use_pprof = 1;
	}

	start = w.started = now_seconds();
	r = take_sample(&w, 0);
	if (r == PROC_GONE && !w.child)
		die("no process with pid %d; check the pid (ps -p %d)", pid, pid);
	if (r == PROC_DENIED) {
		end_child(&w);
		die("cannot read /proc/%d: permission denied; run as the target's user or as root",
		    (int)w.pid);
	}
	view_init(&view, quiet);
	next = start;
	while (r == PROC_OK) {
		double elapsed = now_seconds() - start;
		if (view.active || metrics) {
			verdict_compute(&w.data, &verdict);
			report.target = w.target.buf;
			report.duration_s = elapsed;
			report.ended = NULL;
			report.data = &w.data;
			report.verdict = &verdict;
			view_update(&view, &report);
			if (metrics)
				metrics_server_update(metrics, &report);
			verdict_release(&verdict);
		}
		if (stop_requested)
			break;
		if (limit && elapsed + 1e-6 >= limit) {
			ended = "watched for the time given with --for";
			break;
		}
		next += interval;
		if (limit && next - start > limit)
			next = start + limit;
		sleep_until(next);
		if (stop_requested)
			break;
		if (w.child && reap_child(&w, 0)) {
			r = PROC_GONE;
			break;
		}
		r = take_sample(&w, now_seconds() - start);
	}
	exited_itself = r == PROC_GONE;
	if (r == PROC_GONE) {
		ended = "the target exited";
		if (w.child && reap_child(&w, 1)) {
			if (WIFEXITED(w.child_status))
				ended = WEXITSTATUS(w.child_status) ? "the command exited with an error"
								    : "the command exited";
			else
				ended = "the command was killed by a signal";
		}
	} else if (r == PROC_DENIED) {
		ended = "the target could no longer be read";
	}
	end_child(&w);
	view_finish(&view);

	verdict_compute(&w.data, &verdict);
	report.target = w.target.len ? w.target.buf : "?";
	report.duration_s = w.data.nr ? w.data.t[w.data.nr - 1] : 0;
	report.ended = ended;
	report.exited = exited_itself;
	report.data = &w.data;
	report.verdict = &verdict;
	if (metrics) {
		metrics_server_update(metrics, &report);
		metrics_server_stop(metrics);
	}
	report_text(text_out, &report);
	rc = !strcmp(verdict.verdict, "leak") ? EXIT_FOUND : EXIT_CLEAN;
	if (json_path && report_json_write(json_path, &report))
		rc = EXIT_TROUBLE;
	if (html_path && report_html_write(html_path, &report))
		rc = EXIT_TROUBLE;
	if (pass_exit && exited_itself && rc != EXIT_TROUBLE)
		rc = child_exit_code(&w);

	verdict_release(&verdict);
	watch_data_release(&w.data);
	proc_fd_cache_release(&w.fd_cache);
	if (source_dir)
		source_index_release(&source);
	strbuf_release(&w.target);
	if (w.use_pprof)
		pprof_client_release(&w.pprof);
	free(w.pprof_why[0]);
	free(w.pprof_why[1]);
	free(w.pprof_why[2]);
	return rc;
}
