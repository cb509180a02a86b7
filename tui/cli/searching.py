"""``bitext search``: the best entries with their hits in context, or one line per hit.

The concordance lines (``tui.text.concordance``) are imported only to be drawn:
they load the sentence alignment (``store.ingest``), 32 ms that the tab-separated
lines a script reads never use.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import set_cell_size
from rich.console import Console
from rich.text import Text

from store.api import SearchResults
from store.errors import QueryError
from store.model import Entry
from tui.cli.db import archive_of
from tui.cli.output import field, print_json
from tui.text.labels import counted, days_label, visible

if TYPE_CHECKING:
    from tui.text.concordance import Line

#: Hits shown under each entry.
_SNIPPETS = 3
_SYNTAX = re.compile(r'"|“|\bOR\b|(?:^|\s)-|\b(?:zh|en|date|source):')


def run_search(args: argparse.Namespace, out: Console, err: Console) -> int:
    """The best ``--limit`` entries, ranked; ``--kwic`` a concordance; ``--json`` for scripts."""
    archive = archive_of(args)
    if args.limit < 0:
        raise QueryError(f"--limit {args.limit}: give a number of entries, 0 for all")
    # a first search, or one after another program changed the archive, builds the index
    with err.status("searching…") if err.is_terminal else contextlib.nullcontext():
        results = archive.search(query_of(args.query))
    ranked = results.ranked(args.limit or None)
    if args.json:
        print_json([{"id": i, "score": round(score, 4),
                     "hits": [dataclasses.asdict(h) for h in results.hits_in(i)]}
                    for i, score in ranked])
        return 0
    entries = [archive.entry(i) for i, _ in ranked]
    if args.kwic:
        from tui.text.concordance import concordance  # noqa: PLC0415  (see above)

        _print_kwic(concordance(results, entries, sentences=archive.sentences_of, by=args.sort),
                    out)
    else:
        _print_matches(results, entries, out)
    if out.is_terminal:
        shown = f"; showing the best {len(ranked)}" if len(ranked) < results.entries else ""
        out.print(f"{counted(results.hits, 'hit')} in "
                  f"{counted(results.entries, 'entry', 'entries')}{shown}", style="dim")
    return 0


def query_of(words: Sequence[str]) -> str:
    """The query from the arguments; one argument of plain words is a phrase.

    ``bitext search "Foreign Affairs Office"`` reaches us without its quotes; a
    user who typed them meant the phrase.
    """
    return " ".join(f'"{w}"' if len(w.split()) > 1 and not _SYNTAX.search(w) else w
                    for w in words)


def _print_matches(results: SearchResults, entries: Sequence[Entry], out: Console) -> None:
    """Each entry with its first hits in context; tab-separated lines when piped."""
    if not out.is_terminal:
        sys.stdout.writelines(
            "\t".join([e.id, days_label(e.days), str(len(results.hits_in(e.id))),
                       field(e.title["zh"]), field(e.title["en"])]) + "\n"
            for e in entries)
        return
    from tui.text.concordance import lines  # noqa: PLC0415  (see above)

    for entry in entries:
        hits = results.hits_in(entry.id)
        out.print(Text.assemble((entry.id, "bold"), "  ", days_label(entry.days), "  ",
                                (counted(len(hits), "hit"), "dim")))
        out.print(Text(visible(entry.title["en"]), overflow="ellipsis", no_wrap=True))
        for line in lines(entry, hits[:_SNIPPETS], width=30):
            out.print(_kwic_text(line), no_wrap=True, overflow="ellipsis")
        out.print()


def _print_kwic(found: Sequence[Line], out: Console) -> None:
    if not out.is_terminal:
        sys.stdout.writelines(
            "\t".join([ln.entry_id, ln.hit.lang, str(ln.hit.para), field(ln.left),
                       field(ln.match), field(ln.right), field(ln.other)]) + "\n"
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
