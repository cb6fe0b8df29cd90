/* publish.c - the published site: manifests, languages, pages, URLs. */
#include "publish.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "fsutil.h"
#include "lang.h"

static void grow_languages(struct site *s);

void
site_init(struct site *s, struct langtab *t, const struct pub_options *opt)
{
	size_t bl = strlen(opt->base_url);

	memset(s, 0, sizeof *s);
	s->opt = *opt;
	s->langs = *t;
	memset(t, 0, sizeof *t);
	s->base_url = bl > 0 && opt->base_url[bl - 1] == '/' ? xstrdup(opt->base_url)
	    : xasprintf("%s/", opt->base_url);
	grow_languages(s);
}

void
site_release(struct site *s)
{
	for (size_t i = 0; i < s->npages; i++) {
		free(s->pages[i].path);
		free(s->pages[i].source);
		free(s->pages[i].cells);
	}
	free(s->pages);
	for (size_t i = 0; i < s->ncatalogs; i++)
		stats_release(&s->catalogs[i]);
	free(s->catalogs);
	free(s->thresholds);
	free(s->has_manifest);
	free(s->base_url);
	langtab_release(&s->langs);
	memset(s, 0, sizeof *s);
}

/* Keep the per-language arrays as long as the table. */
static void
grow_languages(struct site *s)
{
	size_t n = s->langs.n;

	s->thresholds = xrealloc(s->thresholds, n * sizeof *s->thresholds);
	s->has_manifest = xrealloc(s->has_manifest, n * sizeof *s->has_manifest);
	for (size_t i = s->nlangs; i < n; i++)
		s->thresholds[i] = 0, s->has_manifest[i] = 0;
	s->nlangs = n;
	for (size_t i = 0; i < s->npages; i++) {
		struct pub_page *p = &s->pages[i];
		p->cells = xrealloc(p->cells, n * sizeof *p->cells);
		for (size_t j = p->ncells; j < n; j++)
			memset(&p->cells[j], 0, sizeof p->cells[j]);
		p->ncells = n;
	}
}

/* Where PATH is in the pages (sorted by path), or would go; *FOUND says
 * which. */
static size_t
page_place(const struct site *s, const char *path, int *found)
{
	size_t lo = 0, hi = s->npages;

	*found = 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->pages[mid].path, path);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct pub_page *
page_for(struct site *s, const char *path, const char *source)
{
	int found;
	size_t lo = page_place(s, path, &found);

	if (found)
		return &s->pages[lo];
	s->pages = xgrow(s->pages, &s->cap, s->npages + 1, sizeof *s->pages);
	memmove(&s->pages[lo + 1], &s->pages[lo], (s->npages - lo) * sizeof *s->pages);
	struct pub_page *p = &s->pages[lo];
	p->path = xstrdup(path);
	p->source = xstrdup(source);
	p->ncells = s->langs.n;
	p->cells = xcalloc(p->ncells ? p->ncells : 1, sizeof *p->cells);
	s->npages++;
	return p;
}

static size_t
split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		f[n++] = line;
		char *tab = strchr(line, '\t');
		if (tab == NULL)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}

static int
parse_uint(const char *s, unsigned *v)
{
	char *end;
	unsigned long x = strtoul(s, &end, 10);

	if (*s == '\0' || *end != '\0' || x > 0xffffffffUL)
		return -1;
	*v = (unsigned)x;
	return 0;
}

int
site_read_manifest(struct site *s, struct diag *d, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct langtab_entry *e = NULL;
	size_t li = 0;
	unsigned long lineno = 0;
	unsigned threshold = 0;
	int r = 0;

	if (read_file(d, path, fs_input_limit(), &sb) < 0)
		return -1;
	for (char *line = sb.buf, *next; line != NULL && *line != '\0'; line = next) {
		char *f[10];
		size_t nf;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		nf = split_tabs(line, f, 10);
		if (lineno == 1) {
			if (nf != 2 || strcmp(f[0], "l10n-manifest") != 0 || strcmp(f[1], "1") != 0) {
				diag(d, DIAG_PUBLISH_MANIFEST, path, lineno, 0);
				r = -1;
				break;
			}
		} else if (nf == 2 && strcmp(f[0], "lang") == 0) {
			e = langtab_find(&s->langs, f[1]);
			if (e == NULL && lang_is_pseudo(f[1])) {
				e = langtab_add(&s->langs, d, f[1]);
				if (e != NULL)
					grow_languages(s);
			}
			if (e == NULL) {
				diag(d, DIAG_PUBLISH_UNLISTED, path, lineno, 0, f[1]);
				break;
			}
			li = (size_t)(e - s->langs.v);
			s->has_manifest[li] = 1;
		} else if (nf == 2 && strcmp(f[0], "threshold") == 0) {
			if (parse_uint(f[1], &threshold) < 0)
				goto bad;
			if (e != NULL)
				s->thresholds[li] = threshold;
		} else if (nf == 9 && strcmp(f[0], "doc") == 0 && e != NULL) {
			struct pub_cell c = { 0 };	/* on_disk: PUB_DISK_UNKNOWN */
			if (strcmp(f[3], "written") == 0)
				c.state = PUB_WRITTEN;
			else if (strcmp(f[3], "discarded") == 0)
				c.state = PUB_DISCARDED;
			else if (strcmp(f[3], "failed") == 0)
				c.state = PUB_FAILED;
			else
				goto bad;
			if (parse_uint(f[4], &c.total) < 0 || parse_uint(f[5], &c.translated) < 0 ||
			    parse_uint(f[6], &c.fuzzy) < 0 || parse_uint(f[7], &c.untranslated) < 0 ||
			    parse_uint(f[8], &c.refused) < 0 || f[1][0] == '\0' ||
			    f[1][0] == '/' || strstr(f[1], "..") != NULL)
				goto bad;
			/* Only pages take part in the site. */
			size_t pl = strlen(f[1]);
			if (pl < 5 || strcmp(f[1] + pl - 5, ".html") != 0)
				continue;
			page_for(s, f[1], f[2])->cells[li] = c;
		} else if (line[0] != '\0') {
			goto bad;
		}
		continue;
bad:
		diag(d, DIAG_PUBLISH_MANIFEST_LINE, path, lineno, 0);
		r = -1;
	}
	strbuf_release(&sb);
	return r;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
site_read_manifests(struct site *s, struct diag *d, const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int r = 0;

	grow_languages(s);
	if (dp == NULL) {
		diag(d, DIAG_OPEN, NULL, 0, 0, dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l > 4 && strcmp(de->d_name + l - 4, ".tsv") == 0) {
			names = xgrow(names, &cap, n + 1, sizeof *names);
			names[n++] = xasprintf("%s/%s", dir, de->d_name);
		}
	}
	closedir(dp);
	/* The order of readdir() is the file system's: sort for builds that
	 * do not depend on it. */
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (site_read_manifest(s, d, names[i]) < 0)
			r = -1;
		free(names[i]);
	}
	free(names);
	return r;
}

size_t
site_source(const struct site *s)
{
	for (size_t i = 0; i < s->langs.n; i++)
		if (s->langs.v[i].source)
			return i;
	return 0;
}

int
site_is_not_found(const struct site *s, size_t page)
{
	return s->opt.not_found != NULL &&
	    strcmp(s->pages[page].path, s->opt.not_found) == 0;
}

char *
site_file(const struct site *s, size_t page, size_t li)
{
	return xasprintf("%s/%s/%s", s->opt.root, s->langs.v[li].tag, s->pages[page].path);
}

char *
site_root_url(const struct site *s, const char *name)
{
	xmlChar *esc = xmlURIEscapeStr((const xmlChar *)name, (const xmlChar *)"/");
	char *u = xasprintf("%s%s", s->base_url, (const char *)esc);

	xmlFree(esc);
	return u;
}

char *
site_url(const struct site *s, size_t page, size_t li)
{
	char *rel = xasprintf("%s/%s", s->langs.v[li].tag, s->pages[page].path);
	char *u = site_root_url(s, rel);

	free(rel);
	return u;
}

int
site_on_disk(const struct site *s, size_t page, size_t li)
{
	const struct pub_page *p = &s->pages[page];
	struct pub_cell *c = li < p->ncells ? &p->cells[li] : NULL;

	/* Every page is asked about in every language by every other page
	 * (alternates, switcher, links): 185,000 stat() calls for the
	 * 240-page site in 11 languages, a fifth of publishing it. */
	if (c == NULL || c->on_disk == PUB_DISK_UNKNOWN) {
		char *f = site_file(s, page, li);
		int r = file_exists(f);
		free(f);
		if (c == NULL)
			return r;
		c->on_disk = r ? PUB_DISK_PRESENT : PUB_DISK_ABSENT;
	}
	return c->on_disk == PUB_DISK_PRESENT;
}

size_t
site_find_page(const struct site *s, const char *path)
{
	int found;
	size_t i = page_place(s, path, &found);

	return found ? i : (size_t)-1;
}

int
site_written(const struct site *s, size_t page, size_t li)
{
	const struct pub_page *p = &s->pages[page];

	if (li >= p->ncells || p->cells[li].state != PUB_WRITTEN)
		return 0;
	return site_on_disk(s, page, li);
}

int
site_published(const struct site *s, size_t page, size_t li)
{
	return !s->langs.v[li].pseudo && site_written(s, page, li);
}

int
site_indexed(const struct site *s, size_t page, size_t li)
{
	const struct pub_cell *c = &s->pages[page].cells[li];

	if (!site_published(s, page, li) || site_is_not_found(s, page))
		return 0;
	if (s->langs.v[li].source)
		return 1;
	/* Fallback units above the allowed share: a mixed-language page that
	 * search engines would take for a duplicate of the source. */
	unsigned long fallback = (unsigned long)c->total - c->translated;
	return fallback * 100 <= (unsigned long)s->opt.noindex_fallback * c->total;
}
