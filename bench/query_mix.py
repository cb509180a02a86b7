"""The 40-query mix of bench/tantivy_compare.py, ours alone, on an archive as it is.

    python bench/scale_data.py 1000000 /tmp/scale-1m
    python bench/query_mix.py /tmp/scale-1m [--reps 9] [--rounds 3] [--query Q ...]

tantivy_compare.py copies the archive and builds both engines' indexes, which at
a million entries takes most of an hour; this opens the archive in place, with
its saved index (``prepare_search``: loaded and checked, built only if missing),
and times what a user waits for on each query: the count of matching entries
and the first page of 20 (``Archive.search``, ``.entries``, ``.ranked(20)``),
once untimed, then ``--reps`` times. A round runs the forty queries in turn;
each query's figure is its median over every round's repetitions, and the
summary is the median of the forty, as the issue's target reads. Rounds in
turn, not one query's repetitions in a row, so a drift of the shared machine
touches every query alike.

``--query`` times the queries given instead of the forty, in the same way.

To set two trees side by side, run each on the same archive in turns
(``PYTHONPATH=/path/to/other/tree python bench/query_mix.py ...``).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from tantivy_compare import QUERIES, ours_page

from store.api import Archive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="with archive.json (and its saved index)")
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--query", action="append", default=[],
                        help="time this query instead of the mix (repeatable)")
    args = parser.parse_args()
    mix = [("given", q) for q in args.query] or [(q.label, q.query) for q in QUERIES]
    archive = Archive(args.folder / "archive.json")
    start = time.perf_counter()
    archive.prepare_search()
    ready = time.perf_counter() - start
    times: dict[str, list[float]] = {query: [] for _, query in mix}
    counts = {}
    for _ in range(args.rounds):
        for _, query in mix:
            counts[query] = ours_page(archive, query)[0]
            for _ in range(args.reps):
                start = time.perf_counter()
                ours_page(archive, query)
                times[query].append(time.perf_counter() - start)
    medians = {query: statistics.median(found) * 1000 for query, found in times.items()}
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{archive.count():,} entries; index ready in {ready:.1f} s; "
          f"{args.rounds} rounds x {args.reps} reps")
    for label, query in mix:
        print(f"{label:24} {query:28} {counts[query]:>10,} {medians[query]:8.2f} ms")
    ranked = sorted(medians.values())
    print(f"median of the {len(ranked)} medians {statistics.median(ranked):.2f} ms; "
          f"fastest {ranked[0]:.2f} ms, slowest {ranked[-1]:.2f} ms")


if __name__ == "__main__":
    sys.exit(main())
