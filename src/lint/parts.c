/*
 * parts.c - where a Go file can be cut, where its function bodies are, and
 * parsing it in parts, with or without those bodies.
 *
 * The scan knows only as much Go as it takes not to cut inside something:
 * comments, interpreted strings, rune literals, raw strings (which span
 * lines) and bracket depth.
 */
#include "lint/parts.h"

struct scan {
	const char *src, *s, *end;
	const char *line; /* start of the current line */
	uint32_t row;
};

static void newline(struct scan *sc)
{
	sc->row++;
	sc->line = sc->s + 1;
}

/*
 * If a comment or a literal starts at sc->s, move past it and return 1.
 * Newlines inside (block comments, raw strings) are counted.
 */
static int skip_literal(struct scan *sc)
{
	const char *s = sc->s, *end = sc->end;
	char c = *s;

	if (c == '/' && s + 1 < end && s[1] == '/') {
		while (sc->s < end && *sc->s != '\n')
			sc->s++;
		return 1;
	}
	if (c == '/' && s + 1 < end && s[1] == '*') {
		for (sc->s += 2; sc->s < end && !(*sc->s == '*' && sc->s + 1 < end && sc->s[1] == '/');
		     sc->s++)
			if (*sc->s == '\n')
				newline(sc);
		sc->s = sc->s + 2 < end ? sc->s + 2 : end;
		return 1;
	}
	if (c == '`') {
		for (sc->s++; sc->s < end && *sc->s != '`'; sc->s++)
			if (*sc->s == '\n')
				newline(sc);
		if (sc->s < end)
			sc->s++;
		return 1;
	}
	if (c == '"' || c == '\'') {
		for (sc->s++; sc->s < end && *sc->s != c && *sc->s != '\n'; sc->s++)
			if (*sc->s == '\\' && sc->s + 1 < end && sc->s[1] != '\n')
				sc->s++;
		if (sc->s < end && *sc->s == c)
			sc->s++;
		return 1;
	}
	return 0;
}

/* Does keyword kw start at s, followed by a blank or '('? */
static int keyword_at(const char *s, const char *end, const char *kw)
{
	size_t n = strlen(kw);
	return (size_t)(end - s) > n && !memcmp(s, kw, n) &&
	       (s[n] == ' ' || s[n] == '\t' || s[n] == '(');
}

/* Does a top-level declaration start at s (a line start)? */
static int decl_starts(const char *s, const char *end)
{
	return keyword_at(s, end, "func") || keyword_at(s, end, "type") ||
	       keyword_at(s, end, "var") || keyword_at(s, end, "const");
}

static int ident_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || (unsigned char)c >= 0x80;
}

size_t parts_cut(const char *src, size_t len, size_t part_bytes, struct part_cut **cuts)
{
	struct scan sc = { src, src, src + len, src, 0 };
	const char *last = src;
	size_t nr = 0, alloc = 0;
	long depth = 0;

	*cuts = NULL;
	while (sc.s < sc.end) {
		char c = *sc.s;
		if (c == '\n') {
			newline(&sc);
			sc.s++;
			if (depth == 0 && (size_t)(sc.s - last) >= part_bytes &&
			    decl_starts(sc.s, sc.end) && (size_t)(sc.end - sc.s) >= part_bytes / 2) {
				ALLOC_GROW(*cuts, nr + 1, alloc);
				(*cuts)[nr].offset = (uint32_t)(sc.s - src);
				(*cuts)[nr].row = sc.row;
				nr++;
				last = sc.s;
			}
			continue;
		}
		if (skip_literal(&sc))
			continue;
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}')
			depth--;
		sc.s++;
	}
	return nr;
}

static TSPoint point_of(const struct scan *sc)
{
	return (TSPoint){ sc->row, (uint32_t)(sc->s - sc->line) };
}

size_t parts_func_bodies(const char *src, size_t len, struct part_hole **holes)
{
	struct scan sc = { src, src, src + len, src, 0 };
	size_t nr = 0, alloc = 0;
	long depth = 0;
	/* in the signature of a top-level func: the body is the next `{` at its depth 0 */
	int in_sig = 0;
	int in_body = 0; /* in a body being found (it opened at depth 0) */
	const char *prev_word = NULL; /* the identifier or keyword just before, in the signature */
	size_t prev_len = 0;

	*holes = NULL;
	while (sc.s < sc.end) {
		char c = *sc.s;
		if (c == '\n') {
			newline(&sc);
			sc.s++;
			if (in_sig && depth == 0)
				in_sig = 0; /* no body: an external function */
			if (!in_sig && !in_body && depth == 0 && keyword_at(sc.s, sc.end, "func")) {
				in_sig = 1;
				sc.s += 4;
				prev_word = NULL;
			}
			continue;
		}
		if (skip_literal(&sc))
			continue;
		if (ident_byte(c)) {
			const char *w = sc.s;
			while (sc.s < sc.end && ident_byte(*sc.s))
				sc.s++;
			prev_word = w;
			prev_len = (size_t)(sc.s - w);
			continue;
		}
		if (c == '{' && in_sig && depth == 0 &&
		    !(prev_word && ((prev_len == 6 && !memcmp(prev_word, "struct", 6)) ||
				    (prev_len == 9 && !memcmp(prev_word, "interface", 9))))) {
			ALLOC_GROW(*holes, nr + 1, alloc);
			(*holes)[nr].start = (uint32_t)(sc.s - src);
			(*holes)[nr].start_point = point_of(&sc);
			in_sig = 0;
			in_body = 1;
		}
		if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if (c == ')' || c == ']' || c == '}') {
			depth--;
			if (c == '}' && in_body && depth == 0) {
				sc.s++;
				(*holes)[nr].end = (uint32_t)(sc.s - src);
				(*holes)[nr].end_point = point_of(&sc);
				nr++;
				in_body = 0;
				continue;
			}
		}
		if (c != ' ' && c != '\t' && c != '\r')
			prev_word = NULL;
		sc.s++;
	}
	return nr; /* a body left open at the end is not a hole */
}

/* Add [from, to) to ranges, as a TSRange. */
static void add_range(TSRange **v, size_t *nr, size_t *alloc, uint32_t from, TSPoint from_point,
		      uint32_t to, TSPoint to_point)
{
	if (from >= to)
		return;
	ALLOC_GROW(*v, *nr + 1, *alloc);
	(*v)[*nr].start_byte = from;
	(*v)[*nr].start_point = from_point;
	(*v)[*nr].end_byte = to;
	(*v)[*nr].end_point = to_point;
	(*nr)++;
}

int parts_parse(TSParser *parser, const char *src, size_t len, const struct part_cut *cuts,
		size_t nr, const struct part_hole *holes, size_t nr_holes, struct ast *ast)
{
	TSRange *ranges = NULL;
	size_t i, h = 0, alloc = 0;
	int ok = 1;

	memset(ast, 0, sizeof(*ast));
	for (i = 0; i <= nr && ok; i++) {
		uint32_t from = i ? cuts[i - 1].offset : 0;
		uint32_t to = i < nr ? cuts[i].offset : UINT32_MAX;
		TSPoint at = { i ? cuts[i - 1].row : 0, 0 };
		TSPoint to_point = i < nr ? (TSPoint){ cuts[i].row, 0 } :
					    (TSPoint){ UINT32_MAX, UINT32_MAX };
		size_t nr_ranges = 0;
		TSTree *tree;

		for (; h < nr_holes && holes[h].start < to; h++) {
			add_range(&ranges, &nr_ranges, &alloc, from, at, holes[h].start,
				  holes[h].start_point);
			from = holes[h].end;
			at = holes[h].end_point;
		}
		add_range(&ranges, &nr_ranges, &alloc, from, at, to, to_point);
		if (!nr_ranges) /* a part that is all body: cannot be, a part starts with a keyword */
			BUG("parts: an empty part");
		if (!ts_parser_set_included_ranges(parser, ranges, (uint32_t)nr_ranges))
			BUG("parts: ranges out of order");
		tree = ts_parser_parse_string(parser, NULL, src, (uint32_t)len);
		if (!tree || ts_node_has_error(ts_tree_root_node(tree))) {
			ok = 0;
		} else if (!i) {
			ast_build(ast, tree, src, len);
		} else {
			ast_build_append(ast, tree);
		}
		if (tree)
			ts_tree_delete(tree);
	}
	free(ranges);
	ts_parser_set_included_ranges(parser, NULL, 0);
	if (!ok) {
		ast_release(ast);
		return -1;
	}
	return 0;
}
