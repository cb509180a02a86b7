"""``bitext export`` filters for a clean memory, and formats told by the -o suffix.

On the sample archive, whose entries are known: 8 entries, three with damaged
text (20181119, 20181108-73f05ce4, 20181103), three the checks found nothing in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.api import Archive
from tui.cli import main

ALL = ["20181125-6850131f", "20181120-bef70f93", "20181120-f397d006", "20181119-308475df",
       "20181112-2c5aa078", "20181108-73f05ce4", "20181108-42f99c3c", "20181103-76639271"]
DAMAGED = {"20181119-308475df", "20181108-73f05ce4", "20181103-76639271"}
NO_FINDINGS = ["20181120-bef70f93", "20181120-f397d006", "20181108-42f99c3c"]


def exported_ids(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    assert main(["export", "--db", str(db), "-f", "jsonl", *args]) == 0
    return [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]


def test_without_filters_every_entry(sample_archive: Archive,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert exported_ids(sample_archive.path, capsys) == ALL


@pytest.mark.parametrize(("day", "expected"), [
    ("2018-11-20", ALL[:4]),  # 20181119 runs to the 21st: it counts
    ("2018-11-21", ["20181125-6850131f", "20181120-f397d006", "20181119-308475df"]),
    ("2018-11-30", []),
])
def test_since_keeps_entries_whose_last_day_is_that_day_or_later(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str], day: str,
        expected: list[str]) -> None:
    assert exported_ids(sample_archive.path, capsys, "--since", day) == expected


def test_since_leaves_undated_entries_out(sample_archive: Archive, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    memory = tmp_path / "m.tmx"
    memory.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>'
                      '<tu><tuv xml:lang="en"><seg>Undated.</seg></tuv>'
                      '<tuv xml:lang="zh"><seg>无日期。</seg></tuv></tu></body></tmx>',
                      encoding="utf-8")
    assert main(["import", str(memory), "--db", str(sample_archive.path), "-q"]) == 0
    assert exported_ids(sample_archive.path, capsys)[-1].startswith("undated-")
    assert exported_ids(sample_archive.path, capsys, "--since", "2018-11-01") == ALL


def test_skip_damaged_leaves_out_entries_with_damage_until_a_reading_repairs_it(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    db = sample_archive.path
    assert exported_ids(db, capsys, "--skip-damaged") == [i for i in ALL if i not in DAMAGED]
    [suggestion] = sample_archive.suggestions("20181103-76639271")
    sample_archive.accept_reading("20181103-76639271", suggestion.finding,
                                  suggestion.readings[0].text)
    assert exported_ids(db, capsys, "--skip-damaged")[-1] == "20181103-76639271"


def test_reviewed_only_keeps_entries_with_no_finding_left_to_review(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    db = sample_archive.path
    assert exported_ids(db, capsys, "--reviewed-only") == NO_FINDINGS
    for finding in sample_archive.findings("20181112-2c5aa078"):
        sample_archive.set_reviewed("20181112-2c5aa078", finding.key)
    assert exported_ids(db, capsys, "--reviewed-only") == [
        "20181120-bef70f93", "20181120-f397d006", "20181112-2c5aa078", "20181108-42f99c3c"]


def test_filters_combine_with_each_other_and_a_search(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    db = sample_archive.path
    assert exported_ids(db, capsys, "--since", "2018-11-19", "--skip-damaged",
                        "--reviewed-only") == ["20181120-bef70f93", "20181120-f397d006"]
    assert exported_ids(db, capsys, "--query", "Belarus", "--skip-damaged") == []
    assert exported_ids(db, capsys, "--query", "Belarus") == ["20181108-73f05ce4"]


def test_a_since_that_is_not_a_date_is_one_line(sample_archive: Archive,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(sample_archive.path), "--since", "2018-13-01"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "bitext: --since 2018-13-01: is not a date (YYYY-MM-DD)\n"


def test_an_unknown_suffix_is_an_error_that_lists_the_formats(
        sample_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "x.docx"
    assert main(["export", "--db", str(sample_archive.path), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == (f"bitext: {target}: .docx is not a format bitext writes: tmx (.tmx), "
                   "jsonl (.jsonl), csv (.csv), md (.md); or name one with -f\n")
    assert not target.exists()
    assert main(["export", "--db", str(sample_archive.path), "-o", str(target), "-f", "tmx",
                 "-q"]) == 0
    assert target.read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize(("name", "start"), [("X.CSV", b"\xef\xbb\xbfentry,"),
                                             ("memory", b"<?xml"), ("a.md", b"## ")])
def test_a_known_suffix_in_any_case_or_none_picks_the_format(
        sample_archive: Archive, tmp_path: Path, name: str, start: bytes) -> None:
    target = tmp_path / name
    assert main(["export", "--db", str(sample_archive.path), "-o", str(target), "-q"]) == 0
    assert target.read_bytes().startswith(start)
