"""Alignment and events stay right when the sample's paragraphs are merged, split, dropped or moved.

Each variant is built from the sample's own lines, so the gold beads are known:
Chinese line k (1-24) translates English line k+25.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from store.ingest import parse_bulletin
from store.model import Entry

ZH = range(24)      # indices into the sample's lines
EN = range(25, 49)
CREDIT = 24

Bead = tuple[tuple[str, ...], tuple[str, ...]]


def beads_by_text(entries: tuple[Entry, ...]) -> list[Bead]:
    return [(tuple(e.zh[i].raw for i in z), tuple(e.en[j].raw for j in x))
            for e in entries for z, x in e.beads]


def gold(lines: list[str], zh_groups: list[list[int]], en_groups: list[list[int]],
         joiner: Callable[[list[str]], str] = " ".join) -> list[Bead]:
    return [(tuple(lines[i] for i in z), (joiner([lines[j] for j in x]),) if x else ())
            for z, x in zip(zh_groups, en_groups, strict=True)]


def parse(lines: list[str], sep: str = "\n") -> tuple[Entry, ...]:
    return parse_bulletin(sep.join(lines).encode("utf-8"), "variant.txt", imported="t").entries


def test_two_english_paragraphs_merged_give_a_2_1_bead(sample_lines: list[str]) -> None:
    # English 31 and 32 (event 2) become one paragraph: Chinese 6 and 7 pair with it.
    merged = sample_lines[30] + " " + sample_lines[31]
    lines = [*sample_lines[:30], merged, *sample_lines[32:]]
    got = beads_by_text(parse(lines))
    assert ((sample_lines[5], sample_lines[6]), (merged,)) in got
    assert len(got) == 23
    assert all(len(z) == 1 and len(x) == 1 for z, x in got if z != (sample_lines[5],
                                                                      sample_lines[6]))


def test_a_chinese_paragraph_dropped_leaves_a_0_1_bead(sample_lines: list[str]) -> None:
    lines = [ln for k, ln in enumerate(sample_lines) if k != 10]   # Chinese line 11
    entries = parse(lines)
    got = beads_by_text(entries)
    assert ((), (sample_lines[35],)) in got
    pairs = [(z[0], x[0]) for z, x in got if z and x]
    assert pairs == [(sample_lines[k], sample_lines[k + 25]) for k in ZH if k != 10]
    assert len(entries) == 8


def test_a_dated_chinese_paragraph_dropped_still_opens_its_event(sample_lines: list[str]
                                                                 ) -> None:
    lines = [ln for k, ln in enumerate(sample_lines) if k != 12]   # lead of event 4
    entries = parse(lines)
    assert len(entries) == 8
    nz = entries[3]
    assert [d.isoformat() for d in nz.days] == ["2018-11-20"]
    assert nz.beads[0] == ((), (0,)) and nz.en[0].line == 37  # one line above is gone


def test_an_english_paragraph_split_in_two_gives_a_1_2_bead(sample_lines: list[str]) -> None:
    first, second = sample_lines[38].split(" At the same time,")
    second = "At the same time," + second
    lines = [*sample_lines[:38], first, second, *sample_lines[39:]]
    got = beads_by_text(parse(lines))
    assert ((sample_lines[13],), (first, second)) in got
    assert len(got) == 24


def test_english_block_first(sample_lines: list[str]) -> None:
    lines = [*(sample_lines[k] for k in EN), sample_lines[CREDIT], *(sample_lines[k] for k in ZH)]
    entries = parse(lines)
    assert [e.days[0].isoformat() for e in entries] == [
        "2018-11-12", "2018-11-19", "2018-11-25", "2018-11-20",
        "2018-11-08", "2018-11-08", "2018-11-03", "2018-11-20"]
    assert beads_by_text(entries) == gold(sample_lines, [[k] for k in ZH], [[k] for k in EN])


def test_interleaved_paragraphs(sample_lines: list[str]) -> None:
    lines = [ln for k in ZH for ln in (sample_lines[k], sample_lines[k + 25])]
    entries = parse(lines)
    assert len(entries) == 8
    assert beads_by_text(entries) == gold(sample_lines, [[k] for k in ZH], [[k] for k in EN])


def test_blank_lines_and_windows_line_endings(sample_lines: list[str]) -> None:
    entries = parse(sample_lines, sep="\r\n\r\n")
    assert len(entries) == 8
    assert beads_by_text(entries) == gold(sample_lines, [[k] for k in ZH], [[k] for k in EN])
    assert entries[0].zh[1].line == 3 and entries[0].en[0].line == 51


def test_old_mac_line_endings(sample_lines: list[str]) -> None:
    assert beads_by_text(parse(sample_lines, sep="\r")) == gold(
        sample_lines, [[k] for k in ZH], [[k] for k in EN])


def test_hard_wrapped_paragraphs_are_joined(sample_lines: list[str]) -> None:
    def wrap_zh(line: str) -> str:  # Chinese wraps anywhere, English at spaces
        return "\n".join(line[i:i + 30] for i in range(0, len(line), 30))

    event = [*sample_lines[0:4], *sample_lines[25:29]]
    (flat,) = parse(event)
    wrapped_lines = [wrap_zh(ln) for ln in event[:4]] + [
        "\n".join(textwrap.wrap(ln, 70)) for ln in event[4:]]
    (wrapped,) = parse(wrapped_lines, sep="\n\n")
    assert [p.text for p in wrapped.zh] == [p.text for p in flat.zh]
    assert [p.text for p in wrapped.en] == [p.text for p in flat.en]
    assert wrapped.beads == flat.beads
    starts = [1]
    for block in wrapped_lines[:3]:
        starts.append(starts[-1] + block.count("\n") + 2)
    assert [p.line for p in wrapped.zh] == starts  # a paragraph's line is its first
    assert "wrap" in {r.kind for p in wrapped.zh for r in p.repairs}


def test_a_file_without_full_dates_is_one_undated_entry() -> None:
    lines = ["重慶市與辛辛那提市簽署備忘錄。", "雙方將加強合作。",
             "Chongqing and Cincinnati signed a memorandum.", "Both sides will cooperate."]
    (entry,) = parse(lines)
    assert entry.days == () and entry.start is None
    assert entry.id.startswith("undated-")
    assert entry.beads == (((0,), (0,)), ((1,), (1,)))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("drop", ZH)
def test_any_paragraph_dropped_leaves_exactly_its_partner_alone(sample_lines: list[str],
                                                                 drop: int, lang: str) -> None:
    gone = drop if lang == "zh" else drop + 25
    partner = sample_lines[drop + 25] if lang == "zh" else sample_lines[drop]
    got = beads_by_text(parse([ln for k, ln in enumerate(sample_lines) if k != gone]))
    assert (((), (partner,)) if lang == "zh" else ((partner,), ())) in got
    assert [(z[0], x[0]) for z, x in got if z and x] == [
        (sample_lines[k], sample_lines[k + 25]) for k in ZH if k != drop]
