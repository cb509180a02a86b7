"""The bad-input campaign: every row of the README's table, through ``bitext import``.

Each input gets either a correct import (the archive then passes
``check-archive``) or one line on stderr, ``bitext: FILE: problem``, exit
status 2, and the archive byte-identical. No row may print a traceback.

Permission rows use real permission bits when the tests run as a normal user;
as root (CI containers) permission bits do not apply, so the OS error is raised
at the very call that would fail.
"""

from __future__ import annotations

import errno
import os
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from archive_files import archive_bytes
from fixture_paths import SAMPLE

from store.api import Archive
from tui.cli import main

TEXT = SAMPLE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
ROOT = os.geteuid() == 0


def _bytes(data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "input.txt"
        path.write_bytes(data)
        return path
    return make


def _random_text_bytes() -> bytes:
    rng = random.Random(5)
    return bytes(rng.randrange(1, 256) for _ in range(8192))  # no NUL: it must be decoded


def _ten_megabytes() -> bytes:
    """About 10 MB: the sample again and again, each copy in another year."""
    copies = 10_000_000 // len(TEXT.encode()) + 1
    return "\n".join(TEXT.replace("2018", str(1000 + k)) for k in range(copies)).encode()


def _long_line() -> bytes:
    at = next(i for i, line in enumerate(LINES) if line.startswith("On November 12"))
    lines = list(LINES)
    lines[at] += " And" + " the two cities agreed to go on working together" * 110
    assert len(lines[at]) > 5000
    return "\n".join(lines).encode()


def _twenty_and_two() -> bytes:
    zh = [f"2018年11月{i + 1}日，重慶市舉行第{i + 1}次對外合作會議，討論合作事宜。"
          for i in range(20)]
    en = ["On November 1, 2018, Chongqing held a meeting on foreign cooperation.",
          "The two sides discussed cooperation."]
    return "\n".join(zh + en).encode()


def _mixed_line_ends() -> bytes:
    return "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(LINES)).encode()


def _unreadable(folder: Path) -> Path:
    path = _bytes(SAMPLE.read_bytes())(folder)
    path.chmod(0)
    return path


ROWS: list[tuple[str, Callable[[Path], Path], list[str], str | None]] = [
    # name, how to make the input, extra arguments, the problem (None: a correct import)
    ("empty file", _bytes(b""), [], "is empty"),
    ("PNG image", _bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(200)), [], "is a PNG image"),
    ("PDF", _bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), [], "is a PDF document"),
    ("zip", _bytes(b"PK\x03\x04\x14\0\0\0\x08\0" + bytes(100)), [], "is a zip archive"),
    ("random bytes", _bytes(_random_text_bytes()), [], "is not text in any encoding tried"),
    ("wrong encoding declared", _bytes(TEXT.encode("gb18030")), ["--encoding", "utf-8"],
     "is not valid utf-8"),
    ("GB18030", _bytes(TEXT.encode("gb18030")), [], None),
    ("UTF-16", _bytes(TEXT.encode("utf-16")), [], None),
    ("Big5", _bytes("".join(c for c in TEXT if c not in "骄头" and not "\u00e0" <= c <= "\u01dc")
                    .encode("big5")), [], None),
    ("Chinese only", _bytes("\n".join(LINES[:24]).encode()), [], "has no English paragraphs"),
    ("English only", _bytes("\n".join(LINES[25:]).encode()), [], "has no Chinese paragraphs"),
    ("20 Chinese paragraphs and 2 English", _bytes(_twenty_and_two()), [], None),
    ("a 10 MB bulletin", _bytes(_ten_megabytes()), [], None),
    ("a 5,000-character line", _bytes(_long_line()), [], None),
    ("NUL bytes", _bytes(TEXT.replace("重慶", "重\0慶", 1).encode()), [],
     "is binary (it holds NUL bytes)"),
    ("mixed CRLF and LF", _bytes(_mixed_line_ends()), [], None),
    ("a folder", lambda d: d, [], "is a folder, not a file"),
    ("a missing path", lambda d: d / "nope.txt", [], "no such file"),
    ("no read permission", _unreadable, [], "permission denied"),
]


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    """An archive with the sample already in it: every row must leave it whole."""
    path = tmp_path / "archive" / "archive.json"
    path.parent.mkdir()
    assert main(["import", str(SAMPLE), "--db", str(path), "-q"]) == 0
    return path


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_each_bad_input_is_imported_or_refused_in_one_line(
        archive_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, row: tuple[str, Callable[[Path], Path], list[str],
                                                    str | None]) -> None:
    _, make, args, problem = row
    folder = tmp_path / "in"
    folder.mkdir()
    source = make(folder)
    if ROOT and problem == "permission denied":
        _refuse(monkeypatch, Path.read_bytes, source, errno.EACCES)
    before = archive_bytes(archive_path)
    code = main(["import", str(source), "--db", str(archive_path), "-q", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if problem is None:
        assert code == 0 and err == "", err
        assert main(["check-archive", "--db", str(archive_path)]) == 0
        assert "no problems" in capsys.readouterr().out
        return
    assert code == 2
    assert err.startswith(f"bitext: {source}: {problem}") and err.count("\n") == 1, err
    assert archive_bytes(archive_path) == before


def _refuse(monkeypatch: pytest.MonkeyPatch, method: Callable[..., object], target: Path,
            code: int) -> None:
    """Make ``method`` fail on ``target`` as the OS would without permission."""
    def refusing(self: Path, *a: object, **k: object) -> object:
        if self == target:
            raise PermissionError(code, os.strerror(code), str(self))
        return method(self, *a, **k)
    monkeypatch.setattr(Path, method.__name__, refusing)


def test_an_archive_in_a_read_only_folder_is_one_line_and_untouched(
        archive_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = archive_bytes(archive_path)
    other = SAMPLE.read_bytes().replace(b"Belarus", b"Belarvs")
    source = archive_path.parent.parent / "other.txt"
    source.write_bytes(other)
    if ROOT:
        real = tempfile.mkstemp

        def refusing(*a: object, **k: object) -> tuple[int, str]:
            if Path(str(k.get("dir", ""))) == archive_path.parent:
                raise PermissionError(errno.EACCES, "Permission denied")
            return real(*a, **k)  # type: ignore[call-overload,no-any-return]
        monkeypatch.setattr(tempfile, "mkstemp", refusing)
    else:
        archive_path.parent.chmod(0o555)
    try:
        code = main(["import", str(source), "--db", str(archive_path), "-q"])
    finally:
        archive_path.parent.chmod(0o755)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"bitext: {archive_path}: cannot write the archive: Permission denied")
    assert archive_bytes(archive_path) == before


def test_a_full_disk_is_one_line_and_the_archive_untouched(
        archive_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = archive_bytes(archive_path)
    source = archive_path.parent.parent / "other.txt"
    source.write_bytes(SAMPLE.read_bytes().replace(b"Belarus", b"Belarvs"))

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    assert main(["import", str(source), "--db", str(archive_path), "-q"]) == 2
    err = capsys.readouterr().err
    assert "No space left on device; it was not changed" in err and err.count("\n") == 1
    assert archive_bytes(archive_path) == before
    assert Archive(archive_path).check()[0] == []
