"""Where the sentences of a paragraph begin and end, in Chinese and in English.

Spans, not strings, so a finding can point into the paragraph the reader
shows. Chinese ends a sentence at 。！？； or an ellipsis (……), and the
closing quotes and brackets after it belong to the sentence that ends there
(``他说：“好。”`` is one sentence). English ends one at . ! ? or an ellipsis
followed by a space and a capital, a digit or an opening quote, but not after
a title or an abbreviation (Mr. Dr. No. U.S. Sept.), an initial ("J. K.
Rowling"), inside a number (3.5) or after the label of a list item ("1.",
"(b)"). An ellipsis before a lower-case word goes on with the same sentence.
A wrong merge costs the omission check a little recall; a wrong split can
make a false alarm, so doubtful cases merge. ``clause_spans`` cuts further at
colons and semicolons, where translators often start or end a sentence, and
``phrase_spans`` at commas too, the finest unit a translator renders whole.
"""

from __future__ import annotations

import re
import string

from store.lang.patterns import compiled
from store.model import Span

_CLOSERS = "”’」』）》】〕)\"'\\]"
#: Closers that only ever close, so one still belongs to the sentence when a space stands
#: before it ("研究 。 ”", as some converted files space their punctuation).
_ONLY_CLOSE = "”’」』）》】〕"
_ZH_END = compiled(rf"(?:[。！？!?；]+|(?:…|\.{{3}})+)(?:[{_CLOSERS}]|\s+(?=[{_ONLY_CLOSE}]))*")
_EN_END = compiled(rf"(?:[.!?]+|…+)[{_CLOSERS}]*(?=\s+[\"“‘'(\[]*[A-Z0-9])")
#: Words that end in a dot without ending the sentence (lower-cased, dot left off).
_ABBREVIATIONS = frozenset("""
    mr mrs ms dr prof sr jr st mt ft rev hon gen col lt sgt capt cmdr adm gov sen rep pres
    no nos art arts sec para vol ch pp p fig figs op cf vs etc al e.g i.e a.m p.m
    jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp bros dept est approx
    u.s u.k u.n e.u p.r.c h.k.s.a.r
""".split())
_CLAUSE_END = {"zh": compiled(rf"[：:][{_CLOSERS}]*"),
               "en": compiled(rf"[;:][{_CLOSERS}]*(?=\s)")}
_PHRASE_END = {"zh": compiled(rf"(?:，|,(?!\d))[{_CLOSERS}]*"),
               "en": compiled(rf",[{_CLOSERS}]*(?=\s)")}
_WORD_BEFORE = compiled(r"([A-Za-z][A-Za-z.]*)$")
#: Letters and dots read back from a dot, at most: longer than any abbreviation.
_LONGEST_WORD = 40
_LETTERS_AND_DOT = frozenset(string.ascii_letters + ".")
#: The label of a list item ("1.", "(b)", "iv.") is no sentence of its own.
_LABEL = compiled(r"\s*[(\[]?(?:\d{1,3}|[ivxlcIVXLC]{1,6}|[A-Za-z])[.)\]]")


def sentence_spans(text: str, lang: str) -> list[Span]:
    """The sentences of ``text`` as (start, end) offsets, surrounding spaces left out.

    Every non-space character of ``text`` is in exactly one span.
    """
    ends = _zh_ends(text) if lang == "zh" else _en_ends(text)
    spans, start = [], 0
    for end in [*ends, len(text)]:
        span = _strip(text, start, end)
        if span:
            spans.append(span)
        start = end
    return spans


def clause_spans(text: str, lang: str) -> list[Span]:
    """Sentences cut further after a colon or a semicolon (the Chinese ；already ends one).

    Translators often render a Chinese sentence as an English clause after
    ";" or ":" (the King James Bible, laws), so these are the pieces that
    answer each other across the languages.
    """
    return _cut(text, sentence_spans(text, lang), _CLAUSE_END[lang])


def phrase_spans(text: str, lang: str) -> list[Span]:
    """Clauses cut further after a comma (，): where a Chinese sentence of a law or
    a verse turns to its next condition or act, which an English sentence may render alone."""
    return _cut(text, clause_spans(text, lang), _PHRASE_END[lang])


def _cut(text: str, spans: list[Span], after: re.Pattern[str]) -> list[Span]:
    out = []
    for start, end in spans:
        cuts = [m.end() for m in after.finditer(text, start, end)]
        for a, b in zip([start, *cuts], [*cuts, end], strict=True):
            span = _strip(text, a, b)
            if span:
                out.append(span)
    return out


def _zh_ends(text: str) -> list[int]:
    return [m.end() for m in _ZH_END.finditer(text)]


def _en_ends(text: str) -> list[int]:
    ends: list[int] = []
    for m in _EN_END.finditer(text):
        start = ends[-1] if ends else 0
        if not _dot_of_a_word(text, m.start()) and not _LABEL.fullmatch(text, start, m.end()):
            ends.append(m.end())
    return ends


def _dot_of_a_word(text: str, at: int) -> bool:
    """True if the single dot at ``at`` closes an abbreviation or an initial, not a sentence."""
    if text[at] != "." or text.startswith("..", at):
        return False
    start = max(0, at - _LONGEST_WORD)  # not from 0: that made long paragraphs quadratic
    word = _WORD_BEFORE.search(text, start, at)
    if word is None or (word.start() == start > 0 and text[start - 1] in _LETTERS_AND_DOT):
        return False  # a word longer than that is no abbreviation
    w = word.group(1)
    return (len(w) == 1 and w.isupper()) or w.lower().rstrip(".") in _ABBREVIATIONS


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
