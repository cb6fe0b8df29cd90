/* check-unicode.c - checks of characters: bidi (Trojan Source) and
 * unicode (normalisation, replacement and control characters, stray
 * zero-width characters, mojibake). */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "check-impl.h"
#include "ustr.h"

/* Scripts whose shaping or word division needs ZWJ/ZWNJ (joining and
 * Brahmic scripts) or ZWSP (languages written without spaces). */
static int
needs_joiners(UScriptCode sc)
{
	switch (sc) {
	case USCRIPT_ARABIC: case USCRIPT_SYRIAC: case USCRIPT_MONGOLIAN:
	case USCRIPT_NKO: case USCRIPT_DEVANAGARI: case USCRIPT_BENGALI:
	case USCRIPT_GURMUKHI: case USCRIPT_GUJARATI: case USCRIPT_ORIYA:
	case USCRIPT_TAMIL: case USCRIPT_TELUGU: case USCRIPT_KANNADA:
	case USCRIPT_MALAYALAM: case USCRIPT_SINHALA: case USCRIPT_MYANMAR:
	case USCRIPT_KHMER: case USCRIPT_TIBETAN: case USCRIPT_THAI: case USCRIPT_LAO:
		return 1;
	default:
		return 0;
	}
}

static int
needs_zwsp(UScriptCode sc)
{
	return sc == USCRIPT_THAI || sc == USCRIPT_LAO || sc == USCRIPT_KHMER ||
	    sc == USCRIPT_MYANMAR || sc == USCRIPT_TIBETAN;
}

static UScriptCode
script_of(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &st);

	return U_SUCCESS(st) ? sc : USCRIPT_COMMON;
}

/* Windows-1252 bytes 0x80-0x9f as the characters they show. */
static int
cp1252_byte(UChar32 c)
{
	static const UChar32 hi[32] = {
		0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
		0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
		0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
		0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
	};
	if (c >= 0xa0 && c <= 0xff)
		return (int)c;
	if (c < 0x152)
		return c >= 0x80 && c < 0xa0 ? (int)c : -1;
	for (int i = 0; i < 32; i++)
		if (hi[i] == c)
			return 0x80 + i;
	return -1;
}

/* UTF-8 read as Windows-1252: a lead byte character (Â..ô) followed by
 * characters that are continuation bytes (0x80-0xbf) forming a valid
 * sequence.  Returns the length in bytes of the mojibake at S+I. */
static int32_t
mojibake_at(const char *s, int32_t i, int32_t len, char *orig, size_t size)
{
	UChar32 c;
	int32_t k = i;
	unsigned char bytes[4];
	int need, n = 0;

	U8_NEXT(s, k, len, c);
	if (c < 0xc2 || c > 0xf4 || k >= len || (unsigned char)s[k] < 0x80)
		return 0;
	need = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
	bytes[n++] = (unsigned char)c;
	for (int j = 0; j < need; j++) {
		UChar32 d;
		if (k >= len)
			return 0;
		U8_NEXT(s, k, len, d);
		int b = cp1252_byte(d);
		if (b < 0x80 || b > 0xbf)
			return 0;
		bytes[n++] = (unsigned char)b;
	}
	int32_t p = 0;
	UChar32 dec;
	U8_NEXT(bytes, p, n, dec);
	if (dec < 0x80 || p != n)
		return 0;
	size_t m = (size_t)n < size - 1 ? (size_t)n : size - 1;
	memcpy(orig, bytes, m);
	orig[m] = '\0';
	return k - i;
}

static void
check_bidi(struct entry_ctx *x, const char *t)
{
	/* Every bidi control is encoded with the lead byte 0xE2. */
	if (strchr(t, 0xe2) == NULL)
		return;
	if (!markup_bidi_balanced(t)) {
		ck_report(x, CMSG_BIDI_UNBALANCED);
		return;
	}
	if (x->ck->impl->rtl)
		return;
	if (strstr(t, "\xe2\x80\xad") != NULL && strstr(x->src->raw, "\xe2\x80\xad") == NULL)
		ck_report(x, CMSG_BIDI_OVERRIDE_LTR, "U+202D LEFT-TO-RIGHT OVERRIDE");
	if (strstr(t, "\xe2\x80\xae") != NULL && strstr(x->src->raw, "\xe2\x80\xae") == NULL)
		ck_report(x, CMSG_BIDI_OVERRIDE_LTR, "U+202E RIGHT-TO-LEFT OVERRIDE");
}

static void
check_chars(struct entry_ctx *x, const char *t)
{
	struct checker_impl *im = x->ck->impl;
	int32_t i = 0, len = (int32_t)strlen(t);
	int below_marks = 1, seen_fffd = 0, seen_ctl = 0, seen_zw = 0, seen_moji = 0;
	UChar32 prev = 0;

	while (i < len) {
		/* Printable ASCII needs no look. */
		while (i < len && (unsigned char)t[i] >= 0x20 && (unsigned char)t[i] < 0x7f) {
			prev = (unsigned char)t[i];
			i++;
		}
		if (i >= len)
			break;
		int32_t start = i;
		UChar32 c;
		U8_NEXT(t, i, len, c);
		if (c < 0)
			continue;	/* invalid UTF-8: the catalog reader says so */
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && !seen_ctl) {
				ck_report(x, CMSG_UNICODE_CONTROL, (unsigned)c);
				seen_ctl = 1;
			} else if (c == 0x7f && !seen_ctl) {
				ck_report(x, CMSG_UNICODE_CONTROL, (unsigned)c);
				seen_ctl = 1;
			}
			prev = c;
			continue;
		}
		if (c >= 0x300)
			below_marks = 0;
		if (c == 0xfffd && !seen_fffd) {
			ck_report(x, CMSG_UNICODE_FFFD);
			seen_fffd = 1;
		} else if (c >= 0x80 && c <= 0x9f && !seen_ctl) {
			ck_report(x, CMSG_UNICODE_CONTROL, (unsigned)c);
			seen_ctl = 1;
		} else if ((c == 0x200b || c == 0x200c || c == 0x200d || c == 0x2060 ||
		    c == 0xfeff) && !seen_zw) {
			UChar32 next = 0;
			int32_t k = i;
			if (k < len)
				U8_NEXT(t, k, len, next);
			UScriptCode a = script_of(prev), b = script_of(next);
			int ok;
			if (c == 0x200d)	/* emoji sequences join with ZWJ */
				ok = needs_joiners(a) || needs_joiners(b) ||
				    u_hasBinaryProperty(prev, UCHAR_EMOJI) ||
				    u_hasBinaryProperty(next, UCHAR_EMOJI);
			else if (c == 0x200c)
				ok = needs_joiners(a) || needs_joiners(b) ||
				    strcmp(im->language, "fa") == 0;
			else if (c == 0x200b)
				ok = needs_zwsp(a) || needs_zwsp(b);
			else
				ok = 0;
			if (!ok) {
				ck_report(x, CMSG_UNICODE_ZERO_WIDTH, (unsigned)c);
				seen_zw = 1;
			}
		} else if (!seen_moji) {
			char orig[8];
			int32_t n = mojibake_at(t, start, len, orig, sizeof orig);
			if (n > 0) {
				char shown[32];
				size_t m = (size_t)n < sizeof shown - 1 ? (size_t)n : sizeof shown - 1;
				memcpy(shown, t + start, m);
				shown[m] = '\0';
				ck_report(x, CMSG_UNICODE_MOJIBAKE, shown, orig);
				seen_moji = 1;
			}
		}
		prev = c;
	}
	/* Text below U+0300 (combining marks) is always NFC. */
	if (!below_marks && im->nfc != NULL) {
		UErrorCode st = U_ZERO_ERROR;
		UChar stack[1024], *u = stack;
		int32_t ulen;
		u = ustr_from_utf8(t, len, stack, 1024, &ulen);
		if (!unorm2_isNormalized(im->nfc, u, ulen, &st) && U_SUCCESS(st))
			ck_report(x, CMSG_UNICODE_NFC);
		if (u != stack)
			free(u);
	}
}

void
check_unicode(struct entry_ctx *x)
{
	const char *t = x->tr->raw;

	if (ck_on(x, CHECK_BIDI))
		check_bidi(x, t);
	if (ck_on(x, CHECK_UNICODE))
		check_chars(x, t);
}
