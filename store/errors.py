"""The errors ``store`` raises on purpose.

Every one of them is a user-facing condition (bad input, a locked or damaged
archive), not a bug: the command line prints ``str(error)`` as one line and
exits with status 2. Anything else escaping ``store`` is a bug.
"""

from __future__ import annotations


class BitextError(Exception):
    """Base of every error the user can cause and fix; its text is one line."""


class InputError(BitextError):
    """A file given to the importer cannot become entries; nothing was written."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


class ArchiveError(BitextError):
    """The archive cannot be opened or written as asked; it was left as it was."""


class ArchiveLocked(ArchiveError):
    """Another process holds the archive's writer lock."""


class NotFound(BitextError):
    """No entry, or no archive, by the name given."""


class QueryError(BitextError):
    """A search query that cannot be read, such as ``date:2018-13``."""


class EditError(BitextError):
    """An edit that does not apply here, such as splitting a 1-1 bead."""
