"""Search on the sample: what a person reading the bulletin expects each query to find.

Events are numbered as in the bulletin (1 = the first event of the file), and
recognised by their first Chinese line, as in the fixture's facts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from store.api import Archive, SearchResults
from store.errors import QueryError
from store.search import index_path
from store.search.fold import fold
from store.search.indexfile import Tables
from store.search.query import parse

ALL = [1, 2, 3, 4, 5, 6, 7, 8]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    from fixture_paths import SAMPLE

    archive = Archive(tmp_path_factory.mktemp("search") / "archive.json")
    archive.import_files([SAMPLE])
    return archive


@pytest.fixture(scope="module")
def event_of(archive: Archive, expected: dict[str, Any]) -> dict[str, int]:
    first_line = {e["zh_lines"][0]: n for n, e in enumerate(expected["events"], 1)}
    return {e.id: first_line[e.zh[0].line] for e in archive.entries()}


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    import json

    from fixture_paths import FIXTURES

    return json.loads((FIXTURES / "chongqing-2018-11.expected.json").read_text("utf-8"))


def events(results: SearchResults, event_of: dict[str, int]) -> list[int]:
    return sorted(event_of[i] for i, _ in results.ranked())


def found_text(archive: Archive, results: SearchResults) -> list[str]:
    """The text under every hit, as the reader would highlight it."""
    out = []
    for entry_id, _ in results.ranked():
        entry = archive.entry(entry_id)
        out += [entry.paragraphs(h.lang)[h.para].text[h.start:h.end]
                for h in results.hits_in(entry_id)]
    return out


@pytest.mark.parametrize(("query", "want"), [
    ("重庆", ALL),  # simplified finds the bulletin's traditional text
    ("重慶", ALL),
    ("合作", [1, 2, 3, 4, 5, 6, 7]),  # a two-character word
    ("會", [1, 2, 3, 5, 6, 7, 8]),  # one character
    ("Belarus", [5]),
    ('"Foreign Affairs Office"', [1, 2, 3, 4, 5]),  # across the repaired "Off i ce"
    ("li qian", [1, 2, 5]),  # pinyin of 李謙, and Li Qian in English
    ("date:2018-11-20", [4, 8]),  # event 2 names the 19th and the 21st, not the 20th
    ("date:2018-11-19..2018-11-21", [2, 4, 8]),
    ("date:2018-11-01..2018-11-09", [5, 6, 7]),
    ("date:2018-12", []),
    ("Belarus OR Italy", [2, 5]),
    ("belarus or italy", [2, 5]),  # lower case between two terms: the operator
    ("重庆 not Belarus", [1, 2, 3, 4, 6, 7, 8]),
    ("Belarus and Minsk", [5]),
    ("重庆 -Belarus", [1, 2, 3, 4, 6, 7, 8]),
    ("zh:Belarus", []),  # the Chinese says 白俄羅斯
    ("en:白俄罗斯", []),
    ("zh:白俄罗斯", [5]),
    ("黄良华", [1]),
    ("source:chongqing-2018", ALL),
    ("source:elsewhere", []),
])
def test_the_sample_answers_as_a_reader_expects(archive: Archive, event_of: dict[str, int],
                                               query: str, want: list[int]) -> None:
    assert events(archive.search(query), event_of) == want


@pytest.mark.parametrize(("query", "words"), [
    ("or", ["or"]), ("Belarus or", ["belarus", "or"]), ("not Belarus", ["not", "belarus"]),
    ("and", ["and"]), ('"Belarus or Italy"', ["belarus or italy"]),
])
def test_lower_case_operators_are_words_unless_between_two_terms(query: str,
                                                                 words: list[str]) -> None:
    """"or" alone, or at an end, is searched for as the English word it is."""
    clauses = parse(query).clauses
    assert [a.text for c in clauses for alt in c.alternatives for a in alt] == words
    assert not any(c.negated for c in clauses) and all(len(c.alternatives) == 1
                                                      for c in clauses)


def test_traditional_and_simplified_find_the_same_hits(archive: Archive) -> None:
    simplified, traditional = archive.search("重庆市"), archive.search("重慶市")
    assert simplified.ranked() == traditional.ranked()
    assert found_text(archive, simplified) == found_text(archive, traditional)
    assert set(found_text(archive, simplified)) == {"重慶市"}


def test_hits_are_offsets_into_the_text_the_reader_shows(archive: Archive) -> None:
    assert set(found_text(archive, archive.search('"Foreign Affairs Office"'))) == \
        {"Foreign Affairs Office"}
    assert set(found_text(archive, archive.search("會"))) == {"會"}
    assert set(found_text(archive, archive.search("li qian"))) == {"李謙", "Li", "Qian"}


def test_english_words_match_by_stem_and_ignore_case(archive: Archive) -> None:
    visit, visited = archive.search("visit"), archive.search("VISITED")
    assert visit.ranked() == visited.ranked() and visit.entries == 7
    assert {t.lower() for t in found_text(archive, visit)} >= {"visit", "visited", "visits"}


def test_pinyin_finds_the_chinese_it_spells(archive: Archive) -> None:
    zh = [t for t in found_text(archive, archive.search("chongqing")) if not t.isascii()]
    assert zh and set(zh) == {"重慶"}


def test_results_are_ranked_with_counts(archive: Archive, event_of: dict[str, int]) -> None:
    results = archive.search("Belarus OR 合作")
    ranked = results.ranked()
    assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
    assert event_of[ranked[0][0]] == 5  # Belarus four times, 合作 three
    assert results.entries == 7 and results.hits == len(found_text(archive, results))
    assert len(results.ranked(2)) == 2


@pytest.mark.parametrize(("query", "problem"), [
    ("date:2018-13", "date:2018-13: not a date"),
    ("date:2018-11-20..2018-11-01", "the range ends before it starts"),
    ("OR", "OR needs a term on each side"),  # matched every entry, with no hits
    ("Belarus OR", "OR needs a term on each side"),
    ("OR Belarus", "OR needs a term on each side"),
    ("Belarus OR OR Italy", "OR needs a term on each side"),
])
def test_a_bad_query_is_one_clear_error(archive: Archive, query: str, problem: str) -> None:
    with pytest.raises(QueryError, match=problem):
        archive.search(query)


def test_the_index_is_saved_beside_the_archive_and_reused(sample_archive: Archive) -> None:
    saved = index_path(sample_archive.path)
    stamp = saved.stat().st_mtime_ns
    reopened = Archive(sample_archive.path)
    assert reopened.search("重庆").entries == 8
    assert saved.stat().st_mtime_ns == stamp, "a fresh index is loaded, not rebuilt"


def test_a_stale_or_damaged_index_is_rebuilt(sample_archive: Archive, tmp_path: Path) -> None:
    from fixture_paths import SAMPLE

    saved = index_path(sample_archive.path)
    other = Archive(tmp_path / "other.json")
    other.import_bytes([(SAMPLE.read_bytes().replace("白俄羅斯".encode(), "烏克蘭".encode()),
                         "changed.txt")])
    os.replace(index_path(other.path), saved)  # an index of another archive
    assert Archive(sample_archive.path).search("白俄罗斯").entries == 1
    loaded = Tables.load(saved)
    assert loaded is not None and loaded.revision == sample_archive._file.revision()

    saved.write_bytes(b"bitext-search 1\n\xff\xff")  # cut short
    assert Archive(sample_archive.path).search("白俄罗斯").entries == 1


def test_an_import_updates_the_index(db_path: Path) -> None:
    from fixture_paths import SAMPLE

    archive = Archive(db_path)
    assert archive.search("重庆").entries == 0
    archive.import_files([SAMPLE])
    assert archive.search("重庆").entries == 8
    assert Tables.load(index_path(db_path)) is not None


def test_an_unwritable_folder_still_searches(sample_archive: Archive,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    index_path(sample_archive.path).unlink()

    def refuse(*_: object) -> None:
        from store.errors import ArchiveError

        raise ArchiveError("read-only file system")

    monkeypatch.setattr(Tables, "save", refuse)
    assert Archive(sample_archive.path).search("重庆").entries == 8


def test_folding_keeps_every_offset() -> None:
    text = "重慶…ﬁnal ＢＥＬＡＲＵＳ ß İ 乾隆"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("重庆…ﬁnal belarus")


def test_source_finds_exactly_each_files_entries(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Every entry was mapped to the first source: ``source:wuhan`` found Chengdu's."""
    from bulletins import CHENGDU, WUHAN, XIAN, bulletin, write

    from tui.cli import main

    db = str(tmp_path / "archive.json")
    files = {name: write(tmp_path, f"{name}-2018-11.txt", bulletin(events))
             for name, events in (("chengdu", CHENGDU), ("wuhan", WUHAN), ("xian", XIAN))}
    assert main(["import", *map(str, files.values()), "--db", db, "-q"]) == 0
    capsys.readouterr()
    expected = {name: {e.id for e in Archive(Path(db)).entries() if e.source.name == str(path)}
                for name, path in files.items()}
    assert [len(v) for v in expected.values()] == [2, 3, 1]
    for name in files:
        assert main(["search", f"source:{name}", "--limit", "0", "--db", db]) == 0
        found = {line.split("\t")[0] for line in capsys.readouterr().out.splitlines()}
        assert found == expected[name], name
    source_ids = {s.name: s.id for s in Archive(Path(db)).sources()}
    assert main(["search", f"source:{source_ids[str(files['xian'])]}", "--db", db]) == 0
    assert {line.split("\t")[0] for line in capsys.readouterr().out.splitlines()} == (
        expected["xian"])


def test_an_index_of_the_former_layout_is_rebuilt_not_misread(sample_archive: Archive) -> None:
    """Version 7 adds the trigrams' postings: a file of version 6 has none, so it would
    find a three-character term nowhere. It is built again, as a version 2 file
    (without each entry's sources) is."""
    from store.search.indexfile import MAGIC, Damaged

    saved = index_path(sample_archive.path)
    expected = Archive(sample_archive.path).search("重慶市").entries
    assert expected > 0
    for former in (b"bitext-search 6\n", b"bitext-search 2\n"):
        saved.write_bytes(former + saved.read_bytes()[len(MAGIC):])
        with pytest.raises(Damaged, match="an index of another version"):
            Tables.read(saved)
        archive = Archive(sample_archive.path)
        assert archive.search("source:chongqing").entries == 8
        assert archive.search("重慶市").entries == expected
        assert saved.read_bytes().startswith(MAGIC)
