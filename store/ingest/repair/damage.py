"""Find text that was lost before the file reached us, and say exactly where.

Nothing here repairs: a damaged span is flagged so the reader shows it as
damage and a person (or a later, consented recovery) decides.

The sample's Chinese damage comes from a GBK byte stream read one byte off:
bytes that fit no character became ``?``, the rest paired into the wrong
characters until an ASCII byte put the reading back in step. So a damaged span
is a cluster of ``?`` runs with the few wrong characters between them, and it
reaches on to a stray Latin letter that closes the slip (``??松骄头e極落實``).
"""

from __future__ import annotations

import re

from store.ingest.textmap import MappedText
from store.lang.script import HAN
from store.model import Damage

_LOST = re.compile(r"\?+|\ufffd+")
#: Most characters that can sit between two runs of one damaged stretch.
_MAX_GAP = 4
_GAP_BREAK = re.compile(r"[\s。，、；：！？]")
#: A stray Latin letter between Han characters just after a damaged stretch.
_RESYNC = re.compile(rf"[{HAN}]{{0,{_MAX_GAP}}}?(?<=[{HAN}])[A-Za-z](?=[{HAN}])")
_QUESTION_END = re.compile(r"\s|$|[”」』\"'）)]")
_EN_DAMAGE = re.compile(
    r"\ufffd+|(?<=[A-Za-z])\?+(?=[A-Za-z])|\?{2,}"
    r"|(?:Ã[\u0080-\u00bf]|â€[\u0080-\u00bf\u2018-\u201e\u2122\u0153\u0161]|Â(?=[\u00a0-\u00bf]))+"
)


def find_damage(text: MappedText, lang: str) -> tuple[Damage, ...]:
    spans = _zh_spans(text.text) if lang == "zh" else [m.span() for m in
                                                        _EN_DAMAGE.finditer(text.text)]
    out = []
    for start, end in spans:
        piece = text.text[start:end]
        kind = "lost" if not piece.strip("?\ufffd") else "mojibake"
        raw_span = (text.to_raw(start), text.to_raw(end, end=True))
        out.append(Damage(kind, (start, end), raw_span, piece))
    return tuple(out)


def _zh_spans(s: str) -> list[tuple[int, int]]:
    clusters: list[list[int]] = []
    for m in _LOST.finditer(s):
        if clusters and m.start() - clusters[-1][1] <= _MAX_GAP and not _GAP_BREAK.search(
            s, clusters[-1][1], m.start()
        ):
            clusters[-1][1] = m.end()
        else:
            clusters.append([m.start(), m.end()])
    spans = []
    for start, end in clusters:
        if _is_question_mark(s, start, end):
            continue
        resync = _RESYNC.match(s, end)
        spans.append((start, resync.end() if resync else end))
    return spans


def _is_question_mark(s: str, start: int, end: int) -> bool:
    """A single ``?`` closing a sentence (before a space, a quote or the end) is punctuation."""
    return end - start == 1 and s[start] == "?" and bool(_QUESTION_END.match(s, end))
