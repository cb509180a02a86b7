"""bitext-archive's library: model, archive, import, search. Never imports textual.

The command line and the Textual app reach data only through ``store.api``. The
few facts a front end needs before it opens anything (the version, where the
archive is, the export formats) live here instead, in a module that loads none of
the library: ``bitext --help`` and ``--version`` are built from them without
``store.api``, whose imports (numpy, lxml, TinyDB…) take 0.35 s of a 0.5 s start
(``python -X importtime``; docs/benchmarks.md). ``store.api`` hands them on too.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

#: The one place the version is written: pyproject.toml reads it from here.
__version__ = "0.1.0"
#: Environment variable naming the archive to use when --db is not given.
ENV_DB = "BITEXT_DB"
#: Export format -> the file suffix it gets (the writers are in ``store.exchange``).
FORMATS = {"tmx": ".tmx", "jsonl": ".jsonl", "csv": ".csv", "md": ".md"}
#: What one unit of an export holds: a bead, or a sentence bead inside one (TMX only).
SEGMENTS = ("paragraph", "sentence")


def program_version() -> str:
    """The version, for ``--version`` and the files bitext writes.

    A constant that pyproject.toml reads (``[tool.setuptools.dynamic]``), not
    importlib.metadata: importing that and the email package it parses metadata
    with took 16 ms of every command that writes (``bitext import`` among them).
    """
    return __version__


def default_archive_path() -> Path:
    """``$BITEXT_DB``, else ``archive.json`` in the platform's user data folder."""
    if env := os.environ.get(ENV_DB):
        return Path(env).expanduser()
    return user_data_path("bitext-archive", appauthor=False) / "archive.json"
