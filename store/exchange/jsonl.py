"""JSON Lines: the entry JSON that ``bitext show --json`` prints, one entry per line.

For pandas and scripts, and the one format that carries everything: raw
text, every repair and damaged span, the source. Read back, each entry
keeps its source; the lines of each source are kept as its raw text, so the
file as imported is never lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

import orjson

from store import alignment
from store.errors import InputError
from store.exchange.shared import Imported, source_for
from store.ids import is_entry_id
from store.model import Entry


def write(entries: Iterable[Entry]) -> Iterator[bytes]:
    for entry in entries:
        yield orjson.dumps(entry.to_dict()) + b"\n"


def read(data: bytes, name: str, *, imported: str) -> list[Imported]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(name, f"is not UTF-8 JSON Lines (byte {e.start})") from None
    by_source: dict[str, tuple[list[str], list[Entry]]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        entry = _entry(line, f"{name}: line {number}")
        lines, entries = by_source.setdefault(entry.source.id, ([], []))
        lines.append(line)
        entries.append(entry)
    if not by_source:
        raise InputError(name, "has no entries")
    out = []
    for lines, entries in by_source.values():
        kept = "\n".join(lines) + "\n"
        source = source_for(entries[0].source.name, kept.encode(), kept, imported, "jsonl")
        out.append(Imported(replace(source, id=entries[0].source.id,
                                    entries=tuple(e.id for e in entries)), tuple(entries)))
    return out


def _entry(line: str, where: str) -> Entry:
    try:
        entry = Entry.from_dict(orjson.loads(line))
    except orjson.JSONDecodeError as e:
        raise InputError(where, f"is not JSON ({e})") from None
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise InputError(where, f"is not an entry as `bitext show --json` prints it "
                                f"({type(e).__name__}: {e})") from None
    if not is_entry_id(entry.id, entry.digest):
        raise InputError(where, f"id {entry.id!r} does not match its digest")
    if problems := alignment.check(entry.beads, len(entry.zh), len(entry.en)):
        raise InputError(where, problems[0])
    for lang in ("zh", "en"):
        for p in entry.paragraphs(lang):
            spans = [d.span for d in p.damage] + [r.at for r in p.repairs]
            if any(not 0 <= a <= b <= len(p.text) for a, b in spans):
                raise InputError(where, "a repair or damage span lies outside its text")
    return entry
