"""What one language has and the other lacks altogether (store/checks/coverage.py).

Bulletins imported into a real archive in a tmp folder; where a file cannot
say it (a paragraph the same in both languages lands in one block), the
sample's entry is changed and checked through ``run_checks``, the checks'
public entry.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from checked import archive_of, findings, found

from store.checks import run_checks
from store.model import Entry

COVERAGE = ("unpaired", "paragraph-count", "untranslated", "identical")


def test_a_paragraph_without_counterpart(tmp_path: Path, sample_lines: list[str]) -> None:
    lines = [ln for k, ln in enumerate(sample_lines) if k != 10]  # a Chinese paragraph
    archive = archive_of(tmp_path, lines, [])
    entry = archive.entry("20181125")
    assert (len(entry.zh), len(entry.en)) == (2, 3)
    result = [f for f in archive.findings(entry.id) if f.check in COVERAGE]
    assert found(result) == [("paragraph-count", "warning", None, None, "2/3"),
                             ("unpaired", "warning", "en", 1, "paragraph")]
    assert [f.message for f in result] == [
        "2 Chinese paragraphs, 3 English",
        "this English paragraph has no Chinese counterpart"]


def test_a_split_paragraph_aligned_as_one_bead_is_no_finding(tmp_path: Path) -> None:
    zh = ["2018年11月12日，代表團訪問了香港。", "代表團參觀了博物館。代表團會見了市長。"]
    en = ["On November 12, 2018, the delegation visited Hong Kong.",
          "The delegation visited a museum.", "The delegation met the mayor."]
    archive = archive_of(tmp_path, zh, en)
    [entry] = archive.entries()
    assert entry.beads == (((0,), (0,)), ((1,), (1, 2)))
    assert found(archive.findings(entry.id), *COVERAGE) == []


def test_chinese_characters_in_the_english_are_untranslated(tmp_path: Path) -> None:
    zh = ["2018年11月12日，代表團訪問了香港。"]
    en = ["On November 12, 2018, the delegation visited 香港 丨 and the port."]
    assert findings(tmp_path, zh, en, *COVERAGE) == [
        ("untranslated", "warning", "en", 0, "香港"), ("untranslated", "warning", "en", 0, "丨")]


def test_a_paragraph_left_as_it_was(sample_entries: tuple[Entry, ...]) -> None:
    entry = sample_entries[6]
    copied = dataclasses.replace(entry, en=(entry.zh[0],))  # the "translation" is the Chinese
    result = [f for f in run_checks(copied) if f.check == "identical"]
    assert found(result) == [("identical", "warning", "en", 0, "paragraph")]
    assert result[0].message == "English paragraph 1 is the Chinese one, untranslated"
    assert ("untranslated", "en", 0) in {(f.check, f.lang, f.para) for f in run_checks(copied)}
    assert [f for f in run_checks(entry) if f.check in COVERAGE] == []


def test_text_the_same_but_for_width_and_case_is_identical(
        sample_entries: tuple[Entry, ...]) -> None:
    entry = sample_entries[6]
    zh = dataclasses.replace(entry.zh[0], text="ＡＰＥＣ Summit 2018")
    en = dataclasses.replace(entry.en[0], text="apec summit 2018")
    result = run_checks(dataclasses.replace(entry, zh=(zh,), en=(en,)))
    assert [(f.check, f.para) for f in result if f.check == "identical"] == [("identical", 0)]
