/*
 * resource.c - see resource.h.
 */
#include "lint/resource.h"

#include <ctype.h>

struct known_call {
	const char *pkg;  /* NULL: any receiver */
	const char *name;
	const char *what;
};

static const struct known_call known_calls[] = {
	{ "http", "Get", "response" },
	{ "http", "Head", "response" },
	{ "http", "Post", "response" },
	{ "http", "PostForm", "response" },
	{ "http", "ReadResponse", "response" },
	{ NULL, "Do", "response" },
	{ NULL, "RoundTrip", "response" },
	{ "os", "Open", "file" },
	{ "os", "Create", "file" },
	{ "os", "OpenFile", "file" },
	{ "os", "CreateTemp", "file" },
	{ "ioutil", "TempFile", "file" },
	{ NULL, "Query", "result set (sql.Rows)" },
	{ NULL, "QueryContext", "result set (sql.Rows)" },
	{ "net", "Dial", "connection" },
	{ "net", "DialTimeout", "connection" },
	{ NULL, "DialContext", "connection" },
	{ "net", "Listen", "listener" },
	{ NULL, "Begin", "transaction" },
	{ NULL, "BeginTx", "transaction" },
	{ "time", "NewTicker", "ticker" },
	{ "time", "NewTimer", "timer" },
	{ "context", "WithCancel", "context" },
	{ "context", "WithTimeout", "context" },
	{ "context", "WithDeadline", "context" },
	{ "gzip", "NewReader", "reader" },
	{ "zip", "OpenReader", "file" },
	{ "context", "WithCancelCause", "context" },
	{ "context", "WithTimeoutCause", "context" },
	{ "context", "WithDeadlineCause", "context" },
	{ "signal", "NotifyContext", "context" },
	{ "net", "DialTCP", "connection" },
	{ "net", "DialUDP", "connection" },
	{ "net", "DialUnix", "connection" },
	{ "tls", "Dial", "connection" },
	{ "tls", "DialWithDialer", "connection" },
	{ "grpc", "Dial", "connection" },
	{ "grpc", "DialContext", "connection" },
	{ "grpc", "NewClient", "connection" },
	{ "net", "ListenPacket", "listener" },
	{ "net", "ListenTCP", "listener" },
	{ "net", "ListenUnix", "listener" },
	{ "tls", "Listen", "listener" },
	{ "sql", "Open", "database handle (sql.DB)" },
	{ NULL, "Prepare", "prepared statement" },
	{ NULL, "PrepareContext", "prepared statement" },
	{ "os", "Pipe", "pipe" },
	{ "io", "Pipe", "in-memory pipe (io.Pipe)" },
	{ "syscall", "Open", "file" },
	{ "unix", "Open", "file" },
	{ "syscall", "Socket", "socket" },
	{ "unix", "Socket", "socket" },
	{ "zlib", "NewReader", "reader" },
	{ "zstd", "NewReader", "reader" },
};

const char *resource_of_call(const struct ast *ast, uint32_t call)
{
	uint32_t name = ast_call_name(ast, call);
	size_t i;

	if (name == AST_NONE || ast_kind(ast, call) != AST_call_expression)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(known_calls); i++) {
		const struct known_call *k = &known_calls[i];
		if (k->pkg ? ast_call_is(ast, call, k->pkg, k->name) : ast_text_is(ast, name, k->name))
			return k->what;
	}
	return NULL;
}

/*
 * Where `ident`'s name sits among the names an assignment defines (0-based),
 * or -1. Short declarations and assignments list them in `left`; a var
 * spec repeats its `name` field.
 */
static int name_position(const struct ast *ast, uint32_t assign, uint32_t ident)
{
	enum ast_field names = FIELD_name;
	uint32_t c, list = assign;
	int i = 0;

	if (ast_kind(ast, assign) != AST_var_spec) {
		list = ast_field(ast, assign, FIELD_left);
		names = FIELD_NONE;
		if (list == AST_NONE)
			return -1;
	}
	ast_for_each_child(ast, list, c) {
		if (ast->nodes[c].field != names)
			continue;
		if (ast_kind(ast, c) == AST_identifier && ast_same_text(ast, c, ident))
			return i;
		i++;
	}
	return -1;
}

/* The value assigned to the name at `pos`: the pos-th right expression, or the one call. */
static uint32_t value_at(const struct ast *ast, uint32_t assign, int pos)
{
	uint32_t right = ast_field(ast, assign,
				   ast_kind(ast, assign) == AST_var_spec ? FIELD_value : FIELD_right);
	if (right == AST_NONE)
		return AST_NONE;
	if (ast_child_count(ast, right) == 1)
		return ast_unparen(ast, ast_child(ast, right, 0));
	return ast_unparen(ast, ast_child(ast, right, (uint32_t)pos));
}

uint32_t resource_def_before(const struct ast *ast, uint32_t fn, uint32_t ident,
			     uint32_t before, uint32_t *rhs)
{
	uint32_t i, end = ast_subtree_end(ast, fn), best = AST_NONE;

	*rhs = AST_NONE;
	for (i = fn + 1; i <= end && ast->nodes[i].start < before; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		int pos;

		if (k == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (k != AST_short_var_declaration && k != AST_assignment_statement && k != AST_var_spec)
			continue;
		pos = name_position(ast, i, ident);
		if (pos < 0)
			continue;
		best = i;
		*rhs = value_at(ast, i, pos);
	}
	return best;
}

/* ---- releases -------------------------------------------------------- */

/* Case-insensitive: does node n's text contain s (lowercase)? */
static int text_has(const struct ast *ast, uint32_t n, const char *s)
{
	size_t len, k = strlen(s), i, j;
	const char *t = ast_text(ast, n, &len);

	for (i = 0; i + k <= len; i++) {
		for (j = 0; j < k && (char)tolower((unsigned char)t[i + j]) == s[j]; j++)
			;
		if (j == k)
			return 1;
	}
	return 0;
}

/* A method that releases its receiver: Close (and CloseSend, CloseWrite...), Stop, End... */
static int release_method(const struct ast *ast, uint32_t name)
{
	static const char *const names[] = { "close", "Stop", "End", "Finish", "Rollback", "Commit",
					     "Release", "Shutdown", "Cancel", NULL };
	size_t len, i;
	const char *t = ast_text(ast, name, &len);

	if (len >= 5 && !memcmp(t, "Close", 5))
		return 1;
	for (i = 0; names[i]; i++)
		if (ast_text_is(ast, name, names[i]))
			return 1;
	return 0;
}

/* A function value whose name says it releases: cancel, cleanup, closeFn, release, unlock... */
static int release_func_name(const struct ast *ast, uint32_t name)
{
	static const char *const parts[] = { "cancel", "close", "cleanup", "release", "unlock",
					     "stop", "shutdown", "teardown", NULL };
	size_t i;
	for (i = 0; parts[i]; i++)
		if (text_has(ast, name, parts[i]))
			return 1;
	return 0;
}

/* `x.Body` -> x: closing a response's body releases the response. */
static uint32_t strip_body(const struct ast *ast, uint32_t e, int *body)
{
	e = ast_unparen(ast, e);
	if (ast_kind(ast, e) == AST_selector_expression &&
	    ast_text_is(ast, ast_field(ast, e, FIELD_field), "Body")) {
		*body = 1;
		return ast_unparen(ast, ast_field(ast, e, FIELD_operand));
	}
	*body = 0;
	return e;
}

static int matches(const struct ast *ast, uint32_t target, uint32_t want)
{
	return want == AST_NONE || ast_same_text(ast, target, want);
}

static int found(struct resource_release *out, enum resource_release_kind kind, uint32_t call,
		 uint32_t target, int body)
{
	out->kind = kind;
	out->call = call;
	out->target = target;
	out->body = body;
	return 1;
}

/* An argument that can name a resource: a variable, a field, an element; not an error. */
static int candidate_arg(const struct ast *ast, uint32_t a)
{
	enum ast_kind k = ast_kind(ast, a);
	uint32_t root;
	size_t len;
	const char *t;

	if (k != AST_identifier && k != AST_selector_expression && k != AST_index_expression)
		return 0;
	root = ast_root_ident(ast, a);
	if (root == AST_NONE)
		return 0;
	t = ast_text(ast, a, &len);
	return !(len >= 3 && (!memcmp(t + len - 3, "err", 3) || !memcmp(t + len - 3, "Err", 3)));
}

/*
 * The argument a close helper releases (`utilio.Close(conn)`,
 * `closeWithLog(logger, f)`): with `want`, the one like it; otherwise the
 * one assigned last before the call (what was just acquired), else the first.
 */
static uint32_t helper_target(const struct ast *ast, uint32_t fn, uint32_t call, uint32_t want,
			      int *body)
{
	uint32_t args = ast_field(ast, call, FIELD_arguments), a, best = AST_NONE, first = AST_NONE;
	uint32_t best_def = 0;

	ast_for_each_child(ast, args, a) {
		uint32_t e = strip_body(ast, a, body), def, rhs;
		if (!candidate_arg(ast, e))
			continue;
		if (want != AST_NONE) {
			if (ast_same_text(ast, e, want))
				return e;
			continue;
		}
		if (first == AST_NONE)
			first = a;
		def = fn == AST_NONE ? AST_NONE
				     : resource_def_before(ast, fn, ast_root_ident(ast, e),
							   ast->nodes[call].start, &rhs);
		if (def != AST_NONE && (best == AST_NONE || def > best_def)) {
			best = a;
			best_def = def;
		}
	}
	if (want != AST_NONE)
		return AST_NONE;
	best = best != AST_NONE ? best : first;
	return best == AST_NONE ? AST_NONE : strip_body(ast, best, body);
}

/* If identifier `id` is a parameter of literal `lit`, the argument `call` passes for it. */
static uint32_t param_argument(const struct ast *ast, uint32_t lit, uint32_t call, uint32_t id)
{
	uint32_t params = ast_field(ast, lit, FIELD_parameters), d, c, n = 0;

	if (ast_kind(ast, id) != AST_identifier)
		return AST_NONE;
	ast_for_each_child(ast, params, d) {
		if (ast_kind(ast, d) != AST_parameter_declaration &&
		    ast_kind(ast, d) != AST_variadic_parameter_declaration)
			continue;
		ast_for_each_child(ast, d, c) {
			if (ast->nodes[c].field != FIELD_name)
				continue;
			if (ast_same_text(ast, c, id))
				return ast_unparen(ast, ast_child(ast, ast_field(ast, call, FIELD_arguments), n));
			n++;
		}
	}
	return AST_NONE;
}

/* The releases inside literal `lit`, called by `call`: parameters read as their arguments. */
static int literal_release(const struct ast *ast, uint32_t fn, uint32_t call, uint32_t lit,
			   uint32_t want, struct resource_release *out)
{
	uint32_t i, end = ast_subtree_end(ast, lit);

	for (i = lit + 1; i <= end; i++) {
		struct resource_release r;
		uint32_t arg;

		if (ast->nodes[i].kind == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind != AST_call_expression ||
		    !resource_release_of(ast, fn, i, AST_NONE, &r))
			continue;
		arg = param_argument(ast, lit, call, r.target);
		if (arg != AST_NONE) {
			int body;
			r.target = strip_body(ast, arg, &body);
			r.body |= body;
		}
		if (matches(ast, r.target, want)) {
			*out = r;
			return 1;
		}
	}
	return 0;
}

int resource_release_of(const struct ast *ast, uint32_t fn, uint32_t call, uint32_t want,
			struct resource_release *out)
{
	uint32_t f, name, operand, args, a, target, rhs;
	int body = 0;

	memset(out, 0, sizeof(*out));
	out->target = out->call = AST_NONE;
	if (ast_kind(ast, call) != AST_call_expression)
		return 0;
	f = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	if (ast_kind(ast, f) == AST_func_literal)
		return literal_release(ast, fn, call, f, want, out);

	if (ast_kind(ast, f) == AST_selector_expression) {
		name = ast_field(ast, f, FIELD_field);
		operand = ast_unparen(ast, ast_field(ast, f, FIELD_operand));
		if (ast_text_is(ast, name, "Unlock") || ast_text_is(ast, name, "RUnlock"))
			return matches(ast, operand, want) &&
			       found(out, ast_text_is(ast, name, "Unlock") ? RELEASE_UNLOCK : RELEASE_RUNLOCK,
				     call, operand, 0);
		/* utilio.Close(conn): a package's function, not a method of a variable */
		if (text_has(ast, name, "close") && ast_kind(ast, operand) == AST_identifier &&
		    ast_child_count(ast, ast_field(ast, call, FIELD_arguments)) &&
		    (fn == AST_NONE || !ast_declared_in(ast, fn, operand))) {
			target = helper_target(ast, fn, call, want, &body);
			if (target != AST_NONE)
				return found(out, RELEASE_CLOSE, call, target, body);
		}
		if (release_method(ast, name)) {
			target = strip_body(ast, operand, &body);
			if (matches(ast, target, want))
				return found(out, RELEASE_CLOSE, call, target, body);
		}
	}

	/* logErr(resp.Body.Close): a release passed as a method value */
	args = ast_field(ast, call, FIELD_arguments);
	ast_for_each_child(ast, args, a) {
		uint32_t e = ast_unparen(ast, a);
		if (ast_kind(ast, e) != AST_selector_expression ||
		    !release_method(ast, ast_field(ast, e, FIELD_field)))
			continue;
		target = strip_body(ast, ast_field(ast, e, FIELD_operand), &body);
		if (matches(ast, target, want))
			return found(out, RELEASE_CLOSE, call, target, body);
	}

	name = ast_call_name(ast, call);
	if (name == AST_NONE)
		return 0;
	/* utilio.Close(conn), windows.CloseHandle(h), closeQuietly(f) */
	if (text_has(ast, name, "close") && ast_child_count(ast, args)) {
		target = helper_target(ast, fn, call, want, &body);
		if (target != AST_NONE)
			return found(out, RELEASE_CLOSE, call, target, body);
	}
	/* cancel(), cleanup(): a function value that releases */
	if (ast_kind(ast, f) == AST_identifier && !ast_child_count(ast, args) && matches(ast, f, want)) {
		if (release_func_name(ast, f))
			return found(out, RELEASE_FUNC, call, f, 0);
		if (fn != AST_NONE &&
		    resource_def_before(ast, fn, f, ast->nodes[call].start, &rhs) != AST_NONE &&
		    ast_kind(ast, rhs) == AST_call_expression &&
		    (ast_call_is(ast, rhs, "context", NULL) || ast_call_is(ast, rhs, "signal", "NotifyContext")))
			return found(out, RELEASE_FUNC, call, f, 0);
	}
	return 0;
}

int resource_call_locks(const struct ast *ast, uint32_t call)
{
	static const char *const prefixes[] = { "Lock", "lock", "RLock", "rlock", "TryLock", "tryLock",
						"Acquire", "acquire", "TryAcquire", "tryAcquire", NULL };
	uint32_t name = ast_call_name(ast, call);
	size_t i, len;
	const char *t;

	if (name == AST_NONE || ast_kind(ast, call) != AST_call_expression)
		return 0;
	t = ast_text(ast, name, &len);
	for (i = 0; prefixes[i]; i++)
		if (len >= strlen(prefixes[i]) && !memcmp(t, prefixes[i], strlen(prefixes[i])))
			return 1;
	return 0;
}

const char *resource_released_by(const struct ast *ast, uint32_t fn, uint32_t call)
{
	struct resource_release r;
	uint32_t rhs, root;

	if (!resource_release_of(ast, fn, call, AST_NONE, &r))
		return NULL;
	if (r.kind == RELEASE_UNLOCK || r.kind == RELEASE_RUNLOCK)
		return "lock";
	if (r.body)
		return "response body";
	root = ast_kind(ast, r.target) == AST_identifier ? r.target : AST_NONE;
	if (root == AST_NONE ||
	    resource_def_before(ast, fn, root, ast->nodes[r.call].start, &rhs) == AST_NONE ||
	    rhs == AST_NONE)
		return NULL;
	if (r.kind == RELEASE_FUNC)
		return ast_call_is(ast, rhs, "context", NULL) || ast_call_is(ast, rhs, "signal", "NotifyContext")
			       ? "context" : NULL;
	return resource_of_call(ast, rhs);
}

void resource_func_name(const struct ast *ast, uint32_t fn, char *buf, size_t size)
{
	size_t len;
	const char *t;
	uint32_t name = ast_field(ast, fn, FIELD_name);

	if (ast_kind(ast, fn) == AST_func_literal || name == AST_NONE) {
		snprintf(buf, size, "the enclosing function literal");
		return;
	}
	t = ast_text(ast, name, &len);
	snprintf(buf, size, "%.*s", (int)len, t);
}
