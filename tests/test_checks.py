"""``bitext check`` as a user runs it: the JSON report, the piped lines, the terminal report
and the exit status.

What each check finds is tested through the store (test_check_<name>.py,
test_run_checks.py); here, only what the command line makes of the findings.
The omission check's findings are left out of the counts: they are its own
tests' business (test_check_omission.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from store.api import Archive
from tui.cli import main

#: The sample's findings as the JSON report gives them: para and bead count from 0.
SAMPLE_REPORT = [
    ("20181125-6850131f", "name", "review", "zh", 0, 0, "陳漢成"),
    ("20181119-308475df", "damage", "error", "zh", 0, 0, "??松健?"),
    ("20181119-308475df", "damage", "error", "zh", 4, 4, "??松骄头e"),
    ("20181112-2c5aa078", "name", "review", "zh", 1, 1, "黃良華"),
    ("20181108-73f05ce4", "damage", "error", "zh", 0, 0, "?shù)?"),
    ("20181103-76639271", "damage", "error", "zh", 0, 0, "??腿吮硎?"),
]


def run_check(capsys: pytest.CaptureFixture[str], archive: Archive, *args: str
              ) -> tuple[int, str, str]:
    code = main(["check", "--db", str(archive.path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def check_json(db: Path, capsys: pytest.CaptureFixture[str], *ids: str) -> list[dict[str, Any]]:
    """``bitext check --json``'s report (test_check_alarms.py uses it too)."""
    assert main(["check", "--db", str(db), "--json", *ids]) in (0, 1)
    return json.loads(capsys.readouterr().out)


def flat(report: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(e["id"], f["check"], f["severity"], f["lang"], f["para"], f["bead"], f["subject"])
            for e in report for f in e["findings"]]


def but_omission(found: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [x for x in found if x[1] != "omission"]


def import_lines(db: Path, lines: list[str]) -> None:
    """The lines as one bulletin, imported with ``bitext import`` (other check tests use it)."""
    variant = db.parent / "variant.txt"
    variant.write_text("\n".join(lines), encoding="utf-8")
    assert main(["import", str(variant), "--db", str(db), "-q"]) == 0


def test_the_json_report_names_each_finding_with_its_bead(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    assert but_omission(flat(check_json(sample_archive.path, capsys))) == SAMPLE_REPORT


def test_the_json_report_of_one_entry_has_every_field_and_the_readings(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    [entry] = check_json(sample_archive.path, capsys, "20181103")
    [damage] = [f for f in entry["findings"] if f["check"] == "damage"]
    readings = damage.pop("readings")
    assert entry["id"] == "20181103-76639271"
    assert damage == {
        "check": "damage", "severity": "error", "lang": "zh", "para": 0, "span": [114, 120],
        "subject": "??腿吮硎?", "message": "text lost before import (mojibake): '??腿吮硎?'",
        "key": "damage:zh0:??腿吮硎?", "bead": 0, "reviewed": False}
    assert readings[0] == "客人表示" and len(readings) == 3


def test_damage_that_is_no_byte_slip_has_no_readings_in_the_report(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    [entry] = check_json(sample_archive.path, capsys, "20181108-73f05ce4")
    assert [f["readings"] for f in entry["findings"] if f["check"] == "damage"] == [[]]


def test_piped_it_is_one_tab_separated_line_per_finding_and_exit_1_for_errors(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_check(capsys, sample_archive)
    assert code == 1 and err == ""  # errors not reviewed
    lines = [ln.split("\t") for ln in out.splitlines() if ln.split("\t")[2] != "omission"]
    assert len(lines) == 6
    assert lines[3][:7] == ["20181112-2c5aa078", "review", "name", "zh", "2", "2", "黃良華"]
    assert lines[5][9] == "客人表示", "the first reading, for a script"


def test_names_to_review_pass(sample_archive: Archive,
                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_check(capsys, sample_archive, "20181125")
    assert code == 0
    assert "\tname\t" in out and "\terror\t" not in out


def test_reviewed_errors_pass_and_are_shown_again_with_all(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    for entry_id, found in sample_archive.all_findings().items():
        for f in found:
            if f.severity == "error":
                sample_archive.set_reviewed(entry_id, f.key)
    code, out, _ = run_check(capsys, sample_archive)
    assert code == 0 and "\tdamage\t" not in out
    code, out, _ = run_check(capsys, sample_archive, "--all")
    damage = [ln.split("\t") for ln in out.splitlines() if "\tdamage\t" in ln]
    assert code == 0 and len(damage) == 4 and all(d[8] == "reviewed" for d in damage)


def test_on_a_terminal_each_entry_is_listed_with_readings_and_a_summary(
        sample_archive: Archive, capsys: pytest.CaptureFixture[str],
        terminal: Callable[..., None]) -> None:
    terminal(width=160, colour=False)
    code, out, _ = run_check(capsys, sample_archive, "20181103", "20181125")
    assert code == 1
    assert "20181103-76639271  2018-11-03" in out
    assert "error  damage         zh ¶1 bead 1" in out
    assert "suggested reading: 客人表示 (then " in out
    assert "review name           zh ¶1 bead 1     陳漢成 is not in the English as pinyin" in out
    assert re.fullmatch(r"\d+ findings in 2 of 2 entries: 1 error, \d+ to review",
                        out.splitlines()[-1])


def test_the_list_of_checks(sample_archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_check(capsys, sample_archive, "--list")
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert [r[:2] for r in rows][:3] == [["number", "error"], ["date", "error"],
                                         ["damage", "error"]]
    assert ["name", "review"] in [r[:2] for r in rows]


def test_an_unknown_entry_is_one_line_and_exit_2(sample_archive: Archive,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_check(capsys, sample_archive, "nosuch")
    assert (code, out) == (2, "")
    assert err.startswith("bitext: no entry 'nosuch' in ") and err.count("\n") == 1
