"""Guess what a one-byte GBK slip destroyed, so a reader can choose among likely readings.

When a GBK stream loses or gains one byte, the following pairs are read one byte
off: the trail byte of one character becomes the lead byte of the next "character".
The middle of such a span can be undone exactly, because every byte is still
there, only paired wrongly. At the two edges one byte of each outer character went
into an undecodable pair (shown as ``?``), so those two characters are enumerated
and a unigram word model of Chinese chooses among the combinations.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from store.lang.patterns import compiled
from store.lang.script import CJK_PUNCT, chinese_tag, converter, is_han

#: Characters a decoder puts where a pair did not decode.
_LOST = "?\ufffd"
#: The longest word the segmenter tries; wordfreq's Chinese list is mostly 1-4 chars.
_MAX_WORD = 4
#: Characters of intact text either side of the span that the model sees.
_CONTEXT = 3
#: Edge guesses kept per side before the two sides are combined. The sides only
#: meet through words that cross the fixed middle, so a short list per side loses
#: no reading a person would want, and saves scoring some 20,000 combinations.
_BEAM = 24
#: GBK's byte ranges: lead bytes, and trail bytes (0x7F is never a trail byte).
_LEADS = range(0x81, 0xFF)
_TRAILS = tuple(b for b in range(0x40, 0xFF) if b != 0x7F)

#: Share of the tokens of Chinese prose that are punctuation, and how that share
#: splits among the common marks (rough counts from running text). wordfreq drops
#: punctuation; without a price of its own a mark would be free or unknown, and
#: the model would prefer or refuse it for no reason. Rarer marks (〖, ＜) are
#: priced like any character wordfreq does not list.
_PUNCT_SHARE = 0.15
_PUNCT_SPLIT = {
    "，": 0.45, "。": 0.25, "、": 0.07, "“": 0.03, "”": 0.03, "：": 0.03, "（": 0.02,
    "）": 0.02, "《": 0.015, "》": 0.015, "；": 0.01, "？": 0.01, "！": 0.01,
    "「": 0.01, "」": 0.01, "—": 0.005, "…": 0.005, "·": 0.005,
}
_PUNCT_RE = compiled(f"[{CJK_PUNCT}]")


@dataclass(frozen=True, slots=True)
class Reading:
    text: str  # replaces the whole damaged span
    score: float  # log-probability of context + text + context; higher is better
    gbk: str  # the re-paired bytes, pairs split by " | ", guessed bytes in parentheses


@dataclass(frozen=True, slots=True)
class _Edge:
    """One guess for an edge character, with its bytes for the explanation."""

    char: str
    hex: str


@dataclass(frozen=True, slots=True)
class _Slip:
    """The span's bytes re-paired: the two open edges and the recovered middle."""

    firsts: tuple[_Edge, ...]
    middle: str
    middle_hex: str
    lasts: tuple[_Edge, ...]  # just _Edge("", "") when the last pair is whole


def readings(text: str, span: tuple[int, int], *, limit: int = 3) -> list[Reading]:
    """Candidate readings of text[span[0]:span[1]], best first.

    [] when the span is not a one-byte GBK slip: a reader is better served by
    the damage marked as it is than by a confident guess at something else.
    """
    start, end = span
    slip = _repair(_longest_run(text[start:end]))
    if slip is None or limit <= 0:
        return []
    left, right = _context_before(text, start), _context_after(text, end)
    script = _script_prior(text[:start] + text[end:])

    def edge(e: _Edge, sentence: str) -> float:
        return _score(sentence) + script(e.char)

    firsts = _best(slip.firsts, lambda e: edge(e, left + e.char + slip.middle))
    lasts = _best(slip.lasts, lambda e: edge(e, slip.middle + e.char + right))
    scored = [
        (
            _score(left + f.char + slip.middle + t.char + right) + script(f.char) + script(t.char),
            f.char + slip.middle + t.char,
            " | ".join(p for p in (f.hex, slip.middle_hex, t.hex) if p),
        )
        for f in firsts
        for t in lasts
    ]
    return _distinct(sorted(scored, key=lambda r: (-r[0], r[1])), limit)


def _best(edges: Iterable[_Edge], score: Callable[[_Edge], float]) -> list[_Edge]:
    """Keep the edge guesses that read best with their own side of the span."""
    return sorted(edges, key=lambda e: -score(e))[:_BEAM]


def _distinct(scored: Iterable[tuple[float, str, str]], limit: int) -> list[Reading]:
    """One reading per text: two byte guesses can spell the same characters."""
    out: dict[str, Reading] = {}
    for score, text, hexes in scored:
        out.setdefault(text, Reading(text, round(score, 3), hexes))
        if len(out) == limit:
            break
    return list(out.values())


# --- bytes ---------------------------------------------------------------------------------


def _longest_run(span_text: str) -> str:
    """The slipped characters: what survives between the lost pairs."""
    runs = re.split(r"[?\ufffd]+", span_text)
    return max(runs, key=len)


def _repair(run: str) -> _Slip | None:
    """Re-pair the run's bytes one byte earlier; None when that does not give Chinese."""
    if not run:
        return None
    try:
        data = run.encode("gbk")
    except UnicodeEncodeError:
        return None
    head = data[0]
    firsts = tuple(_Edge(ch, f"({lead:02X}) {head:02X}") for lead, ch in _by_trail().get(head, ()))
    pairs = [data[i:i + 2] for i in range(1, len(data) - 1, 2)]
    middle = [_decode_pair(p) for p in pairs]
    if not firsts or None in middle:
        return None
    lasts: tuple[_Edge, ...] = (_Edge("", ""),)
    if len(data) % 2 == 0:
        tail = data[-1]
        lasts = tuple(
            _Edge(ch, f"{tail:02X} ({trail:02X})") for trail, ch in _by_lead().get(tail, ())
        )
        if not lasts:
            return None
    middle_hex = " | ".join(p.hex(" ").upper() for p in pairs)
    return _Slip(firsts, "".join(ch for ch in middle if ch), middle_hex, lasts)


def _decode_pair(pair: bytes) -> str | None:
    """The Chinese character a two-byte pair stands for, if it stands for one."""
    try:
        ch = pair.decode("gbk")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 and _chinese(ch) else None


def _is_punct(ch: str) -> bool:
    return bool(_PUNCT_RE.fullmatch(ch))


def _chinese(ch: str) -> bool:
    """Han or a mark of Chinese text: what a pair of running Chinese text decodes to."""
    return is_han(ch) or (_is_punct(ch) and not ch.isspace())


@cache
def _all_pairs() -> tuple[tuple[int, int, str], ...]:
    """Every GBK pair that decodes to a Chinese character, built once."""
    return tuple(
        (lead, trail, ch)
        for lead in _LEADS
        for trail in _TRAILS
        if (ch := _decode_pair(bytes((lead, trail)))) is not None
    )


@cache
def _by_trail() -> dict[int, tuple[tuple[int, str], ...]]:
    """Han characters a known trail byte can end: the first pair lost its lead byte.

    Marks are left out here: unlike at the end of a span, where a slip often
    stops at a comma or full stop, nothing makes one likely at its start.
    """
    table: dict[int, list[tuple[int, str]]] = {}
    for lead, trail, ch in _all_pairs():
        if is_han(ch):
            table.setdefault(trail, []).append((lead, ch))
    return {k: tuple(v) for k, v in table.items()}


@cache
def _by_lead() -> dict[int, tuple[tuple[int, str], ...]]:
    """The characters a known lead byte can start: the last pair lost its trail byte."""
    table: dict[int, list[tuple[int, str]]] = {}
    for lead, trail, ch in _all_pairs():
        table.setdefault(lead, []).append((trail, ch))
    return {k: tuple(v) for k, v in table.items()}


# --- context -------------------------------------------------------------------------------


def _context_before(text: str, start: int) -> str:
    """Intact characters just before the span; other damage would only mislead."""
    before = text[max(0, start - _CONTEXT):start]
    cut = max(before.rfind(c) for c in _LOST)
    return before[cut + 1:]


def _context_after(text: str, end: int) -> str:
    """Intact characters just after the span; other damage would only mislead."""
    after = text[end:end + _CONTEXT]
    cuts = [i for i in (after.find(c) for c in _LOST) if i >= 0]
    return after[:min(cuts)] if cuts else after


def _script_prior(rest: str) -> Callable[[str], float]:
    """Log-probability that a guessed character fits the paragraph's script.

    GBK holds both scripts, so the lead byte guess often offers a simplified
    character (兴) where the bytes came from a traditional text (興), or the other
    way round. The rest of the paragraph says which script its writer used; the
    estimate is add-one smoothed so a paragraph with few telling characters
    barely matters. Characters both scripts share cost nothing.
    """
    kinds = [_script_of(ch) for ch in rest if is_han(ch)]
    trad, simp = kinds.count("trad"), kinds.count("simp")
    cost = {
        "trad": math.log((trad + 1) / (trad + simp + 2)),
        "simp": math.log((simp + 1) / (trad + simp + 2)),
        "both": 0.0,
    }
    return lambda ch: sum(cost[_script_of(c)] for c in ch)


@cache
def _script_of(ch: str) -> str:
    """'trad' or 'simp' for a character only one script writes, else 'both'."""
    return {"zh-Hant": "trad", "zh-Hans": "simp"}.get(chinese_tag(ch) or "", "both")


# --- language model ------------------------------------------------------------------------


@cache
def _words() -> tuple[dict[str, float], float, float]:
    """wordfreq's Chinese words, the log-probability of an unseen character, and
    wordfreq's own price for a word break that jieba inferred rather than saw.

    wordfreq lists nothing rarer than its cutoff, so a character it lacks is
    taken to be ten times rarer than the rarest word it does list. Without the
    price of a break any string splits into cheap single characters, and nonsense
    like 和|人 outscores the word 客人. Imported here,
    when readings are first asked for: loading it took 0.1 s of every ``bitext``.
    """
    import wordfreq  # noqa: PLC0415

    freqs = wordfreq.get_frequency_dict("zh")
    return freqs, math.log(min(freqs.values()) / 10), math.log(wordfreq.INFERRED_SPACE_FACTOR)


@cache
def _char_cost(ch: str) -> float:
    """Log-probability of a single character the word list does not cover."""
    if ch in _PUNCT_SPLIT:
        return math.log(_PUNCT_SHARE * _PUNCT_SPLIT[ch])
    # A Han character stands between inferred breaks; a mark or a Latin letter is one.
    _, unseen, brk = _words()
    return unseen - (brk if is_han(ch) else 0.0)


def _word_cost(word: str, freqs: dict[str, float]) -> float | None:
    """Log-probability of one token, its break included; None for a string that is no word."""
    freq = freqs.get(word)
    if freq is not None:
        return math.log(freq) - _words()[2]
    return _char_cost(word) if len(word) == 1 else None


def _score(sentence: str) -> float:
    """Log-probability of the best segmentation into known words and single characters.

    A unigram model over words is coarse, but it knows that 客人 and 表示 are
    words and 腿吮 is not, which is most of what the choice between readings
    needs. The text is traditional and wordfreq's Chinese simplified, hence t2s.
    """
    simple = converter("t2s").convert(sentence)
    freqs = _words()[0]
    best = [0.0] + [-math.inf] * len(simple)
    for end in range(1, len(simple) + 1):
        for start in range(max(0, end - _MAX_WORD), end):
            cost = _word_cost(simple[start:end], freqs)
            if cost is not None:
                best[end] = max(best[end], best[start] + cost)
    return best[-1]
