/*
 * imports.c - see imports.h.
 */
#include "lint/imports.h"

void imports_collect(struct imports *imp, const struct ast *ast, int in_net_http)
{
	uint32_t i;

	memset(imp, 0, sizeof(*imp));
	for (i = 0; i < ast->nr; i++) {
		const struct ast_node *n = &ast->nodes[i];
		uint32_t path, name;
		const char *p, *slash;
		size_t plen;
		struct import_entry *e;

		if (n->kind == AST_function_declaration || n->kind == AST_method_declaration)
			break; /* imports come first */
		/*
		 * net/http's own files (not its external tests, package
		 * http_test) use its names unqualified. Another package
		 * named http is any package: it imports net/http as "http".
		 */
		if (n->kind == AST_package_clause && in_net_http &&
		    ast_text_is(ast, n->first, "http")) {
			imp->is_http = 1;
			continue;
		}
		if (n->kind != AST_import_spec)
			continue;
		path = ast_field(ast, i, FIELD_path);
		name = ast_field(ast, i, FIELD_name);
		if (path == AST_NONE)
			continue;
		p = ast_text(ast, path, &plen);
		if (plen < 2)
			continue;
		p++; /* strip the quotes */
		plen -= 2;
		ALLOC_GROW(imp->v, imp->nr + 1, imp->alloc);
		e = &imp->v[imp->nr++];
		e->path = p;
		e->path_len = plen;
		if (name != AST_NONE) {
			e->name = ast_text(ast, name, &e->name_len);
		} else {
			/* The package name is the last path element (a good guess without go.mod). */
			slash = p + plen;
			while (slash > p && slash[-1] != '/')
				slash--;
			e->name = slash;
			e->name_len = (size_t)(p + plen - slash);
		}
		if (plen == 8 && !memcmp(p, "net/http", 8) && !imp->is_http &&
		    !(e->name_len == 1 && e->name[0] == '_')) {
			imp->uses_http = 1;
			if (e->name_len == 1 && e->name[0] == '.')
				imp->http[0] = '\0';
			else
				snprintf(imp->http, sizeof(imp->http), "%.*s", (int)e->name_len, e->name);
		}
	}
	if (imp->is_http) {
		imp->uses_http = 1; /* its names are unqualified */
		imp->http[0] = '\0';
	}
}

void imports_release(struct imports *imp)
{
	free(imp->v);
	memset(imp, 0, sizeof(*imp));
}

const char *imports_path(const struct imports *imp, const char *name, size_t len, size_t *plen)
{
	size_t i;
	for (i = 0; i < imp->nr; i++)
		if (imp->v[i].name_len == len && !memcmp(imp->v[i].name, name, len)) {
			*plen = imp->v[i].path_len;
			return imp->v[i].path;
		}
	return NULL;
}

int imports_is_http(const struct imports *imp, const struct ast *ast, uint32_t id)
{
	if (ast_kind(ast, id) != AST_identifier && ast_kind(ast, id) != AST_package_identifier)
		return 0;
	/* A file that does not import net/http may still get its types from a sibling. */
	return ast_text_is(ast, id, imp->uses_http ? imp->http : "http");
}

int imports_http_type(const struct ast *ast, uint32_t n, const char *hn, const char *type)
{
	if (!*hn)
		return ast_kind(ast, n) == AST_type_identifier && ast_text_is(ast, n, type);
	return ast_kind(ast, n) == AST_qualified_type &&
	       ast_text_is(ast, ast_field(ast, n, FIELD_package), hn) &&
	       ast_text_is(ast, ast_field(ast, n, FIELD_name), type);
}

int imports_http_value(const struct ast *ast, uint32_t n, const char *hn, const char *value)
{
	n = ast_unparen(ast, n);
	if (!*hn)
		return ast_kind(ast, n) == AST_identifier && ast_text_is(ast, n, value);
	return ast_kind(ast, n) == AST_selector_expression &&
	       ast_text_is(ast, ast_field(ast, n, FIELD_operand), hn) &&
	       ast_text_is(ast, ast_field(ast, n, FIELD_field), value);
}

int imports_calls(const struct ast *ast, uint32_t call, const char *pkg, const char *name)
{
	uint32_t fn;
	if (ast_kind(ast, call) != AST_call_expression)
		return 0;
	if (*pkg)
		return ast_call_is(ast, call, pkg, name);
	fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	return ast_kind(ast, fn) == AST_identifier && ast_text_is(ast, fn, name);
}

