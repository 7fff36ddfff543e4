/*
 * defer_in_loop.c - a defer inside a for loop holds its resource until
 * the function returns, so every iteration adds one more (seed C2: "too
 * many open files").
 *
 * Reported at the defer when it is in a loop body of the same function
 * (a defer inside a function literal belongs to that literal), unless
 * every path from the defer leaves the loop in the same iteration (return,
 * break out of the loop, panic): then at most one is pending.
 */
#include "lint/lint.h"
#include "lint/flow.h"
#include "lint/resource.h"

static const char *const needles[] = { "defer", NULL };

/*
 * True when, from the defer's block, a path reaches the head of one of the
 * loops enclosing it (so another iteration runs with the defer pending).
 */
static int may_iterate_again(const struct flow *f, uint32_t from,
			     const uint32_t *heads, size_t nr_heads)
{
	unsigned char *seen = xcalloc(f->nr_blocks, 1);
	uint32_t *stack = xcalloc(f->nr_blocks + 1, sizeof(*stack));
	size_t sp = 0, i;
	int found = 0;

	stack[sp++] = from;
	seen[from] = 1;
	while (sp && !found) {
		const struct flow_block *b = &f->blocks[stack[--sp]];
		uint32_t s;
		for (s = 0; s < b->nr_succ && !found; s++) {
			uint32_t to = b->succ[s];
			for (i = 0; i < nr_heads; i++)
				if (to == heads[i])
					found = 1;
			if (!seen[to]) {
				seen[to] = 1;
				stack[sp++] = to;
			}
		}
	}
	free(seen);
	free(stack);
	return found;
}

static void check_defer(struct rule_ctx *rc, uint32_t d)
{
	const struct ast *ast = rc->ast;
	uint32_t heads[64], p, child = d, fn = AST_NONE, block, index, call;
	size_t nr_heads = 0;
	const struct flow *f;
	const char *what;
	char fname[128];

	for (p = ast->nodes[d].parent; p != AST_NONE; child = p, p = ast->nodes[p].parent) {
		if (ast_is_func(ast->nodes[p].kind)) {
			fn = p;
			break;
		}
		if (ast->nodes[p].kind == AST_for_statement && ast->nodes[child].field == FIELD_body &&
		    nr_heads < ARRAY_SIZE(heads))
			heads[nr_heads++] = p; /* the loop node for now; its head block below */
	}
	if (!nr_heads || fn == AST_NONE)
		return;
	f = lint_flow(rc, fn);
	if (!flow_locate(f, ast, d, &block, &index))
		return;
	for (p = 0; p < nr_heads; p++)
		heads[p] = flow_loop_head(f, heads[p]);
	if (!may_iterate_again(f, block, heads, nr_heads))
		return;

	call = ast_unparen(ast, ast->nodes[d].first);
	what = ast_kind(ast, call) == AST_call_expression ? resource_released_by(ast, fn, call) : NULL;
	resource_func_name(ast, fn, fname, sizeof(fname));
	if (what && !strcmp(what, "lock"))
		lint_report(rc, d, "unlock at the end of the iteration, or move the loop body into a function",
			    "defer in a loop: the lock is released only when %s returns, "
			    "so the next iteration's Lock blocks", fname);
	else if (what)
		lint_report(rc, d, "close at the end of each iteration (and before every continue), "
			    "or move the loop body into a function so the defer runs per iteration",
			    "defer in a loop: each iteration holds one more %s until %s returns; "
			    "close it at the end of the iteration or move the body into a function",
			    what, fname);
	else
		lint_report(rc, d, "run the call at the end of each iteration, or move the loop body "
			    "into a function so the defer runs per iteration",
			    "defer in a loop: each iteration adds a deferred call that runs only when %s "
			    "returns; run it at the end of the iteration or move the body into a function",
			    fname);
}

static void check(struct rule_ctx *rc)
{
	uint32_t i;
	for (i = 0; i < rc->ast->nr; i++)
		if (rc->ast->nodes[i].kind == AST_defer_statement)
			check_defer(rc, i);
}

const struct rule rule_defer_in_loop = {
	.id = "defer-in-loop",
	.summary = "defer inside a loop holds every iteration's resource until the function returns",
	.severity = "warning",
	.default_on = 1,
	.needles = needles,
	.check = check,
};
