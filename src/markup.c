/* markup.c - parsing and comparing the markup of messages. */
#include "markup.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

int
markup_parse(struct markup *m, const char *text, enum xmlio_kind kind,
    xmlNodePtr context, char *why, size_t whylen)
{
	m->doc = xmlio_parse_fragment(text, strlen(text), kind, context, why, whylen);
	m->root = m->doc ? xmlDocGetRootElement(m->doc) : NULL;
	return m->doc ? 0 : -1;
}

void
markup_release(struct markup *m)
{
	if (m->doc != NULL)
		xmlFreeDoc(m->doc);
	m->doc = NULL;
	m->root = NULL;
}

int
markup_is_placeholder(xmlNodePtr el)
{
	return el->type == XML_ELEMENT_NODE && el->ns != NULL &&
	    xmlStrEqual(el->ns->href, (const xmlChar *)PLACEHOLDER_NS);
}

int
markup_attr_translatable(enum xmlio_kind kind, const xmlChar *elem,
    const xmlChar *name)
{
	static const char *const html[] = {
		"title", "alt", "aria-label", "aria-description", "placeholder",
		"label", "abbr", NULL,
	};

	(void)elem;
	if (kind != XMLIO_HTML)
		return 0;
	for (size_t i = 0; html[i] != NULL; i++)
		if (xmlStrEqual(name, (const xmlChar *)html[i]))
			return 1;
	return 0;
}

static void
attr_qname(struct strbuf *sb, xmlAttrPtr a)
{
	if (a->ns != NULL && a->ns->prefix != NULL)
		strbuf_printf(sb, "%s:", (const char *)a->ns->prefix);
	strbuf_puts(sb, (const char *)a->name);
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* "name{attr=value;attr2=value2;@tattr}" with attributes sorted; the
 * values of translatable attributes are left out. */
static void
element_key(struct strbuf *sb, xmlNodePtr el, enum xmlio_kind kind)
{
	char *items[64];
	size_t n = 0;

	if (markup_is_placeholder(el)) {
		strbuf_printf(sb, "<_:%s/>", (const char *)el->name);
		return;
	}
	strbuf_puts(sb, (const char *)el->name);
	strbuf_putc(sb, '{');
	for (xmlAttrPtr a = el->properties; a != NULL && n < 64; a = a->next) {
		struct strbuf it = STRBUF_INIT;
		attr_qname(&it, a);
		if (markup_attr_translatable(kind, el->name, a->name)) {
			strbuf_puts(&it, "=*");
		} else {
			xmlChar *v = xmlNodeListGetString(el->doc, a->children, 1);
			strbuf_putc(&it, '=');
			strbuf_puts(&it, v ? (const char *)v : "");
			xmlFree(v);
		}
		items[n++] = strbuf_detach(&it);
	}
	qsort(items, n, sizeof *items, cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_putc(sb, ';');
		strbuf_puts(sb, items[i]);
		free(items[i]);
	}
	strbuf_putc(sb, '}');
}

char *
markup_signature(xmlNodePtr el, enum xmlio_kind kind)
{
	struct strbuf sb = STRBUF_INIT;
	xmlNodePtr chain[256];
	size_t n = 0;

	/* From the element up to (not including) the wrapper. */
	for (xmlNodePtr p = el; p != NULL && p->parent != NULL &&
	    p->parent->type == XML_ELEMENT_NODE && n < 256; p = p->parent)
		chain[n++] = p;
	while (n > 0) {
		element_key(&sb, chain[--n], kind);
		if (n > 0)
			strbuf_putc(&sb, '/');
	}
	return strbuf_detach(&sb);
}

struct elist {
	xmlNodePtr *v;
	char **sig;
	size_t n, cap, capsig;
};

static void
collect(xmlNodePtr n, enum xmlio_kind kind, struct elist *l, int *bad_kind,
    const char **bad_what)
{
	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
			l->sig = xgrow(l->sig, &l->capsig, l->n + 1, sizeof *l->sig);
			l->v[l->n] = n;
			l->sig[l->n] = markup_signature(n, kind);
			l->n++;
			collect(n->children, kind, l, bad_kind, bad_what);
			break;
		case XML_TEXT_NODE:
		case XML_ENTITY_REF_NODE:
			break;
		case XML_COMMENT_NODE:
			*bad_kind = 1;
			*bad_what = "a comment is";
			break;
		case XML_PI_NODE:
			*bad_kind = 1;
			*bad_what = "a processing instruction is";
			break;
		case XML_CDATA_SECTION_NODE:
			*bad_kind = 1;
			*bad_what = "a CDATA section is";
			break;
		default:
			*bad_kind = 1;
			*bad_what = "this kind of markup is";
			break;
		}
	}
}

static void
elist_release(struct elist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->sig[i]);
	free(l->v);
	free(l->sig);
}

static void
set_issue(struct markup_issue *is, enum diag_code code, const char *a,
    const char *b, const char *c)
{
	is->code = code;
	snprintf(is->arg1, sizeof is->arg1, "%s", a ? a : "");
	snprintf(is->arg2, sizeof is->arg2, "%s", b ? b : "");
	snprintf(is->arg3, sizeof is->arg3, "%s", c ? c : "");
}

static size_t
count_name(const struct elist *l, const xmlChar *name, int ph)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		if (markup_is_placeholder(l->v[i]) == ph && xmlStrEqual(l->v[i]->name, name))
			n++;
	return n;
}

static const xmlChar *
ns_of(xmlNodePtr el)
{
	return el->ns != NULL && el->ns->href != NULL ? el->ns->href : (const xmlChar *)"";
}

/* Has L an element with EL's name in EL's namespace? */
static int
same_namespace_in(const struct elist *l, xmlNodePtr el)
{
	for (size_t i = 0; i < l->n; i++)
		if (!markup_is_placeholder(l->v[i]) && xmlStrEqual(l->v[i]->name, el->name) &&
		    xmlStrEqual(ns_of(l->v[i]), ns_of(el)))
			return 1;
	return 0;
}

const char *
markup_closing_text(const char *s)
{
	static const char *const closers[] = { "</script", "</style", "<!--", "-->", NULL };

	/* Each closer looked for where its first character ('<' or '-',
	 * which have no case) is. */
	for (size_t i = 0; closers[i] != NULL; i++) {
		size_t n = strlen(closers[i]);
		for (const char *p = strchr(s, closers[i][0]); p != NULL; p = strchr(p + 1, closers[i][0]))
			if (strncasecmp(p, closers[i], n) == 0)
				return closers[i];
	}
	return NULL;
}

static xmlAttrPtr
find_attr(xmlNodePtr el, xmlAttrPtr like)
{
	for (xmlAttrPtr a = el->properties; a != NULL; a = a->next) {
		if (!xmlStrEqual(a->name, like->name))
			continue;
		if ((a->ns == NULL) != (like->ns == NULL))
			continue;
		if (a->ns == NULL || xmlStrEqual(a->ns->href, like->ns->href))
			return a;
	}
	return NULL;
}

/* Compare the attributes of translation element T with the source
 * elements of the same name; report the first difference. */
static int
compare_attrs(const struct elist *src, xmlNodePtr t, enum xmlio_kind kind,
    struct markup_issue *is)
{
	xmlNodePtr best = NULL;
	int best_score = INT_MIN;

	for (size_t i = 0; i < src->n; i++) {
		xmlNodePtr s = src->v[i];
		int score = 0;
		if (markup_is_placeholder(s) || !xmlStrEqual(s->name, t->name))
			continue;
		for (xmlAttrPtr a = s->properties; a != NULL; a = a->next) {
			xmlAttrPtr b = find_attr(t, a);
			if (b == NULL)
				continue;
			xmlChar *va = xmlNodeListGetString(s->doc, a->children, 1);
			xmlChar *vb = xmlNodeListGetString(t->doc, b->children, 1);
			if (xmlStrEqual(va ? va : (const xmlChar *)"", vb ? vb : (const xmlChar *)""))
				score += 2;
			else
				score += 1;
			xmlFree(va);
			xmlFree(vb);
		}
		/* An attribute on one side only counts against the pair, so
		 * that <em> is compared with a plain <em> of the source rather
		 * than with an <em class="x"> that comes first. */
		for (xmlAttrPtr a = s->properties; a != NULL; a = a->next)
			if (find_attr(t, a) == NULL)
				score -= 1;
		for (xmlAttrPtr b = t->properties; b != NULL; b = b->next)
			if (find_attr(s, b) == NULL)
				score -= 1;
		if (score > best_score) {
			best_score = score;
			best = s;
		}
	}
	if (best == NULL)
		return 0;
	for (xmlAttrPtr b = t->properties; b != NULL; b = b->next) {
		if (find_attr(best, b) == NULL) {
			struct strbuf q = STRBUF_INIT;
			attr_qname(&q, b);
			set_issue(is, DIAG_MERGE_ATTR_ADDED, q.buf, (const char *)t->name, NULL);
			strbuf_release(&q);
			return -1;
		}
	}
	for (xmlAttrPtr a = best->properties; a != NULL; a = a->next) {
		xmlAttrPtr b = find_attr(t, a);
		struct strbuf q = STRBUF_INIT;
		attr_qname(&q, a);
		if (b == NULL) {
			set_issue(is, DIAG_MERGE_ATTR_MISSING, q.buf, (const char *)t->name, NULL);
			strbuf_release(&q);
			return -1;
		}
		if (!markup_attr_translatable(kind, t->name, a->name)) {
			xmlChar *va = xmlNodeListGetString(best->doc, a->children, 1);
			xmlChar *vb = xmlNodeListGetString(t->doc, b->children, 1);
			int same = xmlStrEqual(va ? va : (const xmlChar *)"",
			    vb ? vb : (const xmlChar *)"");
			if (!same)
				set_issue(is, DIAG_MERGE_ATTR_CHANGED, q.buf,
				    (const char *)t->name, va ? (const char *)va : "");
			xmlFree(va);
			xmlFree(vb);
			if (!same) {
				strbuf_release(&q);
				return -1;
			}
		}
		strbuf_release(&q);
	}
	return 0;
}

static void
text_of(xmlNodePtr n, struct strbuf *sb)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			strbuf_puts(sb, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			text_of(n->children, sb);
	}
}

int
markup_bidi_balanced(const char *s)
{
	/* Embeddings and overrides (LRE RLE LRO RLO) close with PDF; isolates
	 * (LRI RLI FSI) with PDI.  A PDI also closes embeddings opened after
	 * its isolate (UAX #9, X6a). */
	char stack[128];
	int depth = 0;
	const unsigned char *p = (const unsigned char *)s;

	/* Every bidi control is encoded with the lead byte 0xE2. */
	for (; (p = (const unsigned char *)strchr((const char *)p, 0xe2)) != NULL; p++) {
		unsigned cp;
		if (p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae)
			cp = 0x202a + (unsigned)(p[2] - 0xaa);
		else if (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
			cp = 0x2066 + (unsigned)(p[2] - 0xa6);
		else
			continue;
		if (cp == 0x202c) {		/* PDF */
			if (depth == 0 || stack[depth - 1] != 'e')
				return 0;
			depth--;
		} else if (cp == 0x2069) {	/* PDI */
			while (depth > 0 && stack[depth - 1] == 'e')
				depth--;
			if (depth == 0)
				return 0;
			depth--;
		} else if (cp >= 0x202a && cp <= 0x202e) {
			if (depth >= 128)
				return 0;
			stack[depth++] = 'e';
		} else {
			if (depth >= 128)
				return 0;
			stack[depth++] = 'i';
		}
		p += 2;
	}
	return depth == 0;
}

int
markup_text_refused(const char *text, struct markup_issue *is)
{
	const char *what;

	if (!markup_bidi_balanced(text)) {
		set_issue(is, DIAG_MERGE_BIDI, NULL, NULL, NULL);
		return -1;
	}
	if ((what = markup_closing_text(text)) != NULL) {
		set_issue(is, DIAG_MERGE_CLOSING_TEXT, what, NULL, NULL);
		return -1;
	}
	return 0;
}

int
markup_compare(const struct markup *source, const struct markup *translation,
    enum xmlio_kind kind, struct markup_issue *is)
{
	struct elist s = { 0 }, t = { 0 };
	int bad_kind = 0, r = -1;
	const char *what = NULL;
	struct strbuf text = STRBUF_INIT;

	collect(source->root->children, kind, &s, &bad_kind, &what);
	bad_kind = 0;
	collect(translation->root->children, kind, &t, &bad_kind, &what);
	/* Placeholders: each exactly once. */
	for (size_t i = 0; i < s.n; i++) {
		if (!markup_is_placeholder(s.v[i]))
			continue;
		size_t k = count_name(&t, s.v[i]->name, 1);
		if (k != 1) {
			set_issue(is, DIAG_MERGE_PLACEHOLDER, (const char *)s.v[i]->name,
			    k == 0 ? "is missing" : "appears more than once", NULL);
			goto out;
		}
	}
	for (size_t i = 0; i < t.n; i++) {
		if (markup_is_placeholder(t.v[i]) && count_name(&s, t.v[i]->name, 1) == 0) {
			set_issue(is, DIAG_MERGE_PLACEHOLDER, (const char *)t.v[i]->name,
			    "is not in the source", NULL);
			goto out;
		}
	}
	/* Elements by name. */
	for (size_t i = 0; i < t.n; i++) {
		if (markup_is_placeholder(t.v[i]))
			continue;
		if (count_name(&t, t.v[i]->name, 0) > count_name(&s, t.v[i]->name, 0)) {
			set_issue(is, DIAG_MERGE_EXTRA_ELEMENT, (const char *)t.v[i]->name, NULL, NULL);
			goto out;
		}
		/* The same name in another namespace (<emphasis xmlns="...XSL/
		 * Format">) is another element. */
		if (!same_namespace_in(&s, t.v[i])) {
			struct strbuf q = STRBUF_INIT;
			strbuf_printf(&q, "%s xmlns=\"%s\"", (const char *)t.v[i]->name,
			    t.v[i]->ns && t.v[i]->ns->href ? (const char *)t.v[i]->ns->href : "");
			set_issue(is, DIAG_MERGE_EXTRA_ELEMENT, q.buf, NULL, NULL);
			strbuf_release(&q);
			goto out;
		}
	}
	for (size_t i = 0; i < s.n; i++) {
		if (markup_is_placeholder(s.v[i]))
			continue;
		if (count_name(&s, s.v[i]->name, 0) > count_name(&t, s.v[i]->name, 0)) {
			set_issue(is, DIAG_MERGE_MISSING_ELEMENT, (const char *)s.v[i]->name, NULL, NULL);
			goto out;
		}
	}
	/* Comments, processing instructions, CDATA: after the element checks,
	 * so that an added <script> is named as such. */
	if (bad_kind) {
		set_issue(is, DIAG_MERGE_NODE_KIND, what, NULL, NULL);
		goto out;
	}
	text_of(translation->root->children, &text);
	if (markup_text_refused(text.buf ? text.buf : "", is) < 0)
		goto out;
	/* Attributes. */
	for (size_t i = 0; i < t.n; i++)
		if (!markup_is_placeholder(t.v[i]) && compare_attrs(&s, t.v[i], kind, is) < 0)
			goto out;
	/* Nesting: the signatures (with parent chains) as multisets. */
	{
		char **a = xmalloc((s.n + 1) * sizeof *a), **b = xmalloc((t.n + 1) * sizeof *b);
		/* Messages without elements have no signature arrays at all
		 * (memcpy from NULL is undefined even for 0 bytes; found by
		 * fuzz-po). */
		if (s.n > 0) {
			memcpy(a, s.sig, s.n * sizeof *a);
			qsort(a, s.n, sizeof *a, cmp_str);
		}
		if (t.n > 0) {
			memcpy(b, t.sig, t.n * sizeof *b);
			qsort(b, t.n, sizeof *b, cmp_str);
		}
		int same = s.n == t.n;
		for (size_t i = 0; same && i < s.n; i++)
			same = strcmp(a[i], b[i]) == 0;
		free(a);
		free(b);
		if (!same) {
			/* Name the first translation element whose chain differs. */
			for (size_t i = 0; i < t.n; i++) {
				int found = 0;
				for (size_t j = 0; j < s.n && !found; j++)
					found = strcmp(t.sig[i], s.sig[j]) == 0;
				if (!found) {
					xmlNodePtr par = t.v[i]->parent;
					set_issue(is, DIAG_MERGE_NESTING, (const char *)t.v[i]->name,
					    par && par != translation->root ? (const char *)par->name
					    : "(top level)", NULL);
					goto out;
				}
			}
			set_issue(is, DIAG_MERGE_NESTING, "?", "?", NULL);
			goto out;
		}
	}
	r = 0;
out:
	strbuf_release(&text);
	elist_release(&s);
	elist_release(&t);
	return r;
}
