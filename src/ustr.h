/*
 * ustr.h - UTF-8 text as ICU's UTF-16, for every module that hands text
 * to ICU (checks, word counts, bidi).  Text that is not valid UTF-8 (a
 * hostile catalog, a fuzzer's input) is converted with U+FFFD for each
 * bad sequence, never refused and never read past its length.
 *
 * Ownership: ustr_from_utf8() returns BUF when the text fits (CAP units
 * with the terminating NUL), else a new array the caller frees; free the
 * result only when it differs from BUF.  BUF may be NULL (CAP 0).
 */
#ifndef L10N_USTR_H
#define L10N_USTR_H

#include <stddef.h>

#include <unicode/utypes.h>

/* S of LEN bytes (or NUL-terminated when LEN is -1) in UTF-16, NUL-
 * terminated; *ULEN gets its length in code units.  Never NULL. */
UChar *ustr_from_utf8(const char *s, int32_t len, UChar *buf, int32_t cap,
    int32_t *ulen);

#endif
