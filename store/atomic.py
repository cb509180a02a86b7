"""Writing a file so that a crash leaves either the old version or the new one.

The data goes to a temporary file in the same folder, is flushed and fsynced,
and replaces the file with ``os.replace``; the folder is fsynced so the rename
itself survives a power cut. The archive keeps the version being replaced as
``<name>.bak``; derived files (the search index) need no backup.

A writer holds an ``flock`` on its temporary file while it writes. The kernel
drops it when the writer dies, so a temporary file nobody holds is a killed
writer's leftover and is removed by the next writer of the same file; one that
is held belongs to a live writer (the search index is written by readers,
outside the archive's writer lock) and is left alone. Before this, the
leftovers of killed index and edits writers were never removed (46 MB for one
index).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from store.errors import ArchiveError
from store.files import SAFE_FLAGS, check_replaceable


def remove_leftovers(path: Path) -> int:
    """Delete the temporary files killed writers of ``path`` left behind; how many."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    removed = 0
    for leftover in path.parent.glob(f".{_glob_escape(path.name)}.*.tmp"):
        if pattern.fullmatch(leftover.name) and _abandoned(leftover):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
                removed += 1
    return removed


def remove_abandoned(folder: Path) -> int:
    """Delete every temporary file killed writers left in ``folder``; how many.

    For files written under a new name each time (the archive's parts), whose
    leftovers no later write of the same name would find.
    """
    removed = 0
    for leftover in folder.glob(".*.tmp"):
        if re.fullmatch(r"\..+\.[a-z0-9_]{8}\.tmp", leftover.name) and _abandoned(leftover):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
                removed += 1
    return removed


def _glob_escape(name: str) -> str:
    """``name`` matched literally by ``Path.glob`` (an archive may be called ``a[1].json``)."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def _abandoned(leftover: Path) -> bool:
    """Whether no live writer holds this temporary file (its lock is free)."""
    try:
        fd = os.open(leftover, os.O_RDONLY | SAFE_FLAGS)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def atomic_write(path: Path, data: bytes | Iterable[bytes | memoryview], *,
                 what: str = "the archive", keep_backup: bool = True,
                 undone_on_failure: bool = False) -> None:
    """Replace ``path`` with ``data`` in one step; on any failure it is left as it was.

    A failure after the replace (the folder's fsync) is reported as such, since the
    new version is in place; ``undone_on_failure``: the caller removes the file on any
    failure (a part of the archive, before its manifest commits it), so it is not.

    ``data`` may come in pieces (bytes or memoryviews), written one after another, so a
    file of several hundred megabytes is never joined in memory first.
    """
    folder = path.parent
    check_replaceable(path, what=what)
    remove_leftovers(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise ArchiveError(f"{path}: cannot write {what}: {e.strerror}") from None
    replaced = False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # held until the file is closed: see the module
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as f:
            for piece in [data] if isinstance(data, bytes) else data:
                f.write(piece)
            f.flush()
            os.fsync(f.fileno())
            if keep_backup and path.exists():
                _keep_backup(path)
            os.replace(tmp, path)
            replaced = True
        _fsync_folder(folder)
    except OSError as e:
        if replaced and not undone_on_failure:  # in place: only its durability is in doubt
            raise ArchiveError(f"{path}: {what} was written, but its folder could not be "
                               f"synced ({e.strerror}): a power cut now could undo the "
                               "write") from None
        raise ArchiveError(f"{path}: cannot write {what}: {e.strerror}; "
                           "it was not changed") from None
    finally:
        if not replaced:  # also when the data's producer failed (an export's query)
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a plain ``open`` would give a new file."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _keep_backup(path: Path) -> None:
    """Point ``<name>.bak`` at the current version, atomically, before it is replaced."""
    staging = path.with_name(f".{path.name}.bak.tmp")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    os.link(path, staging)
    os.replace(staging, backup_path(path))


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # platforms that cannot open a folder (Windows) cannot fsync one either
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
