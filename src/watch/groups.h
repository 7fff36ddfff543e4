/*
 * groups.h - THE SEAM where per-stack-group analysis of the goroutine
 * profile plugs into `plumber watch`.
 *
 * Today watch only uses the total count of /debug/pprof/goroutine?debug=1
 * ("goroutine profile: total N"). src/dump/ (the parser behind `plumber
 * explain`) groups a profile into stack groups and names the leak each
 * shows; when it lands, these two functions are the only places to change:
 *
 *   goroutine_groups_analyze()  parse each sampled profile into groups
 *                               (dump_parse + grouping) and keep their
 *                               counts in struct goroutine_groups;
 *   goroutine_groups_refine()   given the growing-goroutines finding that
 *                               verdict.c built from /proc evidence, name
 *                               its kind from the group that grows
 *                               (unclosed-body, idle-conn-growth,
 *                               stuck-write, hung-request,
 *                               blocked-goroutines) and fill its stack.
 */
#ifndef PLUMBER_WATCH_GROUPS_H
#define PLUMBER_WATCH_GROUPS_H

#include "base/common.h"

struct finding;

struct goroutine_groups {
	long total;   /* "goroutine profile: total N"; -1 unknown */
	/* seam: the stack groups of the profile go here */
};

/*
 * Analyze one goroutine?debug=1 profile. Returns 0 and fills *out, or -1
 * when the text is not a goroutine profile. Today: only the total.
 */
int goroutine_groups_analyze(const char *profile, size_t len, struct goroutine_groups *out);

/* Release what goroutine_groups_analyze() allocated (nothing, today). */
void goroutine_groups_release(struct goroutine_groups *g);

/*
 * Refine a goroutine finding from the groups of the last profile: set
 * f->kind, f->info and f->stack (xmalloc'ed). Returns 1 when it did, 0
 * when it has nothing to say (today, always) and the /proc evidence
 * table of verdict.c stands.
 */
int goroutine_groups_refine(const struct goroutine_groups *g, struct finding *f);

#endif
