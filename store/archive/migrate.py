"""Archives written by an older bitext: upgraded in memory when read, on disk at the next write.

Each step takes the tables of one schema to the next. Reading never writes:
an older file stays as it is until something is imported into it; that write
first keeps the old file as ``<archive>.schema-N.bak`` (never replaced later),
so a user can go back to the version that wrote it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from store.model import SCHEMA_VERSION

Tables = dict[str, dict[str, Any]]


def _name_the_revision(tables: Tables) -> None:
    """Schema 2: the meta table holds the revision that derived data is checked against.

    Taken from the entries' ids and digests, so an old file read again and again
    (upgraded in memory each time) keeps one revision and its index stays valid.
    """
    entries = tables.get("entries", {})
    content = "\n".join(sorted(f"{k}:{d.get('digest', '') if isinstance(d, dict) else ''}"
                                for k, d in entries.items()))
    revision = "schema-1-" + hashlib.sha256(content.encode()).hexdigest()[:16]
    tables.setdefault("meta", {}).setdefault("revision", {"revision": revision})


def _into_parts(tables: Tables) -> None:
    """Schema 3: the archive is a manifest and parts (``parts``).

    The tables are the same; ``Parts.whole`` spreads them over parts, all of which
    the first write of the upgraded archive writes.
    """


#: From each schema to the next.
STEPS: dict[int, Callable[[Tables], None]] = {1: _name_the_revision, 2: _into_parts}


def upgrade(tables: Tables) -> int | None:
    """Bring ``tables`` to the current schema in place; the schema they had, if older."""
    schema = tables["meta"]["schema"]
    found = schema["schema"]
    if found >= SCHEMA_VERSION:
        return None
    for step in range(found, SCHEMA_VERSION):
        STEPS[step](tables)
    schema["schema"] = SCHEMA_VERSION
    return int(found)


def schema_backup(path: Path, schema: int) -> Path:
    return path.with_name(f"{path.name}.schema-{schema}.bak")
