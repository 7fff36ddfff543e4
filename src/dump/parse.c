/*
 * parse.c - read goroutine dumps of every format into groups.
 *
 * One pass over the lines, one small state machine: a line either starts
 * something (a goroutine header, a count record, a goleak element),
 * continues it (a frame, a "created by", a file:line), ends it (a blank
 * line, junk), or is junk outside any goroutine and skipped. Strings are
 * slices of the input until a goroutine is complete; only a goroutine that
 * starts a new group is copied into the arena, so a dump of 100k goroutines
 * in a few hundred groups costs little more than reading it.
 */
#include "dump/dump.h"
#include "base/strbuf.h"

#include <ctype.h>

/* A slice of the input. */
struct span {
	const char *p;
	size_t n;
};

struct raw_frame {
	struct span func, file;
	int line;
};

enum mode {
	M_OUTSIDE, /* between goroutines */
	M_STACK,   /* inside a goroutine of a stacks, traceback or goleak dump */
	M_RECORD,  /* inside a debug=1 record */
	M_SKIP,    /* inside an ancestor block: ignored until a blank line */
};

struct parser {
	struct dump *d;
	enum mode mode;
	enum dump_format kind; /* format of the goroutine being read */
	long read;             /* goroutines read by this call */
	int seen;              /* anything that looks like a dump */
	int traceback;         /* saw a crash/SIGQUIT marker */

	/* the goroutine or record being read */
	long goid;
	size_t count;
	struct span state;
	int wait, leaked, durable, locked, elided;
	int lines_after_header;
	struct raw_frame *frames;
	size_t nr_frames, alloc_frames;
	int pending;           /* frames[nr_frames] holds a func awaiting its file */
	struct span creator;
	struct span creator_file;
	int creator_line;
	int creator_pending;
	struct span labels;
	int goleak_fresh;      /* goleak element with nothing read yet */

	struct strbuf key;
	struct span last;      /* the last line, trimmed */
};

/* ---------------------------------------------------------------- */
/* Small scanners over spans                                        */

static int span_starts(struct span s, const char *prefix)
{
	size_t n = strlen(prefix);
	return s.n >= n && !memcmp(s.p, prefix, n);
}

static int span_eq(struct span s, const char *str)
{
	return s.n == strlen(str) && !memcmp(s.p, str, s.n);
}

static struct span span_trim(struct span s)
{
	while (s.n && (s.p[0] == ' ' || s.p[0] == '\t'))
		s.p++, s.n--;
	while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
		s.n--;
	return s;
}

/* Find needle in s; returns its offset or -1. */
static long span_find(struct span s, const char *needle)
{
	size_t n = strlen(needle), i;
	if (n > s.n)
		return -1;
	for (i = 0; i + n <= s.n; i++)
		if (s.p[i] == needle[0] && !memcmp(s.p + i, needle, n))
			return (long)i;
	return -1;
}

/* Last occurrence of needle in s, or -1. */
static long span_rfind(struct span s, const char *needle)
{
	size_t n = strlen(needle), i;
	if (n > s.n)
		return -1;
	for (i = s.n - n + 1; i-- > 0;)
		if (!memcmp(s.p + i, needle, n))
			return (long)i;
	return -1;
}

/*
 * Read a decimal number at *s, advancing past it; returns -1 when there is
 * no digit. Saturates instead of overflowing.
 */
static long scan_num(struct span *s)
{
	long v = 0;
	size_t i = 0;
	while (i < s->n && isdigit((unsigned char)s->p[i])) {
		if (v < 100000000000L)
			v = v * 10 + (s->p[i] - '0');
		i++;
	}
	if (!i)
		return -1;
	s->p += i;
	s->n -= i;
	return v;
}

static int span_is_num(struct span s)
{
	return scan_num(&s) >= 0 && s.n == 0;
}

/* ---------------------------------------------------------------- */
/* Groups                                                           */

static const char *intern(struct dump *d, const char *p, size_t n)
{
	char *s = strmap_get(&d->strings, p, n);
	if (s)
		return s;
	s = arena_strndup(&d->arena, p, n);
	strmap_put(&d->strings, s, n, s);
	return s;
}

static int is_runtime_func(struct span f)
{
	return span_starts(f, "runtime.");
}

static void key_add_frame(struct strbuf *key, const struct raw_frame *f, int aggressive)
{
	strbuf_add(key, f->func.p, f->func.n);
	if (!aggressive) {
		strbuf_addch(key, '@');
		strbuf_add(key, f->file.p, f->file.n);
		strbuf_addf(key, ":%d", f->line);
	}
	strbuf_addch(key, '\n');
}

/*
 * The goroutine (or count record) in the parser is complete: add it to
 * its group. Leading and trailing runtime frames are dropped when other
 * frames remain (debug=2 hides them, tracebacks show them), so the same
 * stack gives the same key in every format.
 */
static void finish_goroutine(struct parser *ps)
{
	struct dump *d = ps->d;
	struct raw_frame *fr = ps->frames;
	size_t nr = ps->nr_frames, first = 0, last = nr, i, nonrt = 0;
	struct dump_group *g;
	uintptr_t idx;
	struct span state = ps->state;

	for (i = 0; i < nr; i++)
		if (!is_runtime_func(fr[i].func))
			nonrt++;
	if (nonrt) {
		while (first < last && is_runtime_func(fr[first].func))
			first++;
		while (last > first && is_runtime_func(fr[last - 1].func))
			last--;
	}

	strbuf_reset(&ps->key);
	strbuf_add(&ps->key, state.p, state.n);
	strbuf_addf(&ps->key, "|%d%d|", ps->leaked, ps->elided);
	strbuf_add(&ps->key, ps->creator.p, ps->creator.n);
	strbuf_addch(&ps->key, '\n');
	for (i = first; i < last; i++)
		key_add_frame(&ps->key, &fr[i], d->opts.aggressive);

	idx = (uintptr_t)strmap_get(&d->index, ps->key.buf, ps->key.len);
	if (idx) {
		g = &d->groups[idx - 1];
	} else {
		char *key = arena_strndup(&d->arena, ps->key.buf, ps->key.len);
		ALLOC_GROW(d->groups, d->nr_groups + 1, d->alloc_groups);
		g = &d->groups[d->nr_groups];
		memset(g, 0, sizeof(*g));
		g->key = key;
		g->first_seen = d->nr_groups;
		g->nr_frames = last - first;
		g->frames = arena_calloc(&d->arena, g->nr_frames ? g->nr_frames : 1,
					 sizeof(*g->frames));
		for (i = first; i < last; i++) {
			struct dump_frame *f = &g->frames[i - first];
			f->func = intern(d, fr[i].func.p, fr[i].func.n);
			f->file = intern(d, fr[i].file.p, fr[i].file.n);
			f->line = fr[i].line;
		}
		if (state.n) {
			g->state = intern(d, state.p, state.n);
		} else {
			g->state = dump_infer_state(g->frames, g->nr_frames);
			g->state_inferred = g->state != NULL;
		}
		if (ps->creator.n) {
			g->created_by = intern(d, ps->creator.p, ps->creator.n);
			g->creator.func = g->created_by;
			g->creator.file = intern(d, ps->creator_file.p, ps->creator_file.n);
			g->creator.line = ps->creator_line;
		}
		if (ps->labels.n)
			g->labels = intern(d, ps->labels.p, ps->labels.n);
		g->leaked = ps->leaked;
		g->elided = ps->elided;
		g->wait_min = ps->wait;
		g->wait_max = ps->wait;
		g->user_frame = g->nr_frames;
		for (i = 0; i < g->nr_frames; i++)
			if (!dump_frame_is_stdlib(&g->frames[i])) {
				g->user_frame = i;
				break;
			}
		strmap_put(&d->index, key, ps->key.len, (void *)(uintptr_t)(d->nr_groups + 1));
		d->nr_groups++;
	}
	if (g->labels && (ps->labels.n != strlen(g->labels) ||
			  memcmp(ps->labels.p, g->labels, ps->labels.n)))
		g->labels = "(mixed)";
	g->count += ps->count;
	if (ps->wait < g->wait_min)
		g->wait_min = ps->wait;
	if (ps->wait > g->wait_max)
		g->wait_max = ps->wait;
	g->durable |= ps->durable;
	g->locked |= ps->locked;
	d->total += ps->count;
	ps->read += (long)ps->count;
}

static void reset_goroutine(struct parser *ps)
{
	ps->goid = -1;
	ps->count = 1;
	ps->state.p = "";
	ps->state.n = 0;
	ps->wait = ps->leaked = ps->durable = ps->locked = ps->elided = 0;
	ps->lines_after_header = 0;
	ps->nr_frames = 0;
	ps->pending = 0;
	ps->creator.p = ps->creator_file.p = ps->labels.p = "";
	ps->creator.n = ps->creator_file.n = ps->labels.n = 0;
	ps->creator_line = 0;
	ps->creator_pending = 0;
	ps->goleak_fresh = 0;
}

/*
 * End the current goroutine at a blank line, a junk line or the start of
 * the next one. A function line still waiting for its file:line is
 * dropped (a junk line that looked like a call).
 */
static void end_current(struct parser *ps)
{
	if (ps->mode == M_STACK || ps->mode == M_RECORD) {
		ps->pending = 0;
		if (ps->mode == M_STACK || ps->nr_frames)
			finish_goroutine(ps);
		else /* "1 @" with no stack: counted apart, there is no group to show */
			ps->d->stackless += ps->count;
	}
	ps->mode = M_OUTSIDE;
	reset_goroutine(ps);
}

static void set_format(struct parser *ps, enum dump_format f)
{
	ps->seen = 1;
	ps->kind = f;
	if (ps->d->format == DUMP_FORMAT_NONE)
		ps->d->format = f;
}

/* ---------------------------------------------------------------- */
/* Stacks, tracebacks and goleak                                    */

/*
 * Parse the inside of "[...]" of a header (or goleak's state text):
 * "chan send (leaked), 3 minutes, locked to thread". Element 0 is the
 * state, with " (scan)", " (durable)" and " (leaked)" taken off as flags;
 * later elements are the wait time, the thread lock, synctest bubbles,
 * or unknown (ignored).
 */
static void parse_status(struct parser *ps, struct span s)
{
	int first = 1;
	while (s.n) {
		long comma = span_find(s, ", ");
		struct span el = { s.p, comma < 0 ? s.n : (size_t)comma };
		s.p += el.n;
		s.n -= el.n;
		if (s.n) {
			s.p += 2;
			s.n -= 2;
		}
		el = span_trim(el);
		if (first) {
			static const struct {
				const char *suffix;
				size_t flag;
			} flags[] = {
				{ " (scan)", 0 }, { " (durable)", 1 }, { " (leaked)", 2 },
			};
			int again = 1;
			first = 0;
			while (again) {
				size_t i;
				again = 0;
				for (i = 0; i < ARRAY_SIZE(flags); i++) {
					size_t n = strlen(flags[i].suffix);
					if (el.n >= n && !memcmp(el.p + el.n - n, flags[i].suffix, n)) {
						el.n -= n;
						if (flags[i].flag == 1)
							ps->durable = 1;
						else if (flags[i].flag == 2)
							ps->leaked = 1;
						again = 1;
					}
				}
			}
			ps->state = el;
			continue;
		}
		if (span_eq(el, "locked to thread")) {
			ps->locked = 1;
		} else {
			struct span t = el;
			long n = scan_num(&t);
			if (n >= 0 && (span_eq(t, " minutes") || span_eq(t, " minute")))
				ps->wait = n > 1000000 ? 1000000 : (int)n;
		}
	}
}

/*
 * "goroutine 7 [select, 2 minutes]:" or, in Go 1.22+ crash dumps,
 * "goroutine 7 gp=0xc000007c40 m=nil [select]:". Returns 1 when line is
 * a header.
 */
static int parse_header(struct parser *ps, struct span s)
{
	long id, open, close;
	struct span mid;
	if (!span_starts(s, "goroutine "))
		return 0;
	s.p += 10;
	s.n -= 10;
	if ((id = scan_num(&s)) < 0)
		return 0;
	open = span_find(s, "[");
	close = span_rfind(s, "]:");
	if (open < 0 || close < open)
		return 0;
	mid.p = s.p;
	mid.n = (size_t)open;
	mid = span_trim(mid);
	if (mid.n) {
		if (span_find(mid, "gp=") < 0 && span_find(mid, "m=") < 0)
			return 0;
		ps->traceback = 1;
	}
	end_current(ps);
	ps->mode = M_STACK;
	set_format(ps, DUMP_FORMAT_STACKS);
	ps->goid = id;
	mid.p = s.p + open + 1;
	mid.n = (size_t)(close - open - 1);
	parse_status(ps, mid);
	return 1;
}

/*
 * goleak: "[Goroutine 19 in state chan send, with main.main.func1 on top
 * of the stack:" (the "[" only before the first element).
 */
static int parse_goleak(struct parser *ps, struct span s)
{
	long id, with;
	struct span st;
	if (s.n && s.p[0] == '[')
		s.p++, s.n--;
	if (!span_starts(s, "Goroutine "))
		return 0;
	s.p += 10;
	s.n -= 10;
	if ((id = scan_num(&s)) < 0 || !span_starts(s, " in state "))
		return 0;
	s.p += 10;
	s.n -= 10;
	with = span_rfind(s, ", with ");
	if (with < 0)
		return 0;
	end_current(ps);
	ps->mode = M_STACK;
	set_format(ps, DUMP_FORMAT_GOLEAK);
	ps->goid = id;
	st.p = s.p;
	st.n = (size_t)with;
	parse_status(ps, st);
	ps->leaked = 1; /* goleak says so: still running when the test ended */
	ps->goleak_fresh = 1;
	return 1;
}

/*
 * A function line: "pkg.(*T).m(0xc000, {0x1, 0x2}, ...)" or "pkg.f(...)"
 * (inlined). The name is everything before the argument list, found by
 * matching parentheses from the end; names never contain spaces, which
 * keeps most prose out.
 */
static int parse_func_line(struct span s, struct span *name)
{
	size_t i;
	int depth = 0;
	if (s.n < 3 || s.p[s.n - 1] != ')')
		return 0;
	for (i = s.n; i-- > 0;) {
		if (s.p[i] == ')')
			depth++;
		else if (s.p[i] == '(' && --depth == 0)
			break;
	}
	if (depth != 0 || i == 0 || i >= s.n)
		return 0;
	name->p = s.p;
	name->n = i;
	if (memchr(name->p, ' ', name->n) || memchr(name->p, '\t', name->n))
		return 0;
	return 1;
}

/*
 * "/usr/lib/go/src/net/http/transport.go:2213 +0xd85 fp=0x.. sp=0x.. pc=0x.."
 * (the leading tab already gone). Returns 1 with the file and line.
 */
static int parse_location(struct span s, struct span *file, int *line)
{
	long cut = span_find(s, " +0x"), colon;
	struct span num;
	long n;
	if (cut < 0)
		cut = span_find(s, " fp=");
	if (cut >= 0)
		s.n = (size_t)cut;
	s = span_trim(s);
	colon = span_rfind(s, ":");
	if (colon <= 0)
		return 0;
	num.p = s.p + colon + 1;
	num.n = s.n - (size_t)colon - 1;
	if (!span_is_num(num))
		return 0;
	n = scan_num(&num);
	file->p = s.p;
	file->n = (size_t)colon;
	*line = n > 100000000 ? 100000000 : (int)n;
	return 1;
}

static struct raw_frame *new_frame(struct parser *ps)
{
	ALLOC_GROW(ps->frames, ps->nr_frames + 1, ps->alloc_frames);
	return &ps->frames[ps->nr_frames];
}

static int is_elided_line(struct span s)
{
	if (span_eq(s, "...additional frames elided..."))
		return 1;
	if (!span_starts(s, "..."))
		return 0;
	s.p += 3;
	s.n -= 3;
	return scan_num(&s) >= 0 && span_eq(s, " frames elided...");
}

/* A line inside a goroutine (M_STACK); raw still has its leading tab. */
static void stack_line(struct parser *ps, struct span raw, struct span s)
{
	struct span name;
	if (raw.n && raw.p[0] == '\t') {
		struct span file;
		int line;
		if (!parse_location(s, &file, &line))
			return; /* "goroutine running on other thread; stack unavailable" */
		if (ps->pending) {
			struct raw_frame *f = &ps->frames[ps->nr_frames];
			f->file = file;
			f->line = line;
			ps->nr_frames++;
			ps->pending = 0;
		} else if (ps->creator_pending) {
			ps->creator_file = file;
			ps->creator_line = line;
			ps->creator_pending = 0;
		}
		return;
	}
	if (span_starts(s, "created by ")) {
		long in;
		s.p += 11;
		s.n -= 11;
		in = span_find(s, " in goroutine ");
		if (in >= 0)
			s.n = (size_t)in;
		ps->creator = span_trim(s);
		ps->creator_pending = 1;
		ps->pending = 0;
		return;
	}
	if (is_elided_line(s)) {
		ps->elided = 1;
		return;
	}
	if (span_starts(s, "[originating from goroutine")) {
		ps->pending = 0;
		finish_goroutine(ps);
		reset_goroutine(ps);
		ps->mode = M_SKIP;
		return;
	}
	if (parse_func_line(s, &name)) {
		struct raw_frame *f = new_frame(ps);
		f->func = name;
		f->file.p = "";
		f->file.n = 0;
		f->line = 0;
		ps->pending = 1;
		ps->creator_pending = 0;
		return;
	}
	/* Anything else ends the goroutine; it is junk after the dump. */
	end_current(ps);
}

/* ---------------------------------------------------------------- */
/* debug=1 count profiles                                           */

static int parse_count_header(struct parser *ps, struct span s)
{
	enum dump_format f;
	long n;
	if (span_starts(s, "goroutine profile: total ")) {
		f = DUMP_FORMAT_COUNT;
		s.p += 25;
		s.n -= 25;
	} else if (span_starts(s, "goroutineleak profile: total ")) {
		f = DUMP_FORMAT_LEAKCOUNT;
		s.p += 29;
		s.n -= 29;
	} else {
		return 0;
	}
	if ((n = scan_num(&s)) < 0)
		return 0;
	end_current(ps);
	set_format(ps, f);
	ps->kind = f;
	ps->d->declared_total += (size_t)n;
	return 1;
}

/*
 * "12 @ 0x43b296 0x40708c ...", or "1 @" alone: Go prints a PC per frame
 * after the @, none for a goroutine caught with an empty stack (starting
 * or exiting), which still counts toward the total.
 */
static int parse_record_start(struct parser *ps, struct span s)
{
	long n = scan_num(&s);
	if (n <= 0 || !span_starts(s, " @"))
		return 0;
	if (!span_starts(s, " @ 0x") && span_trim((struct span){ s.p + 2, s.n - 2 }).n)
		return 0;
	end_current(ps);
	if (ps->kind != DUMP_FORMAT_COUNT && ps->kind != DUMP_FORMAT_LEAKCOUNT)
		set_format(ps, DUMP_FORMAT_COUNT);
	ps->seen = 1;
	ps->mode = M_RECORD;
	ps->count = (size_t)n;
	ps->leaked = ps->kind == DUMP_FORMAT_LEAKCOUNT;
	return 1;
}

/* Take the next whitespace-separated token off s. */
static struct span next_token(struct span *s)
{
	struct span t;
	*s = span_trim(*s);
	t.p = s->p;
	t.n = 0;
	while (t.n < s->n && s->p[t.n] != '\t' && s->p[t.n] != ' ')
		t.n++;
	s->p += t.n;
	s->n -= t.n;
	return t;
}

/* "#\t0x6c4884\tmain.main.func5+0x24\t/home/dev/app/main.go:12" */
static void record_line(struct parser *ps, struct span s)
{
	struct raw_frame *f;
	struct span pc, fn;
	long plus;
	if (span_starts(s, "# labels: ")) {
		ps->labels = span_trim((struct span){ s.p + 10, s.n - 10 });
		return;
	}
	if (s.n < 2 || s.p[0] != '#' || (s.p[1] != '\t' && s.p[1] != ' ')) {
		end_current(ps);
		return;
	}
	s.p++;
	s.n--;
	pc = next_token(&s);
	if (!span_starts(pc, "0x"))
		return;
	f = new_frame(ps);
	fn = next_token(&s);
	plus = span_rfind(fn, "+0x");
	if (plus > 0)
		fn.n = (size_t)plus;
	if (!fn.n) {
		fn.p = "?";
		fn.n = 1;
	}
	f->func = fn;
	f->file.p = "";
	f->file.n = 0;
	f->line = 0;
	parse_location(span_trim(s), &f->file, &f->line);
	ps->nr_frames++;
}

/* ---------------------------------------------------------------- */
/* The line loop                                                    */

static int is_traceback_marker(struct span s)
{
	static const char *const markers[] = {
		"SIGQUIT: quit", "panic: ", "fatal error: ", "[signal ", "PC=0x",
		"unexpected fault address", "runtime: ",
	};
	size_t i;
	for (i = 0; i < ARRAY_SIZE(markers); i++)
		if (span_starts(s, markers[i]))
			return 1;
	return 0;
}

static void parse_line(struct parser *ps, struct span raw)
{
	struct span s;
	/* Test logs indent with spaces; frames keep their tab. */
	while (raw.n && raw.p[0] == ' ')
		raw.p++, raw.n--;
	if (raw.n && raw.p[raw.n - 1] == '\r')
		raw.n--;
	s = span_trim(raw);
	ps->last = s;

	if (!s.n) {
		end_current(ps);
		return;
	}
	if (span_starts(s, "goroutine ")) {
		/* goleak <= 1.2.1 repeats the header inside each element */
		if (ps->mode == M_STACK && ps->goleak_fresh && !ps->nr_frames && !ps->pending) {
			struct span t = { s.p + 10, s.n - 10 };
			if (scan_num(&t) == ps->goid) {
				ps->goleak_fresh = 0;
				return;
			}
		}
		if (parse_header(ps, s) || parse_count_header(ps, s))
			return;
	}
	if (span_starts(s, "goroutineleak ") && parse_count_header(ps, s))
		return;
	if ((s.p[0] == '[' || s.p[0] == 'G') && parse_goleak(ps, s))
		return;
	if (isdigit((unsigned char)s.p[0]) && parse_record_start(ps, s))
		return;

	switch (ps->mode) {
	case M_OUTSIDE:
		if (is_traceback_marker(s))
			ps->traceback = 1;
		return;
	case M_SKIP:
		return;
	case M_RECORD:
		record_line(ps, s);
		return;
	case M_STACK:
		ps->goleak_fresh = 0;
		ps->lines_after_header++;
		stack_line(ps, raw, s);
		return;
	}
}

const char *dump_format_name(enum dump_format f)
{
	static const char *const names[] = {
		[DUMP_FORMAT_NONE] = "none",
		[DUMP_FORMAT_STACKS] = "stacks",
		[DUMP_FORMAT_TRACEBACK] = "traceback",
		[DUMP_FORMAT_COUNT] = "count",
		[DUMP_FORMAT_LEAKCOUNT] = "goroutineleak",
		[DUMP_FORMAT_GOLEAK] = "goleak",
	};
	if ((size_t)f >= ARRAY_SIZE(names))
		return "none";
	return names[f];
}

void dump_init(struct dump *d, const struct dump_options *opts)
{
	memset(d, 0, sizeof(*d));
	if (opts)
		d->opts = *opts;
}

/*
 * At the end of the input: a goroutine still open is complete when its
 * last line ended with a newline and no function waits for its file;
 * otherwise the dump was cut inside it and it is left out.
 */
static void finish_input(struct parser *ps, int partial, int ends_in_newline)
{
	struct dump *d = ps->d;
	int cut = 0, keep = 0;
	if (ps->mode == M_STACK) {
		cut = ps->pending || (!ps->nr_frames && !ps->lines_after_header) || partial;
		/* cut inside "created by": the stack itself is whole */
		keep = !ps->pending && ps->creator.n;
	} else if (ps->mode == M_RECORD) {
		cut = !ps->nr_frames || partial;
	}
	if (cut) {
		const char *what = keep ? "kept" : "left out";
		if (ps->mode == M_STACK && ps->goid >= 0)
			d->truncated = arena_printf(&d->arena,
				"the input ends inside goroutine %ld, which was %s", ps->goid, what);
		else
			d->truncated = "the input ends inside a record, which was left out";
		if (keep) {
			end_current(ps);
		} else {
			ps->mode = M_OUTSIDE;
			reset_goroutine(ps);
		}
	} else {
		end_current(ps);
	}
	/* cut inside a header: "goroutine 12 [sel" */
	if (!d->truncated && !ends_in_newline && ps->seen && ps->last.n &&
	    (span_starts(ps->last, "goroutine ") ||
	     (ps->last.n < 10 && !memcmp(ps->last.p, "goroutine ", ps->last.n))))
		d->truncated = "the input ends inside a goroutine header";
	if (!d->truncated && d->declared_total > d->total + d->stackless &&
	    (d->format == DUMP_FORMAT_COUNT || d->format == DUMP_FORMAT_LEAKCOUNT))
		d->truncated = arena_printf(&d->arena,
			"the profile says %zu goroutines but only %zu were read",
			d->declared_total, d->total);
	if (d->format == DUMP_FORMAT_STACKS && ps->traceback)
		d->format = DUMP_FORMAT_TRACEBACK;
}

/*
 * The last line of an input without a final newline may be cut. A frame's
 * file:line is taken when it is whole ("file.go:12" or "file.go:12 +0x1f");
 * anything else inside a goroutine counts as cut.
 */
static int looks_complete(struct span raw)
{
	struct span s, file;
	long plus;
	int line;
	while (raw.n && raw.p[0] == ' ')
		raw.p++, raw.n--;
	if (!raw.n || (raw.p[0] != '\t' && raw.p[0] != '#'))
		return 0;
	s = span_trim((struct span){ raw.p + 1, raw.n - 1 });
	if (raw.p[0] == '#') {
		next_token(&s);
		next_token(&s);
	}
	if (!parse_location(s, &file, &line))
		return 0;
	plus = span_find(s, " +0x");
	return plus < 0 ? !memchr(s.p, '+', s.n) : s.n > (size_t)plus + 4;
}

long dump_parse(struct dump *d, const char *buf, size_t len)
{
	struct parser ps;
	size_t pos = 0;
	int nl = 1, partial = 0;

	memset(&ps, 0, sizeof(ps));
	ps.d = d;
	ps.kind = d->format;
	strbuf_init(&ps.key, 256);
	reset_goroutine(&ps);
	while (pos < len) {
		const char *start = buf + pos;
		const char *eol = memchr(start, '\n', len - pos);
		struct span line;
		line.p = start;
		line.n = eol ? (size_t)(eol - start) : len - pos;
		pos += line.n + (eol ? 1 : 0);
		/* a NUL byte ends what is readable on a line */
		{
			const char *z = memchr(line.p, '\0', line.n);
			if (z)
				line.n = (size_t)(z - line.p);
		}
		if (!eol && (ps.mode == M_STACK || ps.mode == M_RECORD) &&
		    !looks_complete(line)) {
			partial = 1; /* the dump was cut inside this line */
			nl = 0;
			break;
		}
		nl = eol != NULL;
		parse_line(&ps, line);
	}
	finish_input(&ps, partial, nl);
	free(ps.frames);
	strbuf_release(&ps.key);
	if (!ps.seen)
		return -1;
	return ps.read;
}

void dump_release(struct dump *d)
{
	free(d->groups);
	strmap_clear(&d->index);
	strmap_clear(&d->strings);
	arena_release(&d->arena);
	memset(d, 0, sizeof(*d));
}
