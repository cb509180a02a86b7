"""The one door into ``store`` for the command line and the app.

Open an archive, import files into it, list and show entries. Both front ends
call only this module, so a test of the API is a test of both.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

from platformdirs import user_data_path

from store import alignment, exchange, overlay, program_version
from store.archive import ArchiveFile
from store.archive.edits import Accepted, EditsFile, EditState
from store.archive.lock import DEFAULT_WAIT
from store.atomic import atomic_write, backup_path
from store.checks import CHECKS, CHECKS_VERSION, run_checks
from store.checks.recover import Reading, readings
from store.errors import ArchiveError, BitextError, EditError, InputError, NotFound
from store.exchange import FORMATS, Imported
from store.files import user_path
from store.inert import json_escaped, visible
from store.ingest import (
    Pair,
    ParsedBulletin,
    find_pairs,
    flagged_paragraph,
    parse_bulletin,
    parse_pair,
    repair_paragraph,
)
from store.inputs import PathArg, input_name, read_input
from store.model import Bead, Entry, EntrySummary, Finding, Lang, Source
from store.search import (
    Hit,
    Results,
    SearchDoc,
    SearchIndex,
    index_path,
    open_index,
    verify_index,
)

#: Environment variable naming the archive to use when --db is not given.
ENV_DB = "BITEXT_DB"
SAMPLE_NAME = "chongqing-2018-11.txt"
#: What long operations report to a ``Progress`` callback while they update the index.
INDEXING = "updating the search index"
#: ``(what, done, total)``: long work reports where it is, for a bar on the command line or
#: in the app; ``what`` is a file name, ``INDEXING``, ``"exporting"`` or ``"checking"``.
Progress = Callable[[str, int, int], None]


def default_archive_path() -> Path:
    """``$BITEXT_DB``, else ``archive.json`` in the platform's user data folder."""
    if env := os.environ.get(ENV_DB):
        return Path(env).expanduser()
    return user_data_path("bitext-archive", appauthor=False) / "archive.json"


def sample_bulletin() -> bytes:
    """The bundled sample bulletin: fixtures/, shipped in the wheel as ``store.samples``.

    Run from a source tree that was never installed, the package does not exist
    and the file is read from fixtures/ directly.
    """
    try:
        return files("store.samples").joinpath(SAMPLE_NAME).read_bytes()
    except ModuleNotFoundError:
        return (Path(__file__).resolve().parent.parent / "fixtures" / SAMPLE_NAME).read_bytes()


@dataclass(slots=True)
class ImportReport:
    """What one file did to the archive."""

    name: str
    source: Source | None = None
    added: list[Entry] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    error: str | None = None
    #: What the checks found in each added entry, as stored with it.
    findings: dict[str, tuple[Finding, ...]] = field(default_factory=dict)
    #: Added entries whose review marks and edits, kept aside by ``remove``, came back.
    restored: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RemoveReport:
    """What ``Archive.remove`` did: the source, the entries it took out, and those it
    left because another source lists them too."""

    source: Source
    removed: list[str]
    kept: list[str]
    #: Removed entries whose review marks and edits were kept aside for a re-import.
    set_aside: list[str]


@dataclass(slots=True)
class SearchResults:
    """A query's matching entries: counts, ranking, and each entry's hits on demand."""

    _results: Results

    @property
    def entries(self) -> int:
        return self._results.count

    @property
    def hits(self) -> int:
        return self._results.hits

    def ranked(self, limit: int | None = None) -> list[tuple[str, float]]:
        """``(entry id, score)``, best first."""
        ids = self._results.index.tables.ids
        scores = self._results.scores
        return [(ids[d], float(scores[d])) for d in self._results.ranked(limit)]

    def ids(self) -> set[str]:
        return self._results.ids()

    def hits_in(self, entry_id: str) -> list[Hit]:
        """Where the query's terms occur in one entry, paragraph by paragraph."""
        doc = self._results.index.doc_number(entry_id)
        return [] if doc is None else self._results.hits_in(doc)


#: ``json_escaped`` and ``visible`` are the store's sanitiser (``store.inert``), handed to the
#: front ends so that the screen and the exports make text inert the same way.
__all__ = ["CHECKS", "EDITS", "FORMATS", "INDEXING", "Archive", "Hit", "ImportReport",
           "Progress", "RemoveReport", "SearchResults", "Suggestion", "default_archive_path",
           "json_escaped", "visible"]

#: The alignment edits ``Archive.edit_alignment`` knows, for the app's keys and the CLI.
EDITS = ("merge", "split", "detach", "boundary-down", "boundary-up")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A damage finding with the readings recovered for it, best first."""

    finding: Finding
    readings: list[Reading]


class Archive:
    def __init__(self, path: Path, *, wait: float = DEFAULT_WAIT) -> None:
        path = user_path(path)  # a link to the archive: its target, resolved once
        self._file = ArchiveFile(path, wait=wait)
        self._edits = EditsFile(path, wait=wait)
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()  # the app's workers may ask at once

    @property
    def path(self) -> Path:
        return self._file.path

    @property
    def edits_path(self) -> Path:
        """The file beside the archive that keeps the user's review marks and edits."""
        return self._edits.path

    @classmethod
    def open_default(cls, *, seed: bool = True) -> Archive:
        """The user's archive; with ``seed``, a missing one is created from the sample.

        So a new user who runs ``bitext`` sees real entries at once.
        """
        path = default_archive_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        archive = cls(path)
        if seed and not path.exists():
            archive.import_bytes([(sample_bulletin(), SAMPLE_NAME)])
        return archive

    # -- reading ---------------------------------------------------------------

    def count(self) -> int:
        """How many entries the archive holds, without building their list rows."""
        return self._file.count()

    def entries(self) -> list[Entry]:
        """Every entry as edited, newest first (undated ones last, then in source order)."""
        return [self._edited(self._file.entry(s.id)) for s in self.summaries()]  # type: ignore[arg-type]

    def summaries(self) -> list[EntrySummary]:
        """Every entry's list row, newest first (undated ones last, then in source order)."""
        rows = self._file.summaries()
        rows.sort(key=lambda s: (s.source, s.seq))
        rows.sort(key=lambda s: s.start or "", reverse=True)  # ISO dates sort as text
        return rows

    def entry(self, key: str) -> Entry:
        """An entry by id or by a prefix of exactly one id, with the user's edits applied."""
        return self._edited(self._imported(key))

    def _imported(self, key: str) -> Entry:
        found = self._file.entry(key)
        if found:
            return found
        matches = [i for i in self._file.entry_ids() if i.startswith(key)]
        if len(matches) == 1:
            return self._file.entry(matches[0])  # type: ignore[return-value]
        if not matches:
            raise NotFound(f"no entry {key!r} in {self.path}")
        shown = ", ".join(sorted(matches)[:5])
        raise NotFound(f"{key!r} matches {len(matches)} entries ({shown}…): give more of the id")

    def sources(self) -> list[Source]:
        return self._file.sources()

    def source(self, key: str) -> Source:
        """A source by id, by a prefix of exactly one id, or by its name as imported.

        ``bitext sources`` shows both; either file of a pair names the pair; a name
        imported twice (two versions of a file) needs the id.
        """
        sources = self.sources()
        for found in ([s for s in sources if s.id == key],
                      [s for s in sources if key in (s.name, *s.name.split(" + "))],
                      [s for s in sources if s.id.startswith(key)]):
            if len(found) == 1:
                return found[0]
            if found:
                shown = ", ".join(f"{s.id} ({s.name})" for s in found[:5])
                raise NotFound(f"{key!r} names {len(found)} sources ({shown}): give the id")
        raise NotFound(f"no source {key!r} in {self.path} (`bitext sources` lists them)")

    def _edited(self, entry: Entry) -> Entry:
        return overlay.apply(entry, self._edits.read().state(entry.id, entry.digest))

    # -- checking --------------------------------------------------------------

    def findings(self, key: str) -> tuple[Finding, ...]:
        """What the checks find in an entry as edited (stored at import, or found now)."""
        return self.findings_of(self.entry(key))

    def findings_of(self, entry: Entry) -> tuple[Finding, ...]:
        """``findings`` for an entry already read, so opening one decodes it once."""
        if not entry.edited:
            found = self._file.findings(entry.id)
            if found is not None and found[0] == CHECKS_VERSION:
                return found[1]
        return run_checks(entry)

    def all_findings(self) -> dict[str, tuple[Finding, ...]]:
        """Every entry's findings: stored ones, or found now for an edited or unchecked entry."""
        edited = self._edits.read().histories
        return {entry_id: self.findings(entry_id)
                if found is None or found[0] != CHECKS_VERSION or entry_id in edited else found[1]
                for entry_id, found in self._file.all_findings()}

    def check_all(self, progress: Progress | None = None) -> dict[str, tuple[Finding, ...]]:
        """Run every check on every entry again, and store what changed (``bitext check``)."""
        found: dict[str, tuple[Finding, ...]] = {}
        imported: dict[str, tuple[int, tuple[Finding, ...]]] = {}
        ids = self._file.entry_ids()
        for n, entry_id in enumerate(ids, 1):
            entry = self._file.entry(entry_id)
            assert entry is not None
            imported[entry_id] = (CHECKS_VERSION, run_checks(entry))
            edited = self._edited(entry)
            found[entry_id] = run_checks(edited) if edited.edited else imported[entry_id][1]
            if progress:
                progress("checking", n, len(ids))
        stored = dict(self._file.all_findings())
        if any(stored.get(k) != v for k, v in imported.items()):
            with self._file.transaction() as tx:
                tx.set_findings(imported)
        return found

    def reviewed(self, entry_id: str) -> dict[str, str]:
        """Finding keys of the entry the user marked reviewed, with when."""
        return dict(self._edits.read().reviewed.get(entry_id, {}))

    def all_reviewed(self) -> dict[str, dict[str, str]]:
        return {k: dict(v) for k, v in self._edits.read().reviewed.items()}

    def set_reviewed(self, entry_id: str, key: str, reviewed: bool = True) -> None:
        """Mark a finding reviewed (or not); kept beside the archive, written atomically."""
        with self._edits.change() as edits:
            marks = edits.reviewed.setdefault(entry_id, {})
            if reviewed:
                marks[key] = datetime.now(UTC).isoformat(timespec="seconds")
            else:
                marks.pop(key, None)
                if not marks:
                    del edits.reviewed[entry_id]

    # -- recovering damaged text -----------------------------------------------

    def suggestions(self, key: str) -> list[Suggestion]:
        """Readings recovered for the entry's damaged spans, for the user to accept or reject.

        Damage the user turned down a reading for is left out.
        """
        entry = self.entry(key)
        state = self._edits.read().state(entry.id, entry.digest) or EditState()
        out = []
        for f in self.findings_of(entry):
            if f.check != "damage" or f.key in state.rejected or f.span is None:
                continue
            text = entry.paragraphs(f.lang or "zh")[f.para or 0].text
            if found := readings(text, f.span):
                out.append(Suggestion(f, found))
        return out

    def accept_reading(self, key: str, finding: Finding, text: str) -> Entry:
        """Replace a damaged span by a reading the user chose; recorded, and undoable."""
        if finding.check != "damage" or finding.span is None or finding.lang is None:
            raise EditError("only damaged text can take a reading")
        accepted = Accepted(finding.lang, finding.para or 0, finding.span, finding.subject, text)
        return self._push(key, lambda _, s: EditState(s.beads, (*s.readings, accepted),
                                                       s.rejected))

    def reject_reading(self, key: str, finding: Finding) -> Entry:
        """Turn a suggestion down: the damage stays marked, and is not suggested again."""
        return self._push(key, lambda _, s: EditState(s.beads, s.readings,
                                                       (*s.rejected, finding.key)))

    # -- editing the alignment -------------------------------------------------

    def edit_alignment(self, key: str, edit: str, bead: int, lang: Lang = "zh") -> Entry:
        """Apply one of ``EDITS`` to bead ``bead``; the entry as it is now.

        ``lang`` says which side ``detach`` and the boundary moves work on.
        """
        edits: dict[str, Callable[[tuple[Bead, ...]], tuple[Bead, ...]]] = {
            "merge": lambda b: alignment.merge_next(b, bead),
            "split": lambda b: alignment.split(b, bead),
            "detach": lambda b: alignment.detach(b, bead, lang),
            "boundary-down": lambda b: alignment.move_boundary(b, bead, lang, True),
            "boundary-up": lambda b: alignment.move_boundary(b, bead, lang, False),
        }
        if edit not in edits:
            raise EditError(f"no such edit {edit!r}: one of {', '.join(EDITS)}")
        return self._push(key, lambda entry, s: EditState(edits[edit](entry.beads), s.readings,
                                                           s.rejected))

    def undo(self, key: str) -> Entry:
        return self._step(key, -1)

    def redo(self, key: str) -> Entry:
        return self._step(key, 1)

    def _push(self, key: str, change: Callable[[Entry, EditState], EditState]) -> Entry:
        """Record a new edit state, made from the entry as the edits file has it now.

        Read under the writer lock, so an edit made meanwhile by another bitext
        is built on, not overwritten.
        """
        base = self._imported(key)
        with self._edits.change() as edits:
            history = edits.history(base.id, base.digest)
            state = history.current if history.at else None
            history.push(change(overlay.apply(base, state), history.current))
        return self.entry(base.id)

    def _step(self, key: str, by: int) -> Entry:
        entry = self._imported(key)
        with self._edits.change() as edits:
            edits.history(entry.id, entry.digest).step(by)
        return self.entry(entry.id)

    def check(self) -> tuple[list[str], str]:
        """Problems inside the archive and its edits (one line each), and the index's state."""
        found = self._file.problems() + self._edit_problems()
        index = verify_index(self.path, self._text_revision(), self._file.count()).line
        return found, index

    # -- searching -------------------------------------------------------------

    def search_index(self, progress: Progress | None = None) -> SearchIndex:
        """The search index of this archive as it is now: loaded, or built and saved.

        Building takes seconds for 100,000 entries (``progress`` hears each
        thousand); the app calls this in a worker.
        """
        with self._index_lock:
            revision = self._text_revision()
            count = self._file.count()
            index = self._index
            if index is None or not index.tables.built_from(revision, count):
                index = open_index(self.path, revision, count,
                                   lambda: _counted(self._search_docs(), count, progress),
                                   lambda: {s.id: s.name for s in self.sources()})
                self._index = index
            return index

    def _edit_problems(self) -> list[str]:
        """Hand edits that name a missing entry, other content, or beads that lose text."""
        out = []
        for entry_id, history in self._edits.read().histories.items():
            where = f"{self._edits.path.name}: {entry_id}"
            base = self._file.entry(entry_id)
            if base is None:
                out.append(f"{where}: edits for an entry the archive does not have")
            elif history.digest != base.digest:
                out.append(f"{where}: edits made for other content (not applied)")
            elif not 0 <= history.at < len(history.states):
                out.append(f"{where}: the current edit {history.at} does not exist")
            else:
                out += [f"{where}: edit {n}: {problem}"
                        for n, state in enumerate(history.states) if state.beads is not None
                        for problem in alignment.check(state.beads, len(base.zh), len(base.en))]
        return out

    def _text_revision(self) -> str:
        """What the index is built from: accepted readings change entries' text too."""
        return self._file.revision() + self._edits.read().text_revision()

    def search(self, query: str) -> SearchResults:
        """Entries matching ``query`` (see ``store.search.query``), with their hits."""
        index = self.search_index()
        return SearchResults(index.search(query))

    def _search_docs(self) -> Iterator[SearchDoc]:
        """Each entry's text, with the ids of the sources that list it (for ``source:``).

        The sources' lists, not the entry's own reference: the same entry in two
        files belongs to both.
        """
        edits = self._edits.read()
        listed: dict[str, list[str]] = {}
        for source in self.sources():
            for entry_id in source.entries:
                listed.setdefault(entry_id, []).append(source.id)
        for s, zh, en in self._file.texts():
            texts = zh, en
            if (history := edits.histories.get(s.id)) and history.current.readings:
                entry = self.entry(s.id)
                texts = [p.text for p in entry.zh], [p.text for p in entry.en]
            own, *also = listed.get(s.id) or [""]
            yield SearchDoc(s.id, s.start, s.days, own, *texts, also=tuple(also))

    # -- writing ---------------------------------------------------------------

    def import_files(self, paths: Iterable[PathArg], *, encoding: str | None = None,
                     progress: Progress | None = None,
                     dry_run: bool = False) -> list[ImportReport]:
        """Import each file all-or-nothing; a bad file is reported, the others still land.

        Each is read up to ``store.inputs.MAX_INPUT_BYTES``; a name that is not UTF-8
        is opened as it is and shown and stored with its other bytes escaped (``\\xd6``).
        Two files of one text, one per language, are one import (``store.ingest.pair``).
        """
        items: list[tuple[bytes, str] | ImportReport] = []
        for path in paths:
            name = input_name(path)
            try:
                items.append((_read_input(path, name), name))
            except InputError as e:
                items.append(ImportReport(name, error=str(e)))
        return self.import_bytes(items, encoding=encoding, progress=progress, dry_run=dry_run)

    def import_bytes(self, items: Iterable[tuple[bytes, str] | ImportReport], *,
                     encoding: str | None = None, progress: Progress | None = None,
                     dry_run: bool = False) -> list[ImportReport]:
        """Parse and store; then bring the search index up to date.

        A bulletin, or a TMX or JSON Lines file (told by its content, not its name).
        ``progress`` hears each file once it is parsed, then ``INDEXING``: at 100,000
        entries the index takes seconds. With ``dry_run`` the reports say what would
        be added and nothing is written: not the archive, its edits nor the index.
        """
        imported = datetime.now(UTC).isoformat(timespec="seconds")
        reports: list[ImportReport] = []
        parsed: list[tuple[ImportReport, list[Parsed]]] = []
        paired = _paired(list(items), encoding)
        for done, item in enumerate(paired, 1):
            name = item[1] if isinstance(item, tuple) else item.name
            if progress:
                progress(name, done, len(paired))
            if isinstance(item, ImportReport):
                reports.append(item)
                continue
            report = ImportReport(name)
            reports.append(report)
            try:
                found = _parse(item, imported, encoding)
            except BitextError as e:
                report.error = str(e)
                continue
            report.source = found[0].source
            parsed.append((report, found))
        if parsed:
            self._store(parsed, dry_run=dry_run)
            if not dry_run:
                self._bring_back(reports)
            if any(r.added for r in reports) and not dry_run:
                self.search_index(progress)  # so the next search starts at once
        return reports

    def _store(self, parsed: list[tuple[ImportReport, list[Parsed]]], *,
               dry_run: bool = False) -> None:
        """All files in one write; the checks run before the writer lock is taken.

        A dry run makes the same changes to a copy read now, and drops it.
        """
        findings = {e.id: (CHECKS_VERSION, run_checks(e))
                    for _, found in parsed for p in found for e in p.entries}
        with self._file.rehearsal() if dry_run else self._file.transaction() as tx:
            for report, found in parsed:
                for p in found:
                    if tx.same_source(p.source):
                        report.already += list(p.source.entries)
                        continue
                    added = tx.add(p.source, p.entries, findings)
                    report.added += added
                    report.findings |= {e.id: findings[e.id][1] for e in added}
                    new = {e.id for e in added}
                    report.already += [e.id for e in p.entries if e.id not in new]

    def _bring_back(self, reports: list[ImportReport]) -> None:
        """Review marks and edits kept aside by ``remove`` apply again to entries imported
        again. A separate write after the archive's: after a crash between the two, the
        next import of the file finds its entries present and brings them back then."""
        wanted = {e: r for r in reports for e in (*(x.id for x in r.added), *r.already)}
        if not self._edits.read().set_aside_for(wanted):
            return
        with self._edits.change() as edits:
            back = edits.set_aside_for(wanted)
            edits.bring_back(back)
        for entry_id in back:
            wanted[entry_id].restored.append(entry_id)

    def remove(self, key: str) -> RemoveReport:
        """Take a source (``source``'s key) and its entries out of the archive.

        One atomic write under the writer lock; an entry another source lists too
        stays. The removed entries' review marks and edits are then kept aside in
        the edits file, so importing the file again brings them back (a crash
        between the two writes leaves them where they were, and a re-import finds
        them there).
        """
        source = self.source(key)
        with self._file.transaction() as tx:
            done = tx.remove_source(source.id)
        edits = self._edits.read()
        aside = [e for e in done.removed if e in edits.histories or e in edits.reviewed]
        if aside:
            with self._edits.change() as edits:
                edits.set_aside(done.removed)
        self.search_index()
        return RemoveReport(done.source, done.removed, done.kept, aside)

    # -- exporting -------------------------------------------------------------

    def export(self, fmt: str, *, query: str | None = None,
               progress: Progress | None = None) -> Iterator[bytes]:
        """The entries (all, or those ``query`` finds) in ``fmt`` (``FORMATS``), in pieces.

        Newest first, as the list shows them, each as edited; entries are read one
        at a time, so a 100,000-entry export never holds them all.
        """
        if fmt not in FORMATS:
            raise InputError(fmt, f"is not a format bitext writes ({', '.join(FORMATS)})")
        ids = [s.id for s in self.summaries()]
        if query is not None:
            matching = self.search(query).ids()
            ids = [i for i in ids if i in matching]

        def entries() -> Iterator[Entry]:
            for n, entry_id in enumerate(ids, 1):
                yield self.entry(entry_id)
                if progress:
                    progress("exporting", n, len(ids))

        return exchange.write(fmt, entries(), version=program_version())

    def export_to(self, path: Path, fmt: str, *, query: str | None = None,
                  progress: Progress | None = None) -> None:
        """Write an export to ``path`` atomically: a failed export leaves no half file.

        Never onto the archive or a file beside it that is part of it: ``export -o
        archive.json`` replaced the archive with CSV and said nothing.
        """
        path = user_path(path)
        if what := self._own_file(path):
            raise ArchiveError(f"{path}: is {what}; export to another file")
        atomic_write(path, self.export(fmt, query=query, progress=progress),
                     what=f"the {fmt} export", keep_backup=False)

    def _own_file(self, path: Path) -> str | None:
        """What ``path`` is to this archive (the archive, its edits…), or None."""
        archive = self.path.resolve()
        own = {archive: "the archive itself", backup_path(archive): "the archive's backup",
               self.edits_path.resolve(): "the archive's edits",
               backup_path(self.edits_path.resolve()): "the backup of the archive's edits",
               index_path(archive): "the archive's search index",
               archive.with_name(archive.name + ".lock"): "the archive's lock file"}
        target = path.resolve()
        if target in own:
            return own[target]
        if target.parent == archive.parent and re.fullmatch(
                rf"{re.escape(archive.name)}\.schema-\d+\.bak", target.name):
            return "a backup of the archive in an older schema"
        return next((what for known, what in own.items()
                     if known.exists() and target.exists() and os.path.samefile(known, target)),
                    None)


#: What one imported file became: a source and its entries (a JSON Lines file
#: may hold entries of several sources).
Parsed = ParsedBulletin | Imported


def _paired(items: list[tuple[bytes, str] | ImportReport], encoding: str | None
            ) -> list[tuple[bytes, str] | Pair | ImportReport]:
    """``items`` with two bulletins of one text, one per language, made one ``Pair``
    (where the first of them stood). TMX and JSON Lines files are never paired."""
    bulletins = [i for i in items if isinstance(i, tuple) and exchange.sniff(i[0]) is None]
    if len(bulletins) < 2:
        return list(items)
    pair_of = {id(f): p for p in find_pairs(bulletins, encoding) if isinstance(p, Pair)
               for f in (p.zh, p.en)}
    out: list[tuple[bytes, str] | Pair | ImportReport] = []
    for item in items:
        pair = pair_of.get(id(item))
        if pair is None:
            out.append(item)
        elif not any(o is pair for o in out):
            out.append(pair)
    return out


def _parse(item: tuple[bytes, str] | Pair, imported: str, encoding: str | None
           ) -> list[Parsed]:
    if isinstance(item, Pair):
        return [parse_pair(item, imported=imported, encoding=encoding)]
    data, name = item
    fmt = exchange.sniff(data)
    if fmt == "tmx":
        return list(exchange.read_tmx(data, name, imported=imported,
                                      paragraph=flagged_paragraph))
    if fmt == "jsonl":
        return list(exchange.read_jsonl(data, name, imported=imported,
                                        repaired=repair_paragraph))
    return [parse_bulletin(data, name, imported=imported, encoding=encoding)]


def _counted(docs: Iterable[SearchDoc], total: int, progress: Progress | None
             ) -> Iterator[SearchDoc]:
    """``docs``, telling ``progress`` every thousand (a call per entry would cost more)."""
    done = 0
    for done, doc in enumerate(docs, 1):
        if progress and done % 1000 == 0:
            progress(INDEXING, done, total)
        yield doc
    if progress:
        progress(INDEXING, done, total)


def _read_input(path: PathArg, name: str) -> bytes:
    """At most ``store.inputs.MAX_INPUT_BYTES`` of the file, pipe or device at ``path``."""
    return read_input(path, name)
