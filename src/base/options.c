/*
 * options.c - see options.h.
 */
#include "options.h"
#include "manpage.h"
#include "strbuf.h"

#include <errno.h>

void strvec_push(struct strvec *sv, const char *s)
{
	ALLOC_GROW(sv->v, sv->nr + 1, sv->alloc);
	sv->v[sv->nr++] = xstrdup(s);
}

void strvec_clear(struct strvec *sv)
{
	size_t i;
	for (i = 0; i < sv->nr; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->nr = sv->alloc = 0;
}

static NORETURN void bad_usage(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* "unknown option '--x'; see 'plumber lint --help'" */
static void bad_usage(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	die("%s; see '%s --help'", sb.buf, prog_name);
}

static void describe(struct strbuf *sb, const struct option *o)
{
	if (o->long_name)
		strbuf_addf(sb, "--%s", o->long_name);
	else
		strbuf_addf(sb, "-%c", o->short_name);
}

static void set_value(const struct option *o, const char *arg)
{
	struct strbuf name = STRBUF_INIT;
	char *end;

	describe(&name, o);
	switch (o->type) {
	case OPT_TYPE_INT: {
		long v;
		errno = 0;
		v = strtol(arg, &end, 10);
		if (errno || end == arg || *end || v < 0 || v > 1000000000)
			bad_usage("%s expects a non-negative number, not '%s'", name.buf, arg);
		*(int *)o->value = (int)v;
		break;
	}
	case OPT_TYPE_DOUBLE: {
		double v;
		errno = 0;
		v = strtod(arg, &end);
		if (errno || end == arg || *end || v < 0)
			bad_usage("%s expects a non-negative number, not '%s'", name.buf, arg);
		*(double *)o->value = v;
		break;
	}
	case OPT_TYPE_STRING:
		*(const char **)o->value = arg;
		break;
	case OPT_TYPE_LIST: {
		struct strbuf item = STRBUF_INIT;
		strbuf_addstr(&item, o->prefix ? o->prefix : "");
		strbuf_addstr(&item, arg);
		strvec_push(o->value, item.buf);
		strbuf_release(&item);
		break;
	}
	default:
		BUG("option %s takes no value", name.buf);
	}
	strbuf_release(&name);
}

static int takes_value(const struct option *o)
{
	return o->type != OPT_TYPE_BOOL;
}

static const struct option *find_long(const struct option *opts, const char *name,
				      size_t len, int *negated)
{
	const struct option *o;
	*negated = 0;
	for (o = opts; o->type != OPT_TYPE_END; o++)
		if (o->long_name && strlen(o->long_name) == len &&
		    !memcmp(o->long_name, name, len))
			return o;
	if (len > 3 && !memcmp(name, "no-", 3)) {
		for (o = opts; o->type != OPT_TYPE_END; o++)
			if (o->type == OPT_TYPE_BOOL && o->long_name &&
			    strlen(o->long_name) == len - 3 &&
			    !memcmp(o->long_name, name + 3, len - 3)) {
				*negated = 1;
				return o;
			}
	}
	return NULL;
}

static const struct option *find_short(const struct option *opts, int c)
{
	const struct option *o;
	for (o = opts; o->type != OPT_TYPE_END; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

const struct option option_help = OPT_BOOL('h', "help", NULL, "show this help");

static void print_option(FILE *out, const struct option *o)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "    ");
	if (o->short_name)
		strbuf_addf(&sb, "-%c", o->short_name);
	if (o->short_name && o->long_name)
		strbuf_addstr(&sb, ", ");
	if (o->long_name)
		strbuf_addf(&sb, "--%s", o->long_name);
	if (takes_value(o))
		strbuf_addf(&sb, " %s", o->argh ? o->argh : "VALUE");
	if (sb.len >= 28) {
		fprintf(out, "%s\n", sb.buf);
		strbuf_reset(&sb);
	}
	strbuf_addchars(&sb, ' ', 28 - sb.len);
	fprintf(out, "%s%s\n", sb.buf, o->help ? o->help : "");
	strbuf_release(&sb);
}

void usage_with_options(FILE *out, const char *const *usage, const char *about,
			const struct option *opts)
{
	const struct option *o;
	size_t i;

	for (i = 0; usage[i]; i++)
		fprintf(out, "%s %s\n", i ? "   or:" : "usage:", usage[i]);
	if (about)
		fprintf(out, "\n%s\n", about);
	fputc('\n', out);
	for (o = opts; o->type != OPT_TYPE_END; o++) {
		if (o->hidden)
			continue;
		if (o->type == OPT_TYPE_GROUP)
			fprintf(out, "%s%s\n", o == opts ? "" : "\n", o->help);
		else
			print_option(out, o);
	}
	print_option(out, &option_help);
}

int parse_options(int argc, const char **argv, const struct option *opts,
		  const char *const *usage, const char *about, int *dashdash)
{
	int i, out = 0, dd = -1;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const struct option *o;

		if (dd >= 0 || arg[0] != '-' || !arg[1]) {
			argv[out++] = arg;
			continue;
		}
		if (!strcmp(arg, "--")) {
			dd = out;
			continue;
		}
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			usage_with_options(stdout, usage, about, opts);
			exit(EXIT_CLEAN);
		}
		if (!strcmp(arg, "--help-man")) {
			man_write(stdout, man_page_current, usage, about, opts);
			exit(EXIT_CLEAN);
		}
		if (arg[1] == '-') {
			const char *name = arg + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			int negated;

			o = find_long(opts, name, len, &negated);
			if (!o)
				bad_usage("unknown option '--%.*s'", (int)len, name);
			if (!takes_value(o)) {
				if (eq)
					bad_usage("--%s takes no value", o->long_name);
				*(int *)o->value = !negated;
				continue;
			}
			if (eq) {
				set_value(o, eq + 1);
			} else {
				if (i + 1 >= argc)
					bad_usage("--%s needs a value (%s)", o->long_name,
						  o->argh ? o->argh : "VALUE");
				set_value(o, argv[++i]);
			}
			continue;
		}
		/* One or more short options: -v, -j4, -j 4. */
		for (arg++; *arg; arg++) {
			o = find_short(opts, *arg);
			if (!o)
				bad_usage("unknown option '-%c'", *arg);
			if (!takes_value(o)) {
				*(int *)o->value = 1;
				continue;
			}
			if (arg[1]) {
				set_value(o, arg + 1);
			} else {
				if (i + 1 >= argc)
					bad_usage("-%c needs a value (%s)", o->short_name,
						  o->argh ? o->argh : "VALUE");
				set_value(o, argv[++i]);
			}
			break;
		}
	}
	if (dashdash)
		*dashdash = dd >= 0 ? dd : out;
	argv[out] = NULL;
	return out;
}
