/*
 * view.c - the live view of `plumber watch`; see view.h.
 */
#include "watch/view.h"

#include <sys/ioctl.h>

#include <math.h>
#include <unistd.h>

void view_init(struct view *v, int quiet)
{
	memset(v, 0, sizeof(*v));
	v->out = stderr;
	v->tty = isatty(fileno(stderr));
	v->active = !quiet;
}

void sparkline(struct strbuf *sb, const double *v, size_t n, size_t width)
{
	static const char *const blocks[] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
	};
	size_t from = n > width ? n - width : 0, i;
	double lo = INFINITY, hi = -INFINITY;

	for (i = from; i < n; i++)
		if (!isnan(v[i])) {
			lo = v[i] < lo ? v[i] : lo;
			hi = v[i] > hi ? v[i] : hi;
		}
	for (i = from; i < n; i++) {
		size_t level = 0;
		if (isnan(v[i])) {
			strbuf_addch(sb, ' ');
			continue;
		}
		if (hi > lo)
			level = (size_t)((v[i] - lo) / (hi - lo) * 7 + 0.5);
		strbuf_addstr(sb, blocks[level > 7 ? 7 : level]);
	}
	for (i = n - from; i < width; i++)
		strbuf_addch(sb, ' ');
}

static void add_trend(struct strbuf *sb, const struct trend *tr, enum series_id id)
{
	if (!tr->enough) {
		strbuf_addstr(sb, "  (warming up)");
		return;
	}
	strbuf_addstr(sb, "  ");
	if (series_info[id].unit == UNIT_BYTES) {
		strbuf_addch(sb, tr->slope < 0 ? '-' : '+');
		format_value(sb, UNIT_BYTES, fabs(tr->slope * 60));
		strbuf_addstr(sb, "/min");
	} else {
		strbuf_addf(sb, "%+.1f/min", tr->slope * 60);
	}
	strbuf_addstr(sb, tr->growing ? "  GROWING" : tr->z >= TREND_Z ? "  rising" : "  flat");
}

/* The terminal's width in columns (80 when it cannot be told). */
static int term_columns(FILE *out)
{
	struct winsize ws;
	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/*
 * Append `line` cut to cols - 1 columns (UTF-8: a column per character),
 * so that it never wraps: the redraw moves up one row per line.
 */
static void add_fitted(struct strbuf *sb, const struct strbuf *line, int cols)
{
	size_t i, n = 0;
	for (i = 0; i < line->len; i++) {
		unsigned char c = (unsigned char)line->buf[i];
		if ((c & 0xc0) != 0x80 && ++n >= (size_t)cols)
			break;
		strbuf_addch(sb, (char)c);
	}
	strbuf_addstr(sb, "\033[K\n");
}

static void draw_table(struct view *v, const struct watch_report *r)
{
	const struct watch_data *d = r->data;
	struct strbuf sb = STRBUF_INIT, line = STRBUF_INIT;
	int lines = 0, cols = term_columns(v->out);
	size_t i;

	if (v->lines)
		strbuf_addf(&sb, "\033[%dA", v->lines);
	strbuf_addch(&sb, '\r');
	strbuf_addf(&line, "plumber watch  %s  elapsed %.0fs  samples %zu  so far: %s",
		    r->target, r->duration_s, d->nr, r->verdict->verdict);
	add_fitted(&sb, &line, cols);
	lines++;
	for (i = 0; i < SERIES_NR; i++) {
		size_t mark;
		if (!r->verdict->have[i])
			continue;
		strbuf_reset(&line);
		strbuf_addf(&line, "  %-20s ", series_info[i].label);
		mark = line.len;
		format_value(&line, series_info[i].unit, watch_data_last(d, i));
		if (line.len - mark < 12)
			strbuf_addchars(&line, ' ', 12 - (line.len - mark));
		strbuf_addch(&line, ' ');
		sparkline(&line, d->v[i], d->nr, VIEW_SPARK_WIDTH);
		add_trend(&line, &r->verdict->trends[i], i);
		add_fitted(&sb, &line, cols);
		lines++;
	}
	strbuf_release(&line);
	strbuf_addstr(&sb, "\033[J");
	fwrite(sb.buf, 1, sb.len, v->out);
	fflush(v->out);
	v->lines = lines;
	strbuf_release(&sb);
}

static void draw_line(struct view *v, const struct watch_report *r)
{
	const struct watch_data *d = r->data;
	static const enum series_id shown[] = {
		SERIES_FDS, SERIES_FD_SOCKET, SERIES_TCP_ESTABLISHED, SERIES_TCP_CLOSE_WAIT,
		SERIES_THREADS, SERIES_RSS, SERIES_GOROUTINES, SERIES_HEAP_INUSE,
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (d->nr < v->shown + VIEW_PLAIN_EVERY)
		return;
	v->shown = d->nr;
	strbuf_addf(&sb, "watch: %.0fs", r->duration_s);
	for (i = 0; i < ARRAY_SIZE(shown); i++) {
		if (!r->verdict->have[shown[i]])
			continue;
		strbuf_addf(&sb, " %s=", series_info[shown[i]].name);
		format_value(&sb, series_info[shown[i]].unit, watch_data_last(d, shown[i]));
	}
	fprintf(v->out, "%s\n", sb.buf);
	strbuf_release(&sb);
}

void view_update(struct view *v, const struct watch_report *r)
{
	if (!v->active)
		return;
	if (v->tty)
		draw_table(v, r);
	else
		draw_line(v, r);
}

void view_finish(struct view *v)
{
	if (v->active && v->tty && v->lines)
		fputc('\n', v->out);
}
