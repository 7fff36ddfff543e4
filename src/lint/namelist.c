/*
 * namelist.c - see namelist.h.
 */
#include "lint/namelist.h"
#include "lint/imports.h"
#include "base/options.h"

/* Split entry s into its qualifier (before the last '.' of its last path element) and name. */
static void split(const char *s, const char **qual, size_t *qual_len, const char **name)
{
	const char *slash = strrchr(s, '/'), *dot = strrchr(slash ? slash : s, '.');
	if (!dot) {
		*qual = s;
		*qual_len = 0;
		*name = s;
		return;
	}
	*qual = s;
	*qual_len = (size_t)(dot - s);
	*name = dot + 1;
}

static int ident_start(unsigned char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int ident_char(unsigned char c)
{
	return ident_start(c) || (c >= '0' && c <= '9');
}

/* A byte an import path may hold (Go's module.CheckImportPath, loosely). */
static int path_char(unsigned char c)
{
	return ident_char(c) || c == '-' || c == '.' || c == '~' || c == '+' || c == '/';
}

const char *namelist_check(const char *s)
{
	const char *qual, *name, *p;
	size_t ql, i;

	if (!*s)
		return "an empty name";
	split(s, &qual, &ql, &name);
	if (!ident_start((unsigned char)*name))
		return "the name after the last '.' must be a Go identifier";
	for (p = name; *p; p++)
		if (!ident_char((unsigned char)*p))
			return "the name after the last '.' must be a Go identifier";
	if (name == s)
		return NULL;
	if (!ql || qual[0] == '/' || qual[ql - 1] == '/')
		return "the package before the name must be an import path or its last element";
	for (i = 0; i < ql; i++)
		if (!path_char((unsigned char)qual[i]) || (qual[i] == '/' && qual[i + 1] == '/'))
			return "the package before the name must be an import path or its last element";
	return NULL;
}

/* Import path `path` is `want`, or ends in "/" + want. */
static int path_is(const char *path, size_t len, const char *want, size_t want_len)
{
	if (len == want_len)
		return !memcmp(path, want, len);
	return len > want_len && path[len - want_len - 1] == '/' &&
	       !memcmp(path + len - want_len, want, want_len);
}

static int calls_entry(const char *entry, const struct ast *ast, const struct imports *imp,
		       uint32_t call)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), op;
	const char *qual, *name, *path, *t;
	size_t ql, plen, tl;

	split(entry, &qual, &ql, &name);
	if (!ql) {
		uint32_t n = ast_call_name(ast, call);
		return n != AST_NONE && ast_text_is(ast, n, name);
	}
	if (!imp || ast_kind(ast, fn) != AST_selector_expression ||
	    !ast_text_is(ast, ast_field(ast, fn, FIELD_field), name))
		return 0;
	op = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
	if (ast_kind(ast, op) != AST_identifier)
		return 0;
	t = ast_text(ast, op, &tl);
	path = imports_path(imp, t, tl, &plen);
	return path && path_is(path, plen, qual, ql);
}

int namelist_calls(const struct strvec *names, const struct ast *ast, const struct imports *imp,
		   uint32_t call)
{
	size_t i;
	if (!names || ast_kind(ast, call) != AST_call_expression)
		return 0;
	for (i = 0; i < names->nr; i++)
		if (calls_entry(names->v[i], ast, imp, call))
			return 1;
	return 0;
}

int namelist_has_type(const struct strvec *names, const char *pkg, size_t pkg_len, const char *name,
		      size_t name_len)
{
	size_t i;
	for (i = 0; names && i < names->nr; i++) {
		const char *qual, *n;
		size_t ql;
		split(names->v[i], &qual, &ql, &n);
		if (strlen(n) != name_len || memcmp(n, name, name_len))
			continue;
		if (!ql || path_is(pkg, pkg_len, qual, ql))
			return 1;
	}
	return 0;
}
