/*
 * code_climate.c - the Code Climate issue format that GitLab's code quality
 * report reads: a JSON array of
 *   {"type":"issue","check_name":RULE,"description":MESSAGE,
 *    "content":{"body":FIX}?,"categories":["Bug Risk"],
 *    "location":{"path":PATH,"lines":{"begin":L,"end":L}},
 *    "severity":"critical"|"major","fingerprint":HEX}
 * GitLab compares the fingerprints of two runs to tell new issues from
 * fixed ones, so a fingerprint must survive edits that do not touch the
 * finding: it hashes the rule, the path and the message with every line
 * number in it made relative to the start of the function around it (code
 * added above the function moves them all), plus how many earlier findings
 * of the file have the same three, never the finding's own line.
 */
#include "lint/emit/emit.h"
#include "lint/cache.h"

#include <ctype.h>

static json_t *issues;

static void code_climate_begin(FILE *out)
{
	UNUSED(out);
	issues = json_array();
}

static void add_line_number(struct strbuf *sb, unsigned long n, uint32_t func_line)
{
	if (func_line && n >= func_line)
		strbuf_addf(sb, "+%lu", n - func_line);
	else
		strbuf_addch(sb, '#');
}

/* The message with "line N" and "lines N-M" made relative to func_line. */
static void stable_message(struct strbuf *sb, const char *msg, uint32_t func_line)
{
	const char *p = msg;

	while (*p) {
		int word = p == msg || !isalnum((unsigned char)p[-1]);
		size_t skip = starts_with(p, "line ") ? 5 : starts_with(p, "lines ") ? 6 : 0;
		if (!word || !skip || !isdigit((unsigned char)p[skip])) {
			strbuf_addch(sb, *p++);
			continue;
		}
		strbuf_add(sb, p, skip);
		p += skip;
		for (;;) {
			char *end;
			add_line_number(sb, strtoul(p, &end, 10), func_line);
			p = end;
			if (*p != '-' || !isdigit((unsigned char)p[1]))
				break;
			strbuf_addch(sb, *p++);
		}
	}
}

static json_t *fingerprint(const char *rule, const char *path, const struct strbuf *msg,
			   size_t occurrence)
{
	struct cache_hasher h;
	struct cache_hash sum;
	char hex[33];

	cache_hash_init(&h);
	cache_hash_str(&h, "plumber code-climate 1", 22);
	cache_hash_str(&h, rule, strlen(rule));
	cache_hash_str(&h, path, strlen(path));
	cache_hash_str(&h, msg->buf, msg->len);
	cache_hash_u64(&h, occurrence);
	sum = cache_hash_done(&h);
	snprintf(hex, sizeof(hex), "%016llx%016llx", (unsigned long long)sum.a,
		 (unsigned long long)sum.b);
	return json_string(hex);
}

static void code_climate_file(FILE *out, const struct lint_file *f)
{
	struct strbuf *stable;
	size_t i, k;

	UNUSED(out);
	if (!f->nr_findings)
		return;
	stable = xcalloc(f->nr_findings, sizeof(*stable));
	for (i = 0; i < f->nr_findings; i++) {
		strbuf_init(&stable[i], 0);
		stable_message(&stable[i], f->findings[i].message, f->findings[i].func_line);
	}
	for (i = 0; i < f->nr_findings; i++) {
		const struct finding *fd = &f->findings[i];
		json_t *o = json_object(), *loc = json_object(), *lines = json_object();
		json_t *cats = json_array();
		size_t same = 0;

		for (k = 0; k < i; k++)
			same += f->findings[k].rule == fd->rule && !strcmp(stable[k].buf, stable[i].buf);
		json_object_set_new(o, "type", json_string("issue"));
		json_object_set_new(o, "check_name", json_string(fd->rule->id));
		json_object_set_new(o, "description", emit_json_string(fd->message));
		if (fd->fix) {
			json_t *content = json_object();
			json_object_set_new(content, "body", emit_json_string(fd->fix));
			json_object_set_new(o, "content", content);
		}
		json_array_append_new(cats, json_string("Bug Risk"));
		json_object_set_new(o, "categories", cats);
		json_object_set_new(loc, "path", emit_json_string(f->path));
		json_object_set_new(lines, "begin", json_integer(fd->line));
		json_object_set_new(lines, "end", json_integer(fd->end_line));
		json_object_set_new(loc, "lines", lines);
		json_object_set_new(o, "location", loc);
		json_object_set_new(o, "severity",
				    json_string(strcmp(fd->rule->severity, "error") ? "major" : "critical"));
		json_object_set_new(o, "fingerprint", fingerprint(fd->rule->id, f->path, &stable[i], same));
		json_array_append_new(issues, o);
	}
	for (i = 0; i < f->nr_findings; i++)
		strbuf_release(&stable[i]);
	free(stable);
}

static void code_climate_end(FILE *out, const struct lint_stats *stats)
{
	UNUSED(stats);
	emit_json_dump(out, issues);
	json_decref(issues);
	issues = NULL;
}

const struct emitter emit_code_climate = { "code-climate", code_climate_begin, code_climate_file,
					   code_climate_end };
