/*
 * goparse.c - see goparse.h.
 *
 * Two passes: the tokens of the whole file (comments go straight to the
 * ast's list), then recursive descent that builds a tree of its own
 * (nodes linked by first child / next sibling, so that `a.b` can wrap
 * an `a` already built), written out at the end in the order and form
 * ast_build() writes tree-sitter's tree.
 *
 * What the grammar (tree-sitter-go) does that Go does not, and is kept:
 *   - a newline is a statement terminator only where the grammar expects
 *     one, and is part of the node whose list it ends (a statement_list
 *     ends after the newline that follows its last statement);
 *   - `const a, b = ...`: the commas between the names carry the field
 *     `name`; in `case A, B:` of a type switch, `type`;
 *   - `make(T, n)`, `new(T)`: the first argument is a type;
 *   - `T(x)` is a call, `[]byte(x)` a type conversion; `_` in an
 *     expression an identifier; `x.(type)` belongs to the switch.
 * Every place where the grammar's choice depends on its dynamic
 * precedences (`a[i](x)`, `F[T]{}`, a type in parentheses as a value,
 * `type A [N * 2]int`...) gives up (FAIL), and so does anything not
 * shaped like compiling, gofmt-formatted Go.
 */
#include "goparse.h"
#include "base/common.h"

#include <setjmp.h>

enum {
	/* token types: punctuation and keywords after the literals */
	T_EOF = 0, T_IDENT, T_INT, T_FLOAT, T_IMAG, T_RUNE, T_STRING, T_RAW,
	/* punctuation */
	P_LPAREN, P_RPAREN, P_LBRACK, P_RBRACK, P_LBRACE, P_RBRACE, P_COMMA, P_SEMI,
	P_DOT, P_ELLIPSIS, P_COLON, P_DEFINE, P_ASSIGN, P_OPASSIGN, P_INC, P_DEC, P_ARROW,
	P_TILDE, P_NOT,
	/* binary operators (P_STAR..P_LOR), by precedence below */
	P_STAR, P_SLASH, P_PERCENT, P_SHL, P_SHR, P_AMP, P_ANDNOT,
	P_PLUS, P_MINUS, P_OR, P_XOR,
	P_EQ, P_NE, P_LT, P_LE, P_GT, P_GE,
	P_LAND, P_LOR,
	/* keywords */
	K_BREAK, K_CASE, K_CHAN, K_CONST, K_CONTINUE, K_DEFAULT, K_DEFER, K_ELSE,
	K_FALLTHROUGH, K_FOR, K_FUNC, K_GO, K_GOTO, K_IF, K_IMPORT, K_INTERFACE, K_MAP,
	K_PACKAGE, K_RANGE, K_RETURN, K_SELECT, K_STRUCT, K_SWITCH, K_TYPE, K_VAR,
};

static const char *const keywords[] = {
	"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map",
	"package", "range", "return", "select", "struct", "switch", "type", "var",
};

#define NO_NL UINT32_MAX
#define NO_NODE UINT32_MAX
#define MAX_NEST 400 /* deeper: tree-sitter's (and the caller's depth limit) */
#define MAX_PARAMS 128 /* in one parameter list; more: tree-sitter's */

struct pos {
	uint32_t byte, line, col; /* line and col 0-based, col in bytes */
};

struct tok {
	uint8_t type;
	struct pos s, e;
	uint32_t nl;      /* byte of the first newline before it, outside comments, or NO_NL */
	uint32_t nl_line; /* that newline's line */
};

struct pn {
	uint16_t kind;
	uint8_t field;
	uint8_t has_tok; /* a visible token of the grammar's is its child (for the depth) */
	uint32_t first, last, next;
	struct pos s, e;
};

struct gp {
	const char *src;
	size_t len;
	const struct part_hole *holes; /* left out, in order */
	size_t nr_holes;
	struct ast *ast;
	struct tok *t;
	size_t nt, at_tok, i;
	struct pn *n;
	uint32_t nn, alloc_n;
	struct pos last_end; /* where the last thing consumed ends */
	size_t nl_taken;     /* the token whose newline was taken as a terminator, +1 */
	int nocomp;          /* in an if/for/switch header: `x {` is not a literal */
	int nest;
	jmp_buf fail;
};

_Thread_local struct goparse_failure goparse_failure;

#define FAIL(p) fail((p), __LINE__)

static _Noreturn void fail(struct gp *p, int line)
{
	goparse_failure.line = line;
	goparse_failure.byte = p->i < p->nt ? p->t[p->i].s.byte : (uint32_t)p->len;
	longjmp(p->fail, 1);
}

/* ------------------------------------------------------------------ tokens */

static void add_tok(struct gp *p, uint8_t type, struct pos s, struct pos e, uint32_t nl,
		    uint32_t nl_line)
{
	struct tok *t;
	ALLOC_GROW(p->t, p->nt + 1, p->at_tok);
	t = &p->t[p->nt++];
	t->type = type;
	t->s = s;
	t->e = e;
	t->nl = nl;
	t->nl_line = nl_line;
}

static void add_comment(struct gp *p, struct pos s, struct pos e)
{
	struct ast *ast = p->ast;
	struct ast_comment *c;
	uint32_t i;

	ALLOC_GROW(ast->comments, ast->nr_comments + 1, ast->alloc_comments);
	c = &ast->comments[ast->nr_comments++];
	c->start = s.byte;
	c->end = e.byte;
	c->line = s.line + 1;
	c->end_line = e.line + 1;
	c->own_line = 1;
	for (i = c->start; i > 0 && p->src[i - 1] != '\n'; i--)
		if (p->src[i - 1] != ' ' && p->src[i - 1] != '\t') {
			c->own_line = 0;
			break;
		}
}

static int is_ident_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int is_hex(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Digits of a class with `_` between them; returns how many digits. */
static size_t digits(const char *s, size_t len, size_t *k, int (*ok)(unsigned char))
{
	size_t n = 0;
	while (*k < len) {
		if (ok((unsigned char)s[*k])) {
			n++;
			(*k)++;
		} else if (s[*k] == '_' && *k + 1 < len && ok((unsigned char)s[*k + 1])) {
			(*k)++;
		} else {
			break;
		}
	}
	return n;
}

static int is_octal(unsigned char c)
{
	return c >= '0' && c <= '7';
}

static int is_binary(unsigned char c)
{
	return c == '0' || c == '1';
}

/*
 * Digits of class ok, a `.` and more (not `..`), then an exponent
 * (e: `e` or `p`, either case) with its decimal digits. Sets *is_float
 * when there is a point or an exponent; returns 1 when there is a point
 * and no exponent, 2 with an exponent, 0 with neither.
 */
static int mantissa(struct gp *p, size_t *k, int (*ok)(unsigned char), char e, int *is_float)
{
	const char *s = p->src;
	size_t len = p->len, n = digits(s, len, k, ok);
	int point = 0;

	if (*k < len && s[*k] == '.' && !(*k + 1 < len && s[*k + 1] == '.')) {
		(*k)++;
		n += digits(s, len, k, ok);
		point = *is_float = 1;
	}
	if (!n)
		FAIL(p);
	if (*k < len && (s[*k] == e || s[*k] == e - 'a' + 'A')) {
		(*k)++;
		if (*k < len && (s[*k] == '+' || s[*k] == '-'))
			(*k)++;
		if (!digits(s, len, k, is_digit))
			FAIL(p);
		*is_float = 1;
		return 2;
	}
	return point;
}

/* A number at s[k]: its type, *k past it; FAIL on what the grammar would split. */
static uint8_t lex_number(struct gp *p, size_t *k)
{
	const char *s = p->src;
	size_t len = p->len, start = *k;
	int is_float = 0;

	if (s[*k] == '0' && *k + 1 < len && (s[*k + 1] == 'x' || s[*k + 1] == 'X')) {
		*k += 2;
		if (*k < len && s[*k] == '_')
			(*k)++;
		if (mantissa(p, k, is_hex, 'p', &is_float) == 1)
			FAIL(p); /* a hex mantissa needs its exponent */
	} else if (s[*k] == '0' && *k + 1 < len &&
		   (s[*k + 1] == 'b' || s[*k + 1] == 'B' || s[*k + 1] == 'o' || s[*k + 1] == 'O')) {
		int bin = s[*k + 1] == 'b' || s[*k + 1] == 'B';
		*k += 2;
		if (*k < len && s[*k] == '_')
			(*k)++;
		if (!digits(s, len, k, bin ? is_binary : is_octal))
			FAIL(p);
	} else {
		mantissa(p, k, is_digit, 'e', &is_float);
		if (!is_float && s[start] == '0' && *k - start > 1 && !(*k < len && s[*k] == 'i')) {
			size_t j; /* 0777: octal, all of it */
			for (j = start; j < *k; j++)
				if (s[j] == '8' || s[j] == '9')
					FAIL(p);
		}
	}
	if (*k < len && s[*k] == 'i') {
		(*k)++;
		return T_IMAG;
	}
	if (*k < len && (is_ident_char((unsigned char)s[*k]) || (unsigned char)s[*k] >= 0x80 ||
			 s[*k] == '.'))
		FAIL(p);
	return is_float ? T_FLOAT : T_INT;
}

/* A rune literal at s[k] ('): *k past it, as the grammar's single token reads it. */
static void lex_rune(struct gp *p, size_t *k)
{
	const char *s = p->src;
	size_t len = p->len, n, need = 0;
	int (*cls)(unsigned char) = is_hex;

	(*k)++;
	if (*k >= len || s[*k] == '\'' || s[*k] == '\n')
		FAIL(p);
	if (s[*k] == '\\') {
		(*k)++;
		if (*k >= len)
			FAIL(p);
		switch (s[*k]) {
		case 'x': need = 2; (*k)++; break;
		case 'u': need = 4; (*k)++; break;
		case 'U': need = 8; (*k)++; break;
		case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v':
		case '\\': case '\'': case '"':
			(*k)++;
			break;
		default:
			if (!is_octal((unsigned char)s[*k]))
				FAIL(p);
			need = 3;
			cls = is_octal;
		}
		for (n = 0; n < need; n++, (*k)++)
			if (*k >= len || !cls((unsigned char)s[*k]))
				FAIL(p);
	} else if ((unsigned char)s[*k] < 0x80) {
		(*k)++;
	} else {
		unsigned char c = (unsigned char)s[*k];
		size_t w = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
		if (!w || *k + w > len)
			FAIL(p);
		for (n = 1; n < w; n++)
			if (((unsigned char)s[*k + n] & 0xC0) != 0x80)
				FAIL(p);
		*k += w;
	}
	if (*k >= len || s[*k] != '\'')
		FAIL(p);
	(*k)++;
}

static uint8_t keyword(const char *s, size_t n)
{
	size_t lo = 0, hi = ARRAY_SIZE(keywords);
	if (n < 2 || n > 11 || s[0] < 'b' || s[0] > 'v')
		return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(keywords[mid], s, n);
		if (!c && keywords[mid][n])
			c = 1;
		if (!c)
			return (uint8_t)(K_BREAK + mid);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Go's operators and punctuation; the longest that matches is the token. */
static const struct {
	const char *text;
	uint8_t type;
} ops[] = {
	{ "...", P_ELLIPSIS }, { "<<=", P_OPASSIGN }, { ">>=", P_OPASSIGN }, { "&^=", P_OPASSIGN },
	{ ":=", P_DEFINE }, { "==", P_EQ }, { "!=", P_NE }, { "++", P_INC }, { "--", P_DEC },
	{ "+=", P_OPASSIGN }, { "-=", P_OPASSIGN }, { "*=", P_OPASSIGN }, { "/=", P_OPASSIGN },
	{ "%=", P_OPASSIGN }, { "^=", P_OPASSIGN }, { "&=", P_OPASSIGN }, { "|=", P_OPASSIGN },
	{ "<-", P_ARROW }, { "<<", P_SHL }, { ">>", P_SHR }, { "<=", P_LE }, { ">=", P_GE },
	{ "&&", P_LAND }, { "||", P_LOR }, { "&^", P_ANDNOT },
	{ "(", P_LPAREN }, { ")", P_RPAREN }, { "[", P_LBRACK }, { "]", P_RBRACK },
	{ "{", P_LBRACE }, { "}", P_RBRACE }, { ",", P_COMMA }, { ";", P_SEMI }, { ".", P_DOT },
	{ ":", P_COLON }, { "=", P_ASSIGN }, { "~", P_TILDE }, { "!", P_NOT }, { "*", P_STAR },
	{ "/", P_SLASH }, { "%", P_PERCENT }, { "<", P_LT }, { ">", P_GT }, { "&", P_AMP },
	{ "+", P_PLUS }, { "-", P_MINUS }, { "|", P_OR }, { "^", P_XOR },
};

static uint8_t lex_op(const char *s, size_t len, size_t k, size_t *n)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(ops); i++) { /* longest first: three, two, one */
		size_t w;
		if (ops[i].text[0] != s[k])
			continue;
		w = ops[i].text[1] ? ops[i].text[2] ? 3 : 2 : 1;
		if (k + w <= len && !memcmp(s + k, ops[i].text, w)) {
			*n = w;
			return ops[i].type;
		}
	}
	return 0;
}

static void tokenize(struct gp *p)
{
	const char *s = p->src;
	size_t len = p->len, k = 0;
	uint32_t line = 0, line_start = 0, nl = NO_NL, nl_line = 0;
	size_t hole = 0;

#define POS(b) ((struct pos){ (uint32_t)(b), line, (uint32_t)(b) - line_start })
	while (k < len) {
		unsigned char c = (unsigned char)s[k];
		size_t start = k;
		struct pos sp;
		uint8_t type;

		if (hole < p->nr_holes && k >= p->holes[hole].start) {
			/* a hole: not seen, but its lines count */
			if (k != p->holes[hole].start || p->holes[hole].end > len)
				FAIL(p);
			for (; k < p->holes[hole].end; k++)
				if (s[k] == '\n') {
					line++;
					line_start = (uint32_t)k + 1;
				}
			hole++;
			continue;
		}

		if (c == '\n') {
			if (nl == NO_NL) {
				nl = (uint32_t)k;
				nl_line = line;
			}
			k++;
			line++;
			line_start = (uint32_t)k;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
			k++;
			continue;
		}
		sp = POS(k);
		if (c == '/' && k + 1 < len && s[k + 1] == '/') {
			while (k < len && s[k] != '\n')
				k++;
			add_comment(p, sp, POS(k));
			continue;
		}
		if (c == '/' && k + 1 < len && s[k + 1] == '*') {
			k += 2;
			for (;;) {
				if (k + 1 >= len)
					FAIL(p);
				if (s[k] == '*' && s[k + 1] == '/')
					break;
				if (s[k] == '\n') {
					line++;
					line_start = (uint32_t)k + 1;
				}
				k++;
			}
			k += 2;
			add_comment(p, sp, POS(k));
			continue;
		}
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
			while (k < len && is_ident_char((unsigned char)s[k]))
				k++;
			if (k < len && (unsigned char)s[k] >= 0x80)
				FAIL(p); /* identifiers of more than ASCII: tree-sitter's */
			type = keyword(s + start, k - start);
			if (!type)
				type = T_IDENT;
		} else if (is_digit(c) || (c == '.' && k + 1 < len && is_digit((unsigned char)s[k + 1]))) {
			type = lex_number(p, &k);
		} else if (c == '"') {
			k++;
			while (k < len && s[k] != '"') {
				if (s[k] == '\n')
					FAIL(p);
				k += s[k] == '\\' ? 2 : 1;
			}
			if (k >= len)
				FAIL(p);
			k++;
			type = T_STRING;
		} else if (c == '`') {
			k++;
			while (k < len && s[k] != '`') {
				if (s[k] == '\n') {
					line++;
					line_start = (uint32_t)k + 1;
				}
				k++;
			}
			if (k >= len)
				FAIL(p);
			k++;
			type = T_RAW;
		} else if (c == '\'') {
			lex_rune(p, &k);
			type = T_RUNE;
		} else {
			size_t n;
			type = lex_op(s, len, k, &n);
			if (!type)
				FAIL(p); /* \r, NUL, a byte order mark, `$`... */
			k += n;
		}
		add_tok(p, type, sp, POS(k), nl, nl_line);
		nl = NO_NL;
	}
	add_tok(p, T_EOF, POS(k), POS(k), nl, nl_line);
#undef POS
}

/* ------------------------------------------------------------------ nodes */

static uint32_t new_node(struct gp *p, enum ast_kind kind, enum ast_field field, struct pos s)
{
	struct pn *n;
	ALLOC_GROW(p->n, p->nn + 1, p->alloc_n);
	n = &p->n[p->nn];
	n->kind = (uint16_t)kind;
	n->field = (uint8_t)field;
	n->has_tok = 0;
	n->first = n->last = n->next = NO_NODE;
	n->s = n->e = s;
	return p->nn++;
}

static void add(struct gp *p, uint32_t parent, uint32_t child)
{
	struct pn *a = &p->n[parent];
	if (a->last == NO_NODE)
		a->first = child;
	else
		p->n[a->last].next = child;
	a->last = child;
	p->n[child].next = NO_NODE;
}

/* A node starting at the current token, child of parent (unless NO_NODE). */
static uint32_t open(struct gp *p, uint32_t parent, enum ast_kind kind, enum ast_field field)
{
	uint32_t n = new_node(p, kind, field, p->t[p->i].s);
	if (parent != NO_NODE)
		add(p, parent, n);
	return n;
}

static uint32_t close(struct gp *p, uint32_t n)
{
	p->n[n].e = p->last_end;
	return n;
}

/* A node around child (already built), in child's place in nothing: the caller links it. */
static uint32_t wrap(struct gp *p, enum ast_kind kind, enum ast_field field, uint32_t child,
		     enum ast_field child_field)
{
	uint32_t n = new_node(p, kind, field, p->n[child].s);
	p->n[child].field = (uint8_t)child_field;
	add(p, n, child);
	return n;
}

static const struct tok *cur(const struct gp *p)
{
	return &p->t[p->i];
}

static int is(const struct gp *p, uint8_t type)
{
	return p->t[p->i].type == type;
}

static int peek_is(const struct gp *p, size_t ahead, uint8_t type)
{
	return p->i + ahead < p->nt && p->t[p->i + ahead].type == type;
}

/* A newline between the previous token and this one (not yet a terminator). */
static int nl_before(const struct gp *p)
{
	return p->t[p->i].nl != NO_NL && p->nl_taken != p->i + 1;
}

static void eat(struct gp *p)
{
	if (p->t[p->i].type == T_EOF)
		FAIL(p);
	p->last_end = p->t[p->i].e;
	p->i++;
}

/* Consume a token of the grammar's that is a visible child of node n. */
static void tok(struct gp *p, uint32_t n, uint8_t type)
{
	if (!is(p, type))
		FAIL(p);
	if (n != NO_NODE)
		p->n[n].has_tok = 1;
	eat(p);
}

/* The current token as a leaf node. */
static uint32_t leaf(struct gp *p, uint32_t parent, enum ast_kind kind, enum ast_field field)
{
	uint32_t n = open(p, parent, kind, field);
	eat(p);
	return close(p, n);
}

/* A terminator after a list item: `;` (a visible child of n) or a newline; 0 if none. */
static int terminator(struct gp *p, uint32_t n)
{
	if (is(p, P_SEMI) && !nl_before(p)) { /* whichever comes first */
		tok(p, n, P_SEMI);
		return 1;
	}
	if (nl_before(p)) {
		/* the grammar's newline token takes the newlines right after it too */
		const struct tok *t = cur(p);
		uint32_t k = t->nl + 1, line = t->nl_line + 1;
		while (k < p->len && p->src[k] == '\n') {
			k++;
			line++;
		}
		p->last_end = (struct pos){ k, line, 0 };
		p->nl_taken = p->i + 1;
		return 1;
	}
	return 0;
}

static void enter(struct gp *p)
{
	if (++p->nest > MAX_NEST)
		FAIL(p);
}

static void leave(struct gp *p)
{
	p->nest--;
}

/* ------------------------------------------------------------------ types */

static uint32_t parse_type(struct gp *p, uint32_t parent, enum ast_field field);
static uint32_t parse_expr(struct gp *p, uint32_t parent, enum ast_field field);
static uint32_t parse_block(struct gp *p, uint32_t parent, enum ast_field field);
static uint32_t parse_parameters(struct gp *p, uint32_t parent, enum ast_field field);
static void parse_literal_value(struct gp *p, uint32_t n);

static int starts_simple_type(uint8_t t)
{
	return t == T_IDENT || t == P_STAR || t == P_LBRACK || t == K_MAP || t == K_CHAN ||
	       t == K_FUNC || t == K_STRUCT || t == K_INTERFACE || t == P_ARROW;
}

/* The result of a signature: a parameter list, a type on the same line, or none. */
static void parse_result(struct gp *p, uint32_t n)
{
	if (nl_before(p))
		return;
	if (is(p, P_LPAREN))
		parse_parameters(p, n, FIELD_result);
	else if (starts_simple_type(cur(p)->type))
		parse_type(p, n, FIELD_result);
}

/* The types of a type_elem (or type_constraint) node e, `A | B | ...`. */
static void parse_union(struct gp *p, uint32_t e)
{
	parse_type(p, e, FIELD_NONE);
	while (is(p, P_OR)) {
		tok(p, e, P_OR);
		parse_type(p, e, FIELD_NONE);
	}
}

/* type_arguments: `[` type_elem, ... `]` */
static void parse_type_args(struct gp *p, uint32_t parent)
{
	uint32_t n = open(p, parent, AST_OTHER, FIELD_NONE);
	tok(p, n, P_LBRACK);
	for (;;) {
		uint32_t e = open(p, n, AST_OTHER, FIELD_NONE); /* type_elem */
		parse_union(p, e);
		close(p, e);
		if (!is(p, P_COMMA))
			break;
		tok(p, n, P_COMMA);
		if (is(p, P_RBRACK))
			break;
	}
	tok(p, n, P_RBRACK);
	close(p, n);
}

/* A type name: type_identifier or qualified_type, and its type arguments (generic_type). */
static uint32_t parse_type_name(struct gp *p, uint32_t parent, enum ast_field field)
{
	uint32_t n;
	if (!is(p, T_IDENT))
		FAIL(p);
	if (peek_is(p, 1, P_DOT)) {
		n = open(p, NO_NODE, AST_qualified_type, field);
		leaf(p, n, AST_package_identifier, FIELD_package);
		tok(p, n, P_DOT);
		if (!is(p, T_IDENT))
			FAIL(p);
		leaf(p, n, AST_type_identifier, FIELD_name);
		close(p, n);
	} else {
		n = leaf(p, NO_NODE, AST_type_identifier, field);
	}
	if (is(p, P_LBRACK) && !nl_before(p)) {
		n = wrap(p, AST_generic_type, field, n, FIELD_type);
		parse_type_args(p, n);
		close(p, n);
	}
	if (parent != NO_NODE)
		add(p, parent, n);
	return n;
}

/* The token after the one that closes the bracket at the current token's next. */
static const struct tok *after_closing(const struct gp *p, size_t k)
{
	int depth = 0;
	for (; k < p->nt; k++) {
		uint8_t t = p->t[k].type;
		if (t == P_LBRACK || t == P_LPAREN || t == P_LBRACE)
			depth++;
		else if ((t == P_RBRACK || t == P_RPAREN || t == P_RBRACE) && --depth == 0)
			break;
	}
	return k + 1 < p->nt ? &p->t[k + 1] : &p->t[p->nt - 1];
}

/* Is there a `[` between the bracket at token k and the one that closes it? */
static int bracket_inside(const struct gp *p, size_t k)
{
	const struct tok *end = after_closing(p, k) - 1;
	const struct tok *t;
	for (t = &p->t[k + 1]; t < end; t++)
		if (t->type == P_LBRACK)
			return 1;
	return 0;
}

/* At `F [` in a struct: `G[T]` alone on its line (embedded), not `f [N]T`? */
static int embedded_generic(const struct gp *p)
{
	const struct tok *t;
	if (peek_is(p, 2, P_RBRACK))
		return 0;
	t = after_closing(p, p->i + 1);
	return t->nl != NO_NL || t->type == P_SEMI || t->type == P_RBRACE || t->type == T_STRING ||
	       t->type == T_RAW;
}

static void parse_field_decl(struct gp *p, uint32_t list)
{
	uint32_t n = open(p, list, AST_field_declaration, FIELD_NONE);
	if (is(p, P_STAR)) {
		tok(p, n, P_STAR);
		parse_type_name(p, n, FIELD_type);
	} else if (is(p, T_IDENT) && (peek_is(p, 1, P_DOT) || peek_is(p, 1, T_STRING) ||
				      peek_is(p, 1, T_RAW) || peek_is(p, 1, P_SEMI) ||
				      peek_is(p, 1, P_RBRACE) || p->t[p->i + 1].nl != NO_NL)) {
		parse_type_name(p, n, FIELD_type); /* embedded */
	} else {
		if (peek_is(p, 1, P_LBRACK) && embedded_generic(p))
			FAIL(p); /* an embedded generic type: the grammar decides */
		for (;;) {
			if (!is(p, T_IDENT))
				FAIL(p);
			leaf(p, n, AST_field_identifier, FIELD_name);
			if (!is(p, P_COMMA))
				break;
			tok(p, n, P_COMMA);
		}
		parse_type(p, n, FIELD_type);
	}
	if ((is(p, T_STRING) || is(p, T_RAW)) && !nl_before(p))
		parse_expr(p, n, FIELD_NONE); /* the tag (a field of the grammar's we do not keep) */
	close(p, n);
}

/* `{` items separated by terminators `}`; item parses one into list. */
static void parse_braced_list(struct gp *p, uint32_t owner, uint32_t list,
			      void (*item)(struct gp *, uint32_t))
{
	tok(p, owner, P_LBRACE);
	while (!is(p, P_RBRACE)) {
		item(p, list);
		if (is(p, P_RBRACE))
			break;
		if (!terminator(p, owner))
			FAIL(p);
	}
	tok(p, owner, P_RBRACE);
}

static void parse_interface_elem(struct gp *p, uint32_t n)
{
	if (is(p, T_IDENT) && peek_is(p, 1, P_LPAREN)) {
		uint32_t m = open(p, n, AST_method_elem, FIELD_NONE);
		leaf(p, m, AST_field_identifier, FIELD_name);
		parse_parameters(p, m, FIELD_parameters);
		parse_result(p, m);
		close(p, m);
	} else {
		uint32_t e = open(p, n, AST_OTHER, FIELD_NONE); /* type_elem */
		parse_union(p, e);
		close(p, e);
	}
}

static uint32_t parse_type(struct gp *p, uint32_t parent, enum ast_field field)
{
	uint32_t n;

	enter(p);
	switch (cur(p)->type) {
	case T_IDENT:
		n = parse_type_name(p, parent, field);
		break;
	case P_STAR:
		n = open(p, parent, AST_pointer_type, field);
		tok(p, n, P_STAR);
		parse_type(p, n, FIELD_NONE);
		break;
	case P_LPAREN:
		n = open(p, parent, AST_parenthesized_type, field);
		tok(p, n, P_LPAREN);
		parse_type(p, n, FIELD_NONE);
		tok(p, n, P_RPAREN);
		break;
	case P_LBRACK:
		if (peek_is(p, 1, P_RBRACK)) {
			n = open(p, parent, AST_slice_type, field);
			tok(p, n, P_LBRACK);
			tok(p, n, P_RBRACK);
		} else if (peek_is(p, 1, P_ELLIPSIS)) {
			n = open(p, parent, AST_OTHER, field); /* implicit_length_array_type */
			tok(p, n, P_LBRACK);
			tok(p, n, P_ELLIPSIS);
			tok(p, n, P_RBRACK);
		} else {
			int saved = p->nocomp;
			n = open(p, parent, AST_array_type, field);
			tok(p, n, P_LBRACK);
			p->nocomp = 0;
			parse_expr(p, n, FIELD_NONE); /* length */
			p->nocomp = saved;
			tok(p, n, P_RBRACK);
		}
		parse_type(p, n, FIELD_element);
		break;
	case K_MAP:
		n = open(p, parent, AST_map_type, field);
		tok(p, n, K_MAP);
		tok(p, n, P_LBRACK);
		parse_type(p, n, FIELD_key);
		tok(p, n, P_RBRACK);
		parse_type(p, n, FIELD_value);
		break;
	case K_CHAN:
		n = open(p, parent, AST_channel_type, field);
		tok(p, n, K_CHAN);
		if (is(p, P_ARROW))
			tok(p, n, P_ARROW);
		if (is(p, K_CHAN) || is(p, P_ARROW))
			FAIL(p); /* chan chan / chan <-chan: which way it binds is the grammar's */
		parse_type(p, n, FIELD_value);
		break;
	case P_ARROW:
		n = open(p, parent, AST_channel_type, field);
		tok(p, n, P_ARROW);
		tok(p, n, K_CHAN);
		if (is(p, K_CHAN) || is(p, P_ARROW))
			FAIL(p);
		parse_type(p, n, FIELD_value);
		break;
	case K_FUNC:
		n = open(p, parent, AST_function_type, field);
		tok(p, n, K_FUNC);
		parse_parameters(p, n, FIELD_parameters);
		parse_result(p, n);
		break;
	case K_STRUCT: {
		uint32_t list;
		n = open(p, parent, AST_struct_type, field);
		tok(p, n, K_STRUCT);
		list = open(p, n, AST_field_declaration_list, FIELD_NONE);
		parse_braced_list(p, list, list, parse_field_decl);
		close(p, list);
		break;
	}
	case K_INTERFACE:
		n = open(p, parent, AST_interface_type, field);
		tok(p, n, K_INTERFACE);
		parse_braced_list(p, n, n, parse_interface_elem);
		break;
	case P_TILDE:
		n = open(p, parent, AST_OTHER, field); /* negated_type */
		tok(p, n, P_TILDE);
		parse_type(p, n, FIELD_NONE);
		break;
	default:
		FAIL(p);
	}
	leave(p);
	return close(p, n);
}

/* ------------------------------------------------------------------ parameters */

struct entry {
	uint32_t name;     /* identifier node, or NO_NODE */
	uint32_t type;     /* type node, or NO_NODE (a lone identifier: name is set) */
	int variadic;
	struct pos s, e;   /* of the entry */
};

/*
 * At `G [`: is it a generic type alone (`G[T]`, followed by `,` or `)`),
 * not a name and an array or slice type (`a []T`, `a [4]T`)?
 */
static int generic_entry(const struct gp *p)
{
	const struct tok *t;
	if (peek_is(p, 2, P_RBRACK))
		return 0;
	t = after_closing(p, p->i + 1);
	return t->type == P_COMMA || t->type == P_RPAREN;
}

static uint32_t parse_parameters(struct gp *p, uint32_t parent, enum ast_field field)
{
	uint32_t list = open(p, parent, AST_parameter_list, field);
	struct entry v[MAX_PARAMS]; /* on the stack: nothing to free when FAIL jumps out */
	size_t nr = 0, i, start;
	int named = 0;

	tok(p, list, P_LPAREN);
	while (!is(p, P_RPAREN)) {
		struct entry *e;
		if (nr == MAX_PARAMS)
			FAIL(p);
		e = &v[nr++];
		memset(e, 0, sizeof(*e));
		e->name = e->type = NO_NODE;
		e->s = cur(p)->s;
		if (is(p, P_ELLIPSIS)) {
			e->variadic = 1;
			eat(p);
			e->type = parse_type(p, NO_NODE, FIELD_type);
		} else if (is(p, T_IDENT) && (peek_is(p, 1, P_COMMA) || peek_is(p, 1, P_RPAREN))) {
			e->name = leaf(p, NO_NODE, AST_identifier, FIELD_name);
		} else if (is(p, T_IDENT) && !peek_is(p, 1, P_DOT) && !peek_is(p, 1, P_LBRACK)) {
			e->name = leaf(p, NO_NODE, AST_identifier, FIELD_name);
			named = 1;
			if (is(p, P_ELLIPSIS)) {
				e->variadic = 1;
				eat(p);
			}
			e->type = parse_type(p, NO_NODE, FIELD_type);
		} else if (is(p, T_IDENT) && peek_is(p, 1, P_LBRACK) && !generic_entry(p)) {
			e->name = leaf(p, NO_NODE, AST_identifier, FIELD_name); /* a []T, a [4]T */
			named = 1;
			e->type = parse_type(p, NO_NODE, FIELD_type);
		} else {
			e->type = parse_type(p, NO_NODE, FIELD_type);
		}
		e->e = p->last_end;
		if (!is(p, P_COMMA))
			break;
		eat(p); /* the comma: whose child it is depends on the grouping, below */
	}
	tok(p, list, P_RPAREN);
	/* group the entries, as the grammar's parses that survive do */
	for (i = start = 0; i < nr; i++) {
		struct entry *e = &v[i];
		uint32_t d;
		if (named) {
			size_t k;
			if (e->type == NO_NODE)
				continue; /* a name, of the next declaration with a type */
			if (e->name == NO_NODE && !e->variadic)
				FAIL(p);
			if (e->variadic && start != i)
				FAIL(p);
			if (i - start >= 8)
				FAIL(p); /* so many names that the grammar's parser drops its guesses */
			d = new_node(p, e->variadic ? AST_variadic_parameter_declaration :
						      AST_parameter_declaration, FIELD_NONE, v[start].s);
			for (k = start; k <= i; k++) {
				if (v[k].name != NO_NODE)
					add(p, d, v[k].name);
			}
			if (i > start)
				p->n[d].has_tok = 1; /* the commas between its names */
			if (e->variadic)
				p->n[d].has_tok = 1; /* `...` */
			add(p, d, e->type);
			p->n[d].e = e->e;
			start = i + 1;
		} else {
			d = new_node(p, e->variadic ? AST_variadic_parameter_declaration :
						      AST_parameter_declaration, FIELD_NONE, e->s);
			if (e->type == NO_NODE) {
				e->type = e->name;
				p->n[e->type].kind = AST_type_identifier;
				p->n[e->type].field = FIELD_type;
			}
			if (e->variadic)
				p->n[d].has_tok = 1;
			add(p, d, e->type);
			p->n[d].e = e->e;
			start = i + 1;
		}
		add(p, list, d);
	}
	if (start != nr)
		FAIL(p); /* names without a type */
	return close(p, list);
}

/* type_parameter_list: `[` names constraint, ... `]` */
static void parse_type_params(struct gp *p, uint32_t parent)
{
	uint32_t n = open(p, parent, AST_OTHER, FIELD_NONE);
	tok(p, n, P_LBRACK);
	for (;;) {
		uint32_t d = open(p, n, AST_OTHER, FIELD_NONE), c;
		for (;;) {
			if (!is(p, T_IDENT))
				FAIL(p);
			leaf(p, d, AST_identifier, FIELD_name);
			if (!is(p, P_COMMA))
				break;
			tok(p, d, P_COMMA);
		}
		c = open(p, d, AST_OTHER, FIELD_type); /* type_constraint */
		parse_union(p, c);
		close(p, c);
		close(p, d);
		if (!is(p, P_COMMA))
			break;
		tok(p, n, P_COMMA);
		if (is(p, P_RBRACK))
			break;
	}
	tok(p, n, P_RBRACK);
	close(p, n);
}

/* ------------------------------------------------------------------ expressions */

static int binary_prec(uint8_t t)
{
	if (t >= P_STAR && t <= P_ANDNOT)
		return 5;
	if (t >= P_PLUS && t <= P_XOR)
		return 4;
	if (t >= P_EQ && t <= P_GE)
		return 3;
	if (t == P_LAND)
		return 2;
	if (t == P_LOR)
		return 1;
	return 0;
}

/* interpreted_string_literal: its content runs and escape sequences, as the grammar's tokens. */
static uint32_t parse_string(struct gp *p, uint32_t parent, enum ast_field field)
{
	const struct tok *t = cur(p);
	const char *s = p->src;
	uint32_t n = open(p, parent, AST_interpreted_string_literal, field);
	uint32_t k = t->s.byte + 1, end = t->e.byte - 1;

	p->n[n].has_tok = 1; /* the quotes */
	while (k < end) {
		uint32_t from = k, c;
		enum ast_kind kind = AST_OTHER;
		if (s[k] == '\\') { /* escape_sequence: the longest of the grammar's forms */
			unsigned char d = (unsigned char)s[k + 1];
			k += 2;
			if (d == 'x') { /* two digits: what the generated lexer takes */
				if (k + 2 > end || !is_hex((unsigned char)s[k]) ||
				    !is_hex((unsigned char)s[k + 1]))
					FAIL(p);
				k += 2;
			} else if (d == 'u' || d == 'U') {
				uint32_t want = d == 'u' ? 4 : 8, h;
				for (h = 0; h < want; h++, k++)
					if (k >= end || !is_hex((unsigned char)s[k]))
						FAIL(p);
			} else if (is_digit(d)) {
				if (k < end && is_digit((unsigned char)s[k])) {
					k++;
					if (k < end && is_digit((unsigned char)s[k]))
						k++;
				}
			} else if (d >= 0x80 || d == '\n') {
				FAIL(p);
			}
			if (k > end)
				FAIL(p);
		} else {
			while (k < end && s[k] != '\\')
				k++;
		}
		c = new_node(p, kind, FIELD_NONE,
			     (struct pos){ from, t->s.line, t->s.col + (from - t->s.byte) });
		p->n[c].e = (struct pos){ k, t->s.line, t->s.col + (k - t->s.byte) };
		add(p, n, c);
	}
	eat(p);
	return close(p, n);
}

/* raw_string_literal: its content, lines and all. */
static uint32_t parse_raw(struct gp *p, uint32_t parent, enum ast_field field)
{
	const struct tok *t = cur(p);
	uint32_t n = open(p, parent, AST_raw_string_literal, field);

	p->n[n].has_tok = 1;
	{ /* its content, even empty */
		uint32_t c = new_node(p, AST_OTHER, FIELD_NONE,
				      (struct pos){ t->s.byte + 1, t->s.line, t->s.col + 1 });
		p->n[c].e = (struct pos){ t->e.byte - 1, t->e.line, t->e.col - 1 };
		add(p, n, c);
	}
	eat(p);
	return close(p, n);
}

static uint32_t parse_unary(struct gp *p, uint32_t parent, enum ast_field field);

static uint32_t parse_binary(struct gp *p, uint32_t parent, enum ast_field field, int min)
{
	uint32_t left = parse_unary(p, NO_NODE, field);
	for (;;) {
		int prec = binary_prec(cur(p)->type);
		uint32_t n;
		if (!prec || prec < min || nl_before(p))
			break;
		n = wrap(p, AST_binary_expression, field, left, FIELD_left);
		leaf(p, n, AST_TOKEN, FIELD_operator);
		enter(p);
		{
			uint32_t right = parse_binary(p, NO_NODE, FIELD_right, prec + 1);
			add(p, n, right);
		}
		leave(p);
		left = close(p, n);
	}
	if (parent != NO_NODE)
		add(p, parent, left);
	return left;
}

static uint32_t parse_expr(struct gp *p, uint32_t parent, enum ast_field field)
{
	uint32_t n;
	enter(p);
	n = parse_binary(p, parent, field, 1);
	leave(p);
	return n;
}

/* argument_list: `(` expressions, `x...` `)`; special: the first is a type (make, new). */
static void parse_arguments(struct gp *p, uint32_t parent, int special)
{
	uint32_t n = open(p, parent, AST_argument_list, FIELD_arguments);
	int saved = p->nocomp;

	p->nocomp = 0;
	tok(p, n, P_LPAREN);
	if (special && !is(p, P_RPAREN)) {
		parse_type(p, n, FIELD_NONE);
		if (is(p, P_COMMA))
			tok(p, n, P_COMMA);
		else if (!is(p, P_RPAREN))
			FAIL(p); /* new(f(x)): not a type; the grammar's error */
	}
	while (!is(p, P_RPAREN)) {
		uint32_t e = parse_expr(p, NO_NODE, FIELD_NONE);
		if (is(p, P_ELLIPSIS)) {
			uint32_t v = wrap(p, AST_variadic_argument, FIELD_NONE, e, FIELD_NONE);
			tok(p, v, P_ELLIPSIS);
			e = close(p, v);
		}
		add(p, n, e);
		if (!is(p, P_COMMA))
			break;
		tok(p, n, P_COMMA);
	}
	tok(p, n, P_RPAREN);
	p->nocomp = saved;
	close(p, n);
}

static int is_type_node(const struct gp *p, uint32_t n)
{
	switch (p->n[n].kind) {
	case AST_slice_type: case AST_array_type: case AST_map_type: case AST_struct_type:
	case AST_interface_type: case AST_channel_type: case AST_function_type:
	case AST_pointer_type: case AST_qualified_type: case AST_generic_type:
	case AST_type_identifier: case AST_parenthesized_type:
		return 1;
	}
	return 0;
}

/* type_conversion_expression of type (built, unlinked): `(` operand `,`? `)`. */
static uint32_t parse_conversion(struct gp *p, uint32_t type)
{
	int saved = p->nocomp;
	uint32_t n = wrap(p, AST_type_conversion_expression, FIELD_NONE, type, FIELD_type);
	p->nocomp = 0;
	tok(p, n, P_LPAREN);
	parse_expr(p, n, FIELD_operand);
	if (is(p, P_COMMA))
		tok(p, n, P_COMMA);
	tok(p, n, P_RPAREN);
	p->nocomp = saved;
	return close(p, n);
}

/* A composite literal or a conversion of a type that is not an expression (`[]int{..}`, `[]byte(s)`). */
static uint32_t parse_typed_operand(struct gp *p)
{
	uint32_t type = parse_type(p, NO_NODE, FIELD_type), n;
	enum ast_kind k = p->n[type].kind;

	if (is(p, P_LBRACE) && !nl_before(p) &&
	    (k == AST_map_type || k == AST_slice_type || k == AST_array_type ||
	     k == AST_struct_type || (k == AST_OTHER && p->n[type].has_tok))) {
		n = wrap(p, AST_composite_literal, FIELD_NONE, type, FIELD_type);
		parse_literal_value(p, n);
		return close(p, n);
	}
	if (is(p, P_LPAREN) && !nl_before(p) && k != AST_function_type && k != AST_OTHER)
		return parse_conversion(p, type);
	FAIL(p);
}

static void parse_element(struct gp *p, uint32_t list)
{
	uint32_t e = open(p, NO_NODE, AST_literal_element, FIELD_NONE);
	if (is(p, P_LBRACE)) {
		uint32_t v = open(p, e, AST_literal_value, FIELD_NONE);
		parse_literal_value(p, v);
	} else {
		parse_expr(p, e, FIELD_NONE);
	}
	close(p, e);
	if (is(p, P_COLON)) {
		uint32_t kv = wrap(p, AST_keyed_element, FIELD_NONE, e, FIELD_key);
		tok(p, kv, P_COLON);
		e = open(p, kv, AST_literal_element, FIELD_value);
		if (is(p, P_LBRACE)) {
			uint32_t v = open(p, e, AST_literal_value, FIELD_NONE);
			parse_literal_value(p, v);
		} else {
			parse_expr(p, e, FIELD_NONE);
		}
		close(p, e);
		e = close(p, kv);
	}
	add(p, list, e);
}

/* literal_value (node n, opened at the `{`): elements, a trailing comma. */
static void parse_literal_value(struct gp *p, uint32_t n)
{
	int saved = p->nocomp;
	if (p->n[n].kind != AST_literal_value) { /* the body of composite literal n */
		n = open(p, n, AST_literal_value, FIELD_body);
	}
	p->nocomp = 0;
	enter(p);
	tok(p, n, P_LBRACE);
	while (!is(p, P_RBRACE)) {
		parse_element(p, n);
		if (!is(p, P_COMMA))
			break;
		tok(p, n, P_COMMA);
	}
	tok(p, n, P_RBRACE);
	leave(p);
	p->nocomp = saved;
	close(p, n);
}

static uint32_t parse_operand(struct gp *p)
{
	const struct tok *t = cur(p);
	uint32_t n;

	switch (t->type) {
	case T_IDENT: {
		size_t len = t->e.byte - t->s.byte;
		const char *s = p->src + t->s.byte;
		if (len == 3 && !memcmp(s, "nil", 3))
			return leaf(p, NO_NODE, AST_nil, FIELD_NONE);
		if (len == 4 && !memcmp(s, "true", 4))
			return leaf(p, NO_NODE, AST_true, FIELD_NONE);
		if (len == 5 && !memcmp(s, "false", 5))
			return leaf(p, NO_NODE, AST_false, FIELD_NONE);
		if (len == 4 && !memcmp(s, "iota", 4))
			return leaf(p, NO_NODE, AST_OTHER, FIELD_NONE);
		if (((len == 3 && !memcmp(s, "new", 3)) || (len == 4 && !memcmp(s, "make", 4))) &&
		    peek_is(p, 1, P_LPAREN)) {
			uint32_t f = leaf(p, NO_NODE, AST_identifier, FIELD_function);
			n = wrap(p, AST_call_expression, FIELD_NONE, f, FIELD_function);
			parse_arguments(p, n, 1);
			return close(p, n);
		}
		if (peek_is(p, 1, P_DOT) && peek_is(p, 2, T_IDENT) && peek_is(p, 3, P_LBRACE) &&
		    !p->nocomp && p->t[p->i + 3].nl == NO_NL) {
			/* pkg.T{...}: a literal of a qualified type */
			uint32_t q = open(p, NO_NODE, AST_qualified_type, FIELD_type);
			leaf(p, q, AST_package_identifier, FIELD_package);
			tok(p, q, P_DOT);
			leaf(p, q, AST_type_identifier, FIELD_name);
			close(p, q);
			n = wrap(p, AST_composite_literal, FIELD_NONE, q, FIELD_type);
			parse_literal_value(p, n);
			return close(p, n);
		}
		return leaf(p, NO_NODE, AST_identifier, FIELD_NONE);
	}
	case T_INT:
		return leaf(p, NO_NODE, AST_int_literal, FIELD_NONE);
	case T_FLOAT:
	case T_IMAG:
	case T_RUNE:
		return leaf(p, NO_NODE, AST_OTHER, FIELD_NONE);
	case T_STRING:
		return parse_string(p, NO_NODE, FIELD_NONE);
	case T_RAW:
		return parse_raw(p, NO_NODE, FIELD_NONE);
	case P_LPAREN: {
		int saved = p->nocomp;
		uint32_t inner;
		size_t k = p->i + 1;
		while (k < p->nt && p->t[k].type == P_STAR)
			k++;
		if (k < p->nt && p->t[k].type == T_IDENT && after_closing(p, p->i)->type == P_LPAREN &&
		    bracket_inside(p, p->i))
			FAIL(p); /* (G[T])(x), (*G[T])(x): the grammar's precedences pick the conversion */
		if (k < p->nt && (p->t[k].type == P_LBRACK || p->t[k].type == K_MAP ||
				  p->t[k].type == K_CHAN || p->t[k].type == K_STRUCT ||
				  p->t[k].type == K_INTERFACE) &&
		    after_closing(p, p->i)->type == P_LPAREN) {
			/* (*map[K]V)(x), ([]byte)(s): a conversion to a parenthesized type */
			return parse_conversion(p, parse_type(p, NO_NODE, FIELD_type));
		}
		n = open(p, NO_NODE, AST_parenthesized_expression, FIELD_NONE);
		tok(p, n, P_LPAREN);
		p->nocomp = 0;
		inner = parse_expr(p, n, FIELD_NONE);
		if (is_type_node(p, inner) && p->n[inner].kind != AST_type_identifier)
			FAIL(p);
		p->nocomp = saved;
		tok(p, n, P_RPAREN);
		return close(p, n);
	}
	case K_FUNC: {
		int saved = p->nocomp;
		n = open(p, NO_NODE, AST_func_literal, FIELD_NONE);
		tok(p, n, K_FUNC);
		parse_parameters(p, n, FIELD_parameters);
		parse_result(p, n);
		if (!is(p, P_LBRACE))
			FAIL(p); /* a function type as a value */
		p->nocomp = 0;
		parse_block(p, n, FIELD_body);
		p->nocomp = saved;
		return close(p, n);
	}
	case P_LBRACK:
	case K_MAP:
	case K_CHAN:
	case K_STRUCT:
	case K_INTERFACE:
		return parse_typed_operand(p);
	}
	FAIL(p);
}

/* Is node n `a.b` (an identifier's selector), which the grammar may also read as a qualified type? */
static int qualified_like(const struct gp *p, uint32_t n)
{
	return n != NO_NODE && p->n[n].kind == AST_selector_expression &&
	       p->n[p->n[n].first].kind == AST_identifier;
}

/*
 * `a[b]` may also be read as a type with type arguments; the grammar's
 * GLR parser keeps both and takes the reading of the higher dynamic
 * precedence (index_expression +1; generic_type +1 and its type_arguments
 * +2; a type instantiation -1; a type name as a type, not as a generic
 * type's name, -1). type_prec: that of node n read as a type (top: as a
 * generic type's name), NOT_TYPE when it cannot be one.
 */
#define NOT_TYPE (-100000)

static int type_prec(const struct gp *p, uint32_t n, int top)
{
	uint32_t op, idx;
	int a, b;

	switch (p->n[n].kind) {
	case AST_identifier:
		return top ? 0 : -1;
	case AST_selector_expression:
		return qualified_like(p, n) ? 0 : NOT_TYPE;
	case AST_index_expression:
		op = p->n[n].first;
		idx = p->n[op].next;
		if (p->n[op].kind == AST_index_expression)
			return NOT_TYPE;
		a = type_prec(p, op, 1);
		b = type_prec(p, idx, 0);
		return a == NOT_TYPE || b == NOT_TYPE ? NOT_TYPE : 3 + a + b;
	case AST_unary_expression:
		if (p->src[p->n[p->n[n].first].s.byte] != '*')
			return NOT_TYPE;
		return type_prec(p, p->n[p->n[n].first].next, 0);
	}
	return NOT_TYPE;
}

static int index_count(const struct gp *p, uint32_t n)
{
	int c = p->n[n].kind == AST_index_expression;
	uint32_t k;
	for (k = p->n[n].first; k != NO_NODE; k = p->n[k].next)
		c += index_count(p, k);
	return c;
}

/* Would the grammar read index_expression n as a type instantiation? (then: not sure) */
static int type_reading_wins(const struct gp *p, uint32_t n)
{
	uint32_t op = p->n[n].first, idx = p->n[op].next;
	int a = type_prec(p, op, 0), b = type_prec(p, idx, 0);
	if (a == NOT_TYPE || b == NOT_TYPE)
		return 0;
	return -1 + a + b >= index_count(p, n);
}

/*
 * One type argument as simple as `T`, `pkg.T`, `*T`, `[]pkg.T` starting at
 * token *k (moved past it): its dynamic precedence read as a type (a type
 * name -1, a qualified one 0), whether it also reads as a value (no `[]`),
 * or 0 when it is not that simple.
 */
static int simple_type_arg(const struct gp *p, size_t *k, int *prec, int *value)
{
	*value = 1;
	while (p->t[*k].type == P_STAR || (p->t[*k].type == P_LBRACK && p->t[*k + 1].type == P_RBRACK)) {
		if (p->t[*k].type == P_LBRACK) {
			*value = 0;
			(*k)++;
		}
		(*k)++;
	}
	if (p->t[*k].type != T_IDENT)
		return 0;
	if (p->t[*k + 1].type == P_DOT && p->t[*k + 2].type == T_IDENT) {
		*prec = 0;
		*k += 3;
	} else {
		*prec = -1;
		(*k)++;
	}
	return 1;
}

/*
 * At `[` after x, followed by `(...)`: `f[T](a)` is read by the grammar
 * three ways at once, and it keeps the one of the highest dynamic
 * precedence, ties going first to the conversion, then to the index:
 *   a. a call of the index expression f[T]            +1
 *   b. a call of f with type arguments [T]             +2, plus each argument's
 *   c. a conversion of one value to the generic type f[T]: -1 +1 +2, plus each
 *      argument's; only when f is a name or pkg.Name and there is one value.
 * Handled here when every type argument is simple (simple_type_arg):
 * returns 1 when it built b or c into *x, 2 for a (the caller reads the
 * index, and the call after it); 0 otherwise (the caller reads an index,
 * and gives up at the `(`).
 */
static int generic_call(struct gp *p, uint32_t *x)
{
	size_t k = p->i + 1, args = 0, values = 0;
	int a_ok = 1, sum = 0, prec, value, variadic = 0, depth = 0;
	int c_ok = p->n[*x].kind == AST_identifier || qualified_like(p, *x);
	const struct tok *t;
	uint32_t n;

	if (after_closing(p, p->i)->type != P_LPAREN)
		return 0;
	for (;;) {
		if (!simple_type_arg(p, &k, &prec, &value))
			return 0;
		sum += prec;
		a_ok &= value;
		args++;
		if (p->t[k].type == P_RBRACK)
			break;
		if (p->t[k].type != P_COMMA)
			return 0;
		k++;
	}
	a_ok &= args == 1;
	/* the values in the parentheses: none, one, more; spread with `...` */
	for (t = &p->t[k + 2]; t->type != T_EOF; t++) {
		if (t->type == P_LPAREN || t->type == P_LBRACK || t->type == P_LBRACE)
			depth++;
		else if (t->type == P_RPAREN || t->type == P_RBRACK || t->type == P_RBRACE) {
			if (depth-- == 0)
				break;
		} else if (depth == 0 && t->type == P_COMMA && t[1].type != P_RPAREN)
			values++;
		else if (depth == 0 && t->type == P_ELLIPSIS)
			variadic = 1;
	}
	values = p->t[k + 2].type == P_RPAREN ? 0 : values + 1;
	c_ok &= values == 1 && !variadic;
	if (c_ok && (!a_ok || 2 + sum >= 1)) {
		/* c: the name becomes a type, f[T] a generic type */
		if (p->n[*x].kind == AST_identifier) {
			p->n[*x].kind = AST_type_identifier;
		} else {
			uint32_t pkg = p->n[*x].first;
			p->n[*x].kind = AST_qualified_type;
			p->n[pkg].kind = AST_package_identifier;
			p->n[pkg].field = FIELD_package;
			p->n[p->n[pkg].next].kind = AST_type_identifier;
			p->n[p->n[pkg].next].field = FIELD_name;
		}
		n = wrap(p, AST_generic_type, FIELD_NONE, *x, FIELD_type);
		parse_type_args(p, n);
		close(p, n);
		*x = parse_conversion(p, n);
		return 1;
	}
	if (a_ok && 1 >= 2 + sum)
		return 2; /* a: the index expression, read by the caller, then the call */
	/* b */
	n = wrap(p, AST_call_expression, FIELD_NONE, *x, FIELD_function);
	parse_type_args(p, n);
	parse_arguments(p, n, 0);
	*x = close(p, n);
	return 1;
}

/* Operand and what follows it: selectors, calls, indexes, slices, assertions, literals. */
static uint32_t parse_primary(struct gp *p)
{
	uint32_t x = parse_operand(p), n;

	for (;;) {
		if (nl_before(p))
			return x;
		switch (cur(p)->type) {
		case P_DOT:
			if (peek_is(p, 1, T_IDENT)) {
				n = wrap(p, AST_selector_expression, FIELD_NONE, x, FIELD_operand);
				tok(p, n, P_DOT);
				leaf(p, n, AST_field_identifier, FIELD_field);
				x = close(p, n);
				break;
			}
			if (peek_is(p, 1, P_LPAREN) && peek_is(p, 2, K_TYPE))
				return x; /* x.(type): the switch's */
			if (peek_is(p, 1, P_LPAREN)) {
				int saved = p->nocomp;
				n = wrap(p, AST_type_assertion_expression, FIELD_NONE, x, FIELD_operand);
				tok(p, n, P_DOT);
				tok(p, n, P_LPAREN);
				p->nocomp = 0;
				parse_type(p, n, FIELD_type);
				p->nocomp = saved;
				tok(p, n, P_RPAREN);
				x = close(p, n);
				break;
			}
			FAIL(p);
		case P_LPAREN:
			n = wrap(p, AST_call_expression, FIELD_NONE, x, FIELD_function);
			parse_arguments(p, n, 0);
			x = close(p, n);
			break;
		case P_LBRACK: {
			int saved = p->nocomp, generic = generic_call(p, &x);
			if (generic == 1)
				break;
			p->nocomp = 0;
			{
				uint32_t first = NO_NODE;
				eat(p);
				if (!is(p, P_COLON))
					first = parse_expr(p, NO_NODE, FIELD_NONE);
				if (is(p, P_RBRACK) && first != NO_NODE) {
					n = wrap(p, AST_index_expression, FIELD_NONE, x, FIELD_operand);
					p->n[n].has_tok = 1;
					p->n[first].field = FIELD_index;
					add(p, n, first);
					eat(p);
					if (type_reading_wins(p, n))
						FAIL(p); /* a[x.y][z.w]: the grammar reads type arguments */
					x = close(p, n);
					if (((is(p, P_LPAREN) && generic != 2) || (is(p, P_LBRACE) && !saved)) &&
					    !nl_before(p))
						FAIL(p); /* x[T](..), x[T]{..}: the grammar weighs its parses */
				} else if (is(p, P_COLON)) {
					n = wrap(p, AST_slice_expression, FIELD_NONE, x, FIELD_operand);
					p->n[n].has_tok = 1;
					if (first != NO_NODE)
						add(p, n, first);
					eat(p);
					if (!is(p, P_RBRACK) && !is(p, P_COLON))
						parse_expr(p, n, FIELD_NONE);
					if (is(p, P_COLON)) {
						eat(p);
						parse_expr(p, n, FIELD_NONE);
					}
					tok(p, n, P_RBRACK);
					x = close(p, n);
				} else {
					FAIL(p); /* x[A, B]: type arguments */
				}
			}
			p->nocomp = saved;
			break;
		}
		case P_LBRACE:
			if (p->nocomp || p->n[x].kind != AST_identifier || p->n[x].first != NO_NODE)
				return x;
			p->n[x].kind = AST_type_identifier;
			n = wrap(p, AST_composite_literal, FIELD_NONE, x, FIELD_type);
			parse_literal_value(p, n);
			x = close(p, n);
			break;
		default:
			return x;
		}
	}
}

/*
 * Is the bracket at token k `(*T)`, `(**pkg.T)`: stars and a name? Then
 * `*(*T)(x)` is a value to the grammar (a conversion would weigh -2 or
 * -1 against 0); a type that is no value inside makes it a conversion.
 */
static int pointer_name_in_parens(const struct gp *p, size_t k)
{
	k++;
	while (p->t[k].type == P_STAR)
		k++;
	if (p->t[k].type != T_IDENT)
		return 0;
	k++;
	if (p->t[k].type == P_DOT && p->t[k + 1].type == T_IDENT)
		k += 2;
	return p->t[k].type == P_RPAREN;
}

static uint32_t parse_unary(struct gp *p, uint32_t parent, enum ast_field field)
{
	uint32_t n;
	uint8_t t = cur(p)->type;

	if (t == P_PLUS || t == P_MINUS || t == P_NOT || t == P_XOR || t == P_STAR || t == P_AMP ||
	    t == P_ARROW) {
		if (t == P_ARROW && peek_is(p, 1, K_CHAN))
			FAIL(p); /* <-chan T(x) */
		if (t == P_STAR && peek_is(p, 1, P_LPAREN) && after_closing(p, p->i + 1)->type == P_LPAREN &&
		    !pointer_name_in_parens(p, p->i + 1))
			FAIL(p); /* *(*[]T)(x): the grammar reads a conversion to *(*[]T) */
		n = open(p, parent, AST_unary_expression, field);
		leaf(p, n, AST_TOKEN, FIELD_operator);
		enter(p);
		parse_unary(p, n, FIELD_operand);
		leave(p);
		return close(p, n);
	}
	n = parse_primary(p);
	if (is_type_node(p, n) && p->n[n].kind != AST_type_identifier)
		FAIL(p); /* a type where a value goes */
	p->n[n].field = (uint8_t)field;
	if (parent != NO_NODE)
		add(p, parent, n);
	return n;
}

/* ------------------------------------------------------------------ statements */

static uint32_t parse_stmt(struct gp *p, uint32_t parent);
static void parse_decl(struct gp *p, uint32_t parent);

static uint32_t parse_expr_list(struct gp *p, uint32_t parent, enum ast_field field)
{
	uint32_t l = open(p, parent, AST_expression_list, field);
	for (;;) {
		parse_expr(p, l, FIELD_NONE);
		if (!is(p, P_COMMA))
			break;
		tok(p, l, P_COMMA);
	}
	return close(p, l);
}

static uint32_t only_child(const struct gp *p, uint32_t l)
{
	uint32_t c = p->n[l].first;
	return c != NO_NODE && p->n[c].next == NO_NODE ? c : NO_NODE;
}

/*
 * The simple statement whose expression list l (unlinked) has been read.
 * *bare: it is one expression alone, returned as it is (the caller wraps
 * it in an expression_statement or takes it as a condition).
 */
static uint32_t finish_simple(struct gp *p, uint32_t l, int *bare)
{
	uint8_t t = cur(p)->type;
	uint32_t n, e;

	*bare = 0;
	if (t == P_DEFINE || t == P_ASSIGN || t == P_OPASSIGN) {
		n = wrap(p, t == P_DEFINE ? AST_short_var_declaration : AST_assignment_statement,
			 FIELD_NONE, l, FIELD_left);
		if (t == P_DEFINE)
			tok(p, n, P_DEFINE);
		else
			leaf(p, n, AST_TOKEN, FIELD_operator);
		if (is(p, K_RANGE))
			FAIL(p);
		parse_expr_list(p, n, FIELD_right);
		return close(p, n);
	}
	e = only_child(p, l);
	if (e == NO_NODE)
		FAIL(p);
	if (t == P_ARROW && !nl_before(p)) {
		n = wrap(p, AST_send_statement, FIELD_NONE, e, FIELD_channel);
		tok(p, n, P_ARROW);
		parse_expr(p, n, FIELD_value);
		return close(p, n);
	}
	if ((t == P_INC || t == P_DEC) && !nl_before(p)) {
		n = wrap(p, t == P_INC ? AST_inc_statement : AST_dec_statement, FIELD_NONE, e,
			 FIELD_NONE);
		tok(p, n, t);
		return close(p, n);
	}
	*bare = 1;
	p->n[e].field = FIELD_NONE;
	return e;
}

static uint32_t parse_simple(struct gp *p, int *bare)
{
	return finish_simple(p, parse_expr_list(p, NO_NODE, FIELD_left), bare);
}

/* s as a statement: an expression alone goes in an expression_statement. */
static uint32_t as_statement(struct gp *p, uint32_t s, int bare, enum ast_field field)
{
	if (bare) {
		s = wrap(p, AST_expression_statement, field, s, FIELD_NONE);
		p->n[s].e = p->n[p->n[s].first].e;
	} else {
		p->n[s].field = (uint8_t)field;
	}
	return s;
}

static int ends_list(const struct gp *p)
{
	return is(p, P_RBRACE) || is(p, K_CASE) || is(p, K_DEFAULT) || is(p, T_EOF);
}

static void parse_stmt_list(struct gp *p, uint32_t parent)
{
	uint32_t l;
	if (ends_list(p))
		return;
	l = open(p, parent, AST_statement_list, FIELD_NONE);
	for (;;) {
		uint32_t st = parse_stmt(p, l);
		if (st != NO_NODE && p->n[st].kind == AST_labeled_statement &&
		    p->n[p->n[st].first].next == NO_NODE)
			break; /* `L:` last, before the `}`: the list ends at its colon */
		if (!terminator(p, l) && !ends_list(p))
			FAIL(p);
		if (ends_list(p))
			break;
	}
	close(p, l);
}

static uint32_t parse_block(struct gp *p, uint32_t parent, enum ast_field field)
{
	uint32_t n = open(p, parent, AST_block, field);
	enter(p);
	tok(p, n, P_LBRACE);
	parse_stmt_list(p, n);
	tok(p, n, P_RBRACE);
	leave(p);
	return close(p, n);
}

/*
 * The header of an if or switch n: `init; x` or `x`, x in field f (after
 * the `;`, none when optional and the body follows).
 */
static void parse_header(struct gp *p, uint32_t n, enum ast_field f, int optional)
{
	int bare;
	uint32_t s = parse_simple(p, &bare);

	if (is(p, P_SEMI)) {
		add(p, n, as_statement(p, s, bare, FIELD_initializer));
		tok(p, n, P_SEMI);
		if (!optional || !is(p, P_LBRACE))
			parse_expr(p, n, f);
	} else {
		if (!bare)
			FAIL(p);
		p->n[s].field = (uint8_t)f;
		add(p, n, s);
	}
}

static void parse_if(struct gp *p, uint32_t parent, enum ast_field field)
{
	uint32_t n = open(p, parent, AST_if_statement, field);
	int saved = p->nocomp;

	tok(p, n, K_IF);
	p->nocomp = 1;
	parse_header(p, n, FIELD_condition, 0);
	p->nocomp = saved;
	if (nl_before(p))
		FAIL(p);
	parse_block(p, n, FIELD_consequence);
	if (is(p, K_ELSE)) {
		tok(p, n, K_ELSE);
		if (is(p, K_IF))
			parse_if(p, n, FIELD_alternative);
		else
			parse_block(p, n, FIELD_alternative);
	}
	close(p, n);
}

static void parse_for(struct gp *p, uint32_t parent)
{
	uint32_t n = open(p, parent, AST_for_statement, FIELD_NONE);
	int saved = p->nocomp, bare;

	tok(p, n, K_FOR);
	p->nocomp = 1;
	if (is(p, K_RANGE)) {
		uint32_t rc = open(p, n, AST_range_clause, FIELD_NONE);
		tok(p, rc, K_RANGE);
		parse_expr(p, rc, FIELD_right);
		close(p, rc);
	} else if (!is(p, P_LBRACE)) {
		uint32_t s = NO_NODE, fc;
		if (!is(p, P_SEMI)) {
			uint32_t l = parse_expr_list(p, NO_NODE, FIELD_left);
			if ((is(p, P_DEFINE) || is(p, P_ASSIGN)) && peek_is(p, 1, K_RANGE)) {
				uint32_t rc = wrap(p, AST_range_clause, FIELD_NONE, l, FIELD_left);
				tok(p, rc, cur(p)->type);
				tok(p, rc, K_RANGE);
				parse_expr(p, rc, FIELD_right);
				add(p, n, close(p, rc));
				goto body;
			}
			s = finish_simple(p, l, &bare);
			if (!is(p, P_SEMI)) {
				if (!bare)
					FAIL(p);
				add(p, n, s); /* for cond { */
				goto body;
			}
			s = as_statement(p, s, bare, FIELD_initializer);
		}
		fc = s != NO_NODE ? wrap(p, AST_for_clause, FIELD_NONE, s, FIELD_initializer) :
				    open(p, n, AST_for_clause, FIELD_NONE);
		if (s != NO_NODE)
			add(p, n, fc);
		tok(p, fc, P_SEMI);
		if (!is(p, P_SEMI))
			parse_expr(p, fc, FIELD_condition);
		tok(p, fc, P_SEMI);
		if (!is(p, P_LBRACE)) {
			uint32_t u = parse_simple(p, &bare);
			add(p, fc, as_statement(p, u, bare, FIELD_update));
		}
		close(p, fc);
	}
body:
	p->nocomp = saved;
	if (nl_before(p))
		FAIL(p);
	parse_block(p, n, FIELD_body);
	close(p, n);
}

/* Is the switch at the current token (after `switch`) a type switch (`.(type)` before its body)? */
static int is_type_switch(const struct gp *p, size_t *semi)
{
	size_t k;
	int depth = 0;
	*semi = 0;
	for (k = p->i; k < p->nt; k++) {
		uint8_t t = p->t[k].type;
		if (t == P_LPAREN || t == P_LBRACK ||
		    (t == P_LBRACE && k > 0 &&
		     (p->t[k - 1].type == K_INTERFACE || p->t[k - 1].type == K_STRUCT)))
			depth++;
		else if (t == P_RPAREN || t == P_RBRACK || (t == P_RBRACE && depth > 0))
			depth--;
		else if (t == P_LBRACE && depth == 0)
			return 0;
		else if (t == P_LBRACE || t == P_RBRACE || t == T_EOF || depth < 0)
			return 0;
		else if (t == P_SEMI && depth == 0)
			*semi = k;
		else if (t == P_DOT && depth == 0 && k + 3 < p->nt && p->t[k + 1].type == P_LPAREN &&
			 p->t[k + 2].type == K_TYPE && p->t[k + 3].type == P_RPAREN)
			return 1;
	}
	return 0;
}

static void parse_case_body(struct gp *p, uint32_t c)
{
	tok(p, c, P_COLON);
	parse_stmt_list(p, c);
	close(p, c);
}

static void parse_switch(struct gp *p, uint32_t parent)
{
	size_t semi;
	int type_switch, saved = p->nocomp, bare;
	uint32_t n;

	n = open(p, parent, AST_expression_switch_statement, FIELD_NONE);
	tok(p, n, K_SWITCH);
	type_switch = is_type_switch(p, &semi);
	p->nocomp = 1;
	if (type_switch) {
		uint32_t l, v;
		p->n[n].kind = AST_type_switch_statement;
		if (semi) {
			uint32_t s = parse_simple(p, &bare);
			add(p, n, as_statement(p, s, bare, FIELD_initializer));
			tok(p, n, P_SEMI);
		}
		l = parse_expr_list(p, NO_NODE, FIELD_alias);
		if (is(p, P_DEFINE)) {
			add(p, n, l);
			tok(p, n, P_DEFINE);
			parse_expr(p, n, FIELD_value);
		} else {
			v = only_child(p, l);
			if (v == NO_NODE)
				FAIL(p);
			p->n[v].field = FIELD_value;
			add(p, n, v);
		}
		tok(p, n, P_DOT);
		tok(p, n, P_LPAREN);
		tok(p, n, K_TYPE);
		tok(p, n, P_RPAREN);
	} else if (!is(p, P_LBRACE)) {
		parse_header(p, n, FIELD_value, 1);
	}
	p->nocomp = saved;
	if (nl_before(p))
		FAIL(p);
	tok(p, n, P_LBRACE);
	while (!is(p, P_RBRACE)) {
		uint32_t c;
		if (is(p, K_DEFAULT)) {
			c = open(p, n, AST_default_case, FIELD_NONE);
			tok(p, c, K_DEFAULT);
		} else if (type_switch) {
			c = open(p, n, AST_type_case, FIELD_NONE);
			tok(p, c, K_CASE);
			for (;;) {
				parse_type(p, c, FIELD_type);
				if (!is(p, P_COMMA))
					break;
				leaf(p, c, AST_TOKEN, FIELD_type);
			}
		} else {
			c = open(p, n, AST_expression_case, FIELD_NONE);
			tok(p, c, K_CASE);
			parse_expr_list(p, c, FIELD_value);
		}
		parse_case_body(p, c);
	}
	tok(p, n, P_RBRACE);
	close(p, n);
}

static void parse_select(struct gp *p, uint32_t parent)
{
	uint32_t n = open(p, parent, AST_select_statement, FIELD_NONE);

	tok(p, n, K_SELECT);
	tok(p, n, P_LBRACE);
	while (!is(p, P_RBRACE)) {
		uint32_t c;
		if (is(p, K_DEFAULT)) {
			c = open(p, n, AST_default_case, FIELD_NONE);
			tok(p, c, K_DEFAULT);
		} else {
			uint32_t l, e, r;
			c = open(p, n, AST_communication_case, FIELD_NONE);
			tok(p, c, K_CASE);
			l = parse_expr_list(p, NO_NODE, FIELD_left);
			if (is(p, P_ARROW)) {
				e = only_child(p, l);
				if (e == NO_NODE)
					FAIL(p);
				r = wrap(p, AST_send_statement, FIELD_communication, e, FIELD_channel);
				tok(p, r, P_ARROW);
				parse_expr(p, r, FIELD_value);
			} else if (is(p, P_DEFINE) || is(p, P_ASSIGN)) {
				r = wrap(p, AST_receive_statement, FIELD_communication, l, FIELD_left);
				tok(p, r, cur(p)->type);
				parse_expr(p, r, FIELD_right);
			} else {
				e = only_child(p, l);
				if (e == NO_NODE)
					FAIL(p);
				r = wrap(p, AST_receive_statement, FIELD_communication, e, FIELD_right);
			}
			add(p, c, close(p, r));
		}
		parse_case_body(p, c);
	}
	tok(p, n, P_RBRACE);
	close(p, n);
}

static uint32_t parse_stmt(struct gp *p, uint32_t parent)
{
	uint32_t n = NO_NODE;
	int bare;

	enter(p);
	switch (cur(p)->type) {
	case K_VAR:
	case K_CONST:
	case K_TYPE:
		parse_decl(p, parent);
		break;
	case K_RETURN:
		n = open(p, parent, AST_return_statement, FIELD_NONE);
		tok(p, n, K_RETURN);
		if (!nl_before(p) && !is(p, P_SEMI) && !ends_list(p))
			parse_expr_list(p, n, FIELD_NONE);
		close(p, n);
		break;
	case K_GO:
	case K_DEFER:
		n = open(p, parent, is(p, K_GO) ? AST_go_statement : AST_defer_statement, FIELD_NONE);
		tok(p, n, cur(p)->type);
		parse_expr(p, n, FIELD_NONE);
		close(p, n);
		break;
	case K_IF:
		parse_if(p, parent, FIELD_NONE);
		break;
	case K_FOR:
		parse_for(p, parent);
		break;
	case K_SWITCH:
		parse_switch(p, parent);
		break;
	case K_SELECT:
		parse_select(p, parent);
		break;
	case K_FALLTHROUGH:
		n = open(p, parent, AST_fallthrough_statement, FIELD_NONE);
		tok(p, n, K_FALLTHROUGH);
		close(p, n);
		break;
	case K_BREAK:
	case K_CONTINUE:
		n = open(p, parent, is(p, K_BREAK) ? AST_break_statement : AST_continue_statement,
			 FIELD_NONE);
		tok(p, n, cur(p)->type);
		if (is(p, T_IDENT) && !nl_before(p))
			leaf(p, n, AST_label_name, FIELD_NONE);
		close(p, n);
		break;
	case K_GOTO:
		n = open(p, parent, AST_goto_statement, FIELD_NONE);
		tok(p, n, K_GOTO);
		if (!is(p, T_IDENT))
			FAIL(p);
		leaf(p, n, AST_label_name, FIELD_NONE);
		close(p, n);
		break;
	case P_LBRACE:
		parse_block(p, parent, FIELD_NONE);
		break;
	case P_SEMI:
		leaf(p, parent, AST_empty_statement, FIELD_NONE);
		break;
	case T_IDENT:
		if (peek_is(p, 1, P_COLON)) {
			n = open(p, parent, AST_labeled_statement, FIELD_NONE);
			leaf(p, n, AST_label_name, FIELD_label);
			tok(p, n, P_COLON);
			if (!ends_list(p)) {
				uint32_t st = parse_stmt(p, n);
				if (st != NO_NODE && p->n[st].kind == AST_labeled_statement &&
				    p->n[p->n[st].first].next == NO_NODE)
					FAIL(p); /* L: M: at the end: the grammar's error */
			}
			close(p, n);
			break;
		}
		/* fall through */
	default:
		n = parse_simple(p, &bare);
		n = as_statement(p, n, bare, FIELD_NONE);
		add(p, parent, n);
	}
	leave(p);
	return n;
}

/* ------------------------------------------------------------------ declarations */

static void parse_var_spec(struct gp *p, uint32_t parent)
{
	uint32_t n = open(p, parent, AST_var_spec, FIELD_NONE);
	for (;;) {
		if (!is(p, T_IDENT))
			FAIL(p);
		leaf(p, n, AST_identifier, FIELD_name);
		if (!is(p, P_COMMA))
			break;
		tok(p, n, P_COMMA);
	}
	if (!is(p, P_ASSIGN))
		parse_type(p, n, FIELD_type);
	if (is(p, P_ASSIGN)) {
		tok(p, n, P_ASSIGN);
		parse_expr_list(p, n, FIELD_value);
	}
	close(p, n);
}

static void parse_const_spec(struct gp *p, uint32_t parent)
{
	uint32_t n = open(p, parent, AST_OTHER, FIELD_NONE);
	for (;;) {
		if (!is(p, T_IDENT))
			FAIL(p);
		leaf(p, n, AST_identifier, FIELD_name);
		if (!is(p, P_COMMA))
			break;
		leaf(p, n, AST_TOKEN, FIELD_name);
	}
	if (!is(p, P_ASSIGN) && !is(p, P_SEMI) && !is(p, P_RPAREN) && !nl_before(p)) {
		parse_type(p, n, FIELD_type);
		if (!is(p, P_ASSIGN))
			FAIL(p); /* a type and no value: the grammar's error */
	}
	if (is(p, P_ASSIGN)) {
		tok(p, n, P_ASSIGN);
		parse_expr_list(p, n, FIELD_value);
	}
	close(p, n);
}

static void parse_type_spec(struct gp *p, uint32_t parent)
{
	uint32_t n;
	if (!is(p, T_IDENT))
		FAIL(p);
	if (peek_is(p, 1, P_ASSIGN)) {
		n = open(p, parent, AST_type_alias, FIELD_NONE);
		leaf(p, n, AST_type_identifier, FIELD_name);
		tok(p, n, P_ASSIGN);
		parse_type(p, n, FIELD_type);
		close(p, n);
		return;
	}
	n = open(p, parent, AST_type_spec, FIELD_NONE);
	leaf(p, n, AST_type_identifier, FIELD_name);
	if (is(p, P_LBRACK) && peek_is(p, 1, T_IDENT)) {
		uint8_t t = p->i + 2 < p->nt ? p->t[p->i + 2].type : T_EOF;
		if (t == T_IDENT || t == P_LBRACK || t == K_INTERFACE || t == K_FUNC ||
		    t == K_MAP || t == K_CHAN || t == P_TILDE || t == P_COMMA) {
			parse_type_params(p, n);
		} else if (t != P_RBRACK && t != P_DOT) {
			FAIL(p); /* [P *C] or [N * 2]: the grammar's */
		}
	}
	parse_type(p, n, FIELD_type);
	close(p, n);
}

static void parse_decl(struct gp *p, uint32_t parent)
{
	uint32_t n;
	switch (cur(p)->type) {
	case K_VAR:
		n = open(p, parent, AST_var_declaration, FIELD_NONE);
		tok(p, n, K_VAR);
		if (is(p, P_LPAREN)) {
			uint32_t l = open(p, n, AST_var_spec_list, FIELD_NONE);
			tok(p, l, P_LPAREN);
			while (!is(p, P_RPAREN)) {
				parse_var_spec(p, l);
				if (!terminator(p, l))
					FAIL(p);
			}
			tok(p, l, P_RPAREN);
			close(p, l);
		} else {
			parse_var_spec(p, n);
		}
		break;
	case K_CONST:
		n = open(p, parent, AST_const_declaration, FIELD_NONE);
		tok(p, n, K_CONST);
		if (is(p, P_LPAREN)) {
			tok(p, n, P_LPAREN);
			while (!is(p, P_RPAREN)) {
				parse_const_spec(p, n);
				if (!terminator(p, n))
					FAIL(p);
			}
			tok(p, n, P_RPAREN);
		} else {
			parse_const_spec(p, n);
		}
		break;
	case K_TYPE:
		n = open(p, parent, AST_type_declaration, FIELD_NONE);
		tok(p, n, K_TYPE);
		if (is(p, P_LPAREN)) {
			tok(p, n, P_LPAREN);
			while (!is(p, P_RPAREN)) {
				parse_type_spec(p, n);
				if (is(p, P_RPAREN))
					break;
				if (!terminator(p, n))
					FAIL(p);
			}
			tok(p, n, P_RPAREN);
		} else {
			parse_type_spec(p, n);
		}
		break;
	default:
		FAIL(p);
	}
	close(p, n);
}

static void parse_import_spec(struct gp *p, uint32_t parent)
{
	uint32_t n = open(p, parent, AST_import_spec, FIELD_NONE);
	if (is(p, P_DOT)) {
		leaf(p, n, AST_OTHER, FIELD_name); /* dot */
	} else if (is(p, T_IDENT)) {
		const struct tok *t = cur(p);
		int blank = t->e.byte - t->s.byte == 1 && p->src[t->s.byte] == '_';
		leaf(p, n, blank ? AST_blank_identifier : AST_package_identifier, FIELD_name);
	}
	if (is(p, T_STRING))
		parse_string(p, n, FIELD_path);
	else if (is(p, T_RAW))
		parse_raw(p, n, FIELD_path);
	else
		FAIL(p);
	close(p, n);
}

static void parse_func_decl(struct gp *p, uint32_t parent)
{
	uint32_t n = open(p, parent, AST_function_declaration, FIELD_NONE);

	tok(p, n, K_FUNC);
	if (is(p, P_LPAREN)) {
		p->n[n].kind = AST_method_declaration;
		parse_parameters(p, n, FIELD_receiver);
		if (!is(p, T_IDENT))
			FAIL(p);
		leaf(p, n, AST_field_identifier, FIELD_name);
	} else {
		if (!is(p, T_IDENT))
			FAIL(p);
		leaf(p, n, AST_identifier, FIELD_name);
		if (is(p, P_LBRACK))
			parse_type_params(p, n);
	}
	parse_parameters(p, n, FIELD_parameters);
	parse_result(p, n);
	if (is(p, P_LBRACE)) {
		if (nl_before(p))
			FAIL(p);
		parse_block(p, n, FIELD_body);
	}
	close(p, n);
}

static void parse_file(struct gp *p, uint32_t root)
{
	while (!is(p, T_EOF)) {
		uint32_t n;
		switch (cur(p)->type) {
		case K_PACKAGE:
			n = open(p, root, AST_package_clause, FIELD_NONE);
			tok(p, n, K_PACKAGE);
			if (!is(p, T_IDENT))
				FAIL(p);
			leaf(p, n, AST_package_identifier, FIELD_NONE);
			close(p, n);
			break;
		case K_IMPORT:
			n = open(p, root, AST_import_declaration, FIELD_NONE);
			tok(p, n, K_IMPORT);
			if (is(p, P_LPAREN)) {
				uint32_t l = open(p, n, AST_OTHER, FIELD_NONE); /* import_spec_list */
				tok(p, l, P_LPAREN);
				while (!is(p, P_RPAREN)) {
					parse_import_spec(p, l);
					if (is(p, P_RPAREN))
						break;
					if (!terminator(p, l))
						FAIL(p);
				}
				tok(p, l, P_RPAREN);
				close(p, l);
			} else {
				parse_import_spec(p, n);
			}
			close(p, n);
			break;
		case K_FUNC:
			parse_func_decl(p, root);
			break;
		case K_VAR:
		case K_CONST:
		case K_TYPE:
			/* statements to the grammar: a terminator must follow, even at the end */
			parse_decl(p, root);
			if (!terminator(p, root))
				FAIL(p);
			continue;
		default:
			FAIL(p); /* statements at the top: the grammar takes them, Go does not */
		}
		if (!terminator(p, root) && !is(p, T_EOF))
			FAIL(p);
	}
}

/* ------------------------------------------------------------------ the ast */

struct frame {
	uint32_t pn, idx, depth, child, last;
};

static void emit_node(struct gp *p, uint32_t pnode, uint32_t parent, uint32_t depth)
{
	struct ast *ast = p->ast;
	const struct pn *x = &p->n[pnode];
	struct ast_node *o = &ast->nodes[ast->nr++];

	o->kind = x->kind;
	o->field = x->field;
	o->flags = 0;
	o->parent = parent;
	o->first = o->next = AST_NONE;
	o->start = x->s.byte;
	o->end = x->e.byte;
	o->line = x->s.line + 1;
	o->col = x->s.col + 1;
	o->end_line = x->e.line + 1;
	o->end_col = x->e.col + 1;
	/* as ast_build counts: every visible node below the root's children, tokens too */
	if (depth >= 2 && depth > ast->max_depth)
		ast->max_depth = depth;
	if (x->has_tok && depth >= 1 && depth + 1 > ast->max_depth)
		ast->max_depth = depth + 1;
}

static void emit(struct gp *p, uint32_t root)
{
	struct ast *ast = p->ast;
	struct frame *stack = NULL;
	size_t nr = 0, alloc = 0;

	ast->nodes = xmalloc(st_mult(p->nn ? p->nn : 1, sizeof(*ast->nodes)));
	ast->alloc = p->nn ? p->nn : 1;
	ast->nr = 0;
	ast->max_depth = 0;

	emit_node(p, root, AST_NONE, 0);
	ALLOC_GROW(stack, nr + 1, alloc);
	stack[nr++] = (struct frame){ root, 0, 0, p->n[root].first, AST_NONE };
	while (nr) {
		struct frame *f = &stack[nr - 1];
		uint32_t c = f->child, idx, depth;
		if (c == NO_NODE) {
			nr--;
			continue;
		}
		f->child = p->n[c].next;
		idx = ast->nr;
		depth = f->depth + 1;
		emit_node(p, c, f->idx, depth);
		if (f->last == AST_NONE)
			ast->nodes[f->idx].first = idx;
		else
			ast->nodes[f->last].next = idx;
		f->last = idx;
		if (p->n[c].first != NO_NODE) {
			ALLOC_GROW(stack, nr + 1, alloc);
			stack[nr++] = (struct frame){ c, idx, depth, p->n[c].first, AST_NONE };
		}
	}
	free(stack);
}

int goparse(struct ast *ast, const char *src, size_t len)
{
	return goparse_holes(ast, src, len, NULL, 0);
}

int goparse_holes(struct ast *ast, const char *src, size_t len, const struct part_hole *holes,
		  size_t nr)
{
	struct gp p;
	uint32_t root;
	struct pos start;

	memset(ast, 0, sizeof(*ast));
	ast->src = src;
	ast->len = len;
	memset(&p, 0, sizeof(p));
	p.src = src;
	p.len = len;
	p.holes = holes;
	p.nr_holes = nr;
	p.ast = ast;
	if (len >= UINT32_MAX / 2 || setjmp(p.fail)) {
		free(p.t);
		free(p.n);
		ast_release(ast);
		return -1;
	}
	tokenize(&p);
	/* the file's node: from its first token or comment to the end, blanks and all */
	start = p.t[0].s;
	if (ast->nr_comments && ast->comments[0].start < start.byte) {
		const struct ast_comment *c = &ast->comments[0];
		uint32_t k = c->start;
		while (k > 0 && src[k - 1] != '\n')
			k--;
		start = (struct pos){ c->start, c->line - 1, c->start - k };
	}
	root = new_node(&p, AST_source_file, FIELD_NONE, start);
	p.last_end = start;
	parse_file(&p, root);
	p.n[root].e = p.t[p.nt - 1].s;
	emit(&p, root);
	free(p.t);
	free(p.n);
	return 0;
}
