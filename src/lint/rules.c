/*
 * rules.c - the rule registry built from rules.def.
 */
#include "lint/lint.h"

#define RULE(name) extern const struct rule rule_##name;
#include "rules.def"
#undef RULE

const struct rule *const lint_rules[] = {
#define RULE(name) &rule_##name,
#include "rules.def"
#undef RULE
};

const size_t lint_nr_rules = ARRAY_SIZE(lint_rules);

const struct rule_option rule_options_no_return[] = {
	RULE_OPTION_NO_RETURN,
	{ NULL, NULL, 0 },
};
