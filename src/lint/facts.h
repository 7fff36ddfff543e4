/*
 * facts.h - what a rule may know about the whole package a file is in.
 *
 * Computed once per package (directory) by the worker that owns it,
 * before any rule runs, from the syntax trees of the package's files.
 * Read-only for rules.
 */
#ifndef PLUMBER_FACTS_H
#define PLUMBER_FACTS_H

#include "lint/lint.h"
#include "base/strmap.h"

struct pkg_facts {
	struct lint_file **files;
	size_t nr_files;
	/* function name -> struct func_fact * (see facts.c); may be empty */
	struct strmap funcs;
	struct arena arena;
};

void facts_compute(struct pkg_facts *pf, struct lint_file **files, size_t nr);
void facts_release(struct pkg_facts *pf);

#endif
