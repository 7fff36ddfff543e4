/*
 * strbuf.h - a growable string whose buffer is never NULL and always
 * NUL-terminated (git's strbuf).
 *
 * Initialize with STRBUF_INIT or strbuf_init(). `buf` may then be read as
 * a C string at any time; `len` bytes are valid, buf[len] == '\0'. The
 * buffer may hold NUL bytes in the middle when binary data is added.
 * Not thread safe: one strbuf belongs to one thread at a time.
 */
#ifndef PLUMBER_STRBUF_H
#define PLUMBER_STRBUF_H

#include "common.h"

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { .alloc = 0, .len = 0, .buf = strbuf_slopbuf }

/* Initialize sb, reserving room for `hint` bytes (0 allocates nothing). */
void strbuf_init(struct strbuf *sb, size_t hint);

/* Free the buffer and reinitialize sb to empty; it may be used again. */
void strbuf_release(struct strbuf *sb);

/*
 * Hand the buffer to the caller, who must free() it; sb is reinitialized.
 * Never returns NULL. If `len` is not NULL it receives the length.
 */
char *strbuf_detach(struct strbuf *sb, size_t *len);

/* Make room for `extra` more bytes beyond len (plus the NUL). */
void strbuf_grow(struct strbuf *sb, size_t extra);

/* Set the length to `len` (<= current allocation) and NUL-terminate. */
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen((sb), 0)

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addchars(struct strbuf *sb, int c, size_t n);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/*
 * Append `len` bytes of `s`, replacing every byte that is not part of a
 * valid UTF-8 sequence with U+FFFD, so the result can go into JSON.
 */
void strbuf_add_utf8(struct strbuf *sb, const char *s, size_t len);

/*
 * Read the whole of fd (until EOF) and append it. Returns the number of
 * bytes read, or -1 with errno set (what was read so far stays in sb).
 * Returns -2 when more than `limit` bytes arrive (limit 0 means none).
 */
long strbuf_read_fd(struct strbuf *sb, int fd, size_t limit);

/* Read a whole file; same return values as strbuf_read_fd, -1 on open failure. */
long strbuf_read_file(struct strbuf *sb, const char *path, size_t limit);

#endif
