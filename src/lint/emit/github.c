/*
 * github.c - GitHub Actions workflow commands:
 *   ::warning file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE
 * Data is escaped as the runner expects (% \r \n, and : , in properties).
 */
#include "lint/emit/emit.h"

static void put_escaped(FILE *out, const char *s, int property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':': fputs(property ? "%3A" : ":", out); break;
		case ',': fputs(property ? "%2C" : ",", out); break;
		default: fputc(*s, out);
		}
	}
}

static void github_begin(FILE *out)
{
	UNUSED(out);
}

static void github_file(FILE *out, const struct lint_file *f)
{
	size_t i;
	for (i = 0; i < f->nr_findings; i++) {
		const struct finding *fd = &f->findings[i];
		fprintf(out, "::%s file=", strcmp(fd->rule->severity, "error") ? "warning" : "error");
		put_escaped(out, f->path, 1);
		fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", fd->line, fd->col,
			fd->end_line, fd->end_col);
		put_escaped(out, fd->rule->id, 1);
		fputs("::", out);
		put_escaped(out, fd->message, 0);
		fputc('\n', out);
	}
}

static void github_end(FILE *out, const struct lint_stats *stats)
{
	UNUSED(out);
	UNUSED(stats);
}

const struct emitter emit_github = { "github", github_begin, github_file, github_end };
