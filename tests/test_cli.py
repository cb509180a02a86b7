"""The real ``bitext`` command line: what a user types and sees, exit codes, JSON interface."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from archive_files import archive_bytes, files_of_archive
from fixture_paths import SAMPLE

from store.api import Archive
from tui.cli import main

ENTRY_FIELDS = {"id", "start", "end", "days", "title", "zh", "en", "beads", "repairs", "damage",
                "source"}


def bitext(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command line, run away from the source tree (``-m`` puts cwd on the path)."""
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          text=True, env={**os.environ, "COLUMNS": "120", **(env or {})},
                          timeout=120, check=False, cwd=tempfile.gettempdir())


def test_the_console_script_is_installed() -> None:
    script = Path(sysconfig.get_path("scripts")) / "bitext"
    assert script.exists(), "pip install . puts `bitext` on the PATH"


def test_import_list_show_through_the_real_command_line(db_path: Path) -> None:
    done = bitext("import", str(SAMPLE), "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    assert f"{SAMPLE}: added 8 entries (utf-8," in done.stdout
    assert "4 damaged spans" in done.stdout and "1 line kept on the source only" in done.stdout

    again = bitext("import", str(SAMPLE), "--db", str(db_path))
    assert again.returncode == 0 and "already in the archive (8 entries); nothing added" in (
        again.stdout)

    listed = json.loads(bitext("--db", str(db_path), "list", "--json").stdout)
    assert len(listed) == 8 and set(listed[0]) >= ENTRY_FIELDS
    assert [e["start"] for e in listed] == sorted((e["start"] for e in listed), reverse=True)

    shown = bitext("show", "20181119", "--db", str(db_path))
    assert shown.returncode == 0
    assert "2018-11-19, 21" in shown.stdout and "市政府外辦主任李謙" in shown.stdout
    assert "Li Qian" in shown.stdout and "??松健?" in shown.stdout


def test_show_json_is_the_documented_entry(db_path: Path) -> None:
    main(["import", str(SAMPLE), "--db", str(db_path), "-q"])
    done = bitext("show", "20181119", "--json", "--db", str(db_path))
    entry: dict[str, Any] = json.loads(done.stdout)
    assert set(entry) >= ENTRY_FIELDS
    assert entry["days"] == ["2018-11-19", "2018-11-21"]
    assert entry["start"] == "2018-11-19" and entry["end"] == "2018-11-21"
    assert entry["zh"][0]["line"] == 5 and entry["en"][0]["line"] == 30
    assert set(entry["zh"][0]) == {"text", "raw", "line"}
    assert entry["beads"] == [[[k], [k]] for k in range(5)]
    assert entry["source"] == {"id": entry["source"]["id"], "name": str(SAMPLE)}
    damage = entry["damage"][0]
    assert damage["lang"] == "zh" and damage["para"] == 0 and damage["text"] == "??松健?"
    kinds = {r["kind"] for r in entry["repairs"]}
    assert {"annotation", "width", "html", "spacing", "ligature"} <= kinds


@pytest.mark.parametrize(("make", "problem"), [
    (lambda d: d / "nope.txt", "no such file"),
    (lambda d: d, "is a folder, not a file"),
    (lambda d: _write(d / "empty.txt", b""), "is empty"),
    (lambda d: _write(d / "zh.txt", "只有中文。".encode()), "has no English paragraphs"),
    (lambda d: _write(d / "x.png", b"\x89PNG\r\n\x1a\n\0\0"), "is a PNG image"),
])
def test_bad_input_is_one_line_exit_2_and_the_archive_unchanged(
        db_path: Path, tmp_path: Path, make: Any, problem: str) -> None:
    main(["import", str(SAMPLE), "--db", str(db_path), "-q"])
    before = archive_bytes(db_path)
    bad = make(tmp_path / "in") if (tmp_path / "in").mkdir() is None else None
    done = bitext("import", str(bad), "--db", str(db_path))
    assert done.returncode == 2
    assert done.stderr == f"bitext: {bad}: {problem}" + done.stderr.split(problem, 1)[1]
    assert len(done.stderr.strip().splitlines()) == 1
    assert archive_bytes(db_path) == before


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_reading_a_missing_archive_says_how_to_make_one(tmp_path: Path) -> None:
    done = bitext("list", "--db", str(tmp_path / "none.json"))
    assert done.returncode == 2
    assert "no archive here (create one with `bitext import FILE" in done.stderr
    assert not (tmp_path / "none.json").exists()


def test_unknown_entry_is_exit_2(sample_archive: Any) -> None:
    done = bitext("show", "nope", "--db", str(sample_archive.path))
    assert done.returncode == 2 and "no entry 'nope'" in done.stderr


def test_first_run_seeds_the_default_archive_with_the_sample(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    done = bitext("list", env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()  # not a terminal: one tab-separated line per entry
    assert len(lines) == 8 and lines[0].split("\t")[:2] == ["20181125-6850131f", "2018-11-25–29"]
    assert (tmp_path / "data" / "bitext-archive" / "archive.json").exists()


def test_env_variable_names_the_archive(tmp_path: Path) -> None:
    db = tmp_path / "env.json"
    done = bitext("import", str(SAMPLE), "-q", env={"BITEXT_DB": str(db)})
    assert done.returncode == 0 and done.stdout == "" and db.exists()


def test_hostile_text_cannot_drive_the_terminal(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text("2018年11月3日，重慶\x1b]0;pwned\x07舉行會議[bold]。\n"
                    "On November 3, 2018, Chongqing held \x1b[31ma meeting[/bold].\n",
                    encoding="utf-8")
    main(["import", str(path), "--db", str(db_path), "-q"])
    done = bitext("show", "20181103", "--db", str(db_path))
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "␛]0;pwned␇" in done.stdout and "[bold]" in done.stdout


def test_the_sample_ships_inside_the_installed_package(tmp_path: Path) -> None:
    """Outside the source tree, the installed package (store.samples) holds the sample."""
    code = ("from importlib.resources import files; import sys; "
            "sys.stdout.write(files('store.samples').joinpath('chongqing-2018-11.txt')"
            ".read_bytes().hex())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert bytes.fromhex(done.stdout) == SAMPLE.read_bytes()


# -- search ---------------------------------------------------------------------------

def test_search_json_is_the_documented_shape(sample_archive: Any) -> None:
    done = bitext("search", "白俄罗斯 OR Belarus", "--json", "--db", str(sample_archive.path))
    assert done.returncode == 0, done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)
    assert [f["id"] for f in found] == ["20181108-73f05ce4"]
    assert set(found[0]) == {"id", "score", "hits"} and found[0]["score"] > 0
    entry = sample_archive.entry(found[0]["id"])
    hits = found[0]["hits"]
    assert {h["lang"] for h in hits} == {"zh", "en"}
    assert {entry.paragraphs(h["lang"])[h["para"]].text[h["start"]:h["end"]] for h in hits} == \
        {"白俄羅斯", "Belarus"}


def test_search_ranks_and_limits(sample_archive: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "重庆", "--json", "--limit", "3", "--db",
                 str(sample_archive.path)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert len(found) == 3
    assert [f["score"] for f in found] == sorted((f["score"] for f in found), reverse=True)


def test_search_piped_is_one_tab_separated_line_per_entry(sample_archive: Any) -> None:
    done = bitext("search", "Foreign Affairs Office", "--db", str(sample_archive.path))
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    assert len(rows) == 5 and all(len(r) == 5 for r in rows)
    phrase = sample_archive.search('"Foreign Affairs Office"')  # the shell ate the quotes
    assert sum(int(r[2]) for r in rows) == phrase.hits == 6


def test_search_kwic_lines_pair_each_hit_with_its_translation(sample_archive: Any) -> None:
    done = bitext("search", "白俄罗斯", "--kwic", "--sort", "right", "--db",
                  str(sample_archive.path))
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    assert rows and all(r[1] == "zh" and r[4] == "白俄羅斯" for r in rows)
    assert all("Belarus" in r[6] for r in rows), "the aligned English sentence names Belarus"
    rights = [r[4] + r[5] for r in rows]
    assert rights == sorted(rights)


def test_search_on_a_terminal_shows_hits_in_context(
        sample_archive: Any, capsys: pytest.CaptureFixture[str],
        terminal: Callable[..., None]) -> None:
    terminal(width=100, colour=False)
    assert main(["search", "Belarus", "--db", str(sample_archive.path)]) == 0
    text = capsys.readouterr().out
    assert "20181108-73f05ce4" in text and "4 hits in 1 entry" in text
    assert "Republic of Belarus, Kiryl" in text.replace("\n", " ")
    assert "\t" not in text, "not the piped lines"


@pytest.mark.parametrize(("args", "problem"), [
    (["date:2018-13"], "bitext: date:2018-13: not a date"),
    (["x", "--limit", "-1"], "bitext: --limit -1: give a number of entries"),
])
def test_a_bad_search_is_one_line_exit_2(sample_archive: Any, args: list[str],
                                         problem: str) -> None:
    done = bitext("search", *args, "--db", str(sample_archive.path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(problem) and len(done.stderr.strip().splitlines()) == 1


def test_kwic_translations_are_whole_sentences(sample_archive: Any) -> None:
    done = bitext("search", "李谦", "--kwic", "--db", str(sample_archive.path))
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    second = next(r for r in rows if r[1] == "zh" and r[2] == "1")
    assert second[6].startswith("At the British Consulate-General in Chongqing, Li Qian and Ms. ")
    assert "Beleidi" in second[6], "a title's full stop does not end the sentence"


def test_kwic_translation_is_the_aligned_sentence_not_the_one_at_the_same_place(
        sample_archive: Any) -> None:
    """The sentence alignment, not the hit's relative place in the bead: in 20181108 "The
    delegation exerts…" translates the Chinese's last sentence, and the Chinese at the same
    relative place is the one before it (2017年3月…)."""
    done = bitext("search", "delegation", "--kwic", "--db", str(sample_archive.path))
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    [row] = [r for r in rows if r[0] == "20181108-73f05ce4" and r[3].endswith("twinned. The ")]
    assert row[6] == ("代表團此訪對持續深化重慶與白俄羅斯及明斯克州在經貿人文等領域全方位合作"
                      "具有重要作用，未來兩地合作前景廣闊。")
    [first] = [r for r in rows if r[0] == "20181125-6850131f" and r[2] == "0"]
    assert first[6] == "2018年11月25日—29日，中國—東盟中心聯合理事會代表團一行46人訪問重慶。"


def test_import_names_the_findings_it_stored(db_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(SAMPLE), "--db", str(db_path)]) == 0
    assert ("6 findings stored: 4 damage, 2 name (`bitext check` lists them)\n"
            in capsys.readouterr().out)


def test_dry_run_shows_what_would_be_added_and_writes_nothing(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bulletins import CHENGDU, bulletin, write

    assert main(["import", "--dry-run", str(SAMPLE), "--db", str(db_path)]) == 0
    assert not list(tmp_path.glob("archive.json*")), "not even an empty archive"
    shown = capsys.readouterr().out
    assert f"{SAMPLE}: would add 8 entries (utf-8," in shown
    assert "20181119-308475df" in shown and "2018-11-19, 21" in shown
    assert "6 findings the checks would store: 4 damage, 2 name" in shown
    assert "mojibake" in shown and "黃良華 is not in the English" in shown, "as `check` shows"

    main(["import", str(SAMPLE), "--db", str(db_path), "-q"])
    Archive(db_path).set_reviewed("20181119-308475df", "some:key")
    Archive(db_path).search("重庆")
    before = files_of_archive(db_path)
    assert {"archive.json", "archive.json.edits", "archive.json.search"} <= set(before)
    chengdu = write(tmp_path, "chengdu.txt", bulletin(CHENGDU))
    capsys.readouterr()
    assert main(["import", "-n", str(SAMPLE), str(chengdu), "--db", str(db_path)]) == 0
    shown = capsys.readouterr().out
    assert "already in the archive (8 entries); nothing would be added" in shown
    assert f"{chengdu}: would add 2 entries" in shown
    assert files_of_archive(db_path) == before
    assert Archive(db_path).count() == 8


def test_one_entry_already_there_is_one_entry(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    bulletin = tmp_path / "one.txt"
    bulletin.write_text("2018年11月12日，重慶市與辛辛那提市簽署友好合作備忘錄。\n"
                        "On November 12, 2018, Chongqing and Cincinnati signed a memorandum.\n",
                        encoding="utf-8")
    db = str(tmp_path / "archive.json")
    assert main(["import", str(bulletin), "--db", db]) == 0
    assert "added 1 entry " in capsys.readouterr().out
    for dry in ([], ["--dry-run"]):
        assert main(["import", str(bulletin), "--db", db, *dry]) == 0
        assert "already in the archive (1 entry);" in capsys.readouterr().out


def test_version_is_printed_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert re.fullmatch(r"bitext \d+\.\d+\.\d+\S*\n", capsys.readouterr().out)


def test_the_list_table_cuts_a_chinese_title_without_a_gap(
        sample_archive: Any, capsys: pytest.CaptureFixture[str],
        terminal: Callable[..., None]) -> None:
    """Rich's own ellipsis left a space where a CJK character did not fit: 重慶市與美國 …"""
    terminal(width=80, colour=False)
    assert main(["list", "--db", str(sample_archive.path)]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if "2018" in line]
    cut = [line.split("│")[3].rstrip() for line in rows if "…" in line.split("│")[3]]
    assert cut and all(not title.endswith(" …") for title in cut), cut
