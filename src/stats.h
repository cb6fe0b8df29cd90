/*
 * stats.h - how much of a catalog is translated: translated, fuzzy and
 * untranslated messages, in strings and in source words, for the whole
 * catalog and for each source document its messages come from ("#:"
 * references).  For `l10n stats` and the status page of `l10n publish`,
 * so that both show the same numbers.
 *
 * Ownership: a struct stats owns its strings and documents
 * (stats_release()).
 */
#ifndef L10N_STATS_H
#define L10N_STATS_H

#include <stddef.h>

#include "diag.h"

enum { STATS_TRANSLATED, STATS_FUZZY, STATS_UNTRANSLATED };

struct stats_counts {
	unsigned strings[3];	/* by STATS_* */
	unsigned words[3];
};

struct stats_doc {
	char *document;		/* content/site/index.html */
	struct stats_counts c;
};

struct stats {
	char *path;		/* the PO file */
	char *language;		/* its Language header ("" when none) */
	char *revision;		/* its PO-Revision-Date, or NULL */
	struct stats_counts c;	/* the whole catalog: each message once */
	struct stats_doc *docs;	/* sorted by document; a message used by
				 * several documents counts in each */
	size_t ndocs, cap;
};

/* Count the messages of the catalog PATH (obsolete messages and the
 * header left out).  Returns 0, or -1 after a diagnostic. */
int stats_read(struct diag *d, const char *path, struct stats *s);
void stats_release(struct stats *s);

unsigned stats_strings(const struct stats_counts *c);
unsigned stats_words(const struct stats_counts *c);
/* Words of a msgid: its text without markup, segmented by ICU; kept in
 * L10N_CACHE_DIR by stats_words_save(), which a command that counted
 * words calls once at its end. */
unsigned stats_count_words(const char *msgid);
void stats_words_save(void);

#endif
