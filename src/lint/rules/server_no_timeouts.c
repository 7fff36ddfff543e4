#include "lint/lint.h"
static const char *const needles[] = { "zzzz-placeholder", NULL };
static void check(struct rule_ctx *rc) { UNUSED(rc); }
const struct rule rule_server_no_timeouts = { .id = "server-no-timeouts", .summary = "todo", .severity = "warning", .default_on = 0, .needles = needles, .check = check };
