/* pseudo.c - en-XA and ar-XB catalogs generated from a template. */
#include "pseudo.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlsave.h>

#include "catalog.h"
#include "lang.h"
#include "markup.h"

int
pseudo_kind_of(const char *tag)
{
	char bcp[64], lang[16], region[16];

	if (lang_bcp47(tag, bcp, sizeof bcp) < 0 || !lang_is_pseudo(bcp))
		return -1;
	/* CLDR: XA is accented, XB bidirectional (on a right-to-left
	 * language, so that the page's direction follows). */
	lang_language(bcp, lang, sizeof lang);
	lang_region(bcp, region, sizeof region);
	if (strcmp(region, "XA") == 0)
		return PSEUDO_ACCENTED;
	if (strcmp(region, "XB") == 0 && lang_is_rtl(bcp))
		return PSEUDO_BIDI;
	return -1;
}

static const char *const lower[26] = {
	"á", "ƀ", "ç", "ð", "é", "ƒ", "ĝ", "ĥ", "î", "ĵ", "ķ", "ļ", "ɱ",
	"ñ", "ö", "þ", "ǫ", "ŕ", "š", "ţ", "û", "ṽ", "ŵ", "ẋ", "ý", "ž",
};
static const char *const upper[26] = {
	"Å", "Ɓ", "Ç", "Ð", "É", "Ƒ", "Ĝ", "Ĥ", "Î", "Ĵ", "Ķ", "Ļ", "Ṁ",
	"Ñ", "Ö", "Þ", "Ǫ", "Ŕ", "Š", "Ţ", "Û", "Ṽ", "Ŵ", "Ẋ", "Ý", "Ž",
};

#define RLO "\xe2\x80\xae"
#define PDF "\xe2\x80\xac"

static int
is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void
accent(const char *s, struct strbuf *out, size_t *letters)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'a' && c <= 'z')
			strbuf_puts(out, lower[c - 'a']);
		else if (c >= 'A' && c <= 'Z')
			strbuf_puts(out, upper[c - 'A']);
		else
			strbuf_putc(out, (char)c);
		if ((c & 0xc0) != 0x80)
			(*letters)++;	/* characters of the text, spaces included */
	}
}

static void
bidi(const char *s, struct strbuf *out)
{
	while (*s) {
		size_t ws = strspn(s, " \t\n\r");
		strbuf_add(out, s, ws);
		s += ws;
		size_t w = strcspn(s, " \t\n\r");
		int letters = 0;
		for (size_t i = 0; i < w; i++)
			letters |= is_letter((unsigned char)s[i]);
		/* Words become right-to-left overrides, closed in the same word,
		 * so the controls stay balanced; numbers stay as they are. */
		if (letters)
			strbuf_puts(out, RLO);
		strbuf_add(out, s, w);
		if (letters)
			strbuf_puts(out, PDF);
		s += w;
	}
}

/* Elements whose text is code, not language. */
static int
is_code(xmlNodePtr n)
{
	static const char *const names[] = { "code", "kbd", "samp", "var", "literal",
		"filename", "command", "userinput", "computeroutput", "uri" };

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (xmlStrEqual(n->name, (const xmlChar *)names[i]))
			return 1;
	return 0;
}

static int
is_void(const xmlChar *name)
{
	static const char *const names[] = { "area", "base", "br", "col", "embed",
		"hr", "img", "input", "link", "meta", "source", "track", "wbr" };

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (xmlStrEqual(name, (const xmlChar *)names[i]))
			return 1;
	return 0;
}

static void
transform(xmlNodePtr n, enum xmlio_kind kind, enum pseudo_kind pk, size_t *letters)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			struct strbuf sb = STRBUF_INIT;
			if (pk == PSEUDO_ACCENTED)
				accent((const char *)n->content, &sb, letters);
			else
				bidi((const char *)n->content, &sb);
			xmlNodeSetContentLen(n, NULL, 0);
			xmlNodeAddContentLen(n, (const xmlChar *)(sb.buf ? sb.buf : ""), (int)sb.len);
			strbuf_release(&sb);
		} else if (n->type == XML_ELEMENT_NODE && !markup_is_placeholder(n)) {
			if (!is_code(n))
				transform(n->children, kind, pk, letters);
			/* Translatable attributes (title, aria-label) too. */
			for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
				if (!markup_attr_translatable(kind, n->name, a->name))
					continue;
				xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
				struct strbuf sb = STRBUF_INIT;
				size_t ignored = 0;
				if (pk == PSEUDO_ACCENTED)
					accent(v ? (const char *)v : "", &sb, &ignored);
				else
					bidi(v ? (const char *)v : "", &sb);
				xmlSetNsProp(n, a->ns, a->name, (const xmlChar *)(sb.buf ? sb.buf : ""));
				strbuf_release(&sb);
				xmlFree(v);
			}
			/* An empty element must not come out as <a/>, which an
			 * HTML parser reads as an open tag. */
			if (kind == XMLIO_HTML && n->children == NULL && !is_void(n->name))
				xmlAddChild(n, xmlNewDocText(n->doc, (const xmlChar *)""));
		}
	}
}

int
pseudo_message(const char *msgid, enum xmlio_kind kind, enum pseudo_kind pk,
    struct strbuf *out)
{
	struct markup m;
	char why[128];
	size_t letters = 0;

	if (markup_parse(&m, msgid, kind, NULL, why, sizeof why) < 0)
		return -1;
	transform(m.root->children, kind, pk, &letters);
	if (pk == PSEUDO_ACCENTED) {
		/* About 30% longer, as translations into many languages are,
		 * and bracketed so that cut-off and concatenated text shows. */
		static const char *const pad[] = { "one", "two", "three", "four",
			"five", "six", "seven", "eight", "nine", "ten" };
		struct strbuf tail = STRBUF_INIT;
		size_t want = (letters * 3 + 9) / 10;
		for (size_t i = 0; tail.len < want; i++)
			strbuf_printf(&tail, " %s", pad[i % 10]);
		strbuf_putc(&tail, ']');
		xmlNodePtr first = m.root->children;
		xmlNodePtr open = xmlNewDocText(m.doc, (const xmlChar *)"[");
		if (first != NULL)
			xmlAddPrevSibling(first, open);
		else
			xmlAddChild(m.root, open);
		xmlAddChild(m.root, xmlNewDocText(m.doc, (const xmlChar *)tail.buf));
		strbuf_release(&tail);
	}
	xmlBufferPtr b = xmlBufferCreate();
	xmlSaveCtxtPtr sc = xmlSaveToBuffer(b, "UTF-8", XML_SAVE_NO_DECL | XML_SAVE_AS_XML);
	for (xmlNodePtr n = m.root->children; n != NULL; n = n->next)
		xmlSaveTree(sc, n);
	xmlSaveClose(sc);
	strbuf_add(out, xmlBufferContent(b), (size_t)xmlBufferLength(b));
	xmlBufferFree(b);
	markup_release(&m);
	return 0;
}

/* The kind of document a message comes from: its first reference. */
static enum xmlio_kind
message_kind(po_message_t msg)
{
	po_filepos_t fp = po_message_filepos(msg, 0);

	return fp != NULL ? xmlio_kind_of(po_filepos_file(fp)) : XMLIO_XML;
}

int
pseudo_catalog(struct diag *d, const char *template, const char *tag,
    const char *output)
{
	struct catalog cat;
	char bcp[64], po_name[64], date[64];
	struct strbuf forms = STRBUF_INIT;
	int pk = pseudo_kind_of(tag), r = 0, nplurals = 2;
	time_t when;

	if (pk < 0 || lang_bcp47(tag, bcp, sizeof bcp) < 0) {
		diag(d, DIAG_PSEUDO_LOCALE, NULL, 0, 0, tag);
		return -1;
	}
	if (catalog_source_date(d, 0, &when) < 0)
		return -1;
	if (catalog_read(d, template, &cat) < 0 || cat.errors) {
		catalog_release(&cat);
		return -1;
	}
	lang_po_name(bcp, po_name, sizeof po_name);
	catalog_format_date(when, date, sizeof date);
	if (lang_plural_forms(bcp, &forms) == 0) {
		char *expr = NULL;
		if (plural_parse_header(forms.buf, &nplurals, &expr) < 0)
			nplurals = 2;
		free(expr);
	}
	for (size_t i = 0; i < cat.n; i++) {
		struct catalog_entry *e = &cat.v[i];
		if (e->obsolete)
			continue;
		if (e->msgid[0] == '\0' && e->msgctxt == NULL) {
			po_message_set_fuzzy(e->msg, 0);
			continue;
		}
		struct strbuf one = STRBUF_INIT, other = STRBUF_INIT;
		enum xmlio_kind kind = message_kind(e->msg);
		if (pseudo_message(e->msgid, kind, (enum pseudo_kind)pk, &one) < 0) {
			diag(d, DIAG_PSEUDO_MESSAGE, template, e->line, 0);
			r = -1;
		} else if (e->msgid_plural != NULL) {
			if (pseudo_message(e->msgid_plural, kind, (enum pseudo_kind)pk, &other) < 0) {
				diag(d, DIAG_PSEUDO_MESSAGE, template, e->line, 0);
				r = -1;
			}
			for (int k = 0; k < nplurals; k++)
				po_message_set_msgstr_plural(e->msg, k, k == 0 ? one.buf : other.buf);
		} else {
			po_message_set_msgstr(e->msg, one.buf);
		}
		po_message_set_fuzzy(e->msg, 0);
		strbuf_release(&one);
		strbuf_release(&other);
	}
	catalog_set_header_field(&cat, "PO-Revision-Date", date);
	catalog_set_header_field(&cat, "Last-Translator", "l10n pseudo (generated, do not edit)");
	catalog_set_header_field(&cat, "Language-Team", "none");
	catalog_set_header_field(&cat, "Language", po_name);
	if (forms.len > 0)
		catalog_set_header_field(&cat, "Plural-Forms", forms.buf);
	if (catalog_write(d, cat.file, output, 1) < 0)
		r = -1;
	strbuf_release(&forms);
	catalog_release(&cat);
	return r;
}
