/* html-writer.c - localised HTML5 pages. */
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "unit.h"
#include "values.h"
#include "writer.h"
#include "xalloc.h"
#include "xmlio.h"

static int
is_url_attr(const xmlChar *name)
{
	return xmlStrEqual(name, (const xmlChar *)"href") ||
	    xmlStrEqual(name, (const xmlChar *)"src") ||
	    xmlStrEqual(name, (const xmlChar *)"poster");
}

/* A relative reference to a file of the site that is not a page: an
 * asset shared by every language, one folder up. */
static int
shared_asset(const char *base, const char *url)
{
	size_t len;
	char *path;
	int r;

	if (url[0] == '\0' || url[0] == '/' || url[0] == '#' || url[0] == '?' ||
	    strstr(url, "://") != NULL || strncmp(url, "../", 3) == 0)
		return 0;
	for (const char *p = url; *p && *p != '/'; p++)
		if (*p == ':')
			return 0;	/* mailto:, data:, javascript: ... */
	len = strcspn(url, "?#");
	if (len >= 5 && strncmp(url + len - 5, ".html", 5) == 0)
		return 0;
	path = xasprintf("%s/%.*s", base, (int)len, url);
	r = file_exists(path);
	free(path);
	return r;
}

static void
relink(xmlNodePtr n, const char *base)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		/* Local ITS markup (its-loc-note ...) is for translators, not
		 * readers: published pages keep only HTML's own translate. */
		for (xmlAttrPtr a = n->properties, next; a != NULL; a = next) {
			next = a->next;
			if (unit_its_markup_attr(a))
				xmlRemoveProp(a);
		}
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
			if (a->ns != NULL || !is_url_attr(a->name))
				continue;
			xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
			if (v != NULL && shared_asset(base, (const char *)v)) {
				char *nv = xasprintf("../%s", (const char *)v);
				xmlSetProp(n, a->name, (const xmlChar *)nv);
				free(nv);
			}
			xmlFree(v);
		}
		relink(n->children, base);
	}
}

int
html_write_page(struct diag *d, xmlDocPtr doc, const struct writer_page *p)
{
	relink(xmlDocGetRootElement(doc), p->base);
	values_localise(doc, p->lang);
	return xmlio_write_file(d, doc, p->output);
}
