/*
 * manpage.c - see manpage.h.
 */
#include "manpage.h"
#include "strbuf.h"

const struct man_page *man_page_current;

/* The code point of the UTF-8 sequence at s, and its length in *n; U+FFFD for a bad byte. */
static unsigned decode_utf8(const unsigned char *s, size_t *n)
{
	unsigned cp;
	size_t want, i;

	if (s[0] < 0xc0 || s[0] >= 0xf8) {
		*n = 1;
		return 0xfffd;
	}
	want = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
	cp = s[0] & (0x7f >> want);
	for (i = 1; i < want; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*n = i;
			return 0xfffd;
		}
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	*n = want;
	return cp;
}

/*
 * Text for a roff line: markup escaped, `...` in bold. *bold carries an
 * open backquote span over to the next line.
 */
static void add_escaped(struct strbuf *sb, const char *s, size_t len, int *bold)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		size_t n = 1;
		if (*p == '\\') {
			strbuf_addstr(sb, "\\e");
		} else if (*p == '-') {
			strbuf_addstr(sb, "\\-");
		} else if (*p == '`') {
			*bold = !*bold;
			strbuf_addstr(sb, *bold ? "\\fB" : "\\fR");
		} else if (*p >= 0x80) {
			strbuf_addf(sb, "\\[u%04X]", decode_utf8(p, &n));
			if (n > (size_t)(end - p))
				n = (size_t)(end - p);
		} else if (*p >= 0x20 || *p == '\t') {
			strbuf_addch(sb, *p);
		}
		p += n;
	}
}

/* One output line of text; a leading dot or quote would be read as a request. */
static void put_line(FILE *out, const char *s, size_t len, int *bold)
{
	struct strbuf sb = STRBUF_INIT;
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	if (!len)
		return;
	if (*s == '.' || *s == '\'')
		strbuf_addstr(&sb, "\\&");
	add_escaped(&sb, s, len, bold);
	fprintf(out, "%s\n", sb.buf);
	strbuf_release(&sb);
}

static size_t line_len(const char *s)
{
	const char *nl = strchr(s, '\n');
	return nl ? (size_t)(nl - s) : strlen(s);
}

static int is_blank(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	return !len;
}

/* Prose in the plain-text form of manpage.h, as roff paragraphs. */
static void put_prose(FILE *out, const char *text)
{
	const char *p = text;
	int bold = 0, verbatim = 0, first = 1, fresh = 1;

	while (*p) {
		size_t len = line_len(p);
		const char *next = p + len + (p[len] == '\n');

		if (is_blank(p, len)) {
			fresh = 1;
		} else if (len >= 4 && !memcmp(p, "    ", 4)) {
			struct strbuf sb = STRBUF_INIT;
			if (!verbatim)
				fputs(first ? ".RS 4\n.nf\n" : ".PP\n.RS 4\n.nf\n", out);
			verbatim = 1;
			strbuf_addstr(&sb, "\\&");
			add_escaped(&sb, p + 4, len - 4, &bold);
			fprintf(out, "%s\n", sb.buf);
			strbuf_release(&sb);
			fresh = 0;
		} else {
			if (verbatim) {
				fputs(".fi\n.RE\n", out);
				verbatim = 0;
				fresh = 1;
			}
			if (len >= 2 && !memcmp(p, "* ", 2)) {
				fputs(".TP\n", out);
				put_line(out, p + 2, len - 2, &bold);
			} else {
				if (fresh && !first)
					fputs(".PP\n", out);
				put_line(out, p, len, &bold);
			}
			fresh = 0;
		}
		first = 0;
		p = next;
	}
	if (verbatim)
		fputs(".fi\n.RE\n", out);
	if (bold)
		fputs("\\fR\n", out);
}

static void put_option(FILE *out, const struct option *o)
{
	struct strbuf sb = STRBUF_INIT;
	int bold = 0;

	if (o->short_name)
		strbuf_addf(&sb, "\\fB\\-%c\\fR", o->short_name);
	if (o->short_name && o->long_name)
		strbuf_addstr(&sb, ", ");
	if (o->long_name) {
		strbuf_addstr(&sb, "\\fB\\-\\-");
		add_escaped(&sb, o->long_name, strlen(o->long_name), &bold);
		strbuf_addstr(&sb, "\\fR");
	}
	if (o->type != OPT_TYPE_BOOL) {
		const char *argh = o->argh ? o->argh : "VALUE";
		strbuf_addstr(&sb, " \\fI");
		add_escaped(&sb, argh, strlen(argh), &bold);
		strbuf_addstr(&sb, "\\fR");
	}
	fprintf(out, ".TP\n%s\n", sb.buf);
	put_prose(out, o->help ? o->help : "");
	strbuf_release(&sb);
}

/* "\fBplumber lint\fR [options] [PATH...]": the command in bold, the rest as it is. */
static void put_synopsis(FILE *out, const char *line)
{
	struct strbuf sb = STRBUF_INIT;
	size_t cmd = strlen(prog_name);
	int bold = 0;

	if (strncmp(line, prog_name, cmd) || (line[cmd] && line[cmd] != ' '))
		cmd = 0;
	strbuf_addstr(&sb, "\\fB");
	add_escaped(&sb, line, cmd, &bold);
	strbuf_addstr(&sb, "\\fR");
	add_escaped(&sb, line + cmd, strlen(line + cmd), &bold);
	fprintf(out, "%s\n", sb.buf);
	strbuf_release(&sb);
}

void man_write(FILE *out, const struct man_page *page, const char *const *usage,
	       const char *about, const struct option *opts)
{
	struct strbuf name = STRBUF_INIT, upper = STRBUF_INIT, sb = STRBUF_INIT;
	const struct option *o;
	size_t i, package;
	int bold = 0;

	if (page) {
		strbuf_addstr(&name, page->name);
	} else {
		const char *p;
		for (p = prog_name; *p; p++)
			strbuf_addch(&name, *p == ' ' ? '-' : *p);
	}
	for (i = 0; i < name.len; i++)
		strbuf_addch(&upper, name.buf[i] >= 'a' && name.buf[i] <= 'z' ? name.buf[i] - 'a' + 'A'
									     : name.buf[i]);
	package = strcspn(name.buf, "-");

	/* .TH TITLE 1 date source manual: no date, so that a page is the same on every build */
	strbuf_addstr(&sb, ".TH ");
	add_escaped(&sb, upper.buf, upper.len, &bold);
	strbuf_addstr(&sb, " 1 \"\" \"");
	add_escaped(&sb, name.buf, package, &bold);
	if (page && page->version) {
		strbuf_addch(&sb, ' ');
		add_escaped(&sb, page->version, strlen(page->version), &bold);
	}
	strbuf_addstr(&sb, "\" \"");
	add_escaped(&sb, name.buf, package, &bold);
	strbuf_addstr(&sb, " manual\"");
	/* .nh: options, paths and rule names are not words to hyphenate */
	fprintf(out, ".\\\" Written by '%s --help-man' from its option table.\n%s\n.nh\n",
		prog_name, sb.buf);
	strbuf_reset(&sb);

	fputs(".SH NAME\n", out);
	add_escaped(&sb, name.buf, name.len, &bold);
	if (page && page->summary) {
		strbuf_addstr(&sb, " \\- ");
		add_escaped(&sb, page->summary, strlen(page->summary), &bold);
	}
	fprintf(out, "%s\n", sb.buf);

	fputs(".SH SYNOPSIS\n.nf\n", out);
	for (i = 0; usage[i]; i++)
		put_synopsis(out, usage[i]);
	fputs(".fi\n", out);
	if (about) {
		fputs(".SH DESCRIPTION\n", out);
		put_prose(out, about);
	}

	fputs(".SH OPTIONS\n", out);
	for (o = opts; o->type != OPT_TYPE_END; o++) {
		if (o->hidden)
			continue;
		if (o->type == OPT_TYPE_GROUP) {
			fputs(".SS ", out);
			put_line(out, o->help, strlen(o->help), &bold);
			continue;
		}
		put_option(out, o);
	}
	put_option(out, &option_help);

	for (i = 0; page && page->sections && page->sections[i].title; i++) {
		const struct man_section *sec = &page->sections[i];
		fputs(".SH ", out);
		put_line(out, sec->title, strlen(sec->title), &bold);
		strbuf_reset(&sb);
		if (sec->make)
			sec->make(&sb);
		put_prose(out, sec->make ? sb.buf : sec->text);
	}
	strbuf_release(&name);
	strbuf_release(&upper);
	strbuf_release(&sb);
}
