/*
 * fuzz_dump.c - libFuzzer harness for the goroutine dump parser.
 *
 * Every input goes through dump_parse() twice (plain and --aggressive),
 * dump_analyze(), and a walk over the groups checking the invariants the
 * header promises: counts add up to total, strings are there, the user
 * frame index is in range, roles are whole, skipped lines are located.
 * Built and run by tests/check-explain-fuzz.sh, whose corpus holds pasted
 * (damaged) dumps too.
 */
#include "dump/dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct dump *d)
{
	size_t i, j, sum = 0;
	for (i = 0; i < d->nr_groups; i++) {
		const struct dump_group *g = &d->groups[i];
		if (!g->count || !g->key || g->user_frame > g->nr_frames ||
		    g->wait_min > g->wait_max)
			__builtin_trap();
		for (j = 0; j < g->nr_frames; j++)
			if (!g->frames[j].func || !g->frames[j].file || g->frames[j].line < 0)
				__builtin_trap();
		if (g->diagnosis && !g->diagnosis->kind)
			__builtin_trap();
		if (g->role && (!g->role->name || !g->role->one || !g->role->many))
			__builtin_trap();
		if (g->created_by && (!g->creator.file || g->creator.line < 0))
			__builtin_trap();
		sum += g->count;
	}
	if (sum != d->total)
		__builtin_trap();
	if (d->skipped && (!d->skipped_text || !d->skipped_line))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int aggressive;
	for (aggressive = 0; aggressive < 2; aggressive++) {
		struct dump_options o = { .aggressive = aggressive };
		struct dump d;
		dump_init(&d, &o);
		if (dump_parse(&d, (const char *)data, size) >= 0) {
			dump_analyze(&d, NULL);
			check(&d);
		}
		dump_release(&d);
	}
	return 0;
}
