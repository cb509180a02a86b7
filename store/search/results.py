"""What a query found: the entries matched, segment by segment, ranked when asked.

Scores are computed when a page is ranked, and then only for the matches,
``_BLOCK`` of them at a time; of each block only what can still reach the
page is kept. Scored at once, the 610,000 matches of ``合作`` at a million
entries took 9 ms, most of it faulting in the pages of fresh 5 MB arrays; by
blocks, whose arrays the allocator reuses and the cache holds, 2.5 ms.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import numpy as np

from store.search.query import Query
from store.search.segment import Found, Plan, Segment

#: Matches ``Results`` scores at a time (one block's arrays are 1 MB at most).
_BLOCK = 1 << 17
#: ``_top`` reads every this many scores for its first guess at the cut.
_STRIDE = 64


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a term occurs: ``start:end`` of paragraph ``para`` of one language's text."""

    lang: str
    para: int
    start: int
    end: int


class Index(Protocol):
    """What results read of their index (``index.SearchIndex``)."""

    segments: list[Segment]
    ids: Sequence[str]
    start: np.ndarray

    def number(self, at: int, docs: np.ndarray) -> np.ndarray: ...
    def idf(self, holding: int) -> float: ...
    def bm25(self, docs: np.ndarray, counts: list[np.ndarray], idfs: list[float]
             ) -> np.ndarray: ...
    def hits(self, doc: int, terms: list[Term]) -> list[Hit]: ...
    def doc_number(self, entry_id: str) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Term:
    """One text term: its plan in each segment, and in each the live entries holding it
    (numbered inside the segment, ascending) with its occurrences in each."""

    plans: list[Plan]
    parts: list[Found]

    @property
    def entries(self) -> int:
        return sum(len(docs) for docs, _ in self.parts)

    def occurrences(self, at: int, doc: int) -> int:
        """How often it occurs in entry ``doc`` of segment ``at``."""
        docs, tf = self.parts[at]
        i = int(np.searchsorted(docs, doc))
        return int(tf[i]) if i < len(docs) and docs[i] == doc else 0

    def within(self, at: int, lo: int, hi: int) -> np.ndarray:
        """Its occurrences in entries ``lo`` to ``hi`` (not included) of segment ``at``, one
        per entry."""
        docs, tf = self.parts[at]
        first, last = np.searchsorted(docs, (lo, hi)).tolist()
        out = np.zeros(hi - lo, dtype=np.uint32)
        out[docs[first:last] - lo] = tf[first:last]
        return out


@dataclass
class Results:
    """The entries a query matched; scores are computed when ranked, hits per entry on
    demand."""

    index: Index
    query: Query
    docs: list[np.ndarray]  # per segment: the entries matched (numbered inside it), ascending
    terms: list[Term] = field(repr=False)
    #: The entries ``ranked_ids`` handed out, by id: their hits need no map of every id
    #: (``SearchIndex.doc_number``: 10-20 ms at 100,000 entries, a page of a shell search).
    _ranked: dict[str, int] = field(default_factory=dict, repr=False)

    @cached_property
    def count(self) -> int:
        return sum(len(docs) for docs in self.docs)

    @cached_property
    def hits(self) -> int:
        """Occurrences of the terms in the matching entries (counted when first asked)."""
        total = 0
        for at, (segment, matched) in enumerate(zip(self.index.segments, self.docs,
                                                    strict=True)):
            mask = segment.mask(matched)
            for term in self.terms:
                docs, tf = term.parts[at]
                total += int(tf[mask[docs]].sum(dtype=np.int64))
        return total

    def ranked(self, limit: int | None = None) -> list[int]:
        """Entry numbers, best first (newest first among equals, then by entry id)."""
        return self._scored(limit)[0]

    def ranked_ids(self, limit: int | None = None) -> list[tuple[str, float]]:
        """``(entry id, score)``, best first: ``ranked`` for callers that know entries by id."""
        ids = self.index.ids
        ranked, scores = self._scored(limit)
        self._ranked.update((ids[d], d) for d in ranked)
        return [(ids[d], s) for d, s in zip(ranked, scores, strict=True)]

    def ids(self) -> set[str]:
        return {i for segment, docs in zip(self.index.segments, self.docs, strict=True)
                for i in ids_of(segment.tables.ids, docs)}

    def hits_in(self, doc: int) -> list[Hit]:
        return self.index.hits(doc, self.terms)

    def hits_of(self, entry_id: str) -> list[Hit]:
        """Where the query's terms occur in one entry, paragraph by paragraph."""
        doc = self._ranked.get(entry_id)
        if doc is None:
            doc = self.index.doc_number(entry_id)
        return [] if doc is None else self.hits_in(doc)

    @cached_property
    def _idfs(self) -> list[float]:
        return [self.index.idf(t.entries) for t in self.terms]

    def _scored(self, limit: int | None) -> tuple[list[int], list[float]]:
        """The first ``limit`` entries and their scores, ``ranked``'s order."""
        if not self.count:  # a third of the time of a query that finds nothing
            return [], []
        docs, scores = self._best(None if limit is None or limit >= self.count else limit)
        start = self.index.start[docs]
        order = np.lexsort((-start, -scores))
        docs, scores = docs[order], scores[order]
        ranked = _ties_by_id(docs, scores, start[order], self.index.ids, limit)
        return ranked, scores[:len(ranked)].tolist()  # a tie's entries share its score

    def _best(self, k: int | None) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` best-scored matches (all if None), with every match tied with the k-th,
        and their scores, by entry number; each block's below the best k so far dropped."""
        kept = [(np.zeros(0, np.int64), np.zeros(0))]
        floor = -math.inf
        for at, first, last in self._blocks():
            docs = self.index.number(at, self.docs[at][first:last])
            scores = self.index.bm25(docs, [self._counts(t, at, first, last) for t in self.terms],
                                     self._idfs)
            if k is not None:
                keep = np.flatnonzero(scores >= floor)
                if len(keep) > k:
                    keep = keep[_top(scores[keep], k)]
                    floor = float(scores[keep].min())
                docs, scores = docs[keep], scores[keep]
            kept.append((docs, scores))
        docs, scores = (np.concatenate(x) for x in zip(*kept, strict=True))
        if k is not None and len(docs) > k:
            keep = _top(scores, k)
            docs, scores = docs[keep], scores[keep]
        return docs, scores

    def _blocks(self) -> list[tuple[int, int, int]]:
        """``(segment, first, last)``: the matches to score together, ``_BLOCK`` at most."""
        return [(at, lo, min(lo + _BLOCK, len(docs))) for at, docs in enumerate(self.docs)
                for lo in range(0, len(docs), _BLOCK)]

    def _counts(self, term: Term, at: int, first: int, last: int) -> np.ndarray:
        """The term's occurrences in matches ``first`` to ``last`` of segment ``at``."""
        matched = self.docs[at]
        held, tf = term.parts[at]
        if held is matched:  # a query of one term matches its entries, in the same order
            return tf[first:last]
        docs = matched[first:last]
        lo = int(docs[0])
        return term.within(at, lo, int(docs[-1]) + 1)[docs - lo]


def ids_of(ids: Sequence[str], docs: np.ndarray) -> list[str]:
    """The ids of entry numbers ``docs`` (ascending), however ``ids`` is held."""
    take = getattr(ids, "take", None)
    return take(docs) if take is not None else [ids[d] for d in docs.tolist()]


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Where the ``k`` highest of ``scores`` are, with every score tied with the k-th.

    The k-th highest of every 64th score is a floor for the k-th highest of all (the k
    sampled above it are among all), and about 64·k scores pass it: partitioning those
    instead of all 600,000 matches of ``合作`` at a million entries was 0.3 ms against 5.
    """
    sample = scores[::_STRIDE]
    above = (np.flatnonzero(scores >= np.partition(sample, len(sample) - k)[len(sample) - k])
             if len(sample) > k else np.arange(len(scores)))
    kept = scores[above]
    return above[kept >= np.partition(kept, len(kept) - k)[len(kept) - k]]


def _ties_by_id(ordered: np.ndarray, scores: np.ndarray, start: np.ndarray, ids: Sequence[str],
                limit: int | None) -> list[int]:
    """The first ``limit`` of ``ordered`` (with their ``scores`` and ``start``), each run of
    equal score and date by entry id.

    Without it the order of entries inside the segments would decide, and an
    index grown by segments would rank ties otherwise than one built afresh.
    Only runs that begin inside the first ``limit`` are ordered, in Python, and
    of a run that crosses it only the smallest ids are picked: at 100,000
    entries a page of 20 from a tie of thousands took 5 ms fully sorted, 1 ms so.
    """
    end = len(ordered) if limit is None else min(limit, len(ordered))
    out = ordered[:end].tolist()
    same = np.flatnonzero((scores[1:] == scores[:-1]) & (start[1:] == start[:-1]))
    if not len(same):
        return out
    breaks = np.r_[True, same[1:] != same[:-1] + 1]  # where a run of ties begins
    firsts, ends = same[breaks], same[np.r_[breaks[1:], True]] + 2
    inside = firsts < end
    for lo, hi in zip(firsts[inside].tolist(), ends[inside].tolist(), strict=True):
        run = ordered[lo:hi].tolist()
        if hi <= end:
            out[lo:hi] = sorted(run, key=ids.__getitem__)
        else:
            out[lo:end] = heapq.nsmallest(end - lo, run, key=ids.__getitem__)
    return out
