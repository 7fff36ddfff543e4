/*
 * imports.h - how a Go file names the packages it imports, net/http above
 * all: `http.Get`, an alias (`nethttp.Get`), a dot import or net/http's
 * own code (plain `Get`). Computed once per parsed file by the engine
 * (lint_file.imports); read-only for rules.
 *
 * net/http's own code is known by import path, never by package name
 * (module.h): a package named http elsewhere is an ordinary package that
 * imports net/http like any other, and its own `type Server struct` is
 * not net/http's.
 */
#ifndef PLUMBER_IMPORTS_H
#define PLUMBER_IMPORTS_H

#include "lint/ast.h"

struct imports {
	struct import_entry {
		const char *name, *path; /* point into the source */
		size_t name_len, path_len;
	} *v;
	size_t nr, alloc;
	int uses_http;   /* net/http is imported (not as _), or this is net/http's own code */
	int is_http;     /* net/http's own code: its directory's import path is net/http and
			    the package clause says http (not its external tests, http_test) */
	char http[64];   /* how to qualify its names: "http", an alias, or "" (dot import,
			    net/http's own code) */
};

/*
 * Read the imports of a parsed file. `in_net_http`: the file's directory
 * is net/http's package (module_is_net_http()).
 */
void imports_collect(struct imports *imp, const struct ast *ast, int in_net_http);
void imports_release(struct imports *imp);

/* The path imported under `name`, or NULL (*plen receives its length). */
const char *imports_path(const struct imports *imp, const char *name, size_t len, size_t *plen);

/* True when identifier node `id` names net/http in this file. */
int imports_is_http(const struct imports *imp, const struct ast *ast, uint32_t id);

/*
 * True when type node n is net/http's `type`: `http.Client` qualified by
 * `hn` (imports.http), or `Client` alone when hn is "".
 */
int imports_http_type(const struct ast *ast, uint32_t n, const char *hn, const char *type);

/* True when expression n names net/http's `value` (`http.DefaultTransport`). */
int imports_http_value(const struct ast *ast, uint32_t n, const char *hn, const char *value);

/* True when `call` calls pkg.name, or plain name when pkg is "". */
int imports_calls(const struct ast *ast, uint32_t call, const char *pkg, const char *name);

#endif
