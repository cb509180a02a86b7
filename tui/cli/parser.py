"""The command line's words: each command, its options, and the function that runs it."""

from __future__ import annotations

import argparse
from pathlib import Path

from store.api import ENV_DB, FORMATS, default_archive_path, program_version
from tui.cli.checking import run_check, run_check_archive
from tui.cli.importing import run_import, run_remove, run_sources
from tui.cli.launch import run_app, run_serve
from tui.cli.reading import run_export, run_list, run_show
from tui.cli.searching import QUERY_HELP, run_search
from tui.serve import DEFAULT_PORT


def parser() -> argparse.ArgumentParser:
    """``bitext [COMMAND]``; each command sets ``run(args, out, err) -> exit status``."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", type=Path, metavar="PATH", default=argparse.SUPPRESS,
                    help=f"archive file (default: ${ENV_DB}, else {default_archive_path()})")
    top = argparse.ArgumentParser(
        prog="bitext", parents=[db],
        description="Keep, read and compare bilingual Chinese/English bulletins.",
    )
    top.add_argument("--version", action="version", version=f"bitext {program_version()}")
    top.add_argument("--fresh", action="store_true",
                     help="start the app as new: no remembered theme, layout, entry or search")
    top.set_defaults(run=run_app, json=False)
    sub = top.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("open", parents=[db], help="open an archive in the reader app")
    p.add_argument("path", type=Path, nargs="?", metavar="PATH", help="the archive file")
    p.add_argument("--fresh", action="store_true", default=argparse.SUPPRESS,
                   help="start as new: no remembered theme, layout, entry or search")
    p.set_defaults(run=run_app)
    _source_commands(sub, db)
    _reading_commands(sub, db)
    _checking_commands(sub, db)

    p = sub.add_parser("serve", parents=[db],
                       help="serve the reader app to a browser on this machine (localhost only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port on localhost (default {DEFAULT_PORT})")
    p.set_defaults(run=run_serve)
    return top


def _source_commands(sub: argparse._SubParsersAction, db: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[db], help="import bulletin files into the archive")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--encoding", help="decode the files with this encoding instead of detecting")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.add_argument("-n", "--dry-run", action="store_true",
                   help="show what would be added, and what the checks would find; write nothing")
    p.set_defaults(run=run_import)

    p = sub.add_parser("sources", parents=[db], help="list the imported files, with their ids")
    p.add_argument("--json", action="store_true", help="print the sources as a JSON array")
    p.set_defaults(run=run_sources)

    p = sub.add_parser("remove", parents=[db],
                       help="take an imported file and its entries out of the archive")
    p.add_argument("source", metavar="SOURCE",
                   help="source id (or a unique prefix) or name, as `bitext sources` shows")
    p.add_argument("-y", "--yes", action="store_true", help="remove without asking")
    p.set_defaults(run=run_remove)


def _reading_commands(sub: argparse._SubParsersAction, db: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[db], help="list the entries, newest first")
    p.add_argument("--json", action="store_true", help="print the entries as a JSON array")
    p.set_defaults(run=run_list)

    p = sub.add_parser("search", parents=[db], help="search both languages",
                       description="Search the archive. " + QUERY_HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", nargs="+", help="words, \"phrases\", OR, -word, zh: en: date: source:")
    p.add_argument("--limit", type=int, default=20, metavar="N",
                   help="show the best N entries (default 20; 0 for all)")
    p.add_argument("--kwic", action="store_true",
                   help="one line per hit: context, hit, context, and the aligned translation")
    p.add_argument("--sort", choices=["rank", "left", "right"], default="rank",
                   help="order of --kwic lines: rank, or the context left or right of the hit")
    p.add_argument("--json", action="store_true",
                   help="print the matching entries as a JSON array, best first")
    p.set_defaults(run=run_search)

    p = sub.add_parser("show", parents=[db], help="show one entry side by side")
    p.add_argument("id", help="entry id, or a unique prefix of one")
    p.add_argument("--json", action="store_true", help="print the entry as JSON")
    p.set_defaults(run=run_show)

    p = sub.add_parser("export", parents=[db],
                       help="write the entries as TMX, JSON Lines, CSV or Markdown")
    p.add_argument("-f", "--format", choices=list(FORMATS),
                   help="default: from the suffix of -o, else tmx")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="write here, atomically (default: standard output)")
    p.add_argument("--query", metavar="QUERY",
                   help="only the entries this search finds (the search syntax of `bitext search`)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.set_defaults(run=run_export)


def _checking_commands(sub: argparse._SubParsersAction, db: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check-archive", parents=[db],
                       help="check the archive file inside out (exit 1 if anything is wrong)")
    p.set_defaults(run=run_check_archive)

    p = sub.add_parser("check", parents=[db],
                       help="compare the two languages: numbers, dates, names, damage… "
                            "(exit 1 only while errors are not reviewed; warnings and "
                            "review items are listed but exit 0)")
    p.add_argument("ids", nargs="*", metavar="ID", help="entries to check (default: every one)")
    p.add_argument("--all", action="store_true", help="show findings marked reviewed too")
    p.add_argument("--json", action="store_true",
                   help="print the report as JSON: [{id, findings: [...]}]")
    p.add_argument("--list", action="store_true", help="list the checks and what they mean")
    p.set_defaults(run=run_check)
