/* cmd-stats.c - `l10n stats`: translated, fuzzy and untranslated strings
 * and words per catalog, and per source document. */
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "json.h"
#include "stats.h"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("stats", status);
	printf(_("Usage: l10n stats [--format=text|json] [--by-document] [PO...]\n"
	    "Count the translated, fuzzy and untranslated messages of each catalog,\n"
	    "in strings and in source words (markup left out, words as ICU's word\n"
	    "break rules find them).  Obsolete messages and the header do not count.\n"
	    "Without PO, every catalog po/DOMAIN/LANG.po of the current folder: the\n"
	    "site's, the layout's and each report's, per language.\n\n"
	    "  -f, --format=FORMAT   text (a table, the default) or json (one object\n"
	    "                        per line)\n"
	    "  -d, --by-document     also count per source document (the files of the\n"
	    "                        messages' \"#:\" references; a message used by\n"
	    "                        several documents counts in each)\n"
	    "  -h, --help            show this help\n\n"
	    "Exit status: 0 success, 1 a catalog could not be read, 2 usage error.\n"));
	exit(0);
}

static void
print_json(const struct stats *s, const char *document, const struct stats_counts *c)
{
	struct strbuf sb = STRBUF_INIT;

	json_begin(&sb);
	json_str(&sb, "file", s->path);
	json_str(&sb, "language", s->language);
	if (document != NULL)
		json_str(&sb, "document", document);
	json_uint(&sb, "translated", c->strings[STATS_TRANSLATED]);
	json_uint(&sb, "fuzzy", c->strings[STATS_FUZZY]);
	json_uint(&sb, "untranslated", c->strings[STATS_UNTRANSLATED]);
	json_uint(&sb, "total", stats_strings(c));
	json_uint(&sb, "translated_words", c->words[STATS_TRANSLATED]);
	json_uint(&sb, "fuzzy_words", c->words[STATS_FUZZY]);
	json_uint(&sb, "untranslated_words", c->words[STATS_UNTRANSLATED]);
	json_uint(&sb, "total_words", stats_words(c));
	json_end(&sb);
	puts(sb.buf);
	strbuf_release(&sb);
}

static void
print_text(int width, const char *name, const char *lang, const struct stats_counts *c)
{
	unsigned wtotal = stats_words(c);

	printf("%-*s %-8s %9u %6u %12u %6.1f%%\n", width, name, lang,
	    c->strings[STATS_TRANSLATED], c->strings[STATS_FUZZY],
	    c->strings[STATS_UNTRANSLATED],
	    wtotal ? 100.0 * c->words[STATS_TRANSLATED] / wtotal : 0.0);
}

int
cmd_stats(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "by-document", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int json = 0, by_doc = 0, c, failed = 0;
	struct diag d;

	diag_init(&d);
	while ((c = getopt_long(argc, argv, "f:dh", longopts, NULL)) != -1) {
		if (c == 'f') {
			if (strcmp(optarg, "json") == 0)
				json = 1;
			else if (strcmp(optarg, "text") != 0)
				usage(2);
		} else if (c == 'd') {
			by_doc = 1;
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
	for (int i = 0; i < nfiles; i++) {
		struct stats s;
		if (stats_read(&d, files[i], &s) < 0) {
			failed = 1;
			stats_release(&s);
			continue;
		}
		if (json)
			print_json(&s, NULL, &s.c);
		else
			print_text(width, s.path, s.language, &s.c);
		for (size_t j = 0; by_doc && j < s.ndocs; j++) {
			if (json) {
				print_json(&s, s.docs[j].document, &s.docs[j].c);
			} else {
				char *name = xasprintf("  %s", s.docs[j].document);
				print_text(width, name, "", &s.docs[j].c);
				free(name);
			}
		}
		stats_release(&s);
	}
	globfree(&g);
	stats_words_save();
	if (fflush(stdout) != 0)
		return 2;
	return failed ? 1 : 0;
}
