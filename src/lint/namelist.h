/*
 * namelist.h - functions and types a user names in a config file (the
 * per-rule options of .plumber.yml, config.h), matched against the
 * source the way Go code writes them.
 *
 * A function entry is one of
 *
 *	Name               any call of a function or method called Name:
 *	                   Name(...), x.Name(...), pkg.Name(...)
 *	pkg.Name           pkg.Name(...) where pkg is a package the file
 *	                   imports, whose import path is pkg or ends in /pkg
 *	                   (whatever name the file gives it)
 *	example.com/x.Name the same, by a longer part of the import path
 *
 * A type entry is `Type` (a type of that name in any package) or
 * `pkg.Type` / `example.com/pkg.Type` (matched on the import path as
 * above). There are no types to check against: a call is matched by its
 * syntax and the file's imports, a type by what types.h found.
 *
 * The lists are struct strvec (base/options.h); all functions are
 * read-only and thread safe.
 */
#ifndef PLUMBER_NAMELIST_H
#define PLUMBER_NAMELIST_H

#include "lint/ast.h"

struct strvec;
struct imports;

/*
 * Is `s` a well-formed entry (a function or a type name, qualified or
 * not)? Returns NULL when it is, else what is wrong with it, for an
 * error message ("an empty name", "'x y' is not a Go name").
 */
const char *namelist_check(const char *s);

/*
 * True when `call` (a call_expression) calls a function of `names`.
 * `imp` (the file's imports) resolves qualifiers; with NULL only
 * unqualified entries can match. `names` may be NULL (an empty list).
 */
int namelist_calls(const struct strvec *names, const struct ast *ast, const struct imports *imp,
		   uint32_t call);

/*
 * True when the named type pkg.name (pkg: its import path, "" for the
 * package being linted) is one of `names`.
 */
int namelist_has_type(const struct strvec *names, const char *pkg, size_t pkg_len, const char *name,
		      size_t name_len);

#endif
