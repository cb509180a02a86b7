"""Each kind of repair on small paragraphs: what changes, what must not, and that it is recorded."""

from __future__ import annotations

import pytest

from store.ingest.repair import repair_paragraph


def text(raw: str, lang: str) -> str:
    return repair_paragraph(raw, lang, 1).text


def kinds(raw: str, lang: str) -> list[str]:
    return [r.kind for r in repair_paragraph(raw, lang, 1).repairs]


@pytest.mark.parametrize(("raw", "want"), [
    ("美國(guó)辛辛那提", "美國辛辛那提"),
    ("關(guān)于建立", "關于建立"),
    ("會(huì)見(jiàn)", "會見"),
    ("中歐班列(重慶)", "中歐班列（重慶）"),           # real parentheses stay (full-width)
    ("香港貿發局(HKTDC)", "香港貿發局（HKTDC）"),       # an English gloss is not pinyin
    ("長(cháng)江", "長江"),                            # a heteronym's other reading
    ("國(abc)家", "國（abc）家"),                        # not a reading of 國: kept
])
def test_pinyin_annotations_go_only_when_they_read_the_character(raw: str, want: str) -> None:
    assert text(raw, "zh") == want


@pytest.mark.parametrize(("raw", "want"), [
    ("the Off i ce of", "the Office of"),
    ("off i cially twinned", "officially twinned"),
    ("scientif i c research", "scientific research"),
    ("fi nancial services", "financial services"),
    ("in the fi elds of", "in the fields of"),
    ("in fi elds", "in fields"),        # not "infields": a gap before a ligature is a real space
    ("a friendly visit", "a friendly visit"),
    ("self less", "self less"),         # both pieces are words: leave them
    ("if in doubt", "if in doubt"),
])
def test_split_ligatures_join_only_into_real_words(raw: str, want: str) -> None:
    assert text(raw, "en") == want


@pytest.mark.parametrize(("raw", "want"), [
    ("On November 12,2018,Chongqing", "On November 12, 2018, Chongqing"),
    ("1,000 people and 12,000,000 yuan", "1,000 people and 12,000,000 yuan"),
    ("a 3.5 percent rise", "a 3.5 percent rise"),
    ("Mr.Jeff David", "Mr. Jeff David"),
    ("in Chongqing.Wang Guangcheng", "in Chongqing. Wang Guangcheng"),
    ("the U.S. and J.R.R. Tolkien", "the U.S. and J.R.R. Tolkien"),
    ("www.cq.gov.cn", "www.cq.gov.cn"),
    ('results" in the"golden age" of', 'results" in the "golden age" of'),
    ('"The Future"by ambassadors', '"The Future" by ambassadors'),
    ("the“Belarus-Chongqing”return", "the “Belarus-Chongqing” return"),
    ("(Chongqing)project", "(Chongqing) project"),
    ("Co.,Ltd.,were present", "Co., Ltd., were present"),
    ("HKTDC’s offices", "HKTDC’s offices"),
])
def test_missing_spaces_in_english(raw: str, want: str) -> None:
    assert text(raw, "en") == want


def test_spacing_repairs_are_insertions_recorded_one_by_one() -> None:
    p = repair_paragraph("On November 12,2018,Chongqing", "en", 1)
    assert [(r.kind, r.before, r.after) for r in p.repairs] == [("spacing", "", " ")] * 2


@pytest.mark.parametrize(("raw", "lang", "want"), [
    ("重慶,美國", "zh", "重慶，美國"),
    ("代表約100人參加", "zh", "代表約100人參加"),
    ("第１次會議", "zh", "第1次會議"),
    ("30余家企業,以及", "zh", "30余家企業，以及"),
    ("In Chongqing，the delegation", "en", "In Chongqing, the delegation"),
    ("ＡＳＥＡＮ countries", "en", "ASEAN countries"),
])
def test_width_follows_the_language(raw: str, lang: str, want: str) -> None:
    assert text(raw, lang) == want


def test_question_marks_in_chinese_are_not_converted_but_flagged() -> None:
    p = repair_paragraph("合作??腿吮硎?,此次", "zh", 7)
    assert p.text == "合作??腿吮硎?，此次"
    assert [(d.kind, d.text) for d in p.damage] == [("mojibake", "??腿吮硎?")]


def test_a_real_question_mark_is_not_damage() -> None:
    assert repair_paragraph("你們好嗎?", "zh", 1).damage == ()


def test_html_remnants_and_entities() -> None:
    assert text("總領事</p>", "zh") == "總領事"
    assert text("A&amp;B met<br/>them", "en") == "A&B metthem"
    assert text("健?/p>", "zh") == "健?"
    assert kinds("a&nbsp;b", "en") == ["html"]


def test_damage_in_english_is_flagged_not_guessed() -> None:
    p = repair_paragraph("the caf\ufffd and Beijingâ€™s ??? plan", "en", 3)
    assert [d.text for d in p.damage] == ["\ufffd", "â€™", "???"]


def test_outer_whitespace_is_a_recorded_repair() -> None:
    p = repair_paragraph("  重慶。\u3000", "zh", 1)
    assert p.text == "重慶。" and p.raw == "  重慶。\u3000"
    assert [r.kind for r in p.repairs] == ["space", "space"]
