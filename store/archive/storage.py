"""TinyDB storage that never leaves a half-written archive.

TinyDB's own JSONStorage rewrites the file in place (seek, write, truncate):
a crash in between leaves a mix of old and new bytes. Here every write goes to
a temporary file in the same folder, is flushed and fsynced, and replaces the
archive with ``os.replace``; the folder is fsynced so the rename itself
survives a power cut. The version being replaced is kept as ``<name>.bak``.

Writes are held in memory until ``commit()`` (a transaction): an import that
fails halfway writes nothing.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from store.errors import ArchiveError


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


class AtomicJSONStorage(Storage):
    """Whole-file JSON (UTF-8, no ``\\u`` escapes) with atomic replace and a backup."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, Any] | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise ArchiveError(f"{self.path}: cannot read the archive: {e.strerror}") from None
        if not data.strip():
            return None
        try:
            parsed = orjson.loads(data)
        except orjson.JSONDecodeError as e:
            raise ArchiveError(f"{self.path}: the archive is damaged ({e}); it was not changed"
                               ) from None
        if not isinstance(parsed, dict):
            raise ArchiveError(f"{self.path}: not a bitext archive (no tables)")
        return parsed

    def write(self, data: dict[str, Any]) -> None:
        atomic_write(self.path, orjson.dumps(data))

    def close(self) -> None:
        pass


def atomic_write(path: Path, data: bytes) -> None:
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise ArchiveError(f"{path}: cannot write the archive: {e.strerror}") from None
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
        _fsync_folder(folder)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ArchiveError(f"{path}: cannot write the archive: {e.strerror}; "
                           "it was not changed") from None


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
