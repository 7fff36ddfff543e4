/*
 * emit.h - output formats of plumber lint, one file each.
 *
 * The engine calls `file` once per input file, in input order, from one
 * thread; `end` once with the run's statistics. Text and github formats
 * stream; json and sarif build a document and write it at the end.
 */
#ifndef PLUMBER_EMIT_H
#define PLUMBER_EMIT_H

#include "lint/engine.h"

#include <jansson.h>

struct emitter {
	const char *name;
	void (*begin)(FILE *out);
	void (*file)(FILE *out, const struct lint_file *f);
	void (*end)(FILE *out, const struct lint_stats *stats);
};

extern const struct emitter emit_text, emit_json, emit_sarif, emit_github;

/* A JSON string from bytes that may not be valid UTF-8 (bad bytes become U+FFFD). */
json_t *emit_json_string(const char *s);

/* Write a JSON document followed by a newline; dies when it cannot. */
void emit_json_dump(FILE *out, json_t *doc);

#endif
