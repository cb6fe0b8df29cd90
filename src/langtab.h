/*
 * langtab.h - the language table of a project: the source language, then
 * every line of po/LINGUAS in its order, each with the facts ICU gives
 * (BCP 47 tag, name in itself, direction, Open Graph locale).  The one
 * place where publishing learns which languages exist and in what order;
 * nothing else lists them.  For the publishing commands (publish,
 * languages) and cmd-build.c.
 *
 * Ownership: a struct langtab owns its entries (langtab_release()).
 */
#ifndef L10N_LANGTAB_H
#define L10N_LANGTAB_H

#include <stddef.h>

#include "diag.h"

struct langtab_entry {
	char tag[64];		/* BCP 47: "zh-Hans" */
	char po[64];		/* catalog name: "zh_Hans" */
	char *native;		/* name in itself: "简体中文" */
	char og[32];		/* Open Graph: "zh_CN" */
	int rtl;		/* written right to left */
	int pseudo;		/* en-XA, ar-XB: never published */
	int source;		/* the source language */
	unsigned order;		/* 0 for the source, then LINGUAS order */
};

struct langtab {
	struct langtab_entry *v;
	size_t n, cap;
};

#define LANGTAB_INIT { NULL, 0, 0 }

/* Fill an entry for TAG (catalog or BCP 47 form).  Returns 0, or -1 when
 * ICU does not know the language. */
int langtab_entry_init(struct langtab_entry *e, const char *tag);
/* Add TAG at the end (nothing when it is already there).  Returns the
 * entry, or NULL (diagnosed) for a language ICU does not know. */
struct langtab_entry *langtab_add(struct langtab *t, struct diag *d,
    const char *tag);
/* SOURCE first, then the languages of LINGUAS (one per line, '#'
 * comments), or none when LINGUAS is NULL.  Returns 0 or -1. */
int langtab_load(struct langtab *t, struct diag *d, const char *source,
    const char *linguas);
/* The entry for a tag in either form, or NULL. */
struct langtab_entry *langtab_find(const struct langtab *t, const char *tag);
void langtab_release(struct langtab *t);

#endif
