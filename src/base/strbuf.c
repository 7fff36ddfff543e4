/*
 * strbuf.c - see strbuf.h.
 */
#include "strbuf.h"
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

/* Shared empty buffer so an unused strbuf costs no allocation. */
char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->alloc = sb->len = 0;
	sb->buf = strbuf_slopbuf;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *res;
	strbuf_grow(sb, 0);
	res = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb, 0);
	return res;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	int fresh = !sb->alloc;
	if (sb->len + extra + 1 <= sb->len)
		die("strbuf would overflow");
	if (fresh)
		sb->buf = NULL;
	ALLOC_GROW(sb->buf, sb->len + extra + 1, sb->alloc);
	if (fresh)
		sb->buf[0] = '\0';
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (len > (sb->alloc ? sb->alloc - 1 : 0))
		BUG("strbuf_setlen beyond allocation");
	sb->len = len;
	if (sb->buf != strbuf_slopbuf)
		sb->buf[len] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	strbuf_setlen(sb, sb->len + len);
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len] = (char)c;
	strbuf_setlen(sb, sb->len + 1);
}

void strbuf_addchars(struct strbuf *sb, int c, size_t n)
{
	strbuf_grow(sb, n);
	memset(sb->buf + sb->len, c, n);
	strbuf_setlen(sb, sb->len + n);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		BUG("vsnprintf failed for format '%s'", fmt);
	if ((size_t)n >= (sb->alloc ? sb->alloc - sb->len : 0)) {
		strbuf_grow(sb, (size_t)n);
		n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	}
	strbuf_setlen(sb, sb->len + (size_t)n);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	size_t want, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		want = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		want = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		want = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (want > n)
		return 0;
	for (i = 1; i < want; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((want == 2 && cp < 0x80) || (want == 3 && cp < 0x800) ||
	    (want == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return want;
}

void strbuf_add_utf8(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n = utf8_seq_len(p + i, len - i);
		if (!n) {
			strbuf_addstr(sb, "\xef\xbf\xbd");
			i++;
		} else {
			strbuf_add(sb, p + i, n);
			i += n;
		}
	}
}

/*
 * strbuf_read_fd; `size`, when not -1, is what fstat says a regular file
 * holds: a read that stops short at exactly that many bytes is its end
 * (a read of a regular file is short only at its end), which spares the
 * read that would return 0. A file that grew since fills the read.
 */
static long read_fd(struct strbuf *sb, int fd, size_t limit, long long size)
{
	size_t start = sb->len;

	for (;;) {
		ssize_t got;
		size_t room;
		if (sb->alloc < sb->len + 2) /* full (or none): room for more; else read into what is there */
			strbuf_grow(sb, 65536);
		room = sb->alloc - sb->len - 1;
		got = read(fd, sb->buf + sb->len, room);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (got == 0)
			break;
		strbuf_setlen(sb, sb->len + (size_t)got);
		if (limit && sb->len - start > limit)
			return -2;
		if (size >= 0 && (size_t)got < room && sb->len - start == (size_t)size)
			break;
	}
	return (long)(sb->len - start);
}

long strbuf_read_fd(struct strbuf *sb, int fd, size_t limit)
{
	return read_fd(sb, fd, limit, -1);
}

long strbuf_read_file(struct strbuf *sb, const char *path, size_t limit)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	long n;
	int saved;

	if (fd < 0)
		return -1;
	/* a regular file: room for all of it and one more byte, so that the
	   read that sees its end needs no bigger buffer (nor a copy) */
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (!limit || (size_t)st.st_size <= limit + 1)) {
		strbuf_grow(sb, (size_t)st.st_size + 1);
		n = read_fd(sb, fd, limit, (long long)st.st_size);
	} else {
		n = strbuf_read_fd(sb, fd, limit);
	}
	saved = errno;
	close(fd);
	errno = saved;
	return n;
}
