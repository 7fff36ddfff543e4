/*
 * test_lint.c - unit tests of the lint engine run in memory.
 */
#include "test.h"
#include "lint/engine.h"
#include "lint/module.h"
#include "lint/config.h"
#include "lint/parts.h"
#include "lint/golang.h"
#include "lint/goparse.h"
#include "lint/facts.h"
#include "lint/directives.h"
#include "lint/imports.h"
#include "base/strbuf.h"

static const char fetch_go[] =
	"package client\n"                                   /* 1 */
	"\n"                                                 /* 2 */
	"import \"net/http\"\n"                              /* 3 */
	"\n"                                                 /* 4 */
	"func short() { return }\n"                          /* 5 */
	"\n"                                                 /* 6 */
	"// fetchStatus forgets the body.\n"                 /* 7 */
	"func fetchStatus(url string) (int, error) {\n"      /* 8 */
	"\tc := &http.Client{Transport: &http.Transport{}}\n" /* 9 */
	"\tresp, err := c.Get(url)\n"                        /* 10 */
	"\tif err != nil {\n"                                /* 11 */
	"\t\treturn 0, err\n"                                /* 12 */
	"\t}\n"                                              /* 13 */
	"\n"                                                 /* 14 */
	"\n"                                                 /* 15 */
	"\n"                                                 /* 16 */
	"\n"                                                 /* 17 */
	"\tdefer func() {}()\n"                              /* 18 */
	"\treturn resp.StatusCode, nil\n"                    /* 19 */
	"}\n"                                                /* 20 */
	"\n"                                                 /* 21 */
	"func asmStub()\n"                                   /* 22 */
	"\n"                                                 /* 23 */
	"func (c *cache) other() {\n"                        /* 24 */
	"\tdefer c.mu.Unlock()\n"                            /* 25 */
	"}\n";                                               /* 26 */

struct seen {
	size_t nr;
	struct { char rule[32]; uint32_t line, func_line, func_end_line; } v[16];
};

static void remember(void *ctx, const struct lint_file *f)
{
	struct seen *s = ctx;
	size_t i;
	for (i = 0; i < f->nr_findings && s->nr < 16; i++, s->nr++) {
		snprintf(s->v[s->nr].rule, sizeof(s->v[s->nr].rule), "%s", f->findings[i].rule->id);
		s->v[s->nr].line = f->findings[i].line;
		s->v[s->nr].func_line = f->findings[i].func_line;
		s->v[s->nr].func_end_line = f->findings[i].func_end_line;
	}
}

/* Each finding names its top-level function's lines (watch --source joins on them). */
TEST(lint_findings_carry_function_range)
{
	unsigned char enabled[64];
	struct walk_entry entry = { .path = (char *)"fetch.go", .size = sizeof(fetch_go) - 1,
				    .data = fetch_go };
	struct walk_result inputs = { .v = &entry, .nr = 1, .alloc = 1 };
	struct lint_options opts = { .jobs = 1, .max_file_size = 1 << 20, .enabled = enabled };
	struct seen seen = { 0 };
	struct lint_sink sink = { remember, &seen };
	struct lint_stats stats;
	size_t i, body = 0, transport = 0;

	memset(enabled, 0, sizeof(enabled));
	for (i = 0; i < lint_nr_rules && i < sizeof(enabled); i++)
		enabled[i] = lint_rules[i]->default_on;
	lint_run(&opts, &inputs, &sink, &stats);
	CHECK(stats.files == 1 && stats.skipped == 0);
	for (i = 0; i < seen.nr; i++) {
		if (!strcmp(seen.v[i].rule, "body-not-closed")) {
			body++;
			CHECK(seen.v[i].line == 10);
		}
		if (!strcmp(seen.v[i].rule, "transport-per-call"))
			transport++;
		/* every finding of this file is inside fetchStatus */
		CHECK(seen.v[i].func_line == 8 && seen.v[i].func_end_line == 20);
	}
	CHECK(body == 1);
	CHECK(transport == 1);
}

TEST(lint_gomod_module_line)
{
	size_t len = 0;
	const char *m;
	static const char plain[] = "// a comment\nmodule example.com/app\n\ngo 1.19\n";
	static const char quoted[] = "module \"example.com/q\" // why\r\n";
	static const char none[] = "go 1.19\nrequire x v1\n";
	static const char modulex[] = "modules are not\nmodule\tm\n";

	m = module_parse_gomod(plain, sizeof(plain) - 1, &len);
	CHECK(m && len == 15 && !memcmp(m, "example.com/app", 15));
	m = module_parse_gomod(quoted, sizeof(quoted) - 1, &len);
	CHECK(m && len == 13 && !memcmp(m, "example.com/q", 13));
	CHECK(module_parse_gomod(none, sizeof(none) - 1, &len) == NULL);
	m = module_parse_gomod(modulex, sizeof(modulex) - 1, &len);
	CHECK(m && len == 1 && m[0] == 'm');
}

/* Globs of .plumber.yml: ** spans any number of path elements, a directory covers its files. */
TEST(lint_config_globs)
{
	CHECK(config_glob_matches("**/*_gen.go", "a_gen.go"));
	CHECK(config_glob_matches("**/*_gen.go", "x/y/a_gen.go"));
	CHECK(!config_glob_matches("**/*_gen.go", "x/y/a.go"));
	CHECK(config_glob_matches("internal/legacy", "internal/legacy/a/b.go"));
	CHECK(config_glob_matches("internal/legacy/**", "internal/legacy/b.go"));
	CHECK(!config_glob_matches("internal/legacy", "internal/legacyx/b.go"));
	CHECK(!config_glob_matches("internal/legacy", "x/internal/legacy/b.go"));
	CHECK(config_glob_matches("**/legacy", "x/internal/legacy/b.go"));
	CHECK(config_glob_matches("a/**/c.go", "a/c.go"));
	CHECK(config_glob_matches("a/**/c.go", "a/b/b/c.go"));
	CHECK(!config_glob_matches("*.go", "a/b.go"));
	CHECK(config_glob_matches("a", "a/b.go"));
	CHECK(config_glob_matches("cmd/[ab]*", "cmd/b1/main.go"));
}

/* A config in a buffer: what it sets, and the line of what is wrong. */
TEST(lint_config_parse)
{
	static const char good[] =
		"enable: [client-no-timeout]\n"
		"disable: [all]\n"
		"tests: true\n"
		"exclude: [./gen/]\n"
		"rules:\n"
		"  body-not-closed: {closers: [a.Close, Drain]}\n";
	struct lint_config cfg = LINT_CONFIG_INIT;
	struct strbuf err = STRBUF_INIT;
	size_t i, on = 0;
	int bnc = -1;

	CHECK(config_parse(&cfg, good, sizeof(good) - 1, "c.yml", &err) == 0);
	CHECK(cfg.tests == 1 && cfg.tests_line == 3);
	CHECK(cfg.nr_exclude == 1 && !strcmp(cfg.exclude[0].glob, "gen"));
	for (i = 0; i < lint_nr_rules; i++) {
		on += cfg.rule_on[i] == 1;
		CHECK(cfg.rule_on[i] >= 0);
		if (!strcmp(lint_rules[i]->id, "body-not-closed"))
			bnc = (int)i;
	}
	CHECK(on == 1);
	CHECK(bnc >= 0 && cfg.values[bnc] && cfg.values[bnc][0].nr == 2 &&
	      !strcmp(cfg.values[bnc][0].v[1], "Drain"));
	config_release(&cfg);

	cfg = (struct lint_config)LINT_CONFIG_INIT;
	CHECK(config_parse(&cfg, "tests: 1\n", 9, "c.yml", &err) == -1);
	CHECK(starts_with(err.buf, "c.yml:1:8: "));
	config_release(&cfg);
	strbuf_reset(&err);
	cfg = (struct lint_config)LINT_CONFIG_INIT;
	CHECK(config_parse(&cfg, "", 0, "c.yml", &err) == 0);
	config_release(&cfg);
	strbuf_release(&err);
}

/* ---------------------------------------------------------------- parts.h */

static int same_ast(const struct ast *a, const struct ast *b)
{
	uint32_t i;
	if (a->nr != b->nr || a->nr_comments != b->nr_comments || a->max_depth != b->max_depth ||
	    a->has_error != b->has_error)
		return 0;
	for (i = 0; i < a->nr; i++) {
		const struct ast_node *x = &a->nodes[i], *y = &b->nodes[i];
		if (x->kind != y->kind || x->field != y->field || x->flags != y->flags ||
		    x->parent != y->parent || x->first != y->first || x->next != y->next ||
		    x->start != y->start || x->end != y->end || x->line != y->line ||
		    x->col != y->col || x->end_line != y->end_line || x->end_col != y->end_col)
			return 0;
	}
	for (i = 0; i < a->nr_comments; i++) {
		const struct ast_comment *x = &a->comments[i], *y = &b->comments[i];
		if (x->start != y->start || x->end != y->end || x->line != y->line ||
		    x->end_line != y->end_line || x->own_line != y->own_line)
			return 0;
	}
	return 1;
}

/*
 * The next Go file listed in `list` (a path a line), read into *src
 * (reset first) and parsed whole into *whole; 0 when the list ends.
 * Unreadable files are passed over.
 */
static int next_go_file(FILE *list, TSParser *parser, char *path, size_t size,
			struct strbuf *src, struct ast *whole)
{
	while (list && fgets(path, (int)size, list)) {
		TSTree *tree;
		path[strcspn(path, "\n")] = '\0';
		strbuf_reset(src);
		if (strbuf_read_file(src, path, 1 << 24) < 0)
			continue;
		tree = ts_parser_parse_string(parser, NULL, src->buf, (uint32_t)src->len);
		ast_build(whole, tree, src->buf, src->len);
		ts_tree_delete(tree);
		return 1;
	}
	return 0;
}

/*
 * A file parsed in parts gives the very ast of the whole file: every Go
 * file of this repository (tests and examples), cut as small as the cuts
 * go (parts of 200 bytes), many cuts per file. A file whose whole parse
 * is clean never fails in parts (a cut never lands inside something).
 */
TEST(parts_parse_equals_whole)
{
	FILE *list = popen("find tests examples -name '*.go' | sort", "r");
	TSParser *parser = ts_parser_new();
	char path[4096];
	size_t files = 0, cut_files = 0, cuts_total = 0;

	struct strbuf src = STRBUF_INIT;
	struct ast whole;

	CHECK(list != NULL);
	ts_parser_set_language(parser, ast_language());
	while (next_go_file(list, parser, path, sizeof(path), &src, &whole)) {
		struct part_cut *cuts;
		struct ast parts;
		size_t nr;

		files++;
		nr = parts_cut(src.buf, src.len, 200, &cuts);
		if (nr) {
			int rc = parts_parse(parser, src.buf, src.len, cuts, nr, NULL, 0, &parts);
			cut_files++;
			cuts_total += nr;
			if (!whole.has_error) {
				CHECK(rc == 0);
				if (rc == 0 && !same_ast(&whole, &parts))
					fprintf(stderr, "parts differ from the whole: %s\n", path);
				CHECK(rc != 0 || same_ast(&whole, &parts));
			}
			if (rc == 0)
				ast_release(&parts);
		}
		free(cuts);
		ast_release(&whole);
	}
	strbuf_release(&src);
	if (list)
		pclose(list);
	ts_parser_delete(parser);
	CHECK(files > 100);
	CHECK(cut_files > 50);
	CHECK(cuts_total > 2 * cut_files);
}

/*
 * Walk tree with tree-sitter's own cursor, as ast_build did before it read
 * the subtrees directly, and check that ast holds what that walk keeps,
 * in its order: named nodes (their kind, with their children), comments
 * apart, anonymous ones only when a field of ours names them. Returns the number
 * of mismatches.
 */
/* The field named `name` if the ast has it (ast_fields.def), else NULL. */
static const char *known_field(const char *name)
{
	int f;
	for (f = 1; name && f < FIELD_COUNT; f++)
		if (!strcmp(ast_field_name((enum ast_field)f), name))
			return name;
	return NULL;
}

static int check_walk(const struct ast *ast, TSTree *tree)
{
	TSTreeCursor cur = ts_tree_cursor_new(ts_tree_root_node(tree));
	uint32_t stack[4096], depth = 1, max_depth = 0, next = 1, next_comment = 0;
	int bad = 0;

	stack[0] = 0;
	if (!ts_tree_cursor_goto_first_child(&cur))
		goto done;
	for (;;) {
		TSNode tn = ts_tree_cursor_current_node(&cur);
		const char *field = known_field(ts_tree_cursor_current_field_name(&cur));
		TSPoint sp = ts_node_start_point(tn), ep = ts_node_end_point(tn);
		int descend = 0, keep = 0;

		if (ts_node_is_named(tn) && !strcmp(ts_node_type(tn), "comment")) {
			const struct ast_comment *c = next_comment < ast->nr_comments ?
							      &ast->comments[next_comment++] : NULL;
			bad += !c || c->start != ts_node_start_byte(tn) || c->end != ts_node_end_byte(tn) ||
			       c->line != sp.row + 1 || c->end_line != ep.row + 1;
		} else if (ts_node_is_named(tn) || field) {
			keep = 1;
		}
		if (keep) {
			const struct ast_node *n = next < ast->nr ? &ast->nodes[next] : NULL;
			const char *want = ts_node_is_named(tn) ? ts_node_type(tn) : "token";
			if (!n || n->start != ts_node_start_byte(tn) || n->end != ts_node_end_byte(tn) ||
			    n->line != sp.row + 1 || n->col != sp.column + 1 || n->end_line != ep.row + 1 ||
			    n->end_col != ep.column + 1 || n->parent != stack[depth - 1] ||
			    !!(n->flags & AST_MISSING) != ts_node_is_missing(tn) ||
			    strcmp(ast_field_name(n->field), field ? field : "") ||
			    (n->kind != AST_OTHER && strcmp(ast_kind_name(n->kind), want))) {
				if (bad++ < 3)
					fprintf(stderr, "walk: node %u (%s at byte %u) differs\n", next, want,
						ts_node_start_byte(tn));
			}
			if (ts_node_is_named(tn) && depth < ARRAY_SIZE(stack) &&
			    ts_tree_cursor_goto_first_child(&cur)) {
				stack[depth++] = next;
				if (depth > max_depth)
					max_depth = depth;
				descend = 1;
			}
			next++;
		}
		if (descend)
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&cur)) {
			if (!ts_tree_cursor_goto_parent(&cur) || depth <= 1)
				goto done;
			depth--;
		}
	}
done:
	ts_tree_cursor_delete(&cur);
	bad += next != ast->nr || next_comment != ast->nr_comments || max_depth != ast->max_depth;
	return bad;
}

/*
 * ast_build reads tree-sitter's subtrees directly (for speed); what it
 * builds is what tree-sitter's cursor walks: every Go file of the
 * repository, whole and cut short (trees with ERROR and MISSING nodes).
 */
TEST(ast_walk_equals_cursor)
{
	FILE *list = popen("find tests examples -name '*.go' | sort", "r");
	TSParser *parser = ts_parser_new();
	char path[4096];
	struct strbuf src = STRBUF_INIT;
	struct ast whole;
	size_t files = 0, with_errors = 0;

	CHECK(list != NULL);
	ts_parser_set_language(parser, ast_language());
	while (next_go_file(list, parser, path, sizeof(path), &src, &whole)) {
		size_t cut;
		ast_release(&whole);
		files++;
		for (cut = 0; cut < 3; cut++) {
			uint32_t len = (uint32_t)(cut == 0 ? src.len : cut == 1 ? src.len / 2 : src.len * 7 / 10);
			TSTree *tree = ts_parser_parse_string(parser, NULL, src.buf, len);
			struct ast a;
			int bad;
			ast_build(&a, tree, src.buf, len);
			with_errors += a.has_error;
			bad = check_walk(&a, tree);
			if (bad)
				fprintf(stderr, "ast walk differs from the cursor's: %s (%u bytes)\n", path, len);
			CHECK(!bad);
			ast_release(&a);
			ts_tree_delete(tree);
		}
	}
	strbuf_release(&src);
	if (list)
		pclose(list);
	ts_parser_delete(parser);
	CHECK(files > 100);
	CHECK(with_errors > 100);
}

/*
 * The grammar as plumber runs it (golang.h: a dense parse table, a
 * faster step over ASCII in the lexer) parses every Go file of ours into
 * the very ast the grammar as generated gives: whole, and cut at a half
 * and at seven tenths (syntax errors, MISSING nodes, error recovery).
 */
TEST(golang_fast_equals_generated)
{
	FILE *list = popen("find tests examples -name '*.go' | sort", "r");
	TSParser *fast = ts_parser_new(), *generated = ts_parser_new();
	char path[4096];
	struct strbuf src = STRBUF_INIT;
	struct ast whole;
	size_t files = 0, with_errors = 0, k;
	/* what our Go files lack: characters of more than one byte, a byte order mark, bad UTF-8, CRLF */
	static const char *const odd[] = {
		"\xEF\xBB\xBFpackage p\n\nfunc f() { _ = \"h\xC3\xA9\" }\n",
		("package p\n\n// \xE2\x80\x94 a comment\nvar \xCF\x80 = 3.14 /* \xF0\x9F\x98\x80 */\n"
		 "func g(\xC3\xA9t\xC3\xA9 int) rune { return '\xE2\x82\xAC' + rune(\xC3\xA9t\xC3\xA9) }\n"),
		"package p\r\n\r\nfunc h() {\r\n\tx := `\xFF\xFE raw`\r\n\t_ = x\xC3\r\n}\r\n",
		"package p\nfunc k() { s := \"\xE6\x97\xA5\xE6\x9C\xAC\"; for range s { defer f\xE2\x80( }\n",
	};

	CHECK(list != NULL);
	CHECK(golang_fast() != golang_generated());
	ts_parser_set_language(fast, golang_fast());
	ts_parser_set_language(generated, golang_generated());
	while (next_go_file(list, fast, path, sizeof(path), &src, &whole)) {
		size_t cut;
		ast_release(&whole);
		files++;
		for (cut = 0; cut < 3; cut++) {
			uint32_t len = (uint32_t)(cut == 0 ? src.len : cut == 1 ? src.len / 2 : src.len * 7 / 10);
			TSTree *a = ts_parser_parse_string(fast, NULL, src.buf, len);
			TSTree *b = ts_parser_parse_string(generated, NULL, src.buf, len);
			struct ast x, y;
			ast_build(&x, a, src.buf, len);
			ast_build(&y, b, src.buf, len);
			with_errors += y.has_error;
			if (!same_ast(&x, &y))
				fprintf(stderr, "the fast grammar's ast differs: %s (%u bytes)\n", path, len);
			CHECK(same_ast(&x, &y));
			ast_release(&x);
			ast_release(&y);
			ts_tree_delete(a);
			ts_tree_delete(b);
		}
	}
	for (k = 0; k < ARRAY_SIZE(odd); k++) {
		size_t len;
		for (len = 1; len <= strlen(odd[k]); len++) {
			TSTree *a = ts_parser_parse_string(fast, NULL, odd[k], (uint32_t)len);
			TSTree *b = ts_parser_parse_string(generated, NULL, odd[k], (uint32_t)len);
			struct ast x, y;
			ast_build(&x, a, odd[k], len);
			ast_build(&y, b, odd[k], len);
			if (!same_ast(&x, &y))
				fprintf(stderr, "the fast grammar's ast differs: odd[%zu] (%zu bytes)\n", k, len);
			CHECK(same_ast(&x, &y));
			if (len == strlen(odd[k]))
				CHECK(x.nr > 5);
			ast_release(&x);
			ast_release(&y);
			ts_tree_delete(a);
			ts_tree_delete(b);
		}
	}
	strbuf_release(&src);
	if (list)
		pclose(list);
	ts_parser_delete(fast);
	ts_parser_delete(generated);
	CHECK(files > 100);
	CHECK(with_errors > 100);
}

/*
 * Our Go parser (goparse.h) gives tree-sitter's very ast whenever it
 * accepts a file: every Go file of ours, whole and cut at twenty places
 * (where it must give up, or still agree), and Go written to exercise
 * what it must give up on. It accepts nearly all of our files whole:
 * the fast path is taken.
 */
TEST(goparse_equals_tree_sitter)
{
	FILE *list = popen("find tests examples -name '*.go' | sort", "r");
	TSParser *parser = ts_parser_new();
	char path[4096];
	struct strbuf src = STRBUF_INIT;
	struct ast whole;
	size_t files = 0, accepted = 0, cut_accepted = 0, holed = 0, holed_accepted = 0, k;
	static const char *const odd[] = {
		/* what the grammar decides by its dynamic precedences: given up, or the same */
		"package p\n\nfunc f() {\n\tx := g[T](y)\n\tz := a[b.c][d.e]\n\tw := (*G[T])(v)\n}\n",
		"package p\n\nfunc f(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10 int) {}\n",
		"package p\n\nfunc f() {\n\tv := *(*T)(unsafe.Pointer(p))\n\t_ = new(int64(1))\n}\n",
		"package p\n\ntype A [N * 2]int\ntype B[T any, U interface{ ~int | ~string }] struct{ x T }\n",
		/* what it must take as the grammar does */
		("package p\n\nconst (\n\tA, B = iota, 1 << iota\n\tC, D\n)\n\nfunc f() {\nL:\n\tfor {\n\t\t;\n\t\tbreak L\n\t}\n"
		 "\tswitch x := v.(type) {\n\tcase nil, *T:\n\n\n\tdefault:\n\t}\nM:\n}\n"),
		"package p\n\nvar s = `` + \"\\x41b\\101\\u00e9\" + 'x' + 0x1p-2 + 1e9i\n",
		/* f[T](x): a call of an index, a call with type arguments, or a conversion */
		("package p\n\nfunc f() {\n\t_ = f1[int](x)\n\t_ = f2[int](x, y)\n\t_ = f3[T]()\n\t_ = pkg.F4[T](x)\n"
		 "\t_ = e.As[*exec.ExitError](err)\n\t_ = r.TypeFor[X.Y]()\n\t_ = a[i](x)(y)\n\t_ = a[[]int](x)\n"
		 "\t_ = x.y.z[T](a)\n\t_ = f[*T](a, b)\n\t_ = f[[]T](a, b)\n\t_ = f[T, U](a)\n\t_ = f[T, U]()\n"
		 "\t_ = f[T](a...)\n\t_ = f[T](a,)\n\t_ = s[i].f[T](a)\n\t_ = f[pkg.T](a, b)\n"
		 "\t_ = *(*T)(x)\n\t_ = *(**pkg.T)(x)\n\t_ = (map[string]int)(m)\n\t_ = ([]byte)(s)\n}\n"),
		"// lead\n\npackage p // c\n\nimport (\n\t. \"fmt\"\n\t_ \"os\"\n)\n\n// tail\n\n\n",
	};

	CHECK(list != NULL);
	ts_parser_set_language(parser, ast_language());
	while (next_go_file(list, parser, path, sizeof(path), &src, &whole)) {
		struct ast mine;
		size_t cut;
		files++;
		if (!whole.has_error && goparse(&mine, src.buf, src.len) == 0) {
			accepted++;
			if (!same_ast(&whole, &mine))
				fprintf(stderr, "goparse differs from tree-sitter: %s\n", path);
			CHECK(same_ast(&whole, &mine));
			ast_release(&mine);
		}
		ast_release(&whole);
		{ /* without the functions' bodies, as for a generated file */
			struct part_hole *holes = NULL;
			size_t nr = parts_func_bodies(src.buf, src.len, &holes);
			struct ast ts;
			if (nr && parts_parse(parser, src.buf, src.len, NULL, 0, holes, nr, &ts) == 0) {
				holed++;
				if (goparse_holes(&mine, src.buf, src.len, holes, nr) == 0) {
					holed_accepted++;
					if (!same_ast(&ts, &mine))
						fprintf(stderr, "goparse_holes differs from parts_parse: %s\n", path);
					CHECK(same_ast(&ts, &mine));
					ast_release(&mine);
				}
				ast_release(&ts);
			}
			free(holes);
		}
		for (cut = 1; cut < 20; cut++) {
			size_t len = src.len * cut / 20;
			TSTree *tree = ts_parser_parse_string(parser, NULL, src.buf, (uint32_t)len);
			struct ast ts;
			ast_build(&ts, tree, src.buf, len);
			ts_tree_delete(tree);
			if (goparse(&mine, src.buf, len) == 0) {
				cut_accepted++;
				if (!same_ast(&ts, &mine))
					fprintf(stderr, "goparse differs from tree-sitter: %s cut at %zu\n", path, len);
				CHECK(same_ast(&ts, &mine));
				ast_release(&mine);
			}
			ast_release(&ts);
		}
	}
	for (k = 0; k < ARRAY_SIZE(odd); k++) {
		size_t len;
		for (len = 1; len <= strlen(odd[k]); len++) {
			TSTree *tree = ts_parser_parse_string(parser, NULL, odd[k], (uint32_t)len);
			struct ast ts, mine;
			ast_build(&ts, tree, odd[k], len);
			ts_tree_delete(tree);
			if (goparse(&mine, odd[k], len) == 0) {
				if (!same_ast(&ts, &mine))
					fprintf(stderr, "goparse differs from tree-sitter: odd[%zu] (%zu bytes)\n", k, len);
				CHECK(same_ast(&ts, &mine));
				ast_release(&mine);
			} else if (len == strlen(odd[k]) && k >= 4) {
				fprintf(stderr, "goparse gave up on odd[%zu] at goparse.c:%d\n", k, goparse_failure.line);
				CHECK(!"goparse takes what the grammar takes");
			}
			ast_release(&ts);
		}
	}
	strbuf_release(&src);
	if (list)
		pclose(list);
	ts_parser_delete(parser);
	CHECK(files > 100);
	CHECK(accepted * 10 > files * 9);
	CHECK(cut_accepted > 0); /* a cut at a declaration's end parses */
	CHECK(holed > 100);
	CHECK(holed_accepted * 10 > holed * 9);
}

/* Is node x of `whole` inside one of holes[0..nr)? */
static int in_holes(const struct part_hole *h, size_t nr, const struct ast_node *x)
{
	size_t i;
	for (i = 0; i < nr; i++)
		if (x->start >= h[i].start && x->end <= h[i].end)
			return 1;
	return 0;
}

/*
 * parts_func_bodies() finds exactly the bodies of the top-level functions
 * and methods (those starting a line), with their points; a parse without
 * them is the whole file's ast less what lies in them (a declaration
 * without its body), whether or not the file is also cut in parts.
 */
TEST(parts_func_bodies_are_the_bodies)
{
	FILE *list = popen("find tests examples src -name '*.go' | sort", "r");
	TSParser *parser = ts_parser_new();
	char path[4096];
	size_t files = 0, holes_total = 0;

	struct strbuf src = STRBUF_INIT;
	struct ast whole;

	CHECK(list != NULL);
	ts_parser_set_language(parser, ast_language());
	while (next_go_file(list, parser, path, sizeof(path), &src, &whole)) {
		struct part_hole *h;
		struct part_cut *cuts;
		struct ast holed;
		size_t nh, nb = 0, nr, j = 0, pass_nr;
		uint32_t i;

		if (whole.has_error) {
			ast_release(&whole);
			continue;
		}
		files++;
		nh = parts_func_bodies(src.buf, src.len, &h);
		holes_total += nh;
		for (i = whole.nodes[0].first; i != AST_NONE; i = whole.nodes[i].next) {
			uint32_t b = ast_field(&whole, i, FIELD_body);
			const struct ast_node *n;
			if ((whole.nodes[i].kind != AST_function_declaration &&
			     whole.nodes[i].kind != AST_method_declaration) ||
			    whole.nodes[i].col != 1 || b == AST_NONE)
				continue;
			n = &whole.nodes[b];
			CHECK(nb < nh && h[nb].start == n->start && h[nb].end == n->end &&
			      h[nb].start_point.row + 1 == n->line &&
			      h[nb].start_point.column + 1 == n->col &&
			      h[nb].end_point.row + 1 == n->end_line &&
			      h[nb].end_point.column + 1 == n->end_col);
			nb++;
		}
		CHECK(nb == nh);
		for (pass_nr = 0; pass_nr < 2; pass_nr++) {
			nr = pass_nr ? parts_cut(src.buf, src.len, 200, &cuts) : 0;
			if (!pass_nr)
				cuts = NULL;
			CHECK(parts_parse(parser, src.buf, src.len, cuts, nr, h, nh, &holed) == 0);
			for (i = 0, j = 0; i < whole.nr && j <= holed.nr; i++) {
				const struct ast_node *x = &whole.nodes[i], *y;
				int is_decl = x->kind == AST_function_declaration ||
					      x->kind == AST_method_declaration;
				if (in_holes(h, nh, x))
					continue;
				if (j == holed.nr) {
					j++;
					break;
				}
				y = &holed.nodes[j++];
				CHECK(x->kind == y->kind && x->field == y->field && x->start == y->start &&
				      x->line == y->line && x->col == y->col &&
				      (x->end == y->end || is_decl || !i));
			}
			CHECK(j == holed.nr);
			ast_release(&holed);
			free(cuts);
		}
		free(h);
		ast_release(&whole);
	}
	strbuf_release(&src);
	if (list)
		pclose(list);
	ts_parser_delete(parser);
	CHECK(files > 100);
	CHECK(holes_total > 500);
}

/* ---------------------------------------------------------------- facts kept across runs */

/*
 * Facts serialized and read back serialize to the same bytes (every
 * map, its slots in place, every site and type), for the packages of the
 * golden cases; and every cut of the bytes is refused whole.
 */
TEST(facts_round_trip)
{
	FILE *list = popen("ls -d tests/lint/*/*/ | sort", "r");
	TSParser *parser = ts_parser_new();
	char dir[4096];
	size_t packages = 0, big = 0;

	CHECK(list != NULL);
	ts_parser_set_language(parser, ast_language());
	while (list && fgets(dir, sizeof(dir), list)) {
		struct lint_file files[32], *ptrs[32];
		struct pkg_facts pf, back;
		struct strbuf ser = STRBUF_INIT, again = STRBUF_INIT, cmd = STRBUF_INIT;
		char path[4096];
		FILE *gofiles;
		size_t nr = 0, i, cut;

		dir[strcspn(dir, "\n")] = '\0';
		strbuf_addf(&cmd, "find '%s' -name '*.go' | sort", dir);
		gofiles = popen(cmd.buf, "r");
		while (gofiles && nr < ARRAY_SIZE(files) && fgets(path, sizeof(path), gofiles)) {
			struct lint_file *f = &files[nr];
			TSTree *tree;
			path[strcspn(path, "\n")] = '\0';
			memset(f, 0, sizeof(*f));
			strbuf_init(&f->src, 0);
			if (strbuf_read_file(&f->src, path, 1 << 24) < 0) {
				strbuf_release(&f->src);
				continue;
			}
			f->path = xstrdup(path);
			tree = ts_parser_parse_string(parser, NULL, f->src.buf, (uint32_t)f->src.len);
			ast_build(&f->ast, tree, f->src.buf, f->src.len);
			ts_tree_delete(tree);
			f->dirs = xcalloc(1, sizeof(*f->dirs));
			directives_collect(f->dirs, &f->ast);
			f->imports = xcalloc(1, sizeof(*f->imports));
			imports_collect(f->imports, &f->ast, 0);
			ptrs[nr++] = f;
		}
		if (gofiles)
			pclose(gofiles);
		facts_compute(&pf, ptrs, nr, NULL);
		facts_serialize(&pf, &ser);
		CHECK(facts_deserialize(&back, ser.buf, ser.len) == 0);
		facts_serialize(&back, &again);
		CHECK(ser.len == again.len && !memcmp(ser.buf, again.buf, ser.len));
		facts_release(&back);
		packages++;
		if (ser.len > 2000) {
			big++;
			for (cut = 0; cut < ser.len; cut += 1 + cut / 8)
				CHECK(facts_deserialize(&back, ser.buf, cut) == -1);
		}
		facts_release(&pf);
		for (i = 0; i < nr; i++) {
			directives_release(files[i].dirs);
			free(files[i].dirs);
			imports_release(files[i].imports);
			free(files[i].imports);
			ast_release(&files[i].ast);
			strbuf_release(&files[i].src);
			free(files[i].path);
		}
		strbuf_release(&ser);
		strbuf_release(&again);
		strbuf_release(&cmd);
	}
	if (list)
		pclose(list);
	ts_parser_delete(parser);
	CHECK(packages > 100);
	CHECK(big > 20);
}
