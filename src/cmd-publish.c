/* cmd-publish.c - `l10n publish`: tie the built languages into one site. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "cmd.h"
#include "fsutil.h"
#include "i18n.h"
#include "publish.h"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("publish", status);
	printf(_("Usage: l10n publish --base-url=URL --manifests=DIR [OPTION]... [PO]...\n"
	    "After `l10n build --manifest` has built every language, tie the languages\n"
	    "of the site together: on every page, <link rel=\"alternate\" hreflang>\n"
	    "to each language version that is published (itself included) and an\n"
	    "x-default to the source language, the canonical URL, og:locale, and a\n"
	    "language switcher; pages with too many fallback units get noindex and\n"
	    "stay out of the alternates and the sitemap.  Writes sitemap.xml,\n"
	    "robots.txt, the root index.html and status.html (the translation status\n"
	    "of the catalogs PO...).  Pseudo-locales (en-XA, ar-XB) get a switcher and\n"
	    "noindex, and appear nowhere else.\n\n"
	    "  -u, --base-url=URL         absolute URL the output folder is served at\n"
	    "  -M, --manifests=DIR        the manifests of the builds (*.tsv)\n"
	    "  -O, --output-root=DIR      the site (default out)\n"
	    "  -L, --linguas=FILE         the languages and their order (po/LINGUAS)\n"
	    "  -s, --source-lang=TAG      the source language (default en)\n"
	    "  -n, --noindex-fallback=PCT a page with more than PCT%% of its units in\n"
	    "                             the source language is noindex (default 10)\n"
	    "  -c, --checks=FILE          results of `l10n check --format=json` for the\n"
	    "                             status page\n"
	    "      --not-found=PAGE       the not-found page (default 404.html)\n"
	    "      --sitemap-limit=N      URLs per sitemap file (default 50000)\n"
	    "  -h, --help                 show this help\n\n"
	    "Exit status: 0 success, 1 a page or manifest could not be used (the rest\n"
	    "is written), 2 usage or I/O failure.\n"));
	exit(0);
}

static int
valid_base_url(const char *u)
{
	xmlURIPtr uri = xmlParseURI(u);
	int ok = uri != NULL && uri->scheme != NULL && uri->server != NULL &&
	    (strcmp(uri->scheme, "http") == 0 || strcmp(uri->scheme, "https") == 0) &&
	    uri->query == NULL && uri->fragment == NULL;

	xmlFreeURI(uri);
	return ok;
}

static int
parse_count(const char *arg, unsigned long max, unsigned long *v)
{
	char *end;

	*v = strtoul(arg, &end, 10);
	return *arg != '\0' && *end == '\0' && *v <= max ? 0 : -1;
}

int
cmd_publish(int argc, char **argv)
{
	enum { OPT_NOT_FOUND = 256, OPT_SITEMAP_LIMIT };
	static const struct option longopts[] = {
		{ "base-url", required_argument, NULL, 'u' },
		{ "manifests", required_argument, NULL, 'M' },
		{ "output-root", required_argument, NULL, 'O' },
		{ "linguas", required_argument, NULL, 'L' },
		{ "source-lang", required_argument, NULL, 's' },
		{ "noindex-fallback", required_argument, NULL, 'n' },
		{ "checks", required_argument, NULL, 'c' },
		{ "not-found", required_argument, NULL, OPT_NOT_FOUND },
		{ "sitemap-limit", required_argument, NULL, OPT_SITEMAP_LIMIT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct pub_options opt = { "out", NULL, 10, "404.html", 50000, NULL };
	const char *manifests = NULL, *linguas = NULL, *source = "en";
	struct langtab t = LANGTAB_INIT;
	struct site s;
	struct diag d;
	unsigned long v;
	int c, r = 0;

	diag_init(&d);
	while ((c = getopt_long(argc, argv, "u:M:O:L:s:n:c:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'u':
			opt.base_url = optarg;
			break;
		case 'M':
			manifests = optarg;
			break;
		case 'O':
			opt.root = optarg;
			break;
		case 'L':
			linguas = optarg;
			break;
		case 's':
			source = optarg;
			break;
		case 'n':
			if (parse_count(optarg, 100, &v) < 0) {
				fprintf(stderr, _("l10n publish: '%s' is not a percentage\n"), optarg);
				usage(2);
			}
			opt.noindex_fallback = (unsigned)v;
			break;
		case 'c':
			opt.checks = optarg;
			break;
		case OPT_NOT_FOUND:
			opt.not_found = optarg;
			break;
		case OPT_SITEMAP_LIMIT:
			if (parse_count(optarg, 50000, &v) < 0 || v == 0) {
				fprintf(stderr, _("l10n publish: '%s' is not a number from 1 to 50000\n"), optarg);
				usage(2);
			}
			opt.sitemap_limit = (size_t)v;
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	if (opt.base_url == NULL || manifests == NULL) {
		fprintf(stderr, _("l10n publish: need --base-url and --manifests\n"));
		usage(2);
	}
	if (!valid_base_url(opt.base_url)) {
		diag(&d, DIAG_PUBLISH_BASE_URL, NULL, 0, 0, opt.base_url);
		return 2;
	}
	if (langtab_load(&t, &d, source, linguas) < 0) {
		langtab_release(&t);
		return 2;
	}
	site_init(&s, &t, &opt);
	if (site_read_manifests(&s, &d, manifests) < 0)
		r = 1;
	clean_stale_temps(opt.root);
	/* Pages are rewritten by two processes while this one reads the
	 * catalogs too (measured on the bench corpus: 0.8 s in one). */
	struct site_share share;
	site_share_start(&s, &d, &share);
	s.catalogs = xcalloc((size_t)(argc - optind) + 1, sizeof *s.catalogs);
	for (int i = optind; i < argc; i++)
		if (stats_read(&d, argv[i], &s.catalogs[s.ncatalogs++]) < 0)
			r = 1;
	stats_words_save();
	if (site_write(&s, &d, &share) < 0)
		r = 1;
	if (status_write(&s, &d) < 0)
		r = 1;
	site_release(&s);
	if (diag_exit_status(&d) == 2)
		return 2;
	return r || diag_errors(&d) ? 1 : 0;
}
