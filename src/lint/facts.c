/*
 * facts.c - package facts (see facts.h).
 */
#include "lint/facts.h"
#include "lint/directives.h"
#include "lint/ownership.h"

#include <strings.h>

static void build_call_graph(struct pkg_facts *pf, struct lint_file **files, size_t nr);

int facts_is_http_type(const struct ast *ast, const struct imports *imp, uint32_t t,
		       const char *name, int *pointer)
{
	*pointer = 0;
	if (ast_kind(ast, t) == AST_pointer_type) {
		*pointer = 1;
		t = ast->nodes[t].first;
	}
	/* A file that does not import net/http may still use its types from a sibling's. */
	return imports_http_type(ast, t, imp->uses_http ? imp->http : "http", name);
}

static void read_results(const struct ast *ast, const struct imports *imp, uint32_t fn,
			 struct func_fact *ff)
{
	uint32_t res = ast_field(ast, fn, FIELD_result), d;
	int ptr;

	ff->response_result = -1;
	ff->returns_body = -1;
	ff->nr_results = 0;
	if (res == AST_NONE)
		return;
	if (ast_kind(ast, res) != AST_parameter_list) {
		ff->nr_results = 1;
		if (facts_is_http_type(ast, imp, res, "Response", &ptr) && ptr)
			ff->response_result = 0;
		return;
	}
	ast_for_each_child(ast, res, d) {
		int w = types_decl_width(ast, d);
		uint32_t type = ast_field(ast, d, FIELD_type);
		if (facts_is_http_type(ast, imp, type, "Response", &ptr) && ptr &&
		    ff->response_result < 0)
			ff->response_result = ff->nr_results;
		else if (ff->response_result < 0 && ff->returns_body < 0 &&
			 ast_text_is(ast, type, "io.ReadCloser"))
			ff->returns_body = -2 - ff->nr_results; /* a candidate, see returns_a_body() */
		else if (ast_kind(ast, type) == AST_type_identifier && ast_text_is(ast, type, "error"))
			ff->returns_error = 1;
		ff->nr_results += w;
	}
}

/* Names of calls that produce a fresh response. */
static int requesting_call(const struct ast *ast, uint32_t call)
{
	static const char *const names[] = { "Do", "Get", "Post", "PostForm", "RoundTrip" };
	uint32_t name = ast_call_name(ast, call);
	size_t i;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (ast_text_is(ast, name, names[i]))
			return 1;
	return 0;
}

/*
 * The facts of the function or method a call calls, when it is one of
 * this package's or of another package of the tree (as known so far);
 * NULL otherwise.
 */
static const struct func_fact *callee_fact(const struct pkg_facts *pf, const struct imports *imp,
					   const struct ast *ast, uint32_t call)
{
	uint32_t f = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	uint32_t name = ast_call_name(ast, call);
	size_t len;
	const char *t;

	if (name == AST_NONE)
		return NULL;
	t = ast_text(ast, name, &len);
	if (ast_kind(ast, f) == AST_selector_expression) {
		uint32_t op = ast_unparen(ast, ast_field(ast, f, FIELD_operand));
		size_t olen, plen;
		const char *ot = ast_text(ast, op, &olen), *path;
		if (ast_kind(ast, op) == AST_identifier && (path = imports_path(imp, ot, olen, &plen)))
			return facts_func_in(pf, path, plen, t, len);
		return facts_func(pf, t, len, 1);
	}
	return facts_func(pf, t, len, 0);
}

/*
 * Does function fn request, directly or through a package function that
 * returns a response and requests (as known so far)?
 */
static int body_requests(const struct pkg_facts *pf, const struct imports *imp,
			 const struct ast *ast, uint32_t fn)
{
	uint32_t i, end = ast_subtree_end(ast, fn);
	for (i = fn; i <= end; i++) {
		const struct func_fact *callee;
		if (ast->nodes[i].kind != AST_call_expression)
			continue;
		if (requesting_call(ast, i))
			return 1;
		callee = callee_fact(pf, imp, ast, i);
		if (callee && callee->requests)
			return 1;
	}
	return 0;
}

/*
 * The next return statement of fn's own (not one of a function literal
 * in it) from *at to end: its node, with *at moved past it and in *list
 * what it returns (a lone expression taken out of its list); AST_NONE
 * when none is left.
 */
static uint32_t next_return(const struct ast *ast, uint32_t *at, uint32_t end, uint32_t *list)
{
	uint32_t i;
	for (i = *at; i <= end; i++) {
		if (ast->nodes[i].kind == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind != AST_return_statement || (*list = ast->nodes[i].first) == AST_NONE)
			continue;
		if (ast_kind(ast, *list) == AST_expression_list && ast_child_count(ast, *list) == 1)
			*list = ast_child(ast, *list, 0);
		*at = i + 1;
		return i;
	}
	*at = end + 1;
	return AST_NONE;
}

/* Is `call` one of a function that returns, as result `index`, a response whose body it closed? */
static int closed_by_callee(const struct pkg_facts *pf, const struct imports *imp,
			    const struct ast *ast, uint32_t call, int index)
{
	const struct func_fact *callee;
	call = ast_unparen(ast, call);
	if (ast_kind(ast, call) != AST_call_expression)
		return 0;
	callee = callee_fact(pf, imp, ast, call);
	return callee && callee->closes_result && callee->response_result == index;
}

/*
 * Is every value v takes in fn, and at least one, a response a callee
 * closed (`resp, body, err := c.fetch(req)` where fetch defers closing
 * what it returns)?
 */
static int assigned_closed(const struct pkg_facts *pf, const struct imports *imp,
			   const struct ast *ast, uint32_t fn, uint32_t v)
{
	uint32_t i, end = ast_subtree_end(ast, fn);
	size_t vlen;
	const char *vt = ast_text(ast, v, &vlen);
	int found = 0;

	for (i = fn; i <= end; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		uint32_t left, right, x;
		int at = 0, pos = -1;
		if (k == AST_var_spec && ast_mentions(ast, i, vt, vlen, 0))
			return 0; /* `var resp = ...`: not followed */
		if (k != AST_short_var_declaration && k != AST_assignment_statement)
			continue;
		left = ast_field(ast, i, FIELD_left);
		right = ast_field(ast, i, FIELD_right);
		if (left == AST_NONE || right == AST_NONE)
			continue;
		ast_for_each_child(ast, left, x) {
			if (ast_kind(ast, x) == AST_identifier && ast_same_text(ast, x, v))
				pos = at;
			at++;
		}
		if (pos < 0)
			continue;
		if (ast_child_count(ast, right) != 1 ||
		    !closed_by_callee(pf, imp, ast, ast_child(ast, right, 0), at > 1 ? pos : 0))
			return 0;
		found = 1;
	}
	return found;
}

/*
 * Does fn return, as result `index`, only responses whose bodies the
 * functions it got them from closed (`return c.get(u)`, or a resp that
 * `c.fetch(req)` gave)? Then it closes what it returns too.
 */
static int returns_closed(const struct pkg_facts *pf, const struct imports *imp,
			  const struct ast *ast, uint32_t fn, int index)
{
	uint32_t at = fn, end = ast_subtree_end(ast, fn), list, v;
	int found = 0;

	while (next_return(ast, &at, end, &list) != AST_NONE) {
		if (ast_kind(ast, list) != AST_expression_list) { /* `return f(...)`: all of f's results */
			if (!closed_by_callee(pf, imp, ast, list, index))
				return 0;
			found = 1;
			continue;
		}
		v = ast_unparen(ast, ast_child(ast, list, (uint32_t)index));
		if (ast_kind(ast, v) == AST_nil)
			continue;
		if (ast_kind(ast, v) != AST_identifier || !assigned_closed(pf, imp, ast, fn, v))
			return 0;
		found = 1;
	}
	return found;
}

struct fn_ref {
	struct func_fact *ff;
	const struct ast *ast;
	const struct imports *imp;
	uint32_t node;
};

struct edge {
	struct func_fact *from;
	int param;
	const char *callee;
	size_t len;
	int is_method;
	int arg;
	const char *pkg; /* another package's import path, or NULL */
	size_t pkg_len;
};

struct builder {
	struct pkg_facts *pf;
	struct edge *edges;
	size_t nr_edges, alloc_edges;
	struct fn_ref *responders; /* functions returning a response */
	size_t nr_responders, alloc_responders;
};

/* Judge what fn does with parameter `index` (named `param`), following aliases. */
static void read_param(struct builder *b, const struct ast *ast, const struct imports *imp,
		       uint32_t fn, int index, uint32_t param, struct func_fact *ff)
{
	uint32_t names[8], body = ast_func_body(ast, fn), i, end;
	size_t nr_names = 1, k;

	if (body == AST_NONE)
		return;
	names[0] = param;
	end = ast_subtree_end(ast, body);
	for (k = 0; k < nr_names; k++) {
		for (i = body; i <= end; i++) {
			struct use u;
			if (ast->nodes[i].kind != AST_identifier || !ast_same_text(ast, i, names[k]))
				continue;
			ownership_classify(ast, imp, i, body, &u);
			switch (u.kind) {
			case USE_CLOSE:
				ff->fate[index] = FATE_CLOSES;
				return;
			case USE_TAKE:
				ff->fate[index] = FATE_TAKES;
				return;
			case USE_PASS_LITERAL:
				if (ownership_literal_param(ast, imp, u.callee, u.arg_index) != USE_READ) {
					ff->fate[index] = FATE_TAKES;
					return;
				}
				break;
			case USE_PASS_FUNC:
			case USE_PASS_METHOD:
			case USE_PASS_PKG: {
				struct edge *e;
				ALLOC_GROW(b->edges, b->nr_edges + 1, b->alloc_edges);
				e = &b->edges[b->nr_edges++];
				e->from = ff;
				e->param = index;
				e->callee = ast_text(ast, u.callee, &e->len);
				e->is_method = u.kind == USE_PASS_METHOD;
				e->arg = u.arg_index;
				e->pkg = u.kind == USE_PASS_PKG ? u.pkg_path : NULL;
				e->pkg_len = u.pkg_len;
				break;
			}
			case USE_ALIAS:
				/* stored in a package variable: it outlives the call */
				if (!ast_declared_in(ast, fn, u.alias)) {
					ff->fate[index] = FATE_TAKES;
					return;
				}
				if (nr_names < ARRAY_SIZE(names) && !ast_same_text(ast, u.alias, names[k]))
					names[nr_names++] = u.alias;
				break;
			default:
				break;
			}
		}
	}
}

/* Does every return of fn that gives a value at `index` give `x.Body`? (At least one does.) */
static int returns_a_body(const struct ast *ast, uint32_t fn, int index)
{
	uint32_t i, end = ast_subtree_end(ast, fn);
	int found = 0;
	for (i = fn; i <= end; i++) {
		uint32_t list, v;
		if (ast->nodes[i].kind == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind != AST_return_statement || (list = ast->nodes[i].first) == AST_NONE)
			continue;
		v = ast_kind(ast, list) == AST_expression_list ? ast_child(ast, list, (uint32_t)index) : list;
		v = ast_unparen(ast, v);
		if (ast_kind(ast, v) == AST_nil)
			continue;
		if (ast_kind(ast, v) != AST_selector_expression ||
		    !ast_text_is(ast, ast_field(ast, v, FIELD_field), "Body"))
			return 0;
		found = 1;
	}
	return found;
}

/* Is node j `v.Body.Close` (called, or handed on as a method value)? */
static int is_body_close(const struct ast *ast, uint32_t j, uint32_t v)
{
	uint32_t body;
	if (ast->nodes[j].kind != AST_selector_expression ||
	    !ast_text_is(ast, ast_field(ast, j, FIELD_field), "Close"))
		return 0;
	body = ast_unparen(ast, ast_field(ast, j, FIELD_operand));
	return ast_kind(ast, body) == AST_selector_expression &&
	       ast_text_is(ast, ast_field(ast, body, FIELD_field), "Body") &&
	       ast_same_text(ast, ast_unparen(ast, ast_field(ast, body, FIELD_operand)), v);
}

/* Does fn defer closing `v.Body` for a v it returns as result number `index`? */
static int closes_returned(const struct ast *ast, uint32_t fn, int index)
{
	uint32_t at = fn, end = ast_subtree_end(ast, fn), list, v, j, p;

	while (next_return(ast, &at, end, &list) != AST_NONE) {
		v = ast_kind(ast, list) == AST_expression_list ? ast_child(ast, list, (uint32_t)index) : list;
		v = ast_unparen(ast, v);
		if (ast_kind(ast, v) != AST_identifier)
			continue;
		for (j = fn; j <= end; j++) {
			if (!is_body_close(ast, j, v))
				continue;
			/*
			 * Deferred, unconditionally: every return after it hands over
			 * a closed body (`if err != nil { resp.Body.Close() }` in a
			 * deferred func closes only on failure).
			 */
			for (p = j; p != fn && p != AST_NONE; p = ast->nodes[p].parent) {
				enum ast_kind k = ast_kind(ast, p);
				if (k == AST_if_statement || k == AST_expression_switch_statement ||
				    k == AST_type_switch_statement || k == AST_select_statement)
					break;
				if (k == AST_defer_statement)
					return 1;
			}
		}
	}
	return 0;
}

/* Does fn close `v.Body` anywhere (in a literal too)? */
static int closes_body_of(const struct ast *ast, uint32_t fn, uint32_t v)
{
	uint32_t j, end = ast_subtree_end(ast, fn);
	for (j = fn; j <= end; j++)
		if (is_body_close(ast, j, v))
			return 1;
	return 0;
}

/*
 * Does fn give v itself to a call that may close or keep it
 * (`drainAndClose(resp)`)? A function of the tree whose facts say it
 * only reads that argument (`checkResponse(resp)`) does not count.
 */
static int passes_on(const struct pkg_facts *pf, const struct imports *imp, const struct ast *ast,
		     uint32_t fn, uint32_t v)
{
	uint32_t j, end = ast_subtree_end(ast, fn), c;
	for (j = fn; j <= end; j++) {
		int k = 0;
		if (ast->nodes[j].kind != AST_call_expression)
			continue;
		ast_for_each_child(ast, ast_field(ast, j, FIELD_arguments), c) {
			if (ast_same_text(ast, ast_unparen(ast, c), v)) {
				const struct func_fact *callee = callee_fact(pf, imp, ast, j);
				if (!callee || k >= FACTS_MAX_PARAMS || callee->fate[k] != FATE_READ)
					return 1;
			}
			k++;
		}
	}
	return 0;
}

/*
 * Is error expression e one fn makes itself: a call (errors.New(..),
 * fmt.Errorf(..), checkResponse(resp), decode(resp.Body)), or a package
 * sentinel? Not a variable of fn (the error a call gave with the
 * response), not nil.
 */
static int own_error(const struct ast *ast, uint32_t e)
{
	e = ast_unparen(ast, e);
	switch (ast_kind(ast, e)) {
	case AST_call_expression:
		return 1;
	case AST_identifier:
		return !ast_text_is(ast, e, "nil") && types_local_decl(ast, e) == AST_NONE;
	default:
		return 0;
	}
}

/*
 * Does e mention a name assigned together with v in fn (`resp, err :=
 * c.Do(req)` ... `errors.Wrap(err, "do")`: the error the response came
 * with, nil when it is not)?
 */
static int mentions_companion(const struct ast *ast, uint32_t fn, uint32_t v, uint32_t e)
{
	uint32_t i, end = ast_subtree_end(ast, fn), left, x;
	for (i = fn; i <= end; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		int has_v = 0;
		if (k != AST_short_var_declaration && k != AST_assignment_statement)
			continue;
		left = ast_field(ast, i, FIELD_left);
		if (left == AST_NONE)
			continue;
		ast_for_each_child(ast, left, x)
			has_v |= ast_same_text(ast, x, v);
		if (!has_v)
			continue;
		ast_for_each_child(ast, left, x) {
			size_t len;
			const char *t = ast_text(ast, x, &len);
			if (ast_kind(ast, x) == AST_identifier && !ast_same_text(ast, x, v) &&
			    !ast_is_blank(ast, x) && ast_mentions(ast, e, t, len, 1))
				return 1;
		}
	}
	return 0;
}

/*
 * Is statement at under an `if` that tests what came with v (`if err !=
 * nil { ... return resp, ctx.Err() }`: resp is nil there, as its call
 * failed)?
 */
static int under_error_test(const struct ast *ast, uint32_t fn, uint32_t v, uint32_t at)
{
	uint32_t p;
	for (p = ast->nodes[at].parent; p != AST_NONE && p != fn; p = ast->nodes[p].parent) {
		uint32_t cond;
		if (ast_kind(ast, p) != AST_if_statement)
			continue;
		cond = ast_field(ast, p, FIELD_condition);
		if (cond != AST_NONE && mentions_companion(ast, fn, v, cond))
			return 1;
	}
	return 0;
}

/*
 * Does fn (returning a response at `index` and an error last, of nr
 * results) return a response with its body open together with an error
 * of its own: `return resp, errNotFound`, `return resp,
 * checkResponse(resp)` where resp is a variable fn neither closes nor
 * gives to a function that may; or `return c.do(req)` of a function that
 * does (as known so far)?
 */
static int returns_with_error(const struct pkg_facts *pf, const struct imports *imp,
			      const struct ast *ast, uint32_t fn, int index, int nr)
{
	uint32_t at = fn, end = ast_subtree_end(ast, fn), list, v, e, ret;

	while ((ret = next_return(ast, &at, end, &list)) != AST_NONE) {
		if (ast_kind(ast, list) == AST_call_expression) { /* `return c.do(req)` */
			const struct func_fact *callee = callee_fact(pf, imp, ast, list);
			if (callee && callee->with_error && callee->response_result == index &&
			    callee->nr_results == nr)
				return 1;
			continue;
		}
		if (ast_kind(ast, list) != AST_expression_list || ast_child_count(ast, list) != (uint32_t)nr)
			continue;
		v = ast_unparen(ast, ast_child(ast, list, (uint32_t)index));
		e = ast_child(ast, list, (uint32_t)nr - 1);
		if (ast_kind(ast, v) == AST_identifier && !ast_text_is(ast, v, "nil") && own_error(ast, e) &&
		    !mentions_companion(ast, fn, v, e) && !under_error_test(ast, fn, v, ret) &&
		    !closes_body_of(ast, fn, v) && !passes_on(pf, imp, ast, fn, v))
			return 1;
	}
	return 0;
}

static struct func_fact *fact_for(struct pkg_facts *pf, const char *name, size_t len, int is_method)
{
	struct strmap *m = is_method ? &pf->methods : &pf->funcs;
	struct func_fact *ff = strmap_get(m, name, len);
	if (!ff) {
		ff = arena_alloc(&pf->arena, sizeof(*ff));
		ff->response_result = -1;
		/* keys are copied: the facts outlive the package's sources */
		strmap_put(m, arena_strndup(&pf->arena, name, len), len, ff);
	}
	return ff;
}

static void read_func(struct builder *b, struct lint_file *f, const struct imports *imp, uint32_t fn)
{
	const struct ast *ast = &f->ast;
	uint32_t name = ast_field(ast, fn, FIELD_name);
	struct func_fact one = { .response_result = -1 }, *ff;
	size_t len;
	const char *t;
	int i;

	if (name == AST_NONE)
		return;
	t = ast_text(ast, name, &len);
	ff = fact_for(b->pf, t, len, ast_kind(ast, fn) == AST_method_declaration);
	read_results(ast, imp, fn, &one);
	if (one.returns_body <= -2) {
		int idx = -2 - one.returns_body;
		one.returns_body = 0;
		if (returns_a_body(ast, fn, idx)) {
			one.response_result = idx;
			one.returns_body = 1;
		}
	} else {
		one.returns_body = 0;
	}
	if (one.response_result >= 0 && ff->response_result < 0) {
		ff->response_result = one.response_result;
		ff->nr_results = one.nr_results;
		ff->returns_error = one.returns_error;
		ff->returns_body = one.returns_body;
	} else if (!ff->nr_results) {
		ff->nr_results = one.nr_results;
	}
	if (f->dirs && directives_handled(f->dirs, fn))
		ff->handled = 1;
	if (one.response_result >= 0 && closes_returned(ast, fn, one.response_result))
		ff->closes_result = 1;
	if (one.response_result >= 0) {
		ALLOC_GROW(b->responders, b->nr_responders + 1, b->alloc_responders);
		b->responders[b->nr_responders].ff = ff;
		b->responders[b->nr_responders].ast = ast;
		b->responders[b->nr_responders].imp = imp;
		b->responders[b->nr_responders].node = fn;
		b->nr_responders++;
	}
	for (i = 0; i < FACTS_MAX_PARAMS; i++) {
		uint32_t p = ownership_param(ast, fn, i);
		if (p == AST_NONE) {
			if (ownership_param(ast, fn, i + 1) == AST_NONE)
				break;
			continue;
		}
		if (i >= ff->nr_params)
			ff->nr_params = i + 1;
		if (f->decls_only && ast_func_body(ast, fn) == AST_NONE)
			ff->fate[i] = FATE_TAKES; /* its body was not read: not visible, a hand-off */
		else if (ff->fate[i] == FATE_READ)
			read_param(b, ast, imp, fn, i, p, ff);
	}
}

void facts_compute(struct pkg_facts *pf, struct lint_file **files, size_t nr,
		   const struct facts_resolver *resolver)
{
	struct builder b = { .pf = pf };
	size_t i, round;
	uint32_t n;

	memset(pf, 0, sizeof(*pf));
	if (resolver)
		pf->resolver = *resolver;
	for (i = 0; i < nr; i++) {
		struct lint_file *f = files[i];
		for (n = 0; n < f->ast.nr; n++) {
			enum ast_kind k = f->ast.nodes[n].kind;
			if ((k == AST_function_declaration || k == AST_method_declaration) &&
			    !(f->ast.nodes[n].flags & AST_IN_ERROR))
				read_func(&b, f, f->imports, n);
		}
		types_collect(types_ast_is_external_test(&f->ast) ? &pf->ext_types : &pf->types,
			      &pf->arena, &f->ast, f->imports);
	}
	for (i = 0; i < nr; i++)
		types_finish(types_ast_is_external_test(&files[i]->ast) ? &pf->ext_types : &pf->types,
			     &pf->arena, pf, &files[i]->ast, files[i]->imports);
	build_call_graph(pf, files, nr);
	/* Which response-returning functions request: to a fixed point. */
	for (round = 0; round < 16; round++) {
		int changed = 0;
		for (i = 0; i < b.nr_responders; i++) {
			struct fn_ref *r = &b.responders[i];
			if (!r->ff->requests && body_requests(pf, r->imp, r->ast, r->node)) {
				r->ff->requests = 1;
				changed = 1;
			}
		}
		if (!changed)
			break;
	}
	/*
	 * Which return only responses a callee closed (for their status and
	 * headers): to a fixed point. Once every responder's `requests` is
	 * known, so that a rule reading either sees the final facts.
	 */
	for (round = 0; round < 16; round++) {
		int changed = 0;
		for (i = 0; i < b.nr_responders; i++) {
			struct fn_ref *r = &b.responders[i];
			if (!r->ff->closes_result && !r->ff->returns_body &&
			    returns_closed(pf, r->imp, r->ast, r->node, r->ff->response_result)) {
				r->ff->closes_result = 1;
				changed = 1;
			}
		}
		if (!changed)
			break;
	}
	/* Propagate through calls between the package's functions. */
	for (round = 0; round < 16; round++) {
		int changed = 0;
		for (i = 0; i < b.nr_edges; i++) {
			struct edge *e = &b.edges[i];
			const struct func_fact *callee;
			unsigned char fate;
			if (e->from->fate[e->param] != FATE_READ)
				continue;
			callee = e->pkg ? facts_func_in(pf, e->pkg, e->pkg_len, e->callee, e->len) :
					  facts_func(pf, e->callee, e->len, e->is_method);
			if (!callee)
				fate = FATE_TAKES; /* a function value or another package: not visible */
			else
				fate = e->arg < FACTS_MAX_PARAMS ? callee->fate[e->arg] : FATE_TAKES;
			if (fate != FATE_READ) {
				e->from->fate[e->param] = fate;
				changed = 1;
			}
		}
		if (!changed)
			break;
	}
	/*
	 * Which may return their response, body open, with an error of their
	 * own (once the fates are known: handing the response to a function
	 * that only reads it keeps it open): to a fixed point.
	 */
	for (round = 0; round < 16; round++) {
		int changed = 0;
		for (i = 0; i < b.nr_responders; i++) {
			struct fn_ref *r = &b.responders[i];
			const struct func_fact *ff = r->ff;
			if (!ff->with_error && !ff->closes_result && !ff->returns_body && ff->returns_error &&
			    returns_with_error(pf, r->imp, r->ast, r->node, ff->response_result,
					       ff->nr_results)) {
				r->ff->with_error = 1;
				changed = 1;
			}
		}
		if (!changed)
			break;
	}
	free(b.edges);
	free(b.responders);
}

void facts_release(struct pkg_facts *pf)
{
	strmap_clear(&pf->funcs);
	strmap_clear(&pf->methods);
	strmap_clear(&pf->calls.funcs);
	strmap_clear(&pf->calls.methods);
	strmap_clear(&pf->ext_calls.funcs);
	strmap_clear(&pf->ext_calls.methods);
	types_release(&pf->types);
	types_release(&pf->ext_types);
	arena_release(&pf->arena);
	memset(pf, 0, sizeof(*pf));
}

const struct func_fact *facts_func(const struct pkg_facts *pf, const char *name, size_t len,
				   int is_method)
{
	return strmap_get(is_method ? &pf->methods : &pf->funcs, name, len);
}

/* The facts of another package of the tree, by import path, or NULL. */
static const struct pkg_facts *other_package(const struct pkg_facts *pf, const char *pkg,
					     size_t pkg_len)
{
	return pf->resolver.resolve ? pf->resolver.resolve(pf->resolver.ctx, pkg, pkg_len) : NULL;
}

const struct func_fact *facts_func_in(const struct pkg_facts *pf, const char *pkg, size_t pkg_len,
				      const char *name, size_t len)
{
	const struct pkg_facts *other = other_package(pf, pkg, pkg_len);
	return other ? facts_func(other, name, len, 0) : NULL;
}

const struct func_fact *facts_method_in(const struct pkg_facts *pf, const char *pkg, size_t pkg_len,
					const char *name, size_t len)
{
	const struct pkg_facts *other = other_package(pf, pkg, pkg_len);
	return other ? facts_func(other, name, len, 1) : NULL;
}

/* ---------------------------------------------------------------- the call graph */

const char *const facts_call_graph_needles[] = {
	/* what makes or handles HTTP requests: the net/http rules' needles */
	"Transport", "http.", "net/http", ".Body", "Close", "defer",
	"ResponseWriter", "HandleFunc", "HandlerFunc", "ListenAndServe", "Serve(", "Server{",
	/* what runs once */
	"func main(", "spf13/cobra", "urfave/cli", "alecthomas/kong",
	NULL,
};

/* Where a mention runs: once, many times, or as often as a function of the package (dep). */
enum site_kind { SITE_ONCE, SITE_MANY, SITE_DEP };

struct facts_callee {
	int decls, roots, test_decls;
	int lower;        /* unexported, or of package main: nothing outside the package calls it */
	int returns_http; /* a result is written as a net/http Client, Transport or RoundTripper */
	int once;         /* facts_runs_once() */
	size_t index;     /* while building */
	struct facts_site *sites;
	size_t nr_sites;
};

/* A file of the package, as the call graph sees it. */
struct cg_file {
	const struct ast *ast;
	const struct imports *imp;
	const char *path;
	int test; /* a _test.go file */
	int ext;  /* package x_test */
	int cli;  /* imports a CLI library */
	int main; /* package main: nothing outside calls its functions */
};

/* True when node n holds (not in a func literal) a node for which `pred` is true. */
static int holds(const struct ast *ast, uint32_t n, int (*pred)(const struct ast *, uint32_t))
{
	uint32_t i, end;
	if (n == AST_NONE)
		return 0;
	end = ast_subtree_end(ast, n);
	for (i = n; i <= end; i++) {
		if (ast->nodes[i].kind == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (pred(ast, i))
			return 1;
	}
	return 0;
}

int facts_closes_connection(const struct ast *ast, uint32_t n)
{
	uint32_t left, right, args, a0, a1;
	size_t len;
	const char *v;

	if (ast->nodes[n].kind == AST_assignment_statement) {
		left = ast_unparen(ast, ast_child(ast, ast_field(ast, n, FIELD_left), 0));
		right = ast_child(ast, ast_field(ast, n, FIELD_right), 0);
		return ast_kind(ast, left) == AST_selector_expression &&
		       ast_text_is(ast, ast_field(ast, left, FIELD_field), "Close") && ast_text_is(ast, right, "true");
	}
	if (ast->nodes[n].kind != AST_call_expression ||
	    (!ast_text_is(ast, ast_call_name(ast, n), "Set") && !ast_text_is(ast, ast_call_name(ast, n), "Add")))
		return 0;
	args = ast_field(ast, n, FIELD_arguments);
	a0 = ast_child(ast, args, 0);
	a1 = ast_child(ast, args, 1);
	if (ast_kind(ast, a0) != AST_interpreted_string_literal || ast_kind(ast, a1) != AST_interpreted_string_literal)
		return 0;
	v = ast_text(ast, a0, &len);
	if (len != 12 || strncasecmp(v, "\"connection\"", 12))
		return 0;
	v = ast_text(ast, a1, &len);
	return len == 7 && !strncasecmp(v, "\"close\"", 7);
}

/* ------------------------------------------------ what runs once */

/* Fields of a CLI command that hold the function it runs (cobra, urfave/cli). */
static const char *const cli_run_fields[] = {
	"Run", "RunE", "PreRun", "PreRunE", "PersistentPreRun", "PersistentPreRunE",
	"PostRun", "PostRunE", "PersistentPostRun", "PersistentPostRunE", "Action", "Before", "After",
};

static void cg_file_init(struct cg_file *cf, const struct lint_file *f)
{
	static const char *const cli_paths[] = { "spf13/cobra", "urfave/cli", "alecthomas/kong" };
	size_t n = strlen(f->path), i, k, j, pl;

	memset(cf, 0, sizeof(*cf));
	cf->ast = &f->ast;
	cf->imp = f->imports;
	cf->path = f->path;
	cf->test = n >= 8 && !strcmp(f->path + n - 8, "_test.go");
	cf->ext = types_ast_is_external_test(&f->ast);
	for (i = 0; i < f->ast.nr && i < 16; i++)
		if (f->ast.nodes[i].kind == AST_package_clause) {
			cf->main = ast_text_is(&f->ast, f->ast.nodes[i].first, "main");
			break;
		}
	for (i = 0; f->imports && i < f->imports->nr; i++) {
		const struct import_entry *ie = &f->imports->v[i];
		for (k = 0; k < ARRAY_SIZE(cli_paths); k++) {
			pl = strlen(cli_paths[k]);
			for (j = 0; j + pl <= ie->path_len; j++)
				if (!memcmp(ie->path + j, cli_paths[k], pl))
					cf->cli = 1;
		}
	}
}

/* True when value node v is what a CLI command runs: `RunE: v`, `cmd.Action = v`. */
static int is_cli_run_value(const struct ast *ast, uint32_t v)
{
	uint32_t p, ke, lit, list, target, op;

	v = ast_value_top(ast, v);
	p = ast->nodes[v].parent;
	if (ast_kind(ast, p) == AST_literal_element && ast->nodes[p].field == FIELD_value) {
		ke = ast->nodes[p].parent;
		if (ast_kind(ast, ke) != AST_keyed_element)
			return 0;
		if (!ast_text_in(ast, ast_key_name(ast, ke), cli_run_fields, ARRAY_SIZE(cli_run_fields)))
			return 0;
		for (lit = ke; lit != AST_NONE && ast->nodes[lit].kind != AST_composite_literal;
		     lit = ast->nodes[lit].parent)
			;
		if (lit == AST_NONE)
			return 0;
		lit = ast_field(ast, lit, FIELD_type);
		return ast_text_ends_with(ast, lit, "Command") || ast_text_ends_with(ast, lit, "App");
	}
	if (ast_kind(ast, p) == AST_expression_list && ast->nodes[p].field == FIELD_right &&
	    ast_child_count(ast, p) == 1) {
		list = ast_field(ast, ast->nodes[p].parent, FIELD_left);
		target = ast_unparen(ast, ast_child(ast, list, 0));
		if (ast_kind(ast, target) != AST_selector_expression ||
		    !ast_text_in(ast, ast_field(ast, target, FIELD_field), cli_run_fields, ARRAY_SIZE(cli_run_fields)))
			return 0;
		op = ast_operand_root(ast, ast_field(ast, target, FIELD_operand));
		return ast_text_contains(ast, op, "md") || ast_text_contains(ast, op, "ommand") ||
		       ast_text_contains(ast, op, "app") || ast_text_contains(ast, op, "App");
	}
	return 0;
}

/* True for a func literal given to once.Do(...), sync.OnceFunc(...), sync.OnceValue(...). */
static int is_once_callback(const struct ast *ast, uint32_t lit)
{
	uint32_t top = ast_value_top(ast, lit), args = ast->nodes[top].parent, call, fn;
	if (ast_kind(ast, args) != AST_argument_list)
		return 0;
	call = ast->nodes[args].parent;
	fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	if (ast_kind(ast, fn) != AST_selector_expression)
		return 0;
	if (ast_text_is(ast, ast_field(ast, fn, FIELD_field), "Do"))
		return ast_text_ends_with(ast, ast_field(ast, fn, FIELD_operand), "once") ||
		       ast_text_ends_with(ast, ast_field(ast, fn, FIELD_operand), "Once");
	return ast_call_is(ast, call, "sync", "OnceFunc") || ast_call_is(ast, call, "sync", "OnceValue") ||
	       ast_call_is(ast, call, "sync", "OnceValues");
}

/*
 * True when type node `type` names a CLI command or its context:
 * cobra's Command, urfave/cli's Context or Command, kong's Context, or a
 * type of this package named like a command (`upgradeCmd`). When the
 * type is written with a package, the import decides: os/exec's Cmd runs
 * a process, it is no CLI command.
 */
static int is_command_type(const struct cg_file *cf, uint32_t type)
{
	static const char *const words[] = { "ommand", "Cmd", "cli.Context", "kong.Context" };
	struct type_ref t;
	size_t i;

	types_from_node(cf->ast, cf->imp, type, &t);
	if (t.kind == TYPE_NAMED && t.pkg_len) {
		static const char *const libs[] = { "spf13/cobra", "urfave/cli", "alecthomas/kong" };
		size_t k, j, pl;
		for (k = 0; k < ARRAY_SIZE(libs); k++) {
			pl = strlen(libs[k]);
			for (j = 0; j + pl <= t.pkg_len; j++)
				if (!memcmp(t.pkg + j, libs[k], pl))
					return 1;
		}
		/* another package's: a command only when named so, and not the standard library's */
		if (!memchr(t.pkg, '.', t.pkg_len))
			return 0;
	}
	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (ast_text_contains(cf->ast, type, words[i]))
			return 1;
	return 0;
}

/* True when a parameter (or the receiver, if `receiver`) of fn has a type naming a CLI command. */
static int takes_command(const struct cg_file *cf, uint32_t fn, int receiver)
{
	const struct ast *ast = cf->ast;
	uint32_t list = ast_field(ast, fn, receiver ? FIELD_receiver : FIELD_parameters), d;

	ast_for_each_child(ast, list, d)
		if (ast_kind(ast, d) == AST_parameter_declaration &&
		    is_command_type(cf, ast_field(ast, d, FIELD_type)))
			return 1;
	return 0;
}

/*
 * True when declaration fn runs once by itself: main, init, a test
 * function, a start-up function, what a CLI command runs.
 */
static int is_root(const struct cg_file *cf, uint32_t fn)
{
	const struct ast *ast = cf->ast;
	uint32_t name = ast_field(ast, fn, FIELD_name);

	if (name == AST_NONE || ast->nodes[fn].kind == AST_func_literal)
		return 0;
	if (ast->nodes[fn].kind == AST_function_declaration &&
	    (ast_text_is(ast, name, "main") || ast_text_is(ast, name, "init")))
		return 1;
	if (cf->test && (ast_name_like(ast, name, "Test") || ast_name_like(ast, name, "Example") ||
			 ast_name_like(ast, name, "Fuzz")))
		return 1;
	/*
	 * start-up: initTracing, InitClients, a module's Provision (caddy
	 * provisions a module once per configuration it loads); a command
	 * built once: newServeCommand, NewCmdGet
	 */
	if (ast_name_like(ast, name, "init") || ast_name_like(ast, name, "Init") ||
	    (ast->nodes[fn].kind == AST_method_declaration && ast_text_is(ast, name, "Provision")))
		return 1;
	if ((ast_name_like(ast, name, "new") || ast_name_like(ast, name, "New")) &&
	    (ast_text_contains(ast, name, "Command") || ast_text_contains(ast, name, "Cmd")))
		return 1;
	/*
	 * What a CLI command runs: a function given the command or its
	 * context, run/runX/RunX in a file that uses a CLI library, a Run
	 * method of a command type (kong's `func (c upgradeCmd) Run()`).
	 */
	if (takes_command(cf, fn, 0) && (cf->cli || ast_name_like_any_case(ast, name, "Run")))
		return 1;
	if (cf->cli && ast_name_like_any_case(ast, name, "Run"))
		return 1;
	return ast->nodes[fn].kind == AST_method_declaration && ast_text_is(ast, name, "Run") &&
	       takes_command(cf, fn, 1);
}

/*
 * Where node `at` runs: once, many times, or as often as the declaration
 * *dep. Function literals are seen through: one called where it stands
 * runs where that call is; one a CLI command runs, or given to
 * sync.Once, runs once; any other (a handler, a callback) many times.
 */
static enum site_kind classify_site(const struct cg_file *cf, uint32_t at, uint32_t *dep, int *looped)
{
	const struct ast *ast = cf->ast;
	uint32_t fn, top, call;
	int depth;

	*dep = AST_NONE;
	*looped = 0;
	for (depth = 0; depth < 16; depth++) {
		fn = ast_enclosing_func(ast, at);
		if (fn == AST_NONE)
			return SITE_ONCE; /* package level: a variable's initializer */
		if (ast_in_loop(ast, at, fn)) {
			*looped = 1;
			return SITE_MANY;
		}
		if (ast->nodes[fn].kind != AST_func_literal) {
			if (is_root(cf, fn))
				return SITE_ONCE;
			*dep = fn;
			return SITE_DEP;
		}
		top = ast_value_top(ast, fn);
		call = ast->nodes[top].parent;
		if (ast_kind(ast, call) == AST_call_expression && ast_field(ast, call, FIELD_function) == top) {
			at = call; /* called where it stands */
			continue;
		}
		return is_cli_run_value(ast, fn) || is_once_callback(ast, fn) ? SITE_ONCE : SITE_MANY;
	}
	return SITE_MANY;
}

static const struct call_graph *graph_of(const struct pkg_facts *pf, int ext)
{
	return ext ? &pf->ext_calls : &pf->calls;
}

static const struct facts_callee *callee_of(const struct pkg_facts *pf, const char *name, size_t len,
					    int is_method, int ext)
{
	const struct call_graph *cg = graph_of(pf, ext);
	return strmap_get(is_method ? &cg->methods : &cg->funcs, name, len);
}

int facts_runs_once(const struct pkg_facts *pf, const char *name, size_t len, int is_method, int ext)
{
	const struct facts_callee *c = callee_of(pf, name, len, is_method, ext);
	return c && c->once;
}

const struct facts_site *facts_callers(const struct pkg_facts *pf, const char *name, size_t len,
				       int is_method, int ext, size_t *nr)
{
	const struct facts_callee *c = callee_of(pf, name, len, is_method, ext);
	*nr = c ? c->nr_sites : 0;
	return c && c->nr_sites ? c->sites : NULL;
}

/* Runs once, as judged from file cf: classify_site(), then the facts for a declaration. */
static int site_once(const struct pkg_facts *pf, const struct cg_file *cf, uint32_t at)
{
	uint32_t dep, name;
	int looped;
	size_t len;
	const char *t;

	switch (classify_site(cf, at, &dep, &looped)) {
	case SITE_ONCE:
		return 1;
	case SITE_MANY:
		return 0;
	default:
		name = ast_field(cf->ast, dep, FIELD_name);
		if (name == AST_NONE)
			return 0;
		t = ast_text(cf->ast, name, &len);
		return facts_runs_once(pf, t, len, cf->ast->nodes[dep].kind == AST_method_declaration, cf->ext);
	}
}

int facts_site_runs_once(const struct pkg_facts *pf, const struct lint_file *f, uint32_t at)
{
	struct cg_file cf;
	cg_file_init(&cf, f);
	return site_once(pf, &cf, at);
}

int facts_func_runs_once(const struct pkg_facts *pf, const struct lint_file *f, uint32_t fn)
{
	const struct ast *ast = &f->ast;
	struct cg_file cf;
	uint32_t top, call, name;
	size_t len;
	const char *t;

	cg_file_init(&cf, f);
	if (ast->nodes[fn].kind == AST_func_literal) {
		top = ast_value_top(ast, fn);
		call = ast->nodes[top].parent;
		if (ast_kind(ast, call) == AST_call_expression && ast_field(ast, call, FIELD_function) == top)
			return site_once(pf, &cf, call);
		return is_cli_run_value(ast, fn) || is_once_callback(ast, fn);
	}
	if (is_root(&cf, fn))
		return 1;
	name = ast_field(ast, fn, FIELD_name);
	if (name == AST_NONE)
		return 0;
	t = ast_text(ast, name, &len);
	return facts_runs_once(pf, t, len, ast->nodes[fn].kind == AST_method_declaration, cf.ext);
}

/* ------------------------------------------------ building it */

struct raw_site {
	struct facts_callee *callee, *dep;
	enum site_kind kind;
	struct facts_site site;
};

struct cg_builder {
	struct pkg_facts *pf;
	struct facts_callee **callees;
	size_t nr_callees, alloc_callees;
	struct raw_site *sites;
	size_t nr_sites, alloc_sites;
};

static int contains_needle(const struct lint_file *f)
{
	size_t i;
	if (f->graph_needle)
		return f->graph_needle == 2; /* known from the engine's one scan */
	for (i = 0; facts_call_graph_needles[i]; i++)
		if (memmem(f->src.buf, f->src.len, facts_call_graph_needles[i],
			   strlen(facts_call_graph_needles[i])))
			return 1;
	return 0;
}

/* True when a result of declaration fn is written as a net/http Client, Transport or RoundTripper. */
static int returns_http(const struct cg_file *cf, uint32_t fn)
{
	static const char *const names[] = { "Client", "Transport", "RoundTripper" };
	const struct ast *ast = cf->ast;
	uint32_t res = ast_field(ast, fn, FIELD_result), d;
	size_t i;
	int ptr;

	if (res == AST_NONE)
		return 0;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (ast_kind(ast, res) != AST_parameter_list) {
			if (facts_is_http_type(ast, cf->imp, res, names[i], &ptr))
				return 1;
			continue;
		}
		ast_for_each_child(ast, res, d)
			if (facts_is_http_type(ast, cf->imp, ast_field(ast, d, FIELD_type), names[i], &ptr))
				return 1;
	}
	return 0;
}

static void add_decl(struct cg_builder *b, const struct cg_file *cf, uint32_t fn)
{
	const struct ast *ast = cf->ast;
	int is_method = ast->nodes[fn].kind == AST_method_declaration;
	struct call_graph *cg = cf->ext ? &b->pf->ext_calls : &b->pf->calls;
	struct strmap *m = is_method ? &cg->methods : &cg->funcs;
	uint32_t name = ast_field(ast, fn, FIELD_name);
	struct facts_callee *c;
	size_t len;
	const char *t;

	if (name == AST_NONE || ast_is_blank(ast, name))
		return;
	t = ast_text(ast, name, &len);
	c = strmap_get(m, t, len);
	if (!c) {
		c = arena_calloc(&b->pf->arena, 1, sizeof(*c));
		/* unexported, or in package main: only the package calls it */
		c->lower = cf->main || (len && t[0] >= 'a' && t[0] <= 'z');
		strmap_put(m, arena_strndup(&b->pf->arena, t, len), len, c);
		ALLOC_GROW(b->callees, b->nr_callees + 1, b->alloc_callees);
		c->index = b->nr_callees;
		b->callees[b->nr_callees++] = c;
	}
	c->decls++;
	c->test_decls += cf->test;
	c->roots += is_root(cf, fn);
	c->returns_http |= returns_http(cf, fn);
}

static const char *const request_methods[] = { "Do", "Get", "Post", "PostForm", "Head", "RoundTrip" };

/* True when identifier `id` is the operand of a request method call: `id.Get(u)`. */
static int sends_request(const struct ast *ast, uint32_t id)
{
	uint32_t sel = ast->nodes[id].parent, call;
	if (ast_kind(ast, sel) != AST_selector_expression || ast_field(ast, sel, FIELD_operand) != id)
		return 0;
	call = ast->nodes[sel].parent;
	return ast_kind(ast, call) == AST_call_expression && ast_field(ast, call, FIELD_function) == sel &&
	       ast_text_in(ast, ast_field(ast, sel, FIELD_field), request_methods, ARRAY_SIZE(request_methods));
}

/*
 * What the function around `call` does with the net/http value the call
 * returns (enum facts_result). Conservative: only `F().Get(u)`,
 * `return F()`, and a local (`c := F()`, `c, err := F()`, `var c = F()`,
 * or a client literal around it, `c := &http.Client{Transport: F()}`)
 * whose every later mention sends a request, outside closures and
 * outside loops the call is not in (a client made before a loop is
 * reused by it).
 */
static enum facts_result call_result(const struct cg_file *cf, uint32_t call, uint32_t fn)
{
	const struct ast *ast = cf->ast;
	uint32_t v = ast_value_top(ast, call), p = ast->nodes[v].parent, ke, lit, decl, left, i, end, a;
	int used = 0;

	if (ast_kind(ast, p) == AST_selector_expression && ast_field(ast, p, FIELD_operand) == v) {
		uint32_t c = ast->nodes[p].parent;
		return ast_kind(ast, c) == AST_call_expression && ast_field(ast, c, FIELD_function) == p &&
				       ast_text_in(ast, ast_field(ast, p, FIELD_field), request_methods,
					       ARRAY_SIZE(request_methods)) ?
			       FACTS_RESULT_DROPPED :
			       FACTS_RESULT_OTHER;
	}
	if (ast_kind(ast, p) == AST_return_statement ||
	    (ast_kind(ast, p) == AST_expression_list && ast_kind(ast, ast->nodes[p].parent) == AST_return_statement))
		return ast->nodes[fn].kind == AST_func_literal ? FACTS_RESULT_OTHER : FACTS_RESULT_RETURNED;
	if (ast_kind(ast, p) == AST_literal_element && ast->nodes[p].field == FIELD_value) {
		/* &http.Client{Transport: F()} */
		ke = ast->nodes[p].parent;
		if (ast_kind(ast, ke) != AST_keyed_element || !ast_text_is(ast, ast_key_name(ast, ke), "Transport"))
			return FACTS_RESULT_OTHER;
		lit = ast->nodes[ast->nodes[ke].parent].parent;
		if (ast_kind(ast, lit) != AST_composite_literal ||
		    !imports_http_type(ast, ast_field(ast, lit, FIELD_type),
				       cf->imp->uses_http ? cf->imp->http : "http", "Client"))
			return FACTS_RESULT_OTHER;
		v = ast_value_top(ast, lit);
		p = ast->nodes[v].parent;
	}
	if (ast_kind(ast, p) != AST_expression_list || ast_child_count(ast, p) != 1)
		return FACTS_RESULT_OTHER;
	decl = ast->nodes[p].parent;
	if (ast_kind(ast, decl) == AST_short_var_declaration) {
		left = ast_child(ast, ast_field(ast, decl, FIELD_left), 0);
	} else if (ast_kind(ast, decl) == AST_var_spec) {
		left = ast_field(ast, decl, FIELD_name);
	} else if (ast_kind(ast, decl) == AST_assignment_statement &&
		   ast_text_is(ast, ast_field(ast, decl, FIELD_operator), "=")) {
		left = ast_unparen(ast, ast_child(ast, ast_field(ast, decl, FIELD_left), 0));
		if (ast_kind(ast, left) != AST_identifier ||
		    ownership_scope(ast, fn, left, NULL) != SCOPE_LOCAL)
			return FACTS_RESULT_OTHER; /* a field, a global, a result, a captured variable */
	} else {
		return FACTS_RESULT_OTHER;
	}
	if (ast_kind(ast, left) != AST_identifier || ast_is_blank(ast, left))
		return FACTS_RESULT_OTHER;
	end = ast_subtree_end(ast, fn);
	for (i = decl; i <= end; i++) {
		if (ast->nodes[i].kind != AST_identifier || ast->nodes[i].start < ast->nodes[decl].end ||
		    !ast_same_text(ast, i, left) || !ast_same_variable(ast, decl, i))
			continue;
		for (a = ast->nodes[i].parent; a != fn; a = ast->nodes[a].parent)
			if (ast->nodes[a].kind == AST_func_literal ||
			    (ast->nodes[a].kind == AST_for_statement && !ast_contains(ast, a, decl)))
				return FACTS_RESULT_OTHER;
		if (!sends_request(ast, i))
			return FACTS_RESULT_OTHER;
		used = 1;
	}
	return used ? FACTS_RESULT_DROPPED : FACTS_RESULT_OTHER;
}

static int is_closes_connection(const struct ast *ast, uint32_t n)
{
	return facts_closes_connection(ast, n);
}

/* "serve", "a function literal in serve", "package level", into the arena. */
static const char *caller_name(struct arena *arena, const struct ast *ast, uint32_t at)
{
	uint32_t fn = ast_enclosing_func(ast, at), top = ast_top_func(ast, at), name;
	size_t len;
	const char *t;

	if (fn == AST_NONE)
		return "package level";
	name = top == AST_NONE ? AST_NONE : ast_field(ast, top, FIELD_name);
	if (name == AST_NONE)
		return "a function literal";
	t = ast_text(ast, name, &len);
	if (ast->nodes[fn].kind == AST_func_literal)
		return arena_printf(arena, "a function literal in %.*s", (int)len, t);
	return arena_strndup(arena, t, len);
}

/* A mention of callee c at node `top` (the identifier, or the selector `x.m`). */
static void add_mention(struct cg_builder *b, const struct cg_file *cf, const char *path,
			struct facts_callee *c, uint32_t top)
{
	const struct ast *ast = cf->ast;
	uint32_t v = top, p, dep, fn, name;
	struct raw_site *s;
	int looped = 0;

	while (ast_kind(ast, ast->nodes[v].parent) == AST_parenthesized_expression)
		v = ast->nodes[v].parent;
	p = ast->nodes[v].parent;
	ALLOC_GROW(b->sites, b->nr_sites + 1, b->alloc_sites);
	s = &b->sites[b->nr_sites++];
	memset(s, 0, sizeof(*s));
	s->callee = c;
	s->site.path = path;
	s->site.line = ast->nodes[top].line;
	s->site.test = (unsigned char)cf->test;
	if (ast_kind(ast, p) != AST_call_expression || ast_field(ast, p, FIELD_function) != v) {
		/* a function value: run from who knows where, unless a command runs it */
		s->kind = is_cli_run_value(ast, v) ? SITE_ONCE : SITE_MANY;
		return;
	}
	s->site.call = 1;
	s->kind = classify_site(cf, p, &dep, &looped);
	s->site.in_loop = (unsigned char)looped;
	if (s->kind == SITE_DEP) {
		struct call_graph *cg = cf->ext ? &b->pf->ext_calls : &b->pf->calls;
		size_t len;
		const char *t;
		name = ast_field(ast, dep, FIELD_name);
		t = ast_text(ast, name, &len);
		s->dep = strmap_get(ast->nodes[dep].kind == AST_method_declaration ? &cg->methods : &cg->funcs,
				    t, len);
		if (!s->dep)
			s->kind = SITE_MANY; /* declared in a part that does not parse */
	}
	if (!c->returns_http)
		return;
	/* Who gets the net/http value, and what it does with it. */
	s->site.caller = caller_name(&b->pf->arena, ast, p);
	fn = ast_enclosing_func(ast, p);
	if (fn == AST_NONE)
		return;
	s->site.result = (unsigned char)call_result(cf, p, fn);
	s->site.closes_conns = (unsigned char)holds(ast, ast_func_body(ast, fn), is_closes_connection);
	if (ast->nodes[fn].kind != AST_func_literal) {
		name = ast_field(ast, fn, FIELD_name);
		s->site.constructor = (unsigned char)((ast_name_like(ast, name, "New") || ast_name_like(ast, name, "new")) &&
						      ast_field(ast, fn, FIELD_result) != AST_NONE);
		if (s->site.result == FACTS_RESULT_RETURNED) {
			s->site.returned_by = s->site.caller;
			s->site.returned_method = ast->nodes[fn].kind == AST_method_declaration;
		}
	}
}

/*
 * True when local `name` (a parameter's or a var's name) is declared with
 * a type written with another package's name (`c *http.Client`): its
 * methods are not the package's.
 */
static int of_another_package(const struct cg_file *cf, uint32_t name)
{
	uint32_t d = cf->ast->nodes[name].parent, type;
	struct type_ref t;

	if (ast_kind(cf->ast, d) != AST_parameter_declaration && ast_kind(cf->ast, d) != AST_var_spec)
		return 0;
	type = ast_field(cf->ast, d, FIELD_type);
	if (type == AST_NONE)
		return 0;
	types_from_node(cf->ast, cf->imp, type, &t);
	return t.kind == TYPE_NAMED && t.pkg_len;
}

/* Every mention, in file cf, of a function or method declared in the package. */
static void scan_mentions(struct cg_builder *b, const struct cg_file *cf, const char *path)
{
	const struct ast *ast = cf->ast;
	const struct call_graph *cg = cf->ext ? &b->pf->ext_calls : &b->pf->calls;
	uint32_t i, p, op;
	struct facts_callee *c;
	size_t len, plen;
	const char *t;

	for (i = 0; i < ast->nr; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		if (k != AST_identifier && k != AST_field_identifier)
			continue;
		p = ast->nodes[i].parent;
		t = ast_text(ast, i, &len);
		if (k == AST_identifier) {
			if (ast_kind(ast, p) == AST_function_declaration ||
			    (ast_kind(ast, p) == AST_literal_element && ast->nodes[p].field == FIELD_key))
				continue;
			if (!(c = strmap_get(&cg->funcs, t, len)))
				continue;
			if (types_local_decl(ast, i) != AST_NONE)
				continue; /* a local of the same name */
			add_mention(b, cf, path, c, i);
			continue;
		}
		if (ast_kind(ast, p) != AST_selector_expression || ast_field(ast, p, FIELD_field) != i)
			continue; /* a method's or a field's declaration, a key */
		if (!(c = strmap_get(&cg->methods, t, len)))
			continue;
		op = ast_unparen(ast, ast_field(ast, p, FIELD_operand));
		if (ast_kind(ast, op) == AST_identifier) {
			const char *ot = ast_text(ast, op, &plen);
			uint32_t d = types_local_decl(ast, op);
			if (d == AST_NONE && imports_path(cf->imp, ot, plen, &plen))
				continue; /* pkg.F of another package */
			if (d != AST_NONE && of_another_package(cf, d))
				continue; /* c.Get(u) with `c *http.Client`: not our Get */
		}
		add_mention(b, cf, path, c, p);
	}
}

/* Does every mention that counts for c run once (as known so far)? */
static int sites_once(const struct cg_builder *b, const struct facts_callee *c, const size_t *first,
		      const size_t *count, size_t ci)
{
	size_t j, n = 0;
	int test_callee = c->test_decls == c->decls;
	for (j = first[ci]; j < first[ci] + count[ci]; j++) {
		const struct raw_site *s = &b->sites[j];
		if (s->site.test && !test_callee)
			continue; /* a test calling it says nothing of production */
		n++;
		if (s->kind == SITE_MANY || (s->kind == SITE_DEP && !s->dep->once))
			return 0;
	}
	return n > 0;
}

static void build_call_graph(struct pkg_facts *pf, struct lint_file **files, size_t nr)
{
	struct cg_builder b = { .pf = pf };
	struct cg_file *cfs = xcalloc(nr ? nr : 1, sizeof(*cfs));
	const char **paths = xcalloc(nr ? nr : 1, sizeof(*paths));
	unsigned char *in = xcalloc(nr ? nr : 1, 1);
	size_t i, j, round, *first, *count, *fill;
	uint32_t n;

	for (i = 0; i < nr; i++) {
		const struct lint_file *f = files[i];
		if (!f->imports || !contains_needle(f))
			continue;
		in[i] = 1;
		cg_file_init(&cfs[i], f);
		paths[i] = arena_strndup(&pf->arena, f->path, strlen(f->path));
		for (n = 0; n < f->ast.nr; n++) {
			enum ast_kind k = f->ast.nodes[n].kind;
			if ((k == AST_function_declaration || k == AST_method_declaration) &&
			    !(f->ast.nodes[n].flags & AST_IN_ERROR))
				add_decl(&b, &cfs[i], n);
		}
	}
	for (i = 0; i < nr; i++)
		if (in[i])
			scan_mentions(&b, &cfs[i], paths[i]);

	/* The sites of each callee, in the order found (file order, then source order). */
	first = xcalloc(b.nr_callees + 1, sizeof(*first));
	count = xcalloc(b.nr_callees + 1, sizeof(*count));
	fill = xcalloc(b.nr_callees + 1, sizeof(*fill));
	for (j = 0; j < b.nr_sites; j++)
		count[b.sites[j].callee->index]++;
	for (i = 1; i < b.nr_callees; i++)
		first[i] = first[i - 1] + count[i - 1];
	{
		struct raw_site *sorted = xcalloc(b.nr_sites ? b.nr_sites : 1, sizeof(*sorted));
		for (j = 0; j < b.nr_sites; j++) {
			size_t ci = b.sites[j].callee->index;
			sorted[first[ci] + fill[ci]++] = b.sites[j];
		}
		free(b.sites);
		b.sites = sorted;
	}

	/* What runs once: from the roots, to a fixed point (recursion never runs once). */
	for (i = 0; i < b.nr_callees; i++) {
		struct facts_callee *c = b.callees[i];
		c->once = c->decls && c->roots == c->decls;
	}
	for (round = 0; round <= b.nr_callees && round < 64; round++) {
		int changed = 0;
		for (i = 0; i < b.nr_callees; i++) {
			struct facts_callee *c = b.callees[i];
			if (c->once || !c->lower || !sites_once(&b, c, first, count, i))
				continue;
			c->once = 1;
			changed = 1;
		}
		if (!changed)
			break;
	}

	/* Copy each callee's sites into the arena. */
	for (i = 0; i < b.nr_callees; i++) {
		struct facts_callee *c = b.callees[i];
		c->nr_sites = count[i];
		c->sites = count[i] ? arena_calloc(&pf->arena, count[i], sizeof(*c->sites)) : NULL;
		for (j = 0; j < count[i]; j++) {
			const struct raw_site *s = &b.sites[first[i] + j];
			c->sites[j] = s->site;
			c->sites[j].per_call = (unsigned char)(s->kind == SITE_MANY ||
							       (s->kind == SITE_DEP && !s->dep->once));
		}
	}
	free(first);
	free(count);
	free(fill);
	free(b.sites);
	free(b.callees);
	free(cfs);
	free(paths);
	free(in);
}

/* ---------------------------------------------------------------- kept across runs */

/*
 * The layout is this binary's own (the cache key holds its hash): fixed
 * structs go as their bytes, strings with their length, and every map as
 * its slot array, each entry at its slot, so that a map read back
 * iterates in the order the computed one did.
 */

static void ser_u64(struct strbuf *sb, uint64_t v)
{
	strbuf_add(sb, &v, sizeof(v));
}

static void ser_str(struct strbuf *sb, const char *s, size_t len)
{
	ser_u64(sb, s ? len : UINT64_MAX);
	if (s)
		strbuf_add(sb, s, len);
}

struct deser {
	const char *p, *end;
	struct arena *arena;
	int bad;
};

static uint64_t de_u64(struct deser *d)
{
	uint64_t v = 0;
	if ((size_t)(d->end - d->p) < sizeof(v)) {
		d->bad = 1;
		return 0;
	}
	memcpy(&v, d->p, sizeof(v));
	d->p += sizeof(v);
	return v;
}

/* A string copied into the arena (NUL-terminated), or NULL as written. */
static char *de_str(struct deser *d, size_t *len)
{
	uint64_t n = de_u64(d);
	char *s;
	*len = 0;
	if (d->bad || n == UINT64_MAX)
		return NULL;
	if (n > (uint64_t)(d->end - d->p)) {
		d->bad = 1;
		return NULL;
	}
	s = arena_strndup(d->arena, d->p, (size_t)n);
	d->p += n;
	*len = (size_t)n;
	return s;
}

static void *de_bytes(struct deser *d, size_t size)
{
	void *v;
	if ((size_t)(d->end - d->p) < size) {
		d->bad = 1;
		return NULL;
	}
	v = arena_alloc(d->arena, size);
	memcpy(v, d->p, size);
	d->p += size;
	return v;
}

typedef void (*ser_value)(struct strbuf *sb, const void *value);
typedef void *(*de_value)(struct deser *d);

static void ser_map(struct strbuf *sb, const struct strmap *m, ser_value put)
{
	size_t i;
	ser_u64(sb, m->cap);
	ser_u64(sb, m->nr);
	for (i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		ser_u64(sb, i);
		ser_str(sb, m->slots[i].key, m->slots[i].len);
		ser_u64(sb, m->slots[i].hash);
		put(sb, m->slots[i].value);
	}
}

static void de_map(struct deser *d, struct strmap *m, de_value get)
{
	uint64_t cap = de_u64(d), nr = de_u64(d), k;

	memset(m, 0, sizeof(*m));
	if (d->bad || nr > cap || cap > (uint64_t)(d->end - d->p) + 16 || (cap & (cap - 1))) {
		d->bad = 1;
		return;
	}
	if (!cap)
		return;
	m->slots = xcalloc((size_t)cap, sizeof(*m->slots));
	m->cap = (size_t)cap;
	for (k = 0; k < nr && !d->bad; k++) {
		uint64_t at = de_u64(d);
		struct strmap_entry *e;
		size_t len;
		char *key;
		if (at >= cap || m->slots[at].key) {
			d->bad = 1;
			return;
		}
		key = de_str(d, &len);
		e = &m->slots[at];
		e->hash = (uint32_t)de_u64(d);
		e->value = get(d);
		/* in the map even when bad, so that facts_release frees what it holds */
		e->key = key ? key : arena_strndup(d->arena, "", 0);
		e->len = len;
		m->nr++;
		if (!key || d->bad) {
			d->bad = 1;
			return;
		}
	}
}

static void ser_func_fact(struct strbuf *sb, const void *v)
{
	strbuf_add(sb, v, sizeof(struct func_fact));
}

static void *de_func_fact(struct deser *d)
{
	return de_bytes(d, sizeof(struct func_fact));
}

/* A type_ref as what it holds (its fixed arrays are mostly empty): 6 bytes and its names. */
static void put_ref(struct strbuf *sb, const struct type_ref *t)
{
	unsigned char head[6] = { t->kind, t->pointer, t->is_interface, t->with_error, t->pkg_len,
				  t->name_len };
	strbuf_add(sb, head, sizeof(head));
	strbuf_add(sb, t->pkg, t->pkg_len);
	strbuf_add(sb, t->name, t->name_len);
}

static void get_ref(struct deser *d, struct type_ref *t)
{
	memset(t, 0, sizeof(*t));
	if ((size_t)(d->end - d->p) < 6) {
		d->bad = 1;
		return;
	}
	t->kind = (unsigned char)d->p[0];
	t->pointer = (unsigned char)d->p[1];
	t->is_interface = (unsigned char)d->p[2];
	t->with_error = (unsigned char)d->p[3];
	t->pkg_len = (unsigned char)d->p[4];
	t->name_len = (unsigned char)d->p[5];
	d->p += 6;
	if (t->pkg_len >= TYPE_PKG_MAX || t->name_len >= TYPE_NAME_MAX ||
	    (size_t)(d->end - d->p) < (size_t)t->pkg_len + t->name_len) {
		d->bad = 1;
		memset(t, 0, sizeof(*t));
		return;
	}
	memcpy(t->pkg, d->p, t->pkg_len);
	d->p += t->pkg_len;
	memcpy(t->name, d->p, t->name_len);
	d->p += t->name_len;
}

static void ser_type_ref(struct strbuf *sb, const void *v)
{
	put_ref(sb, v);
}

static void *de_type_ref(struct deser *d)
{
	struct type_ref *t = arena_alloc(d->arena, sizeof(*t));
	get_ref(d, t);
	return t;
}

static void ser_type_sig(struct strbuf *sb, const void *v)
{
	const struct type_sig *sig = v;
	int i;
	ser_u64(sb, (uint64_t)sig->nr_results);
	ser_u64(sb, (uint64_t)sig->nil_safe);
	for (i = 0; i < TYPE_MAX_RESULTS; i++)
		put_ref(sb, &sig->results[i]);
}

static void *de_type_sig(struct deser *d)
{
	struct type_sig *sig = arena_calloc(d->arena, 1, sizeof(*sig));
	int i;
	sig->nr_results = (int)de_u64(d);
	sig->nil_safe = (int)de_u64(d);
	for (i = 0; i < TYPE_MAX_RESULTS; i++)
		get_ref(d, &sig->results[i]);
	return sig;
}

static void ser_type_decl(struct strbuf *sb, const void *v)
{
	const struct type_decl *t = v;
	ser_u64(sb, (uint64_t)t->is_interface);
	put_ref(sb, &t->underlying);
	ser_map(sb, &t->fields, ser_type_ref);
	ser_map(sb, &t->embedded, ser_type_ref);
	ser_map(sb, &t->methods, ser_type_sig);
}

static void *de_type_decl(struct deser *d)
{
	struct type_decl *t = arena_calloc(d->arena, 1, sizeof(*t));
	t->is_interface = (int)de_u64(d);
	get_ref(d, &t->underlying);
	de_map(d, &t->fields, de_type_ref);
	de_map(d, &t->embedded, de_type_ref);
	de_map(d, &t->methods, de_type_sig);
	return t;
}

static void ser_callee(struct strbuf *sb, const void *v)
{
	const struct facts_callee *c = v;
	size_t i;

	ser_u64(sb, (uint64_t)c->decls);
	ser_u64(sb, (uint64_t)c->roots);
	ser_u64(sb, (uint64_t)c->test_decls);
	ser_u64(sb, (uint64_t)c->lower);
	ser_u64(sb, (uint64_t)c->returns_http);
	ser_u64(sb, (uint64_t)c->once);
	ser_u64(sb, c->index);
	ser_u64(sb, c->nr_sites);
	for (i = 0; i < c->nr_sites; i++) {
		const struct facts_site *s = &c->sites[i];
		struct facts_site bare = *s;
		bare.path = bare.caller = bare.returned_by = NULL;
		strbuf_add(sb, &bare, sizeof(bare));
		ser_str(sb, s->path, s->path ? strlen(s->path) : 0);
		ser_str(sb, s->caller, s->caller ? strlen(s->caller) : 0);
		ser_str(sb, s->returned_by, s->returned_by ? strlen(s->returned_by) : 0);
	}
}

static void *de_callee(struct deser *d)
{
	struct facts_callee *c = arena_calloc(d->arena, 1, sizeof(*c));
	uint64_t n, i;
	size_t len;

	c->decls = (int)de_u64(d);
	c->roots = (int)de_u64(d);
	c->test_decls = (int)de_u64(d);
	c->lower = (int)de_u64(d);
	c->returns_http = (int)de_u64(d);
	c->once = (int)de_u64(d);
	c->index = (size_t)de_u64(d);
	n = de_u64(d);
	if (d->bad || n > (uint64_t)(d->end - d->p) / sizeof(struct facts_site)) {
		d->bad = 1;
		return c;
	}
	c->nr_sites = (size_t)n;
	c->sites = n ? arena_calloc(d->arena, (size_t)n, sizeof(*c->sites)) : NULL;
	for (i = 0; i < n && !d->bad; i++) {
		struct facts_site *s = de_bytes(d, sizeof(*s));
		if (!s)
			break;
		c->sites[i] = *s;
		c->sites[i].path = de_str(d, &len);
		c->sites[i].caller = de_str(d, &len);
		c->sites[i].returned_by = de_str(d, &len);
	}
	return c;
}

static void ser_types(struct strbuf *sb, const struct pkg_types *t)
{
	ser_map(sb, &t->decls, ser_type_decl);
	ser_map(sb, &t->vars, ser_type_ref);
	ser_map(sb, &t->funcs, ser_type_sig);
}

static void de_types(struct deser *d, struct pkg_types *t)
{
	de_map(d, &t->decls, de_type_decl);
	de_map(d, &t->vars, de_type_ref);
	de_map(d, &t->funcs, de_type_sig);
}

void facts_serialize(const struct pkg_facts *pf, struct strbuf *out)
{
	ser_map(out, &pf->funcs, ser_func_fact);
	ser_map(out, &pf->methods, ser_func_fact);
	ser_map(out, &pf->calls.funcs, ser_callee);
	ser_map(out, &pf->calls.methods, ser_callee);
	ser_map(out, &pf->ext_calls.funcs, ser_callee);
	ser_map(out, &pf->ext_calls.methods, ser_callee);
	ser_types(out, &pf->types);
	ser_types(out, &pf->ext_types);
}

int facts_deserialize(struct pkg_facts *pf, const char *buf, size_t len)
{
	struct deser d;

	memset(pf, 0, sizeof(*pf));
	d.p = buf;
	d.end = buf + len;
	d.arena = &pf->arena;
	d.bad = 0;
	de_map(&d, &pf->funcs, de_func_fact);
	de_map(&d, &pf->methods, de_func_fact);
	de_map(&d, &pf->calls.funcs, de_callee);
	de_map(&d, &pf->calls.methods, de_callee);
	de_map(&d, &pf->ext_calls.funcs, de_callee);
	de_map(&d, &pf->ext_calls.methods, de_callee);
	de_types(&d, &pf->types);
	de_types(&d, &pf->ext_types);
	if (d.bad || d.p != d.end) {
		facts_release(pf);
		return -1;
	}
	return 0;
}
