/* cmd-stats.c - `l10n stats`: translated, fuzzy and untranslated strings
 * and words per catalog. */
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "catalog.h"
#include "cmd.h"
#include "i18n.h"
#include "json.h"
#include "markup.h"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("stats", status);
	printf(_("Usage: l10n stats [--format=text|json] [PO...]\n"
	    "Count the translated, fuzzy and untranslated messages of each catalog,\n"
	    "in strings and in source words (markup left out, words as ICU's word\n"
	    "break rules find them).  Obsolete messages and the header do not count.\n"
	    "Without PO, every catalog po/DOMAIN/LANG.po of the current folder: the\n"
	    "site's, the layout's and each report's, per language.\n\n"
	    "  -f, --format=FORMAT   text (a table, the default) or json (one object\n"
	    "                        per line)\n"
	    "  -h, --help            show this help\n\n"
	    "Exit status: 0 success, 1 a catalog could not be read, 2 usage error.\n"));
	exit(0);
}

struct counts {
	unsigned strings[3];	/* translated, fuzzy, untranslated */
	unsigned words[3];
};

/* Words of a msgid: its text without markup, segmented by ICU. */
static unsigned
count_words(const char *msgid)
{
	struct markup m;
	char why[64];
	struct strbuf text = STRBUF_INIT;
	UChar *u;
	int32_t ulen;
	UErrorCode st = U_ZERO_ERROR;
	unsigned n = 0;

	if (markup_parse(&m, msgid, XMLIO_XML, NULL, why, sizeof why) == 0) {
		xmlChar *c = xmlNodeGetContent(m.root);
		strbuf_puts(&text, c ? (const char *)c : "");
		xmlFree(c);
		markup_release(&m);
	} else {
		strbuf_puts(&text, msgid);
	}
	u_strFromUTF8(NULL, 0, &ulen, text.buf, (int32_t)text.len, &st);
	st = U_ZERO_ERROR;
	u = xmalloc(((size_t)ulen + 1) * sizeof *u);
	u_strFromUTF8(u, ulen + 1, NULL, text.buf, (int32_t)text.len, &st);
	UBreakIterator *bi = ubrk_open(UBRK_WORD, "en", u, ulen, &st);
	if (U_SUCCESS(st)) {
		for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi))
			if (ubrk_getRuleStatus(bi) != UBRK_WORD_NONE)
				n++;
		ubrk_close(bi);
	}
	free(u);
	strbuf_release(&text);
	return n;
}

int
cmd_stats(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int json = 0, c, failed = 0;
	struct diag d;

	diag_init(&d);
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (c == 'f') {
			if (strcmp(optarg, "json") == 0)
				json = 1;
			else if (strcmp(optarg, "text") != 0)
				usage(2);
		} else if (c == 'h') {
			usage(0);
		} else {
			usage(2);
		}
	}
	/* No catalogs named: those of the project in the current folder. */
	glob_t g;
	memset(&g, 0, sizeof g);
	char **files = argv + optind;
	int nfiles = argc - optind;
	if (nfiles == 0) {
		if (glob("po/*/*.po", 0, NULL, &g) != 0 || g.gl_pathc == 0) {
			fprintf(stderr, _("l10n stats: no PO given and no po/*/*.po here\n"));
			globfree(&g);
			usage(2);
		}
		files = g.gl_pathv;
		nfiles = (int)g.gl_pathc;
	}
	int width = 32;
	for (int i = 0; i < nfiles; i++)
		if ((int)strlen(files[i]) > width)
			width = (int)strlen(files[i]);
	if (!json)
		printf("%-*s %-8s %9s %6s %12s %7s\n", width, _("catalog"), _("language"),
		    _("translated"), _("fuzzy"), _("untranslated"), _("words%"));
	for (int n = 0; n < nfiles; n++) {
		const char *file = files[n];
		struct catalog cat;
		struct counts k;
		memset(&k, 0, sizeof k);
		if (catalog_read(&d, file, &cat) < 0) {
			failed = 1;
			catalog_release(&cat);
			continue;
		}
		for (size_t j = 0; j < cat.n; j++) {
			const struct catalog_entry *e = &cat.v[j];
			if (e->obsolete || (e->msgid[0] == '\0' && e->msgctxt == NULL))
				continue;
			int s = e->msgstr[0] == '\0' ? 2 : e->fuzzy ? 1 : 0;
			k.strings[s]++;
			k.words[s] += count_words(e->msgid);
		}
		char *lang = catalog_header_field(&cat, "Language");
		unsigned total = k.strings[0] + k.strings[1] + k.strings[2];
		unsigned wtotal = k.words[0] + k.words[1] + k.words[2];
		if (json) {
			struct strbuf sb = STRBUF_INIT;
			json_begin(&sb);
			json_str(&sb, "file", file);
			json_str(&sb, "language", lang ? lang : "");
			json_uint(&sb, "translated", k.strings[0]);
			json_uint(&sb, "fuzzy", k.strings[1]);
			json_uint(&sb, "untranslated", k.strings[2]);
			json_uint(&sb, "total", total);
			json_uint(&sb, "translated_words", k.words[0]);
			json_uint(&sb, "fuzzy_words", k.words[1]);
			json_uint(&sb, "untranslated_words", k.words[2]);
			json_uint(&sb, "total_words", wtotal);
			json_end(&sb);
			puts(sb.buf);
			strbuf_release(&sb);
		} else {
			printf("%-*s %-8s %9u %6u %12u %6.1f%%\n", width, file, lang ? lang : "",
			    k.strings[0], k.strings[1], k.strings[2],
			    wtotal ? 100.0 * k.words[0] / wtotal : 0.0);
		}
		free(lang);
		catalog_release(&cat);
	}
	globfree(&g);
	if (fflush(stdout) != 0)
		return 2;
	return failed ? 1 : 0;
}
