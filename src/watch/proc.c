/*
 * proc.c - parsers of /proc files and the reader of one sample; see proc.h.
 */
#include "watch/proc.h"
#include "base/strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const fd_kind_names[FD_KIND_NR] = {
	[FD_SOCKET] = "socket",
	[FD_FILE] = "file",
	[FD_PIPE] = "pipe",
	[FD_ANON] = "anon_inode",
	[FD_OTHER] = "other",
};

const char *const tcp_state_names[TCP_ST_NR] = {
	[TCP_ST_NONE] = "?",
	[TCP_ST_ESTABLISHED] = "ESTABLISHED",
	[TCP_ST_SYN_SENT] = "SYN_SENT",
	[TCP_ST_SYN_RECV] = "SYN_RECV",
	[TCP_ST_FIN_WAIT1] = "FIN_WAIT1",
	[TCP_ST_FIN_WAIT2] = "FIN_WAIT2",
	[TCP_ST_TIME_WAIT] = "TIME_WAIT",
	[TCP_ST_CLOSE] = "CLOSE",
	[TCP_ST_CLOSE_WAIT] = "CLOSE_WAIT",
	[TCP_ST_LAST_ACK] = "LAST_ACK",
	[TCP_ST_LISTEN] = "LISTEN",
	[TCP_ST_CLOSING] = "CLOSING",
	[TCP_ST_NEW_SYN_RECV] = "NEW_SYN_RECV",
};

/*
 * Line iteration over a buffer that need not be NUL-terminated. Each line
 * is copied into `line` (cut at its size) so the libc number parsers,
 * which want a terminated string, can run on it.
 */
struct line_iter {
	const char *p, *end;
	char line[512];
};

static int next_line(struct line_iter *it)
{
	const char *nl;
	size_t n;

	if (it->p >= it->end)
		return 0;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	if (!nl)
		nl = it->end;
	n = (size_t)(nl - it->p);
	if (n >= sizeof(it->line))
		n = sizeof(it->line) - 1;
	memcpy(it->line, it->p, n);
	it->line[n] = '\0';
	it->p = nl + 1;
	return 1;
}

enum fd_kind proc_fd_kind(const char *link, unsigned long *inode)
{
	if (inode)
		*inode = 0;
	if (starts_with(link, "socket:[")) {
		if (inode)
			*inode = strtoul(link + 8, NULL, 10);
		return FD_SOCKET;
	}
	if (starts_with(link, "pipe:["))
		return FD_PIPE;
	if (starts_with(link, "anon_inode:"))
		return FD_ANON;
	if (link[0] == '/')
		return FD_FILE;
	return FD_OTHER;
}

int proc_stat_parse(const char *buf, size_t len, struct proc_stat *out)
{
	const char *open, *close = NULL, *p;
	char rest[1024];
	size_t n, i;
	char *tok;
	int field;

	memset(out, 0, sizeof(*out));
	open = memchr(buf, '(', len);
	if (!open)
		return -1;
	/* comm may contain ')': the real end of comm is the last one. */
	for (p = buf + len; p > open; p--)
		if (p[-1] == ')') {
			close = p - 1;
			break;
		}
	if (!close)
		return -1;
	n = (size_t)(close - open - 1);
	if (n >= sizeof(out->comm))
		n = sizeof(out->comm) - 1;
	memcpy(out->comm, open + 1, n);
	out->comm[n] = '\0';

	n = (size_t)(buf + len - (close + 1));
	if (n >= sizeof(rest))
		n = sizeof(rest) - 1;
	memcpy(rest, close + 1, n);
	rest[n] = '\0';
	for (i = 0; i < n; i++)
		if (rest[i] == '\n')
			rest[i] = ' ';
	/* Field 3 (state) is the first token after comm. */
	field = 2;
	tok = rest;
	while (*tok) {
		char *end;
		while (*tok == ' ')
			tok++;
		if (!*tok)
			break;
		field++;
		for (end = tok; *end && *end != ' '; end++)
			;
		if (field == 3)
			out->state = tok[0];
		else if (field == 9)
			out->flags = strtoul(tok, NULL, 10);
		else if (field == 20)
			out->num_threads = strtol(tok, NULL, 10);
		else if (field == 24) {
			out->rss_pages = strtoll(tok, NULL, 10);
			break;
		}
		tok = end;
	}
	return field >= 24 && out->state ? 0 : -1;
}

int proc_status_parse(const char *buf, size_t len, struct proc_status *out)
{
	struct line_iter it = { buf, buf + len, "" };

	out->threads = -1;
	out->vm_rss_kb = -1;
	while (next_line(&it)) {
		if (starts_with(it.line, "Threads:"))
			out->threads = strtol(it.line + 8, NULL, 10);
		else if (starts_with(it.line, "VmRSS:"))
			out->vm_rss_kb = strtoll(it.line + 6, NULL, 10);
	}
	return out->threads >= 0 ? 0 : -1;
}

int proc_limits_parse(const char *buf, size_t len, long long *soft)
{
	struct line_iter it = { buf, buf + len, "" };

	*soft = -1;
	while (next_line(&it)) {
		const char *p;
		if (!starts_with(it.line, "Max open files"))
			continue;
		p = it.line + strlen("Max open files");
		while (*p == ' ')
			p++;
		if (starts_with(p, "unlimited"))
			return 0;
		if (*p < '0' || *p > '9')
			return -1;
		*soft = strtoll(p, NULL, 10);
		return 0;
	}
	return -1;
}

/*
 * A row: "  12: 0100007F:1F90 0100007F:D3A2 01 00000000:00000000 00:00000000
 * 00000000  1000        0 123456 1 ..." - sl, local, remote, st,
 * tx_queue:rx_queue, tr:tm->when, retrnsmt, uid, timeout, inode.
 */
static int parse_tcp_row(const char *line, struct tcp_entry *e)
{
	char local[64], remote[64];
	unsigned st;
	unsigned long tx, rx, tr, when, retr, uid, timeout, inode;

	if (sscanf(line, " %*u: %63s %63s %x %lx:%lx %lx:%lx %lx %lu %lu %lu",
		   local, remote, &st, &tx, &rx, &tr, &when, &retr, &uid, &timeout,
		   &inode) != 11)
		return -1;
	if (st >= TCP_ST_NR)
		st = TCP_ST_NONE;
	e->state = st;
	e->tx_queue = tx;
	e->rx_queue = rx;
	e->inode = inode;
	return 0;
}

size_t proc_net_tcp_parse(const char *buf, size_t len, struct tcp_entry **entries,
			  size_t *nr, size_t *alloc)
{
	struct line_iter it = { buf, buf + len, "" };
	size_t added = 0;

	while (next_line(&it)) {
		struct tcp_entry e;
		if (parse_tcp_row(it.line, &e))
			continue; /* the header, or a blank line */
		ALLOC_GROW(*entries, *nr + 1, *alloc);
		(*entries)[(*nr)++] = e;
		added++;
	}
	return added;
}

/*
 * The TCP sockets of this network namespace from the kernel's socket
 * diagnostics (NETLINK_SOCK_DIAG), family by family: the rows of
 * /proc/net/tcp and tcp6 (the same state, queues and inode: both come
 * from the same fields), without the kernel formatting a text line per
 * socket of the host and us parsing it, which on a host with tens of
 * thousands of connections is most of a sample. Returns the entries
 * added, or -1 when netlink cannot answer (the caller reads /proc).
 */
static long tcp_diag(int family, struct tcp_entry **entries, size_t *nr, size_t *alloc)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 req;
	} msg;
	struct sockaddr_nl sa;
	long added = 0;
	char *buf;
	int fd, done = 0;
	const size_t buf_size = 64 * 1024;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	memset(&msg, 0, sizeof(msg));
	msg.nlh.nlmsg_len = sizeof(msg);
	msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	msg.nlh.nlmsg_seq = 1;
	msg.req.sdiag_family = (unsigned char)family;
	msg.req.sdiag_protocol = IPPROTO_TCP;
	msg.req.idiag_states = ~0u; /* every state, as /proc lists them */
	if (sendto(fd, &msg, sizeof(msg), 0, (struct sockaddr *)&sa, sizeof(sa)) != (ssize_t)sizeof(msg)) {
		close(fd);
		return -1;
	}
	buf = xmalloc(buf_size);
	while (!done) {
		ssize_t n = recv(fd, buf, buf_size, 0);
		const struct nlmsghdr *h = (const struct nlmsghdr *)(const void *)buf;
		size_t left;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			added = -1;
			break;
		}
		left = (size_t)n;
		for (; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
			const struct inet_diag_msg *d;
			struct tcp_entry e;
			if (h->nlmsg_type == NLMSG_DONE) {
				done = 1;
				break;
			}
			if (h->nlmsg_type == NLMSG_ERROR || h->nlmsg_len < NLMSG_LENGTH(sizeof(*d))) {
				added = -1;
				done = 1;
				break;
			}
			if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
				continue;
			d = NLMSG_DATA(h);
			e.state = d->idiag_state < TCP_ST_NR ? d->idiag_state : TCP_ST_NONE;
			/* for a listener, diag's wqueue is its backlog limit, where
			   /proc shows unacknowledged bytes: none */
			e.tx_queue = e.state == TCP_ST_LISTEN ? 0 : d->idiag_wqueue;
			e.rx_queue = d->idiag_rqueue;
			e.inode = d->idiag_inode;
			ALLOC_GROW(*entries, *nr + 1, *alloc);
			(*entries)[(*nr)++] = e;
			added++;
		}
	}
	free(buf);
	close(fd);
	return added;
}

/* Is pid in our network namespace (so that our netlink sees its sockets)? */
static int same_netns(pid_t pid)
{
	char path[64], mine[64], theirs[64];
	ssize_t a, b;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	a = readlink("/proc/self/ns/net", mine, sizeof(mine));
	b = readlink(path, theirs, sizeof(theirs));
	return a > 0 && a == b && !memcmp(mine, theirs, (size_t)a);
}

int proc_tcp_entries(pid_t pid, int use_netlink, struct tcp_entry **entries, size_t *nr,
		     size_t *alloc)
{
	static const char *const tables[] = { "tcp", "tcp6" };
	static const int families[] = { AF_INET, AF_INET6 };
	struct strbuf sb = STRBUF_INIT;
	char path[64];
	size_t i, start = *nr;

	if (use_netlink && same_netns(pid)) {
		for (i = 0; i < ARRAY_SIZE(families); i++)
			if (tcp_diag(families[i], entries, nr, alloc) < 0)
				break;
		if (i == ARRAY_SIZE(families))
			return 1;
		*nr = start; /* netlink refused half way: all from /proc */
	}
	for (i = 0; i < ARRAY_SIZE(tables); i++) {
		strbuf_reset(&sb);
		snprintf(path, sizeof(path), "/proc/%d/net/%s", (int)pid, tables[i]);
		if (strbuf_read_file(&sb, path, 0) >= 0)
			proc_net_tcp_parse(sb.buf, sb.len, entries, nr, alloc);
	}
	strbuf_release(&sb);
	return 0;
}

static int has_inode(const unsigned long *inodes, size_t n, unsigned long key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (inodes[mid] == key)
			return 1;
		if (inodes[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void proc_join_sockets(const unsigned long *inodes, size_t n_inodes,
		       const struct tcp_entry *entries, size_t n_entries,
		       struct proc_sample *out)
{
	size_t i;

	for (i = 0; i < TCP_ST_NR; i++)
		out->tcp[i] = 0;
	out->tx_queue = out->rx_queue = 0;
	for (i = 0; i < n_entries; i++) {
		const struct tcp_entry *e = &entries[i];
		if (!e->inode || !has_inode(inodes, n_inodes, e->inode))
			continue;
		out->tcp[e->state]++;
		out->tx_queue += (long long)e->tx_queue;
		out->rx_queue += (long long)e->rx_queue;
	}
}

/* ------------------------------------------------------------------ */
/* The reader                                                           */

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

void proc_fd_cache_release(struct proc_fd_cache *c)
{
	free(c->inodes);
	memset(c, 0, sizeof(*c));
}

int proc_fd_cache_stale(const struct proc_fd_cache *c, long fds)
{
	long moved = fds > c->fds ? fds - c->fds : c->fds - fds;
	long allowed = c->fds / 64 > PROC_CLASSIFY_MOVE ? c->fds / 64 : PROC_CLASSIFY_MOVE;

	return !c->valid || fds < PROC_CLASSIFY_CHEAP || c->age + 1 >= PROC_CLASSIFY_EVERY ||
	       moved > allowed;
}

/*
 * The number of fds of pid without reading a link: the directory's size
 * on Linux >= 6.2, else its entries counted. -1 when it cannot be read
 * (errno set).
 */
static long count_fds(pid_t pid)
{
	char path[64];
	struct stat st;
	struct dirent *de;
	DIR *dir;
	long n = 0;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	if (stat(path, &st))
		return -1;
	if (st.st_size > 0)
		return (long)st.st_size;
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			n++;
	closedir(dir);
	return n;
}

/* Read /proc/PID/fd; fills the fd counts and the sorted socket inodes. */
static int read_fds(pid_t pid, struct proc_sample *out, unsigned long **inodes,
		    size_t *n_inodes, size_t *alloc)
{
	char path[64], link[256];
	DIR *dir;
	struct dirent *de;
	int dfd;
	long denied = 0;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	dir = opendir(path);
	if (!dir)
		return -1;
	dfd = dirfd(dir);
	out->fds = 0;
	memset(out->fd_kinds, 0, sizeof(out->fd_kinds));
	while ((de = readdir(dir))) {
		ssize_t n;
		unsigned long inode;
		enum fd_kind kind;

		if (de->d_name[0] == '.')
			continue;
		n = readlinkat(dfd, de->d_name, link, sizeof(link) - 1);
		if (n < 0) {
			/*
			 * EACCES: listed but not ours to read (root without
			 * CAP_SYS_PTRACE, another user's process): count it, kind
			 * unknown. Else it was closed between readdir and readlink.
			 */
			if (errno == EACCES || errno == EPERM) {
				denied++;
				out->fds++;
				out->fd_kinds[FD_OTHER]++;
			}
			continue;
		}
		link[n] = '\0';
		kind = proc_fd_kind(link, &inode);
		out->fds++;
		out->fd_kinds[kind]++;
		if (kind == FD_SOCKET && inode) {
			ALLOC_GROW(*inodes, *n_inodes + 1, *alloc);
			(*inodes)[(*n_inodes)++] = inode;
		}
	}
	closedir(dir);
	out->fd_links_denied = denied > 0;
	if (*n_inodes)
		qsort(*inodes, *n_inodes, sizeof(**inodes), cmp_ulong);
	return 0;
}

/*
 * The fds of pid by kind, and their socket inodes (sorted, in *inodes or
 * in the cache): from the links, or from the cache when it is fresh
 * enough for the count. 0, or -1 with errno when /proc/PID/fd cannot be
 * read.
 */
static int sample_fds(pid_t pid, struct proc_sample *out, struct proc_fd_cache *cache,
		      unsigned long **inodes, size_t *n_inodes, size_t *alloc)
{
	long fds;

	if (!cache)
		return read_fds(pid, out, inodes, n_inodes, alloc);
	fds = count_fds(pid);
	if (fds < 0)
		return -1;
	if (proc_fd_cache_stale(cache, fds)) {
		cache->n_inodes = 0;
		if (read_fds(pid, out, &cache->inodes, &cache->n_inodes, &cache->alloc))
			return -1;
		cache->valid = 1;
		cache->fds = out->fds;
		memcpy(cache->fd_kinds, out->fd_kinds, sizeof(cache->fd_kinds));
		cache->age = 0;
		cache->classified++;
	} else {
		out->fds = fds;
		memcpy(out->fd_kinds, cache->fd_kinds, sizeof(out->fd_kinds));
		cache->age++;
	}
	/* the caller frees *inodes: hand it a copy of the cache's */
	ALLOC_GROW(*inodes, cache->n_inodes, *alloc);
	if (cache->n_inodes)
		memcpy(*inodes, cache->inodes, cache->n_inodes * sizeof(**inodes));
	*n_inodes = cache->n_inodes;
	return 0;
}

enum proc_read_result proc_sample_read(pid_t pid, struct proc_sample *out, int *fd_errno,
				       struct proc_fd_cache *cache)
{
	struct strbuf sb = STRBUF_INIT;
	struct proc_stat st;
	struct proc_status status;
	char path[64];
	unsigned long *inodes = NULL;
	size_t n_inodes = 0, inodes_alloc = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->fds = -1;
	out->nofile_soft = -1;
	for (i = 0; i < FD_KIND_NR; i++)
		out->fd_kinds[i] = -1;
	for (i = 0; i < TCP_ST_NR; i++)
		out->tcp[i] = -1;
	out->tx_queue = out->rx_queue = -1;
	if (fd_errno)
		*fd_errno = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (strbuf_read_file(&sb, path, 1 << 16) < 0) {
		int e = errno;
		strbuf_release(&sb);
		return e == EACCES || e == EPERM ? PROC_DENIED : PROC_GONE;
	}
	if (proc_stat_parse(sb.buf, sb.len, &st) || st.state == 'Z' || st.state == 'X' ||
	    (st.flags & PROC_PF_EXITING)) {
		strbuf_release(&sb);
		return PROC_GONE;
	}
	memcpy(out->comm, st.comm, sizeof(out->comm));
	out->state = st.state;

	strbuf_reset(&sb);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (strbuf_read_file(&sb, path, 1 << 16) < 0 || proc_status_parse(sb.buf, sb.len, &status)) {
		int e = errno;
		strbuf_release(&sb);
		return e == EACCES || e == EPERM ? PROC_DENIED : PROC_GONE;
	}
	out->threads = status.threads;
	out->rss_bytes = status.vm_rss_kb >= 0 ? status.vm_rss_kb * 1024 : -1;

	strbuf_reset(&sb);
	snprintf(path, sizeof(path), "/proc/%d/limits", (int)pid);
	if (strbuf_read_file(&sb, path, 1 << 16) >= 0)
		proc_limits_parse(sb.buf, sb.len, &out->nofile_soft);

	if (sample_fds(pid, out, cache, &inodes, &n_inodes, &inodes_alloc) == 0) {
		struct tcp_entry *entries = NULL;
		size_t n_entries = 0, entries_alloc = 0;

		out->have_fds = 1;
		proc_tcp_entries(pid, 1, &entries, &n_entries, &entries_alloc);
		proc_join_sockets(inodes, n_inodes, entries, n_entries, out);
		free(entries);
	} else {
		int e = errno;
		if (e == ENOENT) {
			free(inodes);
			strbuf_release(&sb);
			return PROC_GONE;
		}
		if (fd_errno)
			*fd_errno = e;
	}
	free(inodes);
	/*
	 * A process that began to exit while we read has closed its fds
	 * already: a sample of it would show a drop that never happened.
	 */
	strbuf_reset(&sb);
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (strbuf_read_file(&sb, path, 1 << 16) < 0 || proc_stat_parse(sb.buf, sb.len, &st) ||
	    st.state == 'Z' || st.state == 'X' || (st.flags & PROC_PF_EXITING)) {
		strbuf_release(&sb);
		return PROC_GONE;
	}
	strbuf_release(&sb);
	return PROC_OK;
}
