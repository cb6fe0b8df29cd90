/*
 * fuzz-extract.h - the body of the HTML and XML extraction targets:
 * parse (xmlio), ITS rules (default rules for the format), units, the
 * template's entries (pot_add), and serialisation of the document.
 * pot_to_po is left out: it only calls libgettextpo, whose own leaks would
 * need full malloc stacks to suppress (slow).
 */
#ifndef L10N_FUZZ_EXTRACT_H
#define L10N_FUZZ_EXTRACT_H

#include "fuzz.h"
#include "its.h"
#include "unit.h"

static int
extract_one(const uint8_t *data, size_t size, enum xmlio_kind kind, const char *name)
{
	struct its_options opt = { 1, NULL, NULL, 0 };
	struct unit_list units = UNIT_LIST_INIT;
	struct pot pot = POT_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct diag d;
	xmlDocPtr doc;
	struct its *its;

	fuzz_diag(&d);
	doc = xmlio_read_memory(&d, (const char *)data, size, name, kind);
	if (doc == NULL)
		return 0;
	its = its_new(&d, doc, name, &opt);
	unit_collect(its, &units);
	pot_add(&pot, &units, name);
	pot_release(&pot);
	unit_list_release(&units);
	its_free(its);
	xmlio_serialize(doc, &sb);
	strbuf_release(&sb);
	xmlFreeDoc(doc);
	return 0;
}

#endif
