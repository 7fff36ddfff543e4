/*
 * nilness.h - what a branch condition says about a value returned with an
 * error (`v, err := f()`): on each edge, is v known nil (f failed, or v
 * tested nil), known good (err tested nil, or v tested non-nil), or
 * unknown? Shared by body-not-closed (nothing to close on a nil edge) and
 * close-before-check (nothing to fear on a good edge).
 *
 * Understood: `err != nil`, `err == nil`, `v == nil`, `v != nil`,
 * `v.Body == nil`, `err == ErrSentinel` (a sentinel is not nil),
 * `errors.Is(err, X)`, and `!`, `&&`, `||` over them. Parentheses are
 * looked through.
 */
#ifndef PLUMBER_NILNESS_H
#define PLUMBER_NILNESS_H

#include "lint/ast.h"

enum nilness { NIL_UNKNOWN = 0, NIL_KNOWN = 1, NIL_GOOD = 2 };

struct nil_edges {
	enum nilness on_true, on_false;
};

/*
 * Judge `cond` for value v and error err (identifier nodes; err may be
 * AST_NONE). When err_live is 0, err has been assigned again since the
 * call and its tests say nothing. `assign` is the statement that set v and
 * err: a test in an if whose initializer declares another err (other than
 * `assign`) is about that other err.
 */
struct nil_edges nilness_of(const struct ast *ast, uint32_t cond, uint32_t v, uint32_t err,
			    int err_live, uint32_t assign);

#endif
