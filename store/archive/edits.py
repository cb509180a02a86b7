"""The user's own work on an archive, kept in a small file beside it.

Review marks, hand alignments and accepted readings of damaged text are a
person's decisions: a few kilobytes against an archive of hundreds of
megabytes. TinyDB rewrites its whole file on every write (6 s for one entry in
a 100,000-entry archive), so these live in ``<archive>.edits``, written the
same way as the archive (temporary file, fsync, ``os.replace``, a ``.bak``)
under the archive's writer lock, in milliseconds.

Per entry the file keeps the whole history of its edit states with a pointer
into it, so undo and redo survive a restart; state 0 is the entry as
imported. Each entry's record names the digest of the entry it was made for:
edits are never applied to different content. A re-import adds nothing to an
entry that exists, so it never overwrites them.

The edits of entries removed with their source (``bitext remove``) move under
``removed``, in the same shape as the top level, until an import brings the
entry back. A file holding that part says schema 2, so an older bitext refuses
it ("written by a newer bitext") rather than drop the part on its next write;
one without it stays schema 1, as older versions wrote it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from store.archive import edits_shape
from store.archive.lock import DEFAULT_WAIT, WriterLock
from store.archive.storage import restore_hint
from store.atomic import atomic_write
from store.errors import ArchiveError, EditError
from store.files import open_regular
from store.model import Accepted, EditState

#: 2: the file holds edits set aside (``removed``); written only then.
EDITS_SCHEMA = 2


@dataclass(slots=True)
class History:
    """Every edit state of one entry, and which one is current."""

    digest: str
    states: list[EditState] = field(default_factory=lambda: [EditState()])
    at: int = 0

    @property
    def current(self) -> EditState:
        return self.states[self.at]

    def push(self, state: EditState) -> None:
        """A new edit: what was undone beyond the current state is dropped, as in any editor."""
        del self.states[self.at + 1:]
        self.states.append(state)
        self.at += 1

    def step(self, by: int) -> None:
        target = self.at + by
        if not 0 <= target < len(self.states):
            raise EditError("nothing to undo" if by < 0 else "nothing to redo")
        self.at = target


@dataclass(slots=True)
class Edits:
    histories: dict[str, History] = field(default_factory=dict)
    #: entry id -> finding key -> when it was marked reviewed (ISO time)
    reviewed: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The histories and marks of entries taken out with their source (``bitext
    #: remove``), by entry id: an import that brings the entry back brings them back.
    removed_histories: dict[str, History] = field(default_factory=dict)
    removed_reviewed: dict[str, dict[str, str]] = field(default_factory=dict)
    #: ``text_revision`` once computed: every search asks for it. An Edits is only
    #: changed inside ``EditsFile.change``, which reads a fresh one.
    _text_revision: str | None = field(default=None, init=False, repr=False)

    def state(self, entry_id: str, digest: str) -> EditState | None:
        """The entry's current edit state, if it has one made for this very content."""
        history = self.histories.get(entry_id)
        if history is None or history.digest != digest or history.at == 0:
            return None
        return history.current

    def history(self, entry_id: str, digest: str) -> History:
        """The entry's history to edit; one made for other content is started afresh."""
        history = self.histories.get(entry_id)
        if history is None or history.digest != digest:
            history = self.histories[entry_id] = History(digest)
        return history

    def set_aside(self, entry_ids: Iterable[str]) -> None:
        """Keep the edits of entries being removed apart, where nothing applies them."""
        for entry_id in entry_ids:
            if (history := self.histories.pop(entry_id, None)) is not None:
                self.removed_histories[entry_id] = history
            if (marks := self.reviewed.pop(entry_id, None)) is not None:
                self.removed_reviewed[entry_id] = marks

    def set_aside_for(self, entry_ids: Iterable[str]) -> list[str]:
        """Which of ``entry_ids`` have edits kept aside (``bring_back`` would restore)."""
        return [e for e in entry_ids if e in self.removed_histories or e in self.removed_reviewed]

    def bring_back(self, entry_ids: Iterable[str]) -> None:
        """Apply again the edits kept aside for entries imported again.

        Edits made meanwhile for the same entry win; those kept aside are then dropped.
        """
        for entry_id in entry_ids:
            if (history := self.removed_histories.pop(entry_id, None)) is not None:
                self.histories.setdefault(entry_id, history)
            if (marks := self.removed_reviewed.pop(entry_id, None)) is not None:
                self.reviewed.setdefault(entry_id, marks)

    def text_revision(self) -> str:
        """Changes when an accepted reading changes some entry's text (the index reads text)."""
        if self._text_revision is None:
            readings = sorted((entry_id, _state_json(h.current)["readings"])
                              for entry_id, h in self.histories.items() if h.current.readings)
            self._text_revision = hashlib.sha256(orjson.dumps(readings)).hexdigest()[:16] \
                if readings else ""
        return self._text_revision


class EditsFile:
    def __init__(self, archive: Path, *, wait: float = DEFAULT_WAIT) -> None:
        self.archive = archive
        self.path = archive.with_name(archive.name + ".edits")
        self.wait = wait
        self._cache: tuple[tuple[int, int, int], Edits] | None = None

    def read(self) -> Edits:
        """The edits as they are on disk now; re-read only when the file changed."""
        try:
            fd = open_regular(self.path, what="the edits file")
        except FileNotFoundError:
            return Edits()
        except OSError as e:
            raise ArchiveError(f"{self.path}: cannot read the edits: {e.strerror}") from None
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(fd)
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
            if self._cache is None or self._cache[0] != stamp:
                self._cache = (stamp, self._parse(f.read()))
        return self._cache[1]

    @contextmanager
    def change(self) -> Iterator[Edits]:
        """Edits to change under the archive's writer lock; written if the block succeeds."""
        with WriterLock(self.archive, self.wait):
            self._cache = None  # another process may have written since we read
            edits = self.read()
            yield edits
            data = _dumps(edits)
            self._readable(data)
            atomic_write(self.path, data, what="the edits")
            self._cache = None

    def _readable(self, data: bytes) -> None:
        """Refuse to write edits that would not read back (a caller's wrong value), so the
        file is never one that its next read must reject."""
        try:
            _document(data)
        except edits_shape.Damaged as e:
            raise ArchiveError(f"{self.path}: this change would write edits that do not read "
                               f"back ({e}); nothing was written") from None

    def _parse(self, data: bytes) -> Edits:
        """Every field checked first (``edits_shape``): damage is one line, never a crash."""
        try:
            doc = _document(data)
        except (orjson.JSONDecodeError, edits_shape.Damaged) as e:
            raise ArchiveError(f"{self.path}: the edits file is damaged ({e}); it was not changed"
                               + restore_hint(self.path)) from None
        if doc["schema"] > EDITS_SCHEMA:
            raise ArchiveError(f"{self.path}: written by a newer bitext (edits schema "
                               f"{doc['schema']}): upgrade bitext-archive")
        removed = doc.get("removed", _NOTHING_REMOVED)
        return Edits(_histories(doc["entries"]), doc["reviewed"],
                     _histories(removed["entries"]), removed["reviewed"])


def _document(data: bytes) -> dict[str, Any]:
    """The edits file's document, every field checked (``edits_shape``)."""
    doc = orjson.loads(data)
    edits_shape.check(doc)
    _check_removed(doc["schema"], doc.get("removed", _NOTHING_REMOVED))
    return doc


_NOTHING_REMOVED: dict[str, Any] = {"entries": {}, "reviewed": {}}


def _check_removed(schema: int, removed: object) -> None:
    """The ``removed`` part holds what the top level does, checked the same way."""
    if not isinstance(removed, dict):
        raise edits_shape.Damaged("removed: not an object")
    try:
        edits_shape.check({"schema": schema, **removed})
    except edits_shape.Damaged as e:
        raise edits_shape.Damaged(f"removed.{e}") from None


def _histories(doc: dict[str, Any]) -> dict[str, History]:
    return {k: History(h["digest"], [_state_of(s) for s in h["states"]], h["at"])
            for k, h in doc.items()}


def _history_json(histories: dict[str, History]) -> dict[str, Any]:
    return {k: {"digest": h.digest, "at": h.at, "states": [_state_json(s) for s in h.states]}
            for k, h in histories.items()}


def _state_json(state: EditState) -> dict[str, Any]:
    beads = None if state.beads is None else [[list(z), list(e)] for z, e in state.beads]
    return {"beads": beads,
            "readings": [[r.lang, r.para, *r.span, r.before, r.after] for r in state.readings],
            "rejected": list(state.rejected)}


def _state_of(d: dict[str, Any]) -> EditState:
    beads = d["beads"]
    return EditState(
        None if beads is None else tuple((tuple(z), tuple(e)) for z, e in beads),
        tuple(Accepted(lang, para, (s, e), before, after)
              for lang, para, s, e, before, after in d["readings"]),
        tuple(d["rejected"]))


def _dumps(edits: Edits) -> bytes:
    """The ``removed`` part (and schema 2) only when it holds something: a file without
    it stays as older versions of bitext wrote it."""
    doc: dict[str, Any] = {"schema": 1, "entries": _history_json(edits.histories),
                           "reviewed": edits.reviewed}
    if edits.removed_histories or edits.removed_reviewed:
        doc["schema"] = EDITS_SCHEMA
        doc["removed"] = {"entries": _history_json(edits.removed_histories),
                          "reviewed": edits.removed_reviewed}
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2)
