/* catalog-render.c - a large catalog rendered by gettext's writer in
 * parallel processes, each writing the header and its share of the
 * messages; the shares joined are the bytes one po_file_write() writes.
 *
 * po_file_write reports success whatever happened to its writes, so each
 * share is checked complete: its process also renders a witness, the
 * header and the share's last message alone, and the share must begin
 * with the witness's header and end with its message.  A write cut short
 * (the failure seen: a file size limit) leaves a prefix, which cannot end
 * with the last message.  This costs one message per share instead of
 * reading the whole catalog back. */
#define _GNU_SOURCE
#include "catalog.h"
#include "fsutil.h"
#include "spawn.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* gettext's writer breaks lines with libunistring and writes through
 * small fwrite()s: about 0.15 s for the report's 3.4 MB template.  Below
 * this many bytes of msgids and msgstrs a single process is as fast. */
#define SHARES_MIN_BYTES (256 * 1024)
#define MAX_JOBS 8

static void
child_xerror(int severity, po_message_t message, const char *filename,
    size_t lineno, size_t column, int multiline_p, const char *message_text)
{
	(void)message;
	(void)filename;
	(void)lineno;
	(void)column;
	(void)multiline_p;
	(void)message_text;
	/* The parent renders again in one piece, and reports. */
	if (severity != PO_SEVERITY_WARNING)
		_exit(1);
}

static void
child_xerror2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1,
    int ml1, const char *t1, po_message_t m2, const char *f2, size_t l2,
    size_t c2, int ml2, const char *t2)
{
	(void)m2;
	(void)f2;
	(void)l2;
	(void)c2;
	(void)ml2;
	(void)t2;
	child_xerror(severity, m1, f1, l1, c1, ml1, t1);
}

static const struct po_xerror_handler child_handler = { child_xerror, child_xerror2 };

/* How many shares: 0 for one piece (catalog_render reads it back).  One
 * per processor, and per SHARES_MIN_BYTES: a share costs its process
 * little more than its messages (the report's template: 0.42-0.46 s of
 * processor time in one share, 0.41-0.43 s in two), so shares are not
 * held back on a busy machine. */
static unsigned
jobs_wanted(size_t bytes)
{
	const char *env = getenv("L10N_RENDER_JOBS");
	cpu_set_t set;
	unsigned n = 1;

	if (env != NULL && *env != '\0') {
		n = (unsigned)strtoul(env, NULL, 10);
		return n > MAX_JOBS ? MAX_JOBS : n;
	}
	if (bytes < SHARES_MIN_BYTES)
		return 0;
	if (sched_getaffinity(0, sizeof set, &set) == 0)
		n = (unsigned)CPU_COUNT(&set);
	if (n > bytes / SHARES_MIN_BYTES)
		n = (unsigned)(bytes / SHARES_MIN_BYTES);
	return n > MAX_JOBS ? MAX_JOBS : n < 1 ? 1 : n;
}

/* A new file of HEAD and MSG[FROM..TO), in DOMAIN: the same messages,
 * not copies, for a child process that writes it and exits.  Inserting
 * a message reads it only, so the parent's pages holding the other
 * messages are not copied (hiding them in the file, as this did before,
 * wrote to every message).  The file is kept where the child's leak
 * check sees them reachable; freeing one would free the messages too. */
static po_file_t volatile child_files[2];

static po_file_t
share_file(int slot, const char *domain, po_message_t head, po_message_t *msg, size_t from,
    size_t to)
{
	po_file_t f = po_file_create();
	po_message_iterator_t it = po_message_iterator(f, domain);

	po_message_insert(it, head);
	for (size_t i = from; i < to; i++)
		po_message_insert(it, msg[i]);
	po_message_iterator_free(it);
	return child_files[slot] = f;
}

/* The shares joined into SB, each read once, in place: the first whole,
 * the others after their header.  Each must be complete by its witness
 * (the header and the share's last message rendered alone): begin with
 * the witness's header and end with its message. */
static int
join_shares(const int *fd, const int *wfd, const size_t *from, unsigned jobs, struct strbuf *sb)
{
	struct strbuf witness = STRBUF_INIT;
	off_t size[MAX_JOBS];
	size_t total = 0;
	int ok = 1;

	for (unsigned k = 0; k < jobs; k++) {
		size[k] = lseek(fd[k], 0, SEEK_END);
		if (size[k] < 0)
			return -1;
		total += (size_t)size[k];
	}
	strbuf_reset(sb);
	strbuf_grow(sb, total);
	for (unsigned k = 0; k < jobs && ok; k++) {
		size_t len = (size_t)size[k], head, tail, rest;
		char *at = sb->buf + sb->len;
		const char *sep;
		if (from[k] == from[k + 1]) {
			/* An empty share: the header alone, which only the
			 * first one gives. */
			if (k == 0) {
				ok = pread(fd[k], at, len, 0) == (ssize_t)len;
				sb->len += ok ? len : 0;
			}
			continue;
		}
		ok = 0;
		if (read_fd_all(wfd[k], &witness) < 0 ||
		    (sep = memmem(witness.buf, witness.len, "\n\n", 2)) == NULL)
			break;
		head = (size_t)(sep + 1 - witness.buf);
		tail = witness.len - head;
		if (tail <= 1 || len < head + tail)
			break;
		/* The share's header is read where it goes (the first
		 * share) or where the share's messages then go. */
		if (pread(fd[k], at, head, 0) != (ssize_t)head || memcmp(at, witness.buf, head) != 0)
			break;
		if (k == 0) {
			at += head;
			sb->len += head;
		}
		rest = len - head;
		if (pread(fd[k], at, rest, (off_t)head) != (ssize_t)rest)
			break;
		sb->len += rest;
		ok = memcmp(sb->buf + sb->len - tail, witness.buf + head, tail) == 0;
	}
	sb->buf[sb->len] = '\0';
	strbuf_release(&witness);
	return ok ? 0 : -1;
}

int
catalog_render_parallel(po_file_t file, struct strbuf *sb)
{
	const char *const *domains = po_file_domains(file);
	po_message_t *msg = NULL, head = NULL;
	size_t n = 0, cap = 0, bytes = 0;
	int fd[MAX_JOBS], wfd[MAX_JOBS];
	pid_t pid[MAX_JOBS];
	size_t from[MAX_JOBS + 1];
	unsigned jobs, started = 0;
	int ok = 1;

	if (domains == NULL || domains[0] == NULL || domains[1] != NULL)
		return -1;
	/* The messages in the order the writer prints them: the first
	 * non-obsolete one (the header) in every share, the other
	 * non-obsolete ones, then the obsolete ones it prints. */
	for (int pass = 0; pass < 2; pass++) {
		po_message_iterator_t it = po_message_iterator(file, NULL);
		po_message_t m;
		while ((m = po_next_message(it)) != NULL) {
			const char *str = po_message_msgid_plural(m) ? po_message_msgstr_plural(m, 0)
			    : po_message_msgstr(m);
			if (po_message_is_obsolete(m) != pass)
				continue;
			if (pass == 1 && (str == NULL || str[0] == '\0'))
				continue;
			if (pass == 0 && head == NULL) {
				head = m;
				continue;
			}
			msg = xgrow(msg, &cap, n + 1, sizeof *msg);
			msg[n++] = m;
			bytes += strlen(po_message_msgid(m)) + (str ? strlen(str) : 0) + 64;
		}
		po_message_iterator_free(it);
	}
	jobs = jobs_wanted(bytes);
	if (head == NULL || jobs < 1 || n < jobs) {
		free(msg);
		return -1;
	}

	/* Shares of about the same size, in print order. */
	size_t acc = 0, j = 1;
	from[0] = 0;
	for (size_t i = 0; i < n && j < jobs; i++) {
		const char *str = po_message_msgid_plural(msg[i]) ? po_message_msgstr_plural(msg[i], 0)
		    : po_message_msgstr(msg[i]);
		acc += strlen(po_message_msgid(msg[i])) + (str ? strlen(str) : 0) + 64;
		if (acc * jobs >= bytes * j)
			from[j++] = i + 1;
	}
	while (j <= jobs)
		from[j++] = n;

	for (unsigned k = 0; k < jobs; k++)
		fd[k] = wfd[k] = -1;
	fflush(NULL);
	for (unsigned k = 0; k < jobs; k++) {
		fd[k] = memfd_create("l10n-po-share", MFD_CLOEXEC);
		wfd[k] = memfd_create("l10n-po-witness", MFD_CLOEXEC);
		if (fd[k] < 0 || wfd[k] < 0) {
			ok = 0;
			break;
		}
		pid[k] = fork();
		if (pid[k] < 0) {
			ok = 0;
			break;
		}
		if (pid[k] == 0) {
			char path[64];
			snprintf(path, sizeof path, "/proc/self/fd/%d", fd[k]);
			if (po_file_write(share_file(0, domains[0], head, msg, from[k], from[k + 1]),
			    path, &child_handler) == NULL)
				_exit(1);
			if (from[k] == from[k + 1])
				_exit(0);
			snprintf(path, sizeof path, "/proc/self/fd/%d", wfd[k]);
			_exit(po_file_write(share_file(1, domains[0], head, msg,
			    from[k + 1] - 1, from[k + 1]), path, &child_handler) != NULL ? 0 : 1);
		}
		started++;
	}
	for (unsigned k = 0; k < started; k++) {
		if (spawn_wait(pid[k], NULL) != 0)
			ok = 0;
	}
	if (ok)
		ok = join_shares(fd, wfd, from, jobs, sb) == 0;
	for (unsigned k = 0; k < jobs; k++) {
		if (fd[k] >= 0)
			close(fd[k]);
		if (wfd[k] >= 0)
			close(wfd[k]);
	}
	free(msg);
	return ok ? 0 : -1;
}
