/*
 * buffered_file_response.c - an HTTP handler that reads a whole file into
 * memory and then writes the buffer to its http.ResponseWriter (seed C5,
 * the server of 002). The buffer lives until the client has read the
 * last byte: a slow or stalled client holds a file-sized allocation, and
 * concurrent downloads multiply it.
 *
 * A handler is a function, method or function literal with a parameter of
 * type http.ResponseWriter, or a function literal given to HandleFunc or
 * converted with http.HandlerFunc (its first parameter is the writer).
 * The sinks: w.Write(buf), io.WriteString(w, s), fmt.Fprint*(w, ...),
 * io.Copy(w, bytes.NewReader(buf)) (also bytes.NewBuffer,
 * strings.NewReader), seeing through string(...), []byte(...) and
 * buf[:]. The buffer must come, by its last assignment before the write
 * in the handler (or a function literal inside it), from an unbounded
 * whole read: os.ReadFile, ioutil.ReadFile, or io.ReadAll/ioutil.ReadAll
 * of a file opened with os.Open/OpenFile (directly, by variable, or
 * through bufio.NewReader). Reads bounded with io.LimitReader or
 * http.MaxBytesReader, and reads that never reach the writer, are fine.
 * Reported at the write.
 */
#include "lint/lint.h"
#include "lint/imports.h"
#include "lint/resource.h"

static const char *const needles[] = { "ResponseWriter", "HandleFunc", "HandlerFunc", NULL };

/* ------------------------------------------------------------ net/http names */

/* ------------------------------------------------------------ handlers */

/*
 * True when function fn is a handler whose writer is named like `w`: a
 * parameter of type http.ResponseWriter, or the first parameter of a
 * literal given to HandleFunc / http.HandlerFunc.
 */
static int is_writer_of(const struct ast *ast, uint32_t fn, uint32_t w, const char *hn)
{
	uint32_t params = ast_field(ast, fn, FIELD_parameters), d, c, up, call, idx = 0;

	ast_for_each_child(ast, params, d) {
		if (ast_kind(ast, d) != AST_parameter_declaration)
			continue;
		ast_for_each_child(ast, d, c) {
			if (ast->nodes[c].field != FIELD_name)
				continue;
			if (!ast_same_text(ast, c, w)) {
				idx++;
				continue;
			}
			if (imports_http_type(ast, ast_field(ast, d, FIELD_type), hn, "ResponseWriter"))
				return 1;
			if (idx || ast->nodes[fn].kind != AST_func_literal)
				return 0;
			/* A literal given to HandleFunc or http.HandlerFunc(...). */
			for (up = fn; ast_kind(ast, ast->nodes[up].parent) == AST_parenthesized_expression;)
				up = ast->nodes[up].parent;
			if (ast_kind(ast, ast->nodes[up].parent) == AST_argument_list) {
				call = ast->nodes[ast->nodes[up].parent].parent;
				return ast_text_is(ast, ast_call_name(ast, call), "HandleFunc") ||
				       imports_calls(ast, call, hn, "HandlerFunc");
			}
			if (ast_kind(ast, ast->nodes[up].parent) == AST_type_conversion_expression)
				return imports_http_type(ast, ast_field(ast, ast->nodes[up].parent, FIELD_type),
						    hn, "HandlerFunc");
			return 0;
		}
	}
	return 0;
}

/*
 * The handler whose writer the identifier `w` (used at node `at`) is:
 * the nearest enclosing function declaring it. AST_NONE when the nearest
 * declaration of that name is not a writer.
 */
static uint32_t handler_of(const struct ast *ast, uint32_t at, uint32_t w, const char *hn)
{
	uint32_t fn;
	for (fn = ast_enclosing_func(ast, at); fn != AST_NONE; fn = ast_enclosing_func(ast, fn)) {
		uint32_t params = ast_field(ast, fn, FIELD_parameters);
		if (is_writer_of(ast, fn, w, hn))
			return fn;
		if (ast_mentions(ast, params, ast->src + ast->nodes[w].start,
				 ast->nodes[w].end - ast->nodes[w].start, 0))
			return AST_NONE; /* shadowed by another parameter */
	}
	return AST_NONE;
}

/* ------------------------------------------------------------ buffers */

/* See through string(x), []byte(x), x[:], parentheses: the buffer's name, or AST_NONE. */
static uint32_t buffer_ident(const struct ast *ast, uint32_t e)
{
	for (;;) {
		e = ast_unparen(ast, e);
		switch (ast_kind(ast, e)) {
		case AST_identifier:
			return e;
		case AST_type_conversion_expression:
		case AST_slice_expression:
			e = ast_field(ast, e, FIELD_operand);
			break;
		case AST_call_expression: {
			uint32_t fn = ast_unparen(ast, ast_field(ast, e, FIELD_function));
			uint32_t args = ast_field(ast, e, FIELD_arguments);
			if (ast_child_count(ast, args) != 1)
				return AST_NONE;
			if ((ast_kind(ast, fn) == AST_identifier && ast_text_is(ast, fn, "string")) ||
			    ast_call_is(ast, e, "bytes", "NewReader") ||
			    ast_call_is(ast, e, "bytes", "NewBuffer") ||
			    ast_call_is(ast, e, "strings", "NewReader")) {
				e = ast_child(ast, args, 0);
				break;
			}
			return AST_NONE;
		}
		default:
			return AST_NONE;
		}
	}
}

/* The value last assigned to identifier `id` before `at`, looking in each enclosing function up to `outer`. */
static uint32_t value_of(const struct ast *ast, uint32_t id, uint32_t at, uint32_t outer)
{
	uint32_t fn, rhs;
	for (fn = ast_enclosing_func(ast, at); fn != AST_NONE; fn = ast_enclosing_func(ast, fn)) {
		if (resource_def_before(ast, fn, id, ast->nodes[at].start, &rhs) != AST_NONE)
			return rhs;
		if (fn == outer)
			break;
	}
	return AST_NONE;
}

/* True when `call` opens a file: os.Open, os.OpenFile. */
static int opens_file(const struct ast *ast, uint32_t call)
{
	return ast_call_is(ast, call, "os", "Open") || ast_call_is(ast, call, "os", "OpenFile");
}

/*
 * When expression `r` (the argument of ReadAll, used at `at`) is a whole
 * file, sets `how` and returns 1. Bounded readers (io.LimitReader,
 * http.MaxBytesReader) and anything unknown return 0.
 */
static int reads_whole_file(const struct ast *ast, uint32_t r, uint32_t at, uint32_t outer)
{
	int depth;
	for (depth = 0; depth < 8; depth++) {
		r = ast_unparen(ast, r);
		if (ast_kind(ast, r) == AST_identifier) {
			r = value_of(ast, r, at, outer);
			if (r == AST_NONE)
				return 0;
			continue;
		}
		if (ast_kind(ast, r) != AST_call_expression)
			return 0;
		if (opens_file(ast, r))
			return 1;
		if (ast_call_is(ast, r, "bufio", "NewReader") || ast_call_is(ast, r, "bufio", "NewReaderSize")) {
			r = ast_child(ast, ast_field(ast, r, FIELD_arguments), 0);
			continue;
		}
		return 0;
	}
	return 0;
}

/*
 * If `value` is a whole-file read, the call that made it (for the
 * message), else AST_NONE.
 */
static uint32_t whole_file_read(const struct ast *ast, uint32_t value, uint32_t at, uint32_t outer)
{
	value = ast_unparen(ast, value);
	if (ast_kind(ast, value) != AST_call_expression)
		return AST_NONE;
	if (ast_call_is(ast, value, "os", "ReadFile") || ast_call_is(ast, value, "ioutil", "ReadFile"))
		return value;
	if (ast_call_is(ast, value, "io", "ReadAll") || ast_call_is(ast, value, "ioutil", "ReadAll")) {
		uint32_t arg = ast_child(ast, ast_field(ast, value, FIELD_arguments), 0);
		if (arg != AST_NONE && reads_whole_file(ast, arg, at, outer))
			return value;
	}
	return AST_NONE;
}

/* ------------------------------------------------------------ the rule */

static void check_sink(struct rule_ctx *rc, uint32_t call, uint32_t w, uint32_t buf, const char *hn)
{
	const struct ast *ast = rc->ast;
	uint32_t handler, id, read, callee;
	size_t wl, rl;
	const char *wt, *rt;
	char fix[256];

	if (ast_kind(ast, ast_unparen(ast, w)) != AST_identifier || buf == AST_NONE)
		return;
	w = ast_unparen(ast, w);
	handler = handler_of(ast, call, w, hn);
	if (handler == AST_NONE)
		return;
	id = buffer_ident(ast, buf);
	if (id == AST_NONE)
		return;
	read = whole_file_read(ast, value_of(ast, id, call, handler), call, handler);
	if (read == AST_NONE)
		return;
	callee = ast_field(ast, read, FIELD_function);
	rt = ast_text(ast, callee, &rl);
	wt = ast_text(ast, w, &wl);
	snprintf(fix, sizeof(fix),
		 "stream the file instead: open it with os.Open and use http.ServeContent(%.*s, r, name, "
		 "modtime, f), http.ServeFile, or io.Copy(%.*s, f)", (int)wl, wt, (int)wl, wt);
	lint_report(rc, call, fix,
		    "the whole file read by %.*s is held in memory and sent in one write to the "
		    "http.ResponseWriter: each request keeps a file-sized buffer until its client has "
		    "read the last byte, so slow or stalled downloads pile up memory",
		    (int)rl, rt);
}

static void check_call(struct rule_ctx *rc, uint32_t call, const char *hn)
{
	const struct ast *ast = rc->ast;
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	uint32_t args = ast_field(ast, call, FIELD_arguments), a, first;
	uint32_t n = 0;

	if (args == AST_NONE)
		return;
	first = ast_child(ast, args, 0);
	if (ast_kind(ast, fn) == AST_selector_expression &&
	    ast_text_is(ast, ast_field(ast, fn, FIELD_field), "Write")) {
		/* w.Write(buf) */
		check_sink(rc, call, ast_field(ast, fn, FIELD_operand), first, hn);
		return;
	}
	if (ast_call_is(ast, call, "io", "WriteString")) {
		check_sink(rc, call, first, ast_child(ast, args, 1), hn);
		return;
	}
	if (ast_call_is(ast, call, "io", "Copy") || ast_call_is(ast, call, "io", "CopyBuffer")) {
		uint32_t src = ast_unparen(ast, ast_child(ast, args, 1));
		if (ast_kind(ast, src) == AST_call_expression)
			check_sink(rc, call, first, src, hn);
		return;
	}
	if (ast_call_is(ast, call, "fmt", "Fprint") || ast_call_is(ast, call, "fmt", "Fprintln") ||
	    ast_call_is(ast, call, "fmt", "Fprintf")) {
		uint32_t skip = ast_call_is(ast, call, "fmt", "Fprintf") ? 2 : 1;
		ast_for_each_child(ast, args, a) {
			uint32_t before = rc->file->nr_findings;
			if (n++ < skip)
				continue;
			check_sink(rc, call, first, a, hn);
			if (rc->file->nr_findings != before)
				return; /* one finding per write */
		}
	}
}

static void check(struct rule_ctx *rc)
{
	const struct ast *ast = rc->ast;
	const char *hn = rc->file->imports->http;
	uint32_t i;

	if (!rc->file->imports->uses_http)
		return;
	for (i = 0; i < ast->nr; i++)
		if (ast->nodes[i].kind == AST_call_expression)
			check_call(rc, i, hn);
}

const struct rule rule_buffered_file_response = {
	.id = "buffered-file-response",
	.summary = "an HTTP handler reads a whole file into memory and writes it to the ResponseWriter",
	.severity = "warning",
	.default_on = 1,
	.needles = needles,
	.check = check,
};
