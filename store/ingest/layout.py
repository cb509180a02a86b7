"""Where the Chinese and the English are in a file, and what belongs to neither.

Bulletins come as a Chinese block then an English block (the sample), the
reverse, or alternating paragraphs. Taking each language's paragraphs in file
order serves all three; alignment pairs them afterwards.

Only lines that are clearly furniture are set aside (kept on the source, not
forced into an entry): a photo credit, a page number, a running header (a
short line repeated on every page), a line with no letters (a rule of
dashes). Everything else is content, a block's first line included: a
headline or a bare date line at the top of a language block is text that has
its translation in the other block. Setting aside a short first line as a
"heading" on the evidence of its shape alone dropped real headlines on one
side while their translations stayed on the other, which shifted every pair
after them (issue 13); so the first lines of the two language blocks are set
aside together or not at all. Only a credit, which names itself ("圖片/",
"Photo:"), and a line with no letters are set aside on their own evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from store.lang.dates import is_date_line
from store.lang.patterns import compiled
from store.lang.script import classify
from store.model import Furniture

_LINE_BREAK = compiled(r"\r\n|\r|\n")
_TERMINAL = compiled(r"[。！？.!?;；”\"」』)）]\s*$")
_CREDIT = compiled(
    r"^\s*(?:圖片|图片|攝影|摄影|圖|图|來源|来源|責任編輯|责任编辑|編輯|编辑|供圖|供图"
    r"|photos?|pictures?|images?|source|editor|credits?)\s*[/:：／|]",
    re.IGNORECASE,
)
_PAGE_NUMBER = compiled(
    r"^\s*(?:第\s*\d+\s*[页頁]|[-–—]\s*\d+\s*[-–—]|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?)\s*$",
    re.IGNORECASE,
)
#: Longest line that can be a credit or a header rather than a paragraph.
_SHORT = {"zh": 30, "en": 80, "other": 10**9}
#: A short line met this often is a running header or footer, not text: a
#: title printed twice (above the text and once more) stays content.
_RUNNING = 3
#: Reasons that stand on a line's own evidence, whatever the other block shows.
_CERTAIN = frozenset({"credit", "no text"})


@dataclass(frozen=True, slots=True)
class RawParagraph:
    raw: str
    line: int
    lang: str


@dataclass(frozen=True, slots=True)
class Layout:
    zh: tuple[RawParagraph, ...]
    en: tuple[RawParagraph, ...]
    furniture: tuple[Furniture, ...]
    order: str


def arrange(text: str) -> Layout:
    paras = _paragraphs(text)
    counts = Counter(p.raw.strip() for p in paras)
    furniture = {i: why for i, p in enumerate(paras)
                 if (why := _furniture(p, counts[p.raw.strip()] >= _RUNNING))}
    if _order(paras) != "interleaved":
        _decide_first_lines_together(paras, furniture)
    kept = [p for i, p in enumerate(paras) if i not in furniture]
    return Layout(
        zh=tuple(p for p in kept if p.lang == "zh"),
        en=tuple(p for p in kept if p.lang == "en"),
        furniture=tuple(
            Furniture(paras[i].line, paras[i].raw, paras[i].lang, why)
            for i, why in sorted(furniture.items())
        ),
        order=_order(kept),
    )


def _paragraphs(text: str) -> list[RawParagraph]:
    """Non-blank lines, or blank-separated blocks when the file is hard-wrapped."""
    lines = _LINE_BREAK.split(text)
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(lines, 1):
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    if not _hard_wrapped(blocks):
        return [RawParagraph(line, n, classify(line)) for b in blocks for n, line in b]
    out = []
    for block in blocks:
        run: list[tuple[int, str]] = []
        for n, line in block:
            if run and ({classify(line), classify(run[0][1])} == {"zh", "en"}
                        or (len(run) == 1 and _dated(run[0][1]))):
                out.append(_join(run))  # the language changes, or a date line heads it
                run = []
            run.append((n, line))
        out.append(_join(run))
    return out


def _dated(line: str) -> bool:
    """A line of only a date (``7 月 9 日``, ``9 July``): atop a block it heads what
    follows, not the first half of a wrapped line; inside a wrapped sentence
    (``會談於`` / ``7月10日`` / ``繼續進行``) it is a wrapped line like any other."""
    lang = classify(line)
    return lang in ("zh", "en") and is_date_line(line, lang)


def _hard_wrapped(blocks: list[list[tuple[int, str]]]) -> bool:
    """Blank lines separate paragraphs and most lines inside a block stop mid-sentence."""
    inner = [line for b in blocks for _, line in b[:-1] if not _dated(line)]
    if len(blocks) < 2 or not inner:
        return False
    open_ended = sum(1 for line in inner if not _TERMINAL.search(line))
    return open_ended * 2 > len(inner)


def _join(run: list[tuple[int, str]]) -> RawParagraph:
    raw = "\n".join(line for _, line in run)
    return RawParagraph(raw, run[0][0], classify(raw))


def _furniture(p: RawParagraph, running: bool) -> str | None:
    """Why paragraph ``p`` is clearly no text of the bulletin, or None."""
    if p.lang == "other":
        return "no text"
    if len(p.raw.strip()) > _SHORT[p.lang]:
        return None
    if _CREDIT.search(p.raw):
        return "credit"
    if _PAGE_NUMBER.match(p.raw):
        return "page number"
    return "running header" if running and not _TERMINAL.search(p.raw) else None


def _decide_first_lines_together(paras: list[RawParagraph], furniture: dict[int, str]) -> None:
    """Keep both blocks' first lines unless both are set aside (or one is certain furniture).

    A line set aside on one side while its translation is kept on the other
    would leave the aligner one paragraph short on that side.
    """
    firsts: dict[str, int] = {}
    for i, p in enumerate(paras):
        if p.lang in ("zh", "en") and furniture.get(i) not in _CERTAIN:
            firsts.setdefault(p.lang, i)
    pair = [firsts[lang] for lang in ("zh", "en") if lang in firsts]
    if len(pair) == 2 and sum(i in furniture for i in pair) == 1:
        for i in pair:
            furniture.pop(i, None)


def _order(paras: list[RawParagraph]) -> str:
    """'zh-en', 'en-zh', 'zh', 'en' or 'interleaved': the file's language blocks."""
    text = [p for p in paras if p.lang != "other"]
    runs = [p.lang for k, p in enumerate(text) if k == 0 or text[k - 1].lang != p.lang]
    if len(runs) <= 2:
        return "-".join(runs)
    return "interleaved"
