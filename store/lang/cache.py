"""Tables built once from a package's data, then kept in the user's cache folder.

CC-CEDICT's word index takes about a second to build; pypinyin's readings and
pyspellchecker's word list cost 0.17 s and 0.13 s to reach through their own
packages (pypinyin loads its phrase dictionaries, 54 MB, to give single
characters). Every ``bitext import`` paid them. Kept as marshal, keyed by the
package's install and the table's format, each loads in milliseconds; the large
ones ``pack``ed, so that a process unpacks only the groups of keys it asks for.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import tempfile
import zlib
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Generic, TypeVar

from platformdirs import user_cache_path


def cached_table(name: str, module: str, fmt: int, build: Callable[[], Any]) -> Any:
    """``build()``, or what it gave the last time for this install of the package
    ``module`` is; bump ``fmt`` when the table changes shape. A cache that cannot be
    read is built again; one that cannot be written only costs the next start the build."""
    path = user_cache_path("bitext-archive", appauthor=False) / (
        f"{name}-{_installed(module)}-{fmt}.marshal")
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        return marshal.loads(path.read_bytes())
    table = build()
    save(path, marshal.dumps(table))
    return table


def _installed(module: str) -> str:
    """Which install of ``module`` this is: where its file is, its size and its time,
    which installing another version (or the same again) changes.

    Not the version from importlib.metadata: importing it (and the email package it
    reads metadata with) and asking was 11 ms of every ``bitext import``; finding the
    module without importing it takes a tenth of a millisecond.
    """
    spec = find_spec(module)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(module)
    found = os.stat(spec.origin)
    return f"{zlib.crc32(spec.origin.encode()):08x}{found.st_size:x}{found.st_mtime_ns:x}"


V = TypeVar("V")


class Packed(Generic[V]):
    """A table of string keys kept as groups (the keys of the same first ``prefix``
    characters) packed apart, each unpacked when a key of it is first asked for."""

    def __init__(self, packed: dict[str, bytes], prefix: int) -> None:
        self._packed = packed
        self._prefix = prefix
        self._open: dict[str, dict[str, V]] = {}

    def get(self, key: str, default: V) -> V:
        return self._group(key[:self._prefix]).get(key, default)

    def __contains__(self, key: str) -> bool:
        return key in self._group(key[:self._prefix])

    def _group(self, start: str) -> dict[str, V]:
        found = self._open.get(start)
        if found is None:
            packed = self._packed.get(start)
            found = self._open[start] = marshal.loads(packed) if packed else {}
        return found


def pack(table: dict[str, Any], prefix: int) -> dict[str, bytes]:
    """``table`` as ``Packed`` reads it."""
    groups: dict[str, dict[str, Any]] = {}
    for key, value in table.items():
        groups.setdefault(key[:prefix], {})[key] = value
    return {start: marshal.dumps(group) for start, group in groups.items()}


def save(path: Path, data: bytes) -> None:
    """``data`` in ``path`` by an atomic replace; a folder that cannot be written is left be."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
