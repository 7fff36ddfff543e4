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
 *
 * Two signals judge a group: how many goroutines share the stack
 * (min_count) and how long one of them waited (min_wait, minutes, from
 * the "[select, 31 minutes]" of the header). A long wait on a net/http
 * signature is a diagnosis even at a count of one. The thresholds, and
 * why each is what it is, are in docs/explain.md ("Thresholds").
 */
#include "dump/dump.h"

#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* net/http bundles x/net/http2 with an "http2" prefix on every name. */
#define H2(bundled, xnet) "net/http.(*http2" bundled, "golang.org/x/net/http2.(*" xnet

/* Matches by count never: only a long wait makes the diagnosis. */
#define BY_WAIT_ONLY ((size_t)-1)

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
static const char *const h1_in_flight[] = {
	"net/http.(*persistConn).roundTrip", NULL,
};

static const char fix_close_body[] =
	"close resp.Body on every path (defer resp.Body.Close() right after the "
	"err check), and read it to EOF to reuse the connection";
static const char fix_idle[] =
	"share one http.Client/Transport instead of one per call; call "
	"CloseIdleConnections when a transport is dropped (in tests, before goleak runs)";
static const char fix_idle_wait[] =
	"share one http.Client/Transport instead of one per call (or per probe); "
	"set Transport.IdleConnTimeout (http.DefaultTransport uses 90s) so the pool "
	"is cleaned; call CloseIdleConnections when a transport is dropped";
static const char fix_idle_test[] =
	"when the test ends, close the idle connections of the client it used "
	"(defer client.CloseIdleConnections(), or on http.DefaultTransport), or give "
	"each test its own client and close it; if the connection is meant to stay, "
	"ignore it explicitly: goleak.IgnoreTopFunction(\"net/http.(*persistConn).readLoop\")";
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
static const char fix_leftover[] =
	"stop what the test started before it returns (cancel its context, close "
	"servers, channels and clients, wait for the goroutines); if a goroutine is "
	"meant to outlive the test, ignore it explicitly (goleak.IgnoreTopFunction)";

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
		/* a body being read keeps its readLoop waiting: in use, not unclosed */
		.discount_roles = LIST("body-read"),
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
		.summary = "idle keep-alive connections still open when the test ended "
			   "(goleak or a leak check lists them; not a proof): the "
			   "transport's pool was never closed",
		.fix = fix_idle_test,
		.lint_rule = "transport-per-call",
		.leak = 1,
		.need_leftover = 1,
		.has = h1_readloop,
		.has_any = h1_peek,
		.states = io_wait,
		.min_count = 1,
	},
	{
		.kind = "idle-conn-growth",
		.summary = "many idle keep-alive connections (10 or more), or one idle "
			   "for 10+ minutes: a Transport per call, or a pool never "
			   "cleaned (no IdleConnTimeout)",
		.fix = fix_idle_wait,
		.lint_rule = "transport-per-call",
		.leak = 1,
		.has = h1_readloop,
		.has_any = h1_peek,
		.states = io_wait,
		.min_count = 10,
		.min_wait = 10,
		.discount_top = h1_in_flight,
	},
	{
		.kind = "idle-conn-growth",
		.summary = "probably an idle keep-alive connection left open when the "
			   "test ended: a network read waiting in IO wait after a test "
			   "that made HTTP requests. Likely, not certain: the stack is cut "
			   "before the frames that would tell "
			   "(net/http.(*persistConn).readLoop under bufio.(*Reader).Peek)",
		.fix = fix_idle_test,
		.lint_rule = "transport-per-call",
		.leak = 1,
		.need_leftover = 1,
		.cut_net_read = 1,
		.states = io_wait,
		.min_count = 1,
	},
	{
		.kind = "idle-conn-growth",
		.summary = "HTTP/2 client connections still open when the test ended "
			   "(goleak or a leak check lists them; not a proof)",
		.fix = fix_idle_test,
		.lint_rule = "transport-per-call",
		.leak = 1,
		.need_leftover = 1,
		.has_any = LIST(H2("ClientConn).readLoop", "ClientConn).readLoop"),
				H2("clientConnReadLoop).run", "clientConnReadLoop).run")),
		.states = io_wait,
		.min_count = 1,
	},
	{
		.kind = "idle-conn-growth",
		.summary = "many HTTP/2 client connections (10 or more), or one idle for "
			   "10+ minutes: a Transport per call, or idle connections never "
			   "closed",
		.fix = fix_idle_wait,
		.lint_rule = "transport-per-call",
		.leak = 1,
		.has_any = LIST(H2("ClientConn).readLoop", "ClientConn).readLoop"),
				H2("clientConnReadLoop).run", "clientConnReadLoop).run")),
		.states = io_wait,
		.min_count = 10,
		.min_wait = 10,
	},
	{
		.kind = "unclosed-body",
		.summary = "HTTP/2 streams left open: response bodies not read to the "
			   "end and closed",
		.fix = fix_close_body,
		.lint_rule = "body-not-closed",
		.leak = 1,
		.top = LIST(H2("clientStream).writeRequest", "clientStream).writeRequest"),
			    H2("clientStream).doRequest", "clientStream).doRequest")),
		.states = select_only,
		.min_count = 1,
		.discount_roles = LIST("h2-body-read", "h2-in-flight-request"),
	},
	{
		.kind = "hung-request",
		.summary = "requests waiting for a response that does not come (10 or "
			   "more at once, or one for a minute or more): no client timeout",
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
		.kind = "hung-request",
		.summary = "response bodies that stop coming: a read waiting 15+ minutes "
			   "with no client timeout (a stream meant to stay open, such as "
			   "server-sent events or a watch, is not a leak)",
		.fix = fix_hung,
		.lint_rule = "client-no-timeout",
		.leak = 1,
		.has_any = LIST("net/http.(*bodyEOFSignal).Read", "net/http.(*gzipReader).Read",
				H2("transportResponseBody).Read", "transportResponseBody).Read")),
		.min_count = BY_WAIT_ONLY,
		.min_wait = 15,
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
		.summary = "goroutines still running when the test ended: goleak (or a "
			   "leak check) lists them, which is no proof they never finish",
		.fix = fix_leftover,
		.leak = 1,
		.need_leftover = 1,
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

/* Packages of a bare network read: what is left when the stack is cut. */
static int is_net_read_package(const char *func)
{
	static const char *const pkgs[] = {
		"internal/poll.", "net.", "crypto/tls.", "bufio.", "io.", "syscall.", "runtime.",
	};
	size_t i;
	for (i = 0; i < ARRAY_SIZE(pkgs); i++)
		if (starts_with(func, pkgs[i]))
			return 1;
	return 0;
}

static int is_cut_net_read(const struct dump_group *g)
{
	static const char *const reads[] = {
		"net.(*netFD).Read", "internal/poll.(*FD).Read", "net.(*conn).Read",
		"crypto/tls.(*Conn).Read", NULL,
	};
	size_t i;
	if (!g->cut || !g->nr_frames || !dump_stack_matches(g, NULL, NULL, reads, NULL, NULL))
		return 0;
	for (i = 0; i < g->nr_frames; i++)
		if (!is_net_read_package(g->frames[i].func))
			return 0;
	return 1;
}

const struct dump_signature *dump_diagnose_cut_wait(const struct dump_group *g)
{
	size_t i;
	if (!g->leaked || !g->cut || !g->nr_frames || !g->state || strcmp(g->state, "IO wait"))
		return NULL;
	for (i = 0; i < g->nr_frames; i++)
		if (!is_net_read_package(g->frames[i].func))
			return NULL;
	for (i = 0; i < dump_nr_signatures; i++)
		if (dump_signatures[i].cut_net_read)
			return &dump_signatures[i];
	return NULL;
}

const struct dump_signature *dump_left_connection(void)
{
	size_t i;
	for (i = 0; i < dump_nr_signatures; i++) {
		const struct dump_signature *r = &dump_signatures[i];
		if (r->need_leftover && !r->cut_net_read && !strcmp(r->kind, "idle-conn-growth"))
			return r;
	}
	return NULL;
}

static int signature_matches(const struct dump_signature *sig, const struct dump_group *g,
			     const struct dump_diag_options *opts)
{
	if (sig->need_leaked && (!g->leaked || g->leftover))
		return 0; /* a proof: the runtime's, not a test's */
	if (sig->need_leftover && !g->leaked)
		return 0;
	if (sig->cut_net_read && !is_cut_net_read(g))
		return 0;
	if (!dump_stack_matches(g, sig->top, sig->has, sig->has_any, sig->lacks, sig->states))
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

const struct dump_signature *dump_diagnose_from(const struct dump_group *g, size_t from,
						const struct dump_diag_options *opts)
{
	size_t i;
	for (i = from; i < dump_nr_signatures; i++)
		if (signature_matches(&dump_signatures[i], g, opts))
			return &dump_signatures[i];
	return NULL;
}

const struct dump_signature *dump_diagnose(const struct dump_group *g,
					   const struct dump_diag_options *opts)
{
	return dump_diagnose_from(g, 0, opts);
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
