/*
 * metrics.c - Prometheus exposition of the watch; see metrics.h.
 */
#include "watch/metrics.h"

#include <errno.h>
#include <math.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

struct metrics_server {
	int fd;
	pthread_t thread;
	pthread_mutex_t lock;
	struct strbuf text;      /* guarded by lock */
	int stop;                /* guarded by lock */
};

/* A label value: backslash, double quote and newline escaped. */
static void add_label_value(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			strbuf_addch(sb, '\\');
		if (*s == '\n') {
			strbuf_addstr(sb, "\\n");
			continue;
		}
		strbuf_addch(sb, *s);
	}
}

static void add_number(struct strbuf *sb, double v)
{
	if (isnan(v))
		strbuf_addstr(sb, "NaN");
	else
		strbuf_addf(sb, "%.17g", v);
}

void metrics_render(struct strbuf *sb, const struct watch_report *r)
{
	static const char *const verdicts[] = { "leak", "ok", "inconclusive" };
	const struct verdict *vd = r->verdict;
	size_t i, j;

	strbuf_addstr(sb, "# HELP plumber_watch_samples Samples taken of the target.\n"
			  "# TYPE plumber_watch_samples counter\n");
	strbuf_addf(sb, "plumber_watch_samples %zu\n", r->data->nr);
	strbuf_addstr(sb, "# HELP plumber_watch_value The last value of each watched figure (bytes for *_bytes).\n"
			  "# TYPE plumber_watch_value gauge\n");
	for (i = 0; i < SERIES_NR; i++) {
		if (!vd->have[i])
			continue;
		strbuf_addf(sb, "plumber_watch_value{metric=\"%s\"} ", series_info[i].name);
		add_number(sb, watch_data_last(r->data, i));
		strbuf_addch(sb, '\n');
	}
	strbuf_addstr(sb, "# HELP plumber_watch_slope_per_minute Theil-Sen slope of each figure over the recent window.\n"
			  "# TYPE plumber_watch_slope_per_minute gauge\n");
	for (i = 0; i < SERIES_NR; i++) {
		if (!vd->have[i] || !vd->trends[i].enough)
			continue;
		strbuf_addf(sb, "plumber_watch_slope_per_minute{metric=\"%s\"} ", series_info[i].name);
		add_number(sb, vd->trends[i].slope * 60);
		strbuf_addch(sb, '\n');
	}
	strbuf_addstr(sb, "# HELP plumber_watch_fds Open file descriptors of the target.\n"
			  "# TYPE plumber_watch_fds gauge\n");
	strbuf_addstr(sb, "plumber_watch_fds ");
	add_number(sb, watch_data_last(r->data, SERIES_FDS));
	strbuf_addstr(sb, "\n# HELP plumber_watch_fd_limit Soft limit of open files of the target (-1 unlimited or unknown).\n"
			  "# TYPE plumber_watch_fd_limit gauge\n");
	strbuf_addf(sb, "plumber_watch_fd_limit %lld\n", r->data->nofile_soft);
	if (vd->have[SERIES_GOROUTINES]) {
		strbuf_addstr(sb, "# HELP plumber_watch_goroutines Goroutines of the target (from pprof).\n"
				  "# TYPE plumber_watch_goroutines gauge\n"
				  "plumber_watch_goroutines ");
		add_number(sb, watch_data_last(r->data, SERIES_GOROUTINES));
		strbuf_addch(sb, '\n');
	}
	strbuf_addstr(sb, "# HELP plumber_leak_suspected 1 when watch suspects a leak of this kind.\n"
			  "# TYPE plumber_leak_suspected gauge\n");
	for (i = 0; i < kind_infos_nr; i++) {
		int found = 0;
		for (j = 0; j < vd->nr; j++)
			if (!strcmp(vd->findings[j].kind, kind_infos[i].kind))
				found = 1;
		strbuf_addf(sb, "plumber_leak_suspected{kind=\"%s\",target=\"", kind_infos[i].kind);
		add_label_value(sb, r->target);
		strbuf_addf(sb, "\"} %d\n", found);
	}
	strbuf_addstr(sb, "# HELP plumber_leak_slope_per_minute Growth rate of the metric behind each suspected leak.\n"
			  "# TYPE plumber_leak_slope_per_minute gauge\n");
	for (j = 0; j < vd->nr; j++) {
		strbuf_addf(sb, "plumber_leak_slope_per_minute{kind=\"%s\",metric=\"%s\"} ",
			    vd->findings[j].kind, series_info[vd->findings[j].metric].name);
		add_number(sb, vd->findings[j].slope_per_min);
		strbuf_addch(sb, '\n');
	}
	strbuf_addstr(sb, "# HELP plumber_watch_verdict The verdict so far (1 for the current one).\n"
			  "# TYPE plumber_watch_verdict gauge\n");
	for (i = 0; i < ARRAY_SIZE(verdicts); i++)
		strbuf_addf(sb, "plumber_watch_verdict{verdict=\"%s\"} %d\n", verdicts[i],
			    !strcmp(vd->verdict, verdicts[i]));
}

/* Split "host:port" (host may be empty or [v6]); dies on a bad address. */
static int open_listener(const char *addr)
{
	struct addrinfo hints, *res, *ai;
	const char *colon = strrchr(addr, ':');
	char *host;
	int fd = -1, err, one = 1;

	if (!colon || !colon[1])
		die("--metrics expects HOST:PORT (127.0.0.1:9464), not '%s'", addr);
	host = xstrndup(addr, (size_t)(colon - addr));
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	err = getaddrinfo(*host ? host : NULL, colon + 1, &hints, &res);
	free(host);
	if (err)
		die("--metrics %s: %s; give HOST:PORT like 127.0.0.1:9464", addr, gai_strerror(err));
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (!bind(fd, ai->ai_addr, ai->ai_addrlen) && !listen(fd, 16))
			break;
		err = errno;
		close(fd);
		fd = -1;
		errno = err;
	}
	freeaddrinfo(res);
	if (fd < 0)
		die_errno("cannot listen on %s for --metrics", addr);
	return fd;
}

static void send_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

static void serve_one(struct metrics_server *m, int fd)
{
	char req[2048];
	size_t got = 0;
	struct strbuf out = STRBUF_INIT;

	/* Read the request head, at most 2 s and 2 KiB. */
	while (got < sizeof(req) - 1) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;
		if (poll(&p, 1, 2000) <= 0)
			break;
		n = recv(fd, req + got, sizeof(req) - 1 - got, 0);
		if (n <= 0)
			break;
		got += (size_t)n;
		req[got] = '\0';
		if (strstr(req, "\r\n\r\n") || strstr(req, "\n\n"))
			break;
	}
	req[got] = '\0';
	if (starts_with(req, "GET /metrics ") || starts_with(req, "GET /metrics?")) {
		pthread_mutex_lock(&m->lock);
		strbuf_addf(&out, "HTTP/1.1 200 OK\r\n"
				  "Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
				  "Content-Length: %zu\r\nConnection: close\r\n\r\n", m->text.len);
		strbuf_add(&out, m->text.buf, m->text.len);
		pthread_mutex_unlock(&m->lock);
	} else {
		static const char body[] = "not found; try /metrics\n";
		strbuf_addf(&out, "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n"
				  "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
			    sizeof(body) - 1, body);
	}
	send_all(fd, out.buf, out.len);
	strbuf_release(&out);
}

static void *serve_loop(void *arg)
{
	struct metrics_server *m = arg;

	for (;;) {
		struct pollfd p = { m->fd, POLLIN, 0 };
		int stop, c;

		pthread_mutex_lock(&m->lock);
		stop = m->stop;
		pthread_mutex_unlock(&m->lock);
		if (stop)
			break;
		if (poll(&p, 1, 100) <= 0)
			continue;
		c = accept4(m->fd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			continue;
		serve_one(m, c);
		close(c);
	}
	return NULL;
}

struct metrics_server *metrics_server_start(const char *addr)
{
	struct metrics_server *m = xcalloc(1, sizeof(*m));
	sigset_t all, old;
	int err;

	m->fd = open_listener(addr);
	strbuf_init(&m->text, 0);
	pthread_mutex_init(&m->lock, NULL);
	/* Signals belong to the sampling thread: they cut its sleep short. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&m->thread, NULL, serve_loop, m);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		die("cannot start the --metrics thread");
	return m;
}

void metrics_server_update(struct metrics_server *m, const struct watch_report *r)
{
	struct strbuf sb = STRBUF_INIT;

	metrics_render(&sb, r);
	pthread_mutex_lock(&m->lock);
	strbuf_release(&m->text);
	m->text = sb;
	pthread_mutex_unlock(&m->lock);
}

void metrics_server_stop(struct metrics_server *m)
{
	pthread_mutex_lock(&m->lock);
	m->stop = 1;
	pthread_mutex_unlock(&m->lock);
	pthread_join(m->thread, NULL);
	close(m->fd);
	pthread_mutex_destroy(&m->lock);
	strbuf_release(&m->text);
	free(m);
}
