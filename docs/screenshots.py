"""Make the README's pictures with the app's own screenshot: the reader, and a search.

Run from the repository after changing a screen:

    python docs/screenshots.py            # writes docs/reader.svg and docs/search.svg

The app runs headless on a fresh archive of the bundled sample (under its
bare name, so no path of this machine shows), at 120x36, in the default
theme, and each picture is what ``App.save_screenshot`` writes.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from store.api import SAMPLE_NAME, Archive, sample_bulletin
from tui.app import BitextApp, make_app

SIZE = (120, 36)
BELARUS = "20181108-73f05ce4"  # the entry the search picture shows
HERE = Path(__file__).resolve().parent


async def _settle(app: BitextApp) -> None:
    await app.workers.wait_for_complete()
    await asyncio.sleep(0.4)


async def reader(app: BitextApp, out: Path) -> None:
    """An entry with damaged text marked, its header, Chinese beside English."""
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app)
        await pilot.press("j", "j", "j", "enter")
        await _settle(app)
        app.save_screenshot(str(out.name), str(out.parent))


async def search(app: BitextApp, out: Path) -> None:
    """A simplified query finding traditional text, with its English: matches marked in
    the list (highlight mode), hits in both columns, the translation of a hit tinted."""
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app)
        await pilot.press("slash")
        app.search_bar.input.cursor_blink = False
        app.search_bar.input.value = "白俄罗斯 OR Minsk"
        for _ in range(100):
            await asyncio.sleep(0.05)
            if app.search.shown == app.search.query == app.search_bar.input.value:
                break
        await pilot.press("ctrl+t", "escape")
        app.entries.move_to(BELARUS)
        await _settle(app)
        app.save_screenshot(str(out.name), str(out.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the SVG files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.json"
        Archive(path).import_bytes([(sample_bulletin(), SAMPLE_NAME)])
        for name, shoot in (("reader.svg", reader), ("search.svg", search)):
            asyncio.run(shoot(make_app(path, theme="textual-dark"), args.out / name))
            print(args.out / name)


if __name__ == "__main__":
    main()
