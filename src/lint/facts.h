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
 *     the calls between the package's functions. A function of a
 *     generated file read for its declarations only (lint_file.decls_only)
 *     keeps what it is given: its body is not visible, as another
 *     package's is not.
 * Types: the package's struct and interface types, package variables and
 * functions' written result types (types.h), so `s.client.Do(req)` is
 * judged by the type the source writes for s.client.
 *
 * The call graph: for each function and method name declared in the
 * package, where it is mentioned (called, or used as a value) across the
 * package's files, and from that whether it runs at most once per
 * process (see facts_runs_once()). It is built from the files that
 * contain one of facts_call_graph_needles only, so that it is the same
 * whichever rules are enabled (the engine parses a different set of
 * files for each set of rules): a rule that relies on it lists those
 * needles as its fact_needles.
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
	int with_error;      /* may return its response, body open, with an error it makes
				(`return resp, errNotFound`): a caller that returns on the
				error leaves the body open */
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

/*
 * One mention of a function or method of the package (facts_callers()).
 * The fields from `caller` on are filled for calls of a function whose
 * result is written as a net/http Client, Transport or RoundTripper only
 * (NULL and 0 otherwise).
 */
struct facts_site {
	const char *path;          /* the file it is in (a copy) */
	uint32_t line;             /* 1-based */
	unsigned char call;        /* a call (not a function value) */
	unsigned char per_call;    /* may run more than once per process (not facts_site_runs_once()) */
	unsigned char in_loop;     /* a loop around it, in its function */
	unsigned char test;        /* in a _test.go file */
	const char *caller;        /* who calls: "serve", "a function literal in serve", "package level" */
	unsigned char constructor; /* the caller is New.../new... with a result */
	unsigned char closes_conns; /* the caller's requests ask to close the connection */
	unsigned char result;      /* enum facts_result */
	const char *returned_by;   /* FACTS_RESULT_RETURNED: the caller's name (a copy), to follow its callers */
	int returned_method;       /* ... which is a method */
};

/*
 * What the caller does with the net/http value (client, transport,
 * round tripper) a call returns. Judged by syntax, conservatively: only
 * the shapes below, anything else is FACTS_RESULT_OTHER.
 */
enum facts_result {
	FACTS_RESULT_OTHER = 0, /* kept, passed on, closed, or not understood */
	FACTS_RESULT_DROPPED,   /* only sends requests through it (`c.Do(req)`, `F().Get(u)`,
				   `c := &http.Client{Transport: F()}; c.Get(u)`), then drops it */
	FACTS_RESULT_RETURNED,  /* returns it as it is (`return F()`) */
};

struct call_graph {
	struct strmap funcs, methods; /* name -> struct facts_callee * (opaque, in the arena) */
};

/*
 * Which files the call graph is built from: those containing one of
 * these (NULL-terminated). The files that make or handle HTTP requests
 * (the needles of the rules on by default), and those that hold what
 * runs once (main, CLI libraries). A caller in another file is not seen.
 */
extern const char *const facts_call_graph_needles[];

struct pkg_facts {
	struct strmap funcs, methods; /* name -> struct func_fact * (keys in arena) */
	struct call_graph calls;      /* the package's call graph */
	struct call_graph ext_calls;  /* that of its external test package (package x_test) */
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

/*
 * Facts as bytes, for the cache (cache.h), and back. The bytes are this
 * binary's own layout: read them only with the binary that wrote them
 * (the cache key holds its hash). facts_deserialize() returns 0, or -1
 * (pf empty) when buf is not a whole serialization; the facts read back
 * answer every query as the serialized ones did, map order included.
 * They carry no resolver.
 */
void facts_serialize(const struct pkg_facts *pf, struct strbuf *out);
int facts_deserialize(struct pkg_facts *pf, const char *buf, size_t len);

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

/*
 * True when the function or method (by name, whatever its receiver)
 * `name` of the package runs at most once per process: every declaration
 * of the name is a start-up or command function (main, init, initX or
 * InitX, a Test/Example/Fuzz function of a _test.go file, newXCommand,
 * what a CLI command runs: see facts_func_runs_once()), or the name is
 * unexported, mentioned at least once, and only called, never used as a
 * value, from places that run once (package level, outside loops in a
 * function that runs once, a literal given to sync.Once.Do or set as a
 * cobra Run/urfave Action). Callers in _test.go files do not count for
 * a function of a non-test file. `ext`: the external test package's.
 */
int facts_runs_once(const struct pkg_facts *pf, const char *name, size_t len, int is_method, int ext);

/*
 * True when function node fn (a declaration or a literal) of file f runs
 * at most once per process: a start-up or command function by itself
 * (main, init, initX/InitX, Test.../Example.../Fuzz... in a _test.go
 * file, newXCommand/NewCmdX, a function given the command
 * (`func(cmd *cobra.Command, args []string)`, `func(c *cli.Context)`),
 * run/runX/RunX in a file that imports a CLI library, a command type's
 * Run method; a literal set as a command's Run/RunE/Action or given to
 * sync.Once.Do/OnceFunc, or called where it stands from a place that runs
 * once), or as facts_runs_once() says for its name.
 */
int facts_func_runs_once(const struct pkg_facts *pf, const struct lint_file *f, uint32_t fn);

/*
 * True when node `at` of file f runs at most once per process: package
 * level, or no loop around it in a function that runs once
 * (facts_func_runs_once()).
 */
int facts_site_runs_once(const struct pkg_facts *pf, const struct lint_file *f, uint32_t at);

/*
 * The mentions of function or method `name` across the package's files
 * (facts_call_graph_needles), in file order; *nr receives their count.
 * NULL when there are none. Read-only, owned by pf.
 */
const struct facts_site *facts_callers(const struct pkg_facts *pf, const char *name, size_t len,
				       int is_method, int ext, size_t *nr);

/* True for `req.Close = true` or `req.Header.Set("Connection", "close")` (node n): no pooling. */
int facts_closes_connection(const struct ast *ast, uint32_t n);

/* True when type node t is `*http.<name>` (pointer 1) or `http.<name>` (pointer 0). */
int facts_is_http_type(const struct ast *ast, const struct imports *imp, uint32_t t,
		       const char *name, int *pointer);

#endif
