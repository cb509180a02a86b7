"""store is a library: it never imports textual, its wings stand apart, and the front end
reaches it only through store.api, store.model and store.errors (import-linter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def test_importing_all_of_store_loads_no_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, store\n"
        "for m in pkgutil.walk_packages(store.__path__, 'store.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui'))\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_import_contracts_hold() -> None:
    code = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(_linter()['contracts'])} kept, 0 broken" in done.stdout


def test_the_front_end_is_kept_from_every_store_module_but_the_three() -> None:
    """A module added to store is closed to tui until it is named here, not forgotten."""
    front = next(c for c in _linter()["contracts"] if c.get("source_modules") == ["tui"])
    found = {f"store.{p.stem}" for p in (ROOT / "store").iterdir()
             if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    assert found - set(front["forbidden_modules"]) == {"store.api", "store.model", "store.errors"}


def test_ruff_is_clean() -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "."], capture_output=True,
                          text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stdout


def test_every_package_in_the_tree_is_packaged() -> None:
    """A folder of modules missing from pyproject's list would be missing from the wheel."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for top in ("store", "tui")
             for p in (ROOT / top).rglob("__init__.py")}
    assert found <= listed, found - listed


def _linter() -> dict[str, Any]:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
