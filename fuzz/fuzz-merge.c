/*
 * fuzz-merge.c - merge of a unit with a translation.  The input is
 * "K" SOURCE "\n===\n" TRANSLATION: K 'h' puts SOURCE as the content of an
 * HTML paragraph, anything else as the content of a DocBook para.  Every
 * unit gets TRANSLATION; the merged document is serialised.
 *
 * Oracle (the security floor): every element name and attribute name of
 * the merged document already occurred in the source document, apart
 * from the language marks the merge adds (lang, dir, xml:lang).  A
 * violation aborts.
 */
#define _GNU_SOURCE
#include <string.h>

#include "fuzz.h"
#include "hash.h"
#include "its.h"
#include "merge.h"
#include "unit.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

static void
names(xmlNodePtr n, struct hash *h, struct arena *a)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		char *k = arena_strdup(a, (const char *)n->name);
		hash_put(h, k, strlen(k), k);
		for (xmlAttrPtr at = n->properties; at != NULL; at = at->next) {
			k = arena_strdup(a, (const char *)at->name);
			hash_put(h, k, strlen(k), k);
		}
		names(n->children, h, a);
	}
}

static void
check_names(xmlNodePtr n, const struct hash *h)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (hash_get(h, (const char *)n->name, strlen((const char *)n->name)) == NULL)
			abort();
		for (xmlAttrPtr at = n->properties; at != NULL; at = at->next) {
			const char *an = (const char *)at->name;
			if (strcmp(an, "lang") == 0 || strcmp(an, "dir") == 0)
				continue;
			if (hash_get(h, an, strlen(an)) == NULL)
				abort();
		}
		check_names(n->children, h);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *sep = "\n===\n", *in = (const char *)data;
	struct its_options opt = { 1, NULL, NULL, 0 };
	struct unit_list units = UNIT_LIST_INIT;
	struct strbuf src = STRBUF_INIT, out = STRBUF_INIT;
	struct hash seen = HASH_INIT;
	struct arena arena = ARENA_INIT;
	struct catalog cat;
	struct merge m;
	struct diag d;
	enum xmlio_kind kind;
	const char *cut;
	char *tr;
	xmlDocPtr doc;
	struct its *its;

	if (size < 1)
		return 0;
	cut = memmem(in + 1, size - 1, sep, strlen(sep));
	if (cut == NULL)
		return 0;
	kind = in[0] == 'h' ? XMLIO_HTML : XMLIO_XML;
	tr = xstrndup(cut + strlen(sep), size - (size_t)(cut + strlen(sep) - in));
	if (memchr(cut + strlen(sep), '\0', size - (size_t)(cut + strlen(sep) - in)) != NULL) {
		free(tr);
		return 0;
	}
	if (kind == XMLIO_HTML)
		strbuf_puts(&src, "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><p>");
	else
		strbuf_puts(&src, "<article xmlns=\"http://docbook.org/ns/docbook\" "
		    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"5.0\"><para>");
	strbuf_add(&src, in + 1, (size_t)(cut - in - 1));
	strbuf_puts(&src, kind == XMLIO_HTML ? "</p></body></html>" : "</para></article>");

	fuzz_diag(&d);
	doc = xmlio_read_memory(&d, src.buf, src.len, kind == XMLIO_HTML ? "f.html" : "f.xml", kind);
	if (doc == NULL)
		goto out;
	names(xmlDocGetRootElement(doc), &seen, &arena);
	its = its_new(&d, doc, "f", &opt);
	unit_collect(its, &units);

	memset(&cat, 0, sizeof cat);
	cat.path = "fuzz.po";
	cat.v = xcalloc(units.n + 1, sizeof *cat.v);
	for (size_t i = 0; i < units.n; i++) {
		struct catalog_entry *e = &cat.v[cat.n++];
		e->msgctxt = units.v[i].msgctxt;
		e->msgid = units.v[i].msgid;
		e->msgstr = tr;
		e->line = e->msgstr_line = i + 1;
		char *key = xasprintf("%s\004%s", e->msgctxt ? e->msgctxt : "", e->msgid);
		const char *akey = arena_strdup(&cat.arena, key);
		free(key);
		hash_put(&cat.index, akey, strlen(akey), e);
	}
	merge_init(&m, "he", "en", kind);
	merge_units(&m, &d, &units, &cat);
	merge_mark_languages(&m, its, doc);
	check_names(xmlDocGetRootElement(doc), &seen);
	xmlio_serialize(doc, &out);
	merge_release(&m);
	free(cat.v);
	hash_release(&cat.index);
	arena_release(&cat.arena);
	unit_list_release(&units);
	its_free(its);
	xmlFreeDoc(doc);
out:
	hash_release(&seen);
	arena_release(&arena);
	strbuf_release(&src);
	strbuf_release(&out);
	free(tr);
	return 0;
}
