"""Our commands in the palette (ctrl+p): jump to an entry, change layout, raw view.

Entries are matched by id, date and both titles. At 100,000 entries a fuzzy
match over every title per keystroke would stall the palette, so a cheap
substring filter over a prepared haystack comes first and only its hits (a
few dozen at most) are scored.

A title is data: Textual's palette reads a ``str`` hit as content markup, and
so does ``Matcher.highlight``, so a title holding ``[@click=app.quit]`` would
become a live link there. Hits are ``Content`` built from the plain text
(through ``visible``), with the matched letters marked by hand.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from rich.cells import cell_len
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from store.errors import BitextError
from store.model import EntrySummary
from tui.app.host import Host
from tui.app.widgets.reader import LAYOUT_NAMES
from tui.text.labels import days_label, fitted, visible

#: Formats offered in the palette, and what each is for.
_EXPORTS = (("tmx", "TMX", "For CAT tools (OmegaT, Trados, memoQ)"),
            ("jsonl", "JSON Lines", "Every field, one entry per line, for scripts and pandas"),
            ("csv", "CSV", "One row per bead, for spreadsheets"),
            ("md", "Markdown", "One section per entry, a table of its beads"))
#: The palette's commands: name, the app action it runs (as a key would), what it does.
_ACTIONS = (
    *((f"Layout: {name}", f"set_layout({key!r})", "Change the reader's layout")
      for key, name in LAYOUT_NAMES.items()),
    ("Toggle raw text and repairs", "toggle_raw", "Show the text as imported, each repair marked"),
    ("Toggle sentence rows", "toggle_sentences",
     "Each bead as its aligned sentence pairs (S)"),
    ("Toggle list titles Chinese/English", "toggle_titles", "Which language the entry list shows"),
    ("Copy the selected bead", "copy_bead", "Both languages, to the clipboard"),
    ("Search", "search", "Search both languages (/)"),
    ("Concordance of the search", "concordance",
     "Every hit in context beside its translation (c)"),
    ("Clear the search", "clear_search", "Every entry again, no hits marked (ctrl+u)"),
    ("Search: only matching / highlight all", "toggle_search_mode",
     "Filter the list to the matching entries, or mark them (ctrl+t)"),
    ("Findings of this entry", "findings",
     "What the checks found, readings of damaged text, review marks (e)"),
    ("Next finding", "next_finding", "The next finding not yet reviewed (E)"),
    ("Merge the selected bead with the next", "edit('merge')",
     "Correct the alignment by hand (m); u undoes"),
    ("Split the selected bead", "edit('split')",
     "Its last paragraph on each side with two or more goes to a new bead (s)"),
    ("Undo the last edit", "undo", "Of the open entry's alignment or text (u)"),
    ("Redo", "redo", "What undo took back (ctrl+r)"),
    ("Import a file", "import", "A bulletin, or TMX, JSON Lines or CSV: as bitext import FILE"),
    *((f"Export as {name}", f"export({fmt!r})",
       f"{why}: the entries the list shows (a search's, or all)") for fmt, name, why in _EXPORTS),
)
#: Most entries offered for one query.
_MAX_ENTRY_HITS = 40
#: The palette's score of the best entry found only in the text (a fuzzy match scores more).
_TEXT_SCORE = 0.001
#: Entries checked between two yields to the event loop.
_BATCH = 5000
#: Cells of the palette's width a hit cannot use: its padding and scrollbar.
_PALETTE_PADDING = 6


class BitextCommands(Provider):
    """The app's actions by name, and entries by id, date or title."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        run = self.app.run_action
        return [(name, partial(run, action), help_text)
                for name, action, help_text in _ACTIONS]

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, highlighted(matcher, name), callback, text=name,
                          help=help_text)
        app: Host = self.app  # type: ignore[assignment]
        needle = query.strip().casefold()
        if len(needle) < 2:
            return
        offered: set[str] = set()
        for start in range(0, len(app.summaries), _BATCH):
            for s in app.summaries[start:start + _BATCH]:
                label = _label(s)
                if needle in label.casefold() or needle in s.id:
                    yield self._entry_hit(matcher, s, matcher.match(label) or 0.5)
                    offered.add(s.id)
                    if len(offered) >= _MAX_ENTRY_HITS:
                        return
            await asyncio.sleep(0)
        async for hit in self._text_hits(app, query, matcher, offered):
            yield hit

    async def _text_hits(self, app: Host, query: str, matcher: Matcher,
                         offered: set[str]) -> Hits:
        """Entries whose text the search index finds (重庆 finds 重慶, pinyin finds Chinese),
        after those whose title holds the words; searched off the event loop."""
        if app.archive is None or not app.search.ready:
            return
        try:
            results = await asyncio.to_thread(app.archive.search, query)
        except BitextError:
            return  # half a query as typed (`"foreign`): the titles' hits stand
        for rank, (entry_id, _) in enumerate(results.ranked(_MAX_ENTRY_HITS - len(offered))):
            if entry_id not in offered and (s := app.summary_of(entry_id)) is not None:
                # below every command and title that matched, in the index's order
                yield self._entry_hit(matcher, s, _TEXT_SCORE / (1 + rank), "found in its text")

    def _entry_hit(self, matcher: Matcher, s: EntrySummary, score: float,
                   why: str = "") -> Hit:
        """Date and Chinese title on one line, the English and the id below, each cut to the
        palette: date and both titles wrapped to 4-5 lines a hit at 80 columns, 3 hits a
        screen. The palette reads ``help`` as markup: escaped, a title is text."""
        room = max(self.app.size.width - _PALETTE_PADDING, 20)
        tail = f" · {s.id}" + (f" ({why})" if why else "")
        prompt = fitted(visible(f"{days_label(s.days)}  {s.title_zh}"), room)
        return Hit(score, highlighted(matcher, prompt),
                   partial(self.app.run_action, f"jump({s.id!r})"), text=_label(s),
                   help=escape(fitted(visible(s.title_en), room - cell_len(tail)) + tail))


def _label(s: EntrySummary) -> str:
    return visible(f"{days_label(s.days)}  {s.title_zh}  {s.title_en}")


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` as typed, its letters that match the query marked.

    What ``Matcher.highlight`` does, but on ``Content(text)``: that one parses
    the text as markup first, and a title is not markup.
    """
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
