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
	struct strbuf sb = STRBUF_INIT;
	struct proc_stat st;

	CHECK(proc_stat_parse(stat, strlen(stat), &st) == 0);
	CHECK_STR(st.comm, "my (odd) prog");
	CHECK(st.state == 'S');
	CHECK(st.num_threads == 7);
	CHECK(st.rss_pages == 250);
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
