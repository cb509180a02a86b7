"""A short title for each side of an entry: its lead sentence without the date.

``2018年11月12日，重慶市與美國辛辛那提市…簽署…備忘錄。`` becomes
``重慶市與美國辛辛那提市…簽署…備忘錄``; ``…visited Chongqing from November 20
to 22, 2018.`` becomes ``…visited Chongqing``. Titles are cut at a clause or
word boundary when long, so a list row stays one line.
"""

from __future__ import annotations

import re

from store.lang.dates import find_dates

_MAX = {"zh": 36, "en": 90}
_ZH_SENTENCE = re.compile(r"[^。！？]*[。！？]?")
# A period ends a sentence unless it closes an abbreviation or an initial.
_EN_SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bCo)(?<!\bSt)(?<!\bNo)(?<!\bJr)"
    r"(?<!\b[A-Z])[.!?](?=\s+[A-Z\"“]|$)"
)
_ZH_LEAD_IN = r"(?:於|于|在|自|從|从|至|到)?"
_EN_LEAD_IN = r"(?:\b(?:[Oo]n|[Ff]rom|[Bb]etween|[Ii]n|[Dd]uring)\s+)?"
_ZH_CLAUSE = re.compile(r"[，、；：]")
_TRIM = " ，,、；;：:。.!！?？"


def title(text: str, lang: str) -> str:
    sentence = _lead_sentence(text, lang)
    sentence = _without_dates(sentence, lang).strip(_TRIM)
    if lang == "en" and sentence:
        sentence = sentence[0].upper() + sentence[1:]
    return _shorten(sentence, lang)


def _lead_sentence(text: str, lang: str) -> str:
    if lang == "zh":
        return _ZH_SENTENCE.match(text).group()  # type: ignore[union-attr]
    end = _EN_SENTENCE_END.search(text)
    return text[: end.end()] if end else text


def _without_dates(s: str, lang: str) -> str:
    lead_in = re.compile((_ZH_LEAD_IN if lang == "zh" else _EN_LEAD_IN) + r"$")
    out, pos = [], 0
    for m in find_dates(s, lang):
        if not m.full:
            continue
        before = s[pos:m.start]
        cut = lead_in.search(before)
        out.append(before[: cut.start()] if cut else before)
        pos = m.end
        while pos < len(s) and s[pos] in " ，,":
            pos += 1
    out.append(s[pos:])
    return re.sub(r"\s{2,}", " ", "".join(out))


def _shorten(s: str, lang: str) -> str:
    limit = _MAX[lang]
    if len(s) <= limit:
        return s
    if lang == "zh":
        clauses = [m.start() for m in _ZH_CLAUSE.finditer(s, 0, limit) if m.start() >= limit // 2]
        return s[: clauses[-1]] if clauses else s[: limit - 1] + "…"
    cut = s.rfind(" ", 0, limit - 1)
    return s[: cut if cut > limit // 2 else limit - 1].rstrip(_TRIM) + "…"
