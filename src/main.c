/* main.c - the l10n command: dispatch to one subcommand per file. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "xmlio.h"

#ifndef L10N_VERSION
#define L10N_VERSION "0.1"
#endif

static const struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} commands[] = {
	{ "extract", cmd_extract, N_("extract translatable text into a PO template") },
	{ "update", cmd_update, N_("bring PO files up to date with their template") },
	{ "build", cmd_build, N_("write localised documents for one language") },
	{ "check", cmd_check, N_("check translations against their sources") },
	{ "publish", cmd_publish, N_("tie the built languages into one site: alternates, sitemap, status") },
	{ "languages", cmd_languages, N_("print the language table (po/LINGUAS and ICU)") },
	{ "pseudo", cmd_pseudo, N_("pseudo-translate a template (en-XA, ar-XB)") },
	{ "its", cmd_its, N_("print ITS 2.0 data categories (W3C test-suite format)") },
	{ "stats", cmd_stats, N_("translated, fuzzy and untranslated counts per catalog") },
	{ "plural-forms", cmd_plural_forms, N_("print a language's Plural-Forms from CLDR") },
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
			xmlio_init();
			return commands[i].fn(argc - 1, argv + 1);
		}
	}
	fprintf(stderr, _("l10n: '%s' is not a command; see 'l10n --help'\n"), argv[1]);
	return 2;
}
