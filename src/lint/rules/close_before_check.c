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
 * x's type. The syntax tree gives it only where it is written: the
 * declaration of the function called (in this file), of the variable, of
 * a receiver's struct field, or the tables below (the standard library's
 * functions, and a few common modules'). A field through x (`x.Body`)
 * panics on a nil pointer; any method on a nil interface panics; a method
 * on a nil pointer panics unless it checks its receiver first (*os.File's
 * do, the net listeners' too); a value (a struct, a named integer) is
 * never nil. When x's type cannot be seen, a method call is still
 * reported, hedged: most methods dereference their receiver (see
 * docs/rules/close-before-check.md).
 */
#include "lint/lint.h"
#include "lint/flow.h"
#include "lint/imports.h"
#include "lint/nilness.h"

static const char *const needles[] = { "defer", "Close()", NULL };

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

struct vtype {
	enum vkind kind;
	const struct known_type *known; /* its methods' nil safety is known, or NULL */
	uint32_t local;                 /* a type_identifier naming a type of this package, or AST_NONE */
	int std;                        /* a type of the standard library */
};

static const struct vtype vt_unknown = { VK_UNKNOWN, NULL, AST_NONE, 0 };

struct tctx {
	const struct ast *ast;
	const struct imports *imp;
};

#define MAX_TYPE_DEPTH 6

/*
 * The import path a file names `q` by. Without an alias, Go's package name
 * is usually the path's last element; modules spell it `nats.go`,
 * `go-redis`, `yaml.v3` or end in a `/v2` major version, so those are
 * tried too.
 */
static const char *import_path(const struct tctx *c, const char *q, size_t qlen, size_t *plen)
{
	size_t i;
	for (i = 0; i < c->imp->nr; i++) {
		const struct import_entry *e = &c->imp->v[i];
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
static int imports_has_path(const struct tctx *c, const char *path)
{
	size_t i;
	for (i = 0; i < c->imp->nr; i++)
		if (text_eq(c->imp->v[i].path, c->imp->v[i].path_len, path))
			return 1;
	return 0;
}

/* A top-level type declaration (type_spec or alias) of the name of node `name`. */
static uint32_t find_type_decl(const struct ast *ast, uint32_t name)
{
	uint32_t d, s;
	ast_for_each_child(ast, 0, d) {
		if (ast_kind(ast, d) != AST_type_declaration)
			continue;
		ast_for_each_child(ast, d, s)
			if (ast_same_text(ast, ast_field(ast, s, FIELD_name), name))
				return s;
	}
	return AST_NONE;
}

/* A top-level function declaration named like node `name`. */
static uint32_t find_func(const struct ast *ast, uint32_t name)
{
	uint32_t d;
	ast_for_each_child(ast, 0, d)
		if (ast_kind(ast, d) == AST_function_declaration &&
		    ast_same_text(ast, ast_field(ast, d, FIELD_name), name))
			return d;
	return AST_NONE;
}

/* The receiver's parameter_declaration of method declaration md. */
static uint32_t receiver_param(const struct ast *ast, uint32_t md)
{
	uint32_t list = ast_field(ast, md, FIELD_receiver);
	return ast_child(ast, list, 0);
}

/* The type name under a receiver type (`*T`, `T`, `*T[K]`); *pointer says whether it is *T. */
static uint32_t receiver_type_name(const struct ast *ast, uint32_t t, int *pointer)
{
	*pointer = 0;
	if (ast_kind(ast, t) == AST_pointer_type) {
		*pointer = 1;
		t = ast->nodes[t].first;
	}
	if (ast_kind(ast, t) == AST_generic_type)
		t = ast_field(ast, t, FIELD_type);
	return ast_kind(ast, t) == AST_type_identifier ? t : AST_NONE;
}

/* The method `m` (a node naming it) of type `tname` declared in this file. */
static uint32_t find_method(const struct ast *ast, uint32_t tname, uint32_t m)
{
	uint32_t d;
	int ptr;
	ast_for_each_child(ast, 0, d)
		if (ast_kind(ast, d) == AST_method_declaration &&
		    ast_same_text(ast, ast_field(ast, d, FIELD_name), m) &&
		    ast_same_text(ast, receiver_type_name(ast, ast_field(ast, receiver_param(ast, d),
									  FIELD_type), &ptr), tname))
			return d;
	return AST_NONE;
}

/* The type node of result k of a function or method declaration, or AST_NONE. */
static uint32_t result_type_node(const struct ast *ast, uint32_t d, uint32_t k)
{
	uint32_t res = ast_field(ast, d, FIELD_result), p, c;
	if (res == AST_NONE)
		return AST_NONE;
	if (ast_kind(ast, res) != AST_parameter_list)
		return k == 0 ? res : AST_NONE;
	ast_for_each_child(ast, res, p) {
		uint32_t names = 0;
		ast_for_each_child(ast, p, c)
			if (ast->nodes[c].field == FIELD_name)
				names++;
		if (names == 0)
			names = 1;
		if (k < names)
			return ast_field(ast, p, FIELD_type);
		k -= names;
	}
	return AST_NONE;
}

static struct vtype classify_type(const struct tctx *c, uint32_t t, int depth);

/* pkg.Name written as a type. */
static struct vtype classify_qualified(const struct tctx *c, const char *q, size_t qlen,
				       const char *name, size_t nlen)
{
	struct vtype vt = vt_unknown;
	size_t plen, i;
	const char *path = import_path(c, q, qlen, &plen);

	if (!path)
		return vt;
	vt.known = find_known_type(path, plen, name, nlen);
	vt.std = is_std_path(path, plen);
	if (vt.known) {
		vt.kind = vt.known->kind;
		return vt;
	}
	if (!vt.std)
		return vt; /* another module's: an interface or a value, who knows */
	vt.kind = VK_VALUE;
	for (i = 0; i < ARRAY_SIZE(std_interfaces); i++)
		if (text_eq(path, plen, std_interfaces[i].path) &&
		    in_words(std_interfaces[i].names, name, nlen))
			vt.kind = VK_INTERFACE;
	return vt;
}

static const char *const builtin_values[] = {
	"bool", "string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16",
	"uint32", "uint64", "uintptr", "float32", "float64", "complex64", "complex128", "byte",
	"rune", NULL
};

/* What a written type says: pointer, interface, value, and whose methods. */
static struct vtype classify_type(const struct tctx *c, uint32_t t, int depth)
{
	const struct ast *ast = c->ast;
	struct vtype vt = vt_unknown;
	size_t len, nlen;
	const char *s, *n;

	if (t == AST_NONE || depth > MAX_TYPE_DEPTH)
		return vt;
	switch (ast_kind(ast, t)) {
	case AST_pointer_type:
		vt = classify_type(c, ast->nodes[t].first, depth + 1);
		vt.kind = VK_POINTER;
		return vt;
	case AST_interface_type:
		vt.kind = VK_INTERFACE;
		return vt;
	case AST_struct_type:
	case AST_slice_type:
	case AST_array_type:
	case AST_map_type:
	case AST_channel_type:
	case AST_function_type:
		vt.kind = VK_VALUE;
		return vt;
	case AST_generic_type:
		return classify_type(c, ast_field(ast, t, FIELD_type), depth + 1);
	case AST_qualified_type:
		s = ast_text(ast, ast_field(ast, t, FIELD_package), &len);
		n = ast_text(ast, ast_field(ast, t, FIELD_name), &nlen);
		return classify_qualified(c, s, len, n, nlen);
	case AST_type_identifier: {
		uint32_t d;
		s = ast_text(ast, t, &len);
		if (text_eq(s, len, "error") || text_eq(s, len, "any")) {
			vt.kind = VK_INTERFACE;
			return vt;
		}
		if (in_list(builtin_values, s, len)) {
			vt.kind = VK_VALUE;
			return vt;
		}
		d = find_type_decl(ast, t);
		if (d == AST_NONE) {
			vt.local = t; /* declared in another file of the package */
			return vt;
		}
		vt = classify_type(c, ast_field(ast, d, FIELD_type), depth + 1);
		if (ast_kind(ast, d) == AST_type_spec) {
			/* a defined type: its own methods, its underlying kind */
			vt.known = NULL;
			vt.local = t;
		}
		return vt;
	}
	default:
		return vt;
	}
}

static struct vtype expr_type(const struct tctx *c, uint32_t e, int depth);

/* The type of result k of `call`. */
static struct vtype call_result(const struct tctx *c, uint32_t call, uint32_t k, int depth)
{
	const struct ast *ast = c->ast;
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), op, m, d;
	struct vtype vt = vt_unknown, rt;
	size_t i, mlen, qlen, plen;
	const char *mt, *q, *path;

	if (depth > MAX_TYPE_DEPTH)
		return vt;
	if (ast_kind(ast, fn) == AST_identifier) {
		d = find_func(ast, fn);
		return d == AST_NONE ? vt : classify_type(c, result_type_node(ast, d, k), depth + 1);
	}
	if (ast_kind(ast, fn) != AST_selector_expression)
		return vt;
	op = ast_unparen(ast, ast_field(ast, fn, FIELD_operand));
	m = ast_field(ast, fn, FIELD_field);
	mt = ast_text(ast, m, &mlen);

	/* pkg.Func(...): a package's function, unless a variable takes the name */
	if (ast_kind(ast, op) == AST_identifier && !ast_declared_in(ast, ast_enclosing_func(ast, call), op)) {
		q = ast_text(ast, op, &qlen);
		path = import_path(c, q, qlen, &plen);
		if (path) {
			for (i = 0; i < ARRAY_SIZE(known_funcs); i++) {
				const struct known_func *kf = &known_funcs[i];
				size_t tl = strlen(kf->type_name);
				if (kf->recv || !text_eq(path, plen, kf->path) || !text_eq(mt, mlen, kf->name))
					continue;
				if (k >= 32 || !(kf->results & (1u << k)))
					return vt;
				vt.known = find_known_type(kf->type_path, strlen(kf->type_path),
							   kf->type_name, tl);
				vt.std = is_std_path(kf->type_path, strlen(kf->type_path));
				vt.kind = kf->pointer ? VK_POINTER : vt.known ? vt.known->kind : VK_INTERFACE;
				return vt;
			}
			vt.std = is_std_path(path, plen);
			return vt;
		}
	}

	/* recv.Method(...): through the receiver's type */
	rt = expr_type(c, op, depth + 1);
	if (rt.local != AST_NONE) {
		d = find_method(ast, rt.local, m);
		if (d != AST_NONE)
			return classify_type(c, result_type_node(ast, d, k), depth + 1);
	}
	/*
	 * A known type's method; or, when the receiver's type is not visible
	 * (a helper of another file returned it), a method of that name of a
	 * module's type this file imports: nc.Subscribe in a file importing
	 * nats.go. (Not for the standard library: its names are too common.)
	 */
	if (rt.known || (rt.kind == VK_UNKNOWN && rt.local == AST_NONE && !rt.std)) {
		for (i = 0; i < ARRAY_SIZE(known_funcs); i++) {
			const struct known_func *kf = &known_funcs[i];
			if (!kf->recv || !text_eq(mt, mlen, kf->name))
				continue;
			if (rt.known ? strcmp(kf->path, rt.known->path) || strcmp(kf->recv, rt.known->name) :
				       is_std_path(kf->path, strlen(kf->path)) || !imports_has_path(c, kf->path))
				continue;
			if (k >= 32 || !(kf->results & (1u << k)))
				return vt;
			vt.known = find_known_type(kf->type_path, strlen(kf->type_path), kf->type_name,
						   strlen(kf->type_name));
			vt.std = is_std_path(kf->type_path, strlen(kf->type_path));
			vt.kind = kf->pointer ? VK_POINTER : VK_INTERFACE;
			return vt;
		}
	}
	vt.std = rt.std; /* a standard library method returns a standard library type */
	return vt;
}

/* The names a declaration node lists (FIELD_name children), and the index of `id`'s name among them. */
static int name_index(const struct ast *ast, uint32_t n, uint32_t id, uint32_t *index)
{
	uint32_t c, i = 0;
	ast_for_each_child(ast, n, c) {
		if (ast->nodes[c].field != FIELD_name)
			continue;
		if (ast_same_text(ast, c, id)) {
			*index = i;
			return 1;
		}
		i++;
	}
	return 0;
}

/* Type of the value j of an expression list `right` assigned to `nr_left` names. */
static struct vtype assigned_type(const struct tctx *c, uint32_t right, uint32_t nr_left, uint32_t j,
				  int depth)
{
	const struct ast *ast = c->ast;
	uint32_t nr_right = ast_child_count(ast, right);
	if (nr_right == 1 && nr_left > 1) {
		uint32_t e = ast_unparen(ast, ast_child(ast, right, 0));
		return ast_kind(ast, e) == AST_call_expression ? call_result(c, e, j, depth + 1) : vt_unknown;
	}
	if (nr_right == nr_left)
		return expr_type(c, ast_child(ast, right, j), depth + 1);
	return vt_unknown;
}

/* The block a declaration statement's names are visible in. */
static uint32_t decl_scope(const struct ast *ast, uint32_t stmt)
{
	uint32_t p = ast->nodes[stmt].parent;
	while (p != AST_NONE && (ast_kind(ast, p) == AST_var_spec_list ||
				 ast_kind(ast, p) == AST_var_declaration || ast_kind(ast, p) == AST_for_clause))
		p = ast->nodes[p].parent;
	return p;
}

/*
 * The type of variable `id` where it is used: from its declaration, the
 * closest one before it whose scope holds it (a parameter, a receiver, a
 * `var`, a `:=`; a package-level `var`).
 */
static struct vtype var_type(const struct tctx *c, uint32_t id, int depth)
{
	const struct ast *ast = c->ast;
	uint32_t top = ast_top_func(ast, id), i, best = AST_NONE, best_j = 0, j;

	if (depth > MAX_TYPE_DEPTH)
		return vt_unknown;
	for (i = top == AST_NONE ? id : top; i < id; i++) {
		enum ast_kind k = ast->nodes[i].kind;
		uint32_t scope;
		if (k == AST_parameter_declaration || k == AST_variadic_parameter_declaration) {
			if (!name_index(ast, i, id, &j))
				continue;
			scope = ast->nodes[ast->nodes[i].parent].parent; /* the function */
		} else if (k == AST_var_spec) {
			if (!name_index(ast, i, id, &j))
				continue;
			scope = decl_scope(ast, i);
		} else if (k == AST_short_var_declaration || k == AST_range_clause) {
			uint32_t left = ast_field(ast, i, FIELD_left), x;
			int hit = 0;
			j = 0;
			ast_for_each_child(ast, left, x) {
				if (ast_kind(ast, x) == AST_identifier && ast_same_text(ast, x, id)) {
					hit = 1;
					break;
				}
				j++;
			}
			if (!hit)
				continue;
			scope = decl_scope(ast, i);
		} else {
			continue;
		}
		if (scope != AST_NONE && ast_contains(ast, scope, id)) {
			best = i;
			best_j = j;
		}
	}
	if (best == AST_NONE) {
		/* a package-level var */
		uint32_t d, s;
		ast_for_each_child(ast, 0, d) {
			if (ast_kind(ast, d) != AST_var_declaration)
				continue;
			ast_for_each_child(ast, d, s) {
				if (ast_kind(ast, s) == AST_var_spec && name_index(ast, s, id, &j)) {
					best = s;
					best_j = j;
				}
				if (ast_kind(ast, s) == AST_var_spec_list) {
					uint32_t v;
					ast_for_each_child(ast, s, v)
						if (name_index(ast, v, id, &j)) {
							best = v;
							best_j = j;
						}
				}
			}
		}
		if (best == AST_NONE)
			return vt_unknown;
	}
	switch (ast_kind(ast, best)) {
	case AST_parameter_declaration:
	case AST_variadic_parameter_declaration:
		return ast_kind(ast, best) == AST_parameter_declaration ?
		       classify_type(c, ast_field(ast, best, FIELD_type), depth + 1) : vt_unknown;
	case AST_var_spec: {
		uint32_t t = ast_field(ast, best, FIELD_type), names = 0, x;
		if (t != AST_NONE)
			return classify_type(c, t, depth + 1);
		ast_for_each_child(ast, best, x)
			if (ast->nodes[x].field == FIELD_name)
				names++;
		return assigned_type(c, ast_field(ast, best, FIELD_value), names, best_j, depth);
	}
	case AST_short_var_declaration:
		return assigned_type(c, ast_field(ast, best, FIELD_right),
				     ast_child_count(ast, ast_field(ast, best, FIELD_left)), best_j, depth);
	default:
		return vt_unknown; /* a range variable */
	}
}

/* A field of local struct type `tname`: its written type. */
static struct vtype field_type(const struct tctx *c, uint32_t tname, uint32_t field, int depth)
{
	const struct ast *ast = c->ast;
	uint32_t d = find_type_decl(ast, tname), st, list, fd, x;

	if (d == AST_NONE)
		return vt_unknown;
	st = ast_field(ast, d, FIELD_type);
	if (ast_kind(ast, st) != AST_struct_type)
		return vt_unknown;
	list = ast->nodes[st].first;
	ast_for_each_child(ast, list, fd) {
		if (ast_kind(ast, fd) != AST_field_declaration)
			continue;
		ast_for_each_child(ast, fd, x)
			if (ast->nodes[x].field == FIELD_name && ast_same_text(ast, x, field))
				return classify_type(c, ast_field(ast, fd, FIELD_type), depth + 1);
	}
	return vt_unknown;
}

/* The type of an expression, where it can be read. */
static struct vtype expr_type(const struct tctx *c, uint32_t e, int depth)
{
	const struct ast *ast = c->ast;
	struct vtype vt;

	e = ast_unparen(ast, e);
	if (depth > MAX_TYPE_DEPTH)
		return vt_unknown;
	switch (ast_kind(ast, e)) {
	case AST_identifier:
		return var_type(c, e, depth + 1);
	case AST_call_expression:
		return call_result(c, e, 0, depth + 1);
	case AST_selector_expression:
		vt = expr_type(c, ast_field(ast, e, FIELD_operand), depth + 1);
		if (vt.local == AST_NONE)
			return vt_unknown;
		return field_type(c, vt.local, ast_field(ast, e, FIELD_field), depth + 1);
	case AST_composite_literal:
		return classify_type(c, ast_field(ast, e, FIELD_type), depth + 1);
	case AST_unary_expression:
		if (!ast_text_is(ast, ast_field(ast, e, FIELD_operator), "&"))
			return vt_unknown;
		vt = expr_type(c, ast_field(ast, e, FIELD_operand), depth + 1);
		vt.kind = VK_POINTER;
		return vt;
	default:
		return vt_unknown;
	}
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

/*
 * Method declaration md begins by checking its receiver for nil, or never
 * touches it: safe on a nil pointer. A value receiver is not: calling it
 * through a nil pointer copies *x.
 */
static int method_nil_safe(const struct ast *ast, uint32_t md)
{
	uint32_t rp = receiver_param(ast, md), name = ast_field(ast, rp, FIELD_name);
	uint32_t body = ast_func_body(ast, md), list = AST_NONE, first = AST_NONE, c, cond, i, end;
	int ptr;
	size_t len;
	const char *t;

	receiver_type_name(ast, ast_field(ast, rp, FIELD_type), &ptr);
	if (!ptr)
		return 0;
	if (name == AST_NONE || ast_is_blank(ast, name) || body == AST_NONE)
		return 1;
	t = ast_text(ast, name, &len);
	if (!ast_mentions(ast, body, t, len, 1))
		return 1;
	ast_for_each_child(ast, body, c)
		if (ast_kind(ast, c) == AST_statement_list)
			list = c;
	first = ast_child(ast, list, 0);
	if (ast_kind(ast, first) != AST_if_statement)
		return 0;
	cond = ast_field(ast, first, FIELD_condition);
	end = ast_subtree_end(ast, cond);
	for (i = cond; i <= end; i++) {
		uint32_t l, r;
		if (ast->nodes[i].kind != AST_binary_expression)
			continue;
		l = ast_unparen(ast, ast_field(ast, i, FIELD_left));
		r = ast_unparen(ast, ast_field(ast, i, FIELD_right));
		if ((ast_kind(ast, l) == AST_nil && ast_same_text(ast, r, name)) ||
		    (ast_kind(ast, r) == AST_nil && ast_same_text(ast, l, name)))
			return 1;
	}
	return 0;
}

/* Calling (or taking) method m of a nil value of type vt. */
static enum verdict method_verdict(const struct ast *ast, const struct vtype *vt, uint32_t m)
{
	size_t len;
	const char *t = ast_text(ast, m, &len);
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
	if (vt->local != AST_NONE) {
		uint32_t md = find_method(ast, vt->local, m);
		if (md != AST_NONE)
			return method_nil_safe(ast, md) ? USE_NONE : USE_PANICS;
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
static void judge_selector(const struct ast *ast, const struct vtype *vt, uint32_t sel, struct use *u)
{
	uint32_t parent = ast->nodes[sel].parent, f = ast_field(ast, sel, FIELD_field);
	enum verdict mv;

	while (ast_kind(ast, parent) == AST_parenthesized_expression)
		parent = ast->nodes[parent].parent;
	mv = method_verdict(ast, vt, f);
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
static struct use call_uses(const struct ast *ast, const struct vtype *vt, uint32_t call, uint32_t v)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function)), args, a, i, end, sel;
	struct use u = { USE_NONE, AST_NONE };

	if (derefs(ast, fn, v) && (sel = first_selector(ast, fn, v)) != AST_NONE)
		judge_selector(ast, vt, sel, &u);
	args = ast_field(ast, call, FIELD_arguments);
	if (args != AST_NONE)
		ast_for_each_child(ast, args, a)
			if (derefs(ast, a, v) && (sel = first_selector(ast, a, v)) != AST_NONE)
				judge_selector(ast, vt, sel, &u);
	if (ast_kind(ast, fn) != AST_func_literal)
		return u;
	/* A deferred literal: any v.X inside its body. */
	end = ast_subtree_end(ast, fn);
	for (i = fn; i <= end; i++)
		if (ast->nodes[i].kind == AST_selector_expression &&
		    ast->nodes[ast_field(ast, i, FIELD_operand)].kind == AST_identifier &&
		    ast_same_text(ast, ast_field(ast, i, FIELD_operand), v))
			judge_selector(ast, vt, i, &u);
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

/* The report for a use of v (the assignment's `c`) at statement s. */
static void report(struct rule_ctx *rc, uint32_t s, uint32_t v, uint32_t err, uint32_t callee,
		   const struct use *u)
{
	const struct ast *ast = rc->ast;
	size_t vl, el, cl, ml = 0;
	const char *vt = ast_text(ast, v, &vl), *et = ast_text(ast, err, &el);
	const char *ct = ast_text(ast, callee, &cl), *mt = "";
	const char *what = ast_kind(ast, s) == AST_defer_statement ? "defer" : "call";
	char fix[256];

	if (cl > 60)
		cl = 60;
	if (u->method != AST_NONE)
		mt = ast_text(ast, u->method, &ml);
	snprintf(fix, sizeof(fix), "move this below the check: if %.*s != nil { ... }", (int)el, et);
	if (u->verdict == USE_PANICS)
		lint_report(rc, s, fix,
			    "%.*s is used before %.*s is checked: when %.*s fails, %.*s is nil "
			    "and this %s panics; check %.*s first",
			    (int)vl, vt, (int)el, et, (int)cl, ct, (int)vl, vt, what, (int)el, et);
	else
		lint_report(rc, s, fix,
			    "%.*s is used before %.*s is checked: when %.*s fails, %.*s is nil "
			    "and this %s calls %.*s on nil (a panic unless %.*s checks for nil); "
			    "check %.*s first",
			    (int)vl, vt, (int)el, et, (int)cl, ct, (int)vl, vt, what, (int)ml, mt,
			    (int)ml, mt, (int)el, et);
}

/* The candidate x of a defer/close statement `s` whose call is `call`. */
static void check_use(struct rule_ctx *rc, uint32_t s, uint32_t call)
{
	const struct ast *ast = rc->ast;
	struct tctx tc = { ast, rc->file->imports };
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
		uint32_t left, right, last = AST_NONE, c, blk, idx, use;
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
			if (c == last || ast_kind(ast, c) != AST_identifier || ast_is_blank(ast, c))
				continue;
			/* first the shape (any use at all), the types only for a finding */
			if (call_uses(ast, &vt_unknown, call, c).verdict == USE_NONE)
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
			vt = var_type(&tc, c, 0);
			u = call_uses(ast, &vt, call, c);
			if (u.verdict == USE_NONE)
				continue; /* nil-safe: *os.File's Close, a value */
			report(rc, s, c, last,
			       ast_field(ast, ast_unparen(ast, ast_child(ast, right, 0)), FIELD_function), &u);
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
	.check = check,
};
