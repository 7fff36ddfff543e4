/*
 * needles.h - which of a set of byte strings occur in a text, in one pass.
 *
 * The lint prefilters ask, of every file, whether it contains any of a
 * few dozen needles ("http.", "defer", "Close"...), several times over
 * (the rules' needles, their fact needles, the call graph's, the leak
 * checkers'). memmem once per needle reads a file once per needle that is
 * absent, which was 5% of a cold run. A needle set is an Aho-Corasick
 * automaton over all of them: needles_scan() reads the text once and says
 * which occur, as a bit per needle; callers then test masks.
 *
 * Compiled once, read-only afterwards: needles_scan() is thread safe.
 */
#ifndef PLUMBER_NEEDLES_H
#define PLUMBER_NEEDLES_H

#include "common.h"

struct needle_set;

/*
 * Compile needles v[0..nr) (NUL-terminated, non-empty, case-sensitive;
 * duplicates are fine: each keeps its own bit). Never fails (allocation
 * failure aborts).
 */
struct needle_set *needles_compile(const char *const *v, size_t nr);
void needles_free(struct needle_set *ns);

/* uint64_t words a bit set of this set's needles takes. */
size_t needles_words(const struct needle_set *ns);

/*
 * Set bit i of found[0..needles_words()) for every needle i that occurs in
 * s[0..len), and clear the others.
 */
void needles_scan(const struct needle_set *ns, const char *s, size_t len, uint64_t *found);

/* True when found and mask (both needles_words() long) share a bit. */
int needles_any(const struct needle_set *ns, const uint64_t *found, const uint64_t *mask);

#endif
