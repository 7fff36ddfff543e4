/*
 * libcurl.c - open libcurl on first use (see libcurl.h for why).
 */
#include "base/libcurl.h"
#include "base/common.h"

#include <dlfcn.h>
#include <pthread.h>

static struct libcurl_fns fns;
static const char *load_error;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* dlsym into a function pointer (ISO C has no cast from void * to one: copy the bytes). */
static int sym(void *lib, const char *name, void *fn_ptr, size_t size)
{
	void *p = dlsym(lib, name);
	if (!p)
		return -1;
	memcpy(fn_ptr, &p, size);
	return 0;
}

#define SYM(field, name) sym(lib, name, &fns.field, sizeof(fns.field))

static void load(void)
{
	/* the runtime library of libcurl4-openssl-dev, then the other flavours */
	static const char *const names[] = { "libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4" };
	void *lib = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names) && !lib; i++)
		lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		load_error = "libcurl.so.4 cannot be loaded (Debian: apt install libcurl4)";
		return;
	}
	if (SYM(global_init, "curl_global_init") || SYM(global_cleanup, "curl_global_cleanup") ||
	    SYM(easy_init, "curl_easy_init") || SYM(easy_setopt, "curl_easy_setopt") ||
	    SYM(easy_perform, "curl_easy_perform") || SYM(easy_getinfo, "curl_easy_getinfo") ||
	    SYM(easy_cleanup, "curl_easy_cleanup") || SYM(easy_strerror, "curl_easy_strerror") ||
	    SYM(slist_append, "curl_slist_append") || SYM(slist_free_all, "curl_slist_free_all"))
		load_error = "the libcurl found lacks a function plumber needs";
}

const struct libcurl_fns *libcurl(void)
{
	pthread_once(&once, load);
	if (load_error)
		die("%s", load_error);
	return &fns;
}
