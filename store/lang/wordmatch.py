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
found. Words are CC-CEDICT's (``store.lang.lexicon``), English ones cut to
their first ``STEM`` letters (inspect, inspected, inspection); numbers are
words too (十五 and 15), and a Latin word of the Chinese (GMP) is its own
translation.

Measured on bench/data/align (Taiwan's laws, Bible chapters): the CC-CEDICT
translation of a Chinese word is in its bead's English about half the time.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from store.lang.lexicon import chinese_words, meanings
from store.lang.numerals import NUMERAL_CHARS, to_int
from store.lang.patterns import compiled

#: English words are compared by their first letters (5 does as well on
#: bench/data/align, 7 loses 1.5 points of recall at the same false findings).
STEM = 6
#: A word's own rate weighs against the side's as if it were seen this many more
#: times (0.5 and 2.0: recall within a point).
PRIOR = 1.0
#: No word is taken for certain to be translated.
_MOST = 0.95

_EN_WORD = compiled(r"[A-Za-z]{3,}")
_NUMBER = compiled(r"\d+(?:,\d{3})*(?:\.\d+)?")
_ZH_NUMERAL = compiled(
    rf"[{NUMERAL_CHARS}]{{2,}}|(?<=第)[{NUMERAL_CHARS}]|[{NUMERAL_CHARS}](?=[條条項项款目章節节"
    "年月日時时個个人名次歲岁倍件份種种元位天週周只隻頭头座張张把口匹])")

#: A side's words: (paragraph of the bead, offset, word).
_Words = list[tuple[int, int, str]]


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
        self._n = len(beads)
        self._rates = [_rates([f[side] for f in self._found]) for side in (0, 1)]
        self._holding = (_holding(en), _holding(answers))

    def weights(self, bead: int, lang: str) -> list[Weight]:
        """Each word of this side of the bead, weighed: above zero, evidence of a lost passage,
        in the order of the text."""
        side = LANGS.index(lang)
        weigh = {word: self._weight(side, word, f)
                 for word, f in self._found[bead][side].items()}
        return sorted((para, offset, weigh[word]) for para, offset, word in self._words[side][bead])

    def _weight(self, side: int, word: str, f: float) -> float:
        seen, share, mean = self._rates[side]
        prior = mean[word.startswith("#")]
        p = min((share[word] - f + PRIOR * prior) / (seen[word] - 1 + PRIOR), _MOST)
        q = max(self._anywhere(side, word) / self._n, 1 / (self._n + 1))
        if p <= q:
            return 0.0
        return f * math.log(q / p) + (1 - f) * math.log((1 - q) / (1 - p))

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
