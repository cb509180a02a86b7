"""Chinese numerals read as a reader reads them (``store.lang.numerals``)."""

from __future__ import annotations

import pytest

from store.lang.numerals import to_int


@pytest.mark.parametrize(("text", "value"), [
    ("2018", 2018),
    ("二〇一八", 2018),
    ("十", 10),
    ("十二", 12),
    ("四十六", 46),
    ("一百零五", 105),
    ("兩萬", 20_000),
    ("十萬", 100_000),
    ("一億三千萬", 130_000_000),
    ("三萬億", 3_000_000_000_000),
    ("三万亿", 3_000_000_000_000),
    ("一萬二千億", 1_200_000_000_000),
    ("五億零五萬", 500_050_000),
    ("三點", None),
    ("一" * 5000, None),  # a run of characters, no number: int() would refuse 5,000 digits
    ("1" * 5000, None),
    ("", None),
])
def test_to_int(text: str, value: int | None) -> None:
    assert to_int(text) == value
