/*
 * facts.c - package facts (see facts.h).
 */
#include "lint/facts.h"

void facts_compute(struct pkg_facts *pf, struct lint_file **files, size_t nr)
{
	memset(pf, 0, sizeof(*pf));
	pf->files = files;
	pf->nr_files = nr;
}

void facts_release(struct pkg_facts *pf)
{
	strmap_clear(&pf->funcs);
	arena_release(&pf->arena);
	memset(pf, 0, sizeof(*pf));
}
