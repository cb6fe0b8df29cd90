/* lang.c - language facts from ICU, and CLDR plural rules as gettext's. */
#include "lang.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uldnames.h>
#include <unicode/uloc.h>
#include <unicode/upluralrules.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

int
lang_bcp47(const char *name, char *out, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	char canon[ULOC_FULLNAME_CAPACITY], lang[ULOC_LANG_CAPACITY];

	if (name == NULL || *name == '\0' || strlen(name) > 64)
		return -1;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
			return -1;
	uloc_canonicalize(name, canon, sizeof canon, &st);
	if (U_FAILURE(st))
		return -1;
	uloc_getLanguage(canon, lang, sizeof lang, &st);
	if (U_FAILURE(st) || lang[0] == '\0')
		return -1;
	/* ICU builds any well-formed tag; a language it knows has an ISO 639
	 * three-letter code or display name of its own. */
	if (uloc_getISO3Language(canon)[0] == '\0' && strcmp(lang, "en") != 0) {
		UChar dn[64];
		UErrorCode st2 = U_ZERO_ERROR;
		int32_t n = uloc_getDisplayLanguage(canon, "en", dn, 64, &st2);
		char buf[64];
		u_austrncpy(buf, dn, 63);
		buf[n < 63 ? n : 63] = '\0';
		if (U_FAILURE(st2) || strcmp(buf, lang) == 0)
			return -1;
	}
	uloc_toLanguageTag(canon, out, (int32_t)len, 1, &st);
	if (U_FAILURE(st))
		return -1;
	return 0;
}

void
lang_po_name(const char *tag, char *out, size_t len)
{
	snprintf(out, len, "%s", tag);
	for (char *p = out; *p; p++)
		if (*p == '-')
			*p = '_';
}

static void
to_locale(const char *tag, char *loc, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t parsed;

	uloc_forLanguageTag(tag, loc, (int32_t)len, &parsed, &st);
	if (U_FAILURE(st) || loc[0] == '\0')
		snprintf(loc, len, "%s", tag);
}

static void
maximize(const char *tag, char *out, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	char loc[ULOC_FULLNAME_CAPACITY];

	to_locale(tag, loc, sizeof loc);
	uloc_addLikelySubtags(loc, out, (int32_t)len, &st);
	if (U_FAILURE(st))
		snprintf(out, len, "%s", loc);
}

int
lang_is_rtl(const char *tag)
{
	char loc[ULOC_FULLNAME_CAPACITY];

	to_locale(tag, loc, sizeof loc);
	return uloc_isRightToLeft(loc);
}

void
lang_script(const char *tag, char *out, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	char max[ULOC_FULLNAME_CAPACITY];

	maximize(tag, max, sizeof max);
	uloc_getScript(max, out, (int32_t)len, &st);
	if (U_FAILURE(st))
		out[0] = '\0';
}

void
lang_language(const char *tag, char *out, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	char loc[ULOC_FULLNAME_CAPACITY];

	to_locale(tag, loc, sizeof loc);
	uloc_getLanguage(loc, out, (int32_t)len, &st);
	if (U_FAILURE(st))
		out[0] = '\0';
}

void
lang_region(const char *tag, char *out, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	char max[ULOC_FULLNAME_CAPACITY];

	maximize(tag, max, sizeof max);
	uloc_getCountry(max, out, (int32_t)len, &st);
	if (U_FAILURE(st))
		out[0] = '\0';
}

void
lang_display_name(const char *tag, const char *display_in, struct strbuf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	char loc[ULOC_FULLNAME_CAPACITY], in[ULOC_FULLNAME_CAPACITY];
	UChar name[256];
	char utf8[1024];
	int32_t n;

	to_locale(tag, loc, sizeof loc);
	to_locale(display_in, in, sizeof in);
	n = uloc_getDisplayName(loc, in, name, 256, &st);
	if (U_FAILURE(st)) {
		strbuf_puts(out, tag);
		return;
	}
	st = U_ZERO_ERROR;
	u_strToUTF8(utf8, sizeof utf8, &n, name, n, &st);
	if (U_FAILURE(st)) {
		strbuf_puts(out, tag);
		return;
	}
	strbuf_add(out, utf8, (size_t)n);
}

/* ---- CLDR plural rules --------------------------------------------- */

static const char *const cldr_order[] = { "zero", "one", "two", "few", "many", "other" };

/* The rule text of every keyword for TAG, from ICU's "plurals" data. */
struct rules {
	char text[6][512];
	int present[6];
};

static int
load_rules(const char *tag, struct rules *r)
{
	UErrorCode st = U_ZERO_ERROR;
	UResourceBundle *rb, *locs, *all, *set;
	char loc[ULOC_FULLNAME_CAPACITY], lang[ULOC_LANG_CAPACITY];
	const UChar *us;
	int32_t len;
	char setname[64];
	int ok = -1;

	memset(r, 0, sizeof *r);
	to_locale(tag, loc, sizeof loc);
	rb = ures_openDirect(NULL, "plurals", &st);
	if (U_FAILURE(st))
		return -1;
	locs = ures_getByKey(rb, "locales", NULL, &st);
	/* Try the full locale, then its language. */
	us = ures_getStringByKey(locs, loc, &len, &st);
	if (U_FAILURE(st)) {
		st = U_ZERO_ERROR;
		uloc_getLanguage(loc, lang, sizeof lang, &st);
		us = ures_getStringByKey(locs, lang, &len, &st);
	}
	if (U_SUCCESS(st) && len < 63) {
		u_austrncpy(setname, us, len);
		setname[len] = '\0';
		all = ures_getByKey(rb, "rules", NULL, &st);
		set = ures_getByKey(all, setname, NULL, &st);
		while (U_SUCCESS(st) && ures_hasNext(set)) {
			const char *key;
			const UChar *rule = ures_getNextString(set, &len, &key, &st);
			if (U_FAILURE(st))
				break;
			for (int k = 0; k < 6; k++) {
				if (strcmp(key, cldr_order[k]) == 0 && len < 511) {
					u_austrncpy(r->text[k], rule, len);
					r->text[k][len] = '\0';
					r->present[k] = 1;
				}
			}
		}
		ok = U_SUCCESS(st) ? 0 : -1;
		ures_close(set);
		ures_close(all);
	}
	ures_close(locs);
	ures_close(rb);
	r->present[5] = 1;		/* "other" always exists */
	return ok;
}

/* A tiny parser of CLDR conditions (UTS #35 part 3, section 5.1) that
 * writes the equivalent C expression for an integer n: operands n and i
 * are n, the fraction operands v w f t and exponents c e are 0. */
struct cparse {
	const char *p;
	struct strbuf *out;
	int err;
};

static void
skip_ws(struct cparse *c)
{
	while (*c->p == ' ')
		c->p++;
}

static int
word(struct cparse *c, const char *w)
{
	size_t n = strlen(w);

	skip_ws(c);
	if (strncmp(c->p, w, n) == 0 && !isalnum((unsigned char)c->p[n])) {
		c->p += n;
		return 1;
	}
	return 0;
}

static int
number(struct cparse *c, unsigned long *v)
{
	char *end;

	skip_ws(c);
	if (!isdigit((unsigned char)*c->p))
		return 0;
	*v = strtoul(c->p, &end, 10);
	c->p = end;
	return 1;
}

/* relation: expr [not] in|within|=|!=|is [not] range_list.  Writes the C
 * text, or a constant when the operand is constant. */
static void
relation(struct cparse *c)
{
	char operand;
	unsigned long mod = 0, a, b;
	int neg = 0, constant;
	struct strbuf e = STRBUF_INIT;

	skip_ws(c);
	operand = *c->p;
	if (!strchr("nifvtwce", operand) || operand == '\0') {
		c->err = 1;
		return;
	}
	c->p++;
	constant = operand != 'n' && operand != 'i';
	if (word(c, "mod") || (skip_ws(c), *c->p == '%' ? (c->p++, 1) : 0)) {
		if (!number(c, &mod)) {
			c->err = 1;
			return;
		}
	}
	if (word(c, "is")) {
		if (word(c, "not"))
			neg = 1;
	} else if (word(c, "not")) {
		neg = 1;
		if (!word(c, "in") && !word(c, "within"))
			c->err = 1;
	} else if (word(c, "in") || word(c, "within")) {
		;
	} else {
		skip_ws(c);
		if (c->p[0] == '!' && c->p[1] == '=') {
			neg = 1;
			c->p += 2;
		} else if (c->p[0] == '=') {
			c->p++;
		} else {
			c->err = 1;
		}
	}
	if (c->err)
		return;
	/* The value of a constant operand (0) decides the relation now. */
	int cvalue = 0;
	const char *x = mod ? NULL : "n";
	char xbuf[32];
	if (mod) {
		snprintf(xbuf, sizeof xbuf, "n %% %lu", mod);
		x = xbuf;
	}
	int items = 0;
	do {
		if (!number(c, &a)) {
			c->err = 1;
			break;
		}
		b = a;
		if (c->p[0] == '.' && c->p[1] == '.') {
			c->p += 2;
			if (!number(c, &b)) {
				c->err = 1;
				break;
			}
		}
		if (constant) {
			if (a == 0)
				cvalue = 1;
		} else {
			if (items++)
				strbuf_puts(&e, " || ");
			if (a == b)
				strbuf_printf(&e, "%s == %lu", x, a);
			else
				strbuf_printf(&e, "(%s >= %lu && %s <= %lu)", x, a, x, b);
		}
		skip_ws(c);
	} while (*c->p == ',' && (c->p++, 1));
	if (constant) {
		strbuf_puts(c->out, (cvalue ^ neg) ? "1" : "0");
	} else if (neg) {
		strbuf_printf(c->out, "!(%s)", e.buf);
	} else if (items > 1) {
		strbuf_printf(c->out, "(%s)", e.buf);
	} else {
		strbuf_puts(c->out, e.buf);
	}
	strbuf_release(&e);
}

/* Fold "1"/"0" operands of && and || so that constant relations vanish. */
static void
join(struct strbuf *out, char **parts, size_t n, const char *op, int is_and)
{
	size_t kept = 0;
	const char *absorb = is_and ? "0" : "1", *neutral = is_and ? "1" : "0";

	for (size_t i = 0; i < n; i++)
		if (strcmp(parts[i], absorb) == 0) {
			strbuf_puts(out, absorb);
			return;
		}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(parts[i], neutral) == 0)
			continue;
		if (kept++)
			strbuf_printf(out, " %s ", op);
		strbuf_puts(out, parts[i]);
	}
	if (kept == 0)
		strbuf_puts(out, neutral);
}

static void
condition(struct cparse *c, const char *text, struct strbuf *out)
{
	char *ors[16], *ands[16];
	size_t nor = 0;

	c->p = text;
	do {
		size_t nand = 0;
		do {
			struct strbuf rel = STRBUF_INIT;
			c->out = &rel;
			relation(c);
			if (nand < 16)
				ands[nand++] = strbuf_detach(&rel);
			else
				strbuf_release(&rel);
		} while (!c->err && word(c, "and"));
		struct strbuf conj = STRBUF_INIT;
		join(&conj, ands, nand, "&&", 1);
		for (size_t i = 0; i < nand; i++)
			free(ands[i]);
		if (nor < 16)
			ors[nor++] = strbuf_detach(&conj);
		else
			strbuf_release(&conj);
	} while (!c->err && word(c, "or"));
	if (nor > 1) {
		struct strbuf disj = STRBUF_INIT;
		/* Parenthesise conjunctions inside a disjunction. */
		for (size_t i = 0; i < nor; i++) {
			if (strstr(ors[i], "&&") != NULL) {
				char *p = xasprintf("(%s)", ors[i]);
				free(ors[i]);
				ors[i] = p;
			}
		}
		join(&disj, ors, nor, "||", 0);
		strbuf_puts(out, disj.buf);
		strbuf_release(&disj);
	} else if (nor == 1) {
		strbuf_puts(out, ors[0]);
	}
	for (size_t i = 0; i < nor; i++)
		free(ors[i]);
}

/* The condition part of a rule ("i = 1 and v = 0 @integer 1 ..."). */
static void
rule_condition(const char *rule, char *cond, size_t len)
{
	const char *at = strchr(rule, '@');
	size_t n = at ? (size_t)(at - rule) : strlen(rule);

	if (n >= len)
		n = len - 1;
	memcpy(cond, rule, n);
	cond[n] = '\0';
	while (n > 0 && cond[n - 1] == ' ')
		cond[--n] = '\0';
}

static int
open_rules(const char *tag, UPluralRules **pr)
{
	UErrorCode st = U_ZERO_ERROR;
	char loc[ULOC_FULLNAME_CAPACITY];

	to_locale(tag, loc, sizeof loc);
	*pr = uplrules_open(loc, &st);
	return U_SUCCESS(st) ? 0 : -1;
}

static int
category_index(const char *kw)
{
	for (int k = 0; k < 6; k++)
		if (strcmp(kw, cldr_order[k]) == 0)
			return k;
	return 5;
}

/* Which CLDR categories integers reach (checked with ICU on a range that
 * covers every rule in CLDR: 0..1000 and the millions). */
static void
integer_categories(UPluralRules *pr, int used[6])
{
	static const long extra[] = { 1000000, 2000000, 10000000, 100000000 };
	UChar kw[32];
	char akw[32];

	memset(used, 0, 6 * sizeof *used);
	for (long n = 0; n < 1000 + 4; n++) {
		long v = n < 1000 ? n : extra[n - 1000];
		UErrorCode st = U_ZERO_ERROR;
		int32_t len = uplrules_select(pr, (double)v, kw, 32, &st);
		if (U_FAILURE(st))
			continue;
		u_austrncpy(akw, kw, len);
		akw[len] = '\0';
		used[category_index(akw)] = 1;
	}
}

int
lang_plural_categories(const char *tag, const char *names[6])
{
	UPluralRules *pr;
	int used[6], n = 0;

	if (open_rules(tag, &pr) < 0)
		return 0;
	integer_categories(pr, used);
	uplrules_close(pr);
	for (int k = 0; k < 6; k++)
		if (used[k])
			names[n++] = cldr_order[k];
	return n;
}

int
lang_plural_select(const char *tag, long n)
{
	/* One language's rules are asked about many numbers in a row. */
	static char cached_tag[64];
	static UPluralRules *pr;
	static int used[6];
	UChar kw[32];
	char akw[32];
	UErrorCode st = U_ZERO_ERROR;
	int idx = 0, k;
	int32_t len;

	if (pr == NULL || strcmp(cached_tag, tag) != 0) {
		if (pr != NULL)
			uplrules_close(pr);
		pr = NULL;
		if (strlen(tag) >= sizeof cached_tag || open_rules(tag, &pr) < 0)
			return -1;
		snprintf(cached_tag, sizeof cached_tag, "%s", tag);
		integer_categories(pr, used);
	}
	len = uplrules_select(pr, (double)n, kw, 32, &st);
	if (U_FAILURE(st))
		return -1;
	u_austrncpy(akw, kw, len);
	akw[len] = '\0';
	k = category_index(akw);
	for (int j = 0; j < k; j++)
		idx += used[j];
	return idx;
}

int
lang_plural_forms(const char *tag, struct strbuf *out)
{
	struct rules r;
	UPluralRules *pr;
	int used[6], n = 0, last = -1;
	struct strbuf expr = STRBUF_INIT;
	struct cparse c = { NULL, NULL, 0 };

	if (load_rules(tag, &r) < 0 || open_rules(tag, &pr) < 0)
		return -1;
	integer_categories(pr, used);
	uplrules_close(pr);
	for (int k = 0; k < 6; k++)
		if (used[k]) {
			n++;
			last = k;
		}
	if (n <= 1) {
		strbuf_puts(out, "nplurals=1; plural=0;");
		return 0;
	}
	/* cond(first) ? 0 : cond(second) ? 1 : ... : n-1; the last category
	 * integers reach takes every number the others leave. */
	char *conds[6];
	int nconds = 0;
	for (int k = 0; k < 6; k++) {
		if (!used[k] || k == last)
			continue;
		char cond[512];
		struct strbuf cs = STRBUF_INIT;
		rule_condition(r.text[k], cond, sizeof cond);
		condition(&c, cond, &cs);
		conds[nconds++] = strbuf_detach(&cs);
		if (c.err)
			break;
	}
	if (!c.err && n == 2) {
		if (strcmp(conds[0], "n == 1") == 0)
			strbuf_puts(out, "nplurals=2; plural=(n != 1);");
		else
			strbuf_printf(out, "nplurals=2; plural=!(%s);", conds[0]);
	} else if (!c.err) {
		for (int i = 0; i < nconds; i++) {
			int paren = strstr(conds[i], "||") || strstr(conds[i], "&&");
			strbuf_printf(&expr, "%s%s%s ? %d : ", paren ? "(" : "", conds[i],
			    paren ? ")" : "", i);
		}
		strbuf_printf(&expr, "%d", nconds);
		strbuf_printf(out, "nplurals=%d; plural=(%s);", n, expr.buf);
	}
	for (int i = 0; i < nconds; i++)
		free(conds[i]);
	strbuf_release(&expr);
	return c.err ? -1 : 0;
}

/* ---- Evaluating gettext plural expressions -------------------------- */

struct eval {
	const char *p;
	unsigned long n;
	int err;
};

static unsigned long e_cond(struct eval *e);

static void
e_ws(struct eval *e)
{
	while (*e->p == ' ' || *e->p == '\t' || *e->p == '\n')
		e->p++;
}

static unsigned long
e_primary(struct eval *e)
{
	unsigned long v;

	e_ws(e);
	if (*e->p == '(') {
		e->p++;
		v = e_cond(e);
		e_ws(e);
		if (*e->p != ')')
			e->err = 1;
		else
			e->p++;
		return v;
	}
	if (*e->p == '!') {
		e->p++;
		return !e_primary(e);
	}
	if (*e->p == 'n') {
		e->p++;
		return e->n;
	}
	if (isdigit((unsigned char)*e->p)) {
		char *end;
		v = strtoul(e->p, &end, 10);
		e->p = end;
		return v;
	}
	e->err = 1;
	return 0;
}

static unsigned long
e_mul(struct eval *e)
{
	unsigned long v = e_primary(e);

	for (;;) {
		e_ws(e);
		char op = *e->p;
		if (op != '*' && op != '/' && op != '%')
			return v;
		e->p++;
		unsigned long r = e_primary(e);
		if (op == '*')
			v *= r;
		else if (r == 0)
			e->err = 1;
		else
			v = op == '/' ? v / r : v % r;
	}
}

static unsigned long
e_add(struct eval *e)
{
	unsigned long v = e_mul(e);

	for (;;) {
		e_ws(e);
		char op = *e->p;
		if (op != '+' && op != '-')
			return v;
		e->p++;
		unsigned long r = e_mul(e);
		v = op == '+' ? v + r : v - r;
	}
}

static unsigned long
e_rel(struct eval *e)
{
	unsigned long v = e_add(e);

	for (;;) {
		e_ws(e);
		if (e->p[0] == '<' && e->p[1] == '=') {
			e->p += 2;
			v = v <= e_add(e);
		} else if (e->p[0] == '>' && e->p[1] == '=') {
			e->p += 2;
			v = v >= e_add(e);
		} else if (e->p[0] == '<') {
			e->p++;
			v = v < e_add(e);
		} else if (e->p[0] == '>') {
			e->p++;
			v = v > e_add(e);
		} else {
			return v;
		}
	}
}

static unsigned long
e_eq(struct eval *e)
{
	unsigned long v = e_rel(e);

	for (;;) {
		e_ws(e);
		if (e->p[0] == '=' && e->p[1] == '=') {
			e->p += 2;
			v = v == e_rel(e);
		} else if (e->p[0] == '!' && e->p[1] == '=') {
			e->p += 2;
			v = v != e_rel(e);
		} else {
			return v;
		}
	}
}

static unsigned long
e_and(struct eval *e)
{
	unsigned long v = e_eq(e);

	for (;;) {
		e_ws(e);
		if (e->p[0] != '&' || e->p[1] != '&')
			return v;
		e->p += 2;
		unsigned long r = e_eq(e);
		v = v && r;
	}
}

static unsigned long
e_or(struct eval *e)
{
	unsigned long v = e_and(e);

	for (;;) {
		e_ws(e);
		if (e->p[0] != '|' || e->p[1] != '|')
			return v;
		e->p += 2;
		unsigned long r = e_and(e);
		v = v || r;
	}
}

static unsigned long
e_cond(struct eval *e)
{
	unsigned long c = e_or(e), a, b;

	e_ws(e);
	if (*e->p != '?')
		return c;
	e->p++;
	a = e_cond(e);
	e_ws(e);
	if (*e->p != ':') {
		e->err = 1;
		return 0;
	}
	e->p++;
	b = e_cond(e);
	return c ? a : b;
}

int
plural_eval(const char *expr, unsigned long n, unsigned long *value)
{
	struct eval e = { expr, n, 0 };

	*value = e_cond(&e);
	e_ws(&e);
	if (*e.p == ';')
		e.p++;
	e_ws(&e);
	return e.err || *e.p != '\0' ? -1 : 0;
}

int
plural_parse_header(const char *forms, int *nplurals, char **expr)
{
	const char *np = strstr(forms, "nplurals="), *pl = strstr(forms, "plural=");
	char *end;

	*expr = NULL;
	if (np == NULL)
		return -1;
	/* "plural=" also occurs inside "nplurals="; find the one after it. */
	pl = strstr(np + 9, "plural=");
	if (pl == NULL)
		return -1;
	*nplurals = (int)strtol(np + 9, &end, 10);
	if (end == np + 9 || *nplurals <= 0)
		return -1;
	pl += 7;
	const char *semi = strrchr(pl, ';');
	*expr = semi ? xstrndup(pl, (size_t)(semi - pl)) : xstrdup(pl);
	return 0;
}

/* ---- Names and locale forms for publishing --------------------------- */

void
lang_native_name(const char *tag, struct strbuf *out)
{
	/* CLDR's contextTransforms capitalise a name for a menu where the
	 * language does ("Español", "Français"); dialect names give
	 * "简体中文" rather than "中文（简体）". */
	UDisplayContext ctx[] = { UDISPCTX_DIALECT_NAMES,
	    UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU };
	UErrorCode st = U_ZERO_ERROR;
	char loc[ULOC_FULLNAME_CAPACITY];
	UChar name[256];
	char utf8[1024];
	int32_t n;
	ULocaleDisplayNames *ldn;

	to_locale(tag, loc, sizeof loc);
	ldn = uldn_openForContext(loc, ctx, 2, &st);
	if (U_FAILURE(st)) {
		lang_display_name(tag, tag, out);
		return;
	}
	n = uldn_localeDisplayName(ldn, loc, name, 256, &st);
	uldn_close(ldn);
	if (U_SUCCESS(st))
		u_strToUTF8(utf8, sizeof utf8, &n, name, n, &st);
	if (U_FAILURE(st)) {
		lang_display_name(tag, tag, out);
		return;
	}
	strbuf_add(out, utf8, (size_t)n);
}

void
lang_og_locale(const char *tag, char *out, size_t len)
{
	char lang[ULOC_LANG_CAPACITY], region[ULOC_COUNTRY_CAPACITY];

	lang_language(tag, lang, sizeof lang);
	lang_region(tag, region, sizeof region);
	if (region[0] != '\0')
		snprintf(out, len, "%s_%s", lang, region);
	else
		snprintf(out, len, "%s", lang);
}

int
lang_is_pseudo(const char *tag)
{
	char loc[ULOC_FULLNAME_CAPACITY], region[ULOC_COUNTRY_CAPACITY];
	UErrorCode st = U_ZERO_ERROR;

	/* CLDR reserves the private-use regions XA (accented), XB
	 * (bidirectional) and XC for pseudo-locales. */
	to_locale(tag, loc, sizeof loc);
	uloc_getCountry(loc, region, sizeof region, &st);
	return U_SUCCESS(st) && (strcmp(region, "XA") == 0 ||
	    strcmp(region, "XB") == 0 || strcmp(region, "XC") == 0);
}
