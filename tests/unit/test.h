/*
 * test.h - a very small unit test harness (redis testhelp.h size).
 *
 *	TEST(name) { CHECK(x == 1); CHECK_STR(s, "a"); }
 * and list the test in the table of tests/unit/main.c.
 */
#ifndef PLUMBER_TEST_H
#define PLUMBER_TEST_H

#include "base/common.h"

extern int test_failures;

#define TEST(name) void test_##name(void); void test_##name(void)

#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			test_failures++; \
		} \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *got_ = (got), *want_ = (want); \
		if (strcmp(got_, want_)) { \
			fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
				got_, want_); \
			test_failures++; \
		} \
	} while (0)

#endif
