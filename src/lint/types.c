/*
 * types.c - see types.h.
 */
#include "lint/types.h"
#include "lint/facts.h"

/* How far an initializer chain is followed (`a := b`, `b := c()`...). */
#define MAX_DEPTH 8

/*
 * Struct and method lookups one question may make: types that embed each
 * other in many ways would otherwise make a lookup exponential.
 */
#define LOOKUP_BUDGET 512
static _Thread_local int lookups_left = LOOKUP_BUDGET;

/* ---------------------------------------------------------------- type_ref */

static void set_ref(struct type_ref *t, enum type_kind kind, const char *pkg, size_t pkg_len,
		    const char *name, size_t name_len)
{
	memset(t, 0, sizeof(*t));
	if (pkg_len >= TYPE_PKG_MAX || name_len >= TYPE_NAME_MAX) {
		t->kind = TYPE_UNKNOWN; /* too long to hold: say nothing rather than something wrong */
		return;
	}
	t->kind = (unsigned char)kind;
	memcpy(t->pkg, pkg, pkg_len);
	memcpy(t->name, name, name_len);
	t->pkg_len = (unsigned char)pkg_len;
	t->name_len = (unsigned char)name_len;
}

static void set_named(struct type_ref *t, const char *pkg, const char *name, int pointer)
{
	set_ref(t, TYPE_NAMED, pkg, strlen(pkg), name, strlen(name));
	t->pointer = (unsigned char)pointer;
}

static void set_unknown(struct type_ref *t)
{
	memset(t, 0, sizeof(*t));
}

static void set_other(struct type_ref *t)
{
	memset(t, 0, sizeof(*t));
	t->kind = TYPE_OTHER;
}

int types_is(const struct type_ref *t, const char *pkg, const char *name)
{
	return t->kind == TYPE_NAMED && t->pkg_len == strlen(pkg) && !memcmp(t->pkg, pkg, t->pkg_len) &&
	       t->name_len == strlen(name) && !memcmp(t->name, name, t->name_len);
}

void types_format(const struct type_ref *t, char *buf, size_t size)
{
	switch (t->kind) {
	case TYPE_NAMED:
		snprintf(buf, size, "%s%.*s%s%.*s", t->pointer ? "*" : "", (int)t->pkg_len, t->pkg,
			 t->pkg_len ? "." : "", (int)t->name_len, t->name);
		break;
	case TYPE_PACKAGE:
		snprintf(buf, size, "package %.*s", (int)t->pkg_len, t->pkg);
		break;
	case TYPE_OTHER:
		snprintf(buf, size, "other");
		break;
	default:
		snprintf(buf, size, "unknown");
	}
}

static int is_builtin_type(const char *s, size_t len)
{
	static const char *const builtins[] = {
		"bool", "byte", "complex64", "complex128", "error", "float32", "float64", "int",
		"int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16",
		"uint32", "uint64", "uintptr", "any", "comparable",
	};
	size_t i;
	for (i = 0; i < ARRAY_SIZE(builtins); i++)
		if (strlen(builtins[i]) == len && !memcmp(builtins[i], s, len))
			return 1;
	return 0;
}

void types_from_node(const struct ast *ast, const struct imports *imp, uint32_t t,
		     struct type_ref *out)
{
	int pointer = 0;
	size_t len, plen;
	const char *s, *path;

	for (;;) {
		switch (ast_kind(ast, t)) {
		case AST_pointer_type:
			pointer = 1;
			t = ast->nodes[t].first;
			continue;
		case AST_parenthesized_type:
		case AST_generic_type:
			t = ast_kind(ast, t) == AST_generic_type ? ast_field(ast, t, FIELD_type) :
								   ast->nodes[t].first;
			continue;
		case AST_qualified_type: {
			uint32_t pkg = ast_field(ast, t, FIELD_package), name = ast_field(ast, t, FIELD_name);
			const char *n;
			size_t nlen;
			if (pkg == AST_NONE || name == AST_NONE) {
				set_unknown(out);
				return;
			}
			s = ast_text(ast, pkg, &len);
			n = ast_text(ast, name, &nlen);
			path = imports_path(imp, s, len, &plen);
			if (!path) { /* not imported by this file: keep the name, it resolves nowhere */
				path = s;
				plen = len;
			}
			set_ref(out, TYPE_NAMED, path, plen, n, nlen);
			out->pointer = (unsigned char)pointer;
			return;
		}
		case AST_type_identifier:
			s = ast_text(ast, t, &len);
			if (is_builtin_type(s, len)) {
				set_other(out);
				out->is_interface = (len == 5 && !memcmp(s, "error", 5)) ||
						    (len == 3 && !memcmp(s, "any", 3));
				return;
			}
			/* In net/http's own files, its names are unqualified. */
			if (imp->is_http)
				set_ref(out, TYPE_NAMED, "net/http", 8, s, len);
			else
				set_ref(out, TYPE_NAMED, "", 0, s, len);
			out->pointer = (unsigned char)pointer;
			return;
		case AST_OTHER:
			if (t == AST_NONE) {
				set_unknown(out);
				return;
			}
			set_other(out);
			return;
		default:
			set_other(out); /* map, slice, func, struct, interface, channel types */
			out->pointer = (unsigned char)pointer;
			out->is_interface = ast_kind(ast, t) == AST_interface_type;
			return;
		}
	}
}

/* ---------------------------------------------------------------- collecting a package */

static struct type_decl *decl_for(struct pkg_types *pt, struct arena *arena, const char *name,
				  size_t len)
{
	struct type_decl *d = strmap_get(&pt->decls, name, len);
	if (!d) {
		d = arena_calloc(arena, 1, sizeof(*d));
		set_other(&d->underlying);
		strmap_put(&pt->decls, arena_strndup(arena, name, len), len, d);
	}
	return d;
}

int types_decl_width(const struct ast *ast, uint32_t d)
{
	uint32_t c;
	int n = 0;
	ast_for_each_child(ast, d, c)
		if (ast->nodes[c].field == FIELD_name)
			n++;
	return n ? n : 1;
}

/* The written result types of a function, method or interface method node. */
/*
 * Is e surely not nil: a composite literal (&T{...} too), make(...),
 * new(...), or (depth 0) a local whose declaration `x := ...` gives it
 * one of those alone?
 */
static int surely_non_nil(const struct ast *ast, uint32_t e, int depth)
{
	uint32_t f, d, left, right;

	e = ast_unparen(ast, e);
	if (ast_kind(ast, e) == AST_unary_expression && ast_text_is(ast, ast_field(ast, e, FIELD_operator), "&"))
		e = ast_unparen(ast, ast_field(ast, e, FIELD_operand));
	switch (ast_kind(ast, e)) {
	case AST_composite_literal:
		return 1;
	case AST_call_expression:
		f = ast_unparen(ast, ast_field(ast, e, FIELD_function));
		return ast_text_is(ast, f, "make") || ast_text_is(ast, f, "new");
	case AST_identifier:
		if (depth > 0 || (d = types_local_decl(ast, e)) == AST_NONE)
			return 0;
		left = ast->nodes[d].parent;
		if (ast_kind(ast, left) != AST_expression_list || ast->nodes[left].field != FIELD_left ||
		    ast_kind(ast, ast->nodes[left].parent) != AST_short_var_declaration ||
		    ast_child_count(ast, left) != 1)
			return 0;
		right = ast_field(ast, ast->nodes[left].parent, FIELD_right);
		return ast_child_count(ast, right) == 1 && surely_non_nil(ast, ast_child(ast, right, 0), 1);
	default:
		return 0;
	}
}

/*
 * Mark the results of fn that every return with a non-nil error gives
 * surely not nil (type_ref.with_error): `return nil, closer, err` on each
 * failure. One failing return that gives nil there (`if err == io.EOF {
 * return c, err }` but `return nil, err` otherwise) and the caller may
 * get nil with an error: not marked.
 */
static void mark_values_with_error(const struct ast *ast, uint32_t fn, struct type_sig *sig)
{
	uint32_t body = ast_func_body(ast, fn), i, end;
	int n = sig->nr_results, k, failing = 0, given[TYPE_MAX_RESULTS];

	if (body == AST_NONE || n < 2 || n > TYPE_MAX_RESULTS || sig->results[n - 1].kind != TYPE_OTHER ||
	    !sig->results[n - 1].is_interface)
		return; /* no (..., error) */
	for (k = 0; k < n - 1; k++)
		given[k] = 1;
	end = ast_subtree_end(ast, body);
	for (i = body; i <= end; i++) {
		uint32_t list;
		if (ast->nodes[i].kind != AST_return_statement || ast_enclosing_func(ast, i) != fn)
			continue;
		list = ast_child(ast, i, 0);
		if (list == AST_NONE || ast_child_count(ast, list) != (uint32_t)n)
			return; /* a bare return, or a call's results: unknown */
		if (ast_kind(ast, ast_unparen(ast, ast_child(ast, list, (uint32_t)n - 1))) == AST_nil)
			continue;
		failing++;
		for (k = 0; k < n - 1; k++)
			given[k] &= surely_non_nil(ast, ast_child(ast, list, (uint32_t)k), 0);
	}
	for (k = 0; k < n - 1 && failing; k++)
		sig->results[k].with_error = (unsigned char)given[k];
}

static struct type_sig *read_sig_types(struct arena *arena, const struct ast *ast,
				       const struct imports *imp, uint32_t fn);

static struct type_sig *read_sig(struct arena *arena, const struct ast *ast,
				 const struct imports *imp, uint32_t fn)
{
	struct type_sig *sig = read_sig_types(arena, ast, imp, fn);
	mark_values_with_error(ast, fn, sig);
	return sig;
}

static struct type_sig *read_sig_types(struct arena *arena, const struct ast *ast,
				       const struct imports *imp, uint32_t fn)
{
	struct type_sig *sig = arena_calloc(arena, 1, sizeof(*sig));
	uint32_t res = ast_field(ast, fn, FIELD_result), d;

	if (res == AST_NONE)
		return sig;
	if (ast_kind(ast, res) != AST_parameter_list) {
		sig->nr_results = 1;
		types_from_node(ast, imp, res, &sig->results[0]);
		return sig;
	}
	ast_for_each_child(ast, res, d) {
		int w = types_decl_width(ast, d), k;
		for (k = 0; k < w; k++, sig->nr_results++)
			if (sig->nr_results < TYPE_MAX_RESULTS)
				types_from_node(ast, imp, ast_field(ast, d, FIELD_type),
						&sig->results[sig->nr_results]);
	}
	return sig;
}

/* The name a type node gives an embedded field: `*pkg.T` -> T. */
static uint32_t embedded_name(const struct ast *ast, uint32_t t)
{
	for (;;) {
		switch (ast_kind(ast, t)) {
		case AST_pointer_type:
		case AST_parenthesized_type:
			t = ast->nodes[t].first;
			continue;
		case AST_generic_type:
			t = ast_field(ast, t, FIELD_type);
			continue;
		case AST_qualified_type:
			return ast_field(ast, t, FIELD_name);
		case AST_type_identifier:
			return t;
		default:
			return AST_NONE;
		}
	}
}

static void read_struct(struct type_decl *d, struct arena *arena, const struct ast *ast,
			const struct imports *imp, uint32_t st)
{
	uint32_t list = AST_NONE, f, c;
	ast_for_each_child(ast, st, c)
		if (ast_kind(ast, c) == AST_field_declaration_list)
			list = c;
	ast_for_each_child(ast, list, f) {
		uint32_t type = ast_field(ast, f, FIELD_type);
		struct type_ref *ref;
		int named = 0;
		size_t len;
		const char *s;
		if (ast_kind(ast, f) != AST_field_declaration || type == AST_NONE)
			continue;
		ref = arena_alloc(arena, sizeof(*ref));
		types_from_node(ast, imp, type, ref);
		ast_for_each_child(ast, f, c)
			if (ast->nodes[c].field == FIELD_name) {
				named = 1;
				s = ast_text(ast, c, &len);
				strmap_put(&d->fields, arena_strndup(arena, s, len), len, ref);
			}
		if (!named) {
			uint32_t n = embedded_name(ast, type);
			if (n == AST_NONE)
				continue;
			s = ast_text(ast, n, &len);
			strmap_put(&d->fields, arena_strndup(arena, s, len), len, ref);
			strmap_put(&d->embedded, arena_strndup(arena, s, len), len, ref);
		}
	}
}

static void read_interface(struct type_decl *d, struct arena *arena, const struct ast *ast,
			   const struct imports *imp, uint32_t it)
{
	uint32_t m;
	d->is_interface = 1;
	ast_for_each_child(ast, it, m) {
		uint32_t name = ast_field(ast, m, FIELD_name);
		size_t len;
		const char *s;
		if (ast_kind(ast, m) != AST_method_elem || name == AST_NONE)
			continue;
		s = ast_text(ast, name, &len);
		strmap_put(&d->methods, arena_strndup(arena, s, len), len, read_sig(arena, ast, imp, m));
	}
}

static void read_type_spec(struct pkg_types *pt, struct arena *arena, const struct ast *ast,
			   const struct imports *imp, uint32_t spec)
{
	uint32_t name = ast_field(ast, spec, FIELD_name), type = ast_field(ast, spec, FIELD_type);
	struct type_decl *d;
	size_t len;
	const char *s;

	if (name == AST_NONE || type == AST_NONE)
		return;
	s = ast_text(ast, name, &len);
	d = decl_for(pt, arena, s, len);
	switch (ast_kind(ast, type)) {
	case AST_struct_type:
		read_struct(d, arena, ast, imp, type);
		break;
	case AST_interface_type:
		read_interface(d, arena, ast, imp, type);
		break;
	default:
		types_from_node(ast, imp, type, &d->underlying);
	}
}

/* The receiver's type name of a method declaration, or AST_NONE. */
static uint32_t receiver_type_name(const struct ast *ast, uint32_t method)
{
	uint32_t recv = ast_field(ast, method, FIELD_receiver), d;
	ast_for_each_child(ast, recv, d)
		if (ast_kind(ast, d) == AST_parameter_declaration)
			return embedded_name(ast, ast_field(ast, d, FIELD_type));
	return AST_NONE;
}

/* True when binary expression i compares identifier-name `name` with nil. */
static int compares_nil(const struct ast *ast, uint32_t i, uint32_t name)
{
	uint32_t l = ast_unparen(ast, ast_field(ast, i, FIELD_left));
	uint32_t r = ast_unparen(ast, ast_field(ast, i, FIELD_right));
	uint32_t op = ast_field(ast, i, FIELD_operator);
	if (!ast_text_is(ast, op, "==") && !ast_text_is(ast, op, "!="))
		return 0;
	return (ast_kind(ast, l) == AST_nil && ast_same_text(ast, r, name)) ||
	       (ast_kind(ast, r) == AST_nil && ast_same_text(ast, l, name));
}

/*
 * Method declaration md can be called on a nil pointer: its receiver is
 * a pointer, and its body never uses the receiver, or begins with an
 * `if` whose condition compares the receiver with nil (`if s == nil`,
 * `if s == nil || s.conn == nil`, `if s != nil { ... }`).
 */
static int method_nil_safe(const struct ast *ast, uint32_t md)
{
	uint32_t recv = ast_field(ast, md, FIELD_receiver), rp = AST_NONE, name, type, body, first, c;
	uint32_t cond, i, end;
	size_t len;
	const char *t;

	ast_for_each_child(ast, recv, c)
		if (ast_kind(ast, c) == AST_parameter_declaration)
			rp = c;
	if (rp == AST_NONE)
		return 0;
	type = ast_field(ast, rp, FIELD_type);
	while (ast_kind(ast, type) == AST_parenthesized_type)
		type = ast->nodes[type].first;
	if (ast_kind(ast, type) != AST_pointer_type)
		return 0;
	name = ast_field(ast, rp, FIELD_name);
	body = ast_func_body(ast, md);
	if (name == AST_NONE || ast_is_blank(ast, name) || body == AST_NONE)
		return 1;
	t = ast_text(ast, name, &len);
	if (!ast_mentions(ast, body, t, len, 1))
		return 1;
	first = AST_NONE;
	ast_for_each_child(ast, body, c)
		if (ast_kind(ast, c) == AST_statement_list) {
			first = ast_child(ast, c, 0);
			break;
		}
	if (ast_kind(ast, first) != AST_if_statement)
		return 0;
	cond = ast_field(ast, first, FIELD_condition);
	if (cond == AST_NONE)
		return 0;
	end = ast_subtree_end(ast, cond);
	for (i = cond; i <= end; i++)
		if (ast->nodes[i].kind == AST_binary_expression && compares_nil(ast, i, name))
			return 1;
	return 0;
}

/* Is var_spec (or const) node n at package level? */
static int package_level(const struct ast *ast, uint32_t n)
{
	uint32_t p = ast->nodes[n].parent;
	if (ast_kind(ast, p) == AST_var_spec_list)
		p = ast->nodes[p].parent;
	return ast_kind(ast, ast->nodes[p].parent) == AST_source_file;
}

void types_collect(struct pkg_types *pt, struct arena *arena, const struct ast *ast,
		   const struct imports *imp)
{
	uint32_t i, c;

	for (i = 0; i < ast->nr; i++) {
		const struct ast_node *n = &ast->nodes[i];
		uint32_t name;
		size_t len;
		const char *s;

		if (n->flags & AST_IN_ERROR)
			continue;
		switch (n->kind) {
		case AST_type_spec:
		case AST_type_alias:
			/* package-level only: a function's local types stay out */
			if (ast_top_func(ast, i) == AST_NONE)
				read_type_spec(pt, arena, ast, imp, i);
			break;
		case AST_function_declaration:
			name = ast_field(ast, i, FIELD_name);
			if (name == AST_NONE)
				break;
			s = ast_text(ast, name, &len);
			strmap_put(&pt->funcs, arena_strndup(arena, s, len), len, read_sig(arena, ast, imp, i));
			break;
		case AST_method_declaration: {
			uint32_t recv = receiver_type_name(ast, i);
			struct type_decl *d;
			struct type_sig *sig;
			name = ast_field(ast, i, FIELD_name);
			if (recv == AST_NONE || name == AST_NONE)
				break;
			s = ast_text(ast, recv, &len);
			d = decl_for(pt, arena, s, len);
			s = ast_text(ast, name, &len);
			sig = read_sig(arena, ast, imp, i);
			sig->nil_safe = method_nil_safe(ast, i);
			strmap_put(&d->methods, arena_strndup(arena, s, len), len, sig);
			break;
		}
		case AST_var_spec: {
			uint32_t type = ast_field(ast, i, FIELD_type);
			struct type_ref *ref;
			if (!package_level(ast, i) || type == AST_NONE)
				break; /* untyped ones wait for types_finish() */
			ref = arena_alloc(arena, sizeof(*ref));
			types_from_node(ast, imp, type, ref);
			ast_for_each_child(ast, i, c)
				if (ast->nodes[c].field == FIELD_name) {
					s = ast_text(ast, c, &len);
					strmap_put(&pt->vars, arena_strndup(arena, s, len), len, ref);
				}
			break;
		}
		default:
			break;
		}
	}
}

void types_finish(struct pkg_types *pt, struct arena *arena, const struct pkg_facts *pf,
		  const struct ast *ast, const struct imports *imp)
{
	struct type_env te = { ast, imp, pf };
	uint32_t i, c;

	for (i = 0; i < ast->nr; i++) {
		uint32_t value;
		int k = 0;
		if (ast->nodes[i].kind != AST_var_spec || (ast->nodes[i].flags & AST_IN_ERROR) ||
		    !package_level(ast, i) || ast_field(ast, i, FIELD_type) != AST_NONE)
			continue;
		value = ast_field(ast, i, FIELD_value);
		ast_for_each_child(ast, i, c) {
			struct type_ref *ref;
			uint32_t v;
			size_t len;
			const char *s;
			if (ast->nodes[c].field != FIELD_name)
				continue;
			ref = arena_alloc(arena, sizeof(*ref));
			v = ast_child(ast, value, (uint32_t)k);
			if (ast_child_count(ast, value) == 1 && k > 0 &&
			    ast_kind(ast, ast_unparen(ast, ast_child(ast, value, 0))) == AST_call_expression)
				types_of_call(&te, ast_unparen(ast, ast_child(ast, value, 0)), k, ref);
			else if (v != AST_NONE)
				types_of_expr(&te, v, ref);
			else
				set_unknown(ref);
			k++;
			s = ast_text(ast, c, &len);
			strmap_put(&pt->vars, arena_strndup(arena, s, len), len, ref);
		}
	}
}

void types_release(struct pkg_types *pt)
{
	size_t i;
	for (i = 0; i < pt->decls.cap; i++) {
		struct type_decl *d;
		if (!pt->decls.slots[i].key)
			continue;
		d = pt->decls.slots[i].value;
		strmap_clear(&d->fields);
		strmap_clear(&d->embedded);
		strmap_clear(&d->methods);
	}
	strmap_clear(&pt->decls);
	strmap_clear(&pt->vars);
	strmap_clear(&pt->funcs);
}

int types_ast_is_external_test(const struct ast *ast)
{
	uint32_t i;
	for (i = 0; i < ast->nr && i < 16; i++)
		if (ast->nodes[i].kind == AST_package_clause) {
			size_t len;
			const char *s = ast_text(ast, ast->nodes[i].first, &len);
			return len > 5 && !memcmp(s + len - 5, "_test", 5);
		}
	return 0;
}

/* The table the file of `te` sees: its package's, or its external test package's. */
static const struct pkg_types *own_types(const struct type_env *te)
{
	return types_ast_is_external_test(te->ast) ? &te->pf->ext_types : &te->pf->types;
}

/* ---------------------------------------------------------------- scopes */

/* The node whose extent is the scope of a name declared by statement s. */
static uint32_t scope_of(const struct ast *ast, uint32_t s)
{
	uint32_t p = ast->nodes[s].parent;
	switch (ast_kind(ast, s)) {
	case AST_range_clause:
		return p; /* the for statement */
	case AST_var_spec:
		if (ast_kind(ast, p) == AST_var_spec_list)
			p = ast->nodes[p].parent;
		return ast->nodes[p].parent; /* around the var declaration */
	default:
		break;
	}
	/* if/switch/for initializers: the whole statement */
	if (ast_kind(ast, p) == AST_for_clause)
		return ast->nodes[p].parent;
	while (ast_kind(ast, p) == AST_labeled_statement)
		p = ast->nodes[p].parent;
	return p;
}

/* True when identifier n is a name that declaration-ish node d declares. */
static int names_in(const struct ast *ast, uint32_t d, uint32_t id, uint32_t *name)
{
	uint32_t list = AST_NONE, c;
	switch (ast_kind(ast, d)) {
	case AST_short_var_declaration:
	case AST_range_clause:
		list = ast_field(ast, d, FIELD_left);
		break;
	case AST_type_switch_statement:
		list = ast_field(ast, d, FIELD_alias);
		break;
	case AST_receive_statement:
		list = ast_field(ast, d, FIELD_left);
		break;
	case AST_var_spec:
	case AST_parameter_declaration:
	case AST_variadic_parameter_declaration:
		ast_for_each_child(ast, d, c)
			if (ast->nodes[c].field == FIELD_name && ast_same_text(ast, c, id)) {
				*name = c;
				return 1;
			}
		return 0;
	default:
		return 0;
	}
	ast_for_each_child(ast, list, c)
		if (ast_kind(ast, c) == AST_identifier && ast_same_text(ast, c, id)) {
			*name = c;
			return 1;
		}
	return 0;
}

/* A receive statement `v := <-ch` (not `v = <-ch`). */
static int receive_declares(const struct ast *ast, uint32_t r)
{
	uint32_t left = ast_field(ast, r, FIELD_left), right = ast_field(ast, r, FIELD_right), i;
	if (left == AST_NONE || right == AST_NONE)
		return 0;
	for (i = ast->nodes[left].end; i + 1 < ast->nodes[right].start; i++)
		if (ast->src[i] == ':' && ast->src[i + 1] == '=')
			return 1;
	return 0;
}

/* The parameter (or receiver, or named result) of function fn named like id. */
static uint32_t param_named(const struct ast *ast, uint32_t fn, uint32_t id)
{
	static const enum ast_field lists[] = { FIELD_receiver, FIELD_parameters, FIELD_result };
	size_t k;
	for (k = 0; k < ARRAY_SIZE(lists); k++) {
		uint32_t l = ast_field(ast, fn, lists[k]), d, name;
		if (ast_kind(ast, l) != AST_parameter_list)
			continue;
		ast_for_each_child(ast, l, d)
			if (names_in(ast, d, id, &name))
				return name;
	}
	return AST_NONE;
}

uint32_t types_local_decl(const struct ast *ast, uint32_t id)
{
	uint32_t fn, use_start = ast->nodes[id].start;

	for (fn = ast_enclosing_func(ast, id); fn != AST_NONE; fn = ast_enclosing_func(ast, fn)) {
		uint32_t body = ast_func_body(ast, fn), i, end, best = AST_NONE, name;
		if (body != AST_NONE) {
			end = ast_subtree_end(ast, body);
			for (i = body; i <= end && ast->nodes[i].start <= use_start; i++) {
				enum ast_kind k = ast->nodes[i].kind;
				int declares = k == AST_short_var_declaration || k == AST_range_clause ||
					       k == AST_var_spec || k == AST_type_switch_statement ||
					       (k == AST_receive_statement && receive_declares(ast, i));
				/*
				 * What does not hold the use can declare a name visible
				 * there only as a statement of a block that holds it: a
				 * block, a case, an if or for (their own scopes), a func
				 * literal is skipped whole, which keeps a lookup from
				 * reading the whole function before the use.
				 */
				/* (by bytes first: the exact walk only for the few that may hold it) */
				if (!(i <= id && ast->nodes[i].start <= use_start &&
				      ast->nodes[id].end <= ast->nodes[i].end && ast_contains(ast, i, id))) {
					if (k == AST_var_declaration || k == AST_var_spec_list)
						continue;
					if (!declares) {
						i = ast_subtree_end(ast, i);
						continue;
					}
				}
				if (!declares)
					continue;
				if (!names_in(ast, i, id, &name))
					continue;
				if (name == id) { /* the use is the declaration itself */
					best = name;
					continue;
				}
				/* visible: in scope, and not in its own declaring statement */
				if (k == AST_type_switch_statement) {
					if (!ast_contains(ast, i, id))
						continue;
				} else if (!ast_contains(ast, scope_of(ast, i), id) ||
					   (ast_contains(ast, i, id) && k != AST_range_clause) ||
					   (k == AST_range_clause &&
					    ast_contains(ast, ast_field(ast, i, FIELD_right), id))) {
					continue;
				}
				best = name;
			}
		}
		if (best != AST_NONE)
			return best;
		if ((name = param_named(ast, fn, id)) != AST_NONE)
			return name;
	}
	return AST_NONE;
}

/* ---------------------------------------------------------------- expressions */

static void expr_type(const struct type_env *te, uint32_t e, struct type_ref *out, int depth);
static void call_type(const struct type_env *te, uint32_t call, int index, struct type_ref *out,
		      int depth);

/* The package facts of t's package: this one for "", another of the tree, or NULL. */
static const struct pkg_facts *facts_of(const struct type_env *te, const struct type_ref *t)
{
	if (!t->pkg_len)
		return te->pf;
	if (!te->pf || !te->pf->resolver.resolve)
		return NULL;
	return te->pf->resolver.resolve(te->pf->resolver.ctx, t->pkg, t->pkg_len);
}

/* A type named in another package's table is qualified by that package. */
static void requalify(struct type_ref *t, const struct type_ref *from)
{
	if (t->kind == TYPE_NAMED && !t->pkg_len && from->pkg_len) {
		memcpy(t->pkg, from->pkg, from->pkg_len);
		t->pkg_len = from->pkg_len;
	}
}

const struct type_decl *types_decl(const struct type_env *te, const struct type_ref *t)
{
	const struct pkg_facts *pf;
	if (t->kind != TYPE_NAMED)
		return NULL;
	pf = facts_of(te, t);
	if (!pf)
		return NULL;
	return strmap_get(pf == te->pf && !t->pkg_len ? &own_types(te)->decls : &pf->types.decls,
			  t->name, t->name_len);
}

/* `type A B`: follow to B (a few steps) when A declares nothing itself. */
static const struct type_decl *decl_followed(const struct type_env *te, struct type_ref *t)
{
	int i;
	for (i = 0; i < 4; i++) {
		const struct type_decl *d = types_decl(te, t);
		struct type_ref next;
		if (!d)
			return NULL;
		if (d->underlying.kind != TYPE_NAMED || d->fields.nr || d->methods.nr)
			return d;
		next = d->underlying;
		requalify(&next, t);
		next.pointer = t->pointer;
		*t = next;
		if (types_is(t, "net/http", "Client") || types_is(t, "net/http", "Transport"))
			return NULL;
	}
	return NULL;
}

/* The type of field `name` of t, through embedded fields. */
static void field_type(const struct type_env *te, const struct type_ref *t, const char *name,
		       size_t len, struct type_ref *out, int depth)
{
	struct type_ref cur = *t;
	const struct type_decl *d = decl_followed(te, &cur);
	const struct type_ref *f;
	size_t i;

	set_unknown(out);
	if (!d || depth > MAX_DEPTH || --lookups_left < 0)
		return;
	if ((f = strmap_get(&d->fields, name, len))) {
		*out = *f;
		requalify(out, &cur);
		return;
	}
	for (i = 0; i < d->embedded.cap; i++) {
		struct type_ref emb;
		if (!d->embedded.slots[i].key)
			continue;
		emb = *(const struct type_ref *)d->embedded.slots[i].value;
		requalify(&emb, &cur);
		field_type(te, &emb, name, len, out, depth + 1);
		if (out->kind != TYPE_UNKNOWN)
			return;
	}
}

static const struct type_sig *method_sig(const struct type_env *te, const struct type_ref *t,
					 const char *name, size_t len, int *embeds_client,
					 struct type_ref *owner, int depth)
{
	struct type_ref cur = *t;
	const struct type_decl *d;
	const struct type_sig *sig;
	size_t i;

	if (depth > MAX_DEPTH || --lookups_left < 0)
		return NULL;
	d = decl_followed(te, &cur);
	if (types_is(&cur, "net/http", "Client")) {
		*embeds_client = 1;
		return NULL;
	}
	if (!d)
		return NULL;
	if ((sig = strmap_get(&d->methods, name, len))) {
		*owner = cur;
		return sig;
	}
	for (i = 0; i < d->embedded.cap; i++) {
		struct type_ref emb;
		if (!d->embedded.slots[i].key)
			continue;
		emb = *(const struct type_ref *)d->embedded.slots[i].value;
		requalify(&emb, &cur);
		if (types_is(&emb, "net/http", "Client")) {
			*embeds_client = 1;
			return NULL;
		}
		if ((sig = method_sig(te, &emb, name, len, embeds_client, owner, depth + 1)))
			return sig;
	}
	return NULL;
}

const struct type_sig *types_method(const struct type_env *te, const struct type_ref *t,
				    const char *name, size_t len, int *embeds_client)
{
	struct type_ref owner;
	*embeds_client = 0;
	lookups_left = LOOKUP_BUDGET;
	return method_sig(te, t, name, len, embeds_client, &owner, 0);
}

/* The type of the name that declaration name node `n` declares. */
static void decl_type(const struct type_env *te, uint32_t n, struct type_ref *out, int depth)
{
	const struct ast *ast = te->ast;
	uint32_t d = ast->nodes[n].parent, right, c;
	int k = 0;

	set_unknown(out);
	if (ast_kind(ast, d) == AST_expression_list)
		d = ast->nodes[d].parent;
	switch (ast_kind(ast, d)) {
	case AST_parameter_declaration:
		types_from_node(ast, te->imp, ast_field(ast, d, FIELD_type), out);
		return;
	case AST_variadic_parameter_declaration:
		set_other(out);
		return;
	case AST_var_spec:
		if (ast_field(ast, d, FIELD_type) != AST_NONE) {
			types_from_node(ast, te->imp, ast_field(ast, d, FIELD_type), out);
			return;
		}
		ast_for_each_child(ast, d, c) {
			if (c == n)
				break;
			if (ast->nodes[c].field == FIELD_name)
				k++;
		}
		right = ast_field(ast, d, FIELD_value);
		break;
	case AST_short_var_declaration:
		ast_for_each_child(ast, ast_field(ast, d, FIELD_left), c) {
			if (c == n)
				break;
			k++;
		}
		right = ast_field(ast, d, FIELD_right);
		break;
	default:
		return; /* range, type switch, receive: the element type is not written here */
	}
	if (right == AST_NONE)
		return;
	if (ast_child_count(ast, right) == 1 && k > 0) {
		uint32_t call = ast_unparen(ast, ast_child(ast, right, 0));
		if (ast_kind(ast, call) == AST_call_expression)
			call_type(te, call, k, out, depth + 1);
		return;
	}
	c = ast_child(ast, right, (uint32_t)k);
	if (c != AST_NONE)
		expr_type(te, c, out, depth + 1);
}

static void ident_type(const struct type_env *te, uint32_t id, struct type_ref *out, int depth)
{
	const struct ast *ast = te->ast;
	uint32_t d = types_local_decl(ast, id);
	const struct type_ref *v;
	size_t len, plen;
	const char *s, *path;

	if (d != AST_NONE) {
		decl_type(te, d, out, depth);
		return;
	}
	s = ast_text(ast, id, &len);
	if (te->pf && (v = strmap_get(&own_types(te)->vars, s, len))) {
		*out = *v;
		return;
	}
	if ((path = imports_path(te->imp, s, len, &plen))) {
		set_ref(out, TYPE_PACKAGE, path, plen, "", 0);
		return;
	}
	if (len == 3 && !memcmp(s, "nil", 3)) {
		set_other(out);
		return;
	}
	set_unknown(out);
}

/* net/http's package-level values. */
static void http_value(const struct ast *ast, uint32_t name, struct type_ref *out)
{
	if (ast_text_is(ast, name, "DefaultClient"))
		set_named(out, "net/http", "Client", 1);
	else if (ast_text_is(ast, name, "DefaultTransport"))
		set_named(out, "net/http", "RoundTripper", 0);
	else if (ast_text_is(ast, name, "NoBody"))
		set_other(out);
	else
		set_unknown(out);
}

static void selector_type(const struct type_env *te, uint32_t e, struct type_ref *out, int depth)
{
	const struct ast *ast = te->ast;
	uint32_t op = ast_field(ast, e, FIELD_operand), field = ast_field(ast, e, FIELD_field);
	struct type_ref base;
	size_t len;
	const char *s;

	set_unknown(out);
	if (op == AST_NONE || field == AST_NONE)
		return;
	expr_type(te, op, &base, depth + 1);
	s = ast_text(ast, field, &len);
	if (base.kind == TYPE_PACKAGE) {
		const struct pkg_facts *other;
		const struct type_ref *v;
		if (base.pkg_len == 8 && !memcmp(base.pkg, "net/http", 8)) {
			http_value(ast, field, out);
			return;
		}
		other = facts_of(te, &base);
		if (other && other != te->pf && (v = strmap_get(&other->types.vars, s, len))) {
			*out = *v;
			requalify(out, &base);
		}
		return;
	}
	if (base.kind == TYPE_NAMED)
		field_type(te, &base, s, len, out, depth + 1);
}

static void expr_type_raw(const struct type_env *te, uint32_t e, struct type_ref *out, int depth);

/*
 * With `import . "net/http"`, an unqualified type name that the package
 * does not declare is net/http's.
 */
static void resolve_dot_import(const struct type_env *te, struct type_ref *t)
{
	if (t->kind != TYPE_NAMED || t->pkg_len || te->imp->is_http || !te->imp->uses_http ||
	    te->imp->http[0] || (te->pf && strmap_get(&own_types(te)->decls, t->name, t->name_len)))
		return;
	memcpy(t->pkg, "net/http", 8);
	t->pkg_len = 8;
}

static void expr_type(const struct type_env *te, uint32_t e, struct type_ref *out, int depth)
{
	expr_type_raw(te, e, out, depth);
	resolve_dot_import(te, out);
}

static void expr_type_raw(const struct type_env *te, uint32_t e, struct type_ref *out, int depth)
{
	const struct ast *ast = te->ast;

	set_unknown(out);
	if (e == AST_NONE || depth > MAX_DEPTH)
		return;
	e = ast_unparen(ast, e);
	switch (ast_kind(ast, e)) {
	case AST_identifier:
		ident_type(te, e, out, depth);
		return;
	case AST_selector_expression:
		selector_type(te, e, out, depth);
		return;
	case AST_unary_expression: {
		uint32_t op = ast_field(ast, e, FIELD_operator);
		expr_type(te, ast_field(ast, e, FIELD_operand), out, depth + 1);
		if (ast_text_is(ast, op, "&"))
			out->pointer = 1;
		else if (ast_text_is(ast, op, "*"))
			out->pointer = 0;
		else
			set_unknown(out); /* <-ch, -x, !x, ^x: not a value of a named type we follow */
		return;
	}
	case AST_composite_literal:
		types_from_node(ast, te->imp, ast_field(ast, e, FIELD_type), out);
		return;
	case AST_type_assertion_expression:
	case AST_type_conversion_expression:
		types_from_node(ast, te->imp, ast_field(ast, e, FIELD_type), out);
		return;
	case AST_call_expression:
		call_type(te, e, 0, out, depth);
		return;
	case AST_func_literal:
	case AST_int_literal:
	case AST_interpreted_string_literal:
	case AST_raw_string_literal:
	case AST_true:
	case AST_false:
	case AST_nil:
	case AST_binary_expression:
		set_other(out);
		return;
	default:
		return;
	}
}

/* net/http's API: the results of its functions and of its types' methods. */
static void http_result(const char *recv, const struct ast *ast, uint32_t name, int index,
			struct type_ref *out)
{
	static const struct {
		const char *recv, *name, *result;
	} table[] = {
		{ "", "Get", "Response" },
		{ "", "Head", "Response" },
		{ "", "Post", "Response" },
		{ "", "PostForm", "Response" },
		{ "", "ReadResponse", "Response" },
		{ "", "NewRequest", "Request" },
		{ "", "NewRequestWithContext", "Request" },
		{ "", "ReadRequest", "Request" },
		{ "Client", "Do", "Response" },
		{ "Client", "Get", "Response" },
		{ "Client", "Head", "Response" },
		{ "Client", "Post", "Response" },
		{ "Client", "PostForm", "Response" },
		{ "Transport", "RoundTrip", "Response" },
		{ "Transport", "Clone", "Transport" },
		{ "RoundTripper", "RoundTrip", "Response" },
		{ "Request", "Clone", "Request" },
		{ "Request", "WithContext", "Request" },
	};
	size_t i;

	set_unknown(out);
	for (i = 0; i < ARRAY_SIZE(table); i++)
		if (!strcmp(table[i].recv, recv) && ast_text_is(ast, name, table[i].name)) {
			if (index == 0)
				set_named(out, "net/http", table[i].result, 1);
			else if (index == 1) {
				set_other(out); /* error */
				out->is_interface = 1;
			}
			return;
		}
}

static void from_sig(const struct type_sig *sig, int index, const struct type_ref *owner,
		     struct type_ref *out)
{
	if (index >= sig->nr_results || index >= TYPE_MAX_RESULTS) {
		set_unknown(out);
		return;
	}
	*out = sig->results[index];
	if (owner)
		requalify(out, owner);
}

static void call_type(const struct type_env *te, uint32_t call, int index, struct type_ref *out,
		      int depth)
{
	const struct ast *ast = te->ast;
	uint32_t f = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	const struct type_sig *sig;
	size_t len;
	const char *s;

	set_unknown(out);
	if (depth > MAX_DEPTH)
		return;
	switch (ast_kind(ast, f)) {
	case AST_identifier: {
		uint32_t d;
		s = ast_text(ast, f, &len);
		if (len == 3 && !memcmp(s, "new", 3) && index == 0) {
			uint32_t args = ast_field(ast, call, FIELD_arguments);
			types_from_node(ast, te->imp, ast_child(ast, args, 0), out);
			if (out->kind == TYPE_NAMED)
				out->pointer = 1;
			return;
		}
		d = types_local_decl(ast, f);
		if (d != AST_NONE || !te->pf)
			return; /* a function value: its signature is not followed */
		if ((sig = strmap_get(&own_types(te)->funcs, s, len))) {
			from_sig(sig, index, NULL, out);
			return;
		}
		if (strmap_get(&own_types(te)->decls, s, len)) { /* a conversion T(x) */
			if (index == 0)
				set_ref(out, TYPE_NAMED, "", 0, s, len);
			return;
		}
		if (te->imp->is_http || (te->imp->uses_http && !te->imp->http[0]))
			http_result("", ast, f, index, out);
		return;
	}
	case AST_selector_expression: {
		uint32_t op = ast_field(ast, f, FIELD_operand), name = ast_field(ast, f, FIELD_field);
		struct type_ref base, owner;
		int embeds_client = 0;
		if (name == AST_NONE)
			return;
		s = ast_text(ast, name, &len);
		expr_type(te, op, &base, depth + 1);
		if (base.kind == TYPE_PACKAGE) {
			const struct pkg_facts *other;
			if (base.pkg_len == 8 && !memcmp(base.pkg, "net/http", 8)) {
				http_result("", ast, name, index, out);
				return;
			}
			other = facts_of(te, &base);
			if (other && other != te->pf && (sig = strmap_get(&other->types.funcs, s, len)))
				from_sig(sig, index, &base, out);
			else if (other && other != te->pf && strmap_get(&other->types.decls, s, len) &&
				 index == 0)
				set_ref(out, TYPE_NAMED, base.pkg, base.pkg_len, s, len);
			return;
		}
		if (base.kind != TYPE_NAMED)
			return;
		if (base.pkg_len == 8 && !memcmp(base.pkg, "net/http", 8)) {
			char recv[TYPE_NAME_MAX];
			snprintf(recv, sizeof(recv), "%.*s", (int)base.name_len, base.name);
			http_result(recv, ast, name, index, out);
			return;
		}
		sig = method_sig(te, &base, s, len, &embeds_client, &owner, depth + 1);
		if (sig)
			from_sig(sig, index, &owner, out);
		else if (embeds_client)
			http_result("Client", ast, name, index, out);
		return;
	}
	default:
		return;
	}
}

int types_method_nil_safe(const struct type_env *te, const struct type_ref *t, const char *name,
			  size_t len)
{
	struct type_ref owner, cur = *t;
	const struct type_sig *sig;
	int embeds_client = 0;

	sig = method_sig(te, t, name, len, &embeds_client, &owner, 0);
	if (!sig)
		return embeds_client ? 0 : -1;
	decl_followed(te, &cur);
	if (owner.pkg_len != cur.pkg_len || owner.name_len != cur.name_len ||
	    memcmp(owner.pkg, cur.pkg, cur.pkg_len) || memcmp(owner.name, cur.name, cur.name_len))
		return 0; /* promoted: reaching the embedded field dereferences the pointer */
	return sig->nil_safe;
}

void types_of_expr(const struct type_env *te, uint32_t e, struct type_ref *out)
{
	lookups_left = LOOKUP_BUDGET;
	expr_type(te, e, out, 0);
}

void types_of_call(const struct type_env *te, uint32_t call, int index, struct type_ref *out)
{
	lookups_left = LOOKUP_BUDGET;
	call_type(te, call, index, out, 0);
}
