/*
 * emit.c - helpers the output formats share.
 */
#include "lint/emit/emit.h"

size_t emit_rule_index(const struct rule *r)
{
	size_t i;
	for (i = 0; i < lint_nr_rules; i++)
		if (lint_rules[i] == r)
			return i;
	BUG("rule %s not registered", r->id);
}
