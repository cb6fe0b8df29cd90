/* cmd-update.c - `l10n update`: PO files brought up to date with their
 * template with msgmerge's semantics (in process, update.c; or msgmerge
 * itself), new languages started with msginit and CLDR plural forms. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "fsutil.h"
#include "i18n.h"
#include "lang.h"
#include "spawn.h"
#include "update.h"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("update", status);
	printf(_("Usage: l10n update [OPTION]... TEMPLATE PO...\n"
	    "Bring each PO file up to date with TEMPLATE as `msgmerge --previous`\n"
	    "does: translations of unchanged messages kept, changed messages fuzzy\n"
	    "with their previous msgid, new ones empty, vanished ones obsolete.  A PO\n"
	    "file that does not exist yet is made with `msginit --no-translator`, its\n"
	    "Plural-Forms compiled from CLDR (ICU).  The language is the PO file's\n"
	    "name (he.po, zh_Hans.po).  A file is rewritten only when more than its\n"
	    "POT-Creation-Date changed.\n\n"
	    "The merge runs in process, as fast as exact matches allow: fuzzy\n"
	    "translations are msgmerge's choice where it can be proven quickly, else\n"
	    "gettext's own heuristic choice; a unit's previous version found by its\n"
	    "id (msgctxt) comes first.  Catalogs with plural forms or format flags\n"
	    "are merged by msgmerge.\n\n"
	    "  -q, --quiet       say nothing about files left unchanged\n"
	    "      --msgmerge    run `msgmerge --previous` itself (the reference;\n"
	    "                    also when L10N_MSGMERGE=1 is in the environment)\n"
	    "      --stats       say how each message was merged\n"
	    "  -j, --threads=N   search fuzzy matches with N threads (default: one\n"
	    "                    per processor)\n"
	    "  -h, --help        show this help\n\n"
	    "Exit status: 0 success, 1 a PO file could not be updated (it is left\n"
	    "as it was; the others are updated), 2 usage or I/O failure.\n"));
	exit(0);
}

static char *
lang_of(const char *po)
{
	const char *base = strrchr(po, '/') ? strrchr(po, '/') + 1 : po;
	size_t len = strlen(base);

	if (len > 3 && strcmp(base + len - 3, ".po") == 0)
		len -= 3;
	return xstrndup(base, len);
}

/* POT-Creation-Date of the template, as the date of a new catalog when
 * SOURCE_DATE_EPOCH is not set. */
static char *
template_date(struct diag *d, const char *pot)
{
	struct catalog cat;
	char *v = NULL;

	if (catalog_read(d, pot, &cat) == 0)
		v = catalog_header_field(&cat, "POT-Creation-Date");
	catalog_release(&cat);
	return v;
}

static int
start_catalog(struct diag *d, const char *pot, const char *po)
{
	char *name = lang_of(po);
	char tag[128];
	struct strbuf out = STRBUF_INIT, forms = STRBUF_INIT;
	struct catalog cat;
	int r = -1;

	if (lang_bcp47(name, tag, sizeof tag) < 0 || lang_plural_forms(tag, &forms) < 0) {
		diag(d, DIAG_BUILD_LANG, po, 0, 0, name);
		goto out;
	}
	char *argv[] = { "msginit", "--no-translator", "--locale", name, "--input",
	    (char *)pot, "--output-file", "-", NULL };
	if (spawn_capture(argv, &out) != 0) {
		diag(d, DIAG_PO_NOT_UPDATED, NULL, 0, 0, po, "msginit");
		goto out;
	}
	if (catalog_read_text(d, out.buf, out.len, po, &cat) < 0)
		goto out;
	/* gettext's own plural table lacks or differs from CLDR for many
	 * languages (zh_Hans: none; he: 2 forms, CLDR 3). */
	char *plural = xstrndup(forms.buf, forms.len);
	catalog_set_header_field(&cat, "Plural-Forms", plural);
	free(plural);
	/* msginit stamps the clock: use the reproducible date instead. */
	time_t t;
	char date[64];
	if (getenv("SOURCE_DATE_EPOCH") != NULL) {
		if (catalog_source_date(d, 0, &t) < 0) {
			catalog_release(&cat);
			goto out;
		}
		catalog_format_date(t, date, sizeof date);
		catalog_set_header_field(&cat, "PO-Revision-Date", date);
	} else {
		char *pd = template_date(d, pot);
		if (pd != NULL)
			catalog_set_header_field(&cat, "PO-Revision-Date", pd);
		free(pd);
	}
	r = catalog_write(d, cat.file, po, 0) < 0 ? -1 : 0;
	if (r == 0)
		fprintf(stderr, _("l10n update: started %s (%s)\n"), po, tag);
	catalog_release(&cat);
out:
	free(name);
	strbuf_release(&out);
	strbuf_release(&forms);
	return r;
}

static int
run_msgmerge(struct diag *d, const char *pot, const char *po)
{
	struct strbuf out = STRBUF_INIT;
	char *argv[] = { "msgmerge", "--previous", "--quiet", "--output-file", "-",
	    (char *)po, (char *)pot, NULL };
	struct catalog cat;
	int st, r = -1;

	/* A catalog with errors is left exactly as the translator wrote it:
	 * msgmerge would silently drop what follows a NUL byte, re-encode
	 * a wrong charset or leave out broken entries, and the damage would
	 * be published by the next build. */
	if (catalog_read(d, po, &cat) < 0 || catalog_check_plurals(d, &cat) > 0 ||
	    cat.errors > 0) {
		catalog_release(&cat);
		diag(d, DIAG_PO_NOT_UPDATED, NULL, 0, 0, po, "reading it");
		return -1;
	}
	catalog_release(&cat);
	st = spawn_capture(argv, &out);

	if (st != 0 || out.len == 0) {
		/* msgmerge has said what is wrong on standard error. */
		diag(d, DIAG_PO_NOT_UPDATED, NULL, 0, 0, po, "msgmerge");
	} else {
		r = catalog_write_text(d, out.buf, out.len, po, 1) < 0 ? -1 : 0;
	}
	strbuf_release(&out);
	return r;
}

struct update_options {
	int msgmerge;		/* the reference path */
	int stats;
	unsigned threads;
};

static int
merge_catalog(struct diag *d, const char *pot, const char *po,
    const struct update_options *opt)
{
	struct update_stats st;

	if (!opt->msgmerge) {
		switch (update_catalog(d, pot, po, opt->threads, &st)) {
		case UPDATE_WRITTEN:
		case UPDATE_UNCHANGED:
			if (opt->stats && st.cached)
				fprintf(stderr, _("l10n update: %s: current (as the last update "
				    "left it, from the same template)\n"), po);
			else if (opt->stats)
				fprintf(stderr, _("l10n update: %s: %zu kept, %zu fuzzy (%zu "
				    "msgmerge's, %zu by id, %zu heuristic), %zu untranslated, "
				    "%zu obsolete\n"), po, st.exact, st.fuzzy, st.fuzzy_proven,
				    st.fuzzy_by_id, st.fuzzy_heuristic, st.untranslated,
				    st.obsolete);
			return 0;
		case UPDATE_FAILED:
			return -1;
		case UPDATE_UNSUPPORTED:
			break;
		}
	}
	if (opt->stats)
		fprintf(stderr, _("l10n update: %s: merged by msgmerge\n"), po);
	return run_msgmerge(d, pot, po);
}

int
cmd_update(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "msgmerge", no_argument, NULL, 'M' },
		{ "stats", no_argument, NULL, 'S' },
		{ "threads", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct update_options opt = { 0, 0, 0 };
	const char *env = getenv("L10N_MSGMERGE");
	struct diag d;
	int c, failed = 0;
	char *end;

	diag_init(&d);
	opt.msgmerge = env != NULL && strcmp(env, "") != 0 && strcmp(env, "0") != 0;
	while ((c = getopt_long(argc, argv, "qj:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(0);
			break;
		case 'q':
			break;
		case 'M':
			opt.msgmerge = 1;
			break;
		case 'S':
			opt.stats = 1;
			break;
		case 'j':
			opt.threads = (unsigned)strtoul(optarg, &end, 10);
			if (*end != '\0' || *optarg == '\0')
				usage(2);
			break;
		default:
			usage(2);
		}
	}
	if (argc - optind < 2)
		usage(2);
	const char *pot = argv[optind];
	if (!file_exists(pot)) {
		diag(&d, DIAG_OPEN, NULL, 0, 0, pot, "no such file");
		return 2;
	}
	for (int i = optind + 1; i < argc; i++) {
		/* Temp files a killed run left beside this catalog. */
		clean_stale_temps_beside(argv[i]);
		int r = file_exists(argv[i]) ? merge_catalog(&d, pot, argv[i], &opt)
		    : start_catalog(&d, pot, argv[i]);
		if (r < 0)
			failed = 1;
	}
	if (diag_exit_status(&d) == 2)
		return 2;
	return failed ? 1 : 0;
}
