/*
 * markup.h - the markup of a message: a source text or a translation
 * parsed as a fragment, and the comparison that decides whether a
 * translation keeps the source's markup.  For the merger (the security
 * floor: nothing a translation adds reaches the output) and the checker.
 *
 * A translation keeps the markup when it has the source's elements as a
 * multiset, each inside the same chain of parents (order may change); each
 * placeholder <_:name-N/> exactly once; on every element the source's
 * attribute names, with untranslatable values byte-identical; and no
 * comments, processing instructions or CDATA sections.
 *
 * Ownership: struct markup owns its parsed document (markup_release()).
 */
#ifndef L10N_MARKUP_H
#define L10N_MARKUP_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "xmlio.h"

struct markup {
	xmlDocPtr doc;
	xmlNodePtr root;	/* the wrapper element; its children are the text */
};

/* Parse TEXT as the content of CONTEXT (an element of the source document
 * for its namespaces and entities, or NULL).  Returns 0, or -1 with a
 * reason in WHY. */
int markup_parse(struct markup *m, const char *text, enum xmlio_kind kind,
    xmlNodePtr context, char *why, size_t whylen);
void markup_release(struct markup *m);

/* Is attribute NAME of an inline element translatable text?  (HTML5's
 * translatable attributes, aria labels; DocBook's none.) */
int markup_attr_translatable(enum xmlio_kind kind, const xmlChar *elem,
    const xmlChar *name);

/* The first difference found, for a diagnostic. */
struct markup_issue {
	enum diag_code code;	/* a DIAG_MERGE_* code */
	char arg1[128], arg2[128], arg3[256];
};

/* 0 when TRANSLATION keeps the markup of SOURCE, else -1 with ISSUE set.
 * Bidirectional controls of the translation must also be balanced. */
int markup_compare(const struct markup *source, const struct markup *translation,
    enum xmlio_kind kind, struct markup_issue *issue);

/* Are the bidi embeddings, overrides and isolates of S balanced and
 * terminated (Unicode UAX #9; Trojan Source)?  1 yes, 0 no. */
int markup_bidi_balanced(const char *s);

/* Does the text S contain what would close a script, a style or a
 * comment ("</script", "</style", "<!--", "-->", any case)?  The one
 * found, or NULL.  Such text is refused even where it would be escaped. */
const char *markup_closing_text(const char *s);

/* The refusals that look at the translation's text alone (unbalanced
 * bidi controls, closing text): -1 with ISSUE set, else 0.  For
 * markup_compare() and the merge's attributes and plain-text units. */
int markup_text_refused(const char *text, struct markup_issue *issue);

/* The signature of element EL (name, parent chain, attributes) used to
 * pair translation elements with source elements. */
char *markup_signature(xmlNodePtr el, enum xmlio_kind kind);

/* Is EL a placeholder <_:name-N/>? */
int markup_is_placeholder(xmlNodePtr el);

#endif
