/*
 * golang.c - see golang.h.
 */
#include "language.h" /* tree-sitter's src/ (pinned): TSLanguage's fields */
#include "lexer.h"    /* ... and its Lexer, whose TSLexer the grammar is given */
#undef UNUSED

#include "golang.h"
#include "base/common.h"

#include <pthread.h>
#include <stdatomic.h>

const TSLanguage *tree_sitter_go(void);

static TSLanguage fast_go;
static pthread_once_t fast_once = PTHREAD_ONCE_INIT;

/* The grammar's own lexing functions, and tree-sitter's advance. */
static bool (*generated_lex)(TSLexer *, TSStateId);
static bool (*generated_keyword_lex)(TSLexer *, TSStateId);
typedef void (*advance_fn)(TSLexer *, bool);
static _Atomic(advance_fn) ts_advance;

/*
 * tree-sitter's ts_lexer__advance, for the one case that is nearly every
 * character: an ASCII lookahead followed by an ASCII byte, both inside
 * the chunk and the included range, UTF-8 input, no logger. The position,
 * column and token start change exactly as ts_lexer__do_advance changes
 * them; anything else goes to tree-sitter's advance.
 */
static void fast_advance(TSLexer *data, bool skip)
{
	Lexer *self = (Lexer *)data;
	const TSRange *range;
	uint32_t next = self->current_position.bytes + 1;
	unsigned char c;

	if (self->lookahead_size != 1 || (uint32_t)data->lookahead >= 0x80 || !self->chunk ||
	    self->logger.log || self->input.encoding != TSInputEncodingUTF8 ||
	    self->current_included_range_index >= self->included_range_count)
		goto slow;
	range = &self->included_ranges[self->current_included_range_index];
	if (next >= range->end_byte || next < self->chunk_start ||
	    next - self->chunk_start >= self->chunk_size)
		goto slow;
	c = (unsigned char)self->chunk[next - self->chunk_start];
	if (c >= 0x80)
		goto slow;
	if (data->lookahead == '\n') {
		self->current_position.extent.row++;
		self->current_position.extent.column = 0;
		self->column_data.valid = true;
		self->column_data.value = 0;
	} else {
		if (self->column_data.valid)
			self->column_data.value++;
		self->current_position.extent.column++;
	}
	self->current_position.bytes = next;
	if (skip)
		self->token_start_position = self->current_position;
	data->lookahead = c;
	return;
slow:
	atomic_load_explicit(&ts_advance, memory_order_relaxed)(data, skip);
}

/* The lexer a parser hands the grammar gets fast_advance the first time (it keeps it). */
static void take_advance(TSLexer *data)
{
	if (data->advance == fast_advance)
		return;
	atomic_store_explicit(&ts_advance, data->advance, memory_order_relaxed);
	data->advance = fast_advance;
}

static bool fast_lex(TSLexer *data, TSStateId state)
{
	take_advance(data);
	return generated_lex(data, state);
}

static bool fast_keyword_lex(TSLexer *data, TSStateId state)
{
	take_advance(data);
	return generated_keyword_lex(data, state);
}

static void build_fast(void)
{
	const TSLanguage *lang = tree_sitter_go();
	size_t symbols = lang->symbol_count, large = lang->large_state_count, state;
	uint16_t *table = xcalloc(st_mult(lang->state_count, symbols), sizeof(*table));

	memcpy(table, lang->parse_table, st_mult(large * symbols, sizeof(*table)));
	for (state = large; state < lang->state_count; state++) {
		const uint16_t *data = &lang->small_parse_table[lang->small_parse_table_map[state - large]];
		uint16_t *row = &table[state * symbols];
		unsigned groups = *data++, g, k;
		for (g = 0; g < groups; g++) {
			uint16_t value = *data++, n = *data++;
			for (k = 0; k < n; k++, data++)
				if (*data < symbols && !row[*data])
					row[*data] = value;
		}
	}
	fast_go = *lang;
	fast_go.parse_table = table;
	fast_go.large_state_count = lang->state_count;
	generated_lex = lang->lex_fn;
	fast_go.lex_fn = fast_lex;
	generated_keyword_lex = lang->keyword_lex_fn;
	if (generated_keyword_lex)
		fast_go.keyword_lex_fn = fast_keyword_lex;
}

const TSLanguage *golang_fast(void)
{
	pthread_once(&fast_once, build_fast);
	return &fast_go;
}

const TSLanguage *golang_generated(void)
{
	return tree_sitter_go();
}
