/* site-writer.c - what ties the languages of the site together: each
 * page's alternates, canonical URL, Open Graph locales, robots and
 * language switcher; sitemap.xml, robots.txt and the root index.html. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/uri.h>

#include "fsutil.h"
#include "publish.h"
#include "spawn.h"
#include "workq.h"
#include "xmlio.h"

#define SITEMAP_NS "http://www.sitemaps.org/schemas/sitemap/0.9"

/* ---- Small tree helpers -------------------------------------------- */

static int
is_el(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    xmlStrEqual(n->name, (const xmlChar *)name);
}

static int
attr_is(xmlNodePtr n, const char *attr, const char *value)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attr);
	int r = v != NULL && xmlStrcasecmp(v, (const xmlChar *)value) == 0;

	xmlFree(v);
	return r;
}

static int
has_attr(xmlNodePtr n, const char *attr)
{
	return xmlHasNsProp(n, (const xmlChar *)attr, NULL) != NULL;
}

/* Does the class attribute of N hold the token CLS? */
static int
has_class(xmlNodePtr n, const char *cls)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)"class");
	size_t l = strlen(cls);
	int r = 0;

	for (const char *p = (const char *)v; p != NULL && *p != '\0' && !r; ) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		size_t t = strcspn(p, " \t\n");
		r = t == l && strncmp(p, cls, l) == 0;
		p += t;
	}
	xmlFree(v);
	return r;
}

xmlNodePtr
site_find(xmlNodePtr n, const char *name, const char *cls)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, name) && (cls == NULL || has_class(n, cls)))
			return n;
		xmlNodePtr f = site_find(n->children, name, cls);
		if (f != NULL)
			return f;
	}
	return NULL;
}

static int
is_blank(xmlNodePtr n)
{
	return n != NULL && n->type == XML_TEXT_NODE && xmlIsBlankNode(n);
}

xmlNodePtr
site_el(xmlNodePtr parent, const char *name, const char *text)
{
	static const char *const blocks[] = {
		"meta", "link", "title", "script", "main", "section", "div", "h1",
		"h2", "p", "ul", "li", "table", "thead", "tbody", "tr",
	};
	xmlNodePtr n;

	/* Block-level elements of generated pages start a line. */
	for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (strcmp(name, blocks[i]) == 0)
			xmlAddChild(parent, xmlNewDocText(parent->doc, (const xmlChar *)"\n"));
	/* The element takes its parent's (XHTML) namespace. */
	n = xmlNewChild(parent, parent->ns, (const xmlChar *)name, NULL);
	if (text != NULL)
		xmlNodeAddContent(n, (const xmlChar *)text);
	return n;
}

static xmlNodePtr
new_el(xmlNodePtr parent, const char *name)
{
	return site_el(parent, name, NULL);
}

static void
set(xmlNodePtr n, const char *attr, const char *value)
{
	xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)value);
}

static void
add_text(xmlNodePtr n, const char *text)
{
	xmlNodeAddContent(n, (const xmlChar *)text);
}

/* ---- The <head> of a page ------------------------------------------- */

/* The elements of <head> this step owns: it removes and rewrites them on
 * every run, so that publishing twice gives the same page. */
static int
owned_head_element(xmlNodePtr n)
{
	if (is_el(n, "link"))
		return attr_is(n, "rel", "canonical") ||
		    (attr_is(n, "rel", "alternate") && has_attr(n, "hreflang"));
	if (is_el(n, "meta"))
		return attr_is(n, "property", "og:locale") ||
		    attr_is(n, "property", "og:locale:alternate") ||
		    attr_is(n, "property", "og:url") || attr_is(n, "name", "robots");
	return 0;
}

static void
strip_head(xmlNodePtr head)
{
	for (xmlNodePtr n = head->children, next; n != NULL; n = next) {
		next = n->next;
		if (!owned_head_element(n))
			continue;
		/* The line break before it goes too. */
		if (is_blank(n->prev)) {
			xmlNodePtr ws = n->prev;
			xmlUnlinkNode(ws);
			xmlFreeNode(ws);
		}
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
}

struct head_pos {
	xmlNodePtr head, last;
};

static xmlNodePtr
head_add(struct head_pos *hp, const char *name)
{
	xmlNodePtr ws = xmlNewDocText(hp->head->doc, (const xmlChar *)"\n  ");
	xmlNodePtr el = xmlNewDocNode(hp->head->doc, hp->head->ns, (const xmlChar *)name, NULL);

	if (hp->last == NULL) {
		xmlAddChild(hp->head, ws);
	} else {
		xmlAddNextSibling(hp->last, ws);
	}
	xmlAddNextSibling(ws, el);
	hp->last = el;
	return el;
}

static void
write_head(const struct site *s, size_t page, size_t li, xmlNodePtr head)
{
	struct head_pos hp = { head, NULL };
	int indexed = site_indexed(s, page, li);
	size_t src = site_source(s);
	xmlNodePtr el;

	strip_head(head);
	for (xmlNodePtr n = head->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			hp.last = n;
	if (indexed) {
		char *self = site_url(s, page, li);
		el = head_add(&hp, "link");
		set(el, "rel", "canonical");
		set(el, "href", self);
		for (size_t lj = 0; lj < s->langs.n; lj++) {
			if (!site_indexed(s, page, lj))
				continue;
			char *u = site_url(s, page, lj);
			el = head_add(&hp, "link");
			set(el, "rel", "alternate");
			set(el, "hreflang", s->langs.v[lj].tag);
			set(el, "href", u);
			free(u);
		}
		if (site_indexed(s, page, src)) {
			char *u = site_url(s, page, src);
			el = head_add(&hp, "link");
			set(el, "rel", "alternate");
			set(el, "hreflang", "x-default");
			set(el, "href", u);
			free(u);
		}
		el = head_add(&hp, "meta");
		set(el, "property", "og:url");
		set(el, "content", self);
		free(self);
	}
	el = head_add(&hp, "meta");
	set(el, "property", "og:locale");
	set(el, "content", s->langs.v[li].og);
	for (size_t lj = 0; indexed && lj < s->langs.n; lj++) {
		if (lj == li || !site_indexed(s, page, lj))
			continue;
		el = head_add(&hp, "meta");
		set(el, "property", "og:locale:alternate");
		set(el, "content", s->langs.v[lj].og);
	}
	if (!indexed) {
		el = head_add(&hp, "meta");
		set(el, "name", "robots");
		set(el, "content", "noindex");
	}
}

/* ---- The language switcher ------------------------------------------ */

/* "../" as many times as PATH is deep below its language's folder, plus
 * one: the way from a page to the root of the site. */
static char *
up_to_root(const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "../");
	for (const char *p = path; *p; p++)
		if (*p == '/')
			strbuf_puts(&sb, "../");
	return strbuf_detach(&sb);
}

static void
write_switcher(const struct site *s, size_t page, size_t li, xmlNodePtr body)
{
	xmlNodePtr nav = site_find(body, "nav", "languages");
	char *up = up_to_root(s->pages[page].path);

	if (nav != NULL) {
		while (nav->children != NULL) {
			xmlNodePtr k = nav->children;
			xmlUnlinkNode(k);
			xmlFreeNode(k);
		}
	} else {
		/* No place prepared by the content: after the header's own
		 * content, or first in the body. */
		xmlNodePtr header = site_find(body->children, "header", NULL);
		nav = xmlNewDocNode(body->doc, body->ns, (const xmlChar *)"nav", NULL);
		set(nav, "class", "languages");
		set(nav, "aria-label", "Languages");
		if (header != NULL) {
			xmlNodePtr last = header->last;
			xmlNodePtr ws = xmlNewDocText(body->doc, (const xmlChar *)"\n    ");
			if (is_blank(last)) {
				/* Text nodes next to each other merge: nav first. */
				xmlAddPrevSibling(last, nav);
				xmlAddPrevSibling(nav, ws);
			} else {
				xmlAddChild(header, ws);
				xmlAddChild(header, nav);
			}
		} else if (body->children != NULL) {
			xmlAddPrevSibling(body->children, nav);
		} else {
			xmlAddChild(body, nav);
		}
	}
	xmlNodePtr ul = new_el(nav, "ul");
	for (size_t lj = 0; lj < s->langs.n; lj++) {
		if (lj != li && !site_published(s, page, lj))
			continue;
		if (lj == li && s->langs.v[li].pseudo)
			continue;
		const struct langtab_entry *e = &s->langs.v[lj];
		xmlNodePtr a = new_el(new_el(ul, "li"), "a");
		char *href = lj == li ? xstrdup(strrchr(s->pages[page].path, '/') ?
		    strrchr(s->pages[page].path, '/') + 1 : s->pages[page].path)
		    : xasprintf("%s%s/%s", up, e->tag, s->pages[page].path);
		set(a, "href", href);
		set(a, "hreflang", e->tag);
		set(a, "lang", e->tag);
		set(a, "dir", e->rtl ? "rtl" : "ltr");
		if (lj == li)
			set(a, "aria-current", "page");
		add_text(a, e->native);
		free(href);
	}
	free(up);
}

/* ---- Links to pages held back ---------------------------------------- */

/* Is REL (relative to a language's folder) there in language LI?  A PDF
 * counts when its XSL-FO is, which `make pdf` renders next to it. */
static int
target_built(const struct site *s, size_t li, const char *rel)
{
	size_t page = site_find_page(s, rel);

	if (page != (size_t)-1)
		return site_on_disk(s, page, li);

	char *path = xasprintf("%s/%s/%s", s->opt.root, s->langs.v[li].tag, rel);
	size_t len = strlen(path);
	int r = file_exists(path);

	if (!r && len > 4 && strcmp(path + len - 4, ".pdf") == 0) {
		strcpy(path + len - 4, ".fo");
		r = file_exists(path);
	}
	free(path);
	return r;
}

/* A link to a page (or document) of the site that is not published in
 * this language -- held back by the threshold -- leads to the source
 * language's version instead, marked with its hreflang: never to a
 * missing file. */
static void
relink_held_back(const struct site *s, size_t page, size_t li, xmlNodePtr n,
    const char *up)
{
	static const char fake[] = "file:///l10n-lang/";
	size_t src = site_source(s);

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *v = is_el(n, "a") ? xmlGetNoNsProp(n, (const xmlChar *)"href") : NULL;
		char *base = v ? xasprintf("%s%s", fake, s->pages[page].path) : NULL;
		xmlChar *abs = v ? xmlBuildURI(v, (const xmlChar *)base) : NULL;
		if (abs != NULL && v[0] != '#' && li != src &&
		    strncmp((const char *)abs, fake, sizeof fake - 1) == 0) {
			const char *rel = (const char *)abs + sizeof fake - 1;
			char *target = xstrndup(rel, strcspn(rel, "?#"));
			if (target[0] != '\0' && !target_built(s, li, target) &&
			    target_built(s, src, target)) {
				char *href = xasprintf("%s%s/%s", up, s->langs.v[src].tag, rel);
				set(n, "href", href);
				set(n, "hreflang", s->langs.v[src].tag);
				free(href);
			}
			free(target);
		}
		/* Relinked by an earlier run, and there in this language now:
		 * back to this language's copy. */
		size_t ul = strlen(up), tl = strlen(s->langs.v[src].tag);
		if (v != NULL && li != src && attr_is(n, "hreflang", s->langs.v[src].tag) &&
		    strncmp((const char *)v, up, ul) == 0 &&
		    strncmp((const char *)v + ul, s->langs.v[src].tag, tl) == 0 &&
		    v[ul + tl] == '/') {
			const char *rel = (const char *)v + ul + tl + 1;
			char *target = xstrndup(rel, strcspn(rel, "?#"));
			if (target_built(s, li, target)) {
				/* From the page's folder back to the language's. */
				char *href = xasprintf("%.*s%s", (int)(ul - 3), up, rel);
				set(n, "href", href);
				xmlUnsetProp(n, (const xmlChar *)"hreflang");
				free(href);
			}
			free(target);
		}
		xmlFree(abs);
		free(base);
		xmlFree(v);
		relink_held_back(s, page, li, n->children, up);
	}
}

/* ---- The not-found page --------------------------------------------- */

/* A not-found page is served at any URL: every relative reference becomes
 * absolute, resolved against the page's own URL. */
static void
absolutise(xmlNodePtr n, const char *page_url)
{
	static const char *const attrs[] = { "href", "src", "poster", "action" };

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++) {
			xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attrs[i]);
			if (v == NULL)
				continue;
			xmlChar *abs = xmlBuildURI(v, (const xmlChar *)page_url);
			if (abs != NULL && !xmlStrEqual(abs, v))
				xmlSetProp(n, (const xmlChar *)attrs[i], abs);
			xmlFree(abs);
			xmlFree(v);
		}
		absolutise(n->children, page_url);
	}
}

/* ---- Pages ---------------------------------------------------------- */

static int
publish_page(const struct site *s, struct diag *d, size_t page, size_t li)
{
	char *path = site_file(s, page, li);
	xmlDocPtr doc = xmlio_read(d, path, XMLIO_HTML);
	xmlNodePtr root, head, body;
	int r = 0;

	if (doc == NULL) {
		free(path);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	head = site_find(root, "head", NULL);
	body = site_find(root, "body", NULL);
	if (head == NULL || body == NULL) {
		diag(d, DIAG_PUBLISH_NOT_PAGE, path, 0, 0);
		r = -1;
	} else {
		char *up = up_to_root(s->pages[page].path);
		write_head(s, page, li, head);
		relink_held_back(s, page, li, body, up);
		write_switcher(s, page, li, body);
		free(up);
		if (site_is_not_found(s, page)) {
			char *u = site_url(s, page, li);
			absolutise(root, u);
			free(u);
		}
		if (xmlio_write_file(d, doc, path) < 0)
			r = -1;
	}
	xmlFreeDoc(doc);
	free(path);
	return r;
}

/* ---- sitemap.xml ---------------------------------------------------- */

struct sm_entry {
	size_t page, li;
};

static xmlDocPtr
new_xml(const char *root_name, xmlNodePtr *root)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNsPtr ns;

	*root = xmlNewDocNode(doc, NULL, (const xmlChar *)root_name, NULL);
	ns = xmlNewNs(*root, (const xmlChar *)SITEMAP_NS, NULL);
	xmlSetNs(*root, ns);
	xmlDocSetRootElement(doc, *root);
	return doc;
}

static void
xml_child_text(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr el = xmlNewChild(parent, parent->ns, (const xmlChar *)name, NULL);

	add_text(el, text);
}

static int
write_xml(struct diag *d, xmlDocPtr doc, const char *path)
{
	return xmlio_write_file(d, doc, path) < 0 ? -1 : 0;
}

/* One <urlset> of the entries V[0..N). */
static int
write_urlset(const struct site *s, struct diag *d, const struct sm_entry *v,
    size_t n, const char *path)
{
	xmlNodePtr root;
	xmlDocPtr doc = new_xml("urlset", &root);
	xmlNsPtr xh = xmlNewNs(root, (const xmlChar *)XHTML_NS, (const xmlChar *)"xhtml");
	size_t src = site_source(s);
	int r;

	add_text(root, "\n");
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr url = xmlNewChild(root, root->ns, (const xmlChar *)"url", NULL);
		char *loc = site_url(s, v[i].page, v[i].li);
		xml_child_text(url, "loc", loc);
		free(loc);
		for (size_t lj = 0; lj <= s->langs.n; lj++) {
			size_t l = lj < s->langs.n ? lj : src;
			if (!site_indexed(s, v[i].page, l))
				continue;
			xmlNodePtr link = xmlNewChild(url, xh, (const xmlChar *)"link", NULL);
			char *u = site_url(s, v[i].page, l);
			set(link, "rel", "alternate");
			set(link, "hreflang", lj < s->langs.n ? s->langs.v[l].tag : "x-default");
			set(link, "href", u);
			free(u);
		}
		add_text(root, "\n");
	}
	r = write_xml(d, doc, path);
	xmlFreeDoc(doc);
	return r;
}

static int
write_sitemaps(const struct site *s, struct diag *d)
{
	struct sm_entry *v = NULL;
	size_t n = 0, cap = 0, limit = s->opt.sitemap_limit ? s->opt.sitemap_limit : 50000;
	size_t nfiles = 0;
	char *path = xasprintf("%s/sitemap.xml", s->opt.root);
	int r = 0;

	for (size_t p = 0; p < s->npages; p++)
		for (size_t li = 0; li < s->langs.n; li++)
			if (site_indexed(s, p, li)) {
				v = xgrow(v, &cap, n + 1, sizeof *v);
				v[n].page = p;
				v[n++].li = li;
			}
	if (n <= limit) {
		r = write_urlset(s, d, v, n, path);
	} else {
		/* The protocol's limit per file: an index of numbered files. */
		xmlNodePtr root;
		xmlDocPtr idx = new_xml("sitemapindex", &root);
		add_text(root, "\n");
		for (size_t i = 0; i < n; i += limit, nfiles++) {
			char *name = xasprintf("sitemap-%zu.xml", nfiles + 1);
			char *file = xasprintf("%s/%s", s->opt.root, name);
			char *url = site_root_url(s, name);
			if (write_urlset(s, d, v + i, n - i < limit ? n - i : limit, file) < 0)
				r = -1;
			xmlNodePtr sm = xmlNewChild(root, root->ns, (const xmlChar *)"sitemap", NULL);
			xml_child_text(sm, "loc", url);
			add_text(root, "\n");
			free(name);
			free(file);
			free(url);
		}
		if (write_xml(d, idx, path) < 0)
			r = -1;
		xmlFreeDoc(idx);
	}
	/* Numbered files of an earlier, larger site must not stay behind. */
	for (size_t k = nfiles + 1;; k++) {
		char *file = xasprintf("%s/sitemap-%zu.xml", s->opt.root, k);
		int gone = unlink(file) < 0 && errno == ENOENT;
		free(file);
		if (gone)
			break;
	}
	free(v);
	free(path);
	return r;
}

static int
write_robots(const struct site *s, struct diag *d)
{
	char *path = xasprintf("%s/robots.txt", s->opt.root);
	char *sm = site_root_url(s, "sitemap.xml");
	char *text = xasprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", sm);
	int r = write_file_if_changed(d, path, text, strlen(text)) < 0 ? -1 : 0;

	free(text);
	free(sm);
	free(path);
	return r;
}

/* ---- The root index.html -------------------------------------------- */

/* Choose the reader's language: the first of navigator.languages whose
 * language and script (after likely subtags, so zh-TW finds zh-Hant) match
 * a published language, then language alone; else the source language.
 * Without JavaScript the list of links is the page. */
static const char choose_js[] =
    "\n(function () {\n"
    "  var links = document.querySelectorAll('ul.languages a[hreflang]');\n"
    "  var prefs = navigator.languages || [navigator.language || ''];\n"
    "  function max(tag) {\n"
    "    try { return new Intl.Locale(tag).maximize(); } catch (e) { return null; }\n"
    "  }\n"
    "  function pick(strict) {\n"
    "    for (var i = 0; i < prefs.length; i++) {\n"
    "      var p = max(prefs[i]);\n"
    "      if (!p) continue;\n"
    "      for (var j = 0; j < links.length; j++) {\n"
    "        var l = max(links[j].getAttribute('hreflang'));\n"
    "        if (l && l.language === p.language && (!strict || l.script === p.script))\n"
    "          return links[j];\n"
    "      }\n"
    "    }\n"
    "    return null;\n"
    "  }\n"
    "  var a = pick(true) || pick(false) || document.querySelector('ul.languages a[data-default]');\n"
    "  if (a) location.replace(a.href);\n"
    "})();\n";

static const char skeleton[] =
    "<!DOCTYPE html>\n<html>\n<head>\n  <meta charset=\"utf-8\"/>\n"
    "  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
    "  <title></title>\n</head>\n<body>\n</body>\n</html>\n";

xmlDocPtr
site_skeleton(struct diag *d, const char *lang, int rtl, const char *title)
{
	xmlDocPtr doc = xmlio_read_memory(d, skeleton, sizeof skeleton - 1,
	    "(page skeleton)", XMLIO_HTML);
	xmlNodePtr root = xmlDocGetRootElement(doc);

	set(root, "lang", lang);
	set(root, "dir", rtl ? "rtl" : "ltr");
	add_text(site_find(root, "title", NULL), title);
	return doc;
}

/* The <title> of a built page, or NULL. */
static char *
page_title(struct diag *d, const char *path)
{
	struct diag quiet = *d;
	xmlDocPtr doc;
	xmlNodePtr t;
	char *r = NULL;

	quiet.out = NULL;
	doc = xmlio_read(&quiet, path, XMLIO_HTML);
	if (doc == NULL)
		return NULL;
	t = site_find(xmlDocGetRootElement(doc), "title", NULL);
	if (t != NULL) {
		xmlChar *c = xmlNodeGetContent(t);
		struct strbuf sb = STRBUF_INIT;
		strbuf_puts(&sb, (const char *)c);
		strbuf_normalize_space(&sb);
		r = strbuf_detach(&sb);
		xmlFree(c);
	}
	xmlFreeDoc(doc);
	return r;
}

static int
write_root_index(const struct site *s, struct diag *d)
{
	size_t src = site_source(s), home = (size_t)-1;
	const struct langtab_entry *se = &s->langs.v[src];
	char *path = xasprintf("%s/index.html", s->opt.root);
	char *title = NULL;
	xmlDocPtr doc;
	xmlNodePtr root, head, body, main, ul, el;
	int r = 0;

	for (size_t p = 0; p < s->npages; p++)
		if (strcmp(s->pages[p].path, "index.html") == 0)
			home = p;
	if (home != (size_t)-1) {
		char *f = site_file(s, home, src);
		title = page_title(d, f);
		free(f);
	}
	doc = site_skeleton(d, se->tag, se->rtl, title ? title : se->native);
	root = xmlDocGetRootElement(doc);
	head = site_find(root, "head", NULL);
	body = site_find(root, "body", NULL);
	el = new_el(head, "meta");
	set(el, "name", "robots");
	set(el, "content", "noindex, follow");
	el = new_el(head, "link");
	set(el, "rel", "stylesheet");
	set(el, "href", "assets/style.css");
	main = new_el(body, "main");
	el = new_el(main, "h1");
	add_text(el, title ? title : se->native);
	ul = new_el(main, "ul");
	set(ul, "class", "languages");
	for (size_t li = 0; home != (size_t)-1 && li < s->langs.n; li++) {
		if (!site_published(s, home, li))
			continue;
		const struct langtab_entry *e = &s->langs.v[li];
		char *href = xasprintf("%s/index.html", e->tag);
		char *f = site_file(s, home, li);
		char *t = page_title(d, f);
		xmlNodePtr a = new_el(new_el(ul, "li"), "a");
		set(a, "href", href);
		set(a, "hreflang", e->tag);
		set(a, "lang", e->tag);
		set(a, "dir", e->rtl ? "rtl" : "ltr");
		if (e->source)
			set(a, "data-default", "");
		xmlNodePtr strong = new_el(a, "strong");
		add_text(strong, e->native);
		if (t != NULL) {
			add_text(a, " — ");
			add_text(a, t);
		}
		free(t);
		free(f);
		free(href);
	}
	el = new_el(body, "script");
	add_text(el, choose_js);
	if (xmlio_write_file(d, doc, path) < 0)
		r = -1;
	xmlFreeDoc(doc);
	free(title);
	free(path);
	return r;
}

/* The written pages, in the order they are rewritten, as
 * page * languages + language; newly allocated, *N of them. */
static size_t *
written_pages(const struct site *s, size_t *n)
{
	size_t *v = xcalloc(s->npages * s->langs.n + 1, sizeof *v);

	*n = 0;
	for (size_t p = 0; p < s->npages; p++)
		for (size_t li = 0; li < s->langs.n; li++)
			if (site_written(s, p, li))
				v[(*n)++] = p * s->langs.n + li;
	return v;
}

/* ---- The pages, shared between two processes ----------------------- */

enum { TAKEN_HERE = 1, TAKEN_CHILD };

/* SHARE with no child yet: every written page is this process's. */
static void
share_init(const struct site *s, struct site_share *share)
{
	memset(share, 0, sizeof *share);
	share->pages = written_pages(s, &share->npages);
}

static void
share_release(struct site_share *share)
{
	if (share->err != NULL)
		fclose(share->err);
	if (share->own != NULL)
		fclose(share->own);
	workq_free(share->queue);
	free(share->pages);
	memset(share, 0, sizeof *share);
}

/* The next place in SHARE's list for WHO (TAKEN_*), or (size_t)-1. */
static size_t
take(struct site_share *share, unsigned char who)
{
	if (share->queue != NULL)
		return workq_take(share->queue, who);
	return share->next < share->npages ? share->next++ : (size_t)-1;
}

/* Rewrite the page at place K of SHARE's list.  With a file of records
 * REC, its diagnostics go there as "K LENGTH\n" and the text, to be
 * reported in the list's order by report_in_order(). */
static int
publish_place(const struct site *s, struct diag *d, const struct site_share *share,
    size_t k, FILE *rec)
{
	size_t page = share->pages[k] / s->langs.n, li = share->pages[k] % s->langs.n;
	char *text = NULL;
	size_t len = 0;
	FILE *out = d->out;
	int r;

	if (rec == NULL || out == NULL || (d->out = open_memstream(&text, &len)) == NULL) {
		d->out = out;
		return publish_page(s, d, page, li);
	}
	r = publish_page(s, d, page, li);
	fclose(d->out);
	d->out = out;
	if (len > 0) {
		fprintf(rec, "%zu %zu\n", k, len);
		fwrite(text, 1, len, rec);
	}
	free(text);
	return r;
}

/* Rewrite pages of SHARE's list, taking them one by one, as WHO. */
static int
publish_pages(const struct site *s, struct diag *d, struct site_share *share,
    unsigned char who, FILE *rec)
{
	int r = 0;

	for (size_t k; (k = take(share, who)) != (size_t)-1; )
		if (publish_place(s, d, share, k, rec) < 0)
			r = -1;
	return r;
}

void
site_share_start(struct site *s, struct diag *d, struct site_share *share)
{
	int fd, own;

	share_init(s, share);
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2 || share->npages < 2)
		return;
	if ((share->queue = workq_new(share->npages)) == NULL)
		return;
	fd = memfd_create("l10n-publish", MFD_CLOEXEC);
	own = memfd_create("l10n-publish-own", MFD_CLOEXEC);
	if (fd >= 0)
		share->err = fdopen(fd, "w+");
	if (own >= 0)
		share->own = fdopen(own, "w+");
	if (share->err == NULL || share->own == NULL) {
		if (share->err == NULL && fd >= 0)
			close(fd);
		if (share->own == NULL && own >= 0)
			close(own);
		share_release(share);
		share_init(s, share);
		return;
	}
	fflush(NULL);
	share->pid = fork();
	if (share->pid == 0) {
		struct diag cd = *d;
		int r = publish_pages(s, &cd, share, TAKEN_CHILD, share->err);
		fflush(share->err);
		_exit(diag_exit_status(&cd) == 2 ? 2 : r < 0 || diag_errors(&cd) > diag_errors(d) ? 1 : 0);
	}
	if (share->pid < 0) {
		share->pid = 0;
		/* Nobody took anything: this process takes every page. */
		share_release(share);
		share_init(s, share);
	}
}

struct record {
	size_t place;
	const char *text;
	size_t len;
};

static int
cmp_record(const void *a, const void *b)
{
	const struct record *x = a, *y = b;

	return x->place < y->place ? -1 : x->place > y->place;
}

/* Add the records of SB (publish_place()'s format) to *V. */
static void
parse_records(const struct strbuf *sb, struct record **v, size_t *n, size_t *cap)
{
	if (sb->len == 0)
		return;
	const char *p = sb->buf, *end = sb->buf + sb->len;

	while (p < end) {
		char *nl;
		size_t place = strtoul(p, &nl, 10), len = strtoul(nl, &nl, 10);
		if (*nl != '\n' || len > (size_t)(end - nl - 1))
			break;
		*v = xgrow(*v, cap, *n + 1, sizeof **v);
		(*v)[(*n)++] = (struct record){ place, nl + 1, len };
		p = nl + 1 + len;
	}
}

/* Report the diagnostics of the files OWN and ERR (ERR may be NULL) in
 * the list's order. */
static void
report_in_order(struct diag *d, FILE *own, FILE *err)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct record *v = NULL;
	size_t n = 0, cap = 0;

	fflush(own);
	if (read_fd_all(fileno(own), &a) == 0)
		parse_records(&a, &v, &n, &cap);
	if (err != NULL && read_fd_all(fileno(err), &b) == 0)
		parse_records(&b, &v, &n, &cap);
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_record);
	for (size_t i = 0; i < n && d->out != NULL; i++)
		fwrite(v[i].text, 1, v[i].len, d->out);
	free(v);
	strbuf_release(&a);
	strbuf_release(&b);
}

/* Rewrite the pages of SHARE not yet taken, wait for its child and
 * report what both said; the pages the child took are rewritten here
 * again when it did not finish normally.  Returns 0, or -1. */
static int
share_pages(const struct site *s, struct diag *d, struct site_share *share)
{
	int r = publish_pages(s, d, share, TAKEN_HERE, share->own);
	int status = spawn_wait(share->pid, NULL);

	if (status >= 0) {
		report_in_order(d, share->own, share->err);
		if (status == 2)
			d->count[DIAG_LEVEL_FATAL]++;
		else if (status != 0)
			d->count[DIAG_LEVEL_ERROR]++;
		if (status != 0)
			r = -1;
	} else {
		for (size_t k = 0; k < share->npages; k++)
			if (workq_taker(share->queue, k) == TAKEN_CHILD &&
			    publish_place(s, d, share, k, share->own) < 0)
				r = -1;
		report_in_order(d, share->own, NULL);
	}
	return r;
}

int
site_write(struct site *s, struct diag *d, struct site_share *share)
{
	struct site_share own;
	int r = 0;

	if (share == NULL) {
		share_init(s, &own);
		share = &own;
	}
	if (share->pid > 0) {
		if (share_pages(s, d, share) < 0)
			r = -1;
	} else if (publish_pages(s, d, share, TAKEN_HERE, NULL) < 0) {
		r = -1;
	}
	share_release(share);
	if (write_sitemaps(s, d) < 0)
		r = -1;
	if (write_robots(s, d) < 0)
		r = -1;
	if (write_root_index(s, d) < 0)
		r = -1;
	return r;
}
