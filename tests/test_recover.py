"""Readings for text damaged by a one-byte GBK slip: the sample's spans and made-up slips."""

from __future__ import annotations

import pytest
from fixture_paths import SAMPLE

from store.checks.recover import Reading, readings
from store.ingest import parse_bulletin


def _sample_spans() -> dict[str, tuple[str, tuple[int, int]]]:
    """The sample's mojibake spans by their damaged text, with the repaired paragraph."""
    bulletin = parse_bulletin(SAMPLE.read_bytes(), "s.txt", imported="x")
    return {
        d.text: (p.text, d.span)
        for e in bulletin.entries
        for p in e.zh
        for d in p.damage
        if d.kind == "mojibake"
    }


@pytest.fixture(scope="module")
def sample_spans() -> dict[str, tuple[str, tuple[int, int]]]:
    return _sample_spans()


def _texts(found: list[Reading]) -> list[str]:
    return [r.text for r in found]


def test_the_sample_has_the_four_spans(sample_spans: dict) -> None:
    assert set(sample_spans) == {"??松健?", "??松骄头e", "?shù)?", "??腿吮硎?"}


def test_the_guests_said(sample_spans: dict) -> None:
    found = readings(*sample_spans["??腿吮硎?"])
    assert _texts(found)[0] == "客人表示"
    assert found[0].gbk == "(BF) CD | C8 CB | B1 ED | CA (BE)"


def test_the_consuls_name_then_jiji(sample_spans: dict) -> None:
    # Re-paired exactly: ?山就積; only the first character is a guess, and
    # the wordfreq-listed place name 克山 beats every other X山.
    found = readings(*sample_spans["??松骄头e"])
    assert _texts(found)[0] == "克山就積"
    assert all(t.endswith("山就積") for t in _texts(found))


def test_the_consuls_name_ends_the_paragraph(sample_spans: dict) -> None:
    # The lone trail byte A1 leaves punctuation only; a paragraph ends on 。 more than on 、.
    found = readings(*sample_spans["??松健?"])
    assert _texts(found)[0] == "克山。"
    assert all(t[1] == "山" and t[2] in "。、" for t in _texts(found))


def test_a_broken_pinyin_note_is_no_slip(sample_spans: dict) -> None:
    assert readings(*sample_spans["?shù)?"]) == []


def test_readings_are_distinct_best_first_and_limited(sample_spans: dict) -> None:
    found = readings(*sample_spans["??腿吮硎?"], limit=5)
    assert len(found) == 5
    assert len(set(_texts(found))) == 5
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    assert readings(*sample_spans["??腿吮硎?"], limit=1) == found[:1]


def _slipped(phrase: str) -> str:
    """The phrase as a decoder shows it after losing the lead byte of its first character.

    That byte went into the pair before, which shows as U+FFFD; a last lead byte
    with nothing valid after it shows as U+FFFD too.
    """
    damaged = "\ufffd" + phrase.encode("gbk")[1:].decode("gbk", errors="replace")
    # A trail byte below 0x80 would put the decoder back in step: no slip left to undo.
    assert "\ufffd" not in damaged[1:-1], damaged
    return damaged


@pytest.mark.parametrize(
    ("before", "phrase", "after"),
    [
        ("雙方", "表示願意", "進一步加強合作"),
        ("代表團還", "考察了", "重慶兩江數字經濟產業園"),
        ("會議", "在北京", "舉行"),
        ("我们", "非常高兴", "见到你"),
        # 積 is B7 65: its trail byte is the letter e, which ends the slip.
        ("他們", "都很積", "極參與"),
    ],
)
def test_a_made_up_slip_reads_back_first(before: str, phrase: str, after: str) -> None:
    damaged = _slipped(phrase)
    text = before + damaged + after
    found = readings(text, (len(before), len(before) + len(damaged)))
    assert _texts(found)[0] == phrase


def test_the_script_of_the_paragraph_decides_between_variants(sample_spans: dict) -> None:
    # GBK holds both scripts, so the lead byte guess also offers simplified 兴 (D0 CB),
    # which reads about as well as 克 to a model of simplified text. This paragraph
    # is traditional, so the bytes can hardly have been 兴; in a simplified one they can.
    found = readings(*sample_spans["??松骄头e"], limit=5)
    assert "兴山就積" not in _texts(found)
    before, damaged = "在菲律宾驻重庆总领事馆，李谦与", "??松骄头e"
    after = "极落实巩固习近平访菲成果"
    found = readings(before + damaged + after, (len(before), len(before) + len(damaged)))
    assert _texts(found)[:2] == ["克山就積", "兴山就積"]


@pytest.mark.parametrize(
    "span_text",
    ["??", "\ufffd\ufffd", "", "hello world", "?abc?", "?shù)?", "?😀?"],
)
def test_what_is_no_gbk_slip_gets_nothing(span_text: str) -> None:
    text = "前面" + span_text + "後面"
    assert readings(text, (2, 2 + len(span_text))) == []


def test_no_readings_asked_for() -> None:
    damaged = _slipped("在北京")
    assert readings(damaged, (0, len(damaged)), limit=0) == []
