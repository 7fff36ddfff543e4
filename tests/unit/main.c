/*
 * main.c - runs every unit test listed in tests.def.
 */
#include "test.h"

int test_failures;

#define T(name) void test_##name(void);
#include "tests.def"
#undef T

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
#define T(name) { #name, test_##name },
#include "tests.def"
#undef T
};

int main(void)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(tests); i++) {
		int before = test_failures;
		tests[i].fn();
		if (test_failures != before)
			fprintf(stderr, "FAIL %s\n", tests[i].name);
	}
	if (test_failures)
		fprintf(stderr, "%d check(s) failed\n", test_failures);
	return test_failures ? 1 : 0;
}
