/*
 * test_dump.c - unit tests of src/dump: the parser on each format, the
 * grouping key, stdlib detection and the signature table.
 */
#include "test.h"
#include "dump/dump.h"
#include "base/strbuf.h"

static long parse_str(struct dump *d, const char *s)
{
	dump_init(d, NULL);
	return dump_parse(d, s, strlen(s));
}

TEST(dump_parses_stack_headers)
{
	static const char in[] =
		"junk before\n"
		"goroutine 7 gp=0xc000007c40 m=nil [chan send (leaked), 3 minutes, locked to thread]:\n"
		"runtime.gopark(0x1?, {0x2, 0x3})\n"
		"\t/go/src/runtime/proc.go:402 +0xce fp=0xc0 sp=0xc0 pc=0x43e20e\n"
		"main.work(...)\n"
		"\t/app/main.go:12\n"
		"created by main.start in goroutine 1\n"
		"\t/app/main.go:9 +0x45\n"
		"\n"
		"goroutine 8 [chan send, 5 minutes]:\n"
		"main.work(0x1)\n"
		"\t/app/main.go:12 +0x20\n"
		"created by main.start in goroutine 1\n"
		"\t/app/main.go:9 +0x45\n";
	struct dump d;
	const struct dump_group *g;
	CHECK(parse_str(&d, in) == 2);
	CHECK(d.format == DUMP_FORMAT_TRACEBACK);
	CHECK(d.nr_groups == 2); /* leaked and not leaked differ */
	g = &d.groups[0];
	CHECK_STR(g->state, "chan send");
	CHECK(g->leaked && g->locked && g->wait_max == 3);
	CHECK(g->nr_frames == 1); /* runtime.gopark folded away */
	CHECK_STR(g->frames[0].func, "main.work");
	CHECK(g->frames[0].line == 12);
	CHECK_STR(g->created_by, "main.start");
	CHECK(g->creator.line == 9);
	CHECK(g->user_frame == 0);
	CHECK(d.truncated == NULL);
	dump_release(&d);
}

TEST(dump_parses_count_profile)
{
	static const char in[] =
		"goroutine profile: total 7\n"
		"4 @ 0x1 0x2\n"
		"# labels: {\"a\":\"b\"}\n"
		"#\t0x6c4884\tmain.f+0x24\t\t/app/main.go:12\n"
		"\n"
		"3 @ 0x3 0x4\n"
		"#\t0x44a6c4\tinternal/poll.runtime_pollWait+0x84\t/go/src/runtime/netpoll.go:305\n"
		"#\t0x5\n"
		"\n";
	struct dump d;
	CHECK(parse_str(&d, in) == 7);
	CHECK(d.format == DUMP_FORMAT_COUNT && d.declared_total == 7 && d.total == 7);
	CHECK(d.nr_groups == 2);
	CHECK(d.groups[0].count == 4 && d.groups[0].state == NULL);
	CHECK_STR(d.groups[0].labels, "{\"a\":\"b\"}");
	CHECK_STR(d.groups[1].state, "IO wait");
	CHECK(d.groups[1].state_inferred);
	CHECK(d.groups[1].nr_frames == 2);
	CHECK_STR(d.groups[1].frames[1].func, "?");
	CHECK(d.truncated == NULL);
	dump_release(&d);
}

TEST(dump_parses_goleak)
{
	static const char in[] =
		"    leaks.go:78: found unexpected goroutines:\n"
		"        [Goroutine 12 in state chan send, 2 minutes, with main.f on top of the stack:\n"
		"        main.f()\n"
		"        \t/app/main.go:22 +0x2c\n"
		"         Goroutine 13 in state chan send, with main.f on top of the stack:\n"
		"        goroutine 13 [chan send]:\n"
		"        main.f()\n"
		"        \t/app/main.go:22 +0x2c\n"
		"        ]\n";
	struct dump d;
	CHECK(parse_str(&d, in) == 2);
	CHECK(d.format == DUMP_FORMAT_GOLEAK);
	CHECK(d.nr_groups == 1 && d.groups[0].count == 2);
	CHECK(d.groups[0].wait_min == 0 && d.groups[0].wait_max == 2);
	CHECK(d.groups[0].leaked);
	dump_release(&d);
}

TEST(dump_finds_cuts_and_junk)
{
	static const char cut[] = "goroutine 1 [select]:\nmain.f()\n\t/app/main.go:1 +0x1\n\n"
				  "goroutine 2 [select]:\nmain.g(0x1, 0x";
	static const char nul[] = "goroutine 1 [select]:\nmain.f()\n\t/app/m\0ain.go:1\n";
	struct dump d;
	CHECK(parse_str(&d, cut) == 2); /* the cut goroutine is counted, not dropped */
	CHECK(d.truncated != NULL);
	dump_release(&d);
	CHECK(parse_str(&d, "hello\nworld (of) junk\n") == -1);
	dump_release(&d);
	dump_init(&d, NULL);
	CHECK(dump_parse(&d, "", 0) == -1);
	dump_release(&d);
	dump_init(&d, NULL);
	CHECK(dump_parse(&d, nul, sizeof(nul) - 1) == 1); /* the frame ends at the NUL; counted */
	CHECK(d.truncated != NULL);
	dump_release(&d);
}

TEST(dump_aggressive_merges_lines)
{
	static const char in[] = "goroutine 1 [select]:\nmain.f()\n\t/a.go:1 +0x1\n\n"
				 "goroutine 2 [select]:\nmain.f()\n\t/a.go:2 +0x1\n";
	struct dump_options o = { .aggressive = 1 };
	struct dump d;
	CHECK(parse_str(&d, in) == 2 && d.nr_groups == 2);
	dump_release(&d);
	dump_init(&d, &o);
	CHECK(dump_parse(&d, in, strlen(in)) == 2 && d.nr_groups == 1);
	dump_release(&d);
}

TEST(dump_stdlib_frames)
{
	struct dump_frame f[] = {
		{ "net/http.(*persistConn).readLoop", "/usr/lib/go-1.19/src/net/http/transport.go", 1 },
		{ "internal/poll.runtime_pollWait", "/usr/local/go/src/runtime/netpoll.go", 1 },
		{ "main.main", "/usr/local/go/src/main/x.go", 1 },
		{ "github.com/a/b.F", "/go/src/github.com/a/b/f.go", 1 },
		{ "myapp/internal/x.F[...]", "/home/me/myapp/internal/x/f.go", 1 },
		{ "vendor/golang.org/x/net/http2/hpack.F", "", 0 },
	};
	CHECK(dump_frame_is_stdlib(&f[0]));
	CHECK(dump_frame_is_stdlib(&f[1]));
	CHECK(!dump_frame_is_stdlib(&f[2]));
	CHECK(!dump_frame_is_stdlib(&f[3]));
	CHECK(!dump_frame_is_stdlib(&f[4]));
	CHECK(dump_frame_is_stdlib(&f[5]));
}

TEST(dump_signatures_match_shapes)
{
	static const char in[] =
		"goroutine 21 [select]:\n"
		"net/http.(*persistConn).readLoop(0xc00011e480)\n"
		"\t/go/src/net/http/transport.go:2213 +0xd85\n"
		"created by net/http.(*Transport).dialConn\n"
		"\t/go/src/net/http/transport.go:1751 +0x173e\n\n"
		"goroutine 22 [select]:\n"
		"net/http.(*persistConn).writeLoop(0xc00011e480)\n"
		"\t/go/src/net/http/transport.go:2392 +0xf5\n"
		"created by net/http.(*Transport).dialConn\n"
		"\t/go/src/net/http/transport.go:1752 +0x1791\n\n"
		"goroutine 23 [chan receive]:\n"
		"main.wait()\n\t/app/main.go:3 +0x1\n";
	struct dump d;
	size_t i;
	CHECK(parse_str(&d, in) == 3);
	CHECK(dump_diagnose(&d.groups[0], NULL) != NULL);
	CHECK_STR(dump_diagnose(&d.groups[0], NULL)->kind, "unclosed-body");
	CHECK(dump_diagnose(&d.groups[1], NULL)->companion);
	CHECK(dump_diagnose(&d.groups[2], NULL) == NULL); /* one waiter is normal */
	dump_analyze(&d, NULL);
	for (i = 0; i < 2; i++) {
		CHECK(d.groups[i].diagnosis && d.groups[i].diagnosis->leak);
		CHECK_STR(d.groups[i].diagnosis->kind, "unclosed-body");
		CHECK_STR(d.groups[i].diagnosis->lint_rule, "body-not-closed");
	}
	CHECK(d.groups[2].diagnosis == NULL);
	dump_release(&d);
	/* every row says what it is and what to do */
	for (i = 0; i < dump_nr_signatures; i++)
		CHECK(dump_signatures[i].kind && dump_signatures[i].summary && dump_signatures[i].fix);
}

/* A goroutine caught with an empty stack prints "1 @" and no frames: counted, not "cut short". */
TEST(dump_count_record_without_stack)
{
	struct dump d;
	static const char in[] =
		"goroutine profile: total 3\n"
		"2 @ 0x1 0x2\n"
		"#\t0x1\tmain.f+0x1\t/a.go:1\n"
		"\n"
		"1 @\n"
		"\n";
	CHECK(parse_str(&d, in) >= 0);
	CHECK(d.total == 2 && d.stackless == 1 && d.declared_total == 3);
	CHECK(d.truncated == NULL);
	CHECK(d.nr_groups == 1);
	dump_release(&d);
}

/*
 * A dump cut inside a line is said to be cut, wherever the cut falls:
 * inside a function, a file:line (where the dump's lines carry +0x
 * offsets), a "created by" line, or after the tab that starts a file:line.
 * Only a cut inside an offset cannot be seen (`+0x3` may be all of it).
 */
TEST(dump_cut_inside_a_line_is_seen)
{
	struct strbuf src = STRBUF_INIT;
	size_t cut, tried = 0;

	CHECK(strbuf_read_file(&src, "examples/dumps/unclosed-body.txt", 0) > 1000);
	for (cut = src.len / 3; cut < src.len - 1; cut += 3) {
		struct dump d;
		const char *line = src.buf + cut;
		while (line > src.buf && line[-1] != '\n')
			line--;
		if (src.buf[cut - 1] == '\n' || memmem(line, (size_t)(src.buf + cut - line), " +0x", 4))
			continue;
		dump_init(&d, NULL);
		dump_parse(&d, src.buf, cut);
		if (!d.truncated)
			fprintf(stderr, "a cut at %zu not seen: ...%.*s\n", cut,
				(int)(src.buf + cut - line), line);
		CHECK(d.truncated != NULL);
		dump_release(&d);
		tried++;
	}
	CHECK(tried > 500);
	strbuf_release(&src);
}
