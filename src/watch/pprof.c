/*
 * pprof.c - parsers of pprof debug=1 answers and the libcurl client; see
 * pprof.h.
 */
#include "watch/pprof.h"

#include "base/libcurl.h"
#include <limits.h>

long pprof_goroutine_total_parse(const char *buf, size_t len)
{
	static const char head[] = "goroutine profile: total ";
	const size_t hl = sizeof(head) - 1;
	size_t i;
	long n = 0;

	if (len <= hl || memcmp(buf, head, hl))
		return -1;
	for (i = hl; i < len && buf[i] >= '0' && buf[i] <= '9'; i++) {
		if (n > 100000000L)
			return -1;
		n = n * 10 + (buf[i] - '0');
	}
	if (i == hl || (i < len && buf[i] != '\n' && buf[i] != '\r'))
		return -1;
	return n;
}

long pprof_index_goroutines_parse(const char *buf, size_t len)
{
	static const char *const needles[] = {
		"<a href='goroutine?debug=1'>", "<a href=\"goroutine?debug=1\">",
	};
	const char *hit = NULL, *p;
	size_t i;
	long n = 0;

	for (i = 0; i < ARRAY_SIZE(needles) && !hit; i++)
		hit = memmem(buf, len, needles[i], strlen(needles[i]));
	if (!hit)
		return -1;
	/* Back over "<td>" and "</td>" to the digits of the count. */
	p = hit;
	if (p - buf < 9 || memcmp(p - 4, "<td>", 4) || memcmp(p - 9, "</td>", 5))
		return -1;
	p -= 9;
	while (p > buf && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p == hit - 9 || p - buf < 4 || memcmp(p - 4, "<td>", 4))
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > 1000000000L)
			return -1;
		n = n * 10 + (*p - '0');
	}
	return n;
}

/* Parse "# Name = N" at p (a line start); returns -1 when not that name. */
static long long memstat_value(const char *p, const char *end, const char *name)
{
	size_t nl = strlen(name);
	long long v = 0;
	int digits = 0;

	if ((size_t)(end - p) < nl + 5 || memcmp(p, "# ", 2) || memcmp(p + 2, name, nl))
		return -1;
	p += 2 + nl;
	if ((size_t)(end - p) < 3 || memcmp(p, " = ", 3))
		return -1;
	for (p += 3; p < end && *p >= '0' && *p <= '9'; p++, digits++) {
		if (v > (LLONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	return digits ? v : -1;
}

int pprof_memstats_parse(const char *buf, size_t len, struct pprof_memstats *out)
{
	const char *p = buf, *end = buf + len;
	int in_memstats = 0;

	out->heap_inuse = out->heap_alloc = out->next_gc = -1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		long long v;

		if ((size_t)(eol - p) >= 18 && !memcmp(p, "# runtime.MemStats", 18))
			in_memstats = 1;
		else if (in_memstats) {
			if ((v = memstat_value(p, eol, "HeapInuse")) >= 0)
				out->heap_inuse = v;
			else if ((v = memstat_value(p, eol, "HeapAlloc")) >= 0)
				out->heap_alloc = v;
			else if ((v = memstat_value(p, eol, "NextGC")) >= 0)
				out->next_gc = v;
		}
		p = eol + 1;
	}
	return out->heap_inuse >= 0 ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* The client                                                           */

struct sink {
	struct strbuf *out;
	size_t max;
	int too_big;
};

static size_t write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct sink *s = arg;
	size_t n = size * nmemb;

	if (s->out->len + n > s->max) {
		s->too_big = 1;
		return 0; /* makes curl fail the transfer */
	}
	strbuf_add(s->out, data, n);
	return n;
}

void pprof_client_init(struct pprof_client *c, const char *base_url)
{
	static int global_done;
	size_t n = strlen(base_url);

	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT))
			die("cannot initialise libcurl");
		global_done = 1;
	}
	while (n && base_url[n - 1] == '/')
		n--;
	c->base = xstrndup(base_url, n);
	c->curl = curl_easy_init();
	if (!c->curl)
		die("cannot initialise libcurl");
	c->connect_timeout_ms = 1000;
	c->timeout_ms = 2000;
	c->max_bytes = 64u << 20;
}

void pprof_client_release(struct pprof_client *c)
{
	if (c->curl)
		curl_easy_cleanup(c->curl);
	c->curl = NULL;
	free(c->base);
	c->base = NULL;
}

int pprof_get(struct pprof_client *c, const char *path, struct strbuf *out,
	      struct strbuf *why)
{
	struct strbuf url = STRBUF_INIT;
	struct sink sink = { out, c->max_bytes, 0 };
	CURL *h = c->curl;
	CURLcode rc;
	long status = 0;

	strbuf_reset(out);
	strbuf_addf(&url, "%s%s", c->base, path);
	curl_easy_setopt(h, CURLOPT_URL, url.buf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "plumber-watch");
	rc = curl_easy_perform(h);
	strbuf_release(&url);
	if (rc != CURLE_OK) {
		if (why)
			strbuf_addstr(why, sink.too_big ? "answer larger than the limit"
							: curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (status != 200) {
		if (why)
			strbuf_addf(why, "http status %ld", status);
		return -1;
	}
	return 0;
}

long pprof_profile_every(long goroutines)
{
	long every;
	if (goroutines <= PPROF_PROFILE_CHEAP)
		return 1;
	every = (goroutines + PPROF_PROFILE_CHEAP - 1) / PPROF_PROFILE_CHEAP;
	return every > PPROF_PROFILE_MAX_EVERY ? PPROF_PROFILE_MAX_EVERY : every;
}
