"""Numbers and dates said in one language of a bead and not the other (store/checks/numbers.py).

Bulletins are imported into a real archive in a tmp folder and the findings the
archive stored are compared with what a reader sees by hand. How each number is
read (ranges, words, codes) is in test_check_mentions.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from checked import archive_of, findings, found

from store.checks import run_checks
from store.model import Entry

DAY_ZH, DAY_EN = "2018年11月12日，", "On November 12, 2018, "


def test_the_sample_s_24_beads_have_no_number_or_date_finding(
        sample_entries: tuple[Entry, ...]) -> None:
    assert sum(len(e.beads) for e in sample_entries) == 24
    assert [f for e in sample_entries for f in run_checks(e)
            if f.check in ("number", "date")] == []


def test_a_changed_number_is_found_on_both_sides(tmp_path: Path) -> None:
    zh = [DAY_ZH + "重慶市代表團一行46人訪問美國。"]
    en = [DAY_EN + "a delegation of 45 from Chongqing visited the US."]
    archive = archive_of(tmp_path, zh, en)
    [entry] = archive.entries()
    number = [f for f in archive.findings(entry.id) if f.check == "number"]
    assert [(f.severity, f.lang, f.para, f.subject) for f in number] == [
        ("error", "zh", 0, "46"), ("error", "en", 0, "45")]
    assert number[0].message == "number '46' (46) is not in the English"
    assert number[1].message == "number '45' (45) is not in the Chinese"
    assert entry.zh[0].text[slice(*number[0].span)] == "46"  # type: ignore[misc]
    assert entry.en[0].text[slice(*number[1].span)] == "45"  # type: ignore[misc]


def test_a_changed_day_and_a_dropped_month_are_date_findings(tmp_path: Path) -> None:
    zh = [DAY_ZH + "代表團抵達重慶。", "代表團於11月26日參觀了博物館。2017年3月，雙方簽署協議。"]
    en = [DAY_EN + "the delegation arrived in Chongqing.",
          "The delegation visited a museum on November 28. The two sides signed an agreement."]
    assert findings(tmp_path, zh, en, "date") == [
        ("date", "error", "zh", 1, "--11-26"), ("date", "error", "zh", 1, "2017-03"),
        ("date", "error", "en", 1, "--11-28")]


def test_a_range_missing_its_last_day_is_one_finding(tmp_path: Path) -> None:
    zh = ["2018年11月25日—29日，代表團訪問重慶。"]
    en = ["From November 25 to 28, 2018, the delegation visited Chongqing."]
    archive = archive_of(tmp_path, zh, en)
    [entry] = archive.entries()
    [finding] = archive.findings(entry.id)
    assert (finding.check, finding.subject) == ("date", "2018-11-29")
    assert finding.message == "date '2018年11月25日—29日' (2018-11-29) is not in the English"


def test_codes_that_differ_are_found_and_a_code_spelled_out_is_not(tmp_path: Path) -> None:
    zh = [DAY_ZH + "七國集團會議舉行。", "代表團參觀了G7峰會會場。"]
    en = [DAY_EN + "the G7 meeting was held.", "The delegation visited the G8 summit venue."]
    archive = archive_of(tmp_path, zh, en)
    [entry] = archive.entries()
    number = [f for f in archive.findings(entry.id) if f.check == "number"]
    assert found(number) == [("number", "error", "zh", 1, "G7"), ("number", "error", "en", 1, "G8")]
    assert number[0].message == "code 'G7' (G7) is not in the English"


def test_numbers_are_compared_bead_by_bead(tmp_path: Path) -> None:
    """A number moved into the next paragraph of the translation is found: the beads say so."""
    zh = [DAY_ZH + "代表團一行15人抵達。", "代表團參觀了博物館。"]
    en = [DAY_EN + "the delegation arrived.", "The 15 members visited a museum."]
    assert findings(tmp_path, zh, en, "number") == [("number", "error", "zh", 0, "15"),
                                                    ("number", "error", "en", 1, "15")]


def test_a_paragraph_without_counterpart_has_no_number_finding(
        tmp_path: Path, sample_lines: list[str]) -> None:
    """It is reported once, as unpaired (test_check_coverage.py), not for each number."""
    lines = [ln for k, ln in enumerate(sample_lines) if k != 10]  # the Chinese of a bead
    archive = archive_of(tmp_path, lines, [])
    entry = archive.entry("20181125")
    assert any(len(z) == 0 for z, _ in entry.beads)
    assert found(archive.findings(entry.id), "number", "date") == []


def test_agreeing_numbers_times_and_amounts_find_nothing(tmp_path: Path) -> None:
    zh = [DAY_ZH + "代表團15時37分抵達，投資350萬元，東盟十國參加。"]
    en = [DAY_EN + "the delegation arrived at 3:37 pm, investing 3.5 million yuan, "
                   "with the ten ASEAN countries."]
    archive = archive_of(tmp_path, zh, en)
    [entry] = archive.entries()
    assert found(archive.findings(entry.id)) == []


def test_an_amount_in_yi_with_a_decimal_agrees_with_millions(tmp_path: Path) -> None:
    """1.1 × 10^8 is 110000000.00000001 in floating point: amounts are compared exactly."""
    assert findings(tmp_path, [DAY_ZH + "雙方簽約，投資1.1億元。"],
                    [DAY_EN + "the two sides signed contracts worth 110 million yuan."],
                    "number") == []


def test_an_amount_in_yi_that_differs_from_the_millions_is_found(tmp_path: Path) -> None:
    assert findings(tmp_path, [DAY_ZH + "雙方簽約，投資1.1億元。"],
                    [DAY_EN + "the two sides signed contracts worth 120 million yuan."],
                    "number") == [("number", "error", "zh", 0, "110000000"),
                                  ("number", "error", "en", 0, "120000000")]


def test_a_paragraph_opening_with_a_decimal_amount_is_read_whole(tmp_path: Path) -> None:
    """4.35億 is no list item "4." followed by 35億."""
    assert findings(tmp_path, [DAY_ZH + "雙方簽約。", "4.35億人次參加了活動。"],
                    [DAY_EN + "the two sides signed contracts.", "435 million people took part."],
                    "number") == []


def test_a_paragraph_opening_with_a_decimal_amount_that_differs_is_found(
        tmp_path: Path) -> None:
    assert findings(tmp_path, [DAY_ZH + "雙方簽約。", "4.35億人次參加了活動。"],
                    [DAY_EN + "the two sides signed contracts.", "453 million people took part."],
                    "number") == [("number", "error", "zh", 1, "435000000"),
                                  ("number", "error", "en", 1, "453000000")]


@pytest.mark.parametrize(("days", "found_"), [
    ("25-29 November", []),
    ("25-28 November", [("date", "error", "zh", 1, "day 29")]),
    ("25-30 November", [("date", "error", "en", 1, "--11-30")]),
])
def test_a_range_of_days_without_its_month_is_every_day_of_it(
        tmp_path: Path, days: str, found_: list[tuple[str, str, str, int, str]]) -> None:
    """25日至29日 names 26 to 28 too, as "25-29 November" does."""
    zh = [DAY_ZH + "代表團抵達重慶。", "代表團25日至29日訪問了區縣。"]
    en = [DAY_EN + "the delegation arrived in Chongqing.",
          f"The delegation visited districts on {days}."]
    assert findings(tmp_path, zh, en, "date") == found_
