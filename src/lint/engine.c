/*
 * engine.c - see engine.h.
 */
#include "lint/engine.h"
#include "lint/cache.h"
#include "lint/stamps.h"
#include "lint/newfrom.h"
#include "lint/fix.h"
#include "lint/directives.h"
#include "lint/facts.h"
#include "lint/flow.h"
#include "lint/imports.h"
#include "lint/module.h"
#include "lint/parts.h"
#include "base/options.h"
#include "base/strmap.h"
#include "base/needles.h"
#include "base/tsmem.h"
#include "lint/goparse.h"
#include "base/pool.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

struct unit {
	size_t first, nr; /* files[first .. first+nr) */
	size_t bytes;     /* for scheduling: big packages first */
	int net_http;     /* the directory is net/http's package (module.h) */
};

struct run;

struct worker {
	struct run *run;
	TSParser *parser;
	struct arena scratch;
	struct facts_resolver resolver; /* ctx: this worker */
	/* while a package's results will be cached: the packages its facts read */
	int recording;
	struct cache_dep *deps;
	size_t nr_deps, alloc_deps;
};

/* Facts of a package of the tree, computed when another package needs them. */
enum { EXT_NONE, EXT_COMPUTING, EXT_DONE };
struct extern_pkg {
	int state;
	struct pkg_facts facts;
	/*
	 * The files parsed for the facts, kept for the package's own run so
	 * no file is parsed twice (NULL once taken or not kept); taken: the
	 * package's own run has started, so nothing more is kept for it.
	 */
	struct lint_file *files;
	size_t kept_bytes;
	int taken;
};

struct run {
	const struct lint_options *opts;
	const struct lint_sink *sink;
	struct lint_file *files;
	size_t nr_files;
	struct unit *units;
	size_t nr_units;
	struct worker *workers;
	int jobs;
	const char **needles; /* union of the enabled rules' needles */
	size_t nr_needles;
	const char **fact_needles; /* union of their fact needles */
	size_t nr_fact_needles;
	/*
	 * Every needle a prefilter asks about, in one automaton (needles.h):
	 * load() scans a file once, the prefilters test these masks.
	 */
	struct needle_set *needle_set;
	uint64_t *rule_mask, *fact_mask, *leak_mask, *example_mask, *graph_mask;
	size_t nr_findings;
	struct lint_stats *stats;
	int progress_shown;

	/* packages of the tree by import path (unit index + 1), for cross-package facts */
	struct strmap by_path;
	char **import_paths;
	struct extern_pkg *ext;
	pthread_mutex_t ext_lock;
	pthread_cond_t ext_cond;
	size_t kept_bytes; /* source bytes of the files extern_pkg keeps (under ext_lock) */

	/* the cache (cache.h), when opts->cache_dir */
	struct cache_hash opts_hash;   /* this binary and the options that change results */
	struct cache_hash *unit_hash;  /* of each unit's non-test files, once computed */
	unsigned char *unit_hashed;    /* (under ext_lock) */
	size_t cache_written, cached;  /* bytes written, packages replayed (under ext_lock) */
	size_t unread;                 /* files of those not read: their stamps said (under ext_lock) */
	struct stamps *stamps;         /* files known unchanged by their stat (stamps.h), or NULL */
};

/*
 * At most this many source bytes of parsed files are kept for packages
 * whose own run has not started (their trees take about fifteen times that):
 * beyond it, a package is parsed again, which bounds the memory on a big
 * tree whose packages are all summarised early. A package whose files are
 * kept is run next (pool_hurry), so they are not kept for long: on
 * fifteen public repositories and the standard library no file was
 * parsed twice, at 110 MiB peak RSS at most.
 */
#define KEPT_BYTES_MAX ((size_t)4 << 20)

/* ---------------------------------------------------------------- reporting */

/* UTF-16 units of the bytes [line start, off) (SARIF's default column unit). */
static uint32_t utf16_col(const struct ast *ast, uint32_t off)
{
	uint32_t start = off, n = 0, i;
	while (start > 0 && ast->src[start - 1] != '\n')
		start--;
	for (i = start; i < off; i++) {
		unsigned char c = (unsigned char)ast->src[i];
		if ((c & 0xc0) == 0x80)
			continue;
		n += c >= 0xf0 ? 2 : 1;
	}
	return n + 1;
}

void lint_report(struct rule_ctx *rc, uint32_t at, const char *fix, const char *fmt, ...)
{
	const struct ast *ast = rc->ast;
	const struct ast_node *n = &ast->nodes[at];
	struct lint_file *f = rc->file;
	struct finding *fd;
	struct strbuf msg = STRBUF_INIT;
	uint32_t fn;
	va_list ap;

	if (n->flags & (AST_IN_ERROR | AST_MISSING))
		return;
	if (directives_silence(f->dirs, rc->rule, n->line))
		return;
	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);

	ALLOC_GROW(f->findings, f->nr_findings + 1, f->alloc_findings);
	fd = &f->findings[f->nr_findings++];
	fd->rule = rc->rule;
	fd->line = n->line;
	fd->col = n->col;
	fd->end_line = n->end_line;
	fd->end_col = n->end_col;
	fd->col_utf16 = utf16_col(ast, n->start);
	fd->end_col_utf16 = utf16_col(ast, n->end);
	fd->message = strbuf_detach(&msg, NULL);
	fd->fix = fix ? xstrdup(fix) : NULL;
	fd->edits = NULL;
	fd->nr_edits = 0;
	fd->in_test = lint_is_test_code(rc, at);
	fn = ast_top_func(ast, at);
	fd->func_line = fn == AST_NONE ? 0 : ast->nodes[fn].line;
	fd->func_end_line = fn == AST_NONE ? 0 : ast->nodes[fn].end_line;
}

int lint_is_test_code(const struct rule_ctx *rc, uint32_t at)
{
	uint32_t top;
	if (!ends_with(rc->file->path, "_test.go"))
		return 0;
	top = ast_top_func(rc->ast, at);
	return top == AST_NONE || rc->ast->nodes[top].kind != AST_function_declaration ||
	       !ast_func_name_starts(rc->ast, top, "Example");
}

int lint_is_net_http(const struct rule_ctx *rc)
{
	return rc->file->imports && rc->file->imports->is_http;
}

void lint_note(struct rule_ctx *rc, uint32_t at, const char *fmt, ...)
{
	struct lint_file *f = rc->file;
	va_list ap;
	strbuf_addf(&f->notes, "%s: %s:%u: ", prog_name, f->path, rc->ast->nodes[at].line);
	va_start(ap, fmt);
	strbuf_vaddf(&f->notes, fmt, ap);
	va_end(ap);
	strbuf_addch(&f->notes, '\n');
}

static void free_flows(struct flow **flows, uint32_t nr)
{
	uint32_t i;
	for (i = 0; flows && i < nr; i++)
		flow_free(flows[i]);
	free(flows);
}

const struct flow *lint_flow(struct rule_ctx *rc, uint32_t fn)
{
	struct lint_file *f = rc->file;
	const struct strvec *no_return = lint_option(rc, "no-return");
	struct flow ***cache = &f->flows;

	/*
	 * Most runs set no rule's no-return functions, and every rule shares
	 * one graph per function. A rule that has its own gets graphs of its
	 * own; rules run one after the other on a file, so one such set is
	 * kept at a time.
	 */
	if (no_return->nr) {
		cache = &f->rule_flows;
		if (f->rule_flows_of != rc->rule) {
			free_flows(f->rule_flows, rc->ast->nr);
			f->rule_flows = NULL;
			f->rule_flows_of = rc->rule;
		}
	}
	if (!*cache)
		*cache = xcalloc(rc->ast->nr, sizeof(**cache));
	if (!(*cache)[fn])
		(*cache)[fn] = flow_build(rc->ast, fn, no_return->nr ? no_return : NULL, f->imports);
	return (*cache)[fn];
}

int lint_rule_option(const struct rule *r, const char *name)
{
	int i;
	for (i = 0; r->options && r->options[i].name; i++)
		if (!strcmp(r->options[i].name, name))
			return i;
	return -1;
}

const struct strvec *lint_option(const struct rule_ctx *rc, const char *name)
{
	static const struct strvec none = STRVEC_INIT;
	int i = lint_rule_option(rc->rule, name);
	return i < 0 || !rc->values ? &none : &rc->values[i];
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->rule->id, y->rule->id);
}

/* Sort by position and drop exact repeats (same rule, place and message). */
static void sort_findings(struct lint_file *f)
{
	size_t i, out = 0;
	if (!f->nr_findings)
		return;
	qsort(f->findings, f->nr_findings, sizeof(*f->findings), cmp_finding);
	for (i = 0; i < f->nr_findings; i++) {
		struct finding *fd = &f->findings[i];
		if (out && !cmp_finding(&f->findings[out - 1], fd) &&
		    !strcmp(f->findings[out - 1].message, fd->message)) {
			lint_finding_release(fd);
			continue;
		}
		f->findings[out++] = *fd;
	}
	f->nr_findings = out;
}

/* ---------------------------------------------------------------- one file */

static void note(struct lint_file *f, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void note(struct lint_file *f, const char *fmt, ...)
{
	va_list ap;
	strbuf_addf(&f->notes, "%s: ", prog_name);
	va_start(ap, fmt);
	strbuf_vaddf(&f->notes, fmt, ap);
	va_end(ap);
	strbuf_addch(&f->notes, '\n');
}

static void skip(struct lint_file *f, const char *fmt, const char *what)
{
	f->skipped = 1;
	note(f, fmt, f->path, what);
}

/* Does loaded file f contain one of the needles of mask (a mask of r->needle_set)? */
static int contains_any(const struct run *r, const struct lint_file *f, const uint64_t *mask)
{
	return needles_any(r->needle_set, f->needles_found, mask);
}

/* Read the file and find its needles; returns 0 when it can be linted. */
static int load(struct run *r, struct lint_file *f)
{
	long n;

	if (f->data)
		n = f->size > r->opts->max_file_size ? -2 : (strbuf_add(&f->src, f->data, f->size), (long)f->size);
	else if (f->from_stdin)
		n = strbuf_read_fd(&f->src, 0, r->opts->max_file_size);
	else
		n = strbuf_read_file(&f->src, f->path, r->opts->max_file_size);
	if (n == -2) {
		skip(f, "%s: %s; skipped (see --max-file-size)", "larger than the size limit");
		return -1;
	}
	if (n < 0) {
		skip(f, "%s: cannot read: %s; skipped", strerror(errno));
		return -1;
	}
	f->size = (size_t)n;
	if (memchr(f->src.buf, '\0', f->src.len)) {
		skip(f, "%s: %s; skipped", "binary data, not Go source");
		return -1;
	}
	f->loaded = 1;
	return 0;
}

/*
 * Find the prefilter's needles in loaded file f, once: after the cache
 * was asked (a package answered from it is read and hashed, not scanned).
 */
static void find_needles(struct run *r, struct lint_file *f)
{
	if (f->needles_found || !f->loaded)
		return;
	f->needles_found = xcalloc(needles_words(r->needle_set), sizeof(uint64_t));
	needles_scan(r->needle_set, f->src.buf, f->src.len, f->needles_found);
	f->graph_needle = contains_any(r, f, r->graph_mask) ? 2 : 1;
}

/* ---------------------------------------------------------------- syntax */

/*
 * ERROR and MISSING nodes of a tree (an ERROR counts once, whatever it
 * holds), and the line of the first one (0 when there is none).
 */
static uint32_t syntax_errors(TSTree *tree, uint32_t *first_line)
{
	TSNode root = ts_tree_root_node(tree);
	TSTreeCursor cur;
	uint32_t nr = 0;

	*first_line = 0;
	if (!ts_node_has_error(root))
		return 0;
	cur = ts_tree_cursor_new(root);
	for (;;) {
		TSNode n = ts_tree_cursor_current_node(&cur);
		if (ts_node_is_error(n) || ts_node_is_missing(n)) {
			uint32_t line = ts_node_start_point(n).row + 1;
			if (!nr++ || line < *first_line)
				*first_line = line;
		} else if (ts_node_has_error(n) && ts_tree_cursor_goto_first_child(&cur)) {
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&cur))
			if (!ts_tree_cursor_goto_parent(&cur))
				goto done;
	}
done:
	ts_tree_cursor_delete(&cur);
	if (!nr) /* has_error with nothing found: say where the file starts */
		*first_line = 1;
	return nr ? nr : 1;
}

static int ident_byte(unsigned char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

/* Skip blanks, line ends and comments from s[i]; the offset of what follows. */
static size_t skip_space(const char *s, size_t n, size_t i)
{
	for (;;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		if (i + 1 < n && s[i] == '/' && s[i + 1] == '/') {
			while (i < n && s[i] != '\n')
				i++;
		} else if (i + 1 < n && s[i] == '/' && s[i + 1] == '*') {
			const char *e = memmem(s + i + 2, n - i - 2, "*/", 2);
			i = e ? (size_t)(e - s) + 2 : n;
		} else {
			return i;
		}
	}
}

/* Skip the string, rune or raw string literal starting at s[i]. */
static size_t skip_literal(const char *s, size_t n, size_t i)
{
	char q = s[i++];
	while (i < n && s[i] != q) {
		if (q != '`' && s[i] == '\\')
			i++;
		else if (q != '`' && s[i] == '\n')
			return i; /* unterminated: stop at the line end */
		i++;
	}
	return i < n ? i + 1 : n;
}

/* Skip the balanced brackets opening at s[i] ('['). */
static size_t skip_brackets(const char *s, size_t n, size_t i)
{
	int depth = 0;
	while (i < n) {
		if (s[i] == '"' || s[i] == '\'' || s[i] == '`') {
			i = skip_literal(s, n, i);
			continue;
		}
		if (s[i] == '[')
			depth++;
		else if (s[i] == ']' && --depth == 0)
			return i + 1;
		i++;
	}
	return n;
}

/*
 * True when the operand of new(...) or make(...) starting at s[i] reads as
 * a type the grammar takes: []T, [N]T, map, chan, func, struct and
 * interface types, *T, T, pkg.T, with type arguments. A lone name (`x`)
 * is taken for a type either way: the grammar parses it.
 */
static int operand_is_type(const char *s, size_t n, size_t i)
{
	static const char *const words[] = { "map", "chan", "func", "struct", "interface" };
	size_t j, k;
	int dots = 0;

	while (i < n && s[i] == '*')
		i = skip_space(s, n, i + 1);
	if (i >= n || s[i] == '[' || (s[i] == '<' && i + 1 < n && s[i + 1] == '-'))
		return 1;
	if (!ident_byte((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9'))
		return 0;
	for (j = i; j < n && ident_byte((unsigned char)s[j]); j++)
		;
	for (k = 0; k < ARRAY_SIZE(words); k++)
		if (strlen(words[k]) == j - i && !memcmp(s + i, words[k], j - i))
			return 1;
	j = skip_space(s, n, j);
	while (j < n && s[j] == '.') {
		j = skip_space(s, n, j + 1);
		if (++dots > 1 || j >= n || !ident_byte((unsigned char)s[j]))
			return 0;
		while (j < n && ident_byte((unsigned char)s[j]))
			j++;
		j = skip_space(s, n, j);
	}
	if (j < n && s[j] == '[')
		j = skip_space(s, n, skip_brackets(s, n, j));
	return j < n && (s[j] == ')' || s[j] == ',');
}

/*
 * Copy s into out with each builtin `new` (or a shadowed `make`) whose
 * operand is not a type renamed to an ordinary identifier of the same
 * length ("nEw"), so the grammar reads the call Go 1.26 allows. Comments
 * and literals are left alone. Returns how many were renamed.
 */
static uint32_t rename_new_exprs(const char *s, size_t n, struct strbuf *out)
{
	size_t i = 0;
	uint32_t nr = 0;

	strbuf_reset(out);
	strbuf_add(out, s, n);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t j, k, prev;

		if (c == '/' && i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '*')) {
			i = skip_space(s, n, i);
			continue;
		}
		if (c == '"' || c == '\'' || c == '`') {
			i = skip_literal(s, n, i);
			continue;
		}
		if (!ident_byte(c)) {
			i++;
			continue;
		}
		for (j = i; j < n && ident_byte((unsigned char)s[j]); j++)
			;
		if (!((j - i == 3 && !memcmp(s + i, "new", 3)) ||
		      (j - i == 4 && !memcmp(s + i, "make", 4)))) {
			i = j;
			continue;
		}
		for (prev = i; prev > 0 && (s[prev - 1] == ' ' || s[prev - 1] == '\t'); prev--)
			;
		k = skip_space(s, n, j);
		if ((prev == 0 || s[prev - 1] != '.') && k < n && s[k] == '(' &&
		    !operand_is_type(s, n, skip_space(s, n, k + 1))) {
			out->buf[i + 1] = (char)(s[i + 1] - 'a' + 'A');
			nr++;
		}
		i = j;
	}
	return nr;
}

/*
 * Parse f's source. When the tree has errors and renaming new(expr)
 * calls (rename_new_exprs) gives a tree with fewer, keep that one: its
 * nodes are read over the original bytes, so rules see `new` as written.
 */
static TSTree *parse_source(struct worker *w, struct lint_file *f)
{
	TSTree *tree = ts_parser_parse_string(w->parser, NULL, f->src.buf, (uint32_t)f->src.len);
	struct strbuf alt = STRBUF_INIT;
	uint32_t errors, line, renamed;

	f->syntax_line = 0;
	f->new_exprs = 0;
	if (!tree || !(errors = syntax_errors(tree, &f->syntax_line)))
		return tree;
	renamed = rename_new_exprs(f->src.buf, f->src.len, &alt);
	if (renamed) {
		TSTree *other = ts_parser_parse_string(w->parser, NULL, alt.buf, (uint32_t)alt.len);
		if (other && syntax_errors(other, &line) < errors) {
			ts_tree_delete(tree);
			tree = other;
			f->syntax_line = line;
			f->new_exprs = renamed;
		} else if (other) {
			ts_tree_delete(other);
		}
	}
	strbuf_release(&alt);
	return tree;
}

/*
 * A file this big makes a syntax tree of sixty times its size while it is
 * parsed (a 1.5 MB generated .pb.go: 90 MB). It is parsed in parts of
 * PART_BYTES (parts.h), each tree freed before the next; when that fails
 * (a syntax error), whole, and such files one at a time across the run,
 * so the peak memory stays that of one.
 */
#define BIG_FILE_BYTES (256u << 10)
#define GOPARSE_MAX_BYTES (4u << 20)
#define PART_BYTES (64u << 10)
static pthread_mutex_t big_parse = PTHREAD_MUTEX_INITIALIZER;

/*
 * Go's mark of a generated file: a line `// Code generated ... DO NOT
 * EDIT.` before the package clause.
 */
static int is_generated_text(const char *src, size_t len)
{
	const char *s = src, *end = s + len, *p = s;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *e;
		if (!eol)
			eol = end;
		e = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
		if (e - p >= 8 && !memcmp(p, "package ", 8))
			return 0;
		if (e - p >= 30 && !memcmp(p, "// Code generated ", 18) && !memcmp(e - 13, " DO NOT EDIT.", 13))
			return 1;
		p = eol < end ? eol + 1 : end;
	}
	return 0;
}

/*
 * Parse f in parts when it is big, without its function bodies when it
 * is generated (bodies): 0 when that worked (f->ast is built), -1 when f
 * is to be parsed whole.
 */
static int parse_parts(struct worker *w, struct lint_file *f, int bodies)
{
	struct part_cut *cuts = NULL;
	struct part_hole *holes = NULL;
	size_t nr = 0, nr_holes = 0;
	int ret = -1;

	if (f->src.len >= BIG_FILE_BYTES)
		nr = parts_cut(f->src.buf, f->src.len, PART_BYTES, &cuts);
	if (!bodies)
		nr_holes = parts_func_bodies(f->src.buf, f->src.len, &holes);
	if ((nr || nr_holes) && !parts_parse(w->parser, f->src.buf, f->src.len, cuts, nr, holes,
					     nr_holes, &f->ast)) {
		f->syntax_line = 0;
		f->new_exprs = 0;
		ret = 0;
	}
	free(cuts);
	free(holes);
	return ret;
}

/*
 * Each file is parsed by a parser of its own made in this thread's
 * tree-sitter pool (tsmem.h): parser and tree are dropped together when
 * the ast is built, never deleted node by node.
 */
static void parser_begin(struct worker *w)
{
	tsmem_begin();
	w->parser = ts_parser_new();
	ts_parser_set_language(w->parser, ast_language());
}

static void parser_end(struct worker *w)
{
	w->parser = NULL;
	tsmem_end();
}

static void parse(struct run *r, struct worker *w, struct lint_file *f, int in_net_http)
{
	TSTree *tree;
	int big = f->src.len >= BIG_FILE_BYTES;

	f->decls_only = !f->named && !r->opts->generated &&
			is_generated_text(f->src.buf, f->src.len);
	/*
	 * Our parser first: the same ast in a tenth of the time, or it says
	 * it is not sure. Its memory while it parses is about twenty times
	 * the file (tree-sitter's, sixty): files above GOPARSE_MAX_BYTES go
	 * to tree-sitter in parts. A generated file without its functions'
	 * bodies, as parse_parts() would.
	 */
	if (f->src.len <= GOPARSE_MAX_BYTES) {
		struct part_hole *holes = NULL;
		size_t nr = f->decls_only ? parts_func_bodies(f->src.buf, f->src.len, &holes) : 0;
		int ok = goparse_holes(&f->ast, f->src.buf, f->src.len, holes, nr) == 0;
		free(holes);
		if (ok) {
			f->syntax_line = 0;
			f->new_exprs = 0;
			goto built;
		}
	}
	parser_begin(w);
	if ((big || f->decls_only) && !parse_parts(w, f, !f->decls_only)) {
		parser_end(w);
		goto built;
	}
	if (big)
		pthread_mutex_lock(&big_parse);
	tree = parse_source(w, f);
	if (tree)
		ast_build(&f->ast, tree, f->src.buf, f->src.len);
	parser_end(w); /* the tree with it */
	if (big)
		pthread_mutex_unlock(&big_parse);
	if (!tree) {
		skip(f, "%s: %s; skipped", "the parser gave up");
		return;
	}
built:
	if (f->ast.max_depth > LINT_MAX_DEPTH) {
		skip(f, "%s: %s; skipped", "nested too deeply");
		ast_release(&f->ast);
		f->syntax_line = 0;
		return;
	}
	if (f->syntax_line && r->opts->verbose)
		note(f, "%s:%u: syntax error; linting the parts that parse", f->path,
		     f->syntax_line);
	f->dirs = xcalloc(1, sizeof(*f->dirs));
	directives_collect(f->dirs, &f->ast);
	f->imports = xcalloc(1, sizeof(*f->imports));
	imports_collect(f->imports, &f->ast, in_net_http);
	f->parsed = 1;
}

static void dump_flows(struct lint_file *f)
{
	uint32_t i;
	for (i = 0; i < f->ast.nr; i++) {
		struct flow *fl;
		if (!ast_is_func(f->ast.nodes[i].kind) || ast_func_body(&f->ast, i) == AST_NONE)
			continue;
		fl = flow_build(&f->ast, i, NULL, NULL);
		strbuf_addf(&f->notes, "%s:%u: func\n", f->path, f->ast.nodes[i].line);
		{
			char *buf = NULL;
			size_t len = 0;
			FILE *mem = open_memstream(&buf, &len);
			flow_dump(fl, &f->ast, mem);
			fclose(mem);
			strbuf_add(&f->notes, buf, len);
			free(buf);
		}
		flow_free(fl);
	}
}

static void release_work(struct lint_file *f)
{
	free(f->needles_found);
	f->needles_found = NULL;
	f->loaded = 0;
	free_flows(f->flows, f->ast.nr);
	free_flows(f->rule_flows, f->ast.nr);
	f->flows = f->rule_flows = NULL;
	f->rule_flows_of = NULL;
	if (f->dirs) {
		directives_release(f->dirs);
		free(f->dirs);
		f->dirs = NULL;
	}
	if (f->imports) {
		imports_release(f->imports);
		free(f->imports);
		f->imports = NULL;
	}
	ast_release(&f->ast);
	strbuf_release(&f->src);
}

/* ---------------------------------------------------------------- other packages' facts */

/*
 * Compute the facts of unit ui for other packages, from its non-test files
 * only (what importers can call), with this worker's parser. Calls from it
 * into further packages are not resolved (they count as hand-offs): so a
 * computation never waits on another one, which rules out deadlocks on
 * packages that import each other (build-tagged files, invalid code) and
 * makes the result independent of which worker got there first.
 */
/*
 * Does compute_extern read file f, once loaded (by compute_extern or by
 * its package's own run)? The non-test files a rule or a fact could read.
 */
static int in_extern_facts(const struct run *r, const struct lint_file *f)
{
	return !f->from_stdin && !f->skipped && f->needles_found && !ends_with(f->path, "_test.go") &&
	       (contains_any(r, f, r->rule_mask) || contains_any(r, f, r->fact_mask));
}

static void parse_all(struct run *r, struct worker *w, struct lint_file **todo, size_t nr,
		      int net_http);

static void compute_extern(struct run *r, struct worker *w, size_t ui, struct extern_pkg *e)
{
	struct unit *u = &r->units[ui];
	struct lint_file *files = xcalloc(u->nr, sizeof(*files));
	struct lint_file **parsed = xcalloc(u->nr, sizeof(*parsed));
	size_t i, nr = 0, bytes = 0;
	int keep;

	for (i = 0; i < u->nr; i++) {
		const struct lint_file *orig = &r->files[u->first + i];
		struct lint_file *f = &files[i];
		f->path = orig->path;
		f->named = orig->named; /* a named generated file is read whole */
		f->data = orig->data;
		f->size = orig->data ? orig->size : 0;
		strbuf_init(&f->notes, 0);
		strbuf_init(&f->src, 0);
		if (orig->from_stdin || ends_with(f->path, "_test.go") || load(r, f) < 0)
			continue;
		find_needles(r, f);
		if (!in_extern_facts(r, f))
			continue;
		parsed[nr++] = f; /* to parse, below */
	}
	/* on every core when big: the package's own run may be waiting for these facts */
	parse_all(r, w, parsed, nr, u->net_http);
	for (i = nr = 0; i < u->nr; i++)
		if (files[i].parsed)
			parsed[nr++] = &files[i];
	facts_compute(&e->facts, parsed, nr, NULL);
	for (i = 0; i < nr; i++)
		bytes += parsed[i]->src.len;
	pthread_mutex_lock(&r->ext_lock);
	keep = !e->taken && nr && r->kept_bytes + bytes <= KEPT_BYTES_MAX;
	if (keep) {
		e->files = files;
		e->kept_bytes = bytes;
		r->kept_bytes += bytes;
	}
	pthread_mutex_unlock(&r->ext_lock);
	if (keep)
		pool_hurry(ui); /* its own run next, so the trees kept for it are not kept long */
	for (i = 0; i < u->nr; i++) {
		/* the notes are the package's own run's to make (adopt_parsed) */
		strbuf_release(&files[i].notes);
		if (!keep || !files[i].parsed)
			release_work(&files[i]);
	}
	free(parsed);
	if (!keep)
		free(files);
}

/* Release what compute_extern kept for a package (u->nr files). */
static void release_kept(struct lint_file *files, size_t nr)
{
	size_t i;
	for (i = 0; files && i < nr; i++)
		release_work(&files[i]);
	free(files);
}

/*
 * Take the parse of f that compute_extern kept (from), instead of parsing
 * it again: the same bytes give the same tree, and the note parse() would
 * have made is made here.
 */
static void adopt_parsed(struct run *r, struct lint_file *f, struct lint_file *from)
{
	strbuf_release(&f->src);
	f->src = from->src;
	strbuf_init(&from->src, 0);
	f->ast = from->ast;
	memset(&from->ast, 0, sizeof(from->ast));
	f->dirs = from->dirs;
	f->imports = from->imports;
	from->dirs = NULL;
	from->imports = NULL;
	f->syntax_line = from->syntax_line;
	f->new_exprs = from->new_exprs;
	f->decls_only = from->decls_only;
	f->parsed = 1;
	from->parsed = 0;
	if (f->syntax_line && r->opts->verbose)
		note(f, "%s:%u: syntax error; linting the parts that parse", f->path,
		     f->syntax_line);
}

/* ---------------------------------------------------------------- the cache */

/* May file f's stamp stand for its bytes? A file on disk within the size limit. */
static int stamp_usable(const struct run *r, const struct lint_file *f)
{
	return r->stamps && !f->from_stdin && !f->data && (f->stamp.dev || f->stamp.ino) &&
	       f->stamp.size <= r->opts->max_file_size;
}

/*
 * The hash of file f's bytes, f being the caller's (its unit's own run):
 * from its stamp or from src once loaded; a file whose load succeeded
 * has its stamp recorded for the next run.
 */
static struct cache_hash own_content(struct run *r, struct lint_file *f)
{
	struct cache_hash c;

	if (!f->content_known) {
		c = stamps_content_hash(f->src.buf, f->src.len);
		f->content[0] = c.a;
		f->content[1] = c.b;
		f->content_known = 1;
		if (f->loaded && stamp_usable(r, f))
			stamps_record(r->stamps, f->path, &f->stamp, &c);
	}
	c.a = f->content[0];
	c.b = f->content[1];
	return c;
}

/*
 * The hash of the bytes of file f of another unit, which the caller may
 * not touch: from its stamp, else read (and its stamp recorded). Returns
 * -1 when it cannot be read.
 */
static int other_content(struct run *r, const struct lint_file *f, struct cache_hash *c)
{
	struct strbuf sb = STRBUF_INIT;
	long n;

	if (f->data) {
		*c = stamps_content_hash(f->data, f->size);
		return 0;
	}
	if (stamp_usable(r, f) && stamps_lookup(r->stamps, f->path, &f->stamp, c))
		return 0;
	n = strbuf_read_file(&sb, f->path, 0);
	if (n >= 0) {
		*c = stamps_content_hash(sb.buf, sb.len);
		if (stamp_usable(r, f) && !memchr(sb.buf, '\0', sb.len))
			stamps_record(r->stamps, f->path, &f->stamp, c);
	}
	strbuf_release(&sb);
	return n < 0 ? -1 : 0;
}

/*
 * The hash of unit ui's non-test files (what compute_extern reads),
 * computed once. `loaded`: the caller is the unit's own run, whose files
 * are in memory (anyone else reads them again, or takes their stamps:
 * they are not theirs).
 */
static struct cache_hash unit_files_hash_of(struct run *r, size_t ui, int loaded)
{
	const struct unit *u = &r->units[ui];
	struct cache_hasher h;
	struct cache_hash out;
	size_t i;

	pthread_mutex_lock(&r->ext_lock);
	if (r->unit_hashed[ui]) {
		out = r->unit_hash[ui];
		pthread_mutex_unlock(&r->ext_lock);
		return out;
	}
	pthread_mutex_unlock(&r->ext_lock);
	cache_hash_init(&h);
	for (i = 0; i < u->nr; i++) {
		struct lint_file *f = &r->files[u->first + i];
		struct cache_hash c;
		if (f->from_stdin || ends_with(f->path, "_test.go"))
			continue;
		cache_hash_str(&h, f->path, strlen(f->path));
		if (loaded && f->loaded) /* read whole by load() */
			c = own_content(r, f);
		else if (other_content(r, f, &c)) {
			cache_hash_u64(&h, UINT64_MAX);
			continue;
		}
		cache_hash_u64(&h, c.a);
		cache_hash_u64(&h, c.b);
	}
	out = cache_hash_done(&h);
	pthread_mutex_lock(&r->ext_lock);
	r->unit_hash[ui] = out;
	r->unit_hashed[ui] = 1;
	pthread_mutex_unlock(&r->ext_lock);
	return out;
}

static struct cache_hash unit_files_hash(struct run *r, size_t ui)
{
	return unit_files_hash_of(r, ui, 0);
}

/* Note that the package being linted read the facts of import path `path` (unit ui - 1, or none). */
static void record_dep(struct worker *w, const char *path, size_t len, size_t ui)
{
	struct cache_dep *d;
	size_t i;

	for (i = 0; i < w->nr_deps; i++)
		if (strlen(w->deps[i].path) == len && !memcmp(w->deps[i].path, path, len))
			return;
	if (w->nr_deps == w->alloc_deps) {
		w->alloc_deps = w->alloc_deps ? 2 * w->alloc_deps : 8;
		w->deps = xrealloc(w->deps, st_mult(w->alloc_deps, sizeof(*w->deps)));
	}
	d = &w->deps[w->nr_deps++];
	d->path = xstrndup(path, len);
	d->present = ui != 0;
	d->hash = ui ? unit_files_hash(w->run, ui - 1) : (struct cache_hash){ 0, 0 };
}

static void forget_deps(struct worker *w)
{
	size_t i;
	for (i = 0; i < w->nr_deps; i++)
		free(w->deps[i].path);
	w->nr_deps = 0;
	w->recording = 0;
}

/* cache_dep_check: does what the entry's facts read still hold in this run? */
static int dep_holds(void *ctx, const struct cache_dep *d)
{
	struct run *r = ctx;
	size_t ui = (size_t)(uintptr_t)strmap_get(&r->by_path, d->path, strlen(d->path));
	struct cache_hash h;

	if (!d->present || !ui)
		return !d->present && !ui;
	h = unit_files_hash(r, ui - 1);
	return h.a == d->hash.a && h.b == d->hash.b;
}

/* May unit u's results be cached? Not for text that is not a file (stdin, --fix rounds). */
static int unit_cacheable(const struct run *r, const struct unit *u)
{
	size_t i;
	if (!r->opts->cache_dir || r->opts->dump_flow ||
	    (!r->opts_hash.a && !r->opts_hash.b))
		return 0;
	for (i = 0; i < u->nr; i++)
		if (r->files[u->first + i].from_stdin || r->files[u->first + i].data)
			return 0;
	return 1;
}

/*
 * The key of unit ui, its files loaded or known by their stamps: the
 * options, the package's place, every file's path and bytes' hash.
 */
static struct cache_hash unit_key(struct run *r, size_t ui)
{
	const struct unit *u = &r->units[ui];
	const char *ip = r->import_paths[ui] ? r->import_paths[ui] : "";
	struct cache_hasher h;
	struct cache_hash c;
	size_t i;

	cache_hash_init(&h);
	cache_hash_u64(&h, r->opts_hash.a);
	cache_hash_u64(&h, r->opts_hash.b);
	cache_hash_str(&h, ip, strlen(ip));
	cache_hash_u64(&h, (uint64_t)u->net_http);
	cache_hash_u64(&h, u->nr);
	for (i = 0; i < u->nr; i++) {
		struct lint_file *f = &r->files[u->first + i];
		cache_hash_str(&h, f->path, strlen(f->path));
		cache_hash_u64(&h, (uint64_t)f->excluded << 2 | (uint64_t)f->named << 1 |
				       (uint64_t)f->skipped);
		cache_hash_u64(&h, f->rules_off ? lint_nr_rules : 0);
		if (f->rules_off)
			cache_hash_add(&h, f->rules_off, lint_nr_rules);
		cache_hash_str(&h, f->notes.buf, f->notes.len);
		c = own_content(r, f);
		cache_hash_u64(&h, c.a);
		cache_hash_u64(&h, c.b);
	}
	return cache_hash_done(&h);
}

/* This binary and the options that change what a run finds. */
static void hash_options(struct run *r)
{
	const struct lint_options *o = r->opts;
	struct cache_hash self;
	struct cache_hasher h;
	size_t i;

	if (!o->cache_dir)
		return; /* no cache */
	self = cache_self_hash();
	if (!self.a && !self.b)
		return; /* this binary unknown: no cache */
	cache_hash_init(&h);
	cache_hash_str(&h, "plumber lint cache 2", 20);
	cache_hash_u64(&h, self.a);
	cache_hash_u64(&h, self.b);
	cache_hash_u64(&h, (uint64_t)o->tests);
	cache_hash_u64(&h, (uint64_t)o->generated);
	cache_hash_u64(&h, (uint64_t)o->max_file_size);
	cache_hash_u64(&h, (uint64_t)o->verbose);
	cache_hash_u64(&h, lint_nr_rules);
	cache_hash_add(&h, o->enabled, lint_nr_rules);
	/* each rule's options: their number, then each list's length and strings */
	for (i = 0; i < lint_nr_rules; i++) {
		const struct rule *rule = lint_rules[i];
		size_t k, n;
		for (n = 0; rule->options && rule->options[n].name; n++)
			;
		cache_hash_u64(&h, n);
		for (k = 0; k < n; k++) {
			const struct strvec *sv = o->rule_values && o->rule_values[i] ?
							  &o->rule_values[i][k] : NULL;
			size_t v;
			cache_hash_u64(&h, sv ? sv->nr : 0);
			for (v = 0; sv && v < sv->nr; v++)
				cache_hash_str(&h, sv->v[v], strlen(sv->v[v]));
		}
	}
	r->opts_hash = cache_hash_done(&h);
}

/* The cache key of unit ui's facts for importers (what compute_extern computes). */
static struct cache_hash extern_key(struct run *r, size_t ui, int loaded)
{
	struct cache_hash files = unit_files_hash_of(r, ui, loaded);
	struct cache_hasher h;

	cache_hash_init(&h);
	cache_hash_str(&h, "plumber facts 2", 15);
	cache_hash_u64(&h, r->opts_hash.a);
	cache_hash_u64(&h, r->opts_hash.b);
	cache_hash_str(&h, r->import_paths[ui], strlen(r->import_paths[ui]));
	cache_hash_u64(&h, (uint64_t)r->units[ui].net_http);
	cache_hash_u64(&h, files.a);
	cache_hash_u64(&h, files.b);
	return cache_hash_done(&h);
}

/* May unit ui's facts for importers be kept in the cache? */
static int extern_cacheable(const struct run *r, size_t ui)
{
	return r->import_paths[ui] && unit_cacheable(r, &r->units[ui]);
}

/* Read unit ui's facts for importers from the cache into e; 1 on a hit. */
static int fetch_extern(struct run *r, size_t ui, struct extern_pkg *e)
{
	struct strbuf payload = STRBUF_INIT;
	struct cache_hash key;
	int hit = 0;

	if (!extern_cacheable(r, ui))
		return 0;
	key = extern_key(r, ui, 0);
	if (cache_fetch_blob(r->opts->cache_dir, &key, &payload) &&
	    !facts_deserialize(&e->facts, payload.buf, payload.len))
		hit = 1;
	strbuf_release(&payload);
	return hit;
}

/*
 * Keep unit ui's facts for importers, just computed, in the cache;
 * `loaded` as for unit_files_hash_of().
 */
static void store_extern(struct run *r, size_t ui, const struct extern_pkg *e, int loaded)
{
	struct strbuf payload = STRBUF_INIT;
	struct cache_hash key;
	size_t n;

	if (!extern_cacheable(r, ui))
		return;
	key = extern_key(r, ui, loaded);
	facts_serialize(&e->facts, &payload);
	n = cache_store_blob(r->opts->cache_dir, &key, payload.buf, payload.len);
	strbuf_release(&payload);
	pthread_mutex_lock(&r->ext_lock);
	r->cache_written += n;
	pthread_mutex_unlock(&r->ext_lock);
}

/* facts_resolver for worker ctx: the facts of the tree's package at import path. */
static const struct pkg_facts *resolve_package(void *ctx, const char *path, size_t len)
{
	struct worker *w = ctx;
	struct run *r = w->run;
	struct extern_pkg *e;
	size_t ui = (size_t)(uintptr_t)strmap_get(&r->by_path, path, len);

	if (w->recording)
		record_dep(w, path, len, ui);
	if (!ui)
		return NULL;
	e = &r->ext[ui - 1];
	pthread_mutex_lock(&r->ext_lock);
	/* The computing worker never waits in turn (see compute_extern). */
	while (e->state == EXT_COMPUTING)
		pthread_cond_wait(&r->ext_cond, &r->ext_lock);
	if (e->state == EXT_DONE) {
		pthread_mutex_unlock(&r->ext_lock);
		return &e->facts;
	}
	e->state = EXT_COMPUTING;
	pthread_mutex_unlock(&r->ext_lock);

	if (!fetch_extern(r, ui - 1, e)) {
		compute_extern(r, w, ui - 1, e);
		store_extern(r, ui - 1, e, 0);
	}

	pthread_mutex_lock(&r->ext_lock);
	e->state = EXT_DONE;
	pthread_cond_broadcast(&r->ext_cond);
	pthread_mutex_unlock(&r->ext_lock);
	return &e->facts;
}

/*
 * Import path of every unit from the go.mod above it, so packages can find
 * each other, and which unit is net/http's own package.
 */
static void map_import_paths(struct run *r)
{
	struct strbuf dir = STRBUF_INIT, ip = STRBUF_INIT;
	struct module_cache mc = MODULE_CACHE_INIT;
	size_t i;
	int rc;

	r->import_paths = xcalloc(r->nr_units ? r->nr_units : 1, sizeof(*r->import_paths));
	r->ext = xcalloc(r->nr_units ? r->nr_units : 1, sizeof(*r->ext));
	for (i = 0; i < r->nr_units; i++) {
		const struct lint_file *f = &r->files[r->units[i].first];
		size_t dl = walk_dir_len(f->path);
		if (f->from_stdin)
			continue; /* in-memory text of a file (--fix rounds) keeps its directory */
		strbuf_reset(&dir);
		if (dl)
			strbuf_add(&dir, f->path, dl);
		else
			strbuf_addch(&dir, f->path[0] == '/' ? '/' : '.');
		rc = module_import_path_cached(dir.buf, &ip, &mc);
		if (rc < 0) {
			r->units[i].net_http = module_is_net_http(dir.buf, NULL);
			continue;
		}
		r->import_paths[i] = strbuf_detach(&ip, NULL);
		r->units[i].net_http = module_is_net_http(dir.buf, r->import_paths[i]);
		/*
		 * The standard library's packages do not get each other's
		 * facts: on Go's own tree that changes no finding and would
		 * parse most of it twice (calls into it count as hand-offs,
		 * as they always did).
		 */
		if (rc == 0)
			strmap_put(&r->by_path, r->import_paths[i], strlen(r->import_paths[i]),
				   (void *)(uintptr_t)(i + 1));
	}
	strbuf_release(&dir);
	strbuf_release(&ip);
	module_cache_release(&mc);
}

/* ---------------------------------------------------------------- tests that check for leaks */

/* An import of a leak checker: go.uber.org/goleak, fortytw2/leaktest, grpc's leakcheck. */
static int is_leak_checker_path(const char *p, size_t len)
{
	static const char *const names[] = { "goleak", "leaktest", "leakcheck" };
	const char *last = p + len;
	size_t i;

	while (last > p && last[-1] != '/')
		last--;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if ((size_t)(p + len - last) == strlen(names[i]) &&
		    !memcmp(last, names[i], strlen(names[i])))
			return 1;
	return 0;
}

static int skip_word(const char **s, const char *word)
{
	size_t n = strlen(word);
	if (strncmp(*s, word, n))
		return 0;
	*s += n;
	return 1;
}

/*
 * A function that checks for leaked goroutines, by its name: goleak's and
 * its wrappers' (VerifyGoLeaks, TolerantVerifyLeak), VerifyNoLeaks,
 * checkLeaks, leaktest.Check-likes (LeakCheck), etcd's
 * MustTestMainWithLeakDetection, net/http's and etcd's afterTest. Not a
 * check of other leaks (checkSnapshotLeaks, checkNoLeakedTags).
 */
static int is_leak_checker_name(const char *name, size_t len)
{
	static const char *const parts[] = {
		"goleak", "goroutineleak", "goroutinesleak", "leakedgoroutine",
		"leakcheck", "leaktest", "leakdetection",
	};
	static const char *const verbs[] = { "verify", "check", "detect", "find", "assert", "expect" };
	static const char *const ends[] = { "", "s", "ed", "once", "sonce" };
	char low[64];
	const char *s = low;
	size_t i;
	int verb = 0;

	if (len >= sizeof(low))
		return 0;
	for (i = 0; i < len; i++)
		low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
	low[len] = '\0';
	if (!strcmp(low, "aftertest"))
		return 1;
	for (i = 0; i < ARRAY_SIZE(parts); i++)
		if (strstr(low, parts[i]))
			return 1;
	if (!skip_word(&s, "must"))
		skip_word(&s, "tolerant");
	for (i = 0; i < ARRAY_SIZE(verbs) && !verb; i++)
		verb = skip_word(&s, verbs[i]);
	if (!verb)
		return 0;
	skip_word(&s, "no");
	if (!skip_word(&s, "leak"))
		return 0;
	for (i = 0; i < ARRAY_SIZE(ends); i++)
		if (!strcmp(s, ends[i]))
			return 1;
	return 0;
}

/* The name node i stands for: an identifier, or a selector's field. */
static int names_leak_checker(const struct ast *ast, uint32_t i)
{
	const char *t;
	size_t len;

	i = ast_unparen(ast, i);
	if (ast_kind(ast, i) == AST_selector_expression)
		i = ast_field(ast, i, FIELD_field);
	if (i == AST_NONE || (ast_kind(ast, i) != AST_identifier &&
			      ast_kind(ast, i) != AST_field_identifier))
		return 0;
	t = ast_text(ast, i, &len);
	return is_leak_checker_name(t, len);
}

/*
 * True when a test file checks for leaks: it imports a leak checker, or
 * calls one or hands one to a call (`t.Cleanup(afterTest)`).
 */
static int file_checks_leaks(const struct ast *ast, const struct imports *imp)
{
	uint32_t i, a;
	size_t k;

	for (k = 0; k < imp->nr; k++)
		if (is_leak_checker_path(imp->v[k].path, imp->v[k].path_len))
			return 1;
	for (i = 0; i < ast->nr; i++) {
		if (ast->nodes[i].kind != AST_call_expression)
			continue;
		if (names_leak_checker(ast, ast_field(ast, i, FIELD_function)))
			return 1;
		ast_for_each_child(ast, ast_field(ast, i, FIELD_arguments), a)
			if (names_leak_checker(ast, a))
				return 1;
	}
	return 0;
}

/*
 * Could f's text check for leaks? Some word of it is a leak checker's
 * name (is_leak_checker_name; an import path's last element is one too)
 * and does not follow `func` (a test named TestNoLeakCheck declares, it
 * does not call). Only a prefilter: the parse decides.
 */
static int text_may_check_leaks(const struct lint_file *f)
{
	static const char *const cores[] = { "eak", "EAK" };
	const char *s = f->src.buf, *end = s + f->src.len;
	size_t k;

	for (k = 0; k < ARRAY_SIZE(cores); k++) {
		const char *p = s;
		while ((p = memmem(p, (size_t)(end - p), cores[k], 3)) != NULL) {
			const char *a = p, *b = p + 3, *q;
			while (a > s && ident_byte((unsigned char)a[-1]))
				a--;
			while (b < end && ident_byte((unsigned char)b[0]))
				b++;
			p = b;
			if (!is_leak_checker_name(a, (size_t)(b - a)))
				continue;
			for (q = a; q > s && (q[-1] == ' ' || q[-1] == '\t'); q--)
				;
			if (q - s >= 4 && !memcmp(q - 4, "func", 4) &&
			    (q - s == 4 || !ident_byte((unsigned char)q[-5])))
				continue;
			return 1;
		}
	}
	return memmem(s, f->src.len, "fterTest", 8) != NULL;
}

/*
 * True when the tests of unit u check for leaks (engine.h). Called
 * before the package is parsed: test files whose bytes could name a
 * checker are parsed here. A parse that is the one the package's run
 * would make (the file is not generated, or is read whole anyway) is
 * kept in early[i], with the file's source (f->src is left empty), for
 * the run to adopt (adopt_parsed) or give back (return_early); others
 * are released at once.
 */
static int unit_checks_leaks(struct run *r, struct worker *w, const struct unit *u,
			     struct lint_file *early)
{
	size_t i;
	int yes = 0;

	for (i = 0; i < u->nr && !yes; i++) {
		struct lint_file *f = &r->files[u->first + i];
		struct lint_file *tmp = &early[i];

		if (!ends_with(f->path, "_test.go") || f->skipped ||
		    !contains_any(r, f, r->leak_mask) || !text_may_check_leaks(f))
			continue;
		if (f->parsed) {
			yes = file_checks_leaks(&f->ast, f->imports);
			continue;
		}
		memset(tmp, 0, sizeof(*tmp));
		tmp->path = f->path;
		tmp->named = 1; /* its bodies, even when generated: they may call a checker */
		strbuf_init(&tmp->notes, 0);
		tmp->src = f->src; /* borrowed, or taken below */
		parse(r, w, tmp, u->net_http);
		if (tmp->parsed)
			yes = file_checks_leaks(&tmp->ast, tmp->imports);
		strbuf_release(&tmp->notes); /* adopt_parsed makes the note again */
		if (tmp->parsed && !tmp->skipped &&
		    (f->named || r->opts->generated || !is_generated_text(f->src.buf, f->src.len))) {
			strbuf_init(&f->src, 0); /* taken: return_early gives it back */
			continue;
		}
		strbuf_init(&tmp->src, 0);
		release_work(tmp);
		memset(tmp, 0, sizeof(*tmp));
	}
	return yes;
}

/* Give the files the parses unit_checks_leaks kept and no one adopted, and release those. */
static void return_early(struct run *r, const struct unit *u, struct lint_file *early)
{
	size_t i;

	for (i = 0; i < u->nr; i++) {
		struct lint_file *f = &r->files[u->first + i];
		if (!early[i].parsed)
			continue;
		strbuf_release(&f->src);
		f->src = early[i].src;
		strbuf_init(&early[i].src, 0);
		release_work(&early[i]);
		early[i].parsed = 0;
	}
}

/*
 * Leave out the findings in test code of files[0..nr), counting them; not
 * in a file named on the command line (the user asked for that one).
 */
static void hide_test_findings(struct lint_file **files, size_t nr)
{
	size_t i, j, out;

	for (i = 0; i < nr; i++) {
		struct lint_file *f = files[i];
		if (f->named)
			continue;
		for (j = out = 0; j < f->nr_findings; j++) {
			if (f->findings[j].in_test) {
				lint_finding_release(&f->findings[j]);
				f->nr_hidden++;
				continue;
			}
			f->findings[out++] = f->findings[j];
		}
		f->nr_findings = out;
	}
}

/* ---------------------------------------------------------------- one package */

/* Parse a big package's files on more than one core (parse_all). */
#define PAR_PARSE_MIN_BYTES (256u << 10)

struct par_parse {
	struct run *run;
	struct lint_file **todo;
	size_t nr, next;
	int net_http;
	pthread_mutex_t lock;
};

/* Parse files of pp->todo until none is left, with parser *w. */
static void parse_some(struct par_parse *pp, struct worker *w)
{
	for (;;) {
		size_t i;
		pthread_mutex_lock(&pp->lock);
		i = pp->next++;
		pthread_mutex_unlock(&pp->lock);
		if (i >= pp->nr)
			return;
		parse(pp->run, w, pp->todo[i], pp->net_http);
	}
}

static void *parse_thread(void *arg)
{
	struct par_parse *pp = arg;
	struct worker w = { .run = pp->run };
	parse_some(pp, &w);
	return NULL; /* the thread's tree-sitter pool goes with it (tsmem.h) */
}

/*
 * Parse todo[0..nr) (each file on its own: the trees do not depend on the
 * order). A package big enough that one core would hold the run up (a
 * 400-file directory) is parsed by up to `jobs` threads; the others run
 * beside the pool's workers, so a lone big package uses every core.
 */
static void parse_all(struct run *r, struct worker *w, struct lint_file **todo, size_t nr,
		      int net_http)
{
	struct par_parse pp = { .run = r, .todo = todo, .nr = nr, .net_http = net_http };
	pthread_t th[16];
	pthread_attr_t attr;
	size_t i, bytes = 0, nth = 0, want;

	for (i = 0; i < nr; i++)
		bytes += todo[i]->src.len;
	want = r->jobs > 1 && bytes >= PAR_PARSE_MIN_BYTES ? (size_t)r->jobs - 1 : 0;
	if (nr < 2)
		want = 0;
	else if (want > nr - 1)
		want = nr - 1;
	if (want > ARRAY_SIZE(th))
		want = ARRAY_SIZE(th);
	pthread_mutex_init(&pp.lock, NULL);
	if (want) {
		pthread_attr_init(&attr);
		pthread_attr_setstacksize(&attr, POOL_STACK_SIZE);
		for (nth = 0; nth < want; nth++)
			if (pthread_create(&th[nth], &attr, parse_thread, &pp))
				break; /* fewer helpers: this thread parses the rest */
		pthread_attr_destroy(&attr);
	}
	parse_some(&pp, w);
	for (i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&pp.lock);
}

/*
 * Take what compute_extern kept of unit ui for its own run, and keep
 * nothing more for it; first wait for a summary of it in progress on
 * another worker (which never waits in turn): its files are about to be
 * kept. Called with ext_lock held.
 */
static struct lint_file *take_kept(struct run *r, size_t ui)
{
	struct extern_pkg *e = &r->ext[ui];
	struct lint_file *kept;

	while (e->state == EXT_COMPUTING)
		pthread_cond_wait(&r->ext_cond, &r->ext_lock);
	kept = e->files;
	e->files = NULL;
	e->taken = 1;
	r->kept_bytes -= e->kept_bytes;
	e->kept_bytes = 0;
	return kept;
}

/* Give up the claim on unit ui's facts: a worker that needs them computes them. */
static void unclaim_extern(struct run *r, size_t ui)
{
	pthread_mutex_lock(&r->ext_lock);
	r->ext[ui].state = EXT_NONE;
	pthread_cond_broadcast(&r->ext_cond);
	pthread_mutex_unlock(&r->ext_lock);
}

/*
 * Compute unit ui's facts for other packages from the files its own run
 * parsed: the same files compute_extern would parse and the same
 * computation (no resolver), so the same facts; then wake who waits.
 */
static void publish_extern(struct run *r, size_t ui)
{
	struct unit *u = &r->units[ui];
	struct extern_pkg *e = &r->ext[ui];
	struct lint_file **files = xcalloc(u->nr, sizeof(*files));
	size_t i, nr = 0;

	for (i = 0; i < u->nr; i++) {
		struct lint_file *f = &r->files[u->first + i];
		if (f->parsed && in_extern_facts(r, f))
			files[nr++] = f;
	}
	facts_compute(&e->facts, files, nr, NULL);
	free(files);
	store_extern(r, ui, e, 1);
	pthread_mutex_lock(&r->ext_lock);
	e->state = EXT_DONE;
	pthread_cond_broadcast(&r->ext_cond);
	pthread_mutex_unlock(&r->ext_lock);
}

/* load() for f of the unit being run; *want: 1 when it can be linted. */
static void load_file(struct run *r, struct lint_file *f, unsigned char *want)
{
	*want = load(r, f) == 0;
	if (f->excluded && !*want) { /* excluded: its problems are not the run's */
		f->skipped = 0;
		strbuf_reset(&f->notes);
	}
}

static void work_unit(void *ctx, int worker_id, size_t ui)
{
	struct run *r = ctx;
	struct worker *w = &r->workers[worker_id];
	struct unit *u = &r->units[ui];
	struct lint_file **parsed = xcalloc(u->nr, sizeof(*parsed));
	struct pkg_facts facts;
	size_t i, j, nr_parsed = 0;
	unsigned char *want = xcalloc(u->nr, 1);
	int need_facts = 0, test_findings = 0, lint_tests, use_cache = unit_cacheable(r, u);
	int publish, claimed;
	struct lint_file *kept, *early, **all = NULL;
	size_t *notes_from = NULL;
	struct cache_hash key = { 0, 0 };

	/*
	 * Claim the package's facts for importers before anything else (see
	 * publish_extern), so that no worker starts to summarise it while
	 * this run reads it; take what an earlier summary kept.
	 */
	pthread_mutex_lock(&r->ext_lock);
	kept = take_kept(r, ui);
	claimed = r->ext[ui].state == EXT_NONE;
	if (claimed)
		r->ext[ui].state = EXT_COMPUTING;
	pthread_mutex_unlock(&r->ext_lock);

	/*
	 * Read every file (when the cache answers, only those whose stamp
	 * does not say they are unchanged); parse those a rule needs, and,
	 * when the package needs any, those that can hold package facts.
	 */
	for (i = 0; i < u->nr; i++) {
		struct lint_file *f = &r->files[u->first + i];
		struct cache_hash c;
		f->content_known = 0;
		if (use_cache && stamp_usable(r, f) &&
		    stamps_lookup(r->stamps, f->path, &f->stamp, &c)) {
			f->content[0] = c.a;
			f->content[1] = c.b;
			f->content_known = 1;
			f->size = (size_t)f->stamp.size;
			want[i] = 3; /* loaded below if the cache has no answer */
			continue;
		}
		load_file(r, f, &want[i]);
	}
	if (use_cache) {
		all = xcalloc(u->nr, sizeof(*all));
		notes_from = xcalloc(u->nr, sizeof(*notes_from));
		for (i = 0; i < u->nr; i++) {
			all[i] = &r->files[u->first + i];
			notes_from[i] = all[i]->notes.len;
		}
		key = unit_key(r, ui);
		if (cache_fetch(r->opts->cache_dir, &key, dep_holds, r, all, u->nr, notes_from)) {
			pthread_mutex_lock(&r->ext_lock);
			r->cached++;
			for (i = 0; i < u->nr; i++)
				r->unread += want[i] == 3;
			pthread_mutex_unlock(&r->ext_lock);
			if (claimed)
				unclaim_extern(r, ui);
			release_kept(kept, u->nr);
			for (i = 0; i < u->nr; i++)
				release_work(all[i]);
			free(all);
			free(notes_from);
			free(want);
			free(parsed);
			return;
		}
		w->recording = 1;
		/* read what the stamps stood for; the key is then the bytes' */
		for (i = j = 0; i < u->nr; i++) {
			if (want[i] != 3)
				continue;
			r->files[u->first + i].content_known = 0;
			load_file(r, &r->files[u->first + i], &want[i]);
			j++;
		}
		if (j) {
			for (i = 0; i < u->nr; i++)
				notes_from[i] = all[i]->notes.len;
			key = unit_key(r, ui);
		}
	}
	for (i = 0; i < u->nr; i++) {
		struct lint_file *f = &r->files[u->first + i];
		if (!want[i])
			continue;
		find_needles(r, f);
		want[i] = !f->excluded && (r->opts->dump_flow || contains_any(r, f, r->rule_mask)) ?
				  2 :
				  contains_any(r, f, r->fact_mask);
	}
	/*
	 * Test files whose findings the test policy would hide are not
	 * linted at all (half of a real repository's bytes are tests): only
	 * where the tests check for leaks, with --tests, when named on the
	 * command line, or for their Example functions (always shown).
	 */
	early = xcalloc(u->nr, sizeof(*early));
	lint_tests = r->opts->tests == LINT_TESTS_ALL || r->opts->dump_flow ||
		     unit_checks_leaks(r, w, u, early);
	for (i = 0; i < u->nr; i++) {
		struct lint_file *f = &r->files[u->first + i];
		if (!want[i] || lint_tests || f->named || !ends_with(f->path, "_test.go") ||
		    contains_any(r, f, r->example_mask))
			continue;
		f->tests_unlinted = want[i] == 2;
		want[i] = 0;
	}
	for (i = 0; i < u->nr; i++)
		need_facts |= want[i] == 2 && r->nr_fact_needles;
	/*
	 * When this run parses what compute_extern would, it computes the
	 * package's facts for its importers too (publish), so that no worker
	 * parses the package a second time for them.
	 */
	publish = claimed && need_facts && r->import_paths[ui];
	if (claimed && !publish)
		unclaim_extern(r, ui);
	for (i = 0; i < u->nr; i++) {
		struct lint_file *f = &r->files[u->first + i];
		int for_ext = publish && in_extern_facts(r, f);
		if (want[i] == 2 || (want[i] == 1 && need_facts) || for_ext) {
			if (early[i].parsed)
				adopt_parsed(r, f, &early[i]);
			else if (kept && kept[i].parsed)
				adopt_parsed(r, f, &kept[i]);
			else
				parsed[nr_parsed++] = f; /* to parse, below */
		}
	}
	return_early(r, u, early);
	free(early);
	parse_all(r, w, parsed, nr_parsed, u->net_http);
	if (publish)
		publish_extern(r, ui);
	for (i = nr_parsed = 0; i < u->nr; i++) {
		struct lint_file *f = &r->files[u->first + i];
		/* a file parsed for the importers' facts only is not the package's own */
		if (f->parsed && (want[i] == 2 || (want[i] == 1 && need_facts)))
			parsed[nr_parsed++] = f;
	}
	free(want);
	release_kept(kept, u->nr);
	facts_compute(&facts, parsed, nr_parsed, &w->resolver);
	for (i = 0; i < nr_parsed; i++) {
		struct lint_file *f = parsed[i];
		struct rule_ctx rc = { .file = f, .ast = &f->ast, .facts = &facts,
				       .arena = &w->scratch };
		if (f->excluded || f->decls_only)
			continue; /* parsed for the package's facts only */
		if (r->opts->dump_flow)
			dump_flows(f);
		for (j = 0; j < lint_nr_rules; j++) {
			if (!r->opts->enabled[j] || (f->rules_off && f->rules_off[j]))
				continue;
			rc.rule = lint_rules[j];
			rc.values = r->opts->rule_values ? r->opts->rule_values[j] : NULL;
			lint_rules[j]->check(&rc);
		}
		sort_findings(f);
		arena_release(&w->scratch);
		for (j = 0; j < f->nr_findings && !test_findings; j++)
			test_findings = f->findings[j].in_test;
	}
	facts_release(&facts);
	if (test_findings && !lint_tests)
		hide_test_findings(parsed, nr_parsed);
	if (use_cache) {
		size_t n = cache_store(r->opts->cache_dir, &key, w->deps, w->nr_deps, all, u->nr,
				       notes_from);
		pthread_mutex_lock(&r->ext_lock);
		r->cache_written += n;
		pthread_mutex_unlock(&r->ext_lock);
		forget_deps(w);
		free(all);
		free(notes_from);
	}
	for (i = 0; i < u->nr; i++)
		release_work(&r->files[u->first + i]);
	free(parsed);
}

static void emit_unit(void *ctx, size_t ui)
{
	struct run *r = ctx;
	struct unit *u = &r->units[ui];
	size_t i, j;

	if (r->progress_shown) {
		fputs("\r\033[K", stderr);
		r->progress_shown = 0;
	}
	for (i = 0; i < u->nr; i++) {
		struct lint_file *f = &r->files[u->first + i];
		if (f->excluded) {
			/* not linted: nothing to say, but the sink counts every input */
			r->sink->file_done(r->sink->ctx, f);
			strbuf_release(&f->notes);
			continue;
		}
		fputs(f->notes.buf, stderr);
		r->stats->files++;
		r->stats->bytes += f->size;
		r->stats->skipped += f->skipped;
		r->stats->parsed += f->parsed;
		r->stats->hidden_tests += f->nr_hidden;
		r->stats->tests_unlinted += f->tests_unlinted;
		r->stats->generated += f->decls_only;
		r->stats->new_expr_files += f->new_exprs > 0;
		if (f->syntax_line && !f->skipped && !r->stats->syntax_files++) {
			r->stats->syntax_path = f->path;
			r->stats->syntax_line = f->syntax_line;
		}
		if (r->opts->only_new) {
			size_t out = 0;
			for (j = 0; j < f->nr_findings; j++) {
				if (changed_lines_has(r->opts->only_new, f->path, &f->findings[j])) {
					f->findings[out++] = f->findings[j];
					continue;
				}
				lint_finding_release(&f->findings[j]);
				r->stats->not_new++;
			}
			f->nr_findings = out;
		}
		r->nr_findings += f->nr_findings;
		r->sink->file_done(r->sink->ctx, f);
		for (j = 0; j < f->nr_findings; j++)
			lint_finding_release(&f->findings[j]);
		free(f->findings);
		f->findings = NULL;
		strbuf_release(&f->notes);
	}
}

static void show_progress(void *ctx, size_t done, size_t total)
{
	struct run *r = ctx;
	if (!r->opts->progress)
		return;
	fprintf(stderr, "\r\033[K%s: %zu/%zu packages", prog_name, done, total);
	r->progress_shown = 1;
}

/* ---------------------------------------------------------------- the run */

static void group_units(struct run *r)
{
	size_t i, alloc = 0;
	for (i = 0; i < r->nr_files; i++) {
		const char *p = r->files[i].path;
		size_t dl = walk_dir_len(p);
		if (r->nr_units) {
			struct unit *u = &r->units[r->nr_units - 1];
			const char *q = r->files[u->first].path;
			if (walk_dir_len(q) == dl && !memcmp(p, q, dl) &&
			    !r->files[i].from_stdin && !r->files[u->first].from_stdin) {
				u->nr++;
				continue;
			}
		}
		ALLOC_GROW(r->units, r->nr_units + 1, alloc);
		r->units[r->nr_units].first = i;
		r->units[r->nr_units].nr = 1;
		r->units[r->nr_units].bytes = 0;
		r->nr_units++;
	}
}

static const struct run *sort_run;
static int cmp_unit_size(const void *a, const void *b)
{
	const struct unit *x = &sort_run->units[*(const size_t *)a];
	const struct unit *y = &sort_run->units[*(const size_t *)b];
	if (x->bytes != y->bytes)
		return x->bytes > y->bytes ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* Append list[0..n) to *v; n SIZE_MAX: up to list's NULL. */
static void add_needles_n(const char ***v, size_t *nr, size_t *alloc, const char *const *list,
			  size_t n)
{
	size_t k;
	for (k = 0; list && k < n && list[k]; k++) {
		ALLOC_GROW(*v, *nr + 1, *alloc);
		(*v)[(*nr)++] = list[k];
	}
}

static void add_needles(const char ***v, size_t *nr, size_t *alloc, const char *const *list)
{
	add_needles_n(v, nr, alloc, list, SIZE_MAX);
}

/* The names in rule i's option values that are needles (rule_option.needles). */
static void add_option_needles(struct run *r, size_t i, size_t *alloc)
{
	const struct rule *rule = lint_rules[i];
	const struct strvec *values = r->opts->rule_values ? r->opts->rule_values[i] : NULL;
	size_t k, v;

	for (k = 0; values && rule->options[k].name; k++) {
		if (!rule->options[k].needles)
			continue;
		for (v = 0; v < values[k].nr; v++) {
			const char *s = values[k].v[v], *dot = strrchr(s, '.');
			ALLOC_GROW(r->needles, r->nr_needles + 1, *alloc);
			r->needles[r->nr_needles++] = dot ? dot + 1 : s;
		}
	}
}

/* Set the bits of needles [from, to) of the run's needle set in a new mask. */
static uint64_t *needle_mask(const struct run *r, size_t from, size_t to)
{
	uint64_t *m = xcalloc(needles_words(r->needle_set), sizeof(*m));
	for (; from < to; from++)
		m[from / 64] |= (uint64_t)1 << (from % 64);
	return m;
}

static void collect_needles(struct run *r)
{
	/* a test file that may check for leaks; one with an Example */
	static const char *const leak[] = { "leak", "Leak", "LEAK", "fterTest", NULL };
	static const char *const example[] = { "func Example", NULL };
	const char **all = NULL;
	size_t i, alloc = 0, alloc_facts = 0, nr = 0, alloc_all = 0, at[6];

	for (i = 0; i < lint_nr_rules; i++) {
		if (!r->opts->enabled[i])
			continue;
		add_needles(&r->needles, &r->nr_needles, &alloc, lint_rules[i]->needles);
		add_option_needles(r, i, &alloc);
		add_needles(&r->fact_needles, &r->nr_fact_needles, &alloc_facts,
			    lint_rules[i]->fact_needles);
	}
	at[0] = nr;
	add_needles_n(&all, &nr, &alloc_all, r->needles, r->nr_needles);
	at[1] = nr;
	add_needles_n(&all, &nr, &alloc_all, r->fact_needles, r->nr_fact_needles);
	at[2] = nr;
	add_needles(&all, &nr, &alloc_all, leak);
	at[3] = nr;
	add_needles(&all, &nr, &alloc_all, example);
	at[4] = nr;
	add_needles(&all, &nr, &alloc_all, facts_call_graph_needles);
	at[5] = nr;
	r->needle_set = needles_compile(all, nr);
	free(all);
	r->rule_mask = needle_mask(r, at[0], at[1]);
	r->fact_mask = needle_mask(r, at[1], at[2]);
	r->leak_mask = needle_mask(r, at[2], at[3]);
	r->example_mask = needle_mask(r, at[3], at[4]);
	r->graph_mask = needle_mask(r, at[4], at[5]);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

size_t lint_run(const struct lint_options *opts, const struct walk_result *inputs,
		const struct lint_sink *sink, struct lint_stats *stats)
{
	static const struct pool_ops ops = { work_unit, emit_unit, show_progress };
	struct run r = { .opts = opts, .sink = sink, .stats = stats };
	size_t i, *schedule;
	double start = now_ms();
	int jobs = opts->jobs > 0 ? opts->jobs : pool_cpu_count();

	memset(stats, 0, sizeof(*stats));
	tsmem_install();
	ast_language();
	collect_needles(&r);

	r.nr_files = inputs->nr;
	r.files = xcalloc(inputs->nr ? inputs->nr : 1, sizeof(*r.files));
	for (i = 0; i < inputs->nr; i++) {
		r.files[i].path = inputs->v[i].path;
		strbuf_init(&r.files[i].notes, 0);
		strbuf_init(&r.files[i].src, 0);
		r.files[i].from_stdin = inputs->v[i].from_stdin;
		r.files[i].named = inputs->v[i].named;
		r.files[i].excluded = inputs->v[i].excluded;
		r.files[i].rules_off = inputs->v[i].rules_off;
		r.files[i].data = inputs->v[i].data;
		r.files[i].size = inputs->v[i].data ? inputs->v[i].size : 0;
		r.files[i].stamp = inputs->v[i].stamp;
	}
	group_units(&r);

	/* Schedule big packages first so no worker is left with one at the end. */
	schedule = xcalloc(r.nr_units ? r.nr_units : 1, sizeof(*schedule));
	for (i = 0; i < r.nr_units; i++) {
		struct unit *u = &r.units[i];
		size_t k;
		for (k = 0; k < u->nr; k++)
			u->bytes += inputs->v[u->first + k].size;
		schedule[i] = i;
	}
	sort_run = &r;
	qsort(schedule, r.nr_units, sizeof(*schedule), cmp_unit_size);

	map_import_paths(&r);
	hash_options(&r);
	if (r.opts_hash.a || r.opts_hash.b)
		r.stamps = stamps_load(opts->cache_dir);
	r.unit_hash = xcalloc(r.nr_units ? r.nr_units : 1, sizeof(*r.unit_hash));
	r.unit_hashed = xcalloc(r.nr_units ? r.nr_units : 1, 1);
	pthread_mutex_init(&r.ext_lock, NULL);
	pthread_cond_init(&r.ext_cond, NULL);
	r.jobs = jobs;
	r.workers = xcalloc((size_t)jobs, sizeof(*r.workers));
	for (i = 0; i < (size_t)jobs; i++) {
		r.workers[i].run = &r;
		r.workers[i].resolver.resolve = resolve_package;
		r.workers[i].resolver.ctx = &r.workers[i];
	}
	pool_run(jobs, r.nr_units, schedule, &ops, &r);
	if (r.progress_shown)
		fputs("\r\033[K", stderr);

	for (i = 0; i < (size_t)jobs; i++) {
		arena_release(&r.workers[i].scratch);
		forget_deps(&r.workers[i]);
		free(r.workers[i].deps);
	}
	if (r.stamps) /* rewritten in place: it does not grow the directory */
		stamps_save_and_free(r.stamps);
	if (r.cache_written)
		cache_note_written(opts->cache_dir,
				   opts->cache_max_bytes ? opts->cache_max_bytes : LINT_CACHE_MAX_BYTES,
				   r.cache_written);
	stats->cached_packages = r.cached;
	stats->files_unread = r.unread;
	stats->packages = r.nr_units;
	free(r.unit_hash);
	free(r.unit_hashed);
	free(r.workers);
	for (i = 0; r.ext && i < r.nr_units; i++) {
		if (r.ext[i].state == EXT_DONE)
			facts_release(&r.ext[i].facts);
		release_kept(r.ext[i].files, r.units[i].nr);
		free(r.import_paths[i]);
	}
	free(r.ext);
	free(r.import_paths);
	strmap_clear(&r.by_path);
	pthread_mutex_destroy(&r.ext_lock);
	pthread_cond_destroy(&r.ext_cond);
	free(schedule);
	free(r.units);
	free(r.files);
	free(r.needles);
	free(r.fact_needles);
	needles_free(r.needle_set);
	free(r.rule_mask);
	free(r.fact_mask);
	free(r.leak_mask);
	free(r.example_mask);
	free(r.graph_mask);
	stats->elapsed_ms = now_ms() - start;
	return r.nr_findings;
}

/* ---------------------------------------------------------------- fixes */

/* Is the file of this ast generated (is_generated_text)? */
static int is_generated(const struct ast *ast)
{
	return is_generated_text(ast->src, ast->len);
}

void lint_report_edits(struct rule_ctx *rc, uint32_t at, struct edit_list *edits, const char *fix,
		       const char *fmt, ...)
{
	struct lint_file *f = rc->file;
	struct strbuf msg = STRBUF_INIT;
	size_t before = f->nr_findings, i;
	struct finding *fd;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	lint_report(rc, at, fix, "%s", msg.buf);
	strbuf_release(&msg);
	if (f->nr_findings == before || !edits->nr) {
		edit_list_release(edits);
		return;
	}
	fd = &f->findings[f->nr_findings - 1];
	if (is_generated(rc->ast)) {
		/* the next `go generate` would undo it: the generator is what to fix */
		free(fd->fix);
		fd->fix = xstrdup("no automatic fix: the file is generated (a `// Code generated ... "
				  "DO NOT EDIT.` line); fix its generator");
		edit_list_release(edits);
		return;
	}
	fd->edits = xcalloc(edits->nr, sizeof(*fd->edits));
	fd->nr_edits = edits->nr;
	for (i = 0; i < edits->nr; i++) {
		struct finding_edit *e = &fd->edits[i];
		e->start = edits->v[i].start;
		e->end = edits->v[i].end;
		/* counted from the finding's node, near the edits (a whole-file scan per edit is quadratic) */
		fix_position_near(rc->ast->src, rc->ast->len, rc->ast->nodes[at].start, rc->ast->nodes[at].line,
				  e->start, &e->line, &e->col);
		fix_position_near(rc->ast->src, rc->ast->len, e->start, e->line, e->end, &e->end_line,
				  &e->end_col);
		e->text = edits->v[i].text;
		edits->v[i].text = NULL;
	}
	edit_list_release(edits);
}

void lint_finding_release(struct finding *fd)
{
	size_t i;
	free(fd->message);
	free(fd->fix);
	for (i = 0; i < fd->nr_edits; i++)
		free(fd->edits[i].text);
	free(fd->edits);
	fd->message = fd->fix = NULL;
	fd->edits = NULL;
	fd->nr_edits = 0;
}
