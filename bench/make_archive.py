"""Generate a large archive for benchmarks: N entries cut from the sample's real beads.

The generator lives with the tests that use it (tests/generated_archive.py says
how the entries are made); this is its command line.

    python bench/make_archive.py 100000 /tmp/bitext-100k.json
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from generated_archive import BENCH_SOURCE, generate, write  # the tests' generator

__all__ = ["BENCH_SOURCE", "generate", "write"]  # bench/search.py imports generate from here


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    start = time.perf_counter()
    args.path.unlink(missing_ok=True)
    write(args.path, generate(args.count))
    size = args.path.stat().st_size / 1e6
    print(f"{args.count:,} entries, {size:,.0f} MB, {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
