"""The list's rows held as columns read back as the rows they were made from.

The oracle is the plain list of ``EntrySummary`` tuples the columns replace:
every way the app reads rows (an index, a negative one, a slice, iteration,
the ids and first days alone, the rows of a search's matches) must give what
the list gives. Titles are drawn from every kind of text a title holds
(empty, Latin-1, CJK, outside the Basic Multilingual Plane), and the chunk
the titles are packed in is shrunk so that rows cross its edges.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.model import EntrySummary
from tui.app import summaries as columns
from tui.app.summaries import Summaries
from tui.app.widgets.entry_list import layout_rows

TITLES = st.text(st.sampled_from(["a", "é", "–", "重", "慶", "𠀋", " ", "\n"]), max_size=12)


@st.composite
def rows(draw: st.DrawFn) -> list[EntrySummary]:
    days = draw(st.lists(st.sampled_from(["2018-11-01", "2018-11-20", "2019-01-05"]),
                         min_size=0, max_size=2).map(tuple))
    count = draw(st.integers(0, 40))
    return [EntrySummary(f"e{n:03}", days[0] if days else None, days, draw(TITLES),
                         draw(TITLES), draw(st.sampled_from(["a.txt", "b.tmx"])), n)
            for n in range(count)]


@settings(max_examples=150, deadline=None)
@given(listed=rows(), chunk=st.integers(1, 5), data=st.data())
def test_columns_read_back_as_the_rows(listed: list[EntrySummary], chunk: int,
                                       data: st.DataObject) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(columns, "_CHUNK", chunk)
        held = Summaries(iter(listed))
    assert len(held) == len(listed)
    assert list(held) == listed
    assert [held[k] for k in range(-len(listed), len(listed))] == listed + listed
    start, stop, step = (data.draw(st.integers(-45, 45)) for _ in range(3))
    assert held[start:stop:step or 1] == listed[start:stop:step or 1]
    assert list(held.ids) == [r.id for r in listed]
    assert list(held.starts) == [r.start for r in listed]
    wanted = {r.id for r in data.draw(st.lists(st.sampled_from(listed)))} if listed else set()
    subset = held.having(wanted)
    assert list(subset) == [r for r in listed if r.id in wanted]
    assert list(subset.having({r.id for r in listed})) == list(subset)  # a subset's subset
    with pytest.raises(IndexError):
        held[len(listed)]


def test_the_list_lays_out_columns_as_it_laid_out_tuples() -> None:
    listed = [EntrySummary(f"e{n}", day, (day,) if day else (), f"标题{n}", f"Title {n}", "s", n)
              for n, day in enumerate(["2018-11-20", "2018-11-01", "2018-10-31", None])]
    rows = layout_rows(iter(listed))
    assert list(rows.row_entry) == [-1, 0, 1, -1, 2, -1, 3]
    assert rows.row_month == {0: "2018-11", 3: "2018-10", 5: "undated"}
    assert list(rows.entry_rows) == [1, 2, 4, 6]
    assert rows.row_of == {"e0": 1, "e1": 2, "e2": 4, "e3": 6}
    assert rows.summaries[rows.row_entry[4]] == listed[2]
