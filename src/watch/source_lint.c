/*
 * source_lint.c - build the --source index by running the lint engine in
 * process over DIR (the default rules, as `plumber lint DIR` would).
 *
 * Apart from source.c because lint.h and watch.h both name a
 * `struct finding`: this file sees only lint's.
 */
#include "lint/engine.h"
#include "watch/source.h"


struct collect {
	struct source_index *idx;
};

static void on_file(void *ctx, const struct lint_file *f)
{
	struct collect *c = ctx;
	size_t i, file;

	c->idx->files_linted++;
	if (!f->nr_findings)
		return;
	file = source_index_add_file(c->idx, f->path);
	for (i = 0; i < f->nr_findings; i++) {
		const struct finding *fd = &f->findings[i];
		source_index_add_lint(c->idx, file, (int)fd->line, (int)fd->func_line,
				      (int)fd->func_end_line, fd->rule->id, fd->message);
	}
}

int source_index_load(struct source_index *idx, const char *dir)
{
	struct walk_options wo = { 0 };
	struct walk_result inputs = { 0 };
	struct lint_options lo = { 0 };
	struct lint_stats stats;
	struct collect c = { idx };
	struct lint_sink sink = { on_file, &c };
	unsigned char *enabled;
	size_t i;

	walk_paths(&dir, 1, &wo, &inputs);
	if (inputs.errors) {
		walk_result_release(&inputs);
		return -1;
	}
	enabled = xcalloc(lint_nr_rules, 1);
	for (i = 0; i < lint_nr_rules; i++)
		enabled[i] = (unsigned char)lint_rules[i]->default_on;
	lo.jobs = 0;
	lo.max_file_size = (size_t)32 << 20;
	lo.enabled = enabled;
	lint_run(&lo, &inputs, &sink, &stats);
	free(enabled);
	walk_result_release(&inputs);
	return 0;
}
