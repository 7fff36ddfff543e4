/*
 * html.c - escaping, the page frame and the SVG charts of the HTML
 * reports; see html.h.
 */
#include "watch/html.h"

#include <errno.h>
#include <math.h>

#define KIB 1024.0
#define MIB (1024.0 * KIB)
#define GIB (1024.0 * MIB)

/* The chart's margins around the plot: room for the tick labels. */
#define PAD_L 52
#define PAD_R 10
#define PAD_T 10
#define PAD_B 20
/* Points drawn at most per chart line (and per sparkline, in fleet_html.c). */
#define CHART_POINTS 600

/* ------------------------------------------------------------------ */
/* Text                                                                 */

void html_add(struct strbuf *sb, const char *s)
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

void html_add_in(struct strbuf *sb, const char *open, const char *s, const char *close)
{
	strbuf_addstr(sb, open);
	html_add(sb, s);
	strbuf_addstr(sb, close);
}

void html_add_value(struct strbuf *sb, enum unit unit, double v)
{
	struct strbuf tmp = STRBUF_INIT;
	format_value(&tmp, unit, v);
	html_add(sb, tmp.buf);
	strbuf_release(&tmp);
}

void html_add_rate(struct strbuf *sb, enum unit unit, double per_second)
{
	struct strbuf tmp = STRBUF_INIT;

	format_rate(&tmp, unit, per_second);
	html_add(sb, tmp.buf);
	strbuf_release(&tmp);
}

/* ------------------------------------------------------------------ */
/* The page                                                             */

static const char page_style[] =
	"body{font-family:system-ui,sans-serif;margin:1.5em 2em;color:#222;background:#fff}\n"
	"h1{font-size:1.3em;margin:0 0 .3em}h2{font-size:1.1em;margin:1.4em 0 .5em}h3{font-size:1em;margin:0 0 .4em}\n"
	".meta{color:#555;margin:.2em 0}\n"
	".verdict{font-size:1.3em;font-weight:bold;margin:.6em 0}\n"
	".leak{color:#b00}.ok{color:#070}.inconclusive{color:#a60}\n"
	".badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:.85em;font-weight:bold}\n"
	".badge.leak,.badge.error{background:#c62828;color:#fff}.badge.warning{background:#e65100;color:#fff}\n"
	".badge.ok{background:#e3f2e3;color:#060}.badge.inconclusive{background:#fff3d6;color:#850}\n"
	".kind{font-family:monospace}.note{color:#777;font-size:.9em}\n"
	".findings{margin:.3em 0 .6em;padding-left:1.2em}.finding{margin:.3em 0}\n"
	".fix{color:#555;margin-left:1em}\n"
	".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));grid-auto-flow:dense;gap:10px}\n"
	"figure.chart{margin:0;padding:4px 6px;border:1px solid #e4e4e4;border-radius:4px;background:#fff;min-width:0}\n"
	"figure.chart svg{display:block;width:100%;height:auto}\n"
	"figure.chart figcaption{font-size:.85em;color:#444;margin-bottom:2px}\n"
	"figcaption .now{font-weight:bold;font-variant-numeric:tabular-nums}\n"
	"figure.growing{border-color:#c62828}figure.growing figcaption{color:#b00}\n"
	".plot{fill:#fcfcfc;stroke:#ddd}.gridline{stroke:#ececec}\n"
	".line{fill:none;stroke:#1565c0;stroke-width:1.5;stroke-linejoin:round}.area{fill:#1565c0;fill-opacity:.08}.last{fill:#1565c0}\n"
	"figure.growing .line{stroke:#c62828}figure.growing .area{fill:#c62828}figure.growing .last{fill:#c62828}\n"
	"line.restart{stroke:#888;stroke-dasharray:3 2}line.growth-start{stroke:#e65100;stroke-width:1.5}.shade{fill:#e65100;fill-opacity:.07}\n"
	"line.exit{stroke:#444;stroke-width:1.5;stroke-dasharray:4 2}\n"
	".axis{font-size:10px;fill:#666}.mark-label{font-size:10px;fill:#e65100}.mark-label.exit{fill:#444}\n"
	".where{margin-top:.5em;font-size:.9em}.source code{font-weight:bold}.rule{font-family:monospace}\n"
	"pre.stack{background:#f6f6f6;padding:.5em;font-size:.8em;overflow:auto;max-height:24em;margin:.3em 0}\n";

void html_page_begin(struct strbuf *sb, const char *title, const char *style)
{
	strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			  "style-src 'unsafe-inline'; img-src data:\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_add(sb, title);
	strbuf_addstr(sb, "</title>\n<style>\n");
	strbuf_addstr(sb, page_style);
	strbuf_addstr(sb, style);
	strbuf_addstr(sb, "</style>\n</head>\n<body>\n");
}

void html_page_end(struct strbuf *sb)
{
	strbuf_addstr(sb, "</body>\n</html>\n");
}

int html_write(const char *path, const struct strbuf *page)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
	int rc = 0;

	if (!f || fwrite(page->buf, 1, page->len, f) != page->len)
		rc = error("cannot write %s: %s; check the --html path", path, strerror(errno));
	if (f && (f == stdout ? fflush(f) : fclose(f)) && !rc)
		rc = error("cannot write %s: %s; check the --html path", path, strerror(errno));
	return rc;
}

/* ------------------------------------------------------------------ */
/* The y axis                                                           */

/* The round step at or above raw: 1, 2, 2.5 or 5 times a power of ten. */
static double round_step(double raw, int whole)
{
	double mag = pow(10, floor(log10(raw))), m = raw / mag, step;

	if (m <= 1 + 1e-9)
		step = 1;
	else if (m <= 2 + 1e-9)
		step = 2;
	else if (m <= 2.5 + 1e-9 && (!whole || mag >= 10))
		step = 2.5;
	else if (m <= 5 + 1e-9)
		step = 5;
	else
		step = 10;
	step *= mag;
	return whole && step < 1 ? 1 : step;
}

void html_axis_from_zero(struct html_axis *ax, enum unit unit, double hi)
{
	/* at most this many steps from 0 to hi, so the labels never crowd */
	const double steps = 5;

	ax->scale = 1;
	if (!(hi > 0) || isinf(hi)) {
		ax->max = ax->step = 1;
		return;
	}
	if (unit == UNIT_BYTES)
		ax->scale = hi >= GIB ? GIB : hi >= MIB ? MIB : hi >= KIB ? KIB : 1;
	ax->step = round_step(hi / ax->scale / steps, unit == UNIT_COUNT || ax->scale == 1) * ax->scale;
	ax->max = ceil(hi / ax->step - 1e-9) * ax->step;
}

/* The decimals that show every multiple of step (in its scale) exactly. */
static int decimals_for(double step)
{
	int d = 0;
	while (d < 3 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6)
		d++;
	return d;
}

void html_add_tick(struct strbuf *sb, const struct html_axis *ax, enum unit unit, double v)
{
	static const char *const suffix[] = { "B", "KiB", "MiB", "GiB" };

	if (v == 0) {
		strbuf_addch(sb, '0'); /* the baseline reads the same in any unit */
	} else if (unit == UNIT_BYTES) {
		int s = ax->scale == GIB ? 3 : ax->scale == MIB ? 2 : ax->scale == KIB ? 1 : 0;
		strbuf_addf(sb, "%.*f %s", decimals_for(ax->step / ax->scale), v / ax->scale, suffix[s]);
	} else if (ax->max >= 10000) {
		strbuf_addf(sb, "%.*fk", decimals_for(ax->step / 1000), v / 1000);
	} else {
		strbuf_addf(sb, "%.*f", decimals_for(ax->step), v);
	}
}

/* ------------------------------------------------------------------ */
/* Lines                                                                */

static double x_of(const struct html_plot *p, double t)
{
	double x = p->x0 + t / p->t_end * p->w;
	return x < p->x0 ? p->x0 : x > p->x0 + p->w ? p->x0 + p->w : x;
}

static double y_of(const struct html_plot *p, double v)
{
	double y = p->y0 + p->h - (p->y_max > 0 ? v / p->y_max * p->h : 0);
	return y < p->y0 ? p->y0 : y > p->y0 + p->h ? p->y0 + p->h : y;
}

/* One unbroken piece of a line, its points as SVG text. */
struct piece {
	struct strbuf points;
	size_t nr;
	double x_first, x_last;
};

static void piece_add(struct piece *pc, const struct html_plot *p, double t, double v)
{
	double x = x_of(p, t);
	strbuf_addf(&pc->points, "%s%.1f,%.1f", pc->nr ? " " : "", x, y_of(p, v));
	if (!pc->nr)
		pc->x_first = x;
	pc->x_last = x;
	pc->nr++;
}

static void piece_flush(struct strbuf *sb, struct piece *pc, const struct html_plot *p, int area)
{
	if (!pc->nr)
		return;
	if (area && pc->nr > 1)
		strbuf_addf(sb, "<polygon class=\"area\" points=\"%.1f,%.1f %s %.1f,%.1f\"/>",
			    pc->x_first, p->y0 + p->h, pc->points.buf, pc->x_last, p->y0 + p->h);
	strbuf_addf(sb, "<polyline class=\"line\" points=\"%s\"/>", pc->points.buf);
	strbuf_reset(&pc->points);
	pc->nr = 0;
}

/* A bucket of consecutive points: the first, last, lowest and highest. */
struct bucket {
	size_t nr, first, last, lo, hi;
};

static void bucket_flush(struct bucket *b, struct piece *pc, const struct html_plot *p,
			 const struct html_series *s)
{
	size_t keep[4] = { b->first, b->lo, b->hi, b->last }, i, j;

	if (!b->nr)
		return;
	/* in time order, each point once */
	for (i = 1; i < 4; i++)
		for (j = i; j > 0 && keep[j - 1] > keep[j]; j--) {
			size_t tmp = keep[j];
			keep[j] = keep[j - 1];
			keep[j - 1] = tmp;
		}
	for (i = 0; i < 4; i++)
		if (!i || keep[i] != keep[i - 1])
			piece_add(pc, p, s->t[keep[i]], s->v[keep[i]]);
	b->nr = 0;
}

void html_plot_series(struct strbuf *sb, const struct html_plot *p, const struct html_series *s,
		      size_t max_points, int area)
{
	struct piece pc = { STRBUF_INIT, 0, 0, 0 };
	struct bucket b = { 0, 0, 0, 0, 0 };
	size_t i, next_break = 0, per_bucket = 1;

	if (max_points >= 4 && s->n > max_points)
		per_bucket = (s->n * 4 + max_points - 1) / max_points;
	for (i = 0; i <= s->n; i++) {
		int at_break = 0;
		while (next_break < s->nr_breaks && s->breaks[next_break] <= i)
			at_break |= s->breaks[next_break++] == i;
		if (i == s->n || isnan(s->v[i]) || at_break) {
			bucket_flush(&b, &pc, p, s);
			piece_flush(sb, &pc, p, area);
		}
		if (i == s->n || isnan(s->v[i]))
			continue;
		if (!b.nr) {
			b.first = b.lo = b.hi = i;
		} else {
			if (s->v[i] < s->v[b.lo])
				b.lo = i;
			if (s->v[i] > s->v[b.hi])
				b.hi = i;
		}
		b.last = i;
		if (++b.nr == per_bucket)
			bucket_flush(&b, &pc, p, s);
	}
	strbuf_release(&pc.points);
}

void html_plot_mark(struct strbuf *sb, const struct html_plot *p, const struct html_mark *m)
{
	double x = x_of(p, m->t);

	if (m->shade && x < p->x0 + p->w)
		strbuf_addf(sb, "<rect class=\"shade\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
			    x, p->y0, p->x0 + p->w - x, p->h);
	strbuf_addf(sb, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"><title>",
		    m->cls, x, p->y0, x, p->y0 + p->h);
	html_add(sb, m->title);
	strbuf_addstr(sb, "</title></line>");
	if (m->label) {
		/*
		 * Beside the line, inside the plot: at its top, or at its
		 * bottom for a mark at the right edge (an exit), so that it
		 * does not run into the label of a mark in the middle.
		 */
		int left = x > p->x0 + p->w * 0.75;
		strbuf_addf(sb, "<text class=\"mark-label %s\" x=\"%.1f\" y=\"%.1f\"%s>", m->cls,
			    left ? x - 3 : x + 3, left ? p->y0 + p->h - 4 : p->y0 + 10,
			    left ? " text-anchor=\"end\"" : "");
		html_add(sb, m->label);
		strbuf_addstr(sb, "</text>");
	}
}

/* ------------------------------------------------------------------ */
/* Charts                                                               */

static double series_max(const struct html_series *s)
{
	double hi = 0;
	size_t i;
	for (i = 0; i < s->n; i++)
		if (!isnan(s->v[i]) && s->v[i] > hi)
			hi = s->v[i];
	return hi;
}

static void caption(struct strbuf *sb, const struct html_chart *c)
{
	const char *label = c->label;

	while (*label == ' ')
		label++;
	html_add_in(sb, "<figcaption><span class=\"label\">", label, "</span>");
	if (!isnan(c->last)) {
		strbuf_addstr(sb, " <span class=\"now\">");
		html_add_value(sb, c->unit, c->last);
		strbuf_addstr(sb, "</span>");
	}
	if (c->judged) {
		strbuf_addstr(sb, " &middot; <span class=\"rate\">");
		html_add_rate(sb, c->unit, c->slope);
		strbuf_addstr(sb, "</span>");
	}
	if (c->growing)
		strbuf_addstr(sb, " &middot; <strong>growing</strong>");
	if (c->badge) {
		html_add_in(sb, " <span class=\"badge ", c->badge_class ? c->badge_class : "", "\">");
		html_add_in(sb, "", c->badge, "</span>");
	}
	strbuf_addstr(sb, "</figcaption>");
}

void html_chart(struct strbuf *sb, const struct html_chart *c, const char *below)
{
	const struct html_series *s = &c->series;
	struct html_axis ax;
	struct html_plot p;
	size_t i, k;

	html_axis_from_zero(&ax, c->unit, series_max(s));
	p.x0 = PAD_L;
	p.y0 = PAD_T;
	p.w = c->width - PAD_L - PAD_R;
	p.h = c->height - PAD_T - PAD_B;
	p.t_end = c->t_end > 0 ? c->t_end : 1;
	p.y_max = ax.max;

	strbuf_addstr(sb, "<figure class=\"chart");
	if (c->classes && *c->classes)
		html_add_in(sb, " ", c->classes, "");
	strbuf_addch(sb, '"');
	if (c->id)
		html_add_in(sb, " id=\"", c->id, "\"");
	strbuf_addch(sb, '>');
	caption(sb, c);
	strbuf_addf(sb, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
		    c->width, c->height, c->width, c->height);
	html_add(sb, c->name);
	strbuf_addf(sb, "\"><rect class=\"plot\" x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\"/>",
		    p.x0, p.y0, p.w, p.h);

	/* the y axis from zero, a grid line and a label per tick */
	for (k = 0; k * ax.step <= ax.max * (1 + 1e-9); k++) {
		double y = y_of(&p, k * ax.step);
		if (k)
			strbuf_addf(sb, "<line class=\"gridline\" x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\"/>",
				    p.x0, y, p.x0 + p.w, y);
		strbuf_addf(sb, "<text class=\"axis y\" x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">",
			    p.x0 - 4, y + 3.5);
		html_add_tick(sb, &ax, c->unit, k * ax.step);
		strbuf_addstr(sb, "</text>");
	}
	strbuf_addf(sb, "<text class=\"axis x\" x=\"%.0f\" y=\"%d\">", p.x0, c->height - 5);
	html_add(sb, c->x_from);
	strbuf_addf(sb, "</text><text class=\"axis x\" x=\"%.0f\" y=\"%d\" text-anchor=\"end\">",
		    p.x0 + p.w, c->height - 5);
	html_add(sb, c->x_to);
	strbuf_addstr(sb, "</text>");

	for (i = 0; i < c->nr_marks; i++)
		html_plot_mark(sb, &p, &c->marks[i]);
	html_plot_series(sb, &p, s, CHART_POINTS, 1);
	for (i = s->n; i > 0 && isnan(s->v[i - 1]); i--)
		;
	if (i)
		strbuf_addf(sb, "<circle class=\"last\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>",
			    x_of(&p, s->t[i - 1]), y_of(&p, s->v[i - 1]));
	strbuf_addstr(sb, "</svg>");
	if (below)
		strbuf_addstr(sb, below);
	strbuf_addstr(sb, "</figure>\n");
}

void html_sparkline(struct strbuf *sb, const char *name, const struct html_series *s,
		    double t_end, int w, int h, const struct html_mark *marks, size_t nr_marks)
{
	struct html_plot p = { 0, 1, w, h - 2, t_end > 0 ? t_end : 1, series_max(s) };
	size_t i;

	strbuf_addf(sb, "<svg class=\"spark\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
		    w, h, w, h);
	html_add(sb, name);
	strbuf_addstr(sb, "\">");
	html_plot_series(sb, &p, s, CHART_POINTS / 4, 0);
	for (i = 0; i < nr_marks; i++)
		html_plot_mark(sb, &p, &marks[i]);
	strbuf_addstr(sb, "</svg>");
}

/* ------------------------------------------------------------------ */
/* Findings                                                             */

void html_finding(struct strbuf *sb, const struct finding *f, const char *href)
{
	html_add_in(sb, "<li class=\"finding ", f->severity, "\">");
	html_add_in(sb, "<span class=\"kind\">", f->kind, "</span>");
	html_add_in(sb, " (", f->severity, "): ");
	html_add(sb, f->evidence ? f->evidence : "");
	if (href)
		html_add_in(sb, " <a class=\"to-chart\" href=\"", href, "\">chart</a>");
	if (f->info && *f->info->fix) {
		html_add_in(sb, "<div class=\"fix\">fix: ", f->info->fix, "");
		if (*f->info->lint_rule)
			html_add_in(sb, "; find the cause: plumber lint, rule ", f->info->lint_rule, "");
		strbuf_addstr(sb, "</div>");
	}
	strbuf_addstr(sb, "</li>\n");
}

void html_where(struct strbuf *sb, const struct finding *f)
{
	size_t i;

	if (!f->stack && !f->nr_source)
		return;
	strbuf_addstr(sb, "<div class=\"where\">");
	for (i = 0; i < f->nr_source; i++) {
		html_add_in(sb, "<div class=\"source\"><code>", f->source[i].file, "");
		strbuf_addf(sb, ":%d</code> ", f->source[i].line);
		html_add_in(sb, "<span class=\"rule\">", f->source[i].rule, "</span>: ");
		html_add_in(sb, "", f->source[i].message, "</div>");
	}
	if (f->stack)
		html_add_in(sb, "<pre class=\"stack\">", f->stack, "</pre>");
	strbuf_addstr(sb, "</div>\n");
}
