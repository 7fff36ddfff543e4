/*
 * test_watch.c - watch's parsers on saved /proc and pprof buffers, and its
 * trend statistics and verdict on synthetic series.
 */
#include "test.h"
#include "base/strbuf.h"
#include "watch/proc.h"
#include "watch/pprof.h"
#include "watch/trend.h"
#include "watch/watch.h"

#include <math.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIXTURES "tests/watch/proc/"

static void read_fixture(struct strbuf *sb, const char *name)
{
	strbuf_reset(sb);
	if (strbuf_read_file(sb, name, 0) < 0)
		die("cannot read %s; run the unit tests from the repository root", name);
}

TEST(watch_proc_stat_last_paren)
{
	static const char stat[] = "4242 (my (odd) prog) S 1 4242 4242 0 -1 4194560 100 0 0 0 "
				   "5 3 0 0 20 0 7 0 12345 1000000 250 18446744073709551615 1 1\n";
	static const char exiting[] = "4242 (p) R 1 4242 4242 0 -1 4194564 100 0 0 0 "
				      "5 3 0 0 20 0 7 0 12345 1000000 250 1\n";
	struct strbuf sb = STRBUF_INIT;
	struct proc_stat st;

	CHECK(proc_stat_parse(stat, strlen(stat), &st) == 0);
	CHECK_STR(st.comm, "my (odd) prog");
	CHECK(st.state == 'S');
	CHECK(st.num_threads == 7);
	CHECK(st.rss_pages == 250);
	CHECK(st.flags == 4194560UL && !(st.flags & PROC_PF_EXITING));
	/* The same process after exit began: PF_EXITING set, fds already gone. */
	CHECK(proc_stat_parse(exiting, strlen(exiting), &st) == 0);
	CHECK(st.flags & PROC_PF_EXITING);
	CHECK(proc_stat_parse("12 (x", 5, &st) == -1);
	CHECK(proc_stat_parse("12 (x) S 1 2", 12, &st) == -1);

	read_fixture(&sb, FIXTURES "stat");
	CHECK(proc_stat_parse(sb.buf, sb.len, &st) == 0);
	CHECK_STR(st.comm, "python3");
	CHECK(st.num_threads == 1);
	strbuf_release(&sb);
}

TEST(watch_proc_status_limits)
{
	static const char limits[] = "Limit                     Soft Limit           Hard Limit           Units     \n"
				     "Max open files            unlimited            unlimited            files     \n";
	struct strbuf sb = STRBUF_INIT;
	struct proc_status st;
	long long soft = 0;

	read_fixture(&sb, FIXTURES "status");
	CHECK(proc_status_parse(sb.buf, sb.len, &st) == 0);
	CHECK(st.threads == 1);
	CHECK(st.vm_rss_kb == 14480);
	CHECK(proc_status_parse("Name:\tx\n", 8, &st) == -1);

	read_fixture(&sb, FIXTURES "limits");
	CHECK(proc_limits_parse(sb.buf, sb.len, &soft) == 0);
	CHECK(soft == 20000);
	CHECK(proc_limits_parse(limits, strlen(limits), &soft) == 0);
	CHECK(soft == -1);
	CHECK(proc_limits_parse("Max cpu time 1 1\n", 17, &soft) == -1);
	strbuf_release(&sb);
}

TEST(watch_proc_fd_kinds)
{
	struct strbuf sb = STRBUF_INIT;
	long kinds[FD_KIND_NR] = { 0 };
	unsigned long inode;
	const char *p;

	CHECK(proc_fd_kind("socket:[26548]", &inode) == FD_SOCKET && inode == 26548);
	CHECK(proc_fd_kind("anon_inode:[eventpoll]", &inode) == FD_ANON && inode == 0);
	CHECK(proc_fd_kind("net:[4026531840]", NULL) == FD_OTHER);
	read_fixture(&sb, FIXTURES "fd_links");
	for (p = sb.buf; *p;) {
		char line[256];
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		kinds[proc_fd_kind(line, NULL)]++;
		p += n + (nl != NULL);
	}
	CHECK(kinds[FD_SOCKET] == 4);
	CHECK(kinds[FD_FILE] == 4);
	CHECK(kinds[FD_PIPE] == 2);
	CHECK(kinds[FD_ANON] == 0);
	strbuf_release(&sb);
}

TEST(watch_proc_net_tcp_join)
{
	/* The fixture process held a listener, two client sockets (one with
	 * 3000 unread bytes, one whose peer closed: CLOSE_WAIT) and the accepted
	 * end of the first; the accepted end of the second is FIN_WAIT2 and
	 * belongs to nobody (inode 0). */
	static const unsigned long inodes[] = { 26548, 26549, 26550, 26551 };
	struct strbuf sb = STRBUF_INIT;
	struct tcp_entry *entries = NULL;
	size_t nr = 0, alloc = 0;
	struct proc_sample s;

	read_fixture(&sb, FIXTURES "net_tcp");
	CHECK(proc_net_tcp_parse(sb.buf, sb.len, &entries, &nr, &alloc) == 6);
	read_fixture(&sb, FIXTURES "net_tcp6");
	CHECK(proc_net_tcp_parse(sb.buf, sb.len, &entries, &nr, &alloc) == 0);
	CHECK(entries[3].rx_queue == 3000 && entries[3].state == TCP_ST_ESTABLISHED);
	memset(&s, 0, sizeof(s));
	proc_join_sockets(inodes, ARRAY_SIZE(inodes), entries, nr, &s);
	CHECK(s.tcp[TCP_ST_LISTEN] == 1);
	CHECK(s.tcp[TCP_ST_ESTABLISHED] == 2);
	CHECK(s.tcp[TCP_ST_CLOSE_WAIT] == 1);
	CHECK(s.tcp[TCP_ST_FIN_WAIT2] == 0);
	CHECK(s.rx_queue == 3001);
	CHECK(s.tx_queue == 0);
	CHECK_STR(tcp_state_names[TCP_ST_CLOSE_WAIT], "CLOSE_WAIT");
	free(entries);
	strbuf_release(&sb);
}

static int cmp_entry_inode(const void *a, const void *b)
{
	const struct tcp_entry *x = a, *y = b;
	return x->inode < y->inode ? -1 : x->inode > y->inode;
}

/* Our own sockets' entries (by the inodes of fds), sorted by inode. */
static size_t own_entries(const struct tcp_entry *all, size_t n, const unsigned long *inodes,
			  size_t ni, struct tcp_entry *out)
{
	size_t i, k, m = 0;
	for (i = 0; i < n; i++)
		for (k = 0; k < ni; k++)
			if (all[i].inode == inodes[k])
				out[m++] = all[i];
	qsort(out, m, sizeof(*out), cmp_entry_inode);
	return m;
}

TEST(watch_tcp_netlink_equals_proc)
{
	int ln = socket(AF_INET, SOCK_STREAM, 0), c = socket(AF_INET, SOCK_STREAM, 0), a = -1;
	int ln6 = socket(AF_INET6, SOCK_STREAM, 0);
	struct sockaddr_in sa;
	struct sockaddr_in6 sa6;
	socklen_t len = sizeof(sa);
	unsigned long inodes[4];
	struct tcp_entry *e1 = NULL, *e2 = NULL, o1[8], o2[8];
	size_t n1 = 0, a1 = 0, n2 = 0, a2 = 0, m1, m2, i;
	int fds[4], k;
	char unread[100];
	struct stat st;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(ln >= 0 && c >= 0 && ln6 >= 0);
	CHECK(bind(ln, (struct sockaddr *)&sa, sizeof(sa)) == 0 && listen(ln, 8) == 0);
	CHECK(getsockname(ln, (struct sockaddr *)&sa, &len) == 0);
	CHECK(connect(c, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	a = accept(ln, NULL, NULL);
	CHECK(a >= 0);
	memset(&sa6, 0, sizeof(sa6));
	sa6.sin6_family = AF_INET6;
	sa6.sin6_addr = in6addr_loopback;
	if (bind(ln6, (struct sockaddr *)&sa6, sizeof(sa6)) == 0)
		listen(ln6, 4); /* no IPv6 here: the row is missing from both */
	/* 100 bytes the accepting side does not read: its rx_queue */
	memset(unread, 'x', sizeof(unread));
	CHECK(write(c, unread, sizeof(unread)) == (ssize_t)sizeof(unread));
	usleep(20000);
	fds[0] = ln, fds[1] = c, fds[2] = a, fds[3] = ln6;
	for (k = 0; k < 4; k++) {
		CHECK(fstat(fds[k], &st) == 0);
		inodes[k] = (unsigned long)st.st_ino;
	}
	/*
	 * Netlink answers on any Linux with inet_diag (loaded on demand);
	 * where a sandbox refuses it, the answer must come from /proc.
	 */
	if (proc_tcp_entries(getpid(), 1, &e1, &n1, &a1) != 1)
		fprintf(stderr, "note: no netlink socket diagnostics here: /proc against /proc\n");
	CHECK(proc_tcp_entries(getpid(), 0, &e2, &n2, &a2) == 0);
	m1 = own_entries(e1, n1, inodes, 4, o1);
	m2 = own_entries(e2, n2, inodes, 4, o2);
	CHECK(m1 >= 3 && m1 == m2);
	for (i = 0; i < m1 && i < m2; i++) {
		CHECK(o1[i].inode == o2[i].inode);
		CHECK(o1[i].state == o2[i].state);
		CHECK(o1[i].rx_queue == o2[i].rx_queue);
		CHECK(o1[i].tx_queue == o2[i].tx_queue);
	}
	/* the accepted side holds the 100 unread bytes, in both */
	for (i = 0; i < m1; i++)
		if (o1[i].inode == inodes[2])
			CHECK(o1[i].rx_queue == 100 && o1[i].state == TCP_ST_ESTABLISHED);
	for (i = 0; i < m1; i++)
		if (o1[i].inode == inodes[0])
			CHECK(o1[i].state == TCP_ST_LISTEN);
	free(e1);
	free(e2);
	close(a);
	close(c);
	close(ln);
	close(ln6);
}

TEST(watch_pprof_parsers)
{
	static const char gr[] = "goroutine profile: total 1234\n"
				 "600 @ 0x43a0f6 0x44a1b2\n#\t0x6b8f84\tnet/http.(*persistConn).readLoop+0xd84\n";
	static const char heap[] = "heap profile: 3: 1024 [9: 4096] @ heap/1048576\n"
				   "1: 512 [1: 512] @ 0x1 0x2\n\n"
				   "# runtime.MemStats\n# Alloc = 99\n# HeapAlloc = 2123456\n"
				   "# HeapSys = 7000000\n# HeapInuse = 3145728\n# NumGC = 3\n";
	struct pprof_memstats ms;

	CHECK(pprof_goroutine_total_parse(gr, strlen(gr)) == 1234);
	CHECK(pprof_goroutine_total_parse("<html>nope</html>", 17) == -1);
	CHECK(pprof_goroutine_total_parse("goroutine profile: total x\n", 27) == -1);
	CHECK(pprof_goroutine_total_parse("goroutine profile: total 12", 27) == 12);
	CHECK(pprof_memstats_parse(heap, strlen(heap), &ms) == 0);
	CHECK(ms.heap_inuse == 3145728);
	CHECK(ms.heap_alloc == 2123456);
	/* HeapInuse outside the MemStats block does not count. */
	CHECK(pprof_memstats_parse("# HeapInuse = 5\n", 16, &ms) == -1);
	CHECK(pprof_memstats_parse("garbage", 7, &ms) == -1);
}

TEST(watch_pprof_saved_answers)
{
	/* Saved from tests/watch/leaker -mode healthy (Go 1.19). */
	struct strbuf sb = STRBUF_INIT;
	struct pprof_memstats ms;

	read_fixture(&sb, "tests/watch/pprof/index.html");
	CHECK(pprof_index_goroutines_parse(sb.buf, sb.len) == 8);
	CHECK(pprof_goroutine_total_parse(sb.buf, sb.len) == -1);
	read_fixture(&sb, "tests/watch/pprof/goroutine-debug1.txt");
	CHECK(pprof_goroutine_total_parse(sb.buf, sb.len) == 8);
	CHECK(pprof_index_goroutines_parse(sb.buf, sb.len) == -1);
	read_fixture(&sb, "tests/watch/pprof/heap-debug1.txt");
	CHECK(pprof_memstats_parse(sb.buf, sb.len, &ms) == 0);
	CHECK(ms.heap_inuse == 2220032);
	CHECK(ms.heap_alloc == 1499008);
	CHECK(ms.next_gc == 4194304);
	CHECK(pprof_index_goroutines_parse("<td></td><td><a href='goroutine?debug=1'>", 41) == -1);
	strbuf_release(&sb);
}

/* A deterministic noise in [-1, 1]. */
static double noise(size_t i)
{
	unsigned x = (unsigned)i * 2654435761u;
	x ^= x >> 13;
	return (double)(x % 2001) / 1000.0 - 1.0;
}

TEST(watch_trend_statistics)
{
	double t[40], v[40], z, s;
	size_t i;

	for (i = 0; i < 40; i++) {
		t[i] = (double)i;
		v[i] = 3.0 * i + 5;
	}
	v[7] = 1000; /* one spike does not move Theil-Sen */
	CHECK(fabs(theil_sen_slope(t, v, 40) - 3.0) < 0.01);
	z = mann_kendall_z(v, 40, &s);
	CHECK(z > 5);
	CHECK(s > 600);
	for (i = 0; i < 40; i++)
		v[i] = 7;
	CHECK(mann_kendall_z(v, 40, NULL) == 0);
	CHECK(theil_sen_slope(t, v, 40) == 0);
	for (i = 0; i < 40; i++)
		v[i] = 40.0 - i;
	CHECK(mann_kendall_z(v, 40, NULL) < -5);
}

/* Run verdict_compute over one synthetic fds series. */
static void judge_fds(const double *values, size_t n, struct verdict *v)
{
	struct watch_data d = WATCH_DATA_INIT;
	size_t i, j;

	d.nofile_soft = 1024;
	for (i = 0; i < n; i++) {
		double row[SERIES_NR];
		for (j = 0; j < SERIES_NR; j++)
			row[j] = NAN;
		row[SERIES_FDS] = values[i];
		row[SERIES_THREADS] = 8;
		watch_data_add(&d, (double)i, row);
	}
	verdict_compute(&d, v);
	watch_data_release(&d);
}

TEST(watch_verdict_synthetic)
{
	double v[120];
	struct verdict vd;
	size_t i;

	/* Steady growth, 1 fd/s with noise: a leak, with a projection. */
	for (i = 0; i < 60; i++)
		v[i] = 20 + (double)i + 2 * noise(i);
	judge_fds(v, 60, &vd);
	CHECK_STR(vd.verdict, "leak");
	CHECK(vd.nr == 1);
	if (vd.nr == 1) {
		CHECK_STR(vd.findings[0].kind, "fd-growth");
		CHECK(fabs(vd.findings[0].slope_per_min - 60) < 6);
		/* (1024 - ~79) / 60 per minute: about 16 minutes */
		CHECK(vd.findings[0].minutes_to_limit > 14 && vd.findings[0].minutes_to_limit < 18);
		CHECK(strstr(vd.findings[0].evidence, "too many open files in about 16 minutes") != NULL);
		CHECK_STR(vd.findings[0].severity, "error");
	}
	verdict_release(&vd);

	/* A pool that warms up to 40 and stays flat (with noise): ok. */
	for (i = 0; i < 120; i++)
		v[i] = (i < 30 ? 4 + 36.0 * i / 30 : 40) + noise(i);
	judge_fds(v, 120, &vd);
	CHECK_STR(vd.verdict, "ok");
	CHECK(vd.nr == 0);
	verdict_release(&vd);

	/* A saw-tooth (a GC cycle, a pool that is trimmed): ok. */
	for (i = 0; i < 120; i++)
		v[i] = 30 + (double)(i % 15) * 4;
	judge_fds(v, 120, &vd);
	CHECK_STR(vd.verdict, "ok");
	verdict_release(&vd);

	/* A saw-tooth whose troughs rise: a leak. */
	for (i = 0; i < 120; i++)
		v[i] = 30 + (double)(i % 15) * 4 + (double)i;
	judge_fds(v, 120, &vd);
	CHECK_STR(vd.verdict, "leak");
	verdict_release(&vd);

	/* Growth too small to matter (+3 over the window on 200): ok. */
	for (i = 0; i < 60; i++)
		v[i] = 200 + (double)i / 10;
	judge_fds(v, 60, &vd);
	CHECK_STR(vd.verdict, "ok");
	verdict_release(&vd);

	/* Too few samples, however steep: inconclusive. */
	for (i = 0; i < 8; i++)
		v[i] = 10.0 * i;
	judge_fds(v, 8, &vd);
	CHECK_STR(vd.verdict, "inconclusive");
	CHECK(vd.nr == 0);
	verdict_release(&vd);
}

/* Goroutines grow together with `with` (SERIES_NR: alone); return the kind. */
static const char *goroutine_kind(enum series_id with, enum series_id with2)
{
	static char kind[64];
	struct watch_data d = WATCH_DATA_INIT;
	struct verdict vd;
	size_t i, j;

	for (i = 0; i < 40; i++) {
		double row[SERIES_NR];
		for (j = 0; j < SERIES_NR; j++)
			row[j] = 10;
		row[SERIES_GOROUTINES] = 20 + 5.0 * i;
		if (with != SERIES_NR)
			row[with] = 10 + 3.0 * i;
		if (with2 != SERIES_NR)
			row[with2] = 100000 + 50000.0 * i;
		watch_data_add(&d, (double)i, row);
	}
	verdict_compute(&d, &vd);
	kind[0] = '\0';
	for (i = 0; i < vd.nr; i++)
		if (vd.findings[i].metric == SERIES_GOROUTINES)
			snprintf(kind, sizeof(kind), "%s", vd.findings[i].kind);
	verdict_release(&vd);
	watch_data_release(&d);
	return kind;
}

TEST(watch_verdict_goroutine_kinds)
{
	CHECK_STR(goroutine_kind(SERIES_NR, SERIES_NR), "blocked-goroutines");
	CHECK_STR(goroutine_kind(SERIES_TCP_ESTABLISHED, SERIES_NR), "idle-conn-growth");
	CHECK_STR(goroutine_kind(SERIES_TCP_ESTABLISHED, SERIES_RX_QUEUE), "unclosed-body");
	CHECK_STR(goroutine_kind(SERIES_TCP_CLOSE_WAIT, SERIES_NR), "unclosed-body");
	CHECK_STR(goroutine_kind(SERIES_TCP_ESTABLISHED, SERIES_TX_QUEUE), "stuck-write");
}

/* ------------------------------------------------------------------ */
/* Stack groups over time (groups.c)                                    */

#include "watch/groups.h"
#include "watch/source.h"

/*
 * A debug=1 profile: `leaked` readLoop/writeLoop pairs of unclosed bodies,
 * `in_flight` requests made at /build/svc/client/fetch.go:42, and 5
 * goroutines parked in the user's worker (flat).
 */
static void synthetic_profile(struct strbuf *sb, unsigned leaked, unsigned in_flight)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "goroutine profile: total %u\n", 2 * leaked + in_flight + 5);
	if (leaked) {
		strbuf_addf(sb, "%u @ 0x43b256 0x44b8e5 0x6a0d84 0x46b1c1\n"
			    "#\t0x6a0d83\tnet/http.(*persistConn).readLoop+0xd83\t/usr/lib/go-1.19/src/net/http/transport.go:2213\n\n",
			    leaked);
		strbuf_addf(sb, "%u @ 0x43b256 0x44b8e5 0x6a1f35 0x46b1c1\n"
			    "#\t0x6a1f34\tnet/http.(*persistConn).writeLoop+0xf4\t/usr/lib/go-1.19/src/net/http/transport.go:2392\n\n",
			    leaked);
	}
	if (in_flight)
		strbuf_addf(sb, "%u @ 0x43b256 0x44b8e5 0x6a2f7a 0x6a0aa1 0x69c1b2 0x69d8a5 0x69e0b2 0x7010aa 0x7020bb 0x46b1c1\n"
			    "#\t0x6a2f79\tnet/http.(*persistConn).roundTrip+0x979\t/usr/lib/go-1.19/src/net/http/transport.go:2620\n"
			    "#\t0x6a0aa0\tnet/http.(*Transport).roundTrip+0x7a0\t/usr/lib/go-1.19/src/net/http/transport.go:594\n"
			    "#\t0x69c1b1\tnet/http.send+0x451\t/usr/lib/go-1.19/src/net/http/client.go:252\n"
			    "#\t0x69d8a4\tnet/http.(*Client).do+0x604\t/usr/lib/go-1.19/src/net/http/client.go:725\n"
			    "#\t0x69e0b1\tnet/http.Get+0x51\t/usr/lib/go-1.19/src/net/http/client.go:457\n"
			    "#\t0x7010a9\texample.com/svc/client.fetchStatus+0x49\t/build/svc/client/fetch.go:42\n"
			    "#\t0x7020ba\tmain.main+0x5a\t/build/svc/main.go:10\n\n",
			    in_flight);
	strbuf_addstr(sb, "5 @ 0x43b256 0x407e5b 0x7030cc 0x46b1c1\n"
		      "#\t0x7030cb\texample.com/svc/worker.(*Pool).run+0x8b\t/build/svc/worker/pool.go:77\n\n");
}

static struct finding goroutine_finding(void)
{
	struct finding f;
	memset(&f, 0, sizeof(f));
	f.kind = "idle-conn-growth"; /* the /proc guess, to be refined */
	f.info = kind_info_find(f.kind);
	f.metric = SERIES_GOROUTINES;
	f.evidence = xstrdup("goroutines grew");
	f.minutes_to_limit = -1;
	return f;
}

TEST(watch_groups_track_growth)
{
	struct goroutine_groups g;
	struct group_growth top[4];
	struct strbuf sb = STRBUF_INIT;
	struct finding f;
	size_t i, n;

	goroutine_groups_init(&g);
	CHECK(goroutine_groups_add(&g, 0, "<html>no</html>", 15) == -1);
	CHECK(g.profiles == 0);
	/* 20 profiles, 12 more leaked pairs each; a request in flight in every other */
	for (i = 0; i < 20; i++) {
		synthetic_profile(&sb, (unsigned)(12 * i), i % 2);
		CHECK(goroutine_groups_add(&g, (double)i, sb.buf, sb.len) == 0);
	}
	CHECK(g.profiles == 20);
	CHECK(g.total == 2 * 12 * 19 + 1 + 5);
	CHECK(g.nr == 4); /* readLoop, writeLoop, the request, the worker: keys are stable */
	n = goroutine_groups_growing(&g, top, ARRAY_SIZE(top));
	CHECK(n == 2);
	if (n == 2) {
		/* readLoop first: the writeLoop is its companion */
		CHECK_STR(top[0].group->frames[0].func, "net/http.(*persistConn).readLoop");
		CHECK(top[0].group->user_frame == top[0].group->nr_frames);
		CHECK(fabs(top[0].trend.slope - 12) < 0.01);
		CHECK(!top[0].attributed);
		CHECK_STR(top[1].group->frames[0].func, "net/http.(*persistConn).writeLoop");
	}
	n = goroutine_groups_sites(&g, NULL, 0);
	CHECK(n == 0);
	{
		const struct call_site *sites[2];
		n = goroutine_groups_sites(&g, sites, 2);
		CHECK(n == 1);
		if (n == 1) {
			CHECK_STR(sites[0]->at.func, "example.com/svc/client.fetchStatus");
			CHECK_STR(sites[0]->at.file, "/build/svc/client/fetch.go");
			CHECK(sites[0]->at.line == 42);
			CHECK(sites[0]->profiles == 10);
		}
	}

	f = goroutine_finding();
	CHECK(goroutine_groups_refine(&g, &f) == 1);
	CHECK_STR(f.kind, "unclosed-body"); /* the group's signature beats the /proc guess */
	CHECK(f.info && !strcmp(f.info->lint_rule, "body-not-closed"));
	CHECK(f.nr_where == 1);
	if (f.nr_where == 1) {
		CHECK_STR(f.where[0].how, "request call site");
		CHECK_STR(f.where[0].file, "/build/svc/client/fetch.go");
		CHECK(f.where[0].line == 42);
	}
	CHECK(f.stack && starts_with(f.stack, "requests made at: example.com/svc/client.fetchStatus at /build/svc/client/fetch.go:42"));
	CHECK(f.stack && strstr(f.stack, "net/http.(*persistConn).readLoop\n\t/usr/lib/go-1.19/src/net/http/transport.go:2213"));
	CHECK(strstr(f.evidence, "goroutines grew; the stack group in net/http.(*persistConn).readLoop grew from 0 to 228") != NULL);
	CHECK(strstr(f.evidence, "requests are made at /build/svc/client/fetch.go:42") != NULL);
	finding_release(&f);
	goroutine_groups_release(&g);

	/* Flat groups: nothing grows, the finding stands. */
	goroutine_groups_init(&g);
	for (i = 0; i < 20; i++) {
		synthetic_profile(&sb, 40 + (unsigned)(i % 3), 1);
		goroutine_groups_add(&g, (double)i, sb.buf, sb.len);
	}
	CHECK(goroutine_groups_growing(&g, top, ARRAY_SIZE(top)) == 0);
	f = goroutine_finding();
	CHECK(goroutine_groups_refine(&g, &f) == 0);
	CHECK_STR(f.kind, "idle-conn-growth");
	CHECK(f.stack == NULL && f.nr_where == 0);
	finding_release(&f);
	goroutine_groups_release(&g);

	/* Too few profiles to judge: the group carrying the rise is blamed. */
	goroutine_groups_init(&g);
	for (i = 0; i < 4; i++) {
		synthetic_profile(&sb, (unsigned)(100 * i), 0);
		goroutine_groups_add(&g, 10.0 * (double)i, sb.buf, sb.len);
	}
	n = goroutine_groups_growing(&g, top, 1);
	CHECK(n == 1);
	if (n == 1) {
		CHECK(top[0].attributed);
		CHECK_STR(top[0].group->frames[0].func, "net/http.(*persistConn).readLoop");
		CHECK(top[0].share > 0.49 && top[0].share < 0.51); /* the writeLoop has the other half */
	}
	goroutine_groups_release(&g);
	strbuf_release(&sb);
}

TEST(watch_groups_user_frame)
{
	/* A handler stuck in a write: the user frame is on the stack itself. */
	static const char stuck[] =
		"goroutine profile: total %u\n"
		"%u @ 0x1 0x2 0x3 0x4 0x5 0x6\n"
		"#\t0x1\tinternal/poll.runtime_pollWait+0x88\t/usr/lib/go-1.19/src/runtime/netpoll.go:305\n"
		"#\t0x2\tinternal/poll.(*pollDesc).waitWrite+0x2a\t/usr/lib/go-1.19/src/internal/poll/fd_poll_runtime.go:93\n"
		"#\t0x3\tinternal/poll.(*FD).Write+0x1d0\t/usr/lib/go-1.19/src/internal/poll/fd_unix.go:391\n"
		"#\t0x4\tnet/http.(*response).Write+0x28\t/usr/lib/go-1.19/src/net/http/server.go:1598\n"
		"#\t0x5\tmain.serveReport+0x6f\t/srv/app/report.go:40\n"
		"#\t0x6\tnet/http.(*conn).serve+0x606\t/usr/lib/go-1.19/src/net/http/server.go:1991\n\n";
	struct goroutine_groups g;
	struct strbuf sb = STRBUF_INIT;
	struct finding f;
	size_t i;

	goroutine_groups_init(&g);
	for (i = 0; i < 12; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, stuck, (unsigned)(5 * i + 1), (unsigned)(5 * i + 1));
		CHECK(goroutine_groups_add(&g, (double)i, sb.buf, sb.len) == 0);
	}
	f = goroutine_finding();
	f.kind = "blocked-goroutines";
	CHECK(goroutine_groups_refine(&g, &f) == 1);
	CHECK_STR(f.kind, "stuck-write");
	CHECK(f.nr_where == 1);
	if (f.nr_where == 1) {
		CHECK_STR(f.where[0].how, "stack");
		CHECK_STR(f.where[0].func, "main.serveReport");
		CHECK(f.where[0].line == 40);
	}
	CHECK(f.stack && starts_with(f.stack, "user frame: main.serveReport at /srv/app/report.go:40\n"));
	CHECK(strstr(f.evidence, "look at /srv/app/report.go:40 (main.serveReport)") != NULL);
	finding_release(&f);
	goroutine_groups_release(&g);
	strbuf_release(&sb);
}

/* ------------------------------------------------------------------ */
/* Joining places to lint findings (source.c)                           */

/*
 * The lint findings below are those of tests/unit/test_lint.c's fetch_go
 * (functions at lines 5, 8-20, 22 without a body, 24-26); that test checks
 * that lint reports those function ranges.
 */
static struct finding place_finding(const char *kind, const char *file, int line)
{
	struct finding f;
	memset(&f, 0, sizeof(f));
	f.kind = kind;
	f.where = xcalloc(1, sizeof(*f.where));
	f.where[0].func = xstrdup("example.com/svc/client.fetchStatus");
	f.where[0].file = xstrdup(file);
	f.where[0].line = line;
	f.where[0].how = "request call site";
	f.nr_where = 1;
	return f;
}

TEST(watch_source_join)
{
	struct source_index idx;
	struct finding f;
	size_t fetch, other;

	source_index_init(&idx);
	fetch = source_index_add_file(&idx, "svc/client/fetch.go");
	other = source_index_add_file(&idx, "./other/fetch.go");
	source_index_add_lint(&idx, fetch, 9, 8, 20, "transport-per-call", "a transport per call");
	source_index_add_lint(&idx, fetch, 10, 8, 20, "body-not-closed", "resp.Body is never closed");
	source_index_add_lint(&idx, fetch, 18, 8, 20, "defer-in-loop", "same function, 8 lines away");
	source_index_add_lint(&idx, fetch, 25, 24, 26, "defer-in-loop", "another function, 15 lines away");
	source_index_add_lint(&idx, other, 10, 8, 12, "body-not-closed", "the other package's file");

	/* files: the longest path suffix wins, a tie is ambiguous */
	CHECK(source_match_file(&idx, "/build/svc/client/fetch.go") == fetch);
	CHECK(source_match_file(&idx, "/home/ci/src/other/fetch.go") == other);
	CHECK(source_match_file(&idx, "/elsewhere/fetch.go") == SIZE_MAX);
	CHECK(source_match_file(&idx, "/build/svc/client/main.go") == SIZE_MAX);
	CHECK(source_match_file(&idx, "") == SIZE_MAX);

	/* unclosed-body: body-not-closed first, then the other rules of the function */
	f = place_finding("unclosed-body", "/build/svc/client/fetch.go", 10);
	source_join(&idx, &f);
	CHECK(f.nr_source == 3);
	if (f.nr_source == 3) {
		CHECK_STR(f.source[0].rule, "body-not-closed");
		CHECK_STR(f.source[0].file, "svc/client/fetch.go");
		CHECK(f.source[0].line == 10 && f.source[0].distance == 0);
		CHECK_STR(f.source[1].rule, "defer-in-loop"); /* ranked for unclosed-body */
		CHECK(f.source[1].line == 18);
		CHECK_STR(f.source[2].rule, "transport-per-call");
	}
	/* the same place seen as idle-conn-growth: transport-per-call first */
	f.kind = "idle-conn-growth";
	source_join(&idx, &f);
	CHECK(f.nr_source == 3 && !strcmp(f.source[0].rule, "transport-per-call") &&
	      !strcmp(f.source[1].rule, "body-not-closed"));
	finding_release(&f);

	/* a function without a body: only the lines nearby count, nearest first */
	f = place_finding("fd-growth", "/build/svc/client/fetch.go", 22);
	source_join(&idx, &f);
	CHECK(f.nr_source == 2 && f.source[0].line == 25 && f.source[0].distance == 3 &&
	      f.source[1].line == 18 && f.source[1].distance == 4);
	finding_release(&f);
	/* outside any function and far from every finding: nothing */
	f = place_finding("fd-growth", "/build/svc/client/fetch.go", 2);
	source_join(&idx, &f);
	CHECK(f.nr_source == 0);
	finding_release(&f);

	/* a file lint never saw, or an ambiguous one: nothing is tied */
	f = place_finding("unclosed-body", "/build/fetch.go", 10);
	source_join(&idx, &f);
	CHECK(f.nr_source == 0 && f.source == NULL);
	finding_release(&f);

	CHECK_STR(kind_cause_rules("stuck-write")[0], "buffered-file-response");
	CHECK(kind_cause_rules("no-such-kind")[0] == NULL);
	source_index_release(&idx);
}

TEST(watch_proc_fd_cache)
{
	struct proc_fd_cache c = PROC_FD_CACHE_INIT;

	CHECK(proc_fd_cache_stale(&c, 5000));        /* empty */
	c.valid = 1;
	c.fds = 10000;
	CHECK(!proc_fd_cache_stale(&c, 10000));
	CHECK(!proc_fd_cache_stale(&c, 10000 + 10000 / 64));
	CHECK(proc_fd_cache_stale(&c, 10000 + 10000 / 64 + 1)); /* moved too far */
	CHECK(proc_fd_cache_stale(&c, 9000));
	CHECK(proc_fd_cache_stale(&c, 500));          /* small: always read */
	c.age = PROC_CLASSIFY_EVERY - 1;
	CHECK(proc_fd_cache_stale(&c, 10000));        /* too old */
	c.age = 0;
	c.fds = 1000;
	CHECK(!proc_fd_cache_stale(&c, 1000 + PROC_CLASSIFY_MOVE));
	CHECK(proc_fd_cache_stale(&c, 1000 + PROC_CLASSIFY_MOVE + 1));
	proc_fd_cache_release(&c);
}

/* ------------------------------------------------------------------ */
/* watch --prometheus: the API's answers, the query text, the fleet     */

#include "watch/fleet.h"
#include "watch/prom.h"

#define ANSWERS "tests/watch/fleet/answers/"

static enum prom_parse_status parse_answer(const char *name, struct prom_result *r,
					   struct strbuf *why)
{
	struct strbuf sb = STRBUF_INIT;
	enum prom_parse_status st;

	read_fixture(&sb, name);
	strbuf_reset(why);
	st = prom_result_parse(sb.buf, sb.len, r, why);
	strbuf_release(&sb);
	return st;
}

TEST(watch_prom_saved_answers)
{
	struct prom_result r = PROM_RESULT_INIT;
	struct strbuf why = STRBUF_INIT;

	/* answers of Prometheus 2.42 */
	CHECK(parse_answer(ANSWERS "query_range.json", &r, &why) == PROM_PARSE_OK);
	CHECK(r.type == PROM_MATRIX && r.nr == 2);
	CHECK_STR(r.series[0].name, "go_goroutines");
	CHECK(r.series[0].nr_labels == 4); /* __name__ apart, sorted */
	CHECK_STR(r.series[0].labels[0].name, "instance");
	CHECK_STR(r.series[0].labels[3].name, "pod");
	CHECK_STR(prom_series_label(&r.series[0], "pod"), "api-0-body");
	CHECK(prom_series_label(&r.series[0], "__name__") == NULL);
	CHECK(r.series[0].n == 11 && r.series[0].t[0] == 1796178600 && r.series[0].v[0] == 734);
	prom_result_release(&r);

	CHECK(parse_answer(ANSWERS "series.json", &r, &why) == PROM_PARSE_OK);
	CHECK(r.type == PROM_SERIES && r.nr == 3 && r.series[2].n == 0);
	CHECK_STR(prom_series_label(&r.series[1], "pod"), "api-1-oom");
	prom_result_release(&r);

	CHECK(parse_answer(ANSWERS "vector.json", &r, &why) == PROM_PARSE_OK);
	CHECK(r.type == PROM_VECTOR && r.nr == 2 && r.series[0].n == 1 && r.series[0].v[0] == 1024);
	prom_result_release(&r);

	CHECK(parse_answer(ANSWERS "scalar.json", &r, &why) == PROM_PARSE_OK);
	CHECK(r.type == PROM_SCALAR && r.nr == 1 && r.series[0].v[0] == 1);
	prom_result_release(&r);

	CHECK(parse_answer(ANSWERS "raw_samples.json", &r, &why) == PROM_PARSE_OK);
	CHECK(r.nr == 1 && r.series[0].n == 6 && r.series[0].t[1] - r.series[0].t[0] == 30);
	prom_result_release(&r);

	CHECK(parse_answer(ANSWERS "empty.json", &r, &why) == PROM_PARSE_OK);
	CHECK(r.type == PROM_MATRIX && r.nr == 0);
	prom_result_release(&r);

	/* the server's errors: the reason is the server's, on one line */
	CHECK(parse_answer(ANSWERS "error.json", &r, &why) == PROM_PARSE_ERROR);
	CHECK(starts_with(why.buf, "the server said bad_data: invalid parameter \"query\": 1:15: parse error"));
	CHECK(!strchr(why.buf, '\n') && r.nr == 0 && r.series == NULL);
	CHECK(parse_answer(ANSWERS "missing_param.json", &r, &why) == PROM_PARSE_ERROR);
	CHECK(strstr(why.buf, "cannot parse") != NULL);

	/* NaN and infinities are missing values; warnings are kept */
	CHECK(parse_answer(ANSWERS "nan.json", &r, &why) == PROM_PARSE_OK);
	CHECK(r.nr == 1 && r.series[0].n == 6);
	CHECK(r.series[0].v[0] == 1 && isnan(r.series[0].v[1]) && isnan(r.series[0].v[2]) &&
	      isnan(r.series[0].v[3]) && r.series[0].v[4] == 50 && r.series[0].v[5] == 0);
	CHECK(r.nr_warnings == 1 && !strcmp(r.warnings[0], "the query hit a partial answer"));
	prom_result_release(&r);

	/* not the API */
	CHECK(parse_answer(ANSWERS "garbage.txt", &r, &why) == PROM_PARSE_NOT_API);
	CHECK_STR(why.buf, "the answer is not JSON");
	CHECK(parse_answer(ANSWERS "login.html", &r, &why) == PROM_PARSE_NOT_API);
	CHECK(parse_answer(ANSWERS "truncated.json", &r, &why) == PROM_PARSE_NOT_API);
	CHECK(parse_answer(ANSWERS "notapi.json", &r, &why) == PROM_PARSE_NOT_API);
	CHECK_STR(why.buf, "the answer has no \"status\"");
	CHECK(parse_answer(ANSWERS "bad_value.json", &r, &why) == PROM_PARSE_NOT_API);
	CHECK(strstr(why.buf, "12abc") != NULL);
	CHECK(parse_answer(ANSWERS "unordered.json", &r, &why) == PROM_PARSE_NOT_API);
	CHECK(parse_answer(ANSWERS "string_result.json", &r, &why) == PROM_PARSE_NOT_API);
	CHECK(r.nr == 0 && r.series == NULL);
	strbuf_reset(&why);
	CHECK(prom_result_parse("", 0, &r, &why) == PROM_PARSE_NOT_API);
	CHECK_STR(why.buf, "the answer is empty");
	strbuf_reset(&why);
	CHECK(prom_result_parse("{\"status\":\"success\"", 19, &r, &why) == PROM_PARSE_NOT_API);
	strbuf_release(&why);
}

/* A query_range answer of n series of `points` samples from t0 every step, value f(series, i). */
static void matrix_answer(struct strbuf *sb, const char *metric, size_t n, size_t points, double t0,
			  double step, double (*f)(size_t s, size_t i))
{
	size_t s, i;
	strbuf_addstr(sb, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
	for (s = 0; s < n; s++) {
		strbuf_addf(sb, "%s{\"metric\":{\"__name__\":\"%s\",\"job\":\"t\",\"instance\":\"i-%zu:80\"},\"values\":[",
			    s ? "," : "", metric, s);
		for (i = 0; i < points; i++) {
			double v = f(s, i);
			if (isnan(v))
				strbuf_addf(sb, "%s[%.3f,\"NaN\"]", i ? "," : "", t0 + (double)i * step);
			else
				strbuf_addf(sb, "%s[%.3f,\"%.17g\"]", i ? "," : "", t0 + (double)i * step, v);
		}
		strbuf_addstr(sb, "]}");
	}
	strbuf_addstr(sb, "]}}");
}

static double wavy(size_t s, size_t i)
{
	return (double)(s * 7 + i % 13);
}

TEST(watch_prom_huge_answer)
{
	struct strbuf sb = STRBUF_INIT, why = STRBUF_INIT;
	struct prom_result r = PROM_RESULT_INIT;
	size_t s, bad = 0;

	/* 300 instances of 721 points: over 5 MB, as a 6 h batch at 30 s */
	matrix_answer(&sb, "go_goroutines", 300, 721, 1700000000, 30, wavy);
	CHECK(sb.len > 5000000);
	CHECK(prom_result_parse(sb.buf, sb.len, &r, &why) == PROM_PARSE_OK);
	CHECK(r.nr == 300);
	for (s = 0; s < r.nr; s++)
		bad += r.series[s].n != 721 || r.series[s].v[720] != wavy(s, 720) ||
		       r.series[s].t[720] != 1700000000 + 720 * 30.0;
	CHECK(bad == 0);
	prom_result_release(&r);
	/* cut anywhere: never a crash, never a partial result */
	for (s = 1; s < 4000; s += 37) {
		strbuf_reset(&why);
		CHECK(prom_result_parse(sb.buf, s, &r, &why) == PROM_PARSE_NOT_API && r.nr == 0);
	}
	strbuf_release(&sb);
	strbuf_release(&why);
}

TEST(watch_prom_query_text)
{
	struct strbuf sb = STRBUF_INIT, why = STRBUF_INIT;
	const char *values[] = { "127.0.0.1:80", "web-1", "a\"b\\c" };

	CHECK(prom_matchers_normalize("{job=\"api\"}", &sb, &why) == 0);
	CHECK_STR(sb.buf, "job=\"api\"");
	strbuf_reset(&sb);
	CHECK(prom_matchers_normalize("  job=\"api\", env=~\"p.*\" ", &sb, &why) == 0);
	CHECK_STR(sb.buf, "job=\"api\", env=~\"p.*\"");
	strbuf_reset(&sb);
	CHECK(prom_matchers_normalize("{}", &sb, &why) == 0 && sb.len == 0);
	CHECK(prom_matchers_normalize("", &sb, &why) == 0 && sb.len == 0);
	CHECK(prom_matchers_normalize("{job=\"a}b\"}", &sb, &why) == 0); /* a brace inside quotes */
	CHECK(prom_matchers_normalize("up{job=\"x\"}", &sb, &why) == -1);
	CHECK(prom_matchers_normalize("{job=\"x\"", &sb, &why) == -1);
	CHECK(prom_matchers_normalize("{job=\"x}", &sb, &why) == -1);
	CHECK(prom_matchers_normalize("job=\"x\"}", &sb, &why) == -1);
	CHECK(prom_matchers_normalize("=\"x\"", &sb, &why) == -1);

	strbuf_reset(&sb);
	prom_regex_alternation(&sb, values, 3);
	CHECK_STR(sb.buf, "\"127\\\\.0\\\\.0\\\\.1:80|web\\\\-1|a\\\"b\\\\\\\\c\"");

	strbuf_reset(&sb);
	prom_format_duration(&sb, 30);
	strbuf_addch(&sb, ' ');
	prom_format_duration(&sb, 5400);
	strbuf_addch(&sb, ' ');
	prom_format_duration(&sb, 0.25);
	strbuf_addch(&sb, ' ');
	prom_format_duration(&sb, 21600);
	CHECK_STR(sb.buf, "30s 1h30m 250ms 6h");

	CHECK(prom_parse_time("1714564800") == 1714564800);
	CHECK(prom_parse_time("2024-05-01T12:00:00Z") == 1714564800);
	CHECK(prom_parse_time("2024-05-01T14:00:00+02:00") == 1714564800);
	CHECK(prom_parse_time("2024-05-01T12:00:00.5Z") == 1714564800.5);
	CHECK(prom_parse_time("2024-05-01 12:00") == -1);
	CHECK(prom_parse_time("yesterday") == -1);
	CHECK(prom_parse_time("2024-05-01T12:00:00") == -1); /* no zone: ambiguous */

	strbuf_reset(&sb);
	prom_form_escape(&sb, "go_goroutines{job=\"a b\"}&x");
	CHECK_STR(sb.buf, "go_goroutines%7Bjob%3D%22a%20b%22%7D%26x");
	strbuf_release(&sb);
	strbuf_release(&why);
}

/*
 * A synthetic fleet of one instance per behaviour, 200 points 30 s
 * apart (100 minutes), fed through the same parser as the server's answers.
 */
#define FP 200
enum { I_LEAK, I_RESTARTED_LEAK, I_REDEPLOYS, I_WARMUP, I_YOUNG_WARMUP, I_FILES, I_BLOCKED,
       I_CRASHLOOP, I_GAPS, I_FEW, I_HEALTHY, I_NR };

static size_t part_len(size_t s)
{
	return s == I_RESTARTED_LEAK ? 50 : s == I_REDEPLOYS ? 60 : s == I_CRASHLOOP ? 8 : FP;
}

static double fleet_goroutines(size_t s, size_t i)
{
	size_t age = i % part_len(s);
	double noise = (double)((i * 7919 + s * 104729) % 5);
	switch (s) {
	case I_LEAK: case I_RESTARTED_LEAK:
		return 30 + noise + 2.0 * (double)age;
	case I_CRASHLOOP:
		return 30 + noise + 8.0 * (double)age;
	case I_WARMUP:
		return 30 + noise + (age < 40 ? (double)age * 2 : 80);
	case I_YOUNG_WARMUP: /* flat, then a restart 10 points before the end, rising */
		return i < FP - 10 ? 30 + noise : 20 + 3.0 * (double)(i - (FP - 10));
	case I_BLOCKED:
		return 30 + noise + (double)i;
	case I_GAPS:
		return (i >= 100 && i < 110) ? NAN : 30 + noise;
	case I_FEW:
		return i >= FP - 5 ? 30 + noise : NAN;
	default:
		return 30 + noise;
	}
}

static double fleet_fds(size_t s, size_t i)
{
	size_t age = i % part_len(s);
	double noise = (double)((i * 31 + s) % 3);
	switch (s) {
	case I_LEAK: case I_RESTARTED_LEAK:
		return 20 + noise + (double)age;
	case I_CRASHLOOP:
		return 20 + noise + 4.0 * (double)age;
	case I_FILES:
		return 20 + noise + 0.5 * (double)i;
	case I_FEW:
		return i >= FP - 5 ? 20 + noise : NAN;
	case I_YOUNG_WARMUP:
		return i < FP - 10 ? 20 + noise : 15 + 2.0 * (double)(i - (FP - 10));
	default:
		return 20 + noise;
	}
}

static double fleet_start(size_t s, size_t i)
{
	if (s == I_GAPS)
		return NAN; /* no process_start_time_seconds: gaps split */
	if (s == I_YOUNG_WARMUP)
		return i < FP - 10 ? 1000 : 2000;
	return 1000 + (double)(i / part_len(s)) * 100000;
}

static double fleet_max_fds(size_t s, size_t i)
{
	UNUSED(s);
	UNUSED(i);
	return 1024;
}

static void add_metric(struct fleet *fl, enum fleet_metric m, double (*f)(size_t, size_t))
{
	struct strbuf sb = STRBUF_INIT, why = STRBUF_INIT;
	struct prom_result r = PROM_RESULT_INIT;

	matrix_answer(&sb, fleet_metrics[m].prom_name, I_NR, FP, 1700000000, 30, f);
	if (prom_result_parse(sb.buf, sb.len, &r, &why))
		die("synthetic answer: %s", why.buf);
	fleet_add_result(fl, m, &r);
	prom_result_release(&r);
	strbuf_release(&sb);
	strbuf_release(&why);
}

static const struct fleet_instance *by_instance(const struct fleet *fl, size_t s)
{
	char want[32];
	size_t i, j;
	snprintf(want, sizeof(want), "i-%zu:80", s);
	for (i = 0; i < fl->nr; i++)
		for (j = 0; j < fl->inst[i].nr_labels; j++)
			if (!strcmp(fl->inst[i].labels[j].value, want))
				return &fl->inst[i];
	return NULL;
}

static int has_kind(const struct fleet_instance *in, const char *kind)
{
	size_t i;
	for (i = 0; i < in->verdict.nr; i++)
		if (!strcmp(in->verdict.findings[i].kind, kind))
			return 1;
	return 0;
}

TEST(watch_fleet_judgement)
{
	struct fleet fl;
	const struct fleet_instance *in;
	struct strbuf sb = STRBUF_INIT, why = STRBUF_INIT;
	size_t i;

	fleet_init(&fl, 1700000000, 30, FP);
	add_metric(&fl, FM_GOROUTINES, fleet_goroutines);
	add_metric(&fl, FM_FDS, fleet_fds);
	add_metric(&fl, FM_START_TIME, fleet_start);
	add_metric(&fl, FM_MAX_FDS, fleet_max_fds);
	CHECK(fl.nr == I_NR);
	fleet_judge(&fl, 2);

	in = by_instance(&fl, I_LEAK);
	CHECK(!strcmp(in->verdict.verdict, "leak") && has_kind(in, "unclosed-body") &&
	      has_kind(in, "fd-growth") && in->restarts == 0);
	CHECK(in->verdict.findings[0].metric == SERIES_GOROUTINES);
	CHECK(fabs(in->verdict.findings[0].slope_per_min - 4) < 0.5); /* +2 per 30 s point */
	for (i = 0; i < in->verdict.nr; i++)
		if (in->verdict.findings[i].metric == SERIES_FDS)
			CHECK(in->verdict.findings[i].minutes_to_limit > 400 &&
			      in->verdict.findings[i].minutes_to_limit < 450);

	in = by_instance(&fl, I_RESTARTED_LEAK);
	CHECK(!strcmp(in->verdict.verdict, "leak") && in->restarts == 3 && in->nr_parts == 4);
	CHECK(strstr(in->verdict.findings[0].evidence, "after every restart, restarted 3 times") != NULL);
	CHECK(!strcmp(in->verdict.findings[0].severity, "error"));

	in = by_instance(&fl, I_REDEPLOYS);
	CHECK(!strcmp(in->verdict.verdict, "ok") && in->restarts == 3);

	in = by_instance(&fl, I_WARMUP);
	CHECK(!strcmp(in->verdict.verdict, "ok"));

	in = by_instance(&fl, I_YOUNG_WARMUP);
	CHECK(!strcmp(in->verdict.verdict, "ok") && in->restarts == 1);
	CHECK(in->note && strstr(in->note, "warm-up"));

	in = by_instance(&fl, I_FILES);
	CHECK(!strcmp(in->verdict.verdict, "leak") && in->verdict.nr == 1 && has_kind(in, "fd-growth"));
	CHECK(strstr(in->verdict.findings[0].evidence, "the goroutines stay flat") != NULL);

	in = by_instance(&fl, I_BLOCKED);
	CHECK(!strcmp(in->verdict.verdict, "leak") && in->verdict.nr == 1 &&
	      has_kind(in, "blocked-goroutines"));

	/* parts of 8 points: none judged alone, pooled by age */
	in = by_instance(&fl, I_CRASHLOOP);
	CHECK(!strcmp(in->verdict.verdict, "leak") && in->restarts == FP / 8 - 1);
	CHECK(in->growth[SERIES_GOROUTINES].pooled);
	CHECK(in->verdict.nr && strstr(in->verdict.findings[0].evidence, "pooled") != NULL);

	/* no start time: a gap of 10 points is a restart; flat: ok */
	in = by_instance(&fl, I_GAPS);
	CHECK(!strcmp(in->verdict.verdict, "ok") && in->gaps == 1 && in->restarts == 0 && in->nr_parts == 2);

	in = by_instance(&fl, I_FEW);
	CHECK(!strcmp(in->verdict.verdict, "inconclusive"));
	CHECK(in->first == FP - 5 && in->last == FP - 1);

	in = by_instance(&fl, I_HEALTHY);
	CHECK(!strcmp(in->verdict.verdict, "ok") && in->verdict.nr == 0 && in->max_fds == 1024);

	/* worst first: the leaks, then inconclusive, then ok */
	CHECK(fl.nr_leak == 5 && fl.nr_inconclusive == 1 && fl.nr_ok == 5 && !strcmp(fl.verdict, "leak"));
	for (i = 0; i < fl.nr; i++)
		CHECK(!strcmp(fl.ranked[i]->verdict.verdict,
			      i < 5 ? "leak" : i < 6 ? "inconclusive" : "ok"));

	/* names and --pprof-template */
	fleet_instance_name(&sb, by_instance(&fl, I_LEAK));
	CHECK_STR(sb.buf, "{job=\"t\", instance=\"i-0:80\"}");
	strbuf_reset(&sb);
	CHECK(fleet_pprof_url(&sb, "http://{instance}/debug/pprof?job={job}", by_instance(&fl, I_LEAK), &why) == 0);
	CHECK_STR(sb.buf, "http://i-0:80/debug/pprof?job=t");
	CHECK(fleet_pprof_url(&sb, "http://{pod}/", by_instance(&fl, I_LEAK), &why) == -1);
	CHECK(fleet_pprof_url(&sb, "http://{instance/", by_instance(&fl, I_LEAK), &why) == -1);
	strbuf_reset(&sb);
	format_span(&sb, 45);
	strbuf_addch(&sb, ',');
	format_span(&sb, 720);
	strbuf_addch(&sb, ',');
	format_span(&sb, 6 * 3600 + 600);
	CHECK_STR(sb.buf, "45 s,12 min,6 h 10 min");
	strbuf_release(&sb);
	strbuf_release(&why);
	fleet_release(&fl);
}

/* The same fleet judged on 1 thread and on 4 gives the same order and verdicts. */
TEST(watch_fleet_judge_threads)
{
	struct fleet a, b;
	size_t i;

	fleet_init(&a, 1700000000, 30, FP);
	fleet_init(&b, 1700000000, 30, FP);
	add_metric(&a, FM_GOROUTINES, fleet_goroutines);
	add_metric(&a, FM_FDS, fleet_fds);
	add_metric(&a, FM_START_TIME, fleet_start);
	add_metric(&b, FM_GOROUTINES, fleet_goroutines);
	add_metric(&b, FM_FDS, fleet_fds);
	add_metric(&b, FM_START_TIME, fleet_start);
	fleet_judge(&a, 1);
	fleet_judge(&b, 4);
	for (i = 0; i < a.nr; i++) {
		CHECK(!strcmp(a.ranked[i]->key, b.ranked[i]->key));
		CHECK(!strcmp(a.ranked[i]->verdict.verdict, b.ranked[i]->verdict.verdict));
		CHECK(a.ranked[i]->verdict.nr == b.ranked[i]->verdict.nr);
	}
	fleet_release(&a);
	fleet_release(&b);
}

/* ------------------------------------------------------------------ */
/* The HTML reports (html.c, report_html.c)                             */

#include "watch/html.h"

#include <unistd.h>

static void add_tick(struct strbuf *sb, enum unit unit, double hi, double v)
{
	struct html_axis ax;
	html_axis_from_zero(&ax, unit, hi);
	strbuf_addstr(sb, sb->len ? "," : "");
	html_add_tick(sb, &ax, unit, v);
}

TEST(watch_html_axis_and_lines)
{
	struct strbuf sb = STRBUF_INIT;
	struct html_axis ax;
	struct html_plot p = { 0, 0, 100, 100, 9999, 100 };
	struct html_series s;
	double *t = xcalloc(10000, sizeof(*t)), *v = xcalloc(10000, sizeof(*v));
	size_t i, brk = 5;

	/* Counts from zero to a round top: 13 to 14 is not a cliff. */
	html_axis_from_zero(&ax, UNIT_COUNT, 14);
	CHECK(ax.max == 15 && ax.step == 5);
	html_axis_from_zero(&ax, UNIT_COUNT, 3);
	CHECK(ax.max == 3 && ax.step == 1);
	html_axis_from_zero(&ax, UNIT_COUNT, 1);
	CHECK(ax.max == 1 && ax.step == 1);
	html_axis_from_zero(&ax, UNIT_COUNT, 451);
	CHECK(ax.max == 500 && ax.step == 100);
	html_axis_from_zero(&ax, UNIT_COUNT, 0);
	CHECK(ax.max == 1);
	html_axis_from_zero(&ax, UNIT_COUNT, NAN);
	CHECK(ax.max == 1);
	html_axis_from_zero(&ax, UNIT_BYTES, 15.8 * 1048576);
	CHECK(ax.max == 20 * 1048576.0 && ax.step == 5 * 1048576.0);
	add_tick(&sb, UNIT_COUNT, 14, 0);
	add_tick(&sb, UNIT_COUNT, 14, 10);
	add_tick(&sb, UNIT_COUNT, 25000, 20000);
	add_tick(&sb, UNIT_BYTES, 15.8 * 1048576, 20 * 1048576.0);
	add_tick(&sb, UNIT_BYTES, 1.3 * 1073741824, 1.5 * 1073741824);
	add_tick(&sb, UNIT_BYTES, 700, 500);
	CHECK_STR(sb.buf, "0,10,20k,20 MiB,1.5 GiB,500 B");

	/* Escaping: markup, quotes and bad UTF-8. */
	strbuf_reset(&sb);
	html_add(&sb, "<img src='x' onerror=\"a()\">&\xff");
	CHECK_STR(sb.buf, "&lt;img src=&#39;x&#39; onerror=&quot;a()&quot;&gt;&amp;\xef\xbf\xbd");

	/* Thinned to about 600 points, a one-point spike survives. */
	for (i = 0; i < 10000; i++) {
		t[i] = (double)i;
		v[i] = i == 5001 ? 100 : 1;
	}
	s = (struct html_series){ t, v, 10000, NULL, 0 };
	strbuf_reset(&sb);
	html_plot_series(&sb, &p, &s, 600, 0);
	CHECK(strstr(sb.buf, ",0.0") != NULL);
	for (i = 0, brk = 0; i < sb.len; i++)
		brk += sb.buf[i] == ',';
	CHECK(brk <= 600);

	/* Broken at a missing point and at a restart. */
	v[3] = NAN;
	brk = 6;
	s = (struct html_series){ t, v, 10, &brk, 1 };
	p.t_end = 9;
	strbuf_reset(&sb);
	html_plot_series(&sb, &p, &s, 600, 1);
	CHECK_STR(sb.buf, "<polygon class=\"area\" points=\"0.0,100.0 0.0,99.0 11.1,99.0 22.2,99.0 22.2,100.0\"/>"
			  "<polyline class=\"line\" points=\"0.0,99.0 11.1,99.0 22.2,99.0\"/>"
			  "<polygon class=\"area\" points=\"44.4,100.0 44.4,99.0 55.6,99.0 55.6,100.0\"/>"
			  "<polyline class=\"line\" points=\"44.4,99.0 55.6,99.0\"/>"
			  "<polygon class=\"area\" points=\"66.7,100.0 66.7,99.0 77.8,99.0 88.9,99.0 100.0,99.0 100.0,100.0\"/>"
			  "<polyline class=\"line\" points=\"66.7,99.0 77.8,99.0 88.9,99.0 100.0,99.0\"/>");
	free(t);
	free(v);
	strbuf_release(&sb);
}

/* Write the page of r and return it (xmalloc'ed). */
static char *html_page_of(const struct watch_report *r)
{
	char path[] = "/tmp/plumber-html-unit-XXXXXX";
	struct strbuf sb = STRBUF_INIT;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	close(fd);
	CHECK(report_html_write(path, r) == 0);
	CHECK(strbuf_read_file(&sb, path, 1 << 24) >= 0);
	unlink(path);
	return strbuf_detach(&sb, NULL);
}

TEST(watch_html_report)
{
	struct watch_data d = WATCH_DATA_INIT;
	struct verdict vd;
	struct watch_report r;
	struct finding *f;
	char *page, *again;
	const char *fds, *threads;
	size_t i, j;

	/* fds leak; threads step from 13 to 14; tcp_close_wait stays 0 */
	for (i = 0; i < 40; i++) {
		double row[SERIES_NR];
		for (j = 0; j < SERIES_NR; j++)
			row[j] = NAN;
		row[SERIES_FDS] = 20 + 6.0 * i;
		row[SERIES_THREADS] = i < 20 ? 13 : 14;
		row[SERIES_TCP_CLOSE_WAIT] = 0;
		watch_data_add(&d, (double)i, row);
	}
	verdict_compute(&d, &vd);
	CHECK_STR(vd.verdict, "leak");
	CHECK(vd.nr == 1 && vd.findings[0].metric == SERIES_FDS);
	CHECK(vd.trends[SERIES_FDS].start == 20); /* the window: the last half */
	f = &vd.findings[0];
	free(f->evidence);
	f->evidence = xstrdup("grew <script>alert(1)</script>");
	f->stack = xstrdup("main.leak\n\t/src/<b>x</b>.go:7");
	f->source = xcalloc(1, sizeof(*f->source));
	f->nr_source = 1;
	f->source[0].file = xstrdup("svc/\"a\".go");
	f->source[0].line = 7;
	f->source[0].rule = "body-not-closed";
	f->source[0].message = xstrdup("resp.Body <never> closed");

	memset(&r, 0, sizeof(r));
	r.target = "./svc -tag '<img src=x onerror=alert(1)>'";
	r.duration_s = 39;
	r.ended = "the command exited";
	r.exited = 1;
	r.data = &d;
	r.verdict = &vd;
	page = html_page_of(&r);
	again = html_page_of(&r);
	CHECK_STR(page, again); /* deterministic */
	CHECK(!strstr(page, "<script") && !strstr(page, "<img") && !strstr(page, "<b>"));
	CHECK(strstr(page, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
	CHECK(strstr(page, "&lt;img src=x onerror=alert(1)&gt;") != NULL);
	CHECK(strstr(page, "default-src 'none'") != NULL);
	/* the leaking series first, highlighted, its stack and lint finding under it */
	fds = strstr(page, "<figure class=\"chart growing finding wide\" id=\"chart-fds\">");
	threads = strstr(page, "id=\"chart-threads\"");
	CHECK(fds && threads && fds < threads);
	CHECK(fds && strstr(fds, "<figure") == fds && strstr(fds + 1, "<figure") == strstr(fds, "</figure>") + 10);
	CHECK(fds && strstr(fds, "<pre class=\"stack\">main.leak\n\t/src/&lt;b&gt;x&lt;/b&gt;.go:7</pre>") <
		     strstr(fds, "</figure>"));
	CHECK(fds && strstr(fds, "<code>svc/&quot;a&quot;.go:7</code> <span class=\"rule\">body-not-closed</span>: "
				 "resp.Body &lt;never&gt; closed") < strstr(fds, "</figure>"));
	CHECK(fds && strstr(fds, "<line class=\"growth-start\"") < strstr(fds, "</figure>"));
	CHECK(fds && strstr(fds, "<line class=\"exit\"") < strstr(fds, "</figure>"));
	/* threads from zero: ticks 0, 5, 10, 15; 14 sits at 14/15 of the height */
	CHECK(threads && strstr(threads, ">0</text>") && strstr(threads, ">15</text>"));
	CHECK(threads && strstr(threads, "<circle class=\"last\" cx=\"390.0\" cy=\"18.0\"") <
		     strstr(threads, "</figure>"));
	CHECK(threads && (!strstr(threads, "growth-start") ||
			  strstr(threads, "growth-start") > strstr(threads, "</figure>")));
	/* the series at 0 is named, not drawn */
	CHECK(strstr(page, "<span class=\"kind\" id=\"chart-tcp_close_wait\">tcp_close_wait</span>") != NULL);
	free(page);
	free(again);
	verdict_release(&vd);
	watch_data_release(&d);
}
