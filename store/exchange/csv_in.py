"""bitext's own CSV read back: text corrected in a spreadsheet, for the archive to record.

A CSV row is a bead of an entry already in the archive (``entry``, ``bead``),
so reading one adds nothing: a cell whose text differs from the paragraphs as
they are now is a change to them, recorded by the importer as an edit (kind
``edit``) over the raw text, which stays. Only text can change here: a cell
must keep one line per paragraph of its bead, as the export wrote it; the
alignment is changed in the app.

What spreadsheets do to a CSV is undone first: a byte-order mark (UTF-8 or
UTF-16), ``;`` or a tab as the separator (Excel in many locales), ``\\r\\n``
inside a cell, and the ``'`` the export put before a cell a spreadsheet would
run as a formula. The ``date`` column and any column added are ignored.
Anything else wrong (an entry the archive lacks, a bead it does not have, a
paragraph emptied) refuses the whole file with one line naming the row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from store.errors import InputError
from store.exchange.csv_markdown import CSV_COLUMNS, FORMULA_STARTS
from store.exchange.text import pictured
from store.model import Entry, Lang

#: Columns a row must have to name its bead and carry its text.
_NEEDED = ("entry", "bead", "zh", "en")
_SEPARATORS = (",", ";", "\t")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
#: A paragraph's new text: entry id -> (language, paragraph index, text).
Changes = dict[str, list[tuple[Lang, int, str]]]


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    entry: str
    bead: int
    zh: str
    en: str


def decoded(data: bytes, errors: str = "strict") -> str | None:
    """The text, by its byte-order mark or as UTF-8; None when it is neither."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        return data.decode(encoding, errors)
    except UnicodeDecodeError:
        return None


def separator(text: str) -> str | None:
    """The separator that makes the first line bitext's header; None for any other file."""
    first = text[:512].split("\n", 1)[0].strip("\r")
    return next((sep for sep in _SEPARATORS
                 if [c.strip().lower() for c in first.split(sep)][:len(CSV_COLUMNS)]
                 == list(CSV_COLUMNS)), None)


def read(data: bytes, name: str) -> list[Row]:
    text = decoded(data)
    if text is None:
        raise InputError(name, "is not UTF-8 text (save it from the spreadsheet as CSV UTF-8)")
    sep = separator(text)
    if sep is None:
        raise InputError(name, f"is not a CSV bitext wrote (its header is not "
                               f"{','.join(CSV_COLUMNS)})")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=sep)
    reader.fieldnames = [c.strip().lower() for c in reader.fieldnames or ()]
    rows = []
    for cells in reader:
        if not any((v or "").strip() for k, v in cells.items() if k is not None):
            continue  # an empty row a spreadsheet left
        line = reader.line_num
        bead = (cells.get("bead") or "").strip()
        if not bead.isdigit() or int(bead) < 1:
            raise InputError(name, f"row at line {line}: bead {bead!r} is not a number from 1")
        zh, en = (_unguarded(cells.get(lang) or "") for lang in ("zh", "en"))
        rows.append(Row(line, (cells.get("entry") or "").strip(), int(bead), zh, en))
    return rows


def changes(rows: list[Row], entry_of: Callable[[str], Entry | None], name: str) -> Changes:
    """Each entry's paragraphs whose text the file changes; InputError naming the first
    row that cannot be a change of text (``entry_of``: the entry as edited now, or None)."""
    out: Changes = {}
    seen: set[tuple[str, int]] = set()
    for row in rows:
        where = f"row at line {row.line} ({row.entry or 'no entry'}, bead {row.bead})"
        entry = entry_of(row.entry) if row.entry else None
        if entry is None:
            raise InputError(name, f"{where}: no such entry in the archive")
        if not row.bead <= len(entry.beads):
            raise InputError(name, f"{where}: the entry has {len(entry.beads)} beads")
        if (entry.id, row.bead) in seen:
            raise InputError(name, f"{where}: the bead is given twice")
        seen.add((entry.id, row.bead))
        for lang, cell in (("zh", row.zh), ("en", row.en)):
            found = _changed(entry, lang, entry.beads[row.bead - 1][lang == "en"], cell)
            if isinstance(found, str):
                raise InputError(name, f"{where}: {found}")
            if found:
                out.setdefault(entry.id, []).extend(found)
    return out


def _changed(entry: Entry, lang: Lang, indices: tuple[int, ...], cell: str
             ) -> list[tuple[Lang, int, str]] | str:
    """The paragraphs of one side this cell changes; a string saying why it cannot."""
    now = [pictured(entry.paragraphs(lang)[i].text) for i in indices]
    if cell == "\n".join(now):
        return []
    lines = cell.split("\n")
    side = "Chinese" if lang == "zh" else "English"
    if len(lines) != len(indices):
        return (f"the {side} cell has {len(lines)} lines for {len(indices)} paragraphs; a "
                "spreadsheet can change text, not the alignment (the app changes that)")
    if not all(t.strip() for t in lines):
        return f"a {side} paragraph is left empty; a spreadsheet can change text, not remove it"
    return [(lang, i, new) for i, old, new in zip(indices, now, lines, strict=True)
            if new != old]


def _unguarded(cell: str) -> str:
    """The cell as the export had it before guarding: line ends made ``\\n``, and the
    ``'`` before a would-be formula dropped."""
    text = cell.replace("\r\n", "\n").replace("\r", "\n")
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
