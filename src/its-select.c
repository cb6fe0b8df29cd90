/* its-select.c - simple ITS selector terms, tested by name. */
#include "its-select.h"

#include <stdint.h>
#include <string.h>

#include "hash.h"
#include "xalloc.h"

/* A name test: a local name or any, in one namespace, in none, or any. */
struct name_test {
	char *local;		/* NULL: any name ("*", "prefix:*") */
	char *ns;		/* namespace URI; NULL: no namespace */
	int any_ns;		/* "*" */
};

enum term_kind {
	T_DESC,			/* //Q */
	T_ROOT,			/* /Q */
	T_CHILD,		/* //Q/Q */
	T_ATTR			/* //Q/@A, //@A */
};

struct term {
	enum term_kind kind;
	struct name_test el;	/* the element; for T_ATTR its owner */
	struct name_test parent;	/* T_CHILD */
	struct name_test attr;		/* T_ATTR */
	int any_owner;			/* //@A */
	size_t next;			/* next T_DESC term of the same name + 1 */
};

struct its_select {
	struct term *t;
	size_t n, cap;
	struct strbuf rest;
	int attrs;
	struct hash by_name;	/* local name -> first T_DESC term + 1 */
	size_t *others;		/* the element terms not in by_name */
	size_t nothers, cap_others;
	/* Nodes the terms left to XPath selected (open addressing). */
	xmlNodePtr *set;
	size_t nset, cap_set;
};

static int
ncname_start(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}

static int
ncname_char(unsigned char c)
{
	return ncname_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* Length of the NCName at S (0 when none). */
static size_t
ncname(const char *s, size_t len)
{
	size_t i = 0;

	if (len == 0 || !ncname_start((unsigned char)s[0]))
		return 0;
	while (i < len && ncname_char((unsigned char)s[i]))
		i++;
	return i;
}

/* Parse the name test S (LEN bytes) in the scope of RULE. */
static int
parse_name(const char *s, size_t len, xmlNodePtr rule, struct name_test *t)
{
	size_t a;

	memset(t, 0, sizeof *t);
	if (len == 1 && s[0] == '*') {
		t->any_ns = 1;
		return 1;
	}
	a = ncname(s, len);
	if (a == 0)
		return 0;
	if (a == len) {
		t->local = xstrndup(s, len);
		return 1;
	}
	if (s[a] != ':' || a + 1 >= len)
		return 0;
	char *prefix = xstrndup(s, a);
	xmlNsPtr ns = xmlSearchNs(rule->doc, rule, (const xmlChar *)prefix);
	free(prefix);
	if (ns == NULL || ns->href == NULL)
		return 0;
	const char *rest = s + a + 1;
	size_t rlen = len - a - 1;
	if (rlen == 1 && rest[0] == '*') {
		t->ns = xstrdup((const char *)ns->href);
		return 1;
	}
	if (ncname(rest, rlen) != rlen)
		return 0;
	t->local = xstrndup(rest, rlen);
	t->ns = xstrdup((const char *)ns->href);
	return 1;
}

static void
name_release(struct name_test *t)
{
	free(t->local);
	free(t->ns);
}

static int
name_matches(const struct name_test *t, const xmlChar *name, const xmlNs *ns)
{
	if (t->local != NULL && strcmp(t->local, (const char *)name) != 0)
		return 0;
	if (t->any_ns)
		return 1;
	if (t->ns == NULL)
		return ns == NULL;
	return ns != NULL && ns->href != NULL && strcmp((const char *)ns->href, t->ns) == 0;
}

/* Recognise the term S (LEN bytes, trimmed). */
static int
parse_term(const char *s, size_t len, xmlNodePtr rule, struct term *t)
{
	const char *slash;

	memset(t, 0, sizeof *t);
	if (len >= 3 && s[0] == '/' && s[1] == '/') {
		s += 2;
		len -= 2;
		if (s[0] == '@') {
			t->kind = T_ATTR;
			t->any_owner = 1;
			return parse_name(s + 1, len - 1, rule, &t->attr);
		}
		slash = memchr(s, '/', len);
		if (slash == NULL) {
			t->kind = T_DESC;
			return parse_name(s, len, rule, &t->el);
		}
		size_t a = (size_t)(slash - s);
		const char *b = slash + 1;
		size_t blen = len - a - 1;
		if (blen == 0 || memchr(b, '/', blen) != NULL)
			return 0;
		if (b[0] == '@') {
			t->kind = T_ATTR;
			return parse_name(s, a, rule, &t->el) &&
			    parse_name(b + 1, blen - 1, rule, &t->attr);
		}
		t->kind = T_CHILD;
		return parse_name(s, a, rule, &t->parent) && parse_name(b, blen, rule, &t->el);
	}
	if (len >= 2 && s[0] == '/' && memchr(s + 1, '/', len - 1) == NULL && s[1] != '@') {
		t->kind = T_ROOT;
		return parse_name(s + 1, len - 1, rule, &t->el);
	}
	return 0;
}

static void
term_release(struct term *t)
{
	name_release(&t->el);
	name_release(&t->parent);
	name_release(&t->attr);
}

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
add_term(struct its_select *s, const char *p, size_t len, xmlNodePtr rule)
{
	struct term t;

	while (len > 0 && space(*p)) {
		p++;
		len--;
	}
	while (len > 0 && space(p[len - 1]))
		len--;
	if (len == 0)
		return;
	if (!parse_term(p, len, rule, &t)) {
		term_release(&t);
		if (s->rest.len)
			strbuf_puts(&s->rest, " | ");
		strbuf_add(&s->rest, p, len);
		return;
	}
	s->t = xgrow(s->t, &s->cap, s->n + 1, sizeof *s->t);
	size_t i = s->n++;
	s->t[i] = t;
	if (t.kind == T_ATTR) {
		s->attrs = 1;
	} else if (t.kind == T_DESC && t.el.local != NULL) {
		size_t nl = strlen(t.el.local);
		s->t[i].next = (size_t)hash_get(&s->by_name, t.el.local, nl);
		hash_put(&s->by_name, s->t[i].el.local, nl, (void *)(i + 1));
	} else {
		s->others = xgrow(s->others, &s->cap_others, s->nothers + 1, sizeof *s->others);
		s->others[s->nothers++] = i;
	}
}

struct its_select *
its_select_parse(const char *selector, xmlNodePtr rule)
{
	struct its_select *s = xcalloc(1, sizeof *s);
	const char *p = selector, *start = selector;
	int depth = 0;
	char quote = 0;

	/* Split the union at top-level bars. */
	for (; *p != '\0'; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '[' || *p == '(') {
			depth++;
		} else if ((*p == ']' || *p == ')') && depth > 0) {
			depth--;
		} else if (*p == '|' && depth == 0) {
			add_term(s, start, (size_t)(p - start), rule);
			start = p + 1;
		}
	}
	if (quote || depth) {
		/* Not well formed: all of it to XPath, which says so. */
		for (size_t i = 0; i < s->n; i++)
			term_release(&s->t[i]);
		s->n = 0;
		s->attrs = 0;
		s->nothers = 0;
		hash_release(&s->by_name);
		memset(&s->by_name, 0, sizeof s->by_name);
		strbuf_reset(&s->rest);
		strbuf_puts(&s->rest, selector);
		return s;
	}
	add_term(s, start, (size_t)(p - start), rule);
	return s;
}

static size_t
node_slot(const struct its_select *s, const void *node)
{
	uintptr_t h = (uintptr_t)node;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ULL;
	return (size_t)(h >> 20) & (s->cap_set - 1);
}

void
its_select_add_node(struct its_select *s, xmlNodePtr node)
{
	if (2 * (s->nset + 1) > s->cap_set) {
		xmlNodePtr *old = s->set;
		size_t oldcap = s->cap_set;
		s->cap_set = oldcap ? 2 * oldcap : 64;
		s->set = xcalloc(s->cap_set, sizeof *s->set);
		for (size_t i = 0; i < oldcap; i++) {
			if (old[i] == NULL)
				continue;
			size_t k = node_slot(s, old[i]);
			while (s->set[k] != NULL)
				k = (k + 1) & (s->cap_set - 1);
			s->set[k] = old[i];
		}
		free(old);
	}
	size_t k = node_slot(s, node);
	for (; s->set[k] != NULL; k = (k + 1) & (s->cap_set - 1))
		if (s->set[k] == node)
			return;
	s->set[k] = node;
	s->nset++;
	if (node->type == XML_ATTRIBUTE_NODE)
		s->attrs = 1;
}

static int
in_set(const struct its_select *s, const void *node)
{
	if (s->nset == 0)
		return 0;
	for (size_t k = node_slot(s, node); s->set[k] != NULL; k = (k + 1) & (s->cap_set - 1))
		if (s->set[k] == node)
			return 1;
	return 0;
}

void
its_select_free(struct its_select *s)
{
	if (s == NULL)
		return;
	free(s->set);
	for (size_t i = 0; i < s->n; i++)
		term_release(&s->t[i]);
	free(s->t);
	free(s->others);
	hash_release(&s->by_name);
	strbuf_release(&s->rest);
	free(s);
}

const char *
its_select_rest(const struct its_select *s)
{
	return s->rest.len ? s->rest.buf : NULL;
}

int
its_select_attributes(const struct its_select *s)
{
	return s->attrs;
}

static int
term_selects(const struct term *t, xmlNodePtr el)
{
	switch (t->kind) {
	case T_DESC:
		return name_matches(&t->el, el->name, el->ns);
	case T_ROOT:
		return el->parent != NULL && (el->parent->type == XML_DOCUMENT_NODE ||
		    el->parent->type == XML_HTML_DOCUMENT_NODE) &&
		    name_matches(&t->el, el->name, el->ns);
	case T_CHILD:
		return el->parent != NULL && el->parent->type == XML_ELEMENT_NODE &&
		    name_matches(&t->el, el->name, el->ns) &&
		    name_matches(&t->parent, el->parent->name, el->parent->ns);
	case T_ATTR:
		return 0;
	}
	return 0;
}

int
its_select_element(const struct its_select *s, xmlNodePtr el)
{
	if (s->by_name.n > 0) {
		const char *name = (const char *)el->name;
		size_t i = (size_t)hash_get(&s->by_name, name, strlen(name));
		for (; i != 0; i = s->t[i - 1].next)
			if (term_selects(&s->t[i - 1], el))
				return 1;
	}
	for (size_t k = 0; k < s->nothers; k++)
		if (term_selects(&s->t[s->others[k]], el))
			return 1;
	return in_set(s, el);
}

int
its_select_attribute(const struct its_select *s, xmlAttrPtr a)
{
	if (!s->attrs)
		return 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct term *t = &s->t[i];
		if (t->kind != T_ATTR || !name_matches(&t->attr, a->name, a->ns))
			continue;
		if (t->any_owner)
			return 1;
		if (a->parent != NULL && name_matches(&t->el, a->parent->name, a->parent->ns))
			return 1;
	}
	return in_set(s, a);
}
