/*
 * values.h - machine-readable values shown in the reader's language: the
 * text of <time datetime> and <data value> is written by ICU for the
 * language in scope of the element (dates in the medium format, a year
 * as a year, numbers with the language's digits and separators).  The
 * values themselves are never translated by hand.  For the HTML writer.
 */
#ifndef L10N_VALUES_H
#define L10N_VALUES_H

#include <libxml/tree.h>

#include "xalloc.h"

/* Rewrite the text of every <time datetime> and <data value> of DOC whose
 * content is text only; DEFAULT_LANG when no lang attribute is in scope.
 * Values ICU cannot read are left as they are.  Returns how many were
 * rewritten. */
unsigned values_localise(xmlDocPtr doc, const char *default_lang);

/* The text of one value for LANG (BCP 47); 0, or -1 when VALUE is not a
 * form this module formats.  IS_TIME: a datetime, else a number. */
int values_format(const char *value, int is_time, const char *lang,
    struct strbuf *out);

#endif
