/*
 * fleet.h - `plumber watch --prometheus URL`: judge every instance of a
 * fleet from the metrics a Prometheus-compatible server already holds.
 *
 * Data flows one way, as in a live watch:
 *
 *   fleet_run.c     plan and run the queries (prom.h), in batches, on a
 *                   few threads      -> fleet_add_result()
 *   fleet.c         one grid of values per instance and metric; series
 *                   split at restarts; the trend statistics of trend.h on
 *                   each part; findings as a live watch has them; the
 *                   instances ranked             -> fleet_judge()
 *   fleet_pprof.c   --pprof-template: one goroutine profile per leaking
 *                   instance names the stack group
 *   fleet_report.c  text and JSON; fleet_html.c the dashboard
 *
 * Every value sits on the query grid: point i is at start + i * step
 * (Prometheus evaluates query_range there). A missing value is NaN.
 * Nothing here is thread safe, except fleet_judge(), which runs the pure
 * judgement of each instance on its own threads.
 */
#ifndef PLUMBER_WATCH_FLEET_H
#define PLUMBER_WATCH_FLEET_H

#include "base/common.h"
#include "base/options.h"
#include "base/strmap.h"
#include "watch/prom.h"
#include "watch/watch.h"

struct source_index;

/* The metrics read, in query order (go_goroutines defines the instances). */
enum fleet_metric {
	FM_GOROUTINES,
	FM_FDS,
	FM_MAX_FDS,
	FM_RSS,
	FM_HEAP_INUSE,
	FM_HEAP_GOAL,
	FM_THREADS,
	FM_START_TIME,
	FM_NR
};

struct fleet_metric_info {
	const char *prom_name;      /* "go_goroutines" (client_golang's names) */
	enum series_id series;      /* the watch series it feeds; SERIES_NR: none */
};
extern const struct fleet_metric_info fleet_metrics[FM_NR];

/*
 * Points per series the step is chosen for by default (the step is then
 * rounded up to 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1 h... and
 * never finer than the scrape interval seen in the data).
 */
#define FLEET_POINTS 360
/* Prometheus refuses more points per series than this. */
#define FLEET_MAX_POINTS 11000
/*
 * Without process_start_time_seconds a gap of more than this many points
 * in go_goroutines is taken for a restart.
 */
#define FLEET_GAP_POINTS 2
/*
 * A last part younger than this fraction of the longest earlier part
 * judged (and than FLEET_YOUNG_MAX_S) that grows, when no earlier part
 * grew, is a warm-up after a restart, not a leak (yet).
 */
#define FLEET_YOUNG_FRACTION 0.25
#define FLEET_YOUNG_MAX_S 1800.0

/* How one series of one instance was judged over its parts. */
struct fleet_growth {
	int judged;                 /* some part (or the parts pooled) had enough points */
	int growing;
	struct trend tr;            /* the deciding part's (or the pooled) judgement */
	size_t part;                /* the deciding part (index into the instance's parts) */
	int pooled;                 /* no part was long enough: the parts pooled by age */
	int warmup;                 /* the young last part grows, earlier parts did not */
	size_t parts_judged, parts_grew;
	double median_slope;        /* per second, over the parts that grew */
	double window_start;        /* grid time (s from start) where the judged window begins */
};

/* One process lifetime of an instance: points [from, to). */
struct fleet_part {
	size_t from, to;
	int after_restart;          /* begins with a new process_start_time_seconds */
	int after_gap;              /* begins after a gap (start time unknown) */
};

struct fleet_instance {
	char *key;                  /* owned: the labels, NUL-separated (map key) */
	size_t key_len;
	struct prom_label *labels;  /* owned, sorted by name, without __name__ */
	size_t nr_labels;
	double *v[FM_NR];           /* owned: [fleet.points] values, NaN missing; NULL: none */
	/* set by fleet_judge() */
	struct fleet_part *parts;   /* owned */
	size_t nr_parts;
	size_t restarts;            /* process_start_time_seconds changes */
	size_t gaps;                /* gaps taken for restarts (no start time) */
	size_t first, last;         /* first and last point with go_goroutines */
	struct fleet_growth growth[SERIES_NR];
	struct verdict verdict;     /* verdict, findings; trends[]/have[] of the deciding parts */
	long long max_fds;          /* the last process_max_fds; -1 unknown */
	char *note;                 /* owned: why an instance is not judged a leak, or NULL */
	char *profile_note;         /* owned: --pprof-template's outcome, or NULL */
	size_t order;               /* rank in the report, 0 = worst */
};

struct fleet {
	double start, step;         /* seconds since the epoch; seconds */
	size_t points;
	double *t;                  /* owned: [points] seconds from start (i * step) */
	struct fleet_instance *inst;
	size_t nr, alloc;
	struct fleet_instance **ranked; /* owned array: the instances, worst first */
	struct strmap index;        /* key -> instance index + 1 */
	size_t nr_leak, nr_ok, nr_inconclusive;
	const char *verdict;        /* "leak", "ok" or "inconclusive" */
};

/* An empty fleet over points start + i * step, i < points. */
void fleet_init(struct fleet *fl, double start, double step, size_t points);
void fleet_release(struct fleet *fl);

/*
 * Merge a query_range answer for metric m into the fleet: each series
 * goes to the instance with the same labels (go_goroutines creates
 * instances; other metrics only fill known ones), each sample to its grid
 * point (samples off the grid's range are ignored). Pure apart from fl.
 */
void fleet_add_result(struct fleet *fl, enum fleet_metric m, const struct prom_result *r);

/*
 * Split each instance's series at restarts, judge them, name the
 * findings, rank the instances (worst first, in fl->ranked) and count
 * the verdicts. Runs the instances on `jobs` threads; the result does not
 * depend on it. May be called once.
 */
void fleet_judge(struct fleet *fl, int jobs);

/* Judge one instance (what fleet_judge() does for each). Pure apart from in. */
void fleet_judge_instance(const struct fleet *fl, struct fleet_instance *in);

/*
 * The labels that identify an instance for people, appended to sb:
 * job, instance, namespace, pod (those present), else all of them:
 * {job="api", instance="10.0.0.7:8080"}.
 */
void fleet_instance_name(struct strbuf *sb, const struct fleet_instance *in);

/* What the reports get. */
struct fleet_report {
	const char *url;
	const char *selector;       /* the label matchers, "" for every series */
	double range_s, step_s, end;  /* range_s: the data held, at most the range asked */
	double range_asked_s;       /* --range */
	double scrape_interval;     /* seen in the data, 0 unknown */
	double elapsed_s;           /* how long plumber took */
	double query_s, judge_s;    /* of which querying the series, judging them */
	size_t queries;
	const struct fleet *fleet;
};

/* fleet_report.c: one line per leaking instance, a count of the others. */
void fleet_report_text(FILE *out, const struct fleet_report *r);
/* fleet_report.c: DESIGN.md's fleet JSON to path ("-": stdout); -1 on error (reported). */
int fleet_report_json_write(const char *path, const struct fleet_report *r);
/* fleet_html.c: a self-contained dashboard to path; -1 on error (reported). */
int fleet_report_html_write(const char *path, const struct fleet_report *r);

/* fleet_pprof.c: --pprof-template. */
struct fleet_pprof_options {
	const char *url_template;   /* "http://{instance}/debug/pprof": {label} replaced */
	const struct source_index *source; /* --source DIR's findings, or NULL */
	int jobs;                   /* profiles fetched at once */
	long timeout_ms;
};

/*
 * Fill the URL for an instance from the template into sb: each {name} is
 * the value of that label. Returns 0, or -1 when a label is missing or a
 * brace is not closed (the reason appended to why).
 */
int fleet_pprof_url(struct strbuf *sb, const char *tmpl, const struct fleet_instance *in,
		    struct strbuf *why);

/*
 * Name the goroutine kind of each leaking instance from one goroutine
 * profile (the largest group with a leak signature), with its stack and
 * the places to look (and, with o->source, the lint findings there).
 * Failures are noted per instance (in->profile_note), never fatal.
 */
void fleet_pprof_refine(struct fleet *fl, const struct fleet_pprof_options *o);

/* Everything `plumber watch --prometheus` was asked (filled by cmd_watch.c). */
struct fleet_options {
	const char *url;
	const char *match;          /* --match, NULL: every series with go_goroutines */
	double range_s;             /* --range, default 6 h */
	double step_s;              /* --step; 0: chosen */
	double end;                 /* --end, seconds since the epoch; 0: now */
	double timeout_s;           /* --timeout per query, default 30 s */
	const char *token_file;     /* --token-file */
	const char *basic_auth_file; /* --basic-auth-file: "user:password" */
	const char *cacert;         /* --cacert */
	struct strvec headers;      /* --header "Name: value" */
	int jobs;                   /* --jobs: queries at once; 0: 4 */
	const char *pprof_template; /* --pprof-template */
	const char *source_dir;     /* --source */
	const char *json_path, *html_path;
	int quiet;
};

/* fleet_run.c: do it all; returns the exit code. Dies on errors (exit 2). */
int fleet_run(const struct fleet_options *o);

#endif
