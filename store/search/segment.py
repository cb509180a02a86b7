"""One segment of the index answering one term: keys, postings, the check in the text.

A segment is one index file (``indexfile.Tables``) with entries numbered from 0.
Everything here reads that segment alone, so a term is planned once per
segment (a word's family and a syllable's characters are those the segment
holds; a pattern built from them finds in the segment's text exactly what one
built from every segment's words would) and ``index.SearchIndex`` lays the
segments' answers end to end.

Every text term is read as units (Han runs and words). A term of one Han run
of one or two characters, or of one word, is answered by its postings alone:
the postings say exactly where it occurs. Anything longer (``重庆市``, a phrase,
three pinyin syllables) takes the entries holding all its parts and checks each
against the folded text with a regular expression, so a bigram join that is
not in the text (重庆 ... 庆市 without 重庆市) never counts as a hit.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from os.path import commonprefix

import numpy as np

from store.search.build import HAN_SHIFT
from store.search.fold import HAN_CLASS, WORD_CLASS
from store.search.indexfile import Tables
from store.search.query import Dates, Pinyin, SourceIs, Text
from store.search.syllables import readings
from store.search.terms import HAN_RUNS, WORDS, stem

_UNITS = re.compile(f"(?P<han>{HAN_CLASS}+)|(?P<word>{WORDS.pattern})")
_SEPARATORS = r"(?:[^\w\n]|_)+"  # never a line end: a phrase stays inside its paragraph
_LANGS = ("zh", "en")


@dataclass(slots=True)
class Plan:
    """How to find one text term: postings to intersect, then (unless exact) a check."""

    requirements: list[list[int]]  # each: keys whose union must hold the entry
    pattern: re.Pattern[str] | None
    langs: tuple[str, ...]
    exact: bool
    #: Text every match starts with: matches are tried only where it occurs.
    prefix: str = ""
    #: The same in UTF-8, looked for before an entry's text is decoded: an English
    #: phrase is in none of the Chinese texts, and decoding them was half of its time.
    prefix_bytes: bytes = b""
    #: The whole term when it is one run of Han characters: counted in the raw bytes.
    literal: bytes = b""

    def count(self, raw: Callable[[int, str], bytes], doc: int) -> int:
        """Occurrences in one entry, by the regular expression, tried only at the prefix.

        ``raw`` reads an entry's folded text (``Tables.reader``).
        """
        if self.literal:
            literal = self.literal
            if len(self.langs) == 1:
                return raw(doc, self.langs[0]).count(literal)
            return raw(doc, "zh").count(literal) + raw(doc, "en").count(literal)
        found = 0
        for lang in self.langs:
            data = raw(doc, lang)
            if self.prefix_bytes not in data:  # most of one language's texts: never decoded
                continue
            text = str(data, "utf-8", "replace")
            if not self.prefix:  # pinyin: no fixed text to look for first
                found += len(self.pattern.findall(text))  # type: ignore[union-attr]
                continue
            at = text.find(self.prefix)
            while at >= 0:
                m = self.pattern.match(text, at)  # type: ignore[union-attr]
                at = text.find(self.prefix, m.end() if m else at + 1)
                found += m is not None
        return found


class Segment:
    """One index file's tables, queried by the entry numbers inside it."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.count = len(tables.ids)
        self._sounds: dict[str, list[str]] = {}
        self._sound_pairs: dict[tuple[str, str], list[int]] = {}

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
        for k in keys:
            docs, tfs = self.tables.postings(k)
            tf[docs] += tfs
        return tf

    # -- planning --------------------------------------------------------------

    def plan_text(self, atom: Text) -> Plan:
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
        prefix = prefixes[0] if prefixes else ""
        return Plan(requirements, re.compile(pattern) if parts else None, langs, exact,
                    prefix=prefix, prefix_bytes=prefix.encode(),
                    literal=prefix.encode() if one_run else b"")

    def plan_pinyin(self, atom: Pinyin) -> list[Plan]:
        """A plan per split; each syllable and pair of syllables is looked up once.

        Up to 32 splits repeat the same few syllables: looking each up again made
        eight words of ``xian`` take 1.3 s at 100,000 entries, 64 of them 6.5 s.
        """
        plans = []
        for syllables in atom.splits:
            chars = [self._sound(s) for s in syllables]
            requirements = [self._sound_pair(a, b) for a, b in itertools.pairwise(syllables)]
            pattern = "".join(f"[{''.join(c)}]" if c else "(?!)" for c in chars)
            plans.append(Plan(requirements, re.compile(pattern), _LANGS, len(syllables) == 2))
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

    def occurrences(self, plan: Plan) -> np.ndarray:
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
            count, raw = plan.count, self.tables.reader(docs)
            tf[docs] = [count(raw, doc) for doc in docs.tolist()]
        return tf

    def filter(self, atom: Dates | SourceIs) -> np.ndarray:
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

    def spans(self, doc: int, plans: list[Plan]) -> dict[tuple[str, int], list[tuple[int, int]]]:
        """Where each of ``plans`` occurs in entry ``doc``, by language and paragraph."""
        spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
        for plan in plans:
            for lang in plan.langs:
                for para, start, end in _paragraph_spans(plan.pattern,  # type: ignore[arg-type]
                                                         self.tables.folded(doc, lang)):
                    spans.setdefault((lang, para), []).append((start, end))
        return spans


def _paragraph_spans(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int, int]]:
    para, line_start = 0, 0
    for m in pattern.finditer(text):
        if m.start() == m.end():
            continue
        while (nl := text.find("\n", line_start, m.start())) >= 0:
            para, line_start = para + 1, nl + 1
        yield para, m.start() - line_start, m.end() - line_start
