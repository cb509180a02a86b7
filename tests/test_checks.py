"""The checks between the two languages: the sample's full report, and what they catch.

Variants are the sample's own lines with one thing changed, imported and
checked through ``bitext check --json`` as a user would run it.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from store.api import Archive
from store.checks import run_checks
from store.checks.mentions import facts
from store.checks.mentions import unanswered as unanswered_fact
from store.ingest import parse_bulletin
from tui.cli import main

#: The sample's report, checked by hand: four damaged spans, and two people
#: whose names the English gives in a romanisation other than pinyin. The
#: numbers and dates of all 24 beads agree; foreign names written in Chinese
#: characters (艾佩詩 for Cecille El Beleidi) and a Western given name before a
#: Cantonese surname (關家明 as "Nicolas Kwan") are not flagged.
SAMPLE_REPORT = [
    ("20181125-6850131f", "name", "review", "zh", 0, 0, "陳漢成"),
    ("20181119-308475df", "damage", "error", "zh", 0, 0, "??松健?"),
    ("20181119-308475df", "damage", "error", "zh", 4, 4, "??松骄头e"),
    ("20181112-2c5aa078", "name", "review", "zh", 1, 1, "黃良華"),
    ("20181108-73f05ce4", "damage", "error", "zh", 0, 0, "?shù)?"),
    ("20181103-76639271", "damage", "error", "zh", 0, 0, "??腿吮硎?"),
]


def check_json(db: Path, capsys: pytest.CaptureFixture[str], *ids: str) -> list[dict[str, Any]]:
    main(["check", "--db", str(db), "--json", *ids])
    return json.loads(capsys.readouterr().out)


def flat(report: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(e["id"], f["check"], f["severity"], f["lang"], f["para"], f["bead"], f["subject"])
            for e in report for f in e["findings"]]


def import_lines(db: Path, lines: list[str]) -> None:
    variant = db.parent / "variant.txt"
    variant.write_text("\n".join(lines), encoding="utf-8")
    assert main(["import", str(variant), "--db", str(db), "-q"]) == 0


def test_the_sample_report_is_pinned(sample_archive: Archive,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    report = check_json(sample_archive.path, capsys)
    assert flat(report) == SAMPLE_REPORT
    by_subject = {f["subject"]: f for e in report for f in e["findings"]}
    assert "'Wong'" in by_subject["黃良華"]["message"]
    assert by_subject["??腿吮硎?"]["readings"][0] == "客人表示"
    assert by_subject["??松骄头e"]["readings"][0] == "克山就積"
    assert by_subject["?shù)?"]["readings"] == []  # a broken annotation, not a byte slip


def test_the_terminal_report_and_exit_status(sample_archive: Archive,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", str(sample_archive.path)]) == 1  # errors not reviewed
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6  # piped: one tab-separated line per finding
    fields = lines[3].split("\t")
    assert fields[:7] == ["20181112-2c5aa078", "review", "name", "zh", "2", "2", "黃良華"]


def test_findings_are_stored_at_import(sample_archive: Archive) -> None:
    stored = dict(sample_archive._file.all_findings())
    assert all(v is not None for v in stored.values())
    assert sum(len(v[1]) for v in stored.values()) == len(SAMPLE_REPORT)


def test_no_number_or_date_finding_on_any_of_the_24_beads(sample_bytes: bytes) -> None:
    entries = parse_bulletin(sample_bytes, "s.txt", imported="t").entries
    assert sum(len(e.beads) for e in entries) == 24
    found = [f for e in entries for f in run_checks(e) if f.check in ("number", "date")]
    assert found == []


def test_a_changed_number_is_found_in_both_languages(
        db_path: Path, sample_lines: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    lines = list(sample_lines)
    lines[34] = lines[34].replace("46 members", "45 members")
    import_lines(db_path, lines)
    found = [x[1:] for x in flat(check_json(db_path, capsys, "20181125")) if x[1] == "number"]
    assert found == [("number", "error", "zh", 0, 0, "46"), ("number", "error", "en", 0, 0, "45")]


def test_a_changed_and_a_dropped_date(db_path: Path, sample_lines: list[str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    lines = list(sample_lines)
    lines[35] = lines[35].replace("On November 26", "On November 28")
    lines[39] = lines[39].replace("In March 2017,", "")
    import_lines(db_path, lines)
    found = {x[3:] for x in flat(check_json(db_path, capsys)) if x[1] == "date"}
    assert found == {("zh", 1, 1, "--11-26"), ("en", 1, 1, "--11-28"), ("zh", 0, 0, "2017-03")}


@pytest.mark.parametrize(("zh", "en"), [
    ("一行十五人", "15 members"),
    ("30余家企業", "over 30 enterprises"),
    ("11月26日", "On November 26"),
    ("2017年3月", "In March 2017"),
    ("27日", "On November 27"),
    ("第一個", "the first"),
    ("投資350萬元", "3.5 million yuan"),
    ("投資3,500萬元", "35 million yuan"),
    ("２０１９年", "in 2019"),
    ("兩國", "both countries"),  # numbers in words: never reported missing
    ("東盟十國", "the ten ASEAN countries"),
    ("2018年11月25日—29日", "From November 25 to 29, 2018"),
])
def test_numbers_and_dates_that_agree(zh: str, en: str) -> None:
    assert unanswered(zh, en) == ([], [])


@pytest.mark.parametrize(("zh", "en", "missing"), [
    ("一行46人", "45 members", (["46"], ["45"])),
    ("11月26日", "On November 27", (["--11-26"], ["--11-27"])),
    ("2018年11月25日—29日", "From November 25 to 28, 2018", (["2018-11-29"], [])),
    ("11月19日、21日", "On November 19 and 20", (["--11-21"], ["--11-20"])),
    ("東盟十國", "nine ASEAN countries", (["10"], [])),
    ("1876年", "Founded in 1867", (["1876"], ["1867"])),
])
def test_numbers_and_dates_that_differ(zh: str, en: str,
                                       missing: tuple[list[str], list[str]]) -> None:
    assert unanswered(zh, en) == missing


def unanswered(zh: str, en: str) -> tuple[list[str], list[str]]:
    """Subjects of the strong facts each side states and the other does not (one per mention)."""
    z, e = facts(zh, "zh"), facts(en, "en")
    out = []
    for mine, theirs in ((z, e), (e, z)):
        missing: dict[tuple[int, int], str] = {}
        for f in mine:
            if unanswered_fact(f, theirs):
                missing.setdefault(f.span, f.subject)
        out.append(list(missing.values()))
    return out[0], out[1]


def test_a_paragraph_without_counterpart(db_path: Path, sample_lines: list[str],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    lines = [ln for k, ln in enumerate(sample_lines) if k != 10]  # Chinese line 11
    import_lines(db_path, lines)
    found = [x[1:] for x in flat(check_json(db_path, capsys, "20181125"))
             if x[1] in ("unpaired", "paragraph-count")]
    assert found == [("paragraph-count", "warning", None, None, None, "2/3"),
                     ("unpaired", "warning", "en", 1, 1, "paragraph")]


def test_untranslated_text_in_the_english(db_path: Path, sample_lines: list[str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    lines = list(sample_lines)
    lines[45] = lines[45] + " 丨"  # WMT22 found this character in English references
    import_lines(db_path, lines)
    found = [x[1:] for x in flat(check_json(db_path, capsys)) if x[1] == "untranslated"]
    assert found == [("untranslated", "warning", "en", 0, 0, "丨")]


def test_a_paragraph_left_as_it_was(sample_bytes: bytes) -> None:
    entry = parse_bulletin(sample_bytes, "s.txt", imported="t").entries[6]
    copied = dataclasses.replace(entry, en=(entry.zh[0],))  # the "translation" is the Chinese
    found = {(f.check, f.lang, f.para) for f in run_checks(copied)}
    assert ("identical", "en", 0) in found and ("untranslated", "en", 0) in found
    assert not any(f.check == "identical" for f in run_checks(entry))


def test_names_in_both_directions(db_path: Path, sample_lines: list[str],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    lines = list(sample_lines)
    lines[26] = lines[26].replace("Lee Wong", "Huang Lianghua")  # now spelled in pinyin
    lines[48] = lines[48].replace("Cuntan", "Cuntang")  # 寸灘 is cun tan
    import_lines(db_path, lines)
    names = {(x[0][:8], x[3], x[6]) for x in flat(check_json(db_path, capsys)) if x[1] == "name"}
    assert ("20181112", "zh", "黃良華") not in names
    assert ("20181120", "en", "Cuntang Bonded Port") in names
    assert ("20181125", "zh", "陳漢成") in names
