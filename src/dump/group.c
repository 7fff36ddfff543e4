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

/*
 * The first elements of the standard library's import paths (Go 1.19 to
 * 1.24). The file path cannot tell: -trimpath builds print
 * "runtime/pprof/pprof.go", and GOPATH code lies in .../go/src/ as the
 * standard library does. Only the standard library's first elements
 * have no dot; these are they.
 */
static const char *const std_roots[] = {
	"archive", "arena", "bufio", "builtin", "bytes", "cmp", "compress", "container",
	"context", "crypto", "database", "debug", "embed", "encoding", "errors", "expvar",
	"flag", "fmt", "go", "hash", "html", "image", "index", "internal", "io", "iter",
	"log", "maps", "math", "mime", "net", "os", "path", "plugin", "reflect", "regexp",
	"runtime", "slices", "sort", "strconv", "strings", "structs", "sync", "syscall",
	"testing", "text", "time", "unicode", "unique", "unsafe", "vendor", "weak",
};

int dump_frame_is_stdlib(const struct dump_frame *f)
{
	size_t n = package_len(f->func), i;
	const char *slash = memchr(f->func, '/', n);
	size_t first = slash ? (size_t)(slash - f->func) : n;

	if (!n || !strcmp(f->func, "?"))
		return 1; /* unknown code is not the place to look */
	if (n == 4 && !memcmp(f->func, "main", 4))
		return 0;
	if (starts_with(f->func, "vendor/golang.org/x/"))
		return 1;
	if (memchr(f->func, '.', first))
		return 0; /* github.com/..., golang.org/x/... */
	if (f->func[0] == '_')
		return 0; /* "_/home/me/app.f": a package outside GOPATH, Go < 1.13 */
	for (i = 0; i < ARRAY_SIZE(std_roots); i++)
		if (strlen(std_roots[i]) == first && !memcmp(f->func, std_roots[i], first))
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

/* ---------------------------------------------------------------- */
/* Matching, shared by signatures.c and roles.c                      */

int dump_func_is(const char *name, const char *pat)
{
	size_t n = strlen(name), m = strlen(pat);
	if (n == m)
		return !memcmp(name, pat, n);
	return n > m && name[n - m - 1] == '/' && !memcmp(name + n - m, pat, m);
}

static int func_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (dump_func_is(name, *list))
			return 1;
	return 0;
}

static int stack_has(const struct dump_group *g, const char *pat)
{
	size_t i;
	for (i = 0; i < g->nr_frames; i++)
		if (dump_func_is(g->frames[i].func, pat))
			return 1;
	return 0;
}

static int stack_has_any(const struct dump_group *g, const char *const *list)
{
	for (; *list; list++)
		if (stack_has(g, *list))
			return 1;
	return 0;
}

int dump_stack_matches(const struct dump_group *g, const char *const *top,
		       const char *const *has, const char *const *has_any,
		       const char *const *lacks, const char *const *states)
{
	const char *const *p;
	if (states && g->state) {
		for (p = states; *p; p++)
			if (!strcmp(g->state, *p))
				break;
		if (!*p)
			return 0;
	}
	if (top && (!g->nr_frames || !func_in(g->frames[0].func, top)))
		return 0;
	if (has)
		for (p = has; *p; p++)
			if (!stack_has(g, *p))
				return 0;
	if (has_any && !stack_has_any(g, has_any))
		return 0;
	if (lacks && stack_has_any(g, lacks))
		return 0;
	return 1;
}

/* ---------------------------------------------------------------- */
/* Analysis                                                          */

/* Goroutines whose top frame is in list. */
static size_t in_flight(const struct dump *d, const char *const *list)
{
	size_t i, n = 0;
	for (i = 0; i < d->nr_groups; i++) {
		const struct dump_group *g = &d->groups[i];
		if (g->nr_frames && func_in(g->frames[0].func, list))
			n += g->count;
	}
	return n;
}

size_t dump_count_roles(const struct dump *d, const char *const *names)
{
	size_t i, n = 0;
	const char *const *p;
	for (i = 0; i < d->nr_groups; i++) {
		const struct dump_role *r = d->groups[i].role;
		if (!r)
			continue;
		for (p = names; *p; p++)
			if (!strcmp(r->name, *p)) {
				n += d->groups[i].count;
				break;
			}
	}
	return n;
}

/*
 * A row with partners that keep its goroutines busy (in-flight requests
 * beside idle-looking connections, body readers beside readLoops) holds
 * only when goroutines are left over once the partners are taken off:
 * at least min_count of them, or any when they waited min_wait minutes.
 */
static int holds_after_discount(const struct dump *d, const struct dump_group *g,
				const struct dump_signature *s)
{
	size_t busy = 0, free_;
	if (s->discount_top)
		busy += in_flight(d, s->discount_top);
	if (s->discount_roles)
		busy += dump_count_roles(d, s->discount_roles);
	free_ = g->count > busy ? g->count - busy : 0;
	if (free_ >= s->min_count && free_ > 0)
		return 1;
	return free_ > 0 && s->min_wait > 0 && g->wait_max >= s->min_wait;
}

void dump_analyze(struct dump *d, const struct dump_diag_options *opts)
{
	size_t i;
	for (i = 0; i < d->nr_groups; i++)
		d->groups[i].role = dump_role_of(&d->groups[i]);
	for (i = 0; i < d->nr_groups; i++) {
		struct dump_group *g = &d->groups[i];
		const struct dump_signature *s = dump_diagnose(g, opts);
		while (s && (s->discount_top || s->discount_roles) && (!g->leaked || g->leftover) &&
		       !holds_after_discount(d, g, s))
			s = dump_diagnose_from(g, (size_t)(s - dump_signatures) + 1, opts);
		g->diagnosis = s;
	}
	/*
	 * A leak check's stacks are cut: a read left waiting, cut above its
	 * Read frame, is ambiguous alone (a listener's Accept waits the same
	 * way), but beside a client connection's writeLoop it is that
	 * connection's readLoop, an idle keep-alive connection.
	 */
	{
		static const char *const writers[] = { "conn-writer", NULL };
		if (dump_count_roles(d, writers))
			for (i = 0; i < d->nr_groups; i++) {
				struct dump_group *g = &d->groups[i];
				const struct dump_signature *s = dump_diagnose_cut_wait(g);
				if (s && (!g->diagnosis || !g->diagnosis->leak ||
					  !strcmp(g->diagnosis->kind, "blocked-goroutines")))
					g->diagnosis = s;
			}
	}
	for (i = 0; i < d->nr_groups; i++) {
		struct dump_group *g = &d->groups[i];
		if (g->diagnosis && g->diagnosis->companion)
			g->diagnosis = dump_resolve_companion(d, g->diagnosis);
		/*
		 * A writeLoop a leak check left over, whose readLoop the
		 * report (or the paste) lost: the connection is still open.
		 */
		if (!g->diagnosis && g->leaked && g->leftover && g->role &&
		    !strcmp(g->role->name, "conn-writer"))
			g->diagnosis = dump_left_connection();
	}
	if (d->nr_groups > 1)
		qsort(d->groups, d->nr_groups, sizeof(*d->groups), compare_groups);
	/* the key index points at positions, which moved */
	for (i = 0; i < d->nr_groups; i++)
		strmap_put(&d->index, d->groups[i].key, strlen(d->groups[i].key),
			   (void *)(uintptr_t)(i + 1));
}
