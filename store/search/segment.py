"""One segment of the index answering one term: keys, postings, the check in the text.

A segment is one index file (``indexfile.Tables``) with entries numbered from 0.
Everything here reads that segment alone, so a term is planned once per
segment (a word's family and a syllable's characters are those the segment
holds; a pattern built from them finds in the segment's text exactly what one
built from every segment's words would) and ``index.SearchIndex`` lays the
segments' answers end to end.

Every text term is read as units (Han runs and words). A term of one word, or
of one Han run of up to three characters (a character, a bigram or a trigram
key), is answered by its postings alone: they count it exactly, unless two
occurrences can overlap (哈哈 is once in 哈哈哈, its bigram twice); so are two or
three pinyin syllables, by the keys of every gram that reads them. Anything
longer (``外事办公室``, a phrase, four syllables, a term in one language) takes
the entries holding all its parts (for a Han run, the trigrams that cover it),
then their parts' positions (``indexfile``): a match is where each part stands
at its place after the first, parted from the one before as in the query, so a
bigram join that is not in the text (重庆 ... 庆市 without 重庆市)
never counts as a hit. Checking each candidate's text with a regular expression
instead took 126 ms for ``"Foreign Affairs Office"`` at 100,000 entries (38,700
entries read), 13 ms by positions; 重慶市 47 ms, 9 ms. The text is still read
for the entries whose positions cannot decide (``Tables.unsure``), and where
reading it is cheaper (``_cheaper_read``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from os.path import commonprefix

import numpy as np

from store.lang.patterns import compiled
from store.search.build import ADJACENT, HAN_SHIFT, MAX_TF, SEPARATED
from store.search.damaged import Damaged
from store.search.fold import HAN_CLASS, WORD_CLASS
from store.search.indexfile import Tables
from store.search.query import Dates, Pinyin, SourceIs, Text
from store.search.syllables import readings
from store.search.terms import HAN_RUNS, WORDS, stem

#: One term in one segment: the entries holding it (ascending) and its occurrences in each.
Found = tuple[np.ndarray, np.ndarray]
_NONE: Found = (np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.uint32))
_UNITS = compiled(f"(?P<han>{HAN_CLASS}+)|(?P<word>{WORDS.pattern})")
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
    #: Per requirement: its unit's place after the first unit's, and the gap it needs
    #: before it (``build.ADJACENT`` or ``SEPARATED``; None: any, or a bigram's own).
    places: list[int] = field(default_factory=list)
    gaps: list[int | None] = field(default_factory=list)
    #: Units one match spans: matches that start closer overlap, and count once.
    units: int = 0
    #: Trigram keys (each a union, as requirements) whose postings hold every match:
    #: they pick the entries whose positions are compared (``Segment.holding``).
    filters: list[list[int]] = field(default_factory=list)

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
        self.count = tables.count
        self._sounds: dict[str, list[str]] = {}
        self._sound_grams: dict[tuple[str, ...], list[int]] = {}

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
        """The key of one, two or three Han characters, None if the segment has none."""
        code = 0
        for char in gram:
            code = code << HAN_SHIFT | ord(char)
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

    # -- planning --------------------------------------------------------------

    def plan_text(self, atom: Text) -> Plan:
        """Postings to intersect and the pattern that checks the term in the text.

        Only the term's two ends test for a word boundary: inside a phrase a word is
        followed by a separator or a Han character, neither a word character, so the
        boundary holds already. Each test is a class of every letter but Han, and a
        500-word phrase spent 3 s compiling its 1,000 copies.
        """
        requirements: list[list[int]] = []
        filters: list[list[int]] = []
        places: list[int] = []
        gaps: list[int | None] = []
        parts: list[str] = []
        prefixes: list[str] = []
        last_end = None
        place = 0
        units = list(_UNITS.finditer(atom.text))
        for m in units:
            gap = None
            if last_end is not None:
                gap = SEPARATED if m.start() > last_end else ADJACENT
                parts.append(_SEPARATORS if gap == SEPARATED else "")
            last_end = m.end()
            if m.group("han"):
                run = m.group()
                grams = [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
                requirements.extend(self._keys(grams))
                filters.extend(self._keys(_trigram_cover(run)))
                places.extend(range(place, place + len(grams)))
                gaps.extend([gap] + [None] * (len(grams) - 1))
                place += len(run)
                parts.append(re.escape(run))
                prefixes.append(run)
            else:
                family = self._family(m.group())
                requirements.append(family)
                places.append(place)
                gaps.append(gap)
                place += 1
                members = sorted((self.tables.words[k - len(self.tables.han_keys)]
                                  for k in family), key=len, reverse=True)
                parts.append(f"(?:{'|'.join(map(re.escape, members))})" if members else "(?!)")
                prefixes.append(commonprefix(members))  # noqa: RUF071 (words, not paths)
        langs = (atom.lang,) if atom.lang else _LANGS
        one_run = len(parts) == 1 and HAN_RUNS.fullmatch(prefixes[0]) is not None
        # One unit, or a Han run of up to three as one key, in either language: its
        # postings count it, unless two occurrences can overlap (哈哈 in 哈哈哈 is one).
        exact = atom.lang is None and len(parts) == 1 and (
            not one_run or (len(prefixes[0]) < 4 and not _can_overlap([{c} for c in prefixes[0]])))
        if exact and len(filters) == 1:
            requirements, filters, places, gaps = filters, [], [0], [None]
        pattern = "".join(parts)
        if units and units[0].group("word"):
            pattern = f"(?<!{WORD_CLASS}){pattern}"
        if units and units[-1].group("word"):
            pattern = f"{pattern}(?!{WORD_CLASS})"
        prefix = prefixes[0] if prefixes else ""
        return Plan(requirements, re.compile(pattern) if parts else None, langs, exact,
                    prefix=prefix, prefix_bytes=prefix.encode(),
                    literal=prefix.encode() if one_run else b"", places=places, gaps=gaps,
                    units=place, filters=filters)

    def _keys(self, grams: list[str]) -> list[list[int]]:
        """Each gram's key alone, or none (no entry of the segment holds it)."""
        return [[k] if (k := self._han_key(g)) is not None else [] for g in grams]

    def plan_pinyin(self, atom: Pinyin) -> list[Plan]:
        """A plan per split; each syllable, and each pair or three of them, is looked up
        once. Two or three syllables are the postings of the bigrams or trigrams they
        read, exact unless two matches can overlap (a character of one syllable also
        reads the next): ``jianada`` took 11-13 ms at a million entries by bigram
        positions, 4.4-4.6 ms as trigrams.

        Up to 32 splits repeat the same few syllables: looking each up again made
        eight words of ``xian`` take 1.3 s at 100,000 entries, 64 of them 6.5 s.
        """
        plans = []
        for syllables in atom.splits:
            chars = [self._sound(s) for s in syllables]
            requirements = [self._sound_gram(*pair) for pair in itertools.pairwise(syllables)]
            places = list(range(len(requirements)))
            # Two or three syllables are one gram's keys, exact unless matches can overlap.
            exact = len(syllables) in (2, 3) and not _can_overlap([set(c) for c in chars])
            if exact and len(syllables) == 3:
                requirements, places = [self._sound_gram(*syllables)], [0]
            pattern = "".join(f"[{''.join(c)}]" if c else "(?!)" for c in chars)
            plans.append(Plan(requirements, re.compile(pattern), _LANGS, exact, places=places,
                              gaps=[None] * len(requirements), units=len(syllables)))
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

    def _sound_gram(self, *syllables: str) -> list[int]:
        """Keys of the bigrams (or trigrams) whose characters read ``syllables`` in turn."""
        found = self._sound_grams.get(syllables)
        if found is None:
            sounds = [self._sound(s) for s in syllables]
            found = self._sound_grams[syllables] = (
                self._bigram_keys(*sounds) if len(sounds) == 2 else self._trigram_keys(*sounds))
        return found

    def _trigram_keys(self, firsts: list[str], seconds: list[str], thirds: list[str]
                      ) -> list[int]:
        """Keys of the trigrams of a first, a second and a third of these characters.

        Not every combination is looked up (the readings table gives ``shi`` 364
        characters and ``yi`` 840, so three syllables could be millions of codes):
        each pair of a first and a second character the segment holds is a range of
        trigram keys, and the keys in those ranges are kept whose third character is
        one of ``thirds``.
        """
        if not firsts or not seconds or not thirds:
            return []
        a = np.array([ord(c) for c in firsts], dtype=np.uint64)
        b = np.array([ord(c) for c in seconds], dtype=np.uint64)
        lows = (a[:, None] << np.uint64(2 * HAN_SHIFT) | b[None, :] << np.uint64(HAN_SHIFT)).ravel()
        keys = self.tables.han_keys
        starts = np.searchsorted(keys, lows)
        counts = np.searchsorted(keys, lows + np.uint64(1 << HAN_SHIFT)) - starts
        at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        wanted = np.array(sorted(ord(c) for c in thirds), dtype=np.uint64)
        ends = keys[at] & np.uint64((1 << HAN_SHIFT) - 1)
        found = wanted[np.minimum(np.searchsorted(wanted, ends), len(wanted) - 1)] == ends
        return at[found].tolist()

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

    def holding(self, plan: Plan) -> Found:
        """The entries holding the term (ascending) and its occurrences in each, exact.

        Nothing here is as long as the segment but masks of a byte an entry: ten
        segments' counts of every entry laid end to end were most of a rare word's
        6 ms at a million entries. Entries out of order, which only a file written
        with matching checksums can give, are ``Damaged``: the ranking reads them in
        order.
        """
        docs, tf = self._holding(plan)
        if len(docs) > 1 and not bool(np.all(docs[1:] > docs[:-1])):
            raise Damaged("docs: a term's entries are not in ascending order")
        return docs, tf

    def _holding(self, plan: Plan) -> Found:
        """``holding``, unchecked. The entries holding every filter (or, with none,
        every requirement) are the candidates: the trigrams that cover a run of three
        or more imply its bigrams, and are rarer. Each distinct one is read once (a
        phrase that repeats a word, or a run that repeats a gram, needs those postings
        once), and reading stops as soon as no entry is left."""
        if not plan.requirements or any(not r for r in (*plan.requirements, *plan.filters)):
            return _NONE
        if plan.exact:
            return self._recounted(plan, *self._postings(plan.requirements[0]))
        gates = list(dict.fromkeys(map(tuple, plan.filters or plan.requirements)))
        candidates = self.mask(*(self.tables.postings(k)[0] for k in gates[0]))
        for keys in gates[1:]:
            if not candidates.any():
                break
            candidates &= self.mask(*(self.tables.postings(k)[0] for k in keys))
        if plan.pattern is None or not candidates.any():
            return _NONE
        unsure = self.tables.unsure
        doubtful = unsure[candidates[unsure]] if len(unsure) else unsure
        if not len(doubtful):
            return self._matches(plan, candidates)
        candidates[doubtful] = False
        docs, tf = (np.concatenate(x) for x in zip(self._scanned(plan, doubtful),
                                                   self._matches(plan, candidates), strict=True))
        order = np.argsort(docs, kind="stable")
        return docs[order], tf[order]

    def _postings(self, keys: list[int]) -> Found:
        """The entries holding any of ``keys``, each with its occurrences summed."""
        if len(keys) == 1:
            return self.tables.postings(keys[0])
        dense = np.zeros(self.count, dtype=np.uint32)
        for k in keys:
            docs, tfs = self.tables.postings(k)
            dense[docs] += tfs
        docs = np.flatnonzero(dense)
        return docs, dense[docs]

    def _recounted(self, plan: Plan, docs: np.ndarray, tf: np.ndarray) -> Found:
        """The postings' counts, those at the cap (``MAX_TF`` a key) counted in the text:
        一二三 65,536 times in an entry was 65,535 by its trigram's postings."""
        capped = np.flatnonzero(tf >= MAX_TF)
        if not len(capped):
            return docs, tf
        tf = tf.astype(np.int64)
        tf[capped] = self._scanned(plan, docs[capped])[1]  # each holds the term 65,535 times
        return docs, tf

    def mask(self, *entries: np.ndarray) -> np.ndarray:
        """A byte per entry of the segment: true for each of ``entries``."""
        mask = np.zeros(self.count, dtype=bool)
        for docs in entries:
            mask[docs] = True
        return mask

    def _matches(self, plan: Plan, candidates: np.ndarray) -> Found:
        """The entries of ``candidates`` where the term occurs, and how often, by its parts'
        positions (matches that overlap count once, as a scan from the left finds them)."""
        found: np.ndarray | None = None
        read: dict[tuple[tuple[int, ...], int | None], np.ndarray] = {}
        pos_offsets = self.tables.pos_offsets
        steps = sorted(zip(plan.requirements, plan.places, plan.gaps, strict=True),
                       key=lambda r: sum(int(pos_offsets[k + 1] - pos_offsets[k]) for k in r[0]))
        for done, (keys, place, gap) in enumerate(steps, 1):
            seen = read.get((tuple(keys), gap))  # 哈哈哈哈: one bigram at three places
            if seen is None:
                seen = read[tuple(keys), gap] = self._units(keys, gap, candidates)
            starts = seen[(seen & _RANKS) >= place] - place if place else seen
            if found is None:
                if len(plan.langs) == 1:
                    starts = starts[(starts >> _LANG_BIT & 1) == (plan.langs[0] == "en")]
                found = starts
            else:
                before = len(found)
                at = np.minimum(np.searchsorted(starts, found), max(len(starts) - 1, 0))
                found = found[starts[at] == found] if len(starts) else starts
                if 2 * len(found) > before and self._cheaper_read(found, len(steps) - done):
                    return self._scanned(plan, _entries(found))
            if not len(found):
                break
            if len(plan.requirements) > 1:  # the next part: read where these are only
                candidates = self.mask(found >> 32)
        assert found is not None  # a plan with a pattern has a requirement
        if not len(found):
            return _NONE
        docs = found >> 32
        firsts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]])
        entries, counts = docs[firsts], np.diff(np.r_[firsts, len(docs)])
        for doc in np.unique(docs[1:][np.diff(found) < plan.units]).tolist():
            counts[np.searchsorted(entries, doc)] = _apart(found[docs == doc].tolist(), plan.units)
        return entries, counts

    def _cheaper_read(self, found: np.ndarray, left: int) -> bool:
        """Whether reading the text of the entries still in ``found`` costs less than
        ``left`` more parts would: a run like 哈哈哈哈… of 1,000 characters in an entry
        holding a longer one, where each part keeps nearly every match (in a run of
        60,000: 2.1 s by positions, 12 ms by the text)."""
        if not left:
            return False
        offsets = self.tables.text_offsets
        docs = _entries(found)
        size = int((offsets[2 * docs + 2] - offsets[2 * docs]).sum())
        return left * len(found) > size

    def _scanned(self, plan: Plan, docs: np.ndarray) -> Found:
        """The entries of ``docs`` where the pattern is found in their text, and how often."""
        count, raw = plan.count, self.tables.reader(docs)
        counts = np.array([count(raw, doc) for doc in docs.tolist()], dtype=np.int64)
        held = counts > 0
        return docs[held], counts[held]

    def _units(self, keys: list[int], gap: int | None, candidates: np.ndarray) -> np.ndarray:
        """Each occurrence of ``keys`` in the candidates (with the gap ``gap`` before it):
        ``entry << 32 | language << 29 | unit``, sorted."""
        pieces = []
        for key in keys:
            docs, positions = self.tables.positions_in(key, candidates)
            if gap is not None:
                keep = (positions & 3) == gap
                docs, positions = docs[keep], positions[keep]
            pieces.append(docs.astype(np.int64) << 32 | positions >> 2)
        starts = np.concatenate(pieces) if pieces else np.zeros(0, np.int64)
        if len(pieces) > 1:
            starts.sort()
        return starts

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


#: In a match's start: the bit of its language, and the bits of its unit.
_LANG_BIT = 29
_RANKS = (1 << _LANG_BIT) - 1


def _trigram_cover(run: str) -> list[str]:
    """Trigrams of a Han run, each sharing a character with the next, that cover it:
    an entry holding them all may hold the run (0, 2, 4 and 5 of eight characters)."""
    if len(run) < 3:
        return []
    return [run[i:i + 3] for i in sorted({*range(0, len(run) - 2, 2), len(run) - 3})]


def _can_overlap(classes: list[set[str]]) -> bool:
    """Whether two matches of a pattern of these character classes, one after another,
    can overlap: at some shift, each class meets the class it would lie on (a literal
    run overlaps itself when it ends as it begins: 哈哈 in 哈哈哈, 哈嘿哈 in 哈嘿哈嘿哈)."""
    return any(all(classes[i] & classes[i + shift] for i in range(len(classes) - shift))
               for shift in range(1, len(classes)))


def _entries(found: np.ndarray) -> np.ndarray:
    """The entries of matches (ascending), each once."""
    docs = found >> 32
    return docs[np.r_[True, docs[1:] != docs[:-1]]]


def _apart(starts: list[int], units: int) -> int:
    """How many of ``starts`` (ascending) a scan from the left takes, each match
    ``units`` long: ``哈哈哈`` twice in ``哈哈哈哈哈哈哈``, as ``bytes.count`` says."""
    taken, free = 0, -1
    for start in starts:
        if start >= free:
            taken, free = taken + 1, start + units
    return taken


def _paragraph_spans(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int, int]]:
    para, line_start = 0, 0
    for m in pattern.finditer(text):
        if m.start() == m.end():
            continue
        while (nl := text.find("\n", line_start, m.start())) >= 0:
            para, line_start = para + 1, nl + 1
        yield para, m.start() - line_start, m.end() - line_start
