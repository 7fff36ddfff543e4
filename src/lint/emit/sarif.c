/*
 * sarif.c - SARIF 2.1.0 for code scanning: one run, the rules as
 * reportingDescriptors, one result per finding with a physical location.
 * Columns are in UTF-16 code units (SARIF's default columnKind); artifact
 * URIs are the printed paths, percent-encoded, relative to %SRCROOT%.
 */
#include "lint/emit/emit.h"
#include "base/strbuf.h"
#include "version.h"

static json_t *doc, *results;

static json_t *text_obj(const char *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "text", emit_json_string(s));
	return o;
}

static json_t *uri_of(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb = STRBUF_INIT;
	json_t *j;
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p)) {
			strbuf_addch(&sb, *p);
		} else {
			strbuf_addch(&sb, '%');
			strbuf_addch(&sb, hex[*p >> 4]);
			strbuf_addch(&sb, hex[*p & 15]);
		}
	}
	j = json_string(sb.buf);
	strbuf_release(&sb);
	return j;
}

static void sarif_begin(FILE *out)
{
	json_t *run = json_object(), *tool = json_object(), *driver = json_object();
	json_t *rules = json_array(), *runs = json_array();
	size_t i;

	UNUSED(out);
	doc = json_object();
	json_object_set_new(doc, "$schema", json_string("https://json.schemastore.org/sarif-2.1.0.json"));
	json_object_set_new(doc, "version", json_string("2.1.0"));
	json_object_set_new(driver, "name", json_string("plumber"));
	json_object_set_new(driver, "version", json_string(plumber_version));
	for (i = 0; i < lint_nr_rules; i++) {
		const struct rule *r = lint_rules[i];
		json_t *d = json_object(), *cfg = json_object();
		struct strbuf help = STRBUF_INIT;
		json_t *help_obj = json_object();
		json_object_set_new(d, "id", json_string(r->id));
		json_object_set_new(d, "name", json_string(r->id));
		json_object_set_new(d, "shortDescription", text_obj(r->summary));
		strbuf_addf(&help, "%s. See docs/rules/%s.md.", r->summary, r->id);
		json_object_set_new(help_obj, "text", json_string(help.buf));
		json_object_set_new(d, "help", help_obj);
		strbuf_release(&help);
		json_object_set_new(cfg, "level", json_string(r->severity));
		json_object_set_new(cfg, "enabled", json_boolean(r->default_on));
		json_object_set_new(d, "defaultConfiguration", cfg);
		json_array_append_new(rules, d);
	}
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);
	json_object_set_new(run, "tool", tool);
	json_object_set_new(run, "columnKind", json_string("utf16CodeUnits"));
	results = json_array();
	json_object_set_new(run, "results", results);
	json_array_append_new(runs, run);
	json_object_set_new(doc, "runs", runs);
}

/*
 * A finding's edits as SARIF fixes: one artifactChange with byte-addressed
 * replacements (byteOffset/byteLength do not depend on columnKind).
 */
static json_t *sarif_fixes(const struct lint_file *f, const struct finding *fd)
{
	json_t *fixes = json_array(), *fix = json_object(), *changes = json_array();
	json_t *change = json_object(), *art = json_object(), *repls = json_array();
	size_t k;

	json_object_set_new(fix, "description", text_obj(fd->fix ? fd->fix : "fix"));
	json_object_set_new(art, "uri", uri_of(f->path));
	json_object_set_new(art, "uriBaseId", json_string("%SRCROOT%"));
	json_object_set_new(change, "artifactLocation", art);
	for (k = 0; k < fd->nr_edits; k++) {
		const struct finding_edit *e = &fd->edits[k];
		json_t *r = json_object(), *del = json_object(), *ins = json_object();
		json_object_set_new(del, "byteOffset", json_integer(e->start));
		json_object_set_new(del, "byteLength", json_integer(e->end - e->start));
		json_object_set_new(r, "deletedRegion", del);
		json_object_set_new(ins, "text", emit_json_string(e->text));
		json_object_set_new(r, "insertedContent", ins);
		json_array_append_new(repls, r);
	}
	json_object_set_new(change, "replacements", repls);
	json_array_append_new(changes, change);
	json_object_set_new(fix, "artifactChanges", changes);
	json_array_append_new(fixes, fix);
	return fixes;
}

static void sarif_file(FILE *out, const struct lint_file *f)
{
	size_t i;
	UNUSED(out);
	for (i = 0; i < f->nr_findings; i++) {
		const struct finding *fd = &f->findings[i];
		json_t *res = json_object(), *loc = json_object(), *phys = json_object();
		json_t *art = json_object(), *region = json_object(), *locs = json_array();

		json_object_set_new(res, "ruleId", json_string(fd->rule->id));
		json_object_set_new(res, "ruleIndex", json_integer((json_int_t)emit_rule_index(fd->rule)));
		json_object_set_new(res, "level", json_string(fd->rule->severity));
		json_object_set_new(res, "message", text_obj(fd->message));
		json_object_set_new(art, "uri", uri_of(f->path));
		json_object_set_new(art, "uriBaseId", json_string("%SRCROOT%"));
		json_object_set_new(region, "startLine", json_integer(fd->line));
		json_object_set_new(region, "startColumn", json_integer(fd->col_utf16));
		json_object_set_new(region, "endLine", json_integer(fd->end_line));
		json_object_set_new(region, "endColumn", json_integer(fd->end_col_utf16));
		json_object_set_new(phys, "artifactLocation", art);
		json_object_set_new(phys, "region", region);
		json_object_set_new(loc, "physicalLocation", phys);
		json_array_append_new(locs, loc);
		json_object_set_new(res, "locations", locs);
		if (fd->fix) {
			json_t *props = json_object();
			json_object_set_new(props, "fix", emit_json_string(fd->fix));
			json_object_set_new(res, "properties", props);
		}
		if (fd->nr_edits)
			json_object_set_new(res, "fixes", sarif_fixes(f, fd));
		json_array_append_new(results, res);
	}
}

static void sarif_end(FILE *out, const struct lint_stats *stats)
{
	UNUSED(stats);
	emit_json_dump(out, doc);
	json_decref(doc);
	doc = results = NULL;
}

const struct emitter emit_sarif = { "sarif", sarif_begin, sarif_file, sarif_end };
