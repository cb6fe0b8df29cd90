/*
 * unit.h - translation units: the translatable pieces of an
 * ITS-annotated document, as itstool forms them.  For the extractor, the
 * merger and the checker.
 *
 * A unit is an element whose content is translated as one message, with
 * its inline (withinText) descendants kept as markup, nested non-inline
 * or untranslatable elements replaced by <_:name-N/> placeholders, and
 * white space normalised unless preserveSpace says otherwise; or a
 * translatable attribute.  Units come in document order.
 *
 * Ownership: a struct unit_list owns its units and their strings
 * (unit_list_release()); units point into the document, which must
 * outlive the list.
 */
#ifndef L10N_UNIT_H
#define L10N_UNIT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "its.h"
#include "xalloc.h"

enum {
	UNIT_ATTR = 1 << 0,	/* node is an xmlAttrPtr */
	UNIT_PRESERVE = 1 << 1,	/* white space kept as is (no-wrap) */
};

struct unit {
	const char *msgid;
	const char *msgctxt;	/* NULL unless the unit has an idValue */
	const char *comments;	/* extracted comments ("#."), lines; or NULL */
	unsigned long line;
	xmlNodePtr node;	/* the element, or the attribute (UNIT_ATTR) */
	unsigned flags;
	xmlNodePtr *ph;		/* nodes behind <_:name-1/>, <_:name-2/> ... */
	size_t nph;
	xmlNodePtr *inl;	/* inline elements, in the msgid's order */
	size_t ninl;
	/* Locale filter of the unit ("*" when it applies everywhere). */
	const char *locale_filter;
	int locale_include;
};

struct unit_list {
	struct unit *v;
	size_t n, cap;
	struct arena arena;
};

#define UNIT_LIST_INIT { NULL, 0, 0, ARENA_INIT }

/* Append the units of the annotated document to LIST. */
void unit_collect(const struct its *its, struct unit_list *list);
void unit_list_release(struct unit_list *list);

/* Is A local ITS markup (its:* in XML, its-* in HTML)?  Such attributes
 * are metadata: they are left out of msgids and kept from the source. */
int unit_its_markup_attr(xmlAttrPtr a);

/* Does LANG (BCP 47) pass the ITS locale filter LIST (section 8.9)? */
int unit_locale_match(const char *list, int include, const char *lang);

#endif
