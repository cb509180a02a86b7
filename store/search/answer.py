"""One segment's answer to a query: the entries it matches and each term's occurrences.

A query is answered segment by segment, as Lucene answers it leaf by leaf, with
entries numbered inside the segment; ``index.SearchIndex`` lays the answers end
to end. No array here is longer than a segment (``segments.PIECE``, 100,000
entries). Arrays as long as the whole index cost more than their work: at a
million entries each fresh one of 8 MB is two thousand pages to fault in, and
half of the time of ``重庆 -合作`` (in a profile) went to laying its terms'
entries end to end. Answered by segments it takes 12.8 ms against 16.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from store.search.query import Clause, Dates, Pinyin, Query, SourceIs, Text
from store.search.segment import Found, Plan, Segment

#: One term in one segment: its plan there, and the live entries holding it.
Held = tuple[Plan, Found]

#: A query whose rarest term is in fewer than one entry in this many is answered from
#: that term's entries; otherwise by masks of every entry, a byte an entry.
_SPARSE = 16


@dataclass(frozen=True, slots=True)
class Answer:
    """The entries matched (ascending) and every positive term, in the query's order."""

    docs: np.ndarray
    terms: list[Held]


class Asked:
    """``segment`` asked a query; ``live`` masks the entries a later segment or a removal
    superseded (None: every entry is live)."""

    def __init__(self, segment: Segment, live: np.ndarray | None) -> None:
        self.segment = segment
        self.count = segment.count
        self.live = live

    def answer(self, query: Query) -> Answer:
        terms: list[Held] = []
        positive, negative = [], []
        for clause in query.clauses:
            found, clause_terms = self._clause(clause)
            if clause.negated:
                negative.append(found)
                continue
            positive.append(found)
            terms.extend(clause_terms)
        return Answer(self._matched(positive, negative), terms)

    def _matched(self, positive: list[np.ndarray], negative: list[np.ndarray]) -> np.ndarray:
        """The live entries in every ``positive`` answer and no ``negative`` one, ascending.

        An answer is a mask, one per entry, or a term's entries (``_clause``). A query
        of one term is its entries as they are; a term's entries are kept where the
        other answers hold when it is rare (``_SPARSE``). Masks combine the rest:
        ``重庆 -合作`` at a million entries took 16.6 ms so, against 20.0 by
        filtering 重庆's 986,000 entries.
        """
        terms = sorted((f for f in positive if f.dtype != bool), key=len)
        alone = len(positive) == 1 and not negative
        if not terms or (not alone and len(terms[0]) > self.count // _SPARSE):
            matched = np.ones(self.count, dtype=bool) if self.live is None else self.live.copy()
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
        return found if found.dtype == bool else self.segment.mask(found)

    def _clause(self, clause: Clause) -> tuple[np.ndarray, list[Held]]:
        """Entries matching any alternative (a mask, or a lone term's entries); each term's
        occurrences where its alternative holds."""
        [first, *others] = clause.alternatives
        if not others and len(first) == 1 and isinstance(first[0], Text):
            [term] = self._atom(first[0])
            return term[1][0], [term]
        mask = np.zeros(self.count, dtype=bool)
        terms: list[Held] = []
        for alternative in clause.alternatives:
            holds: np.ndarray | None = None
            found: list[Held] = []
            for atom in alternative:
                if isinstance(atom, Dates | SourceIs):
                    holds = _and(holds, self.segment.filter(atom))
                    continue
                either = np.zeros(self.count, dtype=bool)
                for term in self._atom(atom):
                    either[term[1][0]] = True
                    found.append(term)
                holds = _and(holds, either)
            assert holds is not None  # an alternative holds at least one atom
            mask |= holds
            if len(alternative) > 1:  # a term counts only where its whole alternative holds
                found = [_only(term, holds[term[1][0]]) for term in found]
            terms.extend(found)
        return mask, terms

    def _atom(self, atom: Text | Pinyin) -> list[Held]:
        """A text term's live entries (a pinyin term: one term per way to split it)."""
        plans = ([self.segment.plan_text(atom)] if isinstance(atom, Text)
                 else self.segment.plan_pinyin(atom))
        held = [(plan, self.segment.holding(plan)) for plan in plans]
        if self.live is None:
            return held
        return [_only(term, self.live[term[1][0]]) for term in held]


def _only(term: Held, keep: np.ndarray) -> Held:
    """The term in the entries where ``keep`` (one per entry holding it) is true."""
    plan, (docs, tf) = term
    return plan, (docs[keep], tf[keep])


def _and(a: np.ndarray | None, b: np.ndarray) -> np.ndarray:
    return b if a is None else a & b
