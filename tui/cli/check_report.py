"""``bitext check``: what the checks found, for a person on a terminal or for a script.

On a terminal: each entry with findings, a line per finding (severity, check,
where, what) and, under damaged text, the readings recovered for it. Piped:
one tab-separated line per finding. ``--json``: the documented report.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from store.api import Archive
from store.model import Entry, Finding, bead_of
from tui.text.labels import counted, days_label, visible

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "review": "cyan"}


@dataclass(frozen=True, slots=True)
class Reported:
    """One finding with where it sits in the entry as edited and what the user made of it."""

    finding: Finding
    bead: int | None
    reviewed: bool
    readings: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {**self.finding.to_dict(), "bead": self.bead, "reviewed": self.reviewed,
                "readings": list(self.readings)}


def report(archive: Archive, entry: Entry, findings: Sequence[Finding]) -> list[Reported]:
    reviewed = archive.reviewed(entry.id)
    suggested = {s.finding.key: tuple(r.text for r in s.readings)
                 for s in archive.suggestions(entry.id)} if any(
        f.check == "damage" for f in findings) else {}
    return [Reported(f, None if f.lang is None else bead_of(entry.beads, f.lang, f.para or 0),
                     f.key in reviewed, suggested.get(f.key, ())) for f in findings]


def print_entry(out: Console, entry: Entry, found: Sequence[Reported]) -> None:
    out.print(Text.assemble((entry.id, "bold"), "  ", days_label(entry.days), "  ",
                            visible(entry.title["zh"])))
    for r in found:
        f = r.finding
        where = "entry" if f.lang is None else f"{f.lang} ¶{(f.para or 0) + 1}"
        if r.bead is not None:
            where += f" bead {r.bead + 1}"
        line = Text.assemble("  ", (f"{f.severity:<7}", SEVERITY_STYLE[f.severity]),
                             (f"{visible(f.check):<15}", "bold"), (f"{where:<17}", "dim"),
                             visible(f.message))
        if r.reviewed:
            line.stylize("dim")
            line.append("  (reviewed)", "dim")
        out.print(line)
        if r.readings:
            readings = [visible(text) for text in r.readings]
            rest = f" (then {', '.join(readings[1:])})" if len(readings) > 1 else ""
            out.print(Text.assemble(" " * 41, "suggested reading: ", (readings[0], "bold green"),
                                    (rest, "dim")))


def print_lines(found: Sequence[tuple[Entry, Reported]]) -> None:
    """For scripts: one tab-separated line per finding."""
    for entry, r in found:
        f = r.finding
        fields = [entry.id, f.severity, f.check, f.lang or "", "" if f.para is None else
                  str(f.para + 1), "" if r.bead is None else str(r.bead + 1), f.subject,
                  f.message, "reviewed" if r.reviewed else "", r.readings[0] if r.readings else ""]
        sys.stdout.write("\t".join(visible(x).replace("\t", " ") for x in fields) + "\n")


def summary(found: Sequence[tuple[Entry, Reported]], checked: int) -> str:
    """``7 findings in 5 of 8 entries: 4 errors, 3 to review; 1 reviewed``."""
    open_ = [(e, r) for e, r in found if not r.reviewed]
    by = Counter(r.finding.severity for _, r in open_)
    named = {"error": counted(by["error"], "error"),
             "warning": counted(by["warning"], "warning"), "review": f"{by['review']:,} to review"}
    parts = [text for severity, text in named.items() if by[severity]]
    entries = len({e.id for e, _ in open_})
    text = (f"{counted(len(open_), 'finding')} in {entries:,} of "
            f"{counted(checked, 'entry', 'entries')}" + (f": {', '.join(parts)}" if parts else ""))
    reviewed = len(found) - len(open_)
    return text + (f"; {reviewed} reviewed (shown with --all)" if reviewed else "")
