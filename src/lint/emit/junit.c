/*
 * junit.c - a JUnit XML test report, for the test-report views of CI
 * (GitLab's test reports, Jenkins' junit step, GitHub test-report actions):
 * one <testsuite> per rule that found something, in rules.def order, and a
 * failing <testcase> per finding, in input order:
 *   <testsuites name="plumber lint" tests="N" failures="N" errors="0">
 *     <testsuite name="RULE" tests="n" failures="n" errors="0" skipped="0">
 *       <testcase name="PATH:L:C" classname="plumber.RULE" file="PATH" line="L">
 *         <failure type="RULE" message="MSG">PATH:L:C: RULE: MSG ...</failure>
 * A run with no findings is one passing testcase ("no findings"), so a
 * report view shows a pass rather than no tests at all. The findings are
 * kept until the end, where they are grouped by rule.
 */
#include "lint/emit/emit.h"

struct junit_case {
	size_t rule;
	char *path, *message, *fix;
	uint32_t line, col;
};

static struct junit_case *cases;
static size_t nr_cases, alloc_cases;

static void junit_begin(FILE *out)
{
	UNUSED(out);
	nr_cases = 0;
}

static void junit_file(FILE *out, const struct lint_file *f)
{
	size_t i;
	UNUSED(out);
	for (i = 0; i < f->nr_findings; i++) {
		const struct finding *fd = &f->findings[i];
		struct junit_case *c;
		ALLOC_GROW(cases, nr_cases + 1, alloc_cases);
		c = &cases[nr_cases++];
		c->rule = emit_rule_index(fd->rule);
		c->path = xstrdup(f->path);
		c->message = xstrdup(fd->message);
		c->fix = fd->fix ? xstrdup(fd->fix) : NULL;
		c->line = fd->line;
		c->col = fd->col;
	}
}

static void write_case(FILE *out, const struct junit_case *c)
{
	const char *rule = lint_rules[c->rule]->id;

	fputs("    <testcase name=\"", out);
	emit_xml_text(out, c->path);
	fprintf(out, ":%u:%u\" classname=\"plumber.%s\" file=\"", c->line, c->col, rule);
	emit_xml_text(out, c->path);
	fprintf(out, "\" line=\"%u\">\n      <failure type=\"%s\" message=\"", c->line, rule);
	emit_xml_text(out, c->message);
	fputs("\">", out);
	emit_xml_text(out, c->path);
	fprintf(out, ":%u:%u: %s: ", c->line, c->col, rule);
	emit_xml_text(out, c->message);
	if (c->fix) {
		fputs("\nfix: ", out);
		emit_xml_text(out, c->fix);
	}
	fputs("</failure>\n    </testcase>\n", out);
}

static void junit_end(FILE *out, const struct lint_stats *stats)
{
	size_t r, i;

	UNUSED(stats);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	if (!nr_cases) {
		fputs("<testsuites name=\"plumber lint\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
		      "  <testsuite name=\"plumber\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
		      "    <testcase name=\"no findings\" classname=\"plumber\"/>\n"
		      "  </testsuite>\n"
		      "</testsuites>\n", out);
		return;
	}
	fprintf(out, "<testsuites name=\"plumber lint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
		nr_cases, nr_cases);
	for (r = 0; r < lint_nr_rules; r++) {
		size_t n = 0;
		for (i = 0; i < nr_cases; i++)
			n += cases[i].rule == r;
		if (!n)
			continue;
		fprintf(out, "  <testsuite name=\"%s\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
			"skipped=\"0\">\n", lint_rules[r]->id, n, n);
		for (i = 0; i < nr_cases; i++)
			if (cases[i].rule == r)
				write_case(out, &cases[i]);
		fputs("  </testsuite>\n", out);
	}
	fputs("</testsuites>\n", out);
	for (i = 0; i < nr_cases; i++) {
		free(cases[i].path);
		free(cases[i].message);
		free(cases[i].fix);
	}
	free(cases);
	cases = NULL;
	nr_cases = alloc_cases = 0;
}

const struct emitter emit_junit = { "junit-xml", junit_begin, junit_file, junit_end };
