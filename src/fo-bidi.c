/*
 * fo-bidi.c - a workaround for Apache FOP 2.8: right-to-left footnotes
 * in visual order.
 *
 * FOP resolves the Unicode bidirectional algorithm (UAX #9) over the text
 * of a page sequence's flow, but 2.8 leaves out what is inside
 * fo:footnote (FOP-2764, fixed in FOP 2.10): a Hebrew or Arabic footnote
 * comes out with every word reversed.  The stylesheet marks each footnote
 * body that needs help with <?l10n-visual-order max-chars="N"?>; here its
 * paragraphs are cut into lines of at most N characters at ICU line-break
 * opportunities, each line is reordered by ICU's ubidi for a right-to-left
 * paragraph, and written as a block of its own, aligned to the end, in
 * the order FOP must paint it.  Inline formatting (links, the footnote's
 * number) is kept by splitting each inline element into one copy per
 * visual run.  The text still reads in logical order when extracted.
 *
 * The cost: lines are cut by a character count, not by measured width,
 * so they are ragged.  With FOP 2.10 or later, turn the workaround off
 * (`l10n build --no-footnote-visual-order`).
 */
#include "fo.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "lang.h"
#include "ustr.h"
#include "xalloc.h"

#define FO_NS "http://www.w3.org/1999/XSL/Format"
#define PI_NAME "l10n-visual-order"
#define MAX_DEPTH 16

/* A stretch of the paragraph's UTF-16 text and where it came from. */
struct seg {
	int32_t start, len;
	xmlNodePtr chain[MAX_DEPTH];	/* inline ancestors, outermost first */
	int depth;
	xmlNodePtr object;		/* a non-text inline (one U+FFFC), or NULL */
};

struct para {
	UChar *text;
	int32_t len, cap;
	struct seg *segs;
	size_t nsegs, cap_segs;
	int space;			/* the last character added is a space */
	int too_deep;
};

static int
is_fo(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, (const xmlChar *)FO_NS) &&
	    (name == NULL || xmlStrEqual(n->name, (const xmlChar *)name));
}

static int
is_block_level(xmlNodePtr n)
{
	return is_fo(n, "block") || is_fo(n, "block-container") ||
	    is_fo(n, "list-block") || is_fo(n, "table");
}

static int
has_block_child(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next)
		if (is_block_level(c) || (c->type == XML_ELEMENT_NODE && has_block_child(c)))
			return 1;
	return 0;
}

static int
is_bidi_control(UChar c)
{
	return c == 0x200E || c == 0x200F || c == 0x061C ||
	    (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static void
para_add(struct para *p, const UChar *s, int32_t n, xmlNodePtr *chain, int depth,
    xmlNodePtr object)
{
	int32_t start = p->len;

	if (p->len + n + 1 > p->cap) {
		size_t cap = (size_t)p->cap;
		p->text = xgrow(p->text, &cap, (size_t)(p->len + n + 1), sizeof *p->text);
		p->cap = (int32_t)cap;
	}
	for (int32_t i = 0; i < n; i++) {
		UChar c = s[i];
		/* White space collapses as FOP would collapse it; bidi controls
		 * have done their work once the text is in visual order. */
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (p->space || p->len == 0)
				continue;
			c = ' ';
			p->space = 1;
		} else if (is_bidi_control(c)) {
			continue;
		} else {
			p->space = 0;
		}
		p->text[p->len++] = c;
	}
	if (p->len == start)
		return;
	p->segs = xgrow(p->segs, &p->cap_segs, p->nsegs + 1, sizeof *p->segs);
	struct seg *sg = &p->segs[p->nsegs++];
	memset(sg, 0, sizeof *sg);
	sg->start = start;
	sg->len = p->len - start;
	sg->depth = depth;
	memcpy(sg->chain, chain, (size_t)depth * sizeof *chain);
	sg->object = object;
}

static void
collect(struct para *p, xmlNodePtr n, xmlNodePtr *chain, int depth)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			int32_t len;
			UChar *u = ustr_from_utf8((const char *)n->content, -1, NULL, 0, &len);
			para_add(p, u, len, chain, depth, NULL);
			free(u);
		} else if (n->type == XML_ELEMENT_NODE) {
			if (n->children == NULL || is_fo(n, "footnote")) {
				/* fo:page-number, fo:leader ...: one object. */
				static const UChar obj = 0xFFFC;
				p->space = 0;
				para_add(p, &obj, 1, chain, depth, n);
			} else if (depth + 1 >= MAX_DEPTH) {
				p->too_deep = 1;
			} else {
				chain[depth] = n;
				collect(p, n->children, chain, depth + 1);
			}
		}
	}
}

/* Line ends: greedy, at most MAX characters (code points) a line, at
 * ICU's line-break opportunities; a longer word makes a longer line. */
static size_t
cut_lines(const UChar *text, int32_t len, const char *locale, int max, int32_t **ends)
{
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_LINE, locale, text, len, &st);
	size_t n = 0, cap = 0;
	int32_t start = 0;

	*ends = NULL;
	if (U_FAILURE(st)) {
		*ends = xgrow(*ends, &cap, 1, sizeof **ends);
		(*ends)[n++] = len;
		return n;
	}
	while (start < len) {
		int32_t best = -1;
		for (int32_t b = ubrk_following(bi, start); b != UBRK_DONE; b = ubrk_next(bi)) {
			if (best >= 0 && u_countChar32(text + start, b - start) > max)
				break;
			best = b;
			if (u_countChar32(text + start, b - start) > max)
				break;
		}
		if (best < 0)
			best = len;
		*ends = xgrow(*ends, &cap, n + 1, sizeof **ends);
		(*ends)[n++] = best;
		start = best;
	}
	ubrk_close(bi);
	return n;
}

/* ---- Output ------------------------------------------------------------- */

struct out {
	xmlDocPtr doc;
	xmlNodePtr line;		/* the line's block */
	xmlNodePtr open[MAX_DEPTH];	/* copies currently open, by depth */
	xmlNodePtr open_src[MAX_DEPTH];
	int nopen;
	xmlNodePtr *copied;		/* elements copied once (ids go once) */
	size_t ncopied, cap_copied;
};

static xmlNodePtr
shallow_copy(struct out *o, xmlNodePtr src)
{
	/* The copy uses the namespace declared above it, as SRC does. */
	xmlNodePtr c = xmlNewDocNode(o->doc, src->ns, src->name, NULL);
	int again = 0;

	c->properties = xmlCopyPropList(c, src->properties);

	for (size_t i = 0; i < o->ncopied; i++)
		again |= o->copied[i] == src;
	if (again) {
		xmlAttrPtr id = xmlHasProp(c, (const xmlChar *)"id");
		if (id != NULL)
			xmlRemoveProp(id);
	} else {
		o->copied = xgrow(o->copied, &o->cap_copied, o->ncopied + 1, sizeof *o->copied);
		o->copied[o->ncopied++] = src;
	}
	return c;
}

/* Make the open copies match SEG's chain, then add NODE. */
static void
emit(struct out *o, const struct seg *sg, xmlNodePtr node)
{
	int keep = 0;

	while (keep < o->nopen && keep < sg->depth && o->open_src[keep] == sg->chain[keep])
		keep++;
	o->nopen = keep;
	for (int i = keep; i < sg->depth; i++) {
		xmlNodePtr parent = i == 0 ? o->line : o->open[i - 1];
		xmlNodePtr c = shallow_copy(o, sg->chain[i]);
		xmlAddChild(parent, c);
		o->open[i] = c;
		o->open_src[i] = sg->chain[i];
	}
	o->nopen = sg->depth;
	xmlAddChild(sg->depth == 0 ? o->line : o->open[sg->depth - 1], node);
}

static void
emit_text(struct out *o, const struct seg *sg, const UChar *s, int32_t n, int reverse)
{
	UChar *buf = xmalloc(((size_t)n + 1) * sizeof *buf);
	UErrorCode st = U_ZERO_ERROR;
	int32_t m = n, len8;
	char *utf8;

	if (reverse) {
		/* Mirrored brackets, combining marks after their base. */
		m = ubidi_writeReverse(s, n, buf, n + 1,
		    UBIDI_DO_MIRRORING | UBIDI_KEEP_BASE_COMBINING, &st);
		if (U_FAILURE(st)) {
			free(buf);
			return;
		}
	} else {
		memcpy(buf, s, (size_t)n * sizeof *buf);
	}
	st = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &len8, buf, m, &st);
	utf8 = xmalloc((size_t)len8 + 1);
	st = U_ZERO_ERROR;
	u_strToUTF8(utf8, len8 + 1, NULL, buf, m, &st);
	free(buf);
	if (U_SUCCESS(st)) {
		xmlNodePtr t = xmlNewDocText(o->doc, (const xmlChar *)utf8);
		emit(o, sg, t);
	}
	free(utf8);
}

/* The part of run [from, to) (logical positions) in segment order given by
 * DIR, as output nodes. */
static void
emit_run(struct out *o, const struct para *p, int32_t from, int32_t to, int rtl)
{
	size_t n = p->nsegs;

	for (size_t k = 0; k < n; k++) {
		const struct seg *sg = &p->segs[rtl ? n - 1 - k : k];
		int32_t a = sg->start > from ? sg->start : from;
		int32_t b = sg->start + sg->len < to ? sg->start + sg->len : to;
		if (a >= b)
			continue;
		if (sg->object != NULL) {
			xmlUnlinkNode(sg->object);
			emit(o, sg, sg->object);
		} else {
			emit_text(o, sg, p->text + a, b - a, rtl);
		}
	}
}

/* The language of N: its own or its nearest ancestor's xml:lang. */
static xmlChar *
language_of(xmlNodePtr n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		xmlChar *l = xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
		if (l != NULL)
			return l;
	}
	return NULL;
}

/* Rewrite one paragraph block B.  Its paragraph direction is its
 * language's (a fallback in the source language stays left to right);
 * lines go to the end side for right to left, the start side otherwise. */
static int
rewrite_block(xmlNodePtr b, const char *locale, int max, const char **why)
{
	xmlChar *blang = language_of(b);
	int rtl = blang == NULL || lang_is_rtl((const char *)blang);

	struct para p;
	xmlNodePtr chain[MAX_DEPTH];
	UErrorCode st = U_ZERO_ERROR;
	UBiDi *para = NULL, *line = NULL;
	int32_t *ends = NULL;
	size_t nlines;
	struct out o;
	xmlNodePtr lines = NULL, last = NULL;
	int r = -1;

	memset(&p, 0, sizeof p);
	memset(&o, 0, sizeof o);
	collect(&p, b->children, chain, 0);
	while (p.len > 0 && p.text[p.len - 1] == ' ')
		p.len--;
	if (p.too_deep) {
		*why = "inline elements nested too deep";
		goto out;
	}
	if (p.len == 0) {
		r = 0;
		goto out;
	}
	para = ubidi_open();
	line = ubidi_open();
	ubidi_setPara(para, p.text, p.len, rtl ? UBIDI_RTL : UBIDI_LTR, NULL, &st);
	if (U_FAILURE(st)) {
		*why = u_errorName(st);
		goto out;
	}
	nlines = cut_lines(p.text, p.len, locale, max, &ends);
	o.doc = b->doc;
	int32_t start = 0;
	for (size_t i = 0; i < nlines; i++) {
		int32_t end = ends[i], trimmed = end;
		while (trimmed > start && p.text[trimmed - 1] == ' ')
			trimmed--;
		if (trimmed > start) {
			ubidi_setLine(para, start, trimmed, line, &st);
			int32_t runs = ubidi_countRuns(line, &st);
			if (U_FAILURE(st)) {
				*why = u_errorName(st);
				xmlFreeNodeList(lines);
				goto out;
			}
			o.line = xmlNewDocNode(o.doc, b->ns, (const xmlChar *)"block", NULL);
			xmlNewProp(o.line, (const xmlChar *)"text-align",
			    (const xmlChar *)(rtl ? "end" : "start"));
			o.nopen = 0;
			for (int32_t k = 0; k < runs; k++) {
				int32_t ls, ll;
				UBiDiDirection dir = ubidi_getVisualRun(line, k, &ls, &ll);
				emit_run(&o, &p, start + ls, start + ls + ll, dir == UBIDI_RTL);
			}
			if (lines == NULL) {
				lines = last = o.line;
			} else {
				last->next = o.line;
				o.line->prev = last;
				last = o.line;
			}
		}
		start = end;
	}
	/* Objects were moved into the lines; the rest of the old content goes. */
	xmlNodePtr old = b->children;
	b->children = b->last = NULL;
	for (xmlNodePtr n = old, next; n != NULL; n = next) {
		next = n->next;
		n->parent = NULL;
		n->prev = n->next = NULL;
		xmlFreeNode(n);
	}
	if (lines != NULL)
		xmlAddChildList(b, lines);
	r = 1;
out:
	xmlFree(blang);
	if (line != NULL)
		ubidi_close(line);
	if (para != NULL)
		ubidi_close(para);
	free(ends);
	free(p.text);
	free(p.segs);
	free(o.copied);
	return r;
}

static int
rewrite_blocks(struct diag *d, xmlNodePtr n, const char *locale, int max)
{
	int failed = 0;

	for (; n != NULL; n = n->next) {
		if (!is_fo(n, NULL))
			continue;
		if (is_fo(n, "block") && !has_block_child(n)) {
			const char *why = NULL;
			if (rewrite_block(n, locale, max, &why) < 0) {
				diag(d, DIAG_FO_VISUAL_ORDER, NULL, 0, 0, why ? why : "?");
				failed = 1;
			}
		} else {
			failed |= rewrite_blocks(d, n->children, locale, max);
		}
	}
	return failed;
}

static int
pi_max_chars(xmlNodePtr pi)
{
	const char *s = (const char *)pi->content;
	const char *v = s ? strstr(s, "max-chars=") : NULL;
	long n;

	if (v == NULL)
		return 80;
	v += 10;
	if (*v == '"' || *v == '\'')
		v++;
	n = strtol(v, NULL, 10);
	return n >= 10 && n <= 1000 ? (int)n : 80;
}

static int
walk(struct diag *d, xmlNodePtr n, const char *locale)
{
	int count = 0;

	for (xmlNodePtr next; n != NULL; n = next) {
		next = n->next;
		if (n->type == XML_PI_NODE && xmlStrEqual(n->name, (const xmlChar *)PI_NAME)) {
			int max = pi_max_chars(n);
			xmlNodePtr body = n->parent;
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			if (body != NULL) {
				rewrite_blocks(d, body->children, locale, max);
				count++;
			}
			continue;
		}
		if (n->type == XML_ELEMENT_NODE)
			count += walk(d, n->children, locale);
	}
	return count;
}

int
fo_visual_order_footnotes(struct diag *d, xmlDocPtr fo, const char *lang)
{
	char locale[ULOC_FULLNAME_CAPACITY];
	UErrorCode st = U_ZERO_ERROR;
	int32_t parsed;

	uloc_forLanguageTag(lang, locale, sizeof locale, &parsed, &st);
	if (U_FAILURE(st))
		locale[0] = '\0';
	return walk(d, fo->children, locale);
}
