/*
 * i18n.h - the tool's own user-visible strings go through gettext.
 * For every file in src/ that prints text for users.
 */
#ifndef L10N_I18N_H
#define L10N_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
