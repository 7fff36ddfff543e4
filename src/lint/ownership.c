/*
 * ownership.c - see ownership.h.
 */
#include "lint/ownership.h"

/* A standard library path has no dot in its first element. */
static int is_std_path(const char *p, size_t len)
{
	size_t i;
	for (i = 0; i < len && p[i] != '/'; i++)
		if (p[i] == '.')
			return 0;
	return 1;
}

/* ---------------------------------------------------------------- classify */

static uint32_t parent(const struct ast *ast, uint32_t n)
{
	return n == AST_NONE ? AST_NONE : ast->nodes[n].parent;
}

/*
 * Step up from value *n to its parent, through parentheses and type
 * assertions (`rwc, ok := resp.Body.(io.ReadWriteCloser)` still holds the
 * body); *n becomes the outermost node that still is the value.
 */
static uint32_t up(const struct ast *ast, uint32_t *n)
{
	uint32_t p = parent(ast, *n);
	while (ast_kind(ast, p) == AST_parenthesized_expression ||
	       (ast_kind(ast, p) == AST_type_assertion_expression &&
		ast_field(ast, p, FIELD_operand) == *n)) {
		*n = p;
		p = parent(ast, p);
	}
	return p;
}

static int index_in_parent(const struct ast *ast, uint32_t n)
{
	uint32_t c;
	int i = 0;
	ast_for_each_child(ast, ast->nodes[n].parent, c) {
		if (c == n)
			return i;
		i++;
	}
	return -1;
}

/* Judge a value (v or v.Body) passed as argument number `idx` of `call`. */
static void classify_arg(const struct ast *ast, const struct imports *imp, uint32_t call,
			 int idx, struct use *out)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));

	out->arg_index = idx;
	switch (ast_kind(ast, fn)) {
	case AST_identifier:
		if (ast_text_is(ast, fn, "append")) {
			out->kind = USE_TAKE;
		} else if (ast_text_is(ast, fn, "len") || ast_text_is(ast, fn, "cap") ||
			   ast_text_is(ast, fn, "print") || ast_text_is(ast, fn, "println") ||
			   ast_text_is(ast, fn, "panic")) {
			out->kind = USE_READ;
		} else {
			out->kind = USE_PASS_FUNC;
			out->callee = fn;
		}
		return;
	case AST_func_literal:
		out->kind = USE_PASS_LITERAL;
		out->callee = fn;
		return;
	case AST_selector_expression: {
		uint32_t op = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
		size_t len, plen;
		const char *t, *path;
		if (ast_kind(ast, op) == AST_identifier) {
			t = ast_text(ast, op, &len);
			path = imports_path(imp, t, len, &plen);
			if (path) {
				if (is_std_path(path, plen)) {
					out->kind = USE_READ;
					return;
				}
				out->kind = USE_PASS_PKG;
				out->callee = ast_field(ast, fn, FIELD_field);
				out->pkg_path = path;
				out->pkg_len = plen;
				return;
			}
		}
		out->kind = USE_PASS_METHOD;
		out->callee = ast_field(ast, fn, FIELD_field);
		return;
	}
	default:
		out->kind = USE_TAKE; /* a call through an expression we cannot see */
	}
}

/* The value node (v or v.Body) sits in an assignment's right side at position idx. */
static void classify_assigned(const struct ast *ast, uint32_t assign, int idx, struct use *out)
{
	uint32_t left = ast_field(ast, assign, ast_kind(ast, assign) == AST_var_spec ? FIELD_NONE : FIELD_left);
	uint32_t target;

	if (ast_kind(ast, assign) == AST_var_spec) {
		uint32_t c;
		int k = 0;
		target = AST_NONE;
		ast_for_each_child(ast, assign, c)
			if (ast->nodes[c].field == FIELD_name && k++ == idx)
				target = c;
	} else {
		target = ast_child(ast, left, (uint32_t)idx);
	}
	target = ast_unparen(ast, target);
	if (ast_kind(ast, target) == AST_identifier || ast_is_blank(ast, target)) {
		if (ast_is_blank(ast, target)) {
			out->kind = USE_READ;
		} else {
			out->kind = USE_ALIAS;
			out->alias = target;
		}
	} else {
		out->kind = USE_TAKE; /* a field, map or slice element, *p */
	}
}

void ownership_classify(const struct ast *ast, const struct imports *imp, uint32_t ident,
			uint32_t top, struct use *out)
{
	uint32_t val = ident, p, a;

	memset(out, 0, sizeof(*out));
	out->kind = USE_READ;
	out->callee = out->alias = AST_NONE;

	/* A goroutine that captures the value owns it from now on. */
	for (a = parent(ast, ident); a != AST_NONE; a = parent(ast, a)) {
		if (ast_kind(ast, a) == AST_go_statement) {
			out->kind = USE_TAKE;
			return;
		}
		if (a == top)
			break;
	}

	p = up(ast, &val);
	if (ast_kind(ast, p) == AST_selector_expression && ast_field(ast, p, FIELD_operand) == val) {
		uint32_t field = ast_field(ast, p, FIELD_field), pp;
		if (ast_text_is(ast, field, "Body")) {
			out->is_body = 1;
			val = p;
			p = up(ast, &val);
			if (ast_kind(ast, p) == AST_selector_expression &&
			    ast_field(ast, p, FIELD_operand) == val) {
				pp = up(ast, &p);
				/*
				 * v.Body.Close(), or the method value v.Body.Close handed to
				 * a helper that calls it: `defer logErr(resp.Body.Close)`.
				 */
				if (ast_text_is(ast, ast_field(ast, p, FIELD_field), "Close"))
					out->kind = USE_CLOSE;
				return; /* v.Body.Read(...) and the like */
			}
		} else {
			pp = up(ast, &p);
			if (ast_kind(ast, pp) == AST_call_expression &&
			    (ast_text_is(ast, field, "Close") || ast_text_is(ast, field, "Write")))
				out->kind = USE_CLOSE;
			/* b.Close handed to a helper as a method value (Response's Close is a bool) */
			else if (ast_kind(ast, pp) == AST_argument_list && ast_text_is(ast, field, "Close"))
				out->kind = USE_CLOSE;
			return; /* v.StatusCode, v.Header.Get(...) */
		}
	}

	switch (ast_kind(ast, p)) {
	case AST_argument_list:
		classify_arg(ast, imp, parent(ast, p), index_in_parent(ast, val), out);
		return;
	case AST_return_statement:
	case AST_keyed_element:
	case AST_literal_element:
	case AST_send_statement:
		if (ast_kind(ast, p) != AST_send_statement || ast_field(ast, p, FIELD_value) == val)
			out->kind = USE_TAKE;
		return;
	case AST_unary_expression:
		if (ast_text_is(ast, ast_field(ast, p, FIELD_operator), "&"))
			out->kind = USE_TAKE;
		return;
	case AST_expression_list: {
		uint32_t pp = parent(ast, p);
		enum ast_kind k = ast_kind(ast, pp);
		if (k == AST_return_statement) {
			out->kind = USE_TAKE;
		} else if (k == AST_short_var_declaration || k == AST_assignment_statement ||
			   k == AST_var_spec) {
			enum ast_field side = ast->nodes[p].field;
			if (side == FIELD_left)
				out->kind = out->is_body ? USE_TAKE : USE_OVERWRITE;
			else
				classify_assigned(ast, pp, index_in_parent(ast, val), out);
		}
		return;
	}
	default:
		return;
	}
}

uint32_t ownership_param(const struct ast *ast, uint32_t fn, int index)
{
	uint32_t params = ast_field(ast, fn, FIELD_parameters), d, c;
	int i = 0;

	if (params == AST_NONE)
		return AST_NONE;
	ast_for_each_child(ast, params, d) {
		int named = 0;
		ast_for_each_child(ast, d, c)
			if (ast->nodes[c].field == FIELD_name) {
				named = 1;
				if (i++ == index)
					return c;
			}
		if (!named && i++ == index)
			return AST_NONE;
	}
	return AST_NONE;
}

enum use_kind ownership_literal_param(const struct ast *ast, const struct imports *imp,
				      uint32_t lit, int index)
{
	uint32_t param = ownership_param(ast, lit, index), body = ast_func_body(ast, lit), i, end;
	enum use_kind fate = USE_READ;

	if (param == AST_NONE || body == AST_NONE)
		return USE_READ;
	end = ast_subtree_end(ast, body);
	for (i = body; i <= end; i++) {
		struct use u;
		if (ast->nodes[i].kind != AST_identifier || !ast_same_text(ast, i, param))
			continue;
		ownership_classify(ast, imp, i, body, &u);
		if (u.kind == USE_CLOSE)
			return USE_CLOSE;
		if (u.kind == USE_TAKE || u.kind == USE_PASS_FUNC || u.kind == USE_PASS_METHOD ||
		    u.kind == USE_PASS_LITERAL || u.kind == USE_PASS_PKG)
			fate = USE_TAKE;
	}
	return fate;
}

/* ---------------------------------------------------------------- does it outlive the call? */

void ownership_classify_value(const struct ast *ast, const struct imports *imp, uint32_t val,
			      struct use *out)
{
	/* top = val's parent: the go statement check looks no further */
	ownership_classify(ast, imp, val, parent(ast, val), out);
}

/* Does declaration-ish node n introduce the name of id? */
static int names_in(const struct ast *ast, uint32_t n, uint32_t id)
{
	uint32_t c, list;

	switch (ast_kind(ast, n)) {
	case AST_parameter_declaration:
	case AST_variadic_parameter_declaration:
	case AST_var_spec:
		ast_for_each_child(ast, n, c)
			if (ast->nodes[c].field == FIELD_name && ast_same_text(ast, c, id))
				return 1;
		return 0;
	case AST_short_var_declaration:
	case AST_range_clause:
		list = ast_field(ast, n, FIELD_left);
		ast_for_each_child(ast, list, c)
			if (ast_kind(ast, c) == AST_identifier && ast_same_text(ast, c, id))
				return 1;
		return 0;
	default:
		return 0;
	}
}

enum ownership_scope ownership_scope(const struct ast *ast, uint32_t fn, uint32_t id, uint32_t *decl)
{
	uint32_t i, end = ast_subtree_end(ast, fn);

	if (decl)
		*decl = AST_NONE;
	for (i = fn + 1; i <= end; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		uint32_t list;
		if (k == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (!names_in(ast, i, id))
			continue;
		if (decl)
			*decl = i;
		if (k != AST_parameter_declaration && k != AST_variadic_parameter_declaration)
			return SCOPE_LOCAL;
		list = ast->nodes[i].parent;
		switch (ast->nodes[list].field) {
		case FIELD_receiver:
			return SCOPE_RECEIVER;
		case FIELD_result:
			return SCOPE_RESULT;
		default:
			return SCOPE_PARAM;
		}
	}
	return SCOPE_OUTSIDE;
}

int ownership_store_outlives(const struct ast *ast, uint32_t fn, uint32_t target, uint32_t *holder,
			     int *copy)
{
	uint32_t op, decl, type;
	enum ownership_scope scope;

	if (holder)
		*holder = AST_NONE;
	if (copy)
		*copy = 0;
	target = ast_unparen(ast, target);
	switch (ast_kind(ast, target)) {
	case AST_identifier:
		scope = ownership_scope(ast, fn, target, NULL);
		if (scope == SCOPE_OUTSIDE || scope == SCOPE_RESULT)
			return 1;
		if (holder)
			*holder = target;
		return 0;
	case AST_selector_expression:
		op = ast_unparen(ast, ast_field(ast, target, FIELD_operand));
		if (ast_kind(ast, op) != AST_identifier)
			return 1; /* x.f.g: some link may be a pointer */
		scope = ownership_scope(ast, fn, op, &decl);
		if (scope == SCOPE_PARAM || scope == SCOPE_RECEIVER) {
			/* a written pointer type (or none: `func(a, b T)` has it on the last) */
			type = ast_field(ast, decl, FIELD_type);
			if (type == AST_NONE || ast_kind(ast, type) == AST_pointer_type)
				return 1;
			if (copy)
				*copy = 1;
		} else if (scope != SCOPE_LOCAL) {
			return 1;
		}
		if (holder)
			*holder = op;
		return 0;
	default:
		return 1; /* m[k], s[i], *p */
	}
}
