"""A damaged search index and hostile queries: right hits or one line, never a traceback.

The index file beside a real sample archive is damaged in place, as a disk, a
copy or a person with a hex editor would, and ``bitext search`` must still give
exactly the hits an undamaged index gives (the oracle), while
``check-archive`` and ``verify_index`` must not call the damaged file up to
date. Queries too long, too many or not valid Unicode are one line, exit 2.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest
from archive_files import copy_archive
from fixture_paths import SAMPLE

from store.api import Archive
from store.errors import QueryError
from store.search import index_path, verify_index
from store.search.indexfile import BLOCK, LAZY, MAGIC, Tables
from store.search.query import MAX_QUERY_CHARS, MAX_TERMS, MAX_WORD_CHARS
from store.search.syllables import splits
from tui.cli import main

#: The first one reads the postings every damage below is aimed at (会, folded from 會).
QUERIES = ["會", "重庆", '"Foreign Affairs Office"', "li qian", "Belarus OR Italy",
           "date:2018-11-20"]
TARGET = "会"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pristine") / "archive.json"
    Archive(path).import_files([SAMPLE])
    assert index_path(path).exists()
    return path


def search(db: Path, query: str, capsys: pytest.CaptureFixture[str]) -> list[Any]:
    """The real command line's JSON answer; an exception would fail the test (a traceback)."""
    capsys.readouterr()
    assert main(["search", query, "--json", "--limit", "0", "--db", str(db)]) == 0
    return json.loads(capsys.readouterr().out)


def bitext(*args: str | bytes) -> subprocess.CompletedProcess[str]:
    """The real command line in a child process (argv may hold bytes, as a shell's can)."""
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          text=True, errors="replace", timeout=120, check=False,
                          cwd=tempfile.gettempdir(), env={**os.environ, "COLUMNS": "120"})


@pytest.fixture
def oracle(pristine: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, list[Any]]:
    """Each query's answer from the undamaged index, through the same command line."""
    out = {query: search(pristine, query, capsys) for query in QUERIES}
    assert all(out.values()), "every query finds something in the sample"
    return out


@pytest.fixture
def copy(pristine: Path, tmp_path: Path) -> Path:
    """The pristine archive and its index in a folder of the test's own."""
    db = tmp_path / pristine.name
    copy_archive(pristine, db)
    shutil.copy2(index_path(pristine), index_path(db))
    return db


def revision_of(pristine: Path) -> str:
    tables = Tables.read(index_path(pristine))
    try:
        return tables.revision
    finally:
        tables.close()


# -- taking the file apart, as a person with a hex editor would -----------------------

def read_sections(path: Path) -> tuple[dict[str, Any], dict[str, bytearray], int]:
    """The header, each section's bytes, and where the header ends."""
    data = path.read_bytes()
    size = int.from_bytes(data[len(MAGIC):len(MAGIC) + 8], "little")
    start = len(MAGIC) + 8
    header = orjson.loads(data[start:start + size])
    base = -(-(start + size) // 8) * 8
    body = {name: bytearray(data[base + at:base + at + length])
            for name, _, at, length, _ in header["sections"]}
    return header, body, start + size


def write_sections(path: Path, header: dict[str, Any], body: dict[str, bytearray], *,
                   seal: bool) -> None:
    """Lay the sections out again; ``seal`` writes matching checksums (a crafted file):
    every section's, and every block's of the sections read a block at a time."""
    if seal:
        crcs = [zlib.crc32(body[name][at:at + BLOCK]) for name in LAZY
                for at in range(0, len(body[name]), BLOCK)]
        body["blocks"] = bytearray(np.array(crcs, dtype="<u4").tobytes())
    layout, offset = [], 0
    for name, kind, _, _, crc in header["sections"]:
        data = body[name]
        layout.append([name, kind, offset, len(data), zlib.crc32(data) if seal else crc])
        offset += -(-len(data) // 8) * 8
    head_json = orjson.dumps({"revision": header["revision"], "sections": layout})
    head = MAGIC + len(head_json).to_bytes(8, "little") + head_json
    pieces = [head + b"\0" * (-len(head) % 8)]
    for name, *_ in header["sections"]:
        pieces += [bytes(body[name]), b"\0" * (-len(body[name]) % 8)]
    path.write_bytes(b"".join(pieces))


def change(section: str, edit: Callable[[Any, dict[str, bytearray]], None], *,
           seal: bool = False) -> Callable[[Path], None]:
    """Damage that edits one section (as a numpy array, or raw bytes for lines and JSON)."""
    def damage(path: Path) -> None:
        header, body, _ = read_sections(path)
        kind = next(k for n, k, *_ in header["sections"] if n == section)
        if kind in {"lines", "json", "bytes"}:
            edit(body[section], body)
        else:
            array = np.frombuffer(bytes(body[section]), kind).copy()
            edit(array, body)
            body[section] = bytearray(array.tobytes())
        write_sections(path, header, body, seal=seal)
    return damage


def target_slice(body: dict[str, bytearray]) -> slice:
    """Where the postings of ``TARGET`` lie in ``docs``."""
    keys = np.frombuffer(bytes(body["han_keys"]), "<u8")
    offsets = np.frombuffer(bytes(body["offsets"]), "<i8")
    k = int(np.searchsorted(keys, ord(TARGET)))
    assert keys[k] == ord(TARGET)
    return slice(int(offsets[k]), int(offsets[k + 1]))


def doc_out_of_range(docs: Any, body: dict[str, bytearray]) -> None:
    docs[target_slice(body).start] = 1_000_000


def doc_to_another_valid_one(docs: Any, body: dict[str, bytearray]) -> None:
    """The first posting of 会 moved to the one entry without it: a valid number."""
    where = target_slice(body)
    without = sorted(set(range(8)) - set(docs[where].tolist()))
    assert without, "one sample entry lacks 会"
    docs[where.start] = without[0]


def postings_reversed(docs: Any, body: dict[str, bytearray]) -> None:
    """The postings of 会 in descending order: each number valid, the order not."""
    where = target_slice(body)
    docs[where] = docs[where][::-1].copy()


def cut(keep: Callable[[int], int]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = path.read_bytes()
        path.write_bytes(data[:keep(len(data))])
    return damage


def overwrite(at: int, garbage: bytes) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        data[at:at + len(garbage)] = garbage
        path.write_bytes(bytes(data))
    return damage


def header_length(section: str, by: int) -> Callable[[Path], None]:
    """The header says a section is ``by`` bytes longer than it is; the file is unchanged."""
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        header, _, end = read_sections(path)
        for item in header["sections"]:
            if item[0] == section:
                item[3] += by
        new = orjson.dumps(header)
        start = len(MAGIC) + 8
        assert len(new) <= end - start
        data[start:end] = new + b" " * (end - start - len(new))
        path.write_bytes(bytes(data))
    return damage


def set_last(values: Any, _: dict[str, bytearray]) -> None:
    values[-1] += 1000


def first_id_twice(ids: bytearray, _: dict[str, bytearray]) -> None:
    lines = bytes(ids).split(b"\n")
    ids[:] = b"\n".join([lines[0], lines[0], *lines[2:]])


def not_a_list(sources: bytearray, _: dict[str, bytearray]) -> None:
    sources[:] = b"5"


DAMAGE = {
    "cut short inside the text": cut(lambda n: n - 64),
    "cut to half its size": cut(lambda n: n // 2),
    "cut to nothing": cut(lambda n: 0),
    "garbage in the header": overwrite(len(MAGIC) + 14, b"\xff" * 10),
    "garbage in the header's length": overwrite(len(MAGIC), b"\xff" * 8),
    "header says docs is longer than it is": header_length("docs", 8),
    "header says the text is longer than the file": header_length("text", 4096),
    "offsets reversed": change("offsets", lambda a, _: a.__setitem__(slice(None), a[::-1])),
    "a doc number out of range": change("docs", doc_out_of_range),
    "a doc number changed to another valid one": change("docs", doc_to_another_valid_one),
    "bytes overwritten in the text": change("text", lambda t, _: t.__setitem__(
        slice(100, 110), b"\xff" * 10)),
    # crafted: the checksums match, so only the structural checks stand in the way
    "offsets reversed, checksums rewritten": change(
        "offsets", lambda a, _: a.__setitem__(slice(None), a[::-1]), seal=True),
    "a doc number out of range, checksums rewritten": change("docs", doc_out_of_range,
                                                             seal=True),
    "text offsets past the text, checksums rewritten": change("text_offsets", set_last,
                                                              seal=True),
    "sources not a list, checksums rewritten": change("sources", not_a_list, seal=True),
    "a term's entries out of order, checksums rewritten": change("docs", postings_reversed,
                                                                 seal=True),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_index_is_reported_and_rebuilt_with_the_right_hits(
        copy: Path, pristine: Path, oracle: dict[str, list[Any]], damage: Callable[[Path], None],
        capsys: pytest.CaptureFixture[str]) -> None:
    up_to_date = "the search index is up to date"
    assert verify_index(copy, revision_of(pristine), 8).line == up_to_date  # before the damage
    damage(index_path(copy))

    status = verify_index(copy, revision_of(pristine), 8)
    assert status.damaged and status.line.startswith("the search index is damaged (")
    assert "\n" not in status.line
    capsys.readouterr()
    assert main(["check-archive", "--db", str(copy)]) == 0  # the archive itself is sound
    assert "up to date" not in capsys.readouterr().out

    for query in QUERIES:  # the first one opens the damaged file
        assert search(copy, query, capsys) == oracle[query], query
    assert verify_index(copy, revision_of(pristine), 8).line == up_to_date  # rebuilt
    assert main(["check-archive", "--db", str(copy)]) == 0
    assert up_to_date in capsys.readouterr().out


def test_an_id_listed_twice_in_a_crafted_file_is_found_by_the_full_check(
        copy: Path, pristine: Path, oracle: dict[str, list[Any]],
        capsys: pytest.CaptureFixture[str]) -> None:
    """An open no longer makes a set of every id (11 ms a segment of 100,000): a repeated id
    gives wrong hits, never an error, and only a file written with matching checksums
    has one. ``check-archive`` finds it, and so does the app's check of every block,
    which builds the index again before the first query."""
    change("ids", first_id_twice, seal=True)(index_path(copy))
    status = verify_index(copy, revision_of(pristine), 8)
    assert status.damaged and "an entry id is listed twice" in status.line
    for query in QUERIES:
        search(copy, query, capsys)  # an answer, not a traceback

    Archive(copy).prepare_search()

    for query in QUERIES:
        assert search(copy, query, capsys) == oracle[query], query
    assert verify_index(copy, revision_of(pristine), 8).line == "the search index is up to date"


def test_positions_out_of_order_in_a_crafted_file_give_answers_not_a_traceback(
        copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Positions in reverse, checksums written to match: a phrase's matches may be wrong,
    as with an id listed twice, but each query is answered (``search`` fails the test on
    a traceback or an exit status other than 0)."""
    change("positions", lambda a, _: a.__setitem__(slice(None), a[::-1].copy()),
           seal=True)(index_path(copy))
    for query in QUERIES:
        search(copy, query, capsys)


def test_the_command_line_searches_a_damaged_index_without_a_traceback(
        copy: Path, oracle: dict[str, list[Any]]) -> None:
    DAMAGE["a doc number out of range"](index_path(copy))
    done = bitext("search", QUERIES[0], "--json", "--limit", "0", "--db", str(copy))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert json.loads(done.stdout) == oracle[QUERIES[0]]


def test_a_fifo_in_place_of_the_index_neither_blocks_nor_fails(
        copy: Path, oracle: dict[str, list[Any]]) -> None:
    """A plain open of a FIFO waits for a writer for ever; the search goes on without it."""
    index_path(copy).unlink()
    os.mkfifo(index_path(copy))
    done = bitext("search", QUERIES[0], "--json", "--limit", "0", "--db", str(copy))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert json.loads(done.stdout) == oracle[QUERIES[0]]
    status = verify_index(copy, "", 8)
    assert status.damaged and "not a regular file" in status.line


# -- hostile queries ------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "problem", "within"), [
    (["a" * 600], "the query has a word of 600 letters (aaaaaaaaaaaa…); at most 100 ",
     ["a" * MAX_WORD_CHARS]),  # 100 pinyin syllables
    (["x" * (MAX_WORD_CHARS + 1)], "the query has a word of 101 letters", ["x" * 100]),
    ([" ".join(["cooperation"] * 20_000)],  # one argument: a phrase, with its quotes
     "the query is 240,001 characters long; at most 1,000",
     [("a " * 500)[:MAX_QUERY_CHARS - 2]]),  # a phrase of 499 words
    (["重" * (MAX_QUERY_CHARS + 1)], "the query is 1,001 characters long",
     ["重庆" * (MAX_QUERY_CHARS // 2)]),
    ([f"w{i}" for i in range(MAX_TERMS + 1)], "the query has more than 64 terms",
     ["xian"] * MAX_TERMS),  # 64 words, each split two ways as pinyin
    ([" OR ".join(["Belarus"] * (MAX_TERMS + 1))], "the query has more than 64 terms",
     [" OR ".join(["Belarus"] * MAX_TERMS)]),
    (["chongqing", "\ud800"], "the query is not valid text: it holds a lone surrogate U+D800",
     ["chongqing", "\u00ff"]),
], ids=["600-letter word", "101-letter word", "20,000-word phrase", "1,001 characters",
        "65 words", "65 alternatives", "lone surrogate"])
def test_a_hostile_query_is_one_line_exit_2(sample_archive: Archive, argv: list[str],
                                            problem: str, within: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Past a bound: one line, exit 2. At the bound: answered."""
    assert main(["search", *argv, "--db", str(sample_archive.path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"bitext: {problem}")
    assert len(err.strip().splitlines()) == 1
    assert main(["search", *within, "--json", "--db", str(sample_archive.path)]) == 0


def test_a_byte_the_terminal_cannot_read_is_one_line_exit_2(sample_archive: Archive) -> None:
    """``bitext search $'\\xff'``: argv holds the lone surrogate U+DCFF."""
    done = bitext("search", b"\xff", "--db", str(sample_archive.path))  # type: ignore[arg-type]
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert done.stderr.startswith("bitext: the query is not valid text: it holds the byte "
                                  "0xff, which the terminal's encoding cannot read")
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_long_word_splits_into_pinyin_without_recursion() -> None:
    """The cause of the RecursionError, not only the bound: one call frame per letter."""
    assert splits("a" * 5000) == [("a",) * 5000]
    assert splits("xian") == [("xian",), ("xi", "an")]


def test_the_api_refuses_text_that_is_not_unicode(sample_archive: Archive) -> None:
    with pytest.raises(QueryError, match=r"it holds a lone surrogate U\+D8FF"):
        sample_archive.search("abc\ud8ff")
    with pytest.raises(QueryError, match="it holds the byte 0xff"):
        sample_archive.search("\udcff")


@pytest.mark.parametrize("query", ['source:""', 'source:"', "source:", 'source:" " 合作'])
def test_a_source_filter_with_nothing_after_it_is_one_line(sample_archive: Archive,
                                                           query: str) -> None:
    """``source:""`` matched every entry and ``source:`` none; both are a mistake."""
    with pytest.raises(QueryError, match=r"^source: needs a file's name or id after it$"):
        sample_archive.search(query)
