/* hash.c - string-keyed open-addressing hash table. */
#include "hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static uint64_t
fmix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint64_t
rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

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
	return (unsigned long)fmix(h);
}

/* Four independent lanes of eight bytes, so that a processor runs their
 * multiplications side by side: the bytes of large files (catalogs
 * looked up in the cache, 65 MB for `l10n publish` of the bench corpus)
 * at several bytes a cycle. */
void
hash_bytes128(const void *p, size_t len, uint64_t out[2])
{
	static const uint64_t k[4] = {
		0x9e3779b97f4a7c15ULL, 0xbf58476d1ce4e5b9ULL,
		0x94d049bb133111ebULL, 0xff51afd7ed558ccdULL,
	};
	const unsigned char *s = p;
	uint64_t v[4] = { k[0] ^ len, k[1] + len, k[2] ^ (len << 1), k[3] + (len << 2) }, w;
	size_t i = 0;

	for (; i + 32 <= len; i += 32)
		for (int l = 0; l < 4; l++) {
			memcpy(&w, s + i + 8 * l, 8);
			v[l] = (v[l] ^ w) * k[l];
			v[l] ^= v[l] >> 29;
		}
	for (int l = 0; i < len; l = (l + 1) & 3, i += 8) {
		size_t n = len - i < 8 ? len - i : 8;
		w = 0;
		memcpy(&w, s + i, n);
		v[l] = (v[l] ^ w) * k[l];
		v[l] ^= v[l] >> 29;
	}
	out[0] = fmix(v[0] ^ rotl(v[1], 21) ^ rotl(v[2], 42) ^ v[3] * k[1]);
	out[1] = fmix(v[1] ^ rotl(v[2], 21) ^ rotl(v[3], 42) ^ v[0] * k[2] ^ len);
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
