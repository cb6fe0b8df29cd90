/* xmlio.c - safe parsing of every XML and HTML input, and serialisation. */
#include "xmlio.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/SAX2.h>
#include <libxml/catalog.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxslt/documents.h>
#include <libxslt/xsltInternals.h>

#include "fsutil.h"
#include "xalloc.h"

/* Entity content may expand to at most this multiple of the input size
 * (plus AMPLIFICATION_SLACK bytes) before the input is refused. */
#define AMPLIFICATION_FACTOR 10
#define AMPLIFICATION_SLACK (1u << 20)

/* Attributes one element may have.  libxml2 2.9.14 checks every new
 * attribute of a start tag against all earlier ones (and its tree code
 * walks the attribute list to append), so n attributes cost n^2: 120,000
 * took 50 s.  See feed() for how the bound is enforced. */
#define MAX_ATTRIBUTES 1000

/* Bytes handed to the parser per read: the attribute bound is checked at
 * every read, so at most this much more input is parsed past it. */
#define FEED_CHUNK 4096

/* Parse state shared with libxml2's callbacks through ctxt->_private. */
struct parse_state {
	struct diag *d;
	const char *path;
	int html;
	int fatal;		/* the input must not be used */
	int denied;		/* an external resource was refused */
	int stopped;		/* a limit was hit: later parser errors are noise */
	unsigned nerrors;
	/* XML only: an element in the XInclude namespace was seen, and the
	 * line of the first (0: not known). */
	int xinclude;
	unsigned long xinclude_line;
};

/* The input, handed to the parser in chunks by feed(). */
struct feeder {
	const char *buf;
	size_t len, pos;
	xmlParserCtxtPtr ctxt;
	struct parse_state *ps;
};

enum xmlio_kind
xmlio_kind_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot != NULL && (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0))
		return XMLIO_HTML;
	return XMLIO_XML;
}

/* Only files the system catalog maps into the system's XML folders may be
 * loaded (DTDs and entity sets of installed schemas). */
static int
allowed_system_uri(const char *uri)
{
	static const char *const prefixes[] = {
		"file:///usr/share/xml/", "/usr/share/xml/",
		"file:///usr/share/sgml/", "/usr/share/sgml/",
	};

	if (uri == NULL || strstr(uri, "/../") != NULL)
		return 0;
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
		if (strncmp(uri, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

static xmlParserInputPtr
entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	struct parse_state *ps = ctxt ? ctxt->_private : NULL;
	xmlChar *resolved = NULL;
	xmlParserInputPtr in = NULL;

	if (id != NULL || url != NULL)
		resolved = xmlCatalogResolve((const xmlChar *)id, (const xmlChar *)url);
	if (resolved == NULL && url != NULL)
		resolved = xmlCatalogResolveURI((const xmlChar *)url);
	if (resolved != NULL && allowed_system_uri((const char *)resolved))
		in = xmlNewInputFromFile(ctxt, (const char *)resolved);
	if (in == NULL && ps != NULL) {
		ps->denied = 1;
		ps->fatal = 1;
		diag(ps->d, DIAG_XML_ENTITY_DENIED, ps->path,
		    ctxt && ctxt->input ? (unsigned long)ctxt->input->line : 0, 0,
		    url ? url : id ? id : "?");
	}
	xmlFree(resolved);
	return in;
}

void
xmlio_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(entity_loader);
}

static void
structured_error(void *data, xmlErrorPtr err)
{
	struct parse_state *ps = data;
	char msg[512];
	size_t n;

	if (ps == NULL || err == NULL)
		return;
	/* HTML5 elements unknown to libxml2's HTML 4 parser are not errors,
	 * nor is "</" inside a script (HTML5 ends it only at </script>). */
	if (ps->html && (err->code == XML_HTML_UNKNOWN_TAG ||
	    (err->code == XML_ERR_TAG_NAME_MISMATCH && err->message != NULL &&
	    strstr(err->message, "embeds close tag") != NULL)))
		return;
	if (ps->stopped) {
		ps->fatal = 1;
		return;
	}
	/* Both parsers stop at depth 256 (xmlParserMaxDepth) without
	 * XML_PARSE_HUGE; the HTML parser then silently drops what is below
	 * and returns a document.  That input is refused, never truncated. */
	if (err->code == XML_ERR_INTERNAL_ERROR && err->message != NULL &&
	    strstr(err->message, "xcessive depth") != NULL) {
		ps->nerrors++;
		ps->fatal = ps->stopped = 1;
		diag(ps->d, DIAG_XML_TOO_DEEP, ps->path, (unsigned long)err->line,
		    (unsigned long)err->int2, err->int1 > 0 ? err->int1 : (int)xmlParserMaxDepth);
		return;
	}
	snprintf(msg, sizeof msg, "%s", err->message ? err->message : "parse error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (msg[0] >= 'A' && msg[0] <= 'Z' && (msg[1] < 'A' || msg[1] > 'Z'))
		msg[0] = (char)(msg[0] - 'A' + 'a');
	if (err->level == XML_ERR_WARNING) {
		diag(ps->d, DIAG_XML_WARNING, ps->path, (unsigned long)err->line,
		    (unsigned long)err->int2, msg);
		return;
	}
	ps->nerrors++;
	/* The HTML parser recovers from most errors, but drops content below
	 * its depth limit and on internal errors: that input is unusable. */
	if (!ps->html || err->level == XML_ERR_FATAL ||
	    err->code == XML_ERR_INTERNAL_ERROR || err->code == XML_ERR_NO_MEMORY)
		ps->fatal = 1;
	diag(ps->d, ps->fatal ? DIAG_XML_PARSE : DIAG_XML_WARNING, ps->path,
	    (unsigned long)err->line, (unsigned long)err->int2, msg);
}

/* Total size of the text an entity expands to, following nested
 * references; memoised in the entity's (otherwise unused) URI-less
 * "checked" style through a small table. */
struct ent_size {
	xmlEntityPtr ent;
	size_t size;
};

struct ent_table {
	struct ent_size *v;
	size_t n, cap;
};

static size_t node_text_size(struct ent_table *t, xmlNodePtr n, int depth);

static size_t
entity_size(struct ent_table *t, xmlEntityPtr ent, int depth)
{
	size_t s;

	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].ent == ent)
			return t->v[i].size;
	if (depth > 40)
		return (size_t)-1 / 4;
	s = ent->children ? node_text_size(t, ent->children, depth + 1)
	    : (ent->content ? strlen((const char *)ent->content) : 0);
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n].ent = ent;
	t->v[t->n].size = s;
	t->n++;
	return s;
}

/* Size of the text below N and its following siblings. */
static size_t
node_text_size(struct ent_table *t, xmlNodePtr n, int depth)
{
	size_t s = 0;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_ENTITY_REF_NODE) {
			xmlEntityPtr ent = (xmlEntityPtr)n->children;
			if (ent == NULL)
				ent = xmlGetDocEntity(n->doc, n->name);
			if (ent != NULL)
				s += entity_size(t, ent, depth);
		} else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			s += n->content ? strlen((const char *)n->content) : 0;
		} else if (n->type == XML_ELEMENT_NODE) {
			s += node_text_size(t, n->children, depth);
			for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
				s += node_text_size(t, a->children, depth);
		}
		if (s > ((size_t)1 << 40))
			break;
	}
	return s;
}

/* Refuse documents that declare external entities, and documents whose
 * entities expand out of proportion to their size ("billion laughs" and
 * quadratic blow-up), before anything reads their content. */
static int
check_entities(struct parse_state *ps, xmlDocPtr doc, size_t inlen)
{
	struct ent_table t = { NULL, 0, 0 };
	xmlDtdPtr dtds[2] = { doc->intSubset, doc->extSubset };
	size_t total, limit;
	int ok = 1, decls = 0;

	for (int i = 0; i < 2 && ok; i++) {
		if (dtds[i] == NULL)
			continue;
		for (xmlNodePtr n = dtds[i]->children; n != NULL; n = n->next) {
			if (n->type == XML_ATTRIBUTE_DECL || n->type == XML_ENTITY_DECL)
				decls = 1;
			if (n->type != XML_ENTITY_DECL)
				continue;
			xmlEntityPtr ent = (xmlEntityPtr)n;
			if (ent->etype == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
			    ent->etype == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY ||
			    ent->etype == XML_EXTERNAL_PARAMETER_ENTITY) {
				if (i == 1 && allowed_system_uri((const char *)ent->URI))
					continue;
				diag(ps->d, DIAG_XML_ENTITY_DENIED, ps->path,
				    (unsigned long)n->line, 0,
				    ent->SystemID ? (const char *)ent->SystemID
				    : (const char *)ent->name);
				ok = 0;
				break;
			}
		}
	}
	if (ok && doc->intSubset != NULL && doc->intSubset->SystemID != NULL &&
	    doc->extSubset == NULL && !ps->html) {
		xmlChar *r = xmlCatalogResolve(doc->intSubset->ExternalID,
		    doc->intSubset->SystemID);
		if (r == NULL || !allowed_system_uri((const char *)r)) {
			diag(ps->d, DIAG_XML_ENTITY_DENIED, ps->path, 0, 0,
			    (const char *)doc->intSubset->SystemID);
			ok = 0;
		}
		xmlFree(r);
	}
	/* Without entities or attribute defaults declared, the text is
	 * no longer than the input (a character reference is longer than
	 * its character): the walk, 2% of a large report's extraction, is
	 * left out. */
	if (ok && decls) {
		total = node_text_size(&t, doc->children, 0);
		limit = inlen * AMPLIFICATION_FACTOR + AMPLIFICATION_SLACK;
		if (total > limit) {
			diag(ps->d, DIAG_XML_AMPLIFICATION, ps->path, 0, 0, total, inlen);
			ok = 0;
		}
	}
	free(t.v);
	return ok;
}

static void
set_xhtml_ns(xmlNodePtr n, xmlNsPtr ns)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns == NULL)
			n->ns = ns;
		set_xhtml_ns(n->children, ns);
	}
}

/*
 * The parser reads its input through this callback, FEED_CHUNK bytes at a
 * time, instead of from one memory block.  libxml2 asks for more input
 * while it parses a start tag (GROW in its attribute loop), so the
 * callback runs at least every FEED_CHUNK bytes of a long start tag.  The
 * parser keeps the attribute array of the largest start tag so far in
 * ctxt->atts, ctxt->maxatts (grown by doubling when full; 2 slots per
 * attribute in the HTML parser, 5 in the XML one): once it has grown past
 * room for 2 * MAX_ATTRIBUTES, some element has more than MAX_ATTRIBUTES
 * attributes, and the callback reports end of input.  The parser then
 * finishes on what it has (at most one more chunk), and the input is
 * refused.  Nothing here reads the markup itself: the count is libxml2's.
 */
static int
feed(void *data, char *out, int len)
{
	struct feeder *f = data;
	struct parse_state *ps = f->ps;
	int per_attr = ps->html ? 2 : 5;
	size_t n;

	if (ps->stopped)
		return 0;
	if (f->ctxt != NULL && f->ctxt->maxatts > per_attr * 2 * MAX_ATTRIBUTES) {
		ps->stopped = ps->fatal = 1;
		ps->nerrors++;
		diag(ps->d, DIAG_XML_TOO_MANY_ATTRIBUTES, ps->path,
		    f->ctxt->input ? (unsigned long)f->ctxt->input->line : 0, 0,
		    MAX_ATTRIBUTES);
		return 0;
	}
	if (len <= 0)
		return 0;
	n = f->len - f->pos;
	if (n > (size_t)len)
		n = (size_t)len;
	if (n > FEED_CHUNK)
		n = FEED_CHUNK;
	memcpy(out, f->buf + f->pos, n);
	f->pos += n;
	return (int)n;
}

static int
feed_close(void *data)
{
	(void)data;
	return 0;
}

/* The tree builder's start of an element, which first notes one in the
 * XInclude namespace (in the document or in an entity's text): no second
 * walk over the whole tree. */
static void
start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
    int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
    const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *ps = ctxt->_private;

	if (uri != NULL && !ps->xinclude &&
	    (xmlStrEqual(uri, (const xmlChar *)"http://www.w3.org/2001/XInclude") ||
	    xmlStrEqual(uri, (const xmlChar *)"http://www.w3.org/2003/XInclude"))) {
		/* In an entity's text (a context of its own, one level down)
		 * the line is the text's: the document's is not known, and the
		 * diagnostic gives none. */
		ps->xinclude = 1;
		ps->xinclude_line = ctxt->depth > 0 ? 0 : (unsigned long)xmlSAX2GetLineNumber(ctx);
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
	    nb_attributes, nb_defaulted, attributes);
}

int
xmlio_is_html(xmlDocPtr doc)
{
	return doc != NULL && doc->type == XML_HTML_DOCUMENT_NODE;
}

/* XML options beyond the safe defaults, for stylesheets. */
enum {
	READ_STYLESHEET = 1 << 0,
};

static xmlDocPtr read_memory(struct diag *d, const char *buf, size_t len,
    const char *path, enum xmlio_kind kind, xmlDictPtr dict, unsigned flags);

xmlDocPtr
xmlio_read_memory(struct diag *d, const char *buf, size_t len, const char *path,
    enum xmlio_kind kind)
{
	return read_memory(d, buf, len, path, kind, NULL, 0);
}

static xmlDocPtr
read_memory(struct diag *d, const char *buf, size_t len, const char *path,
    enum xmlio_kind kind, xmlDictPtr dict, unsigned flags)
{
	struct parse_state ps = { d, path, kind == XMLIO_HTML, 0, 0, 0, 0, 0, 0 };
	struct feeder f = { buf, len, 0, NULL, &ps };
	int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_DTDLOAD;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;

	if (len > (size_t)0x7fffffff) {
		diag(d, DIAG_TOO_BIG, NULL, 0, 0, path, (size_t)0x7fffffff);
		return NULL;
	}
	/* Compressed input is never expanded (libxml2's file readers would
	 * gunzip or unxz it: a 389 KB file took 7.8 GB); say so plainly. */
	if ((len >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b) ||
	    (len >= 6 && memcmp(buf, "\xfd" "7zXZ\0", 6) == 0)) {
		diag(d, DIAG_XML_COMPRESSED, path, 1, 0);
		return NULL;
	}
	xmlSetStructuredErrorFunc(&ps, structured_error);
	if (kind == XMLIO_HTML) {
		ctxt = htmlNewParserCtxt();
		if (ctxt == NULL) {
			xmlSetStructuredErrorFunc(NULL, NULL);
			return NULL;
		}
		ctxt->_private = &ps;
		f.ctxt = ctxt;
		/* RECOVER makes script and style content run to their own end
		 * tag, as in HTML5, instead of stopping at the first "</". */
		doc = htmlCtxtReadIO(ctxt, feed, feed_close, &f, path, "UTF-8",
		    HTML_PARSE_NONET | HTML_PARSE_RECOVER);
		htmlFreeParserCtxt(ctxt);
	} else {
		ctxt = xmlNewParserCtxt();
		if (ctxt == NULL) {
			xmlSetStructuredErrorFunc(NULL, NULL);
			return NULL;
		}
		ctxt->_private = &ps;
		f.ctxt = ctxt;
		if (dict != NULL) {
			/* Documents of a stylesheet share its dictionary. */
			xmlDictFree(ctxt->dict);
			ctxt->dict = dict;
			xmlDictReference(dict);
		}
		/* A stylesheet (ours or a publisher's: trusted, never a
		 * translation) gets what libxslt expects: internal entities
		 * substituted and CDATA as text.  External entities stay
		 * refused by the entity loader. */
		if (flags & READ_STYLESHEET)
			options |= XML_PARSE_NOENT | XML_PARSE_NOCDATA;
		ctxt->sax->startElementNs = start_element;
		doc = xmlCtxtReadIO(ctxt, feed, feed_close, &f, path, NULL, options);
		if (doc != NULL && !ctxt->wellFormed)
			ps.fatal = 1;
		xmlFreeParserCtxt(ctxt);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	/* XInclude is never processed (it reads local files even with
	 * NONET); a document that relies on it cannot be built faithfully. */
	if (doc != NULL && !ps.fatal && !ps.html && ps.xinclude) {
		diag(d, DIAG_XML_XINCLUDE, path, ps.xinclude_line, 0);
		ps.fatal = 1;
		ps.nerrors++;
	}
	if (doc == NULL || ps.fatal || xmlDocGetRootElement(doc) == NULL ||
	    !check_entities(&ps, doc, len)) {
		if (doc == NULL || xmlDocGetRootElement(doc) == NULL)
			if (!ps.nerrors && !ps.denied)
				diag(d, DIAG_XML_PARSE, path, 0, 0, "no document element");
		xmlFreeDoc(doc);
		return NULL;
	}
	if (kind == XMLIO_HTML) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		xmlNsPtr ns = xmlNewNs(root, (const xmlChar *)XHTML_NS, NULL);
		set_xhtml_ns(root, ns);
	}
	return doc;
}

xmlDocPtr
xmlio_read(struct diag *d, const char *path, enum xmlio_kind kind)
{
	struct strbuf sb = STRBUF_INIT;
	xmlDocPtr doc;

	if (read_file(d, path, fs_input_limit(), &sb) < 0) {
		strbuf_release(&sb);
		return NULL;
	}
	doc = xmlio_read_memory(d, sb.buf, sb.len, path, kind);
	strbuf_release(&sb);
	return doc;
}

xmlDocPtr
xmlio_read_stylesheet(struct diag *d, const char *path, void *dict)
{
	struct strbuf sb = STRBUF_INIT;
	xmlDocPtr doc;

	if (read_file(d, path, fs_input_limit(), &sb) < 0) {
		strbuf_release(&sb);
		return NULL;
	}
	doc = read_memory(d, sb.buf, sb.len, path, XMLIO_XML, dict, READ_STYLESHEET);
	strbuf_release(&sb);
	return doc;
}

/* libxslt's loader for xsl:import, xsl:include and document(): local
 * files only, read like every other input.  Its diagnostics go to
 * standard error; libxslt then reports the failed import itself. */
static xmlDocPtr
xslt_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	const char *path = (const char *)uri;
	struct diag d;

	(void)options;
	(void)ctxt;
	diag_init(&d);
	if (path == NULL)
		return NULL;
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	for (const char *p = path; *p && *p != '/'; p++) {
		if (*p == ':') {
			diag(&d, DIAG_XML_ENTITY_DENIED, NULL, 0, 0, (const char *)uri);
			return NULL;
		}
	}
	if (type == XSLT_LOAD_DOCUMENT)
		return xmlio_read(&d, path, XMLIO_XML);
	return xmlio_read_stylesheet(&d, path, dict);
}

void
xmlio_xslt_init(void)
{
	xsltSetLoaderFunc(xslt_loader);
}

/* Rewrite the placeholders <_:name-N/> of an HTML translation as elements
 * the HTML parser keeps (<l10n-ph data-ph="name-N"></l10n-ph>).  Only this
 * exact token is rewritten: a literal "<" in a translation's text is
 * always written "&lt;", so "<_:" can only start a placeholder. */
static void
html_placeholders_in(const char *s, size_t len, struct strbuf *out)
{
	size_t i = 0;

	while (i < len) {
		if (s[i] == '<' && i + 2 < len && s[i + 1] == '_' && s[i + 2] == ':') {
			size_t j = i + 3;
			while (j < len && (s[j] == '-' || s[j] == '.' || s[j] == '_' ||
			    (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
			    (s[j] >= '0' && s[j] <= '9')))
				j++;
			size_t k = j;
			while (k < len && s[k] == ' ')
				k++;
			if (j > i + 3 && k + 1 < len && s[k] == '/' && s[k + 1] == '>') {
				strbuf_puts(out, "<l10n-ph data-ph=\"");
				strbuf_add(out, s + i + 3, j - i - 3);
				strbuf_puts(out, "\"></l10n-ph>");
				i = k + 2;
				continue;
			}
		}
		strbuf_putc(out, s[i]);
		i++;
	}
}

static void
html_placeholders_out(xmlNodePtr n, xmlNsPtr phns)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, (const xmlChar *)"l10n-ph")) {
			xmlChar *name = xmlGetProp(n, (const xmlChar *)"data-ph");
			if (name != NULL && n->properties && !n->properties->next) {
				xmlNodeSetName(n, name);
				xmlFreePropList(n->properties);
				n->properties = NULL;
				n->ns = phns;
			}
			xmlFree(name);
		}
		html_placeholders_out(n->children, phns);
	}
}

struct frag_state {
	unsigned nerrors;
	char *why;
	size_t whylen;
};

static void
frag_error(void *data, xmlErrorPtr err)
{
	struct frag_state *fs = data;

	if (err == NULL || err->level == XML_ERR_WARNING)
		return;
	if (err->code == XML_HTML_UNKNOWN_TAG)
		return;
	/* A bare ampersand is text in HTML5 (13.1.4, "ambiguous ampersand"):
	 * "AT&T", "R & D" are not errors there. */
	if (err->domain == XML_FROM_HTML && (err->code == XML_ERR_ENTITYREF_SEMICOL_MISSING ||
	    err->code == XML_ERR_NAME_REQUIRED))
		return;
	if (fs->nerrors++ == 0) {
		snprintf(fs->why, fs->whylen, "%s", err->message ? err->message : "parse error");
		size_t n = strlen(fs->why);
		while (n > 0 && (fs->why[n - 1] == '\n' || fs->why[n - 1] == ' '))
			fs->why[--n] = '\0';
		if (fs->why[0] >= 'A' && fs->why[0] <= 'Z')
			fs->why[0] = (char)(fs->why[0] - 'A' + 'a');
	}
}

static void
add_ns_decls(struct strbuf *sb, xmlDocPtr doc, xmlNodePtr context)
{
	xmlNsPtr *list;

	if (context == NULL)
		return;
	list = xmlGetNsList(doc, context);
	for (size_t i = 0; list != NULL && list[i] != NULL; i++) {
		if (list[i]->prefix == NULL)
			strbuf_printf(sb, " xmlns=\"%s\"", (const char *)list[i]->href);
		else if (!xmlStrEqual(list[i]->prefix, (const xmlChar *)"xml") &&
		    !xmlStrEqual(list[i]->prefix, (const xmlChar *)"_"))
			strbuf_printf(sb, " xmlns:%s=\"%s\"",
			    (const char *)list[i]->prefix, (const char *)list[i]->href);
	}
	xmlFree(list);
}

/* One parser for every XML fragment of this thread: a new one per
 * message (xmlReadMemory) costs more than parsing a paragraph.
 * xmlCtxtReadMemory() resets it for each document; the documents share
 * its dictionary (each holds a reference). */
static xmlParserCtxtPtr
fragment_parser(void)
{
	static _Thread_local xmlParserCtxtPtr ctxt;

	if (ctxt == NULL)
		ctxt = xmlNewParserCtxt();
	return ctxt;
}

xmlDocPtr
xmlio_parse_fragment(const char *buf, size_t len, enum xmlio_kind kind,
    xmlNodePtr context, char *why, size_t whylen)
{
	struct frag_state fs = { 0, why, whylen };
	struct strbuf sb = STRBUF_INIT;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;

	why[0] = '\0';
	xmlSetStructuredErrorFunc(&fs, frag_error);
	if (kind == XMLIO_HTML) {
		strbuf_puts(&sb, "<div>");
		html_placeholders_in(buf, len, &sb);
		strbuf_puts(&sb, "</div>");
		doc = htmlReadMemory(sb.buf, (int)sb.len, "translation", "UTF-8",
		    HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	} else {
		xmlDocPtr cdoc = context ? context->doc : NULL;
		if (cdoc != NULL && cdoc->intSubset != NULL) {
			/* Declared internal entities may be used in translations. */
			xmlBufferPtr b = xmlBufferCreate();
			strbuf_printf(&sb, "<!DOCTYPE l10n-wrap [");
			for (xmlNodePtr n = cdoc->intSubset->children; n; n = n->next) {
				if (n->type != XML_ENTITY_DECL ||
				    ((xmlEntityPtr)n)->etype != XML_INTERNAL_GENERAL_ENTITY)
					continue;
				xmlBufferEmpty(b);
				xmlNodeDump(b, cdoc, n, 0, 0);
				strbuf_add(&sb, xmlBufferContent(b), (size_t)xmlBufferLength(b));
			}
			xmlBufferFree(b);
			strbuf_puts(&sb, "]>");
		}
		strbuf_puts(&sb, "<l10n-wrap xmlns:_=\"" PLACEHOLDER_NS "\"");
		add_ns_decls(&sb, cdoc, context);
		strbuf_putc(&sb, '>');
		strbuf_add(&sb, buf, len);
		strbuf_puts(&sb, "</l10n-wrap>");
		/* No encoding named: XML without a declaration is UTF-8
		 * (XML 1.0, 4.3.3), and libxml2 then reads it without a
		 * conversion step (a third faster on short messages). */
		xmlParserCtxtPtr ctxt = fragment_parser();
		doc = ctxt != NULL ? xmlCtxtReadMemory(ctxt, sb.buf, (int)sb.len, "translation",
		    NULL, XML_PARSE_NONET) : xmlReadMemory(sb.buf, (int)sb.len, "translation",
		    NULL, XML_PARSE_NONET);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	strbuf_release(&sb);
	if (doc == NULL) {
		if (!why[0])
			snprintf(why, whylen, "cannot be parsed");
		return NULL;
	}
	root = xmlDocGetRootElement(doc);
	int siblings = 0;
	for (xmlNodePtr n = doc->children; n != NULL; n = n->next)
		siblings += n->type == XML_ELEMENT_NODE || n->type == XML_TEXT_NODE;
	if (root == NULL || siblings != 1 ||
	    (kind == XMLIO_HTML && !xmlStrEqual(root->name, (const xmlChar *)"div"))) {
		snprintf(why, whylen, "markup closes outside the translation");
		xmlFreeDoc(doc);
		return NULL;
	}
	if (kind == XMLIO_HTML) {
		xmlNsPtr phns = xmlNewNs(root, (const xmlChar *)PLACEHOLDER_NS,
		    (const xmlChar *)"_");
		html_placeholders_out(root->children, phns);
		xmlNsPtr xns = xmlNewNs(root, (const xmlChar *)XHTML_NS, NULL);
		set_xhtml_ns(root->children, xns);
		/* Placeholders keep their own namespace. */
	}
	if (kind == XMLIO_XML && fs.nerrors) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static void
strip_ns(xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns != NULL && xmlStrEqual(n->ns->href, (const xmlChar *)XHTML_NS))
			n->ns = NULL;
		strip_ns(n->children);
	}
}

/* libxml2's output callback for a struct strbuf. */
static int
append_to_strbuf(void *ctx, const char *buf, int len)
{
	strbuf_add(ctx, buf, (size_t)len);
	return len;
}

/* And for a struct file_update. */
static int
write_to_file(void *ctx, const char *buf, int len)
{
	file_update_write(ctx, buf, (size_t)len);
	return len;
}

/* Serialise DOC through WRITE(CTX, ...), a block at a time: HTML as
 * HTML5, XML as XML.  -1 when libxml2 could not start (out of memory). */
static int
serialize_to(xmlDocPtr doc, xmlOutputWriteCallback write, void *ctx)
{
	if (xmlio_is_html(doc)) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(write, NULL, ctx, NULL);
		if (ob == NULL)
			return -1;
		strip_ns(root);
		if (root != NULL && root->nsDef != NULL &&
		    xmlStrEqual(root->nsDef->href, (const xmlChar *)XHTML_NS) &&
		    root->nsDef->next == NULL) {
			xmlFreeNs(root->nsDef);
			root->nsDef = NULL;
		}
		htmlDocContentDumpFormatOutput(ob, doc, "UTF-8", 0);
		xmlOutputBufferClose(ob);
		return 0;
	}
	/* Straight to WRITE: through an xmlBuffer, the text was twice in
	 * memory (5 MB each for the report's XSL-FO). */
	xmlSaveCtxtPtr sc = xmlSaveToIO(write, NULL, ctx, "UTF-8", 0);
	if (sc == NULL)
		return -1;
	xmlSaveDoc(sc, doc);
	xmlSaveClose(sc);
	return 0;
}

int
xmlio_write_file(struct diag *d, xmlDocPtr doc, const char *path)
{
	struct file_update fu;

	file_update_open(d, &fu, path);
	if (serialize_to(doc, write_to_file, &fu) < 0) {
		file_update_abort(&fu);
		diag(d, DIAG_WRITE, NULL, 0, 0, path, strerror(ENOMEM));
		return -1;
	}
	return file_update_commit(&fu);
}

void
xmlio_serialize(xmlDocPtr doc, struct strbuf *out)
{
	serialize_to(doc, append_to_strbuf, out);
}
