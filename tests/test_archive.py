"""The TinyDB archive: JSON in parts, atomic writes, one writer, nothing lost on failure."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from archive_files import archive_bytes, entries_part, read_tables
from fixture_paths import SAMPLE

from store.api import Archive
from store.archive.lock import WriterLock
from store.atomic import backup_path
from store.errors import ArchiveError, ArchiveLocked
from store.model import SCHEMA_VERSION


def small_bulletin(tmp_path: Path, sample_lines: list[str], name: str = "small.txt") -> Path:
    """Events 1 and 7 of the sample as a bulletin of their own, beside the archive's folder."""
    path = tmp_path / "input" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join([*sample_lines[0:4], sample_lines[19], *sample_lines[25:29],
                               sample_lines[44]]), encoding="utf-8")
    return path


def test_archive_is_utf8_json_with_schema_and_raw_text(sample_archive: Archive) -> None:
    files = archive_bytes(sample_archive.path)
    assert not any(b"\\u" in data for data in files.values())
    assert any("重慶".encode() in data for name, data in files.items() if "entries-" in name)
    doc = read_tables(sample_archive.path)
    assert doc["meta"]["schema"]["schema"] == SCHEMA_VERSION
    (source,) = doc["sources"].values()
    assert source["raw"] == SAMPLE.read_text(encoding="utf-8")
    assert len(doc["entries"]) == 8


def test_reimport_adds_nothing_and_leaves_the_file_as_it_was(sample_archive: Archive) -> None:
    before = archive_bytes(sample_archive.path)
    (report,) = sample_archive.import_files([SAMPLE])
    assert report.added == [] and len(report.already) == 8 and report.error is None
    assert archive_bytes(sample_archive.path) == before
    assert len(Archive(sample_archive.path).entries()) == 8


def test_same_text_in_another_encoding_is_the_same_source(sample_archive: Archive,
                                                          tmp_path: Path) -> None:
    gbk = tmp_path / "sample-gb18030.txt"
    gbk.write_bytes(SAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    (report,) = sample_archive.import_files([gbk])
    assert report.added == [] and len(report.already) == 8


def test_a_bad_file_leaves_the_archive_byte_identical(sample_archive: Archive,
                                                      tmp_path: Path) -> None:
    before = archive_bytes(sample_archive.path)
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (report,) = sample_archive.import_files([png])
    assert report.error == f"{png}: is a PNG image, not a text bulletin"
    assert archive_bytes(sample_archive.path) == before


def test_good_files_land_beside_a_bad_one(db_path: Path, tmp_path: Path,
                                          sample_lines: list[str]) -> None:
    archive = Archive(db_path)
    missing = tmp_path / "missing.txt"
    reports = archive.import_files([missing, small_bulletin(tmp_path, sample_lines)])
    assert reports[0].error == f"{missing}: no such file"
    assert len(reports[1].added) == 2
    assert len(Archive(db_path).entries()) == 2


def test_a_failed_write_changes_nothing_and_leaves_no_temporary_file(
        sample_archive: Archive, tmp_path: Path, sample_lines: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = archive_bytes(sample_archive.path)

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(ArchiveError, match="No space left on device; it was not changed"):
        sample_archive.import_files([small_bulletin(tmp_path, sample_lines)])
    assert archive_bytes(sample_archive.path) == before
    folders = [sample_archive.path.parent, sample_archive.path.with_name("archive.json.parts")]
    assert [p.name for f in folders for p in f.iterdir() if "tmp" in p.name] == []


def test_the_previous_version_is_kept_as_a_backup(sample_archive: Archive, tmp_path: Path,
                                                  sample_lines: list[str]) -> None:
    """The manifest's ``.bak`` and the parts it names stay, so copying it back restores."""
    before = archive_bytes(sample_archive.path)
    rows = sample_archive.summaries()
    sample_archive.import_files([small_bulletin(tmp_path, sample_lines, "other.txt")])
    assert backup_path(sample_archive.path).read_bytes() == before["archive.json"]
    assert archive_bytes(sample_archive.path) != before
    sample_archive.path.write_bytes(backup_path(sample_archive.path).read_bytes())
    assert Archive(sample_archive.path).summaries() == rows
    assert Archive(sample_archive.path).check()[0] == []


def test_a_second_writer_gets_a_clear_error_naming_the_holder(sample_archive: Archive,
                                                              tmp_path: Path,
                                                              sample_lines: list[str]) -> None:
    before = archive_bytes(sample_archive.path)
    other = Archive(sample_archive.path, wait=0.2)
    with WriterLock(sample_archive.path), pytest.raises(ArchiveLocked) as caught:
        other.import_files([small_bulletin(tmp_path, sample_lines)])
    message = str(caught.value)
    assert str(sample_archive.path) in message and f"pid {os.getpid()}" in message
    assert archive_bytes(sample_archive.path) == before


def test_writers_build_on_each_other(db_path: Path, tmp_path: Path,
                                     sample_lines: list[str]) -> None:
    """Two archive objects on one file: the second writer re-reads before it writes."""
    first, second = Archive(db_path), Archive(db_path)
    first.import_files([SAMPLE])
    second.import_files([small_bulletin(tmp_path, sample_lines)])
    assert len(Archive(db_path).entries()) == 8  # the small one's entries are all in the sample
    assert len(Archive(db_path).sources()) == 2


def test_an_archive_from_a_newer_bitext_is_refused_untouched(db_path: Path) -> None:
    db_path.write_bytes(orjson.dumps({"meta": {"schema": {"schema": SCHEMA_VERSION + 1}}}))
    before = db_path.read_bytes()
    with pytest.raises(ArchiveError, match="written by a newer bitext"):
        Archive(db_path)
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(("content", "problem"), [
    (b'{"meta": {"schema": {"schema": 1}}, "entries": {', "the archive is damaged"),
    (b'{"users": {"1": {"name": "x"}}}', "not a bitext archive"),
    (b"[1, 2, 3]", "not a bitext archive"),
    ("2018年11月20日，重慶市長會見……\n".encode(), r"not a bitext archive \(it is not JSON\); "
     r"to add a bulletin to an archive: `bitext import .*`"),
])
def test_a_damaged_or_foreign_file_is_never_overwritten(db_path: Path, content: bytes,
                                                         problem: str) -> None:
    db_path.write_bytes(content)
    with pytest.raises(ArchiveError, match=problem):
        Archive(db_path).import_files([SAMPLE])
    assert db_path.read_bytes() == content


def test_entry_lookup_by_unique_prefix(sample_archive: Archive) -> None:
    entry = sample_archive.entry("20181103")
    assert entry.days[0].isoformat() == "2018-11-03"
    with pytest.raises(Exception, match="matches 2 entries"):
        sample_archive.entry("20181108")
    with pytest.raises(Exception, match="no entry 'nope'"):
        sample_archive.entry("nope")


def test_the_stored_layout_gives_back_every_entry_exactly(sample_archive: Archive,
                                                          sample_bytes: bytes) -> None:
    """Raw text, repair spans and damage spans are derived on load, and must come back equal."""
    from store.ingest import parse_bulletin

    parsed = parse_bulletin(sample_bytes, str(SAMPLE), imported="t").entries
    stored = {e.id: e for e in sample_archive.entries()}
    for entry in parsed:
        assert stored[entry.id] == entry
        assert stored[entry.id].to_dict() == entry.to_dict()


def test_list_rows_do_not_open_entry_bodies(sample_archive: Archive) -> None:
    doc = read_tables(sample_archive.path)
    one = next(iter(doc["entries"].values()))
    assert set(one) == {"id", "seq", "start", "end", "days", "title", "source", "digest", "body",
                        "checks"}
    assert isinstance(one["body"], str) and "\\u" not in one["body"]
    rows = sample_archive.summaries()
    assert [r.id for r in rows] == [e.id for e in sample_archive.entries()]


def test_one_document_per_line_and_other_layouts_still_read(sample_archive: Archive,
                                                             tmp_path: Path) -> None:
    data = entries_part(sample_archive.path).read_bytes()
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == "{" and lines[1] == '"entries":{' and len(lines) == 8 + 1 + 1 + 2
    doc = read_tables(sample_archive.path)
    compact = tmp_path / "compact.json"  # as another tool (or TinyDB itself) would write it
    compact.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    assert Archive(compact).summaries() == sample_archive.summaries()
