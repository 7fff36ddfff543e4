/*
 * defer_in_loop.c - a defer inside a for loop runs when the function
 * returns, not when the iteration ends: when it releases something the
 * iteration acquired, every iteration holds one more until then (seed C2:
 * "too many open files"), and a mutex locked per iteration deadlocks.
 *
 * Reported at the defer when all of these hold:
 *
 *  - it releases something (resource_release_of): x.Close(), a response's
 *    Body.Close(), cancel(), mu.Unlock(), span.End(), a close helper, a
 *    literal that does one of these. Other deferred calls (wg.Done(),
 *    os.Remove(p), config.apply(tc)) are left alone: a pending call is
 *    not a held resource;
 *  - what it releases was acquired in the loop, before the defer: assigned
 *    from a call there or received from a channel, or, for an Unlock,
 *    Locked there;
 *  - it is the same lock every iteration, for a lock: t.locks[i].Lock(),
 *    parent.mu.Lock() with a loop variable, locker.Lock(key) take a
 *    different lock each time, and holding them together is the point;
 *  - it is not kept on purpose past the iteration: appended to or stored
 *    (itself or a wrapper over it) in something used after the loop, sent
 *    on a channel, handed to a goroutine (a context's cancel goes with its
 *    context), its channel waited on by later iterations (a timer's C), or
 *    used by the deferred literal for more than its release;
 *  - the deferred literal does not release only on failure (a rollback:
 *    if err != nil { l.Close() }), and the defer is not in a block that
 *    runs once (if !locked { ...; locked = true });
 *  - the control-flow graph has a path from the defer back to itself (a
 *    next iteration) on which nothing releases it explicitly: a loop that
 *    always returns or breaks after the defer runs it once, and
 *    `w.Close(); closed = true` on the way to the next iteration makes
 *    the deferred close a safety net.
 *
 * A defer inside a function literal belongs to that literal (go func() {
 * defer ... }() and func() { defer ... }() are the fix, not the bug).
 */
#include "lint/lint.h"
#include "lint/flow.h"
#include "lint/resource.h"

static const char *const needles[] = { "defer", NULL };

/* One defer being judged. */
struct site {
	const struct ast *ast;
	const struct flow *flow;
	uint32_t fn;    /* the function the defer belongs to */
	uint32_t defer; /* the defer statement */
	uint32_t loop;  /* the outermost for statement around it in fn */
	struct resource_release rel;
	uint32_t alias; /* for `cleanup := func() { r.Close() }; defer cleanup()`: cleanup (rel is r's) */
};

static int in_fn(const struct site *s, uint32_t n)
{
	return ast_enclosing_func(s->ast, n) == s->fn;
}

/* ---- names bound in a stretch of code --------------------------------- */

/* Does a parameter declaration or var spec n name id? */
static int declares_param(const struct ast *ast, uint32_t n, uint32_t id)
{
	uint32_t c;
	ast_for_each_child(ast, n, c)
		if (ast->nodes[c].field == FIELD_name && ast_same_text(ast, c, id))
			return 1;
	return 0;
}

/* Does statement n declare (:=, var, range, a receive) a name like id's? */
static int declares(const struct ast *ast, uint32_t n, uint32_t id)
{
	uint32_t c, list;

	switch (ast_kind(ast, n)) {
	case AST_short_var_declaration:
	case AST_range_clause:
	case AST_receive_statement:
		list = ast_field(ast, n, FIELD_left);
		ast_for_each_child(ast, list, c)
			if (ast_kind(ast, c) == AST_identifier && ast_same_text(ast, c, id))
				return 1;
		return 0;
	case AST_var_spec:
		return declares_param(ast, n, id);
	default:
		return 0;
	}
}

/* Does statement n declare or assign a name like id's (also i++)? */
static int binds(const struct ast *ast, uint32_t n, uint32_t id)
{
	uint32_t c, list;

	switch (ast_kind(ast, n)) {
	case AST_assignment_statement:
		list = ast_field(ast, n, FIELD_left);
		ast_for_each_child(ast, list, c)
			if (ast_kind(ast, c) == AST_identifier && ast_same_text(ast, c, id))
				return 1;
		return 0;
	case AST_inc_statement:
	case AST_dec_statement:
		c = ast_unparen(ast, ast->nodes[n].first);
		return ast_kind(ast, c) == AST_identifier && ast_same_text(ast, c, id);
	default:
		return declares(ast, n, id);
	}
}

/* Is a name like id's declared (or, with assign, also assigned) in scope, in fn? */
static int bound_in(const struct site *s, uint32_t scope, uint32_t id, int assign)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, scope);

	for (i = scope; i <= end; i++) {
		if (ast->nodes[i].kind == AST_func_literal && i != s->fn) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (assign ? binds(ast, i, id) : declares(ast, i, id))
			return 1;
	}
	return 0;
}

/* Does expression e name something that changes from one iteration to the next? */
static int varies(const struct site *s, uint32_t e)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, e);

	for (i = e; i <= end; i++)
		if (ast->nodes[i].kind == AST_identifier && bound_in(s, s->loop, i, 1))
			return 1;
	return 0;
}

/* Is a name like id's mentioned after the loop, in fn? */
static int used_after_loop(const struct site *s, uint32_t id)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, s->fn);

	for (i = ast_subtree_end(ast, s->loop) + 1; i <= end; i++)
		if (ast->nodes[i].kind == AST_identifier && ast_same_text(ast, i, id))
			return 1;
	return 0;
}

/* ---- the acquisition ---------------------------------------------------- */

/* The value an assignment gives its pos-th name: the pos-th right side, or the one call. */
static uint32_t value_for(const struct ast *ast, uint32_t assign, uint32_t pos)
{
	uint32_t right = ast_field(ast, assign,
				   ast_kind(ast, assign) == AST_var_spec ? FIELD_value : FIELD_right);
	if (right == AST_NONE)
		return AST_NONE;
	if (ast_child_count(ast, right) == 1)
		return ast_unparen(ast, ast_child(ast, right, 0));
	return ast_unparen(ast, ast_child(ast, right, pos));
}

/* Is expression e, in fn, a channel by its declaration (chan T parameter or var, make(chan T))? */
static int is_channel(const struct site *s, uint32_t e)
{
	const struct ast *ast = s->ast;
	uint32_t f, i, end, c;

	e = ast_unparen(ast, e);
	if (ast_kind(ast, e) != AST_identifier)
		return 0;
	for (f = s->fn; f != AST_NONE; f = ast_enclosing_func(ast, f)) {
		end = ast_subtree_end(ast, f);
		for (i = f; i <= end; i++) {
			enum ast_kind k = ast->nodes[i].kind;
			if ((k == AST_parameter_declaration || k == AST_var_spec) && declares_param(ast, i, e) &&
			    ast_kind(ast, ast_field(ast, i, FIELD_type)) == AST_channel_type)
				return 1;
			if (k == AST_short_var_declaration && declares(ast, i, e)) {
				ast_for_each_child(ast, ast_field(ast, i, FIELD_right), c) {
					uint32_t v = ast_unparen(ast, c);
					if (ast_kind(ast, v) == AST_call_expression &&
					    ast_text_is(ast, ast_field(ast, v, FIELD_function), "make") &&
					    ast_kind(ast, ast_child(ast, ast_field(ast, v, FIELD_arguments), 0)) ==
						    AST_channel_type)
						return 1;
				}
			}
		}
	}
	return 0;
}

/*
 * The last statement in the loop, before the defer, that gives `target`
 * (an expression, matched by text) a value; *rhs the value. Assignments in
 * function literals of the loop count (a closure run for the iteration
 * fills it); their := and var declare other variables. A value received
 * from a channel is acquired too (`c := <-conns`, `case c := <-conns:`,
 * `for c := range conns` over a chan): *rhs is the receive, or for the
 * range the channel.
 */
static uint32_t find_def(const struct site *s, uint32_t target, uint32_t *rhs)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, s->loop), best = AST_NONE;
	uint32_t before = ast->nodes[s->defer].start;

	*rhs = AST_NONE;
	for (i = s->loop; i <= end && ast->nodes[i].start < before; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		uint32_t c, list = i, pos = 0;
		enum ast_field names = FIELD_NONE;

		if (k != AST_short_var_declaration && k != AST_assignment_statement && k != AST_var_spec &&
		    k != AST_receive_statement && k != AST_range_clause)
			continue;
		if (k != AST_assignment_statement && !in_fn(s, i))
			continue;
		if (k == AST_range_clause && !is_channel(s, ast_field(ast, i, FIELD_right)))
			continue;
		if (k == AST_var_spec)
			names = FIELD_name;
		else
			list = ast_field(ast, i, FIELD_left);
		ast_for_each_child(ast, list, c) {
			if (ast->nodes[c].field != names)
				continue;
			if (ast_same_text(ast, ast_unparen(ast, c), target)) {
				best = i;
				if (k == AST_receive_statement || k == AST_range_clause)
					*rhs = ast_unparen(ast, ast_field(ast, i, FIELD_right));
				else
					*rhs = value_for(ast, i, pos);
				break;
			}
			pos++;
		}
	}
	return best;
}

/* Does def (from find_def) acquire: a call, a receive, a range over a channel? */
static int acquires(const struct ast *ast, uint32_t def, uint32_t rhs)
{
	if (ast_kind(ast, def) == AST_range_clause)
		return 1;
	if (ast_kind(ast, rhs) == AST_unary_expression)
		return ast_text_is(ast, ast_field(ast, rhs, FIELD_operator), "<-");
	return ast_kind(ast, rhs) == AST_call_expression;
}

/* The target's Lock (or RLock) call in the loop before the defer, or AST_NONE. */
static uint32_t find_lock(const struct site *s, const char *method)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, s->loop), before = ast->nodes[s->defer].start;

	for (i = s->loop; i <= end && ast->nodes[i].start < before; i++) {
		uint32_t f;
		if (ast->nodes[i].kind != AST_call_expression || !in_fn(s, i))
			continue;
		f = ast_unparen(ast, ast_field(ast, i, FIELD_function));
		if (ast_kind(ast, f) == AST_selector_expression &&
		    ast_text_is(ast, ast_field(ast, f, FIELD_field), method) &&
		    ast_same_text(ast, ast_unparen(ast, ast_field(ast, f, FIELD_operand)), s->rel.target))
			return i;
	}
	return AST_NONE;
}

/* ---- kept on purpose ---------------------------------------------------- */

/*
 * Is expression e the value named like id, or something holding it: &x,
 * a composite literal, a constructor or wrapper given it (New..., Wrap...)?
 */
static int holds(const struct ast *ast, uint32_t e, uint32_t id)
{
	uint32_t c, v;

	e = ast_unparen(ast, e);
	switch (ast_kind(ast, e)) {
	case AST_unary_expression:
		return ast_text_is(ast, ast_field(ast, e, FIELD_operator), "&") &&
		       holds(ast, ast_field(ast, e, FIELD_operand), id);
	case AST_composite_literal:
		return holds(ast, ast_field(ast, e, FIELD_body), id);
	case AST_literal_value:
		ast_for_each_child(ast, e, c) {
			v = ast_kind(ast, c) == AST_keyed_element ? ast_field(ast, c, FIELD_value) : c;
			if (ast_kind(ast, v) == AST_literal_element)
				v = ast->nodes[v].first;
			if (v != AST_NONE && holds(ast, v, id))
				return 1;
		}
		return 0;
	case AST_call_expression: {
		/* bufio.NewReader(f), newMetaReader(r), wrap(conn): a wrapper keeps what it wraps */
		uint32_t name = ast_call_name(ast, e);
		size_t len;
		const char *t;
		if (name == AST_NONE)
			return 0;
		t = ast_text(ast, name, &len);
		if (!(len >= 3 && (!memcmp(t, "New", 3) || !memcmp(t, "new", 3))) &&
		    !(len >= 4 && (!memcmp(t, "Wrap", 4) || !memcmp(t, "wrap", 4))))
			return 0;
		ast_for_each_child(ast, ast_field(ast, e, FIELD_arguments), c)
			if (holds(ast, c, id))
				return 1;
		return 0;
	}
	default:
		return ast_same_text(ast, e, id);
	}
}

/*
 * Does storing into `dst` (a variable, a field, a map or slice element)
 * keep the value past the iteration? Something declared in the loop dies
 * with the iteration; a field, a package variable or a parameter's
 * contents outlive the call; a local from before the loop counts when it
 * is used after the loop.
 */
static int outlives_iteration(const struct site *s, uint32_t dst)
{
	uint32_t root = ast_root_ident(s->ast, ast_unparen(s->ast, dst));

	if (root == AST_NONE || bound_in(s, s->loop, root, 0))
		return 0;
	if (!bound_in(s, ast_func_body(s->ast, s->fn), root, 0))
		return 1;
	return used_after_loop(s, root);
}

/* Is a variable like id received from (<-v, also in a select case) in the loop? */
static int received_in_loop(const struct site *s, uint32_t id)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, s->loop);

	for (i = s->loop; i <= end; i++)
		if (ast->nodes[i].kind == AST_unary_expression &&
		    ast_text_is(ast, ast_field(ast, i, FIELD_operator), "<-") &&
		    ast_same_text(ast, ast_unparen(ast, ast_field(ast, i, FIELD_operand)), id))
			return 1;
	return 0;
}

/* Does assignment a keep the value named like id: stored, or its channel field waited on? */
static int assignment_keeps(const struct site *s, uint32_t a, uint32_t id)
{
	const struct ast *ast = s->ast;
	uint32_t left = ast_field(ast, a, FIELD_left), right = ast_field(ast, a, FIELD_right);
	uint32_t n = ast_child_count(ast, left), i;

	if (n != ast_child_count(ast, right))
		return 0;
	for (i = 0; i < n; i++) {
		uint32_t l = ast_unparen(ast, ast_child(ast, left, i));
		uint32_t r = ast_unparen(ast, ast_child(ast, right, i));
		if (holds(ast, r, id) && outlives_iteration(s, l))
			return 1;
		/* respHeaderTimer = timer.C, then `case <-respHeaderTimer:` */
		if (ast_kind(ast, r) == AST_selector_expression && ast_kind(ast, l) == AST_identifier &&
		    ast_same_text(ast, ast_unparen(ast, ast_field(ast, r, FIELD_operand)), id) &&
		    !bound_in(s, s->loop, l, 0) && received_in_loop(s, l))
			return 1;
	}
	return 0;
}

/* Is the value named like id kept past the iteration on purpose? */
static int kept_name(const struct site *s, uint32_t id)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, s->loop), c;
	size_t len;
	const char *t = ast_text(ast, id, &len);

	for (i = s->loop; i <= end; i++) {
		switch (ast->nodes[i].kind) {
		case AST_go_statement:
			/* a goroutine started here uses it after the iteration */
			if (ast_mentions(ast, i, t, len, 1))
				return 1;
			i = ast_subtree_end(ast, i);
			break;
		case AST_func_literal:
			i = ast_subtree_end(ast, i);
			break;
		case AST_call_expression: {
			uint32_t args = ast_field(ast, i, FIELD_arguments), first;
			if (!ast_text_is(ast, ast_unparen(ast, ast_field(ast, i, FIELD_function)), "append"))
				break;
			first = ast_child(ast, args, 0);
			ast_for_each_child(ast, args, c)
				if (c != first && holds(ast, c, id) && outlives_iteration(s, first))
					return 1;
			break;
		}
		case AST_assignment_statement:
			if (assignment_keeps(s, i, id))
				return 1;
			break;
		case AST_send_statement:
			if (holds(ast, ast_field(ast, i, FIELD_value), id))
				return 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

/*
 * Kept on purpose: the released value itself, or, for a cancel function,
 * what came with it (`ctx, cancel := context.WithCancel(...)`, then
 * `go worker(ctx)`: the cancel at the return is how the workers stop).
 */
static int kept(const struct site *s, uint32_t def)
{
	const struct ast *ast = s->ast;
	uint32_t list, c;

	if (kept_name(s, s->rel.target))
		return 1;
	/* conns[i], err = dial(...): it lives in a slice, map or struct from outside the loop */
	if (ast_kind(ast, s->rel.target) != AST_identifier && outlives_iteration(s, s->rel.target))
		return 1;
	if (s->rel.kind != RELEASE_FUNC || ast_kind(ast, def) == AST_var_spec)
		return 0;
	list = ast_field(ast, def, FIELD_left);
	ast_for_each_child(ast, list, c)
		if (ast_kind(ast, c) == AST_identifier && !ast_same_text(ast, c, s->rel.target) &&
		    !ast_is_blank(ast, c) && !ast_text_is(ast, c, "err") && kept_name(s, c))
			return 1;
	return 0;
}

/* ---- deferred work that is not an accumulation ------------------------- */

/* Is n an identifier or selector naming an error (err, retErr, s.err)? */
static int names_error(const struct ast *ast, uint32_t n)
{
	size_t len, i;
	const char *t;

	n = ast_unparen(ast, n);
	if (ast_kind(ast, n) == AST_selector_expression)
		n = ast_field(ast, n, FIELD_field);
	if (ast_kind(ast, n) != AST_identifier && ast_kind(ast, n) != AST_field_identifier)
		return 0;
	t = ast_text(ast, n, &len);
	for (i = 0; i + 3 <= len; i++)
		if ((t[i] == 'e' || t[i] == 'E') && t[i + 1] == 'r' && t[i + 2] == 'r')
			return 1;
	return 0;
}

/* Does condition c contain `<error> op nil` (op "!=" or "==")? */
static int tests_error(const struct ast *ast, uint32_t c, const char *op)
{
	uint32_t i, end = ast_subtree_end(ast, c);

	for (i = c; i <= end; i++) {
		uint32_t l, r;
		if (ast->nodes[i].kind != AST_binary_expression ||
		    !ast_text_is(ast, ast_field(ast, i, FIELD_operator), op))
			continue;
		l = ast_unparen(ast, ast_field(ast, i, FIELD_left));
		r = ast_unparen(ast, ast_field(ast, i, FIELD_right));
		if ((ast_kind(ast, r) == AST_nil && names_error(ast, l)) ||
		    (ast_kind(ast, l) == AST_nil && names_error(ast, r)))
			return 1;
	}
	return 0;
}

/* Is block b (a consequence) nothing but a return? */
static int just_returns(const struct ast *ast, uint32_t b)
{
	uint32_t list = ast->nodes[b].first;
	if (ast_kind(ast, list) == AST_statement_list)
		list = ast->nodes[list].first;
	return ast_kind(ast, list) == AST_return_statement && ast->nodes[list].next == AST_NONE;
}

/*
 * A rollback: the deferred literal releases only when the function fails,
 * `defer func() { if err != nil { l.Close() } }()` or `if err == nil {
 * return }` first. On success what it would release is kept (returned,
 * stored); on failure the function is returning. Nothing piles up.
 */
static int only_on_failure(const struct site *s, uint32_t lit)
{
	const struct ast *ast = s->ast;
	uint32_t child = s->rel.call, p, i, end = ast_subtree_end(ast, lit);

	for (p = ast->nodes[child].parent; p != lit && p != AST_NONE; child = p, p = ast->nodes[p].parent)
		if (ast->nodes[p].kind == AST_if_statement && ast->nodes[child].field == FIELD_consequence &&
		    tests_error(ast, ast_field(ast, p, FIELD_condition), "!="))
			return 1;
	for (i = lit; i <= end && ast->nodes[i].start < ast->nodes[s->rel.call].start; i++)
		if (ast->nodes[i].kind == AST_if_statement &&
		    tests_error(ast, ast_field(ast, i, FIELD_condition), "==") &&
		    just_returns(ast, ast_field(ast, i, FIELD_consequence)))
			return 1;
	return 0;
}

/*
 * A logger, a formatter or a drain: passing a value to it is not using
 * the resource for work of its own.
 */
static int logs(const struct ast *ast, uint32_t call)
{
	static const char *const prefixes[] = { "Print", "Fprint", "Sprint", "Log", "log", "Error",
						"Warn", "Info", "Debug", "Trace", "Msg", "Any",
						"String", "Err", "Wrap", "Drain", "drain",
						"Discard", "discard", NULL };
	uint32_t name = ast_call_name(ast, call);
	size_t i, len;
	const char *t;

	if (name == AST_NONE)
		return 0;
	t = ast_text(ast, name, &len);
	for (i = 0; prefixes[i]; i++)
		if (len >= strlen(prefixes[i]) && !memcmp(t, prefixes[i], strlen(prefixes[i])))
			return 1;
	return 0;
}

/*
 * The deferred literal needs the resource for more than releasing it:
 * `defer func() { unix.Setns(fd, 0); unix.Close(fd) }()` restores state
 * through it at the return, so it is held until then on purpose.
 */
static int used_by_deferred_work(const struct site *s, uint32_t lit)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, lit), a;

	for (i = lit + 1; i <= end; i++) {
		if (ast->nodes[i].kind == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind != AST_call_expression || i == s->rel.call ||
		    ast_contains(ast, i, s->rel.call) || logs(ast, i))
			continue;
		ast_for_each_child(ast, ast_field(ast, i, FIELD_arguments), a)
			if (ast_same_text(ast, ast_unparen(ast, a), s->rel.target))
				return 1;
	}
	return 0;
}

/*
 * A defer that runs once by construction: in `if !locked { mu.Lock();
 * defer mu.Unlock(); locked = true }` or `if conn == nil { conn = dial();
 * defer conn.Close() }` the block assigns a variable its own condition
 * tests, one declared outside the loop: the next iteration skips it.
 */
static int guarded_once(const struct site *s)
{
	const struct ast *ast = s->ast;
	uint32_t child = s->defer, p, i, end, j, cond_end;

	for (p = ast->nodes[child].parent; p != s->loop && p != AST_NONE; child = p, p = ast->nodes[p].parent) {
		uint32_t cond;
		if (ast->nodes[p].kind != AST_if_statement || ast->nodes[child].field != FIELD_consequence)
			continue;
		cond = ast_field(ast, p, FIELD_condition);
		if (cond == AST_NONE)
			continue;
		cond_end = ast_subtree_end(ast, cond);
		end = ast_subtree_end(ast, child);
		for (j = cond; j <= cond_end; j++) {
			if (ast->nodes[j].kind != AST_identifier || bound_in(s, s->loop, j, 0) ||
			    names_error(ast, j))
				continue; /* `if err != nil { ...; _, err = retry() }` is no guard */
			for (i = child; i <= end; i++) {
				if (ast->nodes[i].kind == AST_func_literal) {
					i = ast_subtree_end(ast, i);
					continue;
				}
				if (ast->nodes[i].kind == AST_assignment_statement && binds(ast, i, j))
					return 1;
			}
		}
	}
	return 0;
}

/* ---- the next iteration ------------------------------------------------- */

/*
 * Does flow element e release the target explicitly? Calls in it count,
 * and those of function literals it runs: immediately invoked, or started
 * as a goroutine (whose own defers run when it ends). Another defer does
 * not: it runs at the return too.
 */
static int releases(const struct site *s, uint32_t e)
{
	const struct ast *ast = s->ast;
	uint32_t i, end;

	if (ast_kind(ast, e) == AST_defer_statement)
		return 0;
	end = ast_subtree_end(ast, e);
	for (i = e; i <= end; i++) {
		struct resource_release r;
		if (ast->nodes[i].kind == AST_func_literal) {
			uint32_t p = ast->nodes[i].parent;
			if (ast_kind(ast, p) != AST_call_expression ||
			    ast_unparen(ast, ast_field(ast, p, FIELD_function)) != i)
				i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind != AST_call_expression)
			continue;
		if (resource_release_of(ast, s->fn, i, s->rel.target, &r) && r.kind == s->rel.kind)
			return 1;
		if (s->alias != AST_NONE && ast_kind(ast, ast_field(ast, i, FIELD_function)) == AST_identifier &&
		    ast_same_text(ast, ast_field(ast, i, FIELD_function), s->alias))
			return 1;
	}
	return 0;
}

/*
 * Is there a path from the defer back to itself (the next iteration)
 * on which nothing releases the target? *via: a continue on that path,
 * or AST_NONE.
 */
static int reaches_again(const struct site *s, uint32_t block, uint32_t index, uint32_t *via)
{
	const struct flow *f = s->flow;
	unsigned char *seen = xcalloc(f->nr_blocks, 1);
	uint32_t *stack = xcalloc(f->nr_blocks + 1, sizeof(*stack));
	uint32_t *vias = xcalloc(f->nr_blocks + 1, sizeof(*vias));
	const struct flow_block *b = &f->blocks[block];
	size_t sp = 0;
	uint32_t k, v = AST_NONE;
	int found = 0;

	for (k = index + 1; k < b->nr_elems; k++) {
		if (releases(s, b->elems[k]))
			goto out;
		if (ast_kind(s->ast, b->elems[k]) == AST_continue_statement && v == AST_NONE)
			v = b->elems[k];
	}
	for (k = 0; k < b->nr_succ; k++)
		if (!seen[b->succ[k]]) {
			seen[b->succ[k]] = 1;
			vias[sp] = v;
			stack[sp++] = b->succ[k];
		}
	while (sp && !found) {
		uint32_t at = stack[--sp];
		int blocked = 0;
		v = vias[sp];
		b = &f->blocks[at];
		for (k = 0; k < b->nr_elems && !blocked && !found; k++) {
			if (at == block && k == index)
				found = 1;
			else if (releases(s, b->elems[k]))
				blocked = 1;
			else if (ast_kind(s->ast, b->elems[k]) == AST_continue_statement && v == AST_NONE)
				v = b->elems[k];
		}
		if (found || blocked)
			continue;
		for (k = 0; k < b->nr_succ; k++)
			if (!seen[b->succ[k]]) {
				seen[b->succ[k]] = 1;
				vias[sp] = v;
				stack[sp++] = b->succ[k];
			}
	}
	*via = v;
out:
	free(seen);
	free(stack);
	free(vias);
	return found;
}

/* Does something in the loop, other than a defer, release the target? */
static int released_explicitly(const struct site *s)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, s->loop);

	for (i = s->loop; i <= end; i++) {
		if (ast->nodes[i].kind == AST_defer_statement) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind == AST_call_expression && in_fn(s, i) && releases(s, i))
			return 1;
	}
	return 0;
}

/* ---- the message -------------------------------------------------------- */

struct wording {
	const char *what;        /* from resource_of_call, or the release's name */
	const char *noun;        /* "file"; NULL: the variable's own name */
	const char *state;       /* "stays open" */
	const char *consequence; /* after "so " */
	const char *fix_verb;    /* "close" */
};

static const struct wording wordings[] = {
	{ "response body", "response body", "stays open",
	  "the connections of bodies not read to the end stay out of the pool, each holding a file "
	  "descriptor", "close" },
	{ "response", "response", "stays open",
	  "the connections of bodies not read to the end stay out of the pool, each holding a file "
	  "descriptor", "close" },
	{ "file", "file", "stays open", "file descriptors pile up (\"too many open files\")", "close" },
	{ "pipe", "pipe", "stays open", "file descriptors pile up (\"too many open files\")", "close" },
	{ "socket", "socket", "stays open", "file descriptors pile up (\"too many open files\")", "close" },
	{ "result set (sql.Rows)", "result set", "stays open",
	  "they pile up, each holding a database connection out of the pool", "close" },
	{ "prepared statement", "prepared statement", "stays open",
	  "they pile up, each holding a statement open on the database", "close" },
	{ "transaction", "transaction", "stays open",
	  "they pile up, each holding a database connection out of the pool", "end" },
	{ "database handle (sql.DB)", "database handle", "stays open",
	  "they pile up, each with its own pool of connections", "close" },
	{ "connection", "connection", "stays open", "connections and their file descriptors pile up",
	  "close" },
	{ "listener", "listener", "stays open", "listening sockets pile up", "close" },
	{ "ticker", "ticker", "keeps running", "the tickers pile up, all firing", "stop" },
	{ "timer", "timer", "stays armed", "the timers pile up", "stop" },
	{ "context", "context", "stays uncancelled",
	  "they pile up, each registered with its parent context", "cancel" },
	{ "context with a deadline", "context", "stays uncancelled until its deadline or",
	  "they pile up, each holding a timer and registered with its parent context", "cancel" },
	{ "reader", "reader", "stays open", "readers and their buffers pile up", "close" },
	{ "span", "span", "stays open", "the spans pile up and record the wrong durations", "end" },
};

static const struct wording *find_wording(const char *what)
{
	size_t i;
	for (i = 0; what && i < ARRAY_SIZE(wordings); i++)
		if (!strcmp(wordings[i].what, what))
			return &wordings[i];
	return NULL;
}

/* Wording for what the release's method name says, when the acquiring call does not. */
static const struct wording *wording_by_method(const struct ast *ast, uint32_t call)
{
	static const struct wording by_method[] = {
		{ "Stop", NULL, "keeps running", "they pile up", "stop" },
		{ "Shutdown", NULL, "keeps running", "they pile up", "shut down" },
		{ "Cancel", NULL, "keeps running", "they pile up", "cancel" },
		{ "Release", NULL, "stays held", "they pile up", "release" },
	};
	static const struct wording closed = { NULL, NULL, "stays open", "they pile up", "close" };
	uint32_t name = ast_call_name(ast, call);
	size_t i;

	if (name != AST_NONE && (ast_text_is(ast, name, "End") || ast_text_is(ast, name, "Finish")))
		return find_wording("span");
	if (name != AST_NONE && (ast_text_is(ast, name, "Rollback") || ast_text_is(ast, name, "Commit")))
		return find_wording("transaction");
	for (i = 0; name != AST_NONE && i < ARRAY_SIZE(by_method); i++)
		if (ast_text_is(ast, name, by_method[i].what))
			return &by_method[i];
	return &closed;
}

/* "f", or "conn (from client.NewConn)" when the kind is not known (generic). */
static void describe(const struct ast *ast, uint32_t target, uint32_t rhs, int generic, char *buf,
		     size_t size)
{
	size_t tlen, clen;
	const char *t = ast_text(ast, target, &tlen), *c;
	uint32_t f;

	if (tlen > 40)
		tlen = 40;
	if (generic && ast_kind(ast, rhs) == AST_unary_expression)
		rhs = ast_field(ast, rhs, FIELD_operand); /* c := <-conns */
	if (generic && ast_kind(ast, rhs) != AST_call_expression) {
		c = ast_text(ast, rhs, &clen);
		if (clen > 60 || memchr(c, '\n', clen))
			clen = 0;
		snprintf(buf, size, "%.*s (received from %.*s)", (int)tlen, t, (int)clen,
			 clen ? c : "a channel");
		return;
	}
	if (!generic) {
		snprintf(buf, size, "%.*s", (int)tlen, t);
		return;
	}
	f = ast_field(ast, rhs, FIELD_function);
	c = ast_text(ast, f, &clen);
	if (clen > 60 || memchr(c, '\n', clen)) {
		f = ast_call_name(ast, rhs);
		c = f == AST_NONE ? "a call" : ast_text(ast, f, &clen);
		if (f == AST_NONE)
			clen = strlen(c);
	}
	snprintf(buf, size, "%.*s (from %.*s)", (int)tlen, t, (int)clen, c);
}

static void report_lock(struct rule_ctx *rc, const struct site *s, uint32_t lock_call,
			const char *fname)
{
	const struct ast *ast = s->ast;
	char what[96];
	size_t len;
	const char *t;

	if (s->rel.kind == RELEASE_UNLOCK || s->rel.kind == RELEASE_RUNLOCK) {
		t = ast_text(ast, s->rel.target, &len);
		snprintf(what, sizeof(what), "%.*s", (int)(len > 60 ? 60 : len), t);
	} else {
		t = ast_text(ast, lock_call, &len);
		if (len > 60 || memchr(t, '\n', len))
			t = ast_text(ast, ast_field(ast, lock_call, FIELD_function), &len);
		snprintf(what, sizeof(what), "%.*s", (int)(len > 60 ? 60 : len), t);
	}
	if (s->rel.kind == RELEASE_RUNLOCK)
		lint_report(rc, s->defer, "unlock before the next iteration, or move the loop body into a function",
			    "defer in a loop: %s is read-locked in every iteration but unlocked only when "
			    "%s returns: the read locks pile up, and once a writer waits in Lock the next "
			    "RLock blocks forever (a deadlock); unlock before the next iteration or move "
			    "the loop body into a function", what, fname);
	else if (s->rel.kind == RELEASE_UNLOCK)
		lint_report(rc, s->defer, "unlock before the next iteration, or move the loop body into a function",
			    "defer in a loop: %s is locked in every iteration but unlocked only when %s "
			    "returns, so the second iteration's Lock blocks forever (a deadlock); unlock before "
			    "the iteration ends or move the loop body into a function", what, fname);
	else
		lint_report(rc, s->defer, "release it before the next iteration, or move the loop body into a function",
			    "defer in a loop: every iteration takes the same lock (%s) but releases it only "
			    "when %s returns, so a later iteration blocks on it (a deadlock); release it before "
			    "the iteration ends or move the loop body into a function", what, fname);
}

/* context.WithTimeout, WithDeadline and their Cause forms: the context ends by itself. */
static int text_has_deadline(const struct ast *ast, uint32_t call)
{
	uint32_t name = ast_call_name(ast, call);
	size_t len;
	const char *t;

	if (name == AST_NONE)
		return 0;
	t = ast_text(ast, name, &len);
	return (len >= 11 && !memcmp(t, "WithTimeout", 11)) || (len >= 12 && !memcmp(t, "WithDeadline", 12));
}

static void report(struct rule_ctx *rc, const struct site *s, uint32_t rhs, uint32_t via,
		   const char *fname)
{
	const struct ast *ast = s->ast;
	const struct wording *w =
		find_wording(s->rel.body ? "response body" : resource_of_call(ast, rhs));

	if (w && !strcmp(w->what, "context") && ast_kind(ast, rhs) == AST_call_expression &&
	    text_has_deadline(ast, rhs))
		w = find_wording("context with a deadline");
	char desc[128], skip[96] = "", fix[128];

	if (via != AST_NONE && released_explicitly(s))
		snprintf(skip, sizeof(skip), " (the continue on line %u skips the explicit %s)",
			 ast->nodes[via].line, s->rel.kind == RELEASE_FUNC ? "call" : "release");

	if (!w && s->rel.kind == RELEASE_FUNC) {
		describe(ast, s->rel.target, rhs, 1, desc, sizeof(desc));
		lint_report(rc, s->defer, "call it before the next iteration, or move the loop body into a function",
			    "defer in a loop: each iteration's cleanup function %s runs only when %s "
			    "returns, so what it releases piles up%s; call it before the next iteration "
			    "or move the loop body into a function", desc, fname, skip);
		return;
	}
	if (!w)
		w = wording_by_method(ast, s->rel.call);
	describe(ast, s->rel.target, rhs, w->noun == NULL, desc, sizeof(desc));
	snprintf(fix, sizeof(fix), "%s it before the next iteration, or move the loop body into a function",
		 w->fix_verb);
	if (w->noun)
		lint_report(rc, s->defer, fix,
			    "defer in a loop: each iteration's %s (%s) %s until %s returns, so %s%s; "
			    "%s it before the next iteration or move the loop body into a function",
			    w->noun, desc, w->state, fname, w->consequence, skip, w->fix_verb);
	else
		lint_report(rc, s->defer, fix,
			    "defer in a loop: each iteration's %s %s until %s returns, so %s%s; "
			    "%s it before the next iteration or move the loop body into a function",
			    desc, w->state, fname, w->consequence, skip, w->fix_verb);
}

/* ---- the rule ----------------------------------------------------------- */

/*
 * `cleanup := func() { r.Close() }` then `defer cleanup()`: judge r's
 * release instead, remembering cleanup as another way to release it.
 * False when the literal releases nothing.
 */
static int literal_releases(struct site *s, uint32_t lit)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, lit);

	for (i = lit + 1; i <= end; i++) {
		struct resource_release r;
		if (ast->nodes[i].kind == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind == AST_call_expression &&
		    resource_release_of(ast, s->fn, i, AST_NONE, &r) && r.kind != RELEASE_FUNC) {
			s->alias = s->rel.target;
			s->rel = r;
			return 1;
		}
	}
	return 0;
}

/*
 * Does call rhs acquire nothing worth holding? A HEAD request's response
 * has no body (http.NoBody: its connection is back in the pool at once);
 * make and new give memory (close(ch) on a fresh channel frees nothing).
 */
static int holds_nothing(const struct ast *ast, uint32_t rhs)
{
	uint32_t name = ast_call_name(ast, rhs);
	uint32_t f = ast_unparen(ast, ast_field(ast, rhs, FIELD_function));

	if (name == AST_NONE)
		return 0;
	if (ast_kind(ast, f) == AST_identifier && (ast_text_is(ast, f, "make") || ast_text_is(ast, f, "new")))
		return 1;
	return ast_text_is(ast, name, "Head");
}

static void check_defer(struct rule_ctx *rc, uint32_t d)
{
	const struct ast *ast = rc->ast;
	struct site s = { .ast = ast, .defer = d, .fn = AST_NONE, .loop = AST_NONE, .alias = AST_NONE };
	uint32_t p, child = d, block, index, call, f, def = AST_NONE, rhs = AST_NONE, lock = AST_NONE, via;
	char fname[128];

	for (p = ast->nodes[d].parent; p != AST_NONE; child = p, p = ast->nodes[p].parent) {
		if (ast_is_func(ast->nodes[p].kind)) {
			s.fn = p;
			break;
		}
		if (ast->nodes[p].kind == AST_for_statement && ast->nodes[child].field == FIELD_body)
			s.loop = p;
	}
	if (s.loop == AST_NONE || s.fn == AST_NONE)
		return;
	call = ast_unparen(ast, ast->nodes[d].first);
	if (!resource_release_of(ast, s.fn, call, AST_NONE, &s.rel))
		return;

	/* acquired in the loop, before the defer */
	if (s.rel.kind == RELEASE_UNLOCK || s.rel.kind == RELEASE_RUNLOCK) {
		lock = find_lock(&s, s.rel.kind == RELEASE_UNLOCK ? "Lock" : "RLock");
		if (lock == AST_NONE || varies(&s, s.rel.target))
			return; /* not locked here, or a different lock each time */
	} else {
		def = find_def(&s, s.rel.target, &rhs);
		if (def != AST_NONE && s.rel.kind == RELEASE_FUNC && ast_kind(ast, rhs) == AST_func_literal &&
		    !literal_releases(&s, rhs))
			return;
		if (s.alias != AST_NONE)
			def = find_def(&s, s.rel.target, &rhs);
		if (def == AST_NONE || !acquires(ast, def, rhs) ||
		    (ast_kind(ast, rhs) == AST_call_expression && holds_nothing(ast, rhs)))
			return;
		if (ast_kind(ast, rhs) == AST_call_expression && resource_call_locks(ast, rhs)) {
			if (varies(&s, rhs))
				return; /* locker.Lock(key) on this iteration's key */
			lock = rhs;
		} else if (kept(&s, def)) {
			return;
		}
	}

	f = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	if (ast_kind(ast, f) == AST_func_literal &&
	    (only_on_failure(&s, f) || used_by_deferred_work(&s, f)))
		return;
	if (guarded_once(&s))
		return;

	s.flow = lint_flow(rc, s.fn);
	if (!flow_locate(s.flow, ast, d, &block, &index) || !reaches_again(&s, block, index, &via))
		return;
	resource_func_name(ast, s.fn, fname, sizeof(fname));
	if (lock != AST_NONE)
		report_lock(rc, &s, lock, fname);
	else
		report(rc, &s, rhs, via, fname);
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
