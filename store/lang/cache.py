"""Tables built once from a package's data, then kept in the user's cache folder.

CC-CEDICT's word index takes about a second to build; pypinyin's readings and
pyspellchecker's word list cost 0.17 s and 0.13 s to reach through their own
packages (pypinyin loads its phrase dictionaries, 54 MB, to give single
characters). Every ``bitext import`` paid them. Kept as marshal, keyed by the
package's version and the table's format, each loads in milliseconds; the large
ones ``pack``ed, so that a process unpacks only the groups of keys it asks for.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import tempfile
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any, Generic, TypeVar

from platformdirs import user_cache_path


def cached_table(name: str, package: str, fmt: int, build: Callable[[], Any]) -> Any:
    """``build()``, or what it gave the last time for this version of ``package``;
    bump ``fmt`` when the table changes shape. A cache that cannot be read is built
    again; one that cannot be written only costs the next start the build."""
    path = user_cache_path("bitext-archive", appauthor=False) / (
        f"{name}-{version(package)}-{fmt}.marshal")
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        return marshal.loads(path.read_bytes())
    table = build()
    _save(path, marshal.dumps(table))
    return table


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


def _save(path: Path, data: bytes) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
