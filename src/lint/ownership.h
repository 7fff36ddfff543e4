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

#endif
