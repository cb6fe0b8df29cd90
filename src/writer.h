/*
 * writer.h - the output writers: localised HTML pages, localised DocBook,
 * XSL-FO.  For cmd-build.c only.
 *
 * Ownership: writers change the merged document they are given (it is
 * not used afterwards) and write files atomically.
 */
#ifndef L10N_WRITER_H
#define L10N_WRITER_H

#include <libxml/tree.h>

#include "diag.h"

struct writer_page {
	const char *source;	/* content/site/index.html */
	const char *base;	/* content/site */
	const char *output;	/* out/he/index.html */
	const char *lang;	/* BCP 47 */
};

/* Make the links of a localised page work from out/<lang>/: relative
 * links to shared assets (files of BASE that are not pages) gain "../".
 * Then serialise and write the page.  Returns 1 written, 0 unchanged,
 * -1 failure. */
int html_write_page(struct diag *d, xmlDocPtr doc, const struct writer_page *p);

/* Write a localised XML document (DocBook 5).  Relative references to
 * files next to the source (imagedata/@fileref ...) that exist point to
 * the copy shared by every language: the Makefile copies
 * BASE/DIR/FILE to OUTROOT/assets/DIR/FILE, so from
 * out/<lang>/DIR/report.xml the reference becomes
 * ../../assets/DIR/FILE.  The writer changes DOC.  Returns 1 written,
 * 0 unchanged, -1 failure. */
int docbook_write(struct diag *d, xmlDocPtr doc, const struct writer_page *p);

#endif
