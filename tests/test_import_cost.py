"""What an import costs follows what it adds, not the archive it adds to (issue 16).

An import into an archive its writer lock has verified reads and writes the parts of
its own months and its source's bucket, and the manifest; every other part stays as
it was, unread. Duplicates are still found, a kill still leaves the old or the new
archive, and the language tables the importer and the checks load once per process
(kept in the user's cache) give what the packages they come from give.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from archive_files import archive_bytes
from fixture_paths import SAMPLE
from test_archive import small_bulletin

from store.api import Archive
from tui.cli import main

_DAY = 86_400 * 10**9


def _moved(tmp_path: Path, sample_lines: list[str], month: int, english: str) -> Path:
    """Two events of the sample moved to another month of 2018: entries of another part."""
    path = small_bulletin(tmp_path, sample_lines, f"{english.lower()}.txt")
    path.write_text(path.read_text(encoding="utf-8").replace("11月", f"{month}月").replace(
        "November", english).replace("Nov.", english[:3] + "."), encoding="utf-8")
    return path


def _parts(archive: Path) -> dict[str, Path]:
    """Each part file of the archive now, by name."""
    folder = archive.with_name(archive.name + ".parts")
    return {f.name: f for f in folder.iterdir() if not f.name.startswith(".")}


def _reads_are_recorded(tmp_path: Path) -> bool:
    """Whether this file system updates a file's access time on a read (not ``noatime``)."""
    probe = tmp_path / "probe"
    probe.write_bytes(b"x")
    st = probe.stat()
    os.utime(probe, ns=(st.st_mtime_ns - 2 * _DAY, st.st_mtime_ns))
    probe.read_bytes()
    return probe.stat().st_atime_ns > st.st_mtime_ns - _DAY


@pytest.fixture
def three_months(sample_archive: Archive, tmp_path: Path, sample_lines: list[str]) -> Path:
    """The sample (November 2018) with October and September beside it, index current."""
    for month, english in ((10, "October"), (9, "September")):
        assert main(["--db", str(sample_archive.path), "import", "-q",
                     str(_moved(tmp_path, sample_lines, month, english))]) == 0
    return sample_archive.path


def test_an_import_writes_and_reads_only_the_parts_of_its_month_and_source(
        three_months: Path, tmp_path: Path, sample_lines: list[str]) -> None:
    if not _reads_are_recorded(tmp_path):
        pytest.skip("this file system does not record reads (noatime)")
    before = _parts(three_months)
    stamps = {}
    for name, path in before.items():  # every access time two days back: a read moves it
        st = path.stat()
        os.utime(path, ns=(st.st_mtime_ns - 2 * _DAY, st.st_mtime_ns))
        stamps[name] = (path.stat().st_atime_ns, st.st_mtime_ns, path.read_bytes())
        os.utime(path, ns=(st.st_mtime_ns - 2 * _DAY, st.st_mtime_ns))
    december = _moved(tmp_path, sample_lines, 12, "December")
    assert main(["--db", str(three_months), "import", "-q", str(december)]) == 0

    after = _parts(three_months)
    new = sorted(set(after) - set(before))
    assert {n.split(".")[0] for n in new} == {"entries-201812", "sources-" + _bucket_of(
        three_months, december)}
    for name in ("entries-201809", "entries-201810", "entries-201811"):
        kept = [n for n in before if n.startswith(name + ".")]
        assert kept and all(n in after for n in kept), name
        for n in kept:
            st = after[n].stat()
            assert (st.st_mtime_ns, after[n].read_bytes()) == stamps[n][1:], n
            assert st.st_atime_ns < st.st_mtime_ns, f"{n} was read by the import"


def _bucket_of(archive: Path, bulletin: Path) -> str:
    """The bucket of sources the bulletin's source went to (two hex digits of its id)."""
    (source,) = [s for s in Archive(archive).sources() if s.name == str(bulletin)]
    return source.id.removeprefix("src-")[:2]


def test_a_bulletin_imported_again_is_found_and_nothing_is_written(
        three_months: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same file, and the same text in another encoding and under another name."""
    before = archive_bytes(three_months)
    other = tmp_path / "input" / "again-gb18030.txt"
    other.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    for path in (SAMPLE, other):
        capsys.readouterr()
        assert main(["--db", str(three_months), "import", str(path)]) == 0
        assert "already in the archive (8 entries); nothing added" in capsys.readouterr().out
    assert archive_bytes(three_months) == before


def test_a_writer_opened_before_another_commits_builds_on_that_commit(
        sample_archive: Archive, tmp_path: Path, sample_lines: list[str]) -> None:
    """The manifest a process read when it opened the archive serves its import only while
    the file is still that version: another process's import in between is kept."""
    mine = Archive(sample_archive.path)
    assert mine.count() == 8
    october = _moved(tmp_path, sample_lines, 10, "October")
    done = subprocess.run([sys.executable, "-m", "tui.cli", "--db", str(mine.path), "import",
                           "-q", str(october)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    (report,) = mine.import_files([_moved(tmp_path, sample_lines, 9, "September")])
    assert report.error is None and len(report.added) == 2
    assert Archive(mine.path).count() == 12
    assert main(["--db", str(mine.path), "check-archive"]) == 0


def test_the_backup_manifest_still_restores_after_two_imports(
        three_months: Path, tmp_path: Path, sample_lines: list[str],
        capsys: pytest.CaptureFixture[str]) -> None:
    """A commit removes only part files neither the new manifest nor its backup names:
    the second import into December replaces the first's part of that month."""
    december = _moved(tmp_path, sample_lines, 12, "December")
    again = tmp_path / "input" / "december-again.txt"
    again.write_text(december.read_text(encoding="utf-8").replace("Chongqing", "Warm"),
                     encoding="utf-8")
    for path in (december, again):
        assert main(["--db", str(three_months), "import", "-q", str(path)]) == 0
    backup = three_months.with_name(three_months.name + ".bak")
    named = orjson.loads(backup.read_bytes())["parts"]
    assert all((three_months.with_name(three_months.name + ".parts") / r["file"]).exists()
               for r in named.values())
    three_months.write_bytes(backup.read_bytes())
    capsys.readouterr()
    assert main(["--db", str(three_months), "check-archive"]) == 0
    assert Archive(three_months).count() == 14


_KILL_AT_THE_MANIFEST = """
import os, signal, sys
real = os.replace
def replace(src, dst, *args, **kwargs):
    if os.fspath(dst).endswith(os.sep + "archive.json"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst, *args, **kwargs)
os.replace = replace
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_kill_before_the_manifest_leaves_the_archive_and_the_next_import_cleans_up(
        three_months: Path, tmp_path: Path, sample_lines: list[str]) -> None:
    """Killed with its parts written and the manifest not yet replaced: the archive is the
    old one, whole; the next import removes the orphans and commits."""
    before = archive_bytes(three_months)
    december = _moved(tmp_path, sample_lines, 12, "December")
    done = subprocess.run([sys.executable, "-c", _KILL_AT_THE_MANIFEST, "--db",
                           str(three_months), "import", "-q", str(december)], check=False)
    assert done.returncode == -signal.SIGKILL
    after = archive_bytes(three_months)
    orphans = sorted(set(after) - set(before))
    assert orphans and all("entries-201812" in n or "sources-" in n for n in orphans)
    assert {n: b for n, b in after.items() if n in before} == before
    assert Archive(three_months).count() == 12
    assert main(["--db", str(three_months), "check-archive"]) == 0

    assert main(["--db", str(three_months), "import", "-q", str(december)]) == 0
    assert Archive(three_months).count() == 14
    assert not [n for n in archive_bytes(three_months) if n in orphans]
    assert main(["--db", str(three_months), "check-archive"]) == 0


def test_the_readings_kept_in_the_cache_are_pypinyins_for_every_character() -> None:
    """``store.lang.pinyin.readings`` reads pypinyin's table instead of asking pypinyin:
    the TONE and NORMAL readings must be the same, the rare ê and ü spellings included."""
    from pypinyin import Style, pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    from store.lang.pinyin import readings

    chars = [chr(c) for c in pinyin_dict] + list("a1 ,。Ａé\u3007")
    wrong = [ch for ch in chars if readings(ch) != frozenset(
        pinyin(ch, style=Style.TONE, heteronym=True)[0]
        + pinyin(ch, style=Style.NORMAL, heteronym=True)[0])]
    assert wrong == []
    assert {"ê", "ế"} <= readings("欸") and "lv" in readings("綠")


def test_the_english_word_counts_are_pyspellcheckers() -> None:
    from spellchecker import SpellChecker

    from store.lang.english import english_count

    words = SpellChecker(language="en", distance=1).word_frequency
    assert all(english_count(w) == words[w] for w in words.dictionary)
    assert english_count("office") > 0 and english_count("zhubajie") == 0


def test_a_damaged_cache_is_built_again(tmp_path: Path) -> None:
    """A cache file cut short (a full disk) is read as no cache: the table is built again."""
    script = ("from store.lang.pinyin import readings; "
              "print(sorted(readings('長')))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                           text=True, check=True).stdout
    (cached,) = (tmp_path / "bitext-archive").glob("pinyin-*.marshal")
    cached.write_bytes(cached.read_bytes()[:1000])
    again = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                           text=True, check=True).stdout
    assert first == again == str(sorted({"cháng", "zhǎng", "zhàng", "chang", "zhang"})) + "\n"
    assert len(cached.read_bytes()) > 1000
