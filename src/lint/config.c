/*
 * config.c - see config.h.
 */
#include "lint/config.h"
#include "lint/lint.h"
#include "lint/namelist.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

/* ---------------------------------------------------------------- finding the file */

static int exists(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	int ret;

	strbuf_addf(&sb, "%s%s%s", dir, *dir ? "/" : "", name);
	ret = lstat(sb.buf, &st) == 0;
	strbuf_release(&sb);
	return ret;
}

int config_find(struct strbuf *path)
{
	struct strbuf up = STRBUF_INIT;
	char cwd[PATH_MAX];
	size_t depth = 0, len;
	int found = 0;

	if (!getcwd(cwd, sizeof(cwd)))
		return 0;
	len = strlen(cwd);
	for (;;) {
		if (exists(up.buf, CONFIG_NAME)) {
			strbuf_reset(path);
			strbuf_addf(path, "%s%s" CONFIG_NAME, up.buf, up.len ? "/" : "");
			found = 1;
			break;
		}
		/* the repository root ends the search, and so does / */
		if (exists(up.buf, ".git") || len <= 1)
			break;
		while (len > 1 && cwd[len - 1] != '/')
			len--;
		if (len > 1)
			len--; /* the slash, unless it is the root's */
		strbuf_addstr(&up, depth++ ? "/.." : "..");
	}
	strbuf_release(&up);
	return found;
}

/* ---------------------------------------------------------------- globs */

/* Match glob elements g[0..ng) against path elements s[0..ns), ** spanning any number. */
static int match_elems(char **g, size_t ng, char **s, size_t ns)
{
	if (!ng)
		return 1; /* what is left of the path lies below a match */
	if (!strcmp(g[0], "**"))
		return match_elems(g + 1, ng - 1, s, ns) || (ns && match_elems(g, ng, s + 1, ns - 1));
	return ns && !fnmatch(g[0], s[0], 0) && match_elems(g + 1, ng - 1, s + 1, ns - 1);
}

/* Split a copy of s at '/' into *v (pointers into the returned copy). */
static char *split_path(const char *s, char ***v, size_t *nr)
{
	char *copy = xstrdup(s), *p = copy;
	size_t alloc = 0;

	*v = NULL;
	*nr = 0;
	for (;;) {
		char *slash = strchr(p, '/');
		ALLOC_GROW(*v, *nr + 1, alloc);
		(*v)[(*nr)++] = p;
		if (!slash)
			break;
		*slash = '\0';
		p = slash + 1;
	}
	return copy;
}

int config_glob_matches(const char *glob, const char *rel)
{
	char **g, **s, *gc, *sc;
	size_t ng, ns;
	int ret;

	gc = split_path(glob, &g, &ng);
	sc = split_path(rel, &s, &ns);
	ret = match_elems(g, ng, s, ns);
	free(g);
	free(s);
	free(gc);
	free(sc);
	return ret;
}

/*
 * Clean a glob as written: "./a/" -> "a". Returns NULL, or what is wrong
 * with it.
 */
static const char *clean_glob(const char *in, char **out)
{
	struct strbuf sb = STRBUF_INIT;
	char **v, *copy;
	size_t nr, i;

	while (in[0] == '.' && in[1] == '/')
		in += 2;
	while (*in == '/')
		in++;
	strbuf_addstr(&sb, in);
	while (sb.len && sb.buf[sb.len - 1] == '/')
		strbuf_setlen(&sb, sb.len - 1);
	if (!sb.len) {
		strbuf_release(&sb);
		return "an empty path";
	}
	copy = split_path(sb.buf, &v, &nr);
	for (i = 0; i < nr; i++)
		if (!*v[i] || !strcmp(v[i], "..") || !strcmp(v[i], "."))
			break;
	free(v);
	free(copy);
	if (i < nr) {
		strbuf_release(&sb);
		return "a path with an empty, '.' or '..' element";
	}
	*out = strbuf_detach(&sb, NULL);
	return NULL;
}

/* ---------------------------------------------------------------- parsing */

struct parser {
	yaml_document_t *doc;
	const char *name;
	struct strbuf *err;
	struct lint_config *cfg;
	/* enable and disable, before they are combined */
	uint32_t *enable_line, *disable_line; /* [lint_nr_rules] */
	uint32_t enable_all, disable_all;
	struct strbuf shown; /* see shown() */
};

static uint32_t line_of(const yaml_node_t *n)
{
	return (uint32_t)n->start_mark.line + 1;
}

static int fail(struct parser *p, const yaml_node_t *n, const char *fmt, ...) PRINTF_LIKE(3, 4);
static int fail(struct parser *p, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	strbuf_addf(p->err, "%s:%u:%zu: ", p->name, line_of(n), n->start_mark.column + 1);
	va_start(ap, fmt);
	strbuf_vaddf(p->err, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *text(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/*
 * Scalar n's text for a message: control characters escaped, so the
 * message stays one line whatever the file holds. Valid until the next
 * call.
 */
static const char *shown(struct parser *p, const yaml_node_t *n)
{
	const unsigned char *s = n->data.scalar.value;
	size_t i;

	strbuf_reset(&p->shown);
	for (i = 0; i < n->data.scalar.length; i++) {
		if (s[i] < 0x20 || s[i] == 0x7f)
			strbuf_addf(&p->shown, "\\x%02x", s[i]);
		else
			strbuf_addch(&p->shown, (char)s[i]);
	}
	return p->shown.buf;
}

static int is_null(const yaml_node_t *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t i;
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	for (i = 0; i < ARRAY_SIZE(nulls); i++)
		if (!strcmp(text(n), nulls[i]))
			return 1;
	return 0;
}

/* What node n is, for "... is <that>; expected ...". */
static const char *kind_of(const yaml_node_t *n)
{
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	return is_null(n) ? "empty" : "a single value";
}

/* A scalar that is a string: not null, no NUL byte in it. Else an error. */
static int want_string(struct parser *p, const yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SCALAR_NODE || is_null(n))
		return fail(p, n, "%s is %s; expected %s", what, kind_of(n), what);
	if (strlen(text(n)) != n->data.scalar.length)
		return fail(p, n, "%s holds a NUL byte; expected %s", what, what);
	return 0;
}

/*
 * The items of list node n (a YAML sequence; empty is an empty list), in
 * *items; -1 with an error when it is not a list.
 */
static int want_list(struct parser *p, const yaml_node_t *n, const char *key, const char *of,
		     yaml_node_item_t **items, size_t *nr)
{
	*items = NULL;
	*nr = 0;
	if (is_null(n))
		return 0;
	if (n->type != YAML_SEQUENCE_NODE)
		return fail(p, n, "'%s' is %s; expected a list of %s, like [a, b]", key, kind_of(n), of);
	*items = n->data.sequence.items.start;
	*nr = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	return 0;
}

static yaml_node_t *node(struct parser *p, int index)
{
	return yaml_document_get_node(p->doc, index);
}

/* The names of the rules, for "expected one of ...". */
static void rule_names(struct strbuf *sb)
{
	size_t i;
	for (i = 0; i < lint_nr_rules; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", lint_rules[i]->id);
}

/* The rule named by scalar n: its index, lint_nr_rules for "all" (when allowed), -1 on error. */
static long find_rule(struct parser *p, const yaml_node_t *n, int all_ok)
{
	struct strbuf names = STRBUF_INIT;
	size_t i;

	if (want_string(p, n, "a rule name"))
		return -1;
	if (all_ok && !strcmp(text(n), "all"))
		return (long)lint_nr_rules;
	for (i = 0; i < lint_nr_rules; i++)
		if (!strcmp(lint_rules[i]->id, text(n)))
			return (long)i;
	rule_names(&names);
	fail(p, n, "unknown rule '%s'; expected %s%s", shown(p, n), all_ok ? "all or " : "", names.buf);
	strbuf_release(&names);
	return -1;
}

/*
 * The rules of list node n (key names it) into lines[] (the line of
 * each), "all" into *all.
 */
static int parse_rule_list(struct parser *p, const yaml_node_t *n, const char *key, uint32_t *lines,
			   uint32_t *all)
{
	yaml_node_item_t *items;
	size_t nr, i;

	if (want_list(p, n, key, "rule names", &items, &nr))
		return -1;
	for (i = 0; i < nr; i++) {
		const yaml_node_t *item = node(p, items[i]);
		long r = find_rule(p, item, all != NULL);
		if (r < 0)
			return -1;
		if ((size_t)r == lint_nr_rules)
			*all = line_of(item);
		else
			lines[r] = line_of(item);
	}
	return 0;
}

static int parse_enable(struct parser *p, const yaml_node_t *key, const yaml_node_t *v)
{
	return parse_rule_list(p, v, text(key), p->enable_line, &p->enable_all);
}

static int parse_disable(struct parser *p, const yaml_node_t *key, const yaml_node_t *v)
{
	return parse_rule_list(p, v, text(key), p->disable_line, &p->disable_all);
}

/* A true or false of key `name` into *out, and its line into *line. */
static int parse_bool(struct parser *p, const char *name, const yaml_node_t *v, int *out,
		      uint32_t *line)
{
	static const char *const yes[] = { "true", "True", "TRUE" }, *const no[] = { "false", "False", "FALSE" };
	size_t i;

	if (v->type == YAML_SCALAR_NODE && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		for (i = 0; i < ARRAY_SIZE(yes); i++) {
			if (!strcmp(text(v), yes[i]) || !strcmp(text(v), no[i])) {
				*out = !strcmp(text(v), yes[i]);
				*line = line_of(v);
				return 0;
			}
		}
	if (v->type == YAML_SCALAR_NODE && !is_null(v))
		return fail(p, v, "'%s' is '%s'; expected true or false", name, shown(p, v));
	return fail(p, v, "'%s' is %s; expected true or false", name, kind_of(v));
}

static int parse_tests(struct parser *p, const yaml_node_t *key, const yaml_node_t *v)
{
	(void)key;
	return parse_bool(p, "tests", v, &p->cfg->tests, &p->cfg->tests_line);
}

static int parse_generated(struct parser *p, const yaml_node_t *key, const yaml_node_t *v)
{
	(void)key;
	return parse_bool(p, "generated", v, &p->cfg->generated, &p->cfg->generated_line);
}

/* A glob of node n, cleaned, into *out. */
static int parse_glob(struct parser *p, const yaml_node_t *n, char **out)
{
	const char *bad;
	if (want_string(p, n, "a path glob"))
		return -1;
	bad = clean_glob(text(n), out);
	if (bad)
		return fail(p, n, "'%s' is %s; expected a path relative to the config file's "
			    "directory, inside it (like internal/legacy/** or **/*_gen.go)", shown(p, n), bad);
	return 0;
}

/* An exclude entry: a glob. */
static int parse_exclude_glob(struct parser *p, const yaml_node_t *n, struct config_glob *g)
{
	g->line = line_of(n);
	return parse_glob(p, n, &g->glob);
}

/*
 * A list whose entries parse_entry turns into globs: exclude's and
 * exclude-rules'. Each is counted before it is parsed, so that
 * config_release() frees what a failed one holds.
 */
static int parse_globs(struct parser *p, const yaml_node_t *key, const yaml_node_t *v, const char *of,
		       int (*parse_entry)(struct parser *, const yaml_node_t *, struct config_glob *),
		       struct config_glob **out, size_t *nr_out)
{
	yaml_node_item_t *items;
	size_t nr, i;

	if (want_list(p, v, text(key), of, &items, &nr))
		return -1;
	*out = xcalloc(nr ? nr : 1, sizeof(**out));
	for (i = 0; i < nr; i++)
		if (parse_entry(p, node(p, items[i]), &(*out)[(*nr_out)++]))
			return -1;
	return 0;
}

static int parse_exclude(struct parser *p, const yaml_node_t *key, const yaml_node_t *v)
{
	return parse_globs(p, key, v, "path globs", parse_exclude_glob, &p->cfg->exclude,
			   &p->cfg->nr_exclude);
}

/* Scalar key k of a mapping: a string, or an error naming `where`. */
static int want_key(struct parser *p, const yaml_node_t *k, const char *where)
{
	if (k->type != YAML_SCALAR_NODE)
		return fail(p, k, "a key of %s is %s; expected a name", where, kind_of(k));
	return want_string(p, k, "a key");
}

/* No key of mapping m repeats: `seen` marks the earlier ones (lines by index). */
static int once(struct parser *p, const yaml_node_t *k, uint32_t *seen_line)
{
	if (*seen_line)
		return fail(p, k, "'%s' is given twice (first at line %u); expected it once", text(k),
			    *seen_line);
	*seen_line = line_of(k);
	return 0;
}

static int parse_exclude_rule(struct parser *p, const yaml_node_t *entry, struct config_glob *g)
{
	yaml_node_pair_t *pair;
	const yaml_node_t *rules = NULL;
	uint32_t path_line = 0, rules_line = 0, *lines;
	size_t i;

	if (entry->type != YAML_MAPPING_NODE)
		return fail(p, entry, "an exclude-rules entry is %s; expected a mapping like "
			    "{path: GLOB, rules: [RULE...]}", kind_of(entry));
	for (pair = entry->data.mapping.pairs.start; pair < entry->data.mapping.pairs.top; pair++) {
		const yaml_node_t *k = node(p, pair->key), *v = node(p, pair->value);
		if (want_key(p, k, "an exclude-rules entry"))
			return -1;
		if (!strcmp(text(k), "path")) {
			if (once(p, k, &path_line) || parse_glob(p, v, &g->glob))
				return -1;
		} else if (!strcmp(text(k), "rules")) {
			if (once(p, k, &rules_line))
				return -1;
			rules = v;
		} else {
			return fail(p, k, "unknown key '%s' in an exclude-rules entry; expected path or "
				    "rules", shown(p, k));
		}
	}
	if (!path_line || !rules_line)
		return fail(p, entry, "an exclude-rules entry without %s; expected path and rules",
			    path_line ? "rules" : "path");
	g->line = path_line;
	g->rules = xcalloc(lint_nr_rules, 1);
	lines = xcalloc(lint_nr_rules, sizeof(*lines));
	{
		uint32_t all = 0;
		if (parse_rule_list(p, rules, "rules", lines, &all)) {
			free(lines);
			return -1;
		}
		for (i = 0; i < lint_nr_rules; i++)
			g->rules[i] = all || lines[i];
	}
	free(lines);
	return 0;
}

static int parse_exclude_rules(struct parser *p, const yaml_node_t *key, const yaml_node_t *v)
{
	return parse_globs(p, key, v, "{path: GLOB, rules: [RULE...]} entries", parse_exclude_rule,
			   &p->cfg->exclude_rules, &p->cfg->nr_exclude_rules);
}

/* "closers, clients or no-return" */
static void option_names(struct strbuf *sb, const struct rule *r)
{
	size_t i, n = 0;
	while (r->options && r->options[n].name)
		n++;
	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", r->options[i].name);
}

/* The options of rule r (index ri), mapping node m. */
static int parse_rule_options(struct parser *p, size_t ri, const yaml_node_t *m)
{
	const struct rule *r = lint_rules[ri];
	struct lint_config *cfg = p->cfg;
	yaml_node_pair_t *pair;
	size_t n = 0;

	while (r->options && r->options[n].name)
		n++;
	if (is_null(m))
		return 0;
	if (m->type != YAML_MAPPING_NODE)
		return fail(p, m, "the options of %s are %s; expected a mapping of option: [values]",
			    r->id, kind_of(m));
	if (!cfg->values[ri] && n) {
		cfg->values[ri] = xcalloc(n, sizeof(*cfg->values[ri]));
		cfg->value_lines[ri] = xcalloc(n, sizeof(*cfg->value_lines[ri]));
	}
	for (pair = m->data.mapping.pairs.start; pair < m->data.mapping.pairs.top; pair++) {
		const yaml_node_t *k = node(p, pair->key), *v = node(p, pair->value);
		yaml_node_item_t *items;
		size_t nr, i;
		int oi;

		if (want_key(p, k, "a rule's options"))
			return -1;
		oi = lint_rule_option(r, text(k));
		if (oi < 0) {
			struct strbuf names = STRBUF_INIT;
			if (!n)
				return fail(p, k, "unknown option '%s': %s has no options; expected none",
					    shown(p, k), r->id);
			option_names(&names, r);
			fail(p, k, "unknown option '%s' of %s; expected %s", shown(p, k), r->id, names.buf);
			strbuf_release(&names);
			return -1;
		}
		if (once(p, k, &cfg->value_lines[ri][oi]) ||
		    want_list(p, v, text(k), r->options[oi].help, &items, &nr))
			return -1;
		for (i = 0; i < nr; i++) {
			const yaml_node_t *item = node(p, items[i]);
			const char *bad;
			if (want_string(p, item, "a name"))
				return -1;
			bad = namelist_check(text(item));
			if (bad)
				return fail(p, item, "'%s' in %s of %s: %s; expected Name, pkg.Name or "
					    "import/path.Name", shown(p, item), text(k), r->id, bad);
			strvec_push(&cfg->values[ri][oi], text(item));
		}
	}
	return 0;
}

static int parse_rules(struct parser *p, const yaml_node_t *key, const yaml_node_t *v)
{
	yaml_node_pair_t *pair;
	uint32_t *seen;
	int ret = 0;

	(void)key;
	if (is_null(v))
		return 0;
	if (v->type != YAML_MAPPING_NODE)
		return fail(p, v, "'rules' is %s; expected a mapping of rule: {option: [values]}",
			    kind_of(v));
	seen = xcalloc(lint_nr_rules, sizeof(*seen));
	for (pair = v->data.mapping.pairs.start; pair < v->data.mapping.pairs.top && !ret; pair++) {
		const yaml_node_t *k = node(p, pair->key);
		long ri = find_rule(p, k, 0);
		ret = ri < 0 || once(p, k, &seen[ri]) ||
		      parse_rule_options(p, (size_t)ri, node(p, pair->value)) ? -1 : 0;
	}
	free(seen);
	return ret;
}

static const struct config_key {
	const char *name;
	int (*parse)(struct parser *p, const yaml_node_t *key, const yaml_node_t *value);
} keys[] = {
	{ "enable", parse_enable },
	{ "disable", parse_disable },
	{ "tests", parse_tests },
	{ "generated", parse_generated },
	{ "exclude", parse_exclude },
	{ "exclude-rules", parse_exclude_rules },
	{ "rules", parse_rules },
};

static void key_names(struct strbuf *sb)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", keys[i].name);
}

static int parse_top(struct parser *p, const yaml_node_t *root)
{
	uint32_t seen[ARRAY_SIZE(keys)] = { 0 };
	yaml_node_pair_t *pair;
	struct strbuf names = STRBUF_INIT;
	size_t i;

	key_names(&names);
	if (root->type != YAML_MAPPING_NODE) {
		fail(p, root, "the file holds %s; expected a mapping of settings (%s)", kind_of(root),
		     names.buf);
		strbuf_release(&names);
		return -1;
	}
	for (pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top; pair++) {
		const yaml_node_t *k = node(p, pair->key), *v = node(p, pair->value);
		if (want_key(p, k, "the file"))
			break;
		for (i = 0; i < ARRAY_SIZE(keys); i++)
			if (!strcmp(keys[i].name, text(k)))
				break;
		if (i == ARRAY_SIZE(keys)) {
			fail(p, k, "unknown key '%s'; expected %s", shown(p, k), names.buf);
			break;
		}
		if (once(p, k, &seen[i]) || keys[i].parse(p, k, v))
			break;
	}
	strbuf_release(&names);
	return pair < root->data.mapping.pairs.top ? -1 : 0;
}

/*
 * enable and disable together: a rule named in one list wins over "all"
 * in the other; a rule named in both is an error.
 */
static int combine_rules(struct parser *p)
{
	struct lint_config *cfg = p->cfg;
	size_t i;

	if (p->enable_all && p->disable_all) {
		strbuf_addf(p->err, "%s:%u: 'all' is both enabled (line %u) and disabled; expected it "
			    "in one list", p->name, p->disable_all, p->enable_all);
		return -1;
	}
	for (i = 0; i < lint_nr_rules; i++) {
		if (p->enable_line[i] && p->disable_line[i]) {
			strbuf_addf(p->err, "%s:%u: rule '%s' is both enabled (line %u) and disabled; "
				    "expected it in one list", p->name, p->disable_line[i],
				    lint_rules[i]->id, p->enable_line[i]);
			return -1;
		}
		if (p->enable_line[i] || p->disable_line[i]) {
			cfg->rule_on[i] = p->enable_line[i] != 0;
			cfg->rule_line[i] = p->enable_line[i] + p->disable_line[i];
		} else if (p->enable_all || p->disable_all) {
			cfg->rule_on[i] = p->enable_all != 0;
			cfg->rule_line[i] = p->enable_all + p->disable_all;
		}
	}
	return 0;
}

/* Line of byte offset off in buf (for errors libyaml gives as an offset). */
static size_t line_at(const char *buf, size_t len, size_t off)
{
	size_t i, line = 1;
	for (i = 0; i < off && i < len; i++)
		line += buf[i] == '\n';
	return line;
}

static void syntax_error(const yaml_parser_t *yp, const char *buf, size_t len, const char *name,
			 struct strbuf *err)
{
	const char *problem = yp->problem ? yp->problem : "cannot be read";
	if (yp->error == YAML_READER_ERROR) {
		strbuf_addf(err, "%s:%zu: not YAML text: %s; expected UTF-8 YAML", name,
			    line_at(buf, len, yp->problem_offset), problem);
		return;
	}
	strbuf_addf(err, "%s:%zu:%zu: YAML syntax error: %s", name, yp->problem_mark.line + 1,
		    yp->problem_mark.column + 1, problem);
	if (yp->context)
		strbuf_addf(err, " (%s at line %zu)", yp->context, yp->context_mark.line + 1);
	strbuf_addstr(err, "; fix the YAML");
}

int config_parse(struct lint_config *cfg, const char *buf, size_t len, const char *name,
		 struct strbuf *err)
{
	yaml_parser_t yp;
	yaml_document_t doc, next;
	struct parser p = { .doc = &doc, .name = name, .err = err, .cfg = cfg, .shown = STRBUF_INIT };
	const yaml_node_t *root;
	int ret = -1;
	size_t i;

	cfg->rule_on = xcalloc(lint_nr_rules, sizeof(*cfg->rule_on));
	cfg->rule_line = xcalloc(lint_nr_rules, sizeof(*cfg->rule_line));
	cfg->values = xcalloc(lint_nr_rules, sizeof(*cfg->values));
	cfg->value_lines = xcalloc(lint_nr_rules, sizeof(*cfg->value_lines));
	for (i = 0; i < lint_nr_rules; i++)
		cfg->rule_on[i] = -1;

	if (!yaml_parser_initialize(&yp))
		die("out of memory starting the YAML parser");
	yaml_parser_set_input_string(&yp, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&yp, &doc)) {
		syntax_error(&yp, buf, len, name, err);
		yaml_parser_delete(&yp);
		return -1;
	}
	root = yaml_document_get_root_node(&doc);
	if (root) {
		/* one document only: a second one would be ignored, which must not pass silently */
		if (!yaml_parser_load(&yp, &next)) {
			syntax_error(&yp, buf, len, name, err);
			goto out;
		}
		if (yaml_document_get_root_node(&next)) {
			strbuf_addf(err, "%s:%zu: a second YAML document; expected one", name,
				    next.start_mark.line + 1);
			yaml_document_delete(&next);
			goto out;
		}
		yaml_document_delete(&next);
	}
	p.enable_line = xcalloc(lint_nr_rules, sizeof(*p.enable_line));
	p.disable_line = xcalloc(lint_nr_rules, sizeof(*p.disable_line));
	/* an empty file, or comments only, or a lone null: no settings */
	if (root && !is_null(root) && parse_top(&p, root) == 0 && combine_rules(&p) == 0)
		ret = 0;
	else if (!root || is_null(root))
		ret = 0;
	free(p.enable_line);
	free(p.disable_line);
	strbuf_release(&p.shown);
out:
	yaml_document_delete(&doc);
	yaml_parser_delete(&yp);
	return ret;
}

int config_load(struct lint_config *cfg, const char *path, struct strbuf *err)
{
	struct strbuf buf = STRBUF_INIT, dir = STRBUF_INIT;
	struct stat st;
	const char *slash = strrchr(path, '/');
	char *real;
	long n;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		strbuf_addf(err, "cannot read config file '%s': it is a directory; name a file", path);
		return -1;
	}
	n = strbuf_read_file(&buf, path, CONFIG_MAX_BYTES);
	if (n < 0) {
		if (n == -2)
			strbuf_addf(err, "config file '%s' is larger than %d bytes; expected a small "
				    "YAML file", path, CONFIG_MAX_BYTES);
		else
			strbuf_addf(err, "cannot read config file '%s': %s; fix it or pass --no-config",
				    path, strerror(errno));
		strbuf_release(&buf);
		return -1;
	}
	if (slash)
		strbuf_add(&dir, path, slash == path ? 1 : (size_t)(slash - path));
	else
		strbuf_addch(&dir, '.');
	real = realpath(dir.buf, NULL);
	if (!real) {
		strbuf_addf(err, "cannot resolve the directory of config file '%s': %s", path,
			    strerror(errno));
		strbuf_release(&buf);
		strbuf_release(&dir);
		return -1;
	}
	cfg->path = xstrdup(path);
	cfg->dir = xstrdup(real);
	free(real);
	strbuf_release(&dir);
	n = config_parse(cfg, buf.buf, buf.len, path, err);
	strbuf_release(&buf);
	return (int)n;
}

void config_release(struct lint_config *cfg)
{
	size_t i, k;

	for (i = 0; i < cfg->nr_exclude; i++)
		free(cfg->exclude[i].glob);
	for (i = 0; i < cfg->nr_exclude_rules; i++) {
		free(cfg->exclude_rules[i].glob);
		free(cfg->exclude_rules[i].rules);
	}
	for (i = 0; cfg->values && i < lint_nr_rules; i++) {
		const struct rule *r = lint_rules[i];
		for (k = 0; cfg->values[i] && r->options[k].name; k++)
			strvec_clear(&cfg->values[i][k]);
		free(cfg->values[i]);
		free(cfg->value_lines[i]);
	}
	free(cfg->exclude);
	free(cfg->exclude_rules);
	free(cfg->values);
	free(cfg->value_lines);
	free(cfg->rule_on);
	free(cfg->rule_line);
	free(cfg->path);
	free(cfg->dir);
	memset(cfg, 0, sizeof(*cfg));
	cfg->tests = -1;
	cfg->generated = -1;
}

/* ---------------------------------------------------------------- the inputs */

/*
 * The path of input `path` relative to dir (canonical), in *rel; 0 when
 * it lies outside dir. The file's directory is resolved (its name is not:
 * a symbolic link to a file is matched where it is); *last_dir and
 * *last_real keep the last one resolved, as inputs come directory by
 * directory.
 */
static int relative_to(const char *dir, const char *path, struct strbuf *last_dir, char **last_real,
		       struct strbuf *rel)
{
	size_t dl = walk_dir_len(path), n = strlen(dir);
	const char *base = dl ? path + dl + 1 : path, *abs;
	struct strbuf full = STRBUF_INIT;
	int ret = 0;

	struct strbuf d = STRBUF_INIT;

	if (dl)
		strbuf_add(&d, path, dl);
	else
		strbuf_addstr(&d, path[0] == '/' ? "/" : ".");
	if (dl == 0 && path[0] == '/') /* "/x.go" */
		base = path + 1;
	if (!*last_real || strcmp(last_dir->buf, d.buf)) {
		strbuf_reset(last_dir);
		strbuf_addstr(last_dir, d.buf);
		free(*last_real);
		*last_real = realpath(d.buf, NULL);
	}
	strbuf_release(&d);
	if (!*last_real)
		return 0;
	strbuf_addf(&full, "%s%s%s", *last_real, strcmp(*last_real, "/") ? "/" : "", base);
	abs = full.buf;
	if (!strcmp(dir, "/")) {
		strbuf_reset(rel);
		strbuf_addstr(rel, abs + 1);
		ret = 1;
	} else if (!strncmp(abs, dir, n) && abs[n] == '/') {
		strbuf_reset(rel);
		strbuf_addstr(rel, abs + n + 1);
		ret = 1;
	}
	strbuf_release(&full);
	return ret;
}

void config_mark_inputs(const struct lint_config *cfg, struct walk_result *inputs)
{
	struct strbuf last_dir = STRBUF_INIT, rel = STRBUF_INIT;
	char *last_real = NULL;
	size_t i, k, j;

	if (!cfg->path || (!cfg->nr_exclude && !cfg->nr_exclude_rules))
		return;
	for (i = 0; i < inputs->nr; i++) {
		struct walk_entry *e = &inputs->v[i];
		if (e->from_stdin || !relative_to(cfg->dir, e->path, &last_dir, &last_real, &rel))
			continue;
		for (k = 0; k < cfg->nr_exclude && !e->excluded; k++)
			e->excluded = config_glob_matches(cfg->exclude[k].glob, rel.buf);
		for (k = 0; k < cfg->nr_exclude_rules; k++) {
			const struct config_glob *g = &cfg->exclude_rules[k];
			if (!config_glob_matches(g->glob, rel.buf))
				continue;
			if (!e->rules_off)
				e->rules_off = xcalloc(lint_nr_rules, 1);
			for (j = 0; j < lint_nr_rules; j++)
				e->rules_off[j] |= g->rules[j];
		}
	}
	free(last_real);
	strbuf_release(&last_dir);
	strbuf_release(&rel);
}

/* ---------------------------------------------------------------- --print-config */

/* s as a YAML double-quoted string. */
static void add_quoted(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			strbuf_addf(sb, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(sb, "\\x%02x", c);
		else
			strbuf_addch(sb, (char)c);
	}
	strbuf_addch(sb, '"');
}

/* Print line `sb` with `# origin` at column 40, and empty sb. */
static void with_origin(FILE *out, struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void with_origin(FILE *out, struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	if (sb->len < 39)
		strbuf_addchars(sb, ' ', 39 - sb->len);
	strbuf_addstr(sb, " # ");
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	fprintf(out, "%s\n", sb->buf);
	strbuf_reset(sb);
}

static void print_rules(FILE *out, const struct lint_config *cfg, const struct config_flags *fl,
			int on)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < lint_nr_rules; i++)
		n += !fl->enabled[i] == !on;
	fprintf(out, "%s:%s\n", on ? "enable" : "disable", n ? "" : " []");
	for (i = 0; i < lint_nr_rules; i++) {
		if (!fl->enabled[i] != !on)
			continue;
		strbuf_addf(&sb, "  - %s", lint_rules[i]->id);
		if (fl->rule_flag[i])
			with_origin(out, &sb, "%s", fl->rule_flag[i]);
		else if (cfg->rule_on && cfg->rule_on[i] >= 0)
			with_origin(out, &sb, "%s:%u", cfg->path, cfg->rule_line[i]);
		else
			with_origin(out, &sb, "default");
	}
	strbuf_release(&sb);
}

static void print_globs(FILE *out, const char *key, const struct config_glob *v, size_t nr,
			const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, j;

	if (!nr) {
		strbuf_addf(&sb, "%s: []", key);
		with_origin(out, &sb, "default");
	} else {
		fprintf(out, "%s:\n", key);
	}
	for (i = 0; i < nr; i++) {
		strbuf_addstr(&sb, v[i].rules ? "  - path: " : "  - ");
		add_quoted(&sb, v[i].glob);
		with_origin(out, &sb, "%s:%u", path, v[i].line);
		if (!v[i].rules)
			continue;
		strbuf_addstr(&sb, "    rules: [");
		for (j = 0; j < lint_nr_rules; j++)
			if (v[i].rules[j])
				strbuf_addf(&sb, "%s%s", sb.buf[sb.len - 1] == '[' ? "" : ", ",
					    lint_rules[j]->id);
		fprintf(out, "%s]\n", sb.buf);
		strbuf_reset(&sb);
	}
	strbuf_release(&sb);
}

static void print_options(FILE *out, const struct lint_config *cfg)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, k, v;
	int any = 0;

	for (i = 0; i < lint_nr_rules; i++) {
		const struct rule *r = lint_rules[i];
		if (!r->options)
			continue;
		if (!any++)
			fprintf(out, "rules:\n");
		fprintf(out, "  %s:\n", r->id);
		for (k = 0; r->options[k].name; k++) {
			const struct strvec *sv = cfg->values && cfg->values[i] ? &cfg->values[i][k] : NULL;
			strbuf_addf(&sb, "    %s: [", r->options[k].name);
			for (v = 0; sv && v < sv->nr; v++) {
				if (v)
					strbuf_addstr(&sb, ", ");
				add_quoted(&sb, sv->v[v]);
			}
			strbuf_addch(&sb, ']');
			if (sv && cfg->value_lines[i][k])
				with_origin(out, &sb, "%s:%u", cfg->path, cfg->value_lines[i][k]);
			else
				with_origin(out, &sb, "default");
		}
	}
	strbuf_release(&sb);
}

void config_print(FILE *out, const struct lint_config *cfg, const struct config_flags *fl)
{
	struct strbuf sb = STRBUF_INIT;

	fprintf(out, "# plumber lint: the settings in force, and where each comes from\n");
	if (cfg->path)
		fprintf(out, "# config file: %s (globs are relative to %s)\n", cfg->path, cfg->dir);
	else
		fprintf(out, "# config file: none (%s)\n", fl->why_none);
	print_rules(out, cfg, fl, 1);
	print_rules(out, cfg, fl, 0);
	if (fl->tests_flag) {
		strbuf_addf(&sb, "tests: %s", strcmp(fl->tests_flag, "--tests") ? "false" : "true");
		with_origin(out, &sb, "%s%s", fl->tests_flag,
			    strcmp(fl->tests_flag, "--tests") ? " (test files are not read)" : "");
	} else if (cfg->tests >= 0) {
		strbuf_addf(&sb, "tests: %s", cfg->tests ? "true" : "false");
		with_origin(out, &sb, "%s:%u", cfg->path, cfg->tests_line);
	} else {
		strbuf_addstr(&sb, "tests: false");
		with_origin(out, &sb, "default (only packages whose tests check for leaks)");
	}
	strbuf_reset(&sb);
	if (fl->generated_flag) {
		strbuf_addstr(&sb, "generated: true");
		with_origin(out, &sb, "%s", fl->generated_flag);
	} else if (cfg->generated >= 0) {
		strbuf_addf(&sb, "generated: %s", cfg->generated ? "true" : "false");
		with_origin(out, &sb, "%s:%u", cfg->path, cfg->generated_line);
	} else {
		strbuf_addstr(&sb, "generated: false");
		with_origin(out, &sb, "default (generated files: declarations only)");
	}
	print_globs(out, "exclude", cfg->exclude, cfg->nr_exclude, cfg->path);
	print_globs(out, "exclude-rules", cfg->exclude_rules, cfg->nr_exclude_rules, cfg->path);
	print_options(out, cfg);
	strbuf_release(&sb);
}
