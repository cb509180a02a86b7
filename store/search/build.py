"""Building the index from the archive's entries, in bulk.

A loop over 100,000 entries adding each gram to a dict of lists took over 20 s
here. So the text is cut into units by regular expressions and ``str``
methods (which run in C), units are found and numbered over the code points with
numpy, and grouping them into postings is one stable sort of ``(key, entry)``
pairs, which keeps each posting's positions in reading order.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache
from typing import NamedTuple

import numpy as np
import orjson

from store.lang.patterns import compiled
from store.search.fold import HAN_CLASS, fold
from store.search.indexfile import Tables
from store.search.terms import WORDS, stems

#: Han keys: a character's code point, two as ``a << HAN_SHIFT | b``, or three as
#: ``a << 2 * HAN_SHIFT | b << HAN_SHIFT | c`` (a trigram: every key from ``1 << 42``).
HAN_SHIFT = 21
#: Occurrences a posting counts at most (``tfs`` are 16 bits): a count at it is read
#: again in the text (``segment.Segment``).
MAX_TF = np.iinfo(np.uint16).max
#: Entries per chunk: 2**13, so a packed (key, entry) pair fits in 64 bits.
_CHUNK = 8192


class SearchDoc(NamedTuple):
    """What the index needs of one entry."""

    id: str
    start: str | None
    days: tuple[str, ...]
    source: str  # the id of the source the entry names
    zh: Sequence[str]
    en: Sequence[str]
    #: Ids of other sources that list the same entry (the same text in two files).
    also: tuple[str, ...] = ()
    #: ``digest`` of the entry as given (before folding); computed by ``build`` if None.
    digest: int | None = None


def digest(doc: SearchDoc) -> int:
    """64 bits of what the index holds of an entry besides its sources: its dates and
    text. An update re-indexes an entry of a changed part only if this changed
    (``store.search.segments``): 38 µs for an entry of 19 kB here."""
    data = orjson.dumps([doc.start, doc.days, doc.zh, doc.en])
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def folded(doc: SearchDoc) -> SearchDoc:
    """``doc`` with its texts folded and its digest kept, for ``build(..., folded=True)``."""
    return doc._replace(zh=[fold(p) for p in doc.zh], en=[fold(p) for p in doc.en],
                        digest=digest(doc) if doc.digest is None else doc.digest)


def build(docs: Iterable[SearchDoc], sources: Mapping[str, str], revision: str, *,
          folded: bool = False) -> Tables:
    """Index ``docs``; ``sources`` maps source ids to names (for ``source:``): the tables
    keep those their entries name, so a piece of a large archive does not carry every
    source of the archive.

    ``folded``: the texts and names are folded already (a segment built from other
    segments, whose text is kept folded, or from ``folded`` docs). Folding is
    not idempotent for every character (U+85B4 folds to 苧, which folds to 苎), so
    folded text is never folded again.

    An entry belongs to its own source and to every source in ``also``: an entry
    found in two files is found by ``source:`` with either name.

    Entries are taken a chunk at a time, so the folded text of only one chunk is
    in memory at once and the sorts stay small; the chunks' postings are then
    laid end to end per key.
    """
    ids: list[str] = []
    start: list[int] = []
    day_lists: list[list[int]] = []
    source_counts: list[int] = []
    source_list: list[int] = []
    text = bytearray()  # grown in place: a list of pieces joined at the end held it twice
    text_sizes: list[int] = []
    digests: list[int] = []
    lengths: list[np.ndarray] = []
    han_chunks: list[_Postings] = []
    trigram_chunks: list[_Postings] = []
    word_chunks: list[_Postings] = []
    unsure: list[int] = []
    number: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    source_at: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    join = _join_paragraphs if folded else _fold_paragraphs
    for chunk in _chunks(docs, _CHUNK):
        base = len(ids)
        ids.extend(d.id for d in chunk)
        start.extend(date.fromisoformat(d.start).toordinal() if d.start else 0 for d in chunk)
        day_lists.extend([date.fromisoformat(x).toordinal() for x in d.days] for d in chunk)
        for d in chunk:
            known = [source_at[s] for s in dict.fromkeys((d.source, *d.also)) if s in sources]
            source_counts.append(len(known))
            source_list.extend(known)
        digests.extend(digest(d) if d.digest is None else d.digest for d in chunk)
        pairs = [(join(d.zh), join(d.en)) for d in chunk]
        for encoded in (t.encode() for pair in pairs for t in pair):
            text += encoded
            text_sizes.append(len(encoded))
        han, trigrams, words, units, doubtful = _unit_postings(pairs, base, number)
        han_chunks.append(han)
        trigram_chunks.append(trigrams)
        word_chunks.append(words)
        lengths.append(units)
        unsure.extend(doubtful)
    vocabulary = list(number)
    order = sorted(range(len(vocabulary)), key=vocabulary.__getitem__)
    rank = np.empty(len(vocabulary), dtype=np.uint64)
    rank[order] = np.arange(len(vocabulary), dtype=np.uint64)
    han = _merge(han_chunks)
    trigrams = _merge(trigram_chunks)
    words = _merge([c._replace(keys=rank[c.keys.astype(np.int64)]) for c in word_chunks])
    every = _joined([han, trigrams, words])
    sorted_words = [vocabulary[i] for i in order]
    word_stems = stems(sorted_words)
    stem_list = sorted(set(word_stems))
    stem_at = {s: i for i, s in enumerate(stem_list)}
    return Tables(
        revision=revision,
        ids=ids,
        han_keys=np.concatenate([han.keys, trigrams.keys]),
        words=sorted_words,
        word_stem=np.array([stem_at[s] for s in word_stems], dtype=np.uint32),
        stems=stem_list,
        offsets=every.offsets,
        docs=every.docs,
        tfs=every.tfs,
        pos_offsets=every.pos_offsets,
        positions=every.positions,
        lengths=np.concatenate([np.zeros(0, np.int64), *lengths]).astype(np.uint32),
        start=np.array(start, dtype=np.int32),
        day_offsets=_offsets([len(x) for x in day_lists]),
        days=np.fromiter(itertools.chain.from_iterable(day_lists), dtype=np.int32),
        source_offsets=_offsets(source_counts),
        source_list=np.array(source_list, dtype=np.uint32),
        sources=[[s, sources[s] if folded else fold(sources[s])] for s in source_at],
        text_offsets=_offsets(text_sizes),
        text=text,
        digests=np.array(digests, dtype=np.uint64),
        unsure=np.array(sorted(set(unsure)), dtype=np.uint32),
    )


class _Postings(NamedTuple):
    keys: np.ndarray  # distinct keys
    offsets: np.ndarray  # key k's entries are docs[offsets[k]:offsets[k + 1]]
    docs: np.ndarray  # uint32, ascending per key
    tfs: np.ndarray  # uint16
    pos_offsets: np.ndarray  # key k's positions are positions[pos_offsets[k]:pos_offsets[k + 1]]
    positions: np.ndarray  # uint32 (``indexfile``): per posting, ``tfs`` of them, ascending


def _chunks(docs: Iterable[SearchDoc], size: int) -> Iterator[list[SearchDoc]]:
    it = iter(docs)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _join_paragraphs(paragraphs: Sequence[str]) -> str:
    """Paragraphs one per line (a paragraph never holds a newline of its own)."""
    return "\n".join(p.replace("\n", " ") for p in paragraphs)


def _fold_paragraphs(paragraphs: Sequence[str]) -> str:
    return fold(_join_paragraphs(paragraphs))


def _unit_postings(pairs: list[tuple[str, str]], base: int, number: defaultdict[str, int]
                   ) -> tuple[_Postings, _Postings, _Postings, np.ndarray, list[int]]:
    """Han postings (characters and neighbour bigrams), trigram postings (three
    neighbours), word postings (keyed by ``number``: first seen, first numbered),
    units per entry, and the entries whose positions cannot decide a phrase
    (``unsure``), each occurrence but a trigram's with its position.

    Units are Han characters and whole words, numbered per text in reading order
    (``indexfile``: ``positions``). All of it is numpy over the chunk's code points,
    each text ending in a newline: a loop over 36 million units in Python would take
    minutes. A bigram joins two Han characters side by side only, so none spans a
    word, a separator, a paragraph or a text.
    """
    texts = [t for pair in pairs for t in pair]
    codes = np.frombuffer("".join(t + "\n" for t in texts).encode("utf-32-le"), "<u4")
    text_starts = _offsets([len(t) + 1 for t in texts])
    kind = _kinds(codes)
    han = kind >= _HAN
    word = kind == _WORD
    unit_at = np.flatnonzero(han | (word & ~np.r_[False, word[:-1]]))
    is_word = word[unit_at]
    ends = unit_at.copy()
    ends[is_word] = np.flatnonzero(word & ~np.r_[word[1:], False])
    firsts = np.searchsorted(unit_at, text_starts)  # each text's first unit
    text_of = np.repeat(np.arange(len(texts)), np.diff(firsts))
    rank = np.arange(len(unit_at)) - firsts[:-1][text_of]
    before = np.r_[0, ends[:-1]]  # a text's first unit is apart whatever stands before
    line = np.cumsum(kind == _LINE, dtype=np.int32)
    apart = line[unit_at] != line[before]
    gap = np.where(apart | (rank == 0), APART,
                   np.where(before == unit_at - 1, ADJACENT, SEPARATED))
    doc = (text_of >> 1).astype(np.uint64)
    position = ((text_of & 1).astype(np.uint32) << 31 | np.minimum(rank, _MAX_RANK).astype(
        np.uint32) << 2 | gap.astype(np.uint32))
    odd_chars = np.flatnonzero(kind == _ODD)
    unsure = set(((np.searchsorted(text_starts, odd_chars, side="right") - 1) >> 1).tolist())
    unsure.update(doc[rank > _MAX_RANK].tolist())

    at_han = np.flatnonzero(~is_word)
    chars = codes[unit_at[at_han]].astype(np.uint64)
    paired = han[unit_at[at_han] + 1]  # a text's last character is its newline
    seconds = codes[unit_at[at_han[paired]] + 1].astype(np.uint64)
    han_postings = _group(np.concatenate([chars, chars[paired] << HAN_SHIFT | seconds]),
                          np.concatenate([doc[at_han], doc[at_han[paired]]]),
                          np.concatenate([position[at_han], position[at_han[paired]]]),
                          len(pairs), base, unsure=unsure)
    at_pair = at_han[paired]
    tripled = han[unit_at[at_pair] + 2]  # a character after a pair's second: not its newline
    trigrams = (chars[paired][tripled] << 2 * HAN_SHIFT | seconds[tripled] << HAN_SHIFT
                | codes[unit_at[at_pair[tripled]] + 2].astype(np.uint64))
    distinct, ranks = _ranked(trigrams)  # 63 bits and an entry's 13 do not pack in 64
    trigram_postings = _group(ranks, doc[at_pair[tripled]], None, len(pairs), base,
                              unsure=unsure)._replace(keys=distinct)
    tokens = list(itertools.chain.from_iterable(_words(t) for t in texts))
    at_word = np.flatnonzero(is_word)
    assert len(tokens) == len(at_word)  # the same runs of word characters, found twice
    ids = np.fromiter(map(number.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    word_postings = _group(ids, doc[at_word], position[at_word], len(pairs), base, unsure=unsure)
    units = np.bincount(doc.astype(np.int64), minlength=len(pairs))
    return han_postings, trigram_postings, word_postings, units, sorted(base + d for d in unsure)


#: What a character is to the units: ``_kinds``.
_SEP, _WORD, _LINE, _HAN, _ODD = range(5)
#: A position's gap (``indexfile``): the unit touches the one before it, is parted from
#: it by separators only, or by a paragraph's or text's end (or is a text's first).
ADJACENT, SEPARATED, APART = range(3)
#: Units numbered per text at most: 29 bits, beside the gap's two and the language's one.
_MAX_RANK = (1 << 29) - 1


def _kinds(codes: np.ndarray) -> np.ndarray:
    """Each code point's kind: the basic plane by a table, the rest one by one."""
    kind = _plane_kinds()[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    if len(astral):
        found = np.unique(codes[astral])
        kind[astral] = _kinds_of("".join(map(chr, found.tolist())))[
            np.searchsorted(found, codes[astral])]
    return kind


@cache
def _plane_kinds() -> np.ndarray:
    """The basic plane's kinds (surrogates are separators): 15 ms once per process."""
    return _kinds_of(np.arange(0x10000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass"))


def _kinds_of(chars: str) -> np.ndarray:
    """The kinds of ``chars``, by the very classes the query's pattern uses.

    ``_ODD``: Han to the index but a separator to the pattern (not ``\\w``: code
    points not yet assigned, 4,709 of them); the phrases of an entry holding one
    are checked in its text.
    """
    codes = np.frombuffer(chars.encode("utf-32-le", "surrogatepass"), "<u4")

    def marked(pattern: re.Pattern[str]) -> np.ndarray:
        subbed = pattern.sub("\0", chars).encode("utf-32-le", "surrogatepass")
        return (np.frombuffer(subbed, "<u4") == 0) & (codes != 0)

    kind = np.full(len(chars), _SEP, np.uint8)
    han, wordlike = marked(_HAN_CHAR), marked(_WORDLIKE)
    kind[wordlike & ~han & (codes != ord("_"))] = _WORD  # ``WORD_CLASS``
    kind[han] = _HAN
    kind[han & ~wordlike] = _ODD
    kind[codes == ord("\n")] = _LINE
    return kind


_HAN_CHAR = compiled(HAN_CLASS)
_WORDLIKE = compiled(r"\w")


def _words(text: str) -> list[str]:
    """The words of folded text; plain ``split`` when it is ASCII, five times faster."""
    return text.translate(_ASCII_SPACES).split() if text.isascii() else WORDS.findall(text)


_ASCII_SPACES = {c: " " for c in range(128) if not chr(c).isalnum()}


def _group(keys: np.ndarray, owners: np.ndarray, positions: np.ndarray | None, n: int,
           base: int, *, unsure: set[int]) -> _Postings:
    """Sort ``(key, entry)`` pairs and count repeats: the postings of every key in a
    chunk, each with its positions in reading order (a stable sort keeps it), or
    with none (``positions`` None).

    A posting keeps ``tfs`` positions, at most 65,535: an entry holding a unit more
    often than that joins ``unsure`` (its text is checked instead).
    """
    order = _stable_order(keys)  # the occurrences come entry by entry, in reading order
    width = np.uint64(max(n, 1))
    packed = keys[order] * width + owners[order]  # keys < 2**42, a chunk < 2**13 entries
    firsts = np.flatnonzero(np.r_[True, packed[1:] != packed[:-1]]) if len(packed) else packed
    counts = np.diff(np.r_[firsts, len(packed)])
    unique = packed[firsts]
    ukeys = unique // width
    owned = (unique - ukeys * width).astype(np.int64)
    tfs = np.minimum(counts, MAX_TF).astype(np.uint16)
    key_starts = np.flatnonzero(np.r_[True, ukeys[1:] != ukeys[:-1]]) if len(ukeys) else ukeys
    offsets = np.r_[key_starts, len(ukeys)].astype(np.int64)
    if positions is None:
        kept, pos_offsets = np.zeros(0, np.uint32), np.zeros(len(offsets), np.int64)
    else:
        kept = positions[order]
        if len(counts) and counts.max() > MAX_TF:
            within = np.arange(len(packed)) - np.repeat(firsts, counts)
            kept = kept[within < MAX_TF]
            unsure.update(owned[counts > MAX_TF].tolist())
        pos_offsets = np.r_[0, np.cumsum(tfs, dtype=np.int64)][offsets]
    return _Postings(
        keys=ukeys[key_starts],
        offsets=offsets,
        docs=owned.astype(np.uint32) + np.uint32(base),
        tfs=tfs,
        pos_offsets=pos_offsets,
        positions=kept,
    )


def _ranked(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys, ascending, and each key's place among them."""
    order = np.argsort(keys)
    ordered = keys[order]
    new = np.r_[True, ordered[1:] != ordered[:-1]] if len(keys) else np.zeros(0, bool)
    ranks = np.empty(len(keys), np.uint64)
    ranks[order] = np.cumsum(new, dtype=np.uint64) - np.uint64(1)
    return ordered[new], ranks


def _stable_order(keys: np.ndarray) -> np.ndarray:
    """The order that sorts ``keys`` keeping equal keys as they come. Each key shifted
    past its index and sorted by value is 8 times faster than numpy's stable argsort
    (timsort for 64 bits: 0.30 s for 3 million, a third of a chunk's build); that
    argsort remains for a chunk whose keys and indices need more than 64 bits."""
    shift = max(len(keys) - 1, 1).bit_length()
    if not len(keys) or int(keys.max()).bit_length() + shift > 64:
        return np.argsort(keys, kind="stable")
    combined = keys << np.uint64(shift) | np.arange(len(keys), dtype=np.uint64)
    combined.sort()
    return (combined & np.uint64((1 << shift) - 1)).astype(np.intp)


def _merge(chunks: list[_Postings]) -> _Postings:
    """One key-ordered postings table from per-chunk tables, entries still ascending per
    key, each key's positions laid out chunk after chunk as its postings are."""
    chunks = chunks or [_NONE]
    keys = _distinct(np.concatenate([c.keys for c in chunks]))
    places = [np.searchsorted(keys, c.keys) for c in chunks]
    offsets, (docs, tfs) = _laid(len(keys), [(at, c.offsets, (c.docs, c.tfs))
                                             for c, at in zip(chunks, places, strict=True)])
    pos_offsets, (positions,) = _laid(len(keys), [(at, c.pos_offsets, (c.positions,))
                                                  for c, at in zip(chunks, places, strict=True)])
    return _Postings(keys.astype(np.uint64), offsets, docs, tfs, pos_offsets, positions)


def _joined(tables: list[_Postings]) -> _Postings:
    """Postings tables end to end, their keys taken in turn (the keys as given)."""
    def laid(offsets: str, items: str) -> np.ndarray:
        """Each table's offsets moved past the items of the tables before it."""
        shifts = np.cumsum([0] + [len(getattr(t, items)) for t in tables], dtype=np.int64)
        return np.concatenate([*(getattr(t, offsets)[:-1] + shift
                                 for t, shift in zip(tables, shifts, strict=False)), shifts[-1:]])

    return _Postings(np.concatenate([t.keys for t in tables]), laid("offsets", "docs"),
                     np.concatenate([t.docs for t in tables]),
                     np.concatenate([t.tfs for t in tables]), laid("pos_offsets", "positions"),
                     np.concatenate([t.positions for t in tables]))


def _distinct(values: np.ndarray) -> np.ndarray:
    """The values sorted, each once: ``np.unique`` without its import of ``numpy.ma``
    (12 ms of every import into an archive, whose index update merges a few postings)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


#: The postings of no entry.
_NONE = _Postings(np.zeros(0, np.uint64), np.zeros(1, np.int64), np.zeros(0, np.uint32),
                  np.zeros(0, np.uint16), np.zeros(1, np.int64), np.zeros(0, np.uint32))


def _laid(count: int, parts: list[tuple[np.ndarray, np.ndarray, tuple[np.ndarray, ...]]]
          ) -> tuple[np.ndarray, list[np.ndarray]]:
    """Per-key runs of arrays from several parts (``at``: each run's key), laid out key
    by key, the parts' runs of one key in the parts' order; the offsets of each key's."""
    sizes = np.zeros(count, dtype=np.int64)
    for at, cut, _ in parts:
        sizes[at] += np.diff(cut)
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    out = [np.empty(offsets[-1], dtype=a.dtype) for a in parts[0][2]]
    filled = offsets[:-1].copy()
    for at, cut, arrays in parts:
        counts = np.diff(cut)
        moved = np.repeat(filled[at] - cut[:-1], counts) + np.arange(int(cut[-1]))
        for target, source in zip(out, arrays, strict=True):
            target[moved] = source
        filled[at] += counts
    return offsets, out


def _offsets(lengths: list[int]) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]).astype(np.int64)
