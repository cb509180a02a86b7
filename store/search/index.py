"""Answering queries from the index's segments, numbered end to end, as one index.

Each term is planned and looked up in every segment (``segment.Segment``); its
occurrences per entry are the segments' laid end to end, with the entries a
later segment or a removal superseded (tombstones, ``segments``) set to zero,
so every count below is over live entries only.

Ranking is BM25 (k1 1.2, b 0.75) over the terms found, newest first on ties,
then by entry id. The statistics are global, over every segment's live
entries: the number of entries, each term's entries, the average length
(summed as integers). So an index of a base and deltas scores every entry
exactly as one built afresh from the same archive, and ranks the same (the id
breaks exact ties, which the order of entries in the segments would otherwise
decide). Per-segment statistics would skip one pass, but a new entry in a
small segment would score by a document frequency of a few entries: a word
rare in the delta but common in the archive would rank its new entries first.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from store.search.indexfile import Tables
from store.search.lines import Lines
from store.search.query import Clause, Dates, Pinyin, Query, SourceIs, Text, parse
from store.search.segment import Plan, Segment

_K1, _B = 1.2, 0.75
#: A query whose rarest term is in fewer than one entry in this many is answered from
#: that term's entries; otherwise by masks of every entry, a byte an entry.
_SPARSE = 16


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a term occurs: ``start:end`` of paragraph ``para`` of one language's text."""

    lang: str
    para: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Term:
    """One text term: its plan in each segment, and the live entries holding it (by
    number, ascending) with its occurrences in each.

    Held by the entries that hold it, not one count per entry of the index: at a
    million entries each array of a million made every query cost milliseconds,
    a word found nowhere 6 ms.
    """

    plans: list[Plan]
    docs: np.ndarray
    tf: np.ndarray

    def occurrences(self, doc: int) -> int:
        at = int(np.searchsorted(self.docs, doc))
        return int(self.tf[at]) if at < len(self.docs) and self.docs[at] == doc else 0

    def only(self, keep: np.ndarray) -> Term:
        """The term in the entries where ``keep`` (one per entry holding it) is true."""
        return Term(self.plans, self.docs[keep], self.tf[keep])

    def within(self, lo: int, hi: int) -> np.ndarray:
        """Its occurrences in entries ``lo`` to ``hi`` (not included), one per entry."""
        first, last = np.searchsorted(self.docs, (lo, hi)).tolist()
        out = np.zeros(hi - lo, dtype=np.uint32)
        out[self.docs[first:last] - lo] = self.tf[first:last]
        return out


class SearchIndex:
    """The segments' entries as one list; those in ``dead`` (per segment) never match.

    ``revision``: what the whole index reflects (a single file's own by default).
    """

    def __init__(self, segments: Tables | Sequence[Tables],
                 dead: Sequence[Iterable[int]] = (), *, revision: str | None = None) -> None:
        tables = [segments] if isinstance(segments, Tables) else list(segments)
        self.segments = [Segment(t) for t in tables]
        self._bases = np.cumsum([0] + [t.count for t in tables], dtype=np.int64)
        self.count = int(self._bases[-1])  # entry numbers, live or not
        self.live = np.ones(self.count, dtype=bool)
        for base, docs in zip(self._bases.tolist(), dead, strict=False):
            self.live[base + np.fromiter(docs, dtype=np.int64)] = False
        self._dead = np.flatnonzero(~self.live)
        self.all_live = not len(self._dead)
        self.entries = int(np.count_nonzero(self.live))
        self.revision = tables[-1].revision if revision is None else revision
        self.ids = tables[0].ids if len(tables) == 1 else _Ids(tables, self._bases)
        self.start = _joined([t.start for t in tables])
        self.lengths = _joined([t.lengths for t in tables])

    def check_all(self) -> None:
        """Every block of every segment checked now (``indexfile``); ``Damaged`` if one is not
        as written."""
        for segment in self.segments:
            segment.tables.check_all()

    def doc_number(self, entry_id: str) -> int | None:
        return self._numbers.get(entry_id)

    def built_from(self, revision: str, count: int) -> bool:
        """Whether the index is of the archive at ``revision`` with ``count`` entries."""
        return self.revision == revision and self.entries == count

    def segment_of(self, doc: int) -> tuple[int, int]:
        """The segment that holds entry number ``doc``, and the entry's number there."""
        at = int(np.searchsorted(self._bases, doc, side="right")) - 1
        return at, doc - int(self._bases[at])

    @cached_property
    def _numbers(self) -> dict[str, int]:
        if self.all_live:
            return {e: i for i, e in enumerate(self.ids)}
        docs = np.flatnonzero(self.live)  # a segment's ids at a time, not one lookup each
        return dict(zip(_take(self.ids, docs), docs.tolist(), strict=True))

    @cached_property
    def _length_norm(self) -> np.ndarray:
        lengths = self.lengths if self.all_live else self.lengths[self.live]
        average = int(lengths.sum(dtype=np.int64)) / self.entries if self.entries else 1.0
        return _K1 * (1 - _B + _B * self.lengths / (average or 1.0))

    def _held(self, parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
        """Per-segment ``(entries, occurrences)`` as one, numbered end to end, the entries
        superseded dropped."""
        docs = np.empty(sum(len(d) for d, _ in parts), dtype=np.int64)
        at = 0
        for (found, _), base in zip(parts, self._bases.tolist(), strict=False):
            np.add(found, base, out=docs[at:at + len(found)])
            at += len(found)
        tf = np.concatenate([t for _, t in parts])
        if not self.all_live:
            keep = self.live[docs]
            docs, tf = docs[keep], tf[keep]
        return docs, tf

    def idf(self, term: Term) -> float:
        """A term's BM25 weight, from how many live entries hold it."""
        holding = len(term.docs)
        return math.log(1 + (self.entries - holding + 0.5) / (holding + 0.5))

    def bm25(self, docs: np.ndarray, counts: list[np.ndarray], idfs: list[float]) -> np.ndarray:
        """The BM25 of entries ``docs``, given each term's occurrences in them (``counts``)
        and weight, term by term in the query's order, so ties are the same floats however
        the index is split."""
        scores = np.zeros(len(docs))
        norm = self._length_norm[docs]
        for tf, idf in zip(counts, idfs, strict=True):
            found = tf.astype(np.float64)
            below = found + norm
            found *= idf
            found *= _K1 + 1
            found /= below
            scores += found
        return scores

    def search(self, query: str | Query) -> Results:
        """The entries matching ``query``; scored when ranked, and then only those
        (scoring every entry that held a term was 14 ms of ``合作`` at a million)."""
        plan = parse(query) if isinstance(query, str) else query
        terms: list[Term] = []
        positive, negative = [], []
        for clause in plan.clauses:
            found, clause_terms = self._clause(clause)
            if clause.negated:
                negative.append(found)
                continue
            positive.append(found)
            terms.extend(clause_terms)
        return Results(self, plan, self._matched(positive, negative), terms)

    def _matched(self, positive: list[np.ndarray], negative: list[np.ndarray]) -> np.ndarray:
        """The live entries in every ``positive`` answer and no ``negative`` one, ascending.

        An answer is a mask, one per entry, or a term's entries (``_clause``). A query
        of one term is its entries as they are, with no array as long as the index;
        a term's entries are kept where the other answers hold when it is rare
        (``_SPARSE``). Masks combine the rest: ``重庆 -合作`` at a million entries
        took 16.6 ms so against 20.0 by filtering 重庆's 986,000 entries.
        """
        terms = sorted((f for f in positive if f.dtype != bool), key=len)
        alone = len(positive) == 1 and not negative
        if not terms or (not alone and len(terms[0]) > self.count // _SPARSE):
            matched = self.live.copy()
            for found in positive:
                matched &= self._mask(found)
            for found in negative:
                matched &= ~self._mask(found)
            return np.flatnonzero(matched)
        docs = terms[0]  # the fewest entries, live already, kept where the others hold
        for found in positive:
            if found is not docs:
                docs = docs[self._mask(found)[docs]]
        for found in negative:
            docs = docs[~self._mask(found)[docs]]
        return docs

    def _mask(self, found: np.ndarray) -> np.ndarray:
        """An answer as a mask, one per entry."""
        if found.dtype == bool:
            return found
        mask = np.zeros(self.count, dtype=bool)
        mask[found] = True
        return mask

    def _atom(self, atom: Text | Pinyin) -> list[Term]:
        """A text term's occurrences (a pinyin term: one per way to split it)."""
        if isinstance(atom, Text):
            per_segment = [[s.plan_text(atom)] for s in self.segments]
        else:
            per_segment = [s.plan_pinyin(atom) for s in self.segments]
        found = []
        for plans in map(list, zip(*per_segment, strict=True)):
            docs, tf = self._held([s.holding(p) for s, p in zip(self.segments, plans,
                                                                strict=True)])
            found.append(Term(plans, docs, tf))
        return found

    def _clause(self, clause: Clause) -> tuple[np.ndarray, list[Term]]:
        """Entries matching any alternative (a mask, or a lone term's entries); each term's
        occurrences where its alternative holds."""
        [first, *others] = clause.alternatives
        if not others and len(first) == 1 and isinstance(first[0], Text):
            [term] = self._atom(first[0])
            return term.docs, [term]
        mask = np.zeros(self.count, dtype=bool)
        terms: list[Term] = []
        for alternative in clause.alternatives:
            holds: np.ndarray | None = None
            found: list[Term] = []
            for atom in alternative:
                if isinstance(atom, Dates | SourceIs):
                    holds = _and(holds, _joined([s.filter(atom) for s in self.segments]))
                    continue
                either = np.zeros(self.count, dtype=bool)
                for term in self._atom(atom):
                    either[term.docs] = True
                    found.append(term)
                holds = _and(holds, either)
            assert holds is not None  # an alternative holds at least one atom
            mask |= holds
            if len(alternative) > 1:  # a term counts only where its whole alternative holds
                found = [term.only(holds[term.docs]) for term in found]
            terms.extend(found)
        return mask, terms

    def hits(self, doc: int, terms: list[Term]) -> list[Hit]:
        """Every occurrence of the terms in entry ``doc``, in reading order, overlaps merged."""
        at, local = self.segment_of(doc)
        plans = [t.plans[at] for t in terms
                 if t.plans[at].pattern is not None and t.occurrences(doc)]
        out = []
        for (lang, para), found in sorted(self.segments[at].spans(local, plans).items(),
                                          key=lambda kv: (kv[0][0] != "zh", kv[0][1])):
            out.extend(Hit(lang, para, s, e) for s, e in _merged(found))
        return out


class _Ids(Sequence[str]):
    """The segments' entry ids as one sequence, each read from its segment: a list of them
    all took 25 ms at every open at a million entries (ten segments)."""

    def __init__(self, tables: list[Tables], bases: np.ndarray) -> None:
        self._tables = tables
        self._bases = bases.tolist()

    def __len__(self) -> int:
        return self._bases[-1]

    def __getitem__(self, doc: int) -> str:  # type: ignore[override]  (an entry number only)
        at = bisect.bisect_right(self._bases, doc) - 1
        return self._tables[at].ids[doc - self._bases[at]]

    def __iter__(self) -> Iterator[str]:
        return itertools.chain.from_iterable(t.ids for t in self._tables)

    def take(self, docs: np.ndarray) -> list[str]:
        """The ids of these entry numbers (ascending), a segment at a time."""
        cuts = np.searchsorted(docs, self._bases)
        return [i for at, t in enumerate(self._tables)
                for i in _take(t.ids, docs[cuts[at]:cuts[at + 1]] - self._bases[at])]


def _take(ids: Sequence[str], docs: np.ndarray) -> list[str]:
    """The ids of entry numbers ``docs`` (ascending), however ``ids`` is held."""
    return ids.take(docs) if isinstance(ids, _Ids | Lines) else [ids[d] for d in docs.tolist()]


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _and(a: np.ndarray | None, b: np.ndarray) -> np.ndarray:
    return b if a is None else a & b


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


@dataclass
class Results:
    """The entries a query matched; scores are computed when ranked, hits per entry on
    demand."""

    index: SearchIndex
    query: Query
    docs: np.ndarray  # the entries matched, ascending
    terms: list[Term] = field(repr=False)
    #: The entries ``ranked_ids`` handed out, by id: their hits need no map of every id
    #: (``SearchIndex.doc_number``: 10-20 ms at 100,000 entries, a page of a shell search).
    _ranked: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def count(self) -> int:
        return len(self.docs)

    @cached_property
    def hits(self) -> int:
        """Occurrences of the terms in the matching entries (counted when first asked)."""
        matched = self.index._mask(self.docs)
        return sum(int(t.tf.sum(dtype=np.int64)) if t.docs is self.docs
                   else int(t.tf[matched[t.docs]].sum(dtype=np.int64)) for t in self.terms)

    def ranked(self, limit: int | None = None) -> list[int]:
        """Entry numbers, best first (newest first among equals, then by entry id)."""
        return self._scored(limit)[0]

    def ranked_ids(self, limit: int | None = None) -> list[tuple[str, float]]:
        """``(entry id, score)``, best first: ``ranked`` for callers that know entries by id."""
        ids = self.index.ids
        ranked, scores = self._scored(limit)
        self._ranked.update((ids[d], d) for d in ranked)
        return [(ids[d], s) for d, s in zip(ranked, scores, strict=True)]

    @cached_property
    def _idfs(self) -> list[float]:
        return [self.index.idf(t) for t in self.terms]

    def _scored(self, limit: int | None) -> tuple[list[int], list[float]]:
        """The first ``limit`` entries and their scores, ``ranked``'s order."""
        docs, scores = self._best(None if limit is None or limit >= self.count else limit)
        start = self.index.start[docs]
        order = np.lexsort((-start, -scores))
        docs, scores = docs[order], scores[order]
        ranked = _ties_by_id(docs, scores, start[order], self.index.ids, limit)
        return ranked, scores[:len(ranked)].tolist()  # a tie's entries share its score

    def _best(self, k: int | None) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` best-scored matches (all if None), with every match tied with the k-th,
        and their scores: ``_BLOCK`` entries at a time, each block's below the best k so
        far dropped.

        Scored whole, the 610,000 matches of ``合作`` at a million entries took 9 ms,
        most of it faulting in the pages of fresh arrays of 5 MB; by blocks, whose
        arrays the allocator reuses and the cache holds, 2.5 ms.
        """
        kept = [(np.zeros(0, np.int64), np.zeros(0))]
        floor = -math.inf
        starts = range(0, self.index.count, _BLOCK)
        cuts = np.searchsorted(self.docs, [*starts, self.index.count]).tolist()
        for lo, (first, last) in zip(starts, itertools.pairwise(cuts), strict=True):
            if first == last:
                continue
            docs = self.docs[first:last]
            hi = int(docs[-1]) + 1
            counts = [t.tf[first:last] if t.docs is self.docs else t.within(lo, hi)[docs - lo]
                      for t in self.terms]
            scores = self.index.bm25(docs, counts, self._idfs)
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

    def ids(self) -> set[str]:
        return set(_take(self.index.ids, self.docs))

    def hits_in(self, doc: int) -> list[Hit]:
        return self.index.hits(doc, self.terms)

    def hits_of(self, entry_id: str) -> list[Hit]:
        """Where the query's terms occur in one entry, paragraph by paragraph."""
        doc = self._ranked.get(entry_id)
        if doc is None:
            doc = self.index.doc_number(entry_id)
        return [] if doc is None else self.hits_in(doc)


#: Entries ``Results._best`` scores at a time (one block's arrays are 1 MB at most).
_BLOCK = 1 << 17
#: ``_top`` reads every this many scores for its first guess at the cut.
_STRIDE = 64


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
