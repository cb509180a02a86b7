"""Numbers and dates as facts both languages can state (store/checks/mentions.py).

Pairs of phrases from bulletins (most from the sample), read by ``facts`` and
compared by ``unanswered`` as the number check compares a bead's two sides; the
expected subjects are worked out by hand.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from store.checks.mentions import Fact, facts, unanswered


def missing(zh: str, en: str) -> tuple[list[str], list[str]]:
    """Subjects of the strong facts each side states and the other does not (one per mention)."""
    z, e = facts(zh, "zh"), facts(en, "en")
    out = []
    for mine, theirs in ((z, e), (e, z)):
        said: dict[tuple[int, int], str] = {}
        for f in mine:
            if unanswered(f, theirs):
                said.setdefault(f.span, f.subject)
        out.append(list(said.values()))
    return out[0], out[1]


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
    ("民國88年", "in 1999"),
    ("20世紀30年代", "in the 1930s"),
    ("15時37分", "at 3:37 pm"),
    ("3萬億元", "3 trillion yuan"),
    ("百分之八十", "80 percent"),
    ("七國集團", "the G7"),  # a code spelled out: the other side writes no code
    ("ISO13485", "ISO 13485"),
    ("五百米", "Five-hundred-metre"),
    ("25日至29日", "on 25-29 November"),  # a range without its month: every day of it
    ("25至29日", "from November 25 to 29"),
    ("需時3至5日", "it takes 3 to 5 days"),  # or days to count: the 4 between is weak
    ("第十一屆和第十二屆", "the eleventh and twelfth"),
    # Time articles and their Chinese, and The Governance of China (bench/checks_eval.py):
    ("賺了2，900萬……", "to do $29 million"),  # a full-width comma, …… beside it
    ("多出3百萬美元", "$3 million more"),
    ("13亿多人", "China's 1.3-billion-plus people"),
    ("0.5毫克", "doses of .5mg"),
    ("蓝牙在10米之内", "its 10m range"),
    ("賣了1000萬美元", "it sold $10m"),
    ("《1995年教條宣言》", "the Dogme '95 manifesto"),
    ("1997至1998環球帆船賽", "the 1997-98 Whitbread race"),
    ("3Com公司", "part of 3Com"),
    ("RocketEB-500", "the Rocket EB-500"),  # the Chinese lost the space
    ("CP-16毫米攝影機", "an old CP-16-mm film camera"),
    ("沒過一兩天", "within a day or two"),
    ("我四五歲就學會了", "when I was four or five"),
    ("他們才十多歲", "they are teenagers"),
    ("為千百萬患者", "for many millions of sufferers"),
    ("過去的20年里", "in the past two decades"),
    ("成立100年時", "by the centenary of the CPC"),
    ("“兩個一百年”", "the Two Centenary Goals"),
    ("遊客達1576萬人次", "almost 16 million tourists"),
    ("50萬人", "half a million people"),
    ("10多億美元", "a billion-dollar industry"),
])
def test_numbers_and_dates_that_agree(zh: str, en: str) -> None:
    assert missing(zh, en) == ([], [])


@pytest.mark.parametrize(("zh", "en", "expected"), [
    ("一行46人", "45 members", (["46"], ["45"])),
    ("11月26日", "On November 27", (["--11-26"], ["--11-27"])),
    ("2018年11月25日—29日", "From November 25 to 28, 2018", (["2018-11-29"], [])),
    ("11月19日、21日", "On November 19 and 20", (["--11-21"], ["--11-20"])),
    ("東盟十國", "nine ASEAN countries", (["10"], [])),
    ("1876年", "Founded in 1867", (["1876"], ["1867"])),
    ("G7峰會", "the G8 summit", (["G7"], ["G8"])),
    ("15時37分", "at 3:47 pm", (["3:37"], ["3:47"])),
    ("民國88年", "in 1998", (["1999"], ["1998"])),
    ("投資1.1億元", "120 million yuan", (["110000000"], ["120000000"])),
    ("4.35億人次", "453 million people", (["435000000"], ["453000000"])),
    ("25日至29日", "on 25-28 November", (["day 29"], [])),
    ("25日至29日", "on 25-30 November", ([], ["--11-30"])),
    ("第十一屆和第十三屆", "the eleventh and twelfth", (["13"], [])),
    # ... and the same kinds of saying with a real difference:
    ("賺了2，900萬……", "to do $28 million", (["29000000"], ["28000000"])),
    ("多出3百萬美元", "$4 million more", (["3000000"], ["4000000"])),
    ("13亿人", "its 1.4-billion people", (["1300000000"], ["1400000000"])),
    ("0.5毫克", "doses of .6mg", (["0.5"], ["0.6"])),
    ("1997至1998環球帆船賽", "the 1997-99 race", (["1998"], ["1999"])),
    ("G7峰會", "the G77 summit", (["G7"], ["G77"])),
    ("遊客達1576萬人次", "almost 17 million tourists", (["15760000"], ["17000000"])),
    ("30多年", "for over 33 years", (["30"], ["33"])),  # a bound keeps its figure
    ("過去的30年里", "in the past two decades", (["30"], [])),
])
def test_numbers_and_dates_that_differ(zh: str, en: str,
                                       expected: tuple[list[str], list[str]]) -> None:
    assert missing(zh, en) == expected


@pytest.mark.parametrize(("text", "lang", "read"), [
    ("數千人", "zh", [("千", 1000, True)]),  # approximate
    ("八成", "zh", [("八成", 80, True)]),
    ("一、總則", "zh", [("一、", 1, True)]),  # a list item's label
    ("1. General", "en", [("1.", 1, True)]),
    ("one (1) Secretary General", "en", [(" (1)", 1, True), ("one", 1, True)]),
    ("NTD10", "en", [("10", 10, False)]),  # a currency code before an amount is no code
    ("十五人", "zh", [("十五", 15, False)]),
    ("4.35億人次", "zh", [("4.35億", 435_000_000, False)]),  # a decimal point, not "4."
    ("1.15億元", "zh", [("1.15億", 115_000_000, False)]),
    ("0.7萬人", "zh", [("0.7萬", 7000, False)]),
    ("6.7萬億元", "zh", [("6.7萬億", 6_700_000_000_000, False)]),
    ("4.總則", "zh", [("4.", 4, True)]),
])
def test_how_strongly_a_number_is_said(text: str, lang: str,
                                       read: list[tuple[str, int, bool]]) -> None:
    assert [(f.said, f.value, f.weak) for f in facts(text, lang)] == read


@pytest.mark.parametrize("tenths", range(1, 100))
def test_decimal_amounts_of_myriads_agree_with_the_english_exactly(tenths: int) -> None:
    """0.1萬 to 9.9萬, 0.1億 to 9.9億 and 0.1萬億 to 9.9萬億 as English writes them; in
    floating point 16 of the 99 amounts in 億 missed their millions (1.1 × 10^8 is
    110000000.00000001), and one unit more is still missing."""
    n = f"{tenths // 10}.{tenths % 10}"
    for zh, en, more in [(f"{n}萬元", f"{tenths * 1000:,} yuan", f"{tenths * 1000 + 1:,}"),
                         (f"{n}億元", f"{tenths * 10} million yuan", f"{tenths * 10 + 1} million"),
                         (f"{n}萬億元", f"{n} trillion yuan", f"{n}1 trillion")]:
        assert missing(zh, en) == ([], []), (zh, en)
        assert missing(zh, more)[0] != [], (zh, more)


def test_a_run_of_digits_too_long_for_a_number_is_none() -> None:
    """Past 30 figures no number is stated (and ``int`` refuses 4,300 digits)."""
    assert facts("1" * 5000 + "人", "zh") == []
    assert facts("1" * 5000 + " people", "en") == []


def test_a_placeholder_answers_but_is_never_missing() -> None:
    [placeholder] = facts("共{0}項", "zh")
    assert (placeholder.kind, placeholder.weak) == ("code", True)
    assert not unanswered(placeholder, [])


def test_a_month_named_alone_in_english_is_weak() -> None:
    [may] = facts("May", "en")
    assert (may.ymd, may.weak) == ((None, 5, None), True)
    [month] = facts("May 2017", "en")
    assert (month.ymd, month.weak) == ((2017, 5, None), False)


def test_a_partial_date_agrees_with_every_field_both_state() -> None:
    day = Fact((0, 3), "27日", ymd=(None, None, 27))
    assert day.agrees(Fact((0, 11), "November 27", ymd=(2018, 11, 27)))
    assert not day.agrees(Fact((0, 11), "November 28", ymd=(2018, 11, 28)))
    year = Fact((0, 4), "2018", value=2018)
    assert year.agrees(Fact((0, 11), "November 12, 2018", ymd=(2018, 11, 12)))
    assert not year.agrees(Fact((0, 2), "12", value=12))


@pytest.mark.parametrize(("fact", "subject"), [
    (Fact((0, 1), "x", ymd=(2018, 11, 12)), "2018-11-12"),
    (Fact((0, 1), "x", ymd=(2017, 3, None)), "2017-03"),
    (Fact((0, 1), "x", ymd=(None, 11, 26)), "--11-26"),
    (Fact((0, 1), "x", ymd=(None, None, 27)), "day 27"),
    (Fact((0, 1), "x", ymd=(2018, None, None)), "year 2018"),
    (Fact((0, 1), "x", value=3_500_000), "3500000"),
    (Fact((0, 1), "x", value=Fraction(1, 2)), "0.5"),
    (Fact((0, 1), "x", value=3 * 60 + 37, kind="time"), "3:37"),  # 12-hour clock
    (Fact((0, 1), "x", value=37, kind="time"), "12:37"),
    (Fact((0, 1), "G7", kind="code", key="g7"), "G7"),
])
def test_a_fact_is_named_as_findings_name_it(fact: Fact, subject: str) -> None:
    assert fact.subject == subject


def test_full_width_digits_keep_their_offsets() -> None:
    [fact] = facts("共４６人", "zh")
    assert (fact.span, fact.value) == ((1, 3), 46)


def test_the_numbers_inside_a_date_are_not_read_again() -> None:
    read = facts("2018年11月12日46人", "zh")
    assert [(f.said, f.subject) for f in read] == [("2018年11月12日", "2018-11-12"),
                                                   ("46", "46")]
