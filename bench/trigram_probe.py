"""What postings of Han trigrams would cost and answer: a probe for issue 16's last target.

    python bench/scale_data.py 100000 /tmp/scale-100k
    python bench/trigram_probe.py /tmp/scale-100k

At a million entries the queries of three or more Chinese characters are what keeps
the 40-query median near 10 ms: their bigrams' postings give candidates, and every
candidate's positions are compared (docs/scaling.md, "Fifth steps"). Postings of
every run of three Han characters would answer a three-character query as one key,
as a bigram answers a two-character one. This reads the archive's Chinese text as
the index build does (``ArchiveFile.texts``, folded), counts each trigram per entry
with numpy, and reports the postings' size beside the index on disk, then, for the
mix's three-character queries, the entries and occurrences the trigram's postings
give (to compare with ``bitext search``'s counts) and the time of the lookup. Not
built into the index: it shows what building it would buy.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from store.archive import ArchiveFile
from store.lang.patterns import compiled
from store.search.fold import HAN_CLASS, fold
from store.search.segments import index_path, segment_folder

_RUNS = compiled(HAN_CLASS + "{3,}")
QUERIES = ("加拿大", "意大利", "菲律賓", "重慶市", "代表團", "總領事")


def code(chars: np.ndarray) -> np.ndarray:
    """Each trigram of a run of character codes as one number: 21 bits a character."""
    return chars[:-2] << np.uint64(42) | chars[1:-1] << np.uint64(21) | chars[2:]


def postings(folder: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every (trigram, entry) pair with its count, sorted: keys, their starts, docs, counts."""
    codes, owners = [], []
    for doc, (_, zh, _) in enumerate(ArchiveFile(folder / "archive.json").texts()):
        for run in _RUNS.finditer(fold("\n".join(zh))):
            chars = np.frombuffer(run.group().encode("utf-32-le"), np.uint32).astype(np.uint64)
            codes.append(code(chars))
            owners.append(np.full(len(chars) - 2, doc, dtype=np.uint32))
    keys, docs = np.concatenate(codes), np.concatenate(owners)
    order = np.lexsort((docs, keys))
    keys, docs = keys[order], docs[order]
    firsts = np.flatnonzero(np.r_[True, (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1])])
    counts = np.diff(np.r_[firsts, len(keys)])
    keys, docs = keys[firsts], docs[firsts]
    unique, starts = np.unique(keys, return_index=True)
    return unique, np.r_[starts, len(keys)], docs, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="written by bench/scale_data.py")
    args = parser.parse_args()
    start = time.perf_counter()
    keys, starts, docs, counts = postings(args.folder)
    archive = args.folder / "archive.json"
    on_disk = index_path(archive).stat().st_size + sum(
        f.stat().st_size for f in segment_folder(archive).glob("*"))
    print(f"{len(docs):,} (trigram, entry) pairs of {len(keys):,} trigrams in "
          f"{time.perf_counter() - start:.1f} s; as postings (4-byte entry, 2-byte count) "
          f"{len(docs) * 6 / 1e6:.0f} MB beside the index's {on_disk / 1e6:.0f} MB on disk")
    for query in QUERIES:
        chars = np.array([ord(c) for c in fold(query)], dtype=np.uint64)
        times, found = [], (docs[:0], counts[:0])
        for _ in range(50):
            t = time.perf_counter()
            at = int(np.searchsorted(keys, code(chars)[0]))
            if at < len(keys) and keys[at] == code(chars)[0]:
                found = docs[starts[at]:starts[at + 1]], counts[starts[at]:starts[at + 1]]
            times.append(time.perf_counter() - t)
        print(f"{query}: {len(found[0]):,} entries, {int(found[1].sum()):,} occurrences, "
              f"the lookup {statistics.median(times) * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
