/*
 * facts.h - what a rule may know about the whole package a file is in.
 *
 * Computed once per package (directory) by the worker that owns it,
 * before any rule runs, from the syntax trees of the package's parsed
 * files. Read-only for rules.
 *
 * Function facts answer, for each function and method declared in the
 * package (methods by name, whatever their receiver):
 *   - which result is an *http.Response (and how many results there are),
 *     and whether the function gets it from a request rather than making
 *     or copying one,
 *   - whether it carries //bodyclose:handled,
 *   - for each parameter, whether the function releases or keeps what it
 *     is given (closes it, or hands it off: returns, stores, sends it, or
 *     passes it to a function that does). Computed to a fixed point over
 *     the calls between the package's functions.
 * Types: the package's struct and interface types, package variables and
 * functions' written result types (types.h), so `s.client.Do(req)` is
 * judged by the type the source writes for s.client.
 */
#ifndef PLUMBER_FACTS_H
#define PLUMBER_FACTS_H

#include "lint/lint.h"
#include "base/strmap.h"
#include "lint/types.h"

#define FACTS_MAX_PARAMS 32

enum param_fate {
	FATE_READ = 0,  /* reads or wraps, never releases */
	FATE_CLOSES,    /* closes what it is given */
	FATE_TAKES,     /* keeps it: returns, stores, sends or passes it on */
};

struct func_fact {
	int response_result; /* index of the *http.Response result, or -1 */
	int nr_results;
	int returns_error;   /* the other result, if any, is an error */
	int requests;        /* its body makes a request (Do, Get, RoundTrip, ReadResponse...)
				or calls a package function that does: the response is fresh */
	int handled;         /* //bodyclose:handled */
	int closes_result;   /* closes the body of the response it returns (for its headers) */
	int returns_body;    /* the result at response_result is a response's Body (io.ReadCloser) */
	int nr_params;
	unsigned char fate[FACTS_MAX_PARAMS];
};

/*
 * The facts of another package of the linted tree, by import path, or NULL
 * when it is not part of the tree. Supplied by the engine; thread safe.
 */
struct facts_resolver {
	const struct pkg_facts *(*resolve)(void *ctx, const char *path, size_t len);
	void *ctx;
};

struct pkg_facts {
	struct strmap funcs, methods; /* name -> struct func_fact * (keys in arena) */
	struct pkg_types types;       /* the package's written types (types.h) */
	struct pkg_types ext_types;   /* those of its external test package (package x_test) */
	struct arena arena;
	struct facts_resolver resolver;
};

/*
 * Compute the facts of the package made of files[0..nr). Calls into other
 * packages of the tree are judged by their facts, through `resolver`
 * (which may be NULL: then they count as hand-offs). The result does not
 * point into the files: they may be released.
 */
void facts_compute(struct pkg_facts *pf, struct lint_file **files, size_t nr,
		   const struct facts_resolver *resolver);
void facts_release(struct pkg_facts *pf);

/* The facts of function (or method, if is_method) `name`, or NULL. */
const struct func_fact *facts_func(const struct pkg_facts *pf, const char *name, size_t len,
				   int is_method);

/*
 * The same for a function of another package of the tree, by import path
 * (`pkg` of `pkg_len` bytes); NULL when that package is not in the tree.
 */
const struct func_fact *facts_func_in(const struct pkg_facts *pf, const char *pkg, size_t pkg_len,
				      const char *name, size_t len);

/*
 * The same for a method (by name, whatever its receiver) of another
 * package of the tree; NULL when unknown.
 */
const struct func_fact *facts_method_in(const struct pkg_facts *pf, const char *pkg, size_t pkg_len,
					const char *name, size_t len);

/* True when type node t is `*http.<name>` (pointer 1) or `http.<name>` (pointer 0). */
int facts_is_http_type(const struct ast *ast, const struct imports *imp, uint32_t t,
		       const char *name, int *pointer);

#endif
