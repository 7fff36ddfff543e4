/*
 * fuzz_lint.c - libFuzzer target: any bytes, linted as one Go file with
 * every rule on. The engine must never crash, whatever tree-sitter makes
 * of the input (ERROR nodes, missing nodes, deep nesting).
 */
#include "lint/engine.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void ignore_file(void *ctx, const struct lint_file *f)
{
	(void)ctx;
	(void)f;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static unsigned char enabled[64];
	struct walk_entry entry = { .path = (char *)"fuzz.go", .size = size,
				    .data = (const char *)data };
	struct walk_result inputs = { .v = &entry, .nr = 1, .alloc = 1 };
	struct lint_options opts = { .jobs = 1, .max_file_size = 1 << 20, .enabled = enabled };
	struct lint_sink sink = { ignore_file, NULL };
	struct lint_stats stats;
	size_t i;

	for (i = 0; i < lint_nr_rules && i < sizeof(enabled); i++)
		enabled[i] = 1;
	if (!size)
		return 0;
	lint_run(&opts, &inputs, &sink, &stats);
	return 0;
}
