"""Where the Chinese and the English are in a file (store/ingest/layout.py).

Each test is a small file written here and the layout expected of it, by hand:
each language's paragraphs with their first line's number, the file's order,
and what is set aside as furniture, with why. The same rules on real law
texts, imported into an archive, are in test_align_shapes.py.
"""

from __future__ import annotations

import pytest

from store.ingest.layout import Layout, arrange

ZH1, ZH2 = "重慶市長會見客人。", "市長表示歡迎。"
EN1, EN2 = "The Mayor met guests.", "The Mayor welcomed them."


def lines(text: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    layout = arrange(text)
    return ([(p.raw, p.line) for p in layout.zh], [(p.raw, p.line) for p in layout.en])


def furniture(layout: Layout) -> list[tuple[int, str, str, str]]:
    return [(f.line, f.text, f.lang, f.why) for f in layout.furniture]


@pytest.mark.parametrize(("text", "order"), [
    (f"{ZH1}\n{ZH2}\n{EN1}\n{EN2}\n", "zh-en"),
    (f"{EN1}\n{EN2}\n{ZH1}\n{ZH2}\n", "en-zh"),
    (f"{ZH1}\n{EN1}\n{ZH2}\n{EN2}\n", "interleaved"),
    (f"{ZH1}\n{ZH2}\n", "zh"),
    (f"{EN1}\n", "en"),
    ("", ""),
])
def test_the_order_of_the_language_blocks(text: str, order: str) -> None:
    assert arrange(text).order == order


def test_each_language_keeps_its_paragraphs_in_file_order_with_line_numbers() -> None:
    text = f"{ZH1}\n{EN1}\n\n{ZH2}\n{EN2}\n"
    assert lines(text) == ([(ZH1, 1), (ZH2, 4)], [(EN1, 2), (EN2, 5)])


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_any_line_break_is_a_line_break(newline: str) -> None:
    assert lines(f"{ZH1}{newline}{EN1}{newline}") == ([(ZH1, 1)], [(EN1, 2)])


def test_credits_and_lines_without_letters_are_set_aside_on_their_own_evidence() -> None:
    layout = arrange(f"圖片/市政府外辦提供\n{ZH1}\n-----\n{EN1}\nPhoto: Foreign Affairs Office\n")
    assert furniture(layout) == [(1, "圖片/市政府外辦提供", "zh", "credit"),
                                 (3, "-----", "other", "no text"),
                                 (5, "Photo: Foreign Affairs Office", "en", "credit")]
    assert [p.raw for p in layout.zh] == [ZH1] and [p.raw for p in layout.en] == [EN1]


def test_page_numbers_heading_both_blocks_are_set_aside() -> None:
    layout = arrange(f"第 1 页\n{ZH1}\nPage 1 of 3\n{EN1}\n")
    assert furniture(layout) == [(1, "第 1 页", "zh", "page number"),
                                 (3, "Page 1 of 3", "en", "page number")]
    assert layout.order == "zh-en"


def test_a_first_line_set_aside_on_one_side_only_is_kept() -> None:
    """Set aside alone, it would leave the aligner one paragraph short on that side."""
    layout = arrange(f"第 1 页\n{ZH1}\n{EN1}\n")
    assert layout.furniture == ()
    assert [p.raw for p in layout.zh] == ["第 1 页", ZH1]


def test_short_headlines_atop_both_blocks_are_content() -> None:
    assert lines(f"標題\n{ZH1}\nTitle\n{EN1}\n") == ([("標題", 1), (ZH1, 2)],
                                                    [("Title", 3), (EN1, 4)])


def test_a_short_line_on_every_page_is_a_running_header() -> None:
    text = "".join(f"外辦簡報\n{zh}\n" for zh in ("市長會見客人", "市長表示歡迎", "市長講話"))
    text += "".join(f"Briefing\n{en}\n" for en in (EN1, EN2, "The Mayor spoke."))
    layout = arrange(text)
    assert [(f.line, f.why) for f in layout.furniture] == [
        (1, "running header"), (3, "running header"), (5, "running header"),
        (7, "running header"), (9, "running header"), (11, "running header")]
    assert [p.line for p in layout.zh] == [2, 4, 6]


def test_a_title_printed_twice_stays_content() -> None:
    text = f"外辦簡報\n{ZH1}\n外辦簡報\n{EN1}\n"
    assert arrange(text).furniture == ()


def test_a_hard_wrapped_file_joins_the_lines_of_each_block() -> None:
    text = ("重慶市長\n會見了美國\n客人。\n\n市長表示\n歡迎他們\n到來。\n\n"
            "The Mayor of\nChongqing met\nguests.\n\nThe Mayor\nwelcomed\nthem.\n")
    assert lines(text) == (
        [("重慶市長\n會見了美國\n客人。", 1), ("市長表示\n歡迎他們\n到來。", 5)],
        [("The Mayor of\nChongqing met\nguests.", 9), ("The Mayor\nwelcomed\nthem.", 13)])


def test_a_date_line_heads_a_wrapped_block_but_stays_inside_a_wrapped_sentence() -> None:
    text = ("7月9日\n會談於\n7月10日\n繼續進行。\n\n市長表示\n歡迎他們\n到來。\n\n"
            "On 9 July\nthe talks went\non.\n\nThe Mayor\nwelcomed\nthem.\n")
    zh, _ = lines(text)
    assert zh == [("7月9日", 1), ("會談於\n7月10日\n繼續進行。", 2),
                  ("市長表示\n歡迎他們\n到來。", 6)]


def test_blocks_of_finished_sentences_are_not_hard_wrapped() -> None:
    text = f"{ZH1}\n{ZH2}\n\n{EN1}\n{EN2}\n"
    assert lines(text) == ([(ZH1, 1), (ZH2, 2)], [(EN1, 4), (EN2, 5)])
