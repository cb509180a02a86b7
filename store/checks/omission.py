"""A sentence left out of the translation inside an otherwise paired bead.

The most serious error a translator makes, and one no other check sees: the
paragraphs still pair, only one side is shorter than it should be. So the
evidence is length, measured against this entry's own ratio of English to
Chinese characters (``store.lang.lengths``: the median of its other 1-1
beads, ``PRIOR`` when it has fewer than three):

1. a bead whose ratio lies ``SUSPECT`` spreads or more off the entry's is
   suspect (the spread widened for short beads, whose ratio is noisier);
   every other bead costs two length sums and nothing more;
2. the longer side of a suspect bead is cut into sentences and clauses
   (``store.lang.sentences.clause_spans``) and aligned with the other side's
   by a small dynamic program: length, shared anchors (numbers, Latin words)
   and a prior per shape, where a sentence of the longer side may be left over;
3. the left-over sentence is named only if the bead without it is (nearly)
   no longer suspect: the omission explains the difference in length. If two
   are left over, the longer is named: one finding per bead.

Measured on bench/data/align, professional translations with every unit a
1-1 bead: on the untouched text 0.42 false findings per 100 beads for
Taiwan's laws and 0.67 for Bible chapters (CUV against KJV: two independent
translations, where some "omissions" are real differences between them);
with one sentence dropped from one side of a bead of two or more sentences,
the bead is found 51 % and 53 % of the time, and where both sides have as
many sentences, the right sentence is named 74 % and 68 % of the time. A
dropped sentence under about a fifth of its bead moves the ratio less than
the translations' own spread, and one inside a single long sentence of the
other side (commas only) has nothing to be named by: no length test finds
those.

Severity is "review", and "warning" when the evidence is strong: the
left-over sentence holds a number (or, a Chinese sentence, a Latin name) the
other side lacks entirely, is at least a third of its side, the bead without
it lies within one spread, and every other sentence pairs well.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from store.lang.lengths import LengthModel, en_length, measured, zh_length
from store.lang.numerals import NUMERAL_CHARS, to_int
from store.lang.sentences import clause_spans
from store.model import LANG_NAMES, OTHER_LANG, Bead, Entry, Finding, Lang, Severity, Span

#: The model of an entry with fewer than three 1-1 beads: the middle of the
#: ratios seen (2.6 to 5.0; the sample 3.8 to 4.9) and a spread wide enough for most.
PRIOR = LengthModel(4.0, 0.3)
#: A bead is suspect from this many spreads off the entry's ratio. Set on
#: bench/data/align (laws; Bible): 1.5 gives 1.25 and 1.43 false findings per
#: 100 beads instead of 0.42 and 0.67, for 6 points of recall; 2.5 loses 8.
SUSPECT = 2.0
#: The left-over sentences must bring the bead back within this many spreads:
#: the omission explains (nearly) all the difference. 2.0 loses 2 points of
#: recall there and no false finding, 3.0 gains under 1.
EXPLAINED = 2.5
#: The spread of a bead's log ratio grows by SHORT / (Chinese characters):
#: short beads vary more. Without it, 1.13 and 2.35 false findings per 100 beads.
SHORT = 0.5
#: Weights of sentence bead shapes; leaving a sentence over costs the most.
_WEIGHT = {
    (1, 1): 0.8,
    (2, 1): 0.06, (1, 2): 0.06,
    (2, 2): 0.02, (3, 1): 0.015, (1, 3): 0.015,
    (3, 2): 0.005, (2, 3): 0.005, (4, 1): 0.005, (1, 4): 0.005,
}
#: A sentence of the longer side left over. 0.005 gives 0.24 and 0.17 false
#: findings per 100 beads but 8 points less recall; 0.1 no more recall than 0.03.
_ORPHAN = math.log(0.03)
_PRIOR = {shape: math.log(w) for shape, w in _WEIGHT.items()}
#: Log-odds per anchor two sentences share, or that one has and the other
#: side holds elsewhere.
ANCHOR = 3.0
#: From this many 1-1 beads on, an entry's model is measured once for all its beads.
_MANY = 10
#: Beyond this many sentences on a side the bead is not aligned (time).
_MAX_SENTENCES = 60
#: Strong evidence: the left-over sentence's share of its side, the bead's
#: deviation without it, and the most any paired sentences deviate.
_STRONG_SHARE = 1 / 3
_STRONG_FIT = 1.0
_STRONG_PAIRS = 2.0

_ARABIC = re.compile(r"\d+(?:[,.]\d+)*")
_LATIN = re.compile(r"[A-Za-z][A-Za-z\-]+")
_ZH_NUMERAL = re.compile(f"[{NUMERAL_CHARS}]{{2,}}")
_SHOWN = {"zh": 24, "en": 60}

#: Sentence beads: indices into each side's sentences.
_Path = list[tuple[tuple[int, ...], tuple[int, ...]]]


@dataclass(frozen=True, slots=True)
class _Sentence:
    para: int
    span: Span
    length: int
    anchors: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Bead:
    """A suspect bead: its sentences and lengths, and which side is too long."""

    zh: list[_Sentence]
    en: list[_Sentence]
    zh_len: int
    en_len: int
    longer: Lang

    def side(self, lang: str) -> list[_Sentence]:
        return self.zh if lang == "zh" else self.en


def omission_findings(entry: Entry) -> Iterator[Finding]:
    for bead, model in zip(entry.beads, _models(entry), strict=True):
        suspect = _suspect(entry, bead, model)
        if suspect:
            found = _left_over(entry, suspect, model)
            if found:
                yield found


def _models(entry: Entry) -> list[LengthModel]:
    """The length model each bead is judged by: the entry's 1-1 beads but itself.

    Leaving the bead out matters in small entries: with four beads, one that
    lacks a quarter of its English pulls the median and the spread enough to
    hide itself. From ``_MANY`` beads on, one bead barely moves a median, and
    one model serves them all (linear time).
    """
    lengths = [(zh_length(entry.zh[z[0]].text), en_length(entry.en[e[0]].text))
               if len(z) == 1 and len(e) == 1 else None for z, e in entry.beads]
    pairs = [x for x in lengths if x]
    if len(pairs) >= _MANY:
        return [measured(pairs) or PRIOR] * len(lengths)
    return [measured(p for k, p in enumerate(lengths) if p and k != i) or PRIOR
            for i in range(len(lengths))]


def _suspect(entry: Entry, bead: Bead, model: LengthModel) -> _Bead | None:
    """The bead cut into sentences if its lengths disagree and its longer side has two or more."""
    zh, en = bead
    if not zh or not en:
        return None  # a paragraph with no counterpart is the unpaired check's
    zh_len = sum(zh_length(entry.zh[i].text) for i in zh)
    en_len = sum(en_length(entry.en[j].text) for j in en)
    z = _deviation(model, zh_len, en_len)
    if abs(z) < SUSPECT:
        return None
    suspect = _Bead(_sentences(entry, "zh", zh), _sentences(entry, "en", en), zh_len, en_len,
                    "en" if z > 0 else "zh")
    sizes = (len(suspect.zh), len(suspect.en))
    if len(suspect.side(suspect.longer)) < 2 or max(sizes) > _MAX_SENTENCES:
        return None
    return suspect


def _left_over(entry: Entry, bead: _Bead, model: LengthModel) -> Finding | None:
    """The longest sentence of the longer side that pairs with nothing, if the sentences
    left over explain the difference in length. Two left out make one finding."""
    path = _align(bead, model)
    side = 0 if bead.longer == "zh" else 1
    left = [bead.side(bead.longer)[k] for b in path if not b[1 - side] for k in b[side]]
    if not left or abs(_without(model, bead, left)) >= EXPLAINED:
        return None
    longest = max(left, key=lambda s: s.length)
    return _finding(entry, bead.longer, longest, _severity(model, bead, left, longest, path))


def _deviation(model: LengthModel, zh: int, en: int) -> float:
    """Spreads off the model, the spread widened for short texts."""
    spread = math.sqrt(model.spread ** 2 + SHORT / zh)
    return (math.log(en / zh) - math.log(model.ratio)) / spread


def _without(model: LengthModel, bead: _Bead, left: Sequence[_Sentence]) -> float:
    """The bead's deviation with these sentences of its longer side taken out."""
    cut = sum(s.length for s in left)
    if bead.longer == "zh":
        return _deviation(model, max(bead.zh_len - cut, 1), bead.en_len)
    return _deviation(model, bead.zh_len, max(bead.en_len - cut, 1))


def _sentences(entry: Entry, lang: Lang, paras: Sequence[int]) -> list[_Sentence]:
    measure = zh_length if lang == "zh" else en_length
    out = []
    for i in paras:
        text = entry.paragraphs(lang)[i].text
        for a, b in clause_spans(text, lang):
            out.append(_Sentence(i, (a, b), measure(text[a:b]), _anchors(text[a:b], lang)))
    return out


def _anchors(text: str, lang: str) -> frozenset[str]:
    """Numbers (Chinese numerals of two characters or more read as numbers) and Latin words;
    in English only capitalised words, the names a Chinese text would write in Latin."""
    found = {m.group().replace(",", "") for m in _ARABIC.finditer(text)}
    if lang == "zh":
        found |= {m.group().lower() for m in _LATIN.finditer(text)}
        found |= {str(n) for m in _ZH_NUMERAL.finditer(text) if (n := to_int(m.group()))}
    else:
        found |= {m.group().lower() for m in _LATIN.finditer(text) if m.group()[0].isupper()}
    return frozenset(found)


def _align(bead: _Bead, model: LengthModel) -> _Path:
    """Best sentence beads by length and shared anchors; the longer side may leave one over."""
    zh, en = bead.zh, bead.en
    n, m = len(zh), len(en)
    moves = {**_PRIOR, ((1, 0) if bead.longer == "zh" else (0, 1)): _ORPHAN}
    fit = _Fit(zh, en, model)
    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == -math.inf:
                continue
            for (di, dj), prior in moves.items():
                if i + di <= n and j + dj <= m:
                    s = best[i][j] + prior + fit(i, di, j, dj)
                    if s > best[i + di][j + dj]:
                        best[i + di][j + dj], back[i + di][j + dj] = s, (di, dj)
    path: _Path = []
    i, j = n, m
    while (i or j) and best[n][m] > -math.inf:
        di, dj = back[i][j]
        path.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return path[::-1]


class _Fit:
    """Log-odds that zh[i:i+di] and en[j:j+dj] translate each other: length and anchors."""

    def __init__(self, zh: list[_Sentence], en: list[_Sentence], model: LengthModel) -> None:
        self.zh, self.en = zh, en
        self.zh_all = frozenset().union(*(s.anchors for s in zh))
        self.en_all = frozenset().union(*(s.anchors for s in en))
        self.model = model

    def __call__(self, i: int, di: int, j: int, dj: int) -> float:
        a = frozenset().union(*(s.anchors for s in self.zh[i:i + di]))
        b = frozenset().union(*(s.anchors for s in self.en[j:j + dj]))
        score = ANCHOR * (len(a & b) - len((a - b) & self.en_all) - len((b - a) & self.zh_all))
        if di and dj:
            x = self.deviation(i, di, j, dj)
            score -= x * x / 2
        return score

    def deviation(self, i: int, di: int, j: int, dj: int) -> float:
        """Spreads off the ratio of these sentences."""
        zh = sum(s.length for s in self.zh[i:i + di])
        en = sum(s.length for s in self.en[j:j + dj])
        return _deviation(self.model, zh, en)


def _severity(model: LengthModel, bead: _Bead, left: Sequence[_Sentence], s: _Sentence,
              path: _Path) -> Severity:
    """"warning" for a long sentence with a number (or, left in the Chinese, a Latin name)
    the other side lacks altogether, the rest pairing well; "review" otherwise."""
    other = bead.side(OTHER_LANG[bead.longer])
    unanswered = [a for a in s.anchors - frozenset().union(*(o.anchors for o in other))
                  if a[0].isdigit() or bead.longer == "zh"]  # capitals in English are no names
    share = s.length / (bead.zh_len if bead.longer == "zh" else bead.en_len)
    fit = _Fit(bead.zh, bead.en, model)
    pairs_fit = all(abs(fit.deviation(z[0], len(z), e[0], len(e))) <= _STRONG_PAIRS
                    for z, e in path if z and e)
    strong = (unanswered and share >= _STRONG_SHARE and pairs_fit
              and abs(_without(model, bead, left)) <= _STRONG_FIT)
    return "warning" if strong else "review"


def _finding(entry: Entry, lang: Lang, s: _Sentence, severity: Severity) -> Finding:
    text = entry.paragraphs(lang)[s.para].text[s.span[0]:s.span[1]]
    subject = text if len(text) <= _SHOWN[lang] else text[:_SHOWN[lang] - 1] + "…"
    return Finding("omission", severity, lang, s.para, s.span, subject,
                   f"{subject!r}: this {LANG_NAMES[lang]} sentence has no "
                   f"{LANG_NAMES[OTHER_LANG[lang]]} counterpart in the bead")
