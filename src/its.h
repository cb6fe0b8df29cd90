/*
 * its.h - the W3C ITS 2.0 engine: data categories of every element and
 * attribute of a document, from global rules (the tool's defaults,
 * linked and inline its:rules) and local markup.  For the extractor, the
 * merger, the checker and `l10n its`.
 *
 * Specification: https://www.w3.org/TR/its20/ (section numbers below).
 * Precedence (section 5.5): defaults < external rules < internal global
 * rules < local markup; among rules, the later one wins.  Values are
 * inherited by each category's own rules (section 6.1 table).
 *
 * Ownership: its_new() borrows the document, which must outlive the
 * struct its; the engine owns the rule documents it loads and every
 * string it returns (valid until its_free()).  It keeps its values in the
 * _private fields of the document's elements and attributes, which must
 * be NULL when its_new() is called (one engine at a time per document);
 * its_free() sets them back to NULL.
 */
#ifndef L10N_ITS_H
#define L10N_ITS_H

#include <libxml/tree.h>

#include "diag.h"

#define ITS_NS "http://www.w3.org/2005/11/its"
#define XLINK_NS "http://www.w3.org/1999/xlink"

enum its_within {
	ITS_WITHIN_NO,
	ITS_WITHIN_YES,
	ITS_WITHIN_NESTED
};

enum its_dir {
	ITS_DIR_LTR,
	ITS_DIR_RTL,
	ITS_DIR_LRO,
	ITS_DIR_RLO
};

enum its_loc_note_type {
	ITS_NOTE_DESCRIPTION,
	ITS_NOTE_ALERT
};

struct its_options {
	/* Apply the tool's default rules for the document's format
	 * (src/rules/html5.its, docbook5.its) before the document's own. */
	int default_rules;
	/* Folder of the default rule files (NULL: the built-in location). */
	const char *rules_dir;
	/* Extra rule files applied after the defaults, before the
	 * document's own rules (content/rules/ *.its). */
	const char *const *extra_rules;
	size_t nextra_rules;
};

struct its;

/* Annotate DOC (read from PATH, used to resolve linked rules).  Returns
 * NULL only when the rules cannot be applied at all; problems with single
 * rules are diagnosed and the rule skipped. */
struct its *its_new(struct diag *d, xmlDocPtr doc, const char *path,
    const struct its_options *opt);
void its_free(struct its *its);

int its_is_html(const struct its *its);
xmlDocPtr its_document(const struct its *its);

/* Effective values; NODE is an element or an attribute (xmlAttrPtr cast). */
int its_translate(const struct its *its, xmlNodePtr node);
enum its_within its_within_text(const struct its *its, xmlNodePtr node);
int its_preserve_space(const struct its *its, xmlNodePtr node);
enum its_dir its_direction(const struct its *its, xmlNodePtr node);
const char *its_lang(const struct its *its, xmlNodePtr node);
/* Localisation note (text or reference); NULL when none. */
const char *its_loc_note(const struct its *its, xmlNodePtr node,
    enum its_loc_note_type *type, const char **ref);
const char *its_id_value(const struct its *its, xmlNodePtr node);
const char *its_domains(const struct its *its, xmlNodePtr node);
/* Locale filter: list ("*" by default) and whether it includes. */
const char *its_locale_filter(const struct its *its, xmlNodePtr node,
    int *include);
const char *its_external_resource(const struct its *its, xmlNodePtr node);
const char *its_allowed_characters(const struct its *its, xmlNodePtr node);
const char *its_storage_size(const struct its *its, xmlNodePtr node,
    const char **encoding, const char **line_break);
/* Terminology: 1 term, 0 not a term, -1 nothing said. */
int its_term(const struct its *its, xmlNodePtr node, const char **info,
    const char **info_ref, const char **confidence);
/* The annotator IRI of CATEGORY, or with CATEGORY NULL every
 * "category|IRI" in force, sorted (section 5.7). */
const char *its_annotators_ref(const struct its *its, xmlNodePtr node,
    const char *category);

/* Does NODE belong to ITS markup itself (its:rules and its descendants)? */
int its_is_its_markup(const struct its *its, xmlNodePtr node);

/* Print the values of CATEGORY for every node in the W3C test-suite
 * format.  Returns -1 for an unknown category. */
int its_print_category(const struct its *its, const char *category, FILE *out);

#endif
