/*
 * emit.h - output formats of plumber lint, one file each.
 *
 * The engine calls `file` once per input file, in input order, from one
 * thread; `end` once with the run's statistics. Text, github and
 * checkstyle stream; json, sarif, code-climate and junit-xml build a
 * document and write it at the end.
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
extern const struct emitter emit_checkstyle, emit_code_climate, emit_junit;

/* The position of r in lint_rules[] (rules.def order). */
size_t emit_rule_index(const struct rule *r);

/* A JSON string from bytes that may not be valid UTF-8 (bad bytes become U+FFFD). */
json_t *emit_json_string(const char *s);

/* Write a JSON document followed by a newline; dies when it cannot. */
void emit_json_dump(FILE *out, json_t *doc);

/*
 * Write s as XML 1.0 character data, fit for an attribute value too: the
 * five markup characters as entities, tab, newline and carriage return as
 * character references (an attribute value would turn them into spaces),
 * the control characters and noncharacters XML 1.0 cannot carry and bytes
 * that are not UTF-8 as U+FFFD.
 */
void emit_xml_text(FILE *out, const char *s);

#endif
