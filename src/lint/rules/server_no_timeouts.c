/*
 * server_no_timeouts.c - an HTTP server that never gives up on a client
 * sending its request slowly (seed C5, the server of 002): each one holds
 * a connection and a goroutine as long as it likes (slowloris), and with
 * no WriteTimeout a client that stops reading holds the handler too.
 *
 * Reported:
 * - calls of net/http's ListenAndServe, ListenAndServeTLS, Serve and
 *   ServeTLS, which run a Server that cannot have timeouts;
 * - net/http Server literals (and the zero value: `var srv http.Server`,
 *   `new(http.Server)`) that are served and set neither ReadHeaderTimeout
 *   nor ReadTimeout. Fields assigned after the literal
 *   (`srv.ReadTimeout = d`, through the same variable or field it was
 *   stored in) count when they come before the serving call, or anywhere
 *   when it is served elsewhere. A literal is served when a serving method
 *   is called through it or taken as a value (g.Go(srv.ListenAndServe)),
 *   or when it leaves the function (stored,
 *   returned, passed on); a local Server never served nor passed on is
 *   not. A field set to the literal 0 counts as unset.
 *
 * A read timeout is the line: ReadHeaderTimeout (or ReadTimeout) bounds
 * slow headers and idle keep-alive connections alike (net/http sets the
 * header deadline before waiting for the next request). A server that
 * sets one and leaves WriteTimeout unset made a choice (streaming,
 * websockets, long polls); its missing write timeouts are named in the
 * message of a server that sets none, not reported alone.
 *
 * Silent where a maintainer would dismiss it (each case is argued in
 * docs/rules/server-no-timeouts.md): a read timeout is set by a function
 * the Server is handed to before it is served (a functional option of the
 * caller's, a helper of this file), by a caller in this file of the
 * constructor that returns it, or through the field it is kept in; the
 * server listens on loopback or a unix socket only (by address or
 * listener, also a loopback default behind a flag or environment lookup);
 * the code is no production server (_test.go files, files no build
 * includes, examples, dev tools and test helpers by directory, package or
 * a *testing.T parameter); gosec's own `#nosec G112/G114` is on the line;
 * the code is net/http's own (it defines the defaults; its callers are
 * reported). A type or function named Server or Serve is net/http's only
 * through the name net/http is imported under (or inside net/http).
 *
 * Findings carry a safe fix where there is one (a Server with
 * ReadHeaderTimeout in place of ListenAndServe & co, the field added to
 * a literal): see "fixes" below.
 */
#include "lint/lint.h"
#include "lint/facts.h"
#include "lint/fix.h"
#include "lint/imports.h"
#include "lint/resource.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>

static const char *const needles[] = { "ListenAndServe", "Serve(", "ServeTLS(", "Server{", "http.Server", NULL };

/*
 * Files of the package that may declare a package-level `time` (which a
 * fix importing package time would clash with): parsed for the facts.
 */
static const char *const fact_needles[] = { "var time", "const time", "type time", "func time(", "\ttime ", NULL };

/* ------------------------------------------------------------ whose names */

/*
 * How this file qualifies net/http's names, in buf: "http", an alias, ""
 * (a dot import, or net/http's own files) or "-" (matches nothing). A
 * package named http that imports net/http is not net/http: its
 * unqualified Server and Serve are its own.
 */
static void http_qualifier(const struct rule_ctx *rc, char *buf, size_t size)
{
	const struct ast *ast = rc->ast;
	uint32_t i;

	snprintf(buf, size, "%s", rc->file->imports->http);
	if (!rc->file->imports->is_http)
		return;
	for (i = 0; i < ast->nr; i++) {
		uint32_t path, name;
		size_t len;
		const char *p;

		if (ast->nodes[i].kind == AST_function_declaration || ast->nodes[i].kind == AST_method_declaration)
			break;
		if (ast->nodes[i].kind != AST_import_spec)
			continue;
		path = ast_field(ast, i, FIELD_path);
		p = ast_text(ast, path, &len);
		if (len != 10 || memcmp(p, "\"net/http\"", 10))
			continue;
		name = ast_field(ast, i, FIELD_name);
		if (name == AST_NONE)
			snprintf(buf, size, "http");
		else if (ast_text_is(ast, name, "."))
			buf[0] = '\0';
		else if (ast_is_blank(ast, name))
			snprintf(buf, size, "-");
		else
			snprintf(buf, size, "%.*s", (int)(ast->nodes[name].end - ast->nodes[name].start),
				 ast->src + ast->nodes[name].start);
		return;
	}
}

/* ------------------------------------------------------------ serving */

static const char *const serve_names[] = { "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS" };

static int is_serve_name(const struct ast *ast, uint32_t name)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(serve_names); i++)
		if (ast_text_is(ast, name, serve_names[i]))
			return 1;
	return 0;
}

/* ListenAndServe and ListenAndServeTLS listen on the Server's Addr. */
static int listens_on_addr(const struct ast *ast, uint32_t name)
{
	return ast_text_is(ast, name, "ListenAndServe") || ast_text_is(ast, name, "ListenAndServeTLS");
}

enum timeout {
	T_READ_HEADER = 1, T_READ = 2, T_WRITE = 4, T_IDLE = 8,
};
#define T_READS (T_READ_HEADER | T_READ)

static const struct {
	const char *field;
	unsigned bit;
} timeout_fields[] = {
	{ "ReadHeaderTimeout", T_READ_HEADER },
	{ "ReadTimeout", T_READ },
	{ "WriteTimeout", T_WRITE },
	{ "IdleTimeout", T_IDLE },
};

static unsigned timeout_bit(const struct ast *ast, uint32_t name)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(timeout_fields); i++)
		if (ast_text_is(ast, name, timeout_fields[i].field))
			return timeout_fields[i].bit;
	return 0;
}

/* The value of key `key` in composite literal lit, or AST_NONE. */
static uint32_t literal_field(const struct ast *ast, uint32_t lit, const char *key)
{
	uint32_t body = ast_field(ast, lit, FIELD_body), c;
	ast_for_each_child(ast, body, c) {
		uint32_t k, v;
		if (ast_kind(ast, c) != AST_keyed_element)
			continue;
		k = ast_field(ast, c, FIELD_key);
		v = ast_field(ast, c, FIELD_value);
		k = k == AST_NONE ? AST_NONE : ast->nodes[k].first;
		if (ast_kind(ast, k) == AST_identifier && ast_text_is(ast, k, key))
			return v == AST_NONE ? AST_NONE : ast_unparen(ast, ast->nodes[v].first);
	}
	return AST_NONE;
}

/* The timeouts a literal sets to something other than 0. */
static unsigned literal_timeouts(const struct ast *ast, uint32_t lit)
{
	unsigned set = 0;
	size_t i;
	for (i = 0; i < ARRAY_SIZE(timeout_fields); i++) {
		uint32_t v = literal_field(ast, lit, timeout_fields[i].field);
		if (v != AST_NONE && !ast_text_is(ast, v, "0"))
			set |= timeout_fields[i].bit;
	}
	return set;
}

/*
 * Where the literal's value goes, through & and parentheses: its handle
 * (the identifier or selector it is assigned to) or AST_NONE; the serving
 * call when it is served right there ((&http.Server{...}).ListenAndServe()),
 * and whether it is returned as it is.
 */
static uint32_t literal_handle(const struct ast *ast, uint32_t lit, uint32_t *served_here, int *returned)
{
	uint32_t e = lit, p, gp, c, pos = 0, n = 0, lhs;

	*served_here = AST_NONE;
	*returned = 0;
	for (;;) {
		p = ast->nodes[e].parent;
		if (ast_kind(ast, p) == AST_parenthesized_expression ||
		    (ast_kind(ast, p) == AST_unary_expression &&
		     ast_text_is(ast, ast_field(ast, p, FIELD_operator), "&")))
			e = p;
		else
			break;
	}
	if (ast_kind(ast, p) == AST_selector_expression) {
		if (is_serve_name(ast, ast_field(ast, p, FIELD_field)) &&
		    ast_kind(ast, ast->nodes[p].parent) == AST_call_expression)
			*served_here = ast->nodes[p].parent;
		return AST_NONE;
	}
	if (ast_kind(ast, p) != AST_expression_list)
		return AST_NONE;
	ast_for_each_child(ast, p, c) {
		if (c == e)
			pos = n;
		n++;
	}
	gp = ast->nodes[p].parent;
	if (ast_kind(ast, gp) == AST_return_statement) {
		*returned = 1;
		return AST_NONE;
	}
	if ((ast_kind(ast, gp) == AST_short_var_declaration || ast_kind(ast, gp) == AST_assignment_statement) &&
	    ast->nodes[p].field == FIELD_right) {
		lhs = ast_field(ast, gp, FIELD_left);
		return ast_child(ast, lhs, ast_child_count(ast, lhs) == n ? pos : 0);
	}
	if (ast_kind(ast, gp) == AST_var_spec && ast->nodes[p].field == FIELD_value) {
		n = 0;
		ast_for_each_child(ast, gp, c)
			if (ast->nodes[c].field == FIELD_name && n++ == pos)
				return c;
	}
	return AST_NONE;
}

/* ------------------------------------------------------------ where it listens */

enum reach {
	REACH_UNKNOWN, /* not an address, or not known */
	REACH_LOCAL,   /* loopback or a unix socket */
	REACH_ANY,     /* all interfaces, or another host */
};

static int is_loopback_host(const char *h, size_t n)
{
	return (n == 9 && !strncasecmp(h, "localhost", 9)) || (n >= 4 && !memcmp(h, "127.", 4)) ||
	       (n == 3 && !memcmp(h, "::1", 3));
}

/*
 * Classify the contents of a string literal used as an address: "host:port",
 * ":port", "[::1]:port", or a bare host. Text with blanks is no address.
 */
static enum reach classify_address(const char *s, size_t n)
{
	const char *host = s, *colon;
	size_t hn, i, colons = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
			return REACH_UNKNOWN;
		colons += s[i] == ':';
	}
	if (n == 0 || s[0] == ':')
		return REACH_ANY; /* "" and ":8080" listen on every interface */
	if (s[0] == '[') {
		const char *close = memchr(s, ']', n);
		if (!close)
			return REACH_UNKNOWN;
		host = s + 1;
		hn = (size_t)(close - host);
	} else if (colons >= 2) {
		hn = n; /* a bare IPv6 address */
	} else {
		colon = memchr(s, ':', n);
		hn = colon ? (size_t)(colon - s) : n;
	}
	if (is_loopback_host(host, hn))
		return REACH_LOCAL;
	if (hn && host[0] == '%')
		return REACH_UNKNOWN; /* a format verb: see the arguments */
	if (colons)
		return REACH_ANY;
	for (i = 0; i < hn; i++)
		if (!(host[i] == '.' || (host[i] >= '0' && host[i] <= '9')))
			return REACH_UNKNOWN; /* "tcp", "http": a word, not a host */
	return REACH_ANY;
}

static enum reach literal_reach(const struct ast *ast, uint32_t lit)
{
	size_t len;
	const char *s = ast_text(ast, lit, &len);
	if (len < 2)
		return REACH_UNKNOWN;
	return classify_address(s + 1, len - 2);
}

static int is_string_literal(const struct ast *ast, uint32_t n)
{
	return ast_kind(ast, n) == AST_interpreted_string_literal || ast_kind(ast, n) == AST_raw_string_literal;
}

/* A package-level var or const's value, for identifier id (AST_NONE if none). */
static uint32_t package_value(const struct ast *ast, uint32_t id)
{
	uint32_t i;
	for (i = 0; i < ast->nr; i++) {
		uint32_t spec = i, c, values, pos = 0, n = 0;
		int found = 0;

		if (ast_is_func(ast->nodes[i].kind)) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (!(ast->nodes[i].kind == AST_var_spec ||
		      (ast_kind(ast, ast->nodes[i].parent) == AST_const_declaration &&
		       ast->nodes[i].kind == AST_OTHER)))
			continue;
		ast_for_each_child(ast, spec, c) {
			if (ast->nodes[c].field != FIELD_name)
				continue;
			if (ast_same_text(ast, c, id)) {
				pos = n;
				found = 1;
			}
			n++;
		}
		if (!found)
			continue;
		values = ast_field(ast, spec, FIELD_value);
		if (values == AST_NONE)
			return AST_NONE;
		if (ast_kind(ast, values) != AST_expression_list)
			return pos == 0 ? values : AST_NONE;
		return ast_child(ast, values, ast_child_count(ast, values) == n ? pos : 0);
	}
	return AST_NONE;
}

/*
 * The value last given to identifier id before node `at`: in the functions
 * around it, else at package level. AST_NONE when unknown (a parameter).
 */
static uint32_t value_before(const struct ast *ast, uint32_t id, uint32_t at)
{
	uint32_t fn, rhs;
	for (fn = ast_enclosing_func(ast, at); fn != AST_NONE; fn = ast_enclosing_func(ast, fn))
		if (resource_def_before(ast, fn, id, ast->nodes[at].start, &rhs) != AST_NONE)
			return rhs;
	if (ast_declared_in(ast, ast_enclosing_func(ast, at), id))
		return AST_NONE; /* a parameter, a range variable */
	return package_value(ast, id);
}

/*
 * Where an address expression points: string literals, "host:" + port,
 * fmt.Sprintf("localhost:%d", p) or ("%s:%d", host, p),
 * net.JoinHostPort(host, p), variables and constants by their value,
 * *flagVar by its flag. Any other call with address literals among its
 * arguments gives their verdict: a loopback default behind a flag or an
 * environment lookup (flag.String("http", "localhost:0", ...),
 * cmp.Or(os.Getenv("HOST"), "127.0.0.1")) is taken as the server's place.
 */
static enum reach addr_reach(const struct ast *ast, uint32_t e, int depth)
{
	uint32_t args, a;
	enum reach r = REACH_UNKNOWN;

	e = ast_unparen(ast, e);
	if (e == AST_NONE || depth > 8)
		return REACH_UNKNOWN;
	if (is_string_literal(ast, e))
		return literal_reach(ast, e);
	switch (ast_kind(ast, e)) {
	case AST_identifier:
		return addr_reach(ast, value_before(ast, e, e), depth + 1);
	case AST_unary_expression:
		return addr_reach(ast, ast_field(ast, e, FIELD_operand), depth + 1);
	case AST_binary_expression:
		if (!ast_text_is(ast, ast_field(ast, e, FIELD_operator), "+"))
			return REACH_UNKNOWN;
		return addr_reach(ast, ast_field(ast, e, FIELD_left), depth + 1);
	case AST_call_expression:
		break;
	default:
		return REACH_UNKNOWN;
	}
	args = ast_field(ast, e, FIELD_arguments);
	if (ast_call_is(ast, e, "fmt", "Sprintf")) {
		uint32_t f = ast_child(ast, args, 0);
		size_t len;
		const char *s;
		if (!is_string_literal(ast, f))
			return REACH_UNKNOWN;
		s = ast_text(ast, f, &len);
		if (len > 2 && s[1] == '%')
			return addr_reach(ast, ast_child(ast, args, 1), depth + 1);
		return literal_reach(ast, f);
	}
	if (ast_call_is(ast, e, "net", "JoinHostPort")) {
		uint32_t h = ast_unparen(ast, ast_child(ast, args, 0));
		if (is_string_literal(ast, h)) {
			size_t len;
			const char *s = ast_text(ast, h, &len);
			if (len == 2)
				return REACH_ANY; /* "" */
			return is_loopback_host(s + 1, len - 2) ? REACH_LOCAL : REACH_ANY;
		}
		return addr_reach(ast, h, depth + 1);
	}
	ast_for_each_child(ast, args, a) {
		enum reach ar;
		if (!is_string_literal(ast, a))
			continue;
		ar = literal_reach(ast, a);
		if (ar == REACH_ANY)
			return REACH_ANY;
		if (ar == REACH_LOCAL)
			r = REACH_LOCAL;
	}
	return r;
}

/*
 * The declaration in this file of the function or method (by name) call
 * calls, or AST_NONE.
 */
static uint32_t called_decl(const struct ast *ast, uint32_t call)
{
	uint32_t f = ast_unparen(ast, ast_field(ast, call, FIELD_function)), name, i;
	int method;

	if (ast_kind(ast, f) == AST_identifier) {
		name = f;
		method = 0;
	} else if (ast_kind(ast, f) == AST_selector_expression) {
		name = ast_field(ast, f, FIELD_field);
		method = 1;
	} else {
		return AST_NONE;
	}
	for (i = 0; i < ast->nr; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		if (k == (method ? AST_method_declaration : AST_function_declaration) &&
		    ast_same_text(ast, ast_field(ast, i, FIELD_name), name))
			return i;
	}
	return AST_NONE;
}

static int listen_call_local(const struct ast *ast, uint32_t call, int depth);

/*
 * True when function decl returns listeners on loopback only: the first
 * value of each of its returns is nil or a local listen call (directly or
 * through the variable it was put in), and one at least is a listener.
 */
static int returns_local_listener(const struct ast *ast, uint32_t decl, int depth)
{
	uint32_t body = ast_func_body(ast, decl), i, end;
	int found = 0;

	if (body == AST_NONE)
		return 0;
	end = ast_subtree_end(ast, body);
	for (i = body; i <= end; i++) {
		uint32_t v;
		if (ast->nodes[i].kind != AST_return_statement || ast_enclosing_func(ast, i) != decl)
			continue;
		v = ast_unparen(ast, ast_child(ast, ast_child(ast, i, 0), 0));
		if (v == AST_NONE)
			return 0; /* a bare return of named results */
		if (ast_kind(ast, v) == AST_nil)
			continue;
		if (ast_kind(ast, v) == AST_identifier)
			v = value_before(ast, v, i);
		if (v == AST_NONE || ast_kind(ast, v) != AST_call_expression ||
		    !listen_call_local(ast, v, depth + 1))
			return 0;
		found = 1;
	}
	return found;
}

/*
 * True when call opens a listener on loopback or a unix socket
 * (net.Listen, lc.Listen, tls.Listen, a function of this file that returns
 * only such listeners).
 */
static int listen_call_local(const struct ast *ast, uint32_t call, int depth)
{
	uint32_t name = ast_call_name(ast, call), args = ast_field(ast, call, FIELD_arguments), a;
	size_t nlen;
	const char *ns;

	if (name == AST_NONE || depth > 8)
		return 0;
	ns = ast_text(ast, name, &nlen);
	if (ast_text_is(ast, name, "ListenUnix"))
		return 1; /* net.ListenUnix: a unix socket whatever its network */
	if (ast_text_is(ast, name, "Listen")) {
		ast_for_each_child(ast, args, a) {
			if (!is_string_literal(ast, a))
				continue;
			if (ast_text_is(ast, a, "\"unix\"") || ast_text_is(ast, a, "\"unixpacket\""))
				return 1;
			if (ast_text_is(ast, a, "\"tcp\"") || ast_text_is(ast, a, "\"tcp4\"") ||
			    ast_text_is(ast, a, "\"tcp6\""))
				return addr_reach(ast, ast->nodes[a].next, 0) == REACH_LOCAL;
		}
		return 0;
	}
	/* tls.NewListener(ln, cfg), netutil.LimitListener(ln, n): as the listener they wrap */
	if (nlen > 8 && !memcmp(ns + nlen - 8, "Listener", 8)) {
		uint32_t inner = ast_unparen(ast, ast_child(ast, args, 0));
		if (ast_kind(ast, inner) == AST_call_expression)
			return listen_call_local(ast, inner, depth + 1);
		if (ast_kind(ast, inner) == AST_identifier) {
			uint32_t v = value_before(ast, inner, call);
			return v != AST_NONE && ast_kind(ast, v) == AST_call_expression &&
			       listen_call_local(ast, v, depth + 1);
		}
	}
	{
		uint32_t decl = called_decl(ast, call);
		return decl != AST_NONE && returns_local_listener(ast, decl, depth + 1);
	}
}

/*
 * True when listener expression l (used at `at`) is local: every value the
 * variable gets before `at` in its function is a local listen call.
 */
static int listener_local(const struct ast *ast, uint32_t l, uint32_t at)
{
	uint32_t fn, def, rhs, before;
	int found = 0;

	l = ast_unparen(ast, l);
	if (ast_kind(ast, l) == AST_call_expression)
		return listen_call_local(ast, l, 0);
	if (ast_kind(ast, l) != AST_identifier)
		return 0;
	for (fn = ast_enclosing_func(ast, at); fn != AST_NONE; fn = ast_enclosing_func(ast, fn)) {
		before = ast->nodes[at].start;
		while ((def = resource_def_before(ast, fn, l, before, &rhs)) != AST_NONE) {
			before = ast->nodes[def].start;
			if (ast_kind(ast, def) == AST_var_spec && ast_field(ast, def, FIELD_value) == AST_NONE)
				continue; /* var ln net.Listener */
			if (rhs == AST_NONE || ast_kind(ast, rhs) != AST_call_expression ||
			    !listen_call_local(ast, rhs, 0))
				return 0;
			found = 1;
		}
		if (found)
			return 1;
	}
	return 0;
}

/* ------------------------------------------------------------ configured elsewhere */

/*
 * The read timeouts function decl (a declaration of this file) assigns
 * through its parameter number `argpos` (`s.ReadTimeout = d`).
 */
static unsigned param_timeouts(const struct ast *ast, uint32_t decl, uint32_t argpos)
{
	uint32_t params = ast_field(ast, decl, FIELD_parameters), d, c, p = AST_NONE, n = 0, i, end;
	unsigned set = 0;

	ast_for_each_child(ast, params, d) {
		if (ast_kind(ast, d) != AST_parameter_declaration)
			continue;
		ast_for_each_child(ast, d, c)
			if (ast->nodes[c].field == FIELD_name && n++ == argpos)
				p = c;
	}
	if (p == AST_NONE)
		return 0;
	end = ast_subtree_end(ast, decl);
	for (i = decl; i <= end; i++) {
		uint32_t list;
		if (ast->nodes[i].kind != AST_selector_expression ||
		    !ast_same_text(ast, ast_unparen(ast, ast_field(ast, i, FIELD_operand)), p))
			continue;
		list = ast->nodes[i].parent;
		if (ast_kind(ast, list) == AST_expression_list && ast->nodes[list].field == FIELD_left)
			set |= timeout_bit(ast, ast_field(ast, i, FIELD_field));
	}
	return set;
}

/*
 * What handing the Server to `call` as argument number argpos may set.
 * A function value (a parameter, a range variable over options, a local)
 * is the caller's configuration hook: it may set anything. A function or
 * method of this file is read. Anything else sets nothing we know of
 * (http2.ConfigureServer reads the timeouts, it does not set them).
 */
static unsigned handed_to(const struct ast *ast, uint32_t call, uint32_t argpos)
{
	uint32_t f = ast_unparen(ast, ast_field(ast, call, FIELD_function)), decl;

	if (ast_kind(ast, f) == AST_identifier && ast_declared_in(ast, ast_enclosing_func(ast, call), f))
		return T_READS;
	decl = called_decl(ast, call);
	return decl == AST_NONE ? 0 : param_timeouts(ast, decl, argpos);
}

struct handle_use {
	uint32_t serve;   /* first serving call through the handle, or AST_NONE */
	int escapes;      /* the handle is used as a value (passed, returned, stored) */
	int returned;     /* ... returned in particular */
	unsigned set;     /* timeouts assigned through the handle (before `serve`) */
	uint32_t method;  /* a serving method taken as a value (g.Go(srv.ListenAndServe)), or AST_NONE */
	int local_listener; /* passed on beside a loopback listener (start(srv, ln)) */
};

/* True when selector `sel`'s operand is the handle (same text). */
static int through_handle(const struct ast *ast, uint32_t sel, uint32_t handle)
{
	uint32_t op = ast_unparen(ast, ast_field(ast, sel, FIELD_operand));
	return ast_same_text(ast, op, handle);
}

static void scan_handle(const struct ast *ast, uint32_t scope, uint32_t handle, uint32_t after,
			struct handle_use *u)
{
	uint32_t i, end = ast_subtree_end(ast, scope);
	int ident = ast_kind(ast, handle) == AST_identifier;

	u->serve = u->method = AST_NONE;
	u->escapes = u->returned = u->local_listener = 0;
	u->set = 0;
	if (ast->nodes[handle].kind == AST_identifier && ast->nodes[handle].field == FIELD_name)
		after = ast->nodes[handle].end; /* var srv http.Server */
	/* The first serving call. */
	for (i = scope; i <= end; i++)
		if (ast->nodes[i].kind == AST_selector_expression && ast->nodes[i].start >= after &&
		    is_serve_name(ast, ast_field(ast, i, FIELD_field)) && through_handle(ast, i, handle) &&
		    ast_kind(ast, ast->nodes[i].parent) == AST_call_expression) {
			u->serve = ast->nodes[i].parent;
			break;
		}
	for (i = scope; i <= end; i++) {
		uint32_t p, e;
		int before_serve = u->serve == AST_NONE || ast->nodes[i].start < ast->nodes[u->serve].start;

		if (ast->nodes[i].start < after)
			continue;
		/* srv.ReadTimeout = d (before the serving call) */
		if (ast->nodes[i].kind == AST_selector_expression && through_handle(ast, i, handle)) {
			uint32_t list = ast->nodes[i].parent;
			if (ast_kind(ast, list) == AST_expression_list && ast->nodes[list].field == FIELD_left &&
			    before_serve)
				u->set |= timeout_bit(ast, ast_field(ast, i, FIELD_field));
			/* g.Go(srv.ListenAndServe): served by whoever calls the value */
			if (is_serve_name(ast, ast_field(ast, i, FIELD_field)) &&
			    !(ast_kind(ast, list) == AST_call_expression && ast->nodes[i].field == FIELD_function)) {
				u->escapes = 1;
				if (u->method == AST_NONE)
					u->method = i;
			}
			i = ast_subtree_end(ast, i);
			continue;
		}
		/* A bare use of the variable: passed, returned, stored. */
		if (!ident || ast->nodes[i].kind != AST_identifier || !ast_same_text(ast, i, handle))
			continue;
		e = i;
		p = ast->nodes[i].parent;
		while (ast_kind(ast, p) == AST_parenthesized_expression ||
		       ast_kind(ast, p) == AST_unary_expression) {
			e = p;
			p = ast->nodes[p].parent;
		}
		if (ast_kind(ast, p) == AST_selector_expression)
			continue; /* srv.Field, srv.Method() */
		if (ast_kind(ast, p) == AST_expression_list && ast->nodes[p].field == FIELD_left)
			continue; /* assigned to */
		u->escapes = 1;
		if (ast_kind(ast, p) == AST_expression_list &&
		    ast_kind(ast, ast->nodes[p].parent) == AST_return_statement)
			u->returned = 1;
		/* configure(srv), opt(srv) before it is served */
		if (ast_kind(ast, p) == AST_argument_list && before_serve &&
		    ast_kind(ast, ast->nodes[ast->nodes[p].parent].parent) != AST_go_statement) {
			uint32_t c, pos = 0;
			ast_for_each_child(ast, p, c) {
				if (c == e)
					break;
				pos++;
			}
			u->set |= handed_to(ast, ast->nodes[p].parent, pos);
		}
		/* start(srv, ln) with ln a loopback listener: served there */
		if (ast_kind(ast, p) == AST_argument_list) {
			uint32_t c;
			ast_for_each_child(ast, p, c)
				if (c != e && ast_kind(ast, ast_unparen(ast, c)) == AST_identifier &&
				    listener_local(ast, c, ast->nodes[p].parent))
					u->local_listener = 1;
		}
	}
}

/* True when node i is the left side of an assignment to a selector `x.field`. */
static int assigns_field(const struct ast *ast, uint32_t i, uint32_t field)
{
	uint32_t list = ast->nodes[i].parent;
	return ast->nodes[i].kind == AST_selector_expression &&
	       ast_same_text(ast, ast_field(ast, i, FIELD_field), field) &&
	       ast_kind(ast, list) == AST_expression_list && ast->nodes[list].field == FIELD_left;
}

/*
 * Read timeouts set on a Server kept in field `field` anywhere in the
 * file (`x.field.ReadTimeout = d`, in whichever method), except in a
 * function that stored its own Server in the field first: those
 * configure that one.
 */
static unsigned field_timeouts(const struct ast *ast, uint32_t field)
{
	uint32_t i, j;
	unsigned set = 0;
	for (i = 0; i < ast->nr; i++) {
		uint32_t op, list, fn;
		int own = 0;
		if (ast->nodes[i].kind != AST_selector_expression)
			continue;
		op = ast_unparen(ast, ast_field(ast, i, FIELD_operand));
		list = ast->nodes[i].parent;
		if (ast_kind(ast, op) != AST_selector_expression ||
		    !ast_same_text(ast, ast_field(ast, op, FIELD_field), field) ||
		    ast_kind(ast, list) != AST_expression_list || ast->nodes[list].field != FIELD_left)
			continue;
		fn = ast_enclosing_func(ast, i);
		for (j = fn == AST_NONE ? i : fn; j < i && !own; j++)
			own = assigns_field(ast, j, field);
		if (!own)
			set |= timeout_bit(ast, ast_field(ast, i, FIELD_field));
	}
	return set;
}

/*
 * Read timeouts the callers of constructor fn (in this file) set on what
 * it returns: `srv := newServer(); srv.ReadHeaderTimeout = d`.
 */
static unsigned caller_timeouts(const struct ast *ast, uint32_t fn)
{
	uint32_t name = ast_field(ast, fn, FIELD_name), i;
	unsigned set = 0;

	if (ast_kind(ast, fn) == AST_func_literal || name == AST_NONE)
		return 0;
	for (i = 0; i < ast->nr; i++) {
		uint32_t list, stmt, lhs, handle, scope;
		struct handle_use u;

		if (ast->nodes[i].kind != AST_call_expression ||
		    !ast_same_text(ast, ast_call_name(ast, i), name))
			continue;
		list = ast->nodes[i].parent;
		stmt = ast_kind(ast, list) == AST_expression_list ? ast->nodes[list].parent : AST_NONE;
		if ((ast_kind(ast, stmt) != AST_short_var_declaration &&
		     ast_kind(ast, stmt) != AST_assignment_statement) || ast->nodes[list].field != FIELD_right)
			continue;
		lhs = ast_field(ast, stmt, FIELD_left);
		handle = ast_child(ast, lhs, 0);
		scope = ast_enclosing_func(ast, i);
		if (handle == AST_NONE || scope == AST_NONE)
			continue;
		scan_handle(ast, scope, handle, ast->nodes[i].end, &u);
		set |= u.set;
		if (ast_kind(ast, handle) == AST_selector_expression)
			set |= field_timeouts(ast, ast_field(ast, handle, FIELD_field));
	}
	return set;
}

/* ------------------------------------------------------------ not a production server */

static int word_in(const char *s, size_t n, const char *w)
{
	size_t wl = strlen(w), i;
	for (i = 0; i + wl <= n; i++) {
		int before = i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_' || s[i - 1] == '!');
		int after = i + wl == n || !(isalnum((unsigned char)s[i + wl]) || s[i + wl] == '_');
		if (before && after && !memcmp(s + i, w, wl))
			return 1;
	}
	return 0;
}

/* A file no build includes: `//go:build ignore` (or none), `// +build ignore`, for `go run` by hand. */
static int never_built(const struct ast *ast)
{
	uint32_t i, pkg = AST_NONE, c;
	ast_for_each_child(ast, 0, c)
		if (ast->nodes[c].kind == AST_package_clause) {
			pkg = c;
			break;
		}
	for (i = 0; i < ast->nr_comments; i++) {
		const struct ast_comment *cm = &ast->comments[i];
		const char *s = ast->src + cm->start;
		size_t n = cm->end - cm->start;
		if (pkg != AST_NONE && cm->start >= ast->nodes[pkg].start)
			break;
		if ((n > 10 && !memcmp(s, "//go:build", 10)) || (n > 9 && !memcmp(s, "// +build", 9)))
			if (word_in(s, n, "ignore") || word_in(s, n, "none"))
				return 1;
	}
	return 0;
}

/* Directories of examples, dev tools and test helpers. */
static const char *const dev_dirs[] = {
	"example", "examples", "_example", "_examples", "sample", "samples", "demo", "demos",
	"hack", "tools", "scripts",
	"test", "tests", "e2e", "testdata", "testutil", "testutils", "testing", "testhelper", "testhelpers",
	"dummy", "mock", "mocks", "fake", "fakes",
};

/* True when a '/'-separated component of s[0..n) is a dev directory. */
static int has_dev_component(const char *s, size_t n)
{
	size_t start = 0, i, k;
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '/')
			continue;
		for (k = 0; k < ARRAY_SIZE(dev_dirs); k++)
			if (strlen(dev_dirs[k]) == i - start && !memcmp(s + start, dev_dirs[k], i - start))
				return 1;
		start = i + 1;
	}
	return 0;
}

static int exists_in(const char *dir, size_t len, const char *name)
{
	char p[PATH_MAX];
	if (snprintf(p, sizeof(p), "%.*s/%s", (int)len, dir, name) >= (int)sizeof(p))
		return 0;
	return access(p, F_OK) == 0;
}

/*
 * True when the file lies in a dev directory of its repository: the
 * directories below the outermost go.mod (up to the repository's .git),
 * so that an examples/ module nested in the repository keeps its
 * "examples", and directories above the repository (a checkout under
 * ~/tools/) do not count. Without a go.mod, the path as given (relative
 * to where plumber runs).
 */
static int in_dev_dir(const char *path)
{
	char real[PATH_MAX], dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t len, root = SIZE_MAX;

	if (!slash)
		return 0; /* a file of the current directory: nothing above it is known */
	if ((size_t)(slash - path) >= sizeof(dir))
		return has_dev_component(path, (size_t)(slash - path));
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	if (!realpath(dir[0] ? dir : "/", real))
		return has_dev_component(path, (size_t)(slash - path));
	for (len = strlen(real); len > 0;) {
		if (exists_in(real, len, "go.mod"))
			root = len;
		if (exists_in(real, len, ".git"))
			break;
		while (len > 0 && real[len - 1] != '/')
			len--;
		if (len > 0)
			len--; /* drop the slash: one directory up */
	}
	if (root == SIZE_MAX)
		return has_dev_component(path, (size_t)(slash - path));
	return has_dev_component(real + root, strlen(real + root));
}

/* A package of test helpers: httptest-style `<x>test`, testutil, mocks and fakes. */
static int test_helper_package(const struct ast *ast)
{
	static const char *const exact[] = { "testing", "testutil", "testutils", "testhelper", "testhelpers",
					     "mock", "mocks", "fake", "fakes", "e2e" };
	uint32_t c, name;
	size_t len, i;
	const char *s;

	ast_for_each_child(ast, 0, c)
		if (ast->nodes[c].kind == AST_package_clause)
			break;
	if (c == AST_NONE || (name = ast->nodes[c].first) == AST_NONE)
		return 0;
	s = ast_text(ast, name, &len);
	for (i = 0; i < ARRAY_SIZE(exact); i++)
		if (strlen(exact[i]) == len && !memcmp(s, exact[i], len))
			return 1;
	return len > 4 && !memcmp(s + len - 4, "test", 4) && !(len == 6 && !memcmp(s, "latest", 6)) &&
	       !(len == 7 && !memcmp(s, "contest", 7));
}

/* A test helper outside _test.go: a function taking *testing.T, *testing.B, testing.TB... */
static int in_test_helper(const struct ast *ast, uint32_t at)
{
	uint32_t fn, params, d, t;
	for (fn = ast_enclosing_func(ast, at); fn != AST_NONE; fn = ast_enclosing_func(ast, fn)) {
		params = ast_field(ast, fn, FIELD_parameters);
		ast_for_each_child(ast, params, d) {
			t = ast_field(ast, d, FIELD_type);
			if (ast_kind(ast, t) == AST_pointer_type)
				t = ast->nodes[t].first;
			if (ast_kind(ast, t) == AST_qualified_type &&
			    ast_text_is(ast, ast_field(ast, t, FIELD_package), "testing"))
				return 1;
		}
	}
	return 0;
}

/*
 * gosec's own suppression for this check, `#nosec` alone or naming `code`
 * (G112 for a Server literal, G114 for ListenAndServe & co), on the
 * finding's line or on a line of its own just above the statement.
 */
static int nosec(const struct ast *ast, uint32_t at, const char *code)
{
	uint32_t stmt = at, i, line = ast->nodes[at].line;
	while (ast->nodes[stmt].parent != AST_NONE &&
	       ast_kind(ast, ast->nodes[stmt].parent) != AST_statement_list &&
	       ast_kind(ast, ast->nodes[stmt].parent) != AST_block &&
	       ast_kind(ast, ast->nodes[stmt].parent) != AST_source_file)
		stmt = ast->nodes[stmt].parent;
	for (i = 0; i < ast->nr_comments; i++) {
		const struct ast_comment *cm = &ast->comments[i];
		const char *s = ast->src + cm->start, *end = ast->src + cm->end, *p;
		int any = 1;

		if (!(cm->line == line || (cm->own_line && cm->end_line + 1 == ast->nodes[stmt].line)))
			continue;
		p = s;
		while (p + 6 <= end && memcmp(p, "#nosec", 6))
			p++;
		if (p + 6 > end)
			continue;
		p += 6;
		/* #nosec G112 G114, #nosec G112,G114 -- reason */
		for (;;) {
			while (p < end && (*p == ' ' || *p == ','))
				p++;
			if (p + 4 > end || p[0] != 'G' || !isdigit((unsigned char)p[1]))
				break;
			any = 0;
			if (!memcmp(p, code, 4))
				return 1;
			p += 4;
		}
		if (any)
			return 1;
	}
	return 0;
}

/*
 * A file that holds no production server: a test file (Example functions
 * too: a maintainer does not put timeouts in a ten-line example), a file
 * no build includes, a file of an example/dev-tool/test-helper directory
 * or package.
 */
static int dev_file(const struct rule_ctx *rc)
{
	return ends_with(rc->file->path, "_test.go") || never_built(rc->ast) || test_helper_package(rc->ast) ||
	       in_dev_dir(rc->file->path);
}

/* ------------------------------------------------------------ fixes */

/*
 * The fixes (issue 11), offered only where the result is sure to build and
 * to be what gofmt prints:
 * - http.ListenAndServe(addr, h) (ListenAndServeTLS, Serve, ServeTLS too)
 *   becomes a `srv := &http.Server{Addr: addr, Handler: h,
 *   ReadHeaderTimeout: 10 * time.Second}` statement just before the
 *   statement holding the call, and the call `srv.ListenAndServe()` in
 *   the same place, whatever holds it (log.Fatal(...), err := ...,
 *   return ..., go ..., an if's initializer); a one-line function literal
 *   around it is opened onto lines;
 * - a Server literal gets a `ReadHeaderTimeout: 10 * time.Second` field,
 *   its key-value column realigned as gofmt aligns it.
 * Package time is imported when the file does not, in net/http's run of
 * imports at its sorted place. Only one finding of a file carries that
 * import (two would insert it twice); the others get theirs once it is
 * there, in --fix's next round.
 */

#define RHT_KEY "ReadHeaderTimeout"

struct fixer {
	struct rule_ctx *rc;
	const char *hn;        /* net/http's qualifier: "http", an alias, "" */
	int time_known;        /* tq and time_why are computed */
	char tq[64];           /* how the file names package time; "" when it must be imported */
	const char *time_why;  /* why no fix can name package time, or NULL */
	uint32_t import_line;  /* line of the finding whose fix imports time, or 0 */
	char why[200];
	struct {
		uint32_t fn;   /* a top-level function */
		unsigned next; /* the first variable name its next fix may take (srv, srv2...) */
	} names[32];
	size_t nr_names;
};

static uint32_t line_start(const struct ast *ast, uint32_t off)
{
	while (off > 0 && ast->src[off - 1] != '\n')
		off--;
	return off;
}

/* The offset just past the line break ending the line of `off`, or UINT32_MAX at the end of the file. */
static uint32_t next_line(const struct ast *ast, uint32_t off)
{
	while (off < ast->len && ast->src[off] != '\n')
		off++;
	return off < ast->len ? off + 1 : UINT32_MAX;
}

/* The blanks that start the line of `off`, in out. */
static void line_indent(const struct ast *ast, uint32_t off, struct strbuf *out)
{
	uint32_t i;
	for (i = line_start(ast, off); i < ast->len && (ast->src[i] == '\t' || ast->src[i] == ' '); i++)
		strbuf_addch(out, ast->src[i]);
}

/* True when only blanks come before `off` on its line. */
static int starts_line(const struct ast *ast, uint32_t off)
{
	uint32_t i;
	for (i = line_start(ast, off); i < off; i++)
		if (ast->src[i] != '\t' && ast->src[i] != ' ')
			return 0;
	return 1;
}

/* True when only blanks (and a line comment when `comment`) follow `off` on its line. */
static int rest_of_line_blank(const struct ast *ast, uint32_t off, int comment)
{
	for (; off < ast->len && ast->src[off] != '\n'; off++) {
		if (comment && ast->src[off] == '/' && off + 1 < ast->len && ast->src[off + 1] == '/')
			return 1;
		if (ast->src[off] != ' ' && ast->src[off] != '\t' && ast->src[off] != '\r')
			return 0;
	}
	return 1;
}

/* The line break the file uses ("\r\n" when its first line ends so). */
static const char *newline_of(const struct ast *ast)
{
	const char *nl = memchr(ast->src, '\n', ast->len);
	return nl && nl > ast->src && nl[-1] == '\r' ? "\r\n" : "\n";
}

static int has_comment_in(const struct ast *ast, uint32_t start, uint32_t end)
{
	uint32_t i;
	for (i = 0; i < ast->nr_comments; i++)
		if (ast->comments[i].start >= start && ast->comments[i].start < end)
			return 1;
	return 0;
}

static int has_goto(const struct ast *ast, uint32_t fn)
{
	uint32_t i, end = ast_subtree_end(ast, fn);
	for (i = fn; i <= end; i++)
		if (ast->nodes[i].kind == AST_goto_statement)
			return 1;
	return 0;
}

/*
 * How the file names package time (fx->tq), or why it cannot (time_why):
 * imported under a name, that name; not imported, "" as long as nothing
 * in the file, nor a package-level name of the package's files parsed
 * in this run, is called `time` (the import would clash with it).
 */
static void time_setup(struct fixer *fx)
{
	const struct imports *imp = fx->rc->file->imports;
	const struct ast *ast = fx->rc->ast;
	size_t i;
	uint32_t n;

	if (fx->time_known)
		return;
	fx->time_known = 1;
	for (i = 0; i < imp->nr; i++) {
		const struct import_entry *e = &imp->v[i];
		if (e->path_len != 4 || memcmp(e->path, "time", 4))
			continue;
		if (e->name_len == 1 && (e->name[0] == '_' || e->name[0] == '.'))
			fx->time_why = "package time is imported as _ or with a dot";
		else if (e->name_len >= sizeof(fx->tq))
			fx->time_why = "package time is imported under a long name";
		else
			snprintf(fx->tq, sizeof(fx->tq), "%.*s", (int)e->name_len, e->name);
		return;
	}
	for (n = 0; n < ast->nr; n++) {
		enum ast_kind k = ast->nodes[n].kind;
		if ((k == AST_identifier || k == AST_type_identifier || k == AST_package_identifier) &&
		    ast_text_is(ast, n, "time")) {
			fx->time_why = "the name `time` is taken in this file, so package time cannot be imported";
			return;
		}
	}
	/* the package's other files (those parsed for this run) */
	if (fx->rc->facts && (strmap_get(&fx->rc->facts->types.decls, "time", 4) ||
			      strmap_get(&fx->rc->facts->types.vars, "time", 4) ||
			      strmap_get(&fx->rc->facts->types.funcs, "time", 4)))
		fx->time_why = "the package declares `time`, so package time cannot be imported";
}

/*
 * Can a fix at node `at` name package time? Returns NULL, or why not: the
 * file cannot import it, or the function declares a variable under
 * time's name (any use of it but `time.X` is taken for one).
 */
static const char *time_usable(struct fixer *fx, uint32_t at)
{
	const struct ast *ast = fx->rc->ast;
	uint32_t fn = ast_top_func(ast, at), i, end;

	time_setup(fx);
	if (fx->time_why)
		return fx->time_why;
	if (!fx->tq[0] || fn == AST_NONE)
		return NULL;
	end = ast_subtree_end(ast, fn);
	for (i = fn; i <= end; i++) {
		uint32_t p = ast->nodes[i].parent;
		if (ast->nodes[i].kind != AST_identifier || !ast_text_is(ast, i, fx->tq))
			continue;
		if (ast_kind(ast, p) != AST_selector_expression || ast_field(ast, p, FIELD_operand) != i)
			return "a variable of the function hides package time";
	}
	return NULL;
}

/* The unquoted path of import spec s compared with `path` (as strcmp). */
static int spec_path_cmp(const struct ast *ast, uint32_t s, const char *path)
{
	uint32_t node = ast_field(ast, s, FIELD_path);
	size_t len, plen = strlen(path);
	const char *p;
	int c;
	if (node == AST_NONE)
		return -1;
	p = ast_text(ast, node, &len);
	if (len < 2)
		return -1;
	p++;
	len -= 2;
	c = memcmp(p, path, len < plen ? len : plen);
	return c ? c : (len > plen) - (len < plen);
}

/*
 * The edit importing "time", as gofmt sorts it: into the run of imports
 * (specs on consecutive lines) that holds net/http, after the last one
 * whose path sorts before it; `import "net/http"` alone becomes a group.
 * Returns 0 when the imports are laid out in a way it does not handle.
 */
static int import_edit(const struct ast *ast, struct edit_list *edits)
{
	const char *nl = newline_of(ast);
	struct strbuf text = STRBUF_INIT, ind = STRBUF_INIT;
	uint32_t h = AST_NONE, i, list, c, last = AST_NONE, prev = AST_NONE;
	int in_run = 0, ok = 0;

	for (i = 0; i < ast->nr && h == AST_NONE; i++) {
		if (ast->nodes[i].kind == AST_function_declaration || ast->nodes[i].kind == AST_method_declaration)
			break;
		if (ast->nodes[i].kind == AST_import_spec && !spec_path_cmp(ast, i, "net/http"))
			h = i;
	}
	if (h == AST_NONE)
		return 0;
	list = ast->nodes[h].parent;
	if (ast_kind(ast, list) == AST_import_declaration) {
		size_t len;
		const char *t = ast_text(ast, h, &len);
		if (!starts_line(ast, ast->nodes[list].start) || ast->nodes[list].col != 1 ||
		    !rest_of_line_blank(ast, ast->nodes[list].end, 0))
			return 0;
		strbuf_addf(&text, "(%s\t%.*s%s\t\"time\"%s)", nl, (int)len, t, nl, nl);
		edit_list_add(edits, ast->nodes[h].start, ast->nodes[h].end, text.buf);
		strbuf_release(&text);
		return 1;
	}
	/* The run around net/http; `last` is its last spec sorting before "time" (net/http does). */
	ast_for_each_child(ast, list, c) {
		if (ast->nodes[c].kind != AST_import_spec)
			continue;
		if (prev == AST_NONE || ast->nodes[c].line > ast->nodes[prev].end_line + 1) {
			if (in_run)
				break;
			last = AST_NONE;
		}
		in_run |= c == h;
		if (spec_path_cmp(ast, c, "time") < 0)
			last = c;
		prev = c;
	}
	if (last != AST_NONE) {
		uint32_t at = next_line(ast, ast->nodes[last].end);
		if (starts_line(ast, ast->nodes[last].start) && rest_of_line_blank(ast, ast->nodes[last].end, 1) &&
		    at != UINT32_MAX) {
			line_indent(ast, ast->nodes[last].start, &ind);
			strbuf_addf(&text, "%s\"time\"%s", ind.buf, nl);
			edit_list_add(edits, at, at, text.buf);
			ok = 1;
		}
	}
	strbuf_release(&text);
	strbuf_release(&ind);
	return ok;
}

/*
 * Edits naming package time in a fix at `at`: nothing, or the import.
 * Returns NULL, or why no fix can be offered (also: the file does not
 * parse, so nothing can be said of the result).
 */
static const char *time_edits(struct fixer *fx, uint32_t at, struct edit_list *edits, int *imports)
{
	const char *why = time_usable(fx, at);
	*imports = 0;
	if (fx->rc->ast->has_error)
		why = "the file has syntax errors";
	if (!why && !fx->tq[0] && fx->import_line) {
		snprintf(fx->why, sizeof(fx->why),
			 "no automatic fix in this pass: it needs the import of \"time\" that the fix at line %u "
			 "adds; --fix offers it in its next round", fx->import_line);
		return fx->why;
	}
	if (!why && !fx->tq[0] && !import_edit(fx->rc->ast, edits))
		why = "the imports are laid out in a way the fix does not handle";
	if (why) {
		snprintf(fx->why, sizeof(fx->why), "no automatic fix: %s", why);
		return fx->why;
	}
	*imports = !fx->tq[0];
	return NULL;
}

/* An expression whose evaluation has no effect: no call, receive or function literal in it. */
static int inert(const struct ast *ast, uint32_t e)
{
	uint32_t i, end;
	if (e == AST_NONE)
		return 1;
	end = ast_subtree_end(ast, e);
	for (i = e; i <= end; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		if (k == AST_call_expression || k == AST_func_literal || k == AST_type_conversion_expression ||
		    (k == AST_unary_expression && ast_text_is(ast, ast_field(ast, i, FIELD_operator), "<-")))
			return 0;
	}
	return 1;
}

/* A function named by identifiers only: f, log.Fatal, s.logger.Error. */
static int name_chain(const struct ast *ast, uint32_t e)
{
	e = ast_unparen(ast, e);
	while (ast_kind(ast, e) == AST_selector_expression)
		e = ast_unparen(ast, ast_field(ast, e, FIELD_operand));
	return ast_kind(ast, e) == AST_identifier;
}

/* True when every child of `list` but `skip` is inert. */
static int others_inert(const struct ast *ast, uint32_t list, uint32_t skip)
{
	uint32_t c;
	ast_for_each_child(ast, list, c)
		if (c != skip && !inert(ast, c))
			return 0;
	return 1;
}

/*
 * The statement (in a statement list) that a serving call belongs to,
 * when a statement declaring the Server can go just before it without
 * changing the order of anything with effects: the call, wrapped in
 * calls of plain functions whose other arguments are inert, is the
 * expression statement, go statement, send, one value of a return or
 * assignment, or in the initializer of an if. AST_NONE otherwise, and
 * *why says why.
 */
static uint32_t serving_statement(const struct ast *ast, uint32_t call, const char **why)
{
	static const char *const order = "no automatic fix: the statement does more than serving (other calls, "
					 "which would run after the server's arguments instead of before)";
	uint32_t e = call, p, s;

	*why = "no automatic fix: the call is not in a statement a declaration can go before";
	for (;;) {
		p = ast->nodes[e].parent;
		switch (ast_kind(ast, p)) {
		case AST_parenthesized_expression:
			e = p;
			continue;
		case AST_argument_list:
			if (!others_inert(ast, p, e) ||
			    !name_chain(ast, ast_field(ast, ast->nodes[p].parent, FIELD_function))) {
				*why = order;
				return AST_NONE;
			}
			e = ast->nodes[p].parent;
			continue;
		case AST_expression_list:
			s = ast->nodes[p].parent;
			if (!others_inert(ast, p, e)) {
				*why = order;
				return AST_NONE;
			}
			if (ast_kind(ast, s) == AST_return_statement)
				break;
			if ((ast_kind(ast, s) != AST_short_var_declaration &&
			     ast_kind(ast, s) != AST_assignment_statement) || ast->nodes[p].field != FIELD_right)
				return AST_NONE;
			if (!inert(ast, ast_field(ast, s, FIELD_left))) {
				*why = order;
				return AST_NONE;
			}
			if (ast_kind(ast, ast->nodes[s].parent) == AST_if_statement) {
				if (ast->nodes[s].field != FIELD_initializer)
					return AST_NONE;
				s = ast->nodes[s].parent;
			}
			break;
		case AST_expression_statement:
		case AST_go_statement:
			s = p;
			break;
		case AST_send_statement:
			if (ast->nodes[e].field != FIELD_value)
				return AST_NONE;
			if (!inert(ast, ast_field(ast, p, FIELD_channel))) {
				*why = order;
				return AST_NONE;
			}
			s = p;
			break;
		default:
			return AST_NONE;
		}
		if (ast_kind(ast, ast->nodes[s].parent) != AST_statement_list) {
			*why = "no automatic fix: the statement has no place of its own before it (an else if, a "
			       "labeled statement)";
			return AST_NONE;
		}
		return s;
	}
}

/*
 * The name for the Server a fix declares in top-level function fn: srv,
 * or srv2, srv3... the first one fn (function literals included) does not
 * mention and no earlier fix in fn took: the new variable hides nothing
 * and is hidden by nothing. Returns its number (0 for srv), or -1.
 */
static int server_name(struct fixer *fx, uint32_t fn, char *buf, size_t size)
{
	const struct ast *ast = fx->rc->ast;
	unsigned k = 0;
	size_t i;

	for (i = 0; i < fx->nr_names && fx->names[i].fn != fn; i++)
		;
	if (i < fx->nr_names)
		k = fx->names[i].next;
	else if (fx->nr_names == ARRAY_SIZE(fx->names))
		return -1; /* its claim could not be kept */
	for (; k < 20; k++) {
		if (k == 0)
			snprintf(buf, size, "srv");
		else
			snprintf(buf, size, "srv%u", k + 1);
		if (!ast_mentions(ast, fn, buf, strlen(buf), 1))
			return (int)k;
	}
	return -1;
}

static void server_name_taken(struct fixer *fx, uint32_t fn, int k)
{
	size_t i;
	for (i = 0; i < fx->nr_names; i++)
		if (fx->names[i].fn == fn) {
			fx->names[i].next = (unsigned)k + 1;
			return;
		}
	if (fx->nr_names < ARRAY_SIZE(fx->names)) {
		fx->names[fx->nr_names].fn = fn;
		fx->names[fx->nr_names++].next = (unsigned)k + 1;
	}
}

/* One `Key: value,` line of a multi-line literal, the value padded to column `width` + 2 (gofmt). */
static void add_field_line(struct strbuf *sb, const char *ind, const char *key, size_t width, const char *value,
			   size_t vlen, const char *nl)
{
	strbuf_addf(sb, "%s\t%s:", ind, key);
	strbuf_addchars(sb, ' ', width - strlen(key) + 1);
	strbuf_add(sb, value, vlen);
	strbuf_addf(sb, ",%s", nl);
}

/*
 * Where the comments on the lines just above statement s begin (the
 * start of the first one's line), or s's start when there are none.
 */
static uint32_t comments_above(const struct ast *ast, uint32_t s)
{
	uint32_t line = ast->nodes[s].line, from = ast->nodes[s].start, i;
	int found;

	do {
		found = 0;
		for (i = 0; i < ast->nr_comments; i++) {
			const struct ast_comment *cm = &ast->comments[i];
			if (cm->own_line && cm->end_line + 1 == line && cm->start < from) {
				line = cm->line;
				from = line_start(ast, cm->start);
				found = 1;
				break;
			}
		}
	} while (found);
	return from;
}

/* Where a serving function's arguments are: addr, handler, and those its method keeps. */
static const struct {
	int addr, handler;
	int rest[3];
} serve_args[] = {
	{ 0, 1, { -1, -1, -1 } },  /* ListenAndServe(addr, handler) */
	{ 0, 3, { 1, 2, -1 } },    /* ListenAndServeTLS(addr, certFile, keyFile, handler) */
	{ -1, 1, { 0, -1, -1 } },  /* Serve(l, handler) */
	{ -1, 1, { 0, 2, 3 } },    /* ServeTLS(l, handler, certFile, keyFile) */
};

/*
 * The fix of a call of serve_names[kind]: edits, and in *what what they
 * do, or the reason there are none. Returns the name number taken, or -1.
 */
static int call_fix(struct fixer *fx, uint32_t call, size_t kind, struct edit_list *edits, struct strbuf *what,
		    int *imports)
{
	const struct ast *ast = fx->rc->ast;
	const char *nl = newline_of(ast), *why;
	uint32_t args = ast_field(ast, call, FIELD_arguments), arg[4], c, s, fn = ast_top_func(ast, call);
	uint32_t block = AST_NONE, from, to;
	struct strbuf ind = STRBUF_INIT, outer = STRBUF_INIT, text = STRBUF_INIT, decl = STRBUF_INIT;
	struct strbuf call_text = STRBUF_INIT;
	size_t n = 0, len, i;
	const char *t;
	char name[16];
	int k;

	*imports = 0;
	ast_for_each_child(ast, args, c) {
		if (n == ARRAY_SIZE(arg) || ast_kind(ast, c) == AST_variadic_argument) {
			n = 99;
			break;
		}
		arg[n++] = c;
	}
	if (n != (kind == 1 || kind == 3 ? 4u : 2u)) {
		strbuf_addstr(what, "no automatic fix: unexpected arguments");
		return -1;
	}
	for (i = 0; i < 3 && serve_args[kind].rest[i] >= 0; i++)
		if ((size_t)serve_args[kind].rest[i] < (size_t)serve_args[kind].handler &&
		    !inert(ast, arg[serve_args[kind].rest[i]]) && !inert(ast, arg[serve_args[kind].handler])) {
			strbuf_addstr(what, "no automatic fix: the handler would be evaluated before the other "
					    "arguments, and both have calls");
			return -1;
		}
	if (ast->nodes[call].line != ast->nodes[call].end_line) {
		strbuf_addstr(what, "no automatic fix: the call spans several lines");
		return -1;
	}
	if (has_comment_in(ast, ast->nodes[call].start, ast->nodes[call].end)) {
		strbuf_addstr(what, "no automatic fix: the call holds a comment, which the fix would drop");
		return -1;
	}
	s = serving_statement(ast, call, &why);
	if (s == AST_NONE || fn == AST_NONE) {
		strbuf_addstr(what, why);
		return -1;
	}
	if (has_goto(ast, fn)) {
		strbuf_addstr(what, "no automatic fix: the function has a goto, which may not jump over a "
				    "new variable");
		return -1;
	}
	if (!starts_line(ast, ast->nodes[s].start)) {
		/* func() { log.Fatal(http.ListenAndServe(addr, h)) }: the only statement of a one-line block */
		uint32_t list = ast->nodes[s].parent;
		block = ast->nodes[list].parent;
		if (ast_kind(ast, block) != AST_block || ast_child_count(ast, list) != 1 ||
		    ast->nodes[block].line != ast->nodes[block].end_line ||
		    has_comment_in(ast, ast->nodes[block].start, ast->nodes[block].end)) {
			strbuf_addstr(what, "no automatic fix: the statement shares its line");
			return -1;
		}
		line_indent(ast, ast->nodes[block].start, &outer);
		strbuf_addf(&ind, "%s\t", outer.buf);
	} else {
		line_indent(ast, ast->nodes[s].start, &ind);
	}
	k = server_name(fx, fn, name, sizeof(name));
	why = k < 0 ? "no automatic fix: no free name for the Server (srv, srv2...)" :
		      time_edits(fx, call, edits, imports);
	if (why) {
		strbuf_addstr(what, why);
		strbuf_release(&ind);
		strbuf_release(&outer);
		return -1;
	}

	/* srv := &http.Server{...} */
	strbuf_addf(&decl, "%s := &%s%sServer{%s", name, fx->hn, *fx->hn ? "." : "", nl);
	if (serve_args[kind].addr >= 0) {
		t = ast_text(ast, arg[serve_args[kind].addr], &len);
		add_field_line(&decl, ind.buf, "Addr", strlen(RHT_KEY), t, len, nl);
	}
	if (ast_kind(ast, ast_unparen(ast, arg[serve_args[kind].handler])) != AST_nil) {
		t = ast_text(ast, arg[serve_args[kind].handler], &len);
		add_field_line(&decl, ind.buf, "Handler", strlen(RHT_KEY), t, len, nl);
	}
	strbuf_addf(&decl, "%s\t" RHT_KEY ": 10 * %s.Second,%s%s}", ind.buf, fx->tq[0] ? fx->tq : "time", nl,
		    ind.buf);
	/* srv.ListenAndServe() in place of the call */
	strbuf_addf(&call_text, "%s.%s(", name, serve_names[kind]);
	for (i = 0; i < 3 && serve_args[kind].rest[i] >= 0; i++) {
		t = ast_text(ast, arg[serve_args[kind].rest[i]], &len);
		strbuf_addf(&call_text, "%s%.*s", i ? ", " : "", (int)len, t);
	}
	strbuf_addch(&call_text, ')');
	to = ast->nodes[call].end;
	if (block != AST_NONE) {
		/* the block opened onto lines */
		from = ast->nodes[block].start;
		strbuf_addf(&text, "{%s%s%s%s%s", nl, ind.buf, decl.buf, nl, ind.buf);
		strbuf_add(&text, ast->src + ast->nodes[s].start, ast->nodes[call].start - ast->nodes[s].start);
		strbuf_addf(&text, "%s", call_text.buf);
		strbuf_add(&text, ast->src + to, ast->nodes[s].end - to);
		strbuf_addf(&text, "%s%s}", nl, outer.buf);
		to = ast->nodes[block].end;
	} else {
		/* before the comments just above the statement: a //nolint there stays on it */
		from = comments_above(ast, s);
		if (from == ast->nodes[s].start)
			strbuf_addf(&text, "%s%s%s", decl.buf, nl, ind.buf);
		else
			strbuf_addf(&text, "%s%s%s", ind.buf, decl.buf, nl);
		strbuf_add(&text, ast->src + from, ast->nodes[call].start - from);
		strbuf_addstr(&text, call_text.buf);
	}
	edit_list_add(edits, from, to, text.buf);
	strbuf_addf(what, "serve with `%s := &http.Server{...}` that sets ReadHeaderTimeout: 10 * time.Second, "
			  "and `%s.%s(...)`%s", name, name, serve_names[kind],
		    *imports ? " (importing \"time\")" : "");
	strbuf_release(&ind);
	strbuf_release(&outer);
	strbuf_release(&text);
	strbuf_release(&decl);
	strbuf_release(&call_text);
	return k;
}

/*
 * The fix of a Server literal that sets no read timeout: a
 * `ReadHeaderTimeout: 10 * time.Second` field at its end. In a literal
 * of several lines it takes a line of its own, and the lines aligned
 * with it (gofmt aligns the values of consecutive one-line key-value
 * elements, each alone on its line) get their padding redone.
 */
static void literal_fix(struct fixer *fx, uint32_t lit, struct edit_list *edits, struct strbuf *what, int *imports)
{
	const struct ast *ast = fx->rc->ast;
	const char *nl = newline_of(ast), *why;
	uint32_t body = ast_field(ast, lit, FIELD_body), c, last = AST_NONE, elems[64], at;
	size_t n = 0, width = strlen(RHT_KEY), i, first = 0;
	int one_line = ast->nodes[body].line == ast->nodes[body].end_line;
	struct strbuf text = STRBUF_INIT, ind = STRBUF_INIT;
	char tq[80];

	*imports = 0;
	ast_for_each_child(ast, body, c) {
		uint32_t key = ast_field(ast, c, FIELD_key);
		key = key == AST_NONE ? AST_NONE : ast->nodes[key].first;
		if (ast_kind(ast, c) != AST_keyed_element || ast_kind(ast, key) != AST_identifier) {
			strbuf_addstr(what, "no automatic fix: the literal's fields are not all keyed");
			return;
		}
		if (ast_text_is(ast, key, RHT_KEY)) {
			strbuf_addstr(what, "no automatic fix: the literal sets ReadHeaderTimeout to 0");
			return;
		}
		if (n == ARRAY_SIZE(elems)) {
			strbuf_addstr(what, "no automatic fix: too many fields");
			return;
		}
		elems[n++] = last = c;
	}
	if (!one_line && (!starts_line(ast, ast->nodes[body].end - 1) ||
			  (last != AST_NONE && (ast->src[ast->nodes[last].end] != ',' ||
						!rest_of_line_blank(ast, ast->nodes[last].end + 1, 1) ||
						next_line(ast, ast->nodes[last].end) == UINT32_MAX)))) {
		strbuf_addstr(what, "no automatic fix: the literal is laid out in an unusual way");
		return;
	}
	if (!one_line) {
		/*
		 * The run of elements aligned with the new last line: one line
		 * each, alone on it, on consecutive lines (a multi-line
		 * element, a line of several, a comment or a blank line starts
		 * a new run). Checked as gofmt wrote them: `Key:`, spaces, the
		 * values in one column.
		 */
		uint32_t col = 0;
		first = n;
		for (i = n; i-- > 0;) {
			const struct ast_node *e = &ast->nodes[elems[i]];
			if (e->line != e->end_line || (i > 0 && ast->nodes[elems[i - 1]].end_line >= e->line) ||
			    (i + 1 < n && ast->nodes[elems[i + 1]].line != e->end_line + 1) ||
			    !starts_line(ast, e->start))
				break;
			first = i;
		}
		for (i = first; i < n; i++) {
			uint32_t key = ast->nodes[ast_field(ast, elems[i], FIELD_key)].first;
			uint32_t val = ast_field(ast, elems[i], FIELD_value), p;
			size_t kl = ast->nodes[key].end - ast->nodes[key].start;
			int ok = ast->src[ast->nodes[key].end] == ':' && (i == first || ast->nodes[val].col == col);
			for (p = ast->nodes[key].end + 1; ok && p < ast->nodes[val].start; p++)
				ok = ast->src[p] == ' ';
			if (!ok) {
				strbuf_addstr(what, "no automatic fix: the literal's values are not aligned as gofmt "
						    "aligns them");
				return;
			}
			col = ast->nodes[val].col;
			if (kl > width)
				width = kl;
		}
	}
	why = time_edits(fx, lit, edits, imports);
	if (why) {
		strbuf_addstr(what, why);
		return;
	}
	snprintf(tq, sizeof(tq), "%s", fx->tq[0] ? fx->tq : "time");
	if (one_line) {
		/* http.Server{Addr: a, Handler: h} */
		strbuf_addf(&text, "%s" RHT_KEY ": 10 * %s.Second", last == AST_NONE ? "" : ", ", tq);
		at = last == AST_NONE ? ast->nodes[body].start + 1 : ast->nodes[last].end;
		edit_list_add(edits, at, at, text.buf);
	} else {
		for (i = first; i < n; i++) {
			uint32_t key = ast->nodes[ast_field(ast, elems[i], FIELD_key)].first;
			uint32_t val = ast_field(ast, elems[i], FIELD_value);
			size_t kl = ast->nodes[key].end - ast->nodes[key].start;
			struct strbuf pad = STRBUF_INIT;
			if (ast->nodes[val].start - ast->nodes[key].end - 1 == width - kl + 1)
				continue;
			strbuf_addchars(&pad, ' ', width - kl + 1);
			edit_list_add(edits, ast->nodes[key].end + 1, ast->nodes[val].start, pad.buf);
			strbuf_release(&pad);
		}
		line_indent(ast, ast->nodes[body].end - 1, &ind); /* the closing brace's, one level in */
		strbuf_addch(&ind, '\t');
		strbuf_addf(&text, "%s" RHT_KEY ":", ind.buf);
		strbuf_addchars(&text, ' ', width - strlen(RHT_KEY) + 1);
		strbuf_addf(&text, "10 * %s.Second,%s", tq, nl);
		/* after the last field's line; in a literal of comments only, before the brace's */
		at = last != AST_NONE ? next_line(ast, ast->nodes[last].end) : line_start(ast, ast->nodes[body].end - 1);
		edit_list_add(edits, at, at, text.buf);
	}
	strbuf_addf(what, "add `ReadHeaderTimeout: 10 * %s.Second` to the Server%s", tq,
		    *imports ? " (importing \"time\")" : "");
	strbuf_release(&text);
	strbuf_release(&ind);
}

/* ------------------------------------------------------------ the rule */

/*
 * The fix of a zero-value Server: `new(http.Server)` becomes
 * `&http.Server{ReadHeaderTimeout: 10 * time.Second}`, and a lone
 * `var srv http.Server` (not in a var group, whose columns gofmt aligns)
 * `var srv = http.Server{ReadHeaderTimeout: 10 * time.Second}`.
 */
static void zero_value_fix(struct fixer *fx, uint32_t zero, struct edit_list *edits, struct strbuf *what,
			   int *imports)
{
	const struct ast *ast = fx->rc->ast;
	struct strbuf text = STRBUF_INIT;
	uint32_t type, c;
	size_t names = 0, len;
	const char *why, *t;

	*imports = 0;
	if (has_comment_in(ast, ast->nodes[zero].start, ast->nodes[zero].end)) {
		strbuf_addstr(what, "no automatic fix: a comment inside would be dropped");
		return;
	}
	if (ast_kind(ast, zero) == AST_call_expression) {
		type = ast_child(ast, ast_field(ast, zero, FIELD_arguments), 0);
	} else {
		type = ast_field(ast, zero, FIELD_type);
		ast_for_each_child(ast, zero, c)
			names += ast->nodes[c].field == FIELD_name;
		if (names != 1 || ast_kind(ast, ast->nodes[zero].parent) != AST_var_declaration) {
			strbuf_addstr(what, "no automatic fix: the variable is declared with others");
			return;
		}
	}
	why = time_edits(fx, zero, edits, imports);
	if (why) {
		strbuf_addstr(what, why);
		return;
	}
	t = ast_text(ast, type, &len);
	strbuf_addf(&text, "%s%.*s{" RHT_KEY ": 10 * %s.Second}", ast_kind(ast, zero) == AST_call_expression ? "&" : "= ",
		    (int)len, t, fx->tq[0] ? fx->tq : "time");
	if (ast_kind(ast, zero) == AST_call_expression)
		edit_list_add(edits, ast->nodes[zero].start, ast->nodes[zero].end, text.buf);
	else
		edit_list_add(edits, ast->nodes[type].start, ast->nodes[type].end, text.buf);
	strbuf_addf(what, "give it `ReadHeaderTimeout: 10 * %s.Second` from the start%s", fx->tq[0] ? fx->tq : "time",
		    *imports ? " (importing \"time\")" : "");
	strbuf_release(&text);
}

/*
 * Report a finding with the fix's edits (or its text alone); a kept
 * finding's fix claims what it used: the import of time, a name.
 */
static void report_fix(struct fixer *fx, uint32_t at, struct edit_list *edits, const char *fix, int imports,
		       uint32_t fn, int name, const char *msg)
{
	struct lint_file *f = fx->rc->file;
	size_t before = f->nr_findings;
	int fixed = edits->nr > 0;

	lint_report_edits(fx->rc, at, edits, fix, "%s", msg);
	if (f->nr_findings == before || !fixed)
		return;
	if (imports)
		fx->import_line = fx->rc->ast->nodes[at].line;
	if (name >= 0)
		server_name_taken(fx, fn, name);
}

/* `lit` is the composite literal, the new() call or the var spec of the Server. */
static void report_literal(struct fixer *fx, uint32_t at, uint32_t lit, unsigned set)
{
	const struct ast *ast = fx->rc->ast;
	struct edit_list edits = EDIT_LIST_INIT;
	struct strbuf what = STRBUF_INIT, fix = STRBUF_INIT;
	int imports = 0;
	char msg[512];

	if (set & T_READS)
		return;
	snprintf(msg, sizeof(msg), "http.Server sets neither ReadHeaderTimeout nor ReadTimeout: a client that sends its headers "
		 "slowly holds a connection and a goroutine for as long as it likes (slowloris)%s",
		 set & (T_WRITE | T_IDLE) ? "" :
		 "; and neither WriteTimeout nor IdleTimeout: a client that stops reading holds the "
		 "handler, its goroutine and its buffers forever, and idle keep-alive connections are "
		 "never closed");
	if (nosec(ast, at, "G112"))
		return;
	if (ast_kind(ast, lit) == AST_composite_literal)
		literal_fix(fx, lit, &edits, &what, &imports);
	else
		zero_value_fix(fx, lit, &edits, &what, &imports);
	if (edits.nr)
		strbuf_add(&fix, what.buf, what.len);
	else
		strbuf_addf(&fix, "set ReadHeaderTimeout (e.g. 10 * time.Second), WriteTimeout and IdleTimeout "
				  "on the Server before serving (%s)", what.buf);
	report_fix(fx, at, &edits, fix.buf, imports, AST_NONE, -1, msg);
	strbuf_release(&what);
	strbuf_release(&fix);
}

/*
 * True when the literal (or zero value) is served on loopback: through
 * `serve`, ListenAndServe on a loopback Addr, or Serve on a local listener.
 */
static int served_locally(const struct ast *ast, uint32_t lit, uint32_t serve)
{
	uint32_t f, name;
	if (serve == AST_NONE)
		return 0;
	f = ast_unparen(ast, ast_field(ast, serve, FIELD_function));
	name = ast_field(ast, f, FIELD_field);
	if (listens_on_addr(ast, name))
		return ast_kind(ast, lit) == AST_composite_literal &&
		       addr_reach(ast, literal_field(ast, lit, "Addr"), 0) == REACH_LOCAL;
	return listener_local(ast, ast_child(ast, ast_field(ast, serve, FIELD_arguments), 0), serve);
}

/*
 * A Server made at `lit`: a composite literal, or (when `zero_var` is the
 * name in `var srv http.Server`) the zero value.
 */
static void check_literal(struct fixer *fx, uint32_t lit, uint32_t zero_var)
{
	const struct ast *ast = fx->rc->ast;
	uint32_t handle, fn, scope, anchor = lit, served_here = AST_NONE;
	int returned = 0;
	struct handle_use u = { AST_NONE, 0, 0, 0, AST_NONE, 0 };
	unsigned set = zero_var == AST_NONE ? literal_timeouts(ast, lit) : 0;

	if (set & T_READS)
		return;
	while (ast_kind(ast, ast->nodes[anchor].parent) == AST_unary_expression ||
	       ast_kind(ast, ast->nodes[anchor].parent) == AST_parenthesized_expression)
		anchor = ast->nodes[anchor].parent;
	fn = ast_enclosing_func(ast, lit);
	handle = zero_var != AST_NONE ? zero_var : literal_handle(ast, lit, &served_here, &returned);
	if (handle == AST_NONE) {
		/* Served here, or passed on, returned, kept in a composite: assume served. */
		if (served_locally(ast, lit, served_here))
			return;
		if (returned && fn != AST_NONE)
			set |= caller_timeouts(ast, fn);
		/* App{srv: &http.Server{...}}: configured later through the field? */
		if (ast_kind(ast, ast->nodes[anchor].parent) == AST_literal_element &&
		    ast->nodes[ast->nodes[anchor].parent].field == FIELD_value) {
			uint32_t kv = ast->nodes[ast->nodes[anchor].parent].parent;
			uint32_t key = ast_field(ast, kv, FIELD_key);
			key = key == AST_NONE ? AST_NONE : ast->nodes[key].first;
			if (ast_kind(ast, key) == AST_identifier)
				set |= field_timeouts(ast, key);
		}
		report_literal(fx, anchor, lit, set);
		return;
	}
	if (ast_is_blank(ast, handle))
		return;
	scope = fn;
	if (fn == AST_NONE ||
	    (ast_kind(ast, handle) == AST_identifier && !ast_declared_in(ast, fn, handle)))
		scope = 0; /* a global: look through the whole file */
	scan_handle(ast, scope, handle, ast->nodes[lit].end, &u);
	if (u.serve == AST_NONE && !u.escapes && scope != 0 &&
	    ast_kind(ast, handle) == AST_identifier)
		return; /* a local Server that is never served */
	if (served_locally(ast, lit, u.serve))
		return;
	if (u.serve == AST_NONE && u.local_listener)
		return; /* handed on with the loopback listener it is to serve */
	if (u.serve == AST_NONE && u.method != AST_NONE &&
	    listens_on_addr(ast, ast_field(ast, u.method, FIELD_field)) &&
	    ast_kind(ast, lit) == AST_composite_literal &&
	    addr_reach(ast, literal_field(ast, lit, "Addr"), 0) == REACH_LOCAL)
		return; /* its method value listens on loopback */
	set |= u.set;
	if (u.serve == AST_NONE && ast_kind(ast, handle) == AST_selector_expression)
		set |= field_timeouts(ast, ast_field(ast, handle, FIELD_field));
	if (u.returned && u.serve == AST_NONE && fn != AST_NONE && ast_top_func(ast, lit) == fn)
		set |= caller_timeouts(ast, fn);
	report_literal(fx, anchor, lit, set);
}

static void check_call(struct fixer *fx, uint32_t call)
{
	const struct ast *ast = fx->rc->ast;
	size_t i;
	static const char *const how[] = {
		"&http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: ..., WriteTimeout: ..., "
		"IdleTimeout: ...} and call its ListenAndServe()",
		"&http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: ..., WriteTimeout: ..., "
		"IdleTimeout: ...} and call its ListenAndServeTLS(cert, key)",
		"&http.Server{Handler: h, ReadHeaderTimeout: ..., WriteTimeout: ..., IdleTimeout: ...} "
		"and call its Serve(l)",
		"&http.Server{Handler: h, ReadHeaderTimeout: ..., WriteTimeout: ..., IdleTimeout: ...} "
		"and call its ServeTLS(l, cert, key)",
	};

	for (i = 0; i < ARRAY_SIZE(serve_names); i++) {
		struct edit_list edits = EDIT_LIST_INIT;
		struct strbuf what = STRBUF_INIT, fix = STRBUF_INIT, msg = STRBUF_INIT;
		uint32_t first;
		int imports = 0, name;

		if (!imports_calls(ast, call, fx->hn, serve_names[i]))
			continue;
		first = ast_child(ast, ast_field(ast, call, FIELD_arguments), 0);
		if (i < 2 ? addr_reach(ast, first, 0) == REACH_LOCAL : listener_local(ast, first, call))
			return; /* loopback or a unix socket only */
		if (nosec(ast, call, "G114"))
			return;
		name = call_fix(fx, call, i, &edits, &what, &imports);
		if (edits.nr)
			strbuf_add(&fix, what.buf, what.len);
		else
			strbuf_addf(&fix, "make an %s (%s)", how[i], what.buf);
		strbuf_addf(&msg, "http.%s serves with a Server that has no timeouts: a client that sends its "
				  "headers slowly holds a connection and a goroutine (slowloris), a client that "
				  "stops reading holds the handler and its buffers, and idle keep-alive "
				  "connections are never closed", serve_names[i]);
		report_fix(fx, call, &edits, fix.buf, imports, ast_top_func(ast, call), name, msg.buf);
		strbuf_release(&what);
		strbuf_release(&fix);
		strbuf_release(&msg);
		return;
	}
}

static void check(struct rule_ctx *rc)
{
	const struct ast *ast = rc->ast;
	struct fixer fx;
	char hn[64];
	uint32_t i;

	if (!rc->file->imports->uses_http)
		return;
	http_qualifier(rc, hn, sizeof(hn));
	if (rc->file->imports->is_http && !*hn)
		return; /* net/http itself: it defines the defaults, its callers are reported */
	if (dev_file(rc))
		return;
	memset(&fx, 0, sizeof(fx));
	fx.rc = rc;
	fx.hn = hn;
	for (i = 0; i < ast->nr; i++) {
		if (ast->nodes[i].kind == AST_call_expression) {
			uint32_t f = ast_field(ast, i, FIELD_function);
			if (in_test_helper(ast, i))
				continue;
			if (ast_kind(ast, f) == AST_identifier && ast_text_is(ast, f, "new") &&
			    imports_http_type(ast, ast_child(ast, ast_field(ast, i, FIELD_arguments), 0), hn, "Server"))
				check_literal(&fx, i, AST_NONE); /* new(http.Server): the zero value */
			else
				check_call(&fx, i);
		} else if (ast->nodes[i].kind == AST_composite_literal &&
			   imports_http_type(ast, ast_field(ast, i, FIELD_type), hn, "Server")) {
			if (!in_test_helper(ast, i))
				check_literal(&fx, i, AST_NONE);
		} else if (ast->nodes[i].kind == AST_var_spec &&
			   ast_field(ast, i, FIELD_value) == AST_NONE &&
			   imports_http_type(ast, ast_field(ast, i, FIELD_type), hn, "Server") &&
			   !in_test_helper(ast, i)) {
			uint32_t c;
			ast_for_each_child(ast, i, c)
				if (ast->nodes[c].field == FIELD_name)
					check_literal(&fx, i, c);
		}
	}
}

const struct rule rule_server_no_timeouts = {
	.id = "server-no-timeouts",
	.summary = "an HTTP server without a read timeout lets slow clients hold connections and goroutines",
	.severity = "warning",
	.default_on = 1,
	.needles = needles,
	.fact_needles = fact_needles,
	.alias = "gosec",
	.check = check,
};
