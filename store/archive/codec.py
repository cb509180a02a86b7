"""How an entry is laid out in the archive file, compact and quick to load.

The public JSON of an entry (``Entry.to_dict``, printed by ``--json``) repeats
itself for readers' sake: every paragraph's raw text beside its repaired text,
every repair with spans in both. Stored that way, 100,000 entries made a 667 MB
file that took 23 s to parse here. So the archive stores

* the fields a list row needs (id, days, titles, source) as plain JSON, and
* everything else as one compact JSON string, ``body``, parsed only when the
  entry is opened: each paragraph as ``[text, line, repairs, damage]``, each
  repair as ``[kind, at, before, after]``, each damage as ``[kind, start, end]``.

The raw text, the repairs' raw spans and damage's raw spans are derived again
on load; nothing is lost, as the round-trip test shows.

An entry's findings (``checks``) sit beside it as ``[version, [[check, severity,
lang, para, start, end, subject, message], ...]]``: a list of 100,000 entries
asks for them without opening any body. An entry without them was not checked
yet (written before checks existed).
"""

from __future__ import annotations

import functools
import sys
from datetime import date
from typing import Any

import orjson

from store.model import (
    Damage,
    Entry,
    EntrySummary,
    Finding,
    Paragraph,
    Repair,
    Source,
    SourceRef,
)

_LIST_FIELDS = ("id", "seq", "start", "end", "days", "title", "source", "digest")

_Kinds = dict[str, type | tuple[type, ...]]
#: The types of what a list row and an entry read from a document: a value of another
#: type (an archive changed outside bitext) is named here, not met as a crash in whatever
#: shows it (a number for a title crashed ``bitext list``).
_ROW: _Kinds = {"id": str, "seq": int, "start": (str, type(None)), "end": (str, type(None)),
                "days": list, "title": dict, "source": dict, "digest": str}
_PAIR: _Kinds = {"zh": str, "en": str}
_REF: _Kinds = {"id": str, "name": str}
_SOURCE: _Kinds = {"id": str, "name": str, "encoding": str, "sha256": str, "imported": str,
                   "raw": str, "layout": str, "furniture": list, "entries": list}


def encode(entry: Entry) -> dict[str, Any]:
    public = entry.to_dict()
    doc = {k: public[k] for k in _LIST_FIELDS}
    if entry.year_inferred:
        doc["year_inferred"] = True
    doc["body"] = orjson.dumps({
        "zh": [_paragraph(p) for p in entry.zh],
        "en": [_paragraph(p) for p in entry.en],
        "beads": public["beads"],
    }).decode()
    return doc


def decode(doc: dict[str, Any]) -> Entry:
    days = _row_days(doc)
    body = orjson.loads(doc["body"])
    return Entry(
        id=doc["id"],
        seq=doc["seq"],
        start=date.fromisoformat(doc["start"]) if doc["start"] else None,
        end=date.fromisoformat(doc["end"]) if doc["end"] else None,
        days=days,
        title=dict(doc["title"]),
        zh=tuple(_unparagraph(p) for p in body["zh"]),
        en=tuple(_unparagraph(p) for p in body["en"]),
        beads=tuple((tuple(z), tuple(e)) for z, e in body["beads"]),
        source=SourceRef(doc["source"]["id"], doc["source"]["name"]),
        digest=doc["digest"],
        year_inferred=doc.get("year_inferred", False),
    )


def encode_findings(version: int, findings: tuple[Finding, ...]) -> list[Any]:
    return [version, [[f.check, f.severity, f.lang, f.para, *(f.span or (None, None)),
                       f.subject, f.message] for f in findings]]


def decode_findings(doc: dict[str, Any]) -> tuple[int, tuple[Finding, ...]] | None:
    """The version of the checks that found them, and the findings; None if never checked."""
    stored = doc.get("checks")
    if stored is None:
        return None
    version, items = stored
    return version, tuple(
        Finding(check, severity, lang, para, None if start is None else (start, end),
                subject, message)
        for check, severity, lang, para, start, end, subject, message in items)


def texts(doc: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The paragraphs' text in each language, without building paragraphs."""
    body = orjson.loads(doc["body"])
    return [p[0] for p in body["zh"]], [p[0] for p in body["en"]]


def summary(doc: dict[str, Any]) -> EntrySummary:
    """A list row. Days and source names repeat from row to row and are kept once: 100,000
    rows held 77 MB, 22 MB of it copies of the same dates and names."""
    title = doc["title"]
    start, source = doc["start"], doc["source"]["name"]
    row = EntrySummary(doc["id"], sys.intern(start) if type(start) is str else start,
                       _shared_days(tuple(doc["days"])), title["zh"], title["en"],
                       sys.intern(source) if type(source) is str else source, doc["seq"])
    if not _plain(row):  # the check naming the field only when one is wrong: 100,000 rows
        _row_days(doc)   # took 0.05 s unchecked, 0.11 s so, 0.24 s with it every time
    return row


def _shared_days(days: tuple[Any, ...]) -> tuple[Any, ...]:
    """One tuple for each run of days (a damaged archive's unhashable days as they are)."""
    try:
        return _days_once(days)
    except TypeError:
        return days


@functools.lru_cache(maxsize=1 << 16)
def _days_once(days: tuple[Any, ...]) -> tuple[Any, ...]:
    return days


def _plain(row: EntrySummary) -> bool:
    """Whether a row's values have the types a list row shows, its days real dates."""
    try:
        for day in (*row.days, row.start) if row.start else row.days:
            date.fromisoformat(day)
    except (TypeError, ValueError):
        return False
    return (type(row.id) is str and type(row.seq) is int and type(row.title_zh) is str
            and type(row.title_en) is str and type(row.source) is str
            and (row.start is None or type(row.start) is str))


def source(doc: dict[str, Any]) -> Source:
    _typed("source", doc, _SOURCE)
    if not all(isinstance(e, str) for e in doc["entries"]):
        raise TypeError("source's entries: not all strings")
    return Source.from_dict(doc)


def _row_days(doc: dict[str, Any]) -> tuple[date, ...]:
    """The days of a document whose list fields have their types (TypeError, ValueError if not)."""
    _typed("entry", doc, _ROW)
    _typed("title", doc["title"], _PAIR)
    _typed("source", doc["source"], _REF)
    if not all(isinstance(d, str) for d in doc["days"]):
        raise TypeError("days: not all strings")
    for day in (doc["start"], doc["end"]):
        if day:
            date.fromisoformat(day)
    return tuple(date.fromisoformat(d) for d in doc["days"])


def _typed(what: str, doc: Any, kinds: _Kinds) -> None:
    if not isinstance(doc, dict):
        raise TypeError(f"{what} is {type(doc).__name__}, not an object")
    for field, kind in kinds.items():
        if not isinstance(doc[field], kind):
            raise TypeError(f"{what}'s {field} is {type(doc[field]).__name__}")


def _paragraph(p: Paragraph) -> list[Any]:
    return [p.text, p.line, [[r.kind, r.at[0], r.before, r.after] for r in p.repairs],
            [[d.kind, d.span[0], d.span[1]] for d in p.damage]]


def _unparagraph(item: list[Any]) -> Paragraph:
    text, line, stored_repairs, stored_damage = item
    repairs, raw_parts, last, shift = [], [], 0, 0
    for kind, at, before, after in stored_repairs:
        raw_parts += [text[last:at], before]
        last = at + len(after)
        start = at - shift  # where `before` sits in the raw text
        repairs.append(Repair(kind, (start, start + len(before)), before, after,
                              (at, at + len(after))))
        shift += len(after) - len(before)
    raw_parts.append(text[last:])
    damage = tuple(Damage(kind, (s, e), (_to_raw(repairs, s), _to_raw(repairs, e, end=True)),
                          text[s:e]) for kind, s, e in stored_damage)
    return Paragraph(text, "".join(raw_parts), line, tuple(repairs), damage)


def _to_raw(repairs: list[Repair], pos: int, *, end: bool = False) -> int:
    """A position in the repaired text, in the raw text, as ``MappedText.to_raw`` maps it.

    Inside a repair it maps to the repair's edge. At a deletion, a start maps
    past the deleted text and an end before it, so a span never swallows it.
    """
    shift = 0
    for r in repairs:
        a0, a1 = r.at
        if a0 < pos < a1:
            return r.span[1] if end else r.span[0]
        if a1 < pos or (a1 == pos and (a1 > a0 or not end)):
            shift = r.span[1] - a1
        else:
            break
    return pos + shift
