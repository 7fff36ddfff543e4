/*
 * module.h - the Go import path of a directory, from the go.mod above it.
 *
 * For directory "internal/util" under a go.mod saying `module
 * example.com/app` one level up, the import path is
 * "example.com/app/internal/util". No Go toolchain: the go.mod is found by
 * walking up from the directory's real path, and only its module line is
 * read. Results are cached by the caller (one lookup per package).
 *
 * The standard library is the module "std" (GOROOT/src/go.mod), whose
 * packages are imported by their directory alone: GOROOT/src/net/http is
 * "net/http".
 */
#ifndef PLUMBER_MODULE_H
#define PLUMBER_MODULE_H

#include "base/strbuf.h"
#include "base/strmap.h"

/*
 * Set `out` to the import path of directory `dir` (as printed: relative to
 * the current directory, or absolute). Returns 0, 1 when dir is in the
 * standard library (module std), or -1 when no go.mod with a module line
 * is found above it (out is then left empty).
 */
int module_import_path(const char *dir, struct strbuf *out);

/*
 * The same, reading each directory's go.mod once per cache: a run looks
 * up hundreds of directories under the same few go.mod files. Not thread
 * safe; release with module_cache_release().
 */
struct module_cache {
	struct strmap dirs; /* real directory -> (char **) its module line, or NULL: none */
	struct strmap real; /* directory as given -> (char *) its real path, or NULL: none */
};
#define MODULE_CACHE_INIT { STRMAP_INIT, STRMAP_INIT }
int module_import_path_cached(const char *dir, struct strbuf *out, struct module_cache *mc);
void module_cache_release(struct module_cache *mc);

/*
 * True when directory `dir` is net/http's own package: its import path is
 * "net/http" (the standard library, or a tree laid out like it: a go.mod
 * saying `module std` above src/net/http), or, with no go.mod above it
 * (GOPATH, an old GOROOT), its real path ends in "/src/net/http".
 * `import_path` is what module_import_path() gave for dir, or NULL.
 */
int module_is_net_http(const char *dir, const char *import_path);

/* Parse a go.mod buffer: the module path, or NULL (*len receives its length). */
const char *module_parse_gomod(const char *buf, size_t n, size_t *len);

#endif
