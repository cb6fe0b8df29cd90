/* langtab.c - the project's language table, from po/LINGUAS and ICU. */
#include "langtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "lang.h"
#include "xalloc.h"

int
langtab_entry_init(struct langtab_entry *e, const char *tag)
{
	struct strbuf sb = STRBUF_INIT;

	memset(e, 0, sizeof *e);
	if (lang_bcp47(tag, e->tag, sizeof e->tag) < 0)
		return -1;
	lang_po_name(e->tag, e->po, sizeof e->po);
	lang_native_name(e->tag, &sb);
	e->native = strbuf_detach(&sb);
	lang_og_locale(e->tag, e->og, sizeof e->og);
	e->rtl = lang_is_rtl(e->tag);
	e->pseudo = lang_is_pseudo(e->tag);
	return 0;
}

struct langtab_entry *
langtab_find(const struct langtab *t, const char *tag)
{
	char bcp[64];

	if (lang_bcp47(tag, bcp, sizeof bcp) < 0)
		return NULL;
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].tag, bcp) == 0)
			return &t->v[i];
	return NULL;
}

struct langtab_entry *
langtab_add(struct langtab *t, struct diag *d, const char *tag)
{
	struct langtab_entry e, *have;

	if ((have = langtab_find(t, tag)) != NULL)
		return have;
	if (langtab_entry_init(&e, tag) < 0) {
		diag(d, DIAG_BUILD_LANG, NULL, 0, 0, tag);
		return NULL;
	}
	e.order = (unsigned)t->n;
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n] = e;
	return &t->v[t->n++];
}

int
langtab_load(struct langtab *t, struct diag *d, const char *source,
    const char *linguas)
{
	struct strbuf sb = STRBUF_INIT;
	struct langtab_entry *e;
	int r = 0;

	if ((e = langtab_add(t, d, source)) == NULL)
		return -1;
	e->source = 1;
	if (linguas == NULL)
		return 0;
	if (read_file(d, linguas, fs_input_limit(), &sb) < 0)
		return -1;
	for (char *line = sb.buf, *next; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		char *hash = strchr(line, '#');
		if (hash != NULL)
			*hash = '\0';
		/* Several names may share a line, as gettext allows. */
		for (char *tok = strtok(line, " \t\r"); tok != NULL; tok = strtok(NULL, " \t\r"))
			if (langtab_add(t, d, tok) == NULL)
				r = -1;
	}
	strbuf_release(&sb);
	return r;
}

void
langtab_release(struct langtab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].native);
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}
