"""Alignment quality on real translations: strict and lax F1 per source, ours against Gale-Church.

The documents are in bench/data/align/ (``bench/align_sources.py`` builds
them; provenance in docs/eval-alignment.md): each is a list of units in
document order, unit k of the Chinese translating unit k of the English.
Two layouts of every document are scored:

* ``lines``: one unit per line on each side, as files that give a sentence
  (or verse, or article item) per line;
* ``paragraphs``: units grouped into paragraphs n:m. A shared paragraphing is
  drawn first (a break after a unit with probability ``BREAK``), then each
  side departs from it the way translators do: it joins two of those
  paragraphs with probability ``JOIN`` and breaks one inside with
  probability ``SPLIT``. Gold beads are the groups of paragraphs linked by a
  shared unit, so a chain of joins can make beads wider than any aligner's
  largest shape (they then count against every aligner).

Each document goes through the importer's front end as a file of a Chinese
block then an English block (``arrange``: what is set aside as furniture is
lost to the alignment, as on import; repairs; event starts), then ``align``.
Gale-Church (NLTK, English lengths scaled by the document's ratio) is given
the paragraph lists directly. Scores follow vecalign (``bench/align_eval.py``),
averaged over documents. Documents are split by a hash of their id into a
``dev`` half, on which the bead priors were set, and a ``test`` half held out.

    pip install '.[bench]'; python bench/align_real.py [--split test] [--seed 1]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from align_eval import Bead, Para, f1, gale_church, gold_beads, ours

from store.ingest.layout import arrange
from store.ingest.repair import repair_paragraph

DATA = Path(__file__).resolve().parent / "data" / "align"
SOURCES = ("tw-law", "bible")
BREAK, JOIN, SPLIT = 0.6, 0.15, 0.05

Doc = tuple[str, list[tuple[str, str]]]
Aligner = Callable[[list[str], list[str]], list[Bead]]


def load(source: str, split: str) -> list[Doc]:
    with gzip.open(DATA / f"{source}.jsonl.gz", "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    return [(d["doc"], [tuple(u) for u in d["units"]]) for d in docs
            if split == "all" or split_of(d["doc"]) == split]


def split_of(doc: str) -> str:
    return "dev" if hashlib.sha256(doc.encode()).digest()[0] % 2 == 0 else "test"


def as_lines(units: list[tuple[str, str]]) -> tuple[list[Para], list[Para]]:
    return ([[(k, z)] for k, (z, _) in enumerate(units)],
            [[(k, e)] for k, (_, e) in enumerate(units)])


def as_paragraphs(units: list[tuple[str, str]], rng: random.Random
                  ) -> tuple[list[Para], list[Para]]:
    shared = {k for k in range(1, len(units)) if rng.random() < BREAK}
    sides = []
    for lang in (0, 1):
        breaks = {k for k in range(1, len(units))
                  if (k in shared and rng.random() >= JOIN)
                  or (k not in shared and rng.random() < SPLIT)}
        paras: list[Para] = [[]]
        for k, unit in enumerate(units):
            if k in breaks:
                paras.append([])
            paras[-1].append((k, unit[lang]))
        sides.append(paras)
    return sides[0], sides[1]


def texts(zh: list[Para], en: list[Para]) -> tuple[list[str], list[str]]:
    return ["".join(t for _, t in p) for p in zh], [" ".join(t for _, t in p) for p in en]


def through_importer(zh: list[str], en: list[str]) -> list[Bead]:
    """Arrange the two blocks as one file, repair, align; beads in the file's paragraph numbers."""
    layout = arrange("\n".join([*zh, *en]))
    kept_zh = [p.line - 1 for p in layout.zh]
    kept_en = [p.line - 1 - len(zh) for p in layout.en]
    zt = [repair_paragraph(p.raw, "zh", p.line).text for p in layout.zh]
    et = [repair_paragraph(p.raw, "en", p.line).text for p in layout.en]
    return [(tuple(kept_zh[i] for i in z), tuple(kept_en[j] for j in e))
            for z, e in ours(zt, et)]


def score(docs: list[Doc], layout: str, aligner: Aligner, seed: int
          ) -> tuple[float, float, float]:
    strict, lax, seconds = [], [], []
    for doc, units in docs:
        rng = random.Random(f"{seed}:{doc}")
        pz, pe = as_lines(units) if layout == "lines" else as_paragraphs(units, rng)
        zt, et = texts(pz, pe)
        start = time.perf_counter()
        pred = aligner(zt, et)
        seconds.append(time.perf_counter() - start)
        s, lx = f1(sorted(pred), gold_beads(pz, pe))
        strict.append(s)
        lax.append(lx)
    return statistics.mean(strict), statistics.mean(lax), statistics.median(seconds)


def shapes(docs: list[Doc], seed: int) -> Counter[tuple[int, int]]:
    """Gold bead shapes of the paragraph layout: what the bead priors are set from."""
    out: Counter[tuple[int, int]] = Counter()
    for doc, units in docs:
        pz, pe = as_paragraphs(units, random.Random(f"{seed}:{doc}"))
        out.update((len(z), len(e)) for z, e in gold_beads(pz, pe))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shapes", action="store_true",
                        help="print the gold bead shapes of the split instead of scoring")
    args = parser.parse_args()
    if args.shapes:
        counts = sum((shapes(load(s, args.split), args.seed) for s in SOURCES), Counter())
        total = sum(counts.values())
        for shape, n in counts.most_common():
            print(f"{shape[0]}-{shape[1]}  {n:5d}  {n / total:.4f}")
        return
    print(f"split {args.split}, seed {args.seed}; mean over documents")
    print(f"{'source':<8}{'layout':<12}{'docs':>5}{'aligner':>13}{'strict':>8}{'lax':>7}"
          f"{'median s':>10}")
    for source in SOURCES:
        docs = load(source, args.split)
        for layout in ("lines", "paragraphs"):
            for name, aligner in (("ours", through_importer), ("gale-church", gale_church)):
                s, lx, secs = score(docs, layout, aligner, args.seed)
                print(f"{source:<8}{layout:<12}{len(docs):>5}{name:>13}{s:>8.3f}{lx:>7.3f}"
                      f"{secs:>10.4f}")


if __name__ == "__main__":
    main()
