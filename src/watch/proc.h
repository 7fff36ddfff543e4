/*
 * proc.h - what `plumber watch` reads from /proc about one Linux process.
 *
 * Each /proc file has a parser that takes a buffer (so saved copies test it
 * without a live process) and a thin reader, proc_sample_read(), that reads
 * the files of one pid and runs the parsers. Nothing here keeps state
 * between samples; nothing here is thread safe beyond being reentrant (no
 * globals).
 *
 * What is read, and why:
 *   /proc/PID/stat     state (a zombie is a process that has exited), comm.
 *                      comm may hold spaces and parentheses, so the fields
 *                      after it are found from the LAST ')'.
 *   /proc/PID/status   Threads and VmRSS.
 *   /proc/PID/limits   the soft "Max open files", for the fd projection.
 *   /proc/PID/fd/N     readlink of each fd, counted by kind; sockets give
 *                      their inode ("socket:[12345]").
 *   /proc/PID/net/tcp, tcp6
 *                      the TCP sockets of the process's network namespace;
 *                      joined to the process's socket inodes, they give
 *                      counts by TCP state and the send/receive queues.
 *                      TIME_WAIT sockets have inode 0 and belong to no
 *                      process, so they are never counted for the target.
 */
#ifndef PLUMBER_WATCH_PROC_H
#define PLUMBER_WATCH_PROC_H

#include "base/common.h"
#include <sys/types.h>

/* The kinds of file descriptor, by the target of /proc/PID/fd/N. */
enum fd_kind {
	FD_SOCKET,    /* socket:[inode] */
	FD_FILE,      /* an absolute path: regular files, devices, dirs */
	FD_PIPE,      /* pipe:[inode] */
	FD_ANON,      /* anon_inode:[eventpoll], anon_inode:[eventfd]... */
	FD_OTHER,     /* anything else (net:[...], mnt:[...], ...) */
	FD_KIND_NR
};

/* Names of the kinds, indexed by enum fd_kind: "socket", "file", ... */
extern const char *const fd_kind_names[FD_KIND_NR];

/*
 * Classify the target of one /proc/PID/fd/N link. When it is a socket and
 * `inode` is not NULL, *inode receives the socket's inode (0 otherwise).
 */
enum fd_kind proc_fd_kind(const char *link, unsigned long *inode);

/*
 * TCP states as the kernel numbers them in the `st` column of
 * /proc/net/tcp (include/net/tcp_states.h). Index 0 is unused.
 */
enum tcp_state {
	TCP_ST_NONE, TCP_ST_ESTABLISHED, TCP_ST_SYN_SENT, TCP_ST_SYN_RECV,
	TCP_ST_FIN_WAIT1, TCP_ST_FIN_WAIT2, TCP_ST_TIME_WAIT, TCP_ST_CLOSE,
	TCP_ST_CLOSE_WAIT, TCP_ST_LAST_ACK, TCP_ST_LISTEN, TCP_ST_CLOSING,
	TCP_ST_NEW_SYN_RECV, TCP_ST_NR
};

/* "ESTABLISHED", "CLOSE_WAIT", ... indexed by enum tcp_state ("?" for 0). */
extern const char *const tcp_state_names[TCP_ST_NR];

/* From /proc/PID/stat. */
struct proc_stat {
	char comm[64];        /* between the first '(' and the last ')' */
	char state;           /* R, S, D, Z, T, ... */
	unsigned long flags;  /* field 9, the kernel's PF_* bits */
	long num_threads;     /* field 20 */
	long long rss_pages;  /* field 24 */
};

/* The task is exiting (PF_EXITING): its fds may already be closed. */
#define PROC_PF_EXITING 0x4UL

/* Parse /proc/PID/stat. Returns 0, or -1 when the buffer is malformed. */
int proc_stat_parse(const char *buf, size_t len, struct proc_stat *out);

/* From /proc/PID/status. */
struct proc_status {
	long threads;         /* "Threads:", -1 when absent */
	long long vm_rss_kb;  /* "VmRSS:" in kB, -1 when absent (kernel threads, zombies) */
};

/* Parse /proc/PID/status. Returns 0, or -1 when "Threads:" is missing. */
int proc_status_parse(const char *buf, size_t len, struct proc_status *out);

/*
 * Parse /proc/PID/limits for the soft "Max open files". Stores -1 in
 * *soft for "unlimited". Returns 0, or -1 when the line is missing.
 */
int proc_limits_parse(const char *buf, size_t len, long long *soft);

/* One row of /proc/net/tcp or tcp6. */
struct tcp_entry {
	unsigned long inode;
	unsigned state;            /* enum tcp_state */
	unsigned long tx_queue;    /* bytes not yet acknowledged by the peer */
	unsigned long rx_queue;    /* bytes received, not yet read by the process */
};

/*
 * Parse /proc/net/tcp or /proc/net/tcp6 (the same columns) and append one
 * entry per row to *entries (an array grown with ALLOC_GROW, owned by the
 * caller, free() it). Rows that do not parse are skipped; returns the
 * number of rows appended.
 */
size_t proc_net_tcp_parse(const char *buf, size_t len, struct tcp_entry **entries,
			  size_t *nr, size_t *alloc);

/*
 * The TCP sockets (IPv4 and IPv6) of pid's network namespace, appended:
 * from netlink's socket diagnostics when use_netlink and pid shares our
 * namespace (returns 1), else from /proc/PID/net/tcp and tcp6 (returns
 * 0). The same rows either way; netlink spares formatting and parsing a
 * text line per socket of the whole host.
 */
int proc_tcp_entries(pid_t pid, int use_netlink, struct tcp_entry **entries, size_t *nr,
		     size_t *alloc);

/* Everything one sample of a process says. Counts are -1 when unknown. */
struct proc_sample {
	char comm[64];
	char state;
	int have_fds;                 /* 0 when /proc/PID/fd could not be read */
	int fd_links_denied;          /* fds listed, but their links unreadable (EACCES): kinds unknown */
	long fds;
	long fd_kinds[FD_KIND_NR];
	long tcp[TCP_ST_NR];          /* the target's sockets by TCP state */
	long long tx_queue, rx_queue; /* summed over the target's TCP sockets */
	long threads;
	long long rss_bytes;
	long long nofile_soft;        /* -1 unlimited or unknown */
};

/*
 * Count the socket inodes of a process by TCP state: `inodes` must be sorted
 * ascending (the function does not sort); each entry whose inode is among
 * them is counted in out->tcp[] and its queues added to out->tx_queue and
 * out->rx_queue.
 */
void proc_join_sockets(const unsigned long *inodes, size_t n_inodes,
		       const struct tcp_entry *entries, size_t n_entries,
		       struct proc_sample *out);

/*
 * Counting fds is cheap; classifying them (a readlink per fd) is not: 10k
 * fds cost ~30 ms of system time per sample. So the fd count is taken
 * every sample, from stat("/proc/PID/fd").st_size (Linux >= 6.2 gives
 * the number of fds there) or else by counting the directory's entries,
 * and the links are read again only when the cache is older than
 * PROC_CLASSIFY_EVERY samples, or the count moved by more than
 * max(PROC_CLASSIFY_MOVE, count / 64) since, or there are fewer than
 * PROC_CLASSIFY_CHEAP fds (then reading them costs little). In between,
 * the kinds and socket inodes of the last classification are reused
 * (TCP states and queues are still read fresh for those sockets), so the
 * kinds may lag behind the total by the threshold. One cache per pid,
 * owned by the caller.
 */
#define PROC_CLASSIFY_EVERY 10
#define PROC_CLASSIFY_MOVE 16
#define PROC_CLASSIFY_CHEAP 1000

struct proc_fd_cache {
	int valid;
	long fds;                  /* the count when the links were read */
	long fd_kinds[FD_KIND_NR];
	unsigned long *inodes;     /* sorted socket inodes */
	size_t n_inodes, alloc;
	unsigned age;              /* samples since the links were read */
	size_t classified;         /* how many samples read the links (statistics) */
};
#define PROC_FD_CACHE_INIT { 0 }
void proc_fd_cache_release(struct proc_fd_cache *c);

/*
 * Whether the links must be read again: the cache is empty or too old,
 * the count moved past the threshold, or the count is small. Pure.
 */
int proc_fd_cache_stale(const struct proc_fd_cache *c, long fds);

enum proc_read_result {
	PROC_OK = 0,
	PROC_GONE,    /* no such process, or it exited (a zombie counts as gone) */
	PROC_DENIED,  /* not even /proc/PID/status could be read: permission */
};

/*
 * Read one sample of `pid`. On PROC_OK *out is filled; when /proc/PID/fd
 * cannot be read (permission) out->have_fds is 0 and the fd and socket
 * counts are -1, and *fd_errno (when not NULL) receives the errno.
 * cache (may be NULL: read every link every time) carries the fd kinds
 * between samples, see above. Reentrant.
 */
enum proc_read_result proc_sample_read(pid_t pid, struct proc_sample *out, int *fd_errno,
				       struct proc_fd_cache *cache);

#endif
