/*
 * report_html.c - one self-contained HTML page for a watch of one
 * process: the verdict, the findings with their fix, and a grid of small
 * multiples (html.c draws them):
 *   - the series a finding names first, wide and outlined in the leak's
 *     colour, with the finding's kind in the caption and, under the chart,
 *     the growing stack group and the lint findings it is tied to
 *     (--pprof, --source);
 *   - then the other series that grow, outlined; then the rest;
 *   - series that stayed at 0 the whole time named in one line, not drawn.
 * Every chart is drawn from zero; an orange line marks where the judged
 * growth begins (the trend's window, trend.h), a dashed one the target's
 * exit. No script, no network (a Content-Security-Policy forbids both),
 * and everything that comes from the target (its command line, evidence,
 * stack frames, file names) is escaped.
 */
#include "watch/html.h"
#include "watch/watch.h"

#include <math.h>

static const char report_style[] =
	".target code{font-size:.95em;word-break:break-all}\n"
	"a.to-chart{font-size:.85em;margin-left:.3em}\n"
	"figure.finding{background:#fffafa;border-width:2px}\n"
	"@media (min-width:760px){figure.wide{grid-column:span 2}}\n"
	"#zero-series{margin-top:.8em}\n";

/* The first finding about series id, or NULL. */
static const struct finding *finding_of(const struct verdict *vd, enum series_id id)
{
	size_t i;
	for (i = 0; i < vd->nr; i++)
		if (vd->findings[i].metric == id)
			return &vd->findings[i];
	return NULL;
}

/* Known and 0 at every sample: named in one line instead of drawn. */
static int always_zero(const struct watch_data *d, enum series_id id)
{
	size_t i;
	for (i = 0; i < d->nr; i++)
		if (!isnan(d->v[id][i]) && d->v[id][i] != 0)
			return 0;
	return 1;
}

/*
 * The order of the charts: the series of each finding, in the findings'
 * order, then the other growing series, then the rest; series.def's
 * order within each.
 */
static size_t chart_order(const struct verdict *vd, enum series_id *out)
{
	size_t i, n = 0, pass;

	for (i = 0; i < vd->nr; i++) {
		size_t j;
		for (j = 0; j < n && out[j] != vd->findings[i].metric; j++)
			;
		if (j == n)
			out[n++] = vd->findings[i].metric;
	}
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < SERIES_NR; i++)
			if (vd->have[i] && !finding_of(vd, i) && vd->trends[i].growing == !pass)
				out[n++] = i;
	return n;
}

static void chart(struct strbuf *sb, const struct watch_report *r, enum series_id id)
{
	const struct watch_data *d = r->data;
	const struct trend *tr = &r->verdict->trends[id];
	const struct finding *f = finding_of(r->verdict, id);
	struct strbuf idbuf = STRBUF_INIT, to = STRBUF_INIT, below = STRBUF_INIT;
	struct html_mark marks[2];
	struct html_chart c;
	size_t i, nr_marks = 0;

	memset(&c, 0, sizeof(c));
	memset(marks, 0, sizeof(marks));
	c.t_end = d->nr && d->t[d->nr - 1] > 0 ? d->t[d->nr - 1] : 1;
	if (tr->growing) {
		marks[nr_marks].t = tr->start;
		marks[nr_marks].cls = "growth-start";
		marks[nr_marks].title = "the judged growth begins: the trend is measured from here to the end";
		marks[nr_marks].label = "growth judged from here";
		marks[nr_marks].shade = 1;
		nr_marks++;
	}
	if (r->exited && d->nr) {
		marks[nr_marks].t = d->t[d->nr - 1];
		marks[nr_marks].cls = "exit";
		marks[nr_marks].title = r->ended ? r->ended : "the target exited";
		marks[nr_marks].label = "exit";
		nr_marks++;
	}
	strbuf_addf(&idbuf, "chart-%s", series_info[id].name);
	format_span(&to, c.t_end);
	c.id = idbuf.buf;
	c.classes = f ? "growing finding wide" : tr->growing ? "growing" : NULL;
	c.name = series_info[id].name;
	c.label = series_info[id].label;
	c.unit = series_info[id].unit;
	c.last = watch_data_last(d, id);
	c.judged = tr->enough;
	c.slope = tr->slope;
	c.growing = tr->growing;
	if (f) {
		c.badge = f->kind;
		c.badge_class = f->severity;
	}
	c.series.t = d->t;
	c.series.v = d->v[id];
	c.series.n = d->nr;
	c.x_from = "0 s";
	c.x_to = to.buf;
	c.marks = marks;
	c.nr_marks = nr_marks;
	c.width = f ? HTML_WIDE_W : HTML_CHART_W;
	c.height = f ? HTML_WIDE_H : HTML_CHART_H;
	for (i = 0; i < r->verdict->nr; i++)
		if (r->verdict->findings[i].metric == id)
			html_where(&below, &r->verdict->findings[i]);
	html_chart(sb, &c, below.len ? below.buf : NULL);
	strbuf_release(&idbuf);
	strbuf_release(&to);
	strbuf_release(&below);
}

static void findings(struct strbuf *sb, const struct verdict *vd)
{
	struct strbuf href = STRBUF_INIT;
	size_t i;

	strbuf_addstr(sb, "<h2>Findings</h2>\n<ul id=\"findings\" class=\"findings\">\n");
	if (!vd->nr)
		strbuf_addf(sb, "<li class=\"none\">%s</li>\n",
			    strcmp(vd->verdict, "inconclusive") ? "no sustained growth"
								: "too few samples to judge a trend");
	for (i = 0; i < vd->nr; i++) {
		strbuf_reset(&href);
		strbuf_addf(&href, "#chart-%s", series_info[vd->findings[i].metric].name);
		html_finding(sb, &vd->findings[i], href.buf);
	}
	strbuf_addstr(sb, "</ul>\n");
	strbuf_release(&href);
}

static void page(struct strbuf *sb, const struct watch_report *r)
{
	const struct verdict *vd = r->verdict;
	enum series_id order[SERIES_NR];
	struct strbuf t = STRBUF_INIT;
	size_t i, n, growing = 0, zero = 0;

	strbuf_addstr(&t, "plumber watch: ");
	strbuf_addstr(&t, r->target);
	html_page_begin(sb, t.buf, report_style);
	strbuf_addstr(sb, "<h1>plumber watch</h1>\n<p class=\"target meta\"><code>");
	html_add(sb, r->target);
	strbuf_addf(sb, "</code></p>\n<p class=\"meta\">%zu samples over ", r->data->nr);
	strbuf_reset(&t);
	format_span(&t, r->duration_s);
	html_add(sb, t.buf);
	if (r->ended) {
		strbuf_addstr(sb, " &middot; ");
		html_add(sb, r->ended);
	}
	strbuf_addstr(sb, "</p>\n");
	strbuf_addf(sb, "<p id=\"verdict\" class=\"verdict %s\">verdict: %s</p>\n", vd->verdict, vd->verdict);
	findings(sb, vd);

	n = chart_order(vd, order);
	for (i = 0; i < n; i++)
		growing += vd->trends[order[i]].growing;
	strbuf_addf(sb, "<h2>Series</h2>\n<p class=\"meta\">%zu series", n);
	if (growing)
		strbuf_addf(sb, ", %zu growing: drawn first and outlined in red, an orange line where the judged "
				"growth begins (the trend is measured from there to the end)", growing);
	else
		strbuf_addstr(sb, ", none growing");
	strbuf_addf(sb, ". Every chart starts at zero%s.</p>\n",
		    r->exited ? "; the dashed line is the target's exit" : "");
	strbuf_addstr(sb, "<div id=\"charts\" class=\"grid\">\n");
	for (i = 0; i < n; i++)
		if (vd->trends[order[i]].growing || !always_zero(r->data, order[i]))
			chart(sb, r, order[i]);
	strbuf_addstr(sb, "</div>\n");
	for (i = 0; i < n; i++) {
		if (vd->trends[order[i]].growing || !always_zero(r->data, order[i]))
			continue;
		strbuf_addstr(sb, zero++ ? ", " : "<p id=\"zero-series\" class=\"meta\">At 0 the whole time (not drawn): ");
		strbuf_addf(sb, "<span class=\"kind\" id=\"chart-%s\">%s</span>", series_info[order[i]].name,
			    series_info[order[i]].name);
	}
	if (zero)
		strbuf_addstr(sb, "</p>\n");
	html_page_end(sb);
	strbuf_release(&t);
}

int report_html_write(const char *path, const struct watch_report *r)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	page(&sb, r);
	rc = html_write(path, &sb);
	strbuf_release(&sb);
	return rc;
}
