"""Chinese and English broken into lines as a typesetter would: no line starts with closing
punctuation or ends with opening punctuation; numbers and words stay whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tui.text.wrap import Wrapped, wrap

SENTENCE = ("代表團於2018年11月19日、21日，與東盟和中國大使（系列）舉行“中國與東盟關係的未來”。"
            "Guiping, vice-mayor of Chongqing, met 46 members.")
CLOSING = "，。、；：？！）」』》〉】〕”’"
OPENING = "（「『《〈【〔“‘"


@pytest.mark.parametrize("width", range(6, 60))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width: int) -> None:
    lines = [ln.plain for ln in wrap(Text(SENTENCE), width)]
    assert "".join(lines).replace(" ", "") == SENTENCE.replace(" ", "")
    assert all(cell_len(ln) <= width for ln in lines)
    assert not any(ln[0] in CLOSING for ln in lines)
    assert not any(ln[-1] in OPENING for ln in lines)


@pytest.mark.parametrize("width", range(10, 60))  # "Chongqing," is 10 cells
def test_numbers_with_their_counter_and_english_words_stay_whole(width: int) -> None:
    lines = [ln.plain for ln in wrap(Text(SENTENCE), width)]
    for whole in ("2018年", "11月", "19日、", "21日，", "Guiping,", "vice-", "Chongqing,", "46"):
        assert any(whole in ln for ln in lines), (whole, lines)


def test_rich_alone_splits_them() -> None:
    """The oracle for the tests above: Rich's own wrapping, which started lines with ``，``."""
    console = Console(width=22, file=None, record=True)
    with console.capture() as out:
        console.print(Text(SENTENCE))
    assert any(ln[:1] in CLOSING for ln in out.get().splitlines())
    with console.capture() as out:
        console.print(Wrapped(Text(SENTENCE)))
    assert not any(ln[:1] in CLOSING for ln in out.get().splitlines())


def test_styles_and_newlines_are_kept() -> None:
    text = Text("第一段。\n\n")
    text.append("重慶", style="bold")
    lines = wrap(text, 20)
    assert [ln.plain for ln in lines] == ["第一段。", "", "重慶"]
    assert lines[2].spans[0].style == "bold"


def test_a_unit_wider_than_the_line_is_cut_by_cells() -> None:
    url = "https://example.com/a/very/long/path"
    lines = [ln.plain for ln in wrap(Text(url), 10)]
    assert "".join(lines) == url and all(cell_len(ln) <= 10 for ln in lines)


@given(st.text(alphabet=st.sampled_from("重慶市長會見，。、（）“”12 ab-"), max_size=80),
       st.integers(min_value=2, max_value=40))
def test_any_text_keeps_every_character_within_the_width(text: str, width: int) -> None:
    lines = [ln.plain for ln in wrap(Text(text), width)]
    assert all(cell_len(ln) <= width for ln in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
