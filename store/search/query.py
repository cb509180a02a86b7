"""The query language: words, "phrases", OR, -exclusions and field filters.

    重庆 合作             both must occur (in either language)
    "Foreign Affairs Office"   the words in this order
    Belarus OR Italy      either (also: belarus or italy)
    -visit                entries without it (also: meeting not visit)
    zh:合作 en:cooperation   one language only
    date:2018-11  date:2018-11-08..2018-11-20  date:..2018-11-20
    source:chongqing      the imported file's name or id contains this

Terms side by side are all required; OR binds tighter than that, as in web
search engines. Between two terms, ``or``, ``and`` and ``not`` in lower case are
operators too (``belarus or minsk``, ``visit not belarus``); anywhere else they are
words. ``OR`` with no term on one side is an error. A bare word of letters that
reads as pinyin of two or more syllables (``chongqing``, ``li qian`` written as two
words) also matches the Chinese it spells.

A query is bounded, so no query costs more than a few seconds at 100,000
entries or fails other than with a one-line ``QueryError``: at most
``MAX_QUERY_CHARS`` characters, ``MAX_TERMS`` terms and ``MAX_WORD_CHARS``
letters in a word (see each for why), and valid Unicode (a byte the terminal's
encoding cannot read reaches ``sys.argv`` as a lone surrogate, ``\\udcff``).
"""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass
from datetime import date

from store.errors import QueryError
from store.lang.patterns import compiled
from store.search.fold import fold
from store.search.syllables import splits
from store.search.terms import WORDS

_TOKEN = compiled(
    r"""(?P<neg>-)?(?:(?P<field>zh|en|date|source):)?
        (?:"(?P<quoted>[^"]*)"?|“(?P<cquoted>[^”]*)”?|(?P<bare>[^\s"“]+))""",
    re.VERBOSE,
)
#: Spellings tried for a run of pinyin words, at most.
_MAX_SPELLINGS = 32
#: Characters in a query, at most. The longest English paragraph of the sample
#: (134 words) is 800 characters, so a pasted paragraph still fits; a 20,000-word
#: phrase took 42 s. At 100,000 entries a phrase of this length takes 0.02 s in
#: distinct frequent words, 1.4 s as ``"a a a …"`` (every entry holding ``a`` is
#: read, as for the two-word ``"a a"``, 1.6 s).
MAX_QUERY_CHARS = 1000
#: Terms (words, phrases and filters, each alternative of an OR counted) in a query, at
#: most. Typed queries have a handful; 64 leaves room for a generated ``a OR b OR …``
#: list. At 100,000 entries 64 alternatives take 0.09 s, 64 distinct words 0.25 s,
#: 64 words of ``xian`` (each also read as pinyin, two ways) 0.65 s.
MAX_TERMS = 64
#: Letters and digits in one word, at most. The longest word of the sample is 15
#: letters and few English words pass 30; 100 letters of pinyin are 25 or more
#: syllables. Runs of Han characters are not words here: a pasted Chinese sentence
#: is one run, bounded by ``MAX_QUERY_CHARS``.
MAX_WORD_CHARS = 100
_DAY = compiled(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True, slots=True)
class Text:
    """Folded text to find; a phrase when it holds more than one word or Han run."""

    text: str
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Pinyin:
    """Syllables to find as consecutive Han characters, each split tried."""

    splits: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Dates:
    """Entries naming a day in [first, last]."""

    first: date
    last: date


@dataclass(frozen=True, slots=True)
class SourceIs:
    name: str


Atom = Text | Pinyin | Dates | SourceIs


@dataclass(frozen=True, slots=True)
class Clause:
    """Any one of ``alternatives`` (each a conjunction of atoms), or none if ``negated``."""

    alternatives: tuple[tuple[Atom, ...], ...]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    clauses: tuple[Clause, ...]

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    def texts(self) -> list[Text | Pinyin]:
        """The atoms that are found in text (what hits highlight)."""
        return [a for c in self.positive for alt in c.alternatives for a in alt
                if isinstance(a, Text | Pinyin)]


def parse(query: str) -> Query:
    _check_bounds(query)
    tokens = list(_TOKEN.finditer(query))
    clauses: list[tuple[Clause, bool]] = []  # with: is it one bare word?
    join_next = negate_next = False
    terms = 0
    for i, m in enumerate(tokens):
        operator = _operator(tokens, i)
        if operator == "OR":
            join_next = bool(clauses) and not clauses[-1][0].negated
            continue
        if operator == "NOT":
            negate_next = True
            continue
        if operator == "AND":
            continue
        atom = _atom(m)
        if atom is None:
            continue
        terms += 1
        if terms > MAX_TERMS:
            raise QueryError(f"the query has more than {MAX_TERMS} terms: "
                             "search for fewer words at once")
        negated = bool(m.group("neg")) or negate_next
        if join_next and not negated:
            clauses[-1] = (Clause((*clauses[-1][0].alternatives, (atom,))), False)
        else:
            bare = not (negated or m.group("field") or m.group("bare") is None)
            clauses.append((Clause(((atom,),), negated=negated), bare))
        join_next = negate_next = False
    return Query(tuple(_with_pinyin(clauses)))


#: Operators written in lower case: read as operators only between two terms
#: (``belarus or minsk``); alone or at an end they are words (``"either or"``).
_LOWER_OPERATORS = {"or": "OR", "and": "AND", "not": "NOT"}


def _operator(tokens: list[re.Match[str]], i: int) -> str | None:
    """``OR``, ``AND`` or ``NOT`` when token ``i`` is one; a dangling ``OR`` is an error.

    ``OR`` alone matched every entry with no hits, and ``Belarus OR`` silently
    searched for Belarus: both are a one-line error now, as a mistyped query is.
    """
    word = _plain_word(tokens[i])
    between = 0 < i < len(tokens) - 1 and all(
        _plain_word(t) not in ("OR", *_LOWER_OPERATORS) for t in (tokens[i - 1], tokens[i + 1]))
    if word == "OR":
        if not between:
            raise QueryError("OR needs a term on each side (e.g. Belarus OR Minsk)")
        return "OR"
    return _LOWER_OPERATORS.get(word or "") if between else None


def _plain_word(m: re.Match[str]) -> str | None:
    """The token's word when it is bare: no quotes, no field, no minus."""
    return None if m.group("neg") or m.group("field") else m.group("bare")


def _check_bounds(query: str) -> None:
    """A one-line ``QueryError`` for a query too long to answer or not valid Unicode."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(query):,} characters long; "
                         f"at most {MAX_QUERY_CHARS:,} are searched for")
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as e:
        code = ord(query[e.start])
        what = (f"the byte 0x{code - 0xDC00:02x}, which the terminal's encoding cannot read"
                if 0xDC80 <= code <= 0xDCFF else f"a lone surrogate U+{code:04X}")
        raise QueryError(f"the query is not valid text: it holds {what}") from None
    if long := next((w for w in WORDS.findall(query) if len(w) > MAX_WORD_CHARS), None):
        raise QueryError(f"the query has a word of {len(long):,} letters "
                         f"({long[:12]}…); at most {MAX_WORD_CHARS} are searched for")


def _atom(m: re.Match[str]) -> Atom | None:
    field = m.group("field")
    raw = next(g for g in (m.group("quoted"), m.group("cquoted"), m.group("bare"))
               if g is not None)
    if not field and raw == "source:":
        field, raw = "source", ""
    if field == "source" and not raw.strip():  # `source:""` matched all, `source:` none
        raise QueryError("source: needs a file's name or id after it")
    if field == "date":
        return _dates(raw)
    if field == "source":
        return SourceIs(fold(raw))
    text = fold(raw).strip()
    return Text(text, field) if text else None


def _dates(spec: str) -> Dates:
    first, sep, last = spec.partition("..")
    if not sep:
        last = first
    lo = _day(first, end=False) if first else date.min
    hi = _day(last, end=True) if last else date.max
    if lo > hi:
        raise QueryError(f"date:{spec}: the range ends before it starts")
    return Dates(lo, hi)


def _day(text: str, *, end: bool) -> date:
    """``2018``, ``2018-11`` or ``2018-11-20`` as the first (or last) day it covers."""
    m = _DAY.match(text)
    try:
        if not m:
            raise ValueError
        year, month = int(m[1]), int(m[2] or (12 if end else 1))
        last = calendar.monthrange(year, month)[1]
        return date(year, month, int(m[3]) if m[3] else (last if end else 1))
    except ValueError:
        raise QueryError(f"date:{text}: not a date (write 2018, 2018-11 or 2018-11-20, "
                         "or a range a..b)") from None


def _with_pinyin(clauses: list[tuple[Clause, bool]]) -> list[Clause]:
    """Runs of bare words that spell pinyin also match the Chinese they spell."""
    out: list[Clause] = []
    for is_pinyin, group in itertools.groupby(clauses, key=_spells_pinyin):
        run = [clause for clause, _ in group]
        if not is_pinyin:
            out.extend(run)
            continue
        words = [c.alternatives[0][0] for c in run]
        if sum(len(splits(w.text)[0]) for w in words) < 2:  # type: ignore[union-attr]
            out.extend(run)  # one syllable matches half of all Chinese text
            continue
        combined = itertools.islice(
            (sum(parts, ()) for parts in itertools.product(
                *(splits(w.text) for w in words))),  # type: ignore[union-attr]
            _MAX_SPELLINGS)
        spelled = tuple(sorted(set(combined), key=len))
        out.append(Clause((tuple(words), (Pinyin(spelled),))))
    return out


def _spells_pinyin(item: tuple[Clause, bool]) -> bool:
    clause, bare = item
    atom = clause.alternatives[0][0]
    return (bare and isinstance(atom, Text) and atom.text.isascii() and atom.text.isalpha()
            and bool(splits(atom.text)))
