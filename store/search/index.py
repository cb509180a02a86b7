"""Answering queries from the index's segments, numbered end to end, as one index.

Each segment answers the query by itself (``answer``), its entries numbered
inside it, the entries a later segment or a removal superseded (tombstones,
``segments``) left out, so every count below is over live entries only. The
segments' entries are numbered end to end where one number must name an entry
(the ranking, ``doc_number``).

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
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property

import numpy as np

from store.search.answer import Asked
from store.search.indexfile import Tables
from store.search.query import Query, parse
from store.search.results import Hit, Results, Term, ids_of
from store.search.segment import Segment

_K1, _B = 1.2, 0.75


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
        #: Per segment, a view of ``live`` where an entry of it is superseded, else None.
        self._lives = [None if self.all_live or bool(self.live[lo:hi].all()) else self.live[lo:hi]
                       for lo, hi in itertools.pairwise(self._bases.tolist())]
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
        return dict(zip(ids_of(self.ids, docs), docs.tolist(), strict=True))

    @cached_property
    def _length_norm(self) -> np.ndarray:
        lengths = self.lengths if self.all_live else self.lengths[self.live]
        average = int(lengths.sum(dtype=np.int64)) / self.entries if self.entries else 1.0
        return _K1 * (1 - _B + _B * self.lengths / (average or 1.0))

    def number(self, at: int, docs: np.ndarray) -> np.ndarray:
        """Entries ``docs`` of segment ``at`` by their numbers in the whole index."""
        return docs.astype(np.int64) + int(self._bases[at])

    def idf(self, holding: int) -> float:
        """The BM25 weight of a term that ``holding`` live entries hold."""
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
        """The entries matching ``query``, each segment's answer by itself; scored when
        ranked, and then only those (scoring every entry that held a term was 14 ms of
        ``合作`` at a million)."""
        plan = parse(query) if isinstance(query, str) else query
        answers = [Asked(s, live).answer(plan) for s, live in zip(self.segments, self._lives,
                                                                   strict=True)]
        terms = [Term([a.terms[i][0] for a in answers], [a.terms[i][1] for a in answers])
                 for i in range(len(answers[0].terms))]
        return Results(self, plan, [a.docs for a in answers], terms)

    def hits(self, doc: int, terms: list[Term]) -> list[Hit]:
        """Every occurrence of the terms in entry ``doc``, in reading order, overlaps merged."""
        at, local = self.segment_of(doc)
        plans = [t.plans[at] for t in terms
                 if t.plans[at].pattern is not None and t.occurrences(at, local)]
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
                for i in ids_of(t.ids, docs[cuts[at]:cuts[at + 1]] - self._bases[at])]


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
