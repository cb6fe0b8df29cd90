/*
 * check.h - checking translations against their sources: the table of
 * checks (check.def), their messages (check-msg.def), and a checker for
 * one language.  For `l10n check` (cmd-check.c) and the build (merge.c),
 * which publishes no translation with an error-level finding.
 *
 * A check is a pure function of (source, translation, language, glossary)
 * that reports findings through the checker's sink; it never changes
 * anything.  Findings suppressed by a translator comment
 * "# l10n-ignore: ID[, ID...] — reason" or by the language's exceptions
 * file are not reported.
 *
 * Ownership: a struct checker owns its ICU objects and copies of what it
 * is given except the glossary and the session (checker_release()).
 */
#ifndef L10N_CHECK_H
#define L10N_CHECK_H

#include <stddef.h>

#include "catalog.h"
#include "diag.h"
#include "hash.h"
#include "xalloc.h"
#include "xmlio.h"

enum check_id {
#define CHECK(e, id, level, desc, why) CHECK_##e,
#include "check.def"
#undef CHECK
	CHECK_N
};

enum check_msg {
#define CMSG(e, check, level, fmt) CMSG_##e,
#include "check-msg.def"
#undef CMSG
	CMSG_N
};

const char *check_name(enum check_id id);
enum diag_level check_level(enum check_id id);
const char *check_description(enum check_id id);
const char *check_rationale(enum check_id id);
/* The check called NAME, or -1. */
int check_by_name(const char *name);
enum check_id check_of_msg(enum check_msg m);

/* One finding, as the sink receives it. */
struct check_finding {
	const char *file;
	unsigned long line, col;
	const char *msgid, *msgctxt;	/* NULL for the header */
	enum check_id check;
	enum check_msg code;
	enum diag_level level;
	const char *message;		/* formatted, without " [id]" */
};

typedef void check_sink(void *arg, const struct check_finding *f);

/* A glossary (glossary.c): TBX-Basic terms per language. */
struct glossary;
struct glossary *glossary_load(struct diag *d, const char *path);
void glossary_free(struct glossary *g);

/* What is shared by the checkers of one run: first translations of each
 * source per language (consistency) and the glossary. */
struct check_session {
	struct hash seen;		/* lang \004 ctxt \004 msgid -> struct seen */
	struct arena arena;
	const struct glossary *glossary;
	int no_consistency;		/* one catalog: nothing to compare with */
};
void check_session_init(struct check_session *s, const struct glossary *g);
void check_session_release(struct check_session *s);
/* Record that FILE:LINE translates (MSGCTXT, MSGID) into LANG as MSGSTR,
 * unless a translation was recorded before. */
void check_session_add(struct check_session *s, const char *lang,
    const char *msgctxt, const char *msgid, const char *file,
    unsigned long line, const char *msgstr);

struct checker_impl;

struct checker {
	int enabled[CHECK_N];
	int werror;			/* warnings count as errors */
	int skip_header;		/* part of a catalog: no header checks */
	char lang[64];			/* BCP 47 */
	check_sink *sink;
	void *sink_arg;
	struct check_session *session;	/* may be NULL */
	struct checker_impl *impl;
};

/* Prepare a checker for LANG (a catalog name or BCP 47 tag); every check
 * enabled.  Returns 0, or -1 when ICU does not know LANG. */
int checker_init(struct checker *ck, const char *lang, check_sink *sink,
    void *arg, struct check_session *session);
void checker_release(struct checker *ck);

/* A checker for the build: only error-level checks other than those the
 * merge itself applies (well-formed, markup, unsafe); each error is
 * diagnosed on D as "translation refused: ... [check]"; the exceptions
 * file next to PO_PATH (LANG.exceptions) is honoured.  Returns 0 or -1. */
int checker_init_build(struct checker *ck, const char *lang, struct diag *d,
    const char *po_path);

/* Read the exceptions file PATH (PO syntax, see README.md) when it exists. */
int checker_load_exceptions(struct checker *ck, struct diag *d, const char *path);

/* What libgettextpo does not give per message, from TEXT, the bytes of
 * the catalog PATH (the whole file, when it is checked in parts): the
 * names of translate="no" placeholders from the "#." comments, and the
 * entries flagged icu-format. */
void checker_preload(struct checker *ck, const char *path, const char *text, size_t len);

/* Check a whole catalog: header, plural forms, every entry.  Returns the
 * worst level reported (-1 none). */
int check_catalog(struct checker *ck, const struct catalog *cat);

/* Check one entry of CAT (the build calls this for each unit it merges).
 * KIND is the source's format.  Returns the worst level reported (-1:
 * nothing). */
int check_entry(struct checker *ck, const struct catalog *cat,
    const struct catalog_entry *e, enum xmlio_kind kind);

#endif
