"""Numbers and dates said in one language of a bead and not in the other.

The commonest real error in a translated bulletin, and the one a reader
cannot see by skimming: Trados calls it NumberMissing/DateMissing, Xbench a
numeric mismatch. Compared bead by bead, so a number moved to the next
paragraph of the translation is found only if the beads say so.
"""

from __future__ import annotations

from collections.abc import Iterator

from store.checks.mentions import Fact, facts
from store.model import Entry, Finding, Lang

_OTHER = {"zh": "English", "en": "Chinese"}


def number_findings(entry: Entry) -> Iterator[Finding]:
    for zh, en in entry.beads:
        if not zh or not en:
            continue  # a paragraph with no counterpart is reported once, as unpaired
        said = {lang: [(i, f) for i in paras for f in facts(entry.paragraphs(lang)[i].text, lang)]
                for lang, paras in (("zh", zh), ("en", en))}
        yield from _unanswered(said["zh"], said["en"], "zh")
        yield from _unanswered(said["en"], said["zh"], "en")


def _unanswered(mine: list[tuple[int, Fact]], theirs: list[tuple[int, Fact]], lang: Lang
                ) -> Iterator[Finding]:
    """One finding per mention with a strong fact the other side does not state.

    A range (``25日—29日``) is one mention of several days: one finding, not five.
    """
    reported: set[tuple[int, tuple[int, int]]] = set()
    for para, fact in mine:
        if fact.weak or (para, fact.span) in reported:
            continue
        if any(fact.agrees(other) for _, other in theirs):
            continue
        reported.add((para, fact.span))
        kind = "number" if fact.ymd is None else "date"
        yield Finding(kind, "error", lang, para, fact.span, fact.subject,
                      f"{kind} {fact.said!r} ({fact.subject}) is not in the {_OTHER[lang]}")
