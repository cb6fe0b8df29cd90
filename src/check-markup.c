/* check-markup.c - checks of markup: well-formed, markup, unsafe, urls,
 * emails.  The comparison itself is markup_compare(), the same security
 * floor the build applies. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check-impl.h"

/* Elements that run code, load other documents or change the page. */
static const char *const dangerous_elements[] = {
	"script", "style", "iframe", "frame", "frameset", "object", "embed",
	"applet", "base", "link", "meta", "form", "input", "button", "textarea",
	"select", "svg", "math", "template", "noscript", "portal", NULL,
};

/* Attributes whose value is a URL (HTML5, SVG, DocBook). */
static int
url_attr(const xmlChar *name)
{
	static const char *const list[] = {
		"href", "src", "action", "formaction", "poster", "cite", "data",
		"background", "longdesc", "usemap", "codebase", "manifest", "ping",
		"srcset", "fileref", "url", NULL,
	};
	for (size_t i = 0; list[i] != NULL; i++)
		if (xmlStrcasecmp(name, (const xmlChar *)list[i]) == 0)
			return 1;
	return 0;
}

static int
in_list(const char *const *list, const xmlChar *name)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (xmlStrcasecmp(name, (const xmlChar *)list[i]) == 0)
			return 1;
	return 0;
}

/* Elements of a parsed fragment, in document order. */
struct elems {
	xmlNodePtr *v;
	size_t n, cap;
};

static void
elems_collect(xmlNodePtr n, struct elems *l)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!markup_is_placeholder(n)) {
			l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
			l->v[l->n++] = n;
		}
		elems_collect(n->children, l);
	}
}

static int
source_has_element(const struct elems *s, const xmlChar *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (xmlStrEqual(s->v[i]->name, name))
			return 1;
	return 0;
}

static int
source_has_attr(const struct elems *s, const xmlChar *el, const xmlChar *attr)
{
	for (size_t i = 0; i < s->n; i++) {
		if (!xmlStrEqual(s->v[i]->name, el))
			continue;
		for (xmlAttrPtr a = s->v[i]->properties; a != NULL; a = a->next)
			if (xmlStrEqual(a->name, attr))
				return 1;
	}
	return 0;
}

static int
source_has_value(const struct elems *s, const xmlChar *attr, const char *value)
{
	for (size_t i = 0; i < s->n; i++) {
		xmlChar *v = xmlGetProp(s->v[i], attr);
		int same = v != NULL && strcmp((const char *)v, value) == 0;
		xmlFree(v);
		if (same)
			return 1;
	}
	return 0;
}

/* The scheme of a URL as a browser reads it: white space and control
 * characters are ignored, case does not matter ("Java\tScript:"). */
static const char *
bad_scheme(const char *v)
{
	char buf[16];
	size_t n = 0;

	for (; *v != '\0' && n < sizeof buf - 1; v++) {
		unsigned char c = (unsigned char)*v;
		if (c <= 0x20)
			continue;
		if (c == ':')
			break;
		buf[n++] = (char)tolower(c);
	}
	buf[n] = '\0';
	if (*v != ':')
		return NULL;
	if (strcmp(buf, "javascript") == 0)
		return "javascript:";
	if (strcmp(buf, "vbscript") == 0)
		return "vbscript:";
	if (strcmp(buf, "data") == 0)
		return "data:";
	return NULL;
}

static void
check_unsafe(struct entry_ctx *x, const struct elems *s, const struct elems *t)
{
	for (size_t i = 0; i < t->n; i++) {
		xmlNodePtr el = t->v[i];
		const char *name = (const char *)el->name;
		int known = source_has_element(s, el->name);
		if (!known) {
			if (in_list(dangerous_elements, el->name))
				ck_report(x, CMSG_UNSAFE_TAG, name);
			else
				ck_report(x, CMSG_UNSAFE_ELEMENT, name);
			continue;
		}
		for (xmlAttrPtr a = el->properties; a != NULL; a = a->next) {
			const char *an = (const char *)a->name;
			int had = source_has_attr(s, el->name, a->name);
			if (!had && (an[0] == 'o' || an[0] == 'O') && (an[1] == 'n' || an[1] == 'N')) {
				ck_report(x, CMSG_UNSAFE_HANDLER, an, name);
				continue;
			}
			if (!had) {
				ck_report(x, CMSG_UNSAFE_ATTR, an, name);
				continue;
			}
			if (url_attr(a->name)) {
				xmlChar *v = xmlNodeListGetString(el->doc, a->children, 1);
				const char *scheme = v ? bad_scheme((const char *)v) : NULL;
				if (scheme != NULL && !source_has_value(s, a->name, (const char *)v))
					ck_report(x, CMSG_UNSAFE_URL, an, name, scheme);
				xmlFree(v);
			}
		}
	}
}

/* ---- URLs and e-mail addresses -------------------------------------------- */

struct strset {
	char **v;
	size_t n, cap;
};

static void
set_add(struct strset *s, const char *p, size_t len)
{
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == len && memcmp(s->v[i], p, len) == 0)
			return;
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n++] = xstrndup(p, len);
}

static int
set_has(const struct strset *s, const char *p)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], p) == 0)
			return 1;
	return 0;
}

static void
set_release(struct strset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static int
url_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != '"' && c != '`';
}

/* Trailing punctuation belongs to the sentence, not the URL. */
static size_t
trim_url(const char *p, size_t len)
{
	while (len > 0 && strchr(".,;:!?)]}'", p[len - 1]) != NULL) {
		if (p[len - 1] == ')' && memchr(p, '(', len) != NULL)
			break;
		len--;
	}
	return len;
}

static int
starts_url(const char *p, const char *start)
{
	static const char *const schemes[] = {
		"https://", "http://", "ftp://", "mailto:", "www.", NULL,
	};
	if (p > start && (isalnum((unsigned char)p[-1]) || p[-1] == '/' || p[-1] == '.'))
		return 0;
	for (size_t i = 0; schemes[i] != NULL; i++)
		if (strncasecmp(p, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return 0;
}

static void
text_urls(const char *s, struct strset *urls, struct strset *emails)
{
	if (strchr(s, '@') == NULL && strstr(s, "://") == NULL && strstr(s, "www.") == NULL &&
	    strstr(s, "WWW.") == NULL && strstr(s, "mailto:") == NULL && strstr(s, "MAILTO:") == NULL)
		return;
	for (const char *p = s; *p != '\0'; p++) {
		if (starts_url(p, s)) {
			const char *q = p;
			while (url_char((unsigned char)*q))
				q++;
			size_t len = trim_url(p, (size_t)(q - p));
			set_add(urls, p, len);
			p = p + len - 1;
			continue;
		}
		if (*p == '@' && p > s) {
			const char *a = p, *b = p + 1;
			while (a > s && (isalnum((unsigned char)a[-1]) || strchr("._%+-", a[-1])))
				a--;
			while (isalnum((unsigned char)*b) || *b == '.' || *b == '-')
				b++;
			size_t len = (size_t)(b - a);
			while (len > 0 && a[len - 1] == '.')
				len--;
			const char *dot = memchr(p, '.', (size_t)(a + len - p));
			if (a < p && dot != NULL && dot + 1 < a + len)
				set_add(emails, a, len);
		}
	}
}

static void
attr_urls(const struct elems *l, struct strset *urls, struct strset *emails)
{
	for (size_t i = 0; i < l->n; i++) {
		for (xmlAttrPtr a = l->v[i]->properties; a != NULL; a = a->next) {
			if (!url_attr(a->name))
				continue;
			xmlChar *v = xmlNodeListGetString(l->v[i]->doc, a->children, 1);
			if (v != NULL && *v != '\0') {
				set_add(urls, (const char *)v, strlen((const char *)v));
				if (strncasecmp((const char *)v, "mailto:", 7) == 0) {
					const char *addr = (const char *)v + 7;
					set_add(emails, addr, strcspn(addr, "?"));
				}
			}
			xmlFree(v);
		}
	}
}

static void
check_urls(struct entry_ctx *x, const struct elems *s, const struct elems *t)
{
	struct strset su = { 0 }, se = { 0 }, tu = { 0 }, te = { 0 };

	text_urls(x->src->all.buf, &su, &se);
	attr_urls(s, &su, &se);
	if (su.n == 0 && se.n == 0)
		return;
	text_urls(x->tr->all.buf, &tu, &te);
	attr_urls(t, &tu, &te);
	for (size_t i = 0; i < su.n; i++)
		if (!set_has(&tu, su.v[i]))
			ck_report(x, CMSG_URL_MISSING, su.v[i]);
	for (size_t i = 0; i < se.n; i++)
		if (!set_has(&te, se.v[i]))
			ck_report(x, CMSG_EMAIL_MISSING, se.v[i]);
	set_release(&su);
	set_release(&se);
	set_release(&tu);
	set_release(&te);
}

/* ---- markup ------------------------------------------------------------------ */

static void
report_issue(struct entry_ctx *x, const struct markup_issue *is)
{
	switch (is->code) {
	case DIAG_MERGE_MISSING_ELEMENT:
		ck_report(x, CMSG_MARKUP_MISSING_ELEMENT, is->arg1);
		break;
	case DIAG_MERGE_EXTRA_ELEMENT:
		ck_report(x, CMSG_MARKUP_EXTRA_ELEMENT, is->arg1);
		break;
	case DIAG_MERGE_ATTR_MISSING:
		ck_report(x, CMSG_MARKUP_ATTR_MISSING, is->arg1, is->arg2);
		break;
	case DIAG_MERGE_ATTR_CHANGED:
		ck_report(x, CMSG_MARKUP_ATTR_CHANGED, is->arg1, is->arg2, is->arg3);
		break;
	case DIAG_MERGE_PLACEHOLDER:
		ck_report(x, CMSG_MARKUP_PLACEHOLDER, is->arg1, is->arg2);
		break;
	case DIAG_MERGE_NESTING:
		if (strcmp(is->arg2, "(top level)") == 0 || strcmp(is->arg2, "?") == 0)
			ck_report(x, CMSG_MARKUP_NESTING_TOP, is->arg1);
		else
			ck_report(x, CMSG_MARKUP_NESTING, is->arg1, is->arg2);
		break;
	case DIAG_MERGE_NODE_KIND:
		ck_report(x, CMSG_MARKUP_NODE_KIND, is->arg1);
		break;
	default:
		/* Added elements and attributes: the unsafe check names them;
		 * bidi controls: the bidi check. */
		break;
	}
}

/* Translatable attributes may change but not become empty. */
static void
check_attr_values(struct entry_ctx *x, const struct elems *s, const struct elems *t)
{
	for (size_t i = 0; i < s->n; i++) {
		for (xmlAttrPtr a = s->v[i]->properties; a != NULL; a = a->next) {
			if (!markup_attr_translatable(x->kind, s->v[i]->name, a->name))
				continue;
			xmlChar *sv = xmlNodeListGetString(s->v[i]->doc, a->children, 1);
			int src_empty = sv == NULL || *sv == '\0';
			xmlFree(sv);
			if (src_empty)
				continue;
			for (size_t j = 0; j < t->n; j++) {
				if (!xmlStrEqual(t->v[j]->name, s->v[i]->name))
					continue;
				xmlChar *tv = xmlGetProp(t->v[j], a->name);
				int empty = tv != NULL && *tv == '\0';
				xmlFree(tv);
				if (empty) {
					ck_report(x, CMSG_MARKUP_ATTR_EMPTY, (const char *)a->name,
					    (const char *)t->v[j]->name);
					return;
				}
			}
		}
	}
}

/* libxml2 names our wrapper element in "tag mismatch" messages
 * ("…mismatch: div and em", "…: emphasis line 1 and l10n-wrap"): say
 * which element of the translation is left open instead. */
static void
report_not_well_formed(struct entry_ctx *x, const char *why)
{
	static const char key[] = "opening and ending tag mismatch: ";
	char name[64];
	const char *p = strstr(why, key);

	if (p != NULL) {
		p += sizeof key - 1;
		if (strncmp(p, "div and ", 8) == 0 && sscanf(p + 8, "%63[^ ]", name) == 1 &&
		    strchr(p + 8, ' ') == NULL) {
			ck_report(x, CMSG_NOT_CLOSED, name);
			return;
		}
		if (strstr(p, " and l10n-wrap") != NULL && sscanf(p, "%63[^ ]", name) == 1) {
			ck_report(x, CMSG_NOT_CLOSED, name);
			return;
		}
	}
	ck_report(x, CMSG_NOT_WELL_FORMED, why);
}

void
check_markup(struct entry_ctx *x)
{
	struct elems s = { 0 }, t = { 0 };
	struct markup_issue is;

	if (x->src->has_markup && !x->src->parsed)
		return;
	if (x->tr->has_markup && !x->tr->parsed) {
		report_not_well_formed(x, x->tr->why);
		return;
	}
	if (x->tr->parsed && x->kind == XMLIO_HTML && x->tr->why[0] != '\0' &&
	    !(x->src->parsed && x->src->why[0] != '\0'))
		report_not_well_formed(x, x->tr->why);
	if (x->src->parsed)
		elems_collect(x->src->m.root->children, &s);
	if (x->tr->parsed)
		elems_collect(x->tr->m.root->children, &t);
	if (ck_on(x, CHECK_UNSAFE))
		check_unsafe(x, &s, &t);
	if (ck_on(x, CHECK_MARKUP) && (x->src->parsed || x->tr->parsed)) {
		if (x->src->parsed && x->tr->parsed) {
			if (markup_compare(&x->src->m, &x->tr->m, x->kind, &is) < 0) {
				/* An element the source does not have at all is the
				 * unsafe check's. */
				if (is.code != DIAG_MERGE_EXTRA_ELEMENT ||
				    source_has_element(&s, (const xmlChar *)is.arg1))
					report_issue(x, &is);
			}
			else
				check_attr_values(x, &s, &t);
		} else if (x->src->parsed) {
			/* The translation is plain text: every element is missing. */
			for (size_t i = 0; i < s.n; i++) {
				ck_report(x, CMSG_MARKUP_MISSING_ELEMENT, (const char *)s.v[i]->name);
				break;
			}
			if (s.n == 0 && strstr(x->src->text.buf, PH_CHAR) != NULL) {
				xmlNodePtr n = x->src->m.root->children;
				while (n != NULL && !(n->type == XML_ELEMENT_NODE && markup_is_placeholder(n)))
					n = n->next;
				if (n != NULL)
					ck_report(x, CMSG_MARKUP_PLACEHOLDER, (const char *)n->name, "is missing");
			}
		}
	}
	if (ck_on(x, CHECK_URLS) || ck_on(x, CHECK_EMAILS))
		check_urls(x, &s, &t);
	free(s.v);
	free(t.v);
}
