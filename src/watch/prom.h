/*
 * prom.h - the Prometheus HTTP API, as `plumber watch --prometheus URL`
 * reads it: a parser of its JSON answers over buffers (tested on saved
 * answers, garbage and errors included) and a small libcurl client.
 *
 * Any server that speaks the API will do: Prometheus, Thanos, Mimir,
 * VictoriaMetrics. Three endpoints are used:
 *
 *   GET/POST /api/v1/series       match[], start, end: the label sets
 *   POST     /api/v1/query        query, time: an instant vector
 *   POST     /api/v1/query_range  query, start, end, step: a matrix
 *
 * Every answer is {"status":"success"|"error", "data":..., "errorType",
 * "error", "warnings":[...]}; sample values are strings ("12", "NaN",
 * "+Inf"), timestamps numbers of seconds.
 *
 * The parser is pure and thread safe on distinct results. One struct
 * prom_client (the settings) may be shared by threads; each thread makes
 * requests through its own struct prom_conn.
 */
#ifndef PLUMBER_WATCH_PROM_H
#define PLUMBER_WATCH_PROM_H

#include "base/common.h"
#include "base/options.h"
#include "base/strbuf.h"

/* ------------------------------------------------------------------ */
/* Answers                                                              */

struct prom_label {
	char *name;     /* owned */
	char *value;    /* owned */
};

/*
 * One series of an answer: its labels (without __name__, sorted by name),
 * its metric name ("" when the answer has none) and its samples. A sample
 * whose value is NaN or infinite is kept with v = NaN: the caller treats
 * it as missing.
 */
struct prom_series {
	char *name;                 /* owned: the __name__ label, or "" */
	struct prom_label *labels;  /* owned */
	size_t nr_labels;
	double *t;                  /* owned: [n] seconds since the epoch, ascending */
	double *v;                  /* owned: [n] */
	size_t n;
};

enum prom_result_type { PROM_MATRIX, PROM_VECTOR, PROM_SCALAR, PROM_SERIES };

struct prom_result {
	enum prom_result_type type;
	struct prom_series *series; /* owned */
	size_t nr, alloc;
	char **warnings;            /* owned: the answer's "warnings" */
	size_t nr_warnings;
};
#define PROM_RESULT_INIT { 0 }

/* What a parse found. */
enum prom_parse_status {
	PROM_PARSE_OK = 0,
	PROM_PARSE_NOT_API = -1,    /* not JSON, or JSON but not the API's shape */
	PROM_PARSE_ERROR = -2,      /* "status":"error": the server rejected the query */
};

/*
 * Parse an answer of /api/v1/query or /api/v1/query_range (a matrix, a
 * vector or a scalar; a vector and a scalar give series of one sample) or
 * of /api/v1/series (label sets, no samples; type PROM_SERIES) in
 * buf[0..len) into *out, which must be empty (PROM_RESULT_INIT). Returns
 * PROM_PARSE_OK, or a failure with a one-line lowercase reason appended
 * to why ("the server said bad_data: parse error at char 5: ...",
 * "the answer is not JSON", "the answer has no \"status\""); *out is then
 * empty. Never reads past len; the buffer need not be NUL-terminated.
 */
enum prom_parse_status prom_result_parse(const char *buf, size_t len, struct prom_result *out,
					 struct strbuf *why);

/* Free what *r owns; it is PROM_RESULT_INIT again. */
void prom_result_release(struct prom_result *r);

/* Free what one series owns (for callers that take series out of a result). */
void prom_series_release(struct prom_series *s);

/* The value of label `name` of s, or NULL. */
const char *prom_series_label(const struct prom_series *s, const char *name);

/* ------------------------------------------------------------------ */
/* Query text                                                           */

/*
 * Normalise a --match selector to the label matchers between braces:
 * "{job=\"api\"}" and "job=\"api\"" both give "job=\"api\"", "" and "{}"
 * give "". A selector that names a metric ("up{job=\"x\"}") or is not
 * balanced is refused: returns -1 with a reason in why.
 */
int prom_matchers_normalize(const char *match, struct strbuf *out, struct strbuf *why);

/*
 * Append to sb a PromQL double-quoted string literal whose content is the
 * RE2 pattern matching exactly one of values[0..n) (metacharacters
 * escaped, then backslashes and quotes escaped for the literal):
 * "127\\.0\\.0\\.1:80|web\\-1".
 */
void prom_regex_alternation(struct strbuf *sb, const char *const *values, size_t n);

/*
 * Append a number of seconds to sb as a duration as Prometheus writes
 * them: "30s", "5m", "1h30m", "250ms".
 */
void prom_format_duration(struct strbuf *sb, double seconds);

/*
 * Parse a time for --end: RFC 3339 ("2024-05-01T12:00:00Z", an offset
 * "+02:00" or fraction allowed), or seconds since the epoch ("1714564800",
 * "1714564800.5"). Returns seconds since the epoch, or -1.
 */
double prom_parse_time(const char *s);

/* ------------------------------------------------------------------ */
/* The client                                                           */

struct prom_client {
	char *base;                 /* "http://127.0.0.1:9090", no trailing '/' */
	char *bearer;               /* owned; NULL when none */
	char *userpwd;              /* owned "user:password"; NULL when none */
	char *cacert;               /* owned; NULL: the system's CAs */
	struct strvec headers;      /* "Name: value", sent with every request */
	long connect_timeout_ms;    /* default 5 s */
	long timeout_ms;            /* per request, default 30 s */
	size_t max_bytes;           /* an answer larger than this fails; default 512 MiB */
};

/*
 * Set up the settings for `base_url` (copied). Dies when libcurl cannot
 * be initialised. Not thread safe (call before any thread starts).
 */
void prom_client_init(struct prom_client *c, const char *base_url);
void prom_client_release(struct prom_client *c);

/* A connection: one libcurl handle, kept so keep-alive works. One thread. */
struct prom_conn {
	const struct prom_client *client;
	void *curl;                 /* CURL * */
	void *header_list;          /* struct curl_slist * */
};

void prom_conn_init(struct prom_conn *h, const struct prom_client *c);
void prom_conn_release(struct prom_conn *h);

/* Why a request failed, for the caller's advice. */
enum prom_fail {
	PROM_FAIL_NONE = 0,
	PROM_FAIL_CONNECT,          /* could not connect, DNS, TLS */
	PROM_FAIL_TIMEOUT,          /* no complete answer within timeout_ms */
	PROM_FAIL_AUTH,             /* 401 or 403 */
	PROM_FAIL_NOT_API,          /* an answer, but not the API's */
	PROM_FAIL_QUERY,            /* the server rejected the query ("status":"error") */
	PROM_FAIL_TOO_BIG,          /* answer larger than max_bytes */
	PROM_FAIL_OTHER,            /* another HTTP status, a closed connection... */
};

/*
 * POST the form `form` (already URL-encoded: "query=...&time=...") to
 * base + path and parse the answer into *out (empty before). Returns
 * PROM_FAIL_NONE, or the kind of failure with a one-line lowercase reason
 * appended to why ("no answer within 30 s", "http status 401
 * (unauthorized)", "the server said bad_data: ..."). The answer's
 * warnings are in out->warnings.
 */
enum prom_fail prom_post(struct prom_conn *h, const char *path, const char *form,
			 struct prom_result *out, struct strbuf *why);

/* Append `s` URL-encoded (for a form value) to sb. */
void prom_form_escape(struct strbuf *sb, const char *s);

#endif
