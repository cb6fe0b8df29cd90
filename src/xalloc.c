/* xalloc.c - allocation wrappers that abort with a message, and strbuf. */
#include "xalloc.h"

#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
oom(size_t n)
{
	fprintf(stderr, "l10n: fatal: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom(n);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb);
}

void *
xgrow(void *v, size_t *cap, size_t need, size_t sz)
{
	size_t n;

	if (need <= *cap)
		return v;
	n = *cap ? *cap : 8;
	while (n < need) {
		if (n > ((size_t)-1) / 2 / sz)
			oom(need * sz);
		n *= 2;
	}
	v = xrealloc(v, n * sz);
	*cap = n;
	return v;
}

void
strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->len = 0;
	sb->cap = hint < 16 ? 16 : hint;
	sb->buf = xmalloc(sb->cap);
	sb->buf[0] = '\0';
}

void
strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

char *
strbuf_detach(struct strbuf *sb)
{
	char *s;

	if (sb->buf == NULL)
		strbuf_init(sb, 0);
	s = sb->buf;
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void
strbuf_reset(struct strbuf *sb)
{
	if (sb->buf == NULL)
		strbuf_init(sb, 0);
	sb->len = 0;
	sb->buf[0] = '\0';
}

void
strbuf_grow(struct strbuf *sb, size_t extra)
{
	if (sb->buf == NULL)
		strbuf_init(sb, extra + 1);
	if (sb->len + extra + 1 > sb->cap)
		sb->buf = xgrow(sb->buf, &sb->cap, sb->len + extra + 1, 1);
}

void
strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
	strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
strbuf_puts(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void
strbuf_putc(struct strbuf *sb, char c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void
strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	strbuf_grow(sb, 64);
	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= sb->cap - sb->len) {
		strbuf_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void
strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

static int
is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void
strbuf_normalize_space(struct strbuf *sb)
{
	size_t i, o = 0;
	int pending = 0;

	if (sb->buf == NULL)
		return;
	for (i = 0; i < sb->len; i++) {
		if (is_xml_space(sb->buf[i])) {
			pending = o > 0;
			continue;
		}
		if (pending) {
			sb->buf[o++] = ' ';
			pending = 0;
		}
		sb->buf[o++] = sb->buf[i];
	}
	sb->len = o;
	sb->buf[o] = '\0';
}

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	_Alignas(16) unsigned char data[];
};

void *
arena_alloc(struct arena *a, size_t n)
{
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (a->head == NULL || a->avail < n) {
		size_t size = n > 32768 ? n : 32768;
		struct arena_chunk *c = xmalloc(sizeof *c + size);
		c->next = a->head;
		c->size = size;
		a->head = c;
		a->used = 0;
		a->avail = size;
	}
	p = a->head->data + a->used;
	a->used += n;
	a->avail -= n;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_release(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->used = a->avail = 0;
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23	/* Linux 5.14 */
#endif

#ifdef L10N_ASAN
/* AddressSanitizer's allocator is not glibc's: nothing to advise. */
void
mem_prefault(void *p, size_t n)
{
	(void)p;
	(void)n;
}

void
heap_huge(size_t n)
{
	(void)n;
}
#else

/* Huge pages where whole ones fit inside [P, P+N): the machine's page
 * tables then have one entry for 2 MB instead of 512 (on ours, a
 * shadow-paging virtual machine, every first touch of a small page by each
 * process costs several microseconds: 20 ms for a 15 MB catalog). */
static void
advise_huge(void *p, size_t n)
{
	const uintptr_t huge = 2u << 20;
	uintptr_t ha = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t hb = ((uintptr_t)p + n) & ~(huge - 1);

	if (p != NULL && hb > ha)
		(void)madvise((void *)ha, (size_t)(hb - ha), MADV_HUGEPAGE);
}

void
mem_prefault(void *p, size_t n)
{
	const uintptr_t small = 4096;
	uintptr_t a = ((uintptr_t)p + small - 1) & ~(small - 1);
	uintptr_t b = ((uintptr_t)p + n) & ~(small - 1);

	if (p == NULL)
		return;
	advise_huge(p, n);
	if (b > a)
		(void)madvise((void *)a, (size_t)(b - a), MADV_POPULATE_WRITE);
}

void
heap_huge(size_t n)
{
	/* Blocks below glibc's largest mmap threshold come from the heap;
	 * freed at its top, they stay there below the trim threshold, with
	 * the advice.  Nothing is made present: a huge page is, whole, when
	 * first touched. */
	enum { BLOCK = 16 << 20, MAX_BLOCKS = 64 };	/* at most 1 GB */
	extern char end;	/* of the program's data: the heap lies above */
	void *v[MAX_BLOCKS], *probe = malloc(1);
	size_t k = 0, trim = n + (64u << 20);
	int glibc_heap = probe != NULL && (char *)probe >= &end && (char *)probe < (char *)sbrk(0);

	/* Only for glibc's heap: under valgrind, malloc is another's, and
	 * would only spend time on the blocks. */
	free(probe);
	if (!glibc_heap)
		return;
	if (trim > INT_MAX)
		trim = INT_MAX;
	if (mallopt(M_MMAP_THRESHOLD, 32 << 20) != 1 || mallopt(M_TRIM_THRESHOLD, (int)trim) != 1)
		return;
	for (; n > 0 && k < MAX_BLOCKS; k++) {
		size_t b = n < BLOCK ? n : BLOCK;
		if ((v[k] = malloc(b)) == NULL)
			break;
		advise_huge(v[k], b);
		n -= b;
	}
	while (k > 0)
		free(v[--k]);
}
#endif
