"""Exchange with other tools: TMX for CAT tools, JSON Lines, CSV, Markdown.

Export writes any of the four; import reads TMX and JSON Lines, the two that
carry what an archive needs. A file's format is told by its content, not its
name, so a renamed file still imports.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from store.exchange import csv_markdown, jsonl, tmx
from store.exchange.shared import Imported
from store.model import Entry

__all__ = ["FORMATS", "Imported", "MakeParagraph", "read_jsonl", "read_tmx", "sniff", "write"]

#: Format -> the file suffix it gets.
FORMATS = {"tmx": ".tmx", "jsonl": ".jsonl", "csv": ".csv", "md": ".md"}
MakeParagraph = tmx.MakeParagraph
read_tmx = tmx.read
read_jsonl = jsonl.read
#: Entries the TMX header's srclang is decided from.
_SRCLANG_SAMPLE = 50


def write(fmt: str, entries: Iterable[Entry], *, version: str) -> Iterator[bytes]:
    """The file, in pieces, for entries that arrive one at a time."""
    if fmt == "tmx":
        stream = iter(entries)
        head = list(itertools.islice(stream, _SRCLANG_SAMPLE))
        return tmx.write(itertools.chain(head, stream), srclang=tmx.chinese_of(head),
                         version=version)
    if fmt == "jsonl":
        return jsonl.write(entries)
    if fmt == "csv":
        return csv_markdown.write_csv(entries)
    return csv_markdown.write_markdown(entries)


def sniff(data: bytes) -> str | None:
    """``tmx`` or ``jsonl`` when the content is one of them; None for anything else."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<tmx", b"<!DOCTYPE")):
        return "tmx" if b"<tmx" in data[:8192] else None
    if head.startswith(b'{"id"'):
        return "jsonl"
    return None
