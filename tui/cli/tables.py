"""Entries as a terminal shows them: a table of titles, or aligned lines past a few thousand;
an entry's beads side by side."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from rich.cells import set_cell_size
from rich.table import Table
from rich.text import Text

from store.model import Entry
from tui.text.labels import counted, days_label, fitted, visible
from tui.text.paragraphs import cell_text
from tui.text.wrap import Wrapped

#: id, days, Chinese title, English title
Row = tuple[str, Sequence[date | str], str, str]
#: Most entries shown as a rich table; more are printed as aligned lines.
TABLE_ROWS = 2000


def aligned(rows: Sequence[Row], width: int) -> list[str]:
    """One line per entry, cut to ``width``: a rich table of 100,000 rows takes a minute."""
    labels = [days_label(days) for _, days, _, _ in rows]
    date_w = max(map(len, labels))
    titles = max(width - len(rows[0][0]) - date_w - 6, 20)
    zh_w = titles * 2 // 5
    return [f"{i}  {label:<{date_w}}  {set_cell_size(fitted(visible(zh), zh_w), zh_w)}  "
            f"{fitted(visible(en), titles - zh_w)}"
            for (i, _, zh, en), label in zip(rows, labels, strict=True)]


def entry_table(rows: Sequence[Row], width: int) -> Table:
    """One line per entry; the titles share what the id and date columns leave."""
    table = Table(caption=counted(len(rows), "entry", "entries"), caption_justify="left")
    labels = [days_label(days) for _, days, _, _ in rows]
    id_w = max((len(r[0]) for r in rows), default=2)
    date_w = max(map(len, labels), default=4)
    titles = max(width - id_w - date_w - 13, 20)
    zh_w, en_w = titles * 2 // 5, titles - titles * 2 // 5
    table.add_column("id", no_wrap=True, width=id_w)
    table.add_column("date", no_wrap=True, width=date_w)
    table.add_column("中文", no_wrap=True, width=zh_w)
    table.add_column("English", no_wrap=True, width=en_w)
    for (entry_id, _, zh, en), label in zip(rows, labels, strict=True):
        # cut here, not by Rich: its ellipsis after a CJK character that did not fit
        # left a gap ("重慶市與美國 …")
        table.add_row(entry_id, label, Text(fitted(visible(zh), zh_w)),
                      Text(fitted(visible(en), en_w)))
    return table


def bead_table(entry: Entry) -> Table:
    """The entry's beads side by side, numbered, with their shape when not 1-1."""
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("中文", ratio=1, overflow="fold")
    table.add_column("English", ratio=1, overflow="fold")
    for k, (zh, en) in enumerate(entry.beads, 1):
        shape = "" if (len(zh), len(en)) == (1, 1) else f"\n{len(zh)}-{len(en)}"
        table.add_row(f"{k}{shape}", Wrapped(cell_text(entry, "zh", zh, line_numbers=True)),
                      Wrapped(cell_text(entry, "en", en, line_numbers=True)))
    return table


def repair_summary(entry: Entry) -> str:
    """The repairs by kind; a kind is data too (a JSON Lines import may carry any)."""
    kinds = Counter(r.kind for p in (*entry.zh, *entry.en) for r in p.repairs)
    damage = sum(len(p.damage) for p in (*entry.zh, *entry.en))
    repairs = ", ".join(f"{visible(k)} {n}" for k, n in kinds.most_common()) or "none"
    return f"repairs: {repairs}; damaged spans: {damage} (marked in red)"
