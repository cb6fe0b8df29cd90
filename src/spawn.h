/*
 * spawn.h - child processes: running the gettext programs (msgmerge,
 * msginit) and capturing what they write (cmd-update.c); waiting for a
 * child the tool forked (every command that forks).
 *
 * Ownership: the caller owns the strbuf that receives the output.
 */
#ifndef L10N_SPAWN_H
#define L10N_SPAWN_H

#include <sys/types.h>

#include "xalloc.h"

/* Run ARGV (argv[0] looked up in PATH) with standard input from
 * /dev/null, capture standard output into OUT, let standard error through.
 * Returns the exit status, or -1 when the program could not be run. */
int spawn_capture(char *const argv[], struct strbuf *out);

/* Wait for the child PID, again when a signal interrupts the wait.
 * Returns its exit status (0-255), or -1 when a signal ended it or it
 * could not be waited for; *RAW (unless NULL) gets waitpid()'s status,
 * or -1 when it could not be waited for. */
int spawn_wait(pid_t pid, int *raw);

#endif
