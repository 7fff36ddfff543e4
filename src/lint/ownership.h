/*
 * ownership.h - what one mention of a variable does with the value it
 * holds: read it, close it, hand it off (ownership leaves the function),
 * pass it to a function whose behaviour decides, alias it, or overwrite
 * it. Used by the package facts ("does this helper close its parameter?")
 * and by body-not-closed ("is the body released or handed off on this
 * path?"), so both judge code the same way.
 *
 * Without types, a mention is judged by its syntax:
 *   v.Body.Close(), v.Close(), v.Write(w)       close (Response.Write closes the body)
 *   return v / return v.Body / T{f: v} / ch <- v / append(s, v) /
 *   x.f = v / m[k] = v / go func(){...v...}()   hand-off
 *   f(v), x.M(v.Body), func(b ...){...}(v.Body) pass: the callee decides
 *   pkg.F(v) for a standard library package     read (the standard library
 *                                               never takes ownership)
 *   pkg.F(v) for another package                pass: that package's summary
 *                                               decides (a hand-off when unknown)
 *   b := v.Body / r := v                        alias
 *   v = ... / v, err = ...                      overwrite
 *   anything else (v.StatusCode, v == nil)      read
 */
#ifndef PLUMBER_OWNERSHIP_H
#define PLUMBER_OWNERSHIP_H

#include "lint/ast.h"

#include "lint/imports.h"

enum use_kind {
	USE_READ,
	USE_CLOSE,
	USE_TAKE,
	USE_PASS_FUNC,    /* callee: the identifier naming a function */
	USE_PASS_METHOD,  /* callee: the field_identifier naming a method */
	USE_PASS_LITERAL, /* callee: a func_literal node */
	USE_PASS_PKG,     /* callee: the field_identifier of pkg.F; pkg_path: its import path */
	USE_ALIAS,        /* alias: the identifier that now holds the value */
	USE_OVERWRITE,
};

struct use {
	enum use_kind kind;
	int is_body;     /* the value used is v.Body rather than v */
	uint32_t callee; /* for USE_PASS_* */
	int arg_index;   /* for USE_PASS_* */
	uint32_t alias;  /* for USE_ALIAS */
	const char *pkg_path; /* for USE_PASS_PKG (points into the source) */
	size_t pkg_len;
};

/*
 * Judge the mention `ident` (an identifier node) of a variable. `top` is
 * the outermost node to look at (the statement holding the mention); a go
 * statement between them makes the mention a hand-off.
 */
void ownership_classify(const struct ast *ast, const struct imports *imp, uint32_t ident,
			uint32_t top, struct use *out);

/*
 * The fate of parameter number `index` of func literal `lit` (for
 * `func(b io.ReadCloser){ b.Close() }(resp.Body)`): USE_CLOSE, USE_TAKE or
 * USE_READ. Passing it on to other functions counts as a hand-off here.
 */
enum use_kind ownership_literal_param(const struct ast *ast, const struct imports *imp,
				      uint32_t lit, int index);

/* The identifier node of parameter number `index` of function node fn, or AST_NONE. */
uint32_t ownership_param(const struct ast *ast, uint32_t fn, int index);

/* ------------------------------------------------------------ does it outlive the call? */

/*
 * The same judgement as ownership_classify() for any expression node
 * `val` that holds a value: an identifier's mention, a composite literal,
 * a call (its result), a selector. No go statement is looked for: the
 * caller decides what a goroutine means for its value.
 */
void ownership_classify_value(const struct ast *ast, const struct imports *imp, uint32_t val,
			      struct use *out);

/* Where a name is declared, seen from one function (ownership_scope()). */
enum ownership_scope {
	SCOPE_OUTSIDE,  /* not in fn: a package-level name, or a variable of a function around fn */
	SCOPE_LOCAL,    /* :=, var, range in fn */
	SCOPE_PARAM,    /* a parameter of fn */
	SCOPE_RECEIVER, /* fn's receiver */
	SCOPE_RESULT,   /* a named result of fn */
};

/*
 * How identifier `id`'s name is declared in function node fn (function
 * literals nested in fn are not looked into). When `decl` is not NULL it
 * receives the declaring node (parameter_declaration, var_spec, := or
 * range clause), or AST_NONE. By name: the first declaration found wins.
 */
enum ownership_scope ownership_scope(const struct ast *ast, uint32_t fn, uint32_t id, uint32_t *decl);

/*
 * Does a value stored into `target`, the left side of an assignment in
 * function fn (`x`, `x.f`, `x.f.g`, `m[k]`, `*p`), outlive the call of fn?
 * Returns 1 when it does: a package variable, a variable of an enclosing
 * function, a named result (returned), a field reached through a pointer
 * parameter or receiver or any deeper path, a map or slice element, `*p`.
 * Returns 0 when it stays in fn: a local, a parameter, or a field of a
 * local or of a value (non-pointer) parameter or receiver, whose copy is
 * dropped on return (`func (r Req) Do() { r.tr = ... }` is lost). Then
 * *holder (if not NULL) receives the identifier that now holds the value,
 * and *copy whether it is such a value parameter or receiver.
 */
int ownership_store_outlives(const struct ast *ast, uint32_t fn, uint32_t target, uint32_t *holder,
			     int *copy);

#endif
