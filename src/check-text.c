/* check-text.c - checks of the text without markup: names,
 * same-as-source, whitespace, punctuation, doubled-words, length. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/uregex.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "check-impl.h"
#include "ustr.h"

/* ---- names ------------------------------------------------------------------ */

static int
word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Does NAME occur in S as a whole word? */
static int
has_word(const char *s, const char *name, size_t len)
{
	for (const char *p = s; (p = strstr(p, name)) != NULL; p++) {
		if ((p == s || !word_byte((unsigned char)p[-1])) && !word_byte((unsigned char)p[len]))
			return 1;
	}
	return 0;
}

void
check_names(struct entry_ctx *x)
{
	struct checker_impl *im = x->ck->impl;

	if (!ck_on(x, CHECK_NAMES))
		return;
	for (size_t i = 0; i < im->nnames; i++) {
		const struct dnt_name *n = &im->names[i];
		if (has_word(x->src->all.buf, n->name, n->len) && strstr(x->tr->all.buf, n->name) == NULL)
			ck_report(x, CMSG_NAME_CHANGED, n->name);
	}
}

/* ---- same-as-source ----------------------------------------------------------- */

/* The letters of S that are not part of a name, URL or placeholder. */
static void
letters(struct checker_impl *im, const char *s, struct strbuf *out)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *p = s;

	strbuf_puts(&tmp, s);
	for (size_t i = 0; i < im->nsame; i++) {
		char *q;
		while ((q = strstr(tmp.buf, im->same[i].name)) != NULL)
			memset(q, ' ', im->same[i].len);
	}
	strbuf_reset(out);
	p = tmp.buf;
	for (int32_t i = 0, len = (int32_t)tmp.len; i < len; ) {
		UChar32 c;
		int32_t start = i;
		if (strncmp(p + i, "http", 4) == 0 || strncmp(p + i, "www.", 4) == 0) {
			while (i < len && p[i] != ' ')
				i++;
			continue;
		}
		U8_NEXT(p, i, len, c);
		if (c > 0 && u_isalpha(c))
			strbuf_add(out, p + start, (size_t)(i - start));
	}
	strbuf_release(&tmp);
}

static void
check_same(struct entry_ctx *x)
{
	struct checker_impl *im = x->ck->impl;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	/* A copy has about the source's length: skip the others cheaply. */
	if (x->src->all.len == 0 || x->tr->all.len * 5 < x->src->all.len * 4 ||
	    x->tr->all.len * 4 > x->src->all.len * 5 + 16)
		return;
	/* Without names in the source, the first bytes decide most cases. */
	int names = 0;
	for (size_t i = 0; i < im->nsame && !names; i++)
		names = strstr(x->src->all.buf, im->same[i].name) != NULL;
	if (!names) {
		const char *p = x->src->all.buf, *q = x->tr->all.buf;
		int n = 0;
		while (*p && *q && n < 12) {
			while (*p && !isalpha((unsigned char)*p) && (unsigned char)*p < 0x80)
				p++;
			while (*q && !isalpha((unsigned char)*q) && (unsigned char)*q < 0x80)
				q++;
			if (*p != *q)
				return;
			if (*p)
				p++, q++, n++;
		}
	}
	/* One or two words are often the same in both languages (Notes,
	 * Page, Museum) or not text at all (an ICU date skeleton). */
	int words = 0, inword = 0;
	for (const unsigned char *p = (const unsigned char *)x->src->all.buf; *p; p++) {
		int letter = isalpha(*p) || *p >= 0x80;
		words += letter && !inword;
		inword = letter;
	}
	if (words < 3)
		goto out;
	letters(im, x->src->all.buf, &a);
	letters(im, x->tr->all.buf, &b);
	if (a.len > 0 && a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0)
		ck_report(x, CMSG_SAME_AS_SOURCE);
out:
	strbuf_release(&a);
	strbuf_release(&b);
}

/* ---- whitespace ------------------------------------------------------------------- */

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static unsigned
count_nl(const char *s)
{
	unsigned n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void
check_whitespace(struct entry_ctx *x)
{
	const char *s = x->src->raw, *t = x->tr->raw;
	size_t sl = strlen(s), tl = strlen(t);

	if (sl == 0 || tl == 0)
		return;
	if (is_ws(s[0]) != is_ws(t[0]))
		ck_report(x, CMSG_WS_LEADING);
	if (is_ws(s[sl - 1]) != is_ws(t[tl - 1]))
		ck_report(x, CMSG_WS_TRAILING);
	unsigned a = count_nl(s), b = count_nl(t);
	if (a != b)
		ck_report(x, CMSG_WS_NEWLINES, b, a);
}

/* ---- punctuation --------------------------------------------------------------------- */

enum punct {
	P_NONE, P_STOP, P_QUESTION, P_EXCLAM, P_COLON, P_SEMI, P_ELLIPSIS, P_COMMA
};

static enum punct
classify(UChar32 c)
{
	switch (c) {
	case '.': case 0x3002: case 0xff0e: case 0x0964: case 0x06d4: case 0x1362:
	case 0x17d4: case 0x104b: case 0xff61:
		return P_STOP;
	case '?': case 0xff1f: case 0x061f: case 0x037e: case 0x055e:
		return P_QUESTION;
	case '!': case 0xff01: case 0x055c:
		return P_EXCLAM;
	case ':': case 0xff1a:
		return P_COLON;
	case ';': case 0xff1b: case 0x061b:
		return P_SEMI;
	case 0x2026:
		return P_ELLIPSIS;
	case ',': case 0xff0c: case 0x3001: case 0x060c:
		return P_COMMA;
	default:
		return P_NONE;
	}
}

/* Closing quotes and brackets after the final punctuation, which is
 * looked for behind them ("… (PDF).", «…».). */
static int
closing(UChar32 c)
{
	switch (c) {
	case '"': case '\'': case ')': case ']': case 0x201d: case 0x2019: case 0x201c:
	case 0xbb: case 0xab: case 0x203a: case 0x300d: case 0x300f: case 0xff09:
	case 0x3011: case 0x05f4: case 0x300b: case 0x3009:
		return 1;
	default:
		return 0;
	}
}

/* Words that end with a full stop without ending a sentence. */
static int
abbreviation(const char *w, size_t n)
{
	static const char *const list[] = {
		"no", "nr", "nos", "fig", "figs", "vol", "vols", "p", "pp", "ch",
		"etc", "dr", "mr", "mrs", "ms", "st", "vs", "cf", "inc", "ltd", "co",
		"jr", "sr", "approx", "ed", "eds", "art", "para", "sec", NULL,
	};
	char low[16];

	if (n == 0 || n >= sizeof low)
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)w[i]);
	low[n] = '\0';
	for (size_t i = 0; list[i] != NULL; i++)
		if (strcmp(low, list[i]) == 0)
			return 1;
	return 0;
}

/* The final punctuation of S (text without markup): its class, the
 * characters, and whether it is ambiguous: an abbreviation ("U.S.",
 * "No.") or a colon that introduces a trailing placeholder ("Source:
 * <_:link-1/>"). */
static enum punct
final_punct(const char *s, char *shown, size_t size, int *abbrev)
{
	int32_t i = (int32_t)strlen(s), end;
	UChar32 c = 0;
	int placeholder = 0;

	*abbrev = 0;
	shown[0] = '\0';
	while (i > 0) {
		int32_t j = i;
		U8_PREV(s, 0, j, c);
		if (c == 0xfffc || u_isspace(c) || closing(c)) {
			placeholder |= c == 0xfffc;
			i = j;
			continue;
		}
		break;
	}
	end = i;
	if (i == 0)
		return P_NONE;
	U8_PREV(s, 0, i, c);
	enum punct p = classify(c);
	if (p == P_NONE)
		return P_NONE;
	if (p == P_COLON && placeholder) {
		*abbrev = 1;
	} else if (p == P_STOP && c == '.' && i >= 2 && s[i - 1] == '.' && s[i - 2] == '.') {
		p = P_ELLIPSIS;
		i -= 2;
	} else if (p == P_STOP && c == '.') {
		int32_t w = i;
		while (w > 0 && isalpha((unsigned char)s[w - 1]))
			w--;
		/* "U.S." or "e.g.", a known abbreviation, or a single word. */
		if ((w >= 2 && s[w - 1] == '.' && i - w == 1) ||
		    abbreviation(s + w, (size_t)(i - w)) || strchr(s, ' ') == NULL)
			*abbrev = 1;
	}
	size_t n = (size_t)(end - i) < size - 1 ? (size_t)(end - i) : size - 1;
	memcpy(shown, s + i, n);
	shown[n] = '\0';
	return p;
}

/* Chinese and Japanese end list items and headings without punctuation,
 * and may end with 。 where English has a colon or a semicolon; a
 * question may end with the particle か (ja) or 吗/呢 (zh) and 。. */
static int
cjk_equivalent(enum punct sp, enum punct tp, const char *t)
{
	if (sp == P_STOP || sp == P_SEMI || sp == P_COMMA || sp == P_COLON)
		return tp == P_NONE || tp == P_STOP || tp == P_SEMI || tp == P_COMMA ||
		    tp == P_COLON;
	if (sp == P_QUESTION && (tp == P_STOP || tp == P_NONE)) {
		static const char *const particles[] = {
			"\xe3\x81\x8b", "\xe5\x90\x97", "\xe5\x91\xa2", NULL,
		};
		size_t n = strlen(t);
		while (n > 0 && (t[n - 1] == ' ' || (unsigned char)t[n - 1] >= 0x80)) {
			/* Step back over the final 。 (E3 80 82), if any. */
			if (n >= 3 && memcmp(t + n - 3, "\xe3\x80\x82", 3) == 0) {
				n -= 3;
				continue;
			}
			break;
		}
		for (size_t k = 0; particles[k] != NULL; k++)
			if (n >= 3 && memcmp(t + n - 3, particles[k], 3) == 0)
				return 1;
	}
	return 0;
}

static const UChar32 pairs[][2] = {
	{ '(', ')' }, { '[', ']' }, { '{', '}' }, { 0xff08, 0xff09 },
	{ 0x300c, 0x300d }, { 0x300e, 0x300f }, { 0x3010, 0x3011 },
	{ 0x300a, 0x300b }, { 0x3008, 0x3009 }, { 0xab, 0xbb },
};
#define NPAIRS (sizeof pairs / sizeof *pairs)

/* Count the opening and closing brackets of S in one pass. */
static int
count_pairs(const char *s, size_t slen, int open[NPAIRS], int close[NPAIRS])
{
	int32_t i = 0, len = (int32_t)slen;
	int any = 0;

	memset(open, 0, NPAIRS * sizeof *open);
	memset(close, 0, NPAIRS * sizeof *close);
	while (i < len) {
		UChar32 c;
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			i++;
			if (b != '(' && b != ')' && b != '[' && b != ']' && b != '{' && b != '}')
				continue;
			c = b;
		} else {
			U8_NEXT(s, i, len, c);
			if (c < 0xab || (c > 0xbb && c < 0x3008))
				continue;
		}
		for (size_t k = 0; k < NPAIRS; k++) {
			if (c == pairs[k][0]) {
				open[k]++;
				any = 1;
			} else if (c == pairs[k][1]) {
				close[k]++;
				any = 1;
			}
		}
	}
	return any;
}

static void
check_pairs(struct entry_ctx *x)
{
	int so[NPAIRS], sc[NPAIRS], to[NPAIRS], tc[NPAIRS];

	/* Brackets are ASCII or start with one of these lead bytes. */
	if (strpbrk(x->tr->text.buf, "()[]{}\xc2\xe3\xef") == NULL)
		return;
	if (!count_pairs(x->tr->text.buf, x->tr->text.len, to, tc))
		return;
	count_pairs(x->src->text.buf, x->src->text.len, so, sc);
	for (size_t i = 0; i < NPAIRS; i++) {
		if (so[i] != sc[i] || to[i] == tc[i])
			continue;
		char a[8], b[8];
		int32_t k = 0;
		U8_APPEND_UNSAFE(a, k, pairs[i][0]);
		a[k] = '\0';
		k = 0;
		U8_APPEND_UNSAFE(b, k, pairs[i][1]);
		b[k] = '\0';
		ck_report(x, CMSG_PUNCT_UNPAIRED, a, b, (unsigned)to[i], (unsigned)tc[i]);
	}
}

/* French puts a (narrow) no-break space before : ; ! ? (Swiss and
 * Canadian French only before the colon, Swiss not even there). */
static void
check_french(struct entry_ctx *x)
{
	const char *lang = x->ck->lang;
	const char *s = x->tr->text.buf;
	int32_t i = 0, len = (int32_t)x->tr->text.len;
	UChar32 prev = 0, c;

	if (strcmp(x->ck->impl->language, "fr") != 0 || strcmp(lang, "fr-CH") == 0)
		return;
	int only_colon = strcmp(lang, "fr-CA") == 0;
	while (i < len) {
		U8_NEXT(s, i, len, c);
		if ((c == ':' || (!only_colon && (c == ';' || c == '!' || c == '?'))) &&
		    (u_isalnum(prev) || closing(prev))) {
			UChar32 next = 0;
			int32_t k = i;
			if (k < len)
				U8_NEXT(s, k, len, next);
			if (k >= len || next == 0 || u_isspace(next) || closing(next) ||
			    next == 0xfffc) {
				char shown[8];
				snprintf(shown, sizeof shown, "%c", (char)c);
				ck_report(x, CMSG_PUNCT_FRENCH_SPACE, shown);
				return;
			}
		}
		prev = c;
	}
}

static void
check_punctuation(struct entry_ctx *x)
{
	char ss[16], ts[16];
	int sab, tab;
	enum punct sp = final_punct(x->src->text.buf, ss, sizeof ss, &sab);
	enum punct tp = final_punct(x->tr->text.buf, ts, sizeof ts, &tab);

	if (x->src->text.len > 0 && x->tr->text.len > 0 && sp != tp && !sab && !tab &&
	    !(x->ck->impl->spaceless && cjk_equivalent(sp, tp, x->tr->text.buf))) {
		/* A colon introducing a list may become a full stop in languages
		 * that end the sentence before it; a question or an exclamation
		 * must stay one. */
		if (sp == P_NONE)
			ck_report(x, CMSG_PUNCT_END_EXTRA, ts);
		else if (tp == P_NONE)
			ck_report(x, CMSG_PUNCT_END_MISSING, ss);
		else
			ck_report(x, CMSG_PUNCT_END, ss, ts);
	}
	if (strcmp(x->ck->impl->language, "es") == 0) {
		if (tp == P_QUESTION && strstr(x->tr->text.buf, "\xc2\xbf") == NULL)
			ck_report(x, CMSG_PUNCT_INVERTED, "?", "\xc2\xbf");
		if (tp == P_EXCLAM && strstr(x->tr->text.buf, "\xc2\xa1") == NULL)
			ck_report(x, CMSG_PUNCT_INVERTED, "!", "\xc2\xa1");
	}
	check_pairs(x);
	check_french(x);
}

/* ---- doubled words --------------------------------------------------------------------- */

/* Doubles that the grammar of a language makes (reflexives, relative
 * after article): never reported. */
static const char *const grammatical_doubles[] = {
	"de:die", "de:der", "de:das", "de:dem", "de:den", "fr:nous", "fr:vous", "fr:en",
	"en:that", "en:had", "it:che", "es:que", "nl:die", NULL,
};

static int
grammatical(const char *lang, const char *word)
{
	char key[128];

	snprintf(key, sizeof key, "%s:%s", lang, word);
	for (size_t i = 0; grammatical_doubles[i] != NULL; i++)
		if (strcmp(grammatical_doubles[i], key) == 0)
			return 1;
	return 0;
}

static int
cjk_script(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &st);

	return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
	    sc == USCRIPT_HANGUL || sc == USCRIPT_THAI;
}

/* Count the doubled words of T (separated by white space only, letters,
 * not grammatical in LANG); the first goes to FIRST. */
static int
count_doubles(struct checker_impl *im, const char *t, size_t tlen, const char *lang,
    char *first, size_t size)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar stack[1024], *u = stack;
	int32_t ulen;
	int count = 0;

	first[0] = '\0';
	if (im->words == NULL || tlen < 3)
		return 0;
	u = ustr_from_utf8(t, (int32_t)tlen, stack, 1024, &ulen);
	ubrk_setText(im->words, u, ulen, &st);
	if (U_FAILURE(st))
		goto out;
	int32_t ps = -1, pe = -1;
	for (int32_t s = ubrk_first(im->words), e; (e = ubrk_next(im->words)) != UBRK_DONE; s = e) {
		int status = ubrk_getRuleStatus(im->words);
		if (status < UBRK_WORD_LETTER || status >= UBRK_WORD_LETTER_LIMIT) {
			/* Only white space may separate the two words. */
			int blank = 1;
			for (int32_t k = s; k < e && blank; k++)
				blank = u[k] == ' ' || u[k] == 0xa0;
			if (!blank)
				ps = -1;
			continue;
		}
		if (ps >= 0 && pe - ps == e - s && e - s > 1 && !cjk_script(u[s]) &&
		    u_strncasecmp(u + ps, u + s, e - s, 0) == 0) {
			char word[256];
			int32_t n;
			UErrorCode st2 = U_ZERO_ERROR;
			u_strToUTF8(word, sizeof word - 1, &n, u + s, e - s, &st2);
			if (U_SUCCESS(st2) && n < (int32_t)sizeof word) {
				word[n] = '\0';
				struct strbuf f = STRBUF_INIT;
				ck_fold(word, (size_t)n, &f);
				if (!grammatical(lang, f.buf)) {
					if (count++ == 0)
						snprintf(first, size, "%s", word);
				}
				strbuf_release(&f);
			}
		}
		ps = s;
		pe = e;
	}
out:
	if (u != stack)
		free(u);
	return count;
}

/* A quick look for two equal neighbouring space-separated tokens
 * (ignoring ASCII case and punctuation at their ends); tokens with
 * non-ASCII letters of equal length are candidates too.  Only texts with
 * a candidate go through ICU's word breaking. */
static int
maybe_doubled(const char *s)
{
	const char *pa = NULL, *pb = NULL;

	for (const char *p = s; *p != '\0'; ) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		const char *a = p, *b;
		while (*p != '\0' && *p != ' ' && *p != '\n' && *p != '\t')
			p++;
		b = p;
		while (a < b && ispunct((unsigned char)*a))
			a++;
		while (b > a && ispunct((unsigned char)b[-1]))
			b--;
		if (pa != NULL && b - a == pb - pa && b > a) {
			size_t n = (size_t)(b - a), k;
			int other = 0;
			for (k = 0; k < n; k++) {
				unsigned char c1 = (unsigned char)a[k], c2 = (unsigned char)pa[k];
				other |= c1 >= 0xc4;
				if (c1 == c2)
					continue;
				/* Latin-1 letters fold by their second byte's 0x20 bit. */
				if (k > 0 && (unsigned char)a[k - 1] == 0xc3 && c1 >= 0x80 &&
				    c1 <= 0xbe && c2 >= 0x80 && c2 <= 0xbe && (c1 | 0x20) == (c2 | 0x20))
					continue;
				if (c1 < 0x80 && c2 < 0x80 && tolower(c1) == tolower(c2))
					continue;
				break;
			}
			/* Other scripts' capitals (Και και) are left to ICU. */
			if (k == n || other)
				return 1;
		}
		pa = a;
		pb = b;
	}
	return 0;
}

/* A doubled word is reported when the translation has more doubles than
 * the source (whose doubles may be kept, in whatever words). */
static void
check_doubled(struct entry_ctx *x)
{
	struct checker_impl *im = x->ck->impl;
	char word[256], sword[256];

	if (!maybe_doubled(x->tr->text.buf))
		return;
	int nt = count_doubles(im, x->tr->text.buf, x->tr->text.len, im->language, word, sizeof word);

	if (nt == 0)
		return;
	int ns = count_doubles(im, x->src->text.buf, x->src->text.len, "en", sword, sizeof sword);
	if (nt > ns)
		ck_report(x, CMSG_DOUBLED_WORD, word);
}

/* ---- length -------------------------------------------------------------------------- */

static int32_t
graphemes(struct checker_impl *im, const char *s, size_t len)
{
	/* When every code point's Grapheme_Cluster_Break is Other, Control,
	 * CR or LF, each is a cluster of its own but the LF of a CRLF (UAX
	 * #29, GB3-GB5): count them with ICU's property data, without the
	 * break iterator. */
	int32_t i = 0, n = 0, slen = (int32_t)len;
	int simple = 1;
	while (i < slen && simple) {
		UChar32 c;
		U8_NEXT(s, i, slen, c);
		if (c < 0) {
			simple = 0;
		} else if (c >= 0x300) {
			int gcb = u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK);
			simple = gcb == U_GCB_OTHER || gcb == U_GCB_CONTROL;
		}
		if (simple && c != 0xfffc && !(c == '\n' && i >= 2 && s[i - 2] == '\r'))
			n++;
	}
	if (simple)
		return n;
	n = 0;
	UErrorCode st = U_ZERO_ERROR;
	UChar stack[1024], *u = stack;
	int32_t ulen;

	u = ustr_from_utf8(s, (int32_t)len, stack, 1024, &ulen);
	if (im->chars != NULL) {
		ubrk_setText(im->chars, u, ulen, &st);
		if (U_SUCCESS(st)) {
			for (int32_t p = ubrk_first(im->chars); (p = ubrk_next(im->chars)) != UBRK_DONE; )
				if (u[p - 1] != 0xfffc)
					n++;
		}
	}
	if (u != stack)
		free(u);
	return n;
}

/* The value of "#. NAME: VALUE" in the extracted comments, or NULL. */
static char *
comment_value(const char *comments, const char *name)
{
	size_t nl = strlen(name);

	for (const char *p = comments; p != NULL && *p != '\0'; ) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len > nl && strncmp(p, name, nl) == 0)
			return xstrndup(p + nl, len - nl);
		p = e ? e + 1 : NULL;
	}
	return NULL;
}

/* ITS storageSize: "Maximum length: N bytes (ENC)". */
static void
check_storage(struct entry_ctx *x, const char *spec)
{
	char enc[64] = "UTF-8";
	unsigned long max;
	const char *paren = strchr(spec, '(');
	size_t bytes;

	max = strtoul(spec, NULL, 10);
	if (paren != NULL)
		sscanf(paren + 1, "%63[^)]", enc);
	if (strcasecmp(enc, "UTF-8") == 0) {
		bytes = x->tr->text.len;
	} else {
		UErrorCode st = U_ZERO_ERROR;
		UConverter *cv = ucnv_open(enc, &st);
		if (U_FAILURE(st))
			return;
		side_utf16(x->tr);
		st = U_ZERO_ERROR;
		int32_t n = ucnv_fromUChars(cv, NULL, 0, x->tr->u, x->tr->ulen, &st);
		ucnv_close(cv);
		bytes = (size_t)n;
	}
	if (bytes > max) {
		char limit[64];
		snprintf(limit, sizeof limit, "%lu", max);
		ck_report(x, CMSG_LENGTH_STORAGE, bytes, enc, limit);
	}
}

/* ITS allowedCharacters: a regular expression character class. */
static void
check_allowed(struct entry_ctx *x, const char *pattern)
{
	UErrorCode st = U_ZERO_ERROR;
	UParseError pe;
	URegularExpression *re;
	const char *s = x->tr->text.buf;
	int32_t i = 0, len = (int32_t)x->tr->text.len;

	re = uregex_openC(pattern, 0, &pe, &st);
	if (U_FAILURE(st))
		return;
	while (i < len) {
		int32_t start = i;
		UChar32 c;
		UChar one[2];
		int32_t n = 0;
		U8_NEXT(s, i, len, c);
		if (c < 0 || c == 0xfffc)
			continue;
		U16_APPEND_UNSAFE(one, n, c);
		uregex_setText(re, one, n, &st);
		if (U_FAILURE(st) || !uregex_matches(re, 0, &st)) {
			char shown[8];
			memcpy(shown, s + start, (size_t)(i - start));
			shown[i - start] = '\0';
			ck_report(x, CMSG_LENGTH_CHARS, shown, pattern);
			break;
		}
	}
	uregex_close(re);
}

static void
check_length(struct entry_ctx *x)
{
	struct checker_impl *im = x->ck->impl;
	const char *c = x->e->extracted;
	char *v;

	if (c != NULL && (v = comment_value(c, "Maximum length: ")) != NULL) {
		check_storage(x, v);
		free(v);
	}
	if (c != NULL && (v = comment_value(c, "Allowed characters: ")) != NULL) {
		check_allowed(x, v);
		free(v);
	}
	int32_t ns = graphemes(im, x->src->text.buf, x->src->text.len);
	if (ns < 1 || x->tr->text.len == 0)
		return;
	int32_t nt = graphemes(im, x->tr->text.buf, x->tr->text.len);
	/* The band narrows as the source grows: short strings vary most,
	 * Chinese and Japanese ones (要旨 for Executive Summary) more. */
	double f = 2.0 + (im->spaceless ? 90.0 : 60.0) / (ns + 10);
	double lo = im->ratio / f, hi = im->ratio * f;
	double r = (double)nt / ns;
	if (r < lo)
		ck_report(x, CMSG_LENGTH_RATIO, "short", (int)nt, (int)ns, lo, hi);
	else if (r > hi)
		ck_report(x, CMSG_LENGTH_RATIO, "long", (int)nt, (int)ns, lo, hi);
}

void
check_text(struct entry_ctx *x)
{
	if (ck_on(x, CHECK_SAME_AS_SOURCE))
		check_same(x);
	if (ck_on(x, CHECK_WHITESPACE))
		check_whitespace(x);
	if (ck_on(x, CHECK_PUNCTUATION))
		check_punctuation(x);
	if (ck_on(x, CHECK_DOUBLED_WORDS))
		check_doubled(x);
	if (ck_on(x, CHECK_LENGTH))
		check_length(x);
}
