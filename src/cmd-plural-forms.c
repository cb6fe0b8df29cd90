/* cmd-plural-forms.c - `l10n plural-forms`: a language's Plural-Forms
 * header, compiled from the CLDR rules ICU carries. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "lang.h"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("plural-forms", status);
	printf(_("Usage: l10n plural-forms [--verify] LANGUAGE...\n"
	    "Print the gettext Plural-Forms header value of each LANGUAGE (a BCP 47\n"
	    "tag or catalog name), compiled from CLDR's plural rules in ICU.\n\n"
	    "  -v, --verify   also check the formula against ICU for 0..10000\n"
	    "  -h, --help     show this help\n\n"
	    "Exit status: 0 success, 1 a formula disagrees with ICU, 2 unknown language.\n"));
	exit(0);
}

int
cmd_plural_forms(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "verify", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int verify = 0, c, status = 0;

	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		if (c == 'v')
			verify = 1;
		else if (c == 'h')
			usage(0);
		else
			usage(2);
	}
	if (optind >= argc)
		usage(2);
	for (int i = optind; i < argc; i++) {
		char tag[128];
		struct strbuf sb = STRBUF_INIT;
		int np;
		char *expr;

		if (lang_bcp47(argv[i], tag, sizeof tag) < 0 ||
		    lang_plural_forms(tag, &sb) < 0) {
			fprintf(stderr, _("l10n plural-forms: '%s' is not a language ICU knows\n"),
			    argv[i]);
			status = 2;
			strbuf_release(&sb);
			continue;
		}
		if (argc - optind > 1)
			printf("%s\t", argv[i]);
		printf("%s\n", sb.buf);
		if (verify && plural_parse_header(sb.buf, &np, &expr) == 0) {
			for (long n = 0; n <= 10000; n++) {
				unsigned long v;
				int want = lang_plural_select(tag, n);
				if (plural_eval(expr, (unsigned long)n, &v) < 0 || (long)v != want) {
					fprintf(stderr, "l10n plural-forms: %s: n=%ld gives %lu, CLDR says %d\n",
					    argv[i], n, v, want);
					status = status ? status : 1;
					break;
				}
			}
			free(expr);
		}
		strbuf_release(&sb);
	}
	return status;
}
