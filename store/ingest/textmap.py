"""Text under repair that remembers where each of its characters came from.

Repairs run one after another (annotations, then width, then spacing...), each
on the output of the last. To record every repair against the raw line, and to
map a damaged span back to the raw text, the text is kept as pieces: runs copied
unchanged from the raw line, and replacements that name the repair that made
them. A later edit that touches an earlier replacement absorbs it, so the
pieces always tile the raw line exactly.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from store.model import Repair

#: (start, end, replacement) in the coordinates of the current text.
Edit = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class _Piece:
    raw_start: int
    raw_end: int
    text: str
    kind: str | None  # None: copied from the raw text unchanged


class MappedText:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._pieces = [_Piece(0, len(raw), raw, None)] if raw else []
        self._text = raw

    @property
    def text(self) -> str:
        return self._text

    def edit(self, edits: Iterable[Edit], kind: str) -> None:
        """Apply non-overlapping edits, given in current-text coordinates, in one pass."""
        ordered = sorted(edits)
        if not ordered:
            return
        for (_, prev_end, _), (start, _, _) in itertools.pairwise(ordered):
            if start < prev_end:
                raise ValueError("overlapping edits")
        cuts = sorted({pos for s, e, _ in ordered for pos in (s, e)})
        pieces = self._split(cuts)
        self._pieces = self._replace(pieces, ordered, kind)
        self._text = "".join(p.text for p in self._pieces)

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str | None],
            kind: str) -> None:
        """Regex substitution as a recorded repair; ``repl`` returns None to leave a match."""
        edits = []
        for m in pattern.finditer(self._text):
            new = repl(m)
            if new is not None and new != m.group():
                edits.append((m.start(), m.end(), new))
        self.edit(edits, kind)

    def to_raw(self, pos: int, *, end: bool = False) -> int:
        """Raw position of a text position; a position inside a replacement maps to its edge."""
        offset = 0
        for p in self._pieces:
            n = len(p.text)
            if pos < offset + n or (pos == offset + n and end):
                if p.kind is None:
                    return p.raw_start + (pos - offset)
                return p.raw_end if end else p.raw_start
            offset += n
        return len(self.raw)

    def repairs(self) -> tuple[Repair, ...]:
        out = []
        offset = 0
        for p in self._pieces:
            if p.kind is not None:
                out.append(Repair(
                    p.kind, (p.raw_start, p.raw_end), self.raw[p.raw_start:p.raw_end],
                    p.text, (offset, offset + len(p.text)),
                ))
            offset += len(p.text)
        return tuple(out)

    def _split(self, cuts: list[int]) -> list[_Piece]:
        """Split unchanged pieces at every cut so edits can take whole pieces."""
        out: list[_Piece] = []
        offset = 0
        ci = 0
        for p in self._pieces:
            end = offset + len(p.text)
            while ci < len(cuts) and cuts[ci] <= offset:
                ci += 1
            if p.kind is None:
                start = offset
                while ci < len(cuts) and cuts[ci] < end:
                    cut = cuts[ci]
                    a, b = start - offset, cut - offset
                    out.append(_Piece(p.raw_start + a, p.raw_start + b, p.text[a:b], None))
                    start = cut
                    ci += 1
                a = start - offset
                out.append(_Piece(p.raw_start + a, p.raw_end, p.text[a:], None))
            else:
                out.append(p)
            offset = end
        return out

    def _replace(self, pieces: list[_Piece], edits: list[Edit], kind: str) -> list[_Piece]:
        out: list[_Piece] = []
        i, pos = 0, 0
        for start, end, new in edits:
            while i < len(pieces) and pos + len(pieces[i].text) <= start:
                pos += len(pieces[i].text)
                out.append(pieces[i])
                i += 1
            taken: list[_Piece] = []
            while i < len(pieces) and (
                pos < end if start < end else pos < start < pos + len(pieces[i].text)
            ):
                pos += len(pieces[i].text)
                taken.append(pieces[i])
                i += 1
            if taken:
                raw_start, raw_end = taken[0].raw_start, taken[-1].raw_end
            else:  # a pure insertion takes the raw position it sits at
                raw_start = raw_end = out[-1].raw_end if out else 0
            kinds = dict.fromkeys(p.kind for p in taken if p.kind)
            kinds[kind] = None
            out.append(_Piece(raw_start, raw_end, new, "+".join(kinds)))
        out.extend(pieces[i:])
        return out
