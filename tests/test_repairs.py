"""Each kind of repair on small paragraphs: what changes, what must not, and that it is recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.ingest.repair import repair_paragraph
from tui.cli import main


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


# -- PDF leftovers: spaces between Han characters (issue 13) -------------------------


@pytest.mark.parametrize(("raw", "want"), [
    ("第五 批 零 售", "第五批零售"),
    ("中 華 人 民 共 和 國", "中華人民共和國"),
    ("重慶市 人 民 政 府 關 於 印 發", "重慶市人民政府關於印發"),   # a whole run joins
    ("前 言", "前言"),                                               # a letter-spaced heading
    ("会 从 优 质 教 育 基 金 中 拨 出 2 亿 元", "会从优质教育基金中拨出2亿元"),
    ("表 示 , 会 从 优 质", "表示，会从优质"),                     # then width makes ， of ,
])
def test_letter_spaced_han_is_joined(raw: str, want: str) -> None:
    assert text(raw, "zh") == want


@pytest.mark.parametrize("raw", [
    "重慶市 人民政府",               # two words: could be a list, kept
    "出席：張三 李四 王五",           # names separated by spaces
    "出席：張三\u3000李四\u3000王五",  # names separated by ideographic spaces
    "使用 Python 3 編寫",            # spacing around Latin words is a house style
    "第 2 號",                        # and around digits, outside letter-spaced text
    "半日 全日 半日",                 # table columns
    "男 女 男 女 男 女",              # a table header of lone characters
    "第 50 個 第 75 個",              # table cells with numbers
    "2010年的6 355件",                # a thousands separator
    "用好機遇  發展經濟",             # two spaces part columns
])
def test_spaces_that_mean_something_stay(raw: str) -> None:
    assert text(raw, "zh") == raw


def test_each_joined_space_is_a_recorded_repair() -> None:
    p = repair_paragraph("第五 批 零 售", "zh", 4)
    assert [(r.kind, r.span, r.before, r.after) for r in p.repairs] == [
        ("han-space", (2, 3), " ", ""), ("han-space", (4, 5), " ", ""),
        ("han-space", (6, 7), " ", "")]


# -- a legitimate ? is not damage --------------------------------------------------------


@pytest.mark.parametrize(("raw", "lang"), [
    ("你們好嗎?", "zh"),
    ("他問：為什麼?", "zh"),
    ("他問：「為什麼?」", "zh"),
    ("大家都知道，誰想當瘌痢?所以，我想", "zh"),       # a question word, then more text
    ("政府會否研究?此外", "zh"),
    ("是不是這樣?我想", "zh"),                        # an A-not-A question
    ("他說“trust this man?”，成為新聞", "zh"),        # an English question in Chinese text
    ("is it fair?你問問自己", "zh"),
    ("歌詞“Why?Why?Tell me why”", "zh"),
    ("Why?Why?Tell me why", "en"),
    ("見 www.x.org.tw/page.asp?IDno=95 網頁", "zh"),  # a URL's query string
    ("請瀏覽 http://x.gov.hk/a.php?code=1&b=2。", "zh"),
    ("你好？", "zh"),                                 # full-width: never damage
    ("Can I help you?", "en"),
    ("See https://x.org/p.asp?IDno=95 for details", "en"),
])
def test_question_marks_that_are_punctuation(raw: str, lang: str) -> None:
    assert repair_paragraph(raw, lang, 1).damage == ()


def test_a_question_mark_inside_an_english_word_is_still_damage() -> None:
    assert [d.text for d in repair_paragraph("Beijing?s plan", "en", 1).damage] == ["?"]


@pytest.mark.parametrize(("raw", "want"), [
    ("陳恒?議員", [("lost", "?")]),                      # a character the encoding lacked
    ("任何人?議員", [("lost", "?")]),                    # 任何 asks nothing
    ("交流與合作??腿吮硎?，此次", [("mojibake", "??腿吮硎?")]),
])
def test_question_marks_that_are_damage(raw: str, want: list[tuple[str, str]]) -> None:
    assert [(d.kind, d.text) for d in repair_paragraph(raw, "zh", 1).damage] == want


def test_the_reader_sees_joins_as_repairs_and_no_false_damage(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pdf.txt"
    path.write_text("2018年11月3日，重 慶 市 外 事 辦 公 室 舉 行 會 議。他問：為什麼?\n"
                    "On November 3, 2018, the Chongqing Foreign Affairs Office held a meeting."
                    " He asked: why?\n", encoding="utf-8")
    db = str(tmp_path / "archive.json")
    main(["import", str(path), "--db", db, "-q"])
    capsys.readouterr()
    main(["show", "20181103", "--json", "--db", db])
    entry = json.loads(capsys.readouterr().out)
    assert entry["zh"][0]["text"] == "2018年11月3日，重慶市外事辦公室舉行會議。他問：為什麼?"
    joins = [r for r in entry["repairs"] if r["kind"] == "han-space"]
    assert len(joins) == 11 and all(r["before"] == " " and r["after"] == "" for r in joins)
    assert entry["damage"] == []
