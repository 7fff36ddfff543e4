/*
 * module.h - the Go import path of a directory, from the go.mod above it.
 *
 * For directory "internal/util" under a go.mod saying `module
 * example.com/app` one level up, the import path is
 * "example.com/app/internal/util". No Go toolchain: the go.mod is found by
 * walking up from the directory's real path, and only its module line is
 * read. Results are cached by the caller (one lookup per package).
 */
#ifndef PLUMBER_MODULE_H
#define PLUMBER_MODULE_H

#include "base/strbuf.h"

/*
 * Set `out` to the import path of directory `dir` (as printed: relative to
 * the current directory, or absolute). Returns 0, or -1 when no go.mod
 * with a module line is found above it (out is then left empty).
 */
int module_import_path(const char *dir, struct strbuf *out);

/* Parse a go.mod buffer: the module path, or NULL (*len receives its length). */
const char *module_parse_gomod(const char *buf, size_t n, size_t *len);

#endif
