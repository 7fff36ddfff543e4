/*
 * common.c - allocation wrappers and the error tiers declared in common.h.
 */
#include "common.h"

#include <errno.h>

const char *prog_name = "plumber";

static NORETURN void out_of_memory(size_t size)
{
	fprintf(stderr, "%s: out of memory allocating %zu bytes\n", prog_name, size);
	exit(EXIT_TROUBLE);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		out_of_memory(nmemb * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

size_t st_mult(size_t a, size_t b)
{
	if (b && a > SIZE_MAX / b)
		die("size overflow: %zu * %zu", a, b);
	return a * b;
}

/*
 * Messages are lowercase (DESIGN.md), but strerror() and libcurl capitalise
 * their reasons ("cannot read x: No such file or directory"): lowercase a
 * word that starts a clause after ": " when it is an ordinary capitalised
 * word (an acronym such as EOF or TLS is left alone).
 */
static void lowercase_reasons(char *msg)
{
	char *p;
	for (p = strstr(msg, ": "); p; p = strstr(p + 1, ": ")) {
		char *w = p + 2;
		if (w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'a' && w[1] <= 'z')
			w[0] = (char)(w[0] - 'A' + 'a');
	}
}

/*
 * One message is formatted into a local buffer and written with a single
 * fputs, so messages from worker threads never interleave mid-line.
 */
static void report(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	char msg[4096];
	int n = snprintf(msg, sizeof(msg), "%s: %s", prog_name, prefix);
	if (n < 0 || (size_t)n >= sizeof(msg))
		n = 0;
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	n = (int)strlen(msg);
	if (suffix)
		snprintf(msg + n, sizeof(msg) - (size_t)n, ": %s", suffix);
	n = (int)strlen(msg);
	lowercase_reasons(msg);
	if ((size_t)n + 1 < sizeof(msg)) {
		msg[n] = '\n';
		msg[n + 1] = '\0';
	}
	fputs(msg, stderr);
}

void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report("", fmt, ap, NULL);
	va_end(ap);
	exit(EXIT_TROUBLE);
}

void die_errno(const char *fmt, ...)
{
	const char *reason = strerror(errno);
	va_list ap;
	va_start(ap, fmt);
	report("", fmt, ap, reason);
	va_end(ap);
	exit(EXIT_TROUBLE);
}

int error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report("", fmt, ap, NULL);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report("warning: ", fmt, ap, NULL);
	va_end(ap);
}

void bug_fl(const char *file, int line, const char *fmt, ...)
{
	char where[256];
	va_list ap;
	snprintf(where, sizeof(where), "BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	report(where, fmt, ap, NULL);
	va_end(ap);
	abort();
}
