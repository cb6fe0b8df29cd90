/*
 * fo.h - the XSL-FO writer: a localised DocBook document laid out by an
 * XSLT stylesheet (src/fo/report.xsl, or a publisher's), applied
 * in-process with libxslt.  The stylesheet is compiled once per run and
 * applied to every language; this side only passes parameters: the
 * language's facts from ICU (script, direction, region, digits,
 * quotation marks, a formatted date), the fonts of src/fo/fonts.conf and
 * the layout's translated strings.  For cmd-build.c only.
 *
 * Ownership: struct fo_style owns the compiled stylesheet and the font
 * configuration (fo_style_free()).  fo_write() does not change the
 * document it is given.
 */
#ifndef L10N_FO_H
#define L10N_FO_H

#include <libxml/tree.h>

#include "diag.h"
#include "layout.h"

struct fo_style;

/* Compile the stylesheet XSL and read the font configuration FONTS.
 * NULL after diagnostics. */
struct fo_style *fo_style_load(struct diag *d, const char *xsl, const char *fonts);
void fo_style_free(struct fo_style *st);

/* What fo_write() needs to know about one language's document. */
struct fo_job {
	const char *lang;		/* BCP 47 */
	const char *source_lang;	/* "en" */
	const struct layout *layout;	/* the layout's strings for LANG */
	unsigned fallback_units;	/* units shown in the source language */
	long long date;			/* the edition's date, seconds (UTC) */
	/* Rewrite right-to-left footnotes in visual order (FOP 2.8 lays out
	 * fo:footnote-body without the bidi algorithm, FOP-2764). */
	int footnote_visual_order;
	/* The process ends once the file is written: the result's tree is
	 * left to the exit (freeing it node by node took 6% of a report's
	 * build). */
	int keep_result;
};

/* Lay DOC out and write the result to PATH (atomically, only when its
 * bytes change).  Returns 1 written, 0 unchanged, -1 failure. */
int fo_write(struct diag *d, struct fo_style *st, xmlDocPtr doc,
    const struct fo_job *job, const char *path);

/* The FOP 2.8 workaround: put the text of each footnote body marked with
 * the processing instruction <?l10n-visual-order max-chars="N"?> in
 * visual order, in lines of at most N characters, for a paragraph
 * direction right to left (fo-bidi.c).  Returns the number of footnote
 * bodies rewritten. */
int fo_visual_order_footnotes(struct diag *d, xmlDocPtr fo, const char *lang);

#endif
