"""Names whose pinyin the other language lacks (store/checks/names.py), through the archive.

One-bead bulletins imported into a real archive in a tmp folder: a person
beside a title in the Chinese, spelled or not in the English, and capitalised
English words that read as pinyin. Findings are "review": a heuristic's question.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from checked import findings, the_entry

ZH_DAY, EN_DAY = "2018年11月12日，", "On November 12, 2018, "


def names(tmp_path: Path, zh: str, en: str) -> list[tuple[str | None, str]]:
    return [(lang, subject) for _, _, lang, _, subject in
            findings(tmp_path, [ZH_DAY + zh], [EN_DAY + en], "name")]


def test_a_name_in_another_romanisation_is_to_review(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, [ZH_DAY + "市長黃良華會見了客人。"],
                         [EN_DAY + "Mayor Lee Wong met the guests."])
    assert finding == ("name", "review", "zh", 0, "黃良華")


def test_the_message_names_the_spelling_found_and_the_pinyin(tmp_path: Path) -> None:
    archive, entry = the_entry(tmp_path, [ZH_DAY + "市長黃良華會見了客人。"],
                               [EN_DAY + "Mayor Lee Wong met the guests."])
    [finding] = archive.findings(entry.id)
    assert finding.message == ("黃良華 is not in the English as pinyin; 'Wong' may be it in "
                               "another romanisation (黃: huang)")
    assert entry.zh[0].text[slice(*finding.span)] == "黃良華"  # type: ignore[misc]


@pytest.mark.parametrize("en", [
    "Mayor Huang Lianghua met the guests.",  # pinyin, surname first
    "Mayor Lianghua Huang met the guests.",  # pinyin, surname last
])
def test_a_name_spelled_in_pinyin_either_order_is_fine(tmp_path: Path, en: str) -> None:
    assert names(tmp_path, "市長黃良華會見了客人。", en) == []


@pytest.mark.parametrize(("zh", "en"), [
    # A foreign name written in characters: pinyin says nothing about it.
    ("總領事艾佩詩會見了客人。", "Consul General Cecille El Beleidi met the guests."),
    # A Western given name before a Cantonese surname: Hong Kong officials' names.
    ("總裁關家明會見了客人。", "Nicolas Kwan met the guests."),
])
def test_names_pinyin_cannot_judge_are_left_alone(tmp_path: Path, zh: str, en: str) -> None:
    assert names(tmp_path, zh, en) == []


@pytest.mark.parametrize(("zh", "en", "expected"), [
    ("代表團參觀了寸灘保稅港區。", "the delegation visited Cuntang Bonded Port.",
     [("en", "Cuntang Bonded Port")]),  # 寸灘 is cun tan
    ("代表團參觀了寸灘保稅港區。", "the delegation visited Cuntan Bonded Port.", []),
    # Conventional spellings are looked up as the places they name.
    ("代表團訪問了香港。", "the delegation visited Hong Kong.", []),
    ("代表團訪問了香港。", "the delegation visited Hong Kong and Macao.", [("en", "Macao")]),
    # Japanese names in Hepburn read as pinyin too, but are not Chinese (Time, 2000):
    ("日產總裁塙義一說。", "Nissan's chief executive Yoshikazu Hanawa said.", []),
    ("導演三船說。", "director Mifune said.", []),
    # ... while a Chinese place of open syllables is still looked for: 河北 is he bei.
    ("代表團訪問了河南。", "the delegation visited Hebei.", [("en", "Hebei")]),
])
def test_an_english_word_that_reads_as_pinyin_must_be_in_the_chinese(
        tmp_path: Path, zh: str, en: str, expected: list[tuple[str, str]]) -> None:
    assert names(tmp_path, zh, en) == expected


def test_one_finding_per_person_not_one_per_language(tmp_path: Path) -> None:
    """"Chan Heng Chee" for 陳漢成 is that person: the English run is not reported again."""
    assert names(tmp_path, "大使陳漢成出席了會議。", "Ambassador Chan Heng Chee attended.") == [
        ("zh", "陳漢成")]
