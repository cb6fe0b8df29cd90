/*
 * paths.h - where the tool finds its own data files (rule files,
 * stylesheets, font configuration).  For every file in src/ that opens one.
 *
 * In a build tree (build/l10n) the source tree's src/ is used, so that
 * edits take effect without installing; an installed binary uses
 * $(DATADIR).  L10N_DATA_DIR in the environment overrides both.
 */
#ifndef L10N_PATHS_H
#define L10N_PATHS_H

/* The folder holding rules/, fo/ ...; a static string. */
const char *l10n_data_dir(void);
/* l10n_data_dir()/SUB, newly allocated. */
char *l10n_data_path(const char *sub);
/* Where results are kept from one run to the next: $L10N_CACHE_DIR (the
 * Makefile sets build/cache), or NULL when unset or empty. */
const char *l10n_cache_dir(void);

#endif
