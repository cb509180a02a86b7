"""TMX written and read back (store/exchange/tmx.py), through the module's own functions.

The oracles: a round trip (the sample's entries written and read back keep their
ids, digests, days, beads, text and raw text; written again, the same bytes),
and hand-written TMX where the expected entry is worked out by hand.
Export and import through the archive and the command line are in
test_exchange.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from store.errors import InputError
from store.exchange import tmx
from store.ids import content_digest, entry_id
from store.ingest import flagged_paragraph
from store.model import Entry, Paragraph, SourceRef

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-Hant" '
        'segtype="paragraph" o-tmf="x" adminlang="en" datatype="plaintext" '
        'creationtool="x" creationtoolversion="1"/><body>\n')


def written(entries: tuple[Entry, ...] | list[Entry]) -> bytes:
    return b"".join(tmx.write(entries, srclang="zh-Hant", version="test"))


def read(data: bytes | str, name: str = "memory.tmx") -> list[Entry]:
    raw = data.encode() if isinstance(data, str) else data
    [imported] = tmx.read(raw, name, imported="test", paragraph=flagged_paragraph)
    assert list(imported.source.entries) == [e.id for e in imported.entries]
    return list(imported.entries)


def unit(zh: str | None, en: str | None, props: str = "") -> str:
    tuvs = "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>'
                   for lang, text in (("zh-Hant", zh), ("en-US", en)) if text is not None)
    return f"<tu>{props}{tuvs}</tu>\n"


def tmx_of(*units: str) -> str:
    return HEAD + "".join(units) + "</body></tmx>\n"


def identity(e: Entry) -> tuple[object, ...]:
    return (e.id, e.digest, e.days, e.beads, e.year_inferred, e.title,
            [p.text for p in (*e.zh, *e.en)], [p.raw for p in (*e.zh, *e.en)],
            [(p.repairs, p.damage) for p in (*e.zh, *e.en)])


def test_the_sample_comes_back_with_its_ids_text_repairs_and_damage(
        sample_entries: tuple[Entry, ...]) -> None:
    assert sum(len(p.damage) for e in sample_entries for p in e.zh) == 4
    back = read(written(sample_entries))
    assert [identity(e) for e in back] == [identity(e) for e in sample_entries]
    assert [e.seq for e in back] == list(range(8))


def test_written_read_and_written_again_is_the_same_bytes(
        sample_entries: tuple[Entry, ...]) -> None:
    first = written(sample_entries)
    assert written(read(first)) == first


def test_one_unit_per_bead_with_the_entry_props(sample_entries: tuple[Entry, ...]) -> None:
    entry = sample_entries[1]  # 19 and 21 November, five beads
    text = written([entry]).decode()
    assert text.count("<tu ") == len(entry.beads) == 5
    assert f'<tu tuid="{entry.id}.1">' in text and f'<tu tuid="{entry.id}.5">' in text
    assert text.count('<prop type="x-date">2018-11-19,2018-11-21</prop>') == 5
    assert text.count(f'<prop type="x-digest">{entry.digest}</prop>') == 5
    assert 'xml:lang="zh-Hant"' in text and 'xml:lang="en"' in text
    assert "x-year-inferred" not in text


@pytest.mark.parametrize(("days", "label"), [
    ((date(2018, 11, 19),), "2018-11-19"),
    ((date(2018, 11, 19), date(2018, 11, 21)), "2018-11-19,2018-11-21"),
    (tuple(date(2018, 11, d) for d in range(25, 30)), "2018-11-25/2018-11-29"),
    ((date(2018, 12, 31), date(2019, 1, 1), date(2019, 1, 5)), "2018-12-31/2019-01-01,2019-01-05"),
])
def test_days_are_labelled_as_runs_and_read_back(days: tuple[date, ...], label: str) -> None:
    assert tmx.days_label(days) == label
    assert tmx.parse_days(label) == days


@pytest.mark.parametrize(("label", "problem"), [
    ("2018-11-29/2018-11-25", "2018-11-29/2018-11-25 ends before it starts"),
    ("2018-02-30", "'2018-02-30' is not a day of the calendar"),
    ("yesterday", "'yesterday' is not a day as YYYY-MM-DD"),
    ("2018-11-25,2018-11-25", "the days are not in order, each once"),
    ("0001-01-01/9999-12-30", "0001-01-01 is outside 1900-01-01..2100-12-31"),
    ("1900-01-01/2100-12-31", "spans 73414 days, more than 366"),
])
def test_days_that_cannot_be_read_say_why(label: str, problem: str) -> None:
    with pytest.raises(ValueError) as caught:
        tmx.parse_days(label)
    assert str(caught.value) == problem


def test_the_header_language_follows_most_entries(sample_entries: tuple[Entry, ...]) -> None:
    assert tmx.chinese_of(sample_entries) == "zh-Hant"
    simplified = Paragraph("重庆市长会见美国客人", "重庆市长会见美国客人", 1)
    entry = Entry(id="undated-00000000", seq=0, start=None, end=None, days=(),
                  title={"zh": "", "en": ""}, zh=(simplified,), en=(), beads=(((0,), ()),),
                  source=SourceRef("src", "s"))
    assert tmx.chinese_of([entry, entry, sample_entries[0]]) == "zh-Hans"


def test_a_unit_from_another_tool_is_dated_by_its_chinese() -> None:
    zh, en = "2018年11月12日，重慶市與辛辛那提市簽署備忘錄。", "Chongqing and Cincinnati signed it."
    [entry] = read(tmx_of(unit(zh, en)))
    digest = content_digest([zh, en])
    assert entry.days == (date(2018, 11, 12),)
    assert (entry.id, entry.digest) == (f"20181112-{digest[:8]}", digest)
    assert entry.beads == (((0,), (0,)),)


def test_units_of_one_entry_are_grouped_by_their_x_entry() -> None:
    zh1, en1, zh2 = "第一段。", "The first.", "第二段。"
    key = entry_id((), content_digest([zh1, zh2, en1]), {})
    props = f'<prop type="x-entry">{key}</prop>'
    [entry] = read(tmx_of(unit(zh1, en1, props), unit(zh2, None, props)))
    assert [p.text for p in entry.zh] == [zh1, zh2] and [p.text for p in entry.en] == [en1]
    assert entry.beads == (((0,), (0,)), ((1,), ()))
    assert entry.days == () and entry.id.startswith("undated-")


def test_a_segment_changed_in_a_cat_tool_is_new_content_with_its_own_id(
        sample_entries: tuple[Entry, ...]) -> None:
    entry = sample_entries[2]
    text = written([entry]).decode()
    changed = text.replace("46", "45", 1)
    assert changed != text
    [back] = read(changed)
    assert back.id != entry.id and back.digest != entry.digest
    assert back.id.startswith("20181125-") and back.digest[:8] in back.id


def test_a_claimed_id_whose_digest_does_not_fit_is_not_kept() -> None:
    props = ('<prop type="x-entry">20181112-2c5aa078</prop>'
             '<prop type="x-digest">2c5aa078' + "0" * 56 + "</prop>")
    [entry] = read(tmx_of(unit("文字。", "Text.", props)))
    assert entry.id == entry_id((), content_digest(["文字。", "Text."]), {})


def test_inline_codes_are_dropped_and_highlighted_text_kept() -> None:
    seg = 'A<bpt i="1">&lt;b&gt;</bpt>B<ept i="1">&lt;/b&gt;</ept><hi>C</hi><ph>{1}</ph>D'
    [entry] = read(tmx_of(unit("中文。", seg)))
    assert entry.en[0].text == "ABCD"


def test_a_segment_of_several_lines_is_several_paragraphs_in_one_bead() -> None:
    [entry] = read(tmx_of(unit("第一段。\n\n第二段。", "Both paragraphs.")))
    assert [p.text for p in entry.zh] == ["第一段。", "第二段。"]
    assert entry.beads == (((0, 1), (0,)),)


def test_a_pair_repeated_in_a_memory_is_one_entry() -> None:
    [entry] = read(tmx_of(unit("重複。", "Repeated."), unit("重複。", "Repeated.")))
    assert [p.text for p in entry.zh] == ["重複。"]


def test_units_with_neither_language_are_skipped() -> None:
    other = '<tu><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv></tu>'
    [entry] = read(tmx_of(other, unit("你好。", "Hello.")))
    assert [p.text for p in entry.zh] == ["你好。"]


def test_controls_are_written_as_pictures_and_noncharacters_replaced() -> None:
    p = Paragraph("a\x1b]0;x\x07b\x9bc\r\uffffd\te", "raw", 1)
    entry = Entry(id="undated-00000000", seq=0, start=None, end=None, days=(),
                  title={"zh": "", "en": ""}, zh=(), en=(p,), beads=(((), (0,)),),
                  source=SourceRef("src", "s"))
    text = written([entry]).decode()
    assert "<seg>a␛]0;x␇b⍰c␍\ufffdd\te</seg>" in text
    assert not any(c in text for c in "\x1b\x07\x9b\r\uffff")


@pytest.mark.parametrize(("data", "problem"), [
    (b"<tmx><body>", "memory.tmx: is not well-formed XML"),
    (b"<html><body/></html>", "memory.tmx: is XML but not TMX"),
    (HEAD.encode() + b"</body></tmx>", "memory.tmx: has no translation units"),
    (b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
     b"<tmx><header/><body><tu><tuv xml:lang='en'><seg>&b;</seg></tuv></tu></body></tmx>",
     "memory.tmx: declares XML entities or elements of its own"),
    (tmx_of(unit("文。", "T.", '<prop type="x-date">2018-13-01</prop>')).encode(),
     "memory.tmx: x-date '2018-13-01': "),
])
def test_a_file_that_cannot_be_read_is_one_input_error(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        read(data)
    assert str(caught.value).startswith(problem)
