"""Pinyin readings that a simplified-to-traditional converter left after characters.

``美國(guó)`` is ``美國``: the converter annotated each character it changed. An
annotation is removed only when it is a reading of the character it follows
(pypinyin's heteronyms), so real parentheses such as ``中歐班列(重慶)`` or an
English gloss stay.
"""

from __future__ import annotations

import re

from store.ingest.textmap import MappedText
from store.lang.patterns import compiled
from store.lang.pinyin import readings
from store.lang.script import HAN

_ANNOTATION = compiled(
    rf"(?<=[{HAN}])[(（]([a-z\u00e0-\u00fc\u0101-\u01dc]{{1,7}})[)）]"
)


def strip_annotations(text: MappedText) -> None:
    def repl(m: re.Match[str]) -> str | None:
        char = m.string[m.start() - 1]
        return "" if m.group(1) in readings(char) else None

    text.sub(_ANNOTATION, repl, "annotation")
