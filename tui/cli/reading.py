"""``bitext list``, ``show`` and ``export``: the archive read out, for a person or a script."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.text import Text

from store.api import FORMATS, ExportFilter
from store.errors import InputError
from tui.cli.db import archive_of
from tui.cli.output import field, print_json, progress_bar
from tui.cli.tables import TABLE_ROWS, aligned, bead_table, entry_table, repair_summary
from tui.text.labels import counted, days_label, lines_label, visible


def run_list(args: argparse.Namespace, out: Console, err: Console) -> int:
    """A table on a terminal; one tab-separated line per entry, nothing cut, for scripts."""
    archive = archive_of(args)
    if args.json:
        print_json([e.to_dict() for e in archive.entries()])
        return 0
    if not out.is_terminal:  # as the rows come, a month at a time: `| head` reads one
        sys.stdout.writelines("\t".join([s.id, days_label(s.days), field(s.title_zh),
                                         field(s.title_en)]) + "\n"
                              for s in archive.newest_first())
        return 0
    rows = [(s.id, s.days, s.title_zh, s.title_en) for s in archive.summaries()]  # no bodies
    if len(rows) <= TABLE_ROWS:
        out.print(entry_table(rows, out.width))
    else:
        out.print(Text("\n".join(aligned(rows, out.width))))
        out.print(counted(len(rows), "entry", "entries"), style="dim")
    return 0


def run_show(args: argparse.Namespace, out: Console, err: Console) -> int:
    """One entry: its header, both titles, its beads side by side, its repairs."""
    archive = archive_of(args)
    entry = archive.entry(args.id)
    if args.json:
        print_json(entry.to_dict())
        return 0
    out.print(Text.assemble(
        (entry.id, "bold"), "  ", days_label(entry.days), "  ",
        (f"{visible(entry.source.name)} ({lines_label(entry)})", "dim"),
    ))
    out.print(Text(visible(entry.title["zh"]), style="bold"))
    out.print(Text(visible(entry.title["en"]), style="bold"))
    out.print(bead_table(entry))
    out.print(Text(repair_summary(entry), style="dim"))
    return 0


def run_export(args: argparse.Namespace, out: Console, err: Console) -> int:
    """To standard output as it is made, or to a file written atomically."""
    fmt = args.format or export_format(args.output)
    keep = ExportFilter(since=since_day(args.since), skip_damaged=args.skip_damaged,
                        reviewed_only=args.reviewed_only)
    archive = archive_of(args)
    with progress_bar(err, quiet=args.quiet) as step:
        if args.output is None:
            for piece in archive.export(fmt, query=args.query, keep=keep, bom=args.bom,
                                        segments=args.segments, progress=step):
                sys.stdout.buffer.write(piece)
            sys.stdout.flush()
            return 0
        archive.export_to(args.output, fmt, query=args.query, keep=keep, bom=args.bom,
                          segments=args.segments, progress=step)
    if not args.quiet:
        err.print(Text(f"wrote {visible(str(args.output))} ({fmt})"))
    return 0


def export_format(output: Path | None) -> str:
    """The format ``-o``'s suffix names; TMX without ``-o`` or a suffix. Any other suffix is
    an error: ``-o x.docx`` wrote TMX into a file Word then could not open."""
    if output is None or not output.suffix:
        return "tmx"
    suffixes = {suffix: fmt for fmt, suffix in FORMATS.items()}
    if fmt := suffixes.get(output.suffix.lower()):
        return fmt
    known = ", ".join(f"{fmt} ({suffix})" for fmt, suffix in FORMATS.items())
    raise InputError(str(output), f"{output.suffix} is not a format bitext writes: {known}; "
                                  "or name one with -f")


def since_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--since {text}", "is not a date (YYYY-MM-DD)") from None
