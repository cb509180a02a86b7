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


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a term occurs: ``start:end`` of paragraph ``para`` of one language's text."""

    lang: str
    para: int
    start: int
    end: int


#: One term: its plan in each segment, and its occurrences per entry of all of them.
Term = tuple[list[Plan], np.ndarray]


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
        self.all_live = bool(self.live.all())
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

    def _joined(self, parts: list[np.ndarray]) -> np.ndarray:
        """Per-segment answers end to end, superseded entries zero."""
        out = _joined(parts)
        if not self.all_live:
            out = np.where(self.live, out, 0).astype(out.dtype)
        return out

    def _add_bm25(self, scores: np.ndarray, tf: np.ndarray) -> None:
        """Add one term's BM25 to ``scores``, computed for the entries holding it only."""
        docs = np.flatnonzero(tf)
        if not len(docs):
            return
        idf = math.log(1 + (self.entries - len(docs) + 0.5) / (len(docs) + 0.5))
        found = tf[docs].astype(np.float64)
        scores[docs] += idf * found * (_K1 + 1) / (found + self._length_norm[docs])

    def search(self, query: str | Query) -> Results:
        plan = parse(query) if isinstance(query, str) else query
        matched = self.live.copy()
        scores = np.zeros(self.count)
        terms: list[Term] = []
        for clause in plan.clauses:
            mask, clause_terms = self._clause(clause)
            if clause.negated:
                matched &= ~mask
                continue
            matched &= mask
            for term in clause_terms:
                self._add_bm25(scores, term[1])
                terms.append(term)
        return Results(self, plan, matched, scores, terms)

    def _atom(self, atom: Text | Pinyin) -> list[Term]:
        """A text term's occurrences (a pinyin term: one per way to split it)."""
        if isinstance(atom, Text):
            per_segment = [[s.plan_text(atom)] for s in self.segments]
        else:
            per_segment = [s.plan_pinyin(atom) for s in self.segments]
        found = []
        for plans in map(list, zip(*per_segment, strict=True)):
            tf = self._joined([s.occurrences(p) for s, p in zip(self.segments, plans,
                                                                 strict=True)])
            found.append((plans, tf))
        return found

    def _clause(self, clause: Clause) -> tuple[np.ndarray, list[Term]]:
        """Entries matching any alternative; each term's occurrences where its alternative holds."""
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
                for plans, tf in self._atom(atom):
                    either |= tf > 0
                    found.append((plans, tf))
                holds = _and(holds, either)
            assert holds is not None  # an alternative holds at least one atom
            mask |= holds
            if len(alternative) > 1:  # a term counts only where its whole alternative holds
                found = [(p, np.where(holds, tf, 0).astype(np.uint32)) for p, tf in found]
            terms.extend(found)
        return mask, terms

    def hits(self, doc: int, terms: list[Term]) -> list[Hit]:
        """Every occurrence of the terms in entry ``doc``, in reading order, overlaps merged."""
        at, local = self.segment_of(doc)
        plans = [p[at] for p, tf in terms if tf[doc] and p[at].pattern is not None]
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
    """The entries a query matched, with scores; hits are found per entry on demand."""

    index: SearchIndex
    query: Query
    matched: np.ndarray  # bool per entry
    scores: np.ndarray
    terms: list[Term] = field(repr=False)
    #: The entries ``ranked_ids`` handed out, by id: their hits need no map of every id
    #: (``SearchIndex.doc_number``: 10-20 ms at 100,000 entries, a page of a shell search).
    _ranked: dict[str, int] = field(default_factory=dict, repr=False)

    @cached_property
    def count(self) -> int:
        return int(np.count_nonzero(self.matched))

    @cached_property
    def hits(self) -> int:
        """Occurrences of the terms in the matching entries (counted when first asked)."""
        return sum(int(tf.sum(where=self.matched)) for _, tf in self.terms)

    def ranked(self, limit: int | None = None) -> list[int]:
        """Entry numbers, best first (newest first among equals, then by entry id)."""
        docs = np.flatnonzero(self.matched)
        if limit is not None and limit < len(docs):
            keep = np.argpartition(-self.scores[docs], limit - 1)[:limit]
            cutoff = self.scores[docs[keep]].min()
            docs = docs[self.scores[docs] >= cutoff]  # keep every tie at the cut
        start = self.index.start[docs]
        order = np.lexsort((-start, -self.scores[docs]))
        return _ties_by_id(docs[order], self.scores, self.index.start, self.index.ids, limit)

    def ranked_ids(self, limit: int | None = None) -> list[tuple[str, float]]:
        """``(entry id, score)``, best first: ``ranked`` for callers that know entries by id."""
        ids = self.index.ids
        ranked = self.ranked(limit)
        self._ranked.update((ids[d], d) for d in ranked)
        return [(ids[d], float(self.scores[d])) for d in ranked]

    def ids(self) -> set[str]:
        return set(_take(self.index.ids, np.flatnonzero(self.matched)))

    def hits_in(self, doc: int) -> list[Hit]:
        return self.index.hits(doc, self.terms)

    def hits_of(self, entry_id: str) -> list[Hit]:
        """Where the query's terms occur in one entry, paragraph by paragraph."""
        doc = self._ranked.get(entry_id)
        if doc is None:
            doc = self.index.doc_number(entry_id)
        return [] if doc is None else self.hits_in(doc)


def _ties_by_id(ordered: np.ndarray, scores: np.ndarray, start: np.ndarray, ids: list[str],
                limit: int | None) -> list[int]:
    """The first ``limit`` of ``ordered``, each run of equal score and date by entry id.

    Without it the order of entries inside the segments would decide, and an
    index grown by segments would rank ties otherwise than one built afresh.
    Only runs that begin inside the first ``limit`` are ordered, in Python, and
    of a run that crosses it only the smallest ids are picked: at 100,000
    entries a page of 20 from a tie of thousands took 5 ms fully sorted, 1 ms so.
    """
    end = len(ordered) if limit is None else min(limit, len(ordered))
    out = ordered[:end].tolist()
    s, d = scores[ordered], start[ordered]
    same = np.flatnonzero((s[1:] == s[:-1]) & (d[1:] == d[:-1]))
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
