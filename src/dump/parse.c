/*
 * parse.c - read goroutine dumps of every format, as Go prints them and
 * as people paste them, into groups.
 *
 * Each line is cleaned first (see "Pastes" below), then classified by its
 * content alone: a header, a function, a file:line, a count record, ...
 * Never by its indentation: a paste turns the tab before a file:line into
 * any number of spaces, or none. One small state machine then places the
 * line: it starts a goroutine, continues it, ends it (a blank line, the
 * next header), or is junk and skipped (junk inside a goroutine, such as
 * a log line written in the middle of a dump, does not end it).
 *
 * Strings are slices of the input (or of a cleaned copy of a damaged line,
 * kept in the arena) until a goroutine is complete; only a goroutine that
 * starts a new group is copied, so a dump of 100k goroutines in a few
 * hundred groups costs little more than reading it.
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
	M_STACK,   /* inside a goroutine of a stacks, traceback, goleak or bare dump */
	M_RECORD,  /* inside a debug=1 record */
	M_SKIP,    /* an ancestor block or "runtime stack:": ignored until a blank line */
	M_RACE,    /* a race detector report: ignored until its closing "=====" */
};

enum line_kind {
	L_JUNK,
	L_BLANK,
	L_FENCE,     /* ``` or ~~~ alone, perhaps with a language tag */
	L_HEADER,    /* goroutine 7 [select, 2 minutes]: */
	L_PROFILE,   /* goroutine profile: total 8 */
	L_RECORD,    /* 12 @ 0x43b296 0x40708c ... */
	L_LABELS,    /* # labels: {"k":"v"} */
	L_HASH,      /* #\t0x6c4884\tmain.f+0x24\t/app/main.go:12 */
	L_GOLEAK,    /* [Goroutine 19 in state chan send, with main.f on top of the stack: */
	L_FUNC,      /* main.f(0x1, {0x2, 0x3}) */
	L_LOCATION,  /* /app/main.go:12 +0x25 */
	L_CREATED,   /* created by main.start in goroutine 1 */
	L_ELIDED,    /* ...additional frames elided... */
	L_ANCESTOR,  /* [originating from goroutine 5]: */
	L_RUNTIME,   /* runtime stack: (a crash's system stack, no goroutine) */
	L_INSTANCES, /* 3 instances of:  (net/http's and etcd's leak checks) */
	L_LEAKCHECK, /* Test appears to have leaked a Transport: */
	L_RACE,      /* WARNING: DATA RACE */
	L_TRACES,    /* -----------+------- (go tool pprof -traces) */
};

/* A classified line. */
struct line {
	enum line_kind kind;
	struct span s;    /* the cleaned line */
	long num;         /* goroutine id, record count, profile total, instances */
	struct span a;    /* status (header, goleak); function (func, created, hash, leakcheck) */
	struct span b;    /* file (location, hash); top function (goleak) */
	int lno;          /* line of a location or hash frame */
	int leak_profile; /* L_PROFILE: a goroutineleak profile */
	int gp;           /* L_HEADER: crash header with gp= m= */
	int weak;         /* found by a function or file:line anchor inside junk */
	int marker;       /* L_HEADER: after a leak check's "Leaked goroutine: " */
};

struct parser {
	struct dump *d;
	enum mode mode;
	enum dump_format kind; /* format of the goroutine being read */
	long read;             /* goroutines read by this call */
	int seen;              /* anything that looks like a dump */
	int traceback;         /* saw a crash/SIGQUIT marker */
	size_t lineno;

	/* pastes */
	struct span prefix;    /* the log prefix learned, "" when none */
	int strong_prefix;     /* learned from a header, record or creator */
	int leakcheck;         /* a leak check's announcement was read */
	size_t next_count;     /* "N instances of:" before a bare stack */
	struct span orphan;    /* a function line outside any goroutine */
	int orphan_weak;
	size_t orphan_line;
	int headed;            /* goroutines or records with a header were read */
	int traces;            /* go tool pprof -traces output: "N   func" records */
	int double_spaced;     /* a blank line after every line: one is nothing, two end */
	size_t blanks;         /* blank lines waiting, when double_spaced */
	size_t bare_lines, bare_first;
	struct strbuf scratch;

	/* the goroutine or record being read */
	long goid;
	size_t count;
	struct span state;
	int wait, leaked, leftover, durable, locked, elided, bare;
	int lines_after_header;
	int dropped;           /* a frame was lost to a cut inside it */
	int offsets;           /* the dump's file:line lines carry " +0x" offsets */
	struct raw_frame *frames;
	size_t nr_frames, alloc_frames;
	int pending;           /* frames[nr_frames] holds a func awaiting its file */
	struct span creator;
	struct span creator_file;
	int creator_line;
	int creator_pending;
	struct span labels;
	int goleak_fresh;      /* goleak element with nothing read yet */
	struct span goleak_top;

	struct strbuf key;
};

/* ---------------------------------------------------------------- */
/* Small scanners over spans                                        */

static int span_starts(struct span s, const char *prefix)
{
	size_t n = strlen(prefix);
	return s.n >= n && !memcmp(s.p, prefix, n);
}

static int span_ends(struct span s, const char *suffix)
{
	size_t n = strlen(suffix);
	return s.n >= n && !memcmp(s.p + s.n - n, suffix, n);
}

static int span_eq(struct span s, const char *str)
{
	return s.n == strlen(str) && !memcmp(s.p, str, s.n);
}

static struct span span_from(struct span s, size_t off)
{
	if (off > s.n)
		off = s.n;
	s.p += off;
	s.n -= off;
	return s;
}

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static struct span span_trim(struct span s)
{
	while (s.n && is_ws(s.p[0]))
		s.p++, s.n--;
	while (s.n && is_ws(s.p[s.n - 1]))
		s.n--;
	return s;
}

/* Find needle in s; returns its offset or -1. */
static long span_find(struct span s, const char *needle)
{
	size_t n = strlen(needle), i = 0;
	const char *hit;
	if (!n || n > s.n)
		return n ? -1 : 0;
	while (i + n <= s.n && (hit = memchr(s.p + i, needle[0], s.n - n + 1 - i))) {
		i = (size_t)(hit - s.p);
		if (!memcmp(hit, needle, n))
			return (long)i;
		i++;
	}
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

/* Take the next whitespace-separated token off s. */
static struct span next_token(struct span *s)
{
	struct span t;
	*s = span_trim(*s);
	t.p = s->p;
	t.n = 0;
	while (t.n < s->n && !is_ws(s->p[t.n]))
		t.n++;
	s->p += t.n;
	s->n -= t.n;
	return t;
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

/* Where a goroutine starts: a stack that ends here is whole. */
static int is_entry_func(struct span f)
{
	static const char *const entries[] = {
		"main.main", "runtime.main", "runtime.goexit", "runtime.mstart",
		"runtime.mcall", "runtime.rt0_go", "runtime.systemstack",
	};
	size_t i;
	for (i = 0; i < ARRAY_SIZE(entries); i++)
		if (span_eq(f, entries[i]))
			return 1;
	return 0;
}

/* A non-negative number in decimal; printf costs more than the rest of a line. */
static void key_add_num(struct strbuf *key, long v)
{
	char buf[24];
	size_t i = sizeof(buf);
	if (v < 0)
		v = 0;
	do
		buf[--i] = (char)('0' + v % 10);
	while ((v /= 10) && i);
	strbuf_add(key, buf + i, sizeof(buf) - i);
}

static void key_add_frame(struct strbuf *key, const struct raw_frame *f, int aggressive)
{
	strbuf_add(key, f->func.p, f->func.n);
	if (!aggressive) {
		strbuf_addch(key, '@');
		strbuf_add(key, f->file.p, f->file.n);
		strbuf_addch(key, ':');
		key_add_num(key, f->line);
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
	int cut = 0;

	if (ps->mode == M_STACK)
		cut = nr && !ps->creator.n && !is_entry_func(fr[nr - 1].func);
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
	strbuf_addch(&ps->key, '|');
	strbuf_addch(&ps->key, '0' + !!ps->leaked);
	strbuf_addch(&ps->key, '0' + !!ps->elided);
	strbuf_addch(&ps->key, '0' + !!ps->leftover);
	strbuf_addch(&ps->key, '0' + !!ps->bare);
	strbuf_addch(&ps->key, '|');
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
		g->leftover = ps->leftover;
		g->bare = ps->bare;
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
	g->cut |= cut;
	d->total += ps->count;
	ps->read += (long)ps->count;
	if (!ps->bare)
		ps->headed = 1;
}

static void reset_goroutine(struct parser *ps)
{
	ps->goid = -1;
	ps->count = 1;
	ps->state.p = "";
	ps->state.n = 0;
	ps->wait = ps->leaked = ps->leftover = ps->durable = ps->locked = ps->elided = 0;
	ps->bare = 0;
	ps->lines_after_header = 0;
	ps->dropped = 0;
	ps->nr_frames = 0;
	ps->pending = 0;
	ps->creator.p = ps->creator_file.p = ps->labels.p = ps->goleak_top.p = "";
	ps->creator.n = ps->creator_file.n = ps->labels.n = ps->goleak_top.n = 0;
	ps->creator_line = 0;
	ps->creator_pending = 0;
	ps->goleak_fresh = 0;
}

/* A function line whose file:line never came is kept as a frame. */
static void commit_pending(struct parser *ps)
{
	if (!ps->pending)
		return;
	ps->nr_frames++;
	ps->pending = 0;
}

/*
 * End the current goroutine at a blank line or the start of the next one.
 * goleak's "with F on top of the stack" stands in for a stack that was
 * lost entirely.
 */
static void end_current(struct parser *ps)
{
	if (ps->mode == M_STACK || ps->mode == M_RECORD) {
		commit_pending(ps);
		if (ps->mode == M_STACK && !ps->nr_frames && ps->goleak_top.n) {
			ALLOC_GROW(ps->frames, 1, ps->alloc_frames);
			ps->frames[0].func = ps->goleak_top;
			ps->frames[0].file.p = "";
			ps->frames[0].file.n = 0;
			ps->frames[0].line = 0;
			ps->nr_frames = 1;
		}
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
	if (ps->d->format == DUMP_FORMAT_NONE ||
	    (ps->d->format == DUMP_FORMAT_LEAKCHECK && f != DUMP_FORMAT_LEAKCHECK))
		ps->d->format = f;
}

/* A line that looked like part of a dump but had no place in it. */
static void note_skipped(struct parser *ps, struct span s)
{
	struct dump *d = ps->d;
	if (!d->skipped++) {
		d->skipped_line = ps->lineno;
		d->skipped_text = arena_strndup(&d->arena, s.p, s.n > 72 ? 72 : s.n);
	}
}

/* ---------------------------------------------------------------- */
/* Classifying a line                                               */

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
		/* ", " as Go prints it; a paste may have lost the blank */
		const char *comma = memchr(s.p, ',', s.n);
		struct span el = { s.p, comma ? (size_t)(comma - s.p) : s.n };
		s.p += el.n;
		s.n -= el.n;
		if (s.n) {
			s.p++;
			s.n--;
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
 * "goroutine 7 gp=0xc000007c40 m=nil [select]:".
 */
static int classify_header(struct span s, struct line *l)
{
	long id, open, close;
	struct span mid;
	if (!span_starts(s, "goroutine "))
		return 0;
	s = span_from(s, 10);
	if ((id = scan_num(&s)) < 0)
		return 0;
	open = span_find(s, "[");
	close = span_rfind(s, "]:");
	if (close < 0 && s.n && s.p[s.n - 1] == ']')
		close = (long)s.n - 1; /* a paste that lost the colon */
	if (open < 0 || close < open)
		return 0;
	mid.p = s.p;
	mid.n = (size_t)open;
	mid = span_trim(mid);
	l->gp = 0;
	if (mid.n) {
		if (span_find(mid, "gp=") < 0 && span_find(mid, "m=") < 0)
			return 0;
		l->gp = 1;
	}
	l->num = id;
	l->a.p = s.p + open + 1;
	l->a.n = (size_t)(close - open - 1);
	return 1;
}

static int classify_profile(struct span s, struct line *l)
{
	long n;
	if (span_starts(s, "goroutine profile: total ")) {
		l->leak_profile = 0;
		s = span_from(s, 25);
	} else if (span_starts(s, "goroutineleak profile: total ")) {
		l->leak_profile = 1;
		s = span_from(s, 29);
	} else {
		return 0;
	}
	if ((n = scan_num(&s)) < 0)
		return 0;
	l->num = n;
	return 1;
}

/*
 * goleak: "[Goroutine 19 in state chan send, with main.main.func1 on top
 * of the stack:" (the "[" only before the first element).
 */
static int classify_goleak(struct span s, struct line *l)
{
	long id, with, on;
	if (s.n && s.p[0] == '[')
		s = span_from(s, 1);
	if (!span_starts(s, "Goroutine "))
		return 0;
	s = span_from(s, 10);
	if ((id = scan_num(&s)) < 0 || !span_starts(s, " in state "))
		return 0;
	s = span_from(s, 10);
	with = span_rfind(s, ", with ");
	if (with < 0)
		return 0;
	l->num = id;
	l->a.p = s.p;
	l->a.n = (size_t)with;
	l->b = span_from(s, (size_t)with + 7);
	on = span_find(l->b, " on top of the stack");
	l->b.n = on < 0 ? 0 : (size_t)on;
	if (memchr(l->b.p, ' ', l->b.n))
		l->b.n = 0;
	return 1;
}

/*
 * "12 @ 0x43b296 0x40708c ...", or "1 @" alone: Go prints a PC per frame
 * after the @, none for a goroutine caught with an empty stack (starting
 * or exiting), which still counts toward the total.
 */
static int classify_record(struct span s, struct line *l)
{
	long n = scan_num(&s);
	if (n <= 0 || !span_starts(s, " @"))
		return 0;
	if (!span_starts(s, " @ 0x") && span_trim(span_from(s, 2)).n)
		return 0;
	l->num = n;
	return 1;
}

/* "3 instances of:" */
static int classify_instances(struct span s, struct line *l)
{
	long n = scan_num(&s);
	if (n <= 0 || !span_eq(span_trim(s), "instances of:"))
		return 0;
	l->num = n;
	return 1;
}

static int is_hex_token(struct span t)
{
	size_t i;
	if (t.n < 3 || t.p[0] != '0' || t.p[1] != 'x')
		return 0;
	for (i = 2; i < t.n; i++)
		if (!isxdigit((unsigned char)t.p[i]))
			return 0;
	return 1;
}

/*
 * "/usr/lib/go/src/net/http/transport.go:2213 +0xd85 fp=0x.. sp=0x.. pc=0x.."
 * Returns 1 with the file and line. Lenient: the file may be anything.
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

/* Character classes of function names, for valid_func_name(). */
enum { N_OK, N_OPEN, N_CLOSE, N_DOT, N_BAD };
static const unsigned char name_class[256] = {
	['['] = N_OPEN, ['{'] = N_OPEN, [']'] = N_CLOSE, ['}'] = N_CLOSE, ['.'] = N_DOT,
	[' '] = N_BAD, ['\t'] = N_BAD, ['\r'] = N_BAD, ['\f'] = N_BAD, ['\v'] = N_BAD,
	['"'] = N_BAD, ['\''] = N_BAD, ['<'] = N_BAD, ['>'] = N_BAD, ['='] = N_BAD, [','] = N_BAD,
};

/*
 * A frame's file:line line on its own. Strict, because it is told apart
 * from prose by its content alone: the file is a path whose last element
 * has a dot ("x.go", "asm_amd64.s"), "?" or "<autogenerated>"; spaces only
 * in an absolute path ("C:/Program Files/Go/..."); no URL.
 */
static int classify_location(struct span s, struct line *l)
{
	struct span f;
	size_t base;
	int ws = 0;
	if (!parse_location(s, &l->b, &l->lno))
		return 0;
	f = l->b;
	if (span_eq(f, "?") || span_eq(f, "<autogenerated>"))
		return 1;
	if (!(isalnum((unsigned char)f.p[0]) || (f.p[0] && strchr("/\\._~$", f.p[0])) ||
	      (unsigned char)f.p[0] >= 0x80))
		return 0;
	if (f.p[0] != '/' && span_find(f, "://") >= 0)
		return 0; /* a URL */
	/* JSON, markup or prose around a path begin with what a path cannot */
	for (base = f.n; base > 0 && f.p[base - 1] != '/' && f.p[base - 1] != '\\'; base--)
		;
	/* blanks only in an absolute path ("/Users/J Doe/...", "C:/Program Files/...") */
	if (f.p[0] != '/' && !(f.n > 2 && isalpha((unsigned char)f.p[0]) && f.p[1] == ':' &&
			       (f.p[2] == '/' || f.p[2] == '\\')))
		ws = memchr(f.p, ' ', f.n) || memchr(f.p, '\t', f.n);
	if (ws)
		return 0;
	if (!memchr(f.p + base, '.', f.n - base) || f.p[f.n - 1] == '.')
		return 0;
	return 1;
}

/*
 * A Go function name as frames print it: "net/http.(*persistConn).readLoop",
 * "main.main.func1", "pkg.F[...]", "type:.eq.[2]interface {}" (spaces only
 * inside brackets), "panic", or "?".
 */
static int valid_func_name(struct span n)
{
	size_t i;
	int depth = 0, dot = 0;
	unsigned char c;
	if (!n.n)
		return 0;
	if (span_eq(n, "?") || span_eq(n, "panic"))
		return 1;
	c = (unsigned char)n.p[0];
	if (!(isalnum(c) || c == '_' || c >= 0x80))
		return 0;
	for (i = 0; i < n.n; i++) {
		unsigned char k = name_class[(unsigned char)n.p[i]];
		if (k == N_OK)
			continue;
		switch (k) {
		case N_OPEN:
			depth++;
			break;
		case N_CLOSE:
			if (depth)
				depth--;
			break;
		case N_DOT:
			dot = 1;
			break;
		case N_BAD:
			if (!depth)
				return 0;
			break;
		default:
			break;
		}
	}
	return dot && !depth;
}

/*
 * A function line: "pkg.(*T).m(0xc000, {0x1, 0x2}, ...)" or "pkg.f(...)"
 * (inlined). The name is everything before the argument list, found by
 * matching parentheses from the end.
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
	return valid_func_name(*name);
}

/* "created by main.start in goroutine 1" (a fence may be glued after it) */
static int classify_created(struct span s, struct line *l)
{
	struct span n;
	if (!span_starts(s, "created by "))
		return 0;
	s = span_trim(span_from(s, 11));
	n = next_token(&s);
	while (n.n && (n.p[n.n - 1] == '`' || n.p[n.n - 1] == '*'))
		n.n--;
	if (!valid_func_name(n))
		return 0;
	l->a = n;
	return 1;
}

/*
 * "#\t0x6c4884\tmain.main.func5+0x24\t/home/dev/app/main.go:12", also
 * with spaces, and without the "#" (a markdown renderer took it for a
 * heading), then only when the function carries its "+0x" offset.
 */
static int classify_hash(struct span s, struct line *l)
{
	struct span pc, fn;
	long plus;
	int bare = s.p[0] != '#';
	if (!bare) {
		if (s.n < 2 || !is_ws(s.p[1]))
			return 0;
		s = span_from(s, 1);
	}
	pc = next_token(&s);
	if (!is_hex_token(pc))
		return 0;
	fn = next_token(&s);
	plus = span_rfind(fn, "+0x");
	if (bare && plus <= 0)
		return 0;
	if (plus > 0)
		fn.n = (size_t)plus;
	if (!fn.n) {
		fn.p = "?";
		fn.n = 1;
	}
	l->a = fn;
	l->b.p = "";
	l->b.n = 0;
	l->lno = 0;
	s = span_trim(s);
	/* a fence or emphasis glued after the line number */
	while (s.n && strchr("`*~|\\", s.p[s.n - 1]))
		s.n--;
	parse_location(s, &l->b, &l->lno);
	return 1;
}

static int is_elided_line(struct span s)
{
	if (span_eq(s, "...additional frames elided..."))
		return 1;
	if (!span_starts(s, "..."))
		return 0;
	s = span_from(s, 3);
	return scan_num(&s) >= 0 && span_eq(s, " frames elided...");
}

/* "-----------+-------------------------------------------------------" */
static int is_traces_separator(struct span s)
{
	size_t i, plus = 0;
	for (i = 0; i < s.n; i++) {
		if (s.p[i] == '+')
			plus++;
		else if (s.p[i] != '-')
			return 0;
	}
	return plus == 1 && s.n >= 20 && s.p[0] == '-' && s.p[s.n - 1] == '-';
}

/*
 * A function of go tool pprof -traces: "net/http.(*persistConn).readLoop",
 * perhaps followed by " (inline)".
 */
static int trace_func(struct span s, struct span *name)
{
	s = span_trim(s);
	if (span_ends(s, " (inline)"))
		s.n -= 9;
	s = span_trim(s);
	if (!valid_func_name(s) || s.p[s.n - 1] == ')')
		return 0;
	*name = s;
	return 1;
}

/* ``` or ~~~, alone or with a language tag */
static int is_fence(struct span s)
{
	size_t i = 0;
	char c = s.n ? s.p[0] : 0;
	if (c != '`' && c != '~')
		return 0;
	while (i < s.n && s.p[i] == c)
		i++;
	if (i < 3)
		return 0;
	for (; i < s.n; i++)
		if (is_ws(s.p[i]) || s.p[i] == '`')
			return 0;
	return 1;
}

/*
 * What s is, by its content alone, among the lines that begin with a
 * token of their own (all but functions and file:lines); fills l. Cost
 * bounded by the line's length.
 */
static enum line_kind classify_token(struct span s, struct line *l)
{
	unsigned char c;
	l->s = s;
	if (!s.n)
		return L_BLANK;
	c = (unsigned char)s.p[0];
	switch (c) {
	case 'g':
		if (classify_header(s, l))
			return L_HEADER;
		if (classify_profile(s, l))
			return L_PROFILE;
		break;
	case 'G':
	case '[':
		if (classify_goleak(s, l))
			return L_GOLEAK;
		if (span_starts(s, "[originating from goroutine"))
			return L_ANCESTOR;
		break;
	case '#':
		if (span_starts(s, "# labels: ")) {
			l->a = span_trim(span_from(s, 10));
			return L_LABELS;
		}
		if (classify_hash(s, l))
			return L_HASH;
		return L_JUNK;
	case '.':
		if (is_elided_line(s))
			return L_ELIDED;
		break;
	case 'c':
		if (classify_created(s, l))
			return L_CREATED;
		break;
	case '`':
	case '~':
		if (is_fence(s))
			return L_FENCE;
		return L_JUNK;
	case 'r':
		if (span_eq(s, "runtime stack:"))
			return L_RUNTIME;
		break;
	case 'W':
		if (span_starts(s, "WARNING: DATA RACE"))
			return L_RACE;
		break;
	case '-':
		if (is_traces_separator(s))
			return L_TRACES;
		break;
	default:
		break;
	}
	if (isdigit(c)) {
		if (classify_record(s, l))
			return L_RECORD;
		if (classify_instances(s, l))
			return L_INSTANCES;
	}
	if (c == '0' && classify_hash(s, l))
		return L_HASH;
	return L_JUNK;
}

/* What s is, by its content alone; fills l. */
static enum line_kind classify(struct span s, struct line *l)
{
	enum line_kind kind = classify_token(s, l);
	if (kind != L_JUNK || s.p[0] == '#' || s.p[0] == '`' || s.p[0] == '~')
		return kind;
	if (s.p[s.n - 1] == ')') {
		if (parse_func_line(s, &l->a))
			return L_FUNC;
		return L_JUNK;
	}
	if (classify_location(s, l))
		return L_LOCATION;
	return L_JUNK;
}

/* ---------------------------------------------------------------- */
/* Pastes                                                           */

/*
 * A line that classify() calls junk may be a dump line in a paste's
 * wrapping. The rescues below each take off one layer and classify()
 * runs again: a JSON log line, decorations (quote marks, fences, markdown
 * emphasis, a shell prompt), the log prefix learned earlier, or a new
 * prefix: the text before the first dump token found in the line.
 */

/* Leak checks that print bare stacks, or goleak's own announcement. */
static int leakcheck_marker(struct span s, struct line *l)
{
	static const char *const markers[] = {
		"appears to have leaked", "eaked goroutine", "nexpected goroutines",
		"goroutines running after",
	};
	size_t i;
	long at = -1;
	for (i = 0; i < ARRAY_SIZE(markers); i++)
		if ((at = span_find(s, markers[i])) >= 0)
			break;
	if (at < 0)
		return 0;
	l->a.p = l->b.p = "";
	l->a.n = l->b.n = 0;
	/*
	 * grpc's "Leaked goroutine: pkg.f(...)" puts the first frame on the
	 * line (l->a), older versions the goroutine's header (l->b).
	 */
	{
		long colon = span_find(span_from(s, (size_t)at), ": ");
		struct span rest;
		if (colon >= 0) {
			rest = span_trim(span_from(s, (size_t)at + (size_t)colon + 2));
			if (!parse_func_line(rest, &l->a))
				l->a.n = 0;
			l->b = rest;
		}
	}
	return 1;
}

/* Rewrites a buffer may need, line by line (see buffer_fixes()). */
enum {
	FIX_UNICODE = 1,   /* non-breaking and zero-width spaces */
	FIX_ANSI = 2,      /* terminal colours */
	FIX_ANSI_BARE = 4, /* ... that lost their ESC byte */
	FIX_ESCAPES = 8,   /* markdown backslash escapes */
	FIX_EMBEDDED = 16, /* a dump logged as one escaped string */
};

/* Copy the rewritten line in ps->scratch to the arena. */
static struct span keep_scratch(struct parser *ps)
{
	struct span s;
	s.p = arena_strndup(&ps->d->arena, ps->scratch.buf, ps->scratch.len);
	s.n = ps->scratch.len;
	return s;
}

/*
 * Non-breaking, ideographic and zero-width spaces (and a byte-order mark)
 * come with text copied from web pages and chats: they become plain
 * spaces, or nothing. Returns s, rewritten when needed.
 */
static struct span fix_unicode(struct parser *ps, struct span s)
{
	size_t i;
	int changed = 0;
	for (i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		if (c == 0xc2 || c == 0xe2 || c == 0xe3 || c == 0xef)
			break;
	}
	if (i == s.n)
		return s;
	strbuf_reset(&ps->scratch);
	for (i = 0; i < s.n; i++) {
		const unsigned char *u = (const unsigned char *)s.p + i;
		size_t left = s.n - i;
		if (left >= 2 && u[0] == 0xc2 && u[1] == 0xa0) {
			strbuf_addch(&ps->scratch, ' ');
			i += 1, changed = 1;
		} else if (left >= 3 && u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80) {
			strbuf_addch(&ps->scratch, ' ');
			i += 2, changed = 1;
		} else if (left >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
			   (u[2] == 0x8b || u[2] == 0x8c || u[2] == 0x8d)) {
			i += 2, changed = 1;
		} else if (left >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0xaf) {
			strbuf_addch(&ps->scratch, ' ');
			i += 2, changed = 1;
		} else if (left >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
			i += 2, changed = 1;
		} else {
			strbuf_addch(&ps->scratch, (char)u[0]);
		}
	}
	return changed ? keep_scratch(ps) : s;
}

/* Unescape the JSON string that starts at v (at its opening quote) into scratch. */
static void json_unescape(struct parser *ps, struct span v)
{
	size_t i;
	strbuf_reset(&ps->scratch);
	for (i = 1; i < v.n && v.p[i] != '"'; i++) {
		char c = v.p[i];
		if (c != '\\' || i + 1 >= v.n) {
			strbuf_addch(&ps->scratch, c);
			continue;
		}
		c = v.p[++i];
		switch (c) {
		case 'n': case 'r': break;
		case 't': strbuf_addch(&ps->scratch, '\t'); break;
		case 'u':
			if (i + 4 < v.n) {
				unsigned cp = 0;
				size_t j;
				for (j = 1; j <= 4; j++) {
					int h = (unsigned char)v.p[i + j];
					cp = cp * 16 + (unsigned)(isdigit(h) ? h - '0' :
						isxdigit(h) ? (tolower(h) - 'a' + 10) : 0);
				}
				i += 4;
				if (cp == '\t' || cp >= 0x20) {
					if (cp < 0x80) {
						strbuf_addch(&ps->scratch, (int)cp);
					} else if (cp < 0x800) {
						strbuf_addch(&ps->scratch, (int)(0xc0 | (cp >> 6)));
						strbuf_addch(&ps->scratch, (int)(0x80 | (cp & 0x3f)));
					} else {
						strbuf_addch(&ps->scratch, (int)(0xe0 | (cp >> 12)));
						strbuf_addch(&ps->scratch, (int)(0x80 | ((cp >> 6) & 0x3f)));
						strbuf_addch(&ps->scratch, (int)(0x80 | (cp & 0x3f)));
					}
				}
			}
			break;
		default: strbuf_addch(&ps->scratch, c); break;
		}
	}
}

/*
 * Terminal colours: ESC [ ... m (any CSI sequence), and with FIX_ANSI_BARE
 * the "[31m" a copy leaves when it drops the ESC byte.
 */
static struct span fix_ansi(struct parser *ps, struct span s, int bare)
{
	size_t i;
	int changed = 0;
	if (!memchr(s.p, 0x1b, s.n) && !(bare && memchr(s.p, '[', s.n)))
		return s;
	strbuf_reset(&ps->scratch);
	for (i = 0; i < s.n; i++) {
		size_t j = i;
		if (s.p[i] == 0x1b) {
			j = i + 1;
			if (j < s.n && s.p[j] == '[') {
				for (j++; j < s.n && (unsigned char)s.p[j] >= 0x20 &&
					  (unsigned char)s.p[j] < 0x40; j++)
					;
			}
			i = j < s.n ? j : s.n - 1; /* the final byte goes too */
			changed = 1;
			continue;
		}
		if (bare && s.p[i] == '[') {
			for (j = i + 1; j < s.n && j < i + 10 && (isdigit((unsigned char)s.p[j]) ||
								s.p[j] == ';'); j++)
				;
			if (j > i + 1 && j < s.n && s.p[j] == 'm') {
				i = j;
				changed = 1;
				continue;
			}
		}
		strbuf_addch(&ps->scratch, s.p[i]);
	}
	return changed ? keep_scratch(ps) : s;
}

/*
 * Markdown's backslash escapes, as editors that export markdown write
 * them: "goroutine 5 \[select\]:", "net/http.(\*persistConn).readLoop".
 */
static struct span fix_escapes(struct parser *ps, struct span s)
{
	size_t i;
	int changed = 0;
	if (!memchr(s.p, '\\', s.n))
		return s;
	strbuf_reset(&ps->scratch);
	for (i = 0; i < s.n; i++) {
		if (s.p[i] == '\\' && i + 1 < s.n && s.p[i + 1] &&
		    strchr("\\`*_{}[]()#+-.!<>|~", s.p[i + 1])) {
			changed = 1;
			i++;
		}
		strbuf_addch(&ps->scratch, s.p[i]);
	}
	return changed ? keep_scratch(ps) : s;
}

static struct span apply_fixes(struct parser *ps, struct span s, unsigned fixes)
{
	if (fixes & FIX_UNICODE)
		s = fix_unicode(ps, s);
	if (fixes & FIX_ANSI)
		s = fix_ansi(ps, s, !!(fixes & FIX_ANSI_BARE));
	if (fixes & FIX_ESCAPES)
		s = fix_escapes(ps, s);
	return s;
}

/*
 * {"log":"goroutine 5 [select]:\n","stream":"stderr"} (docker),
 * {"Action":"output","Output":"\t/a.go:1 +0x1\n"} (go test -json), and
 * loggers' "message", "msg", "stack", "error": the string, unescaped. Of
 * the keys present, the first whose value is a dump line wins, else the
 * first found.
 */
static int rescue_json(struct parser *ps, struct span *s)
{
	static const char *const keys[] = {
		"\"log\":", "\"Output\":", "\"message\":", "\"msg\":", "\"stack\":",
		"\"stacktrace\":", "\"error\":", "\"err\":", "\"trace\":",
	};
	size_t k;
	struct span first = { "", 0 };
	int found = 0;
	if (!s->n || s->p[0] != '{')
		return 0;
	for (k = 0; k < ARRAY_SIZE(keys); k++) {
		long at = span_find(*s, keys[k]);
		struct span v, text;
		struct line l;
		if (at < 0)
			continue;
		v = span_trim(span_from(*s, (size_t)at + strlen(keys[k])));
		if (!v.n || v.p[0] != '"')
			continue;
		json_unescape(ps, v);
		text = span_trim(keep_scratch(ps));
		if (classify(text, &l) != L_JUNK) {
			*s = text;
			return 1;
		}
		if (!found++)
			first = text;
	}
	if (!found)
		return 0;
	*s = first;
	return 1;
}

/*
 * Decorations around a line: quote marks ("> ", "> > "), a code fence
 * glued to it, markdown emphasis, a list bullet, a shell prompt; and at
 * the end a fence, emphasis or a markdown hard break. Old GOPATH paths
 * ("_/home/me/app.f") keep their underscore.
 */
static int strip_decoration(struct span *s)
{
	struct span t = *s;
	for (;;) {
		if (!t.n)
			break;
		if (t.p[0] == '>' || t.p[0] == '|') {
			t = span_from(t, 1);
		} else if (t.p[0] == '`' || t.p[0] == '~') {
			char c = t.p[0];
			while (t.n && t.p[0] == c)
				t = span_from(t, 1);
		} else if (t.p[0] == '*' || (t.p[0] == '_' && !(t.n > 1 && t.p[1] == '/'))) {
			t = span_from(t, 1);
		} else if (t.n > 1 && is_ws(t.p[1]) &&
			   (t.p[0] == '$' || t.p[0] == '%' || t.p[0] == '-' || t.p[0] == '+')) {
			t = span_from(t, 2);
		} else {
			break;
		}
		t = span_trim(t);
	}
	for (;;) {
		size_t n = t.n;
		while (t.n && (t.p[t.n - 1] == '`' || t.p[t.n - 1] == '~' || t.p[t.n - 1] == '*' ||
			       t.p[t.n - 1] == '\\' || t.p[t.n - 1] == '|'))
			t.n--;
		if (span_ends(t, "__"))
			t.n -= 2;
		t = span_trim(t);
		if (t.n == n)
			break;
	}
	if (t.p == s->p && t.n == s->n)
		return 0;
	*s = t;
	return 1;
}

/*
 * Match a learned prefix at the start of s, digits standing for digits
 * (timestamps, pids, line numbers change from line to line) and a run
 * of blanks for a run of blanks. Returns the length matched, 0 for none.
 */
static size_t prefix_match(struct span p, struct span s)
{
	size_t i = 0, j = 0;
	while (i < p.n) {
		unsigned char c = (unsigned char)p.p[i];
		if (isdigit(c)) {
			if (j >= s.n || !isdigit((unsigned char)s.p[j]))
				return 0;
			while (i < p.n && isdigit((unsigned char)p.p[i]))
				i++;
			while (j < s.n && isdigit((unsigned char)s.p[j]))
				j++;
		} else if (is_ws(c)) {
			size_t j0 = j;
			while (i < p.n && is_ws(p.p[i]))
				i++;
			while (j < s.n && is_ws(s.p[j]))
				j++;
			if (j == j0 && i < p.n)
				return 0;
		} else {
			if (j >= s.n || (unsigned char)s.p[j] != c)
				return 0;
			i++, j++;
		}
	}
	return j;
}

static int strip_prefix(struct parser *ps, struct span *s)
{
	size_t n;
	/* a line that is the prefix alone was a blank line of the dump */
	if (!ps->prefix.n || !(n = prefix_match(ps->prefix, *s)))
		return 0;
	*s = span_trim(span_from(*s, n));
	return 1;
}

/* The longest log prefix learned: timestamps, hosts, pods, loggers. */
#define MAX_PREFIX 256

static int at_word_start(struct span s, size_t i)
{
	return i == 0 || !isalnum((unsigned char)s.p[i - 1]);
}

/*
 * The offset of the first dump token after position 0 of s: a header,
 * a profile header, a goleak element, a record, a "#" frame, a creator,
 * "N instances of:" (strong anchors); or else a function or a file:line
 * at the end of the line (weak). Returns 0 when there is none.
 */
static size_t find_anchor(struct span s, int *weak)
{
	static const char *const strong[] = {
		"goroutine ", "Goroutine ", "created by ", " @ 0x", "#\t0x", "# 0x",
		"# labels: ", " instances of:", "...additional frames elided...",
	};
	struct line l;
	size_t best = 0, i, k;
	/* a prefix is short: look for tokens in the first MAX_PREFIX bytes only */
	struct span head = { s.p, s.n < MAX_PREFIX + 32 ? s.n : MAX_PREFIX + 32 };
	*weak = 0;
	for (k = 0; k < ARRAY_SIZE(strong); k++) {
		struct span t = head;
		size_t base = 0;
		long at;
		while ((at = span_find(t, strong[k])) >= 0) {
			size_t pos = base + (size_t)at;
			struct span rest;
			/* " @ 0x", " instances of:": back over the count */
			if (strong[k][0] == ' ') {
				while (pos && isdigit((unsigned char)s.p[pos - 1]))
					pos--;
				if (pos == base + (size_t)at)
					pos = 0;
			}
			rest = span_from(s, pos);
			if (best && pos >= best)
				break;
			if (pos && at_word_start(s, pos)) {
				enum line_kind kind = classify_token(rest, &l);
				if (kind != L_JUNK && kind != L_BLANK) {
					best = pos;
					break;
				}
			}
			base += (size_t)at + 1;
			t = span_from(head, base);
		}
	}
	if (best)
		return best;
	/* a function: the token before the argument list that ends the line */
	if (s.n && s.p[s.n - 1] == ')') {
		int depth = 0;
		for (i = s.n; i-- > 0;) {
			if (s.p[i] == ')')
				depth++;
			else if (s.p[i] == '(' && --depth == 0)
				break;
		}
		if (depth == 0 && i > 0 && i < s.n) {
			size_t start = i;
			while (start > 0 && !is_ws(s.p[start - 1]) && s.p[start - 1] != ':')
				start--;
			if (start > 0 && classify(span_from(s, start), &l) == L_FUNC) {
				*weak = 1;
				return start;
			}
		}
	}
	/* a file:line: the token before " +0x", or the last token */
	{
		long plus = span_find(s, " +0x");
		size_t end = plus >= 0 ? (size_t)plus : s.n, start = end;
		while (start > 0 && !is_ws(s.p[start - 1]))
			start--;
		if (start > 0 && start < end && classify(span_from(s, start), &l) == L_LOCATION) {
			*weak = 1;
			return start;
		}
	}
	return 0;
}

static int learn_prefix(struct parser *ps, struct span *s, int *weak_out)
{
	int weak;
	size_t at = find_anchor(*s, &weak);
	if (!at || at > MAX_PREFIX)
		return 0;
	if (!weak || !ps->strong_prefix) {
		ps->prefix.p = s->p;
		ps->prefix.n = at;
		ps->strong_prefix = !weak;
	}
	*s = span_trim(span_from(*s, at));
	*weak_out |= weak;
	return 1;
}

/* Clean and classify one raw line. */
static void read_line(struct parser *ps, struct span raw, unsigned fixes, struct line *l)
{
	struct span s = raw;
	int tries, weak = 0;
	memset(l, 0, sizeof(*l));
	s = apply_fixes(ps, s, fixes);
	s = span_trim(s);
	for (tries = 0; tries < 8; tries++) {
		l->kind = classify(s, l);
		if (l->kind != L_JUNK) {
			l->weak = weak;
			return;
		}
		if (!tries && leakcheck_marker(s, l)) {
			/* grpc: "Leaked goroutine: goroutine 33 [select]:" */
			struct line h;
			memset(&h, 0, sizeof(h));
			if (l->b.n && (h.kind = classify(l->b, &h)) == L_HEADER) {
				*l = h;
				l->marker = 1;
				return;
			}
			l->kind = L_LEAKCHECK;
			return;
		}
		if (rescue_json(ps, &s)) {
			s = span_trim(fix_ansi(ps, s, 1)); /* "\u001b[31m" in the value */
			continue;
		}
		if (strip_decoration(&s) || strip_prefix(ps, &s) || learn_prefix(ps, &s, &weak))
			continue;
		break;
	}
	l->kind = L_JUNK;
	l->s = s;
}

/* ---------------------------------------------------------------- */
/* The state machine                                                */

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

/* Junk that still looks like part of a dump, for note_skipped(). */
static int junk_looks_like_dump(struct span s)
{
	long at = span_find(s, "goroutine ");
	if (at >= 0 && (size_t)at + 10 < s.n && isdigit((unsigned char)s.p[at + 10]))
		return 1;
	return span_find(s, " @ 0x") >= 0 || (span_find(s, ".go:") >= 0 && span_find(s, " +0x") >= 0);
}

static void set_frame(struct raw_frame *f, struct span func, struct span file, int line)
{
	f->func = func;
	f->file = file;
	f->line = line;
}

static const struct span no_span = { "", 0 };

static void push_func(struct parser *ps, struct span func)
{
	commit_pending(ps);
	ALLOC_GROW(ps->frames, ps->nr_frames + 1, ps->alloc_frames);
	set_frame(&ps->frames[ps->nr_frames], func, no_span, 0);
	ps->pending = 1;
	ps->creator_pending = 0;
}

/*
 * A stack with no header: a leak check's output (one goroutine each, or
 * "N instances of:"), or the start of a paste cut inside a goroutine.
 */
static void start_bare(struct parser *ps)
{
	end_current(ps);
	ps->mode = M_STACK;
	set_format(ps, DUMP_FORMAT_LEAKCHECK);
	ps->bare = 1;
	ps->count = ps->next_count ? ps->next_count : 1;
	ps->next_count = 0;
	ps->leaked = ps->leftover = ps->leakcheck;
	push_func(ps, ps->orphan);
	ps->orphan.n = 0;
	ps->bare_lines += 2;
	if (!ps->bare_first)
		ps->bare_first = ps->orphan_line;
}

/*
 * A function line that no file:line followed: prose or code around the
 * dump ("resp.Body.Close()") as often as a lost frame, so not reported.
 */
static void drop_orphan(struct parser *ps)
{
	ps->orphan.n = 0;
}

static void start_header(struct parser *ps, const struct line *l)
{
	end_current(ps);
	drop_orphan(ps);
	ps->mode = M_STACK;
	set_format(ps, DUMP_FORMAT_STACKS);
	if (l->gp)
		ps->traceback = 1;
	ps->goid = l->num;
	parse_status(ps, l->a);
}

/* A line of go tool pprof -traces output; returns 1 when it was one. */
static int on_trace_line(struct parser *ps, struct span s)
{
	struct span t = s, name;
	long n = scan_num(&t);
	if (n > 0 && t.n && is_ws(t.p[0]) && trace_func(t, &name)) {
		end_current(ps);
		ps->seen = 1;
		ps->mode = M_RECORD;
		ps->count = (size_t)n;
	} else if (ps->mode == M_RECORD && trace_func(s, &name)) {
		/* the next function of the record */
	} else {
		return 0;
	}
	ALLOC_GROW(ps->frames, ps->nr_frames + 1, ps->alloc_frames);
	set_frame(&ps->frames[ps->nr_frames++], name, no_span, 0);
	return 1;
}

static void on_line(struct parser *ps, const struct line *l)
{
	struct dump *d = ps->d;

	if (ps->mode == M_RACE) {
		if (l->s.n >= 10 && strspn(l->s.p, "=") >= 10)
			ps->mode = M_OUTSIDE;
		return;
	}
	if (ps->mode == M_STACK && ps->bare && l->kind != L_BLANK)
		ps->bare_lines++;
	switch (l->kind) {
	case L_BLANK:
		end_current(ps);
		drop_orphan(ps);
		return;
	case L_FENCE:
		return;
	case L_HEADER:
		/* goleak <= 1.2.1 repeats the header inside each element */
		if (ps->mode == M_STACK && ps->goleak_fresh && !ps->nr_frames && !ps->pending &&
		    l->num == ps->goid) {
			ps->goleak_fresh = 0;
			return;
		}
		start_header(ps, l);
		if (l->marker) {
			ps->leakcheck = 1;
			ps->leaked = ps->leftover = 1;
		}
		return;
	case L_PROFILE:
		end_current(ps);
		drop_orphan(ps);
		set_format(ps, l->leak_profile ? DUMP_FORMAT_LEAKCOUNT : DUMP_FORMAT_COUNT);
		d->declared_total += (size_t)l->num;
		return;
	case L_RECORD:
		end_current(ps);
		drop_orphan(ps);
		if (ps->kind != DUMP_FORMAT_COUNT && ps->kind != DUMP_FORMAT_LEAKCOUNT)
			set_format(ps, DUMP_FORMAT_COUNT);
		ps->seen = 1;
		ps->mode = M_RECORD;
		ps->count = (size_t)l->num;
		ps->leaked = ps->kind == DUMP_FORMAT_LEAKCOUNT;
		return;
	case L_GOLEAK:
		end_current(ps);
		drop_orphan(ps);
		ps->mode = M_STACK;
		set_format(ps, DUMP_FORMAT_GOLEAK);
		ps->goid = l->num;
		parse_status(ps, l->a);
		/* goleak says so: still running when the test ended (no proof) */
		ps->leaked = ps->leftover = 1;
		ps->goleak_fresh = 1;
		ps->goleak_top = l->b;
		return;
	case L_INSTANCES:
		end_current(ps);
		drop_orphan(ps);
		ps->next_count = (size_t)l->num;
		ps->leakcheck = 1;
		return;
	case L_LEAKCHECK:
		end_current(ps);
		drop_orphan(ps);
		ps->leakcheck = 1;
		if (l->a.n) {
			ps->orphan = l->a;
			ps->orphan_weak = 0;
			ps->orphan_line = ps->lineno;
		}
		return;
	case L_RUNTIME:
		end_current(ps);
		drop_orphan(ps);
		ps->mode = M_SKIP;
		ps->traceback = 1;
		return;
	case L_RACE:
		end_current(ps);
		drop_orphan(ps);
		ps->mode = M_RACE;
		return;
	case L_TRACES:
		end_current(ps);
		drop_orphan(ps);
		ps->traces = 1;
		set_format(ps, DUMP_FORMAT_COUNT);
		return;
	case L_ANCESTOR:
		if (ps->mode == M_STACK)
			end_current(ps);
		ps->mode = M_SKIP;
		return;
	default:
		break;
	}

	if (ps->mode == M_SKIP)
		return;
	if (ps->mode == M_STACK)
		ps->lines_after_header++;
	if (ps->mode == M_STACK && l->kind != L_JUNK)
		ps->goleak_fresh = 0;

	switch (l->kind) {
	case L_LABELS:
		if (ps->mode == M_RECORD)
			ps->labels = l->a;
		else
			note_skipped(ps, l->s);
		return;
	case L_HASH:
		if (ps->mode == M_RECORD) {
			ALLOC_GROW(ps->frames, ps->nr_frames + 1, ps->alloc_frames);
			set_frame(&ps->frames[ps->nr_frames++], l->a, l->b, l->lno);
		} else {
			note_skipped(ps, l->s);
		}
		return;
	case L_ELIDED:
		if (ps->mode == M_STACK)
			ps->elided = 1;
		return;
	case L_CREATED:
		if (ps->mode == M_OUTSIDE && ps->orphan.n)
			start_bare(ps);
		if (ps->mode != M_STACK) {
			note_skipped(ps, l->s);
			return;
		}
		commit_pending(ps);
		ps->creator = l->a;
		ps->creator_pending = 1;
		return;
	case L_LOCATION:
		if (ps->mode == M_OUTSIDE && ps->orphan.n)
			start_bare(ps);
		if (ps->mode == M_STACK && ps->pending) {
			struct raw_frame *f = &ps->frames[ps->nr_frames];
			f->file = l->b;
			f->line = l->lno;
			ps->nr_frames++;
			ps->pending = 0;
		} else if (ps->mode == M_STACK && ps->creator_pending) {
			ps->creator_file = l->b;
			ps->creator_line = l->lno;
			ps->creator_pending = 0;
		} else if (!l->weak) {
			note_skipped(ps, l->s);
		}
		return;
	case L_FUNC:
		if (ps->mode == M_STACK && !(ps->creator.n && !ps->creator_pending)) {
			push_func(ps, l->a);
			return;
		}
		/*
		 * Outside a goroutine, after a record, or after a complete
		 * "created by" (the blank line between goroutines was lost):
		 * a stack with no header may start here, if a file:line follows.
		 */
		end_current(ps);
		drop_orphan(ps);
		ps->orphan = l->a;
		ps->orphan_weak = l->weak;
		ps->orphan_line = ps->lineno;
		return;
	default:
		break;
	}

	/* go tool pprof -traces: "  20   runtime.gopark", then one function a line */
	if (ps->traces && on_trace_line(ps, l->s))
		return;

	/* junk */
	if (is_traceback_marker(l->s))
		ps->traceback = 1;
	if (ps->orphan.n)
		drop_orphan(ps);
	if (junk_looks_like_dump(l->s))
		note_skipped(ps, l->s);
}

/* ---------------------------------------------------------------- */
/* Cuts                                                             */

/*
 * The last line of an input without a final newline, or a line a NUL
 * byte cut: whatever was cut inside it is dropped, what is whole is read.
 * A function line is whole when it ends with its ")"; a file:line when
 * its "+0x" offset has begun (or it has none and no "+" at all); a "#"
 * frame's function when its "+0x" offset has begun.
 */
/*
 * Junk as the last line of a goroutine or record: the start of a line
 * that was cut ("cre", "net/http.(*persistConn).rea"), unless it is what
 * follows dumps in test output, or punctuation (goleak's closing "]").
 */
static int looks_cut(struct span s)
{
	static const char *const after[] = { "FAIL", "PASS", "ok ", "exit status", "---", "===" };
	size_t i;
	for (i = 0; i < ARRAY_SIZE(after); i++)
		if (span_starts(s, after[i]))
			return 0;
	if (span_starts(s, "#"))
		return 1;
	for (i = 0; i < s.n; i++)
		if (isalnum((unsigned char)s.p[i]))
			return 1;
	return 0;
}

/*
 * Returns 1 when something was cut inside the line. At the end of the
 * input (a paste too long for its box), a function whose file:line was
 * cut is kept: the function is whole, and often the frame that names the
 * goroutine. After a NUL byte (binary damage) it is dropped.
 */
static int on_cut_line(struct parser *ps, struct span raw, unsigned fixes, int at_end)
{
	struct line l;
	read_line(ps, raw, fixes, &l);
	/* a file:line begun (its tab) and cut before the dump's " +0x" offset */
	if (at_end && ps->mode == M_STACK && ps->offsets && raw.n && raw.p[0] == '\t' &&
	    span_find(raw, " +0x") < 0)
		goto cut;
	switch (l.kind) {
	case L_LOCATION: {
		long plus = span_find(l.s, " +0x");
		/* whole: its +0x offset begun, or none where the dump's lines have none */
		if (plus < 0 ? !memchr(l.s.p, '+', l.s.n) && !(at_end && ps->offsets) :
			       l.s.n > (size_t)plus + 4) {
			on_line(ps, &l);
			return 0;
		}
		break;
	}
	case L_HASH:
		if (ps->mode == M_RECORD && l.a.n && !span_eq(l.a, "?")) {
			/* the function is whole; its file:line may not be */
			l.b = no_span;
			l.lno = 0;
			on_line(ps, &l);
			ps->dropped = 1;
			return 1;
		}
		break;
	case L_JUNK:
		if (!(ps->mode == M_STACK || ps->mode == M_RECORD) || !looks_cut(l.s)) {
			if (ps->seen && (span_starts(l.s, "goroutine ") ||
					 (l.s.n < 10 && !memcmp(l.s.p, "goroutine ", l.s.n))))
				ps->d->truncated = "the input ends inside a goroutine header";
			on_line(ps, &l);
			return 0;
		}
		break;
	case L_CREATED:
		if (!at_end || ps->mode != M_STACK)
			goto whole;
		break; /* its file:line never came */
	default:
	whole:
		on_line(ps, &l);
		return 0;
	}
cut:
	/* a frame was cut inside */
	if (ps->mode == M_STACK || ps->mode == M_RECORD) {
		if (!at_end)
			ps->pending = 0;
		ps->dropped = 1;
	}
	return 1;
}

/*
 * At the end of the input: the goroutine or record still open is kept
 * with the frames it has, and said to be cut when the input ended inside
 * it (a line cut short, a function whose file:line never came, a header
 * and nothing after). A goroutine cut before its first frame is left out
 * (nothing says what it was); a record is kept even then, for its count.
 */
static void finish_input(struct parser *ps, int partial)
{
	struct dump *d = ps->d;
	if (ps->mode == M_STACK) {
		int cut = partial || ps->dropped || ps->pending ||
			  (!ps->nr_frames && !ps->lines_after_header && !ps->goleak_top.n);
		commit_pending(ps);
		if (cut) {
			size_t nr = ps->nr_frames;
			if (nr || ps->goleak_top.n) {
				if (ps->goid >= 0)
					d->truncated = arena_printf(&d->arena,
						"the input ends inside goroutine %ld, kept with the %zu "
						"frame%s before the cut", ps->goid, nr, nr == 1 ? "" : "s");
				else
					d->truncated = arena_printf(&d->arena,
						"the input ends inside a stack, kept with the %zu frame%s "
						"before the cut", nr, nr == 1 ? "" : "s");
				end_current(ps);
			} else if (ps->goid >= 0) {
				/* a whole header and no frame: counted, never dropped */
				if (!d->truncated)
					d->truncated = arena_printf(&d->arena,
						"the input ends after the header of goroutine %ld, kept "
						"without its stack", ps->goid);
				end_current(ps);
			} else {
				if (!d->truncated)
					d->truncated = "the input ends inside a stack, which was left out";
				ps->mode = M_OUTSIDE;
				reset_goroutine(ps);
			}
		} else {
			end_current(ps);
		}
	} else if (ps->mode == M_RECORD) {
		if (partial || ps->dropped || !ps->nr_frames) {
			d->truncated = ps->nr_frames ? arena_printf(&d->arena,
				"the input ends inside a record of %zu goroutine%s, kept with the %zu "
				"frame%s before the cut", ps->count, ps->count == 1 ? "" : "s",
				ps->nr_frames, ps->nr_frames == 1 ? "" : "s") : arena_printf(&d->arena,
				"the input ends inside a record of %zu goroutine%s, kept without "
				"its stack", ps->count, ps->count == 1 ? "" : "s");
			/* counted, even when its first frame was cut: never dropped */
			finish_goroutine(ps);
			ps->mode = M_OUTSIDE;
			reset_goroutine(ps);
		} else {
			end_current(ps);
		}
	} else {
		end_current(ps);
	}
	drop_orphan(ps);
	if (d->format == DUMP_FORMAT_STACKS && ps->traceback)
		d->format = DUMP_FORMAT_TRACEBACK;
}

/*
 * Stacks with no header beside goroutines with one, and no leak check
 * that prints them: a paste that starts inside a goroutine, or frames of
 * something else (a race report). They are no goroutines of this dump:
 * take them out, and say they were skipped.
 */
static void drop_bare_groups(struct parser *ps)
{
	struct dump *d = ps->d;
	size_t i, j = 0;
	if (ps->leakcheck || !ps->headed || !ps->bare_lines)
		return;
	for (i = 0; i < d->nr_groups; i++) {
		if (d->groups[i].bare) {
			d->total -= d->groups[i].count;
			ps->read -= (long)d->groups[i].count;
			continue;
		}
		d->groups[j++] = d->groups[i];
	}
	d->nr_groups = j;
	strmap_clear(&d->index);
	for (i = 0; i < d->nr_groups; i++) {
		d->groups[i].first_seen = i;
		strmap_put(&d->index, d->groups[i].key, strlen(d->groups[i].key),
			   (void *)(uintptr_t)(i + 1));
	}
	if (!d->skipped) {
		d->skipped_line = ps->bare_first;
		d->skipped_text = "a stack with no goroutine header";
	}
	d->skipped += ps->bare_lines;
}

/* ---------------------------------------------------------------- */

const char *dump_format_name(enum dump_format f)
{
	static const char *const names[] = {
		[DUMP_FORMAT_NONE] = "none",
		[DUMP_FORMAT_STACKS] = "stacks",
		[DUMP_FORMAT_TRACEBACK] = "traceback",
		[DUMP_FORMAT_COUNT] = "count",
		[DUMP_FORMAT_LEAKCOUNT] = "goroutineleak",
		[DUMP_FORMAT_GOLEAK] = "goleak",
		[DUMP_FORMAT_LEAKCHECK] = "leakcheck",
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
 * Bytes that start a space or mark fix_unicode() rewrites. Most dumps
 * are ASCII: one pass that only looks at high bits tells.
 */
static int has_unicode_spaces(const char *buf, size_t len)
{
	size_t i = 0;
	int high = 0;
	for (; i + 8 <= len && !high; i += 8) {
		uint64_t w;
		memcpy(&w, buf + i, 8);
		high = (w & 0x8080808080808080ULL) != 0;
	}
	for (; i < len && !high; i++)
		high = (unsigned char)buf[i] >= 0x80;
	if (!high)
		return 0;
	return memchr(buf, 0xc2, len) || memchr(buf, 0xe2, len) || memchr(buf, 0xe3, len) ||
	       memchr(buf, 0xef, len);
}

/*
 * A whole dump logged as one string: {"msg":"panic","stack":"goroutine 1
 * [running]:\nmain.main()\n\t/app/main.go:12 +0x1d\n..."} or logfmt's
 * stack="...". Two escaped line ends or more, and a dump token: the line
 * is unescaped and its lines are read one by one. Returns 1 when it was.
 */
static int read_embedded(struct parser *ps, struct span line, unsigned fixes)
{
	size_t i, nl = 0, start;
	struct span text;
	if (!(fixes & FIX_EMBEDDED) || !memchr(line.p, '\\', line.n) ||
	    span_find(line, "goroutine ") < 0)
		return 0;
	for (i = 0; i + 1 < line.n; i++)
		if (line.p[i] == '\\' && line.p[i + 1] == 'n')
			nl++, i++;
	if (nl < 2)
		return 0;
	strbuf_reset(&ps->scratch);
	for (i = 0; i < line.n; i++) {
		char c = line.p[i];
		if (c != '\\' || i + 1 >= line.n) {
			strbuf_addch(&ps->scratch, c);
			continue;
		}
		c = line.p[++i];
		if (c == 'n')
			strbuf_addch(&ps->scratch, '\n');
		else if (c == 't')
			strbuf_addch(&ps->scratch, '\t');
		else if (c != 'r')
			strbuf_addch(&ps->scratch, c);
	}
	text = keep_scratch(ps);
	for (start = 0, i = 0; i <= text.n; i++) {
		if (i == text.n || text.p[i] == '\n') {
			struct line l;
			struct span sub = { text.p + start, i - start };
			read_line(ps, sub, fixes, &l);
			on_line(ps, &l);
			start = i + 1;
		}
	}
	return 1;
}

/* ---------------------------------------------------------------- */
/* Lines wrapped by a terminal                                      */

/*
 * A terminal or a viewer that wraps long lines hard cuts a frame in two:
 * "net/http.send(0xc00017c100, {0x7d1540, 0xc0" and "0008a720}, {0x8?})",
 * or a file line before its line number ends. The first part reads as
 * junk, or as a file:line with part of its number; joined with the next
 * line it reads as what it was.
 */
static int looks_wrapped(struct span s, enum line_kind kind)
{
	size_t i;
	int depth = 0;
	if (s.n < 40)
		return 0; /* wrapping cuts long lines only */
	if (kind == L_LOCATION || kind == L_HASH)
		return 1;
	for (i = 0; i < s.n; i++)
		depth += s.p[i] == '(' ? 1 : s.p[i] == ')' ? -1 : 0;
	return depth > 0 || s.p[0] == '/' || s.p[0] == '#' || span_starts(s, "goroutine ") ||
	       span_starts(s, "created by ") || span_starts(s, "[Goroutine ") ||
	       (s.n > 2 && isalpha((unsigned char)s.p[0]) && s.p[1] == ':' && s.p[2] == '/');
}

/* The rest of a file:line cut inside its number: "13 +0xd85", "5". */
static int is_number_tail(struct span s)
{
	long plus;
	if (!s.n || s.n > 40 || !isdigit((unsigned char)s.p[0]))
		return 0;
	plus = span_find(s, " +0x");
	if (plus >= 0)
		s.n = (size_t)plus;
	else if (span_find(s, " fp=") >= 0)
		s.n = (size_t)span_find(s, " fp=");
	return span_is_num(s);
}

/*
 * The line after pos, without its end, and how far it reaches (its end
 * included); 0 when there is none.
 */
static int peek_line(const char *buf, size_t len, size_t pos, char eol_char, struct span *next,
		     size_t *reach)
{
	const char *eol;
	if (pos >= len)
		return 0;
	eol = memchr(buf + pos, eol_char, len - pos);
	next->p = buf + pos;
	next->n = eol ? (size_t)(eol - buf - pos) : len - pos;
	*reach = next->n + (eol ? 1 : 0);
	while (next->n && next->p[next->n - 1] == '\r')
		next->n--;
	return 1;
}

/*
 * A "#" frame line that ends with its whole function token, offset begun
 * ("main.f+0x24"): what follows in the next line is the file.
 */
static int hash_ends_at_func(const struct line *l)
{
	const char *end = l->s.p + l->s.n, *p = l->a.p;
	struct span off;
	long plus;
	if (p < l->s.p || p > end || span_eq(l->a, "?"))
		return 0;
	while (p < end && !is_ws(*p))
		p++;
	if (p != end)
		return 0;
	off.p = l->a.p;
	off.n = (size_t)(end - l->a.p);
	plus = span_rfind(off, "+0x");
	return plus >= 0 && off.n > (size_t)plus + 3;
}

/*
 * Join the line in l with the next raw lines (up to three: a long frame
 * may be cut twice) when together they read as a dump line that l alone
 * is not, or is only with part of its number. Returns how far in buf the
 * lines used reach from pos (0: none used); *lines gets how many.
 */
static size_t join_wrapped(struct parser *ps, struct line *l, const char *buf, size_t len,
			   size_t pos, char eol_char, size_t *lines)
{
	struct line j;
	enum line_kind was = l->kind;
	size_t reach = 0, k;
	if (!looks_wrapped(l->s, l->kind))
		return 0;
	strbuf_reset(&ps->scratch);
	strbuf_add(&ps->scratch, l->s.p, l->s.n);
	for (k = 0; k < 3; k++) {
		struct span next, t, joined;
		size_t r;
		if (!peek_line(buf, len, pos + reach, eol_char, &next, &r))
			return 0;
		t = span_trim(next);
		if (!t.n || memchr(t.p, '\0', t.n))
			return 0;
		if (!k && was == L_LOCATION && !is_number_tail(t))
			return 0;
		/* a "#" frame: when its file:line did not read, or lost digits */
		if (!k && was == L_HASH && !is_number_tail(t) &&
		    (l->b.n || t.p[0] == '#' || classify_record(t, &j)))
			return 0;
		/*
		 * A wrap loses no character, but a copy of the screen loses the
		 * blanks that ended the first part: a "#" frame cut right after
		 * its function gets its blank back.
		 */
		if (!k && was == L_HASH && t.p == next.p && hash_ends_at_func(l) &&
		    !isxdigit((unsigned char)t.p[0]))
			strbuf_addch(&ps->scratch, ' ');
		strbuf_add(&ps->scratch, next.p, (size_t)(t.p - next.p) + t.n);
		reach += r;
		joined = span_trim((struct span){ ps->scratch.buf, ps->scratch.len });
		memset(&j, 0, sizeof(j));
		j.kind = classify(joined, &j);
		if (j.kind != L_JUNK && j.kind != L_BLANK &&
		    !((was == L_LOCATION || was == L_HASH) && j.kind != was) &&
		    !(was == L_HASH && !j.b.n)) {
			struct span after;
			size_t r2;
			/* the line number may go on in the next line too */
			if (k < 2 && (j.kind == L_HASH || j.kind == L_LOCATION) &&
			    peek_line(buf, len, pos + reach, eol_char, &after, &r2) &&
			    is_number_tail(span_trim(after)))
				continue;
			/* keep the joined text: frames point into it */
			j.kind = classify(span_trim(keep_scratch(ps)), &j);
			*l = j;
			*lines = k + 1;
			return reach;
		}
		if (!(was == L_JUNK && looks_wrapped(joined, L_JUNK)) && !(was == L_HASH && j.kind == L_HASH))
			return 0;
	}
	return 0;
}

/*
 * Some pages and editors paste with a blank line after every line. Then
 * lines of a dump are never next to each other, and the blank line that
 * ends a goroutine comes as two or more. Told by the input: most lines are
 * followed by exactly one blank line, hardly any by a line.
 */
static int is_double_spaced(const char *buf, size_t len, char eol_char)
{
	size_t pos = 0, lines = 0, next_to_line = 0, one_blank = 0, run = 0;
	int prev_text = 0;
	/* the first few thousand lines tell */
	while (pos < len && lines < 4096) {
		const char *eol = memchr(buf + pos, eol_char, len - pos);
		size_t n = eol ? (size_t)(eol - buf - pos) : len - pos, i;
		int blank = 1;
		for (i = 0; i < n && blank; i++)
			blank = is_ws(buf[pos + i]);
		pos += n + 1;
		if (blank) {
			run++;
			continue;
		}
		lines++;
		if (prev_text && run == 0)
			next_to_line++;
		else if (prev_text && run == 1)
			one_blank++;
		prev_text = 1;
		run = 0;
	}
	return lines >= 8 && next_to_line * 20 <= lines && one_blank * 10 >= lines * 6;
}

/* Which rewrites of apply_fixes() the buffer may need, looked for once. */
static unsigned buffer_fixes(const char *buf, size_t len)
{
	struct span all = { buf, len };
	unsigned fixes = 0;
	if (has_unicode_spaces(buf, len))
		fixes |= FIX_UNICODE;
	if (memchr(buf, 0x1b, len))
		fixes |= FIX_ANSI;
	if (span_find(all, "[0m") >= 0)
		fixes |= FIX_ANSI | FIX_ANSI_BARE;
	if (memchr(buf, '\\', len)) {
		if (span_find(all, "\\[") >= 0 || span_find(all, "\\*") >= 0 ||
		    span_find(all, "\\_") >= 0)
			fixes |= FIX_ESCAPES;
		if (span_find(all, "\\n") >= 0)
			fixes |= FIX_EMBEDDED;
	}
	return fixes;
}

long dump_parse(struct dump *d, const char *buf, size_t len)
{
	struct parser ps;
	size_t pos = 0;
	int partial = 0;
	unsigned fixes = buffer_fixes(buf, len);
	/* old Mac line ends: CR alone */
	char eol_char = !memchr(buf, '\n', len) && memchr(buf, '\r', len) ? '\r' : '\n';

	memset(&ps, 0, sizeof(ps));
	ps.d = d;
	ps.kind = d->format;
	ps.prefix = no_span;
	ps.orphan = no_span;
	strbuf_init(&ps.key, 256);
	strbuf_init(&ps.scratch, 256);
	reset_goroutine(&ps);
	ps.double_spaced = is_double_spaced(buf, len, eol_char);
	ps.offsets = memmem(buf, len, " +0x", 4) != NULL;
	while (pos < len) {
		const char *start = buf + pos;
		const char *eol = memchr(start, eol_char, len - pos);
		const char *z;
		struct span line;
		struct line l;
		line.p = start;
		line.n = eol ? (size_t)(eol - start) : len - pos;
		pos += line.n + (eol ? 1 : 0);
		ps.lineno++;
		while (line.n && line.p[line.n - 1] == '\r')
			line.n--;
		/* a NUL byte: what follows on the line is unreadable, a cut */
		z = memchr(line.p, '\0', line.n);
		if (z) {
			line.n = (size_t)(z - line.p);
			on_cut_line(&ps, line, fixes, 0);
			continue;
		}
		if (!eol) {
			partial = on_cut_line(&ps, line, fixes, 1);
			break;
		}
		if (read_embedded(&ps, line, fixes))
			continue;
		read_line(&ps, line, fixes, &l);
		if (ps.seen && l.s.n >= 40 &&
		    (l.kind == L_JUNK ||
		     (l.kind == L_HASH && ps.mode == M_RECORD &&
		      (!l.b.n || (pos < len && isdigit((unsigned char)buf[pos])))) ||
		     (l.kind == L_LOCATION && pos < len && isdigit((unsigned char)buf[pos])))) {
			size_t lines = 0, reach = join_wrapped(&ps, &l, buf, len, pos, eol_char, &lines);
			pos += reach;
			ps.lineno += lines;
		}
		if (ps.double_spaced) {
			if (l.kind == L_BLANK) {
				ps.blanks++;
				continue;
			}
			if (ps.blanks >= 2) {
				struct line blank;
				memset(&blank, 0, sizeof(blank));
				blank.kind = L_BLANK;
				on_line(&ps, &blank);
			}
			ps.blanks = 0;
		}
		on_line(&ps, &l);
	}
	finish_input(&ps, partial);
	drop_bare_groups(&ps);
	free(ps.frames);
	strbuf_release(&ps.key);
	strbuf_release(&ps.scratch);
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
