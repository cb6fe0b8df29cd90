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

/* gettext's writer converts every character with iconv and breaks lines
 * with libunistring: about a second per 10 MB.  Below this many bytes of
 * msgids and msgstrs a single process is as fast. */
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

/* How many shares: 0 for one piece (catalog_render reads it back). */
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
	/* Only processors with nothing to do help: on a busy machine more
	 * shares only add the cost of splitting. */
	double load[1];
	if (getloadavg(load, 1) == 1) {
		double idle = (double)n - load[0];
		n = idle >= 1.5 ? (unsigned)idle : 1;
	}
	return n > MAX_JOBS ? MAX_JOBS : n;
}

/* Make M print nothing: gettext's writer skips an obsolete message
 * whose (first) msgstr is empty. */
static void
hide(po_message_t m)
{
	po_message_set_obsolete(m, 1);
	if (po_message_msgid_plural(m) != NULL)
		po_message_set_msgstr_plural(m, 0, "");
	else
		po_message_set_msgstr(m, "");
}

/* Is SHARE complete, by its WITNESS (the header and the share's last
 * message rendered alone)? */
static int
share_complete(const struct strbuf *share, const struct strbuf *witness)
{
	const char *sep = witness->len ? memmem(witness->buf, witness->len, "\n\n", 2) : NULL;
	size_t head, tail;

	if (sep == NULL)
		return 0;
	head = (size_t)(sep + 1 - witness->buf);
	tail = witness->len - head;
	return tail > 1 && share->len >= head + tail &&
	    memcmp(share->buf, witness->buf, head) == 0 &&
	    memcmp(share->buf + share->len - tail, witness->buf + head, tail) == 0;
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
			for (size_t i = 0; i < n; i++)
				if (i < from[k] || i >= from[k + 1])
					hide(msg[i]);
			snprintf(path, sizeof path, "/proc/self/fd/%d", fd[k]);
			if (po_file_write(file, path, &child_handler) == NULL)
				_exit(1);
			if (from[k] == from[k + 1])
				_exit(0);
			for (size_t i = from[k]; i + 1 < from[k + 1]; i++)
				hide(msg[i]);
			snprintf(path, sizeof path, "/proc/self/fd/%d", wfd[k]);
			_exit(po_file_write(file, path, &child_handler) != NULL ? 0 : 1);
		}
		started++;
	}
	for (unsigned k = 0; k < started; k++) {
		if (spawn_wait(pid[k], NULL) != 0)
			ok = 0;
	}
	if (ok) {
		struct strbuf share = STRBUF_INIT, witness = STRBUF_INIT;
		strbuf_reset(sb);
		for (unsigned k = 0; k < jobs && ok; k++) {
			if (read_fd_all(fd[k], &share) < 0 || read_fd_all(wfd[k], &witness) < 0 ||
			    (from[k] < from[k + 1] && !share_complete(&share, &witness))) {
				ok = 0;
				break;
			}
			if (k == 0) {
				strbuf_add(sb, share.buf, share.len);
				continue;
			}
			/* After the header: a blank line, then the share's messages. */
			const char *sep = share.len ? memmem(share.buf, share.len, "\n\n", 2) : NULL;
			if (sep != NULL)
				strbuf_add(sb, sep + 1, share.len - (size_t)(sep + 1 - share.buf));
		}
		strbuf_release(&share);
		strbuf_release(&witness);
	}
	for (unsigned k = 0; k < jobs; k++) {
		if (fd[k] >= 0)
			close(fd[k]);
		if (wfd[k] >= 0)
			close(wfd[k]);
	}
	free(msg);
	return ok ? 0 : -1;
}
