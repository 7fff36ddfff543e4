/*
 * cmd_explain.c - plumber explain: read a goroutine dump, group it, and
 * name the leak it shows.
 */
#include "commands.h"
#include "base/options.h"
#include "base/strbuf.h"
#include "dump/dump.h"

#include "base/libcurl.h"
#include <jansson.h>
#include <unistd.h>

#define MAX_DUMP_BYTES ((size_t)1 << 30)
#define MAX_FETCH_BYTES ((size_t)256 << 20)
#define WIDTH 80

static const char *const explain_usage[] = {
	"plumber explain [options] [FILE | -]",
	"plumber explain [options] --pprof URL",
	"plumber explain [options] --diff BEFORE AFTER",
	NULL,
};

static const char explain_about[] =
	"Reads a Go goroutine dump (runtime.Stack, /debug/pprof/goroutine?debug=2\n"
	"or ?debug=1, a crash or SIGQUIT traceback, goleak or a test's leak\n"
	"check), also as pasted (spaces for tabs, quotes, fences, log prefixes,\n"
	"cut short), groups goroutines with the same stack, says what each\n"
	"net/http goroutine is and names the leak each group shows. Exit\n"
	"status: 0 no leak, 1 a leak was diagnosed (with --diff: some group\n"
	"grew), 2 usage or input error.";

struct explain_opts {
	const char *format;
	const char *color;
	const char *pprof;
	int aggressive, diff, all, timeout;
};

/* ---------------------------------------------------------------- */
/* Input                                                            */

static size_t on_curl_data(char *ptr, size_t size, size_t nmemb, void *ctx)
{
	struct strbuf *sb = ctx;
	size_t n = size * nmemb;
	if (sb->len + n > MAX_FETCH_BYTES)
		return 0; /* makes curl fail with CURLE_WRITE_ERROR */
	strbuf_add(sb, ptr, n);
	return n;
}

/*
 * GET URL/debug/pprof/goroutine?debug=2 (URL as given when it already
 * names a /debug/pprof/ path). Dies with one line on any failure.
 */
static void fetch_pprof(const char *base, int timeout, struct strbuf *out, struct strbuf *url)
{
	CURL *curl;
	CURLcode rc;
	char errbuf[CURL_ERROR_SIZE] = "";
	long status = 0;

	if (!strstr(base, "://"))
		strbuf_addstr(url, "http://");
	strbuf_addstr(url, base);
	if (!strstr(base, "/debug/pprof/")) {
		while (url->len && url->buf[url->len - 1] == '/')
			strbuf_setlen(url, url->len - 1);
		strbuf_addstr(url, "/debug/pprof/goroutine?debug=2");
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT))
		die("cannot initialize libcurl");
	curl = curl_easy_init();
	if (!curl)
		die("cannot initialize libcurl");
	curl_easy_setopt(curl, CURLOPT_URL, url->buf);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)(timeout < 5 ? timeout : 5));
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)timeout);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "plumber-explain");
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_curl_data);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
	rc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(curl);
	curl_global_cleanup();
	if (rc == CURLE_OPERATION_TIMEDOUT)
		die("%s did not answer within %d seconds; check the address or raise --timeout",
		    url->buf, timeout);
	if (rc == CURLE_WRITE_ERROR)
		die("%s sent more than %zu MiB; is it a goroutine dump?", url->buf,
		    MAX_FETCH_BYTES >> 20);
	if (rc != CURLE_OK)
		die("cannot fetch %s: %s; check the URL and that net/http/pprof is served there",
		    url->buf, errbuf[0] ? errbuf : curl_easy_strerror(rc));
	if (status != 200)
		die("%s answered HTTP %ld; is net/http/pprof registered on that server?",
		    url->buf, status);
}

/* Read FILE or "-" into sb; dies on failure. */
static void read_input(const char *path, struct strbuf *sb)
{
	long n;
	if (!strcmp(path, "-"))
		n = strbuf_read_fd(sb, 0, MAX_DUMP_BYTES);
	else
		n = strbuf_read_file(sb, path, MAX_DUMP_BYTES);
	if (n == -2)
		die("%s is larger than %zu MiB; cut it down to the goroutines of interest",
		    path, MAX_DUMP_BYTES >> 20);
	if (n < 0)
		die_errno("cannot read '%s'", path);
}

/*
 * Returns 1 when the `select` at file:line also waits on a timer or a
 * ticker (time.After, time.Tick, <-t.C): LeakProf does not count those,
 * they wake up by themselves. Reads the source when it is on this machine.
 */
static int select_has_timer(void *ctx, const char *file, int line)
{
	struct strbuf src = STRBUF_INIT;
	const char *p, *end;
	int ln = 1, depth = 0, opened = 0, found = 0, lines = 0;
	UNUSED(ctx);
	if (line <= 0 || strbuf_read_file(&src, file, 8u << 20) < 0) {
		strbuf_release(&src);
		return 0;
	}
	p = src.buf;
	end = src.buf + src.len;
	while (p < end && ln < line) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		p = nl + 1;
		ln++;
	}
	/* from the select keyword to its closing brace, at most 300 lines */
	{
		const char *sel = strstr(p, "select");
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!sel || (eol && sel > eol)) {
			strbuf_release(&src);
			return 0;
		}
		p = sel;
	}
	while (p < end && lines < 300) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct strbuf l = STRBUF_INIT;
		size_t i;
		strbuf_add(&l, p, n);
		if (strstr(l.buf, "time.After") || strstr(l.buf, "time.Tick") ||
		    strstr(l.buf, ".C:") || strstr(l.buf, ".C)"))
			found = 1;
		strbuf_release(&l);
		for (i = 0; i < n; i++) {
			if (p[i] == '{')
				depth++, opened = 1;
			else if (p[i] == '}')
				depth--;
		}
		if (found || (opened && depth <= 0) || !nl)
			break;
		p = nl + 1;
		lines++;
	}
	strbuf_release(&src);
	return found;
}

/* ---------------------------------------------------------------- */
/* Text output                                                      */

struct out {
	FILE *f;
	int color;
};

static const char *c_on(const struct out *o, const char *code)
{
	return o->color ? code : "";
}
#define BOLD "\033[1m"
#define RED "\033[1;31m"
#define YELLOW "\033[33m"
#define DIM "\033[2m"
static const char *c_off(const struct out *o)
{
	return o->color ? "\033[0m" : "";
}

/* Print s after `indent` spaces, shortened from the left to fit WIDTH. */
static void put_fit(const struct out *o, int indent, const char *prefix, const char *s,
		    const char *code)
{
	size_t avail = WIDTH - 1 - (size_t)indent - strlen(prefix), n = strlen(s);
	fprintf(o->f, "%*s%s%s", indent, "", prefix, c_on(o, code));
	if (n > avail && avail > 3)
		fprintf(o->f, "...%s", s + n - (avail - 3));
	else
		fputs(s, o->f);
	fprintf(o->f, "%s\n", c_off(o));
}

/* Print words wrapped to WIDTH, every line indented. */
static void put_wrapped(const struct out *o, int indent, const char *label, const char *text)
{
	size_t col = (size_t)indent;
	const char *p = text;
	fprintf(o->f, "%*s", indent, "");
	if (label) {
		fprintf(o->f, "%s%s%s ", c_on(o, BOLD), label, c_off(o));
		col += strlen(label) + 1;
	}
	while (*p) {
		size_t w = strcspn(p, " ");
		if (col + 1 + w >= WIDTH && col > (size_t)indent + 2) {
			fprintf(o->f, "\n%*s", indent + 2, "");
			col = (size_t)indent + 2;
		} else if (p != text) {
			fputc(' ', o->f);
			col++;
		}
		fwrite(p, 1, w, o->f);
		col += w;
		p += w;
		while (*p == ' ')
			p++;
	}
	fputc('\n', o->f);
}

static void format_state(struct strbuf *sb, const struct dump_group *g)
{
	strbuf_addstr(sb, g->state ? g->state : "state unknown");
	if (g->state_inferred)
		strbuf_addstr(sb, "?");
	if (g->wait_max > 0) {
		if (g->wait_min != g->wait_max)
			strbuf_addf(sb, ", %d-%d minutes", g->wait_min, g->wait_max);
		else
			strbuf_addf(sb, ", %d minutes", g->wait_max);
	}
	if (g->leftover)
		strbuf_addstr(sb, ", left running by a test");
	else if (g->leaked)
		strbuf_addstr(sb, ", leaked");
	if (g->cut)
		strbuf_addstr(sb, ", stack cut");
	if (g->locked)
		strbuf_addstr(sb, ", locked to thread");
}

static void put_location(const struct out *o, int indent, const struct dump_frame *f)
{
	struct strbuf sb = STRBUF_INIT;
	if (!f->file[0])
		return;
	strbuf_addf(&sb, "%s:%d", f->file, f->line);
	put_fit(o, indent, "", sb.buf, DIM);
	strbuf_release(&sb);
}

static void print_group(const struct out *o, const struct dump_group *g, const char *prefix)
{
	struct strbuf sb = STRBUF_INIT;
	size_t rest;

	strbuf_addf(&sb, "%s%zu goroutine%s [", prefix, g->count, g->count == 1 ? "" : "s");
	format_state(&sb, g);
	strbuf_addstr(&sb, "]");
	put_fit(o, 2, "", sb.buf, BOLD);
	strbuf_release(&sb);
	if (!g->nr_frames) {
		fprintf(o->f, "      (no stack)\n");
	} else {
		put_fit(o, 6, "", g->frames[0].func, "");
		put_location(o, 10, &g->frames[0]);
	}
	if (g->user_frame < g->nr_frames && g->user_frame > 0) {
		const struct dump_frame *u = &g->frames[g->user_frame];
		if (g->user_frame > 1)
			fprintf(o->f, "      %s(%zu standard library frame%s)%s\n", c_on(o, DIM),
				g->user_frame - 1, g->user_frame == 2 ? "" : "s", c_off(o));
		put_fit(o, 6, "", u->func, YELLOW);
		put_location(o, 10, u);
		rest = g->nr_frames - g->user_frame - 1;
	} else {
		rest = g->nr_frames ? g->nr_frames - 1 : 0;
	}
	if (rest)
		fprintf(o->f, "      %s(%zu more frame%s)%s\n", c_on(o, DIM), rest,
			rest == 1 ? "" : "s", c_off(o));
	if (g->created_by)
		put_fit(o, 6, "created by ", g->created_by, "");
	if (g->role)
		put_fit(o, 6, "role: ", g->role->name, "");
	if (g->user_frame < g->nr_frames) {
		const struct dump_frame *u = &g->frames[g->user_frame];
		struct strbuf at = STRBUF_INIT;
		if (u->file[0])
			strbuf_addf(&at, "%s:%d", u->file, u->line);
		else
			strbuf_addstr(&at, u->func);
		put_fit(o, 6, "look here: ", at.buf, YELLOW);
		strbuf_release(&at);
	}
}

static const char *const kind_order[] = {
	"unclosed-body", "idle-conn-growth", "stuck-write", "hung-request", "blocked-goroutines",
};

/*
 * "What the goroutines are": every role present, with its count, what it
 * is and when it is normal, whether or not a group was diagnosed.
 */
static void print_roles(const struct out *o, const struct dump *d)
{
	size_t i, r, n = 0;
	const char *done[64];
	size_t nr_done = 0;
	for (r = 0; r < dump_nr_roles; r++) {
		const struct dump_role *role = &dump_roles[r];
		size_t count = 0, k;
		struct strbuf sb = STRBUF_INIT;
		for (k = 0; k < nr_done; k++)
			if (!strcmp(done[k], role->name))
				break;
		if (k < nr_done)
			continue; /* a name with two rows: counted at its first */
		for (i = 0; i < d->nr_groups; i++)
			if (d->groups[i].role && !strcmp(d->groups[i].role->name, role->name))
				count += d->groups[i].count;
		if (nr_done < ARRAY_SIZE(done))
			done[nr_done++] = role->name;
		if (!count)
			continue;
		if (!n++)
			fprintf(o->f, "\n%swhat the net/http goroutines are%s\n", c_on(o, BOLD), c_off(o));
		strbuf_addf(&sb, "%zu %s (%s", count, count == 1 ? role->one : role->many, role->name);
		/* an HTTP/1 request awaiting its headers keeps a readLoop in Peek too */
		if (!strcmp(role->name, "idle-conn")) {
			size_t busy = dump_count_roles(d, (const char *const[]){ "in-flight-request", NULL });
			if (busy)
				strbuf_addf(&sb, "; up to %zu of them carry the requests in flight",
					    busy < count ? busy : count);
		}
		strbuf_addf(&sb, "): %s", role->note);
		put_wrapped(o, 2, NULL, sb.buf);
		strbuf_release(&sb);
	}
}

static int print_text(const struct out *o, const struct dump *d, int all)
{
	size_t i, k, shown = 0, others = 0, other_count = 0;
	int leaks = 0;

	fprintf(o->f, "%s%zu goroutine%s in %zu group%s%s (%s dump", c_on(o, BOLD), d->total,
		d->total == 1 ? "" : "s", d->nr_groups, d->nr_groups == 1 ? "" : "s", c_off(o),
		dump_format_name(d->format));
	if (d->declared_total && d->declared_total != d->total)
		fprintf(o->f, "; its header says total %zu", d->declared_total);
	fprintf(o->f, ")\n");
	for (k = 0; k < ARRAY_SIZE(kind_order); k++) {
		size_t n = 0, count = 0;
		const struct dump_signature *main_sig = NULL;
		for (i = 0; i < d->nr_groups; i++) {
			const struct dump_signature *s = d->groups[i].diagnosis;
			if (s && !strcmp(s->kind, kind_order[k])) {
				n++;
				count += d->groups[i].count;
				if (!main_sig || (main_sig->companion && !s->companion))
					main_sig = s;
			}
		}
		if (!n)
			continue;
		leaks += main_sig->leak;
		fprintf(o->f, "\n%s%s%s: %zu goroutine%s in %zu group%s\n", c_on(o, RED),
			kind_order[k], c_off(o), count, count == 1 ? "" : "s", n, n == 1 ? "" : "s");
		put_wrapped(o, 2, NULL, main_sig->summary);
		put_wrapped(o, 2, "fix:", main_sig->fix);
		if (main_sig->lint_rule) {
			struct strbuf l = STRBUF_INIT;
			strbuf_addf(&l, "%s (plumber lint finds the cause in the source)",
				    main_sig->lint_rule);
			put_wrapped(o, 2, "lint rule:", l.buf);
			strbuf_release(&l);
		}
		for (i = 0; i < d->nr_groups; i++) {
			const struct dump_signature *s = d->groups[i].diagnosis;
			if (s && !strcmp(s->kind, kind_order[k])) {
				fputc('\n', o->f);
				print_group(o, &d->groups[i], "");
			}
		}
	}
	print_roles(o, d);
	for (i = 0; i < d->nr_groups; i++)
		if (!d->groups[i].diagnosis) {
			others++;
			other_count += d->groups[i].count;
		}
	if (others) {
		fprintf(o->f, "\n%sother groups%s: %zu goroutine%s in %zu group%s, no leak signature\n",
			c_on(o, BOLD), c_off(o), other_count, other_count == 1 ? "" : "s", others,
			others == 1 ? "" : "s");
		for (i = 0; i < d->nr_groups; i++) {
			if (d->groups[i].diagnosis)
				continue;
			if (!all && shown == 10) {
				fprintf(o->f, "\n  (%zu more groups; --all shows them)\n", others - shown);
				break;
			}
			fputc('\n', o->f);
			print_group(o, &d->groups[i], "");
			shown++;
		}
	}
	if (!leaks)
		fprintf(o->f, "\nno known leak signature in this dump\n");
	return leaks ? EXIT_FOUND : EXIT_CLEAN;
}

/* ---------------------------------------------------------------- */
/* JSON output                                                      */

static json_t *jstr(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;
	if (!s)
		return json_null();
	strbuf_add_utf8(&sb, s, strlen(s));
	j = json_stringn(sb.buf, sb.len);
	strbuf_release(&sb);
	return j ? j : json_null();
}

static json_t *json_diagnosis(const struct dump_signature *s)
{
	if (!s)
		return json_null();
	return json_pack("{s:s, s:s, s:s, s:o}", "kind", s->kind, "summary", s->summary,
			 "fix", s->fix, "lint_rule", jstr(s->lint_rule));
}

/* The fields every group carries, in DESIGN.md's order. */
static void json_group_fields(json_t *o, const struct dump_group *g)
{
	json_t *frames = json_array();
	size_t i;
	json_object_set_new(o, "state", jstr(g->state));
	json_object_set_new(o, "wait_minutes",
			    json_pack("[i, i]", (json_int_t)g->wait_min, (json_int_t)g->wait_max));
	for (i = 0; i < g->nr_frames; i++)
		json_array_append_new(frames, json_pack("{s:o, s:o, s:i}",
			"func", jstr(g->frames[i].func), "file", jstr(g->frames[i].file),
			"line", (json_int_t)g->frames[i].line));
	json_object_set_new(o, "frames", frames);
	json_object_set_new(o, "created_by", jstr(g->created_by));
	json_object_set_new(o, "role", jstr(g->role ? g->role->name : NULL));
	json_object_set_new(o, "diagnosis", json_diagnosis(g->diagnosis));
}

static void json_print(json_t *root)
{
	json_dumpf(root, stdout, JSON_PRESERVE_ORDER | JSON_COMPACT);
	fputc('\n', stdout);
	json_decref(root);
}

static int print_json(const struct dump *d)
{
	json_t *root = json_object(), *groups = json_array();
	size_t i;
	int leaks = 0;
	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "format", json_string(dump_format_name(d->format)));
	json_object_set_new(root, "total", json_integer((json_int_t)d->total));
	for (i = 0; i < d->nr_groups; i++) {
		const struct dump_group *g = &d->groups[i];
		json_t *o = json_object();
		json_object_set_new(o, "count", json_integer((json_int_t)g->count));
		json_group_fields(o, g);
		json_array_append_new(groups, o);
		if (g->diagnosis && g->diagnosis->leak)
			leaks = 1;
	}
	json_object_set_new(root, "groups", groups);
	json_print(root);
	return leaks ? EXIT_FOUND : EXIT_CLEAN;
}

/* ---------------------------------------------------------------- */
/* Loading and --diff                                               */

static const struct dump_diag_options diag_opts = { select_has_timer, NULL };

/* Parse and analyze a buffer; dies when it holds no dump. */
static void load_dump(struct dump *d, const struct explain_opts *eo, const char *name,
		      const struct strbuf *sb)
{
	struct dump_options opts = { .aggressive = eo->aggressive };
	dump_init(d, &opts);
	if (dump_parse(d, sb->buf, sb->len) < 0)
		die("no goroutine dump found in %s; expected runtime.Stack, pprof "
		    "goroutine (debug=1 or 2), a traceback, goleak or a test's leak check", name);
	if (d->truncated)
		warning("%s is cut short: %s", name, d->truncated);
	if ((d->format == DUMP_FORMAT_COUNT || d->format == DUMP_FORMAT_LEAKCOUNT) &&
	    d->declared_total && d->declared_total != d->total + d->stackless)
		warning("%s: the profile header says total %zu, the records hold %zu%s", name,
			d->declared_total, d->total + d->stackless,
			d->declared_total > d->total + d->stackless ?
			" (records are missing: a cut or edited paste)" : "");
	if (d->skipped)
		warning("%s: skipped %zu line%s that looked like part of a dump but fit "
			"nowhere; the first, line %zu: %s", name, d->skipped,
			d->skipped == 1 ? "" : "s", d->skipped_line, d->skipped_text);
	dump_analyze(d, &diag_opts);
}

static int growth_cmp(const void *a, const void *b)
{
	const long *x = a, *y = b; /* {growth, index} */
	if (x[0] != y[0])
		return x[0] > y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

static int run_diff(const struct explain_opts *eo, const struct out *o, const char *a,
		    const char *b)
{
	struct strbuf sa = STRBUF_INIT, sb = STRBUF_INIT;
	struct dump before, after;
	long *grown;
	size_t i, nr = 0;
	int json = !strcmp(eo->format, "json");

	read_input(a, &sa);
	read_input(b, &sb);
	load_dump(&before, eo, a, &sa);
	load_dump(&after, eo, b, &sb);
	strbuf_release(&sa);
	strbuf_release(&sb);

	grown = xcalloc(after.nr_groups + 1, 2 * sizeof(*grown));
	for (i = 0; i < after.nr_groups; i++) {
		const struct dump_group *g = &after.groups[i];
		uintptr_t idx = (uintptr_t)strmap_get(&before.index, g->key, strlen(g->key));
		size_t was = idx ? before.groups[idx - 1].count : 0;
		if (g->count > was) {
			grown[2 * nr] = (long)(g->count - was);
			grown[2 * nr + 1] = (long)i;
			nr++;
		}
	}
	qsort(grown, nr, 2 * sizeof(*grown), growth_cmp);

	if (json) {
		json_t *root = json_object(), *arr = json_array();
		json_object_set_new(root, "version", json_integer(1));
		json_object_set_new(root, "format", json_string("diff"));
		json_object_set_new(root, "before", json_pack("{s:s, s:I}", "format",
			dump_format_name(before.format), "total", (json_int_t)before.total));
		json_object_set_new(root, "after", json_pack("{s:s, s:I}", "format",
			dump_format_name(after.format), "total", (json_int_t)after.total));
		for (i = 0; i < nr; i++) {
			const struct dump_group *g = &after.groups[grown[2 * i + 1]];
			json_t *obj = json_object();
			json_object_set_new(obj, "growth", json_integer(grown[2 * i]));
			json_object_set_new(obj, "before",
					    json_integer((json_int_t)(g->count - (size_t)grown[2 * i])));
			json_object_set_new(obj, "count", json_integer((json_int_t)g->count));
			json_group_fields(obj, g);
			json_array_append_new(arr, obj);
		}
		json_object_set_new(root, "grown", arr);
		json_print(root);
	} else {
		long delta = (long)after.total - (long)before.total;
		fprintf(o->f, "%sgoroutines: %zu -> %zu (%+ld)%s\n", c_on(o, BOLD), before.total,
			after.total, delta, c_off(o));
		if (!nr)
			fprintf(o->f, "no group grew\n");
		for (i = 0; i < nr; i++) {
			const struct dump_group *g = &after.groups[grown[2 * i + 1]];
			struct strbuf p = STRBUF_INIT;
			strbuf_addf(&p, "+%ld (%zu -> %zu)  ", grown[2 * i],
				    g->count - (size_t)grown[2 * i], g->count);
			fputc('\n', o->f);
			print_group(o, g, p.buf);
			if (g->diagnosis) {
				struct strbuf k = STRBUF_INIT;
				strbuf_addf(&k, "%s:", g->diagnosis->kind);
				put_wrapped(o, 6, k.buf, g->diagnosis->summary);
				strbuf_release(&k);
			}
			strbuf_release(&p);
		}
	}
	free(grown);
	dump_release(&before);
	dump_release(&after);
	return nr ? EXIT_FOUND : EXIT_CLEAN;
}

/* ---------------------------------------------------------------- */

int cmd_explain(int argc, const char **argv)
{
	struct explain_opts eo = { .format = "text", .color = "auto", .timeout = 30 };
	const struct option opts[] = {
		OPT_GROUP("Input"),
		OPT_STRING(0, "pprof", &eo.pprof, "URL",
			   "read URL/debug/pprof/goroutine?debug=2, not a file"),
		OPT_INT(0, "timeout", &eo.timeout, "SECONDS",
			"give up on --pprof after this long (default 30)"),
		OPT_BOOL(0, "diff", &eo.diff, "compare two dumps: which groups grew, by how much"),
		OPT_GROUP("Grouping"),
		OPT_BOOL(0, "aggressive", &eo.aggressive,
			 "also merge stacks that differ only in line numbers"),
		OPT_GROUP("Output"),
		OPT_STRING('f', "format", &eo.format, "FORMAT", "text (default) or json"),
		OPT_STRING(0, "color", &eo.color, "WHEN", "auto (default: on a terminal), always, never"),
		OPT_BOOL('a', "all", &eo.all, "list every group in text output, not just the top 10"),
		OPT_END(),
	};
	struct out o = { stdout, 0 };
	struct strbuf sb = STRBUF_INIT, url = STRBUF_INIT;
	struct dump d;
	const char *name;
	int nr, rc;

	nr = parse_options(argc, argv, opts, explain_usage, explain_about, NULL);
	if (strcmp(eo.format, "text") && strcmp(eo.format, "json"))
		die("unknown format '%s'; use text or json", eo.format);
	if (!strcmp(eo.color, "always"))
		o.color = 1;
	else if (!strcmp(eo.color, "auto"))
		o.color = isatty(1) && !getenv("NO_COLOR");
	else if (strcmp(eo.color, "never"))
		die("unknown --color '%s'; use auto, always or never", eo.color);
	if (eo.timeout <= 0)
		die("--timeout must be at least 1 second");

	if (eo.diff) {
		if (nr != 2 || eo.pprof)
			die("--diff takes two dumps, BEFORE and AFTER; see 'plumber explain --help'");
		return run_diff(&eo, &o, argv[0], argv[1]);
	}
	if (eo.pprof) {
		if (nr)
			die("give either --pprof URL or a file, not both");
		fetch_pprof(eo.pprof, eo.timeout, &sb, &url);
		name = url.buf;
	} else {
		if (nr > 1)
			die("give one dump file (or - for standard input); --diff compares two");
		if (!nr && isatty(0))
			die("give a dump file, - for standard input, or --pprof URL; see 'plumber explain --help'");
		name = nr ? argv[0] : "-";
		read_input(name, &sb);
		if (!strcmp(name, "-"))
			name = "standard input";
	}
	load_dump(&d, &eo, name, &sb);
	strbuf_release(&sb);
	if (!strcmp(eo.format, "json"))
		rc = print_json(&d);
	else
		rc = print_text(&o, &d, eo.all);
	fflush(stdout);
	dump_release(&d);
	strbuf_release(&url);
	return rc;
}
