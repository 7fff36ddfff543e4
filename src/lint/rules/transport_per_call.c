/*
 * transport_per_call.c - a new http.Transport made on every call and
 * dropped without CloseIdleConnections (seed C4). Each transport keeps
 * its own pool of idle keep-alive connections, each with a read and a
 * write goroutine; dropping the transport does not close them, so every
 * call adds more, forever when IdleConnTimeout is zero.
 *
 * A creation is `http.Transport{...}` (any & or parentheses around it)
 * or `http.DefaultTransport.(*http.Transport).Clone()`. Without types,
 * the rule follows the value by name through the function it is made in:
 * the variables it is assigned to, the client literals that carry it
 * (`&http.Client{Transport: t}`, `c.Transport = t`), and wrappers
 * (`x := otelhttp.NewTransport(t)`). Any of these "carriers" can be
 * closed (`CloseIdleConnections` on the transport or the client) or kept:
 * returned, stored in a field, a map, a global, a named result, sent on a
 * channel, or handed to a storing call (Store, Put, Set, Add, Register,
 * append). Reported when the creation runs per call, some carrier is used,
 * nothing keeps it, keep-alives are on, and a path in the flow graph goes
 * from the creation to the function's end without a CloseIdleConnections
 * (a deferred one counts for every path).
 *
 * Not per call: package level (and func literals run to initialize it),
 * init, main outside a loop, Test/Example/Fuzz functions of _test.go files
 * outside a loop, constructors (New.../new... with a result).
 */
#include "lint/lint.h"
#include "lint/imports.h"
#include "lint/flow.h"
#include "lint/resource.h"

static const char *const needles[] = { "Transport", NULL };

/* ------------------------------------------------------------ net/http names */

/* The key of keyed element `ke` when it is a plain field name, else AST_NONE. */
static uint32_t element_key(const struct ast *ast, uint32_t ke)
{
	uint32_t k = ast_field(ast, ke, FIELD_key);
	k = k == AST_NONE ? AST_NONE : ast->nodes[k].first;
	return ast_kind(ast, k) == AST_identifier ? k : AST_NONE;
}

/* The value of field `key` in composite literal `lit`, or AST_NONE. */
static uint32_t literal_field(const struct ast *ast, uint32_t lit, const char *key)
{
	uint32_t body = ast_field(ast, lit, FIELD_body), c;
	if (body == AST_NONE)
		return AST_NONE;
	ast_for_each_child(ast, body, c)
		if (ast_kind(ast, c) == AST_keyed_element && ast_text_is(ast, element_key(ast, c), key)) {
			uint32_t v = ast_field(ast, c, FIELD_value);
			return v == AST_NONE ? AST_NONE : ast_unparen(ast, ast->nodes[v].first);
		}
	return AST_NONE;
}

/* ------------------------------------------------------------ following the value */

#define MAX_CARRIERS 16

struct tracker {
	const struct ast *ast;
	uint32_t fn;                    /* the function the transport is made in */
	uint32_t carriers[MAX_CARRIERS]; /* identifier nodes naming it (compared by text) */
	size_t nr_carriers;
	int kept, used, disabled;
	unsigned steps;                 /* bounds the work on pathological input */
};

static int is_carrier(const struct tracker *t, uint32_t id)
{
	size_t i;
	if (ast_kind(t->ast, id) != AST_identifier)
		return 0;
	for (i = 0; i < t->nr_carriers; i++)
		if (ast_same_text(t->ast, t->carriers[i], id))
			return 1;
	return 0;
}

static const char *const storing_calls[] = {
	"Store", "Put", "Set", "Add", "Register", "append", "Swap", "LoadOrStore",
	"CompareAndSwap", "Push", "Insert",
};

static int is_storing_call(const struct ast *ast, uint32_t call)
{
	uint32_t name = ast_call_name(ast, call);
	size_t i;
	for (i = 0; i < ARRAY_SIZE(storing_calls); i++)
		if (ast_text_is(ast, name, storing_calls[i]))
			return 1;
	return 0;
}

/* A call that builds something around its argument: NewX, newX, WithX, WrapX. */
static int is_wrapping_call(const struct ast *ast, uint32_t call)
{
	uint32_t name = ast_call_name(ast, call);
	size_t len;
	const char *s;
	if (name == AST_NONE)
		return 0;
	s = ast_text(ast, name, &len);
	return (len >= 3 && (!memcmp(s, "New", 3) || !memcmp(s, "new", 3))) ||
	       (len >= 4 && (!memcmp(s, "With", 4) || !memcmp(s, "Wrap", 4)));
}

/*
 * How identifier `id` is declared in t->fn: 1 a local (short variable
 * declaration, var, range, parameter or receiver), 2 a named result,
 * 0 not here (a global, or a variable of an enclosing function).
 */
static int declared_where(const struct tracker *t, uint32_t id)
{
	const struct ast *ast = t->ast;
	uint32_t i, end = ast_subtree_end(ast, t->fn), res = ast_field(ast, t->fn, FIELD_result);

	for (i = t->fn + 1; i <= end; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		uint32_t c, list;
		if (k == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (k == AST_parameter_declaration || k == AST_var_spec) {
			ast_for_each_child(ast, i, c)
				if (ast->nodes[c].field == FIELD_name && ast_same_text(ast, c, id))
					return res != AST_NONE && ast_contains(ast, res, i) ? 2 : 1;
			continue;
		}
		if (k != AST_short_var_declaration && k != AST_range_clause)
			continue;
		list = ast_field(ast, i, FIELD_left);
		ast_for_each_child(ast, list, c)
			if (ast_same_text(ast, c, id))
				return 1;
	}
	return 0;
}

static void follow_name(struct tracker *t, uint32_t id, uint32_t after);
static void classify(struct tracker *t, uint32_t e);

/* The value reached the left-hand side `lhs` of an assignment. */
static void bind(struct tracker *t, uint32_t lhs, uint32_t assign)
{
	const struct ast *ast = t->ast;
	uint32_t op;

	lhs = ast_unparen(ast, lhs);
	switch (ast_kind(ast, lhs)) {
	case AST_identifier:
		if (ast_text_is(ast, lhs, "_"))
			return;
		if (is_carrier(t, lhs))
			return;
		if (ast->nodes[assign].kind != AST_short_var_declaration &&
		    declared_where(t, lhs) != 1) {
			t->kept = 1; /* a global, a captured variable or a named result */
			return;
		}
		follow_name(t, lhs, ast->nodes[assign].end);
		return;
	case AST_selector_expression:
		/* c.Transport = tr: the client c now carries it. */
		op = ast_unparen(ast, ast_field(ast, lhs, FIELD_operand));
		if (ast_text_is(ast, ast_field(ast, lhs, FIELD_field), "Transport") &&
		    ast_kind(ast, op) == AST_identifier && declared_where(t, op) == 1) {
			if (!is_carrier(t, op))
				follow_name(t, op, ast->nodes[assign].end);
			return;
		}
		t->kept = 1;
		return;
	default:
		t->kept = 1; /* m[k] = tr, *p = tr, ... */
		return;
	}
}

/* The position of `e` among the children of `list`. */
static uint32_t position_in(const struct ast *ast, uint32_t list, uint32_t e)
{
	uint32_t c, n = 0;
	ast_for_each_child(ast, list, c) {
		if (c == e)
			return n;
		n++;
	}
	return 0;
}

/* Where does the value of expression e (the transport, or a carrier of it) go? */
static void classify(struct tracker *t, uint32_t e)
{
	const struct ast *ast = t->ast;
	uint32_t p, gp, lhs;

	if (t->kept || ++t->steps > 4096)
		return;
	for (;;) {
		p = ast->nodes[e].parent;
		if (p == AST_NONE)
			return;
		if (ast->nodes[p].kind == AST_parenthesized_expression ||
		    (ast->nodes[p].kind == AST_unary_expression &&
		     (ast_text_is(ast, ast_field(ast, p, FIELD_operator), "&") ||
		      ast_text_is(ast, ast_field(ast, p, FIELD_operator), "*")))) {
			e = p;
			continue;
		}
		break;
	}
	switch (ast->nodes[p].kind) {
	case AST_literal_element:
		/* An element of a composite literal: the literal holds it now. */
		if (ast->nodes[p].field == FIELD_key)
			return;
		for (gp = p; gp != AST_NONE && ast->nodes[gp].kind != AST_composite_literal;
		     gp = ast->nodes[gp].parent)
			;
		if (gp != AST_NONE)
			classify(t, gp);
		return;
	case AST_expression_list:
		gp = ast->nodes[p].parent;
		if (ast_kind(ast, gp) == AST_return_statement) {
			t->kept = 1;
			return;
		}
		if ((ast_kind(ast, gp) == AST_short_var_declaration ||
		     ast_kind(ast, gp) == AST_assignment_statement) &&
		    ast->nodes[p].field == FIELD_right) {
			lhs = ast_field(ast, gp, FIELD_left);
			if (ast_child_count(ast, lhs) == ast_child_count(ast, p))
				bind(t, ast_child(ast, lhs, position_in(ast, p, e)), gp);
			else
				bind(t, ast_child(ast, lhs, 0), gp);
			return;
		}
		if (ast_kind(ast, gp) == AST_var_spec && ast->nodes[p].field == FIELD_value) {
			uint32_t c, n = 0, pos = position_in(ast, p, e);
			ast_for_each_child(ast, gp, c)
				if (ast->nodes[c].field == FIELD_name && n++ == pos)
					bind(t, c, gp);
			return;
		}
		if (ast->nodes[p].field == FIELD_left)
			return; /* assigned to, not used */
		t->used = 1;
		return;
	case AST_return_statement:
		t->kept = 1;
		return;
	case AST_send_statement:
		if (ast->nodes[e].field == FIELD_value)
			t->kept = 1;
		return;
	case AST_argument_list:
		gp = ast->nodes[p].parent;
		t->used = 1;
		if (is_storing_call(ast, gp))
			t->kept = 1;
		else if (is_wrapping_call(ast, gp))
			classify(t, gp);
		return;
	case AST_selector_expression:
		gp = ast->nodes[p].parent;
		if (ast_kind(ast, gp) == AST_call_expression && ast_field(ast, gp, FIELD_function) == p) {
			if (!ast_text_is(ast, ast_field(ast, p, FIELD_field), "CloseIdleConnections"))
				t->used = 1;
			return;
		}
		/* tr.DisableKeepAlives = true */
		if (ast_kind(ast, gp) == AST_expression_list && ast->nodes[gp].field == FIELD_left &&
		    ast_text_is(ast, ast_field(ast, p, FIELD_field), "DisableKeepAlives")) {
			uint32_t as = ast->nodes[gp].parent;
			uint32_t right = ast_field(ast, as, FIELD_right);
			if (ast_child_count(ast, gp) == 1 && ast_text_is(ast, ast_child(ast, right, 0), "true"))
				t->disabled = 1;
			return;
		}
		t->used = 1;
		return;
	default:
		t->used = 1;
		return;
	}
}

/*
 * A new carrier: the variable `id` holds the transport (or a client with
 * it) from byte offset `after` on. Classify every later mention, closures
 * included (they run while, or after, the function does).
 */
static void follow_name(struct tracker *t, uint32_t id, uint32_t after)
{
	const struct ast *ast = t->ast;
	uint32_t i, end = ast_subtree_end(ast, t->fn);

	if (t->nr_carriers == MAX_CARRIERS) {
		t->kept = 1; /* too tangled to follow: stay silent */
		return;
	}
	t->carriers[t->nr_carriers++] = id;
	for (i = t->fn + 1; i <= end && !t->kept; i++)
		if (ast->nodes[i].start >= after && ast->nodes[i].kind == AST_identifier &&
		    ast_same_text(ast, i, id))
			classify(t, i);
}

/* ------------------------------------------------------------ closing */

/* True when element `e` calls CloseIdleConnections on a carrier. */
static int closes(const struct tracker *t, uint32_t e)
{
	const struct ast *ast = t->ast;
	uint32_t i, end = ast_subtree_end(ast, e);
	for (i = e; i <= end; i++) {
		uint32_t fn, op;
		if (ast->nodes[i].kind != AST_call_expression ||
		    !ast_text_is(ast, ast_call_name(ast, i), "CloseIdleConnections"))
			continue;
		fn = ast_unparen(ast, ast_field(ast, i, FIELD_function));
		if (ast_kind(ast, fn) != AST_selector_expression)
			continue;
		op = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
		if (ast_kind(ast, op) == AST_unary_expression)
			op = ast_unparen(ast, ast_field(ast, op, FIELD_operand));
		if (is_carrier(t, op))
			return 1;
	}
	return 0;
}

/*
 * True when a path from element (blk, idx) reaches the end with no close,
 * or comes back round a loop to make the next transport while this one
 * is still open.
 */
static int leaks_on_some_path(const struct tracker *t, const struct flow *f, uint32_t blk,
			      uint32_t idx)
{
	unsigned char *seen = xcalloc(f->nr_blocks, 1);
	uint32_t *stack = xcalloc(f->nr_blocks + 1, sizeof(*stack));
	uint32_t *starts = xcalloc(f->nr_blocks + 1, sizeof(*starts));
	size_t sp = 0;
	int found = 0;

	stack[sp] = blk;
	starts[sp++] = idx + 1;
	seen[blk] = 1;
	while (sp && !found) {
		uint32_t b = stack[--sp], i = starts[sp], s;
		const struct flow_block *fb = &f->blocks[b];
		int closed = 0;
		if (b == f->exit) {
			found = 1;
			break;
		}
		for (; i < fb->nr_elems && !closed; i++)
			closed = closes(t, fb->elems[i]);
		if (closed)
			continue;
		for (s = 0; s < fb->nr_succ; s++) {
			uint32_t to = fb->succ[s];
			if (to == blk)
				found = 1;
			if (seen[to])
				continue;
			seen[to] = 1;
			stack[sp] = to;
			starts[sp++] = 0;
		}
	}
	free(seen);
	free(stack);
	free(starts);
	return found;
}

/* ------------------------------------------------------------ per call? */

static int is_test_file(const char *path)
{
	size_t n = strlen(path);
	return n >= 8 && !strcmp(path + n - 8, "_test.go");
}

/*
 * True when code at node `at` runs on every call of a function that runs
 * many times: not at package level, not in init, not in main (or a test,
 * example or fuzz function of a _test.go file: each runs once) outside a
 * loop, not in a constructor.
 */
static int runs_per_call(const struct ast *ast, uint32_t at, int test_file)
{
	uint32_t fn = ast_enclosing_func(ast, at), p;

	/* A literal called where it stands runs as part of its parent. */
	while (fn != AST_NONE && ast->nodes[fn].kind == AST_func_literal) {
		uint32_t up = fn, call;
		while (ast_kind(ast, ast->nodes[up].parent) == AST_parenthesized_expression)
			up = ast->nodes[up].parent;
		call = ast->nodes[up].parent;
		if (ast_kind(ast, call) != AST_call_expression || ast_field(ast, call, FIELD_function) != up)
			break;
		fn = ast_enclosing_func(ast, fn);
	}
	if (fn == AST_NONE)
		return 0; /* package level */
	if (ast->nodes[fn].kind == AST_func_literal)
		return 1; /* a handler, a callback, a goroutine body... */
	if (ast->nodes[fn].kind == AST_function_declaration) {
		uint32_t name = ast_field(ast, fn, FIELD_name);
		if (ast_text_is(ast, name, "init"))
			return 0;
		if (ast_text_is(ast, name, "main") ||
		    (test_file && (ast_func_name_starts(ast, fn, "Test") || ast_func_name_starts(ast, fn, "Example") ||
				   ast_func_name_starts(ast, fn, "Fuzz")))) {
			for (p = ast->nodes[at].parent; p != fn; p = ast->nodes[p].parent)
				if (ast->nodes[p].kind == AST_for_statement)
					return 1;
			return 0;
		}
	}
	if ((ast_func_name_starts(ast, fn, "New") || ast_func_name_starts(ast, fn, "new")) &&
	    ast_field(ast, fn, FIELD_result) != AST_NONE)
		return 0;
	return 1;
}

/* ------------------------------------------------------------ the rule */

/* The http.Client literal whose Transport field is exactly `e`, or AST_NONE. */
static uint32_t carrying_client(const struct ast *ast, uint32_t e, const char *hn)
{
	uint32_t p = ast->nodes[e].parent, ke, lit;
	if (ast_kind(ast, p) != AST_literal_element || ast->nodes[p].field != FIELD_value)
		return AST_NONE;
	ke = ast->nodes[p].parent;
	if (!ast_text_is(ast, element_key(ast, ke), "Transport"))
		return AST_NONE;
	lit = ast->nodes[ast->nodes[ke].parent].parent;
	if (ast_kind(ast, lit) != AST_composite_literal ||
	    !imports_http_type(ast, ast_field(ast, lit, FIELD_type), hn, "Client"))
		return AST_NONE;
	return lit;
}

/* The outermost & or ( ) around e: where a finding about e starts. */
static uint32_t outer_expr(const struct ast *ast, uint32_t e)
{
	for (;;) {
		uint32_t p = ast->nodes[e].parent;
		if (ast_kind(ast, p) == AST_parenthesized_expression ||
		    (ast_kind(ast, p) == AST_unary_expression &&
		     ast_text_is(ast, ast_field(ast, p, FIELD_operator), "&")))
			e = p;
		else
			return e;
	}
}

static void check_creation(struct rule_ctx *rc, uint32_t e, const char *hn, int cloned)
{
	const struct ast *ast = rc->ast;
	struct tracker t = { .ast = ast };
	uint32_t fn = ast_enclosing_func(ast, e), client, anchor, blk, idx, idle, v;
	const struct flow *f;
	char fname[128], fix[256], idle_text[96];
	size_t cl;
	const char *ct;
	int in_loop = 0;

	if (fn == AST_NONE || ast_func_body(ast, fn) == AST_NONE || !runs_per_call(ast, e, is_test_file(rc->file->path)))
		return;
	if (!cloned) {
		v = literal_field(ast, e, "DisableKeepAlives");
		if (v != AST_NONE && !ast_text_is(ast, v, "false"))
			return; /* no pool, nothing idles */
	}
	t.fn = fn;
	classify(&t, e);
	if (t.kept || t.disabled || !t.used)
		return;
	f = lint_flow(rc, fn);
	if (flow_locate(f, ast, e, &blk, &idx)) {
		if (!leaks_on_some_path(&t, f, blk, idx))
			return;
	} else {
		uint32_t i, end = ast_subtree_end(ast, fn);
		for (i = fn; i <= end; i++)
			if (closes(&t, i))
				return;
	}

	anchor = outer_expr(ast, e);
	client = carrying_client(ast, anchor, hn);
	if (client != AST_NONE)
		anchor = outer_expr(ast, client);
	if (ast->nodes[fn].kind == AST_func_literal)
		snprintf(fname, sizeof(fname), "this function literal");
	else
		resource_func_name(ast, fn, fname, sizeof(fname));
	for (v = ast->nodes[e].parent; v != fn && !in_loop; v = ast->nodes[v].parent)
		in_loop = ast->nodes[v].kind == AST_for_statement;
	idle = cloned ? AST_NONE : literal_field(ast, e, "IdleConnTimeout");
	if (cloned)
		snprintf(idle_text, sizeof(idle_text), "for 90s each (the cloned IdleConnTimeout)");
	else if (idle == AST_NONE || ast_text_is(ast, idle, "0"))
		snprintf(idle_text, sizeof(idle_text), "forever, since IdleConnTimeout is zero");
	else
		snprintf(idle_text, sizeof(idle_text), "until IdleConnTimeout closes them");
	if (t.nr_carriers) {
		ct = ast_text(ast, t.carriers[0], &cl);
		snprintf(fix, sizeof(fix),
			 "make the transport once and share it (package level or a constructor), "
			 "or defer %.*s.CloseIdleConnections() where it is made", (int)cl, ct);
	} else {
		snprintf(fix, sizeof(fix),
			 "make the transport once and share it (package level or a constructor), "
			 "or keep it in a variable and defer its CloseIdleConnections()");
	}
	lint_report(rc, anchor, fix,
		    "%s makes a new %s on every call and never closes it: each call leaves its idle "
		    "keep-alive connections, with two goroutines each (readLoop, writeLoop), behind %s",
		    fname, client != AST_NONE ? "http.Client with its own http.Transport" : "http.Transport",
		    idle_text);
}

/* True for http.DefaultTransport.(*http.Transport).Clone(). */
static int clones_default(const struct ast *ast, uint32_t call, const char *hn)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), op;
	if (ast_kind(ast, fn) != AST_selector_expression ||
	    !ast_text_is(ast, ast_field(ast, fn, FIELD_field), "Clone"))
		return 0;
	op = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
	if (ast_kind(ast, op) != AST_type_assertion_expression)
		return 0;
	return imports_http_value(ast, ast_field(ast, op, FIELD_operand), hn, "DefaultTransport");
}

static void check(struct rule_ctx *rc)
{
	const struct ast *ast = rc->ast;
	const char *hn = rc->file->imports->http;
	uint32_t i;

	if (!rc->file->imports->uses_http)
		return;
	for (i = 0; i < ast->nr; i++) {
		if (ast->nodes[i].kind == AST_composite_literal &&
		    imports_http_type(ast, ast_field(ast, i, FIELD_type), hn, "Transport"))
			check_creation(rc, i, hn, 0);
		else if (ast->nodes[i].kind == AST_call_expression && clones_default(ast, i, hn))
			check_creation(rc, i, hn, 1);
	}
}

const struct rule rule_transport_per_call = {
	.id = "transport-per-call",
	.summary = "an http.Transport made per call and never closed leaves idle connections and their goroutines behind",
	.severity = "warning",
	.default_on = 1,
	.needles = needles,
	.check = check,
};
