/* catalog.c - reading and writing PO files with libgettextpo. */
#define _GNU_SOURCE
#include "catalog.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fsutil.h"

/* libgettextpo reports through a handler that must not return on fatal
 * errors; this state lets it jump back to the reader. */
struct po_state {
	struct diag *d;
	const char *path;
	const char *open_path;		/* what libgettextpo was given */
	int errors;
	int fatal;
	jmp_buf jb;
};

static _Thread_local struct po_state *current_po;

static void
report(int severity, const char *filename, size_t lineno, size_t column,
    const char *text)
{
	struct po_state *ps = current_po;
	char msg[1024];
	size_t n;

	if (ps == NULL)
		return;
	snprintf(msg, sizeof msg, "%s", text ? text : "error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (char *p = msg; *p; p++)
		if (*p == '\n')
			*p = ' ';
	if (filename == NULL || (ps->open_path && strcmp(filename, ps->open_path) == 0))
		filename = ps->path;
	diag(ps->d, severity == PO_SEVERITY_WARNING ? DIAG_PO_WARNING : DIAG_PO_ERROR,
	    filename, lineno == (size_t)-1 ? 0 : (unsigned long)lineno,
	    column == (size_t)-1 ? 0 : (unsigned long)column + 1, msg);
	if (severity != PO_SEVERITY_WARNING)
		ps->errors++;
	if (severity == PO_SEVERITY_FATAL_ERROR) {
		ps->fatal = 1;
		longjmp(ps->jb, 1);
	}
}

static void
xerror(int severity, po_message_t message, const char *filename, size_t lineno,
    size_t column, int multiline_p, const char *message_text)
{
	(void)message;
	(void)multiline_p;
	report(severity, filename, lineno, column, message_text);
}

static void
xerror2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1,
    int ml1, const char *t1, po_message_t m2, const char *f2, size_t l2,
    size_t c2, int ml2, const char *t2)
{
	(void)m1;
	(void)m2;
	(void)ml1;
	(void)ml2;
	(void)f2;
	(void)l2;
	(void)c2;
	char buf[1024];
	snprintf(buf, sizeof buf, "%s %s", t1 ? t1 : "", t2 ? t2 : "");
	report(severity, f1, l1, c1, buf);
}

static const struct po_xerror_handler handler = { xerror, xerror2 };

static int
valid_utf8(const unsigned char *s, size_t len, size_t *bad)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xe0) == 0xc0) {
			n = 1;
			min = 0x80;
			c &= 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			min = 0x800;
			c &= 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3;
			min = 0x10000;
			c &= 0x07;
		} else {
			*bad = i;
			return 0;
		}
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80) {
				*bad = i;
				return 0;
			}
			c = (c << 6) | (s[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
			*bad = i;
			return 0;
		}
		i += n + 1;
	}
	return 1;
}

static unsigned long
line_of(const char *buf, size_t off)
{
	unsigned long line = 1;

	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

/* Checks libgettextpo does not make (it is silent about these). */
static void
precheck(struct diag *d, const char *path, const struct strbuf *sb, int *errors)
{
	size_t bad;
	const char *nul = memchr(sb->buf, '\0', sb->len);

	if (sb->len == 0) {
		diag(d, DIAG_PO_EMPTY, path, 0, 0);
		(*errors)++;
		return;
	}
	if (nul != NULL) {
		diag(d, DIAG_PO_NUL, path, line_of(sb->buf, (size_t)(nul - sb->buf)), 0);
		(*errors)++;
	}
	if (!valid_utf8((const unsigned char *)sb->buf, sb->len, &bad)) {
		diag(d, DIAG_PO_INVALID_UTF8, path, line_of(sb->buf, bad), 0);
		(*errors)++;
	}
}

/* Line numbers: libgettextpo does not say where a message is, so the
 * lines that start a message's msgid and msgstr are located in order (the
 * k-th non-obsolete "msgid"/"msgstr" keyword line belongs to the k-th
 * non-obsolete message libgettextpo returns, which validated the syntax). */
struct linemap {
	unsigned long *msgid, *msgstr;
	size_t nid, nstr, capid, capstr;
};

static void
map_lines(const struct strbuf *sb, struct linemap *lm)
{
	unsigned long line = 1;
	const char *p = sb->buf, *end = sb->buf + sb->len;

	memset(lm, 0, sizeof *lm);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (len >= 6 && strncmp(p, "msgid", 5) == 0 && (p[5] == ' ' || p[5] == '\t')) {
			lm->msgid = xgrow(lm->msgid, &lm->capid, lm->nid + 1, sizeof *lm->msgid);
			lm->msgid[lm->nid++] = line;
		} else if (len >= 7 && strncmp(p, "msgstr", 6) == 0 &&
		    (p[6] == ' ' || p[6] == '\t' || (p[6] == '[' && len >= 9 && p[7] == '0'))) {
			lm->msgstr = xgrow(lm->msgstr, &lm->capstr, lm->nstr + 1, sizeof *lm->msgstr);
			lm->msgstr[lm->nstr++] = line;
		}
		line++;
		p = nl ? nl + 1 : end;
	}
}

/* po_file_read, returning NULL when libgettextpo gave up (its fatal
 * handler jumps back here instead of exiting). */
static po_file_t
guarded_read(struct po_state *ps, const char *path)
{
	po_file_t volatile file = NULL;

	current_po = ps;
	if (setjmp(ps->jb) == 0)
		file = po_file_read(path, &handler);
	current_po = NULL;
	return ps->fatal ? NULL : file;
}

static int read_as(struct diag *d, const char *open_path, const char *path,
    struct catalog *cat);

/* The "#:" references of M, "file:line\n" each, in CAT's arena. */
static const char *
refs_of(struct catalog *cat, po_message_t m)
{
	struct strbuf sb = STRBUF_INIT;
	po_filepos_t fp;
	const char *r;

	for (int i = 0; (fp = po_message_filepos(m, i)) != NULL; i++)
		strbuf_printf(&sb, "%s:%zu\n", po_filepos_file(fp), po_filepos_start_line(fp));
	r = sb.len ? arena_strdup(&cat->arena, sb.buf) : NULL;
	strbuf_release(&sb);
	return r;
}

int
catalog_read(struct diag *d, const char *path, struct catalog *cat)
{
	return read_as(d, path, path, cat);
}

int
catalog_read_text(struct diag *d, const char *text, size_t len,
    const char *path, struct catalog *cat)
{
	char name[64];
	int fd = memfd_create("l10n-po", MFD_CLOEXEC), r;
	size_t done = 0;

	if (fd < 0) {
		memset(cat, 0, sizeof *cat);
		diag(d, DIAG_READ, NULL, 0, 0, path, strerror(errno));
		return -1;
	}
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n <= 0) {
			close(fd);
			memset(cat, 0, sizeof *cat);
			diag(d, DIAG_READ, NULL, 0, 0, path, strerror(errno));
			return -1;
		}
		done += (size_t)n;
	}
	snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
	r = read_as(d, name, path, cat);
	close(fd);
	return r;
}

static int
read_as(struct diag *d, const char *open_path, const char *path, struct catalog *cat)
{
	struct po_state ps;
	struct strbuf sb = STRBUF_INIT;
	struct linemap lm;
	po_file_t file;
	int errors = 0;
	size_t k = 0;

	memset(cat, 0, sizeof *cat);
	cat->path = xstrdup(path);
	if (read_file(d, open_path, fs_input_limit(), &sb) < 0) {
		strbuf_release(&sb);
		return -1;
	}
	precheck(d, path, &sb, &errors);
	if (errors && (sb.len == 0 || memchr(sb.buf, '\0', sb.len) != NULL)) {
		/* libgettextpo would read a truncated or empty catalog as valid. */
		cat->errors = errors;
		strbuf_release(&sb);
		return -1;
	}
	ps.d = d;
	ps.path = path;
	ps.open_path = open_path;
	ps.errors = 0;
	ps.fatal = 0;
	file = guarded_read(&ps, open_path);
	if (file == NULL) {
		if (!ps.errors)
			diag(d, DIAG_PO_UNREADABLE, NULL, 0, 0, path);
		cat->errors = errors + ps.errors + 1;
		strbuf_release(&sb);
		return -1;
	}
	cat->file = file;
	cat->errors = errors + ps.errors;
	map_lines(&sb, &lm);

	po_message_iterator_t it = po_message_iterator(file, NULL);
	po_message_t m;
	while ((m = po_next_message(it)) != NULL) {
		struct catalog_entry *e;
		cat->v = xgrow(cat->v, &cat->cap, cat->n + 1, sizeof *cat->v);
		e = &cat->v[cat->n++];
		memset(e, 0, sizeof *e);
		e->msg = m;
		e->msgctxt = po_message_msgctxt(m);
		e->msgid = po_message_msgid(m);
		e->msgid_plural = po_message_msgid_plural(m);
		e->msgstr = e->msgid_plural ? po_message_msgstr_plural(m, 0) : po_message_msgstr(m);
		if (e->msgstr == NULL)
			e->msgstr = "";
		e->comments = po_message_comments(m);
		e->extracted = po_message_extracted_comments(m);
		e->prev_msgid = po_message_prev_msgid(m);
		e->fuzzy = po_message_is_fuzzy(m);
		e->obsolete = po_message_is_obsolete(m);
		e->refs = refs_of(cat, m);
		if (!e->obsolete) {
			if (k < lm.nid)
				e->line = lm.msgid[k];
			if (k < lm.nstr)
				e->msgstr_line = lm.msgstr[k];
			k++;
		}
	}
	po_message_iterator_free(it);
	free(lm.msgid);
	free(lm.msgstr);
	catalog_finish(d, cat);
	strbuf_release(&sb);
	return 0;
}

void
catalog_finish(struct diag *d, struct catalog *cat)
{
	const char *path = cat->path;

	for (size_t i = 0; i < cat->n; i++) {
		struct catalog_entry *e = &cat->v[i];
		if (e->obsolete)
			continue;
		if (e->msgctxt == NULL && e->msgid[0] == '\0') {
			cat->header = e->msgstr;
			continue;
		}
		/* msgctxt \004 msgid, built without printf (20,000 entries). */
		size_t cl = e->msgctxt ? strlen(e->msgctxt) : 0, il = strlen(e->msgid);
		char *akey = arena_alloc(&cat->arena, cl + il + 2);
		memcpy(akey, e->msgctxt ? e->msgctxt : "", cl);
		akey[cl] = '\004';
		memcpy(akey + cl + 1, e->msgid, il + 1);
		hash_put(&cat->index, akey, cl + il + 1, e);
	}
	if (cat->header == NULL) {
		diag(d, DIAG_PO_NO_HEADER, path, 1, 0);
		cat->errors++;
	} else {
		char *ct = catalog_header_field(cat, "Content-Type");
		const char *cs = ct ? strstr(ct, "charset=") : NULL;
		if (cs != NULL) {
			cs += 8;
			if (strncasecmp(cs, "UTF-8", 5) != 0) {
				diag(d, DIAG_PO_CHARSET, path,
				    cat->n && cat->v[0].msgstr_line ? cat->v[0].msgstr_line : 1, 0, cs);
				cat->errors++;
			}
		}
		free(ct);
	}
}

int
catalog_entry_format(const struct catalog_entry *e, const char *format)
{
	size_t len = strlen(format);

	if (e->msg != NULL)
		return po_message_is_format(e->msg, format);
	for (const char *p = e->formats; p != NULL && *p != '\0'; ) {
		const char *sp = strchr(p, ' ');
		size_t l = sp ? (size_t)(sp - p) : strlen(p);
		if (l == len && strncmp(p, format, len) == 0)
			return 1;
		p = sp ? sp + 1 : p + l;
	}
	return 0;
}

char *
catalog_entry_first_file(const struct catalog_entry *e)
{
	if (e->msg != NULL) {
		po_filepos_t fp = po_message_filepos(e->msg, 0);
		return fp ? xstrdup(po_filepos_file(fp)) : NULL;
	}
	if (e->refs == NULL || e->refs[0] == '\0')
		return NULL;
	const char *nl = strchr(e->refs, '\n');
	size_t len = nl ? (size_t)(nl - e->refs) : strlen(e->refs);
	while (len > 0 && e->refs[len - 1] != ':')
		len--;
	return len ? xstrndup(e->refs, len - 1) : NULL;
}

void
catalog_release(struct catalog *cat)
{
	if (cat->file != NULL)
		po_file_free(cat->file);
	free(cat->blob);
	free(cat->v);
	free(cat->path);
	hash_release(&cat->index);
	arena_release(&cat->arena);
	memset(cat, 0, sizeof *cat);
}

const struct catalog_entry *
catalog_find(const struct catalog *cat, const char *msgctxt, const char *msgid)
{
	size_t cl = msgctxt ? strlen(msgctxt) : 0, il = strlen(msgid);
	char stackbuf[512];
	char *key = cl + il + 2 <= sizeof stackbuf ? stackbuf : xmalloc(cl + il + 2);
	const struct catalog_entry *e;

	memcpy(key, msgctxt ? msgctxt : "", cl);
	key[cl] = '\004';
	memcpy(key + cl + 1, msgid, il + 1);
	e = hash_get(&cat->index, key, cl + il + 1);
	if (key != stackbuf)
		free(key);
	return e;
}

char *
catalog_header_field(const struct catalog *cat, const char *field)
{
	if (cat->header == NULL)
		return NULL;
	return po_header_field(cat->header, field);
}

int
catalog_render(struct diag *d, po_file_t file, struct strbuf *sb)
{
	struct po_state ps;
	char path[64];
	int fd = memfd_create("l10n-po", MFD_CLOEXEC);
	po_file_t volatile r = NULL;
	off_t size;

	if (fd >= 0 && catalog_render_parallel(file, sb) == 0) {
		close(fd);
		return 0;
	}
	if (fd < 0) {
		diag(d, DIAG_WRITE, NULL, 0, 0, "memory file", strerror(errno));
		return -1;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	ps.d = d;
	ps.path = path;
	ps.open_path = path;
	ps.errors = 0;
	ps.fatal = 0;
	current_po = &ps;
	if (setjmp(ps.jb) == 0)
		r = po_file_write(file, path, &handler);
	current_po = NULL;
	if (r == NULL || ps.errors) {
		close(fd);
		return -1;
	}
	size = lseek(fd, 0, SEEK_END);
	strbuf_reset(sb);
	if (size > 0) {
		strbuf_grow(sb, (size_t)size);
		if (pread(fd, sb->buf, (size_t)size, 0) != size) {
			diag(d, DIAG_READ, NULL, 0, 0, "memory file", strerror(errno));
			close(fd);
			return -1;
		}
		sb->len = (size_t)size;
		sb->buf[sb->len] = '\0';
	}
	close(fd);
	return 0;
}

/* The text before and after its POT-Creation-Date header line. */
static void
around_date(const char *s, size_t len, size_t *head, const char **tail, size_t *tlen)
{
	const char *key = "\"POT-Creation-Date: ";
	const char *p = memmem(s, len, key, strlen(key));
	const char *nl = p ? memchr(p, '\n', len - (size_t)(p - s)) : NULL;

	*head = p ? (size_t)(p - s) : len;
	*tail = nl ? nl + 1 : s + len;
	*tlen = nl ? len - (size_t)(nl + 1 - s) : 0;
}

/* Are A and B the same but for the POT-Creation-Date line? */
static int
same_but_date(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t ah, bh, at, bt;
	const char *ta, *tb;

	around_date(a, alen, &ah, &ta, &at);
	around_date(b, blen, &bh, &tb, &bt);
	return ah == bh && at == bt && memcmp(a, b, ah) == 0 && memcmp(ta, tb, at) == 0;
}

int
catalog_write_text(struct diag *d, const char *text, size_t len, const char *path,
    int ignore_date)
{
	struct strbuf old = STRBUF_INIT;
	int r;

	if (strcmp(path, "-") == 0) {
		r = fwrite(text, 1, len, stdout) == len && fflush(stdout) == 0 ? 1 : -1;
		if (r < 0)
			diag(d, DIAG_WRITE, NULL, 0, 0, "standard output", strerror(errno));
		return r;
	}
	if (ignore_date && file_exists(path)) {
		struct diag quiet;
		diag_init(&quiet);
		quiet.out = NULL;
		if (read_file(&quiet, path, fs_input_limit(), &old) == 0 &&
		    same_but_date(old.buf, old.len, text, len)) {
			strbuf_release(&old);
			return 0;
		}
		strbuf_release(&old);
	}
	r = write_file_if_changed(d, path, text, len);
	return r;
}

int
catalog_write(struct diag *d, po_file_t file, const char *path, int ignore_date)
{
	struct strbuf sb = STRBUF_INIT;
	int r;

	if (catalog_render(d, file, &sb) < 0) {
		strbuf_release(&sb);
		return -1;
	}
	r = catalog_write_text(d, sb.buf ? sb.buf : "", sb.len, path, ignore_date);
	strbuf_release(&sb);
	return r;
}

void
catalog_set_header_field(struct catalog *cat, const char *field, const char *value)
{
	for (size_t i = 0; i < cat->n; i++) {
		struct catalog_entry *e = &cat->v[i];
		if (e->obsolete || e->msgctxt != NULL || e->msgid[0] != '\0')
			continue;
		char *h = po_header_set_field(e->msgstr, field, value);
		po_message_set_msgstr(e->msg, h);
		free(h);
		e->msgstr = po_message_msgstr(e->msg);
		cat->header = e->msgstr;
		return;
	}
}

void
catalog_format_date(time_t t, char *buf, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M+0000", &tm);
}

int
catalog_source_date(struct diag *d, time_t fallback, time_t *out)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0') {
		*out = fallback;
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || end == s) {
		diag(d, DIAG_EPOCH, NULL, 0, 0, s);
		return -1;
	}
	*out = (time_t)v;
	return 0;
}

/* ---- Templates ------------------------------------------------------ */

struct pot_entry {
	const char *msgctxt, *msgid;
	struct strbuf comments;
	struct strbuf refs;		/* "file:line\n" ... */
	unsigned flags;
};

void
pot_add(struct pot *pot, const struct unit_list *units, const char *ref)
{
	struct strbuf kb = STRBUF_INIT;

	for (size_t i = 0; i < units->n; i++) {
		const struct unit *u = &units->v[i];
		/* msgctxt \004 msgid, built without printf. */
		strbuf_reset(&kb);
		strbuf_puts(&kb, u->msgctxt ? u->msgctxt : "");
		strbuf_putc(&kb, '\004');
		strbuf_puts(&kb, u->msgid);
		const char *key = kb.buf;
		struct pot_entry *e = hash_get(&pot->index, key, kb.len);
		if (e == NULL) {
			pot->v = xgrow(pot->v, &pot->cap, pot->n + 1, sizeof *pot->v);
			/* Entries move when v grows: index by position. */
			e = &pot->v[pot->n];
			memset(e, 0, sizeof *e);
			e->msgctxt = u->msgctxt ? arena_strdup(&pot->arena, u->msgctxt) : NULL;
			/* The msgid is the end of the key ("msgctxt\004msgid"). */
			const char *akey = arena_strdup(&pot->arena, key);
			e->msgid = strchr(akey, '\004') + 1;
			e->flags = u->flags;
			hash_put(&pot->index, akey, strlen(akey), (void *)(pot->n + 1));
			pot->n++;
		} else {
			e = &pot->v[(size_t)e - 1];
		}
		if (u->comments != NULL && (e->comments.buf == NULL ||
		    strstr(e->comments.buf, u->comments) == NULL)) {
			if (e->comments.len)
				strbuf_putc(&e->comments, '\n');
			strbuf_puts(&e->comments, u->comments);
		}
		char line[24];
		int ll = snprintf(line, sizeof line, ":%lu\n", u->line);
		strbuf_puts(&e->refs, ref);
		strbuf_add(&e->refs, line, (size_t)ll);
	}
	strbuf_release(&kb);
}

po_file_t
pot_to_po(const struct pot *pot, const char *project, time_t date)
{
	po_file_t f = po_file_create();
	po_message_iterator_t it = po_message_iterator(f, NULL);
	po_message_t h = po_message_create();
	char datebuf[64];
	char *header;

	catalog_format_date(date, datebuf, sizeof datebuf);
	header = xasprintf(
	    "Project-Id-Version: %s\n"
	    "Report-Msgid-Bugs-To: \n"
	    "POT-Creation-Date: %s\n"
	    "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
	    "Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
	    "Language-Team: LANGUAGE <LL@li.org>\n"
	    "Language: \n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\n", project, datebuf);
	po_message_set_msgid(h, "");
	po_message_set_msgstr(h, header);
	po_message_set_fuzzy(h, 1);
	po_message_insert(it, h);
	free(header);
	for (size_t i = 0; i < pot->n; i++) {
		const struct pot_entry *e = &pot->v[i];
		po_message_t m = po_message_create();
		if (e->msgctxt != NULL)
			po_message_set_msgctxt(m, e->msgctxt);
		po_message_set_msgid(m, e->msgid);
		po_message_set_msgstr(m, "");
		if (e->comments.len)
			po_message_set_extracted_comments(m, e->comments.buf);
		for (const char *r = e->refs.buf; r != NULL && *r != '\0'; ) {
			const char *nl = strchr(r, '\n');
			const char *colon = memrchr(r, ':', (size_t)(nl - r));
			char *file = xstrndup(r, (size_t)(colon - r));
			po_message_add_filepos(m, file, strtoul(colon + 1, NULL, 10));
			free(file);
			r = nl + 1;
		}
		po_message_insert(it, m);
	}
	po_message_iterator_free(it);
	return f;
}

void
pot_release(struct pot *pot)
{
	for (size_t i = 0; i < pot->n; i++) {
		strbuf_release(&pot->v[i].comments);
		strbuf_release(&pot->v[i].refs);
	}
	free(pot->v);
	hash_release(&pot->index);
	arena_release(&pot->arena);
	memset(pot, 0, sizeof *pot);
}
