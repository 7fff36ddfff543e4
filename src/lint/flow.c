/*
 * flow.c - see flow.h.
 */
#include "lint/flow.h"
#include "lint/namelist.h"

#define MAX_LABELS 4 /* labels stacked on one statement: A: B: for ... */

/* Where break and continue go, innermost last. */
struct target {
	uint32_t labels[MAX_LABELS]; /* label_name nodes */
	size_t nr_labels;
	uint32_t brk;
	uint32_t cont;  /* UINT32_MAX for switch and select */
};

struct pending_goto {
	uint32_t from, label;
};

struct named_label {
	uint32_t label, block;
};

struct builder {
	const struct ast *ast;
	struct flow *f;
	const struct strvec *no_return; /* the caller's no-return functions, or NULL */
	const struct imports *imp;
	uint32_t cur;
	struct target *targets;
	size_t nr_targets, alloc_targets;
	struct pending_goto *gotos;
	size_t nr_gotos, alloc_gotos;
	struct named_label *labels;
	size_t nr_labels, alloc_labels;
	/* labels of the statement being built, for break/continue L */
	uint32_t next_labels[MAX_LABELS];
	size_t nr_next_labels;
};

static uint32_t new_block(struct builder *b)
{
	struct flow *f = b->f;
	ALLOC_GROW(f->blocks, f->nr_blocks + 1, f->alloc_blocks);
	memset(&f->blocks[f->nr_blocks], 0, sizeof(f->blocks[0]));
	f->blocks[f->nr_blocks].cond = AST_NONE;
	return f->nr_blocks++;
}

static void edge(struct builder *b, uint32_t from, uint32_t to)
{
	struct flow_block *blk = &b->f->blocks[from];
	ALLOC_GROW(blk->succ, blk->nr_succ + 1, blk->alloc_succ);
	blk->succ[blk->nr_succ++] = to;
}

static void add_elem(struct builder *b, uint32_t node)
{
	struct flow *f = b->f;
	struct flow_block *blk = &f->blocks[b->cur];
	if (node == AST_NONE)
		return;
	ALLOC_GROW(blk->elems, blk->nr_elems + 1, blk->alloc_elems);
	blk->elems[blk->nr_elems] = node;
	ALLOC_GROW(f->refs, f->nr_refs + 1, f->alloc_refs);
	f->refs[f->nr_refs].node = node;
	f->refs[f->nr_refs].block = b->cur;
	f->refs[f->nr_refs].index = blk->nr_elems;
	f->nr_refs++;
	blk->nr_elems++;
}

/* End the current block with a jump; what follows is unreachable until a label. */
static void jump(struct builder *b, uint32_t to)
{
	edge(b, b->cur, to);
	b->cur = new_block(b);
}

/* Start a fresh block that the current one falls into. */
static uint32_t fall_into_new(struct builder *b)
{
	uint32_t nb = new_block(b);
	edge(b, b->cur, nb);
	b->cur = nb;
	return nb;
}

/*
 * No-return calls, by name (the graph has no types). The names are those
 * of the standard library, testing and the common loggers; a logger's
 * conditional helpers (FatalIfError, PanicOnError) and assertions that
 * catch panics (assert.Panics) return, so a Fatal or Panic prefix alone
 * is not enough: what follows it must be one of these.
 */
static const char *const fatal_suffixes[] = {
	"", "f", "ln", "w", "Depth", "fDepth", "lnDepth", "Fn", "Usage", "UsageContext", NULL
};

static int name_is(const char *t, size_t len, const char *s)
{
	return len == strlen(s) && !memcmp(t, s, len);
}

/* name is `prefix` followed by one of `suffixes` (NULL-terminated). */
static int name_with_suffix(const char *t, size_t len, const char *prefix,
			    const char *const *suffixes)
{
	size_t n = strlen(prefix), i;
	if (len < n || memcmp(t, prefix, n))
		return 0;
	for (i = 0; suffixes[i]; i++)
		if (name_is(t + n, len - n, suffixes[i]))
			return 1;
	return 0;
}

/* True when identifier-ish node n's text ends with `suffix` (any case of its first letter). */
static int ends_with_word(const struct ast *ast, uint32_t n, const char *lower, const char *upper)
{
	size_t len, k = strlen(lower);
	const char *t = ast_text(ast, n, &len);
	return len >= k && (!memcmp(t + len - k, lower, k) || !memcmp(t + len - k, upper, k));
}

/*
 * A zerolog-style event chain that ends in a process exit or a panic:
 * `log.Fatal().Err(err).Msg("...")`, `.Msgf`, `.Send()`, `.MsgFunc`: the
 * event is sent by the last call, and its level was chosen by a Fatal()
 * or Panic() without arguments somewhere down the chain.
 */
static int event_chain_noreturn(const struct ast *ast, uint32_t call)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	uint32_t name = ast_field(ast, fn, FIELD_field), e;
	size_t len;
	const char *t = ast_text(ast, name, &len);
	int depth = 0;

	if (!name_is(t, len, "Msg") && !name_is(t, len, "Msgf") && !name_is(t, len, "Send") &&
	    !name_is(t, len, "MsgFunc"))
		return 0;
	for (e = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
	     ast_kind(ast, e) == AST_call_expression && depth < 64; depth++) {
		uint32_t f = ast_unparen(ast, ast_field(ast, e, FIELD_function));
		if (ast_kind(ast, f) != AST_selector_expression)
			return 0;
		name = ast_field(ast, f, FIELD_field);
		if ((ast_text_is(ast, name, "Fatal") || ast_text_is(ast, name, "Panic")) &&
		    ast_child_count(ast, ast_field(ast, e, FIELD_arguments)) == 0)
			return 1;
		e = ast_unparen(ast, ast_field(ast, f, FIELD_operand));
	}
	return 0;
}

/*
 * True when `call` never returns: panic(...), os.Exit, syscall.Exit,
 * runtime.Goexit; loggers' Fatal*, Panic* (log, logrus, zap, klog, glog,
 * kingpin) and zerolog's Fatal()/Panic() events; klog's Exit* and
 * FlushAndExit; X.Exit(code) on a logger or with a literal code;
 * t.Fatal*, and t.Skip*, t.FailNow on the receivers testing code uses
 * (t, b, tb, f); require.Fail*. (Helpers of this file: see
 * flow_call_noreturn.)
 */
static int call_noreturn(const struct ast *ast, uint32_t call)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	uint32_t name, recv, args;
	size_t len;
	const char *t;

	if (ast_kind(ast, fn) == AST_identifier)
		return ast_text_is(ast, fn, "panic");
	if (ast_kind(ast, fn) != AST_selector_expression)
		return 0;
	if (ast_call_is(ast, call, "os", "Exit") || ast_call_is(ast, call, "runtime", "Goexit") ||
	    ast_call_is(ast, call, "syscall", "Exit"))
		return 1;
	name = ast_field(ast, fn, FIELD_field);
	recv = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
	args = ast_field(ast, call, FIELD_arguments);
	t = ast_text(ast, name, &len);
	/* log.Fatal*, logger.Fatalf, log.Panic*, klog.FatalDepth: loggers end the process or panic */
	if (name_with_suffix(t, len, "Fatal", fatal_suffixes) ||
	    name_with_suffix(t, len, "Panic", fatal_suffixes))
		return 1;
	if (event_chain_noreturn(ast, call))
		return 1;
	/* klog.Exitf, base.ErrorExit, klog.FlushAndExit */
	if (name_is(t, len, "Exitf") || name_is(t, len, "Exitln") || name_is(t, len, "ExitDepth") ||
	    name_is(t, len, "ErrorExit") || name_is(t, len, "FlushAndExit"))
		return 1;
	/*
	 * X.Exit(...): a logger's (klog.Exit, logger.Exit(1)) or with an exit
	 * code; a walker's or a state machine's Exit(node) returns.
	 */
	if (name_is(t, len, "Exit")) {
		uint32_t a0 = ast_child(ast, args, 0);
		if (ast_kind(ast, a0) == AST_int_literal)
			return 1;
		return ast_kind(ast, recv) == AST_identifier &&
		       (ends_with_word(ast, recv, "log", "Log") ||
			ends_with_word(ast, recv, "logger", "Logger") || ast_text_is(ast, recv, "logrus"));
	}
	/* require.Fail(t, ...), require.FailNow: t.FailNow underneath */
	if (ast_kind(ast, recv) == AST_identifier && ast_text_is(ast, recv, "require") &&
	    (name_is(t, len, "Fail") || name_is(t, len, "Failf") || name_is(t, len, "FailNow") ||
	     name_is(t, len, "FailNowf")))
		return 1;
	/* t.Skip*, t.FailNow: only on the receivers testing code uses */
	if ((len >= 4 && !memcmp(t, "Skip", 4)) || name_is(t, len, "FailNow"))
		return ast_text_is(ast, recv, "t") || ast_text_is(ast, recv, "b") ||
		       ast_text_is(ast, recv, "tb") || ast_text_is(ast, recv, "f");
	return 0;
}

/*
 * Function declaration d never returns: its body ends in a no-return
 * call and has no return statement (func fatalf(...) { fmt.Fprintf(...);
 * os.Exit(1) }). A helper that ends in another helper's call is not
 * followed.
 */
static int func_never_returns(const struct ast *ast, uint32_t d)
{
	uint32_t body = ast_func_body(ast, d), last = AST_NONE, c, i, end, e;

	if (body == AST_NONE)
		return 0;
	ast_for_each_child(ast, body, c)
		if (ast_kind(ast, c) == AST_statement_list)
			ast_for_each_child(ast, c, e)
				last = e;
	if (ast_kind(ast, last) != AST_expression_statement)
		return 0;
	e = ast_unparen(ast, ast->nodes[last].first);
	if (ast_kind(ast, e) != AST_call_expression || !call_noreturn(ast, e))
		return 0;
	end = ast_subtree_end(ast, body);
	for (i = body; i <= end; i++) {
		if (ast_is_func(ast->nodes[i].kind))
			i = ast_subtree_end(ast, i);
		else if (ast->nodes[i].kind == AST_return_statement)
			return 0;
	}
	return 1;
}

/*
 * A function the caller named (b->no_return), call_noreturn, and for a
 * plain `name(...)` that ends its block (if err != nil { fatalf(...) }),
 * a top-level function of this file that never returns. Only calls that end a block are looked up: code after a call
 * that never returns would be dead, and looking up every call would cost
 * a pass over the file's declarations each.
 */
static int flow_call_noreturn(const struct builder *b, uint32_t stmt, uint32_t call)
{
	const struct ast *ast = b->ast;
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), d;

	if (namelist_calls(b->no_return, ast, b->imp, call))
		return 1;
	if (ast_kind(ast, fn) != AST_identifier || ast_text_is(ast, fn, "panic"))
		return call_noreturn(ast, call);
	if (ast->nodes[stmt].next != AST_NONE)
		return 0;
	ast_for_each_child(ast, 0, d)
		if (ast_kind(ast, d) == AST_function_declaration &&
		    ast_same_text(ast, ast_field(ast, d, FIELD_name), fn))
			return func_never_returns(ast, d);
	return 0;
}

static void build_stmt(struct builder *b, uint32_t s);

static void build_list(struct builder *b, uint32_t list)
{
	uint32_t c;
	if (list == AST_NONE)
		return;
	ast_for_each_child(b->ast, list, c)
		build_stmt(b, c);
}

/* The statements of a case clause: its statement_list child, if any. */
static uint32_t case_body(const struct ast *ast, uint32_t clause)
{
	uint32_t c;
	ast_for_each_child(ast, clause, c)
		if (ast_kind(ast, c) == AST_statement_list)
			return c;
	return AST_NONE;
}

static void push_target(struct builder *b, uint32_t brk, uint32_t cont)
{
	struct target *t;
	ALLOC_GROW(b->targets, b->nr_targets + 1, b->alloc_targets);
	t = &b->targets[b->nr_targets++];
	memcpy(t->labels, b->next_labels, sizeof(t->labels));
	t->nr_labels = b->nr_next_labels;
	t->brk = brk;
	t->cont = cont;
	b->nr_next_labels = 0;
}

static void build_for(struct builder *b, uint32_t s)
{
	const struct ast *ast = b->ast;
	struct flow *f = b->f;
	uint32_t clause = AST_NONE, cond = AST_NONE, c, head, body, after, cont;

	ast_for_each_child(ast, s, c) {
		enum ast_kind k = ast_kind(ast, c);
		if (k == AST_for_clause || k == AST_range_clause)
			clause = c;
		else if (ast->nodes[c].field != FIELD_body)
			cond = c;
	}
	if (ast_kind(ast, clause) == AST_for_clause) {
		add_elem(b, ast_field(ast, clause, FIELD_initializer));
		cond = ast_field(ast, clause, FIELD_condition);
	}
	head = fall_into_new(b);
	if (ast_kind(ast, clause) == AST_range_clause)
		add_elem(b, clause);
	else
		add_elem(b, cond);
	body = new_block(b);
	after = new_block(b);
	edge(b, head, body);
	if (cond != AST_NONE || ast_kind(ast, clause) == AST_range_clause) {
		edge(b, head, after);
		if (cond != AST_NONE)
			f->blocks[head].cond = cond;
	}
	cont = head;
	if (ast_kind(ast, clause) == AST_for_clause &&
	    ast_field(ast, clause, FIELD_update) != AST_NONE)
		cont = new_block(b);

	ALLOC_GROW(f->loops, f->nr_loops + 1, f->alloc_loops);
	f->loops[f->nr_loops].node = s;
	f->loops[f->nr_loops].head = head;
	f->nr_loops++;

	push_target(b, after, cont);
	b->cur = body;
	build_stmt(b, ast_field(ast, s, FIELD_body));
	edge(b, b->cur, cont);
	if (cont != head) {
		b->cur = cont;
		add_elem(b, ast_field(ast, clause, FIELD_update));
		edge(b, cont, head);
	}
	b->nr_targets--;
	b->cur = after;
}

/*
 * Cases are tested in order, as Go does: each non-default case is a test
 * block whose true edge enters its body and whose false edge goes to the
 * next test; the last test falls to the default body, or past the switch.
 * A case with one expression is the test's condition: the expression in a
 * tagless switch, `tag == expression` in an expression switch (rules see
 * the case value; flow_case_tag() names the tag).
 */
static void build_switch(struct builder *b, uint32_t s)
{
	const struct ast *ast = b->ast;
	uint32_t c, after, prev_test = AST_NONE, *bodies = NULL, *clauses = NULL;
	size_t nr = 0, alloc = 0, alloc2 = 0, i;
	int tagless, deflt = -1;

	add_elem(b, ast_field(ast, s, FIELD_initializer));
	add_elem(b, ast_field(ast, s, FIELD_alias));
	add_elem(b, ast_field(ast, s, FIELD_value));
	tagless = ast_kind(ast, s) == AST_expression_switch_statement &&
		  ast_field(ast, s, FIELD_value) == AST_NONE;
	after = new_block(b);
	ast_for_each_child(ast, s, c) {
		enum ast_kind k = ast_kind(ast, c);
		if (k != AST_expression_case && k != AST_type_case && k != AST_default_case)
			continue;
		ALLOC_GROW(bodies, nr + 1, alloc);
		ALLOC_GROW(clauses, nr + 1, alloc2);
		clauses[nr] = c;
		bodies[nr] = new_block(b);
		if (k == AST_default_case)
			deflt = (int)nr;
		nr++;
	}
	for (i = 0; i < nr; i++) {
		uint32_t value, test;
		if ((int)i == deflt)
			continue;
		test = prev_test == AST_NONE ? b->cur : new_block(b);
		if (prev_test != AST_NONE)
			edge(b, prev_test, test);
		b->cur = test;
		value = ast_field(ast, clauses[i], ast_kind(ast, clauses[i]) == AST_type_case ?
						   FIELD_type : FIELD_value);
		add_elem(b, value);
		edge(b, test, bodies[i]);
		/*
		 * One expression per case: the test's condition (for a tagged
		 * switch it means `tag == value`, see nilness.c).
		 */
		if ((tagless || ast_kind(ast, s) == AST_expression_switch_statement) &&
		    ast_child_count(ast, value) == 1)
			b->f->blocks[test].cond = ast_child(ast, value, 0);
		prev_test = test;
	}
	edge(b, prev_test == AST_NONE ? b->cur : prev_test, deflt >= 0 ? bodies[deflt] : after);

	push_target(b, after, UINT32_MAX);
	for (i = 0; i < nr; i++) {
		uint32_t list = case_body(ast, clauses[i]), last = AST_NONE, st;
		b->cur = bodies[i];
		build_list(b, list);
		if (list != AST_NONE)
			ast_for_each_child(ast, list, st)
				last = st;
		if (ast_kind(ast, last) == AST_fallthrough_statement && i + 1 < nr)
			edge(b, b->cur, bodies[i + 1]);
		else
			edge(b, b->cur, after);
	}
	b->nr_targets--;
	b->cur = after;
	free(bodies);
	free(clauses);
}

uint32_t flow_case_tag(const struct ast *ast, uint32_t cond)
{
	uint32_t list = ast->nodes[cond].parent, clause, sw;
	if (ast_kind(ast, list) != AST_expression_list)
		return AST_NONE;
	clause = ast->nodes[list].parent;
	if (ast_kind(ast, clause) != AST_expression_case)
		return AST_NONE;
	sw = ast->nodes[clause].parent;
	return ast_field(ast, sw, FIELD_value);
}

static void build_select(struct builder *b, uint32_t s)
{
	const struct ast *ast = b->ast;
	uint32_t c, dispatch = b->cur, after = new_block(b);
	int any = 0;

	push_target(b, after, UINT32_MAX);
	ast_for_each_child(ast, s, c) {
		enum ast_kind k = ast_kind(ast, c);
		uint32_t cb;
		if (k != AST_communication_case && k != AST_default_case)
			continue;
		any = 1;
		cb = new_block(b);
		edge(b, dispatch, cb);
		b->cur = cb;
		add_elem(b, ast_field(ast, c, FIELD_communication));
		build_list(b, case_body(ast, c));
		edge(b, b->cur, after);
	}
	if (!any)
		edge(b, dispatch, b->f->noreturn); /* select {} blocks forever */
	b->nr_targets--;
	b->cur = after;
}

static const struct target *find_target(struct builder *b, uint32_t label, int want_cont)
{
	size_t i = b->nr_targets;
	while (i--) {
		const struct target *t = &b->targets[i];
		size_t k;
		if (want_cont && t->cont == UINT32_MAX)
			continue;
		if (label == AST_NONE)
			return t;
		for (k = 0; k < t->nr_labels; k++)
			if (ast_same_text(b->ast, t->labels[k], label))
				return t;
	}
	return NULL;
}

static void build_stmt(struct builder *b, uint32_t s)
{
	const struct ast *ast = b->ast;
	struct flow *f = b->f;
	uint32_t label = AST_NONE, c;
	const struct target *t;

	switch (ast_kind(ast, s)) {
	case AST_block:
	case AST_statement_list:
		build_list(b, s);
		break;
	case AST_if_statement: {
		uint32_t cond, branch, then_end, alt, join;
		add_elem(b, ast_field(ast, s, FIELD_initializer));
		cond = ast_field(ast, s, FIELD_condition);
		add_elem(b, cond);
		branch = b->cur;
		f->blocks[branch].cond = cond;
		b->cur = new_block(b);
		edge(b, branch, b->cur);
		build_stmt(b, ast_field(ast, s, FIELD_consequence));
		then_end = b->cur;
		alt = ast_field(ast, s, FIELD_alternative);
		if (alt != AST_NONE) {
			b->cur = new_block(b);
			edge(b, branch, b->cur);
			build_stmt(b, alt);
			join = new_block(b);
			edge(b, b->cur, join);
			edge(b, then_end, join);
			b->cur = join;
		} else {
			b->cur = new_block(b);
			edge(b, branch, b->cur);
			edge(b, then_end, b->cur);
		}
		break;
	}
	case AST_for_statement:
		build_for(b, s);
		break;
	case AST_expression_switch_statement:
	case AST_type_switch_statement:
		build_switch(b, s);
		break;
	case AST_select_statement:
		build_select(b, s);
		break;
	case AST_labeled_statement: {
		uint32_t inner = AST_NONE, blk;
		label = ast_field(ast, s, FIELD_label);
		ast_for_each_child(ast, s, c)
			if (c != label)
				inner = c;
		blk = fall_into_new(b);
		ALLOC_GROW(b->labels, b->nr_labels + 1, b->alloc_labels);
		b->labels[b->nr_labels].label = label;
		b->labels[b->nr_labels].block = blk;
		b->nr_labels++;
		if (b->nr_next_labels < MAX_LABELS)
			b->next_labels[b->nr_next_labels++] = label;
		build_stmt(b, inner);
		b->nr_next_labels = 0;
		break;
	}
	case AST_break_statement:
	case AST_continue_statement: {
		int is_cont = ast_kind(ast, s) == AST_continue_statement;
		add_elem(b, s);
		t = find_target(b, ast->nodes[s].first, is_cont);
		if (t)
			jump(b, is_cont ? t->cont : t->brk);
		else
			b->cur = new_block(b); /* malformed: treat as leaving */
		break;
	}
	case AST_goto_statement:
		add_elem(b, s);
		ALLOC_GROW(b->gotos, b->nr_gotos + 1, b->alloc_gotos);
		b->gotos[b->nr_gotos].from = b->cur;
		b->gotos[b->nr_gotos].label = ast->nodes[s].first;
		b->nr_gotos++;
		b->cur = new_block(b);
		break;
	case AST_return_statement:
		add_elem(b, s);
		jump(b, f->exit);
		break;
	case AST_fallthrough_statement:
	case AST_empty_statement:
		break;
	case AST_expression_statement: {
		uint32_t e = ast_unparen(ast, ast->nodes[s].first);
		add_elem(b, s);
		if (ast_kind(ast, e) == AST_call_expression && flow_call_noreturn(b, s, e))
			jump(b, f->noreturn);
		break;
	}
	default:
		/* Simple statements, declarations, and anything unknown (ERROR). */
		add_elem(b, s);
		break;
	}
}

static int cmp_ref(const void *a, const void *b)
{
	const struct flow_elem_ref *x = a, *y = b;
	return x->node < y->node ? -1 : x->node > y->node;
}

struct flow *flow_build(const struct ast *ast, uint32_t fn, const struct strvec *no_return,
			const struct imports *imp)
{
	struct flow *f = xcalloc(1, sizeof(*f));
	struct builder b = { .ast = ast, .f = f, .no_return = no_return, .imp = imp };
	size_t i, j;

	f->fn = fn;
	f->body = ast_func_body(ast, fn);
	f->entry = new_block(&b);
	f->exit = new_block(&b);
	f->noreturn = new_block(&b);
	b.cur = f->entry;
	if (f->body != AST_NONE)
		build_stmt(&b, f->body);
	edge(&b, b.cur, f->exit);

	for (i = 0; i < b.nr_gotos; i++)
		for (j = 0; j < b.nr_labels; j++)
			if (ast_same_text(ast, b.labels[j].label, b.gotos[i].label)) {
				edge(&b, b.gotos[i].from, b.labels[j].block);
				break;
			}
	if (f->nr_refs)
		qsort(f->refs, f->nr_refs, sizeof(*f->refs), cmp_ref);
	free(b.targets);
	free(b.gotos);
	free(b.labels);
	return f;
}

void flow_free(struct flow *f)
{
	uint32_t i;
	if (!f)
		return;
	for (i = 0; i < f->nr_blocks; i++) {
		free(f->blocks[i].elems);
		free(f->blocks[i].succ);
	}
	free(f->blocks);
	free(f->loops);
	free(f->refs);
	free(f);
}

int flow_locate(const struct flow *f, const struct ast *ast, uint32_t node,
		uint32_t *block, uint32_t *index)
{
	for (; node != AST_NONE && node != f->fn; node = ast->nodes[node].parent) {
		size_t lo = 0, hi = f->nr_refs;
		if (ast_is_func(ast->nodes[node].kind))
			return 0; /* inside a nested function literal */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (f->refs[mid].node < node)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < f->nr_refs && f->refs[lo].node == node) {
			*block = f->refs[lo].block;
			*index = f->refs[lo].index;
			return 1;
		}
	}
	return 0;
}

uint32_t flow_loop_head(const struct flow *f, uint32_t for_node)
{
	uint32_t i;
	for (i = 0; i < f->nr_loops; i++)
		if (f->loops[i].node == for_node)
			return f->loops[i].head;
	return UINT32_MAX;
}

void flow_dump(const struct flow *f, const struct ast *ast, FILE *out)
{
	uint32_t i, j;
	for (i = 0; i < f->nr_blocks; i++) {
		const struct flow_block *blk = &f->blocks[i];
		fprintf(out, "  b%u%s:", i, i == f->entry ? " (entry)" : i == f->exit ? " (exit)" :
			i == f->noreturn ? " (noreturn)" : "");
		for (j = 0; j < blk->nr_elems; j++)
			fprintf(out, " %s@%u", ast_kind_name(ast_kind(ast, blk->elems[j])),
				ast->nodes[blk->elems[j]].line);
		fprintf(out, " ->");
		for (j = 0; j < blk->nr_succ; j++)
			fprintf(out, " b%u%s", blk->succ[j],
				blk->cond != AST_NONE ? (j ? "(F)" : "(T)") : "");
		fputc('\n', out);
	}
}
