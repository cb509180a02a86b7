"""Full-width and half-width forms, each put where its language sets it.

Chinese text takes full-width punctuation (the bulletin's ASCII commas and
parentheses are a conversion artefact) and half-width letters and digits;
English text takes ASCII throughout. Only marks that touch Chinese text change
(``1,000`` stays a number), and ``?`` is left alone: in Chinese text it is almost
always a lost byte, which is damage to flag, not punctuation to convert.
"""

from __future__ import annotations

import re
import unicodedata

from store.ingest.textmap import Edit, MappedText
from store.lang.patterns import compiled
from store.lang.script import CJK_PUNCT, HAN

_FULLWIDTH_ALNUM = compiled(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_CJK = f"{HAN}{CJK_PUNCT}"
# ASCII punctuation touching Chinese text on either side, spaces after it dropped.
_ZH_PUNCT = compiled(rf"(?<=[{_CJK}])([,;:!]) ?|([,;:!]) ?(?=[{_CJK}])")
_ZH_PAREN = compiled(r"\(([^()\n]*)\)")
_HAN_RE = compiled(f"[{HAN}]")
_EN_PUNCT = str.maketrans({"、": ",", "。": "."})
_EN_FULLWIDTH = compiled(r"[\uff01-\uff5e\u3000、。]")


def normalise_zh(text: MappedText) -> None:
    text.sub(_FULLWIDTH_ALNUM, lambda m: unicodedata.normalize("NFKC", m.group()), "width")
    text.sub(_ZH_PUNCT, _zh_punct, "width")
    text.edit(_zh_paren_edits(text.text), "width")


def normalise_en(text: MappedText) -> None:
    text.sub(_EN_FULLWIDTH, lambda m: unicodedata.normalize("NFKC", m.group().translate(_EN_PUNCT)),
             "width")


def _zh_punct(m: re.Match[str]) -> str:
    return (m.group(1) or m.group(2)).translate(_TO_FULL)


_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！"})


def _zh_paren_edits(s: str) -> list[Edit]:
    """Parentheses around or beside Chinese text become full-width, content untouched."""
    edits: list[Edit] = []
    for m in _ZH_PAREN.finditer(s):
        before = s[m.start() - 1] if m.start() else ""
        if _HAN_RE.search(m.group(1)) or _HAN_RE.match(before):
            edits.append((m.start(), m.start() + 1, "（"))
            edits.append((m.end() - 1, m.end(), "）"))
    return edits
