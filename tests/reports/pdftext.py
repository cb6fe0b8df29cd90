#!/usr/bin/env python3
"""pdftext.py DOCBOOK TEXT CHAPTER-ID: does the text pdftotext took from a
report's PDF hold what its localised DocBook says?

Checks, after Unicode NFKC normalisation of both sides:
  headings  every preface and chapter title appears, in logical order
            (right-to-left text is compared as stored, so reversed
            Hebrew does not match);
  words     at least 95% of the words of the chapter CHAPTER-ID (its text,
            tables and footnotes, not alternative text) are in the PDF's text, counted with
            multiplicity.  Words are ICU-free approximations: runs of
            letters and digits, and each Han, Hiragana or Katakana
            character on its own (those scripts do not separate words).
Prints one line per check, "ok NAME" or "FAIL NAME: why"; exit 1 on a
failure.
"""
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter

DB = '{http://docbook.org/ns/docbook}'
XMLNS = '{http://www.w3.org/XML/1998/namespace}'


def norm(s):
    return unicodedata.normalize('NFKC', s)


def ideographic(c):
    name = unicodedata.name(c, '')
    return name.startswith(('CJK UNIFIED', 'CJK COMPATIBILITY', 'HIRAGANA', 'KATAKANA'))


def words(s):
    out = []
    for tok in re.findall(r'\w+', norm(s)):
        run = ''
        for c in tok:
            if ideographic(c):
                if run:
                    out.append(run.lower())
                    run = ''
                out.append(c)
            else:
                run += c
        if run:
            out.append(run.lower())
    return out


# Text a reader does not see on the page: alternative text of figures
# (for screen readers), editors' remarks, index terms.
UNSEEN = {DB + 'textobject', DB + 'alt', DB + 'remark', DB + 'indexterm'}


def text_of(el):
    if el.tag in UNSEEN:
        return el.tail or ''
    return (el.text or '') + ''.join(text_of(c) for c in el) + (el.tail or '')


def main():
    docbook, textfile, chapter_id = sys.argv[1:4]
    root = ET.parse(docbook).getroot()
    raw = open(textfile, encoding='utf-8').read()
    # Words broken across lines by hyphenation come back whole.
    pdf = norm(re.sub(r'[-\u2010\u00ad]\n(?=\w)', '', raw))
    flat = re.sub(r'\s+', '', pdf)
    failed = False

    titles = [el.find(DB + 'title') for el in root
              if el.tag in (DB + 'preface', DB + 'chapter')]
    missing = [text_of(t) for t in titles
               if t is not None and re.sub(r'\s+', '', norm(text_of(t))) not in flat]
    if missing:
        failed = True
        print('FAIL headings: not in the PDF: ' + ' | '.join(missing))
    else:
        print('ok headings (%d)' % len(titles))

    chapter = next((el for el in root.iter()
                    if el.get(XMLNS + 'id') == chapter_id), None)
    if chapter is None:
        print('FAIL words: no element %s' % chapter_id)
        return 1
    want = Counter(words(text_of(chapter)))
    have = Counter(words(pdf))
    found = sum((want & have).values())
    total = sum(want.values())
    share = found / total if total else 0.0
    if share < 0.95:
        failed = True
        lost = sorted((want - have).elements())[:20]
        print('FAIL words: %.1f%% of %d words found; missing e.g. %s'
              % (100 * share, total, ' '.join(lost)))
    else:
        print('ok words %.1f%% of %d' % (100 * share, total))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
