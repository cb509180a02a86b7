"""Answering queries from the tables: candidates from postings, exact by a final check.

Every text term is read as units (Han runs and words). A term of one Han run
of one or two characters, or of one word, is answered by its postings alone:
the postings say exactly where it occurs. Anything longer (``重庆市``, a phrase,
three pinyin syllables) takes the entries holding all its parts and checks each
against the folded text with a regular expression, so a bigram join that is
not in the text (重庆 ... 庆市 without 重庆市) never counts as a hit.

Ranking is BM25 (k1 1.2, b 0.75) over the terms found, newest first on ties.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from os.path import commonprefix

import numpy as np

from store.search.build import HAN_SHIFT
from store.search.fold import HAN_CLASS, WORD_CLASS
from store.search.indexfile import Tables
from store.search.query import Clause, Dates, Pinyin, Query, SourceIs, Text, parse
from store.search.syllables import readings
from store.search.terms import HAN_RUNS, WORDS, stem

_K1, _B = 1.2, 0.75
_UNITS = re.compile(f"(?P<han>{HAN_CLASS}+)|(?P<word>{WORDS.pattern})")
_SEPARATORS = r"(?:[^\w\n]|_)+"  # never a line end: a phrase stays inside its paragraph
_LANGS = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a term occurs: ``start:end`` of paragraph ``para`` of one language's text."""

    lang: str
    para: int
    start: int
    end: int


@dataclass(slots=True)
class _Plan:
    """How to find one text term: postings to intersect, then (unless exact) a check."""

    requirements: list[list[int]]  # each: keys whose union must hold the entry
    pattern: re.Pattern[str] | None
    langs: tuple[str, ...]
    exact: bool
    #: Text every match starts with: matches are tried only where it occurs.
    prefix: str = ""
    #: The whole term when it is one run of Han characters: counted in the raw bytes.
    literal: bytes = b""

    def count(self, tables: Tables, doc: int) -> int:
        """Occurrences in one entry, by the regular expression, tried only at the prefix."""
        if self.literal:
            raw, literal = tables.raw, self.literal
            if len(self.langs) == 1:
                return raw(doc, self.langs[0]).count(literal)
            return raw(doc, "zh").count(literal) + raw(doc, "en").count(literal)
        found = 0
        for lang in self.langs:
            text = tables.folded(doc, lang)
            if not self.prefix:  # pinyin: no fixed text to look for first
                found += len(self.pattern.findall(text))  # type: ignore[union-attr]
                continue
            at = text.find(self.prefix)
            while at >= 0:
                m = self.pattern.match(text, at)  # type: ignore[union-attr]
                at = text.find(self.prefix, m.end() if m else at + 1)
                found += m is not None
        return found


class SearchIndex:
    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.count = len(tables.ids)
        self._sounds: dict[str, list[str]] = {}
        self._sound_pairs: dict[tuple[str, str], list[int]] = {}

    def doc_number(self, entry_id: str) -> int | None:
        return self._numbers.get(entry_id)

    def built_from(self, revision: str, count: int) -> bool:
        """Whether the index is of the archive at ``revision`` with ``count`` entries."""
        return self.tables.built_from(revision, count)

    @cached_property
    def _numbers(self) -> dict[str, int]:
        return {e: i for i, e in enumerate(self.tables.ids)}

    @property
    def _average_length(self) -> float:
        return float(self.tables.lengths.mean()) if self.count else 1.0

    @cached_property
    def _stem_members(self) -> tuple[np.ndarray, np.ndarray]:
        """Word numbers ordered by stem, and where each stem's run starts."""
        order = np.argsort(self.tables.word_stem, kind="stable")
        starts = np.searchsorted(self.tables.word_stem[order],
                                 np.arange(len(self.tables.stems) + 1))
        return order, starts

    @cached_property
    def _day_owner(self) -> np.ndarray:
        return self._owners(self.tables.day_offsets)

    @cached_property
    def _source_owner(self) -> np.ndarray:
        return self._owners(self.tables.source_offsets)

    def _owners(self, offsets: np.ndarray) -> np.ndarray:
        """The entry each item of a per-entry list belongs to."""
        return np.repeat(np.arange(self.count, dtype=np.uint32), np.diff(offsets))

    # -- keys ------------------------------------------------------------------

    def _han_key(self, gram: str) -> int | None:
        code = ord(gram[0]) if len(gram) == 1 else ord(gram[0]) << HAN_SHIFT | ord(gram[1])
        keys = self.tables.han_keys
        i = int(np.searchsorted(keys, np.uint64(code)))
        return i if i < len(keys) and int(keys[i]) == code else None

    def _family(self, word: str) -> list[int]:
        """Keys of every indexed word with the stem of ``word``."""
        stems = self.tables.stems
        i = bisect.bisect_left(stems, stem(word))
        if i == len(stems) or stems[i] != stem(word):
            return []
        order, starts = self._stem_members
        base = len(self.tables.han_keys)
        return [base + int(w) for w in order[starts[i]:starts[i + 1]]]

    def _postings(self, keys: list[int]) -> np.ndarray:
        """Occurrences per entry, summed over ``keys``, as a dense array."""
        tf = np.zeros(self.count, dtype=np.uint32)
        t = self.tables
        for k in keys:
            lo, hi = int(t.offsets[k]), int(t.offsets[k + 1])
            tf[t.docs[lo:hi]] += t.tfs[lo:hi]
        return tf

    # -- planning --------------------------------------------------------------

    def _plan_text(self, atom: Text) -> _Plan:
        """Postings to intersect and the pattern that checks the term in the text.

        Only the term's two ends test for a word boundary: inside a phrase a word is
        followed by a separator or a Han character, neither a word character, so the
        boundary holds already. Each test is a class of every letter but Han, and a
        500-word phrase spent 3 s compiling its 1,000 copies.
        """
        requirements: list[list[int]] = []
        parts: list[str] = []
        prefixes: list[str] = []
        last_end = None
        units = list(_UNITS.finditer(atom.text))
        for m in units:
            if last_end is not None:
                parts.append(_SEPARATORS if m.start() > last_end else "")
            last_end = m.end()
            if m.group("han"):
                run = m.group()
                grams = [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
                keys = [self._han_key(g) for g in grams]
                requirements.extend([k] if k is not None else [] for k in keys)
                parts.append(re.escape(run))
                prefixes.append(run)
            else:
                family = self._family(m.group())
                requirements.append(family)
                members = sorted((self.tables.words[k - len(self.tables.han_keys)]
                                  for k in family), key=len, reverse=True)
                parts.append(f"(?:{'|'.join(map(re.escape, members))})" if members else "(?!)")
                prefixes.append(commonprefix(members))  # noqa: RUF071 (words, not paths)
        langs = (atom.lang,) if atom.lang else _LANGS
        exact = atom.lang is None and len(requirements) == 1 and len(parts) == 1
        one_run = len(parts) == 1 and HAN_RUNS.fullmatch(prefixes[0]) is not None
        pattern = "".join(parts)
        if units and units[0].group("word"):
            pattern = f"(?<!{WORD_CLASS}){pattern}"
        if units and units[-1].group("word"):
            pattern = f"{pattern}(?!{WORD_CLASS})"
        return _Plan(requirements, re.compile(pattern) if parts else None, langs, exact,
                     prefix=prefixes[0] if prefixes else "",
                     literal=prefixes[0].encode() if one_run else b"")

    def _plan_pinyin(self, atom: Pinyin) -> list[_Plan]:
        """A plan per split; each syllable and pair of syllables is looked up once.

        Up to 32 splits repeat the same few syllables: looking each up again made
        eight words of ``xian`` take 1.3 s at 100,000 entries, 64 of them 6.5 s.
        """
        plans = []
        for syllables in atom.splits:
            chars = [self._sound(s) for s in syllables]
            requirements = [self._sound_pair(a, b) for a, b in itertools.pairwise(syllables)]
            pattern = "".join(f"[{''.join(c)}]" if c else "(?!)" for c in chars)
            plans.append(_Plan(requirements, re.compile(pattern), _LANGS, len(syllables) == 2))
        return plans

    def _sound(self, syllable: str) -> list[str]:
        """The characters read ``syllable`` that occur in the archive at all, in order."""
        found = self._sounds.get(syllable)
        if found is None:
            chars = sorted(readings().get(syllable, frozenset()))
            codes = np.array([ord(c) for c in chars], dtype=np.uint64)
            keys = self.tables.han_keys
            at = np.minimum(np.searchsorted(keys, codes), max(len(keys) - 1, 0))
            hit = keys[at] == codes if len(keys) else np.zeros(len(chars), dtype=bool)
            found = self._sounds[syllable] = [c for c, h in zip(chars, hit, strict=True) if h]
        return found

    def _sound_pair(self, first: str, second: str) -> list[int]:
        """Keys of the bigrams whose characters read ``first`` then ``second``."""
        found = self._sound_pairs.get((first, second))
        if found is None:
            found = self._bigram_keys(self._sound(first), self._sound(second))
            self._sound_pairs[first, second] = found
        return found

    def _bigram_keys(self, firsts: list[str], seconds: list[str]) -> list[int]:
        if not firsts or not seconds:
            return []
        a = np.array([ord(c) for c in firsts], dtype=np.uint64)
        b = np.array([ord(c) for c in seconds], dtype=np.uint64)
        codes = (a[:, None] << np.uint64(HAN_SHIFT) | b[None, :]).ravel()
        keys = self.tables.han_keys
        at = np.searchsorted(keys, codes)
        inside = at < len(keys)
        at, codes = at[inside], codes[inside]
        return at[keys[at] == codes].tolist()

    # -- evaluating ------------------------------------------------------------

    def _occurrences(self, plan: _Plan) -> np.ndarray:
        """Occurrences of the term per entry (dense), exact.

        Each distinct requirement is read once (a phrase that repeats a word, or a
        Han run that repeats a bigram, needs those postings once), and reading stops
        as soon as no entry is left.
        """
        if not plan.requirements or any(not r for r in plan.requirements):
            return np.zeros(self.count, dtype=np.uint32)
        first = self._postings(plan.requirements[0])
        if plan.exact:
            return first
        candidates = first > 0
        for keys in list(dict.fromkeys(map(tuple, plan.requirements)))[1:]:
            if not candidates.any():
                break
            candidates &= self._postings(list(keys)) > 0
        docs = np.flatnonzero(candidates)
        tf = np.zeros(self.count, dtype=np.uint32)
        if plan.pattern is not None and len(docs):
            count, tables = plan.count, self.tables
            tf[docs] = [count(tables, doc) for doc in docs.tolist()]
        return tf

    def _filter(self, atom: Dates | SourceIs) -> np.ndarray:
        if isinstance(atom, Dates):
            days = self.tables.days
            inside = (days >= atom.first.toordinal()) & (days <= atom.last.toordinal())
            mask = np.zeros(self.count, dtype=bool)
            mask[self._day_owner[inside]] = True
            return mask
        wanted = np.array([atom.name in name or sid.startswith(atom.name)
                           for sid, name in self.tables.sources], dtype=bool)
        mask = np.zeros(self.count, dtype=bool)
        if len(wanted):
            mask[self._source_owner[wanted[self.tables.source_list]]] = True
        return mask

    @cached_property
    def _length_norm(self) -> np.ndarray:
        return _K1 * (1 - _B + _B * self.tables.lengths / self._average_length)

    def _add_bm25(self, scores: np.ndarray, tf: np.ndarray) -> None:
        """Add one term's BM25 to ``scores``, computed for the entries holding it only."""
        docs = np.flatnonzero(tf)
        if not len(docs):
            return
        idf = math.log(1 + (self.count - len(docs) + 0.5) / (len(docs) + 0.5))
        found = tf[docs].astype(np.float64)
        scores[docs] += idf * found * (_K1 + 1) / (found + self._length_norm[docs])

    def search(self, query: str | Query) -> Results:
        plan = parse(query) if isinstance(query, str) else query
        everything = np.ones(self.count, dtype=bool)
        matched = everything.copy()
        scores = np.zeros(self.count)
        terms: list[tuple[_Plan, np.ndarray]] = []
        for clause in plan.clauses:
            mask, clause_terms = self._clause(clause)
            if clause.negated:
                matched &= ~mask
                continue
            matched &= mask
            for term, tf in clause_terms:
                self._add_bm25(scores, tf)
                terms.append((term, tf))
        return Results(self, plan, matched, scores, terms)

    def _clause(self, clause: Clause) -> tuple[np.ndarray, list[tuple[_Plan, np.ndarray]]]:
        """Entries matching any alternative; each term's occurrences where its alternative holds."""
        mask = np.zeros(self.count, dtype=bool)
        terms = []
        for alternative in clause.alternatives:
            holds: np.ndarray | None = None
            found = []
            for atom in alternative:
                if isinstance(atom, Dates | SourceIs):
                    holds = _and(holds, self._filter(atom))
                    continue
                plans = self._plan_pinyin(atom) if isinstance(atom, Pinyin) \
                    else [self._plan_text(atom)]
                either = np.zeros(self.count, dtype=bool)
                for p in plans:
                    tf = self._occurrences(p)
                    either |= tf > 0
                    found.append((p, tf))
                holds = _and(holds, either)
            assert holds is not None  # an alternative holds at least one atom
            mask |= holds
            if len(alternative) > 1:  # a term counts only where its whole alternative holds
                found = [(p, np.where(holds, tf, 0).astype(np.uint32)) for p, tf in found]
            terms.extend(found)
        return mask, terms

    def hits(self, doc: int, terms: list[tuple[_Plan, np.ndarray]]) -> list[Hit]:
        """Every occurrence of the terms in entry ``doc``, in reading order, overlaps merged."""
        spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
        for plan, tf in terms:
            if not tf[doc] or plan.pattern is None:
                continue
            for lang in plan.langs:
                for para, start, end in _paragraph_spans(plan.pattern,
                                                         self.tables.folded(doc, lang)):
                    spans.setdefault((lang, para), []).append((start, end))
        out = []
        for (lang, para), found in sorted(spans.items(), key=lambda kv: (kv[0][0] != "zh",
                                                                         kv[0][1])):
            out.extend(Hit(lang, para, s, e) for s, e in _merged(found))
        return out


def _and(a: np.ndarray | None, b: np.ndarray) -> np.ndarray:
    return b if a is None else a & b


def _paragraph_spans(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int, int]]:
    para, line_start = 0, 0
    for m in pattern.finditer(text):
        if m.start() == m.end():
            continue
        while (nl := text.find("\n", line_start, m.start())) >= 0:
            para, line_start = para + 1, nl + 1
        yield para, m.start() - line_start, m.end() - line_start


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
    terms: list[tuple[_Plan, np.ndarray]] = field(repr=False)

    @cached_property
    def count(self) -> int:
        return int(np.count_nonzero(self.matched))

    @cached_property
    def hits(self) -> int:
        """Occurrences of the terms in the matching entries (counted when first asked)."""
        return sum(int(tf.sum(where=self.matched)) for _, tf in self.terms)

    def ranked(self, limit: int | None = None) -> list[int]:
        """Entry numbers, best first (newest first among equals)."""
        docs = np.flatnonzero(self.matched)
        if limit is not None and limit < len(docs):
            keep = np.argpartition(-self.scores[docs], limit - 1)[:limit]
            cutoff = self.scores[docs[keep]].min()
            docs = docs[self.scores[docs] >= cutoff]  # keep every tie at the cut
        start = self.index.tables.start[docs]
        order = np.lexsort((-start, -self.scores[docs]))
        return [int(d) for d in docs[order][:limit]]

    def ranked_ids(self, limit: int | None = None) -> list[tuple[str, float]]:
        """``(entry id, score)``, best first: ``ranked`` for callers that know entries by id."""
        ids = self.index.tables.ids
        return [(ids[d], float(self.scores[d])) for d in self.ranked(limit)]

    def ids(self) -> set[str]:
        ids = self.index.tables.ids
        return {ids[d] for d in np.flatnonzero(self.matched)}

    def hits_in(self, doc: int) -> list[Hit]:
        return self.index.hits(doc, self.terms)

    def hits_of(self, entry_id: str) -> list[Hit]:
        """Where the query's terms occur in one entry, paragraph by paragraph."""
        doc = self.index.doc_number(entry_id)
        return [] if doc is None else self.hits_in(doc)
