/* cmd-build.c - `l10n build`: localised documents for one or more
 * languages; XSL-FO for DocBook reports. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog.h"
#include "check.h"
#include "cmd.h"
#include "fo.h"
#include "fsutil.h"
#include "i18n.h"
#include "its.h"
#include "lang.h"
#include "layout.h"
#include "merge.h"
#include "paths.h"
#include "spawn.h"
#include "unit.h"
#include "workq.h"
#include "writer.h"
#include "xmlio.h"

#define DOCBOOK_NS "http://docbook.org/ns/docbook"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("build", status);
	printf(_("Usage: l10n build --lang=LANG... [--po=FILE | --po-dir=DIR] --output=DIR [OPTION]... SOURCE...\n"
	    "Write each SOURCE translated into each LANG under DIR, at its path\n"
	    "relative to the base folder.  Translations are checked against their\n"
	    "source units: one that adds or changes markup is refused and the unit\n"
	    "keeps the source text, marked with the source language.\n\n"
	    "  -l, --lang=LANG        target language (catalog name or BCP 47 tag);\n"
	    "                         repeatable with --po-dir and --output-root;\n"
	    "                         the source language builds without a catalog\n"
	    "  -p, --po=FILE          the language's catalog (one language)\n"
	    "  -P, --po-dir=DIR       catalogs DIR/<lang>.po (zh_Hans.po, he.po); a\n"
	    "                         missing one means nothing is translated yet\n"
	    "  -o, --output=DIR       output folder (e.g. out/he; one language)\n"
	    "  -O, --output-root=DIR  output folder DIR/<BCP 47 tag> (e.g. out)\n"
	    "  -b, --base=DIR         folder the sources are relative to\n"
	    "                         (default: each source's own folder)\n"
	    "  -t, --threshold=PCT    write a document only when at least PCT%% of its\n"
	    "                         units are translated (default 80; 0 writes all)\n"
	    "  -s, --source-lang=TAG  language of the sources (default en)\n"
	    "  -r, --rules=FILE       extra ITS rules file (repeatable)\n"
	    "  -m, --manifest=FILE    record what was written and each document's\n"
	    "                         translated units in FILE (for `l10n publish`;\n"
	    "                         one language per run)\n"
	    "  -h, --help             show this help\n\n"
	    "Reports (DocBook 5 sources):\n"
	    "  -F, --fo               also write XSL-FO (REPORT.fo next to REPORT.xml),\n"
	    "                         laid out by the stylesheet, compiled once\n"
	    "      --stylesheet=FILE  XSLT stylesheet (default: fo/report.xsl of the\n"
	    "                         tool's data folder)\n"
	    "      --fonts=FILE       font configuration (default: fo/fonts.conf)\n"
	    "      --layout=FILE      the layout's strings (default: fo/layout.xml)\n"
	    "      --layout-po-dir=DIR  their catalogs DIR/<lang>.po (po/layout)\n"
	    "      --no-footnote-visual-order  do not rewrite right-to-left\n"
	    "                         footnotes in visual order (needed by FOP 2.8\n"
	    "                         and 2.9 only)\n\n"
	    "The date on a report's title page is SOURCE_DATE_EPOCH when set, else\n"
	    "the source's modification time.\n"
	    "Exit status: 0 success, 1 translations were refused or a document failed\n"
	    "(the others are still written), 2 usage or I/O failure.\n"));
	exit(0);
}

struct build_opts {
	const char *base;
	const char *source_lang;
	unsigned threshold;
	struct its_options its;
	int fo;
	int footnote_visual_order;
	struct fo_style *style;		/* compiled once, for every language */
};

/* What is known about the language being built. */
struct build_lang {
	const char *lang;		/* BCP 47 */
	const char *outdir;
	/* The catalog (NULL: nothing translated) and the error-level checks
	 * of `l10n check`, which a translation must pass to be published
	 * (NULL: none); drop_catalog() releases both once the last source
	 * is merged. */
	struct catalog *cat;
	struct checker *checker;
	const struct layout *layout;
	struct strbuf *mf;		/* the manifest being written, or NULL */
	/* The process ends after this language: the trees of its last
	 * document are left to the exit instead of freed node by node. */
	int final;
};

static xmlDocPtr volatile kept_doc;

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

/* One line of the manifest: the document's path under the output folder,
 * whether it was written, and its units (see publish.h). */
static void
manifest_line(const struct build_lang *bl, const char *out, const char *source,
    const char *state, const struct merge_stats *s)
{
	size_t ol = strlen(bl->outdir);
	const char *rel = strncmp(out, bl->outdir, ol) == 0 && out[ol] == '/' ? out + ol + 1 : out;

	if (bl->mf == NULL)
		return;
	strbuf_printf(bl->mf, "doc\t%s\t%s\t%s\t%u\t%u\t%u\t%u\t%u\n", rel, source, state,
	    s->total, s->translated, s->fuzzy, s->untranslated, s->refused);
}

/* REPORT.xml -> REPORT.fo */
static char *
fo_path(const char *out)
{
	const char *dot = strrchr(out, '.');
	const char *slash = strrchr(out, '/');

	if (dot == NULL || (slash != NULL && dot < slash))
		return xasprintf("%s.fo", out);
	return xasprintf("%.*s.fo", (int)(dot - out), out);
}

static int
is_docbook(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);

	return root != NULL && root->ns != NULL &&
	    xmlStrEqual(root->ns->href, (const xmlChar *)DOCBOOK_NS);
}

static void
remove_output(struct diag *d, const char *path)
{
	if (unlink(path) < 0 && errno != ENOENT)
		diag(d, DIAG_WRITE, NULL, 0, 0, path, strerror(errno));
}

static long long
edition_date(struct diag *d, const char *source)
{
	struct stat st;
	time_t t = 0;

	if (stat(source, &st) == 0)
		t = st.st_mtime;
	if (catalog_source_date(d, t, &t) < 0)
		return 0;
	return (long long)t;
}

/* The catalog and its checker, once no source is left to merge: the
 * last source is written without them (the report's catalog, 8 MB in
 * memory, was a tenth of the peak while its XSL-FO was made). */
static void
drop_catalog(struct build_lang *bl)
{
	if (bl->checker != NULL)
		checker_release(bl->checker);
	if (bl->cat != NULL)
		catalog_release(bl->cat);
	bl->checker = NULL;
	bl->cat = NULL;
}

/* Build SOURCE; LAST: no source follows (the catalog goes once merged). */
static int
build_one(struct diag *d, const char *source, const struct build_opts *o,
    struct build_lang *bl, int last)
{
	enum xmlio_kind kind = xmlio_kind_of(source);
	struct unit_list units = UNIT_LIST_INIT;
	int is_source = strcmp(bl->lang, o->source_lang) == 0;
	struct merge m;
	xmlDocPtr doc;
	struct its *its;
	char *out, *fo_out = NULL;
	int r = 0;

	out = output_path(bl->outdir, o->base, source);
	doc = xmlio_read(d, source, kind);
	if (doc == NULL) {
		struct merge_stats none = { 0, 0, 0, 0, 0 };
		manifest_line(bl, out, source, "failed", &none);
		free(out);
		return -1;
	}
	if (o->fo && kind == XMLIO_XML && is_docbook(doc))
		fo_out = fo_path(out);
	its = its_new(d, doc, source, &o->its);
	merge_locale_filter(its, doc, bl->lang);
	unit_collect(its, &units);
	merge_init(&m, bl->lang, o->source_lang, kind);
	m.checker = bl->checker;
	merge_units(&m, d, &units, is_source ? NULL : bl->cat);
	if (last)
		drop_catalog(bl);
	if (!is_source && m.stats.total > 0 &&
	    (unsigned long)m.stats.translated * 100 < (unsigned long)o->threshold * m.stats.total) {
		diag(d, DIAG_BUILD_DISCARD, NULL, 0, 0, out, m.stats.translated,
		    m.stats.total, 100.0 * m.stats.translated / m.stats.total, o->threshold);
		/* A document published earlier must not stay behind. */
		remove_output(d, out);
		if (fo_out != NULL)
			remove_output(d, fo_out);
		manifest_line(bl, out, source, "discarded", &m.stats);
	} else {
		struct writer_page p = { source, o->base, out, bl->lang };
		char *own_base = NULL;
		if (p.base == NULL) {
			char *slash = strrchr(source, '/');
			p.base = own_base = slash ? xstrndup(source, (size_t)(slash - source))
			    : xstrdup(".");
		}
		merge_mark_languages(&m, its, doc);
		/* The writers need only the document: what the merge used
		 * goes before they make their copies of it. */
		unit_list_release(&units);
		its_free(its);
		its = NULL;
		if (kind == XMLIO_HTML) {
			if (html_write_page(d, doc, &p) < 0)
				r = -1;
		} else {
			if (docbook_write(d, doc, &p) < 0)
				r = -1;
			if (fo_out != NULL && r == 0) {
				struct fo_job job = {
					bl->lang, o->source_lang, bl->layout,
					m.stats.total - m.stats.translated,
					edition_date(d, source), o->footnote_visual_order,
					last && bl->final,
				};
				if (fo_write(d, o->style, doc, &job, fo_out) < 0)
					r = -1;
			}
		}
		free(own_base);
		manifest_line(bl, out, source, r < 0 ? "failed" : "written", &m.stats);
	}
	merge_release(&m);
	unit_list_release(&units);
	if (its != NULL)
		its_free(its);
	if (last && bl->final)
		kept_doc = doc;
	else
		xmlFreeDoc(doc);
	free(out);
	free(fo_out);
	return r;
}

/* Read the catalog of LANG: FILE, or DIR/<po name>.po when it exists.
 * Returns 1 read, 0 none, -1 unusable (diagnosed). */
static int
read_catalog(struct diag *d, const char *file, const char *dir, const char *lang,
    struct catalog *cat)
{
	char name[128];
	char *path;
	int r;

	if (file == NULL && dir == NULL)
		return 0;
	lang_po_name(lang, name, sizeof name);
	path = file ? xstrdup(file) : xasprintf("%s/%s.po", dir, name);
	if (file == NULL && !file_exists(path)) {
		free(path);
		return 0;
	}
	/* A catalog with errors is not used at all: nothing from it is
	 * published, every unit shows the source. */
	if (catalog_read_lookup(d, path, cat) == 0 && catalog_check_plurals(d, cat) == 0 &&
	    cat->errors == 0) {
		r = 1;
	} else {
		if (cat->file != NULL || cat->path != NULL)
			catalog_release(cat);
		r = -1;
	}
	free(path);
	return r;
}

struct cli {
	const char **langs;
	size_t nlangs;
	const char *po, *po_dir, *outdir, *outroot;
	const char *stylesheet, *fonts, *layout, *layout_po_dir;
	const char *manifest;
};

/* Build every source in language LANG_ARG; FINAL: the process ends
 * next.  Returns 0, 1 (something failed, the rest written) or 2 (nothing
 * could be done). */
static int
build_language(struct diag *d, const char *lang_arg, const struct cli *cli,
    const struct build_opts *o, char **sources, int nsources, int final)
{
	struct build_lang bl = { NULL, NULL, NULL, NULL, NULL, NULL, final };
	struct checker ck;
	struct strbuf mf = STRBUF_INIT;
	struct catalog cat, layout_cat;
	struct layout layout = LAYOUT_INIT;
	char lang[128];
	char *outdir_buf = NULL;
	int have_cat = 0, have_layout_cat = 0, have_layout = 0, failed = 0;

	if (lang_bcp47(lang_arg, lang, sizeof lang) < 0) {
		diag(d, DIAG_BUILD_LANG, NULL, 0, 0, lang_arg);
		return 2;
	}
	bl.lang = lang;
	bl.outdir = cli->outdir;
	if (bl.outdir == NULL)
		bl.outdir = outdir_buf = xasprintf("%s/%s", cli->outroot, lang);
	clean_stale_temps_tree(bl.outdir);
	/* And beside the manifest, which a killed build may have been
	 * writing (found by tests/reliability/kill.test in build/manifest). */
	if (cli->manifest != NULL)
		clean_stale_temps_beside(cli->manifest);
	if (strcmp(lang, o->source_lang) != 0) {
		int r = read_catalog(d, cli->po, cli->po_dir, lang, &cat);
		have_cat = r == 1;
		failed |= r < 0;
		if (o->fo) {
			r = read_catalog(d, NULL, cli->layout_po_dir, lang, &layout_cat);
			have_layout_cat = r == 1;
			failed |= r < 0;
		}
	}
	bl.cat = have_cat ? &cat : NULL;
	if (have_cat && checker_init_build(&ck, lang, d, cat.path) == 0)
		bl.checker = &ck;
	if (o->fo) {
		char *path = cli->layout ? xstrdup(cli->layout) : l10n_data_path("fo/layout.xml");
		have_layout = layout_load(d, path, lang, o->source_lang,
		    have_layout_cat ? &layout_cat : NULL, &layout) == 0;
		failed |= !have_layout;
		free(path);
		bl.layout = have_layout ? &layout : NULL;
	}
	if (cli->manifest != NULL) {
		strbuf_printf(&mf, "l10n-manifest\t1\nlang\t%s\nthreshold\t%u\n", lang,
		    strcmp(lang, o->source_lang) == 0 ? 0 : o->threshold);
		bl.mf = &mf;
	}
	for (int i = 0; i < nsources; i++)
		if (build_one(d, sources[i], o, &bl, i == nsources - 1) < 0)
			failed = 1;
	if (cli->manifest != NULL &&
	    write_file_if_changed(d, cli->manifest, mf.buf, mf.len) < 0)
		failed = 1;
	strbuf_release(&mf);
	if (have_layout)
		layout_release(&layout);
	if (have_layout_cat)
		catalog_release(&layout_cat);
	drop_catalog(&bl);
	free(outdir_buf);
	return failed;
}

/* Languages are independent: with several, they are built by as many
 * processes as there are processors (L10N_JOBS=N to choose), after the
 * stylesheet was compiled once.  Each process takes the next language
 * when it is free (a right-to-left language costs twice the source
 * language: a fixed share would leave one processor idle at the end),
 * the source language last, being the cheapest.  Returns the worst
 * status. */
static int
build_languages(struct diag *d, const struct cli *cli, const struct build_opts *o,
    char **sources, int nsources)
{
	const char *env = getenv("L10N_JOBS");
	long jobs = env && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	size_t *order = xcalloc(cli->nlangs + 1, sizeof *order), n = 0;
	struct workq *q = NULL;
	pid_t pid[16];
	long started = 0;
	int status = 0;

	for (int last = 0; last < 2; last++)
		for (size_t i = 0; i < cli->nlangs; i++) {
			char tag[128];
			int src = lang_bcp47(cli->langs[i], tag, sizeof tag) == 0 &&
			    strcmp(tag, o->source_lang) == 0;
			if (src == last)
				order[n++] = i;
		}
	if (jobs > 16)
		jobs = 16;
	if (jobs > (long)cli->nlangs)
		jobs = (long)cli->nlangs;
	if (jobs > 1)
		q = workq_new(cli->nlangs);
	fflush(NULL);
	for (long w = 0; q != NULL && w < jobs; w++) {
		pid[w] = fork();
		if (pid[w] < 0)
			break;
		if (pid[w] == 0) {
			int st = 0;
			for (size_t k; (k = workq_take(q, 1)) != (size_t)-1; ) {
				int r = build_language(d, cli->langs[order[k]], cli, o, sources, nsources,
				    0);
				if (r > st)
					st = r;
			}
			if (diag_exit_status(d) == 2)
				st = 2;
			else if (st == 0 && diag_errors(d))
				st = 1;
			free(order);
			fflush(NULL);
			_exit(st);
		}
		started++;
	}
	/* With one process, or when no worker could start, the languages
	 * are built here; then the workers are waited for. */
	if (started == 0) {
		for (size_t k = 0; k < n; k++) {
			int r = build_language(d, cli->langs[order[k]], cli, o, sources, nsources,
			    k == n - 1);
			if (r > status)
				status = r;
		}
	}
	for (long w = 0; w < started; w++) {
		int r = spawn_wait(pid[w], NULL);
		if (r < 0)
			r = 2;
		if (r > status)
			status = r;
	}
	workq_free(q);
	free(order);
	return status;
}

int
cmd_build(int argc, char **argv)
{
	enum { OPT_STYLESHEET = 256, OPT_FONTS, OPT_LAYOUT, OPT_LAYOUT_PO_DIR, OPT_NO_VISUAL };
	static const struct option longopts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "po", required_argument, NULL, 'p' },
		{ "po-dir", required_argument, NULL, 'P' },
		{ "output", required_argument, NULL, 'o' },
		{ "output-root", required_argument, NULL, 'O' },
		{ "base", required_argument, NULL, 'b' },
		{ "threshold", required_argument, NULL, 't' },
		{ "source-lang", required_argument, NULL, 's' },
		{ "rules", required_argument, NULL, 'r' },
		{ "fo", no_argument, NULL, 'F' },
		{ "stylesheet", required_argument, NULL, OPT_STYLESHEET },
		{ "fonts", required_argument, NULL, OPT_FONTS },
		{ "layout", required_argument, NULL, OPT_LAYOUT },
		{ "layout-po-dir", required_argument, NULL, OPT_LAYOUT_PO_DIR },
		{ "no-footnote-visual-order", no_argument, NULL, OPT_NO_VISUAL },
		{ "manifest", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli;
	struct build_opts o;
	const char **extra = xcalloc((size_t)argc, sizeof *extra);
	char *base = NULL;
	int c, status = 0;
	struct diag d;

	memset(&cli, 0, sizeof cli);
	memset(&o, 0, sizeof o);
	cli.langs = xcalloc((size_t)argc, sizeof *cli.langs);
	o.source_lang = "en";
	o.threshold = 80;
	o.its.default_rules = 1;
	o.footnote_visual_order = 1;
	diag_init(&d);
	while ((c = getopt_long(argc, argv, "l:p:P:o:O:b:t:s:r:Fm:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			cli.langs[cli.nlangs++] = optarg;
			break;
		case 'p':
			cli.po = optarg;
			break;
		case 'P':
			cli.po_dir = optarg;
			break;
		case 'o':
			cli.outdir = optarg;
			break;
		case 'O':
			cli.outroot = optarg;
			break;
		case 'b':
			o.base = optarg;
			break;
		case 't': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);
			if (*end != '\0' || v > 100) {
				fprintf(stderr, _("l10n build: threshold '%s' is not a percentage\n"), optarg);
				usage(2);
			}
			o.threshold = (unsigned)v;
			break;
		}
		case 's':
			o.source_lang = optarg;
			break;
		case 'r':
			extra[o.its.nextra_rules++] = optarg;
			break;
		case 'F':
			o.fo = 1;
			break;
		case 'm':
			cli.manifest = optarg;
			break;
		case OPT_STYLESHEET:
			cli.stylesheet = optarg;
			break;
		case OPT_FONTS:
			cli.fonts = optarg;
			break;
		case OPT_LAYOUT:
			cli.layout = optarg;
			break;
		case OPT_LAYOUT_PO_DIR:
			cli.layout_po_dir = optarg;
			break;
		case OPT_NO_VISUAL:
			o.footnote_visual_order = 0;
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	o.its.extra_rules = extra;
	if (cli.nlangs == 0 || (cli.outdir == NULL && cli.outroot == NULL) || optind >= argc) {
		fprintf(stderr, _("l10n build: need --lang, --output and a SOURCE\n"));
		usage(2);
	}
	if (cli.nlangs > 1 && (cli.po != NULL || cli.outdir != NULL || cli.manifest != NULL)) {
		fprintf(stderr, _("l10n build: several languages need --po-dir and --output-root,\n"
		    "and no --manifest\n"));
		usage(2);
	}
	if (cli.po != NULL && cli.po_dir != NULL) {
		fprintf(stderr, _("l10n build: --po and --po-dir exclude each other\n"));
		usage(2);
	}
	if (o.base != NULL) {
		size_t bl = strlen(o.base);
		while (bl > 1 && o.base[bl - 1] == '/')
			bl--;
		o.base = base = xstrndup(o.base, bl);
	}
	if (o.fo) {
		/* One compilation for every language of this run. */
		char *xsl = cli.stylesheet ? xstrdup(cli.stylesheet) : l10n_data_path("fo/report.xsl");
		char *fonts = cli.fonts ? xstrdup(cli.fonts) : l10n_data_path("fo/fonts.conf");
		o.style = fo_style_load(&d, xsl, fonts);
		free(xsl);
		free(fonts);
		if (o.style == NULL)
			status = 2;
	}
	/* A language that cannot be built does not stop the others. */
	if (o.style != NULL || !o.fo) {
		int r = build_languages(&d, &cli, &o, argv + optind, argc - optind);
		if (r > status)
			status = r;
	}
	fo_style_free(o.style);
	free(extra);
	free(cli.langs);
	free(base);
	if (status == 2 || diag_exit_status(&d) == 2)
		return 2;
	return status || diag_errors(&d) ? 1 : 0;
}
