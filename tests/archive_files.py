"""An archive's files as tests see them: its tables assembled, its bytes all together.

An archive is a manifest and a folder of parts (``store/archive/parts.py``), so
"the archive is byte-identical" compares every one of its files, and a test that
damages an archive reads its tables whole and writes them back as a one-file
archive, which bitext reads as it reads one of an older schema.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import orjson

from store.archive.parts import PARTED, Parts

Tables = dict[str, Any]


def read_tables(path: Path) -> Tables:
    """The archive's tables, every part's documents together."""
    tables = orjson.loads(path.read_bytes())
    if "parts" not in tables:
        return tables
    parts = Parts.of_tables(path, tables)
    return {"meta": tables["meta"], **{t: dict(parts.items(t)) for t in PARTED}}


def write_tables(path: Path, tables: Tables) -> None:
    """Replace the archive with these tables in one file, as a hand edit would."""
    path.write_bytes(orjson.dumps(tables))


def archive_bytes(path: Path) -> dict[str, bytes]:
    """The bytes of the manifest and of every file in its folder of parts."""
    found = {path.name: path.read_bytes()} if path.exists() else {}
    folder = path.with_name(path.name + ".parts")
    if folder.is_dir():
        found |= {f"{folder.name}/{f.name}": f.read_bytes() for f in sorted(folder.iterdir())}
    return found


def entries_part(path: Path) -> Path:
    """The file of the archive's one part of entries (a test archive of one month)."""
    (record,) = [r for n, r in orjson.loads(path.read_bytes())["parts"].items()
                 if n.startswith("entries-")]
    return path.with_name(path.name + ".parts") / record["file"]


def files_of_archive(path: Path) -> dict[str, bytes]:
    """Every file of the archive and its companions (edits, index, lock, backups), by name,
    the parts folder's files included: what "nothing was written" compares."""
    found: dict[str, bytes] = {}
    for p in sorted(path.parent.glob(path.name + "*")):
        if p.is_dir():
            found |= {f"{p.name}/{f.name}": f.read_bytes() for f in sorted(p.iterdir())}
        else:
            found[p.name] = p.read_bytes()
    return found


def copy_archive(path: Path, to: Path) -> None:
    """The manifest and its folder of parts copied beside ``to`` (``cp -r``, as a user would)."""
    shutil.copy2(path, to)
    shutil.copytree(path.with_name(path.name + ".parts"), to.with_name(to.name + ".parts"))
