"""Upgrading an older archive's tables (store/archive/migrate.py), step by step.

The end-to-end story (an old file read as is, kept as ``.schema-1.bak`` at the
first write) is in test_reliability.py; here each public function is checked on
tables built by hand.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson

from store.api import Archive
from store.archive import migrate
from store.model import SCHEMA_VERSION


def schema_1(**digests: str) -> dict[str, dict[str, Any]]:
    """Tables as bitext with schema 1 wrote them: entries, and no revision record."""
    return {"meta": {"schema": {"schema": 1}},
            "entries": {key: {"id": key, "digest": d} for key, d in digests.items()}}


def test_a_schema_1_archive_is_brought_to_the_current_schema() -> None:
    tables = schema_1(a="d1", b="d2")
    assert migrate.upgrade(tables) == 1
    assert tables["meta"]["schema"] == {"schema": SCHEMA_VERSION}
    revision = tables["meta"]["revision"]["revision"]
    assert revision.startswith("schema-1-") and len(revision) == len("schema-1-") + 16
    assert tables["entries"] == schema_1(a="d1", b="d2")["entries"], "entries untouched"


def test_the_revision_depends_on_the_content_only() -> None:
    """Read again and again (upgraded in memory each time), one file keeps one revision."""
    def revision(tables: dict[str, dict[str, Any]]) -> str:
        migrate.upgrade(tables)
        return str(tables["meta"]["revision"]["revision"])

    first = revision(schema_1(a="d1", b="d2"))
    assert revision(schema_1(b="d2", a="d1")) == first, "not the order of the table"
    assert revision(schema_1(a="d1", b="d3")) != first, "a changed digest"
    assert revision(schema_1(a="d1")) != first, "an entry fewer"


def test_a_revision_already_there_is_kept() -> None:
    tables = schema_1(a="d1")
    tables["meta"]["revision"] = {"revision": "mine"}
    assert migrate.upgrade(tables) == 1
    assert tables["meta"]["revision"] == {"revision": "mine"}


def test_an_empty_schema_1_archive_is_upgraded_too() -> None:
    tables: dict[str, dict[str, Any]] = {"meta": {"schema": {"schema": 1}}}
    assert migrate.upgrade(tables) == 1
    assert tables["meta"]["revision"]["revision"].startswith("schema-1-")


def test_a_current_archive_is_left_as_it_is() -> None:
    tables = schema_1(a="d1")
    tables["meta"]["schema"]["schema"] = SCHEMA_VERSION
    before = copy.deepcopy(tables)
    assert migrate.upgrade(tables) is None
    assert tables == before


def test_every_older_schema_has_a_step() -> None:
    assert sorted(migrate.STEPS) == list(range(1, SCHEMA_VERSION))


def test_the_backup_is_named_for_the_schema_beside_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "archive.json"
    assert migrate.schema_backup(path, 1) == tmp_path / "archive.json.schema-1.bak"


def test_a_write_that_changes_nothing_keeps_no_backup(sample_archive: Archive,
                                                      sample_bytes: bytes) -> None:
    path = sample_archive.path
    data = orjson.loads(path.read_bytes())
    data["meta"].pop("revision")
    data["meta"]["schema"]["schema"] = 1
    path.write_bytes(orjson.dumps(data))
    (report,) = Archive(path).import_bytes([(sample_bytes, "again.txt")])
    assert report.error is None and report.added == []
    assert not migrate.schema_backup(path, 1).exists()
    assert orjson.loads(path.read_bytes())["meta"]["schema"]["schema"] == 1
