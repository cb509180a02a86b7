"""Hand edits of an entry's alignment: merge, split, detach, move a boundary.

Pure functions from beads to beads. Every result covers each paragraph of
each language exactly once, in order, with no empty bead (``store.model.bead_problems``), so an
edit can never lose a paragraph; an edit that does not apply raises
``EditError`` with the reason, for the reader to show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from store.errors import EditError
from store.model import BEAD_SIDE, LANG_NAMES, Bead, Lang

Beads = tuple[Bead, ...]
#: The edits by name, for the app's keys and the command line.
EDITS = ("merge", "split", "detach", "boundary-down", "boundary-up")


def edited(beads: Sequence[Bead], edit: str, k: int, lang: Lang) -> Beads:
    """``beads`` after the edit named ``edit`` (one of ``EDITS``) of bead ``k``.

    ``lang`` says which side ``detach`` and the boundary moves work on.
    """
    edits: dict[str, Callable[[], Beads]] = {
        "merge": lambda: merge_next(beads, k),
        "split": lambda: split(beads, k),
        "detach": lambda: detach(beads, k, lang),
        "boundary-down": lambda: move_boundary(beads, k, lang, True),
        "boundary-up": lambda: move_boundary(beads, k, lang, False),
    }
    if edit not in edits:
        raise EditError(f"no such edit {edit!r}: one of {', '.join(EDITS)}")
    return edits[edit]()


def merge_next(beads: Sequence[Bead], k: int) -> Beads:
    """Bead ``k`` and the one after it become one bead."""
    _at(beads, k)
    if k + 1 >= len(beads):
        raise EditError("the last bead has no next bead to merge with")
    (z1, e1), (z2, e2) = beads[k], beads[k + 1]
    return (*beads[:k], (z1 + z2, e1 + e2), *beads[k + 2:])


def split(beads: Sequence[Bead], k: int) -> Beads:
    """The last paragraph of each side that has two or more moves to a new bead after ``k``.

    2-2 gives 1-1 + 1-1; 2-1 gives 1-1 + 1-0; 3-1 gives 2-1 + 1-0.
    """
    zh, en = _at(beads, k)
    if len(zh) < 2 and len(en) < 2:
        raise EditError("this bead has one paragraph on each side: nothing to split")
    first = (zh[:-1] if len(zh) > 1 else zh, en[:-1] if len(en) > 1 else en)
    second = (zh[-1:] if len(zh) > 1 else (), en[-1:] if len(en) > 1 else ())
    return (*beads[:k], first, second, *beads[k + 1:])


def detach(beads: Sequence[Bead], k: int, lang: Lang) -> Beads:
    """The last ``lang`` paragraph of bead ``k`` becomes a bead of its own (1-0 or 0-1)."""
    bead = _at(beads, k)
    side = BEAD_SIDE[lang]
    if not bead[side]:
        raise EditError(f"this bead has no {LANG_NAMES[lang]} paragraph to detach")
    if not bead[1 - side]:
        raise EditError(f"this bead has only {LANG_NAMES[lang]}: it is detached already")
    alone = _with(bead, side, bead[side][-1:], ())
    rest = _with(bead, side, bead[side][:-1], bead[1 - side])
    # Unpairing a bead's only Chinese paragraph puts it first, as an unpaired English does.
    pair = (alone, rest) if lang == "zh" and not rest[0] else (rest, alone)
    return (*beads[:k], *pair, *beads[k + 1:])


def move_boundary(beads: Sequence[Bead], k: int, lang: Lang, down: bool) -> Beads:
    """Move the ``lang`` boundary between bead ``k`` and the next one.

    ``down``: bead ``k`` takes the next bead's first ``lang`` paragraph;
    otherwise it gives its last one to the next bead. A bead left empty goes.
    """
    bead = _at(beads, k)
    if k + 1 >= len(beads):
        raise EditError("the last bead has no boundary below it")
    side, after = BEAD_SIDE[lang], beads[k + 1]
    source = after if down else bead
    if not source[side]:
        where = "the next bead" if down else "this bead"
        raise EditError(f"{where} has no {LANG_NAMES[lang]} paragraph to move")
    if down:
        moved = (_with(bead, side, bead[side] + after[side][:1], bead[1 - side]),
                 _with(after, side, after[side][1:], after[1 - side]))
    else:
        moved = (_with(bead, side, bead[side][:-1], bead[1 - side]),
                 _with(after, side, bead[side][-1:] + after[side], after[1 - side]))
    kept = tuple(b for b in moved if b[0] or b[1])
    return (*beads[:k], *kept, *beads[k + 2:])


def _at(beads: Sequence[Bead], k: int) -> Bead:
    if not 0 <= k < len(beads):
        raise EditError(f"no bead {k + 1}: the entry has {len(beads)}")
    return beads[k]


def _with(bead: Bead, side: int, mine: tuple[int, ...], theirs: tuple[int, ...]) -> Bead:
    return (mine, theirs) if side == 0 else (theirs, mine)


