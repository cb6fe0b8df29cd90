/*
 * po-writer.h - PO entries rendered as text byte for byte as gettext's
 * po_file_write() prints them (libgettextpo 0.21, default options), for
 * the template writer in catalog.c only.
 *
 * Ownership: nothing is kept; every function appends to the caller's
 * strbuf.
 */
#ifndef L10N_PO_WRITER_H
#define L10N_PO_WRITER_H

#include "xalloc.h"

/* One entry as po_file_write() prints it: the blank line before it
 * unless FIRST, "#." lines of EXTRACTED (its lines; NULL: none), "#:"
 * references REFS ("file:line\n" each, duplicates already left out;
 * NULL: none), "#, fuzzy" when FUZZY, then msgctxt (NULL: none), msgid
 * and msgstr.  Returns 0, or -1 with SB unchanged when a string holds
 * something gettext's writer would warn about or treat specially
 * (control characters other than newline and tab, invalid UTF-8, a
 * file name with a space): the caller then writes through
 * libgettextpo. */
int po_writer_entry(struct strbuf *sb, int first, const char *extracted,
    const char *refs, int fuzzy, const char *msgctxt, const char *msgid,
    const char *msgstr);

#endif
