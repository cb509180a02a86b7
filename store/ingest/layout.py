"""Where the Chinese and the English are in a file, and what belongs to neither.

Bulletins come as a Chinese block then an English block (the sample), the
reverse, or alternating paragraphs. Taking each language's paragraphs in file
order serves all three; alignment pairs them afterwards. Lines that carry no
event (a photo credit, a header, a rule of dashes) are kept on the source as
furniture rather than forced into an entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.lang.script import classify
from store.model import Furniture

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TERMINAL = re.compile(r"[。！？.!?;；”\"」』)）]\s*$")
_CREDIT = re.compile(
    r"^\s*(?:圖片|图片|攝影|摄影|圖|图|來源|来源|責任編輯|责任编辑|編輯|编辑|供圖|供图"
    r"|photos?|pictures?|images?|source|editor|credits?)\s*[/:：／|]",
    re.IGNORECASE,
)
#: Longest line that can be a credit or a header rather than a paragraph.
_SHORT = {"zh": 30, "en": 80, "other": 10**9}


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
    blocks = _order(paras) != "interleaved"
    furniture = {i: why for i, p in enumerate(paras) if (why := _furniture(paras, i, blocks))}
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
            if run and {classify(line), classify(run[0][1])} == {"zh", "en"}:
                out.append(_join(run))  # the language changes: a new paragraph
                run = []
            run.append((n, line))
        out.append(_join(run))
    return out


def _hard_wrapped(blocks: list[list[tuple[int, str]]]) -> bool:
    """Blank lines separate paragraphs and most lines inside a block stop mid-sentence."""
    inner = [line for b in blocks for _, line in b[:-1]]
    if len(blocks) < 2 or not inner:
        return False
    open_ended = sum(1 for line in inner if not _TERMINAL.search(line))
    return open_ended * 2 > len(inner)


def _join(run: list[tuple[int, str]]) -> RawParagraph:
    raw = "\n".join(line for _, line in run)
    return RawParagraph(raw, run[0][0], classify(raw))


def _furniture(paras: list[RawParagraph], i: int, blocks: bool) -> str | None:
    """Why paragraph i carries no event, or None.

    Credits are recognised anywhere; in a file of language blocks, a short line
    with no closing punctuation at the edge of a block is a heading or footer.
    """
    p = paras[i]
    if p.lang == "other":
        return "no text"
    if len(p.raw.strip()) > _SHORT[p.lang]:
        return None
    if _CREDIT.search(p.raw):
        return "credit"
    if not blocks or _TERMINAL.search(p.raw) or len(paras) <= 2:
        return None
    first = i == 0 or paras[i - 1].lang != p.lang
    last = i == len(paras) - 1 or paras[i + 1].lang != p.lang
    return "heading" if first else "footer" if last else None


def _order(paras: list[RawParagraph]) -> str:
    """'zh-en', 'en-zh', 'zh', 'en' or 'interleaved': the file's language blocks."""
    text = [p for p in paras if p.lang != "other"]
    runs = [p.lang for k, p in enumerate(text) if k == 0 or text[k - 1].lang != p.lang]
    if len(runs) <= 2:
        return "-".join(runs)
    return "interleaved"
