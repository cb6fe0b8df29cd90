/* layout.c - the layout's own strings, merged with a language's catalog. */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include "its.h"
#include "unit.h"
#include "xalloc.h"
#include "xmlio.h"

static int
in_layout_ns(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, (const xmlChar *)LAYOUT_NS) &&
	    xmlStrEqual(n->name, (const xmlChar *)name);
}

/* The content of a merged <string> as a pattern: text as it is, each
 * element as {name} (its own content, if any, is not used). */
static void
flatten(xmlNodePtr n, struct strbuf *sb)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			strbuf_puts(sb, (const char *)n->content);
		} else if (n->type == XML_ENTITY_REF_NODE) {
			xmlChar *c = xmlNodeGetContent(n);
			strbuf_puts(sb, c ? (const char *)c : "");
			xmlFree(c);
		} else if (n->type == XML_ELEMENT_NODE) {
			strbuf_printf(sb, "{%s}", (const char *)n->name);
		}
	}
}

int
layout_load(struct diag *d, const char *path, const char *lang,
    const char *source_lang, const struct catalog *cat, struct layout *out)
{
	struct its_options opt = { 1, NULL, NULL, 0 };
	struct unit_list units = UNIT_LIST_INIT;
	struct merge m;
	struct its *its;
	xmlDocPtr doc;
	xmlNodePtr root;

	memset(out, 0, sizeof *out);
	doc = xmlio_read(d, path, XMLIO_XML);
	if (doc == NULL)
		return -1;
	its = its_new(d, doc, path, &opt);
	unit_collect(its, &units);
	merge_init(&m, lang, source_lang, XMLIO_XML);
	merge_units(&m, d, &units, strcmp(lang, source_lang) == 0 ? NULL : cat);
	out->stats = m.stats;
	root = xmlDocGetRootElement(doc);
	for (xmlNodePtr n = root ? root->children : NULL; n != NULL; n = n->next) {
		if (!in_layout_ns(n, "string"))
			continue;
		xmlChar *name = xmlGetProp(n, (const xmlChar *)"name");
		if (name == NULL)
			continue;
		struct strbuf sb = STRBUF_INIT;
		flatten(n->children, &sb);
		strbuf_normalize_space(&sb);
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n].name = xstrdup((const char *)name);
		out->v[out->n].pattern = strbuf_detach(&sb);
		out->v[out->n].translated = merge_state_of(&m, n) == MERGE_TRANSLATED;
		out->n++;
		xmlFree(name);
	}
	merge_release(&m);
	unit_list_release(&units);
	its_free(its);
	xmlFreeDoc(doc);
	if (out->n == 0) {
		diag(d, DIAG_LAYOUT_NO_STRINGS, path, 0, 0, path);
		return -1;
	}
	return 0;
}

const char *
layout_get(const struct layout *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return l->v[i].pattern;
	return NULL;
}

void
layout_release(struct layout *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].pattern);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}
