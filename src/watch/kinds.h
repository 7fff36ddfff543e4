/*
 * kinds.h - the runtime kinds of DESIGN.md ("Runtime kinds") and what is
 * known about each: the fix, the lint rules that find its cause, and
 * where in the target's code to look for it.
 *
 * This is the one table of kinds. The verdict (verdict.c), the stack
 * groups (groups.c), --source (source.c), the fleet (fleet*.c), the
 * metrics endpoint and the reports read it; it reads nothing of theirs,
 * so data flows one way: kinds -> groups -> verdict -> reports.
 *
 * Everything here is static and read only: thread safe.
 */
#ifndef PLUMBER_WATCH_KINDS_H
#define PLUMBER_WATCH_KINDS_H

#include "base/common.h"

struct kind_info {
	const char *kind;           /* "fd-growth" */
	const char *fix;            /* one sentence */
	const char *lint_rule;      /* the lint rule that finds its usual cause; "" none */
	/*
	 * The lint rules whose findings explain it, best first, NULL
	 * terminated: --source ranks the findings it ties by this order.
	 */
	const char *const *cause_rules;
	/* Named from a goroutine stack signature (src/dump), not from /proc. */
	int from_stacks;
	/*
	 * Its goroutines were started by net/http's client and hold no user
	 * frame: the place to look is where requests are made.
	 */
	int at_call_sites;
};

/* Every kind, in DESIGN.md's order. */
extern const struct kind_info kind_infos[];
extern const size_t kind_infos_nr;

/* The kind named `kind`; NULL when it is not one of DESIGN.md's kinds (or NULL). */
const struct kind_info *kind_info_find(const char *kind);

/*
 * The lint rules that find the cause of `kind`, best first; never NULL:
 * an empty list (its first entry NULL) for a kind without such rules or
 * not known.
 */
const char *const *kind_cause_rules(const char *kind);

#endif
