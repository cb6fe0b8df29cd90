/* diag.c - the diagnostics table and its printer. */
#include "diag.h"

#include <stdarg.h>

#include "i18n.h"

static const struct {
	enum diag_level level;
	const char *msg;
} table[DIAG_NCODES] = {
#define DIAG(name, lvl, m) [DIAG_##name] = { DIAG_LEVEL_##lvl, N_(m) },
#include "diag.def"
#undef DIAG
};

void
diag_init(struct diag *d)
{
	d->out = stderr;
	for (int i = 0; i < DIAG_NLEVELS; i++)
		d->count[i] = 0;
	d->quiet_warnings = 0;
}

const char *
diag_level_name(enum diag_level level)
{
	switch (level) {
	case DIAG_LEVEL_WARNING:
		return _("warning");
	case DIAG_LEVEL_ERROR:
		return _("error");
	default:
		return _("fatal error");
	}
}

enum diag_level
diag_level_of(enum diag_code code)
{
	return table[code].level;
}

static void
prefix(struct diag *d, enum diag_level level, const char *file,
    unsigned long line, unsigned long col)
{
	if (file != NULL) {
		fputs(file, d->out);
		if (line > 0) {
			fprintf(d->out, ":%lu", line);
			if (col > 0)
				fprintf(d->out, ":%lu", col);
		}
		fputs(": ", d->out);
	} else {
		fputs("l10n: ", d->out);
	}
	fprintf(d->out, "%s: ", diag_level_name(level));
}

static void
vemit(struct diag *d, enum diag_level level, const char *file,
    unsigned long line, unsigned long col, const char *fmt, va_list ap)
{
	d->count[level]++;
	if (d->out == NULL || (level == DIAG_LEVEL_WARNING && d->quiet_warnings))
		return;
	prefix(d, level, file, line, col);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
}

void
diag(struct diag *d, enum diag_code code, const char *file,
    unsigned long line, unsigned long col, ...)
{
	va_list ap;

	va_start(ap, col);
	vemit(d, table[code].level, file, line, col, _(table[code].msg), ap);
	va_end(ap);
}

void
diag_at_level(struct diag *d, enum diag_level level, const char *file,
    unsigned long line, unsigned long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(d, level, file, line, col, fmt, ap);
	va_end(ap);
}

int
diag_exit_status(const struct diag *d)
{
	if (d->count[DIAG_LEVEL_FATAL])
		return 2;
	if (d->count[DIAG_LEVEL_ERROR])
		return 1;
	return 0;
}

unsigned
diag_errors(const struct diag *d)
{
	return d->count[DIAG_LEVEL_ERROR] + d->count[DIAG_LEVEL_FATAL];
}
