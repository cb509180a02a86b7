"""Start-up time of ``bitext --help`` and ``--version`` against Python's own start.

Whole processes, as a user waits for them: the installed ``bitext`` console
script, and beside it ``python -c pass`` (the floor), ``python -c "import rich"``
and ``python -c "import rich.console"`` (what printing through Rich would add).
The commands run in turn, round after round, so a drift of the shared machine
touches all alike; the figure is the median wall time of --runs rounds, and the
ratio to the floor is the median of the per-round ratios.

    python bench/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

#: The console script itself, as a virtual environment's ``bin`` holds it. On this machine
#: ``bitext`` on PATH is pyenv's shim, a bash script that adds 50 ms to every command
#: (farm-bench, 9 pairs of ``bitext --help``): no user of a venv or pipx pays that.
BITEXT = str(Path(sysconfig.get_path("scripts")) / "bitext")
FLOOR = "python -c pass"
COMMANDS = {
    "bitext --help": [BITEXT, "--help"],
    "bitext --version": [BITEXT, "--version"],
    "bitext export --help": [BITEXT, "export", "--help"],
    FLOOR: [sys.executable, "-c", "pass"],
    'python -c "import rich"': [sys.executable, "-c", "import rich"],
    'python -c "import rich.console"': [sys.executable, "-c", "import rich.console"],
}


def wall_seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=21, help="rounds counted (default 21)")
    runs = ap.parse_args().runs
    for argv in COMMANDS.values():  # warm-up: the page cache and .pyc files
        wall_seconds(argv)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, argv in COMMANDS.items():
            times[name].append(wall_seconds(argv))
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{runs} rounds; median wall time, and ratio to `{FLOOR}`")
    for name, seconds in times.items():
        ratio = statistics.median(t / f for t, f in zip(seconds, times[FLOOR], strict=True))
        print(f"{name:34} {statistics.median(seconds) * 1000:6.0f} ms  x{ratio:.2f}")


if __name__ == "__main__":
    main()
