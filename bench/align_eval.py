"""Alignment quality on perturbed copies of the sample: strict and lax F1 against gold.

Each trial takes the sample's 24 paragraph pairs, applies a few random edits
that real archives show (merge two neighbouring paragraphs on one side, split
one at a sentence end, drop one), and aligns the result with

* ours: ``store.ingest.align`` (length + anchors, document-estimated ratio);
* gale-church: NLTK's ``gale_church.align_blocks`` (``pip install nltk``), the
  length-only aligner a user reaches for first, given English lengths scaled
  by the document's ratio so that its c = 1 holds.

Scores follow vecalign's ``score.py``: strict = the bead exactly as in gold;
lax = overlapping a gold bead on both sides; deletions (1-0, 0-1) count in
precision but not in recall.

    python bench/align_eval.py [--trials 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from store.ingest.align import align
from store.ingest.layout import arrange
from store.ingest.repair import repair_paragraph
from store.lang.dates import full_dates

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "chongqing-2018-11.txt"

# A paragraph is a list of (unit, text) pieces; unit k is pair k of the sample.
Para = list[tuple[int, str]]
Bead = tuple[tuple[int, ...], tuple[int, ...]]


def load_pairs() -> tuple[list[str], list[str]]:
    layout = arrange(SAMPLE.read_text(encoding="utf-8"))
    zh = [repair_paragraph(p.raw, "zh", p.line).text for p in layout.zh]
    en = [repair_paragraph(p.raw, "en", p.line).text for p in layout.en]
    return zh, en


def sentences(text: str, lang: str) -> list[str]:
    pattern = r"(?<=。)" if lang == "zh" else r"(?<=[a-z]\.) (?=[A-Z])"
    return [s for s in re.split(pattern, text) if s]


def perturb(zh: list[str], en: list[str], rng: random.Random, edits: int
            ) -> tuple[list[Para], list[Para]]:
    sides = {"zh": [[(k, t)] for k, t in enumerate(zh)], "en": [[(k, t)] for k, t in
                                                                enumerate(en)]}
    for _ in range(edits):
        lang = rng.choice(["zh", "en"])
        paras = sides[lang]
        op = rng.choice(["merge", "split", "drop"])
        i = rng.randrange(len(paras))
        if op == "merge" and i + 1 < len(paras):
            paras[i:i + 2] = [paras[i] + paras[i + 1]]
        elif op == "split" and len(paras[i]) == 1:
            unit, text = paras[i][0]
            parts = sentences(text, lang)
            if len(parts) > 1:
                cut = rng.randrange(1, len(parts))
                joiner = "" if lang == "zh" else " "
                paras[i:i + 1] = [[(unit, joiner.join(parts[:cut]))],
                                  [(unit, joiner.join(parts[cut:]))]]
        elif op == "drop" and len(paras) > 1:
            del paras[i]
    return sides["zh"], sides["en"]


def beads_from_links(n: int, m: int, links: set[tuple[int, int]]) -> set[Bead]:
    """Beads as the connected groups of linked paragraphs; an unlinked one is a deletion."""
    parent = list(range(n + m))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[root(a)] = root(n + b)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for x in range(n + m):
        z, e = groups.setdefault(root(x), ([], []))
        (z if x < n else e).append(x if x < n else x - n)
    return {(tuple(z), tuple(e)) for z, e in groups.values()}


def gold_beads(zh: list[Para], en: list[Para]) -> set[Bead]:
    links = {(i, j) for i, pz in enumerate(zh) for j, pe in enumerate(en)
             if {u for u, _ in pz} & {u for u, _ in pe}}
    return beads_from_links(len(zh), len(en), links)


def f1(pred: list[Bead], gold: set[Bead]) -> tuple[float, float]:
    def lax_hit(b: Bead, pool: set[Bead]) -> bool:
        if not b[0] or not b[1]:
            return b in pool
        return any(set(b[0]) & set(g[0]) and set(b[1]) & set(g[1]) for g in pool)

    gold_pairs = {g for g in gold if g[0] and g[1]}
    pred_pairs = [b for b in pred if b[0] and b[1]]
    out = []
    for hit in (lambda b, pool: b in pool, lax_hit):
        precision = sum(hit(b, gold) for b in pred) / len(pred)
        recall = sum(hit(g, set(pred_pairs)) for g in gold_pairs) / max(len(gold_pairs), 1)
        out.append(0.0 if precision + recall == 0 else 2 * precision * recall /
                   (precision + recall))
    return out[0], out[1]


def run(aligner: Callable[[list[str], list[str]], list[Bead]], trials: int, seed: int
        ) -> tuple[float, float, float]:
    zh, en = load_pairs()
    rng = random.Random(seed)
    strict, lax, seconds = [], [], []
    for _ in range(trials):
        pz, pe = perturb(zh, en, rng, rng.randint(1, 4))
        zt = ["".join(t for _, t in p) for p in pz]
        et = [" ".join(t for _, t in p) for p in pe]
        start = time.perf_counter()
        pred = sorted(aligner(zt, et))
        seconds.append(time.perf_counter() - start)
        s, lx = f1(pred, gold_beads(pz, pe))
        strict.append(s)
        lax.append(lx)
    return statistics.mean(strict), statistics.mean(lax), statistics.median(seconds)


def ours(zh: list[str], en: list[str]) -> list[Bead]:
    return align(zh, en, zh_starts=[bool(full_dates(t, "zh")) for t in zh],
                 en_starts=[bool(full_dates(t, "en")) for t in en])


def gale_church(zh: list[str], en: list[str]) -> list[Bead]:
    """NLTK's Gale-Church, English lengths scaled by this document's ratio (its c is 1)."""
    from nltk.translate.gale_church import align_blocks

    ratio = sum(map(len, en)) / sum(map(len, zh))
    links = set(align_blocks([len(t) for t in zh], [round(len(t) / ratio) for t in en]))
    return list(beads_from_links(len(zh), len(en), links))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"{args.trials} perturbed copies of the sample (1-4 edits each), seed {args.seed}")
    print(f"{'aligner':<14}{'strict F1':>10}{'lax F1':>9}{'median s':>10}")
    for name, aligner in (("ours", ours), ("gale-church", gale_church)):
        strict, lax, secs = run(aligner, args.trials, args.seed)
        print(f"{name:<14}{strict:>10.3f}{lax:>9.3f}{secs:>10.4f}")


if __name__ == "__main__":
    main()
