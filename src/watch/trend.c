/*
 * trend.c - Theil-Sen, Mann-Kendall and the window judgement; see trend.h.
 */
#include "watch/trend.h"

#include <math.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The k-th smallest of a[0..n) (Hoare's quickselect); a is reordered. */
static double select_kth(double *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		double pivot = a[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i <= j) {
				double tmp = a[i];
				a[i] = a[j];
				a[j] = tmp;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return a[k];
}

/*
 * Median of a[0..n), which is reordered. n must be > 0. Linear time, so
 * Theil-Sen over TREND_MAX_POINTS points stays well under a millisecond.
 */
static double median_inplace(double *a, size_t n)
{
	double hi = select_kth(a, n, n / 2);
	if (n % 2)
		return hi;
	return (select_kth(a, n, n / 2 - 1) + hi) / 2;
}

double theil_sen_slope(const double *t, const double *v, size_t n)
{
	double *slopes, m;
	size_t i, j, k = 0;

	if (n < 2)
		return 0;
	slopes = xmalloc(st_mult(st_mult(n, n - 1) / 2, sizeof(*slopes)));
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (t[j] != t[i])
				slopes[k++] = (v[j] - v[i]) / (t[j] - t[i]);
	m = k ? median_inplace(slopes, k) : 0;
	free(slopes);
	return m;
}

double mann_kendall_z(const double *v, size_t n, double *s_out)
{
	double s = 0, var, *sorted;
	size_t i, j;

	if (s_out)
		*s_out = 0;
	if (n < 3)
		return 0;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			s += (v[j] > v[i]) - (v[j] < v[i]);
	/* Variance with the tie correction: sum over groups of equal values. */
	var = (double)n * (n - 1) * (2.0 * n + 5);
	sorted = xmalloc(st_mult(n, sizeof(*sorted)));
	memcpy(sorted, v, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), cmp_double);
	for (i = 0; i < n; i = j) {
		double g;
		for (j = i + 1; j < n && sorted[j] == sorted[i]; j++)
			;
		g = (double)(j - i);
		if (g > 1)
			var -= g * (g - 1) * (2 * g + 5);
	}
	free(sorted);
	var /= 18;
	if (s_out)
		*s_out = s;
	if (var <= 0)
		return 0;
	if (s > 0)
		return (s - 1) / sqrt(var);
	if (s < 0)
		return (s + 1) / sqrt(var);
	return 0;
}

static double min_of(const double *v, size_t n)
{
	double m = v[0];
	size_t i;
	for (i = 1; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

void trend_judge(const double *t, const double *v, size_t n, double min_abs,
		 double min_rel, struct trend *out)
{
	double *wt, *wv, *tmp;
	size_t i, valid = 0, first_valid = 0, window, start, k, w, q;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++)
		if (!isnan(v[i])) {
			if (!valid)
				first_valid = i;
			valid++;
			out->last = v[i];
		}
	if (!valid)
		return;
	out->first = v[first_valid];
	out->enough = valid >= TREND_MIN_SAMPLES;

	/* The window: the last half of the valid points, at least TREND_MIN_WINDOW. */
	window = (valid + 1) / 2;
	if (window < TREND_MIN_WINDOW)
		window = valid < TREND_MIN_WINDOW ? valid : TREND_MIN_WINDOW;
	wt = xmalloc(st_mult(window, sizeof(*wt)));
	wv = xmalloc(st_mult(window, sizeof(*wv)));
	k = 0;
	start = valid - window; /* index among valid points */
	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		if (k++ < start)
			continue;
		wt[k - start - 1] = t[i];
		wv[k - start - 1] = v[i];
	}
	/* Thin long windows evenly so the quadratic statistics stay cheap. */
	w = window;
	if (w > TREND_MAX_POINTS) {
		for (i = 0; i < TREND_MAX_POINTS; i++) {
			size_t src = i * (window - 1) / (TREND_MAX_POINTS - 1);
			wt[i] = wt[src];
			wv[i] = wv[src];
		}
		w = TREND_MAX_POINTS;
	}
	out->n = w;
	out->start = wt[0];
	out->span = w > 1 ? wt[w - 1] - wt[0] : 0;
	out->slope = theil_sen_slope(wt, wv, w);
	out->z = mann_kendall_z(wv, w, NULL);
	tmp = xmalloc(st_mult(w, sizeof(*tmp)));
	memcpy(tmp, wv, w * sizeof(*tmp));
	out->median = median_inplace(tmp, w);
	free(tmp);
	q = w / 4 ? w / 4 : 1;
	out->floor_rise = min_of(wv + w - q, q) - min_of(wv, q);
	out->growth = out->slope * out->span;
	out->threshold = min_abs;
	if (min_rel * fabs(out->median) > out->threshold)
		out->threshold = min_rel * fabs(out->median);
	out->growing = out->enough && out->z >= TREND_Z && out->growth >= out->threshold &&
		       out->floor_rise >= out->threshold / 2;
	free(wt);
	free(wv);
}
