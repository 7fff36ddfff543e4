/*
 * tsmem.h - tree-sitter's memory: from a per-thread pool while one file
 * is parsed, dropped at once when its syntax tree has been read.
 *
 * A parse makes and frees millions of small blocks (subtrees, children
 * arrays, stack nodes), and deleting the tree visits every node again to
 * free it: a tenth of a lint's instructions went to malloc, free and
 * ts_tree_delete. Between tsmem_begin() and tsmem_end() on a thread,
 * tree-sitter's allocations on that thread come from size classes in
 * chunks the thread owns (a freed block is reused by the next request of
 * its class); tsmem_end() forgets them all at once, so the parser and the
 * tree made in between are never deleted one node at a time. Outside
 * begin/end (and on other threads) the allocator is xmalloc's.
 *
 * The contract for the caller: nothing made by tree-sitter between begin
 * and end (parser, tree, cursor, node) is used after tsmem_end(). Not
 * nestable. Each thread's chunks are kept for its next file, up to
 * TSMEM_KEEP bytes, and returned to the system when the thread exits (or
 * by tsmem_thread_release(), earlier).
 */
#ifndef PLUMBER_TSMEM_H
#define PLUMBER_TSMEM_H

#include <stddef.h>

/* Route tree-sitter's allocations here (ts_set_allocator); once, before any parser exists. */
void tsmem_install(void);

/* On this thread, allocate tree-sitter's memory from the pool until tsmem_end(). */
void tsmem_begin(void);

/* Drop everything allocated on this thread since tsmem_begin(). */
void tsmem_end(void);

/* Return this thread's chunks to the system. */
void tsmem_thread_release(void);

/* The allocator's four functions (for the unit tests; tsmem_install() installs them). */
void *tsmem_malloc(size_t size);
void *tsmem_calloc(size_t nmemb, size_t size);
void *tsmem_realloc(void *ptr, size_t size);
void tsmem_free(void *ptr);

#endif
