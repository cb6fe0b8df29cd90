/* update.c - catalog updates with msgmerge --previous's semantics, in
 * process (gettext 0.21 msgmerge.c: merge(), match_domain(),
 * message_merge()). */
#define _GNU_SOURCE
#include "update.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build-id.h"
#include "catalog.h"
#include "fsutil.h"
#include "fuzzy.h"
#include "hash.h"
#include "paths.h"
#include "xalloc.h"

/* ---- What is handled here --------------------------------------------- */

/* Is every flag line of the PO text "#, fuzzy"?  Other flags (formats,
 * no-wrap, range) change how msgmerge merges and wraps. */
static int
only_fuzzy_flags(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if ((l >= 2 && p[0] == '#' && p[1] == ',') ||
		    (l >= 3 && p[0] == '#' && p[1] == '~' && p[2] == ',')) {
			if (!(l == 8 && memcmp(p, "#, fuzzy", 8) == 0))
				return 0;
		}
		p = nl ? nl + 1 : end;
	}
	return 1;
}

static int
is_header(const struct catalog_entry *e)
{
	return e->msgctxt == NULL && e->msgid[0] == '\0';
}

static int
supported(const struct catalog *cat, int is_template)
{
	int header = 0;

	if (cat->errors || cat->other_domains)
		return 0;
	for (size_t i = 0; i < cat->n; i++) {
		const struct catalog_entry *e = &cat->v[i];
		if (e->msgid_plural != NULL)
			return 0;
		if (is_template && e->obsolete)
			return 0;
		/* msgmerge would match a msgid "" in a context with the header. */
		if (e->msgid[0] == '\0' && e->msgctxt != NULL)
			return 0;
		if (is_header(e) && !e->obsolete)
			header = 1;
	}
	return header;
}

/* ---- The header ---------------------------------------------------------- */

/* The fields msgmerge knows, in the order it writes them. */
static const char *const known_fields[] = {
	"Project-Id-Version:", "Report-Msgid-Bugs-To:", "POT-Creation-Date:",
	"PO-Revision-Date:", "Last-Translator:", "Language-Team:", "Language:",
	"MIME-Version:", "Content-Type:", "Content-Transfer-Encoding:",
};
enum { F_BUGS = 1, F_DATE = 2, F_TEAM = 5, F_LANGUAGE = 6, F_N = 10 };

static int
ascii_prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++) {
		char a = *s, b = *prefix;
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

/* FIELD's value in the template's header TPL ("...\n"), or NULL. */
static char *
template_field(const char *tpl, const char *field)
{
	const char *p = strstr(tpl, field), *nl;

	if (p == NULL)
		return NULL;
	p += strlen(field);
	nl = strchr(p, '\n');
	if (nl != NULL)
		return xstrndup(p, (size_t)(nl + 1 - p));
	return xasprintf("%s\n", p);
}

/* msgmerge's header: the catalog's fields, with Report-Msgid-Bugs-To and
 * POT-Creation-Date from the template, known fields in a fixed order,
 * others after them.  NULL when msgmerge would derive Language from
 * Language-Team (a table this tool does not copy). */
static char *
merge_header(const char *def, const char *tpl)
{
	char *copy = xstrdup(def);
	char *value[F_N] = { NULL };
	struct strbuf unknown = STRBUF_INIT, out = STRBUF_INIT;
	char *p = copy;

	while (*p != '\0') {
		char *nl = strchr(p, '\n');
		char *line = nl ? xstrndup(p, (size_t)(nl + 1 - p)) : xasprintf("%s\n", p);
		size_t k;
		for (k = 0; k < F_N; k++)
			if (ascii_prefix_ci(line, known_fields[k]))
				break;
		if (k < F_N) {
			free(value[k]);
			value[k] = xstrdup(line + strlen(known_fields[k]));
		} else {
			strbuf_puts(&unknown, line);
		}
		free(line);
		p = nl ? nl + 1 : p + strlen(p);
	}
	free(copy);
	char *unsupported = NULL;
	if (value[F_LANGUAGE] == NULL && value[F_TEAM] != NULL)
		unsupported = "Language";
	char *bugs = template_field(tpl, "Report-Msgid-Bugs-To:");
	if (bugs != NULL) {
		free(value[F_BUGS]);
		value[F_BUGS] = bugs;
	}
	char *date = template_field(tpl, "POT-Creation-Date:");
	if (date != NULL) {
		free(value[F_DATE]);
		value[F_DATE] = date;
	}
	for (size_t k = 0; k < F_N; k++) {
		if (value[k] != NULL) {
			strbuf_puts(&out, known_fields[k]);
			strbuf_puts(&out, value[k]);
		}
		free(value[k]);
	}
	if (unknown.len)
		strbuf_puts(&out, unknown.buf);
	strbuf_release(&unknown);
	if (unsupported != NULL) {
		strbuf_release(&out);
		return NULL;
	}
	return out.buf ? strbuf_detach(&out) : xstrdup("");
}

/* ---- Messages ------------------------------------------------------------ */

static void
set_previous(po_message_t m, const char *ctxt, const char *id, const char *plural)
{
	if (po_message_prev_msgctxt(m) != ctxt)
		po_message_set_prev_msgctxt(m, ctxt);
	if (po_message_prev_msgid(m) != id)
		po_message_set_prev_msgid(m, id);
	if (po_message_prev_msgid_plural(m) != plural)
		po_message_set_prev_msgid_plural(m, plural);
}

/* The template's message R takes the translation of the catalog's D
 * (message_merge()): msgstr and translator comments from D, extracted
 * comments, references and flags from R; fuzzy when D was or when the
 * match is fuzzy, then with D's msgid (or D's own previous msgid) as the
 * previous one. */
static void
take_translation(po_message_t r, const struct catalog_entry *dd, int fuzzy_match)
{
	int fuzzy = dd->fuzzy || fuzzy_match;

	po_message_set_msgstr(r, dd->msgstr);
	po_message_set_comments(r, dd->comments ? dd->comments : "");
	po_message_set_fuzzy(r, fuzzy);
	if (fuzzy && dd->msgstr[0] != '\0') {
		if (dd->fuzzy)
			set_previous(r, dd->prev_msgctxt, dd->prev_msgid, dd->prev_msgid_plural);
		else
			set_previous(r, dd->msgctxt, dd->msgid, NULL);
	} else {
		set_previous(r, NULL, NULL, NULL);
	}
}

/* An unused message of the catalog, kept as msgmerge keeps it: obsolete,
 * without extracted comments and references. */
static po_message_t
obsolete_copy(const struct catalog_entry *e)
{
	po_message_t m = po_message_create();

	if (e->msgctxt != NULL)
		po_message_set_msgctxt(m, e->msgctxt);
	po_message_set_msgid(m, e->msgid);
	po_message_set_msgstr(m, e->msgstr);
	if (e->comments != NULL && e->comments[0] != '\0')
		po_message_set_comments(m, e->comments);
	po_message_set_fuzzy(m, e->fuzzy);
	set_previous(m, e->prev_msgctxt, e->prev_msgid, e->prev_msgid_plural);
	po_message_set_obsolete(m, 1);
	return m;
}

/* The catalog key of E ("msgctxt\004msgid") in ARENA. */
static const char *
key_of(struct arena *arena, const struct catalog_entry *e, size_t *len)
{
	size_t cl = e->msgctxt ? strlen(e->msgctxt) : 0, il = strlen(e->msgid);
	char *k = arena_alloc(arena, cl + il + 2);

	if (cl)
		memcpy(k, e->msgctxt, cl);
	k[cl] = '\004';
	memcpy(k + cl + 1, e->msgid, il + 1);
	*len = cl + il + 1;
	return k;
}

/* "file:line" of E's first reference, in ARENA; or NULL. */
static const char *
first_ref(struct arena *arena, const struct catalog_entry *e)
{
	if (e->refs == NULL)
		return NULL;
	return arena_strndup(arena, e->refs, strcspn(e->refs, "\n"));
}

/* ---- Fuzzy matches, in parallel ------------------------------------------ */

struct query {
	const struct catalog_entry *e;	/* template message */
	const char *ref;
	struct fuzzy_result res;
};

struct workers {
	struct fuzzy *fz;
	struct query *q;
	size_t n;
	size_t next;			/* next query to take */
	pthread_mutex_t lock;
};

static void *
work(void *arg)
{
	struct workers *w = arg;

	for (;;) {
		pthread_mutex_lock(&w->lock);
		size_t i = w->next++;
		pthread_mutex_unlock(&w->lock);
		if (i >= w->n)
			return NULL;
		struct query *q = &w->q[i];
		fuzzy_find(w->fz, q->e->msgctxt, q->e->msgid, q->ref, &q->res);
	}
}

static void
find_all(struct fuzzy *fz, struct query *q, size_t n, unsigned threads)
{
	struct workers w = { fz, q, n, 0, PTHREAD_MUTEX_INITIALIZER };
	pthread_t tid[16];
	unsigned started = 0;

	if (threads == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cpus > 0 ? (unsigned)cpus : 1;
	}
	if (threads > 16)
		threads = 16;
	/* Few queries are not worth a thread. */
	if (n < 8)
		threads = 1;
	for (unsigned t = 1; t < threads; t++)
		if (pthread_create(&tid[started], NULL, work, &w) == 0)
			started++;
	work(&w);
	for (unsigned t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&w.lock);
}

/* ---- Stamps ---------------------------------------------------------------
 *
 * `make l10n` runs `l10n update` for every catalog whenever its stamps are
 * gone, and updating a large catalog that is already current costs
 * reading both files and writing the result again, only to find it the
 * same.  With L10N_CACHE_DIR set, an update records the template's bytes
 * (all but the POT-Creation-Date line, which msgmerge's semantics leave
 * out of the comparison) and the catalog's bytes as it left them; while
 * both are unchanged, and the tool is the same, there is nothing to do. */

static uint64_t
hash_bytes_but_date(const char *s, size_t len)
{
	const char *key = "\"POT-Creation-Date: ";
	const char *p = memmem(s, len, key, strlen(key));
	const char *nl = p ? memchr(p, '\n', len - (size_t)(p - s)) : NULL;

	if (p == NULL || nl == NULL)
		return hash_bytes(s, len);
	return hash_bytes(s, (size_t)(p - s)) * 31 +
	    hash_bytes(nl + 1, len - (size_t)(nl + 1 - s));
}

static char *
stamp_path(const char *pot, const char *po)
{
	const char *dir = l10n_cache_dir();
	char *paths, *r;

	if (dir == NULL)
		return NULL;
	paths = xasprintf("%s\n%s", pot, po);
	r = xasprintf("%s/update/%016lx.stamp", dir, hash_bytes(paths, strlen(paths)));
	free(paths);
	return r;
}

static char *
stamp_text(uint64_t pot_hash, uint64_t pot_len, unsigned long po_hash, size_t po_len)
{
	/* The tool's build: another one may merge differently. */
	return xasprintf("l10n update stamp 2 (%s)\ntemplate %llu %016llx\ncatalog %zu %016lx\n",
	    l10n_build_id(), (unsigned long long)pot_len, (unsigned long long)pot_hash,
	    po_len, po_hash);
}

enum stamp_match {
	STAMP_NONE,
	/* This build of the tool updated a catalog from these very template
	 * bytes before (the stamp's first two lines): libgettextpo read them
	 * in this process without harm, and reads them so again, with no
	 * probe in a child process first (catalog.h). */
	STAMP_TEMPLATE,
	/* Updated before from the same template and left as it is. */
	STAMP_ALL
};

/* How much of the stamp file matches the template and the catalog (the
 * hash and length of its bytes). */
static enum stamp_match
stamp_check(const char *stamp, uint64_t pot_hash, uint64_t pot_len, unsigned long po_hash,
    size_t po_len)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag quiet;
	enum stamp_match m = STAMP_NONE;

	diag_init(&quiet);
	quiet.out = NULL;
	if (file_exists(stamp) && read_file(&quiet, stamp, 4096, &sb) == 0) {
		char *want = stamp_text(pot_hash, pot_len, po_hash, po_len);
		const char *cat = strstr(want, "\ncatalog ");
		size_t n = cat ? (size_t)(cat - want) + 1 : 0;
		if (sb.len == strlen(want) && memcmp(sb.buf, want, sb.len) == 0)
			m = STAMP_ALL;
		else if (n > 0 && sb.len > n && memcmp(sb.buf, want, n) == 0)
			m = STAMP_TEMPLATE;
		free(want);
	}
	strbuf_release(&sb);
	return m;
}

/* Record that the catalog PO is current; RESULT: what the update did
 * (when it left the file, PO_HASH and PO_LEN are still its bytes'). */
static void
stamp_write(const char *stamp, uint64_t pot_hash, uint64_t pot_len, const char *po,
    enum update_result result, unsigned long po_hash, size_t po_len)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag quiet;

	diag_init(&quiet);
	quiet.out = NULL;
	if (result == UPDATE_WRITTEN) {
		if (read_file(&quiet, po, fs_input_limit(), &sb) < 0) {
			strbuf_release(&sb);
			return;
		}
		po_hash = hash_bytes(sb.buf, sb.len);
		po_len = sb.len;
		strbuf_release(&sb);
	}
	char *text = stamp_text(pot_hash, pot_len, po_hash, po_len);
	write_file_if_changed(&quiet, stamp, text, strlen(text));
	free(text);
}

/* ---- The merge ----------------------------------------------------------- */

enum update_result
update_catalog(struct diag *d, const char *pot, const char *po, unsigned threads,
    struct update_stats *st)
{
	struct catalog old, tpl;
	struct strbuf text = STRBUF_INIT;
	struct diag quiet;
	struct hash keys = HASH_INIT;
	struct arena arena = ARENA_INIT;
	struct fuzzy *fz = NULL;
	struct query *q = NULL;
	long *cand_entry = NULL;
	uint8_t *used = NULL;
	size_t nq = 0;
	char *stamp = NULL;
	enum update_result r = UPDATE_UNSUPPORTED;

	memset(st, 0, sizeof *st);
	memset(&old, 0, sizeof old);
	memset(&tpl, 0, sizeof tpl);
	/* Anything unusual is msgmerge's to handle, and to report. */
	diag_init(&quiet);
	quiet.out = NULL;
	if (read_file(&quiet, pot, fs_input_limit(), &text) < 0 ||
	    !only_fuzzy_flags(text.buf, text.len))
		goto out;
	stamp = stamp_path(pot, po);
	uint64_t pot_hash = hash_bytes_but_date(text.buf, text.len), pot_len = text.len;
	if (read_file(&quiet, po, fs_input_limit(), &text) < 0 ||
	    !only_fuzzy_flags(text.buf, text.len))
		goto out;
	unsigned long po_hash = stamp != NULL ? hash_bytes(text.buf, text.len) : 0;
	size_t po_len = text.len;
	enum stamp_match known = stamp != NULL ?
	    stamp_check(stamp, pot_hash, pot_len, po_hash, po_len) : STAMP_NONE;
	if (known == STAMP_ALL) {
		st->cached = 1;
		r = UPDATE_UNCHANGED;
		goto out;
	}
	strbuf_release(&text);
	/* The catalog's strings only, read by a child process (its digest,
	 * kept in L10N_CACHE_DIR for the checks and the build that read the
	 * same bytes next); the template's messages are the result's. */
	if (catalog_read_lookup(&quiet, po, &old) < 0 || !supported(&old, 0))
		goto out;
	/* A translator's commit changes the catalog, not the template. */
	if (known == STAMP_TEMPLATE)
		catalog_set_in_process(1);
	int tr = catalog_read(&quiet, pot, &tpl);
	if (known == STAMP_TEMPLATE)
		catalog_set_in_process(0);
	if (tr < 0 || !supported(&tpl, 1))
		goto out;

	/* The catalog's messages by key, obsolete ones included: msgmerge
	 * revives an obsolete translation whose msgid comes back. */
	used = xcalloc(old.n + 1, 1);
	for (size_t i = 0; i < old.n; i++) {
		size_t len;
		const char *k = key_of(&arena, &old.v[i], &len);
		if (hash_put(&keys, k, len, (void *)(i + 1)) != NULL)
			goto out;	/* the same message twice */
	}

	/* Exact matches and the header. */
	long *exact = xmalloc((tpl.n + 1) * sizeof *exact);
	for (size_t i = 0; i < tpl.n; i++) {
		const struct catalog_entry *e = &tpl.v[i];
		size_t len;
		const char *k = key_of(&arena, e, &len);
		void *v = hash_get(&keys, k, len);
		exact[i] = v ? (long)((size_t)v - 1) : -1;
		if (exact[i] >= 0)
			used[exact[i]] = 1;
	}

	/* The template's messages without an exact match. */
	q = xcalloc(tpl.n + 1, sizeof *q);
	for (size_t i = 0; i < tpl.n; i++) {
		const struct catalog_entry *e = &tpl.v[i];
		if (exact[i] >= 0 || is_header(e))
			continue;
		q[nq].e = e;
		q[nq].ref = first_ref(&arena, e);
		nq++;
	}
	/* Fuzzy candidates: translated messages of the catalog, in order;
	 * indexed only when some message needs them (a translator's commit
	 * changes no msgid). */
	if (nq > 0) {
		fz = fuzzy_new();
		cand_entry = xmalloc((old.n + 1) * sizeof *cand_entry);
		for (size_t i = 0; i < old.n; i++) {
			const struct catalog_entry *e = &old.v[i];
			if (is_header(e) || e->msgstr[0] == '\0')
				continue;
			int leftover = catalog_find(&tpl, e->msgctxt, e->msgid) == NULL;
			size_t c = fuzzy_add(fz, e->msgctxt, e->msgid, first_ref(&arena, e),
			    leftover);
			cand_entry[c] = (long)i;
		}
		fuzzy_prepare(fz);
		find_all(fz, q, nq, threads);
	}

	/* The result, in the template's message objects. */
	size_t k = 0;
	for (size_t i = 0; i < tpl.n; i++) {
		const struct catalog_entry *e = &tpl.v[i];
		po_message_t m = e->msg;
		if (is_header(e)) {
			const struct catalog_entry *h = exact[i] >= 0 ? &old.v[exact[i]] : NULL;
			char *merged = h ? merge_header(h->msgstr, e->msgstr) : NULL;
			if (merged == NULL) {
				free(exact);
				goto out;
			}
			po_message_set_msgstr(m, merged);
			free(merged);
			po_message_set_comments(m, h->comments ? h->comments : "");
			po_message_set_fuzzy(m, h->fuzzy);
			set_previous(m, NULL, NULL, NULL);
			continue;
		}
		if (exact[i] >= 0) {
			take_translation(m, &old.v[exact[i]], 0);
			st->exact++;
			continue;
		}
		struct query *qq = &q[k++];
		if (qq->res.cand >= 0) {
			long j = cand_entry[qq->res.cand];
			take_translation(m, &old.v[j], 1);
			used[j] = 1;
			st->fuzzy++;
			if (qq->res.how == FUZZY_BY_ID)
				st->fuzzy_by_id++;
			else if (qq->res.how == FUZZY_PROVEN)
				st->fuzzy_proven++;
			else
				st->fuzzy_heuristic++;
		} else {
			if (!po_message_is_fuzzy(m) || e->msgstr[0] == '\0')
				set_previous(m, NULL, NULL, NULL);
			st->untranslated++;
		}
	}
	free(exact);

	/* What the template no longer has, kept as obsolete (an untranslated
	 * one would not be written). */
	po_message_iterator_t it = po_message_iterator(tpl.file, NULL);
	while (po_next_message(it) != NULL)
		;
	for (size_t i = 0; i < old.n; i++) {
		const struct catalog_entry *e = &old.v[i];
		if (used[i] || e->msgstr[0] == '\0')
			continue;
		po_message_insert(it, obsolete_copy(e));
		st->obsolete++;
	}
	po_message_iterator_free(it);

	switch (catalog_write(d, tpl.file, po, 1)) {
	case 1:
		r = UPDATE_WRITTEN;
		break;
	case 0:
		r = UPDATE_UNCHANGED;
		break;
	default:
		r = UPDATE_FAILED;
	}
	if (r != UPDATE_FAILED && stamp != NULL)
		stamp_write(stamp, pot_hash, pot_len, po, r, po_hash, po_len);
out:
	free(stamp);
	strbuf_release(&text);
	fuzzy_free(fz);
	free(q);
	free(cand_entry);
	free(used);
	hash_release(&keys);
	arena_release(&arena);
	catalog_release(&old);
	catalog_release(&tpl);
	return r;
}
