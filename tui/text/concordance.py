"""Key-word-in-context lines: every hit with its context and its translation beside it.

What ParaConc and Linguee show translators: how a term was rendered before.
Each hit becomes one line, left context, the hit, right context, with the
sentence of the aligned other-language paragraph that sits at the same
relative place (beads pair paragraphs, not sentences; position within the
bead is the best guess there is without a sentence alignment).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from store.api import Hit, SearchResults
from store.model import OTHER_LANG, Entry, Lang, bead_of

#: Sentence ends in either language: the cut stays after the mark.
#: Not after a title (``Ms. El Beleidi``), which a capital letter follows as well.
_SENTENCE_END = re.compile(
    r"(?<=[。！？；!?;])|(?<=[.])(?<!Mr\.)(?<!Ms\.)(?<!Mrs\.)(?<!Dr\.)(?<!No\.)(?<!St\.)"
    r"\s+(?=[A-Z\"“‘(])")

SortKey = Literal["rank", "left", "right"]


@dataclass(frozen=True, slots=True)
class Line:
    """One hit in context."""

    entry_id: str
    bead: int
    hit: Hit
    left: str
    match: str
    right: str
    other: str  # the aligned sentence in the other language

    def sort_key(self, by: SortKey) -> str:
        """Left context sorts by the words nearest the hit, read leftwards."""
        if by == "left":
            return self.left[::-1].casefold()
        if by == "right":
            return (self.match + self.right).casefold()
        return ""


def lines(entry: Entry, hits: Iterable[Hit], width: int = 40) -> list[Line]:
    """One line per hit of ``entry``, ``width`` characters of context each side."""
    out = []
    for hit in hits:
        text = entry.paragraphs(hit.lang)[hit.para].text
        bead = bead_at(entry, hit.lang, hit.para)
        out.append(Line(
            entry_id=entry.id,
            bead=bead,
            hit=hit,
            left=_flat(text[max(0, hit.start - width):hit.start]),
            match=_flat(text[hit.start:hit.end]),
            right=_flat(text[hit.end:hit.end + width]),
            other=_aligned_sentence(entry, bead, hit, len(text)),
        ))
    return out


def concordance(results: SearchResults, entries: Iterable[Entry], *, width: int = 40,
                by: SortKey = "rank") -> list[Line]:
    """Every hit of ``entries`` (given best first), sorted by context if asked."""
    found = [line for e in entries for line in lines(e, results.hits_in(e.id), width)]
    if by != "rank":
        found.sort(key=lambda line: line.sort_key(by))
    return found


def bead_at(entry: Entry, lang: Lang, para: int) -> int:
    """The bead holding a paragraph (the first, for a paragraph no bead holds)."""
    return bead_of(entry.beads, lang, para) or 0


def _aligned_sentence(entry: Entry, bead: int, hit: Hit, length: int) -> str:
    """The other side's sentence at the hit's relative position within the bead."""
    other_lang = OTHER_LANG[hit.lang]
    paragraphs = entry.beads[bead][1 if other_lang == "en" else 0] if entry.beads else ()
    text = " ".join(entry.paragraphs(other_lang)[i].text for i in paragraphs)
    if not text:
        return ""
    where = int(len(text) * (hit.start / max(length, 1)))
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    seen = 0
    for sentence in sentences:
        seen += len(sentence)
        if seen > where:
            return _flat(sentence.strip())
    return _flat(sentences[-1].strip()) if sentences else ""


def _flat(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "\t" in text else text
