"""Attacks on the archive in parts (store/archive/parts.py), each of which it once lost.

Each test is what a user would do or meet, on real archives in tmp folders through
the real CLI: a copied, renamed or backup manifest written to, failures after the
commit point, concurrent writers and readers, hostile folder names and links.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson
import pytest
from archive_files import archive_bytes, read_tables, write_tables
from fixture_paths import SAMPLE

from store.api import Archive
from tui.cli import main


def _variant(folder: Path, word: bytes) -> Path:
    """The sample with ``Belarus`` spelt ``word``: one new entry of November 2018."""
    path = folder / f"{word.decode()}.txt"
    path.write_bytes(SAMPLE.read_bytes().replace(b"Belarus", word))
    return path


def _october(folder: Path) -> Path:
    """The sample moved to October 2018: a part of entries and a part of sources the
    archive lacks, so an import writes three files of parts, then the manifest."""
    path = folder / "october.txt"
    path.write_bytes(SAMPLE.read_bytes().replace("11月".encode(), "10月".encode())
                     .replace(b"November", b"October").replace(b"Nov.", b"Oct."))
    return path


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          text=True, cwd=tempfile.gettempdir(), check=False)


def test_writing_to_a_copy_of_the_manifest_never_damages_the_original(
        sample_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``cp archive.json monday.json``, then two imports into the copy: the original lost
    its part of November (the copy's writes removed it as "named by no manifest")."""
    path = sample_archive.path
    copy = path.with_name("monday.json")
    shutil.copy(path, copy)
    for word in (b"Belarvs", b"Belarws"):
        assert main(["import", str(_variant(tmp_path, word)), "--db", str(copy), "-q"]) == 0
    capsys.readouterr()
    assert main(["check-archive", "--db", str(path)]) == 0, capsys.readouterr().out
    assert main(["show", "20181112", "--db", str(path)]) == 0


def test_a_new_archive_at_a_renamed_archives_name_never_removes_its_parts(
        sample_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``mv archive.json old.json`` to start afresh (the manifest names its folder, so
    old.json still opens), then one import into a new archive.json: old.json is empty."""
    path = sample_archive.path
    old = path.rename(path.with_name("old.json"))
    assert main(["import", str(_variant(tmp_path, b"Belarvs")), "--db", str(path), "-q"]) == 0
    capsys.readouterr()
    assert main(["check-archive", "--db", str(old)]) == 0, capsys.readouterr()


def test_importing_into_the_backup_never_damages_the_archive(
        sample_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The restore hint tells the user to `check-archive --db archive.json.bak`; one import
    into that backup (a slip of the shell history) removes the live archive's parts."""
    path = sample_archive.path
    assert main(["import", str(_variant(tmp_path, b"Belarvs")), "--db", str(path), "-q"]) == 0
    backup = path.with_name("archive.json.bak")
    assert main(["import", str(_variant(tmp_path, b"Belarws")), "--db", str(backup), "-q"]) == 0
    capsys.readouterr()
    assert main(["check-archive", "--db", str(path)]) == 0, capsys.readouterr().out


def _fail_fsync_of(folder: Path, monkeypatch: pytest.MonkeyPatch,
                   error: BaseException | None = None) -> None:
    """The fsync of ``folder`` itself (after a rename into it) fails (EIO by default)."""
    real_fsync = os.fsync

    def failing(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode) and os.readlink(f"/proc/self/fd/{fd}") == str(
                folder):
            raise error or OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing)


@pytest.mark.parametrize("error", [OSError(5, "Input/output error"), KeyboardInterrupt()],
                         ids=["EIO", "Ctrl-C"])
def test_a_failure_after_the_manifest_is_replaced_never_damages_the_archive(
        sample_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], error: BaseException) -> None:
    """The folder's fsync, after the rename of the manifest, fails or is interrupted (a
    Ctrl-C at that moment): Parts.commit deletes the parts the new manifest names, and
    bitext says "it was not changed"."""
    path = sample_archive.path
    bulletin = _variant(tmp_path, b"Belarvs")
    _fail_fsync_of(path.parent, monkeypatch, error)
    main(["import", str(bulletin), "--db", str(path), "-q"])
    monkeypatch.undo()
    capsys.readouterr()
    assert main(["check-archive", "--db", str(path)]) == 0, capsys.readouterr().out


def test_a_failed_fsync_of_the_parts_folder_leaves_the_archive_byte_identical(
        sample_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = sample_archive.path
    bulletin = _october(tmp_path)
    before = archive_bytes(path)
    _fail_fsync_of(path.with_name("archive.json.parts"), monkeypatch)
    code = main(["import", str(bulletin), "--db", str(path), "-q"])
    monkeypatch.undo()
    assert code == 2, capsys.readouterr()
    assert "it was not changed" in capsys.readouterr().err
    assert archive_bytes(path) == before


def test_a_refused_first_write_of_an_old_archive_leaves_no_new_file(
        sample_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A schema-2 one-file archive, the disk full as its first write's manifest is written:
    the write is refused, and a second full copy of the archive is left beside it."""
    tables = read_tables(sample_archive.path)
    del tables["meta"]["layout"]
    tables["meta"]["schema"]["schema"] = 2
    path = tmp_path / "old" / "archive.json"
    path.parent.mkdir()
    write_tables(path, tables)
    bulletin = _variant(tmp_path, b"Belarvs")
    before = set(os.listdir(path.parent))
    real_fsync = os.fsync

    def full_at_the_manifest(fd: int) -> None:
        name = os.readlink(f"/proc/self/fd/{fd}").rsplit("/", 1)[-1]
        if re.fullmatch(r"\.archive\.json\.[a-z0-9_]{8}\.tmp", name):
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_at_the_manifest)
    assert main(["import", str(bulletin), "--db", str(path), "-q"]) == 2
    monkeypatch.undo()
    assert set(os.listdir(path.parent)) - before <= {"archive.json.lock"}


def test_a_folder_name_holding_nul_is_one_line(sample_archive: Archive, tmp_path: Path) -> None:
    path = sample_archive.path
    manifest = orjson.loads(path.read_bytes())
    manifest["meta"]["layout"]["folder"] = "archive.json.parts\u0000"
    path.write_bytes(orjson.dumps(manifest))
    before = archive_bytes(path)
    for command in (["check-archive"], ["show", "20181112"],
                    ["import", str(_variant(tmp_path, b"Belarvs")), "-q"]):
        done = _cli(*command, "--db", str(path))
        assert "Traceback" not in done.stderr, command
        assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, command
    assert archive_bytes(path) == before


def test_an_import_that_committed_never_reports_failure(
        sample_archive: Archive, tmp_path: Path) -> None:
    """A folder named like a part file in the folder of parts (any stray name the
    collector cannot unlink): the import is committed, yet bitext says it failed."""
    path = sample_archive.path
    (path.with_name("archive.json.parts") / "entries-209901.aaaaaaaaaaaa.json").mkdir()
    before = path.read_bytes()
    done = _cli("import", str(_variant(tmp_path, b"Belarvs")), "--db", str(path), "-q")
    changed = path.read_bytes() != before
    assert (done.returncode == 0) == changed, (done.returncode, changed, done.stderr)


def test_check_archive_while_two_imports_commit_reports_no_damage(
        sample_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """check-archive reads the manifest, then the parts (seconds at 100,000 entries);
    two imports in other processes commit meanwhile (here: as it opens its first part).
    It then says the archive is damaged, and its hint says to restore the backup,
    which would throw away the last import."""
    path = sample_archive.path
    bulletins = [_variant(tmp_path, w) for w in (b"Belarvs", b"Belarws")]
    real_fdopen = os.fdopen

    def two_imports_meanwhile(fd: int, *args, **kwargs):  # type: ignore[no-untyped-def]
        if bulletins and "/archive.json.parts/" in os.readlink(f"/proc/self/fd/{fd}"):
            while bulletins:
                assert _cli("import", str(bulletins.pop()), "--db", str(path),
                            "-q").returncode == 0
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", two_imports_meanwhile)
    code = main(["check-archive", "--db", str(path)])
    monkeypatch.undo()
    assert not bulletins, "the imports ran"
    assert code == 0, capsys.readouterr().out


def test_a_reader_open_across_commits_never_mixes_versions(
        sample_archive: Archive, tmp_path: Path) -> None:
    """The app (or a long export) reads the sources, the sample's source is removed and
    another bulletin imported: the reader then lists both sources, the removed one too."""
    reader = Archive(sample_archive.path)
    (removed,) = [s.id for s in reader.sources()]
    Archive(sample_archive.path).remove(removed)
    Archive(sample_archive.path).import_files([_variant(tmp_path, b"Belarvs")])
    on_disk = [s.id for s in Archive(sample_archive.path).sources()]
    reader.summaries()  # its part of November went: it reads the newest manifest
    assert [s.id for s in reader.sources()] in ([removed], on_disk)


def test_check_archive_mentions_parts_the_manifest_dropped(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    """A manifest edited by hand (or restored from an old copy) names no part: the archive
    looks empty and sound, and eight entries sit in files the next writes remove. A note
    is enough (a killed writer leaves such files too), but the user must hear of them."""
    path = sample_archive.path
    manifest = orjson.loads(path.read_bytes())
    manifest["parts"] = {}
    path.write_bytes(orjson.dumps(manifest))
    main(["check-archive", "--db", str(path)])
    assert "entries-201811" in capsys.readouterr().out


def test_check_archive_and_import_agree_on_a_parts_folder_that_is_a_link(
        sample_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The parts folder moved to another disk and linked back: check-archive calls the
    archive sound, then every import refuses it. Either both accept it or both say why."""
    path = sample_archive.path
    folder = path.with_name("archive.json.parts")
    folder.rename(path.with_name("elsewhere"))
    folder.symlink_to(path.with_name("elsewhere"))
    sound = main(["check-archive", "--db", str(path)]) == 0
    written = main(["import", str(_variant(tmp_path, b"Belarvs")), "--db", str(path),
                    "-q"]) == 0
    assert sound == written, capsys.readouterr()


def test_a_full_disk_while_taking_the_lock_leaves_the_archive_unlocked(
        sample_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing the holder's name into the lock file fails (disk full): the import is
    refused, blamed on "standard output", and from then on, until this process exits
    (the app runs for hours), every other bitext is told the archive is being written."""
    path = sample_archive.path
    real_pwrite = os.pwrite
    failed: list[int] = []

    def full_once(fd: int, data: bytes, offset: int) -> int:
        if not failed:
            failed.append(fd)
            raise OSError(28, "No space left on device")
        return real_pwrite(fd, data, offset)

    monkeypatch.setattr(os, "pwrite", full_once)
    try:
        Archive(path).import_files([_variant(tmp_path, b"Belarvs")])
        error = ""
    except Exception as e:  # which one it is, is asserted below
        error = f"{type(e).__name__}: {e}"
    monkeypatch.undo()
    assert failed, "the lock file's write failed"
    done = _cli("import", str(_variant(tmp_path, b"Belarws")), "--db", str(path), "-q")
    assert done.returncode == 0, done.stderr
    assert error.startswith("ArchiveError") and "archive.json.lock" in error, error


def test_an_archive_that_wrote_reads_on_after_two_other_commits(
        sample_archive: Archive, tmp_path: Path) -> None:
    """The same object imports (the app, a script), two other writers commit, and its next
    list says the archive is damaged: a part it had not read yet is gone. A reader that
    never wrote reads on (test_parts.py); this one tells the user to restore a backup."""
    writer = Archive(sample_archive.path)
    writer.import_files([_october(tmp_path)])
    for word in (b"Belarvs", b"Belarws"):
        Archive(sample_archive.path).import_files([_variant(tmp_path, word)])
    assert len(writer.summaries()) == 18


def test_check_archive_of_a_missing_part_of_sources_lists_it_and_exits_1(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    """check-archive prints its problems, then fails on its own summary line: exit 2 and
    an error, where a part of entries missing gives exit 1 and the summary."""
    path = sample_archive.path
    record = orjson.loads(path.read_bytes())["parts"]["sources-a2"]
    path.with_name("archive.json.parts").joinpath(record["file"]).unlink()
    code = main(["check-archive", "--db", str(path)])
    out, err = capsys.readouterr()
    assert "part sources-a2 cannot be read" in out
    assert (code, err) == (1, "")
