"""The archive in parts: a small manifest naming the TinyDB files that hold it.

One file meant every change rewrote everything: adding an 8-entry bulletin to
100,000 entries took 50 s and 3.1 GB (docs/scaling.md). Here the archive is

    archive.json                          the manifest: tables ``meta`` and ``parts``
    archive.json.parts/
        entries-201811.<gen>.json         entries whose id begins 201811 (one month)
        entries-undated-3f.<gen>.json     undated entries, by the first two digits of the id's hash
        sources-3f.<gen>.json             sources, by the first two hex digits of their id

Every part is a plain TinyDB file with one table (``entries`` or ``sources``),
one document per line, keyed by our string ids: ``TinyDB(path, access_mode="r")``
with a table class whose ``document_id_class = str`` reads it. A month of a busy
press office is a few hundred entries (about 1 MB), so an import rewrites a
megabyte or two whatever the archive's size.

A part is never changed once written. A changed part is written under a new
generation (``gen``: the new revision's first 12 hex digits), and only then is
the manifest replaced, atomically, keeping the previous one as ``.bak``: the
manifest is the commit point, as in LSM stores and table formats such as
Iceberg. A crash before it leaves the previous version whole (the new part
files are unreferenced leftovers, removed by the next writer); after it, the new
one. Files referenced by neither the manifest nor its ``.bak`` are removed after
a commit, so ``cp archive.json.bak archive.json`` still restores the previous
version. The manifest names its folder, so a backup manifest opens as it is.

Each part's record in the manifest holds its file, its number of documents and
the SHA-256 of its bytes: a writer whose manifest it verified itself trusts a
part it loads only if the checksum agrees (2 ms for a 1 MB part), and
``check-archive`` reports any part changed outside bitext.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import hashlib
import itertools
import os
import re
import shutil
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from store.archive import integrity
from store.archive.storage import AtomicJSONStorage, dumps_lines, parse_archive
from store.atomic import atomic_write, backup_path, remove_abandoned
from store.errors import ArchiveError
from store.files import Stamp, open_regular

Tables = dict[str, dict[str, Any]]
#: The tables kept in parts; the manifest keeps ``meta`` and ``parts``.
PARTED = ("entries", "sources")

#: A folder of parts beside its manifest: a name of its own, no path, no NUL.
_FOLDER = re.compile(r"[^/\x00]+\.parts")
_MONTH = re.compile(r"(\d{6})\d\d-")
_UNDATED = re.compile(r"undated-([0-9a-f]{2})")
_SOURCE = re.compile(r"src-([0-9a-f]{2})")
_PART_FILE = re.compile(
    r"(?P<name>(?:entries|sources)-[a-z0-9-]+)\.[0-9a-f]{12}(?P<rows>\.rows)?\.json")


def folder_for(manifest: Path, n: int = 1) -> str:
    """The folder an archive's parts go in, named after its manifest: ``archive.json.parts``,
    or ``archive.json.2.parts`` and on when that one is another archive's."""
    return f"{manifest.name}.parts" if n == 1 else f"{manifest.name}.{n}.parts"


def _owned_by(manifest: Path, folder: str) -> bool:
    return folder == folder_for(manifest) or re.fullmatch(
        rf"{re.escape(manifest.name)}\.\d+\.parts", folder) is not None


def part_of(table: str, key: str) -> str:
    """The part a document belongs in, from its id alone: a lookup reads one part.

    An id of no known shape (an archive edited by hand) goes to ``<table>-other``.
    """
    if table == "entries":
        if m := _MONTH.match(key):
            return f"entries-{m[1]}"
        if m := _UNDATED.match(key):
            return f"entries-undated-{m[1]}"
    elif m := _SOURCE.match(key):
        return f"sources-{m[1]}"
    return f"{table}-other"


def table_of(part: str) -> str:
    return part.split("-", 1)[0]


@dataclass(frozen=True, slots=True)
class PartRecord:
    """What the manifest says of one part."""

    file: str
    count: int
    sha256: str
    #: A part of entries' rows: its documents without their bodies, in one JSON object,
    #: so the list (100,000 rows) reads 10% of the bytes and never parses a body.
    rows: str | None = None

    @classmethod
    def from_doc(cls, name: str, doc: Any) -> PartRecord:
        """A record as stored; one of another shape is a damaged manifest."""
        try:
            record = cls(doc["file"], doc["count"], doc["sha256"], doc.get("rows"))
        except (KeyError, TypeError, AttributeError):
            record = None
        if (record is None or not _named(record.file, name, rows=False)
                or (record.rows is not None and not _named(record.rows, name, rows=True))
                or type(record.count) is not int or not isinstance(record.sha256, str)):
            raise ValueError(f"its record of part {name} is not as bitext writes it "
                             f"({doc!r:.80})")
        return record

    def doc(self) -> dict[str, Any]:
        found = {"file": self.file, "count": self.count, "sha256": self.sha256}
        return found | ({"rows": self.rows} if self.rows else {})


def _named(file: Any, name: str, *, rows: bool) -> bool:
    """Whether ``file`` is the name of a file of part ``name`` (its rows, with ``rows``)."""
    m = _PART_FILE.fullmatch(file) if isinstance(file, str) else None
    return m is not None and m["name"] == name and bool(m["rows"]) == rows


def rows_of(docs: dict[str, Any]) -> dict[str, Any]:
    """A part's rows: each document without its body."""
    return {key: {f: v for f, v in doc.items() if f != "body"} if isinstance(doc, dict) else doc
            for key, doc in docs.items()}


@dataclass(slots=True)
class Parts:
    """The archive one manifest describes: parts read when first asked for, changes
    kept in memory until ``commit``.

    ``verify``: check each part loaded against the manifest's checksum (writers).
    """

    path: Path
    meta: dict[str, Any]
    folder: Path
    records: dict[str, PartRecord]
    verify: bool = False
    #: The version of the manifest the records were read from (``store.files.stamp_of``).
    stamp: Stamp | None = None
    _loaded: dict[str, dict[str, Any]] = field(default_factory=dict)
    _dirty: set[str] = field(default_factory=set)

    @classmethod
    def of_tables(cls, path: Path, tables: Tables) -> Parts:
        """The archive a manifest's tables describe (``tables`` already shape-checked)."""
        meta = tables.get("meta", {})
        folder = meta.get("layout", {}).get("folder") if isinstance(
            meta.get("layout"), dict) else None
        if not isinstance(folder, str) or not _FOLDER.fullmatch(folder):
            raise ArchiveError(f"{path}: the archive is damaged (its manifest names no folder "
                               f"of parts, or not one beside it: {folder!r:.80}); it was not "
                               "changed")
        if (path.parent / folder).is_symlink():
            raise ArchiveError(f"{path.parent / folder}: the archive's folder of parts is a "
                               "symbolic link; bitext does not follow links beside an archive")
        try:
            records = {name: PartRecord.from_doc(name, doc)
                       for name, doc in tables.get("parts", {}).items()}
        except ValueError as e:
            raise ArchiveError(f"{path}: the archive is damaged ({e}); it was not "
                               "changed") from None
        return cls(path, meta, path.parent / folder, records)

    @classmethod
    def whole(cls, path: Path, tables: Tables) -> Parts:
        """A one-file archive (schema 2 and older) as parts, every one to be written."""
        meta = tables.get("meta", {})
        meta["layout"] = {"folder": folder_for(path)}
        parts = cls(path, meta, path.parent / folder_for(path), {})
        for table in PARTED:
            for key, doc in tables.get(table, {}).items():
                parts.put(table, key, doc)
        return parts

    def count(self, table: str) -> int:
        """How many documents a table holds: from the manifest, for parts not read."""
        return sum(len(self._loaded[n]) if n in self._loaded else self.records[n].count
                   for n in self.names(table))

    def get(self, table: str, key: str, default: Any = None) -> Any:
        return self._part(part_of(table, key)).get(key, default)

    def put(self, table: str, key: str, doc: Any) -> None:
        name = part_of(table, key)
        self._part(name)[key] = doc
        self._dirty.add(name)

    def drop(self, table: str, key: str) -> None:
        name = part_of(table, key)
        if self._part(name).pop(key, None) is not None:
            self._dirty.add(name)

    def items(self, table: str, parts: Iterable[str] | None = None, *, keep: bool = True
              ) -> Iterator[tuple[str, Any]]:
        """Every document of a table (or of some of its ``parts``), a part at a time,
        months in order.

        ``keep=False`` reads a part not read yet without keeping it: a pass over
        every entry (the search index's build) kept them all, 1.2 GB of documents at
        100,000 entries, growing with the archive.
        """
        for name in self.names(table) if parts is None else sorted(parts):
            yield from (self._part(name) if keep else self._unkept(name)).items()

    def rows(self, parts: Iterable[str] | None = None) -> Iterator[tuple[str, Any]]:
        """Every entry's row (its document, perhaps without its body), a part at a time:
        from the part's rows file, or the part itself when it is read already.

        The cyclic garbage collector is held off meanwhile: JSON makes no cycles, and
        its passes over the growing heap took more than half of the 2.0 s that 100,000
        rows took to read (0.9 s without them).
        """
        with _collector_paused():
            for name in self.names("entries") if parts is None else sorted(parts):
                yield from self._rows_of(name).items()

    def files(self, table: str) -> dict[str, str]:
        """Each committed part of a table and its file (``Parts`` for why files name versions)."""
        return {n: r.file for n, r in self.records.items() if table_of(n) == table}

    def keys_from(self, table: str, prefix: str) -> list[str]:
        """Ids beginning with ``prefix``; a prefix naming a month reads that part alone."""
        if table == "entries" and re.match(r"\d{6}", prefix):
            names = [f"entries-{prefix[:6]}"]
        else:
            names = self.names(table)
        return [k for n in names for k in self._part(n) if k.startswith(prefix)]

    def problems(self) -> list[str]:
        """Everything wrong, one line each: with the parts themselves (missing, changed
        outside bitext, a document in the wrong part, a count the manifest does not agree
        with), then inside what they hold (``integrity.Check``).

        The sources are read first and kept; the entries a part at a time, not kept
        (a part read already is used as it is): the check holds the entries' ids, not
        the entries.
        """
        names = sorted({*self.records, *self._loaded})
        sources: dict[str, Any] = {}
        check: integrity.Check | None = None
        found: dict[str, list[str]] = {}
        for name in sorted(names, key=lambda n: table_of(n) != "sources"):
            docs, found[name] = self._part_problems(name)
            if table_of(name) == "sources":
                sources.update(docs)
                continue
            check = check or integrity.Check({"meta": self.meta, "sources": sources})
            check.entries(docs)
        check = check or integrity.Check({"meta": self.meta, "sources": sources})
        return [line for name in names for line in found[name]] + check.result()

    def _part_problems(self, name: str) -> tuple[dict[str, Any], list[str]]:
        """A part's documents (none if it cannot be read), and what is wrong with the part."""
        found = []
        try:
            docs = self._checked(name)
        except (OSError, ArchiveError) as e:
            return {}, [f"part {name} cannot be read: {getattr(e, 'strerror', None) or e}"]
        except _Changed as e:
            found.append(str(e))
            docs = e.docs
        misplaced = [k for k in docs if part_of(table_of(name), k) != name]
        if misplaced:
            found.append(f"part {name} holds {len(misplaced)} documents that belong in "
                         f"other parts ({', '.join(misplaced[:3])})")
        record = self.records.get(name)
        found += self._rows_problems(name, docs)
        if record and name not in self._dirty and len(docs) != record.count:
            found.append(f"part {name} holds {len(docs)} documents; the manifest says "
                         f"{record.count}")
        return docs, found

    def _rows_problems(self, name: str, docs: dict[str, Any]) -> list[str]:
        """A part's rows file, missing or not what its documents make (the list would
        show rows that are not the entries)."""
        record = self.records.get(name)
        if record is None or record.rows is None or name in self._dirty:
            return []
        try:
            rows = self._parse_rows(name, self._fetch(name, record.rows))
        except ArchiveError as e:
            return [f"the rows of part {name} cannot be read ({e})"]
        if rows != rows_of(docs):
            return [f"the rows of part {name} ({record.rows}) are not those of its entries"]
        return []

    @property
    def changed(self) -> bool:
        return bool(self._dirty)

    def commit(self, revision: str) -> None:
        """Write the changed parts under a new generation, then the manifest (the commit
        point), then remove the files no manifest names.

        If anything fails before the manifest is replaced, the files written for it are
        removed again: the archive's files are as they were, byte for byte. Once it is
        replaced (a failure after that, say of the folder's fsync, or a Ctrl-C), what it
        names stays.
        """
        gen = revision[:12]
        replaced = self.stamp, self.records
        home = self._home()
        created = self._make_folder(home)
        written: list[Path] = []
        records = dict(self.records)
        self.meta["revision"] = {"revision": revision}
        self.meta["layout"] = {"folder": home.name}
        manifest = b""
        try:
            if self.folder != home:
                written += self._move_home(home)
            for name in sorted(self._dirty):
                records.pop(name, None)
                if self._loaded[name]:
                    written += [home / f for f in part_files(name, gen)]
                    records[name] = write_part(home, name, gen, self._loaded[name])
            manifest = manifest_bytes(self.meta, records)
            atomic_write(self.path, manifest)
        except BaseException:
            if not manifest or not _holds(self.path, manifest):
                _remove(written, home if created else None)
                raise
            self._committed(records, home)
            raise
        self._committed(records, home)
        self._collect(*replaced)

    def _committed(self, records: dict[str, PartRecord], home: Path) -> None:
        self.records, self.folder = records, home
        self._dirty.clear()

    def _home(self) -> Path:
        """The folder this commit writes in: the archive's own, or a new one.

        A manifest copied or renamed (``cp archive.json monday.json``, a write into
        ``archive.json.bak``) names the folder of the archive it came from, and a new
        archive may be made where a renamed one left its folder: writing and collecting
        there would remove that archive's parts. So an archive writes only in a folder
        named after it, holding no parts it does not know, else in a new one.
        """
        if _owned_by(self.path, self.folder.name) and (self.records or not self._strangers()):
            return self.folder
        return next(home for n in itertools.count(1)
                    if not (home := self.path.parent / folder_for(self.path, n)).exists())

    def unnamed(self) -> list[str]:
        """Part files in the folder that neither the manifest nor its backup names: a
        killed writer's leftovers, or the parts of a manifest edited by hand."""
        return sorted(self._strangers() - _files_of(self.records))

    def _strangers(self) -> set[str]:
        """Part files in the folder that neither the manifest nor its backup names."""
        try:
            found = {f.name for f in self.folder.iterdir() if _PART_FILE.fullmatch(f.name)}
        except FileNotFoundError:
            return set()
        return found - _files_named_by(backup_path(self.path))

    def _move_home(self, home: Path) -> list[Path]:
        """The parts the manifest names, linked into the archive's new folder (copied
        across file systems): they are never changed, so two folders may share them."""
        moved = []
        for record in self.records.values():
            for file in filter(None, (record.file, record.rows)):
                try:
                    os.link(self.folder / file, home / file)
                except OSError:
                    shutil.copy2(self.folder / file, home / file)
                moved.append(home / file)
        return moved

    def _part(self, name: str) -> dict[str, Any]:
        if name not in self._loaded:
            record = self.records.get(name)
            try:
                self._loaded[name] = {} if record is None else self._load(name, record)
            except _Gone:
                if self.verify or not self._catch_up():
                    raise
                return self._part(name)
        return self._loaded[name]

    def _unkept(self, name: str) -> dict[str, Any]:
        """A part's documents: kept ones if read already, else read and not kept."""
        record = self.records.get(name)
        if name in self._loaded or record is None:
            return self._part(name)
        try:
            return self._load(name, record)
        except _Gone:
            if self.verify or not self._catch_up():
                raise
            return self._unkept(name)

    def _rows_of(self, name: str) -> dict[str, Any]:
        """A part's rows, not kept: 100,000 rows held as dicts would cost 100 MB."""
        record = self.records.get(name)
        if name in self._loaded or record is None or record.rows is None:
            return self._part(name)
        try:
            return self._parse_rows(name, self._fetch(name, record.rows))
        except _Gone:
            if self.verify or not self._catch_up():
                raise
            return self._rows_of(name)

    def _parse_rows(self, name: str, data: bytes) -> dict[str, Any]:
        try:
            rows = orjson.loads(data)
        except orjson.JSONDecodeError as e:
            rows = e
        if not isinstance(rows, dict):
            raise ArchiveError(f"{self.path}: the archive is damaged (the rows of part {name} "
                               f"cannot be read: {rows}); `bitext check-archive --db "
                               f"{self.path}` lists what is wrong")
        return rows

    def _catch_up(self) -> bool:
        """Take the manifest on disk now, when it names other parts than the one read.

        A part is removed two commits after the manifest that named it was replaced,
        so a reader open that long (the app, ``serve``) reads the parts it has not
        read yet from the newer version. Whether there was a newer version.
        """
        storage = AtomicJSONStorage(self.path)
        try:
            tables = storage.read() or {}
            newer = Parts.of_tables(self.path, tables)
        except ArchiveError:
            return False
        if newer.records == self.records:
            return False
        for name in [n for n in self._loaded if newer.records.get(n) != self.records.get(n)]:
            del self._loaded[name]  # read from the old version: never mixed with the new
        self.meta, self.records, self.folder = newer.meta, newer.records, newer.folder
        self.stamp = storage.stamp
        return True

    def _load(self, name: str, record: PartRecord) -> dict[str, Any]:
        data = self._fetch(name, record.file)
        if self.verify and hashlib.sha256(data).hexdigest() != record.sha256:
            raise ArchiveError(f"{self.path}: the archive is damaged (part {name} was changed "
                               f"outside bitext: `bitext check-archive --db {self.path}` lists "
                               "what is wrong); it was not changed")
        return self._parse(name, record, data)

    def _checked(self, name: str) -> dict[str, Any]:
        """A part's documents, its checksum checked when the manifest names it; read from
        the file and not kept (``problems`` reads every part) unless read already."""
        record = self.records.get(name)
        if record is None or name in self._dirty:
            return self._part(name)
        data = self._fetch(name, record.file)
        docs = self._loaded[name] if name in self._loaded else self._parse(name, record, data)
        if hashlib.sha256(data).hexdigest() != record.sha256:
            raise _Changed(f"part {name} ({record.file}) was changed outside bitext (its "
                           "checksum is not the manifest's)", docs)
        return docs

    def _fetch(self, name: str, file: str) -> bytes:
        try:
            with os.fdopen(open_regular(self.folder / file, what="a part of the archive"),
                           "rb") as f:
                return f.read()
        except FileNotFoundError:
            raise _Gone(f"{self.path}: the archive is damaged (part {name}, "
                        f"{self.folder / file}, is missing); it was not changed") from None

    def _parse(self, name: str, record: PartRecord, data: bytes) -> dict[str, Any]:
        docs = (parse_archive(self.folder / record.file, data) or {}).get(table_of(name))
        if not isinstance(docs, dict):
            raise ArchiveError(f"{self.path}: the archive is damaged (part {name} holds no "
                               f"{table_of(name)} table); it was not changed")
        return docs

    def names(self, table: str, *, newest_first: bool = False) -> list[str]:
        """The table's parts in order of name: of entries, months oldest first (or newest
        first), then ``entries-other`` and the undated."""
        return sorted({n for n in (*self.records, *self._loaded) if table_of(n) == table},
                      reverse=newest_first)

    def _make_folder(self, home: Path) -> bool:
        """The folder of parts, made if missing; whether it was made now."""
        if home.is_symlink():
            raise ArchiveError(f"{home}: the archive's folder of parts is a symbolic link; "
                               "bitext does not follow links beside an archive")
        try:
            home.mkdir()
        except FileExistsError:
            return False
        except OSError as e:
            raise ArchiveError(f"{home}: cannot make the archive's folder of parts: "
                               f"{e.strerror}; the archive was not changed") from None
        return True

    def _collect(self, stamp: Stamp | None, replaced: dict[str, PartRecord]) -> None:
        """Remove part files neither this manifest nor its backup names, and leftovers
        of killed writers. ``stamp`` and ``replaced``: the manifest this commit replaced."""
        kept = _files_of(self.records) | self._named_by_backup(stamp, replaced)
        with contextlib.suppress(OSError):  # after the commit: nothing here may fail it
            for found in self.folder.iterdir():
                if (_PART_FILE.fullmatch(found.name) and found.name not in kept
                        and stat.S_ISREG(found.lstat().st_mode)):
                    with contextlib.suppress(OSError):
                        found.unlink()
            remove_abandoned(self.folder)

    def _named_by_backup(self, stamp: Stamp | None, replaced: dict[str, PartRecord]
                         ) -> set[str]:
        """The part files the backup manifest names.

        The backup is a link to the manifest the commit replaced (``store.atomic``): when
        it is still the very file this writer read (inode, size, modification time), it
        names the parts the writer started from, and is not parsed again (0.5 MB, 10 ms,
        at a million entries).
        """
        backup = backup_path(self.path)
        with contextlib.suppress(OSError):
            st = os.lstat(backup)
            if stamp is not None and (st.st_ino, st.st_size, st.st_mtime_ns) == stamp[:3]:
                return _files_of(replaced)
        return _files_named_by(backup)

    def copy(self) -> Parts:
        """The same version, with nothing read or changed: a writer starts from it."""
        return Parts(self.path, copy.deepcopy(self.meta), self.folder, dict(self.records),
                     stamp=self.stamp)

    @property
    def untouched(self) -> bool:
        """Nothing read nor changed since the manifest was: every part still to be
        loaded (and, in a writer, checked against its checksum)."""
        return not self._loaded and not self._dirty


def _files_of(records: dict[str, PartRecord]) -> set[str]:
    return {f for r in records.values() for f in (r.file, r.rows) if f}


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def part_files(name: str, gen: str) -> list[str]:
    """The files a part is written as: the part, and a part of entries' rows."""
    return [f"{name}.{gen}.json", *([f"{name}.{gen}.rows.json"] * (table_of(name) == "entries"))]


def write_part(folder: Path, name: str, gen: str, docs: dict[str, Any]) -> PartRecord:
    """One part's file (and a part of entries' rows), written atomically under its
    generation; its manifest record."""
    data = dumps_lines({table_of(name): docs})
    file, *more = part_files(name, gen)
    path = folder / file
    rows = more[0] if more else None
    if rows:
        atomic_write(folder / rows, orjson.dumps(rows_of(docs)), keep_backup=False,
                     what=f"the rows of part {name} of the archive", undone_on_failure=True)
    try:
        atomic_write(path, data, what=f"part {name} of the archive", keep_backup=False,
                     undone_on_failure=True)
    except BaseException:
        if rows:
            with contextlib.suppress(OSError):
                (folder / rows).unlink()
        raise
    return PartRecord(path.name, len(docs), hashlib.sha256(data).hexdigest(), rows)


def manifest_bytes(meta: dict[str, Any], records: dict[str, PartRecord]) -> bytes:
    return dumps_lines({"meta": meta, "parts": {n: r.doc() for n, r in sorted(records.items())}})


def write_manifest(path: Path, meta: dict[str, Any], records: dict[str, PartRecord]) -> None:
    """The commit point: the manifest naming ``records``, replaced atomically (``.bak`` kept)."""
    atomic_write(path, manifest_bytes(meta, records))


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at ``path`` is ``data`` now (a write replaced it, then failed)."""
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _remove(files: list[Path], folder: Path | None) -> None:
    """Undo a failed commit: the files it wrote, and the folder if it made it."""
    for path in files:
        with contextlib.suppress(OSError):
            path.unlink()
    if folder is not None:
        with contextlib.suppress(OSError):
            folder.rmdir()


class _Gone(ArchiveError):
    """A part file the manifest names that is not there."""


class _Changed(Exception):
    """A part whose bytes are not those its manifest's checksum names; ``docs``: what they
    hold."""

    def __init__(self, message: str, docs: dict[str, Any]) -> None:
        super().__init__(message)
        self.docs = docs


def _files_named_by(manifest: Path) -> set[str]:
    """The part files a (backup) manifest names; none if it is missing or unreadable."""
    try:
        with os.fdopen(open_regular(manifest, what="the archive's backup"), "rb") as f:
            tables = parse_archive(manifest, f.read()) or {}
    except (OSError, ArchiveError):
        return set()
    parts = tables.get("parts")
    if not isinstance(parts, dict):
        return set()
    return {doc[k] for doc in parts.values() if isinstance(doc, dict)
            for k in ("file", "rows") if isinstance(doc.get(k), str)}
