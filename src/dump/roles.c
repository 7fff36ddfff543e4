/*
 * roles.c - what each net/http goroutine is, leak or not: the `role` of
 * DESIGN.md's JSON contract.
 *
 * A dump with two idle pooled connections is no leak, but the user should
 * still learn what those two goroutines are. Rows are tried in order and
 * the first that matches wins: client goroutines before server ones (a
 * handler that calls another service is, at that moment, a client), the
 * narrow before the broad. Function names only, never lines or offsets.
 */
#include "dump/dump.h"

#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define H2(bundled, xnet) "net/http.(*http2" bundled, "golang.org/x/net/http2.(*" xnet

static const char *const conn_serve[] = { "net/http.(*conn).serve", NULL };
static const char *const writes[] = {
	"internal/poll.(*pollDesc).waitWrite", "internal/poll.(*FD).Write",
	"internal/poll.(*FD).Writev", NULL,
};

static const char note_in_flight[] =
	"normal while a request is under way; hung when one waits a minute or "
	"more: give the client a timeout";

const struct dump_role dump_roles[] = {
	/* HTTP/1 client */
	{
		.name = "body-wait",
		.one = "client connection waiting for its response body to be read or closed",
		.many = "client connections waiting for their response bodies to be read or closed",
		.note = "normal while the body is being read; a leak when nothing reads "
			"or closes it",
		.top = LIST("net/http.(*persistConn).readLoop"),
		.lacks = LIST("bufio.(*Reader).Peek"),
	},
	{
		.name = "idle-conn",
		.one = "idle keep-alive connection",
		.many = "idle keep-alive connections",
		.note = "normal for a pool; a leak when the count grows: compare two "
			"dumps with --diff, or watch the process",
		.has = LIST("net/http.(*persistConn).readLoop", "bufio.(*Reader).Peek"),
	},
	{
		.name = "conn-writer",
		.one = "client connection writer",
		.many = "client connection writers",
		.note = "one beside each client connection; they count with the connections",
		.top = LIST("net/http.(*persistConn).writeLoop"),
	},
	{
		.name = "in-flight-request",
		.one = "client request waiting for response headers or a connection",
		.many = "client requests waiting for response headers or a connection",
		.note = note_in_flight,
		.top = LIST("net/http.(*persistConn).roundTrip", "net/http.(*Transport).roundTrip",
			    "net/http.(*Transport).getConn"),
	},
	{
		.name = "in-flight-request",
		.one = "client request waiting for response headers or a connection",
		.many = "client requests waiting for response headers or a connection",
		.note = note_in_flight,
		.has_any = LIST("net/http.(*Transport).dialConnFor"),
	},
	{
		.name = "body-read",
		.one = "client reading a response body",
		.many = "clients reading response bodies",
		.note = "normal while the server sends; stuck when the server stalls "
			"mid-body and the client has no timeout",
		.has_any = LIST("net/http.(*bodyEOFSignal).Read", "net/http.(*gzipReader).Read"),
	},
	/* HTTP/2 client */
	{
		.name = "h2-body-wait",
		.one = "HTTP/2 stream waiting for its response to finish or its body to be closed",
		.many = "HTTP/2 streams waiting for their responses to finish or their bodies "
			"to be closed",
		.note = "normal while a response is under way; a leak when bodies are "
			"never read to the end or closed",
		.top = LIST(H2("clientStream).writeRequest", "clientStream).writeRequest"),
			    H2("clientStream).doRequest", "clientStream).doRequest")),
	},
	{
		.name = "h2-in-flight-request",
		.one = "HTTP/2 client request waiting for response headers",
		.many = "HTTP/2 client requests waiting for response headers",
		.note = note_in_flight,
		.top = LIST(H2("ClientConn).RoundTrip", "ClientConn).RoundTrip"),
			    H2("ClientConn).roundTrip", "ClientConn).roundTrip"),
			    H2("clientStream).waitOnHeaders", "clientStream).waitOnHeaders")),
	},
	{
		.name = "h2-body-read",
		.one = "HTTP/2 client reading a response body",
		.many = "HTTP/2 clients reading response bodies",
		.note = "normal while the server sends",
		.has_any = LIST(H2("transportResponseBody).Read", "transportResponseBody).Read")),
	},
	{
		.name = "h2-idle-conn",
		.one = "HTTP/2 client connection (its frame reader)",
		.many = "HTTP/2 client connections (their frame readers)",
		.note = "one per connection, idle or busy; a leak when the count grows",
		.has_any = LIST(H2("ClientConn).readLoop", "ClientConn).readLoop"),
				H2("clientConnReadLoop).run", "clientConnReadLoop).run")),
	},
	/* HTTP/2 server (before HTTP/1: its connections run under (*conn).serve) */
	{
		.name = "h2-server-conn-write",
		.one = "HTTP/2 server stream writing a response",
		.many = "HTTP/2 server streams writing responses",
		.note = "stuck when the client stopped reading (flow control)",
		.has_any = LIST(H2("serverConn).writeDataFromHandler", "serverConn).writeDataFromHandler"),
				H2("responseWriterState).writeChunk", "responseWriterState).writeChunk"),
				H2("serverConn).writeHeaders", "serverConn).writeHeaders"),
				H2("serverConn).writeFrameAsync", "serverConn).writeFrameAsync")),
	},
	{
		.name = "h2-server-handler",
		.one = "HTTP/2 server handler running",
		.many = "HTTP/2 server handlers running",
		.note = "normal while requests are served",
		.has_any = LIST(H2("serverConn).runHandler", "serverConn).runHandler")),
	},
	{
		.name = "h2-server-conn-read",
		.one = "HTTP/2 server connection waiting for or reading frames",
		.many = "HTTP/2 server connections waiting for or reading frames",
		.note = "normal: one or two per client connection",
		.has_any = LIST(H2("serverConn).readFrames", "serverConn).readFrames"),
				H2("serverConn).serve", "serverConn).serve")),
	},
	/* HTTP/1 server */
	{
		.name = "server-conn-write",
		.one = "server connection writing a response",
		.many = "server connections writing responses",
		.note = "normal while a response is sent; stuck when the client stopped "
			"reading and the server has no WriteTimeout",
		.has = conn_serve,
		.has_any = writes,
	},
	{
		.name = "server-conn-read",
		.one = "server connection reading from its client",
		.many = "server connections reading from their clients",
		.note = "normal: waiting for the next request (keep-alive), reading one, "
			"or watching the connection while a handler runs",
		.has = conn_serve,
		.has_any = LIST("net/http.(*conn).readRequest", "crypto/tls.(*Conn).HandshakeContext",
				"crypto/tls.(*Conn).Handshake"),
	},
	{
		.name = "server-conn-read",
		.one = "server connection reading from its client",
		.many = "server connections reading from their clients",
		.note = "normal: waiting for the next request (keep-alive), reading one, "
			"or watching the connection while a handler runs",
		.has_any = LIST("net/http.(*connReader).backgroundRead"),
	},
	{
		.name = "server-handler",
		.one = "server handler running",
		.many = "server handlers running",
		.note = "normal while requests are served; look at the handler's own "
			"frames when they pile up or wait for minutes",
		.has = conn_serve,
	},
	{
		.name = "accept-loop",
		.one = "server accept loop",
		.many = "server accept loops",
		.note = "one per listener",
		.has = LIST("net/http.(*Server).Serve"),
	},
};

const size_t dump_nr_roles = ARRAY_SIZE(dump_roles);

const struct dump_role *dump_role_of(const struct dump_group *g)
{
	size_t i;
	for (i = 0; i < dump_nr_roles; i++) {
		const struct dump_role *r = &dump_roles[i];
		if (dump_stack_matches(g, r->top, r->has, r->has_any, r->lacks, r->states))
			return r;
	}
	return NULL;
}
