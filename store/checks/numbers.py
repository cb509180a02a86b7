"""Numbers and dates said in one language of a bead and not in the other.

The commonest real error in a translated bulletin, and the one a reader
cannot see by skimming: Trados calls it NumberMissing/DateMissing, Xbench a
numeric mismatch. Compared bead by bead, so a number moved to the next
paragraph of the translation is found only if the beads say so.
"""

from __future__ import annotations

from collections.abc import Iterator

from store.checks.mentions import Fact, facts, unanswered
from store.model import LANG_NAMES, OTHER_LANG, Entry, Finding, Lang


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
    other = [f for _, f in theirs]
    for para, fact in mine:
        if (para, fact.span) in reported or not unanswered(fact, other):
            continue
        reported.add((para, fact.span))
        kind = "number" if fact.ymd is None else "date"
        said = kind if fact.kind == "number" else fact.kind  # a time or a code: the number check
        yield Finding(kind, "error", lang, para, fact.span, fact.subject,
                      f"{said} {fact.said!r} ({fact.subject}) is not in the "
                      f"{LANG_NAMES[OTHER_LANG[lang]]}")
