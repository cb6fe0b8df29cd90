/*
 * hash.h - a string-keyed hash table (open addressing).  For
 * every file in src/ that looks things up by name or message.
 *
 * Ownership: the table copies nothing; keys and values must outlive it.
 * hash_release() frees the table's own arrays only.
 */
#ifndef L10N_HASH_H
#define L10N_HASH_H

#include <stddef.h>
#include <stdint.h>

struct hash_slot {
	const char *key;
	size_t keylen;
	unsigned long h;
	void *value;
};

struct hash {
	struct hash_slot *slots;
	size_t n, cap;
};

#define HASH_INIT { NULL, 0, 0 }

unsigned long hash_bytes(const void *p, size_t len);
/* 128 bits of the bytes, for keys of files kept from one run to the next
 * (catalog-cache.c, stats.c); not stable across versions of the tool. */
void hash_bytes128(const void *p, size_t len, uint64_t out[2]);
/* The value for KEY, or NULL. */
void *hash_get(const struct hash *h, const char *key, size_t keylen);
/* Set KEY to VALUE; returns the previous value or NULL. */
void *hash_put(struct hash *h, const char *key, size_t keylen, void *value);
void hash_release(struct hash *h);

#endif
