/*
 * directives.h - comments that steer plumber.
 *
 *   //nolint                      silence every rule
 *   //nolint:name[,name...]       silence the named linters: a rule id,
 *                                 "plumber", "all", or a rule's alias
 *                                 (bodyclose for body-not-closed)
 *   //plumber:ignore rule[,rule]  silence the named rules
 *   //bodyclose:handled           on a function declaration: calls to it
 *                                 do not acquire a body (body-not-closed)
 *
 * Anything after the names (a space, then a reason) is ignored. Where a
 * directive applies (golangci-lint's rules): a comment after code covers
 * that line, or the whole function when that line starts a function; a
 * comment on a line of its own covers the statement or declaration that
 * starts on the next line of code, all its lines (so one above a func
 * covers the whole function).
 */
#ifndef PLUMBER_DIRECTIVES_H
#define PLUMBER_DIRECTIVES_H

#include "lint/ast.h"

struct rule;

struct directive_range {
	uint32_t first_line, last_line;
	const char *names; /* NULL = all rules; else comma-separated, not NUL-ended */
	size_t names_len;
	int ignore_form;   /* //plumber:ignore (rule ids only) */
};

struct directives {
	struct directive_range *ranges;
	size_t nr, alloc;
	/* function nodes carrying //bodyclose:handled */
	uint32_t *handled;
	size_t nr_handled, alloc_handled;
};

/* Read the directives of a file. Cheap when there are none. */
void directives_collect(struct directives *d, const struct ast *ast);
void directives_release(struct directives *d);

/* True when a directive silences `rule` on `line`. */
int directives_silence(const struct directives *d, const struct rule *rule, uint32_t line);

/* True when function node fn carries //bodyclose:handled. */
int directives_handled(const struct directives *d, uint32_t fn);

#endif
