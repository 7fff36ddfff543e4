/*
 * groups.c - the seam for per-stack-group analysis; see groups.h.
 */
#include "watch/groups.h"
#include "watch/pprof.h"

int goroutine_groups_analyze(const char *profile, size_t len, struct goroutine_groups *out)
{
	out->total = pprof_goroutine_total_parse(profile, len);
	return out->total >= 0 ? 0 : -1;
}

void goroutine_groups_release(struct goroutine_groups *g)
{
	g->total = -1;
}

int goroutine_groups_refine(const struct goroutine_groups *g, struct finding *f)
{
	UNUSED(g);
	UNUSED(f);
	return 0;
}
