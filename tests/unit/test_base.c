/*
 * test_base.c - unit tests of src/base and small lint helpers.
 */
#include "test.h"
#include "base/arena.h"
#include "base/options.h"
#include "base/strbuf.h"
#include "base/strmap.h"
#include "base/needles.h"
#include "base/tsmem.h"
#include "base/pool.h"
#include "lint/walk.h"

TEST(strbuf_grows_and_formats)
{
	struct strbuf sb = STRBUF_INIT;
	int i;
	CHECK(sb.buf[0] == '\0' && sb.len == 0);
	for (i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%d,", i);
	CHECK(sb.len == strlen(sb.buf));
	CHECK(starts_with(sb.buf, "0,1,2,"));
	CHECK(ends_with(sb.buf, "998,999,"));
	strbuf_setlen(&sb, 2);
	CHECK_STR(sb.buf, "0,");
	strbuf_addchars(&sb, 'x', 3);
	CHECK_STR(sb.buf, "0,xxx");
	strbuf_release(&sb);
	CHECK(sb.len == 0 && sb.buf[0] == '\0');
}

TEST(strbuf_utf8_sanitizes)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_add_utf8(&sb, "a\xff" "b\xc3\xa9" "c\xe2\x82", 9);
	CHECK_STR(sb.buf, "a\xef\xbf\xbd" "b\xc3\xa9" "c\xef\xbf\xbd\xef\xbf\xbd");
	strbuf_reset(&sb);
	strbuf_add_utf8(&sb, "\xed\xa0\x80", 3); /* a UTF-16 surrogate is not UTF-8 */
	CHECK(sb.len == 9);
	strbuf_release(&sb);
}

TEST(strmap_put_get_many)
{
	struct strmap m = STRMAP_INIT;
	static char keys[2000][16];
	int i;
	for (i = 0; i < 2000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		CHECK(strmap_put(&m, keys[i], strlen(keys[i]), keys[i]) == NULL);
	}
	CHECK(m.nr == 2000);
	for (i = 0; i < 2000; i++)
		CHECK(strmap_get(&m, keys[i], strlen(keys[i])) == keys[i]);
	CHECK(strmap_get(&m, "nope", 4) == NULL);
	CHECK(strmap_put(&m, "k7", 2, NULL) == keys[7]);
	strmap_clear(&m);
	CHECK(strmap_get(&m, "k1", 2) == NULL);
}

struct hurry_run {
	size_t order[8], nr, worked[8], emitted[8], nr_emitted;
};

static void hurry_work(void *ctx, int worker, size_t item)
{
	struct hurry_run *h = ctx;
	UNUSED(worker);
	h->order[h->nr++] = item;
	h->worked[item]++;
	if (item == 7) { /* the schedule's first: hurry 2, then 5, and 7 itself (taken) */
		pool_hurry(2);
		pool_hurry(5);
		pool_hurry(7);
		pool_hurry(2);
	}
}

static void hurry_emit(void *ctx, size_t item)
{
	struct hurry_run *h = ctx;
	h->emitted[h->nr_emitted++] = item;
}

/*
 * pool_hurry: on one worker, items hurried from inside `work` are taken
 * next, first asked first taken, each worked once, and emitted in index
 * order all the same; outside a pool it does nothing.
 */
TEST(pool_hurry_takes_items_first)
{
	static const size_t schedule[8] = { 7, 6, 5, 4, 3, 2, 1, 0 };
	static const size_t want[8] = { 7, 2, 5, 6, 4, 3, 1, 0 };
	static const struct pool_ops ops = { hurry_work, hurry_emit, NULL };
	struct hurry_run h;
	size_t i;

	memset(&h, 0, sizeof(h));
	pool_hurry(3); /* not a worker: nothing */
	pool_run(1, 8, schedule, &ops, &h);
	CHECK(h.nr == 8 && h.nr_emitted == 8);
	for (i = 0; i < 8; i++) {
		CHECK(h.order[i] == want[i]);
		CHECK(h.worked[i] == 1);
		CHECK(h.emitted[i] == i);
	}
}

/*
 * tree-sitter's pool (tsmem.h): blocks of every class and past the
 * largest keep what is written in them through realloc (growing,
 * shrinking, across classes), calloc zeroes a reused block, a freed block
 * is handed out again, and blocks from outside the pool (xmalloc's) are
 * freed and grown from inside it and after it.
 */
TEST(tsmem_blocks_keep_their_bytes)
{
	static const size_t sizes[] = { 0, 1, 8, 16, 17, 100, 512, 513, 1000, 4096, 65536, 65537, 300000 };
	unsigned char *p[ARRAY_SIZE(sizes)], *outside, *again, *freed;
	size_t i, k, round;

	for (round = 0; round < 3; round++) {
		outside = tsmem_malloc(40); /* xmalloc's: no pool yet */
		memset(outside, 0x5a, 40);
		tsmem_begin();
		for (i = 0; i < ARRAY_SIZE(sizes); i++) {
			p[i] = tsmem_malloc(sizes[i]);
			memset(p[i], (int)(i + 1), sizes[i]);
		}
		for (i = 0; i < ARRAY_SIZE(sizes); i++) { /* grow each to the next size, then shrink */
			size_t to = i + 1 < ARRAY_SIZE(sizes) ? sizes[i + 1] : sizes[i] * 2;
			p[i] = tsmem_realloc(p[i], to);
			for (k = 0; k < sizes[i]; k++)
				if (p[i][k] != (unsigned char)(i + 1))
					break;
			CHECK(k == sizes[i]);
			memset(p[i] + sizes[i], 0xee, to - sizes[i]);
			p[i] = tsmem_realloc(p[i], sizes[i] / 2);
			for (k = 0; k < sizes[i] / 2; k++)
				if (p[i][k] != (unsigned char)(i + 1))
					break;
			CHECK(k == sizes[i] / 2);
		}
		freed = tsmem_malloc(100);
		memset(freed, 0xff, 100);
		tsmem_free(freed);
		again = tsmem_calloc(10, 10); /* the class of the block just freed: that block */
		CHECK(again == freed);
		for (k = 0; k < 100; k++)
			CHECK(again[k] == 0);
		outside = tsmem_realloc(outside, 41 + round); /* from xmalloc into the pool */
		for (k = 0; k < 40; k++)
			CHECK(outside[k] == 0x5a);
		tsmem_end(); /* every block above is gone */
	}
	outside = tsmem_malloc(10);
	memset(outside, 7, 10);
	outside = tsmem_realloc(outside, 1000);
	CHECK(outside[0] == 7 && outside[9] == 7);
	tsmem_free(outside);
	tsmem_free(NULL);
	tsmem_thread_release();
}

/*
 * The automaton says exactly what memmem says, needle by needle: on
 * overlapping needles (a needle inside another, one's end another's
 * start), duplicates, more than 64 needles, and random texts over a small
 * alphabet so that near misses are everywhere.
 */
TEST(needles_agree_with_memmem)
{
	static const char *const fixed[] = { "http.", "Close", "Close()", "lose", "defer", "de",
					     "e", "fterTest", "Close", "\tdef", "aab", "ab" };
	static char words[100][8];
	const char *v[ARRAY_SIZE(fixed) + 100];
	char text[400];
	uint64_t found[4], mask[4] = { 0, 0, 0, 0 };
	struct needle_set *ns;
	unsigned seed = 12345;
	size_t nr = 0, i, t, k;

	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		v[nr++] = fixed[i];
	for (i = 0; i < 100; i++) { /* 2 to 5 letters of "abcde" */
		size_t len = 2 + (i % 4);
		for (k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			words[i][k] = (char)('a' + (seed >> 16) % 5);
		}
		words[i][len] = '\0';
		v[nr++] = words[i];
	}
	ns = needles_compile(v, nr);
	CHECK(needles_words(ns) == 2);
	for (t = 0; t < 300; t++) {
		size_t len = t % 64 == 0 ? 0 : (t * 7) % sizeof(text);
		for (k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			text[k] = t % 3 ? (char)('a' + (seed >> 16) % 6) : fixed[(seed >> 16) % 12][0];
		}
		if (t % 5 == 0 && len > 10)
			memcpy(text + len / 2, "Close()", 7);
		needles_scan(ns, text, len, found);
		for (i = 0; i < nr; i++) {
			int want = memmem(text, len, v[i], strlen(v[i])) != NULL;
			int got = (found[i / 64] >> (i % 64)) & 1;
			CHECK(want == got);
		}
	}
	needles_scan(ns, "x http.Get", 10, found);
	mask[0] = 1; /* "http." */
	CHECK(needles_any(ns, found, mask));
	mask[0] = 2; /* "Close" */
	CHECK(!needles_any(ns, found, mask));
	needles_free(ns);
	ns = needles_compile(v, 0);
	needles_scan(ns, "abc", 3, found);
	CHECK(found[0] == 0);
	needles_free(ns);
}

TEST(arena_aligns_and_copies)
{
	struct arena a = ARENA_INIT;
	int i;
	for (i = 1; i < 3000; i += 7) {
		char *p = arena_alloc(&a, (size_t)i);
		CHECK(((uintptr_t)p & 7) == 0);
		CHECK(p[i - 1] == 0);
		memset(p, 'z', (size_t)i);
	}
	CHECK_STR(arena_strndup(&a, "hello world", 5), "hello");
	CHECK_STR(arena_printf(&a, "%s-%d", "x", 42), "x-42");
	CHECK(arena_alloc(&a, 1 << 20) != NULL);
	arena_release(&a);
	CHECK(a.head == NULL);
}

TEST(options_parse_forms)
{
	int jobs = 0, flag = 0, neg = 1;
	const char *fmt = "text";
	struct strvec list = STRVEC_INIT;
	const char *argv[] = { "lint", "a", "-j4", "--format=json", "--enable", "x,y",
			       "--enable=z", "b", "--flag", "--no-neg", "--", "--not-an-option", NULL };
	const char *const usage[] = { "t", NULL };
	const struct option opts[] = {
		OPT_INT('j', "jobs", &jobs, "N", "jobs"),
		OPT_STRING('f', "format", &fmt, "F", "format"),
		OPT_LIST(0, "enable", &list, "R", "rules"),
		OPT_BOOL(0, "flag", &flag, "flag"),
		OPT_BOOL(0, "neg", &neg, "neg"),
		OPT_END(),
	};
	int dd, n = parse_options(12, argv, opts, usage, NULL, &dd);
	CHECK(n == 3);
	CHECK_STR(argv[0], "a");
	CHECK_STR(argv[1], "b");
	CHECK_STR(argv[2], "--not-an-option");
	CHECK(dd == 2);
	CHECK(jobs == 4 && flag == 1 && neg == 0);
	CHECK_STR(fmt, "json");
	CHECK(list.nr == 2);
	CHECK_STR(list.v[0], "x,y");
	CHECK_STR(list.v[1], "z");
	strvec_clear(&list);
}

TEST(walk_dir_len)
{
	CHECK(walk_dir_len("a/b/c.go") == 3);
	CHECK(walk_dir_len("c.go") == 0);
}
