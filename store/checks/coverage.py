"""What one language has and the other lacks altogether: paragraphs and translation.

A 1-0 or 0-1 bead is a paragraph nobody translated (or the aligner's doubt);
a different paragraph count is said beside it, once for the entry. A count
that differs only because a bead pairs one paragraph with two (a translator's
split or merge, aligned) is no finding: professional translations split
paragraphs freely, and the reader shows the bead;
Han characters in the English, or the same text on both sides, are text that
was never translated (WMT22 found ``丨`` in English references).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from store.lang.patterns import compiled
from store.lang.script import HAN
from store.model import LANG_NAMES, OTHER_LANG, Entry, Finding

_HAN_RUN = compiled(f"[{HAN}]+")


def coverage_findings(entry: Entry) -> Iterator[Finding]:
    unpaired = list(_unpaired(entry))
    yield from unpaired
    if unpaired and len(entry.zh) != len(entry.en):
        yield Finding("paragraph-count", "warning", None, None, None,
                      f"{len(entry.zh)}/{len(entry.en)}",
                      f"{len(entry.zh)} Chinese paragraphs, {len(entry.en)} English")
    yield from _untranslated(entry)


def _unpaired(entry: Entry) -> Iterator[Finding]:
    for zh, en in entry.beads:
        for lang, mine, theirs in (("zh", zh, en), ("en", en, zh)):
            if mine and not theirs:
                other = LANG_NAMES[OTHER_LANG[lang]]
                for para in mine:
                    yield Finding("unpaired", "warning", lang, para, None, "paragraph",
                                  f"this {LANG_NAMES[lang]} paragraph has no {other} counterpart")


def _untranslated(entry: Entry) -> Iterator[Finding]:
    for para, p in enumerate(entry.en):
        for m in _HAN_RUN.finditer(p.text):
            yield Finding("untranslated", "warning", "en", para, m.span(), m.group(),
                          f"Chinese text {m.group()!r} in the English")
    for zh, en in entry.beads:
        for i in zh:
            for j in en:
                if _same(entry.zh[i].text, entry.en[j].text):
                    yield Finding("identical", "warning", "en", j, None, "paragraph",
                                  f"English paragraph {j + 1} is the Chinese one, untranslated")


def _same(a: str, b: str) -> bool:
    fold = lambda s: "".join(unicodedata.normalize("NFKC", s).casefold().split())  # noqa: E731
    return bool(a.strip()) and fold(a) == fold(b)
