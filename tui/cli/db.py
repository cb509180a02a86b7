"""The archive a command works on: the one ``--db`` names, else the default one."""

from __future__ import annotations

import argparse

from store.api import Archive
from store.errors import NotFound


def archive_of(args: argparse.Namespace, *, reading: bool = True) -> Archive:
    """The archive named by --db, else the default one (seeded with the sample to read)."""
    if "db" not in args:
        return Archive.open_default(seed=reading)
    archive = Archive(args.db)
    if reading and not archive.path.exists():
        raise NotFound(f"{args.db}: no archive here (create one with `bitext import FILE "
                       f"--db {args.db}`)")
    return archive
