/*
 * types.h - the type that the source writes for an expression, without a
 * type checker.
 *
 * Rules must not guess a value's type from its name or from how it is
 * used when a declaration says what it is: `client *etcd.Client` is not
 * an http.Client, whatever other file of the package has a field named
 * `client`. This module answers "what type does the source write for
 * this expression, here?" with Go's scoping:
 *
 *   - a local (parameter, result, receiver, :=, var) shadows package
 *     names, and the innermost declaration before the use wins;
 *   - its type is the written one (`var c *http.Client`, a parameter's
 *     type), or that of its initializer (`c := &http.Client{}`,
 *     `c := newClient()` with newClient's written result type);
 *   - `x.f` resolves through x's struct type (fields, embedded fields)
 *     declared in this package or in another package of the linted tree;
 *   - a method call's result comes from the method's declaration (a
 *     struct's method or an interface's method), net/http's own API from
 *     a small table;
 *   - TYPE_UNKNOWN when nothing written leads to a type. Rules fall back
 *     to inference only then.
 *
 * Package-level declarations (struct and interface types, package
 * variables, functions' result types) are collected once per package
 * into a struct pkg_types (part of the package facts, facts.h); they are
 * copies, so the files may be released. Lookups are read-only and thread
 * safe on a finished table.
 */
#ifndef PLUMBER_TYPES_H
#define PLUMBER_TYPES_H

#include "base/arena.h"
#include "base/strmap.h"
#include "lint/ast.h"
#include "lint/imports.h"

#define TYPE_PKG_MAX 120
#define TYPE_NAME_MAX 48
#define TYPE_MAX_RESULTS 4

enum type_kind {
	TYPE_UNKNOWN = 0, /* nothing written leads to a type */
	TYPE_NAMED,       /* a named type: `pkg` (import path, "" for this package) and `name` */
	TYPE_OTHER,       /* written, but not a named type of interest (map, func, builtin...) */
	TYPE_PACKAGE,     /* the expression names an imported package; `pkg` is its path */
};

struct type_ref {
	unsigned char kind;    /* enum type_kind */
	unsigned char pointer; /* *T (also for TYPE_OTHER: `*struct{...}`) */
	unsigned char is_interface; /* TYPE_OTHER: `error`, `any`, `interface{...}` */
	/*
	 * A function's result: every return of it with an error that is not
	 * the literal nil gives a value here that is surely not nil (a
	 * literal, make, new, a local made so: `return nil, closer, err`
	 * with `closer := make(multiCloser, 0, n)`): it comes with any error.
	 */
	unsigned char with_error;
	unsigned char pkg_len, name_len;
	char pkg[TYPE_PKG_MAX];
	char name[TYPE_NAME_MAX];
};

/* A method's (or function's) written result types. */
struct type_sig {
	int nr_results;
	struct type_ref results[TYPE_MAX_RESULTS];
	/*
	 * A method declared with a pointer receiver whose body begins with
	 * a nil check of the receiver (`if s == nil { return }`, `if s ==
	 * nil || s.x == nil`), or never uses it: calling it on a nil pointer
	 * does not panic. 0 for functions, interface methods and value
	 * receivers (calling one through a nil pointer copies *p).
	 */
	int nil_safe;
};

/* A type declared in a package: `type T struct{...}`, `type I interface{...}`, `type A B`. */
struct type_decl {
	int is_interface;
	struct type_ref underlying; /* `type A B` or `type A = B`: B; else TYPE_OTHER */
	struct strmap fields;       /* name -> struct type_ref * (embedded: under the type's name) */
	struct strmap embedded;     /* the embedded fields' names -> non-NULL */
	struct strmap methods;      /* name -> struct type_sig * (interface or declared methods) */
};

struct pkg_facts;

struct pkg_types {
	struct strmap decls; /* type name -> struct type_decl * */
	struct strmap vars;  /* package variable -> struct type_ref * */
	struct strmap funcs; /* function name -> struct type_sig * */
};

/*
 * Collect the package-level declarations of one file into pt (keys and
 * values allocated from `arena`). Call types_finish() once every file
 * of the package has been collected.
 */
void types_collect(struct pkg_types *pt, struct arena *arena, const struct ast *ast,
		   const struct imports *imp);

/*
 * Second pass over one file, after every file was collected: package
 * variables with no written type take the type of their initializer
 * (`var c = newClient()`).
 */
void types_finish(struct pkg_types *pt, struct arena *arena, const struct pkg_facts *pf,
		  const struct ast *ast, const struct imports *imp);

void types_release(struct pkg_types *pt);

/*
 * True when the file is an external test package (`package x_test`): it
 * shares its directory, not its names, with package x.
 */
int types_ast_is_external_test(const struct ast *ast);

/* Number of values a parameter_declaration stands for (its names, or 1). */
int types_decl_width(const struct ast *ast, uint32_t d);

/* Type node t as written in a file (`*http.Client`, `Server`, `map[..]..`). */
void types_from_node(const struct ast *ast, const struct imports *imp, uint32_t t,
		     struct type_ref *out);

/*
 * Where a rule asks: the file's tree, its imports, and its package's
 * facts (which hold the package's pkg_types and reach other packages of
 * the tree).
 */
struct type_env {
	const struct ast *ast;
	const struct imports *imp;
	const struct pkg_facts *pf;
};

/* The type of expression e at its place in the source. */
void types_of_expr(const struct type_env *te, uint32_t e, struct type_ref *out);

/* The type of result number `index` of call expression `call`. */
void types_of_call(const struct type_env *te, uint32_t call, int index, struct type_ref *out);

/*
 * The declaration that identifier `id` refers to inside the functions
 * around it (a parameter's name, or the identifier a :=, var, range
 * declares), or AST_NONE when it is not a local (a package name, a
 * package variable...).
 */
uint32_t types_local_decl(const struct ast *ast, uint32_t id);

/* True when t is pkg.name (pointer or not). */
int types_is(const struct type_ref *t, const char *pkg, const char *name);

/* The declaration of named type t (in this package or another of the tree), or NULL. */
const struct type_decl *types_decl(const struct type_env *te, const struct type_ref *t);

/*
 * The written signature of method `name` of type t, also when promoted
 * from an embedded field declared in the tree; NULL when unknown.
 * *embeds_client is set when t embeds net/http's Client and no method of
 * that name is declared (so `t.Do` is the Client's).
 */
const struct type_sig *types_method(const struct type_env *te, const struct type_ref *t,
				    const char *name, size_t len, int *embeds_client);

/*
 * Can method `name` of t be called on a nil *t without a panic? 1 when
 * t's own declaration of it is nil_safe (above), 0 when it is not or
 * when the method is promoted from an embedded field (reaching the field
 * dereferences the nil pointer), -1 when no declaration of it is known.
 */
int types_method_nil_safe(const struct type_env *te, const struct type_ref *t, const char *name,
			  size_t len);

/* For messages and debugging: "*net/http.Client", "unknown". */
void types_format(const struct type_ref *t, char *buf, size_t size);

#endif
