#include "lint/lint.h"
static const char *const needles[] = { "zzzz-placeholder", NULL };
static void check(struct rule_ctx *rc) { UNUSED(rc); }
const struct rule rule_client_no_timeout = { .id = "client-no-timeout", .summary = "todo", .severity = "warning", .default_on = 0, .needles = needles, .check = check };
