"""What survives translation, as tokens both languages can share.

Numbers (NFKC, Chinese numerals with a unit), dates as month-day, Latin words
inside the Chinese (HKTDC), and names: the toneless pinyin of two to four
Han characters (李謙 -> liqian, 重慶 -> chongqing) meets English capitalised
words and pairs of them (Li Qian -> liqian, Chongqing). Single syllables are
left out: ``Li`` or ``Wen`` alone match half the paragraphs by chance. Only
tokens that occur on both sides somewhere in the document are kept, weighted
by how rare they are, so the ubiquitous ``Chongqing`` counts for little and a
unique date for a lot.

Dictionary words (``lexicon.py``: 意大利 -> italy) are anchors too, but a
Chinese word yields several candidate translations of which the English uses
one, so a dictionary word missing on the other side costs a bead far less
than a missing number or name.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections import Counter
from collections.abc import Sequence

from store.lang.dates import find_dates
from store.lang.lexicon import english_words, translations
from store.lang.numerals import NUMERAL_CHARS, to_int
from store.lang.patterns import compiled
from store.lang.pinyin import readings
from store.lang.script import HAN

_ARABIC = compiled(r"\d+(?:,\d{3})*(?:\.\d+)?")
# A Chinese numeral counts only as a quantity: before a unit, or after 第.
_ZH_NUMERAL = compiled(
    rf"(?<=第)[{NUMERAL_CHARS}]+|[{NUMERAL_CHARS}]+(?=[人個个名家國国次位項项歲岁屆届億亿萬万多余餘年])"
)
_HAN_RUN = compiled(f"[{HAN}]+")
_LATIN_IN_ZH = compiled(r"[A-Za-z][A-Za-z0-9&\-]*")
_EN_NAME = r"[A-Z][A-Za-z]*(?:-[A-Z][a-z]+)*"
_EN_NAMES = compiled(rf"\b{_EN_NAME}(?: {_EN_NAME})*")
_EN_ORDINAL = compiled(r"\b(\d+)(?:st|nd|rd|th)\b")
#: Capitalised English words that say nothing about which paragraph is which.
_EN_STOP = frozenset(
    "a an and as at all both but by for from he her his in is it its mr mrs ms dr no not of on "
    "or she so that the their there these they this those to we with".split()
)
#: Most Han characters read as one name: 重慶 -> chongqing, 唐良智 -> tangliangzhi.
_NAME_CHARS = 4


#: Numbers, dates and names are near-certain evidence; a dictionary word only
#: suggests (a Chinese word has several translations, the English uses one).
KIND_WEIGHT = {"n": 3.0, "d": 3.0, "w": 3.0, "e": 1.0}


class Anchors:
    """Per-paragraph anchor tokens and their weights in this document."""

    def __init__(self, zh: Sequence[frozenset[str]], en: Sequence[frozenset[str]],
                 weight: dict[str, float]) -> None:
        self.zh, self.en, self.weight = tuple(zh), tuple(en), weight
        self._mass = {"zh": [sum(weight[t] for t in s) for s in self.zh],
                      "en": [sum(weight[t] for t in s) for s in self.en]}
        self._memo: dict[tuple[int, int, int, int], float] = {}
        self._sides: dict[tuple[str, int, int], tuple[frozenset[str], float]] = {}

    def similarity(self, i: int, di: int, j: int, dj: int) -> float:
        """Weighted Dice coefficient of zh[i:i+di] and en[j:j+dj], in [0, 1].

        Bounded, so a bead does not gain by swallowing its neighbours: two
        good 1-1 beads score twice, their 2-2 merge once. Memoised: the
        aligner asks again for every bead when it re-runs with refined lengths.
        """
        key = (i, di, j, dj)
        if (found := self._memo.get(key)) is not None:
            return found
        z, z_mass = self._side(self.zh, "zh", i, di)
        e, e_mass = self._side(self.en, "en", j, dj)
        total = z_mass + e_mass
        value = 2 * sum(self.weight[t] for t in z & e) / total if total else 0.0
        self._memo[key] = value
        return value

    def _side(self, paras: tuple[frozenset[str], ...], lang: str, start: int, size: int
              ) -> tuple[frozenset[str], float]:
        """The tokens of paras[start:start+size] and their weight; merged sides are
        memoised, since each is paired with every paragraph of the other side in its band."""
        if size == 1:
            return paras[start], self._mass[lang][start]
        key = (lang, start, size)
        if (found := self._sides.get(key)) is None:
            tokens = frozenset().union(*paras[start:start + size])
            found = self._sides[key] = (tokens, sum(self.weight[t] for t in tokens))
        return found


def find_anchors(zh: Sequence[str], en: Sequence[str]) -> Anchors:
    en_tokens = [en_candidates(t) for t in en]
    vocabulary = frozenset().union(*en_tokens)
    names = frozenset(t[2:] for t in vocabulary if t.startswith("w:"))
    prefixes = frozenset(name[:k] for name in names for k in range(1, len(name) + 1))
    zh_tokens = [zh_candidates(t, vocabulary, names, prefixes) for t in zh]
    shared = frozenset().union(*zh_tokens) & frozenset().union(*en_tokens)
    zh_kept = tuple(t & shared for t in zh_tokens)
    en_kept = tuple(t & shared for t in en_tokens)
    df = Counter(t for tokens in (*zh_kept, *en_kept) for t in tokens)
    n = len(zh) + len(en)
    weight = {t: math.log(1 + n / c) * KIND_WEIGHT[t[0]] for t, c in df.items()}
    return Anchors(zh_kept, en_kept, weight)


def zh_candidates(text: str, vocabulary: frozenset[str], names: frozenset[str],
                  prefixes: frozenset[str]) -> frozenset[str]:
    """Tokens of a Chinese paragraph that the English side of the document could share.

    ``names`` are the English names to look for in pinyin (``prefixes`` all
    their prefixes); dictionary translations outside ``vocabulary`` are dropped
    at once rather than carried through the set arithmetic.
    """
    text = unicodedata.normalize("NFKC", text)
    tokens, dated = _date_tokens(text, "zh")
    tokens |= _numbers(text, dated)
    tokens |= {f"n:{v}" for m in _ZH_NUMERAL.finditer(text) if (v := to_int(m.group()))}
    tokens |= {f"w:{m.group().lower()}" for m in _LATIN_IN_ZH.finditer(text)}
    tokens |= {t for w in translations(text) if (t := f"e:{w}") in vocabulary}
    tokens |= {f"w:{name}" for name in _pinyin_names(text, names, prefixes)}
    return frozenset(tokens)


def _pinyin_names(text: str, names: frozenset[str], prefixes: frozenset[str]) -> set[str]:
    """Runs of 2-4 Han characters whose pinyin (any reading of each) spells one of ``names``.

    Readings are chained only while they stay a prefix of some name, so the
    search stays small however many readings the characters have.
    """
    out: set[str] = set()
    for run in _HAN_RUN.finditer(text):
        chars = run.group()
        for i in range(len(chars)):
            partial = {""}
            for j in range(i, min(i + _NAME_CHARS, len(chars))):
                partial = {p + r for p in partial for r in readings(chars[j]) if p + r in prefixes}
                if not partial:
                    break
                if j > i:
                    out |= partial & names
    return out


def en_candidates(text: str) -> frozenset[str]:
    text = unicodedata.normalize("NFKC", text)
    tokens, dated = _date_tokens(text, "en")
    tokens |= _numbers(text, dated)
    tokens |= {f"n:{m.group(1)}" for m in _EN_ORDINAL.finditer(text)}
    tokens |= {f"e:{w}" for w in english_words(text)}
    for run in _EN_NAMES.finditer(text):
        names = [n for n in run.group().lower().replace("-", "").split() if n not in _EN_STOP]
        tokens |= {f"w:{n}" for n in names}
        tokens |= {f"w:{a}{b}" for a, b in itertools.pairwise(names)}
    return frozenset(tokens)


def _date_tokens(text: str, lang: str) -> tuple[set[str], list[tuple[int, int]]]:
    tokens, spans = set(), []
    for mention in find_dates(text, lang):
        spans.append((mention.start, mention.end))
        for y, m, d in mention.days:
            tokens.add(f"d:{m}-{d}")
            if y:
                tokens.add(f"n:{y}")
    return tokens, spans


def _numbers(text: str, dated: list[tuple[int, int]]) -> set[str]:
    out = set()
    for m in _ARABIC.finditer(text):
        if any(a <= m.start() < b for a, b in dated):
            continue
        value = m.group().replace(",", "")
        out.add(f"n:{value.rstrip('0').rstrip('.') if '.' in value else value}")
    return out
