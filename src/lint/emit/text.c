/*
 * text.c - "file:line:col: rule: message", like go vet.
 */
#include "lint/emit/emit.h"

static void text_begin(FILE *out)
{
	UNUSED(out);
}

static void text_file(FILE *out, const struct lint_file *f)
{
	size_t i;
	for (i = 0; i < f->nr_findings; i++) {
		const struct finding *fd = &f->findings[i];
		fprintf(out, "%s:%u:%u: %s: %s\n", f->path, fd->line, fd->col,
			fd->rule->id, fd->message);
	}
}

static void text_end(FILE *out, const struct lint_stats *stats)
{
	UNUSED(out);
	UNUSED(stats);
}

const struct emitter emit_text = { "text", text_begin, text_file, text_end };
