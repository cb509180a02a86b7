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

from datetime import date
from typing import Any

import orjson

from store.model import Damage, Entry, EntrySummary, Finding, Paragraph, Repair, SourceRef

_LIST_FIELDS = ("id", "seq", "start", "end", "days", "title", "source", "digest")


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
    body = orjson.loads(doc["body"])
    days = tuple(date.fromisoformat(d) for d in doc["days"])
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
    title = doc["title"]
    return EntrySummary(doc["id"], doc["start"], tuple(doc["days"]), title["zh"], title["en"],
                        doc["source"]["name"], doc["seq"])


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
