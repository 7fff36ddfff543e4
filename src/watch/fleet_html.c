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
 * the judged growth begins. Every label value and text is escaped.
 */
#include "watch/fleet.h"

#include <errno.h>
#include <math.h>
#include <time.h>

/* Leaking instances shown in detail; the rest are in the table and the JSON. */
#define FLEET_HTML_DETAILS 40
/* Points drawn at most per chart and per sparkline. */
#define CHART_POINTS 400
#define SPARK_POINTS 80

#define CHART_W 320
#define CHART_H 130
#define PAD_L 56
#define PAD_R 8
#define PAD_T 8
#define PAD_B 20
#define SPARK_W 120
#define SPARK_H 24

/* Append s as HTML text or attribute value: & < > " ' escaped, bad UTF-8 replaced. */
static void add_html(struct strbuf *sb, const char *s)
{
	struct strbuf clean = STRBUF_INIT;
	size_t i;

	strbuf_add_utf8(&clean, s, strlen(s));
	for (i = 0; i < clean.len; i++) {
		switch (clean.buf[i]) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&#39;"); break;
		default: strbuf_addch(sb, clean.buf[i]);
		}
	}
	strbuf_release(&clean);
}

static void add_value_html(struct strbuf *sb, enum series_id id, double v)
{
	struct strbuf tmp = STRBUF_INIT;
	format_value(&tmp, series_info[id].unit, v);
	add_html(sb, tmp.buf);
	strbuf_release(&tmp);
}

static const double *values_of(const struct fleet_instance *in, enum series_id id)
{
	size_t m;
	for (m = 0; m < FM_NR; m++)
		if (fleet_metrics[m].series == id)
			return in->v[m];
	return NULL;
}

static double max_of(const struct fleet *fl, const double *v)
{
	double hi = 0;
	size_t i;
	for (i = 0; i < fl->points; i++)
		if (!isnan(v[i]) && v[i] > hi)
			hi = v[i];
	return hi;
}

/*
 * The polyline(s) of v over [0, w] x [0, h] (offset x0, y0), from zero
 * to hi, at most max_points points, broken at gaps and at each part.
 */
static void add_lines(struct strbuf *sb, const struct fleet *fl, const struct fleet_instance *in,
		      const double *v, double hi, double x0, double y0, double w, double h,
		      size_t max_points)
{
	size_t p, i, stride = fl->points > max_points ? (fl->points + max_points - 1) / max_points : 1;
	double span = fl->t[fl->points - 1] > 0 ? fl->t[fl->points - 1] : 1;

	for (p = 0; p < in->nr_parts; p++) {
		int open = 0;
		for (i = in->parts[p].from; i < in->parts[p].to; i++) {
			double x, y;
			if (i != in->parts[p].from && i + 1 != in->parts[p].to && (i - in->parts[p].from) % stride)
				continue;
			if (isnan(v[i])) {
				if (open)
					strbuf_addstr(sb, "\"/>");
				open = 0;
				continue;
			}
			x = x0 + fl->t[i] / span * w;
			y = y0 + h - (hi > 0 ? v[i] / hi * h : 0);
			if (!open)
				strbuf_addstr(sb, "<polyline class=\"line\" points=\"");
			strbuf_addf(sb, "%s%.1f,%.1f", open ? " " : "", x, y);
			open = 1;
		}
		if (open)
			strbuf_addstr(sb, "\"/>");
	}
}

static void add_restarts(struct strbuf *sb, const struct fleet *fl, const struct fleet_instance *in,
			 double x0, double y0, double w, double h)
{
	double span = fl->t[fl->points - 1] > 0 ? fl->t[fl->points - 1] : 1;
	size_t p;
	for (p = 1; p < in->nr_parts; p++) {
		double x = x0 + fl->t[in->parts[p].from] / span * w;
		strbuf_addf(sb, "<line class=\"restart\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"><title>%s</title></line>",
			    x, y0, x, y0 + h, in->parts[p].after_restart ? "restart" : "gap");
	}
}

static void sparkline(struct strbuf *sb, const struct fleet *fl, const struct fleet_instance *in,
		      enum series_id id)
{
	const double *v = values_of(in, id);
	const struct fleet_growth *g = &in->growth[id];

	if (!v) {
		strbuf_addstr(sb, "<td class=\"num\">-</td>");
		return;
	}
	strbuf_addf(sb, "<td class=\"num%s\"><svg class=\"spark\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
		    g->growing ? " growing" : "", SPARK_W, SPARK_H, SPARK_W, SPARK_H, series_info[id].name);
	add_lines(sb, fl, in, v, max_of(fl, v), 0, 1, SPARK_W, SPARK_H - 2, SPARK_POINTS);
	add_restarts(sb, fl, in, 0, 0, SPARK_W, SPARK_H);
	strbuf_addstr(sb, "</svg> ");
	{
		size_t i;
		for (i = fl->points; i > 0 && isnan(v[i - 1]); i--)
			;
		add_value_html(sb, id, i ? v[i - 1] : NAN);
	}
	strbuf_addstr(sb, "</td>");
}

static void chart(struct strbuf *sb, const struct fleet *fl, const struct fleet_instance *in,
		  enum series_id id)
{
	const double *v = values_of(in, id);
	const struct fleet_growth *g = &in->growth[id];
	double pw = CHART_W - PAD_L - PAD_R, ph = CHART_H - PAD_T - PAD_B, hi, span;
	struct strbuf t = STRBUF_INIT;

	hi = max_of(fl, v);
	if (hi <= 0)
		hi = 1;
	span = fl->t[fl->points - 1] > 0 ? fl->t[fl->points - 1] : 1;
	strbuf_addf(sb, "<figure class=\"chart%s\"><figcaption>", g->growing ? " growing" : "");
	add_html(sb, series_info[id].label);
	if (g->judged) {
		strbuf_addstr(sb, " &middot; ");
		if (series_info[id].unit == UNIT_BYTES) {
			strbuf_addch(&t, g->tr.slope < 0 ? '-' : '+');
			format_value(&t, UNIT_BYTES, fabs(g->tr.slope * 60));
			strbuf_addstr(&t, "/min");
		} else {
			strbuf_addf(&t, "%+.1f/min", g->tr.slope * 60);
		}
		add_html(sb, t.buf);
		if (g->growing)
			strbuf_addstr(sb, " &middot; <strong>growing</strong>");
	}
	strbuf_addf(sb, "</figcaption><svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
		    CHART_W, CHART_H, CHART_W, CHART_H, series_info[id].name);
	strbuf_addf(sb, "<rect class=\"plot\" x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\"/>",
		    PAD_L, PAD_T, pw, ph);
	strbuf_addf(sb, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">", PAD_L - 4, PAD_T + 9);
	add_value_html(sb, id, hi);
	strbuf_addf(sb, "</text><text class=\"axis\" x=\"%d\" y=\"%.0f\" text-anchor=\"end\">0</text>",
		    PAD_L - 4, PAD_T + ph);
	strbuf_reset(&t);
	fleet_format_span(&t, span);
	strbuf_addf(sb, "<text class=\"axis\" x=\"%d\" y=\"%d\">-", PAD_L, CHART_H - 5);
	add_html(sb, t.buf);
	strbuf_addf(sb, "</text><text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">end</text>",
		    CHART_W - PAD_R, CHART_H - 5);
	if (g->growing && !g->pooled) {
		double x = PAD_L + g->window_start / span * pw;
		strbuf_addf(sb, "<line class=\"growth-start\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.0f\"><title>the judged growth begins</title></line>",
			    x, PAD_T, x, PAD_T + ph);
	}
	add_restarts(sb, fl, in, PAD_L, PAD_T, pw, ph);
	add_lines(sb, fl, in, v, hi, PAD_L, PAD_T, pw, ph, CHART_POINTS);
	strbuf_addstr(sb, "</svg></figure>\n");
	strbuf_release(&t);
}

static void findings_html(struct strbuf *sb, const struct fleet_instance *in)
{
	size_t i;

	strbuf_addstr(sb, "<ul class=\"findings\">\n");
	for (i = 0; i < in->verdict.nr; i++) {
		const struct finding *f = &in->verdict.findings[i];
		strbuf_addf(sb, "<li class=\"finding %s\"><span class=\"kind\">%s</span> (%s): ",
			    f->severity, f->kind, f->severity);
		add_html(sb, f->evidence);
		if (f->info && *f->info->fix) {
			strbuf_addstr(sb, "<div class=\"fix\">fix: ");
			add_html(sb, f->info->fix);
			if (*f->info->lint_rule) {
				strbuf_addstr(sb, "; find the cause: plumber lint, rule ");
				add_html(sb, f->info->lint_rule);
			}
			strbuf_addstr(sb, "</div>");
		}
		strbuf_addstr(sb, "</li>\n");
	}
	strbuf_addstr(sb, "</ul>\n");
}

/* The growing stack group and its source line (--pprof-template), under the charts. */
static void where_html(struct strbuf *sb, const struct fleet_instance *in)
{
	size_t i, j;

	for (i = 0; i < in->verdict.nr; i++) {
		const struct finding *f = &in->verdict.findings[i];
		if (!f->stack && !f->nr_source)
			continue;
		strbuf_addstr(sb, "<div class=\"where\">");
		for (j = 0; j < f->nr_source; j++) {
			strbuf_addstr(sb, "<div class=\"source\"><code>");
			add_html(sb, f->source[j].file);
			strbuf_addf(sb, ":%d</code> ", f->source[j].line);
			add_html(sb, f->source[j].rule);
			strbuf_addstr(sb, ": ");
			add_html(sb, f->source[j].message);
			strbuf_addstr(sb, "</div>");
		}
		if (f->stack) {
			strbuf_addstr(sb, "<pre class=\"stack\">");
			add_html(sb, f->stack);
			strbuf_addstr(sb, "</pre>");
		}
		strbuf_addstr(sb, "</div>\n");
		break;
	}
	if (in->profile_note) {
		strbuf_addstr(sb, "<p class=\"note\">goroutine profile: ");
		add_html(sb, in->profile_note);
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
	add_html(sb, name.buf);
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
		add_html(sb, in->labels[i].name);
		strbuf_addstr(sb, "=&quot;");
		add_html(sb, in->labels[i].value);
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
			add_html(sb, in->labels[j].name);
			strbuf_addch(sb, '=');
			add_html(sb, in->labels[j].value);
			strbuf_addstr(sb, j + 1 < in->nr_labels ? "&#10;" : "");
		}
		strbuf_addstr(sb, "\">");
		if (linked)
			strbuf_addf(sb, "<a href=\"#instance-%zu\">", in->order);
		add_html(sb, name.buf);
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
			add_html(sb, in->note);
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

static void page(struct strbuf *sb, const struct fleet_report *r)
{
	const struct fleet *fl = r->fleet;
	struct strbuf t = STRBUF_INIT;
	size_t i, shown = 0;

	strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			  "style-src 'unsafe-inline'; img-src data:\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			  "<title>plumber watch: fleet ");
	add_html(sb, r->url);
	strbuf_addstr(sb, "</title>\n<style>\n"
			  "body{font-family:system-ui,sans-serif;margin:1.5em 2em;color:#222;background:#fff}\n"
			  "h1{font-size:1.3em;margin:0 0 .3em}h2{font-size:1.1em;margin:1.4em 0 .5em}h3{font-size:1em;margin:0 0 .4em}\n"
			  ".meta{color:#555;margin:.2em 0}\n"
			  ".verdict{font-size:1.3em;font-weight:bold;margin:.6em 0}\n"
			  ".leak{color:#b00}.ok{color:#070}.inconclusive{color:#a60}\n"
			  "table{border-collapse:collapse;font-size:.9em}th,td{padding:3px 8px;text-align:left;border-bottom:1px solid #eee;vertical-align:middle}\n"
			  "th{background:#f4f4f4}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
			  "tr.instance.leak{background:#fff0f0}tr.instance.leak td.name a{color:#900}\n"
			  ".badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:.85em;font-weight:bold}\n"
			  ".badge.leak{background:#c62828;color:#fff}.badge.ok{background:#e3f2e3;color:#060}.badge.inconclusive{background:#fff3d6;color:#850}\n"
			  ".kind{font-family:monospace}.note{color:#777;font-size:.9em}.labels{color:#888;font-size:.8em}\n"
			  "svg.spark{vertical-align:middle}svg.spark .line{stroke-width:1.2}\n"
			  "td.growing svg.spark .line{stroke:#c62828}\n"
			  "section.instance{border:1px solid #e4c4c4;border-radius:6px;padding:.8em 1em;margin:1em 0;background:#fffafa}\n"
			  ".restarts{color:#666;font-weight:normal;font-size:.9em}\n"
			  ".findings{margin:.3em 0 .6em;padding-left:1.2em}.finding{margin:.25em 0}\n"
			  ".fix{color:#555;margin-left:1em}\n"
			  ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:10px}\n"
			  "figure.chart{margin:0;padding:4px;border:1px solid #eee;border-radius:4px;background:#fff}\n"
			  "figure.chart figcaption{font-size:.85em;color:#444}figure.growing{border-color:#c62828}\n"
			  "figure.growing figcaption{color:#b00}\n"
			  ".plot{fill:#fafafa;stroke:#ddd}.line{fill:none;stroke:#1565c0;stroke-width:1.5}\n"
			  "figure.growing .line{stroke:#c62828}\n"
			  ".restart{stroke:#888;stroke-dasharray:3 2}.growth-start{stroke:#e65100;stroke-width:1.5}\n"
			  ".axis{font-size:10px;fill:#666}\n"
			  ".where{margin-top:.6em}.source code{font-weight:bold}\n"
			  "pre.stack{background:#f6f6f6;padding:.5em;font-size:.8em;overflow-x:auto;margin:.3em 0}\n"
			  "</style>\n</head>\n<body>\n<h1>plumber watch: a fleet from Prometheus</h1>\n<p class=\"meta\">");
	add_html(sb, r->url);
	strbuf_addstr(sb, " &middot; go_goroutines{");
	add_html(sb, r->selector);
	strbuf_addf(sb, "} &middot; %zu instances &middot; ", fl->nr);
	fleet_format_span(&t, r->range_s);
	add_html(sb, t.buf);
	strbuf_addstr(sb, " to ");
	strbuf_reset(&t);
	add_utc(&t, r->end);
	add_html(sb, t.buf);
	strbuf_addstr(sb, " &middot; step ");
	strbuf_reset(&t);
	prom_format_duration(&t, r->step_s);
	add_html(sb, t.buf);
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
	strbuf_addstr(sb, "</body>\n</html>\n");
	strbuf_release(&t);
}

int fleet_report_html_write(const char *path, const struct fleet_report *r)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f;
	int rc = 0;

	page(&sb, r);
	f = strcmp(path, "-") ? fopen(path, "w") : stdout;
	if (!f || fwrite(sb.buf, 1, sb.len, f) != sb.len)
		rc = error("cannot write %s: %s; check the --html path", path, strerror(errno));
	if (f && (f == stdout ? fflush(f) : fclose(f)) && !rc)
		rc = error("cannot write %s: %s; check the --html path", path, strerror(errno));
	strbuf_release(&sb);
	return rc;
}
