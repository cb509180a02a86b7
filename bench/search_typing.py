"""Typing a search in the app on a large archive: does any keypress wait?

Opens the app on an archive (its index already saved beside it, as after any
``bitext import``), waits until it is browsable and the index is loaded, then
types queries one character at a time, as a fast typist does (a key every
``--gap`` seconds), while a task that sleeps 5 ms at a time records how long
the event loop went without running. Reported, median over the queries:

* longest stall while typing and searching (what a keypress could wait);
* results shown: from the app seeing the last key to the list showing the
  matches (``search_delay``, the 80 ms pause that waits for the next key,
  included);
* the process's peak memory (the whole app, archive and index included).

    python bench/make_archive.py 100000 /tmp/bitext-100k.json
    bitext search x --db /tmp/bitext-100k.json   # builds and saves the index once
    python bench/search_typing.py /tmp/bitext-100k.json
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import time
from pathlib import Path

from textual.pilot import Pilot

from tui.app import BitextApp, make_app

QUERIES = ["重庆市 合作", "Belarus", '"Foreign Affairs Office"', "li qian", "會 -visit",
           "date:2018-11 Chongqing"]


async def type_query(pilot: Pilot[None], query: str, gap: float) -> tuple[float, float]:
    """Longest event-loop stall while typing ``query`` and until its results show, and how
    long after the last key they showed (the debounce, ``search_delay``, included)."""
    app: BitextApp = pilot.app  # type: ignore[assignment]
    longest = 0.0
    running = True

    seen = 0.0  # when the app had the whole query (Pilot's press waits for the screen
    # after each key, so the time around it would count Pilot's own waiting)

    async def watch() -> None:
        nonlocal longest, seen
        while running:
            before = time.perf_counter()
            await asyncio.sleep(0.005)
            longest = max(longest, time.perf_counter() - before - 0.005)
            if not seen and app.search.query == query:
                seen = time.perf_counter()

    watcher = asyncio.create_task(watch())
    app.search_bar.input.value = ""
    await pilot.pause(0.3)
    for ch in query:
        await pilot.press(ch if ch != " " else "space")
        await asyncio.sleep(gap)
    while app.search.shown != query:
        await asyncio.sleep(0.002)
    shown = time.perf_counter() - seen
    running = False
    await watcher
    return longest, shown


async def run(path: Path, gap: float) -> None:
    app = make_app(path, theme="textual-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.search.ready:
            await asyncio.sleep(0.05)
        await pilot.press("slash")
        stalls, shown = [], []
        for query in QUERIES:
            stall, latency = await type_query(pilot, query, gap)
            stalls.append(stall)
            shown.append(latency)
            found = app.search.results.entries  # type: ignore[union-attr]
            print(f"{query!r:28} {found:>7,} entries  stall {stall * 1000:6.1f} ms  "
                  f"results {latency * 1000:6.1f} ms after the last key")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"median longest stall {statistics.median(stalls) * 1000:.1f} ms, "
          f"max {max(stalls) * 1000:.1f} ms; median results shown "
          f"{statistics.median(shown) * 1000:.0f} ms after the last key; peak memory {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--gap", type=float, default=0.08, help="seconds between keys")
    args = parser.parse_args()
    asyncio.run(run(args.archive, args.gap))


if __name__ == "__main__":
    main()
