/* cmd-languages.c - `l10n languages`: the project's language table. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "json.h"
#include "langtab.h"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("languages", status);
	printf(_("Usage: l10n languages [--format=text|json] [--source-lang=TAG] [LINGUAS]\n"
	    "Print the language table everything published is derived from: the\n"
	    "source language, then each language of LINGUAS (po/LINGUAS) in its\n"
	    "order, with what ICU says about it: BCP 47 tag, catalog name, name in\n"
	    "the language itself, direction and Open Graph locale.\n\n"
	    "  -f, --format=FORMAT    text (tab-separated, the default) or json (one\n"
	    "                         object per line)\n"
	    "  -s, --source-lang=TAG  the source language (default en)\n"
	    "  -h, --help             show this help\n\n"
	    "Exit status: 0 success, 2 usage error, unreadable LINGUAS or a language\n"
	    "ICU does not know.\n"));
	exit(0);
}

int
cmd_languages(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "source-lang", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *source = "en";
	struct langtab t = LANGTAB_INIT;
	struct diag d;
	int json = 0, c;

	diag_init(&d);
	while ((c = getopt_long(argc, argv, "f:s:h", longopts, NULL)) != -1) {
		if (c == 'f' && strcmp(optarg, "json") == 0)
			json = 1;
		else if (c == 'f' && strcmp(optarg, "text") == 0)
			json = 0;
		else if (c == 's')
			source = optarg;
		else if (c == 'h')
			usage(0);
		else
			usage(2);
	}
	if (argc - optind > 1)
		usage(2);
	if (langtab_load(&t, &d, source, optind < argc ? argv[optind] : NULL) < 0) {
		langtab_release(&t);
		return 2;
	}
	for (size_t i = 0; i < t.n; i++) {
		const struct langtab_entry *e = &t.v[i];
		if (json) {
			struct strbuf sb = STRBUF_INIT;
			json_begin(&sb);
			json_uint(&sb, "order", e->order);
			json_str(&sb, "tag", e->tag);
			json_str(&sb, "catalog", e->po);
			json_str(&sb, "name", e->native);
			json_str(&sb, "dir", e->rtl ? "rtl" : "ltr");
			json_str(&sb, "og_locale", e->og);
			json_str(&sb, "role", e->source ? "source" : "translation");
			json_end(&sb);
			puts(sb.buf);
			strbuf_release(&sb);
		} else {
			printf("%u\t%s\t%s\t%s\t%s\t%s\t%s\n", e->order, e->tag, e->po,
			    e->native, e->rtl ? "rtl" : "ltr", e->og,
			    e->source ? "source" : "translation");
		}
	}
	langtab_release(&t);
	return fflush(stdout) == 0 ? 0 : 2;
}
