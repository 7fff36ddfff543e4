/*
 * report_html.c - one self-contained HTML page for a watch: the verdict,
 * the findings, and an SVG chart per series drawn here. No script, no
 * network (a Content-Security-Policy forbids both), and everything that
 * comes from the target (its name, its command line, evidence text) is
 * escaped.
 */
#include "watch/watch.h"

#include <errno.h>
#include <math.h>

#define CHART_W 640
#define CHART_H 150
#define PAD_L 70
#define PAD_R 10
#define PAD_T 10
#define PAD_B 24

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

static void chart(struct strbuf *sb, const struct watch_report *r, enum series_id id)
{
	const struct watch_data *d = r->data;
	const struct trend *tr = &r->verdict->trends[id];
	double lo = INFINITY, hi = -INFINITY, t_end;
	double pw = CHART_W - PAD_L - PAD_R, ph = CHART_H - PAD_T - PAD_B;
	size_t i;
	int open = 0;

	for (i = 0; i < d->nr; i++)
		if (!isnan(d->v[id][i])) {
			lo = fmin(lo, d->v[id][i]);
			hi = fmax(hi, d->v[id][i]);
		}
	if (lo > 0 && lo < hi / 2)
		lo = 0;
	if (hi <= lo)
		hi = lo + 1;
	t_end = d->nr > 1 && d->t[d->nr - 1] > 0 ? d->t[d->nr - 1] : 1;

	strbuf_addf(sb, "<figure class=\"chart%s\" id=\"chart-%s\">\n<figcaption>",
		    tr->growing ? " growing" : "", series_info[id].name);
	add_html(sb, series_info[id].label[0] == ' ' ? series_info[id].label + 2 : series_info[id].label);
	strbuf_addstr(sb, ": ");
	add_value_html(sb, id, watch_data_last(d, id));
	if (tr->enough)
		strbuf_addf(sb, " &middot; trend %+.3g/min%s", tr->slope * 60,
			    tr->growing ? " &middot; <strong>growing</strong>" : "");
	strbuf_addf(sb, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">\n",
		    CHART_W, CHART_H, CHART_W, CHART_H, series_info[id].name);
	strbuf_addf(sb, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" class=\"plot\"/>\n",
		    PAD_L, PAD_T, pw, ph);
	strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"end\">", PAD_L - 4, PAD_T + 10);
	add_value_html(sb, id, hi);
	strbuf_addf(sb, "</text>\n<text x=\"%d\" y=\"%.0f\" class=\"axis\" text-anchor=\"end\">",
		    PAD_L - 4, PAD_T + ph);
	add_value_html(sb, id, lo);
	strbuf_addf(sb, "</text>\n<text x=\"%d\" y=\"%d\" class=\"axis\">0 s</text>"
		    "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"end\">%.0f s</text>\n",
		    PAD_L, CHART_H - 6, CHART_W - PAD_R, CHART_H - 6, t_end);
	/* The series, broken where a sample could not read it. */
	for (i = 0; i < d->nr; i++) {
		double x, y;
		if (isnan(d->v[id][i])) {
			if (open)
				strbuf_addstr(sb, "\"/>\n");
			open = 0;
			continue;
		}
		x = PAD_L + d->t[i] / t_end * pw;
		y = PAD_T + ph - (d->v[id][i] - lo) / (hi - lo) * ph;
		if (!open)
			strbuf_addstr(sb, "<polyline class=\"line\" points=\"");
		strbuf_addf(sb, "%s%.1f,%.1f", open ? " " : "", x, y);
		open = 1;
	}
	if (open)
		strbuf_addstr(sb, "\"/>\n");
	strbuf_addstr(sb, "</svg>\n</figure>\n");
}

static void page(struct strbuf *sb, const struct watch_report *r)
{
	const struct verdict *vd = r->verdict;
	size_t i;

	strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			  "style-src 'unsafe-inline'; img-src data:\">\n<title>plumber watch: ");
	add_html(sb, r->target);
	strbuf_addstr(sb, "</title>\n<style>\n"
			  "body{font-family:sans-serif;margin:2em;color:#222}\n"
			  ".verdict{font-size:1.4em;font-weight:bold}\n"
			  ".leak{color:#b00}.ok{color:#070}.inconclusive{color:#a60}\n"
			  ".finding{margin:.6em 0}.kind{font-family:monospace;font-weight:bold}\n"
			  ".fix,.lint{color:#555;margin-left:1.5em}\n"
			  "figure.chart{display:inline-block;margin:.5em 1em .5em 0}\n"
			  "figure.growing figcaption{color:#b00}\n"
			  ".plot{fill:#fafafa;stroke:#ccc}.line{fill:none;stroke:#1565c0;stroke-width:1.5}\n"
			  "figure.growing .line{stroke:#c62828}\n"
			  ".axis{font-size:10px;fill:#666}\n"
			  "</style>\n</head>\n<body>\n<h1>plumber watch</h1>\n<p class=\"target\">");
	add_html(sb, r->target);
	strbuf_addf(sb, " &middot; %zu samples over %.1f s", r->data->nr, r->duration_s);
	if (r->ended) {
		strbuf_addstr(sb, " &middot; ");
		add_html(sb, r->ended);
	}
	strbuf_addf(sb, "</p>\n<p id=\"verdict\" class=\"verdict %s\">verdict: %s</p>\n",
		    vd->verdict, vd->verdict);
	strbuf_addstr(sb, "<h2>Findings</h2>\n<ul id=\"findings\">\n");
	if (!vd->nr)
		strbuf_addstr(sb, "<li class=\"none\">no sustained growth</li>\n");
	for (i = 0; i < vd->nr; i++) {
		const struct finding *f = &vd->findings[i];
		strbuf_addf(sb, "<li class=\"finding %s\"><span class=\"kind\">%s</span> (%s): ",
			    f->severity, f->kind, f->severity);
		add_html(sb, f->evidence);
		if (f->info && *f->info->fix) {
			strbuf_addstr(sb, "<div class=\"fix\">fix: ");
			add_html(sb, f->info->fix);
			strbuf_addstr(sb, "</div>");
		}
		if (f->info && *f->info->lint_rule) {
			strbuf_addstr(sb, "<div class=\"lint\">find the cause: plumber lint, rule ");
			add_html(sb, f->info->lint_rule);
			strbuf_addstr(sb, "</div>");
		}
		if (f->nr_source) {
			size_t j;
			strbuf_addstr(sb, "<ul class=\"source\">");
			for (j = 0; j < f->nr_source; j++) {
				strbuf_addstr(sb, "<li><code>");
				add_html(sb, f->source[j].file);
				strbuf_addf(sb, ":%d</code>: <span class=\"rule\">", f->source[j].line);
				add_html(sb, f->source[j].rule);
				strbuf_addstr(sb, "</span>: ");
				add_html(sb, f->source[j].message);
				strbuf_addstr(sb, "</li>");
			}
			strbuf_addstr(sb, "</ul>");
		}
		if (f->stack) {
			strbuf_addstr(sb, "<pre class=\"stack\">");
			add_html(sb, f->stack);
			strbuf_addstr(sb, "</pre>");
		}
		strbuf_addstr(sb, "</li>\n");
	}
	strbuf_addstr(sb, "</ul>\n<h2>Series</h2>\n<div id=\"charts\">\n");
	for (i = 0; i < SERIES_NR; i++)
		if (vd->have[i])
			chart(sb, r, i);
	strbuf_addstr(sb, "</div>\n</body>\n</html>\n");
}

int report_html_write(const char *path, const struct watch_report *r)
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
