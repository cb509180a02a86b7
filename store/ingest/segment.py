"""Cut the aligned document into events and give each its days.

A bead whose paragraph carries a full date (year, month and day, wherever it
sits in the paragraph) opens an event; beads before the first such bead form
an undated event of their own. Because Chinese and English were aligned as
one document, an event's two sides come paired: a date missing on one side
(a dropped paragraph) still opens the event through the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from store.lang.dates import DateMention
from store.model import Bead


@dataclass(frozen=True, slots=True)
class Event:
    beads: tuple[Bead, ...]
    days: tuple[date, ...]

    @property
    def zh(self) -> list[int]:
        return [i for z, _ in self.beads for i in z]

    @property
    def en(self) -> list[int]:
        return [j for _, e in self.beads for j in e]


def segment(beads: Sequence[Bead], zh_dates: Sequence[Sequence[DateMention]],
            en_dates: Sequence[Sequence[DateMention]]) -> list[Event]:
    groups: list[list[Bead]] = [[]]
    for bead in beads:
        if _opens(bead, zh_dates, en_dates) and groups[-1]:
            groups.append([])
        groups[-1].append(bead)
    return [Event(tuple(g), _days(g[0], zh_dates, en_dates)) for g in groups if g]


def _opens(bead: Bead, zh_dates: Sequence[Sequence[DateMention]],
           en_dates: Sequence[Sequence[DateMention]]) -> bool:
    return any(zh_dates[i] for i in bead[0]) or any(en_dates[j] for j in bead[1])


def _days(lead: Bead, zh_dates: Sequence[Sequence[DateMention]],
          en_dates: Sequence[Sequence[DateMention]]) -> tuple[date, ...]:
    """The days named by the lead's first full date, the Chinese side's if it has one."""
    for mentions in [*(zh_dates[i] for i in lead[0]), *(en_dates[j] for j in lead[1])]:
        if mentions:
            return tuple(sorted(mentions[0].dates()))
    return ()
