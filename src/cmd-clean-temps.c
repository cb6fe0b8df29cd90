/* cmd-clean-temps.c - `l10n clean-temps`: remove the temp files that runs
 * killed before they finished left below the folders given (fsutil.c's
 * .l10n-tmp.PID.NAME.XXXXXX, whose process no longer runs).  `make l10n`
 * and `make pseudo` run it first, on every folder they write. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "fsutil.h"
#include "i18n.h"

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("clean-temps", status);
	printf(_("Usage: l10n clean-temps [--verbose] FOLDER...\n"
	    "Remove the temp files (.l10n-tmp.PID.*) that l10n runs killed before\n"
	    "they finished left in each FOLDER and the folders below it.  The temp\n"
	    "files of a process that still runs are kept.  A FOLDER that does not\n"
	    "exist is skipped.\n\n"
	    "  -v, --verbose  say how many were removed\n"
	    "  -h, --help     show this help\n\n"
	    "Exit status: 0 success, 2 usage.\n"));
	exit(0);
}

int
cmd_clean_temps(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int verbose = 0, c;

	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		if (c == 'v')
			verbose = 1;
		else if (c == 'h')
			usage(0);
		else
			usage(2);
	}
	if (optind >= argc)
		usage(2);
	for (int i = optind; i < argc; i++) {
		int n = clean_stale_temps_tree(argv[i]);
		if (verbose)
			printf(ngettext("%s: %d temp file removed\n", "%s: %d temp files removed\n",
			    (unsigned long)n), argv[i], n);
	}
	return 0;
}
