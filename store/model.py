"""The archive's vocabulary: sources, entries, paragraphs, beads, repairs, damage, edits.

Everything else in ``store`` (the wings: ingest, archive, search, checks,
exchange, edits) stands on these types, so they carry no behaviour beyond
``to_dict`` (the JSON that ``bitext list/show --json`` print, a public
interface: see README) and what a bead is (``bead_of``, ``bead_problems``).
The archive's own, more compact layout of an entry is in ``archive/codec.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, NamedTuple

#: Version of the documents written to the archive. Bump on any change to the
#: JSON shape that an older bitext cannot ignore, with a step in
#: ``archive/migrate.py``; the archive refuses files written by a newer version.
#: 2: the meta table names the archive's revision. Entries' stored findings
#: (``checks``) came later without a bump: optional, and an older bitext reads
#: past them, while an entry without them is simply "not checked yet". So did
#: ``year_inferred``, present only when true: an older bitext reads past it.
SCHEMA_VERSION = 3

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, Lang] = ("zh", "en")
#: Each language as messages name it.
LANG_NAMES: dict[str, str] = {"zh": "Chinese", "en": "English"}
#: Each language's counterpart.
OTHER_LANG: dict[str, Lang] = {"zh": "en", "en": "zh"}

#: One alignment bead: indices into an entry's zh paragraphs and en paragraphs.
#: 1-1, 1-2, 2-1, 2-2, 1-0 and 0-1 are all this one shape.
Bead = tuple[tuple[int, ...], tuple[int, ...]]
#: Where each language's paragraphs stand in a bead.
BEAD_SIDE: dict[str, int] = {"zh": 0, "en": 1}

Span = tuple[int, int]


def bead_of(beads: Sequence[Bead], lang: str, para: int) -> int | None:
    """The index of the bead that holds paragraph ``para`` of ``lang``: findings and hits
    name a paragraph, the reader shows beads."""
    side = BEAD_SIDE[lang]
    return next((k for k, bead in enumerate(beads) if para in bead[side]), None)


def bead_problems(beads: Sequence[Bead], zh: int, en: int) -> list[str]:
    """What is wrong with ``beads`` for an entry of ``zh`` and ``en`` paragraphs; [] if sound.

    Sound beads cover each paragraph of each language exactly once, in order, with
    no empty bead: what an import, a hand edit and a file read back must all keep.
    """
    problems = []
    for lang, count in (("zh", zh), ("en", en)):
        used = [i for bead in beads for i in bead[BEAD_SIDE[lang]]]
        if used != list(range(count)):
            problems.append(f"beads do not cover each {lang} paragraph exactly once, in order "
                            f"({used})")
    if any(not z and not e for z, e in beads):
        problems.append("an empty bead")
    return problems


@dataclass(frozen=True, slots=True)
class Repair:
    """One change the importer made to a paragraph, so it can be shown and undone.

    ``span`` locates ``before`` in the paragraph's raw text, ``at`` locates
    ``after`` in its repaired text.
    """

    kind: str
    span: Span
    before: str
    after: str
    at: Span


@dataclass(frozen=True, slots=True)
class Damage:
    """Text that was lost before the file reached us; flagged, never guessed at.

    ``span`` is in the repaired text (what the reader shows), ``raw_span`` in
    the raw text.
    """

    kind: str
    span: Span
    raw_span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph as imported: repaired text, the raw line it came from, and why they differ."""

    text: str
    raw: str
    line: int
    repairs: tuple[Repair, ...] = ()
    damage: tuple[Damage, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceRef:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Furniture:
    """A line that belongs to no event (photo credit, header); kept on its source."""

    line: int
    text: str
    lang: str
    why: str


@dataclass(frozen=True, slots=True)
class Source:
    """One imported file: its exact decoded text is kept so nothing is ever lost."""

    id: str
    name: str
    encoding: str
    sha256: str
    imported: str
    raw: str
    layout: str
    furniture: tuple[Furniture, ...] = ()
    entries: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "encoding": self.encoding,
            "sha256": self.sha256,
            "imported": self.imported,
            "layout": self.layout,
            "furniture": [_furniture_dict(f) for f in self.furniture],
            "entries": list(self.entries),
            "raw": self.raw,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(
            id=d["id"],
            name=d["name"],
            encoding=d["encoding"],
            sha256=d["sha256"],
            imported=d["imported"],
            raw=d["raw"],
            layout=d["layout"],
            furniture=tuple(Furniture(**f) for f in d["furniture"]),
            entries=tuple(d["entries"]),
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One event of a bulletin in both languages, aligned paragraph by paragraph."""

    id: str
    seq: int
    start: date | None
    end: date | None
    days: tuple[date, ...]
    title: dict[str, str]
    zh: tuple[Paragraph, ...]
    en: tuple[Paragraph, ...]
    beads: tuple[Bead, ...]
    source: SourceRef
    digest: str = ""
    #: The alignment or the text was changed by hand (``bitext``'s editing keys);
    #: the edits live beside the archive, and a re-import leaves them alone.
    edited: bool = False
    #: The days' year was not written beside them but taken from a heading or
    #: another date of the file (``7 月 9 日`` under ``2015 年大事紀要``).
    year_inferred: bool = False

    def paragraphs(self, lang: str) -> tuple[Paragraph, ...]:
        return self.zh if lang == "zh" else self.en

    def to_dict(self) -> dict[str, Any]:
        """``year_inferred`` only when true, so entries with written years print as before."""
        return {
            "id": self.id,
            "seq": self.seq,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "days": [d.isoformat() for d in self.days],
            **({"year_inferred": True} if self.year_inferred else {}),
            "title": dict(self.title),
            "zh": [_paragraph_dict(p) for p in self.zh],
            "en": [_paragraph_dict(p) for p in self.en],
            "beads": [[list(z), list(e)] for z, e in self.beads],
            "repairs": self._flatten("repairs", _repair_dict),
            "damage": self._flatten("damage", _damage_dict),
            "source": {"id": self.source.id, "name": self.source.name},
            "digest": self.digest,
            "edited": self.edited,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entry:
        """The entry ``to_dict`` printed (JSONL import); ``edited`` is not restored."""
        def paragraphs(lang: str) -> tuple[Paragraph, ...]:
            return tuple(Paragraph(
                p["text"], p["raw"], p["line"],
                tuple(Repair(r["kind"], tuple(r["span"]), r["before"], r["after"],  # type: ignore[arg-type]
                             tuple(r["at"])) for r in d["repairs"]
                      if r["lang"] == lang and r["para"] == i),
                tuple(Damage(x["kind"], tuple(x["span"]), tuple(x["raw_span"]), x["text"])  # type: ignore[arg-type]
                      for x in d["damage"] if x["lang"] == lang and x["para"] == i),
            ) for i, p in enumerate(d[lang]))

        days = tuple(date.fromisoformat(x) for x in d["days"])
        return cls(
            id=d["id"], seq=d["seq"],
            start=date.fromisoformat(d["start"]) if d["start"] else None,
            end=date.fromisoformat(d["end"]) if d["end"] else None,
            days=days, title={"zh": d["title"]["zh"], "en": d["title"]["en"]},
            zh=paragraphs("zh"), en=paragraphs("en"),
            beads=tuple((tuple(z), tuple(e)) for z, e in d["beads"]),
            source=SourceRef(d["source"]["id"], d["source"]["name"]),
            digest=d["digest"],
            year_inferred=d.get("year_inferred", False),
        )

    def _flatten(self, what: str, convert: Any) -> list[dict[str, Any]]:
        """Repairs and damage live on paragraphs; the JSON lists them per entry."""
        return [
            {"lang": lang, "para": i, **convert(item)}
            for lang in LANGS
            for i, p in enumerate(self.paragraphs(lang))
            for item in getattr(p, what)
        ]


#: How much a finding matters: a likely error, something to look at, or a
#: heuristic's question that is often fine ("to review").
Severity = Literal["error", "warning", "review"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One difference a check found between the two languages of an entry.

    Located by paragraph, not by bead, so a finding (and the user's "reviewed"
    mark, keyed by ``key``) survives an alignment edit that regroups beads.
    ``lang``/``para``/``span`` are None for findings about the whole entry.
    """

    check: str
    severity: Severity
    lang: Lang | None
    para: int | None
    span: Span | None
    subject: str
    message: str

    @property
    def key(self) -> str:
        """Stable across re-runs of the checks: what the "reviewed" marks refer to."""
        where = "-" if self.para is None else f"{self.lang}{self.para}"
        return f"{self.check}:{where}:{self.subject}"

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "severity": self.severity, "lang": self.lang,
                "para": self.para, "span": list(self.span) if self.span else None,
                "subject": self.subject, "message": self.message, "key": self.key}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        return cls(d["check"], d["severity"], d["lang"], d["para"],
                   tuple(d["span"]) if d["span"] else None,  # type: ignore[arg-type]
                   d["subject"], d["message"])


@dataclass(frozen=True, slots=True)
class Accepted:
    """Damaged text replaced, with consent, by a recovered reading."""

    lang: Lang
    para: int
    span: Span
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class EditState:
    """What the user's edits make of an entry: its beads (None: as imported), its readings.

    Here, not with the edits file or the edits, because both use it: the archive
    keeps it (``store.archive.edits``), ``store.edits`` applies it.
    """

    beads: tuple[Bead, ...] | None = None
    readings: tuple[Accepted, ...] = ()
    #: Damage findings (by key) whose suggested reading the user turned down.
    rejected: tuple[str, ...] = ()


class EntrySummary(NamedTuple):
    """What a row of the entry list needs, read off the stored document.

    Building a full Entry means building every paragraph, repair and bead; a
    list of 100,000 entries needs only these fields. A NamedTuple, because a
    frozen dataclass costs several times more to build, 100,000 times over.
    """

    id: str
    start: str | None
    days: tuple[str, ...]  # ISO dates, kept as text: 100,000 rows need no date objects
    title_zh: str
    title_en: str
    source: str
    seq: int


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _paragraph_dict(p: Paragraph) -> dict[str, Any]:
    return {"text": p.text, "raw": p.raw, "line": p.line}


def _repair_dict(r: Repair) -> dict[str, Any]:
    return {"kind": r.kind, "span": list(r.span), "before": r.before,
            "after": r.after, "at": list(r.at)}


def _damage_dict(d: Damage) -> dict[str, Any]:
    return {"kind": d.kind, "span": list(d.span), "raw_span": list(d.raw_span), "text": d.text}


def _furniture_dict(f: Furniture) -> dict[str, Any]:
    return {"line": f.line, "text": f.text, "lang": f.lang, "why": f.why}
