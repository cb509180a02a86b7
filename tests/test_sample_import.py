"""Importing the real sample bulletin gives exactly the hand-checked result (DESIGN.md §1)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from fixture_paths import SAMPLE

from store.api import Archive
from store.model import Entry, Paragraph


@pytest.fixture
def entries(sample_archive: Archive) -> list[Entry]:
    """The sample's entries in file order (the archive lists newest first)."""
    return sorted(sample_archive.entries(), key=lambda e: e.seq)


def test_fixture_is_the_seed_verbatim(expected: dict[str, Any], sample_bytes: bytes) -> None:
    text = sample_bytes.decode("utf-8")
    assert len(text) == expected["characters"]
    assert text.count("\n") + 1 == expected["lines"]
    assert not text.endswith("\n")


def test_eight_events_with_their_days_and_lines(entries: list[Entry],
                                                expected: dict[str, Any]) -> None:
    got = [
        {"days": [d.isoformat() for d in e.days],
         "zh_lines": [p.line for p in e.zh], "en_lines": [p.line for p in e.en]}
        for e in entries
    ]
    want = [{k: ev[k] for k in ("days", "zh_lines", "en_lines")} for ev in expected["events"]]
    assert got == want
    for e in entries:
        assert e.start == e.days[0] and e.end == e.days[-1]


def test_twenty_four_one_to_one_beads_line_k_with_k_plus_25(entries: list[Entry]) -> None:
    pairs = [(e.zh[z[0]].line, e.en[x[0]].line) for e in entries for z, x in e.beads
             if len(z) == 1 and len(x) == 1]
    assert sum(len(e.beads) for e in entries) == 24
    assert pairs == [(k, k + 25) for k in range(1, 25)]


def test_credit_line_is_kept_on_the_source_not_in_an_entry(sample_archive: Archive,
                                                           entries: list[Entry],
                                                           expected: dict[str, Any]) -> None:
    (source,) = sample_archive.sources()
    assert [vars_of(f) for f in source.furniture] == expected["furniture"]
    assert 25 not in {p.line for e in entries for p in (*e.zh, *e.en)}
    assert source.raw == SAMPLE.read_text(encoding="utf-8")
    assert source.layout == expected["layout"] and source.encoding == expected["encoding"]
    assert list(source.entries) == [e.id for e in entries]


def vars_of(furniture: Any) -> dict[str, Any]:
    return {"line": furniture.line, "text": furniture.text, "lang": furniture.lang,
            "why": furniture.why}


def _paragraphs(entries: list[Entry], lang: str) -> list[Paragraph]:
    return [p for e in entries for p in e.paragraphs(lang)]


def test_no_pinyin_annotation_or_split_ligature_is_left(entries: list[Entry]) -> None:
    annotation = re.compile(r"[\u4e00-\u9fff][(（][a-zü\u00e0-\u00fc\u0101-\u01dc]+[)）]")
    for p in _paragraphs(entries, "zh"):
        assert not annotation.search(p.text), p.line
    split = re.compile(r"\b(?:Off i ce|off i cially|scientif i c|fi nancial|fi elds?)\b")
    for p in _paragraphs(entries, "en"):
        assert not split.search(p.text), p.line
    assert all("(guó)" not in p.text for p in _paragraphs(entries, "zh"))


def test_repairs_counted_by_kind(entries: list[Entry], expected: dict[str, Any]) -> None:
    for lang, want in expected["repair_counts"].items():
        got = Counter(r.kind for p in _paragraphs(entries, lang) for r in p.repairs)
        for kind, n in want.items():
            assert got[kind] == n, (lang, kind)


def test_each_ligature_and_html_repair_is_recorded_where_it_was(
        entries: list[Entry], expected: dict[str, Any]) -> None:
    def recorded(lang: str, kind: str) -> list[dict[str, Any]]:
        return [{"line": p.line, "before": r.before, "after": r.after}
                for p in _paragraphs(entries, lang) for r in p.repairs if r.kind == kind]

    assert recorded("en", "ligature") == expected["ligatures"]
    assert recorded("zh", "html") == expected["html"]


def test_missing_spaces_restored_but_numbers_untouched(entries: list[Entry],
                                                       expected: dict[str, Any]) -> None:
    by_line = {p.line: p for p in _paragraphs(entries, "en")}
    for case in expected["missing_spaces"]["examples"]:
        p = by_line[case["line"]]
        assert case["raw"] in p.raw and case["text"] in p.text, case
    commas = [r for p in by_line.values() for r in p.repairs
              if r.kind == "spacing" and p.raw[r.span[0] - 1] == ","]
    assert len(commas) == expected["missing_spaces"]["commas"]
    assert "1876" in by_line[47].text and "19 students" in by_line[46].text


def test_real_parentheses_are_kept_and_made_full_width(entries: list[Entry],
                                                       expected: dict[str, Any]) -> None:
    by_line = {p.line: p for p in _paragraphs(entries, "zh")}
    for case in expected["kept_parentheses"]:
        assert case["text"] in by_line[case["line"]].text


def test_all_four_damaged_spans_are_flagged_exactly(entries: list[Entry],
                                                    expected: dict[str, Any]) -> None:
    got = []
    for p in _paragraphs(entries, "zh") + _paragraphs(entries, "en"):
        for d in p.damage:
            assert p.text[d.span[0]:d.span[1]] == d.text
            assert p.raw[d.raw_span[0]:d.raw_span[1]] == d.text
            got.append({"line": p.line, "text": d.text})
    assert got == [{"line": d["line"], "text": d["text"]} for d in expected["damage"]]


def test_every_repair_is_recorded_so_the_raw_text_can_be_rebuilt(entries: list[Entry]) -> None:
    """Undo every recorded repair on the repaired text and get the raw line back, exactly."""
    for p in _paragraphs(entries, "zh") + _paragraphs(entries, "en"):
        rebuilt, last = [], 0
        for r in p.repairs:
            assert p.text[r.at[0]:r.at[1]] == r.after
            assert p.raw[r.span[0]:r.span[1]] == r.before
            rebuilt += [p.text[last:r.at[0]], r.before]
            last = r.at[1]
        rebuilt.append(p.text[last:])
        assert "".join(rebuilt) == p.raw, p.line


def test_titles_come_from_the_lead_sentence_without_the_date(entries: list[Entry]) -> None:
    date_phrase = re.compile(r"\d{4}年|\d{1,2}月\d{1,2}日|November \d|, 2018")
    for e in entries:
        for lang in ("zh", "en"):
            t = e.title[lang]
            assert t and not date_phrase.search(t), (e.id, t)
            assert t.rstrip("…")[:8].lower() in e.paragraphs(lang)[0].text.lower()
    assert entries[0].title["zh"].startswith("重慶市與美國辛辛那提市")
    assert entries[0].title["en"].startswith("Chongqing and Cincinnati")
    assert "來渝進" in entries[7].title["zh"]  # the date sat mid-sentence and was cut out


def test_ids_are_stable_and_sortable(entries: list[Entry], tmp_path: Any) -> None:
    again = Archive(tmp_path / "other.json")
    again.import_files([SAMPLE])
    assert sorted(e.id for e in again.entries()) == sorted(e.id for e in entries)
    for e in entries:
        assert re.fullmatch(r"\d{8}-[0-9a-f]{8}", e.id)
        assert e.id.startswith(e.start.strftime("%Y%m%d"))


def test_an_item_of_a_numbered_list_is_titled_by_its_text(tmp_path: Any) -> None:
    tmx = tmp_path / "law.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-TW" '
        'segtype="paragraph" datatype="plaintext" adminlang="en" o-tmf="none" '
        'creationtool="hand" creationtoolversion="1"/><body><tu><prop type="x-date">2020-01-03'
        '</prop><tuv xml:lang="zh-TW"><seg>三、標示字體之長度及寬度不得小於○．四公分。</seg></tuv>'
        '<tuv xml:lang="en"><seg>3. The length and width of labeling characters may not be less '
        "than 0.4 cm.</seg></tuv></tu></body></tmx>", encoding="utf-8")
    archive = Archive(tmp_path / "archive.json")
    archive.import_files([tmx])
    [entry] = archive.entries()
    assert entry.title["en"].startswith("3. The length and width")
