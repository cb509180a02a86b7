"""The command line's words: each command, its options, and the function that runs it.

Each command names its function as ``"module:function"``, imported by ``command``
once the arguments are parsed. Building the parser so loads none of the library
(``store.api``: numpy, lxml, TinyDB; Textual), which is what lets ``bitext --help``
and ``--version`` start in 0.1 s instead of 0.5 s (docs/benchmarks.md); the few
facts the help text shows come from ``store`` itself. ``tests/test_cli_startup.py``
holds it.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from store import ENV_DB, FORMATS, SEGMENTS, default_archive_path, program_version
from tui.serve import DEFAULT_PORT

QUERY_HELP = """
  重庆 合作                  both terms, in either language (重慶 finds 重庆 too)
  "Foreign Affairs Office"   a phrase
  Belarus OR Italy           either term (between two terms, "or" works too)
  -visit, meeting not visit  leave out entries with this term
  zh:合作  en:cooperation     in one language only
  chongqing, li qian         pinyin also finds the Chinese it spells
  date:2018-11  date:2018-11-08..2018-11-20  source:NAME
"""


def parser() -> argparse.ArgumentParser:
    """``bitext [COMMAND]``; each command sets ``run``: its ``run_xxx(args, out, err) -> exit
    status`` as ``"module:function"``."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", type=Path, metavar="PATH", default=argparse.SUPPRESS,
                    help=f"archive file (default: ${ENV_DB}, else {default_archive_path()})")
    top = argparse.ArgumentParser(
        prog="bitext", parents=[db],
        description="Keep, read and compare bilingual Chinese/English bulletins.",
    )
    top.add_argument("--version", action=_Version)
    top.add_argument("--fresh", action="store_true",
                     help="start the app as new: no remembered theme, layout, entry or search")
    top.set_defaults(run="tui.cli.launch:run_app", json=False)
    sub = top.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("open", parents=[db], help="open an archive in the reader app")
    p.add_argument("path", type=Path, nargs="?", metavar="PATH", help="the archive file")
    p.add_argument("--fresh", action="store_true", default=argparse.SUPPRESS,
                   help="start as new: no remembered theme, layout, entry or search")
    p.set_defaults(run="tui.cli.launch:run_app")
    _source_commands(sub, db)
    _reading_commands(sub, db)
    _checking_commands(sub, db)

    p = sub.add_parser("serve", parents=[db],
                       help="serve the reader app to a browser on this machine (localhost only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port on localhost (default {DEFAULT_PORT})")
    p.set_defaults(run="tui.cli.launch:run_serve")
    return top


def command(args: argparse.Namespace) -> Callable[..., int]:
    """The function that runs the parsed command, its module (and the library) imported now."""
    module, name = args.run.split(":")
    return getattr(importlib.import_module(module), name)


class _Version(argparse.Action):
    """argparse's ``action="version"``, printing ``program_version()`` (store's constant)."""

    def __init__(self, option_strings: Sequence[str], dest: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        print(f"bitext {program_version()}")
        parser.exit()


def _source_commands(sub: argparse._SubParsersAction, db: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[db],
                       help="import bulletins, TMX or JSON Lines into the archive; a CSV "
                            "bitext exported brings its edited text back")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--encoding", help="decode the files with this encoding instead of detecting")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.add_argument("-n", "--dry-run", action="store_true",
                   help="show what would be added, and what the checks would find; write nothing")
    p.set_defaults(run="tui.cli.importing:run_import")

    p = sub.add_parser("sources", parents=[db], help="list the imported files, with their ids")
    p.add_argument("--json", action="store_true", help="print the sources as a JSON array")
    p.set_defaults(run="tui.cli.importing:run_sources")

    p = sub.add_parser("remove", parents=[db],
                       help="take an imported file and its entries out of the archive")
    p.add_argument("source", metavar="SOURCE",
                   help="source id (or a unique prefix) or name, as `bitext sources` shows")
    p.add_argument("-y", "--yes", action="store_true", help="remove without asking")
    p.set_defaults(run="tui.cli.importing:run_remove")


def _reading_commands(sub: argparse._SubParsersAction, db: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[db], help="list the entries, newest first")
    p.add_argument("--json", action="store_true", help="print the entries as a JSON array")
    p.set_defaults(run="tui.cli.reading:run_list")

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
    p.set_defaults(run="tui.cli.searching:run_search")

    p = sub.add_parser("show", parents=[db], help="show one entry side by side")
    p.add_argument("id", help="entry id, or a unique prefix of one")
    p.add_argument("--json", action="store_true", help="print the entry as JSON")
    p.set_defaults(run="tui.cli.reading:run_show")

    p = sub.add_parser("export", parents=[db],
                       help="write the entries as TMX, JSON Lines, CSV or Markdown")
    p.add_argument("-f", "--format", choices=list(FORMATS),
                   help="default: from the suffix of -o (.tmx, .jsonl, .csv, .md; another "
                        "suffix is an error), else tmx")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="write here, atomically (default: standard output)")
    p.add_argument("--segments", choices=SEGMENTS, default="paragraph",
                   help="TMX: a unit per aligned bead (paragraph, the default), or per "
                        "sentence pair inside the beads (sentence), as CAT tools match")
    p.add_argument("--query", metavar="QUERY",
                   help="only the entries this search finds (the search syntax of `bitext search`)")
    p.add_argument("--since", metavar="DATE",
                   help="only entries whose last day is DATE (YYYY-MM-DD) or later; "
                        "undated entries are left out")
    p.add_argument("--skip-damaged", action="store_true",
                   help="leave out entries with damaged text (an accepted reading repairs it)")
    p.add_argument("--reviewed-only", action="store_true",
                   help="only entries with no finding left unreviewed (`bitext check`)")
    p.add_argument("--no-bom", dest="bom", action="store_false",
                   help="CSV without the UTF-8 byte-order mark (Excel needs it to read the "
                        "Chinese; some scripts do not want it)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.set_defaults(run="tui.cli.reading:run_export")


def _checking_commands(sub: argparse._SubParsersAction, db: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check-archive", parents=[db],
                       help="check the archive file inside out (exit 1 if anything is wrong)")
    p.set_defaults(run="tui.cli.checking:run_check_archive")

    p = sub.add_parser("check", parents=[db],
                       help="compare the two languages: numbers, dates, names, damage… "
                            "(exit 1 only while errors are not reviewed; warnings and "
                            "review items are listed but exit 0)")
    p.add_argument("ids", nargs="*", metavar="ID", help="entries to check (default: every one)")
    p.add_argument("--all", action="store_true", help="show findings marked reviewed too")
    p.add_argument("--json", action="store_true",
                   help="print the report as JSON: [{id, findings: [...]}]")
    p.add_argument("--list", action="store_true", help="list the checks and what they mean")
    p.set_defaults(run="tui.cli.checking:run_check")
