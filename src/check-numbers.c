/* check-numbers.c - the numbers check: every number of the source occurs
 * in the translation with the same value, read with ICU in the
 * language's format and in English. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "check-impl.h"

#define MAXV 8

struct num {
	double v[MAXV];		/* the values the token can have */
	int nv;
	int32_t start, end;
	int range_low;		/* first number of a range a–b with a < b */
	double high;
	int words;		/* a CJK multiplier form (1万): only a warning */
	/* A translation's token read in English only when its value in the
	 * language's format matches nothing (10.000 is 10000 in German). */
	int en_pending;
	UChar tok[40];
	int32_t toklen;
};

struct nums {
	struct num *v;
	size_t n, cap;
};

/* A decimal digit (Nd): no digits but ASCII's lie below U+0660. */
static inline int
digit(UChar c)
{
	return (c >= '0' && c <= '9') || (c >= 0x660 && u_isdigit(c));
}

static int
space_sep(UChar c)
{
	return c == 0x20 || c == 0xa0 || c == 0x202f || c == 0x2009 || c == 0x2007;
}

static int
mark_sep(UChar c)
{
	return c == '.' || c == ',' || c == '\'' || c == 0x2019 || c == 0x066b ||
	    c == 0x066c || c == 0x02bc;
}

static void
add_value(struct num *n, double v)
{
	for (int i = 0; i < n->nv; i++)
		if (fabs(n->v[i] - v) <= 1e-9 * fmax(1.0, fabs(v)))
			return;
	if (n->nv < MAXV)
		n->v[n->nv++] = v;
}

/* Parse U[0..len) whole with FMT (one of IM's); 0 and *v on success.
 * Results are remembered: ICU's parser is half of this check's time. */
static int
parse_whole(struct checker_impl *im, UNumberFormat *fmt, const UChar *u, int32_t len,
    double *v)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t pos = 0;
	struct numcache_slot *slot = NULL;

	if (fmt == NULL)
		return -1;
	if (len <= NUMCACHE_TOK) {
		uint32_t h = 2166136261u ^ (fmt == im->nf_en ? 0x9e3779b9u : 0);
		for (int32_t i = 0; i < len; i++)
			h = (h ^ u[i]) * 16777619u;
		if (im->numcache == NULL)
			im->numcache = xcalloc(NUMCACHE_SLOTS, sizeof *im->numcache);
		slot = &im->numcache[(h ^ (h >> 15)) & (NUMCACHE_SLOTS - 1)];
		if (slot->fmt == fmt && slot->len == len &&
		    memcmp(slot->tok, u, (size_t)len * sizeof *u) == 0) {
			*v = slot->v;
			return slot->ok ? 0 : -1;
		}
	}
	*v = unum_parseDouble(fmt, u, len, &pos, &st);
	int ok = U_SUCCESS(st) && pos == len;
	if (slot != NULL) {
		slot->fmt = fmt;
		slot->len = len;
		slot->ok = ok;
		slot->v = *v;
		memcpy(slot->tok, u, (size_t)len * sizeof *u);
	}
	return ok ? 0 : -1;
}

/* The digits of U as an integer (every separator ignored), part by part. */
static void
add_parts(struct num *n, const UChar *u, int32_t len)
{
	double v = 0;
	int in = 0;

	for (int32_t i = 0; i <= len; i++) {
		if (i < len && digit(u[i])) {
			v = v * 10 + u_charDigitValue(u[i]);
			in = 1;
		} else if (in) {
			add_value(n, v);
			v = 0;
			in = 0;
		}
	}
}

static double
cjk_multiplier(UChar c)
{
	switch (c) {
	case 0x5341:	/* 十 */
		return 10;
	case 0x767e:	/* 百 */
		return 100;
	case 0x5343:	/* 千 */
		return 1e3;
	case 0x4e07:	/* 万 */
	case 0x842c:	/* 萬 */
		return 1e4;
	case 0x5104:	/* 億 */
	case 0x4ebf:	/* 亿 */
		return 1e8;
	case 0x5146:	/* 兆 */
		return 1e12;
	default:
		return 0;
	}
}

/* u_isspace() without the call for ASCII (ICU: U+0009-U+000D,
 * U+001C-U+0020 there). */
static inline int
is_space(UChar c)
{
	return c < 0x80 ? (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) : u_isspace(c);
}

/* Is the token at START part of a URL or an e-mail address (whose digits
 * the urls and emails checks compare)? */
static int
in_url(const UChar *u, int32_t start, int32_t len)
{
	int32_t a = start, b = start;

	while (a > 0 && !is_space(u[a - 1]) && u[a - 1] != '(' && u[a - 1] != '<')
		a--;
	while (b < len && !is_space(u[b]))
		b++;
	for (int32_t k = a; k + 2 < b; k++) {
		if ((u[k] == ':' && u[k + 1] == '/' && u[k + 2] == '/') || u[k] == '@')
			return 1;
		if (k == a && k + 3 < b && (u[k] == 'w' || u[k] == 'W') && u[k + 1] == u[k] &&
		    u[k + 2] == u[k] && u[k + 3] == '.')
			return 1;
	}
	return 0;
}

/* Find the numbers of U.  TRANSLATION: read in the language's format as
 * well as in English, with spaces as group separators. */
static void
scan(struct checker_impl *im, const UChar *u, int32_t len, int translation,
    struct nums *out)
{
	UChar buf[128];

	for (int32_t i = 0; i < len; ) {
		if (!digit(u[i])) {
			i++;
			continue;
		}
		int32_t start = i, j = i, digits_after = 0;
		int has_space = 0, nsep = 0;
		while (j < len) {
			if (digit(u[j])) {
				j++;
				continue;
			}
			if (j + 1 < len && digit(u[j + 1]) && mark_sep(u[j])) {
				j++;
				nsep++;
				continue;
			}
			/* A space groups only a following group of exactly three
			 * digits (10 000), never two numbers (in 2015 20 people). */
			if (j + 3 < len && space_sep(u[j])) {
				int32_t k = j + 1;
				while (k < len && digit(u[k]))
					k++;
				if (k - (j + 1) == 3 && (k >= len || !digit(u[k]))) {
					has_space = 1;
					nsep++;
					j = k;
					continue;
				}
			}
			break;
		}
		(void)digits_after;
		if (in_url(u, start, len)) {
			i = j;
			continue;
		}
		int32_t tlen = j - start;
		struct num n;
		double v;
		memset(&n, 0, sizeof n);
		n.start = start;
		n.end = j;
		if (tlen < (int32_t)(sizeof buf / sizeof *buf)) {
			memcpy(buf, u + start, (size_t)tlen * sizeof *buf);
			if (translation && has_space && im->group_lang[0] != 0) {
				for (int32_t k = 0; k < tlen; k++)
					if (space_sep(buf[k]))
						buf[k] = im->group_lang[0];
			}
			int ok = 0;
			if (nsep == 0) {
				/* Plain digits: the value needs no locale. */
				add_parts(&n, u + start, tlen);
				ok = 1;
				goto parsed;
			}
			if (translation && parse_whole(im, im->nf_lang, buf, tlen, &v) == 0) {
				add_value(&n, v);
				ok = 1;
			}
			if (translation && ok && !has_space && tlen <= (int32_t)(sizeof n.tok / sizeof *n.tok)) {
				memcpy(n.tok, u + start, (size_t)tlen * sizeof *n.tok);
				n.toklen = tlen;
				n.en_pending = 1;
			} else if (!has_space && parse_whole(im, im->nf_en, u + start, tlen, &v) == 0) {
				add_value(&n, v);
				ok = 1;
			}
			if (!ok || has_space || nsep > 1)
				add_parts(&n, u + start, tlen);
		parsed:
			;
		} else {
			add_parts(&n, u + start, tlen);
		}
		if (translation && j < len && cjk_multiplier(u[j]) > 0 && n.nv > 0) {
			double m = cjk_multiplier(u[j]);
			struct num w = n;
			w.words = 1;
			w.en_pending = 0;
			w.end = j + 1;
			for (int k = 0; k < w.nv; k++)
				w.v[k] *= m;
			out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
			out->v[out->n++] = w;
		}
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = n;
		i = j;
	}
	/* Ranges: a–b (en dash, em dash or hyphen, spaces allowed). */
	for (size_t k = 0; !translation && k + 1 < out->n; k++) {
		struct num *a = &out->v[k], *b = &out->v[k + 1];
		int32_t p = a->end;
		while (p < b->start && u[p] == ' ')
			p++;
		if (p >= b->start || (u[p] != 0x2013 && u[p] != 0x2014 && u[p] != '-'))
			continue;
		p++;
		while (p < b->start && u[p] == ' ')
			p++;
		if (p != b->start || a->nv == 0 || b->nv == 0 || a->v[0] >= b->v[0])
			continue;
		a->range_low = 1;
		a->high = b->v[0];
	}
}

static int
same(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(a));
}

/* Is V among the translation's numbers (WORDS: those written with a CJK
 * multiplier)?  Returns the matching number or NULL. */
static const struct num *
find_value(struct checker_impl *im, struct nums *t, double v, int words)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].words != words)
			continue;
		for (int k = 0; k < t->v[i].nv; k++)
			if (same(t->v[i].v[k], v))
				return &t->v[i];
	}
	/* Not found: read the pending tokens in English too. */
	for (size_t i = 0; i < t->n; i++) {
		struct num *n = &t->v[i];
		double e;
		if (!n->en_pending)
			continue;
		n->en_pending = 0;
		if (parse_whole(im, im->nf_en, n->tok, n->toklen, &e) < 0)
			continue;
		add_value(n, e);
		if (n->words == words && same(e, v))
			return n;
	}
	return NULL;
}

static void
utf16_to_utf8(const UChar *u, int32_t len, char *out, size_t size)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n;

	u_strToUTF8(out, (int32_t)size - 1, &n, u, len, &st);
	if (U_FAILURE(st) || n >= (int32_t)size)
		n = 0;
	out[n] = '\0';
}

static void
format_en(struct checker_impl *im, double v, char *out, size_t size)
{
	UChar u[64];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = unum_formatDouble(im->nf_en, v, u, 64, NULL, &st);

	if (U_FAILURE(st) || n >= 64)
		snprintf(out, size, "%g", v);
	else
		utf16_to_utf8(u, n, out, size);
}

/* The number in words in the language (ICU RBNF spell-out), if the
 * translation contains it.  Returns 1 and fills WORD. */
static int
in_words(struct entry_ctx *x, double v, char *word, size_t size)
{
	struct checker_impl *im = x->ck->impl;
	UChar u[128];
	UErrorCode st = U_ZERO_ERROR;
	struct strbuf f = STRBUF_INIT;
	int found = 0;

	if (im->spell == NULL || v != floor(v) || v > 1e12 || v < 0)
		return 0;
	int32_t n = unum_formatDouble(im->spell, v, u, 128, NULL, &st);
	if (U_FAILURE(st) || n >= 128)
		return 0;
	/* ICU's German spell-out has soft hyphens (zehn\u00adtausend). */
	int32_t k = 0;
	for (int32_t i = 0; i < n; i++)
		if (u[i] != 0xad)
			u[k++] = u[i];
	utf16_to_utf8(u, k, word, size);
	if (word[0] == '\0')
		return 0;
	ck_fold(word, strlen(word), &f);
	side_fold(x->tr);
	found = f.len > 0 && strstr(x->tr->fold.buf, f.buf) != NULL;
	strbuf_release(&f);
	return found;
}

void
check_numbers(struct entry_ctx *x)
{
	struct checker_impl *im = x->ck->impl;
	struct nums s = { 0 }, t = { 0 };

	if (!ck_on(x, CHECK_NUMBERS))
		return;
	/* Most messages have no digit at all. */
	const char *p = x->src->all.buf;
	while (*p != '\0' && (*p < '0' || *p > '9') && (unsigned char)*p < 0x80)
		p++;
	if (*p == '\0')
		return;
	side_utf16(x->src);
	side_utf16(x->tr);
	scan(im, x->src->u, x->src->ulen, 0, &s);
	scan(im, x->tr->u, x->tr->ulen, 1, &t);
	for (size_t i = 0; i < s.n; i++) {
		const struct num *n = &s.v[i];
		int dup = 0, ok = 0;
		if (n->nv == 0)
			continue;
		/* Each value once: a number repeated in the source may be said
		 * once in the translation. */
		for (size_t k = 0; k < i && !dup; k++)
			dup = s.v[k].nv > 0 && same(s.v[k].v[0], n->v[0]);
		if (dup)
			continue;
		for (int k = 0; k < n->nv && !ok; k++)
			ok = find_value(im, &t, n->v[k], 0) != NULL;
		/* 60–100,000 may be written 60,000–100,000 or 60 000 à 100 000. */
		for (double m = 1e3; n->range_low && !ok && n->v[0] * m <= n->high; m *= 1e3)
			ok = find_value(im, &t, n->v[0] * m, 0) != NULL;
		if (ok)
			continue;
		char text[128], shown[64], word[256];
		utf16_to_utf8(x->src->u + n->start, n->end - n->start, text, sizeof text);
		const struct num *w = find_value(im, &t, n->v[0], 1);
		format_en(im, n->v[0], shown, sizeof shown);
		if (w != NULL) {
			utf16_to_utf8(x->tr->u + w->start, w->end - w->start, word, sizeof word);
			ck_report(x, CMSG_NUMBER_IN_WORDS, text, word, shown);
		} else if (in_words(x, n->v[0], word, sizeof word)) {
			ck_report(x, CMSG_NUMBER_IN_WORDS, text, word, shown);
		} else {
			ck_report(x, CMSG_NUMBER_MISSING, text);
		}
	}
	free(s.v);
	free(t.v);
}
