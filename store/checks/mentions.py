"""Numbers and dates as facts both languages can state, each with where it was said.

A fact is a number or a date, and a date may be partial: ``27日`` names only
a day, ``2017年3月`` and ``March 2017`` a month of a year. Two facts agree when
every field both of them state is equal (``27日`` agrees with ``November 27``),
and a bare number agrees with a date of that year (``2018年`` the year, or the
year of ``November 12, 2018``).

Numbers written as words (``first``, ``two sides``, ``兩國``, ``第一個``) are
*weak*: they can answer a fact of the other side, but their own absence is not
reported, because translators add and drop them freely (``雙方`` is "the two
sides"). Numbers in digits are always strong, and so are Chinese numerals of
ten and more (``十國`` for "10 countries").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from store.lang.dates import find_dates
from store.lang.numerals import NUMERAL_CHARS, to_int

_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_ZH_SCALE = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
_EN_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ZH_ARABIC = re.compile(rf"(?P<n>{_DIGITS})\s*(?P<scale>[萬万億亿])?")
_EN_ARABIC = re.compile(
    rf"(?<![\w.])(?P<n>{_DIGITS})(?:st|nd|rd|th)?(?:\s+(?P<scale>thousand|million|billion))?\b")
# A Chinese numeral counts only as a quantity: before a measure word, or after 第.
_ZH_NUMERAL = re.compile(
    rf"(?<=第)[{NUMERAL_CHARS}]+|[{NUMERAL_CHARS}]+"
    rf"(?=[人個个名家國国次位項项歲岁屆届億亿萬万多余餘年條条種种所批場场天])"
)
_ZH_NUM = rf"(?:\d{{1,4}}|[{NUMERAL_CHARS}]{{1,4}})"
_NOT_AFTER_NUM = rf"(?<![\d{NUMERAL_CHARS}])"
_ZH_YEAR_MONTH = re.compile(
    rf"(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_ZH_NUM})\s*月")
_ZH_MONTH = re.compile(rf"{_NOT_AFTER_NUM}(?P<m>{_ZH_NUM})\s*月(?!份?\s*{_ZH_NUM}\s*[日号號])")
_ZH_DAY = re.compile(
    rf"{_NOT_AFTER_NUM}(?<!月)(?P<d>\d{{1,2}}|[{NUMERAL_CHARS}]{{2,3}})\s*[日号號]")
_MONTH_NAMES = ("january february march april may june july august september october "
                "november december").split()
_EN_MONTH = re.compile(r"\b(?P<m>" + "|".join(m.capitalize() for m in _MONTH_NAMES)
                       + r")\b(?:,?\s+(?P<y>\d{4})\b)?")
_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_WORDS |= {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety"
                                            .split(), 2)}
_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), 1)}
_EN_WORD = re.compile(r"\b(?:" + "|".join(sorted([*_WORDS, *_ORDINALS], key=len, reverse=True))
                      + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fact:
    """A number (``value``) or a day, month or year of a date (``ymd``), said at ``span``."""

    span: tuple[int, int]
    said: str
    value: float | None = None
    ymd: tuple[int | None, int | None, int | None] | None = None
    weak: bool = False

    def agrees(self, other: Fact) -> bool:
        if self.ymd is None and other.ymd is None:
            return self.value == other.value
        if self.ymd is None or other.ymd is None:
            number, day = (self, other) if self.ymd is None else (other, self)
            return day.ymd is not None and number.value == day.ymd[0]
        shared = [(a, b) for a, b in zip(self.ymd, other.ymd, strict=True)
                  if a is not None and b is not None]
        return bool(shared) and all(a == b for a, b in shared)

    @property
    def subject(self) -> str:
        """As findings name it: ``46``, ``2018-11-12``, ``2017-03``, ``--11-26``, ``day 27``."""
        if self.ymd is None:
            if self.value is None:
                return self.said
            return f"{self.value:.15g}"
        y, m, d = self.ymd
        if y and m:
            return f"{y:04d}-{m:02d}" + (f"-{d:02d}" if d else "")
        if m:
            return f"--{m:02d}" + (f"-{d:02d}" if d else "")
        return f"year {y}" if y else f"day {d}"


def facts(text: str, lang: str) -> list[Fact]:
    """Every number and date ``text`` states; ``text`` is NFKC-normalised first.

    NFKC keeps offsets for the digits and letters these patterns read; a
    paragraph whose length it changes is read as is, so spans stay true.
    """
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) == len(text):
        text = folded
    found: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for fact in (_zh_facts if lang == "zh" else _en_facts)(text):
        a, b = fact.span
        # The days of one mention share its span; anything else overlapping is read twice.
        if not any(x < b and a < y and (x, y) != (a, b) for x, y in taken):
            found.append(fact)
            taken.append(fact.span)
    return found


def _dates(text: str, lang: str) -> Iterator[Fact]:
    """Whole dates first, so the numbers inside them are not read again as numbers."""
    for mention in find_dates(text, lang):
        said = text[mention.start:mention.end]
        for ymd in mention.days:
            yield Fact((mention.start, mention.end), said, ymd=ymd)


def _zh_facts(text: str) -> Iterator[Fact]:
    yield from _dates(text, "zh")
    for m in _ZH_YEAR_MONTH.finditer(text):
        yield _date_fact(m, to_int(m["y"]), to_int(m["m"]), None)
    for m in _ZH_MONTH.finditer(text):
        yield _date_fact(m, None, to_int(m["m"]), None)
    for m in _ZH_DAY.finditer(text):
        yield _date_fact(m, None, None, to_int(m["d"]))
    for m in _ZH_ARABIC.finditer(text):
        value = _number(m["n"]) * _ZH_SCALE.get(m["scale"] or "", 1)
        yield Fact(m.span(), m.group(), value=value)
    for m in _ZH_NUMERAL.finditer(text):
        if (value := to_int(m.group())) is not None:
            yield Fact(m.span(), m.group(), value=value, weak=value < 10)


def _en_facts(text: str) -> Iterator[Fact]:
    yield from _dates(text, "en")
    for m in _EN_MONTH.finditer(text):
        month = _MONTH_NAMES.index(m["m"].lower()) + 1
        yield _date_fact(m, int(m["y"]) if m["y"] else None, month, None)
    for m in _EN_ARABIC.finditer(text):
        value = _number(m["n"]) * _EN_SCALE.get(m["scale"] or "", 1)
        yield Fact(m.span(), m.group(), value=value)
    for m in _EN_WORD.finditer(text):
        word = m.group().lower()
        yield Fact(m.span(), m.group(), value=_WORDS.get(word, _ORDINALS.get(word)), weak=True)


def _date_fact(m: re.Match[str], y: int | None, mo: int | None, d: int | None) -> Fact:
    return Fact(m.span(), m.group(), ymd=(y, mo, d))


def _number(digits: str) -> float:
    return float(digits.replace(",", ""))
