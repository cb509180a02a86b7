"""What the app remembers between runs: theme, layout, the list's width, and where the
user was (entry, bead, search) in which archive.

One small JSON file under platformdirs' state folder, written atomically when the
app closes. A file that cannot be read, or holds values of another shape, is
ignored value by value: remembering is a convenience, never a reason not to start.
``bitext --fresh`` neither reads nor writes it.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_state_path

from store.api import atomic_write
from store.errors import BitextError


def default_settings_path() -> Path:
    return user_state_path("bitext-archive", appauthor=False) / "settings.json"


@dataclass(frozen=True)
class Settings:
    """The app as the user left it; None: as the app starts by default."""

    theme: str | None = None
    layout: str | None = None
    list_width: int | None = None
    list_shown: bool = True
    search_mode: str = "filter"
    archive: str | None = None  # where the entry, bead and search below belong
    entry: str | None = None
    bead: int = 0
    search: str = ""


def load_settings(path: Path) -> Settings:
    """The settings in ``path``; the defaults for anything missing, unreadable or odd."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    defaults = Settings()
    kept = {}
    for f in dataclasses.fields(Settings):
        value, default = data.get(f.name), getattr(defaults, f.name)
        if _same_shape(value, default, f.type):
            kept[f.name] = value
    return Settings(**kept)


def _same_shape(value: object, default: object, declared: object) -> bool:
    """Whether ``value`` fits the field: the default's type, or str/int when it may be None."""
    if value is None:
        return "None" in str(declared)
    if isinstance(value, bool) or isinstance(default, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    wanted = type(default) if default is not None else (int if "int" in str(declared) else str)
    return isinstance(value, wanted)


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings atomically; a folder that cannot be made or written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(dataclasses.asdict(settings), ensure_ascii=False,
                                      indent=2).encode(), what="the settings",
                     keep_backup=False)
    except (OSError, BitextError):
        pass  # a read-only home: the next run starts with the defaults
