"""The files an archive keeps beside it, and what a path is to an archive.

An export must never land on one of them: ``export -o archive.json`` once
replaced the archive with CSV and said nothing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from store.atomic import backup_path
from store.search import index_path


def companion(path: Path, archive: Path, edits: Path) -> str | None:
    """What ``path`` is to the archive at ``archive`` with ``edits`` (the archive, its
    edits, a backup…), or None; by name, or as the same file under another name."""
    archive, edits = archive.resolve(), edits.resolve()
    own = {archive: "the archive itself", backup_path(archive): "the archive's backup",
           edits: "the archive's edits", backup_path(edits): "the backup of the archive's edits",
           index_path(archive): "the archive's search index",
           archive.with_name(archive.name + ".lock"): "the archive's lock file"}
    target = path.resolve()
    if target in own:
        return own[target]
    if target.parent == archive.parent and re.fullmatch(
            rf"{re.escape(archive.name)}\.schema-\d+\.bak", target.name):
        return "a backup of the archive in an older schema"
    return next((what for known, what in own.items()
                 if known.exists() and target.exists() and os.path.samefile(known, target)),
                None)
