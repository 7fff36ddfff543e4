/*
 * fleet_html.c - the fleet dashboard: one self-contained page (no script,
 * no network: a Content-Security-Policy forbids both) with
 *   - a table of every instance, worst first, leaking rows highlighted,
 *     each with sparklines of goroutines, fds and RSS;
 *   - for each leaking instance (the first FLEET_HTML_DETAILS), its
 *     findings and a grid of small multiples, the growing series first
 *     and marked, with the stack group and source line under them.
 * Every chart is drawn from zero (a step from 13 to 14 must not look like
 * a cliff), breaks its line at each restart and marks it, and marks where
 * the judged growth begins. Every label value and text is escaped. The
 * charts, the escaping and the page frame are html.c's, shared with the
 * report of a live watch (report_html.c); what is here is the fleet's.
 */
#include "watch/fleet.h"
#include "watch/html.h"

#include <math.h>
#include <time.h>

/* Leaking instances shown in detail; the rest are in the table and the JSON. */
#define FLEET_HTML_DETAILS 40

#define SPARK_W 120
#define SPARK_H 24

static const double *values_of(const struct fleet_instance *in, enum series_id id)
{
	size_t m;
	for (m = 0; m < FM_NR; m++)
		if (fleet_metrics[m].series == id)
			return in->v[m];
	return NULL;
}

/*
 * What the charts of an instance share: its series from its first part
 * to its last, broken at each restart (or gap taken for one), marked.
 */
struct lifetimes {
	size_t from, to;
	size_t *breaks;
	struct html_mark *marks;    /* one per restart, room for one more */
	size_t nr;
};

static void lifetimes_init(struct lifetimes *lt, const struct fleet *fl, const struct fleet_instance *in)
{
	size_t p;

	lt->from = in->nr_parts ? in->parts[0].from : 0;
	lt->to = in->nr_parts ? in->parts[in->nr_parts - 1].to : 0;
	lt->breaks = xcalloc(in->nr_parts + 1, sizeof(*lt->breaks));
	lt->marks = xcalloc(in->nr_parts + 1, sizeof(*lt->marks));
	lt->nr = 0;
	for (p = 1; p < in->nr_parts; p++) {
		struct html_mark *m = &lt->marks[lt->nr];
		lt->breaks[lt->nr++] = in->parts[p].from - lt->from;
		m->t = fl->t[in->parts[p].from];
		m->cls = "restart";
		m->title = in->parts[p].after_restart ? "restart" : "gap";
	}
}

static void lifetimes_release(struct lifetimes *lt)
{
	free(lt->breaks);
	free(lt->marks);
}

static struct html_series series_of(const struct fleet *fl, const struct lifetimes *lt, const double *v)
{
	struct html_series s = { fl->t + lt->from, v + lt->from, lt->to - lt->from, lt->breaks, lt->nr };
	return s;
}

static double span_of(const struct fleet *fl)
{
	return fl->points && fl->t[fl->points - 1] > 0 ? fl->t[fl->points - 1] : 1;
}

static void sparkline(struct strbuf *sb, const struct fleet *fl, const struct fleet_instance *in,
		      enum series_id id)
{
	const double *v = values_of(in, id);
	struct lifetimes lt;
	struct html_series s;
	size_t i;

	if (!v) {
		strbuf_addstr(sb, "<td class=\"num\">-</td>");
		return;
	}
	lifetimes_init(&lt, fl, in);
	s = series_of(fl, &lt, v);
	strbuf_addf(sb, "<td class=\"num%s\">", in->growth[id].growing ? " growing" : "");
	html_sparkline(sb, series_info[id].name, &s, span_of(fl), SPARK_W, SPARK_H, lt.marks, lt.nr);
	strbuf_addch(sb, ' ');
	for (i = fl->points; i > 0 && isnan(v[i - 1]); i--)
		;
	html_add_value(sb, series_info[id].unit, i ? v[i - 1] : NAN);
	strbuf_addstr(sb, "</td>");
	lifetimes_release(&lt);
}

static void chart(struct strbuf *sb, const struct fleet *fl, const struct fleet_instance *in,
		  enum series_id id)
{
	const struct fleet_growth *g = &in->growth[id];
	struct strbuf from = STRBUF_INIT;
	struct lifetimes lt;
	struct html_chart c;
	size_t i;

	lifetimes_init(&lt, fl, in);
	if (g->growing && !g->pooled) {
		struct html_mark *m = &lt.marks[lt.nr++];
		m->t = g->window_start;
		m->cls = "growth-start";
		m->title = "the judged growth begins";
		m->shade = 1;
	}
	strbuf_addch(&from, '-');
	format_span(&from, span_of(fl));
	memset(&c, 0, sizeof(c));
	c.classes = g->growing ? "growing" : NULL;
	c.name = series_info[id].name;
	c.label = series_info[id].label;
	c.unit = series_info[id].unit;
	c.last = NAN;
	for (i = lt.to; i > lt.from && isnan(values_of(in, id)[i - 1]); i--)
		;
	if (i > lt.from)
		c.last = values_of(in, id)[i - 1];
	c.judged = g->judged;
	c.slope = g->tr.slope;
	c.growing = g->growing;
	c.series = series_of(fl, &lt, values_of(in, id));
	c.t_end = span_of(fl);
	c.x_from = from.buf;
	c.x_to = "end";
	c.marks = lt.marks;
	c.nr_marks = lt.nr;
	c.width = HTML_CHART_W;
	c.height = HTML_CHART_H;
	html_chart(sb, &c, NULL);
	lifetimes_release(&lt);
	strbuf_release(&from);
}

static void findings_html(struct strbuf *sb, const struct fleet_instance *in)
{
	size_t i;

	strbuf_addstr(sb, "<ul class=\"findings\">\n");
	for (i = 0; i < in->verdict.nr; i++)
		html_finding(sb, &in->verdict.findings[i], NULL);
	strbuf_addstr(sb, "</ul>\n");
}

/* The growing stack group and its source line (--pprof-template), under the charts. */
static void where_html(struct strbuf *sb, const struct fleet_instance *in)
{
	size_t i;

	for (i = 0; i < in->verdict.nr; i++) {
		const struct finding *f = &in->verdict.findings[i];
		if (f->stack || f->nr_source) {
			html_where(sb, f);
			break;
		}
	}
	if (in->profile_note) {
		strbuf_addstr(sb, "<p class=\"note\">goroutine profile: ");
		html_add(sb, in->profile_note);
		strbuf_addstr(sb, "</p>\n");
	}
}

/* The series of the small multiples, growing ones first. */
static const enum series_id chart_series[] = {
	SERIES_GOROUTINES, SERIES_FDS, SERIES_THREADS, SERIES_RSS, SERIES_HEAP_INUSE, SERIES_HEAP_GOAL,
};

static void details(struct strbuf *sb, const struct fleet *fl, const struct fleet_instance *in)
{
	struct strbuf name = STRBUF_INIT;
	size_t i;
	int pass;

	fleet_instance_name(&name, in);
	strbuf_addf(sb, "<section class=\"instance\" id=\"instance-%zu\"><h3>", in->order);
	html_add(sb, name.buf);
	strbuf_addf(sb, " <span class=\"badge %s\">%s</span>", in->verdict.verdict, in->verdict.verdict);
	if (in->restarts + in->gaps)
		strbuf_addf(sb, " <span class=\"restarts\">restarted %zu times</span>", in->restarts + in->gaps);
	strbuf_addstr(sb, "</h3>\n");
	findings_html(sb, in);
	strbuf_addstr(sb, "<div class=\"grid\">\n");
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < ARRAY_SIZE(chart_series); i++) {
			enum series_id id = chart_series[i];
			if (!values_of(in, id) || in->growth[id].growing != !pass)
				continue;
			chart(sb, fl, in, id);
		}
	strbuf_addstr(sb, "</div>\n");
	where_html(sb, in);
	strbuf_addstr(sb, "</section>\n");
	strbuf_release(&name);
}

/* The labels fleet_instance_name() leaves out, small, after the name. */
static void other_labels(struct strbuf *sb, const struct fleet_instance *in)
{
	static const char *const shown[] = { "job", "instance", "namespace", "pod" };
	size_t i, j, n = 0;

	for (i = 0; i < in->nr_labels; i++) {
		for (j = 0; j < ARRAY_SIZE(shown) && strcmp(shown[j], in->labels[i].name); j++)
			;
		if (j < ARRAY_SIZE(shown))
			continue;
		strbuf_addstr(sb, n++ ? " " : " <span class=\"labels\">");
		html_add(sb, in->labels[i].name);
		strbuf_addstr(sb, "=&quot;");
		html_add(sb, in->labels[i].value);
		strbuf_addstr(sb, "&quot;");
	}
	if (n)
		strbuf_addstr(sb, "</span>");
}

static void table(struct strbuf *sb, const struct fleet *fl)
{
	size_t i, j;

	strbuf_addstr(sb, "<table id=\"instances\">\n<thead><tr><th>#</th><th>instance</th><th>verdict</th>"
			  "<th>kinds</th><th>goroutines</th><th>fds</th><th>rss</th><th>restarts</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < fl->nr; i++) {
		const struct fleet_instance *in = fl->ranked[i];
		struct strbuf name = STRBUF_INIT;
		int linked = !strcmp(in->verdict.verdict, "leak") && i < FLEET_HTML_DETAILS;

		fleet_instance_name(&name, in);
		strbuf_addf(sb, "<tr class=\"instance %s\"><td class=\"num\">%zu</td><td class=\"name\" title=\"",
			    in->verdict.verdict, i + 1);
		for (j = 0; j < in->nr_labels; j++) {
			html_add(sb, in->labels[j].name);
			strbuf_addch(sb, '=');
			html_add(sb, in->labels[j].value);
			strbuf_addstr(sb, j + 1 < in->nr_labels ? "&#10;" : "");
		}
		strbuf_addstr(sb, "\">");
		if (linked)
			strbuf_addf(sb, "<a href=\"#instance-%zu\">", in->order);
		html_add(sb, name.buf);
		if (linked)
			strbuf_addstr(sb, "</a>");
		other_labels(sb, in);
		strbuf_addf(sb, "</td><td><span class=\"badge %s\">%s</span></td><td>",
			    in->verdict.verdict, in->verdict.verdict);
		for (j = 0; j < in->verdict.nr; j++)
			strbuf_addf(sb, "%s<span class=\"kind\">%s</span>", j ? " " : "",
				    in->verdict.findings[j].kind);
		if (!in->verdict.nr && in->note) {
			strbuf_addstr(sb, "<span class=\"note\">");
			html_add(sb, in->note);
			strbuf_addstr(sb, "</span>");
		}
		strbuf_addstr(sb, "</td>");
		sparkline(sb, fl, in, SERIES_GOROUTINES);
		sparkline(sb, fl, in, SERIES_FDS);
		sparkline(sb, fl, in, SERIES_RSS);
		strbuf_addf(sb, "<td class=\"num\">%zu</td></tr>\n", in->restarts + in->gaps);
		strbuf_release(&name);
	}
	strbuf_addstr(sb, "</tbody>\n</table>\n");
}

static void add_utc(struct strbuf *sb, double t)
{
	char buf[64];
	time_t s = (time_t)t;
	struct tm tm;
	gmtime_r(&s, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm);
	strbuf_addstr(sb, buf);
}

/* The dashboard's own style, after html.c's. */
static const char fleet_style[] =
	"table{border-collapse:collapse;font-size:.9em}th,td{padding:3px 8px;text-align:left;border-bottom:1px solid #eee;vertical-align:middle}\n"
	"th{background:#f4f4f4}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	"tr.instance.leak{background:#fff0f0}tr.instance.leak td.name a{color:#900}\n"
	".labels{color:#888;font-size:.8em}\n"
	"svg.spark{vertical-align:middle}svg.spark .line{stroke-width:1.2}\n"
	"td.growing svg.spark .line{stroke:#c62828}\n"
	"section.instance{border:1px solid #e4c4c4;border-radius:6px;padding:.8em 1em;margin:1em 0;background:#fffafa}\n"
	".restarts{color:#666;font-weight:normal;font-size:.9em}\n";

static void page(struct strbuf *sb, const struct fleet_report *r)
{
	const struct fleet *fl = r->fleet;
	struct strbuf t = STRBUF_INIT;
	size_t i, shown = 0;

	strbuf_addstr(&t, "plumber watch: fleet ");
	strbuf_addstr(&t, r->url);
	html_page_begin(sb, t.buf, fleet_style);
	strbuf_reset(&t);
	strbuf_addstr(sb, "<h1>plumber watch: a fleet from Prometheus</h1>\n<p class=\"meta\">");
	html_add(sb, r->url);
	strbuf_addstr(sb, " &middot; go_goroutines{");
	html_add(sb, r->selector);
	strbuf_addf(sb, "} &middot; %zu instances &middot; ", fl->nr);
	format_span(&t, r->range_s);
	html_add(sb, t.buf);
	strbuf_addstr(sb, " to ");
	strbuf_reset(&t);
	add_utc(&t, r->end);
	html_add(sb, t.buf);
	strbuf_addstr(sb, " &middot; step ");
	strbuf_reset(&t);
	prom_format_duration(&t, r->step_s);
	html_add(sb, t.buf);
	strbuf_addstr(sb, "</p>\n");
	strbuf_addf(sb, "<p id=\"verdict\" class=\"verdict %s\">verdict: %s &mdash; %zu leak, %zu ok, %zu inconclusive</p>\n",
		    fl->verdict, fl->verdict, fl->nr_leak, fl->nr_ok, fl->nr_inconclusive);
	strbuf_addstr(sb, "<p class=\"meta\">Charts start at zero; dashed lines are restarts, the orange line where the judged growth begins.</p>\n");
	strbuf_addstr(sb, "<h2>Instances, worst first</h2>\n");
	table(sb, fl);
	if (fl->nr_leak)
		strbuf_addstr(sb, "<h2>Leaking instances</h2>\n");
	for (i = 0; i < fl->nr && shown < FLEET_HTML_DETAILS; i++)
		if (!strcmp(fl->ranked[i]->verdict.verdict, "leak")) {
			details(sb, fl, fl->ranked[i]);
			shown++;
		}
	if (fl->nr_leak > shown)
		strbuf_addf(sb, "<p class=\"meta\">%zu more leaking instances are in the table above and in --json.</p>\n",
			    fl->nr_leak - shown);
	html_page_end(sb);
	strbuf_release(&t);
}

int fleet_report_html_write(const char *path, const struct fleet_report *r)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	page(&sb, r);
	rc = html_write(path, &sb);
	strbuf_release(&sb);
	return rc;
}
