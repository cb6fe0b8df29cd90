#!/usr/bin/env python3
"""Make the markup-heavy 20,000-entry catalog for timing `l10n check`.

Usage: check-corpus.py OLD.po OUT.po

OLD.po is msgmerge/old.po of ../shared/bench/gen_corpus.py (20,000 English
messages of report prose, fixed seed).  Each msgid gets inline HTML markup
the way the site's catalogs have it (links with href, <em>, <strong>,
<data value>, <abbr title>, <br/>, <_:span-N/> placeholders of
translate="no" names), and its msgstr a German-like pseudo-translation that
keeps every tag, attribute, placeholder and number, writes the numbers the
German way (10.000, 45,3 %) and accents the vowels, so that a correct
checker finds (almost) nothing and the time goes into reading every message.
Deterministic (fixed seed), standard library only.
"""
import random
import re
import sys


def unquote(lines):
    s = "".join(l.strip()[1:-1] for l in lines)
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def read_msgids(path):
    ids, cur, key = [], [], None
    for line in open(path, encoding="utf-8"):
        if line.startswith("msgid "):
            key, cur = "id", [line[6:]]
        elif line.startswith("msgstr "):
            if key == "id":
                ids.append(unquote(cur))
            key = None
        elif line.startswith('"') and key == "id":
            cur.append(line)
    return [m for m in ids if m]


def po_str(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if len(s) < 70:
        return '"' + s + '"'
    lines, cur = [], ""
    for w in re.split(r"(?<= )", s):
        if cur and len(cur) + len(w) > 76:
            lines.append(cur)
            cur = ""
        cur += w
    lines.append(cur)
    return '""\n' + "\n".join('"' + l + '"' for l in lines)


ACCENT = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|\d+(?:\.\d+)?%?")


def de_number(m):
    s = m.group(0)
    pct = s.endswith("%")
    s = s.rstrip("%")
    s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s + ("\u00a0%" if pct else "")


def pseudo_text(t):
    return NUM.sub(de_number, t.translate(ACCENT))


TAG = re.compile(r"(<[^>]*>)")


def pseudo(msgid):
    # Text between tags is pseudo-translated; tags are kept as they are.
    return "".join(p if p.startswith("<") else pseudo_text(p) for p in TAG.split(msgid))


def markup(r, m, i):
    words = m.split(" ")
    n = len(words)
    used = set()

    def pick():
        for _ in range(10):
            k = r.randrange(n)
            if k not in used and re.fullmatch(r"[A-Za-z]+", words[k]):
                used.add(k)
                return k
        return None

    for kind in r.sample(["a", "em", "strong", "data", "abbr", "ph", "br"], k=min(n // 4, r.randint(2, 5))):
        if kind == "data":
            for k, w in enumerate(words):
                if k not in used and re.fullmatch(r"\d[\d,]*", w):
                    used.add(k)
                    words[k] = f'<data value="{w.replace(",", "")}">{w}</data>'
                    break
            continue
        k = pick()
        if k is None:
            continue
        w = words[k]
        if kind == "a":
            words[k] = f'<a href="https://www.example.org/report/{i}#p{k}">{w}</a>'
        elif kind in ("em", "strong"):
            words[k] = f"<{kind}>{w}</{kind}>"
        elif kind == "abbr":
            words[k] = f'<abbr title="{w} in full">{w}</abbr>'
        elif kind == "ph":
            words[k] = f"{w} <_:span-1/>"
        elif kind == "br":
            words[k] = f"{w}<br/>"
    return " ".join(words)


def main():
    src, out = sys.argv[1], sys.argv[2]
    r = random.Random(20161)
    ids = read_msgids(src)
    with open(out, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Project-Id-Version: bench\\n"\n"Language: de\\n"\n'
                '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Content-Transfer-Encoding: 8bit\\n"\n'
                '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
        for i, m in enumerate(ids):
            mid = markup(r, m, i)
            if "<_:span-1/>" in mid:
                f.write("#. <_:span-1/> is \u201cMedical Genocide\u201d, kept as it is.\n")
            f.write(f"#: report.html:{i + 1}\nmsgid {po_str(mid)}\nmsgstr {po_str(pseudo(mid))}\n\n")


if __name__ == "__main__":
    main()
