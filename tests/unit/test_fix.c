/*
 * test_fix.c - edits and unified diffs (src/lint/fix.c).
 */
#include "test.h"
#include "lint/fix.h"

TEST(fix_apply_edits)
{
	const char *src = "a\nb\nc\n";
	struct edit_list l = EDIT_LIST_INIT;
	struct strbuf out = STRBUF_INIT;

	edit_list_add(&l, 4, 6, "C\nD\n"); /* replace "c\n" */
	edit_list_add(&l, 2, 2, "x\n");    /* insert before "b" */
	CHECK(fix_apply(src, strlen(src), l.v, l.nr, &out) == 0);
	CHECK_STR(out.buf, "a\nx\nb\nC\nD\n");
	strbuf_reset(&out);
	edit_list_add(&l, 3, 5, "y"); /* overlaps "c\n" */
	CHECK(fix_apply(src, strlen(src), l.v, l.nr, &out) == -1);
	edit_list_release(&l);
	edit_list_add(&l, 5, 9, "z"); /* past the end */
	CHECK(fix_apply(src, strlen(src), l.v, l.nr, &out) == -1);
	edit_list_release(&l);
	strbuf_release(&out);
}

TEST(fix_position_lines_and_columns)
{
	const char *src = "ab\n\tcd\n";
	uint32_t line, col;
	fix_position(src, strlen(src), 4, &line, &col);
	CHECK(line == 2 && col == 2);
	fix_position(src, strlen(src), 0, &line, &col);
	CHECK(line == 1 && col == 1);
}

TEST(fix_diff_hunks)
{
	struct strbuf out = STRBUF_INIT;
	const char *a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n";
	const char *b = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\nseventeen\n";

	fix_diff("x.go", a, strlen(a), a, strlen(a), &out);
	CHECK_STR(out.buf, "");
	fix_diff("x.go", a, strlen(a), b, strlen(b), &out);
	CHECK_STR(out.buf, "--- a/x.go\n+++ b/x.go\n"
			   "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
			   "@@ -14,3 +14,4 @@\n 14\n 15\n 16\n+seventeen\n");
	strbuf_reset(&out);
	fix_diff("y.go", "a\nb", 3, "a\nc", 3, &out);
	CHECK_STR(out.buf, "--- a/y.go\n+++ b/y.go\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
			   "+c\n\\ No newline at end of file\n");
	strbuf_release(&out);
}
