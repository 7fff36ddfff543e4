/*
 * prom.c - the Prometheus HTTP API: answers parsed from buffers, query
 * text, and the libcurl client; see prom.h.
 */
#include "watch/prom.h"

#include "base/libcurl.h"
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <time.h>

/* ------------------------------------------------------------------ */
/* Answers                                                              */

void prom_series_release(struct prom_series *s)
{
	size_t i;
	for (i = 0; i < s->nr_labels; i++) {
		free(s->labels[i].name);
		free(s->labels[i].value);
	}
	free(s->labels);
	free(s->name);
	free(s->t);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void prom_result_release(struct prom_result *r)
{
	size_t i;
	for (i = 0; i < r->nr; i++)
		prom_series_release(&r->series[i]);
	free(r->series);
	for (i = 0; i < r->nr_warnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	memset(r, 0, sizeof(*r));
}

const char *prom_series_label(const struct prom_series *s, const char *name)
{
	size_t i;
	for (i = 0; i < s->nr_labels; i++)
		if (!strcmp(s->labels[i].name, name))
			return s->labels[i].value;
	return NULL;
}

static int label_cmp(const void *a, const void *b)
{
	return strcmp(((const struct prom_label *)a)->name, ((const struct prom_label *)b)->name);
}

/* The labels of a "metric" object (or a /api/v1/series element) into s. */
static int take_labels(json_t *metric, struct prom_series *s, struct strbuf *why)
{
	const char *key;
	json_t *val;

	if (!json_is_object(metric)) {
		strbuf_addstr(why, "a series has no label object");
		return -1;
	}
	s->labels = xcalloc(json_object_size(metric) + 1, sizeof(*s->labels));
	json_object_foreach(metric, key, val) {
		if (!json_is_string(val)) {
			strbuf_addf(why, "label %s is not a string", key);
			return -1;
		}
		if (!strcmp(key, "__name__")) {
			free(s->name);
			s->name = xstrdup(json_string_value(val));
			continue;
		}
		s->labels[s->nr_labels].name = xstrdup(key);
		s->labels[s->nr_labels].value = xstrdup(json_string_value(val));
		s->nr_labels++;
	}
	qsort(s->labels, s->nr_labels, sizeof(*s->labels), label_cmp);
	return 0;
}

/*
 * One [t, "v"] pair. The value is a string by the API's rules; a number
 * is accepted too (some compatible servers send them). NaN and infinities
 * become NaN: missing, for the statistics.
 */
static int take_sample(json_t *pair, double *t, double *v, struct strbuf *why)
{
	json_t *jt, *jv;
	const char *s;
	char *end;

	if (!json_is_array(pair) || json_array_size(pair) != 2 ||
	    !json_is_number(jt = json_array_get(pair, 0))) {
		strbuf_addstr(why, "a sample is not a [time, \"value\"] pair");
		return -1;
	}
	*t = json_number_value(jt);
	jv = json_array_get(pair, 1);
	if (json_is_number(jv)) {
		*v = json_number_value(jv);
	} else if (json_is_string(jv)) {
		s = json_string_value(jv);
		errno = 0;
		*v = strtod(s, &end);
		if (end == s || *end) {
			strbuf_addf(why, "a sample value is not a number: \"%.40s\"", s);
			return -1;
		}
	} else {
		strbuf_addstr(why, "a sample value is not a string");
		return -1;
	}
	if (!isfinite(*t)) {
		strbuf_addstr(why, "a sample time is not finite");
		return -1;
	}
	if (!isfinite(*v))
		*v = NAN;
	return 0;
}

static struct prom_series *new_series(struct prom_result *r)
{
	struct prom_series *s;
	ALLOC_GROW(r->series, r->nr + 1, r->alloc);
	s = &r->series[r->nr++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup("");
	return s;
}

static int take_matrix(json_t *result, struct prom_result *out, struct strbuf *why)
{
	size_t i, j;
	json_t *el;

	json_array_foreach(result, i, el) {
		struct prom_series *s = new_series(out);
		json_t *values = json_object_get(el, "values");
		json_t *pair;

		if (take_labels(json_object_get(el, "metric"), s, why))
			return -1;
		if (!json_is_array(values)) {
			strbuf_addstr(why, "a series of the matrix has no \"values\" array");
			return -1;
		}
		s->n = json_array_size(values);
		s->t = xmalloc(st_mult(s->n ? s->n : 1, sizeof(double)));
		s->v = xmalloc(st_mult(s->n ? s->n : 1, sizeof(double)));
		json_array_foreach(values, j, pair) {
			if (take_sample(pair, &s->t[j], &s->v[j], why))
				return -1;
			if (j && s->t[j] <= s->t[j - 1]) {
				strbuf_addstr(why, "the samples of a series are not in time order");
				return -1;
			}
		}
	}
	return 0;
}

static int take_vector(json_t *result, struct prom_result *out, struct strbuf *why)
{
	size_t i;
	json_t *el;

	json_array_foreach(result, i, el) {
		struct prom_series *s = new_series(out);
		if (take_labels(json_object_get(el, "metric"), s, why))
			return -1;
		s->t = xmalloc(sizeof(double));
		s->v = xmalloc(sizeof(double));
		s->n = 1;
		if (take_sample(json_object_get(el, "value"), s->t, s->v, why))
			return -1;
	}
	return 0;
}

static int take_series_list(json_t *data, struct prom_result *out, struct strbuf *why)
{
	size_t i;
	json_t *el;

	json_array_foreach(data, i, el) {
		struct prom_series *s = new_series(out);
		if (take_labels(el, s, why))
			return -1;
	}
	return 0;
}

static enum prom_parse_status parse_data(json_t *root, struct prom_result *out, struct strbuf *why)
{
	json_t *data = json_object_get(root, "data"), *result, *type;
	const char *t;

	if (json_is_array(data)) { /* /api/v1/series */
		out->type = PROM_SERIES;
		return take_series_list(data, out, why) ? PROM_PARSE_NOT_API : PROM_PARSE_OK;
	}
	if (!json_is_object(data)) {
		strbuf_addstr(why, "the answer has no \"data\"");
		return PROM_PARSE_NOT_API;
	}
	type = json_object_get(data, "resultType");
	result = json_object_get(data, "result");
	if (!json_is_string(type) || !result) {
		strbuf_addstr(why, "the answer has no \"resultType\" and \"result\"");
		return PROM_PARSE_NOT_API;
	}
	t = json_string_value(type);
	if (!strcmp(t, "matrix") && json_is_array(result)) {
		out->type = PROM_MATRIX;
		return take_matrix(result, out, why) ? PROM_PARSE_NOT_API : PROM_PARSE_OK;
	}
	if (!strcmp(t, "vector") && json_is_array(result)) {
		out->type = PROM_VECTOR;
		return take_vector(result, out, why) ? PROM_PARSE_NOT_API : PROM_PARSE_OK;
	}
	if (!strcmp(t, "scalar")) {
		struct prom_series *s = new_series(out);
		out->type = PROM_SCALAR;
		s->t = xmalloc(sizeof(double));
		s->v = xmalloc(sizeof(double));
		s->n = 1;
		return take_sample(result, s->t, s->v, why) ? PROM_PARSE_NOT_API : PROM_PARSE_OK;
	}
	strbuf_addf(why, "the answer's result type \"%.20s\" is not a matrix, vector or scalar", t);
	return PROM_PARSE_NOT_API;
}

static void take_warnings(json_t *root, struct prom_result *out)
{
	json_t *w = json_object_get(root, "warnings"), *el;
	size_t i;

	if (!json_is_array(w))
		return;
	out->warnings = xcalloc(json_array_size(w) + 1, sizeof(*out->warnings));
	json_array_foreach(w, i, el)
		if (json_is_string(el))
			out->warnings[out->nr_warnings++] = xstrdup(json_string_value(el));
}

/* Append a text of the server to why: one line, at most `max` bytes, valid UTF-8. */
static void add_server_text(struct strbuf *why, const char *s, size_t max)
{
	struct strbuf clean = STRBUF_INIT;
	size_t i, n = strlen(s);

	if (n > max)
		n = max;
	strbuf_add_utf8(&clean, s, n);
	for (i = 0; i < clean.len; i++)
		strbuf_addch(why, clean.buf[i] == '\n' || clean.buf[i] == '\r' ||
					  clean.buf[i] == '\t' ? ' ' : clean.buf[i]);
	if (strlen(s) > max)
		strbuf_addstr(why, "...");
	strbuf_release(&clean);
}

enum prom_parse_status prom_result_parse(const char *buf, size_t len, struct prom_result *out,
					 struct strbuf *why)
{
	json_error_t err;
	json_t *root, *status;
	enum prom_parse_status rc;
	size_t mark = why->len;

	memset(out, 0, sizeof(*out));
	root = json_loadb(buf, len, 0, &err);
	if (!root) {
		strbuf_addstr(why, len ? "the answer is not JSON" : "the answer is empty");
		return PROM_PARSE_NOT_API;
	}
	status = json_object_get(root, "status");
	if (!json_is_string(status)) {
		strbuf_addstr(why, "the answer has no \"status\"");
		rc = PROM_PARSE_NOT_API;
	} else if (!strcmp(json_string_value(status), "error")) {
		json_t *type = json_object_get(root, "errorType");
		json_t *msg = json_object_get(root, "error");
		strbuf_addstr(why, "the server said ");
		if (json_is_string(type)) {
			add_server_text(why, json_string_value(type), 40);
			strbuf_addstr(why, ": ");
		}
		add_server_text(why, json_is_string(msg) ? json_string_value(msg) : "an error", 300);
		rc = PROM_PARSE_ERROR;
	} else if (strcmp(json_string_value(status), "success")) {
		strbuf_addstr(why, "the answer's status is neither success nor error");
		rc = PROM_PARSE_NOT_API;
	} else {
		rc = parse_data(root, out, why);
		if (rc == PROM_PARSE_OK)
			take_warnings(root, out);
	}
	json_decref(root);
	if (rc != PROM_PARSE_OK) {
		prom_result_release(out);
		if (why->len == mark)
			strbuf_addstr(why, "the answer cannot be read");
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Query text                                                           */

int prom_matchers_normalize(const char *match, struct strbuf *out, struct strbuf *why)
{
	const char *p = match, *end;
	char quote = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n'))
		end--;
	if (p < end && *p == '{') {
		if (end[-1] != '}' || end - p < 2) {
			strbuf_addstr(why, "the selector's braces are not balanced");
			return -1;
		}
		p++;
		end--;
	} else if (p < end && memchr(p, '{', (size_t)(end - p))) {
		strbuf_addstr(why, "give label matchers only, such as '{job=\"api\"}': plumber queries each metric itself");
		return -1;
	}
	/* Outside quoted strings, a brace would end the selector early. */
	for (const char *q = p; q < end; q++) {
		if (quote) {
			if (*q == '\\' && quote != '`' && q + 1 < end)
				q++;
			else if (*q == quote)
				quote = 0;
		} else if (*q == '"' || *q == '\'' || *q == '`') {
			quote = *q;
		} else if (*q == '{' || *q == '}') {
			strbuf_addstr(why, "the selector's braces are not balanced");
			return -1;
		}
	}
	if (quote) {
		strbuf_addstr(why, "a quoted label value is not closed");
		return -1;
	}
	while (p < end && (*p == ' ' || *p == ','))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == ','))
		end--;
	if (p < end && !strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_", *p)) {
		strbuf_addstr(why, "a label matcher starts with a label name, such as job=\"api\"");
		return -1;
	}
	strbuf_add(out, p, (size_t)(end - p));
	return 0;
}

void prom_regex_alternation(struct strbuf *sb, const char *const *values, size_t n)
{
	size_t i;
	const char *s;

	strbuf_addch(sb, '"');
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addch(sb, '|');
		for (s = values[i]; *s; s++) {
			if (strchr("\\.+*?()|[]{}^$-", *s))
				strbuf_addstr(sb, "\\\\"); /* RE2 escape, itself escaped */
			if (*s == '"' || *s == '\\')
				strbuf_addch(sb, '\\');
			if (*s == '\n')
				strbuf_addstr(sb, "\\n");
			else
				strbuf_addch(sb, *s);
		}
	}
	strbuf_addch(sb, '"');
}

void prom_format_duration(struct strbuf *sb, double seconds)
{
	long long ms = llround(seconds * 1000), h, m, s;

	if (ms <= 0) {
		strbuf_addstr(sb, "0s");
		return;
	}
	if (ms % 1000) {
		strbuf_addf(sb, "%lldms", ms);
		return;
	}
	s = ms / 1000;
	h = s / 3600;
	m = s / 60 % 60;
	s %= 60;
	if (h)
		strbuf_addf(sb, "%lldh", h);
	if (m)
		strbuf_addf(sb, "%lldm", m);
	if (s || (!h && !m))
		strbuf_addf(sb, "%llds", s);
}

double prom_parse_time(const char *s)
{
	struct tm tm;
	const char *p;
	char *end;
	double frac = 0, t;
	long off = 0;

	if (!*s)
		return -1;
	errno = 0;
	t = strtod(s, &end);
	if (!*end && end != s && !errno && t >= 0 && isfinite(t))
		return t;
	memset(&tm, 0, sizeof(tm));
	p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!p)
		return -1;
	if (*p == '.') {
		const char *q = p + 1;
		double scale = 0.1;
		if (*q < '0' || *q > '9')
			return -1;
		for (; *q >= '0' && *q <= '9'; q++, scale /= 10)
			frac += (*q - '0') * scale;
		p = q;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
		int hh = (p[1] - '0') * 10 + (p[2] - '0'), mm = (p[4] - '0') * 10 + (p[5] - '0');
		if (p[1] < '0' || p[1] > '9' || p[2] < '0' || p[2] > '9' || p[4] < '0' ||
		    p[4] > '9' || p[5] < '0' || p[5] > '9' || hh > 23 || mm > 59)
			return -1;
		off = (hh * 60L + mm) * 60L * (*p == '+' ? 1 : -1);
		p += 6;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	t = (double)timegm(&tm) - (double)off + frac;
	return t >= 0 ? t : -1;
}

/* ------------------------------------------------------------------ */
/* The client                                                           */

void prom_form_escape(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			strbuf_addch(sb, c);
		} else {
			strbuf_addch(sb, '%');
			strbuf_addch(sb, hex[c >> 4]);
			strbuf_addch(sb, hex[c & 15]);
		}
	}
}

void prom_client_init(struct prom_client *c, const char *base_url)
{
	static int global_done;
	size_t n = strlen(base_url);

	memset(c, 0, sizeof(*c));
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT))
			die("cannot initialise libcurl");
		/* jansson seeds its hash on first use: do it here, before any thread parses */
		json_object_seed(0);
		global_done = 1;
	}
	while (n && base_url[n - 1] == '/')
		n--;
	c->base = xstrndup(base_url, n);
	c->connect_timeout_ms = 5000;
	c->timeout_ms = 30000;
	c->max_bytes = (size_t)512 << 20;
}

void prom_client_release(struct prom_client *c)
{
	free(c->base);
	if (c->bearer)
		memset(c->bearer, 0, strlen(c->bearer));
	free(c->bearer);
	if (c->userpwd)
		memset(c->userpwd, 0, strlen(c->userpwd));
	free(c->userpwd);
	free(c->cacert);
	strvec_clear(&c->headers);
	memset(c, 0, sizeof(*c));
}

void prom_conn_init(struct prom_conn *h, const struct prom_client *c)
{
	struct curl_slist *list = NULL;
	struct strbuf auth = STRBUF_INIT;
	size_t i;

	memset(h, 0, sizeof(*h));
	h->client = c;
	h->curl = curl_easy_init();
	if (!h->curl)
		die("cannot initialise libcurl");
	list = curl_slist_append(list, "Accept: application/json");
	for (i = 0; i < c->headers.nr; i++)
		list = curl_slist_append(list, c->headers.v[i]);
	if (c->bearer) {
		strbuf_addf(&auth, "Authorization: Bearer %s", c->bearer);
		list = curl_slist_append(list, auth.buf);
		memset(auth.buf, 0, auth.len);
	}
	strbuf_release(&auth);
	if (!list)
		die("cannot initialise libcurl");
	h->header_list = list;
}

void prom_conn_release(struct prom_conn *h)
{
	if (h->curl)
		curl_easy_cleanup(h->curl);
	curl_slist_free_all(h->header_list);
	memset(h, 0, sizeof(*h));
}

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

static void add_seconds(struct strbuf *sb, long ms)
{
	if (ms % 1000)
		strbuf_addf(sb, "%.1f s", (double)ms / 1000);
	else
		strbuf_addf(sb, "%ld s", ms / 1000);
}

static enum prom_fail transfer_failed(const struct prom_conn *h, CURLcode rc, const struct sink *sink,
				      struct strbuf *why)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		strbuf_addstr(why, "no answer within ");
		add_seconds(why, h->client->timeout_ms);
		return PROM_FAIL_TIMEOUT;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		strbuf_addf(why, "cannot connect: %s", curl_easy_strerror(rc));
		return PROM_FAIL_CONNECT;
	case CURLE_GOT_NOTHING:
		strbuf_addstr(why, "the server closed the connection without an answer");
		return PROM_FAIL_OTHER;
	case CURLE_WRITE_ERROR:
		if (sink->too_big) {
			strbuf_addf(why, "the answer is larger than %zu MiB", h->client->max_bytes >> 20);
			return PROM_FAIL_TOO_BIG;
		}
		break;
	default:
		break;
	}
	strbuf_addstr(why, curl_easy_strerror(rc));
	return PROM_FAIL_OTHER;
}

enum prom_fail prom_post(struct prom_conn *h, const char *path, const char *form,
			 struct prom_result *out, struct strbuf *why)
{
	const struct prom_client *c = h->client;
	struct strbuf url = STRBUF_INIT, body = STRBUF_INIT, reason = STRBUF_INIT;
	struct sink sink = { &body, c->max_bytes, 0 };
	CURL *curl = h->curl;
	CURLcode rc;
	long status = 0;
	enum prom_parse_status ps;
	enum prom_fail fail = PROM_FAIL_NONE;

	memset(out, 0, sizeof(*out));
	strbuf_addf(&url, "%s%s", c->base, path);
	curl_easy_setopt(curl, CURLOPT_URL, url.buf);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(form));
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, (struct curl_slist *)h->header_list);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	/*
	 * No Accept-Encoding: gzip costs the server about four times the
	 * CPU of the query itself (measured with Prometheus 2.42 on a 13 MB
	 * answer: 5.2 s against 1.2 s), far more than the bytes cost on a LAN.
	 */
	curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, NULL);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "plumber-watch");
	if (c->userpwd) {
		curl_easy_setopt(curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(curl, CURLOPT_USERPWD, c->userpwd);
	}
	if (c->cacert)
		curl_easy_setopt(curl, CURLOPT_CAINFO, c->cacert);
	rc = curl_easy_perform(curl);
	strbuf_release(&url);
	if (rc != CURLE_OK) {
		fail = transfer_failed(h, rc, &sink, why);
		goto out;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	if (status == 401 || status == 403) {
		strbuf_addf(why, "http status %ld (%s)", status,
			    status == 401 ? "unauthorized" : "forbidden");
		fail = PROM_FAIL_AUTH;
		goto out;
	}
	ps = prom_result_parse(body.buf, body.len, out, &reason);
	if (ps == PROM_PARSE_ERROR) {
		strbuf_addstr(why, reason.buf);
		fail = PROM_FAIL_QUERY;
	} else if (ps == PROM_PARSE_NOT_API && status == 200) {
		strbuf_addf(why, "%s: not the Prometheus HTTP API", reason.buf);
		fail = PROM_FAIL_NOT_API;
	} else if (ps == PROM_PARSE_NOT_API) {
		strbuf_addf(why, "http status %ld", status);
		fail = status == 404 ? PROM_FAIL_NOT_API : PROM_FAIL_OTHER;
	} else if (status != 200) {
		strbuf_addf(why, "http status %ld", status);
		prom_result_release(out);
		fail = PROM_FAIL_OTHER;
	}
out:
	strbuf_release(&reason);
	strbuf_release(&body);
	return fail;
}
