"""Pair Chinese and English paragraphs into beads with a banded dynamic program.

A bead's score adds three things, all in log-odds:

* a prior for its shape: 1-1, a merge or split up to 1-4, 4-1, 2-3 and 3-2
  (the shapes of bertalign's ``max_align`` 5), and 1-0 / 0-1 orphans;
* length: English characters per Chinese character, estimated for this very
  document (corpora range from about 2.6 to 4.3), scored as a Gaussian on the
  log of the ratio, its spread also estimated from the document. A bead of
  several paragraphs averages their deviations, so its variance is smaller,
  by the square root of the number of paragraphs in it (their deviations
  partly share a cause, so they do not average out fully; on the dev half of
  bench/align_real.py the square root beats both 1/n and no narrowing).
  Without it two neighbouring 1-1 beads nearly always look better merged;
* anchors (``anchors.py``): rare tokens both sides share count for the bead,
  tokens left on one side count against it.

Two passes. The first uses the document's overall length ratio; the second
uses the ratio and spread measured on the first pass's 1-1 beads. Small
documents get the full table both times. Long ones stay fast as in bertalign:
the first pass has only 1-1, 1-0 and 0-1 beads inside a band that follows the
chain of tokens occurring exactly once on each side, and the second pass has
every shape inside a narrow corridor around the first pass's path.

A bead never swallows a second paragraph that starts an event (one that
carries a full date), so an event boundary is never hidden inside a merge.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from store.ingest.anchors import Anchors, find_anchors
from store.lang.lengths import LengthModel, en_length, measured, zh_length
from store.model import Bead

#: Weight (probability) of each bead shape. Set on the dev half of the
#: real-material set (bench/align_real.py; laws and Bible chapters, paragraphed
#: n:m): its gold beads are 71 % 1-1, 10 % each 2-1 and 1-2, 3.4 % 2-2, 1-1.5 %
#: each 3-1 and 1-3, under 1 % the wider shapes (--shapes prints them). Taken
#: as they are, those merge weights fold a paragraph left untranslated into its
#: neighbour's bead (two of the sample's 48 drops). Halving every merge weight
#: and giving an orphan 3 % keeps all 48 drops right, for about 0.01 strict F1
#: on dev's n:m paragraphs (and 0.001-0.007 gained on its one-unit-per-line
#: documents); the sample's perturbations had set the orphan weight before.
#: ANCHOR_WEIGHT was set with bench/align_eval.py and checked on the dev half:
#: 16 gains 0.003-0.007 there but folds two of the sample's drops, 32 is worse.
_WEIGHT = {
    (1, 1): 0.71,
    (2, 1): 0.05, (1, 2): 0.05,
    (2, 2): 0.017,
    (3, 1): 0.0065, (1, 3): 0.0065,
    (3, 2): 0.0035, (2, 3): 0.0035,
    (4, 1): 0.0015, (1, 4): 0.0015,
    (1, 0): 0.03, (0, 1): 0.03,
}
_SIMPLE_MOVES = ((1, 1), (1, 0), (0, 1))


class _Scoring(NamedTuple):
    """A bead's score (-inf where it may not be), and the most any bead of each shape can score."""

    score: Callable[[int, int, int, int], float]
    ceiling: dict[tuple[int, int], float]
#: Log-odds that a perfect anchor match (similarity 1) adds to a bead.
ANCHOR_WEIGHT = 24.0
#: Documents up to this many cells are aligned without a band.
_FULL_CELLS = 250_000
_BAND = 15
_CORRIDOR = 3

def align(zh: Sequence[str], en: Sequence[str], *,
          zh_starts: Sequence[bool] = (), en_starts: Sequence[bool] = (),
          weights: Mapping[tuple[int, int], float] = _WEIGHT,
          lengths: LengthModel | None = None) -> list[Bead]:
    """Beads covering every paragraph of both sides, in order.

    ``zh_starts``/``en_starts`` mark paragraphs that open an event; ``weights`` are the
    bead shapes allowed and their probabilities, 1-1, 1-0 and 0-1 among them (the sentence
    aligner has its own);
    ``lengths`` replaces the texts' overall ratio on the first pass where a larger text
    measured it better (the sentences of one bead: an untranslated one skews their own).
    """
    if not zh or not en:
        return [((i,), ()) for i in range(len(zh))] + [((), (j,)) for j in range(len(en))]
    aligner = _Aligner(zh, en, zh_starts or [False] * len(zh), en_starts or [False] * len(en),
                       prior={shape: math.log(w) for shape, w in weights.items()},
                       lengths=lengths)
    return aligner.run()


class _Aligner:
    def __init__(self, zh: Sequence[str], en: Sequence[str],
                 zh_starts: Sequence[bool], en_starts: Sequence[bool], *,
                 prior: dict[tuple[int, int], float], lengths: LengthModel | None) -> None:
        self.zh_len = [zh_length(t) for t in zh]
        self.en_len = [en_length(t) for t in en]
        self.zh_starts, self.en_starts = zh_starts, en_starts
        self.anchors: Anchors = find_anchors(zh, en)
        self.n, self.m = len(zh), len(en)
        self.prior, self.given = prior, lengths

    def initial_lengths(self) -> LengthModel:
        return self.given or LengthModel(sum(self.en_len) / sum(self.zh_len), 0.3)

    def refined_lengths(self, beads: list[Bead]) -> LengthModel | None:
        return measured((self.zh_len[z[0]], self.en_len[e[0]])
                        for z, e in beads if len(z) == 1 and len(e) == 1)

    def run(self) -> list[Bead]:
        """A first alignment with the document's overall ratio, then the final one
        with the ratio and spread measured on the first one's 1-1 beads."""
        lengths = self.initial_lengths()
        if (self.n + 1) * (self.m + 1) <= _FULL_CELLS:
            every: Callable[[int], tuple[int, int]] = lambda i: (0, self.m)  # noqa: E731
            first = _dp(self.n, self.m, every, tuple(self.prior), self._scorer(lengths))
            cols = every
        else:
            centre = self._anchor_path()
            first = _dp(self.n, self.m, lambda i: _around(centre[i], _BAND, self.m),
                        _SIMPLE_MOVES, self._scorer(lengths))
            corridor = _corridor(first, self.n, self.m)
            cols = corridor.__getitem__
        refined = self.refined_lengths(first) or lengths
        return _dp(self.n, self.m, cols, tuple(self.prior), self._scorer(refined))

    def _scorer(self, lengths: LengthModel) -> _Scoring:
        """The bead score, and for each shape the most any bead of it can score."""
        log_ratio, var = math.log(lengths.ratio), lengths.spread ** 2
        zh_at, en_at = _prefix(self.zh_len), _prefix(self.en_len)
        zh_open, en_open = _prefix(self.zh_starts), _prefix(self.en_starts)
        anchors, prior = self.anchors, self.prior

        def score(i: int, j: int, di: int, dj: int) -> float:
            """Score of the bead zh[i:i+di], en[j:j+dj]; -inf where it may not be."""
            if (di > 1 and zh_open[i + di] > zh_open[i + 1]) or (
                    dj > 1 and en_open[j + dj] > en_open[j + 1]):
                return -math.inf
            s = prior[(di, dj)]
            if di and dj:
                s += ANCHOR_WEIGHT * anchors.similarity(i, di, j, dj)
                x = (math.log(en_at[j + dj] - en_at[j]) - math.log(zh_at[i + di] - zh_at[i])
                     - log_ratio)
                bead_var = var * math.sqrt(2 / (di + dj))
                s -= x * x / (2 * bead_var) + 0.5 * math.log(2 * math.pi * bead_var)
            return s

        ceiling = {(di, dj): p + (ANCHOR_WEIGHT - 0.5 * math.log(
            2 * math.pi * var * math.sqrt(2 / (di + dj))) if di and dj else 0.0)
            for (di, dj), p in prior.items()}
        return _Scoring(score, ceiling)

    def _anchor_path(self) -> list[float]:
        """Expected English index for each Chinese index, through the unique shared tokens."""
        zh_at: dict[str, list[int]] = {}
        en_at: dict[str, list[int]] = {}
        for i, tokens in enumerate(self.anchors.zh):
            for t in tokens:
                zh_at.setdefault(t, []).append(i)
        for j, tokens in enumerate(self.anchors.en):
            for t in tokens:
                en_at.setdefault(t, []).append(j)
        pairs = sorted({(zh_at[t][0], en_at[t][0]) for t in zh_at
                        if len(zh_at[t]) == 1 and len(en_at.get(t, ())) == 1})
        points = [(0, 0), *_increasing_chain(pairs), (self.n, self.m)]
        path = []
        for i in range(self.n + 1):
            k = bisect.bisect_right([p[0] for p in points], i) - 1
            (i0, j0), (i1, j1) = points[k], points[min(k + 1, len(points) - 1)]
            path.append(j0 if i1 == i0 else j0 + (j1 - j0) * (i - i0) / (i1 - i0))
        return path


def _prefix(values: Sequence[int] | Sequence[bool]) -> list[int]:
    """Running sums: the total of values[a:b] is out[b] - out[a]."""
    out = [0]
    for v in values:
        out.append(out[-1] + int(v))
    return out


def _increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both indices (patience sorting)."""
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    chain = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return [p for p in reversed(chain) if p[0] > 0 or p[1] > 0]


def _around(centre: float, width: int, m: int) -> tuple[int, int]:
    return max(0, int(centre) - width), min(m, int(centre) + width + 1)


def _corridor(beads: list[Bead], n: int, m: int) -> list[tuple[int, int]]:
    """For each Chinese index, the English indices within a few of the rough path."""
    lo = [m] * (n + 1)
    hi = [0] * (n + 1)
    i = j = 0
    lo[0], hi[0] = 0, 0
    for z, e in beads:
        i += len(z)
        j += len(e)
        lo[i], hi[i] = min(lo[i], j), max(hi[i], j)
    for k in range(1, n + 1):  # rows inside a skipped stretch follow the row before
        if lo[k] > hi[k]:
            lo[k], hi[k] = lo[k - 1], hi[k - 1]
    return [(max(0, lo[k] - _CORRIDOR), min(m, hi[k] + _CORRIDOR)) for k in range(n + 1)]


def _dp(n: int, m: int, cols: Callable[[int], tuple[int, int]],
        moves: Sequence[tuple[int, int]], scoring: _Scoring) -> list[Bead]:
    """Best path from (0, 0) to (n, m) with the given bead shapes, inside ``cols(i)``.

    A shape whose ``ceiling`` cannot beat the best found so far for a cell is
    not scored, which leaves the result as it is: on the 2,016-paragraph
    document of bench/import_bench.py the twelve shapes took 2.56 s scored
    everywhere, 2.17 s so (six shapes took 1.85 s).
    """
    score, ceiling = scoring
    best: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {(0, 0): (0.0, (0, 0))}
    for i in range(n + 1):
        lo, hi = cols(i)
        if i == n:
            hi = m
        for j in range(lo, hi + 1):
            if (i, j) == (0, 0):
                continue
            top, move = -math.inf, (0, 0)
            for di, dj in moves:
                prev = best.get((i - di, j - dj))
                if prev is None or prev[0] + ceiling[(di, dj)] <= top:
                    continue
                s = prev[0] + score(i - di, j - dj, di, dj)
                if s > top:
                    top, move = s, (di, dj)
            if top > -math.inf:
                best[(i, j)] = (top, move)
    beads: list[Bead] = []
    i, j = n, m
    if (n, m) not in best:
        raise RuntimeError("alignment band left no path")  # a bug, not bad input
    while (i, j) != (0, 0):
        di, dj = best[(i, j)][1]
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads
