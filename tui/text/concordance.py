"""Key-word-in-context lines: every hit with its context and its translation beside it.

What ParaConc and Linguee show translators: how a term was rendered before.
Each hit becomes one line, left context, the hit, right context, with its
sentence's translation: the other side of the sentence bead that holds the hit
(``Archive.sentences``), which may be two sentences (a 1-2 bead), or nothing for
a sentence left untranslated. (Before the sentence alignment, the sentence at the
hit's relative place in the bead's other side stood in: wrong whenever a sentence
was split, joined or left out in translation.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from store.api import EntrySentences, Hit, SearchResults, SentenceBead, sentence_text
from store.model import BEAD_SIDE, OTHER_LANG, Entry, Lang, bead_of

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
    other: str  # the aligned sentence in the other language ("" when not asked for)

    def sort_key(self, by: SortKey) -> str:
        """Left context sorts by the words nearest the hit, read leftwards."""
        if by == "left":
            return self.left[::-1].casefold()
        if by == "right":
            return (self.match + self.right).casefold()
        return ""


def lines(entry: Entry, hits: Iterable[Hit], width: int = 40,
          sentences: EntrySentences | None = None) -> list[Line]:
    """One line per hit of ``entry``, ``width`` characters of context each side; with the
    entry's ``sentences``, each with its translation (``bitext search`` without ``--kwic``
    shows none, and so never loads the aligner)."""
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
            other=_translation(entry, sentences[bead], hit) if sentences else "",
        ))
    return out


def concordance(results: SearchResults, entries: Iterable[Entry], *,
                sentences: Callable[[Entry], EntrySentences], width: int = 40,
                by: SortKey = "rank") -> list[Line]:
    """Every hit of ``entries`` (given best first), sorted by context if asked;
    ``sentences``: ``Archive.sentences_of``."""
    found = [line for e in entries
             for line in lines(e, results.hits_in(e.id), width, sentences(e))]
    if by != "rank":
        found.sort(key=lambda line: line.sort_key(by))
    return found


def bead_at(entry: Entry, lang: Lang, para: int) -> int:
    """The bead holding a paragraph (the first, for a paragraph no bead holds)."""
    return bead_of(entry.beads, lang, para) or 0


def _translation(entry: Entry, found: Sequence[SentenceBead], hit: Hit) -> str:
    """The other side of the sentence bead whose sentence holds the hit's start (the last
    one starting at or before it: a hit on the space between two sentences takes the one
    before)."""
    side = BEAD_SIDE[hit.lang]
    holding = [bead for bead in found
               for s in bead[side] if s.para == hit.para and s.span[0] <= hit.start]
    if not holding:
        return ""
    other = OTHER_LANG[hit.lang]
    texts = [p.text for p in entry.paragraphs(other)]
    return _flat(sentence_text(texts, holding[-1][1 - side]))


def _flat(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "\t" in text else text
