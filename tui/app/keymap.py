"""User key remapping: ``keymap.toml`` maps binding ids to keys (posting's scheme).

    [keymap]
    "list.down" = "j,down,ctrl+n"
    "app.layout" = "L"

The ids are listed by the help screen (``?``). A file that cannot be read is
reported and the defaults stay; an unknown id or a value that is not keys is
reported by name, and every other remap in the file still applies (one typo
must not undo a whole file of remaps).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

from platformdirs import user_config_path
from textual.binding import Binding, BindingType

from tui.text.labels import counted


def default_keymap_path() -> Path:
    return user_config_path("bitext-archive", appauthor=False) / "keymap.toml"


def binding_ids(*binding_lists: Iterable[BindingType]) -> set[str]:
    return {b.id for bindings in binding_lists for b in bindings
            if isinstance(b, Binding) and b.id}


def load_keymap(path: Path | None, known: set[str]) -> tuple[dict[str, str], str | None]:
    """The mapping to give ``App.set_keymap``, and a one-line problem if there was one."""
    path = path or default_keymap_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        return {}, f"{path}: {e}"
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        return {}, f'{path}: expected a [keymap] table of "binding.id" = "keys"'
    unknown = sorted(k for k in table if k not in known)
    not_keys = sorted(k for k, v in table.items() if k in known and not isinstance(v, str))
    problems = []
    if unknown:
        problems.append(f"unknown binding ids {', '.join(unknown)} (see the help screen)")
    if not_keys:
        problems.append(f'not "keys" for {", ".join(not_keys)}')
    mapping = {k: v for k, v in table.items() if k in known and isinstance(v, str)}
    if not problems:
        return mapping, None
    n = len(mapping)
    kept = f"{counted(n, 'other remap')} appl{'ies' if n == 1 else 'y'}" if n \
        else "no remap applies"
    return mapping, f"{path}: {'; '.join(problems)}; {kept}"
