/*
 * test_cache.c - the lint cache's entries (cache.h): what is stored comes
 * back whole; a damaged, torn or foreign entry is a miss that leaves the
 * files untouched; the size bound drops the oldest entries.
 */
#include "test.h"
#include "lint/cache.h"
#include "base/strbuf.h"

#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

static int dep_ok(void *ctx, const struct cache_dep *d)
{
	(void)ctx;
	return d->present && !strcmp(d->path, "example.com/dep");
}

/* One file with one finding with an edit, and a note. */
static void sample_file(struct lint_file *f, const char *path)
{
	memset(f, 0, sizeof(*f));
	f->path = (char *)path;
	strbuf_init(&f->notes, 0);
	strbuf_addstr(&f->notes, "load note\n");
	f->parsed = 1;
	f->syntax_line = 7;
	f->nr_hidden = 2;
	f->findings = xcalloc(1, sizeof(*f->findings));
	f->nr_findings = f->alloc_findings = 1;
	f->findings[0].rule = lint_rules[0];
	f->findings[0].line = 12;
	f->findings[0].col = 3;
	f->findings[0].message = xstrdup("resp.Body is never closed");
	f->findings[0].fix = xstrdup("add a close");
	f->findings[0].edits = xcalloc(1, sizeof(*f->findings[0].edits));
	f->findings[0].nr_edits = 1;
	f->findings[0].edits[0].start = 100;
	f->findings[0].edits[0].end = 100;
	f->findings[0].edits[0].text = xstrdup("\n\tdefer resp.Body.Close()");
	strbuf_addstr(&f->notes, "work note\n");
}

static void empty_file(struct lint_file *f, const char *path)
{
	memset(f, 0, sizeof(*f));
	f->path = (char *)path;
	strbuf_init(&f->notes, 0);
	strbuf_addstr(&f->notes, "load note\n");
}

static void release_file(struct lint_file *f)
{
	size_t i;
	for (i = 0; i < f->nr_findings; i++)
		lint_finding_release(&f->findings[i]);
	free(f->findings);
	strbuf_release(&f->notes);
}

TEST(cache_round_trip_and_damage)
{
	char dir[] = "/tmp/plumber-cache-unit-XXXXXX";
	struct lint_file src, dst, *fp;
	struct cache_dep dep = { (char *)"example.com/dep", 1, { 1, 2 } };
	struct cache_hash key = { 0x0123456789abcdefull, 42 };
	size_t notes_from = 10, written, i;
	struct strbuf path = STRBUF_INIT, orig = STRBUF_INIT;
	FILE *out;

	CHECK(mkdtemp(dir) != NULL);
	sample_file(&src, "a/b.go");
	fp = &src;
	written = cache_store(dir, &key, &dep, 1, &fp, 1, &notes_from);
	CHECK(written > 0);

	empty_file(&dst, "a/b.go");
	fp = &dst;
	CHECK(cache_fetch(dir, &key, dep_ok, NULL, &fp, 1, &notes_from) == 1);
	CHECK(dst.nr_findings == 1 && dst.parsed == 1 && dst.syntax_line == 7 && dst.nr_hidden == 2);
	CHECK_STR(dst.notes.buf, "load note\nwork note\n");
	CHECK(dst.findings[0].rule == lint_rules[0] && dst.findings[0].line == 12);
	CHECK_STR(dst.findings[0].message, "resp.Body is never closed");
	CHECK_STR(dst.findings[0].fix, "add a close");
	CHECK(dst.findings[0].nr_edits == 1 && dst.findings[0].edits[0].start == 100);
	CHECK_STR(dst.findings[0].edits[0].text, "\n\tdefer resp.Body.Close()");
	release_file(&dst);

	/* another file list, or a dep that no longer holds: a miss */
	empty_file(&dst, "a/c.go");
	CHECK(cache_fetch(dir, &key, dep_ok, NULL, &fp, 1, &notes_from) == 0);
	CHECK(dst.nr_findings == 0 && dst.notes.len == 10);
	release_file(&dst);
	dep.path = (char *)"example.com/other";
	written = cache_store(dir, &key, &dep, 1, &(struct lint_file *){ &src }, 1, &notes_from);
	empty_file(&dst, "a/b.go");
	CHECK(cache_fetch(dir, &key, dep_ok, NULL, &fp, 1, &notes_from) == 0);
	release_file(&dst);
	dep.path = (char *)"example.com/dep";
	written = cache_store(dir, &key, &dep, 1, &(struct lint_file *){ &src }, 1, &notes_from);

	/* every single damaged byte, and every cut, is a miss that touches nothing */
	strbuf_addf(&path, "%s/01/0123456789abcdef000000000000002a", dir);
	CHECK(strbuf_read_file(&orig, path.buf, 0) == (long)written);
	for (i = 0; i < orig.len; i++) {
		char saved = orig.buf[i];
		orig.buf[i] ^= 0x20;
		out = fopen(path.buf, "wb");
		fwrite(orig.buf, 1, orig.len, out);
		fclose(out);
		orig.buf[i] = saved;
		empty_file(&dst, "a/b.go");
		CHECK(cache_fetch(dir, &key, dep_ok, NULL, &fp, 1, &notes_from) == 0);
		CHECK(dst.nr_findings == 0 && dst.notes.len == 10);
		release_file(&dst);
	}
	for (i = 0; i < orig.len; i += 7) {
		out = fopen(path.buf, "wb");
		fwrite(orig.buf, 1, i, out);
		fclose(out);
		empty_file(&dst, "a/b.go");
		CHECK(cache_fetch(dir, &key, dep_ok, NULL, &fp, 1, &notes_from) == 0);
		release_file(&dst);
	}
	/* the same entry under another key is foreign */
	out = fopen(path.buf, "wb");
	fwrite(orig.buf, 1, orig.len, out);
	fclose(out);
	key.b++;
	empty_file(&dst, "a/b.go");
	CHECK(cache_fetch(dir, &key, dep_ok, NULL, &fp, 1, &notes_from) == 0);
	release_file(&dst);

	release_file(&src);
	unlink(path.buf);
	strbuf_setlen(&path, strlen(dir) + 3);
	rmdir(path.buf);
	rmdir(dir);
	strbuf_release(&path);
	strbuf_release(&orig);
}

/*
 * Ten entries of 1,000 bytes in dir/sub, named as the cache names them,
 * the i-th last modified at second 1000000 + i (so the oldest is 0).
 */
static int make_entries(const char *dir, const char *sub)
{
	struct strbuf p = STRBUF_INIT;
	char block[1000];
	int i, rc = 0;

	memset(block, 'x', sizeof(block));
	strbuf_addf(&p, "%s/%s", dir, sub);
	if (mkdir(p.buf, 0777))
		rc = -1;
	for (i = 0; i < 10 && !rc; i++) {
		struct utimbuf t = { 1000000 + i, 1000000 + i };
		FILE *f;
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s/%032d", dir, sub, i);
		f = fopen(p.buf, "wb");
		if (!f || fwrite(block, 1, sizeof(block), f) != sizeof(block) || fclose(f) ||
		    utime(p.buf, &t))
			rc = -1;
	}
	strbuf_release(&p);
	return rc;
}

TEST(cache_trim_drops_oldest)
{
	char dir[] = "/tmp/plumber-cache-trim-XXXXXX";
	struct strbuf p = STRBUF_INIT;
	char block[1000];
	int i;
	struct stat st;
	FILE *f;
	static const char *const others[] = { "keep.txt", "ab/keep.txt", "ab/0000" };

	CHECK(mkdtemp(dir) != NULL);
	memset(block, 'x', sizeof(block));
	CHECK(make_entries(dir, "ab") == 0);
	/* what the cache did not write is never touched, however old or big */
	for (i = 0; i < 3; i++) {
		struct utimbuf t = { 1, 1 };
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", dir, others[i]);
		f = fopen(p.buf, "wb");
		fwrite(block, 1, sizeof(block), f);
		fclose(f);
		utime(p.buf, &t);
	}
	cache_trim(dir, 20000); /* under the bound: nothing goes */
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/ab/%032d", dir, 0);
	CHECK(stat(p.buf, &st) == 0);
	cache_trim(dir, 8000); /* 10000 > 8000: down to 6000, the oldest first */
	for (i = 0; i < 10; i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/ab/%032d", dir, i);
		CHECK((stat(p.buf, &st) == 0) == (i >= 4));
		unlink(p.buf);
	}
	for (i = 0; i < 3; i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", dir, others[i]);
		CHECK(stat(p.buf, &st) == 0);
		unlink(p.buf);
	}
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/ab", dir);
	rmdir(p.buf);
	rmdir(dir);
	strbuf_release(&p);
}

TEST(cache_trim_waits_for_writes)
{
	char dir[] = "/tmp/plumber-cache-written-XXXXXX";
	struct strbuf p = STRBUF_INIT, sb = STRBUF_INIT;
	int i, left = 0;
	struct stat st;

	CHECK(mkdtemp(dir) != NULL);
	CHECK(make_entries(dir, "cd") == 0);
	/* 10000 bytes over a bound of 8000, but 500 written since: no listing yet */
	cache_note_written(dir, 8000, 500);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/cd/%032d", dir, 0);
	CHECK(stat(p.buf, &st) == 0);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/written", dir);
	CHECK(strbuf_read_file(&sb, p.buf, 0) > 0 && !strcmp(sb.buf, "500\n"));
	/* 1100 written since the last trim (>= 8000 / 8): trimmed, count reset */
	cache_note_written(dir, 8000, 600);
	strbuf_reset(&sb);
	CHECK(strbuf_read_file(&sb, p.buf, 0) > 0 && !strcmp(sb.buf, "0\n"));
	unlink(p.buf);
	for (i = 0; i < 10; i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/cd/%032d", dir, i);
		CHECK((stat(p.buf, &st) == 0) == (i >= 4));
		left += stat(p.buf, &st) == 0;
		unlink(p.buf);
	}
	CHECK(left == 6);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/cd", dir);
	rmdir(p.buf);
	CHECK(rmdir(dir) == 0); /* nothing else left behind */
	strbuf_release(&p);
	strbuf_release(&sb);
}
