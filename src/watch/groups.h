/*
 * groups.h - per-stack-group analysis of the goroutine profiles that
 * `plumber watch --pprof` samples.
 *
 * Each /debug/pprof/goroutine?debug=1 profile is parsed and grouped by
 * the dump reader of `plumber explain` (src/dump/: dump_parse() and
 * dump_analyze()). A group's key is the same for the same stack in any
 * profile, so each group is tracked over time: one count per profile (0
 * when the group is absent), judged with the trend statistics of trend.h.
 * When the goroutine count grows, goroutine_groups_refine() names the
 * leak from the group that grows (its dump signature: unclosed-body,
 * idle-conn-growth, stuck-write, hung-request, blocked-goroutines) and
 * says where to look.
 *
 * Where to look: the group's first frame of user code. The goroutines of
 * an HTTP client leak (readLoop, writeLoop) hold no user frame at all:
 * they were started by the transport. For those kinds the place is the
 * *request call site*: the user frame right below net/http's client
 * (Client.do, Transport.roundTrip) in the groups of requests caught in
 * flight by any profile. The sites are counted over the whole watch.
 *
 * Nothing here is thread safe; every string is owned by the struct.
 */
#ifndef PLUMBER_WATCH_GROUPS_H
#define PLUMBER_WATCH_GROUPS_H

#include "base/arena.h"
#include "base/common.h"
#include "base/strmap.h"
#include "watch/trend.h"

struct finding;
struct dump_signature;

/* Groups tracked at most; later new groups are counted in `untracked`. */
#define GROUPS_MAX 1024
/* Request call sites kept at most. */
#define GROUPS_MAX_SITES 256
/*
 * Growth thresholds of one group (trend.h): it must grow by at least
 * max(GROUP_MIN_ABS, GROUP_MIN_REL * median) over the judged window.
 */
#define GROUP_MIN_ABS 10
#define GROUP_MIN_REL 0.10
/*
 * With fewer than TREND_MIN_SAMPLES profiles a group cannot be judged on
 * its own; the group that rose most between the first and the last
 * profile is then blamed when it rose by at least GROUP_MIN_ABS and
 * accounts for at least GROUP_SHARE of the rise of all groups.
 */
#define GROUP_SHARE 0.5

/* One frame, owned by the groups' arena. */
struct group_frame {
	const char *func;
	const char *file; /* "" when unknown */
	int line;
};

struct tracked_group {
	const char *key;
	struct group_frame *frames;
	size_t nr_frames;
	size_t user_frame;        /* index of the first user frame; nr_frames: none */
	const char *state;        /* NULL when unknown */
	const char *created_by;   /* NULL in debug=1 profiles */
	/* at the last profile that held the group (companions resolved) */
	const struct dump_signature *diagnosis;
	unsigned *counts;         /* [profiles]: goroutines in each profile */
};

/* A user frame that called net/http's client, seen in flight. */
struct call_site {
	struct group_frame at;
	size_t seen;              /* goroutines seen there, summed over profiles */
	size_t profiles;          /* profiles that showed it */
};

struct goroutine_groups {
	long total;               /* "goroutine profile: total N" of the last; -1 unknown */
	size_t profiles, alloc_t;
	double *t;                /* [profiles]: when each profile was taken */
	struct tracked_group *groups;
	size_t nr, alloc;
	size_t untracked;         /* groups seen beyond GROUPS_MAX */
	struct call_site *sites;
	size_t nr_sites, alloc_sites;
	struct strmap index;      /* key -> group index + 1 */
	struct strmap site_index; /* "func\nfile:line" -> site index + 1 */
	struct arena arena;
};

void goroutine_groups_init(struct goroutine_groups *g);

/*
 * Add one goroutine?debug=1 profile taken at time t (seconds, ascending).
 * Returns 0, or -1 (and changes nothing) when the text is not a goroutine
 * profile.
 */
int goroutine_groups_add(struct goroutine_groups *g, double t, const char *profile, size_t len);

/* Free everything; g is initialised again. */
void goroutine_groups_release(struct goroutine_groups *g);

/* The verdict on one group. */
struct group_growth {
	const struct tracked_group *group;
	struct trend trend;       /* over the profiles; trend.growing when judged */
	int attributed;           /* too few profiles: blamed by its share of the rise */
	double rise;              /* last count - first count of the window */
	double share;             /* attributed: its part of the rise of all groups */
};

/*
 * The growing groups, fastest first (groups with a leak signature before
 * those without, and companions such as the writeLoop beside each
 * readLoop after their partners). Fills at most max entries of out and
 * returns how many. Pure.
 */
size_t goroutine_groups_growing(const struct goroutine_groups *g, struct group_growth *out,
				size_t max);

/*
 * The request call sites, most seen first: at most max pointers into g.
 * Returns how many.
 */
size_t goroutine_groups_sites(const struct goroutine_groups *g, const struct call_site **out,
			      size_t max);

/*
 * Refine the growing-goroutines finding that verdict.c built from /proc
 * evidence: from the fastest growing group, set f->kind and f->info when
 * the group has a signature, add the group to f->evidence, and fill
 * f->stack and f->where (the user frames to look at, xmalloc'ed).
 * Returns 1 when it did, 0 when no group grows (the finding stands).
 */
int goroutine_groups_refine(const struct goroutine_groups *g, struct finding *f);

#endif
