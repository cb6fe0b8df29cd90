/* merge.c - translations into documents, after the markup check. */
#include "merge.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "lang.h"
#include "markup.h"
#include "xalloc.h"

void
merge_init(struct merge *m, const char *lang, const char *source_lang,
    enum xmlio_kind kind)
{
	memset(m, 0, sizeof *m);
	m->lang = lang;
	m->source_lang = source_lang;
	m->kind = kind;
}

void
merge_release(struct merge *m)
{
	hash_release(&m->states);
	arena_release(&m->arena);
}

static void
set_state(struct merge *m, xmlNodePtr node, enum merge_state st)
{
	/* Keyed by the node's address, kept in the arena. */
	xmlNodePtr *key = arena_alloc(&m->arena, sizeof *key);

	*key = node;
	hash_put(&m->states, (const char *)key, sizeof *key, (void *)(size_t)(st + 1));
}

static int
get_state(const struct merge *m, xmlNodePtr node)
{
	void *v = hash_get(&m->states, (const char *)&node, sizeof node);

	return v ? (int)(size_t)v - 1 : -1;
}

int
merge_state_of(const struct merge *m, xmlNodePtr node)
{
	return get_state(m, node);
}

/* The placeholder number N of <_:name-N/>. */
static size_t
placeholder_number(xmlNodePtr ph)
{
	const char *dash = strrchr((const char *)ph->name, '-');

	return dash ? strtoul(dash + 1, NULL, 10) : 0;
}

struct build {
	const struct unit *u;
	xmlDocPtr doc;
	enum xmlio_kind kind;
	const struct markup *src;
	char **src_sig;		/* signatures of the source's inline elements */
	int *used;
	size_t nsrc;
	xmlNodePtr *slot;	/* per placeholder: its stand-in in the new nodes */
	int failed;
};

/* A shallow copy of SRC (name, namespace, attributes) for DOC, using the
 * namespace declarations already in scope instead of redeclaring them. */
static xmlNodePtr
copy_element(xmlNodePtr src, xmlDocPtr doc)
{
	xmlNodePtr n = xmlNewDocNode(doc, NULL, src->name, NULL);

	if (src->nsDef != NULL)
		n->nsDef = xmlCopyNamespaceList(src->nsDef);
	n->ns = src->ns;
	for (xmlNsPtr d = src->nsDef, c = n->nsDef; d != NULL && c != NULL; d = d->next, c = c->next)
		if (src->ns == d)
			n->ns = c;
	n->line = src->line;
	for (xmlAttrPtr a = src->properties; a != NULL; a = a->next) {
		/* ITS notes were for the source's translators, and a translation
		 * may reorder look-alike elements: they are not carried over. */
		if (unit_its_markup_attr(a))
			continue;
		xmlChar *v = xmlNodeListGetString(src->doc, a->children, 1);
		xmlNewNsProp(n, a->ns, a->name, v);
		xmlFree(v);
	}
	return n;
}

/* Copy translation nodes T (siblings) into new nodes of the document,
 * with elements made from the matching source elements. */
static xmlNodePtr
build_nodes(struct build *b, xmlNodePtr t)
{
	xmlNodePtr first = NULL, last = NULL;

	for (; t != NULL && !b->failed; t = t->next) {
		xmlNodePtr n = NULL;
		switch (t->type) {
		case XML_TEXT_NODE:
			n = xmlNewDocText(b->doc, t->content);
			break;
		case XML_ENTITY_REF_NODE: {
			char *ref = xasprintf("&%s;", (const char *)t->name);
			n = xmlNewReference(b->doc, (const xmlChar *)ref);
			free(ref);
			break;
		}
		case XML_ELEMENT_NODE:
			if (markup_is_placeholder(t)) {
				size_t k = placeholder_number(t);
				if (k == 0 || k > b->u->nph || b->slot[k - 1] != NULL) {
					b->failed = 1;
					break;
				}
				/* A stand-in: the document is not touched until the
				 * whole translation has been built. */
				n = xmlNewDocNode(b->doc, NULL, (const xmlChar *)"l10n-placeholder", NULL);
				b->slot[k - 1] = n;
			} else {
				char *sig = markup_signature(t, b->kind);
				size_t i;
				for (i = 0; i < b->nsrc; i++)
					if (!b->used[i] && strcmp(b->src_sig[i], sig) == 0)
						break;
				free(sig);
				if (i == b->nsrc || i >= b->u->ninl) {
					b->failed = 1;
					break;
				}
				b->used[i] = 1;
				/* The source element, attributes and all; translatable
				 * attribute values from the translation. */
				n = copy_element(b->u->inl[i], b->doc);
				for (xmlAttrPtr a = t->properties; a != NULL; a = a->next) {
					if (!markup_attr_translatable(b->kind, t->name, a->name))
						continue;
					xmlChar *v = xmlNodeListGetString(t->doc, a->children, 1);
					xmlSetProp(n, a->name, v ? v : (const xmlChar *)"");
					xmlFree(v);
				}
				xmlNodePtr kids = build_nodes(b, t->children);
				if (kids != NULL)
					xmlAddChildList(n, kids);
			}
			break;
		default:
			b->failed = 1;
			break;
		}
		if (n == NULL)
			continue;
		if (first == NULL) {
			first = last = n;
		} else {
			last->next = n;
			n->prev = last;
			last = n;
		}
	}
	return first;
}

/* Pre-order list of the non-placeholder elements under N. */
static void
source_sigs(xmlNodePtr n, enum xmlio_kind kind, char ***v, size_t *len, size_t *cap)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!markup_is_placeholder(n)) {
			*v = xgrow(*v, cap, *len + 1, sizeof **v);
			(*v)[(*len)++] = markup_signature(n, kind);
		}
		source_sigs(n->children, kind, v, len, cap);
	}
}

static int
apply_element(struct merge *m, const struct unit *u, const struct markup *src,
    const struct markup *tr)
{
	struct build b = { u, u->node->doc, m->kind, src, NULL, NULL, 0, NULL, 0 };
	size_t cap = 0;
	xmlNodePtr list;

	source_sigs(src->root->children, m->kind, &b.src_sig, &b.nsrc, &cap);
	b.used = xcalloc(b.nsrc + 1, sizeof *b.used);
	b.slot = xcalloc(u->nph + 1, sizeof *b.slot);
	list = build_nodes(&b, tr->root->children);
	for (size_t i = 0; i < b.nsrc; i++)
		free(b.src_sig[i]);
	free(b.src_sig);
	free(b.used);
	for (size_t i = 0; i < u->nph; i++)
		if (b.slot[i] == NULL)
			b.failed = 1;
	if (b.failed) {
		/* The unit keeps its source content untouched.  (markup_compare
		 * accepted the translation, yet building it failed: fuzz-merge
		 * found such a case, where the earlier code had already moved
		 * the placeholders' content out of the document and lost it.) */
		xmlFreeNodeList(list);
		free(b.slot);
		return -1;
	}
	/* Placeholders' nodes move into the new content, in place of their
	 * stand-ins; the old content goes. */
	for (size_t i = 0; i < u->nph; i++)
		xmlUnlinkNode(u->ph[i]);
	xmlFreeNodeList(u->node->children);
	u->node->children = u->node->last = NULL;
	if (list != NULL)
		xmlAddChildList(u->node, list);
	for (size_t i = 0; i < u->nph; i++) {
		xmlReplaceNode(b.slot[i], u->ph[i]);
		xmlFreeNode(b.slot[i]);
	}
	free(b.slot);
	return 0;
}

/* HTML elements whose text libxml2's serializer writes unescaped: a
 * translation placed there could close the element and start markup. */
static int
in_raw_text_element(xmlNodePtr n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (xmlStrcasecmp(n->name, (const xmlChar *)"script") == 0 ||
		    xmlStrcasecmp(n->name, (const xmlChar *)"style") == 0)
			return 1;
	return 0;
}

/* Attributes whose value is a script or a URL.  When a rule makes one of
 * them a unit, a translation may still never carry a script: event
 * handlers and style are refused outright, URLs unless they are
 * relative or http(s), mailto or tel. */
static int
url_attribute(const xmlChar *name)
{
	static const char *const urls[] = {
		"href", "src", "srcset", "action", "formaction", "poster", "cite",
		"data", "background", "longdesc", "usemap", "manifest", "codebase",
		"ping", "icon", "profile", "destination", "external-destination",
		"fileref", "url", "uri", NULL,
	};

	for (size_t i = 0; urls[i] != NULL; i++)
		if (xmlStrcasecmp(name, (const xmlChar *)urls[i]) == 0)
			return 1;
	return 0;
}

static int
safe_url(const char *v)
{
	static const char *const schemes[] = { "http:", "https:", "mailto:", "tel:", NULL };
	const char *p = v;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
		p++;
	size_t n = strcspn(p, ":/?#");
	if (p[n] != ':')
		return 1;	/* no scheme: a relative reference */
	for (size_t i = 0; schemes[i] != NULL; i++)
		if (strncasecmp(p, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return 0;
}

static int
unsafe_attribute_translation(const xmlAttrPtr a, const char *value,
    struct markup_issue *is)
{
	const char *name = (const char *)a->name;

	if ((tolower((unsigned char)name[0]) == 'o' && tolower((unsigned char)name[1]) == 'n') ||
	    xmlStrcasecmp(a->name, (const xmlChar *)"style") == 0 ||
	    (url_attribute(a->name) && !safe_url(value))) {
		is->code = DIAG_MERGE_UNSAFE_ATTRIBUTE;
		snprintf(is->arg1, sizeof is->arg1, "%s", name);
		is->arg2[0] = is->arg3[0] = '\0';
		return 1;
	}
	return 0;
}

static int
apply_attribute(const struct unit *u, const struct markup *tr, struct markup_issue *is)
{
	xmlAttrPtr a = (xmlAttrPtr)u->node;
	struct strbuf sb = STRBUF_INIT;

	for (xmlNodePtr n = tr->root->children; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			strbuf_puts(&sb, (const char *)n->content);
		} else {
			is->code = DIAG_MERGE_EXTRA_ELEMENT;
			snprintf(is->arg1, sizeof is->arg1, "%s", n->name ? (const char *)n->name : "?");
			strbuf_release(&sb);
			return -1;
		}
	}
	if (markup_text_refused(sb.buf ? sb.buf : "", is) < 0 ||
	    unsafe_attribute_translation(a, sb.buf ? sb.buf : "", is)) {
		strbuf_release(&sb);
		return -1;
	}
	if (a->ns != NULL)
		xmlSetNsProp(a->parent, a->ns, a->name, (const xmlChar *)(sb.buf ? sb.buf : ""));
	else
		xmlSetProp(a->parent, a->name, (const xmlChar *)(sb.buf ? sb.buf : ""));
	strbuf_release(&sb);
	return 0;
}

static void
report(struct merge *m, struct diag *d, const struct catalog *cat,
    const struct catalog_entry *e, const struct markup_issue *is)
{
	if (m->quiet_refusals)
		return;
	diag(d, is->code, cat->path, e->msgstr_line, 9, is->arg1, is->arg2, is->arg3);
}

/* Does libxml2 parse TEXT, as an XML fragment, into one text node of
 * exactly these characters?  So when there is no markup or reference, no
 * carriage return (parsed as a line feed), no "]]>" and no character that
 * XML 1.0 forbids; the UTF-8 is valid (catalog.c and libxml2 saw to it). */
static int
plain_xml_text(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p == '<' || *p == '&' || (*p < 0x20 && *p != '\t' && *p != '\n'))
			return 0;
		if (*p == ']' && p[1] == ']' && p[2] == '>')
			return 0;
		if (*p == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
			return 0;	/* U+FFFE, U+FFFF */
	}
	return 1;
}

/* merge_one() for a DocBook unit whose msgid and msgstr are both plain
 * text (a third to a half of a report's messages): what parsing both,
 * comparing their markup and building the translation's nodes comes to,
 * without the two parses.  The same checks, in the same order. */
static enum merge_state
merge_plain(struct merge *m, struct diag *d, const struct unit *u,
    const struct catalog *cat, const struct catalog_entry *e)
{
	struct markup_issue is;

	if (markup_text_refused(e->msgstr, &is) < 0) {
		report(m, d, cat, e, &is);
		return MERGE_REFUSED;
	}
	if (m->checker != NULL && check_entry(m->checker, cat, e, m->kind) >= DIAG_LEVEL_ERROR)
		return MERGE_REFUSED;
	xmlFreeNodeList(u->node->children);
	u->node->children = u->node->last = NULL;
	xmlAddChild(u->node, xmlNewDocText(u->node->doc, (const xmlChar *)e->msgstr));
	return MERGE_TRANSLATED;
}

static enum merge_state
merge_one(struct merge *m, struct diag *d, const struct unit *u,
    const struct catalog *cat)
{
	const struct catalog_entry *e;
	struct markup src = { 0 }, tr = { 0 };
	struct markup_issue is;
	char why[sizeof is.arg1];
	enum xmlio_kind kind = m->kind;
	xmlNodePtr context = u->flags & UNIT_ATTR ? u->node->parent : u->node;

	if (cat == NULL || (e = catalog_find(cat, u->msgctxt, u->msgid)) == NULL ||
	    e->msgstr[0] == '\0' || e->msgid_plural != NULL)
		return MERGE_UNTRANSLATED;
	if (e->fuzzy)
		return MERGE_FUZZY;
	/* Never text into <script> or <style> (serialised raw), whatever a
	 * rule says. */
	if (kind == XMLIO_HTML && in_raw_text_element(context)) {
		is.code = DIAG_MERGE_RAW_TEXT;
		snprintf(is.arg1, sizeof is.arg1, "%s", (const char *)context->name);
		is.arg2[0] = is.arg3[0] = '\0';
		report(m, d, cat, e, &is);
		return MERGE_REFUSED;
	}
	if (kind == XMLIO_XML && !(u->flags & UNIT_ATTR) && u->nph == 0 && u->ninl == 0 &&
	    plain_xml_text(e->msgstr) && plain_xml_text(u->msgid))
		return merge_plain(m, d, u, cat, e);
	if (markup_parse(&tr, e->msgstr, kind, context, why, sizeof why) < 0) {
		is.code = DIAG_MERGE_NOT_WELL_FORMED;
		snprintf(is.arg1, sizeof is.arg1, "%s", why);
		is.arg2[0] = is.arg3[0] = '\0';
		report(m, d, cat, e, &is);
		return MERGE_REFUSED;
	}
	if (u->flags & UNIT_ATTR) {
		if (m->checker != NULL && check_entry(m->checker, cat, e, kind) >= DIAG_LEVEL_ERROR) {
			markup_release(&tr);
			return MERGE_REFUSED;
		}
		int r = apply_attribute(u, &tr, &is);
		markup_release(&tr);
		if (r < 0) {
			report(m, d, cat, e, &is);
			return MERGE_REFUSED;
		}
		return MERGE_TRANSLATED;
	}
	if (markup_parse(&src, u->msgid, kind, context, why, sizeof why) < 0) {
		/* The source's own msgid must parse; it is ours. */
		markup_release(&tr);
		return MERGE_UNTRANSLATED;
	}
	if (markup_compare(&src, &tr, kind, &is) < 0) {
		report(m, d, cat, e, &is);
		markup_release(&src);
		markup_release(&tr);
		return MERGE_REFUSED;
	}
	if (m->checker != NULL && check_entry(m->checker, cat, e, kind) >= DIAG_LEVEL_ERROR) {
		markup_release(&src);
		markup_release(&tr);
		return MERGE_REFUSED;
	}
	int r = apply_element(m, u, &src, &tr);
	markup_release(&src);
	markup_release(&tr);
	if (r < 0) {
		is.code = DIAG_MERGE_REBUILD;
		is.arg1[0] = is.arg2[0] = is.arg3[0] = '\0';
		report(m, d, cat, e, &is);
		return MERGE_REFUSED;
	}
	return MERGE_TRANSLATED;
}

void
merge_units(struct merge *m, struct diag *d, const struct unit_list *units,
    const struct catalog *cat)
{
	for (size_t i = 0; i < units->n; i++) {
		const struct unit *u = &units->v[i];
		enum merge_state st = merge_one(m, d, u, cat);
		m->stats.total++;
		switch (st) {
		case MERGE_TRANSLATED:
			m->stats.translated++;
			break;
		case MERGE_FUZZY:
			m->stats.fuzzy++;
			break;
		case MERGE_REFUSED:
			m->stats.refused++;
			break;
		default:
			m->stats.untranslated++;
		}
		set_state(m, u->node, st);
	}
}

/* ---- Languages of the result ------------------------------------------ */

/* The language attribute of EL in the output format, or NULL. */
static xmlChar *
get_lang(const struct merge *m, xmlNodePtr el)
{
	if (m->kind == XMLIO_HTML)
		return xmlGetNoNsProp(el, (const xmlChar *)"lang");
	return xmlGetNsProp(el, (const xmlChar *)"lang", XML_XML_NAMESPACE);
}

static void
remove_lang(const struct merge *m, xmlNodePtr el)
{
	xmlAttrPtr a = m->kind == XMLIO_HTML ? xmlHasProp(el, (const xmlChar *)"lang")
	    : xmlHasNsProp(el, (const xmlChar *)"lang", XML_XML_NAMESPACE);

	if (a != NULL)
		xmlRemoveProp(a);
}

static void
set_lang(struct merge *m, xmlNodePtr el, const char *lang, int rtl, int parent_rtl)
{
	if (m->kind == XMLIO_HTML) {
		xmlSetProp(el, (const xmlChar *)"lang", (const xmlChar *)lang);
		if (rtl != parent_rtl)
			xmlSetProp(el, (const xmlChar *)"dir", (const xmlChar *)(rtl ? "rtl" : "ltr"));
	} else {
		xmlNsPtr ns = xmlSearchNs(el->doc, el, (const xmlChar *)"xml");
		xmlSetNsProp(el, ns, (const xmlChar *)"lang", (const xmlChar *)lang);
	}
}

static int
has_content(xmlNodePtr el)
{
	return el->children != NULL;
}

struct mark {
	struct merge *m;
	const struct its *its;
};

/* The language the source gives NODE (ITS languageInformation), or the
 * source language. */
static const char *
source_lang_of(const struct mark *k, xmlNodePtr node)
{
	const char *l = k->its ? its_lang(k->its, node) : NULL;

	return l != NULL && *l != '\0' ? l : k->m->source_lang;
}

/* Walk the result: INHERITED is the language in force at N's parent in the
 * output; IN_UNIT says N is inside a unit's (rebuilt) content. */
static void
mark(struct mark *k, xmlNodePtr n, const char *inherited, int in_unit)
{
	struct merge *m = k->m;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		int st = get_state(m, n);
		const char *want = inherited;
		xmlChar *own = get_lang(m, n);

		if (st < 0 && in_unit) {
			/* An inline element of a unit's content keeps the language
			 * its source markup says (a quotation in French stays so). */
			mark(k, n->children, own ? (const char *)own : inherited, 1);
			xmlFree(own);
			continue;
		}
		if (st >= 0) {
			want = st == MERGE_TRANSLATED ? m->lang : source_lang_of(k, n);
			/* Translated text takes the target's direction too. */
			if (st == MERGE_TRANSLATED && m->kind == XMLIO_HTML) {
				xmlAttrPtr dir = xmlHasProp(n, (const xmlChar *)"dir");
				if (dir != NULL) {
					xmlChar *v = xmlNodeGetContent((xmlNodePtr)dir);
					if (v && xmlStrcasecmp(v, (const xmlChar *)"auto") != 0)
						xmlRemoveProp(dir);
					xmlFree(v);
				}
			}
		} else if (!has_content(n)) {
			/* A fallback attribute on an element without content of its
			 * own (img alt, meta content) marks the element. */
			for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
				int ast = get_state(m, (xmlNodePtr)a);
				if (ast >= 0 && ast != MERGE_TRANSLATED)
					want = source_lang_of(k, (xmlNodePtr)a);
			}
		}
		/* A container's own language attribute described the source; its
		 * content is now whatever its units say. */
		if (strcmp(want, inherited) == 0) {
			if (own != NULL)
				remove_lang(m, n);
		} else {
			int rtl = lang_is_rtl(want), prtl = lang_is_rtl(inherited);
			set_lang(m, n, want, rtl, prtl);
		}
		xmlFree(own);
		mark(k, n->children, want, in_unit || st >= 0);
	}
}

void
merge_mark_languages(struct merge *m, const struct its *its, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int rtl = lang_is_rtl(m->lang);
	struct mark k = { m, its };

	if (root == NULL)
		return;
	set_lang(m, root, m->lang, rtl, -1);
	if (m->kind == XMLIO_HTML)
		xmlSetProp(root, (const xmlChar *)"dir", (const xmlChar *)(rtl ? "rtl" : "ltr"));
	mark(&k, root->children, m->lang, 0);
}

static void
filter(const struct its *its, xmlNodePtr n, const char *lang)
{
	for (xmlNodePtr next; n != NULL; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		int include;
		const char *list = its_locale_filter(its, n, &include);
		if (!unit_locale_match(list, include, lang)) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			continue;
		}
		filter(its, n->children, lang);
	}
}

void
merge_locale_filter(const struct its *its, xmlDocPtr doc, const char *lang)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);

	if (root != NULL)
		filter(its, root->children, lang);
}
