/*
 * manpage.h - manual pages (roff with the man macros) made from the same
 * option tables as --help (options.h), so a page cannot drift from the
 * parser. `plumber <command> --help-man` prints its command's page (a
 * hidden option that parse_options() answers like --help); the Makefile
 * writes the pages under build/man/ with it.
 *
 * A page is NAME (from `name` and `summary`), SYNOPSIS (the usage lines),
 * DESCRIPTION (the --help paragraph), OPTIONS (the option table, its
 * groups as subsections) and then `sections`, in order.
 *
 * Prose (the --help paragraph, sections' text) is plain text, so that the
 * same words can serve --help:
 *   - lines are filled; a blank line starts a new paragraph;
 *   - a line indented by four spaces or more is shown as it is (examples);
 *   - a line "* TERM" starts an item of a list: TERM, then the lines after
 *     it, up to a blank line, indented below it;
 *   - `text` in backquotes is set in bold (commands, options, names).
 * Everything roff would read as markup (backslashes, a leading dot or
 * quote) is escaped; every "-" is written \- so that options can be
 * copied from the page; characters beyond ASCII as \[uXXXX].
 */
#ifndef PLUMBER_MANPAGE_H
#define PLUMBER_MANPAGE_H

#include "options.h"

struct strbuf;

struct man_section {
	const char *title; /* "EXIT STATUS"; NULL ends a list of sections */
	const char *text;  /* prose, as above */
	/* or, for a section made from a table (commands, rules): add its prose to sb */
	void (*make)(struct strbuf *sb);
};

struct man_page {
	const char *name;    /* "plumber-lint": the page, section 1 */
	const char *summary; /* "find HTTP resource leaks in Go source" */
	const char *version; /* shown with the package's name in the footer, or NULL */
	const struct man_section *sections; /* after OPTIONS; NULL for none */
};

/*
 * The page of the command being run, which --help-man prints; main() sets
 * it before it hands over to a command. When NULL, the page is named after
 * prog_name and has no summary and no sections.
 */
extern const struct man_page *man_page_current;

/* Write the manual page: see above. `about` may be NULL. */
void man_write(FILE *out, const struct man_page *page, const char *const *usage,
	       const char *about, const struct option *opts);

#endif
