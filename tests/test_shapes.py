"""Archives whose JSON has the wrong shape: every command ends in a line, never a traceback.

A real small archive (the sample, imported) is changed one place at a time: each
table, each record of a kind, each of their fields (and those of an entry's title,
source, body and findings) becomes a list, a string, a number, null or an empty
object. Every command that reads the archive must then end with exit status 0, 1
or 2, and leave the file byte-identical (a damaged archive is never written over) unless
``check-archive`` finds it sound: then ``check`` may store findings that were lost.
Before the fixes in store/archive, 66 of the 185 cases ended in a traceback.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from archive_files import archive_bytes, read_tables
from fixture_paths import SAMPLE

from store.api import Archive
from tui.cli import main

WRONG: list[Any] = [[], "x", 7, None, {}]


def _base() -> dict[str, Any]:
    """The sample's archive as JSON, cut to its shortest entry (``show`` of the longest took
    0.3 s) and the source listing it; imported once, every case writes its own copy."""
    if not _BASE:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "archive.json"
            Archive(path).import_bytes([(SAMPLE.read_bytes(), SAMPLE.name)])
            tables = read_tables(path)
        key = min(tables["entries"], key=lambda k: len(tables["entries"][k]["body"]))
        tables["entries"] = {key: tables["entries"][key]}
        for source in tables["sources"].values():
            source["entries"] = [key]
        _BASE.append(tables)
    return _BASE[0]


_BASE: list[dict[str, Any]] = []


def _places(tables: dict[str, Any]) -> Iterator[tuple[str, ...]]:
    """Every table, the first record of each kind, and each of their fields."""
    entry = next(iter(tables["entries"]))
    for table, records in tables.items():
        yield (table,)
        for key in [entry] if table == "entries" else list(records):
            yield table, key
            for field, value in records[key].items():
                yield table, key, field
                if isinstance(value, dict):
                    yield from ((table, key, field, sub) for sub in value)
    yield "entries", entry, "checks", "1"  # the findings list inside [version, findings]
    for part in ("zh", "en", "beads"):
        yield "entries", entry, "body", part


def _mutations() -> Iterator[Any]:
    tables = _base()
    for place in _places(tables):
        for value in WRONG:
            yield pytest.param(place, value, id=f"{'.'.join(place)}={json.dumps(value)}")


def _mutated(place: tuple[str, ...], value: Any) -> dict[str, Any]:
    tables = copy.deepcopy(_base())
    *outer, last = place
    holder: Any = tables
    for step in outer:
        holder = holder[int(step)] if isinstance(holder, list) else holder[step]
        if isinstance(holder, str):  # the body: a JSON string inside the document
            body = json.loads(holder)
            body[last] = value
            parent: Any = tables
            for key in outer[:-1]:
                parent = parent[key]
            parent[outer[-1]] = json.dumps(body)
            return tables
    if isinstance(holder, list):
        holder[int(last)] = value
    else:
        holder[last] = value
    return tables


#: ``check-archive`` first: only an archive it finds sound may be written (``check`` stores
#: the findings of an entry whose stored ones were lost). ``show`` draws the entry only when
#: the entry was changed: drawing took 0.13 s (line breaking), three quarters of the test.
COMMANDS = [["check-archive"], ["list"], ["show", "ID"], ["search", "x"], ["check"],
            ["export", "-f", "jsonl"]]


@pytest.mark.parametrize(("place", "value"), list(_mutations()))
def test_a_wrong_shape_is_one_line(place: tuple[str, ...], value: Any, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    _every_command(_mutated(place, value), place, tmp_path / "archive.json", capsys)


@pytest.mark.parametrize("value", WRONG)
def test_an_old_archive_of_the_wrong_shape_is_one_line(value: Any, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    """Schema 1 is upgraded in memory as it is read, before any entry is."""
    place = ("entries", next(iter(_base()["entries"])))
    tables = _mutated(place, value)
    tables["meta"] = {"schema": {"schema": 1}}
    _every_command(tables, place, tmp_path / "archive.json", capsys)


def _every_command(tables: dict[str, Any], place: tuple[str, ...], db: Path,
                   capsys: pytest.CaptureFixture[str]) -> None:
    db.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    before = archive_bytes(db)
    entry = next(iter(_base()["entries"]))
    statuses = []
    for command in COMMANDS:
        argv = [entry if a == "ID" else a for a in command]
        if command[0] == "show" and place[:2] != ("entries", entry):
            argv.append("--json")
        statuses.append(main([*argv, "--db", str(db)]))
        err = capsys.readouterr().err
        assert statuses[-1] in (0, 1, 2), (command, err)
        if statuses[-1] == 2:
            assert err.startswith("bitext: ") and err.count("\n") == 1, err
        if statuses[0] != 0:
            assert archive_bytes(db) == before, command

@pytest.mark.parametrize(("tables", "problem"), [
    ({"meta": [], "entries": {}}, "its meta table is a list, not an object"),
    ({"meta": {"schema": {"schema": 2}}, "entries": []},
     "its entries table is a list, not an object"),
])
@pytest.mark.parametrize("command", [["list"], ["check-archive"]])
def test_a_table_of_the_wrong_shape_is_named(tables: dict[str, Any], problem: str,
                                             command: list[str], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "archive.json"
    db.write_text(json.dumps(tables), encoding="utf-8")
    before = archive_bytes(db)
    assert main([*command, "--db", str(db)]) == 2
    assert capsys.readouterr().err == (f"bitext: {db}: the archive is damaged ({problem}); "
                                       "it was not changed\n")
    assert archive_bytes(db) == before
