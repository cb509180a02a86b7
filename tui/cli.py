"""The ``bitext`` command line: import bulletins, list and show entries.

Errors the user can fix print one line, ``bitext: <file>: <problem>``, on
stderr and exit with status 2; the archive is left as it was.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import orjson
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from store.api import ENV_DB, Archive, ImportReport, default_archive_path
from store.errors import BitextError, NotFound
from store.model import Entry
from tui.labels import days_label, lines_label, visible
from tui.paragraphs import cell_text

EXIT_USER_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        return args.run(args, out, err)
    except BitextError as e:
        err.print(Text(f"bitext: {visible(str(e))}"))
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", type=Path, metavar="PATH", default=argparse.SUPPRESS,
                    help=f"archive file (default: ${ENV_DB}, else {default_archive_path()})")
    parser = argparse.ArgumentParser(
        prog="bitext", parents=[db],
        description="Keep, read and compare bilingual Chinese/English bulletins.",
    )
    parser.set_defaults(run=_app, json=False)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("open", parents=[db], help="open an archive in the reader app")
    p.add_argument("path", type=Path, nargs="?", metavar="PATH", help="the archive file")
    p.set_defaults(run=_app)

    p = sub.add_parser("import", parents=[db], help="import bulletin files into the archive")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--encoding", help="decode the files with this encoding instead of detecting")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.set_defaults(run=_import)

    p = sub.add_parser("list", parents=[db], help="list the entries, newest first")
    p.add_argument("--json", action="store_true", help="print the entries as a JSON array")
    p.set_defaults(run=_list)

    p = sub.add_parser("show", parents=[db], help="show one entry side by side")
    p.add_argument("id", help="entry id, or a unique prefix of one")
    p.add_argument("--json", action="store_true", help="print the entry as JSON")
    p.set_defaults(run=_show)
    return parser


def _archive(args: argparse.Namespace, *, reading: bool = True) -> Archive:
    """The archive named by --db, else the default one (seeded with the sample to read)."""
    if "db" not in args:
        return Archive.open_default(seed=reading)
    archive = Archive(args.db)
    if reading and not archive.path.exists():
        raise NotFound(f"{args.db}: no archive here (create one with `bitext import FILE "
                       f"--db {args.db}`)")
    return archive


# -- the app -------------------------------------------------------------------

def _app(args: argparse.Namespace, out: Console, err: Console) -> int:
    """The reader app; with output that is not a terminal, the list instead."""
    path = getattr(args, "path", None) or getattr(args, "db", None)
    if path is not None:
        args.db = path
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        return _list(args, out, err)
    if path is not None and not path.exists():
        raise NotFound(f"{path}: no archive here (create one with `bitext import FILE "
                       f"--db {path}`)")
    from tui.app import make_app  # noqa: PLC0415  (Textual loads only when the app runs)

    make_app(path).run()
    return 0


# -- import --------------------------------------------------------------------

def _import(args: argparse.Namespace, out: Console, err: Console) -> int:
    archive = _archive(args, reading=False)
    show_progress = len(args.files) > 1 and err.is_terminal and not args.quiet
    with Progress(console=err, transient=True, disable=not show_progress) as progress:
        task = progress.add_task("importing", total=len(args.files))

        def step(name: str) -> None:
            progress.update(task, advance=1, description=visible(Path(name).name))

        reports = archive.import_files(args.files, encoding=args.encoding, progress=step)
    for report in reports:
        if report.error:
            err.print(Text(f"bitext: {visible(report.error)}"))
        elif not args.quiet:
            out.print(Text(_import_line(report)))
            if report.added:
                out.print(_entry_table(report.added, out.width))
    return EXIT_USER_ERROR if any(r.error for r in reports) else 0


def _import_line(report: ImportReport) -> str:
    source = report.source
    assert source is not None
    name = visible(report.name)
    if not report.added:
        return f"{name}: already in the archive ({len(report.already)} entries); nothing added"
    repairs = sum(len(p.repairs) for e in report.added for p in (*e.zh, *e.en))
    damage = sum(len(p.damage) for e in report.added for p in (*e.zh, *e.en))
    parts = [f"{name}: added {_count(len(report.added), 'entry', 'entries')}",
             source.encoding, _count(repairs, "repair"), _count(damage, "damaged span")]
    if source.furniture:
        parts.append(_count(len(source.furniture), "line") + " kept on the source only")
    if report.already:
        parts.append(f"{len(report.already)} already present")
    return parts[0] + " (" + ", ".join(parts[1:]) + ")"


# -- list and show ---------------------------------------------------------------

def _list(args: argparse.Namespace, out: Console, err: Console) -> int:
    entries = _archive(args).entries()
    if args.json:
        _print_json([e.to_dict() for e in entries])
    else:
        out.print(_entry_table(entries, out.width))
    return 0


def _show(args: argparse.Namespace, out: Console, err: Console) -> int:
    archive = _archive(args)
    entry = archive.entry(args.id)
    if args.json:
        _print_json(entry.to_dict())
        return 0
    out.print(Text.assemble(
        (entry.id, "bold"), "  ", days_label(entry.days), "  ",
        (f"{visible(entry.source.name)} ({lines_label(entry)})", "dim"),
    ))
    out.print(Text(visible(entry.title["zh"]), style="bold"))
    out.print(Text(visible(entry.title["en"]), style="bold"))
    out.print(_bead_table(entry))
    out.print(Text(_repair_summary(entry), style="dim"))
    return 0


def _entry_table(entries: Sequence[Entry], width: int) -> Table:
    """One line per entry; the titles share what the id and date columns leave."""
    table = Table(caption=_count(len(entries), "entry", "entries"), caption_justify="left")
    id_w = max((len(e.id) for e in entries), default=2)
    date_w = max((len(days_label(e.days)) for e in entries), default=4)
    titles = max(width - id_w - date_w - 13, 20)
    table.add_column("id", no_wrap=True, width=id_w)
    table.add_column("date", no_wrap=True, width=date_w)
    table.add_column("中文", no_wrap=True, overflow="ellipsis", width=titles * 2 // 5)
    table.add_column("English", no_wrap=True, overflow="ellipsis", width=titles - titles * 2 // 5)
    for e in entries:
        table.add_row(e.id, days_label(e.days), Text(visible(e.title["zh"])),
                      Text(visible(e.title["en"])))
    return table


def _bead_table(entry: Entry) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("中文", ratio=1, overflow="fold")
    table.add_column("English", ratio=1, overflow="fold")
    for k, (zh, en) in enumerate(entry.beads, 1):
        shape = "" if (len(zh), len(en)) == (1, 1) else f"\n{len(zh)}-{len(en)}"
        table.add_row(f"{k}{shape}", cell_text(entry, "zh", zh, line_numbers=True),
                      cell_text(entry, "en", en, line_numbers=True))
    return table


def _repair_summary(entry: Entry) -> str:
    kinds = Counter(r.kind for p in (*entry.zh, *entry.en) for r in p.repairs)
    damage = sum(len(p.damage) for p in (*entry.zh, *entry.en))
    repairs = ", ".join(f"{k} {n}" for k, n in kinds.most_common()) or "none"
    return f"repairs: {repairs}; damaged spans: {damage} (marked in red)"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _print_json(data: object) -> None:
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
