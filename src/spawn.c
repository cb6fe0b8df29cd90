/* spawn.c - run a program and capture its standard output. */
#define _GNU_SOURCE
#include "spawn.h"

#include <sys/mman.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int
spawn_capture(char *const argv[], struct strbuf *out)
{
	posix_spawn_file_actions_t fa;
	int pipefd[2], status, errfd;
	pid_t pid;

	if (pipe(pipefd) < 0)
		return -1;
	/* Standard error is kept aside and shown only when the program fails
	 * (msginit says "Created -." on success). */
	errfd = memfd_create("l10n-stderr", MFD_CLOEXEC);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	if (errfd >= 0)
		posix_spawn_file_actions_adddup2(&fa, errfd, 2);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	posix_spawn_file_actions_addclose(&fa, pipefd[1]);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(pipefd[0]);
		close(pipefd[1]);
		if (errfd >= 0)
			close(errfd);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	strbuf_reset(out);
	for (;;) {
		strbuf_grow(out, 65536);
		ssize_t n = read(pipefd[0], out->buf + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		out->len += (size_t)n;
		out->buf[out->len] = '\0';
	}
	close(pipefd[0]);
	status = spawn_wait(pid, NULL);
	int ok = status == 0;
	if (errfd >= 0) {
		if (!ok) {
			char buf[4096];
			ssize_t n;
			lseek(errfd, 0, SEEK_SET);
			while ((n = read(errfd, buf, sizeof buf)) > 0)
				if (write(2, buf, (size_t)n) < 0)
					break;
		}
		close(errfd);
	}
	return status;
}

int
spawn_wait(pid_t pid, int *raw)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	if (raw != NULL)
		*raw = status;
	return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
