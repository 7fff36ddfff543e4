/*
 * fleet.c - a fleet's series on one grid, split at restarts, judged with
 * the trend statistics of a live watch; see fleet.h.
 *
 * Why parts: a restart is not a drop in goroutines. Each process lifetime
 * (a part) is judged on its own with trend_judge(), the way a live watch
 * judges its samples; the last part says how the instance is doing now,
 * the earlier ones whether it "grows after every restart".
 */
#include "watch/fleet.h"
#include "base/pool.h"

#include <math.h>

const struct fleet_metric_info fleet_metrics[FM_NR] = {
	[FM_GOROUTINES] = { .prom_name = "go_goroutines", .series = SERIES_GOROUTINES },
	[FM_FDS] = { .prom_name = "process_open_fds", .series = SERIES_FDS },
	[FM_MAX_FDS] = { .prom_name = "process_max_fds", .series = SERIES_NR },
	[FM_RSS] = { .prom_name = "process_resident_memory_bytes", .series = SERIES_RSS },
	[FM_HEAP_INUSE] = { .prom_name = "go_memstats_heap_inuse_bytes", .series = SERIES_HEAP_INUSE },
	[FM_HEAP_GOAL] = { .prom_name = "go_memstats_next_gc_bytes", .series = SERIES_HEAP_GOAL },
	[FM_THREADS] = { .prom_name = "go_threads", .series = SERIES_THREADS },
	[FM_START_TIME] = { .prom_name = "process_start_time_seconds", .series = SERIES_NR },
};

/* ------------------------------------------------------------------ */
/* The data                                                             */

void fleet_init(struct fleet *fl, double start, double step, size_t points)
{
	size_t i;

	memset(fl, 0, sizeof(*fl));
	fl->start = start;
	fl->step = step;
	fl->points = points;
	fl->t = xmalloc(st_mult(points ? points : 1, sizeof(double)));
	for (i = 0; i < points; i++)
		fl->t[i] = (double)i * step;
	fl->verdict = "inconclusive";
}

static void instance_release(struct fleet_instance *in)
{
	size_t i;

	free(in->key);
	for (i = 0; i < in->nr_labels; i++) {
		free(in->labels[i].name);
		free(in->labels[i].value);
	}
	free(in->labels);
	for (i = 0; i < FM_NR; i++)
		free(in->v[i]);
	free(in->parts);
	verdict_release(&in->verdict);
	free(in->note);
	free(in->profile_note);
}

void fleet_release(struct fleet *fl)
{
	size_t i;

	for (i = 0; i < fl->nr; i++)
		instance_release(&fl->inst[i]);
	free(fl->inst);
	free(fl->ranked);
	free(fl->t);
	strmap_clear(&fl->index);
	memset(fl, 0, sizeof(*fl));
}

/* The map key of a label set: name NUL value NUL ..., labels sorted. */
static void labels_key(struct strbuf *sb, const struct prom_series *s)
{
	size_t i;
	for (i = 0; i < s->nr_labels; i++) {
		strbuf_addstr(sb, s->labels[i].name);
		strbuf_addch(sb, '\0');
		strbuf_addstr(sb, s->labels[i].value);
		strbuf_addch(sb, '\0');
	}
}

static struct fleet_instance *add_instance(struct fleet *fl, const struct prom_series *s,
					   struct strbuf *key)
{
	struct fleet_instance *in;
	size_t i;

	/* The map points into the instances: rebuild it when they move. */
	if (fl->nr + 1 > fl->alloc) {
		ALLOC_GROW(fl->inst, fl->nr + 1, fl->alloc);
		strmap_clear(&fl->index);
		for (i = 0; i < fl->nr; i++)
			strmap_put(&fl->index, fl->inst[i].key, fl->inst[i].key_len,
				   (void *)(uintptr_t)(i + 1));
	}
	in = &fl->inst[fl->nr];
	memset(in, 0, sizeof(*in));
	in->key = xmalloc(key->len + 1);
	memcpy(in->key, key->buf, key->len + 1);
	in->key_len = key->len;
	in->labels = xcalloc(s->nr_labels ? s->nr_labels : 1, sizeof(*in->labels));
	for (i = 0; i < s->nr_labels; i++) {
		in->labels[i].name = xstrdup(s->labels[i].name);
		in->labels[i].value = xstrdup(s->labels[i].value);
	}
	in->nr_labels = s->nr_labels;
	in->max_fds = -1;
	fl->nr++;
	strmap_put(&fl->index, in->key, in->key_len, (void *)(uintptr_t)fl->nr);
	return in;
}

void fleet_add_result(struct fleet *fl, enum fleet_metric m, const struct prom_result *r)
{
	struct strbuf key = STRBUF_INIT;
	size_t i, j;

	for (i = 0; i < r->nr; i++) {
		const struct prom_series *s = &r->series[i];
		struct fleet_instance *in;
		uintptr_t idx;

		strbuf_reset(&key);
		labels_key(&key, s);
		idx = (uintptr_t)strmap_get(&fl->index, key.buf, key.len);
		if (idx)
			in = &fl->inst[idx - 1];
		else if (m == FM_GOROUTINES)
			in = add_instance(fl, s, &key);
		else
			continue; /* not a Go program with go_goroutines: not in the fleet */
		if (!in->v[m]) {
			in->v[m] = xmalloc(st_mult(fl->points ? fl->points : 1, sizeof(double)));
			for (j = 0; j < fl->points; j++)
				in->v[m][j] = NAN;
		}
		for (j = 0; j < s->n; j++) {
			double k = round((s->t[j] - fl->start) / fl->step);
			if (k < 0 || k >= (double)fl->points)
				continue;
			in->v[m][(size_t)k] = s->v[j];
		}
	}
	strbuf_release(&key);
}

/* ------------------------------------------------------------------ */
/* For people                                                           */

static void add_label_value(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			strbuf_addch(sb, '\\');
		if (*s == '\n')
			strbuf_addstr(sb, "\\n");
		else
			strbuf_addch(sb, *s);
	}
}

void fleet_instance_name(struct strbuf *sb, const struct fleet_instance *in)
{
	static const char *const identifying[] = { "job", "instance", "namespace", "pod" };
	size_t i, j, shown = 0;

	strbuf_addch(sb, '{');
	for (i = 0; i < ARRAY_SIZE(identifying); i++)
		for (j = 0; j < in->nr_labels; j++)
			if (!strcmp(in->labels[j].name, identifying[i])) {
				strbuf_addf(sb, "%s%s=\"", shown++ ? ", " : "", in->labels[j].name);
				add_label_value(sb, in->labels[j].value);
				strbuf_addch(sb, '"');
			}
	if (!shown)
		for (j = 0; j < in->nr_labels; j++) {
			strbuf_addf(sb, "%s%s=\"", j ? ", " : "", in->labels[j].name);
			add_label_value(sb, in->labels[j].value);
			strbuf_addch(sb, '"');
		}
	strbuf_addch(sb, '}');
}

/* ------------------------------------------------------------------ */
/* Parts: one per process lifetime                                      */

static void add_part(struct fleet_instance *in, size_t from, int restart, int gap)
{
	struct fleet_part *p;
	in->parts = xrealloc(in->parts, st_mult(in->nr_parts + 1, sizeof(*in->parts)));
	p = &in->parts[in->nr_parts++];
	p->from = from;
	p->to = from;
	p->after_restart = restart;
	p->after_gap = gap;
}

/*
 * A new part begins where process_start_time_seconds changes (by more
 * than a second: it is a float computed from clock ticks), or, where the
 * start time is unknown on either side, after more than FLEET_GAP_POINTS
 * points without go_goroutines. A gap with the same start time on both
 * sides is the same process (a scrape outage), not a restart.
 */
static void split_parts(const struct fleet *fl, struct fleet_instance *in)
{
	const double *g = in->v[FM_GOROUTINES], *st = in->v[FM_START_TIME];
	double prev_start = NAN;
	size_t i, last = SIZE_MAX;

	in->first = in->last = SIZE_MAX;
	for (i = 0; i < fl->points; i++) {
		double s = st ? st[i] : NAN;
		int restart = 0, gap = 0;

		if (!g || isnan(g[i]))
			continue;
		if (last != SIZE_MAX) {
			if (!isnan(s) && !isnan(prev_start))
				restart = fabs(s - prev_start) > 1;
			else
				gap = i - last > FLEET_GAP_POINTS;
		}
		if (last == SIZE_MAX || restart || gap) {
			add_part(in, i, restart, gap);
			in->restarts += restart;
			in->gaps += gap;
		}
		in->parts[in->nr_parts - 1].to = i + 1;
		if (!isnan(s))
			prev_start = s;
		if (in->first == SIZE_MAX)
			in->first = i;
		in->last = i;
		last = i;
	}
}

/* ------------------------------------------------------------------ */
/* Judging a series over the parts                                      */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double part_span(const struct fleet *fl, const struct fleet_part *p)
{
	return p->to > p->from ? fl->t[p->to - 1] - fl->t[p->from] : 0;
}

/* Points of the part whose value is known. */
static size_t known_points(const double *v, const struct fleet_part *p)
{
	size_t i, n = 0;
	for (i = p->from; i < p->to; i++)
		n += !isnan(v[i]);
	return n;
}

struct aged {
	double age, v;
};

static int cmp_aged(const void *a, const void *b)
{
	const struct aged *x = a, *y = b;
	return x->age < y->age ? -1 : x->age > y->age;
}

/*
 * No part is long enough on its own (a crash loop): pool every part's
 * points by their age (time since the part began) and judge growth with
 * age. A leak grows with age in each lifetime; a restart loop that is
 * healthy does not.
 */
static void judge_pooled(const struct fleet *fl, const struct fleet_instance *in, const double *v,
			 enum series_id id, struct trend *out)
{
	struct aged *a = xmalloc(st_mult(fl->points ? fl->points : 1, sizeof(*a)));
	double *t, *val;
	size_t i, j, n = 0;

	for (i = 0; i < in->nr_parts; i++)
		for (j = in->parts[i].from; j < in->parts[i].to; j++)
			if (!isnan(v[j])) {
				a[n].age = fl->t[j] - fl->t[in->parts[i].from];
				a[n].v = v[j];
				n++;
			}
	qsort(a, n, sizeof(*a), cmp_aged);
	t = xmalloc(st_mult(n ? n : 1, sizeof(*t)));
	val = xmalloc(st_mult(n ? n : 1, sizeof(*val)));
	for (i = 0; i < n; i++) {
		t[i] = a[i].age;
		val[i] = a[i].v;
	}
	trend_judge(t, val, n, series_info[id].min_abs, series_info[id].min_rel, out);
	free(a);
	free(t);
	free(val);
}

static void judge_series(const struct fleet *fl, const struct fleet_instance *in,
			 enum fleet_metric m, struct fleet_growth *out)
{
	enum series_id id = fleet_metrics[m].series;
	const double *v = in->v[m];
	double *slopes, longest_before = 0;
	size_t i, last_part = SIZE_MAX, total = 0, nr_slopes = 0;
	struct trend tr;

	memset(out, 0, sizeof(*out));
	if (!v || !in->nr_parts)
		return;
	slopes = xmalloc(st_mult(in->nr_parts, sizeof(*slopes)));
	for (i = 0; i < in->nr_parts; i++) {
		const struct fleet_part *p = &in->parts[i];
		size_t n = known_points(v, p);
		if (!n)
			continue;
		total += n;
		trend_judge(fl->t + p->from, v + p->from, p->to - p->from, series_info[id].min_abs,
			    series_info[id].min_rel, &tr);
		if (!tr.enough)
			continue;
		out->parts_judged++;
		if (tr.growing) {
			out->parts_grew++;
			slopes[nr_slopes++] = tr.slope;
		}
		if (last_part != SIZE_MAX && part_span(fl, &in->parts[last_part]) > longest_before)
			longest_before = part_span(fl, &in->parts[last_part]);
		last_part = i;
		out->tr = tr;
		out->part = i;
		out->judged = 1;
	}
	if (nr_slopes) {
		qsort(slopes, nr_slopes, sizeof(*slopes), cmp_double);
		out->median_slope = nr_slopes % 2 ? slopes[nr_slopes / 2]
						  : (slopes[nr_slopes / 2 - 1] + slopes[nr_slopes / 2]) / 2;
	}
	free(slopes);
	if (!out->judged && in->nr_parts >= 2 && total >= TREND_MIN_SAMPLES) {
		judge_pooled(fl, in, v, id, &out->tr);
		out->judged = out->tr.enough;
		out->pooled = 1;
		out->part = in->nr_parts - 1;
		out->growing = out->tr.growing;
		out->window_start = fl->t[in->parts[out->part].from];
		return;
	}
	if (!out->judged)
		return;
	out->growing = out->tr.growing;
	out->window_start = out->tr.start; /* judged on fl->t from the part's first point */
	/* A young last part that rises where every earlier part levelled off: a warm-up. */
	if (out->growing && out->parts_grew == 1 && out->parts_judged > 1 &&
	    part_span(fl, &in->parts[out->part]) < FLEET_YOUNG_FRACTION * longest_before &&
	    part_span(fl, &in->parts[out->part]) < FLEET_YOUNG_MAX_S) {
		out->growing = 0;
		out->warmup = 1;
	}
}

/* ------------------------------------------------------------------ */
/* Findings                                                             */

/*
 * What grows together names the kind (first row that matches wins; one
 * finding per kind and per series). Only the counts are known here, no stacks and no
 * sockets by state: goroutines that grow with the fds hold connections
 * (an HTTP client connection has a readLoop and a writeLoop goroutine
 * and one fd); which kind of connection, a body never closed or an idle
 * connection of a transport made per call, only a goroutine profile
 * tells (--pprof-template).
 */
static const struct fleet_rule {
	enum series_id metric;      /* grows */
	enum series_id with;        /* grows too; SERIES_NR: no condition */
	enum series_id without;     /* does not grow; SERIES_NR: no condition */
	const char *kind;
	const char *why;
} fleet_rules[] = {
	{ SERIES_GOROUTINES, SERIES_FDS, SERIES_NR, "unclosed-body",
	  "the fds grow with them: connections held open, each with its goroutines (a client "
	  "connection has a readLoop and a writeLoop): response bodies never closed, or idle "
	  "connections of a transport made per call (idle-conn-growth); a goroutine profile "
	  "tells which (--pprof-template)" },
	{ SERIES_GOROUTINES, SERIES_NR, SERIES_NR, "blocked-goroutines",
	  "the fds stay flat: goroutines blocked on channels, locks or timers, not holding connections" },
	{ SERIES_FDS, SERIES_NR, SERIES_GOROUTINES, "fd-growth",
	  "the goroutines stay flat: files or sockets opened and not closed (a defer inside a "
	  "loop holds them until the function returns, a file never closed)" },
	{ SERIES_FDS, SERIES_NR, SERIES_NR, "fd-growth", NULL },
	{ SERIES_THREADS, SERIES_NR, SERIES_NR, "thread-growth", NULL },
	{ SERIES_HEAP_GOAL, SERIES_NR, SERIES_NR, "memory-growth", NULL },
	{ SERIES_RSS, SERIES_NR, SERIES_NR, "memory-growth", NULL },
};

static const struct fleet_growth *growth_of(const struct fleet_instance *in, enum series_id id)
{
	return &in->growth[id];
}

static int grows(const struct fleet_instance *in, enum series_id id)
{
	return id != SERIES_NR && in->growth[id].growing;
}

/* A finding of this kind, or from this series, is there already. */
static int have_finding(const struct verdict *v, const char *kind, enum series_id metric)
{
	size_t i;
	for (i = 0; i < v->nr; i++)
		if (!strcmp(v->findings[i].kind, kind) || v->findings[i].metric == metric)
			return 1;
	return 0;
}

static void describe(struct strbuf *sb, const struct fleet *fl, const struct fleet_instance *in,
		     enum series_id id)
{
	const struct fleet_growth *g = growth_of(in, id);
	const struct fleet_part *p = &in->parts[g->part];
	size_t runs = in->nr_parts;

	strbuf_addf(sb, "%s grew from ", series_info[id].name);
	format_value(sb, series_info[id].unit, g->tr.first);
	strbuf_addstr(sb, " to ");
	format_value(sb, series_info[id].unit, g->tr.last);
	if (g->pooled) {
		strbuf_addstr(sb, " with each process's age (Theil-Sen ");
		format_rate(sb, series_info[id].unit, g->tr.slope);
		strbuf_addf(sb, ", Mann-Kendall z=%.1f, the %zu runs pooled: none lasted long enough alone)",
			    g->tr.z, runs);
		return;
	}
	strbuf_addstr(sb, " in ");
	format_span(sb, part_span(fl, p));
	strbuf_addstr(sb, " (Theil-Sen ");
	format_rate(sb, series_info[id].unit, g->tr.slope);
	strbuf_addf(sb, ", Mann-Kendall z=%.1f over the last ", g->tr.z);
	format_span(sb, g->tr.span);
	strbuf_addch(sb, ')');
	if (g->part + 1 < runs)
		strbuf_addf(sb, ", before the last restart");
	if (g->parts_grew >= 2 && g->parts_grew == g->parts_judged) {
		strbuf_addstr(sb, "; grows ");
		format_rate(sb, series_info[id].unit, g->median_slope);
		strbuf_addf(sb, " after every restart, restarted %zu times", in->restarts + in->gaps);
	} else if (g->parts_grew >= 2) {
		strbuf_addf(sb, "; grew in %zu of %zu runs (restarted %zu times)", g->parts_grew,
			    g->parts_judged, in->restarts + in->gaps);
	} else if (g->part > 0 && g->parts_judged > 1) {
		strbuf_addstr(sb, "; since the restart ");
		format_span(sb, fl->t[fl->points - 1] - fl->t[p->from]);
		strbuf_addstr(sb, " before the end (earlier runs did not grow)");
	}
}

static struct finding *new_finding(struct verdict *v, const char *kind, enum series_id metric,
				   double slope)
{
	struct finding *f;

	ALLOC_GROW(v->findings, v->nr + 1, v->alloc);
	f = &v->findings[v->nr++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->info = kind_info_find(kind);
	f->metric = metric;
	f->slope_per_min = slope * 60;
	f->minutes_to_limit = -1;
	f->severity = "warning";
	return f;
}

/*
 * The last known process_max_fds (fleet_run.c asks only for the last
 * value, which lands on the last point).
 */
static long long max_fds_of(const struct fleet *fl, const struct fleet_instance *in)
{
	size_t i;
	if (!in->v[FM_MAX_FDS])
		return -1;
	for (i = fl->points; i > 0; i--)
		if (!isnan(in->v[FM_MAX_FDS][i - 1]) && in->v[FM_MAX_FDS][i - 1] > 0)
			return (long long)in->v[FM_MAX_FDS][i - 1];
	return -1;
}

static void build_findings(const struct fleet *fl, struct fleet_instance *in)
{
	struct verdict *vd = &in->verdict;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fleet_rules); i++) {
		const struct fleet_rule *r = &fleet_rules[i];
		const struct fleet_growth *g = growth_of(in, r->metric);
		struct strbuf sb = STRBUF_INIT;
		struct finding *f;

		if (!g->growing || (r->with != SERIES_NR && !grows(in, r->with)) ||
		    (r->without != SERIES_NR && grows(in, r->without)) ||
		    have_finding(vd, r->kind, r->metric))
			continue;
		f = new_finding(vd, r->kind, r->metric, g->tr.slope);
		describe(&sb, fl, in, r->metric);
		if (r->with != SERIES_NR) {
			strbuf_addf(&sb, "; %s ", series_info[r->with].name);
			format_rate(&sb, series_info[r->with].unit, growth_of(in, r->with)->tr.slope);
		}
		if (r->why)
			strbuf_addf(&sb, "; %s", r->why);
		if (r->metric == SERIES_FDS) {
			long long limit = max_fds_of(fl, in);
			in->max_fds = limit;
			if (limit > 0 && g->tr.slope > 0 && g->part + 1 == in->nr_parts) {
				double left = (double)limit - g->tr.last;
				f->minutes_to_limit = left > 0 ? left / (g->tr.slope * 60) : 0;
				if (f->minutes_to_limit < 1)
					strbuf_addf(&sb, "; too many open files in less than a minute (process_max_fds %lld)",
						    limit);
				else
					strbuf_addf(&sb, "; too many open files in about %.0f minutes (process_max_fds %lld)",
						    f->minutes_to_limit, limit);
			}
		}
		if ((f->minutes_to_limit >= 0 && f->minutes_to_limit <= 60) ||
		    (g->tr.first > 0 && g->tr.last >= 2 * g->tr.first) || g->parts_grew >= 2)
			f->severity = "error";
		if (!strcmp(r->kind, "memory-growth") &&
		    (grows(in, SERIES_GOROUTINES) || grows(in, SERIES_FDS))) {
			strbuf_addstr(&sb, "; it grows along with the goroutines or fds, likely the same leak");
			f->severity = "warning";
		}
		f->evidence = strbuf_detach(&sb, NULL);
	}
}

void fleet_judge_instance(const struct fleet *fl, struct fleet_instance *in)
{
	size_t m;
	int judged = 0, warmup = 0;

	split_parts(fl, in);
	memset(&in->verdict, 0, sizeof(in->verdict));
	for (m = 0; m < FM_NR; m++) {
		enum series_id id = fleet_metrics[m].series;
		struct fleet_growth *g;
		if (id == SERIES_NR)
			continue;
		g = &in->growth[id];
		judge_series(fl, in, m, g);
		in->verdict.have[id] = in->v[m] != NULL;
		in->verdict.trends[id] = g->tr;
		in->verdict.trends[id].growing = g->growing;
		judged |= g->judged;
		warmup |= g->warmup;
	}
	if (in->max_fds < 0)
		in->max_fds = max_fds_of(fl, in);
	if (!judged) {
		in->verdict.verdict = "inconclusive";
		in->note = xstrdup(in->nr_parts ? "too few points to judge a trend"
						: "no go_goroutines in the range");
		return;
	}
	build_findings(fl, in);
	in->verdict.verdict = in->verdict.nr ? "leak" : "ok";
	if (!in->verdict.nr && warmup)
		in->note = xstrdup("rising since its last restart, as after earlier restarts that levelled off: a warm-up");
}

/* ------------------------------------------------------------------ */
/* The whole fleet                                                      */

static void judge_work(void *ctx, int worker, size_t item)
{
	struct fleet *fl = ctx;
	UNUSED(worker);
	fleet_judge_instance(fl, &fl->inst[item]);
}

static void judge_emit(void *ctx, size_t item)
{
	UNUSED(ctx);
	UNUSED(item);
}

static int verdict_rank(const struct fleet_instance *in)
{
	const char *v = in->verdict.verdict;
	return !strcmp(v, "leak") ? 0 : !strcmp(v, "ok") ? 2 : 1;
}

static int errors_of(const struct fleet_instance *in)
{
	size_t i;
	int n = 0;
	for (i = 0; i < in->verdict.nr; i++)
		n += !strcmp(in->verdict.findings[i].severity, "error");
	return n;
}

static double minutes_to_limit(const struct fleet_instance *in)
{
	size_t i;
	double best = INFINITY;
	for (i = 0; i < in->verdict.nr; i++)
		if (in->verdict.findings[i].minutes_to_limit >= 0 &&
		    in->verdict.findings[i].minutes_to_limit < best)
			best = in->verdict.findings[i].minutes_to_limit;
	return best;
}

/* How far past its threshold the fastest growing series is. */
static double excess(const struct fleet_instance *in)
{
	size_t i;
	double best = 0;
	for (i = 0; i < SERIES_NR; i++) {
		const struct fleet_growth *g = &in->growth[i];
		if (g->growing && g->tr.threshold > 0 && g->tr.growth / g->tr.threshold > best)
			best = g->tr.growth / g->tr.threshold;
	}
	return best;
}

/*
 * Worst first: leaks, then inconclusive, then ok; among leaks, more
 * error findings, then the nearest fd limit, then the growth furthest
 * past its threshold; ties by labels, so the order never depends on the
 * server's.
 */
static int rank_cmp(const void *va, const void *vb)
{
	const struct fleet_instance *a = *(const struct fleet_instance *const *)va;
	const struct fleet_instance *b = *(const struct fleet_instance *const *)vb;
	int ra = verdict_rank(a), rb = verdict_rank(b), c;
	double x, y;
	size_t n;

	if (ra != rb)
		return ra - rb;
	if (ra == 0) {
		if (errors_of(a) != errors_of(b))
			return errors_of(b) - errors_of(a);
		x = minutes_to_limit(a);
		y = minutes_to_limit(b);
		if (x != y)
			return x < y ? -1 : 1;
		x = excess(a);
		y = excess(b);
		if (x != y)
			return x > y ? -1 : 1;
	}
	n = a->key_len < b->key_len ? a->key_len : b->key_len;
	c = memcmp(a->key, b->key, n);
	if (c)
		return c;
	return a->key_len < b->key_len ? -1 : a->key_len > b->key_len;
}

void fleet_judge(struct fleet *fl, int jobs)
{
	static const struct pool_ops ops = { .work = judge_work, .emit = judge_emit };
	size_t i;

	pool_run(jobs, fl->nr, NULL, &ops, fl);
	fl->ranked = xmalloc(st_mult(fl->nr ? fl->nr : 1, sizeof(*fl->ranked)));
	for (i = 0; i < fl->nr; i++)
		fl->ranked[i] = &fl->inst[i];
	qsort(fl->ranked, fl->nr, sizeof(*fl->ranked), rank_cmp);
	fl->nr_leak = fl->nr_ok = fl->nr_inconclusive = 0;
	for (i = 0; i < fl->nr; i++) {
		struct fleet_instance *in = fl->ranked[i];
		in->order = i;
		if (!strcmp(in->verdict.verdict, "leak"))
			fl->nr_leak++;
		else if (!strcmp(in->verdict.verdict, "ok"))
			fl->nr_ok++;
		else
			fl->nr_inconclusive++;
	}
	fl->verdict = fl->nr_leak ? "leak" : fl->nr_ok ? "ok" : "inconclusive";
}
