"""CSV and Markdown: a row per bead, for spreadsheets and pandas, and for people.

Write-only: both lose what the archive needs back (repairs, raw text). A
bead's paragraphs are joined by a line break (CSV quotes it; Markdown writes
``<br>``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from store.exchange.tmx import days_label
from store.model import Entry

CSV_COLUMNS = ("entry", "date", "bead", "zh", "en")


def write_csv(entries: Iterable[Entry]) -> Iterator[bytes]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    yield _taken(out)
    for entry in entries:
        day = days_label(entry.days)
        for k, bead in enumerate(entry.beads, 1):
            writer.writerow([entry.id, day, k, *_sides(entry, bead, "\n")])
        yield _taken(out)


def write_markdown(entries: Iterable[Entry]) -> Iterator[bytes]:
    for entry in entries:
        day = days_label(entry.days).replace(",", ", ") or "undated"
        rows = "".join(f"| {k} | {_cell(zh)} | {_cell(en)} |\n" for k, (zh, en) in enumerate(
            (_sides(entry, bead, "\n\n") for bead in entry.beads), 1))
        yield (f"## {day} · {_cell(entry.title['zh'])}\n\n"
               f"{_cell(entry.title['en'])}\n\n"
               f"`{entry.id}` · {_cell(entry.source.name)}\n\n"
               f"| # | 中文 | English |\n|---|---|---|\n{rows}\n").encode()


def _sides(entry: Entry, bead: tuple[tuple[int, ...], tuple[int, ...]], joiner: str
           ) -> tuple[str, str]:
    zh, en = bead
    return (joiner.join(entry.zh[i].text for i in zh), joiner.join(entry.en[j].text for j in en))


def _cell(text: str) -> str:
    """Text that stays inside one table cell and shows as typed."""
    escaped = "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in text)
    return escaped.replace("\r", "").replace("\n", "<br>")


def _taken(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return data
