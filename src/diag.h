/*
 * diag.h - diagnostics: one enumerator per message (diag.def), printed
 * gcc-style as "file:line:col: level: message".  For every file in src/.
 *
 * A struct diag is the reporting context passed down explicitly; there is
 * no global diagnostic state.  It owns nothing but its counters.
 */
#ifndef L10N_DIAG_H
#define L10N_DIAG_H

#include <stdio.h>

enum diag_level {
	DIAG_LEVEL_WARNING,
	DIAG_LEVEL_ERROR,
	DIAG_LEVEL_FATAL,
	DIAG_NLEVELS
};

enum diag_code {
#define DIAG(name, level, msg) DIAG_##name,
#include "diag.def"
#undef DIAG
	DIAG_NCODES
};

struct diag {
	FILE *out;			/* stderr by default; NULL: count only */
	unsigned count[DIAG_NLEVELS];
	int quiet_warnings;		/* count warnings, do not print them */
};

void diag_init(struct diag *d);
void diag(struct diag *d, enum diag_code code, const char *file,
    unsigned long line, unsigned long col, ...);
/* The same, with an explicit level (for tables of checks). */
void diag_at_level(struct diag *d, enum diag_level level, const char *file,
    unsigned long line, unsigned long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
enum diag_level diag_level_of(enum diag_code code);
const char *diag_level_name(enum diag_level level);
/* 0: nothing worse than warnings; 1: errors; 2: fatal errors. */
int diag_exit_status(const struct diag *d);
unsigned diag_errors(const struct diag *d);

#endif
