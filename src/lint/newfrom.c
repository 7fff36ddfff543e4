/*
 * newfrom.c - lines changed since a revision or in a patch (newfrom.h).
 */
#include "lint/newfrom.h"
#include "base/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static struct changed_file *add_file(struct changed_lines *cl, const char *abs)
{
	size_t i;
	for (i = 0; i < cl->nr; i++)
		if (!strcmp(cl->v[i].path, abs))
			return &cl->v[i];
	cl->v = xrealloc(cl->v, st_mult(cl->nr + 1, sizeof(*cl->v)));
	memset(&cl->v[cl->nr], 0, sizeof(cl->v[cl->nr]));
	cl->v[cl->nr].path = xstrdup(abs);
	return &cl->v[cl->nr++];
}

static void add_range(struct changed_file *f, uint32_t first, uint32_t last)
{
	f->lines = xrealloc(f->lines, st_mult(2 * (f->nr + 1), sizeof(*f->lines)));
	f->lines[2 * f->nr] = first;
	f->lines[2 * f->nr + 1] = last;
	f->nr++;
}

/* base/rel made absolute through realpath(); NULL when the file does not exist. */
static char *absolute(const char *base, const char *rel, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;
	if (len && rel[0] == '/')
		strbuf_add(&sb, rel, len);
	else
		strbuf_addf(&sb, "%s/%.*s", base, (int)len, rel);
	out = realpath(sb.buf, NULL);
	strbuf_release(&sb);
	return out;
}

static uint32_t read_num(const char **p, const char *end)
{
	uint64_t v = 0;
	while (*p < end && **p >= '0' && **p <= '9') {
		if (v < UINT32_MAX)
			v = v * 10 + (uint64_t)(**p - '0');
		(*p)++;
	}
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

int changed_lines_parse(struct changed_lines *cl, const char *text, size_t len,
			const char *base, const char **err)
{
	const char *p = text, *end = text + len;
	struct changed_file *cur = NULL;
	int minus_prefixed = 0, seen = 0;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *line = p;
		size_t ll;
		if (!eol)
			eol = end;
		ll = (size_t)(eol - p);
		if (ll && line[ll - 1] == '\r')
			ll--;
		p = eol < end ? eol + 1 : end;

		if (ll >= 4 && !memcmp(line, "--- ", 4)) {
			minus_prefixed = (ll >= 6 && !memcmp(line + 4, "a/", 2)) ||
					 (ll >= 13 && !memcmp(line + 4, "/dev/null", 9));
			cur = NULL;
			continue;
		}
		if (ll >= 4 && !memcmp(line, "+++ ", 4)) {
			const char *name = line + 4, *tab = memchr(name, '\t', ll - 4);
			size_t nl = tab ? (size_t)(tab - name) : ll - 4;
			char *abs;
			seen = 1;
			cur = NULL;
			if (nl == 9 && !memcmp(name, "/dev/null", 9))
				continue; /* deleted: nothing to report in it */
			if (minus_prefixed && nl > 2 && !memcmp(name, "b/", 2)) {
				name += 2;
				nl -= 2;
			}
			abs = absolute(base, name, nl);
			if (abs)
				cur = add_file(cl, abs);
			free(abs);
			continue;
		}
		if (ll >= 3 && !memcmp(line, "@@ ", 3) && cur) {
			const char *q = memchr(line + 3, '+', ll - 3), *le = line + ll;
			uint32_t start, count = 1;
			seen = 1;
			if (!q)
				continue;
			q++;
			start = read_num(&q, le);
			if (q < le && *q == ',') {
				q++;
				count = read_num(&q, le);
			}
			if (count)
				add_range(cur, start, start + count - 1);
			else /* lines deleted after `start`: the code around them changed */
				add_range(cur, start ? start : 1, start + 1);
		}
	}
	if (!seen && len) {
		*err = "no unified diff in it (no '+++' or '@@' lines)";
		return -1;
	}
	return 0;
}

/*
 * Run git with argv (NULL-terminated, argv[0] = "git") in the current
 * directory; its standard output in *out. Returns its exit status, or -1
 * when it could not run.
 */
static int run_git(const char *const *argv, struct strbuf *out)
{
	int fds[2], status;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDWR);
		dup2(fds[1], 1);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 2);
		}
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	strbuf_read_fd(out, fds[0], 0);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int changed_lines_since(struct changed_lines *cl, const char *rev, struct strbuf *errbuf)
{
	struct strbuf out = STRBUF_INIT, spec = STRBUF_INIT;
	char cwd[PATH_MAX];
	const char *perr = NULL;
	int rc;

	if (!getcwd(cwd, sizeof(cwd))) {
		strbuf_addf(errbuf, "cannot name the current directory: %s", strerror(errno));
		return -1;
	}
	{
		const char *argv[] = { "git", "rev-parse", "--is-inside-work-tree", NULL };
		rc = run_git(argv, &out);
		if (rc < 0 || rc == 127) {
			strbuf_addstr(errbuf, "--new-from-rev needs git, which could not run");
			goto fail;
		}
		if (rc) {
			strbuf_addstr(errbuf, "--new-from-rev: not inside a git work tree");
			goto fail;
		}
	}
	strbuf_addf(&spec, "%s^{commit}", rev);
	strbuf_reset(&out);
	{
		const char *argv[] = { "git", "rev-parse", "--verify", "--quiet", spec.buf, NULL };
		if (rev[0] == '-' || run_git(argv, &out)) {
			strbuf_addf(errbuf, "--new-from-rev: '%s' is not a commit of this repository", rev);
			goto fail;
		}
	}
	strbuf_reset(&out);
	{
		const char *argv[] = { "git",	  "diff",  "--no-color", "--no-ext-diff", "--relative",
				       "-U0",	  "--src-prefix=a/", "--dst-prefix=b/", rev, "--", NULL };
		if (run_git(argv, &out)) {
			strbuf_addf(errbuf, "--new-from-rev: git diff %s failed", rev);
			goto fail;
		}
	}
	if (changed_lines_parse(cl, out.buf, out.len, cwd, &perr) && out.len) {
		strbuf_addf(errbuf, "--new-from-rev: cannot read git's diff: %s", perr);
		goto fail;
	}
	strbuf_reset(&out);
	{
		/* files git does not track yet are new in every line */
		const char *argv[] = { "git", "ls-files", "--others", "--exclude-standard", "-z", NULL };
		size_t i = 0;
		if (run_git(argv, &out) == 0)
			while (i < out.len) {
				size_t l = strlen(out.buf + i);
				char *abs = absolute(cwd, out.buf + i, l);
				if (abs)
					add_file(cl, abs)->whole = 1;
				free(abs);
				i += l + 1;
			}
	}
	strbuf_release(&out);
	strbuf_release(&spec);
	return 0;
fail:
	strbuf_release(&out);
	strbuf_release(&spec);
	return -1;
}

int changed_lines_has(const struct changed_lines *cl, const char *path, const struct finding *fd)
{
	char *abs = realpath(path, NULL);
	uint32_t lo = fd->func_line ? fd->func_line : fd->line;
	uint32_t hi = fd->func_end_line ? fd->func_end_line : fd->end_line;
	size_t i, k;
	int yes = 0;

	if (!abs)
		return 0;
	if (hi < lo)
		hi = lo;
	for (i = 0; i < cl->nr && !yes; i++) {
		const struct changed_file *f = &cl->v[i];
		if (strcmp(f->path, abs))
			continue;
		if (f->whole)
			yes = 1;
		for (k = 0; k < f->nr && !yes; k++)
			yes = f->lines[2 * k] <= hi && f->lines[2 * k + 1] >= lo;
	}
	free(abs);
	return yes;
}

void changed_lines_release(struct changed_lines *cl)
{
	size_t i;
	for (i = 0; i < cl->nr; i++) {
		free(cl->v[i].path);
		free(cl->v[i].lines);
	}
	free(cl->v);
	cl->v = NULL;
	cl->nr = 0;
}
