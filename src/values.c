/* values.c - <time> and <data> values formatted by ICU for the language. */
#include "values.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

static void
to_locale(const char *tag, char *loc, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t parsed;

	uloc_forLanguageTag(tag, loc, (int32_t)len, &parsed, &st);
	if (U_FAILURE(st) || loc[0] == '\0')
		snprintf(loc, len, "%s", tag);
}

static int
put_utf16(const UChar *u, int32_t n, struct strbuf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len;
	char buf[512];

	u_strToUTF8(buf, sizeof buf, &len, u, n, &st);
	if (U_FAILURE(st) || len >= (int32_t)sizeof buf)
		return -1;
	strbuf_add(out, buf, (size_t)len);
	return 0;
}

/* A decimal number as HTML's valid floating-point number: -?digits,
 * optional fraction, optional exponent. */
static int
is_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return *p == '\0';
}

static int
format_number(const char *value, const char *loc, struct strbuf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	UNumberFormat *nf;
	UChar buf[256];
	int32_t n;
	int r = -1;

	if (!is_number(value))
		return -1;
	nf = unum_open(UNUM_DECIMAL, NULL, 0, loc, NULL, &st);
	if (U_FAILURE(st))
		return -1;
	/* Every digit of the value is kept: no rounding to three places. */
	unum_setAttribute(nf, UNUM_MAX_FRACTION_DIGITS, 50);
	n = unum_formatDecimal(nf, value, (int32_t)strlen(value), buf, 256, NULL, &st);
	if (U_SUCCESS(st))
		r = put_utf16(buf, n, out);
	unum_close(nf);
	return r;
}

/* Digits at S, exactly N of them; advances S. */
static int
digits(const char **s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++, (*s)++) {
		if (!isdigit((unsigned char)**s))
			return -1;
		*v = *v * 10 + (**s - '0');
	}
	return 0;
}

static int64_t
days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's algorithm: days since 1970-01-01, proleptic
	 * Gregorian, for any year. */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The forms of HTML's valid date string, year-month string, year, and
 * local or global date and time string that this module formats. */
enum tform { T_YEAR, T_MONTH, T_DATE, T_DATETIME };

static int
parse_time(const char *s, enum tform *form, UDate *when, int *offset_min)
{
	int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0;
	const char *p = s;

	*offset_min = 0;
	if (digits(&p, 4, &y) < 0)
		return -1;
	*form = T_YEAR;
	if (*p == '-') {
		p++;
		if (digits(&p, 2, &mo) < 0 || mo < 1 || mo > 12)
			return -1;
		*form = T_MONTH;
		if (*p == '-') {
			p++;
			if (digits(&p, 2, &d) < 0 || d < 1 || d > 31)
				return -1;
			*form = T_DATE;
			if (*p == 'T' || *p == ' ') {
				p++;
				if (digits(&p, 2, &h) < 0 || *p++ != ':' ||
				    digits(&p, 2, &mi) < 0 || h > 23 || mi > 59)
					return -1;
				if (*p == ':') {
					p++;
					if (digits(&p, 2, &sec) < 0 || sec > 59)
						return -1;
					if (*p == '.') {
						p++;
						while (isdigit((unsigned char)*p))
							p++;
					}
				}
				*form = T_DATETIME;
				if (*p == 'Z') {
					p++;
				} else if (*p == '+' || *p == '-') {
					int sign = *p++ == '-' ? -1 : 1, oh, om;
					if (digits(&p, 2, &oh) < 0)
						return -1;
					if (*p == ':')
						p++;
					if (digits(&p, 2, &om) < 0)
						return -1;
					*offset_min = sign * (oh * 60 + om);
				}
			}
		}
	}
	if (*p != '\0')
		return -1;
	*when = ((double)days_from_civil(y, mo, d) * 86400.0 +
	    h * 3600.0 + mi * 60.0 + sec) * 1000.0;
	return 0;
}

static int
format_time(const char *value, const char *loc, struct strbuf *out)
{
	static const UChar utc[] = { 'U', 'T', 'C', 0 };
	UErrorCode st = U_ZERO_ERROR;
	UDateFormat *df = NULL;
	enum tform form;
	UDate when;
	int offset, r = -1;
	UChar buf[256], zone[16];
	int32_t n;

	if (parse_time(value, &form, &when, &offset) < 0)
		return -1;
	/* The wall-clock time of the value is shown as written: formatted in
	 * a zone with the value's own offset. */
	if (offset != 0) {
		char z[16];
		snprintf(z, sizeof z, "GMT%c%02d:%02d", offset < 0 ? '-' : '+',
		    abs(offset) / 60, abs(offset) % 60);
		u_uastrcpy(zone, z);
	} else {
		u_strcpy(zone, utc);
	}
	if (form == T_DATE) {
		df = udat_open(UDAT_NONE, UDAT_MEDIUM, loc, zone, -1, NULL, 0, &st);
	} else if (form == T_DATETIME) {
		when -= offset * 60000.0;
		df = udat_open(UDAT_SHORT, UDAT_MEDIUM, loc, zone, -1, NULL, 0, &st);
	} else {
		/* A year or a month: the language's pattern for that skeleton
		 * ("2015年", "März 2020"). */
		UDateTimePatternGenerator *g = udatpg_open(loc, &st);
		UChar skel[8], pat[64];
		u_uastrcpy(skel, form == T_YEAR ? "y" : "yMMM");
		n = udatpg_getBestPattern(g, skel, -1, pat, 64, &st);
		udatpg_close(g);
		if (U_SUCCESS(st))
			df = udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, zone, -1, pat, n, &st);
	}
	if (U_FAILURE(st) || df == NULL)
		return -1;
	n = udat_format(df, when, buf, 256, NULL, &st);
	if (U_SUCCESS(st))
		r = put_utf16(buf, n, out);
	udat_close(df);
	return r;
}

int
values_format(const char *value, int is_time, const char *lang, struct strbuf *out)
{
	char loc[ULOC_FULLNAME_CAPACITY];

	to_locale(lang, loc, sizeof loc);
	return is_time ? format_time(value, loc, out) : format_number(value, loc, out);
}

/* The language in scope at N: its own or its nearest ancestor's lang. */
static const char *
lang_in_scope(xmlNodePtr n, const char *deflt, xmlChar **owned)
{
	*owned = NULL;
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)"lang");
		if (v == NULL)
			v = xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
		if (v != NULL && v[0] != '\0') {
			*owned = v;
			return (const char *)v;
		}
		xmlFree(v);
	}
	return deflt;
}

static int
text_only(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next)
		if (c->type != XML_TEXT_NODE)
			return 0;
	return 1;
}

static unsigned
walk(xmlNodePtr n, const char *deflt)
{
	unsigned count = 0;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		int is_time = xmlStrEqual(n->name, (const xmlChar *)"time");
		const char *attr = is_time ? "datetime" :
		    xmlStrEqual(n->name, (const xmlChar *)"data") ? "value" : NULL;
		xmlChar *v = attr ? xmlGetNoNsProp(n, (const xmlChar *)attr) : NULL;
		if (v != NULL && text_only(n)) {
			xmlChar *owned;
			const char *lang = lang_in_scope(n, deflt, &owned);
			struct strbuf sb = STRBUF_INIT;
			if (values_format((const char *)v, is_time, lang, &sb) == 0) {
				xmlNodeSetContent(n, NULL);
				xmlNodeAddContentLen(n, (const xmlChar *)sb.buf, (int)sb.len);
				count++;
			}
			strbuf_release(&sb);
			xmlFree(owned);
		}
		xmlFree(v);
		count += walk(n->children, deflt);
	}
	return count;
}

unsigned
values_localise(xmlDocPtr doc, const char *default_lang)
{
	return walk(xmlDocGetRootElement(doc), default_lang);
}
