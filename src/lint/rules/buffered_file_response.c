/*
 * buffered_file_response.c - an HTTP handler that holds a whole file (or
 * a whole downloaded body) in memory and then sends that buffer to its
 * http.ResponseWriter (seed C5, the server of 002). The buffer lives
 * until the client has read the last byte: a slow or stalled client holds
 * a file-sized allocation, and concurrent downloads multiply it.
 *
 * A handler is a function, method or function literal with a parameter of
 * type http.ResponseWriter, or a function literal given to HandleFunc or
 * converted with http.HandlerFunc (its first parameter is the writer).
 *
 * The sinks: w.Write(buf), io.WriteString(w, s), fmt.Fprint*(w, ...),
 * io.Copy(w, r), buf.WriteTo(w), http.ServeContent(w, req, name, t, r),
 * and fs.ServeHTTP(w, req) of an http.FileServer over an in-memory file
 * system; seeing through string(...), []byte(...), buf[:], &buf,
 * buf.Bytes(), buf.String(), bytes.NewReader/NewBuffer, strings.NewReader.
 *
 * What they send is reported when, before the sink in the handler, it is:
 * - by its last assignment, an unbounded whole read of a file:
 *   os.ReadFile, ioutil.ReadFile, or io.ReadAll/ioutil.ReadAll of a file
 *   opened with os.Open/OpenFile (directly, by variable, or through
 *   bufio.NewReader);
 * - an in-memory buffer or file (bytes.Buffer, a file of an in-memory file
 *   system such as afero's MemMapFs) filled with a whole file or a whole
 *   response body: io.Copy(&buf, f), buf.ReadFrom(resp.Body),
 *   buf.Write(data) with data a whole read.
 * A whole response body counts only where it is served as a file: given
 * to http.ServeContent or to a file server (a downloaded artifact cached
 * in memory). Read whole and written back (a proxy relaying an API
 * answer, io.ReadAll or io.Copy into a bytes.Buffer alike) it is not
 * reported: that is how small JSON is relayed, bounded by whoever
 * answers. Reads bounded with io.LimitReader or http.MaxBytesReader,
 * streaming copies (io.Copy(w, f)), copies to disk, and reads that never
 * reach the writer are fine.
 * Reported at the sink. Not in tests (a test server serving its fixture
 * to one client), except Example functions, which people copy.
 */
#include "lint/lint.h"
#include "lint/imports.h"
#include "lint/resource.h"

#include <ctype.h>

static const char *const needles[] = { "ResponseWriter", "HandleFunc", "HandlerFunc", NULL };

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

/*
 * See through string(x), []byte(x), x[:], &x, x.Bytes(), x.String(),
 * bytes.NewReader(x) and the like, parentheses: the buffer's name, or
 * AST_NONE.
 */
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
		case AST_unary_expression:
			if (!ast_text_is(ast, ast_field(ast, e, FIELD_operator), "&"))
				return AST_NONE;
			e = ast_field(ast, e, FIELD_operand);
			break;
		case AST_call_expression: {
			uint32_t fn = ast_unparen(ast, ast_field(ast, e, FIELD_function));
			uint32_t args = ast_field(ast, e, FIELD_arguments);
			uint32_t n = ast_child_count(ast, args);
			if (n == 0 && ast_kind(ast, fn) == AST_selector_expression &&
			    (ast_text_is(ast, ast_field(ast, fn, FIELD_field), "Bytes") ||
			     ast_text_is(ast, ast_field(ast, fn, FIELD_field), "String"))) {
				e = ast_field(ast, fn, FIELD_operand); /* buf.Bytes() */
				break;
			}
			if (n != 1)
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

/*
 * The assignment that last defines `id` before `at`, looking in each
 * enclosing function up to `outer`; *rhs receives its value (AST_NONE
 * for `var buf bytes.Buffer`).
 */
static uint32_t def_of(const struct ast *ast, uint32_t id, uint32_t at, uint32_t outer, uint32_t *rhs)
{
	uint32_t fn, def;
	*rhs = AST_NONE;
	for (fn = ast_enclosing_func(ast, at); fn != AST_NONE; fn = ast_enclosing_func(ast, fn)) {
		if ((def = resource_def_before(ast, fn, id, ast->nodes[at].start, rhs)) != AST_NONE)
			return def;
		if (fn == outer)
			break;
	}
	return AST_NONE;
}

/*
 * The value last assigned to identifier `id` before `at`, looking in each
 * enclosing function up to `outer`. Of a call's several results only the
 * first is its value here (`data, err := io.ReadAll(f)`: data, not err):
 * the readers, files, responses and buffers this rule follows all come
 * first.
 */
static uint32_t value_of(const struct ast *ast, uint32_t id, uint32_t at, uint32_t outer)
{
	uint32_t rhs, def = def_of(ast, id, at, outer, &rhs), list, c, first = AST_NONE;

	if (def == AST_NONE || rhs == AST_NONE || ast_kind(ast, ast_unparen(ast, rhs)) != AST_call_expression)
		return rhs;
	if (ast_kind(ast, def) == AST_var_spec) {
		ast_for_each_child(ast, def, c)
			if (ast->nodes[c].field == FIELD_name) {
				first = c;
				break;
			}
	} else {
		list = ast_field(ast, def, FIELD_left);
		first = ast_child(ast, list, 0);
	}
	return first == AST_NONE || ast_same_text(ast, first, id) ? rhs : AST_NONE;
}

/* ------------------------------------------------------------ whole reads */

enum content { C_NONE, C_FILE, C_BODY };

/*
 * True when `call` opens a file: os.Open, os.OpenFile, or Open/OpenFile
 * of a file system held in a variable or built on the spot
 * (h.root.Open(name), http.Dir(dir).Open(name), fsys.Open(name) with fsys
 * local). A package-level file system is left out: embed.FS content is
 * compiled in, not read from disk per request.
 */
static int opens_file(const struct ast *ast, uint32_t call)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), op, name;

	if (ast_call_is(ast, call, "os", "Open") || ast_call_is(ast, call, "os", "OpenFile"))
		return 1;
	if (ast_kind(ast, fn) != AST_selector_expression)
		return 0;
	name = ast_field(ast, fn, FIELD_field);
	if (!ast_text_is(ast, name, "Open") && !ast_text_is(ast, name, "OpenFile"))
		return 0;
	op = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
	switch (ast_kind(ast, op)) {
	case AST_selector_expression: /* h.root.Open: a variable's field, not pkg.Assets */
		op = ast_root_ident(ast, op);
		return op != AST_NONE && ast_declared_in(ast, ast_enclosing_func(ast, call), op);
	case AST_call_expression:
		return ast_call_is(ast, op, "http", "Dir") || ast_call_is(ast, op, "os", "DirFS");
	case AST_identifier:
		return ast_declared_in(ast, ast_enclosing_func(ast, call), op);
	default:
		return 0;
	}
}

/* True when `call` makes an HTTP request whose response is returned (http.Get, c.Do(req)...). */
static int requests(const struct ast *ast, uint32_t call)
{
	static const char *const names[] = { "Get", "Post", "PostForm", "Head", "Do", "RoundTrip" };
	uint32_t name = ast_call_name(ast, call);
	size_t i;
	if (ast_kind(ast, ast_unparen(ast, ast_field(ast, call, FIELD_function))) != AST_selector_expression)
		return 0;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (ast_text_is(ast, name, names[i]))
			return 1;
	return 0;
}

/*
 * What reader expression `r` (used at `at`) delivers whole: a file opened
 * here (C_FILE), the body of a response received here (C_BODY), or
 * C_NONE (unknown, bounded by io.LimitReader, the handler's request).
 */
static enum content whole_source(const struct ast *ast, uint32_t r, uint32_t at, uint32_t outer)
{
	int depth;
	for (depth = 0; depth < 8; depth++) {
		r = ast_unparen(ast, r);
		if (ast_kind(ast, r) == AST_identifier) {
			r = value_of(ast, r, at, outer);
			if (r == AST_NONE)
				return C_NONE;
			continue;
		}
		if (ast_kind(ast, r) == AST_selector_expression &&
		    ast_text_is(ast, ast_field(ast, r, FIELD_field), "Body")) {
			uint32_t op = ast_unparen(ast, ast_field(ast, r, FIELD_operand)), v;
			if (ast_kind(ast, op) != AST_identifier)
				return C_NONE;
			v = value_of(ast, op, at, outer);
			return v != AST_NONE && ast_kind(ast, v) == AST_call_expression && requests(ast, v) ?
				       C_BODY : C_NONE;
		}
		if (ast_kind(ast, r) != AST_call_expression)
			return C_NONE;
		if (opens_file(ast, r))
			return C_FILE;
		if (ast_call_is(ast, r, "bufio", "NewReader") || ast_call_is(ast, r, "bufio", "NewReaderSize")) {
			r = ast_child(ast, ast_field(ast, r, FIELD_arguments), 0);
			continue;
		}
		return C_NONE;
	}
	return C_NONE;
}

/*
 * If `value` is a whole read (os.ReadFile, io.ReadAll of a file or a
 * response body), what it read, with the call in *how.
 */
static enum content whole_read(const struct ast *ast, uint32_t value, uint32_t at, uint32_t outer, uint32_t *how)
{
	value = ast_unparen(ast, value);
	*how = value;
	if (ast_kind(ast, value) != AST_call_expression)
		return C_NONE;
	if (ast_call_is(ast, value, "os", "ReadFile") || ast_call_is(ast, value, "ioutil", "ReadFile"))
		return C_FILE;
	if (ast_call_is(ast, value, "io", "ReadAll") || ast_call_is(ast, value, "ioutil", "ReadAll")) {
		uint32_t arg = ast_child(ast, ast_field(ast, value, FIELD_arguments), 0);
		return arg == AST_NONE ? C_NONE : whole_source(ast, arg, at, outer);
	}
	return C_NONE;
}

/* ------------------------------------------------------------ in-memory containers */

/* True when the text of expression e names something in memory: MemMapFs, mem.NewFileHandle, memfs. */
static int names_memory(const struct ast *ast, uint32_t e)
{
	size_t len, i;
	const char *s = ast_text(ast, e, &len);
	for (i = 0; i + 3 <= len; i++) {
		if (tolower((unsigned char)s[i]) != 'm' || tolower((unsigned char)s[i + 1]) != 'e' ||
		    tolower((unsigned char)s[i + 2]) != 'm')
			continue;
		if (i > 0 && islower((unsigned char)s[i - 1]) && s[i] == 'm')
			continue; /* "itemMap" has no word "mem" */
		if (i + 3 < len && (s[i + 3] == 'b' || (s[i + 3] == 'o' && (i + 5 >= len || s[i + 4] != 'r'))))
			continue; /* member, memo */
		return 1;
	}
	return 0;
}

/* True when call is made on (or by) something in memory: memfs.Create(name), afero.NewMemMapFs(). */
static int memory_call(const struct ast *ast, uint32_t call, uint32_t at, uint32_t outer, int depth)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), root, v;
	if (depth > 4)
		return 0;
	if (names_memory(ast, fn))
		return 1;
	if (ast_kind(ast, fn) != AST_selector_expression)
		return 0;
	root = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
	if (ast_kind(ast, root) != AST_identifier)
		return 0;
	v = ast_unparen(ast, value_of(ast, root, call, outer));
	(void)at;
	return v != AST_NONE && ast_kind(ast, v) == AST_call_expression && memory_call(ast, v, v, outer, depth + 1);
}

static int is_bytes_buffer_type(const struct ast *ast, uint32_t t)
{
	if (ast_kind(ast, t) == AST_pointer_type)
		t = ast->nodes[t].first;
	return ast_kind(ast, t) == AST_qualified_type && ast_text_is(ast, ast_field(ast, t, FIELD_package), "bytes") &&
	       ast_text_is(ast, ast_field(ast, t, FIELD_name), "Buffer");
}

/*
 * True when identifier id (at `at`) is an in-memory container: a
 * bytes.Buffer (var, literal, new, bytes.NewBuffer) or a file of an
 * in-memory file system.
 */
static int is_memory(const struct ast *ast, uint32_t id, uint32_t at, uint32_t outer)
{
	uint32_t rhs, def = def_of(ast, id, at, outer, &rhs);
	if (def == AST_NONE)
		return 0;
	if (rhs == AST_NONE)
		return ast_kind(ast, def) == AST_var_spec && is_bytes_buffer_type(ast, ast_field(ast, def, FIELD_type));
	rhs = ast_unparen(ast, rhs);
	if (ast_kind(ast, rhs) == AST_unary_expression)
		rhs = ast_unparen(ast, ast_field(ast, rhs, FIELD_operand));
	if (ast_kind(ast, rhs) == AST_composite_literal)
		return is_bytes_buffer_type(ast, ast_field(ast, rhs, FIELD_type));
	if (ast_kind(ast, rhs) != AST_call_expression)
		return 0;
	if (ast_call_is(ast, rhs, "bytes", "NewBuffer") || ast_call_is(ast, rhs, "bytes", "NewBufferString"))
		return 1;
	if (ast_kind(ast, ast_field(ast, rhs, FIELD_function)) == AST_identifier &&
	    ast_text_is(ast, ast_field(ast, rhs, FIELD_function), "new"))
		return is_bytes_buffer_type(ast, ast_child(ast, ast_field(ast, rhs, FIELD_arguments), 0));
	return memory_call(ast, rhs, at, outer, 0);
}

/* The identifier a destination expression names (&buf, buf, (buf)), or AST_NONE. */
static uint32_t dest_ident(const struct ast *ast, uint32_t e)
{
	e = ast_unparen(ast, e);
	if (ast_kind(ast, e) == AST_unary_expression && ast_text_is(ast, ast_field(ast, e, FIELD_operator), "&"))
		e = ast_unparen(ast, ast_field(ast, e, FIELD_operand));
	return ast_kind(ast, e) == AST_identifier ? e : AST_NONE;
}

/*
 * What a call before `sink` in handler fills container `c` with: a whole
 * file or response body copied in (io.Copy(&c, src), io.CopyBuffer,
 * c.ReadFrom(src)) or a whole read written in (c.Write(data)). `match`
 * decides which destinations are the container. *how receives the call.
 */
static enum content filled(const struct ast *ast, uint32_t handler, uint32_t sink,
			   int (*match)(const struct ast *, uint32_t dst, uint32_t c, uint32_t outer),
			   uint32_t c, uint32_t *how)
{
	uint32_t i, end = ast_subtree_end(ast, handler);
	for (i = handler; i <= end && ast->nodes[i].start < ast->nodes[sink].start; i++) {
		uint32_t args, fn, name, dst = AST_NONE, src = AST_NONE, r = AST_NONE;
		enum content got = C_NONE;

		if (ast->nodes[i].kind != AST_call_expression)
			continue;
		args = ast_field(ast, i, FIELD_arguments);
		fn = ast_unparen(ast, ast_field(ast, i, FIELD_function));
		if (ast_call_is(ast, i, "io", "Copy") || ast_call_is(ast, i, "io", "CopyBuffer")) {
			dst = ast_child(ast, args, 0);
			src = ast_child(ast, args, 1);
		} else if (ast_kind(ast, fn) == AST_selector_expression) {
			name = ast_field(ast, fn, FIELD_field);
			if (ast_text_is(ast, name, "ReadFrom"))
				src = ast_child(ast, args, 0);
			else if (ast_text_is(ast, name, "Write") || ast_text_is(ast, name, "WriteString"))
				r = ast_child(ast, args, 0);
			else
				continue;
			dst = ast_field(ast, fn, FIELD_operand);
			if (src == AST_NONE) {
				uint32_t id = buffer_ident(ast, r), read;
				if (id == AST_NONE || !match(ast, dst, c, handler))
					continue;
				got = whole_read(ast, value_of(ast, id, i, handler), i, handler, &read);
				if (got != C_NONE) {
					*how = read;
					return got;
				}
				continue;
			}
		} else {
			continue;
		}
		if (!match(ast, dst, c, handler))
			continue;
		got = whole_source(ast, src, i, handler);
		if (got != C_NONE) {
			*how = i;
			return got;
		}
	}
	return C_NONE;
}

/* The container is the variable itself: io.Copy(&buf, f). */
static int same_variable(const struct ast *ast, uint32_t dst, uint32_t c, uint32_t outer)
{
	uint32_t id = dest_ident(ast, dst);
	(void)outer;
	return id != AST_NONE && ast_same_text(ast, id, c);
}

/* The container is a file system `c`: io.Copy(f, src) with f := c.Create(name). */
static int file_of(const struct ast *ast, uint32_t dst, uint32_t c, uint32_t outer)
{
	uint32_t id = dest_ident(ast, dst), v, fn;
	if (id == AST_NONE)
		return 0;
	if (ast_same_text(ast, id, c))
		return 1;
	v = ast_unparen(ast, value_of(ast, id, dst, outer));
	if (ast_kind(ast, v) != AST_call_expression)
		return 0;
	fn = ast_unparen(ast, ast_field(ast, v, FIELD_function));
	return ast_kind(ast, fn) == AST_selector_expression &&
	       ast_same_text(ast, ast_unparen(ast, ast_field(ast, fn, FIELD_operand)), c);
}

/* ------------------------------------------------------------ the rule */

enum sink_kind {
	SINK_WRITE,         /* w.Write, io.Copy(w, ...), fmt.Fprint... */
	SINK_SERVE_CONTENT, /* http.ServeContent: a file, by intent */
};

/*
 * Report the sink `call` on writer w: `how` read or copied the whole
 * `what`, into container `into` (AST_NONE: read into a byte slice).
 */
static void report(struct rule_ctx *rc, uint32_t call, uint32_t w, uint32_t how, enum content what,
		   uint32_t into)
{
	const struct ast *ast = rc->ast;
	uint32_t callee = ast_field(ast, how, FIELD_function);
	size_t wl, rl, il = 0;
	const char *wt = ast_text(ast, w, &wl), *rt = ast_text(ast, callee, &rl), *it = "";
	char fix[512];

	if (into != AST_NONE)
		it = ast_text(ast, into, &il);
	if (what == C_FILE)
		snprintf(fix, sizeof(fix),
			 "stream the file instead: open it with os.Open and use http.ServeContent(%.*s, r, name, "
			 "modtime, f), http.ServeFile, or io.Copy(%.*s, f) (no automatic fix: streaming "
			 "changes what the client sees when the read fails midway, and the headers the "
			 "handler sets from the data)", (int)wl, wt, (int)wl, wt);
	else
		snprintf(fix, sizeof(fix),
			 "stream the body instead: copy the headers you need, then io.Copy(%.*s, resp.Body) "
			 "(closing it after; no automatic fix: which headers to pass on, and what to send "
			 "when the copy fails midway, are the handler's choice)", (int)wl, wt);
	lint_report(rc, call, fix,
		    "the whole %s %s%.*s by %.*s is held in memory and then sent to the "
		    "http.ResponseWriter: each request keeps a %s-sized buffer until its client has read "
		    "the last byte, so slow or stalled downloads pile up memory",
		    what == C_FILE ? "file" : "response body", into != AST_NONE ? "copied into " : "read",
		    (int)il, it, (int)rl, rt, what == C_FILE ? "file" : "body");
}

static void check_sink(struct rule_ctx *rc, uint32_t call, uint32_t w, uint32_t buf, const char *hn,
		       enum sink_kind kind)
{
	const struct ast *ast = rc->ast;
	uint32_t handler, id, how;
	enum content what;

	if (ast_kind(ast, ast_unparen(ast, w)) != AST_identifier || buf == AST_NONE)
		return;
	w = ast_unparen(ast, w);
	handler = handler_of(ast, call, w, hn);
	if (handler == AST_NONE)
		return;
	id = buffer_ident(ast, buf);
	if (id == AST_NONE)
		return;
	what = whole_read(ast, value_of(ast, id, call, handler), call, handler, &how);
	if (what == C_FILE || (what == C_BODY && kind == SINK_SERVE_CONTENT)) {
		report(rc, call, w, how, what, AST_NONE);
		return;
	}
	if (!is_memory(ast, id, call, handler))
		return;
	what = filled(ast, handler, call, same_variable, id, &how);
	if (what == C_FILE || (what == C_BODY && kind == SINK_SERVE_CONTENT))
		report(rc, call, w, how, what, id);
}

/*
 * fs.ServeHTTP(w, r) where fs is an http.FileServer over an in-memory file
 * system that a whole file or body was copied into before.
 */
static void check_file_server(struct rule_ctx *rc, uint32_t call, uint32_t recv, uint32_t w, const char *hn)
{
	const struct ast *ast = rc->ast;
	uint32_t handler, fsrv, i, end, how;
	enum content what;

	w = ast_unparen(ast, w);
	if (ast_kind(ast, w) != AST_identifier || (handler = handler_of(ast, call, w, hn)) == AST_NONE)
		return;
	fsrv = ast_unparen(ast, recv);
	if (ast_kind(ast, fsrv) == AST_identifier)
		fsrv = ast_unparen(ast, value_of(ast, fsrv, call, handler));
	if (ast_kind(ast, fsrv) != AST_call_expression || !imports_calls(ast, fsrv, hn, "FileServer"))
		return;
	/* Any in-memory file system named in its argument (http.FS(mfs), afero.NewHttpFs(mfs)). */
	end = ast_subtree_end(ast, fsrv);
	for (i = fsrv; i <= end; i++) {
		if (ast->nodes[i].kind != AST_identifier || !is_memory(ast, i, call, handler))
			continue;
		what = filled(ast, handler, call, file_of, i, &how);
		if (what != C_NONE) {
			report(rc, call, w, how, what, i);
			return;
		}
	}
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
	if (ast_kind(ast, fn) == AST_selector_expression) {
		uint32_t field = ast_field(ast, fn, FIELD_field), operand = ast_field(ast, fn, FIELD_operand);
		if (ast_text_is(ast, field, "Write")) { /* w.Write(buf) */
			check_sink(rc, call, operand, first, hn, SINK_WRITE);
			return;
		}
		if (ast_text_is(ast, field, "WriteTo")) { /* buf.WriteTo(w) */
			check_sink(rc, call, first, operand, hn, SINK_WRITE);
			return;
		}
		if (ast_text_is(ast, field, "ServeHTTP")) { /* fs.ServeHTTP(w, r) */
			check_file_server(rc, call, operand, first, hn);
			return;
		}
	}
	if (imports_calls(ast, call, hn, "ServeContent")) {
		check_sink(rc, call, first, ast_child(ast, args, 4), hn, SINK_SERVE_CONTENT);
		return;
	}
	if (ast_call_is(ast, call, "io", "WriteString")) {
		check_sink(rc, call, first, ast_child(ast, args, 1), hn, SINK_WRITE);
		return;
	}
	if (ast_call_is(ast, call, "io", "Copy") || ast_call_is(ast, call, "io", "CopyBuffer")) {
		check_sink(rc, call, first, ast_child(ast, args, 1), hn, SINK_WRITE);
		return;
	}
	if (ast_call_is(ast, call, "fmt", "Fprint") || ast_call_is(ast, call, "fmt", "Fprintln") ||
	    ast_call_is(ast, call, "fmt", "Fprintf")) {
		uint32_t skip = ast_call_is(ast, call, "fmt", "Fprintf") ? 2 : 1;
		ast_for_each_child(ast, args, a) {
			uint32_t before = rc->file->nr_findings;
			if (n++ < skip)
				continue;
			check_sink(rc, call, first, a, hn, SINK_WRITE);
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
		if (ast->nodes[i].kind == AST_call_expression && !lint_is_test_code(rc, i))
			check_call(rc, i, hn);
}

const struct rule rule_buffered_file_response = {
	.id = "buffered-file-response",
	.summary = "an HTTP handler holds a whole file or downloaded body in memory and writes it to the ResponseWriter",
	.severity = "warning",
	.default_on = 1,
	.needles = needles,
	.check = check,
};
