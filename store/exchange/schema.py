"""What an imported entry may hold: each field's type and range, and the days any import accepts.

JSON Lines is the one import whose every field is stated by the file, so every
field is checked here before an ``Entry`` is built; one that is not as
``Entry.to_dict`` writes it is refused as ``title.zh: expected text, got a
number`` (the reader adds the file and line). Before, such a field was written to
the archive and crashed ``list``, ``show``, ``search``, ``export`` and the app.

Plain Python, not jsonschema, pydantic or msgspec: the entry is a dozen fields,
and the checks that matter most cross fields (a repair names a paragraph that
exists, its span lies within that paragraph's raw text and says what is there,
the days are in order and start and end are the first and last), which each of
those needs hand-written validators for anyway; their messages would have to be
rewritten into the one-line form above; and a dependency would be added for it.

The days are checked for TMX too (``check_days``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, NoReturn

from store.ids import ENTRY_ID
from store.model import LANGS

#: The days an import accepts. Bulletins report events of living memory and the
#: years ahead; a date outside is a typo or an attack: ``0001-01-01/9999-12-30``,
#: 940 bytes of TMX, named 3.65 million days and made a 237 MB archive. Within
#: these years every year has four digits, as an entry id's ``YYYYMMDD`` needs.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)
#: The most days one entry may span, first to last: a leap year. A bulletin's
#: event (a visit, a festival, an exhibition) lasts days or weeks (the importer
#: itself reads no range longer than 62 days out of text); the cap bounds an
#: entry's list of days at 366 dates.
MAX_DAYS = 366
#: The largest count or position a field may hold. No line or character of a
#: file bitext reads (``store.inputs.MAX_INPUT_BYTES``, 1 GiB) lies further than
#: 2**30, and orjson, which writes the archive, refuses integers beyond 64 bits.
MAX_INT = 2**31 - 1
#: Longest source name: PATH_MAX on Linux. Names are one line of a list.
MAX_NAME = 4096

SOURCE_ID = re.compile(r"src-[0-9a-f]{12}")
_DIGEST = re.compile(r"[0-9a-f]{64}")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NOT_ENTRY = "is not an entry as `bitext show --json` prints it"
_ENTRY = ("id", "seq", "start", "end", "days", "title", "zh", "en", "beads", "repairs",
          "damage", "source", "digest")
_REPAIR = ("lang", "para", "kind", "span", "before", "after", "at")
_DAMAGE = ("lang", "para", "kind", "span", "raw_span", "text")


class Invalid(ValueError):
    """A field that is not as ``Entry.to_dict`` writes it: its path, then what is wrong."""


def check_entry(d: Any) -> None:
    """Raise ``Invalid`` for the first field of an entry's JSON of the wrong type or range.

    Unknown keys are passed over, so a file from a newer bitext still reads.
    """
    top = _object(d, "", _ENTRY)
    _pattern(top["id"], "id", ENTRY_ID, "an entry id (YYYYMMDD-xxxxxxxx)")
    _pattern(top["digest"], "digest", _DIGEST, "a SHA-256 digest (64 hex digits)")
    _count(top["seq"], "seq")
    _days(top)
    title = _object(top["title"], "title", LANGS)
    for lang in LANGS:
        _text(title[lang], f"title.{lang}")
    paragraphs = {lang: _paragraphs(top[lang], lang) for lang in LANGS}
    if not paragraphs["zh"] and not paragraphs["en"]:
        raise Invalid("zh, en: an entry needs a paragraph")
    _beads(top["beads"])
    for i, r in enumerate(_list(top["repairs"], "repairs")):
        _repair(r, f"repairs[{i}]", paragraphs)
    for i, x in enumerate(_list(top["damage"], "damage")):
        _damage(x, f"damage[{i}]", paragraphs)
    source = _object(top["source"], "source", ("id", "name"))
    _pattern(source["id"], "source.id", SOURCE_ID, "a source id (src- and 12 hex digits)")
    _name(source["name"], "source.name")
    for flag in ("edited", "year_inferred"):
        if flag in top and not isinstance(top[flag], bool):
            _wrong(top[flag], flag, "true or false")


def check_days(days: Sequence[date]) -> str | None:
    """Why these days cannot be an entry's, or None: each within ``FIRST_DAY``..``LAST_DAY``,
    in order and each once, at most ``MAX_DAYS`` from first to last."""
    for day in days:
        if not FIRST_DAY <= day <= LAST_DAY:
            return f"{day} is outside {FIRST_DAY}..{LAST_DAY}"
    if any(a >= b for a, b in itertools.pairwise(days)):
        return "the days are not in order, each once"
    if days and (length := (days[-1] - days[0]).days + 1) > MAX_DAYS:
        return f"spans {length} days, more than {MAX_DAYS}"
    return None


def iso_day(text: str) -> date:
    """``YYYY-MM-DD`` and nothing else (``fromisoformat`` also takes ``20181103``, ``2018-W44``)."""
    if not _ISO_DAY.fullmatch(text):
        raise ValueError(f"{_short(text)!r} is not a day as YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar") from None


# -- the parts of an entry --------------------------------------------------------------

def _days(top: Mapping[str, Any]) -> None:
    days = [_day(v, f"days[{i}]") for i, v in enumerate(_list(top["days"], "days"))]
    if problem := check_days(days):
        raise Invalid(f"days: {problem}")
    for key, want in (("start", days[0] if days else None), ("end", days[-1] if days else None)):
        value = top[key]
        got = None if value is None else _day(value, key)
        if got != want:
            raise Invalid(f"{key}: {'not null' if want is None else f'is not {want}'}, "
                          f"the {'first' if key == 'start' else 'last'} of the days")


def _day(v: Any, path: str) -> date:
    text = _text(v, path)
    try:
        return iso_day(text)
    except ValueError as e:
        raise Invalid(f"{path}: {e}") from None


def _paragraphs(v: Any, lang: str) -> list[tuple[str, str]]:
    """Each paragraph's (text, raw)."""
    out = []
    for i, item in enumerate(_list(v, lang)):
        path = f"{lang}[{i}]"
        p = _object(item, path, ("text", "raw", "line"))
        out.append((_text(p["text"], f"{path}.text"), _text(p["raw"], f"{path}.raw")))
        _count(p["line"], f"{path}.line")
    return out


def _beads(v: Any) -> None:
    """Pairs of lists of paragraph numbers; whether they cover the paragraphs is
    ``store.model.bead_problems``'s to say, once the entry is built."""
    for i, bead in enumerate(_list(v, "beads")):
        path = f"beads[{i}]"
        sides = _list(bead, path)
        if len(sides) != 2:
            raise Invalid(f"{path}: expected a pair of lists, got {len(sides)} items")
        for k, side in enumerate(sides):
            for j, n in enumerate(_list(side, f"{path}[{k}]")):
                _count(n, f"{path}[{k}][{j}]")


def _repair(v: Any, path: str, paragraphs: Mapping[str, list[tuple[str, str]]]) -> None:
    r = _object(v, path, _REPAIR)
    text, raw = _paragraph_of(r, path, paragraphs)
    kind = _text(r["kind"], f"{path}.kind")
    if not kind or _CONTROL.search(kind):
        raise Invalid(f"{path}.kind: expected the name of a repair, got {_short(kind)!r}")
    _located(r["span"], f"{path}.span", raw, _text(r["before"], f"{path}.before"), "raw text")
    _located(r["at"], f"{path}.at", text, _text(r["after"], f"{path}.after"), "text")


def _damage(v: Any, path: str, paragraphs: Mapping[str, list[tuple[str, str]]]) -> None:
    x = _object(v, path, _DAMAGE)
    text, raw = _paragraph_of(x, path, paragraphs)
    _text(x["kind"], f"{path}.kind")
    _located(x["span"], f"{path}.span", text, _text(x["text"], f"{path}.text"), "text")
    _span(x["raw_span"], f"{path}.raw_span", len(raw))


def _paragraph_of(d: Mapping[str, Any], path: str,
                  paragraphs: Mapping[str, list[tuple[str, str]]]) -> tuple[str, str]:
    lang = d["lang"]
    if lang not in LANGS:
        raise Invalid(f"{path}.lang: expected \"zh\" or \"en\", got {_short(repr(lang))}")
    para = _count(d["para"], f"{path}.para")
    if para >= len(paragraphs[lang]):
        raise Invalid(f"{path}.para: the entry has no {lang} paragraph {para}")
    return paragraphs[lang][para]


def _located(v: Any, path: str, within: str, says: str, what: str) -> None:
    """A span of ``within`` that holds exactly ``says``."""
    start, end = _span(v, path, len(within))
    if within[start:end] != says:
        raise Invalid(f"{path}: the {what} there is not what the entry says")


def _span(v: Any, path: str, length: int) -> tuple[int, int]:
    pair = _list(v, path)
    if len(pair) != 2:
        raise Invalid(f"{path}: expected [start, end], got {len(pair)} numbers")
    start, end = _count(pair[0], f"{path}[0]"), _count(pair[1], f"{path}[1]")
    if not start <= end <= length:
        raise Invalid(f"{path}: [{start}, {end}] is not within its paragraph (0..{length})")
    return start, end


# -- types ------------------------------------------------------------------------------

def _object(v: Any, path: str, keys: Sequence[str]) -> dict[str, Any]:
    """An object with these keys; a line that is not one at all is "not an entry"."""
    if not isinstance(v, dict):
        if not path:
            raise Invalid(f"{_NOT_ENTRY} (it is {_kind(v)})")
        _wrong(v, path, "an object")
    for key in keys:
        if key not in v:
            raise Invalid(f"{path}.{key}: missing" if path else f"{_NOT_ENTRY} (no {key!r})")
    return v


def _list(v: Any, path: str) -> list[Any]:
    if not isinstance(v, list):
        _wrong(v, path, "a list")
    return v


def _text(v: Any, path: str) -> str:
    if not isinstance(v, str):
        _wrong(v, path, "text")
    return v


def _count(v: Any, path: str) -> int:
    """A whole number from 0 to ``MAX_INT``: a line, a position, an index."""
    if isinstance(v, bool) or not isinstance(v, int):
        _wrong(v, path, "a whole number")
    if not 0 <= v <= MAX_INT:
        raise Invalid(f"{path}: {v} is out of range (0..{MAX_INT})")
    return v


def _pattern(v: Any, path: str, pattern: re.Pattern[str], what: str) -> str:
    if not pattern.fullmatch(_text(v, path)):
        raise Invalid(f"{path}: {_short(v)!r} is not {what}")
    return v  # type: ignore[no-any-return]


def _name(v: Any, path: str) -> str:
    name = _text(v, path)
    if not name or len(name) > MAX_NAME or _CONTROL.search(name):
        raise Invalid(f"{path}: expected a file name of one line (1 to {MAX_NAME} characters)")
    return name


def _wrong(v: Any, path: str, expected: str) -> NoReturn:
    raise Invalid(f"{path}: expected {expected}, got {_kind(v)}")


def _kind(v: Any) -> str:
    """What a JSON value is, in the words of a message."""
    if isinstance(v, bool):
        return "true or false"
    if isinstance(v, int):
        return "a number"
    if isinstance(v, float):
        return "a decimal number"
    names = {str: "text", list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(v), type(v).__name__)


def _short(text: str, limit: int = 40) -> str:
    """A value quoted in a message, cut so the message stays one short line."""
    return text if len(text) <= limit else text[:limit] + "…"


def days_label(days: tuple[date, ...]) -> str:
    """ISO days, a run of consecutive days as ``first/last``, runs joined by commas."""
    runs: list[list[date]] = []
    for day in days:
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(r[0].isoformat() if len(r) == 1 else f"{r[0]}/{r[-1]}" for r in runs)


def parse_days(label: str) -> tuple[date, ...]:
    """The days ``days_label`` wrote; ValueError saying why for any other text.

    Each run's ends are checked before it is expanded: ``0001-01-01/9999-12-30``
    would be 3.65 million days.
    """
    out: list[date] = []
    for part in filter(None, label.split(",")):
        first, _, last = part.partition("/")
        day, end = iso_day(first), iso_day(last or first)
        if end < day:
            raise ValueError(f"{part} ends before it starts")
        if problem := check_days([day, end] if end > day else [day]):
            raise ValueError(problem)
        out += (day + timedelta(days=n) for n in range((end - day).days + 1))
        if len(out) > MAX_DAYS:
            break  # check_days below says why
    if problem := check_days(out):
        raise ValueError(problem)
    return tuple(out)
