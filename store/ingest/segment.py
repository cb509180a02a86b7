"""Cut the aligned document into events and give each its days.

An event opens where a paragraph *leads* with its date (a date line, a
dateline, ``On 9 July,``), not where a date merely appears: the date of a
quoted speech, of a law coming into force or of a story told in mid-paragraph
belongs to the event around it. A news lead that reports its date in its first
sentence (``…于2018年11月20日—22日來渝進行訪問。``) opens one too, but only when
both languages say so, as such a date is more often cited than a leading one.

Events are cut on the beads, after alignment, so the Chinese and the English
agree on every boundary: a bead opens an event when either side leads with a
date, since a translation often moves the date into the sentence (``…signed
on 12 November``) or drops it. A day without a written year that falls inside
the event under way (``11月26日，…`` in a visit of 25-29 November) continues it.
Beads before the first event form an undated event of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from store.lang.dates import full_dates, lead_sentence_date, leading_date
from store.model import Bead


@dataclass(frozen=True, slots=True)
class Lead:
    """The date a paragraph opens with, as the cut weighs it."""

    #: The days named; () when no year could be found for them.
    days: tuple[date, ...]
    #: The paragraph leads with the date; False: its first sentence reports it.
    leads: bool
    #: The year was not written but taken from the document.
    inferred: bool


@dataclass(frozen=True, slots=True)
class Event:
    beads: tuple[Bead, ...]
    days: tuple[date, ...]
    #: The days' year was not written but taken from the document.
    inferred: bool = False

    @property
    def zh(self) -> list[int]:
        return [i for z, _ in self.beads for i in z]

    @property
    def en(self) -> list[int]:
        return [j for _, e in self.beads for j in e]


def lead_of(text: str, lang: str, year: int | None) -> Lead | None:
    """How paragraph ``text`` opens an event, if it does; ``year`` completes a yearless date.

    A yearless date that the paragraph restates with its year (``一月一日
    2014年1月1日``, a holiday and its date) takes that year, not ``year``.
    """
    if mention := leading_date(text, lang):
        leads = True
    elif mention := lead_sentence_date(text, lang):
        leads = False
    else:
        return None
    restated = next((m.days[0][0] for m in full_dates(text, lang)
                     if not mention.full and m.days[0][1:] == mention.days[0][1:]), None)
    dated = mention.with_year(restated or year)
    return Lead(tuple(sorted(dated.dates())), leads, dated.inferred and not restated)


def segment(beads: Sequence[Bead], zh_leads: Sequence[Lead | None],
            en_leads: Sequence[Lead | None], headlines: Sequence[bool] = (),
            sections: Sequence[bool] = ()) -> list[Event]:
    """Events in order. ``sections`` marks the beads that head a part of the file
    (``2017 年大事紀要``): a part is cut on its own, so its heading opens it as the
    file's first heading does, and never ends the event above it.
    """
    cuts = [k for k in range(1, len(beads)) if sections and sections[k] and not sections[k - 1]]
    events: list[Event] = []
    for lo, hi in zip([0, *cuts], [*cuts, len(beads)], strict=True):
        events += _part(beads[lo:hi], zh_leads, en_leads, headlines[lo:hi])
    return events


def _part(beads: Sequence[Bead], zh_leads: Sequence[Lead | None],
          en_leads: Sequence[Lead | None], headlines: Sequence[bool]) -> list[Event]:
    """Events in order; ``headlines`` marks the beads that are an item's headline.

    A headline stands above the lead it belongs to (``重慶與辛辛那提簽署備忘錄`` then
    ``2018年11月12日，…``): cut at the lead alone, each item of a news digest ended
    with the next one's headline. Headlines go down to the lead below them in a
    one-event file (a press release) and where most items have one (a digest); a
    file whose first line alone is short (``市政府外辦新聞``) has a masthead, not
    headlines, and keeps it apart.
    """
    groups: list[tuple[list[Bead], Lead | None]] = [([], None)]
    starts: list[int] = []
    for k, bead in enumerate(beads):
        current = groups[-1][1]
        lead = _opening(bead, zh_leads, en_leads, current.days if current else ())
        if lead is not None:
            groups.append(([], lead))
            starts.append(k)
        groups[-1][0].append(bead)
    if headlines and _headed(starts, headlines):
        most = 0
        for g in range(len(groups) - 1, 0, -1):
            limit = most if g == 1 and len(groups) > 2 else len(beads)
            taken = _headlines_above(groups[g - 1], headlines, starts[g - 1], limit)
            groups[g][0][:0] = taken
            most = max(most, len(taken))
    return [Event(tuple(g), lead.days if lead else (), lead.inferred if lead else False)
            for g, lead in groups if g]


def _headed(starts: Sequence[int], headlines: Sequence[bool]) -> bool:
    """Whether the events' headlines stand above them: one event with a headline, or
    most events after the first (the first may follow a masthead instead)."""
    above = [k > 0 and headlines[k - 1] for k in starts]
    if len(starts) == 1:
        return above[0]
    return 2 * sum(above[1:]) >= len(starts) - 1 > 0


def _headlines_above(group: tuple[list[Bead], Lead | None], headlines: Sequence[bool],
                     at: int, limit: int) -> list[Bead]:
    """Take at most ``limit`` headline beads that end ``group`` (just above bead ``at``).

    An event keeps its opening bead; the undated beads before the first event may
    all go, but no more than any later item took: the rest is the file's masthead.
    """
    beads, lead = group
    keep = 1 if lead is not None else 0
    taken: list[Bead] = []
    while len(taken) < limit and len(beads) > keep and headlines[at - len(taken) - 1]:
        taken.insert(0, beads.pop())
    return taken


def _opening(bead: Bead, zh_leads: Sequence[Lead | None], en_leads: Sequence[Lead | None],
             current: tuple[date, ...]) -> Lead | None:
    """The lead that opens an event at ``bead``: a written year first, then the Chinese."""
    zh = zh_leads[bead[0][0]] if bead[0] else None
    en = en_leads[bead[1][0]] if bead[1] else None
    leading = sorted((x for x in (zh, en) if x and x.leads), key=lambda x: x.inferred)
    if leading:
        lead = leading[0]
        within = len(current) > 1 and bool(lead.days) and set(lead.days) <= set(current)
        return None if lead.inferred and within else lead
    if zh and en and not set(zh.days) <= set(current):
        return zh
    return None
