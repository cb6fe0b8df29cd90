/*
 * workq.h - a list of independent jobs shared by the processes a command
 * forks (site-writer.c's pages, cmd-build.c's languages): each process
 * takes the next job when it is free, so that none waits for another
 * that was given the longer jobs.  The queue lives in memory shared
 * across fork(); it records who took each job, so that the jobs of a
 * child that died can be done again.
 *
 * Ownership: workq_new() returns a queue the caller frees with
 * workq_free() (in the process that created it, after its children
 * ended).
 */
#ifndef L10N_WORKQ_H
#define L10N_WORKQ_H

#include <stddef.h>

struct workq;

/* A queue of N jobs (0 to N-1), none taken; NULL when shared memory
 * cannot be had (the caller then does every job itself). */
struct workq *workq_new(size_t n);
void workq_free(struct workq *q);

/* The next job not taken, now taken by WHO (1-255: whoever the caller
 * counts), or (size_t)-1 when none is left. */
size_t workq_take(struct workq *q, unsigned char who);
/* Who took job K (0: nobody). */
unsigned char workq_taker(const struct workq *q, size_t k);

#endif
