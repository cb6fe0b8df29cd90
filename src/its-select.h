/*
 * its-select.h - ITS rule selectors matched by name in one pass over the
 * document instead of one XPath evaluation per rule.  For its.c only.
 *
 * Rule files select mostly with unions of simple location paths
 * ("//db:para | //db:title", "//h:meta/@content", "//@alt").  Those terms
 * are recognised here and tested node by node; any other term (predicates,
 * functions, variables, other axes) is handed back as an XPath expression
 * for libxml2 to evaluate, so that together they select exactly what the
 * selector does.
 *
 * Recognised terms, with Q a name test (*, name, prefix:name, prefix:*)
 * and A an attribute name test (*, name, prefix:name):
 *   //Q   /Q   //Q/Q   //Q/@A   //@A
 *
 * Ownership: an its_select holds copies of the names it tests and of the
 * namespace URIs their prefixes stand for (resolved on the rule element).
 */
#ifndef L10N_ITS_SELECT_H
#define L10N_ITS_SELECT_H

#include <libxml/tree.h>

struct its_select;

/* Parse SELECTOR of the rule element RULE.  Never NULL. */
struct its_select *its_select_parse(const char *selector, xmlNodePtr rule);
void its_select_free(struct its_select *s);
/* The terms left for XPath, joined with " | ", or NULL when none. */
const char *its_select_rest(const struct its_select *s);
/* Add a node the XPath terms selected (an element or an attribute). */
void its_select_add_node(struct its_select *s, xmlNodePtr node);
/* Does the selector select element EL, or attribute A? */
int its_select_element(const struct its_select *s, xmlNodePtr el);
int its_select_attribute(const struct its_select *s, xmlAttrPtr a);
/* Can the selector select attributes at all? */
int its_select_attributes(const struct its_select *s);

#endif
