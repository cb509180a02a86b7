"""Which entries an export takes: what a translator needs for a clean memory.

Each filter leaves out a whole entry, never part of one: an entry keeps its id
and digest only with all its text (``store.exchange.proof``), so a TMX of whole
entries still imports back as the same entries.

- ``since``: entries whose last day is that day or later (an event running
  over it counts); undated entries are left out, having no day to compare.
- ``skip_damaged``: entries with damaged text still in them (a reading the
  user accepted repairs it, and the entry is kept).
- ``reviewed_only``: entries with no finding left unreviewed; one the checks
  found nothing in has nothing to review and is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from store.model import Entry


@dataclass(frozen=True, slots=True)
class ExportFilter:
    since: date | None = None
    skip_damaged: bool = False
    reviewed_only: bool = False

    def keeps_days(self, days: Sequence[str]) -> bool:
        """Decided from an entry's list row (ISO days), before its text is read."""
        return self.since is None or (bool(days) and days[-1] >= self.since.isoformat())

    def keeps(self, entry: Entry, open_findings: Callable[[Entry], int]) -> bool:
        """``open_findings`` counts the entry's findings not yet reviewed; asked only when
        ``reviewed_only`` is set, as it may run the checks on an edited entry."""
        if self.skip_damaged and any(p.damage for p in (*entry.zh, *entry.en)):
            return False
        return not (self.reviewed_only and open_findings(entry))
