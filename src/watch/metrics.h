/*
 * metrics.h - `plumber watch --metrics ADDR`: the figures and the verdict in
 * the Prometheus text exposition format, served over a tiny HTTP server.
 *
 * The server is one thread that accepts on ADDR (host:port; "127.0.0.1:9464",
 * ":9464" for every address) and answers GET /metrics with the last text
 * handed to metrics_server_update(); anything else gets 404. One request
 * per connection, a 2 s read timeout per client. The text is swapped under
 * a mutex, so update and serve are thread safe with each other.
 */
#ifndef PLUMBER_WATCH_METRICS_H
#define PLUMBER_WATCH_METRICS_H

#include "watch/watch.h"

struct metrics_server;

/* Listen on addr and start serving. Dies with a one-line message when addr is bad or busy. */
struct metrics_server *metrics_server_start(const char *addr);

/* Render the report (a verdict so far) and serve it from now on. */
void metrics_server_update(struct metrics_server *m, const struct watch_report *r);

/* Stop the thread, close the socket, free everything. */
void metrics_server_stop(struct metrics_server *m);

/* The exposition text for a report, appended to sb (used by the server and the tests). */
void metrics_render(struct strbuf *sb, const struct watch_report *r);

#endif
