/* check-format.c - the printf (c-format) and icu-messageformat
 * (icu-format) checks. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/umsg.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#include "check-impl.h"
#include "fsutil.h"
#include "lang.h"
#include "ustr.h"

/* ---- printf ------------------------------------------------------------------ */

struct conv {
	unsigned arg;		/* 1-based argument number */
	char type[8];		/* length modifier and conversion, "ld" */
	char text[32];		/* as written */
};

struct convs {
	struct conv v[64];
	unsigned n;
	int positional;
	char bad[32];
};

/* Parse the conversions of a C format string (ISO C 7.21.6.1 and POSIX
 * n$ positions).  Returns 0, or -1 with BAD set. */
static int
parse_printf(const char *s, struct convs *c)
{
	unsigned next = 1;

	memset(c, 0, sizeof *c);
	for (const char *p = s; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		const char *start = p++;
		if (*p == '%')
			continue;
		struct conv cv;
		memset(&cv, 0, sizeof cv);
		const char *q = p;
		unsigned num = 0;
		while (isdigit((unsigned char)*q))
			num = num * 10 + (unsigned)(*q++ - '0');
		if (*q == '$' && num > 0) {
			cv.arg = num;
			c->positional = 1;
			p = q + 1;
		}
		while (*p && strchr("-+ #0'I", *p))
			p++;
		if (*p == '*') {
			p++;
			while (isdigit((unsigned char)*p) || *p == '$')
				p++;
		}
		while (isdigit((unsigned char)*p))
			p++;
		if (*p == '.') {
			p++;
			if (*p == '*')
				p++;
			while (isdigit((unsigned char)*p) || *p == '$')
				p++;
		}
		size_t tl = 0;
		while (*p && strchr("hlLqjzt", *p) && tl < 4)
			cv.type[tl++] = *p++;
		if (*p == '\0' || !strchr("diouxXeEfFgGaAcspnCS", *p)) {
			size_t n = (size_t)(p - start) + (*p ? 1 : 0);
			snprintf(c->bad, sizeof c->bad, "%.*s", (int)(n < 31 ? n : 31), start);
			return -1;
		}
		char conv = *p;
		/* Conversions of the same argument type are interchangeable. */
		if (strchr("di", conv))
			conv = 'd';
		else if (strchr("ouxX", conv))
			conv = 'u';
		else if (strchr("eEfFgGaA", conv))
			conv = 'f';
		cv.type[tl++] = conv;
		cv.type[tl] = '\0';
		snprintf(cv.text, sizeof cv.text, "%.*s", (int)((size_t)(p - start + 1) < 31 ?
		    (size_t)(p - start + 1) : 31), start);
		if (cv.arg == 0)
			cv.arg = next++;
		if (c->n < 64)
			c->v[c->n++] = cv;
	}
	return 0;
}

static const struct conv *
conv_of(const struct convs *c, unsigned arg)
{
	for (unsigned i = 0; i < c->n; i++)
		if (c->v[i].arg == arg)
			return &c->v[i];
	return NULL;
}

static void
check_printf(struct entry_ctx *x)
{
	struct convs s, t;

	if (parse_printf(x->src->raw, &s) < 0)
		return;
	if (parse_printf(x->tr->raw, &t) < 0) {
		ck_report(x, CMSG_PRINTF_INVALID, t.bad);
		return;
	}
	/* A plural form may leave out the number (msgstr[0] "one file"). */
	if (t.n != s.n && !(x->form >= 0 && t.n + 1 == s.n)) {
		ck_report(x, CMSG_PRINTF_COUNT, t.n, s.n);
		return;
	}
	for (unsigned a = 1; a <= s.n; a++) {
		const struct conv *sc = conv_of(&s, a), *tc = conv_of(&t, a);
		if (sc == NULL || tc == NULL)
			continue;
		if (strcmp(sc->type, tc->type) != 0) {
			ck_report(x, CMSG_PRINTF_MISMATCH, a, tc->text, sc->text);
			return;
		}
	}
}

/* ---- ICU MessageFormat -------------------------------------------------------- */

struct icu_arg {
	char name[64];
	char type[32];		/* "" for a simple {name} */
	char keys[24][32];	/* plural categories, =N, select keys */
	int nkeys;
};

struct icu_args {
	struct icu_arg v[32];
	int n;
};

struct mparse {
	const char *p;
	int in_plural;
	struct icu_args *out;
};

static void msg_pattern(struct mparse *m, int nested);

static void
skip_ws(struct mparse *m)
{
	while (isspace((unsigned char)*m->p))
		m->p++;
}

static void
token(struct mparse *m, char *buf, size_t size)
{
	size_t n = 0;

	skip_ws(m);
	while (*m->p && !isspace((unsigned char)*m->p) && !strchr("{},", *m->p)) {
		if (n < size - 1)
			buf[n++] = *m->p;
		m->p++;
	}
	buf[n] = '\0';
}

static struct icu_arg *
arg_slot(struct icu_args *a, const char *name)
{
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, name) == 0)
			return &a->v[i];
	if (a->n >= 32)
		return NULL;
	struct icu_arg *r = &a->v[a->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->name, sizeof r->name, "%s", name);
	return r;
}

/* After '{': name [, type [, style]] '}' */
static void
msg_argument(struct mparse *m)
{
	char name[64], type[32] = "";
	struct icu_arg *a;

	token(m, name, sizeof name);
	skip_ws(m);
	if (*m->p == ',') {
		m->p++;
		token(m, type, sizeof type);
		skip_ws(m);
	}
	a = arg_slot(m->out, name);
	if (a != NULL && a->type[0] == '\0')
		snprintf(a->type, sizeof a->type, "%s", type);
	int complex = strcmp(type, "plural") == 0 || strcmp(type, "select") == 0 ||
	    strcmp(type, "selectordinal") == 0;
	if (*m->p == ',' && complex) {
		m->p++;
		for (;;) {
			char key[32];
			skip_ws(m);
			if (*m->p == '}' || *m->p == '\0')
				break;
			token(m, key, sizeof key);
			if (strncmp(key, "offset:", 7) == 0)
				continue;
			if (key[0] == '\0') {
				m->p++;
				continue;
			}
			if (a != NULL && a->nkeys < 24) {
				int dup = 0;
				for (int i = 0; i < a->nkeys; i++)
					dup |= strcmp(a->keys[i], key) == 0;
				if (!dup)
					snprintf(a->keys[a->nkeys++], 32, "%s", key);
			}
			skip_ws(m);
			if (*m->p != '{')
				break;
			m->p++;
			int saved = m->in_plural;
			m->in_plural = strcmp(type, "select") != 0;
			msg_pattern(m, 1);
			m->in_plural = saved;
			if (*m->p == '}')
				m->p++;
		}
	} else {
		/* A simple style ("{n, number, integer}"): skip to the brace. */
		int depth = 0;
		while (*m->p && !(*m->p == '}' && depth == 0)) {
			if (*m->p == '{')
				depth++;
			else if (*m->p == '}')
				depth--;
			m->p++;
		}
	}
	if (*m->p == '}')
		m->p++;
}

/* Text and arguments up to an unmatched '}' (NESTED) or the end. */
static void
msg_pattern(struct mparse *m, int nested)
{
	while (*m->p) {
		char c = *m->p;
		if (c == '\'') {
			/* '' is a quote; 'x... quotes up to the next apostrophe
			 * when x is special (ApostropheMode DOUBLE_OPTIONAL). */
			if (m->p[1] == '\'') {
				m->p += 2;
			} else if (m->p[1] && strchr("{}#|", m->p[1])) {
				m->p++;
				while (*m->p && !(*m->p == '\'' && m->p[1] != '\''))
					m->p += *m->p == '\'' ? 2 : 1;
				if (*m->p)
					m->p++;
			} else {
				m->p++;
			}
		} else if (c == '{') {
			m->p++;
			msg_argument(m);
		} else if (c == '}') {
			if (nested)
				return;
			m->p++;
		} else {
			m->p++;
		}
	}
}

static int
icu_valid(struct entry_ctx *x, const char *s, char *why, size_t size)
{
	UErrorCode st = U_ZERO_ERROR;
	UParseError pe;
	UChar stack[1024], *u;
	int32_t n;

	u = ustr_from_utf8(s, -1, stack, 1024, &n);
	UMessageFormat *f = umsg_open(u, n, x->ck->lang, &pe, &st);
	if (U_FAILURE(st))
		snprintf(why, size, "%s at offset %d", u_errorName(st), (int)pe.offset);
	/* umsg_open returns its object even when the pattern is refused. */
	if (f != NULL)
		umsg_close(f);
	if (u != stack)
		free(u);
	return U_SUCCESS(st) ? 0 : -1;
}

/* The plural keywords ICU has for the language (cardinal or ordinal). */
static int
keywords(const char *lang, int ordinal, char names[8][16])
{
	UErrorCode st = U_ZERO_ERROR;
	char loc[ULOC_FULLNAME_CAPACITY];
	int32_t parsed, len;
	int n = 0;

	uloc_forLanguageTag(lang, loc, sizeof loc, &parsed, &st);
	UPluralRules *pr = uplrules_openForType(loc, ordinal ? UPLURAL_TYPE_ORDINAL :
	    UPLURAL_TYPE_CARDINAL, &st);
	if (U_FAILURE(st))
		return 0;
	UEnumeration *e = uplrules_getKeywords(pr, &st);
	const char *k;
	while (U_SUCCESS(st) && e != NULL && n < 8 && (k = uenum_next(e, &len, &st)) != NULL)
		snprintf(names[n++], 16, "%s", k);
	if (e != NULL)
		uenum_close(e);
	uplrules_close(pr);
	return n;
}

static int
has_key(const struct icu_arg *a, const char *k)
{
	for (int i = 0; i < a->nkeys; i++)
		if (strcmp(a->keys[i], k) == 0)
			return 1;
	return 0;
}

static void
check_plural_keys(struct entry_ctx *x, const struct icu_arg *a)
{
	struct checker_impl *im = x->ck->impl;
	int ordinal = strcmp(a->type, "selectordinal") == 0;
	char names[8][16], list[160] = "";
	int n = keywords(x->ck->lang, ordinal, names);

	for (int i = 0; i < n; i++) {
		if (i)
			strcat(list, ", ");
		strcat(list, names[i]);
	}
	for (int i = 0; i < a->nkeys; i++) {
		const char *k = a->keys[i];
		int ok = k[0] == '=';
		for (int j = 0; j < n && !ok; j++)
			ok = strcmp(names[j], k) == 0;
		if (!ok)
			ck_report(x, CMSG_ICU_PLURAL_CATEGORY, k, a->name, x->ck->lang, list);
	}
	if (!has_key(a, "other")) {
		ck_report(x, CMSG_ICU_NO_OTHER, a->name);
		return;
	}
	/* Categories integers up to 1000 reach must have their own text. */
	if (!ordinal) {
		int reached[6] = { 0 };
		for (long v = 0; v <= 1000; v++) {
			int c = lang_plural_select(x->ck->lang, v);
			if (c >= 0 && c < 6)
				reached[c] = 1;
		}
		for (int c = 0; c < im->nplural; c++)
			if (reached[c] && !has_key(a, im->plural_names[c]) &&
			    strcmp(im->plural_names[c], "other") != 0)
				ck_report(x, CMSG_ICU_PLURAL_MISSING, im->plural_names[c],
				    x->ck->lang, a->name);
	}
}

static void
check_icu(struct entry_ctx *x)
{
	struct icu_args s, t;
	struct mparse m;
	char why[128];

	if (icu_valid(x, x->src->raw, why, sizeof why) < 0)
		return;
	if (icu_valid(x, x->tr->raw, why, sizeof why) < 0) {
		ck_report(x, CMSG_ICU_SYNTAX, why);
		return;
	}
	memset(&s, 0, sizeof s);
	memset(&t, 0, sizeof t);
	m.p = x->src->raw;
	m.in_plural = 0;
	m.out = &s;
	msg_pattern(&m, 0);
	m.p = x->tr->raw;
	m.out = &t;
	msg_pattern(&m, 0);
	for (int i = 0; i < s.n; i++) {
		const struct icu_arg *sa = &s.v[i], *ta = NULL;
		for (int j = 0; j < t.n; j++)
			if (strcmp(t.v[j].name, sa->name) == 0)
				ta = &t.v[j];
		if (ta == NULL) {
			ck_report(x, CMSG_ICU_ARG_MISSING, sa->name);
			continue;
		}
		if (strcmp(sa->type, ta->type) != 0) {
			ck_report(x, CMSG_ICU_ARG_TYPE, sa->name, ta->type[0] ? ta->type : "none",
			    sa->type[0] ? sa->type : "none");
			continue;
		}
		if (strcmp(sa->type, "select") == 0) {
			for (int k = 0; k < sa->nkeys; k++)
				if (!has_key(ta, sa->keys[k]))
					ck_report(x, CMSG_ICU_SELECT_MISSING, sa->keys[k], sa->name);
		} else if (strcmp(sa->type, "plural") == 0 || strcmp(sa->type, "selectordinal") == 0) {
			check_plural_keys(x, ta);
		}
	}
	for (int j = 0; j < t.n; j++) {
		int found = 0;
		for (int i = 0; i < s.n && !found; i++)
			found = strcmp(s.v[i].name, t.v[j].name) == 0;
		if (!found)
			ck_report(x, CMSG_ICU_ARG_EXTRA, t.v[j].name);
	}
}

/* The "#, ... icu-format" flags of PATH's text (libgettextpo 0.21 drops
 * flags it does not know): each belongs to the next msgid line. */
void
check_icu_flags_scan(struct checker_impl *im, const char *path, const char *text, size_t len)
{
	int pending = 0;
	unsigned long line = 1;

	free(im->icu_path);
	im->icu_path = xstrdup(path);
	im->nicu = 0;
	if (len == 0 || memmem(text, len, "icu-format", 10) == NULL)
		return;
	for (const char *p = text, *end = text + len; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > 2 && p[0] == '#' && p[1] == ',' && memmem(p, n, "icu-format", 10) != NULL &&
		    memmem(p, n, "no-icu-format", 13) == NULL)
			pending = 1;
		else if (n >= 6 && strncmp(p, "msgid", 5) == 0 && (p[5] == ' ' || p[5] == '\t')) {
			if (pending) {
				im->icu_lines = xgrow(im->icu_lines, &im->capicu, im->nicu + 1,
				    sizeof *im->icu_lines);
				im->icu_lines[im->nicu++] = line;
			}
			pending = 0;
		}
		p = nl ? nl + 1 : end;
	}
}

int
check_icu_flagged(struct checker_impl *im, const struct catalog *cat,
    const struct catalog_entry *e)
{
	if (im->icu_path == NULL || strcmp(im->icu_path, cat->path) != 0) {
		struct diag quiet;
		struct strbuf sb = STRBUF_INIT;
		diag_init(&quiet);
		quiet.out = NULL;
		if (read_file(&quiet, cat->path, fs_input_limit(), &sb) < 0)
			strbuf_reset(&sb);
		check_icu_flags_scan(im, cat->path, sb.buf ? sb.buf : "", sb.len);
		strbuf_release(&sb);
	}
	/* The lines ascend. */
	size_t lo = 0, hi = im->nicu;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (im->icu_lines[mid] < e->line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < im->nicu && im->icu_lines[lo] == e->line;
}

void
check_formats(struct entry_ctx *x)
{
	if (ck_on(x, CHECK_PRINTF) && catalog_entry_format(x->e, "c-format"))
		check_printf(x);
	if (ck_on(x, CHECK_ICU_MESSAGEFORMAT) && check_icu_flagged(x->ck->impl, x->cat, x->e))
		check_icu(x);
}
