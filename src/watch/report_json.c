/*
 * report_json.c - the JSON report of a watch (DESIGN.md):
 * {"version":1,"target","samples","duration_s","verdict",
 *  "findings":[{"kind","severity","metric","slope_per_min","evidence",
 *               "stack","source":[{"file","line","lint_rule"}]}],
 * plus "message" in each source entry and "where" (the places the source
 * entries are tied to: [{"func","file","line","how"}]),
 *  "series":{"t":[...], "<name>":[...]...}}
 * "ended" (why sampling stopped) and "fd_limit". Unknown values in a
 * series are null.
 */
#include "watch/watch.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>

static json_t *number_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

/* Every series holds whole numbers (counts, bytes); unknown is null. */
static json_t *series_value(double v)
{
	return isnan(v) ? json_null() : json_integer((json_int_t)llround(v));
}

/* findings[].source: the lint findings of --source tied to the leak. */
static json_t *source_array(const struct finding *f)
{
	json_t *a = json_array();
	size_t i;
	for (i = 0; i < f->nr_source; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "file", json_string(f->source[i].file));
		json_object_set_new(o, "line", json_integer(f->source[i].line));
		json_object_set_new(o, "lint_rule", json_string(f->source[i].rule));
		json_object_set_new(o, "message", json_string(f->source[i].message));
		json_array_append_new(a, o);
	}
	return a;
}

/* findings[].where: the places in the target's code to look at, best first. */
static json_t *where_array(const struct finding *f)
{
	json_t *a = json_array();
	size_t i;
	for (i = 0; i < f->nr_where; i++) {
		const struct finding_where *w = &f->where[i];
		json_t *o = json_object();
		json_object_set_new(o, "func", json_string(w->func));
		json_object_set_new(o, "file", json_string(w->file));
		json_object_set_new(o, "line", json_integer(w->line));
		json_object_set_new(o, "how", json_string(w->how));
		if (w->seen)
			json_object_set_new(o, "seen_in_flight", json_integer((json_int_t)w->seen));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *build(const struct watch_report *r)
{
	const struct verdict *vd = r->verdict;
	const struct watch_data *d = r->data;
	json_t *root = json_object(), *findings = json_array(), *series = json_object();
	json_t *t = json_array();
	size_t i, j;

	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "target", json_string(r->target));
	json_object_set_new(root, "samples", json_integer((json_int_t)d->nr));
	json_object_set_new(root, "duration_s", json_real(r->duration_s));
	json_object_set_new(root, "verdict", json_string(vd->verdict));
	if (r->ended)
		json_object_set_new(root, "ended", json_string(r->ended));
	json_object_set_new(root, "fd_limit", json_integer(d->nofile_soft));
	for (i = 0; i < vd->nr; i++) {
		const struct finding *f = &vd->findings[i];
		json_t *o = json_object();
		json_object_set_new(o, "kind", json_string(f->kind));
		json_object_set_new(o, "severity", json_string(f->severity));
		json_object_set_new(o, "metric", json_string(series_info[f->metric].name));
		json_object_set_new(o, "slope_per_min", number_or_null(f->slope_per_min));
		json_object_set_new(o, "evidence", json_string(f->evidence));
		json_object_set_new(o, "stack", f->stack ? json_string(f->stack) : json_null());
		json_object_set_new(o, "source", source_array(f));
		if (f->nr_where)
			json_object_set_new(o, "where", where_array(f));
		if (f->minutes_to_limit >= 0)
			json_object_set_new(o, "minutes_to_fd_limit", json_real(f->minutes_to_limit));
		json_array_append_new(findings, o);
	}
	json_object_set_new(root, "findings", findings);
	for (i = 0; i < d->nr; i++)
		json_array_append_new(t, json_real(round(d->t[i] * 1000) / 1000));
	json_object_set_new(series, "t", t);
	for (j = 0; j < SERIES_NR; j++) {
		json_t *a;
		if (!vd->have[j])
			continue;
		a = json_array();
		for (i = 0; i < d->nr; i++)
			json_array_append_new(a, series_value(d->v[j][i]));
		json_object_set_new(series, series_info[j].name, a);
	}
	json_object_set_new(root, "series", series);
	return root;
}

int report_json_write(const char *path, const struct watch_report *r)
{
	json_t *root = build(r);
	int rc;

	if (!strcmp(path, "-")) {
		rc = json_dumpf(root, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		fflush(stdout);
	} else {
		rc = json_dump_file(root, path, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	}
	json_decref(root);
	if (rc)
		return error("cannot write %s: %s; check the --json path", path, strerror(errno));
	return 0;
}
