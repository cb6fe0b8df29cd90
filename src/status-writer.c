/* status-writer.c - out/status.html: how far each language is, per
 * catalog and per document, what is published and what is held back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "json.h"
#include "publish.h"
#include "xmlio.h"

/* ---- Results of `l10n check` (optional) ------------------------------ */

struct check_counts {
	char *file;
	unsigned errors, warnings;
};

struct checks {
	int have;			/* a results file was given */
	struct check_counts *v;
	size_t n, cap;
};

static struct check_counts *
checks_for(struct checks *c, const char *file)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].file, file) == 0)
			return &c->v[i];
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	memset(&c->v[c->n], 0, sizeof c->v[c->n]);
	c->v[c->n].file = xstrdup(file);
	return &c->v[c->n++];
}

/* One JSON object per line, with at least "file" and "severity" (the
 * contract of `l10n check --format=json` in DESIGN.md). */
static int
checks_read(struct checks *c, struct diag *d, const char *path)
{
	struct strbuf sb = STRBUF_INIT, file = STRBUF_INIT, sev = STRBUF_INIT;
	unsigned long lineno = 0;

	c->have = 1;
	if (read_file(d, path, fs_input_limit(), &sb) < 0)
		return -1;
	for (char *line = sb.buf, *next; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		if (line[0] == '\0')
			continue;
		if (json_get_string(line, "file", &file) != 1 ||
		    json_get_string(line, "severity", &sev) != 1) {
			diag(d, DIAG_PUBLISH_CHECKS_LINE, path, lineno, 0);
			continue;
		}
		struct check_counts *k = checks_for(c, file.buf);
		if (strcmp(sev.buf, "error") == 0)
			k->errors++;
		else
			k->warnings++;
	}
	strbuf_release(&sb);
	strbuf_release(&file);
	strbuf_release(&sev);
	return 0;
}

static void
checks_release(struct checks *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].file);
	free(c->v);
}

/* ---- Building the page ---------------------------------------------- */

static xmlNodePtr
el(xmlNodePtr parent, const char *name, const char *text)
{
	return site_el(parent, name, text);
}

static void
set(xmlNodePtr n, const char *attr, const char *value)
{
	xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)value);
}

/* A percentage with one decimal, independent of the C library's locale
 * (it goes into CSS). */
static char *
percent(unsigned part, unsigned whole)
{
	unsigned long pm = whole ? ((unsigned long)part * 1000 + whole / 2) / whole : 0;

	return xasprintf("%lu.%lu%%", pm / 10, pm % 10);
}

static void
count_cell(xmlNodePtr tr, const char *key, unsigned v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%u", v);
	xmlNodePtr td = el(tr, "td", buf);
	set(td, "data-count", key);
	set(td, "class", "num");
}

/* A stacked bar of words: translated, fuzzy, the rest untranslated. */
static void
bar_cell(xmlNodePtr tr, const struct stats_counts *c)
{
	unsigned total = stats_words(c);
	char *t = percent(c->words[STATS_TRANSLATED], total);
	char *f = percent(c->words[STATS_FUZZY], total);
	char *label = xasprintf("%s of words translated, %s fuzzy", t, f);
	xmlNodePtr td = el(tr, "td", NULL), bar, seg;

	bar = el(td, "span", NULL);
	set(bar, "class", "bar");
	set(bar, "role", "img");
	set(bar, "aria-label", label);
	set(bar, "title", label);
	char *style = xasprintf("inline-size: %s", t);
	seg = el(bar, "span", NULL);
	set(seg, "class", "bar-translated");
	set(seg, "style", style);
	free(style);
	style = xasprintf("inline-size: %s", f);
	seg = el(bar, "span", NULL);
	set(seg, "class", "bar-fuzzy");
	set(seg, "style", style);
	free(style);
	el(td, "span", t);
	free(label);
	free(t);
	free(f);
}

static void
counts_cells(xmlNodePtr tr, const struct stats_counts *c)
{
	count_cell(tr, "translated", c->strings[STATS_TRANSLATED]);
	count_cell(tr, "fuzzy", c->strings[STATS_FUZZY]);
	count_cell(tr, "untranslated", c->strings[STATS_UNTRANSLATED]);
	count_cell(tr, "translated_words", c->words[STATS_TRANSLATED]);
	count_cell(tr, "fuzzy_words", c->words[STATS_FUZZY]);
	count_cell(tr, "untranslated_words", c->words[STATS_UNTRANSLATED]);
	bar_cell(tr, c);
}

/* The domain of po/DOMAIN/LANG.po. */
static char *
domain_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *start = path;

	if (slash == NULL)
		return xstrdup(".");
	for (const char *p = path; p < slash; p++)
		if (*p == '/')
			start = p + 1;
	return xstrndup(start, (size_t)(slash - start));
}

/* The language index of a catalog, or the table's size when the table
 * does not have it. */
static size_t
lang_index(const struct site *s, const struct stats *st)
{
	const struct langtab_entry *e = st->language[0] ? langtab_find(&s->langs, st->language) : NULL;

	return e ? (size_t)(e - s->langs.v) : s->langs.n;
}

/* What the build did with DOCUMENT in language LI. */
static void
published_cell(const struct site *s, xmlNodePtr tr, const char *document, size_t li)
{
	size_t page = s->npages;
	xmlNodePtr td;

	for (size_t p = 0; p < s->npages; p++)
		if (strcmp(s->pages[p].source, document) == 0)
			page = p;
	if (page == s->npages || li >= s->langs.n || !s->has_manifest[li]) {
		td = el(tr, "td", "not built");
		set(td, "data-state", "none");
		return;
	}
	const struct pub_cell *c = &s->pages[page].cells[li];
	char *text = NULL;
	const char *state;
	if (c->state == PUB_WRITTEN && site_indexed(s, page, li)) {
		state = "published";
		text = xstrdup("published");
	} else if (c->state == PUB_WRITTEN && site_is_not_found(s, page)) {
		state = "published";
		text = xstrdup("published (not-found page)");
	} else if (c->state == PUB_WRITTEN) {
		char *p = percent(c->total - c->translated, c->total);
		state = "noindex";
		text = xasprintf("published, noindex (%s fallback)", p);
		free(p);
	} else if (c->state == PUB_DISCARDED) {
		char *p = percent(c->translated, c->total);
		state = "held-back";
		text = xasprintf("held back (%s of units; needs %u%%)", p, s->thresholds[li]);
		free(p);
	} else if (c->state == PUB_FAILED) {
		state = "failed";
		text = xstrdup("failed");
	} else {
		state = "none";
		text = xstrdup("not built");
	}
	td = el(tr, "td", text);
	set(td, "data-state", state);
	free(text);
}

/* "YYYY-MM-DD" of a PO-Revision-Date, or NULL for the template's
 * placeholder. */
static char *
revision_day(const char *rev)
{
	if (rev == NULL || strlen(rev) < 10 || rev[0] < '0' || rev[0] > '9')
		return NULL;
	return xstrndup(rev, 10);
}

static void
head_row(xmlNodePtr thead)
{
	static const char *const cols[] = {
		"Language", "Catalog or document", "Translated", "Fuzzy", "Untranslated",
		"Translated words", "Fuzzy words", "Untranslated words", "Words translated",
		"Published", "Failing checks", "Last change",
	};
	xmlNodePtr tr = el(thead, "tr", NULL);

	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
		set(el(tr, "th", cols[i]), "scope", "col");
}

static void
catalog_rows(const struct site *s, xmlNodePtr tbody, const struct stats *st,
    const struct checks *ck)
{
	size_t li = lang_index(s, st);
	const struct langtab_entry *e = li < s->langs.n ? &s->langs.v[li] : NULL;
	xmlNodePtr tr = el(tbody, "tr", NULL), th, td;
	char *day = revision_day(st->revision);

	set(tr, "class", "catalog");
	set(tr, "data-catalog", st->path);
	th = el(tr, "th", NULL);
	set(th, "scope", "row");
	if (e != NULL) {
		xmlNodePtr name = el(th, "span", e->native);
		set(name, "lang", e->tag);
		set(name, "dir", e->rtl ? "rtl" : "ltr");
		xmlNodeAddContent(th, (const xmlChar *)" ");
		el(th, "code", e->tag);
	} else {
		el(th, "code", st->language[0] ? st->language : st->path);
	}
	el(tr, "td", st->path);
	counts_cells(tr, &st->c);
	/* Pages of the catalog published in the language. */
	unsigned docs = 0, published = 0;
	for (size_t j = 0; j < st->ndocs; j++) {
		for (size_t p = 0; p < s->npages; p++) {
			if (strcmp(s->pages[p].source, st->docs[j].document) != 0)
				continue;
			docs++;
			published += li < s->langs.n && site_written(s, p, li);
		}
	}
	if (docs > 0) {
		char *t = xasprintf("%u of %u pages", published, docs);
		td = el(tr, "td", t);
		free(t);
	} else {
		td = el(tr, "td", "not built");
	}
	set(td, "data-state", "summary");
	if (ck->have) {
		unsigned errors = 0, warnings = 0;
		for (size_t i = 0; i < ck->n; i++)
			if (strcmp(ck->v[i].file, st->path) == 0)
				errors = ck->v[i].errors, warnings = ck->v[i].warnings;
		char *t = xasprintf("%u errors, %u warnings", errors, warnings);
		td = el(tr, "td", t);
		set(td, "class", errors ? "checks-failing" : "checks-clean");
		free(t);
	} else {
		/* Hook: `make l10n` passes the results of `l10n check` when the
		 * tool has that command. */
		td = el(tr, "td", "not run");
		set(td, "class", "checks-not-run");
	}
	td = el(tr, "td", NULL);
	if (day != NULL) {
		xmlNodePtr t = el(td, "time", day);
		set(t, "datetime", day);
	} else {
		xmlNodeAddContent(td, (const xmlChar *)"never");
	}
	free(day);
	for (size_t j = 0; j < st->ndocs; j++) {
		tr = el(tbody, "tr", NULL);
		set(tr, "data-catalog", st->path);
		set(tr, "data-document", st->docs[j].document);
		el(tr, "td", NULL);
		el(tr, "td", st->docs[j].document);
		counts_cells(tr, &st->docs[j].c);
		published_cell(s, tr, st->docs[j].document, li);
		el(tr, "td", NULL);
		el(tr, "td", NULL);
	}
}

struct order {
	size_t catalog, lang;
	char *domain;
};

static int
cmp_order(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	int c = strcmp(x->domain, y->domain);

	if (c != 0)
		return c;
	if (x->lang != y->lang)
		return x->lang < y->lang ? -1 : 1;
	return x->catalog < y->catalog ? -1 : x->catalog > y->catalog;
}

static void
badges(const struct site *s, xmlNodePtr parent)
{
	xmlNodePtr ul = el(parent, "ul", NULL);

	set(ul, "class", "badges");
	for (size_t li = 0; li < s->langs.n; li++) {
		const struct langtab_entry *e = &s->langs.v[li];
		struct stats_counts sum;
		int any = 0;
		memset(&sum, 0, sizeof sum);
		for (size_t i = 0; i < s->ncatalogs; i++) {
			if (lang_index(s, &s->catalogs[i]) != li)
				continue;
			any = 1;
			for (int k = 0; k < 3; k++) {
				sum.strings[k] += s->catalogs[i].c.strings[k];
				sum.words[k] += s->catalogs[i].c.words[k];
			}
		}
		if (!any)
			continue;
		unsigned total = stats_words(&sum), done = sum.words[STATS_TRANSLATED];
		char *p = percent(done, total);
		xmlNodePtr li_el = el(ul, "li", NULL);
		xmlNodePtr badge = el(li_el, "span", NULL);
		set(badge, "class", done == total ? "badge badge-complete" :
		    done * 100UL >= 80UL * total ? "badge badge-good" : "badge badge-partial");
		set(badge, "data-lang", e->tag);
		xmlNodePtr name = el(badge, "span", e->tag);
		set(name, "class", "badge-label");
		xmlNodePtr val = el(badge, "span", p);
		set(val, "class", "badge-value");
		free(p);
	}
}

int
status_write(struct site *s, struct diag *d)
{
	struct checks ck = { 0, NULL, 0, 0 };
	size_t src = site_source(s);
	xmlDocPtr doc;
	xmlNodePtr root, head, body, main, n;
	struct order *ord;
	char *path = xasprintf("%s/status.html", s->opt.root);
	int r = 0;

	if (s->opt.checks != NULL && checks_read(&ck, d, s->opt.checks) < 0)
		r = -1;
	doc = site_skeleton(d, s->langs.v[src].tag, s->langs.v[src].rtl, "Translation status");
	root = xmlDocGetRootElement(doc);
	head = site_find(root, "head", NULL);
	body = site_find(root, "body", NULL);
	n = el(head, "meta", NULL);
	set(n, "name", "robots");
	set(n, "content", "noindex");
	n = el(head, "link", NULL);
	set(n, "rel", "stylesheet");
	set(n, "href", "assets/style.css");
	main = el(body, "main", NULL);
	set(main, "class", "status");
	el(main, "h1", "Translation status");
	char *intro = xasprintf("Strings and source words of every catalog, per language and "
	    "per source document. A page is published in a language when at least the "
	    "threshold of its units is translated; a published page with more than %u%% of "
	    "its units shown in the source language is kept out of search engines (noindex).",
	    s->opt.noindex_fallback);
	el(main, "p", intro);
	free(intro);
	badges(s, main);
	ord = xcalloc(s->ncatalogs + 1, sizeof *ord);
	for (size_t i = 0; i < s->ncatalogs; i++) {
		ord[i].catalog = i;
		ord[i].lang = lang_index(s, &s->catalogs[i]);
		ord[i].domain = domain_of(s->catalogs[i].path);
	}
	qsort(ord, s->ncatalogs, sizeof *ord, cmp_order);
	xmlNodePtr tbody = NULL;
	for (size_t i = 0; i < s->ncatalogs; i++) {
		if (i == 0 || strcmp(ord[i].domain, ord[i - 1].domain) != 0) {
			xmlNodePtr sec = el(main, "section", NULL);
			char *id = xasprintf("domain-%s", ord[i].domain);
			set(sec, "id", id);
			free(id);
			char *h = xasprintf("Catalogs of “%s”", ord[i].domain);
			el(sec, "h2", h);
			free(h);
			xmlNodePtr wrap = el(sec, "div", NULL);
			set(wrap, "class", "table-scroll");
			xmlNodePtr table = el(wrap, "table", NULL);
			set(table, "class", "status");
			head_row(el(table, "thead", NULL));
			tbody = el(table, "tbody", NULL);
		}
		catalog_rows(s, tbody, &s->catalogs[ord[i].catalog], &ck);
	}
	for (size_t i = 0; i < s->ncatalogs; i++)
		free(ord[i].domain);
	free(ord);
	if (xmlio_write_file(d, doc, path) < 0)
		r = -1;
	xmlFreeDoc(doc);
	checks_release(&ck);
	free(path);
	return r;
}
