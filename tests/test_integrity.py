"""The full check of an archive's contents (store/archive/integrity.py), one flaw at a time.

The tables are the sample's, laid out as the archive stores them; each test
damages one thing the way a hand edit, a bug or a half-copied file would, and
the check must name exactly that flaw, in one line.
"""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest

from store.archive import codec, integrity
from store.ingest import parse_bulletin
from store.model import SCHEMA_VERSION

Tables = dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def sound(sample_bytes: bytes) -> Tables:
    parsed = parse_bulletin(sample_bytes, "sample.txt", imported="test")
    return {"meta": {"schema": {"schema": SCHEMA_VERSION}},
            "sources": {parsed.source.id: parsed.source.to_dict()},
            "entries": {e.id: codec.encode(e) for e in parsed.entries}}


@pytest.fixture
def tables(sound: Tables) -> Tables:
    return copy.deepcopy(sound)


FIRST = "20181112-2c5aa078"


def body(tables: Tables, key: str = FIRST) -> dict[str, Any]:
    return orjson.loads(tables["entries"][key]["body"])


def set_body(tables: Tables, content: dict[str, Any], key: str = FIRST) -> None:
    tables["entries"][key]["body"] = orjson.dumps(content).decode()


def test_the_sample_is_sound(sound: Tables) -> None:
    assert len(sound["entries"]) == 8
    assert integrity.problems(sound) == []


def test_an_empty_archive_is_sound() -> None:
    assert integrity.problems({}) == []


def test_text_changed_outside_bitext_is_found(tables: Tables) -> None:
    content = body(tables)
    content["en"][0][0] = content["en"][0][0].replace("Cincinnati", "Cleveland")
    set_body(tables, content)
    assert integrity.problems(tables) == [
        f"entry {FIRST}: its text does not match its digest (changed outside bitext?)"]


def test_beads_that_lose_a_paragraph_are_found(tables: Tables) -> None:
    content = body(tables)
    content["beads"] = content["beads"][:-1]
    set_body(tables, content)
    assert integrity.problems(tables) == [
        f"entry {FIRST}: beads do not cover each zh paragraph exactly once, in order "
        "([0, 1, 2])",
        f"entry {FIRST}: beads do not cover each en paragraph exactly once, in order "
        "([0, 1, 2])"]


def test_a_repair_beyond_its_text_is_found(tables: Tables) -> None:
    content = body(tables)
    text = content["zh"][0][0]
    content["zh"][0][3] = [["lost", len(text) + 1, len(text) + 2]]  # damage past the end
    set_body(tables, content)
    assert integrity.problems(tables) == [
        f"entry {FIRST}: zh paragraph 0: a repair or damage span lies outside its text"]


def test_days_out_of_order_are_found(tables: Tables) -> None:
    doc = tables["entries"]["20181119-308475df"]
    doc["days"] = list(reversed(doc["days"]))
    assert integrity.problems(tables) == [
        "entry 20181119-308475df: days out of order, or start/end not the first and last day"]


def test_an_entry_stored_under_another_id_is_found(tables: Tables) -> None:
    tables["entries"]["20181112-2c5aa079"] = tables["entries"].pop(FIRST)
    found = integrity.problems(tables)
    assert found[0] == "entry 20181112-2c5aa079: stored under another id ('20181112-2c5aa078')"
    assert "entry 20181112-2c5aa079: id does not match its digest" in found


@pytest.mark.parametrize("key", ["2018-11-12-2c5aa078", "20181112-2C5AA078"])
def test_an_id_not_as_bitext_writes_it_is_found(tables: Tables, key: str) -> None:
    doc = tables["entries"].pop(FIRST)
    doc["id"] = key
    tables["entries"][key] = doc
    for source in tables["sources"].values():
        source["entries"] = [key if e == FIRST else e for e in source["entries"]]
    assert integrity.problems(tables) == [f"entry {key}: id is not YYYYMMDD-xxxxxxxx"]


def test_an_unreadable_body_is_one_problem_not_a_crash(tables: Tables) -> None:
    tables["entries"][FIRST]["body"] = '{"zh": [["text"'
    [problem] = integrity.problems(tables)
    assert problem.startswith(f"entry {FIRST}: cannot be read (JSONDecodeError: ")


def test_an_entry_of_the_wrong_shape_is_one_problem_not_a_crash(tables: Tables) -> None:
    tables["entries"][FIRST] = ["not", "a", "document"]
    [problem] = integrity.problems(tables)
    assert problem.startswith(f"entry {FIRST}: cannot be read (AttributeError: ")


def test_a_source_and_its_entries_must_point_at_each_other(tables: Tables) -> None:
    [(source_id, source)] = tables["sources"].items()
    source["entries"].remove(FIRST)
    source["entries"].append("20990101-deadbeef")
    assert integrity.problems(tables) == [
        f"entry {FIRST}: its source {source_id} does not list it",
        f"source {source_id}: lists 1 entries the archive lacks (20990101-deadbeef)"]


def test_an_entry_whose_source_is_missing_is_found(tables: Tables) -> None:
    [source_id] = tables["sources"]
    tables["sources"] = {}
    found = integrity.problems(tables)
    assert len(found) == 8
    assert found[0] == f"entry {FIRST}: its source {source_id} is missing"


def test_a_sources_table_not_as_bitext_writes_it(tables: Tables) -> None:
    tables["sources"] = {"src-x": ["a", "list"]}
    assert integrity.problems(tables) == ["the sources table is not as bitext writes it"]


def test_entries_without_a_schema_record_are_found(tables: Tables) -> None:
    tables["meta"] = {}
    assert integrity.problems(tables) == ["no schema record"]


def test_an_entries_table_not_as_bitext_writes_it() -> None:
    tables = {"meta": {"schema": {"schema": SCHEMA_VERSION}}, "entries": []}
    assert integrity.problems(tables) == ["its entries table is a list, not an object"]


@pytest.mark.parametrize(("record", "problem"), [
    ({"schema": "2"}, "its schema record is not as bitext writes it ({'schema': '2'})"),
    ({"schema": 0}, "its schema record is not as bitext writes it ({'schema': 0})"),
    ([], "its schema record is not as bitext writes it ([])"),
])
def test_a_schema_record_not_as_bitext_writes_it(record: Any, problem: str) -> None:
    assert integrity.problems({"meta": {"schema": record}, "entries": {}}) == [problem]
