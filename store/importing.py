"""Files into the archive and out again: read, pair, parse, check, store; remove a source.

Driven by ``store.api.Archive``, which brings the search index up to date after.
Each file imports all-or-nothing, and all of an import's files are written in
one transaction; review marks and edits of a removed source are kept aside in
the edits file and come back with the entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from store import editing, exchange
from store.archive import ArchiveFile, EditsFile
from store.checks import CHECKS_VERSION, run_checks
from store.edits import apply as apply_edits
from store.errors import BitextError, InputError
from store.exchange import Imported
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
from store.model import Entry, Finding, Source
from store.progress import Progress

#: What one imported file became: a source and its entries (a JSON Lines file
#: may hold entries of several sources).
Parsed = ParsedBulletin | Imported


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
    #: What the file held that was not imported (languages skipped, repeated units).
    notes: list[str] = field(default_factory=list)
    #: For bitext's own CSV read back: each entry whose text it changed, with how many
    #: paragraphs; None for any other file.
    edited: dict[str, int] | None = None


@dataclass(frozen=True, slots=True)
class RemoveReport:
    """What ``Archive.remove`` did: the source, the entries it took out, and those it
    left because another source lists them too."""

    source: Source
    removed: list[str]
    kept: list[str]
    #: Removed entries whose review marks and edits were kept aside for a re-import.
    set_aside: list[str]


#: A file's bytes and name, or the report of a file that could not be read.
Item = tuple[bytes, str] | ImportReport


def read_files(paths: Iterable[PathArg]) -> list[Item]:
    """Each file's bytes, up to ``store.inputs.MAX_INPUT_BYTES``; a file that cannot be
    read becomes its report. A name that is not UTF-8 is opened as it is and shown and
    stored with its other bytes escaped (``\\xd6``)."""
    items: list[Item] = []
    for path in paths:
        name = input_name(path)
        try:
            items.append((read_input(path, name), name))
        except InputError as e:
            items.append(ImportReport(name, error=str(e)))
    return items


def import_items(archive: ArchiveFile, edits: EditsFile, items: Iterable[Item], *,
                 encoding: str | None = None, progress: Progress | None = None,
                 dry_run: bool = False) -> list[ImportReport]:
    """Parse and store: a bulletin, or a TMX or JSON Lines file (told by its content);
    bitext's own CSV changes the text of the entries it names instead.

    Two files of one text, one per language, are one import (``store.ingest.pair``).
    ``progress`` hears each file once it is parsed. With ``dry_run`` the reports say
    what would be added and nothing is written.
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
            if isinstance(item, tuple) and exchange.sniff(item[0]) == "csv":
                _csv_edits(archive, edits, item, report, dry_run=dry_run)
                continue
            found = _parse(item, imported, encoding)
        except BitextError as e:
            report.error = str(e)
            continue
        report.source = found[0].source
        report.notes += [n for p in found if isinstance(p, Imported) for n in p.notes]
        parsed.append((report, found))
    if parsed:
        _store(archive, parsed, dry_run=dry_run)
        if not dry_run:
            _bring_back(edits, reports)
    return reports


def _csv_edits(archive: ArchiveFile, edits: EditsFile, item: tuple[bytes, str],
               report: ImportReport, *, dry_run: bool) -> None:
    """bitext's CSV, edited in a spreadsheet: its changed cells recorded as edits of the
    entries it names (``store.exchange.csv_in``), all of the file or, on a bad row, none."""
    data, name = item
    state = edits.read()
    bases: dict[str, Entry] = {}

    def entry_of(key: str) -> Entry | None:
        base = bases.get(key) or archive.entry(key)
        if base is None:
            return None
        bases[key] = base
        return apply_edits(base, state.state(base.id, base.digest))

    changes = exchange.csv_changes(exchange.read_csv(data, name), entry_of, name)
    report.edited = {key: len(texts) for key, texts in changes.items()}
    if changes and not dry_run:
        editing.edit_texts(edits, [(bases[key], texts) for key, texts in changes.items()])


def remove(archive: ArchiveFile, edits: EditsFile, source: Source) -> RemoveReport:
    """Take ``source`` and its entries out; an entry another source lists too stays.

    One atomic write under the writer lock. The removed entries' review marks and
    edits are then kept aside in the edits file, so importing the file again brings
    them back (a crash between the two writes leaves them where they were, and a
    re-import finds them there).
    """
    with archive.transaction() as tx:
        done = tx.remove_source(source.id)
    now = edits.read()
    aside = [e for e in done.removed if e in now.histories or e in now.reviewed]
    if aside:
        with edits.change() as changing:
            changing.set_aside(done.removed)
    return RemoveReport(done.source, done.removed, done.kept, aside)


def _store(archive: ArchiveFile, parsed: list[tuple[ImportReport, list[Parsed]]], *,
           dry_run: bool = False) -> None:
    """All files in one write; the checks run before the writer lock is taken.

    A dry run makes the same changes to a copy read now, and drops it.
    """
    findings = {e.id: (CHECKS_VERSION, run_checks(e))
                for _, found in parsed for p in found for e in p.entries}
    with archive.rehearsal() if dry_run else archive.transaction() as tx:
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


def _bring_back(edits: EditsFile, reports: list[ImportReport]) -> None:
    """Review marks and edits kept aside by ``remove`` apply again to entries imported
    again. A separate write after the archive's: after a crash between the two, the
    next import of the file finds its entries present and brings them back then."""
    wanted = {e: r for r in reports for e in (*(x.id for x in r.added), *r.already)}
    if not edits.read().set_aside_for(wanted):
        return
    with edits.change() as changing:
        back = changing.set_aside_for(wanted)
        changing.bring_back(back)
    for entry_id in back:
        wanted[entry_id].restored.append(entry_id)


def _paired(items: list[Item], encoding: str | None) -> list[Item | Pair]:
    """``items`` with two bulletins of one text, one per language, made one ``Pair``
    (where the first of them stood). TMX and JSON Lines files are never paired."""
    bulletins = [i for i in items if isinstance(i, tuple) and exchange.sniff(i[0]) is None]
    if len(bulletins) < 2:
        return list(items)
    pair_of = {id(f): p for p in find_pairs(bulletins, encoding) if isinstance(p, Pair)
               for f in (p.zh, p.en)}
    out: list[Item | Pair] = []
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
