/*
 * check-impl.h - what the check*.c files share: one entry being checked
 * (source and translation parsed once, their text without markup), the
 * checker's ICU objects, and the reporting function.  For check*.c and
 * glossary.c only.
 *
 * Ownership: struct side and struct entry_ctx are filled and released by
 * check.c; the checks only read them.
 */
#ifndef L10N_CHECK_IMPL_H
#define L10N_CHECK_IMPL_H

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/unum.h>
#include <unicode/utypes.h>

#include "check.h"
#include "markup.h"

/* U+FFFC OBJECT REPLACEMENT CHARACTER stands for a placeholder in text. */
#define PH_CHAR "\xef\xbf\xbc"

/* One side of an entry: the msgid (source) or a msgstr (translation). */
struct side {
	const char *raw;
	int has_markup;		/* raw has '<' or '&' */
	int parsed;		/* 1: m holds the parsed fragment */
	struct markup m;
	char why[256];		/* why it did not parse / HTML parse error */
	struct strbuf text;	/* text content, placeholders as PH_CHAR */
	struct strbuf attrs;	/* translatable attribute values, one a line */
	struct strbuf all;	/* text, then attrs: what text checks read */
	UChar *u;		/* `all` in UTF-16 (side_utf16()) */
	int32_t ulen;
	struct strbuf fold;	/* `all` case-folded (side_fold()) */
};

struct entry_ctx {
	struct checker *ck;
	const struct catalog *cat;
	const struct catalog_entry *e;
	enum xmlio_kind kind;
	int form;		/* plural form index, or -1 */
	struct side *src, *tr;	/* the checker's, reused entry after entry */
	unsigned long line, col;
	int ignore[CHECK_N];	/* suppressed here */
	int worst;
	int well_formed;	/* both sides usable for markup checks */
};

struct dnt_name {
	const char *name;
	size_t len;
};

/* A token ICU read (or refused) with one of the checker's number formats:
 * the same tokens recur message after message (years, "2,000"). */
#define NUMCACHE_TOK 24
#define NUMCACHE_SLOTS 4096
struct numcache_slot {
	const UNumberFormat *fmt;	/* NULL: empty */
	int32_t len;
	int ok;
	double v;
	UChar tok[NUMCACHE_TOK];
};

struct checker_impl {
	char language[16];	/* "de", "zh" */
	char script[8];		/* "Latn", "Hans" */
	int rtl;
	int spaceless;		/* Han, Kana, Thai...: words without spaces */
	double ratio;		/* usual length ratio translation/source */
	UNumberFormat *nf_lang, *nf_en, *spell;
	struct numcache_slot *numcache;	/* NUMCACHE_SLOTS, or NULL until used */
	UChar group_lang[4];
	UBreakIterator *words, *chars;
	const UNormalizer2 *nfc;
	struct dnt_name *names;	/* do-not-translate names of the catalog */
	size_t nnames, capnames;
	struct dnt_name *same;	/* names rendered as in the source */
	size_t nsame, capsame;
	int names_preloaded;
	struct arena arena;
	struct catalog exceptions;
	int have_exceptions;
	struct strbuf msg;	/* scratch for formatting */
	struct side src, tr;	/* buffers reused for every entry */
	int sides_ready;
	const char *plural_names[6];
	int nplural;
	/* msgid lines of the entries flagged icu-format in icu_path, which
	 * libgettextpo does not keep (it knows no such format). */
	char *icu_path;
	unsigned long *icu_lines;
	size_t nicu, capicu;
};

/* Report finding CODE for the entry being checked (printf arguments as in
 * check-msg.def). */
void ck_report(struct entry_ctx *x, enum check_msg code, ...);
/* Is CHECK enabled and not suppressed for this entry? */
int ck_on(const struct entry_ctx *x, enum check_id check);

/* The side's text as UTF-16 / case-folded UTF-8 (computed once). */
void side_utf16(struct side *s);
void side_fold(struct side *s);

/* Case-fold UTF-8 S into OUT (ICU full case folding). */
void ck_fold(const char *s, size_t len, struct strbuf *out);

/* The groups of checks, one file each. */
void check_markup(struct entry_ctx *x);		/* check-markup.c */
void check_numbers(struct entry_ctx *x);	/* check-numbers.c */
void check_text(struct entry_ctx *x);		/* check-text.c */
void check_names(struct entry_ctx *x);		/* check-text.c */
void check_unicode(struct entry_ctx *x);	/* check-unicode.c */
void check_formats(struct entry_ctx *x);	/* check-format.c */
/* Record the icu-format flags of TEXT, PATH's bytes (read from PATH by
 * check_icu_flagged() when no text was given for it). */
void check_icu_flags_scan(struct checker_impl *im, const char *path, const char *text,
    size_t len);
/* Is E flagged icu-format in CAT's file? */
int check_icu_flagged(struct checker_impl *im, const struct catalog *cat,
    const struct catalog_entry *e);
void check_glossary(struct entry_ctx *x, const struct glossary *g); /* glossary.c */
void check_header(struct entry_ctx *x);		/* check-catalog.c */
void check_consistency(struct entry_ctx *x);	/* check-catalog.c */
/* The do-not-translate names of glossary G (DNT), and the terms whose
 * rendering in TAG is the source's (SAME), for names and same-as-source. */
void glossary_names(const struct glossary *g, const char *tag,
    void (*dnt)(void *, const char *), void (*same)(void *, const char *), void *arg);

#endif
