/*
 * fuzzy.h - msgmerge's fuzzy matching, without its cost: for a msgid of
 * the new template that has no exact match, the old message whose
 * translation is offered as a fuzzy one.  For update.c and tests.
 *
 * The measure and the choice are gettext 0.21's (msgl-fsearch.c,
 * message.c, gnulib fstrcmp.c):
 *   - weight = fstrcmp similarity 2 * LCS / (|a| + |b|) over bytes, plus
 *     0.00001 when the old message has no msgctxt or the same one;
 *   - candidates are the old messages with a translation (obsolete ones
 *     included) that share a 4-gram of characters with the msgid, or, for
 *     a msgid of fewer than 4 characters, whose length is in range;
 *   - the heaviest candidate above 0.6 wins; among equal ones, the one
 *     sharing more 4-grams with the msgid, then the earlier one.
 * msgmerge compares every msgid with nearly every candidate.  Here upper
 * bounds from lengths and byte counts order the candidates and rule them
 * out, and the exact similarity (bit-parallel LCS) is computed for the
 * few that remain, likely ones first: so for a message that was edited,
 * the answer is msgmerge's, proven.  When the bounds cannot prove the
 * best within FUZZY_BUDGET comparisons (a msgid with no close relative,
 * typically a new one), the answer is gettext's own heuristic (msgmerge's
 * before gettext 0.18): the best among the sqrt(N) candidates sharing the
 * most 4-grams, or any better one already compared.
 *
 * What the extractor knows comes first: an old message that left the
 * template (a "leftover") with the same msgctxt (the unit's stable id)
 * and a weight above the threshold is the unit's previous version and is
 * taken before any other; an old message at the same "file:line" is
 * compared early.
 *
 * Ownership: the index keeps pointers to the strings given to
 * fuzzy_add(), which must outlive it.  fuzzy_find() may run in several
 * threads at once on one prepared index.
 */
#ifndef L10N_FUZZY_H
#define L10N_FUZZY_H

#include <stddef.h>

/* Exact comparisons allowed before the heuristic takes over. */
#define FUZZY_BUDGET 24

enum fuzzy_how {
	FUZZY_NONE,		/* nothing above the threshold */
	FUZZY_BY_ID,		/* a leftover with the same msgctxt */
	FUZZY_PROVEN,		/* msgmerge's answer, proven by the bounds */
	FUZZY_HEURISTIC		/* gettext's heuristic answer */
};

struct fuzzy_result {
	long cand;		/* candidate number, or -1 */
	double similarity;	/* fstrcmp similarity of the candidate */
	enum fuzzy_how how;
	size_t compared;	/* exact comparisons made */
};

struct fuzzy;

struct fuzzy *fuzzy_new(void);
/* Add an old message with a translation.  Candidates are numbered 0, 1,
 * ... in the order they are added, which must be their order in the old
 * catalog (it breaks ties).  REF is its first "file:line" reference (or
 * NULL); LEFTOVER says that no message of the new template has its
 * msgctxt and msgid. */
size_t fuzzy_add(struct fuzzy *fz, const char *msgctxt, const char *msgid,
    const char *ref, int leftover);
/* Build the index; call once, after the last fuzzy_add(). */
void fuzzy_prepare(struct fuzzy *fz);
/* The candidate for MSGID (in MSGCTXT, or NULL; first reference REF, or
 * NULL).  Returns res->cand. */
long fuzzy_find(struct fuzzy *fz, const char *msgctxt, const char *msgid,
    const char *ref, struct fuzzy_result *res);
void fuzzy_free(struct fuzzy *fz);

/* gettext's fstrcmp(A, B), exactly (for strings under 10,000 bytes
 * each, where fstrcmp's own cut-off never applies). */
double fuzzy_similarity(const char *a, const char *b);

#endif
