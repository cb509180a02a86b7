"""Import speed: the sample bulletin, a large generated bulletin, and alignment alone.

* sample: ``bitext import`` of the sample into a new archive, whole process
  (what a user waits for), and the parse alone in-process;
* large: the sample's 24 pairs repeated 84 times with the year changed
  (2,016 paragraphs a side, 672 events) through the same API;
* align: the 2,016 x 2,016 paragraphs as one undated document (the banded
  dynamic program at full size), against NLTK's Gale-Church on the same lists.

Medians of --runs repetitions; the dictionary index is warm (as after the
first run on a machine).

    pip install '.[bench]'; python bench/import_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from store.api import Archive
from store.ingest import parse_bulletin
from store.ingest.align import align
from store.ingest.layout import arrange
from store.ingest.repair import repair_paragraph
from store.lang.lexicon import lexicon

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "chongqing-2018-11.txt"
COPIES = 84


def large_bulletin() -> str:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    zh, credit, en = lines[:24], lines[24], lines[25:]
    years = [str(1935 + c) for c in range(COPIES)]
    out_zh = [ln.replace("2018", y) for y in years for ln in zh]
    out_en = [ln.replace("2018", y) for y in years for ln in en]
    return "\n".join([*out_zh, credit, *out_en])


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli_import(path: Path, folder: Path) -> None:
    db = folder / f"cli-{time.perf_counter_ns()}.json"
    subprocess.run([sys.executable, "-m", "tui.cli", "import", str(path), "--db", str(db), "-q"],
                   check=True, cwd=folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    lexicon()  # warm the dictionary cache, as any second run on a machine finds it
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; medians of {args.runs} runs")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sample = SAMPLE.read_bytes()
        big = large_bulletin()
        big_path = folder / "large.txt"
        big_path.write_text(big, encoding="utf-8")

        t = median_seconds(lambda: cli_import(SAMPLE, folder), args.runs)
        print(f"sample, `bitext import` whole process   {t:8.3f} s")
        t = median_seconds(lambda: parse_bulletin(sample, "s", imported="t"), args.runs)
        print(f"sample, parse only (in process)         {t:8.3f} s")

        def import_large() -> None:
            Archive(folder / f"big-{time.perf_counter_ns()}.json").import_files([big_path])

        t = median_seconds(import_large, max(1, args.runs // 2))
        print(f"large (2,016 pairs, 672 events), API    {t:8.3f} s")

        layout = arrange(big)
        zh = [repair_paragraph(p.raw, "zh", p.line).text for p in layout.zh]
        en = [repair_paragraph(p.raw, "en", p.line).text for p in layout.en]
        t = median_seconds(lambda: align(zh, en), max(1, args.runs // 2))
        beads = align(zh, en)
        right = sum(1 for b in beads if b == ((b[0][0],), (b[0][0],)) if b[0])
        print(f"align 2,016 x 2,016 as one document      {t:8.3f} s  ({right}/{len(zh)} right)")
        try:
            from nltk.translate.gale_church import align_blocks
        except ImportError:
            print("nltk not installed: pip install '.[bench]' for the Gale-Church comparison")
            return
        ratio = sum(map(len, en)) / sum(map(len, zh))
        zl, el = [len(x) for x in zh], [round(len(x) / ratio) for x in en]
        t = median_seconds(lambda: align_blocks(zl, el), max(1, args.runs // 2))
        links = align_blocks(zl, el)
        right = sum(1 for a, b in links if a == b) - sum(
            1 for a, _ in links if sum(1 for x, _ in links if x == a) > 1)
        print(f"NLTK Gale-Church, same lists             {t:8.3f} s  (~{right}/{len(zh)} right)")


if __name__ == "__main__":
    main()
