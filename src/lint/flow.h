/*
 * flow.h - the control-flow graph of one Go function, over the compact
 * syntax tree. Shared by the rules (DESIGN.md: lint/flow.c).
 *
 * A graph is a list of basic blocks. A block holds "elements": the AST
 * nodes evaluated in order on that stretch of code: simple statements
 * (assignments, calls, defer, go, send, return...) and the header parts of
 * compound statements (an if's initializer and condition, a for clause, a
 * switch value, a case's values, a select case's communication). Compound
 * statements themselves are never elements; the graph's shape stands for
 * them. Function literals are not entered: they are separate functions,
 * and appear only inside the element that contains them.
 *
 * Edges: a block that ends in a two-way branch on a boolean condition has
 * `cond` set to the condition node, succ[0] the edge taken when it is
 * true and succ[1] when false. Other blocks have any number of successors
 * (switch and select dispatch to every case). `return` and falling off the
 * end lead to `exit`. Calls that never return and `select {}` lead to
 * `noreturn`, which has no successors: a path that ends there is not a
 * path to the function's end. Calls are recognised by name: panic,
 * os.Exit, runtime.Goexit; the loggers' Fatal and Panic families (log,
 * logrus, zap, klog, glog: Fatal, Fatalf, Fatalln, Fatalw, FatalDepth...,
 * not FatalIfError), zerolog's `log.Fatal()...Msg()`/`.Send()`, klog's
 * Exit*; t.Fatal*, t.FailNow, t.Skip*, require.Fail*; and, called as the
 * last statement of a block, a function of the same file whose body ends
 * in one of those with no return; and the functions the caller names.
 *
 * Loops: each for statement has a head block (where its condition or
 * range is evaluated, and where `continue` and the end of the body go).
 *
 * A graph belongs to the thread that built it. Building is O(size of the
 * function); it recurses once per nesting level of statements.
 */
#ifndef PLUMBER_FLOW_H
#define PLUMBER_FLOW_H

#include "lint/ast.h"

struct flow_block {
	uint32_t *elems;
	uint32_t nr_elems, alloc_elems;
	uint32_t *succ;
	uint32_t nr_succ, alloc_succ;
	uint32_t cond; /* AST_NONE unless a two-way branch (succ[0] true, succ[1] false) */
};

struct flow_loop {
	uint32_t node; /* the for_statement */
	uint32_t head; /* its head block */
};

struct flow_elem_ref {
	uint32_t node, block, index;
};

struct flow {
	uint32_t fn, body;
	struct flow_block *blocks;
	uint32_t nr_blocks, alloc_blocks;
	uint32_t entry, exit, noreturn;
	struct flow_loop *loops;
	uint32_t nr_loops, alloc_loops;
	struct flow_elem_ref *refs; /* sorted by node */
	uint32_t nr_refs, alloc_refs;
};

struct strvec;
struct imports;

/*
 * Build the graph of function node fn (declaration, method or literal).
 * `no_return`, when not NULL, names more functions that never return
 * (namelist.h; a config file's "no-return" option), resolved through the
 * file's imports `imp` (may be NULL: unqualified names only).
 */
struct flow *flow_build(const struct ast *ast, uint32_t fn, const struct strvec *no_return,
			const struct imports *imp);
void flow_free(struct flow *f);

/*
 * Find the element that is `node` or contains it: sets *block and *index
 * and returns 1; returns 0 when node is not inside an element of this
 * function (e.g. it is inside a nested function literal, or is a
 * compound statement).
 */
int flow_locate(const struct flow *f, const struct ast *ast, uint32_t node,
		uint32_t *block, uint32_t *index);

/*
 * For a branch condition that is the value of a case in a tagged switch
 * (`switch err { case nil: }`): the tag (`err`), meaning the condition is
 * `tag == cond`; AST_NONE for an ordinary condition.
 */
uint32_t flow_case_tag(const struct ast *ast, uint32_t cond);

/* The head block of loop `for_node`, or UINT32_MAX. */
uint32_t flow_loop_head(const struct flow *f, uint32_t for_node);

/* Debug dump of the graph (plumber lint --dump-flow). */
void flow_dump(const struct flow *f, const struct ast *ast, FILE *out);

#endif
