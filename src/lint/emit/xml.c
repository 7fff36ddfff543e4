/*
 * xml.c - escaping shared by the XML formats (checkstyle, junit-xml).
 */
#include "lint/emit/emit.h"
#include "base/strbuf.h"

void emit_xml_text(FILE *out, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p;

	/* Bytes that are not UTF-8 become U+FFFD first; what is left is valid UTF-8. */
	strbuf_add_utf8(&sb, s, strlen(s));
	for (p = (const unsigned char *)sb.buf; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		/* as references: an attribute value would turn them into spaces */
		case '\t': fputs("&#9;", out); break;
		case '\n': fputs("&#10;", out); break;
		case '\r': fputs("&#13;", out); break;
		default:
			if (*p < 0x20) {
				/* XML 1.0 has no way to write the other C0 controls */
				fputs("\xef\xbf\xbd", out);
			} else if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) {
				/* nor U+FFFE and U+FFFF */
				fputs("\xef\xbf\xbd", out);
				p += 2;
			} else {
				fputc(*p, out);
			}
		}
	}
	strbuf_release(&sb);
}
