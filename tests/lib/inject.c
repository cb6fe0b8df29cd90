/*
 * inject.c - an LD_PRELOAD shim that makes chosen file system calls fail,
 * for the reliability tests (after jq's tests/inject_errors.c).
 *
 *   L10N_INJECT="CALL:ERRNO[:MATCH[:SKIP]]"
 *
 * CALL is write, fsync, close or rename; ERRNO is ENOSPC, EIO, EDQUOT or
 * EROFS.  Only calls on a file whose path contains MATCH (default
 * ".l10n-tmp.", the tool's temp files) fail; for rename, either name.
 * The first SKIP matching calls succeed (default 0).  CALL "shortwrite"
 * writes half of the first matching write and fails the next one, as a
 * disk that fills up in the middle of a file does.  Each failure is
 * logged to L10N_INJECT_LOG when set, so a test can tell the fault was
 * really injected.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char call[32], match[256] = ".l10n-tmp.";
static int err, skip, parsed, shortdone;

static void
parse(void)
{
	const char *s = getenv("L10N_INJECT");
	char buf[512], *f[4] = { 0 };
	int n = 0;

	parsed = 1;
	if (s == NULL || *s == '\0')
		return;
	snprintf(buf, sizeof buf, "%s", s);
	for (char *p = buf; p != NULL && n < 4; n++) {
		f[n] = p;
		p = strchr(p, ':');
		if (p != NULL)
			*p++ = '\0';
	}
	if (f[0] == NULL || f[1] == NULL)
		return;
	snprintf(call, sizeof call, "%s", f[0]);
	err = strcmp(f[1], "ENOSPC") == 0 ? ENOSPC : strcmp(f[1], "EIO") == 0 ? EIO
	    : strcmp(f[1], "EDQUOT") == 0 ? EDQUOT : strcmp(f[1], "EROFS") == 0 ? EROFS : EIO;
	if (f[2] != NULL && *f[2] != '\0')
		snprintf(match, sizeof match, "%s", f[2]);
	if (f[3] != NULL)
		skip = atoi(f[3]);
}

static void
logit(const char *what, const char *path)
{
	const char *log = getenv("L10N_INJECT_LOG");
	int saved = errno;

	if (log != NULL && *log != '\0') {
		FILE *fp = fopen(log, "a");
		if (fp != NULL) {
			fprintf(fp, "%s %s\n", what, path);
			fclose(fp);
		}
	}
	errno = saved;
}

static int
fd_matches(int fd, char *path, size_t len)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, len - 1);
	if (n < 0)
		return 0;
	path[n] = '\0';
	return strstr(path, match) != NULL;
}

/* Should this call fail?  Counts matching calls against SKIP. */
static int
fire(const char *name, int fd, const char *p)
{
	char path[4096];
	int saved = errno;

	if (!parsed)
		parse();
	if (strcmp(call, name) != 0)
		return 0;
	if (p != NULL) {
		if (strstr(p, match) == NULL)
			return 0;
		snprintf(path, sizeof path, "%s", p);
	} else if (!fd_matches(fd, path, sizeof path)) {
		errno = saved;
		return 0;
	}
	errno = saved;
	if (skip > 0) {
		skip--;
		return 0;
	}
	logit(name, path);
	return 1;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (fire("write", fd, NULL)) {
		errno = err;
		return -1;
	}
	if (fire("shortwrite", fd, NULL)) {
		if (!shortdone && n > 1) {
			shortdone = 1;
			return real(fd, buf, n / 2);
		}
		errno = err;
		return -1;
	}
	return real(fd, buf, n);
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	if (fire("fsync", fd, NULL)) {
		errno = err;
		return -1;
	}
	return real(fd);
}

int
close(int fd)
{
	static int (*real)(int);

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "close");
	if (fire("close", fd, NULL)) {
		/* The descriptor is closed all the same, as on Linux. */
		real(fd);
		errno = err;
		return -1;
	}
	return real(fd);
}

int
rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);

	if (real == NULL)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	if (fire("rename", -1, strstr(from, match) != NULL ? from : to)) {
		errno = err;
		return -1;
	}
	return real(from, to);
}
