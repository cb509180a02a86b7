"""An entry that leads with a date and still has none.

The import dates an event by the date its lead opens with, a missing year
taken from the file (a heading, a dateline, its other dates). When no year
fits (``2 月 29 日`` under ``2015 年大事紀要``) or the file names none at all,
the entry is filed as undated: said here, so that it is never silent.
"""

from __future__ import annotations

from collections.abc import Iterator

from store.lang.dates import leading_date
from store.model import Entry, Finding


def undated_findings(entry: Entry) -> Iterator[Finding]:
    if entry.days or not entry.beads:
        return
    for lang, paras in zip(("zh", "en"), entry.beads[0], strict=True):
        for para in paras:
            text = entry.paragraphs(lang)[para].text
            if (m := leading_date(text, lang)) is not None:
                said = text[m.start:m.end]
                yield Finding("undated", "warning", lang, para, (m.start, m.end), said,
                              f"the entry leads with {said!r} but is undated: "
                              "no year the file gives fits this day, or it gives none")
                return
