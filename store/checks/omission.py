"""A sentence left out of the translation inside an otherwise paired bead.

The most serious error a translator makes, and one no other check sees: the
paragraphs still pair, only one side lacks a passage. Five kinds of
evidence, each measured on the entry itself, add up as log-odds that a
passage of a bead (a run of phrases, ``store.lang.sentences.phrase_spans``,
in Chinese; of clauses in English; inside one paragraph) has no counterpart:

1. its words (``store.lang.wordmatch``): words whose translation the other
   beads of the entry carry over, missing from the other side of this one;
2. length (``store.lang.lengths``: the entry's ratio of English to Chinese
   characters, the median of its other 1-1 beads, ``PRIOR`` with fewer than
   three): (z² - z'²)/2 for the bead's deviation from the ratio in spreads,
   z with the passage and z' without: how much the passage explains;
3. sentence count: a side with more sentences than the other, where the
   entry's other beads rarely have one (laws: one article in 18; Bible
   verses, where the King James ends a clause at ":" and the Chinese a
   sentence at "。": one in three), and against it a side with as many;
4. piece count: English clauses per Chinese phrase, against the entry's other
   beads, (z² - z'²)/2 as for the length (``_count_fit``): a dropped English
   sentence takes its clauses with it even where the translation is wordy
   enough for the rest to fit the length ratio;
5. for the best passage of a bead, if it scores ``_ALIGN_FROM`` or more: how
   much better the bead's clauses pair by length (a Gale-Church alignment
   inside the bead) without it than with it, which takes over a share
   ``CLAUSES`` of the bead's length evidence;
6. for a Chinese passage, the room the English leaves it (``_Room``): where
   the words around the passage are translated (``WordEvidence.anchors``),
   and whether what lies between holds the passage's length in English. A
   short sentence left out of a long paragraph barely moves the bead's
   length, but its neighbours' translations now meet. Only between English
   sentences: inside one, a translator moves clauses about.

The passage that scores most in a bead is named if the bead scores ``FLAG``
or more, the bead's score adding up the odds of all its runs (``_some_run``):
one finding per bead. Chinese phrases rather than sentences find about
13 points more of the planted omissions at the same false findings (a law's
sentence runs on through commas where its English ends sentences).

Measured with bench/checks_eval.py on bench/data/align (professional
translations, every unit a 1-1 bead; the constants set on its even-numbered
documents): see docs/benchmarks.md, "The omission check counts clauses" and
"Where the words are" (the sixth pass, on four sources).
Before the piece count, 0.59 false findings per 100 beads on the untouched
text (laws 0.72, Bible chapters 0.42: CUV against KJV, two independent
translations, where some findings are real differences) and 75 % of the
beads that lost one English sentence found (laws 73 %, Bible 81 %); with
length alone, 0.52 and 50 %.
Still missed: a sentence whose words the rest of the bead repeats (a law's
"the competent authority ... the applicant") and whose length is within the
translations' own spread. About 260-320 µs per bead, two thirds of it reading
the words (the length-only check took 13); the words counted near and the room
(the sixth pass, docs/benchmarks.md) cost 1.3 times that (550 against 420 µs on
the shared VM, the 3,677 beads of the four sources), near in the word's sentence
640 µs.

Severity is "review", and "warning" from ``STRONG`` on.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from store.checks.words import number_words
from store.lang.lengths import LengthModel, en_length, measured, zh_length
from store.lang.sentences import clause_spans, phrase_spans, sentence_spans
from store.lang.wordmatch import Weight, WordEvidence
from store.model import LANG_NAMES, LANGS, OTHER_LANG, Entry, Finding, Lang, Span

#: The model of an entry with fewer than three 1-1 beads: the middle of the
#: ratios seen (2.6 to 5.0; the sample 3.8 to 4.9) and a spread wide enough for most.
PRIOR = LengthModel(4.0, 0.3)
#: The spread of a bead's log ratio grows by SHORT / (Chinese characters):
#: short beads vary more. 0.5 before the piece count; with it (and CLAUSES 0.35), of
#: 170 planted omissions at the even-numbered documents' 9 false findings, 0.5 finds
#: 128, 0.75 133, 1.0 134, 1.5 130, 2.0 130.
SHORT = 1.0
#: A passage is named from this score (log-odds) on. Set on the even-numbered
#: documents of the four sources of bench/checks_eval.py when a word's translation
#: counted as near in its sentence too (``store.lang.wordmatch._window``) and the room
#: only between English sentences: anything from 5.12 to 5.49 gives 25 false findings
#: there (of 1,992 beads, as at 5.1 before), finding 331 of 414 planted omissions at
#: 5.12 down to 323 at 5.49; 5.15, near the bottom. (First set at 5.45, on the laws
#: and Bible chapters alone; 5.1 when the words counted only near and the room came in,
#: which named a sentence of the sample bulletin whose English comes first.)
FLAG = 5.15
#: ... and a warning from this one on: on the untouched text only three beads
#: score as much, two a law's bead whose English is another article's (a real
#: misalignment), one a Bible verse that CUV and KJV cut differently; 50 % of the
#: planted omissions do (47 % before the piece count).
STRONG = 10.0
#: Log-odds against a passage for each of its two ends that is a comma, not the
#: end of a clause: a passage that is a whole sentence is likelier what the
#: translator left out, and is what a reader wants named. Costs 1.5 points of
#: recall at the same false findings.
PHRASE = 0.5
#: The weight of the sentence count, and the most it adds (1.0 or 2.0 and a
#: bound of 3.0: recall within 2 points). Halved from 1.5 with the piece count,
#: which says much of the same (1.5: 4 fewer of 170 planted omissions at 10 false
#: findings, with SHORT 0.5).
COUNT = 0.75
_COUNT_MOST = 2.0
#: Share of the beads that lost a sentence whose side is left with more
#: sentences than the other (0.62 of the sentences dropped from laws, 0.94 of
#: verses; 0.4 and 0.8 change recall by under 2 points).
_MORE_IF_LOST = 0.6
#: The least spread of the piece count's log ratio: with few pieces per bead the
#: entry's median deviation can be 0 (0.25 and 0.35: within 2 points).
PIECES_SPREAD = 0.3
#: A passage is at most this share of its side: the rest must be a translation.
_MOST_SHARE = 0.8
#: The best passage of a bead, if it scores this much (time), is weighed once more
#: by its bead's clauses: CLAUSES of the bead's length evidence is replaced by what
#: an alignment of the clauses says: 3 points of recall on the even-numbered
#: documents at their false findings (0.5 or 0.25: within 1.5 points of 0.35).
#: 0.35 before the piece count; now 0.5, 136 of 170 against 134 at 9 false findings.
CLAUSES = 0.5
_ALIGN_FROM = 3.0
#: Log-priors of the shapes of clause pairs (those of the length-only check before).
_SHAPES = {shape: math.log(p) for shape, p in {
    (1, 1): 0.8, (2, 1): 0.06, (1, 2): 0.06, (2, 2): 0.02, (3, 1): 0.015, (1, 3): 0.015,
    (3, 2): 0.005, (2, 3): 0.005, (4, 1): 0.005, (1, 4): 0.005}.items()}
#: The weight of the room the English leaves a Chinese passage (``_Room``): log of
#: (the passage's length in English + ``_ROOM_SLACK``) / (the room + ``_ROOM_SLACK``),
#: at most ``_ROOM_MOST`` either way. Planted omissions found on the even-numbered
#: documents (of 414), averaged over 18 to 30 false findings there: 324 without it,
#: 328 at 0.75, 329 at 1.0 and 1.25; slack 10 or 40 English characters, 3 fewer than
#: 20; a bound of 2, the same as 3. English passages get none: the plants leave out
#: English sentences, so what it would find there cannot be measured, and on the
#: untouched text it adds 4 false findings (of 51, all four sources).
ROOM = 1.0
_ROOM_SLACK = 20.0
_ROOM_MOST = 3.0
#: A bead of more clauses than this (one side's times the other's) is not aligned (time).
_MOST_CELLS = 400
#: A passage is at most this many pieces (time: a side of n pieces costs n times this).
_LONGEST_RUN = 20
#: From this many 1-1 beads on, an entry's model is measured once for all its beads;
#: for the piece count, from this many paired beads on (499 beads: 65 ms).
_MANY = 10
_MANY_PIECES = 500
_SHOWN = {"zh": 24, "en": 60}


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of pieces of one paragraph, and the log-odds that it has no counterpart."""

    lang: Lang
    para: int
    span: Span
    score: float


@dataclass(frozen=True, slots=True)
class _Piece:
    para: int
    span: Span
    length: int
    weight: float
    #: Whether a clause (``clause_spans``) begins or ends with the piece.
    opens: bool
    closes: bool


def omission_findings(entry: Entry) -> Iterator[Finding]:
    for passage in passages(entry):
        if passage.score >= FLAG:
            yield _finding(entry, passage)


def passages(entry: Entry) -> Iterator[Passage]:
    """The likeliest lost passage of each paired bead, with its score (``FLAG`` was set
    on the scores of untouched and planted beads)."""
    paired = [k for k, (zh, en) in enumerate(entry.beads) if zh and en]
    words = WordEvidence([([entry.zh[i].text for i in entry.beads[k][0]],
                           [entry.en[j].text for j in entry.beads[k][1]]) for k in paired],
                         _number_words)
    counts = [_sentence_counts(entry, k) for k in paired]
    models = _models(entry)
    more = [_more(counts, side) for side in (0, 1)]
    pieces = [{lang: _pieces(entry, lang, entry.beads[k][lang == "en"], words.weights(n, lang))
               for lang in LANGS} for n, k in enumerate(paired)]
    piece_models = _piece_models([(len(p["zh"]), len(p["en"])) for p in pieces])
    for n, k in enumerate(paired):
        room = _Room.of(pieces[n]["zh"], entry.beads[k][0], words.anchors(n))
        best = _best_passage(entry, k, models[k], pieces[n], piece_model=piece_models[n],
                             more={"zh": more[0][n], "en": more[1][n]}, room=room)
        if best:
            yield best


def _number_words(text: str) -> Iterator[tuple[int, int]]:
    """English numbers in words ("seventy persons"): the Bible's, and 七十 answers them."""
    return ((span[0], value) for span, _, value in number_words(text))


def _models(entry: Entry) -> list[LengthModel]:
    """The length model each bead is judged by: the entry's 1-1 beads but itself.

    Leaving the bead out matters in small entries: with four beads, one that
    lacks a quarter of its English pulls the median and the spread enough to
    hide itself. From ``_MANY`` beads on, one bead barely moves a median, and
    one model serves them all (linear time).
    """
    lengths = [(zh_length(entry.zh[z[0]].text), en_length(entry.en[e[0]].text))
               if len(z) == 1 and len(e) == 1 else None for z, e in entry.beads]
    return [model or PRIOR for model in _from_the_others(lengths, _MANY)]


def _piece_models(counts: Sequence[tuple[int, int]]) -> list[LengthModel | None]:
    """Per bead, English clauses per Chinese phrase in the entry's other beads (None with
    fewer than three), the spread at least ``PIECES_SPREAD``.

    Counts are small and tie, so even in a long entry one bead moves the median: a
    model of all the beads, the bead's own count among them, found 2 fewer planted
    omissions (of 170) on the even-numbered documents at 9 false findings, 5 (of 147)
    on the odd ones.
    """
    models = _from_the_others([(zh + 1, en + 1) for zh, en in counts], _MANY_PIECES)
    return [model and LengthModel(model.ratio, max(model.spread, PIECES_SPREAD))
            for model in models]


def _from_the_others(pairs: Sequence[tuple[int, int] | None], many: int
                     ) -> list[LengthModel | None]:
    """Per bead, the model (``measured``) of the other beads' pairs; from ``many`` pairs on,
    one model of them all (time: quadratic below)."""
    known = [p for p in pairs if p]
    if len(known) >= many:
        return [measured(known)] * len(pairs)
    return [measured(p for k, p in enumerate(pairs) if p and k != i) for i in range(len(pairs))]


def _sentence_counts(entry: Entry, k: int) -> tuple[int, int]:
    zh, en = entry.beads[k]
    return (sum(len(sentence_spans(entry.zh[i].text, "zh")) for i in zh),
            sum(len(sentence_spans(entry.en[j].text, "en")) for j in en))


def _more(counts: Sequence[tuple[int, int]], side: int) -> list[float]:
    """Log-odds of a lost passage on this side of each bead, from the sentence counts.

    A side with more sentences than the other is evidence in an entry whose
    other beads rarely have it; one with as many or fewer is evidence against.
    """
    more = [c[side] > c[1 - side] for c in counts]
    total, others = sum(more), max(len(counts) - 1, 1)
    out = []
    for mine in more:
        rate = (total - mine) / others
        odds = (math.log(_MORE_IF_LOST / (rate + 0.03)) if mine
                else math.log((1 - _MORE_IF_LOST) / (1.03 - rate)))
        out.append(COUNT * min(odds, _COUNT_MOST))
    return out


def _best_passage(entry: Entry, k: int, model: LengthModel, sides: dict[str, list[_Piece]], *,
                  piece_model: LengthModel | None, more: dict[str, float], room: _Room
                  ) -> Passage | None:
    """The run of pieces of one paragraph of either side that best explains the bead
    as a translation with that run left out."""
    zh, en = entry.beads[k]
    zh_len = sum(zh_length(entry.zh[i].text) for i in zh)
    en_len = sum(en_length(entry.en[j].text) for j in en)
    z = _deviation(model, zh_len, en_len)
    count = partial(_count_fit, piece_model, len(sides["zh"]), len(sides["en"]))
    best, scores = None, []
    for lang in LANGS:
        total = zh_len if lang == "zh" else en_len
        pieces = sides[lang]
        for run_start in range(len(pieces)):
            cut, weight = 0, 0.0
            for last in range(run_start, min(run_start + _LONGEST_RUN, len(pieces))):
                piece = pieces[last]
                if piece.para != pieces[run_start].para:
                    break
                cut += piece.length
                weight += piece.weight
                if cut > _MOST_SHARE * total:
                    break
                after = (_deviation(model, zh_len - cut, en_len) if lang == "zh"
                         else _deviation(model, zh_len, en_len - cut))
                ends = pieces[run_start].opens + piece.closes
                score = (weight + (z * z - after * after) / 2 + more[lang] - PHRASE * (2 - ends)
                         + count(lang, last - run_start + 1))
                if lang == "zh":
                    score += room.weigh(run_start, last, cut * model.ratio, en_len)
                scores.append(score)
                if best is None or score > best.score:
                    span = (pieces[run_start].span[0], piece.span[1])
                    best = Passage(lang, piece.para, span, score)
                    bead_fit = (z * z - after * after) / 2
    if best is None:
        return None
    best = Passage(best.lang, best.para, best.span, _some_run(scores, best.score))
    if best.score >= _ALIGN_FROM:
        finer = _clause_fit(entry, k, model, best) - bead_fit
        best = Passage(best.lang, best.para, best.span, best.score + CLAUSES * finer)
    return best


#: Where the English of a word is: (position from 0 to 1 in the bead's English, sentence).
_Anchor = tuple[float, int]


@dataclass(frozen=True, slots=True)
class _Room:
    """Where the English of the words around each Chinese piece of a bead is (0 to 1)."""

    #: Per piece, the furthest English of the anchored words before it (None: none).
    before: list[_Anchor | None]
    #: ... and the nearest of those after it.
    after: list[_Anchor | None]

    @classmethod
    def of(cls, pieces: Sequence[_Piece], paras: Sequence[int],
           anchors: Sequence[tuple[int, int, float, int]]) -> _Room:
        """From the anchors (``WordEvidence.anchors``) of the bead of these pieces."""
        spans: list[tuple[_Anchor, _Anchor] | None] = []
        for piece in pieces:
            ys = [(y, sentence) for at, offset, y, sentence in anchors
                  if paras[at] == piece.para and piece.span[0] <= offset < piece.span[1]]
            spans.append((min(ys), max(ys)) if ys else None)
        before: list[_Anchor | None] = []
        furthest: _Anchor | None = None
        for span in spans:
            before.append(furthest)
            furthest = furthest if span is None else max(furthest or span[1], span[1])
        after: list[_Anchor | None] = []
        nearest: _Anchor | None = None
        for span in reversed(spans):
            after.append(nearest)
            nearest = nearest if span is None else min(nearest or span[0], span[0])
        return cls(before, after[::-1])

    def weigh(self, first: int, last: int, needed: float, en_len: int) -> float:
        """Log-odds that pieces ``first`` to ``last`` have no English counterpart, from
        the room between their neighbours' English and ``needed``, their length in English.

        Nothing where both neighbours' English is in one English sentence: inside a sentence
        the translator may have moved the passage's English anywhere (the Chinese of "in
        hopes of gaining insight into ..., by communicating with ..." says the insight
        last, and what it said between lands between the neighbours' English). On the
        even-numbered documents of bench/checks_eval.py, at 25 false findings: 331 of 414
        planted omissions found; 323 with the room between any words, 326 treating the
        bead's ends as sentence ends too; with ``NEAR_CHANCE`` 0.6, 327 against 325 with the
        room only between Chinese sentences (a law's long sentence has none)."""
        lo, hi = self.before[first], self.after[last]
        if (lo is None and hi is None) or (lo and hi and lo[1] == hi[1]):
            return 0.0
        room = max((1.0 if hi is None else hi[0]) - (0.0 if lo is None else lo[0]), 0.0) * en_len
        odds = math.log((needed + _ROOM_SLACK) / (room + _ROOM_SLACK))
        return ROOM * max(-_ROOM_MOST, min(_ROOM_MOST, odds))


def _some_run(scores: Sequence[float], top: float) -> float:
    """Log-odds that some run of the bead has no counterpart, not one run in particular:
    a lost sentence makes several overlapping runs likely where a chance one makes one.
    The best run alone found as many planted omissions at the even-numbered documents'
    9 false findings and 4 fewer (of 170) at 11."""
    return top + math.log(sum(math.exp(s - top) for s in scores))


def _count_fit(model: LengthModel | None, zh: int, en: int, lang: Lang, cut: int) -> float:
    """How much the bead's piece counts (Chinese phrases, English clauses) fit the entry's
    better with ``cut`` pieces of this side left out: (z² - z'²)/2, as for the length.

    A dropped English sentence takes its clauses with it, which the length barely
    shows where the translation is wordy: 4 more planted omissions (of 170) on the
    even-numbered documents at their 9 false findings, and 4 (of 147) on the odd ones.
    """
    if model is None:
        return 0.0
    after = (zh - cut, en) if lang == "zh" else (zh, en - cut)
    z, z_after = (((math.log((b + 1) / (a + 1)) - math.log(model.ratio)) / model.spread)
                  for a, b in ((zh, en), after))
    return (z * z - z_after * z_after) / 2


def _clause_fit(entry: Entry, k: int, model: LengthModel, p: Passage) -> float:
    """Log-odds that the bead's clauses pair better without the passage than with it:
    a Gale-Church alignment of the clauses of both sides, by length, with and without."""
    zh, en = entry.beads[k]
    with_it = _aligned(model, _clause_lengths(entry, "zh", zh, None),
                       _clause_lengths(entry, "en", en, None))
    without = _aligned(model, _clause_lengths(entry, "zh", zh, p),
                       _clause_lengths(entry, "en", en, p))
    return without - with_it if with_it > -math.inf and without > -math.inf else 0.0


def _clause_lengths(entry: Entry, lang: Lang, paras: Sequence[int], left_out: Passage | None
                    ) -> list[int]:
    """The lengths of this side's clauses, less what of them ``left_out`` covers."""
    measure = zh_length if lang == "zh" else en_length
    out = []
    for i in paras:
        text = entry.paragraphs(lang)[i].text
        for a, b in clause_spans(text, lang):
            n = measure(text[a:b]) - 1
            if left_out and left_out.lang == lang and left_out.para == i:
                lo, hi = max(a, left_out.span[0]), min(b, left_out.span[1])
                n -= measure(text[lo:hi]) - 1 if lo < hi else 0
            if n > 0:
                out.append(n)
    return out


def _aligned(model: LengthModel, zh: Sequence[int], en: Sequence[int]) -> float:
    """The score of the best alignment of these clause lengths (shape priors, and minus
    half the square of each pair's deviation); 0 for sides too many to align."""
    n, m = len(zh), len(en)
    if not n or not m or n * m > _MOST_CELLS:
        return 0.0
    zh_at, en_at = [0, *itertools.accumulate(zh)], [0, *itertools.accumulate(en)]
    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == -math.inf:
                continue
            for (di, dj), prior in _SHAPES.items():
                if i + di <= n and j + dj <= m:
                    d = _deviation(model, zh_at[i + di] - zh_at[i] + 1,
                                   en_at[j + dj] - en_at[j] + 1)
                    best[i + di][j + dj] = max(best[i + di][j + dj], here + prior - d * d / 2)
    return best[n][m]


def _pieces(entry: Entry, lang: Lang, paras: Sequence[int], weights: Sequence[Weight]
            ) -> list[_Piece]:
    """The phrases (Chinese) or clauses (English) of this side, with their length and the
    weight of their words (``weights`` in the order of the text)."""
    cut = phrase_spans if lang == "zh" else clause_spans
    measure = zh_length if lang == "zh" else en_length
    out, w = [], 0
    for at, i in enumerate(paras):
        text = entry.paragraphs(lang)[i].text
        clauses = clause_spans(text, lang)
        opens, closes = {a for a, _ in clauses}, {b for _, b in clauses}
        for a, b in cut(text, lang):
            weight = 0.0
            while w < len(weights) and (weights[w][0], weights[w][1]) < (at, b):
                weight += weights[w][2]
                w += 1
            out.append(_Piece(i, (a, b), measure(text[a:b]) - 1, weight, a in opens, b in closes))
    return out


def _deviation(model: LengthModel, zh: int, en: int) -> float:
    """Spreads off the model, the spread widened for short texts."""
    zh, en = max(zh, 1), max(en, 1)
    spread = math.sqrt(model.spread ** 2 + SHORT / zh)
    return (math.log(en / zh) - math.log(model.ratio)) / spread


def _finding(entry: Entry, p: Passage) -> Finding:
    text = entry.paragraphs(p.lang)[p.para].text[p.span[0]:p.span[1]]
    subject = text if len(text) <= _SHOWN[p.lang] else text[:_SHOWN[p.lang] - 1] + "…"
    return Finding("omission", "warning" if p.score >= STRONG else "review", p.lang, p.para,
                   p.span, subject,
                   f"{subject!r}: this {LANG_NAMES[p.lang]} sentence has no "
                   f"{LANG_NAMES[OTHER_LANG[p.lang]]} counterpart in the bead")
