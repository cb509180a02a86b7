"""CSV and Markdown: a row per bead, for spreadsheets and pandas, and for people.

Neither carries what an archive needs to take its entries back (repairs, raw
text), so neither adds entries; a CSV names each row's entry and bead, so text
corrected in a spreadsheet comes back as edits of them (``csv_in``). A bead's
paragraphs are joined by a line break (CSV quotes it; Markdown writes
``<br>``). The CSV starts with a UTF-8 byte-order mark unless asked not to:
without one, Excel reads UTF-8 as the locale's code page and shows the Chinese
as mojibake.

Both are text people open, print or ``cat``: control characters (ESC, BEL,
a carriage return, DEL, the C1 controls U+0080–U+009F) are written as the
pictures the app shows (``store.exchange.text``), tabs and line breaks as
they are, so a terminal showing the file obeys none of them.

CSV cells are also opened by spreadsheets, which run a cell that starts with
``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)``, DDE's
``=cmd|...``; a leading tab or carriage return can hide one). As OWASP's
CSV injection advice says, such a Chinese or English cell is written with a
leading ``'``, which makes a spreadsheet take it as text (some show the
``'``). Text that starts with ``-`` (a negative number, a dash) gets it too:
``-2+3+cmd|...`` is a formula, and telling a harmless dash from one is
guesswork. A script reading the CSV back drops the ``'`` of a cell that
starts with ``'`` and one of those characters. The columns bitext writes
itself (entry, date, bead) never start so and are left alone.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator

from store.exchange.schema import days_label
from store.exchange.text import pictured
from store.model import Entry

CSV_COLUMNS = ("entry", "date", "bead", "zh", "en")
#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(entries: Iterable[Entry], *, bom: bool = True) -> Iterator[bytes]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    yield (codecs.BOM_UTF8 if bom else b"") + _taken(out)
    for entry in entries:
        day = days_label(entry.days)
        for k, bead in enumerate(entry.beads, 1):
            writer.writerow([entry.id, day, k, *map(_csv_cell, _sides(entry, bead, "\n"))])
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


def _csv_cell(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula; controls as pictures."""
    return pictured(("'" + text) if text.startswith(FORMULA_STARTS) else text)


def _cell(text: str) -> str:
    """Text that stays inside one table cell and shows as typed; controls as pictures."""
    escaped = "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in text)
    return pictured(escaped.replace("\r", "")).replace("\n", "<br>")


def _taken(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return data
