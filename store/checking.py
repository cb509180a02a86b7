"""What the checks find in an archive's entries: stored at import, found again when needed.

Import stores each entry's findings with the entry (``store.importing``), under
``CHECKS_VERSION``; they are found again for an entry the user edited, or one
checked by an older version of the checks, and ``bitext check`` runs them all.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from store import editing
from store.archive import ArchiveFile, EditsFile
from store.checks import CHECKS_VERSION, run_checks
from store.errors import ArchiveError
from store.model import Entry, Finding
from store.progress import Progress


def findings_of(archive: ArchiveFile, entry: Entry) -> tuple[Finding, ...]:
    """The findings of ``entry`` as read (edited or not): stored ones when they hold."""
    if not entry.edited:
        found = archive.findings(entry.id)
        if found is not None and found[0] == CHECKS_VERSION:
            return found[1]
    return run_checks(entry)


def all_findings(archive: ArchiveFile, edits: EditsFile) -> dict[str, tuple[Finding, ...]]:
    """Every entry's findings (``each_findings``), held at once."""
    return dict(each_findings(archive, edits))


def each_findings(archive: ArchiveFile, edits: EditsFile
                  ) -> Iterator[tuple[str, tuple[Finding, ...]]]:
    """Every entry's findings, an entry at a time: stored ones, or found now for an
    edited or unchecked entry.

    Those found again because the checks changed since they were stored are stored
    in turn: a 10,000-entry archive after an upgrade took 40 s to show its marks, at
    every start of the app, until ``bitext check`` ran. A reader that stops early
    leaves the rest to be found again.
    """
    edited = edits.read().histories
    stale: dict[str, tuple[int, tuple[Finding, ...]]] = {}
    for entry_id, stored in archive.all_findings():
        if entry_id in edited:
            yield entry_id, _found_now(archive, edits, entry_id)
        elif stored is None or stored[0] != CHECKS_VERSION:
            entry = archive.entry(entry_id)
            assert entry is not None
            stale[entry_id] = (CHECKS_VERSION, run_checks(entry))
            yield entry_id, stale[entry_id][1]
            if len(stale) >= _KEEP_EVERY:
                _keep(archive, stale)
                stale = {}
        else:
            yield entry_id, stored[1]
    if stale:
        _keep(archive, stale)


#: Findings found again are stored this many entries at a time: one transaction for
#: all of a 100,000-entry archive after an upgrade held every part it touched, 1.9 GB.
_KEEP_EVERY = 2_000


def _keep(archive: ArchiveFile, findings: dict[str, tuple[int, tuple[Finding, ...]]]) -> None:
    """Store findings found again, if the archive can be written now; if not (another
    writer, a read-only folder), the next reader finds them again."""
    with contextlib.suppress(ArchiveError), archive.transaction() as tx:
        tx.set_findings(findings)


def check_all(archive: ArchiveFile, edits: EditsFile, progress: Progress | None = None
              ) -> dict[str, tuple[Finding, ...]]:
    """Run every check on every entry again, and store what changed; each entry's
    findings as edited."""
    found: dict[str, tuple[Finding, ...]] = {}
    imported: dict[str, tuple[int, tuple[Finding, ...]]] = {}
    ids = archive.entry_ids()
    for n, entry_id in enumerate(ids, 1):
        entry = archive.entry(entry_id)
        assert entry is not None
        imported[entry_id] = (CHECKS_VERSION, run_checks(entry))
        edited = editing.edited(edits, entry)
        found[entry_id] = run_checks(edited) if edited.edited else imported[entry_id][1]
        if progress:
            progress("checking", n, len(ids))
    stored = dict(archive.all_findings())
    if any(stored.get(k) != v for k, v in imported.items()):
        with archive.transaction() as tx:
            tx.set_findings(imported)
    return found


def _found_now(archive: ArchiveFile, edits: EditsFile, entry_id: str) -> tuple[Finding, ...]:
    entry = archive.entry(entry_id)
    assert entry is not None
    return findings_of(archive, editing.edited(edits, entry))
