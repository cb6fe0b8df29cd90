/* catalog-cache.c - digests of catalogs, so that a PO file read once
 * through libgettextpo is not parsed again while its bytes stay the same.
 *
 * gettext's reader takes about a second per 10 MB; `make l10n` reads each
 * catalog in several steps (build, publishing, checks).  A digest holds
 * what those readers use of each message, and the hash and length of the
 * bytes it was read from: $L10N_CACHE_DIR/catalogs/HASH.cat, written
 * atomically after a read without diagnostics, used only for the same
 * bytes.
 *
 * Each catalog file keeps one digest: catalogs/PATHHASH.ref names the
 * digest last written for the file (by its real path), and the one it
 * named before is removed.  Without this, every version of every catalog
 * stayed: a morning of translators' commits on the bench corpus left
 * 381 MB.  Digests of earlier formats go once, when the folder has no
 * marker of this one (catalogs/format-MAGIC). */
#include "catalog.h"

#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "hash.h"
#include "paths.h"

#define MAGIC "L10NCAT4"

enum {
	F_FUZZY = 1 << 0,
	F_OBSOLETE = 1 << 1,
	/* Which strings follow (bit 2 + i). */
	S_MSGCTXT, S_MSGID, S_PLURAL, S_MSGSTR, S_COMMENTS, S_EXTRACTED, S_PREV,
	S_REFS, S_FORMATS, S_PREV_CTXT, S_PREV_PLURAL,
	NSTRINGS = S_PREV_PLURAL - S_MSGCTXT + 1
};

struct digest_head {
	char magic[8];
	uint64_t h1, h2;	/* hash of the catalog's bytes */
	uint64_t len;		/* and their number */
	uint64_t n;		/* messages */
	uint64_t other_domains;	/* struct catalog's */
};

/* Two 64-bit hashes of the bytes. */
static void
hash_text(const char *s, size_t len, uint64_t *h1, uint64_t *h2)
{
	uint64_t h[2];

	hash_bytes128(s, len, h);
	*h1 = h[0];
	*h2 = h[1];
}

/* DIR/catalogs/H1H2.EXT: a digest (cat), or which digest is a file's (ref). */
static char *
catalogs_file(const char *dir, uint64_t h1, uint64_t h2, const char *ext)
{
	return xasprintf("%s/catalogs/%016llx%016llx.%s", dir,
	    (unsigned long long)h1, (unsigned long long)h2, ext);
}

static const char **
fields(struct catalog_entry *e, const char **v)
{
	v[0] = e->msgctxt;
	v[1] = e->msgid;
	v[2] = e->msgid_plural;
	v[3] = e->msgstr;
	v[4] = e->comments;
	v[5] = e->extracted;
	v[6] = e->prev_msgid;
	v[7] = e->refs;
	v[8] = e->formats;
	v[9] = e->prev_msgctxt;
	v[10] = e->prev_msgid_plural;
	return v;
}

/* The formats M is flagged with, "c-format python-format ", in SB. */
static const char *
formats_of(po_message_t m, struct strbuf *sb)
{
	const char *const *list = po_format_list();

	strbuf_reset(sb);
	for (size_t i = 0; list != NULL && list[i] != NULL; i++)
		if (po_message_is_format(m, list[i])) {
			strbuf_puts(sb, list[i]);
			strbuf_putc(sb, ' ');
		}
	return sb->len ? sb->buf : NULL;
}

/* The digest of CAT, for bytes of hash H1, H2 and length LEN, in SB. */
static void
render_digest(const struct catalog *cat, uint64_t h1, uint64_t h2, size_t len,
    struct strbuf *sb)
{
	struct digest_head head;

	memset(&head, 0, sizeof head);
	memcpy(head.magic, MAGIC, 8);
	head.h1 = h1;
	head.h2 = h2;
	head.len = len;
	head.n = cat->n;
	head.other_domains = (uint64_t)cat->other_domains;
	strbuf_add(sb, &head, sizeof head);
	for (size_t i = 0; i < cat->n; i++) {
		const char *v[NSTRINGS];
		uint32_t rec[3];
		struct strbuf fmt = STRBUF_INIT;
		fields(&cat->v[i], v);
		if (cat->v[i].msg != NULL)
			v[S_FORMATS - S_MSGCTXT] = formats_of(cat->v[i].msg, &fmt);
		rec[0] = (cat->v[i].fuzzy ? F_FUZZY : 0) | (cat->v[i].obsolete ? F_OBSOLETE : 0);
		for (int k = 0; k < NSTRINGS; k++)
			if (v[k] != NULL)
				rec[0] |= 1u << (S_MSGCTXT + k);
		rec[1] = (uint32_t)cat->v[i].line;
		rec[2] = (uint32_t)cat->v[i].msgstr_line;
		strbuf_add(sb, rec, sizeof rec);
		for (int k = 0; k < NSTRINGS; k++)
			if (v[k] != NULL)
				strbuf_add(sb, v[k], strlen(v[k]) + 1);
		strbuf_release(&fmt);
	}
}

void
catalog_digest_render(const struct catalog *cat, struct strbuf *sb)
{
	render_digest(cat, 0, 0, 0, sb);
}

/* Is NAME a digest's file name (32 hexadecimal digits and ".cat")? */
static int
digest_name(const char *name)
{
	size_t n = strspn(name, "0123456789abcdef");

	return n == 32 && strcmp(name + n, ".cat") == 0;
}

/* Once per format: remove the digests of earlier formats (every digest
 * in a folder without this format's marker). */
static void
sweep_old_formats(const char *dir, struct diag *quiet)
{
	char *marker = xasprintf("%s/catalogs/format-" MAGIC, dir);

	if (!file_exists(marker)) {
		char *cdir = xasprintf("%s/catalogs", dir);
		DIR *dp = opendir(cdir);
		for (struct dirent *de; dp != NULL && (de = readdir(dp)) != NULL; ) {
			if (!digest_name(de->d_name))
				continue;
			char *f = xasprintf("%s/%s", cdir, de->d_name);
			unlink(f);
			free(f);
		}
		if (dp != NULL)
			closedir(dp);
		write_file_if_changed(quiet, marker, "", 0);
		free(cdir);
	}
	free(marker);
}

/* Record DIGEST (a file name in catalogs/) as the one of the catalog
 * PATH, and remove the one recorded before. */
static void
replace_previous(const char *dir, const char *path, const char *digest,
    struct diag *quiet)
{
	char real[PATH_MAX], name[40];
	struct strbuf old = STRBUF_INIT;
	uint64_t h[2];

	if (realpath(path, real) == NULL)
		return;		/* text read from elsewhere: nothing to replace */
	hash_bytes128(real, strlen(real), h);
	char *ref = catalogs_file(dir, h[0], h[1], "ref");
	if (file_exists(ref) && read_file(quiet, ref, 64, &old) == 0 &&
	    old.len < sizeof name) {
		memcpy(name, old.buf, old.len);
		name[old.len] = '\0';
		if (digest_name(name) && strcmp(name, digest) != 0) {
			char *f = xasprintf("%s/catalogs/%s", dir, name);
			unlink(f);
			free(f);
		}
	}
	write_file_if_changed(quiet, ref, digest, strlen(digest));
	strbuf_release(&old);
	free(ref);
}

static void
write_digest(const char *dir, const struct catalog *cat, uint64_t h1, uint64_t h2,
    size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag quiet;
	char *path = catalogs_file(dir, h1, h2, "cat");

	render_digest(cat, h1, h2, len, &sb);
	diag_init(&quiet);
	quiet.out = NULL;
	sweep_old_formats(dir, &quiet);
	/* A cache: when it cannot be written, the catalog is read again
	 * next time. */
	if (write_file_if_changed(&quiet, path, sb.buf, sb.len) >= 0)
		replace_previous(dir, cat->path, strrchr(path, '/') + 1, &quiet);
	strbuf_release(&sb);
	free(path);
}

/* Fill CAT's entries from the digest in SB (taken over: the entries point
 * into it), which must be of bytes of hash H1, H2 and length LEN.
 * Returns 0, or -1 (CAT without entries) when it is not. */
static int
parse_digest(struct catalog *cat, struct strbuf *sb, uint64_t h1, uint64_t h2, size_t len)
{
	struct digest_head head;

	if (sb->len < sizeof head)
		return -1;
	memcpy(&head, sb->buf, sizeof head);
	if (memcmp(head.magic, MAGIC, 8) != 0 || head.h1 != h1 || head.h2 != h2 ||
	    head.len != len || head.n > sb->len)
		return -1;
	const char *p = sb->buf + sizeof head, *end = sb->buf + sb->len;
	cat->v = xcalloc(head.n + 1, sizeof *cat->v);
	cat->cap = head.n + 1;
	for (uint64_t i = 0; i < head.n; i++) {
		struct catalog_entry *e = &cat->v[i];
		const char *v[NSTRINGS];
		uint32_t rec[3];
		if ((size_t)(end - p) < sizeof rec)
			goto bad;
		memcpy(rec, p, sizeof rec);
		p += sizeof rec;
		for (int k = 0; k < NSTRINGS; k++) {
			v[k] = NULL;
			if (!(rec[0] & (1u << (S_MSGCTXT + k))))
				continue;
			const char *nul = memchr(p, '\0', (size_t)(end - p));
			if (nul == NULL)
				goto bad;
			v[k] = p;
			p = nul + 1;
		}
		if (v[1] == NULL || v[3] == NULL)
			goto bad;
		e->msgctxt = v[0];
		e->msgid = v[1];
		e->msgid_plural = v[2];
		e->msgstr = v[3];
		e->comments = v[4];
		e->extracted = v[5];
		e->prev_msgid = v[6];
		e->refs = v[7];
		e->formats = v[8];
		e->prev_msgctxt = v[9];
		e->prev_msgid_plural = v[10];
		e->fuzzy = (rec[0] & F_FUZZY) != 0;
		e->obsolete = (rec[0] & F_OBSOLETE) != 0;
		e->line = rec[1];
		e->msgstr_line = rec[2];
		cat->n++;
	}
	if (p != end)
		goto bad;
	cat->other_domains = head.other_domains != 0;
	cat->blob = strbuf_detach(sb);
	return 0;
bad:
	free(cat->v);
	cat->v = NULL;
	cat->n = cat->cap = 0;
	return -1;
}

int
catalog_digest_load(struct catalog *cat, struct strbuf *sb)
{
	return parse_digest(cat, sb, 0, 0, 0);
}

static int
load_digest(const char *dir, struct catalog *cat, uint64_t h1, uint64_t h2, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag quiet;
	char *path = catalogs_file(dir, h1, h2, "cat");
	int r = -1;

	diag_init(&quiet);
	quiet.out = NULL;
	if (file_exists(path) && read_file(&quiet, path, (size_t)-1, &sb) == 0)
		r = parse_digest(cat, &sb, h1, h2, len);
	strbuf_release(&sb);
	free(path);
	return r;
}

/* Read CAT from the digest in DIR of TEXT, PATH's bytes, hashed into
 * *H1, *H2.  Returns 0, or -1 when there is none (CAT then empty). */
static int
from_digest(struct diag *d, const char *dir, const char *text, size_t len,
    const char *path, struct catalog *cat, uint64_t *h1, uint64_t *h2)
{
	hash_text(text, len, h1, h2);
	memset(cat, 0, sizeof *cat);
	cat->path = xstrdup(path);
	if (load_digest(dir, cat, *h1, *h2, len) == 0) {
		catalog_finish(d, cat);
		return 0;
	}
	free(cat->path);
	cat->path = NULL;
	return -1;
}

/* Read TEXT, PATH's bytes, from its digest in DIR when there is one,
 * else through libgettextpo (digesting it when it reads cleanly). */
static int
read_text_cached(struct diag *d, const char *dir, const char *text, size_t len,
    const char *path, struct catalog *cat, int lookup)
{
	uint64_t h1, h2;
	unsigned before;
	int r;

	if (from_digest(d, dir, text, len, path, cat, &h1, &h2) == 0)
		return 0;
	/* Parse the very bytes that were hashed. */
	before = d->count[DIAG_LEVEL_WARNING] + d->count[DIAG_LEVEL_ERROR] +
	    d->count[DIAG_LEVEL_FATAL];
	r = lookup ? catalog_read_text_digested(d, text, len, path, cat)
	    : catalog_read_text(d, text, len, path, cat);
	/* Plural forms other than the first are not in a digest: a catalog
	 * with plural messages is always read whole. */
	int plural = 0;
	for (size_t i = 0; r == 0 && i < cat->n; i++)
		plural |= cat->v[i].msgid_plural != NULL;
	if (r == 0 && cat->errors == 0 && !plural && before == d->count[DIAG_LEVEL_WARNING] +
	    d->count[DIAG_LEVEL_ERROR] + d->count[DIAG_LEVEL_FATAL])
		write_digest(dir, cat, h1, h2, len);
	return r;
}


static int
read_cached(struct diag *d, const char *path, struct catalog *cat, int lookup)
{
	const char *dir = l10n_cache_dir();
	struct strbuf text = STRBUF_INIT;
	struct diag quiet;
	int r;

	if (dir == NULL)
		return lookup ? catalog_read_digested(d, path, cat) : catalog_read(d, path, cat);
	diag_init(&quiet);
	quiet.out = NULL;
	if (read_file(&quiet, path, fs_input_limit(), &text) < 0) {
		strbuf_release(&text);
		return lookup ? catalog_read_digested(d, path, cat) : catalog_read(d, path, cat);
	}
	r = read_text_cached(d, dir, text.buf, text.len, path, cat, lookup);
	strbuf_release(&text);
	return r;
}

int
catalog_read_text_lookup(struct diag *d, const char *text, size_t len,
    const char *path, struct catalog *cat)
{
	const char *dir = l10n_cache_dir();

	return dir != NULL ? read_text_cached(d, dir, text, len, path, cat, 1)
	    : catalog_read_text_digested(d, text, len, path, cat);
}

int
catalog_read_text_from_digest(struct diag *d, const char *text, size_t len,
    const char *path, struct catalog *cat)
{
	const char *dir = l10n_cache_dir();
	uint64_t h1, h2;

	if (dir == NULL) {
		memset(cat, 0, sizeof *cat);
		return -1;
	}
	return from_digest(d, dir, text, len, path, cat, &h1, &h2);
}

int
catalog_read_cached(struct diag *d, const char *path, struct catalog *cat)
{
	return read_cached(d, path, cat, 0);
}

int
catalog_read_lookup(struct diag *d, const char *path, struct catalog *cat)
{
	return read_cached(d, path, cat, 1);
}
