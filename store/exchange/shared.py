"""What every exchange format shares: the imported result and the kept source."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from store.ids import source_id
from store.model import Entry, Paragraph, Source

#: Builds a paragraph (with its repairs) from a language, its text and its line.
MakeParagraph = Callable[[str, str, int], Paragraph]


@dataclass(frozen=True, slots=True)
class Imported:
    """One source (the file as read, kept whole) and its entries, as an import stores them."""

    source: Source
    entries: tuple[Entry, ...]
    #: What the file held that was not imported, one line each (``skipped 2 languages: fr,
    #: de``), for the import report.
    notes: tuple[str, ...] = ()


def source_for(name: str, data: bytes, text: str, imported: str, layout: str, *,
               encoding: str = "utf-8") -> Source:
    """The file as a source: its whole text kept, as for a bulletin."""
    return Source(
        id=source_id(text),
        name=name, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(),
        imported=imported, raw=text, layout=layout,
    )
