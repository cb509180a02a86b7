"""The reader app on a large archive, driven by Pilot: first paint, load, keypresses.

Measured, each a median over --runs fresh app starts:

* first paint: from creating the app to its first screen on display (the
  list shows its loading indicator; the archive loads in a worker);
* browsable: from creating the app to the list filled with every entry;
* j: each of 100 presses of ``j`` in the list (press to screen updated);
* G: one press of ``G`` (to the oldest of 100,000 entries).

Beside them, the alternatives a user would otherwise wait for on the same
file: ``orjson.loads`` of the whole file, and TinyDB's default JSONStorage
reading it (the stdlib json parse every TinyDB() open does).

    python bench/make_archive.py 100000 /tmp/bitext-100k.json
    python bench/app_bench.py /tmp/bitext-100k.json [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import time
from pathlib import Path

import orjson
from tinydb.storages import JSONStorage

from tui.app import make_app


async def one_run(path: Path) -> dict[str, float | list[float]]:
    start = time.perf_counter()
    app = make_app(path, theme="textual-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        painted = time.perf_counter() - start
        while app.entries.entry_count == 0:
            await asyncio.sleep(0.005)
        browsable = time.perf_counter() - start
        await pilot.pause(0.3)
        presses = []
        for _ in range(100):
            t = time.perf_counter()
            await pilot.press("j")
            presses.append(time.perf_counter() - t)
        t = time.perf_counter()
        await pilot.press("G")
        end = time.perf_counter() - t
        assert app.entries.current is not None
    return {"paint": painted, "browsable": browsable, "j": presses, "G": end}


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
    size = args.archive.stat().st_size / 1e6
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{args.archive.name}: {size:,.0f} MB; medians of {args.runs} runs")

    orjson_s = timed(lambda: orjson.loads(args.archive.read_bytes()), args.runs)

    def tinydb_default() -> None:  # what TinyDB() does to open it: json.load the file
        JSONStorage(str(args.archive), access_mode="r").read()

    tinydb_s = timed(tinydb_default, max(1, args.runs - 1))
    results = [asyncio.run(one_run(args.archive)) for _ in range(args.runs)]
    paint = statistics.median(r["paint"] for r in results)  # type: ignore[misc]
    browsable = statistics.median(r["browsable"] for r in results)  # type: ignore[misc]
    presses = [p for r in results for p in r["j"]]  # type: ignore[union-attr]
    end = statistics.median(r["G"] for r in results)  # type: ignore[misc]
    print(f"orjson.loads of the file              {orjson_s:7.2f} s")
    print(f"TinyDB default JSONStorage read      {tinydb_s:7.2f} s")
    print(f"app: first paint                      {paint:7.3f} s")
    print(f"app: browsable (list filled)          {browsable:7.2f} s  "
          f"({browsable / orjson_s:.2f}x the orjson parse)")
    print(f"app: j in the list, median of {len(presses)}      "
          f"{statistics.median(presses) * 1000:7.1f} ms  "
          f"(p90 {statistics.quantiles(presses, n=10)[-1] * 1000:.1f} ms)")
    print(f"app: G to the last entry              {end * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
