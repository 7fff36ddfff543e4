/*
 * fleet_pprof.c - `--pprof-template URL`: one goroutine profile of each
 * leaking instance names what the counts alone cannot (a body never
 * closed or an idle pool, a write that blocks...); see fleet.h.
 *
 * A fleet's history comes from Prometheus, so there is no series of
 * profiles to watch a group grow in: the profile is taken once, now, and
 * the group blamed is the largest one with a leak signature (the dump
 * reader's table, src/dump/signatures.c). After hours of growth the
 * leaking group outnumbers the rest; a group of fewer than GROUP_MIN_ABS
 * goroutines is not blamed. With --source, the places are tied to lint
 * findings as in a live watch; where there is no place, the findings of
 * the rule that finds the kind's cause are listed as candidates.
 */
#include "watch/fleet.h"
#include "base/pool.h"
#include "dump/dump.h"
#include "watch/groups.h"
#include "watch/pprof.h"
#include "watch/source.h"

#include <math.h>

/* Leaking instances whose profile is fetched, worst first. */
#define FLEET_PPROF_MAX 50
/* Call sites listed for the kinds whose goroutines hold no user frame. */
#define FLEET_PPROF_SITES 5

int fleet_pprof_url(struct strbuf *sb, const char *tmpl, const struct fleet_instance *in,
		    struct strbuf *why)
{
	const char *p = tmpl;

	while (*p) {
		const char *close;
		size_t i;

		if (*p != '{') {
			strbuf_addch(sb, *p++);
			continue;
		}
		close = strchr(p, '}');
		if (!close) {
			strbuf_addstr(why, "a '{' in --pprof-template is not closed");
			return -1;
		}
		for (i = 0; i < in->nr_labels; i++)
			if (strlen(in->labels[i].name) == (size_t)(close - p - 1) &&
			    !memcmp(in->labels[i].name, p + 1, (size_t)(close - p - 1)))
				break;
		if (i == in->nr_labels) {
			strbuf_addf(why, "the instance has no label %.*s for --pprof-template",
				    (int)(close - p - 1), p + 1);
			return -1;
		}
		strbuf_addstr(sb, in->labels[i].value);
		p = close + 1;
	}
	return 0;
}

struct pprof_run {
	struct fleet *fleet;
	const struct fleet_pprof_options *o;
	struct fleet_instance **todo;
	struct pprof_client *clients; /* one per worker, base set per request */
};

static void add_where(struct finding *f, const struct group_frame *at, const char *how, size_t seen)
{
	struct finding_where *w;
	f->where = xrealloc(f->where, st_mult(f->nr_where + 1, sizeof(*f->where)));
	w = &f->where[f->nr_where++];
	w->func = xstrdup(at->func);
	w->file = xstrdup(at->file);
	w->line = at->line;
	w->how = how;
	w->seen = seen;
}

/* The largest group with a leak signature (companions such as writeLoop aside). */
static const struct tracked_group *largest_leak(const struct goroutine_groups *g)
{
	const struct tracked_group *best = NULL;
	size_t i;
	for (i = 0; i < g->nr; i++) {
		const struct tracked_group *tg = &g->groups[i];
		if (!tg->diagnosis || !tg->diagnosis->leak || tg->diagnosis->companion)
			continue;
		if (!best || tg->counts[0] > best->counts[0])
			best = tg;
	}
	return best && best->counts[0] >= GROUP_MIN_ABS ? best : NULL;
}

/* The frame that says what a group waits in: the first not in runtime or internal/poll. */
static const char *group_top(const struct tracked_group *tg)
{
	size_t i;
	for (i = 0; i < tg->nr_frames; i++)
		if (!starts_with(tg->frames[i].func, "runtime.") &&
		    !starts_with(tg->frames[i].func, "internal/"))
			return tg->frames[i].func;
	return tg->nr_frames ? tg->frames[0].func : "?";
}

/* The finding the profile refines: the one the goroutines speak for. */
static struct finding *goroutine_finding(struct fleet_instance *in)
{
	size_t i;
	for (i = 0; i < in->verdict.nr; i++)
		if (in->verdict.findings[i].metric == SERIES_GOROUTINES)
			return &in->verdict.findings[i];
	return NULL;
}

/*
 * No place to tie to: an idle pool's goroutines hold no user frame, and one
 * profile rarely catches a request in flight. Then the lint findings of
 * the first rule that finds the kind's cause (kind_cause_rules()),
 * anywhere in --source, are the candidates (distance -1: not tied to a
 * place), at most SOURCE_MAX_TIES.
 */
static void candidates_by_rule(const struct source_index *idx, struct finding *f)
{
	const char *const *rules = kind_cause_rules(f->kind);
	size_t r, i;

	if (f->nr_source || !idx)
		return;
	for (r = 0; rules[r] && !f->nr_source; r++)
		for (i = 0; i < idx->nr_lints && f->nr_source < SOURCE_MAX_TIES; i++) {
			const struct source_lint *l = &idx->lints[i];
			struct finding_source *fs;
			if (strcmp(l->rule, rules[r]))
				continue;
			f->source = xrealloc(f->source, st_mult(f->nr_source + 1, sizeof(*f->source)));
			fs = &f->source[f->nr_source++];
			fs->file = xstrdup(idx->files[l->file].path);
			fs->line = l->line;
			fs->rule = l->rule;
			fs->message = xstrdup(l->message);
			fs->distance = -1;
		}
}

static void refine(struct fleet_instance *in, const struct goroutine_groups *g,
		   const struct tracked_group *tg, const struct fleet_pprof_options *o)
{
	const struct dump_signature *sig = tg->diagnosis;
	struct finding *f = goroutine_finding(in);
	struct strbuf ev = STRBUF_INIT, st = STRBUF_INIT, note = STRBUF_INIT;
	size_t i;

	strbuf_addf(&note, "%u of %ld goroutines in %s: %s", tg->counts[0], g->total, group_top(tg),
		    sig->summary);
	in->profile_note = strbuf_detach(&note, NULL);
	if (!f)
		return; /* the goroutines do not grow: the profile is only noted */
	if (kind_info_find(sig->kind)) {
		f->info = kind_info_find(sig->kind);
		f->kind = f->info->kind;
	}
	strbuf_addf(&ev, "%s; a goroutine profile now: %u of %ld goroutines in %s (%s)", f->evidence,
		    tg->counts[0], g->total, group_top(tg), sig->summary);
	if (tg->created_by)
		strbuf_addf(&ev, ", created by %s", tg->created_by);
	if (tg->user_frame < tg->nr_frames) {
		const struct group_frame *u = &tg->frames[tg->user_frame];
		add_where(f, u, "stack", 0);
		strbuf_addf(&ev, "; look at %s:%d (%s)", u->file, u->line, u->func);
		strbuf_addf(&st, "user frame: %s at %s:%d\n", u->func, u->file, u->line);
	} else if (kind_info_find(f->kind) && kind_info_find(f->kind)->at_call_sites) {
		const struct call_site *sites[FLEET_PPROF_SITES];
		size_t nr = goroutine_groups_sites(g, sites, FLEET_PPROF_SITES);
		for (i = 0; i < nr; i++) {
			add_where(f, &sites[i]->at, "request call site", sites[i]->seen);
			strbuf_addf(&st, "requests made at: %s at %s:%d\n", sites[i]->at.func,
				    sites[i]->at.file, sites[i]->at.line);
		}
		if (nr)
			strbuf_addf(&ev, "; requests are made at %s:%d (%s)", sites[0]->at.file,
				    sites[0]->at.line, sites[0]->at.func);
	}
	for (i = 0; i < tg->nr_frames; i++) {
		strbuf_addf(&st, "%s\n", tg->frames[i].func);
		if (tg->frames[i].file[0])
			strbuf_addf(&st, "\t%s:%d\n", tg->frames[i].file, tg->frames[i].line);
	}
	if (tg->created_by)
		strbuf_addf(&st, "created by %s\n", tg->created_by);
	strbuf_setlen(&st, st.len && st.buf[st.len - 1] == '\n' ? st.len - 1 : st.len);
	free(f->evidence);
	f->evidence = strbuf_detach(&ev, NULL);
	free(f->stack);
	f->stack = strbuf_detach(&st, NULL);
	if (o->source) {
		source_join(o->source, f);
		candidates_by_rule(o->source, f);
	}
	/* the fds grow because those connections stay open: same places */
	for (i = 0; i < in->verdict.nr; i++) {
		struct finding *fd = &in->verdict.findings[i];
		size_t w;
		if (fd == f || fd->metric != SERIES_FDS || fd->nr_where || !f->nr_where)
			continue;
		for (w = 0; w < f->nr_where; w++) {
			const struct finding_where *src = &f->where[w];
			struct group_frame at = { src->func, src->file, src->line };
			add_where(fd, &at, src->how, src->seen);
		}
		if (o->source)
			source_join(o->source, fd);
	}
	for (i = 0; o->source && i < in->verdict.nr; i++)
		if (&in->verdict.findings[i] != f && in->verdict.findings[i].metric == SERIES_FDS &&
		    !in->verdict.findings[i].nr_source && f->nr_source) {
			/* the same candidates: the fds are those connections' */
			struct finding *fd = &in->verdict.findings[i];
			size_t k;
			fd->source = xcalloc(f->nr_source, sizeof(*fd->source));
			for (k = 0; k < f->nr_source; k++) {
				fd->source[k] = f->source[k];
				fd->source[k].file = xstrdup(f->source[k].file);
				fd->source[k].message = xstrdup(f->source[k].message);
			}
			fd->nr_source = f->nr_source;
		}
}

static void pprof_work(void *ctx, int worker, size_t item)
{
	struct pprof_run *run = ctx;
	struct fleet_instance *in = run->todo[item];
	struct pprof_client *c = &run->clients[worker];
	struct strbuf url = STRBUF_INIT, why = STRBUF_INIT, body = STRBUF_INIT;
	struct goroutine_groups g;
	const struct tracked_group *tg;

	if (fleet_pprof_url(&url, run->o->url_template, in, &why)) {
		in->profile_note = strbuf_detach(&why, NULL);
		goto out;
	}
	free(c->base);
	c->base = xstrdup(url.buf);
	while (c->base[0] && c->base[strlen(c->base) - 1] == '/')
		c->base[strlen(c->base) - 1] = '\0';
	if (pprof_get(c, "/goroutine?debug=1", &body, &why)) {
		struct strbuf n = STRBUF_INIT;
		strbuf_addf(&n, "%s/goroutine?debug=1: %s", c->base, why.buf);
		in->profile_note = strbuf_detach(&n, NULL);
		goto out;
	}
	goroutine_groups_init(&g);
	if (goroutine_groups_add(&g, 0, body.buf, body.len)) {
		struct strbuf n = STRBUF_INIT;
		strbuf_addf(&n, "%s/goroutine?debug=1 is not a goroutine profile", c->base);
		in->profile_note = strbuf_detach(&n, NULL);
	} else if ((tg = largest_leak(&g))) {
		refine(in, &g, tg, run->o);
	} else {
		struct strbuf n = STRBUF_INIT;
		strbuf_addf(&n, "no group of %d or more goroutines with a leak signature among %ld goroutines",
			    GROUP_MIN_ABS, g.total);
		in->profile_note = strbuf_detach(&n, NULL);
	}
	goroutine_groups_release(&g);
out:
	strbuf_release(&url);
	strbuf_release(&why);
	strbuf_release(&body);
}

static void pprof_emit(void *ctx, size_t item)
{
	UNUSED(ctx);
	UNUSED(item);
}

void fleet_pprof_refine(struct fleet *fl, const struct fleet_pprof_options *o)
{
	static const struct pool_ops ops = { .work = pprof_work, .emit = pprof_emit };
	struct pprof_run run = { fl, o, NULL, NULL };
	size_t i, n = 0;
	int jobs = o->jobs > 0 ? o->jobs : 4;

	run.todo = xmalloc(st_mult(fl->nr ? fl->nr : 1, sizeof(*run.todo)));
	for (i = 0; i < fl->nr && n < FLEET_PPROF_MAX; i++)
		if (!strcmp(fl->ranked[i]->verdict.verdict, "leak"))
			run.todo[n++] = fl->ranked[i];
	run.clients = xcalloc((size_t)jobs, sizeof(*run.clients));
	/* libcurl's handles are made here: its global set-up is not for threads */
	for (i = 0; i < (size_t)jobs; i++) {
		pprof_client_init(&run.clients[i], "http://localhost");
		run.clients[i].timeout_ms = o->timeout_ms;
		run.clients[i].connect_timeout_ms = o->timeout_ms < 2000 ? o->timeout_ms : 2000;
	}
	pool_run(jobs, n, NULL, &ops, &run);
	for (i = 0; i < (size_t)jobs; i++)
		pprof_client_release(&run.clients[i]);
	free(run.clients);
	free(run.todo);
}
