/* cmd-build.c - `l10n build`: localised documents for one language. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "check.h"
#include "cmd.h"
#include "fsutil.h"
#include "i18n.h"
#include "its.h"
#include "lang.h"
#include "merge.h"
#include "unit.h"
#include "writer.h"
#include "xmlio.h"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("build", status);
	printf(_("Usage: l10n build --lang=LANG [--po=FILE] --output=DIR [OPTION]... SOURCE...\n"
	    "Write each SOURCE translated into LANG under DIR, at its path relative to\n"
	    "the base folder.  Translations are checked against their source units:\n"
	    "one that adds or changes markup is refused and the unit keeps the source\n"
	    "text, marked with the source language.\n\n"
	    "  -l, --lang=LANG        target language (catalog name or BCP 47 tag);\n"
	    "                         the source language builds without a catalog\n"
	    "  -p, --po=FILE          the language's catalog\n"
	    "  -o, --output=DIR       output folder (e.g. out/he)\n"
	    "  -O, --output-root=DIR  output folder DIR/<BCP 47 tag> (e.g. out)\n"
	    "  -b, --base=DIR         folder the sources are relative to\n"
	    "                         (default: each source's own folder)\n"
	    "  -t, --threshold=PCT    write a document only when at least PCT%% of its\n"
	    "                         units are translated (default 80; 0 writes all)\n"
	    "  -s, --source-lang=TAG  language of the sources (default en)\n"
	    "  -r, --rules=FILE       extra ITS rules file (repeatable)\n"
	    "  -h, --help             show this help\n\n"
	    "Exit status: 0 success, 1 translations were refused or a document failed\n"
	    "(the others are still written), 2 usage or I/O failure.\n"));
	exit(0);
}

static char *
output_path(const char *outdir, const char *base, const char *source)
{
	size_t bl = base ? strlen(base) : 0;
	const char *rel;

	if (base != NULL && strncmp(source, base, bl) == 0 && source[bl] == '/')
		rel = source + bl + 1;
	else
		rel = strrchr(source, '/') ? strrchr(source, '/') + 1 : source;
	return xasprintf("%s/%s", outdir, rel);
}

static int
build_one(struct diag *d, const char *source, const char *base, const char *outdir,
    const char *lang, const char *source_lang, const struct catalog *cat,
    unsigned threshold, const struct its_options *opt, struct checker *ck)
{
	enum xmlio_kind kind = xmlio_kind_of(source);
	struct unit_list units = UNIT_LIST_INIT;
	struct merge m;
	xmlDocPtr doc;
	struct its *its;
	char *out;
	int r = 0;

	doc = xmlio_read(d, source, kind);
	if (doc == NULL)
		return -1;
	out = output_path(outdir, base, source);
	its = its_new(d, doc, source, opt);
	merge_locale_filter(its, doc, lang);
	unit_collect(its, &units);
	merge_init(&m, lang, source_lang, kind);
	m.checker = ck;
	merge_units(&m, d, &units, strcmp(lang, source_lang) == 0 ? NULL : cat);
	if (strcmp(lang, source_lang) != 0 && m.stats.total > 0 &&
	    (unsigned long)m.stats.translated * 100 < (unsigned long)threshold * m.stats.total) {
		diag(d, DIAG_BUILD_DISCARD, NULL, 0, 0, out, m.stats.translated,
		    m.stats.total, 100.0 * m.stats.translated / m.stats.total, threshold);
		/* A page published earlier must not stay behind. */
		if (unlink(out) < 0 && errno != ENOENT)
			diag(d, DIAG_WRITE, NULL, 0, 0, out, strerror(errno));
	} else {
		merge_mark_languages(&m, its, doc);
		if (kind == XMLIO_HTML) {
			struct writer_page p = { source, base, out, lang };
			if (base == NULL) {
				char *slash = strrchr(source, '/');
				p.base = slash ? xstrndup(source, (size_t)(slash - source)) : xstrdup(".");
			}
			if (html_write_page(d, doc, &p) < 0)
				r = -1;
			if (base == NULL)
				free((char *)p.base);
		} else if (docbook_write(d, doc, out) < 0) {
			r = -1;
		}
	}
	merge_release(&m);
	unit_list_release(&units);
	its_free(its);
	xmlFreeDoc(doc);
	free(out);
	return r;
}

int
cmd_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "po", required_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "output-root", required_argument, NULL, 'O' },
		{ "base", required_argument, NULL, 'b' },
		{ "threshold", required_argument, NULL, 't' },
		{ "source-lang", required_argument, NULL, 's' },
		{ "rules", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *lang_arg = NULL, *po = NULL, *outdir = NULL, *base = NULL;
	const char *outroot = NULL;
	char *outdir_buf = NULL;
	const char *source_lang = "en";
	const char **extra = xcalloc((size_t)argc, sizeof *extra);
	struct its_options opt = { 1, NULL, NULL, 0 };
	unsigned threshold = 80;
	char lang[128];
	struct catalog cat;
	int have_cat = 0, c, failed = 0;
	struct diag d;

	diag_init(&d);
	while ((c = getopt_long(argc, argv, "l:p:o:O:b:t:s:r:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			lang_arg = optarg;
			break;
		case 'p':
			po = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'O':
			outroot = optarg;
			break;
		case 'b':
			base = optarg;
			break;
		case 't': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);
			if (*end != '\0' || v > 100) {
				fprintf(stderr, _("l10n build: threshold '%s' is not a percentage\n"), optarg);
				usage(2);
			}
			threshold = (unsigned)v;
			break;
		}
		case 's':
			source_lang = optarg;
			break;
		case 'r':
			extra[opt.nextra_rules++] = optarg;
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	opt.extra_rules = extra;
	if (lang_arg == NULL || (outdir == NULL && outroot == NULL) || optind >= argc) {
		fprintf(stderr, _("l10n build: need --lang, --output and a SOURCE\n"));
		usage(2);
	}
	if (lang_bcp47(lang_arg, lang, sizeof lang) < 0) {
		diag(&d, DIAG_BUILD_LANG, NULL, 0, 0, lang_arg);
		free(extra);
		return 2;
	}
	if (outdir == NULL)
		outdir = outdir_buf = xasprintf("%s/%s", outroot, lang);
	if (base != NULL) {
		size_t bl = strlen(base);
		while (bl > 1 && base[bl - 1] == '/')
			bl--;
		base = xstrndup(base, bl);
	}
	clean_stale_temps_tree(outdir);
	if (po != NULL && strcmp(lang, source_lang) != 0) {
		/* A catalog with errors is not used at all: nothing from it is
		 * published, every unit shows the source. */
		if (catalog_read(&d, po, &cat) == 0 && cat.errors == 0)
			have_cat = 1;
		else if (cat.file != NULL || cat.path != NULL)
			catalog_release(&cat);
		if (!have_cat)
			failed = 1;
	}
	/* A translation with an error-level finding of `l10n check` is not
	 * published either: the unit falls back to the source. */
	struct checker ck;
	int have_ck = have_cat && checker_init_build(&ck, lang, &d, po) == 0;
	for (int i = optind; i < argc; i++)
		if (build_one(&d, argv[i], base, outdir, lang, source_lang,
		    have_cat ? &cat : NULL, threshold, &opt, have_ck ? &ck : NULL) < 0)
			failed = 1;
	if (have_ck)
		checker_release(&ck);
	if (have_cat)
		catalog_release(&cat);
	free(extra);
	free((char *)base);
	free(outdir_buf);
	if (diag_exit_status(&d) == 2)
		return 2;
	return failed || diag_errors(&d) ? 1 : 0;
}
