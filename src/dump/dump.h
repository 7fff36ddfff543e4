/*
 * dump.h - read a Go goroutine dump of any format, group its goroutines,
 * and name the leak each group shows.
 *
 * Used by `plumber explain` (one dump from a file or an endpoint) and by
 * `plumber watch` (a /debug/pprof/goroutine?debug=1 count profile sampled
 * every second). Typical use:
 *
 *	struct dump d;
 *	dump_init(&d, NULL);
 *	if (dump_parse(&d, buf, len) < 0)
 *		return error("no goroutine dump in %s", path);
 *	if (d.truncated)
 *		warning("dump is cut short: %s", d.truncated);
 *	dump_analyze(&d, NULL);    (diagnose every group, then sort them)
 *	for (i = 0; i < d.nr_groups; i++)
 *		use(d.groups[i]);
 *	dump_release(&d);
 *
 * Formats read, detected line by line (a buffer may mix them, and junk
 * such as log lines or `go test` output around the dump is skipped):
 *  - runtime.Stack(buf, true) and /debug/pprof/goroutine?debug=2:
 *    "goroutine 7 [chan send, 3 minutes]:" headers, frames, "created by".
 *  - crash and SIGQUIT tracebacks: the same plus "gp=... m=..." headers
 *    (Go 1.22+), " fp= sp= pc=" frame suffixes, register dumps, preambles.
 *  - /debug/pprof/goroutine?debug=1 count profiles ("goroutine profile:
 *    total N", "N @ 0x..." records, "# labels:", "#\t0x..\tfunc+0x..\tfile:line")
 *    and the goroutineleak profile of Go 1.26 (every record is a leak).
 *  - goleak failures ("[Goroutine N in state S, with F on top of the
 *    stack:"), also inside `go test` output (indented by the test log).
 *  - bare stacks with no "goroutine N [state]:" header, as the leak checks
 *    of net/http's and etcd's tests print them ("Test appears to have
 *    leaked a Transport:", "N instances of:"): one goroutine per stack.
 *
 * Dumps as people paste them are read too (see "Pastes" in parse.c):
 * frames indented with any mix of spaces and tabs, or none; CRLF line
 * ends, a blank line after every line; non-breaking and zero-width
 * spaces; lines cut by a terminal's width; terminal colours; quoted
 * replies ("> "); code fences, also glued to a line ("```goroutine 5
 * [select]:"); markdown emphasis around a line ("**", "__", "_") and
 * backslash escapes; a log prefix before every line (timestamps,
 * "app[123]:", "app_1  | ", kubectl and CRI prefixes), learned from the
 * first line that holds a dump token after it; JSON log lines
 * ({"log":"..."}, go test -json) and a dump logged as one escaped
 * string; log lines interleaved inside a goroutine. A paste cut short
 * keeps its last goroutine or record with the frames before the cut.
 *
 * Strings in the result (function names, files, states, keys) live in the
 * dump's arena: valid until dump_release(); the input buffer may be freed
 * as soon as dump_parse() returns. No function here does I/O or prints;
 * none is thread safe on one struct dump, but separate dumps may be used
 * from separate threads.
 */
#ifndef PLUMBER_DUMP_H
#define PLUMBER_DUMP_H

#include "base/arena.h"
#include "base/strmap.h"

enum dump_format {
	DUMP_FORMAT_NONE,      /* nothing read yet */
	DUMP_FORMAT_STACKS,    /* runtime.Stack / debug=2 */
	DUMP_FORMAT_TRACEBACK, /* crash or SIGQUIT traceback */
	DUMP_FORMAT_COUNT,     /* debug=1 goroutine profile */
	DUMP_FORMAT_LEAKCOUNT, /* debug=1 goroutineleak profile */
	DUMP_FORMAT_GOLEAK,    /* goleak failure message */
	DUMP_FORMAT_LEAKCHECK, /* bare stacks with no headers (leak checks) */
};

/*
 * "stacks", "traceback", "count", "goroutineleak", "goleak", "leakcheck"
 * or "none".
 */
const char *dump_format_name(enum dump_format f);

struct dump_frame {
	const char *func; /* "net/http.(*persistConn).readLoop"; never NULL, may be "?" */
	const char *file; /* as printed in the dump; "" when unknown */
	int line;         /* 0 when unknown */
};

struct dump_signature; /* one row of the table in signatures.c, below */
struct dump_role;      /* one row of the table in roles.c, below */

/*
 * A group: goroutines with the same stack. Frames are those of the first
 * goroutine read into the group (with --aggressive, other members may sit
 * at other lines of the same functions).
 */
struct dump_group {
	size_t count;            /* goroutines in the group, >= 1 */
	const char *state;       /* "chan send", "IO wait", ...; NULL when unknown */
	int state_inferred;      /* state guessed from the top frame (debug=1) */
	int wait_min, wait_max;  /* "[.., N minutes]" range; 0 when never shown */
	struct dump_frame *frames;
	size_t nr_frames;
	const char *created_by;  /* creator function, NULL when none shown */
	struct dump_frame creator; /* its location (func == created_by or "") */
	/*
	 * debug=1 "# labels: {...}" text of the first record, "(mixed)" when
	 * records with other labels joined the group, NULL when none.
	 */
	const char *labels;
	/*
	 * Reported leaked: by the runtime ("(leaked)", a goroutineleak
	 * profile: a proof), or by goleak or a test's leak check, which set
	 * leftover too: still running when the test ended, no proof (the
	 * goroutine may have been about to finish).
	 */
	unsigned leaked : 1;
	unsigned leftover : 1;
	/*
	 * The bottom of the stack is missing: no "created by" and the last
	 * frame is no goroutine's entry (main.main, runtime.goexit), in a
	 * format that prints them. The frames that name the goroutine may be
	 * among those lost.
	 */
	unsigned cut : 1;
	unsigned bare : 1;       /* read from a stack with no header: state unknown */
	unsigned durable : 1;    /* "(durable)": synctest says durably blocked */
	unsigned locked : 1;     /* "locked to thread" */
	unsigned elided : 1;     /* "...N frames elided..." inside the stack */
	/*
	 * Index in frames[] of the first frame of the user's own code (not the
	 * standard library), the place to look; nr_frames when every frame is
	 * the standard library's.
	 */
	size_t user_frame;
	/* The grouping key: the same stack gives the same key in any dump. */
	const char *key;
	size_t first_seen;       /* order of appearance, for stable sorting */
	const struct dump_signature *diagnosis; /* set by dump_analyze(), or NULL */
	const struct dump_role *role;          /* set by dump_analyze(), or NULL */
};

struct dump_options {
	/* Merge stacks that differ only in line numbers (same functions). */
	int aggressive;
};

struct dump {
	enum dump_format format;
	size_t total;          /* goroutines read (sum of the group counts) */
	size_t stackless;      /* goroutines of count records with no stack ("1 @"): in no group */
	size_t declared_total; /* "total N" of a count profile, 0 when absent */
	struct dump_group *groups;
	size_t nr_groups, alloc_groups;
	/*
	 * NULL, or why the dump looks cut short ("the input ends inside
	 * goroutine 412, kept with the 3 frames before the cut"). The
	 * goroutine or record that was cut is kept with the frames it has.
	 */
	const char *truncated;
	/*
	 * Lines that were skipped although they looked like part of a dump
	 * (a frame outside any goroutine, a header that does not parse):
	 * how many, the first one's line number (1-based) and its text.
	 */
	size_t skipped, skipped_line;
	const char *skipped_text;
	struct dump_options opts;
	struct arena arena;
	struct strmap index;   /* key -> group index + 1, private */
	struct strmap strings; /* interned names, private */
};

/* Prepare an empty dump; opts may be NULL for the defaults. */
void dump_init(struct dump *d, const struct dump_options *opts);

/*
 * Read goroutines from buf[0..len) (need not be NUL-terminated, may hold
 * any bytes) and add them to d's groups; may be called again to add more
 * input. Time and memory are linear in len. Returns the number of
 * goroutines read by this call, or -1 when the buffer holds nothing that
 * looks like a goroutine dump (no header, record or goleak element).
 * Never fails otherwise: lines that are not understood are skipped.
 */
long dump_parse(struct dump *d, const char *buf, size_t len);

/* Free everything d owns; d may be dump_init()ed again. */
void dump_release(struct dump *d);

/* ---------------------------------------------------------------- */
/* Diagnosis (signatures.c)                                          */

struct dump_signature {
	const char *kind;      /* DESIGN.md runtime kind: "unclosed-body", ... */
	const char *summary;   /* one line: what the goroutines wait for */
	const char *fix;       /* one line: what to change */
	const char *lint_rule; /* the plumber lint rule that finds the cause, or NULL */
	int leak;              /* a diagnosis with this signature means a leak */
	/* private: how the signature matches, see signatures.c */
	const char *const *top;      /* the first non-runtime frame is one of these */
	const char *const *has;      /* every one of these is some frame */
	const char *const *has_any;  /* at least one of these is some frame */
	const char *const *states;   /* the state is one of these (unknown passes) */
	const char *const *lacks;    /* no frame is one of these */
	int user_top;                /* the top frame is user code */
	int need_leaked;             /* the runtime marked the goroutines leaked */
	int need_leftover;           /* leaked, or left running by a test (goleak) */
	/*
	 * The stack is cut (group.cut) and holds nothing but a network read
	 * (internal/poll, net, crypto/tls, bufio frames): what it serves
	 * cannot be seen, so the row says how sure it is.
	 */
	int cut_net_read;
	size_t min_count;            /* at least this many goroutines ... */
	int min_wait;                /* ... or (when > 0) one waiting this many minutes */
	int companion;               /* takes the kind of its partner groups */
	/*
	 * Goroutines whose top frame is one of these stand for in-flight
	 * requests, each with one busy connection that looks like this row:
	 * dump_analyze() takes their number off the count before min_count.
	 */
	const char *const *discount_top;
	/*
	 * Goroutines of these roles are each busy with one goroutine of this
	 * row (a body being read keeps its readLoop waiting): their number
	 * is taken off the count too, and when nothing is left the row does
	 * not match.
	 */
	const char *const *discount_roles;
};

/*
 * Optional source lookup for dump_diagnose(): returns 1 when the `select`
 * statement at file:line also waits on a timer or ticker (such selects
 * are not blocked for good, LeakProf's rule), 0 when not or unknown.
 * cmd_explain reads the file when it exists; watch may pass NULL.
 */
struct dump_diag_options {
	int (*select_has_timer)(void *ctx, const char *file, int line);
	void *ctx;
};

/*
 * The signature that matches group g, or NULL when the group looks
 * normal. Matches on function names, stack shape, state, count and wait
 * time; never on line numbers or offsets. opts may be NULL. Companion
 * signatures (writeLoop beside readLoop) are returned as they are: only
 * dump_analyze() knows their partners. Pure; thread safe.
 */
const struct dump_signature *dump_diagnose(const struct dump_group *g,
					   const struct dump_diag_options *opts);

/*
 * Give every group of d its role, diagnose it, give companions the kind
 * of their partners (or none), then sort the groups: leaks first, then by
 * count times wait, then by first appearance.
 */
void dump_analyze(struct dump *d, const struct dump_diag_options *opts);

/*
 * The row a companion signature (the writeLoop paired with each readLoop)
 * resolves to in d: the first companion row, from sig on, whose kind some
 * other group of d was diagnosed with; NULL when none. Used by
 * dump_analyze() after every group has its own diagnosis.
 */
/*
 * For a goroutine a leak check left over, in IO wait, its stack cut above
 * the Read (only poll and net frames): the row of an idle keep-alive
 * connection's read, or NULL. Alone such a stack could be a listener's
 * Accept; the caller uses it only beside a client connection's writeLoop.
 */
const struct dump_signature *dump_diagnose_cut_wait(const struct dump_group *g);

/* The row of a client connection a leak check found still open when the test ended. */
const struct dump_signature *dump_left_connection(void);

const struct dump_signature *dump_resolve_companion(const struct dump *d,
						    const struct dump_signature *sig);

/* The table of signatures, for listing them. */
extern const struct dump_signature dump_signatures[];
extern const size_t dump_nr_signatures;

/*
 * The signature for g from row `from` of the table on (dump_diagnose()
 * starts at 0), or NULL.
 */
const struct dump_signature *dump_diagnose_from(const struct dump_group *g, size_t from,
						const struct dump_diag_options *opts);

/* ---------------------------------------------------------------- */
/* Roles (roles.c)                                                   */

/*
 * What a goroutine is, leak or not: DESIGN.md's `role` ("idle-conn",
 * "body-wait", "server-handler", ...). Matched on function names and
 * stack shape like the signatures; first row that matches wins.
 */
struct dump_role {
	const char *name;  /* "idle-conn" */
	const char *one;   /* "idle keep-alive connection" */
	const char *many;  /* "idle keep-alive connections" */
	const char *note;  /* when it is normal and when not, one line */
	/* private: how the role matches, as in struct dump_signature */
	const char *const *top;
	const char *const *has;
	const char *const *has_any;
	const char *const *lacks;
	const char *const *states;
};

extern const struct dump_role dump_roles[];
extern const size_t dump_nr_roles;

/* The role of g, or NULL when it is no net/http goroutine known. Pure. */
const struct dump_role *dump_role_of(const struct dump_group *g);

/* Goroutines of d whose role is one of names (NULL-terminated). */
size_t dump_count_roles(const struct dump *d, const char *const *names);

/*
 * Matching shared by the two tables: name is pat, or ends with "/" + pat
 * (a vendored copy); and whether g's stack fits a row (each list may be
 * NULL: top = the first frame is one of these, has = every one is some
 * frame, has_any = one of these is some frame, lacks = none is, states =
 * the state is one of these, an unknown state passes).
 */
int dump_func_is(const char *name, const char *pat);
int dump_stack_matches(const struct dump_group *g, const char *const *top,
		       const char *const *has, const char *const *has_any,
		       const char *const *lacks, const char *const *states);

/*
 * Helpers shared with watch: true when a frame belongs to the standard
 * library (the first element of its function's package path has no dot
 * and is one of the standard library's: "runtime", "net", "internal", ...;
 * the file path is not used, -trimpath builds print "runtime/proc.go"),
 * and the base wait state inferred from a stack's top frames when the
 * dump shows none ("IO wait", "semacquire", ...; NULL when it cannot be
 * told).
 */
int dump_frame_is_stdlib(const struct dump_frame *f);
const char *dump_infer_state(const struct dump_frame *frames, size_t nr);

#endif
