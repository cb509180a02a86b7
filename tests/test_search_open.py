"""Opening the index without reading it all: a damaged block is still found, by the
search that reads it, and the answers are those of an index built afresh.

The index's large sections (postings and text) are checked a 64 KiB block at a
time as a query first reads them (``store.search.indexfile``), not whole on every
open. These tests damage a block of a real index file beside a real archive (400
generated entries and the sample, so the text spans several blocks), as a disk
or a tool writing into the file would, and ask the real command line: its answers
must be those of the index built afresh from a copy of the archive, the damaged
index rebuilt; ``check-archive`` checks every block and must report the damage
before any search has read it, and so must the app as it loads the index.
``bitext search`` also loads only what a search uses, and ``store.api`` still
hands on every name it did.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import generated_archive
import orjson
import pytest
from bulletins import CHENGDU, bulletin, write
from fixture_paths import SAMPLE

import store.api
from store.api import Archive
from store.search import index_path
from store.search.indexfile import BLOCK, MAGIC, Tables
from store.search.syllables import SYLLABLES, readings
from tui.cli import main

LI_QIAN = "20181120-ded76f76"  # a sample entry that names 李謙 (市政府外辦主任李謙…)
QUERIES = ["李謙", "li qian", "重庆", "會", "合作论坛", "Chengdu", '"Foreign Affairs Office"',
           "Belarus OR Lyon", "source:chengdu", "date:2018-11-01..2018-11-15"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pristine") / "archive.json"
    generated_archive.stream(path, 400)
    Archive(path).import_files([SAMPLE])
    return path


@pytest.fixture
def db(pristine: Path, tmp_path: Path) -> Path:
    return generated_archive.copied(pristine, tmp_path)


def answers(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """Each query's ``bitext search --json`` answer: ids, scores and every hit."""
    out = {}
    for query in QUERIES:
        capsys.readouterr()
        assert main(["search", query, "--json", "--limit", "0", "--db", str(db)]) == 0
        out[query] = json.loads(capsys.readouterr().out)
    return out


def fresh_answers(db: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """The answers of the index built afresh, from a copy of the archive without its index."""
    return answers(generated_archive.copied(db, folder, index=False), capsys)


def index_line(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The line ``check-archive`` prints about the index."""
    capsys.readouterr()
    assert main(["check-archive", "--db", str(db)]) == 0
    [line] = [x for x in capsys.readouterr().out.splitlines() if "search index" in x]
    return line


def section(path: Path, name: str) -> tuple[int, int]:
    """Where section ``name`` of an index file starts, and its length, as its header says."""
    data = path.read_bytes()
    start = len(MAGIC) + 8
    size = int.from_bytes(data[len(MAGIC):start], "little")
    base = -(-(start + size) // 8) * 8
    [(at, length)] = [(base + at, length) for found, _, at, length, _
                      in orjson.loads(data[start:start + size])["sections"] if found == name]
    return at, length


def overwrite(path: Path, at: int, data: bytes) -> None:
    """Bytes written into the file in place, as a disk or a tool would."""
    with path.open("r+b") as f:
        f.seek(at)
        f.write(data)


def text_of(path: Path, entry_id: str) -> tuple[int, int]:
    """Where an entry's Chinese text lies in the file."""
    tables = Tables.read(path)
    try:
        doc = tables.ids.index(entry_id)
        lo, hi = int(tables.text_offsets[2 * doc]), int(tables.text_offsets[2 * doc + 1])
        return tables.text_base + lo, hi - lo
    finally:
        tables.close()


def test_the_text_spans_blocks_so_a_search_reads_only_some(pristine: Path) -> None:
    """What the tests below rely on: damage to one block can be far from another."""
    assert section(index_path(pristine), "text")[1] > 2 * BLOCK
    assert (text_of(index_path(pristine), LI_QIAN)[0] - section(index_path(pristine), "text")[0]
            ) // BLOCK < section(index_path(pristine), "text")[1] // BLOCK


def test_a_damaged_text_block_is_found_as_the_hits_are_read(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only the hits read 李謙's text (the postings answer the query): the ranking stands,
    the index is rebuilt, and every hit is where it is in the archive."""
    expected = fresh_answers(db, tmp_path / "fresh", capsys)
    at, length = text_of(index_path(db), LI_QIAN)
    overwrite(index_path(db), at + length // 2, "重庆".encode())

    assert "the search index is damaged (section text: " in index_line(db, capsys)
    assert answers(db, capsys) == expected
    assert "the search index is up to date" in index_line(db, capsys)


def test_a_damaged_postings_block_is_found_by_the_search_that_reads_it(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An entry number changed to another valid one: only its block's checksum can tell."""
    expected = fresh_answers(db, tmp_path / "fresh", capsys)
    base = index_path(db)
    at, _ = section(base, "docs")
    first = int.from_bytes(base.read_bytes()[at:at + 4], "little")
    overwrite(base, at, ((first + 1) % 400).to_bytes(4, "little"))

    assert "the search index is damaged (" in index_line(db, capsys)
    assert answers(db, capsys) == expected
    assert "the search index is up to date" in index_line(db, capsys)


def test_check_archive_finds_damage_no_search_has_read(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A search by date reads no text: it answers from the index as it is, right, and
    ``check-archive``, which reads every block, still says the file is damaged."""
    query = "date:2018-11-01..2018-11-15"
    expected = fresh_answers(db, tmp_path / "fresh", capsys)[query]
    base = index_path(db)
    at, length = section(base, "text")
    overwrite(base, at + length - 1, b"\xff")

    capsys.readouterr()
    assert main(["search", query, "--json", "--limit", "0", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out) == expected != []
    assert "the search index is damaged (section text: " in index_line(db, capsys)


def test_the_app_checks_every_block_as_it_loads_the_index(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The app's loading worker (``prepare_search``) finds damage no query has read yet and
    rebuilds the index there, not when the user opens an entry whose hits read it."""
    base = index_path(db)
    at, length = section(base, "text")
    overwrite(base, at + length - 1, b"\xff")
    assert "the search index is damaged (section text: " in index_line(db, capsys)

    Archive(db).prepare_search()
    assert "the search index is up to date" in index_line(db, capsys)


def test_a_damaged_block_of_a_newer_segment_is_found_too(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Archive(db).import_files([write(db.parent, "chengdu-2018-11.txt", bulletin(CHENGDU))])
    [delta] = (db.with_name(db.name + ".search.d")).glob("*.seg")
    expected = fresh_answers(db, tmp_path / "fresh", capsys)
    at, length = section(delta, "text")
    overwrite(delta, at, b"\xff" * length)

    assert "the search index is damaged (segment " in index_line(db, capsys)
    assert answers(db, capsys) == expected
    assert "the search index is up to date" in index_line(db, capsys)


#: A search from the shell, in a fresh interpreter: its exit status and the wings it loaded.
_PROBE = """
import json, sys
from tui.cli import main
status = main(sys.argv[1:])
wings = ("store.importing", "store.exchange", "store.checks", "store.checking", "store.ingest",
         "pypinyin", "lxml", "textual")
print(json.dumps({"status": status, "loaded": [m for m in wings if m in sys.modules]}),
      file=sys.stderr)
"""


@pytest.mark.parametrize("query", ["重庆", "Cincinnati"])
def test_a_search_from_the_shell_loads_no_wing_it_does_not_use(
        pristine: Path, query: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Imports, exports, checks, sentence alignment and pypinyin's dictionary (for a word
    that cannot be pinyin) are no part of a search: loading them was 0.1-0.8 s of it."""
    done = subprocess.run([sys.executable, "-c", _PROBE, "search", query, "--db", str(pristine)],
                          capture_output=True, text=True, timeout=120, check=False,
                          cwd=tempfile.gettempdir(), env={**os.environ, "COLUMNS": "100"})
    report = json.loads(done.stderr.splitlines()[-1])
    assert report == {"status": 0, "loaded": []}
    capsys.readouterr()
    assert main(["search", query, "--db", str(pristine)]) == 0
    assert done.stdout == capsys.readouterr().out != ""


def test_store_api_hands_on_every_name_it_did() -> None:
    """``from store.api import X`` for the front ends, whether loaded at once or at first use."""
    from store.checks import CHECKS
    from store.exchange import FORMATS, ExportFilter
    from store.importing import ImportReport
    from store.sentencing import sentence_text

    for name in [*store.api.__all__, "atomic_write", "sample_bulletin", "companion", "Item",
                 "PathArg", "pinyin_readings", "importing", "exchange", "checking"]:
        assert getattr(store.api, name) is not None, name
    assert (store.api.CHECKS, store.api.FORMATS, store.api.ExportFilter,
            store.api.ImportReport, store.api.sentence_text) == (
        CHECKS, FORMATS, ExportFilter, ImportReport, sentence_text)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        store.api.nothing  # noqa: B018


def test_the_syllables_a_query_is_split_by_are_those_pypinyin_reads() -> None:
    """``SYLLABLES`` spares a search pypinyin's dictionary; it must be that dictionary's."""
    assert readings().keys() == SYLLABLES
