/*
 * pprof.h - the net/http/pprof endpoints `plumber watch --pprof URL` polls.
 *
 * Two parsers over buffers (tested on saved answers) and a small libcurl
 * client. Every request has a connect timeout and a total timeout, and an
 * answer is cut at a size limit, so a hung or hostile endpoint can slow a
 * sample down by the timeout at most and never stops the watch.
 *
 * Not thread safe: one struct pprof_client belongs to one thread.
 */
#ifndef PLUMBER_WATCH_PPROF_H
#define PLUMBER_WATCH_PPROF_H

#include "base/common.h"
#include "base/strbuf.h"

/*
 * Parse the first line of /debug/pprof/goroutine?debug=1,
 * "goroutine profile: total N". Returns N, or -1 when the buffer does not
 * start with that line (an HTML error page, a login form, garbage).
 */
long pprof_goroutine_total_parse(const char *buf, size_t len);

/*
 * Parse the /debug/pprof/ index page for the goroutine count (its row
 * "<tr><td>N</td><td><a href='goroutine?debug=1'>goroutine</a>" holds
 * runtime.NumGoroutine()). That page is far cheaper for the target than a
 * goroutine profile, which walks every stack: watch polls it every sample
 * and the profile at the rate of pprof_profile_every(). Returns N, or -1
 * when the page has no such row.
 */
long pprof_index_goroutines_parse(const char *buf, size_t len);

/*
 * How many samples apart to fetch the goroutine profile, from the last
 * goroutine count: every sample up to PPROF_PROFILE_CHEAP goroutines, then
 * one more sample apart per PPROF_PROFILE_CHEAP goroutines, at most
 * PPROF_PROFILE_MAX_EVERY. The profile costs the target time in proportion
 * to its goroutines (about 4 ms per 1,000 measured with Go 1.19).
 */
#define PPROF_PROFILE_CHEAP 2500
#define PPROF_PROFILE_MAX_EVERY 30
long pprof_profile_every(long goroutines);

/* The `# runtime.MemStats` figures watch uses, in bytes; -1 when absent. */
struct pprof_memstats {
	long long heap_inuse;
	long long heap_alloc;
	long long next_gc;    /* the heap goal: proportional to the heap live after the last GC */
};

/*
 * Parse the "# HeapInuse = N", "# HeapAlloc = N" and "# NextGC = N" lines that
 * /debug/pprof/heap?debug=1 appends after "# runtime.MemStats". Returns 0
 * when at least HeapInuse was found, -1 otherwise.
 */
int pprof_memstats_parse(const char *buf, size_t len, struct pprof_memstats *out);

struct pprof_client {
	char *base;             /* "http://127.0.0.1:6060", no trailing '/' */
	void *curl;             /* CURL *, reused so keep-alive works */
	long connect_timeout_ms;
	long timeout_ms;
	size_t max_bytes;
};

/*
 * Set up a client for `base_url` (copied). Timeouts default to 1 s to
 * connect and 2 s in total, answers to 64 MiB. Dies when libcurl cannot be
 * initialised.
 */
void pprof_client_init(struct pprof_client *c, const char *base_url);
void pprof_client_release(struct pprof_client *c);

/*
 * GET base + path (e.g. "/debug/pprof/goroutine?debug=1") into `out`
 * (reset first). Returns 0 on a 200 answer within the limits; otherwise -1,
 * and `why` (when not NULL) receives a short lowercase reason.
 */
int pprof_get(struct pprof_client *c, const char *path, struct strbuf *out,
	      struct strbuf *why);

#endif
