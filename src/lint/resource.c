/*
 * resource.c - see resource.h.
 */
#include "lint/resource.h"

struct known_call {
	const char *pkg;  /* NULL: any receiver */
	const char *name;
	const char *what;
};

static const struct known_call known_calls[] = {
	{ "http", "Get", "response" },
	{ "http", "Head", "response" },
	{ "http", "Post", "response" },
	{ "http", "PostForm", "response" },
	{ "http", "ReadResponse", "response" },
	{ NULL, "Do", "response" },
	{ NULL, "RoundTrip", "response" },
	{ "os", "Open", "file" },
	{ "os", "Create", "file" },
	{ "os", "OpenFile", "file" },
	{ "os", "CreateTemp", "file" },
	{ "ioutil", "TempFile", "file" },
	{ NULL, "Query", "result set (sql.Rows)" },
	{ NULL, "QueryContext", "result set (sql.Rows)" },
	{ "net", "Dial", "connection" },
	{ "net", "DialTimeout", "connection" },
	{ NULL, "DialContext", "connection" },
	{ "net", "Listen", "listener" },
	{ NULL, "Begin", "transaction" },
	{ NULL, "BeginTx", "transaction" },
	{ "time", "NewTicker", "ticker" },
	{ "time", "NewTimer", "timer" },
	{ "context", "WithCancel", "context" },
	{ "context", "WithTimeout", "context" },
	{ "context", "WithDeadline", "context" },
	{ "gzip", "NewReader", "reader" },
	{ "zip", "OpenReader", "file" },
};

const char *resource_of_call(const struct ast *ast, uint32_t call)
{
	uint32_t name = ast_call_name(ast, call);
	size_t i;

	if (name == AST_NONE || ast_kind(ast, call) != AST_call_expression)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(known_calls); i++) {
		const struct known_call *k = &known_calls[i];
		if (k->pkg ? ast_call_is(ast, call, k->pkg, k->name) : ast_text_is(ast, name, k->name))
			return k->what;
	}
	return NULL;
}

/*
 * Where `ident`'s name sits among the names an assignment defines (0-based),
 * or -1. Short declarations and assignments list them in `left`; a var
 * spec repeats its `name` field.
 */
static int name_position(const struct ast *ast, uint32_t assign, uint32_t ident)
{
	enum ast_field names = FIELD_name;
	uint32_t c, list = assign;
	int i = 0;

	if (ast_kind(ast, assign) != AST_var_spec) {
		list = ast_field(ast, assign, FIELD_left);
		names = FIELD_NONE;
		if (list == AST_NONE)
			return -1;
	}
	ast_for_each_child(ast, list, c) {
		if (ast->nodes[c].field != names)
			continue;
		if (ast_kind(ast, c) == AST_identifier && ast_same_text(ast, c, ident))
			return i;
		i++;
	}
	return -1;
}

/* The value assigned to the name at `pos`: the pos-th right expression, or the one call. */
static uint32_t value_at(const struct ast *ast, uint32_t assign, int pos)
{
	uint32_t right = ast_field(ast, assign,
				   ast_kind(ast, assign) == AST_var_spec ? FIELD_value : FIELD_right);
	if (right == AST_NONE)
		return AST_NONE;
	if (ast_child_count(ast, right) == 1)
		return ast_unparen(ast, ast_child(ast, right, 0));
	return ast_unparen(ast, ast_child(ast, right, (uint32_t)pos));
}

uint32_t resource_def_before(const struct ast *ast, uint32_t fn, uint32_t ident,
			     uint32_t before, uint32_t *rhs)
{
	uint32_t i, end = ast_subtree_end(ast, fn), best = AST_NONE;

	*rhs = AST_NONE;
	for (i = fn + 1; i <= end && ast->nodes[i].start < before; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		int pos;

		if (k == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (k != AST_short_var_declaration && k != AST_assignment_statement && k != AST_var_spec)
			continue;
		pos = name_position(ast, i, ident);
		if (pos < 0)
			continue;
		best = i;
		*rhs = value_at(ast, i, pos);
	}
	return best;
}

const char *resource_released_by(const struct ast *ast, uint32_t fn, uint32_t call)
{
	uint32_t f = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	uint32_t name, operand, root, rhs;

	if (ast_kind(ast, f) == AST_func_literal) {
		/* defer func() { ...; f.Close() }(): what its first release releases. */
		uint32_t i, end = ast_subtree_end(ast, f);
		for (i = f + 1; i <= end; i++) {
			const char *what;
			if (ast->nodes[i].kind != AST_call_expression || i == call)
				continue;
			what = resource_released_by(ast, fn, i);
			if (what)
				return what;
		}
		return NULL;
	}

	if (ast_kind(ast, f) == AST_identifier) {
		if (resource_def_before(ast, fn, f, ast->nodes[call].start, &rhs) != AST_NONE &&
		    rhs != AST_NONE && ast_kind(ast, rhs) == AST_call_expression &&
		    ast_call_is(ast, rhs, "context", NULL))
			return "context";
		return NULL;
	}
	if (ast_kind(ast, f) != AST_selector_expression)
		return NULL;
	name = ast_field(ast, f, FIELD_field);
	operand = ast_unparen(ast, ast_field(ast, f, FIELD_operand));
	if (ast_text_is(ast, name, "Unlock") || ast_text_is(ast, name, "RUnlock"))
		return "lock";
	if (ast_kind(ast, operand) == AST_selector_expression &&
	    ast_text_is(ast, ast_field(ast, operand, FIELD_field), "Body"))
		return "response body";
	root = ast_root_ident(ast, operand);
	if (root == AST_NONE || root != operand)
		return NULL;
	if (resource_def_before(ast, fn, root, ast->nodes[call].start, &rhs) == AST_NONE ||
	    rhs == AST_NONE)
		return NULL;
	return resource_of_call(ast, rhs);
}

void resource_func_name(const struct ast *ast, uint32_t fn, char *buf, size_t size)
{
	size_t len;
	const char *t;
	uint32_t name = ast_field(ast, fn, FIELD_name);

	if (ast_kind(ast, fn) == AST_func_literal || name == AST_NONE) {
		snprintf(buf, size, "the enclosing function literal");
		return;
	}
	t = ast_text(ast, name, &len);
	snprintf(buf, size, "%.*s", (int)len, t);
}
