"""An entry that leads with a date and still has none (store/checks/undated.py).

Bulletins imported into a real archive in a tmp folder: a day no year of the
file fits (29 February under a heading of 2015), a file with no year at all,
and entries that must not be reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from checked import archive_of, findings, found


def test_a_day_no_year_of_the_file_fits_is_said(tmp_path: Path) -> None:
    archive = archive_of(tmp_path, ["2015年大事紀要", "2月29日，代表團訪問了香港。"],
                         ["2015 Chronicle", "On February 29, the delegation visited Hong Kong."])
    undated = [(e, f) for e in archive.entries() for f in archive.findings(e.id)
               if f.check == "undated"]
    [(entry, finding)] = undated
    assert entry.days == () and entry.id.startswith("undated-")
    assert found([finding]) == [("undated", "warning", "zh", 0, "2月29日")]
    assert finding.span == (0, 5)
    assert finding.message == ("the entry leads with '2月29日' but is undated: no year the "
                               "file gives fits this day, or it gives none")


def test_a_file_that_names_no_year_is_said_too(tmp_path: Path) -> None:
    assert findings(tmp_path, ["11月26日，代表團參觀了博物館。"],
                    ["On November 26, the delegation visited a museum."], "undated") == [
        ("undated", "warning", "zh", 0, "11月26日")]


def test_only_the_english_leading_with_the_date_is_enough(tmp_path: Path) -> None:
    assert findings(tmp_path, ["代表團訪問了香港。"],
                    ["On February 29, the delegation visited Hong Kong."], "undated") == [
        ("undated", "warning", "en", 0, "February 29")]


@pytest.mark.parametrize(("zh", "en"), [
    (["代表團訪問了香港。"], ["The delegation visited Hong Kong."]),  # no date: nothing to say
    (["2015年大事紀要", "2月28日，代表團訪問了香港。"],  # the year fits: dated
     ["2015 Chronicle", "On February 28, the delegation visited Hong Kong."]),
])
def test_no_finding_when_there_is_no_date_or_the_entry_has_its_days(
        tmp_path: Path, zh: list[str], en: list[str]) -> None:
    archive = archive_of(tmp_path, zh, en)
    assert [f for e in archive.entries() for f in archive.findings(e.id)
            if f.check == "undated"] == []
