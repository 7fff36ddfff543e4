/* placeholder */
#include "watch/fleet.h"
void fleet_pprof_refine(struct fleet *fl, const struct fleet_pprof_options *o)
{
	UNUSED(fl);
	UNUSED(o);
}
