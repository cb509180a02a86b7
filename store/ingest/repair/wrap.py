"""Line breaks inside a hard-wrapped paragraph.

English lines join with a space. Chinese lines join with nothing, unless the
break stood between two Latin words with a space beside it (``HKTDC \n office``).
"""

from __future__ import annotations

import re

from store.ingest.textmap import MappedText
from store.lang.patterns import compiled

_BREAK = compiled(r"[ \t\u3000]*\n[ \t\u3000]*")


def unwrap_en(text: MappedText) -> None:
    text.sub(_BREAK, lambda m: " ", "wrap")


def unwrap_zh(text: MappedText) -> None:
    def repl(m: re.Match[str]) -> str:
        s = m.string
        spaced = m.group() != "\n"
        latin = m.start() > 0 and m.end() < len(s) and all(
            c.isascii() and c.isalnum() for c in (s[m.start() - 1], s[m.end()]))
        return " " if spaced and latin else ""

    text.sub(_BREAK, repl, "wrap")
