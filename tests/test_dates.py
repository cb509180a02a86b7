"""Date mentions in both languages: full dates start events, ranges expand, lists do not."""

from __future__ import annotations

import pytest

from store.lang.dates import find_dates


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
    ("11月26日，代表團", [("11月26日", False, ["????-11-26"])]),
    ("2017年3月，重慶市與明斯克州", []),
    ("2018年2月30日", []),
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
])
def test_english(text: str, want: list[tuple[str, bool, list[str]]]) -> None:
    assert days(text, "en") == want
