/* po-writer.c - PO entries as text, byte for byte what gettext's
 * po_file_write() prints (write-po.c of gettext 0.21: message_print(),
 * wrap(), the comment printers), without its cost: it converts every
 * character with iconv, about a second per 10 MB of template.  The line
 * breaks come from the same libunistring function gettext calls.
 * tests/extract/writer.test compares the two on every test document. */
#define _GNU_SOURCE
#include "po-writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>
#include <unistr.h>

/* gettext's default page width, and what wrap() derives from it for a
 * line without prefix in the unindented style: the closing quote and the
 * opening quote of continuation lines leave 77 columns. */
#define PAGE_WIDTH 79
#define WRAP_WIDTH (PAGE_WIDTH - 1 - 1)

/* Can gettext's writer print S as this file does?  UTF-8 without control
 * characters other than newline and tab (it warns about "\r", "\a", ...). */
static int
plain(const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\n' && c != '\t')
			return 0;
	}
	return u8_check((const uint8_t *)s, len) == NULL;
}

/* Print NAME and VALUE as gettext's wrap() does (no line prefix, no
 * indentation, wrapping on, UTF-8). */
static void
wrap(struct strbuf *sb, const char *name, const char *value)
{
	const char *s = value;
	size_t namelen = strlen(name), cap = 0;
	char *portion = NULL, *overrides = NULL, *breaks = NULL;
	int first_line = 1;

	do {
		const char *es = s;
		size_t n = 0;

		while (*es != '\0')
			if (*es++ == '\n')
				break;
		if (2 * (size_t)(es - s) + 1 > cap) {
			cap = 2 * (size_t)(es - s) + 1;
			portion = xrealloc(portion, cap);
			overrides = xrealloc(overrides, cap);
			breaks = xrealloc(breaks, cap);
		}
		for (const char *ep = s; ep < es; ep++) {
			char c = *ep;
			if (c == '\n' || c == '\t' || c == '\\' || c == '"') {
				portion[n] = '\\';
				portion[n + 1] = c == '\n' ? 'n' : c == '\t' ? 't' : c;
				overrides[n] = UC_BREAK_UNDEFINED;
				overrides[n + 1] = UC_BREAK_PROHIBITED;
				n += 2;
			} else {
				/* A whole character: no break inside it. */
				unsigned char b = (unsigned char)c;
				size_t k = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
				memcpy(portion + n, ep, k);
				overrides[n] = UC_BREAK_UNDEFINED;
				memset(overrides + n + 1, UC_BREAK_PROHIBITED, k - 1);
				n += k;
				ep += k - 1;
			}
		}
		/* Not immediately before the "\n" at the end. */
		if (es > s && es[-1] == '\n')
			overrides[n - 2] = UC_BREAK_PROHIBITED;
		for (;;) {
			int startcol = first_line ? (int)namelen + 1 : 0;
			ulc_width_linebreaks(portion, n, WRAP_WIDTH, startcol, 0, overrides,
			    "UTF-8", breaks);
			/* A first line that would wrap: an empty one instead. */
			if (first_line && n > 0 && (*es != '\0' || startcol > WRAP_WIDTH ||
			    memchr(breaks, UC_BREAK_POSSIBLE, n) != NULL)) {
				strbuf_puts(sb, name);
				strbuf_add(sb, " \"\"\n", 4);
				first_line = 0;
				continue;
			}
			break;
		}
		if (first_line) {
			strbuf_puts(sb, name);
			strbuf_putc(sb, ' ');
			first_line = 0;
		}
		strbuf_putc(sb, '"');
		size_t from = 0;
		for (size_t i = 0; i < n; i++)
			if (breaks[i] == UC_BREAK_POSSIBLE) {
				strbuf_add(sb, portion + from, i - from);
				strbuf_add(sb, "\"\n\"", 3);
				from = i;
			}
		strbuf_add(sb, portion + from, n - from);
		strbuf_add(sb, "\"\n", 2);
		s = es;
	} while (*s != '\0');
	free(portion);
	free(overrides);
	free(breaks);
}

/* Is the reference FILE (LEN bytes) and LINE among the first N of REFS? */
static int
seen_ref(const char *refs, size_t n, const char *file, size_t len, unsigned long line)
{
	const char *r = refs;

	for (size_t i = 0; i < n; i++) {
		const char *nl = strchr(r, '\n');
		const char *colon = memrchr(r, ':', (size_t)(nl - r));
		if ((size_t)(colon - r) == len && memcmp(r, file, len) == 0 &&
		    strtoul(colon + 1, NULL, 10) == line)
			return 1;
		r = nl + 1;
	}
	return 0;
}

/* The "#:" lines of REFS: message_print_comment_filepos(), duplicates
 * left out as po_message_add_filepos() does. */
static int
references(struct strbuf *sb, const char *refs)
{
	size_t column = 2, i = 0;

	strbuf_add(sb, "#:", 2);
	for (const char *r = refs; *r != '\0'; i++) {
		const char *nl = strchr(r, '\n');
		const char *colon = nl ? memrchr(r, ':', (size_t)(nl - r)) : NULL;
		if (colon == NULL)
			return -1;
		const char *file = r;
		size_t flen = (size_t)(colon - r);
		unsigned long line = strtoul(colon + 1, NULL, 10);
		if (memchr(file, ' ', flen) != NULL || memchr(file, '\t', flen) != NULL)
			return -1;
		if (!seen_ref(refs, i, file, flen, line)) {
			char num[24];
			int nlen = snprintf(num, sizeof num, ":%lu", line);
			while (flen >= 2 && file[0] == '.' && file[1] == '/') {
				file += 2;
				flen -= 2;
			}
			size_t len = flen + (size_t)nlen + 1;
			if (column > 2 && column + len > PAGE_WIDTH) {
				strbuf_add(sb, "\n#:", 3);
				column = 2;
			}
			strbuf_putc(sb, ' ');
			strbuf_add(sb, file, flen);
			strbuf_add(sb, num, (size_t)nlen);
			column += len;
		}
		r = nl + 1;
	}
	strbuf_putc(sb, '\n');
	return 0;
}

int
po_writer_entry(struct strbuf *sb, int first, const char *extracted,
    const char *refs, int fuzzy, const char *msgctxt, const char *msgid,
    const char *msgstr)
{
	size_t start = sb->len;

	if ((extracted != NULL && !plain(extracted)) || (msgctxt != NULL && !plain(msgctxt)) ||
	    !plain(msgid) || !plain(msgstr))
		return -1;
	if (!first)
		strbuf_putc(sb, '\n');
	/* po_message_set_extracted_comments() keeps each line, the last
	 * one only when not empty; each is printed as "#." and, when not
	 * empty, a space and the line. */
	for (const char *p = extracted; p != NULL && *p != '\0'; ) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		strbuf_add(sb, "#.", 2);
		if (len > 0) {
			strbuf_putc(sb, ' ');
			strbuf_add(sb, p, len);
		}
		strbuf_putc(sb, '\n');
		p = nl ? nl + 1 : p + len;
	}
	if (refs != NULL && *refs != '\0' && references(sb, refs) < 0) {
		sb->len = start;
		sb->buf[start] = '\0';
		return -1;
	}
	if (fuzzy)
		strbuf_add(sb, "#, fuzzy\n", 9);
	if (msgctxt != NULL)
		wrap(sb, "msgctxt", msgctxt);
	wrap(sb, "msgid", msgid);
	wrap(sb, "msgstr", msgstr);
	return 0;
}
