"""Numbers and dates said in one language of a bead and not in the other.

The commonest real error in a translated bulletin, and the one a reader
cannot see by skimming: Trados calls it NumberMissing/DateMissing, Xbench a
numeric mismatch. Compared bead by bead, so a number moved to the next
paragraph of the translation is found only if the beads say so.

A year the English adds, where every number of the Chinese is answered, is a
gloss for a foreign reader, not a changed number: "reform and opening up in
1978" for 改革开放, "the Eastern Han Dynasty (25-220)" for 汉代. Such glosses
were 18 of the 27 number findings on the Foreign Languages Press's English of
Xi's speeches (bench/checks_eval.py, source ``pol``). A changed year is
still found: it leaves the English with no more years than the Chinese.

Likewise cross-references to parts of a law (第一項, "Article 10") that one side
gives more of: the other says "the preceding paragraph", or names 前條 by its
number, or leaves them out. They were 20 of the 31 number findings on Taiwan's
laws in their official English (source ``tw-law``). A changed reference is
still found: it leaves each side as many references ("Paragraphs 2 and 2" for
第一項及第二項 too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from store.checks.mentions import Fact, facts, unanswered
from store.lang.patterns import compiled
from store.model import LANG_NAMES, OTHER_LANG, Entry, Finding, Lang

Said = tuple[int, Fact]  # a fact and the number of the paragraph that states it

_YEAR = compiled(r"(?:1[0-9]|20)\d\d(?:s|\b)")
_YEARS_IN_BRACKETS = compiled(r"\(\s*\d+\s*[-–—]\s*\d+\s*\)")


def number_findings(entry: Entry) -> Iterator[Finding]:
    for zh, en in entry.beads:
        if not zh or not en:
            continue  # a paragraph with no counterpart is reported once, as unpaired
        said = {lang: [(i, f) for i in paras for f in facts(entry.paragraphs(lang)[i].text, lang)]
                for lang, paras in (("zh", zh), ("en", en))}
        zh_only = _unanswered(said["zh"], said["en"])
        en_only = _unanswered(said["en"], said["zh"])
        references = [sum(f.reference for _, f in said[lang]) for lang in ("zh", "en")]
        zh_only = _less_added(zh_only, *references, _reference)
        en_only = _less_added(en_only, *reversed(references), _reference)
        if not zh_only:
            en_only = _less_added(en_only, *_years(entry, said), partial(_gloss, entry))
        yield from (_finding(i, f, "zh") for i, f in zh_only)
        yield from (_finding(i, f, "en") for i, f in en_only)


def _less_added(only: list[Said], mine: int, theirs: int, kind: Callable[[Said], bool]
                ) -> list[Said]:
    """``only`` less its facts of a kind when this side states that many more of the kind
    than the other: facts added (or the other side's left out), not changed ones. A
    changed fact adds none: 第五條 as "Article 6" leaves each side one reference."""
    added = [s for s in only if kind(s)]
    if not added or len(added) > mine - theirs:
        return only
    return [s for s in only if not kind(s)]


def _reference(said: Said) -> bool:
    return said[1].reference


def _years(entry: Entry, said: dict[str, list[Said]]) -> tuple[int, int]:
    """The years the English states (a date's, 1978, the 1950s, (25-220)), and the Chinese."""
    return (sum(_year(s[1]) or _gloss(entry, s) for s in said["en"]),
            sum(_year(f) for _, f in said["zh"]))


def _unanswered(mine: list[Said], theirs: list[Said]) -> list[Said]:
    """Each mention with a strong fact the other side does not state, once.

    A range (``25日—29日``) is one mention of several days: one finding, not five.
    """
    other = [f for _, f in theirs]
    kept: dict[tuple[int, tuple[int, int]], Said] = {}
    for para, fact in mine:
        if (para, fact.span) not in kept and unanswered(fact, other):
            kept[para, fact.span] = (para, fact)
    return list(kept.values())


def _year(fact: Fact) -> bool:
    """Whether ``fact`` may be a year: a date's, or a number from 1000 to 2100."""
    if fact.ymd is not None:
        return fact.ymd[0] is not None
    return fact.kind == "number" and isinstance(fact.value, int) and 1000 <= fact.value <= 2100


def _gloss(entry: Entry, said: Said) -> bool:
    """Whether an English fact is a year (1978, 1950s) or a bracketed span of years
    ((25-220))."""
    para, fact = said
    text = entry.en[para].text
    if fact.kind != "number":
        return False
    start, end = fact.span
    if _YEAR.fullmatch(text, start, end) or (fact.ymd is not None and fact.ymd[1:] == (None, None)):
        return True
    return any(m.start() <= start and end <= m.end()
               for m in _YEARS_IN_BRACKETS.finditer(text, max(0, start - 16), end + 16))


def _finding(para: int, fact: Fact, lang: Lang) -> Finding:
    kind = "number" if fact.ymd is None else "date"
    said = kind if fact.kind == "number" else fact.kind  # a time or a code: the number check
    return Finding(kind, "error", lang, para, fact.span, fact.subject,
                   f"{said} {fact.said!r} ({fact.subject}) is not in the "
                   f"{LANG_NAMES[OTHER_LANG[lang]]}")
