"""The sentence beads inside each bead of an entry, derived when asked for, never stored.

They are a function of the entry as edited (its paragraphs' text and its beads), so a
stored copy would go stale at every accepted reading and every alignment edit, and
would have to be migrated with the archive's layout; deriving them costs little. The
sample's 24 beads (42 sentence beads) take 0.5-0.6 ms a bead, 0.01 s in all, once the
aligner's tables are loaded (0.3-0.5 s at a process's first call, as for the paragraph
aligner): "Cost" under the sentence alignment in docs/benchmarks.md
(bench/sentence_align_eval.py). Through this module, ratio included, 13-16 ms the whole
sample and 0.8-2.5 ms an entry (median of 5 runs, 2 cores, x86_64, Python 3.11.7; with
the machine's load at 8, about 80 ms the sample and 1.2 s the first call): under a frame
to open an entry, and minutes for a 100,000-entry sentence export.
Results are kept for the last ``CACHED`` entries, keyed by content, so an edit is never
shown stale and a reader paging back and forth aligns each entry once.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from store.ingest.sentence_align import Sentence, SentenceBead, align_sentences
from store.lang.lengths import en_length, measured, zh_length
from store.model import Bead, Entry, Span

#: Entries whose sentence beads are kept: a reader's recent entries and a concordance's
#: best entries (tui's ``MAX_ENTRIES``, 200) fit; an export's long stream does not evict them.
CACHED = 256

#: Per bead of an entry, its sentence beads: each ``Sentence.para`` is the entry's
#: paragraph index in that language, each span a place in that paragraph's text.
EntrySentences = tuple[tuple[SentenceBead, ...], ...]


def sentences_of(entry: Entry) -> EntrySentences:
    """The sentence beads of every bead of ``entry``, in order (kept for ``CACHED`` entries)."""
    return _cached(*_content(entry))


def segments_of(entry: Entry) -> list[list[tuple[str, str]]]:
    """Per bead, each sentence bead's Chinese and English text (``""`` for a side it lacks),
    for an export: not cached, so a stream of entries leaves a reader's alone."""
    zh, en, beads = _content(entry)
    return [[(sentence_text(zh, z), sentence_text(en, e)) for z, e in found]
            for found in aligned(zh, en, beads)]


def sentence_text(paragraphs: Sequence[str], found: Sequence[Sentence]) -> str:
    """The text of consecutive sentences as the paragraphs hold it (the spaces between two
    of one paragraph kept), a line break between paragraphs, as a bead's TMX segment has."""
    return "\n".join(paragraphs[para][start:end] for para, (start, end) in sentence_runs(found))


def sentence_runs(found: Sequence[Sentence]) -> list[tuple[int, Span]]:
    """Consecutive sentences as one span per paragraph they are in."""
    runs: list[tuple[int, Span]] = []
    for para, (start, end) in found:
        if runs and runs[-1][0] == para:
            runs[-1] = (para, (runs[-1][1][0], end))
        else:
            runs.append((para, (start, end)))
    return runs


def aligned(zh: tuple[str, ...], en: tuple[str, ...], beads: tuple[Bead, ...]
            ) -> EntrySentences:
    """``sentences_of`` for an entry's paragraph texts and beads, with the entry's ratio of
    English length per Chinese measured on its 1-1 beads."""
    model = measured((zh_length(zh[z[0]]), en_length(en[e[0]]))
                     for z, e in beads if len(z) == 1 and len(e) == 1)
    ratio = model.ratio if model else None
    return tuple(_in_entry(align_sentences([zh[i] for i in bead[0]], [en[j] for j in bead[1]],
                                           ratio), bead)
                 for bead in beads)


_cached = functools.lru_cache(maxsize=CACHED)(aligned)


def _content(entry: Entry) -> tuple[tuple[str, ...], tuple[str, ...], tuple[Bead, ...]]:
    return tuple(p.text for p in entry.zh), tuple(p.text for p in entry.en), entry.beads


def _in_entry(found: list[SentenceBead], bead: Bead) -> tuple[SentenceBead, ...]:
    """Sentences numbered by the entry's paragraphs rather than the bead's."""
    z, e = bead
    return tuple((tuple(Sentence(z[s.para], s.span) for s in zs),
                  tuple(Sentence(e[s.para], s.span) for s in es)) for zs, es in found)
