/*
 * fuzz-po.c - PO reading and checking: catalog_read_text() (the tool's
 * own checks, then libgettextpo), the markup check of every translated
 * entry against its msgid as HTML and as XML, and rendering the catalog
 * back through po_file_write when it has no errors (as the tool does).
 *
 * Then the `l10n check` engine over the whole catalog (header, plural
 * forms, every entry), as `l10n check` runs it for a Hebrew catalog.
 */
#include <string.h>

#include "check.h"
#include "fuzz.h"
#include "markup.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

static void
compare(const char *msgid, const char *msgstr, enum xmlio_kind kind)
{
	struct markup src = { 0 }, tr = { 0 };
	struct markup_issue is;
	char why[128];

	if (markup_parse(&src, msgid, kind, NULL, why, sizeof why) == 0 &&
	    markup_parse(&tr, msgstr, kind, NULL, why, sizeof why) == 0)
		(void)markup_compare(&src, &tr, kind, &is);
	markup_release(&src);
	markup_release(&tr);
}

static void
ignore_finding(void *arg, const struct check_finding *f)
{
	(void)arg;
	(void)f;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct catalog cat;

	fuzz_diag(&d);
	if (catalog_read_text(&d, (const char *)data, size, "fuzz.po", &cat) == 0) {
		for (size_t i = 0; i < cat.n; i++) {
			const struct catalog_entry *e = &cat.v[i];
			if (e->obsolete || e->msgid[0] == '\0' || e->msgstr[0] == '\0')
				continue;
			compare(e->msgid, e->msgstr, XMLIO_HTML);
			compare(e->msgid, e->msgstr, XMLIO_XML);
			(void)markup_bidi_balanced(e->msgstr);
			(void)catalog_find(&cat, e->msgctxt, e->msgid);
		}
		struct checker ck;
		if (checker_init(&ck, "he", ignore_finding, NULL, NULL) == 0) {
			(void)check_catalog(&ck, &cat);
			checker_release(&ck);
		}
		/* Rendering, as the tool does it (po_file_write in a child):
		 * only catalogs without errors are ever written. */
		if (cat.file != NULL && cat.errors == 0) {
			struct strbuf sb = STRBUF_INIT;
			(void)catalog_render(&d, cat.file, &sb, "fuzz.po");
			strbuf_release(&sb);
		}
	}
	catalog_release(&cat);
	return 0;
}
