/*
 * group.c - what a group's frames say about it (whose code, which wait),
 * and the order groups are shown in.
 */
#include "dump/dump.h"

/*
 * The package of a function name: "net/http" for
 * "net/http.(*persistConn).readLoop", "main" for "main.main.func1".
 * Brackets of generic instantiations may hold dots and slashes, so the
 * search stops at the first '[' or '('.
 */
static size_t package_len(const char *func)
{
	size_t end = strcspn(func, "[("), slash = 0, i;
	const char *dot;
	for (i = 0; i < end; i++)
		if (func[i] == '/')
			slash = i + 1;
	dot = memchr(func + slash, '.', end - slash);
	return dot ? (size_t)(dot - func) : end;
}

int dump_frame_is_stdlib(const struct dump_frame *f)
{
	size_t n = package_len(f->func);
	const char *slash = memchr(f->func, '/', n);
	size_t first = slash ? (size_t)(slash - f->func) : n;
	const char *hit;

	if (!n || !strcmp(f->func, "?"))
		return 1; /* unknown code is not the place to look */
	if (n == 4 && !memcmp(f->func, "main", 4))
		return 0;
	if (starts_with(f->func, "vendor/golang.org/x/"))
		return 1;
	if (memchr(f->func, '.', first))
		return 0; /* github.com/..., golang.org/x/... */
	if (!f->file[0])
		return 1;
	/* runtime-linked functions of other packages (internal/poll.runtime_pollWait) */
	if (strstr(f->file, "/src/runtime/"))
		return 1;
	/* stdlib sources live in $GOROOT/src/<package>/ */
	for (hit = strstr(f->file, "/src/"); hit; hit = strstr(hit + 1, "/src/"))
		if (!strncmp(hit + 5, f->func, n) && hit[5 + n] == '/')
			return 1;
	return 0;
}

const char *dump_infer_state(const struct dump_frame *frames, size_t nr)
{
	static const struct {
		const char *func;
		const char *state;
	} table[] = {
		{ "internal/poll.runtime_pollWait", "IO wait" },
		{ "sync.runtime_Semacquire", "semacquire" },
		{ "sync.runtime_SemacquireMutex", "semacquire" },
		{ "sync.runtime_SemacquireRWMutex", "semacquire" },
		{ "sync.runtime_SemacquireRWMutexR", "semacquire" },
		{ "sync.runtime_SemacquireWaitGroup", "semacquire" },
		{ "sync.runtime_notifyListWait", "sync.Cond.Wait" },
		{ "time.Sleep", "sleep" },
	};
	size_t i;
	if (!nr)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(table); i++)
		if (!strcmp(frames[0].func, table[i].func))
			return table[i].state;
	return NULL;
}

static unsigned long long group_score(const struct dump_group *g)
{
	return (unsigned long long)g->count * (unsigned long long)(g->wait_max > 1 ? g->wait_max : 1);
}

static int is_leak(const struct dump_group *g)
{
	return g->diagnosis && g->diagnosis->leak;
}

static int compare_groups(const void *va, const void *vb)
{
	const struct dump_group *a = va, *b = vb;
	unsigned long long sa, sb;
	if (is_leak(a) != is_leak(b))
		return is_leak(a) ? -1 : 1;
	sa = group_score(a);
	sb = group_score(b);
	if (sa != sb)
		return sa > sb ? -1 : 1;
	if (a->first_seen != b->first_seen)
		return a->first_seen < b->first_seen ? -1 : 1;
	return 0;
}

/* Goroutines whose top frame is in list. */
static size_t in_flight(const struct dump *d, const char *const *list)
{
	size_t i, n = 0;
	const char *const *p;
	for (i = 0; i < d->nr_groups; i++) {
		const struct dump_group *g = &d->groups[i];
		if (!g->nr_frames)
			continue;
		for (p = list; *p; p++)
			if (!strcmp(g->frames[0].func, *p)) {
				n += g->count;
				break;
			}
	}
	return n;
}

void dump_analyze(struct dump *d, const struct dump_diag_options *opts)
{
	size_t i;
	for (i = 0; i < d->nr_groups; i++)
		d->groups[i].diagnosis = dump_diagnose(&d->groups[i], opts);
	for (i = 0; i < d->nr_groups; i++) {
		struct dump_group *g = &d->groups[i];
		const struct dump_signature *s = g->diagnosis;
		if (s && s->discount_top && !g->leaked) {
			size_t busy = in_flight(d, s->discount_top);
			if (g->count < busy + s->min_count)
				g->diagnosis = NULL;
		}
	}
	for (i = 0; i < d->nr_groups; i++) {
		struct dump_group *g = &d->groups[i];
		if (g->diagnosis && g->diagnosis->companion)
			g->diagnosis = dump_resolve_companion(d, g->diagnosis);
	}
	if (d->nr_groups > 1)
		qsort(d->groups, d->nr_groups, sizeof(*d->groups), compare_groups);
	/* the key index points at positions, which moved */
	for (i = 0; i < d->nr_groups; i++)
		strmap_put(&d->index, d->groups[i].key, strlen(d->groups[i].key),
			   (void *)(uintptr_t)(i + 1));
}
