/*
 * close_before_check.c - `x, err := f()` then a defer (or close) that uses
 * x before err is checked: when f fails, x is nil and the call panics
 * (seed C3, the client of 002).
 *
 * Any function returning (T, error) counts: the assignment's last name
 * must look like an error (err, e, or ending in err/Err). The defer uses x
 * when its call goes through x (`defer x.Close()`, `defer x.Body.Close()`),
 * passes a field of x (evaluated at once), or is a function literal whose
 * body goes through x. Statements in between do not matter: the check is a
 * path in the flow graph from the assignment to the defer on which err is
 * never read and x is not assigned again.
 *
 * A use is reported only when it would panic on a nil x, which depends on
 * x's type: the one the source writes, in any file of the package or of
 * another package of the tree (types.h: the called function's or
 * method's result, the variable's declaration, a receiver's field), or
 * the tables below (the standard library's functions, and a few common
 * modules'). A field through x (`x.Body`) panics on a nil pointer; any
 * method on a nil interface panics; a method on a nil pointer panics
 * unless its declaration checks the receiver first (type_sig.nil_safe;
 * *os.File's do, the net listeners' too); a value (a struct, a named
 * integer) is never nil. When x's type cannot be seen, a method call is
 * still reported, hedged: most methods dereference their receiver (see
 * docs/rules/close-before-check.md). A function of the tree whose every
 * failing return gives a value surely not nil (`return nil, closer, err`
 * with `closer := make(...)`: type_ref.with_error) gives x even when it
 * fails: not reported.
 *
 * The fix (issue 11): a defer followed in its block by the `if err != nil
 * { return }` that settles err moves below it; any other use is guarded
 * in place, `if err == nil { ... }`.
 */
#include "lint/lint.h"
#include "lint/fix.h"
#include "lint/flow.h"
#include "lint/imports.h"
#include "lint/nilness.h"
#include "lint/types.h"

static const char *const needles[] = { "defer", "Close()", NULL };
/*
 * The package's other files that declare a function returning a value
 * and an error (`(T, error)`, `(t T, err error)`) are read too, for their
 * result types and their types' methods (types.h). Not every file: that
 * would double the parsing for little.
 */
static const char *const fact_needles[] = { ", error)", "err error)", NULL };

static int looks_like_error(const struct ast *ast, uint32_t id)
{
	size_t len;
	const char *t;
	if (ast_kind(ast, id) != AST_identifier)
		return 0;
	t = ast_text(ast, id, &len);
	if (len == 1 && t[0] == 'e')
		return 1;
	return len >= 3 && (!memcmp(t + len - 3, "err", 3) || !memcmp(t + len - 3, "Err", 3));
}

/* ------------------------------------------------------------ known types */

enum vkind {
	VK_UNKNOWN = 0, /* nothing written says */
	VK_POINTER,     /* a pointer: nil on failure, and a field through it panics */
	VK_INTERFACE,   /* an interface: nil on failure, and any method on it panics */
	VK_VALUE,       /* a struct, a number, a string...: never nil */
};

/*
 * A named type whose methods were read in its source: which of them check
 * their receiver for nil before touching it (so they are safe on a nil
 * pointer). `kind` is the type's own (os.File is a struct; *os.File is a
 * pointer to one).
 */
struct known_type {
	const char *path, *name;
	enum vkind kind;
	const char *const *nil_safe; /* NULL-terminated */
};

/* *os.File: every method but Name checks f == nil (os/file*.go, checkValid). */
static const char *const os_file_safe[] = {
	"Close", "Read", "ReadAt", "ReadFrom", "Write", "WriteAt", "WriteString", "Seek",
	"Stat", "Sync", "Fd", "Chmod", "Chown", "Chdir", "Truncate", "Readdir", "Readdirnames",
	"ReadDir", "SetDeadline", "SetReadDeadline", "SetWriteDeadline", "SyscallConn", NULL
};
/* *net.TCPListener, *net.UnixListener: l.ok() checks l != nil (not Addr, SetUnlinkOnClose). */
static const char *const listener_safe[] = {
	"Close", "Accept", "AcceptTCP", "AcceptUnix", "SetDeadline", "File", "SyscallConn", NULL
};
/* nats.go: the methods of Conn and Subscription that begin with a nil check. */
static const char *const nats_conn_safe[] = {
	"Close", "Flush", "FlushTimeout", "LastError", "ConnectedUrl", "ConnectedUrlRedacted",
	"ConnectedAddr", "ConnectedServerId", "ConnectedServerName", "ConnectedServerVersion",
	"ConnectedClusterName", "LocalAddr", NULL
};
static const char *const nats_sub_safe[] = {
	"Unsubscribe", "Drain", "AutoUnsubscribe", "IsValid", "IsDraining", "Type", "Pending",
	"MaxPending", "ClearMaxPending", "PendingLimits", "SetPendingLimits", "Delivered",
	"Dropped", "NextMsg", NULL
};
static const char *const none_safe[] = { NULL };

static const struct known_type known_types[] = {
	{ "os", "File", VK_VALUE, os_file_safe },
	{ "net", "TCPListener", VK_VALUE, listener_safe },
	{ "net", "UnixListener", VK_VALUE, listener_safe },
	/* a registry key is a handle (an integer): never nil */
	{ "golang.org/x/sys/windows/registry", "Key", VK_VALUE, none_safe },
	/* values with methods, returned with an error by parsers */
	{ "time", "Time", VK_VALUE, none_safe },
	{ "time", "Duration", VK_VALUE, none_safe },
	{ "net/netip", "Addr", VK_VALUE, none_safe },
	{ "net/netip", "AddrPort", VK_VALUE, none_safe },
	{ "net/netip", "Prefix", VK_VALUE, none_safe },
	{ "github.com/nats-io/nats.go", "Conn", VK_VALUE, nats_conn_safe },
	{ "github.com/nats-io/nats.go", "Subscription", VK_VALUE, nats_sub_safe },
};

/*
 * Functions (recv NULL) and methods whose result types matter here: the
 * constructors of the types above, and the standard library's functions
 * that return an interface. `results` is a mask of the result indexes
 * that have the type. Any other standard library function returns a type
 * whose methods dereference their receiver.
 */
struct known_func {
	const char *path, *recv, *name;
	unsigned results;
	const char *type_path, *type_name;
	int pointer;
};

static const struct known_func known_funcs[] = {
	{ "os", NULL, "Open", 1, "os", "File", 1 },
	{ "os", NULL, "Create", 1, "os", "File", 1 },
	{ "os", NULL, "OpenFile", 1, "os", "File", 1 },
	{ "os", NULL, "CreateTemp", 1, "os", "File", 1 },
	{ "os", NULL, "OpenInRoot", 1, "os", "File", 1 },
	{ "os", NULL, "Pipe", 3, "os", "File", 1 },
	{ "io/ioutil", NULL, "TempFile", 1, "os", "File", 1 },
	{ "os", "Root", "Open", 1, "os", "File", 1 },
	{ "os", "Root", "Create", 1, "os", "File", 1 },
	{ "os", "Root", "OpenFile", 1, "os", "File", 1 },
	{ "net", NULL, "ListenTCP", 1, "net", "TCPListener", 1 },
	{ "net", NULL, "ListenUnix", 1, "net", "UnixListener", 1 },
	{ "net", "TCPListener", "File", 1, "os", "File", 1 },
	{ "net", "UnixListener", "File", 1, "os", "File", 1 },
	{ "net", "TCPConn", "File", 1, "os", "File", 1 },
	{ "net", "UnixConn", "File", 1, "os", "File", 1 },
	{ "net", "UDPConn", "File", 1, "os", "File", 1 },
	{ "net", "IPConn", "File", 1, "os", "File", 1 },
	{ "net", NULL, "Dial", 1, "net", "Conn", 0 },
	{ "net", NULL, "DialTimeout", 1, "net", "Conn", 0 },
	{ "net", NULL, "FileConn", 1, "net", "Conn", 0 },
	{ "net", NULL, "Listen", 1, "net", "Listener", 0 },
	{ "net", NULL, "FileListener", 1, "net", "Listener", 0 },
	{ "net", NULL, "ListenPacket", 1, "net", "PacketConn", 0 },
	{ "net", NULL, "FilePacketConn", 1, "net", "PacketConn", 0 },
	{ "crypto/tls", NULL, "Listen", 1, "net", "Listener", 0 },
	{ "time", NULL, "Parse", 1, "time", "Time", 0 },
	{ "time", NULL, "ParseInLocation", 1, "time", "Time", 0 },
	{ "time", NULL, "ParseDuration", 1, "time", "Duration", 0 },
	{ "net/netip", NULL, "ParseAddr", 1, "net/netip", "Addr", 0 },
	{ "net/netip", NULL, "ParseAddrPort", 1, "net/netip", "AddrPort", 0 },
	{ "net/netip", NULL, "ParsePrefix", 1, "net/netip", "Prefix", 0 },
	{ "golang.org/x/sys/windows/registry", NULL, "OpenKey", 1,
	  "golang.org/x/sys/windows/registry", "Key", 0 },
	{ "golang.org/x/sys/windows/registry", NULL, "CreateKey", 1,
	  "golang.org/x/sys/windows/registry", "Key", 0 },
	{ "golang.org/x/sys/windows/registry", NULL, "OpenRemoteKey", 1,
	  "golang.org/x/sys/windows/registry", "Key", 0 },
	{ "github.com/nats-io/nats.go", NULL, "Connect", 1, "github.com/nats-io/nats.go", "Conn", 1 },
#define NATS_SUB(m) { "github.com/nats-io/nats.go", "Conn", m, 1, \
		      "github.com/nats-io/nats.go", "Subscription", 1 }
	NATS_SUB("Subscribe"), NATS_SUB("ChanSubscribe"), NATS_SUB("ChanQueueSubscribe"),
	NATS_SUB("SubscribeSync"), NATS_SUB("QueueSubscribe"), NATS_SUB("QueueSubscribeSync"),
	NATS_SUB("QueueSubscribeSyncWithChan"),
#undef NATS_SUB
};

/* The standard library's interfaces that a (T, error) function may return. */
static const struct {
	const char *path, *names; /* space-separated */
} std_interfaces[] = {
	{ "io", "Reader Writer Closer ReadCloser WriteCloser ReadWriter ReadWriteCloser ReadSeeker "
		"ReadSeekCloser WriteSeeker ReadWriteSeeker ReaderAt WriterAt ReaderFrom WriterTo "
		"Seeker ByteReader ByteScanner ByteWriter RuneReader RuneScanner StringWriter" },
	{ "io/fs", "File FS FileInfo DirEntry ReadDirFile" },
	{ "os", "FileInfo DirEntry Signal" },
	{ "net", "Conn Listener PacketConn Addr Error" },
	{ "net/http", "RoundTripper Handler ResponseWriter Flusher Hijacker CookieJar FileSystem File" },
	{ "context", "Context" },
	{ "database/sql", "Result" },
	{ "database/sql/driver", "Conn Rows Stmt Tx Driver Connector Result" },
	{ "hash", "Hash Hash32 Hash64" },
	{ "mime/multipart", "File" },
	{ "net/rpc", "ClientCodec ServerCodec" },
	{ "crypto", "Signer Decrypter PrivateKey PublicKey" },
	{ "crypto/cipher", "Block Stream AEAD BlockMode" },
	{ "image", "Image" },
	{ "reflect", "Type" },
	{ "log/slog", "Handler" },
	{ "go/ast", "Node Expr Stmt Decl Spec" },
	{ "testing", "TB" },
};

/* The first elements of the standard library's import paths. */
static const char *const std_roots[] = {
	"archive", "bufio", "bytes", "cmp", "compress", "container", "context", "crypto",
	"database", "debug", "embed", "encoding", "errors", "expvar", "flag", "fmt", "go",
	"hash", "html", "image", "index", "io", "iter", "log", "maps", "math", "mime", "net",
	"os", "path", "plugin", "reflect", "regexp", "runtime", "slices", "sort", "strconv",
	"strings", "sync", "syscall", "testing", "text", "time", "unicode", "unique", "unsafe",
};

static int text_eq(const char *a, size_t alen, const char *b)
{
	return alen == strlen(b) && !memcmp(a, b, alen);
}

/* True when word (len bytes) is one of the space-separated `words`. */
static int in_words(const char *words, const char *w, size_t len)
{
	const char *p = words;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == len && !memcmp(p, w, len))
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

static int in_list(const char *const *list, const char *w, size_t len)
{
	for (; list && *list; list++)
		if (text_eq(w, len, *list))
			return 1;
	return 0;
}

static int is_std_path(const char *path, size_t len)
{
	size_t n = 0, i;
	while (n < len && path[n] != '/')
		n++;
	if (memchr(path, '.', n))
		return 0;
	for (i = 0; i < ARRAY_SIZE(std_roots); i++)
		if (text_eq(path, n, std_roots[i]))
			return 1;
	return 0;
}

static const struct known_type *find_known_type(const char *path, size_t plen, const char *name,
						size_t nlen)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(known_types); i++)
		if (text_eq(path, plen, known_types[i].path) && text_eq(name, nlen, known_types[i].name))
			return &known_types[i];
	return NULL;
}

/* ------------------------------------------------------ reading the types */

/*
 * What x's type says about a nil x. The package's declarations, in any
 * of its files (or another package of the tree), come from types.h; the
 * standard library's and a few modules' from the tables above.
 */
struct vtype {
	enum vkind kind;
	const struct known_type *known; /* its methods' nil safety is in a table, or NULL */
	struct type_ref ref;            /* a named type declared in the tree, else TYPE_UNKNOWN */
	int std;                        /* a type of the standard library */
};

static const struct vtype vt_unknown = { VK_UNKNOWN, NULL, { 0 }, 0 };

#define MAX_TYPE_DEPTH 6

/*
 * The import path a file names `q` by. Without an alias, Go's package name
 * is usually the path's last element; modules spell it `nats.go`,
 * `go-redis`, `yaml.v3` or end in a `/v2` major version, so those are
 * tried too.
 */
static const char *import_path(const struct imports *imp, const char *q, size_t qlen, size_t *plen)
{
	size_t i;
	for (i = 0; i < imp->nr; i++) {
		const struct import_entry *e = &imp->v[i];
		const char *last = e->path + e->path_len, *end = last;
		size_t n;
		if (e->name_len == qlen && !memcmp(e->name, q, qlen)) {
			*plen = e->path_len;
			return e->path;
		}
		if (e->name < e->path || e->name >= e->path + e->path_len)
			continue; /* an alias: only its own name counts */
		while (last > e->path && last[-1] != '/')
			last--;
		/* a /vN major version: the element before it */
		if (end - last >= 2 && last[0] == 'v' && last[1] >= '0' && last[1] <= '9' &&
		    last > e->path) {
			end = last - 1;
			last = end;
			while (last > e->path && last[-1] != '/')
				last--;
		}
		n = (size_t)(end - last);
		if (n > 3 && !memcmp(last, "go-", 3)) {
			last += 3;
			n -= 3;
		}
		if (n > 3 && (!memcmp(last + n - 3, ".go", 3) || !memcmp(last + n - 3, "-go", 3)))
			n -= 3;
		else if (n > 3 && memchr(last, '.', n)) /* yaml.v3 */
			n = (size_t)((const char *)memchr(last, '.', n) - last);
		if (n == qlen && !memcmp(last, q, n)) {
			*plen = e->path_len;
			return e->path;
		}
	}
	return NULL;
}

/* True when this file imports `path`. */
static int imports_has_path(const struct imports *imp, const char *path)
{
	size_t i;
	for (i = 0; i < imp->nr; i++)
		if (text_eq(imp->v[i].path, imp->v[i].path_len, path))
			return 1;
	return 0;
}

/*
 * types.c keeps a qualifier it could not match to an import (`nats` for
 * "github.com/nats-io/nats.go") as the package: find its path here.
 */
static void qualify(const struct type_env *te, struct type_ref *t)
{
	size_t plen, i;
	const char *path;

	if (t->kind != TYPE_NAMED || !t->pkg_len)
		return;
	for (i = 0; i < te->imp->nr; i++)
		if (te->imp->v[i].path_len == t->pkg_len &&
		    !memcmp(te->imp->v[i].path, t->pkg, t->pkg_len))
			return; /* already a path this file imports */
	path = import_path(te->imp, t->pkg, t->pkg_len, &plen);
	if (path && plen < TYPE_PKG_MAX) {
		memcpy(t->pkg, path, plen);
		t->pkg_len = (unsigned char)plen;
	}
}

/* What type t says: pointer, interface, value, and whose methods. */
static struct vtype vt_from_ref(const struct type_env *te, struct type_ref t, int depth)
{
	struct vtype vt = vt_unknown;
	const struct type_decl *d;
	size_t i;

	switch (t.kind) {
	case TYPE_OTHER: /* error, any, interface{...}; builtins, maps, funcs, struct{...} */
		vt.kind = t.is_interface ? VK_INTERFACE : t.pointer ? VK_POINTER : VK_VALUE;
		return vt;
	case TYPE_NAMED:
		break;
	default:
		return vt;
	}
	qualify(te, &t);
	vt.known = find_known_type(t.pkg, t.pkg_len, t.name, t.name_len);
	if (vt.known) {
		vt.kind = t.pointer ? VK_POINTER : vt.known->kind;
		vt.std = is_std_path(t.pkg, t.pkg_len);
		return vt;
	}
	d = types_decl(te, &t);
	if (d) {
		vt.ref = t;
		if (t.pointer) {
			vt.kind = VK_POINTER;
		} else if (d->is_interface) {
			vt.kind = VK_INTERFACE;
		} else if (d->underlying.kind == TYPE_NAMED && !d->fields.nr && !d->methods.nr &&
			   depth < MAX_TYPE_DEPTH) {
			/* `type A B`, `type A = pkg.B`: B says what A is */
			struct type_ref u = d->underlying;
			if (!u.pkg_len && t.pkg_len) {
				memcpy(u.pkg, t.pkg, t.pkg_len);
				u.pkg_len = t.pkg_len;
			}
			return vt_from_ref(te, u, depth + 1);
		} else {
			vt.kind = d->underlying.kind == TYPE_OTHER && d->underlying.is_interface ?
					  VK_INTERFACE : VK_VALUE;
		}
		return vt;
	}
	if (!is_std_path(t.pkg, t.pkg_len)) {
		/* another module's (or a type parameter): a pointer at least says that */
		if (t.pointer)
			vt.kind = VK_POINTER;
		return vt;
	}
	vt.std = 1;
	if (t.pointer) {
		vt.kind = VK_POINTER;
		return vt;
	}
	vt.kind = VK_VALUE;
	for (i = 0; i < ARRAY_SIZE(std_interfaces); i++)
		if (text_eq(t.pkg, t.pkg_len, std_interfaces[i].path) &&
		    in_words(std_interfaces[i].names, t.name, t.name_len))
			vt.kind = VK_INTERFACE;
	return vt;
}

/* The tables' answer for known function (or method) kf's result k. */
static struct vtype vt_known_func(const struct known_func *kf, uint32_t k)
{
	struct vtype vt = vt_unknown;
	if (k >= 32 || !(kf->results & (1u << k)))
		return vt;
	vt.known = find_known_type(kf->type_path, strlen(kf->type_path), kf->type_name,
				   strlen(kf->type_name));
	vt.std = is_std_path(kf->type_path, strlen(kf->type_path));
	vt.kind = kf->pointer ? VK_POINTER : vt.known ? vt.known->kind : VK_INTERFACE;
	return vt;
}

/*
 * The type of result k of `call`: what the source declares (types.h),
 * else the tables of the standard library and of known modules.
 */
static struct vtype call_result(const struct type_env *te, uint32_t call, uint32_t k)
{
	const struct ast *ast = te->ast;
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), op, m;
	struct type_ref ref, base;
	struct vtype vt = vt_unknown, rt;
	size_t i, mlen, qlen, plen;
	const char *mt, *q, *path;

	types_of_call(te, call, (int)k, &ref);
	if (ref.with_error) {
		vt.kind = VK_VALUE; /* the function may give it with its error: not nil then */
		return vt;
	}
	if (ref.kind == TYPE_NAMED || ref.kind == TYPE_OTHER)
		return vt_from_ref(te, ref, 0);
	if (ast_kind(ast, fn) != AST_selector_expression)
		return vt;
	op = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
	m = ast_field(ast, fn, FIELD_field);
	mt = ast_text(ast, m, &mlen);

	/* pkg.Func(...): a package's function, unless a variable takes the name */
	if (ast_kind(ast, op) == AST_identifier && types_local_decl(ast, op) == AST_NONE) {
		q = ast_text(ast, op, &qlen);
		path = import_path(te->imp, q, qlen, &plen);
		if (path) {
			for (i = 0; i < ARRAY_SIZE(known_funcs); i++) {
				const struct known_func *kf = &known_funcs[i];
				if (!kf->recv && text_eq(path, plen, kf->path) && text_eq(mt, mlen, kf->name))
					return vt_known_func(kf, k);
			}
			vt.std = is_std_path(path, plen);
			return vt;
		}
	}

	/* recv.Method(...): through the receiver's type */
	types_of_expr(te, op, &base);
	rt = vt_from_ref(te, base, 0);
	/*
	 * A known type's method; or, when the receiver's type is not visible
	 * (a module's function returned it), a method of that name of a
	 * module's type this file imports: nc.Subscribe in a file importing
	 * nats.go. (Not for the standard library: its names are too common.)
	 */
	if (rt.known || (rt.kind == VK_UNKNOWN && rt.ref.kind == TYPE_UNKNOWN && !rt.std)) {
		for (i = 0; i < ARRAY_SIZE(known_funcs); i++) {
			const struct known_func *kf = &known_funcs[i];
			if (!kf->recv || !text_eq(mt, mlen, kf->name))
				continue;
			if (rt.known ? strcmp(kf->path, rt.known->path) || strcmp(kf->recv, rt.known->name) :
				       is_std_path(kf->path, strlen(kf->path)) || !imports_has_path(te->imp, kf->path))
				continue;
			return vt_known_func(kf, k);
		}
	}
	vt.std = rt.std; /* a standard library method returns a standard library type */
	return vt;
}

/*
 * The type of `v`, the name at index k of assignment `assign` whose value
 * is `call`: the call's result type (an interface variable holding a nil
 * pointer calls the pointer's method), else v's declared type.
 */
static struct vtype assigned_type(const struct type_env *te, uint32_t assign, uint32_t call,
				  uint32_t v, uint32_t k)
{
	struct vtype vt = call_result(te, call, k);
	struct type_ref ref;
	if (vt.kind != VK_UNKNOWN || vt.known || vt.ref.kind != TYPE_UNKNOWN ||
	    ast_kind(te->ast, assign) != AST_assignment_statement)
		return vt;
	types_of_expr(te, v, &ref);
	if (ref.kind == TYPE_NAMED || ref.kind == TYPE_OTHER)
		return vt_from_ref(te, ref, 0);
	return vt;
}

/* ------------------------------------------------- would the use panic? */

enum verdict {
	USE_NONE = 0, /* no use of x, or one that is fine on nil */
	USE_MAYBE,    /* a method of a type not visible here: most dereference */
	USE_PANICS,   /* a field through nil, a method on a nil interface or one that dereferences */
};

struct use {
	enum verdict verdict;
	uint32_t method; /* for USE_MAYBE: the method's name node */
};

/* Calling (or taking) method m of a nil value of type vt. */
static enum verdict method_verdict(const struct type_env *te, const struct vtype *vt, uint32_t m)
{
	size_t len;
	const char *t = ast_text(te->ast, m, &len);
	switch (vt->kind) {
	case VK_VALUE:
		return USE_NONE;
	case VK_INTERFACE:
		return USE_PANICS;
	default:
		break;
	}
	if (vt->known)
		return in_list(vt->known->nil_safe, t, len) ? USE_NONE : USE_PANICS;
	if (vt->ref.kind == TYPE_NAMED) {
		switch (types_method_nil_safe(te, &vt->ref, t, len)) {
		case 1:
			return USE_NONE;
		case 0:
			return USE_PANICS;
		default:
			break;
		}
	}
	return vt->std ? USE_PANICS : USE_MAYBE;
}

static void worse(struct use *u, enum verdict v, uint32_t m)
{
	if (v > u->verdict) {
		u->verdict = v;
		u->method = m;
	}
}

/*
 * Selector `sel` has x (v) as its operand: `x.f`. Judge it: a method call
 * when it is the function of a call, a method value or a field otherwise.
 */
static void judge_selector(const struct type_env *te, const struct vtype *vt, uint32_t sel,
			   struct use *u)
{
	const struct ast *ast = te->ast;
	uint32_t parent = ast->nodes[sel].parent, f = ast_field(ast, sel, FIELD_field);
	enum verdict mv;

	while (ast_kind(ast, parent) == AST_parenthesized_expression)
		parent = ast->nodes[parent].parent;
	mv = method_verdict(te, vt, f);
	if (ast_kind(ast, parent) == AST_call_expression &&
	    ast_contains(ast, ast_field(ast, parent, FIELD_function), sel)) {
		worse(u, mv, f);
		return;
	}
	/* x.f as a value: a field (a nil pointer dereference) or a method value */
	if (vt->kind == VK_VALUE)
		return;
	if (mv == USE_NONE && vt->kind != VK_INTERFACE)
		return; /* a method value of a nil-safe method */
	worse(u, USE_PANICS, f);
}

/* True when `e` goes through identifier-name v: v.X..., v.X(...) (not v itself). */
static int derefs(const struct ast *ast, uint32_t e, uint32_t v)
{
	e = ast_unparen(ast, e);
	if (ast_kind(ast, e) == AST_call_expression)
		e = ast_unparen(ast, ast_field(ast, e, FIELD_function));
	if (ast_kind(ast, e) != AST_selector_expression)
		return 0;
	return ast_same_text(ast, ast_root_ident(ast, e), v);
}

/* The selector `v.f` at the bottom of a chain rooted at v (v.f.g() -> v.f). */
static uint32_t first_selector(const struct ast *ast, uint32_t e, uint32_t v)
{
	uint32_t last = AST_NONE;
	for (;;) {
		e = ast_unparen(ast, e);
		switch (ast_kind(ast, e)) {
		case AST_selector_expression:
			last = e;
			e = ast_field(ast, e, FIELD_operand);
			break;
		case AST_call_expression:
			e = ast_field(ast, e, FIELD_function);
			break;
		case AST_index_expression:
		case AST_slice_expression:
		case AST_type_assertion_expression:
			e = ast_field(ast, e, FIELD_operand);
			break;
		case AST_identifier:
			return ast_same_text(ast, e, v) ? last : AST_NONE;
		default:
			return AST_NONE;
		}
	}
}

/*
 * Does this deferred/direct call use v before it could be checked, and
 * would that panic on a nil v? The call's function (`v.Close()`,
 * `v.Body.Close()`), its arguments, evaluated at once (`f(v.Body)`,
 * `os.Remove(v.Name())`), or, for a function literal, any v.X in its body.
 */
static struct use call_uses(const struct type_env *te, const struct vtype *vt, uint32_t call,
			    uint32_t v)
{
	const struct ast *ast = te->ast;
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), args, a, i, end, sel;
	struct use u = { USE_NONE, AST_NONE };

	if (derefs(ast, fn, v) && (sel = first_selector(ast, fn, v)) != AST_NONE)
		judge_selector(te, vt, sel, &u);
	args = ast_field(ast, call, FIELD_arguments);
	if (args != AST_NONE)
		ast_for_each_child(ast, args, a)
			if (derefs(ast, a, v) && (sel = first_selector(ast, a, v)) != AST_NONE)
				judge_selector(te, vt, sel, &u);
	if (ast_kind(ast, fn) != AST_func_literal)
		return u;
	/* A deferred literal: any v.X inside its body. */
	end = ast_subtree_end(ast, fn);
	for (i = fn; i <= end; i++)
		if (ast->nodes[i].kind == AST_selector_expression &&
		    ast->nodes[ast_field(ast, i, FIELD_operand)].kind == AST_identifier &&
		    ast_same_text(ast, ast_field(ast, i, FIELD_operand), v))
			judge_selector(te, vt, i, &u);
	return u;
}

/* The first identifier naming v inside node n (for its scope), or AST_NONE. */
static uint32_t first_mention(const struct ast *ast, uint32_t n, uint32_t v)
{
	uint32_t i, end = ast_subtree_end(ast, n);
	for (i = n; i <= end; i++)
		if (ast->nodes[i].kind == AST_identifier && ast_same_text(ast, i, v))
			return i;
	return AST_NONE;
}

/* True when node `n` compares v with nil somewhere (`v != nil`, `nil == v`). */
static int nil_checks(const struct ast *ast, uint32_t n, uint32_t v)
{
	uint32_t i, end = ast_subtree_end(ast, n);
	for (i = n; i <= end; i++) {
		uint32_t l, r;
		if (ast->nodes[i].kind != AST_binary_expression)
			continue;
		l = ast_unparen(ast, ast_field(ast, i, FIELD_left));
		r = ast_unparen(ast, ast_field(ast, i, FIELD_right));
		if ((ast_kind(ast, l) == AST_nil && ast_same_text(ast, r, v)) ||
		    (ast_kind(ast, r) == AST_nil && ast_same_text(ast, l, v)))
			return 1;
	}
	return 0;
}

/* True when element `e` assigns to a name equal to v's (a range clause too). */
static int assigns(const struct ast *ast, uint32_t e, uint32_t v)
{
	uint32_t left, c;
	enum ast_kind k = ast_kind(ast, e);
	if (k != AST_short_var_declaration && k != AST_assignment_statement && k != AST_range_clause)
		return 0;
	left = ast_field(ast, e, FIELD_left);
	ast_for_each_child(ast, left, c)
		if (ast_kind(ast, c) == AST_identifier && ast_same_text(ast, c, v))
			return 1;
	return 0;
}

struct frame {
	uint32_t block, start;
	int err_live; /* err still holds the call's error on this path */
};

/*
 * True when condition `cond` reads the err that `assign` set (not another
 * err declared by an if's initializer).
 */
static int reads_err(const struct ast *ast, uint32_t cond, uint32_t err, uint32_t assign)
{
	uint32_t i, end = ast_subtree_end(ast, cond);
	for (i = cond; i <= end; i++) {
		if (ast_is_func(ast->nodes[i].kind)) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (ast->nodes[i].kind == AST_identifier && ast_same_text(ast, i, err) &&
		    ast_same_variable(ast, assign, i))
			return 1;
	}
	return 0;
}

/*
 * A call statement handing err to a function that is not a mere reporter
 * (fatalf(err), check(err), mustBeNil(err)): assume it stops on an error.
 * Reporters go on: fmt.Print*, log.Print*, t.Log*, t.Error*, and anything
 * named Print*, Log*, Error*, Warn*, Info* or Debug*.
 */
static int hands_err_to_handler(const struct ast *ast, uint32_t e, uint32_t err)
{
	static const char *const reporters[] = { "Print", "Fprint", "Sprint", "Log", "Error",
						 "Warn", "Info", "Debug", "print", "println" };
	uint32_t call, name;
	size_t len, i;
	const char *t;

	if (ast_kind(ast, e) != AST_expression_statement)
		return 0;
	call = ast_unparen(ast, ast->nodes[e].first);
	if (ast_kind(ast, call) != AST_call_expression ||
	    !ast_mentions(ast, ast_field(ast, call, FIELD_arguments), ast->src + ast->nodes[err].start,
			  ast->nodes[err].end - ast->nodes[err].start, 0))
		return 0;
	name = ast_call_name(ast, call);
	if (name == AST_NONE)
		return 0;
	t = ast_text(ast, name, &len);
	for (i = 0; i < ARRAY_SIZE(reporters); i++)
		if (len >= strlen(reporters[i]) && !memcmp(t, reporters[i], strlen(reporters[i])))
			return 0;
	return 1;
}

/* io.EOF, io.ErrUnexpectedEOF: the end of data, returned with data. */
static int is_eof(const struct ast *ast, uint32_t e)
{
	uint32_t op;
	e = ast_unparen(ast, e);
	if (ast_kind(ast, e) != AST_selector_expression)
		return 0;
	op = ast_field(ast, e, FIELD_operand);
	return ast_text_is(ast, op, "io") && (ast_text_is(ast, ast_field(ast, e, FIELD_field), "EOF") ||
					     ast_text_is(ast, ast_field(ast, e, FIELD_field), "ErrUnexpectedEOF"));
}

struct eof_edges {
	int on_true, on_false; /* on this edge err is nil or an end of data */
};

/*
 * `if err != nil && err != io.EOF { return }`: a function that returns
 * io.EOF returns its value with it (io.Reader's convention), so a path on
 * which err is nil or io.EOF is a checked one. Same algebra as nilness.c.
 */
static struct eof_edges eof_judge(const struct ast *ast, uint32_t cond, uint32_t err, uint32_t assign,
				  int depth)
{
	struct eof_edges e = { 0, 0 }, a, b;
	uint32_t op, l, r, tag;

	cond = ast_unparen(ast, cond);
	if (depth > 32)
		return e;
	tag = flow_case_tag(ast, cond);
	if (tag != AST_NONE) { /* switch err { case io.EOF: } */
		e.on_true = ast_same_text(ast, ast_unparen(ast, tag), err) && is_eof(ast, cond);
		return e;
	}
	switch (ast_kind(ast, cond)) {
	case AST_unary_expression:
		if (!ast_text_is(ast, ast_field(ast, cond, FIELD_operator), "!"))
			return e;
		a = eof_judge(ast, ast_field(ast, cond, FIELD_operand), err, assign, depth + 1);
		e.on_true = a.on_false;
		e.on_false = a.on_true;
		return e;
	case AST_call_expression: {
		uint32_t args = ast_field(ast, cond, FIELD_arguments), a0 = ast_child(ast, args, 0);
		e.on_true = ast_call_is(ast, cond, "errors", "Is") &&
			    ast_same_text(ast, ast_unparen(ast, a0), err) &&
			    ast_same_variable(ast, assign, ast_unparen(ast, a0)) &&
			    is_eof(ast, ast_child(ast, args, 1));
		return e;
	}
	case AST_binary_expression:
		op = ast_field(ast, cond, FIELD_operator);
		l = ast_field(ast, cond, FIELD_left);
		r = ast_field(ast, cond, FIELD_right);
		if (ast_text_is(ast, op, "&&") || ast_text_is(ast, op, "||")) {
			a = eof_judge(ast, l, err, assign, depth + 1);
			b = eof_judge(ast, r, err, assign, depth + 1);
			if (ast_text_is(ast, op, "&&")) {
				e.on_true = a.on_true || b.on_true;
				e.on_false = a.on_false && b.on_false;
			} else {
				e.on_true = a.on_true && b.on_true;
				e.on_false = a.on_false || b.on_false;
			}
			return e;
		}
		if (!ast_text_is(ast, op, "==") && !ast_text_is(ast, op, "!="))
			return e;
		l = ast_unparen(ast, l);
		r = ast_unparen(ast, r);
		if (!(ast_same_text(ast, l, err) && ast_same_variable(ast, assign, l)) &&
		    !(ast_same_text(ast, r, err) && ast_same_variable(ast, assign, r)))
			return e;
		if (ast_kind(ast, l) == AST_nil || ast_kind(ast, r) == AST_nil || is_eof(ast, l) ||
		    is_eof(ast, r)) {
			int eq = ast_text_is(ast, op, "==");
			e.on_true = eq;
			e.on_false = !eq;
		}
		return e;
	default:
		return e;
	}
}

/*
 * Search the graph from just after (blk, idx) for element `target` on a
 * path where neither err == nil nor v != nil has been established: only
 * a branch on `err != nil` / `v != nil` that goes the safe way makes a
 * path safe (logging the error and going on does not). Once err is
 * assigned again, its tests say nothing about the call any more. A
 * reassignment of v ends the path.
 */
static int reaches_unchecked(const struct ast *ast, const struct flow *f, uint32_t blk,
			     uint32_t idx, uint32_t target, uint32_t v, uint32_t err)
{
	uint32_t assign = f->blocks[blk].elems[idx];
	unsigned char *seen = xcalloc(f->nr_blocks, 1);
	struct frame *stack = xcalloc(f->nr_blocks + 1, sizeof(*stack));
	size_t sp = 0;
	int found = 0;

	stack[sp++] = (struct frame){ blk, idx + 1, 1 };
	while (sp && !found) {
		struct frame fr = stack[--sp];
		const struct flow_block *fb = &f->blocks[fr.block];
		uint32_t i, s;
		struct nil_edges ne = { NIL_UNKNOWN, NIL_UNKNOWN };
		struct eof_edges eof = { 0, 0 };
		int blocked = 0;

		for (i = fr.start; i < fb->nr_elems; i++) {
			uint32_t e = fb->elems[i];
			if (e == target) {
				found = 1;
				break;
			}
			if (assigns(ast, e, v) || (fr.err_live && hands_err_to_handler(ast, e, err))) {
				blocked = 1;
				break;
			}
			/*
			 * err = wrap(err) still carries the call's error, and a := in
			 * another block (an if's initializer) declares a new err.
			 */
			if (assigns(ast, e, err) &&
			    (ast_kind(ast, e) != AST_short_var_declaration ||
			     ast->nodes[e].parent == ast->nodes[assign].parent) &&
			    !ast_mentions(ast, ast_field(ast, e, FIELD_right), ast->src + ast->nodes[err].start,
					  ast->nodes[err].end - ast->nodes[err].start, 0))
				fr.err_live = 0;
		}
		if (found || blocked)
			continue;
		if (fb->cond != AST_NONE) {
			ne = nilness_of(ast, fb->cond, v, err, fr.err_live, assign);
			/*
			 * if failed(err) { ... }, if (err != nil) != tc.wantErr { ... }:
			 * err is judged in a way nilness cannot follow; take that
			 * as the check
			 */
			if (ne.on_true == NIL_UNKNOWN && ne.on_false == NIL_UNKNOWN && fr.err_live &&
			    reads_err(ast, fb->cond, err, assign))
				continue;
		}
		if (fb->cond != AST_NONE && fr.err_live)
			eof = eof_judge(ast, fb->cond, err, assign, 0);
		for (s = 0; s < fb->nr_succ; s++) {
			uint32_t to = fb->succ[s];
			if (fb->cond != AST_NONE && s < 2) {
				int taken_true = s == 0;
				if ((taken_true ? ne.on_true : ne.on_false) == NIL_GOOD ||
				    (taken_true ? eof.on_true : eof.on_false))
					continue; /* safe from here on */
			}
			if (seen[to])
				continue;
			seen[to] = 1;
			stack[sp++] = (struct frame){ to, 0, fr.err_live };
		}
	}
	free(seen);
	free(stack);
	return found;
}

/* ------------------------------------------------------------ fixes */

/* The offset where the line holding `off` starts. */
static uint32_t line_start(const struct ast *ast, uint32_t off)
{
	while (off > 0 && ast->src[off - 1] != '\n')
		off--;
	return off;
}

/* The offset of the line break (its '\r' in a CRLF file) ending the line of `off`. */
static uint32_t line_end(const struct ast *ast, uint32_t off)
{
	while (off < ast->len && ast->src[off] != '\n')
		off++;
	if (off > 0 && off <= ast->len && ast->src[off - 1] == '\r')
		off--;
	return off;
}

/* The offset just after the line break ending the line of `off`. */
static uint32_t next_line(const struct ast *ast, uint32_t off)
{
	while (off < ast->len && ast->src[off] != '\n')
		off++;
	return off < ast->len ? off + 1 : off;
}

/* The indentation of the line holding `off`; 0 when code comes before off on it. */
static int indent_of(const struct ast *ast, uint32_t off, struct strbuf *out)
{
	uint32_t i = line_start(ast, off);
	for (; i < off; i++) {
		if (ast->src[i] != '\t' && ast->src[i] != ' ')
			return 0;
		strbuf_addch(out, ast->src[i]);
	}
	return 1;
}

/* Only blanks from `off` to the end of its line. */
static int blank_to_eol(const struct ast *ast, uint32_t off)
{
	uint32_t end = line_end(ast, off);
	for (; off < end; off++)
		if (ast->src[off] != ' ' && ast->src[off] != '\t')
			return 0;
	return 1;
}

/*
 * What follows node n on its line: nothing (returns 1, *comment AST_NONE-
 * like 0-length), a line comment (returns 1, [*cs, *ce) its text), or code
 * (returns 0).
 */
static int rest_of_line(const struct ast *ast, uint32_t n, uint32_t *cs, uint32_t *ce)
{
	uint32_t i, end = line_end(ast, ast->nodes[n].end);
	*cs = *ce = end;
	for (i = ast->nodes[n].end; i < end; i++) {
		if (ast->src[i] == '/' && i + 1 < end && ast->src[i + 1] == '/') {
			*cs = i;
			while (end > i && (ast->src[end - 1] == ' ' || ast->src[end - 1] == '\t'))
				end--;
			*ce = end;
			return 1;
		}
		if (ast->src[i] != ' ' && ast->src[i] != '\t')
			return 0;
	}
	return 1;
}

/* The line break the file uses ("\r\n" when its first line ends so). */
static const char *newline_of(const struct ast *ast)
{
	const char *nl = memchr(ast->src, '\n', ast->len);
	return nl && nl > ast->src && nl[-1] == '\r' ? "\r\n" : "\n";
}

/*
 * Where the comment lines right above statement s begin (`// close it`,
 * a `//nolint` line): they go where s goes. s's own line start when
 * there are none.
 */
static uint32_t leading_comments(const struct ast *ast, uint32_t s)
{
	uint32_t line = ast->nodes[s].line, from = line_start(ast, ast->nodes[s].start), i;
	for (i = ast->nr_comments; i-- > 0;) {
		const struct ast_comment *c = &ast->comments[i];
		if (c->start >= ast->nodes[s].start)
			continue;
		if (!c->own_line || c->end_line + 1 != line || !blank_to_eol(ast, c->end))
			break;
		line = c->line;
		from = line_start(ast, c->start);
	}
	return from;
}

/* True when name node v's text is the root of expression e (v, v.f, v[i], *v...). */
static int rooted_at(const struct ast *ast, uint32_t e, uint32_t v)
{
	e = ast_unparen(ast, e);
	while (ast_kind(ast, e) == AST_unary_expression)
		e = ast_unparen(ast, ast_field(ast, e, FIELD_operand));
	if (ast_kind(ast, e) == AST_identifier)
		return ast_same_text(ast, e, v);
	return ast_same_text(ast, ast_root_ident(ast, e), v);
}

/*
 * True when node n assigns (or declares again) the name of v, or a part
 * of it (`v = `, `v, err := `, `v.Body = `, `v++`, `var v`, `&v`).
 */
static int assigns_name(const struct ast *ast, uint32_t n, uint32_t v)
{
	uint32_t i, end = ast_subtree_end(ast, n), c;
	for (i = n; i <= end; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		switch (k) {
		case AST_short_var_declaration:
		case AST_assignment_statement:
		case AST_range_clause:
		case AST_inc_statement:
		case AST_dec_statement: {
			uint32_t left = k == AST_inc_statement || k == AST_dec_statement ?
						i : ast_field(ast, i, FIELD_left);
			if (k == AST_inc_statement || k == AST_dec_statement) {
				if (rooted_at(ast, ast->nodes[i].first, v))
					return 1;
				break;
			}
			ast_for_each_child(ast, left, c)
				if (rooted_at(ast, c, v))
					return 1;
			break;
		}
		case AST_var_spec:
			ast_for_each_child(ast, i, c)
				if (ast->nodes[c].field == FIELD_name && ast_same_text(ast, c, v))
					return 1;
			break;
		case AST_unary_expression:
			if (ast_text_is(ast, ast_field(ast, i, FIELD_operator), "&") &&
			    rooted_at(ast, ast_field(ast, i, FIELD_operand), v))
				return 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* A call that leaves the function (or the goroutine), running the defers or not. */
static int leaving_call(const struct ast *ast, uint32_t call)
{
	static const char *const names[] = { "panic", "Exit", "Goexit", "Fatal", "FailNow", "Skip",
					     "Panic" };
	uint32_t name = ast_call_name(ast, call);
	size_t len, i;
	const char *t;
	if (name == AST_NONE)
		return 0;
	t = ast_text(ast, name, &len);
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (len >= strlen(names[i]) && !memcmp(t, names[i], strlen(names[i])))
			return 1;
	return 0;
}

/*
 * True when statement s may leave its block other than by running to its
 * end (return, goto, a labelled or loose break/continue, a call that does
 * not come back), or registers a defer of its own (the order of defers
 * would change): a defer moved past s would then be skipped or reordered.
 */
static int may_leave(const struct ast *ast, uint32_t s)
{
	uint32_t i, end = ast_subtree_end(ast, s), p;
	for (i = s; i <= end; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		if (k == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		switch (k) {
		case AST_return_statement:
		case AST_goto_statement:
		case AST_defer_statement:
		case AST_labeled_statement:
		case AST_fallthrough_statement:
			return 1;
		case AST_call_expression:
			if (leaving_call(ast, i))
				return 1;
			break;
		case AST_break_statement:
		case AST_continue_statement:
			if (ast->nodes[i].first != AST_NONE)
				return 1; /* a label */
			/* a loose one leaves s unless a loop (or switch, for break) inside s takes it */
			for (p = ast->nodes[i].parent; p != s && p != AST_NONE; p = ast->nodes[p].parent) {
				enum ast_kind pk = ast_kind(ast, p);
				if (pk == AST_for_statement ||
				    (k == AST_break_statement && (pk == AST_expression_switch_statement ||
								 pk == AST_type_switch_statement ||
								 pk == AST_select_statement)))
					break;
			}
			if (p == s || p == AST_NONE)
				return 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* The statements of block (or case) `b`'s consequence: its last one. */
static uint32_t last_statement(const struct ast *ast, uint32_t block)
{
	uint32_t list = block, c, last = AST_NONE;
	ast_for_each_child(ast, block, c)
		if (ast_kind(ast, c) == AST_statement_list)
			list = c;
	ast_for_each_child(ast, list, c)
		last = c;
	return last;
}

/* The consequence of if statement s never falls through to the statement after s. */
static int consequence_stops(const struct ast *ast, const struct flow *f, uint32_t s)
{
	uint32_t last = last_statement(ast, ast_field(ast, s, FIELD_consequence)), blk, idx;
	switch (ast_kind(ast, last)) {
	case AST_return_statement:
		return 1;
	case AST_break_statement:
	case AST_continue_statement:
		return ast->nodes[last].first == AST_NONE; /* to the loop around, not past s */
	case AST_expression_statement:
		/* a call that does not return: the flow graph leads it to `noreturn` */
		if (!flow_locate(f, ast, last, &blk, &idx) || idx + 1 != f->blocks[blk].nr_elems)
			return 0;
		return f->blocks[blk].nr_succ == 1 && f->blocks[blk].succ[0] == f->noreturn;
	default:
		return 0;
	}
}

/* `err != nil` (or `nil != err`), exactly, on the name of node err. */
static int is_err_not_nil(const struct ast *ast, uint32_t cond, uint32_t err)
{
	uint32_t l, r;
	cond = ast_unparen(ast, cond);
	if (ast_kind(ast, cond) != AST_binary_expression ||
	    !ast_text_is(ast, ast_field(ast, cond, FIELD_operator), "!="))
		return 0;
	l = ast_unparen(ast, ast_field(ast, cond, FIELD_left));
	r = ast_unparen(ast, ast_field(ast, cond, FIELD_right));
	return (ast_same_text(ast, l, err) && ast_kind(ast, r) == AST_nil) ||
	       (ast_same_text(ast, r, err) && ast_kind(ast, l) == AST_nil);
}

/* `err == nil` (or `nil == err`), exactly. */
static int is_err_nil(const struct ast *ast, uint32_t cond, uint32_t err)
{
	uint32_t l, r;
	cond = ast_unparen(ast, cond);
	if (ast_kind(ast, cond) != AST_binary_expression ||
	    !ast_text_is(ast, ast_field(ast, cond, FIELD_operator), "=="))
		return 0;
	l = ast_unparen(ast, ast_field(ast, cond, FIELD_left));
	r = ast_unparen(ast, ast_field(ast, cond, FIELD_right));
	return (ast_same_text(ast, l, err) && ast_kind(ast, r) == AST_nil) ||
	       (ast_same_text(ast, r, err) && ast_kind(ast, l) == AST_nil);
}

/*
 * Statement t is `require.NoError(t, err)` (testify's require, or
 * shoenig/test's must: NoError, Nil and their f forms), which stops the
 * test unless err is nil. Not assert.*, which goes on.
 */
static int requires_no_error(const struct ast *ast, uint32_t t, uint32_t err)
{
	static const char *const names[] = { "NoError", "NoErrorf", "Nil", "Nilf" };
	uint32_t call, fn, op, args, a;
	size_t i;
	int found = 0;

	if (ast_kind(ast, t) != AST_expression_statement)
		return 0;
	call = ast_unparen(ast, ast->nodes[t].first);
	fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	if (ast_kind(ast, call) != AST_call_expression || ast_kind(ast, fn) != AST_selector_expression)
		return 0;
	op = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
	if (!ast_text_is(ast, op, "require") && !ast_text_is(ast, op, "must"))
		return 0;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		found |= ast_text_is(ast, ast_field(ast, fn, FIELD_field), names[i]);
	args = ast_field(ast, call, FIELD_arguments);
	if (!found || args == AST_NONE)
		return 0;
	ast_for_each_child(ast, args, a)
		if (ast_same_text(ast, ast_unparen(ast, a), err))
			return 1;
	return 0;
}

/*
 * A defer evaluates its function and arguments where it stands. Moving
 * defer s past statement t is the same only when t assigns none of the
 * names they read, and they call nothing but methods of v (`f.Name()`):
 * `defer trace("x")()` or `defer log(time.Now())` would run their calls
 * later. Function literals are not evaluated, only created.
 */
static int defer_moves_past(const struct ast *ast, uint32_t s, uint32_t t, uint32_t v)
{
	uint32_t call = ast_unparen(ast, ast->nodes[s].first), i, end = ast_subtree_end(ast, call);
	for (i = call; i <= end; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		if (k == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (k == AST_call_expression && i != call &&
		    !ast_same_text(ast, ast_root_ident(ast, ast_field(ast, i, FIELD_function)), v))
			return 0;
		if (k == AST_identifier && assigns_name(ast, t, i))
			return 0;
	}
	return 1;
}

/*
 * The check that settles err for a defer s that sits between the
 * assignment and it, in the same block: the first statement after s that
 * names err, when it is exactly `if err != nil { ...; return }` (no
 * initializer, no else) or `require.NoError(t, err)`, and nothing between
 * s and it could leave the block, defer, or change v or err; AST_NONE
 * otherwise.
 */
static uint32_t settling_check(const struct ast *ast, const struct flow *f, uint32_t s, uint32_t v,
			       uint32_t err)
{
	uint32_t t;
	size_t el;
	const char *et = ast_text(ast, err, &el);

	for (t = ast->nodes[s].next; t != AST_NONE; t = ast->nodes[t].next) {
		if (ast_kind(ast, t) == AST_if_statement &&
		    ast_mentions(ast, ast_field(ast, t, FIELD_condition), et, el, 1))
			break;
		if (requires_no_error(ast, t, err))
			return t;
		if (may_leave(ast, t) || assigns_name(ast, t, v) || assigns_name(ast, t, err) ||
		    !defer_moves_past(ast, s, t, v))
			return AST_NONE;
	}
	if (t == AST_NONE || ast_field(ast, t, FIELD_initializer) != AST_NONE ||
	    ast_field(ast, t, FIELD_alternative) != AST_NONE ||
	    !is_err_not_nil(ast, ast_field(ast, t, FIELD_condition), err) ||
	    !consequence_stops(ast, f, t))
		return AST_NONE; /* no check, or one that lets the path go on */
	return t;
}

/* True when offset off lies inside a raw string literal of node n (past its first line). */
static int in_raw_string(const struct ast *ast, uint32_t n, uint32_t off)
{
	uint32_t i, end = ast_subtree_end(ast, n);
	for (i = n; i <= end; i++)
		if (ast->nodes[i].kind == AST_raw_string_literal && ast->nodes[i].start < off &&
		    off < ast->nodes[i].end)
			return 1;
	return 0;
}

/*
 * Statement s's text with one more tab at the start of each of its lines
 * after the first, as gofmt indents a block: not an empty line, nor one
 * that a raw string literal goes on (its bytes are the string's).
 */
static void add_indented(struct strbuf *sb, const struct ast *ast, uint32_t s)
{
	uint32_t i, from = ast->nodes[s].start, to = ast->nodes[s].end;
	for (i = from; i < to; i++) {
		strbuf_addch(sb, ast->src[i]);
		if (ast->src[i] == '\n' && i + 1 < to && ast->src[i + 1] != '\n' &&
		    ast->src[i + 1] != '\r' && !in_raw_string(ast, s, i + 1))
			strbuf_addch(sb, '\t');
	}
}

/*
 * The safe fix for use s of v (assigned with err at `assign`), as edits;
 * *what says what they do, or why there is none (then no edits).
 *
 *   - a defer with `if err != nil { ...; return }` after it in the same
 *     block: the defer (with the comment lines above it and the comment
 *     after it) moves just below that check;
 *   - otherwise (no check, a check that logs and goes on, a close that is
 *     not deferred, something between that could return first): the use
 *     is guarded in place, `if err == nil { defer resp.Body.Close() }`,
 *     which keeps its place among the other statements and defers.
 * Never when v or err is assigned (or declared again) between the
 * assignment and s, or when s shares its line with other code.
 */
static void use_fix(struct rule_ctx *rc, uint32_t assign, uint32_t s, uint32_t v, uint32_t err,
		    const struct vtype *vt, struct edit_list *edits, struct strbuf *what)
{
	const struct ast *ast = rc->ast;
	const char *nl = newline_of(ast), *st, *et, *gt, *gop = "==";
	struct strbuf ind = STRBUF_INIT, text = STRBUF_INIT;
	uint32_t i, p, check = AST_NONE, cs, ce, top = ast->nodes[assign].parent;
	size_t el, sl, gl;
	int changed = 0;

	et = ast_text(ast, err, &el);
	gt = et;
	gl = el;
	st = ast_text(ast, s, &sl);
	if (!indent_of(ast, ast->nodes[s].start, &ind) || !rest_of_line(ast, s, &cs, &ce)) {
		strbuf_addstr(what, "no automatic fix: the statement shares its line with other code");
		goto out;
	}
	if (!ast_contains(ast, top, s)) {
		strbuf_addstr(what, "no automatic fix: the use is not in the assignment's block");
		goto out;
	}
	/*
	 * Between the assignment and s: the statements after the assignment
	 * in its block, then, in each block that holds s, those before s.
	 */
	for (i = ast->nodes[assign].next; i != AST_NONE && !ast_contains(ast, i, s) &&
					  ast->nodes[i].start < ast->nodes[s].start; i = ast->nodes[i].next)
		changed |= assigns_name(ast, i, v) || assigns_name(ast, i, err);
	for (p = ast->nodes[s].parent; p != top && p != AST_NONE; p = ast->nodes[p].parent) {
		uint32_t c;
		if (ast_kind(ast, p) == AST_func_literal) {
			changed = 1;
			break;
		}
		ast_for_each_child(ast, p, c)
			if (ast->nodes[c].start < ast->nodes[s].start && !ast_contains(ast, c, s))
				changed |= assigns_name(ast, c, v) || assigns_name(ast, c, err);
	}
	if (changed && vt->kind != VK_POINTER && vt->kind != VK_INTERFACE) {
		strbuf_addf(what, "no automatic fix: %.*s or the value is assigned again before this use",
			    (int)el, et);
		goto out;
	}
	if (changed) {
		/* err says nothing about the value any more: test the value itself */
		gt = ast_text(ast, v, &gl);
		gop = "!=";
		goto guard;
	}
	/* under `if err != nil` (or the else of `if err == nil`), x is always nil: guarding says nothing */
	for (p = s; p != top && p != AST_NONE; p = ast->nodes[p].parent) {
		uint32_t up = ast->nodes[p].parent;
		if (ast_kind(ast, up) != AST_if_statement || ast_field(ast, up, FIELD_initializer) != AST_NONE)
			continue;
		if ((p == ast_field(ast, up, FIELD_consequence) &&
		     is_err_not_nil(ast, ast_field(ast, up, FIELD_condition), err)) ||
		    (p == ast_field(ast, up, FIELD_alternative) &&
		     is_err_nil(ast, ast_field(ast, up, FIELD_condition), err))) {
			strbuf_addf(what, "no automatic fix: this runs only when %.*s is not nil, where the "
					  "value is always nil; the condition may be the wrong way round",
				    (int)el, et);
			goto out;
		}
	}
	if (ast_kind(ast, s) == AST_defer_statement && ast->nodes[s].parent == top)
		check = settling_check(ast, lint_flow(rc, ast_enclosing_func(ast, s)), s, v, err);
	if (check != AST_NONE) {
		/* move: the comment lines above s, s, its comment; then their lines go */
		uint32_t from = leading_comments(ast, s), to = next_line(ast, ast->nodes[s].end);
		uint32_t at = line_end(ast, ast->nodes[check].end);
		strbuf_addstr(&text, nl);
		strbuf_add(&text, ast->src + from, ast->nodes[s].end - from);
		if (ce > cs) {
			strbuf_addch(&text, ' ');
			strbuf_add(&text, ast->src + cs, ce - cs);
		}
		/* two blank lines would meet where s was: gofmt keeps one */
		if (from > 0 && blank_to_eol(ast, line_start(ast, from - 1)) && to < ast->len &&
		    blank_to_eol(ast, to))
			to = next_line(ast, to);
		edit_list_add(edits, from, to, "");
		edit_list_add(edits, at, at, text.buf);
		strbuf_addf(what, "move `%.*s` below the check at line %u", (int)(sl > 60 ? 60 : sl), st,
			    ast->nodes[check].line);
		goto out;
	}
guard:
	/* if err == nil { s }, or if v != nil { s } */
	if (ast->nodes[s].line != ast->nodes[s].end_line && memmem(st, sl, "/*", 2)) {
		strbuf_addstr(what, "no automatic fix: the statement holds a block comment that "
				    "indenting it would change");
		goto out;
	}
	strbuf_addf(&text, "if %.*s %s nil {%s%s\t", (int)gl, gt, gop, nl, ind.buf);
	add_indented(&text, ast, s);
	if (ce > cs) {
		strbuf_addch(&text, ' ');
		strbuf_add(&text, ast->src + cs, ce - cs);
	}
	strbuf_addf(&text, "%s%s}", nl, ind.buf);
	edit_list_add(edits, ast->nodes[s].start, ce > cs ? ce : line_end(ast, ast->nodes[s].end),
		      text.buf);
	strbuf_addf(what, "run it only when %.*s is %snil: `if %.*s %s nil { %.*s }`", (int)gl, gt,
		    *gop == '!' ? "not " : "", (int)gl, gt, gop, (int)(sl > 60 ? 60 : sl), st);
out:
	strbuf_release(&ind);
	strbuf_release(&text);
}

/* The report for a use of v (the assignment's `c`, with err) at statement s. */
static void report(struct rule_ctx *rc, uint32_t assign, uint32_t s, uint32_t v, uint32_t err,
		   uint32_t callee, const struct vtype *vt, const struct use *u)
{
	const struct ast *ast = rc->ast;
	size_t vl, el, cl, ml = 0;
	const char *vn = ast_text(ast, v, &vl), *et = ast_text(ast, err, &el);
	const char *ct = ast_text(ast, callee, &cl), *mt = "";
	const char *what = ast_kind(ast, s) == AST_defer_statement ? "defer" : "call";
	struct strbuf fix = STRBUF_INIT, how = STRBUF_INIT;
	struct edit_list edits = EDIT_LIST_INIT;

	if (cl > 60)
		cl = 60;
	if (u->method != AST_NONE)
		mt = ast_text(ast, u->method, &ml);
	use_fix(rc, assign, s, v, err, vt, &edits, &how);
	if (edits.nr)
		strbuf_add(&fix, how.buf, how.len);
	else
		strbuf_addf(&fix, "move this below the check: if %.*s != nil { ... } (%s)", (int)el, et,
			    how.buf);
	if (u->verdict == USE_PANICS)
		lint_report_edits(rc, s, &edits, fix.buf,
				  "%.*s is used before %.*s is checked: when %.*s fails, %.*s is nil "
				  "and this %s panics; check %.*s first",
				  (int)vl, vn, (int)el, et, (int)cl, ct, (int)vl, vn, what, (int)el, et);
	else
		lint_report_edits(rc, s, &edits, fix.buf,
				  "%.*s is used before %.*s is checked: when %.*s fails, %.*s is nil "
				  "and this %s calls %.*s on nil (a panic unless %.*s checks for nil); "
				  "check %.*s first",
				  (int)vl, vn, (int)el, et, (int)cl, ct, (int)vl, vn, what, (int)ml, mt,
				  (int)ml, mt, (int)el, et);
	strbuf_release(&fix);
	strbuf_release(&how);
}

/* The candidate x of a defer/close statement `s` whose call is `call`. */
static void check_use(struct rule_ctx *rc, uint32_t s, uint32_t call)
{
	const struct ast *ast = rc->ast;
	struct type_env te = { ast, rc->file->imports, rc->facts };
	uint32_t fn = ast_enclosing_func(ast, s), i, end, sblk, sidx;
	const struct flow *f;

	if (fn == AST_NONE)
		return;
	f = lint_flow(rc, fn);
	if (!flow_locate(f, ast, s, &sblk, &sidx) || f->blocks[sblk].elems[sidx] != s)
		return;
	end = ast_subtree_end(ast, fn);
	for (i = fn + 1; i <= end && ast->nodes[i].start < ast->nodes[s].start; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		uint32_t left, right, last = AST_NONE, c, blk, idx, use, j = 0;
		size_t nr = 0;

		if (k == AST_func_literal) {
			i = ast_subtree_end(ast, i);
			continue;
		}
		if (k != AST_short_var_declaration && k != AST_assignment_statement)
			continue;
		left = ast_field(ast, i, FIELD_left);
		right = ast_field(ast, i, FIELD_right);
		if (ast_child_count(ast, right) != 1 ||
		    ast_kind(ast, ast_unparen(ast, ast_child(ast, right, 0))) != AST_call_expression)
			continue;
		ast_for_each_child(ast, left, c) {
			last = c;
			nr++;
		}
		if (nr < 2 || !looks_like_error(ast, last))
			continue;
		ast_for_each_child(ast, left, c) {
			struct vtype vt;
			struct use u;
			if (j++, c == last || ast_kind(ast, c) != AST_identifier || ast_is_blank(ast, c))
				continue;
			/* first the shape (any use at all), the types only for a finding */
			if (call_uses(&te, &vt_unknown, call, c).verdict == USE_NONE)
				continue;
			use = first_mention(ast, call, c);
			if (use != AST_NONE && !ast_same_variable(ast, i, use))
				continue; /* another variable of the same name */
			if (ast_mentions(ast, s, ast->src + ast->nodes[last].start,
					 ast->nodes[last].end - ast->nodes[last].start, 1) ||
			    nil_checks(ast, s, c))
				continue; /* the deferred code checks err or x itself */
			if (!flow_locate(f, ast, i, &blk, &idx))
				continue;
			if (!reaches_unchecked(ast, f, blk, idx, s, c, last))
				continue;
			vt = assigned_type(&te, i, ast_unparen(ast, ast_child(ast, right, 0)), c, j - 1);
			u = call_uses(&te, &vt, call, c);
			if (u.verdict == USE_NONE)
				continue; /* nil-safe: *os.File's Close, a value */
			report(rc, i, s, c, last,
			       ast_field(ast, ast_unparen(ast, ast_child(ast, right, 0)), FIELD_function), &vt, &u);
			return;
		}
	}
}

static void check(struct rule_ctx *rc)
{
	const struct ast *ast = rc->ast;
	uint32_t i;

	for (i = 0; i < ast->nr; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		uint32_t call;
		if (k != AST_defer_statement && k != AST_expression_statement)
			continue;
		call = ast_unparen(ast, ast->nodes[i].first);
		if (ast_kind(ast, call) != AST_call_expression)
			continue;
		/* A plain statement counts only when it closes: x.Close(), x.Body.Close(). */
		if (k == AST_expression_statement && !ast_text_is(ast, ast_call_name(ast, call), "Close"))
			continue;
		check_use(rc, i, call);
	}
}

const struct rule rule_close_before_check = {
	.id = "close-before-check",
	.summary = "a value is deferred or closed before the error returned with it is checked",
	.severity = "error",
	.default_on = 1,
	.needles = needles,
	.fact_needles = fact_needles,
	.options = rule_options_no_return,
	.check = check,
};
