/*
 * json.c - the lint JSON document of DESIGN.md:
 * {"version":1,"findings":[{rule,severity,file,line,column,end_line,
 *  end_column,message,fix?,edits?}],"stats":{files,bytes,skipped,tests_hidden,
 *  tests_unlinted,generated_unlinted,packages,packages_cached,elapsed_ms}};
 * packages_cached counts the packages whose results came from the cache;
 * tests_unlinted counts the test files the test policy did not lint,
 * tests_hidden the findings in test code it left out of files it linted,
 * generated_unlinted the generated files read for their declarations only
 * (engine.h), as the text format's stderr lines do.
 * edits: [{file,line,column,end_line,end_column,new_text}], 1-based, end
 * exclusive, byte columns.
 */
#include "lint/emit/emit.h"
#include "base/strbuf.h"

static json_t *doc, *findings;

json_t *emit_json_string(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;
	strbuf_add_utf8(&sb, s, strlen(s));
	j = json_stringn(sb.buf, sb.len);
	strbuf_release(&sb);
	if (!j)
		die("cannot build a JSON string");
	return j;
}

void emit_json_dump(FILE *out, json_t *d)
{
	if (json_dumpf(d, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0)
		die("cannot write JSON output");
	fputc('\n', out);
}

static void json_begin(FILE *out)
{
	UNUSED(out);
	doc = json_object();
	findings = json_array();
	json_object_set_new(doc, "version", json_integer(1));
	json_object_set_new(doc, "findings", findings);
}

static void json_file(FILE *out, const struct lint_file *f)
{
	size_t i;
	UNUSED(out);
	for (i = 0; i < f->nr_findings; i++) {
		const struct finding *fd = &f->findings[i];
		json_t *o = json_object();
		json_object_set_new(o, "rule", json_string(fd->rule->id));
		json_object_set_new(o, "severity", json_string(fd->rule->severity));
		json_object_set_new(o, "file", emit_json_string(f->path));
		json_object_set_new(o, "line", json_integer(fd->line));
		json_object_set_new(o, "column", json_integer(fd->col));
		json_object_set_new(o, "end_line", json_integer(fd->end_line));
		json_object_set_new(o, "end_column", json_integer(fd->end_col));
		json_object_set_new(o, "message", emit_json_string(fd->message));
		if (fd->fix)
			json_object_set_new(o, "fix", emit_json_string(fd->fix));
		if (fd->nr_edits) {
			json_t *edits = json_array();
			size_t k;
			for (k = 0; k < fd->nr_edits; k++) {
				const struct finding_edit *e = &fd->edits[k];
				json_t *je = json_object();
				json_object_set_new(je, "file", emit_json_string(f->path));
				json_object_set_new(je, "line", json_integer(e->line));
				json_object_set_new(je, "column", json_integer(e->col));
				json_object_set_new(je, "end_line", json_integer(e->end_line));
				json_object_set_new(je, "end_column", json_integer(e->end_col));
				json_object_set_new(je, "new_text", emit_json_string(e->text));
				json_array_append_new(edits, je);
			}
			json_object_set_new(o, "edits", edits);
		}
		json_array_append_new(findings, o);
	}
}

static void json_end(FILE *out, const struct lint_stats *st)
{
	json_t *stats = json_object();
	json_object_set_new(stats, "files", json_integer((json_int_t)st->files));
	json_object_set_new(stats, "bytes", json_integer((json_int_t)st->bytes));
	json_object_set_new(stats, "skipped", json_integer((json_int_t)st->skipped));
	json_object_set_new(stats, "tests_hidden", json_integer((json_int_t)st->hidden_tests));
	json_object_set_new(stats, "tests_unlinted", json_integer((json_int_t)st->tests_unlinted));
	json_object_set_new(stats, "generated_unlinted", json_integer((json_int_t)st->generated));
	json_object_set_new(stats, "packages", json_integer((json_int_t)st->packages));
	json_object_set_new(stats, "packages_cached", json_integer((json_int_t)st->cached_packages));
	json_object_set_new(stats, "files_unread", json_integer((json_int_t)st->files_unread));
	json_object_set_new(stats, "elapsed_ms", json_integer((json_int_t)(st->elapsed_ms + 0.5)));
	json_object_set_new(doc, "stats", stats);
	emit_json_dump(out, doc);
	json_decref(doc);
	doc = findings = NULL;
}

const struct emitter emit_json = { "json", json_begin, json_file, json_end };
