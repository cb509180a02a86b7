"""Spaces between Han characters left by PDF extraction or letter-spaced typesetting.

``中 華 人 民 共 和 國`` and ``第五 批 零 售`` are one word each: a PDF draws
Chinese character by character, and text copied out of it (or out of a web page
set with letter-spacing) keeps a space between glyphs. Chinese itself uses no
spaces, but not every space between Han characters is such a leftover. In 239,317
paragraphs of LegCo hansard text extracted from PDFs (docs/eval-repairs.md), 88%
of the 36,380 Han-space-Han gaps sit between runs of two or more characters:
table columns (``半日 全日``), slogans (``用好機遇 發展經濟``), names (``張三 李四``).
So the unit decided on is a *stretch*: words without Latin letters separated by
single spaces, its first and last words counted only by the Han run at the space
(``2018年11月3日，重 慶 市`` is spaced from ``重`` on). Its spaces go only when

- most of its Han characters stand alone (``第五 批 零 售``: 3 of 5), so a list
  of names or words never qualifies, nor does ``重慶市 人民政府`` on its own;
- a CC-CEDICT word reads across one of its spaces (``零售``), so table cells
  such as ``第 50 個 第 75 個`` are left alone;
- its lone characters do not repeat like a table header (``男 女 男 女 男 女``).

On that hansard text this joins nothing; on a letter-spaced government web page it
joins all 602 gaps.

Within a joined stretch a digit joins too (``拨 出 2 亿 元``); elsewhere a space
between Han and a digit or a Latin word (``第 2 號``, ``使用 Python 3``) is the
spacing many Taiwan and Hong Kong publishers set on purpose, and stays. A space
between two numbers (``6 355``, a thousands separator) always stays, and only
single ASCII spaces count: two or more separate columns, and an ideographic space
(U+3000) is deliberate.
"""

from __future__ import annotations

import itertools

from store.ingest.textmap import Edit, MappedText
from store.lang.lexicon import lexicon
from store.lang.patterns import compiled
from store.lang.script import HAN

#: Words without Latin letters, separated by single spaces, at least two of them.
_STRETCH = compiled(r"(?<!\S)[^\sA-Za-z\u00c0-\u024f]+(?: [^\sA-Za-z\u00c0-\u024f]+)+(?!\S)")
_TOKEN = compiled(r"[^ ]+")
_HAN = compiled(f"[{HAN}]")
_HAN_TAIL = compiled(f"[{HAN}]+$")
_HAN_HEAD = compiled(f"[{HAN}]+")
#: Longest dictionary word looked for across a space.
_LONGEST = 4


def join_han_spaces(text: MappedText) -> None:
    text.edit(han_space_edits(text.text), "han-space")


def han_space_edits(s: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _STRETCH.finditer(s):
        tokens = list(_TOKEN.finditer(m.group()))
        if _letter_spaced([t.group() for t in tokens]):
            base = m.start()
            edits.extend((base + a.end(), base + b.start(), "")
                         for a, b in itertools.pairwise(tokens)
                         if not _between_numbers(a.group(), b.group()))
    return edits


def _between_numbers(left: str, right: str) -> bool:
    """``6 355``: a space between two numbers separates thousands or columns."""
    return left[-1].isdigit() and right[0].isdigit()


def _letter_spaced(tokens: list[str]) -> bool:
    inner = _inner(tokens)
    lone = [t for t in inner if _HAN.fullmatch(t)]
    han = sum(len(_HAN.findall(t)) for t in inner)
    if len(lone) * 2 <= han:
        return False
    if len(lone) >= 4 and len(set(lone)) * 2 <= len(lone):
        return False  # a table header: 男 女 男 女 男 女
    return _word_across_a_space(tokens)


def _inner(tokens: list[str]) -> list[str]:
    """The stretch as spaced: of its first and last words, only the Han run at the space.

    ``2018年11月3日，重 慶 市`` is spaced from ``重`` on: the sentence before it is not.
    """
    first, last = _HAN_TAIL.search(tokens[0]), _HAN_HEAD.match(tokens[-1])
    return [first.group() if first else "", *tokens[1:-1], last.group() if last else ""]


def _word_across_a_space(tokens: list[str]) -> bool:
    """Whether a dictionary word of Han characters reads across one of the spaces."""
    words = lexicon()
    for a, b in itertools.pairwise(tokens):
        left = _HAN_TAIL.search(a[-_LONGEST + 1:])
        right = _HAN_HEAD.match(b[:_LONGEST - 1])
        if not (left and right):
            continue
        tail, head = left.group(), right.group()
        if any(tail[i:] + head[:j] in words
               for i in range(len(tail)) for j in range(1, len(head) + 1)):
            return True
    return False
