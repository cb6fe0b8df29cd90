/*
 * update.h - a catalog brought up to date with its template, in process,
 * with the semantics and the output of `msgmerge --previous` (gettext
 * 0.21): translations of unchanged messages kept, the header merged as
 * msgmerge merges it, messages without an exact match given the fuzzy
 * translation fuzzy.c chooses (with "#|" previous msgid), vanished ones
 * kept as obsolete "#~" entries.  Read and written through libgettextpo
 * (catalog.c).  For cmd-update.c.
 *
 * It handles what this tool's catalogs contain; a catalog or template
 * with plural forms, flags other than "fuzzy" (c-format, no-wrap, range),
 * several domains or a header without "Language:" is left to msgmerge
 * itself (UPDATE_UNSUPPORTED).
 */
#ifndef L10N_UPDATE_H
#define L10N_UPDATE_H

#include <stddef.h>

#include "diag.h"

struct update_stats {
	size_t exact;		/* translations kept */
	size_t fuzzy;		/* fuzzy translations offered, of which: */
	size_t fuzzy_by_id;	/*   the unit's previous version by its id */
	size_t fuzzy_proven;	/*   msgmerge's choice, proven */
	size_t fuzzy_heuristic;	/*   gettext's heuristic choice */
	size_t untranslated;
	size_t obsolete;	/* translated messages kept as "#~" */
	int cached;		/* nothing done: current since the last update
				 * (L10N_CACHE_DIR) */
};

enum update_result {
	UPDATE_UNCHANGED,	/* PO already held the result */
	UPDATE_WRITTEN,
	UPDATE_UNSUPPORTED,	/* nothing done: use msgmerge */
	UPDATE_FAILED		/* diagnosed; PO left as it was */
};

/* Bring the catalog PO up to date with the template POT (rewriting PO
 * only when more than POT-Creation-Date changed).  THREADS (0: one per
 * processor) search fuzzy matches in parallel. */
enum update_result update_catalog(struct diag *d, const char *pot, const char *po,
    unsigned threads, struct update_stats *st);

#endif
