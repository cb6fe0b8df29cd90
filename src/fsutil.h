/*
 * fsutil.h - reading whole files with a size cap, and writing files
 * atomically (temp file in the same folder, checked writes, fsync, rename,
 * fsync of the folder).  For every file in src/ that touches the disk.
 *
 * Ownership: read_file() fills a caller-owned strbuf.  A struct
 * atomic_file owns its temp file until atomic_commit() or atomic_abort();
 * a struct file_update its temp file and its copy of the path until
 * file_update_commit() or file_update_abort().
 */
#ifndef L10N_FSUTIL_H
#define L10N_FSUTIL_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "diag.h"
#include "xalloc.h"

/* The largest input file accepted (override with L10N_MAX_INPUT bytes). */
size_t fs_input_limit(void);

/* Read PATH ("-" is standard input) into SB; 0 on success, -1 after a
 * diagnostic. */
int read_file(struct diag *d, const char *path, size_t limit, struct strbuf *sb);
/* Read the whole of FD, a memory file a child wrote, into SB (from its
 * start, whatever its offset); 0 on success, -1 (errno set) otherwise. */
int read_fd_all(int fd, struct strbuf *sb);

struct atomic_file {
	char *path;	/* final name */
	char *tmp;	/* temp name in the same folder */
	int fd;		/* -1 once closed */
	int err;	/* first write error (errno), reported by the commit */
};

/* Start writing PATH; 0 or -1 after a diagnostic.  Creates parent folders.
 * The temp file is named .l10n-tmp.<pid>.<name>.XXXXXX so that
 * clean_stale_temps() recognises it once the process is gone. */
int atomic_open(struct diag *d, struct atomic_file *af, const char *path);
/* Append DATA (plain write(2) calls, retried on EINTR and short writes);
 * a failure is remembered and makes atomic_commit() fail. */
void atomic_write(struct atomic_file *af, const void *data, size_t len);
/* Check the writes, fsync, close (checked), rename over PATH, fsync the
 * folder.  On any failure the temp file is removed, PATH keeps its old
 * content and -1 is returned after a diagnostic. */
int atomic_commit(struct diag *d, struct atomic_file *af);
void atomic_abort(struct atomic_file *af);

/* Write DATA to PATH atomically unless PATH already holds exactly DATA.
 * Returns 1 written, 0 unchanged, -1 failure (diagnosed). */
int write_file_if_changed(struct diag *d, const char *path, const void *data,
    size_t len);

/* The same, for output made a piece at a time (a serialised document):
 * each piece is compared with PATH's content as it comes, and the temp
 * file is begun at the first difference, from PATH's equal bytes, so the
 * whole output is never in memory.  file_update_commit() returns 1
 * written, 0 unchanged, -1 failure (diagnosed: a failure to begin the
 * temp file at once, a failed write at the commit). */
struct file_update {
	struct diag *d;
	char *path;
	struct atomic_file af;	/* once writing */
	int old;		/* PATH, open for comparing, or -1 */
	off_t same;		/* bytes so far, equal to PATH's first ones */
	int writing, failed;
	char *buf;		/* a block of PATH */
};
void file_update_open(struct diag *d, struct file_update *fu, const char *path);
void file_update_write(struct file_update *fu, const void *data, size_t len);
int file_update_commit(struct file_update *fu);
void file_update_abort(struct file_update *fu);

/* mkdir -p; 0 or -1 after a diagnostic. */
int make_dirs(struct diag *d, const char *dir);
/* Make the folder of PATH. */
int make_parent_dirs(struct diag *d, const char *path);

/* Remove temp files left in DIR (not recursive) by processes that no
 * longer run.  Returns the number removed. */
int clean_stale_temps(const char *dir);
/* The same for every folder below DIR. */
int clean_stale_temps_tree(const char *dir);
/* The same for the folder of the file PATH, before it is written. */
int clean_stale_temps_beside(const char *path);

/* The folder of PATH ("." for a bare name, "/" at the root); the caller
 * frees it. */
char *dir_of(const char *path);

/* Does PATH exist as a regular file? */
int file_exists(const char *path);

#endif
