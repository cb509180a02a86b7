"""Labels both front ends print: dates, counts, titles cut to a column."""

from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len

from tui.text.labels import counted, days_label, fitted


@pytest.mark.parametrize(("days", "within", "label"), [
    (["2018-11-12"], "", "2018-11-12"),
    (["2018-11-19", "2018-11-21"], "", "2018-11-19, 21"),
    (["2018-11-25", "2018-11-26", "2018-11-27"], "", "2018-11-25–27"),
    (["2018-12-31", "2019-01-01"], "", "2018-12-31–2019-01-01"),
    (["2018-11-25", "2018-11-26", "2018-11-27"], "2018-11", "25–27"),
    (["2018-11-30", "2018-12-01"], "2018-11", "30–12-01"),
    (["2018-11-19", "2018-11-21"], "2018-11", "19, 21"),
    (["2018-11-12"], "2018-10", "2018-11-12"),  # another month than the header's: in full
    ([], "2018-11", "undated"),
])
def test_days_label(days: list[str], within: str, label: str) -> None:
    assert days_label([date.fromisoformat(d) for d in days], within=within) == label


@pytest.mark.parametrize(("n", "text"), [(0, "0 entries"), (1, "1 entry"), (2, "2 entries"),
                                         (12345, "12,345 entries")])
def test_counted(n: int, text: str) -> None:
    assert counted(n, "entry", "entries") == text


@pytest.mark.parametrize(("text", "width", "cut"), [
    ("Chongqing", 20, "Chongqing"),
    ("Chongqing", 9, "Chongqing"),
    ("Chongqing", 6, "Chong…"),
    ("重慶市長會見", 12, "重慶市長會見"),
    ("重慶市長會見", 7, "重慶市…"),
    ("重慶市長會見", 8, "重慶市…"),  # never half a character
    ("重慶", 0, ""),
])
def test_fitted_cuts_with_an_ellipsis_and_never_overflows(text: str, width: int,
                                                          cut: str) -> None:
    assert fitted(text, width) == cut
    assert cell_len(fitted(text, width)) <= width
