/*
 * libcurl.h - libcurl, loaded when first used.
 *
 * Only `plumber watch` (pprof endpoints, Prometheus) and `plumber explain
 * --url` speak HTTP. Linked at start-up, libcurl and the thirty libraries
 * it needs (TLS, Kerberos, LDAP, SSH...) cost every run 6 ms before main()
 * (measured: 7.1 ms to start and exit against 0.7 ms without), which is
 * most of a cached `plumber lint` on a small repository. So they are
 * opened with dlopen(3) by the first call into libcurl instead, through
 * the macros below, and a lint run never loads them.
 *
 * Include this instead of <curl/curl.h>; call libcurl's functions as
 * usual (these ten are the ones plumber uses). A missing libcurl is a
 * fatal error that says which package provides it. Thread safe.
 */
#ifndef PLUMBER_LIBCURL_H
#define PLUMBER_LIBCURL_H

#define CURL_DISABLE_TYPECHECK /* real prototypes, not macros, in curl.h */
#include <curl/curl.h>

struct libcurl_fns {
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
	CURLcode (*easy_perform)(CURL *curl);
	CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *curl);
	const char *(*easy_strerror)(CURLcode code);
	struct curl_slist *(*slist_append)(struct curl_slist *list, const char *s);
	void (*slist_free_all)(struct curl_slist *list);
};

/* Load libcurl once (dies when it cannot), and return its functions. */
const struct libcurl_fns *libcurl(void);

/* curl.h makes these two macros that insist on three arguments: ours instead */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_global_init (libcurl()->global_init)
#define curl_global_cleanup (libcurl()->global_cleanup)
#define curl_easy_init (libcurl()->easy_init)
#define curl_easy_setopt (libcurl()->easy_setopt)
#define curl_easy_perform (libcurl()->easy_perform)
#define curl_easy_getinfo (libcurl()->easy_getinfo)
#define curl_easy_cleanup (libcurl()->easy_cleanup)
#define curl_easy_strerror (libcurl()->easy_strerror)
#define curl_slist_append (libcurl()->slist_append)
#define curl_slist_free_all (libcurl()->slist_free_all)

#endif
