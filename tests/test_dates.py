"""Date mentions in both languages: the forms readers write, where they lead, and their years."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from store.api import Archive
from store.lang.dates import (
    find_dates,
    heading_year,
    is_date_line,
    lead_sentence_date,
    leading_date,
    year_context,
)
from tui.cli import main


def days(text: str, lang: str) -> list[tuple[str, bool, list[str]]]:
    return [(text[m.start:m.end], m.full,
             [f"{y or '????'}-{mo:02d}-{d:02d}" for y, mo, d in m.days])
            for m in find_dates(text, lang)]


@pytest.mark.parametrize(("text", "want"), [
    ("2018年11月12日，重慶", [("2018年11月12日", True, ["2018-11-12"])]),
    ("2018年11月19日、21日，市", [("2018年11月19日、21日", True, ["2018-11-19", "2018-11-21"])]),
    ("2018年11月8日—9日，白", [("2018年11月8日—9日", True, ["2018-11-08", "2018-11-09"])]),
    ("一行19人于2018年11月20日—22日來渝", [("2018年11月20日—22日", True,
                                           ["2018-11-20", "2018-11-21", "2018-11-22"])]),
    ("2018年12月30日至2019年1月2日", [("2018年12月30日至2019年1月2日", True,
                                      ["2018-12-30", "2018-12-31", "2019-01-01", "2019-01-02"])]),
    ("二〇一八年十一月十二日", [("二〇一八年十一月十二日", True, ["2018-11-12"])]),
    ("今日(二○一三年四月十九日)在", [("二○一三年四月十九日", True, ["2013-04-19"])]),
    ("11月26日，代表團", [("11月26日", False, ["????-11-26"])]),
    ("2017年3月，重慶市與明斯克州", []),
    ("2018年2月30日", []),
    ("7 月 9 日", [("7 月 9 日", False, ["????-07-09"])]),
    ("2015 年 7 月 9 日", [("2015 年 7 月 9 日", True, ["2015-07-09"])]),
    ("3月22至23日", [("3月22至23日", False, ["????-03-22", "????-03-23"])]),
    ("12月30日至1月2日", [("12月30日至1月2日", False, ["????-12-30", "????-12-31",
                                                      "????-01-01", "????-01-02"])]),
    ("第2號", []),
    ("2018年11月27日，7號風球", [("2018年11月27日", True, ["2018-11-27"])]),
    ("2018年11月19日，21日，代表團", [("2018年11月19日，21日", True,
                                   ["2018-11-19", "2018-11-21"])]),
    ("上午9時30分", []),
])
def test_chinese(text: str, want: list[tuple[str, bool, list[str]]]) -> None:
    assert days(text, "zh") == want


@pytest.mark.parametrize(("text", "want"), [
    ("On November 12, 2018, Chongqing", [("November 12, 2018", True, ["2018-11-12"])]),
    ("On November 19 and 21,2018,Li", [("November 19 and 21,2018", True,
                                        ["2018-11-19", "2018-11-21"])]),
    ("From November 25 to 29, 2018, a", [("November 25 to 29, 2018", True,
                                          ["2018-11-25", "2018-11-26", "2018-11-27",
                                           "2018-11-28", "2018-11-29"])]),
    ("from November 30 to December 2, 2018", [("November 30 to December 2, 2018", True,
                                               ["2018-11-30", "2018-12-01", "2018-12-02"])]),
    ("on 12 November 2018 the", [("12 November 2018", True, ["2018-11-12"])]),
    ("Nov. 3, 2018", [("Nov. 3, 2018", True, ["2018-11-03"])]),
    ("2018-11-12", [("2018-11-12", True, ["2018-11-12"])]),
    ("On November 26, the delegation", [("November 26", False, ["????-11-26"])]),
    ("In March 2017, Chongqing", []),
    ("Founded in 1876, Johns Hopkins", []),
    ("we may 5 times", []),
    ("9 July", [("9 July", False, ["????-07-09"])]),
    ("On 24 Jul the", [("24 Jul", False, ["????-07-24"])]),
    ("On 21 March 2015, the", [("21 March 2015", True, ["2015-03-21"])]),
    ("22-23 March", [("22-23 March", False, ["????-03-22", "????-03-23"])]),
    ("22 to 23 March 2016", [("22 to 23 March 2016", True, ["2016-03-22", "2016-03-23"])]),
    ("30 June to 2 July 2015", [("30 June to 2 July 2015", True,
                                 ["2015-06-30", "2015-07-01", "2015-07-02"])]),
    ("1, 2 and 3 March", [("1, 2 and 3 March", False,
                           ["????-03-01", "????-03-02", "????-03-03"])]),
    ("1-2-3 March", [("1-2-3 March", False, ["????-03-01", "????-03-02", "????-03-03"])]),
    ("Chapter 3, 9 July 2015", [("9 July 2015", True, ["2015-07-09"])]),
    ("30 December to 2 January", [("30 December to 2 January", False,
                                   ["????-12-30", "????-12-31", "????-01-01", "????-01-02"])]),
    ("On Sept. 14, 2020, a", [("Sept. 14, 2020", True, ["2020-09-14"])]),
    ("On 3 Dec. the", [("3 Dec.", False, ["????-12-03"])]),
    ("July 9th", [("July 9th", False, ["????-07-09"])]),
    ("the Long March 5B rocket", []),
    ("a Long March 5 rocket", []),
    ("the Long March began", []),
    ("Marchers met at 10:30 July", []),
    ("May they meet again", []),
])
def test_english(text: str, want: list[tuple[str, bool, list[str]]]) -> None:
    assert days(text, "en") == want


@pytest.mark.parametrize(("text", "lang", "lead"), [
    ("2018年11月3日，以大阪", "zh", "2018年11月3日"),
    ("【2018年11月3日】大阪友協", "zh", "2018年11月3日"),
    ("7 月 9 日", "zh", "7 月 9 日"),
    ("7 月 9 日（星期四）", "zh", "7 月 9 日"),
    ("于11月26日，代表團", "zh", "11月26日"),
    ("On 9 July, the minister", "en", "9 July"),
    ("BEIJING, July 9 (Xinhua) -- The", "en", "July 9"),
    ("Wednesday, 9 July 2015", "en", "9 July 2015"),
    ("——2022年10月31日，在講話中", "zh", None),
    ("2020年1月1日起，新規施行", "zh", None),
    ("2023年7月9日，代表團將訪問", "zh", None),
    ("On 20 October the council will meet", "en", None),
    ("The bill came into force on 1 January 2020.", "en", None),
    ("市長於會上說，2018年11月3日", "zh", None),
])
def test_a_date_leads_its_paragraph_only_at_its_start(text: str, lang: str,
                                                     lead: str | None) -> None:
    m = leading_date(text, lang)
    assert (text[m.start:m.end] if m else None) == lead


@pytest.mark.parametrize(("text", "lang", "said"), [
    ("應邀請，代表團一行19人于2018年11月20日—22日來渝進行訪問。其後", "zh", "2018年11月20日—22日"),
    ("A delegation visited Chongqing from November 20 to 22,2018. It", "en",
     "November 20 to 22,2018"),
    ("雙方表示，自2020年1月1日起施行的協定為合作提供了保障。", "zh", None),
    ("根據2018年11月3日的協議，雙方合作。", "zh", None),
    ("The agreement which came into force on 1 January 2020 helps.", "en", None),
    ("The law (adopted 1 January 2020) helps.", "en", None),
    ("They have long ties. On Sept. 14, 2016, a delegation came.", "en", None),
    ("A delegation is expected to visit Chongqing on 9 July 2015.", "en", None),
    ("代表團計劃於2023年7月9日訪問重慶。", "zh", None),
])
def test_a_news_lead_reports_its_date_in_its_first_sentence(text: str, lang: str,
                                                            said: str | None) -> None:
    m = lead_sentence_date(text, lang)
    assert (text[m.start:m.end] if m else None) == said


@pytest.mark.parametrize(("text", "lang", "want"), [
    ("7 月 9 日", "zh", True), ("2018年11月12日（星期一）", "zh", True), ("（星期三）", "zh", True),
    ("9 July", "en", True), ("(Wednesday)", "en", True), ("November 12, 2018", "en", True),
    ("7 月 9 日，行政長官出席", "zh", False), ("9 July: the Chief Executive", "en", False),
])
def test_a_date_line_holds_only_dates_and_weekdays(text: str, lang: str, want: bool) -> None:
    assert is_date_line(text, lang) is want


@pytest.mark.parametrize(("text", "lang", "year"), [
    ("2015 年大事紀要", "zh", 2015), ("二〇一五年大事记", "zh", 2015),
    ("二○一五年大事記", "zh", 2015),
    ("Chronology of Events 2015", "en", 2015),
    ("2015年7月9日", "zh", None),  # a dateline, not a heading
    ("1876年成立的大學在2018年訪問了重慶。", "zh", None),
    ("Founded in 1876, the university visited Chongqing in 2018 with students.", "en", None),
])
def test_a_heading_names_its_year(text: str, lang: str, year: int | None) -> None:
    assert heading_year(text, lang) == year


def test_a_yearless_date_takes_the_nearest_heading_or_dateline_above_else_any_date() -> None:
    lines = [("7 月 9 日", "zh"),                      # nothing above: the file's next date
             ("2016 年大事紀要", "zh"), ("3 月 1 日", "zh"),
             ("2017年1月5日，代表團來訪。", "zh"), ("1 月 9 日", "zh"),
             ("Chronology of Events 2015", "en"), ("9 July", "en"),
             ("雙方回顧了2010年5月1日的協議。", "zh")]
    assert year_context(lines) == [2017, 2016, 2016, 2017, 2017, 2015, 2015, 2017]


def test_a_yearless_range_over_the_new_year_runs_into_the_next_year() -> None:
    (m,) = find_dates("12月30日至1月2日", "zh")
    assert [d.isoformat() for d in m.with_year(2018).dates()] == [
        "2018-12-30", "2018-12-31", "2019-01-01", "2019-01-02"]
    assert m.with_year(2018).inferred and not m.with_year(None).inferred


@pytest.mark.parametrize(("text", "lang"), [
    ("2015年12月30日至1月2日，新年文化交流活動在市內舉行。", "zh"),
    ("December 30 - January 2, 2016: New Year cultural events were held.", "en"),
    ("30 December - 2 January 2016: New Year cultural events were held.", "en"),
])
def test_a_range_over_the_new_year_runs_into_the_next_year(text: str, lang: str) -> None:
    """The stated year went to both ends: 2015-01-02 to 2015-12-30, or 2016-12-30 on."""
    [mention] = find_dates(text, lang)
    assert mention.days == ((2015, 12, 30), (2015, 12, 31), (2016, 1, 1), (2016, 1, 2))


def test_a_bulletin_of_a_new_year_range_is_filed_on_its_first_day_with_no_finding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bulletin = tmp_path / "ny.txt"
    bulletin.write_text("2015年12月30日至1月2日，新年文化交流活動在市內舉行。\n\n"
                        "December 30 - January 2, 2016: New Year cultural exchange events "
                        "were held in the city.\n", encoding="utf-8")
    db = tmp_path / "archive.json"
    assert main(["import", str(bulletin), "--db", str(db), "-q"]) == 0
    [entry] = Archive(db).entries()
    assert entry.id.startswith("20151230-") and entry.end == date(2016, 1, 2)
    assert main(["check", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
