/*
 * json.h - writing JSON objects on one line (for --format=json), and
 * reading members of such a line.  For every command with machine-readable
 * output, and those reading another command's.
 *
 * Ownership: the caller's strbuf receives the text.
 */
#ifndef L10N_JSON_H
#define L10N_JSON_H

#include "xalloc.h"

void json_begin(struct strbuf *sb);
void json_end(struct strbuf *sb);
/* A member; the first member after json_begin() gets no comma. */
void json_str(struct strbuf *sb, const char *key, const char *value);
void json_uint(struct strbuf *sb, const char *key, unsigned long value);
void json_null(struct strbuf *sb, const char *key);
/* A JSON string literal of S (UTF-8 kept, controls escaped). */
void json_quote(struct strbuf *sb, const char *s);

/* Read one JSON object (a line of --format=json output): the value of its
 * string member K into OUT.  Returns 1 found, 0 absent (or not a string),
 * -1 when OBJ is not one well-formed object. */
int json_get_string(const char *obj, const char *k, struct strbuf *out);

#endif
