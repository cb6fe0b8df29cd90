/*
 * spawn.h - running the gettext programs (msgmerge, msginit) and
 * capturing what they write.  For cmd-update.c.
 *
 * Ownership: the caller owns the strbuf that receives the output.
 */
#ifndef L10N_SPAWN_H
#define L10N_SPAWN_H

#include "xalloc.h"

/* Run ARGV (argv[0] looked up in PATH) with standard input from
 * /dev/null, capture standard output into OUT, let standard error through.
 * Returns the exit status, or -1 when the program could not be run. */
int spawn_capture(char *const argv[], struct strbuf *out);

#endif
