/*
 * build-id.h - which build of the tool this is, for results it keeps from
 * one run to the next (update stamps, word counts): another build may
 * compute them differently.  For every file in src/ that writes such a
 * result.
 *
 * __DATE__ and __TIME__ do not tell builds apart: the Makefile exports
 * SOURCE_DATE_EPOCH (the content's last commit) for reproducible outputs,
 * and the compiler takes it for both.  The linker's build ID (a hash of
 * the program, GNU ld's default on Debian) does.
 *
 * Ownership: the string is static.
 */
#ifndef L10N_BUILD_ID_H
#define L10N_BUILD_ID_H

/* The program's build ID in hexadecimal; without one, the hash of the
 * program file; failing that, the compiler's date and time. */
const char *l10n_build_id(void);

#endif
