/*
 * facts.c - package facts (see facts.h).
 */
#include "lint/facts.h"
#include "lint/directives.h"
#include "lint/ownership.h"

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
 * Does function fn request, directly or through a package function that
 * returns a response and requests (as known so far)?
 */
static int body_requests(const struct pkg_facts *pf, const struct imports *imp,
			 const struct ast *ast, uint32_t fn)
{
	uint32_t i, end = ast_subtree_end(ast, fn);
	for (i = fn; i <= end; i++) {
		const struct func_fact *callee;
		uint32_t f, name;
		size_t len;
		const char *t;
		if (ast->nodes[i].kind != AST_call_expression)
			continue;
		if (requesting_call(ast, i))
			return 1;
		f = ast_unparen(ast, ast_field(ast, i, FIELD_function));
		name = ast_call_name(ast, i);
		if (name == AST_NONE)
			continue;
		t = ast_text(ast, name, &len);
		callee = NULL;
		if (ast_kind(ast, f) == AST_selector_expression) {
			uint32_t op = ast_unparen(ast, ast_field(ast, f, FIELD_operand));
			size_t olen, plen;
			const char *ot = ast_text(ast, op, &olen), *path;
			if (ast_kind(ast, op) == AST_identifier &&
			    (path = imports_path(imp, ot, olen, &plen)))
				callee = facts_func_in(pf, path, plen, t, len);
			else
				callee = facts_func(pf, t, len, 1);
		} else {
			callee = facts_func(pf, t, len, 0);
		}
		if (callee && callee->requests)
			return 1;
	}
	return 0;
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

/* Does fn defer closing `v.Body` for a v it returns as result number `index`? */
static int closes_returned(const struct ast *ast, uint32_t fn, int index)
{
	uint32_t i, end = ast_subtree_end(ast, fn);
	for (i = fn; i <= end; i++) {
		uint32_t list, v, j;
		if (ast->nodes[i].kind == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind != AST_return_statement)
			continue;
		list = ast->nodes[i].first;
		v = ast_kind(ast, list) == AST_expression_list ? ast_child(ast, list, (uint32_t)index) : list;
		v = ast_unparen(ast, v);
		if (ast_kind(ast, v) != AST_identifier)
			continue;
		for (j = fn; j <= end; j++) {
			uint32_t op, body;
			if (ast->nodes[j].kind != AST_selector_expression ||
			    !ast_text_is(ast, ast_field(ast, j, FIELD_field), "Close"))
				continue;
			body = ast_unparen(ast, ast_field(ast, j, FIELD_operand));
			if (ast_kind(ast, body) != AST_selector_expression ||
			    !ast_text_is(ast, ast_field(ast, body, FIELD_field), "Body"))
				continue;
			op = ast_unparen(ast, ast_field(ast, body, FIELD_operand));
			if (!ast_same_text(ast, op, v))
				continue;
			/*
			 * Deferred, unconditionally: every return after it hands over
			 * a closed body (`if err != nil { resp.Body.Close() }` in a
			 * deferred func closes only on failure).
			 */
			for (op = j; op != fn && op != AST_NONE; op = ast->nodes[op].parent) {
				enum ast_kind k = ast_kind(ast, op);
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
		if (ff->fate[i] == FATE_READ)
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
	free(b.edges);
	free(b.responders);
}

void facts_release(struct pkg_facts *pf)
{
	strmap_clear(&pf->funcs);
	strmap_clear(&pf->methods);
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
