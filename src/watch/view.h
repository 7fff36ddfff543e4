/*
 * view.h - what `plumber watch` shows while it samples, on stderr.
 *
 * On a terminal: a table redrawn in place (elapsed time, every series with
 * its value, a sparkline and its trend). Not on a terminal: one plain line
 * every VIEW_PLAIN_EVERY samples, so logs stay small. --quiet: nothing.
 * Not thread safe.
 */
#ifndef PLUMBER_WATCH_VIEW_H
#define PLUMBER_WATCH_VIEW_H

#include "watch/watch.h"

#define VIEW_PLAIN_EVERY 10
#define VIEW_SPARK_WIDTH 32

struct view {
	FILE *out;
	int tty;
	int active;      /* 0 with --quiet */
	int lines;       /* lines drawn last time (to move back over them) */
	size_t shown;    /* samples when the last plain line was printed */
};

/* Decide the mode: a live table when stderr is a terminal. */
void view_init(struct view *v, int quiet);

/* Show the state after a sample (r->verdict is the verdict so far). */
void view_update(struct view *v, const struct watch_report *r);

/* Leave the terminal clean for the final report. */
void view_finish(struct view *v);

/*
 * Append a sparkline of the last `width` values of series v[0..n) to sb
 * (UTF-8 block characters; a space where a value is unknown).
 */
void sparkline(struct strbuf *sb, const double *v, size_t n, size_t width);

#endif
