/*
 * fleet_report.c - the fleet's verdicts for people (one line per leaking
 * instance, a count of the others, the fix of each kind once) and as
 * DESIGN.md's JSON:
 * {"version":1,"source":"prometheus","url","range_s","instances":[{"labels":{...},
 *  "verdict","findings":[...as watch...],"restarts"}],"verdict"}
 * plus "selector", "step_s", "start", "end", "scrape_interval_s",
 * "counts", and per instance "name", "gaps", "parts", "first_seen",
 * "last_seen", "last", "fd_limit", "note" and "profile".
 */
#include "watch/fleet.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <time.h>

/* The series a leaking instance's line names, in this order. */
static const enum series_id line_series[] = {
	SERIES_GOROUTINES, SERIES_FDS, SERIES_THREADS, SERIES_HEAP_GOAL, SERIES_RSS,
};

/* The most restarts a growing series grew after, for "after every restart". */
static const struct fleet_growth *repeated_growth(const struct fleet_instance *in)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(line_series); i++) {
		const struct fleet_growth *g = &in->growth[line_series[i]];
		if (g->growing && g->parts_grew >= 2)
			return g;
	}
	return NULL;
}

static void leak_line(struct strbuf *sb, const struct fleet_instance *in)
{
	const struct verdict *vd = &in->verdict;
	const struct fleet_growth *rep = repeated_growth(in);
	double limit = -1;
	size_t i, n = 0;

	strbuf_addstr(sb, "leak ");
	fleet_instance_name(sb, in);
	strbuf_addstr(sb, ": ");
	for (i = 0; i < vd->nr; i++) {
		strbuf_addf(sb, "%s%s", i ? ", " : "", vd->findings[i].kind);
		if (vd->findings[i].minutes_to_limit >= 0)
			limit = vd->findings[i].minutes_to_limit;
	}
	strbuf_addf(sb, " (%s): ", vd->nr ? vd->findings[0].severity : "?");
	for (i = 0; i < ARRAY_SIZE(line_series); i++) {
		const struct fleet_growth *g = &in->growth[line_series[i]];
		if (!g->growing)
			continue;
		strbuf_addf(sb, "%s%s ", n++ ? ", " : "", series_info[line_series[i]].name);
		format_rate(sb, series_info[line_series[i]].unit, g->tr.slope);
	}
	if (limit >= 0)
		strbuf_addf(sb, "; too many open files in %s%.0f min", limit < 1 ? "< " : "about ",
			    limit < 1 ? 1 : limit);
	if (rep)
		strbuf_addf(sb, "; grows after every restart, restarted %zu times",
			    in->restarts + in->gaps);
	else if (in->restarts + in->gaps)
		strbuf_addf(sb, "; restarted %zu times", in->restarts + in->gaps);
	strbuf_addch(sb, '\n');
	/* with --pprof-template: the place to look */
	for (i = 0; i < vd->nr; i++) {
		const struct finding *f = &vd->findings[i];
		if (f->nr_source) {
			strbuf_addf(sb, "    %s:%d: %s: %s\n", f->source[0].file, f->source[0].line,
				    f->source[0].rule, f->source[0].message);
			break;
		}
		if (f->nr_where) {
			strbuf_addf(sb, "    %s at %s:%d (%s)\n", f->where[0].how, f->where[0].file,
				    f->where[0].line, f->where[0].func);
			break;
		}
	}
	if (in->profile_note)
		strbuf_addf(sb, "    goroutine profile: %s\n", in->profile_note);
}

void fleet_report_text(FILE *out, const struct fleet_report *r)
{
	const struct fleet *fl = r->fleet;
	struct strbuf sb = STRBUF_INIT;
	const char *kinds[32];
	size_t nr_kinds = 0, i, j, warmups = 0;

	strbuf_addf(&sb, "prometheus %s: %zu instance%s of go_goroutines{%s} over ", r->url, fl->nr,
		    fl->nr == 1 ? "" : "s", r->selector);
	format_span(&sb, r->range_s);
	if (r->range_asked_s > r->range_s * 1.01) {
		strbuf_addstr(&sb, " of data (of the ");
		format_span(&sb, r->range_asked_s);
		strbuf_addstr(&sb, " asked)");
	}
	strbuf_addstr(&sb, " (step ");
	prom_format_duration(&sb, r->step_s);
	if (r->scrape_interval > 0) {
		strbuf_addstr(&sb, ", scrape interval ");
		prom_format_duration(&sb, r->scrape_interval);
	}
	strbuf_addf(&sb, "), %zu queries in %.*f s\n", r->queries, r->elapsed_s < 10 ? 2 : 1,
		    r->elapsed_s);
	for (i = 0; i < fl->nr; i++) {
		const struct fleet_instance *in = fl->ranked[i];
		if (strcmp(in->verdict.verdict, "leak")) {
			warmups += in->note && strstr(in->note, "warm-up");
			continue;
		}
		leak_line(&sb, in);
		for (j = 0; j < in->verdict.nr; j++) {
			const char *k = in->verdict.findings[j].kind;
			size_t m;
			for (m = 0; m < nr_kinds && strcmp(kinds[m], k); m++)
				;
			if (m == nr_kinds && nr_kinds < ARRAY_SIZE(kinds))
				kinds[nr_kinds++] = k;
		}
	}
	for (i = 0; i < nr_kinds; i++) {
		const struct kind_info *ki = kind_info_find(kinds[i]);
		if (!ki)
			continue;
		strbuf_addf(&sb, "fix %s: %s", ki->kind, ki->fix);
		if (*ki->lint_rule)
			strbuf_addf(&sb, "; find the cause: plumber lint (rule %s)", ki->lint_rule);
		strbuf_addch(&sb, '\n');
	}
	strbuf_addf(&sb, "verdict: %s (%zu leak, %zu ok", fl->verdict, fl->nr_leak, fl->nr_ok);
	if (warmups)
		strbuf_addf(&sb, " of which %zu warming up after a restart", warmups);
	strbuf_addf(&sb, ", %zu inconclusive", fl->nr_inconclusive);
	if (fl->nr_inconclusive)
		strbuf_addf(&sb, ": fewer than %d points", TREND_MIN_SAMPLES);
	strbuf_addstr(&sb, ")\n");
	fwrite(sb.buf, 1, sb.len, out);
	fflush(out);
	strbuf_release(&sb);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                 */

static json_t *number_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *finding_json(const struct finding *f)
{
	json_t *o = json_object(), *src = json_array();
	size_t i;

	json_object_set_new(o, "kind", json_string(f->kind));
	json_object_set_new(o, "severity", json_string(f->severity));
	json_object_set_new(o, "metric", json_string(series_info[f->metric].name));
	json_object_set_new(o, "slope_per_min", number_or_null(f->slope_per_min));
	json_object_set_new(o, "evidence", json_string(f->evidence));
	json_object_set_new(o, "stack", f->stack ? json_string(f->stack) : json_null());
	for (i = 0; i < f->nr_source; i++) {
		json_t *s = json_object();
		json_object_set_new(s, "file", json_string(f->source[i].file));
		json_object_set_new(s, "line", json_integer(f->source[i].line));
		json_object_set_new(s, "lint_rule", json_string(f->source[i].rule));
		json_object_set_new(s, "message", json_string(f->source[i].message));
		json_array_append_new(src, s);
	}
	json_object_set_new(o, "source", src);
	if (f->nr_where) {
		json_t *w = json_array();
		for (i = 0; i < f->nr_where; i++) {
			json_t *e = json_object();
			json_object_set_new(e, "func", json_string(f->where[i].func));
			json_object_set_new(e, "file", json_string(f->where[i].file));
			json_object_set_new(e, "line", json_integer(f->where[i].line));
			json_object_set_new(e, "how", json_string(f->where[i].how));
			json_array_append_new(w, e);
		}
		json_object_set_new(o, "where", w);
	}
	if (f->minutes_to_limit >= 0)
		json_object_set_new(o, "minutes_to_fd_limit", json_real(f->minutes_to_limit));
	return o;
}

/* A label value or text from the server: invalid UTF-8 replaced (jansson refuses it). */
static json_t *text(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;
	strbuf_add_utf8(&sb, s, strlen(s));
	j = json_stringn(sb.buf, sb.len);
	strbuf_release(&sb);
	return j ? j : json_string("");
}

static json_t *instance_json(const struct fleet *fl, const struct fleet_instance *in)
{
	json_t *o = json_object(), *labels = json_object(), *findings = json_array();
	json_t *parts = json_array(), *last = json_object();
	struct strbuf name = STRBUF_INIT;
	size_t i, m;

	for (i = 0; i < in->nr_labels; i++) {
		struct strbuf k = STRBUF_INIT;
		strbuf_add_utf8(&k, in->labels[i].name, strlen(in->labels[i].name));
		json_object_set_new(labels, k.buf, text(in->labels[i].value));
		strbuf_release(&k);
	}
	json_object_set_new(o, "labels", labels);
	fleet_instance_name(&name, in);
	json_object_set_new(o, "name", text(name.buf));
	strbuf_release(&name);
	json_object_set_new(o, "verdict", json_string(in->verdict.verdict));
	for (i = 0; i < in->verdict.nr; i++)
		json_array_append_new(findings, finding_json(&in->verdict.findings[i]));
	json_object_set_new(o, "findings", findings);
	json_object_set_new(o, "restarts", json_integer((json_int_t)in->restarts));
	json_object_set_new(o, "gaps", json_integer((json_int_t)in->gaps));
	for (i = 0; i < in->nr_parts; i++) {
		json_t *p = json_object();
		json_object_set_new(p, "start", json_real(fl->start + fl->t[in->parts[i].from]));
		json_object_set_new(p, "end", json_real(fl->start + fl->t[in->parts[i].to - 1]));
		json_object_set_new(p, "after", json_string(in->parts[i].after_restart ? "restart"
							     : in->parts[i].after_gap ? "gap" : "start"));
		json_array_append_new(parts, p);
	}
	json_object_set_new(o, "parts", parts);
	if (in->first != SIZE_MAX) {
		json_object_set_new(o, "first_seen", json_real(fl->start + fl->t[in->first]));
		json_object_set_new(o, "last_seen", json_real(fl->start + fl->t[in->last]));
	}
	for (m = 0; m < FM_NR; m++) {
		enum series_id id = fleet_metrics[m].series;
		if (id == SERIES_NR || !in->v[m])
			continue;
		for (i = fl->points; i > 0 && isnan(in->v[m][i - 1]); i--)
			;
		json_object_set_new(last, series_info[id].name,
				    i ? json_integer((json_int_t)llround(in->v[m][i - 1])) : json_null());
	}
	json_object_set_new(o, "last", last);
	json_object_set_new(o, "fd_limit", json_integer(in->max_fds));
	json_object_set_new(o, "note", in->note ? json_string(in->note) : json_null());
	json_object_set_new(o, "profile", in->profile_note ? text(in->profile_note) : json_null());
	return o;
}

int fleet_report_json_write(const char *path, const struct fleet_report *r)
{
	const struct fleet *fl = r->fleet;
	json_t *root = json_object(), *instances = json_array(), *counts = json_object();
	size_t i;
	int rc;

	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "source", json_string("prometheus"));
	json_object_set_new(root, "url", text(r->url));
	json_object_set_new(root, "selector", text(r->selector));
	json_object_set_new(root, "range_s", json_real(r->range_s));
	json_object_set_new(root, "range_asked_s", json_real(r->range_asked_s));
	json_object_set_new(root, "step_s", json_real(r->step_s));
	json_object_set_new(root, "start", json_real(fl->start));
	json_object_set_new(root, "end", json_real(r->end));
	json_object_set_new(root, "scrape_interval_s",
			    r->scrape_interval > 0 ? json_real(r->scrape_interval) : json_null());
	json_object_set_new(root, "verdict", json_string(fl->verdict));
	json_object_set_new(counts, "leak", json_integer((json_int_t)fl->nr_leak));
	json_object_set_new(counts, "ok", json_integer((json_int_t)fl->nr_ok));
	json_object_set_new(counts, "inconclusive", json_integer((json_int_t)fl->nr_inconclusive));
	json_object_set_new(root, "counts", counts);
	json_object_set_new(root, "elapsed_s", json_real(round(r->elapsed_s * 1000) / 1000));
	json_object_set_new(root, "query_s", json_real(round(r->query_s * 1000) / 1000));
	json_object_set_new(root, "judge_s", json_real(round(r->judge_s * 1000) / 1000));
	for (i = 0; i < fl->nr; i++)
		json_array_append_new(instances, instance_json(fl, fl->ranked[i]));
	json_object_set_new(root, "instances", instances);

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
