"""The index that grows: an import, a removal or an accepted reading adds a segment.

The oracle for every change is the index built afresh from a copy of the same
archive: the same entries, hit counts, ranking and scores for every query.
What is asserted of the segments themselves is what the files beside the
archive show: the base file untouched, the manifest naming one more segment.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import generated_archive
import pytest
from bulletins import CHENGDU, WUHAN, XIAN, bulletin, write
from fixture_paths import SAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st
from test_search_property import SOURCES, archives, queries

from store.api import Archive
from store.search import index_path
from store.search import segments as saving
from store.search.build import SearchDoc, build
from store.search.index import SearchIndex
from tui.cli import main

EVENT7 = "20181103-76639271"  # its damage reads 客人表示 (tests/test_edits.py)
QUERIES = ["重", "庆", "重庆", "会见", "合作论坛", "成都市长", "重庆市政府", "外辦主任李謙",
           "Chengdu", "delegation visited", '"Foreign Affairs Office"', "consul", "li qian",
           "wu han", "chengdu", "source:chengdu", "source:generated 会见",
           "date:2018-11-01..2018-11-15", "date:2018-11 Mayor", "Mayor -Wuhan",
           "Belarus OR Lyon", "客人表示", "腿吮硎"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """400 generated entries (variants of the sample's text), the sample, and a search."""
    path = tmp_path_factory.mktemp("pristine") / "archive.json"
    generated_archive.stream(path, 400)
    archive = Archive(path)
    archive.import_files([SAMPLE])
    assert archive.search("重庆").entries > 300
    return path


@pytest.fixture
def db(pristine: Path, tmp_path: Path) -> Path:
    return generated_archive.copied(pristine, tmp_path)


def manifest(db: Path) -> dict[str, Any]:
    return json.loads((db.with_name(db.name + ".search.d") / "manifest.json").read_bytes())


def answers(archive: Archive) -> dict[str, tuple[int, int, list[tuple[str, float]]]]:
    out = {}
    for query in QUERIES:
        results = archive.search(query)
        out[query] = (results.entries, results.hits, results.ranked())
    return out


def fresh(db: Path, folder: Path) -> Archive:
    """The same archive in another folder, without its index: searching builds one."""
    return Archive(generated_archive.copied(db, folder, index=False))


def assert_as_fresh(db: Path, tmp_path: Path, name: str = "fresh") -> None:
    grown, built = answers(Archive(db)), answers(fresh(db, tmp_path / name))
    for query in QUERIES:
        assert grown[query] == built[query], query


def index_status(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The line ``check-archive`` prints about the index."""
    capsys.readouterr()
    assert main(["check-archive", "--db", str(db)]) == 0
    [line] = [x for x in capsys.readouterr().out.splitlines() if "search index" in x]
    return line


def import_events(db: Path, name: str, events: list[tuple[int, str, str]]) -> None:
    Archive(db).import_files([write(db.parent, name, bulletin(events))])


def test_a_second_import_adds_a_segment_with_the_answers_of_a_fresh_build(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = index_path(db)
    before = base.stat()
    assert len(manifest(db)["segments"]) == 1

    import_events(db, "chengdu-2018-11.txt", CHENGDU)

    after = base.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    segments = manifest(db)["segments"]
    assert len(segments) == 2 and segments[1]["docs"] == len(CHENGDU)
    assert segments[0]["dead"] == []
    assert (db.with_name(db.name + ".search.d") / segments[1]["file"]).is_file()
    assert "the search index is up to date" in index_status(db, capsys)
    assert Archive(db).search("source:chengdu").entries == len(CHENGDU)
    assert_as_fresh(db, tmp_path)


def test_a_removed_sources_entries_vanish(db: Path, tmp_path: Path) -> None:
    import_events(db, "chengdu-2018-11.txt", CHENGDU)
    import_events(db, "wuhan-2018-11.txt", WUHAN)
    archive = Archive(db)
    only_chengdu = "里昂 OR 法国驻成都"  # Lyon, the French consul in Chengdu
    assert archive.search(only_chengdu).entries == len(CHENGDU)
    chengdu = next(s for s in archive.sources() if s.name.endswith("chengdu-2018-11.txt"))

    archive.remove(chengdu.id)

    assert Archive(db).search(only_chengdu).entries == 0
    assert Archive(db).search("source:chengdu").entries == 0
    assert Archive(db).search("source:wuhan").entries == len(WUHAN)
    assert_as_fresh(db, tmp_path)


def test_the_same_entry_in_a_second_file_is_found_by_either_name(db: Path,
                                                                  tmp_path: Path) -> None:
    """The second file adds its name to an entry already stored, and one entry."""
    import_events(db, "xian-2018-11.txt", XIAN)
    import_events(db, "xian-and-more.txt", XIAN + WUHAN[:1])
    assert Archive(db).search("source:xian-and-more").entries == len(XIAN) + 1
    assert Archive(db).search("source:xian-2018").entries == len(XIAN)
    assert_as_fresh(db, tmp_path)


def test_an_accepted_reading_updates_its_entry_alone(db: Path, tmp_path: Path) -> None:
    archive = Archive(db)
    assert EVENT7 in archive.search("腿吮硎").ids()
    [suggestion] = archive.suggestions(EVENT7)

    archive.accept_reading(EVENT7, suggestion.finding, "客人表示")

    assert Archive(db).search("客人表示").ids() == {EVENT7}
    assert EVENT7 not in Archive(db).search("腿吮硎").ids()
    segments = manifest(db)["segments"]
    assert len(segments) == 2 and segments[1]["docs"] == 1 and len(segments[0]["dead"]) == 1
    assert_as_fresh(db, tmp_path)

    Archive(db).undo(EVENT7)
    assert Archive(db).search("客人表示").entries == 0
    assert_as_fresh(db, tmp_path, "after-undo")


def test_many_imports_merge_into_few_segments_with_the_same_answers(db: Path,
                                                                    tmp_path: Path) -> None:
    for n in range(10):
        import_events(db, f"meeting-{n}.txt", [(n + 1, f"第{n}次会议在成都举行。",
                                                f"Meeting number {n} was held in Chengdu.")])
    segments = manifest(db)["segments"]
    assert [s["docs"] for s in segments[1:]] == [8, 1, 1], "the first eight merged into one"
    assert segments[0]["file"] == "", "the base, of another tier, is not written again"
    assert_as_fresh(db, tmp_path)


def test_a_whole_build_is_written_in_pieces_that_answer_as_one(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(saving, "PIECE", 100)
    pieces = fresh(db, tmp_path / "pieces")
    assert pieces.search("重庆").entries > 300
    segments = manifest(pieces.path)["segments"]
    assert [s["docs"] for s in segments] == [100, 100, 100, 100, 6]  # 406 entries
    assert sum(len(s["parts"]) for s in segments) > len(segments), "a part spans pieces"
    assert "the search index is up to date" in index_status(pieces.path, capsys)
    monkeypatch.undo()
    assert answers(Archive(pieces.path)) == answers(fresh(db, tmp_path / "whole"))


def test_full_pieces_stay_apart_and_small_segments_merge_within_a_piece(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saving, "PIECE", 100)
    monkeypatch.setattr(saving, "MERGE_FACTOR", 2)
    pieces = fresh(db, tmp_path / "pieces")
    pieces.search("重庆")
    import_events(pieces.path, "chengdu-2018-11.txt", CHENGDU)
    import_events(pieces.path, "wuhan-2018-11.txt", WUHAN)
    segments = manifest(pieces.path)["segments"]
    # 2 and 3 entries merge (tier 1), and at once their 5 with the 6 of the build's last piece
    assert [s["docs"] for s in segments] == [100, 100, 100, 100, 6 + len(CHENGDU) + len(WUHAN)]
    assert_as_fresh(pieces.path, tmp_path)


def test_removing_most_entries_merges_everything_into_one_base(db: Path,
                                                               tmp_path: Path) -> None:
    import_events(db, "chengdu-2018-11.txt", CHENGDU)
    Archive(db).remove("src-bench")
    segments = manifest(db)["segments"]
    assert len(segments) == 1 and segments[0]["dead"] == []
    assert_as_fresh(db, tmp_path)


def test_a_damaged_segment_is_reported_and_rebuilt(db: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import_events(db, "chengdu-2018-11.txt", CHENGDU)
    delta = db.with_name(db.name + ".search.d") / manifest(db)["segments"][1]["file"]
    data = bytearray(delta.read_bytes())
    data[-100:-90] = b"\xff" * 10
    delta.write_bytes(bytes(data))

    line = index_status(db, capsys)
    assert "the search index is damaged (segment " in line and "checksum" in line

    assert_as_fresh(db, tmp_path)
    assert "the search index is up to date" in index_status(db, capsys)
    assert delta.name not in {s["file"] for s in manifest(db)["segments"]}, "rebuilt"


def test_index_files_no_manifest_names_are_removed(db: Path) -> None:
    folder = db.with_name(db.name + ".search.d")
    stray, fresh = folder / "0123456789abcdef.seg", folder / "fedcba9876543210.seg"
    stray.write_bytes(b"left by a process killed an hour ago")
    hour_ago = time.time() - 3600
    os.utime(stray, (hour_ago, hour_ago))
    fresh.write_bytes(b"another process's, whose manifest is yet to come")
    import_events(db, "chengdu-2018-11.txt", CHENGDU)
    named = {s["file"] for s in manifest(db)["segments"]}
    assert not stray.exists()
    assert {f.name for f in folder.iterdir()} == (named - {""}) | {"manifest.json", fresh.name}


def test_segments_rank_as_one_index_of_the_same_entries_in_any_order() -> None:
    """Global statistics, and ties (same score, same day) broken by entry id, not by
    where an entry happens to lie: a re-indexed entry moves to the newest segment."""
    def doc(entry_id: str, day: str, zh: str) -> SearchDoc:
        return SearchDoc(entry_id, day, (day,), "s1", [zh], ["a visit"])

    docs = [doc("20181103-b", "2018-11-03", "市长会见总领事。"),
            doc("20181103-a", "2018-11-03", "市长会见大使。。"),
            doc("20181105-c", "2018-11-05", "会见会见。"),
            doc("20181103-d", "2018-11-03", "代表团访问。")]
    sources = {"s1": "chongqing.txt"}
    whole = SearchIndex(build(docs, sources, "r"))
    grown = SearchIndex([build(docs[2:], sources, "r"), build(docs[:1], sources, "r"),
                         build([docs[1], docs[0]], sources, "r")], [(), (0,), ()])
    for query in ("会见", "市长", "visit", "date:2018-11-03", "source:chongqing -会见"):
        assert grown.search(query).ranked_ids() == whole.search(query).ranked_ids(), query
    assert [i for i, _ in whole.search("会见").ranked_ids()] == [
        "20181105-c", "20181103-a", "20181103-b"]


@settings(max_examples=100, deadline=None)
@given(data=st.data(), docs=archives())
def test_any_split_into_segments_answers_as_one_index(data: st.DataObject,
                                                      docs: list[SearchDoc]) -> None:
    """Entries split between two segments, some indexed again in a third (their first
    versions tombstoned): counts, hits, ranking, scores and highlights as one index."""
    cut = data.draw(st.integers(0, len(docs)))
    again = sorted(data.draw(st.sets(st.integers(0, len(docs) - 1))))
    dead: list[list[int]] = [[i for i in again if i < cut], [i - cut for i in again if i >= cut]]
    grown = SearchIndex([build(docs[:cut], SOURCES, "a"), build(docs[cut:], SOURCES, "b"),
                         build([docs[i] for i in again], SOURCES, "c")], dead)
    whole = SearchIndex(build(docs, SOURCES, "r"))
    for _ in range(3):
        query = data.draw(queries(docs))
        mine, theirs = grown.search(query), whole.search(query)
        assert (mine.count, mine.hits, mine.ranked_ids()) == (
            theirs.count, theirs.hits, theirs.ranked_ids()), query
        for entry_id in theirs.ids():
            assert mine.hits_of(entry_id) == theirs.hits_of(entry_id), (query, entry_id)
