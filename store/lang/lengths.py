"""How long a text is in each language, and how long its translation should be.

English characters per Chinese character vary by document (about 2.6 to 4.3
across corpora, 3.3 to 5.0 across the laws and Bible chapters of
bench/data/align), so the ratio is measured on the document itself: the
median of the log ratios of its 1-1 pairs, and their spread as the median
absolute deviation (times 1.4826, a standard deviation for normal data),
held within bounds so that a few pairs cannot make it absurdly narrow or wide.
The aligner (``store.ingest.align``) pairs paragraphs with it and the
omission check (``store.checks.omission``) weighs a bead's sides with it.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

SPREAD_BOUNDS = (0.12, 0.6)


@dataclass(frozen=True, slots=True)
class LengthModel:
    """English length per Chinese length: ``ratio``, and ``spread`` on the log of it."""

    ratio: float
    spread: float


def zh_length(text: str) -> int:
    """Non-space characters, plus one so an empty text divides."""
    return len("".join(text.split())) + 1  # split() cuts at what isspace() calls a space


def en_length(text: str) -> int:
    return len(text) + 1


def measured(pairs: Iterable[tuple[int, int]], least: int = 3) -> LengthModel | None:
    """The model of these (Chinese, English) lengths, or None with fewer than ``least`` pairs."""
    logs = [math.log(en / zh) for zh, en in pairs]
    if len(logs) < least:
        return None
    centre = statistics.median(logs)
    mad = statistics.median(abs(x - centre) for x in logs) * 1.4826
    lo, hi = SPREAD_BOUNDS
    return LengthModel(math.exp(centre), min(max(mad, lo), hi))
