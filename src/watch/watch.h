/*
 * watch.h - the data `plumber watch` gathers and the verdict it reaches,
 * shared by the sampler loop (cmd_watch.c), the decision (verdict.c), the
 * live view (view.c), the reports (report_*.c) and the metrics endpoint
 * (metrics.c).
 *
 * Data flows one way: samples -> struct watch_data -> verdict_compute()
 * -> struct verdict -> reports. The kinds a finding can name are the
 * table of kinds.h; the stack groups (groups.h) refine a finding with it,
 * and neither reads the verdict's functions. Nothing here is thread safe; metrics.c
 * receives finished text under its own lock.
 */
#ifndef PLUMBER_WATCH_WATCH_H
#define PLUMBER_WATCH_WATCH_H

#include "base/common.h"
#include "base/strbuf.h"
#include "watch/trend.h"
#include "watch/groups.h"
#include "watch/kinds.h"

struct source_index;

enum unit { UNIT_COUNT, UNIT_BYTES };

enum series_id {
#define S(id, name, label, unit, pprof, min_abs, min_rel) SERIES_##id,
#include "watch/series.def"
#undef S
	SERIES_NR
};

struct series_info {
	const char *name;   /* JSON and Prometheus name: "fds", "rss_bytes" */
	const char *label;  /* in the text and HTML reports */
	enum unit unit;
	int pprof;          /* needs --pprof */
	double min_abs;     /* growth thresholds, see series.def and trend.h */
	double min_rel;
};
extern const struct series_info series_info[SERIES_NR];

/*
 * All samples so far: t[i] seconds since the first sample, v[id][i] the
 * value of each series (NaN when that sample could not read it).
 */
struct watch_data {
	size_t nr, alloc;
	double *t;
	double *v[SERIES_NR];
	long long nofile_soft;  /* the last soft "Max open files"; -1 unknown */
	struct goroutine_groups groups; /* every goroutine profile, by stack group */
	const struct source_index *source; /* --source DIR's lint findings, or NULL */
};
#define WATCH_DATA_INIT { 0 }

/* Append one sample (values indexed by enum series_id, NaN for unknown). */
void watch_data_add(struct watch_data *d, double t, const double *values);
/* True when series id has at least one known value. */
int watch_data_has(const struct watch_data *d, enum series_id id);
/* The last known value of series id, NaN when none. */
double watch_data_last(const struct watch_data *d, enum series_id id);
void watch_data_release(struct watch_data *d);

/* A place in the target's code to look at (a frame of its stacks). */
struct finding_where {
	char *func;                 /* owned */
	char *file;                 /* owned; as the binary names it (absolute) */
	int line;
	const char *how;            /* "stack": the group's first user frame;
				       "request call site": where requests were made */
	size_t seen;                /* call sites: goroutines seen in flight there */
};

/* A lint finding of --source DIR tied to a place (findings[].source). */
struct finding_source {
	char *file;                 /* owned; as lint prints it (relative to DIR's parent) */
	int line;
	const char *rule;           /* static: the lint rule's id */
	char *message;              /* owned */
	int distance;               /* lines from the place it is tied to */
};

/* One leak finding (the JSON shape of DESIGN.md). */
struct finding {
	const char *kind;
	const char *severity;       /* "error" or "warning" */
	enum series_id metric;
	double slope_per_min;
	char *evidence;             /* owned */
	char *stack;                /* owned; the growing group's frames, or NULL */
	struct finding_where *where;  /* owned; the places to look, best first */
	size_t nr_where;
	struct finding_source *source; /* owned; lint findings at those places */
	size_t nr_source;
	const struct kind_info *info;
	double minutes_to_limit;    /* fd-growth: minutes until the soft limit; -1 */
};

struct verdict {
	const char *verdict;        /* "leak", "ok" or "inconclusive" */
	struct finding *findings;
	size_t nr, alloc;
	struct trend trends[SERIES_NR];
	int have[SERIES_NR];        /* the series had data */
};

/*
 * Judge the data (see trend.h and verdict.c for the thresholds) and fill
 * *out, which the caller releases with verdict_release(). Pure: it may be
 * called after every sample (the live view and --metrics do).
 */
void verdict_compute(const struct watch_data *d, struct verdict *out);
void verdict_release(struct verdict *v);
/* Free what a finding owns (evidence, stack, where, source). */
void finding_release(struct finding *f);

/* What the reporters get. */
struct watch_report {
	const char *target;         /* "pid 123 (comm)" or the command line */
	double duration_s;
	const char *ended;          /* why sampling stopped, one phrase */
	int exited;                 /* the target exited (or vanished) after the last sample */
	const struct watch_data *data;
	const struct verdict *verdict;
};

/* Format a value of a series for people: "412", "38.2 MiB". */
void format_value(struct strbuf *sb, enum unit unit, double v);
/* Format a rate given per second, per minute for people: "+12.0/min", "+3.1 MiB/min". */
void format_rate(struct strbuf *sb, enum unit unit, double per_second);
/* Format a duration for people: "45 s", "12 min", "5 h 10 min". */
void format_span(struct strbuf *sb, double seconds);

/* report_text.c: the verdict and findings, for people. */
void report_text(FILE *out, const struct watch_report *r);
/* report_json.c: DESIGN.md's JSON to path ("-" is stdout); -1 on error (reported). */
int report_json_write(const char *path, const struct watch_report *r);
/* report_html.c: one self-contained page to path; -1 on error (reported). */
int report_html_write(const char *path, const struct watch_report *r);

#endif
