"""The user's edits of an entry, as pure functions: bead edits, and the entry they make.

``beads`` edits an alignment, ``overlay`` puts an entry and its edit state
together when the entry is read. Neither reads or writes a file: the edits
file is ``store.archive.edits``, and ``store.editing`` records a change in it.
"""

from __future__ import annotations

from store.edits.beads import EDITS, edited
from store.edits.overlay import apply

__all__ = ["EDITS", "apply", "edited"]
