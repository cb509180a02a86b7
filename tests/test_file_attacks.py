"""Files beside an archive that are not ours, and archives damaged outside bitext.

Each test replays an attack on an earlier main through the real command line:
a link or FIFO where the lock file goes, ``--db`` a FIFO or a link, ``export -o``
onto the archive or a device, a damaged but parseable archive, a hostile edits
file, a killed writer's temporary file. Each ends in one line and exit 2 (or
the right write), with nothing of the user's lost.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson
from archive_files import archive_bytes, entries_part, read_tables
from fixture_paths import SAMPLE

from tui.cli import main


def _imported(tmp_path: Path) -> Path:
    db = tmp_path / "a.json"
    assert main(["import", str(SAMPLE), "--db", str(db), "-q"]) == 0
    return db


def test_a_lock_file_that_links_elsewhere_is_refused_and_its_target_kept(
        tmp_path: Path, capsys) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    db = tmp_path / "a.json"
    (tmp_path / "a.json.lock").symlink_to(victim)
    assert main(["import", str(SAMPLE), "--db", str(db), "-q"]) == 2
    assert victim.read_text() == "precious"
    assert "symbolic link" in capsys.readouterr().err


def test_a_fifo_lock_file_and_a_fifo_archive_are_one_line(tmp_path: Path, capsys) -> None:
    os.mkfifo(tmp_path / "a.json.lock")
    assert main(["import", str(SAMPLE), "--db", str(tmp_path / "a.json"), "-q"]) == 2
    os.mkfifo(tmp_path / "b.json")
    assert main(["list", "--db", str(tmp_path / "b.json")]) == 2
    assert capsys.readouterr().err.count("FIFO") == 2


def test_the_lock_file_is_private(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    assert (db.with_name("a.json.lock").stat().st_mode & 0o777) == 0o600


def test_an_archive_named_through_a_link_is_written_at_its_target(tmp_path: Path) -> None:
    real = _imported(tmp_path)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    other = SAMPLE.read_text(encoding="utf-8").replace("Chongqing", "ChongqingK")
    (tmp_path / "other.txt").write_text(other, encoding="utf-8")
    assert main(["import", str(tmp_path / "other.txt"), "--db", str(link), "-q"]) == 0
    assert link.is_symlink()
    assert len(read_tables(real)["entries"]) == 16


def test_export_never_replaces_the_archive_or_a_device(tmp_path: Path, capsys) -> None:
    db = _imported(tmp_path)
    before = archive_bytes(db)
    for target in (db, db.with_name("a.json.edits"), db.with_name("a.json.bak")):
        assert main(["export", "--db", str(db), "-o", str(target), "-f", "csv"]) == 2
    os.mkfifo(tmp_path / "pipe.csv")
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "pipe.csv")]) == 2
    assert (tmp_path / "pipe.csv").is_fifo()
    assert archive_bytes(db) == before
    assert not db.with_name("a.json.edits").exists()
    assert len(capsys.readouterr().err.strip().splitlines()) == 4


def test_a_damaged_archive_is_never_written_over(tmp_path: Path, capsys) -> None:
    db = _imported(tmp_path)
    part = entries_part(db)
    lines = part.read_bytes().split(b"\n")
    at = next(i for i, line in enumerate(lines) if b'"body"' in line and "李謙".encode() in line)
    lines[at] = lines[at].replace("李謙".encode(), "張三".encode(), 1)
    part.write_bytes(b"\n".join(lines))
    damaged = archive_bytes(db)
    assert main(["check-archive", "--db", str(db)]) == 1
    assert "does not match its digest" in capsys.readouterr().out
    other = SAMPLE.read_text(encoding="utf-8").replace("Chongqing", "ChongqingK")
    (tmp_path / "other.txt").write_text(other, encoding="utf-8")
    assert main(["import", str(tmp_path / "other.txt"), "--db", str(db), "-q"]) == 2
    assert "damaged" in capsys.readouterr().err
    assert archive_bytes(db) == damaged
    assert not db.with_name("a.json.bak").exists(), "the damaged file was not rotated"


def test_a_hostile_edits_file_is_one_line(tmp_path: Path, capsys) -> None:
    db = _imported(tmp_path)
    entry = read_tables(db)["entries"]
    key, doc = next(iter(entry.items()))
    edits = {"schema": 1, "reviewed": {}, "entries": {key: {
        "digest": doc["digest"], "at": 9, "states": [{"beads": None, "readings": [],
                                                      "rejected": []}]}}}
    db.with_name("a.json.edits").write_bytes(orjson.dumps(edits))
    assert main(["show", key, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "edits file is damaged" in err and ".at" in err and "Traceback" not in err


def test_a_killed_writer_s_temporary_file_is_removed_by_the_next(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    leftover = tmp_path / ".a.json.edits.abcd1234.tmp"
    leftover.write_bytes(b"x" * 1000)
    index = tmp_path / ".a.json.search.zyxw9876.tmp"
    index.write_bytes(b"x" * 1000)
    entry = next(iter(read_tables(db)["entries"]))
    assert main(["check", entry, "--db", str(db)]) in (0, 1)
    from store.api import Archive
    archive = Archive(db)
    archive.set_reviewed(entry, "x:-:y")
    assert not leftover.exists()
    db.with_name("a.json.search").unlink()
    assert main(["search", "重慶", "--db", str(db)]) == 0
    assert not index.exists()
