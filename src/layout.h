/*
 * layout.h - the text a report's layout generates itself ("Contents",
 * "Chapter 2", "Page 7", captions, the title page's lines), kept in
 * src/fo/layout.xml and translated through the catalog of domain
 * "layout" like any document.  For cmd-build.c and fo-writer.c.
 *
 * layout.xml holds <string name="NAME"> elements in LAYOUT_NS whose empty
 * child elements (<number/>, <title/> ...) are values the stylesheet
 * fills in.  A language's strings are the file merged with its catalog
 * (every translation checked as usual, refusals diagnosed at their PO
 * line), each flattened to a pattern with {number}, {title} ...
 *
 * Ownership: a struct layout owns its strings (layout_release()).
 */
#ifndef L10N_LAYOUT_H
#define L10N_LAYOUT_H

#include <stddef.h>

#include "catalog.h"
#include "diag.h"
#include "merge.h"

#define LAYOUT_NS "urn:x-l10n:layout"

struct layout_string {
	char *name;
	char *pattern;		/* "Chapter {number}" */
	int translated;		/* 0: shown in the source language */
};

struct layout {
	struct layout_string *v;
	size_t n, cap;
	struct merge_stats stats;
};

#define LAYOUT_INIT { NULL, 0, 0, { 0, 0, 0, 0, 0 } }

/* Read PATH and merge CAT (NULL: the source language) for LANG into
 * OUT.  Returns 0, or -1 after diagnostics when PATH cannot be used. */
int layout_load(struct diag *d, const char *path, const char *lang,
    const char *source_lang, const struct catalog *cat, struct layout *out);
/* The pattern of NAME, or NULL. */
const char *layout_get(const struct layout *l, const char *name);
void layout_release(struct layout *l);

#endif
