/*
 * merge.h - putting translations into a document: each unit's content is
 * replaced by its translation once the translation has been checked to
 * keep the source's markup (markup.h); a unit without a usable
 * translation keeps the source text and is marked with the source
 * language.  For `l10n build`.
 *
 * Ownership: merge_document() changes the document in place; the states
 * it records belong to the struct merge (merge_release()).
 */
#ifndef L10N_MERGE_H
#define L10N_MERGE_H

#include <libxml/tree.h>

#include "catalog.h"
#include "diag.h"
#include "hash.h"
#include "its.h"
#include "unit.h"
#include "xmlio.h"

enum merge_state {
	MERGE_UNTRANSLATED,
	MERGE_FUZZY,
	MERGE_REFUSED,
	MERGE_TRANSLATED
};

struct merge_stats {
	unsigned total, translated, fuzzy, untranslated, refused;
};

struct checker;

struct merge {
	const char *lang;		/* target, BCP 47 */
	/* When set, a translation with an error-level finding of the checks
	 * (check.h) is refused too; the checker reports it. */
	struct checker *checker;
	const char *source_lang;	/* "en" */
	enum xmlio_kind kind;
	int quiet_refusals;		/* count refusals without diagnostics */
	struct hash states;		/* node pointer -> state + 1 */
	struct arena arena;		/* the keys of states */
	struct merge_stats stats;
};

void merge_init(struct merge *m, const char *lang, const char *source_lang,
    enum xmlio_kind kind);
void merge_release(struct merge *m);

/* Merge the translations of CAT (NULL: none) into the units.  Refused
 * translations are diagnosed at their PO file line. */
void merge_units(struct merge *m, struct diag *d, const struct unit_list *units,
    const struct catalog *cat);

/* The state merge_units() left NODE (a unit's element or attribute) in,
 * or -1 when NODE is not a unit. */
int merge_state_of(const struct merge *m, xmlNodePtr node);

/* Set lang/dir (HTML) or xml:lang (XML) wherever the language of the
 * content changes: on the root (the target language), on units shown in
 * the source language (the language ITS says the source is in there), and
 * on translated units inside those.  ITS (the source's annotations, NULL
 * for none) gives the languages of fallbacks. */
void merge_mark_languages(struct merge *m, const struct its *its, xmlDocPtr doc);

/* Remove the elements ITS localeFilter keeps away from LANG (before the
 * units are collected, so that they are not counted). */
void merge_locale_filter(const struct its *its, xmlDocPtr doc, const char *lang);

#endif
