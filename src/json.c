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

/* ---- Reading ------------------------------------------------------------ */

static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	return p;
}

static void
put_utf8(struct strbuf *sb, unsigned long c)
{
	if (c < 0x80) {
		strbuf_putc(sb, (char)c);
	} else if (c < 0x800) {
		strbuf_putc(sb, (char)(0xc0 | (c >> 6)));
		strbuf_putc(sb, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		strbuf_putc(sb, (char)(0xe0 | (c >> 12)));
		strbuf_putc(sb, (char)(0x80 | ((c >> 6) & 0x3f)));
		strbuf_putc(sb, (char)(0x80 | (c & 0x3f)));
	} else {
		strbuf_putc(sb, (char)(0xf0 | (c >> 18)));
		strbuf_putc(sb, (char)(0x80 | ((c >> 12) & 0x3f)));
		strbuf_putc(sb, (char)(0x80 | ((c >> 6) & 0x3f)));
		strbuf_putc(sb, (char)(0x80 | (c & 0x3f)));
	}
}

static unsigned long
hex4(const char *p)
{
	unsigned long v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned long)(c - 'A' + 10);
		else
			return (unsigned long)-1;
	}
	return v;
}

/* A string literal at P (after its quote); its value into OUT unless
 * NULL.  Returns the position after the closing quote, or NULL. */
static const char *
string(const char *p, struct strbuf *out)
{
	for (; *p != '\0' && *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p != '\\') {
			if (out)
				strbuf_putc(out, *p);
			continue;
		}
		p++;
		switch (*p) {
		case '"': case '\\': case '/':
			if (out)
				strbuf_putc(out, *p);
			break;
		case 'b': if (out) strbuf_putc(out, '\b'); break;
		case 'f': if (out) strbuf_putc(out, '\f'); break;
		case 'n': if (out) strbuf_putc(out, '\n'); break;
		case 'r': if (out) strbuf_putc(out, '\r'); break;
		case 't': if (out) strbuf_putc(out, '\t'); break;
		case 'u': {
			unsigned long c = hex4(p + 1);
			if (c == (unsigned long)-1)
				return NULL;
			p += 4;
			if (c >= 0xd800 && c < 0xdc00 && p[1] == '\\' && p[2] == 'u') {
				unsigned long lo = hex4(p + 3);
				if (lo >= 0xdc00 && lo < 0xe000) {
					c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
					p += 6;
				}
			}
			if (out)
				put_utf8(out, c);
			break;
		}
		default:
			return NULL;
		}
	}
	return *p == '"' ? p + 1 : NULL;
}

/* Skip one value at P; NULL when malformed. */
static const char *
value(const char *p, int depth)
{
	p = skip_ws(p);
	if (depth > 64)
		return NULL;
	if (*p == '"')
		return string(p + 1, NULL);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		p = skip_ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (close == '}') {
				p = skip_ws(p);
				if (*p != '"' || (p = string(p + 1, NULL)) == NULL)
					return NULL;
				p = skip_ws(p);
				if (*p++ != ':')
					return NULL;
			}
			if ((p = value(p, depth + 1)) == NULL)
				return NULL;
			p = skip_ws(p);
			if (*p == close)
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	}
	const char *start = p;
	while (*p != '\0' && strchr(",}] \t\r\n", *p) == NULL)
		p++;
	return p > start ? p : NULL;
}

int
json_get_string(const char *obj, const char *k, struct strbuf *out)
{
	const char *p = skip_ws(obj);
	struct strbuf name = STRBUF_INIT;
	int found = 0;

	if (*p++ != '{')
		return -1;
	p = skip_ws(p);
	if (*p == '}')
		return 0;
	for (;;) {
		p = skip_ws(p);
		strbuf_reset(&name);
		if (*p != '"' || (p = string(p + 1, &name)) == NULL)
			break;
		p = skip_ws(p);
		if (*p++ != ':')
			break;
		p = skip_ws(p);
		if (!found && name.buf != NULL && strcmp(name.buf, k) == 0 && *p == '"') {
			strbuf_reset(out);
			if ((p = string(p + 1, out)) == NULL)
				break;
			found = 1;
		} else if ((p = value(p, 0)) == NULL) {
			break;
		}
		p = skip_ws(p);
		if (*p == '}') {
			strbuf_release(&name);
			return skip_ws(p + 1)[0] == '\0' ? found : -1;
		}
		if (*p++ != ',')
			break;
	}
	strbuf_release(&name);
	return -1;
}
