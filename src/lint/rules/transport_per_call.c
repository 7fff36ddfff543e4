/*
 * transport_per_call.c - a new http.Transport made on every call and
 * dropped without CloseIdleConnections (seed C4). Each transport keeps
 * its own pool of idle keep-alive connections, each with a read and a
 * write goroutine; the next call's transport cannot reuse them, and
 * dropping the transport does not close them: they linger until
 * IdleConnTimeout, forever when it is zero.
 *
 * A creation is `http.Transport{...}` (any & or parentheses around it)
 * or `http.DefaultTransport.(*http.Transport).Clone()`.
 *
 * Does it outlive the call? Without types, the rule follows the value
 * through the function it is made in, judging each place it reaches with
 * ownership.h: the variables it is assigned to, the composite literals
 * that hold it (`&http.Client{Transport: t}`, `&httputil.ReverseProxy{...}`,
 * an SDK's config struct), the fields of local values it is stored in
 * (`c.Transport = t`), the results of calls it is passed to
 * (`otelhttp.NewTransport(t)`, `http.RoundTripper(t)`: the result may hold
 * it), helpers of the same file (followed into, parameter by parameter),
 * and closures that capture it. Each of these "carriers" can close it
 * (`CloseIdleConnections` on the transport or the client) or keep it:
 * store it where it outlives the call (ownership_store_outlives()), send
 * it, hand it to a goroutine or to a call that registers or stores
 * (Set..., Register..., With..., Handle..., append, ListenAndServe...).
 * A field filled on a value receiver (`func (r Req) Do() { r.tr =
 * &http.Transport{} }`) is a copy dropped on return: not kept.
 *
 * Returned as it is (or in a literal), it goes to the caller: the callers
 * in this file are judged the same way (check_callers()), those in the
 * package's other files through the call graph (facts_callers(): a caller
 * that only sends requests through it drops it). Returned through a call
 * we cannot see into, nobody can tell what holds it: silent.
 *
 * Reported when the creation runs per call, some carrier is used,
 * nothing keeps it, connections are pooled (keep-alives on, requests not
 * asking to close, a dial function that dials), and a path in the flow
 * graph goes from the creation to the function's end without a
 * CloseIdleConnections (a deferred one counts for every path).
 *
 * Runs once, so not per call: package level, what the package's call
 * graph says runs once (facts_site_runs_once(): init and main, what a CLI
 * command runs, start-up functions, and what only the package can call and
 * calls only from those, in any of its files), a poller that uses it until
 * it is stopped, constructors (New.../new... with a result), and code under
 * a test hook (`if testDialer != nil {...}`). Inside any of them a loop
 * makes it per iteration again. An exported function, a method or a
 * handler is assumed to run many times.
 *
 * Rules enabled alongside change which files the engine parses; the call
 * graph is built from a fixed set of them (facts_call_graph_needles, this
 * rule's fact_needles), and the package's written types are used only for
 * what a file writes itself (types_from_node()), so the findings are the
 * same whichever rules run.
 */
#include "lint/lint.h"
#include "lint/facts.h"
#include "lint/imports.h"
#include "lint/flow.h"
#include "lint/ownership.h"
#include "lint/resource.h"

static const char *const needles[] = { "Transport", NULL };

/* ------------------------------------------------------------ small syntax helpers */

/* The value of field `key` in composite literal `lit`, or AST_NONE. */
static uint32_t literal_field(const struct ast *ast, uint32_t lit, const char *key)
{
	uint32_t body = ast_field(ast, lit, FIELD_body), c;
	if (body == AST_NONE)
		return AST_NONE;
	ast_for_each_child(ast, body, c)
		if (ast_kind(ast, c) == AST_keyed_element && ast_text_is(ast, ast_key_name(ast, c), key)) {
			uint32_t v = ast_field(ast, c, FIELD_value);
			return v == AST_NONE ? AST_NONE : ast_unparen(ast, ast->nodes[v].first);
		}
	return AST_NONE;
}

/* True when call's value is dropped: a statement of its own, or a go or defer. */
static int result_dropped(const struct ast *ast, uint32_t call)
{
	enum ast_kind k = ast_kind(ast, ast->nodes[ast_value_top(ast, call)].parent);
	return k == AST_expression_statement || k == AST_go_statement || k == AST_defer_statement ||
	       k == AST_statement_list || k == AST_block;
}

/* ------------------------------------------------------------ following the value */

#define MAX_CARRIERS 16

struct carrier {
	uint32_t name;  /* an identifier naming it (compared by text) */
	uint32_t field; /* the field of it that holds the transport, or AST_NONE: it is the transport */
	uint32_t decl;  /* the statement that made it a carrier, for shadowing */
	int copy;       /* a value parameter or receiver: its fields die with the call */
	int opaque;     /* the result of a call we cannot see into (an SDK's client) */
};

struct tracker {
	struct rule_ctx *rc;
	const struct ast *ast;
	const struct imports *imp;
	const char *hn;
	uint32_t fn; /* the function the transport is made in */
	struct carrier carriers[MAX_CARRIERS];
	size_t nr_carriers;
	int kept, used, disabled, in_client;
	int returned; /* handed to the caller: the callers decide (check_callers) */
	int returned_opaque; /* ... through a call we cannot see into */
	int depth;    /* of helpers of this file followed into (callee_fate) */
	uint32_t origin; /* the call whose result is the transport (check_callers), not opaque */
	uint32_t idle; /* the last IdleConnTimeout assigned through a carrier, or AST_NONE */
	uint32_t closures[MAX_CARRIERS]; /* func literals that capture a carrier, judged once */
	size_t nr_closures;
	unsigned steps; /* bounds the work on pathological input */
};

static int is_carrier(const struct tracker *t, uint32_t id)
{
	size_t i;
	if (ast_kind(t->ast, id) != AST_identifier)
		return 0;
	for (i = 0; i < t->nr_carriers; i++)
		if (ast_same_text(t->ast, t->carriers[i].name, id))
			return 1;
	return 0;
}

/*
 * Calls that keep what they are given: containers, registries, setters,
 * builders, handler registration, a server that serves until the process
 * ends. Matched as a prefix followed by an upper-case letter or nothing
 * (`SetTransport`, `RegisterProtocol`, `WithHTTPClient`, `HandleFunc`);
 * the first ones in lower case too (`setHTTPClient`), the others only
 * exported (`handleResponse(c, ...)` is a helper that uses it).
 */
static const char *const storing_prefixes[] = {
	"Set", "Store", "Put", "Add", "Register", "With",
};
static const char *const exported_storing_prefixes[] = {
	"Push", "Insert", "Swap", "LoadOrStore", "CompareAndSwap", "Handle", "Handler", "Use", "Mount",
	"Replace",
};

/* A server that serves until it stops: what it is given, or what it is, lives as long. */
static const char *const serving_names[] = {
	"ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS",
};

/* Calls that send a request through a client given as argument: the result is a response. */
static const char *const request_names[] = {
	"Get", "Post", "PostForm", "Head", "RoundTrip", "Send", "Fetch", "Call",
};

static int is_storing_call(const struct ast *ast, uint32_t call)
{
	uint32_t name = ast_call_name(ast, call);
	size_t i;
	if (ast_text_is(ast, name, "append") || ast_text_in(ast, name, serving_names, ARRAY_SIZE(serving_names)))
		return 1;
	if (ast_text_contains(ast, name, "Opt"))
		return 1; /* an SDK option: ClientOptHTTPClient(c), HTTPClientOption(c) */
	for (i = 0; i < ARRAY_SIZE(storing_prefixes); i++)
		if (ast_name_like_any_case(ast, name, storing_prefixes[i]))
			return 1;
	for (i = 0; i < ARRAY_SIZE(exported_storing_prefixes); i++)
		if (ast_name_like(ast, name, exported_storing_prefixes[i]))
			return 1;
	return 0;
}

static int is_request_call(const struct ast *ast, uint32_t call)
{
	uint32_t name = ast_call_name(ast, call);
	return ast_text_in(ast, name, request_names, ARRAY_SIZE(request_names)) ||
	       ast_name_like_any_case(ast, name, "Do");
}

static void follow_name(struct tracker *t, uint32_t id, uint32_t field, uint32_t decl, int copy,
			int opaque);
static void classify(struct tracker *t, uint32_t e, uint32_t field);
static void captured(struct tracker *t, uint32_t at);

/*
 * True when variable `id`, assigned by statement `decl`, is later used as
 * a response (`v.Body`, `v.StatusCode`, `v.Header`): the result of a call
 * that was given the client, not a wrapper around it.
 */
static int used_as_response(const struct tracker *t, uint32_t id, uint32_t decl)
{
	const struct ast *ast = t->ast;
	uint32_t i, end = ast_subtree_end(ast, t->fn);
	static const char *const fields[] = { "Body", "StatusCode", "Status", "Header" };

	for (i = decl; i <= end; i++) {
		uint32_t p;
		if (ast->nodes[i].kind != AST_identifier || ast->nodes[i].start < ast->nodes[decl].end ||
		    !ast_same_text(ast, i, id))
			continue;
		p = ast->nodes[i].parent;
		if (ast_kind(ast, p) == AST_selector_expression && ast_field(ast, p, FIELD_operand) == i &&
		    ast_text_in(ast, ast_field(ast, p, FIELD_field), fields, ARRAY_SIZE(fields)))
			return 1;
	}
	return 0;
}

/*
 * The value is stored into `target`, the left side of assignment
 * `assign`: kept when the store outlives the call, else whatever now
 * holds it becomes a carrier.
 */
static void store(struct tracker *t, uint32_t target, uint32_t assign, uint32_t field, int from_call)
{
	const struct ast *ast = t->ast;
	uint32_t root = ast_operand_root(ast, target), f, holder = AST_NONE, hfield;
	int copy = 0, outlives = 1;

	target = ast_unparen(ast, target);
	if (ast_is_blank(ast, target))
		return;
	if (root == AST_NONE || (ast_kind(ast, target) != AST_identifier &&
				 ast_kind(ast, target) != AST_selector_expression)) {
		t->kept = 1; /* m[k] = v, *p = v, s[i] = v */
		return;
	}
	if (ast_kind(ast, target) == AST_identifier && ast_enclosing_func(ast, assign) == t->fn &&
	    ownership_scope(ast, t->fn, target, NULL) == SCOPE_RESULT) {
		t->returned = 1; /* a named result */
		if (from_call)
			t->returned_opaque = 1;
		if (!is_carrier(t, target))
			follow_name(t, target, field, assign, 0, from_call);
		return;
	}
	/* Judge in the function that declares the root, from the innermost out. */
	for (f = ast_enclosing_func(ast, assign); f != AST_NONE; f = ast_enclosing_func(ast, f)) {
		if (ownership_scope(ast, f, root, NULL) != SCOPE_OUTSIDE) {
			outlives = ownership_store_outlives(ast, f, target, &holder, &copy);
			break;
		}
		if (f == t->fn)
			break;
	}
	if (outlives || holder == AST_NONE) {
		t->kept = 1; /* a global, a named result, a field through a pointer */
		return;
	}
	if (ast_kind(ast, target) == AST_selector_expression) {
		/* c.Transport = tr, proxy.Transport = tr, r.tr = tr (a copy) */
		hfield = ast_field(ast, target, FIELD_field);
		if (is_carrier(t, holder))
			return;
		follow_name(t, holder, hfield, assign, copy, 0);
		return;
	}
	if (is_carrier(t, holder))
		return;
	if (from_call && (ast_text_is(ast, holder, "err") || ast_text_ends_with(ast, holder, "Err") ||
			  used_as_response(t, holder, assign)))
		return; /* an error or a response came back, not a wrapper */
	follow_name(t, holder, field, assign, 0, from_call);
}

/*
 * The declaration in this file of the function or method that `call`
 * calls, or AST_NONE: none, another package's, or several methods of the
 * name (methods are matched by name only).
 */
static uint32_t local_callee(const struct ast *ast, const struct imports *imp, uint32_t call)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), name, op, d, found = AST_NONE;
	enum ast_kind want;
	size_t len, plen;
	const char *txt;

	if (ast_kind(ast, fn) == AST_identifier) {
		name = fn;
		want = AST_function_declaration;
	} else if (ast_kind(ast, fn) == AST_selector_expression) {
		op = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
		if (ast_kind(ast, op) == AST_identifier) {
			txt = ast_text(ast, op, &len);
			if (imports_path(imp, txt, len, &plen))
				return AST_NONE; /* pkg.F */
		}
		name = ast_field(ast, fn, FIELD_field);
		want = AST_method_declaration;
	} else {
		return AST_NONE;
	}
	ast_for_each_child(ast, 0, d)
		if (ast_kind(ast, d) == want && ast_same_text(ast, ast_field(ast, d, FIELD_name), name)) {
			if (found != AST_NONE)
				return AST_NONE;
			found = d;
		}
	return found;
}

enum fate { FATE_UNKNOWN, FATE_USES, FATE_KEEPS, FATE_RETURNS };

/*
 * What a helper of this file does with the value given as argument `arg`
 * of `call`: follows its parameter through its body like the value itself.
 */
static enum fate callee_fate(struct tracker *t, uint32_t call, uint32_t arg)
{
	const struct ast *ast = t->ast;
	uint32_t decl = local_callee(ast, t->imp, call), param, c, args = ast->nodes[arg].parent;
	struct tracker sub = { .rc = t->rc, .ast = ast, .imp = t->imp, .hn = t->hn, .idle = AST_NONE };
	int idx = 0;

	if (decl == AST_NONE || t->depth >= 3 || ast_func_body(ast, decl) == AST_NONE)
		return FATE_UNKNOWN;
	ast_for_each_child(ast, args, c) {
		if (c == arg)
			break;
		idx++;
	}
	if (ast_kind(ast, ast->nodes[arg].next) == AST_variadic_argument)
		return FATE_UNKNOWN;
	param = ownership_param(ast, decl, idx);
	if (param == AST_NONE || ast_kind(ast, ast->nodes[param].parent) != AST_parameter_declaration)
		return FATE_UNKNOWN;
	sub.fn = decl;
	sub.depth = t->depth + 1;
	follow_name(&sub, param, AST_NONE, ast->nodes[param].parent, 0, 0);
	if (sub.disabled)
		t->disabled = 1;
	return sub.kept ? FATE_KEEPS : sub.returned ? FATE_RETURNS : FATE_USES;
}

/* True when value e is, or names, the result of a call we cannot see into. */
static int is_opaque(const struct tracker *t, uint32_t e)
{
	size_t i;
	e = ast_unparen(t->ast, e);
	if (ast_kind(t->ast, e) == AST_call_expression)
		return e != t->origin;
	if (ast_kind(t->ast, e) != AST_identifier)
		return 0;
	for (i = 0; i < t->nr_carriers; i++)
		if (ast_same_text(t->ast, t->carriers[i].name, e))
			return t->carriers[i].opaque;
	return 0;
}

/* The value is argument `arg` of `call`. */
static void passed(struct tracker *t, uint32_t call, uint32_t arg)
{
	const struct ast *ast = t->ast;
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	static const char *const builtins[] = { "len", "cap", "print", "println", "panic", "copy", "delete" };

	if (ast_kind(ast, fn) == AST_identifier && ast_text_in(ast, fn, builtins, ARRAY_SIZE(builtins)))
		return;
	if (ast_kind(ast, fn) == AST_selector_expression &&
	    ast_text_is(ast, ast_field(ast, fn, FIELD_field), "CloseIdleConnections"))
		return;
	t->used = 1;
	/* A helper of this file: what it does decides. */
	switch (callee_fate(t, call, arg)) {
	case FATE_KEEPS:
		t->kept = 1;
		return;
	case FATE_RETURNS:
		if (!result_dropped(ast, call))
			classify(t, call, AST_NONE);
		return;
	case FATE_USES:
		return;
	default:
		break;
	}
	if (is_storing_call(ast, call)) {
		t->kept = 1;
		return;
	}
	/* A conversion, a wrapper, an option, a constructor: its result may hold the value. */
	if (!result_dropped(ast, call) && !is_request_call(ast, call))
		classify(t, call, AST_NONE);
}

/* A method named like one that derives a client from another (not one that sends a request). */
static int derives_client(const struct ast *ast, uint32_t name)
{
	static const char *const words[] = { "Client", "Service", "Transport", "Session", "API", "Api" };
	size_t i;
	if (ast_name_like(ast, name, "New") || ast_name_like(ast, name, "With"))
		return 1;
	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (ast_text_contains(ast, name, words[i]))
			return 1;
	return 0;
}

/*
 * The value is the operand of selector `sel` (`v.f`); `c` is the carrier
 * named v, or NULL when v is the value itself (a literal, a call).
 */
static void selected(struct tracker *t, uint32_t sel, const struct carrier *c)
{
	const struct ast *ast = t->ast;
	uint32_t field = ast_field(ast, sel, FIELD_field), top = ast_value_top(ast, sel);
	uint32_t p = ast->nodes[top].parent, as, right;

	if (c && c->field != AST_NONE && ast_same_text(ast, field, c->field)) {
		classify(t, sel, AST_NONE); /* the field that holds the transport */
		return;
	}
	if (ast_kind(ast, p) == AST_call_expression && ast_field(ast, p, FIELD_function) == top) {
		if (ast_text_is(ast, field, "CloseIdleConnections") || (c && c->copy))
			return;
		t->used = 1; /* client.Do(req), tr.RoundTrip(req) */
		if (ast_text_in(ast, field, serving_names, ARRAY_SIZE(serving_names))) {
			t->kept = 1; /* a server holding it serves until it stops */
			return;
		}
		/* a client an SDK derives from it holds it too: svc.ServiceClient(), c.NewBucketClient(b) */
		if ((c ? c->opaque : ast_kind(ast, ast_unparen(ast, ast_field(ast, sel, FIELD_operand))) ==
			      AST_call_expression) &&
		    !result_dropped(ast, p) && derives_client(ast, field))
			classify(t, p, AST_NONE);
		return;
	}
	if (c && c->field != AST_NONE)
		return; /* another field of the holder */
	/* tr.DisableKeepAlives = true, tr.IdleConnTimeout = d */
	if (ast_kind(ast, p) == AST_expression_list && ast->nodes[p].field == FIELD_left &&
	    ast_child_count(ast, p) == 1) {
		as = ast->nodes[p].parent;
		right = ast_child(ast, ast_field(ast, as, FIELD_right), 0);
		if (ast_text_is(ast, field, "DisableKeepAlives") && ast_text_is(ast, right, "true"))
			t->disabled = 1;
		else if (ast_text_is(ast, field, "IdleConnTimeout"))
			t->idle = right;
	}
}

/*
 * Where does the value of expression e (the transport, or something
 * holding it in `field`) go?
 */
static void classify(struct tracker *t, uint32_t e, uint32_t field)
{
	const struct ast *ast = t->ast;
	uint32_t p, lit;
	struct use u;

	if (t->kept || ++t->steps > 4096)
		return;
	e = ast_value_top(ast, e);
	p = ast->nodes[e].parent;
	if (p == AST_NONE)
		return;
	switch (ast_kind(ast, p)) {
	case AST_selector_expression:
		if (ast_field(ast, p, FIELD_operand) == e)
			selected(t, p, NULL);
		return;
	case AST_argument_list:
		passed(t, ast->nodes[p].parent, e);
		return;
	case AST_literal_element:
	case AST_keyed_element:
		if (ast->nodes[p].field == FIELD_key)
			return;
		/* The composite literal around it holds it now. */
		if (ast_kind(ast, p) == AST_literal_element)
			p = ast->nodes[p].parent;
		field = ast_kind(ast, p) == AST_keyed_element ? ast_key_name(ast, p) : AST_NONE;
		for (lit = p; lit != AST_NONE && ast->nodes[lit].kind != AST_composite_literal;
		     lit = ast->nodes[lit].parent)
			;
		if (lit == AST_NONE)
			return;
		if (imports_http_type(ast, ast_field(ast, lit, FIELD_type), t->hn, "Client"))
			t->in_client = 1;
		classify(t, lit, field);
		return;
	default:
		break;
	}
	ownership_classify_value(ast, t->imp, e, &u);
	switch (u.kind) {
	case USE_TAKE:
		/* returned, sent, &v, or stored through an assignment */
		if (ast_kind(ast, p) == AST_expression_list && ast->nodes[p].field == FIELD_right) {
			uint32_t assign = ast->nodes[p].parent, left = ast_field(ast, assign, FIELD_left);
			uint32_t n = 0, c, i = 0;
			ast_for_each_child(ast, p, c) {
				if (c == e)
					i = n;
				n++;
			}
			if (n != ast_child_count(ast, left))
				i = 0; /* v, err := f(...) */
			store(t, ast_child(ast, left, i), assign, field, ast_kind(ast, e) == AST_call_expression);
			return;
		}
		if ((ast_kind(ast, p) == AST_return_statement ||
		     ast_kind(ast, ast->nodes[p].parent) == AST_return_statement) &&
		    ast_enclosing_func(ast, e) == t->fn) {
			/*
			 * Handed to the caller: the callers decide. Through a call
			 * we cannot see (an SDK's client, a conversion) nobody can
			 * tell what holds it: check_creation() stays silent.
			 */
			t->returned = 1;
			if (is_opaque(t, e))
				t->returned_opaque = 1;
			return;
		}
		t->kept = 1;
		return;
	case USE_ALIAS:
		/* p is the right side of a :=, = or var spec */
		store(t, u.alias, ast->nodes[p].parent, field, ast_kind(ast, e) == AST_call_expression);
		return;
	default:
		return; /* compared, overwritten, read */
	}
}

/*
 * A mention at `at` inside a func literal of t->fn: the literal captures
 * the carrier, so it holds the transport as long as the literal lives
 * (a handler returned or registered keeps it).
 */
static void captured(struct tracker *t, uint32_t at)
{
	const struct ast *ast = t->ast;
	uint32_t lit = AST_NONE, p;
	size_t k;

	for (p = ast->nodes[at].parent; p != AST_NONE && p != t->fn; p = ast->nodes[p].parent)
		if (ast->nodes[p].kind == AST_func_literal)
			lit = p;
	if (lit == AST_NONE || t->kept)
		return;
	for (k = 0; k < t->nr_closures; k++)
		if (t->closures[k] == lit)
			return;
	if (t->nr_closures == ARRAY_SIZE(t->closures)) {
		t->kept = 1; /* too tangled to follow: stay silent */
		return;
	}
	t->closures[t->nr_closures++] = lit;
	classify(t, lit, AST_NONE);
}

/*
 * A new carrier: the variable `id` holds the transport (or, in `field`, a
 * value holding it) from statement `decl` on. Classify every later mention
 * of the same variable, closures included (they run while, or after, the
 * function does); a mention inside a go statement hands it to a goroutine.
 */
static void follow_name(struct tracker *t, uint32_t id, uint32_t field, uint32_t decl, int copy,
			int opaque)
{
	const struct ast *ast = t->ast;
	uint32_t i, end = ast_subtree_end(ast, t->fn), after = ast->nodes[decl].end, p, a;
	struct carrier *c;

	if (t->nr_carriers == MAX_CARRIERS) {
		t->kept = 1; /* too tangled to follow: stay silent */
		return;
	}
	c = &t->carriers[t->nr_carriers++];
	c->name = id;
	c->field = field;
	c->decl = decl;
	c->copy = copy;
	c->opaque = opaque;
	for (i = t->fn + 1; i <= end && !t->kept; i++) {
		if (ast->nodes[i].kind != AST_identifier || ast->nodes[i].start < after ||
		    !ast_same_text(ast, i, id) || !ast_same_variable(ast, decl, i))
			continue;
		for (a = ast->nodes[i].parent; a != t->fn && a != AST_NONE; a = ast->nodes[a].parent)
			if (ast->nodes[a].kind == AST_go_statement)
				t->kept = 1;
		if (t->kept)
			break;
		p = ast->nodes[i].parent;
		if (ast_kind(ast, p) == AST_selector_expression && ast_field(ast, p, FIELD_operand) == i)
			selected(t, p, c);
		else
			classify(t, i, field); /* the whole of it: returned, passed, called... */
		captured(t, i);
	}
}

/* ------------------------------------------------------------ closing */

/* True when element `e` calls CloseIdleConnections on a carrier (or through one). */
static int closes(const struct tracker *t, uint32_t e)
{
	const struct ast *ast = t->ast;
	uint32_t i, end = ast_subtree_end(ast, e);
	for (i = e; i <= end; i++) {
		uint32_t fn;
		if (ast->nodes[i].kind != AST_call_expression ||
		    !ast_text_is(ast, ast_call_name(ast, i), "CloseIdleConnections"))
			continue;
		fn = ast_unparen(ast, ast_field(ast, i, FIELD_function));
		if (ast_kind(ast, fn) == AST_selector_expression &&
		    is_carrier(t, ast_operand_root(ast, ast_field(ast, fn, FIELD_operand))))
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

/* ------------------------------------------------------------ runs once or per call? */

/*
 * True when code at `at` only runs under a test hook: a package variable
 * named test... in the condition (`if testDial != nil {...}`), or
 * testing.Testing().
 */
static int under_test_hook(const struct ast *ast, uint32_t at, uint32_t fn)
{
	uint32_t p, child = at, cond, i, end;
	for (p = ast->nodes[at].parent; p != AST_NONE && p != fn; child = p, p = ast->nodes[p].parent) {
		if (ast->nodes[p].kind != AST_if_statement || ast_field(ast, p, FIELD_consequence) != child)
			continue;
		cond = ast_field(ast, p, FIELD_condition);
		end = ast_subtree_end(ast, cond);
		for (i = cond; i <= end; i++)
			if ((ast->nodes[i].kind == AST_identifier && ast_name_like(ast, i, "test") &&
			     ast->nodes[i].end - ast->nodes[i].start > 4 && !ast_declared_in(ast, fn, i)) ||
			    (ast->nodes[i].kind == AST_call_expression && ast_call_is(ast, i, "testing", "Testing")))
				return 1;
	}
	return 0;
}

/* True when node n holds (not in a func literal) a node for which `pred` is true. */
static int holds(const struct ast *ast, uint32_t n, int (*pred)(const struct ast *, uint32_t))
{
	uint32_t i, end = ast_subtree_end(ast, n);
	for (i = n; i <= end; i++) {
		if (ast->nodes[i].kind == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (pred(ast, i))
			return 1;
	}
	return 0;
}

/* A wait for the next tick: time.Sleep(d), <-t.C, <-ctx.Done(), <-time.After(d). */
static int is_tick_wait(const struct ast *ast, uint32_t n)
{
	uint32_t op;
	if (ast->nodes[n].kind == AST_call_expression)
		return ast_call_is(ast, n, "time", "Sleep");
	if (ast->nodes[n].kind != AST_unary_expression ||
	    !ast_text_is(ast, ast_field(ast, n, FIELD_operator), "<-"))
		return 0;
	op = ast_unparen(ast, ast_field(ast, n, FIELD_operand));
	if (ast_kind(ast, op) == AST_selector_expression)
		return ast_text_is(ast, ast_field(ast, op, FIELD_field), "C");
	return ast_kind(ast, op) == AST_call_expression &&
	       (ast_text_is(ast, ast_call_name(ast, op), "Done") || ast_call_is(ast, op, "time", "After") ||
		ast_call_is(ast, op, "time", "Tick"));
}

/*
 * True when function fn, after node `at`, polls until it is stopped:
 * `for { ... <-tick.C ... }`, `for range ticker.C`. What it makes before
 * the loop is used for its whole life, not per call.
 */
static int polls_until_stopped(const struct ast *ast, uint32_t fn, uint32_t at)
{
	uint32_t body = ast_func_body(ast, fn), i, end, c, right;
	if (body == AST_NONE)
		return 0;
	end = ast_subtree_end(ast, body);
	for (i = body; i <= end; i++) {
		if (ast->nodes[i].kind == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind != AST_for_statement || ast->nodes[i].start < ast->nodes[at].end)
			continue;
		c = ast->nodes[i].first;
		if (ast_kind(ast, c) == AST_block && holds(ast, c, is_tick_wait))
			return 1; /* for { ... } */
		if (ast_kind(ast, c) == AST_range_clause) {
			right = ast_unparen(ast, ast_field(ast, c, FIELD_right));
			if ((ast_kind(ast, right) == AST_selector_expression &&
			     ast_text_is(ast, ast_field(ast, right, FIELD_field), "C")) ||
			    (ast_kind(ast, right) == AST_call_expression && ast_call_is(ast, right, "time", "Tick")))
				return 1;
		}
	}
	return 0;
}

/*
 * True when code at node `at` runs on every call of a function that runs
 * many times: not at package level, under a test hook, before a poller's
 * loop, nor where the package's call graph says it runs once
 * (facts_site_runs_once(): main, init, what a CLI command runs, and what
 * only those reach, across the package's files).
 */
static int runs_per_call(struct rule_ctx *rc, uint32_t at)
{
	const struct ast *ast = rc->ast;
	uint32_t fn = ast_enclosing_func(ast, at);

	if (fn == AST_NONE)
		return 0; /* package level */
	if (under_test_hook(ast, at, fn))
		return 0;
	if (!ast_in_loop(ast, at, fn) && polls_until_stopped(ast, fn, at))
		return 0;
	return !facts_site_runs_once(rc->facts, rc->file, at);
}

/* ------------------------------------------------------------ the rule */

/* The http.Client literal whose Transport field is exactly `e`, or AST_NONE. */
static uint32_t carrying_client(const struct ast *ast, uint32_t e, const char *hn)
{
	uint32_t p = ast->nodes[e].parent, ke, lit;
	if (ast_kind(ast, p) != AST_literal_element || ast->nodes[p].field != FIELD_value)
		return AST_NONE;
	ke = ast->nodes[p].parent;
	if (!ast_text_is(ast, ast_key_name(ast, ke), "Transport"))
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

static size_t field_len(const struct ast *ast, uint32_t n)
{
	return n == AST_NONE ? 0 : ast->nodes[n].end - ast->nodes[n].start;
}

static const char *field_text(const struct ast *ast, uint32_t n)
{
	return n == AST_NONE ? "" : ast->src + ast->nodes[n].start;
}

/* "until IdleConnTimeout ..." for the message. */
static void describe_idle(const struct tracker *t, uint32_t e, int cloned, char *buf, size_t size)
{
	const struct ast *ast = t->ast;
	uint32_t idle = t->idle != AST_NONE ? t->idle : cloned ? AST_NONE : literal_field(ast, e, "IdleConnTimeout");
	size_t len;
	const char *s;

	if (idle == AST_NONE && cloned) {
		snprintf(buf, size, "IdleConnTimeout (90s, cloned from http.DefaultTransport)");
		return;
	}
	if (idle == AST_NONE || ast_text_is(ast, idle, "0")) {
		snprintf(buf, size, "IdleConnTimeout, which is zero here: forever");
		return;
	}
	s = ast_text(ast, idle, &len);
	if (len > 40 || memchr(s, '\n', len))
		snprintf(buf, size, "IdleConnTimeout");
	else
		snprintf(buf, size, "IdleConnTimeout (%.*s)", (int)len, s);
}

/* `req.Close = true`, `req.Header.Set("Connection", "close")`: the connection is not pooled. */
static int is_close_request(const struct ast *ast, uint32_t n)
{
	return facts_closes_connection(ast, n);
}

/* A call that dials: net.Dial, d.DialContext, tls.DialWithDialer, dialer(...)... */
static int is_dial_call(const struct ast *ast, uint32_t n)
{
	uint32_t name;
	if (ast->nodes[n].kind != AST_call_expression)
		return 0;
	name = ast_call_name(ast, n);
	if (name == AST_NONE)
		return ast_kind(ast, ast_unparen(ast, ast_field(ast, n, FIELD_function))) != AST_func_literal;
	return ast_text_contains(ast, name, "Dial") || ast_text_contains(ast, name, "dial") ||
	       ast_text_contains(ast, name, "Conn") || ast_text_contains(ast, name, "conn");
}

/*
 * True when transport literal `lit` dials nothing of its own: its dial
 * functions are literals that only hand over a connection made before
 * (`DialTLSContext: func(...) { return <-connc, nil }`), which the caller
 * owns and closes.
 */
static int dials_nothing(const struct ast *ast, uint32_t lit)
{
	static const char *const fields[] = { "DialContext", "DialTLSContext", "Dial", "DialTLS" };
	uint32_t v;
	size_t i;
	int predialed = 0;

	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		v = literal_field(ast, lit, fields[i]);
		if (v == AST_NONE)
			continue;
		if (ast_kind(ast, v) != AST_func_literal)
			return 0;
		if (holds(ast, ast_func_body(ast, v), is_dial_call))
			return 0;
		predialed = 1;
	}
	return predialed;
}

/* A constructor: New.../new... with a result. Made to be called once and kept. */
static int is_constructor(const struct ast *ast, uint32_t fn)
{
	return ast->nodes[fn].kind != AST_func_literal &&
	       (ast_func_name_starts(ast, fn, "New") || ast_func_name_starts(ast, fn, "new")) &&
	       ast_field(ast, fn, FIELD_result) != AST_NONE;
}

static void func_name(const struct ast *ast, uint32_t fn, char *buf, size_t size)
{
	if (ast->nodes[fn].kind == AST_func_literal)
		snprintf(buf, size, "this function literal");
	else
		resource_func_name(ast, fn, buf, size);
}

/* Who gets the transport and drops it, for the message. */
struct user {
	const char *name;    /* a caller it was returned to ("serve", "serve (a.go:12)"), or NULL: its own function */
	int iteration;       /* per loop iteration rather than per call */
	const char *carrier; /* a variable that holds it there, or NULL */
	size_t carrier_len;
	int in_client;       /* it is put in an http.Client there */
};

/* The user of tracker tu, in function `fn`, at node `at`. */
static void user_of(const struct ast *ast, const struct tracker *tu, uint32_t fn, uint32_t at, char *buf,
		    size_t size, struct user *u)
{
	size_t i;

	memset(u, 0, sizeof(*u));
	if (buf) {
		func_name(ast, fn, buf, size);
		u->name = buf;
	}
	u->iteration = ast_in_loop(ast, at, fn);
	u->in_client = tu->in_client;
	for (i = 0; i < tu->nr_carriers && !u->carrier; i++)
		if (!tu->carriers[i].copy)
			u->carrier = ast_text(ast, tu->carriers[i].name, &u->carrier_len);
}

/* Report the transport made at `e` (tracked by tc), that `u` uses and drops. */
static void report(struct rule_ctx *rc, uint32_t e, const char *hn, int cloned, const struct tracker *tc,
		   const struct user *u)
{
	const struct ast *ast = rc->ast;
	uint32_t anchor, client;
	char fname[128], fix[256], idle_text[128], copy[160], how[640];
	size_t cl = 0, i;
	const char *what;

	anchor = outer_expr(ast, e);
	client = carrying_client(ast, anchor, hn);
	if (client != AST_NONE)
		anchor = outer_expr(ast, client);
	what = client != AST_NONE || tc->in_client || u->in_client ? "http.Client with its own http.Transport" :
								     "http.Transport";
	func_name(ast, ast_enclosing_func(ast, e), fname, sizeof(fname));
	describe_idle(tc, e, cloned, idle_text, sizeof(idle_text));
	copy[0] = 0;
	for (i = 0; i < tc->nr_carriers && !u->name; i++) {
		if (tc->carriers[i].copy && !copy[0]) {
			const char *cn = ast_text(ast, tc->carriers[i].name, &cl);
			snprintf(copy, sizeof(copy), " (it fills in %.*s.%.*s, but %.*s is a copy, dropped on return)",
				 (int)cl, cn, (int)field_len(ast, tc->carriers[i].field), field_text(ast, tc->carriers[i].field),
				 (int)cl, cn);
		}
	}
	if (u->name)
		snprintf(how, sizeof(how), "%s makes a new %s for its caller, and %s gets one on every %s and "
			 "drops it without closing it", fname, what, u->name, u->iteration ? "iteration" : "call");
	else
		snprintf(how, sizeof(how), "%s makes a new %s on every %s%s and never closes it", fname, what,
			 u->iteration ? "iteration" : "call", copy);
	if (copy[0])
		snprintf(fix, sizeof(fix),
			 "fill the field through a pointer receiver so later calls reuse it, or make the "
			 "transport once and share it (package level or a constructor)");
	else if (u->carrier)
		snprintf(fix, sizeof(fix),
			 "make the transport once and share it (package level, a constructor or a field "
			 "set once), or defer %.*s.CloseIdleConnections() once done with it",
			 (int)u->carrier_len, u->carrier);
	else
		snprintf(fix, sizeof(fix),
			 "make the transport once and share it (package level, a constructor or a field "
			 "set once), or keep it in a variable and defer its CloseIdleConnections()");
	lint_report(rc, anchor, fix,
		    "%s: its connections are not reused by the next one, and linger "
		    "idle, with two goroutines each (readLoop, writeLoop), until %s",
		    how, idle_text);
}

/*
 * True when tracker t, having followed the value through its function
 * from node `from`, finds a path to the end that does not close it.
 */
static int leaks_from(struct rule_ctx *rc, const struct tracker *t, uint32_t from)
{
	const struct ast *ast = rc->ast;
	const struct flow *f = lint_flow(rc, t->fn);
	uint32_t blk, idx, v, end;

	if (flow_locate(f, ast, from, &blk, &idx))
		return leaks_on_some_path(t, f, blk, idx);
	end = ast_subtree_end(ast, t->fn);
	for (v = t->fn; v <= end; v++)
		if (closes(t, v))
			return 0;
	return 1;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/*
 * The callers of function `name` in the package's other files, from the
 * call graph (facts_callers()): reported when one runs per call and only
 * sends requests through what it got, then drops it. Callers that return
 * it again are followed (depth bounds the chain). `skip_file`: a file
 * whose callers were already judged by reading them (this one). True
 * once reported.
 */
static int check_package_callers(struct rule_ctx *rc, uint32_t e, const char *hn, int cloned,
				 const struct tracker *tc, const char *name, size_t len, int is_method,
				 const char *skip_file, int depth)
{
	int ext = types_ast_is_external_test(rc->ast), test = lint_is_test_code(rc, e);
	const struct facts_site *sites;
	size_t nr, i;

	sites = facts_callers(rc->facts, name, len, is_method, ext, &nr);
	for (i = 0; i < nr; i++) {
		const struct facts_site *s = &sites[i];
		char uname[192];
		struct user u = { .name = uname };
		if (!s->call || (s->test && !test) || (skip_file && !strcmp(s->path, skip_file)))
			continue;
		if (s->result == FACTS_RESULT_RETURNED) {
			if (depth < 2 && s->returned_by &&
			    check_package_callers(rc, e, hn, cloned, tc, s->returned_by, strlen(s->returned_by),
						  s->returned_method, NULL, depth + 1))
				return 1;
			continue;
		}
		if (s->result != FACTS_RESULT_DROPPED || !s->per_call || s->constructor || s->closes_conns)
			continue;
		snprintf(uname, sizeof(uname), "%s (%s:%u)", s->caller, base_name(s->path), s->line);
		u.iteration = s->in_loop;
		report(rc, e, hn, cloned, tc, &u);
		return 1;
	}
	return 0;
}

/*
 * Function fn returns the transport made at `e` (tracked by tc): judge
 * its callers, those of this file by reading them, those of the other
 * files of the package through the call graph. Reported when one of them
 * runs per call and uses what it got without keeping or closing it.
 * Callers that return it again are followed (depth bounds the chain).
 * True once reported.
 */
static int check_callers(struct rule_ctx *rc, uint32_t e, const char *hn, int cloned,
			 const struct tracker *tc, uint32_t fn, int depth)
{
	const struct ast *ast = rc->ast;
	uint32_t name = ast_field(ast, fn, FIELD_name), i, callee, g;
	int is_method = ast->nodes[fn].kind == AST_method_declaration;
	const char *text;
	size_t len;

	if (name == AST_NONE)
		return 0;
	for (i = 0; i < ast->nr; i++) {
		struct tracker t = { .rc = rc, .ast = ast, .imp = rc->file->imports, .hn = hn, .idle = AST_NONE };
		char uname[128];
		struct user u;
		if (ast->nodes[i].kind != AST_call_expression)
			continue;
		callee = ast_unparen(ast, ast_field(ast, i, FIELD_function));
		if (is_method ? ast_kind(ast, callee) != AST_selector_expression ||
					!ast_same_text(ast, ast_field(ast, callee, FIELD_field), name) :
				ast_kind(ast, callee) != AST_identifier || !ast_same_text(ast, callee, name))
			continue;
		g = ast_enclosing_func(ast, i);
		if (g == AST_NONE || ast_contains(ast, fn, i) || ast_func_body(ast, g) == AST_NONE)
			continue;
		t.fn = g;
		t.origin = i;
		classify(&t, i, AST_NONE);
		if (t.kept || t.disabled)
			continue;
		if (t.returned) {
			if (depth < 2 && ast->nodes[g].kind != AST_func_literal && !t.returned_opaque &&
			    check_callers(rc, e, hn, cloned, tc, g, depth + 1))
				return 1;
			continue;
		}
		if (!t.used || is_constructor(ast, g) || !runs_per_call(rc, i) ||
		    holds(ast, ast_func_body(ast, g), is_close_request) || !leaks_from(rc, &t, i))
			continue;
		user_of(ast, &t, g, i, uname, sizeof(uname), &u);
		report(rc, e, hn, cloned, tc, &u);
		return 1;
	}
	text = ast_text(ast, name, &len);
	return check_package_callers(rc, e, hn, cloned, tc, text, len, is_method, rc->file->path, depth);
}

static void check_creation(struct rule_ctx *rc, uint32_t e, const char *hn, int cloned)
{
	const struct ast *ast = rc->ast;
	struct tracker t = { .rc = rc, .ast = ast, .imp = rc->file->imports, .hn = hn, .idle = AST_NONE };
	uint32_t fn = ast_enclosing_func(ast, e), v;
	struct user u;

	if (fn == AST_NONE || ast_func_body(ast, fn) == AST_NONE || !runs_per_call(rc, e))
		return;
	if (!cloned) {
		v = literal_field(ast, e, "DisableKeepAlives");
		if (v != AST_NONE && !ast_text_is(ast, v, "false"))
			return; /* no pool, nothing idles */
		if (dials_nothing(ast, e))
			return;
	}
	if (holds(ast, ast_func_body(ast, fn), is_close_request))
		return; /* no connection is kept for reuse */
	t.fn = fn;
	classify(&t, e, AST_NONE);
	if (t.kept || t.disabled)
		return;
	if (t.returned) {
		if (ast->nodes[fn].kind != AST_func_literal && !t.returned_opaque)
			check_callers(rc, e, hn, cloned, &t, fn, 0);
		return;
	}
	if (!t.used || is_constructor(ast, fn) || !leaks_from(rc, &t, e))
		return;
	user_of(ast, &t, fn, e, NULL, 0, &u);
	report(rc, e, hn, cloned, &t, &u);
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
	.fact_needles = facts_call_graph_needles,
	.options = rule_options_no_return,
	.check = check,
};
