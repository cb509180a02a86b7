"""The archive: a manifest and the TinyDB files of its parts (``parts``).

Readers read the manifest once and each part when it is first asked for; parts
are never changed once written, so a reader sees each as it was committed.
Writers take the lock, read the manifest afresh so they build on what other
processes wrote, change the parts they touch in memory, and commit: the changed
parts under new names, then the manifest in one atomic write. Anything that
fails before that leaves the archive byte-identical. A one-file archive of an
older schema is read as it is and written in parts at its first write, the old
file kept as ``<archive>.schema-N.bak``.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from tinydb.table import Table

from store import program_version
from store.archive import codec, migrate
from store.archive.edits import EditsFile
from store.archive.integrity import table_problems
from store.archive.lock import DEFAULT_WAIT, WriterLock
from store.archive.parts import Parts
from store.archive.storage import AtomicJSONStorage, restore_hint
from store.atomic import atomic_write
from store.errors import ArchiveError, NotFound
from store.files import Stamp, stamp_of
from store.ids import source_id
from store.model import SCHEMA_VERSION, Entry, EntrySummary, Finding, Source, bead_problems

#: The archive, and the file of the user's edits kept beside it.
__all__ = ["DEFAULT_WAIT", "ArchiveFile", "EditsFile", "KeyedTable", "Removed", "Transaction"]

_META, _SOURCES, _ENTRIES = "meta", "sources", "entries"


class KeyedTable(Table):
    """The table class that opens a part with TinyDB: documents keyed by our string ids.

    ``TinyDB.table_class = KeyedTable; TinyDB(part, access_mode="r").table("entries")``
    (tests/test_parts.py does it).
    """

    document_id_class = str


class _Version(NamedTuple):
    """The archive as one read of its manifest found it."""

    parts: Parts
    #: The manifest's version (``store.files.stamp_of``); None when there is no file yet.
    stamp: Stamp | None
    #: The older schema of a one-file archive, upgraded in memory (None: current).
    upgraded_from: int | None


def _read(path: Path) -> _Version:
    storage = AtomicJSONStorage(path)
    tables = storage.read() or {}
    shape = table_problems(tables)
    if shape:
        raise ArchiveError(f"{path}: the archive is damaged ({shape[0]}); it was not changed"
                           + restore_hint(path))
    schema = tables.get(_META, {}).get("schema")
    if schema is None:
        if any(tables.get(t) for t in (_SOURCES, _ENTRIES)) or set(tables) - {
            _META, _SOURCES, _ENTRIES
        }:
            raise ArchiveError(f"{path}: not a bitext archive (it has no schema record)")
        return _Version(Parts.whole(path, {}), storage.stamp, None)
    if schema["schema"] > SCHEMA_VERSION:
        raise ArchiveError(
            f"{path}: written by a newer bitext (schema {schema['schema']}); this one reads "
            f"schema {SCHEMA_VERSION} and older: upgrade bitext-archive"
        )
    if "parts" in tables:
        parts = Parts.of_tables(path, tables)
        parts.stamp = storage.stamp
        return _Version(parts, storage.stamp, None)
    upgraded_from = migrate.upgrade(tables)
    return _Version(Parts.whole(path, tables), storage.stamp, upgraded_from)


def _keep_old_schema(path: Path, schema: int) -> None:
    """Before the first write in the new schema, keep the file as the old bitext wrote it."""
    backup = migrate.schema_backup(path, schema)
    if not backup.exists():
        atomic_write(backup, path.read_bytes(), what="a backup of the archive",
                     keep_backup=False)


def _commit(path: Path, version: _Version) -> None:
    """Write the transaction's changes; the first write of an older schema keeps the old
    file first (and takes that copy back if the write fails)."""
    backup = None
    if version.upgraded_from is not None:
        backup = migrate.schema_backup(path, version.upgraded_from)
        backup = None if backup.exists() else backup
        _keep_old_schema(path, version.upgraded_from)
    try:
        version.parts.commit(uuid.uuid4().hex)
    except BaseException:
        if backup is not None and path.read_bytes() == backup.read_bytes():
            backup.unlink()
        raise


def _refuse_damaged(path: Path, parts: Parts) -> None:
    """Never build on a damaged archive: the write would make it the only copy.

    An archive that parses but lost an entry, holds an unreadable body or text
    changed outside bitext was written over by the next import, and the last
    good version rotated out of ``.bak``. So a writer runs the full integrity
    check on what it read, unless the manifest is, to the inode, size and change
    time, the version the last writer checked or wrote (``WriterLock.verified``);
    then each part it reads is checked against the manifest's checksum instead.
    The full check takes seconds at 100,000 entries (docs/benchmarks.md); a
    manifest changed by anything but a bitext writer (an editor, a restore from
    ``.bak``, a copy) changes its stamp and is checked in full.
    """
    found = parts.problems()
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

    def __init__(self, parts: Parts) -> None:
        self._parts = parts

    @property
    def changed(self) -> bool:
        return self._parts.changed

    def same_source(self, source: Source) -> bool:
        """Whether this file (same id; same bytes, or the same text in another encoding)
        is stored already."""
        stored = self._parts.get(_SOURCES, source.id)
        return stored is not None and (stored.get("sha256") == source.sha256
                                       or stored.get("raw") == source.raw)

    def has_entry(self, entry_id: str) -> bool:
        return self._parts.get(_ENTRIES, entry_id, _ABSENT) is not _ABSENT

    def add(self, source: Source, entries: Sequence[Entry], findings: Findings | None = None
            ) -> list[Entry]:
        """Store a source and those of its entries not already present; returns the new ones.

        ``findings``: each entry's, with the version of the checks that found them; an
        entry without is stored as not checked yet.
        """
        findings = findings or {}
        new = [e for e in entries if not self.has_entry(e.id)]
        self._parts.meta.setdefault("schema", {"schema": SCHEMA_VERSION,
                                               "created_by": _program()})
        self._put_source(source)
        for e in new:
            self._parts.put(_ENTRIES, e.id, codec.encode(e) | _checks(findings, e.id))
        return new

    def _put_source(self, source: Source) -> None:
        """Store ``source``; when another file already claims its id, keep both.

        A JSON Lines file carries the id of the bulletin its entries came from, so
        the copy and the bulletin itself can meet under one id. Skipping the second
        ("already present") lost its text and its entries the copy lacked. The id
        goes to the file whose own text makes it (``source_id``); the other is kept
        under the id of its text; the id lists the entries of both.
        """
        stored = self._parts.get(_SOURCES, source.id)
        if stored is None:
            self._parts.put(_SOURCES, source.id, source.to_dict())
            return
        old = Source.from_dict(dict(stored))
        genuine, other = (source, old) if source_id(source.raw) == source.id else (old, source)
        entries = tuple(dict.fromkeys((*old.entries, *source.entries)))
        self._parts.put(_SOURCES, source.id, replace(genuine, entries=entries).to_dict())
        kept_id = source_id(other.raw)
        if kept_id != source.id and self._parts.get(_SOURCES, kept_id) is None:
            self._parts.put(_SOURCES, kept_id, replace(other, id=kept_id).to_dict())

    def remove_source(self, source_id: str) -> Removed:
        """Take a source and its entries out; an entry another source lists stays.

        A staying entry that named this source as its own names the first other
        source that lists it (``check-archive`` wants every entry's source present).
        Its paragraphs' line numbers still count in the file removed. Every source
        is read, to find those that list the same entries: removing is rare.
        """
        stored = self._parts.get(_SOURCES, source_id)
        if stored is None:
            raise NotFound(f"no source {source_id!r} in the archive")
        listed = dict.fromkeys(stored["entries"])
        elsewhere: dict[str, dict[str, str]] = {}
        for key, doc in self._parts.items(_SOURCES):
            if key != source_id:
                for entry_id in doc["entries"]:
                    if entry_id in listed:
                        elsewhere.setdefault(entry_id, {"id": key, "name": doc["name"]})
        gone = [e for e in listed if e not in elsewhere and self.has_entry(e)]
        for entry_id in gone:
            self._parts.drop(_ENTRIES, entry_id)
        for entry_id, other in elsewhere.items():
            doc = self._parts.get(_ENTRIES, entry_id)
            if doc is not None and doc["source"]["id"] == source_id:
                self._parts.put(_ENTRIES, entry_id, doc | {"source": other})
        self._parts.drop(_SOURCES, source_id)
        return Removed(Source.from_dict(dict(stored)), gone, list(elsewhere))

    def set_findings(self, findings: Findings) -> int:
        """Store findings found again (``bitext check``); how many entries changed."""
        changed = 0
        for entry_id, (checks_version, found) in findings.items():
            stored = codec.encode_findings(checks_version, found)
            doc = self._parts.get(_ENTRIES, entry_id)
            if doc is not None and doc.get("checks") != stored:
                self._parts.put(_ENTRIES, entry_id, doc | {"checks": stored})
                changed += 1
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


#: How many times ``problems`` starts again while writers keep committing.
_CHECK_TRIES = 3
_MONTH_PART = re.compile(r"entries-\d{6}")


def _in_order(rows: list[EntrySummary]) -> list[EntrySummary]:
    """Newest first, then in source order (ISO dates sort as text)."""
    rows.sort(key=lambda s: (s.source, s.seq))
    rows.sort(key=lambda s: s.start or "", reverse=True)
    return rows


class ArchiveFile:
    def __init__(self, path: Path, *, wait: float = DEFAULT_WAIT) -> None:
        self.path = Path(path)
        self.wait = wait
        self._parts = _read(self.path).parts

    def _afresh(self) -> _Version:
        """The archive as it is now, for a writer holding the lock: it builds on what
        other processes committed. The manifest this reader parsed serves when the file
        is still that version and nothing of it was read since (a parse costs 18 ms at a
        million entries); else it is read again."""
        parts = self._parts
        if not parts.untouched or parts.stamp is None:
            return _read(self.path)
        try:
            now = stamp_of(os.stat(self.path))
        except OSError:
            return _read(self.path)
        return _Version(parts.copy(), now, None) if now == parts.stamp else _read(self.path)

    def count(self) -> int:
        """From the manifest alone: no part is read."""
        return self._parts.count(_ENTRIES)

    def unnamed_files(self) -> list[str]:
        """Files in the folder of parts that no manifest names (``Parts.unnamed``)."""
        return self._parts.unnamed()

    def source_count(self) -> int:
        """From the manifest alone: sources hold their files' whole text."""
        return self._parts.count(_SOURCES)

    def entry_ids(self) -> list[str]:
        return self.ids_from("")

    def ids_from(self, prefix: str) -> list[str]:
        """Entry ids beginning with ``prefix``; one of a month or more reads one part."""
        return self._parts.keys_from(_ENTRIES, prefix)

    def newest_first(self) -> Iterator[EntrySummary]:
        """The list rows newest first (undated ones last, then in source order), read a
        month at a time: ``bitext list | head`` reads the newest month's rows alone.

        Months go by the day in the id, the first day of every entry bitext made; an
        entry whose days changed since (an exchange file with its date edited) is
        listed in the month its id names.
        """
        rest: list[EntrySummary] = []
        for name in self._parts.names(_ENTRIES, newest_first=True):
            with self._reading():
                rows = [_row(key, doc) for key, doc in self._parts.rows([name])]
            if _MONTH_PART.fullmatch(name):
                yield from _in_order(rows)
            else:
                rest += rows
        yield from _in_order(rest)

    def entry(self, entry_id: str) -> Entry | None:
        doc = self._parts.get(_ENTRIES, entry_id, _ABSENT)
        with self._reading(entry_id):
            return None if doc is _ABSENT else _sound(codec.decode(doc))

    def sources(self) -> list[Source]:
        with self._reading():
            return [codec.source(d) for _, d in self._parts.items(_SOURCES)]

    def findings(self, entry_id: str) -> tuple[int, tuple[Finding, ...]] | None:
        """An entry's stored findings and the checks' version; None if not checked yet."""
        doc = self._parts.get(_ENTRIES, entry_id, _ABSENT)
        with self._reading(entry_id):
            return None if doc is _ABSENT else codec.decode_findings(doc)

    def all_findings(self) -> Iterator[tuple[str, tuple[int, tuple[Finding, ...]] | None]]:
        """Every entry's stored findings, without opening any entry's body."""
        for entry_id, doc in self._parts.rows():
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
        """Everything wrong inside the archive (see ``Parts.problems``); empty when sound.

        Writers may commit while the check reads (it takes no lock) and remove parts it
        has yet to read: then it starts again on the version they made.
        """
        for _ in range(_CHECK_TRIES):
            version = _read(self.path)
            found = version.parts.problems()
            if not found or _read(self.path).stamp == version.stamp:
                return found
        return found

    def revision(self) -> str:
        """A new value at every commit: what derived data (the search index) was built from."""
        doc = self._parts.meta.get("revision")
        return doc["revision"] if doc else ""

    def entry_parts(self) -> dict[str, str]:
        """Each part of entries and the file that holds it now, from the manifest alone.

        A part's file changes name whenever anything in it changes (``parts``), so
        derived data (the search index) that notes the files it was built from knows
        which parts to read again: those whose file is not the one it noted.
        """
        return self._parts.files(_ENTRIES)

    def texts(self, parts: Iterable[str] | None = None
              ) -> Iterator[tuple[EntrySummary, list[str], list[str]]]:
        """Every entry's list row with its paragraph texts, without building entries;
        with ``parts``, only those of these parts (``entry_parts``). Parts not read yet
        are not kept: the search index reads every entry this way."""
        for entry_id, doc in self._parts.items(_ENTRIES, parts, keep=False):
            with self._reading(entry_id):
                found = (_row(entry_id, doc), *codec.texts(doc))
            yield found

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        with WriterLock(self.path, self.wait) as lock:
            version = self._afresh()
            if version.stamp is None or version.stamp != lock.verified:
                _refuse_damaged(self.path, version.parts)
            # each part read from now on is checked against the manifest's checksum: the
            # full check keeps none of them, and the last writer's check stands for them
            version.parts.verify = True
            tx = Transaction(version.parts)
            yield tx
            if tx.changed:
                _commit(self.path, version)
            if self.path.exists():
                lock.verified = stamp_of(os.stat(self.path))  # sound by construction
                version.parts.stamp = lock.verified
            version.parts.verify = False  # a reader from now on: it catches up with others
            self._parts = version.parts

    @contextmanager
    def rehearsal(self) -> Iterator[Transaction]:
        """A transaction on the archive as it is now that is never written (a dry run)."""
        yield Transaction(_read(self.path).parts)

    def source_parts(self) -> dict[str, str]:
        """Each part of sources and its file, from the manifest alone (as ``entry_parts``)."""
        return self._parts.files(_SOURCES)

    def sources_in(self, parts: Iterable[str]) -> list[Source]:
        """The sources of these parts only (``source_parts``): the search index reads
        those whose file changed, not every source's text."""
        with self._reading():
            return [codec.source(d) for _, d in self._parts.items(_SOURCES, parts)]
