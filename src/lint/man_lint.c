/*
 * man_lint.c - the prose of plumber-lint(1) beyond --help; the page's
 * options come from cmd_lint.c's option table (base/manpage.h).
 */
#include "commands.h"
#include "base/manpage.h"
#include "base/strbuf.h"
#include "lint/lint.h"
#include "version.h"

/* RULES, from the rule registry. */
static void rules_prose(struct strbuf *sb)
{
	size_t i;
	strbuf_addstr(sb, "`plumber lint --list-rules` prints this list; each rule has a page under "
			  "docs/rules/ in plumber's source tree.\n\n");
	for (i = 0; i < lint_nr_rules; i++) {
		const struct rule *r = lint_rules[i];
		strbuf_addf(sb, "* `%s`\n%s (%s, %s by default).\n\n", r->id, r->summary, r->severity,
			    r->default_on ? "on" : "off");
	}
}

static const struct man_section lint_sections[] = {
	{ "RULES", NULL, rules_prose },
	{ "OUTPUT FORMATS",
	  "Findings are printed in input order, the same bytes at any `-j`; paths as "
	  "given, relative to the current directory.\n"
	  "\n"
	  "* `text`\n"
	  "file:line:col: rule: message, one line each, like go vet.\n"
	  "\n"
	  "* `json`\n"
	  "one document: {\"version\":1,\"findings\":[...],\"stats\":{...}}; a finding with a "
	  "safe fix carries its edits.\n"
	  "\n"
	  "* `sarif`\n"
	  "SARIF 2.1.0, for GitHub code scanning (upload it with "
	  "github/codeql-action/upload-sarif); fixes as SARIF fixes.\n"
	  "\n"
	  "* `github`\n"
	  "GitHub Actions workflow commands: an annotation on the line of each finding.\n"
	  "\n"
	  "* `checkstyle`\n"
	  "Checkstyle XML, for Jenkins' warnings plugin, reviewdog and other tools that "
	  "read it.\n"
	  "\n"
	  "* `code-climate`\n"
	  "a JSON array of Code Climate issues, for GitLab's code quality report; each "
	  "fingerprint stays the same when lines are added above the finding.\n"
	  "\n"
	  "* `junit-xml`\n"
	  "a JUnit XML test report: a test suite per rule, a failing test case per "
	  "finding (one passing case when nothing is found), for CI test-report views.",
	  NULL },
	{ "SILENCING A FINDING",
	  "A comment on the finding's line, or on a function's declaration for the whole "
	  "function: `//nolint`, `//nolint:<rule>`, `//nolint:plumber`, `//nolint:bodyclose` "
	  "(for body-not-closed) or `//plumber:ignore <rule>`. bodyclose's "
	  "`//bodyclose:handled` on a function declaration is honoured too.",
	  NULL },
	{ "EXIT STATUS",
	  "* 0\n"
	  "nothing found.\n"
	  "\n"
	  "* 1\n"
	  "findings (not those in test code left out by default, nor, with "
	  "`--new-from-rev`, those in code that did not change).\n"
	  "\n"
	  "* 2\n"
	  "a usage error, or an input that could not be linted; the rest is still linted "
	  "and printed.",
	  NULL },
	{ "ENVIRONMENT",
	  "* XDG_CACHE_HOME\n"
	  "the cache lives in $XDG_CACHE_HOME/plumber, else in ~/.cache/plumber "
	  "(`--cache`, `--no-cache`).",
	  NULL },
	{ "EXAMPLES",
	  "    plumber lint ./...\n"
	  "    plumber lint --format sarif ./... > plumber.sarif\n"
	  "    plumber lint --diff ./... | git apply\n"
	  "    plumber lint --new-from-rev origin/main ./...\n"
	  "    plumber lint --enable client-no-timeout --disable server-no-timeouts ./...",
	  NULL },
	{ "SEE ALSO", "plumber(1), plumber-explain(1), plumber-watch(1).", NULL },
	{ NULL, NULL, NULL },
};

const struct man_page man_lint = {
	.name = "plumber-lint",
	.summary = "find HTTP resource leaks in Go source",
	.version = plumber_version,
	.sections = lint_sections,
};
