/*
 * body_not_closed.c - an *http.Response whose body is not closed on some
 * path (seed C1: goroutines pile up, one readLoop per connection).
 *
 * For each call that returns a response (see acquisition()), follow the
 * function's flow graph from the call. Paths on which the error is not nil
 * are skipped (the response is nil there), and so are paths that end in a
 * panic. A path that reaches the end of the function, or comes back to the
 * call (the next loop iteration) or to another assignment of the variable,
 * with the body neither released nor handed off, is a leak. What counts
 * as release and hand-off is ownership.h's judgement, helped by the
 * package facts for calls to the package's own functions. Reported at the
 * call, naming the leaking path: the last branch taken and where it ends.
 */
#include "lint/lint.h"
#include "lint/facts.h"
#include "lint/flow.h"
#include "lint/namelist.h"
#include "lint/nilness.h"
#include "lint/ownership.h"
#include "lint/resource.h"
#include "lint/types.h"
#include "lint/fix.h"

/*
 * A file that calls a client it does not declare (`c.hc.Get(url)`, the
 * client a field declared in another file) may name nothing of net/http
 * at all: the client methods are needles too.
 */
static const char *const needles[] = { "http.", ".Body", "net/http", ".Do(", ".Get(", ".Post(",
				       ".PostForm(", NULL };
static const char *const fact_needles[] = { "Close", NULL };
static const struct rule_option options[] = {
	{ "closers", "functions that close a response or body given to them (Name, pkg.Name)", 0 },
	{ "clients", "client types whose Do, Get, Post and PostForm return a response to close "
		     "(pkg.Type, import/path.Type)", 1 },
	RULE_OPTION_NO_RETURN,
	{ NULL, NULL, 0 },
};

#define MAX_NAMES 8
/*
 * Each acquisition's search visits the whole function: past this many
 * in one function (generated code), the rest are not checked.
 */
#define MAX_ACQUISITIONS_PER_FUNC 200

struct ctx {
	struct rule_ctx *rc;
	const struct ast *ast;
	const struct imports *imp;
	const struct pkg_facts *pf;
	struct type_env te;
	uint32_t last_fn;      /* the function of the last acquisition, and */
	unsigned nr_in_fn;     /* how many were checked in it so far */
	const struct strvec *closers; /* the "closers" option: functions that close what they get */
	const struct strvec *clients; /* the "clients" option: types whose Do, Get... return a response */
};

struct acq {
	uint32_t call;             /* the call that returns the response */
	uint32_t stmt;             /* the statement holding it (a flow element) */
	uint32_t fn;               /* the function it is in */
	uint32_t names[MAX_NAMES]; /* the response variable, then its aliases */
	size_t nr_names;
	uint32_t err;              /* the error variable, or AST_NONE */
	uint32_t scope;            /* where a := variable is visible (its block), or AST_NONE */
	uint32_t closers[MAX_NAMES]; /* variables holding a func literal that releases it */
	size_t nr_closers;
	int is_body;               /* the variable holds the body itself (a helper returned it) */
	int direct;                /* net/http's own API returned it (never a nil response with a nil error) */
	int with_error;            /* a helper that may return it, body open, with an error (func_fact) */
};

/* How a leaking path ends. */
struct leak {
	uint32_t cond;      /* the last branch condition taken, or AST_NONE */
	int cond_true;      /* which way it went */
	uint32_t ret;       /* the return statement, or AST_NONE: end of the body */
	uint32_t overwrite; /* the statement that assigns the variable again, or AST_NONE */
	int never_released; /* no path releases it at all */
};

static void set_leak(struct leak *lk, uint32_t cond, int cond_true, uint32_t ret, uint32_t overwrite)
{
	lk->cond = cond;
	lk->cond_true = cond_true;
	lk->ret = ret;
	lk->overwrite = overwrite;
}

/*
 * ACQ_MAYBE: confirmed by use; ACQ_MAYBE_BODY: only by the Body's use (a
 * method of another package of the tree that may hand back a response it
 * closed: its summary is not path-sensitive).
 */
enum acq_kind { ACQ_NO, ACQ_MAYBE, ACQ_MAYBE_BODY, ACQ_YES };

/* ---------------------------------------------------------------- which calls acquire */

static int name_in(const struct ast *ast, uint32_t id, const char *const *list)
{
	for (; *list; list++)
		if (ast_text_is(ast, id, *list))
			return 1;
	return 0;
}

/*
 * Only functions that get their response from a request, returning (resp),
 * (resp, error) or (resp, status, error); resp may be the response's body.
 */
static int acquiring_fact(const struct func_fact *ff)
{
	return ff && !ff->handled && !ff->closes_result && ff->requests && ff->response_result == 0 &&
	       (ff->nr_results == 1 || (ff->nr_results <= 3 && ff->returns_error));
}

/*
 * A request whose method is HEAD: its response's body is http.NoBody and
 * holds no connection. `req` is Do's argument.
 */
static int head_request(const struct ctx *c, uint32_t req)
{
	const struct ast *ast = c->ast;
	uint32_t d, spec, right, call, args, method;
	int k = 0;

	req = ast_unparen(ast, req);
	if (ast_kind(ast, req) != AST_identifier || (d = types_local_decl(ast, req)) == AST_NONE)
		return 0;
	spec = ast->nodes[d].parent;
	if (ast_kind(ast, spec) == AST_expression_list)
		spec = ast->nodes[spec].parent;
	if (ast_kind(ast, spec) != AST_short_var_declaration && ast_kind(ast, spec) != AST_var_spec)
		return 0;
	right = ast_field(ast, spec, ast_kind(ast, spec) == AST_var_spec ? FIELD_value : FIELD_right);
	call = ast_unparen(ast, ast_child(ast, right, (uint32_t)k));
	if (ast_kind(ast, call) != AST_call_expression)
		return 0;
	if (!imports_calls(ast, call, c->imp->http, "NewRequest") &&
	    !imports_calls(ast, call, c->imp->http, "NewRequestWithContext"))
		return 0;
	args = ast_field(ast, call, FIELD_arguments);
	method = ast_child(ast, args, imports_calls(ast, call, c->imp->http, "NewRequest") ? 0 : 1);
	return ast_text_is(ast, method, "\"HEAD\"") || ast_text_is(ast, method, "`HEAD`") ||
	       imports_http_value(ast, method, c->imp->http, "MethodHead");
}

/*
 * Does `call` return a response? ACQ_YES when known (net/http, a client,
 * a package function declared to return one); ACQ_MAYBE for Do/Get/...
 * on a receiver whose type the source does not write (or writes as
 * another module's type), to be confirmed by how the result is used.
 * The type the source writes decides (types.h): `client *etcd.Client`
 * is not an http.Client, whatever its name. *nr_results receives how
 * many values the call returns.
 */
/*
 * A local transport whose dial function makes its connections in memory
 * (`&http.Transport{Dial: func(...) (net.Conn, error) { return &fakeConn{...}, nil }}`,
 * as httputil's request dumper does): nothing dials, so an unread body
 * holds no connection. `op` is the receiver of RoundTrip.
 */
static int in_memory_transport(const struct ctx *c, uint32_t op)
{
	const struct ast *ast = c->ast;
	uint32_t d, stmt, right, lit, body, el;
	int dials = 0, custom = 0;

	op = ast_unparen(ast, op);
	if (ast_kind(ast, op) != AST_identifier || (d = types_local_decl(ast, op)) == AST_NONE)
		return 0;
	stmt = ast->nodes[ast->nodes[d].parent].parent;
	if (ast_kind(ast, stmt) != AST_short_var_declaration || ast_child_count(ast, ast->nodes[d].parent) != 1)
		return 0;
	right = ast_field(ast, stmt, FIELD_right);
	lit = ast_unparen(ast, ast_child(ast, right, 0));
	if (ast_kind(ast, lit) == AST_unary_expression)
		lit = ast_unparen(ast, ast_field(ast, lit, FIELD_operand));
	if (ast_kind(ast, lit) != AST_composite_literal)
		return 0;
	body = ast_field(ast, lit, FIELD_body);
	ast_for_each_child(ast, body, el) {
		uint32_t key, val, kid;
		if (ast_kind(ast, el) != AST_keyed_element)
			continue;
		key = ast->nodes[el].first;
		val = key == AST_NONE ? AST_NONE : ast->nodes[key].next;
		kid = ast_kind(ast, key) == AST_literal_element ? ast->nodes[key].first : key;
		if (!ast_text_is(ast, kid, "Dial") && !ast_text_is(ast, kid, "DialContext") &&
		    !ast_text_is(ast, kid, "DialTLS") && !ast_text_is(ast, kid, "DialTLSContext"))
			continue;
		if (ast_kind(ast, val) == AST_literal_element)
			val = ast->nodes[val].first;
		if (ast_kind(ast, val) != AST_func_literal)
			return 0; /* a dialer we cannot see */
		custom = 1;
		/* a real dial in it: net.Dial, (*net.Dialer).DialContext, tls.Dial... */
		{
			uint32_t i, end = ast_subtree_end(ast, val);
			for (i = val; i <= end; i++)
				if (ast->nodes[i].kind == AST_call_expression) {
					uint32_t nm = ast_call_name(ast, i);
					size_t len;
					const char *t = nm == AST_NONE ? "" : ast_text(ast, nm, &len);
					if (nm != AST_NONE && len >= 4 && !memcmp(t, "Dial", 4))
						dials = 1;
				}
		}
	}
	return custom && !dials;
}

/* A call given the method HEAD as an argument: getOrHead(ctx, "HEAD", ...). */
static int passes_head(const struct ctx *c, uint32_t call)
{
	const struct ast *ast = c->ast;
	uint32_t arg;
	ast_for_each_child(ast, ast_field(ast, call, FIELD_arguments), arg)
		if (ast_text_is(ast, arg, "\"HEAD\"") ||
		    imports_http_value(ast, arg, c->imp->http, "MethodHead"))
			return 1;
	return 0;
}

static enum acq_kind acquisition(const struct ctx *c, uint32_t call, int *nr_results, int *is_body,
				 int *direct, int *with_error)
{
	static const char *const http_funcs[] = { "Get", "Post", "PostForm", NULL };
	static const char *const client_methods[] = { "Do", "Get", "Post", "PostForm", NULL };
	const struct ast *ast = c->ast;
	uint32_t f = ast_unparen(ast, ast_field(ast, call, FIELD_function)), op, name;
	const struct func_fact *ff = NULL;
	struct type_ref base;
	size_t len;
	const char *t;

	*nr_results = 2;
	*is_body = 0;
	*with_error = 0;
	*direct = 1; /* cleared below for the package's own helpers */
	if (passes_head(c, call))
		return ACQ_NO; /* a HEAD response's body is http.NoBody */
	if (ast_kind(ast, f) == AST_identifier) {
		t = ast_text(ast, f, &len);
		if (types_local_decl(ast, f) != AST_NONE)
			return ACQ_NO; /* a function value */
		ff = facts_func(c->pf, t, len, 0);
		/* import . "net/http": a plain Get(url) */
		if (!ff && c->imp->uses_http && !c->imp->http[0] && name_in(ast, f, http_funcs))
			return ACQ_YES;
		if (!acquiring_fact(ff))
			return ACQ_NO;
		*nr_results = ff->nr_results;
		*is_body = ff->returns_body;
		*with_error = ff->with_error;
		*direct = 0;
		return ACQ_YES;
	}
	if (ast_kind(ast, f) != AST_selector_expression)
		return ACQ_NO;
	op = ast_unparen(ast, ast_field(ast, f, FIELD_operand));
	name = ast_field(ast, f, FIELD_field);
	t = ast_text(ast, name, &len);
	types_of_expr(&c->te, op, &base);
	switch (base.kind) {
	case TYPE_PACKAGE:
		if (base.pkg_len == 8 && !memcmp(base.pkg, "net/http", 8))
			return name_in(ast, name, http_funcs) ? ACQ_YES : ACQ_NO;
		/* Another package: acquires if it is in the tree and says so. */
		ff = facts_func_in(c->pf, base.pkg, base.pkg_len, t, len);
		if (!acquiring_fact(ff))
			return ACQ_NO;
		*nr_results = ff->nr_results;
		*is_body = ff->returns_body;
		*with_error = ff->with_error;
		*direct = 0;
		return ACQ_YES;
	case TYPE_NAMED: {
		const struct type_sig *sig;
		int embeds_client = 0;
		if (types_is(&base, "net/http", "Client")) {
			if (ast_text_is(ast, name, "Do") &&
			    head_request(c, ast_child(ast, ast_field(ast, call, FIELD_arguments), 0)))
				return ACQ_NO;
			return name_in(ast, name, client_methods) ? ACQ_YES : ACQ_NO;
		}
		/* a client type the config names: its methods answer like http.Client's */
		if (namelist_has_type(c->clients, base.pkg, base.pkg_len, base.name, base.name_len)) {
			if (ast_text_is(ast, name, "Do") &&
			    head_request(c, ast_child(ast, ast_field(ast, call, FIELD_arguments), 0)))
				return ACQ_NO;
			return name_in(ast, name, client_methods) ? ACQ_YES : ACQ_NO;
		}
		if (types_is(&base, "net/http", "Transport") || types_is(&base, "net/http", "RoundTripper")) {
			if (in_memory_transport(c, op))
				return ACQ_NO;
			return ast_text_is(ast, name, "RoundTrip") ? ACQ_YES : ACQ_NO;
		}
		if (base.pkg_len == 8 && !memcmp(base.pkg, "net/http", 8))
			return ACQ_NO;
		sig = types_method(&c->te, &base, t, len, &embeds_client);
		if (embeds_client)
			return name_in(ast, name, client_methods) ? ACQ_YES : ACQ_NO;
		if (sig) {
			const struct type_decl *d = types_decl(&c->te, &base);
			if (d && d->is_interface) { /* a Doer-style interface: a fresh response by contract */
				if (sig->nr_results < 1 || sig->nr_results > 2 ||
				    !types_is(&sig->results[0], "net/http", "Response") ||
				    !sig->results[0].pointer)
					return ACQ_NO;
				*nr_results = sig->nr_results;
				return ACQ_YES;
			}
			/*
			 * A method of this package, or of another of the tree: its
			 * written result must be a response or a body (the summary is
			 * by name, whatever the receiver), and its summary decides.
			 */
			if (sig->nr_results < 1 || !sig->results[0].pointer ||
			    !types_is(&sig->results[0], "net/http", "Response")) {
				if (!types_is(&sig->results[0], "io", "ReadCloser"))
					return ACQ_NO;
			}
			*direct = 0;
			ff = base.pkg_len ? facts_method_in(c->pf, base.pkg, base.pkg_len, t, len) :
					    facts_func(c->pf, t, len, 1);
			if (!acquiring_fact(ff) || ff->nr_results != sig->nr_results)
				return ACQ_NO;
			*nr_results = ff->nr_results;
			*is_body = ff->returns_body;
			*with_error = ff->with_error;
		*with_error = ff->with_error;
			return base.pkg_len ? ACQ_MAYBE_BODY : ACQ_YES;
		}
		if (types_decl(&c->te, &base))
			return ACQ_NO; /* declared here, and no such method returns a response */
		/* another module's type: only its use can tell */
		return name_in(ast, name, client_methods) || ast_text_is(ast, name, "RoundTrip") ?
			       ACQ_MAYBE : ACQ_NO;
	}
	case TYPE_OTHER:
		return ACQ_NO;
	default:
		break;
	}
	/* Nothing written: known by name, confirmed by use. */
	ff = facts_func(c->pf, t, len, 1);
	if (ff && ff->response_result >= 0) {
		if (!acquiring_fact(ff))
			return ACQ_NO;
		*nr_results = ff->nr_results;
		*is_body = ff->returns_body;
		*with_error = ff->with_error;
		return ACQ_MAYBE;
	}
	if (ast_text_is(ast, name, "Do") &&
	    head_request(c, ast_child(ast, ast_field(ast, call, FIELD_arguments), 0)))
		return ACQ_NO;
	if (name_in(ast, name, client_methods) || ast_text_is(ast, name, "RoundTrip"))
		return ACQ_MAYBE;
	return ACQ_NO;
}

/*
 * A result of unknown type is a response only with evidence specific to
 * *http.Response: its Body (or another field only a response has) used in
 * fn, `resp.Header.Get(...)`, or the variable declared as one.
 * `.Status`/`.StatusCode` alone are not (gRPC, Kubernetes and SIP
 * objects have them too).
 */
static int used_as_response(const struct ctx *c, uint32_t fn, uint32_t name, int body_only)
{
	static const char *const response_only_fields[] = {
		"Body", "ContentLength", "TransferEncoding", "Uncompressed", "ProtoMajor", "ProtoMinor",
		"Trailer", NULL,
	};
	const struct ast *ast = c->ast;
	uint32_t i, end = ast_subtree_end(ast, fn), d;
	struct type_ref t;

	d = types_local_decl(ast, name);
	if (d != AST_NONE && d != name) {
		types_of_expr(&c->te, d, &t);
		if (t.kind == TYPE_NAMED)
			return types_is(&t, "net/http", "Response");
	}
	for (i = fn; i <= end; i++) {
		uint32_t field, up, method;
		if (ast->nodes[i].kind != AST_selector_expression ||
		    !ast_same_text(ast, ast_field(ast, i, FIELD_operand), name))
			continue;
		field = ast_field(ast, i, FIELD_field);
		if (body_only ? ast_text_is(ast, field, "Body") : name_in(ast, field, response_only_fields))
			return 1;
		if (body_only)
			continue;
		/* resp.Header.Get(...): an http.Header (etcd's Header is a struct of fields) */
		up = ast->nodes[i].parent;
		if (ast_text_is(ast, field, "Header") && ast_kind(ast, up) == AST_selector_expression &&
		    ast_field(ast, up, FIELD_operand) == i) {
			method = ast_field(ast, up, FIELD_field);
			if ((ast_text_is(ast, method, "Get") || ast_text_is(ast, method, "Values")) &&
			    ast_kind(ast, ast->nodes[up].parent) == AST_call_expression)
				return 1;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- what a statement does */

/* True when identifier id names a named result of function fn. */
static int is_named_result(const struct ast *ast, uint32_t fn, uint32_t id)
{
	uint32_t res = ast_field(ast, fn, FIELD_result), d, n;
	if (ast_kind(ast, res) != AST_parameter_list)
		return 0;
	ast_for_each_child(ast, res, d)
		ast_for_each_child(ast, d, n)
			if (ast->nodes[n].field == FIELD_name && ast_same_text(ast, n, id))
				return 1;
	return 0;
}

/* A func literal that is assigned to a variable rather than run or passed on. */
static int stored_literal(const struct ast *ast, uint32_t lit)
{
	uint32_t p = ast->nodes[lit].parent;
	while (ast_kind(ast, p) == AST_parenthesized_expression)
		p = ast->nodes[p].parent;
	if (ast_kind(ast, p) != AST_expression_list || ast->nodes[p].field != FIELD_right)
		return ast_kind(ast, p) == AST_var_spec;
	p = ast->nodes[p].parent;
	return ast_kind(ast, p) == AST_short_var_declaration ||
	       ast_kind(ast, p) == AST_assignment_statement || ast_kind(ast, p) == AST_var_spec;
}

/* A call of a variable that holds a releasing func literal: cleanup(), defer cleanup(). */
static int calls_closer(const struct ast *ast, const struct acq *a, uint32_t call)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	size_t i;
	if (ast_kind(ast, fn) != AST_identifier)
		return 0;
	for (i = 0; i < a->nr_closers; i++)
		if (ast_same_text(ast, fn, a->closers[i]))
			return 1;
	return 0;
}

enum effect { EFFECT_NONE, EFFECT_RELEASE, EFFECT_OVERWRITE };

static int has_name(const struct ast *ast, const struct acq *a, uint32_t id)
{
	size_t i;
	for (i = 0; i < a->nr_names; i++)
		if (ast_same_text(ast, a->names[i], id))
			return 1;
	return 0;
}

/*
 * A call of a function the config names as a closer (the "closers"
 * option) with the response or its body among its arguments.
 */
static int calls_named_closer(const struct ctx *c, const struct acq *a, uint32_t call)
{
	const struct ast *ast = c->ast;
	uint32_t args, i, end;

	if (!namelist_calls(c->closers, ast, c->imp, call))
		return 0;
	args = ast_field(ast, call, FIELD_arguments);
	if (args == AST_NONE)
		return 0;
	end = ast_subtree_end(ast, args);
	for (i = args; i <= end; i++)
		if (ast->nodes[i].kind == AST_identifier && has_name(ast, a, i))
			return 1;
	return 0;
}

/* Methods of other types that only read what they are given. */
static int reading_method(const struct ast *ast, uint32_t name)
{
	static const char *const readers[] = { "ReadFrom", "Reset", "Decode", NULL };
	return name_in(ast, name, readers);
}

static enum effect pass_effect(const struct ctx *c, const struct use *u)
{
	const struct ast *ast = c->ast;
	const struct func_fact *ff;
	size_t len;
	const char *t;

	if (u->kind == USE_PASS_LITERAL)
		return ownership_literal_param(ast, c->imp, u->callee, u->arg_index) == USE_READ ?
			       EFFECT_NONE : EFFECT_RELEASE;
	if (u->kind == USE_PASS_METHOD && reading_method(ast, u->callee))
		return EFFECT_NONE;
	t = ast_text(ast, u->callee, &len);
	if (u->kind == USE_PASS_PKG)
		ff = facts_func_in(c->pf, u->pkg_path, u->pkg_len, t, len);
	else
		ff = facts_func(c->pf, t, len, u->kind == USE_PASS_METHOD);
	if (!ff || u->arg_index >= FACTS_MAX_PARAMS)
		return EFFECT_RELEASE; /* code we cannot see: assume it takes over */
	return ff->fate[u->arg_index] == FATE_READ ? EFFECT_NONE : EFFECT_RELEASE;
}

/*
 * What statement `e` does to the response: releases it (closes it or hands
 * it off), assigns the variable again, or neither.
 */
static enum effect effect_of(const struct ctx *c, const struct acq *a, uint32_t e)
{
	const struct ast *ast = c->ast;
	uint32_t i, end = ast_subtree_end(ast, e);
	enum effect result = EFFECT_NONE;

	/* Outside its block, a name declared with := is another variable. */
	if (a->scope != AST_NONE && !ast_contains(ast, a->scope, e))
		return EFFECT_NONE;
	/* A bare return hands named results to the caller. */
	if (ast_kind(ast, e) == AST_return_statement && ast->nodes[e].first == AST_NONE &&
	    is_named_result(ast, a->fn, a->names[0]))
		return EFFECT_RELEASE;
	for (i = e; i <= end; i++) {
		struct use u;
		/* A func literal stored in a variable runs later, when called (see closers). */
		if (ast->nodes[i].kind == AST_func_literal && stored_literal(ast, i)) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind == AST_call_expression &&
		    (calls_closer(ast, a, i) || calls_named_closer(c, a, i)))
			return EFFECT_RELEASE;
		if (ast->nodes[i].kind != AST_identifier || !has_name(ast, a, i))
			continue;
		/* An inner := of the same name is another variable. */
		if (ast_same_text(ast, i, a->names[0]) && !ast_same_variable(ast, a->stmt, i))
			continue;
		ownership_classify(ast, c->imp, i, e, &u);
		switch (u.kind) {
		case USE_CLOSE:
		case USE_TAKE:
			return EFFECT_RELEASE;
		case USE_PASS_FUNC:
		case USE_PASS_METHOD:
		case USE_PASS_LITERAL:
		case USE_PASS_PKG:
			if (pass_effect(c, &u) == EFFECT_RELEASE)
				return EFFECT_RELEASE;
			break;
		case USE_OVERWRITE:
			/*
			 * Only the response variable itself matters; a := in another
			 * block declares a new variable that shadows it.
			 */
			if (ast_same_text(ast, i, a->names[0]) &&
			    (ast_kind(ast, e) != AST_short_var_declaration ||
			     ast->nodes[e].parent == ast->nodes[a->stmt].parent))
				result = EFFECT_OVERWRITE;
			break;
		case USE_ALIAS: {
			/*
			 * Copied into a package variable, a variable of an enclosing
			 * function (a closure run by a retry helper), or one declared
			 * outside the block that holds the response: whoever declared
			 * it owns the body now, beyond this variable's reach.
			 */
			uint32_t d = types_local_decl(ast, u.alias);
			if (d == AST_NONE || !ast_contains(ast, a->fn, d) ||
			    (a->scope != AST_NONE && !ast_contains(ast, a->scope, d)))
				return EFFECT_RELEASE;
			break;
		}
		default:
			break;
		}
	}
	return result;
}

/* Add the variables that copy the response or its body (`b := resp.Body`). */
static void collect_aliases(const struct ctx *c, struct acq *a)
{
	const struct ast *ast = c->ast;
	uint32_t body = ast_func_body(ast, a->fn), i, end;
	size_t k;

	if (body == AST_NONE)
		return;
	end = ast_subtree_end(ast, body);
	for (k = 0; k < a->nr_names; k++)
		for (i = body; i <= end; i++) {
			struct use u;
			if (ast->nodes[i].kind != AST_identifier || !ast_same_text(ast, i, a->names[k]))
				continue;
			ownership_classify(ast, c->imp, i, body, &u);
			if (u.kind == USE_ALIAS && !has_name(ast, a, u.alias) && a->nr_names < MAX_NAMES)
				a->names[a->nr_names++] = u.alias;
		}
}

/*
 * Variables holding a func literal that releases the response
 * (`cleanup := func() { resp.Body.Close() }`): calling them releases it.
 */
static void collect_closers(const struct ctx *c, struct acq *a)
{
	const struct ast *ast = c->ast;
	uint32_t body = ast_func_body(ast, a->fn), i, end;

	if (body == AST_NONE)
		return;
	end = ast_subtree_end(ast, body);
	for (i = body; i <= end && a->nr_closers < MAX_NAMES; i++) {
		uint32_t p, left, target, j, lend;
		int releases = 0;
		if (ast->nodes[i].kind != AST_func_literal || !stored_literal(ast, i))
			continue;
		lend = ast_subtree_end(ast, i);
		for (j = i; j <= lend && !releases; j++) {
			struct use u;
			if (ast->nodes[j].kind != AST_identifier || !has_name(ast, a, j))
				continue;
			ownership_classify(ast, c->imp, j, i, &u);
			releases = u.kind == USE_CLOSE || u.kind == USE_TAKE;
		}
		if (!releases)
			continue;
		p = ast->nodes[i].parent;
		while (ast_kind(ast, p) == AST_parenthesized_expression)
			p = ast->nodes[p].parent;
		if (ast_kind(ast, p) == AST_var_spec) {
			target = ast_field(ast, p, FIELD_name);
		} else {
			left = ast_field(ast, ast->nodes[p].parent, FIELD_left);
			target = ast_child(ast, left, 0);
		}
		if (ast_kind(ast, target) == AST_identifier)
			a->closers[a->nr_closers++] = target;
	}
}

/* ---------------------------------------------------------------- paths */

struct frame {
	uint32_t block, start;
	uint32_t cond;
	int cond_true;
	int err_live; /* the error variable still holds the call's error */
	uint32_t flag; /* a variable this path last set to true or false (`ok = true`), or AST_NONE */
	int flag_val;
};

/* Statement e sets one variable to a boolean literal: returns it, *val its value. */
static uint32_t sets_flag(const struct ast *ast, uint32_t e, int *val)
{
	uint32_t left, right, l, r;
	if (ast_kind(ast, e) != AST_assignment_statement && ast_kind(ast, e) != AST_short_var_declaration)
		return AST_NONE;
	left = ast_field(ast, e, FIELD_left);
	right = ast_field(ast, e, FIELD_right);
	if (ast_child_count(ast, left) != 1 || ast_child_count(ast, right) != 1)
		return AST_NONE;
	l = ast_child(ast, left, 0);
	r = ast_unparen(ast, ast_child(ast, right, 0));
	if (ast_kind(ast, l) != AST_identifier ||
	    (ast_kind(ast, r) != AST_true && ast_kind(ast, r) != AST_false))
		return AST_NONE;
	*val = ast_kind(ast, r) == AST_true;
	return l;
}

/* Statement e assigns identifier `flag` (any value). */
static int assigns_name(const struct ast *ast, uint32_t e, uint32_t flag)
{
	uint32_t left, c;
	if (ast_kind(ast, e) != AST_assignment_statement && ast_kind(ast, e) != AST_short_var_declaration)
		return 0;
	left = ast_field(ast, e, FIELD_left);
	ast_for_each_child(ast, left, c)
		if (ast_same_text(ast, c, flag))
			return 1;
	return 0;
}

/*
 * What a branch condition says given the flag's known value: 1 or 0 when
 * the condition is `flag` or `!flag` (its value then), -1 otherwise.
 */
static int flag_decides(const struct ast *ast, uint32_t cond, uint32_t flag, int val)
{
	int neg = 0;
	if (flag == AST_NONE)
		return -1;
	cond = ast_unparen(ast, cond);
	while (ast_kind(ast, cond) == AST_unary_expression &&
	       ast_text_is(ast, ast_field(ast, cond, FIELD_operator), "!")) {
		neg = !neg;
		cond = ast_unparen(ast, ast_field(ast, cond, FIELD_operand));
	}
	if (ast_kind(ast, cond) != AST_identifier || !ast_same_text(ast, cond, flag))
		return -1;
	return neg ? !val : val;
}

/* True when statement e assigns the acquisition's error variable. */
static int assigns_err(const struct ast *ast, const struct acq *a, uint32_t e)
{
	uint32_t left, c;
	if (a->err == AST_NONE || (ast_kind(ast, e) != AST_short_var_declaration &&
				   ast_kind(ast, e) != AST_assignment_statement))
		return 0;
	/* A := in another block (an if's initializer) declares a new err. */
	if (ast_kind(ast, e) == AST_short_var_declaration &&
	    ast->nodes[e].parent != ast->nodes[a->stmt].parent)
		return 0;
	left = ast_field(ast, e, FIELD_left);
	ast_for_each_child(ast, left, c)
		if (ast_same_text(ast, c, a->err))
			/* err = wrap(err) still carries the call's error. */
			return !ast_mentions(ast, ast_field(ast, e, FIELD_right),
					     ast->src + ast->nodes[a->err].start,
					     ast->nodes[a->err].end - ast->nodes[a->err].start, 0);
	return 0;
}

/*
 * Blocks from which some path reaches a release of the response (the
 * acquisition's own statement does not count). A branch whose other edge
 * could still reach one decides the leak; that is the one to name.
 * Returns the number of blocks holding a release.
 */
static size_t mark_releases(const struct ctx *c, const struct acq *a, const struct flow *f,
			    unsigned char *reach)
{
	size_t nr = 0;
	uint32_t b, i, s;
	int changed = 1;

	for (b = 0; b < f->nr_blocks; b++)
		for (i = 0; i < f->blocks[b].nr_elems; i++)
			if (f->blocks[b].elems[i] != a->stmt &&
			    effect_of(c, a, f->blocks[b].elems[i]) == EFFECT_RELEASE) {
				reach[b] = 1;
				nr++;
				break;
			}
	while (changed) {
		changed = 0;
		for (b = 0; b < f->nr_blocks; b++) {
			if (reach[b])
				continue;
			for (s = 0; s < f->blocks[b].nr_succ; s++)
				if (reach[f->blocks[b].succ[s]]) {
					reach[b] = 1;
					changed = 1;
					break;
				}
		}
	}
	return nr;
}

static int mentions_node_text(const struct ast *ast, uint32_t in, uint32_t name)
{
	return ast_mentions(ast, in, ast->src + ast->nodes[name].start,
			    ast->nodes[name].end - ast->nodes[name].start, 0);
}

/*
 * A call that classifies the error: err among its arguments, the response
 * not (`isTLSError(err)`, `errors.Is(err, x)`, `shouldRetry(ctx, err)`).
 * Such a classifier says false of a nil error.
 */
static int classifies_err(const struct ast *ast, const struct acq *a, uint32_t call)
{
	uint32_t args = ast_field(ast, call, FIELD_arguments);
	size_t k;
	if (!mentions_node_text(ast, args, a->err))
		return 0;
	for (k = 0; k < a->nr_names; k++)
		if (mentions_node_text(ast, args, a->names[k]))
			return 0;
	return 1;
}

/*
 * Does condition `cond`, evaluating to `want`, imply that the call's
 * error is not nil (so that the response is nil)? Through !, && and ||,
 * for classifier calls on err and booleans set from one (`retry, err :=
 * shouldRetry(ctx, err)`).
 */
static int implies_err(const struct ast *ast, const struct acq *a, uint32_t cond, int want, int depth)
{
	uint32_t d;
	if (cond == AST_NONE || a->err == AST_NONE || depth > 8)
		return 0;
	cond = ast_unparen(ast, cond);
	switch (ast_kind(ast, cond)) {
	case AST_unary_expression:
		if (!ast_text_is(ast, ast_field(ast, cond, FIELD_operator), "!"))
			return 0;
		return implies_err(ast, a, ast_field(ast, cond, FIELD_operand), !want, depth + 1);
	case AST_binary_expression: {
		uint32_t op = ast_field(ast, cond, FIELD_operator), l = ast_field(ast, cond, FIELD_left),
			 r = ast_field(ast, cond, FIELD_right);
		int and = ast_text_is(ast, op, "&&");
		if (!and && !ast_text_is(ast, op, "||"))
			return 0;
		if (and == want) /* a && b true, a || b false: both hold */
			return implies_err(ast, a, l, want, depth + 1) ||
			       implies_err(ast, a, r, want, depth + 1);
		return implies_err(ast, a, l, want, depth + 1) && implies_err(ast, a, r, want, depth + 1);
	}
	case AST_call_expression:
		return want && classifies_err(ast, a, cond);
	case AST_identifier: {
		uint32_t stmt, right, call;
		if (!want || (d = types_local_decl(ast, cond)) == AST_NONE)
			return 0;
		stmt = ast->nodes[ast->nodes[d].parent].parent;
		if (ast_kind(ast, stmt) != AST_short_var_declaration ||
		    ast_child(ast, ast_field(ast, stmt, FIELD_left), 0) != d)
			return 0;
		right = ast_field(ast, stmt, FIELD_right);
		call = ast_unparen(ast, ast_child(ast, right, 0));
		return ast_child_count(ast, right) == 1 && ast_kind(ast, call) == AST_call_expression &&
		       classifies_err(ast, a, call);
	}
	default:
		return 0;
	}
}

/* Search for a leaking path from the acquisition. Returns 1 and fills *out when found. */
static int find_leak(const struct ctx *c, const struct acq *a, const struct flow *f,
		     uint32_t blk, uint32_t idx, struct leak *out)
{
	const struct ast *ast = c->ast;
	/* a block is seen once per err_live and flag state: they may lead to different ends */
	unsigned char *seen = xcalloc(f->nr_blocks, 6);
	unsigned char *reach = xcalloc(f->nr_blocks, 1);
	struct frame *stack = xcalloc(2 * (size_t)f->nr_blocks + 1, sizeof(*stack));
	size_t sp = 0;
	int found = 0;

	out->never_released = !mark_releases(c, a, f, reach);
	stack[sp++] = (struct frame){ blk, idx + 1, AST_NONE, 0, 1, AST_NONE, 0 };
	while (sp && !found) {
		struct frame fr = stack[--sp];
		const struct flow_block *b = &f->blocks[fr.block];
		uint32_t i, ret = AST_NONE, s;
		struct nil_edges ne = { NIL_UNKNOWN, NIL_UNKNOWN };
		int stop = 0;

		for (i = fr.start; i < b->nr_elems && !stop; i++) {
			uint32_t e = b->elems[i];
			enum effect ef;
			if (e == a->stmt) {
				set_leak(out, fr.cond, fr.cond_true, AST_NONE, e);
				found = stop = 1;
				break;
			}
			ef = effect_of(c, a, e);
			if (ef == EFFECT_RELEASE) {
				stop = 1;
			} else if (ef == EFFECT_OVERWRITE) {
				set_leak(out, fr.cond, fr.cond_true, AST_NONE, e);
				found = stop = 1;
			} else if (ast_kind(ast, e) == AST_return_statement) {
				ret = e;
			}
			if (assigns_err(ast, a, e))
				fr.err_live = 0;
			if (fr.flag != AST_NONE && assigns_name(ast, e, fr.flag))
				fr.flag = AST_NONE;
			{
				int val;
				uint32_t fl = sets_flag(ast, e, &val);
				if (fl != AST_NONE) {
					fr.flag = fl;
					fr.flag_val = val;
				}
			}
		}
		if (stop)
			continue;
		if (b->cond != AST_NONE)
			/* a helper's error says nothing of its response when it returns both */
			ne = nilness_of(ast, b->cond, a->names[0], a->with_error ? AST_NONE : a->err,
					fr.err_live, a->stmt);
		for (s = b->nr_succ; s-- > 0;) {
			uint32_t to = b->succ[s];
			struct frame next = { to, 0, fr.cond, fr.cond_true, fr.err_live, fr.flag, fr.flag_val };
			unsigned state;
			if (b->cond != AST_NONE && s < 2) {
				int taken_true = s == 0, known = flag_decides(ast, b->cond, fr.flag, fr.flag_val);
				if ((taken_true ? ne.on_true : ne.on_false) == NIL_KNOWN)
					continue; /* the call failed: nothing to close */
				if (known >= 0 && known != taken_true)
					continue; /* `ok = true; break` then `if !ok { return }` */
				if (fr.err_live && !a->with_error && implies_err(ast, a, b->cond, taken_true, 0))
					continue; /* `if isTimeout(err) { return }`: the call failed */
				if (ne.on_true == NIL_UNKNOWN && ne.on_false == NIL_UNKNOWN &&
				    b->nr_succ == 2 && reach[b->succ[1 - s]] && !reach[to]) {
					next.cond = b->cond;
					next.cond_true = taken_true;
				}
			}
			if (to == f->noreturn)
				continue;
			if (to == f->exit) {
				set_leak(out, next.cond, next.cond_true, ret, AST_NONE);
				found = 1;
				break;
			}
			state = (unsigned)next.err_live * 3 +
				(next.flag == AST_NONE ? 0 : next.flag_val ? 1 : 2);
			if (seen[to * 6 + state])
				continue;
			seen[to * 6 + state] = 1;
			stack[sp++] = next;
		}
	}
	free(seen);
	free(reach);
	free(stack);
	return found;
}

/* ---------------------------------------------------------------- messages */

/* Source text of node n on one line, shortened. */
static void add_text(struct strbuf *sb, const struct ast *ast, uint32_t n, size_t max)
{
	size_t len, i;
	const char *t = ast_text(ast, n, &len);
	int space = 0;
	for (i = 0; i < len && max; i++) {
		char ch = t[i];
		if (ch == '\n' || ch == '\t' || ch == ' ') {
			space = 1;
			continue;
		}
		if (space && sb->len)
			strbuf_addch(sb, ' ');
		space = 0;
		strbuf_addch(sb, ch);
		max--;
	}
	if (i < len)
		strbuf_addstr(sb, "...");
}

/* The condition as it held on the path: `x != y` taken false reads `x == y`. */
static void add_condition(struct strbuf *sb, const struct ast *ast, uint32_t cond, int taken_true)
{
	static const char *const ops[][2] = { { "==", "!=" }, { "!=", "==" }, { "<", ">=" },
					      { ">=", "<" }, { ">", "<=" }, { "<=", ">" } };
	uint32_t e = ast_unparen(ast, cond), op, tag = flow_case_tag(ast, cond);
	size_t i;

	if (tag != AST_NONE) { /* switch tag { case cond: } */
		add_text(sb, ast, tag, 40);
		strbuf_addstr(sb, taken_true ? " == " : " != ");
		add_text(sb, ast, cond, 40);
		return;
	}
	if (taken_true) {
		add_text(sb, ast, cond, 80);
		return;
	}
	if (ast_kind(ast, e) == AST_unary_expression &&
	    ast_text_is(ast, ast_field(ast, e, FIELD_operator), "!")) {
		add_text(sb, ast, ast_field(ast, e, FIELD_operand), 80);
		return;
	}
	if (ast_kind(ast, e) == AST_binary_expression) {
		op = ast_field(ast, e, FIELD_operator);
		for (i = 0; i < ARRAY_SIZE(ops); i++)
			if (ast_text_is(ast, op, ops[i][0])) {
				add_text(sb, ast, ast_field(ast, e, FIELD_left), 40);
				strbuf_addf(sb, " %s ", ops[i][1]);
				add_text(sb, ast, ast_field(ast, e, FIELD_right), 40);
				return;
			}
	}
	strbuf_addstr(sb, "!(");
	add_text(sb, ast, cond, 80);
	strbuf_addch(sb, ')');
}

/* Line after which `defer resp.Body.Close()` belongs: the error check, or the call. */
static uint32_t settling_check(const struct ast *ast, const struct acq *a, int *chain);

static uint32_t fix_line(const struct ast *ast, const struct acq *a)
{
	uint32_t s;
	int chain;
	if (a->err == AST_NONE)
		return ast->nodes[a->stmt].end_line;
	s = settling_check(ast, a, &chain);
	if (s != AST_NONE)
		return chain ? ast->nodes[ast_field(ast, s, FIELD_consequence)].end_line
			     : ast->nodes[s].end_line;
	for (s = ast->nodes[a->stmt].next; s != AST_NONE; s = ast->nodes[s].next)
		if (ast_kind(ast, s) == AST_if_statement) {
			uint32_t cond = ast_field(ast, s, FIELD_condition);
			size_t len;
			const char *t = ast_text(ast, a->err, &len);
			if (ast_mentions(ast, cond, t, len, 0))
				return ast->nodes[s].end_line;
		}
	return ast->nodes[a->stmt].end_line;
}

/* ---------------------------------------------------------------- fixes */

/* The offset where the line holding `off` starts. */
static uint32_t line_start(const struct ast *ast, uint32_t off)
{
	while (off > 0 && ast->src[off - 1] != '\n')
		off--;
	return off;
}

/* The indentation of the line holding `off`; 0 when code comes before off on it. */
static int indent_of(const struct ast *ast, uint32_t off, struct strbuf *out)
{
	uint32_t i = line_start(ast, off);
	for (; i < off; i++) {
		if (ast->src[i] != '\t' && ast->src[i] != ' ')
			return 0;
		strbuf_addch(out, ast->src[i]);
	}
	return 1;
}

/* Node n ends its line: only blanks (or a line comment) after it. */
static int ends_line(const struct ast *ast, uint32_t n)
{
	uint32_t i;
	for (i = ast->nodes[n].end; i < ast->len && ast->src[i] != '\n'; i++) {
		if (ast->src[i] == '/' && i + 1 < ast->len && ast->src[i + 1] == '/')
			return 1;
		if (ast->src[i] != ' ' && ast->src[i] != '\t' && ast->src[i] != '\r')
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

/* True when statement s lies in a loop or a goto's function: a defer or jump would not carry over. */
static int in_loop_or_goto(const struct ast *ast, uint32_t fn, uint32_t s)
{
	uint32_t p, i, end = ast_subtree_end(ast, fn);
	for (p = ast->nodes[s].parent; p != fn && p != AST_NONE; p = ast->nodes[p].parent)
		if (ast_kind(ast, p) == AST_for_statement)
			return 1;
	for (i = fn; i <= end; i++)
		if (ast->nodes[i].kind == AST_goto_statement)
			return 1;
	return 0;
}

/* A statement that ends every path through it: return, panic, or a known no-return call. */
static int block_stops(const struct ast *ast, uint32_t block)
{
	uint32_t last = AST_NONE, c, list = block;
	ast_for_each_child(ast, block, c)
		if (ast_kind(ast, c) == AST_statement_list)
			list = c;
	ast_for_each_child(ast, list, c)
		last = c;
	if (ast_kind(ast, last) == AST_return_statement)
		return 1;
	if (ast_kind(ast, last) == AST_expression_statement) {
		uint32_t call = ast_unparen(ast, ast->nodes[last].first);
		return ast_kind(ast, call) == AST_call_expression &&
		       ast_kind(ast, ast_field(ast, call, FIELD_function)) == AST_identifier &&
		       ast_text_is(ast, ast_field(ast, call, FIELD_function), "panic");
	}
	return 0;
}

/* True when statement s mentions a's error or one of its names (closures included). */
static int mentions_acq(const struct ast *ast, const struct acq *a, uint32_t s)
{
	size_t k;
	for (k = 0; k < a->nr_names; k++)
		if (ast_mentions(ast, s, ast->src + ast->nodes[a->names[k]].start,
				 ast->nodes[a->names[k]].end - ast->nodes[a->names[k]].start, 1))
			return 1;
	return a->err != AST_NONE &&
	       ast_mentions(ast, s, ast->src + ast->nodes[a->err].start,
			    ast->nodes[a->err].end - ast->nodes[a->err].start, 1);
}

/*
 * A statement that may stand between the acquisition and its check: a
 * plain declaration, assignment or call that neither jumps nor mentions
 * the response or the error (`elapsed := time.Since(start)`).
 */
static int passes_over(const struct ast *ast, const struct acq *a, uint32_t s)
{
	enum ast_kind k = ast_kind(ast, s);
	if (k != AST_short_var_declaration && k != AST_assignment_statement &&
	    k != AST_expression_statement && k != AST_var_declaration && k != AST_inc_statement &&
	    k != AST_dec_statement)
		return 0;
	return !mentions_acq(ast, a, s);
}

/* `require.NoError(t, err)` or `require.Nil(t, err)` on a's error: it stops the test otherwise. */
static int is_require_no_error(const struct ast *ast, const struct acq *a, uint32_t s)
{
	uint32_t call, c, second = AST_NONE;
	int n = 0;
	if (ast_kind(ast, s) != AST_expression_statement)
		return 0;
	call = ast_unparen(ast, ast->nodes[s].first);
	if (ast_kind(ast, call) != AST_call_expression ||
	    !(ast_call_is(ast, call, "require", "NoError") || ast_call_is(ast, call, "require", "Nil")))
		return 0;
	/* the error is the second argument, after t; a message may follow */
	ast_for_each_child(ast, ast_field(ast, call, FIELD_arguments), c)
		if (++n == 2)
			second = c;
	return second != AST_NONE && ast_same_text(ast, ast_unparen(ast, second), a->err);
}

/*
 * The check that settles err after the acquisition, or AST_NONE: the
 * next statement of its block, past statements that pass over the
 * response (passes_over), when it is `if err != nil { ...; return }`
 * (*chain set when an `else if` follows: the paths that go on run
 * through it) or, in tests, `require.NoError(t, err)`.
 */
static uint32_t settling_check(const struct ast *ast, const struct acq *a, int *chain)
{
	uint32_t s = ast->nodes[a->stmt].next, cond, l, r, op, alt;
	*chain = 0;
	if (a->err == AST_NONE)
		return AST_NONE;
	while (s != AST_NONE && ast_kind(ast, s) != AST_if_statement && !is_require_no_error(ast, a, s) &&
	       passes_over(ast, a, s))
		s = ast->nodes[s].next;
	if (is_require_no_error(ast, a, s))
		return ends_line(ast, s) ? s : AST_NONE;
	if (ast_kind(ast, s) != AST_if_statement || ast_field(ast, s, FIELD_initializer) != AST_NONE)
		return AST_NONE;
	alt = ast_field(ast, s, FIELD_alternative);
	if (alt != AST_NONE) {
		/* `} else if`, exactly, so the chain can be split there */
		uint32_t from = ast->nodes[ast_field(ast, s, FIELD_consequence)].end;
		if (ast_kind(ast, alt) != AST_if_statement || ast->nodes[alt].start != from + 6 ||
		    memcmp(ast->src + from, " else ", 6))
			return AST_NONE;
		*chain = 1;
	}
	cond = ast_unparen(ast, ast_field(ast, s, FIELD_condition));
	if (ast_kind(ast, cond) != AST_binary_expression)
		return AST_NONE;
	op = ast_field(ast, cond, FIELD_operator);
	l = ast_unparen(ast, ast_field(ast, cond, FIELD_left));
	r = ast_unparen(ast, ast_field(ast, cond, FIELD_right));
	if (!ast_text_is(ast, op, "!=") || !ast_same_text(ast, l, a->err) || ast_kind(ast, r) != AST_nil)
		return AST_NONE;
	return block_stops(ast, ast_field(ast, s, FIELD_consequence)) && ends_line(ast, s) ? s : AST_NONE;
}

/*
 * Insert `defer closer` (text, with its line break and indentation) where
 * the paths past check go on: after it, or, when an `else if` chain
 * follows, between its first block and the `if` (the `else` goes: the
 * first block stops every path through it, so the meaning is the same).
 */
static void add_after_check(const struct ast *ast, uint32_t check, int chain, const char *text,
			    const char *nl, const char *ind, struct edit_list *edits)
{
	struct strbuf t = STRBUF_INIT;
	uint32_t from;
	if (!chain) {
		edit_list_add(edits, ast->nodes[check].end, ast->nodes[check].end, text);
		return;
	}
	from = ast->nodes[ast_field(ast, check, FIELD_consequence)].end;
	strbuf_addf(&t, "%s%s", text, nl);
	strbuf_addstr(&t, ind);
	edit_list_add(edits, from, from + 6, t.buf);
	strbuf_release(&t);
}

/* The statements of a's function that release it, up to max; returns how many there are. */
static size_t releases_of(const struct ctx *c, const struct acq *a, const struct flow *f,
			  uint32_t *out, size_t max)
{
	size_t nr = 0;
	uint32_t b, i;
	for (b = 0; b < f->nr_blocks; b++)
		for (i = 0; i < f->blocks[b].nr_elems; i++) {
			uint32_t e = f->blocks[b].elems[i];
			if (e != a->stmt && effect_of(c, a, e) == EFFECT_RELEASE) {
				if (nr < max)
					out[nr] = e;
				nr++;
			}
		}
	return nr;
}

/* Is call `v.Body.Close()` (or `body.Close()` when a holds the body itself) for a's variable? */
static int is_body_close_call(const struct ast *ast, const struct acq *a, uint32_t call)
{
	uint32_t fn, body, v;
	call = ast_unparen(ast, call);
	fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	if (ast_kind(ast, call) != AST_call_expression || ast_kind(ast, fn) != AST_selector_expression ||
	    !ast_text_is(ast, ast_field(ast, fn, FIELD_field), "Close"))
		return 0;
	body = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
	if (a->is_body)
		return ast_same_text(ast, body, a->names[0]);
	if (ast_kind(ast, body) != AST_selector_expression ||
	    !ast_text_is(ast, ast_field(ast, body, FIELD_field), "Body"))
		return 0;
	v = ast_unparen(ast, ast_field(ast, body, FIELD_operand));
	return ast_same_text(ast, v, a->names[0]);
}

/* `defer v.Body.Close()`, exactly (the seed's close in one branch). */
static int is_deferred_body_close(const struct ast *ast, const struct acq *a, uint32_t e)
{
	return ast_kind(ast, e) == AST_defer_statement && is_body_close_call(ast, a, ast->nodes[e].first);
}

/*
 * Would closing the body before return statement `ret` change what it
 * returns? Yes when it mentions the body or an alias, or the response
 * other than through a field (`parse(resp)` may read the body);
 * `resp.StatusCode` is fine.
 */
static int return_needs_body(const struct ast *ast, const struct acq *a, uint32_t ret)
{
	uint32_t i, end = ast_subtree_end(ast, ret);
	for (i = ret; i <= end; i++) {
		uint32_t p;
		if (ast->nodes[i].kind != AST_identifier || !has_name(ast, a, i))
			continue;
		if (a->is_body || !ast_same_text(ast, i, a->names[0]))
			return 1;
		p = ast->nodes[i].parent;
		if (ast_kind(ast, p) != AST_selector_expression || ast_field(ast, p, FIELD_operand) != i ||
		    ast_text_is(ast, ast_field(ast, p, FIELD_field), "Body"))
			return 1;
	}
	return 0;
}

/* Wrappers of a reader that keep reading it after they return. */
static int wraps_reader(const struct ast *ast, uint32_t call)
{
	static const char *const wrappers[] = { "NewDecoder", "NewReader", "NewReaderSize", "NewScanner",
						"TeeReader", "LimitReader", "MultiReader", "NopCloser",
						"NewSectionReader", NULL };
	return name_in(ast, ast_call_name(ast, call), wrappers);
}

/*
 * Why an automatic fix would be unsafe for a's response in its function,
 * or NULL: the variable is declared or assigned again (a fix could close
 * the wrong response), a closure or a copy keeps it (`decode := func()
 * {...resp.Body...}`, `cp := *resp`), or a reader wrapped around the body
 * outlives the statement (`return json.NewDecoder(resp.Body)`).
 */
static const char *fix_unsafe(const struct ctx *c, const struct acq *a)
{
	const struct ast *ast = c->ast;
	uint32_t i, body = ast_func_body(ast, a->fn), end;
	size_t k;

	if (body == AST_NONE)
		return "no function body";
	end = ast_subtree_end(ast, body);
	for (i = body; i <= end; i++) {
		uint32_t p;
		if (ast->nodes[i].kind == AST_func_literal) {
			for (k = 0; k < a->nr_names; k++)
				if (ast_mentions(ast, i, ast->src + ast->nodes[a->names[k]].start,
						 ast->nodes[a->names[k]].end - ast->nodes[a->names[k]].start, 1))
					return "a function literal uses the response";
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind != AST_identifier || !has_name(ast, a, i))
			continue;
		p = ast->nodes[i].parent;
		if (ast_same_text(ast, i, a->names[0]) && !ast_contains(ast, a->stmt, i)) {
			/* declared or assigned again, or shadowed */
			uint32_t q = p;
			if (ast_kind(ast, q) == AST_expression_list && ast->nodes[q].field == FIELD_left)
				return "the variable is assigned again";
			if (ast_kind(ast, q) == AST_var_spec || ast_kind(ast, q) == AST_parameter_declaration ||
			    (ast_kind(ast, q) == AST_expression_list &&
			     ast_kind(ast, ast->nodes[q].parent) == AST_range_clause))
				return "another variable has the same name";
		}
		if (ast_kind(ast, p) == AST_unary_expression && ast_text_is(ast, ast_field(ast, p, FIELD_operator), "*"))
			return "the response is copied";
		/* the body given to a wrapper whose result is kept */
		for (; p != AST_NONE && p != body; p = ast->nodes[p].parent) {
			uint32_t up;
			if (ast_kind(ast, p) != AST_call_expression || !wraps_reader(ast, p))
				continue;
			up = ast->nodes[p].parent;
			if (ast_kind(ast, up) == AST_selector_expression && ast_field(ast, up, FIELD_operand) == p)
				break; /* json.NewDecoder(resp.Body).Decode(&v): used in place */
			return "a reader wrapped around the body outlives the statement";
		}
	}
	return NULL;
}

/* Every statement in rel[0..nr) closes the body (no hand-off among them). */
static int releases_are_closes(const struct ast *ast, const struct acq *a, const uint32_t *rel, size_t nr)
{
	size_t k;
	for (k = 0; k < nr; k++) {
		uint32_t e = rel[k];
		if (ast_kind(ast, e) == AST_defer_statement ? !is_deferred_body_close(ast, a, e)
		    : ast_kind(ast, e) != AST_expression_statement ||
			      !is_body_close_call(ast, a, ast->nodes[e].first))
			return 0;
	}
	return 1;
}

/*
 * A safe fix for a leak, as edits; *why receives what they do when they
 * are not the default insertion, or the reason when there is no fix. The fixes (issue 11): insert `defer v.Body.Close()` after the
 * check that settles err when nothing releases it; move the seed's
 * one-branch `defer` there; close by hand before the leaking return when
 * other paths close by hand.
 */
static void leak_fix(const struct ctx *c, const struct acq *a, const struct leak *lk,
		     const struct flow *f, const char *closer, struct edit_list *edits,
		     struct strbuf *why)
{
	const struct ast *ast = c->ast;
	const char *nl = newline_of(ast);
	struct strbuf text = STRBUF_INIT, ind = STRBUF_INIT, deferred = STRBUF_INIT;
	uint32_t check, rel[4];
	size_t nr_rel;
	int chain, guard = !a->direct;
	size_t vlen;
	const char *v = ast_text(ast, a->names[0], &vlen);

	if (a->with_error) {
		strbuf_addstr(why, "no automatic fix: the helper returns its response with an error "
				   "too; close the body before returning on the error as well");
		return;
	}
	if (in_loop_or_goto(ast, a->fn, a->stmt)) {
		strbuf_addstr(why, "no automatic fix: the call is in a loop (or the function has a goto), "
				   "where a defer would hold every body until the function returns");
		return;
	}
	if (lk->overwrite != AST_NONE) {
		strbuf_addstr(why, "no automatic fix: close it before the variable is assigned again");
		return;
	}
	{
		const char *unsafe = fix_unsafe(c, a);
		if (unsafe) {
			strbuf_addf(why, "no automatic fix: %s", unsafe);
			return;
		}
	}
	check = a->err == AST_NONE ? AST_NONE : settling_check(ast, a, &chain);
	if (check == AST_NONE || !ends_line(ast, a->stmt) || !indent_of(ast, ast->nodes[a->stmt].start, &ind)) {
		strbuf_addstr(why, "no automatic fix: no `if err != nil { return ... }` after the call "
				   "settles when the response is there");
		strbuf_release(&ind);
		return;
	}
	/*
	 * A helper's response may be nil with a nil error (net/http's own
	 * never is): the defer goes under `if resp != nil`.
	 */
	if (guard)
		strbuf_addf(&deferred, "%s%sif %.*s != nil {%s%s\tdefer %s%s%s}", nl, ind.buf, (int)vlen, v,
			    nl, ind.buf, closer, nl, ind.buf);
	else
		strbuf_addf(&deferred, "%s%sdefer %s", nl, ind.buf, closer);
	nr_rel = releases_of(c, a, f, rel, ARRAY_SIZE(rel));
	if (nr_rel == 0) {
		add_after_check(ast, check, chain, deferred.buf, nl, ind.buf, edits);
		if (guard)
			strbuf_addf(why, "add `defer %s` after line %u, under `if %.*s != nil` (a helper may "
					 "return a nil response with a nil error)",
				    closer, fix_line(ast, a), (int)vlen, v);
	} else if (nr_rel == 1 && is_deferred_body_close(ast, a, rel[0]) && ends_line(ast, rel[0])) {
		struct strbuf old = STRBUF_INIT;
		uint32_t from = line_start(ast, ast->nodes[rel[0]].start), to = ast->nodes[rel[0]].end;
		if (indent_of(ast, ast->nodes[rel[0]].start, &old)) {
			/* the whole line goes: its indentation, the defer, its line break */
			while (to < ast->len && ast->src[to] != '\n')
				to++;
			if (to < ast->len)
				to++;
			add_after_check(ast, check, chain, deferred.buf, nl, ind.buf, edits);
			edit_list_add(edits, from, to, "");
			strbuf_reset(why);
			strbuf_addf(why, "move `defer %s` from line %u to after line %u", closer,
				    ast->nodes[rel[0]].line, fix_line(ast, a));
		} else {
			strbuf_addstr(why, "no automatic fix: the deferred close shares its line");
		}
		strbuf_release(&old);
	} else if (lk->ret != AST_NONE && ast->nodes[lk->ret].start > ast->nodes[a->stmt].end &&
		   !ast_contains(ast, ast_field(ast, check, FIELD_consequence), lk->ret) &&
		   nr_rel <= ARRAY_SIZE(rel) && releases_are_closes(ast, a, rel, nr_rel) && !guard) {
		struct strbuf rind = STRBUF_INIT;
		if (!return_needs_body(ast, a, lk->ret) && indent_of(ast, ast->nodes[lk->ret].start, &rind)) {
			strbuf_addf(&text, "%s%s%s", closer, nl, rind.buf);
			edit_list_add(edits, ast->nodes[lk->ret].start, ast->nodes[lk->ret].start, text.buf);
			strbuf_addf(why, "call `%s` before the return at line %u", closer,
				    ast->nodes[lk->ret].line);
		} else {
			strbuf_addstr(why, "no automatic fix: the leaking return uses the response");
		}
		strbuf_release(&rind);
	} else if (guard) {
		strbuf_addstr(why, "no automatic fix: the response comes from a helper, which may return a "
				   "nil response with a nil error; close it on the path named above");
	} else {
		strbuf_addstr(why, "no automatic fix: close it on the path named above");
	}
	strbuf_release(&text);
	strbuf_release(&ind);
	strbuf_release(&deferred);
}

static void report_leak(const struct ctx *c, const struct acq *a, const struct leak *lk,
			const struct flow *f)
{
	const struct ast *ast = c->ast;
	struct strbuf msg = STRBUF_INIT, fix = STRBUF_INIT, var = STRBUF_INIT, closer = STRBUF_INIT;
	struct edit_list edits = EDIT_LIST_INIT;

	add_text(&var, ast, a->names[0], 40);
	strbuf_addf(&msg, "%s%s is %s closed", var.buf, a->is_body ? "" : ".Body",
		    lk->never_released ? "never" : "not");
	if (lk->cond != AST_NONE && !lk->never_released) {
		strbuf_addstr(&msg, " when ");
		add_condition(&msg, ast, lk->cond, lk->cond_true);
		if (a->with_error && a->err != AST_NONE &&
		    ast_mentions(ast, lk->cond, ast->src + ast->nodes[a->err].start,
				 ast->nodes[a->err].end - ast->nodes[a->err].start, 0)) {
			strbuf_addstr(&msg, " (");
			add_text(&msg, ast, ast_field(ast, a->call, FIELD_function), 40);
			strbuf_addstr(&msg, " returns its response with an error)");
		}
	}
	if (lk->overwrite == a->stmt)
		strbuf_addf(&msg, " before the next call at line %u overwrites %s",
			    ast->nodes[a->stmt].line, var.buf);
	else if (lk->overwrite != AST_NONE)
		strbuf_addf(&msg, " before %s is assigned again at line %u", var.buf,
			    ast->nodes[lk->overwrite].line);
	else if (lk->ret != AST_NONE)
		strbuf_addf(&msg, " (return at line %u)", ast->nodes[lk->ret].line);
	else
		strbuf_addf(&msg, " (end of function at line %u)",
			    ast->nodes[ast_func_body(ast, a->fn)].end_line);
	strbuf_addstr(&msg, "; each unclosed body keeps its connection and a read goroutine");
	strbuf_addf(&closer, "%s%s.Close()", var.buf, a->is_body ? "" : ".Body");
	strbuf_addf(&fix, "add `defer %s` after line %u", closer.buf, fix_line(ast, a));
	{
		struct strbuf why = STRBUF_INIT;
		leak_fix(c, a, lk, f, closer.buf, &edits, &why);
		if (a->with_error) {
			/* the error path holds a response too: a defer after the error check is not enough */
			strbuf_reset(&fix);
			strbuf_addf(&fix, "add `if %s != nil { defer %s }` right after line %u (%s)",
				    var.buf, closer.buf, ast->nodes[a->stmt].end_line, why.buf);
		} else if (why.len && edits.nr) {
			strbuf_reset(&fix);
			strbuf_add(&fix, why.buf, why.len);
		} else if (why.len) {
			strbuf_addf(&fix, " (%s)", why.buf);
		}
		strbuf_release(&why);
	}
	lint_report_edits(c->rc, a->call, &edits, fix.buf, "%s", msg.buf);
	strbuf_release(&msg);
	strbuf_release(&fix);
	strbuf_release(&var);
	strbuf_release(&closer);
}

/* True when function fn mentions an identifier spelled `name` anywhere. */
static int func_uses_name(const struct ast *ast, uint32_t fn, const char *name)
{
	return ast_mentions(ast, fn, name, strlen(name), 1);
}

/*
 * A safe fix for a dropped response: a call statement becomes
 * `if resp, err := call; err == nil { resp.Body.Close() }`; in
 * `_, err := call` the blank becomes `resp`, closed after the check that
 * settles err. `stmt` is the statement holding the call, `blank` the `_`
 * or AST_NONE.
 */
static void dropped_fix(const struct ctx *c, uint32_t call, uint32_t stmt, uint32_t blank,
			int nr_results, int is_body, int direct, struct edit_list *edits,
			struct strbuf *what)
{
	const struct ast *ast = c->ast;
	const char *nl = newline_of(ast);
	uint32_t fn = ast_enclosing_func(ast, call);
	struct strbuf ind = STRBUF_INIT, text = STRBUF_INIT;
	const char *closer = is_body ? "resp.Close()" : "resp.Body.Close()";
	size_t len;
	const char *t;

	if (!direct || nr_results != 2 || ast_kind(ast, stmt) == AST_go_statement ||
	    ast_kind(ast, stmt) == AST_defer_statement || in_loop_or_goto(ast, fn, stmt) ||
	    !ends_line(ast, stmt) || !indent_of(ast, ast->nodes[stmt].start, &ind)) {
		strbuf_release(&ind);
		return;
	}
	if (blank == AST_NONE) {
		t = ast_text(ast, call, &len);
		strbuf_addf(&text, "if resp, err := %.*s; err == nil {%s%s\t%s%s%s}", (int)len, t, nl,
			    ind.buf, closer, nl, ind.buf);
		edit_list_add(edits, ast->nodes[stmt].start, ast->nodes[stmt].end, text.buf);
		strbuf_addf(what, "keep the response and close it: `if resp, err := ...; err == nil { %s }`",
			    closer);
	} else if (!func_uses_name(ast, fn, "resp")) {
		struct acq a = { .stmt = stmt, .err = AST_NONE };
		uint32_t left = ast_field(ast, stmt, FIELD_left), check;
		int chain = 0;
		a.err = ast_child(ast, left, 1);
		check = ast_kind(ast, stmt) == AST_short_var_declaration ? settling_check(ast, &a, &chain)
									 : AST_NONE;
		if (check != AST_NONE) {
			edit_list_add(edits, ast->nodes[blank].start, ast->nodes[blank].end, "resp");
			strbuf_addf(&text, "%s%sdefer %s", nl, ind.buf, closer);
			add_after_check(ast, check, chain, text.buf, nl, ind.buf, edits);
			strbuf_addf(what, "name the response `resp` and add `defer %s` after line %u", closer,
				    fix_line(ast, &a));
		}
	}
	strbuf_release(&ind);
	strbuf_release(&text);
}

static void report_dropped(const struct ctx *c, uint32_t call, uint32_t stmt, uint32_t blank,
			   int nr_results, int is_body, int direct)
{
	struct strbuf what = STRBUF_INIT, fix = STRBUF_INIT;
	struct edit_list edits = EDIT_LIST_INIT;
	add_text(&what, c->ast, ast_field(c->ast, call, FIELD_function), 60);
	dropped_fix(c, call, stmt, blank, nr_results, is_body, direct, &edits, &fix);
	if (!edits.nr)
		strbuf_addstr(&fix, "keep the response and `defer resp.Body.Close()` after checking the error");
	lint_report_edits(c->rc, call, &edits, fix.buf,
			  "the response of %s is dropped, so its body is never closed; "
			  "each one keeps its connection and a read goroutine", what.buf);
	strbuf_release(&what);
	strbuf_release(&fix);
}

/* ---------------------------------------------------------------- driver */

static void check_call(struct ctx *c, uint32_t call)
{
	const struct ast *ast = c->ast;
	uint32_t fn = ast_enclosing_func(ast, call), p, stmt, left, target, blk, idx, lhs[4], d;
	struct acq a = { .call = call, .fn = fn, .err = AST_NONE, .scope = AST_NONE };
	struct leak lk;
	enum acq_kind kind;
	int nr_results, nr_left = 0;
	const struct flow *f;

	if (fn == AST_NONE || ast_func_body(ast, fn) == AST_NONE)
		return;
	kind = acquisition(c, call, &nr_results, &a.is_body, &a.direct, &a.with_error);
	if (kind != ACQ_YES)
		a.direct = 0; /* confirmed by use only: no automatic fix */
	if (kind == ACQ_NO)
		return;
	p = ast->nodes[call].parent;
	while (ast_kind(ast, p) == AST_parenthesized_expression)
		p = ast->nodes[p].parent;
	switch (ast_kind(ast, p)) {
	case AST_expression_statement:
	case AST_go_statement:
	case AST_defer_statement:
		if (kind == ACQ_YES)
			report_dropped(c, call, p, AST_NONE, nr_results, a.is_body, a.direct);
		return;
	case AST_expression_list:
		break;
	default:
		return; /* returned, passed on, or used in place: not tracked */
	}
	stmt = ast->nodes[p].parent;
	if (ast_child_count(ast, p) != 1)
		return;
	if (ast_kind(ast, stmt) == AST_var_spec && ast->nodes[p].field == FIELD_value) {
		/* var resp, err = http.Get(u): the names are the spec's */
		uint32_t n;
		ast_for_each_child(ast, stmt, n)
			if (ast->nodes[n].field == FIELD_name && nr_left < 4)
				lhs[nr_left++] = n;
	} else if ((ast_kind(ast, stmt) == AST_short_var_declaration ||
		    (ast_kind(ast, stmt) == AST_assignment_statement &&
		     ast_text_is(ast, ast_field(ast, stmt, FIELD_operator), "="))) &&
		   ast->nodes[p].field == FIELD_right) {
		uint32_t n;
		left = ast_field(ast, stmt, FIELD_left);
		ast_for_each_child(ast, left, n)
			if (nr_left < 4)
				lhs[nr_left++] = n;
	} else {
		return;
	}
	if (nr_left != nr_results)
		return;
	target = ast_unparen(ast, lhs[0]);
	if (ast_is_blank(ast, target)) {
		if (kind == ACQ_YES)
			report_dropped(c, call, stmt, target, nr_results, a.is_body, a.direct);
		return;
	}
	if (ast_kind(ast, target) != AST_identifier)
		return; /* stored in a field or element: handed off */
	if ((kind == ACQ_MAYBE || kind == ACQ_MAYBE_BODY) && !a.is_body &&
	    !used_as_response(c, fn, target, kind == ACQ_MAYBE_BODY))
		return;
	/*
	 * Assigned to a variable of an enclosing function (a closure run by
	 * a retry helper) or to a package variable: whoever declared the
	 * variable owns the response now.
	 */
	d = types_local_decl(ast, target);
	if (d == AST_NONE || !ast_contains(ast, fn, d))
		return;
	if (nr_left >= 2) {
		uint32_t e = lhs[nr_left - 1];
		if (ast_kind(ast, e) == AST_identifier && !ast_is_blank(ast, e))
			a.err = e;
	}
	/* Calls come in source order, so a function's acquisitions are consecutive. */
	if (fn != c->last_fn) {
		c->last_fn = fn;
		c->nr_in_fn = 0;
	}
	if (++c->nr_in_fn > MAX_ACQUISITIONS_PER_FUNC) {
		if (c->nr_in_fn == MAX_ACQUISITIONS_PER_FUNC + 1)
			lint_note(c->rc, call, "more than %d HTTP calls in one function; "
				  "body-not-closed checked the first %d", MAX_ACQUISITIONS_PER_FUNC,
				  MAX_ACQUISITIONS_PER_FUNC);
		return;
	}
	/* the flow element holding it: the statement, or the var declaration around a spec */
	f = lint_flow(c->rc, fn);
	if (!flow_locate(f, ast, stmt, &blk, &idx))
		return;
	stmt = f->blocks[blk].elems[idx];
	a.stmt = stmt;
	a.scope = AST_NONE;
	if (ast_kind(ast, stmt) == AST_short_var_declaration || ast_kind(ast, stmt) == AST_var_declaration) {
		a.scope = ast->nodes[stmt].parent;
		while (ast_kind(ast, a.scope) == AST_labeled_statement)
			a.scope = ast->nodes[a.scope].parent;
	}
	a.names[0] = target;
	a.nr_names = 1;
	collect_aliases(c, &a);
	collect_closers(c, &a);

	if (find_leak(c, &a, f, blk, idx, &lk))
		report_leak(c, &a, &lk, f);
}

static void check(struct rule_ctx *rc)
{
	struct ctx c = { rc, rc->ast, rc->file->imports, rc->facts,
			 { rc->ast, rc->file->imports, rc->facts }, AST_NONE, 0,
			 lint_option(rc, "closers"), lint_option(rc, "clients") };
	uint32_t i;

	if (c.imp->is_http)
		return; /* net/http's own code: it defines what closing means */
	for (i = 0; i < rc->ast->nr; i++)
		if (rc->ast->nodes[i].kind == AST_call_expression)
			check_call(&c, i);
}

const struct rule rule_body_not_closed = {
	.id = "body-not-closed",
	.summary = "an http.Response body is not closed on some path",
	.severity = "warning",
	.default_on = 1,
	.needles = needles,
	.fact_needles = fact_needles,
	.alias = "bodyclose",
	.options = options,
	.check = check,
};
