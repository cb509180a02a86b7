"""Exchange with other tools: TMX for CAT tools, JSON Lines, CSV, Markdown.

Export writes any of the four; import reads TMX and JSON Lines, the two that
carry what an archive needs, and bitext's own CSV back as edits of the entries
it names. A file's format is told by its content, not its name, so a renamed
file still imports.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from store import FORMATS
from store.exchange import csv_in, csv_markdown, jsonl, tmx_foreign
from store.exchange.filters import ExportFilter
from store.exchange.shared import Imported, MakeParagraph
from store.model import Entry

if TYPE_CHECKING:
    from store.exchange.tmx import Sentences

__all__ = ["FORMATS", "ExportFilter", "Imported", "MakeParagraph", "csv_changes", "read_csv",
           "read_jsonl", "read_tmx", "sniff", "write"]

read_jsonl = jsonl.read
read_csv = csv_in.read
csv_changes = csv_in.changes
#: Entries the TMX header's srclang is decided from.
_SRCLANG_SAMPLE = 50


def read_tmx(data: bytes, name: str, *, imported: str, paragraph: MakeParagraph
             ) -> list[Imported]:
    """``tmx.read``, loaded when a TMX comes: lxml and the module are 12 ms of every
    ``bitext import`` of a bulletin otherwise."""
    from store.exchange import tmx  # noqa: PLC0415  (see above)

    return tmx.read(data, name, imported=imported, paragraph=paragraph)


def write(fmt: str, entries: Iterable[Entry], *, version: str, bom: bool = True,
          sentences: Sentences | None = None) -> Iterator[bytes]:
    """The file, in pieces, for entries that arrive one at a time; ``bom``: the CSV's;
    ``sentences``: a TMX unit per sentence bead these give, rather than per bead."""
    if fmt == "tmx":
        from store.exchange import tmx  # noqa: PLC0415  (see read_tmx)

        stream = iter(entries)
        head = list(itertools.islice(stream, _SRCLANG_SAMPLE))
        return tmx.write(itertools.chain(head, stream), srclang=tmx.chinese_of(head),
                         version=version, sentences=sentences)
    if fmt == "jsonl":
        return jsonl.write(entries)
    if fmt == "csv":
        return csv_markdown.write_csv(entries, bom=bom)
    return csv_markdown.write_markdown(entries)


def sniff(data: bytes) -> str | None:
    """``tmx``, ``jsonl`` or ``csv`` (bitext's own) by the content; None for anything else.

    XML is read in the encoding it declares (UTF-16 from Trados too), so a UTF-16
    TMX is never taken for a plain-text bulletin.
    """
    text = tmx_foreign.decoded(data[:8192], tmx_foreign.encoding_of(data))
    head = text[:4096].lstrip(" \t\r\n")
    if head.startswith(("<?xml", "<tmx", "<!DOCTYPE")):
        return "tmx" if "<tmx" in text else None
    if head.startswith('{"id"'):
        return "jsonl"
    csv_text = csv_in.decoded(data[:4096], errors="replace")
    if csv_text is not None and csv_in.separator(csv_text):
        return "csv"
    return None
