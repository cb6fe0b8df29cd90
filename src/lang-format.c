/* lang-format.c - numbers, dates and quotation marks as a language writes
 * them, from ICU's CLDR data. */
#include "lang.h"

#include <stdio.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/unumsys.h>
#include <unicode/ustring.h>

static void
locale_of(const char *tag, char *loc, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t parsed;

	uloc_forLanguageTag(tag, loc, (int32_t)len, &parsed, &st);
	if (U_FAILURE(st) || loc[0] == '\0')
		snprintf(loc, len, "%s", tag);
}

/* Append UTF-16 S (LEN units) to OUT as UTF-8; -1 when not convertible. */
static int
put_utf16(struct strbuf *out, const UChar *s, int32_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n;

	u_strToUTF8(NULL, 0, &n, s, len, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return -1;
	st = U_ZERO_ERROR;
	strbuf_grow(out, (size_t)n + 1);
	u_strToUTF8(out->buf + out->len, n + 1, NULL, s, len, &st);
	if (U_FAILURE(st))
		return -1;
	out->len += (size_t)n;
	out->buf[out->len] = '\0';
	return 0;
}

void
lang_digits(const char *tag, struct strbuf *out)
{
	char loc[ULOC_FULLNAME_CAPACITY];
	UErrorCode st = U_ZERO_ERROR;
	UNumberingSystem *ns;
	UChar desc[64];
	int32_t n;
	size_t start = out->len;

	locale_of(tag, loc, sizeof loc);
	ns = unumsys_open(loc, &st);
	if (U_SUCCESS(st) && ns != NULL && !unumsys_isAlgorithmic(ns) &&
	    unumsys_getRadix(ns) == 10) {
		n = unumsys_getDescription(ns, desc, 64, &st);
		/* Ten code points, each of which may be a surrogate pair. */
		if (U_SUCCESS(st) && u_countChar32(desc, n) == 10 &&
		    put_utf16(out, desc, n) == 0) {
			unumsys_close(ns);
			return;
		}
	}
	if (ns != NULL)
		unumsys_close(ns);
	out->len = start;
	strbuf_puts(out, "0123456789");
}

static void
delimiter(ULocaleData *ld, ULocaleDataDelimiterType type, char buf[16],
    const char *fallback)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar u[8];
	int32_t n = ld ? ulocdata_getDelimiter(ld, type, u, 8, &st) : 0;

	if (ld == NULL || U_FAILURE(st) || n <= 0) {
		snprintf(buf, 16, "%s", fallback);
		return;
	}
	st = U_ZERO_ERROR;
	u_strToUTF8(buf, 16, NULL, u, n, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		snprintf(buf, 16, "%s", fallback);
}

void
lang_quotes(const char *tag, char open[16], char close[16], char alt_open[16],
    char alt_close[16])
{
	char loc[ULOC_FULLNAME_CAPACITY];
	UErrorCode st = U_ZERO_ERROR;
	ULocaleData *ld;

	locale_of(tag, loc, sizeof loc);
	ld = ulocdata_open(loc, &st);
	if (U_FAILURE(st))
		ld = NULL;
	delimiter(ld, ULOCDATA_QUOTATION_START, open, "\xe2\x80\x9c");
	delimiter(ld, ULOCDATA_QUOTATION_END, close, "\xe2\x80\x9d");
	delimiter(ld, ULOCDATA_ALT_QUOTATION_START, alt_open, "\xe2\x80\x98");
	delimiter(ld, ULOCDATA_ALT_QUOTATION_END, alt_close, "\xe2\x80\x99");
	if (ld != NULL)
		ulocdata_close(ld);
}

int
lang_format_date(const char *tag, const char *skeleton, long long t,
    struct strbuf *out)
{
	char loc[ULOC_FULLNAME_CAPACITY];
	UErrorCode st = U_ZERO_ERROR;
	UChar sk[64], pattern[128], result[256], tz[] = { 'U', 'T', 'C', 0 };
	UDateTimePatternGenerator *gen;
	UDateFormat *fmt;
	int32_t n;
	int r = -1;

	if (strlen(skeleton) >= sizeof sk / sizeof *sk)
		return -1;
	/* A skeleton is pattern letters only (UTS #35, Date Field Symbol
	 * Table): nothing else may reach ICU from a translation. */
	for (const char *p = skeleton; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return -1;
	if (*skeleton == '\0')
		return -1;
	locale_of(tag, loc, sizeof loc);
	u_uastrcpy(sk, skeleton);
	gen = udatpg_open(loc, &st);
	if (U_FAILURE(st))
		return -1;
	n = udatpg_getBestPattern(gen, sk, -1, pattern, 128, &st);
	udatpg_close(gen);
	if (U_FAILURE(st) || n <= 0)
		return -1;
	fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, tz, -1, pattern, n, &st);
	if (U_FAILURE(st))
		return -1;
	n = udat_format(fmt, (UDate)t * 1000.0, result, 256, NULL, &st);
	if (U_SUCCESS(st) && n > 0 && n < 256)
		r = put_utf16(out, result, n);
	udat_close(fmt);
	return r;
}
