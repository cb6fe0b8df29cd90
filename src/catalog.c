/* catalog.c - reading and writing PO files with libgettextpo. */
#define _GNU_SOURCE
#include "catalog.h"

#include <errno.h>
#include <malloc.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsutil.h"
#include "spawn.h"

/*
 * How a PO file is read.  libgettextpo reports through a handler that must
 * not return on fatal errors (returning crashed po_file_write), and on
 * out of memory it calls exit(1) from its xmalloc: no handler is asked.
 * So every catalog is first read by libgettextpo in a forked child
 * (probe_in_child), under a memory limit, with its diagnostics sent back
 * as records.  Only when the child finished normally does this process
 * read the same bytes itself (libgettextpo is deterministic for the same
 * bytes, so the fatal paths the child survived cannot be taken here);
 * when the child died, its diagnostics are replayed, one more names the
 * cause, and the catalog is not used.  The fatal handler still jumps back
 * (longjmp) instead of returning, as a second line.
 */
struct po_state {
	struct diag *d;
	const char *path;
	const char *open_path;		/* what libgettextpo was given */
	int errors;
	int fatal;
	int record_fd;			/* in the child: where diagnostics go */
	jmp_buf jb;
};

static _Thread_local struct po_state *current_po;

/* Set by the fuzz targets, whose coverage a child process would hide. */
static int in_process_only;

void
catalog_set_in_process(int on)
{
	in_process_only = on;
}

/*
 * Every catalog this program reads is UTF-8, or it is refused: read_as()
 * validates the UTF-8 of the bytes itself (precheck()) and
 * catalog_finish() refuses any other charset.  Every catalog it writes is
 * UTF-8 too, from those catalogs and from libxml2's strings.  For UTF-8,
 * libgettextpo's reader and writer convert every character, ASCII
 * included, with iconv() only to find where a multibyte character ends,
 * which in UTF-8 no byte of another character can be mistaken for.
 * gettext's OLD_PO_FILE_INPUT and OLD_PO_FILE_OUTPUT switches skip that
 * (they exist for CJK encodings whose second byte can be 0x5C, which are
 * refused here).  The strings read and the bytes written are the same;
 * reading the report's catalog and writing its template take 0.15 s less
 * each (about a quarter), and the programs this one runs (msgmerge,
 * msginit) inherit the switches, with the same effect.  What libgettextpo
 * no longer reports, invalid UTF-8, precheck() reports, with its line;
 * the columns of its syntax errors count bytes instead of display columns
 * (a Chinese character: 3 instead of 2).  Whoever sets either variable,
 * even empty, decides instead.
 */
void
catalog_init(void)
{
	setenv("OLD_PO_FILE_INPUT", "1", 0);
	setenv("OLD_PO_FILE_OUTPUT", "1", 0);
}

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
	if (ps->record_fd >= 0) {
		/* In the probe child: "severity line col text" per line. */
		char rec[1200];
		int rn = snprintf(rec, sizeof rec, "%d %lu %lu %s\n", severity,
		    lineno == (size_t)-1 ? 0ul : (unsigned long)lineno,
		    column == (size_t)-1 ? 0ul : (unsigned long)column + 1, msg);
		if (rn > 0 && write(ps->record_fd, rec, (size_t)rn < sizeof rec ? (size_t)rn : sizeof rec - 1) < 0)
			_exit(4);
	} else
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
	(void)ml1;
	(void)ml2;
	(void)f2;
	(void)c2;
	char buf[1024];
	/* "duplicate message definition" + "this is the location of the
	 * first definition": one line that names both places (libgettextpo
	 * 0.21 gives no line for the second). */
	if (l2 != (size_t)-1 && l2 != 0)
		snprintf(buf, sizeof buf, "%s (line %lu: %s)", t1 ? t1 : "",
		    (unsigned long)l2, t2 ? t2 : "");
	else if (m2 != NULL)
		snprintf(buf, sizeof buf, "%s (defined earlier in the file)", t1 ? t1 : "");
	else
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
		diag(d, DIAG_PO_EMPTY, path, 1, 0);
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

/* The memory the probe child may use: L10N_PO_MEMORY_LIMIT bytes, else
 * 1 GiB plus 32 times the file.  (Not under AddressSanitizer, whose
 * shadow memory counts against RLIMIT_DATA.) */
static void
limit_child_memory(size_t input)
{
#ifndef L10N_ASAN
	const char *s = getenv("L10N_PO_MEMORY_LIMIT");
	unsigned long long lim = (1ull << 30) + 32ull * input;
	struct rlimit rl;

	if (s != NULL && *s != '\0')
		lim = strtoull(s, NULL, 10);
	rl.rlim_cur = rl.rlim_max = (rlim_t)lim;
	/* Memory already mapped does not count against a new limit: the free
	 * top of the heap, which main() set aside for huge pages
	 * (heap_huge()), is given back first, so that the limit holds.  The
	 * reading may then grow the heap in huge pages again, within it. */
	malloc_trim(0);
	setrlimit(RLIMIT_DATA, &rl);
	heap_huge(4 * input);
#else
	(void)input;
#endif
}

/* Replay the child's diagnostic records ("severity line col text"). */
static int
replay(struct diag *d, const char *path, int fd)
{
	struct strbuf sb = STRBUF_INIT;
	int errors = 0;

	if (read_fd_all(fd, &sb) < 0)
		strbuf_reset(&sb);
	for (char *p = sb.buf, *nl; p != NULL && *p != '\0'; p = nl + 1) {
		int sev, off = 0;
		unsigned long line, col;
		nl = strchr(p, '\n');
		if (nl == NULL)
			break;
		*nl = '\0';
		if (sscanf(p, "%d %lu %lu %n", &sev, &line, &col, &off) < 3 || off == 0)
			continue;
		diag(d, sev == PO_SEVERITY_WARNING ? DIAG_PO_WARNING : DIAG_PO_ERROR,
		    path, line, col, p + off);
		if (sev != PO_SEVERITY_WARNING)
			errors++;
	}
	strbuf_release(&sb);
	return errors;
}

/* What a child process does with libgettextpo (po_file_read or
 * po_file_write); 0 on success. */
typedef int child_work(struct po_state *ps, void *arg);

/* Run WORK in a child process, under the memory limit for an input of LEN
 * bytes, with libgettextpo's diagnostics recorded.  Returns 0 when the
 * child finished normally, else -1 after its diagnostics and one naming
 * the cause (WHAT: "reading", "writing"), with *errors counting them. */
static int
in_child(struct diag *d, const char *open_path, const char *path, size_t len,
    const char *what, child_work *work, void *arg, int *errors)
{
	int fd = memfd_create("l10n-po-diag", MFD_CLOEXEC), status;
	pid_t pid;

	if (fd < 0) {
		diag(d, DIAG_PO_CHILD, NULL, 0, 0, path, strerror(errno));
		(*errors)++;
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		diag(d, DIAG_PO_CHILD, NULL, 0, 0, path, strerror(errno));
		close(fd);
		(*errors)++;
		return -1;
	}
	if (pid == 0) {
		struct po_state ps;
		volatile int r = -1;

		/* A crash ends the child by its signal, whatever handlers the
		 * parent had (a fuzzer's or a sanitizer's would report the
		 * parent's input as a crash). */
		static const int fatal_signals[] = { SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE };
		for (size_t i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++)
			signal(fatal_signals[i], SIG_DFL);
		limit_child_memory(len);
		if (getenv("L10N_PO_TIME_LIMIT") != NULL)
			alarm((unsigned)strtoul(getenv("L10N_PO_TIME_LIMIT"), NULL, 10));
		else
			alarm(600);
		memset(&ps, 0, sizeof ps);
		ps.d = d;
		ps.path = path;
		ps.open_path = open_path;
		ps.record_fd = fd;
		current_po = &ps;
		if (setjmp(ps.jb) == 0)
			r = work(&ps, arg);
		current_po = NULL;
		/* _exit: no atexit handlers, no stdio flushes of the parent's
		 * buffers. */
		_exit(ps.fatal || r != 0 ? 3 : 0);
	}
	(void)spawn_wait(pid, &status);
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		close(fd);
		return 0;
	}
	*errors += replay(d, path, fd);
	close(fd);
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 3) {
		/* libgettextpo's fatal handler was called: already reported. */
		if (*errors == 0) {
			diag(d, DIAG_PO_UNREADABLE, NULL, 0, 0, path);
			(*errors)++;
		}
	} else if (status != -1 && WIFEXITED(status)) {
		diag(d, DIAG_PO_READER_EXIT, path, 0, 0, what, WEXITSTATUS(status));
		(*errors)++;
	} else if (status != -1 && WIFSIGNALED(status)) {
		diag(d, DIAG_PO_READER_SIGNAL, path, 0, 0, what, strsignal(WTERMSIG(status)));
		(*errors)++;
	} else {
		diag(d, DIAG_PO_CHILD, NULL, 0, 0, path, strerror(errno));
		(*errors)++;
	}
	return -1;
}

static int
read_work(struct po_state *ps, void *arg)
{
	po_file_t file;

	(void)arg;
	file = po_file_read(ps->open_path, &handler);
	if (file == NULL)
		return -1;
	po_file_free(file);
	return 0;
}

/* Read OPEN_PATH (LEN bytes) with libgettextpo in a child process.
 * Returns 0 when the child finished (the caller may read it itself),
 * else -1 after diagnostics, with *errors counting them. */
static int
probe_in_child(struct diag *d, const char *open_path, const char *path,
    size_t len, int *errors)
{
	return in_child(d, open_path, path, len, "reading", read_work, NULL, errors);
}

static int read_as(struct diag *d, const char *open_path, const struct strbuf *sb,
    const char *path, struct catalog *cat, int digest);

/* po_message_comments() and po_message_extracted_comments() return a new
 * string joined with string_list_join() whenever there is a comment, and
 * a literal "" otherwise ("FIXME: memory leak" in libgettextpo 0.21, the
 * Debian 12 version): copy into the arena, free theirs. */
static const char *
owned_comments(struct arena *a, const char *c)
{
	const char *r;

	if (c == NULL || c[0] == '\0')
		return "";
	r = arena_strdup(a, c);
	free((char *)c);
	return r;
}

/* Every plural entry must have as many msgstr[N] as the header's
 * nplurals (libgettextpo reads any number silently; msgfmt would refuse
 * the file, and a missing form shows the source text to some readers). */
int
catalog_check_plurals(struct diag *d, struct catalog *cat)
{
	int before = cat->errors;
	char *pf = catalog_header_field(cat, "Plural-Forms");
	const char *np = pf ? strstr(pf, "nplurals=") : NULL;
	long nplurals = -1;

	if (np != NULL) {
		char *end;
		nplurals = strtol(np + 9, &end, 10);
		if (end == np + 9 || nplurals < 1 || nplurals > 6)
			nplurals = -1;
	}
	for (size_t i = 0; i < cat->n; i++) {
		const struct catalog_entry *e = &cat->v[i];
		long k = 0;
		if (e->obsolete || e->msgid_plural == NULL)
			continue;
		if (nplurals < 0) {
			diag(d, DIAG_PO_NO_PLURAL_FORMS, cat->path, e->line, 0);
			cat->errors++;
			break;
		}
		while (k <= 100 && po_message_msgstr_plural(e->msg, (int)k) != NULL)
			k++;
		if (k != nplurals) {
			diag(d, DIAG_PO_PLURAL_COUNT, cat->path, e->line, 0, k, nplurals);
			cat->errors++;
		}
	}
	free(pf);
	return cat->errors - before;
}

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

static int
read_text(struct diag *d, const char *text, size_t len, const char *path,
    struct catalog *cat, int digest);

static int
read_path(struct diag *d, const char *path, struct catalog *cat, int digest)
{
	struct strbuf sb = STRBUF_INIT;
	int r;

	/* The bytes are read once; the checks, the probe child and
	 * libgettextpo all see these same bytes (through a memory file). */
	if (read_file(d, path, fs_input_limit(), &sb) < 0) {
		memset(cat, 0, sizeof *cat);
		cat->path = xstrdup(path);
		cat->errors = 1;
		strbuf_release(&sb);
		return -1;
	}
	r = read_text(d, sb.buf ? sb.buf : "", sb.len, path, cat, digest);
	strbuf_release(&sb);
	return r;
}

static int
read_text(struct diag *d, const char *text, size_t len, const char *path,
    struct catalog *cat, int digest)
{
	char name[64];
	int fd = memfd_create("l10n-po", MFD_CLOEXEC), r;
	size_t done = 0;

	if (fd < 0) {
		memset(cat, 0, sizeof *cat);
		cat->path = xstrdup(path);
		cat->errors = 1;
		diag(d, DIAG_READ, NULL, 0, 0, path, strerror(errno));
		return -1;
	}
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			memset(cat, 0, sizeof *cat);
			cat->path = xstrdup(path);
			cat->errors = 1;
			diag(d, DIAG_READ, NULL, 0, 0, path, strerror(n < 0 ? errno : EIO));
			return -1;
		}
		done += (size_t)n;
	}
	snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
	/* A view: the bytes are TEXT's, not necessarily NUL-terminated;
	 * nothing below reads past LEN. */
	struct strbuf view = { (char *)text, len, 0 };
	r = read_as(d, name, &view, path, cat, digest);
	close(fd);
	return r;
}

int
catalog_read(struct diag *d, const char *path, struct catalog *cat)
{
	return read_path(d, path, cat, 0);
}

int
catalog_read_digested(struct diag *d, const char *path, struct catalog *cat)
{
	return read_path(d, path, cat, 1);
}

int
catalog_read_text(struct diag *d, const char *text, size_t len,
    const char *path, struct catalog *cat)
{
	return read_text(d, text, len, path, cat, 0);
}

int
catalog_read_text_digested(struct diag *d, const char *text, size_t len,
    const char *path, struct catalog *cat)
{
	return read_text(d, text, len, path, cat, 1);
}

int
catalog_read_text_disposable(struct diag *d, const char *text, size_t len,
    const char *path, struct catalog *cat)
{
	int saved = in_process_only, r;

	limit_child_memory(len);
	in_process_only = 1;
	r = read_text(d, text, len, path, cat, 0);
	in_process_only = saved;
	return r;
}

/* CAT's entries from the messages of FILE, read from the bytes SB. */
static void
fill_entries(struct catalog *cat, po_file_t file, const struct strbuf *sb)
{
	struct linemap lm;
	size_t k = 0;

	map_lines(sb, &lm);
	const char *const *domains = po_file_domains(file);
	cat->other_domains = domains == NULL || domains[0] == NULL || domains[1] != NULL ||
	    strcmp(domains[0], "messages") != 0;
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
		e->comments = owned_comments(&cat->arena, po_message_comments(m));
		e->extracted = owned_comments(&cat->arena, po_message_extracted_comments(m));
		e->prev_msgid = po_message_prev_msgid(m);
		e->prev_msgctxt = po_message_prev_msgctxt(m);
		e->prev_msgid_plural = po_message_prev_msgid_plural(m);
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
}

/* What the reading child does for catalog_read_lookup(): read the
 * catalog, and when libgettextpo said nothing about it and it has no
 * plural messages, write its digest to the memory file *ARG names. */
struct digest_job {
	const struct strbuf *text;
	int fd;
};

static int
digest_work(struct po_state *ps, void *arg)
{
	struct digest_job *job = arg;
	struct strbuf sb = STRBUF_INIT;
	struct catalog cat;
	po_file_t file;
	int plural = 0;

	file = po_file_read(ps->open_path, &handler);
	if (file == NULL)
		return -1;
	memset(&cat, 0, sizeof cat);
	if (ps->errors == 0 && lseek(ps->record_fd, 0, SEEK_END) == 0) {
		fill_entries(&cat, file, job->text);
		for (size_t i = 0; i < cat.n; i++)
			plural |= cat.v[i].msgid_plural != NULL;
		if (!plural)
			catalog_digest_render(&cat, &sb);
	}
	for (size_t done = 0; done < sb.len; ) {
		ssize_t n = write(job->fd, sb.buf + done, sb.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* The parent reads the catalog itself. */
			if (ftruncate(job->fd, 0) < 0)
				break;
			break;
		}
		done += (size_t)n;
	}
	/* Freed although the child exits: valgrind's leak check (make
	 * leakcheck, L10N_WRAPPER) would fail the child otherwise. */
	strbuf_release(&sb);
	free(cat.v);
	arena_release(&cat.arena);
	po_file_free(file);
	return 0;
}

/* Read CAT from SB, the bytes OPEN_PATH names (a memory file holding
 * them, for libgettextpo), borrowed for the call. */
static int
read_as(struct diag *d, const char *open_path, const struct strbuf *sb, const char *path,
    struct catalog *cat, int digest)
{
	struct po_state ps;
	po_file_t file;
	int errors = 0;

	memset(cat, 0, sizeof *cat);
	cat->path = xstrdup(path);
	precheck(d, path, sb, &errors);
	if (errors && (sb->len == 0 || memchr(sb->buf, '\0', sb->len) != NULL)) {
		/* libgettextpo would read a truncated or empty catalog as valid. */
		cat->errors = errors;
		return -1;
	}
	if (!in_process_only && digest && errors == 0) {
		struct digest_job job = { sb, memfd_create("l10n-po-digest", MFD_CLOEXEC) };
		if (job.fd >= 0) {
			struct strbuf dg = STRBUF_INIT;
			int r = in_child(d, open_path, path, sb->len, "reading", digest_work, &job,
			    &errors);
			if (r < 0) {
				close(job.fd);
				cat->errors = errors ? errors : 1;
				return -1;
			}
			if (read_fd_all(job.fd, &dg) < 0)
				strbuf_reset(&dg);
			close(job.fd);
			if (dg.len > 0 && catalog_digest_load(cat, &dg) == 0) {
				strbuf_release(&dg);
				catalog_finish(d, cat);
				return 0;
			}
			strbuf_release(&dg);
			/* Read here, as when there is no digest; the child
			 * already showed that this process can. */
			goto read_here;
		}
	}
	if (!in_process_only && probe_in_child(d, open_path, path, sb->len, &errors) < 0) {
		cat->errors = errors ? errors : 1;
		return -1;
	}
read_here:
	ps.d = d;
	ps.path = path;
	ps.open_path = open_path;
	ps.errors = 0;
	ps.fatal = 0;
	ps.record_fd = -1;
	file = guarded_read(&ps, open_path);
	if (file == NULL) {
		if (!ps.errors)
			diag(d, DIAG_PO_UNREADABLE, NULL, 0, 0, path);
		cat->errors = errors + ps.errors + 1;
		return -1;
	}
	cat->file = file;
	cat->errors = errors + ps.errors;
	fill_entries(cat, file, sb);
	catalog_finish(d, cat);
	return 0;
}

void
catalog_finish(struct diag *d, struct catalog *cat)
{
	const char *path = cat->path;

	for (size_t i = 0; i < cat->n; i++) {
		const struct catalog_entry *e = &cat->v[i];
		if (!e->obsolete && e->msgctxt == NULL && e->msgid[0] == '\0')
			cat->header = e->msgstr;
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

/* The index of CAT's non-obsolete entries but the header. */
static void
build_index(struct catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++) {
		struct catalog_entry *e = &cat->v[i];
		if (e->obsolete || (e->msgctxt == NULL && e->msgid[0] == '\0'))
			continue;
		/* msgctxt \004 msgid, built without printf (20,000 entries). */
		size_t cl = e->msgctxt ? strlen(e->msgctxt) : 0, il = strlen(e->msgid);
		char *akey = arena_alloc(&cat->arena, cl + il + 2);
		memcpy(akey, e->msgctxt ? e->msgctxt : "", cl);
		akey[cl] = '\004';
		memcpy(akey + cl + 1, e->msgid, il + 1);
		hash_put(&cat->index, akey, cl + il + 1, e);
	}
	cat->indexed = 1;
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
	/* The index is the catalog's cache, built once: the catalog itself
	 * is not const where it was read. */
	if (!cat->indexed)
		build_index((struct catalog *)cat);
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

static int
write_work(struct po_state *ps, void *arg)
{
	return po_file_write((po_file_t)arg, ps->open_path, &handler) != NULL &&
	    ps->errors == 0 ? 0 : -1;
}

/* po_file_write reports success whatever happened to its writes, so what
 * it rendered is read back (in a child, as every catalog) and must hold
 * every message of FILE before it may replace anything. */
static int
verify_render(struct diag *d, po_file_t file, const struct strbuf *sb, const char *path)
{
	struct diag quiet;
	struct catalog back;
	size_t want = 0;
	int ok;

	po_message_iterator_t it = po_message_iterator(file, NULL);
	while (po_next_message(it) != NULL)
		want++;
	po_message_iterator_free(it);
	diag_init(&quiet);
	quiet.out = NULL;
	ok = catalog_read_text(&quiet, sb->buf ? sb->buf : "", sb->len, path, &back) == 0 &&
	    back.n == want && (sb->len == 0 || sb->buf[sb->len - 1] == '\n');
	catalog_release(&back);
	if (!ok)
		diag(d, DIAG_PO_RENDER, NULL, 0, 0, path);
	return ok ? 0 : -1;
}

/* po_file_write runs in a child too: it aborts on some catalogs that
 * po_file_read accepted with errors (found by fuzz-po), and it hides
 * failed writes: what it rendered in one piece is read back (see
 * verify_render); shares are checked by catalog_render_parallel. */
int
catalog_render(struct diag *d, po_file_t file, struct strbuf *sb, const char *path)
{
	char mpath[64];
	int fd, errors = 0;

	if (catalog_render_parallel(file, sb) == 0)
		return 0;
	fd = memfd_create("l10n-po", MFD_CLOEXEC);
	if (fd < 0) {
		diag(d, DIAG_WRITE, NULL, 0, 0, "memory file", strerror(errno));
		return -1;
	}
	snprintf(mpath, sizeof mpath, "/proc/self/fd/%d", fd);
	if (in_child(d, mpath, "catalog", 0, "writing", write_work, file, &errors) < 0) {
		close(fd);
		return -1;
	}
	if (read_fd_all(fd, sb) < 0) {
		diag(d, DIAG_READ, NULL, 0, 0, "memory file", strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return verify_render(d, file, sb, path);
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

	if (catalog_render(d, file, &sb, path) < 0) {
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
	/* Only digits: strtoll would also take " 12" and "+12". */
	if (errno != 0 || *end != '\0' || v < 0 || end == s || s[0] < '0' || s[0] > '9') {
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
