"""The archive's compact layout of an entry (store/archive/codec.py), read back as written.

The oracle is the round trip: every entry of the sample (repairs and damage
included) decodes to the entry that was encoded. Where the codec derives
something again on load (raw text, raw spans), a hand-built paragraph gives the
expected value computed by hand.
"""

from __future__ import annotations

import random
from datetime import date

import orjson
import pytest

from store.archive import codec
from store.ingest.textmap import MappedText
from store.model import Damage, Entry, Finding, Paragraph, Repair, SourceRef


def entry_of(zh: tuple[Paragraph, ...], en: tuple[Paragraph, ...], *,
             year_inferred: bool = False) -> Entry:
    day = date(2018, 11, 3)
    return Entry(id="20181103-00000000", seq=4, start=day, end=day, days=(day,),
                 title={"zh": "標題", "en": "Title"}, zh=zh, en=en,
                 beads=tuple(((i,), (i,)) for i in range(len(zh))),
                 source=SourceRef("src-000000000000", "bulletin.txt"), digest="0" * 64,
                 year_inferred=year_inferred)


#: "a\u200bbc" with the zero-width space removed: text "abc", a deletion at 1.
DELETED = Repair("invisible", (1, 2), "\u200b", "", (1, 1))


def test_every_sample_entry_comes_back_as_it_was_encoded(
        sample_entries: tuple[Entry, ...]) -> None:
    assert any(p.damage for e in sample_entries for p in e.zh), "damage is exercised"
    assert all(p.repairs for e in sample_entries for p in e.zh), "repairs are exercised"
    for entry in sample_entries:
        assert codec.decode(codec.encode(entry)) == entry


def test_the_stored_document_holds_the_list_fields_as_plain_json(
        sample_entries: tuple[Entry, ...]) -> None:
    entry = sample_entries[0]
    doc = codec.encode(entry)
    assert set(doc) == {"id", "seq", "start", "end", "days", "title", "source", "digest", "body"}
    assert (doc["id"], doc["start"], doc["days"]) == (entry.id, "2018-11-12", ["2018-11-12"])
    body = orjson.loads(doc["body"])
    assert set(body) == {"zh", "en", "beads"}
    text, line, repairs, damage = body["zh"][0]
    assert (text, line, damage) == (entry.zh[0].text, entry.zh[0].line, [])
    assert repairs == [[r.kind, r.at[0], r.before, r.after] for r in entry.zh[0].repairs]


def test_year_inferred_is_stored_only_when_true() -> None:
    p = Paragraph("文", "文", 1)
    assert "year_inferred" not in codec.encode(entry_of((p,), (p,)))
    doc = codec.encode(entry_of((p,), (p,), year_inferred=True))
    assert doc["year_inferred"] is True
    assert codec.decode(doc).year_inferred is True


def test_the_raw_text_is_rebuilt_from_the_repairs() -> None:
    widened = Repair("width", (4, 5), "１", "1", (3, 4))
    p = Paragraph("abc1", "a\u200bbc１", 7, (DELETED, widened))
    [back] = codec.decode(codec.encode(entry_of((p,), (p,)))).zh
    assert back.raw == "a\u200bbc１"
    assert [r.span for r in back.repairs] == [(1, 2), (4, 5)]
    assert back == p


@pytest.mark.parametrize(("span", "raw_span"), [
    ((1, 3), (2, 4)),  # a start at a deletion maps past the deleted text
    ((0, 1), (0, 1)),  # an end at a deletion maps before it
    ((0, 3), (0, 4)),
])
def test_damage_raw_spans_are_derived_around_a_deletion(
        span: tuple[int, int], raw_span: tuple[int, int]) -> None:
    text = "abc"
    p = Paragraph(text, "a\u200bbc", 1, (DELETED,),
                  (Damage("lost", span, raw_span, text[span[0]:span[1]]),))
    [back] = codec.decode(codec.encode(entry_of((p,), (p,)))).zh
    assert back.damage[0].raw_span == raw_span
    assert back.raw[raw_span[0]:raw_span[1]].replace("\u200b", "") == back.damage[0].text


def test_a_damage_span_inside_a_replacement_maps_to_its_edges() -> None:
    # "x" replaced by "yyy": position 2 lies inside the replacement's text.
    repair = Repair("fix", (1, 2), "x", "yyy", (1, 4))
    p = Paragraph("ayyyb", "axb", 1, (repair,), (Damage("lost", (2, 5), (1, 3), "yyb"),))
    [back] = codec.decode(codec.encode(entry_of((p,), (p,)))).zh
    assert back.damage[0].raw_span == (1, 3)


def mapped(rng: random.Random) -> MappedText:
    """A short raw text edited by two or three passes of replacements, insertions, deletions."""
    text = MappedText("".join(rng.choice("abcxyz") for _ in range(rng.randint(1, 12))))
    for kind in ("one", "two", "three")[:rng.randint(2, 3)]:
        edits, at = [], 0
        while at <= len(text.text) and len(edits) < 3:
            start = rng.randint(at, len(text.text))
            end = rng.randint(start, min(len(text.text), start + 2))
            new = "".join(rng.choice("QR") for _ in range(rng.randint(0, 2)))
            if (start, new) != (end, ""):
                edits.append((start, end, new))
            at = end + 1
        text.edit(edits, kind)
    return text


def test_derived_raw_spans_are_those_the_importer_maps() -> None:
    """The oracle is ``MappedText``, which made the repairs: every non-empty span of the
    repaired text, stored as damage, comes back with the raw span it maps to."""
    rng = random.Random(15)
    for _ in range(300):
        text = mapped(rng)
        spans = [(a, b) for a in range(len(text.text)) for b in range(a + 1, len(text.text) + 1)]
        damage = tuple(Damage("lost", (a, b), (text.to_raw(a), text.to_raw(b, end=True)),
                              text.text[a:b]) for a, b in spans)
        p = Paragraph(text.text, text.raw, 1, text.repairs(), damage)
        [back] = codec.decode(codec.encode(entry_of((p,), (p,)))).zh
        assert back == p, (text.raw, text.text)


def test_findings_come_back_with_their_version() -> None:
    findings = (
        Finding("paragraph-count", "warning", None, None, None, "2/3", "2 Chinese, 3 English"),
        Finding("number", "error", "zh", 0, (4, 6), "46", "number '46' (46) is not in it"),
    )
    stored = codec.encode_findings(3, findings)
    assert stored[1][0] == ["paragraph-count", "warning", None, None, None, None, "2/3",
                            "2 Chinese, 3 English"]
    assert codec.decode_findings({"checks": stored}) == (3, findings)


def test_an_entry_never_checked_has_no_findings_rather_than_none_found() -> None:
    assert codec.decode_findings({"id": "x"}) is None
    assert codec.decode_findings({"checks": codec.encode_findings(3, ())}) == (3, ())


def test_texts_and_summary_read_the_document_without_building_the_entry(
        sample_entries: tuple[Entry, ...]) -> None:
    entry = sample_entries[1]
    doc = codec.encode(entry)
    assert codec.texts(doc) == ([p.text for p in entry.zh], [p.text for p in entry.en])
    row = codec.summary(doc)
    assert (row.id, row.start, row.days, row.seq) == (entry.id, "2018-11-19",
                                                      ("2018-11-19", "2018-11-21"), entry.seq)
    assert (row.title_zh, row.title_en, row.source) == (entry.title["zh"], entry.title["en"],
                                                        entry.source.name)
