"""Events as a reader cuts them: where a paragraph leads with its date, years read off headings.

Each test writes a small bulletin, imports it through the real command line and
reads the archive back, as a user would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.api import Archive
from store.exchange.schema import Invalid, check_entry
from store.model import Entry
from tui.cli import main

#: A calendar of events: year in the headings only, each day on a line of its own,
#: a weekday line under the first, a range in each language.
CALENDAR = """\
2015 年大事紀要
7 月 9 日
（星期四）
行政長官出席香港書展開幕典禮，並參觀展覽。
7 月 15 日
立法會三讀通過撥款條例草案。政府發言人表示，條例草案將於 2015 年 7 月 31 日生效。
3月22至23日
財政司司長訪問新加坡。
Chronology of Events 2015
9 July
(Thursday)
The Chief Executive opened the Hong Kong Book Fair and toured the exhibition.
15 July
The Legislative Council passed the Appropriation Bill. A spokesman said the bill will come \
into force on 31 July 2015.
22-23 March
The Financial Secretary visited Singapore.
"""


def imported(tmp_path: Path, text: str) -> list[Entry]:
    """The entries of ``text`` imported by ``bitext import``, in file order."""
    path = tmp_path / "bulletin.txt"
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "archive.json"
    assert main(["import", str(path), "--db", str(db), "-q"]) == 0
    return sorted(Archive(db).entries(), key=lambda e: e.seq)


def events(tmp_path: Path, text: str) -> list[Entry]:
    """The dated entries of ``text``. A heading above the first date is set aside as
    furniture or kept as an undated entry of its own: that is the layout's to decide."""
    return [e for e in imported(tmp_path, text) if e.days]


def lines(entry: Entry) -> tuple[list[int], list[int]]:
    return [p.line for p in entry.zh], [p.line for p in entry.en]


def days(entry: Entry) -> list[str]:
    return [d.isoformat() for d in entry.days]


def test_a_calendar_of_day_lines_is_one_entry_per_day_with_the_headings_year(
        tmp_path: Path) -> None:
    entries = events(tmp_path, CALENDAR)
    assert [days(e) for e in entries] == [["2015-07-09"], ["2015-07-15"],
                                          ["2015-03-22", "2015-03-23"]]
    assert [lines(e) for e in entries] == [([2, 3, 4], [10, 11, 12]), ([5, 6], [13, 14]),
                                           ([7, 8], [15, 16])]
    assert all(e.year_inferred for e in entries)
    # The date line and the weekday line are the entry's date, not its title.
    assert entries[0].title == {"zh": "行政長官出席香港書展開幕典禮，並參觀展覽",
                                "en": "The Chief Executive opened the Hong Kong Book Fair and "
                                      "toured the exhibition"}


@pytest.mark.parametrize("suffix", [".jsonl", ".tmx"])
def test_the_inferred_year_is_in_the_json_and_survives_a_round_trip(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    imported(tmp_path, CALENDAR)
    db = tmp_path / "archive.json"
    assert main(["list", "--json", "--db", str(db)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {e.get("year_inferred") for e in listed if e["days"]} == {True}
    out = tmp_path / f"out{suffix}"
    assert main(["export", "--db", str(db), "-o", str(out), "-q"]) == 0
    again = tmp_path / "again.json"
    assert main(["import", str(out), "--db", str(again), "-q"]) == 0
    assert [e.year_inferred for e in Archive(again).entries() if e.days] == [True] * 3


def test_entries_with_written_years_print_no_year_inferred(sample_archive: Archive) -> None:
    assert all("year_inferred" not in e.to_dict() for e in sample_archive.entries())
    assert not any(e.year_inferred for e in sample_archive.entries())


def test_an_import_refuses_a_year_inferred_that_is_not_true_or_false(
        sample_archive: Archive) -> None:
    entry = sample_archive.entries()[0].to_dict()
    check_entry({**entry, "year_inferred": True})
    with pytest.raises(Invalid, match="year_inferred"):
        check_entry({**entry, "year_inferred": "yes"})


def test_a_quoted_a_cited_and_a_narrated_date_open_no_event(tmp_path: Path) -> None:
    entries = imported(tmp_path, """\
2018年11月12日，重慶市與辛辛那提市簽署友好合作備忘錄。
——2022年10月31日，市長在論壇上的講話中回顧了這次簽約。
雙方表示，自2020年1月1日起施行的協定為合作提供了保障。
此前，兩市已有多年交往。2016年9月14日，辛辛那提代表團曾首次訪問重慶。
On November 12, 2018, Chongqing and Cincinnati signed a memorandum on friendly cooperation.
-- On 31 October 2022, the mayor recalled the signing in a speech at the forum.
Both sides said the agreement which came into force on 1 January 2020 supports cooperation.
The two cities have long ties. On Sept. 14, 2016, a Cincinnati delegation first visited \
Chongqing.
""")
    assert len(entries) == 1
    assert days(entries[0]) == ["2018-11-12"] and not entries[0].year_inferred
    assert lines(entries[0]) == ([1, 2, 3, 4], [5, 6, 7, 8])


def test_a_date_still_to_come_opens_no_event(tmp_path: Path) -> None:
    entries = imported(tmp_path, """\
2018年11月12日，重慶市與辛辛那提市簽署友好合作備忘錄。
2019年3月1日，雙方將在辛辛那提舉行首次聯席會議。
On November 12, 2018, Chongqing and Cincinnati signed a memorandum on friendly cooperation.
On 1 March 2019, the two sides will hold their first joint meeting in Cincinnati.
""")
    assert [days(e) for e in entries] == [["2018-11-12"]]


def test_a_bare_date_line_opens_its_event_and_belongs_to_it(tmp_path: Path) -> None:
    entries = events(tmp_path, """\
市政府外辦新聞
2018年11月12日
重慶市與辛辛那提市簽署友好合作備忘錄。
2018年11月20日
新西蘭周在重慶閉幕。
Foreign Affairs Office News
November 12, 2018
Chongqing and Cincinnati signed a memorandum on friendly cooperation.
November 20, 2018
New Zealand Week closed in Chongqing.
""")
    assert [days(e) for e in entries] == [["2018-11-12"], ["2018-11-20"]]
    assert [lines(e) for e in entries] == [([2, 3], [7, 8]), ([4, 5], [9, 10])]
    assert entries[1].title == {"zh": "新西蘭周在重慶閉幕",
                                "en": "New Zealand Week closed in Chongqing"}


def test_a_leading_date_on_one_side_opens_the_event_for_both(tmp_path: Path) -> None:
    """A translator moved the date into the sentence: the Chinese lead still cuts the bead."""
    entries = imported(tmp_path, """\
2018年11月12日，重慶市與辛辛那提市簽署友好合作備忘錄。
11月20日，新西蘭周在重慶閉幕，新西蘭大使出席活動。
On November 12, 2018, Chongqing and Cincinnati signed a memorandum on friendly cooperation.
New Zealand Week closed in Chongqing on 20 November, with the ambassador of New Zealand.
""")
    assert [days(e) for e in entries] == [["2018-11-12"], ["2018-11-20"]]
    assert [e.year_inferred for e in entries] == [False, True]
    assert [lines(e) for e in entries] == [([1], [3]), ([2], [4])]


def test_a_day_inside_a_visit_under_way_continues_it(tmp_path: Path) -> None:
    entries = imported(tmp_path, """\
2018年11月25日至29日，東盟代表團訪問重慶。
11月26日，代表團召開聯合理事會。
2018年12月3日，大阪友協代表團訪問重慶。
From 25 to 29 November 2018, an ASEAN delegation visited Chongqing.
On 26 November, the delegation held its joint council.
On 3 December 2018, a delegation of the Osaka friendship association visited Chongqing.
""")
    assert [days(e)[0] for e in entries] == ["2018-11-25", "2018-12-03"]
    assert [lines(e) for e in entries] == [([1, 2], [4, 5]), ([3], [6])]


def test_a_holiday_named_by_its_date_takes_the_year_it_restates(tmp_path: Path) -> None:
    """``一月一日 2014年1月1日``: the first date has no year, the second gives it, not the dateline.

    Interleaved line by line, as the Hong Kong government's gazette notices are.
    """
    entries = imported(tmp_path, """\
2013年4月19日 星期五
Friday, April 19, 2013
政府今日(二○一三年四月十九日)在憲報公布明年的公眾假期。
The Government gazetted the general holidays of next year today (April 19, 2013).
一月一日 2014年1月1日 星期三
The first day of January  1 January 2014  Wednesday
農曆年初一 2014年1月31日 星期五
Lunar New Year's Day  31 January 2014  Friday
""")
    assert [days(e) for e in entries] == [["2013-04-19"], ["2014-01-01"], ["2014-01-31"]]
    assert [e.year_inferred for e in entries] == [False, False, False]
    assert [e.title["zh"] for e in entries] == ["政府今日在憲報公布明年的公眾假期",
                                                "一月一日 2014年1月1日 星期三", "農曆年初一"]
    assert [e.title["en"] for e in entries[::2]] == [
        "The Government gazetted the general holidays of next year today", "Lunar New Year's Day"]


#: A news digest: every item has a headline above its dated lead.
DIGEST = """\
外辦要聞
重慶與辛辛那提簽署合作備忘錄
2018年11月12日，重慶市與美國辛辛那提市簽署友好合作備忘錄。
新西蘭周在渝閉幕
2018年11月20日，新西蘭周活動在重慶閉幕，雙方簽署三項協議。
東盟代表團訪渝
2018年11月25日，中國—東盟中心代表團一行46人訪問重慶。
Foreign Affairs News
Chongqing and Cincinnati sign a memorandum of cooperation
On November 12, 2018, Chongqing and Cincinnati signed a memorandum of friendly cooperation.
New Zealand Week closes in Chongqing
On November 20, 2018, New Zealand Week closed in Chongqing and the sides signed three agreements.
ASEAN delegation visits Chongqing
On November 25, 2018, a delegation of 46 from the ASEAN-China Centre visited Chongqing.
"""


def test_each_headline_of_a_digest_belongs_to_the_item_below_it(tmp_path: Path) -> None:
    """Cut at the leads alone, each item ended with the next item's headline."""
    entries = imported(tmp_path, DIGEST)
    assert [days(e) for e in entries] == [[], ["2018-11-12"], ["2018-11-20"], ["2018-11-25"]]
    assert [lines(e) for e in entries] == [([1], [8]), ([2, 3], [9, 10]), ([4, 5], [11, 12]),
                                           ([6, 7], [13, 14])]
    assert entries[2].title == {"zh": "新西蘭周在渝閉幕",
                                "en": "New Zealand Week closes in Chongqing"}


def test_a_press_release_is_one_entry_with_its_headline(tmp_path: Path) -> None:
    entries = imported(tmp_path, """\
重慶與辛辛那提簽署合作備忘錄
2018年11月12日，重慶市與美國辛辛那提市簽署友好合作備忘錄。
雙方同意在經貿、教育和文化領域加強交流。
Chongqing and Cincinnati sign a memorandum of cooperation
On November 12, 2018, Chongqing and Cincinnati signed a memorandum of friendly cooperation.
The two sides agreed to strengthen exchanges in trade, education and culture.
""")
    assert [(days(e), lines(e)) for e in entries] == [(["2018-11-12"], ([1, 2, 3], [4, 5, 6]))]
    assert entries[0].title["en"] == "Chongqing and Cincinnati sign a memorandum of cooperation"


def test_a_year_heading_opens_its_part_and_never_ends_the_event_above(tmp_path: Path) -> None:
    """``2017 年大事紀要`` was the last bead of the 2015 event above it."""
    entries = imported(tmp_path, """\
2015 年大事紀要
7 月 9 日
市長會見美國代表團。
2016 年大事紀要
2 月 29 日
代表團訪問重慶大學。
2015 Chronicle of Events
9 July
The Mayor met a US delegation.
2016 Chronicle of Events
29 February
The delegation visited Chongqing University.
""")
    assert [(days(e), lines(e)) for e in entries] == [
        (["2015-07-09"], ([2, 3], [8, 9])), (["2016-02-29"], ([5, 6], [11, 12]))]
    # Each heading is the title of its part, not an undated entry: kept on the source.
    (source,) = Archive(tmp_path / "archive.json").sources()
    assert sorted((f.lang, f.line, f.text, f.why) for f in source.furniture) == [
        ("en", 7, "2015 Chronicle of Events", "part heading"),
        ("en", 10, "2016 Chronicle of Events", "part heading"),
        ("zh", 1, "2015 年大事紀要", "part heading"), ("zh", 4, "2016 年大事紀要", "part heading")]


def test_a_year_heading_over_no_dated_event_stays_an_entry(tmp_path: Path) -> None:
    """Nothing to head: the heading is the file's only content with its paragraph."""
    entries = imported(tmp_path, "2016 年大事紀要\n代表團訪問重慶大學。\n"
                                 "2016 Chronicle of Events\n"
                                 "The delegation visited Chongqing University.\n")
    assert [(days(e), lines(e)) for e in entries] == [([], ([1, 2], [3, 4]))]


def test_a_date_line_atop_a_block_is_never_joined_to_the_text_below(tmp_path: Path) -> None:
    """Blank lines between blocks and a date line atop each: the date is no wrapped half
    line, and a wrapped paragraph below it is still joined."""
    entries = events(tmp_path, """\
2015 年大事紀要

7 月 9 日
行政長官出席典禮，
並參觀展覽。

7 月 15 日
行政長官訪問北京。

Chronology of Events 2015

9 July
The Chief Executive attended a ceremony
and toured the exhibition.

15 July
The Chief Executive visited Beijing.
""")
    assert [(days(e), [p.text for p in (*e.zh, *e.en)]) for e in entries] == [
        (["2015-07-09"], ["7 月 9 日", "行政長官出席典禮，並參觀展覽。", "9 July",
                          "The Chief Executive attended a ceremony and toured the exhibition."]),
        (["2015-07-15"], ["7 月 15 日", "行政長官訪問北京。", "15 July",
                          "The Chief Executive visited Beijing."])]


def test_a_day_no_year_of_the_file_has_is_undated_and_said(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """29 February under a 2015 heading: filed as undated, and `bitext check` says why."""
    entries = imported(tmp_path, """\
2015 年大事紀要
2 月 28 日
行政長官出席典禮。
2 月 29 日
行政長官訪問北京。
Chronology of Events 2015
28 February
The Chief Executive attended a ceremony.
29 February
The Chief Executive visited Beijing.
""")
    assert [days(e) for e in entries] == [["2015-02-28"], []]
    capsys.readouterr()
    assert main(["check", "--db", str(tmp_path / "archive.json")]) == 0, "a warning passes"
    (line,) = capsys.readouterr().out.splitlines()
    assert line.split("\t")[:7] == [entries[1].id, "warning", "undated", "zh", "1", "1",
                                    "2 月 29 日"]


def test_a_date_line_inside_a_wrapped_sentence_stays_in_it(tmp_path: Path) -> None:
    """Hard-wrapped text whose wrap fell around a date: one paragraph, as before."""
    entries = imported(tmp_path, """\
2018年7月9日，雙方會談於
7月10日
繼續進行，雙方簽署了合作備忘錄。

另一段落說明了會談的背景，
並介紹了雙方的合作。

On 9 July 2018, the talks continued on
10 July
and the two sides signed a memorandum of cooperation.

Another paragraph gave the background of the talks
and introduced the cooperation of the two sides.
""")
    assert [[p.text for p in (*e.zh, *e.en)] for e in entries] == [[
        "2018年7月9日，雙方會談於7月10日繼續進行，雙方簽署了合作備忘錄。",
        "另一段落說明了會談的背景，並介紹了雙方的合作。",
        "On 9 July 2018, the talks continued on 10 July and the two sides signed a "
        "memorandum of cooperation.",
        "Another paragraph gave the background of the talks and introduced the cooperation "
        "of the two sides."]]
