"""The one door into ``store`` for the command line and the app.

Open an archive, read, search and export its entries; imports (``importing``),
the user's edits (``editing``) and the search index (``searching``) are driven
from their own modules. Both front ends call only this module, so a test of the
API is a test of both.

Importing it loads what opening and reading need; the wings only searching,
imports, exports, checks and sentence alignment use are loaded at their first
use (``_LATER``, and the methods' own imports): loading every wing made this
import 0.25 s instead of 0.10 s, of a 0.5 s ``bitext search`` at 100,000 entries,
and the search wing alone (numpy and the index) is 0.2 s of a ``bitext list``
(``python -X importtime``).
``from store.api import X`` works for every name either way (PEP 562).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store import SEGMENTS, default_archive_path, editing, program_version
from store.archive import DEFAULT_WAIT, ArchiveFile, EditsFile
from store.atomic import atomic_write
from store.editing import Suggestion
from store.errors import ArchiveError, InputError, NotFound
from store.files import user_path
from store.inert import json_escaped, visible
from store.model import Entry, EntrySummary, Finding, Lang, Source
from store.progress import INDEXING, Progress

if TYPE_CHECKING:
    from store.checks import CHECKS
    from store.edits import EDITS
    from store.exchange import FORMATS, ExportFilter
    from store.importing import ImportReport, Item, RemoveReport
    from store.ingest.sentence_align import Sentence, SentenceBead
    from store.inputs import PathArg
    from store.search import Hit, SearchIndex
    from store.searching import IndexKeeper, SearchResults
    from store.sentencing import EntrySentences, sentence_runs, sentence_text

#: Names loaded at first use: name -> (module, its name there; "" for the module itself).
_LATER = {
    "checking": ("store.checking", ""), "exchange": ("store.exchange", ""),
    "importing": ("store.importing", ""), "sentencing": ("store.sentencing", ""),
    "CHECKS": ("store.checks", "CHECKS"), "companion": ("store.companions", "companion"),
    "EDITS": ("store.edits", "EDITS"), "FORMATS": ("store.exchange", "FORMATS"),
    "ExportFilter": ("store.exchange", "ExportFilter"),
    "ImportReport": ("store.importing", "ImportReport"), "Item": ("store.importing", "Item"),
    "RemoveReport": ("store.importing", "RemoveReport"),
    "Sentence": ("store.ingest.sentence_align", "Sentence"),
    "SentenceBead": ("store.ingest.sentence_align", "SentenceBead"),
    "PathArg": ("store.inputs", "PathArg"),
    "Hit": ("store.search", "Hit"), "SearchResults": ("store.searching", "SearchResults"),
    "pinyin_readings": ("store.search.syllables", "readings"),
    "EntrySentences": ("store.sentencing", "EntrySentences"),
    "sentence_runs": ("store.sentencing", "sentence_runs"),
    "sentence_text": ("store.sentencing", "sentence_text"),
}


def __getattr__(name: str) -> Any:
    """A name of ``_LATER``, imported now and kept (PEP 562)."""
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _LATER[name]
    value = importlib.import_module(module)
    value = getattr(value, attribute) if attribute else value
    globals()[name] = value
    return value


SAMPLE_NAME = "chongqing-2018-11.txt"

#: ``json_escaped`` and ``visible`` are the store's sanitiser (``store.inert``), handed to the
#: front ends so that the screen and the exports make text inert the same way.
__all__ = ["CHECKS", "EDITS", "FORMATS", "INDEXING", "SEGMENTS", "Archive", "EntrySentences",
           "ExportFilter", "Hit", "ImportReport", "Progress", "RemoveReport", "SearchResults",
           "Sentence", "SentenceBead", "Suggestion", "default_archive_path", "json_escaped",
           "sentence_runs", "sentence_text", "visible"]


def sample_bulletin() -> bytes:
    """The bundled sample bulletin: fixtures/, shipped in the wheel as ``store.samples``.

    Run from a source tree that was never installed, the package does not exist
    and the file is read from fixtures/ directly.
    """
    try:
        return files("store.samples").joinpath(SAMPLE_NAME).read_bytes()
    except ModuleNotFoundError:
        return (Path(__file__).resolve().parent.parent / "fixtures" / SAMPLE_NAME).read_bytes()


class Archive:
    def __init__(self, path: Path, *, wait: float = DEFAULT_WAIT) -> None:
        path = user_path(path)  # a link to the archive: its target, resolved once
        self._file = ArchiveFile(path, wait=wait)
        self._edits = EditsFile(path, wait=wait)
        self._keeper: IndexKeeper | None = None
        self._keeper_lock = threading.Lock()  # the app's workers may ask at once

    @property
    def path(self) -> Path:
        return self._file.path

    @property
    def _index(self) -> IndexKeeper:
        """The search index's keeper, made at first use: ``store.searching`` loads numpy
        and the index code, 0.2 s that ``list`` and ``show`` need not pay."""
        with self._keeper_lock:
            if self._keeper is None:
                from store.searching import IndexKeeper  # noqa: PLC0415  (at first use)
                self._keeper = IndexKeeper(self._file, self._edits)
            return self._keeper

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

    def unnamed_files(self) -> list[str]:
        """Files beside the archive's parts that its manifest does not name: left by a
        killed write (the next write removes them), or dropped from a hand-edited manifest."""
        return self._file.unnamed_files()

    def source_count(self) -> int:
        """How many imported files the archive holds, without reading them."""
        return self._file.source_count()

    def entries(self) -> list[Entry]:
        """Every entry as edited, newest first (undated ones last, then in source order)."""
        return [self._edited(self._file.entry(s.id)) for s in self.summaries()]  # type: ignore[arg-type]

    def summaries(self) -> list[EntrySummary]:
        """Every entry's list row, newest first (undated ones last, then in source order)."""
        return list(self.newest_first())

    def newest_first(self) -> Iterator[EntrySummary]:
        """``summaries``, a month at a time, for a reader that may stop early."""
        return self._file.newest_first()

    def entry(self, key: str) -> Entry:
        """An entry by id or by a prefix of exactly one id, with the user's edits applied."""
        return self._edited(self._imported(key))

    def _imported(self, key: str) -> Entry:
        found = self._file.entry(key)
        if found:
            return found
        matches = self._file.ids_from(key)
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
        return editing.edited(self._edits, entry)

    def sentences(self, key: str) -> EntrySentences:
        """Per bead of the entry as edited, its sentence beads: spans into the paragraphs the
        reader shows (``store.sentencing``: derived, not stored, and why)."""
        return self.sentences_of(self.entry(key))

    def sentences_of(self, entry: Entry) -> EntrySentences:
        """``sentences`` for an entry already read."""
        from store import sentencing  # noqa: PLC0415  (at first use: see above)

        return sentencing.sentences_of(entry)

    # -- checking --------------------------------------------------------------

    def findings(self, key: str) -> tuple[Finding, ...]:
        """What the checks find in an entry as edited (stored at import, or found now)."""
        return self.findings_of(self.entry(key))

    def findings_of(self, entry: Entry) -> tuple[Finding, ...]:
        """``findings`` for an entry already read, so opening one decodes it once."""
        from store import checking  # noqa: PLC0415  (at first use: see above)

        return checking.findings_of(self._file, entry)

    def all_findings(self) -> dict[str, tuple[Finding, ...]]:
        """Every entry's findings: stored ones, or found now for an edited or unchecked entry."""
        from store import checking  # noqa: PLC0415  (at first use: see above)

        return checking.all_findings(self._file, self._edits)

    def each_findings(self) -> Iterator[tuple[str, tuple[Finding, ...]]]:
        """``all_findings`` an entry at a time, for a reader that keeps little of them: a
        million entries' findings held at once were 500 MB of the app's memory."""
        from store import checking  # noqa: PLC0415  (at first use: see above)

        return checking.each_findings(self._file, self._edits)

    def check_all(self, progress: Progress | None = None) -> dict[str, tuple[Finding, ...]]:
        """Run every check on every entry again, and store what changed (``bitext check``)."""
        from store import checking  # noqa: PLC0415  (at first use: see above)

        return checking.check_all(self._file, self._edits, progress)

    def check(self) -> tuple[list[str], str]:
        """Problems inside the archive and its edits (one line each), and the index's state."""
        found = self._file.problems() + editing.problems(self._edits, self._file)
        return found, self._index.status()

    # -- the user's edits (``store.editing``), each kept beside the archive ---------------------

    def reviewed(self, entry_id: str) -> dict[str, str]:
        """Finding keys of the entry the user marked reviewed, with when."""
        return dict(self._edits.read().reviewed.get(entry_id, {}))

    def all_reviewed(self) -> dict[str, dict[str, str]]:
        return {k: dict(v) for k, v in self._edits.read().reviewed.items()}

    def set_reviewed(self, entry_id: str, key: str, reviewed: bool = True) -> None:
        """Mark a finding reviewed (or not); kept beside the archive, written atomically."""
        editing.set_reviewed(self._edits, entry_id, key, reviewed)

    def suggestions(self, key: str) -> list[Suggestion]:
        """Readings recovered for the entry's damaged spans, for the user to accept or reject."""
        entry = self.entry(key)
        return editing.suggestions(self._edits, entry, self.findings_of(entry))

    def accept_reading(self, key: str, finding: Finding, text: str) -> Entry:
        """Replace a damaged span by a reading the user chose; recorded, and undoable."""
        return self._after(key, lambda base: editing.accept_reading(self._edits, base, finding,
                                                                     text))

    def reject_reading(self, key: str, finding: Finding) -> Entry:
        """Turn a suggestion down: the damage stays marked, and is not suggested again."""
        return self._after(key, lambda base: editing.reject_reading(self._edits, base, finding))

    def edit_alignment(self, key: str, edit: str, bead: int, lang: Lang = "zh") -> Entry:
        """Apply one of ``EDITS`` to bead ``bead``; the entry as it is now.

        ``lang`` says which side ``detach`` and the boundary moves work on.
        """
        return self._after(key, lambda base: editing.edit_alignment(self._edits, base, edit,
                                                                     bead, lang))

    def undo(self, key: str) -> Entry:
        return self._after(key, lambda base: editing.step(self._edits, base, -1))

    def redo(self, key: str) -> Entry:
        return self._after(key, lambda base: editing.step(self._edits, base, 1))

    def _after(self, key: str, change: Callable[[Entry], None]) -> Entry:
        """``change`` made to the entry as imported; the entry as it is now."""
        base = self._imported(key)
        change(base)
        return self.entry(base.id)

    # -- searching -------------------------------------------------------------

    def search_index(self, progress: Progress | None = None) -> SearchIndex:
        """The search index as the archive is now (``searching.IndexKeeper.index``)."""
        return self._index.index(progress)

    def prepare_search(self, progress: Progress | None = None) -> None:
        """The index loaded or brought up to date, every block of it checked, and the
        pinyin readings a query of Latin letters loads on first use (1.07 s): for a front
        end to ask off its event loop, before the user's first query waits for them.

        A search from the shell checks only the blocks it reads; the app, which keeps
        the index for its session, checks them all here (0.13 s at 100,000 entries),
        so a damaged one is rebuilt in this worker, not found by the hits of an entry
        the user opens."""
        from store.search.syllables import readings  # noqa: PLC0415  (at first use: see above)

        self._index.checked(progress)
        readings()

    def search(self, query: str) -> SearchResults:
        """Entries matching ``query`` (see ``store.search.query``), with their hits."""
        return self._index.search(query)

    # -- writing (``store.importing``) -------------------------------------------

    def import_files(self, paths: Iterable[PathArg], *, encoding: str | None = None,
                     progress: Progress | None = None,
                     dry_run: bool = False) -> list[ImportReport]:
        """Import each file all-or-nothing; a bad file is reported, the others still land.

        Each is read up to ``store.inputs.MAX_INPUT_BYTES`` (``importing.read_files``).
        """
        from store import importing  # noqa: PLC0415  (at first use: see above)

        return self.import_bytes(importing.read_files(paths), encoding=encoding,
                                 progress=progress, dry_run=dry_run)

    def import_bytes(self, items: Iterable[Item], *, encoding: str | None = None,
                     progress: Progress | None = None,
                     dry_run: bool = False) -> list[ImportReport]:
        """Parse and store (``importing.import_items``); then bring the search index up to date.

        ``progress`` hears each file once it is parsed, then ``INDEXING``: at 100,000
        entries the index takes seconds. With ``dry_run`` nothing is written: not the
        archive, its edits nor the index.
        """
        from store import importing  # noqa: PLC0415  (at first use: see above)

        reports = importing.import_items(self._file, self._edits, items, encoding=encoding,
                                         progress=progress, dry_run=dry_run)
        if any(r.added or r.edited for r in reports) and not dry_run:
            self.search_index(progress)  # so the next search starts at once
        return reports

    def remove(self, key: str) -> RemoveReport:
        """Take a source (``source``'s key) and its entries out (``importing.remove``)."""
        from store import importing  # noqa: PLC0415  (at first use: see above)

        report = importing.remove(self._file, self._edits, self.source(key))
        self.search_index()
        return report

    # -- exporting -------------------------------------------------------------

    def export(self, fmt: str, *, query: str | None = None, keep: ExportFilter | None = None,
               bom: bool = True, segments: str = "paragraph",
               progress: Progress | None = None) -> Iterator[bytes]:
        """The entries (all, or those ``query`` finds and ``keep`` keeps) in ``fmt``
        (``FORMATS``), in pieces; ``bom``: a CSV's byte-order mark; ``segments``: a TMX unit
        per bead, or per sentence bead (``SEGMENTS``).

        Newest first, as the list shows them, each as edited; entries are read one
        at a time, so a 100,000-entry export never holds them all.
        """
        from store import exchange, sentencing  # noqa: PLC0415  (at first use: see above)
        from store.exchange import FORMATS, ExportFilter  # noqa: PLC0415  (at first use: see above)

        if fmt not in FORMATS:
            raise InputError(fmt, f"is not a format bitext writes ({', '.join(FORMATS)})")
        if segments not in SEGMENTS or (segments == "sentence" and fmt != "tmx"):
            raise InputError(f"--segments {segments}", f"is not a segmentation of {fmt} "
                             "(TMX: paragraph or sentence; the other formats: paragraph)")
        keep = keep or ExportFilter()
        ids = [s.id for s in self.summaries() if keep.keeps_days(s.days)]
        if query is not None:
            matching = self.search(query).ids()
            ids = [i for i in ids if i in matching]

        def entries() -> Iterator[Entry]:
            for n, entry_id in enumerate(ids, 1):
                entry = self.entry(entry_id)
                if keep.keeps(entry, self._open_findings):
                    yield entry
                if progress:
                    progress("exporting", n, len(ids))

        return exchange.write(fmt, entries(), version=program_version(), bom=bom,
                              sentences=sentencing.segments_of if segments == "sentence"
                              else None)

    def _open_findings(self, entry: Entry) -> int:
        reviewed = self.reviewed(entry.id)
        return sum(f.key not in reviewed for f in self.findings_of(entry))

    def export_to(self, path: Path, fmt: str, *, query: str | None = None,
                  keep: ExportFilter | None = None, bom: bool = True,
                  segments: str = "paragraph", progress: Progress | None = None) -> None:
        """Write an export to ``path`` atomically: a failed export leaves no half file.

        Never onto the archive or a file beside it that is part of it: ``export -o
        archive.json`` replaced the archive with CSV and said nothing.
        """
        from store.companions import companion  # noqa: PLC0415  (at first use: see above)

        path = user_path(path)
        if what := companion(path, self.path, self.edits_path):
            raise ArchiveError(f"{path}: is {what}; export to another file")
        atomic_write(path, self.export(fmt, query=query, keep=keep, bom=bom,
                                       segments=segments, progress=progress),
                     what=f"the {fmt} export", keep_backup=False)
