/*
 * pseudo.h - pseudo-localisation: catalogs generated from a template so
 * that untranslatable text, truncation and right-to-left layout faults
 * show before any translator starts.  en-XA: accented look-alikes,
 * about 30% longer, in brackets; ar-XB: every word a right-to-left
 * override, so that the page is laid out right to left with text that
 * still reads as the source.  Markup and placeholders are untouched.
 * For cmd-pseudo.c.
 */
#ifndef L10N_PSEUDO_H
#define L10N_PSEUDO_H

#include "diag.h"
#include "xalloc.h"
#include "xmlio.h"

enum pseudo_kind {
	PSEUDO_ACCENTED,	/* en-XA */
	PSEUDO_BIDI		/* ar-XB */
};

/* The kind of pseudo-locale TAG is; -1 for none this module makes. */
int pseudo_kind_of(const char *tag);

/* The pseudo-translation of MSGID (a message with inline markup of KIND)
 * into OUT.  Returns 0, or -1 when MSGID cannot be parsed. */
int pseudo_message(const char *msgid, enum xmlio_kind kind, enum pseudo_kind pk,
    struct strbuf *out);

/* Write to OUTPUT the catalog of pseudo-locale TAG for TEMPLATE: every
 * message translated.  Returns 0, or -1 after a diagnostic. */
int pseudo_catalog(struct diag *d, const char *template, const char *tag,
    const char *output);

#endif
