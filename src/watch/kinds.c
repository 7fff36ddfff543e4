/*
 * kinds.c - the table of runtime kinds; see kinds.h.
 */
#include "watch/kinds.h"

#define RULES(...) ((const char *const[]){ __VA_ARGS__, NULL })

const struct kind_info kind_infos[] = {
	{ .kind = "unclosed-body",
	  .fix = "close every response body on every path (defer resp.Body.Close() right after the error check)",
	  .lint_rule = "body-not-closed",
	  .cause_rules = RULES("body-not-closed", "defer-in-loop", "close-before-check"),
	  .from_stacks = 1, .at_call_sites = 1 },
	{ .kind = "idle-conn-growth",
	  .fix = "share one http.Client/Transport, or call CloseIdleConnections on the one you made",
	  .lint_rule = "transport-per-call",
	  .cause_rules = RULES("transport-per-call", "body-not-closed"),
	  .from_stacks = 1, .at_call_sites = 1 },
	{ .kind = "stuck-write",
	  .fix = "set WriteTimeout on the http.Server and stream files with io.Copy/http.ServeContent",
	  .lint_rule = "buffered-file-response",
	  .cause_rules = RULES("buffered-file-response", "server-no-timeouts"),
	  .from_stacks = 1 },
	{ .kind = "hung-request",
	  .fix = "give the client a Timeout or the request a context deadline",
	  .lint_rule = "client-no-timeout",
	  .cause_rules = RULES("client-no-timeout"),
	  .from_stacks = 1, .at_call_sites = 1 },
	{ .kind = "blocked-goroutines",
	  .fix = "make every goroutine able to return: close or drain its channel, cancel its context",
	  .lint_rule = "",
	  .cause_rules = RULES(NULL),
	  .from_stacks = 1 },
	{ .kind = "fd-growth",
	  .fix = "close response bodies on every path, do not defer Close inside a loop, share one Transport",
	  .lint_rule = "body-not-closed",
	  .cause_rules = RULES("defer-in-loop", "body-not-closed", "transport-per-call") },
	{ .kind = "close-wait-growth",
	  .fix = "close response bodies and connections: CLOSE_WAIT means the peer closed and this side never did",
	  .lint_rule = "body-not-closed",
	  .cause_rules = RULES("body-not-closed", "defer-in-loop") },
	{ .kind = "thread-growth",
	  .fix = "look for goroutines stuck in blocking system calls or cgo (each holds a thread)",
	  .lint_rule = "",
	  .cause_rules = RULES(NULL) },
	{ .kind = "memory-growth",
	  .fix = "stream large responses instead of buffering them whole, and bound caches",
	  .lint_rule = "buffered-file-response",
	  .cause_rules = RULES("buffered-file-response") },
};
const size_t kind_infos_nr = ARRAY_SIZE(kind_infos);

const struct kind_info *kind_info_find(const char *kind)
{
	size_t i;
	if (!kind)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(kind_infos); i++)
		if (!strcmp(kind_infos[i].kind, kind))
			return &kind_infos[i];
	return NULL;
}

const char *const *kind_cause_rules(const char *kind)
{
	static const char *const none[] = { NULL };
	const struct kind_info *ki = kind_info_find(kind);
	return ki ? ki->cause_rules : none;
}
