/* cmd-check.c - `l10n check`: check translations against their sources
 * and report findings as text, JSON lines or SARIF 2.1.0. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog.h"
#include "check.h"
#include "cmd.h"
#include "fsutil.h"
#include "i18n.h"
#include "json.h"
#include "lang.h"
#include "spawn.h"
#include "workq.h"

#ifndef L10N_VERSION
#define L10N_VERSION "0.1"
#endif

enum format { FMT_TEXT, FMT_JSON, FMT_SARIF };

struct out {
	enum format format;
	FILE *fp;
	struct strbuf sarif;		/* results, comma-separated */
	unsigned nresults;
	unsigned count[2];		/* warnings, errors */
};

static void
usage(int status)
{
	if (status != 0)
		cmd_try_help("check", status);
	printf(_("Usage: l10n check [OPTION]... PO...\n"
	    "Check the translations of each PO file against their sources: markup,\n"
	    "safety, URLs, numbers, names, terminology, plural forms, punctuation,\n"
	    "Unicode and more ('l10n check --list' shows every check and why).\n"
	    "Findings are printed as 'FILE:LINE:COL: LEVEL: MESSAGE [CHECK]' at the\n"
	    "msgstr, then a summary line.\n\n"
	    "Selecting checks:\n"
	    "  -e, --enable=IDS       run only these checks (comma-separated ids)\n"
	    "  -d, --disable=IDS      do not run these checks\n"
	    "  -W, --warnings-as-errors  report warnings as errors (exit status 1)\n"
	    "  -l, --list             list the checks with their rationale and exit\n\n"
	    "Inputs:\n"
	    "  -L, --lang=LANG        the catalogs' language (default: the header's\n"
	    "                         Language, else the file name)\n"
	    "  -g, --glossary=FILE    TBX glossary (default: glossary.tbx in the PO\n"
	    "                         file's folder or the one above it, e.g. po/)\n"
	    "  -G, --no-glossary      no glossary\n"
	    "  -x, --exceptions=FILE  accepted findings (default: LANG.exceptions next\n"
	    "                         to each PO file)\n\n"
	    "Output:\n"
	    "  -f, --format=FORMAT    text (default), json (one object per line) or\n"
	    "                         sarif (SARIF 2.1.0)\n"
	    "  -h, --help             show this help\n\n"
	    "Suppression: a translator comment '# l10n-ignore: numbers, length — why'\n"
	    "on an entry, or the same comment on the entry in the exceptions file.\n\n"
	    "Exit status: 0 no errors, 1 errors were found (or warnings with -W),\n"
	    "2 usage or I/O failure.\n"));
	exit(0);
}

/* Print S wrapped at 78 columns, each line indented by INDENT spaces. */
static void
print_wrapped(const char *s, int indent)
{
	int col = indent;

	printf("%*s", indent, "");
	while (*s != '\0') {
		size_t w = strcspn(s, " ");
		if (col > indent && col + 1 + (int)w > 78) {
			printf("\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			putchar(' ');
			col++;
		}
		printf("%.*s", (int)w, s);
		col += (int)w;
		s += w;
		while (*s == ' ')
			s++;
	}
	putchar('\n');
}

static void
list_checks(void)
{
	for (int i = 0; i < CHECK_N; i++) {
		printf("%-18s %-8s %s\n", check_name(i), diag_level_name(check_level(i)),
		    _(check_description(i)));
		print_wrapped(_(check_rationale(i)), 28);
		putchar('\n');
	}
}

/* ---- Output ------------------------------------------------------------- */

/* A URI reference for a path (RFC 3986: unreserved characters and '/'
 * kept, everything else percent-encoded). */
static void
uri_of(struct strbuf *sb, const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			strbuf_putc(sb, (char)*p);
		else
			strbuf_printf(sb, "%%%02X", *p);
	}
}

static const char *
sarif_level(enum diag_level l)
{
	return l == DIAG_LEVEL_WARNING ? "warning" : "error";
}

static void
sink(void *arg, const struct check_finding *f)
{
	struct out *o = arg;
	struct strbuf sb = STRBUF_INIT;
	int err = f->level != DIAG_LEVEL_WARNING;

	o->count[err]++;
	switch (o->format) {
	case FMT_TEXT:
		fprintf(o->fp, "%s:%lu:%lu: %s: %s [%s]\n", f->file, f->line, f->col,
		    diag_level_name(f->level), f->message, check_name(f->check));
		break;
	case FMT_JSON:
		json_begin(&sb);
		json_str(&sb, "file", f->file);
		json_uint(&sb, "line", f->line);
		json_uint(&sb, "column", f->col);
		if (f->msgid)
			json_str(&sb, "msgid", f->msgid);
		else
			json_null(&sb, "msgid");
		if (f->msgctxt)
			json_str(&sb, "msgctxt", f->msgctxt);
		else
			json_null(&sb, "msgctxt");
		json_str(&sb, "check", check_name(f->check));
		json_str(&sb, "severity", err ? "error" : "warning");
		json_str(&sb, "message", f->message);
		json_end(&sb);
		fprintf(o->fp, "%s\n", sb.buf);
		break;
	case FMT_SARIF:
		if (o->nresults++)
			strbuf_puts(&o->sarif, ",\n");
		strbuf_puts(&o->sarif, "{\"ruleId\":");
		json_quote(&o->sarif, check_name(f->check));
		strbuf_printf(&o->sarif, ",\"ruleIndex\":%d,\"level\":\"%s\",\"message\":{\"text\":",
		    (int)f->check, sarif_level(f->level));
		json_quote(&o->sarif, f->message);
		strbuf_puts(&o->sarif, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
		strbuf_reset(&sb);
		uri_of(&sb, f->file);
		json_quote(&o->sarif, sb.buf);
		strbuf_printf(&o->sarif, "},\"region\":{\"startLine\":%lu", f->line ? f->line : 1);
		if (f->col)
			strbuf_printf(&o->sarif, ",\"startColumn\":%lu", f->col);
		strbuf_puts(&o->sarif, "}}}],\"properties\":{");
		strbuf_puts(&o->sarif, "\"msgid\":");
		if (f->msgid)
			json_quote(&o->sarif, f->msgid);
		else
			strbuf_puts(&o->sarif, "null");
		strbuf_puts(&o->sarif, ",\"msgctxt\":");
		if (f->msgctxt)
			json_quote(&o->sarif, f->msgctxt);
		else
			strbuf_puts(&o->sarif, "null");
		strbuf_puts(&o->sarif, "}}");
		break;
	}
	strbuf_release(&sb);
}

static void
write_sarif(struct out *o)
{
	FILE *fp = o->fp;

	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\n"
	    "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"l10n check\",\"version\":\"" L10N_VERSION "\",\n"
	    "\"rules\":[\n", fp);
	for (int i = 0; i < CHECK_N; i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_puts(&sb, "{\"id\":");
		json_quote(&sb, check_name(i));
		strbuf_puts(&sb, ",\"shortDescription\":{\"text\":");
		json_quote(&sb, check_description(i));
		strbuf_puts(&sb, "},\"fullDescription\":{\"text\":");
		json_quote(&sb, check_rationale(i));
		strbuf_printf(&sb, "},\"defaultConfiguration\":{\"level\":\"%s\"}}%s\n",
		    sarif_level(check_level(i)), i + 1 < CHECK_N ? "," : "");
		fputs(sb.buf, fp);
		strbuf_release(&sb);
	}
	fputs("]}},\n\"columnKind\":\"unicodeCodePoints\",\n\"results\":[\n", fp);
	if (o->sarif.len)
		fputs(o->sarif.buf, fp);
	fputs("\n]}]}\n", fp);
}

/* ---- Options -------------------------------------------------------------- */

static int
select_checks(const char *list, int value, int enabled[CHECK_N])
{
	char *copy = xstrdup(list), *save = NULL;
	int r = 0;

	for (char *w = strtok_r(copy, ", ", &save); w != NULL; w = strtok_r(NULL, ", ", &save)) {
		int id = check_by_name(w);
		if (id < 0) {
			fprintf(stderr, _("l10n check: '%s' is not a check; see 'l10n check --list'\n"), w);
			r = -1;
			continue;
		}
		enabled[id] = value;
	}
	free(copy);
	return r;
}

static char *
default_glossary(const char *po)
{
	char *dir = dir_of(po), *p = xasprintf("%s/glossary.tbx", dir);

	if (!file_exists(p)) {
		free(p);
		p = xasprintf("%s/../glossary.tbx", dir);
		if (!file_exists(p)) {
			free(p);
			p = NULL;
		}
	}
	free(dir);
	return p;
}

/* The catalog's language: --lang, else the header, else the file name
 * ("po/site/zh_Hans.po", "tests/numbers.de.po": the part before ".po"
 * after the last other dot). */
static void
catalog_lang(const struct catalog *cat, const char *forced, char *out, size_t size)
{
	char *v = forced ? NULL : catalog_header_field(cat, "Language");
	char tag[64];

	if (forced != NULL) {
		snprintf(out, size, "%s", forced);
	} else if (v != NULL && *v != '\0' && lang_bcp47(v, tag, sizeof tag) == 0) {
		snprintf(out, size, "%s", v);
	} else {
		const char *base = strrchr(cat->path, '/');
		base = base ? base + 1 : cat->path;
		size_t n = strlen(base);
		if (n > 3 && strcmp(base + n - 3, ".po") == 0)
			n -= 3;
		const char *dot = memrchr(base, '.', n);
		if (dot != NULL) {
			n -= (size_t)(dot + 1 - base);
			base = dot + 1;
		}
		snprintf(out, size, "%.*s", (int)n, base);
	}
	free(v);
}

/* ---- Checking a file, large ones in parts, a process each ---------------- */

struct run {
	int enabled[CHECK_N];
	int werror;
	const char *forced_lang, *exceptions;
	struct out *o;
	struct check_session *session;
	struct diag *d;
	unsigned ncat, nmsg;
	int io_failed;
};

/* A catalog of at least this many bytes is checked in parts, a process
 * each, on a machine with two processors or more.
 * L10N_CHECK_PARALLEL_MIN sets the size (for the tests). */
#define PARALLEL_MIN (1u << 20)
/* Processes at most (one per processor), parts per process, and parts at
 * most.  Two parts a process, so that a process given a slower processor
 * takes fewer: with two fixed halves, one half's process was once seen
 * taking 58-62 % of the samples, which one varying from run to run.  Where
 * the processors are equal, or one runs a busy loop (the scheduler moves
 * the work to the other), 1, 2 and 4 parts a process and the two fixed
 * halves measured the same: the 20,000-entry bench catalog, medians of 9
 * interleaved runs, 0.330-0.337 s, and 0.531-0.546 s. */
#define MAX_PROCS 16
#define PARTS_PER_PROC 2
#define MAX_PARTS (MAX_PROCS * PARTS_PER_PROC)

/* Prepare a checker for CAT; 0, or -1 (diagnosed). */
static int
checker_for(struct run *r, const struct catalog *cat, const char *path, check_sink *snk,
    void *arg, struct checker *ck)
{
	char lang[64];

	catalog_lang(cat, r->forced_lang, lang, sizeof lang);
	if (checker_init(ck, lang, snk, arg, r->session) < 0) {
		diag(r->d, DIAG_CHECK_LANG, NULL, 0, 0, path, lang);
		return -1;
	}
	memcpy(ck->enabled, r->enabled, sizeof r->enabled);
	ck->werror = r->werror;
	char *xpath = r->exceptions ? xstrdup(r->exceptions) : NULL;
	if (xpath == NULL) {
		char *dir = dir_of(path), po_name[64];
		lang_po_name(ck->lang, po_name, sizeof po_name);
		xpath = xasprintf("%s/%s.exceptions", dir, po_name);
		free(dir);
		if (!file_exists(xpath)) {
			free(xpath);
			xpath = NULL;
		}
	}
	int ret = xpath != NULL && checker_load_exceptions(ck, r->d, xpath) < 0 ? -1 : 0;
	free(xpath);
	if (ret < 0)
		checker_release(ck);
	return ret;
}

static unsigned
count_messages(const struct catalog *cat)
{
	unsigned n = 0;

	for (size_t k = 0; k < cat->n; k++)
		n += !cat->v[k].obsolete && (cat->v[k].msgid[0] != '\0' || cat->v[k].msgctxt);
	return n;
}

/* The child's results travel through a memory file as records: a tag
 * byte, numbers, and strings as a length (UINT32_MAX: none) and bytes. */
static void
put_u32(FILE *fp, uint32_t v)
{
	fwrite(&v, sizeof v, 1, fp);
}

static void
put_str(FILE *fp, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : UINT32_MAX;

	put_u32(fp, n);
	if (s != NULL)
		fwrite(s, 1, n, fp);
}

static int
get_u32(FILE *fp, uint32_t *v)
{
	return fread(v, sizeof *v, 1, fp) == 1 ? 0 : -1;
}

static int
get_str(FILE *fp, char **s)
{
	uint32_t n;

	*s = NULL;
	if (get_u32(fp, &n) < 0)
		return -1;
	if (n == UINT32_MAX)
		return 0;
	*s = xmalloc((size_t)n + 1);
	if (fread(*s, 1, n, fp) != n) {
		free(*s);
		*s = NULL;
		return -1;
	}
	(*s)[n] = '\0';
	return 0;
}

static void
child_sink(void *arg, const struct check_finding *f)
{
	FILE *fp = arg;

	fputc('F', fp);
	put_u32(fp, (uint32_t)f->line);
	put_u32(fp, (uint32_t)f->col);
	put_u32(fp, (uint32_t)f->check);
	put_u32(fp, (uint32_t)f->code);
	put_u32(fp, (uint32_t)f->level);
	put_str(fp, f->msgid);
	put_str(fp, f->msgctxt);
	put_str(fp, f->message);
}

/* Check CAT (released here) with CK, a checker set up for it; the
 * translations go to SEEN_OUT, unless NULL, as records for the parent,
 * which checks the language's next catalogs for consistency with them.
 * Returns the catalog's message count. */
static int
check_with(struct run *r, struct checker *ck, struct catalog *cat, FILE *seen_out)
{
	int n;

	check_catalog(ck, cat);
	n = (int)count_messages(cat);
	for (size_t k = 0; seen_out != NULL && !r->session->no_consistency && k < cat->n; k++) {
		const struct catalog_entry *e = &cat->v[k];
		if (e->obsolete || e->fuzzy || e->msgid_plural || e->msgstr[0] == '\0' ||
		    (e->msgid[0] == '\0' && e->msgctxt == NULL))
			continue;
		fputc('S', seen_out);
		put_str(seen_out, ck->lang);
		put_str(seen_out, e->msgctxt);
		put_str(seen_out, e->msgid);
		put_u32(seen_out, (uint32_t)e->msgstr_line);
		put_str(seen_out, e->msgstr);
	}
	catalog_release(cat);
	return n;
}

/* Check TEXT (LEN bytes of PATH), or the file PATH when TEXT is NULL,
 * whole in this process, and count it; CAT, unless NULL, is TEXT already
 * read (released here).  libgettextpo reads the catalog once: in the
 * child that reads every catalog first, which hands back its digest
 * (catalog.c), or from the digest `make l10n` (or L10N_CACHE_DIR) keeps
 * for these bytes when there is one. */
static void
check_whole(struct run *r, const char *path, const char *text, size_t len,
    struct catalog *cat)
{
	struct catalog own;
	struct checker ck;
	int n;

	if (cat == NULL) {
		cat = &own;
		if ((text != NULL ? catalog_read_text_lookup(r->d, text, len, path, cat)
		    : catalog_read_lookup(r->d, path, cat)) < 0) {
			if (cat->file != NULL || cat->path != NULL)
				catalog_release(cat);
			return;
		}
	}
	if (checker_for(r, cat, path, sink, r->o, &ck) < 0) {
		catalog_release(cat);
		r->io_failed = 1;
		return;
	}
	if (text != NULL)
		checker_preload(&ck, path, text, len);
	n = check_with(r, &ck, cat, NULL);
	checker_release(&ck);
	r->ncat++;
	r->nmsg += (unsigned)n;
}

/* Replay the child's records: findings to the sink, translations to the
 * session.  Returns the child's message count, or -1. */
static int
replay(struct run *r, const char *path, FILE *fp)
{
	int c, n = -1;

	rewind(fp);
	while ((c = fgetc(fp)) != EOF) {
		if (c == 'F') {
			uint32_t line, col, check, code, level;
			char *msgid, *msgctxt, *message;
			if (get_u32(fp, &line) < 0 || get_u32(fp, &col) < 0 || get_u32(fp, &check) < 0 ||
			    get_u32(fp, &code) < 0 || get_u32(fp, &level) < 0 ||
			    get_str(fp, &msgid) < 0 || get_str(fp, &msgctxt) < 0 ||
			    get_str(fp, &message) < 0 || check >= CHECK_N || code >= CMSG_N ||
			    level >= DIAG_NLEVELS)
				return -1;
			struct check_finding f = { path, line, col, msgid, msgctxt,
			    (enum check_id)check, (enum check_msg)code, (enum diag_level)level,
			    message ? message : "" };
			sink(r->o, &f);
			free(msgid);
			free(msgctxt);
			free(message);
		} else if (c == 'S') {
			char *lang, *msgctxt, *msgid, *msgstr;
			uint32_t line;
			if (get_str(fp, &lang) < 0 || get_str(fp, &msgctxt) < 0 ||
			    get_str(fp, &msgid) < 0 || get_u32(fp, &line) < 0 || get_str(fp, &msgstr) < 0 ||
			    lang == NULL || msgid == NULL || msgstr == NULL)
				return -1;
			check_session_add(r->session, lang, msgctxt, msgid, path, line, msgstr);
			free(lang);
			free(msgctxt);
			free(msgid);
			free(msgstr);
		} else if (c == 'E') {
			uint32_t msgs, errors, fatal;
			if (get_u32(fp, &msgs) < 0 || get_u32(fp, &errors) < 0 || get_u32(fp, &fatal) < 0)
				return -1;
			n = (int)msgs;
			r->d->count[DIAG_LEVEL_ERROR] += errors;
			r->d->count[DIAG_LEVEL_FATAL] += fatal;
		} else {
			return -1;
		}
	}
	return n;
}

/* Where to cut TEXT at or past FROM: after a blank line (entries are
 * separated by blank lines; a string never holds a raw newline).  Returns
 * 0 when there is no such place. */
static size_t
split_point(const char *text, size_t len, size_t from)
{
	const char *p = text + from, *end = text + len;

	while (p + 1 < end) {
		const char *q = memchr(p, '\n', (size_t)(end - p));
		if (q == NULL || q + 1 >= end)
			return 0;
		if (q[1] == '\n')
			return (size_t)(q + 2 - text);
		p = q + 1;
	}
	return 0;
}

/* Can the parts of PATH share its header entry, the first HEAD bytes of
 * TEXT, without a word about it: does it read without a diagnostic, and
 * get a checker set up (a language ICU knows, the exceptions file read)?
 * Otherwise PATH is checked whole, so that its header's problems are
 * reported once, as in one process. */
static int
header_shared(struct run *r, const char *path, const char *text, size_t head)
{
	struct catalog cat;
	struct checker ck;
	struct diag quiet, *saved = r->d;
	int ok;

	diag_init(&quiet);
	quiet.out = NULL;
	if (catalog_read_text(&quiet, text, head, path, &cat) < 0) {
		catalog_release(&cat);
		return 0;
	}
	r->d = &quiet;
	ok = cat.errors == 0 && cat.header != NULL && cat.n == 1 &&
	    checker_for(r, &cat, path, sink, NULL, &ck) == 0;
	if (ok)
		checker_release(&ck);
	r->d = saved;
	ok = ok && quiet.count[DIAG_LEVEL_WARNING] + quiet.count[DIAG_LEVEL_ERROR] +
	    quiet.count[DIAG_LEVEL_FATAL] == 0;
	catalog_release(&cat);
	return ok;
}

/* A part of a catalog, checked in one of the child processes. */
struct part {
	size_t from, to;	/* its bytes of the catalog's */
	size_t lines;		/* lines between the header and FROM */
	FILE *res;		/* its records: findings, translations, the end */
	FILE *err;		/* what its reading said (for stderr, in order) */
};

/* In child process WHO (from 1): check the parts of SB, PATH's text, that
 * are left in Q, one at a time, until none is; send each part's records;
 * end.  The first part is the text up to its end; any other the header
 * (HEAD bytes), a newline for each line before it (so that its line
 * numbers are the file's), then its bytes.  One checker serves every part
 * the process takes: it is set up, and reads the whole text for names and
 * flags, once. */
static _Noreturn void
run_parts(struct run *r, const char *path, const struct strbuf *sb, size_t head,
    struct part *parts, struct workq *q, unsigned char who)
{
	struct strbuf text = STRBUF_INIT;
	struct checker ck;
	struct diag cd;		/* the part's: its reading's diagnostics, counted */
	int have_ck = 0, failed = 0;
	size_t k;

	r->d = &cd;
	while (!failed && (k = workq_take(q, who)) != (size_t)-1) {
		struct part *p = &parts[k];
		struct catalog cat;
		const char *t = sb->buf;
		size_t len = p->to;
		int n = -1;

		diag_init(&cd);
		cd.out = p->err;
		if (k > 0) {
			strbuf_reset(&text);
			strbuf_grow(&text, head + p->lines + (p->to - p->from) + 1);
			mem_prefault(text.buf, text.cap);
			strbuf_add(&text, sb->buf, head);
			memset(text.buf + text.len, '\n', p->lines);
			text.len += p->lines;
			strbuf_add(&text, sb->buf + p->from, p->to - p->from);
			t = text.buf;
			len = text.len;
		}
		/* Reading (under catalog.c's memory limit, with a heap in huge
		 * pages for about four times the text) and checking. */
		if (catalog_read_text_disposable(&cd, t, len, path, &cat) < 0) {
			if (cat.file != NULL || cat.path != NULL)
				catalog_release(&cat);
		} else if (!have_ck && checker_for(r, &cat, path, child_sink, p->res, &ck) < 0) {
			catalog_release(&cat);
			failed = 1;
		} else {
			if (!have_ck)
				checker_preload(&ck, path, sb->buf, sb->len);
			have_ck = 1;
			ck.sink_arg = p->res;
			ck.skip_header = k > 0;
			n = check_with(r, &ck, &cat, p->res);
		}
		fputc('E', p->res);
		put_u32(p->res, (uint32_t)(n < 0 ? 0 : n));
		put_u32(p->res, cd.count[DIAG_LEVEL_ERROR]);
		put_u32(p->res, cd.count[DIAG_LEVEL_FATAL] + (n < 0 &&
		    cd.count[DIAG_LEVEL_FATAL] == 0 && cd.count[DIAG_LEVEL_ERROR] == 0));
		if (fflush(p->err) != 0 || fflush(p->res) != 0)
			failed = 1;
	}
	/* Freed although the process ends: valgrind's leak check (make
	 * leakcheck) would fail it otherwise. */
	if (have_ck)
		checker_release(&ck);
	strbuf_release(&text);
	_exit(failed || r->io_failed ? 1 : 0);
}

/* Cut SB, PATH's text, into at most WANT parts (and MAX_PARTS) at entry
 * boundaries, after its header entry (*HEAD bytes).  Returns their
 * number: 0 when it is better checked whole (no header the parts can
 * share, no place to cut). */
static int
plan_parts(struct run *r, const char *path, const struct strbuf *sb, int want,
    struct part parts[MAX_PARTS], size_t *head)
{
	const char *h = memchr(sb->buf, '\0', sb->len) == NULL ? strstr(sb->buf, "\n\n") : NULL;
	size_t from = 0;
	int nparts = 0;

	if (want > MAX_PARTS)
		want = MAX_PARTS;
	if (h == NULL)
		return 0;
	*head = (size_t)(h + 2 - sb->buf);
	if (!header_shared(r, path, sb->buf, *head))
		return 0;
	for (int k = 1; k < want; k++) {
		size_t cut = split_point(sb->buf, sb->len, sb->len / (size_t)want * (size_t)k);
		if (cut <= *head || cut <= from)
			continue;
		parts[nparts].from = from;
		parts[nparts++].to = cut;
		from = cut;
	}
	if (nparts > 0) {
		parts[nparts].from = from;
		parts[nparts++].to = sb->len;
	}
	/* The lines each part's text repeats as empty ones, counted in one
	 * pass over the catalog. */
	size_t lines = 0;
	const char *c = sb->buf + *head;
	for (int k = 0; k < nparts; k++) {
		const char *end = sb->buf + parts[k].from, *nl;
		while (c < end && (nl = memchr(c, '\n', (size_t)(end - c))) != NULL) {
			lines++;
			c = nl + 1;
		}
		if (c < end)
			c = end;
		parts[k].lines = lines;
	}
	return nparts;
}

/* Report part NUM (from 1) of NPARTS: its reading's diagnostics, then, if
 * the process that took it ended normally (DONE), its findings and
 * translations.  Returns its message count, or -1: its process did not
 * finish normally, or none took it (diagnosed if REPORT). */
static int
finish_part(struct run *r, const char *path, struct part *p, int num, int nparts, int done,
    int report)
{
	struct strbuf err = STRBUF_INIT;
	int n = -1;

	if (p->err != NULL) {
		if (read_fd_all(fileno(p->err), &err) == 0)
			fwrite(err.buf, 1, err.len, stderr);
		strbuf_release(&err);
		fclose(p->err);
	}
	if (p->res != NULL) {
		if (done)
			n = replay(r, path, p->res);
		fclose(p->res);
	}
	if (n < 0 && report)
		diag(r->d, DIAG_CHECK_PART, NULL, 0, 0, path, num, nparts);
	return n;
}

/* Check PATH.  A large catalog is cut at entry boundaries into parts,
 * a few per processor, which child processes, one per processor, take
 * in turn until none is left (libgettextpo reads a file in one thread
 * only; a process that was given a slower processor, or a busier one,
 * takes fewer parts).  This process keeps the bytes, and reports each
 * part's diagnostics, findings and translations, which come back through
 * memory files, in file order.  The parts of a process that died
 * (libgettextpo ends a process when memory is exhausted) are reported,
 * and the run fails. */
static void
check_file(struct run *r, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	size_t min = PARALLEL_MIN, head = 0;
	const char *env = getenv("L10N_CHECK_PARALLEL_MIN");
	struct part parts[MAX_PARTS];
	pid_t pid[MAX_PROCS];
	int status[MAX_PROCS];
	int nparts, nprocs, started = 0, ok = 1;
	unsigned nmsg = 0;
	struct stat stt;
	struct workq *q;

	if (env != NULL && *env != '\0')
		min = (size_t)strtoul(env, NULL, 10);
	/* Parts are checked in parallel, and take less processor time than
	 * one whole (no reading child; measured: 1.0-1.2 s against 1.3-1.4 s
	 * on the 20,000-entry bench catalog), so a busy machine is no reason
	 * to check a large catalog whole. */
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	if (stat(path, &stt) < 0 || !S_ISREG(stt.st_mode) || (size_t)stt.st_size < min ||
	    ncpu < 2) {
		check_whole(r, path, NULL, 0, NULL);
		return;
	}
	if (read_file(r->d, path, fs_input_limit(), &sb) < 0) {
		strbuf_release(&sb);
		return;
	}
	/* Bytes with a digest in L10N_CACHE_DIR (`make l10n` keeps one
	 * for each catalog it read) are read from it, without libgettextpo:
	 * checked whole, they take a third of the processor time that parts
	 * do (measured: the 30 catalogs of the bench corpus, 1.8 s against
	 * 5.5 s, in the same wall time). */
	struct catalog cat;
	int digested = catalog_read_text_from_digest(r->d, sb.buf, sb.len, path, &cat) == 0;
	nprocs = ncpu < MAX_PROCS ? (int)ncpu : MAX_PROCS;
	nparts = digested ? 0 : plan_parts(r, path, &sb, nprocs * PARTS_PER_PROC, parts, &head);
	q = nparts > 0 ? workq_new((size_t)nparts) : NULL;
	if (q == NULL) {
		check_whole(r, path, sb.buf, sb.len, digested ? &cat : NULL);
		strbuf_release(&sb);
		return;
	}
	if (nprocs > nparts)
		nprocs = nparts;

	for (int k = 0; k < nparts; k++) {
		struct part *p = &parts[k];
		int fd = memfd_create("l10n-check", MFD_CLOEXEC);
		int efd = memfd_create("l10n-check-err", MFD_CLOEXEC);
		p->res = fd >= 0 ? fdopen(fd, "w+") : NULL;
		p->err = efd >= 0 ? fdopen(efd, "w+") : NULL;
		if (p->res == NULL || p->err == NULL) {
			if (ok)
				diag(r->d, DIAG_WRITE, NULL, 0, 0, "memory file", strerror(errno));
			if (p->res == NULL && fd >= 0)
				close(fd);
			if (p->err == NULL && efd >= 0)
				close(efd);
			ok = 0;
		}
	}
	fflush(NULL);
	for (int w = 0; ok && w < nprocs; w++) {
		pid[w] = fork();
		if (pid[w] == 0)
			run_parts(r, path, &sb, head, parts, q, (unsigned char)(w + 1));
		if (pid[w] < 0) {
			diag(r->d, DIAG_READ, NULL, 0, 0, path, strerror(errno));
			ok = 0;
		} else {
			started++;
		}
	}
	for (int w = 0; w < started; w++)
		status[w] = spawn_wait(pid[w], NULL);
	/* In file order; after a failure to start (diagnosed), only what the
	 * readings said. */
	int all_started = ok;
	for (int k = 0; k < nparts; k++) {
		unsigned who = workq_taker(q, (size_t)k);
		int n = finish_part(r, path, &parts[k], k + 1, nparts,
		    all_started && who > 0 && status[who - 1] == 0, all_started);
		if (n < 0)
			ok = 0;
		else
			nmsg += (unsigned)n;
	}
	workq_free(q);
	if (ok) {
		r->ncat++;
		r->nmsg += nmsg;
	} else {
		r->io_failed = 1;
	}
	strbuf_release(&sb);
}

int
cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "enable", required_argument, NULL, 'e' },
		{ "disable", required_argument, NULL, 'd' },
		{ "warnings-as-errors", no_argument, NULL, 'W' },
		{ "list", no_argument, NULL, 'l' },
		{ "lang", required_argument, NULL, 'L' },
		{ "glossary", required_argument, NULL, 'g' },
		{ "no-glossary", no_argument, NULL, 'G' },
		{ "exceptions", required_argument, NULL, 'x' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int enabled[CHECK_N], only = 0, werror = 0, no_glossary = 0, c;
	const char *forced_lang = NULL, *glossary_path = NULL, *exceptions = NULL;
	struct out o;
	struct diag d;
	unsigned ncat = 0, nmsg = 0;
	int io_failed = 0;

	memset(&o, 0, sizeof o);
	o.fp = stdout;
	for (int i = 0; i < CHECK_N; i++)
		enabled[i] = 1;
	diag_init(&d);
	while ((c = getopt_long(argc, argv, "e:d:WlL:g:Gx:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'e':
			if (!only) {
				for (int i = 0; i < CHECK_N; i++)
					enabled[i] = 0;
				only = 1;
			}
			if (select_checks(optarg, 1, enabled) < 0)
				usage(2);
			break;
		case 'd':
			if (select_checks(optarg, 0, enabled) < 0)
				usage(2);
			break;
		case 'W':
			werror = 1;
			break;
		case 'l':
			list_checks();
			return 0;
		case 'L':
			forced_lang = optarg;
			break;
		case 'g':
			glossary_path = optarg;
			break;
		case 'G':
			no_glossary = 1;
			break;
		case 'x':
			exceptions = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o.format = FMT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o.format = FMT_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				o.format = FMT_SARIF;
			else {
				fprintf(stderr, _("l10n check: unknown format '%s'\n"), optarg);
				usage(2);
			}
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	if (optind >= argc) {
		fprintf(stderr, _("l10n check: no PO file given\n"));
		usage(2);
	}

	struct glossary *g = NULL;
	if (!no_glossary) {
		/* Its name is not kept: the processes that check parts of a
		 * catalog end with this function's locals out of their reach
		 * (valgrind counted it lost in them). */
		char *gpath = glossary_path ? xstrdup(glossary_path) : default_glossary(argv[optind]);
		if (gpath != NULL && (g = glossary_load(&d, gpath)) == NULL)
			io_failed = 1;
		free(gpath);
	}
	struct check_session session;
	check_session_init(&session, g);
	/* Consistency compares catalogs: with one, there is nothing to keep. */
	session.no_consistency = argc - optind < 2;
	struct run r = { { 0 }, werror, forced_lang, exceptions, &o, &session, &d, 0, 0, 0 };
	memcpy(r.enabled, enabled, sizeof enabled);
	for (int i = optind; i < argc && !r.io_failed; i++)
		check_file(&r, argv[i]);
	ncat = r.ncat;
	nmsg = r.nmsg;
	io_failed |= r.io_failed;
	if (o.format == FMT_SARIF)
		write_sarif(&o);
	fflush(o.fp);
	if (ferror(o.fp)) {
		diag(&d, DIAG_WRITE, NULL, 0, 0, "standard output", strerror(errno));
		io_failed = 1;
	}
	unsigned errors = o.count[1] + diag_errors(&d), warnings = o.count[0];
	FILE *sum = o.format == FMT_TEXT ? stdout : stderr;
	fprintf(sum, _("%u catalogs, %u messages: %u errors, %u warnings\n"), ncat, nmsg,
	    errors, warnings);
	check_session_release(&session);
	glossary_free(g);
	free(o.sarif.buf);
	if (io_failed || diag_exit_status(&d) == 2)
		return 2;
	return errors ? 1 : 0;
}
