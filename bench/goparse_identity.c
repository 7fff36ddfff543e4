/*
 * goparse_identity.c - does our Go parser (src/lint/goparse.c) give
 * tree-sitter's very ast on real code? Reads paths of .go files on stdin
 * (bench/goparse-identity.sh finds them), parses each with tree-sitter
 * and with goparse, whole and without its functions' bodies (as for a
 * generated file, against parts_parse), and compares node by node.
 * Prints each file that differs (the first node that does) and each
 * file goparse gives up on with -v (where in goparse.c); then counts and
 * times on stderr. Exit 1 when any file differs.
 */
#include "lint/ast.h"
#include "lint/goparse.h"
#include "lint/parts.h"
#include "base/strbuf.h"

#include <time.h>

/* The first node where a and b differ, -2 comments, -3 depth or error; -1 none. */
static long first_difference(const struct ast *a, const struct ast *b)
{
	uint32_t i;

	for (i = 0; i < a->nr && i < b->nr; i++) {
		const struct ast_node *x = &a->nodes[i], *y = &b->nodes[i];
		if (x->kind != y->kind || x->field != y->field || x->flags != y->flags ||
		    x->parent != y->parent || x->first != y->first || x->next != y->next ||
		    x->start != y->start || x->end != y->end || x->line != y->line ||
		    x->col != y->col || x->end_line != y->end_line || x->end_col != y->end_col)
			return i;
	}
	if (a->nr != b->nr)
		return i;
	if (a->nr_comments != b->nr_comments)
		return -2;
	for (i = 0; i < a->nr_comments; i++) {
		const struct ast_comment *x = &a->comments[i], *y = &b->comments[i];
		if (x->start != y->start || x->end != y->end || x->line != y->line ||
		    x->end_line != y->end_line || x->own_line != y->own_line)
			return -2;
	}
	return a->max_depth != b->max_depth || a->has_error != b->has_error ? -3 : -1;
}

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct counts {
	size_t taken, given_up, differ, ts_error;
};

/* Compare one parse both ways; *ts is tree-sitter's (consumed). */
static void compare(const char *path, const char *what, struct ast *ts, int mine_ok,
		    struct ast *mine, const struct strbuf *src, int verbose, struct counts *c)
{
	if (ts->has_error) {
		c->ts_error++;
	} else if (!mine_ok) {
		c->given_up++;
		if (verbose) {
			uint32_t k, line = 1;
			for (k = 0; k < goparse_failure.byte && k < src->len; k++)
				line += src->buf[k] == '\n';
			printf("gave up (goparse.c:%d)%s %s:%u\n", goparse_failure.line, what, path, line);
		}
	} else {
		long d = first_difference(ts, mine);
		if (d == -1) {
			c->taken++;
		} else {
			c->differ++;
			printf("DIFFERS%s %s (node %ld)\n", what, path, d);
		}
	}
	if (mine_ok)
		ast_release(mine);
	ast_release(ts);
}

int main(int argc, char **argv)
{
	TSParser *parser = ts_parser_new();
	struct counts whole = { 0 }, holed = { 0 };
	double t_ts = 0, t_mine = 0;
	int verbose = argc > 1 && !strcmp(argv[1], "-v");
	char path[4096];

	ts_parser_set_language(parser, ast_language());
	while (fgets(path, sizeof(path), stdin)) {
		struct strbuf src = STRBUF_INIT;
		struct part_hole *holes = NULL;
		struct ast ts, mine;
		TSTree *tree;
		size_t nr;
		double t0, t1, t2;
		int ok;

		path[strcspn(path, "\n")] = '\0';
		if (strbuf_read_file(&src, path, 64 << 20) < 0)
			continue;
		t0 = seconds();
		tree = ts_parser_parse_string(parser, NULL, src.buf, (uint32_t)src.len);
		ast_build(&ts, tree, src.buf, src.len);
		ts_tree_delete(tree);
		t1 = seconds();
		ok = goparse(&mine, src.buf, src.len) == 0;
		t2 = seconds();
		t_ts += t1 - t0;
		t_mine += t2 - t1;
		compare(path, "", &ts, ok, &mine, &src, verbose, &whole);
		nr = parts_func_bodies(src.buf, src.len, &holes);
		if (nr && parts_parse(parser, src.buf, src.len, NULL, 0, holes, nr, &ts) == 0) {
			ok = goparse_holes(&mine, src.buf, src.len, holes, nr) == 0;
			compare(path, " (no bodies)", &ts, ok, &mine, &src, verbose, &holed);
		}
		free(holes);
		strbuf_release(&src);
	}
	ts_parser_delete(parser);
	fprintf(stderr,
		"whole files: %zu taken, %zu differ, %zu given up, %zu with tree-sitter errors\n"
		"without bodies: %zu taken, %zu differ, %zu given up\n"
		"time: tree-sitter and ast_build %.2f s, goparse %.2f s\n",
		whole.taken, whole.differ, whole.given_up, whole.ts_error, holed.taken, holed.differ,
		holed.given_up, t_ts, t_mine);
	return whole.differ || holed.differ;
}
