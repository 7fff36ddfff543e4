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

/* How a call releases something (resource_release_of). */
enum resource_release_kind {
	RELEASE_NONE = 0,
	RELEASE_CLOSE,   /* x.Close(), x.Stop(), x.End(), x.Rollback(), closeQuietly(x), ... */
	RELEASE_UNLOCK,  /* x.Unlock() */
	RELEASE_RUNLOCK, /* x.RUnlock() */
	RELEASE_FUNC,    /* cancel(): a function value that releases (a context's cancel, a cleanup) */
};

struct resource_release {
	enum resource_release_kind kind;
	uint32_t call;   /* the releasing call: inside the literal for `func() { ... }()` */
	uint32_t target; /* what is released (see resource_release_of) */
	int body;        /* the release closes target.Body: target is a response */
};

/*
 * Whether call `call` (in function fn) releases something, and what:
 *
 *   f.Close(), t.Stop(), span.End(), tx.Rollback(), x.Release() ...  target f, t, span, tx, x
 *   resp.Body.Close()                                                 target resp, body set
 *   mu.Unlock(), mu.RUnlock()                                         target mu
 *   utilio.Close(conn), windows.CloseHandle(h), closeQuietly(f)       target: the argument
 *   logErr(resp.Body.Close), check(f.Close)  (a method value passed)  target resp, f
 *   cancel()  (from context.With*, or named like a release: cleanup)  target cancel
 *   func(c io.Closer) { ... c.Close() ... }(conn)                     target conn: the
 *       releases inside the literal, with its parameters replaced by the arguments
 *
 * `want`: when not AST_NONE, only a release whose target has the same text
 * as node `want` counts (the literal form looks through all its releases
 * for one); otherwise the first release found. Fills *out and returns 1,
 * or returns 0 (out->kind RELEASE_NONE). Reads only the syntax tree.
 */
int resource_release_of(const struct ast *ast, uint32_t fn, uint32_t call, uint32_t want,
			struct resource_release *out);

/*
 * True when `call` acquires a lock rather than a resource: a call whose
 * name starts with Lock, RLock, TryLock, Acquire or TryAcquire (or their
 * lowercase forms): `unlock := locker.Lock(key)`, `release, err :=
 * sem.Acquire(ctx)`, `unlock := m.LockAndSet(v)`.
 */
int resource_call_locks(const struct ast *ast, uint32_t call);

/* The name of function fn for messages: "fetchAll", "(*Client).Get", "a function literal". */
void resource_func_name(const struct ast *ast, uint32_t fn, char *buf, size_t size);

#endif
