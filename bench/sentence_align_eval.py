"""Sentence alignment inside beads on hand-aligned public text: strict F1 (issue 18).

The gold is the non-literary part of bfsujason/aligner-eval (Liu, BFSU; the
sentence alignments were made by the aligners, then checked and corrected
by hand in InterText), two sources with the structure of a bulletin:

* ``pol``: 19 speeches and writings of Xi Jinping, "The Governance of China"
  vol. 1, in the official English of the State Council Information Office
  and others (Foreign Languages Press, 2014); Chinese the original;
* ``mag``: 27 Time magazine articles (2000) and their Chinese translations,
  from the Babel English-Chinese corpus; English the original. Their article
  boundaries are not marked, so ``mag`` is cut into blocks of 40 gold beads.

Provenance, licence and counts: docs/eval-alignment.md (the sentence
alignment set). The texts are copyrighted, so nothing is committed: the
script reads them from the repository's git directory (the search tool's
``fetch`` puts it under /work/.mirror), pinned to one commit.

Neither source marks paragraphs, so they are drawn much as
bench/align_real.py draws them, tuned to news: a shared paragraph ends after
a gold bead that ends a sentence on both sides with probability ``BREAK``
(about three sentences a paragraph), and always after a line with no closing
punctuation (a title, a date line: a paragraph of its own in any bulletin);
each side then joins two paragraphs with probability ``JOIN``. Paragraph
beads are the groups linked by a shared gold bead.

Two cuts into sentences: ``gold``, the gold's own (what the pairing alone
scores), given to ``pair_sentences``; and ``ours`` (``store.lang.sentences``),
over which the gold beads are restated: two of our sentences are linked when
they overlap one gold bead, and the gold sentence beads are the connected
groups (a gold sentence we cut in two is one bead of two; two gold beads we
cannot tell apart become one). Strict and lax F1 as vecalign's
(``bench/align_eval.py:f1``) over all sentence beads of the split, and
``tiled_f1`` beside them. Two ways in: ``oracle`` gives the gold paragraph
beads; ``pipeline`` aligns the paragraphs first (``store.ingest.align``), as
an import does, and then the sentences inside each bead it found. The
entry's ratio is measured on the document's 1-1 paragraph beads, as an
import would pass it. Documents fall in ``dev`` or ``test`` by a hash of
their id; the aligner was tuned on ``dev`` only. Time is per paragraph bead,
measured around the sentence aligner; the sample bulletin's cost is printed
first (it needs no download).

    python bench/sentence_align_eval.py [--split dev|test|all] [--seed 1] [--git DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from align_eval import Bead, Para, beads_from_links, f1, gold_beads
from align_real import split_of
from align_sources import git_show

from store.ingest import parse_bulletin
from store.ingest.align import align
from store.ingest.sentence_align import (
    Sentence,
    SentenceBead,
    align_sentences,
    pair_sentences,
    sentences,
)
from store.lang.lengths import en_length, measured, zh_length

GIT = Path("/work/.mirror/bfsujason+aligner-eval/repo")
SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "chongqing-2018-11.txt"
COMMIT = "7c2a29fc654cd82f7e372728ab75d1929631bb45"
#: Source name -> (folder, file number, language of the original).
SOURCES = {"pol": ("data/pol", "002", "zh"), "mag": ("data/mag", "003", "en")}
MAG_BLOCK = 40
BREAK, JOIN = 0.35, 0.15
#: How a sentence ends, on either side; a paragraph may end only after such a gold bead.
_CLOSING = tuple("。！？….!?”’\"')）")
JOINER = {"zh": "", "en": " "}

#: A gold bead: its Chinese sentences and its English ones (either may be empty).
Unit = tuple[list[str], list[str]]
Doc = tuple[str, list[Unit]]


def load(git: Path, source: str) -> list[Doc]:
    folder, number, original = SOURCES[source]
    src = git_show(git, COMMIT, f"{folder}/src/{number}").splitlines()
    tgt = git_show(git, COMMIT, f"{folder}/tgt/{number}").splitlines()
    zh_lines, en_lines = (src, tgt) if original == "zh" else (tgt, src)
    units = []
    for line in git_show(git, COMMIT, f"{folder}/gold/{number}.align").splitlines():
        left, right = (eval_list(part) for part in line.split(":"))
        z, e = (left, right) if original == "zh" else (right, left)
        units.append(([zh_lines[i] for i in z], [en_lines[j] for j in e]))
    if source == "mag":
        return [(f"mag-{k // MAG_BLOCK + 1:02d}", units[k:k + MAG_BLOCK])
                for k in range(0, len(units), MAG_BLOCK)]
    titles = [line.split("\t")[3] for line in
              git_show(git, COMMIT, f"{folder}/meta_data.tsv").splitlines()[1:]]
    starts = [next(k for k, (z, _) in enumerate(units) if z and z[0] == t) for t in titles]
    return [(f"pol-{n + 1:02d}", units[a:b])
            for n, (a, b) in enumerate(zip(starts, [*starts[1:], len(units)], strict=True))]


def eval_list(text: str) -> list[int]:
    """``[4, 5]`` -> [4, 5]; ``[]`` -> []."""
    inner = text.strip()[1:-1].strip()
    return [int(x) for x in inner.split(",")] if inner else []


def unit_text(unit: Unit, lang: str) -> str:
    return JOINER[lang].join(unit[0] if lang == "zh" else unit[1])


def paragraphs(units: list[Unit], rng: random.Random) -> tuple[list[Para], list[Para]]:
    """Each side's paragraphs as lists of (gold bead, its text on that side)."""
    ends = [all(unit_text(u, lang).endswith(_CLOSING) for lang in JOINER if unit_text(u, lang))
            for u in units]
    heading = {k + 1 for k, u in enumerate(units) if not ends[k] and len(unit_text(u, "en")) < 150}
    shared = {k for k in range(1, len(units))
              if k in heading or (ends[k - 1] and rng.random() < BREAK)}
    sides = []
    for lang in JOINER:
        breaks = {k for k in shared if k in heading or rng.random() >= JOIN}
        paras: list[Para] = [[]]
        for k, unit in enumerate(units):
            if k in breaks and paras[-1]:
                paras.append([])
            if text := unit_text(unit, lang):
                paras[-1].append((k, text))
        sides.append([p for p in paras if p])
    return sides[0], sides[1]


def para_text(para: Para, lang: str) -> str:
    return JOINER[lang].join(t for _, t in para)


def doc_sentences(paras: list[Para], units: list[Unit], lang: str, cut: str
                  ) -> tuple[list[Sentence], list[set[int]]]:
    """The sentences of a document's paragraphs, cut by our splitter or as the gold has them,
    and for each the gold beads it overlaps."""
    side = 0 if lang == "zh" else 1
    found, overlaps = [], []
    for k, para in enumerate(paras):
        at = 0
        ranges = []
        for unit, text in para:
            ranges.append((unit, at, at + len(text)))
            if cut == "gold":
                for sentence in units[unit][side]:
                    found.append(Sentence(k, (at, at + len(sentence))))
                    overlaps.append({unit})
                    at += len(sentence) + len(JOINER[lang])
            else:
                at += len(text) + len(JOINER[lang])
        if cut == "ours":
            for sentence in sentences([para_text(para, lang)], lang):
                a, b = sentence.span
                found.append(Sentence(k, (a, b)))
                overlaps.append({u for u, x, y in ranges if x < b and a < y})
    return found, overlaps


def in_bead(found: list[Sentence], paras: tuple[int, ...]) -> list[Sentence]:
    """The sentences of the bead's paragraphs, numbered by their place in the bead."""
    place = {p: k for k, p in enumerate(paras)}
    return [Sentence(place[s.para], s.span) for s in found if s.para in place]


def score(docs: list[Doc], cut: str, mode: str, aligner: Callable[..., list[SentenceBead]],
          seed: int, *, given: bool = True
          ) -> tuple[float, float, float, int, list[float]]:
    """Strict, lax and tiled F1 over every sentence bead of ``docs``, the gold bead count,
    seconds per paragraph bead."""
    pred_all: list[Bead] = []
    gold_all: set[Bead] = set()
    seconds: list[float] = []
    zoff = eoff = 0
    for doc, units in docs:
        pz, pe = paragraphs(units, random.Random(f"{seed}:{doc}"))
        zt, et = [para_text(p, "zh") for p in pz], [para_text(p, "en") for p in pe]
        zs, zu = doc_sentences(pz, units, "zh", cut)
        es, eu = doc_sentences(pe, units, "en", cut)
        links = {(i, j) for i, a in enumerate(zu) for j, b in enumerate(eu) if a & b}
        gold = beads_from_links(len(zs), len(es), links)
        number = {("zh", s.para, s.span): k for k, s in enumerate(zs)}
        number |= {("en", s.para, s.span): k for k, s in enumerate(es)}
        para_beads = sorted(gold_beads(pz, pe)) if mode == "oracle" else align(zt, et)
        model = measured((zh_length(zt[z[0]]), en_length(et[e[0]]))
                         for z, e in para_beads if len(z) == len(e) == 1)
        ratio = model.ratio if model and given else None
        for z, e in para_beads:
            start = time.perf_counter()
            found = aligner([zt[i] for i in z], [et[j] for j in e], in_bead(zs, z), in_bead(es, e),
                            ratio)
            seconds.append(time.perf_counter() - start)
            pred_all += [(tuple(number["zh", z[s.para], s.span] + zoff for s in sz),
                          tuple(number["en", e[s.para], s.span] + eoff for s in se))
                         for sz, se in found]
        gold_all |= {(tuple(i + zoff for i in g[0]), tuple(j + eoff for j in g[1])) for g in gold}
        zoff, eoff = zoff + len(zs), eoff + len(es)
    strict, lax = f1(pred_all, gold_all)
    return strict, lax, tiled_f1(pred_all, gold_all), len(gold_all), seconds


def tiled_f1(pred: list[Bead], gold: set[Bead]) -> float:
    """F1 where a gold bead also counts as found when predicted beads, none empty on either
    side, tile it exactly: our cut can be finer than the gold's, and then the gold cannot say
    how the pieces pair, right or wrong. An upper bound, printed beside strict F1."""
    owner = {("zh", i): g for g in gold for i in g[0]} | {("en", j): g for g in gold for j in g[1]}
    inside: dict[Bead, list[Bead]] = {}
    for b in pred:
        owners = {owner["zh", i] for i in b[0]} | {owner["en", j] for j in b[1]}
        if len(owners) == 1:
            inside.setdefault(owners.pop(), []).append(b)
    found = {g for g, parts in inside.items()
             if parts == [g] or (all(z and e for z, e in parts) and
                                 sum(len(z) + len(e) for z, e in parts) == sum(map(len, g)))}
    right = sum(1 for b in pred for g in found if b in inside[g])
    pairs = [g for g in gold if g[0] and g[1]]
    precision, recall = right / len(pred), sum(g in found for g in pairs) / len(pairs)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def sample_cost(runs: int = 5) -> tuple[int, int, float, float, float]:
    """Beads and sentence beads of the sample bulletin, and median ms per bead over ``runs``:
    every bead, with each entry's ratio as an import would give it, and the largest bead."""
    entries = parse_bulletin(SAMPLE.read_bytes(), SAMPLE.name, imported="2026-12-06").entries
    jobs = []
    for entry in entries:
        model = measured((zh_length(entry.zh[z[0]].text), en_length(entry.en[e[0]].text))
                         for z, e in entry.beads if len(z) == len(e) == 1)
        jobs += [([entry.zh[i].text for i in z], [entry.en[j].text for j in e],
                  model.ratio if model else None) for z, e in entry.beads]
    per_bead, slowest, found = [], [], 0
    for _ in range(runs):
        times = []
        for zh, en, ratio in jobs:
            start = time.perf_counter()
            found += len(align_sentences(zh, en, ratio))
            times.append(time.perf_counter() - start)
        per_bead.append(statistics.mean(times))
        slowest.append(max(times))
    return (len(jobs), found // runs, statistics.median(per_bead) * 1000,
            statistics.median(slowest) * 1000, statistics.median(per_bead) * len(jobs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--git", type=Path, default=GIT,
                        help="git directory of bfsujason/aligner-eval")
    args = parser.parse_args()
    beads, found, mean_ms, max_ms, total = sample_cost()
    print(f"sample bulletin ({SAMPLE.name}): {beads} beads -> {found} sentence beads; "
          f"{mean_ms:.2f} ms a bead (mean; median of 5 runs), slowest bead {max_ms:.1f} ms, "
          f"{total:.2f} s in all")
    if not args.git.exists():
        sys.exit(f"{args.git}: no git directory of bfsujason/aligner-eval (fetch it first)")
    print(f"split {args.split}, seed {args.seed}; F1 over all sentence beads of the split")
    print(f"{'source':<7}{'docs':>5}{'beads':>7}  {'cut':<6}{'mode':<10}{'strict':>7}{'lax':>7}"
          f"{'tiled':>7}{'median ms':>10}{'mean ms':>8}{'max ms':>8}")
    align(["预热。"], ["Warm up."])  # load the pinyin and dictionary tables before timing
    for source in SOURCES:
        docs = [d for d in load(args.git, source)
                if args.split == "all" or split_of(d[0]) == args.split]
        for cut in ("gold", "ours"):
            for mode in ("oracle", "pipeline"):
                s, lx, tiled, n, secs = score(docs, cut, mode, pair_sentences, args.seed)
                print(f"{source:<7}{len(docs):>5}{n:>7}  {cut:<6}{mode:<10}{s:>7.3f}{lx:>7.3f}"
                      f"{tiled:>7.3f}{statistics.median(secs) * 1000:>10.2f}"
                      f"{statistics.mean(secs) * 1000:>8.2f}{max(secs) * 1000:>8.1f}")


if __name__ == "__main__":
    main()
