"""How much a word of a bead says about the bead's having lost a passage.

A faithful translation carries most words over: the English of a bead holds a
dictionary translation of 刑事 ("criminal") about as often as the rest of the
document's beads do, and the same number as the Chinese. Where the
translator left a sentence out, the words of its Chinese counterpart find
nothing on the English side (and the other way round). So each word weighs
as the log-odds of "no counterpart" against "translated", from two rates
measured on the document itself:

* ``p``: how often the word's translation is on the other side of the other
  beads that hold the word (pulled towards the side's rate over all its
  words, or all its numbers, when the word is rare in the document:
  empirical Bayes, ``PRIOR`` beads' worth);
* ``q``: how often it is there anyway, by chance: the share of all the beads
  whose other side holds it.

A word found on the other side weighs log(q/p) (below zero), one not found
log((1-q)/(1-p)) (above zero); a word whose translation is no likelier in its
bead than anywhere (p <= q: "the", 主管機關 in a law where "authority" is in
every article) weighs nothing. A word said twice and translated once is half
found. Found counts only *near* where the word is (``NEAR``) or in its
sentence (``_window``): a speech's paragraph of eight sentences says "the
working class" three times, and the one the translator left out finds the
other two far off, while a sentence's English may put its last clause first
("..., 深入了解 ...。": "in hopes of gaining insight into ..., by ..."); a
translation found only far away weighs nothing either way, and one found near
weighs as if chance put it there less often (``NEAR_CHANCE``). Words are CC-CEDICT's
(``store.lang.lexicon``), English ones cut to their first ``STEM`` letters
(inspect, inspected, inspection); numbers are words too (十五 and 15), and a
Latin word of the Chinese (GMP) is its own translation.

Measured on bench/data/align (Taiwan's laws, Bible chapters): the CC-CEDICT
translation of a Chinese word is in its bead's English about half the time.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from store.lang.lexicon import chinese_words, meanings
from store.lang.numerals import NUMERAL_CHARS, to_int
from store.lang.patterns import compiled
from store.lang.sentences import sentence_spans

#: English words are compared by their first letters (5 does as well on
#: bench/data/align, 7 loses 1.5 points of recall at the same false findings).
STEM = 6
#: A word's own rate weighs against the side's as if it were seen this many more
#: times (0.5 and 2.0: recall within a point).
PRIOR = 1.0
#: No word is taken for certain to be translated.
_MOST = 0.95
#: A word's translation is found only within this share of the bead's other side of
#: where the word is (both as a share of their side): a passage's translation is where
#: the passage is, give or take the translator's reordering. Of 414 planted omissions
#: on the even-numbered documents, at their 23 false findings, 0.15, 0.2 and 0.3 find
#: 323, 324, 324 (318 found anywhere); 0.1 finds 318. A translation found far off
#: counting half or a quarter as found: within 2 plants. (Before ``NEAR_CHANCE`` and
#: the omission check's room.) Near also means in the word's sentence (``_window``);
#: with it (and ``NEAR_CHANCE`` 0.8), 0.15, 0.25 and 0.3 find 320, 327 and 325 at 25
#: false findings, 0.2 331.
NEAR = 0.2
#: A translation found near its word is likelier the translation than one found
#: anywhere: it weighs log(NEAR_CHANCE * q / p). 0.6 found 4 more planted omissions on
#: the even-numbered documents than 1.0, averaged over 18 to 30 false findings there,
#: when near was within ``NEAR`` only. Near in the word's sentence too, a translation
#: found near says less: of 414 planted omissions there, at 25 false findings, 0.5
#: finds 322, 0.6 327, 0.7 324, 0.8 331, 0.9 322, 1.0 327 (each at its own threshold).
NEAR_CHANCE = 0.8

_EN_WORD = compiled(r"[A-Za-z]{3,}")
_NUMBER = compiled(r"\d+(?:,\d{3})*(?:\.\d+)?")
_ZH_NUMERAL = compiled(
    rf"[{NUMERAL_CHARS}]{{2,}}|(?<=第)[{NUMERAL_CHARS}]|[{NUMERAL_CHARS}](?=[條条項项款目章節节"
    "年月日時时個个人名次歲岁倍件份種种元位天週周只隻頭头座張张把口匹])")

#: A side's words: (paragraph of the bead, offset, word).
_Words = list[tuple[int, int, str]]
#: A side's words by where they are: (position from 0 to 1 in the side, the first and
#: the last position of the other side where a translation is near it, word).
_Places = list[tuple[float, float, float, str]]
#: A side's sentences: (start, end), positions from 0 to 1 in the side.
_Sentences = list[tuple[float, float]]


#: What a word of a bead weighs towards a passage around it having no counterpart:
#: (paragraph of the bead, offset, weight).
Weight = tuple[int, int, float]
LANGS = ("zh", "en")


class WordEvidence:
    """The words of every bead of a document, and how often each is translated there.

    ``beads`` are (Chinese paragraphs, English paragraphs) of each bead. Built
    once per entry (linear in its text), then ``weights`` for any bead.
    """

    def __init__(self, beads: Sequence[tuple[Sequence[str], Sequence[str]]],
                 number_words: Callable[[str], Iterable[tuple[int, int]]] = lambda _: ()) -> None:
        self._words = ([_chinese(zh) for zh, _ in beads],
                       [_english(en, number_words) for _, en in beads])
        self._translate = _Translator({w for words in self._words[1] for _, _, w in words})
        zh, en = ([Counter(w for _, _, w in words) for words in side] for side in self._words)
        answers = [self._translate.answers(words) for words in zh]
        self._found = [_found(*bead, self._translate) for bead in zip(zh, en, answers, strict=True)]
        sentences = [(_sentences(zh, "zh"), _sentences(en, "en")) for zh, en in beads]
        self._en_starts = [[a for a, _ in en] for _, en in sentences]
        self._places = [(_places(zh_words, zh_texts, zh, en), _places(en_words, en_texts, en, zh))
                        for zh_words, en_words, (zh_texts, en_texts), (zh, en)
                        in zip(*self._words, beads, sentences, strict=True)]
        self._near = [_near(*places, self._translate) for places in self._places]
        self._n = len(beads)
        self._rates = [_rates([f[side] for f in self._found]) for side in (0, 1)]
        self._holding = (_holding(en), _holding(answers))

    def weights(self, bead: int, lang: str) -> list[Weight]:
        """Each word of this side of the bead, weighed: above zero, evidence of a lost passage,
        in the order of the text."""
        side = LANGS.index(lang)
        near = self._near[bead][side]
        weigh = {word: self._weight(side, word, f, near[word])
                 for word, f in self._found[bead][side].items()}
        return sorted((para, offset, weigh[word]) for para, offset, word in self._words[side][bead])

    def anchors(self, bead: int) -> list[tuple[int, int, float, int]]:
        """(paragraph of the bead, offset, English position from 0 to 1, English sentence)
        of each Chinese word of the bead whose translation is near it (``_window``), at the
        nearest such translation: where the English of the words around a passage is."""
        zh, en = self._places[bead]
        at = _positions(en)
        starts = self._en_starts[bead]
        out = []
        for (x, lo, hi, word), (para, offset, _) in zip(zh, self._words[0][bead], strict=True):
            near = [y for t in self._translate(word) for y, _, _ in at.get(t, ()) if lo <= y <= hi]
            if near:
                y = min(near, key=lambda y: abs(y - x))
                out.append((para, offset, y, bisect.bisect_right(starts, y) - 1))
        return out

    def _weight(self, side: int, word: str, f: float, near: float) -> float:
        """``f`` found anywhere on the other side, ``near`` (at most ``f``) near the word."""
        seen, share, mean = self._rates[side]
        prior = mean[word.startswith("#")]
        p = min((share[word] - f + PRIOR * prior) / (seen[word] - 1 + PRIOR), _MOST)
        q = max(self._anywhere(side, word) / self._n, 1 / (self._n + 1))
        if p <= q:
            return 0.0
        return (min(near, f) * math.log(NEAR_CHANCE * q / p)
                + (1 - f) * math.log((1 - q) / (1 - p)))

    def _anywhere(self, side: int, word: str) -> int:
        """In how many beads the other side holds the word's translation."""
        holding = self._holding[side]
        if side == 1:
            return holding.get(word, 0).bit_count()
        mask = 0
        for t in self._translate(word):
            mask |= holding.get(t, 0)
        return mask.bit_count()


class _Translator:
    """The English stems of the document that translate a Chinese word (or a number)."""

    def __init__(self, english: set[str]) -> None:
        self._english = english
        self._memo: dict[str, frozenset[str]] = {}

    def __call__(self, word: str) -> frozenset[str]:
        found = self._memo.get(word)
        if found is None:
            found = self._memo[word] = _translations(word) & self._english
        return found

    def answers(self, zh: Counter[str]) -> Counter[str]:
        """The English stems a bead's Chinese words answer, as many times as they are said."""
        out: Counter[str] = Counter()
        for word, n in zh.items():
            for t in self(word):
                out[t] += n
        return out


def _chinese(paras: Sequence[str]) -> _Words:
    """Dictionary words (not those that are numbers), numbers by value, and Latin words."""
    out = []
    for i, text in enumerate(paras):
        out += [(i, at, w) for at, w in chinese_words(text) if not _ZH_NUMERAL.fullmatch(w)]
        out += [(i, m.start(), f"#{v}") for m in _ZH_NUMERAL.finditer(text)
                if (v := to_int(m.group())) is not None]
        out += [(i, m.start(), _number(m.group())) for m in _NUMBER.finditer(text)]
        out += [(i, m.start(), _stem(m.group())) for m in _EN_WORD.finditer(text)]
    return out


def _english(paras: Sequence[str], number_words: Callable[[str], Iterable[tuple[int, int]]]
             ) -> _Words:
    """Words and numbers, those in digits and those ``number_words`` reads (offset, value)."""
    out = []
    for i, text in enumerate(paras):
        out += [(i, m.start(), _stem(m.group())) for m in _EN_WORD.finditer(text)]
        out += [(i, m.start(), _number(m.group())) for m in _NUMBER.finditer(text)]
        out += [(i, at, f"#{value}") for at, value in number_words(text)]
    return out


def _number(text: str) -> str:
    value = text.replace(",", "")
    return "#" + (value.rstrip("0").rstrip(".") if "." in value else value)


def _stem(word: str) -> str:
    w = word.lower()
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w[:STEM]


def _translations(word: str) -> frozenset[str]:
    """The English stems a Chinese word (or a number) can be found by, in any text."""
    if word.isascii():  # a number, or a Latin word of the Chinese (GMP, PMF)
        return frozenset((word,))
    found = _TRANSLATIONS.get(word)
    if found is None:
        found = _TRANSLATIONS[word] = frozenset(_stem(t) for t in meanings(word))
    return found


_TRANSLATIONS: dict[str, frozenset[str]] = {}


def _found(zh: Counter[str], en: Counter[str], answers: Counter[str], translate: _Translator
           ) -> tuple[dict[str, float], dict[str, float]]:
    """Per word of each side: the share of its uses that the other side answers (0 to 1)."""
    return ({w: min(1.0, sum(en[t] for t in translate(w)) / n) for w, n in zh.items()},
            {w: min(1.0, answers[w] / n) for w, n in en.items()})


def _places(words: _Words, paras: Sequence[str], own: _Sentences, other: _Sentences
            ) -> _Places:
    """Each word's position in its side of the bead, from 0 (its start) to 1 (its end), and
    where on the other side a translation is near it (``_window``)."""
    starts = list(itertools.accumulate((len(text) for text in paras), initial=0))
    out = []
    for para, offset, word in words:
        x = (starts[para] + offset) / max(starts[-1], 1)
        out.append((x, *_window(x, own, other), word))
    return out


def _window(x: float, own: _Sentences, other: _Sentences) -> tuple[float, float]:
    """Where on the other side a translation of a word at ``x`` is near it: within ``NEAR``,
    or in the stretch of the word's sentence that is also one sentence of the other side's
    (both straight across). A translator reorders the clauses of a sentence, not sentences:
    the Chinese of "in hopes of gaining insight into ..., by communicating with ..." says
    the insight last. Measured on the even-numbered documents of bench/checks_eval.py (414
    planted omissions, at 25 false findings on untouched text, with the room between
    English sentences only, ``store.checks.omission._Room``): 331 found, as many as within
    ``NEAR`` alone found with the room between any words; the word's own sentence
    alone, 330 (a law's Chinese sentence runs through what its English says in three)."""
    (a, b), (c, d) = _sentence_at(own, x), _sentence_at(other, x)
    return min(x - NEAR, max(a, c)), max(x + NEAR, min(b, d))


def _sentences(paras: Sequence[str], lang: str) -> _Sentences:
    """The sentences of one side of a bead, as positions from 0 to 1 in the side (at least
    one: the whole side)."""
    starts = list(itertools.accumulate((len(text) for text in paras), initial=0))
    total = max(starts[-1], 1)
    return [((starts[i] + a) / total, (starts[i] + b) / total)
            for i, text in enumerate(paras) for a, b in sentence_spans(text, lang)] or [(0.0, 1.0)]


def _sentence_at(sentences: _Sentences, x: float) -> tuple[float, float]:
    """The sentence at position ``x`` (between two, the one before)."""
    return sentences[max(bisect.bisect_right(sentences, (x, 2.0)) - 1, 0)]


def _positions(places: _Places) -> dict[str, list[tuple[float, float, float]]]:
    """Per word, its positions and windows (``_window``), in order."""
    out: dict[str, list[tuple[float, float, float]]] = {}
    for at, lo, hi, word in places:
        out.setdefault(word, []).append((at, lo, hi))
    return out


def _near(zh: _Places, en: _Places, translate: _Translator
          ) -> tuple[dict[str, float], dict[str, float]]:
    """Per word of each side: the share of its uses that a translation near it answers,
    each translation answering one use (``_paired``)."""
    zh_at, en_at = _positions(zh), _positions(en)
    answers: dict[str, list[float]] = {}
    for word, at in zh_at.items():
        for t in translate(word):
            answers.setdefault(t, []).extend(x for x, _, _ in at)
    return ({w: _paired(at, sorted(y for t in translate(w) for y, _, _ in en_at.get(t, ())))
             / len(at) for w, at in zh_at.items()},
            {w: _paired(at, sorted(answers.get(w, ()))) / len(at) for w, at in en_at.items()})


def _paired(xs: Sequence[tuple[float, float, float]], ys: Sequence[float]) -> int:
    """The most pairs of an x (position, window) and a y in its window, each used once (``ys``
    sorted: the windows by their ends, each taking the first y left in it, is the most)."""
    free, n = list(ys), 0
    for _, lo, hi in sorted(xs, key=lambda x: x[2]):
        i = bisect.bisect_left(free, lo)
        if i < len(free) and free[i] <= hi:
            del free[i]
            n += 1
    return n


def _rates(found: list[dict[str, float]]
           ) -> tuple[Counter[str], Counter[str], tuple[float, float]]:
    """Per word: beads holding it, and the sum of its shares found; the side's mean share
    of words and of numbers (a number is translated far more often than a word is found)."""
    seen: Counter[str] = Counter()
    share: Counter[str] = Counter()
    for bead in found:
        for word, f in bead.items():
            seen[word] += 1
            share[word] += f
    return seen, share, (_mean(seen, share, False), _mean(seen, share, True))


def _mean(seen: Counter[str], share: Counter[str], numbers: bool) -> float:
    words = [w for w in seen if w.startswith("#") == numbers]
    total = sum(seen[w] for w in words)
    return sum(share[w] for w in words) / total if total else 0.0


def _holding(beads: Sequence[Counter[str]]) -> dict[str, int]:
    """Per word, the bit set of the beads that hold it."""
    out: dict[str, int] = {}
    for k, words in enumerate(beads):
        for w in words:
            out[w] = out.get(w, 0) | 1 << k
    return out
