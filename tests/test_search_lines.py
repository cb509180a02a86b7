"""A segment's ids read one at a time from the file answer as the list they replace."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.search.lines import Lines

IDS = st.lists(st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)),
                       max_size=6), unique=True, max_size=12)


def lines_of(values: list[str], before: bytes = b"xx\n") -> Lines:
    """``values`` laid out as a section after other bytes, as in an index file."""
    data = before + "\n".join(values).encode() + b"\nafter"
    return Lines(data, len(before), len("\n".join(values).encode()))


@given(IDS)
def test_lines_answer_as_the_list(values: list[str]) -> None:
    # an empty section holds no line, as the list of ``"".split`` would be [""]
    values = values if values != [""] else []
    lines = lines_of(values)
    assert len(lines) == len(values)
    assert [lines[i] for i in range(len(values))] == values
    assert list(lines) == values
    for i, value in enumerate(values):
        assert lines.index(value) == i
    docs = np.arange(0, len(values), 2)
    assert lines.take(docs) == [values[i] for i in docs.tolist()]
    assert lines.distinct()
    if values:
        assert not lines_of([*values, values[0]]).distinct()


@pytest.mark.parametrize("missing", ["2018", "20181120-a", "xx", "after", "a\nb"])
def test_a_value_that_is_only_part_of_a_line_is_not_found(missing: str) -> None:
    lines = lines_of(["20181120-ab", "x2018", "20181120-a2"])
    with pytest.raises(ValueError):
        lines.index(missing)
