"""Readings for text a one-byte GBK slip destroyed (store/checks/recover.py), through the archive.

A phrase is slipped by hand (its first lead byte lost, as a decoder shows it),
written into a bulletin and imported into a real archive in a tmp folder: the
archive flags the damage, suggests the phrase first, and accepting it puts the
phrase in the text. How readings are scored is in test_recover.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from checked import the_entry

from store.api import Archive
from store.model import Entry

PHRASE = "表示願意"
BEFORE, AFTER = "2018年11月12日，雙方", "進一步加強合作。"
EN = "On November 12, 2018, both sides said they were willing to strengthen cooperation."


def slipped(phrase: str) -> str:
    """The phrase as a decoder shows it after losing the lead byte of its first character."""
    return "\ufffd" + phrase.encode("gbk")[1:].decode("gbk", errors="replace")


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Archive, Entry]:
    return the_entry(tmp_path, [BEFORE + slipped(PHRASE) + AFTER], [EN])


def test_the_slip_is_damage_with_the_phrase_suggested_first(
        damaged: tuple[Archive, Entry]) -> None:
    archive, entry = damaged
    [finding] = archive.findings(entry.id)
    assert (finding.check, finding.severity, finding.span) == ("damage", "error", (14, 19))
    [suggestion] = archive.suggestions(entry.id)
    assert suggestion.finding == finding
    assert len(suggestion.readings) == 3
    assert suggestion.readings[0].text == PHRASE


def test_an_accepted_reading_is_the_text_and_the_damage_is_gone(
        damaged: tuple[Archive, Entry]) -> None:
    archive, entry = damaged
    [suggestion] = archive.suggestions(entry.id)
    edited = archive.accept_reading(entry.id, suggestion.finding, PHRASE)
    assert edited.zh[0].text == BEFORE + PHRASE + AFTER and edited.edited
    assert [f.check for f in Archive(archive.path).findings(entry.id)] == []
    assert Archive(archive.path).undo(entry.id).zh[0].text == entry.zh[0].text


def test_a_rejected_reading_is_not_suggested_again_and_the_damage_stays(
        damaged: tuple[Archive, Entry]) -> None:
    archive, entry = damaged
    [suggestion] = archive.suggestions(entry.id)
    archive.reject_reading(entry.id, suggestion.finding)
    reopened = Archive(archive.path)
    assert reopened.suggestions(entry.id) == []
    assert [f.check for f in reopened.findings(entry.id)] == ["damage"]


def test_damage_that_is_no_byte_slip_gets_no_suggestion(sample_archive: Archive) -> None:
    entry = sample_archive.entry("20181108-73f05ce4")  # a broken pinyin note: ?shù)?
    assert [f.subject for f in sample_archive.findings(entry.id)
            if f.check == "damage"] == ["?shù)?"]
    assert sample_archive.suggestions(entry.id) == []
