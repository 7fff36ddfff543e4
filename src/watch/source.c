/*
 * source.c - join run-time places to lint findings; see source.h.
 */
#include "watch/source.h"
#include "watch/watch.h"

void source_index_init(struct source_index *idx)
{
	memset(idx, 0, sizeof(*idx));
}

void source_index_release(struct source_index *idx)
{
	size_t i;
	for (i = 0; i < idx->nr_files; i++) {
		free(idx->files[i].path);
	}
	for (i = 0; i < idx->nr_lints; i++)
		free(idx->lints[i].message);
	free(idx->files);
	free(idx->lints);
	source_index_init(idx);
}

/* ------------------------------------------------------------------ */
/* Building                                                             */

size_t source_index_add_file(struct source_index *idx, const char *path)
{
	ALLOC_GROW(idx->files, idx->nr_files + 1, idx->alloc_files);
	idx->files[idx->nr_files].path = xstrdup(path);
	return idx->nr_files++;
}

void source_index_add_lint(struct source_index *idx, size_t file, int line, int func_start,
			   int func_end, const char *rule, const char *message)
{
	struct source_lint *l;
	ALLOC_GROW(idx->lints, idx->nr_lints + 1, idx->alloc_lints);
	l = &idx->lints[idx->nr_lints++];
	l->file = file;
	l->line = line;
	l->func_start = func_start;
	l->func_end = func_end;
	l->rule = rule;
	l->message = xstrdup(message ? message : "");
}

/* ------------------------------------------------------------------ */
/* Matching files                                                       */

/*
 * The last path component of path[0..*len), ignoring "." components and
 * repeated slashes; *len is moved before it. Returns its length, 0 at
 * the start of the path.
 */
static size_t last_component(const char *path, size_t *len, const char **comp)
{
	for (;;) {
		size_t end, start;
		while (*len && path[*len - 1] == '/')
			(*len)--;
		end = *len;
		start = end;
		while (start && path[start - 1] != '/')
			start--;
		*len = start;
		if (end == start)
			return 0;
		if (end - start == 1 && path[start] == '.')
			continue;
		*comp = path + start;
		return end - start;
	}
}

/* How many trailing path components a and b share. */
static size_t common_suffix(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), n = 0;
	for (;;) {
		const char *ca = NULL, *cb = NULL;
		size_t na = last_component(a, &la, &ca), nb = last_component(b, &lb, &cb);
		if (!na || na != nb || memcmp(ca, cb, na))
			return n;
		n++;
	}
}

size_t source_match_file(const struct source_index *idx, const char *frame_path)
{
	size_t i, best = SIZE_MAX, best_n = 0;
	int ambiguous = 0;

	if (!frame_path || !*frame_path)
		return SIZE_MAX;
	for (i = 0; i < idx->nr_files; i++) {
		size_t n = common_suffix(idx->files[i].path, frame_path);
		if (!n)
			continue;
		if (n > best_n) {
			best_n = n;
			best = i;
			ambiguous = 0;
		} else if (n == best_n) {
			ambiguous = 1;
		}
	}
	return ambiguous ? SIZE_MAX : best;
}

static size_t rule_rank(const char *const *rules, const char *rule)
{
	size_t i;
	for (i = 0; rules[i]; i++)
		if (!strcmp(rules[i], rule))
			return i;
	return i; /* after every rule of the kind */
}

/* ------------------------------------------------------------------ */
/* Joining                                                              */

struct tie {
	const struct source_lint *lint;
	size_t rank, where;
	int distance;
};

static int tie_cmp(const void *va, const void *vb)
{
	const struct tie *a = va, *b = vb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->where != b->where)
		return a->where < b->where ? -1 : 1;
	if (a->distance != b->distance)
		return a->distance - b->distance;
	return a->lint < b->lint ? -1 : a->lint > b->lint;
}

void source_join(const struct source_index *idx, struct finding *f)
{
	const char *const *rules = kind_cause_rules(f->kind);
	struct tie *ties = NULL;
	size_t nr = 0, alloc = 0, i, j, k;

	for (i = 0; i < f->nr_source; i++) {
		free(f->source[i].file);
		free(f->source[i].message);
	}
	free(f->source);
	f->source = NULL;
	f->nr_source = 0;

	for (i = 0; i < f->nr_where; i++) {
		const struct finding_where *w = &f->where[i];
		size_t file = source_match_file(idx, w->file);

		if (file == SIZE_MAX)
			continue;
		for (j = 0; j < idx->nr_lints; j++) {
			const struct source_lint *l = &idx->lints[j];
			int d = l->line > w->line ? l->line - w->line : w->line - l->line;
			int same_func = l->func_start && l->func_start <= w->line && w->line <= l->func_end;
			if (l->file != file || (!same_func && d > SOURCE_NEAR_LINES))
				continue;
			/* a lint finding tied to several places counts once, at its best */
			for (k = 0; k < nr; k++)
				if (ties[k].lint == l)
					break;
			if (k < nr) {
				if (ties[k].where == i && d < ties[k].distance)
					ties[k].distance = d;
				continue;
			}
			ALLOC_GROW(ties, nr + 1, alloc);
			ties[nr].lint = l;
			ties[nr].rank = rule_rank(rules, l->rule);
			ties[nr].where = i;
			ties[nr].distance = d;
			nr++;
		}
	}
	if (!nr)
		return;
	qsort(ties, nr, sizeof(*ties), tie_cmp);
	if (nr > SOURCE_MAX_TIES)
		nr = SOURCE_MAX_TIES;
	f->source = xcalloc(nr, sizeof(*f->source));
	for (i = 0; i < nr; i++) {
		struct finding_source *s = &f->source[i];
		s->file = xstrdup(idx->files[ties[i].lint->file].path);
		s->line = ties[i].lint->line;
		s->rule = ties[i].lint->rule;
		s->message = xstrdup(ties[i].lint->message);
		s->distance = ties[i].distance;
	}
	f->nr_source = nr;
	free(ties);
}
