/* docbook-writer.c - localised DocBook 5 documents. */
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "writer.h"
#include "xalloc.h"
#include "xmlio.h"

#define DOCBOOK_NS "http://docbook.org/ns/docbook"

/* Attributes that name a file to include (DocBook 5.0: imagedata,
 * audiodata, videodata, textdata). */
static int
is_file_attr(xmlAttrPtr a)
{
	return a->ns == NULL && xmlStrEqual(a->name, (const xmlChar *)"fileref") &&
	    a->parent->ns != NULL &&
	    xmlStrEqual(a->parent->ns->href, (const xmlChar *)DOCBOOK_NS);
}

static int
local_relative(const char *url)
{
	if (url[0] == '\0' || url[0] == '/' || url[0] == '#' ||
	    strstr(url, "..") != NULL)
		return 0;
	for (const char *p = url; *p && *p != '/'; p++)
		if (*p == ':')
			return 0;
	return 1;
}

struct relink {
	const char *srcdir;	/* content/reports */
	const char *up;		/* "../../assets/" */
	const char *reldir;	/* "reports/" or "" */
};

static void
relink(xmlNodePtr n, const struct relink *r)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
			if (!is_file_attr(a))
				continue;
			xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
			const char *url = v ? (const char *)v : "";
			while (strncmp(url, "./", 2) == 0)
				url += 2;
			if (local_relative(url)) {
				char *file = xasprintf("%s/%s", r->srcdir, url);
				if (file_exists(file)) {
					char *nv = xasprintf("%s%s%s", r->up, r->reldir, url);
					xmlSetProp(n, a->name, (const xmlChar *)nv);
					free(nv);
				}
				free(file);
			}
			xmlFree(v);
		}
		relink(n->children, r);
	}
}

int
docbook_write(struct diag *d, xmlDocPtr doc, const struct writer_page *p)
{
	struct strbuf up = STRBUF_INIT;
	const char *slash = strrchr(p->source, '/');
	char *srcdir = slash ? xstrndup(p->source, (size_t)(slash - p->source)) : xstrdup(".");
	const char *rel = p->source;
	char *reldir;
	size_t bl = p->base ? strlen(p->base) : 0;
	int r;

	/* The source's folder relative to the base, as in the output. */
	if (p->base != NULL && strncmp(p->source, p->base, bl) == 0 && p->source[bl] == '/')
		rel = p->source + bl + 1;
	else
		rel = slash ? slash + 1 : p->source;
	slash = strrchr(rel, '/');
	reldir = slash ? xstrndup(rel, (size_t)(slash - rel) + 1) : xstrdup("");
	strbuf_puts(&up, "../");
	for (const char *c = rel; *c; c++)
		if (*c == '/')
			strbuf_puts(&up, "../");
	strbuf_puts(&up, "assets/");
	struct relink rl = { srcdir, up.buf, reldir };
	relink(xmlDocGetRootElement(doc), &rl);
	r = xmlio_write_file(d, doc, p->output);
	strbuf_release(&up);
	free(srcdir);
	free(reldir);
	return r;
}
