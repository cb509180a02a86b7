"""The ``bitext`` command line: import bulletins, list, show and search entries.

Errors the user can fix print one line, ``bitext: <file>: <problem>``, on
stderr and exit with status 2; the archive is left as it was.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import orjson
from rich.cells import set_cell_size
from rich.console import Console
from rich.progress import Progress as RichProgress
from rich.table import Table
from rich.text import Text

from store.api import (
    CHECKS,
    ENV_DB,
    FORMATS,
    INDEXING,
    Archive,
    ImportReport,
    Progress,
    SearchResults,
    default_archive_path,
)
from store.errors import BitextError, NotFound, QueryError
from store.model import Entry, Finding, bead_of
from tui import check_report
from tui.concordance import Line, concordance, lines
from tui.labels import days_label, json_escaped, lines_label, visible
from tui.paragraphs import cell_text
from tui.serve import DEFAULT_PORT, serve

EXIT_USER_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = _Console(highlight=False, soft_wrap=True)
    err = _Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        return args.run(args, out, err)
    except BitextError as e:
        err.print(Text(f"bitext: {visible(str(e))}"))
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `bitext list | head -1`: the reader left; end quietly
        _drop_output()
        return 141
    except OSError as e:  # `bitext export > /dev/full`: a disk full under the output
        _drop_output()
        err.print(Text(f"bitext: {visible(str(e.filename or 'standard output'))}: "
                       f"{e.strerror or e}"))
        return EXIT_USER_ERROR


def _drop_output() -> None:
    """Standard output to /dev/null, so the interpreter's last flush cannot fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class _Console(Console):
    """Rich's console, but a closed pipe ends the command as bitext's own writes do
    (exit 141, ``main``); Rich's own handler exits 1, which reads as a failure."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


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
    p.add_argument("-n", "--dry-run", action="store_true",
                   help="show what would be added, and what the checks would find; write nothing")
    p.set_defaults(run=_import)
    _source_commands(sub, db)

    p = sub.add_parser("list", parents=[db], help="list the entries, newest first")
    p.add_argument("--json", action="store_true", help="print the entries as a JSON array")
    p.set_defaults(run=_list)

    p = sub.add_parser("search", parents=[db], help="search both languages",
                       description="Search the archive. " + _QUERY_HELP,
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
    p.set_defaults(run=_search)

    p = sub.add_parser("check-archive", parents=[db],
                       help="check the archive file inside out (exit 1 if anything is wrong)")
    p.set_defaults(run=_check_archive)

    p = sub.add_parser("check", parents=[db],
                       help="compare the two languages: numbers, dates, names, damage… "
                            "(exit 1 only while errors are not reviewed; warnings and "
                            "review items are listed but exit 0)")
    p.add_argument("ids", nargs="*", metavar="ID", help="entries to check (default: every one)")
    p.add_argument("--all", action="store_true", help="show findings marked reviewed too")
    p.add_argument("--json", action="store_true",
                   help="print the report as JSON: [{id, findings: [...]}]")
    p.add_argument("--list", action="store_true", help="list the checks and what they mean")
    p.set_defaults(run=_check)

    p = sub.add_parser("export", parents=[db],
                       help="write the entries as TMX, JSON Lines, CSV or Markdown")
    p.add_argument("-f", "--format", choices=list(FORMATS),
                   help="default: from the suffix of -o, else tmx")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="write here, atomically (default: standard output)")
    p.add_argument("--query", metavar="QUERY",
                   help="only the entries this search finds (the search syntax of `bitext search`)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.set_defaults(run=_export)

    p = sub.add_parser("show", parents=[db], help="show one entry side by side")
    p.add_argument("id", help="entry id, or a unique prefix of one")
    p.add_argument("--json", action="store_true", help="print the entry as JSON")
    p.set_defaults(run=_show)

    p = sub.add_parser("serve", parents=[db],
                       help="serve the reader app to a browser on this machine (localhost only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port on localhost (default {DEFAULT_PORT})")
    p.set_defaults(run=_serve)
    return parser


def _source_commands(sub: argparse._SubParsersAction, db: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sources", parents=[db], help="list the imported files, with their ids")
    p.add_argument("--json", action="store_true", help="print the sources as a JSON array")
    p.set_defaults(run=_sources)

    p = sub.add_parser("remove", parents=[db],
                       help="take an imported file and its entries out of the archive")
    p.add_argument("source", metavar="SOURCE",
                   help="source id (or a unique prefix) or name, as `bitext sources` shows")
    p.add_argument("-y", "--yes", action="store_true", help="remove without asking")
    p.set_defaults(run=_remove)


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
    """The reader app; with output that is not a terminal (nor a browser), the list instead."""
    path = getattr(args, "path", None) or getattr(args, "db", None)
    if path is not None:
        args.db = path
    if not (_served() or (sys.stdout.isatty() and sys.stdin.isatty())):
        return _list(args, out, err)
    if path is not None and not path.exists():
        raise NotFound(f"{path}: no archive here (create one with `bitext import FILE "
                       f"--db {path}`)")
    from tui.app import make_app  # noqa: PLC0415  (Textual loads only when the app runs)

    make_app(path).run()
    return 0


def _served() -> bool:
    """Run by textual-serve for ``bitext serve``: pipes, not a terminal, yet a screen.

    textual-serve asks for Textual's web driver in ``TEXTUAL_DRIVER``; printing the
    list there instead would leave the browser tab empty.
    """
    return "TEXTUAL_DRIVER" in os.environ


# -- serve ---------------------------------------------------------------------

def _serve(args: argparse.Namespace, out: Console, err: Console) -> int:
    """The reader app in a browser at http://localhost:PORT, until Ctrl+C."""
    serve(getattr(args, "db", None), port=args.port)
    return 0


# -- import --------------------------------------------------------------------

def _import(args: argparse.Namespace, out: Console, err: Console) -> int:
    archive = _archive(args, reading=False)
    with _progress_bar(err, quiet=args.quiet) as step:
        reports = archive.import_files(args.files, encoding=args.encoding, progress=step,
                                       dry_run=args.dry_run)
    for report in reports:
        if report.error:
            err.print(Text(f"bitext: {visible(report.error)}"))
        elif not args.quiet:
            _print_import(report, out, dry_run=args.dry_run)
    return EXIT_USER_ERROR if any(r.error for r in reports) else 0


def _print_import(report: ImportReport, out: Console, *, dry_run: bool) -> None:
    """The summary line, the entries added, the findings stored (each one, on a dry run)."""
    out.print(Text(_import_line(report, dry_run=dry_run)))
    if report.restored:
        restored = _count(len(report.restored), "entry", "entries")
        out.print(Text(f"review marks and edits of {restored} brought back (kept aside "
                       "when the file was removed)"))
    if not report.added:
        return
    rows = [(e.id, e.days, e.title["zh"], e.title["en"]) for e in report.added]
    out.print(_entry_table(rows, out.width))
    if line := _findings_line(report, dry_run=dry_run):
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


def _findings_line(report: ImportReport, *, dry_run: bool) -> str:
    """``7 findings stored: 4 damage, 3 name``: by check, as ``bitext check`` names them."""
    by = Counter(f.check for found in report.findings.values() for f in found)
    if not by:
        return ""
    kinds = ", ".join(f"{by[c]} {visible(c)}" for c in [*CHECKS, *sorted(set(by) - set(CHECKS))]
                      if by[c])
    if dry_run:
        return f"{_count(by.total(), 'finding')} the checks would store: {kinds}"
    return f"{_count(by.total(), 'finding')} stored: {kinds} (`bitext check` lists them)"


@contextlib.contextmanager
def _progress_bar(err: Console, *, quiet: bool = False) -> Iterator[Progress]:
    """One bar on stderr that long work moves (files, the index, an export); none when
    quiet or when stderr is not a terminal, so scripts and pipes stay clean."""
    with RichProgress(console=err, transient=True,
                      disable=quiet or not err.is_terminal) as bar:
        task = bar.add_task("", total=None)

        def step(what: str, done: int, total: int) -> None:
            label = what if what in (INDEXING, "exporting", "checking") else visible(
                Path(what).name)
            bar.update(task, description=label, completed=done, total=total)

        yield step


def _import_line(report: ImportReport, *, dry_run: bool = False) -> str:
    source = report.source
    assert source is not None
    name = visible(report.name)
    if not report.added:
        nothing = "nothing would be added" if dry_run else "nothing added"
        already = _count(len(report.already), "entry", "entries")
        return f"{name}: already in the archive ({already}); {nothing}"
    repairs = sum(len(p.repairs) for e in report.added for p in (*e.zh, *e.en))
    damage = sum(len(p.damage) for e in report.added for p in (*e.zh, *e.en))
    added = "would add" if dry_run else "added"
    parts = [f"{name}: {added} {_count(len(report.added), 'entry', 'entries')}",
             source.encoding, _count(repairs, "repair"), _count(damage, "damaged span")]
    if source.furniture:
        parts.append(_count(len(source.furniture), "line") + " kept on the source only")
    if report.already:
        parts.append(f"{len(report.already)} already present")
    return parts[0] + " (" + ", ".join(parts[1:]) + ")"


# -- sources and remove ----------------------------------------------------------

def _sources(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Id, when imported, how many entries, name: what ``bitext remove`` takes."""
    sources = sorted(_archive(args).sources(), key=lambda s: (s.imported, s.name))
    if args.json:
        _print_json([{"id": s.id, "name": s.name, "imported": s.imported,
                      "encoding": s.encoding, "entries": len(s.entries)} for s in sources])
        return 0
    rows = [(s.id, s.imported, str(len(s.entries)), visible(s.name)) for s in sources]
    if not out.is_terminal:
        sys.stdout.writelines("\t".join(_field(x) for x in row) + "\n" for row in rows)
        return 0
    table = Table(caption=_count(len(rows), "source"), caption_justify="left")
    for column in ("id", "imported", "entries", "name"):
        table.add_column(column, no_wrap=column != "name", overflow="fold",
                         justify="right" if column == "entries" else "left")
    for row in rows:
        table.add_row(*(Text(x) for x in row))
    out.print(table)
    return 0


def _remove(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Asked on a terminal (exit 1 when the answer is no); elsewhere only with ``--yes``:
    without, one line and exit 2, nothing changed."""
    archive = _archive(args)
    source = archive.source(args.source)
    what = (f"{visible(source.name)} ({source.id}, "
            f"{_count(len(source.entries), 'entry', 'entries')})")
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
             f"{_count(len(done.removed), 'entry', 'entries')}"]
    if done.kept:
        parts.append(f"{len(done.kept)} kept (another source lists them)")
    if done.set_aside:
        parts.append(f"review marks and edits of {len(done.set_aside)} kept aside for a "
                     "re-import")
    out.print(Text("; ".join(parts)))
    return 0


# -- list and show ---------------------------------------------------------------

def _list(args: argparse.Namespace, out: Console, err: Console) -> int:
    archive = _archive(args)
    if args.json:
        _print_json([e.to_dict() for e in archive.entries()])
        return 0
    rows = [(s.id, s.days, s.title_zh, s.title_en) for s in archive.summaries()]  # no bodies
    if not out.is_terminal:  # for scripts: one tab-separated line per entry, nothing cut
        sys.stdout.writelines("\t".join([i, days_label(d), _field(zh), _field(en)]) + "\n"
                              for i, d, zh, en in rows)
    elif len(rows) <= _TABLE_ROWS:
        out.print(_entry_table(rows, out.width))
    else:  # a rich table of 100,000 rows takes a minute; aligned lines take a moment
        out.print(Text("\n".join(_aligned(rows, out.width))))
        out.print(_count(len(rows), "entry", "entries"), style="dim")
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


# -- check-archive -------------------------------------------------------------

#: Problems printed one by one; the count tells the rest.
_SHOWN_PROBLEMS = 50


def _check_archive(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 0 when sound, 1 with a line per problem, 2 when the file cannot be read."""
    archive = _archive(args)
    found, index = archive.check()
    where = visible(str(archive.path))
    for problem in found[:_SHOWN_PROBLEMS]:
        out.print(Text(f"{where}: {visible(problem)}"))
    if len(found) > _SHOWN_PROBLEMS:
        out.print(Text(f"{where}: … and {len(found) - _SHOWN_PROBLEMS:,} more"))
    entries, sources = archive.count(), len(archive.sources())
    verdict = _count(len(found), "problem") if found else "no problems"
    out.print(Text(f"{where}: {_count(entries, 'entry', 'entries')}, "
                   f"{_count(sources, 'source')} checked: {verdict}; {visible(str(index))}"))
    return 1 if found else 0


# -- export --------------------------------------------------------------------

def _export(args: argparse.Namespace, out: Console, err: Console) -> int:
    archive = _archive(args)
    suffixes = {suffix: fmt for fmt, suffix in FORMATS.items()}
    fmt = args.format or (suffixes.get(args.output.suffix.lower(), "tmx") if args.output
                          else "tmx")
    with _progress_bar(err, quiet=args.quiet) as step:
        if args.output is None:
            for piece in archive.export(fmt, query=args.query, progress=step):
                sys.stdout.buffer.write(piece)
            sys.stdout.flush()
            return 0
        archive.export_to(args.output, fmt, query=args.query, progress=step)
    if not args.quiet:
        err.print(Text(f"wrote {visible(str(args.output))} ({fmt})"))
    return 0


# -- check ---------------------------------------------------------------------

def _check(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 1 while an error is not reviewed, else 0: warnings and names to review are
    listed but pass, so the command can gate a script on what is surely wrong."""
    if args.list:
        for check, (severity, meaning) in CHECKS.items():
            out.print(Text.assemble((f"{check:<16}", "bold"),
                                    (f"{severity:<8}", check_report.SEVERITY_STYLE[severity]),
                                    meaning))
        return 0
    archive = _archive(args)
    if args.ids:
        entries = [archive.entry(i) for i in args.ids]
        findings = {e.id: archive.findings_of(e) for e in entries}
    else:
        with _progress_bar(err) as step:
            findings = archive.check_all(step)
        # those checked: an import in another process may have added more since
        entries = [e for e in archive.entries() if e.id in findings]
    shown = {e.id: [r for r in check_report.report(archive, e, findings[e.id])
                    if args.all or args.json or not r.reviewed] for e in entries}
    found = [(e, r) for e in entries for r in shown[e.id]]
    if args.json:
        _print_json([{"id": e.id, "findings": [r.to_dict() for r in shown[e.id]]}
                     for e in entries if shown[e.id]])
    elif not out.is_terminal:
        check_report.print_lines(found)
    else:
        for e in entries:
            if shown[e.id]:
                check_report.print_entry(out, e, shown[e.id])
        out.print(Text(check_report.summary(found, len(entries)), style="dim"))
    return 1 if any(not r.reviewed and r.finding.severity == "error" for _, r in found) else 0


# -- search --------------------------------------------------------------------

_QUERY_HELP = """
  重庆 合作                  both terms, in either language (重慶 finds 重庆 too)
  "Foreign Affairs Office"   a phrase
  Belarus OR Italy           either term
  -visit                     leave out entries with this term
  zh:合作  en:cooperation     in one language only
  chongqing, li qian         pinyin also finds the Chinese it spells
  date:2018-11  date:2018-11-08..2018-11-20  source:NAME
"""


def _search(args: argparse.Namespace, out: Console, err: Console) -> int:
    archive = _archive(args)
    if args.limit < 0:
        raise QueryError(f"--limit {args.limit}: give a number of entries, 0 for all")
    # a first search, or one after another program changed the archive, builds the index
    with err.status("searching…") if err.is_terminal else contextlib.nullcontext():
        results = archive.search(_query(args.query))
    ranked = results.ranked(args.limit or None)
    if args.json:
        _print_json([{"id": i, "score": round(score, 4),
                      "hits": [dataclasses.asdict(h) for h in results.hits_in(i)]}
                     for i, score in ranked])
        return 0
    entries = [archive.entry(i) for i, _ in ranked]
    if args.kwic:
        _print_kwic(concordance(results, entries, by=args.sort), out)
    else:
        _print_matches(results, entries, out)
    if out.is_terminal:
        shown = f"; showing the best {len(ranked)}" if len(ranked) < results.entries else ""
        out.print(f"{_count(results.hits, 'hit')} in "
                  f"{_count(results.entries, 'entry', 'entries')}{shown}", style="dim")
    return 0


def _query(words: Sequence[str]) -> str:
    """The query from the arguments; one argument of plain words is a phrase.

    ``bitext search "Foreign Affairs Office"`` reaches us without its quotes; a
    user who typed them meant the phrase.
    """
    return " ".join(f'"{w}"' if len(w.split()) > 1 and not _SYNTAX.search(w) else w
                    for w in words)


_SYNTAX = re.compile(r'"|“|\bOR\b|(?:^|\s)-|\b(?:zh|en|date|source):')


def _print_matches(results: SearchResults, entries: Sequence[Entry], out: Console) -> None:
    """Each entry with its first hits in context; tab-separated lines when piped."""
    if not out.is_terminal:
        sys.stdout.writelines(
            "\t".join([e.id, days_label(e.days), str(len(results.hits_in(e.id))),
                       _field(e.title["zh"]), _field(e.title["en"])]) + "\n"
            for e in entries)
        return
    for entry in entries:
        hits = results.hits_in(entry.id)
        out.print(Text.assemble((entry.id, "bold"), "  ", days_label(entry.days), "  ",
                                (_count(len(hits), "hit"), "dim")))
        out.print(Text(visible(entry.title["en"]), overflow="ellipsis", no_wrap=True))
        for line in lines(entry, hits[:_SNIPPETS], width=30):
            out.print(_kwic_text(line), no_wrap=True, overflow="ellipsis")
        out.print()


def _print_kwic(found: Sequence[Line], out: Console) -> None:
    if not out.is_terminal:
        sys.stdout.writelines(
            "\t".join([ln.entry_id, ln.hit.lang, str(ln.hit.para), _field(ln.left),
                       _field(ln.match), _field(ln.right), _field(ln.other)]) + "\n"
            for ln in found)
        return
    half = max((out.width - 2) // 2, 30)
    for line in found:
        out.print(Text.assemble(_kwic_text(line, half // 2 - 1), " │ ",
                                Text(visible(line.other))),
                  no_wrap=True, overflow="ellipsis")


def _kwic_text(line: Line, side: int = 30) -> Text:
    """Left context right-aligned to the hit, the hit in reverse video, right context."""
    left = set_cell_size(visible(line.left)[::-1], side)[::-1]
    right = set_cell_size(visible(line.right), side)
    return Text.assemble(left, (visible(line.match), "reverse bold"), right)


#: Hits shown under each entry.
_SNIPPETS = 3

#: id, days, Chinese title, English title
Row = tuple[str, Sequence[date | str], str, str]
#: Most entries shown as a rich table; more are printed as aligned lines.
_TABLE_ROWS = 2000


def _field(text: str) -> str:
    """A TSV field: tabs and line breaks would split the row."""
    return visible(text).replace("\t", " ").replace("\n", " ")


def _aligned(rows: Sequence[Row], width: int) -> list[str]:
    labels = [days_label(days) for _, days, _, _ in rows]
    date_w = max(map(len, labels))
    titles = max(width - len(rows[0][0]) - date_w - 6, 20)
    zh_w = titles * 2 // 5
    return [f"{i}  {label:<{date_w}}  {set_cell_size(visible(zh), zh_w)}  "
            f"{set_cell_size(visible(en), titles - zh_w)}"
            for (i, _, zh, en), label in zip(rows, labels, strict=True)]


def _entry_table(rows: Sequence[Row], width: int) -> Table:
    """One line per entry; the titles share what the id and date columns leave."""
    table = Table(caption=_count(len(rows), "entry", "entries"), caption_justify="left")
    labels = [days_label(days) for _, days, _, _ in rows]
    id_w = max((len(r[0]) for r in rows), default=2)
    date_w = max(map(len, labels), default=4)
    titles = max(width - id_w - date_w - 13, 20)
    table.add_column("id", no_wrap=True, width=id_w)
    table.add_column("date", no_wrap=True, width=date_w)
    table.add_column("中文", no_wrap=True, overflow="ellipsis", width=titles * 2 // 5)
    table.add_column("English", no_wrap=True, overflow="ellipsis", width=titles - titles * 2 // 5)
    for (entry_id, _, zh, en), label in zip(rows, labels, strict=True):
        table.add_row(entry_id, label, Text(visible(zh)), Text(visible(en)))
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
    """The repairs by kind; a kind is data too (a JSON Lines import may carry any)."""
    kinds = Counter(r.kind for p in (*entry.zh, *entry.en) for r in p.repairs)
    damage = sum(len(p.damage) for p in (*entry.zh, *entry.en))
    repairs = ", ".join(f"{visible(k)} {n}" for k, n in kinds.most_common()) or "none"
    return f"repairs: {repairs}; damaged spans: {damage} (marked in red)"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _print_json(data: object) -> None:
    """JSON with what a terminal would obey or hide written as ``\\u`` escapes.

    orjson escapes C0 controls but writes C1 controls (U+009B is CSI), bidi
    controls and zero-width characters as they are; escaped, the JSON holds
    the same strings and a terminal showing it obeys none of them.
    """
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    sys.stdout.buffer.write(json_escaped(text).encode() + b"\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
