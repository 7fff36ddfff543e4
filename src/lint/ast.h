/*
 * ast.h - a compact, read-only syntax tree for one Go file.
 *
 * tree-sitter parses; ast_build() then copies the tree once into a flat
 * array in pre-order (a parent comes before its children, siblings in
 * source order) and the tree-sitter tree is freed. Rules walk plain
 * indices: no TSNode calls on the hot path, parent links for free, and
 * a tree that costs 40 bytes per node.
 *
 * Kept: every named node, and anonymous tokens that fill a field (the
 * operator of a binary, unary or assignment expression). Comments are not
 * nodes: they are listed apart in `comments`, for directives. Node 0 is
 * the source_file. AST_NONE marks "no node".
 *
 * An ast and everything it points to belongs to the worker that built it.
 */
#ifndef PLUMBER_AST_H
#define PLUMBER_AST_H

#include "base/common.h"

#include <tree_sitter/api.h>

#define AST_NONE UINT32_MAX

enum ast_kind {
	AST_OTHER = 0, /* a named node plumber does not look at */
	AST_TOKEN,     /* an anonymous token kept because it fills a field */
	AST_ERROR,     /* tree-sitter's ERROR node */
#define K(name) AST_##name,
#include "ast_kinds.def"
#undef K
	AST_KIND_COUNT
};

enum ast_field {
	FIELD_NONE = 0,
#define F(name) FIELD_##name,
#include "ast_fields.def"
#undef F
	FIELD_COUNT
};

enum {
	AST_IN_ERROR = 1, /* the node is an ERROR node or lies inside one */
	AST_MISSING = 2,  /* inserted by error recovery, not in the source */
};

struct ast_node {
	uint16_t kind;  /* enum ast_kind */
	uint8_t field;  /* enum ast_field: the node's role in its parent */
	uint8_t flags;
	uint32_t parent, first, next; /* AST_NONE when absent */
	uint32_t start, end;          /* byte offsets, end exclusive */
	uint32_t line, col;           /* 1-based; col counts bytes */
	uint32_t end_line, end_col;
};

struct ast_comment {
	uint32_t start, end; /* byte range of the comment text */
	uint32_t line, end_line;
	int own_line; /* nothing but blanks before it on its line */
};

struct ast {
	const char *src;
	size_t len;
	struct ast_node *nodes;
	uint32_t nr, alloc;
	struct ast_comment *comments;
	uint32_t nr_comments, alloc_comments;
	uint32_t max_depth;
	int has_error;
};

/* The Go language, and the names of a kind and of a field (for debugging output and tests). */
const TSLanguage *ast_language(void);
const char *ast_kind_name(enum ast_kind kind);
const char *ast_field_name(enum ast_field field);

/*
 * Convert a parsed tree. `src` must stay alive as long as the ast. Walks
 * iteratively, so any nesting depth is fine here; `max_depth` tells the
 * callers that recurse how deep it goes. Thread safe (one tree per call).
 */
void ast_build(struct ast *ast, TSTree *tree, const char *src, size_t len);

/*
 * Add the top-level nodes of tree, a parse of a later part of the same
 * source (ts_parser_set_included_ranges), after those already built; the
 * root then ends where tree ends. A file parsed in parts this way gives
 * the ast of the whole when each part is a run of whole top-level
 * declarations (the engine checks that no part has a syntax error).
 */
void ast_build_append(struct ast *ast, TSTree *tree);
void ast_release(struct ast *ast);

/* The node at index i. */
static inline const struct ast_node *ast_node(const struct ast *ast, uint32_t i)
{
	return &ast->nodes[i];
}

static inline enum ast_kind ast_kind(const struct ast *ast, uint32_t i)
{
	return i == AST_NONE ? AST_OTHER : (enum ast_kind)ast->nodes[i].kind;
}

/* The source text of node i and its length. */
static inline const char *ast_text(const struct ast *ast, uint32_t i, size_t *len)
{
	*len = ast->nodes[i].end - ast->nodes[i].start;
	return ast->src + ast->nodes[i].start;
}

/* True when node i's text is exactly s. */
int ast_text_is(const struct ast *ast, uint32_t i, const char *s);

/* True when nodes a and b have the same text. */
int ast_same_text(const struct ast *ast, uint32_t a, uint32_t b);

/* True for the blank identifier `_` (whatever kind the grammar gives it there). */
static inline int ast_is_blank(const struct ast *ast, uint32_t i)
{
	return i != AST_NONE && ast->nodes[i].end - ast->nodes[i].start == 1 &&
	       ast->src[ast->nodes[i].start] == '_';
}

/*
 * True when a variable named like identifier `id` is declared inside
 * function fn or a function around it (parameter, result, :=, var, range).
 */
int ast_declared_in(const struct ast *ast, uint32_t fn, uint32_t id);

/*
 * True when identifier `use` still names the variable that statement
 * `decl` (a :=, =, or var) declared or assigned: no :=, var, range clause
 * or if/for/switch initializer in a block nested between decl's block and
 * `use` redeclares the name before it. (In decl's own block a later :=
 * reuses the variable.) `use` must come after `decl`.
 */
int ast_same_variable(const struct ast *ast, uint32_t decl, uint32_t use);

/* The first child filling `field`, or AST_NONE. */
uint32_t ast_field(const struct ast *ast, uint32_t i, enum ast_field field);

/* The n-th child (0-based, counting every kept child), or AST_NONE. */
uint32_t ast_child(const struct ast *ast, uint32_t i, uint32_t n);

/* Number of children. */
uint32_t ast_child_count(const struct ast *ast, uint32_t i);

/* The last node of i's subtree in pre-order (i itself when a leaf). */
uint32_t ast_subtree_end(const struct ast *ast, uint32_t i);

/* True when `inner` is `outer` or lies inside it. */
int ast_contains(const struct ast *ast, uint32_t outer, uint32_t inner);

/* Skip parenthesized_expression wrappers. */
uint32_t ast_unparen(const struct ast *ast, uint32_t i);

/* The nearest function (declaration, method or literal) containing i. */
uint32_t ast_enclosing_func(const struct ast *ast, uint32_t i);

/* The outermost function around node i (a top-level declaration or literal), or AST_NONE. */
uint32_t ast_top_func(const struct ast *ast, uint32_t i);

/* True when function node fn has a name starting with prefix ("Test", "Example"). */
int ast_func_name_starts(const struct ast *ast, uint32_t fn, const char *prefix);

/* The body block of a function node, or AST_NONE (declarations without one). */
uint32_t ast_func_body(const struct ast *ast, uint32_t fn);

/* True for function_declaration, method_declaration and func_literal. */
static inline int ast_is_func(enum ast_kind k)
{
	return k == AST_function_declaration || k == AST_method_declaration ||
	       k == AST_func_literal;
}

/*
 * For a call_expression: when its function is `pkg.Name` (a selector on an
 * identifier), true if pkg and name match (name NULL matches any).
 */
int ast_call_is(const struct ast *ast, uint32_t call, const char *pkg, const char *name);

/* The name called: the identifier, or the field of a selector; else AST_NONE. */
uint32_t ast_call_name(const struct ast *ast, uint32_t call);

/*
 * The root identifier of an expression built from selectors, index
 * expressions, calls' functions, parentheses and derefs (`a.b[i].c()` ->
 * `a`), or AST_NONE.
 */
uint32_t ast_root_ident(const struct ast *ast, uint32_t expr);

/*
 * True when node i, or anything below it, is an identifier whose text is
 * `name` (`len` bytes), not looking inside func literals unless
 * `into_closures`. Field names of selectors (`x.name`) do not count.
 */
int ast_mentions(const struct ast *ast, uint32_t i, const char *name, size_t len,
		 int into_closures);

/* ---- names and values, shared by package facts and rules ---- */

/* The key of keyed element `ke` when it is a plain field name, else AST_NONE. */
uint32_t ast_key_name(const struct ast *ast, uint32_t ke);

/* True when a for statement lies between node `at` and its function fn. */
int ast_in_loop(const struct ast *ast, uint32_t at, uint32_t fn);

/* True when the text of node n equals one of the nr strings in names. */
int ast_text_in(const struct ast *ast, uint32_t n, const char *const *names, size_t nr);

/* True when identifier text of node n starts with `prefix` followed by an upper-case letter or nothing. */
int ast_name_like(const struct ast *ast, uint32_t n, const char *prefix);

/* ast_name_like(), the first letter of `prefix` in either case: "Run" matches runServe too. */
int ast_name_like_any_case(const struct ast *ast, uint32_t n, const char *prefix);

/* The identifier at the root of x, x.f, x.(T), (x), *x, &x; else AST_NONE. */
uint32_t ast_operand_root(const struct ast *ast, uint32_t e);

/* True when the text of node n (AST_NONE: false) contains `word`. */
int ast_text_contains(const struct ast *ast, uint32_t n, const char *word);

/* True when the text of node n (AST_NONE: false) ends with `word`. */
int ast_text_ends_with(const struct ast *ast, uint32_t n, const char *word);

/* The node whose value is e: climb parentheses, & and *, type assertions and conversions of e. */
uint32_t ast_value_top(const struct ast *ast, uint32_t e);

/* Iterate the children of node i in order; no iteration when i is AST_NONE. */
#define ast_for_each_child(ast, i, c) \
	for ((c) = (i) == AST_NONE ? AST_NONE : (ast)->nodes[(i)].first; (c) != AST_NONE; \
	     (c) = (ast)->nodes[(c)].next)

#endif
