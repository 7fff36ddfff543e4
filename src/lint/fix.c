/*
 * fix.c - see fix.h.
 */
#include "lint/fix.h"

void edit_list_add(struct edit_list *l, uint32_t start, uint32_t end, const char *text)
{
	ALLOC_GROW(l->v, l->nr + 1, l->alloc);
	l->v[l->nr].start = start;
	l->v[l->nr].end = end;
	l->v[l->nr].text = xstrdup(text);
	l->nr++;
}

void edit_list_release(struct edit_list *l)
{
	size_t i;
	for (i = 0; i < l->nr; i++)
		free(l->v[i].text);
	free(l->v);
	l->v = NULL;
	l->nr = l->alloc = 0;
}

static int by_start(const void *a, const void *b)
{
	const struct edit *x = *(const struct edit *const *)a, *y = *(const struct edit *const *)b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	/* an insertion (empty range) at the same place goes first */
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x < y ? -1 : x > y;
}

int fix_apply(const char *src, size_t len, const struct edit *e, size_t nr, struct strbuf *out)
{
	const struct edit **order;
	size_t i, at = 0;

	if (!nr) {
		strbuf_add(out, src, len);
		return 0;
	}
	order = xcalloc(nr, sizeof(*order));
	for (i = 0; i < nr; i++)
		order[i] = &e[i];
	qsort(order, nr, sizeof(*order), by_start);
	for (i = 0; i < nr; i++) {
		const struct edit *ed = order[i];
		if (ed->start < at || ed->end < ed->start || ed->end > len ||
		    (i && ed->start == order[i - 1]->start && ed->start != ed->end)) {
			free(order);
			return -1;
		}
		strbuf_add(out, src + at, ed->start - at);
		strbuf_addstr(out, ed->text);
		at = ed->end;
	}
	strbuf_add(out, src + at, len - at);
	free(order);
	return 0;
}

void fix_position_near(const char *src, size_t len, uint32_t ref, uint32_t ref_line, uint32_t off,
		       uint32_t *line, uint32_t *col)
{
	uint32_t l = ref_line, i, start;
	if (off > len)
		off = (uint32_t)len;
	if (ref > len)
		ref = (uint32_t)len;
	/* count the line breaks between the reference and off, either way */
	for (i = ref; i < off; i++)
		if (src[i] == '\n')
			l++;
	for (i = off; i < ref; i++)
		if (src[i] == '\n')
			l--;
	for (start = off; start > 0 && src[start - 1] != '\n'; start--)
		;
	*line = l;
	*col = off - start + 1;
}

void fix_position(const char *src, size_t len, uint32_t off, uint32_t *line, uint32_t *col)
{
	fix_position_near(src, len, 0, 1, off, line, col);
}

/* ---------------------------------------------------------------- diff */

struct line {
	const char *s;
	size_t len; /* with its newline, if any */
	uint32_t hash;
};

static struct line *split_lines(const char *s, size_t len, size_t *nr)
{
	struct line *v = NULL;
	size_t n = 0, alloc = 0, i = 0;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) + 1 : len, k;
		uint32_t h = 2166136261u;
		ALLOC_GROW(v, n + 1, alloc);
		for (k = i; k < end; k++)
			h = (h ^ (unsigned char)s[k]) * 16777619u;
		v[n].s = s + i;
		v[n].len = end - i;
		v[n].hash = h;
		n++;
		i = end;
	}
	*nr = n;
	return v;
}

static int same_line(const struct line *a, const struct line *b)
{
	return a->hash == b->hash && a->len == b->len && !memcmp(a->s, b->s, a->len);
}

enum op { OP_SAME, OP_DEL, OP_ADD };

/*
 * Myers' shortest edit script between a[0..n) and b[0..m) as a list of
 * ops (appended to *ops). Past max_d differences it gives up and returns
 * -1; the caller then replaces the whole differing middle.
 */
static int myers(const struct line *a, long n, const struct line *b, long m, long max_d,
		 unsigned char **ops, size_t *nr_ops)
{
	long off = n + m + 1, d, k, x, y, width = 2 * (n + m) + 3;
	long *v = xcalloc((size_t)width, sizeof(long));
	long **trace = xcalloc((size_t)max_d + 1, sizeof(long *));
	long found = -1, i;
	size_t cap = (size_t)(n + m), len = 0;
	unsigned char *rev;

	for (d = 0; d <= max_d && found < 0; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < n && y < m && same_line(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= n && y >= m) {
				found = d;
				break;
			}
		}
		trace[d] = xcalloc((size_t)width, sizeof(long));
		memcpy(trace[d], v, (size_t)width * sizeof(long));
	}
	if (found < 0) {
		for (i = 0; i < d; i++)
			free(trace[i]);
		free(trace);
		free(v);
		return -1;
	}
	/* backtrack from (n, m) */
	rev = xcalloc(cap + 1, 1);
	x = n;
	y = m;
	for (d = found; d > 0; d--) {
		long prev_k, prev_x, prev_y;
		const long *pv = trace[d - 1];
		k = x - y;
		if (k == -d || (k != d && pv[off + k - 1] < pv[off + k + 1]))
			prev_k = k + 1;
		else
			prev_k = k - 1;
		prev_x = pv[off + prev_k];
		prev_y = prev_x - prev_k;
		while (x > prev_x && y > prev_y) {
			rev[len++] = OP_SAME;
			x--;
			y--;
		}
		rev[len++] = x == prev_x ? OP_ADD : OP_DEL;
		x = prev_x;
		y = prev_y;
	}
	while (x > 0 && y > 0) {
		rev[len++] = OP_SAME;
		x--;
		y--;
	}
	*ops = xcalloc(len + 1, 1);
	for (i = 0; i < (long)len; i++)
		(*ops)[i] = rev[len - 1 - (size_t)i];
	*nr_ops = len;
	free(rev);
	for (i = 0; i <= found; i++)
		free(trace[i]);
	free(trace);
	free(v);
	return 0;
}

static void add_line(struct strbuf *out, char mark, const struct line *l)
{
	strbuf_addch(out, mark);
	strbuf_add(out, l->s, l->len);
	if (!l->len || l->s[l->len - 1] != '\n')
		strbuf_addstr(out, "\n\\ No newline at end of file\n");
}

#define CONTEXT 3

void fix_diff(const char *path, const char *old, size_t old_len, const char *new_text,
	      size_t new_len, struct strbuf *out)
{
	size_t na, nb, nr_ops = 0, pre = 0, post = 0, i, j, *pos_a, *pos_b;
	struct line *a, *b;
	unsigned char *ops = NULL;

	if (old_len == new_len && !memcmp(old, new_text, old_len))
		return;
	a = split_lines(old, old_len, &na);
	b = split_lines(new_text, new_len, &nb);
	/* the common head and tail need no search */
	while (pre < na && pre < nb && same_line(&a[pre], &b[pre]))
		pre++;
	while (post < na - pre && post < nb - pre && same_line(&a[na - 1 - post], &b[nb - 1 - post]))
		post++;
	{
		long n = (long)(na - pre - post), m = (long)(nb - pre - post);
		unsigned char *mid = NULL;
		size_t nr_mid = 0;
		if (myers(a + pre, n, b + pre, m, 1000, &mid, &nr_mid) < 0) {
			/* too different: replace the middle wholesale */
			free(mid);
			mid = xcalloc((size_t)(n + m) + 1, 1);
			for (i = 0; i < (size_t)n; i++)
				mid[nr_mid++] = OP_DEL;
			for (i = 0; i < (size_t)m; i++)
				mid[nr_mid++] = OP_ADD;
		}
		nr_ops = pre + nr_mid + post;
		ops = xcalloc(nr_ops + 1, 1);
		memset(ops, OP_SAME, pre);
		memcpy(ops + pre, mid, nr_mid);
		memset(ops + pre + nr_mid, OP_SAME, post);
		free(mid);
	}

	/* git apply refuses "a/./x.go": strip the leading "./" of a path as given */
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	strbuf_addf(out, "--- a/%s\n+++ b/%s\n", path, path);
	/* positions in a and b before each op */
	pos_a = xcalloc(nr_ops + 1, sizeof(*pos_a));
	pos_b = xcalloc(nr_ops + 1, sizeof(*pos_b));
	for (i = 0; i < nr_ops; i++) {
		pos_a[i + 1] = pos_a[i] + (ops[i] != OP_ADD);
		pos_b[i + 1] = pos_b[i] + (ops[i] != OP_DEL);
	}
	i = 0;
	while (i < nr_ops) {
		size_t last, start, end, k, r;
		size_t ca, cb;
		if (ops[i] == OP_SAME) {
			i++;
			continue;
		}
		/* a cluster of changes no more than 2*CONTEXT same lines apart */
		last = j = i;
		while (j < nr_ops) {
			if (ops[j] != OP_SAME) {
				last = j++;
				continue;
			}
			for (r = j; r < nr_ops && ops[r] == OP_SAME; r++)
				;
			if (r == nr_ops || r - j > 2 * CONTEXT)
				break;
			j = r;
		}
		start = i >= CONTEXT ? i - CONTEXT : 0;
		end = last + 1 + CONTEXT < nr_ops ? last + 1 + CONTEXT : nr_ops;
		ca = pos_a[end] - pos_a[start];
		cb = pos_b[end] - pos_b[start];
		strbuf_addf(out, "@@ -%zu,%zu +%zu,%zu @@\n", ca ? pos_a[start] + 1 : pos_a[start], ca,
			    cb ? pos_b[start] + 1 : pos_b[start], cb);
		for (k = start; k < end; k++) {
			if (ops[k] == OP_SAME)
				add_line(out, ' ', &a[pos_a[k]]);
			else if (ops[k] == OP_DEL)
				add_line(out, '-', &a[pos_a[k]]);
			else
				add_line(out, '+', &b[pos_b[k]]);
		}
		i = end;
	}
	free(pos_a);
	free(pos_b);
	free(ops);
	free(a);
	free(b);
}
