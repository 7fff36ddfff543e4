/*
 * module.c - see module.h.
 */
#include "lint/module.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

const char *module_parse_gomod(const char *buf, size_t n, size_t *len)
{
	const char *p = buf, *end = buf + n;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = eol ? eol : end, *s = p, *e;

		while (s < line_end && (*s == ' ' || *s == '\t'))
			s++;
		if ((size_t)(line_end - s) > 7 && !memcmp(s, "module", 6) &&
		    (s[6] == ' ' || s[6] == '\t')) {
			s += 7;
			while (s < line_end && (*s == ' ' || *s == '\t'))
				s++;
			e = s;
			if (e < line_end && *e == '"') { /* module "example.com/x" */
				s = ++e;
				while (e < line_end && *e != '"')
					e++;
			} else {
				while (e < line_end && *e != ' ' && *e != '\t' && *e != '\r')
					e++;
			}
			if (e > s) {
				*len = (size_t)(e - s);
				return s;
			}
			return NULL;
		}
		p = eol ? eol + 1 : end;
	}
	return NULL;
}

/*
 * The module line of dir/go.mod (dir: a real path of dirlen bytes), or
 * NULL; read once per directory when a cache is given.
 */
static const char *gomod_module(struct module_cache *mc, const char *dir, size_t dirlen,
				struct strbuf *gomod, size_t *len)
{
	struct strbuf path = STRBUF_INIT;
	const char *mod = NULL;
	char **hit;
	long n;

	if (mc && (hit = strmap_get(&mc->dirs, dir, dirlen))) {
		*len = *hit ? strlen(*hit) : 0;
		return *hit;
	}
	strbuf_add(&path, dir, dirlen);
	strbuf_addstr(&path, "/go.mod");
	strbuf_reset(gomod);
	n = strbuf_read_file(gomod, path.buf, 1 << 20);
	if (n >= 0)
		mod = module_parse_gomod(gomod->buf, gomod->len, len);
	if (mc) {
		char **slot = xcalloc(1, sizeof(*slot));
		*slot = mod ? xstrndup(mod, *len) : NULL;
		strmap_put(&mc->dirs, xstrndup(dir, dirlen), dirlen, slot);
		mod = *slot;
	}
	strbuf_release(&path);
	return mod;
}

void module_cache_release(struct module_cache *mc)
{
	size_t i;
	for (i = 0; i < mc->dirs.cap; i++) {
		char **slot = mc->dirs.slots[i].value;
		if (!mc->dirs.slots[i].key)
			continue;
		free((char *)mc->dirs.slots[i].key);
		free(*slot);
		free(slot);
	}
	strmap_clear(&mc->dirs);
	for (i = 0; i < mc->real.cap; i++) {
		if (!mc->real.slots[i].key)
			continue;
		free((char *)mc->real.slots[i].key);
		free(mc->real.slots[i].value);
	}
	strmap_clear(&mc->real);
}

/*
 * realpath(dir) into real (PATH_MAX bytes), through mc when given: a
 * directory's real path is its parent's and its name, unless it is a
 * symbolic link (one lstat, where realpath reads every element's link
 * and the working directory: a run asks for hundreds of directories
 * under the same few). Returns real, or NULL as realpath does.
 */
static char *real_dir(struct module_cache *mc, const char *dir, char *real)
{
	size_t len = strlen(dir);
	const char *name = strrchr(dir, '/'), *hit;
	char *ret = NULL, *parent;
	struct stat st;

	if (!mc)
		return realpath(dir, real);
	if ((hit = strmap_get(&mc->real, dir, len)))
		return memcpy(real, hit, strlen(hit) + 1); /* < PATH_MAX: it was one */
	/* "x/y" has parent "x"; "y" has "."; "/y" has "/" */
	parent = name ? xstrndup(dir, name == dir ? 1 : (size_t)(name - dir)) : xstrdup(".");
	name = name ? name + 1 : dir;
	if (!*name || !strcmp(name, ".") || !strcmp(name, "..") || !strcmp(dir, parent) ||
	    lstat(dir, &st) || !S_ISDIR(st.st_mode)) {
		ret = realpath(dir, real); /* the top, a link, or odd: ask the system */
	} else if (real_dir(mc, parent, real)) {
		size_t pl = strlen(real), nl = strlen(name);
		if (pl + 1 + nl < PATH_MAX) {
			if (pl > 1)
				real[pl++] = '/';
			memcpy(real + pl, name, nl + 1);
			ret = real;
		}
	}
	free(parent);
	if (ret)
		strmap_put(&mc->real, xstrdup(dir), len, xstrdup(real));
	return ret;
}

int module_import_path(const char *dir, struct strbuf *out)
{
	return module_import_path_cached(dir, out, NULL);
}

int module_import_path_cached(const char *dir, struct strbuf *out, struct module_cache *mc)
{
	char real[PATH_MAX];
	struct strbuf gomod = STRBUF_INIT, path = STRBUF_INIT;
	size_t len, tail;
	int rc = -1;

	strbuf_reset(out);
	if (!real_dir(mc, dir, real))
		return -1;
	strbuf_addstr(&path, real);
	tail = path.len;
	for (;;) {
		const char *mod;

		if ((mod = gomod_module(mc, real, tail, &gomod, &len))) {
			int std = len == 3 && !memcmp(mod, "std", 3);
			if (std && real[tail] != '/')
				break; /* GOROOT/src itself is no package */
			if (std) {
				/* GOROOT/src: the standard library's paths have no prefix */
				strbuf_addstr(out, real + tail + 1);
			} else {
				strbuf_add(out, mod, len);
				strbuf_addstr(out, real + tail); /* the rest: "/internal/util" */
			}
			rc = std;
			break;
		}
		/* one directory up */
		while (tail > 0 && real[tail - 1] != '/')
			tail--;
		if (tail <= 1)
			break;
		tail--;
		strbuf_setlen(&path, 0);
		strbuf_add(&path, real, tail);
	}
	strbuf_release(&gomod);
	strbuf_release(&path);
	return rc;
}

int module_is_net_http(const char *dir, const char *import_path)
{
	char real[PATH_MAX];

	if (import_path)
		return !strcmp(import_path, "net/http");
	return realpath(dir, real) && ends_with(real, "/src/net/http");
}
