"""What lets an imported entry keep the identity it claims: its raw text and its repairs.

An entry's id and digest are those of its raw paragraphs (``store.ids``), and an
entry already in the archive is never replaced, so an import that kept a claimed
identity without checking it would let invented text stand in for a genuine
bulletin for good: the genuine file, imported later, is "already present". An
exchange file keeps an identity only when its own raw text produces the digest
and its text is that raw text with its repairs applied, each repair saying
truly what it replaced and with what.

JSON Lines carries the raw text and the repairs. TMX carries the repaired text
and, per ``<tuv>``, the repairs (``x-repairs``); ``undo`` takes the raw text
back from them.
"""

from __future__ import annotations

from collections.abc import Sequence

from store.model import Damage, Paragraph, Repair

#: One repair as TMX carries it: where it is in the text, what it replaced, what with, its kind.
Edit = tuple[int, str, str, str]


def misfit(p: Paragraph) -> int | None:
    """None when the paragraph's text is its raw text with its repairs applied, in order;
    else the number of the first repair that does not fit (``len(repairs)``: the rest of
    the text differs after the last)."""
    raw, text = p.raw, p.text
    r_pos = t_pos = 0
    for i, r in enumerate(p.repairs):
        (s0, s1), (a0, a1) = r.span, r.at
        if not (r_pos <= s0 <= s1 <= len(raw) and t_pos <= a0 <= a1 <= len(text)):
            return i
        if raw[r_pos:s0] != text[t_pos:a0] or raw[s0:s1] != r.before or text[a0:a1] != r.after:
            return i
        r_pos, t_pos = s1, a1
    return None if raw[r_pos:] == text[t_pos:] else len(p.repairs)


def undo(text: str, edits: Sequence[Edit]) -> tuple[str, tuple[Repair, ...]] | None:
    """The raw text and the repairs, from a repaired text and its repairs as TMX lists
    them; None when they do not fit the text (it was changed after bitext wrote it)."""
    parts: list[str] = []
    repairs: list[Repair] = []
    t_pos = r_len = 0
    for at, before, after, kind in edits:
        end = at + len(after)
        if not t_pos <= at <= end <= len(text) or text[at:end] != after:
            return None
        start = r_len + at - t_pos
        parts += [text[t_pos:at], before]
        repairs.append(Repair(kind, (start, start + len(before)), before, after, (at, end)))
        r_len, t_pos = start + len(before), end
    parts.append(text[t_pos:])
    return "".join(parts), tuple(repairs)


def with_raw(p: Paragraph, edits: Sequence[Edit]) -> Paragraph:
    """A paragraph read from its repaired text alone, given its raw text and repairs back
    when ``edits`` fit it; as it was when they do not."""
    undone = undo(p.text, edits)
    if undone is None:
        return p
    raw, repairs = undone
    damage = tuple(Damage(d.kind, d.span, (raw_position(repairs, d.span[0]),
                                           raw_position(repairs, d.span[1], end=True)), d.text)
                   for d in p.damage)
    return Paragraph(p.text, raw, p.line, repairs, damage)


def raw_position(repairs: Sequence[Repair], pos: int, *, end: bool = False) -> int:
    """Where a position of the text lies in the raw text; one inside a repair maps to its
    edge (as ``store.ingest.textmap.MappedText.to_raw`` maps it)."""
    t_pos = r_pos = 0
    for r in repairs:
        (s0, s1), (a0, a1) = r.span, r.at
        if pos < a0 or (pos == a0 and end and a0 > t_pos):
            return r_pos + pos - t_pos
        if pos < a1 or (pos == a1 and end):
            return s1 if end else s0
        t_pos, r_pos = a1, s1
    return r_pos + pos - t_pos
