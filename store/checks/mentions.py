"""Numbers and dates as facts both languages can state, each with where it was said.

A fact is a number or a date, and a date may be partial: ``27日`` names only
a day, ``2017年3月`` and ``March 2017`` a month of a year. Two facts agree when
every field both of them state is equal (``27日`` agrees with ``November 27``),
and a bare number agrees with a date of that year (``2018年`` the year, or the
year of ``November 12, 2018``) or with a day named alone (``7號`` against
"signal No. 7"). A year of the Republic (``民國88年``) is the year 1999.

Numbers written as words (``first``, ``two sides``, ``兩國``, ``第一個``) are
*weak*: they can answer a fact of the other side, but their own absence is not
reported, because translators add and drop them freely (``雙方`` is "the two
sides"). Numbers in digits are always strong, and so are Chinese numerals of
ten and more (``十國`` for "10 countries"). Approximate words are weak too:
``數千`` ("thousands of"), a bare ``百年`` ("a century"), ``八成`` (80 %, often
"most"), ``百分百`` ("fully"), an English month named alone ("May" is also a
verb and a surname, "March" a rocket's name).

Digits inside a code are not numbers (``APT41``, ``G7``, ``COVID-19``,
``Long March 5B``): a code is a fact of its own, and is missing only when
the other side writes codes too, so "G7" against "G8" is found while ``七國集團``
against "G7" is not. Placeholders (``<s1>``, ``{0,choice,…}``) answer but are
never missing. A time (``15時37分``) meets "3:37 pm" on a 12-hour clock; a
decade (``20世紀30年代``) meets "the 1930s"; ``3萬億`` meets "3 trillion" and
``1.1億`` "110 million" (amounts are compared exactly, never as floats); ``25日至29日``
names every day "25-29 November" does; the label of a list item (``一、``, "1.") is weak.

Any other Chinese numeral is weak: ``一`` is also a part of words (一般, 統一),
so ``一毫西弗`` or ``零、六、十二、十八時`` cannot be read for sure, but they answer
"1 mSv" and "00, 06, 12, 18 UTC"; in Taiwan's laws in English these were a
third of the number findings. A digit that restates a number word ("one (1)
Secretary General", as contracts and laws write) is as weak as the word. A
standard's number is a code with or without its space ("ISO 13485" and
``ISO13485``).

Taiwan's laws write zero as ○ and decimals in numerals (``○．四公分``, 0.4 cm),
and date by the Republic's years without naming the era before a month
(``八十六年十二月三十一日``, 31 December 1997). A number of a part of a text
(``第五條第三項``, "Article 5, Paragraph 3") is marked as a cross-reference, which
``store.checks.numbers`` weighs apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from store.checks.words import number_words
from store.lang.dates import find_dates
from store.lang.numerals import LONGEST, NUMERAL_CHARS, to_int
from store.lang.patterns import compiled

_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_TRILLION = 1_000_000_000_000
_ZH_SCALE = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000,
             "萬億": _TRILLION, "万亿": _TRILLION}
#: 3百万 is "3 million", 5千亿 "500 billion": a digit before a unit and a myriad.
_ZH_SCALE |= {unit + myriad: factor * _ZH_SCALE[myriad]
              for unit, factor in (("十", 10), ("百", 100), ("千", 1_000))
              for myriad in "萬万億亿"}
_EN_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
             "trillion": _TRILLION}
#: 10多亿 is "over a billion": the 多 sits between the figure and its myriad.
_ZH_ARABIC = compiled(
    rf"(?P<n>{_DIGITS})\s*(?:[多余餘]?(?P<scale>萬億|万亿|[十百千]?[萬万億亿]))?")
#: An amount may follow a currency's code: NTD10, RMB100, HK$5, US$3.
_EN_AFTER = r"(?:(?<![\w.])|(?<=[A-Z]{3})|(?<=[A-Z]{2}\$))"
#: "1.3-billion-plus" is 1.3 billion; ".5mg" half a milligram; "10m" ten metres.
_EN_UNIT = r"(?P<unit>mm|cm|km|m|bn|kg|mg|g|ml|ha|kW|kWh|MW|GW)\b"
_EN_ARABIC = compiled(
    rf"{_EN_AFTER}(?P<n>{_DIGITS}|\.\d+)(?:st|nd|rd|th)?"
    rf"(?:[\s-]+(?P<scale>thousand|million|billion|trillion))?(?:\b|(?={_EN_UNIT}))")
# A Chinese numeral counts only as a quantity: before a measure word, after 第, or
# ending in a myriad (八十万 "800,000"). Read whole: 八十万 is not 八十 before 万.
_ORDINAL_CHARS = NUMERAL_CHARS.replace("两", "").replace("兩", "")  # 第五、第六兩款: "the two"
_ZH_NUMERAL = compiled(
    rf"(?<=第)[{_ORDINAL_CHARS}]+|(?<![{NUMERAL_CHARS}])[{NUMERAL_CHARS}]+(?![{NUMERAL_CHARS}])"
    rf"(?=[人個个名家國国次位項项歲岁屆届多余餘年條条種种所批場场天元日小])"
    rf"|(?<![{NUMERAL_CHARS}])[{NUMERAL_CHARS}]*[萬万億亿](?![{NUMERAL_CHARS}])"
)
#: Before a numeral, words that make it approximate: 數千 "thousands", 幾百 "hundreds", 上萬.
_APPROXIMATE = compiled("[數数幾几上成好]$")
#: Two neighbouring figures are one guess: 一兩天 "a day or two", 四五歲 "four or five".
_ZH_OR = compiled("一[两兩二]|[两兩二]三|三四|四五|五六|六七|七八|八九|三五")
#: A unit alone is a round figure of speech: 百年 "a century", 千人 "a thousand people".
_BARE_UNITS = set("百佰千仟萬万億亿")
_ZH_PERCENT = compiled(
    rf"(?P<all>百分百|百分之百(?![{NUMERAL_CHARS}]))"
    rf"|百分之(?P<n>[{NUMERAL_CHARS}]+)(?:[點点](?P<f>[〇零一二三四五六七八九]+))?")
# 八成 is 80 %; not 成功, 成為, 成立 … (成 begins many words) nor 一成不變.
_ZH_TENTHS = compiled(
    rf"(?<![{NUMERAL_CHARS}])(?P<n>[一二三四五六七八九])成"
    r"(?!功|为|為|立|员|員|果|绩|績|本|熟|长|長|效|就|都|交|了|不|型|品|份|年|人|器|语|語)")
_ZH_DECADE = compiled(
    r"(?:(?P<c>\d{1,2}|[十二]十[一二]?|十九)\s*世[紀纪]\s*)?(?P<d>\d0|[一二三四五六七八九]十)\s*年代")
_ZH_CENTURY = compiled(r"(?P<c>\d{1,2}|[十二]十[一二]?|十九)\s*世[紀纪]")
#: Journalists' amounts: "$10m" is ten million dollars, "£2bn" two billion pounds.
_EN_MONEY = compiled(r"[$£€¥]\s?$")
_EN_MONEY_SCALE = {"m": 1_000_000, "bn": 1_000_000_000}
#: Words that make an amount a rounded one: "almost 16 million" for 1576万; likewise
#: 约 and 近 before a Chinese amount. "Over 30" and 30多 are bounds, not roundings: they
#: keep their figure ("over 33 years" against 30多年 is a changed number).
_EN_HEDGE = compiled(r"(?:\b(?:about|around|almost|nearly|some|roughly|approximately|"
                       r"close to)\s+(?:US|HK)?[$£€¥]?\s?)$", re.IGNORECASE)
_ZH_HEDGE = compiled("(?:约|約|近|大约|大約|将近|將近)$")
#: 十多歲 "teenagers": ten and more is no figure to find in the English.
_ZH_MORE = compiled("[多余餘几幾来來]")
#: A year cut to two figures: "Dogme '95", "the 1997-98 race".
_EN_SHORT_YEAR = compiled(r"(?:(?<=\s)['’]|(?<=\b(?P<c>1[6-9]|20)\d\d[-–]))(?P<y>\d\d)\b")
_EN_DECADE = compiled(r"(?<![\w.])(?P<n>1\d\d0|20\d0)s\b")
_ZH_TIME = compiled(r"(?<![\d.])(?P<h>\d{1,2})\s*(?:[時时]|[点點](?=\s*(?:\d{1,2}\s*分|半)))"
                      r"\s*(?:(?P<m>\d{1,2})\s*分|(?P<half>半))?")
_EN_TIME = compiled(r"(?<![\d.:])(?P<h>\d{1,2})(?::(?P<m>\d{2})(?!\d)(?:\s*[ap]\.?m\b\.?)?"
                      r"|\s*[ap]\.?m\b\.?)")
#: Codes: letters with digits (APT41, G7, H7N9, COVID-19, SARS-CoV-2, 5B, 4G).
_CODE = compiled(r"(?<![A-Za-z0-9])(?:[A-Za-z]+(?:-[A-Za-z]+)*-?\d[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
                   r"|\d+[A-Z][A-Za-z0-9]*)(?![A-Za-z0-9])")
#: A standard's number, spaced as English writes it: ISO 13485, CNS 1234, GB/T 7714.
_STANDARD = compiled(r"(?<![A-Za-z0-9])(?:ISO|IEC|CNS|GB(?:/T)?|JIS|ASTM|ANSI|BS|DIN|EN)"
                       r"\s?\d+(?:[-:.]\d+)*(?![A-Za-z0-9])")
#: A digit restating the number word before it: "one (1)", "thirty (30) days".
_RESTATED = compiled(r"\s*\(\s*(?P<n>\d+)\s*\)")
#: What 第N numbers in a text that refers to its parts: article, paragraph, item, grade…
_REFERENCE = compiled("[條条項项款目章節节編编級级類类屆届期職]")
#: What 第N numbers in a cross-reference to a part of a law or a document, the part
#: named after a list if need be (第五、第六兩款, 第一或第二項).
_PART = compiled(rf"(?:\s*[、，,及與与和或至到]\s*第?[{NUMERAL_CHARS}]+)*[兩两]?"
                 "[條条項项款目章節节編编]")
#: English words before a part's number, and the numbers listed before this one:
#: "Article 9, Paragraph 3", "Paragraphs 1 and 3", "Articles 7 through 14".
_EN_PART = compiled(r"\b(?:articles?|art\.|paragraphs?|para\.|sub-?paragraphs?|items?|chapters?"
                    r"|(?:sub)?sections?|clauses?|points?|parts?)\s*(?:no\.\s*)?"
                    r"(?:\d+[a-z]?(?:-\d+)?\s*(?:,|and|or|to|through|&|-|–)\s*)*$", re.IGNORECASE)
#: A decimal in Chinese numerals, as Taiwan's laws write them: ○．四 (0.4), 一．五 (1.5).
_ZH_DECIMAL = compiled(rf"(?<![{NUMERAL_CHARS}])(?P<i>[{NUMERAL_CHARS}]+)[.．]"
                       r"(?P<f>[〇○零一二三四五六七八九]+)")
#: Any Chinese numeral not read otherwise (a weak answer).
_ZH_ANY_NUMERAL = compiled(rf"[{NUMERAL_CHARS}]+")
#: Currency codes before an amount are not codes: RMB100 is 100.
_CURRENCY = compiled(r"(?:RMB|CNY|USD|HKD|EUR|GBP|JPY|MOP|NTD|TWD|US|HK)(?=\d)")
#: Placeholders of a translation memory: <s1>, {0}, {0,choice,1#one|1<{0} items}.
_PLACEHOLDER = compiled(r"<[^<>\s]{1,20}>|\{(?:[^{}]|\{[^{}]*\}){0,80}\}")
#: An item's label at the head of a paragraph (1. / (1) / 一、 / （一）): a weak number,
#: as translations number lists their own way; in Taiwan's laws in English, "1." against
#: 一、 was 46 of 50 number findings per 100 beads. A dot before a digit is a decimal
#: point: a paragraph opening ``4.35億人次`` states 435 million, not item 4.
_EN_LABEL = compiled(r"\s*\(?(?P<n>\d{1,2})[.)](?!\d)")
_LABEL_N = rf"[{NUMERAL_CHARS}\d]{{1,3}}"
_ZH_LABEL = compiled(rf"\s*(?:[（(](?P<a>{_LABEL_N})[)）]|(?P<b>{_LABEL_N})(?:、|[.．](?!\d)))")
#: A year of the Republic of China (民國88年 is 1999), as Taiwan's texts date: in a
#: paragraph that names the era, every year of one to three figures is one (not 第十一年,
#: "the eleventh year" of a reign).
_ZH_ROC_YEAR = compiled(
    rf"(?<![\d{NUMERAL_CHARS}第])(?P<y>\d{{1,3}}|[{NUMERAL_CHARS}]{{1,5}})\s*年")
#: An article inserted after another: 第二十六條之三 is "Article 26-3".
_ZH_SUB_ARTICLE = compiled(rf"[條条]之(?P<n>[{NUMERAL_CHARS}]{{1,3}})")
_ROC_OFFSET = 1911
_ZH_NUM = rf"(?:\d{{1,4}}|[{NUMERAL_CHARS}]{{1,4}})"
_NOT_AFTER_NUM = rf"(?<![\d{NUMERAL_CHARS}])"
_ZH_YEAR_MONTH = compiled(
    rf"(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_ZH_NUM})\s*月")
#: A month named alone (5月), not 上一月 "the month before" or 每一月 "every month".
_ZH_MONTH = compiled(rf"{_NOT_AFTER_NUM}(?<![上下每同前後后])(?P<m>{_ZH_NUM})\s*月"
                     rf"(?!份?\s*{_ZH_NUM}\s*[日号號])")
#: What makes N月 a length of time in a law: 六月以下 "six months or less", 一年六月之刑
#: "a sentence of a year and six months".
_LONG = "以[下上內内]|[內内]|之[刑內内間间]|期[間间]|有期"
_ZH_MONTHS_LONG = compiled(_LONG)
#: A year of two or three figures before a month is of the era even where the paragraph
#: does not name it (八十六年十二月三十一日 is 31 December 1997): this era's years have four.
#: Not before a length (有期徒刑十年六月以上: ten years and six months).
_ZH_MONTH_NEXT = compiled(rf"\s*{_ZH_NUM}\s*月(?!{_LONG})")
_ZH_FEW_YEARS = compiled(rf"(?<![\d{NUMERAL_CHARS}])[\d一二三四五六七八九兩两]\s*年\s*$")
_ZH_DAY_N = rf"\d{{1,2}}|[{NUMERAL_CHARS}]{{2,3}}"
# 第2號 (typhoon No. 2) is no day.
_ZH_DAY = compiled(rf"{_NOT_AFTER_NUM}(?<![月第])(?P<d>{_ZH_DAY_N})\s*[日号號]")
#: Days of a month named elsewhere: 25日至29日 and 25至29日 are the days "25-29 November"
#: names (read as two days, 26 to 28 were reported missing from the Chinese).
_ZH_DAYS = compiled(rf"{_NOT_AFTER_NUM}(?<![月第])(?P<a>{_ZH_DAY_N})\s*[日号號]?"
                      rf"\s*[—–\-~～至到]\s*(?P<b>{_ZH_DAY_N})\s*[日号號]")
_MONTH_NAMES = ("january february march april may june july august september october "
                "november december").split()
_EN_MONTH = compiled(r"\b(?P<m>" + "|".join(m.capitalize() for m in _MONTH_NAMES)
                       + r")\b(?:,?\s+(?P<y>\d{4})\b)?")


@dataclass(frozen=True, slots=True)
class Fact:
    """A number (``value``), a day, month or year of a date (``ymd``), a time of day
    (``kind`` "time", ``value`` in minutes on a 12-hour clock) or a code (``kind`` "code",
    compared by ``key``), said at ``span``."""

    span: tuple[int, int]
    said: str
    value: int | Fraction | None = None
    ymd: tuple[int | None, int | None, int | None] | None = None
    weak: bool = False
    kind: str = "number"
    key: str = ""
    #: Said as a round figure ("almost 16 million", 13亿多): agrees with any amount that
    #: rounds to it at its own significant figures.
    approx: bool = False
    #: Numbers a part of a text (第五條第三項, "Article 5, Paragraph 3"): a cross-reference.
    reference: bool = False

    def agrees(self, other: Fact) -> bool:
        if self.kind != other.kind:
            return False
        if self.kind == "code":
            return _same_code(self.key, other.key)
        if self.ymd is None and other.ymd is None:
            return (self.value == other.value or _rounds_to(self, other)
                    or _rounds_to(other, self))
        if self.ymd is None or other.ymd is None:
            number, day = (self, other) if self.ymd is None else (other, self)
            return day.ymd is not None and number.value in _alone(day.ymd)
        shared = [(a, b) for a, b in zip(self.ymd, other.ymd, strict=True)
                  if a is not None and b is not None]
        return bool(shared) and all(a == b for a, b in shared)

    @property
    def subject(self) -> str:
        """As findings name it: ``46``, ``2018-11-12``, ``2017-03``, ``--11-26``, ``day 27``,
        ``3:37``, ``G7``."""
        if self.kind == "code":
            return self.said
        if self.kind == "time" and self.value is not None:
            hours, minutes = divmod(int(self.value), 60)
            return f"{hours or 12}:{minutes:02d}"
        if self.ymd is not None:
            return _date_subject(*self.ymd)
        return self.said if self.value is None else f"{float(self.value):.15g}"


def _date_subject(y: int | None, m: int | None, d: int | None) -> str:
    if y and m:
        return f"{y:04d}-{m:02d}" + (f"-{d:02d}" if d else "")
    if m:
        return f"--{m:02d}" + (f"-{d:02d}" if d else "")
    return f"year {y}" if y else f"day {d}"


def _same_code(a: str, b: str) -> bool:
    """Codes agree when equal, or when one is the other with letters around it: the
    Chinese of a translation often loses the space, "RocketEB-500" for "Rocket EB-500",
    and keeps a unit apart, "CP-16毫米" for "CP-16-mm". Digits must agree: G7 is not G77."""
    short, long = sorted((a, b), key=len)
    if short == long or not short or short not in long:
        return short == long
    at = long.index(short)
    return (long[:at] + long[at + len(short):]).isalpha()


def _rounds_to(rounded: Fact, exact: Fact) -> bool:
    """Whether ``rounded``, an approximate amount, is ``exact`` at its significant figures."""
    if not rounded.approx or rounded.value is None or exact.value is None or rounded.value <= 0:
        return False
    figures = len(str(Fraction(rounded.value).numerator).rstrip("0"))
    digits = len(str(int(exact.value)))
    if Fraction(rounded.value).denominator != 1 or digits <= figures:
        return False
    step = 10 ** (digits - figures)
    return (exact.value + step // 2) // step * step == rounded.value


def unanswered(fact: Fact, theirs: list[Fact]) -> bool:
    """Whether ``fact`` is strong and missing from ``theirs``: no fact there agrees, and,
    for a code, ``theirs`` writes codes too (七國集團 is "G7" spelled out)."""
    if fact.weak or any(fact.agrees(other) for other in theirs):
        return False
    return fact.kind != "code" or any(o.kind == "code" and not o.weak for o in theirs)


def _alone(ymd: tuple[int | None, int | None, int | None]) -> tuple[int, ...]:
    """The numbers a bare number may be of a date: its year; a day named alone (7號 "No. 7")."""
    y, m, d = ymd
    return tuple(n for n in (y, d if y is None and m is None else None) if n is not None)


def facts(text: str, lang: str) -> list[Fact]:
    """Every number, date, time and code ``text`` states; ``text`` is NFKC-normalised first.

    NFKC keeps offsets for the digits and letters these patterns read (``_fold``).
    The first reading of a span wins: dates, then codes, then the rest.
    """
    text = _fold(text)
    found: list[Fact] = []
    for fact in (_zh_facts if lang == "zh" else _en_facts)(text):
        a, b = fact.span
        # The days of one mention share its span; anything else overlapping is read twice.
        if not any(x < b and a < y and not (f.span == fact.span and f.ymd and fact.ymd)
                   for f in found for x, y in (f.span,)):
            found.append(fact)
    return found


def _fold(text: str) -> str:
    """NFKC where it keeps one character for one: full-width digits and commas (1，000万)
    fold even in a paragraph whose …… NFKC would make six dots, so spans stay true."""
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) == len(text):
        return folded
    return "".join(f if len(f := unicodedata.normalize("NFKC", c)) == 1 else c for c in text)


def _dates(text: str, lang: str) -> Iterator[Fact]:
    """Whole dates first, so the numbers inside them are not read again as numbers."""
    for mention in find_dates(text, lang):
        said = text[mention.start:mention.end]
        for ymd in mention.days:
            yield Fact((mention.start, mention.end), said, ymd=ymd)


def _codes(text: str) -> Iterator[Fact]:
    for m in _PLACEHOLDER.finditer(text):
        key = re.split(r"[,}]", m.group(), maxsplit=1)[0]
        yield Fact(m.span(), m.group(), weak=True, kind="code", key=key)
    for m in _STANDARD.finditer(text):
        yield Fact(m.span(), m.group(), kind="code", key=re.sub(r"\W", "", m.group()).casefold())
    for m in _CODE.finditer(text):
        if not _CURRENCY.match(m.group()):
            key = re.sub(r"[-_]", "", m.group()).casefold()
            yield Fact(m.span(), m.group(), kind="code", key=key)


def _zh_facts(text: str) -> Iterator[Fact]:
    yield from _dates(text, "zh")
    yield from _codes(text)
    yield from _zh_legal(text)
    yield from _zh_times(text)
    for m in _ZH_YEAR_MONTH.finditer(text):
        yield _date_fact(m, to_int(m["y"]), to_int(m["m"]), None)
    for m in _ZH_MONTH.finditer(text):
        if not (_ZH_MONTHS_LONG.match(text, m.end())
                or _ZH_FEW_YEARS.search(text, max(0, m.start() - 4), m.start())):
            yield _date_fact(m, None, to_int(m["m"]), None)
    yield from _zh_days(text)
    for m in _ZH_DAY.finditer(text):
        yield _date_fact(m, None, None, to_int(m["d"]))
    yield from _zh_shares(text)
    for m in _ZH_DECIMAL.finditer(text):
        if (whole := to_int(m["i"])) is not None:
            fraction = "".join(str(to_int(c)) for c in m["f"])
            yield Fact(m.span(), m.group(), value=_number(f"{whole}.{fraction}"))
    for m in _ZH_ARABIC.finditer(text):
        if (value := _number(m["n"], _ZH_SCALE.get(m["scale"] or "", 1))) is not None:
            yield Fact(m.span(), m.group(), value=value, approx=_zh_hedged(text, m))
    read: set[tuple[int, int]] = set()
    for m in _ZH_NUMERAL.finditer(text):
        if (value := to_int(m.group())) is not None:
            read.add(m.span())
            yield Fact(m.span(), m.group(), value=value, weak=_zh_weak(text, m, value),
                       approx=_zh_hedged(text, m), reference=_zh_part(text, m))
    for m in _ZH_ANY_NUMERAL.finditer(text):
        if m.span() not in read and (value := to_int(m.group())) is not None:
            yield Fact(m.span(), m.group(), value=value, weak=True)


def _zh_days(text: str) -> Iterator[Fact]:
    """The days of a range without its month (25日至29日), the days between its ends weak:
    ``3至5日`` may be "3 to 5 days", which names no 4."""
    for m in _ZH_DAYS.finditer(text):
        first, last = to_int(m["a"]), to_int(m["b"])
        if first is not None and last is not None and 0 < first < last <= 31:
            for day in range(first, last + 1):
                yield Fact(m.span(), m.group(), ymd=(None, None, day), weak=first < day < last)


def _zh_legal(text: str) -> Iterator[Fact]:
    """An item's label (一、), years of the Republic (民國88年), inserted articles (條之三)."""
    if (m := _ZH_LABEL.match(text)) and (value := to_int(m["a"] or m["b"])) is not None:
        yield Fact(m.span(), m.group(), value=value, weak=True)
    era = "民國" in text or "民国" in text
    for m in _ZH_ROC_YEAR.finditer(text):
        if ((year := to_int(m["y"])) is not None and _roc_year(text, m, year)
                and (era or _ZH_MONTH_NEXT.match(text, m.end()))):
            yield Fact(m.span(), m.group(), value=year + _ROC_OFFSET)
    for m in _ZH_SUB_ARTICLE.finditer(text):
        yield Fact(m.span(), m.group(), value=to_int(m["n"]), weak=True, reference=True)


def _roc_year(text: str, m: re.Match[str], year: int) -> bool:
    """A year of the era: after 民國, or of two figures or three (四年內 is "within four
    years", and the era's texts date from its 10s onwards)."""
    return year < 200 and (year >= 10 or text[max(0, m.start() - 2):m.start()] in ("民國", "民国"))


def _zh_times(text: str) -> Iterator[Fact]:
    """Decades (20世紀30年代), centuries (20世紀) and times of day (15時37分)."""
    for m in _ZH_DECADE.finditer(text):
        decade = to_int(m["d"]) or 0
        century = to_int(m["c"]) or 0 if m["c"] else (20 if decade >= 20 else 21)
        yield Fact(m.span(), m.group(), value=(century - 1) * 100 + decade, weak=not m["c"])
    for m in _ZH_CENTURY.finditer(text):
        yield Fact(m.span(), m.group(), value=to_int(m["c"]))
    for m in _ZH_TIME.finditer(text):
        minutes = int(m["m"]) if m["m"] else 30 if m["half"] else 0
        yield _time(m, int(m["h"]), minutes)


def _zh_shares(text: str) -> Iterator[Fact]:
    """Percentages: 百分之八十 (80), 百分百 (100, weak), 八成 (80, weak)."""
    for m in _ZH_PERCENT.finditer(text):
        value: int | Fraction | None = 100 if m["all"] else to_int(m["n"])
        if value is not None and m["f"]:
            value = _number(f"{value}." + "".join(str(to_int(c)) for c in m["f"]))
        if value is not None:
            yield Fact(m.span(), m.group(), value=value, weak=bool(m["all"]))
    for m in _ZH_TENTHS.finditer(text):
        yield Fact(m.span(), m.group(), value=10 * (to_int(m["n"]) or 0), weak=True)


def _zh_weak(text: str, m: re.Match[str], value: int) -> bool:
    """Below ten (兩國 "both countries"), approximate (數千, 四五歲 "four or five", 十多歲
    "teenagers"), or units alone (百年 "a century", 千百萬 "millions"); but a reference
    (第一項 "paragraph 1", 第二類 "category 2") is exact at any value."""
    if _REFERENCE.match(text, m.end()) and text[m.start() - 1:m.start()] == "第":
        return False
    said = m.group()
    return (value < 10 or all(c in _BARE_UNITS for c in said)
            or bool(_APPROXIMATE.search(text, 0, m.start()))
            or bool(_ZH_OR.fullmatch(said))
            or (said == "十" and _ZH_MORE.match(text, m.end()) is not None))


def _zh_part(text: str, m: re.Match[str]) -> bool:
    return text[m.start() - 1:m.start()] == "第" and _PART.match(text, m.end()) is not None


def _en_part(text: str, m: re.Match[str]) -> bool:
    return _EN_PART.search(text, max(0, m.start() - 80), m.start()) is not None


def _zh_hedged(text: str, m: re.Match[str]) -> bool:
    return bool(_ZH_HEDGE.search(text, 0, m.start()))


def _en_hedged(text: str, m: re.Match[str]) -> bool:
    return bool(_EN_HEDGE.search(text, 0, m.start()))


def _en_facts(text: str) -> Iterator[Fact]:
    yield from _dates(text, "en")
    yield from _codes(text)
    if m := _EN_LABEL.match(text):
        yield Fact(m.span(), m.group(), value=int(m["n"]), weak=True)
    for m in _EN_DECADE.finditer(text):
        yield Fact(m.span(), m.group(), value=int(m["n"]))
    for m in _EN_SHORT_YEAR.finditer(text):
        century = int(m["c"]) if m["c"] else 19 if int(m["y"]) >= 30 else 20
        yield Fact(m.span(), m.group(), value=century * 100 + int(m["y"]))
    for m in _EN_TIME.finditer(text):
        yield _time(m, int(m["h"]), int(m["m"] or 0))
    for m in _EN_MONTH.finditer(text):
        month = _MONTH_NAMES.index(m["m"].lower()) + 1
        year = int(m["y"]) if m["y"] else None
        yield Fact(m.span(), m.group(), ymd=(year, month, None), weak=year is None)
    words = list(number_words(text))
    for span, _, value in words:  # before the digits: "one (1)" restates the word
        if (m := _RESTATED.match(text, span[1])) and int(m["n"]) == value:
            yield Fact(m.span(), m.group(), value=value, weak=True)
    for m in _EN_ARABIC.finditer(text):
        scale = _EN_SCALE.get(m["scale"] or "", 1)
        if m["unit"] in _EN_MONEY_SCALE and _EN_MONEY.search(text, 0, m.start()):
            scale = _EN_MONEY_SCALE[m["unit"]]
        if (value := _number(m["n"], scale)) is not None:
            yield Fact(m.span(), m.group(), value=value, approx=_en_hedged(text, m),
                       reference=_en_part(text, m))
    for span, said, value in words:
        yield Fact(span, said, value=value, weak=True)


def _time(m: re.Match[str], hours: int, minutes: int) -> Fact:
    return Fact(m.span(), m.group().strip(), value=(hours % 12) * 60 + minutes, kind="time")


def _date_fact(m: re.Match[str], y: int | None, mo: int | None, d: int | None) -> Fact:
    return Fact(m.span(), m.group(), ymd=(y, mo, d))


def _number(digits: str, scale: int = 1) -> int | Fraction | None:
    """The amount ``digits`` times ``scale``, exactly: in floating point 1.1 × 10^8 is
    110000000.00000001, and 16 of the 99 amounts 0.1億-9.9億 missed their "110 million".
    None past ``LONGEST`` characters, as for ``to_int`` (``int`` refuses 4,300 digits)."""
    if len(digits) > LONGEST:
        return None
    value = Fraction(digits.replace(",", "")) * scale
    return value.numerator if value.denominator == 1 else value
