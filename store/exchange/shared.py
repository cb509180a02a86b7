"""What every exchange format shares: the imported result, ids, and the kept source."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from store.model import Entry, Source

_ID = re.compile(r"(?:\d{8}|undated)-([0-9a-f]{8})(?:-\d+)?")


@dataclass(frozen=True, slots=True)
class Imported:
    """One source (the file as read, kept whole) and its entries, as an import stores them."""

    source: Source
    entries: tuple[Entry, ...]


def entry_id(days: tuple[date, ...], digest: str, seen: dict[str, int]) -> str:
    """``YYYYMMDD-xxxxxxxx``, as bulletins get; ``-2``, ``-3`` for a repeat in one file."""
    base = f"{days[0]:%Y%m%d}-{digest[:8]}" if days else f"undated-{digest[:8]}"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def is_entry_id(key: str, digest: str) -> bool:
    """Whether ``key`` is an id bitext would give content of this ``digest``."""
    m = _ID.fullmatch(key)
    return bool(m and re.fullmatch(r"[0-9a-f]{64}", digest) and digest.startswith(m.group(1)))


def source_for(name: str, data: bytes, text: str, imported: str, layout: str) -> Source:
    """The file as a source: its whole text kept, as for a bulletin."""
    return Source(
        id="src-" + hashlib.sha256(text.encode()).hexdigest()[:12],
        name=name, encoding="utf-8", sha256=hashlib.sha256(data).hexdigest(),
        imported=imported, raw=text, layout=layout,
    )
