"""A short title for each side of an entry: its lead sentence without the date.

``2018年11月12日，重慶市與美國辛辛那提市…簽署…備忘錄。`` becomes
``重慶市與美國辛辛那提市…簽署…備忘錄``; ``…visited Chongqing from November 20
to 22, 2018.`` becomes ``…visited Chongqing``. Titles are cut at a clause or
word boundary when long, so a list row stays one line. A date line and its
weekday (``7 月 9 日``, ``（星期三）``) are the entry's date, not its title: the
title comes from the first paragraph that says more (``entry_title``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from store.lang.dates import WEEKDAYS, find_dates, is_date_line, leading_date
from store.lang.patterns import compiled

_MAX = {"zh": 36, "en": 90}
_ZH_SENTENCE = compiled(r"[^。！？]*[。！？]?")
#: A period ends a sentence unless it closes an abbreviation, an initial or an item's
#: label ("3. The length ...": an entry of a numbered list was titled "3").
_EN_SENTENCE_END = compiled(
    r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bCo)(?<!\bSt)(?<!\bNo)(?<!\bJr)"
    r"(?<!\b[A-Z])(?<!^\d)(?<!^\d\d)[.!?](?=\s+[A-Z\"“]|$)"
)
_ZH_LEAD_IN = r"(?:於|于|在|自|從|从|至|到)?"
_EN_LEAD_IN = r"(?:\b(?:[Oo]n|[Ff]rom|[Bb]etween|[Ii]n|[Dd]uring)\s+)?"
_ZH_CLAUSE = compiled(r"[，、；：]")
_EMPTY_BRACKETS = compiled(r"\s*[(（]\s*[)）]")
_TRIM = " ，,、；;：:。.!！?？"


def title(text: str, lang: str) -> str:
    sentence = _lead_sentence(text, lang)
    sentence = _without_dates(sentence, lang).strip(_TRIM)
    if lang == "en" and sentence:
        sentence = sentence[0].upper() + sentence[1:]
    return _shorten(sentence, lang)


def entry_title(texts: Sequence[str], lang: str) -> str:
    """The title of an entry whose paragraphs are ``texts``: date lines are passed over.

    An entry of date lines only (``一月一日 2014年1月1日 星期三``, a holiday named
    by its date) is titled by its first line as written.
    """
    found = next((title(t, lang) for t in texts if not is_date_line(t, lang)), "")
    return found or (_shorten(re.sub(r"\s+", " ", texts[0]).strip(), lang) if texts else "")


def _lead_sentence(text: str, lang: str) -> str:
    if lang == "zh":
        return _ZH_SENTENCE.match(text).group()  # type: ignore[union-attr]
    end = _EN_SENTENCE_END.search(text)
    return text[: end.end()] if end else text


def _without_dates(s: str, lang: str) -> str:
    """The sentence without its full dates, its leading date and what introduces them."""
    lead_in = compiled((_ZH_LEAD_IN if lang == "zh" else _EN_LEAD_IN) + r"$")
    lead = leading_date(s, lang)
    out, pos = [], 0
    for m in find_dates(s, lang):
        if not m.full and m != lead:
            continue
        before = "" if m == lead else s[pos:m.start]  # all before a leading date leads in
        cut = lead_in.search(before)
        out.append(before[: cut.start()] if cut else before)
        pos = m.end
        if weekday := WEEKDAYS[lang].match(s, pos):
            pos = weekday.end()
        while pos < len(s) and s[pos] in " ，,】〕]":
            pos += 1
    out.append(s[pos:])
    without = _EMPTY_BRACKETS.sub("", "".join(out))  # "today (April 19, 2013) for" lost its date
    return re.sub(r"\s{2,}", " ", without)


def _shorten(s: str, lang: str) -> str:
    limit = _MAX[lang]
    if len(s) <= limit:
        return s
    if lang == "zh":
        clauses = [m.start() for m in _ZH_CLAUSE.finditer(s, 0, limit) if m.start() >= limit // 2]
        return s[: clauses[-1]] if clauses else s[: limit - 1] + "…"
    cut = s.rfind(" ", 0, limit - 1)
    return s[: cut if cut > limit // 2 else limit - 1].rstrip(_TRIM) + "…"
