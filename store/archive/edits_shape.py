"""What an edits file must look like before a byte of it is trusted.

The edits file is JSON a person or another program may have changed. Read
without a check, an undo pointer past the end, an empty history or a number
where a list belongs crashed every command and the app. Each field is checked
here, and the first wrong one is named by its path
(``entries.20181112-ab12cd34.at: 7 is past the last state, 2``) so the one
line the user sees says where the damage is.
"""

from __future__ import annotations

import re
from typing import Any

from store.ids import ENTRY_ID

_DIGEST = re.compile(r"[0-9a-f]{64}")


class Damaged(ValueError):
    """The first field of the edits file that is not as bitext writes it."""


def check(doc: Any) -> None:
    """Raise ``Damaged`` naming the first wrong field of a parsed edits file."""
    _expect(isinstance(doc, dict), "the file", "not a JSON object")
    _expect(type(doc.get("schema")) is int, "schema", "not a whole number")
    _expect(isinstance(doc.get("entries"), dict), "entries", "not an object")
    for key, history in doc["entries"].items():
        _history(f"entries.{key}", key, history)
    _expect(isinstance(doc.get("reviewed"), dict), "reviewed", "not an object")
    for key, marks in doc["reviewed"].items():
        where = f"reviewed.{key}"
        _expect(isinstance(marks, dict), where, "not an object")
        _expect(all(isinstance(v, str) for v in marks.values()), where, "a mark is not text")


def _history(where: str, key: str, history: Any) -> None:
    _expect(bool(ENTRY_ID.fullmatch(key)), where, "not an entry id")
    _expect(isinstance(history, dict), where, "not an object")
    _expect(isinstance(history.get("digest"), str) and bool(_DIGEST.fullmatch(
        history["digest"])), f"{where}.digest", "not a SHA-256 digest")
    states = history.get("states")
    _expect(isinstance(states, list) and len(states) > 0, f"{where}.states",
            "not a list of at least one state")
    at = history.get("at")
    _expect(type(at) is int and 0 <= at < len(states), f"{where}.at",
            f"{at!r} is not a state from 0 to {len(states) - 1}")
    for n, state in enumerate(states):
        _state(f"{where}.states.{n}", state)


def _state(where: str, state: Any) -> None:
    _expect(isinstance(state, dict), where, "not an object")
    beads = state.get("beads")
    _expect(beads is None or (isinstance(beads, list) and all(
        _is_pair(b) and all(_indices(side) for side in b) for b in beads)),
        f"{where}.beads", "not a list of [[Chinese paragraphs], [English paragraphs]]")
    readings = state.get("readings")
    _expect(isinstance(readings, list) and all(_is_reading(r) for r in readings),
            f"{where}.readings", "not a list of [lang, paragraph, start, end, before, after]")
    rejected = state.get("rejected")
    _expect(isinstance(rejected, list) and all(isinstance(k, str) for k in rejected),
            f"{where}.rejected", "not a list of finding keys")


def _is_pair(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2


def _indices(value: Any) -> bool:
    return isinstance(value, list) and all(_count(i) for i in value)


def _count(value: Any) -> bool:
    """A whole number from 0 (``bool`` is an ``int`` to Python, not to us)."""
    return type(value) is int and value >= 0


def _is_reading(value: Any) -> bool:
    if not (isinstance(value, list) and len(value) == 6):
        return False
    lang, para, start, end, before, after = value
    return (lang in ("zh", "en") and _count(para) and _count(start) and _count(end)
            and start <= end and isinstance(before, str) and isinstance(after, str))


def _expect(ok: bool, where: str, problem: str) -> None:
    if not ok:
        raise Damaged(f"{where}: {problem}")
