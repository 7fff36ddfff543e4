/*
 * fleet_run.c - `plumber watch --prometheus URL`: plan the queries, run
 * them in batches on a few threads, judge, report; see fleet.h.
 *
 * The plan, in requests:
 *   1. /api/v1/series for go_goroutines{SELECTOR} over the range: the
 *      instances (none: exit 2, "no series match"). Also the first check
 *      that the URL, the credentials and the selector are right.
 *   2. one instant query of the raw samples of a few instances over the
 *      last minutes: the scrape interval, which the step never undercuts;
 *      when the fleet is there at the end, one more for how long it has
 *      been (max(count_over_time(...))): the range shrinks to the data
 *      held, so a server started a minute ago is judged on that minute.
 *   3. query_range for each metric and each batch of instances (a regex
 *      on their `instance` label, sized to about FLEET_BATCH_SAMPLES
 *      samples an answer), --jobs at a time, merged in a fixed order;
 *      process_max_fds, of which only the last value counts, with one
 *      instant query of last_over_time() per batch.
 * Every request has the --timeout; the first failure stops the run with
 * one line that says what to do.
 */
#include "watch/fleet.h"
#include "base/pool.h"
#include "watch/source.h"

#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

/* Samples an answer of query_range is sized for (a batch of instances). */
#define FLEET_BATCH_SAMPLES 250000
/* Instances whose raw samples tell the scrape interval. */
#define FLEET_PROBE_INSTANCES 5
/* The raw samples looked at for the scrape interval: the last this many seconds. */
#define FLEET_PROBE_WINDOW 300.0

/* ------------------------------------------------------------------ */
/* Settings from the options and the environment                        */

/* Read a secret from a file: one line, trailing whitespace dropped. */
static char *read_secret(const char *path, const char *what)
{
	struct strbuf sb = STRBUF_INIT;

	if (strbuf_read_file(&sb, path, 1 << 16) < 0)
		die("cannot read %s %s: %s; check the file", what, path, strerror(errno));
	while (sb.len && strchr(" \t\r\n", sb.buf[sb.len - 1]))
		strbuf_setlen(&sb, sb.len - 1);
	if (!sb.len)
		die("%s %s is empty; put the secret on its first line", what, path);
	if (memchr(sb.buf, '\n', sb.len))
		die("%s %s holds several lines; put the secret alone on one line", what, path);
	return strbuf_detach(&sb, NULL);
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

/*
 * Credentials never come from the command line (it shows in ps): a
 * bearer token from --token-file or PLUMBER_PROMETHEUS_TOKEN(_FILE),
 * basic auth from --basic-auth-file ("user:password") or
 * PLUMBER_PROMETHEUS_USER and PLUMBER_PROMETHEUS_PASSWORD(_FILE).
 */
static void set_credentials(struct prom_client *c, const struct fleet_options *o)
{
	const char *token_file = o->token_file ? o->token_file : env("PLUMBER_PROMETHEUS_TOKEN_FILE");
	const char *basic_file = o->basic_auth_file;
	const char *user = env("PLUMBER_PROMETHEUS_USER");

	if (token_file)
		c->bearer = read_secret(token_file, "the token file");
	else if (env("PLUMBER_PROMETHEUS_TOKEN"))
		c->bearer = xstrdup(env("PLUMBER_PROMETHEUS_TOKEN"));
	if (basic_file) {
		c->userpwd = read_secret(basic_file, "the basic auth file");
		if (!strchr(c->userpwd, ':'))
			die("the basic auth file %s must hold user:password on one line", basic_file);
	} else if (user) {
		struct strbuf sb = STRBUF_INIT;
		const char *pw_file = env("PLUMBER_PROMETHEUS_PASSWORD_FILE");
		char *pw = pw_file ? read_secret(pw_file, "the password file")
				   : xstrdup(env("PLUMBER_PROMETHEUS_PASSWORD") ? env("PLUMBER_PROMETHEUS_PASSWORD") : "");
		strbuf_addf(&sb, "%s:%s", user, pw);
		memset(pw, 0, strlen(pw));
		free(pw);
		c->userpwd = strbuf_detach(&sb, NULL);
	}
	if (c->bearer && c->userpwd)
		die("both a bearer token and basic auth are set; give only one (see 'plumber watch --help')");
}

static void set_headers(struct prom_client *c, const struct strvec *headers)
{
	size_t i;
	for (i = 0; i < headers->nr; i++) {
		const char *h = headers->v[i], *colon = strchr(h, ':');
		size_t j;
		if (!colon || colon == h || strpbrk(h, "\r\n"))
			die("--header expects 'Name: value' (X-Scope-OrgID: tenant-1), not '%s'", h);
		for (j = 0; h + j < colon; j++)
			if (h[j] == ' ' || h[j] == '\t')
				die("--header expects 'Name: value' with no space in the name, not '%s'", h);
		strvec_push(&c->headers, h);
	}
}

/* ------------------------------------------------------------------ */
/* Requests                                                             */

static const char *advice(enum prom_fail f)
{
	switch (f) {
	case PROM_FAIL_CONNECT:
		return "check --prometheus URL and that the server runs";
	case PROM_FAIL_TIMEOUT:
		return "the server is slow or hangs: raise --timeout, narrow --match or shorten --range";
	case PROM_FAIL_AUTH:
		return "give a token (PLUMBER_PROMETHEUS_TOKEN or --token-file) or basic auth (--basic-auth-file), and --header for a tenant";
	case PROM_FAIL_NOT_API:
		return "give the server's base address, such as http://127.0.0.1:9090 (without /api/v1)";
	case PROM_FAIL_QUERY:
		return "check --match (label matchers such as '{job=\"api\"}')";
	case PROM_FAIL_TOO_BIG:
		return "narrow --match, shorten --range or give a larger --step";
	default:
		return "check --prometheus URL";
	}
}

static NORETURN void die_request(const struct prom_client *c, const char *what, enum prom_fail f,
				 const char *why)
{
	die("prometheus %s: %s: %s; %s", c->base, what, why, advice(f));
}

static void add_time(struct strbuf *sb, const char *name, double t)
{
	strbuf_addf(sb, "&%s=%.3f", name, t);
}

/* The selector of one metric: name{matchers[,extra]}. */
static void add_selector(struct strbuf *sb, const char *metric, const char *matchers,
			 const char *extra)
{
	strbuf_addf(sb, "%s{%s", metric, matchers);
	if (extra && *extra)
		strbuf_addf(sb, "%s%s", *matchers ? "," : "", extra);
	strbuf_addch(sb, '}');
}

static void print_warnings(const struct prom_result *r, struct strvec *seen)
{
	size_t i, j;
	for (i = 0; i < r->nr_warnings; i++) {
		for (j = 0; j < seen->nr; j++)
			if (!strcmp(seen->v[j], r->warnings[i]))
				break;
		if (j < seen->nr)
			continue;
		strvec_push(seen, r->warnings[i]);
		warning("the server warns: %s", r->warnings[i]);
	}
}

/* ------------------------------------------------------------------ */
/* The plan                                                             */

struct plan {
	const struct prom_client *client;
	const char *matchers;
	double start, end, step;
	size_t points;
	/* batches: extra matchers (instance=~"..."), one per batch; "" = all */
	struct strvec batches;
	struct strvec warnings;
};

static double nice_step(double raw)
{
	static const double steps[] = {
		1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600,
		43200, 86400,
	};
	size_t i;
	for (i = 0; i < ARRAY_SIZE(steps); i++)
		if (steps[i] >= raw)
			return steps[i];
	return ceil(raw / 86400) * 86400;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct values of the `instance` label, sorted; 0 when a series has none. */
static size_t instance_values(const struct prom_result *series, const char ***out)
{
	const char **v = xmalloc(st_mult(series->nr ? series->nr : 1, sizeof(*v)));
	size_t i, j, n = 0;

	for (i = 0; i < series->nr; i++) {
		const char *inst = prom_series_label(&series->series[i], "instance");
		if (!inst) {
			free(v);
			*out = NULL;
			return 0;
		}
		v[n++] = inst;
	}
	qsort(v, n, sizeof(*v), cmp_str);
	for (i = 0, j = 0; i < n; i++)
		if (!j || strcmp(v[j - 1], v[i]))
			v[j++] = v[i];
	n = j;
	*out = v;
	return n;
}

/*
 * The scrape interval, from the raw samples of a few instances at the
 * end of the range (or, when the fleet was gone by then, mid-range): the
 * median gap between consecutive samples. 0 when it cannot be told.
 */
static double probe_scrape_interval(struct prom_conn *h, struct plan *p, const char **inst,
				    size_t nr_inst, double range_s, int *live)
{
	struct strbuf form = STRBUF_INIT, q = STRBUF_INIT, extra = STRBUF_INIT, why = STRBUF_INIT;
	double window = range_s < FLEET_PROBE_WINDOW ? range_s : FLEET_PROBE_WINDOW;
	double at[2], *gaps = NULL, interval = 0;
	size_t nr_gaps = 0, alloc_gaps = 0, i, j, k;

	at[0] = p->end;
	at[1] = p->end - range_s / 2;
	if (nr_inst) {
		strbuf_addstr(&extra, "instance=~");
		prom_regex_alternation(&extra, inst, nr_inst < FLEET_PROBE_INSTANCES ? nr_inst
										  : FLEET_PROBE_INSTANCES);
	}
	add_selector(&q, "go_goroutines", p->matchers, extra.buf);
	strbuf_addch(&q, '[');
	prom_format_duration(&q, window);
	strbuf_addch(&q, ']');
	for (k = 0; k < ARRAY_SIZE(at) && !nr_gaps; k++) {
		struct prom_result r = PROM_RESULT_INIT;
		enum prom_fail f;

		strbuf_reset(&form);
		strbuf_addstr(&form, "query=");
		prom_form_escape(&form, q.buf);
		add_time(&form, "time", at[k]);
		strbuf_reset(&why);
		f = prom_post(h, "/api/v1/query", form.buf, &r, &why);
		if (f)
			die_request(p->client, "reading the scrape interval", f, why.buf);
		print_warnings(&r, &p->warnings);
		for (i = 0; i < r.nr; i++)
			for (j = 1; j < r.series[i].n; j++) {
				ALLOC_GROW(gaps, nr_gaps + 1, alloc_gaps);
				gaps[nr_gaps++] = r.series[i].t[j] - r.series[i].t[j - 1];
			}
		prom_result_release(&r);
		*live = k == 0 && nr_gaps; /* the fleet is there at the end of the range */
	}
	if (nr_gaps) {
		/* the median gap: missed scrapes make a few gaps longer */
		for (i = 1; i < nr_gaps; i++)
			for (j = i; j > 0 && gaps[j - 1] > gaps[j]; j--) {
				double t = gaps[j];
				gaps[j] = gaps[j - 1];
				gaps[j - 1] = t;
			}
		interval = round(gaps[nr_gaps / 2] * 1000) / 1000;
	}
	free(gaps);
	strbuf_release(&form);
	strbuf_release(&q);
	strbuf_release(&extra);
	strbuf_release(&why);
	return interval;
}

/*
 * How long the fleet has been there, when it is there at the end of the
 * range: the most raw samples any instance has in the range, times the
 * scrape interval (a tenth more for missed scrapes, two intervals of
 * margin). A server that started a minute ago holds a minute, however
 * long the range asked for: the step is then chosen for that minute.
 * Returns the range itself when the fleet holds data all along.
 */
static double data_span(struct prom_conn *h, struct plan *p, double range_s, double scrape)
{
	struct strbuf form = STRBUF_INIT, q = STRBUF_INIT, why = STRBUF_INIT;
	struct prom_result r = PROM_RESULT_INIT;
	double span = range_s;
	enum prom_fail f;

	strbuf_addstr(&q, "max(count_over_time(");
	add_selector(&q, "go_goroutines", p->matchers, NULL);
	strbuf_addch(&q, '[');
	prom_format_duration(&q, range_s);
	strbuf_addstr(&q, "]))");
	strbuf_addstr(&form, "query=");
	prom_form_escape(&form, q.buf);
	add_time(&form, "time", p->end);
	f = prom_post(h, "/api/v1/query", form.buf, &r, &why);
	if (f)
		die_request(p->client, "reading how long the fleet has been there", f, why.buf);
	print_warnings(&r, &p->warnings);
	if (r.nr == 1 && r.series[0].n == 1 && r.series[0].v[0] > 0)
		span = r.series[0].v[0] * scrape * 1.1 + 2 * scrape;
	prom_result_release(&r);
	strbuf_release(&form);
	strbuf_release(&q);
	strbuf_release(&why);
	return span < range_s ? span : range_s;
}

/* ------------------------------------------------------------------ */
/* Running the queries                                                  */

struct query_item {
	size_t batch;
	enum fleet_metric metric;
	struct prom_result result;
	enum prom_fail fail;
	char *why;
};

struct query_run {
	struct plan *plan;
	struct fleet *fleet;
	struct query_item *items;
	size_t nr_items;
	struct prom_conn *conns;    /* one per worker, made on first use */
	atomic_int failed;          /* a query failed: the others are skipped */
	int progress;               /* draw a progress line on stderr */
	size_t emitted;
	double started;
};

static double now_wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void query_work(void *ctx, int worker, size_t idx)
{
	struct query_run *run = ctx;
	struct query_item *it = &run->items[idx];
	struct plan *p = run->plan;
	struct strbuf form = STRBUF_INIT, q = STRBUF_INIT, why = STRBUF_INIT;

	if (atomic_load(&run->failed))
		return;
	if (!run->conns[worker].curl)
		prom_conn_init(&run->conns[worker], p->client);
	if (it->metric == FM_MAX_FDS) {
		/* only the last value counts: one instant query, not a range */
		strbuf_addstr(&q, "last_over_time(");
		add_selector(&q, fleet_metrics[it->metric].prom_name, p->matchers,
			     p->batches.v[it->batch]);
		strbuf_addch(&q, '[');
		prom_format_duration(&q, p->end - p->start + p->step);
		strbuf_addstr(&q, "])");
		strbuf_addstr(&form, "query=");
		prom_form_escape(&form, q.buf);
		add_time(&form, "time", p->end);
		it->fail = prom_post(&run->conns[worker], "/api/v1/query", form.buf, &it->result, &why);
	} else {
		add_selector(&q, fleet_metrics[it->metric].prom_name, p->matchers,
			     p->batches.v[it->batch]);
		strbuf_addstr(&form, "query=");
		prom_form_escape(&form, q.buf);
		add_time(&form, "start", p->start);
		add_time(&form, "end", p->end);
		strbuf_addf(&form, "&step=%.3f", p->step);
		it->fail = prom_post(&run->conns[worker], "/api/v1/query_range", form.buf,
				     &it->result, &why);
	}
	if (it->fail) {
		it->why = strbuf_detach(&why, NULL);
		atomic_store(&run->failed, 1);
	}
	strbuf_release(&form);
	strbuf_release(&q);
	strbuf_release(&why);
}

static void query_emit(void *ctx, size_t idx)
{
	struct query_run *run = ctx;
	struct query_item *it = &run->items[idx];

	run->emitted++;
	if (it->fail || atomic_load(&run->failed))
		return;
	print_warnings(&it->result, &run->plan->warnings);
	fleet_add_result(run->fleet, it->metric, &it->result);
	prom_result_release(&it->result);
}

static void query_progress(void *ctx, size_t done, size_t total)
{
	struct query_run *run = ctx;
	if (!run->progress)
		return;
	fprintf(stderr, "\rplumber: prometheus: %zu of %zu queries, %zu instances so far, %.0f s\033[K",
		done, total, run->fleet->nr, now_wall() - run->started);
	fflush(stderr);
}

static void run_queries(struct query_run *run, int jobs)
{
	static const struct pool_ops ops = {
		.work = query_work, .emit = query_emit, .progress = query_progress,
	};
	size_t i;

	run->conns = xcalloc((size_t)jobs, sizeof(*run->conns));
	pool_run(jobs, run->nr_items, NULL, &ops, run);
	if (run->progress)
		fprintf(stderr, "\r\033[K");
	for (i = 0; i < (size_t)jobs; i++)
		if (run->conns[i].curl)
			prom_conn_release(&run->conns[i]);
	free(run->conns);
	for (i = 0; i < run->nr_items; i++) {
		struct query_item *it = &run->items[i];
		if (it->fail) {
			struct strbuf what = STRBUF_INIT;
			strbuf_addf(&what, "querying %s", fleet_metrics[it->metric].prom_name);
			die_request(run->plan->client, what.buf, it->fail, it->why);
		}
	}
}

/* ------------------------------------------------------------------ */
/* All of it                                                            */

int fleet_run(const struct fleet_options *o)
{
	struct prom_client client;
	struct prom_conn conn;
	struct plan plan;
	struct prom_result series = PROM_RESULT_INIT;
	struct strbuf matchers = STRBUF_INIT, why = STRBUF_INIT, form = STRBUF_INIT;
	struct strbuf sel = STRBUF_INIT;
	struct fleet fleet;
	struct fleet_report report;
	struct query_run run;
	struct source_index source;
	const char **inst = NULL;
	size_t nr_inst, per_batch, i, m;
	double started = now_wall(), scrape, step, range = o->range_s, t0;
	int jobs = o->jobs > 0 ? o->jobs : 4, rc, live = 0;
	enum prom_fail f;
	FILE *text_out = stdout;

	if (!strstr(o->url, "://"))
		die("--prometheus expects a URL such as http://127.0.0.1:9090, not '%s'", o->url);
	if (prom_matchers_normalize(o->match ? o->match : "", &matchers, &why))
		die("--match '%s': %s", o->match, why.buf);
	if (o->json_path && !strcmp(o->json_path, "-"))
		text_out = stderr;
	if (o->html_path && !strcmp(o->html_path, "-")) {
		if (text_out == stderr)
			die("--json - and --html - cannot both use stdout; give one of them a FILE");
		text_out = stderr;
	}
	if (o->cacert && access(o->cacert, R_OK))
		die("cannot read --cacert %s: %s; give a PEM file of the CA", o->cacert, strerror(errno));
	if (o->source_dir) {
		source_index_init(&source);
		if (source_index_load(&source, o->source_dir))
			die("cannot lint --source %s; give the directory of the service's Go source",
			    o->source_dir);
		if (!source.files_linted)
			die("no Go files in --source %s; give the directory of the service's Go source",
			    o->source_dir);
	}

	prom_client_init(&client, o->url);
	client.timeout_ms = (long)(o->timeout_s * 1000);
	if (client.connect_timeout_ms > client.timeout_ms)
		client.connect_timeout_ms = client.timeout_ms;
	if (o->cacert)
		client.cacert = xstrdup(o->cacert);
	set_credentials(&client, o);
	set_headers(&client, &o->headers);
	prom_conn_init(&conn, &client);

	memset(&plan, 0, sizeof(plan));
	memset(&report, 0, sizeof(report));
	plan.client = &client;
	plan.matchers = matchers.buf;
	plan.end = o->end > 0 ? o->end : floor(now_wall());

	/* 1. the instances */
	add_selector(&sel, "go_goroutines", matchers.buf, NULL);
	strbuf_addstr(&form, "match[]=");
	prom_form_escape(&form, sel.buf);
	add_time(&form, "start", plan.end - range);
	add_time(&form, "end", plan.end);
	f = prom_post(&conn, "/api/v1/series", form.buf, &series, &why);
	if (f)
		die_request(&client, "listing the series", f, why.buf);
	if (!series.nr) {
		struct strbuf span = STRBUF_INIT;
		format_span(&span, range);
		die("prometheus %s: no series match %s over the last %s; check --match and --range (the fleet must export client_golang's go_goroutines)",
		    client.base, sel.buf, span.buf);
	}
	nr_inst = instance_values(&series, &inst);

	/* 2. the step */
	scrape = probe_scrape_interval(&conn, &plan, inst, nr_inst, range, &live);
	if (scrape > 0 && live)
		range = data_span(&conn, &plan, range, scrape);
	step = o->step_s;
	if (!step) {
		step = nice_step(range / FLEET_POINTS);
		if (scrape > step)
			step = scrape;
	} else if (scrape > 0 && step < scrape * 0.999) {
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		prom_format_duration(&a, step);
		prom_format_duration(&b, scrape);
		warning("--step %s is finer than the scrape interval seen in the data (%s): values repeat, and the statistics count more points than there are samples",
			a.buf, b.buf);
		strbuf_release(&a);
		strbuf_release(&b);
	}
	if (range / step + 1 > FLEET_MAX_POINTS)
		die("--range / --step gives %.0f points per series; Prometheus allows %d: give a larger --step",
		    range / step + 1, FLEET_MAX_POINTS);
	plan.step = step;
	plan.points = (size_t)floor(range / step + 1e-9) + 1;
	plan.start = plan.end - (double)(plan.points - 1) * step;

	/* 3. the batches */
	per_batch = FLEET_BATCH_SAMPLES / plan.points;
	if (per_batch < 1)
		per_batch = 1;
	if (!nr_inst || nr_inst <= per_batch) {
		strvec_push(&plan.batches, "");
	} else {
		for (i = 0; i < nr_inst; i += per_batch) {
			struct strbuf extra = STRBUF_INIT;
			strbuf_addstr(&extra, "instance=~");
			prom_regex_alternation(&extra, inst + i, nr_inst - i < per_batch ? nr_inst - i : per_batch);
			strvec_push(&plan.batches, extra.buf);
			strbuf_release(&extra);
		}
	}
	free(inst);

	fleet_init(&fleet, plan.start, plan.step, plan.points);
	memset(&run, 0, sizeof(run));
	run.plan = &plan;
	run.fleet = &fleet;
	run.nr_items = plan.batches.nr * FM_NR;
	run.items = xcalloc(run.nr_items, sizeof(*run.items));
	for (i = 0; i < plan.batches.nr; i++)
		for (m = 0; m < FM_NR; m++) {
			run.items[i * FM_NR + m].batch = i;
			run.items[i * FM_NR + m].metric = (enum fleet_metric)m;
		}
	run.progress = !o->quiet && isatty(2);
	run.started = started;
	t0 = now_wall();
	run_queries(&run, jobs);
	report.query_s = now_wall() - t0;
	if (!fleet.nr)
		die("prometheus %s: %s holds no values between the range's points; give a smaller --step or a longer --range",
		    client.base, sel.buf);

	/* judge, refine, report */
	t0 = now_wall();
	fleet_judge(&fleet, pool_cpu_count());
	report.judge_s = now_wall() - t0;
	if (o->pprof_template && fleet.nr_leak) {
		struct fleet_pprof_options po = {
			.url_template = o->pprof_template,
			.source = o->source_dir ? &source : NULL,
			.jobs = jobs,
			.timeout_ms = client.timeout_ms,
		};
		fleet_pprof_refine(&fleet, &po);
	}
	report.url = client.base;
	report.selector = matchers.buf;
	report.range_s = (double)(plan.points - 1) * plan.step;
	report.range_asked_s = o->range_s;
	report.step_s = plan.step;
	report.end = plan.end;
	report.scrape_interval = scrape;
	report.queries = run.nr_items + 2 + (scrape > 0 && live);
	report.fleet = &fleet;
	report.elapsed_s = now_wall() - started;
	fleet_report_text(text_out, &report);
	rc = fleet.nr_leak ? EXIT_FOUND : EXIT_CLEAN;
	if (o->json_path && fleet_report_json_write(o->json_path, &report))
		rc = EXIT_TROUBLE;
	if (o->html_path && fleet_report_html_write(o->html_path, &report))
		rc = EXIT_TROUBLE;

	for (i = 0; i < run.nr_items; i++) {
		prom_result_release(&run.items[i].result);
		free(run.items[i].why);
	}
	free(run.items);
	fleet_release(&fleet);
	strvec_clear(&plan.batches);
	strvec_clear(&plan.warnings);
	prom_result_release(&series);
	prom_conn_release(&conn);
	prom_client_release(&client);
	if (o->source_dir)
		source_index_release(&source);
	strbuf_release(&matchers);
	strbuf_release(&why);
	strbuf_release(&form);
	strbuf_release(&sel);
	return rc;
}
