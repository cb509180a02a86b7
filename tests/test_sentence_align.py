"""Sentences paired inside a bead: the shapes translators make, omissions, the splitter's
traps, and real law articles against a pairing made by hand."""

from __future__ import annotations

import json
from pathlib import Path

from store.ingest.sentence_align import SentenceBead, align_sentences

LAW = Path(__file__).resolve().parent / "data" / "align" / "tw-law.json"


def shown(zh: list[str], en: list[str], beads: list[SentenceBead]
          ) -> list[tuple[list[str], list[str]]]:
    """Each bead as the sentence texts a reader would show."""
    return [([zh[s.para][slice(*s.span)] for s in z], [en[s.para][slice(*s.span)] for s in e])
            for z, e in beads]


def covers_once(beads: list[SentenceBead], lang: int, count: int) -> bool:
    order = [s for bead in beads for s in bead[lang]]
    return len(order) == count and order == sorted(order)


def test_one_to_one_sentences_pair_in_order_and_point_into_the_paragraph() -> None:
    zh = ["市长李明4日会见了来访的新西兰代表团。双方就旅游合作交换了意见。会后签署了3项协议。"]
    en = ["Mayor Li Ming met a visiting delegation from New Zealand on the 4th. "
          "The two sides exchanged views on tourism cooperation. "
          "Three agreements were signed after the meeting."]
    beads = align_sentences(zh, en)
    assert shown(zh, en, beads) == [
        (["市长李明4日会见了来访的新西兰代表团。"],
         ["Mayor Li Ming met a visiting delegation from New Zealand on the 4th."]),
        (["双方就旅游合作交换了意见。"], ["The two sides exchanged views on tourism cooperation."]),
        (["会后签署了3项协议。"], ["Three agreements were signed after the meeting."]),
    ]
    assert beads[1][0][0].span == (19, 32)


def test_a_long_sentence_split_in_two_by_the_translator_is_one_bead() -> None:
    zh = ["重庆今年前三季度外贸进出口总值达到3,560亿元，同比增长15.2%，其中出口2,310亿元，"
          "进口1,250亿元，均创历史同期新高。专家认为增长势头将持续。"]
    en = ["Chongqing's foreign trade reached 356 billion yuan in the first three quarters, "
          "up 15.2% year on year. Exports came to 231 billion yuan and imports to "
          "125 billion yuan, both record highs for the period. "
          "Experts expect the growth to continue."]
    assert [(len(z), len(e)) for z, e in align_sentences(zh, en)] == [(1, 2), (1, 1)]


def test_two_sentences_rendered_as_one_are_one_bead() -> None:
    zh = ["活动于10月12日开幕。为期3天。共有来自26个国家的企业参展。"]
    en = ["The 3-day event opened on 12 October. "
          "Companies from 26 countries took part in the exhibition."]
    assert shown(zh, en, align_sentences(zh, en)) == [
        (["活动于10月12日开幕。", "为期3天。"], ["The 3-day event opened on 12 October."]),
        (["共有来自26个国家的企业参展。"],
         ["Companies from 26 countries took part in the exhibition."]),
    ]


def test_a_sentence_left_untranslated_stands_alone_given_the_entry_s_ratio() -> None:
    """Without the entry's ratio the bead's own (skewed by the omission) folds it into a 2-1."""
    zh = ["大会于5月20日在北京开幕。"
          "据了解，本届大会的筹备工作自去年8月起启动，先后召开了17次协调会议，"
          "组织了来自全市各区县的2,400多名志愿者参与服务保障工作。"
          "来自40个国家的代表出席了开幕式。"]
    en = ["The congress opened in Beijing on 20 May. "
          "Delegates from 40 countries attended the opening ceremony."]
    assert shown(zh, en, align_sentences(zh, en, ratio=3.3)) == [
        (["大会于5月20日在北京开幕。"], ["The congress opened in Beijing on 20 May."]),
        (["据了解，本届大会的筹备工作自去年8月起启动，先后召开了17次协调会议，"
          "组织了来自全市各区县的2,400多名志愿者参与服务保障工作。"], []),
        (["来自40个国家的代表出席了开幕式。"],
         ["Delegates from 40 countries attended the opening ceremony."]),
    ]


def test_abbreviations_initials_decimals_and_numbers_do_not_end_a_sentence() -> None:
    zh = ["李先生说，三号风球已于上午9时30分除下。全港降雨量为3.5毫米。J·K·罗琳的新书同日发行。"]
    en = ["Mr. Li said the No. 3 signal was lowered at 9.30 a.m. today. "
          "Rainfall across Hong Kong was 3.5 mm. "
          "A new book by J. K. Rowling went on sale the same day."]
    assert [(len(z), len(e)) for z, e in align_sentences(zh, en)] == [(1, 1)] * 3


def test_a_bead_of_two_english_paragraphs_names_each_sentence_s_paragraph() -> None:
    zh = ["市政府15日召开常务会议。会议研究了防汛工作。会议还审议了2项规章草案。"]
    en = ["The municipal government held an executive meeting on the 15th. "
          "It discussed flood control.",
          "The meeting also reviewed two draft regulations."]
    beads = align_sentences(zh, en)
    assert [[s.para for s in e] for _, e in beads] == [[0], [0], [1]]
    assert shown(zh, en, beads)[2][1] == ["The meeting also reviewed two draft regulations."]


def test_a_bead_with_one_side_empty_or_one_sentence_each() -> None:
    assert align_sentences(["只有一句。"], []) == [(((0, (0, 5)),), ())]
    assert align_sentences(["只有一句。"], ["Just one."]) == [(((0, (0, 5)),), ((0, (0, 9)),))]
    assert align_sentences([], []) == []


def test_real_law_articles_pair_as_a_reader_pairs_them() -> None:
    """Two articles of the Constitution of the Republic of China (tests/data/align), paired by
    hand: a Chinese sentence the translation splits in two, and two Chinese sentences it
    joins with a semicolon."""
    units = json.loads(LAW.read_text(encoding="utf-8"))["constitution"]["units"]
    zh, en = [units[3][0]], [units[3][1]]
    assert [(len(z), len(e)) for z, e in align_sentences(zh, en)] == [(1, 2), (1, 1)]
    assert shown(zh, en, align_sentences(zh, en))[1] == (
        ["縣市同等區域以法律定之。"],
        ["Areas equivalent to hsien or municipalities shall be prescribed by law;"])
    zh, en = [units[25][0]], [units[25][1]]
    assert [(len(z), len(e)) for z, e in align_sentences(zh, en)] == [(2, 1)]


def test_every_sentence_is_in_exactly_one_bead_in_order() -> None:
    zh = ["第一句。第二句很长，说了很多内容，包括2019年的情况。第三句。", "第四句。"]
    en = ["First. Second, a long one about 2019.", "Third. Fourth. Fifth, added."]
    beads = align_sentences(zh, en)
    assert covers_once(beads, 0, 4) and covers_once(beads, 1, 5)
    assert all(z or e for z, e in beads)
