/*
 * publish.h - the published site as a whole: which page is published in
 * which language, read from the manifests `l10n build --manifest` writes,
 * and what follows from it (the sets of alternates, noindex, the language
 * switcher).  For cmd-publish.c, site-writer.c and status-writer.c.
 *
 * A manifest is UTF-8 text, one record per line, fields separated by a
 * tab:
 *
 *   l10n-manifest  1
 *   lang           BCP 47 tag of the build
 *   threshold      the publishing threshold used (percent)
 *   doc            PATH  SOURCE  STATE  TOTAL  TRANSLATED  FUZZY  UNTRANSLATED  REFUSED
 *
 * PATH is the output relative to the language's folder, SOURCE the source
 * document, STATE "written", "discarded" (below the threshold) or
 * "failed"; the numbers are the document's translation units.
 *
 * Ownership: a struct site owns everything it holds (site_release()).
 */
#ifndef L10N_PUBLISH_H
#define L10N_PUBLISH_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include <libxml/tree.h>

#include "diag.h"
#include "langtab.h"
#include "stats.h"
#include "xalloc.h"

enum pub_state {
	PUB_NONE,		/* no manifest mentions it */
	PUB_WRITTEN,
	PUB_DISCARDED,
	PUB_FAILED
};

struct pub_cell {
	enum pub_state state;
	unsigned total, translated, fuzzy, untranslated, refused;
	unsigned char on_disk;	/* PUB_DISK_*: whether the page's file is
				 * there, looked up once per run */
};
enum { PUB_DISK_UNKNOWN, PUB_DISK_ABSENT, PUB_DISK_PRESENT };

struct pub_page {
	char *path;		/* "index.html", relative to out/<lang>/ */
	char *source;		/* "content/site/index.html" */
	struct pub_cell *cells;	/* one per language of the table */
	size_t ncells;
};

struct pub_options {
	const char *root;		/* out */
	const char *base_url;		/* https://example.org/ */
	unsigned noindex_fallback;	/* percent of fallback units allowed */
	const char *not_found;		/* "404.html" */
	size_t sitemap_limit;		/* URLs per sitemap file (50,000) */
	const char *checks;		/* `l10n check --format=json` output */
};

struct site {
	struct pub_options opt;
	char *base_url;			/* normalised: ends with '/' */
	struct langtab langs;		/* the table, then pseudo-locales */
	unsigned *thresholds;		/* per language; 0 without manifest */
	int *has_manifest;
	size_t nlangs;			/* the languages these arrays hold */
	struct pub_page *pages;		/* sorted by path */
	size_t npages, cap;
	struct stats *catalogs;		/* for the status page */
	size_t ncatalogs;
};

/* Start a site from the language table T (moved into the site). */
void site_init(struct site *s, struct langtab *t, const struct pub_options *opt);
void site_release(struct site *s);

/* Read one manifest.  Returns 0, or -1 after a diagnostic. */
int site_read_manifest(struct site *s, struct diag *d, const char *path);
/* Read every *.tsv of DIR (sorted).  Returns 0, or -1. */
int site_read_manifests(struct site *s, struct diag *d, const char *dir);

/* Is out/<LI's tag>/<PAGE's path> a file?  Looked up on disk once per
 * run, then remembered in the page's cell: `l10n publish` rewrites pages
 * in place, it never adds or removes one. */
int site_on_disk(const struct site *s, size_t page, size_t li);
/* The page whose path is PATH, or (size_t)-1. */
size_t site_find_page(const struct site *s, const char *path);
/* Is the page written in language LI (and there on disk)?  Pseudo-locales
 * count as written here; the predicates below leave them out. */
int site_written(const struct site *s, size_t page, size_t li);
/* Published: written, in the table, not a pseudo-locale. */
int site_published(const struct site *s, size_t page, size_t li);
/* Shown to search engines: published, not the not-found page, and no
 * more fallback units than the noindex share allows (the source language
 * always is). */
int site_indexed(const struct site *s, size_t page, size_t li);
/* The index of the source language in the table. */
size_t site_source(const struct site *s);
/* Is PAGE the not-found page? */
int site_is_not_found(const struct site *s, size_t page);

/* out/<tag>/<path>, and its absolute URL; newly allocated. */
char *site_file(const struct site *s, size_t page, size_t li);
char *site_url(const struct site *s, size_t page, size_t li);
/* The URL of a file at the root of the site (sitemap.xml). */
char *site_root_url(const struct site *s, const char *name);

/* The pages are independent: with two processors or more, a child
 * process starts rewriting the written pages while this one goes on (it
 * reads the catalogs' statistics), then joins it in site_write().  Each
 * takes the next page of the list from a counter they share, so neither
 * waits for the other.  Diagnostics are gathered per page and reported
 * in the list's order, whichever process rewrote the page; the pages a
 * child took are rewritten here again when it died.  PID is 0 when no
 * child was started: site_write() then rewrites every page.
 * site_write() waits for the child and releases the share. */
struct workq;
struct site_share {
	pid_t pid;
	FILE *err;		/* the child's diagnostics, by page */
	FILE *own;		/* this process's, by page */
	size_t *pages;		/* the written pages: page * languages + language */
	size_t npages;
	struct workq *queue;	/* shared with the child */
	size_t next;		/* without a queue: the next page to rewrite */
};
void site_share_start(struct site *s, struct diag *d, struct site_share *share);

/* Rewrite every written page (alternates, canonical, og:locale, robots,
 * language switcher) -- with SHARE's child when it has one (SHARE may be
 * NULL) -- and write sitemap.xml, robots.txt and the root index.html.
 * Returns 0, or -1 after diagnostics (what could be written is). */
int site_write(struct site *s, struct diag *d, struct site_share *share);

/* A new HTML page (parsed from a skeleton) with lang, dir and title. */
xmlDocPtr site_skeleton(struct diag *d, const char *lang, int rtl, const char *title);
/* A new child element NAME of PARENT with TEXT (or none); block-level
 * elements start a new line. */
xmlNodePtr site_el(xmlNodePtr parent, const char *name, const char *text);
/* The first element NAME (with class token CLS unless NULL) at or below N
 * and its following siblings. */
xmlNodePtr site_find(xmlNodePtr n, const char *name, const char *cls);

/* Write out/status.html from the manifests and the catalogs' stats. */
int status_write(struct site *s, struct diag *d);

#endif
