"""The files ``bitext import`` is given: read up to a bound, named so people can read the name.

Size: a path may be a device or a pipe that never ends (``bitext import
/dev/zero`` grew until memory ran out). A regular file's size is known before
it is read, so one too large is refused without reading it; anything else (a
FIFO, ``<(cat f)``, a device) is read in chunks and refused once it passes the
bound.

Names: a name that is not UTF-8 (GBK names out of a zip made on a Chinese
system, such as ``b"\\xd6\\xd0\\xce\\xc4.txt"``) is opened by its own bytes, and
shown and stored with those bytes as escapes: ``\\xd6\\xd0\\xce\\xc4.txt``. Not
decoded as GB18030 even when that succeeds: almost any pair of bytes from
0x81 up is valid GB18030, so a Big5 or Shift-JIS name would "decode cleanly"
into the wrong characters, while an escape is never wrong and gives the bytes
back. Before, such a name crashed the writing of the archive, and so the
import of every file given with it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from store.errors import InputError

#: The largest file bitext imports: 1 GiB. The largest file bitext itself writes
#: at the size it is built for is a JSON Lines export of 100,000 entries, 664 MB
#: (docs/benchmarks.md); it must import back, with room to spare. Past this, a
#: file is a device, an endless pipe or a mistake, and reading it would only end
#: when memory does.
MAX_INPUT_BYTES = 1 << 30
#: Bytes read from a pipe or device at a time.
_CHUNK = 1 << 20

#: What a path may be given as: a ``Path``, or a name in the system's bytes or str.
PathArg = str | bytes | os.PathLike[str]


def input_name(path: PathArg) -> str:
    """The file's name for messages and the archive: UTF-8 as it is, other bytes escaped."""
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate no file system name can hold
        raw = os.fspath(path).encode("utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    return raw.decode("utf-8", errors="backslashreplace")


def read_input(path: PathArg, name: str) -> bytes:
    """The file's bytes; ``InputError`` (naming it ``name``) when it cannot or must not be read."""
    target = Path(os.fsdecode(path))  # a str for any bytes: os.fsencode gives them back
    try:
        mode = target.stat()
        if stat.S_ISDIR(mode.st_mode):
            raise InputError(name, "is a folder, not a file")
        if stat.S_ISREG(mode.st_mode):
            _check_size(mode.st_size, name)
            data = target.read_bytes()  # one read of a known size
        else:
            data = _read_stream(target, name)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as e:
        raise InputError(name, f"cannot be read: {e.strerror}") from None
    except (ValueError, UnicodeError):  # a NUL, or a lone surrogate: no file has this name
        raise InputError(name, "no such file (the name cannot be a file's)") from None
    _check_size(len(data), name)  # a regular file may have grown while it was read
    return data


def _read_stream(target: Path, name: str) -> bytes:
    """A pipe or device, in chunks, up to one byte past the bound (and then refused)."""
    chunks: list[bytes] = []
    size = 0
    with target.open("rb") as f:
        while chunk := f.read(min(_CHUNK, MAX_INPUT_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            _check_size(size, name)
    return b"".join(chunks)


def _check_size(size: int, name: str) -> None:
    if size > MAX_INPUT_BYTES:
        raise InputError(name, f"is larger than {MAX_INPUT_BYTES >> 20} MiB, the most bitext "
                               "imports")
