/*
 * golang.h - tree-sitter's Go grammar, as plumber runs it: the same
 * grammar, the same trees, in less time.
 *
 * Two changes of representation, none of behaviour (tree-sitter's own
 * structures, of the pinned version, through its internal headers):
 *   - the parse table is dense. The generator keeps all but 29 of the
 *     grammar's 1,442 states "small": a list of (value, symbols) groups
 *     searched symbol by symbol on every lookup, a tenth of a lint run.
 *     Here every state is a row (1,442 x 214 entries, 600 kB) and a
 *     lookup is one load. A symbol absent from a small state's groups is
 *     0 (no action), as the search answers; a symbol listed twice keeps
 *     the first value, as the search finds it.
 *   - the lexer steps over an ASCII character inside the current chunk
 *     and included range in a few instructions, where tree-sitter's
 *     advance goes through two calls and a decoder per character; every
 *     other case (multi-byte characters, the end of a range or chunk, a
 *     byte order mark, a logger) is tree-sitter's own advance.
 * golang_generated() is the grammar as generated, for the test that
 * compares the two (tests/unit: golang_fast_equals_generated).
 */
#ifndef PLUMBER_GOLANG_H
#define PLUMBER_GOLANG_H

#include <tree_sitter/api.h>

/* The Go grammar with the changes above; built once, thread safe. */
const TSLanguage *golang_fast(void);

/* The Go grammar as tree-sitter-go generated it. */
const TSLanguage *golang_generated(void);

#endif
