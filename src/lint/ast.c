/*
 * ast.c - see ast.h.
 */
/*
 * tree-sitter's own headers (its src/, pinned with it): the walk below
 * reads the subtrees the way its tree cursor does, without the cursor's
 * cost per step (a sixth of a lint went to the cursor). First, for
 * their UNUSED is not common.h's.
 */
#include "language.h"
#include "length.h"
#include "subtree.h"
#include "tree.h"
#undef UNUSED

#include "ast.h"
#include "golang.h"

#include <pthread.h>


static const char *const kind_names[AST_KIND_COUNT] = {
	[AST_OTHER] = "other",
	[AST_TOKEN] = "token",
	[AST_ERROR] = "ERROR",
#define K(name) [AST_##name] = #name,
#include "ast_kinds.def"
#undef K
};

static const char *const field_names[FIELD_COUNT] = {
	[FIELD_NONE] = "",
#define F(name) [FIELD_##name] = #name,
#include "ast_fields.def"
#undef F
};

/* tree-sitter symbol -> kind, field id -> field; filled once. */
static uint16_t *symbol_kind;
static uint8_t *symbol_is_comment; /* by symbol: a comment (kept apart, see add_comment) */
static uint8_t *field_map;
static uint32_t nr_symbols, nr_fields;
static pthread_once_t maps_once = PTHREAD_ONCE_INIT;

static void build_maps(void)
{
	const TSLanguage *lang = golang_fast();
	uint32_t s, f;
	int k;

	nr_symbols = ts_language_symbol_count(lang);
	nr_fields = ts_language_field_count(lang);
	symbol_kind = xcalloc(nr_symbols, sizeof(*symbol_kind));
	symbol_is_comment = xcalloc(nr_symbols, 1);
	field_map = xcalloc(nr_fields + 1, 1);
	for (s = 0; s < nr_symbols; s++) {
		const char *name = ts_language_symbol_name(lang, (TSSymbol)s);
		symbol_is_comment[s] = name && !strcmp(name, "comment");
		if (ts_language_symbol_type(lang, (TSSymbol)s) != TSSymbolTypeRegular || !name)
			continue;
		for (k = AST_ERROR + 1; k < AST_KIND_COUNT; k++)
			if (!strcmp(kind_names[k], name))
				symbol_kind[s] = (uint16_t)k;
	}
	for (f = 1; f <= nr_fields; f++) {
		const char *name = ts_language_field_name_for_id(lang, (TSFieldId)f);
		if (!name)
			continue;
		for (k = 1; k < FIELD_COUNT; k++)
			if (!strcmp(field_names[k], name))
				field_map[f] = (uint8_t)k;
	}
}

const TSLanguage *ast_language(void)
{
	pthread_once(&maps_once, build_maps);
	return golang_fast();
}

const char *ast_kind_name(enum ast_kind kind)
{
	return kind < AST_KIND_COUNT ? kind_names[kind] : "?";
}

const char *ast_field_name(enum ast_field field)
{
	return field < FIELD_COUNT ? field_names[field] : "?";
}

struct level {
	uint32_t node;       /* our index of the node at this depth */
	uint32_t last_child; /* last child appended under it */
};

/* A node of the tree where the walk found it: what append() copies. */
struct found {
	Length pos;   /* start, after the padding */
	Length size;
	int missing;
};

static uint32_t append(struct ast *ast, struct level *parent, const struct found *fd,
		       enum ast_kind kind, enum ast_field field)
{
	struct ast_node *n;
	TSPoint sp = fd->pos.extent, ep = length_add(fd->pos, fd->size).extent;
	uint32_t idx = ast->nr;

	ALLOC_GROW(ast->nodes, ast->nr + 1, ast->alloc);
	n = &ast->nodes[ast->nr++];
	n->kind = (uint16_t)kind;
	n->field = (uint8_t)field;
	n->flags = 0;
	n->parent = parent ? parent->node : AST_NONE;
	n->first = n->next = AST_NONE;
	n->start = fd->pos.bytes;
	n->end = fd->pos.bytes + fd->size.bytes;
	n->line = sp.row + 1;
	n->col = sp.column + 1;
	n->end_line = ep.row + 1;
	n->end_col = ep.column + 1;
	if (kind == AST_ERROR)
		n->flags |= AST_IN_ERROR;
	if (fd->missing)
		n->flags |= AST_MISSING;
	if (parent) {
		struct ast_node *p = &ast->nodes[parent->node];
		n->flags |= p->flags & AST_IN_ERROR;
		if (parent->last_child == AST_NONE)
			p->first = idx;
		else
			ast->nodes[parent->last_child].next = idx;
		parent->last_child = idx;
	}
	return idx;
}

static void add_comment(struct ast *ast, const struct found *fd)
{
	struct ast_comment *c;
	uint32_t i;

	ALLOC_GROW(ast->comments, ast->nr_comments + 1, ast->alloc_comments);
	c = &ast->comments[ast->nr_comments++];
	c->start = fd->pos.bytes;
	c->end = fd->pos.bytes + fd->size.bytes;
	c->line = fd->pos.extent.row + 1;
	c->end_line = length_add(fd->pos, fd->size).extent.row + 1;
	c->own_line = 1;
	for (i = c->start; i > 0 && ast->src[i - 1] != '\n'; i--)
		if (ast->src[i - 1] != ' ' && ast->src[i - 1] != '\t') {
			c->own_line = 0;
			break;
		}
}

/*
 * A subtree whose children the walk is reading: a visible node's, or a
 * hidden node's (a rule the grammar does not show), whose children are
 * read as its nearest visible ancestor's.
 */
struct frame {
	Subtree tree;
	const TSSymbol *aliases; /* its production's alias sequence, or NULL */
	Length pos;              /* where the next child starts, after its padding */
	uint32_t child;          /* the next child's index */
	uint32_t structural;     /* ... among the children that are not extras */
	uint32_t level;          /* the level its visible children are appended under */
	uint32_t index_in_parent; /* a hidden frame: its structural index in the frame below */
	unsigned char hidden, extra;
};

/*
 * The field of the visible child at structural index `index` (extra:
 * it is an extra) of frames[top]: named by the production of its
 * parent subtree, or, through hidden parents, of theirs, up to the
 * nearest visible one (as ts_tree_cursor_current_field_id finds it).
 */
static TSFieldId field_of(const TSLanguage *lang, const struct frame *frames, size_t top,
			  uint32_t index, int extra)
{
	for (;;) {
		const TSFieldMapEntry *map, *end;
		const struct frame *f = &frames[top];
		if (extra)
			return 0;
		ts_language_field_map(lang, f->tree.ptr->production_id, &map, &end);
		for (; map < end; map++)
			if (!map->inherited && map->child_index == index)
				return map->field_id;
		if (!f->hidden || !top)
			return 0;
		index = f->index_in_parent;
		extra = f->extra;
		top--;
	}
}

static void push_frame(struct frame **frames, size_t *nr, size_t *alloc, const TSLanguage *lang,
		       Subtree tree, Length pos, uint32_t level)
{
	struct frame *f;
	ALLOC_GROW(*frames, *nr + 1, *alloc);
	f = &(*frames)[(*nr)++];
	memset(f, 0, sizeof(*f));
	f->tree = tree;
	f->aliases = ts_language_alias_sequence(lang, tree.ptr->production_id);
	f->pos = pos;
	f->level = level;
}

/*
 * Copy the visible nodes of tree under the ast's root: all of them, the
 * root included, into an empty ast; or, appending, the root's children
 * after the root's last child. Named nodes are copied with their
 * children, comments apart (add_comment), anonymous ones (tokens) only
 * when a field names them. The nodes, their order, fields and positions
 * are those a TSTreeCursor visits, read from the subtrees directly.
 */
static void build(struct ast *ast, TSTree *tree, int appending)
{
	const TSLanguage *lang = tree->language;
	TSNode root = ts_tree_root_node(tree);
	struct level *levels = NULL;
	struct frame *frames = NULL;
	size_t nr_levels = 0, alloc_levels = 0, nr_frames = 0, alloc_frames = 0;

	ast->has_error |= ts_node_has_error(root);
	ALLOC_GROW(levels, 1, alloc_levels);
	if (appending) {
		uint32_t last = ast->nodes[0].first;
		while (last != AST_NONE && ast->nodes[last].next != AST_NONE)
			last = ast->nodes[last].next;
		levels[0].node = 0;
		levels[0].last_child = last;
	} else {
		struct found fd = { .pos = ts_subtree_padding(tree->root),
				    .size = ts_subtree_size(tree->root) };
		levels[0].node = append(ast, NULL, &fd, AST_source_file, FIELD_NONE);
		levels[0].last_child = AST_NONE;
	}
	nr_levels = 1;
	if (ts_subtree_child_count(tree->root))
		push_frame(&frames, &nr_frames, &alloc_frames, lang, tree->root,
			   ts_subtree_padding(tree->root), 0);

	while (nr_frames) {
		struct frame *f = &frames[nr_frames - 1];
		uint32_t count = f->tree.ptr->child_count, index = f->structural;
		const Subtree *children = ts_subtree_children(f->tree);
		Subtree c;
		TSSymbol alias = 0;
		struct found fd;
		int extra, visible;

		if (f->child == count) {
			if (!f->hidden)
				nr_levels--;
			nr_frames--;
			continue;
		}
		c = children[f->child];
		fd.pos = f->pos;
		fd.size = ts_subtree_size(c);
		fd.missing = ts_subtree_missing(c);
		extra = ts_subtree_extra(c);
		if (!extra) {
			if (f->aliases)
				alias = f->aliases[f->structural];
			f->structural++;
		}
		visible = ts_subtree_visible(c) || alias;
		f->pos = length_add(f->pos, fd.size);
		if (++f->child < count)
			f->pos = length_add(f->pos, ts_subtree_padding(children[f->child]));

		if (visible) {
			size_t top = nr_frames - 1;
			uint32_t level = f->level;
			TSFieldId fid = field_of(lang, frames, top, index, extra);
			enum ast_field field = fid && fid <= nr_fields ? field_map[fid] : FIELD_NONE;
			int named = alias ? ts_language_symbol_metadata(lang, alias).named :
					    ts_subtree_named(c);
			if (level >= 1 && level + 1 > ast->max_depth)
				ast->max_depth = level + 1; /* the depth of the walk: its parent's level, counted from 1 */
			if (named) {
				TSSymbol sym = ts_language_public_symbol(lang, alias ? alias :
										 ts_subtree_symbol(c));
				enum ast_kind kind;
				if (sym == ts_builtin_sym_error)
					kind = AST_ERROR;
				else
					kind = sym < nr_symbols ? symbol_kind[sym] : AST_OTHER;
				if (kind == AST_OTHER &&
				    (sym < nr_symbols ? symbol_is_comment[sym] :
				     !strcmp(ts_language_symbol_name(lang, sym), "comment"))) {
					add_comment(ast, &fd);
				} else {
					uint32_t idx = append(ast, &levels[level], &fd, kind, field);
					if (ts_subtree_child_count(c)) {
						ALLOC_GROW(levels, nr_levels + 1, alloc_levels);
						levels[nr_levels].node = idx;
						levels[nr_levels].last_child = AST_NONE;
						push_frame(&frames, &nr_frames, &alloc_frames, lang, c,
							   fd.pos, (uint32_t)nr_levels);
						nr_levels++;
					}
				}
			} else if (field != FIELD_NONE) {
				append(ast, &levels[level], &fd, AST_TOKEN, field);
			}
		} else if (ts_subtree_visible_child_count(c) > 0) {
			uint32_t level = f->level;
			push_frame(&frames, &nr_frames, &alloc_frames, lang, c, fd.pos, level);
			f = &frames[nr_frames - 1];
			f->hidden = 1;
			f->extra = (unsigned char)extra;
			f->index_in_parent = index;
		}
	}
	free(frames);
	free(levels);
}

void ast_build(struct ast *ast, TSTree *tree, const char *src, size_t len)
{
	ast_language();
	memset(ast, 0, sizeof(*ast));
	ast->src = src;
	ast->len = len;
	build(ast, tree, 0);
}

void ast_build_append(struct ast *ast, TSTree *tree)
{
	TSNode root = ts_tree_root_node(tree);
	TSPoint ep = ts_node_end_point(root);

	build(ast, tree, 1);
	ast->nodes[0].end = ts_node_end_byte(root);
	ast->nodes[0].end_line = ep.row + 1;
	ast->nodes[0].end_col = ep.column + 1;
}

void ast_release(struct ast *ast)
{
	free(ast->nodes);
	free(ast->comments);
	memset(ast, 0, sizeof(*ast));
}

int ast_text_is(const struct ast *ast, uint32_t i, const char *s)
{
	size_t len, n = strlen(s);
	const char *t;
	if (i == AST_NONE)
		return 0;
	t = ast_text(ast, i, &len);
	return len == n && !memcmp(t, s, n);
}

int ast_same_text(const struct ast *ast, uint32_t a, uint32_t b)
{
	size_t la, lb;
	const char *ta, *tb;
	if (a == AST_NONE || b == AST_NONE)
		return 0;
	ta = ast_text(ast, a, &la);
	tb = ast_text(ast, b, &lb);
	return la == lb && !memcmp(ta, tb, la);
}

uint32_t ast_field(const struct ast *ast, uint32_t i, enum ast_field field)
{
	uint32_t c;
	if (i == AST_NONE)
		return AST_NONE;
	ast_for_each_child(ast, i, c)
		if (ast->nodes[c].field == field)
			return c;
	return AST_NONE;
}

uint32_t ast_child(const struct ast *ast, uint32_t i, uint32_t n)
{
	uint32_t c;
	if (i == AST_NONE)
		return AST_NONE;
	ast_for_each_child(ast, i, c)
		if (!n--)
			return c;
	return AST_NONE;
}

uint32_t ast_child_count(const struct ast *ast, uint32_t i)
{
	uint32_t c, n = 0;
	ast_for_each_child(ast, i, c)
		n++;
	return n;
}

uint32_t ast_subtree_end(const struct ast *ast, uint32_t i)
{
	/* In pre-order the subtree ends just before the next sibling of i or
	 * of its nearest ancestor that has one. */
	uint32_t j;
	for (j = i; j != AST_NONE; j = ast->nodes[j].parent)
		if (ast->nodes[j].next != AST_NONE)
			return ast->nodes[j].next - 1;
	return ast->nr - 1;
}

int ast_contains(const struct ast *ast, uint32_t outer, uint32_t inner)
{
	while (inner != AST_NONE && inner > outer)
		inner = ast->nodes[inner].parent;
	return inner == outer;
}

uint32_t ast_unparen(const struct ast *ast, uint32_t i)
{
	while (i != AST_NONE && ast->nodes[i].kind == AST_parenthesized_expression)
		i = ast->nodes[i].first;
	return i;
}

uint32_t ast_enclosing_func(const struct ast *ast, uint32_t i)
{
	for (i = ast->nodes[i].parent; i != AST_NONE; i = ast->nodes[i].parent)
		if (ast_is_func(ast->nodes[i].kind))
			return i;
	return AST_NONE;
}

uint32_t ast_func_body(const struct ast *ast, uint32_t fn)
{
	return ast_field(ast, fn, FIELD_body);
}

uint32_t ast_call_name(const struct ast *ast, uint32_t call)
{
	uint32_t fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	switch (ast_kind(ast, fn)) {
	case AST_identifier:
		return fn;
	case AST_selector_expression:
		return ast_field(ast, fn, FIELD_field);
	default:
		return AST_NONE;
	}
}

int ast_call_is(const struct ast *ast, uint32_t call, const char *pkg, const char *name)
{
	uint32_t fn, op;
	if (ast_kind(ast, call) != AST_call_expression)
		return 0;
	fn = ast_unparen(ast, ast_field(ast, call, FIELD_function));
	if (ast_kind(ast, fn) != AST_selector_expression)
		return 0;
	op = ast_field(ast, fn, FIELD_operand);
	if (ast_kind(ast, op) != AST_identifier || !ast_text_is(ast, op, pkg))
		return 0;
	return !name || ast_text_is(ast, ast_field(ast, fn, FIELD_field), name);
}

uint32_t ast_root_ident(const struct ast *ast, uint32_t e)
{
	for (;;) {
		switch (ast_kind(ast, e)) {
		case AST_identifier:
			return e;
		case AST_selector_expression:
		case AST_index_expression:
		case AST_slice_expression:
		case AST_type_assertion_expression:
			e = ast_field(ast, e, FIELD_operand);
			break;
		case AST_call_expression:
			e = ast_field(ast, e, FIELD_function);
			break;
		case AST_parenthesized_expression:
			e = ast->nodes[e].first;
			break;
		case AST_unary_expression:
			if (!ast_text_is(ast, ast_field(ast, e, FIELD_operator), "*") &&
			    !ast_text_is(ast, ast_field(ast, e, FIELD_operator), "&"))
				return AST_NONE;
			e = ast_field(ast, e, FIELD_operand);
			break;
		default:
			return AST_NONE;
		}
	}
}

int ast_mentions(const struct ast *ast, uint32_t i, const char *name, size_t len,
		 int into_closures)
{
	uint32_t j, end;
	if (i == AST_NONE)
		return 0;
	end = ast_subtree_end(ast, i);
	for (j = i; j <= end; j++) {
		const struct ast_node *n = &ast->nodes[j];
		if (!into_closures && n->kind == AST_func_literal && j != i) {
			j = ast_subtree_end(ast, j);
			continue;
		}
		if (n->kind == AST_identifier && n->end - n->start == len &&
		    !memcmp(ast->src + n->start, name, len))
			return 1;
	}
	return 0;
}

/* Does declaration-ish node n (or its name list) introduce a name like id? */
static int declares(const struct ast *ast, uint32_t n, uint32_t id)
{
	uint32_t c, list = n;
	switch (ast_kind(ast, n)) {
	case AST_short_var_declaration:
		list = ast_field(ast, n, FIELD_left);
		break;
	case AST_range_clause:
		list = ast_field(ast, n, FIELD_left);
		break;
	case AST_parameter_declaration:
	case AST_variadic_parameter_declaration:
	case AST_var_spec:
		ast_for_each_child(ast, n, c)
			if (ast->nodes[c].field == FIELD_name && ast_same_text(ast, c, id))
				return 1;
		return 0;
	default:
		return 0;
	}
	if (list == AST_NONE)
		return 0;
	ast_for_each_child(ast, list, c)
		if (ast_kind(ast, c) == AST_identifier && ast_same_text(ast, c, id))
			return 1;
	return 0;
}

int ast_declared_in(const struct ast *ast, uint32_t fn, uint32_t id)
{
	uint32_t f, i, end;
	for (f = fn; f != AST_NONE; f = ast_enclosing_func(ast, f)) {
		end = ast_subtree_end(ast, f);
		for (i = f; i <= end; i++)
			if (declares(ast, i, id))
				return 1;
	}
	return 0;
}

int ast_func_name_starts(const struct ast *ast, uint32_t fn, const char *prefix)
{
	uint32_t name = ast_field(ast, fn, FIELD_name);
	size_t len, n = strlen(prefix);
	const char *s;
	if (name == AST_NONE)
		return 0;
	s = ast_text(ast, name, &len);
	return len >= n && !memcmp(s, prefix, n);
}

/* Does statement s (a :=, a var declaration, a range clause) declare the name of id? */
static int redeclares(const struct ast *ast, uint32_t s, uint32_t id)
{
	uint32_t c, d;
	switch (ast_kind(ast, s)) {
	case AST_short_var_declaration:
	case AST_range_clause:
		return declares(ast, s, id);
	case AST_var_declaration:
		ast_for_each_child(ast, s, c) {
			if (ast_kind(ast, c) == AST_var_spec && declares(ast, c, id))
				return 1;
			if (ast_kind(ast, c) == AST_var_spec_list)
				ast_for_each_child(ast, c, d)
					if (declares(ast, d, id))
						return 1;
		}
		return 0;
	default:
		return 0;
	}
}

int ast_same_variable(const struct ast *ast, uint32_t decl, uint32_t use)
{
	uint32_t child = use, p;

	/*
	 * Climb from the use towards the block that holds decl, looking for a
	 * redeclaration in each enclosing block or initializer on the way. In
	 * decl's own block a later := reuses the variable (Go declares only
	 * the names new to that scope), so reaching it ends the search.
	 */
	for (p = ast->nodes[use].parent; p != AST_NONE; child = p, p = ast->nodes[p].parent) {
		uint32_t s;
		enum ast_kind k = ast_kind(ast, p);
		if (ast_is_func(k))
			return 1; /* a function literal's body sees the outer variable */
		if (k == AST_if_statement || k == AST_for_statement ||
		    k == AST_expression_switch_statement || k == AST_type_switch_statement) {
			uint32_t init = ast_field(ast, p, FIELD_initializer);
			if (ast_contains(ast, p, decl))
				continue; /* decl is this statement's own initializer */
			if (k == AST_for_statement) {
				ast_for_each_child(ast, p, s) {
					if (ast_kind(ast, s) == AST_for_clause)
						init = ast_field(ast, s, FIELD_initializer);
					else if (ast_kind(ast, s) == AST_range_clause && s != child &&
						 redeclares(ast, s, use))
						return 0;
				}
			}
			if (init != AST_NONE && init != child && redeclares(ast, init, use))
				return 0;
		}
		if (k != AST_statement_list)
			continue;
		if (ast_contains(ast, p, decl))
			return 1; /* decl's own block */
		/* an inner block: its statements before the one holding the use */
		ast_for_each_child(ast, p, s) {
			if (s == child)
				break;
			if (redeclares(ast, s, use))
				return 0;
		}
	}
	return 1;
}

uint32_t ast_top_func(const struct ast *ast, uint32_t i)
{
	uint32_t fn, top = AST_NONE;
	for (fn = ast_enclosing_func(ast, i); fn != AST_NONE; fn = ast_enclosing_func(ast, fn))
		top = fn;
	return top;
}

/* ---------------------------------------------------------------- names (shared by facts and rules) */

uint32_t ast_key_name(const struct ast *ast, uint32_t ke)
{
	uint32_t k = ast_field(ast, ke, FIELD_key);
	k = k == AST_NONE ? AST_NONE : ast->nodes[k].first;
	return ast_kind(ast, k) == AST_identifier ? k : AST_NONE;
}

int ast_in_loop(const struct ast *ast, uint32_t at, uint32_t fn)
{
	uint32_t p;
	for (p = ast->nodes[at].parent; p != AST_NONE && p != fn; p = ast->nodes[p].parent)
		if (ast->nodes[p].kind == AST_for_statement)
			return 1;
	return 0;
}

int ast_text_in(const struct ast *ast, uint32_t n, const char *const *names, size_t nr)
{
	size_t i;
	for (i = 0; i < nr; i++)
		if (ast_text_is(ast, n, names[i]))
			return 1;
	return 0;
}

int ast_name_like(const struct ast *ast, uint32_t n, const char *prefix)
{
	size_t len, pl = strlen(prefix);
	const char *s;
	if (n == AST_NONE)
		return 0;
	s = ast_text(ast, n, &len);
	return len >= pl && !memcmp(s, prefix, pl) && (len == pl || (s[pl] >= 'A' && s[pl] <= 'Z'));
}

int ast_name_like_any_case(const struct ast *ast, uint32_t n, const char *prefix)
{
	size_t len, pl = strlen(prefix);
	const char *s;
	if (n == AST_NONE || !pl)
		return 0;
	s = ast_text(ast, n, &len);
	return len >= pl && (s[0] | 0x20) == (prefix[0] | 0x20) && !memcmp(s + 1, prefix + 1, pl - 1) &&
	       (len == pl || (s[pl] >= 'A' && s[pl] <= 'Z'));
}

uint32_t ast_operand_root(const struct ast *ast, uint32_t e)
{
	for (;;) {
		e = ast_unparen(ast, e);
		switch (ast_kind(ast, e)) {
		case AST_identifier:
			return e;
		case AST_selector_expression:
		case AST_type_assertion_expression:
		case AST_unary_expression:
			e = ast_field(ast, e, FIELD_operand);
			break;
		default:
			return AST_NONE;
		}
	}
}

int ast_text_contains(const struct ast *ast, uint32_t n, const char *word)
{
	size_t len, wl = strlen(word), i;
	const char *s;
	if (n == AST_NONE)
		return 0;
	s = ast_text(ast, n, &len);
	for (i = 0; i + wl <= len; i++)
		if (!memcmp(s + i, word, wl))
			return 1;
	return 0;
}

int ast_text_ends_with(const struct ast *ast, uint32_t n, const char *word)
{
	size_t len, wl = strlen(word);
	const char *s;
	if (n == AST_NONE)
		return 0;
	s = ast_text(ast, n, &len);
	return len >= wl && !memcmp(s + len - wl, word, wl);
}

uint32_t ast_value_top(const struct ast *ast, uint32_t e)
{
	for (;;) {
		uint32_t p = ast->nodes[e].parent;
		enum ast_kind k = ast_kind(ast, p);
		if (k == AST_parenthesized_expression ||
		    (k == AST_type_assertion_expression && ast_field(ast, p, FIELD_operand) == e) ||
		    (k == AST_type_conversion_expression && ast_field(ast, p, FIELD_operand) == e) ||
		    (k == AST_unary_expression &&
		     (ast_text_is(ast, ast_field(ast, p, FIELD_operator), "&") ||
		      ast_text_is(ast, ast_field(ast, p, FIELD_operator), "*")))) {
			e = p;
			continue;
		}
		return e;
	}
}
