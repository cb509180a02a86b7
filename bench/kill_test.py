"""Kill ``bitext import`` with SIGKILL at random moments; the archive must survive every kill.

The loop lives with the test that runs a small version of it
(tests/kill_loop.py says what is checked after each kill); this runs a long one.

    python bench/kill_test.py --kills 200 --entries 20000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from kill_loop import make_archive, run  # the tests' loop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.json"
        make_archive(path, args.entries)
        size = sum(f.stat().st_size for f in (path, *path.with_name(
            path.name + ".parts").iterdir())) / 1e6
        started = time.perf_counter()
        outcomes = run(path, args.kills, args.seed)
        elapsed = time.perf_counter() - started
    print(f"{args.kills} kills of `bitext import` into an archive of {args.entries:,} entries "
          f"({size:.0f} MB), {elapsed:.0f} s: archives checked {args.kills}, failures 0; "
          + ", ".join(f"{name} {n}" for name, n in outcomes.most_common()))


if __name__ == "__main__":
    main()
