"""A small bulletin imported into a real archive, and what the checks found in it.

The check tests write a Chinese block then an English block, import it with
``store.api.Archive`` into a TinyDB file in the test's tmp folder, and read the
findings the archive stored for the entry, as the app and ``bitext check`` do.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from store.api import Archive
from store.model import Entry, Finding

#: (check, severity, lang, paragraph, subject): a finding as the tests compare it.
Found = tuple[str, str, str | None, int | None, str]


def archive_of(folder: Path, zh: Sequence[str], en: Sequence[str]) -> Archive:
    archive = Archive(folder / "archive.json")
    data = ("\n".join([*zh, *en]) + "\n").encode("utf-8")
    [report] = archive.import_bytes([(data, "bulletin.txt")])
    assert report.error is None, report.error
    return archive


def the_entry(folder: Path, zh: Sequence[str], en: Sequence[str]) -> tuple[Archive, Entry]:
    """The archive and its one entry (the bulletin must make exactly one)."""
    archive = archive_of(folder, zh, en)
    [entry] = archive.entries()
    return archive, entry


def found(findings: Sequence[Finding], *checks: str) -> list[Found]:
    return [(f.check, f.severity, f.lang, f.para, f.subject) for f in findings
            if not checks or f.check in checks]


def findings(folder: Path, zh: Sequence[str], en: Sequence[str], *checks: str) -> list[Found]:
    """What the archive stored for the one entry of the bulletin, of these checks (or all)."""
    archive, entry = the_entry(folder, zh, en)
    return found(archive.findings(entry.id), *checks)
