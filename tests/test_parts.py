"""The archive in parts (store/archive/parts.py): a manifest and TinyDB files, each change
writing only the parts it touches, every failure leaving the files as they were."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from archive_files import archive_bytes, entries_part, read_tables, write_tables
from fixture_paths import SAMPLE
from test_archive import small_bulletin
from tinydb import Query, TinyDB

from store.api import Archive
from store.archive import KeyedTable
from store.errors import ArchiveError
from tui.cli import main


def test_the_archive_is_a_manifest_and_tinydb_parts(sample_archive: Archive) -> None:
    """One part per month of entries, one per bucket of sources; each opens with TinyDB."""
    manifest = orjson.loads(sample_archive.path.read_bytes())
    assert sorted(manifest["parts"]) == ["entries-201811", "sources-a2"]
    record = manifest["parts"]["entries-201811"]
    part = sample_archive.path.with_name("archive.json.parts") / record["file"]
    TinyDB.table_class = KeyedTable
    try:
        with TinyDB(part, access_mode="r") as db:
            table = db.table("entries")
            assert len(table) == record["count"] == 8
            assert table.get(doc_id="20181103-76639271")["days"] == ["2018-11-03"]
            assert len(table.search(Query().title.en.search("Cincinnati"))) == 1
    finally:
        del TinyDB.table_class


def test_a_change_rewrites_only_the_parts_it_touches(sample_archive: Archive, tmp_path: Path,
                                                     sample_lines: list[str]) -> None:
    bulletin = small_bulletin(tmp_path, sample_lines, "october.txt")
    bulletin.write_text(bulletin.read_text(encoding="utf-8").replace("11月", "10月").replace(
        "November", "October").replace("Nov.", "Oct."), encoding="utf-8")
    before = archive_bytes(sample_archive.path)
    (report,) = sample_archive.import_files([bulletin])
    assert report.error is None and report.added
    after = archive_bytes(sample_archive.path)
    entries = [n for n in after if "entries-" in n]
    assert [n for n in entries if n in before] == [n for n in before if "entries-201811" in n]
    assert any("entries-201810" in n for n in entries)


def _october(tmp_path: Path, sample_lines: list[str]) -> Path:
    """Two events of the sample moved to October 2018: entries of another part."""
    bulletin = small_bulletin(tmp_path, sample_lines, "october.txt")
    bulletin.write_text(bulletin.read_text(encoding="utf-8").replace("11月", "10月").replace(
        "November", "October").replace("Nov.", "Oct."), encoding="utf-8")
    return bulletin


def test_a_failure_after_the_parts_are_written_leaves_every_file_as_it_was(
        sample_archive: Archive, tmp_path: Path, sample_lines: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while the manifest is written: the new parts go again."""
    before = archive_bytes(sample_archive.path)
    real_fsync = os.fsync

    def full_at_the_manifest(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").split("/")[-1].startswith(".archive.json."):
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_at_the_manifest)
    with pytest.raises(ArchiveError, match="No space left on device; it was not changed"):
        sample_archive.import_files([_october(tmp_path, sample_lines)])
    monkeypatch.undo()
    assert archive_bytes(sample_archive.path) == before


def test_a_reader_open_across_commits_reads_the_newer_parts(
        sample_archive: Archive, tmp_path: Path, sample_lines: list[str]) -> None:
    """The app opens the archive, two imports commit, and the app's first list still works:
    the part it had not read yet was removed, and it reads the newer one."""
    reader = Archive(sample_archive.path)
    assert reader.count() == 8
    first = entries_part(sample_archive.path)
    other = SAMPLE.read_bytes().replace(b"Belarus", b"Belarvs")
    Archive(sample_archive.path).import_bytes([(other, "other.txt")])
    Archive(sample_archive.path).import_bytes([(other.replace(b"Belarvs", b"Belarws"), "3.txt")])
    assert not first.exists()
    assert len(reader.summaries()) == 10


def test_check_archive_names_a_part_changed_or_missing(
        sample_archive: Archive, tmp_path: Path, sample_lines: list[str],
        capsys: pytest.CaptureFixture[str]) -> None:
    part = entries_part(sample_archive.path)
    part.write_bytes(part.read_bytes().replace(b"\n}", b"\n}\n", 1))
    assert main(["check-archive", "--db", str(sample_archive.path)]) == 1
    out = capsys.readouterr().out
    assert f"part entries-201811 ({part.name}) was changed outside bitext" in out
    before = archive_bytes(sample_archive.path)
    november = small_bulletin(tmp_path, sample_lines)
    assert main(["import", str(november), "--db", str(sample_archive.path), "-q"]) == 2
    assert "part entries-201811 was changed outside bitext" in capsys.readouterr().err
    assert archive_bytes(sample_archive.path) == before, "never built on"
    part.unlink()
    assert main(["check-archive", "--db", str(sample_archive.path)]) == 1
    assert "part entries-201811 cannot be read" in capsys.readouterr().out
    assert main(["list", "--db", str(sample_archive.path)]) == 0, "the list reads the rows"
    capsys.readouterr()
    assert main(["show", "20181112", "--db", str(sample_archive.path)]) == 2
    err = capsys.readouterr().err
    assert "the archive is damaged (part entries-201811" in err and "is missing" in err


def test_a_one_file_archive_is_read_and_written_in_parts_at_its_first_write(
        sample_archive: Archive, tmp_path: Path, sample_lines: list[str]) -> None:
    """A plain TinyDB file (by hand, another tool, an older bitext) is an archive too."""
    tables = read_tables(sample_archive.path)
    one = tmp_path / "one" / "archive.json"
    one.parent.mkdir()
    write_tables(one, tables)
    assert Archive(one).summaries() == sample_archive.summaries()
    assert archive_bytes(one) == {"archive.json": one.read_bytes()}, "reading never writes"
    Archive(one).import_files([_october(tmp_path, sample_lines)])
    other = next(s for s in read_tables(one)["sources"] if not s.startswith("src-a2"))
    assert sorted(orjson.loads(one.read_bytes())["parts"]) == sorted([
        "entries-201810", "entries-201811", "sources-a2", f"sources-{other[4:6]}"])
    assert Archive(one).check()[0] == []


def _manifest_places(manifest: dict) -> list[tuple[str, ...]]:  # type: ignore[type-arg]
    """The manifest's tables, its layout record, each part's record and each of its fields."""
    places: list[tuple[str, ...]] = [("parts",), ("meta", "layout"), ("meta", "layout", "folder")]
    for name, record in manifest["parts"].items():
        places += [("parts", name), *(("parts", name, field) for field in record)]
    return places


@pytest.mark.parametrize("wrong", [[], "x", 7, None, {}, "../elsewhere"])
def test_a_manifest_of_the_wrong_shape_is_one_line_and_a_damaged_one_never_written_over(
        sample_archive: Archive, tmp_path: Path, sample_lines: list[str], wrong: object,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = sample_archive.path
    pristine = path.read_bytes()
    november = small_bulletin(tmp_path, sample_lines)
    for place in _manifest_places(orjson.loads(pristine)):
        manifest = orjson.loads(pristine)
        *outer, last = place
        holder = manifest
        for key in outer:
            holder = holder[key]
        holder[last] = wrong
        path.write_bytes(orjson.dumps(manifest))
        before = archive_bytes(path)
        sound = main(["check-archive", "--db", str(path)]) == 0
        capsys.readouterr()
        for command in (["list"], ["show", "20181112"], ["import", str(november), "-q"],
                        ["search", "重慶"]):
            code = main([*command, "--db", str(path)])
            out, err = capsys.readouterr()
            assert "Traceback" not in out + err, (place, command)
            assert code in (0, 1, 2), (place, command)
            if code == 2:
                assert len(err.strip().splitlines()) == 1, (place, command, err)
        if not sound:  # a sound archive may be written (no parts at all is an empty one)
            assert archive_bytes(path) == before, place
