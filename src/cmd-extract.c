/* cmd-extract.c - `l10n extract`: translation units of documents as a PO
 * template. */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog.h"
#include "cmd.h"
#include "i18n.h"
#include "its.h"
#include "unit.h"
#include "xmlio.h"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("extract", status);
	printf(_("Usage: l10n extract [OPTION]... SOURCE...\n"
	    "Write the translatable text of the HTML (*.html) and XML sources as a PO\n"
	    "template, following ITS 2.0 rules: the tool's defaults for HTML5 and\n"
	    "DocBook 5, rule files given with --rules, and the documents' own rules.\n\n"
	    "  -o, --output=FILE     write FILE (default: standard output); FILE is\n"
	    "                        rewritten only when more than its date changed\n"
	    "  -p, --project=NAME    Project-Id-Version of the template\n"
	    "  -r, --rules=FILE      apply an ITS rules file after the defaults\n"
	    "                        (repeatable; e.g. content/rules/*.its)\n"
	    "      --no-default-rules  do not apply src/rules/html5.its, docbook5.its\n"
	    "      --resources       list the external resources (images, videos) of\n"
	    "                        the sources instead, one \"file:line: reference\"\n"
	    "                        a line: files a publisher may need to localise\n"
	    "  -h, --help            show this help\n\n"
	    "POT-Creation-Date is SOURCE_DATE_EPOCH when set, else the newest source's\n"
	    "modification time; never the clock.\n"
	    "Exit status: 0 success, 1 a source had errors (nothing written),\n"
	    "2 usage or I/O failure.\n"));
	exit(0);
}

/* ITS externalResource (section 8.13): what elements and attributes
 * point to, for publishers. */
static void
list_resources(const struct its *its, xmlNodePtr n, const char *path)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *r = its_external_resource(its, n);
		if (r != NULL)
			printf("%s:%ld: %s\n", path, xmlGetLineNo(n), r);
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
			if ((r = its_external_resource(its, (xmlNodePtr)a)) != NULL)
				printf("%s:%ld: %s\n", path, xmlGetLineNo(n), r);
		list_resources(its, n->children, path);
	}
}

/* The template written, left for the process's end to free. */
static po_file_t volatile kept_template;

int
cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "project", required_argument, NULL, 'p' },
		{ "rules", required_argument, NULL, 'r' },
		{ "no-default-rules", no_argument, NULL, 'N' },
		{ "resources", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct its_options opt = { 1, NULL, NULL, 0 };
	const char *output = "-", *project = "PACKAGE VERSION";
	const char **extra = xcalloc((size_t)argc, sizeof *extra);
	struct pot pot = POT_INIT;
	struct diag d;
	time_t newest = 0, date;
	int c, failed = 0, r, resources = 0;

	/* Blocks of 128 KiB and more (the source's bytes, the unit array,
	 * the template's text) from mmap, returned when freed: glibc's
	 * sliding threshold would keep them in the heap after the first one
	 * is freed, and the peak memory of a large report's extraction
	 * (issue 6: under 10 times its size) with them. */
#ifdef M_MMAP_THRESHOLD
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	diag_init(&d);
	while ((c = getopt_long(argc, argv, "o:p:r:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'p':
			project = optarg;
			break;
		case 'r':
			extra[opt.nextra_rules++] = optarg;
			break;
		case 'N':
			opt.default_rules = 0;
			break;
		case 'R':
			resources = 1;
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	opt.extra_rules = extra;
	if (optind >= argc) {
		fprintf(stderr, _("l10n extract: no SOURCE given\n"));
		usage(2);
	}
	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		struct unit_list units = UNIT_LIST_INIT;
		unsigned before = diag_errors(&d);
		struct stat st;
		xmlDocPtr doc;
		struct its *its;

		if (stat(path, &st) == 0 && st.st_mtime > newest)
			newest = st.st_mtime;
		doc = xmlio_read(&d, path, xmlio_kind_of(path));
		if (doc == NULL) {
			failed = 1;
			continue;
		}
		its = its_new(&d, doc, path, &opt);
		if (resources) {
			list_resources(its, xmlDocGetRootElement(doc), path);
			its_free(its);
			xmlFreeDoc(doc);
			continue;
		}
		unit_collect(its, &units);
		if (diag_errors(&d) > before)
			failed = 1;
		/* The template needs only the units' strings: the document
		 * goes first, so that the two are not in memory together. */
		its_free(its);
		xmlFreeDoc(doc);
		pot_add(&pot, &units, path);
		unit_list_release(&units);
	}
	free(extra);
	if (resources) {
		pot_release(&pot);
		return fflush(stdout) != 0 ? 2 : diag_exit_status(&d);
	}
	/* A template missing a source's messages would make msgmerge retire
	 * their translations: write nothing unless every source was read. */
	if (failed) {
		pot_release(&pot);
		return diag_exit_status(&d) ? diag_exit_status(&d) : 1;
	}
	if (catalog_source_date(&d, newest, &date) < 0) {
		pot_release(&pot);
		return 2;
	}
	po_file_t f = pot_to_po(&pot, project, date);
	pot_release(&pot);
	r = catalog_write(&d, f, output, 1);
	/* The process ends next, and freeing the template's messages one
	 * by one took a tenth of the report's extraction (36 of 340 ms).
	 * Kept where valgrind's leak check sees it reachable. */
	kept_template = f;
	if (r < 0)
		return 2;
	return diag_exit_status(&d);
}
