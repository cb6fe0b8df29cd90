/* check.c - the table of checks, the checker of one language and the
 * driver that runs every check on every entry of a catalog. */
#define _GNU_SOURCE
#include "check.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/dict.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "check-impl.h"
#include "i18n.h"
#include "lang.h"
#include "ustr.h"

static const struct {
	const char *name;
	enum diag_level level;
	const char *desc, *why;
} checks[CHECK_N] = {
#define CHECK(e, id, lvl, d, w) [CHECK_##e] = { id, DIAG_LEVEL_##lvl, N_(d), N_(w) },
#include "check.def"
#undef CHECK
};

static const struct {
	enum check_id check;
	enum diag_level level;
	const char *fmt;
} msgs[CMSG_N] = {
#define CMSG(e, c, lvl, f) [CMSG_##e] = { CHECK_##c, DIAG_LEVEL_##lvl, N_(f) },
#include "check-msg.def"
#undef CMSG
};

const char *
check_name(enum check_id id)
{
	return checks[id].name;
}

enum diag_level
check_level(enum check_id id)
{
	return checks[id].level;
}

const char *
check_description(enum check_id id)
{
	return checks[id].desc;
}

const char *
check_rationale(enum check_id id)
{
	return checks[id].why;
}

int
check_by_name(const char *name)
{
	for (int i = 0; i < CHECK_N; i++)
		if (strcmp(name, checks[i].name) == 0)
			return i;
	return -1;
}

enum check_id
check_of_msg(enum check_msg m)
{
	return msgs[m].check;
}

/* ---- Session ------------------------------------------------------------ */

void
check_session_init(struct check_session *s, const struct glossary *g)
{
	memset(s, 0, sizeof *s);
	s->glossary = g;
}

void
check_session_release(struct check_session *s)
{
	hash_release(&s->seen);
	arena_release(&s->arena);
}

static void side_release(struct side *s);

/* ---- The checker -------------------------------------------------------- */

/* The usual ratio of a translation's length to its English source, in
 * grapheme clusters: languages not listed take 1.1.  Rough figures from
 * translated corpora; the band around them is wide (see check-text.c). */
static const struct {
	const char *lang;
	double ratio;
} ratios[] = {
	{ "de", 1.25 }, { "fr", 1.2 }, { "es", 1.2 }, { "it", 1.15 },
	{ "pt", 1.15 }, { "nl", 1.2 }, { "ru", 1.1 }, { "pl", 1.1 },
	{ "he", 0.9 }, { "ar", 0.95 }, { "fa", 1.0 }, { "ja", 0.45 },
	{ "zh", 0.3 }, { "ko", 0.55 }, { "th", 1.0 }, { "vi", 1.1 },
};

static int
script_spaceless(const char *script)
{
	static const char *const list[] = {
		"Hans", "Hant", "Hani", "Jpan", "Hira", "Kana", "Thai", "Laoo",
		"Khmr", "Mymr", "Tibt", NULL,
	};
	for (size_t i = 0; list[i] != NULL; i++)
		if (strcmp(script, list[i]) == 0)
			return 1;
	return 0;
}

int
checker_init(struct checker *ck, const char *lang, check_sink *sink, void *arg,
    struct check_session *session)
{
	struct checker_impl *im;
	UErrorCode st = U_ZERO_ERROR;
	char loc[ULOC_FULLNAME_CAPACITY];
	int32_t parsed;

	memset(ck, 0, sizeof *ck);
	for (int i = 0; i < CHECK_N; i++)
		ck->enabled[i] = 1;
	ck->sink = sink;
	ck->sink_arg = arg;
	ck->session = session;
	if (lang_bcp47(lang, ck->lang, sizeof ck->lang) < 0)
		return -1;
	ck->impl = im = xcalloc(1, sizeof *im);
	lang_language(ck->lang, im->language, sizeof im->language);
	lang_script(ck->lang, im->script, sizeof im->script);
	im->rtl = lang_is_rtl(ck->lang);
	im->spaceless = script_spaceless(im->script);
	im->ratio = 1.1;
	for (size_t i = 0; i < sizeof ratios / sizeof *ratios; i++)
		if (strcmp(im->language, ratios[i].lang) == 0)
			im->ratio = ratios[i].ratio;
	uloc_forLanguageTag(ck->lang, loc, sizeof loc, &parsed, &st);
	if (U_FAILURE(st))
		snprintf(loc, sizeof loc, "%s", ck->lang);
	/* ICU objects are opened once per language and reused for every
	 * message (opening them is far more expensive than using them). */
	st = U_ZERO_ERROR;
	im->nf_lang = unum_open(UNUM_DECIMAL, NULL, 0, loc, NULL, &st);
	if (U_FAILURE(st))
		im->nf_lang = NULL;
	st = U_ZERO_ERROR;
	im->nf_en = unum_open(UNUM_DECIMAL, NULL, 0, "en", NULL, &st);
	if (U_FAILURE(st))
		im->nf_en = NULL;
	st = U_ZERO_ERROR;
	im->spell = unum_open(UNUM_SPELLOUT, NULL, 0, loc, NULL, &st);
	if (U_FAILURE(st))
		im->spell = NULL;
	if (im->nf_lang != NULL) {
		st = U_ZERO_ERROR;
		unum_getSymbol(im->nf_lang, UNUM_GROUPING_SEPARATOR_SYMBOL,
		    im->group_lang, 4, &st);
		if (U_FAILURE(st))
			im->group_lang[0] = 0;
	}
	st = U_ZERO_ERROR;
	im->words = ubrk_open(UBRK_WORD, loc, NULL, 0, &st);
	if (U_FAILURE(st))
		im->words = NULL;
	st = U_ZERO_ERROR;
	im->chars = ubrk_open(UBRK_CHARACTER, loc, NULL, 0, &st);
	if (U_FAILURE(st))
		im->chars = NULL;
	st = U_ZERO_ERROR;
	im->nfc = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st))
		im->nfc = NULL;
	im->nplural = lang_plural_categories(ck->lang, im->plural_names);
	return 0;
}

void
checker_release(struct checker *ck)
{
	struct checker_impl *im = ck->impl;

	if (im == NULL)
		return;
	if (im->nf_lang)
		unum_close(im->nf_lang);
	if (im->nf_en)
		unum_close(im->nf_en);
	if (im->spell)
		unum_close(im->spell);
	if (im->words)
		ubrk_close(im->words);
	if (im->chars)
		ubrk_close(im->chars);
	if (im->have_exceptions)
		catalog_release(&im->exceptions);
	if (im->sides_ready) {
		side_release(&im->src);
		side_release(&im->tr);
	}
	free(im->names);
	free(im->same);
	free(im->icu_path);
	free(im->icu_lines);
	free(im->numcache);
	arena_release(&im->arena);
	strbuf_release(&im->msg);
	free(im);
	ck->impl = NULL;
}

int
checker_load_exceptions(struct checker *ck, struct diag *d, const char *path)
{
	struct checker_impl *im = ck->impl;

	if (im->have_exceptions)
		catalog_release(&im->exceptions);
	im->have_exceptions = 0;
	if (catalog_read(d, path, &im->exceptions) < 0)
		return -1;
	im->have_exceptions = 1;
	return im->exceptions.errors ? -1 : 0;
}

static void
build_sink(void *arg, const struct check_finding *f)
{
	if (f->level >= DIAG_LEVEL_ERROR)
		diag(arg, DIAG_BUILD_CHECK, f->file, f->line, f->col, f->message,
		    check_name(f->check));
}

int
checker_init_build(struct checker *ck, const char *lang, struct diag *d,
    const char *po_path)
{
	if (checker_init(ck, lang, build_sink, d, NULL) < 0)
		return -1;
	for (int i = 0; i < CHECK_N; i++)
		ck->enabled[i] = checks[i].level >= DIAG_LEVEL_ERROR;
	ck->enabled[CHECK_WELL_FORMED] = ck->enabled[CHECK_MARKUP] = 0;
	ck->enabled[CHECK_UNSAFE] = 0;
	/* Storage limits are errors of the warning-level length check. */
	ck->enabled[CHECK_LENGTH] = 1;
	const char *slash = po_path ? strrchr(po_path, '/') : NULL;
	char name[64];
	lang_po_name(ck->lang, name, sizeof name);
	char *x = slash ? xasprintf("%.*s/%s.exceptions", (int)(slash - po_path), po_path, name)
	    : xasprintf("%s.exceptions", name);
	FILE *fp = fopen(x, "r");
	if (fp != NULL) {
		fclose(fp);
		checker_load_exceptions(ck, d, x);
	}
	free(x);
	return 0;
}

/* ---- Do-not-translate names ---------------------------------------------- */

static void
add_to(struct checker_impl *im, struct dnt_name **v, size_t *n, size_t *cap,
    const char *name)
{
	size_t len = strlen(name);

	if (len == 0)
		return;
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].len == len && memcmp((*v)[i].name, name, len) == 0)
			return;
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[*n].name = arena_strdup(&im->arena, name);
	(*v)[*n].len = len;
	(*n)++;
}

static void
add_name(void *arg, const char *name)
{
	struct checker_impl *im = arg;

	add_to(im, &im->names, &im->nnames, &im->capnames, name);
	add_to(im, &im->same, &im->nsame, &im->capsame, name);
}

static void
add_same(void *arg, const char *name)
{
	struct checker_impl *im = arg;

	add_to(im, &im->same, &im->nsame, &im->capsame, name);
}

/* The extractor says what a translate="no" placeholder stands for:
 * "<_:span-1/> is “Medical Genocide”, kept as it is." (unit.c). */
static void
names_from_comments(struct checker_impl *im, const char *c)
{
	static const char open[] = " is \xe2\x80\x9c", close[] = "\xe2\x80\x9d, kept as it is.";

	for (const char *line = c; line != NULL && *line != '\0'; ) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (len > 4 && strncmp(line, "<_:", 3) == 0) {
			const char *o = memmem(line, len, open, sizeof open - 1);
			const char *cl = o ? memmem(o, len - (size_t)(o - line), close, sizeof close - 1) : NULL;
			if (o != NULL && cl != NULL) {
				o += sizeof open - 1;
				char *name = xstrndup(o, (size_t)(cl - o));
				add_name(im, name);
				free(name);
			}
		}
		line = nl ? nl + 1 : NULL;
	}
}

void
checker_preload(struct checker *ck, const char *path, const char *text, size_t len)
{
	struct checker_impl *im = ck->impl;
	struct strbuf sb = STRBUF_INIT;

	check_icu_flags_scan(im, path, text, len);

	for (const char *p = text, *end = text + len; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > 6 && strncmp(p, "#. <_:", 6) == 0) {
			strbuf_reset(&sb);
			strbuf_add(&sb, p + 3, n - 3);
			names_from_comments(im, sb.buf);
		}
		p = nl ? nl + 1 : end;
	}
	strbuf_release(&sb);
	im->names_preloaded = 1;
}

/* ---- Reporting ------------------------------------------------------------ */

int
ck_on(const struct entry_ctx *x, enum check_id check)
{
	return x->ck->enabled[check] && !x->ignore[check];
}

void
ck_report(struct entry_ctx *x, enum check_msg code, ...)
{
	struct checker *ck = x->ck;
	struct checker_impl *im = ck->impl;
	struct check_finding f;
	va_list ap;

	if (!ck_on(x, msgs[code].check))
		return;
	strbuf_reset(&im->msg);
	va_start(ap, code);
	strbuf_vprintf(&im->msg, _(msgs[code].fmt), ap);
	va_end(ap);
	f.file = x->cat->path;
	f.line = x->line;
	f.col = x->col;
	f.msgid = x->e && (x->e->msgid[0] != '\0' || x->e->msgctxt) ? x->e->msgid : NULL;
	f.msgctxt = x->e ? x->e->msgctxt : NULL;
	f.check = msgs[code].check;
	f.code = code;
	f.level = msgs[code].level;
	if (ck->werror && f.level == DIAG_LEVEL_WARNING)
		f.level = DIAG_LEVEL_ERROR;
	f.message = im->msg.buf;
	if ((int)f.level > x->worst)
		x->worst = (int)f.level;
	if (ck->sink != NULL)
		ck->sink(ck->sink_arg, &f);
}

/* ---- Suppression ---------------------------------------------------------- */

/* "l10n-ignore: numbers, length — reason" in translator comments: the
 * ids up to a dash (—, –, or " - ") or the end of the line. */
static void
parse_ignore(const char *comments, int ignore[CHECK_N])
{
	static const char key[] = "l10n-ignore:";

	for (const char *p = comments; p != NULL && (p = strstr(p, key)) != NULL; ) {
		p += sizeof key - 1;
		const char *end = p + strcspn(p, "\n");
		while (p < end) {
			while (p < end && (*p == ' ' || *p == ',' || *p == '\t'))
				p++;
			if (p >= end || strncmp(p, "\xe2\x80\x94", 3) == 0 ||
			    strncmp(p, "\xe2\x80\x93", 3) == 0 || *p == '-')
				break;
			const char *w = p;
			while (p < end && (isalnum((unsigned char)*p) || *p == '-'))
				p++;
			if (p == w) {
				p++;
				continue;
			}
			char name[64];
			size_t n = (size_t)(p - w) < sizeof name - 1 ? (size_t)(p - w) : sizeof name - 1;
			memcpy(name, w, n);
			name[n] = '\0';
			if (strcmp(name, "all") == 0) {
				for (int i = 0; i < CHECK_N; i++)
					ignore[i] = 1;
			} else {
				int id = check_by_name(name);
				if (id >= 0)
					ignore[id] = 1;
			}
		}
		p = end;
	}
}

static void
suppressions(struct entry_ctx *x)
{
	struct checker_impl *im = x->ck->impl;

	memset(x->ignore, 0, sizeof x->ignore);
	if (x->e == NULL)
		return;
	parse_ignore(x->e->comments, x->ignore);
	if (im->have_exceptions) {
		const struct catalog_entry *ex = catalog_find(&im->exceptions,
		    x->e->msgctxt, x->e->msgid);
		/* An exception with a msgstr holds only for that translation: a
		 * changed translation is checked again. */
		if (ex != NULL && (ex->msgstr[0] == '\0' || strcmp(ex->msgstr, x->e->msgstr) == 0))
			parse_ignore(ex->comments, x->ignore);
	}
}

/* ---- The two sides of an entry --------------------------------------------- */

static void
walk(struct side *s, xmlNodePtr n, enum xmlio_kind kind)
{
	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content != NULL)
				strbuf_puts(&s->text, (const char *)n->content);
			break;
		case XML_ENTITY_REF_NODE:
			/* An entity of the document (&product;): like a placeholder. */
			strbuf_puts(&s->text, PH_CHAR);
			break;
		case XML_ELEMENT_NODE:
			if (markup_is_placeholder(n)) {
				strbuf_puts(&s->text, PH_CHAR);
				break;
			}
			/* Code is not text (the unsafe check reports it). */
			if (xmlStrcasecmp(n->name, (const xmlChar *)"script") == 0 ||
			    xmlStrcasecmp(n->name, (const xmlChar *)"style") == 0)
				break;
			for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
				if (!markup_attr_translatable(kind, n->name, a->name))
					continue;
				xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
				if (v != NULL && *v != '\0') {
					strbuf_puts(&s->attrs, (const char *)v);
					strbuf_putc(&s->attrs, '\n');
				}
				xmlFree(v);
			}
			walk(s, n->children, kind);
			break;
		default:
			break;
		}
	}
}

static void
side_init(struct side *s)
{
	memset(s, 0, sizeof *s);
	strbuf_init(&s->text, 128);
	strbuf_init(&s->attrs, 16);
	strbuf_init(&s->all, 128);
	strbuf_init(&s->fold, 128);
}

static void
side_release(struct side *s)
{
	if (s->parsed)
		markup_release(&s->m);
	strbuf_release(&s->text);
	strbuf_release(&s->attrs);
	strbuf_release(&s->all);
	strbuf_release(&s->fold);
	free(s->u);
}

static void
side_reset(struct side *s, const char *raw)
{
	if (s->parsed)
		markup_release(&s->m);
	s->parsed = 0;
	s->raw = raw;
	s->why[0] = '\0';
	strbuf_reset(&s->text);
	strbuf_reset(&s->attrs);
	strbuf_reset(&s->all);
	strbuf_reset(&s->fold);
	free(s->u);
	s->u = NULL;
	s->ulen = 0;
	s->has_markup = strpbrk(raw, "<&") != NULL;
}

/* The text of a parsed (or markup-free) side. */
static void
side_finish(struct side *s, enum xmlio_kind kind)
{
	if (!s->has_markup)
		strbuf_puts(&s->text, s->raw);
	else if (s->parsed)
		walk(s, s->m.root->children, kind);
	strbuf_add(&s->all, s->text.buf, s->text.len);
	if (s->attrs.len) {
		strbuf_putc(&s->all, '\n');
		strbuf_add(&s->all, s->attrs.buf, s->attrs.len);
	}
}

/* Parse one side on its own. */
static void
side_parse(struct side *s, enum xmlio_kind kind)
{
	if (!s->has_markup)
		return;
	if (kind == XMLIO_HTML &&
	    markup_parse(&s->m, s->raw, XMLIO_XML, NULL, s->why, sizeof s->why) == 0) {
		/* HTML in XHTML syntax (as every msgid is): libxml2's XML parser
		 * builds the same tree several times faster than its HTML
		 * parser; other HTML (<br>, &nbsp;) goes to the HTML parser. */
		s->parsed = 1;
	} else if (markup_parse(&s->m, s->raw, kind, NULL, s->why, sizeof s->why) == 0) {
		s->parsed = 1;
	}
}

/* Parse source and translation in one call of the XML parser (its set-up
 * costs as much as parsing a short message), then give each its own
 * document whose root is its wrapper, as markup_parse() would.  Returns
 * -1 when the pair is not well-formed XML as two wrapped siblings (e.g. a
 * translation with <br> or one closing the wrapper): each side is then
 * parsed on its own. */
static int
parse_pair(struct side *a, struct side *b)
{
	static const char s_open[] = "<l10n-s xmlns:_=\"" PLACEHOLDER_NS "\">",
	    t_open[] = "<l10n-t xmlns:_=\"" PLACEHOLDER_NS "\">";
	struct strbuf sb = STRBUF_INIT;
	char why[64];
	xmlDocPtr doc, doc2;
	xmlNodePtr wrap, s = NULL, t = NULL;
	int n = 0;

	strbuf_grow(&sb, strlen(a->raw) + strlen(b->raw) + 2 * sizeof s_open + 24);
	strbuf_puts(&sb, s_open);
	strbuf_puts(&sb, a->raw);
	strbuf_puts(&sb, "</l10n-s>");
	strbuf_puts(&sb, t_open);
	strbuf_puts(&sb, b->raw);
	strbuf_puts(&sb, "</l10n-t>");
	doc = xmlio_parse_fragment(sb.buf, sb.len, XMLIO_XML, NULL, why, sizeof why);
	strbuf_release(&sb);
	if (doc == NULL)
		return -1;
	wrap = xmlDocGetRootElement(doc);
	for (xmlNodePtr c = wrap->children; c != NULL; c = c->next, n++) {
		if (c->type != XML_ELEMENT_NODE || c->ns != NULL)
			n = 99;
		else if (n == 0 && xmlStrEqual(c->name, (const xmlChar *)"l10n-s"))
			s = c;
		else if (n == 1 && xmlStrEqual(c->name, (const xmlChar *)"l10n-t"))
			t = c;
	}
	if (n != 2 || s == NULL || t == NULL) {
		xmlFreeDoc(doc);
		return -1;
	}
	/* The second document shares the first one's dictionary of names. */
	doc2 = xmlNewDoc((const xmlChar *)"1.0");
	if (doc->dict != NULL) {
		doc2->dict = doc->dict;
		xmlDictReference(doc->dict);
	}
	xmlUnlinkNode(t);
	xmlDocSetRootElement(doc2, t);
	xmlUnlinkNode(s);
	xmlNodePtr old = xmlDocSetRootElement(doc, s);
	if (old != NULL)
		xmlFreeNode(old);
	a->m.doc = doc;
	a->m.root = s;
	a->parsed = 1;
	b->m.doc = doc2;
	b->m.root = t;
	b->parsed = 1;
	return 0;
}

void
side_utf16(struct side *s)
{
	if (s->u != NULL)
		return;
	s->u = ustr_from_utf8(s->all.buf, (int32_t)s->all.len, NULL, 0, &s->ulen);
}

void
ck_fold(const char *s, size_t len, struct strbuf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar stack[512], fstack[1024];
	UChar *u, *f = fstack;
	int32_t n, fn;

	strbuf_reset(out);
	u = ustr_from_utf8(s, (int32_t)len, stack, 512, &n);
	fn = u_strFoldCase(f, 1024, u, n, U_FOLD_CASE_DEFAULT, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR || fn >= 1024) {
		f = xmalloc(((size_t)fn + 1) * sizeof *f);
		st = U_ZERO_ERROR;
		fn = u_strFoldCase(f, fn + 1, u, n, U_FOLD_CASE_DEFAULT, &st);
	}
	if (U_SUCCESS(st)) {
		int32_t need;
		UErrorCode st2 = U_ZERO_ERROR;
		u_strToUTF8(NULL, 0, &need, f, fn, &st2);
		strbuf_grow(out, (size_t)need);
		st2 = U_ZERO_ERROR;
		u_strToUTF8(out->buf, need + 1, &need, f, fn, &st2);
		out->len = (size_t)need;
		out->buf[out->len] = '\0';
	}
	if (u != stack)
		free(u);
	if (f != fstack)
		free(f);
}

void
side_fold(struct side *s)
{
	if (s->fold.len == 0 && s->all.len > 0)
		ck_fold(s->all.buf, s->all.len, &s->fold);
}

/* ---- Driver ---------------------------------------------------------------- */

static enum xmlio_kind
entry_kind(const struct catalog_entry *e)
{
	/* (The build reads catalogs from digests: no po_message_t.) */
	char *file = catalog_entry_first_file(e);
	enum xmlio_kind k = file != NULL ? xmlio_kind_of(file) : XMLIO_HTML;

	free(file);
	return k;
}

static int
has_flag(const struct catalog_entry *e, const char *flag)
{
	return catalog_entry_format(e, flag);
}

static void
check_form(struct entry_ctx *x, const char *source, const char *translation)
{
	struct checker *ck = x->ck;

	side_reset(x->src, source);
	side_reset(x->tr, translation);
	if (!x->src->has_markup || !x->tr->has_markup || parse_pair(x->src, x->tr) < 0) {
		side_parse(x->src, x->kind);
		side_parse(x->tr, x->kind);
	}
	side_finish(x->src, x->kind);
	side_finish(x->tr, x->kind);
	check_markup(x);
	check_unicode(x);
	if (x->src->has_markup && !x->src->parsed)
		return;		/* the source itself is not usable */
	if (x->tr->has_markup && !x->tr->parsed)
		return;		/* reported by well-formed; no text to read */
	check_numbers(x);
	check_names(x);
	if (ck->session != NULL && ck->session->glossary != NULL && ck_on(x, CHECK_GLOSSARY))
		check_glossary(x, ck->session->glossary);
	check_text(x);
	if (has_flag(x->e, "c-format") || check_icu_flagged(ck->impl, x->cat, x->e))
		check_formats(x);
}

int
check_entry(struct checker *ck, const struct catalog *cat,
    const struct catalog_entry *e, enum xmlio_kind kind)
{
	struct entry_ctx x;

	memset(&x, 0, sizeof x);
	x.ck = ck;
	x.cat = cat;
	x.e = e;
	x.kind = kind;
	x.worst = -1;
	x.form = -1;
	x.line = e->msgstr_line;
	x.col = e->msgid_plural ? 12 : 9;
	suppressions(&x);
	if (!ck->impl->sides_ready) {
		side_init(&ck->impl->src);
		side_init(&ck->impl->tr);
		ck->impl->sides_ready = 1;
	}
	x.src = &ck->impl->src;
	x.tr = &ck->impl->tr;
	if (e->msgid_plural == NULL) {
		if (e->msgstr[0] == '\0') {
			ck_report(&x, CMSG_UNTRANSLATED);
		} else if (e->fuzzy) {
			ck_report(&x, CMSG_FUZZY);
		} else {
			check_form(&x, e->msgid, e->msgstr);
			if (ck_on(&x, CHECK_CONSISTENCY))
				check_consistency(&x);
		}
	} else {
		const char *forms[16];
		int n = 0, empty = 0;
		for (; n < 16; n++) {
			forms[n] = po_message_msgstr_plural(e->msg, n);
			if (forms[n] == NULL)
				break;
			empty += forms[n][0] == '\0';
		}
		if (empty == n) {
			ck_report(&x, CMSG_UNTRANSLATED);
		} else if (e->fuzzy) {
			ck_report(&x, CMSG_FUZZY);
		} else {
			int np = 0;
			char *expr = NULL, *pf = catalog_header_field(cat, "Plural-Forms");
			if (pf != NULL && plural_parse_header(pf, &np, &expr) == 0 && np != n)
				ck_report(&x, CMSG_PLURAL_ENTRY_COUNT, n, np);
			free(pf);
			free(expr);
			if (empty)
				ck_report(&x, CMSG_UNTRANSLATED);
			for (int k = 0; k < n; k++) {
				if (forms[k][0] == '\0')
					continue;
				x.form = k;
				/* Form 0 renders the singular where the language has one. */
				check_form(&x, k == 0 && n > 1 ? e->msgid : e->msgid_plural, forms[k]);
			}
		}
	}
	return x.worst;
}

int
check_catalog(struct checker *ck, const struct catalog *cat)
{
	struct checker_impl *im = ck->impl;
	struct entry_ctx x;
	int worst;

	memset(&x, 0, sizeof x);
	x.ck = ck;
	x.cat = cat;
	x.worst = -1;
	x.e = cat->n > 0 && cat->v[0].msgid[0] == '\0' && cat->v[0].msgctxt == NULL &&
	    !cat->v[0].obsolete ? &cat->v[0] : NULL;
	x.line = x.e ? x.e->msgstr_line : 1;
	x.col = x.e ? 9 : 0;
	suppressions(&x);
	if (!ck->skip_header)
		check_header(&x);
	worst = x.worst;

	/* Names kept as they are, from the whole catalog and the glossary. */
	if (!im->names_preloaded)
		im->nnames = im->nsame = 0;
	for (size_t i = 0; i < cat->n; i++)
		if (!cat->v[i].obsolete && cat->v[i].extracted != NULL)
			names_from_comments(im, cat->v[i].extracted);
	if (ck->session != NULL && ck->session->glossary != NULL)
		glossary_names(ck->session->glossary, ck->lang, add_name, add_same, im);

	for (size_t i = 0; i < cat->n; i++) {
		const struct catalog_entry *e = &cat->v[i];
		if (e->obsolete || (e->msgid[0] == '\0' && e->msgctxt == NULL))
			continue;
		int w = check_entry(ck, cat, e, entry_kind(e));
		if (w > worst)
			worst = w;
	}
	return worst;
}
