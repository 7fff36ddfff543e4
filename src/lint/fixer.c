/*
 * fixer.c - see fixer.h.
 */
#include "lint/fixer.h"
#include "lint/fix.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

struct text {
	struct strbuf orig; /* as read at the start */
	struct strbuf cur;  /* with the fixes so far */
	int readable;
	int changed;
};

struct round {
	struct text *texts;
	size_t next;              /* the input the next file_done() is about */
	struct edit_list *taken;  /* per input: the edits taken this round */
	size_t fixed;
};

/* Do edit e and any of l's edits touch the same bytes (or insert at the same place)? */
static int conflicts(const struct edit_list *l, uint32_t start, uint32_t end)
{
	size_t i;
	for (i = 0; i < l->nr; i++) {
		const struct edit *a = &l->v[i];
		uint32_t lo = start > a->start ? start : a->start, hi = end < a->end ? end : a->end;
		if (lo < hi)
			return 1;
		if (start == a->start && (start == end) == (a->start == a->end))
			return 1; /* two insertions, or two replacements, at one place */
		if ((start == end && start > a->start && start < a->end) ||
		    (a->start == a->end && a->start > start && a->start < end))
			return 1; /* an insertion inside a replacement */
	}
	return 0;
}

static void round_file_done(void *ctx, const struct lint_file *f)
{
	struct round *r = ctx;
	size_t i = r->next++, k, j;
	struct edit_list *l = &r->taken[i];

	for (k = 0; k < f->nr_findings; k++) {
		const struct finding *fd = &f->findings[k];
		int ok = fd->nr_edits > 0;
		for (j = 0; j < fd->nr_edits && ok; j++)
			ok = !conflicts(l, fd->edits[j].start, fd->edits[j].end);
		if (!ok)
			continue;
		for (j = 0; j < fd->nr_edits; j++)
			edit_list_add(l, fd->edits[j].start, fd->edits[j].end, fd->edits[j].text);
		r->fixed++;
	}
}

/* Point the inputs at the current texts. */
static void use_texts(struct walk_result *inputs, struct text *texts)
{
	size_t i;
	for (i = 0; i < inputs->nr; i++)
		if (texts[i].readable) {
			inputs->v[i].data = texts[i].cur.buf;
			inputs->v[i].size = texts[i].cur.len;
		}
}

/*
 * Write buf to path in place of its contents, atomically, if the file
 * still holds `expect`. Returns 0, or -1 after saying why.
 */
static int write_file(const char *path, const struct strbuf *expect, const struct strbuf *buf)
{
	struct strbuf now = STRBUF_INIT, tmp = STRBUF_INIT;
	struct stat st;
	int fd, ret = -1;
	size_t off = 0;

	char *real = realpath(path, NULL);

	/* a symbolic link: replace the file it points to, not the link */
	if (real)
		path = real;
	if (strbuf_read_file(&now, path, expect->len + 1) < 0 || now.len != expect->len ||
	    memcmp(now.buf, expect->buf, now.len)) {
		error("%s: changed since it was read; not fixed", path);
		goto out;
	}
	if (stat(path, &st) < 0) {
		error("%s: cannot stat: %s; not fixed", path, strerror(errno));
		goto out;
	}
	strbuf_addf(&tmp, "%s.plumber-XXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		error("%s: cannot create a temporary file beside it: %s; not fixed", path, strerror(errno));
		goto out;
	}
	while (off < buf->len) {
		ssize_t n = write(fd, buf->buf + off, buf->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (off < buf->len || fchmod(fd, st.st_mode & 07777) < 0 || fsync(fd) < 0) {
		error("%s: cannot write the fixed file: %s; not fixed", path, strerror(errno));
		close(fd);
		unlink(tmp.buf);
		goto out;
	}
	if (close(fd) < 0 || rename(tmp.buf, path) < 0) {
		error("%s: cannot replace it: %s; not fixed", path, strerror(errno));
		unlink(tmp.buf);
		goto out;
	}
	ret = 0;
out:
	free(real);
	strbuf_release(&now);
	strbuf_release(&tmp);
	return ret;
}

void fixer_run(const struct lint_options *opts, struct walk_result *inputs, enum fixer_mode mode,
	       const struct lint_sink *sink, struct lint_stats *stats, struct fixer_result *res)
{
	struct text *texts = xcalloc(inputs->nr ? inputs->nr : 1, sizeof(*texts));
	struct lint_options quiet = *opts;
	struct lint_stats round_stats;
	size_t i, rounds;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < inputs->nr; i++) {
		struct text *t = &texts[i];
		long n;
		strbuf_init(&t->orig, 0);
		strbuf_init(&t->cur, 0);
		if (inputs->v[i].from_stdin)
			n = strbuf_read_fd(&t->orig, 0, opts->max_file_size);
		else
			n = strbuf_read_file(&t->orig, inputs->v[i].path, opts->max_file_size);
		/* what cannot be read is left to the lint run, which says why */
		t->readable = n >= 0;
		if (!t->readable && inputs->v[i].from_stdin) {
			/* standard input is consumed: say it here, and fail, rather than print nothing */
			error("standard input: %s; nothing fixed",
			      n == -2 ? "larger than the size limit (see --max-file-size)" : strerror(errno));
			res->errors++;
		}
		if (t->readable)
			strbuf_add(&t->cur, t->orig.buf, t->orig.len);
	}

	quiet.progress = 0;
	for (rounds = 0; rounds < FIXER_MAX_ROUNDS; rounds++) {
		struct round r = { texts, 0, NULL, 0 };
		struct lint_sink rs = { round_file_done, &r };
		size_t applied = 0;

		r.taken = xcalloc(inputs->nr ? inputs->nr : 1, sizeof(*r.taken));
		use_texts(inputs, texts);
		lint_run(rounds ? &quiet : opts, inputs, &rs, &round_stats);
		for (i = 0; i < inputs->nr; i++) {
			struct strbuf next = STRBUF_INIT;
			if (r.taken[i].nr && texts[i].readable &&
			    !fix_apply(texts[i].cur.buf, texts[i].cur.len, r.taken[i].v, r.taken[i].nr, &next)) {
				struct strbuf old = texts[i].cur;
				texts[i].cur = next;
				next = old;
				texts[i].changed = 1;
				applied++;
			}
			strbuf_release(&next);
			edit_list_release(&r.taken[i]);
		}
		free(r.taken);
		res->fixed += r.fixed;
		if (!applied)
			break;
	}

	/* what remains, on the fixed text */
	use_texts(inputs, texts);
	if (sink)
		res->remaining = lint_run(&quiet, inputs, sink, stats);
	else
		*stats = round_stats;

	for (i = 0; i < inputs->nr; i++) {
		struct text *t = &texts[i];
		if (!t->changed || (t->cur.len == t->orig.len && !memcmp(t->cur.buf, t->orig.buf, t->orig.len)))
			continue;
		res->files++;
		if (mode == FIXER_DIFF) {
			struct strbuf d = STRBUF_INIT;
			fix_diff(inputs->v[i].path, t->orig.buf, t->orig.len, t->cur.buf, t->cur.len, &d);
			fwrite(d.buf, 1, d.len, stdout);
			strbuf_release(&d);
		} else if (inputs->v[i].from_stdin) {
			fwrite(t->cur.buf, 1, t->cur.len, stdout);
		} else if (write_file(inputs->v[i].path, &t->orig, &t->cur) < 0) {
			res->fixed = res->fixed ? res->fixed - 1 : 0;
			res->errors++;
			res->files--;
		}
	}
	/* standard input with nothing to fix still echoes its text */
	for (i = 0; i < inputs->nr; i++)
		if (mode == FIXER_FIX && inputs->v[i].from_stdin && texts[i].readable && !texts[i].changed)
			fwrite(texts[i].cur.buf, 1, texts[i].cur.len, stdout);

	for (i = 0; i < inputs->nr; i++) {
		inputs->v[i].data = NULL;
		strbuf_release(&texts[i].orig);
		strbuf_release(&texts[i].cur);
	}
	free(texts);
}
