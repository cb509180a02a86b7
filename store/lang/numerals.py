"""Chinese numerals as numbers: 十五 = 15, 二〇一八 = 2018, 兩千 = 2000.

Dates and anchors compare numbers across the two languages, and Chinese
writes them either way. A small parser is enough for the counts and dates of
news text; it returns None for anything it does not understand.
"""

from __future__ import annotations

from store.lang.patterns import compiled

#: ○ (a white circle) is the zero Taiwan's laws type: 二○一八, ○．四公分.
_DIGITS = ({c: i for i, c in enumerate("〇一二三四五六七八九")}
           | {"零": 0, "○": 0, "两": 2, "兩": 2})
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_MYRIADS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
NUMERAL_CHARS = "".join([*_DIGITS, *_UNITS, *_MYRIADS])
_ARABIC = compiled(r"\d+")


#: Longer than this is no number a text states (and past 4,300 digits ``int`` refuses).
LONGEST = 30


def to_int(s: str) -> int | None:
    if len(s) > LONGEST:
        return None
    if _ARABIC.fullmatch(s):
        return int(s)
    if not s or any(c not in _DIGITS and c not in _UNITS and c not in _MYRIADS for c in s):
        return None
    if all(c in _DIGITS for c in s):  # read digit by digit: 二〇一八
        return int("".join(str(_DIGITS[c]) for c in s))
    total, section, digit, last = 0, 0, None, 0
    for c in s:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        elif (myriad := _MYRIADS[c]) > last:  # 三萬億: ten thousand times 10^8
            total, last = (total + section + (digit or 0)) * myriad, myriad
            section, digit = 0, None
        else:  # 一億三千萬: 10^8, then 3000 times 10^4
            total += (section + (digit or 0)) * myriad
            section, digit = 0, None
    return total + section + (digit or 0)
