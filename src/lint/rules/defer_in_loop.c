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
 *    on a channel, handed to a goroutine (a context's cancel and a span go
 *    with their context, and with what is built from it), its channel
 *    waited on by later iterations (a timer's C), or used by the deferred
 *    literal for more than its release;
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
 *
 * The finding carries a safe fix where there is one (see "the fix"): the
 * deferred call made explicitly on every way out of the iteration, or the
 * loop body moved into a function literal.
 */
#include "lint/lint.h"
#include "lint/fix.h"
#include "lint/flow.h"
#include "lint/resource.h"

#include <strings.h>

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

/* Does name n say its function wraps what it is given (New..., new..., Wrap..., wrap...)? */
static int wrapper_name(const struct ast *ast, uint32_t n)
{
	size_t len;
	const char *t;
	if (n == AST_NONE)
		return 0;
	t = ast_text(ast, n, &len);
	return (len >= 3 && (!memcmp(t, "New", 3) || !memcmp(t, "new", 3))) ||
	       (len >= 4 && (!memcmp(t, "Wrap", 4) || !memcmp(t, "wrap", 4)));
}

/*
 * Is expression e the value named like id, or something holding it: &x,
 * a composite literal, a conversion, a constructor or wrapper given it
 * (New..., Wrap...)?
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
		if (name == AST_NONE || !wrapper_name(ast, name))
			return 0;
		ast_for_each_child(ast, ast_field(ast, e, FIELD_arguments), c)
			if (holds(ast, c, id))
				return 1;
		return 0;
	}
	case AST_type_conversion_expression: {
		/*
		 * T(x) is x; newBookmark[Row](it), a generic function given its
		 * type arguments, reads as a conversion to a generic type: a
		 * wrapper when its name says so, as above.
		 */
		uint32_t type = ast_field(ast, e, FIELD_type);
		if (ast_kind(ast, type) == AST_generic_type &&
		    !wrapper_name(ast, ast_field(ast, type, FIELD_type)))
			return 0;
		return holds(ast, ast_field(ast, e, FIELD_operand), id);
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
	uint32_t n = ast_child_count(ast, left), i, op = ast_field(ast, a, FIELD_operator);

	if (n != ast_child_count(ast, right))
		return 0;
	if (op != AST_NONE && !ast_text_is(ast, op, "="))
		return 0; /* total += n: a sum, not the value kept */
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

/*
 * Does defer statement d use the value named like id when it runs at the
 * return (`defer pprof.Lookup("heap").WriteTo(f, 0)`, `defer f.Sync()`,
 * a deferred func literal that reads it)? An argument computed from it
 * (`defer os.Remove(f.Name())`) is evaluated at the defer: no use later.
 */
static int releases(const struct site *s, uint32_t e);

static int defer_uses(const struct site *s, uint32_t d, uint32_t id)
{
	static const char *const cleanups[] = { "Delete", "Remove", "Release", "Stop", "Cancel",
						"Shutdown", "Unlock", "Free", "Destroy" };
	const struct ast *ast = s->ast;
	uint32_t call = ast_unparen(ast, ast_child(ast, d, 0)), f, c;
	size_t len, k;
	const char *t = ast_text(ast, id, &len);

	/* a release of it (or of a namesake: another branch's, a second one) */
	if (ast_kind(ast, call) != AST_call_expression || releases(s, call))
		return 0;
	f = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	if (ast_kind(ast, f) == AST_func_literal)
		return ast_mentions(ast, ast_field(ast, f, FIELD_body), t, len, 1);
	if (ast_kind(ast, f) == AST_selector_expression &&
	    ast_same_text(ast, ast_unparen(ast, ast_field(ast, f, FIELD_operand)), id)) {
		uint32_t name = ast_field(ast, f, FIELD_field);
		for (k = 0; k < ARRAY_SIZE(cleanups); k++)
			if (ast_name_like(ast, name, cleanups[k]))
				return 0; /* more cleanup, not work that needs it */
		return 1;
	}
	ast_for_each_child(ast, ast_field(ast, call, FIELD_arguments), c)
		if (ast_same_text(ast, ast_unparen(ast, c), id))
			return 1;
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
		case AST_defer_statement:
			/* other work at the return needs it open: held on purpose */
			if (i != s->defer && defer_uses(s, i, id))
				return 1;
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

/* Is call e given the value named like id as an argument? */
static int given(const struct ast *ast, uint32_t e, uint32_t id)
{
	uint32_t c;
	e = ast_unparen(ast, e);
	if (ast_kind(ast, e) != AST_call_expression)
		return 0;
	ast_for_each_child(ast, ast_field(ast, e, FIELD_arguments), c)
		if (ast_same_text(ast, ast_unparen(ast, c), id))
			return 1;
	return 0;
}

/*
 * Is what the loop builds from the value named like id kept past the
 * iteration: `it, err := open(ctx2, x)`, then `its = append(its, it)`
 * (or `it` stored outside the loop)?
 */
static int kept_through(const struct site *s, uint32_t id)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, s->loop), c;

	for (i = s->loop; i <= end; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		uint32_t left, right;
		if (k == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (k != AST_short_var_declaration && k != AST_assignment_statement)
			continue;
		left = ast_field(ast, i, FIELD_left);
		right = ast_field(ast, i, FIELD_right);
		if (left == AST_NONE || right == AST_NONE || ast_child_count(ast, right) != 1 ||
		    !given(ast, ast_child(ast, right, 0), id))
			continue;
		ast_for_each_child(ast, left, c) {
			uint32_t l = ast_unparen(ast, c);
			if (ast_is_blank(ast, l) || ast_text_is(ast, l, "err"))
				continue;
			if (k == AST_assignment_statement && outlives_iteration(s, l))
				return 1;
			if (ast_kind(ast, l) == AST_identifier && kept_name(s, l))
				return 1;
		}
	}
	return 0;
}

/* A span's end (span.End(), span.Finish()): its context came with it. */
static int ends_span(const struct ast *ast, uint32_t call)
{
	uint32_t name = ast_call_name(ast, call);
	return name != AST_NONE && (ast_text_is(ast, name, "End") || ast_text_is(ast, name, "Finish"));
}

/*
 * Kept on purpose: the released value itself, or, for a cancel function
 * or a span, the context that came with it (`ctx, cancel :=
 * context.WithCancel(...)`, then `go worker(ctx)`: the cancel at the
 * return is how the workers stop; `ctx2, span := tracer.Start(ctx, ..)`,
 * then an iterator opened with ctx2 kept for after the loop: the span
 * covers its whole life), kept itself or through what is built from it.
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
	if (!(s->rel.kind == RELEASE_FUNC ||
	      (s->rel.kind == RELEASE_CLOSE && ends_span(ast, s->rel.call))) ||
	    ast_kind(ast, def) == AST_var_spec)
		return 0;
	list = ast_field(ast, def, FIELD_left);
	ast_for_each_child(ast, list, c)
		if (ast_kind(ast, c) == AST_identifier && !ast_same_text(ast, c, s->rel.target) &&
		    !ast_is_blank(ast, c) && !ast_text_is(ast, c, "err") &&
		    (kept_name(s, c) || kept_through(s, c)))
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
	{ "in-memory pipe (io.Pipe)", "pipe", "stays open",
	  "their readers never see the end: each one left blocked holds a goroutine", "close" },
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

static void report_lock(const struct site *s, uint32_t lock_call, const char *fname,
			struct strbuf *fix, struct strbuf *msg)
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
	if (s->rel.kind == RELEASE_RUNLOCK) {
		strbuf_addstr(fix, "unlock before the next iteration, or move the loop body into a function");
		strbuf_addf(msg, "defer in a loop: %s is read-locked in every iteration but unlocked only when "
			    "%s returns: the read locks pile up, and once a writer waits in Lock the next "
			    "RLock blocks forever (a deadlock); unlock before the next iteration or move "
			    "the loop body into a function", what, fname);
	} else if (s->rel.kind == RELEASE_UNLOCK) {
		strbuf_addstr(fix, "unlock before the next iteration, or move the loop body into a function");
		strbuf_addf(msg, "defer in a loop: %s is locked in every iteration but unlocked only when %s "
			    "returns, so the second iteration's Lock blocks forever (a deadlock); unlock before "
			    "the iteration ends or move the loop body into a function", what, fname);
	} else {
		strbuf_addstr(fix, "release it before the next iteration, or move the loop body into a function");
		strbuf_addf(msg, "defer in a loop: every iteration takes the same lock (%s) but releases it only "
			    "when %s returns, so a later iteration blocks on it (a deadlock); release it before "
			    "the iteration ends or move the loop body into a function", what, fname);
	}
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

static void report(const struct site *s, uint32_t rhs, uint32_t via, const char *fname,
		   struct strbuf *fix, struct strbuf *msg)
{
	const struct ast *ast = s->ast;
	const struct wording *w =
		find_wording(s->rel.body ? "response body" : resource_of_call(ast, rhs));

	if (w && !strcmp(w->what, "context") && ast_kind(ast, rhs) == AST_call_expression &&
	    text_has_deadline(ast, rhs))
		w = find_wording("context with a deadline");
	char desc[128], skip[96] = "";

	if (via != AST_NONE && released_explicitly(s))
		snprintf(skip, sizeof(skip), " (the continue on line %u skips the explicit %s)",
			 ast->nodes[via].line, s->rel.kind == RELEASE_FUNC ? "call" : "release");

	if (!w && s->rel.kind == RELEASE_FUNC) {
		describe(ast, s->rel.target, rhs, 1, desc, sizeof(desc));
		strbuf_addstr(fix, "call it before the next iteration, or move the loop body into a function");
		strbuf_addf(msg, "defer in a loop: each iteration's cleanup function %s runs only when %s "
			    "returns, so what it releases piles up%s; call it before the next iteration "
			    "or move the loop body into a function", desc, fname, skip);
		return;
	}
	if (!w)
		w = wording_by_method(ast, s->rel.call);
	describe(ast, s->rel.target, rhs, w->noun == NULL, desc, sizeof(desc));
	strbuf_addf(fix, "%s it before the next iteration, or move the loop body into a function",
		    w->fix_verb);
	if (w->noun)
		strbuf_addf(msg, "defer in a loop: each iteration's %s (%s) %s until %s returns, so %s%s; "
			    "%s it before the next iteration or move the loop body into a function",
			    w->noun, desc, w->state, fname, w->consequence, skip, w->fix_verb);
	else
		strbuf_addf(msg, "defer in a loop: each iteration's %s %s until %s returns, so %s%s; "
			    "%s it before the next iteration or move the loop body into a function",
			    desc, w->state, fname, w->consequence, skip, w->fix_verb);
}

/* ---- the fix -------------------------------------------------------------- */

/*
 * Two fixes (issue 11), chosen per finding, the smaller diff first:
 *
 *  (a) explicit: the defer goes, and the call it deferred is made on every
 *      way out of the rest of the iteration: before each return, and each
 *      break or continue that leaves the statements after the defer, and
 *      after the last of them when control can fall off their end. Only
 *      for plain releases (Close, Stop, End, a context's cancel): a
 *      deferred Unlock or Rollback also runs on a panic, and an explicit
 *      one would not.
 *  (b) wrap: the loop body becomes `func() { ... }()`, one tab deeper;
 *      its defers now run at the end of each iteration, and a continue of
 *      the loop becomes a return. Not when the body returns, breaks out of
 *      the loop or jumps further out, calls recover, or defers something
 *      that must wait for the function's return.
 *
 * Neither when the loop has a goto, when what holds the resource is used
 * after the loop, when a deferred function literal reads variables that
 * change from one iteration to the next (it closes the last one N times
 * now; making it close each one is a change of behaviour), when the
 * deferred function is a cleanup (what it undoes is unknown), or when the
 * acquisition's error is read only after the defer (close-before-check).
 * The edits keep the file's line breaks and comments and gofmt's layout.
 */

#define MAX_TAINT 32
#define MAX_EXITS 64

struct repair {
	const struct site *s;
	uint32_t loop;  /* the innermost for statement around the defer */
	uint32_t body;  /* its body block */
	uint32_t list;  /* the statement list that holds the defer */
	uint32_t call;  /* the deferred call, as written (maybe parenthesized) */
	const char *nl; /* the file's line break */
	uint32_t taint[MAX_TAINT]; /* identifiers naming the resource or something holding it */
	size_t nr_taint;
	int taint_overflow; /* more than MAX_TAINT: no fix */
	/* and, wider, every variable given a value computed from those (srv := net.FileConn(f)) */
	uint32_t derived[MAX_TAINT];
	size_t nr_derived;
	int derived_overflow;
};

/* The offset where the line holding `off` starts. */
static uint32_t line_start(const struct ast *ast, uint32_t off)
{
	while (off > 0 && ast->src[off - 1] != '\n')
		off--;
	return off;
}

/* The offset just past the line break ending the line that holds `off` (or the end). */
static uint32_t next_line(const struct ast *ast, uint32_t off)
{
	while (off < ast->len && ast->src[off] != '\n')
		off++;
	return off < ast->len ? off + 1 : off;
}

/* The indentation of the line holding `off`; 0 when code comes before off on it. */
static int indent_of(const struct ast *ast, uint32_t off, struct strbuf *out)
{
	uint32_t i = line_start(ast, off);
	for (; i < off; i++) {
		if (ast->src[i] != '\t' && ast->src[i] != ' ')
			return 0;
		strbuf_addch(out, ast->src[i]);
	}
	return 1;
}

/*
 * Is there only blank space, or a line comment, from off to the end of
 * its line? *comment: where the comment starts, or 0.
 */
static int rest_blank(const struct ast *ast, uint32_t off, uint32_t *comment)
{
	uint32_t i;
	if (comment)
		*comment = 0;
	for (i = off; i < ast->len && ast->src[i] != '\n'; i++) {
		if (ast->src[i] == '/' && i + 1 < ast->len && ast->src[i + 1] == '/') {
			if (comment)
				*comment = i;
			return 1;
		}
		if (ast->src[i] != ' ' && ast->src[i] != '\t' && ast->src[i] != '\r')
			return 0;
	}
	return 1;
}

/* Does the line starting at `start` hold nothing but blanks (no comment either)? */
static int line_blank(const struct ast *ast, uint32_t start)
{
	uint32_t i;
	if (start >= ast->len)
		return 0;
	for (i = start; i < ast->len && ast->src[i] != '\n'; i++)
		if (ast->src[i] != ' ' && ast->src[i] != '\t' && ast->src[i] != '\r')
			return 0;
	return 1;
}

/* The line break the file uses ("\r\n" when its first line ends so). */
static const char *newline_of(const struct ast *ast)
{
	const char *nl = memchr(ast->src, '\n', ast->len);
	return nl && nl > ast->src && nl[-1] == '\r' ? "\r\n" : "\n";
}

/*
 * The statement a break or continue leaves: the loop (continue), the
 * loop, switch or select (break), or the one its label names; AST_NONE
 * when there is none in its function.
 */
static uint32_t jump_target(const struct ast *ast, uint32_t j)
{
	uint32_t label = ast->nodes[j].first, p, child = j;
	int cont = ast_kind(ast, j) == AST_continue_statement;

	for (p = ast->nodes[j].parent; p != AST_NONE; child = p, p = ast->nodes[p].parent) {
		enum ast_kind k = ast->nodes[p].kind;
		if (ast_is_func(k))
			return AST_NONE;
		if (label != AST_NONE) {
			if (k == AST_labeled_statement && ast_same_text(ast, ast_field(ast, p, FIELD_label), label))
				return child;
			continue;
		}
		if (k == AST_for_statement && ast->nodes[child].field == FIELD_body)
			return p;
		if (!cont && (k == AST_expression_switch_statement || k == AST_type_switch_statement ||
			      k == AST_select_statement))
			return p;
	}
	return AST_NONE;
}

/* Is a name like id's declared inside scope, other than in function literals other than fn? */
static int declared_in(const struct site *s, uint32_t scope, uint32_t id)
{
	return bound_in(s, scope, id, 0);
}

/* ---- what holds the resource ---- */

static int is_tainted(const struct repair *r, uint32_t id)
{
	size_t i;
	for (i = 0; i < r->nr_taint; i++)
		if (ast_same_text(r->s->ast, r->taint[i], id))
			return 1;
	return 0;
}

static int is_derived(const struct repair *r, uint32_t id)
{
	size_t i;
	if (is_tainted(r, id))
		return 1;
	for (i = 0; i < r->nr_derived; i++)
		if (ast_same_text(r->s->ast, r->derived[i], id))
			return 1;
	return 0;
}

static void add_taint(struct repair *r, uint32_t id)
{
	if (id == AST_NONE || ast_is_blank(r->s->ast, id) || is_tainted(r, id))
		return;
	if (r->nr_taint < MAX_TAINT)
		r->taint[r->nr_taint++] = id;
	else
		r->taint_overflow = 1;
}

/* Wrappers of the standard library that keep what they are given. */
static int wraps(const struct ast *ast, uint32_t call)
{
	static const char *const names[] = { "LimitReader", "TeeReader", "MultiReader", "MultiWriter",
					      "NopCloser", "MaxBytesReader", "append", NULL };
	uint32_t name = ast_call_name(ast, call);
	size_t i, len;
	const char *t;

	if (name == AST_NONE)
		return 0;
	t = ast_text(ast, name, &len);
	if ((len >= 3 && (!memcmp(t, "New", 3) || !memcmp(t, "new", 3))) ||
	    (len >= 4 && (!memcmp(t, "Wrap", 4) || !memcmp(t, "wrap", 4))))
		return 1;
	for (i = 0; names[i]; i++)
		if (ast_text_is(ast, name, names[i]))
			return 1;
	return 0;
}

/*
 * Does expression e give the resource itself or something holding it: a
 * tainted name, its Body (a response's), &x, a composite literal, a
 * wrapper given it, a conversion or assertion of it?
 */
static int holds_taint(const struct repair *r, uint32_t e)
{
	const struct ast *ast = r->s->ast;
	uint32_t c, v;

	e = ast_unparen(ast, e);
	switch (ast_kind(ast, e)) {
	case AST_identifier:
		return is_tainted(r, e);
	case AST_selector_expression:
		/* resp.StatusCode is not the body; pipes[i].r may be what was stored there */
		if (r->s->rel.body && ast_same_text(ast, ast_unparen(ast, ast_field(ast, e, FIELD_operand)),
						    r->s->rel.target) &&
		    !ast_text_is(ast, ast_field(ast, e, FIELD_field), "Body"))
			return 0;
		return holds_taint(r, ast_field(ast, e, FIELD_operand));
	case AST_index_expression:
	case AST_slice_expression:
		return holds_taint(r, ast_field(ast, e, FIELD_operand));
	case AST_unary_expression:
		return ast_text_is(ast, ast_field(ast, e, FIELD_operator), "&") &&
		       holds_taint(r, ast_field(ast, e, FIELD_operand));
	case AST_type_assertion_expression:
		return holds_taint(r, ast_field(ast, e, FIELD_operand));
	case AST_type_conversion_expression:
		return holds_taint(r, ast_field(ast, e, FIELD_operand));
	case AST_composite_literal:
		return holds_taint(r, ast_field(ast, e, FIELD_body));
	case AST_literal_value:
		ast_for_each_child(ast, e, c) {
			v = ast_kind(ast, c) == AST_keyed_element ? ast_field(ast, c, FIELD_value) : c;
			if (ast_kind(ast, v) == AST_literal_element)
				v = ast->nodes[v].first;
			if (v != AST_NONE && holds_taint(r, v))
				return 1;
		}
		return 0;
	case AST_call_expression:
		if (!wraps(ast, e))
			return 0;
		ast_for_each_child(ast, ast_field(ast, e, FIELD_arguments), c)
			if (holds_taint(r, c))
				return 1;
		return 0;
	default:
		return 0;
	}
}

/* `x = v`, not `x += v`: only a plain assignment stores a value. */
static int plain_assignment(const struct ast *ast, uint32_t a)
{
	uint32_t op = ast_field(ast, a, FIELD_operator);
	return op == AST_NONE || ast_text_is(ast, op, "=");
}

/* The value an assignment gives its pos-th name (f, err := open(): only f gets one). */
static uint32_t assigned_value(const struct ast *ast, uint32_t a, uint32_t pos)
{
	uint32_t right = ast_field(ast, a, ast_kind(ast, a) == AST_var_spec ? FIELD_value : FIELD_right);
	uint32_t n = ast_child_count(ast, right);
	if (right == AST_NONE)
		return AST_NONE;
	if (n == 1 && pos > 0)
		return AST_NONE; /* f, err := open(): only the first result can be the resource */
	return ast_child(ast, right, pos);
}

/*
 * What names the resource: the released target's root, and for a
 * context's cancel the context that came with it; then, over the loop
 * body, every variable given something that holds one of them.
 */
static void collect_taint(struct repair *r, uint32_t acq)
{
	const struct ast *ast = r->s->ast;
	uint32_t i, end = ast_subtree_end(ast, r->body), c;
	size_t before;

	if (r->s->rel.kind == RELEASE_UNLOCK || r->s->rel.kind == RELEASE_RUNLOCK)
		return; /* a mutex: nothing holds it but the lock itself */
	add_taint(r, ast_root_ident(ast, r->s->rel.target));
	/* what came with it: `ctx, cancel := context.WithTimeout(...)`, `conn, client := dial()` */
	if (acq != AST_NONE &&
	    (ast_kind(ast, acq) == AST_short_var_declaration || ast_kind(ast, acq) == AST_assignment_statement))
		ast_for_each_child(ast, ast_field(ast, acq, FIELD_left), c)
			if (ast_kind(ast, c) == AST_identifier && !names_error(ast, c))
				add_taint(r, c);
	do {
		before = r->nr_taint;
		for (i = r->body; i <= end; i++) {
			enum ast_kind k = ast->nodes[i].kind;
			uint32_t list, pos = 0;
			if ((k != AST_short_var_declaration && k != AST_assignment_statement && k != AST_var_spec) ||
			    (k == AST_assignment_statement && !plain_assignment(ast, i)))
				continue;
			list = k == AST_var_spec ? i : ast_field(ast, i, FIELD_left);
			ast_for_each_child(ast, list, c) {
				uint32_t v;
				if (k == AST_var_spec && ast->nodes[c].field != FIELD_name)
					continue;
				v = assigned_value(ast, i, pos++);
				/* x := f, pipes[i].r = f: x, pipes hold it */
				if (v != AST_NONE && holds_taint(r, v))
					add_taint(r, ast_kind(ast, c) == AST_identifier ? c : ast_root_ident(ast, c));
			}
		}
	} while (r->nr_taint != before);
	do {
		before = r->nr_derived;
		for (i = r->body; i <= end; i++) {
			enum ast_kind k = ast->nodes[i].kind;
			uint32_t right, j, rend, id;
			if (k != AST_short_var_declaration && k != AST_assignment_statement)
				continue;
			right = ast_field(ast, i, FIELD_right);
			rend = ast_subtree_end(ast, right);
			for (j = right; right != AST_NONE && j <= rend; j++)
				if (ast->nodes[j].kind == AST_identifier && is_derived(r, j))
					break;
			if (right == AST_NONE || j > rend)
				continue;
			ast_for_each_child(ast, ast_field(ast, i, FIELD_left), c) {
				id = ast_kind(ast, c) == AST_identifier ? c : ast_root_ident(ast, c);
				if (id == AST_NONE || ast_is_blank(ast, id) || names_error(ast, id) || is_derived(r, id))
					continue;
				if (r->nr_derived < MAX_TAINT)
					r->derived[r->nr_derived++] = id;
				else
					r->derived_overflow = 1;
			}
		}
	} while (r->nr_derived != before && !r->derived_overflow);
}

/* Is a name like id's mentioned in fn after the end of node `after`? */
static int mentioned_after(const struct site *s, uint32_t after, uint32_t id)
{
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, s->fn);

	for (i = ast_subtree_end(ast, after) + 1; i <= end; i++)
		if (ast->nodes[i].kind == AST_identifier && ast_same_text(ast, i, id))
			return 1;
	return 0;
}

/*
 * An assignment in the loop body that stores the resource, or what holds
 * it, where it outlives the loop (a variable used after it, a field, a
 * package variable); AST_NONE when none does.
 */
static uint32_t stored_past_loop(const struct repair *r)
{
	const struct site *s = r->s;
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, r->body);

	for (i = r->body; i <= end; i++) {
		uint32_t left, n, k;
		if (ast->nodes[i].kind != AST_assignment_statement || !plain_assignment(ast, i))
			continue;
		left = ast_field(ast, i, FIELD_left);
		n = ast_child_count(ast, left);
		for (k = 0; k < n; k++) {
			uint32_t l = ast_unparen(ast, ast_child(ast, left, k)), v = assigned_value(ast, i, k);
			uint32_t root = ast_root_ident(ast, l);
			if (v == AST_NONE || !holds_taint(r, v) || root == AST_NONE || declared_in(s, r->body, root))
				continue;
			if (!declared_in(s, ast_func_body(ast, s->fn), root) || mentioned_after(s, r->loop, root))
				return i;
		}
	}
	return AST_NONE;
}

/*
 * A deferred function literal reads its variables when it runs. One it
 * reads that the loop assigns and that is not declared in the body (a
 * loop variable, one from before the loop) changes between iterations:
 * the literal sees only the last value at the return. Returns that
 * identifier, or AST_NONE.
 */
static uint32_t changing_capture(const struct repair *r, uint32_t lit)
{
	const struct site *s = r->s;
	const struct ast *ast = s->ast;
	uint32_t i, end = ast_subtree_end(ast, lit), j, pend;

	for (i = lit; i <= end; i++) {
		uint32_t params = ast_field(ast, lit, FIELD_parameters);
		int local = 0;
		if (ast->nodes[i].kind != AST_identifier)
			continue;
		pend = ast_subtree_end(ast, params);
		for (j = params; params != AST_NONE && j <= pend && !local; j++)
			if (ast->nodes[j].kind == AST_parameter_declaration && declares_param(ast, j, i))
				local = 1;
		for (j = lit; j <= end && !local; j++)
			if (declares(ast, j, i))
				local = 1;
		if (local || !bound_in(s, r->loop, i, 1) || declared_in(s, r->body, i))
			continue;
		return i;
	}
	return AST_NONE;
}

/*
 * Releases that may be made explicitly: a Close, Stop, End or Finish, a
 * close helper, a context's cancel. A deferred Unlock, Rollback or
 * cleanup also runs on a panic and keeps its pairing there; a deferred
 * literal may do anything: those keep their defer (fix b).
 */
static int plain_release(const struct repair *r)
{
	const struct site *s = r->s;
	const struct ast *ast = s->ast;
	uint32_t call = ast_unparen(ast, r->call), name, rhs;

	if (s->alias != AST_NONE || s->rel.call != call ||
	    ast_kind(ast, ast_field(ast, call, FIELD_function)) == AST_func_literal)
		return 0;
	name = ast_call_name(ast, call);
	switch (s->rel.kind) {
	case RELEASE_CLOSE:
		return name != AST_NONE && !ast_text_is(ast, name, "Rollback") &&
		       !ast_text_is(ast, name, "Commit") && !ast_text_is(ast, name, "Release");
	case RELEASE_FUNC: {
		size_t len, i;
		const char *t = ast_text(ast, s->rel.target, &len);
		for (i = 0; i + 6 <= len; i++)
			if (!strncasecmp(t + i, "cancel", 6))
				return 1;
		return resource_def_before(ast, s->fn, s->rel.target, ast->nodes[call].start, &rhs) != AST_NONE &&
		       ast_kind(ast, rhs) == AST_call_expression && ast_call_is(ast, rhs, "context", NULL);
	}
	default:
		return 0;
	}
}

/* ---- fix (a): the explicit call ---- */

struct exit_point {
	uint32_t node;   /* a return, break or continue; AST_NONE for the end of the list */
	unsigned states; /* bit 0: reached with the resource held; bit 1: already released */
};

struct exits {
	struct exit_point v[MAX_EXITS];
	size_t nr;
	unsigned end; /* states in which control falls off the end of the list */
	uint32_t later_defer; /* a defer met on the way that uses the resource, or 0 */
	uint32_t rebound, rebound_id; /* a statement on the way that assigns a name of the call, or 0 */
	int overflow;
};

static void add_exit(struct exits *x, uint32_t node, int state)
{
	size_t i;
	for (i = 0; i < x->nr; i++)
		if (x->v[i].node == node) {
			x->v[i].states |= 1u << state;
			return;
		}
	if (x->nr == MAX_EXITS) {
		x->overflow = 1;
		return;
	}
	x->v[x->nr].node = node;
	x->v[x->nr].states = 1u << state;
	x->nr++;
}

/*
 * Does node n's subtree mention the resource or anything computed from it
 * (a connection over a file, a writer over a connection)? Conservatively
 * yes when there were too many to follow.
 */
static int mentions_derived(const struct repair *r, uint32_t n)
{
	const struct ast *ast = r->s->ast;
	uint32_t i, end = ast_subtree_end(ast, n);
	if (r->derived_overflow)
		return 1;
	for (i = n; i <= end; i++)
		if (ast->nodes[i].kind == AST_identifier && is_derived(r, i))
			return 1;
	return 0;
}

/*
 * Does flow element e (or a function literal in it) assign a name the
 * deferred call uses? Its receiver and arguments were evaluated at the
 * defer: an explicit call after that would see the new value. Returns the
 * assigning statement and sets *id, or returns 0.
 */
static uint32_t rebinds(const struct repair *r, uint32_t e, uint32_t *id)
{
	const struct ast *ast = r->s->ast;
	uint32_t i, j, end = ast_subtree_end(ast, e), cend = ast_subtree_end(ast, r->call);
	uint32_t p = ast->nodes[e].parent;

	/* switch f := v.(type): the element is the alias */
	if (ast_kind(ast, p) == AST_type_switch_statement && ast->nodes[e].field == FIELD_alias)
		for (j = r->call; j <= cend; j++)
			if (ast->nodes[j].kind == AST_identifier &&
			    ast_mentions(ast, e, ast->src + ast->nodes[j].start,
					 ast->nodes[j].end - ast->nodes[j].start, 0)) {
				*id = j;
				return e;
			}
	for (i = e; i <= end; i++)
		for (j = r->call; j <= cend; j++)
			if (ast->nodes[j].kind == AST_identifier && binds(ast, i, j)) {
				*id = j;
				return i;
			}
	return 0;
}

/*
 * Follow the control-flow graph from the defer to every way out of the
 * statements after it, noting whether the resource was already released
 * on the way (an explicit close the defer was a safety net for). Returns
 * 0 when a path goes somewhere it cannot follow.
 */
static int find_exits(const struct repair *r, struct exits *x)
{
	const struct site *s = r->s;
	const struct ast *ast = s->ast;
	const struct flow *f = s->flow;
	uint32_t b0, i0, head = flow_loop_head(f, r->loop);
	unsigned char *seen;
	uint32_t *stack;
	size_t sp = 0;
	int ok = 1;

	memset(x, 0, sizeof(*x));
	if (!flow_locate(f, ast, s->defer, &b0, &i0))
		return 0;
	seen = xcalloc((size_t)f->nr_blocks * 2, 1);
	stack = xcalloc((size_t)f->nr_blocks * 2 + 1, sizeof(*stack) * 3);
	stack[0] = b0, stack[1] = 0, stack[2] = i0 + 1;
	sp = 1;
	while (sp && ok) {
		uint32_t b, k;
		int state, stopped = 0;
		sp--;
		b = stack[sp * 3], state = (int)stack[sp * 3 + 1], k = stack[sp * 3 + 2];
		for (; k < f->blocks[b].nr_elems && !stopped; k++) {
			uint32_t e = f->blocks[b].elems[k];
			enum ast_kind kind = ast_kind(ast, e);
			int rel;
			if (!ast_contains(ast, r->list, e)) {
				x->end |= 1u << state;
				stopped = 1;
				break;
			}
			rel = releases(s, e);
			if (kind == AST_defer_statement && !x->later_defer && mentions_derived(r, e))
				x->later_defer = e;
			if (!x->rebound)
				x->rebound = rebinds(r, e, &x->rebound_id);
			if (kind == AST_goto_statement) {
				ok = 0;
			} else if (kind == AST_return_statement ||
				   ((kind == AST_break_statement || kind == AST_continue_statement) &&
				    (jump_target(ast, e) == AST_NONE || !ast_contains(ast, r->list, jump_target(ast, e))))) {
				add_exit(x, e, rel ? 1 : state);
				stopped = 1;
			} else if (rel) {
				state = 1;
			}
		}
		if (stopped || !ok)
			continue;
		for (k = 0; k < f->blocks[b].nr_succ; k++) {
			uint32_t n = f->blocks[b].succ[k];
			if (n == f->noreturn)
				continue;
			if (n == f->exit) {
				ok = 0;
				break;
			}
			if (n == head) {
				/* the next iteration (a `for {}` head has no element to see) */
				x->end |= 1u << state;
				continue;
			}
			if (!seen[n * 2 + state]) {
				seen[n * 2 + state] = 1;
				stack[sp * 3] = n, stack[sp * 3 + 1] = (uint32_t)state, stack[sp * 3 + 2] = 0;
				sp++;
			}
		}
	}
	free(seen);
	free(stack);
	return ok && !x->overflow;
}

/* Does return statement ret use the resource (a field of a response other than Body is fine)? */
static int return_uses(const struct repair *r, uint32_t ret)
{
	const struct ast *ast = r->s->ast;
	uint32_t i, end = ast_subtree_end(ast, ret);

	for (i = ret; i <= end; i++) {
		uint32_t p;
		if (ast->nodes[i].kind != AST_identifier || !is_tainted(r, i))
			continue;
		p = ast->nodes[i].parent;
		/* sc.Text() of a scanner over it: the line already read */
		if (!ast_same_text(ast, i, r->s->rel.target) && ast_kind(ast, p) == AST_selector_expression &&
		    ast_field(ast, p, FIELD_operand) == i &&
		    (ast_text_is(ast, ast_field(ast, p, FIELD_field), "Text") ||
		     ast_text_is(ast, ast_field(ast, p, FIELD_field), "Bytes") ||
		     ast_text_is(ast, ast_field(ast, p, FIELD_field), "Err")))
			continue;
		if (r->s->rel.body && ast_same_text(ast, i, r->s->rel.target) &&
		    ast_kind(ast, p) == AST_selector_expression && ast_field(ast, p, FIELD_operand) == i &&
		    !ast_text_is(ast, ast_field(ast, p, FIELD_field), "Body") &&
		    ast_kind(ast, ast->nodes[p].parent) != AST_call_expression)
			continue;
		return 1;
	}
	return 0;
}

static const char *jump_word(const struct ast *ast, uint32_t j)
{
	switch (ast_kind(ast, j)) {
	case AST_return_statement:
		return "return";
	case AST_break_statement:
		return "break";
	default:
		return "continue";
	}
}

/* Does line `line` end with a comment after code (one gofmt may align with its neighbours')? */
static int trailing_comment(const struct ast *ast, uint32_t line)
{
	uint32_t i;
	for (i = 0; i < ast->nr_comments; i++)
		if (ast->comments[i].line == line && !ast->comments[i].own_line)
			return 1;
	return 0;
}

/*
 * May a line be inserted between lines `above` and `above + 1` (or, with
 * `remove`, line `above + 1` be removed so that `above` and `above + 2`
 * meet) and gofmt still be happy? Trailing comments of consecutive lines
 * are aligned in a column: a line without one between two with one, or
 * a new one next to one, would change it. `commented`: the new line has
 * a trailing comment.
 */
static int comments_allow(const struct ast *ast, uint32_t above, int remove, int commented)
{
	uint32_t below = above + 1 + (remove ? 1 : 0);
	if (commented)
		return !trailing_comment(ast, above) && !trailing_comment(ast, below);
	return !(trailing_comment(ast, above) && trailing_comment(ast, below));
}

/*
 * For a defer in a nested block (an if's, a case's): a mention of the
 * resource in what may run after that block in the iteration (the
 * statements that follow it and the blocks around it; not the other
 * branches or cases), or AST_NONE.
 */
static uint32_t used_after_block(const struct repair *r)
{
	const struct ast *ast = r->s->ast;
	uint32_t cur = r->list, p, sib, i, end;

	for (p = ast->nodes[cur].parent; cur != r->body && p != AST_NONE; cur = p, p = ast->nodes[p].parent) {
		if (ast->nodes[p].kind != AST_statement_list)
			continue;
		for (sib = ast->nodes[cur].next; sib != AST_NONE; sib = ast->nodes[sib].next) {
			end = ast_subtree_end(ast, sib);
			for (i = sib; i <= end; i++)
				if (ast->nodes[i].kind == AST_identifier && is_tainted(r, i))
					return i;
		}
	}
	return AST_NONE;
}

/* Is comment text c (len bytes, from the slashes) a directive for tools: //nolint, //lint:, //plumber:? */
static int is_directive(const char *c, size_t len)
{
	static const char *const prefixes[] = { "//nolint", "// nolint", "//lint:", "//plumber:", NULL };
	size_t i;
	for (i = 0; prefixes[i]; i++)
		if (len >= strlen(prefixes[i]) && !memcmp(c, prefixes[i], strlen(prefixes[i])))
			return 1;
	return 0;
}

static int by_position(const void *a, const void *b)
{
	const struct exit_point *x = a, *y = b;
	return x->node < y->node ? -1 : x->node > y->node;
}

/*
 * Fix (a). Fills edits and *what (what they do) and returns the number of
 * lines it touches, or returns 0 and says why not in *why.
 */
static size_t explicit_fix(const struct repair *r, struct edit_list *edits, struct strbuf *what,
			   struct strbuf *why)
{
	const struct site *s = r->s;
	const struct ast *ast = s->ast;
	uint32_t d = s->defer, call_start = ast->nodes[r->call].start, i, last = AST_NONE, c, comment;
	uint32_t dline = ast->nodes[d].line;
	struct strbuf ind = STRBUF_INIT, text = STRBUF_INIT, where = STRBUF_INIT, call = STRBUF_INIT;
	struct strbuf plain = STRBUF_INIT; /* the call as inserted where the remark is not */
	struct exits x;
	size_t len, k, cost = 0, nr_where = 0, nr_jumps = 0;
	const char *call_text = ast_text(ast, r->call, &len);
	int at_end = 0;

	if (!plain_release(r)) {
		if (memchr(call_text, '\n', len) || len > 60)
			strbuf_addstr(why, "the deferred function literal does more than release it");
		else
			strbuf_addf(why, "`%.*s` also runs on a panic, so it stays deferred", (int)len, call_text);
		return 0;
	}
	for (i = ast_unparen(ast, r->call) + 1; i <= ast_subtree_end(ast, r->call); i++)
		if (ast->nodes[i].kind == AST_call_expression || ast->nodes[i].kind == AST_type_conversion_expression ||
		    (ast->nodes[i].kind == AST_unary_expression &&
		     ast_text_is(ast, ast_field(ast, i, FIELD_operator), "<-"))) {
			/* `defer conn().Close()`: evaluated once at the defer, every time when explicit */
			strbuf_addstr(why, "the deferred call evaluates a call of its own");
			goto out;
		}
	if (memchr(call_text, '\n', len) || !indent_of(ast, ast->nodes[d].start, &ind) ||
	    !rest_blank(ast, ast->nodes[d].end, &comment)) {
		strbuf_addstr(why, "the defer shares its line");
		goto out;
	}
	/*
	 * The call, with the defer's trailing comment: a directive (//nolint
	 * for the call, say) on every call, a remark on one (the one at the
	 * end of the iteration, or else the first).
	 */
	strbuf_add(&call, call_text, len);
	strbuf_add(&plain, call_text, len);
	if (comment) {
		uint32_t e = comment;
		while (e < ast->len && ast->src[e] != '\n' && ast->src[e] != '\r')
			e++;
		strbuf_addch(&call, ' ');
		strbuf_add(&call, ast->src + comment, e - comment);
		if (is_directive(ast->src + comment, e - comment))
			strbuf_addstr(&plain, call.buf + len);
	}
	ast_for_each_child(ast, r->list, c)
		last = c;
	if (ast_kind(ast, last) == AST_fallthrough_statement) {
		strbuf_addstr(why, "the case falls through");
		goto out;
	}
	/* a defer in a nested block: the rest of the iteration must not need the resource */
	if ((i = used_after_block(r)) != AST_NONE) {
		strbuf_addf(why, "%.*s is still used at line %u, after the block of the defer",
			    (int)(ast->nodes[i].end - ast->nodes[i].start), ast->src + ast->nodes[i].start,
			    ast->nodes[i].line);
		goto out;
	}
	if (!find_exits(r, &x)) {
		strbuf_addstr(why, "a path out of the iteration could not be followed");
		goto out;
	}
	if (x.rebound) {
		strbuf_addf(why, "%.*s is assigned again at line %u",
			    (int)(ast->nodes[x.rebound_id].end - ast->nodes[x.rebound_id].start),
			    ast->src + ast->nodes[x.rebound_id].start, ast->nodes[x.rebound].line);
		goto out;
	}
	if (x.later_defer) {
		/*
		 * Deferred calls run last in, first out: `defer w.Close()` of a
		 * writer over it must still run first. (A later defer that does
		 * not touch it, `defer os.Remove(tmp)`, may run after.)
		 */
		strbuf_addf(why, "the defer at line %u would then run after it", ast->nodes[x.later_defer].line);
		goto out;
	}
	qsort(x.v, x.nr, sizeof(x.v[0]), by_position);
	for (k = 0; k < x.nr; k++)
		if (x.v[k].states == 1)
			nr_jumps++;
	for (k = 0; k < x.nr; k++) {
		uint32_t j = x.v[k].node, jline = ast->nodes[j].line;
		struct strbuf jind = STRBUF_INIT;
		if (x.v[k].states == 3) {
			strbuf_addf(why, "it is released on some paths to the %s at line %u but not on others",
				    jump_word(ast, j), jline);
			goto out;
		}
		if (x.v[k].states != 1)
			continue;
		if (ast_kind(ast, j) == AST_return_statement && return_uses(r, j)) {
			strbuf_addf(why, "the return at line %u uses it", jline);
			goto out;
		}
		if (!indent_of(ast, ast->nodes[j].start, &jind)) {
			strbuf_addf(why, "the %s at line %u shares its line", jump_word(ast, j), jline);
			strbuf_release(&jind);
			goto out;
		}
		if (!comments_allow(ast, jline - 1, 0, comment && (plain.len > len || (x.end != 1 && !nr_where)))) {
			strbuf_addf(why, "the trailing comments around line %u would need realigning", jline);
			strbuf_release(&jind);
			goto out;
		}
		strbuf_reset(&text);
		strbuf_addf(&text, "%s%s%s", x.end == 1 || nr_where ? plain.buf : call.buf, r->nl, jind.buf);
		edit_list_add(edits, ast->nodes[j].start, ast->nodes[j].start, text.buf);
		strbuf_release(&jind);
		strbuf_addf(&where, "%s the %s at line %u", !nr_where ? "" : nr_where + 1 == nr_jumps ? " and" : ",",
			    jump_word(ast, j), jline);
		nr_where++;
		cost++;
	}
	if (x.end == 3) {
		strbuf_addstr(why, "it is released on some paths through the iteration but not on others");
		goto out;
	}
	at_end = x.end == 1;
	if (!cost && !at_end) {
		strbuf_addstr(why, "no path out of the iteration needs the call");
		goto out;
	}
	if (at_end && last == d) {
		/* the defer ends the iteration: drop the keyword */
		if (comment && !comments_allow(ast, dline - 1, 1, 1)) {
			strbuf_addf(why, "the trailing comments around line %u would need realigning", dline);
			goto out;
		}
		edit_list_add(edits, ast->nodes[d].start, call_start, "");
		cost++;
	} else {
		uint32_t from = line_start(ast, ast->nodes[d].start), to = next_line(ast, ast->nodes[d].end);
		if (at_end) {
			uint32_t eline = ast->nodes[last].end_line, at = next_line(ast, ast->nodes[last].end);
			if (!rest_blank(ast, ast->nodes[last].end, NULL)) {
				strbuf_addstr(why, "the last statement of the block shares its line");
				goto out;
			}
			if (!comments_allow(ast, eline, 0, comment != 0)) {
				strbuf_addf(why, "the trailing comments around line %u would need realigning", eline);
				goto out;
			}
			strbuf_reset(&text);
			strbuf_addf(&text, "%s%s%s", ind.buf, call.buf, r->nl);
			edit_list_add(edits, at, at, text.buf);
			cost++;
		}
		/* gofmt keeps one blank line: drop one of two that would meet */
		if (from > 0 && line_blank(ast, line_start(ast, from - 1)) && line_blank(ast, to))
			to = next_line(ast, to);
		else if (!comments_allow(ast, dline - 1, 1, 0)) {
			strbuf_addf(why, "the trailing comments around line %u would need realigning", dline);
			goto out;
		}
		edit_list_add(edits, from, to, "");
		cost++;
	}
	strbuf_addf(what, "call `%.*s` ", (int)len, call_text);
	if (at_end)
		strbuf_addstr(what, "at the end of the iteration");
	if (nr_where)
		strbuf_addf(what, "%sbefore%s", at_end ? " and " : "", where.buf);
	strbuf_addstr(what, " instead of deferring it");
out:
	if (why->len)
		edit_list_release(edits);
	strbuf_release(&ind);
	strbuf_release(&text);
	strbuf_release(&where);
	strbuf_release(&call);
	strbuf_release(&plain);
	return why->len ? 0 : cost;
}

/* ---- fix (b): a function literal per iteration ---- */

/* May defer d (another one in the loop body) run at the end of each iteration too? */
static int iteration_defer(const struct repair *r, uint32_t d)
{
	const struct site *s = r->s;
	const struct ast *ast = s->ast;
	uint32_t call = ast_unparen(ast, ast->nodes[d].first), root, i, end;
	struct resource_release rel;

	if (!resource_release_of(ast, s->fn, call, AST_NONE, &rel))
		return 0;
	if (rel.kind == RELEASE_UNLOCK || rel.kind == RELEASE_RUNLOCK) {
		/* locked in the body before it */
		end = ast_subtree_end(ast, r->body);
		for (i = r->body; i <= end && ast->nodes[i].start < ast->nodes[d].start; i++) {
			uint32_t f;
			if (ast->nodes[i].kind != AST_call_expression)
				continue;
			f = ast_unparen(ast, ast_field(ast, i, FIELD_function));
			if (ast_kind(ast, f) == AST_selector_expression &&
			    (ast_text_is(ast, ast_field(ast, f, FIELD_field), "Lock") ||
			     ast_text_is(ast, ast_field(ast, f, FIELD_field), "RLock")) &&
			    ast_same_text(ast, ast_unparen(ast, ast_field(ast, f, FIELD_operand)), rel.target))
				return 1;
		}
		return 0;
	}
	root = ast_root_ident(ast, rel.target);
	return root != AST_NONE && declared_in(s, r->body, root);
}

/*
 * Is offset off strictly inside a raw string literal (a line that
 * continues one)? *next: the next node of n's subtree to look at, for
 * offsets that only grow.
 */
static int in_raw_string(const struct ast *ast, uint32_t n, uint32_t off, uint32_t *next)
{
	uint32_t end = ast_subtree_end(ast, n);
	for (; *next <= end && ast->nodes[*next].start < off; ++*next)
		if (ast->nodes[*next].kind == AST_raw_string_literal && off < ast->nodes[*next].end)
			return 1;
	return 0;
}

/* Fix (b), as explicit_fix(). */
static size_t wrap_fix(const struct repair *r, struct edit_list *edits, struct strbuf *what,
		       struct strbuf *why)
{
	const struct site *s = r->s;
	const struct ast *ast = s->ast;
	uint32_t body = r->body, open = ast->nodes[body].start, close = ast->nodes[body].end - 1;
	uint32_t list = ast->nodes[body].first, from, to, i, end = ast_subtree_end(ast, body), o, raw;
	struct edit_list inner = EDIT_LIST_INIT;
	struct strbuf ind = STRBUF_INIT, out = STRBUF_INIT, text = STRBUF_INIT;
	size_t cost = 2, k, conts = 0;
	char fname[128];

	if (ast->src[open] != '{' || ast->src[close] != '}' || ast_kind(ast, list) != AST_statement_list ||
	    !rest_blank(ast, open + 1, NULL) || !indent_of(ast, close, &text) ||
	    !indent_of(ast, ast->nodes[ast->nodes[list].first].start, &ind)) {
		strbuf_addstr(why, "the loop body shares a line with its braces");
		goto out;
	}
	from = next_line(ast, open + 1);
	to = line_start(ast, close);
	for (i = body; i <= end; i++) {
		enum ast_kind k2 = ast->nodes[i].kind;
		uint32_t t;
		if (k2 == AST_call_expression &&
		    ast_text_is(ast, ast_unparen(ast, ast_field(ast, i, FIELD_function)), "recover")) {
			strbuf_addf(why, "the loop body calls recover (line %u)", ast->nodes[i].line);
			goto out;
		}
		if (!in_fn(s, i))
			continue;
		switch (k2) {
		case AST_goto_statement:
			strbuf_addf(why, "the loop body has a goto (line %u)", ast->nodes[i].line);
			goto out;
		case AST_return_statement:
			resource_func_name(ast, s->fn, fname, sizeof(fname));
			strbuf_addf(why, "the loop body returns from %s (line %u)", fname, ast->nodes[i].line);
			goto out;
		case AST_break_statement:
		case AST_continue_statement:
			t = jump_target(ast, i);
			if (t != AST_NONE && ast_contains(ast, body, t))
				break;
			if (t != r->loop || k2 == AST_break_statement || ast->nodes[i].first != AST_NONE) {
				strbuf_addf(why, "the %s at line %u leaves the loop", jump_word(ast, i),
					    ast->nodes[i].line);
				goto out;
			}
			edit_list_add(&inner, ast->nodes[i].start - from, ast->nodes[i].end - from, "return");
			conts++;
			break;
		case AST_defer_statement:
			if (i != s->defer && !iteration_defer(r, i)) {
				strbuf_addf(why, "the defer at line %u would then run at the end of each iteration",
					    ast->nodes[i].line);
				goto out;
			}
			break;
		default:
			break;
		}
	}
	for (k = 0; k < ast->nr_comments; k++) {
		const struct ast_comment *cm = &ast->comments[k];
		if (cm->start >= from && cm->end <= to && cm->line != cm->end_line) {
			strbuf_addf(why, "a comment spans lines %u-%u", cm->line, cm->end_line);
			goto out;
		}
	}
	for (o = from, raw = body; o < to; o = next_line(ast, o)) {
		if (in_raw_string(ast, body, o, &raw) || line_blank(ast, o))
			continue;
		edit_list_add(&inner, o - from, o - from, "\t");
		cost += 2;
	}
	strbuf_addf(&out, "%sfunc() {%s", ind.buf, r->nl);
	if (fix_apply(ast->src + from, to - from, inner.v, inner.nr, &out)) {
		strbuf_addstr(why, "the edits overlap");
		goto out;
	}
	strbuf_addf(&out, "%s}()%s", ind.buf, r->nl);
	edit_list_add(edits, from, to, out.buf);
	strbuf_addstr(what, "move the loop body into a function literal, `func() { ... }()`, so that the "
			    "defer runs at the end of each iteration");
	if (conts)
		strbuf_addstr(what, " (a continue becomes a return)");
out:
	edit_list_release(&inner);
	strbuf_release(&ind);
	strbuf_release(&out);
	strbuf_release(&text);
	return why->len ? 0 : cost;
}

/*
 * `resp, err := get(); defer resp.Body.Close(); if err != nil {...}`: the
 * defer comes before the error is read (close-before-check's finding and
 * fix). An explicit close on the failure path would be just as wrong:
 * returns the error variable, or AST_NONE.
 */
static uint32_t unchecked_error(const struct repair *r, uint32_t acq)
{
	const struct ast *ast = r->s->ast;
	uint32_t c, err = AST_NONE, i;
	enum ast_kind k = ast_kind(ast, acq);

	if (k != AST_short_var_declaration && k != AST_assignment_statement)
		return AST_NONE;
	ast_for_each_child(ast, ast_field(ast, acq, FIELD_left), c)
		if (ast_kind(ast, c) == AST_identifier && names_error(ast, c))
			err = c;
	if (err == AST_NONE)
		return AST_NONE;
	for (i = ast_subtree_end(ast, acq) + 1; i < r->s->defer; i++)
		if (ast->nodes[i].kind == AST_identifier && ast_same_text(ast, i, err))
			return AST_NONE;
	return err;
}

/* A cleanup or teardown function: it undoes a setup, whatever that holds. */
static int undoes_setup(const struct ast *ast, uint32_t id)
{
	static const char *const words[] = { "cleanup", "teardown", "undo", "restore", NULL };
	size_t len, i, k;
	const char *t = ast_text(ast, id, &len);

	for (k = 0; words[k]; k++)
		for (i = 0; i + strlen(words[k]) <= len; i++)
			if (!strncasecmp(t + i, words[k], strlen(words[k])))
				return 1;
	return 0;
}

/*
 * Offer the fix of the finding at s: the edits, and in *fix what they do,
 * or after the advice already there why there is none. `acq` is the
 * acquiring statement or Lock call.
 */
static void offer_fix(const struct site *s, uint32_t acq, struct edit_list *edits, struct strbuf *fix)
{
	const struct ast *ast = s->ast;
	struct repair r = { .s = s, .loop = AST_NONE, .call = ast->nodes[s->defer].first,
			    .nl = newline_of(ast) };
	struct edit_list ea = EDIT_LIST_INIT, eb = EDIT_LIST_INIT;
	struct strbuf wa = STRBUF_INIT, wb = STRBUF_INIT, ya = STRBUF_INIT, yb = STRBUF_INIT;
	struct strbuf why = STRBUF_INIT;
	uint32_t p, child = s->defer, lit, id;
	size_t ca, cb;

	for (p = ast->nodes[s->defer].parent; p != s->fn && p != AST_NONE; child = p, p = ast->nodes[p].parent)
		if (ast->nodes[p].kind == AST_for_statement && ast->nodes[child].field == FIELD_body) {
			r.loop = p;
			break;
		}
	r.list = ast->nodes[s->defer].parent;
	if (r.loop == AST_NONE || ast_kind(ast, r.list) != AST_statement_list) {
		strbuf_addstr(&why, "the defer is not a statement of a block");
		goto none;
	}
	r.body = ast_field(ast, r.loop, FIELD_body);
	if (acq == AST_NONE || (!ast_contains(ast, r.body, acq) &&
				(ast_kind(ast, acq) != AST_range_clause || ast->nodes[acq].parent != r.loop))) {
		strbuf_addstr(&why, "it is acquired outside the innermost loop");
		goto none;
	}
	if (s->rel.kind == RELEASE_FUNC && acq != AST_NONE && !resource_call_locks(ast, acq) &&
	    undoes_setup(ast, s->rel.target)) {
		/* `cleanup := harness.MkAllocDir(task); defer cleanup()`: what it undoes is unknown */
		strbuf_addf(&why, "what %.*s() undoes may still be needed after the iteration",
			    (int)(ast->nodes[s->rel.target].end - ast->nodes[s->rel.target].start),
			    ast->src + ast->nodes[s->rel.target].start);
		goto none;
	}
	if ((id = unchecked_error(&r, acq)) != AST_NONE) {
		strbuf_addf(&why, "%.*s is not checked before the defer (close-before-check: check it first)",
			    (int)(ast->nodes[id].end - ast->nodes[id].start), ast->src + ast->nodes[id].start);
		goto none;
	}
	for (id = r.body; id <= ast_subtree_end(ast, r.body); id++)
		if (ast->nodes[id].kind == AST_goto_statement && in_fn(s, id)) {
			strbuf_addf(&why, "the loop body has a goto (line %u)", ast->nodes[id].line);
			goto none;
		}
	lit = ast_unparen(ast, ast_field(ast, ast_unparen(ast, r.call), FIELD_function));
	if (s->alias != AST_NONE) {
		uint32_t rhs;
		lit = AST_NONE;
		if (resource_def_before(ast, s->fn, s->alias, ast->nodes[s->defer].start, &rhs) != AST_NONE)
			lit = ast_unparen(ast, rhs);
	}
	if (ast_kind(ast, lit) == AST_func_literal && (id = changing_capture(&r, lit)) != AST_NONE) {
		strbuf_addf(&why, "the deferred function literal reads %.*s, which changes from one "
			    "iteration to the next", (int)(ast->nodes[id].end - ast->nodes[id].start),
			    ast->src + ast->nodes[id].start);
		goto none;
	}
	collect_taint(&r, acq);
	if (r.taint_overflow) {
		strbuf_addstr(&why, "too many variables hold it");
		goto none;
	}
	if ((id = stored_past_loop(&r)) != AST_NONE) {
		strbuf_addf(&why, "what holds it is kept past the loop (line %u)", ast->nodes[id].line);
		goto none;
	}
	ca = explicit_fix(&r, &ea, &wa, &ya);
	cb = wrap_fix(&r, &eb, &wb, &yb);
	if (ca && (!cb || ca <= cb)) {
		strbuf_reset(fix);
		strbuf_add(fix, wa.buf, wa.len);
		*edits = ea;
		ea = (struct edit_list)EDIT_LIST_INIT;
	} else if (cb) {
		strbuf_reset(fix);
		strbuf_add(fix, wb.buf, wb.len);
		*edits = eb;
		eb = (struct edit_list)EDIT_LIST_INIT;
	} else {
		strbuf_addf(&why, "%s; %s", ya.buf, yb.buf);
	}
none:
	if (why.len)
		strbuf_addf(fix, " (no automatic fix: %s)", why.buf);
	edit_list_release(&ea);
	edit_list_release(&eb);
	strbuf_release(&wa);
	strbuf_release(&wb);
	strbuf_release(&ya);
	strbuf_release(&yb);
	strbuf_release(&why);
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
	struct strbuf fix = STRBUF_INIT, msg = STRBUF_INIT;
	struct edit_list edits = EDIT_LIST_INIT;

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
		report_lock(&s, lock, fname, &fix, &msg);
	else
		report(&s, rhs, via, fname, &fix, &msg);
	offer_fix(&s, lock != AST_NONE ? lock : def, &edits, &fix);
	lint_report_edits(rc, d, &edits, fix.buf, "%s", msg.buf);
	strbuf_release(&fix);
	strbuf_release(&msg);
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
	.options = rule_options_no_return,
	.check = check,
};
