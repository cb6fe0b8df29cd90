/* fsutil.c - whole-file reads with a cap, atomic writes, folders. */
#define _GNU_SOURCE
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMP_PREFIX ".l10n-tmp."

size_t
fs_input_limit(void)
{
	const char *s = getenv("L10N_MAX_INPUT");
	char *end;
	unsigned long long v;

	if (s != NULL && *s != '\0') {
		v = strtoull(s, &end, 10);
		if (*end == '\0' && v > 0)
			return (size_t)v;
	}
	return (size_t)64 << 20;
}

int
read_fd_all(int fd, struct strbuf *sb)
{
	off_t size = lseek(fd, 0, SEEK_END);

	strbuf_reset(sb);
	if (size < 0)
		return -1;
	strbuf_grow(sb, (size_t)size);
	if (size > 0 && pread(fd, sb->buf, (size_t)size, 0) != size)
		return -1;
	sb->len = (size_t)size;
	sb->buf[sb->len] = '\0';
	return 0;
}

int
read_file(struct diag *d, const char *path, size_t limit, struct strbuf *sb)
{
	int fd, err;
	ssize_t n;

	if (strcmp(path, "-") == 0)
		fd = 0;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		diag(d, DIAG_OPEN, NULL, 0, 0, path, strerror(errno));
		return -1;
	}
	strbuf_reset(sb);
	/* A regular file is read into a buffer of its size (a document's
	 * buffer is half the peak memory of parsing it). */
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (size_t)st.st_size <= limit) {
		strbuf_grow(sb, (size_t)st.st_size + 1);
		if (st.st_size >= (1 << 20))
			mem_prefault(sb->buf, (size_t)st.st_size);
	}
	for (;;) {
		if (sb->cap == 0 || sb->cap - sb->len - 1 == 0)
			strbuf_grow(sb, 65536);
		n = read(fd, sb->buf + sb->len, sb->cap - sb->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			if (fd != 0)
				close(fd);
			diag(d, DIAG_READ, NULL, 0, 0, path, strerror(err));
			return -1;
		}
		if (n == 0)
			break;
		sb->len += (size_t)n;
		sb->buf[sb->len] = '\0';
		if (sb->len > limit) {
			if (fd != 0)
				close(fd);
			diag(d, DIAG_TOO_BIG, NULL, 0, 0, path, limit);
			return -1;
		}
	}
	if (fd != 0)
		close(fd);
	return 0;
}

int
file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
make_dirs(struct diag *d, const char *dir)
{
	char *p = xstrdup(dir), *s;
	struct stat st;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			diag(d, DIAG_MKDIR, NULL, 0, 0, p, strerror(errno));
			free(p);
			return -1;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (stat(p, &st) < 0 || !S_ISDIR(st.st_mode)) {
		diag(d, DIAG_MKDIR, NULL, 0, 0, p, strerror(ENOTDIR));
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

int
make_parent_dirs(struct diag *d, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int r;

	if (slash == NULL || slash == path)
		return 0;
	dir = xstrndup(path, (size_t)(slash - path));
	r = make_dirs(d, dir);
	free(dir);
	return r;
}

char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
atomic_open(struct diag *d, struct atomic_file *af, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir;
	int fd;

	af->path = NULL;
	af->tmp = NULL;
	af->fd = -1;
	af->err = 0;
	if (make_parent_dirs(d, path) < 0)
		return -1;
	dir = dir_of(path);
	af->tmp = xasprintf("%s/" TEMP_PREFIX "%ld.%s.XXXXXX", dir,
	    (long)getpid(), base);
	free(dir);
	fd = mkostemp(af->tmp, O_CLOEXEC);
	if (fd < 0) {
		diag(d, DIAG_WRITE, NULL, 0, 0, path, strerror(errno));
		free(af->tmp);
		af->tmp = NULL;
		return -1;
	}
	/* mkostemp gives 0600; outputs are meant to be published. */
	if (fchmod(fd, 0644) < 0) {
		diag(d, DIAG_WRITE, NULL, 0, 0, path, strerror(errno));
		close(fd);
		unlink(af->tmp);
		free(af->tmp);
		af->tmp = NULL;
		return -1;
	}
	af->fd = fd;
	af->path = xstrdup(path);
	return 0;
}

void
atomic_write(struct atomic_file *af, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0 && af->err == 0) {
		ssize_t n = write(af->fd, p, len);
		if (n < 0) {
			if (errno != EINTR)
				af->err = errno;
			continue;
		}
		if (n == 0) {
			af->err = EIO;
			continue;
		}
		p += n;
		len -= (size_t)n;
	}
}

void
atomic_abort(struct atomic_file *af)
{
	if (af->fd >= 0)
		close(af->fd);
	if (af->tmp != NULL)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	af->fd = -1;
	af->tmp = af->path = NULL;
}

static int
fsync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int r = 0;

	free(dir);
	if (fd < 0)
		return -1;
	if (fsync(fd) < 0 && errno != EINVAL)
		r = -1;
	if (close(fd) < 0)
		r = -1;
	return r;
}

int
atomic_commit(struct diag *d, struct atomic_file *af)
{
	int err = af->err;

	/* A full disk shows in write(), fsync() or close() depending on the
	 * file system (NFS reports late): each is checked, and the old file
	 * stays until the new one is known to be complete. */
	if (!err && fsync(af->fd) < 0 && errno != EINVAL)
		err = errno;
	if (close(af->fd) < 0 && !err && errno != EINTR)
		err = errno;
	af->fd = -1;
	if (!err && rename(af->tmp, af->path) < 0)
		err = errno;
	if (!err && fsync_dir(af->path) < 0)
		err = errno ? errno : EIO;
	if (err) {
		diag(d, DIAG_WRITE, NULL, 0, 0, af->path, strerror(err));
		atomic_abort(af);
		return -1;
	}
	free(af->tmp);
	free(af->path);
	af->tmp = af->path = NULL;
	return 0;
}

/* ---- Writing a file in pieces, unless it holds them already --------- */

#define UPDATE_BLOCK 65536

/* The temp file, begun with PATH's first fu->same bytes (equal to what
 * was written so far).  0, or -1 with the failure diagnosed. */
static int
update_begin(struct file_update *fu)
{
	off_t at = 0;

	if (atomic_open(fu->d, &fu->af, fu->path) < 0) {
		fu->failed = 1;
		return -1;
	}
	fu->writing = 1;
	while (at < fu->same && fu->af.err == 0) {
		size_t want = fu->same - at < UPDATE_BLOCK ? (size_t)(fu->same - at) : UPDATE_BLOCK;
		ssize_t n = pread(fu->old, fu->buf, want, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* PATH changed under us: the write fails, and PATH
			 * keeps whatever it now holds. */
			fu->af.err = n < 0 ? errno : EIO;
			break;
		}
		atomic_write(&fu->af, fu->buf, (size_t)n);
		at += n;
	}
	return 0;
}

/* Start writing PATH; SIZE: the size of the whole output when known (an
 * old file of another size is not read), else -1. */
static void
update_open(struct diag *d, struct file_update *fu, const char *path, off_t size)
{
	struct stat st;

	memset(fu, 0, sizeof *fu);
	fu->d = d;
	fu->path = xstrdup(path);
	fu->af.fd = -1;
	fu->buf = xmalloc(UPDATE_BLOCK);
	fu->old = -1;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size < 0 || st.st_size == size))
		fu->old = open(path, O_RDONLY | O_CLOEXEC);
	if (fu->old < 0)
		update_begin(fu);
}

void
file_update_open(struct diag *d, struct file_update *fu, const char *path)
{
	update_open(d, fu, path, -1);
}

void
file_update_write(struct file_update *fu, const void *data, size_t len)
{
	const char *p = data;

	if (fu->failed)
		return;
	while (!fu->writing && len > 0) {
		size_t want = len < UPDATE_BLOCK ? len : UPDATE_BLOCK;
		ssize_t n = pread(fu->old, fu->buf, want, fu->same);
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)want || memcmp(fu->buf, p, want) != 0) {
			if (update_begin(fu) < 0)
				return;
			break;
		}
		fu->same += n;
		p += want;
		len -= want;
	}
	if (len > 0)
		atomic_write(&fu->af, p, len);
}

int
file_update_commit(struct file_update *fu)
{
	struct stat st;
	int r = -1;

	/* Every byte equal so far: PATH is unchanged unless it is longer. */
	if (!fu->failed && !fu->writing) {
		if (fstat(fu->old, &st) == 0 && st.st_size == fu->same)
			r = 0;
		else
			update_begin(fu);
	}
	if (!fu->failed && fu->writing) {
		r = atomic_commit(fu->d, &fu->af) < 0 ? -1 : 1;
		fu->writing = 0;
	}
	file_update_abort(fu);
	return r;
}

void
file_update_abort(struct file_update *fu)
{
	if (fu->writing)
		atomic_abort(&fu->af);
	if (fu->old >= 0)
		close(fu->old);
	free(fu->buf);
	free(fu->path);
	memset(fu, 0, sizeof *fu);
	fu->old = fu->af.fd = -1;
}

int
write_file_if_changed(struct diag *d, const char *path, const void *data,
    size_t len)
{
	struct file_update fu;

	update_open(d, &fu, path, (off_t)len);
	file_update_write(&fu, data, len);
	return file_update_commit(&fu);
}

/* Is process PID more than a zombie?  A process killed with the rest of
 * a `make l10n` stays one until it is reaped (and, where no init reaps
 * orphans, for good): kill(pid, 0) alone would keep its temp files. */
static int
running(pid_t pid)
{
	char path[64], buf[512];
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 1;	/* no /proc: assume it runs */
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 1;
	buf[n] = '\0';
	/* "pid (comm) state ...": comm may hold spaces and parentheses. */
	const char *p = strrchr(buf, ')');
	return p == NULL || p[1] != ' ' || (p[2] != 'Z' && p[2] != 'X');
}

static int
stale(const char *name)
{
	long pid;
	char *end;

	if (strncmp(name, TEMP_PREFIX, strlen(TEMP_PREFIX)) != 0)
		return 0;
	pid = strtol(name + strlen(TEMP_PREFIX), &end, 10);
	if (*end != '.' || pid <= 0)
		return 1;
	if (pid == (long)getpid())
		return 0;
	if (kill((pid_t)pid, 0) < 0)
		return errno == ESRCH;
	return !running((pid_t)pid);
}

static int
clean_dir(const char *dir, int recurse)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (dp == NULL)
		return 0;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *p = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		if (lstat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode) && recurse)
				n += clean_dir(p, 1);
			else if (S_ISREG(st.st_mode) && stale(de->d_name) &&
			    unlink(p) == 0)
				n++;
		}
		free(p);
	}
	closedir(dp);
	return n;
}

int
clean_stale_temps(const char *dir)
{
	return clean_dir(dir, 0);
}

int
clean_stale_temps_tree(const char *dir)
{
	return clean_dir(dir, 1);
}

int
clean_stale_temps_beside(const char *path)
{
	char *dir = dir_of(path);
	int n = clean_dir(dir, 0);

	free(dir);
	return n;
}
