#include "lint/lint.h"
static const char *const needles[] = { "zzzz-placeholder", NULL };
static void check(struct rule_ctx *rc) { UNUSED(rc); }
const struct rule rule_buffered_file_response = { .id = "buffered-file-response", .summary = "todo", .severity = "warning", .default_on = 0, .needles = needles, .check = check };
