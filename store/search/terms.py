"""Words, stems and Han runs: the units the index is keyed by.

Folded text is read as Han characters (indexed as unigrams and the bigrams of
neighbours), words (runs of letters and digits, indexed whole and matched by
stem), and separators between them. Stemming is Snowball's English stemmer
(PyStemmer, in C): ``visit``, ``visits`` and ``visited`` share the stem
``visit``; a query word matches every word of the archive with its stem.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import Stemmer

from store.lang.patterns import compiled
from store.search.fold import HAN_CLASS, WORD_CLASS

WORDS = compiled(f"{WORD_CLASS}+")
HAN_RUNS = compiled(f"{HAN_CLASS}+")

_stemmer = Stemmer.Stemmer("english")
_stemmer_lock = threading.Lock()  # a Stemmer object is not thread-safe


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of one folded word."""
    with _stemmer_lock:
        return _stemmer.stemWord(word)


def stems(words: list[str]) -> list[str]:
    """Stems of many folded words in one call into C."""
    with _stemmer_lock:
        return _stemmer.stemWords(words)
