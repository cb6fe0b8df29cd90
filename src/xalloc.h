/*
 * xalloc.h - allocation wrappers that never return NULL, and a growable
 * string buffer.  For every file in src/.
 *
 * Ownership: xmalloc & co. return memory the caller frees with free().
 * A struct strbuf owns its buffer; strbuf_release() frees it and
 * strbuf_detach() hands it to the caller (who then frees it).
 */
#ifndef L10N_XALLOC_H
#define L10N_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Built with AddressSanitizer (gcc says so with __SANITIZE_ADDRESS__,
 * clang with __has_feature): its allocator is not glibc's, and no memory
 * limit can be set under it. */
#if defined(__SANITIZE_ADDRESS__)
#define L10N_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define L10N_ASAN 1
#endif
#endif

/*
 * Page faults are dear on virtual machines: a few microseconds each on
 * ours, a tenth of a large run's time.  Memory about to be filled is
 * better made present in one call, in huge pages where whole ones fit.
 * Both are best effort: nothing happens where the kernel cannot (before
 * Linux 5.14; without transparent huge pages) or under AddressSanitizer.
 */
/* Make the whole pages inside [P, P+N) present and writable now. */
void mem_prefault(void *p, size_t n);
/* Let the heap of this process (about to allocate about that much, in
 * many small blocks) grow by N bytes in huge pages, kept when freed; a
 * child forked later inherits them.  Only glibc's heap: nothing under
 * valgrind, whose malloc is another's. */
void heap_huge(size_t n);

/* Grow *v (holding *cap elements of size sz) so that it holds at least need. */
void *xgrow(void *v, size_t *cap, size_t need, size_t sz);

struct strbuf {
	char *buf;	/* always NUL-terminated once initialised */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
/* Collapse runs of XML white space to one space and trim both ends. */
void strbuf_normalize_space(struct strbuf *sb);

/*
 * A memory arena: many small allocations freed together.  Memory from
 * arena_alloc() and arena_strdup() lives until arena_release().
 */
struct arena {
	struct arena_chunk *head;
	size_t used, avail;
};
#define ARENA_INIT { NULL, 0, 0 }
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_release(struct arena *a);

#endif
