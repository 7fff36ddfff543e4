/*
 * checkstyle.c - Checkstyle's XML report, which Jenkins' warnings plugin,
 * reviewdog and most CI dashboards read:
 *   <checkstyle version="4.3">
 *     <file name="PATH">
 *       <error line="L" column="C" severity="error|warning" message="..."
 *              source="plumber.RULE"/>
 *     </file>
 *   </checkstyle>
 * Only files with findings are listed. Streams, one <file> per input file.
 */
#include "lint/emit/emit.h"

static void checkstyle_begin(FILE *out)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n", out);
}

static void checkstyle_file(FILE *out, const struct lint_file *f)
{
	size_t i;
	if (!f->nr_findings)
		return;
	fputs("  <file name=\"", out);
	emit_xml_text(out, f->path);
	fputs("\">\n", out);
	for (i = 0; i < f->nr_findings; i++) {
		const struct finding *fd = &f->findings[i];
		fprintf(out, "    <error line=\"%u\" column=\"%u\" severity=\"%s\" message=\"", fd->line,
			fd->col, fd->rule->severity);
		emit_xml_text(out, fd->message);
		fprintf(out, "\" source=\"plumber.%s\"/>\n", fd->rule->id);
	}
	fputs("  </file>\n", out);
}

static void checkstyle_end(FILE *out, const struct lint_stats *stats)
{
	UNUSED(stats);
	fputs("</checkstyle>\n", out);
}

const struct emitter emit_checkstyle = { "checkstyle", checkstyle_begin, checkstyle_file,
					 checkstyle_end };
