"""English numbers written as words, read whole (store/checks/words.py).

Each phrase's runs of number words and their values, worked out by hand.
"""

from __future__ import annotations

import pytest

from store.checks.mentions import facts, unanswered
from store.checks.words import number_words


@pytest.mark.parametrize(("text", "runs"), [
    ("Five-hundred-metre", [((0, 12), "Five-hundred", 500)]),
    ("the twenty-first century", [((4, 16), "twenty-first", 21)]),
    ("one hundred and five", [((0, 20), "one hundred and five", 105)]),
    ("two thousand and eighteen", [((0, 25), "two thousand and eighteen", 2018)]),
    ("three million people", [((0, 13), "three million", 3_000_000)]),
    ("a thousand guests", [((2, 10), "thousand", 1000)]),
    ("Seventy", [((0, 7), "Seventy", 70)]),
    ("the ten ASEAN countries and nine others", [((4, 7), "ten", 10), ((28, 32), "nine", 9)]),
    ("one billion two hundred million", [((0, 31), "one billion two hundred million",
                                          1_200_000_000)]),
    ("one hundred and first", [((0, 21), "one hundred and first", 101)]),
    ("the eleventh and twelfth", [((4, 12), "eleventh", 11), ((17, 24), "twelfth", 12)]),
    ("the first two days", [((4, 9), "first", 1), ((10, 13), "two", 2)]),
    ("twenty and eight years", [((0, 16), "twenty and eight", 28)]),
    ("the four and twentieth day", [((4, 22), "four and twentieth", 24)]),
])
def test_runs_of_number_words_and_their_values(text: str,
                                               runs: list[tuple[tuple[int, int], str, int]]
                                               ) -> None:
    assert list(number_words(text)) == runs


@pytest.mark.parametrize("text", ["someone", "often", "Anyone tension", "fiftyish", "nineteens"])
def test_words_that_only_contain_a_number_word_are_no_number(text: str) -> None:
    assert list(number_words(text)) == []


def test_two_ordinals_joined_by_and_are_two_numbers() -> None:
    """Read as one sum (11 + 12 = 23), both sessions were reported missing."""
    assert [value for _, _, value in number_words("the eleventh and twelfth sessions")] == [11, 12]
    zh, en = facts("第十一屆和第十二屆會議", "zh"), facts("the eleventh and twelfth sessions", "en")
    assert [f.said for f in zh if unanswered(f, en)] == []


def test_an_ordinal_the_english_does_not_state_is_still_found() -> None:
    zh, en = facts("第十一屆和第十三屆會議", "zh"), facts("the eleventh and twelfth sessions", "en")
    assert [f.said for f in zh if unanswered(f, en)] == ["十三"]
