/*
 * parts.c - where a Go file can be cut, and parsing it in those parts.
 *
 * The scan knows only as much Go as it takes not to cut inside something:
 * comments, interpreted strings, rune literals, raw strings (which span
 * lines) and bracket depth.
 */
#include "lint/parts.h"

/* Does a top-level declaration start at s (a line start)? */
static int decl_starts(const char *s, const char *end)
{
	static const char *const kw[] = { "func", "type", "var", "const" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kw); i++) {
		size_t n = strlen(kw[i]);
		if ((size_t)(end - s) > n && !memcmp(s, kw[i], n) &&
		    (s[n] == ' ' || s[n] == '\t' || s[n] == '('))
			return 1;
	}
	return 0;
}

size_t parts_cut(const char *src, size_t len, size_t part_bytes, struct part_cut **cuts)
{
	const char *s = src, *end = src + len, *last = src;
	size_t nr = 0, alloc = 0;
	uint32_t row = 0;
	long depth = 0;

	*cuts = NULL;
	while (s < end) {
		char c = *s;
		if (c == '\n') {
			row++;
			s++;
			if (depth == 0 && (size_t)(s - last) >= part_bytes && decl_starts(s, end) &&
			    (size_t)(end - s) >= part_bytes / 2) {
				ALLOC_GROW(*cuts, nr + 1, alloc);
				(*cuts)[nr].offset = (uint32_t)(s - src);
				(*cuts)[nr].row = row;
				nr++;
				last = s;
			}
			continue;
		}
		if (c == '/' && s + 1 < end && s[1] == '/') {
			while (s < end && *s != '\n')
				s++;
			continue;
		}
		if (c == '/' && s + 1 < end && s[1] == '*') {
			for (s += 2; s < end && !(*s == '*' && s + 1 < end && s[1] == '/'); s++)
				row += *s == '\n';
			s += 2;
			continue;
		}
		if (c == '`') {
			for (s++; s < end && *s != '`'; s++)
				row += *s == '\n';
			s++;
			continue;
		}
		if (c == '"' || c == '\'') {
			for (s++; s < end && *s != c && *s != '\n'; s++)
				if (*s == '\\' && s + 1 < end && s[1] != '\n')
					s++;
			if (s < end && *s == c)
				s++;
			continue;
		}
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}')
			depth--;
		s++;
	}
	return nr;
}

int parts_parse(TSParser *parser, const char *src, size_t len, const struct part_cut *cuts,
		size_t nr, struct ast *ast)
{
	size_t i;
	int ok = 1;

	memset(ast, 0, sizeof(*ast));
	for (i = 0; i <= nr && ok; i++) {
		TSRange range;
		TSTree *tree;

		range.start_byte = i ? cuts[i - 1].offset : 0;
		range.start_point = (TSPoint){ i ? cuts[i - 1].row : 0, 0 };
		range.end_byte = i < nr ? cuts[i].offset : UINT32_MAX;
		range.end_point = i < nr ? (TSPoint){ cuts[i].row, 0 } :
					   (TSPoint){ UINT32_MAX, UINT32_MAX };
		if (!ts_parser_set_included_ranges(parser, &range, 1))
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
	ts_parser_set_included_ranges(parser, NULL, 0);
	if (!ok) {
		ast_release(ast);
		return -1;
	}
	return 0;
}
