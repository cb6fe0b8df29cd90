/* check-catalog.c - checks of a catalog as a whole: header, plural-forms
 * (against CLDR through ICU), and consistency across the catalogs of a
 * language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check-impl.h"
#include "lang.h"

/* The number of forms and formula must partition the integers as CLDR
 * does: on 0-200 and on the millions, where some languages (fr, es, it)
 * have a "many" form. */
static void
check_plural_forms(struct entry_ctx *x, const char *forms)
{
	struct checker *ck = x->ck;
	struct checker_impl *im = ck->impl;
	int np;
	char *expr = NULL;
	unsigned long seen_n[6];
	int seen_cat[6];
	int ns = 0;

	if (plural_parse_header(forms, &np, &expr) < 0) {
		ck_report(x, CMSG_PLURAL_SYNTAX, forms);
		return;
	}
	if (im->nplural > 0 && np != im->nplural) {
		char names[64] = "";
		for (int i = 0; i < im->nplural; i++) {
			if (i)
				strcat(names, ", ");
			strcat(names, im->plural_names[i]);
		}
		ck_report(x, CMSG_PLURAL_COUNT, np, ck->lang, im->nplural, names);
		free(expr);
		return;
	}
	/* Form index -> the first n and CLDR category seen with it. */
	unsigned long first[16];
	int cat_of[16];
	for (int i = 0; i < 16; i++)
		cat_of[i] = -1;
	(void)seen_n;
	(void)seen_cat;
	(void)ns;
	static const unsigned long extra[] = { 1000000, 2000000, 10000000 };
	for (int k = 0; k < 201 + 3; k++) {
		unsigned long n = k < 201 ? (unsigned long)k : extra[k - 201], v;
		if (plural_eval(expr, n, &v) < 0) {
			ck_report(x, CMSG_PLURAL_SYNTAX, forms);
			break;
		}
		if (v >= (unsigned long)np || v >= 16) {
			ck_report(x, CMSG_PLURAL_FORMULA_RANGE, v, n, np);
			break;
		}
		int cat = lang_plural_select(ck->lang, (long)n);
		if (cat < 0)
			break;
		if (cat_of[v] < 0) {
			/* A category must not be reached by two forms either. */
			int clash = -1;
			for (int i = 0; i < 16; i++)
				if (cat_of[i] == cat)
					clash = i;
			if (clash >= 0) {
				ck_report(x, CMSG_PLURAL_FORMULA_SPLIT, (unsigned long)clash, v,
				    first[clash], n, im->plural_names[cat]);
				break;
			}
			cat_of[v] = cat;
			first[v] = n;
		} else if (cat_of[v] != cat) {
			ck_report(x, CMSG_PLURAL_FORMULA, v, first[v], im->plural_names[cat_of[v]],
			    n, im->plural_names[cat]);
			break;
		}
	}
	free(expr);
}

void
check_header(struct entry_ctx *x)
{
	const struct catalog *cat = x->cat;
	char *v;

	if (!ck_on(x, CHECK_HEADER) && !ck_on(x, CHECK_PLURAL_FORMS))
		return;
	if (cat->header == NULL) {
		ck_report(x, CMSG_HEADER_MISSING);
		return;
	}
	v = catalog_header_field(cat, "Language");
	if (v == NULL || *v == '\0') {
		ck_report(x, CMSG_HEADER_NO_LANGUAGE);
	} else {
		char tag[64];
		if (lang_bcp47(v, tag, sizeof tag) < 0) {
			ck_report(x, CMSG_HEADER_BAD_LANGUAGE, v);
		} else if (strcmp(tag, x->ck->lang) != 0) {
			const char *base = strrchr(cat->path, '/');
			ck_report(x, CMSG_HEADER_LANGUAGE_FILE, v, base ? base + 1 : cat->path);
		}
	}
	free(v);
	v = catalog_header_field(cat, "Content-Type");
	if (v == NULL || strncasecmp(v, "text/plain", 10) != 0 || strstr(v, "charset=") == NULL ||
	    strncasecmp(strstr(v, "charset=") + 8, "UTF-8", 5) != 0)
		ck_report(x, CMSG_HEADER_CHARSET);
	free(v);
	v = catalog_header_field(cat, "Plural-Forms");
	if (v == NULL || *v == '\0')
		ck_report(x, CMSG_HEADER_NO_PLURAL);
	else if (ck_on(x, CHECK_PLURAL_FORMS))
		check_plural_forms(x, v);
	free(v);
}

/* ---- consistency --------------------------------------------------------------- */

struct seen {
	const char *file;
	unsigned long line;
	const char *msgstr;
};

static void
session_key(struct strbuf *key, const char *lang, const char *msgctxt, const char *msgid)
{
	strbuf_puts(key, lang);
	strbuf_putc(key, '\004');
	strbuf_puts(key, msgctxt ? msgctxt : "");
	strbuf_putc(key, '\004');
	strbuf_puts(key, msgid);
}

static void
session_put(struct check_session *s, const struct strbuf *key, const char *file,
    unsigned long line, const char *msgstr)
{
	struct seen *n = arena_alloc(&s->arena, sizeof *n);

	n->file = arena_strdup(&s->arena, file);
	n->line = line;
	n->msgstr = arena_strdup(&s->arena, msgstr);
	hash_put(&s->seen, arena_strndup(&s->arena, key->buf, key->len), key->len, n);
}

void
check_session_add(struct check_session *s, const char *lang, const char *msgctxt,
    const char *msgid, const char *file, unsigned long line, const char *msgstr)
{
	struct strbuf key = STRBUF_INIT;

	session_key(&key, lang, msgctxt, msgid);
	if (hash_get(&s->seen, key.buf, key.len) == NULL)
		session_put(s, &key, file, line, msgstr);
	strbuf_release(&key);
}

void
check_consistency(struct entry_ctx *x)
{
	struct check_session *s = x->ck->session;
	const struct catalog_entry *e = x->e;
	struct strbuf key = STRBUF_INIT;
	struct seen *prev;

	if (s == NULL || s->no_consistency)
		return;
	session_key(&key, x->ck->lang, e->msgctxt, e->msgid);
	prev = hash_get(&s->seen, key.buf, key.len);
	if (prev == NULL)
		session_put(s, &key, x->cat->path, x->line, e->msgstr);
	else if (strcmp(prev->msgstr, e->msgstr) != 0 && strcmp(prev->file, x->cat->path) != 0)
		ck_report(x, CMSG_INCONSISTENT, prev->file, prev->line);
	strbuf_release(&key);
}
