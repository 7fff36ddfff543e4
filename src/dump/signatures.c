/*
 * signatures.c - the table of leak signatures: which stacks mean which
 * leak, what to do about it, and which lint rule finds the cause.
 *
 * Adding a signature means adding one row. Rows are tried in order and
 * the first that matches wins, so narrow rows go before broad ones.
 * Function names are matched exactly, or as a suffix after a '/' so that
 * vendored copies (vendor/golang.org/x/net/http2...) match too. Never
 * match on line numbers or offsets: they change with every Go release
 * (RUNTIME_FACTS.md).
 */
#include "dump/dump.h"

#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* net/http bundles x/net/http2 with an "http2" prefix on every name. */
#define H2(bundled, xnet) "net/http.(*http2" bundled, "golang.org/x/net/http2.(*" xnet

static const char *const h1_readloop[] = { "net/http.(*persistConn).readLoop", NULL };
static const char *const h1_peek[] = { "bufio.(*Reader).Peek", NULL };
static const char *const select_only[] = { "select", NULL };
static const char *const io_wait[] = { "IO wait", NULL };
static const char *const blocked_states[] = {
	"chan send", "chan receive", "chan send (nil chan)", "chan receive (nil chan)",
	"select", "select (no cases)", "semacquire", "sync.Mutex.Lock",
	"sync.RWMutex.Lock", "sync.RWMutex.RLock", "sync.WaitGroup.Wait",
	"sync.Cond.Wait", NULL,
};

static const char fix_close_body[] =
	"close resp.Body on every path (defer resp.Body.Close() right after the "
	"err check), and read it to EOF to reuse the connection";
static const char fix_idle[] =
	"share one http.Client/Transport instead of one per call; call "
	"CloseIdleConnections when a transport is dropped (in tests, before goleak runs)";
static const char *const h1_in_flight[] = {
	"net/http.(*persistConn).roundTrip", NULL,
};

static const char fix_hung[] =
	"give the client a Timeout or the request a context deadline "
	"(http.NewRequestWithContext with context.WithTimeout)";
static const char fix_stuck[] =
	"set http.Server WriteTimeout (or per-request deadlines with "
	"http.ResponseController) and stream files with io.Copy/http.ServeContent "
	"instead of buffering them";
static const char fix_blocked[] =
	"make sure every goroutine can finish: give each send a receiver that is "
	"still there (buffer the channel, or select on ctx.Done()), and release "
	"locks on every path";

const struct dump_signature dump_signatures[] = {
	{
		.kind = "unclosed-body",
		.summary = "response bodies never closed: each connection's readLoop "
			   "waits for its body to be read",
		.fix = fix_close_body,
		.lint_rule = "body-not-closed",
		.leak = 1,
		.top = h1_readloop,
		.lacks = h1_peek,
		.states = select_only,
		.min_count = 1,
	},
	{
		.kind = "unclosed-body",
		.summary = "the writeLoop of each connection held open by an unread body",
		.fix = fix_close_body,
		.lint_rule = "body-not-closed",
		.leak = 1,
		.top = LIST("net/http.(*persistConn).writeLoop"),
		.states = select_only,
		.min_count = 1,
		.companion = 1,
	},
	{
		.kind = "idle-conn-growth",
		.summary = "the writeLoop of each idle keep-alive connection",
		.fix = fix_idle,
		.lint_rule = "transport-per-call",
		.leak = 1,
		.top = LIST("net/http.(*persistConn).writeLoop"),
		.states = select_only,
		.min_count = 1,
		.companion = 1,
	},
	{
		.kind = "idle-conn-growth",
		.summary = "many idle keep-alive connections: a Transport per call, or "
			   "idle connections never closed",
		.fix = fix_idle,
		.lint_rule = "transport-per-call",
		.leak = 1,
		.has = h1_readloop,
		.has_any = h1_peek,
		.states = io_wait,
		.min_count = 10,
		.discount_top = h1_in_flight,
	},
	{
		.kind = "idle-conn-growth",
		.summary = "idle keep-alive connections still open when the test ended",
		.fix = "call CloseIdleConnections on the client's transport when the test "
		       "ends, or goleak.IgnoreTopFunction(\"net/http.(*persistConn).readLoop\")",
		.lint_rule = "transport-per-call",
		.leak = 1,
		.need_leaked = 1,
		.has = h1_readloop,
		.has_any = h1_peek,
		.states = io_wait,
		.min_count = 1,
	},
	{
		.kind = "idle-conn-growth",
		.summary = "many HTTP/2 client connections, each with its own readLoop: "
			   "a Transport per call, or idle connections never closed",
		.fix = fix_idle,
		.lint_rule = "transport-per-call",
		.leak = 1,
		.has_any = LIST(H2("ClientConn).readLoop", "ClientConn).readLoop"),
				H2("clientConnReadLoop).run", "clientConnReadLoop).run")),
		.states = io_wait,
		.min_count = 10,
	},
	{
		.kind = "unclosed-body",
		.summary = "HTTP/2 streams left open: response bodies not read to the "
			   "end and closed",
		.fix = fix_close_body,
		.lint_rule = "body-not-closed",
		.leak = 1,
		.top = LIST(H2("clientStream).writeRequest", "clientStream).writeRequest")),
		.states = select_only,
		.min_count = 1,
	},
	{
		.kind = "hung-request",
		.summary = "requests waiting for a response that does not come: no "
			   "client timeout",
		.fix = fix_hung,
		.lint_rule = "client-no-timeout",
		.leak = 1,
		.top = LIST("net/http.(*persistConn).roundTrip", "net/http.(*Transport).roundTrip",
			    "net/http.(*Transport).getConn",
			    H2("ClientConn).RoundTrip", "ClientConn).RoundTrip"),
			    H2("ClientConn).roundTrip", "ClientConn).roundTrip"),
			    H2("clientStream).waitOnHeaders", "clientStream).waitOnHeaders")),
		.states = select_only,
		.min_count = 10,
		.min_wait = 1,
	},
	{
		.kind = "stuck-write",
		.summary = "server handlers stuck writing to clients that do not read",
		.fix = fix_stuck,
		.lint_rule = "server-no-timeouts",
		.leak = 1,
		.has = LIST("net/http.(*conn).serve"),
		.has_any = LIST("internal/poll.(*pollDesc).waitWrite", "internal/poll.(*FD).Write",
				"internal/poll.(*FD).Writev"),
		.states = io_wait,
		.min_count = 1,
	},
	{
		.kind = "stuck-write",
		.summary = "HTTP/2 handlers stuck writing: the client does not read, "
			   "flow control is exhausted",
		.fix = fix_stuck,
		.lint_rule = "server-no-timeouts",
		.leak = 1,
		.top = LIST(H2("serverConn).writeDataFromHandler", "serverConn).writeDataFromHandler"),
			    H2("responseWriterState).writeChunk", "responseWriterState).writeChunk"),
			    H2("serverConn).writeHeaders", "serverConn).writeHeaders")),
		.states = select_only,
		.min_count = 1,
	},
	{
		.kind = "stuck-write",
		.summary = "HTTP/2 server connections stuck writing to clients that do "
			   "not read",
		.fix = fix_stuck,
		.lint_rule = "server-no-timeouts",
		.leak = 1,
		.has = LIST("internal/poll.(*pollDesc).waitWrite"),
		.has_any = LIST(H2("serverConn).writeFrameAsync", "serverConn).writeFrameAsync")),
		.states = io_wait,
		.min_count = 1,
	},
	{
		.kind = "blocked-goroutines",
		.summary = "goroutines the runtime proved leaked: blocked on something "
			   "no one else can reach",
		.fix = fix_blocked,
		.leak = 1,
		.need_leaked = 1,
		.min_count = 1,
	},
	{
		.kind = "blocked-goroutines",
		.summary = "many goroutines blocked at one place, or for minutes, on a "
			   "channel, select or lock",
		.fix = fix_blocked,
		.leak = 1,
		.user_top = 1,
		.states = blocked_states,
		.min_count = 20,
		.min_wait = 10,
	},
};

const size_t dump_nr_signatures = ARRAY_SIZE(dump_signatures);

/* ---------------------------------------------------------------- */
/* Matching                                                          */

/* name is pat, or ends with "/" + pat (a vendored copy). */
static int func_is(const char *name, const char *pat)
{
	size_t n = strlen(name), m = strlen(pat);
	if (n == m)
		return !memcmp(name, pat, n);
	return n > m && name[n - m - 1] == '/' && !memcmp(name + n - m, pat, m);
}

static int func_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (func_is(name, *list))
			return 1;
	return 0;
}

static int stack_has(const struct dump_group *g, const char *pat)
{
	size_t i;
	for (i = 0; i < g->nr_frames; i++)
		if (func_is(g->frames[i].func, pat))
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

static int str_in(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return 1;
	return 0;
}

static int signature_matches(const struct dump_signature *sig, const struct dump_group *g,
			     const struct dump_diag_options *opts)
{
	const struct dump_frame *top = g->nr_frames ? &g->frames[0] : NULL;
	const char *const *p;


	if (sig->need_leaked && !g->leaked)
		return 0;
	if (sig->states && g->state && !str_in(g->state, sig->states))
		return 0;
	if (sig->top && (!top || !func_in(top->func, sig->top)))
		return 0;
	if (sig->has)
		for (p = sig->has; *p; p++)
			if (!stack_has(g, *p))
				return 0;
	if (sig->has_any && !stack_has_any(g, sig->has_any))
		return 0;
	if (sig->lacks && stack_has_any(g, sig->lacks))
		return 0;
	if (sig->user_top) {
		/*
		 * The goroutine blocks in the user's code: its first frame is
		 * the user's, or only the blocking primitive itself (sync.*)
		 * sits above it. main.main waiting is the program, not a leak.
		 */
		const struct dump_frame *u;
		size_t i;
		if (g->user_frame >= g->nr_frames)
			return 0;
		for (i = 0; i < g->user_frame; i++)
			if (!starts_with(g->frames[i].func, "sync."))
				return 0;
		u = &g->frames[g->user_frame];
		if (!strcmp(u->func, "main.main"))
			return 0;
		if ((!g->state || !strcmp(g->state, "select")) && opts && opts->select_has_timer &&
		    u->file[0] && opts->select_has_timer(opts->ctx, u->file, u->line))
			return 0;
	}
	if (g->count < sig->min_count &&
	    !(sig->min_wait > 0 && g->wait_max >= sig->min_wait))
		return 0;
	return 1;
}

const struct dump_signature *dump_diagnose(const struct dump_group *g,
					   const struct dump_diag_options *opts)
{
	size_t i;
	for (i = 0; i < dump_nr_signatures; i++)
		if (signature_matches(&dump_signatures[i], g, opts))
			return &dump_signatures[i];
	return NULL;
}

/*
 * A companion (the writeLoop beside every readLoop) means nothing alone:
 * it takes the first companion row, in table order, whose kind some
 * other group of the dump was diagnosed with.
 */
const struct dump_signature *dump_resolve_companion(const struct dump *d,
						    const struct dump_signature *sig)
{
	size_t i;
	const struct dump_signature *row;
	for (row = sig; row < dump_signatures + dump_nr_signatures && row->companion; row++) {
		for (i = 0; i < d->nr_groups; i++) {
			const struct dump_signature *other = d->groups[i].diagnosis;
			if (other && !other->companion && !strcmp(other->kind, row->kind))
				return row;
		}
	}
	return NULL;
}
