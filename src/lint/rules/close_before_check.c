/*
 * close_before_check.c - `x, err := f()` then a defer (or close) that uses
 * x before err is checked: when f fails, x is nil and the call panics
 * (seed C3, the client of 002).
 *
 * Any function returning (T, error) counts: the assignment's last name
 * must look like an error (err, e, or ending in err/Err). The defer uses x
 * when its call goes through x (`defer x.Close()`, `defer x.Body.Close()`),
 * passes a field of x (evaluated at once), or is a function literal whose
 * body goes through x. Statements in between do not matter: the check is a
 * path in the flow graph from the assignment to the defer on which err is
 * never read and x is not assigned again.
 */
#include "lint/lint.h"
#include "lint/flow.h"
#include "lint/nilness.h"

static const char *const needles[] = { "defer", "Close()", NULL };

static int looks_like_error(const struct ast *ast, uint32_t id)
{
	size_t len;
	const char *t;
	if (ast_kind(ast, id) != AST_identifier)
		return 0;
	t = ast_text(ast, id, &len);
	if (len == 1 && t[0] == 'e')
		return 1;
	return len >= 3 && (!memcmp(t + len - 3, "err", 3) || !memcmp(t + len - 3, "Err", 3));
}

/* True when `e` goes through identifier-name v: v.X..., v.X(...) (not v itself). */
static int derefs(const struct ast *ast, uint32_t e, uint32_t v)
{
	e = ast_unparen(ast, e);
	if (ast_kind(ast, e) == AST_call_expression)
		e = ast_unparen(ast, ast_field(ast, e, FIELD_function));
	if (ast_kind(ast, e) != AST_selector_expression)
		return 0;
	return ast_same_text(ast, ast_root_ident(ast, e), v);
}

/* True when the call reaches v's fields (v.Body.Close(), f(v.Body)): a sure nil dereference. */
static int through_field(const struct ast *ast, uint32_t call, uint32_t v)
{
	uint32_t i, end = ast_subtree_end(ast, call);
	for (i = call; i <= end; i++) {
		uint32_t op;
		if (ast->nodes[i].kind != AST_selector_expression)
			continue;
		op = ast_unparen(ast, ast_field(ast, i, FIELD_operand));
		if (ast_kind(ast, op) == AST_selector_expression &&
		    ast_same_text(ast, ast_unparen(ast, ast_field(ast, op, FIELD_operand)), v))
			return 1;
		if (ast_kind(ast, ast->nodes[i].parent) == AST_argument_list && ast_same_text(ast, op, v))
			return 1;
	}
	return 0;
}

/* Does this deferred/direct call use v before it could be checked? */
static int call_uses(const struct ast *ast, uint32_t call, uint32_t v)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), args, a, i, end;

	if (derefs(ast, fn, v))
		return 1;
	args = ast_field(ast, call, FIELD_arguments);
	if (args != AST_NONE)
		ast_for_each_child(ast, args, a)
			if (ast_kind(ast, ast_unparen(ast, a)) == AST_selector_expression && derefs(ast, a, v))
				return 1;
	if (ast_kind(ast, fn) != AST_func_literal)
		return 0;
	/* A deferred literal: any v.X inside its body. */
	end = ast_subtree_end(ast, fn);
	for (i = fn; i <= end; i++)
		if (ast->nodes[i].kind == AST_selector_expression &&
		    ast->nodes[ast_field(ast, i, FIELD_operand)].kind == AST_identifier &&
		    ast_same_text(ast, ast_field(ast, i, FIELD_operand), v))
			return 1;
	return 0;
}

/* True when node `n` compares v with nil somewhere (`v != nil`, `nil == v`). */
static int nil_checks(const struct ast *ast, uint32_t n, uint32_t v)
{
	uint32_t i, end = ast_subtree_end(ast, n);
	for (i = n; i <= end; i++) {
		uint32_t l, r;
		if (ast->nodes[i].kind != AST_binary_expression)
			continue;
		l = ast_unparen(ast, ast_field(ast, i, FIELD_left));
		r = ast_unparen(ast, ast_field(ast, i, FIELD_right));
		if ((ast_kind(ast, l) == AST_nil && ast_same_text(ast, r, v)) ||
		    (ast_kind(ast, r) == AST_nil && ast_same_text(ast, l, v)))
			return 1;
	}
	return 0;
}

/* True when element `e` assigns to a name equal to v's (a range clause too). */
static int assigns(const struct ast *ast, uint32_t e, uint32_t v)
{
	uint32_t left, c;
	enum ast_kind k = ast_kind(ast, e);
	if (k != AST_short_var_declaration && k != AST_assignment_statement && k != AST_range_clause)
		return 0;
	left = ast_field(ast, e, FIELD_left);
	ast_for_each_child(ast, left, c)
		if (ast_kind(ast, c) == AST_identifier && ast_same_text(ast, c, v))
			return 1;
	return 0;
}

struct frame {
	uint32_t block, start;
	int err_live; /* err still holds the call's error on this path */
};

/* True when a call inside node n takes err as an argument. */
static int passes_err(const struct ast *ast, uint32_t n, uint32_t err)
{
	uint32_t i, end = ast_subtree_end(ast, n);
	for (i = n; i <= end; i++)
		if (ast->nodes[i].kind == AST_argument_list &&
		    ast_mentions(ast, i, ast->src + ast->nodes[err].start,
				 ast->nodes[err].end - ast->nodes[err].start, 0))
			return 1;
	return 0;
}

/*
 * A call statement handing err to a function that is not a mere reporter
 * (fatalf(err), check(err), mustBeNil(err)): assume it stops on an error.
 * Reporters go on: fmt.Print*, log.Print*, t.Log*, t.Error*, and anything
 * named Print*, Log*, Error*, Warn*, Info* or Debug*.
 */
static int hands_err_to_handler(const struct ast *ast, uint32_t e, uint32_t err)
{
	static const char *const reporters[] = { "Print", "Fprint", "Sprint", "Log", "Error",
						 "Warn", "Info", "Debug", "print", "println" };
	uint32_t call, name;
	size_t len, i;
	const char *t;

	if (ast_kind(ast, e) != AST_expression_statement)
		return 0;
	call = ast_unparen(ast, ast->nodes[e].first);
	if (ast_kind(ast, call) != AST_call_expression ||
	    !ast_mentions(ast, ast_field(ast, call, FIELD_arguments), ast->src + ast->nodes[err].start,
			  ast->nodes[err].end - ast->nodes[err].start, 0))
		return 0;
	name = ast_call_name(ast, call);
	if (name == AST_NONE)
		return 0;
	t = ast_text(ast, name, &len);
	for (i = 0; i < ARRAY_SIZE(reporters); i++)
		if (len >= strlen(reporters[i]) && !memcmp(t, reporters[i], strlen(reporters[i])))
			return 0;
	return 1;
}

/*
 * Search the graph from just after (blk, idx) for element `target` on a
 * path where neither err == nil nor v != nil has been established: only
 * a branch on `err != nil` / `v != nil` that goes the safe way makes a
 * path safe (logging the error and going on does not). Once err is
 * assigned again, its tests say nothing about the call any more. A
 * reassignment of v ends the path.
 */
static int reaches_unchecked(const struct ast *ast, const struct flow *f, uint32_t blk,
			     uint32_t idx, uint32_t target, uint32_t v, uint32_t err)
{
	uint32_t assign = f->blocks[blk].elems[idx];
	unsigned char *seen = xcalloc(f->nr_blocks, 1);
	struct frame *stack = xcalloc(f->nr_blocks + 1, sizeof(*stack));
	size_t sp = 0;
	int found = 0;

	stack[sp++] = (struct frame){ blk, idx + 1, 1 };
	while (sp && !found) {
		struct frame fr = stack[--sp];
		const struct flow_block *fb = &f->blocks[fr.block];
		uint32_t i, s;
		struct nil_edges ne = { NIL_UNKNOWN, NIL_UNKNOWN };
		int blocked = 0;

		for (i = fr.start; i < fb->nr_elems; i++) {
			uint32_t e = fb->elems[i];
			if (e == target) {
				found = 1;
				break;
			}
			if (assigns(ast, e, v) || (fr.err_live && hands_err_to_handler(ast, e, err))) {
				blocked = 1;
				break;
			}
			/*
			 * err = wrap(err) still carries the call's error, and a := in
			 * another block (an if's initializer) declares a new err.
			 */
			if (assigns(ast, e, err) &&
			    (ast_kind(ast, e) != AST_short_var_declaration ||
			     ast->nodes[e].parent == ast->nodes[assign].parent) &&
			    !ast_mentions(ast, ast_field(ast, e, FIELD_right), ast->src + ast->nodes[err].start,
					  ast->nodes[err].end - ast->nodes[err].start, 0))
				fr.err_live = 0;
		}
		if (found || blocked)
			continue;
		if (fb->cond != AST_NONE) {
			ne = nilness_of(ast, fb->cond, v, err, fr.err_live, assign);
			/* if failed(err) { ... }: a helper judges err; take that as the check */
			if (ne.on_true == NIL_UNKNOWN && ne.on_false == NIL_UNKNOWN && fr.err_live &&
			    passes_err(ast, fb->cond, err))
				continue;
		}
		for (s = 0; s < fb->nr_succ; s++) {
			uint32_t to = fb->succ[s];
			if (fb->cond != AST_NONE && s < 2) {
				int taken_true = s == 0;
				if ((taken_true ? ne.on_true : ne.on_false) == NIL_GOOD)
					continue; /* safe from here on */
			}
			if (seen[to])
				continue;
			seen[to] = 1;
			stack[sp++] = (struct frame){ to, 0, fr.err_live };
		}
	}
	free(seen);
	free(stack);
	return found;
}

/* The candidate x of a defer/close statement `s` whose call is `call`. */
static void check_use(struct rule_ctx *rc, uint32_t s, uint32_t call)
{
	const struct ast *ast = rc->ast;
	uint32_t fn = ast_enclosing_func(ast, s), i, end, sblk, sidx;
	const struct flow *f;

	if (fn == AST_NONE)
		return;
	f = lint_flow(rc, fn);
	if (!flow_locate(f, ast, s, &sblk, &sidx) || f->blocks[sblk].elems[sidx] != s)
		return;
	end = ast_subtree_end(ast, fn);
	for (i = fn + 1; i <= end && ast->nodes[i].start < ast->nodes[s].start; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		uint32_t left, right, last = AST_NONE, c, blk, idx;
		size_t nr = 0;

		if (k == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (k != AST_short_var_declaration && k != AST_assignment_statement)
			continue;
		left = ast_field(ast, i, FIELD_left);
		right = ast_field(ast, i, FIELD_right);
		if (ast_child_count(ast, right) != 1 ||
		    ast_kind(ast, ast_unparen(ast, ast_child(ast, right, 0))) != AST_call_expression)
			continue;
		ast_for_each_child(ast, left, c) {
			last = c;
			nr++;
		}
		if (nr < 2 || !looks_like_error(ast, last))
			continue;
		ast_for_each_child(ast, left, c) {
			if (c == last || ast_kind(ast, c) != AST_identifier || ast_is_blank(ast, c))
				continue;
			if (!call_uses(ast, call, c))
				continue;
			if (ast_mentions(ast, s, ast->src + ast->nodes[last].start,
					 ast->nodes[last].end - ast->nodes[last].start, 1) ||
			    nil_checks(ast, s, c))
				continue; /* the deferred code checks err or x itself */
			if (!flow_locate(f, ast, i, &blk, &idx))
				continue;
			if (reaches_unchecked(ast, f, blk, idx, s, c, last)) {
				size_t vl, el, cl;
				const char *vt = ast_text(ast, c, &vl), *et = ast_text(ast, last, &el);
				uint32_t callee = ast_field(ast, ast_unparen(ast, ast_child(ast, right, 0)), FIELD_function);
				const char *ct = ast_text(ast, callee, &cl);
				char fix[256];
				if (cl > 60)
					cl = 60;
				snprintf(fix, sizeof(fix), "move this below the check: if %.*s != nil { ... }",
					 (int)el, et);
				lint_report(rc, s, fix,
					    "%.*s is used before %.*s is checked: when %.*s fails, %.*s is nil "
					    "and this %s %s; check %.*s first",
					    (int)vl, vt, (int)el, et, (int)cl, ct, (int)vl, vt,
					    ast_kind(ast, s) == AST_defer_statement ? "defer" : "call",
					    through_field(ast, call, c) ? "panics" :
					    "calls a method on nil (a panic for most types)",
					    (int)el, et);
				return;
			}
		}
	}
}

static void check(struct rule_ctx *rc)
{
	const struct ast *ast = rc->ast;
	uint32_t i;

	for (i = 0; i < ast->nr; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		uint32_t call;
		if (k != AST_defer_statement && k != AST_expression_statement)
			continue;
		call = ast_unparen(ast, ast->nodes[i].first);
		if (ast_kind(ast, call) != AST_call_expression)
			continue;
		/* A plain statement counts only when it closes: x.Close(), x.Body.Close(). */
		if (k == AST_expression_statement && !ast_text_is(ast, ast_call_name(ast, call), "Close"))
			continue;
		check_use(rc, i, call);
	}
}

const struct rule rule_close_before_check = {
	.id = "close-before-check",
	.summary = "a value is deferred or closed before the error returned with it is checked",
	.severity = "error",
	.default_on = 1,
	.needles = needles,
	.check = check,
};
