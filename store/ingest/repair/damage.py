"""Find text that was lost before the file reached us, and say exactly where.

Nothing here repairs: a damaged span is flagged so the reader shows it as
damage and a person (or a later, consented recovery) decides.

The sample's Chinese damage comes from a GBK byte stream read one byte off:
bytes that fit no character became ``?``, the rest paired into the wrong
characters until an ASCII byte put the reading back in step. So a damaged span
is a cluster of ``?`` runs with the few wrong characters between them, and it
reaches on to a stray Latin letter that closes the slip (``??松骄头e極落實``).

A ``?`` that is punctuation is not damage. In 239,317 paragraphs of hansard text
(docs/eval-repairs.md) all 48 ASCII ``?`` in Chinese paragraphs were: ending an
English question (``trust this man?”``), in a URL's query string
(``page.asp?IDno=95``), or ending a Chinese question (``誰想當瘌痢?所以``,
``你有甚麼問題?``). So a lone ``?`` is punctuation when it closes a sentence
(before a space, a quote or the end), follows a Latin word, or ends a clause
that asks (a question word or particle such as 嗎, 呢, 甚麼, 誰, 會否, or an
A-not-A ``是不是``). A ``?`` in a run or a cluster of them, or a lone one in a
clause that asks nothing (``陳恒?議員``, a character the target encoding
lacked), stays damage. On those 48 the rule before this flagged 17, this one
none. In English text a ``?`` between letters is damage only before a small
letter (``Beijing?s``), so ``Why?Why?`` is two questions.
"""

from __future__ import annotations

import re

from store.ingest.textmap import MappedText
from store.lang.patterns import compiled
from store.lang.script import HAN
from store.model import Damage

_LOST = compiled(r"\?+|\ufffd+")
#: Most characters that can sit between two runs of one damaged stretch.
_MAX_GAP = 4
_GAP_BREAK = compiled(r"[\s。，、；：！？]")
#: A stray Latin letter between Han characters just after a damaged stretch.
_RESYNC = compiled(rf"[{HAN}]{{0,{_MAX_GAP}}}?(?<=[{HAN}])[A-Za-z](?=[{HAN}])")
_QUESTION_END = compiled(r"\s|$|[”」』\"'）)]")
#: An English question inside Chinese text: ``fair?你``, ``Why?Why?Tell me``.
_ENGLISH_QUESTION = compiled(r"(?<=[A-Za-z])\?(?![a-z])")
#: Where the clause a ``?`` closes begins.
_CLAUSE_START = compiled(r".*[。，、；：！？!;,:“”「」『』\s]", re.DOTALL)
_ASKS = compiled(
    r"[嗎吗呢誰谁哪怎]|(?<![那這这])[麼么]|(?<!任)何|否(?![則则])|(.)[不沒没]\1")
_URL = compiled(r"(?:https?://|www\.)[!-~]+|[A-Za-z0-9_/.-]+\?[A-Za-z0-9_%.-]+=[!-~]*")
_EN_DAMAGE = compiled(
    r"\ufffd+|(?<=[A-Za-z])\?+(?=[a-z])|\?{2,}"
    r"|(?:Ã[\u0080-\u00bf]|â€[\u0080-\u00bf\u2018-\u201e\u2122\u0153\u0161]|Â(?=[\u00a0-\u00bf]))+"
)


def find_damage(text: MappedText, lang: str) -> tuple[Damage, ...]:
    spans = _zh_spans(text.text) if lang == "zh" else _en_spans(text.text)
    out = []
    for start, end in spans:
        piece = text.text[start:end]
        kind = "lost" if not piece.strip("?\ufffd") else "mojibake"
        raw_span = (text.to_raw(start), text.to_raw(end, end=True))
        out.append(Damage(kind, (start, end), raw_span, piece))
    return tuple(out)


def _en_spans(s: str) -> list[tuple[int, int]]:
    urls = _urls(s)
    return [m.span() for m in _EN_DAMAGE.finditer(s) if not _inside(m.span(), urls)]


def _zh_spans(s: str) -> list[tuple[int, int]]:
    punctuation = _urls(s) + [m.span() for m in _ENGLISH_QUESTION.finditer(s)]
    clusters: list[list[int]] = []
    for m in _LOST.finditer(s):
        if _inside(m.span(), punctuation):
            continue
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
    """A lone ``?`` that closes a sentence, an English question or a clause that asks."""
    if end - start != 1 or s[start] != "?":
        return False
    if _QUESTION_END.match(s, end):
        return True
    head = _CLAUSE_START.match(s, 0, start)
    return bool(_ASKS.search(s, head.end() if head else 0, start))


def _urls(s: str) -> list[tuple[int, int]]:
    return [m.span() for m in _URL.finditer(s)]


def _inside(span: tuple[int, int], outer: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in outer)
