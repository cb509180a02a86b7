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
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from tui.labels import days_label, visible
from tui.widgets.reader import LAYOUT_NAMES

if TYPE_CHECKING:
    from tui.app import BitextApp

#: Formats offered in the palette, and what each is for.
_EXPORTS = (("tmx", "TMX", "For CAT tools (OmegaT, Trados, memoQ)"),
            ("jsonl", "JSON Lines", "Every field, one entry per line, for scripts and pandas"),
            ("csv", "CSV", "One row per bead, for spreadsheets"),
            ("md", "Markdown", "One section per entry, a table of its beads"))
#: Most entries offered for one query.
_MAX_ENTRY_HITS = 40
#: Entries checked between two yields to the event loop.
_BATCH = 5000


class BitextCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: BitextApp = self.app  # type: ignore[assignment]
        out: list[tuple[str, Callable[[], object], str]] = [
            (f"Layout: {name}", partial(app.set_layout, key), "Change the reader's layout")
            for key, name in LAYOUT_NAMES.items()
        ]
        out += [
            ("Toggle raw text and repairs", app.action_toggle_raw,
             "Show the text as imported, each repair marked"),
            ("Toggle list titles Chinese/English", app.action_toggle_titles,
             "Which language the entry list shows"),
            ("Copy the selected bead", app.action_copy_bead, "Both languages, to the clipboard"),
            ("Search", app.action_search, "Search both languages (/)"),
            ("Concordance of the search", app.action_concordance,
             "Every hit in context beside its translation (c)"),
            ("Search: only matching / highlight all", app.search_bar.action_toggle_mode,
             "Filter the list to the matching entries, or mark them (ctrl+t)"),
            ("Findings of this entry", app.action_findings,
             "What the checks found, readings of damaged text, review marks (e)"),
            ("Next finding", app.action_next_finding, "The next finding not yet reviewed (E)"),
            ("Merge the selected bead with the next", partial(app.action_edit, "merge"),
             "Correct the alignment by hand (m); u undoes"),
            ("Split the selected bead", partial(app.action_edit, "split"),
             "Its last paragraph on each side with two or more goes to a new bead (s)"),
            ("Undo the last edit", app.action_undo, "Of the open entry's alignment or text (u)"),
            ("Redo", app.action_redo, "What undo took back (ctrl+r)"),
        ]
        out += [(f"Export as {name}", partial(app.action_export, fmt),
                 f"{why}: the entries the list shows (a search's, or all)")
                for fmt, name, why in _EXPORTS]
        return out

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, highlighted(matcher, name), callback, text=name,
                          help=help_text)
        app: BitextApp = self.app  # type: ignore[assignment]
        needle = query.strip().casefold()
        if len(needle) < 2:
            return
        summaries = app.summaries
        found = 0
        for start in range(0, len(summaries), _BATCH):
            for s in summaries[start:start + _BATCH]:
                label = visible(f"{days_label(s.days)}  {s.title_zh}  {s.title_en}")
                if needle in label.casefold() or needle in s.id:
                    yield Hit(matcher.match(label) or 0.5, highlighted(matcher, label),
                              partial(app.jump_to, s), text=label,
                              help=f"open entry {s.id}")
                    found += 1
                    if found >= _MAX_ENTRY_HITS:
                        return
            await asyncio.sleep(0)


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
