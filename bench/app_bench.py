"""The reader app on a large archive, driven by Pilot: first paint, load, keypresses.

Measured, each a median over --runs fresh app starts:

* first paint: from creating the app to its first screen on display (the
  list shows its loading indicator; the archive loads in a worker);
* browsable: from creating the app to the list showing entries (the newest
  first, while the rest load in the worker);
* loaded: ... to the list holding every entry;
* marked: ... to the list's marks shown, every entry's findings read (then the
  keys below are measured, and the peak memory is the whole session's);
* longest stall: the longest the event loop went without running while the
  archive loaded (a task that sleeps 10 ms at a time measures its gaps): how
  long a keypress could wait during the load;
* j: each of 100 presses of ``j`` in the list, as CPU time of this process
  (the app's own work for the key and the redraw) and as Pilot's wall time
  (which adds Pilot's own waiting: an app that does nothing on a key is
  timed beside it for reference). The reader is held back meanwhile, as it
  is while a key is held down, so this is the list alone;
* G: one press of ``G`` (to the oldest of 100,000 entries), CPU time;
* open: the reader showing the entry under the cursor once it rests, CPU time,
  median over 20 entries.

Beside them, the alternatives a user would otherwise wait for on the same
entries: ``orjson.loads`` of every file of the archive (the manifest and its
parts), and TinyDB's default JSONStorage reading them (the stdlib json parse
every TinyDB() open does).

    python bench/scale_data.py 100000 /tmp/scale-100k
    python bench/app_bench.py /tmp/scale-100k/archive.json [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import resource
import statistics
import time
from pathlib import Path
from typing import ClassVar

import orjson
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static
from tinydb.storages import JSONStorage

from store.api import Archive
from tui.app import make_app


async def one_run(path: Path, total: int) -> dict[str, float | list[float]]:
    start = time.perf_counter()
    app = make_app(path, theme="textual-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        painted = time.perf_counter() - start
        stall = 0.0
        while app.entries.entry_count == 0:
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            stall = max(stall, time.perf_counter() - before - 0.01)
        browsable = time.perf_counter() - start
        while len(app.all_rows.summaries) < total:
            await asyncio.sleep(0.01)
        loaded = time.perf_counter() - start
        while not app.checked.loaded:  # the list's marks: every entry's findings read
            await asyncio.sleep(0.05)
        marked = time.perf_counter() - start
        await pilot.pause(0.3)
        app.follow_delay = 3600.0  # hold the reader back, as a held-down key does
        cpu, wall = await press_times(pilot, "j", 100)
        t = time.process_time()
        await pilot.press("G")
        end = time.process_time() - t
        opens = []
        for summary in app.entries.summaries[:20]:
            t = time.process_time()
            await app.open_entry(summary.id)
            await pilot.pause()
            opens.append(time.process_time() - t)
    return {"paint": painted, "browsable": browsable, "loaded": loaded, "marked": marked,
            "stall": stall,
            "j": cpu, "j wall": wall,
            "G": end, "open": opens}


async def press_times(pilot: Pilot[None], key: str, count: int
                      ) -> tuple[list[float], list[float]]:
    cpu, wall = [], []
    for _ in range(count):
        c, w = time.process_time(), time.perf_counter()
        await pilot.press(key)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return cpu, wall


class _Idle(App[None]):
    """An app that does nothing on ``j``: what Pilot's own waiting costs."""

    BINDINGS: ClassVar = [("j", "nothing", "")]

    def compose(self) -> ComposeResult:
        yield Static("idle")

    def action_nothing(self) -> None:
        pass


async def pilot_floor() -> tuple[list[float], list[float]]:
    async with _Idle().run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        return await press_times(pilot, "j", 100)


def timed(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    total = Archive(args.archive).count()
    results = [asyncio.run(one_run(args.archive, total)) for _ in range(args.runs)]
    app_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the others
    # listed after the app ran: opening an archive collects parts that no manifest names
    files = [args.archive, *sorted(args.archive.with_name(args.archive.name + ".parts").glob(
        "*[0-9a-f].json"))]
    size = sum(f.stat().st_size for f in files) / 1e6
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{args.archive.name}: {size:,.0f} MB; medians of {args.runs} runs")
    orjson_s = timed(lambda: [orjson.loads(f.read_bytes()) for f in files], args.runs)

    def tinydb_default() -> None:  # what TinyDB() does to open each: json.load the file
        for f in files:
            JSONStorage(str(f), access_mode="r").read()

    tinydb_s = timed(tinydb_default, max(1, args.runs - 1))
    paint = statistics.median(r["paint"] for r in results)  # type: ignore[misc]
    browsable = statistics.median(r["browsable"] for r in results)  # type: ignore[misc]
    stall = statistics.median(r["stall"] for r in results)  # type: ignore[misc]
    loaded = statistics.median(r["loaded"] for r in results)  # type: ignore[misc]
    marked = statistics.median(r["marked"] for r in results)  # type: ignore[misc]
    presses = [p for r in results for p in r["j"]]  # type: ignore[union-attr]
    walls = [p for r in results for p in r["j wall"]]  # type: ignore[union-attr]
    end = statistics.median(r["G"] for r in results)  # type: ignore[misc]
    opens = [p for r in results for p in r["open"]]  # type: ignore[union-attr]
    floor_cpu, floor_wall = asyncio.run(pilot_floor())
    print(f"orjson.loads of every file            {orjson_s:7.2f} s")
    print(f"TinyDB default JSONStorage read      {tinydb_s:7.2f} s")
    print(f"app: peak memory (this process)       {app_peak:7.0f} MB")
    print(f"app: first paint                      {paint:7.3f} s")
    print(f"app: browsable (newest entries shown) {browsable:7.2f} s")
    print(f"app: loaded (every entry listed)      {loaded:7.2f} s  "
          f"({loaded / orjson_s:.2f}x the orjson parse)")
    print(f"app: marked (every entry's findings)  {marked:7.2f} s")
    print(f"app: longest event-loop stall, loading{stall * 1000:7.0f} ms")
    print(f"app: j in the list, CPU, median       {statistics.median(presses) * 1000:7.1f} ms  "
          f"(p90 {statistics.quantiles(presses, n=10)[-1] * 1000:.1f} ms; an idle app: "
          f"{statistics.median(floor_cpu) * 1000:.1f} ms)")
    print(f"app: j in the list, Pilot wall, median{statistics.median(walls) * 1000:7.1f} ms  "
          f"(an idle app: {statistics.median(floor_wall) * 1000:.1f} ms)")
    print(f"app: G to the last entry, CPU         {end * 1000:7.1f} ms")
    print(f"app: reader opens an entry, CPU       {statistics.median(opens) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
