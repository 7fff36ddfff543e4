/*
 * report_text.c - the verdict and findings of a watch, for people.
 */
#include "watch/watch.h"

#include <math.h>

/* A multi-line text under a label, each line indented by 6 spaces. */
static void add_indented(struct strbuf *sb, const char *label, const char *text)
{
	strbuf_addf(sb, "%s\n", label);
	while (*text) {
		size_t n = strcspn(text, "\n");
		strbuf_addf(sb, "      %.*s\n", (int)n, text);
		text += n + (text[n] == '\n');
	}
}

void report_text(FILE *out, const struct watch_report *r)
{
	const struct verdict *vd = r->verdict;
	const struct watch_data *d = r->data;
	struct strbuf sb = STRBUF_INIT;
	size_t i, j;

	strbuf_addf(&sb, "watched %s: %zu samples over %.1f s", r->target, d->nr, r->duration_s);
	if (r->ended)
		strbuf_addf(&sb, "; %s", r->ended);
	strbuf_addstr(&sb, "\n");
	strbuf_addf(&sb, "verdict: %s", vd->verdict);
	if (!strcmp(vd->verdict, "inconclusive"))
		strbuf_addf(&sb, " (%zu samples; at least %d are needed to judge a trend)", d->nr,
			    TREND_MIN_SAMPLES);
	else if (!strcmp(vd->verdict, "ok"))
		strbuf_addstr(&sb, " (no sustained growth in the recent window)");
	strbuf_addch(&sb, '\n');
	for (i = 0; i < vd->nr; i++) {
		const struct finding *f = &vd->findings[i];
		strbuf_addf(&sb, "%s: %s: %s\n", f->severity, f->kind, f->evidence);
		if (f->info && *f->info->fix)
			strbuf_addf(&sb, "    fix: %s\n", f->info->fix);
		if (f->info && *f->info->lint_rule)
			strbuf_addf(&sb, "    find the cause: plumber lint (rule %s)\n", f->info->lint_rule);
		for (j = 0; j < f->nr_source; j++)
			strbuf_addf(&sb, "    %s:%d: %s: %s\n", f->source[j].file, f->source[j].line,
				    f->source[j].rule, f->source[j].message);
		if (f->stack)
			add_indented(&sb, "    stack:", f->stack);
	}
	if (d->nr) {
		strbuf_addstr(&sb, "last sample:");
		for (i = 0; i < SERIES_NR; i++) {
			double v = watch_data_last(d, i);
			if (isnan(v) || (v == 0 && i != SERIES_FDS && i != SERIES_GOROUTINES))
				continue;
			strbuf_addf(&sb, " %s=", series_info[i].name);
			format_value(&sb, series_info[i].unit, v);
		}
		if (d->nofile_soft > 0)
			strbuf_addf(&sb, " fd_limit=%lld", d->nofile_soft);
		strbuf_addch(&sb, '\n');
	}
	fwrite(sb.buf, 1, sb.len, out);
	fflush(out);
	strbuf_release(&sb);
}
