/*
 * test_lint.c - unit tests of the lint engine run in memory.
 */
#include "test.h"
#include "lint/engine.h"
#include "lint/module.h"

static const char fetch_go[] =
	"package client\n"                                   /* 1 */
	"\n"                                                 /* 2 */
	"import \"net/http\"\n"                              /* 3 */
	"\n"                                                 /* 4 */
	"func short() { return }\n"                          /* 5 */
	"\n"                                                 /* 6 */
	"// fetchStatus forgets the body.\n"                 /* 7 */
	"func fetchStatus(url string) (int, error) {\n"      /* 8 */
	"\tc := &http.Client{Transport: &http.Transport{}}\n" /* 9 */
	"\tresp, err := c.Get(url)\n"                        /* 10 */
	"\tif err != nil {\n"                                /* 11 */
	"\t\treturn 0, err\n"                                /* 12 */
	"\t}\n"                                              /* 13 */
	"\n"                                                 /* 14 */
	"\n"                                                 /* 15 */
	"\n"                                                 /* 16 */
	"\n"                                                 /* 17 */
	"\tdefer func() {}()\n"                              /* 18 */
	"\treturn resp.StatusCode, nil\n"                    /* 19 */
	"}\n"                                                /* 20 */
	"\n"                                                 /* 21 */
	"func asmStub()\n"                                   /* 22 */
	"\n"                                                 /* 23 */
	"func (c *cache) other() {\n"                        /* 24 */
	"\tdefer c.mu.Unlock()\n"                            /* 25 */
	"}\n";                                               /* 26 */

struct seen {
	size_t nr;
	struct { char rule[32]; uint32_t line, func_line, func_end_line; } v[16];
};

static void remember(void *ctx, const struct lint_file *f)
{
	struct seen *s = ctx;
	size_t i;
	for (i = 0; i < f->nr_findings && s->nr < 16; i++, s->nr++) {
		snprintf(s->v[s->nr].rule, sizeof(s->v[s->nr].rule), "%s", f->findings[i].rule->id);
		s->v[s->nr].line = f->findings[i].line;
		s->v[s->nr].func_line = f->findings[i].func_line;
		s->v[s->nr].func_end_line = f->findings[i].func_end_line;
	}
}

/* Each finding names its top-level function's lines (watch --source joins on them). */
TEST(lint_findings_carry_function_range)
{
	unsigned char enabled[64];
	struct walk_entry entry = { .path = (char *)"fetch.go", .size = sizeof(fetch_go) - 1,
				    .data = fetch_go };
	struct walk_result inputs = { .v = &entry, .nr = 1, .alloc = 1 };
	struct lint_options opts = { .jobs = 1, .max_file_size = 1 << 20, .enabled = enabled };
	struct seen seen = { 0 };
	struct lint_sink sink = { remember, &seen };
	struct lint_stats stats;
	size_t i, body = 0, transport = 0;

	memset(enabled, 0, sizeof(enabled));
	for (i = 0; i < lint_nr_rules && i < sizeof(enabled); i++)
		enabled[i] = lint_rules[i]->default_on;
	lint_run(&opts, &inputs, &sink, &stats);
	CHECK(stats.files == 1 && stats.skipped == 0);
	for (i = 0; i < seen.nr; i++) {
		if (!strcmp(seen.v[i].rule, "body-not-closed")) {
			body++;
			CHECK(seen.v[i].line == 10);
		}
		if (!strcmp(seen.v[i].rule, "transport-per-call"))
			transport++;
		/* every finding of this file is inside fetchStatus */
		CHECK(seen.v[i].func_line == 8 && seen.v[i].func_end_line == 20);
	}
	CHECK(body == 1);
	CHECK(transport == 1);
}

TEST(lint_gomod_module_line)
{
	size_t len = 0;
	const char *m;
	static const char plain[] = "// a comment\nmodule example.com/app\n\ngo 1.19\n";
	static const char quoted[] = "module \"example.com/q\" // why\r\n";
	static const char none[] = "go 1.19\nrequire x v1\n";
	static const char modulex[] = "modules are not\nmodule\tm\n";

	m = module_parse_gomod(plain, sizeof(plain) - 1, &len);
	CHECK(m && len == 15 && !memcmp(m, "example.com/app", 15));
	m = module_parse_gomod(quoted, sizeof(quoted) - 1, &len);
	CHECK(m && len == 13 && !memcmp(m, "example.com/q", 13));
	CHECK(module_parse_gomod(none, sizeof(none) - 1, &len) == NULL);
	m = module_parse_gomod(modulex, sizeof(modulex) - 1, &len);
	CHECK(m && len == 1 && m[0] == 'm');
}
