/* unit.c - translation units of an ITS-annotated document (itstool style). */
#include "unit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

/* The message being built for one unit. */
struct msg {
	struct strbuf text;
	int has_text;			/* any non-space text or entity */
	xmlNodePtr *ph;
	size_t nph, cap;
	/* Translatable attributes of inline elements: part of the message
	 * when it is kept, units of their own when it turns out empty. */
	xmlAttrPtr *pend;
	size_t *pend_slot;		/* unit slots reserved in document order */
	size_t npend, cap_pend, cap_pend_slot;
	xmlNodePtr *inl;
	size_t ninl, cap_inl;
	struct strbuf notes;		/* placeholder and term hints */
};

struct ctx {
	const struct its *its;
	struct unit_list *list;
	int html;
};

static void
msg_init(struct msg *m)
{
	memset(m, 0, sizeof *m);
	strbuf_init(&m->text, 64);
}

static void
msg_release(struct msg *m)
{
	strbuf_release(&m->text);
	strbuf_release(&m->notes);
	free(m->ph);
	free(m->pend);
	free(m->pend_slot);
	free(m->inl);
}

static void
escape_text(struct strbuf *sb, const char *s, int attr)
{
	for (; *s != '\0'; s++) {
		/* The run up to the next character to escape, in one piece. */
		size_t run = strcspn(s, attr ? "&<>\"" : "&<>");
		if (run > 0) {
			strbuf_add(sb, s, run);
			s += run;
			if (*s == '\0')
				break;
		}
		switch (*s) {
		case '&':
			strbuf_puts(sb, "&amp;");
			break;
		case '<':
			strbuf_puts(sb, "&lt;");
			break;
		case '>':
			strbuf_puts(sb, "&gt;");
			break;
		case '"':
			if (attr) {
				strbuf_puts(sb, "&quot;");
				break;
			}
			/* fall through */
		default:
			strbuf_putc(sb, *s);
		}
	}
}

int
unit_its_markup_attr(xmlAttrPtr a)
{
	if (a->ns != NULL)
		return xmlStrEqual(a->ns->href, (const xmlChar *)ITS_NS);
	return xmlStrncmp(a->name, (const xmlChar *)"its-", 4) == 0 &&
	    a->parent != NULL && a->parent->doc != NULL &&
	    a->parent->doc->type == XML_HTML_DOCUMENT_NODE;
}

static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static void
put_name(struct strbuf *sb, xmlNodePtr n)
{
	if (n->ns != NULL && n->ns->prefix != NULL) {
		strbuf_puts(sb, (const char *)n->ns->prefix);
		strbuf_putc(sb, ':');
	}
	strbuf_puts(sb, (const char *)n->name);
}

static void
msg_text(struct msg *m, const char *s)
{
	escape_text(&m->text, s, 0);
	if (!blank(s))
		m->has_text = 1;
}

static void
msg_placeholder(struct ctx *c, struct msg *m, xmlNodePtr el)
{
	m->ph = xgrow(m->ph, &m->cap, m->nph + 1, sizeof *m->ph);
	m->ph[m->nph++] = el;
	strbuf_printf(&m->text, "<_:%s-%zu/>", (const char *)el->name, m->nph);
	/* Say what an untranslatable placeholder stands for. */
	if (!its_translate(c->its, el)) {
		xmlChar *content = xmlNodeGetContent(el);
		struct strbuf sb = STRBUF_INIT;
		strbuf_puts(&sb, content ? (const char *)content : "");
		strbuf_normalize_space(&sb);
		if (sb.len > 0 && sb.len <= 120)
			strbuf_printf(&m->notes, "<_:%s-%zu/> is \xe2\x80\x9c%s\xe2\x80\x9d, "
			    "kept as it is.\n", (const char *)el->name, m->nph, sb.buf);
		strbuf_release(&sb);
		xmlFree(content);
	}
}

/* Translatable attributes of an element (not those of inline elements
 * inside a message: they are part of the message's markup). */
static int
attr_translatable(struct ctx *c, xmlAttrPtr a)
{
	return its_translate(c->its, (xmlNodePtr)a);
}

static size_t new_unit(struct ctx *c);

static void
msg_start_tag(struct ctx *c, struct msg *m, xmlNodePtr el)
{
	m->inl = xgrow(m->inl, &m->cap_inl, m->ninl + 1, sizeof *m->inl);
	m->inl[m->ninl++] = el;
	strbuf_putc(&m->text, '<');
	put_name(&m->text, el);
	for (xmlAttrPtr a = el->properties; a != NULL; a = a->next) {
		if (unit_its_markup_attr(a))
			continue;
		xmlChar *v = xmlNodeListGetString(el->doc, a->children, 1);
		strbuf_putc(&m->text, ' ');
		put_name(&m->text, (xmlNodePtr)a);
		strbuf_puts(&m->text, "=\"");
		escape_text(&m->text, v ? (const char *)v : "", 1);
		strbuf_putc(&m->text, '"');
		xmlFree(v);
		if (attr_translatable(c, a)) {
			m->pend = xgrow(m->pend, &m->cap_pend, m->npend + 1, sizeof *m->pend);
			m->pend_slot = xgrow(m->pend_slot, &m->cap_pend_slot, m->npend + 1,
			    sizeof *m->pend_slot);
			m->pend[m->npend] = a;
			m->pend_slot[m->npend++] = new_unit(c);
		}
	}
	strbuf_puts(&m->text, el->children != NULL ? ">" : "/>");
	/* Limits on an inline element (a button's label). */
	const char *enc, *lb, *lim = its_storage_size(c->its, el, &enc, &lb);
	if (lim != NULL)
		strbuf_printf(&m->notes, "Maximum length of <%s>: %s bytes (%s)\n",
		    (const char *)el->name, lim, enc);
	const char *ac = its_allowed_characters(c->its, el);
	if (ac != NULL && ac != its_allowed_characters(c->its, el->parent))
		strbuf_printf(&m->notes, "Allowed characters in <%s>: %s\n",
		    (const char *)el->name, ac);
	const char *res = its_external_resource(c->its, el);
	if (res != NULL)
		strbuf_printf(&m->notes, "External resource: %s (a localised version may be needed)\n", res);
	/* A note on an inline element goes to the comments, not the msgid. */
	enum its_loc_note_type t1, t2;
	const char *r1, *r2;
	const char *note = its_loc_note(c->its, el, &t1, &r1);
	const char *pnote = its_loc_note(c->its, el->parent, &t2, &r2);
	if ((note != NULL && note != pnote) || (r1 != NULL && r1 != r2)) {
		xmlChar *content = xmlNodeGetContent(el);
		struct strbuf sb = STRBUF_INIT;
		strbuf_puts(&sb, content ? (const char *)content : "");
		strbuf_normalize_space(&sb);
		strbuf_printf(&m->notes, "%s\xe2\x80\x9c%s\xe2\x80\x9d: %s\n",
		    t1 == ITS_NOTE_ALERT ? "ALERT: " : "", sb.buf, note ? note : r1);
		strbuf_release(&sb);
		xmlFree(content);
	}
	/* Terminology inside the message (section 8.5): a hint for translators. */
	const char *info, *ref, *conf;
	if (its_term(c->its, el, &info, &ref, &conf) == 1) {
		xmlChar *content = xmlNodeGetContent(el);
		struct strbuf sb = STRBUF_INIT;
		strbuf_puts(&sb, content ? (const char *)content : "");
		strbuf_normalize_space(&sb);
		strbuf_printf(&m->notes, "Term: \xe2\x80\x9c%s\xe2\x80\x9d", sb.buf);
		if (info != NULL)
			strbuf_printf(&m->notes, " (%s)", info);
		else if (ref != NULL)
			strbuf_printf(&m->notes, " (see %s)", ref);
		strbuf_putc(&m->notes, '\n');
		strbuf_release(&sb);
		xmlFree(content);
	}
}

static void
msg_end_tag(struct msg *m, xmlNodePtr el)
{
	if (el->children == NULL)
		return;
	strbuf_puts(&m->text, "</");
	put_name(&m->text, el);
	strbuf_putc(&m->text, '>');
}

static size_t
new_unit(struct ctx *c)
{
	struct unit_list *l = c->list;
	struct unit *u;

	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	u = &l->v[l->n];
	memset(u, 0, sizeof *u);
	return l->n++;
}

/* The "#." comments of a unit: its localisation note and the other ITS
 * information a translator needs. */
static const char *
unit_comments(struct ctx *c, xmlNodePtr node, const char *extra)
{
	struct strbuf sb = STRBUF_INIT;
	enum its_loc_note_type type;
	const char *ref, *note, *s, *enc, *lb;
	const char *r;

	note = its_loc_note(c->its, node, &type, &ref);
	if (note != NULL)
		strbuf_printf(&sb, "%s%s\n", type == ITS_NOTE_ALERT ? "ALERT: " : "", note);
	else if (ref != NULL)
		strbuf_printf(&sb, "%sSee %s\n", type == ITS_NOTE_ALERT ? "ALERT: " : "", ref);
	if (node->type == XML_ATTRIBUTE_NODE)
		strbuf_printf(&sb, "Attribute \"%s\" of <%s>.\n", (const char *)node->name,
		    (const char *)node->parent->name);
	if ((s = its_domains(c->its, node)) != NULL)
		strbuf_printf(&sb, "Domain: %s\n", s);
	/* Source text in another language than the document's. */
	const char *lang = its_lang(c->its, node);
	const char *doclang = its_lang(c->its, xmlDocGetRootElement(node->doc));
	if (lang != NULL && (doclang == NULL || strcasecmp(lang, doclang) != 0))
		strbuf_printf(&sb, "Language of the source text: %s\n", lang);
	if ((s = its_storage_size(c->its, node, &enc, &lb)) != NULL)
		strbuf_printf(&sb, "Maximum length: %s bytes (%s)\n", s, enc);
	if ((s = its_allowed_characters(c->its, node)) != NULL)
		strbuf_printf(&sb, "Allowed characters: %s\n", s);
	int include;
	s = its_locale_filter(c->its, node, &include);
	if (strcmp(s, "*") != 0 || !include)
		strbuf_printf(&sb, "%s: %s\n", include ? "Only for languages" : "Not for languages",
		    *s ? s : "(none)");
	if (node->type == XML_ATTRIBUTE_NODE &&
	    (s = its_external_resource(c->its, node->parent)) != NULL)
		strbuf_printf(&sb, "External resource: %s (a localised version may be needed)\n", s);
	else if ((s = its_external_resource(c->its, node)) != NULL)
		strbuf_printf(&sb, "External resource: %s (a localised version may be needed)\n", s);
	if (extra != NULL)
		strbuf_puts(&sb, extra);
	if (sb.len == 0) {
		strbuf_release(&sb);
		return NULL;
	}
	while (sb.len > 0 && sb.buf[sb.len - 1] == '\n')
		sb.buf[--sb.len] = '\0';
	r = arena_strdup(&c->list->arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

static void
fill_common(struct ctx *c, struct unit *u, xmlNodePtr node)
{
	int include;

	u->node = node;
	u->line = (unsigned long)xmlGetLineNo(node->type == XML_ATTRIBUTE_NODE
	    ? node->parent : node);
	u->locale_filter = its_locale_filter(c->its, node, &include);
	u->locale_include = include;
}

/* Make the unit of attribute A, in the reserved SLOT or a new one. */
static void
attribute_unit_at(struct ctx *c, xmlAttrPtr a, size_t slot, int have_slot)
{
	xmlChar *v = xmlNodeListGetString(a->doc, a->children, 1);
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	struct unit *u;
	int preserve = its_preserve_space(c->its, (xmlNodePtr)a);

	escape_text(&sb, v ? (const char *)v : "", 0);
	xmlFree(v);
	if (!preserve)
		strbuf_normalize_space(&sb);
	if (sb.buf == NULL || blank(sb.buf)) {
		strbuf_release(&sb);
		return;
	}
	i = have_slot ? slot : new_unit(c);
	u = &c->list->v[i];
	fill_common(c, u, (xmlNodePtr)a);
	u->flags = UNIT_ATTR | (preserve ? UNIT_PRESERVE : 0);
	u->msgid = arena_strdup(&c->list->arena, sb.buf);
	u->comments = unit_comments(c, (xmlNodePtr)a, NULL);
	strbuf_release(&sb);
}

static void
attribute_unit(struct ctx *c, xmlAttrPtr a)
{
	attribute_unit_at(c, a, 0, 0);
}

static void
attribute_units(struct ctx *c, xmlNodePtr el)
{
	for (xmlAttrPtr a = el->properties; a != NULL; a = a->next)
		if (attr_translatable(c, a))
			attribute_unit(c, a);
}

static int
is_its_rules(xmlNodePtr el)
{
	return el->ns != NULL &&
	    xmlStrEqual(el->ns->href, (const xmlChar *)ITS_NS) &&
	    xmlStrEqual(el->name, (const xmlChar *)"rules");
}

static void element(struct ctx *c, xmlNodePtr el, struct msg *outer);

static void
children(struct ctx *c, xmlNodePtr el, struct msg *msg)
{
	for (xmlNodePtr n = el->children; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			element(c, n, msg);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (msg != NULL && n->content != NULL)
				msg_text(msg, (const char *)n->content);
			break;
		case XML_ENTITY_REF_NODE:
			if (msg != NULL) {
				strbuf_printf(&msg->text, "&%s;", (const char *)n->name);
				msg->has_text = 1;
			}
			break;
		default:
			/* Comments and processing instructions are not translated. */
			break;
		}
	}
}

static void
element(struct ctx *c, xmlNodePtr el, struct msg *outer)
{
	struct msg own, *msg = outer;
	size_t slot = 0;
	int is_unit = 0, inline_el = 0;

	if (is_its_rules(el))
		return;
	if (!its_translate(c->its, el)) {
		if (outer != NULL)
			msg_placeholder(c, outer, el);
		msg = NULL;
	} else if (outer == NULL || its_within_text(c->its, el) != ITS_WITHIN_YES) {
		if (outer != NULL)
			msg_placeholder(c, outer, el);
		msg_init(&own);
		msg = &own;
		is_unit = 1;
		slot = new_unit(c);
	} else {
		inline_el = 1;
		msg_start_tag(c, outer, el);
	}
	if (!inline_el)
		attribute_units(c, el);
	children(c, el, msg);
	if (inline_el) {
		msg_end_tag(outer, el);
		return;
	}
	if (!is_unit)
		return;

	struct unit *u = &c->list->v[slot];
	if (own.has_text) {
		int preserve = its_preserve_space(c->its, el);
		if (!preserve)
			strbuf_normalize_space(&own.text);
		fill_common(c, u, el);
		u->flags = preserve ? UNIT_PRESERVE : 0;
		u->msgid = arena_strdup(&c->list->arena, own.text.buf);
		const char *id = its_id_value(c->its, el);
		u->msgctxt = id ? arena_strdup(&c->list->arena, id) : NULL;
		u->comments = unit_comments(c, el, own.notes.len ? own.notes.buf : NULL);
		if (own.nph > 0) {
			u->ph = arena_alloc(&c->list->arena, own.nph * sizeof *u->ph);
			memcpy(u->ph, own.ph, own.nph * sizeof *u->ph);
			u->nph = own.nph;
		}
		if (own.ninl > 0) {
			u->inl = arena_alloc(&c->list->arena, own.ninl * sizeof *u->inl);
			memcpy(u->inl, own.inl, own.ninl * sizeof *u->inl);
			u->ninl = own.ninl;
		}
	} else {
		/* An empty message (only markup): its inline elements'
		 * translatable attributes become units of their own. */
		u->msgid = NULL;
		for (size_t i = 0; i < own.npend; i++)
			attribute_unit_at(c, own.pend[i], own.pend_slot[i], 1);
	}
	msg_release(&own);
}

void
unit_collect(const struct its *its, struct unit_list *list)
{
	struct ctx c = { its, list, its_is_html(its) };
	xmlNodePtr root = xmlDocGetRootElement(its_document(its));
	size_t start = list->n, o;

	if (root != NULL)
		element(&c, root, NULL);
	/* Drop the slots of elements that turned out not to be units. */
	for (o = start; start < list->n; start++)
		if (list->v[start].msgid != NULL)
			list->v[o++] = list->v[start];
	list->n = o;
}

void
unit_list_release(struct unit_list *list)
{
	free(list->v);
	list->v = NULL;
	list->n = list->cap = 0;
	arena_release(&list->arena);
}

/* RFC 4647 section 3.3.2, extended filtering, of one range. */
static int
range_match(const char *range, size_t rlen, const char *tag)
{
	char r[64], t[64];
	char *rs[16], *ts[16];
	size_t nr = 0, nt = 0, i, j;

	if (rlen == 0 || rlen >= sizeof r || strlen(tag) >= sizeof t)
		return 0;
	memcpy(r, range, rlen);
	r[rlen] = '\0';
	strcpy(t, tag);
	for (char *p = strtok(r, "-_"); p && nr < 16; p = strtok(NULL, "-_"))
		rs[nr++] = p;
	for (char *p = strtok(t, "-_"); p && nt < 16; p = strtok(NULL, "-_"))
		ts[nt++] = p;
	if (nr == 0 || nt == 0)
		return 0;
	if (strcmp(rs[0], "*") != 0 && strcasecmp(rs[0], ts[0]) != 0)
		return 0;
	for (i = 1, j = 1; i < nr; ) {
		if (strcmp(rs[i], "*") == 0) {
			i++;
			continue;
		}
		if (j >= nt)
			return 0;
		if (strcasecmp(rs[i], ts[j]) == 0) {
			i++;
			j++;
			continue;
		}
		if (strlen(ts[j]) == 1)
			return 0;
		j++;
	}
	return 1;
}

int
unit_locale_match(const char *list, int include, const char *lang)
{
	int match = 0;
	const char *p = list;

	while (p != NULL && *p != '\0' && !match) {
		while (*p == ' ' || *p == ',')
			p++;
		const char *e = p;
		while (*e != '\0' && *e != ',' && *e != ' ')
			e++;
		if (e > p)
			match = range_match(p, (size_t)(e - p), lang);
		p = e;
	}
	return include ? match : !match;
}
