/*
 * goparse.h - a Go parser of our own, for the files it is sure of, that
 * builds the very ast tree-sitter's Go grammar gives (ast.h): the same
 * nodes, kinds, fields, positions and depth, comments apart.
 *
 * tree-sitter's generalized LR parser costs about 900 instructions a byte
 * of Go and was four fifths of a cold lint run; this one reads a file in
 * one pass of tokens and one of recursive descent. It covers the Go that
 * compiles, written as gofmt writes it, and gives up on anything else:
 * a syntax error, a character it does not know, a construct whose tree
 * the grammar decides by its dynamic precedences (`f[T](x)`, a type in
 * parentheses used as a value...). Then the caller parses the file with
 * tree-sitter, as before, so nothing is ever lost, only time.
 *
 * The contract is identity: for every file it accepts, the ast is the one
 * ast_build() makes from tree-sitter's tree. tests/unit checks it on every
 * Go file of ours; it was checked on 30,000 files of public repositories
 * and the Go standard library (see the README's speed section).
 */
#ifndef PLUMBER_GOPARSE_H
#define PLUMBER_GOPARSE_H

#include "lint/ast.h"
#include "lint/parts.h"

/*
 * Parse src[0..len) into *ast (overwritten; `src` must outlive it).
 * Returns 0 when built, -1 when this parser is not sure of the file
 * (then *ast is empty and owns nothing).
 */
int goparse(struct ast *ast, const char *src, size_t len);

/*
 * The same, leaving out holes[0..nr) (sorted function bodies, braces
 * included: parts_func_bodies()), as parts_parse() does: a function
 * whose body is left out is a declaration without a body, and nothing in
 * a hole (comments included) is seen.
 */
int goparse_holes(struct ast *ast, const char *src, size_t len, const struct part_hole *holes,
		  size_t nr);

/* Why the last goparse() on this thread gave up: where in goparse.c, and at which byte of the source. */
struct goparse_failure {
	int line;
	uint32_t byte;
};
extern _Thread_local struct goparse_failure goparse_failure;

#endif
