"""One writer at a time, and a clear word about who holds the archive.

An ``flock`` on ``<archive>.lock`` is released by the kernel when its holder
dies, so a crash never leaves the archive locked. The holder writes its pid,
command and start time into the lock file so a second writer can name it.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from store.errors import ArchiveError, ArchiveLocked

#: How long a second writer waits for the first before giving up.
DEFAULT_WAIT = 5.0


class WriterLock:
    def __init__(self, archive: Path, wait: float = DEFAULT_WAIT) -> None:
        self.path = archive.with_name(archive.name + ".lock")
        self.archive = archive
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> WriterLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise ArchiveError(f"{self.archive}: cannot write the archive: {e.strerror} "
                               f"({self.path})") from None
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_holder(fd)
                    os.close(fd)
                    raise ArchiveLocked(
                        f"{self.archive}: another bitext is writing it ({holder}); "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(_me()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _me() -> dict[str, object]:
    return {
        "pid": os.getpid(),
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])[:200],
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _read_holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"pid {info['pid']}, `{info['command']}`, since {info['since']}"
    except (OSError, ValueError, KeyError):
        return "holder unknown"
