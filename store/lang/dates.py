"""Dates as bulletins write them, in Chinese and English, with ranges and lists.

``2018年11月25日—29日`` and ``From November 25 to 29, 2018`` are the same five
days; ``2018年11月19日、21日`` and ``November 19 and 21, 2018`` are two days,
not a range. A mention with a year is *full*: it can start an event. A mention
without one (``11月26日``, ``On November 27``) only continues an event, but it
still anchors alignment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from store.lang.numerals import NUMERAL_CHARS, to_int

#: Longest range taken as a list of days; longer ones keep only their ends.
_MAX_RANGE_DAYS = 62

_N = rf"[0-9{NUMERAL_CHARS}]"
_ZH_HEAD = re.compile(
    rf"(?:(?P<y>[0-9]{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?"
    rf"(?P<m>{_N}{{1,3}})\s*月\s*(?P<d>{_N}{{1,3}})\s*(?:[日号號]|(?=\s*[—–\-~～至到]))"
)
_ZH_TAIL = re.compile(
    rf"\s*(?P<sep>[—–\-~～至到、和及与與]|，|,)\s*"
    rf"(?:(?P<y>[0-9]{{4}})\s*年\s*)?(?:(?P<m>{_N}{{1,3}})\s*月\s*)?(?P<d>{_N}{{1,3}})\s*[日号號]"
)
_MONTHS = {
    name: i
    for i, names in enumerate(
        ["january jan", "february feb", "march mar", "april apr", "may", "june jun",
         "july jul", "august aug", "september sept sep", "october oct",
         "november nov", "december dec"], 1)
    for name in names.split()
}
# Capitalised or upper case only: "may" and "march" are also verbs.
_MONTH = r"(?:" + "|".join(
    f(name) for name in sorted(_MONTHS, key=len, reverse=True) for f in (str.capitalize, str.upper)
) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_EN_HEAD = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})")
_EN_TAIL = re.compile(
    rf"\s*(?P<sep>-|–|—|to|through|till|until|and|&|,)\s*(?:(?P<m>{_MONTH})\s+)?(?P<d>{_DAY})"
)
_EN_YEAR = re.compile(r",?\s*(?P<y>\d{4})(?!\d)")
_EN_DAY_FIRST = re.compile(
    rf"\b(?P<d>{_DAY})(?:\s*(?P<sep>-|–|—|to|and)\s*(?P<d2>{_DAY}))?\s+(?P<m>{_MONTH}),?\s+"
    r"(?P<y>\d{4})(?!\d)"
)
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
_RANGE_SEPS = {"—", "–", "-", "~", "～", "至", "到", "to", "through", "till", "until"}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    #: (year or None, month, day) for each day named, ranges expanded.
    days: tuple[tuple[int | None, int, int], ...]

    @property
    def full(self) -> bool:
        return bool(self.days) and all(y is not None for y, _, _ in self.days)

    def dates(self, year: int | None = None) -> tuple[date, ...]:
        """The days as dates, a missing year taken from ``year``."""
        out = []
        for y, m, d in self.days:
            if y or year:
                out.append(date(y or year, m, d))  # type: ignore[arg-type]
        return tuple(out)


def find_dates(text: str, lang: str) -> list[DateMention]:
    found = _find_zh(text) if lang == "zh" else _find_en(text)
    found += [_iso(m) for m in _ISO.finditer(text)]
    found = [m for m in found if m.days]
    return _without_overlaps(found)


def full_dates(text: str, lang: str) -> list[DateMention]:
    return [m for m in find_dates(text, lang) if m.full]


def _find_zh(text: str) -> list[DateMention]:
    out = []
    for head in _ZH_HEAD.finditer(text):
        year = to_int(head["y"]) if head["y"] else None
        month, day = to_int(head["m"]), to_int(head["d"])
        parts = [(None, year, month, day)]
        end = head.end()
        while tail := _ZH_TAIL.match(text, end):
            y = to_int(tail["y"]) if tail["y"] else parts[-1][1]
            m = to_int(tail["m"]) if tail["m"] else parts[-1][2]
            parts.append((tail["sep"], y, m, to_int(tail["d"])))
            end = tail.end()
        out.append(DateMention(head.start(), end, _expand(parts)))
    return out


def _find_en(text: str) -> list[DateMention]:
    out = []
    for head in _EN_HEAD.finditer(text):
        parts = [(None, None, _month(head["m"]), _day(head["d"]))]
        end = head.end()
        while tail := _EN_TAIL.match(text, end):
            m = _month(tail["m"]) if tail["m"] else parts[-1][2]
            parts.append((tail["sep"].lower(), None, m, _day(tail["d"])))
            end = tail.end()
        if year := _EN_YEAR.match(text, end):
            parts = [(sep, int(year["y"]), m, d) for sep, _, m, d in parts]
            end = year.end()
        out.append(DateMention(head.start(), end, _expand(parts)))
    for m in _EN_DAY_FIRST.finditer(text):
        y, mon = int(m["y"]), _month(m["m"])
        parts = [(None, y, mon, _day(m["d"]))]
        if m["d2"]:
            parts.append((m["sep"].lower(), y, mon, _day(m["d2"])))
        out.append(DateMention(m.start(), m.end(), _expand(parts)))
    return out


def _iso(m: re.Match[str]) -> DateMention:
    return DateMention(m.start(), m.end(), _expand([(None, int(m["y"]), int(m["m"]),
                                                     int(m["d"]))]))


def _month(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _expand(parts: list[tuple[str | None, int | None, int | None, int | None]]
            ) -> tuple[tuple[int | None, int, int], ...]:
    """Turn (separator, year, month, day) parts into the days they name.

    A part after a range separator closes a range from the part before it. An
    impossible date (a month 13, a 30 February) voids the whole mention.
    """
    days: list[tuple[int | None, int, int]] = []
    for sep, y, m, d in parts:
        if m is None or d is None or not _valid(y, m, d):
            return ()
        if sep in _RANGE_SEPS and days:
            days.extend(_range(days[-1], (y, m, d)))
        else:
            days.append((y, m, d))
    return tuple(dict.fromkeys(days))


def _range(a: tuple[int | None, int, int], b: tuple[int | None, int, int]
           ) -> list[tuple[int | None, int, int]]:
    year = b[0] or a[0] or 2000  # a leap year, so 29 February survives without one
    start, end = date(a[0] or year, a[1], a[2]), date(year, b[1], b[2])
    if end < start or (end - start).days > _MAX_RANGE_DAYS:
        return [b]
    out = []
    day = start + timedelta(days=1)
    while day <= end:
        out.append((day.year if a[0] or b[0] else None, day.month, day.day))
        day += timedelta(days=1)
    return out


def _valid(y: int | None, m: int, d: int) -> bool:
    try:
        date(y or 2000, m, d)
    except ValueError:
        return False
    return True


def _without_overlaps(found: list[DateMention]) -> list[DateMention]:
    """Keep the longest mention where two patterns read the same words."""
    out: list[DateMention] = []
    for m in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
