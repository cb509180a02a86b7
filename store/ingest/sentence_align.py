"""Pair the sentences inside one bead, for a sentence-level translation memory.

Translators' memories are segmented by sentence (OmegaT, Trados, memoQ), our
beads by paragraph, so a CAT tool's fuzzy match on a new sentence rarely finds
one of ours. Inside a bead the sentences are cut by ``store.lang.sentences``
and paired by the very aligner that pairs paragraphs (``align.align``: shape
priors, length measured on the bead itself, anchors of numbers, dates and
names), with shape weights of its own (``WEIGHT``). Strict F1 on the held-out
half of bench/sentence_align_eval.py (public hand-aligned speeches and
magazine articles, each paragraph bead given whole): 0.971 and 0.966 with
the gold's own sentences, 0.927 and 0.960 with ours (there a gold sentence we
cut at a semicolon leaves its finer pairing unknown to the gold, so even a
right answer can count wrong); figures and cost in docs/benchmarks.md. A
sentence bead may take sentences from two paragraphs of one side: keeping a
merge inside one paragraph (as event starts are kept for paragraphs) moved
F1 by under 0.01 either way.

Sentences are spans into the paragraph texts the reader shows, so a sentence
row can point into them without copying text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from store.ingest.align import align
from store.lang.lengths import LengthModel
from store.lang.sentences import sentence_spans
from store.model import Span


class Sentence(NamedTuple):
    """One sentence: ``para`` is its paragraph's position among those given, ``span`` its place
    in that paragraph's text."""

    para: int
    span: Span


#: The Chinese sentences of a sentence bead and their English translation; one side may be
#: empty (a sentence left untranslated).
SentenceBead = tuple[tuple[Sentence, ...], tuple[Sentence, ...]]

#: Probability of each sentence-bead shape, set on the dev half of
#: bench/sentence_align_eval.py. Its gold sentence beads (as that gold cuts
#: them) are 80 % 1-1, 8.5 % 1-2, 5.3 % 2-1, 2.3 % 1-3, 1.1 % 2-2 and 0.2 %
#: 1-0: a sentence left out inside a bead is rarer than a paragraph left out
#: of a bulletin, so an orphan weighs a thirtieth of the paragraph aligner's,
#: and 2-2, 1-3 and 3-1 more. Strict F1 with the gold's sentences, ``pol`` and
#: ``mag``: dev 0.960/0.962 -> 0.972/0.961, test 0.965/0.962 -> 0.971/0.966
#: against the paragraph aligner's weights.
WEIGHT = {
    (1, 1): 0.80,
    (2, 1): 0.07, (1, 2): 0.07,
    (2, 2): 0.03,
    (3, 1): 0.03, (1, 3): 0.03,
    (3, 2): 0.003, (2, 3): 0.003,
    (4, 1): 0.003, (1, 4): 0.003,
    (1, 0): 0.001, (0, 1): 0.001,
}

#: Spread of the log length ratio of a sentence bead around the entry's ratio, before the
#: aligner measures it on the bead's own 1-1 sentences: the paragraph aligner's first guess;
#: the entry's spread, measured on whole paragraphs, is narrower than sentences keep to.
SPREAD = 0.3


def align_sentences(zh: Sequence[str], en: Sequence[str],
                    ratio: float | None = None) -> list[SentenceBead]:
    """Sentence beads covering every sentence of ``zh`` and ``en`` (the paragraph texts of one
    bead, in order) exactly once, in order.

    ``ratio`` is the entry's English length per Chinese (``store.lang.lengths.measured``
    on its 1-1 beads); without it the bead's own ratio stands in, which a sentence left
    untranslated skews towards folding that sentence into its neighbour's bead.
    """
    return pair_sentences(zh, en, sentences(zh, "zh"), sentences(en, "en"), ratio)


def pair_sentences(zh: Sequence[str], en: Sequence[str], zs: list[Sentence],
                   es: list[Sentence], ratio: float | None = None) -> list[SentenceBead]:
    """``align_sentences`` for sentences cut elsewhere (bench/sentence_align_eval.py gives a
    gold standard's own, to score the pairing apart from our splitter)."""
    if len(zs) <= 1 and len(es) <= 1:  # nothing to choose; most beads of a bulletin's headings
        return [(tuple(zs), tuple(es))] if zs or es else []
    lengths = LengthModel(ratio, SPREAD) if ratio else None
    beads = align(_texts(zh, zs), _texts(en, es), weights=WEIGHT, lengths=lengths)
    return [(tuple(zs[i] for i in z), tuple(es[j] for j in e)) for z, e in beads]


def sentences(paragraphs: Sequence[str], lang: str) -> list[Sentence]:
    """The sentences of ``paragraphs`` in reading order."""
    return [Sentence(k, span) for k, text in enumerate(paragraphs)
            for span in sentence_spans(text, lang)]


def _texts(paragraphs: Sequence[str], found: list[Sentence]) -> list[str]:
    return [paragraphs[s.para][s.span[0]:s.span[1]] for s in found]

