/* workq.c - independent jobs shared by forked processes. */
#define _GNU_SOURCE
#include "workq.h"

#include <stdatomic.h>
#include <sys/mman.h>

struct workq {
	atomic_size_t next;
	size_t n, size;
	unsigned char taken[];	/* by job: who took it, 0 nobody */
};

struct workq *
workq_new(size_t n)
{
	size_t size = sizeof(struct workq) + n;
	struct workq *q = mmap(NULL, size, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (q == MAP_FAILED)
		return NULL;
	/* (Anonymous memory comes zeroed: nothing taken.) */
	atomic_init(&q->next, 0);
	q->n = n;
	q->size = size;
	return q;
}

void
workq_free(struct workq *q)
{
	if (q != NULL)
		munmap(q, q->size);
}

size_t
workq_take(struct workq *q, unsigned char who)
{
	size_t k = atomic_fetch_add(&q->next, 1);

	if (k >= q->n)
		return (size_t)-1;
	q->taken[k] = who;
	return k;
}

unsigned char
workq_taker(const struct workq *q, size_t k)
{
	return q->taken[k];
}
