"""Building the index from the archive's entries, in bulk.

A loop over 100,000 entries adding each gram to a dict of lists took over 20 s
here. So the text is cut into units by regular expressions and ``str``
methods (which run in C), and grouping units into postings is one sort of
``(key, entry)`` pairs with numpy.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import NamedTuple

import numpy as np
import orjson

from store.search.fold import fold
from store.search.indexfile import Tables
from store.search.terms import NOT_HAN, WORDS, stems

#: Han keys: a character's code point, or two as ``a << HAN_SHIFT | b``.
HAN_SHIFT = 21
_MAX_TF = np.iinfo(np.uint16).max
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


def build(docs: Iterable[SearchDoc], sources: dict[str, str], revision: str, *,
          folded: bool = False) -> Tables:
    """Index ``docs``; ``sources`` maps source ids to names (for ``source:``).

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
    word_chunks: list[_Postings] = []
    number: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    source_at = {s: i for i, s in enumerate(sources)}
    join = _join_paragraphs if folded else _fold_paragraphs
    for chunk in _chunks(docs, _CHUNK):
        base = len(ids)
        ids.extend(d.id for d in chunk)
        start.extend(date.fromisoformat(d.start).toordinal() if d.start else 0 for d in chunk)
        day_lists.extend([date.fromisoformat(x).toordinal() for x in d.days] for d in chunk)
        for d in chunk:
            known = [source_at[s] for s in dict.fromkeys((d.source, *d.also)) if s in source_at]
            source_counts.append(len(known))
            source_list.extend(known)
        digests.extend(digest(d) if d.digest is None else d.digest for d in chunk)
        pairs = [(join(d.zh), join(d.en)) for d in chunk]
        for encoded in (t.encode() for pair in pairs for t in pair):
            text += encoded
            text_sizes.append(len(encoded))
        han, han_units = _han_postings(pairs, base)
        words, word_units = _word_postings(pairs, base, number)
        han_chunks.append(han)
        word_chunks.append(words)
        lengths.append(han_units + word_units)
    vocabulary = list(number)
    order = sorted(range(len(vocabulary)), key=vocabulary.__getitem__)
    rank = np.empty(len(vocabulary), dtype=np.uint64)
    rank[order] = np.arange(len(vocabulary), dtype=np.uint64)
    han = _merge(han_chunks)
    words = _merge([c._replace(keys=rank[c.keys.astype(np.int64)]) for c in word_chunks])
    sorted_words = [vocabulary[i] for i in order]
    word_stems = stems(sorted_words)
    stem_list = sorted(set(word_stems))
    stem_at = {s: i for i, s in enumerate(stem_list)}
    return Tables(
        revision=revision,
        ids=ids,
        han_keys=han.keys,
        words=sorted_words,
        word_stem=np.array([stem_at[s] for s in word_stems], dtype=np.uint32),
        stems=stem_list,
        offsets=np.concatenate([han.offsets[:-1], words.offsets + han.offsets[-1]]),
        docs=np.concatenate([han.docs, words.docs]),
        tfs=np.concatenate([han.tfs, words.tfs]),
        lengths=np.concatenate([np.zeros(0, np.int64), *lengths]).astype(np.uint32),
        start=np.array(start, dtype=np.int32),
        day_offsets=_offsets([len(x) for x in day_lists]),
        days=np.fromiter(itertools.chain.from_iterable(day_lists), dtype=np.int32),
        source_offsets=_offsets(source_counts),
        source_list=np.array(source_list, dtype=np.uint32),
        sources=[[s, name if folded else fold(name)] for s, name in sources.items()],
        text_offsets=_offsets(text_sizes),
        text=text,
        digests=np.array(digests, dtype=np.uint64),
    )


class _Postings(NamedTuple):
    keys: np.ndarray  # distinct keys
    offsets: np.ndarray  # key k's entries are docs[offsets[k]:offsets[k + 1]]
    docs: np.ndarray  # uint32, ascending per key
    tfs: np.ndarray  # uint16


def _chunks(docs: Iterable[SearchDoc], size: int) -> Iterator[list[SearchDoc]]:
    it = iter(docs)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _join_paragraphs(paragraphs: Sequence[str]) -> str:
    """Paragraphs one per line (a paragraph never holds a newline of its own)."""
    return "\n".join(p.replace("\n", " ") for p in paragraphs)


def _fold_paragraphs(paragraphs: Sequence[str]) -> str:
    return fold(_join_paragraphs(paragraphs))


def _han_postings(pairs: list[tuple[str, str]], base: int) -> tuple[_Postings, np.ndarray]:
    """Unigrams and neighbour bigrams of Han characters, per entry; Han units per entry.

    Each entry's two texts become their Han characters with one NUL wherever
    anything else stood, so no bigram spans a word, a separator or an entry.
    """
    per_doc = ["".join((NOT_HAN.sub("\0", zh), "\0",
                        "" if en.isascii() else NOT_HAN.sub("\0", en), "\0"))
               for zh, en in pairs]
    codes = np.frombuffer("".join(per_doc).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    doc_of = np.repeat(np.arange(len(pairs), dtype=np.uint64), [len(s) for s in per_doc])
    chars = np.flatnonzero(codes)
    bigrams = np.flatnonzero((codes[:-1] != 0) & (codes[1:] != 0))
    keys = np.concatenate([codes[chars], codes[bigrams] << HAN_SHIFT | codes[bigrams + 1]])
    owners = np.concatenate([doc_of[chars], doc_of[bigrams]])
    units = np.bincount(doc_of[chars].astype(np.int64), minlength=len(pairs))
    return _group(keys, owners, len(pairs), base), units


def _word_postings(pairs: list[tuple[str, str]], base: int,
                   number: defaultdict[str, int]) -> tuple[_Postings, np.ndarray]:
    """Whole words per entry, keyed by ``number`` (first seen, first numbered)."""
    tokens = [_words(zh) + _words(en) for zh, en in pairs]
    per_doc = np.array([len(t) for t in tokens], dtype=np.int64)
    ids = np.fromiter(map(number.__getitem__, itertools.chain.from_iterable(tokens)),
                      dtype=np.uint64, count=int(per_doc.sum()))
    owners = np.repeat(np.arange(len(pairs), dtype=np.uint64), per_doc)
    return _group(ids, owners, len(pairs), base), per_doc


def _words(text: str) -> list[str]:
    """The words of folded text; plain ``split`` when it is ASCII, five times faster."""
    return text.translate(_ASCII_SPACES).split() if text.isascii() else WORDS.findall(text)


_ASCII_SPACES = {c: " " for c in range(128) if not chr(c).isalnum()}


def _group(keys: np.ndarray, owners: np.ndarray, n: int, base: int) -> _Postings:
    """Sort ``(key, entry)`` pairs and count repeats: the postings of every key in a chunk."""
    width = np.uint64(max(n, 1))
    packed = keys * width + owners  # keys < 2**42 and a chunk < 2**13 entries: no overflow
    packed.sort()
    firsts = np.flatnonzero(np.r_[True, packed[1:] != packed[:-1]]) if len(packed) else packed
    counts = np.diff(np.r_[firsts, len(packed)])
    unique = packed[firsts]
    ukeys = unique // width
    udocs = (unique - ukeys * width).astype(np.uint32) + np.uint32(base)
    key_starts = np.flatnonzero(np.r_[True, ukeys[1:] != ukeys[:-1]]) if len(ukeys) else ukeys
    return _Postings(
        keys=ukeys[key_starts],
        offsets=np.r_[key_starts, len(ukeys)].astype(np.int64),
        docs=udocs,
        tfs=np.minimum(counts, _MAX_TF).astype(np.uint16),
    )


def _merge(chunks: list[_Postings]) -> _Postings:
    """One key-ordered postings table from per-chunk tables, entries still ascending per key."""
    keys = np.unique(np.concatenate([np.zeros(0, np.uint64), *(c.keys for c in chunks)]))
    sizes = np.zeros(len(keys), dtype=np.int64)
    places = [np.searchsorted(keys, c.keys) for c in chunks]
    for c, at in zip(chunks, places, strict=True):
        sizes[at] += np.diff(c.offsets)
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    docs = np.empty(offsets[-1], dtype=np.uint32)
    tfs = np.empty(offsets[-1], dtype=np.uint16)
    filled = offsets[:-1].copy()
    for c, at in zip(chunks, places, strict=True):
        counts = np.diff(c.offsets)
        moved = np.repeat(filled[at] - c.offsets[:-1], counts) + np.arange(len(c.docs))
        docs[moved] = c.docs
        tfs[moved] = c.tfs
        filled[at] += counts
    return _Postings(keys.astype(np.uint64), offsets, docs, tfs)


def _offsets(lengths: list[int]) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]).astype(np.int64)
