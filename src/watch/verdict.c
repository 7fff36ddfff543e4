/*
 * verdict.c - from series to findings: which metric grows, which kind of
 * leak that is, how fast, and when it falls over. See watch.h; the
 * statistics and thresholds are in trend.h and series.def, the kinds in
 * kinds.h.
 */
#include "watch/watch.h"
#include "watch/source.h"

#include <math.h>

#define MIB(n) ((n) * 1048576.0)

const struct series_info series_info[SERIES_NR] = {
#define S(id, name_, label_, unit_, pprof_, min_abs_, min_rel_) \
	[SERIES_##id] = { .name = name_, .label = label_, .unit = unit_, .pprof = pprof_, \
			  .min_abs = min_abs_, .min_rel = min_rel_ },
#include "watch/series.def"
#undef S
};

/* ------------------------------------------------------------------ */
/* The data                                                             */

void watch_data_add(struct watch_data *d, double t, const double *values)
{
	size_t old = d->alloc, i;

	ALLOC_GROW(d->t, d->nr + 1, d->alloc);
	if (d->alloc != old)
		for (i = 0; i < SERIES_NR; i++)
			d->v[i] = xrealloc(d->v[i], st_mult(d->alloc, sizeof(double)));
	d->t[d->nr] = t;
	for (i = 0; i < SERIES_NR; i++)
		d->v[i][d->nr] = values[i];
	d->nr++;
}

int watch_data_has(const struct watch_data *d, enum series_id id)
{
	size_t i;
	for (i = 0; i < d->nr; i++)
		if (!isnan(d->v[id][i]))
			return 1;
	return 0;
}

double watch_data_last(const struct watch_data *d, enum series_id id)
{
	size_t i;
	for (i = d->nr; i > 0; i--)
		if (!isnan(d->v[id][i - 1]))
			return d->v[id][i - 1];
	return NAN;
}

void watch_data_release(struct watch_data *d)
{
	size_t i;
	free(d->t);
	for (i = 0; i < SERIES_NR; i++)
		free(d->v[i]);
	goroutine_groups_release(&d->groups);
	memset(d, 0, sizeof(*d));
}

void format_value(struct strbuf *sb, enum unit unit, double v)
{
	if (isnan(v)) {
		strbuf_addstr(sb, "-");
		return;
	}
	if (unit == UNIT_COUNT) {
		strbuf_addf(sb, "%.0f", v);
		return;
	}
	if (fabs(v) >= MIB(1024))
		strbuf_addf(sb, "%.2f GiB", v / MIB(1024));
	else if (fabs(v) >= MIB(1))
		strbuf_addf(sb, "%.1f MiB", v / MIB(1));
	else if (fabs(v) >= 1024)
		strbuf_addf(sb, "%.1f KiB", v / 1024);
	else
		strbuf_addf(sb, "%.0f B", v);
}

void format_rate(struct strbuf *sb, enum unit unit, double per_second)
{
	if (unit == UNIT_BYTES) {
		strbuf_addch(sb, per_second < 0 ? '-' : '+');
		format_value(sb, UNIT_BYTES, fabs(per_second * 60));
		strbuf_addstr(sb, "/min");
	} else {
		strbuf_addf(sb, "%+.1f/min", per_second * 60);
	}
}

void format_span(struct strbuf *sb, double seconds)
{
	long long s = llround(seconds);

	if (s < 120)
		strbuf_addf(sb, "%lld s", s);
	else if (s < 7200)
		strbuf_addf(sb, "%lld min", (s + 30) / 60);
	else if ((s + 30) / 60 % 60)
		strbuf_addf(sb, "%lld h %lld min", (s + 30) / 3600, (s + 30) / 60 % 60);
	else
		strbuf_addf(sb, "%lld h", (s + 30) / 3600);
}

/* ------------------------------------------------------------------ */
/* Findings                                                             */

/*
 * Which growing series is which kind, in order; one finding per kind (the
 * first growing series of a kind wins, so with --pprof the heap speaks for
 * memory-growth before RSS does). kind NULL: the goroutine evidence table
 * below names it. The heap is judged by its goal (MemStats NextGC), which
 * the runtime sets after each GC in proportion to the heap still live: a
 * GC saw-tooth longer than the window makes HeapInuse climb for the whole
 * watch, never the goal.
 */
static const struct metric_rule {
	enum series_id metric;
	const char *kind;
} metric_rules[] = {
	{ SERIES_FDS, "fd-growth" },
	{ SERIES_TCP_CLOSE_WAIT, "close-wait-growth" },
	{ SERIES_THREADS, "thread-growth" },
	{ SERIES_HEAP_GOAL, "memory-growth" },
	{ SERIES_RSS, "memory-growth" },
	{ SERIES_GOROUTINES, NULL },
};

/*
 * Growing goroutines, named by what grows with them (first match wins).
 * The dump seam (groups.h) refines this from the stack groups themselves.
 */
static const struct goroutine_rule {
	const char *kind;
	enum series_id with[2];  /* must grow too; SERIES_NR = no requirement */
	const char *why;
} goroutine_rules[] = {
	{ "stuck-write", { SERIES_TX_QUEUE, SERIES_NR },
	  "unsent bytes pile up in socket send queues: writes to peers that do not read" },
	{ "unclosed-body", { SERIES_TCP_ESTABLISHED, SERIES_RX_QUEUE },
	  "ESTABLISHED sockets hold unread bytes: response bodies nobody reads or closes" },
	{ "unclosed-body", { SERIES_TCP_CLOSE_WAIT, SERIES_NR },
	  "CLOSE_WAIT sockets grow: peers closed connections this side never closed" },
	{ "idle-conn-growth", { SERIES_TCP_ESTABLISHED, SERIES_NR },
	  "ESTABLISHED sockets grow with empty queues: idle connections pile up (a transport per call, or bodies read but never closed)" },
	{ "blocked-goroutines", { SERIES_NR, SERIES_NR },
	  "no sockets grow with them: goroutines blocked on channels, locks or timers" },
};

static const struct goroutine_rule *match_goroutine_rule(const struct verdict *v)
{
	size_t i, j;
	for (i = 0; i < ARRAY_SIZE(goroutine_rules); i++) {
		const struct goroutine_rule *r = &goroutine_rules[i];
		int ok = 1;
		for (j = 0; j < ARRAY_SIZE(r->with); j++)
			if (r->with[j] != SERIES_NR && !v->trends[r->with[j]].growing)
				ok = 0;
		if (ok)
			return r;
	}
	BUG("the goroutine table has no catch-all row");
}

static void add_value(struct strbuf *sb, enum series_id id, double v)
{
	format_value(sb, series_info[id].unit, v);
}

static void describe_growth(struct strbuf *sb, const struct watch_data *d,
			    const struct trend *tr, enum series_id id)
{
	strbuf_addf(sb, "%s grew from ", series_info[id].name);
	add_value(sb, id, tr->first);
	strbuf_addstr(sb, " to ");
	add_value(sb, id, tr->last);
	strbuf_addf(sb, " in %.0f s (Theil-Sen ", d->nr ? d->t[d->nr - 1] - d->t[0] : 0.0);
	if (series_info[id].unit == UNIT_BYTES) {
		strbuf_addch(sb, '+');
		add_value(sb, id, tr->slope * 60);
		strbuf_addstr(sb, "/min");
	} else {
		strbuf_addf(sb, "%+.1f/min", tr->slope * 60);
	}
	strbuf_addf(sb, ", Mann-Kendall z=%.1f over the last %.0f s)", tr->z, tr->span);
}

static void describe_sockets(struct strbuf *sb, const struct watch_data *d)
{
	double sock = watch_data_last(d, SERIES_FD_SOCKET);
	if (isnan(sock))
		return;
	strbuf_addf(sb, "; now %.0f sockets (%.0f ESTABLISHED, %.0f CLOSE_WAIT), %.0f files, %.0f pipes",
		    sock, watch_data_last(d, SERIES_TCP_ESTABLISHED),
		    watch_data_last(d, SERIES_TCP_CLOSE_WAIT), watch_data_last(d, SERIES_FD_FILE),
		    watch_data_last(d, SERIES_FD_PIPE));
}

static struct finding *new_finding(struct verdict *v, const char *kind, enum series_id metric)
{
	struct finding *f;

	ALLOC_GROW(v->findings, v->nr + 1, v->alloc);
	f = &v->findings[v->nr++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->info = kind_info_find(kind);
	f->metric = metric;
	f->slope_per_min = v->trends[metric].slope * 60;
	f->minutes_to_limit = -1;
	f->severity = "warning";
	return f;
}

static int have_kind(const struct verdict *v, const char *kind)
{
	size_t i;
	for (i = 0; i < v->nr; i++)
		if (!strcmp(v->findings[i].kind, kind))
			return 1;
	return 0;
}

/* More than doubled over the watch: worth an "error" on its own. */
static int doubled(const struct trend *tr)
{
	return tr->first > 0 && tr->last >= 2 * tr->first;
}

/*
 * Goroutine kinds whose goroutines each hold a connection, and the /proc
 * kinds those connections show as: the fd finding shares the goroutine
 * finding's places (fds grow because those connections stay open).
 */
static const struct shared_places {
	const char *goroutine_kind;
	const char *proc_kinds[2];
} shared_places[] = {
	{ "unclosed-body", { "fd-growth", "close-wait-growth" } },
	{ "idle-conn-growth", { "fd-growth", NULL } },
	{ "stuck-write", { "fd-growth", NULL } },
};

static void share_places(struct verdict *v)
{
	size_t i, j, k, m;
	for (i = 0; i < v->nr; i++) {
		const struct finding *g = &v->findings[i];
		for (j = 0; j < ARRAY_SIZE(shared_places); j++) {
			if (!g->nr_where || strcmp(g->kind, shared_places[j].goroutine_kind))
				continue;
			for (k = 0; k < v->nr; k++) {
				struct finding *f = &v->findings[k];
				for (m = 0; m < ARRAY_SIZE(shared_places[j].proc_kinds); m++) {
					const char *pk = shared_places[j].proc_kinds[m];
					size_t w;
					if (!pk || strcmp(f->kind, pk) || f->nr_where)
						continue;
					f->where = xcalloc(g->nr_where, sizeof(*f->where));
					for (w = 0; w < g->nr_where; w++) {
						f->where[w] = g->where[w];
						f->where[w].func = xstrdup(g->where[w].func);
						f->where[w].file = xstrdup(g->where[w].file);
					}
					f->nr_where = g->nr_where;
				}
			}
		}
	}
}

/*
 * Report order: kinds named from a goroutine signature first (they say
 * what leaks: unclosed-body...), then other errors (fd-growth...), then
 * warnings; stable otherwise.
 */
static int report_rank(const struct finding *f)
{
	const struct kind_info *ki = kind_info_find(f->kind);
	if (ki && ki->from_stacks)
		return 0;
	return strcmp(f->severity, "error") ? 2 : 1;
}

static void order_findings(struct verdict *v)
{
	size_t i, j;
	for (i = 1; i < v->nr; i++) {
		struct finding f = v->findings[i];
		int r = report_rank(&f);
		for (j = i; j > 0 && report_rank(&v->findings[j - 1]) > r; j--)
			v->findings[j] = v->findings[j - 1];
		v->findings[j] = f;
	}
}

void verdict_compute(const struct watch_data *d, struct verdict *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < SERIES_NR; i++) {
		out->have[i] = watch_data_has(d, i);
		if (out->have[i])
			trend_judge(d->t, d->v[i], d->nr, series_info[i].min_abs,
				    series_info[i].min_rel, &out->trends[i]);
	}
	if (d->nr < TREND_MIN_SAMPLES) {
		out->verdict = "inconclusive";
		return;
	}
	for (i = 0; i < ARRAY_SIZE(metric_rules); i++) {
		const struct metric_rule *r = &metric_rules[i];
		const struct trend *tr = &out->trends[r->metric];
		const struct goroutine_rule *g = NULL;
		struct strbuf sb = STRBUF_INIT;
		struct finding *f;
		const char *kind = r->kind;

		if (!out->have[r->metric] || !tr->growing)
			continue;
		if (!kind) {
			g = match_goroutine_rule(out);
			kind = g->kind;
		}
		if (have_kind(out, kind))
			continue;
		f = new_finding(out, kind, r->metric);
		describe_growth(&sb, d, tr, r->metric);
		if (g)
			strbuf_addf(&sb, "; %s", g->why);
		if (r->metric == SERIES_FDS || r->metric == SERIES_TCP_CLOSE_WAIT)
			describe_sockets(&sb, d);
		if (r->metric == SERIES_FDS && d->nofile_soft > 0 && tr->slope > 0) {
			double left = (double)d->nofile_soft - tr->last;
			f->minutes_to_limit = left > 0 ? left / (tr->slope * 60) : 0;
			if (f->minutes_to_limit < 1)
				strbuf_addf(&sb, "; too many open files in less than a minute (soft limit %lld)",
					    d->nofile_soft);
			else
				strbuf_addf(&sb, "; too many open files in about %.0f minutes (soft limit %lld)",
					    f->minutes_to_limit, d->nofile_soft);
		}
		if ((f->minutes_to_limit >= 0 && f->minutes_to_limit <= 60) || doubled(tr))
			f->severity = "error";
		if (!strcmp(kind, "memory-growth") && have_kind(out, "fd-growth")) {
			strbuf_addstr(&sb, "; it grows along with the fds, likely the same leak");
			f->severity = "warning";
		}
		f->evidence = strbuf_detach(&sb, NULL);
		if (g)
			goroutine_groups_refine(&d->groups, f);
	}
	share_places(out);
	if (d->source)
		for (i = 0; i < out->nr; i++)
			source_join(d->source, &out->findings[i]);
	order_findings(out);
	out->verdict = out->nr ? "leak" : "ok";
}

void finding_release(struct finding *f)
{
	size_t i;
	free(f->evidence);
	free(f->stack);
	for (i = 0; i < f->nr_where; i++) {
		free(f->where[i].func);
		free(f->where[i].file);
	}
	free(f->where);
	for (i = 0; i < f->nr_source; i++) {
		free(f->source[i].file);
		free(f->source[i].message);
	}
	free(f->source);
	memset(f, 0, sizeof(*f));
}

void verdict_release(struct verdict *v)
{
	size_t i;
	for (i = 0; i < v->nr; i++)
		finding_release(&v->findings[i]);
	free(v->findings);
	memset(v, 0, sizeof(*v));
}
