/*
 * catalog.h - PO files and templates, read and written only through
 * libgettextpo.  For the commands that read catalogs (build, check,
 * stats, update) and write them (extract, update).
 *
 * Ownership: a struct catalog owns the po_file_t it read and every string
 * of its entries (catalog_release()).  A struct pot owns copies of what
 * is added to it.
 */
#ifndef L10N_CATALOG_H
#define L10N_CATALOG_H

#include <stddef.h>
#include <time.h>

#include <gettext-po.h>

#include "diag.h"
#include "hash.h"
#include "unit.h"
#include "xalloc.h"

struct catalog_entry {
	const char *msgctxt;		/* NULL when none */
	const char *msgid;
	const char *msgid_plural;	/* NULL unless a plural entry */
	const char *msgstr;		/* msgstr, or msgstr[0] */
	const char *comments;		/* translator comments ("# ") */
	const char *extracted;		/* extracted comments ("#.") */
	const char *prev_msgid;		/* "#| msgid", or NULL */
	const char *prev_msgctxt;	/* "#| msgctxt", or NULL */
	const char *prev_msgid_plural;	/* "#| msgid_plural", or NULL */
	int fuzzy, obsolete;
	unsigned long line;		/* line of the msgid keyword */
	unsigned long msgstr_line;	/* line of msgstr (or msgstr[0]) */
	const char *refs;		/* "#:" references, "file:line\n" each; or NULL */
	const char *formats;		/* from a digest: "c-format python-format "...
					 * (the formats it is flagged with); or NULL */
	po_message_t msg;		/* for plural forms, formats, filepos;
					 * NULL from catalog_read_cached() */
};

struct catalog {
	char *path;
	po_file_t file;
	struct catalog_entry *v;	/* v[0] is the header when present */
	size_t n, cap;
	const char *header;		/* msgstr of the header, or NULL */
	/* msgctxt "\004" msgid -> entry: built by the first catalog_find()
	 * (the status page reads 30 catalogs and looks nothing up). */
	struct hash index;
	int indexed;
	struct arena arena;
	char *blob;			/* a digest's strings (catalog-cache.c) */
	/* Messages in a domain other than "messages" (a "domain" line),
	 * which the entries leave out. */
	int other_domains;
	int errors;			/* syntax errors libgettextpo reported */
};

/* Read PATH.  Returns 0, or -1 (diagnosed) when the file cannot be used
 * at all.  Problems libgettextpo is silent about (empty file, no header,
 * charset other than UTF-8, invalid UTF-8, NUL bytes) are diagnosed as
 * errors too and counted in cat->errors.  libgettextpo reads the file first in a child process, so
 * that its exit(1) on out of memory or a crash costs only this catalog.
 * On -1, cat holds only its path (catalog_release() is still safe). */
int catalog_read(struct diag *d, const char *path, struct catalog *cat);
/* The same for PO text in memory; PATH names it in diagnostics. */
int catalog_read_text(struct diag *d, const char *text, size_t len,
    const char *path, struct catalog *cat);
void catalog_release(struct catalog *cat);
/* Do the plural entries of CAT have the header's nplurals forms?  Errors
 * are diagnosed and added to cat->errors; returns their number.  Used by
 * the commands that publish or rewrite a catalog (build, update), which
 * then refuse it whole; `l10n check` reports the same as its plural-forms
 * check. */
int catalog_check_plurals(struct diag *d, struct catalog *cat);
/* For the fuzz targets only: read with libgettextpo in this process
 * instead of first in a child (see catalog.c). */
void catalog_set_in_process(int on);

/* Once per process, before any catalog is read or written: how
 * libgettextpo is to treat the bytes (see catalog.c). */
void catalog_init(void);

/* catalog_read_text() for a process that is itself a disposable child,
 * whose death its parent reports: libgettextpo reads TEXT here, once,
 * under the memory limit of catalog.c's reading child (which it would
 * otherwise run first), and may end this process (exit(1) when memory is
 * exhausted).  Sets that limit for the rest of the process's life. */
int catalog_read_text_disposable(struct diag *d, const char *text, size_t len,
    const char *path, struct catalog *cat);
/* The same for readers that only look messages up and count them (build,
 * stats): when L10N_CACHE_DIR is set, from a digest of the file written
 * there by an earlier read of the same bytes (catalog-cache.c), without
 * libgettextpo; then cat->file and every entry's msg are NULL (use
 * catalog_entry_format(), catalog_entry_first_file()).  A catalog with
 * diagnostics or plural messages is never digested. */
int catalog_read_cached(struct diag *d, const char *path, struct catalog *cat);
/* The same for build and stats, which only look messages up: without
 * L10N_CACHE_DIR too, the child that reads the catalog first (see
 * catalog.c) hands back its digest, which this process loads instead of
 * parsing the catalog a second time.  When the child saw diagnostics or
 * plural messages, the catalog is read here as by catalog_read(), with
 * cat->file and each msg set. */
int catalog_read_lookup(struct diag *d, const char *path, struct catalog *cat);
/* The same for PO text in memory (PATH names it). */
int catalog_read_text_lookup(struct diag *d, const char *text, size_t len,
    const char *path, struct catalog *cat);
/* Read CAT from the digest of TEXT in L10N_CACHE_DIR, without
 * libgettextpo: 0, or -1 when there is none (CAT then empty, nothing to
 * release). */
int catalog_read_text_from_digest(struct diag *d, const char *text, size_t len,
    const char *path, struct catalog *cat);
/* catalog_read() and catalog_read_text() the way catalog_read_lookup()
 * reads (for catalog-cache.c only). */
int catalog_read_digested(struct diag *d, const char *path, struct catalog *cat);
int catalog_read_text_digested(struct diag *d, const char *text, size_t len,
    const char *path, struct catalog *cat);
/* A digest of CAT's entries, without the hash of any bytes, in SB; and
 * CAT's entries from such a digest, SB taken over (0, or -1 when it is
 * not one).  For catalog.c's reading child and its parent. */
void catalog_digest_render(const struct catalog *cat, struct strbuf *sb);
int catalog_digest_load(struct catalog *cat, struct strbuf *sb);
/* Index CAT's entries and check its header (for catalog-cache.c only). */
void catalog_finish(struct diag *d, struct catalog *cat);
/* Is E flagged as a string of FORMAT ("c-format")?  From its message, or
 * from a digest. */
int catalog_entry_format(const struct catalog_entry *e, const char *format);
/* The file of E's first reference (newly allocated), or NULL. */
char *catalog_entry_first_file(const struct catalog_entry *e);
/* The non-obsolete entry for MSGCTXT (or NULL) and MSGID, or NULL.  The
 * first call indexes the catalog (not safe from two threads at once). */
const struct catalog_entry *catalog_find(const struct catalog *cat,
    const char *msgctxt, const char *msgid);
/* A header field, newly allocated (free()), or NULL. */
char *catalog_header_field(const struct catalog *cat, const char *field);

/* Write FILE to PATH ("-": standard output) through libgettextpo, then
 * atomically, and only when the bytes differ from what PATH holds
 * (ignoring the POT-Creation-Date line when IGNORE_DATE).  Returns 1
 * written, 0 unchanged, -1 failure (diagnosed). */
int catalog_write(struct diag *d, po_file_t file, const char *path, int ignore_date);
/* The same for PO text already rendered (msgmerge's output). */
int catalog_write_text(struct diag *d, const char *text, size_t len,
    const char *path, int ignore_date);
/* Set header FIELD of CAT's header entry to VALUE. */
void catalog_set_header_field(struct catalog *cat, const char *field,
    const char *value);
/* Render FILE as PO text into SB exactly as po_file_write writes it,
 * checked complete (PATH names it in the diagnostic when not). */
int catalog_render(struct diag *d, po_file_t file, struct strbuf *sb, const char *path);
/* The same for large catalogs, in shares rendered by parallel processes
 * and each checked complete (catalog-render.c; for catalog_render()
 * only).  Returns -1, saying nothing, when it was not worth it or did not
 * work out; L10N_RENDER_JOBS=N sets the number of shares (0: never). */
int catalog_render_parallel(po_file_t file, struct strbuf *sb);

/* The gettext date format of T ("2024-01-31 12:00+0000"). */
void catalog_format_date(time_t t, char *buf, size_t len);
/* The reproducible date: SOURCE_DATE_EPOCH when set (an error when
 * malformed: returns -1), else FALLBACK. */
int catalog_source_date(struct diag *d, time_t fallback, time_t *out);

/* A PO template being built from units. */
struct pot {
	struct pot_entry *v;
	size_t n, cap;
	struct hash index;
	struct arena arena;
};

#define POT_INIT { NULL, 0, 0, HASH_INIT, ARENA_INIT }

/* Add the units of one document; REF is the file name for "#:". */
void pot_add(struct pot *pot, const struct unit_list *units, const char *ref);
/* Make the po_file_t of the template (header for PROJECT, dated DATE). */
po_file_t pot_to_po(const struct pot *pot, const char *project, time_t date);
void pot_release(struct pot *pot);

#endif
