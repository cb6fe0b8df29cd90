/* ustr.c - UTF-8 to ICU's UTF-16, invalid sequences replaced. */
#include "ustr.h"

#include <unicode/ustring.h>

#include "xalloc.h"

UChar *
ustr_from_utf8(const char *s, int32_t len, UChar *buf, int32_t cap, int32_t *ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	UChar *u = buf;

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
