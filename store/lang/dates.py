"""Dates as bulletins write them, in Chinese and English, with ranges and lists.

``2018年11月25日—29日`` and ``From November 25 to 29, 2018`` are the same five
days; ``2018年11月19日、21日`` and ``November 19 and 21, 2018`` are two days,
not a range. English comes month first (``Sept. 14, 2020``) or day first
(``9 July``, ``22-23 March 2016``), Chinese with or without spaces
(``7 月 9 日``). A mention with a year is *full*; one without takes its year
from the document (``year_context``) and is then marked inferred.

Where a date sits matters as much as what it says: an event opens where a
paragraph *leads* with its date (``leading_date``: a date line, a dateline,
``On 9 July,``), and a news lead names its event's date in its first sentence
(``lead_sentence_date``). A date after ``——`` (a quoted speech), inside quotes,
after ``since`` or before ``起施行`` is cited, and one after ``将于``/``will``
is to come: neither opens an event.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from store.lang.numerals import NUMERAL_CHARS, to_int
from store.lang.patterns import compiled

#: Longest range taken as a list of days; longer ones keep only their ends.
_MAX_RANGE_DAYS = 62

_N = rf"[0-9{NUMERAL_CHARS}]"
#: Zero as Hong Kong government notices type it: ``二○一三年`` (U+25CB, a white circle).
_ZERO_LIKE = str.maketrans("○", "〇")
_ZH_YEAR_DIGITS = "[〇○零一二三四五六七八九]{4}"
_ZH_HEAD = compiled(
    rf"(?:(?P<y>[0-9]{{4}}|{_ZH_YEAR_DIGITS})\s*年\s*)?"
    rf"(?P<m>{_N}{{1,3}})\s*月\s*(?P<d>{_N}{{1,3}})\s*(?:[日号號]|(?=\s*[—–\-~～至到]))"
)
_ZH_TAIL = compiled(
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
) + r")(?![A-Za-z])\.?"
# A day is a whole number: "5B" (Long March 5B) and "10:30" are not days.
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?![\w:])"
_EN_SEP = r"-|–|—|to|through|till|until|and|&"
# "Long March 5" is a rocket, not the fifth of March.
_EN_HEAD = compiled(rf"(?<!\bLong )\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})")
_EN_TAIL = compiled(rf"\s*(?P<sep>{_EN_SEP}|,)\s*(?:(?P<m>{_MONTH})\s+)?(?P<d>{_DAY})")
_EN_YEAR = compiled(r",?\s*(?P<y>\d{4})(?!\d)")
# The days before the last: "22-23 March", "1, 2 and 3 March", "1-2-3 March"; a list
# of commas must end in a separator, so "Chapter 3, 9 July" names one day.
_EN_LEAD_DAYS = rf"(?:{_DAY}\s*(?:,|-|–)\s*){{0,6}}{_DAY}\s*(?:{_EN_SEP})\s*"
_EN_LEAD_DAY = compiled(rf"(?P<d>{_DAY})\s*(?P<sep>{_EN_SEP}|,)\s*")
_EN_DAY_FIRST = compiled(
    rf"(?<![\d.,:/])\b(?P<lead>{_EN_LEAD_DAYS})?(?P<d>{_DAY})\s+(?P<m>{_MONTH})"
)
_EN_DAY_FIRST_TAIL = compiled(rf"\s*(?P<sep>{_EN_SEP})\s*(?P<d>{_DAY})\s+(?P<m>{_MONTH})")
_ISO = compiled(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
_RANGE_SEPS = {"—", "–", "-", "~", "～", "至", "到", "to", "through", "till", "until"}

_WEEKDAY = {
    "zh": r"[(（]?\s*(?:星期|禮拜|礼拜|周|週)[一二三四五六日天]\s*[)）]?",
    "en": r"\(?\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?\)?",
}
#: A weekday as it stands beside a date (``2014年1月1日 星期三``, ``1 January 2014
#: Wednesday``): part of the date line, never a title.
WEEKDAYS = {lang: compiled(rf"[\s,，]*(?:{pattern})") for lang, pattern in _WEEKDAY.items()}
_OPEN = r"[\s\[【〔（(「『“\"‘]*"
#: What may stand before a date that leads its paragraph: brackets, a weekday,
#: "On"/"于", a news dateline ("BEIJING, ").
_LEAD_IN = {
    "zh": compiled(rf"{_OPEN}(?:{_WEEKDAY['zh']})?[\s，,、]*(?:於|于|自|從|从|在)?\s*"),
    "en": compiled(
        rf"{_OPEN}(?:[A-Z][A-Z .'’-]{{1,30}},\s*)?(?:{_WEEKDAY['en']}[\s,]*)?"
        r"(?:(?:[Oo]n|[Ff]rom|[Bb]etween|[Dd]uring|[Dd]ated)\s+)?(?:the\s+)?"
    ),
}
#: A date that is to come: "将于…", "…，代表团将访问", "On 9 July the council will meet".
_FUTURE_BEFORE = {
    "zh": compiled(r"(?:将|將|拟|擬)[于於在]?\s*$|(?:计划|計劃|预计|預計)[^。；，,]*$"),
    "en": compiled(r"\b(?:will|shall|is to|are to|to be held|scheduled|expected|plans? to)\b"
                     r"[^.;]*$"),
}
_FUTURE_AFTER = {"zh": compiled(r"[^。；]{0,12}?(?:将(?![军近])|將(?![軍近])|拟|擬|计划|計劃"
                                   r"|预计|預計)"),
                 "en": compiled(r"[,\s]*(?:[\w’'-]+\s+){0,5}?(?:will|shall|is to|are to)\b")}
#: A date cited rather than reported: a speech's date after a dash, a law's date
#: of effect, a deadline.
_CITED_BEFORE = {
    "zh": compiled(r"(?:—|--|截至|截止|至|到|根据|根據|按照)\s*$"),
    "en": compiled(r"(?:—|--|\b(?:since|until|till|by|before|after|effective|force on|"
                     r"as of|as at|dated|of))\s*$", re.IGNORECASE),
}
_CITED_AFTER = {
    "zh": compiled(r"\s*(?:起|以来|以來|以前|之前|前|以后|以後|之后|之後|后|後"
                     r"|施行|生效|讲话|講話|发表|發表)"),
    "en": compiled(r"(?!)"),
}
#: A date that qualifies a noun ("2018年11月3日的协议"): cited when mid-sentence.
_ATTRIBUTIVE = {"zh": compiled(r"\s*的"), "en": compiled(r"(?!)")}
_QUOTES = {"“": "”", "《": "》", "「": "」", "『": "』", "(": ")", "（": "）", "\"": "\""}
_SENTENCE_END = {"zh": compiled(r"[。！？]"), "en": compiled(r"[.!?](?=\s+[A-Z\"“]|\s*$)")}
_YEAR = compiled(rf"(?<!\d)(?:19|20)\d{{2}}(?!\d)|{_ZH_YEAR_DIGITS}(?=\s*年)")
_TERMINAL = compiled(r"[。！？.!?；;]\s*$")
#: Longest line read as a heading that names a year ("2015 年大事紀要").
_HEADING = {"zh": 30, "en": 80}
#: Longest line read as an item's headline: about two lines of a news page.
_HEADLINE = {"zh": 40, "en": 120}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    #: (year or None, month, day) for each day named, ranges expanded.
    days: tuple[tuple[int | None, int, int], ...]
    #: The year was not written but taken from the document (``with_year``).
    inferred: bool = False

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

    def with_year(self, year: int | None) -> DateMention:
        """The mention with ``year`` for the days that have none, marked inferred.

        A range over the new year (``12月30日至1月2日``) keeps its order: days of
        a month before the first day's belong to the year after.
        """
        if self.full or year is None:
            return self
        first = self.days[0][1]
        days = tuple((y or (year + 1 if m < first else year), m, d) for y, m, d in self.days)
        if not all(_valid(y, m, d) for y, m, d in days):
            return self
        return replace(self, days=days, inferred=True)


def find_dates(text: str, lang: str) -> list[DateMention]:
    return list(_dates(text, lang))


@functools.lru_cache(maxsize=8192)
def _dates(text: str, lang: str) -> tuple[DateMention, ...]:
    """Cached: an import asks about each paragraph's dates several times (where they
    lead, the year, anchors, checks). Parsing 2,016 paragraph pairs took 2.15 s
    without the cache and 1.7 s with it, as before leading dates came in."""
    found = _find_zh(text) if lang == "zh" else _find_en(text)
    found += [_iso(m) for m in _ISO.finditer(text)]
    return tuple(_without_overlaps([m for m in found if m.days]))


def full_dates(text: str, lang: str) -> list[DateMention]:
    return [m for m in find_dates(text, lang) if m.full]


def leading_date(text: str, lang: str) -> DateMention | None:
    """The date the paragraph opens with, if it is not one still to come.

    ``2018年11月3日，…``, ``【2018年11月3日】``, ``On 9 July, …``, ``BEIJING, July
    9 —``, ``Wednesday, 9 July 2015`` and a line that is only a date all lead;
    ``——2022年10月31日`` (a speech quoted), ``2020年1月1日起`` (a date of effect)
    and a date deeper in do not.
    """
    found = find_dates(text, lang)
    if not found or not _LEAD_IN[lang].fullmatch(text, 0, found[0].start):
        return None
    m = found[0]
    return None if _future(text, m, lang) or _CITED_AFTER[lang].match(text, m.end) else m


def lead_sentence_date(text: str, lang: str) -> DateMention | None:
    """The full date a news lead reports in its first sentence, if neither cited nor to come.

    ``…一行19人于2018年11月20日—22日來渝進行訪問。`` / ``…visited Chongqing from
    November 20 to 22, 2018.``: the date is mid-sentence, but it is the event's.
    """
    end = _SENTENCE_END[lang].search(text)
    sentence = text[: end.end()] if end else text
    for m in full_dates(sentence, lang):
        if not (_cited(sentence, m, lang) or _future(sentence, m, lang)):
            return m
    return None


def is_headline(text: str, lang: str) -> bool:
    """A short line that ends no sentence and is neither a date line nor a heading naming
    a year: the headline of the item below it (``重慶與辛辛那提簽署備忘錄``)."""
    text = text.strip()
    return (0 < len(text) <= _HEADLINE[lang] and not _TERMINAL.search(text)
            and not is_date_line(text, lang) and heading_year(text, lang) is None)


def is_date_line(text: str, lang: str) -> bool:
    """The line holds nothing but dates and weekdays: ``7 月 9 日（星期三）``, ``(Wednesday)``."""
    rest = WEEKDAYS[lang].sub("", _without_spans(text, find_dates(text, lang)))
    return bool(text.strip()) and not re.sub(r"[\W_]", "", rest)


def heading_year(text: str, lang: str) -> int | None:
    """The year a short heading names (``2015 年大事紀要``, ``Chronology of Events 2015``)."""
    text = text.strip()
    if len(text) > _HEADING.get(lang, 0) or _TERMINAL.search(text) or find_dates(text, lang):
        return None
    years = {_year(y) for y in _YEAR.findall(text)}
    return years.pop() if len(years) == 1 else None


def year_context(lines: Sequence[tuple[str, str]]) -> list[int | None]:
    """For each line (text, lang) in file order, the year its yearless dates take.

    A reader takes the year from the nearest heading or dateline above the date
    (same language first, as a Chinese block and an English block each have
    their own); failing that from the nearest full date in the file, before it
    or else after it.
    """
    anchors = [heading_year(t, lang) or _lead_year(t, lang) for t, lang in lines]
    anywhere = [next((m.days[0][0] for m in full_dates(t, lang)), None) for t, lang in lines]
    above_same = _carried(anchors, [lang for _, lang in lines])
    above_any = _carried(anchors, ["*"] * len(lines))
    before = _carried(anywhere, ["*"] * len(lines))
    after = _carried(anywhere[::-1], ["*"] * len(lines))[::-1]
    chosen = zip(above_same, above_any, before, after, strict=True)
    return [a or b or c or d for a, b, c, d in chosen]


def _lead_year(text: str, lang: str) -> int | None:
    lead = leading_date(text, lang)
    return lead.days[0][0] if lead and lead.full else None


def _carried(values: Sequence[int | None], keys: Sequence[str]) -> list[int | None]:
    """Each position's latest value so far among the positions of its key."""
    latest: dict[str, int] = {}
    out = []
    for value, key in zip(values, keys, strict=True):
        if value:
            latest[key] = value
        out.append(latest.get(key))
    return out


def _cited(text: str, m: DateMention, lang: str) -> bool:
    before, after = text[: m.start], text[m.end:]
    return bool(_CITED_BEFORE[lang].search(before) or _CITED_AFTER[lang].match(after)
                or _ATTRIBUTIVE[lang].match(after) or _inside_quotes(before))


def _future(text: str, m: DateMention, lang: str) -> bool:
    return bool(_FUTURE_BEFORE[lang].search(text, 0, m.start)
                or _FUTURE_AFTER[lang].match(text, m.end))


def _inside_quotes(before: str) -> bool:
    """An opening quote, bracket or book title mark before the date is not closed yet."""
    for opening, closing in _QUOTES.items():
        if opening == closing and before.count(opening) % 2:
            return True
        if opening != closing and before.count(opening) > before.count(closing):
            return True
    return False


def _without_spans(text: str, found: Sequence[DateMention]) -> str:
    out, pos = [], 0
    for m in found:
        out.append(text[pos:m.start])
        pos = m.end
    return "".join(out) + text[pos:]


def _year(written: str) -> int | None:
    return to_int(written.translate(_ZERO_LIKE))


def _find_zh(text: str) -> list[DateMention]:
    out = []
    for head in _ZH_HEAD.finditer(text):
        year = _year(head["y"]) if head["y"] else None
        month, day = to_int(head["m"]), to_int(head["d"])
        parts = [(None, year, month, day)]
        end = head.end()
        while (tail := _ZH_TAIL.match(text, end)) and _continues(tail, parts[-1]):
            m = to_int(tail["m"]) if tail["m"] else parts[-1][2]
            y = to_int(tail["y"]) if tail["y"] else _carried_year(parts[-1], m)
            parts.append((tail["sep"], y, m, to_int(tail["d"])))
            end = tail.end()
        out.append(DateMention(head.start(), end, _expand(parts)))
    return out


def _continues(tail: re.Match[str], before: tuple[str | None, int | None, int | None, int | None]
               ) -> bool:
    """A day after a comma continues the list only counting up: in
    ``2018年11月27日，7號風球`` the 7 is a typhoon signal, not 7 November. After
    ``、`` or ``和`` it is a list in any order."""
    if tail["m"] or tail["y"] or tail["sep"] not in ("，", ","):
        return True
    day = to_int(tail["d"])
    return day is not None and before[3] is not None and day > before[3]


def _find_en(text: str) -> list[DateMention]:
    return _month_first(text) + _day_first(text)


def _month_first(text: str) -> list[DateMention]:
    out = []
    for head in _EN_HEAD.finditer(text):
        parts = [(None, None, _month(head["m"]), _day(head["d"]))]
        end = head.end()
        while tail := _EN_TAIL.match(text, end):
            m = _month(tail["m"]) if tail["m"] else parts[-1][2]
            parts.append((tail["sep"].lower(), None, m, _day(tail["d"])))
            end = tail.end()
        out.append(_with_written_year(text, end, head.start(), parts))
    return out


def _day_first(text: str) -> list[DateMention]:
    """``9 July``, ``22-23 March 2016``, ``1, 2 and 3 March``, ``30 June to 2 July 2015``."""
    out = []
    for head in _EN_DAY_FIRST.finditer(text):
        month = _month(head["m"])
        parts: list[tuple[str | None, int | None, int | None, int | None]] = []
        sep = None
        for lead in _EN_LEAD_DAY.finditer(head["lead"] or ""):
            parts.append((sep, None, month, _day(lead["d"])))
            sep = lead["sep"].lower()
        parts.append((sep, None, month, _day(head["d"])))
        end = head.end()
        while tail := _EN_DAY_FIRST_TAIL.match(text, end):
            parts.append((tail["sep"].lower(), None, _month(tail["m"]), _day(tail["d"])))
            end = tail.end()
        out.append(_with_written_year(text, end, head.start(), parts))
    return out


def _with_written_year(text: str, end: int, start: int,
                       parts: list[tuple[str | None, int | None, int | None, int | None]]
                       ) -> DateMention:
    """The mention, with the year that follows it (``, 2018``) if one does."""
    if year := _EN_YEAR.match(text, end):
        y = int(year["y"])
        dated: list[tuple[str | None, int | None, int | None, int | None]] = []
        for sep, _, m, d in reversed(parts):  # December 30 - January 2, 2016: 2015 first
            if dated and m is not None and dated[0][2] is not None and m > dated[0][2]:
                y -= 1
            dated.insert(0, (sep, y, m, d))
        parts, end = dated, year.end()
    return DateMention(start, end, _expand(parts))


def _carried_year(before: tuple[str | None, int | None, int | None, int | None],
                  month: int | None) -> int | None:
    """The year of a Chinese tail that states none: the one before it, or the next
    when its month comes earlier (``2015年12月30日至1月2日`` ends in 2016)."""
    year, previous = before[1], before[2]
    if year and month is not None and previous is not None and month < previous:
        return year + 1
    return year


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
            days[-1:] = _range(days[-1], (y, m, d))
        else:
            days.append((y, m, d))
    return tuple(dict.fromkeys(days))


def _range(a: tuple[int | None, int, int], b: tuple[int | None, int, int]
           ) -> list[tuple[int | None, int, int]]:
    """The days from ``a`` to ``b``, both included.

    A range whose end comes before its start in the calendar crosses the new year
    (``2015年12月30日至1月2日``, ``December 30 - January 2, 2016``): the year the
    range states goes to its own end, the one next to it to the other.
    """
    ay, by = a[0], b[0]
    crosses = (b[1], b[2]) < (a[1], a[2])
    if crosses and ay and not by:
        by = ay + 1
    elif crosses and by and not ay:
        ay = by - 1
    # Without a year: 2000 is a leap year, so 29 February survives, and a crossing
    # runs from 1999 into it; the days keep no year (``with_year`` gives them one).
    end_year = by or ay or 2000
    start_year = ay or (end_year - 1 if crosses else end_year)
    try:
        start, end = date(start_year, a[1], a[2]), date(end_year, b[1], b[2])
    except ValueError:  # 29 February in the year a crossing gave
        return [a, b]
    if end < start or (end - start).days > _MAX_RANGE_DAYS:
        return [a, b]
    out = []
    day = start
    while day <= end:
        out.append((day.year if ay or by else None, day.month, day.day))
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
