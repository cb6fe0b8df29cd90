/* fuzzy.c - msgmerge's fuzzy matching (gettext 0.21), computed fast. */
#include "fuzzy.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* gettext's FUZZY_THRESHOLD, and the bonus fuzzy_search_goal_function()
 * gives a candidate without msgctxt or with the same one. */
#define THRESHOLD 0.6
#define BONUS 0.00001
/* Prefixes and suffixes of this many bytes find the previous version of
 * an edited message before any bound is computed. */
#define AFFIX 24
/* A candidate this similar is close enough to try to prove it best;
 * below, the bounds rule out too few others. */
#define CLOSE 0.75

/* A 4-gram (4 consecutive characters, at most 16 bytes) as its bytes
 * padded with zeros: strings have no NUL, so equal keys are equal grams. */
struct gram {
	uint64_t lo, hi;
};

struct cand {
	const char *msgid;
	const char *msgctxt;
	const char *ref;
	uint32_t len;
	uint32_t hist;		/* its first byte count in fz->hbyte/hcount */
	uint16_t nhist;
	uint8_t leftover;
};

/* A multimap from a 64-bit hash to candidates (open addressing). */
struct slot {
	uint64_t h;
	uint32_t cand;		/* candidate + 1; 0: empty */
};

struct table {
	struct slot *s;
	size_t cap;
};

/* The 4-gram index msgmerge orders its candidates with: each distinct
 * 4-gram and the candidates containing it, in catalog order. */
struct gram_slot {
	struct gram g;
	uint32_t id;		/* id + 1; 0: empty */
};

struct ngrams {
	struct gram_slot *slots;
	size_t cap, n;
	uint32_t *start;	/* postings of id: post[start[id]..start[id+1]) */
	uint32_t *post;
};

struct fuzzy {
	struct cand *v;
	size_t n, cap;
	/* Byte counts of every candidate: its distinct bytes and how often
	 * each occurs. */
	uint8_t *hbyte;
	uint32_t *hcount;
	size_t nh, cap_hbyte, cap_hcount;
	uint32_t *by_len;	/* candidates by (length, number) */
	struct table pre, suf, refs, ctxts;
	struct ngrams ng;
	int ng_built;
	pthread_mutex_t lock;
};

/* ---- Characters and 4-grams -------------------------------------------- */

/* Length of the character at S as gettext's UTF-8 character iterator
 * counts it: a well-formed sequence, else one byte. */
static size_t
char_len(const unsigned char *s)
{
	unsigned char c = s[0];

	if (c < 0xc2)
		return 1;
	if (c < 0xe0)
		return (s[1] & 0xc0) == 0x80 ? 2 : 1;
	if (c < 0xf0)
		return (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 ? 3 : 1;
	if (c < 0xf8)
		return (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
		    (s[3] & 0xc0) == 0x80 ? 4 : 1;
	return 1;
}

static uint64_t
hash_span(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

static uint64_t
gram_hash(struct gram g)
{
	uint64_t h = (g.lo ^ (g.hi * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL;

	return h ^ (h >> 32);
}

static int
gram_eq(struct gram a, struct gram b)
{
	return a.lo == b.lo && a.hi == b.hi;
}

/* The 4-grams of a string, in order, repeats included: N of them, in
 * *OUT (grown as needed, capacity *CAP). */
static size_t
grams_of(const char *str, size_t slen, struct gram **out, size_t *cap)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t starts[5], nchars = 0, n = 0, i = 0;

	*out = xgrow(*out, cap, slen + 1, sizeof **out);
	/* A window of the last five character starts. */
	while (i <= slen) {
		starts[nchars % 5] = i;
		nchars++;
		if (nchars >= 5) {
			size_t a = starts[(nchars - 5) % 5], b = i;
			unsigned char buf[16] = { 0 };
			memcpy(buf, s + a, b - a);
			memcpy(&(*out)[n].lo, buf, 8);
			memcpy(&(*out)[n].hi, buf + 8, 8);
			n++;
		}
		if (i == slen)
			break;
		i += char_len(s + i);
	}
	return n;
}

/* ---- Longest common subsequence, bit-parallel ---------------------------- */

/* A string as a pattern: for each byte value, the set of positions where
 * it occurs (Allison and Dix 1986; Hyyrö 2004). */
struct pattern {
	size_t m, w;		/* length in bytes, in 64-bit words */
	uint64_t *peq;		/* 256 rows of w words */
	uint64_t *v;		/* work row */
};

static void
pattern_init(struct pattern *p, const char *s, size_t m)
{
	p->m = m;
	p->w = (m + 63) / 64;
	p->peq = xcalloc(256 * p->w, sizeof *p->peq);
	p->v = xmalloc(p->w * sizeof *p->v);
	for (size_t i = 0; i < m; i++)
		p->peq[(size_t)(unsigned char)s[i] * p->w + i / 64] |= 1ULL << (i % 64);
}

static void
pattern_release(struct pattern *p)
{
	free(p->peq);
	free(p->v);
}

static size_t
lcs_length(const struct pattern *p, const unsigned char *y, size_t n)
{
	size_t w = p->w, zeros = 0;
	uint64_t *v = p->v;

	if (w == 1) {
		uint64_t x = ~0ULL;
		for (size_t j = 0; j < n; j++) {
			uint64_t mk = p->peq[y[j]];
			x = (x + (x & mk)) | (x & ~mk);
		}
		v[0] = x;
	} else {
		for (size_t k = 0; k < w; k++)
			v[k] = ~0ULL;
		for (size_t j = 0; j < n; j++) {
			const uint64_t *mk = p->peq + (size_t)y[j] * w;
			uint64_t carry = 0;
			for (size_t k = 0; k < w; k++) {
				uint64_t x = v[k];
				uint64_t s = x + (x & mk[k]);
				uint64_t c = s < x;
				uint64_t t = s + carry;
				carry = c | (t < s);
				v[k] = t | (x & ~mk[k]);
			}
		}
	}
	/* The LCS is the number of zero bits among the low m bits. */
	for (size_t k = 0; k < w; k++) {
		uint64_t x = v[k];
		size_t bits = k + 1 < w || p->m % 64 == 0 ? 64 : p->m % 64;
		if (bits < 64)
			x |= ~0ULL << bits;
		zeros += (size_t)__builtin_popcountll(~x);
	}
	return zeros;
}

/* fstrcmp's value for lengths LA, LB and a common subsequence of L bytes,
 * with gettext's own double operations. */
static double
ratio(size_t la, size_t lb, size_t l)
{
	size_t sum = la + lb;
	size_t edits = sum - 2 * l;

	return (double)(sum - edits) / (double)sum;
}

double
fuzzy_similarity(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), l;
	struct pattern p;

	if (la == 0 || lb == 0)
		return la + lb == 0;
	pattern_init(&p, a, la);
	l = lcs_length(&p, (const unsigned char *)b, lb);
	pattern_release(&p);
	return ratio(la, lb, l);
}

/* ---- The index ----------------------------------------------------------- */

static void
table_put(struct table *t, uint64_t h, uint32_t cand)
{
	size_t i = h & (t->cap - 1);

	while (t->s[i].cand != 0)
		i = (i + 1) & (t->cap - 1);
	t->s[i].h = h;
	t->s[i].cand = cand + 1;
}

static void
table_init(struct table *t, size_t n)
{
	t->cap = 16;
	while (t->cap < 2 * n + 2)
		t->cap *= 2;
	t->s = xcalloc(t->cap, sizeof *t->s);
}

struct fuzzy *
fuzzy_new(void)
{
	struct fuzzy *fz = xcalloc(1, sizeof *fz);

	pthread_mutex_init(&fz->lock, NULL);
	return fz;
}

size_t
fuzzy_add(struct fuzzy *fz, const char *msgctxt, const char *msgid,
    const char *ref, int leftover)
{
	uint32_t counts[256] = { 0 };
	size_t len = strlen(msgid);
	struct cand *c;

	fz->v = xgrow(fz->v, &fz->cap, fz->n + 1, sizeof *fz->v);
	c = &fz->v[fz->n];
	c->msgid = msgid;
	c->msgctxt = msgctxt;
	c->ref = ref;
	c->len = (uint32_t)len;
	c->leftover = leftover != 0;
	c->hist = (uint32_t)fz->nh;
	c->nhist = 0;
	for (size_t i = 0; i < len; i++)
		counts[(unsigned char)msgid[i]]++;
	for (int b = 0; b < 256; b++) {
		if (counts[b] == 0)
			continue;
		fz->hbyte = xgrow(fz->hbyte, &fz->cap_hbyte, fz->nh + 1, 1);
		fz->hcount = xgrow(fz->hcount, &fz->cap_hcount, fz->nh + 1, sizeof *fz->hcount);
		fz->hbyte[fz->nh] = (uint8_t)b;
		fz->hcount[fz->nh] = counts[b];
		fz->nh++;
		c->nhist++;
	}
	return fz->n++;
}

static const struct fuzzy *sort_fz;

static int
cmp_len(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	uint32_t lx = sort_fz->v[x].len, ly = sort_fz->v[y].len;

	if (lx != ly)
		return lx < ly ? -1 : 1;
	return x < y ? -1 : x > y;
}

void
fuzzy_prepare(struct fuzzy *fz)
{
	fz->by_len = xmalloc((fz->n + 1) * sizeof *fz->by_len);
	for (size_t i = 0; i < fz->n; i++)
		fz->by_len[i] = (uint32_t)i;
	/* qsort has no context argument; the index is prepared once, before
	 * any search. */
	sort_fz = fz;
	qsort(fz->by_len, fz->n, sizeof *fz->by_len, cmp_len);
	sort_fz = NULL;
	table_init(&fz->pre, fz->n);
	table_init(&fz->suf, fz->n);
	table_init(&fz->refs, fz->n);
	table_init(&fz->ctxts, fz->n);
	for (size_t i = 0; i < fz->n; i++) {
		const struct cand *c = &fz->v[i];
		size_t a = c->len < AFFIX ? c->len : AFFIX;
		table_put(&fz->pre, hash_span(c->msgid, a), (uint32_t)i);
		table_put(&fz->suf, hash_span(c->msgid + c->len - a, a), (uint32_t)i);
		if (c->ref != NULL)
			table_put(&fz->refs, hash_span(c->ref, strlen(c->ref)), (uint32_t)i);
		if (c->msgctxt != NULL && c->leftover)
			table_put(&fz->ctxts, hash_span(c->msgctxt, strlen(c->msgctxt)), (uint32_t)i);
	}
}

/* The id of gram G, or -1. */
static long
gram_id(const struct ngrams *ng, struct gram g)
{
	size_t i = gram_hash(g) & (ng->cap - 1);

	for (; ng->slots[i].id != 0; i = (i + 1) & (ng->cap - 1))
		if (gram_eq(ng->slots[i].g, g))
			return (long)ng->slots[i].id - 1;
	return -1;
}

static void
ngrams_grow(struct ngrams *ng)
{
	struct gram_slot *old = ng->slots;
	size_t oldcap = ng->cap;

	ng->cap = oldcap ? 2 * oldcap : 1024;
	ng->slots = xcalloc(ng->cap, sizeof *ng->slots);
	for (size_t i = 0; i < oldcap; i++) {
		if (old[i].id == 0)
			continue;
		size_t k = gram_hash(old[i].g) & (ng->cap - 1);
		while (ng->slots[k].id != 0)
			k = (k + 1) & (ng->cap - 1);
		ng->slots[k] = old[i];
	}
	free(old);
}

/* The id of gram G, added when new. */
static uint32_t
gram_intern(struct ngrams *ng, struct gram g)
{
	if (2 * (ng->n + 1) > ng->cap)
		ngrams_grow(ng);
	size_t i = gram_hash(g) & (ng->cap - 1);
	for (; ng->slots[i].id != 0; i = (i + 1) & (ng->cap - 1))
		if (gram_eq(ng->slots[i].g, g))
			return ng->slots[i].id - 1;
	ng->slots[i].g = g;
	ng->slots[i].id = (uint32_t)++ng->n;
	return (uint32_t)(ng->n - 1);
}

static void
ngrams_build(struct fuzzy *fz)
{
	struct ngrams *ng = &fz->ng;
	uint32_t *ids = NULL, *cstart = xmalloc((fz->n + 1) * sizeof *cstart);
	uint32_t *count = NULL, *last = NULL;
	size_t nids = 0, cap_ids = 0, cap_count = 0, cap_last = 0, cap_g = 0;
	struct gram *g = NULL;

	for (size_t i = 0; i < fz->n; i++) {
		const struct cand *c = &fz->v[i];
		size_t ng_n = grams_of(c->msgid, c->len, &g, &cap_g);
		cstart[i] = (uint32_t)nids;
		ids = xgrow(ids, &cap_ids, nids + ng_n, sizeof *ids);
		for (size_t k = 0; k < ng_n; k++) {
			uint32_t id = gram_intern(ng, g[k]);
			if (id >= cap_count) {
				size_t old = cap_count;
				count = xgrow(count, &cap_count, id + 1, sizeof *count);
				last = xgrow(last, &cap_last, id + 1, sizeof *last);
				for (size_t j = old; j < cap_count; j++) {
					count[j] = 0;
					last[j] = UINT32_MAX;
				}
			}
			/* Each candidate once per gram (msgl-fsearch.c). */
			if (last[id] == i)
				continue;
			last[id] = (uint32_t)i;
			count[id]++;
			ids[nids++] = id;
		}
	}
	cstart[fz->n] = (uint32_t)nids;
	ng->start = xmalloc((ng->n + 1) * sizeof *ng->start);
	uint32_t sum = 0;
	for (size_t id = 0; id < ng->n; id++) {
		ng->start[id] = sum;
		sum += count[id];
		count[id] = ng->start[id];
	}
	ng->start[ng->n] = sum;
	ng->post = xmalloc((sum + 1) * sizeof *ng->post);
	for (size_t i = 0; i < fz->n; i++)
		for (uint32_t k = cstart[i]; k < cstart[i + 1]; k++)
			ng->post[count[ids[k]]++] = (uint32_t)i;
	free(g);
	free(ids);
	free(cstart);
	free(count);
	free(last);
}

void
fuzzy_free(struct fuzzy *fz)
{
	if (fz == NULL)
		return;
	free(fz->v);
	free(fz->hbyte);
	free(fz->hcount);
	free(fz->by_len);
	free(fz->pre.s);
	free(fz->suf.s);
	free(fz->refs.s);
	free(fz->ctxts.s);
	free(fz->ng.slots);
	free(fz->ng.start);
	free(fz->ng.post);
	pthread_mutex_destroy(&fz->lock);
	free(fz);
}

/* ---- Search -------------------------------------------------------------- */

struct bound {
	double ub;
	uint32_t cand;
};

struct search {
	struct fuzzy *fz;
	const char *q, *qctxt;
	size_t lq;
	uint32_t qcount[256];
	struct pattern pat;
	struct gram *qg;	/* the query's 4-grams */
	size_t nqg, cap_qg;
	struct gram *cg;	/* scratch for a candidate's */
	size_t cap_cg;
	/* msgmerge keeps the first candidate, in its order, whose weight
	 * exceeds every earlier one's: the best so far. */
	double best_w;
	long best;
	size_t best_shared;
	size_t compared;
	uint8_t *seen;		/* candidates compared or ruled out */
};

static double
bonus_of(const struct search *s, const struct cand *c)
{
	if (c->msgctxt == NULL || (s->qctxt != NULL && strcmp(s->qctxt, c->msgctxt) == 0))
		return BONUS;
	return 0.0;
}

/* msgmerge's weight of candidate I (fuzzy_search_goal_function()); the
 * volatile drops excess precision as gettext does. */
static double
weight(struct search *s, uint32_t i)
{
	const struct cand *c = &s->fz->v[i];
	size_t l = lcs_length(&s->pat, (const unsigned char *)c->msgid, c->len);
	volatile double w = ratio(s->lq, c->len, l);

	s->compared++;
	w += bonus_of(s, c);
	return w;
}

static double
length_bound(const struct search *s, const struct cand *c)
{
	size_t lmin = c->len < s->lq ? c->len : s->lq;

	return ratio(s->lq, c->len, lmin) + bonus_of(s, c);
}

/* A common subsequence has each byte value at most as often as the side
 * that has fewer of it. */
static double
count_bound(const struct search *s, const struct cand *c)
{
	const uint8_t *b = s->fz->hbyte + c->hist;
	const uint32_t *n = s->fz->hcount + c->hist;
	size_t common = 0;

	for (uint32_t k = 0; k < c->nhist; k++) {
		uint32_t q = s->qcount[b[k]];
		common += q < n[k] ? q : n[k];
	}
	return ratio(s->lq, c->len, common) + bonus_of(s, c);
}

/* How many of the query's 4-gram occurrences occur in candidate C:
 * msgmerge's order of candidates (msgl-fsearch.c). */
static size_t
shared_grams(struct search *s, const struct cand *c)
{
	size_t n = grams_of(c->msgid, c->len, &s->cg, &s->cap_cg);
	size_t cap = 16, count = 0;

	while (cap < 2 * n + 2)
		cap *= 2;
	uint32_t *slot = xcalloc(cap, sizeof *slot);	/* gram + 1 */
	for (size_t k = 0; k < n; k++) {
		size_t i = gram_hash(s->cg[k]) & (cap - 1);
		while (slot[i] != 0 && !gram_eq(s->cg[slot[i] - 1], s->cg[k]))
			i = (i + 1) & (cap - 1);
		if (slot[i] == 0)
			slot[i] = (uint32_t)k + 1;
	}
	for (size_t k = 0; k < s->nqg; k++) {
		size_t i = gram_hash(s->qg[k]) & (cap - 1);
		while (slot[i] != 0 && !gram_eq(s->cg[slot[i] - 1], s->qg[k]))
			i = (i + 1) & (cap - 1);
		count += slot[i] != 0;
	}
	free(slot);
	return count;
}

/* Candidate I has weight W: msgmerge takes it when it beats the best so
 * far, or equals it and comes first in msgmerge's order (more shared
 * 4-grams, then earlier in the catalog).  A candidate sharing no 4-gram
 * is not one of msgmerge's.  SHARED is the count when known, else 0. */
static void
consider(struct search *s, uint32_t i, double w, size_t shared)
{
	if (w < s->best_w || (w == s->best_w && s->best < 0))
		return;
	if (shared == 0)
		shared = shared_grams(s, &s->fz->v[i]);
	if (shared == 0)
		return;
	if (w > s->best_w || shared > s->best_shared ||
	    (shared == s->best_shared && (long)i < s->best)) {
		s->best_w = w;
		s->best = (long)i;
		s->best_shared = shared;
	}
}

static void
evaluate(struct search *s, uint32_t i, size_t shared)
{
	const struct cand *c = &s->fz->v[i];

	if (s->seen[i])
		return;
	s->seen[i] = 1;
	if (length_bound(s, c) < s->best_w || count_bound(s, c) < s->best_w)
		return;
	consider(s, i, weight(s, i), shared);
}

/* Compare the candidates whose key in table T is the bytes P, LEN. */
static void
evaluate_key(struct search *s, const struct table *t, const char *p, size_t len,
    int (*same)(const struct cand *, const char *, size_t))
{
	uint64_t h = hash_span(p, len);

	for (size_t i = h & (t->cap - 1); t->s[i].cand != 0; i = (i + 1) & (t->cap - 1))
		if (t->s[i].h == h && same(&s->fz->v[t->s[i].cand - 1], p, len))
			evaluate(s, t->s[i].cand - 1, 0);
}

static int
same_prefix(const struct cand *c, const char *p, size_t len)
{
	return c->len >= len && memcmp(c->msgid, p, len) == 0;
}

static int
same_suffix(const struct cand *c, const char *p, size_t len)
{
	return c->len >= len && memcmp(c->msgid + c->len - len, p, len) == 0;
}

static int
same_ref(const struct cand *c, const char *p, size_t len)
{
	return c->ref != NULL && strlen(c->ref) == len && memcmp(c->ref, p, len) == 0;
}

static int
same_ctxt(const struct cand *c, const char *p, size_t len)
{
	return c->msgctxt != NULL && c->leftover && strlen(c->msgctxt) == len &&
	    memcmp(c->msgctxt, p, len) == 0;
}

static void
heap_down(struct bound *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < n && h[l].ub > h[m].ub)
			m = l;
		if (l + 1 < n && h[l + 1].ub > h[m].ub)
			m = l + 1;
		if (m == i)
			return;
		struct bound t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* Every candidate not compared yet whose bounds reach the best so far,
 * highest bound first, until the bounds fall below the best (which is
 * then proven msgmerge's choice) or the budget is spent.  Returns 1 when
 * proven. */
static int
search_bounded(struct search *s)
{
	const struct fuzzy *fz = s->fz;
	double r = s->best_w - 2 * BONUS;
	/* Only lengths whose length bound can reach the best are looked at. */
	size_t lo = (size_t)floor((double)s->lq * r / (2 - r));
	size_t hi = (size_t)ceil((double)s->lq * (2 - r) / r) + 1;
	size_t first = 0, end = fz->n, nh = 0;
	struct bound *heap;
	int proven = 1;

	while (first < end) {
		size_t mid = (first + end) / 2;
		if (fz->v[fz->by_len[mid]].len < lo)
			first = mid + 1;
		else
			end = mid;
	}
	heap = xmalloc((fz->n + 1) * sizeof *heap);
	for (size_t k = first; k < fz->n; k++) {
		uint32_t i = fz->by_len[k];
		const struct cand *c = &fz->v[i];
		if (c->len > hi)
			break;
		if (s->seen[i] || length_bound(s, c) < s->best_w)
			continue;
		double ub = count_bound(s, c);
		if (ub < s->best_w)
			continue;
		heap[nh].ub = ub;
		heap[nh].cand = i;
		nh++;
	}
	for (size_t k = nh / 2; k-- > 0; )
		heap_down(heap, nh, k);
	while (nh > 0 && heap[0].ub >= s->best_w && !(heap[0].ub == s->best_w && s->best < 0)) {
		if (s->compared >= FUZZY_BUDGET) {
			proven = 0;
			break;
		}
		struct bound top = heap[0];
		heap[0] = heap[--nh];
		heap_down(heap, nh, 0);
		s->seen[top.cand] = 1;
		consider(s, top.cand, weight(s, top.cand), 0);
	}
	free(heap);
	return proven;
}

/* By count (stored negated in ub), then by number. */
static int
cmp_order(const void *a, const void *b)
{
	const struct bound *x = a, *y = b;

	if (x->ub != y->ub)
		return x->ub < y->ub ? -1 : 1;
	return x->cand < y->cand ? -1 : x->cand > y->cand;
}

/* gettext's heuristic: the candidates sharing the most 4-grams with the
 * query (then the earlier ones), as many as the square root of their
 * number (at least 10), compared in that order. */
static void
search_heuristic(struct search *s)
{
	struct fuzzy *fz = s->fz;
	const struct ngrams *ng = &fz->ng;
	size_t firstfew = (size_t)sqrt((double)fz->n), maxc = 0;

	if (firstfew < 10)
		firstfew = 10;
	pthread_mutex_lock(&fz->lock);
	if (!fz->ng_built) {
		ngrams_build(fz);
		fz->ng_built = 1;
	}
	pthread_mutex_unlock(&fz->lock);

	uint32_t *shared = xcalloc(fz->n, sizeof *shared);
	for (size_t k = 0; k < s->nqg; k++) {
		long id = gram_id(ng, s->qg[k]);
		if (id < 0)
			continue;
		for (uint32_t p = ng->start[id]; p < ng->start[id + 1]; p++)
			shared[ng->post[p]]++;
	}
	for (size_t i = 0; i < fz->n; i++)
		if (shared[i] > maxc)
			maxc = shared[i];
	/* The count of the firstfew-th candidate. */
	size_t *per = xcalloc(maxc + 1, sizeof *per), taken = 0, cut = 1;
	for (size_t i = 0; i < fz->n; i++)
		per[shared[i]]++;
	for (size_t c = maxc; c >= 1; c--) {
		cut = c;
		taken += per[c];
		if (taken >= firstfew)
			break;
	}
	struct bound *top = xmalloc((taken + 1) * sizeof *top);
	size_t ntop = 0;
	for (size_t i = 0; i < fz->n && maxc > 0; i++) {
		if (shared[i] >= cut) {
			top[ntop].ub = -(double)shared[i];
			top[ntop].cand = (uint32_t)i;
			ntop++;
		}
	}
	qsort(top, ntop, sizeof *top, cmp_order);
	for (size_t k = 0; k < ntop && k < firstfew; k++)
		evaluate(s, top[k].cand, shared[top[k].cand]);
	free(top);
	free(per);
	free(shared);
}

/* Fewer than 4 characters: msgmerge compares with every candidate whose
 * length could reach the threshold, shortest first, then in catalog
 * order, and keeps the first best one. */
static void
search_short(struct search *s)
{
	const struct fuzzy *fz = s->fz;
	size_t lmin = (size_t)ceil((double)s->lq / (2 / THRESHOLD - 1));
	size_t lmax = (size_t)((double)s->lq * (2 / THRESHOLD - 1));

	for (size_t k = 0; k < fz->n; k++) {
		uint32_t i = fz->by_len[k];
		const struct cand *c = &fz->v[i];
		if (c->len < lmin)
			continue;
		if (c->len > lmax)
			break;
		double w = weight(s, i);
		if (w > s->best_w) {
			s->best_w = w;
			s->best = (long)i;
		}
	}
}

long
fuzzy_find(struct fuzzy *fz, const char *msgctxt, const char *msgid,
    const char *ref, struct fuzzy_result *res)
{
	struct search s;

	memset(res, 0, sizeof *res);
	res->cand = -1;
	memset(&s, 0, sizeof s);
	s.fz = fz;
	s.q = msgid;
	s.qctxt = msgctxt;
	s.lq = strlen(msgid);
	s.best_w = THRESHOLD;
	s.best = -1;
	if (s.lq == 0 || fz->n == 0)
		return -1;
	for (size_t i = 0; i < s.lq; i++)
		s.qcount[(unsigned char)msgid[i]]++;
	pattern_init(&s.pat, msgid, s.lq);
	s.nqg = grams_of(msgid, s.lq, &s.qg, &s.cap_qg);
	if (s.nqg == 0) {
		search_short(&s);
		res->how = s.best >= 0 ? FUZZY_PROVEN : FUZZY_NONE;
		goto done;
	}
	s.seen = xcalloc(fz->n, 1);

	/* The unit's previous version, known by its id. */
	if (msgctxt != NULL) {
		evaluate_key(&s, &fz->ctxts, msgctxt, strlen(msgctxt), same_ctxt);
		if (s.best >= 0) {
			res->how = FUZZY_BY_ID;
			goto done;
		}
	}
	/* Likely ones: at the same place, or with the same beginning or end
	 * (an edit keeps one of them). */
	if (ref != NULL)
		evaluate_key(&s, &fz->refs, ref, strlen(ref), same_ref);
	size_t a = s.lq < AFFIX ? s.lq : AFFIX;
	evaluate_key(&s, &fz->pre, msgid, a, same_prefix);
	evaluate_key(&s, &fz->suf, msgid + s.lq - a, a, same_suffix);
	/* No close relative yet: those sharing the most 4-grams. */
	int heuristic = 0;
	if (s.best_w < CLOSE) {
		search_heuristic(&s);
		heuristic = 1;
	}
	/* A close relative: prove it is msgmerge's choice. */
	if (s.best_w >= CLOSE && search_bounded(&s)) {
		res->how = FUZZY_PROVEN;
	} else {
		if (!heuristic)
			search_heuristic(&s);
		res->how = s.best >= 0 ? FUZZY_HEURISTIC : FUZZY_NONE;
	}
done:
	free(s.seen);
	free(s.qg);
	free(s.cg);
	pattern_release(&s.pat);
	res->cand = s.best;
	res->compared = s.compared;
	if (s.best >= 0)
		res->similarity = s.best_w - bonus_of(&s, &fz->v[s.best]);
	return s.best;
}
