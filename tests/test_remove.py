"""``bitext remove``: an import taken back, the user's work kept aside for a re-import."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from archive_files import files_of_archive
from bulletins import CHENGDU, WUHAN, bulletin, write
from fixture_paths import SAMPLE

from store.api import Archive
from tui.cli import main

EVENT2 = "20181119-308475df"  # of the sample: five 1-1 beads, damage in paragraphs 1 and 5


@pytest.fixture
def two_sources(tmp_path: Path) -> tuple[Path, Path]:
    """The sample and a small bulletin of Chengdu, imported; the archive and that file."""
    db = tmp_path / "archive.json"
    chengdu = write(tmp_path, "chengdu.txt", bulletin(CHENGDU))
    assert main(["import", str(SAMPLE), str(chengdu), "--db", str(db), "-q"]) == 0
    return db, chengdu


def test_remove_then_import_again_brings_review_marks_and_edits_back(
        two_sources: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db, chengdu = two_sources
    archive = Archive(db)
    key = archive.findings(EVENT2)[0].key
    archive.set_reviewed(EVENT2, key)
    archive.edit_alignment(EVENT2, "merge", 0)
    capsys.readouterr()

    assert main(["remove", str(SAMPLE), "--yes", "--db", str(db)]) == 0
    assert capsys.readouterr().out == (f"removed {SAMPLE}: 8 entries; review marks and edits "
                                       "of 1 kept aside for a re-import\n")
    archive = Archive(db)
    assert [s.name for s in archive.sources()] == [str(chengdu)]
    assert {e.source.name for e in archive.entries()} == {str(chengdu)}
    assert archive.search("重庆").entries == 0, "the search index follows"
    assert archive.search("成都").entries == 2
    assert archive.all_reviewed() == {}
    assert main(["check-archive", "--db", str(db)]) == 0

    assert main(["import", str(SAMPLE), "--db", str(db)]) == 0
    assert "review marks and edits of 1 entry brought back" in capsys.readouterr().out
    archive = Archive(db)
    assert key in archive.reviewed(EVENT2)
    assert archive.entry(EVENT2).edited and len(archive.entry(EVENT2).beads) == 4
    assert archive.search("重庆").entries == 8
    assert main(["check-archive", "--db", str(db)]) == 0


def test_remove_by_source_id(two_sources: tuple[Path, Path],
                             capsys: pytest.CaptureFixture[str]) -> None:
    db, chengdu = two_sources
    assert main(["sources", "--db", str(db)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert sorted((r[2], r[3]) for r in rows) == [("2", str(chengdu)), ("8", str(SAMPLE))]
    chengdu_id = next(r[0] for r in rows if r[3] == str(chengdu))
    assert main(["remove", chengdu_id[:8], "-y", "--db", str(db)]) == 0
    assert [s.name for s in Archive(db).sources()] == [str(SAMPLE)]


def test_without_yes_and_no_terminal_nothing_changes(two_sources: tuple[Path, Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = two_sources
    Archive(db).set_reviewed(EVENT2, "some:key")
    before = files_of_archive(db)
    capsys.readouterr()
    assert main(["remove", str(SAMPLE), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not confirmed; give --yes" in err, err
    assert files_of_archive(db) == before


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("asked", [("n\n", 1, 2), ("\n", 1, 2), ("y\n", 0, 1)])
def test_a_terminal_is_asked(two_sources: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str],
                             asked: tuple[str, int, int]) -> None:
    """The answer, the exit status, and how many sources are left."""
    db, chengdu = two_sources
    answer, status, left = asked
    monkeypatch.setattr(sys, "stdin", _Terminal(answer))
    assert main(["remove", str(chengdu), "--db", str(db)]) == status
    assert "2 entries) from" in (err := capsys.readouterr().err) and "? [y/N] " in err
    assert len(Archive(db).sources()) == left


def test_an_entry_two_files_share_stays_while_one_lists_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The Chengdu events in a monthly bulletin and again in a digest with Wuhan's."""
    db = tmp_path / "archive.json"
    monthly = write(tmp_path, "monthly.txt", bulletin(CHENGDU))
    digest = write(tmp_path, "digest.txt", bulletin(CHENGDU + WUHAN))
    assert main(["import", str(monthly), str(digest), "--db", str(db), "-q"]) == 0
    shared = {e.id for e in Archive(db).entries() if e.source.name == str(monthly)}
    assert len(shared) == 2 and len(Archive(db).entries()) == 5
    assert main(["search", "source:digest", "--limit", "0", "--db", str(db)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 5, "the digest lists all five"

    assert main(["remove", str(monthly), "--yes", "--db", str(db)]) == 0
    assert "0 entries; 2 kept (another source lists them)" in capsys.readouterr().out
    archive = Archive(db)
    assert {e.id for e in archive.entries()} >= shared
    assert {e.source.name for e in archive.entries()} == {str(digest)}
    assert main(["check-archive", "--db", str(db)]) == 0
    assert main(["remove", str(digest), "--yes", "--db", str(db)]) == 0
    assert Archive(db).count() == 0


def test_an_unknown_source_is_one_line(two_sources: tuple[Path, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = two_sources
    before = files_of_archive(db)
    assert main(["remove", "nothing-like-it.txt", "--yes", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err == f"bitext: no source 'nothing-like-it.txt' in {db} (`bitext sources` lists them)\n"
    assert files_of_archive(db) == before


def test_marks_kept_aside_come_back_when_the_entries_are_already_there(
        two_sources: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """The archive put back from its ``.bak`` after a remove (or a crash between the
    archive's write and the edits' on a re-import): importing the file again, which adds
    nothing, still brings the marks back."""
    db, _ = two_sources
    Archive(db).set_reviewed(EVENT2, "some:key")
    assert main(["remove", str(SAMPLE), "--yes", "--db", str(db)]) == 0
    db.write_bytes(db.with_name(db.name + ".bak").read_bytes())
    assert Archive(db).count() == 10 and Archive(db).reviewed(EVENT2) == {}
    capsys.readouterr()
    assert main(["import", str(SAMPLE), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "nothing added" in out and "marks and edits of 1 entry brought back" in out
    assert "some:key" in Archive(db).reviewed(EVENT2)


def test_a_damaged_removed_part_of_the_edits_is_one_line(
        two_sources: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = two_sources
    edits = db.with_name(db.name + ".edits")
    edits.write_text('{"schema": 2, "entries": {}, "reviewed": {}, '
                     '"removed": {"entries": {}, "reviewed": {"x": 5}}}')
    assert main(["show", EVENT2, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "removed.reviewed.x: not an object" in err, err
