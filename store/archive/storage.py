"""TinyDB storage that never leaves a half-written archive.

TinyDB's own JSONStorage rewrites the file in place (seek, write, truncate):
a crash in between leaves a mix of old and new bytes. Here every write goes to
a temporary file in the same folder, is flushed and fsynced, and replaces the
archive with ``os.replace``; the folder is fsynced so the rename itself
survives a power cut. The version being replaced is kept as ``<name>.bak``.

The file is ordinary JSON laid out one document per line. Reading it line by
line parses as fast as one ``orjson.loads`` of the whole file, but never holds
the interpreter for seconds in one call, so the app stays responsive while a
100,000-entry archive loads in a worker thread. A file in any other layout
(edited by hand, written by another tool) is read whole.
"""

from __future__ import annotations

import mmap
import os
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from store.atomic import atomic_write, backup_path
from store.errors import ArchiveError
from store.files import Stamp, open_regular, stamp_of


class AtomicJSONStorage(Storage):
    """Whole-file JSON (UTF-8, no ``\\u`` escapes) with atomic replace and a backup."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        #: The version last read (see ``store.files.stamp_of``); None before a read.
        self.stamp: Stamp | None = None

    def read(self) -> dict[str, Any] | None:
        try:
            with os.fdopen(open_regular(self.path, what="the archive"), "rb") as f:
                st = os.fstat(f.fileno())
                self.stamp = stamp_of(st)
                if st.st_size == 0:
                    return None
                # Mapped, not read: a 300 MB read() is one call that holds the
                # interpreter; pages of a map come in as the parse reaches them.
                with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
                    parsed = self._parse(data)
        except FileNotFoundError:
            return None
        except OSError as e:
            raise ArchiveError(f"{self.path}: cannot read the archive: {e.strerror}") from None
        if parsed is not None and not isinstance(parsed, dict):
            raise ArchiveError(f"{self.path}: not a bitext archive (no tables)")
        return parsed

    def _parse(self, data: mmap.mmap) -> Any:
        return parse_archive(self.path, data)

    def write(self, data: dict[str, Any]) -> None:
        atomic_write(self.path, dumps_lines(data))

    def close(self) -> None:
        pass


def restore_hint(path: Path) -> str:
    """How to get the previous good version back, when there is one."""
    backup = backup_path(path)
    if not backup.exists():
        return ""
    return (f"; the version before the last write is {backup}: check it with "
            f"`bitext check-archive --db {backup}`, then restore it with `cp {backup} {path}`")


def parse_archive(path: Path, data: bytes | mmap.mmap) -> Any:
    """A file of the archive parsed: the layout ``dumps_lines`` writes a line at a time,
    any other JSON whole; ``ArchiveError`` naming ``path`` for anything else."""
    try:
        parsed = _loads_lines(data)
    except (orjson.JSONDecodeError, ValueError, KeyError):
        parsed = None
    if parsed is not None:
        return parsed
    whole = data[:]
    if not whole.strip():
        return None
    if not whole.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        raise ArchiveError(f"{path}: not a bitext archive (it is not JSON); to add a "
                           f"bulletin to an archive: `bitext import {path}`")
    try:
        return orjson.loads(whole)
    except orjson.JSONDecodeError as e:
        raise ArchiveError(f"{path}: the archive is damaged ({e}); it was not changed"
                           + restore_hint(path)) from None


def dumps_lines(data: dict[str, Any]) -> bytes:
    """``{"table":{\n"id":{doc},\n...},...}``: valid JSON, one document per line."""
    tables = []
    for name, docs in data.items():
        lines = [orjson.dumps(str(k)) + b":" + orjson.dumps(doc) for k, doc in docs.items()]
        body = b",\n".join(lines)
        tables.append(orjson.dumps(name) + b":{" + (b"\n" + body if lines else b"") + b"\n}")
    return b"{\n" + b",\n".join(tables) + b"\n}\n"


def _loads_lines(data: bytes | mmap.mmap) -> dict[str, Any] | None:
    """Parse the layout ``_dumps_lines`` writes, a line at a time; None if it is not that.

    Lines are found one by one (not with one ``split`` of the whole file, a
    single call that would hold the interpreter for a third of a second).
    """
    if data[:2] != b"{\n":
        return None
    out: dict[str, Any] = {}
    table: dict[str, Any] | None = None
    start = 2
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end]
        start = end + 1
        if line.endswith(b":{") and table is None:
            table = out.setdefault(orjson.loads(line[:-2]), {})
        elif line in (b"}", b"},") and table is not None:
            table = None
        elif table is not None:
            table.update(orjson.loads(b"{" + line.removesuffix(b",") + b"}"))
        elif line not in (b"}", b""):
            return None
    return out
