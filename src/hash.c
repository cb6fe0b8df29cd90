/* hash.c - string-keyed open-addressing hash table. */
#include "hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Eight bytes a step: FNV-1a's byte a step, each waiting for the
 * multiplication before it, took half of `l10n extract`'s building of a
 * template (the msgids of the report, 3.4 MB, hashed twice).  Each word
 * is multiplied into the state, then the state's high bits are folded
 * into its low ones, which choose the slot; murmur3's finaliser mixes
 * the result. */
unsigned long
hash_bytes(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)len * 0xff51afd7ed558ccdULL), w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	if (i < len) {
		w = 0;
		memcpy(&w, s + i, len - i);
		h = (h ^ w) * 0x94d049bb133111ebULL;
		h ^= h >> 29;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (unsigned long)h;
}

static struct hash_slot *
find(const struct hash *h, const char *key, size_t keylen, unsigned long hv)
{
	size_t mask = h->cap - 1, i = hv & mask;

	for (;;) {
		struct hash_slot *s = &h->slots[i];
		if (s->key == NULL)
			return s;
		if (s->h == hv && s->keylen == keylen && memcmp(s->key, key, keylen) == 0)
			return s;
		i = (i + 1) & mask;
	}
}

static void
grow(struct hash *h)
{
	struct hash_slot *old = h->slots;
	size_t oldcap = h->cap;

	h->cap = oldcap ? oldcap * 2 : 64;
	h->slots = xcalloc(h->cap, sizeof *h->slots);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find(h, old[i].key, old[i].keylen, old[i].h) = old[i];
	free(old);
}

void *
hash_get(const struct hash *h, const char *key, size_t keylen)
{
	struct hash_slot *s;

	if (h->cap == 0)
		return NULL;
	s = find(h, key, keylen, hash_bytes(key, keylen));
	return s->key != NULL ? s->value : NULL;
}

void *
hash_put(struct hash *h, const char *key, size_t keylen, void *value)
{
	unsigned long hv = hash_bytes(key, keylen);
	struct hash_slot *s;
	void *old;

	if ((h->n + 1) * 4 >= h->cap * 3)
		grow(h);
	s = find(h, key, keylen, hv);
	if (s->key != NULL) {
		old = s->value;
		s->value = value;
		return old;
	}
	s->key = key;
	s->keylen = keylen;
	s->h = hv;
	s->value = value;
	h->n++;
	return NULL;
}

void
hash_release(struct hash *h)
{
	free(h->slots);
	h->slots = NULL;
	h->n = h->cap = 0;
}
