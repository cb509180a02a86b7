"""Opening the files of an archive: regular files only, links never followed.

Anyone who can create files beside an archive could point ``a.json.lock`` at
another file (the lock's truncate emptied it), make it a FIFO (the open blocks
or the truncate fails with a traceback), point ``a.json.edits`` at a file for
the next save to replace, or hand ``--db`` a FIFO (the read never returns). So
every file of an archive is opened with ``O_NOFOLLOW | O_NONBLOCK`` and checked
with ``fstat`` on the very descriptor that is then used, leaving no window
between the check and the use, and anything but a regular file is refused in
one line.

Paths the user names (``--db``, ``export -o``) may be symbolic links on
purpose (an archive kept in a synced folder); those are resolved once, by
``user_path``, and the files beside the target are the archive's companions.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from store.errors import ArchiveError

#: Flags for every open of an archive's file: no links, no blocking on a FIFO, not
#: inherited by a child process (``bitext serve`` starts one per browser tab).
SAFE_FLAGS = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def open_regular(path: Path, flags: int = os.O_RDONLY, mode: int = 0o600, *,
                 what: str) -> int:
    """A descriptor of ``path``, refused (``ArchiveError``) unless it is a regular file."""
    try:
        fd = os.open(path, flags | SAFE_FLAGS, mode)
    except OSError as e:
        if e.errno == errno.ELOOP:  # O_NOFOLLOW met a symbolic link
            raise ArchiveError(f"{path}: {what} is a symbolic link; bitext does not follow "
                               "links beside an archive") from None
        raise
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        raise ArchiveError(f"{path}: {what} is {_kind(kind)}, not a regular file")
    return fd


def check_replaceable(path: Path, *, what: str) -> None:
    """Refuse to replace anything at ``path`` but a regular file (or nothing).

    ``os.replace`` would swap a symbolic link, a FIFO or a device node for our
    file without a word; none of them is ours to replace.
    """
    try:
        kind = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(kind):
        raise ArchiveError(f"{path}: is a symbolic link; bitext does not replace links "
                           f"(give the file it points to); {what} was not written")
    if not stat.S_ISREG(kind):
        raise ArchiveError(f"{path}: is {_kind(kind)}, not a regular file; {what} was not "
                           "written")


def user_path(path: Path) -> Path:
    """A path the user named, with a symbolic link resolved once to the file it points to.

    So ``--db link.json`` reads and writes the real archive, and the lock, edits and
    index sit beside it, instead of the link being replaced by a file and the real
    archive silently no longer receiving writes.
    """
    path = Path(os.fsdecode(path))
    if path.is_symlink():
        return path.resolve()
    return path


#: What tells one version of a file from another without reading it.
Stamp = tuple[int, int, int, int]


def stamp_of(st: os.stat_result) -> Stamp:
    """Inode, size and both times: a replaced or rewritten file changes at least one, and
    no ordinary tool sets the change time (``touch -d`` sets only the modification time)."""
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return name
    return "not a regular file"

