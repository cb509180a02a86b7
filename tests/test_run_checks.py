"""The checks' public entry (store/checks/__init__.py) and the findings the archive keeps.

The sample's full report, checked by hand, pinned through ``Archive``; the
order and uniqueness ``run_checks`` promises; findings stored at import and
found again by ``check_all``. Each check's own logic has its own file
(test_check_<name>.py); the command line's report is in test_checks.py.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from store.api import Archive
from store.checks import CHECKS, run_checks
from store.model import Entry, Finding

#: The sample's report, checked by hand: four damaged spans, and two people
#: whose names the English gives in a romanisation other than pinyin. The
#: numbers and dates of all 24 beads agree; foreign names written in Chinese
#: characters (艾佩詩 for Cecille El Beleidi) and a Western given name before a
#: Cantonese surname (關家明 as "Nicolas Kwan") are not flagged.
SAMPLE_REPORT = [
    ("20181125-6850131f", "name", "review", "zh", 0, "陳漢成"),
    ("20181119-308475df", "damage", "error", "zh", 0, "??松健?"),
    ("20181119-308475df", "damage", "error", "zh", 4, "??松骄头e"),
    ("20181112-2c5aa078", "name", "review", "zh", 1, "黃良華"),
    ("20181108-73f05ce4", "damage", "error", "zh", 0, "?shù)?"),
    ("20181103-76639271", "damage", "error", "zh", 0, "??腿吮硎?"),
]


def report(findings: dict[str, tuple[Finding, ...]], archive: Archive) -> list[tuple[object, ...]]:
    """In list order; omission's findings are pinned in test_check_omission.py."""
    return [(s.id, f.check, f.severity, f.lang, f.para, f.subject)
            for s in archive.summaries() for f in findings[s.id] if f.check != "omission"]


def test_the_sample_report_is_pinned(sample_archive: Archive) -> None:
    assert report(sample_archive.all_findings(), sample_archive) == SAMPLE_REPORT


def test_findings_are_stored_at_import_and_found_again_alike(db_path: Path,
                                                             sample_bytes: bytes) -> None:
    archive = Archive(db_path)
    [imported] = archive.import_bytes([(sample_bytes, "sample.txt")])
    assert report(imported.findings, archive) == SAMPLE_REPORT
    assert Archive(db_path).all_findings() == imported.findings
    assert Archive(db_path).check_all() == imported.findings


def test_a_damaged_span_is_an_error_naming_its_kind(sample_entries: tuple[Entry, ...]) -> None:
    entry = next(e for e in sample_entries if e.id == "20181103-76639271")
    [finding] = run_checks(entry)
    assert finding == Finding("damage", "error", "zh", 0, finding.span, "??腿吮硎?",
                              "text lost before import (mojibake): '??腿吮硎?'")
    assert entry.zh[0].text[slice(*finding.span)] == "??腿吮硎?"  # type: ignore[misc]


def test_findings_come_in_reading_order_each_key_once(
        sample_entries: tuple[Entry, ...]) -> None:
    entry = sample_entries[2]  # three beads
    beads = (*entry.beads[:1], ((1,), ()), ((2,), (1, 2)))  # the second English left over
    changed = dataclasses.replace(entry, beads=beads, en=(*entry.en, entry.en[1]))
    found = run_checks(changed)
    where = [(f.lang, f.para, f.check) for f in found]
    assert where[0] == (None, None, "paragraph-count")  # about the whole entry: first
    assert where == sorted(where, key=lambda w: (w[0] is not None, w[0] != "zh", w[1] or 0))
    assert len({f.key for f in found}) == len(found)


def test_every_check_found_is_listed_with_its_severity(sample_entries: tuple[Entry, ...]
                                                       ) -> None:
    found = [f for e in sample_entries for f in run_checks(e) if f.check != "omission"]
    assert {f.check for f in found} == {"name", "damage"}
    assert all(CHECKS[f.check][0] == f.severity for f in found)
    assert set(CHECKS) >= {"number", "date", "damage", "unpaired", "paragraph-count",
                           "untranslated", "identical", "name", "undated", "omission"}


@pytest.mark.parametrize("batch", [2_000, 3])
def test_findings_of_older_checks_are_found_again_once_and_stored(
        sample_archive: Archive, monkeypatch: pytest.MonkeyPatch, batch: int) -> None:
    """After an upgrade of the checks, the first reader finds them again and stores them:
    the app at every start re-ran them all (40 s at 10,000 entries) until `bitext check`.
    Stored a batch at a time (3 here: the sample's 8 entries in three commits), so that a
    large archive's upgrade holds a few parts at once, not all of them."""
    from archive_files import read_tables, write_tables

    from store import checking
    from store.checks import CHECKS_VERSION

    monkeypatch.setattr(checking, "_KEEP_EVERY", batch)
    commits: list[int] = []
    keep = checking._keep
    monkeypatch.setattr(checking, "_keep", lambda archive, found: (
        commits.append(len(found)), keep(archive, found)))

    tables = read_tables(sample_archive.path)
    for doc in tables["entries"].values():
        doc["checks"][0] = CHECKS_VERSION - 1
    write_tables(sample_archive.path, tables)
    older = Archive(sample_archive.path)
    expected = sample_archive.all_findings()
    assert older.all_findings() == expected
    stored = read_tables(sample_archive.path)["entries"]
    assert {doc["checks"][0] for doc in stored.values()} == {CHECKS_VERSION}
    assert commits == ([8] if batch > 8 else [3, 3, 2])
