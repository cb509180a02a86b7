"""Export and import at scale, beside translate-toolkit doing the same TMX work.

    python bench/make_archive.py 100000 /tmp/bitext-100k.json
    python bench/exchange.py /tmp/bitext-100k.json

For each format: our streaming export of the whole archive (time, size). For
TMX also translate-toolkit, the library CAT-tool converters use, building the
same units in memory and serialising them; and both reading the file back:
translate-toolkit's parser, and our import into an empty archive (which also
runs the checks on every entry and builds the search index).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from translate.storage import tmx as tt_tmx

from store.api import FORMATS, Archive


def timed(label: str, run: object) -> object:
    start = time.perf_counter()
    result = run()  # type: ignore[operator]
    print(f"| {label} | {time.perf_counter() - start:,.1f} s |")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--import-entries", type=int, default=10_000,
                        help="entries of the TMX to import (the import checks each one)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bitext-exchange-"))
    archive = timed("open the archive", lambda: Archive(args.archive))
    count = archive.count()  # type: ignore[attr-defined]
    print(f"\n{count:,} entries\n\n| step | time |\n|---|---|")
    for fmt, suffix in FORMATS.items():
        out = work / f"all{suffix}"
        timed(f"export {fmt} (ours)", lambda out=out, fmt=fmt: archive.export_to(out, fmt))  # type: ignore[attr-defined]
        print(f"| … {fmt} size | {out.stat().st_size / 1e6:,.0f} MB |")
    pairs = [(" ".join(e.zh[i].text for i in z), " ".join(e.en[j].text for j in x))
             for e in archive.entries() for z, x in e.beads]  # type: ignore[attr-defined]

    def toolkit_write() -> None:
        store = tt_tmx.tmxfile(sourcelanguage="zh-Hant", targetlanguage="en")
        for zh, en in pairs:
            store.addtranslation(zh, "zh-Hant", en, "en")
        (work / "toolkit.tmx").write_bytes(bytes(store))

    timed(f"translate-toolkit: build and write the same {len(pairs):,} units", toolkit_write)
    units = timed("translate-toolkit: parse our TMX",
                  lambda: list(tt_tmx.tmxfile.parsefile(str(work / "all.tmx")).units))
    print(f"| … units read | {len(units):,} |")  # type: ignore[arg-type]
    subset = work / "subset.tmx"
    archive.export_to(subset, "tmx", query=None)  # type: ignore[attr-defined]
    _first_entries(work / "all.tmx", subset, args.import_entries)
    target = Archive(work / "imported.json")
    timed(f"import {args.import_entries:,} entries of TMX (ours: parse, check, store, index)",
          lambda: target.import_files([subset]))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:,.0f} MB")


def _first_entries(tmx: Path, out: Path, entries: int) -> None:
    """The file cut after its first ``entries`` entries' units (a smaller import)."""
    lines = tmx.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, seen = [], set()
    for line in lines:
        if "<prop type=\"x-entry\">" in line:
            seen.add(line)
            if len(seen) > entries:
                kept[-1:] = []  # the <tu> line of this unit
                break
        kept.append(line)
    out.write_text("".join(kept) + "</body>\n</tmx>\n", encoding="utf-8")


if __name__ == "__main__":
    main()
