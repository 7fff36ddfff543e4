/*
 * client_no_timeout.c - an HTTP request that nothing times out: sent
 * through a client with no Timeout (http.DefaultClient, which http.Get &
 * co use, or a client literal without Timeout) with a request that carries
 * no context deadline. A peer that accepts and never answers, or stalls
 * in the middle of a body, holds the calling goroutine forever.
 *
 * Reported at the call:
 * - http.Get, http.Head, http.Post, http.PostForm (no context possible);
 * - Get/Head/Post/PostForm on a client with no timeout;
 * - Do(req) on a client with no timeout, when req (by its last assignment
 *   in the function) comes from http.NewRequest, or from
 *   NewRequestWithContext / req.WithContext / req.Clone with
 *   context.Background() or context.TODO() (directly or through a
 *   variable). A request of unknown origin, or with any other context,
 *   is given the benefit of the doubt.
 * A client has no timeout when it is http.DefaultClient, or an
 * http.Client literal (or `var c http.Client`) found by following the
 * variable in the function or at package level, with no Timeout field
 * and no `c.Timeout = ...` assignment. Clients of unknown origin (fields,
 * parameters) are not reported. Test files are skipped except Example
 * functions, and so are net/http's own Get & co (their callers count). Off by default: it is noisy in code that relies on callers'
 * contexts.
 */
#include "lint/lint.h"
#include "lint/imports.h"
#include "lint/resource.h"

static const char *const needles[] = { ".Get(", ".Post", ".Head(", ".Do(", NULL };

/* ------------------------------------------------------------ net/http names */

/* ------------------------------------------------------------ values */

/*
 * The value last assigned to identifier `id` before node `at`: in the
 * enclosing functions, innermost first, then at package level. Sets
 * *zero_var to the var_spec when it is declared with a type and no value
 * (`var c http.Client`). AST_NONE when unknown.
 */
static uint32_t value_of(const struct ast *ast, uint32_t id, uint32_t at, uint32_t *zero_var)
{
	uint32_t fn, rhs, def, c;

	*zero_var = AST_NONE;
	for (fn = ast_enclosing_func(ast, at); fn != AST_NONE; fn = ast_enclosing_func(ast, fn)) {
		def = resource_def_before(ast, fn, id, ast->nodes[at].start, &rhs);
		if (def == AST_NONE)
			continue;
		if (rhs == AST_NONE && ast->nodes[def].kind == AST_var_spec)
			*zero_var = def;
		return rhs;
	}
	/* Package level: var declarations outside any function. */
	ast_for_each_child(ast, 0, c) {
		uint32_t i, end;
		if (ast->nodes[c].kind != AST_var_declaration)
			continue;
		end = ast_subtree_end(ast, c);
		for (i = c; i <= end; i++) {
			uint32_t n, k = 0, pos = 0, found = 0, value;
			if (ast->nodes[i].kind != AST_var_spec)
				continue;
			ast_for_each_child(ast, i, n) {
				if (ast->nodes[n].field != FIELD_name)
					continue;
				if (ast_same_text(ast, n, id)) {
					pos = k;
					found = 1;
				}
				k++;
			}
			if (!found)
				continue;
			value = ast_field(ast, i, FIELD_value);
			if (value == AST_NONE) {
				*zero_var = i;
				return AST_NONE;
			}
			return ast_unparen(ast, ast_child(ast, value, ast_child_count(ast, value) == k ? pos : 0));
		}
	}
	return AST_NONE;
}

/* True when something assigns `<name>.Timeout = ...` in the file. */
static int timeout_assigned(const struct ast *ast, uint32_t name)
{
	uint32_t i;
	for (i = 0; i < ast->nr; i++) {
		uint32_t list;
		if (ast->nodes[i].kind != AST_selector_expression ||
		    !ast_text_is(ast, ast_field(ast, i, FIELD_field), "Timeout") ||
		    !ast_same_text(ast, ast_unparen(ast, ast_field(ast, i, FIELD_operand)), name))
			continue;
		list = ast->nodes[i].parent;
		if (ast_kind(ast, list) == AST_expression_list && ast->nodes[list].field == FIELD_left)
			return 1;
	}
	return 0;
}

/* True when client literal `lit` sets a Timeout other than 0. */
static int literal_has_timeout(const struct ast *ast, uint32_t lit)
{
	uint32_t body = ast_field(ast, lit, FIELD_body), c;
	ast_for_each_child(ast, body, c) {
		uint32_t k, v;
		if (ast_kind(ast, c) != AST_keyed_element)
			continue;
		k = ast_field(ast, c, FIELD_key);
		v = ast_field(ast, c, FIELD_value);
		k = k == AST_NONE ? AST_NONE : ast->nodes[k].first;
		v = v == AST_NONE ? AST_NONE : ast_unparen(ast, ast->nodes[v].first);
		if (ast_text_is(ast, k, "Timeout") && !ast_text_is(ast, v, "0"))
			return 1;
	}
	return 0;
}

/*
 * True when the client expression `c` (used at `at`) surely has no
 * timeout: http.DefaultClient, or a client literal without one.
 */
static int client_without_timeout(const struct ast *ast, uint32_t c, uint32_t at, const char *hn)
{
	uint32_t name = AST_NONE, zero;
	int depth;

	for (depth = 0; depth < 8; depth++) {
		c = ast_unparen(ast, c);
		if (imports_http_value(ast, c, hn, "DefaultClient"))
			return 1;
		switch (ast_kind(ast, c)) {
		case AST_unary_expression:
			c = ast_field(ast, c, FIELD_operand);
			continue;
		case AST_composite_literal:
			if (!imports_http_type(ast, ast_field(ast, c, FIELD_type), hn, "Client"))
				return 0;
			return !literal_has_timeout(ast, c) && (name == AST_NONE || !timeout_assigned(ast, name));
		case AST_identifier:
			if (name == AST_NONE)
				name = c;
			c = value_of(ast, c, at, &zero);
			if (c == AST_NONE)
				return zero != AST_NONE &&
				       imports_http_type(ast, ast_field(ast, zero, FIELD_type), hn, "Client") &&
				       !timeout_assigned(ast, name);
			continue;
		default:
			return 0;
		}
	}
	return 0;
}

/* A context expression with no deadline: context.Background(), context.TODO(), directly or by variable. */
static int context_without_deadline(const struct ast *ast, uint32_t ctx, uint32_t at)
{
	uint32_t zero;
	int depth;
	for (depth = 0; depth < 8; depth++) {
		ctx = ast_unparen(ast, ctx);
		if (ast_kind(ast, ctx) == AST_identifier) {
			ctx = value_of(ast, ctx, at, &zero);
			if (ctx == AST_NONE)
				return 0;
			continue;
		}
		return ast_call_is(ast, ctx, "context", "Background") || ast_call_is(ast, ctx, "context", "TODO");
	}
	return 0;
}

/*
 * Why the request `req` (used at `at`) has no deadline, for the message,
 * or NULL when it may have one (or its origin is unknown).
 */
static const char *request_without_deadline(const struct ast *ast, uint32_t req, uint32_t at, const char *hn)
{
	uint32_t zero, v, args;
	int depth;

	for (depth = 0; depth < 8; depth++) {
		req = ast_unparen(ast, req);
		if (ast_kind(ast, req) == AST_identifier) {
			v = value_of(ast, req, at, &zero);
			if (v == AST_NONE)
				return NULL;
			req = v;
			continue;
		}
		if (ast_kind(ast, req) != AST_call_expression)
			return NULL;
		args = ast_field(ast, req, FIELD_arguments);
		if (imports_calls(ast, req, hn, "NewRequest"))
			return "the request has no context (made by http.NewRequest)";
		if (imports_calls(ast, req, hn, "NewRequestWithContext") ||
		    ast_text_is(ast, ast_call_name(ast, req), "WithContext") ||
		    ast_text_is(ast, ast_call_name(ast, req), "Clone")) {
			if (context_without_deadline(ast, ast_child(ast, args, 0), at))
				return "the request's context has no deadline (context.Background or TODO)";
			return NULL;
		}
		return NULL;
	}
	return NULL;
}

/* ------------------------------------------------------------ the rule */

static const char *const url_methods[] = { "Get", "Head", "Post", "PostForm" };

static int is_url_method(const struct ast *ast, uint32_t name)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(url_methods); i++)
		if (ast_text_is(ast, name, url_methods[i]))
			return 1;
	return 0;
}

static const char fix[] =
	"give the client a Timeout (&http.Client{Timeout: 30 * time.Second}), or build the request "
	"with http.NewRequestWithContext and a context.WithTimeout (no automatic fix: the right "
	"bound depends on the slowest legitimate response, and a client Timeout also cuts off "
	"bodies still being read)";

static void check_call(struct rule_ctx *rc, uint32_t call, const char *hn)
{
	const struct ast *ast = rc->ast;
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), name, client;
	const char *why;
	size_t cl, nl;
	const char *ct, *nt;

	name = ast_call_name(ast, call);
	if (name == AST_NONE || !(is_url_method(ast, name) || ast_text_is(ast, name, "Do")))
		return;
	nt = ast_text(ast, name, &nl);
	/* http.Get(url) and friends: the package functions. */
	if (ast_kind(ast, fn) == AST_identifier || (ast_kind(ast, fn) == AST_selector_expression && *hn &&
						    ast_text_is(ast, ast_field(ast, fn, FIELD_operand), hn))) {
		char buf[16];
		snprintf(buf, sizeof(buf), "%.*s", (int)nl, nt);
		if (!is_url_method(ast, name) || !imports_calls(ast, call, hn, buf))
			return;
		lint_report(rc, call, fix,
			    "http.%.*s uses http.DefaultClient, which has no Timeout, and takes no context: "
			    "a peer that accepts and never answers (or stalls mid-body) holds this goroutine "
			    "and its connection forever", (int)nl, nt);
		return;
	}
	if (ast_kind(ast, fn) != AST_selector_expression)
		return;
	client = ast_field(ast, fn, FIELD_operand);
	if (!client_without_timeout(ast, client, call, hn))
		return;
	if (is_url_method(ast, name)) {
		why = "takes no context";
	} else {
		why = request_without_deadline(ast, ast_child(ast, ast_field(ast, call, FIELD_arguments), 0),
					       call, hn);
		if (!why)
			return;
	}
	ct = ast_text(ast, ast_unparen(ast, client), &cl);
	if (cl > 40)
		cl = 40;
	lint_report(rc, call, fix,
		    "%.*s.%.*s: the client has no Timeout and %s%s: a peer that accepts and never "
		    "answers (or stalls mid-body) holds this goroutine and its connection forever",
		    (int)cl, ct, (int)nl, nt, is_url_method(ast, name) ? "the method " : "", why);
}

/*
 * In a _test.go file, only Example functions are checked (people copy
 * them). With net/http's names unqualified (package http itself), the
 * bodies of Get, Head, Post and PostForm are skipped: their callers are
 * reported.
 */
static int exempt(struct rule_ctx *rc, uint32_t at, const char *hn)
{
	const struct ast *ast = rc->ast;
	uint32_t top = ast_top_func(ast, at);

	/* net/http's own Get, Post...: they define the defaults */
	if (!*hn && top != AST_NONE && ast->nodes[top].kind == AST_function_declaration &&
	    is_url_method(ast, ast_field(ast, top, FIELD_name)))
		return 1;
	return lint_is_test_code(rc, at);
}

static void check(struct rule_ctx *rc)
{
	const struct ast *ast = rc->ast;
	const char *hn = rc->file->imports->http;
	uint32_t i;

	if (!rc->file->imports->uses_http)
		return;
	for (i = 0; i < ast->nr; i++)
		if (ast->nodes[i].kind == AST_call_expression && !exempt(rc, i, hn))
			check_call(rc, i, hn);
}

const struct rule rule_client_no_timeout = {
	.id = "client-no-timeout",
	.summary = "an HTTP request through a client with no Timeout and with no context deadline can hang forever",
	.severity = "warning",
	.default_on = 0,
	.needles = needles,
	.check = check,
};
