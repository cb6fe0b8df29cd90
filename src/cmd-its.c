/* cmd-its.c - `l10n its`: ITS 2.0 values of every node of a document. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "its.h"
#include "xmlio.h"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("its", status);
	printf(_("Usage: l10n its --category NAME [OPTION]... FILE\n"
	    "Print the ITS 2.0 values of CATEGORY for every element and attribute\n"
	    "of FILE, one line each, in the W3C ITS 2.0 test-suite format.\n\n"
	    "  -c, --category=NAME   translate, localizationNote, elementsWithinText,\n"
	    "                        directionality, idValue, preserveSpace,\n"
	    "                        languageInformation, terminology, localeFilter,\n"
	    "                        domain, externalResource, allowedCharacters,\n"
	    "                        storageSize\n"
	    "  -d, --default-rules   also apply the tool's default rules (src/rules/),\n"
	    "                        as extraction does; without it only the\n"
	    "                        specification's own defaults apply\n"
	    "  -r, --rules=FILE      apply an extra rules file first (repeatable)\n"
	    "  -h, --help            show this help\n\n"
	    "Exit status: 0 success, 1 the rules had errors, 2 usage or I/O failure.\n"));
	exit(0);
}

int
cmd_its(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "category", required_argument, NULL, 'c' },
		{ "default-rules", no_argument, NULL, 'd' },
		{ "rules", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct its_options opt = { 0, NULL, NULL, 0 };
	const char *category = NULL;
	const char *extra[64];
	struct diag d;
	struct its *its;
	xmlDocPtr doc;
	int c;

	diag_init(&d);
	while ((c = getopt_long(argc, argv, "c:dr:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			category = optarg;
			break;
		case 'd':
			opt.default_rules = 1;
			break;
		case 'r':
			if (opt.nextra_rules < 64)
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
	if (category == NULL || optind != argc - 1) {
		fprintf(stderr, _("l10n its: need --category and one FILE\n"));
		usage(2);
	}
	doc = xmlio_read(&d, argv[optind], xmlio_kind_of(argv[optind]));
	if (doc == NULL)
		return 2;
	its = its_new(&d, doc, argv[optind], &opt);
	if (its_print_category(its, category, stdout) < 0) {
		fprintf(stderr, _("l10n its: unknown category '%s'\n"), category);
		its_free(its);
		xmlFreeDoc(doc);
		return 2;
	}
	its_free(its);
	xmlFreeDoc(doc);
	if (fflush(stdout) != 0)
		return 2;
	return diag_exit_status(&d);
}
