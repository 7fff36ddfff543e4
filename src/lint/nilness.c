/*
 * nilness.c - see nilness.h.
 */
#include "lint/nilness.h"
#include "lint/flow.h"

static struct nil_edges edges(enum nilness t, enum nilness f)
{
	struct nil_edges e = { t, f };
	return e;
}

/* Both facts must hold at once (a && b is true; a || b is false). */
static enum nilness both(enum nilness a, enum nilness b)
{
	if (a == NIL_KNOWN || b == NIL_KNOWN)
		return NIL_KNOWN;
	return a == NIL_GOOD || b == NIL_GOOD ? NIL_GOOD : NIL_UNKNOWN;
}

/* Either fact may hold (a && b is false; a || b is true): known only if they agree. */
static enum nilness either(enum nilness a, enum nilness b)
{
	return a == b ? a : NIL_UNKNOWN;
}

/*
 * Mention a names variable b: same name, and not redeclared since the
 * statement `assign` that set ours.
 */
static int same_name(const struct ast *ast, uint32_t a, uint32_t b, uint32_t assign)
{
	return a != AST_NONE && b != AST_NONE && ast_kind(ast, a) == AST_identifier &&
	       ast_same_text(ast, a, b) &&
	       (assign == AST_NONE || ast_same_variable(ast, assign, a));
}

static struct nil_edges compare(const struct ast *ast, uint32_t l, uint32_t r, int ne, uint32_t v,
				uint32_t err, int err_live, uint32_t assign);

static struct nil_edges judge(const struct ast *ast, uint32_t cond, uint32_t v, uint32_t err,
			      int err_live, uint32_t assign)
{
	uint32_t op, l, r;
	int ne;

	cond = ast_unparen(ast, cond);
	switch (ast_kind(ast, cond)) {
	case AST_unary_expression: {
		struct nil_edges in;
		if (!ast_text_is(ast, ast_field(ast, cond, FIELD_operator), "!"))
			break;
		in = judge(ast, ast_field(ast, cond, FIELD_operand), v, err, err_live, assign);
		return edges(in.on_false, in.on_true);
	}
	case AST_call_expression:
		/* errors.Is(err, X): err is set when it holds. */
		if (err_live && ast_call_is(ast, cond, "errors", "Is") &&
		    same_name(ast, ast_unparen(ast, ast_child(ast, ast_field(ast, cond, FIELD_arguments), 0)), err, assign))
			return edges(NIL_KNOWN, NIL_UNKNOWN);
		break;
	case AST_binary_expression:
		op = ast_field(ast, cond, FIELD_operator);
		l = ast_field(ast, cond, FIELD_left);
		r = ast_field(ast, cond, FIELD_right);
		if (ast_text_is(ast, op, "&&") || ast_text_is(ast, op, "||")) {
			struct nil_edges a = judge(ast, l, v, err, err_live, assign);
			struct nil_edges b = judge(ast, r, v, err, err_live, assign);
			if (ast_text_is(ast, op, "&&"))
				return edges(both(a.on_true, b.on_true), either(a.on_false, b.on_false));
			return edges(either(a.on_true, b.on_true), both(a.on_false, b.on_false));
		}
		ne = ast_text_is(ast, op, "!=");
		if (!ne && !ast_text_is(ast, op, "=="))
			break;
		return compare(ast, l, r, ne, v, err, err_live, assign);
	default:
		break;
	}
	return edges(NIL_UNKNOWN, NIL_UNKNOWN);
}

/* l == r (or l != r when ne): a nil test of v or err, or err against a sentinel. */
static struct nil_edges compare(const struct ast *ast, uint32_t l, uint32_t r, int ne, uint32_t v,
				uint32_t err, int err_live, uint32_t assign)
{
	uint32_t var;

	l = ast_unparen(ast, l);
	r = ast_unparen(ast, r);
	var = ast_kind(ast, r) == AST_nil ? l : ast_kind(ast, l) == AST_nil ? r : AST_NONE;
	if (var == AST_NONE) {
		/* err == ErrSentinel: a sentinel is not nil. */
		if (err_live && (same_name(ast, l, err, assign) || same_name(ast, r, err, assign)))
			return ne ? edges(NIL_UNKNOWN, NIL_KNOWN) : edges(NIL_KNOWN, NIL_UNKNOWN);
		return edges(NIL_UNKNOWN, NIL_UNKNOWN);
	}
	/* v.Body == nil: as good as a nil v for closing. */
	if (ast_kind(ast, var) == AST_selector_expression &&
	    ast_text_is(ast, ast_field(ast, var, FIELD_field), "Body"))
		var = ast_unparen(ast, ast_field(ast, var, FIELD_operand));
	if (err_live && same_name(ast, var, err, assign))
		return ne ? edges(NIL_KNOWN, NIL_GOOD) : edges(NIL_GOOD, NIL_KNOWN);
	if (same_name(ast, var, v, assign))
		return ne ? edges(NIL_GOOD, NIL_KNOWN) : edges(NIL_KNOWN, NIL_GOOD);
	return edges(NIL_UNKNOWN, NIL_UNKNOWN);
}

struct nil_edges nilness_of(const struct ast *ast, uint32_t cond, uint32_t v, uint32_t err,
			    int err_live, uint32_t assign)
{
	uint32_t tag = flow_case_tag(ast, cond);
	if (tag != AST_NONE) /* switch tag { case cond: } */
		return compare(ast, tag, cond, 0, v, err, err_live, assign);
	return judge(ast, cond, v, err, err_live, assign);
}
