/* cmd-pseudo.c - `l10n pseudo`: a pseudo-locale's catalog from a template. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "pseudo.h"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("pseudo", status);
	printf(_("Usage: l10n pseudo --lang=TAG [-o FILE] TEMPLATE\n"
	    "Translate every message of TEMPLATE into a pseudo-locale, to find\n"
	    "untranslatable text, truncation and right-to-left layout faults before\n"
	    "any translator starts.  Markup and placeholders are kept as they are.\n\n"
	    "  -l, --lang=TAG      en-XA: accented look-alikes, about 30%% longer, in\n"
	    "                      [brackets]; ar-XB: right to left, every word a\n"
	    "                      right-to-left override\n"
	    "  -o, --output=FILE   the catalog to write (default: standard output)\n"
	    "  -h, --help          show this help\n\n"
	    "Exit status: 0 success, 1 a message could not be parsed, 2 usage or I/O\n"
	    "failure.\n"));
	exit(0);
}

int
cmd_pseudo(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *lang = NULL, *output = "-";
	struct diag d;
	int c;

	diag_init(&d);
	while ((c = getopt_long(argc, argv, "l:o:h", longopts, NULL)) != -1) {
		if (c == 'l')
			lang = optarg;
		else if (c == 'o')
			output = optarg;
		else if (c == 'h')
			usage(0);
		else
			usage(2);
	}
	if (lang == NULL || optind != argc - 1) {
		fprintf(stderr, _("l10n pseudo: need --lang and one TEMPLATE\n"));
		usage(2);
	}
	if (pseudo_catalog(&d, argv[optind], lang, output) < 0 && diag_exit_status(&d) == 0)
		return 1;
	return diag_exit_status(&d);
}
