/*
 * groups.c - goroutine stack groups tracked across profiles; see groups.h.
 */
#include "watch/groups.h"
#include "base/strbuf.h"
#include "dump/dump.h"
#include "watch/kinds.h"
#include "watch/pprof.h"
#include "watch/watch.h" /* struct finding, filled here */

#include <math.h>

void goroutine_groups_init(struct goroutine_groups *g)
{
	memset(g, 0, sizeof(*g));
	g->total = -1;
}

void goroutine_groups_release(struct goroutine_groups *g)
{
	size_t i;
	for (i = 0; i < g->nr; i++)
		free(g->groups[i].counts);
	free(g->groups);
	free(g->sites);
	free(g->t);
	strmap_clear(&g->index);
	strmap_clear(&g->site_index);
	arena_release(&g->arena);
	goroutine_groups_init(g);
}

/* ------------------------------------------------------------------ */
/* Taking profiles in                                                   */

static const char *intern(struct goroutine_groups *g, const char *s)
{
	return s ? arena_strndup(&g->arena, s, strlen(s)) : NULL;
}

static struct tracked_group *track(struct goroutine_groups *g, const struct dump_group *dg)
{
	struct tracked_group *tg;
	size_t i;

	ALLOC_GROW(g->groups, g->nr + 1, g->alloc);
	tg = &g->groups[g->nr++];
	memset(tg, 0, sizeof(*tg));
	tg->key = intern(g, dg->key);
	tg->frames = arena_calloc(&g->arena, dg->nr_frames ? dg->nr_frames : 1, sizeof(*tg->frames));
	for (i = 0; i < dg->nr_frames; i++) {
		tg->frames[i].func = intern(g, dg->frames[i].func);
		tg->frames[i].file = intern(g, dg->frames[i].file);
		tg->frames[i].line = dg->frames[i].line;
	}
	tg->nr_frames = dg->nr_frames;
	tg->user_frame = dg->user_frame;
	tg->state = intern(g, dg->state);
	tg->created_by = intern(g, dg->created_by);
	/* absent from every earlier profile; the caller grows it by one */
	tg->counts = xcalloc(g->alloc_t, sizeof(*tg->counts));
	strmap_put(&g->index, tg->key, strlen(tg->key), (void *)(uintptr_t)g->nr);
	return tg;
}

/*
 * The frames of net/http's client that a user's request goes through,
 * whatever helper (Get, Post, Do) it called: the first user frame below
 * one of them is where the request was made.
 */
static const char *const client_entries[] = {
	"net/http.(*Client).do",
	"net/http.(*Transport).roundTrip",
};

static int is_client_entry(const char *func)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(client_entries); i++)
		if (!strcmp(func, client_entries[i]))
			return 1;
	return 0;
}

/* Count the request call site of dg, if it is a request in flight. */
static void note_call_site(struct goroutine_groups *g, const struct dump_group *dg)
{
	const struct dump_frame *at;
	struct strbuf key = STRBUF_INIT;
	struct call_site *site;
	uintptr_t idx;
	size_t i;

	if (dg->user_frame >= dg->nr_frames)
		return;
	for (i = 0; i < dg->user_frame; i++)
		if (is_client_entry(dg->frames[i].func))
			break;
	if (i == dg->user_frame)
		return;
	at = &dg->frames[dg->user_frame];
	strbuf_addf(&key, "%s\n%s:%d", at->func, at->file, at->line);
	idx = (uintptr_t)strmap_get(&g->site_index, key.buf, key.len);
	if (!idx) {
		if (g->nr_sites >= GROUPS_MAX_SITES) {
			strbuf_release(&key);
			return;
		}
		ALLOC_GROW(g->sites, g->nr_sites + 1, g->alloc_sites);
		site = &g->sites[g->nr_sites++];
		memset(site, 0, sizeof(*site));
		site->at.func = intern(g, at->func);
		site->at.file = intern(g, at->file);
		site->at.line = at->line;
		strmap_put(&g->site_index, arena_strndup(&g->arena, key.buf, key.len), key.len,
			   (void *)(uintptr_t)g->nr_sites);
	} else {
		site = &g->sites[idx - 1];
	}
	site->seen += dg->count;
	site->profiles++;
	strbuf_release(&key);
}

int goroutine_groups_add(struct goroutine_groups *g, double t, const char *profile, size_t len)
{
	long total = pprof_goroutine_total_parse(profile, len);
	struct dump d;
	size_t i, old_alloc = g->alloc_t, p;

	if (total < 0)
		return -1;
	dump_init(&d, NULL);
	if (dump_parse(&d, profile, len) < 0 && total > 0) {
		dump_release(&d);
		return -1;
	}
	dump_analyze(&d, NULL);

	p = g->profiles;
	ALLOC_GROW(g->t, p + 1, g->alloc_t);
	if (g->alloc_t != old_alloc)
		for (i = 0; i < g->nr; i++) {
			g->groups[i].counts = xrealloc(g->groups[i].counts,
						       st_mult(g->alloc_t, sizeof(unsigned)));
			memset(g->groups[i].counts + old_alloc, 0,
			       (g->alloc_t - old_alloc) * sizeof(unsigned));
		}
	g->t[p] = t;
	g->profiles++;
	g->total = total;

	for (i = 0; i < d.nr_groups; i++) {
		const struct dump_group *dg = &d.groups[i];
		uintptr_t idx = (uintptr_t)strmap_get(&g->index, dg->key, strlen(dg->key));
		struct tracked_group *tg;

		note_call_site(g, dg);
		if (idx) {
			tg = &g->groups[idx - 1];
		} else if (g->nr < GROUPS_MAX) {
			tg = track(g, dg);
		} else {
			g->untracked++;
			continue;
		}
		tg->counts[p] += (unsigned)dg->count;
		tg->diagnosis = dg->diagnosis;
	}
	dump_release(&d);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Judging                                                              */

static int is_companion(const struct tracked_group *tg)
{
	return tg->diagnosis && tg->diagnosis->companion;
}

static int growth_cmp(const void *va, const void *vb)
{
	const struct group_growth *a = va, *b = vb;
	int sa = a->group->diagnosis != NULL, sb = b->group->diagnosis != NULL;
	if (sa != sb)
		return sb - sa;
	sa = is_companion(a->group);
	sb = is_companion(b->group);
	if (sa != sb)
		return sa - sb;
	if (a->trend.slope != b->trend.slope)
		return a->trend.slope > b->trend.slope ? -1 : 1;
	return strcmp(a->group->key, b->group->key);
}

size_t goroutine_groups_growing(const struct goroutine_groups *g, struct group_growth *out,
				size_t max)
{
	size_t n = g->profiles, first, i, j, nr = 0, best = SIZE_MAX;
	struct group_growth *all;
	double *v, total_rise = 0, best_rise = 0;

	if (n < 2 || !max)
		return 0;
	/* the window trend_judge() looks at: the same for every group */
	first = 0;
	if (n >= TREND_MIN_SAMPLES) {
		size_t w = (n + 1) / 2 > TREND_MIN_WINDOW ? (n + 1) / 2 : TREND_MIN_WINDOW;
		first = w < n ? n - w : 0;
	}
	all = xcalloc(g->nr ? g->nr : 1, sizeof(*all));
	v = xmalloc(st_mult(n, sizeof(*v)));
	for (i = 0; i < g->nr; i++) {
		const struct tracked_group *tg = &g->groups[i];
		unsigned lo = tg->counts[first], hi = lo;
		double rise = (double)tg->counts[n - 1] - (double)tg->counts[first];

		if (rise > 0)
			total_rise += rise;
		for (j = first; j < n; j++) {
			if (tg->counts[j] < lo)
				lo = tg->counts[j];
			if (tg->counts[j] > hi)
				hi = tg->counts[j];
		}
		/* cheap: most groups are flat and never reach the statistics */
		if (hi - lo < GROUP_MIN_ABS || rise <= 0)
			continue;
		for (j = 0; j < n; j++)
			v[j] = tg->counts[j];
		all[nr].group = tg;
		all[nr].rise = rise;
		trend_judge(g->t, v, n, GROUP_MIN_ABS, GROUP_MIN_REL, &all[nr].trend);
		if (!all[nr].trend.enough && rise > best_rise) {
			best_rise = rise;
			best = nr;
		}
		nr++;
	}
	/* too few profiles to judge: blame the group that carries the rise */
	if (best != SIZE_MAX && best_rise >= GROUP_MIN_ABS && best_rise >= GROUP_SHARE * total_rise) {
		all[best].attributed = 1;
		all[best].share = best_rise / total_rise;
		all[best].trend.growing = 1;
		if (!(all[best].trend.slope > 0))
			all[best].trend.slope = best_rise / (g->t[n - 1] - g->t[first]);
	}
	for (i = j = 0; i < nr; i++)
		if (all[i].trend.growing)
			all[j++] = all[i];
	nr = j;
	qsort(all, nr, sizeof(*all), growth_cmp);
	if (nr > max)
		nr = max;
	memcpy(out, all, nr * sizeof(*out));
	free(all);
	free(v);
	return nr;
}

static int site_cmp(const void *va, const void *vb)
{
	const struct call_site *a = *(const struct call_site *const *)va;
	const struct call_site *b = *(const struct call_site *const *)vb;
	if (a->seen != b->seen)
		return a->seen > b->seen ? -1 : 1;
	if (strcmp(a->at.file, b->at.file))
		return strcmp(a->at.file, b->at.file);
	return a->at.line - b->at.line;
}

size_t goroutine_groups_sites(const struct goroutine_groups *g, const struct call_site **out,
			      size_t max)
{
	const struct call_site **all;
	size_t i;

	if (!g->nr_sites || !max)
		return 0;
	all = xmalloc(st_mult(g->nr_sites, sizeof(*all)));
	for (i = 0; i < g->nr_sites; i++)
		all[i] = &g->sites[i];
	qsort(all, g->nr_sites, sizeof(*all), site_cmp);
	if (max > g->nr_sites)
		max = g->nr_sites;
	memcpy(out, all, max * sizeof(*out));
	free(all);
	return max;
}

/* ------------------------------------------------------------------ */
/* Refining a finding                                                   */

/* The number of call sites a finding lists. */
#define REFINE_MAX_SITES 5

static void add_where(struct finding *f, const struct group_frame *at, const char *how,
		      size_t seen)
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

static void add_frame(struct strbuf *sb, const struct group_frame *fr)
{
	strbuf_addf(sb, "%s\n", fr->func);
	if (fr->file[0])
		strbuf_addf(sb, "\t%s:%d\n", fr->file, fr->line);
}

int goroutine_groups_refine(const struct goroutine_groups *g, struct finding *f)
{
	struct group_growth top;
	const struct tracked_group *tg;
	const struct dump_signature *sig;
	struct strbuf ev = STRBUF_INIT, st = STRBUF_INIT;
	size_t i, n = g->profiles;

	if (!goroutine_groups_growing(g, &top, 1))
		return 0;
	tg = top.group;
	sig = tg->diagnosis;
	if (sig && kind_info_find(sig->kind)) {
		f->info = kind_info_find(sig->kind);
		f->kind = f->info->kind;
	}

	strbuf_addstr(&ev, f->evidence ? f->evidence : "");
	strbuf_addf(&ev, "; the stack group in %s grew from %u to %u goroutines (%+.1f/min",
		    tg->nr_frames ? tg->frames[0].func : "?", tg->counts[0],
		    tg->counts[n - 1], top.trend.slope * 60);
	if (top.attributed)
		strbuf_addf(&ev, ", %.0f%% of the rise over %zu profiles)",
			    100.0 * top.share, n);
	else
		strbuf_addf(&ev, ", Mann-Kendall z=%.1f over %zu profiles)", top.trend.z, n);
	if (sig)
		strbuf_addf(&ev, ": %s", sig->summary);
	if (tg->created_by)
		strbuf_addf(&ev, "; created by %s", tg->created_by);

	free(f->stack);
	for (i = 0; i < f->nr_where; i++) {
		free(f->where[i].func);
		free(f->where[i].file);
	}
	free(f->where);
	f->where = NULL;
	f->nr_where = 0;

	if (tg->user_frame < tg->nr_frames) {
		const struct group_frame *u = &tg->frames[tg->user_frame];
		add_where(f, u, "stack", 0);
		strbuf_addf(&ev, "; look at %s:%d (%s)", u->file, u->line, u->func);
		strbuf_addf(&st, "user frame: %s at %s:%d\n", u->func, u->file, u->line);
	} else if (kind_info_find(f->kind) && kind_info_find(f->kind)->at_call_sites) {
		const struct call_site *sites[REFINE_MAX_SITES];
		size_t nr = goroutine_groups_sites(g, sites, REFINE_MAX_SITES);
		for (i = 0; i < nr; i++) {
			add_where(f, &sites[i]->at, "request call site", sites[i]->seen);
			strbuf_addf(&st, "requests made at: %s at %s:%d (in flight in %zu of %zu profiles)\n",
				    sites[i]->at.func, sites[i]->at.file, sites[i]->at.line,
				    sites[i]->profiles, n);
		}
		if (nr)
			strbuf_addf(&ev, "; its goroutines hold no user frame; requests are made at %s:%d (%s)%s",
				    sites[0]->at.file, sites[0]->at.line, sites[0]->at.func,
				    nr > 1 ? " and other places" : "");
		else
			strbuf_addstr(&ev, "; its goroutines hold no user frame and no request was caught in flight");
	}
	for (i = 0; i < tg->nr_frames; i++)
		add_frame(&st, &tg->frames[i]);
	if (tg->created_by)
		strbuf_addf(&st, "created by %s\n", tg->created_by);
	strbuf_setlen(&st, st.len && st.buf[st.len - 1] == '\n' ? st.len - 1 : st.len);

	free(f->evidence);
	f->evidence = strbuf_detach(&ev, NULL);
	f->stack = strbuf_detach(&st, NULL);
	return 1;
}
