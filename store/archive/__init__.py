"""The archive file: a TinyDB document store of sources and entries.

Readers load the file once and see one consistent version (writes replace the
file atomically, never edit it in place). Writers take the lock, read the file
afresh so they build on what other processes wrote, change it in memory, and
commit with one atomic write; anything that fails before the commit leaves the
file byte-identical.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.table import Document, Table

from store import program_version
from store.archive import codec, integrity, migrate
from store.archive.edits import EditsFile
from store.archive.lock import DEFAULT_WAIT, WriterLock
from store.archive.storage import AtomicJSONStorage, restore_hint
from store.atomic import atomic_write
from store.errors import ArchiveError, NotFound
from store.files import stamp_of
from store.ids import source_id
from store.model import SCHEMA_VERSION, Entry, EntrySummary, Finding, Source, bead_problems

#: The archive file, and the file of the user's edits kept beside it.
__all__ = ["DEFAULT_WAIT", "ArchiveFile", "EditsFile", "Removed", "Transaction"]

_META, _SOURCES, _ENTRIES = "meta", "sources", "entries"


class _KeyedTable(Table):
    """Documents keyed by our own string ids, so a lookup is one dict access."""

    document_id_class = str


class _Transactional(CachingMiddleware):
    """Holds every write in memory until ``flush``; closing never writes."""

    WRITE_CACHE_SIZE = 2**62

    def close(self) -> None:
        self.storage.close()


class _DB(TinyDB):
    table_class = _KeyedTable
    default_table_name = _META
    #: The older schema the file on disk has, upgraded in memory (None: current).
    upgraded_from: int | None = None


def _open(path: Path) -> _DB:
    db = _DB(path, storage=_Transactional(AtomicJSONStorage))
    tables = db.storage.read() or {}
    shape = integrity.table_problems(tables)
    if shape:
        raise ArchiveError(f"{path}: the archive is damaged ({shape[0]}); it was not changed"
                           + restore_hint(path))
    meta = db.table(_META).get(doc_id="schema")
    if meta is None:
        if any(tables.get(t) for t in (_SOURCES, _ENTRIES)) or set(tables) - {
            _META, _SOURCES, _ENTRIES
        }:
            raise ArchiveError(f"{path}: not a bitext archive (it has no schema record)")
        return db
    if meta["schema"] > SCHEMA_VERSION:
        raise ArchiveError(
            f"{path}: written by a newer bitext (schema {meta['schema']}); this one reads "
            f"schema {SCHEMA_VERSION} and older: upgrade bitext-archive"
        )
    db.upgraded_from = migrate.upgrade(tables)
    return db


def _keep_old_schema(path: Path, schema: int) -> None:
    """Before the first write in the new schema, keep the file as the old bitext wrote it."""
    backup = migrate.schema_backup(path, schema)
    if not backup.exists():
        atomic_write(backup, path.read_bytes(), what="a backup of the archive",
                     keep_backup=False)


def _refuse_damaged(path: Path, db: _DB) -> None:
    """Never build on a damaged archive: the write would make it the only copy.

    An archive that parses but lost an entry, holds an unreadable body or text
    changed outside bitext was written over by the next import, and the last
    good version rotated out of ``.bak``. So a writer runs the full integrity
    check on what it read, unless the file is, to the inode, size and change
    time, the version the last writer checked or wrote (``WriterLock.verified``):
    the full check takes seconds at 100,000 entries (docs/benchmarks.md), and a
    file changed by anything but a bitext writer (an editor, a restore from
    ``.bak``, a copy) changes its stamp and is checked in full.
    """
    found = integrity.problems(db.storage.read() or {})
    if found:
        more = f"; {len(found)} problems in all" if len(found) > 1 else ""
        raise ArchiveError(
            f"{path}: the archive is damaged ({found[0]}{more}: `bitext check-archive --db "
            f"{path}` lists them); it was not changed" + restore_hint(path))


def _program() -> str:
    return f"bitext-archive {program_version()}"


#: Entry id -> (version of the checks, their findings).
Findings = Mapping[str, tuple[int, tuple[Finding, ...]]]


def _checks(findings: Findings, entry_id: str) -> dict[str, Any]:
    if entry_id not in findings:
        return {}
    return {"checks": codec.encode_findings(*findings[entry_id])}


class Removed(NamedTuple):
    """What ``Transaction.remove_source`` did: the source, the entries it took out, and
    those it left because another source lists them too."""

    source: Source
    removed: list[str]
    kept: list[str]


class Transaction:
    """Changes to make under the writer lock; written only if the block succeeds."""

    def __init__(self, db: _DB) -> None:
        self._db = db
        self.changed = False

    def same_source(self, source: Source) -> bool:
        """Whether this file (same id; same bytes, or the same text in another encoding)
        is stored already."""
        stored = self._db.table(_SOURCES).get(doc_id=source.id)
        return stored is not None and (stored.get("sha256") == source.sha256
                                       or stored.get("raw") == source.raw)

    def has_entry(self, entry_id: str) -> bool:
        return self._db.table(_ENTRIES).contains(doc_id=entry_id)

    def add(self, source: Source, entries: Sequence[Entry], findings: Findings | None = None
            ) -> list[Entry]:
        """Store a source and those of its entries not already present; returns the new ones.

        ``findings``: each entry's, with the version of the checks that found them; an
        entry without is stored as not checked yet.
        """
        findings = findings or {}
        new = [e for e in entries if not self.has_entry(e.id)]
        if not self._db.table(_META).contains(doc_id="schema"):
            self._db.table(_META).insert(Document(
                {"schema": SCHEMA_VERSION, "created_by": _program()}, doc_id="schema"))
        self._put_source(source)
        self._db.table(_ENTRIES).insert_multiple(
            Document(codec.encode(e) | _checks(findings, e.id), doc_id=e.id) for e in new)
        self.changed = True
        return new

    def _put_source(self, source: Source) -> None:
        """Store ``source``; when another file already claims its id, keep both.

        A JSON Lines file carries the id of the bulletin its entries came from, so
        the copy and the bulletin itself can meet under one id. Skipping the second
        ("already present") lost its text and its entries the copy lacked. The id
        goes to the file whose own text makes it (``source_id``); the other is kept
        under the id of its text; the id lists the entries of both.
        """
        table = self._db.table(_SOURCES)
        stored = table.get(doc_id=source.id)
        if stored is None:
            table.insert(Document(source.to_dict(), doc_id=source.id))
            return
        old = Source.from_dict(dict(stored))
        genuine, other = (source, old) if source_id(source.raw) == source.id else (old, source)
        entries = tuple(dict.fromkeys((*old.entries, *source.entries)))
        table.upsert(Document(replace(genuine, entries=entries).to_dict(), doc_id=source.id))
        kept_id = source_id(other.raw)
        if kept_id != source.id and not table.contains(doc_id=kept_id):
            table.insert(Document(replace(other, id=kept_id).to_dict(), doc_id=kept_id))

    def remove_source(self, source_id: str) -> Removed:
        """Take a source and its entries out; an entry another source lists stays.

        A staying entry that named this source as its own names the first other
        source that lists it (``check-archive`` wants every entry's source present).
        Its paragraphs' line numbers still count in the file removed.
        """
        table, entries = self._db.table(_SOURCES), self._db.table(_ENTRIES)
        stored = table.get(doc_id=source_id)
        if stored is None:
            raise NotFound(f"no source {source_id!r} in the archive")
        listed = dict.fromkeys(stored["entries"])
        elsewhere: dict[str, dict[str, str]] = {}
        for doc in table:
            if doc.doc_id != source_id:
                for entry_id in doc["entries"]:
                    if entry_id in listed:
                        elsewhere.setdefault(entry_id, {"id": doc.doc_id, "name": doc["name"]})
        gone = [e for e in listed if e not in elsewhere and entries.contains(doc_id=e)]
        entries.remove(doc_ids=gone)
        for entry_id, other in elsewhere.items():
            doc = entries.get(doc_id=entry_id)
            if doc is not None and doc["source"]["id"] == source_id:
                entries.update({"source": other}, doc_ids=[entry_id])
        table.remove(doc_ids=[source_id])
        self.changed = True
        return Removed(Source.from_dict(dict(stored)), gone, list(elsewhere))

    def set_findings(self, findings: Findings) -> int:
        """Store findings found again (``bitext check``); how many entries changed."""
        table = self._db.table(_ENTRIES)
        changed = 0
        for entry_id, (checks_version, found) in findings.items():
            stored = codec.encode_findings(checks_version, found)
            doc = table.get(doc_id=entry_id)
            if doc is not None and doc.get("checks") != stored:
                table.update({"checks": stored}, doc_ids=[entry_id])
                changed += 1
        self.changed = self.changed or changed > 0
        return changed


#: What ``dict.get`` gives for an id not in the table (a stored null is a damaged entry).
_ABSENT: Any = object()


def _sound(entry: Entry) -> Entry:
    """An entry whose beads name paragraphs it lacks crashed whatever showed it."""
    found = bead_problems(entry.beads, len(entry.zh), len(entry.en))
    if found:
        raise ValueError(found[0])
    return entry


def _row(key: str, doc: dict[str, Any]) -> EntrySummary:
    """A list row; one whose id is not the key it is stored under led to no entry."""
    row = codec.summary(doc)
    if row.id != key:
        raise ValueError(f"entry {key} is stored under another id ({row.id!r})")
    return row


class ArchiveFile:
    def __init__(self, path: Path, *, wait: float = DEFAULT_WAIT) -> None:
        self.path = Path(path)
        self.wait = wait
        self._db = _open(self.path)

    def count(self) -> int:
        return len(self._table(_ENTRIES))

    def entry_ids(self) -> list[str]:
        return list(self._table(_ENTRIES))

    def summaries(self) -> list[EntrySummary]:
        """Every entry's list row, without opening its body."""
        with self._reading():
            return [_row(key, doc) for key, doc in self._table(_ENTRIES).items()]

    def entry(self, entry_id: str) -> Entry | None:
        doc = self._table(_ENTRIES).get(entry_id, _ABSENT)
        with self._reading(entry_id):
            return None if doc is _ABSENT else _sound(codec.decode(doc))

    def sources(self) -> list[Source]:
        with self._reading():
            return [codec.source(d) for d in self._table(_SOURCES).values()]

    def findings(self, entry_id: str) -> tuple[int, tuple[Finding, ...]] | None:
        """An entry's stored findings and the checks' version; None if not checked yet."""
        doc = self._table(_ENTRIES).get(entry_id, _ABSENT)
        with self._reading(entry_id):
            return None if doc is _ABSENT else codec.decode_findings(doc)

    def all_findings(self) -> Iterator[tuple[str, tuple[int, tuple[Finding, ...]] | None]]:
        """Every entry's stored findings, without opening any entry's body."""
        for entry_id, doc in self._table(_ENTRIES).items():
            with self._reading(entry_id):
                found = codec.decode_findings(doc)
            yield entry_id, found

    @contextmanager
    def _reading(self, entry_id: str | None = None) -> Iterator[None]:
        """A document of the wrong shape (an archive changed outside bitext) is one line.

        A ``try`` costs nothing until something is raised, so the 100,000-row list pays
        nothing for it.
        """
        try:
            yield
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
            what = f"entry {entry_id}" if entry_id else "an entry or source"
            raise ArchiveError(
                f"{self.path}: the archive is damaged: {what} cannot be read "
                f"({type(e).__name__}: {e}); `bitext check-archive --db {self.path}` "
                "lists what is wrong" + restore_hint(self.path)) from None

    def problems(self) -> list[str]:
        """Everything wrong inside the archive (see ``integrity``); empty when sound."""
        return integrity.problems(self._db.storage.read() or {})

    def revision(self) -> str:
        """A new value at every commit: what derived data (the search index) was built from."""
        doc = self._table(_META).get("revision")
        return doc["revision"] if doc else ""

    def texts(self) -> Iterator[tuple[EntrySummary, list[str], list[str]]]:
        """Every entry's list row with its paragraph texts, without building entries."""
        for entry_id, doc in self._table(_ENTRIES).items():
            with self._reading(entry_id):
                found = (_row(entry_id, doc), *codec.texts(doc))
            yield found

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        with WriterLock(self.path, self.wait) as lock:
            db = _open(self.path)  # afresh: another writer may have committed since we read
            if db.storage.storage.stamp != lock.verified:
                _refuse_damaged(self.path, db)
            tx = Transaction(db)
            yield tx
            if tx.changed:
                if db.upgraded_from is not None:
                    _keep_old_schema(self.path, db.upgraded_from)
                db.table(_META).upsert(Document({"revision": uuid.uuid4().hex},
                                                doc_id="revision"))
                db.storage.flush()
            lock.verified = stamp_of(os.stat(self.path))  # sound by construction
            self._db = db

    @contextmanager
    def rehearsal(self) -> Iterator[Transaction]:
        """A transaction on the archive as it is now that is never written (a dry run).

        Its changes stay in the cache of a copy read for it, which is then dropped.
        """
        yield Transaction(_open(self.path))

    def _table(self, name: str) -> dict[str, dict[str, Any]]:
        return (self._db.storage.read() or {}).get(name, {})
