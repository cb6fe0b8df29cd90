/* main.c - the l10n command: dispatch to one subcommand per file. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "diag.h"
#include "i18n.h"
#include "xalloc.h"
#include "xmlio.h"

#ifndef L10N_VERSION
#define L10N_VERSION "0.1"
#endif

/*
 * HEAP: how much of its heap a command lets grow in huge pages
 * (heap_huge(), xalloc.h).  On a shadow-paging virtual machine, ours,
 * every first touch of a 4 KB page by a process costs microseconds.  With
 * huge pages, medians of interleaved runs on the bench corpus (5 each, 4
 * for make): one language of the report built in 1.27 s instead of
 * 1.59 s (peak RSS 82 -> 86 MB), the 20,000-entry update in 3.63 s
 * instead of 4.38 s (149 -> 150 MB), `make -j2 l10n` of the corpus in
 * 14.3 s instead of 15.4 s.  1 GB rather than the 128 MB it was: a
 * language of the report four times as long (11.8 MB) uses 290 MB, and
 * beyond the huge pages took 30,000 page faults instead of 8,000; it was
 * built in 3.29 s instead of 3.98 s (5 interleaved runs each; peak RSS
 * 290 -> 292 MB; the corpus at scale 1, below 128 MB, does not change;
 * `make -j2 l10n` at scale 4 did not change beyond its noise).  The
 * advice costs no memory until the heap grows into it.  Not for
 * extract, whose peak memory must stay within ten times its input
 * (issue 6): huge pages would add 3.5 MB to its 27 MB for the 2.9 MB
 * report.  The children a command forks inherit the advice.
 */
#define HEAP ((size_t)1 << 30)

static const struct command {
	const char *name;
	int (*fn)(int, char **);
	size_t heap;
	const char *summary;
} commands[] = {
	{ "extract", cmd_extract, 0, N_("extract translatable text into a PO template") },
	{ "update", cmd_update, HEAP, N_("bring PO files up to date with their template") },
	{ "build", cmd_build, HEAP, N_("write localised documents for one language") },
	{ "check", cmd_check, HEAP, N_("check translations against their sources") },
	{ "publish", cmd_publish, HEAP, N_("tie the built languages into one site: alternates, sitemap, status") },
	{ "languages", cmd_languages, 0, N_("print the language table (po/LINGUAS and ICU)") },
	{ "pseudo", cmd_pseudo, HEAP, N_("pseudo-translate a template (en-XA, ar-XB)") },
	{ "its", cmd_its, 0, N_("print ITS 2.0 data categories (W3C test-suite format)") },
	{ "stats", cmd_stats, HEAP, N_("translated, fuzzy and untranslated counts per catalog") },
	{ "plural-forms", cmd_plural_forms, 0, N_("print a language's Plural-Forms from CLDR") },
	{ "clean-temps", cmd_clean_temps, 0, N_("remove the temp files of runs that were killed") },
};

static void
usage(FILE *out)
{
	fprintf(out, _("Usage: l10n COMMAND [OPTION]... [ARG]...\n"
	    "Localisation toolchain: ITS 2.0 extraction, PO catalogs, checks and\n"
	    "localised HTML, DocBook and XSL-FO.\n\nCommands:\n"));
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
	fprintf(out, _("\nRun 'l10n COMMAND --help' for a command's options.\n"
	    "Exit status: 0 success, 1 errors were found, 2 usage or I/O failure.\n"));
}

void
cmd_try_help(const char *cmd, int status)
{
	if (status != 0)
		fprintf(stderr, _("Try 'l10n %s --help' for more information.\n"), cmd);
	exit(status);
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	bindtextdomain("l10n", LOCALEDIR);
	textdomain("l10n");
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("l10n %s\n", L10N_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			/* A malformed SOURCE_DATE_EPOCH is an error for every
			 * command, not only for those that write a date: a build
			 * that silently ignored it would not be reproducible. */
			struct diag d;
			time_t t;
			diag_init(&d);
			if (catalog_source_date(&d, 0, &t) < 0)
				return 2;
			xmlio_init();
			catalog_init();
			if (commands[i].heap > 0)
				heap_huge(commands[i].heap);
			return commands[i].fn(argc - 1, argv + 1);
		}
	}
	fprintf(stderr, _("l10n: '%s' is not a command; see 'l10n --help'\n"), argv[1]);
	return 2;
}
