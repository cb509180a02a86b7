"""Integrity checking, damaged archives, leftovers of killed writers."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson
import pytest
from app_helpers import search_shown
from archive_files import read_tables, write_tables
from fixture_paths import SAMPLE

from store.api import Archive
from store.atomic import backup_path
from store.errors import ArchiveError
from store.model import SCHEMA_VERSION
from tui.app import make_app
from tui.cli import main


def test_a_sound_archive_checks_clean(sample_archive: Archive,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-archive", "--db", str(sample_archive.path)]) == 0
    out = capsys.readouterr().out
    assert "8 entries, 1 source checked: no problems; the search index is up to date" in out


def _tamper(path: Path, change: object) -> None:
    data = read_tables(path)
    change(data)  # type: ignore[operator]
    write_tables(path, data)


def _drop_a_bead(data: dict) -> None:  # type: ignore[type-arg]
    doc = data["entries"]["20181112-2c5aa078"]
    body = json.loads(doc["body"])
    body["beads"] = body["beads"][:-1]
    doc["body"] = json.dumps(body)


def _cut_a_repair(data: dict) -> None:  # type: ignore[type-arg]
    doc = data["entries"]["20181112-2c5aa078"]
    body = json.loads(doc["body"])
    body["en"][0][0] = body["en"][0][0][:5]  # the text, shorter than its repairs' spans
    doc["body"] = json.dumps(body)


@pytest.mark.parametrize(("change", "problem"), [
    (_drop_a_bead, "entry 20181112-2c5aa078: beads do not cover each zh paragraph exactly once"),
    (_cut_a_repair, "entry 20181112-2c5aa078: en paragraph 0: a repair or damage span lies"),
    (lambda d: d["sources"].clear(), "entry 20181112-2c5aa078: its source src-"),
    (lambda d: d["entries"].pop("20181112-2c5aa078"), "lists 1 entries the archive lacks"),
])
def test_check_archive_names_each_problem(sample_archive: Archive, change: object, problem: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    _tamper(sample_archive.path, change)
    assert main(["check-archive", "--db", str(sample_archive.path)]) == 1
    out = capsys.readouterr().out
    assert problem in out and "problem" in out.splitlines()[-1]


def test_a_damaged_archive_names_its_backup_and_how_to_restore(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    path = sample_archive.path
    Archive(path).import_bytes([(SAMPLE.read_bytes().replace(b"Belarus", b"Belarvs"), "b.txt")])
    damaged = path.read_bytes()[:-300]
    path.write_bytes(damaged)
    assert main(["list", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    backup = backup_path(path)
    assert err.startswith(f"bitext: {path}: the archive is damaged")
    assert f"`bitext check-archive --db {backup}`" in err and f"`cp {backup} {path}`" in err
    assert len(err.strip().splitlines()) == 1
    assert path.read_bytes() == damaged, "never overwritten"
    assert main(["check-archive", "--db", str(backup)]) == 0, "the backup is sound"


async def test_the_app_on_a_damaged_archive_shows_the_way_back(sample_archive: Archive) -> None:
    path = sample_archive.path
    Archive(path).import_bytes([(SAMPLE.read_bytes().replace(b"Belarus", b"Belarvs"), "b.txt")])
    path.write_bytes(path.read_bytes()[:-300])
    app = make_app(path, theme="textual-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        shown = app.reader.query_one("#entry-header").render()
        text = str(shown)
        assert "the archive is damaged" in text and f"cp {backup_path(path)} {path}" in text
        assert app.is_running


def test_leftovers_of_a_killed_writer_are_cleared_by_the_next_write(db_path: Path) -> None:
    """A temporary file nobody holds is a dead writer's; one a live writer holds stays."""
    import fcntl

    Archive(db_path).import_files([SAMPLE])
    leftover = db_path.with_name(f".{db_path.name}.k1ll3d_x.tmp")
    leftover.write_bytes(b"half an archive")
    index_temp = db_path.with_name(f".{db_path.name}.search.abcd1234.tmp")
    index_temp.write_bytes(b"another process's index, in flight")
    with index_temp.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as a live writer holds its file
        Archive(db_path).import_bytes([(SAMPLE.read_bytes().replace(b"Belarus", b"Belarvs"),
                                        "b.txt")])
        assert not leftover.exists()
        assert index_temp.exists(), "a live writer's file is left alone"


def test_a_failed_index_write_never_fails_an_import(db_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from store.search.indexfile import Tables

    def refuse(*_: object) -> None:
        raise ArchiveError("disk full")

    monkeypatch.setattr(Tables, "save", refuse)
    reports = Archive(db_path).import_files([SAMPLE])
    assert reports[0].error is None and len(reports[0].added) == 8
    assert Archive(db_path).search("重庆").entries == 8


async def test_the_app_notices_another_process_changed_the_archive(
        sample_archive: Archive) -> None:
    """An import from another terminal shows up; the cursor stays on the entry being read."""
    path = sample_archive.path
    app = make_app(path, theme="textual-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        app.watch_interval = 0.2
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        await pilot.press("j", "j", "j", "tab", "j")
        await pilot.pause(0.3)
        reading, bead = app.entries.current.id, app.reader.selected  # type: ignore[union-attr]
        assert bead == 1
        other = SAMPLE.read_bytes().replace(b"Belarus", b"Belarvs")
        Archive(path).import_bytes([(other, "other.txt")])  # as `bitext import` would
        for _ in range(100):
            await pilot.pause(0.05)
            if app.entries.entry_count > 8 and app.reader.entry is not None:
                break
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        assert app.entries.entry_count == 9  # the one entry whose English named Belarus
        assert app.entries.current.id == reading  # type: ignore[union-attr]
        assert app.reader.entry is not None and app.reader.entry.id == reading
        assert app.reader.selected == bead
        assert any("changed on disk" in n.message for n in app._notifications)


async def test_two_importers_and_the_app_at_once_lose_nothing(sample_archive: Archive,
                                                              tmp_path: Path) -> None:
    path = sample_archive.path
    variants = []
    for k in (1, 2):
        variant = tmp_path / f"variant-{k}.txt"
        variant.write_bytes(SAMPLE.read_bytes().replace(b"Chongqing", f"Chongqing{k}".encode()))
        variants.append(variant)
    app = make_app(path, theme="textual-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        app.watch_interval = 0.1
        await app.workers.wait_for_complete()
        importers = [subprocess.Popen([sys.executable, "-m", "tui.cli", "import", str(v),
                                       "--db", str(path), "-q"], stderr=subprocess.PIPE,
                                      cwd=tempfile.gettempdir()) for v in variants]
        while any(p.poll() is None for p in importers):
            await pilot.pause(0.1)  # the app keeps running (and reloading) meanwhile
        assert [p.returncode for p in importers] == [0, 0], \
            [p.stderr.read() for p in importers if p.stderr]
        archive = Archive(path)
        assert archive.check()[0] == []
        expected = len(archive.summaries())
        assert expected > 8
        for _ in range(100):
            await pilot.pause(0.05)
            if app.entries.entry_count == expected:
                break
        assert app.entries.entry_count == expected
        assert archive.search("Chongqing1").entries and archive.search("Chongqing2").entries


async def test_a_failing_search_worker_is_a_notice_not_a_crash(
        sample_archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Archive, query: str) -> None:
        raise RuntimeError("index file vanished")

    monkeypatch.setattr(Archive, "search", broken)
    app = make_app(sample_archive.path, theme="textual-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", "x")
        for _ in range(60):
            await pilot.pause(0.05)
            if app._notifications:
                break
        notes = [(n.title, n.message) for n in app._notifications]
        assert ("Search failed", "RuntimeError: index file vanished") in notes
        monkeypatch.undo()
        await pilot.press("backspace", "B", "e", "l", "a", "r", "u", "s")
        await search_shown(pilot, "Belarus")
        assert app.entries.entry_count == 1, "the next search runs"
        assert app.is_running


def _as_schema_1(path: Path) -> bytes:
    """The archive as bitext with schema 1 wrote it: one file, no revision record."""
    data = read_tables(path)
    data["meta"].pop("revision")
    data["meta"]["schema"]["schema"] = 1
    old = orjson.dumps(data)
    path.write_bytes(old)
    return old


def test_an_older_archive_is_read_as_is_and_upgraded_at_the_next_write(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    path = sample_archive.path
    old = _as_schema_1(path)
    reader = Archive(path)
    assert reader.search("重庆").entries == 8
    assert Archive(path).check() == ([], "the search index is up to date"), \
        "read twice, one revision: the index built for it stays valid"
    assert path.read_bytes() == old, "reading never writes"
    other = SAMPLE.read_bytes().replace(b"Belarus", b"Belarvs")
    Archive(path).import_bytes([(other, "other.txt")])
    backup = path.with_name(path.name + ".schema-1.bak")
    assert backup.read_bytes() == old, "the old file is kept before the first new write"
    data = orjson.loads(path.read_bytes())
    assert data["meta"]["schema"]["schema"] == SCHEMA_VERSION and data["meta"]["revision"]
    assert sum(r["count"] for n, r in data["parts"].items() if n.startswith("entries")) == 9
    assert main(["check-archive", "--db", str(path)]) == 0
    assert "9 entries" in capsys.readouterr().out
    Archive(path).import_bytes([(other.replace(b"Belarvs", b"Belarws"), "third.txt")])
    assert backup.read_bytes() == old, "and never replaced by later writes"
