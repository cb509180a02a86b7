"""A sentence left out of the translation inside a paired bead (issue 14, item 2).

The entry is a news item written for these tests, five paragraphs translated
whole; each test leaves out, splits or shortens something and reads what the
checks report, the last one through ``bitext import`` and ``bitext check``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from test_checks import import_lines

from store.checks import CHECKS, run_checks
from store.model import Bead, Entry, Finding, Paragraph, SourceRef
from tui.cli import main

ZH = [
    "11月5日，成都市市长罗强会见了法国驻成都总领事一行。双方就深化经贸、教育和文化领域的合作交换了意见。",
    "罗强表示，成都与法国的友好交往历史悠久，近年来两地企业往来日益密切。成都愿与法方共同努力，在航空航天、"
    "生物医药、现代农业和职业教育等领域深化合作，推动更多务实项目尽快落地见效，让合作成果更好地惠及两地人民。"
    "总领事感谢成都市政府长期以来对领事馆工作的支持。",
    "会见结束后，双方共同出席了中法青年创新创业交流会。来自两国的120名青年代表围绕数字经济、绿色发展和城市治理"
    "等议题进行了热烈讨论，并现场签署了5项合作意向书。",
    "当天下午，代表团参观了天府新区的科技企业，并与企业负责人进行了座谈。",
    "总领事表示，法方愿与成都加强人员往来，为两地企业合作创造更多便利。",
]
EN = [
    "On November 5, Luo Qiang, Mayor of Chengdu, met the Consul General of France in Chengdu and "
    "his delegation. The two sides exchanged views on deepening cooperation in trade, education "
    "and culture.",
    "Luo Qiang said that Chengdu and France enjoy a long history of friendly exchanges, and that "
    "ties between businesses in the two places have grown ever closer in recent years. Chengdu is "
    "willing to work with the French side to deepen cooperation in aerospace, biomedicine, modern "
    "agriculture and vocational education, so that more practical projects are implemented and "
    "deliver results soon and the fruits of cooperation better benefit the people of both places. "
    "The Consul General thanked the Chengdu Municipal Government for its long-standing support for "
    "the work of the consulate.",
    "After the meeting, both sides attended the China-France Youth Innovation and Entrepreneurship "
    "Exchange. 120 young representatives of the two countries held lively discussions on the "
    "digital economy, green development and urban governance, and signed 5 letters of intent for "
    "cooperation on the spot.",
    "In the afternoon, the delegation visited technology companies in Tianfu New Area and held "
    "talks with their managers.",
    "The Consul General said that France is ready to increase exchanges of people with Chengdu and "
    "to make cooperation between companies of the two places easier.",
]
#: EN[1] told in fewer words, nothing left out: 31 % shorter.
TERSE = (
    "Luo Qiang said that Chengdu and France have long been friends and that their companies have "
    "grown ever closer. Chengdu wants to deepen cooperation with France in aerospace, biomedicine, "
    "modern agriculture and vocational education, so that more projects deliver results soon and "
    "benefit the people of both places. The Consul General thanked the city government for its "
    "long support for the consulate.")


def entry(zh: list[str], en: list[str], beads: tuple[Bead, ...] = ()) -> Entry:
    """The news item as imported: dated by its lead (11月5日, the year from its file)."""
    day = date(2018, 11, 5)
    return Entry("e", 0, day, day, (day,), {"zh": "", "en": ""},
                 tuple(Paragraph(t, t, i) for i, t in enumerate(zh)),
                 tuple(Paragraph(t, t, i) for i, t in enumerate(en)),
                 beads or tuple(((i,), (i,)) for i in range(len(zh))), SourceRef("s", "s"))


def omissions(zh: list[str], en: list[str], beads: tuple[Bead, ...] = ()) -> list[Finding]:
    return [f for f in run_checks(entry(zh, en, beads)) if f.check == "omission"]


def without(text: str, sentence: str) -> str:
    assert sentence in text
    return text.replace(sentence, "").replace("  ", " ").strip()


def located(f: Finding, texts: list[str]) -> str:
    assert f.para is not None and f.span is not None
    return texts[f.para][f.span[0]:f.span[1]]


def test_the_untouched_entry_has_no_omission() -> None:
    assert omissions(ZH, EN) == []


def test_a_sentence_left_out_of_the_english_is_named_in_the_chinese() -> None:
    left_out = EN[1][EN[1].index("Chengdu is willing"):EN[1].index("The Consul")]
    en = [EN[0], without(EN[1], left_out), *EN[2:]]
    [f] = omissions(ZH, en)
    assert (f.lang, f.para, f.severity) == ("zh", 1, "review")
    assert located(f, ZH).startswith("成都愿与法方共同努力")
    assert located(f, ZH).endswith("惠及两地人民。")
    assert f.subject == "成都愿与法方共同努力，在航空航天、生物医药、现…"
    assert f.message == (f"{f.subject!r}: this Chinese sentence has no English counterpart "
                         "in the bead")


def test_a_long_sentence_with_numbers_left_out_is_a_warning() -> None:
    left_out = ZH[2][ZH[2].index("来自两国"):]
    zh = [*ZH[:2], without(ZH[2], left_out), *ZH[3:]]
    [f] = omissions(zh, EN)
    assert (f.lang, f.para, f.severity) == ("en", 2, "warning")
    assert located(f, EN).startswith("120 young representatives")
    assert located(f, EN).endswith("on the spot.")
    assert f.message == (f"{f.subject!r}: this English sentence has no Chinese counterpart "
                         "in the bead")


def test_a_sentence_without_numbers_the_other_side_lacks_is_for_review() -> None:
    """The same sentence, its numbers kept on the other side: the evidence is length alone."""
    left_out = ZH[2][ZH[2].index("来自两国"):]
    zh = [*ZH[:2], without(ZH[2], left_out) + "签署意向书120份、5项。", *ZH[3:]]
    assert [(f.lang, f.para, f.severity) for f in omissions(zh, EN)] == [("en", 2, "review")]


def test_one_finding_per_bead_at_most() -> None:
    en = [EN[0], EN[1][EN[1].index("The Consul"):], *EN[2:]]  # two of three sentences left out
    assert [(f.lang, f.para) for f in omissions(ZH, en)] == [("zh", 1)]


def test_a_paragraph_the_translator_split_is_no_omission() -> None:
    cut = EN[1].index("Chengdu is willing")  # a third of it, then two thirds
    en = [EN[0], EN[1][:cut].strip(), EN[1][cut:], *EN[2:]]
    beads = (((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,)))
    assert run_checks(entry(ZH, en, beads)) == ()


def test_a_terser_translation_within_the_entrys_spread_is_no_omission() -> None:
    assert len(TERSE) < 0.7 * len(EN[1])
    assert omissions(ZH, [EN[0], TERSE, *EN[2:]]) == []


def test_the_check_is_listed_for_review_and_never_an_error() -> None:
    assert CHECKS["omission"][0] == "review"
    assert "warning" in CHECKS["omission"][1]


def test_bitext_check_lists_an_omission_and_exits_0(
        db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    left_out = EN[1][EN[1].index("Chengdu is willing"):EN[1].index("The Consul")]
    en = [EN[0], without(EN[1], left_out), *EN[2:]]
    import_lines(db_path, ["2018年" + ZH[0], *ZH[1:], EN[0].replace("5,", "5, 2018,"), *en[1:]])
    capsys.readouterr()
    assert main(["check", "--db", str(db_path), "--json"]) == 0
    [report] = json.loads(capsys.readouterr().out)
    [f] = [f for f in report["findings"] if f["check"] == "omission"]
    assert (f["severity"], f["lang"], f["para"]) == ("review", "zh", 1)
    assert f["subject"].startswith("成都愿与法方共同努力")
    assert main(["check", "--db", str(db_path)]) == 0
    assert "has no English counterpart" in capsys.readouterr().out
