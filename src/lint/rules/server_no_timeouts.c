/*
 * server_no_timeouts.c - an HTTP server with no timeouts (seed C5, the
 * server of 002): nothing ever gives up on a slow client, so each one
 * holds a connection, a goroutine and the handler's buffers as long as it
 * likes.
 *
 * Reported:
 * - calls of http.ListenAndServe, ListenAndServeTLS, Serve and ServeTLS,
 *   which run a Server that cannot have timeouts;
 * - http.Server literals (and `var srv http.Server`, the zero value) that
 *   are served and set neither ReadHeaderTimeout
 *   nor ReadTimeout, or neither WriteTimeout nor IdleTimeout. Fields
 *   assigned after the literal (`srv.ReadTimeout = d`, through the same
 *   variable or field it was stored in) count when they come before the
 *   serving call, or anywhere when it is served elsewhere. A literal is
 *   served when a ListenAndServe/Serve method is called through it, or
 *   when it leaves the function (stored in a field or a global, returned,
 *   passed on); a local Server that is never served nor passed on is not.
 * A field set to the literal 0 counts as unset.
 *
 * Not reported in _test.go files outside Example functions (a test serves
 * loopback for one run), nor inside net/http's own ListenAndServe & co
 * (their callers are reported).
 */
#include "lint/lint.h"
#include "lint/imports.h"

static const char *const needles[] = { "ListenAndServe", "Serve(", "ServeTLS(", "Server{", "http.Server", NULL };

/* ------------------------------------------------------------ net/http names */

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

enum timeout {
	T_READ_HEADER = 1, T_READ = 2, T_WRITE = 4, T_IDLE = 8,
};

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

/* The timeouts a literal sets to something other than 0. */
static unsigned literal_timeouts(const struct ast *ast, uint32_t lit)
{
	uint32_t body = ast_field(ast, lit, FIELD_body), c;
	unsigned set = 0;
	ast_for_each_child(ast, body, c) {
		uint32_t k, v;
		if (ast_kind(ast, c) != AST_keyed_element)
			continue;
		k = ast_field(ast, c, FIELD_key);
		v = ast_field(ast, c, FIELD_value);
		k = k == AST_NONE ? AST_NONE : ast->nodes[k].first;
		v = v == AST_NONE ? AST_NONE : ast_unparen(ast, ast->nodes[v].first);
		if (ast_kind(ast, k) == AST_identifier && !ast_text_is(ast, v, "0"))
			set |= timeout_bit(ast, k);
	}
	return set;
}

/*
 * Where the literal's value goes, through & and parentheses: its handle
 * (the identifier or selector it is assigned to) or AST_NONE, and whether
 * it is served right there ((&http.Server{...}).ListenAndServe()).
 */
static uint32_t literal_handle(const struct ast *ast, uint32_t lit, int *served_here)
{
	uint32_t e = lit, p, gp, c, pos = 0, n = 0, lhs;

	*served_here = 0;
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
		*served_here = is_serve_name(ast, ast_field(ast, p, FIELD_field));
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

/* True when identifier `id` is declared inside function fn (not a global). */
static int declared_in(const struct ast *ast, uint32_t fn, uint32_t id)
{
	uint32_t i, end = ast_subtree_end(ast, fn);
	for (i = fn + 1; i <= end; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		uint32_t c, list;
		if (k == AST_parameter_declaration || k == AST_var_spec) {
			ast_for_each_child(ast, i, c)
				if (ast->nodes[c].field == FIELD_name && ast_same_text(ast, c, id))
					return 1;
			continue;
		}
		if (k != AST_short_var_declaration)
			continue;
		list = ast_field(ast, i, FIELD_left);
		ast_for_each_child(ast, list, c)
			if (ast_same_text(ast, c, id))
				return 1;
	}
	return 0;
}

struct handle_use {
	uint32_t serve;   /* first serving call through the handle, or AST_NONE */
	int escapes;      /* the handle is used as a value (passed, returned, stored) */
	unsigned set;     /* timeouts assigned through the handle (before `serve`) */
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

	u->serve = AST_NONE;
	u->escapes = 0;
	if (ast->nodes[handle].kind == AST_identifier && ast->nodes[handle].field == FIELD_name)
		after = ast->nodes[handle].end; /* var srv http.Server */
	u->set = 0;
	/* The first serving call. */
	for (i = scope; i <= end; i++)
		if (ast->nodes[i].kind == AST_selector_expression && ast->nodes[i].start >= after &&
		    is_serve_name(ast, ast_field(ast, i, FIELD_field)) && through_handle(ast, i, handle) &&
		    ast_kind(ast, ast->nodes[i].parent) == AST_call_expression) {
			u->serve = ast->nodes[i].parent;
			break;
		}
	for (i = scope; i <= end; i++) {
		uint32_t p;
		if (ast->nodes[i].start < after)
			continue;
		/* srv.ReadTimeout = d (before the serving call) */
		if (ast->nodes[i].kind == AST_selector_expression && through_handle(ast, i, handle)) {
			uint32_t list = ast->nodes[i].parent;
			if (ast_kind(ast, list) == AST_expression_list && ast->nodes[list].field == FIELD_left &&
			    (u->serve == AST_NONE || ast->nodes[i].start < ast->nodes[u->serve].start))
				u->set |= timeout_bit(ast, ast_field(ast, i, FIELD_field));
			continue;
		}
		/* A bare use of the variable: passed, returned, stored. */
		if (!ident || ast->nodes[i].kind != AST_identifier || !ast_same_text(ast, i, handle))
			continue;
		p = ast->nodes[i].parent;
		while (ast_kind(ast, p) == AST_parenthesized_expression ||
		       ast_kind(ast, p) == AST_unary_expression)
			p = ast->nodes[p].parent;
		if (ast_kind(ast, p) == AST_selector_expression)
			continue; /* srv.Field, srv.Method() */
		if (ast_kind(ast, p) == AST_expression_list && ast->nodes[p].field == FIELD_left)
			continue; /* assigned to */
		u->escapes = 1;
	}
}

/* ------------------------------------------------------------ the rule */

static void report_literal(struct rule_ctx *rc, uint32_t at, unsigned set)
{
	char what[512];
	int slow_headers = !(set & (T_READ_HEADER | T_READ));
	int slow_readers = !(set & (T_WRITE | T_IDLE));

	if (!slow_headers && !slow_readers)
		return;
	what[0] = '\0';
	if (slow_headers)
		snprintf(what, sizeof(what),
			 "sets neither ReadHeaderTimeout nor ReadTimeout: a client that sends its headers "
			 "slowly holds a connection and a goroutine for as long as it likes (slowloris)");
	if (slow_readers) {
		size_t len = strlen(what);
		snprintf(what + len, sizeof(what) - len,
			 "%sneither WriteTimeout nor IdleTimeout: a client that stops reading holds the "
			 "handler, its goroutine and its buffers forever%s",
			 slow_headers ? "; and " : "sets ",
			 set & T_READ ? "" : ", and idle keep-alive connections are never closed");
	}
	lint_report(rc, at,
		    "set ReadHeaderTimeout (e.g. 10 * time.Second), WriteTimeout and IdleTimeout "
		    "on the Server before serving",
		    "http.Server %s", what);
}

/*
 * A Server made at `lit`: a composite literal, or (when `zero_var` is the
 * name in `var srv http.Server`) the zero value.
 */
static void check_literal(struct rule_ctx *rc, uint32_t lit, uint32_t zero_var)
{
	const struct ast *ast = rc->ast;
	uint32_t handle, fn, scope, anchor = lit;
	int served_here = 0;
	struct handle_use u = { AST_NONE, 0, 0 };
	unsigned set = zero_var == AST_NONE ? literal_timeouts(ast, lit) : 0;

	while (ast_kind(ast, ast->nodes[anchor].parent) == AST_unary_expression ||
	       ast_kind(ast, ast->nodes[anchor].parent) == AST_parenthesized_expression)
		anchor = ast->nodes[anchor].parent;
	handle = zero_var != AST_NONE ? zero_var : literal_handle(ast, lit, &served_here);
	if (handle == AST_NONE || served_here) {
		/* Served here, or passed on, returned, kept in a composite: assume served. */
		report_literal(rc, anchor, set);
		return;
	}
	if (ast_text_is(ast, handle, "_"))
		return;
	fn = ast_enclosing_func(ast, lit);
	scope = fn;
	if (fn == AST_NONE ||
	    (ast_kind(ast, handle) == AST_identifier && !declared_in(ast, fn, handle)))
		scope = 0; /* a global: look through the whole file */
	scan_handle(ast, scope, handle, ast->nodes[lit].end, &u);
	if (u.serve == AST_NONE && !u.escapes && scope != 0 &&
	    ast_kind(ast, handle) == AST_identifier)
		return; /* a local Server that is never served */
	report_literal(rc, anchor, set | u.set);
}

static void check_call(struct rule_ctx *rc, uint32_t call, const char *hn)
{
	const struct ast *ast = rc->ast;
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
		char fix[320];
		if (!imports_calls(ast, call, hn, serve_names[i]))
			continue;
		snprintf(fix, sizeof(fix), "make an %s", how[i]);
		lint_report(rc, call, fix,
			    "http.%s serves with a Server that has no timeouts: a client that sends its "
			    "headers slowly holds a connection and a goroutine (slowloris), a client that "
			    "stops reading holds the handler and its buffers, and idle keep-alive "
			    "connections are never closed", serve_names[i]);
		return;
	}
}

/*
 * Servers that need no timeouts: in a _test.go file, everything but the
 * Example functions (users copy those; tests serve loopback for one run).
 * With net/http's names unqualified (package http itself), the bodies of
 * ListenAndServe & co: their callers are reported.
 */
static int exempt(struct rule_ctx *rc, uint32_t at, const char *hn)
{
	const struct ast *ast = rc->ast;
	uint32_t top = ast_top_func(ast, at);
	size_t i;

	if (lint_is_test_code(rc, at))
		return 1;
	/* net/http's own ListenAndServe, Serve...: they define the defaults */
	if (!*hn && top != AST_NONE && ast->nodes[top].kind == AST_function_declaration)
		for (i = 0; i < ARRAY_SIZE(serve_names); i++)
			if (ast_text_is(ast, ast_field(ast, top, FIELD_name), serve_names[i]))
				return 1;
	return 0;
}

static void check(struct rule_ctx *rc)
{
	const struct ast *ast = rc->ast;
	const char *hn = rc->file->imports->http;
	uint32_t i;

	if (!rc->file->imports->uses_http)
		return;
	for (i = 0; i < ast->nr; i++) {
		if (ast->nodes[i].kind == AST_call_expression) {
			if (!exempt(rc, i, hn))
				check_call(rc, i, hn);
		} else if (ast->nodes[i].kind == AST_composite_literal &&
			   imports_http_type(ast, ast_field(ast, i, FIELD_type), hn, "Server")) {
			if (!exempt(rc, i, hn))
				check_literal(rc, i, AST_NONE);
		} else if (ast->nodes[i].kind == AST_var_spec &&
			   ast_field(ast, i, FIELD_value) == AST_NONE &&
			   imports_http_type(ast, ast_field(ast, i, FIELD_type), hn, "Server") &&
			   !exempt(rc, i, hn)) {
			uint32_t c;
			ast_for_each_child(ast, i, c)
				if (ast->nodes[c].field == FIELD_name)
					check_literal(rc, i, c);
		}
	}
}

const struct rule rule_server_no_timeouts = {
	.id = "server-no-timeouts",
	.summary = "an HTTP server without read and write timeouts lets slow clients hold connections, goroutines and buffers",
	.severity = "warning",
	.default_on = 1,
	.needles = needles,
	.check = check,
};
