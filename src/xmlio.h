/*
 * xmlio.h - the one place where XML and HTML inputs are opened and
 * parsed.  For every file in src/ that needs a document or a fragment.
 *
 * Inputs are read by us (size cap, no decompression) and parsed from
 * memory with options that never substitute external entities, validate
 * against DTDs, process XIncludes or lift libxml2's limits.  External
 * resources are refused except those the system XML catalog maps to local
 * files.  Parser messages become diagnostics with file:line:col.
 *
 * Ownership: returned documents belong to the caller (xmlFreeDoc).
 */
#ifndef L10N_XMLIO_H
#define L10N_XMLIO_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "xalloc.h"

enum xmlio_kind {
	XMLIO_XML,
	XMLIO_HTML
};

#define XHTML_NS "http://www.w3.org/1999/xhtml"

/* HTML for *.html and *.htm, XML for everything else. */
enum xmlio_kind xmlio_kind_of(const char *path);

/* Call once before any parsing (installs the entity loader). */
void xmlio_init(void);

/* Parse a whole file.  NULL after diagnostics when it cannot be used; a
 * document with recoverable HTML errors is returned (errors reported as
 * warnings).  HTML documents get the XHTML namespace on every element so
 * that ITS selectors match them as the specification requires. */
xmlDocPtr xmlio_read(struct diag *d, const char *path, enum xmlio_kind kind);
xmlDocPtr xmlio_read_memory(struct diag *d, const char *buf, size_t len,
    const char *path, enum xmlio_kind kind);

/* Parse an XSLT stylesheet (trusted: internal entities substituted, CDATA
 * as text, external resources still refused) sharing DICT (an xmlDictPtr,
 * or NULL) as libxslt wants for imported stylesheets. */
xmlDocPtr xmlio_read_stylesheet(struct diag *d, const char *path, void *dict);
/* Make libxslt load imported stylesheets and document() through the
 * functions above: local files only, never the network. */
void xmlio_xslt_init(void);

/* Does the document use the HTML parser's model (no namespaces in output)? */
int xmlio_is_html(xmlDocPtr doc);

/* Parse BUF (a translation: text with inline markup) as the content of
 * CONTEXT (the source unit's element, for its namespaces and entities).  Placeholders <_:name-N/> become elements
 * in the PLACEHOLDER_NS namespace.  Returns a new document whose root is
 * the wrapper element, or NULL with *why set to a static message. */
#define PLACEHOLDER_NS "http://www.w3.org/2005/11/its-l10n-placeholder"
xmlDocPtr xmlio_parse_fragment(const char *buf, size_t len,
    enum xmlio_kind kind, xmlNodePtr context, char *why, size_t whylen);

/* Serialise an HTML document as HTML5 in UTF-8, or an XML document. */
void xmlio_serialize(xmlDocPtr doc, struct strbuf *out);
/* Serialise DOC into PATH as write_file_if_changed() writes (fsutil.h),
 * a block at a time (file_update), never whole in memory.  Returns 1
 * written, 0 unchanged, -1 failure (diagnosed). */
int xmlio_write_file(struct diag *d, xmlDocPtr doc, const char *path);

#endif
