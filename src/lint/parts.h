/*
 * parts.h - parse a big Go file as a run of smaller parts.
 *
 * tree-sitter's tree of a file is about sixty times the file while it
 * lives (a 1.5 MB generated .pb.go: 90 MB), so big files used to be parsed
 * one at a time across the run, leaving the other cores idle on a package
 * of big files. Cut at top-level declarations, a file parses as parts
 * (ts_parser_set_included_ranges keeps offsets, lines and columns those
 * of the whole file), each part's tree copied into the one ast and freed
 * before the next: the memory is that of one part, and any number of big
 * files can be parsed at once.
 *
 * A cut is made only where nothing can span it: at the start of a line
 * that begins with `func`, `type`, `var` or `const`, outside comments,
 * string and rune literals and brackets. A part with a syntax error
 * makes parts_parse() fail, and the caller parses the file whole (error
 * recovery may then see across the cut).
 */
#ifndef PLUMBER_PARTS_H
#define PLUMBER_PARTS_H

#include "lint/ast.h"

/* A place to cut: a byte offset at a line start, and its 0-based line. */
struct part_cut {
	uint32_t offset, row;
};

/*
 * The cuts that make src[0..len) parts of at least `part_bytes` each
 * (the last may be shorter). Returns how many (0: one part, the whole);
 * *cuts is malloc'd (free it) when any.
 */
size_t parts_cut(const char *src, size_t len, size_t part_bytes, struct part_cut **cuts);

/* A range of the source left out of a parse: a function's body, braces included. */
struct part_hole {
	uint32_t start, end; /* byte offsets, end exclusive */
	TSPoint start_point, end_point;
};

/*
 * The bodies of src's top-level functions and methods (those whose `func`
 * starts a line), in order. Returns how many; *holes is malloc'd (free it)
 * when any.
 */
size_t parts_func_bodies(const char *src, size_t len, struct part_hole **holes);

/*
 * Parse src[0..len) in the parts given by cuts[0..nr) (none: one part),
 * leaving out holes[0..nr_holes) (sorted, none across a cut), with parser
 * (its included ranges are reset afterwards), into *ast, as ast_build
 * would from one parse of the whole: a function whose body is left out is
 * a declaration without a body. Returns 0, or -1 when a part did not
 * parse cleanly (the parser gave up, or a syntax error): then *ast is
 * empty.
 */
int parts_parse(TSParser *parser, const char *src, size_t len, const struct part_cut *cuts,
		size_t nr, const struct part_hole *holes, size_t nr_holes, struct ast *ast);

#endif
