"""``bitext list``, ``show`` and ``export``: the archive read out, for a person or a script."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.text import Text

from store.api import FORMATS
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
    rows = [(s.id, s.days, s.title_zh, s.title_en) for s in archive.summaries()]  # no bodies
    if not out.is_terminal:
        sys.stdout.writelines("\t".join([i, days_label(d), field(zh), field(en)]) + "\n"
                              for i, d, zh, en in rows)
    elif len(rows) <= TABLE_ROWS:
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
    archive = archive_of(args)
    suffixes = {suffix: fmt for fmt, suffix in FORMATS.items()}
    fmt = args.format or (suffixes.get(args.output.suffix.lower(), "tmx") if args.output
                          else "tmx")
    with progress_bar(err, quiet=args.quiet) as step:
        if args.output is None:
            for piece in archive.export(fmt, query=args.query, progress=step):
                sys.stdout.buffer.write(piece)
            sys.stdout.flush()
            return 0
        archive.export_to(args.output, fmt, query=args.query, progress=step)
    if not args.quiet:
        err.print(Text(f"wrote {visible(str(args.output))} ({fmt})"))
    return 0
