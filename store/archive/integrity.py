"""A full check of an archive's contents, beyond "it parses".

What ``bitext check-archive`` runs, what every writer runs on the archive it
read before it commits (so a damaged archive is never written over, nor rotated
into ``.bak``), and what the crash tests run after every kill: every entry is
decoded, its id and digest agree and the digest is computed again from its raw
text (an entry changed outside bitext is found), its beads cover each
paragraph exactly once, its repairs and damage lie inside its text, its days
are in order, and every entry and source points at the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from store.archive import codec
from store.ids import ENTRY_ID, content_digest, is_entry_id
from store.model import LANGS, Entry, bead_problems

_JSON_KINDS = {list: "a list", str: "a string", int: "a number", float: "a number",
               bool: "true or false", type(None): "null"}


def table_problems(tables: dict[str, Any]) -> list[str]:
    """Tables, and the meta table's records, not as bitext writes them (a file edited by hand).

    Every reader needs these as they are written; the records inside a table are
    checked one by one where they are read.
    """
    found = [f"its {name} table is {_JSON_KINDS[type(table)]}, not an object"
             for name, table in tables.items()
             if name in ("meta", "sources", "entries", "parts") and not isinstance(table, dict)]
    meta = tables.get("meta")
    if found or not isinstance(meta, dict):
        return found
    schema, revision = meta.get("schema", {"schema": 1}), meta.get("revision", {"revision": ""})
    number = schema.get("schema") if isinstance(schema, dict) else None
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        found.append(f"its schema record is not as bitext writes it ({schema!r:.60})")
    if not isinstance(revision, dict) or not isinstance(revision.get("revision"), str):
        found.append(f"its revision record is not as bitext writes it ({revision!r:.60})")
    return found


def problems(tables: dict[str, dict[str, Any]]) -> list[str]:
    """Every problem found, one line each; an empty list is a sound archive."""
    check = Check(tables)
    if tables.get("entries"):
        check.entries(tables["entries"])
    return check.result()


class Check:
    """The full check fed the entries a part at a time, after every source: it keeps the
    sources' lists and the entries' ids, never the entries (the whole archive held in
    memory took 7.8 GB at a million entries, the first write after a copy).

    ``tables``: the meta table and every source (the entries, if there, are only
    checked to be a table: ``entries`` checks them).
    """

    def __init__(self, tables: dict[str, Any]) -> None:
        self.found = table_problems(tables)
        meta, sources = tables.get("meta"), tables.get("sources", {})
        self._sources = sources
        self._listed: dict[str, set[str]] | None = None
        self._keys: set[str] = set()
        self._schema = isinstance(meta, dict) and "schema" in meta
        if self.found:
            return
        try:  # a set per source: ``in`` a list of 100,000 ids, per entry, took minutes
            self._listed = {key: set(source.get("entries", ())) for key, source in sources.items()}
        except (AttributeError, TypeError):
            self.found.append("the sources table is not as bitext writes it")

    def entries(self, docs: dict[str, Any]) -> None:
        """Check one part's entries."""
        if self._listed is None:
            return
        for key, doc in docs.items():
            self.found += [f"entry {key}: {p}" for p in _readable(key, doc, self._listed)]
        self._keys.update(docs)

    def result(self) -> list[str]:
        if self._listed is None:
            return self.found
        head = [] if self._schema or not (self._keys or self._sources) else ["no schema record"]
        found = head + self.found
        for key, source in self._sources.items():
            missing = [e for e in source.get("entries", ()) if e not in self._keys]
            if missing:
                found.append(f"source {key}: lists {len(missing)} entries the archive lacks "
                             f"({', '.join(missing[:3])})")
        return found


def _readable(key: str, doc: Any, sources: dict[str, set[str]]) -> list[str]:
    """An entry's problems; a document of the wrong shape anywhere is one problem, not a crash."""
    try:
        return list(_entry_problems(key, doc, sources))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
        return [f"cannot be read ({type(e).__name__}: {e})"]


def _entry_problems(key: str, doc: dict[str, Any], sources: dict[str, set[str]]
                    ) -> Iterator[str]:
    if doc.get("id") != key:
        yield f"stored under another id ({doc.get('id')!r})"
    if not ENTRY_ID.fullmatch(key):
        yield "id is not YYYYMMDD-xxxxxxxx"
    entry = codec.decode(doc)
    if ENTRY_ID.fullmatch(key) and not is_entry_id(key, entry.digest):
        yield "id does not match its digest"
    if content_digest([p.raw for p in (*entry.zh, *entry.en)]) != entry.digest:
        yield "its text does not match its digest (changed outside bitext?)"
    yield from _bead_problems(entry)
    yield from _span_problems(entry)
    if list(entry.days) != sorted(entry.days) or (
            entry.days and (entry.start, entry.end) != (entry.days[0], entry.days[-1])):
        yield "days out of order, or start/end not the first and last day"
    source = sources.get(entry.source.id)
    if source is None:
        yield f"its source {entry.source.id} is missing"
    elif key not in source:
        yield f"its source {entry.source.id} does not list it"


def _bead_problems(entry: Entry) -> Iterator[str]:
    yield from bead_problems(entry.beads, len(entry.zh), len(entry.en))


def _span_problems(entry: Entry) -> Iterator[str]:
    for lang in LANGS:
        for i, p in enumerate(entry.paragraphs(lang)):
            spans = [d.span for d in p.damage] + [r.at for r in p.repairs]
            if any(not 0 <= a <= b <= len(p.text) for a, b in spans):
                yield f"{lang} paragraph {i}: a repair or damage span lies outside its text"
