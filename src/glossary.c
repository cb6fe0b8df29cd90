/* glossary.c - the terminology glossary (TBX-Basic, ISO 30042) and the
 * glossary check: where a term of the glossary occurs in the source, the
 * translation uses an approved rendering for its language. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "check-impl.h"
#include "lang.h"

struct gterm {
	const char *text;	/* as written in the glossary */
	const char *fold;	/* case-folded */
	const char *first;	/* its first word, ASCII letters lowercased */
	int deprecated;
};

struct glang {
	char tag[64];		/* BCP 47 */
	struct gterm *t;
	size_t n, cap;
};

struct gentry {
	struct glang *langs;
	size_t nlangs, cap;
	int dnt;		/* do not translate: names check */
};

struct glossary {
	char source[64];	/* the source language, BCP 47 */
	struct gentry *v;
	size_t n, cap;
	struct arena arena;
};

static int
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

static char *
lang_of(struct glossary *g, xmlNodePtr n)
{
	xmlChar *l = xmlNodeGetLang(n);
	char tag[64];
	char *r;

	if (l == NULL || lang_bcp47((const char *)l, tag, sizeof tag) < 0)
		snprintf(tag, sizeof tag, "%s", l ? (const char *)l : "");
	xmlFree(l);
	r = arena_strdup(&g->arena, tag);
	return r;
}

/* One term: TBX v2 <tig>/<ntig>, TBX v3 <termSec>. */
static void
term(struct glossary *g, struct glang *gl, struct gentry *ge, xmlNodePtr sec)
{
	struct gterm t = { NULL, NULL, NULL, 0 };
	struct strbuf f = STRBUF_INIT;

	for (xmlNodePtr c = sec->children; c != NULL; c = c->next) {
		if (is(c, "termGrp")) {
			term(g, gl, ge, c);
			return;
		}
		if (is(c, "term")) {
			xmlChar *v = xmlNodeGetContent(c);
			struct strbuf sb = STRBUF_INIT;
			strbuf_puts(&sb, v ? (const char *)v : "");
			strbuf_normalize_space(&sb);
			t.text = arena_strdup(&g->arena, sb.buf);
			strbuf_release(&sb);
			xmlFree(v);
		} else if (is(c, "termNote")) {
			xmlChar *type = xmlGetProp(c, (const xmlChar *)"type");
			xmlChar *v = xmlNodeGetContent(c);
			if (type && v && xmlStrEqual(type, (const xmlChar *)"administrativeStatus") &&
			    xmlStrstr(v, (const xmlChar *)"deprecated") != NULL)
				t.deprecated = 1;
			if (type && v && xmlStrEqual(type, (const xmlChar *)"transferComment") &&
			    xmlStrstr(v, (const xmlChar *)"not translate") != NULL)
				ge->dnt = 1;
			xmlFree(type);
			xmlFree(v);
		}
	}
	if (t.text == NULL || *t.text == '\0')
		return;
	ck_fold(t.text, strlen(t.text), &f);
	t.fold = arena_strdup(&g->arena, f.buf ? f.buf : "");
	char *first = arena_strndup(&g->arena, t.text, strcspn(t.text, " "));
	for (char *p = first; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	t.first = first;
	strbuf_release(&f);
	gl->t = xgrow(gl->t, &gl->cap, gl->n + 1, sizeof *gl->t);
	gl->t[gl->n++] = t;
}

static void
entry(struct glossary *g, xmlNodePtr el)
{
	struct gentry ge = { NULL, 0, 0, 0 };

	for (xmlNodePtr ls = el->children; ls != NULL; ls = ls->next) {
		if (!is(ls, "langSet") && !is(ls, "langSec"))
			continue;
		struct glang gl;
		memset(&gl, 0, sizeof gl);
		snprintf(gl.tag, sizeof gl.tag, "%s", lang_of(g, ls));
		for (xmlNodePtr t = ls->children; t != NULL; t = t->next)
			if (is(t, "tig") || is(t, "ntig") || is(t, "termSec"))
				term(g, &gl, &ge, t);
		ge.langs = xgrow(ge.langs, &ge.cap, ge.nlangs + 1, sizeof *ge.langs);
		ge.langs[ge.nlangs++] = gl;
	}
	g->v = xgrow(g->v, &g->cap, g->n + 1, sizeof *g->v);
	g->v[g->n++] = ge;
}

static void
walk(struct glossary *g, xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (is(n, "termEntry") || is(n, "conceptEntry"))
			entry(g, n);
		else if (n->type == XML_ELEMENT_NODE)
			walk(g, n->children);
	}
}

struct glossary *
glossary_load(struct diag *d, const char *path)
{
	xmlDocPtr doc = xmlio_read(d, path, XMLIO_XML);
	struct glossary *g;
	xmlNodePtr root;

	if (doc == NULL)
		return NULL;
	g = xcalloc(1, sizeof *g);
	root = xmlDocGetRootElement(doc);
	snprintf(g->source, sizeof g->source, "%s", root ? lang_of(g, root) : "en");
	if (g->source[0] == '\0')
		snprintf(g->source, sizeof g->source, "en");
	walk(g, root);
	xmlFreeDoc(doc);
	return g;
}

void
glossary_free(struct glossary *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->n; i++) {
		for (size_t j = 0; j < g->v[i].nlangs; j++)
			free(g->v[i].langs[j].t);
		free(g->v[i].langs);
	}
	free(g->v);
	arena_release(&g->arena);
	free(g);
}

/* The terms of entry E for TAG: the exact tag, else the language alone. */
static const struct glang *
for_lang(const struct gentry *e, const char *tag)
{
	char lang[16], l2[16];

	for (size_t i = 0; i < e->nlangs; i++)
		if (strcmp(e->langs[i].tag, tag) == 0)
			return &e->langs[i];
	lang_language(tag, lang, sizeof lang);
	for (size_t i = 0; i < e->nlangs; i++) {
		lang_language(e->langs[i].tag, l2, sizeof l2);
		if (strcmp(l2, lang) == 0 && strchr(e->langs[i].tag, '-') == NULL)
			return &e->langs[i];
	}
	return NULL;
}

void
glossary_names(const struct glossary *g, const char *tag,
    void (*dnt)(void *, const char *), void (*same)(void *, const char *), void *arg)
{
	for (size_t i = 0; i < g->n; i++) {
		const struct glang *src = for_lang(&g->v[i], g->source);
		const struct glang *tr = for_lang(&g->v[i], tag);
		if (src == NULL)
			continue;
		for (size_t k = 0; k < src->n; k++) {
			if (g->v[i].dnt) {
				dnt(arg, src->t[k].text);
				continue;
			}
			for (size_t j = 0; tr != NULL && j < tr->n; j++)
				if (!tr->t[j].deprecated && strcmp(tr->t[j].text, src->t[k].text) == 0)
					same(arg, src->t[k].text);
		}
	}
}

/* ---- Matching --------------------------------------------------------------- */

/* Words of folded text: runs between spaces and punctuation; an
 * apostrophe separates too, so that elisions match (dell’espianto,
 * d’opinion in the term and the text alike). */
struct words {
	const char *s[256];
	size_t len[256];
	size_t n;
};

static void
split(const char *s, struct words *w)
{
	int32_t i = 0, len = (int32_t)strlen(s), start = -1;

	w->n = 0;
	while (i <= len) {
		int32_t at = i;
		UChar32 c = 0;
		int sep = 1;
		if (i < len) {
			U8_NEXT(s, i, len, c);
			sep = c < 0 || u_isspace(c) || c == 0xfffc || u_ispunct(c);
		} else {
			i++;
		}
		if (!sep && start < 0)
			start = at;
		if (sep && start >= 0) {
			if (w->n < 256) {
				w->s[w->n] = s + start;
				w->len[w->n++] = (size_t)(at - start);
			}
			start = -1;
		}
	}
}

static int
contains(const char *hay, size_t hl, const char *needle, size_t nl, int prefix_only)
{
	if (nl > hl)
		return 0;
	if (prefix_only)
		return memcmp(hay, needle, nl) == 0;
	for (size_t i = 0; i + nl <= hl; i++)
		if (memcmp(hay + i, needle, nl) == 0)
			return 1;
	return 0;
}

/* Does folded TEXT (split in W) contain the folded TERM?  Each word of the
 * term is found in consecutive words of the text with up to SLACK more
 * bytes: inflections (gewaltlosen), Hebrew prefixes (מאסירי). */
static int
matches(const char *text, const struct words *w, const char *term, int spaceless,
    int prefix_only, size_t slack)
{
	struct words tw;

	if (spaceless)
		return strstr(text, term) != NULL;
	split(term, &tw);
	if (tw.n == 0)
		return 0;
	for (size_t i = 0; i + tw.n <= w->n; i++) {
		size_t k = 0;
		for (; k < tw.n; k++) {
			if (w->len[i + k] > tw.len[k] + slack ||
			    !contains(w->s[i + k], w->len[i + k], tw.s[k], tw.len[k], prefix_only))
				break;
		}
		if (k == tw.n)
			return 1;
	}
	return 0;
}

void
check_glossary(struct entry_ctx *x, const struct glossary *g)
{
	struct checker_impl *im = x->ck->impl;
	struct words *sw = NULL, *tw = NULL;
	struct strbuf lower = STRBUF_INIT;

	for (size_t i = 0; i < g->n; i++) {
		const struct gentry *e = &g->v[i];
		const struct glang *src, *tr;
		if (e->dnt || (src = for_lang(e, g->source)) == NULL ||
		    (tr = for_lang(e, x->ck->lang)) == NULL || tr->n == 0)
			continue;
		/* The source is (nearly always) English: looking for the terms'
		 * first words in its ASCII-lowercased text avoids folding most
		 * texts. */
		if (lower.buf == NULL) {
			strbuf_add(&lower, x->src->all.buf, x->src->all.len);
			for (size_t k = 0; k < lower.len; k++)
				lower.buf[k] = (char)tolower((unsigned char)lower.buf[k]);
		}
		int maybe = 0;
		for (size_t k = 0; k < src->n && !maybe; k++) {
			maybe = strstr(lower.buf, src->t[k].first) != NULL;
			for (const char *p = src->t[k].first; *p && !maybe; p++)
				maybe = (unsigned char)*p >= 0x80;
		}
		if (!maybe)
			continue;
		side_fold(x->src);
		if (x->src->fold.buf == NULL)
			break;
		const struct gterm *found = NULL;
		for (size_t k = 0; k < src->n && found == NULL; k++) {
			/* Cheap test first: the term's first word must occur. */
			size_t fl = strcspn(src->t[k].fold, " ");
			char first[64];
			if (fl >= sizeof first)
				fl = sizeof first - 1;
			memcpy(first, src->t[k].fold, fl);
			first[fl] = '\0';
			if (strstr(x->src->fold.buf, first) == NULL)
				continue;
			if (sw == NULL) {
				sw = xmalloc(sizeof *sw);
				split(x->src->fold.buf, sw);
			}
			if (matches(x->src->fold.buf, sw, src->t[k].fold, 0, 1, 3))
				found = &src->t[k];
		}
		if (found == NULL)
			continue;
		side_fold(x->tr);
		if (tw == NULL) {
			tw = xmalloc(sizeof *tw);
			split(x->tr->fold.buf ? x->tr->fold.buf : "", tw);
		}
		const struct gterm *preferred = NULL, *deprecated = NULL;
		int ok = 0;
		for (size_t k = 0; k < tr->n && !ok; k++) {
			const struct gterm *t = &tr->t[k];
			if (!t->deprecated && preferred == NULL)
				preferred = t;
			if (matches(x->tr->fold.buf ? x->tr->fold.buf : "", tw, t->fold,
			    im->spaceless, 0, 4)) {
				if (t->deprecated)
					deprecated = t;
				else
					ok = 1;
			}
		}
		if (ok || preferred == NULL)
			continue;
		if (deprecated != NULL)
			ck_report(x, CMSG_GLOSSARY_DEPRECATED, deprecated->text, found->text,
			    preferred->text);
		else
			ck_report(x, CMSG_GLOSSARY_TERM, found->text, preferred->text);
	}
	free(sw);
	free(tw);
	strbuf_release(&lower);
}
