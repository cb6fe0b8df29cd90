/* paths.c - locating the tool's data files. */
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "xalloc.h"

#ifndef L10N_DATA_DIR
#define L10N_DATA_DIR "/usr/local/share/l10n"
#endif

const char *
l10n_data_dir(void)
{
	static char *dir;
	char exe[PATH_MAX];
	const char *env = getenv("L10N_DATA_DIR");
	ssize_t n;

	if (env != NULL && *env != '\0')
		return env;
	if (dir != NULL)
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* Up to three levels above the binary (build/, build/san/). */
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (slash == NULL)
				break;
			*slash = '\0';
			char *probe = xasprintf("%s/src/rules/html5.its", exe);
			int found = file_exists(probe);
			free(probe);
			if (found) {
				dir = xasprintf("%s/src", exe);
				return dir;
			}
		}
	}
	dir = xstrdup(L10N_DATA_DIR);
	return dir;
}

char *
l10n_data_path(const char *sub)
{
	return xasprintf("%s/%s", l10n_data_dir(), sub);
}

const char *
l10n_cache_dir(void)
{
	const char *dir = getenv("L10N_CACHE_DIR");

	return dir != NULL && *dir != '\0' ? dir : NULL;
}
