/*
 * directives.c - see directives.h.
 */
#include "lint/directives.h"
#include "lint/lint.h"

/* Statements and declarations: what an own-line directive covers. */
static int is_stmt_or_decl(enum ast_kind k)
{
	switch (k) {
	case AST_function_declaration: case AST_method_declaration:
	case AST_var_declaration: case AST_const_declaration: case AST_type_declaration:
	case AST_expression_statement: case AST_short_var_declaration:
	case AST_assignment_statement: case AST_inc_statement: case AST_dec_statement:
	case AST_send_statement: case AST_go_statement: case AST_defer_statement:
	case AST_return_statement: case AST_if_statement: case AST_for_statement:
	case AST_expression_switch_statement: case AST_type_switch_statement:
	case AST_select_statement: case AST_labeled_statement: case AST_break_statement:
	case AST_continue_statement: case AST_goto_statement: case AST_var_spec:
	case AST_keyed_element: case AST_literal_element: case AST_field_declaration:
		return 1;
	default:
		return 0;
	}
}

/* The outermost statement or declaration starting on the first line >= line with code. */
static uint32_t node_starting_at_or_after(const struct ast *ast, uint32_t line)
{
	uint32_t i, best_line = UINT32_MAX, best = AST_NONE;
	for (i = 1; i < ast->nr; i++) {
		const struct ast_node *n = &ast->nodes[i];
		if (n->line < line || n->line > best_line)
			continue;
		if (n->line < best_line && is_stmt_or_decl(n->kind)) {
			best_line = n->line;
			best = i;
		}
	}
	return best;
}

/* The outermost function starting on `line`, or AST_NONE. */
static uint32_t func_starting_on(const struct ast *ast, uint32_t line)
{
	uint32_t i;
	for (i = 1; i < ast->nr; i++)
		if (ast->nodes[i].line == line && ast_is_func(ast->nodes[i].kind))
			return i;
	return AST_NONE;
}

/*
 * Parse a comment's text. Returns 1 for a silencing directive (names set;
 * *names NULL = all), 2 for //bodyclose:handled, 0 otherwise.
 */
static int parse_directive(const char *t, size_t len, const char **names, size_t *names_len,
			   int *ignore_form)
{
	const char *end = t + len, *p;

	if (len < 2 || t[0] != '/' || t[1] != '/')
		return 0;
	t += 2;
	while (t < end && *t == ' ')
		t++;
	*ignore_form = 0;
	if ((size_t)(end - t) >= 6 && !memcmp(t, "nolint", 6)) {
		t += 6;
		if (t == end || *t == ' ' || *t == '\t' || *t == '/') {
			*names = NULL;
			*names_len = 0;
			return 1;
		}
		if (*t != ':')
			return 0;
		t++;
	} else if ((size_t)(end - t) >= 15 && !memcmp(t, "plumber:ignore ", 15)) {
		t += 15;
		while (t < end && *t == ' ')
			t++;
		*ignore_form = 1;
	} else if ((size_t)(end - t) >= 18 && !memcmp(t, "bodyclose:handled", 17) &&
		   (t + 17 == end || t[17] == ' ')) {
		return 2;
	} else if ((size_t)(end - t) == 17 && !memcmp(t, "bodyclose:handled", 17)) {
		return 2;
	} else {
		return 0;
	}
	for (p = t; p < end && *p != ' ' && *p != '\t' && *p != '/'; p++)
		;
	if (p == t)
		return 0;
	*names = t;
	*names_len = (size_t)(p - t);
	return 1;
}

void directives_collect(struct directives *d, const struct ast *ast)
{
	uint32_t i;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < ast->nr_comments; i++) {
		const struct ast_comment *c = &ast->comments[i];
		const char *names = NULL;
		size_t names_len = 0;
		int ignore_form = 0, kind;
		uint32_t node, first = c->line, last = c->line;

		kind = parse_directive(ast->src + c->start, c->end - c->start, &names,
				       &names_len, &ignore_form);
		if (!kind)
			continue;
		if (c->own_line) {
			node = node_starting_at_or_after(ast, c->end_line + 1);
			if (node != AST_NONE) {
				first = ast->nodes[node].line;
				last = ast->nodes[node].end_line;
			}
		} else {
			node = func_starting_on(ast, c->line);
			if (node != AST_NONE)
				last = ast->nodes[node].end_line;
		}
		if (kind == 2) {
			if (node != AST_NONE && ast_is_func(ast->nodes[node].kind)) {
				ALLOC_GROW(d->handled, d->nr_handled + 1, d->alloc_handled);
				d->handled[d->nr_handled++] = node;
			}
			continue;
		}
		ALLOC_GROW(d->ranges, d->nr + 1, d->alloc);
		d->ranges[d->nr].first_line = first;
		d->ranges[d->nr].last_line = last;
		d->ranges[d->nr].names = names;
		d->ranges[d->nr].names_len = names_len;
		d->ranges[d->nr].ignore_form = ignore_form;
		d->nr++;
	}
}

void directives_release(struct directives *d)
{
	free(d->ranges);
	free(d->handled);
	memset(d, 0, sizeof(*d));
}

static int name_matches(const struct rule *rule, const char *name, size_t len, int ignore_form)
{
#define IS(s) (len == strlen(s) && !memcmp(name, (s), len))
	if (IS(rule->id) || IS("all"))
		return 1;
	if (ignore_form)
		return 0;
	return IS("plumber") || (rule->alias && IS(rule->alias));
#undef IS
}

int directives_silence(const struct directives *d, const struct rule *rule, uint32_t line)
{
	size_t i;
	for (i = 0; i < d->nr; i++) {
		const struct directive_range *r = &d->ranges[i];
		const char *p, *end;
		if (line < r->first_line || line > r->last_line)
			continue;
		if (!r->names)
			return 1;
		for (p = r->names, end = p + r->names_len; p < end;) {
			const char *comma = memchr(p, ',', (size_t)(end - p));
			const char *stop = comma ? comma : end;
			if (name_matches(rule, p, (size_t)(stop - p), r->ignore_form))
				return 1;
			p = stop + 1;
		}
	}
	return 0;
}

int directives_handled(const struct directives *d, uint32_t fn)
{
	size_t i;
	for (i = 0; i < d->nr_handled; i++)
		if (d->handled[i] == fn)
			return 1;
	return 0;
}
