"""One writer at a time, and a clear word about who holds the archive.

An ``flock`` on ``<archive>.lock`` is released by the kernel when its holder
dies, so a crash never leaves the archive locked. The holder writes its pid,
command and start time into the lock file so a second writer can name it.

The lock file is opened like every file of the archive (``store.files``): a
link or a FIFO in its place is refused, where before a link's target was
emptied and a FIFO gave a traceback. It is ``0600`` and must be the user's own:
``flock`` needs only read access, so a lock file another user can open is one
they can hold forever, and one another user owns is one they control.
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
from store.files import Stamp, open_regular

#: How long a second writer waits for the first before giving up.
DEFAULT_WAIT = 5.0


class WriterLock:
    def __init__(self, archive: Path, wait: float = DEFAULT_WAIT) -> None:
        self.path = archive.with_name(archive.name + ".lock")
        self.archive = archive
        self.wait = wait
        self._fd: int | None = None
        #: The archive's version (``store.files.stamp_of``) a writer last found sound or
        #: wrote itself: kept in the lock file, so the next writer need not check it again.
        self.verified: Stamp | None = None

    def __enter__(self) -> WriterLock:
        fd = self._open()
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
        try:
            self.verified = _read_verified(fd)
            _rewrite(fd, {**_me(), "verified": self.verified})
        except OSError as e:  # a full disk: never hold the lock with no one to let it go
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            raise ArchiveError(f"{self.archive}: cannot write the archive: {e.strerror} "
                               f"({self.path})") from None
        self._fd = fd
        return self

    def _open(self) -> int:
        try:
            fd = open_regular(self.path, os.O_RDWR | os.O_CREAT, 0o600, what="the lock file")
        except OSError as e:
            raise ArchiveError(f"{self.archive}: cannot write the archive: {e.strerror} "
                               f"({self.path})") from None
        st = os.fstat(fd)
        if st.st_uid != os.geteuid():
            os.close(fd)
            raise ArchiveError(f"{self.path}: the lock file belongs to another user (uid "
                               f"{st.st_uid}); remove it if no bitext of theirs is running")
        if st.st_mode & 0o077:
            os.fchmod(fd, 0o600)  # made 0644 by an older bitext
        return fd

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            _rewrite(self._fd, {"verified": self.verified})
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _me() -> dict[str, object]:
    return {
        "pid": os.getpid(),
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])[:200],
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _rewrite(fd: int, record: dict[str, object]) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(record).encode(), 0)


def _read_verified(fd: int) -> Stamp | None:
    try:
        stamp = json.loads(os.pread(fd, 4096, 0) or b"{}")["verified"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if isinstance(stamp, list) and len(stamp) == 4 and all(type(n) is int for n in stamp):
        return tuple(stamp)  # type: ignore[return-value]
    return None


def _read_holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"pid {info['pid']}, `{info['command']}`, since {info['since']}"
    except (OSError, ValueError, KeyError):
        return "holder unknown"
