/* stats.c - translated, fuzzy and untranslated counts of a catalog. */
#include "stats.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uvernum.h>
#include <unicode/ustring.h>

#include "build-id.h"
#include "catalog.h"
#include "fsutil.h"
#include "hash.h"
#include "markup.h"
#include "paths.h"
#include "ustr.h"
#include "xalloc.h"

static unsigned
count_words(const char *msgid)
{
	/* One word break iterator for every message (opening one costs more
	 * than counting the words of a sentence). */
	static UBreakIterator *bi;
	struct markup m;
	char why[64];
	struct strbuf text = STRBUF_INIT;
	UChar *u;
	int32_t ulen;
	UErrorCode st = U_ZERO_ERROR;
	unsigned n = 0;

	/* Text without markup, entities or carriage returns is its own
	 * content. */
	if (strpbrk(msgid, "<&\r") == NULL) {
		strbuf_puts(&text, msgid);
	} else if (markup_parse(&m, msgid, XMLIO_XML, NULL, why, sizeof why) == 0) {
		xmlChar *c = xmlNodeGetContent(m.root);
		strbuf_puts(&text, c ? (const char *)c : "");
		xmlFree(c);
		markup_release(&m);
	} else {
		strbuf_puts(&text, msgid);
	}
	u = ustr_from_utf8(text.buf ? text.buf : "", (int32_t)text.len, NULL, 0, &ulen);
	if (bi == NULL) {
		UErrorCode ost = U_ZERO_ERROR;
		bi = ubrk_open(UBRK_WORD, "en", NULL, 0, &ost);
		if (U_FAILURE(ost))
			bi = NULL;
	}
	if (bi != NULL && U_SUCCESS(st)) {
		ubrk_setText(bi, u, ulen, &st);
		if (U_SUCCESS(st))
			for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi))
				if (ubrk_getRuleStatus(bi) != UBRK_WORD_NONE)
					n++;
		/* The iterator must not keep pointing at the text freed below. */
		UErrorCode rst = U_ZERO_ERROR;
		ubrk_setText(bi, NULL, 0, &rst);
	}
	free(u);
	strbuf_release(&text);
	return n;
}

/* Word counts kept from one run to the next in $L10N_CACHE_DIR/words:
 * counting the words of the report's 11,000 msgids with ICU was a quarter
 * of `l10n publish`, every time.  The file is a header naming the ICU
 * version and the tool's build (build-id.h: another may count
 * differently), then a record per msgid: 128 bits of its hash and its
 * count.
 * It is written again, with the msgids of this run only, when a count was
 * added. */
#define WORDS_MAGIC "L10NWRD1"

struct words_record {
	uint64_t h[2];
	uint32_t n, pad;
};

static struct {
	int loaded, added;
	struct strbuf file;		/* the records read */
	struct hash by_hash;		/* 16 bytes -> count + 1, into file */
	struct strbuf used;		/* the records of this run */
} words;

#define WORDS_HEAD 160

static void
words_header(char head[WORDS_HEAD])
{
	memset(head, 0, WORDS_HEAD);
	snprintf(head, WORDS_HEAD, "%s ICU %s (%s)", WORDS_MAGIC, U_ICU_VERSION, l10n_build_id());
}

static void
words_load(void)
{
	const char *dir = l10n_cache_dir();
	char head[WORDS_HEAD];
	struct diag quiet;

	words.loaded = 1;
	if (dir == NULL)
		return;
	char *path = xasprintf("%s/words", dir);
	diag_init(&quiet);
	quiet.out = NULL;
	words_header(head);
	if (file_exists(path) && read_file(&quiet, path, fs_input_limit(), &words.file) == 0 &&
	    words.file.len >= WORDS_HEAD && memcmp(words.file.buf, head, WORDS_HEAD) == 0 &&
	    (words.file.len - WORDS_HEAD) % sizeof(struct words_record) == 0) {
		for (size_t at = WORDS_HEAD; at < words.file.len;
		    at += sizeof(struct words_record)) {
			struct words_record r;
			memcpy(&r, words.file.buf + at, sizeof r);
			hash_put(&words.by_hash, words.file.buf + at, 16, (void *)((uintptr_t)r.n + 1));
		}
	}
	free(path);
}

void
stats_words_save(void)
{
	const char *dir = l10n_cache_dir();
	struct strbuf sb = STRBUF_INIT;
	struct diag quiet;
	char head[WORDS_HEAD];

	if (dir != NULL && words.added) {
		char *path = xasprintf("%s/words", dir);
		diag_init(&quiet);
		quiet.out = NULL;
		words_header(head);
		strbuf_add(&sb, head, WORDS_HEAD);
		strbuf_add(&sb, words.used.buf, words.used.len);
		/* A cache: when it cannot be written, words are counted again. */
		write_file_if_changed(&quiet, path, sb.buf, sb.len);
		strbuf_release(&sb);
		free(path);
	}
	hash_release(&words.by_hash);
	strbuf_release(&words.file);
	strbuf_release(&words.used);
	memset(&words, 0, sizeof words);
}

unsigned
stats_count_words(const char *msgid)
{
	/* The catalogs of a domain share their msgids: `l10n publish` and
	 * `l10n stats` count each once. */
	static struct hash memo;
	static struct arena keys;
	size_t len = strlen(msgid);
	void *v = hash_get(&memo, msgid, len);
	struct words_record r;

	if (v != NULL)
		return (unsigned)((uintptr_t)v - 1);
	if (!words.loaded)
		words_load();
	memset(&r, 0, sizeof r);
	hash_bytes128(msgid, len, r.h);
	v = hash_get(&words.by_hash, (const char *)r.h, 16);
	if (v != NULL) {
		r.n = (uint32_t)((uintptr_t)v - 1);
	} else {
		r.n = count_words(msgid);
		words.added = 1;
	}
	strbuf_add(&words.used, &r, sizeof r);
	hash_put(&memo, arena_strndup(&keys, msgid, len), len, (void *)((uintptr_t)r.n + 1));
	return r.n;
}

unsigned
stats_strings(const struct stats_counts *c)
{
	return c->strings[0] + c->strings[1] + c->strings[2];
}

unsigned
stats_words(const struct stats_counts *c)
{
	return c->words[0] + c->words[1] + c->words[2];
}

static struct stats_doc *
doc_for(struct stats *s, const char *name)
{
	size_t lo = 0, hi = s->ndocs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->docs[mid].document, name);
		if (c == 0)
			return &s->docs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	s->docs = xgrow(s->docs, &s->cap, s->ndocs + 1, sizeof *s->docs);
	memmove(&s->docs[lo + 1], &s->docs[lo], (s->ndocs - lo) * sizeof *s->docs);
	memset(&s->docs[lo], 0, sizeof s->docs[lo]);
	s->docs[lo].document = xstrdup(name);
	s->ndocs++;
	return &s->docs[lo];
}

int
stats_read(struct diag *d, const char *path, struct stats *s)
{
	struct catalog cat;

	memset(s, 0, sizeof *s);
	s->path = xstrdup(path);
	if (catalog_read_lookup(d, path, &cat) < 0) {
		catalog_release(&cat);
		s->language = xstrdup("");
		return -1;
	}
	for (size_t j = 0; j < cat.n; j++) {
		const struct catalog_entry *e = &cat.v[j];
		if (e->obsolete || (e->msgid[0] == '\0' && e->msgctxt == NULL))
			continue;
		int k = e->msgstr[0] == '\0' ? STATS_UNTRANSLATED :
		    e->fuzzy ? STATS_FUZZY : STATS_TRANSLATED;
		unsigned w = stats_count_words(e->msgid);
		s->c.strings[k]++;
		s->c.words[k] += w;
		/* Each document the message comes from, once. */
		const char *seen[64];
		size_t nseen = 0;
		for (const char *r = e->refs; r != NULL && *r != '\0'; ) {
			/* "file:line\n" */
			const char *nl = strchr(r, '\n');
			size_t len = nl ? (size_t)(nl - r) : strlen(r);
			size_t flen = len;
			while (flen > 0 && r[flen - 1] != ':')
				flen--;
			char *file = xstrndup(r, flen ? flen - 1 : len);
			r = nl ? nl + 1 : r + len;
			struct stats_doc *doc = doc_for(s, file);
			free(file);
			size_t x;
			/* doc_for may move the array; the names stay. */
			for (x = 0; x < nseen; x++)
				if (strcmp(seen[x], doc->document) == 0)
					break;
			if (x < nseen)
				continue;
			doc->c.strings[k]++;
			doc->c.words[k] += w;
			if (nseen < sizeof seen / sizeof *seen)
				seen[nseen++] = doc->document;
		}
	}
	char *lang = catalog_header_field(&cat, "Language");
	s->language = lang ? lang : xstrdup("");
	s->revision = catalog_header_field(&cat, "PO-Revision-Date");
	catalog_release(&cat);
	return 0;
}

void
stats_release(struct stats *s)
{
	for (size_t i = 0; i < s->ndocs; i++)
		free(s->docs[i].document);
	free(s->docs);
	free(s->path);
	free(s->language);
	free(s->revision);
	memset(s, 0, sizeof *s);
}
