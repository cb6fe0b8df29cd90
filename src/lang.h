/*
 * lang.h - what ICU knows about a language: its BCP 47 tag, direction,
 * script, names and CLDR plural rules.  For every file in src/ that needs
 * a language fact; nothing here is hard-coded per language.
 *
 * Ownership: functions fill caller-provided buffers or strbufs.
 */
#ifndef L10N_LANG_H
#define L10N_LANG_H

#include <stddef.h>

#include "xalloc.h"

/* The BCP 47 form of a catalog or locale name ("zh_Hans" -> "zh-Hans",
 * "pt_BR" -> "pt-BR").  Returns 0, or -1 when ICU does not know it. */
int lang_bcp47(const char *name, char *out, size_t len);
/* The catalog form of a BCP 47 tag ("zh-Hans" -> "zh_Hans"). */
void lang_po_name(const char *tag, char *out, size_t len);
/* Is the language written right to left (ICU's character orientation)? */
int lang_is_rtl(const char *tag);
/* The ISO 15924 script code ICU infers ("Hans", "Hebr", "Latn"). */
void lang_script(const char *tag, char *out, size_t len);
/* The language part and the region ICU infers ("zh-Hant" -> zh, TW). */
void lang_language(const char *tag, char *out, size_t len);
void lang_region(const char *tag, char *out, size_t len);
/* The language's name in DISPLAY_IN ("he" in "he" -> "עברית"). */
void lang_display_name(const char *tag, const char *display_in,
    struct strbuf *out);
/* The name of the language in itself, capitalised as CLDR says for a
 * menu of languages ("he" -> "עברית", "es" -> "Español", "zh-Hans" ->
 * "简体中文"). */
void lang_native_name(const char *tag, struct strbuf *out);
/* The Open Graph form language_TERRITORY ("he" -> "he_IL", "zh-Hant" ->
 * "zh_TW"), from the region ICU infers. */
void lang_og_locale(const char *tag, char *out, size_t len);
/* Is TAG a CLDR pseudo-locale (region XA, XB or XC: en-XA, ar-XB)? */
int lang_is_pseudo(const char *tag);

/* CLDR plural categories that integers can take, in CLDR order
 * (zero one two few many other); returns their number and fills NAMES. */
int lang_plural_categories(const char *tag, const char *names[6]);
/* "nplurals=N; plural=EXPR;" for integers, compiled from the CLDR rules
 * ICU carries.  Returns 0, or -1 when ICU has no rules for TAG. */
int lang_plural_forms(const char *tag, struct strbuf *out);
/* The CLDR category (as an index into lang_plural_categories) of N. */
int lang_plural_select(const char *tag, long n);

/* Evaluate a gettext plural expression ("n != 1") for N.  Returns 0 and
 * sets *value, or -1 when the expression is not valid. */
int plural_eval(const char *expr, unsigned long n, unsigned long *value);
/* Parse "nplurals=N; plural=EXPR;" into N and EXPR (newly allocated). */
int plural_parse_header(const char *forms, int *nplurals, char **expr);

/* ---- Formatting for readers (lang-format.c) -------------------------- */

/* The ten digits 0-9 of the language's default numbering system (CLDR),
 * as UTF-8 in OUT ("0123456789", "٠١٢٣٤٥٦٧٨٩").  Algorithmic systems
 * (Hebrew letters, Chinese words) give the ASCII digits. */
void lang_digits(const char *tag, struct strbuf *out);
/* CLDR quotation marks: OPEN and CLOSE, and the alternate (inner) pair;
 * each a small UTF-8 string, at least 8 bytes of buffer. */
void lang_quotes(const char *tag, char open[16], char close[16],
    char alt_open[16], char alt_close[16]);
/* Date T (seconds since the epoch, in UTC) in TAG's form of the ICU
 * skeleton SKELETON ("yMMMMd": "14 November 2023", "2023年11月14日").
 * Returns 0, or -1 (OUT unchanged) when ICU cannot format it. */
int lang_format_date(const char *tag, const char *skeleton, long long t,
    struct strbuf *out);

#endif
