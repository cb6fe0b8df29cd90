/* its-print.c - ITS data categories in the W3C test-suite format. */
#include <stdlib.h>
#include <string.h>

#include "its.h"
#include "xalloc.h"

enum cat {
	C_TRANSLATE, C_LOCNOTE, C_WITHIN, C_DIR, C_ID, C_SPACE, C_LANG,
	C_TERM, C_LOCALE, C_DOMAIN, C_EXTREF, C_ALLOWED, C_STORAGE
};

static const struct {
	const char *name;
	enum cat cat;
} categories[] = {
	{ "translate", C_TRANSLATE },
	{ "localizationNote", C_LOCNOTE },
	{ "elementsWithinText", C_WITHIN },
	{ "directionality", C_DIR },
	{ "idValue", C_ID },
	{ "preserveSpace", C_SPACE },
	{ "languageInformation", C_LANG },
	{ "terminology", C_TERM },
	{ "localeFilter", C_LOCALE },
	{ "domain", C_DOMAIN },
	{ "externalResource", C_EXTREF },
	{ "allowedCharacters", C_ALLOWED },
	{ "storageSize", C_STORAGE },
};

static const char *const dir_names[] = { "ltr", "rtl", "lro", "rlo" };
static const char *const within_names[] = { "no", "yes", "nested" };

static void
field(FILE *out, const char *name, const char *value)
{
	fprintf(out, "\t%s=\"%s\"", name, value);
}

static void
values(const struct its *its, enum cat cat, xmlNodePtr n, FILE *out)
{
	int attr = n->type == XML_ATTRIBUTE_NODE;
	const char *s, *a, *b, *c;

	switch (cat) {
	case C_TRANSLATE:
		field(out, "translate", its_translate(its, n) ? "yes" : "no");
		break;
	case C_LOCNOTE: {
		enum its_loc_note_type type;
		s = its_loc_note(its, n, &type, &a);
		if (s != NULL)
			field(out, "locNote", s);
		if (a != NULL)
			field(out, "locNoteRef", a);
		if (s != NULL || a != NULL)
			field(out, "locNoteType", type == ITS_NOTE_ALERT ? "alert" : "description");
		break;
	}
	case C_WITHIN:
		if (!attr)
			field(out, "withinText", within_names[its_within_text(its, n)]);
		break;
	case C_DIR:
		field(out, "dir", dir_names[its_direction(its, n)]);
		break;
	case C_ID:
		if ((s = its_id_value(its, n)) != NULL)
			field(out, "idValue", s);
		break;
	case C_SPACE:
		field(out, "space", its_preserve_space(its, n) ? "preserve" : "default");
		break;
	case C_LANG:
		if ((s = its_lang(its, n)) != NULL)
			field(out, "lang", s);
		break;
	case C_TERM: {
		int t = its_term(its, n, &a, &b, &c);
		const char *ann = its_annotators_ref(its, n, NULL);
		if (ann != NULL)
			field(out, "annotatorsRef", ann);
		field(out, "term", t == 1 ? "yes" : "no");
		if (t == 1 && c != NULL)
			field(out, "termConfidence", c);
		if (t == 1 && a != NULL)
			field(out, "termInfo", a);
		if (t == 1 && b != NULL)
			field(out, "termInfoRef", b);
		break;
	}
	case C_LOCALE: {
		int inc;
		s = its_locale_filter(its, n, &inc);
		field(out, "localeFilterList", s);
		field(out, "localeFilterType", inc ? "include" : "exclude");
		break;
	}
	case C_DOMAIN:
		if ((s = its_domains(its, n)) != NULL)
			field(out, "domains", s);
		break;
	case C_EXTREF:
		if ((s = its_external_resource(its, n)) != NULL)
			field(out, "externalResourceRef", s);
		break;
	case C_ALLOWED:
		if ((s = its_allowed_characters(its, n)) != NULL)
			field(out, "allowedCharacters", s);
		break;
	case C_STORAGE:
		if ((s = its_storage_size(its, n, &a, &b)) != NULL) {
			field(out, "lineBreakType", b);
			field(out, "storageEncoding", a);
			field(out, "storageSize", s);
		}
		break;
	}
}

static char *
qname(xmlNodePtr n)
{
	if (n->ns != NULL && n->ns->prefix != NULL)
		return xasprintf("%s:%s", (const char *)n->ns->prefix, (const char *)n->name);
	return xstrdup((const char *)n->name);
}

static int
same_name(xmlNodePtr a, xmlNodePtr b)
{
	if (!xmlStrEqual(a->name, b->name))
		return 0;
	if ((a->ns == NULL) != (b->ns == NULL))
		return 0;
	return a->ns == NULL || xmlStrEqual(a->ns->href, b->ns->href);
}

static int
cmp_attr(const void *x, const void *y)
{
	char *const *a = x, *const *b = y;
	return strcmp(*a, *b);
}

static void
walk(const struct its *its, enum cat cat, xmlNodePtr el, const char *path, FILE *out)
{
	size_t nattr = 0;
	struct { char *name; xmlAttrPtr a; } *attrs;

	fputs(path, out);
	values(its, cat, el, out);
	fputc('\n', out);
	for (xmlAttrPtr a = el->properties; a != NULL; a = a->next)
		nattr++;
	attrs = xcalloc(nattr + 1, sizeof *attrs);
	nattr = 0;
	for (xmlAttrPtr a = el->properties; a != NULL; a = a->next) {
		attrs[nattr].name = qname((xmlNodePtr)a);
		attrs[nattr].a = a;
		nattr++;
	}
	qsort(attrs, nattr, sizeof *attrs, cmp_attr);
	for (size_t i = 0; i < nattr; i++) {
		fprintf(out, "%s/@%s", path, attrs[i].name);
		values(its, cat, (xmlNodePtr)attrs[i].a, out);
		fputc('\n', out);
		free(attrs[i].name);
	}
	free(attrs);
	for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int pos = 1;
		for (xmlNodePtr p = c->prev; p != NULL; p = p->prev)
			if (p->type == XML_ELEMENT_NODE && same_name(p, c))
				pos++;
		char *q = qname(c);
		char *sub = xasprintf("%s/%s[%d]", path, q, pos);
		walk(its, cat, c, sub, out);
		free(sub);
		free(q);
	}
}

int
its_print_category(const struct its *its, const char *category, FILE *out)
{
	for (size_t i = 0; i < sizeof categories / sizeof *categories; i++) {
		if (strcmp(categories[i].name, category) != 0)
			continue;
		xmlNodePtr root = xmlDocGetRootElement(its_document(its));
		char *q = qname(root);
		char *path = xasprintf("/%s", q);
		walk(its, categories[i].cat, root, path, out);
		free(path);
		free(q);
		return 0;
	}
	return -1;
}
