/* fo-writer.c - XSL-FO from localised DocBook: the report stylesheet,
 * compiled once, applied with each language's parameters. */
#include "fo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libexslt/exslt.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "fsutil.h"
#include "lang.h"
#include "xalloc.h"
#include "xmlio.h"

#define FO_NS "http://www.w3.org/1999/XSL/Format"
#define DEFAULT_DATE_SKELETON "yMMMMd"

struct fo_font {
	char script[8];
	char *family;
};

struct fo_style {
	xsltStylesheetPtr xsl;
	char *path;
	xsltSecurityPrefsPtr sec;
	char *fallback;			/* "Noto Sans, DejaVu Sans, ..." */
	struct fo_font *fonts;
	size_t nfonts, cap_fonts;
	char **hyphenate;		/* languages with FOP patterns */
	size_t nhyph, cap_hyph;
};

/* ---- Messages of libxslt and libxml2 while a stylesheet runs ---------- */

struct capture {
	struct strbuf text;
};

static void
capture_message(void *ctx, const char *fmt, ...)
{
	struct capture *c = ctx;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&c->text, fmt, ap);
	va_end(ap);
}

/* One diagnostic per line captured, as CODE. */
static void
capture_flush(struct diag *d, struct capture *c, enum diag_code code, const char *file)
{
	char *line = c->text.buf;

	while (line != NULL && *line != '\0') {
		char *nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		if (*line != '\0')
			diag(d, code, file, 0, 0, line);
		line = nl ? nl + 1 : NULL;
	}
	strbuf_reset(&c->text);
}

static void
capture_start(struct capture *c)
{
	strbuf_init(&c->text, 0);
	xsltSetGenericErrorFunc(c, capture_message);
	xmlSetGenericErrorFunc(c, capture_message);
}

static void
capture_stop(void)
{
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
}

/* ---- The font configuration (src/fo/fonts.conf) ----------------------- */

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int
fonts_load(struct diag *d, struct fo_style *st, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned long lineno = 0;
	char *p, *next;
	int errors = 0;

	if (read_file(d, path, fs_input_limit(), &sb) < 0) {
		strbuf_release(&sb);
		return -1;
	}
	for (p = sb.buf; p != NULL && *p != '\0'; p = next) {
		next = strchr(p, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		char *line = trim(p);
		if (*line == '\0' || *line == '#')
			continue;
		size_t kw = strcspn(line, " \t");
		char *rest = trim(line + kw);
		if (kw == 8 && strncmp(line, "fallback", 8) == 0 && *rest != '\0') {
			free(st->fallback);
			st->fallback = xstrdup(rest);
		} else if (kw == 4 && strncmp(line, "font", 4) == 0 && *rest != '\0') {
			size_t sl = strcspn(rest, " \t");
			char *family = trim(rest + sl);
			if (sl == 0 || sl >= sizeof st->fonts->script || *family == '\0') {
				diag(d, DIAG_FO_FONTS_SYNTAX, path, lineno, 1, line);
				errors++;
				continue;
			}
			st->fonts = xgrow(st->fonts, &st->cap_fonts, st->nfonts + 1, sizeof *st->fonts);
			memcpy(st->fonts[st->nfonts].script, rest, sl);
			st->fonts[st->nfonts].script[sl] = '\0';
			st->fonts[st->nfonts].family = xstrdup(family);
			st->nfonts++;
		} else if (kw == 9 && strncmp(line, "hyphenate", 9) == 0) {
			for (char *w = strtok(rest, " \t"); w != NULL; w = strtok(NULL, " \t")) {
				st->hyphenate = xgrow(st->hyphenate, &st->cap_hyph, st->nhyph + 1,
				    sizeof *st->hyphenate);
				st->hyphenate[st->nhyph++] = xstrdup(w);
			}
		} else {
			diag(d, DIAG_FO_FONTS_SYNTAX, path, lineno, 1, line);
			errors++;
		}
	}
	strbuf_release(&sb);
	if (st->fallback == NULL) {
		diag(d, DIAG_FO_NO_FONTS, path, 0, 0);
		errors++;
	}
	return errors ? -1 : 0;
}

/* The language's font list: its script's font, then the fallbacks
 * (without repeating it). */
static void
font_family(const struct fo_style *st, const char *script, struct strbuf *out)
{
	const char *first = NULL;
	char *list, *save = NULL;

	for (size_t i = 0; i < st->nfonts; i++)
		if (strcmp(st->fonts[i].script, script) == 0)
			first = st->fonts[i].family;
	if (first != NULL)
		strbuf_puts(out, first);
	list = xstrdup(st->fallback);
	for (char *f = strtok_r(list, ",", &save); f != NULL; f = strtok_r(NULL, ",", &save)) {
		f = trim(f);
		if (*f == '\0' || (first != NULL && strcmp(f, first) == 0))
			continue;
		if (out->len > 0)
			strbuf_puts(out, ", ");
		strbuf_puts(out, f);
	}
	free(list);
}

static int
hyphenates(const struct fo_style *st, const char *language)
{
	for (size_t i = 0; i < st->nhyph; i++)
		if (strcmp(st->hyphenate[i], language) == 0)
			return 1;
	return 0;
}

/* ---- The stylesheet ----------------------------------------------------- */

struct fo_style *
fo_style_load(struct diag *d, const char *xsl, const char *fonts)
{
	struct fo_style *st = xcalloc(1, sizeof *st);
	struct capture cap;
	xmlDocPtr doc;

	st->path = xstrdup(xsl);
	if (fonts_load(d, st, fonts) < 0) {
		fo_style_free(st);
		return NULL;
	}
	xmlio_xslt_init();
	/* EXSLT (node-set, strings, dates ...) for publishers' stylesheets;
	 * exsl:document stays forbidden by the security preferences below. */
	exsltRegisterAll();
	doc = xmlio_read_stylesheet(d, xsl, NULL);
	if (doc == NULL) {
		diag(d, DIAG_FO_STYLESHEET, xsl, 0, 0, xsl);
		fo_style_free(st);
		return NULL;
	}
	capture_start(&cap);
	st->xsl = xsltParseStylesheetDoc(doc);
	capture_stop();
	if (st->xsl == NULL || st->xsl->errors > 0) {
		capture_flush(d, &cap, DIAG_FO_XSLT, xsl);
		diag(d, DIAG_FO_STYLESHEET, xsl, 0, 0, xsl);
		if (st->xsl == NULL)
			xmlFreeDoc(doc);
		strbuf_release(&cap.text);
		fo_style_free(st);
		return NULL;
	}
	capture_flush(d, &cap, DIAG_FO_XSLT_MESSAGE, xsl);
	strbuf_release(&cap.text);
	/* A stylesheet may read local files (document()); it never writes
	 * files or uses the network. */
	st->sec = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(st->sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(st->sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(st->sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(st->sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	return st;
}

void
fo_style_free(struct fo_style *st)
{
	if (st == NULL)
		return;
	if (st->xsl != NULL)
		xsltFreeStylesheet(st->xsl);
	if (st->sec != NULL)
		xsltFreeSecurityPrefs(st->sec);
	for (size_t i = 0; i < st->nfonts; i++)
		free(st->fonts[i].family);
	for (size_t i = 0; i < st->nhyph; i++)
		free(st->hyphenate[i]);
	free(st->fonts);
	free(st->hyphenate);
	free(st->fallback);
	free(st->path);
	free(st);
}

/* ---- Parameters ---------------------------------------------------------- */

struct params {
	const char **v;		/* name, value, ..., NULL */
	size_t n, cap;
	struct arena arena;
};

static void
param(struct params *p, const char *name, const char *value)
{
	p->v = xgrow(p->v, &p->cap, p->n + 3, sizeof *p->v);
	p->v[p->n++] = arena_strdup(&p->arena, name);
	p->v[p->n++] = arena_strdup(&p->arena, value);
	p->v[p->n] = NULL;
}

static void
language_params(struct diag *d, const struct fo_style *st, const struct fo_job *job,
    struct params *p)
{
	char language[16], region[16], script[16], buf[32];
	char q[4][16];
	struct strbuf sb = STRBUF_INIT;
	int rtl = lang_is_rtl(job->lang);

	lang_language(job->lang, language, sizeof language);
	lang_region(job->lang, region, sizeof region);
	lang_script(job->lang, script, sizeof script);
	param(p, "lang", job->lang);
	param(p, "language", language);
	param(p, "country", region);
	param(p, "script", script);
	param(p, "writing-mode", rtl ? "rl-tb" : "lr-tb");
	param(p, "hyphenate", hyphenates(st, language) ? "true" : "false");
	font_family(st, script, &sb);
	param(p, "font-family", sb.buf);
	strbuf_reset(&sb);

	lang_script(job->source_lang, script, sizeof script);
	param(p, "source-lang", job->source_lang);
	font_family(st, script, &sb);
	param(p, "source-font-family", sb.buf);
	param(p, "source-writing-mode", lang_is_rtl(job->source_lang) ? "rl-tb" : "lr-tb");
	param(p, "source-script", script);
	strbuf_reset(&sb);

	lang_digits(job->lang, &sb);
	param(p, "digits", sb.buf);
	strbuf_reset(&sb);
	lang_quotes(job->lang, q[0], q[1], q[2], q[3]);
	param(p, "quote-open", q[0]);
	param(p, "quote-close", q[1]);
	param(p, "quote-alt-open", q[2]);
	param(p, "quote-alt-close", q[3]);

	const char *skeleton = job->layout ? layout_get(job->layout, "date-format") : NULL;
	if (skeleton == NULL)
		skeleton = DEFAULT_DATE_SKELETON;
	if (lang_format_date(job->lang, skeleton, job->date, &sb) < 0) {
		diag(d, DIAG_FO_DATE_FORMAT, NULL, 0, 0, skeleton, job->lang,
		    DEFAULT_DATE_SKELETON);
		strbuf_reset(&sb);
		lang_format_date(job->lang, DEFAULT_DATE_SKELETON, job->date, &sb);
	}
	param(p, "date", sb.buf ? sb.buf : "");
	strbuf_reset(&sb);

	snprintf(buf, sizeof buf, "%u", job->fallback_units);
	param(p, "fallback-units", buf);
	lang_display_name(job->lang, job->lang, &sb);
	param(p, "language-name", sb.buf);
	strbuf_reset(&sb);
	lang_display_name(job->source_lang, job->lang, &sb);
	param(p, "source-language-name", sb.buf);
	strbuf_release(&sb);
	param(p, "footnote-visual-order", rtl && job->footnote_visual_order ? "yes" : "no");

	for (size_t i = 0; job->layout != NULL && i < job->layout->n; i++) {
		char *name = xasprintf("l10n.%s", job->layout->v[i].name);
		param(p, name, job->layout->v[i].pattern);
		free(name);
	}
}

static int
is_fo_root(xmlDocPtr doc)
{
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;

	return root != NULL && root->ns != NULL &&
	    xmlStrEqual(root->ns->href, (const xmlChar *)FO_NS) &&
	    xmlStrEqual(root->name, (const xmlChar *)"root");
}

/* A result left to the process's exit, where valgrind's leak check sees
 * it reachable. */
static xmlDocPtr volatile kept_result;

int
fo_write(struct diag *d, struct fo_style *st, xmlDocPtr doc, const struct fo_job *job,
    const char *path)
{
	struct params p = { NULL, 0, 0, ARENA_INIT };
	xsltTransformContextPtr ctxt;
	struct capture cap;
	xmlDocPtr res;
	int failed, r;

	language_params(d, st, job, &p);
	ctxt = xsltNewTransformContext(st->xsl, doc);
	if (ctxt == NULL) {
		diag(d, DIAG_FO_TRANSFORM, NULL, 0, 0, path);
		free(p.v);
		arena_release(&p.arena);
		return -1;
	}
	capture_start(&cap);
	xsltSetTransformErrorFunc(ctxt, &cap, capture_message);
	xsltSetCtxtSecurityPrefs(st->sec, ctxt);
	/* Every value is a string, never an XPath expression. */
	xsltQuoteUserParams(ctxt, p.v);
	res = xsltApplyStylesheetUser(st->xsl, doc, NULL, NULL, NULL, ctxt);
	failed = res == NULL || ctxt->state == XSLT_STATE_ERROR ||
	    ctxt->state == XSLT_STATE_STOPPED;
	capture_stop();
	xsltFreeTransformContext(ctxt);
	free(p.v);
	arena_release(&p.arena);
	capture_flush(d, &cap, failed ? DIAG_FO_XSLT : DIAG_FO_XSLT_MESSAGE, st->path);
	strbuf_release(&cap.text);
	if (failed) {
		diag(d, DIAG_FO_TRANSFORM, NULL, 0, 0, path);
		xmlFreeDoc(res);
		return -1;
	}
	if (!is_fo_root(res)) {
		diag(d, DIAG_FO_NOT_FO, NULL, 0, 0, path);
		xmlFreeDoc(res);
		return -1;
	}
	if (lang_is_rtl(job->lang) && job->footnote_visual_order)
		fo_visual_order_footnotes(d, res, job->lang);
	/* A block at a time: the report's XSL-FO, whole in memory (8 MB
	 * for 5.4), was a tenth of the build's peak. */
	r = xmlio_write_file(d, res, path);
	if (job->keep_result)
		kept_result = res;
	else
		xmlFreeDoc(res);
	return r;
}
