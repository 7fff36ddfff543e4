/*
 * needles.c - an Aho-Corasick automaton, compiled to a full transition
 * table (a state and a byte give the next state, no failure links to
 * follow while scanning), so a scan is one table load per byte.
 *
 * A set holds a few dozen short needles: a few hundred states. The table
 * is indexed by byte class, not byte: every byte no needle contains goes
 * the same way from every state, so they share one column, and each
 * other byte has its own (about fifty columns, not 256: a table of tens
 * of kilobytes, which stays in the first-level cache while a file is
 * scanned).
 */
#include "needles.h"

struct needle_set {
	size_t nr_states, words, nr_classes;
	unsigned char cls[256]; /* byte -> its column */
	uint32_t *next;      /* [state * nr_classes + cls[byte]] */
	uint64_t *out;       /* [state * words]: the needles that end here */
	unsigned char *ends; /* [state]: any needle ends here */
};

size_t needles_words(const struct needle_set *ns)
{
	return ns->words;
}

/* Replace the 256 columns of ns->next by one per byte class. */
static void compress(struct needle_set *ns)
{
	int used[256] = { 0 };
	size_t st, c, k = 1;
	uint32_t *next;

	for (st = 0; st < ns->nr_states; st++)
		for (c = 0; c < 256; c++)
			if (ns->next[st * 256 + c] != ns->next[st * 256 + 0])
				used[c] = 1;
	/* class 0: the bytes that go where NUL goes, from every state */
	for (c = 0; c < 256; c++)
		ns->cls[c] = used[c] ? (unsigned char)k++ : 0;
	ns->nr_classes = k;
	next = xcalloc(st_mult(ns->nr_states, k), sizeof(*next));
	for (st = 0; st < ns->nr_states; st++)
		for (c = 0; c < 256; c++)
			next[st * k + ns->cls[c]] = ns->next[st * 256 + c];
	free(ns->next);
	ns->next = next;
}

struct needle_set *needles_compile(const char *const *v, size_t nr)
{
	struct needle_set *ns = xcalloc(1, sizeof(*ns));
	size_t i, alloc = 1, head, tail, *queue;
	uint32_t *fail;

	ns->words = nr ? (nr + 63) / 64 : 1;
	for (i = 0; i < nr; i++)
		alloc += strlen(v[i]);
	/* the trie: 0 in next[] means "no edge" (the root is never a target) */
	ns->next = xcalloc(alloc * 256, sizeof(*ns->next));
	ns->out = xcalloc(alloc * ns->words, sizeof(*ns->out));
	ns->ends = xcalloc(alloc, 1);
	ns->nr_states = 1;
	for (i = 0; i < nr; i++) {
		const unsigned char *p = (const unsigned char *)v[i];
		uint32_t st = 0;
		for (; *p; p++) {
			uint32_t *to = &ns->next[(size_t)st * 256 + *p];
			if (!*to)
				*to = (uint32_t)ns->nr_states++;
			st = *to;
		}
		ns->out[(size_t)st * ns->words + i / 64] |= (uint64_t)1 << (i % 64);
		ns->ends[st] = 1;
	}
	/*
	 * Breadth first: a state's failure is the longest proper suffix that
	 * is a trie state; it inherits that state's outputs, and every missing
	 * edge becomes its failure's edge.
	 */
	fail = xcalloc(ns->nr_states, sizeof(*fail));
	queue = xcalloc(ns->nr_states, sizeof(*queue));
	head = tail = 0;
	for (i = 0; i < 256; i++)
		if (ns->next[i])
			queue[tail++] = ns->next[i]; /* fail = root */
	while (head < tail) {
		size_t st = queue[head++], c, k;
		for (c = 0; c < 256; c++) {
			uint32_t *to = &ns->next[st * 256 + c];
			uint32_t via = ns->next[(size_t)fail[st] * 256 + c];
			if (!*to) {
				*to = via;
				continue;
			}
			fail[*to] = via;
			for (k = 0; k < ns->words; k++)
				ns->out[(size_t)*to * ns->words + k] |= ns->out[(size_t)via * ns->words + k];
			ns->ends[*to] |= ns->ends[via];
			queue[tail++] = *to;
		}
	}
	free(queue);
	free(fail);
	compress(ns);
	return ns;
}

void needles_free(struct needle_set *ns)
{
	if (!ns)
		return;
	free(ns->next);
	free(ns->out);
	free(ns->ends);
	free(ns);
}

void needles_scan(const struct needle_set *ns, const char *s, size_t len, uint64_t *found)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const uint32_t *next = ns->next;
	const unsigned char *cls = ns->cls;
	size_t st = 0, k, w = ns->nr_classes;

	memset(found, 0, ns->words * sizeof(*found));
	for (; p < end; p++) {
		st = next[st * w + cls[*p]];
		if (ns->ends[st])
			for (k = 0; k < ns->words; k++)
				found[k] |= ns->out[st * ns->words + k];
	}
}

int needles_any(const struct needle_set *ns, const uint64_t *found, const uint64_t *mask)
{
	size_t k;
	for (k = 0; k < ns->words; k++)
		if (found[k] & mask[k])
			return 1;
	return 0;
}
