"""``bitext import``, ``sources`` and ``remove``: files into the archive and out again."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from store.api import CHECKS, ImportReport
from store.model import Entry, Finding, bead_of
from tui.cli import check_report
from tui.cli.db import archive_of
from tui.cli.output import EXIT_USER_ERROR, field, print_json, progress_bar
from tui.cli.tables import entry_table
from tui.text.labels import counted, visible

#: Entries a CSV import names in its line; the rest are counted.
_IDS_SHOWN = 5


def run_import(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 2 when any file was refused; the others are imported all the same."""
    archive = archive_of(args, reading=False)
    with progress_bar(err, quiet=args.quiet) as step:
        reports = archive.import_files(args.files, encoding=args.encoding, progress=step,
                                       dry_run=args.dry_run)
    for report in reports:
        if report.error:
            err.print(Text(f"bitext: {visible(report.error)}"))
        elif not args.quiet:
            print_import(report, out, dry_run=args.dry_run)
    return EXIT_USER_ERROR if any(r.error for r in reports) else 0


def print_import(report: ImportReport, out: Console, *, dry_run: bool) -> None:
    """The summary line, the entries added, the findings stored (each one, on a dry run)."""
    if report.edited is not None:
        out.print(Text(edited_line(report, dry_run=dry_run)))
        return
    out.print(Text(import_line(report, dry_run=dry_run)))
    for note in report.notes:
        out.print(Text(f"{visible(report.name)}: {visible(note)}"))
    if report.restored:
        restored = counted(len(report.restored), "entry", "entries")
        out.print(Text(f"review marks and edits of {restored} brought back (kept aside "
                       "when the file was removed)"))
    if not report.added:
        return
    rows = [(e.id, e.days, e.title["zh"], e.title["en"]) for e in report.added]
    out.print(entry_table(rows, out.width))
    if line := findings_line(report, dry_run=dry_run):
        out.print(Text(line))
    if dry_run:
        for entry in report.added:
            if found := report.findings.get(entry.id):
                check_report.print_entry(out, entry, [_unreviewed(entry, f) for f in found])


def _unreviewed(entry: Entry, finding: Finding) -> check_report.Reported:
    """A finding of an entry not yet in the archive: nothing reviewed, no readings asked."""
    bead = None if finding.lang is None else bead_of(entry.beads, finding.lang,
                                                      finding.para or 0)
    return check_report.Reported(finding, bead, False, ())


def findings_line(report: ImportReport, *, dry_run: bool) -> str:
    """``7 findings stored: 4 damage, 3 name``: by check, as ``bitext check`` names them."""
    by = Counter(f.check for found in report.findings.values() for f in found)
    if not by:
        return ""
    kinds = ", ".join(f"{by[c]} {visible(c)}" for c in [*CHECKS, *sorted(set(by) - set(CHECKS))]
                      if by[c])
    if dry_run:
        return f"{counted(by.total(), 'finding')} the checks would store: {kinds}"
    return f"{counted(by.total(), 'finding')} stored: {kinds} (`bitext check` lists them)"


def import_line(report: ImportReport, *, dry_run: bool = False) -> str:
    """``NAME: added 3 entries (utf-8, 2 repairs, 0 damaged spans)``."""
    source = report.source
    assert source is not None
    name = visible(report.name)
    if not report.added:
        nothing = "nothing would be added" if dry_run else "nothing added"
        already = counted(len(report.already), "entry", "entries")
        return f"{name}: already in the archive ({already}); {nothing}"
    repairs = sum(len(p.repairs) for e in report.added for p in (*e.zh, *e.en))
    damage = sum(len(p.damage) for e in report.added for p in (*e.zh, *e.en))
    added = "would add" if dry_run else "added"
    parts = [f"{name}: {added} {counted(len(report.added), 'entry', 'entries')}",
             source.encoding, counted(repairs, "repair"), counted(damage, "damaged span")]
    if source.furniture:
        parts.append(counted(len(source.furniture), "line") + " kept on the source only")
    if report.already:
        parts.append(f"{len(report.already)} already present")
    return parts[0] + " (" + ", ".join(parts[1:]) + ")"


def edited_line(report: ImportReport, *, dry_run: bool = False) -> str:
    """``NAME: edited 2 paragraphs in 1 entry (…)``: a CSV bitext wrote, read back."""
    edited = report.edited or {}
    name = visible(report.name)
    if not edited:
        return f"{name}: no text changed; nothing to record"
    what = (f"{counted(sum(edited.values()), 'paragraph')} in "
            f"{counted(len(edited), 'entry', 'entries')}")
    if dry_run:
        return f"{name}: would edit {what}; nothing written"
    ids = ", ".join(list(edited)[:_IDS_SHOWN]) + (", …" if len(edited) > _IDS_SHOWN else "")
    return (f"{name}: edited {what}, recorded as edits over the raw text "
            f"(`bitext show ID` shows them; `u` in the app undoes): {ids}")


def run_sources(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Id, when imported, how many entries, name: what ``bitext remove`` takes."""
    sources = sorted(archive_of(args).sources(), key=lambda s: (s.imported, s.name))
    if args.json:
        print_json([{"id": s.id, "name": s.name, "imported": s.imported,
                     "encoding": s.encoding, "entries": len(s.entries)} for s in sources])
        return 0
    rows = [(s.id, s.imported, str(len(s.entries)), visible(s.name)) for s in sources]
    if not out.is_terminal:
        sys.stdout.writelines("\t".join(field(x) for x in row) + "\n" for row in rows)
        return 0
    table = Table(caption=counted(len(rows), "source"), caption_justify="left")
    for column in ("id", "imported", "entries", "name"):
        table.add_column(column, no_wrap=column != "name", overflow="fold",
                         justify="right" if column == "entries" else "left")
    for row in rows:
        table.add_row(*(Text(x) for x in row))
    out.print(table)
    return 0


def run_remove(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Asked on a terminal (exit 1 when the answer is no); elsewhere only with ``--yes``:
    without, one line and exit 2, nothing changed."""
    archive = archive_of(args)
    source = archive.source(args.source)
    what = (f"{visible(source.name)} ({source.id}, "
            f"{counted(len(source.entries), 'entry', 'entries')})")
    if not args.yes:
        if not sys.stdin.isatty():
            err.print(Text(f"bitext: remove {what}: not confirmed; give --yes to remove "
                           "without asking"))
            return EXIT_USER_ERROR
        answer = err.input(Text(f"Remove {what} from {visible(str(archive.path))}? [y/N] "))
        if answer.strip().lower() not in ("y", "yes"):
            err.print("nothing removed")
            return 1
    done = archive.remove(source.id)
    parts = [f"removed {visible(done.source.name)}: "
             f"{counted(len(done.removed), 'entry', 'entries')}"]
    if done.kept:
        parts.append(f"{len(done.kept)} kept (another source lists them)")
    if done.set_aside:
        parts.append(f"review marks and edits of {len(done.set_aside)} kept aside for a "
                     "re-import")
    out.print(Text("; ".join(parts)))
    return 0
