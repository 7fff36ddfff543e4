/*
 * resource.h - naming what a Go call acquires, without types.
 *
 * Shared by rules that talk about "the response body", "the file", "the
 * rows": the name comes from the call that produced a value (http.Get ->
 * response, os.Open -> file, db.Query -> rows) or from how it is released
 * (x.Body.Close() -> response body, mu.Unlock() -> lock).
 */
#ifndef PLUMBER_RESOURCE_H
#define PLUMBER_RESOURCE_H

#include "lint/ast.h"

/* What call `call` returns that needs releasing ("file", "result set (sql.Rows)", ...), or NULL. */
const char *resource_of_call(const struct ast *ast, uint32_t call);

/*
 * The assignment (short_var_declaration, assignment_statement or var_spec)
 * in function `fn` that last defines identifier `ident`'s name before
 * `before` (a byte offset), not looking into nested function literals;
 * AST_NONE if none. *rhs receives the value assigned to the name, if the
 * two sides pair up one to one or the right side is one call.
 */
uint32_t resource_def_before(const struct ast *ast, uint32_t fn, uint32_t ident,
			     uint32_t before, uint32_t *rhs);

/*
 * What a deferred or direct call releases: for `x.Body.Close()` "response
 * body", for `f.Close()` the resource f came from ("file"...), for
 * `mu.Unlock()` "lock", for `cancel()` "context", for a function literal
 * what the first release inside it releases; NULL when unknown.
 */
const char *resource_released_by(const struct ast *ast, uint32_t fn, uint32_t call);

/* The name of function fn for messages: "fetchAll", "(*Client).Get", "a function literal". */
void resource_func_name(const struct ast *ast, uint32_t fn, char *buf, size_t size);

#endif
