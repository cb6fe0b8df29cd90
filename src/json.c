/* json.c - one-line JSON objects. */
#include "json.h"

#include <string.h>

void
json_quote(struct strbuf *sb, const char *s)
{
	strbuf_putc(sb, '"');
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"':
			strbuf_puts(sb, "\\\"");
			break;
		case '\\':
			strbuf_puts(sb, "\\\\");
			break;
		case '\n':
			strbuf_puts(sb, "\\n");
			break;
		case '\t':
			strbuf_puts(sb, "\\t");
			break;
		case '\r':
			strbuf_puts(sb, "\\r");
			break;
		default:
			if (c < 0x20)
				strbuf_printf(sb, "\\u%04x", c);
			else
				strbuf_putc(sb, (char)c);
		}
	}
	strbuf_putc(sb, '"');
}

void
json_begin(struct strbuf *sb)
{
	strbuf_putc(sb, '{');
}

void
json_end(struct strbuf *sb)
{
	strbuf_putc(sb, '}');
}

static void
key(struct strbuf *sb, const char *k)
{
	if (sb->len > 0 && sb->buf[sb->len - 1] != '{')
		strbuf_putc(sb, ',');
	json_quote(sb, k);
	strbuf_putc(sb, ':');
}

void
json_str(struct strbuf *sb, const char *k, const char *value)
{
	key(sb, k);
	json_quote(sb, value);
}

void
json_uint(struct strbuf *sb, const char *k, unsigned long value)
{
	key(sb, k);
	strbuf_printf(sb, "%lu", value);
}

void
json_null(struct strbuf *sb, const char *k)
{
	key(sb, k);
	strbuf_puts(sb, "null");
}
