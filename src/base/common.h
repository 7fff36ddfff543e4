/*
 * common.h - what every plumber source file includes first.
 *
 * Allocation wrappers that never return NULL (they die on out-of-memory),
 * the three tiers of error reporting (die / error / BUG), the exit codes
 * every command shares, and the ban on the unsafe string functions.
 */
#ifndef PLUMBER_COMMON_H
#define PLUMBER_COMMON_H

#define _GNU_SOURCE 1
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exit codes of every command (DESIGN.md, "Contract"). */
enum exit_code {
	EXIT_CLEAN = 0,   /* ran to the end, found nothing */
	EXIT_FOUND = 1,   /* ran to the end, found something */
	EXIT_TROUBLE = 2, /* usage error, or input that could not be read */
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED(x) ((void)(x))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#endif

/*
 * Allocation. All of these abort the program with a message when memory
 * runs out, so callers never check for NULL. xrealloc(p, 0) frees and
 * returns a valid pointer to a zero-sized block, never NULL.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Returns a * b, or dies when the product overflows size_t. */
size_t st_mult(size_t a, size_t b);

/*
 * ALLOC_GROW(x, nr, alloc): make sure the array x, holding `alloc` slots,
 * has room for at least `nr` elements, growing it geometrically (git's
 * idiom). x, nr and alloc are lvalues.
 */
#define ALLOC_GROW(x, nr, alloc) \
	do { \
		if ((nr) > (alloc)) { \
			size_t alloc_grow_new_ = ((alloc) + 16) * 3 / 2; \
			if (alloc_grow_new_ < (size_t)(nr)) \
				alloc_grow_new_ = (nr); \
			(x) = xrealloc((x), st_mult(alloc_grow_new_, sizeof(*(x)))); \
			(alloc) = alloc_grow_new_; \
		} \
	} while (0)

/*
 * The program name that prefixes every message ("plumber lint", say);
 * set once by main() and each command before any thread starts.
 */
extern const char *prog_name;

/*
 * die(): a fatal user-facing error. Prints "<prog>: <message>" on stderr,
 * one line, and exits with EXIT_TROUBLE.
 * error(): a problem with one input that must not stop the run. Prints
 * "<prog>: <message>" and returns -1 so callers can `return error(...)`.
 * warning(): same as error() but returns nothing; the run is not affected.
 * BUG(): an invariant is broken; prints where and aborts.
 * All of these are thread safe (one fprintf per message).
 */
NORETURN void die(const char *fmt, ...) PRINTF_LIKE(1, 2);
int error(const char *fmt, ...) PRINTF_LIKE(1, 2);
void warning(const char *fmt, ...) PRINTF_LIKE(1, 2);
NORETURN void bug_fl(const char *file, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)

/* Like die(), but appends ": strerror(errno)". */
NORETURN void die_errno(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* True when s starts with prefix. */
static inline int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* True when s ends with suffix. */
static inline int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

#include "banned.h"

#endif
