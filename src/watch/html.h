/*
 * html.h - what the two HTML reports of `plumber watch` share: the page
 * for one process (report_html.c) and the fleet dashboard (fleet_html.c).
 *
 *   - escaping: every string that comes from the target or the server
 *     (command line, labels, evidence, stack frames, file names) goes
 *     through html_add();
 *   - the page frame: a Content-Security-Policy that forbids script and
 *     network, one style sheet, nothing fetched;
 *   - SVG charts drawn here: small multiples drawn from zero (a step from
 *     13 to 14 must not look like a cliff) with round ticks, lines broken
 *     at missing points and restarts, and vertical marks (where the
 *     judged growth begins, restarts, an exit); sparklines.
 *
 * Everything appends to a strbuf; output depends only on the input.
 * Nothing here keeps state: thread safe.
 */
#ifndef PLUMBER_WATCH_HTML_H
#define PLUMBER_WATCH_HTML_H

#include "base/strbuf.h"
#include "watch/watch.h"

/* Append s as HTML text or attribute value: & < > " ' escaped, bad UTF-8 replaced. */
void html_add(struct strbuf *sb, const char *s);

/* Append open, then s escaped, then close (open and close are trusted markup). */
void html_add_in(struct strbuf *sb, const char *open, const char *s, const char *close);

/* Append a value for people ("412", "38.2 MiB"; "-" for NaN), escaped. */
void html_add_value(struct strbuf *sb, enum unit unit, double v);

/* Append a slope given per second as a rate per minute: "+12.5/min", "+3.1 MiB/min". */
void html_add_rate(struct strbuf *sb, enum unit unit, double per_second);

/*
 * Open a page: doctype, the Content-Security-Policy (no script, no
 * network), `title` (escaped), the shared style sheet followed by
 * `style` (the page's own rules: trusted text, not escaped), and <body>.
 */
void html_page_begin(struct strbuf *sb, const char *title, const char *style);
/* Close what html_page_begin() opened. */
void html_page_end(struct strbuf *sb);

/*
 * Write the page to path ("-": stdout). Returns 0, or -1 when it cannot
 * be written (reported with error(), naming --html).
 */
int html_write(const char *path, const struct strbuf *page);

/*
 * The y axis of a count or a size, from zero: ticks at 0, step, 2 step...
 * up to max, the first round value (1, 2 or 5 times a power of ten, of
 * KiB, MiB or GiB for sizes) at or above hi. Counts get whole steps. hi
 * <= 0 or NaN gives 0..1.
 */
struct html_axis {
	double max, step;
	double scale;               /* the unit of the labels: 1, or 1024^k bytes */
};
void html_axis_from_zero(struct html_axis *ax, enum unit unit, double hi);

/* Append a tick label of the axis: "0", "15", "20k", "200 MiB", "1.5 GiB". */
void html_add_tick(struct strbuf *sb, const struct html_axis *ax, enum unit unit, double v);

/* A series to draw: points (t[i], v[i]), i < n, t ascending. */
struct html_series {
	const double *t, *v;        /* v[i] NaN: missing, the line breaks there */
	size_t n;
	const size_t *breaks;       /* the line also breaks before these points (restarts); ascending */
	size_t nr_breaks;
};

/* A vertical mark on a chart. */
struct html_mark {
	double t;                   /* where, in the series' time */
	const char *cls;            /* its class: "growth-start", "restart", "exit" */
	const char *title;          /* the tooltip (escaped) */
	const char *label;          /* short text drawn at its top (escaped), or NULL */
	int shade;                  /* also shade from the mark to the right edge */
};

/* Where a plot sits in its SVG and what its edges stand for. */
struct html_plot {
	double x0, y0, w, h;        /* the plot area */
	double t_end;               /* time at the right edge; the left edge is t = 0 */
	double y_max;               /* value at the top; the bottom is 0 */
};

/*
 * Append the series as <polyline class="line"> pieces (and, with area,
 * a <polygon class="area"> under each), broken at missing points and
 * breaks. Longer series keep, per bucket, their first, last, lowest and
 * highest points, at most about max_points in all, so a spike survives.
 */
void html_plot_series(struct strbuf *sb, const struct html_plot *p, const struct html_series *s,
		      size_t max_points, int area);

/* Append a mark (a <line> with a <title>, its label and shade). */
void html_plot_mark(struct strbuf *sb, const struct html_plot *p, const struct html_mark *m);

/*
 * The size of a chart's SVG (it is scaled to the width of its cell): a
 * small multiple, and a wide one (two cells) for a series a finding names.
 */
#define HTML_CHART_W 400
#define HTML_CHART_H 150
#define HTML_WIDE_W 820
#define HTML_WIDE_H 220

/* A chart of one series, in a <figure class="chart ..."> of its own. */
struct html_chart {
	const char *id;             /* the figure's id, or NULL */
	const char *classes;        /* more classes of the figure ("growing"...), or NULL */
	const char *name;           /* the series' name (aria-label) */
	const char *label;          /* the caption: what is drawn */
	enum unit unit;
	double last;                /* the caption: the value now (NaN: not shown) */
	int judged;                 /* the caption shows the trend's rate */
	double slope;               /* per second */
	int growing;                /* the caption says so */
	const char *badge;          /* a kind named in the caption, or NULL */
	const char *badge_class;    /* the badge's class: "error", "warning" */
	struct html_series series;
	double t_end;               /* time at the right edge (> 0) */
	const char *x_from, *x_to;  /* the time axis' labels at both ends */
	const struct html_mark *marks;
	size_t nr_marks;
	int width, height;          /* of the SVG */
};

/*
 * Append the chart: <figure> with its caption and SVG (axis from zero,
 * grid lines, the series with an area under it, its last point, the
 * marks), then `below` (HTML the caller built and escaped, or NULL)
 * and </figure>.
 */
void html_chart(struct strbuf *sb, const struct html_chart *c, const char *below);

/*
 * Append a sparkline: an SVG of w x h, from zero to the series' largest
 * value, with `marks` (restarts) as bare lines.
 */
void html_sparkline(struct strbuf *sb, const char *name, const struct html_series *s,
		    double t_end, int w, int h, const struct html_mark *marks, size_t nr_marks);

/*
 * Append a finding as an <li class="finding SEVERITY">: kind, severity,
 * evidence, fix and the lint rule, and a link to href (its chart) unless
 * NULL.
 */
void html_finding(struct strbuf *sb, const struct finding *f, const char *href);

/* Append where a finding points in the code: its lint findings (--source) and its stack group. */
void html_where(struct strbuf *sb, const struct finding *f);

#endif
