/*
 * trend.h - robust trend statistics for deciding whether a series grows.
 *
 * A leak is sustained growth, not noise and not a warm-up. Two classic
 * non-parametric tools do the work, both insensitive to outliers and to
 * the shape of the noise:
 *
 *   Theil-Sen slope   the median of the slopes between every pair of
 *                     points: how fast the series grows, ignoring spikes.
 *   Mann-Kendall      S = sum of sign(v[j] - v[i]) over pairs i < j, with
 *                     the variance corrected for ties (step-like series such
 *                     as fd counts have many); Z is its normal score. Z
 *                     large and positive means "keeps going up", which a
 *                     GC saw-tooth or a plateau never does.
 *
 * trend_judge() applies them to the RECENT WINDOW of a series only (the
 * last half of the samples, at least TREND_MIN_WINDOW of them), so a pool
 * that warms up to 40 connections and stays flat is judged on its flat
 * part. The thresholds, also in docs/watch.md:
 *
 *   TREND_MIN_SAMPLES  10     fewer samples in all: "inconclusive"
 *   TREND_MIN_WINDOW   10     the window is max(10, ceil(n / 2)) samples
 *   TREND_MAX_POINTS   300    longer windows are thinned evenly to 300
 *                             points (Theil-Sen is quadratic)
 *   TREND_Z            2.326  Mann-Kendall one-sided p < 0.01
 *   growth             slope * window span >= max(min_abs, min_rel * median)
 *                      (min_abs and min_rel are per metric, see verdict.h)
 *   floor              the minimum of the last quarter of the window is above
 *                      the minimum of the first quarter by at least half the
 *                      growth threshold: a saw-tooth whose troughs do not
 *                      rise is not a leak, however its peaks fall in time.
 *
 * All functions are pure and thread safe; they allocate scratch memory with
 * xmalloc and free it before returning.
 */
#ifndef PLUMBER_WATCH_TREND_H
#define PLUMBER_WATCH_TREND_H

#include "base/common.h"

#define TREND_MIN_SAMPLES 10
#define TREND_MIN_WINDOW 10
#define TREND_MAX_POINTS 300
#define TREND_Z 2.326

/*
 * Theil-Sen slope of the points (t[i], v[i]), in units of v per unit of t.
 * Pairs with equal t are skipped. Returns 0 with fewer than two points.
 */
double theil_sen_slope(const double *t, const double *v, size_t n);

/*
 * Mann-Kendall test on v[0..n) (taken in order). Returns the Z score
 * (positive: increasing), 0 when n < 3 or the series is constant. *s_out,
 * when not NULL, receives S.
 */
double mann_kendall_z(const double *v, size_t n, double *s_out);

/* What trend_judge() found about one series. */
struct trend {
	size_t n;            /* points in the window that was judged */
	double start;        /* t of the window's first point: where the judged growth
				begins (the reports mark it) */
	double span;         /* t[last] - t[first] of the window */
	double slope;        /* Theil-Sen slope over the window, per unit of t */
	double z;            /* Mann-Kendall Z over the window */
	double first, last;  /* first and last values of the whole series */
	double median;       /* median value in the window */
	double floor_rise;   /* min of last quarter - min of first quarter */
	double growth;       /* slope * span: what the window grew by */
	double threshold;    /* max(min_abs, min_rel * median) */
	int enough;          /* n of the whole series >= TREND_MIN_SAMPLES */
	int growing;         /* enough, z >= TREND_Z, growth >= threshold, and
			        floor_rise >= threshold / 2 */
};

/*
 * Judge the series (t[i], v[i]), i < n, t ascending. Points whose v is NaN
 * (a sample that could not read this figure) are left out. min_abs and
 * min_rel set the growth threshold as described above.
 */
void trend_judge(const double *t, const double *v, size_t n, double min_abs,
		 double min_rel, struct trend *out);

#endif
