"""Regular expressions compiled as ``re.compile`` compiles them, the compiler's work kept.

The checks, the language facts and the ingest wing compile about 130 patterns as they
are imported, nearly all of them used by every bulletin; a class of Han characters alone
costs 1.5 ms to compile. With the other wings' patterns that was 0.06-0.07 s of CPU of
every ``bitext import``, whatever the bulletin (cProfile: 254 ``re.compile`` calls,
0.11 s); compiling them at first use instead would have saved only those the sample
bulletin does not use, 6 ms. So what the compiler makes of each pattern (its code, for
``_sre.compile``) is kept in the user's cache, keyed by the exact Python build, and a
later process only makes the pattern objects: about 1 ms for all of ours (0.02 s of
compiling is left, the other wings' and Rich's patterns).

A pattern is kept only once ``_sre.compile`` gave from the kept code a pattern equal
to ``re.compile``'s (equality compares the pattern, the flags and the code), so a
pattern from the cache is the pattern ``re.compile`` gives. The code is internal to
CPython: another build gets another file, and anything unexpected falls back to
``re.compile``.
"""

from __future__ import annotations

import _sre
import atexit
import contextlib
import marshal
import re
import sys
import zlib
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from platformdirs import user_cache_path

from store.lang.cache import save

#: Bump when what is kept for a pattern changes shape.
_FORMAT = 1
#: A table grown past this many patterns (old ones left by earlier versions of the
#: code) is written again with only those the writing process used.
_MOST = 2000

#: (pattern, flags) -> the arguments ``_sre.compile`` takes after the pattern.
Kept = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the kept code when there is some."""
    flags = int(flags)
    kept = _table().get((pattern, flags))
    if kept is not None:
        _used.add((pattern, flags))
        with contextlib.suppress(Exception):
            return _sre.compile(pattern, *kept)  # type: ignore[no-any-return]
    made = re.compile(pattern, flags)
    with contextlib.suppress(Exception):
        code = _code(pattern, flags)
        if _sre.compile(pattern, *code) == made:
            _new[(pattern, flags)] = code
            _used.add((pattern, flags))
            if len(_new) == 1:
                atexit.register(_save)
    return made


def _code(pattern: str, flags: int) -> Kept:
    """What ``re._compiler.compile`` hands ``_sre.compile`` (Python 3.11 to 3.13)."""
    parsed = _parser.parse(pattern, flags)
    groups = parsed.state.groupdict
    names: list[str | None] = [None] * parsed.state.groups
    for name, index in groups.items():
        names[index] = name
    return (int(flags | parsed.state.flags), [int(c) for c in _compiler._code(parsed, flags)],
            parsed.state.groups - 1, dict(groups), tuple(names))


_new: dict[tuple[str, int], Kept] = {}
_used: set[tuple[str, int]] = set()
_loaded: dict[tuple[str, int], Kept] | None = None


def _path() -> Path:
    build = f"{sys.hexversion:x}-{zlib.crc32(sys.version.encode()):x}-{_sre.MAGIC}-{_FORMAT}"
    return user_cache_path("bitext-archive", appauthor=False) / f"regex-{build}.marshal"


def _table() -> dict[tuple[str, int], Kept]:
    global _loaded  # noqa: PLW0603  (read once per process, at the first pattern)
    if _loaded is None:
        _loaded = {}
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            found: Any = marshal.loads(_path().read_bytes())
            if isinstance(found, dict):
                _loaded = found
    return _loaded


def _save() -> None:
    """The kept table with this process's new patterns, written at exit."""
    table = {**_table(), **_new}
    if len(table) > _MOST:
        table = {key: code for key, code in table.items() if key in _used}
    save(_path(), marshal.dumps(table))
