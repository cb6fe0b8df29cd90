/* its.c - the ITS 2.0 engine: global rules, local markup, inheritance. */
#include "its.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "its-select.h"
#include "paths.h"
#include "xalloc.h"
#include "xmlio.h"


/* String-valued fields of a node's explicit annotation. */
enum its_str {
	S_LOC_NOTE,
	S_LOC_NOTE_REF,
	S_TERM_INFO,
	S_TERM_INFO_REF,
	S_TERM_CONF,
	S_LANG,
	S_DOMAINS,
	S_LF_LIST,
	S_EXT_REF,
	S_ALLOWED,
	S_SIZE,
	S_SIZE_ENC,
	S_LINE_BREAK,
	S_ID,
	S_ANNOT,
	NSTR
};

/* Bits of struct local.set for the small-valued fields. */
enum {
	B_TRANSLATE = 1u << 0,
	B_WITHIN = 1u << 1,
	B_DIR = 1u << 2,
	B_PRESERVE = 1u << 3,
	B_NOTE_TYPE = 1u << 4,
	B_TERM = 1u << 5,
	B_LF_TYPE = 1u << 6,
	B_STR = 8		/* bit of string field i: 1u << (B_STR + i) */
};

/* What rules and local markup said explicitly about one node; stored in
 * the node's _private field.  Most nodes have none. */
struct local {
	uint32_t set;
	uint8_t translate, within, dir, preserve, note_type, term, lf_include;
	const char *s[NSTR];
};

struct its {
	struct diag *d;
	xmlDocPtr doc;
	const char *path;
	int html;
	struct arena arena;
	xmlDocPtr *rule_docs;	/* loaded rule files, freed with the engine */
	size_t nrule_docs, cap_rule_docs;
};

static const char *const html_translatable_attrs[] = {
	/* HTML5 (2013) translatable attributes, as the ITS 2.0 test suite
	 * applies them to every element. */
	"abbr", "alt", "content", "download", "label", "lang", "placeholder",
	"srcdoc", "style", "title", "value", NULL,
};

/* HTML elements whose content is phrasing (ITS 2.0 section 8.2: elements
 * within text in HTML) and those that are nested. */
static const char *const html_within_yes[] = {
	"a", "abbr", "area", "audio", "b", "bdi", "bdo", "br", "button", "canvas",
	"cite", "code", "command", "data", "datalist", "del", "dfn", "em", "embed",
	"i", "img", "input", "ins", "kbd", "keygen", "label", "map", "mark",
	"math", "meter", "object", "output", "progress", "q", "ruby", "s", "samp",
	"select", "small", "span", "strong", "sub", "sup", "svg", "time", "u",
	"var", "video", "wbr", NULL,
};
static const char *const html_within_nested[] = {
	"iframe", "noscript", "script", "textarea", NULL,
};

static int
in_list(const char *const *list, const xmlChar *name)
{
	for (; *list != NULL; list++)
		if (xmlStrEqual((const xmlChar *)*list, name))
			return 1;
	return 0;
}

static int
is_attr(xmlNodePtr n)
{
	return n->type == XML_ATTRIBUTE_NODE;
}

static int
is_its_ns(xmlNsPtr ns)
{
	return ns != NULL && xmlStrEqual(ns->href, (const xmlChar *)ITS_NS);
}

static struct local *
local_of(xmlNodePtr n)
{
	return n->_private;
}

static struct local *
local_get(struct its *its, xmlNodePtr n)
{
	struct local *l = n->_private;

	if (l == NULL) {
		l = arena_alloc(&its->arena, sizeof *l);
		memset(l, 0, sizeof *l);
		n->_private = l;
	}
	return l;
}

static void
set_str(struct local *l, enum its_str f, const char *v)
{
	l->s[f] = v;
	if (v != NULL)
		l->set |= 1u << (B_STR + f);
	else
		l->set &= ~(1u << (B_STR + f));
}

static int
has_str(const struct local *l, enum its_str f)
{
	return l != NULL && (l->set & (1u << (B_STR + f)));
}

static char *
normalize(struct its *its, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	char *r;

	strbuf_puts(&sb, s ? s : "");
	strbuf_normalize_space(&sb);
	r = arena_strdup(&its->arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

static char *
trim_dup(struct its *its, const char *s)
{
	const char *e;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	return arena_strndup(&its->arena, s, (size_t)(e - s));
}

static const char *
attr_value(struct its *its, xmlNodePtr el, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)name);
	char *r;

	if (v == NULL)
		return NULL;
	r = arena_strdup(&its->arena, (const char *)v);
	xmlFree(v);
	return r;
}

static const char *
its_attr_value(struct its *its, xmlNodePtr el, const char *name)
{
	xmlChar *v = xmlGetNsProp(el, (const xmlChar *)name, (const xmlChar *)ITS_NS);
	char *r;

	if (v == NULL)
		return NULL;
	r = arena_strdup(&its->arena, (const char *)v);
	xmlFree(v);
	return r;
}

static int
yes_no(const char *v, int *out)
{
	if (v == NULL)
		return 0;
	if (strcasecmp(v, "yes") == 0) {
		*out = 1;
		return 1;
	}
	if (strcasecmp(v, "no") == 0) {
		*out = 0;
		return 1;
	}
	return 0;
}

/* HTML's translate: the empty string is "yes" too (HTML, 3.2.6.5). */
static int
html_yes_no(const char *v, int *out)
{
	if (v != NULL && v[0] == '\0') {
		*out = 1;
		return 1;
	}
	return yes_no(v, out);
}

static int
parse_within(const char *v, int *out)
{
	if (v == NULL)
		return 0;
	if (strcasecmp(v, "yes") == 0)
		*out = ITS_WITHIN_YES;
	else if (strcasecmp(v, "no") == 0)
		*out = ITS_WITHIN_NO;
	else if (strcasecmp(v, "nested") == 0)
		*out = ITS_WITHIN_NESTED;
	else
		return 0;
	return 1;
}

static int
parse_dir(const char *v, int *out)
{
	if (v == NULL)
		return 0;
	if (strcasecmp(v, "ltr") == 0)
		*out = ITS_DIR_LTR;
	else if (strcasecmp(v, "rtl") == 0)
		*out = ITS_DIR_RTL;
	else if (strcasecmp(v, "lro") == 0)
		*out = ITS_DIR_LRO;
	else if (strcasecmp(v, "rlo") == 0)
		*out = ITS_DIR_RLO;
	else
		return 0;
	return 1;
}

/* The values of one kind of ITS attribute: how they are read, and how a
 * diagnostic names them. */
struct its_values {
	int (*parse)(const char *, int *);
	const char *allowed;
};
static const struct its_values yes_no_values = { yes_no, "\"yes\" or \"no\"" };
static const struct its_values html_translate_values = {
	html_yes_no, "\"yes\", \"no\" or empty"
};
static const struct its_values within_values = { parse_within, "\"yes\", \"no\" or \"nested\"" };
static const struct its_values dir_values = { parse_dir, "\"ltr\", \"rtl\", \"lro\" or \"rlo\"" };

/* A local ITS value that is none of the allowed ones has no effect; the
 * author hears of it (a typo such as translate="flase" would otherwise
 * publish text that was meant to stay, or the reverse).  Returns what
 * VALUES->parse returned. */
static int
local_value(struct its *its, xmlNodePtr el, const char *attr, const char *v,
    const struct its_values *values, int *out)
{
	if (values->parse(v, out))
		return 1;
	if (v != NULL)
		diag(its->d, DIAG_ITS_BAD_VALUE, its->path, (unsigned long)xmlGetLineNo(el), 0,
		    attr, v, values->allowed);
	return 0;
}

/* Setters: each data category as a whole, so that a later rule replaces
 * every field of an earlier one (section 5.5). */

static void
put_translate(struct its *its, xmlNodePtr n, int v)
{
	struct local *l = local_get(its, n);
	l->translate = (uint8_t)v;
	l->set |= B_TRANSLATE;
}

static void
put_within(struct its *its, xmlNodePtr n, int v)
{
	struct local *l = local_get(its, n);
	l->within = (uint8_t)v;
	l->set |= B_WITHIN;
}

static void
put_dir(struct its *its, xmlNodePtr n, int v)
{
	struct local *l = local_get(its, n);
	l->dir = (uint8_t)v;
	l->set |= B_DIR;
}

static void
put_preserve(struct its *its, xmlNodePtr n, int v)
{
	struct local *l = local_get(its, n);
	l->preserve = (uint8_t)v;
	l->set |= B_PRESERVE;
}

static void
put_note(struct its *its, xmlNodePtr n, const char *note, const char *ref,
    int type)
{
	struct local *l = local_get(its, n);
	set_str(l, S_LOC_NOTE, note);
	set_str(l, S_LOC_NOTE_REF, ref);
	l->note_type = (uint8_t)type;
	l->set |= B_NOTE_TYPE;
}

static void
put_str(struct its *its, xmlNodePtr n, enum its_str f, const char *v)
{
	/* No value for a node without annotations: nothing to record (a rule
	 * like langRule's "@xml:lang" pointer finds none on most elements). */
	if (v == NULL && n->_private == NULL)
		return;
	set_str(local_get(its, n), f, v);
}

static void
put_term(struct its *its, xmlNodePtr n, int term, const char *info,
    const char *ref, const char *conf, int set_conf)
{
	struct local *l = local_get(its, n);
	l->term = (uint8_t)term;
	l->set |= B_TERM;
	set_str(l, S_TERM_INFO, info);
	set_str(l, S_TERM_INFO_REF, ref);
	if (set_conf)
		set_str(l, S_TERM_CONF, conf);
}

static void
put_locale_filter(struct its *its, xmlNodePtr n, const char *list, int include)
{
	struct local *l = local_get(its, n);
	set_str(l, S_LF_LIST, list);
	l->lf_include = (uint8_t)include;
	l->set |= B_LF_TYPE;
}

static void
put_storage(struct its *its, xmlNodePtr n, const char *size, const char *enc,
    const char *lb)
{
	struct local *l = local_get(its, n);
	char *low = arena_strdup(&its->arena, lb);

	for (char *c = low; *c != '\0'; c++)
		*c = (char)tolower((unsigned char)*c);
	lb = low;
	set_str(l, S_SIZE, size);
	set_str(l, S_SIZE_ENC, enc);
	set_str(l, S_LINE_BREAK, lb);
}

/* ---- Global rules (section 5.2) ------------------------------------- */

struct rule_env {
	xmlXPathContextPtr xp;
	xmlNodePtr rules;		/* the its:rules element */
};

/* Is EXPR a pointer to an attribute of the context node ("@name",
 * "@prefix:name")?  Then *ATTR is that attribute of NODE, or NULL. */
static int
attribute_pointer(struct rule_env *env, xmlNodePtr node, const char *expr,
    xmlAttrPtr *attr)
{
	const char *p = expr, *colon = NULL, *name;
	const xmlChar *uri = NULL;
	char prefix[64];

	while (*p == ' ')
		p++;
	if (*p++ != '@')
		return 0;
	name = p;
	for (; *p != '\0' && *p != ' '; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == ':' && colon == NULL && p > name)
			colon = p;
		else if (!(isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80))
			return 0;
	}
	if (p == name || (colon != NULL && colon + 1 == p))
		return 0;
	while (*p == ' ')
		p++;
	if (*p != '\0' || (!isalpha((unsigned char)*name) && *name != '_'))
		return 0;
	if (colon != NULL) {
		if ((size_t)(colon - name) >= sizeof prefix)
			return 0;
		memcpy(prefix, name, (size_t)(colon - name));
		prefix[colon - name] = '\0';
		uri = xmlXPathNsLookup(env->xp, (const xmlChar *)prefix);
		if (uri == NULL)
			return 0;	/* XPath says what is wrong */
		name = colon + 1;
	}
	char *local = xstrndup(name, (size_t)(p - name));
	while (local[0] != '\0' && local[strlen(local) - 1] == ' ')
		local[strlen(local) - 1] = '\0';
	/* Only the attributes in the document (not DTD defaults), in no
	 * namespace unless prefixed, as XPath sees them. */
	*attr = NULL;
	for (xmlAttrPtr a = node->type == XML_ELEMENT_NODE ? node->properties : NULL;
	    a != NULL; a = a->next) {
		if (!xmlStrEqual(a->name, (const xmlChar *)local))
			continue;
		if (uri == NULL ? a->ns == NULL
		    : a->ns != NULL && xmlStrEqual(a->ns->href, uri)) {
			*attr = a;
			break;
		}
	}
	free(local);
	return 1;
}

/* Evaluate a relative XPath (a pointer attribute) from NODE and return its
 * string value: for a node-set, the values of its nodes. */
static const char *
eval_pointer(struct its *its, struct rule_env *env, xmlNodePtr node,
    const char *expr, int join_all)
{
	xmlXPathObjectPtr obj;
	xmlNodePtr old = env->xp->node;
	const char *r = NULL;
	xmlAttrPtr attr;

	/* The usual pointer, "@name" or "@prefix:name": the attribute itself. */
	if (attribute_pointer(env, node, expr, &attr)) {
		xmlChar *v = attr ? xmlNodeGetContent((xmlNodePtr)attr) : NULL;
		if (attr != NULL)
			r = arena_strdup(&its->arena, v ? (const char *)v : "");
		xmlFree(v);
		return r;
	}
	env->xp->node = node;
	obj = xmlXPathEvalExpression((const xmlChar *)expr, env->xp);
	env->xp->node = old;
	if (obj == NULL) {
		diag(its->d, DIAG_ITS_BAD_XPATH, its->path, 0, 0, "pointer", expr);
		return NULL;
	}
	if (obj->type == XPATH_NODESET) {
		xmlNodeSetPtr ns = obj->nodesetval;
		if (ns != NULL && ns->nodeNr > 0) {
			if (join_all && ns->nodeNr > 1) {
				struct strbuf sb = STRBUF_INIT;
				for (int i = 0; i < ns->nodeNr; i++) {
					xmlChar *v = xmlNodeGetContent(ns->nodeTab[i]);
					if (i)
						strbuf_puts(&sb, ", ");
					strbuf_puts(&sb, v ? (const char *)v : "");
					xmlFree(v);
				}
				r = arena_strdup(&its->arena, sb.buf);
				strbuf_release(&sb);
			} else {
				xmlChar *v = xmlNodeGetContent(ns->nodeTab[0]);
				r = arena_strdup(&its->arena, v ? (const char *)v : "");
				xmlFree(v);
			}
		}
	} else {
		xmlChar *v = xmlXPathCastToString(obj);
		r = arena_strdup(&its->arena, v ? (const char *)v : "");
		xmlFree(v);
	}
	xmlXPathFreeObject(obj);
	return r;
}

static const char *
rule_attr(xmlNodePtr rule, const char *name)
{
	xmlAttrPtr a = xmlHasProp(rule, (const xmlChar *)name);

	if (a == NULL || a->ns != NULL || a->children == NULL)
		return NULL;
	return (const char *)a->children->content;
}

/* The content of the its:locNote child of a locNoteRule. */
static const char *
rule_child_text(struct its *its, xmlNodePtr rule, const char *name)
{
	for (xmlNodePtr c = rule->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && is_its_ns(c->ns) &&
		    xmlStrEqual(c->name, (const xmlChar *)name)) {
			xmlChar *v = xmlNodeGetContent(c);
			const char *r = normalize(its, (const char *)v);
			xmlFree(v);
			return r;
		}
	}
	return NULL;
}

/* Domain values: comma-separated, quoted or not, mapped through
 * domainMapping ("source target, ..."), trimmed, duplicates removed
 * (section 8.8). */
static const char *
domain_values(struct its *its, const char *raw, const char *mapping)
{
	struct strbuf out = STRBUF_INIT;
	char **seen = NULL;
	size_t nseen = 0, cap = 0;
	const char *p = raw;
	const char *r;

	while (p != NULL && *p != '\0') {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char *item = xstrndup(p, len);
		char *s = item, *e;
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
			*--e = '\0';
		if ((*s == '\'' || *s == '"') && e - s >= 2 && e[-1] == *s) {
			s++;
			*--e = '\0';
		}
		/* Map it. */
		const char *mapped = s;
		char *mapped_buf = NULL;
		if (mapping != NULL && *s != '\0') {
			const char *m = mapping;
			while (*m != '\0') {
				const char *mc = m;
				/* One mapping item: source target, items separated by
				 * commas; either may be quoted. */
				char tok[2][256];
				int nt = 0;
				while (*mc != '\0' && *mc != ',' && nt < 2) {
					while (*mc == ' ' || *mc == '\t' || *mc == '\n')
						mc++;
					if (*mc == '\0' || *mc == ',')
						break;
					size_t k = 0;
					if (*mc == '\'' || *mc == '"') {
						char q = *mc++;
						while (*mc != '\0' && *mc != q) {
							if (k < 255)
								tok[nt][k++] = *mc;
							mc++;
						}
						if (*mc == q)
							mc++;
					} else {
						while (*mc != '\0' && *mc != ' ' && *mc != ',' &&
						    *mc != '\t' && *mc != '\n') {
							if (k < 255)
								tok[nt][k++] = *mc;
							mc++;
						}
					}
					tok[nt][k] = '\0';
					nt++;
				}
				while (*mc != '\0' && *mc != ',')
					mc++;
				if (nt == 2 && strcmp(tok[0], s) == 0) {
					mapped_buf = xstrdup(tok[1]);
					mapped = mapped_buf;
					break;
				}
				m = *mc == ',' ? mc + 1 : mc;
			}
		}
		if (*mapped != '\0') {
			int dup = 0;
			for (size_t i = 0; i < nseen; i++)
				if (strcmp(seen[i], mapped) == 0)
					dup = 1;
			if (!dup) {
				seen = xgrow(seen, &cap, nseen + 1, sizeof *seen);
				seen[nseen++] = xstrdup(mapped);
				if (out.len)
					strbuf_puts(&out, ", ");
				strbuf_puts(&out, mapped);
			}
		}
		free(mapped_buf);
		free(item);
		p = comma ? comma + 1 : NULL;
	}
	for (size_t i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	r = out.len ? arena_strdup(&its->arena, out.buf) : NULL;
	strbuf_release(&out);
	return r;
}

static const char *
value_or_pointer(struct its *its, struct rule_env *env, xmlNodePtr rule,
    xmlNodePtr node, const char *name, const char *pointer)
{
	const char *v = rule_attr(rule, name);
	const char *p;

	if (v != NULL)
		return v;
	if (pointer != NULL && (p = rule_attr(rule, pointer)) != NULL)
		return eval_pointer(its, env, node, p, 0);
	return NULL;
}

static void
apply_rule_to(struct its *its, struct rule_env *env, xmlNodePtr rule,
    xmlNodePtr node)
{
	const char *kind = (const char *)rule->name;
	int v;

	if (strcmp(kind, "translateRule") == 0) {
		if (yes_no(rule_attr(rule, "translate"), &v))
			put_translate(its, node, v);
	} else if (strcmp(kind, "withinTextRule") == 0) {
		if (parse_within(rule_attr(rule, "withinText"), &v))
			put_within(its, node, v);
	} else if (strcmp(kind, "dirRule") == 0) {
		if (parse_dir(rule_attr(rule, "dir"), &v))
			put_dir(its, node, v);
	} else if (strcmp(kind, "preserveSpaceRule") == 0) {
		const char *s = rule_attr(rule, "space");
		if (s != NULL)
			put_preserve(its, node, strcmp(s, "preserve") == 0);
	} else if (strcmp(kind, "locNoteRule") == 0) {
		const char *t = rule_attr(rule, "locNoteType");
		int type = t && strcmp(t, "alert") == 0 ? ITS_NOTE_ALERT : ITS_NOTE_DESCRIPTION;
		const char *note = rule_child_text(its, rule, "locNote");
		const char *ref = NULL;
		if (note == NULL && rule_attr(rule, "locNotePointer") != NULL)
			note = normalize(its, eval_pointer(its, env, node,
			    rule_attr(rule, "locNotePointer"), 0));
		if (note == NULL)
			ref = value_or_pointer(its, env, rule, node, "locNoteRef",
			    "locNoteRefPointer");
		if (note != NULL || ref != NULL)
			put_note(its, node, note, ref, type);
	} else if (strcmp(kind, "termRule") == 0) {
		int term;
		if (!yes_no(rule_attr(rule, "term"), &term))
			return;
		const char *info = NULL, *ref = NULL, *p;
		if ((p = rule_attr(rule, "termInfoPointer")) != NULL)
			info = normalize(its, eval_pointer(its, env, node, p, 0));
		else
			ref = value_or_pointer(its, env, rule, node, "termInfoRef",
			    "termInfoRefPointer");
		put_term(its, node, term, info, ref, NULL, 0);
	} else if (strcmp(kind, "langRule") == 0) {
		const char *p = rule_attr(rule, "langPointer");
		if (p != NULL)
			put_str(its, node, S_LANG, eval_pointer(its, env, node, p, 0));
	} else if (strcmp(kind, "domainRule") == 0) {
		const char *p = rule_attr(rule, "domainPointer");
		if (p != NULL) {
			const char *raw = eval_pointer(its, env, node, p, 1);
			const char *dv = domain_values(its, raw, rule_attr(rule, "domainMapping"));
			if (dv != NULL)
				put_str(its, node, S_DOMAINS, dv);
		}
	} else if (strcmp(kind, "localeFilterRule") == 0) {
		const char *list = rule_attr(rule, "localeFilterList");
		const char *type = rule_attr(rule, "localeFilterType");
		if (list == NULL)
			list = "*";
		put_locale_filter(its, node, normalize(its, list),
		    !(type && strcmp(type, "exclude") == 0));
	} else if (strcmp(kind, "externalResourceRefRule") == 0) {
		const char *p = rule_attr(rule, "externalResourceRefPointer");
		if (p != NULL)
			put_str(its, node, S_EXT_REF, eval_pointer(its, env, node, p, 0));
	} else if (strcmp(kind, "allowedCharactersRule") == 0) {
		const char *ac = value_or_pointer(its, env, rule, node,
		    "allowedCharacters", "allowedCharactersPointer");
		if (ac != NULL)
			put_str(its, node, S_ALLOWED, ac);
	} else if (strcmp(kind, "storageSizeRule") == 0) {
		const char *size = value_or_pointer(its, env, rule, node,
		    "storageSize", "storageSizePointer");
		const char *enc = value_or_pointer(its, env, rule, node,
		    "storageEncoding", "storageEncodingPointer");
		const char *lb = rule_attr(rule, "lineBreakType");
		if (size != NULL)
			put_storage(its, node, size, enc ? enc : "UTF-8", lb ? lb : "lf");
	} else if (strcmp(kind, "idValueRule") == 0) {
		const char *x = rule_attr(rule, "idValue");
		if (x != NULL) {
			const char *id = eval_pointer(its, env, node, x, 0);
			if (id != NULL && *id != '\0')
				put_str(its, node, S_ID, id);
		}
	}
}

static void
register_namespaces(xmlXPathContextPtr xp, xmlNodePtr scope)
{
	xmlNsPtr *list = xmlGetNsList(scope->doc, scope);

	for (size_t i = 0; list != NULL && list[i] != NULL; i++)
		if (list[i]->prefix != NULL)
			xmlXPathRegisterNs(xp, list[i]->prefix, list[i]->href);
	xmlFree(list);
}

static void
register_params(xmlXPathContextPtr xp, xmlNodePtr rules)
{
	for (xmlNodePtr c = rules->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !is_its_ns(c->ns) ||
		    !xmlStrEqual(c->name, (const xmlChar *)"param"))
			continue;
		xmlChar *name = xmlGetNoNsProp(c, (const xmlChar *)"name");
		xmlChar *val = xmlNodeGetContent(c);
		if (name != NULL)
			xmlXPathRegisterVariable(xp, name, xmlXPathNewString(val ? val : (const xmlChar *)""));
		xmlFree(name);
		xmlFree(val);
	}
}

static void apply_rules_element(struct its *its, xmlNodePtr rules,
    const char *base, int depth, xmlNodePtr override_params);

/* A rule and what its selector selects. */
struct sel_rule {
	xmlNodePtr rule;
	struct its_select *sel;
};

static void apply_rules_selected(struct its *its, struct rule_env *env,
    xmlNodePtr rules);
static void apply_rules_one_by_one(struct its *its, struct rule_env *env,
    xmlNodePtr rules);
static void apply_pass(struct its *its, struct rule_env *env,
    const struct sel_rule *v, size_t n, int attrs, xmlNodePtr node);

/* Load an external rules file (xlink:href of its:rules, or HTML
 * <link rel="its-rules">), relative to BASE. */
static void
apply_rules_file(struct its *its, const char *href, const char *base, int depth,
    xmlNodePtr override_params)
{
	xmlChar *uri;
	xmlDocPtr rdoc;
	char *path;

	if (depth > 8)
		return;
	uri = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
	if (uri == NULL) {
		diag(its->d, DIAG_ITS_RULES_OPEN, its->path, 0, 0, href);
		return;
	}
	path = (char *)uri;
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	if (strstr(path, "://") != NULL) {
		/* No network: remote rule files are never fetched. */
		diag(its->d, DIAG_ITS_RULES_OPEN, its->path, 0, 0, href);
		xmlFree(uri);
		return;
	}
	rdoc = xmlio_read(its->d, path, XMLIO_XML);
	if (rdoc == NULL) {
		diag(its->d, DIAG_ITS_RULES_OPEN, its->path, 0, 0, href);
		xmlFree(uri);
		return;
	}
	its->rule_docs = xgrow(its->rule_docs, &its->cap_rule_docs,
	    its->nrule_docs + 1, sizeof *its->rule_docs);
	its->rule_docs[its->nrule_docs++] = rdoc;
	xmlNodePtr root = xmlDocGetRootElement(rdoc);
	if (root != NULL && is_its_ns(root->ns) &&
	    xmlStrEqual(root->name, (const xmlChar *)"rules"))
		apply_rules_element(its, root, path, depth + 1, override_params);
	xmlFree(uri);
}

/* A rule whose value is none of the allowed ones has no effect; its
 * author hears of it once, not for every node it selects.  FILE holds
 * RULES (for rules in an HTML script element, the lines are the
 * script's own: none is given). */
static void
check_rule_values(struct its *its, xmlNodePtr rules, const char *file)
{
	static const struct {
		const char *rule, *attr;
		const struct its_values *values;
	} known[] = {
		{ "translateRule", "translate", &yes_no_values },
		{ "termRule", "term", &yes_no_values },
		{ "withinTextRule", "withinText", &within_values },
		{ "dirRule", "dir", &dir_values },
	};
	int own_lines = rules->doc == its->doc || strcmp(file, its->path) != 0;

	for (xmlNodePtr r = rules->children; r != NULL; r = r->next) {
		if (r->type != XML_ELEMENT_NODE || !is_its_ns(r->ns))
			continue;
		for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
			const char *v;
			int out;
			if (!xmlStrEqual(r->name, (const xmlChar *)known[i].rule))
				continue;
			v = rule_attr(r, known[i].attr);
			if (v != NULL && !known[i].values->parse(v, &out)) {
				char what[64];
				snprintf(what, sizeof what, "its:%s %s", known[i].rule, known[i].attr);
				diag(its->d, DIAG_ITS_BAD_VALUE, file,
				    own_lines ? (unsigned long)xmlGetLineNo(r) : 0, 0, what, v,
				    known[i].values->allowed);
			}
		}
	}
}

static void
apply_rules_element(struct its *its, xmlNodePtr rules, const char *base,
    int depth, xmlNodePtr override_params)
{
	check_rule_values(its, rules, base);
	struct rule_env env;
	xmlChar *href = xmlGetNsProp(rules, (const xmlChar *)"href",
	    (const xmlChar *)XLINK_NS);

	/* Section 5.2.2: rules linked from an its:rules element come before
	 * the rules inside it; the linking element's parameters win. */
	if (href != NULL) {
		apply_rules_file(its, (const char *)href, base, depth, rules);
		xmlFree(href);
	}
	env.rules = rules;
	env.xp = xmlXPathNewContext(its->doc);
	register_params(env.xp, rules);
	if (override_params != NULL)
		register_params(env.xp, override_params);
	apply_rules_selected(its, &env, rules);
	xmlXPathFreeContext(env.xp);
}

/* Apply every rule of RULES to the nodes its selector selects, in rule
 * order for each node (a later rule overrides an earlier one).  Simple
 * selector terms are tested by name in one pass over the document; the
 * others are evaluated with XPath first (its-select.h). */
static void
apply_rules_selected(struct its *its, struct rule_env *env, xmlNodePtr rules)
{
	struct sel_rule *v = NULL;
	size_t n = 0, cap = 0;
	int attrs = 0;

	for (xmlNodePtr r = rules->children; r != NULL; r = r->next) {
		if (r->type != XML_ELEMENT_NODE || !is_its_ns(r->ns))
			continue;
		const char *sel = rule_attr(r, "selector");
		if (sel == NULL)
			continue;
		/* Pointers are evaluated during the pass: the prefixes of every
		 * rule must be those of the rules element. */
		if (r->nsDef != NULL) {
			for (size_t i = 0; i < n; i++)
				its_select_free(v[i].sel);
			free(v);
			apply_rules_one_by_one(its, env, rules);
			return;
		}
		struct its_select *s = its_select_parse(sel, r);
		const char *rest = its_select_rest(s);
		if (rest != NULL) {
			register_namespaces(env->xp, r);
			env->xp->node = (xmlNodePtr)its->doc;
			xmlXPathObjectPtr obj = xmlXPathEvalExpression((const xmlChar *)rest, env->xp);
			if (obj == NULL) {
				diag(its->d, DIAG_ITS_BAD_XPATH, its->path,
				    (unsigned long)xmlGetLineNo(r), 0, (const char *)r->name, sel);
				its_select_free(s);
				continue;
			}
			if (obj->type == XPATH_NODESET && obj->nodesetval != NULL) {
				xmlNodeSetPtr ns = obj->nodesetval;
				for (int i = 0; i < ns->nodeNr; i++) {
					xmlNodePtr node = ns->nodeTab[i];
					if (node->type == XML_ELEMENT_NODE || node->type == XML_ATTRIBUTE_NODE)
						its_select_add_node(s, node);
				}
			}
			xmlXPathFreeObject(obj);
		}
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n].rule = r;
		v[n].sel = s;
		attrs |= its_select_attributes(s);
		n++;
	}
	if (n > 0) {
		register_namespaces(env->xp, rules);
		apply_pass(its, env, v, n, attrs, xmlDocGetRootElement(its->doc));
	}
	for (size_t i = 0; i < n; i++)
		its_select_free(v[i].sel);
	free(v);
}

static void
apply_pass(struct its *its, struct rule_env *env, const struct sel_rule *v, size_t n,
    int attrs, xmlNodePtr node)
{
	for (; node != NULL; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < n; i++)
			if (its_select_element(v[i].sel, node))
				apply_rule_to(its, env, v[i].rule, node);
		for (xmlAttrPtr a = attrs ? node->properties : NULL; a != NULL; a = a->next)
			for (size_t i = 0; i < n; i++)
				if (its_select_attribute(v[i].sel, a))
					apply_rule_to(its, env, v[i].rule, (xmlNodePtr)a);
		apply_pass(its, env, v, n, attrs, node->children);
	}
}

/* Rule by rule, each selector evaluated with XPath in the scope of its
 * own rule element. */
static void
apply_rules_one_by_one(struct its *its, struct rule_env *env, xmlNodePtr rules)
{
	for (xmlNodePtr r = rules->children; r != NULL; r = r->next) {
		if (r->type != XML_ELEMENT_NODE || !is_its_ns(r->ns))
			continue;
		const char *sel = rule_attr(r, "selector");
		if (sel == NULL)
			continue;
		register_namespaces(env->xp, r);
		env->xp->node = (xmlNodePtr)its->doc;
		xmlXPathObjectPtr obj = xmlXPathEvalExpression((const xmlChar *)sel, env->xp);
		if (obj == NULL) {
			diag(its->d, DIAG_ITS_BAD_XPATH, its->path,
			    (unsigned long)xmlGetLineNo(r), 0, (const char *)r->name, sel);
			continue;
		}
		if (obj->type == XPATH_NODESET && obj->nodesetval != NULL) {
			xmlNodeSetPtr ns = obj->nodesetval;
			for (int i = 0; i < ns->nodeNr; i++) {
				xmlNodePtr n = ns->nodeTab[i];
				if (n->type == XML_ELEMENT_NODE || n->type == XML_ATTRIBUTE_NODE)
					apply_rule_to(its, env, r, n);
			}
		}
		xmlXPathFreeObject(obj);
	}
}

/* HTML: <script type="application/its+xml"> holds rules as text. */
static void
apply_script_rules(struct its *its, xmlNodePtr script)
{
	xmlChar *text = xmlNodeGetContent(script);
	xmlDocPtr rdoc;

	if (text == NULL)
		return;
	rdoc = xmlio_read_memory(its->d, (const char *)text, strlen((const char *)text),
	    its->path, XMLIO_XML);
	xmlFree(text);
	if (rdoc == NULL)
		return;
	its->rule_docs = xgrow(its->rule_docs, &its->cap_rule_docs,
	    its->nrule_docs + 1, sizeof *its->rule_docs);
	its->rule_docs[its->nrule_docs++] = rdoc;
	xmlNodePtr root = xmlDocGetRootElement(rdoc);
	if (root != NULL && is_its_ns(root->ns) &&
	    xmlStrEqual(root->name, (const xmlChar *)"rules"))
		apply_rules_element(its, root, its->path, 0, NULL);
}

static void
find_document_rules(struct its *its, xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (its->html) {
			if (xmlStrEqual(n->name, (const xmlChar *)"link")) {
				xmlChar *rel = xmlGetNoNsProp(n, (const xmlChar *)"rel");
				xmlChar *href = xmlGetNoNsProp(n, (const xmlChar *)"href");
				if (rel && href && xmlStrcasecmp(rel, (const xmlChar *)"its-rules") == 0)
					apply_rules_file(its, (const char *)href, its->path, 0, NULL);
				xmlFree(rel);
				xmlFree(href);
			} else if (xmlStrEqual(n->name, (const xmlChar *)"script")) {
				xmlChar *type = xmlGetNoNsProp(n, (const xmlChar *)"type");
				if (type && xmlStrcasecmp(type, (const xmlChar *)"application/its+xml") == 0)
					apply_script_rules(its, n);
				xmlFree(type);
			}
		} else if (is_its_ns(n->ns) && xmlStrEqual(n->name, (const xmlChar *)"rules")) {
			apply_rules_element(its, n, its->path, 0, NULL);
			continue;
		}
		find_document_rules(its, n->children);
	}
}

/* ---- Local markup (section 5.3) ----------------------------------- */

static int
html_attr_is(xmlAttrPtr a, const char *name)
{
	return a->ns == NULL && xmlStrcasecmp(a->name, (const xmlChar *)name) == 0;
}

static const char *
attr_text(struct its *its, xmlAttrPtr a)
{
	xmlChar *v = xmlNodeListGetString(a->doc, a->children, 1);
	const char *r = arena_strdup(&its->arena, v ? (const char *)v : "");
	xmlFree(v);
	return r;
}

static void
apply_local_html(struct its *its, xmlNodePtr el)
{
	const char *note = NULL, *note_ref = NULL, *note_type = NULL;
	const char *term = NULL, *term_ref = NULL, *term_conf = NULL;
	const char *lf_list = NULL, *lf_type = NULL;
	const char *size = NULL, *enc = NULL, *lb = NULL;
	int v;

	for (xmlAttrPtr a = el->properties; a != NULL; a = a->next) {
		if (a->ns != NULL)
			continue;
		const char *val = attr_text(its, a);
		if (html_attr_is(a, "translate")) {
			if (local_value(its, el, "translate", trim_dup(its, val),
			    &html_translate_values, &v))
				put_translate(its, el, v);
		} else if (html_attr_is(a, "dir")) {
			if (parse_dir(trim_dup(its, val), &v)) {
				if (xmlStrEqual(el->name, (const xmlChar *)"bdo"))
					v = v == ITS_DIR_RTL ? ITS_DIR_RLO : v == ITS_DIR_LTR ? ITS_DIR_LRO : v;
				put_dir(its, el, v);
			}
		} else if (html_attr_is(a, "lang")) {
			put_str(its, el, S_LANG, trim_dup(its, val));
		} else if (html_attr_is(a, "id")) {
			put_str(its, el, S_ID, val);
		} else if (html_attr_is(a, "its-loc-note")) {
			note = normalize(its, val);
		} else if (html_attr_is(a, "its-loc-note-ref")) {
			note_ref = val;
		} else if (html_attr_is(a, "its-loc-note-type")) {
			note_type = trim_dup(its, val);
		} else if (html_attr_is(a, "its-term")) {
			term = trim_dup(its, val);
		} else if (html_attr_is(a, "its-term-info-ref")) {
			term_ref = val;
		} else if (html_attr_is(a, "its-term-confidence")) {
			term_conf = trim_dup(its, val);
		} else if (html_attr_is(a, "its-within-text")) {
			if (parse_within(trim_dup(its, val), &v))
				put_within(its, el, v);
		} else if (html_attr_is(a, "its-locale-filter-list")) {
			lf_list = normalize(its, val);
		} else if (html_attr_is(a, "its-locale-filter-type")) {
			lf_type = trim_dup(its, val);
		} else if (html_attr_is(a, "its-allowed-characters")) {
			put_str(its, el, S_ALLOWED, val);
		} else if (html_attr_is(a, "its-storage-size")) {
			size = trim_dup(its, val);
		} else if (html_attr_is(a, "its-storage-encoding")) {
			enc = trim_dup(its, val);
		} else if (html_attr_is(a, "its-line-break-type")) {
			lb = trim_dup(its, val);
		} else if (html_attr_is(a, "its-annotators-ref")) {
			put_str(its, el, S_ANNOT, val);
		}
	}
	if (note != NULL || note_ref != NULL)
		put_note(its, el, note, note != NULL ? NULL : note_ref,
		    note_type && strcasecmp(note_type, "alert") == 0 ? ITS_NOTE_ALERT
		    : ITS_NOTE_DESCRIPTION);
	if (term != NULL && yes_no(term, &v))
		put_term(its, el, v, NULL, term_ref, term_conf, 1);
	if (lf_list != NULL || lf_type != NULL)
		put_locale_filter(its, el, lf_list ? lf_list : "*",
		    !(lf_type && strcasecmp(lf_type, "exclude") == 0));
	if (size != NULL)
		put_storage(its, el, size, enc ? enc : "UTF-8", lb ? lb : "lf");
}

static void
apply_local_xml(struct its *its, xmlNodePtr el)
{
	int isspan = is_its_ns(el->ns) && xmlStrEqual(el->name, (const xmlChar *)"span");
	const char *(*get)(struct its *, xmlNodePtr, const char *) =
	    isspan ? attr_value : its_attr_value;
	const char *s;
	int v;

	if (el->properties == NULL)
		return;
	if (local_value(its, el, "its:translate", get(its, el, "translate"), &yes_no_values, &v))
		put_translate(its, el, v);
	if (local_value(its, el, "its:withinText", get(its, el, "withinText"), &within_values,
	    &v))
		put_within(its, el, v);
	if (local_value(its, el, "its:dir", get(its, el, "dir"), &dir_values, &v))
		put_dir(its, el, v);
	const char *note = get(its, el, "locNote");
	const char *note_ref = get(its, el, "locNoteRef");
	const char *note_type = get(its, el, "locNoteType");
	if (note != NULL || note_ref != NULL)
		put_note(its, el, note ? normalize(its, note) : NULL,
		    note ? NULL : note_ref,
		    note_type && strcmp(note_type, "alert") == 0 ? ITS_NOTE_ALERT
		    : ITS_NOTE_DESCRIPTION);
	const char *term = get(its, el, "term");
	if (term != NULL && yes_no(term, &v))
		put_term(its, el, v, NULL, get(its, el, "termInfoRef"),
		    get(its, el, "termConfidence"), 1);
	const char *lf = get(its, el, "localeFilterList");
	const char *lft = get(its, el, "localeFilterType");
	if (lf != NULL || lft != NULL)
		put_locale_filter(its, el, lf ? normalize(its, lf) : "*",
		    !(lft && strcmp(lft, "exclude") == 0));
	if ((s = get(its, el, "allowedCharacters")) != NULL)
		put_str(its, el, S_ALLOWED, s);
	const char *size = get(its, el, "storageSize");
	if (size != NULL) {
		const char *enc = get(its, el, "storageEncoding");
		const char *lb = get(its, el, "lineBreakType");
		put_storage(its, el, size, enc ? enc : "UTF-8", lb ? lb : "lf");
	}
	if ((s = get(its, el, "annotatorsRef")) != NULL)
		put_str(its, el, S_ANNOT, s);
	/* xml:lang, xml:id, xml:space (sections 8.6, 8.11, 8.12). */
	xmlChar *lang = xmlGetNsProp(el, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	if (lang != NULL) {
		put_str(its, el, S_LANG, arena_strdup(&its->arena, (const char *)lang));
		xmlFree(lang);
	}
	xmlChar *id = xmlGetNsProp(el, (const xmlChar *)"id", XML_XML_NAMESPACE);
	if (id != NULL) {
		put_str(its, el, S_ID, arena_strdup(&its->arena, (const char *)id));
		xmlFree(id);
	}
	xmlChar *space = xmlGetNsProp(el, (const xmlChar *)"space", XML_XML_NAMESPACE);
	if (space != NULL) {
		if (xmlStrEqual(space, (const xmlChar *)"preserve"))
			put_preserve(its, el, 1);
		else if (xmlStrEqual(space, (const xmlChar *)"default"))
			put_preserve(its, el, 0);
		xmlFree(space);
	}
}

static void
apply_local(struct its *its, xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (its->html)
			apply_local_html(its, n);
		else
			apply_local_xml(its, n);
		apply_local(its, n->children);
	}
}

static void
clear_private(xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		n->_private = NULL;
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
			a->_private = NULL;
		clear_private(n->children);
	}
}

struct its *
its_new(struct diag *d, xmlDocPtr doc, const char *path,
    const struct its_options *opt)
{
	struct its *its = xcalloc(1, sizeof *its);
	xmlNodePtr root = xmlDocGetRootElement(doc);

	its->d = d;
	its->doc = doc;
	its->path = path;
	its->html = xmlio_is_html(doc);
	/* Nodes' _private fields are NULL: libxml2 leaves them so, and
	 * its_free() clears what the engine set (its.h). */
	if (opt != NULL && opt->default_rules) {
		const char *file = NULL;
		if (its->html)
			file = "html5.its";
		else if (root != NULL && root->ns != NULL &&
		    xmlStrEqual(root->ns->href, (const xmlChar *)"http://docbook.org/ns/docbook"))
			file = "docbook5.its";
		if (file != NULL) {
			char *p = opt->rules_dir ? xasprintf("%s/%s", opt->rules_dir, file)
			    : xasprintf("%s/rules/%s", l10n_data_dir(), file);
			apply_rules_file(its, p, NULL, 0, NULL);
			free(p);
		}
	}
	for (size_t i = 0; opt != NULL && i < opt->nextra_rules; i++)
		apply_rules_file(its, opt->extra_rules[i], NULL, 0, NULL);
	find_document_rules(its, root);
	apply_local(its, root);
	return its;
}

void
its_free(struct its *its)
{
	if (its == NULL)
		return;
	clear_private(xmlDocGetRootElement(its->doc));
	for (size_t i = 0; i < its->nrule_docs; i++)
		xmlFreeDoc(its->rule_docs[i]);
	free(its->rule_docs);
	arena_release(&its->arena);
	free(its);
}

int
its_is_html(const struct its *its)
{
	return its->html;
}

xmlDocPtr
its_document(const struct its *its)
{
	return its->doc;
}

/* ---- Effective values (section 6.1, inheritance) ---------------------- */

static xmlNodePtr
owner(xmlNodePtr n)
{
	return n->parent;
}

static int
in_its_rules(const struct its *its, xmlNodePtr n)
{
	(void)its;
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (is_its_ns(n->ns) && xmlStrEqual(n->name, (const xmlChar *)"rules"))
			return 1;
	return 0;
}

int
its_is_its_markup(const struct its *its, xmlNodePtr node)
{
	if (is_attr(node))
		node = owner(node);
	return in_its_rules(its, node);
}

int
its_translate(const struct its *its, xmlNodePtr n)
{
	const struct local *l;

	if (is_attr(n)) {
		l = local_of(n);
		if (l != NULL && (l->set & B_TRANSLATE))
			return l->translate;
		/* HTML5 translatable attributes follow their element. */
		if (its->html && n->ns == NULL &&
		    in_list(html_translatable_attrs, n->name))
			return its_translate(its, owner(n));
		return 0;
	}
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		l = local_of(n);
		if (l != NULL && (l->set & B_TRANSLATE))
			return l->translate;
	}
	return 1;
}

enum its_within
its_within_text(const struct its *its, xmlNodePtr n)
{
	const struct local *l = local_of(n);

	if (l != NULL && (l->set & B_WITHIN))
		return l->within;
	if (its->html && n->type == XML_ELEMENT_NODE) {
		if (in_list(html_within_yes, n->name))
			return ITS_WITHIN_YES;
		if (in_list(html_within_nested, n->name))
			return ITS_WITHIN_NESTED;
	}
	return ITS_WITHIN_NO;
}

int
its_preserve_space(const struct its *its, xmlNodePtr n)
{
	const struct local *l;

	(void)its;
	if (is_attr(n)) {
		l = local_of(n);
		if (l != NULL && (l->set & B_PRESERVE))
			return l->preserve;
		n = owner(n);
	}
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		l = local_of(n);
		if (l != NULL && (l->set & B_PRESERVE))
			return l->preserve;
	}
	return 0;
}

enum its_dir
its_direction(const struct its *its, xmlNodePtr n)
{
	const struct local *l;

	(void)its;
	if (is_attr(n)) {
		l = local_of(n);
		if (l != NULL && (l->set & B_DIR))
			return l->dir;
		n = owner(n);
	}
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		l = local_of(n);
		if (l != NULL && (l->set & B_DIR))
			return l->dir;
	}
	return ITS_DIR_LTR;
}

/* Inherited string field: from the node, else (for attributes) from the
 * owner element, else from ancestors. */
static const char *
inherited_str(xmlNodePtr n, enum its_str f)
{
	const struct local *l;

	if (is_attr(n)) {
		l = local_of(n);
		if (has_str(l, f))
			return l->s[f];
		n = owner(n);
	}
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		l = local_of(n);
		if (has_str(l, f))
			return l->s[f];
	}
	return NULL;
}

static const char *
own_str(xmlNodePtr n, enum its_str f)
{
	const struct local *l = local_of(n);

	return has_str(l, f) ? l->s[f] : NULL;
}

const char *
its_lang(const struct its *its, xmlNodePtr n)
{
	(void)its;
	return inherited_str(n, S_LANG);
}

const char *
its_loc_note(const struct its *its, xmlNodePtr n, enum its_loc_note_type *type,
    const char **ref)
{
	const struct local *l;

	(void)its;
	*ref = NULL;
	/* Notes on elements apply to their content and descendants, not to
	 * attributes (section 8.3). */
	if (is_attr(n)) {
		l = local_of(n);
		if (l != NULL && (l->set & B_NOTE_TYPE)) {
			*type = l->note_type;
			*ref = l->s[S_LOC_NOTE_REF];
			return l->s[S_LOC_NOTE];
		}
		return NULL;
	}
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		l = local_of(n);
		if (l != NULL && (l->set & B_NOTE_TYPE)) {
			*type = l->note_type;
			*ref = l->s[S_LOC_NOTE_REF];
			return l->s[S_LOC_NOTE];
		}
	}
	return NULL;
}

const char *
its_id_value(const struct its *its, xmlNodePtr n)
{
	(void)its;
	return own_str(n, S_ID);
}

const char *
its_domains(const struct its *its, xmlNodePtr n)
{
	(void)its;
	return inherited_str(n, S_DOMAINS);
}

const char *
its_locale_filter(const struct its *its, xmlNodePtr n, int *include)
{
	const struct local *l;

	(void)its;
	if (is_attr(n)) {
		l = local_of(n);
		if (l != NULL && (l->set & B_LF_TYPE)) {
			*include = l->lf_include;
			return l->s[S_LF_LIST];
		}
		n = owner(n);
	}
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		l = local_of(n);
		if (l != NULL && (l->set & B_LF_TYPE)) {
			*include = l->lf_include;
			return l->s[S_LF_LIST];
		}
	}
	*include = 1;
	return "*";
}

const char *
its_external_resource(const struct its *its, xmlNodePtr n)
{
	(void)its;
	return own_str(n, S_EXT_REF);
}

const char *
its_allowed_characters(const struct its *its, xmlNodePtr n)
{
	(void)its;
	/* Inherited by descendant elements, not by attributes (8.14). */
	if (is_attr(n))
		return own_str(n, S_ALLOWED);
	return inherited_str(n, S_ALLOWED);
}

const char *
its_storage_size(const struct its *its, xmlNodePtr n, const char **encoding,
    const char **line_break)
{
	const struct local *l = local_of(n);

	(void)its;
	if (!has_str(l, S_SIZE))
		return NULL;
	*encoding = l->s[S_SIZE_ENC];
	*line_break = l->s[S_LINE_BREAK];
	return l->s[S_SIZE];
}

int
its_term(const struct its *its, xmlNodePtr n, const char **info,
    const char **info_ref, const char **confidence)
{
	const struct local *l = local_of(n);

	(void)its;
	*info = *info_ref = *confidence = NULL;
	if (l == NULL || !(l->set & B_TERM))
		return -1;
	*info = l->s[S_TERM_INFO];
	*info_ref = l->s[S_TERM_INFO_REF];
	*confidence = l->s[S_TERM_CONF];
	return l->term;
}

/* Append to OUT the "category|IRI" items of LIST whose category is not
 * in OUT yet. */
static void
merge_annotators(struct strbuf *out, const char *list)
{
	const char *p = list;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		const char *e = p;
		while (*e != '\0' && *e != ' ' && *e != '\t' && *e != '\n')
			e++;
		const char *bar = memchr(p, '|', (size_t)(e - p));
		if (bar != NULL) {
			size_t clen = (size_t)(bar - p) + 1;
			int have = 0;
			for (const char *q = out->buf; q != NULL && *q != '\0'; ) {
				if (strncmp(q, p, clen) == 0)
					have = 1;
				q = strchr(q, ' ');
				if (q != NULL)
					q++;
			}
			if (!have) {
				if (out->len)
					strbuf_putc(out, ' ');
				strbuf_add(out, p, (size_t)(e - p));
			}
		}
		p = e;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *
its_annotators_ref(const struct its *its, xmlNodePtr n, const char *category)
{
	struct strbuf sb = STRBUF_INIT;
	const struct local *l;
	char *items[32];
	size_t ni = 0;
	const char *r = NULL;

	/* Section 5.7: annotatorsRef is inherited, nearer values replacing
	 * farther ones category by category. */
	if (is_attr(n)) {
		l = local_of(n);
		if (has_str(l, S_ANNOT))
			merge_annotators(&sb, l->s[S_ANNOT]);
		n = owner(n);
	}
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		l = local_of(n);
		if (has_str(l, S_ANNOT))
			merge_annotators(&sb, l->s[S_ANNOT]);
	}
	if (sb.len == 0) {
		strbuf_release(&sb);
		return NULL;
	}
	if (category != NULL) {
		size_t len = strlen(category);
		for (char *p = sb.buf; p != NULL; ) {
			if (strncmp(p, category, len) == 0 && p[len] == '|') {
				char *e = strchr(p, ' ');
				r = arena_strndup(&((struct its *)its)->arena, p + len + 1,
				    e ? (size_t)(e - p - len - 1) : strlen(p + len + 1));
				break;
			}
			p = strchr(p, ' ');
			if (p != NULL)
				p++;
		}
	} else {
		/* All of them, sorted by category. */
		for (char *p = strtok(sb.buf, " "); p != NULL && ni < 32; p = strtok(NULL, " "))
			items[ni++] = p;
		qsort(items, ni, sizeof *items, cmp_str);
		struct strbuf all = STRBUF_INIT;
		for (size_t i = 0; i < ni; i++) {
			if (i)
				strbuf_putc(&all, ' ');
			strbuf_puts(&all, items[i]);
		}
		r = arena_strdup(&((struct its *)its)->arena, all.buf);
		strbuf_release(&all);
	}
	strbuf_release(&sb);
	return r;
}
