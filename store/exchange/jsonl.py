"""JSON Lines: the entry JSON that ``bitext show --json`` prints, one entry per line.

For pandas and scripts, and the one format that carries everything: raw
text, every repair and damaged span, the source. Read back, each entry
keeps its source; the lines of each source are kept as its raw text, so the
file as imported is never lost.

Nothing a line states is trusted as it stands. Every field is checked for its
type and range (``schema``); the digest is computed again from the raw
paragraphs and must be the one stated, and the text must be the raw text with
the stated repairs applied (``proof``), so a line cannot keep a genuine entry's
id with invented text. The title is made again from the first paragraph, as a
bulletin's import makes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import orjson

from store.errors import InputError
from store.exchange import proof, schema
from store.exchange.shared import Imported, MakeParagraph, source_for
from store.ids import content_digest, day_digits, is_entry_id
from store.inert import json_escaped
from store.lang.titles import entry_title
from store.model import LANGS, Entry, Repair, bead_problems


def write(entries: Iterable[Entry]) -> Iterator[bytes]:
    """One entry per line, with every character a terminal would obey or hide (C1
    controls, bidi overrides, line separators) as a ``\\u`` escape: the same strings
    for a program, nothing to obey for a ``cat`` of the file."""
    for entry in entries:
        yield json_escaped(orjson.dumps(entry.to_dict()).decode()).encode() + b"\n"


def read(data: bytes, name: str, *, imported: str, repaired: MakeParagraph
         ) -> list[Imported]:
    """The entries of a JSON Lines file; ``repaired`` repairs a raw paragraph as a
    bulletin's import does (every repair a line states must be one it makes)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(name, f"is not UTF-8 JSON Lines (byte {e.start})") from None
    by_source: dict[str, tuple[list[str], list[Entry]]] = {}
    lines_of: dict[str, int] = {}
    # "\n" only: str.splitlines also splits at U+2028 and U+0085, which orjson
    # writes unescaped inside a string.
    for number, ending in enumerate(text.split("\n"), 1):
        line = ending.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{name}: line {number}"
        entry = _entry(line, where, repaired)
        if entry.id in lines_of:
            raise InputError(where, f"entry {entry.id} is already on line {lines_of[entry.id]}")
        lines_of[entry.id] = number
        lines, entries = by_source.setdefault(entry.source.id, ([], []))
        lines.append(line)
        entries.append(entry)
    if not by_source:
        raise InputError(name, "has no entries")
    out = []
    for lines, entries in by_source.values():
        kept = "\n".join(lines) + "\n"
        source = source_for(entries[0].source.name, kept.encode(), kept, imported, "jsonl")
        out.append(Imported(replace(source, id=entries[0].source.id,
                                    entries=tuple(e.id for e in entries)), tuple(entries)))
    return out


def _entry(line: str, where: str, repaired: MakeParagraph) -> Entry:
    try:
        d = orjson.loads(line)
    except orjson.JSONDecodeError as e:
        raise InputError(where, f"is not JSON ({e})") from None
    try:
        schema.check_entry(d)
    except schema.Invalid as e:
        raise InputError(where, str(e)) from None
    entry = Entry.from_dict(d)
    if problem := _unproved(entry) or _invented(entry, repaired) or _misaligned(entry):
        raise InputError(where, problem)
    return replace(entry, title=_titles(entry))


def _unproved(entry: Entry) -> str | None:
    """Why the entry's text does not prove the identity it states, or None."""
    for lang in LANGS:
        for i, p in enumerate(entry.paragraphs(lang)):
            if (k := proof.misfit(p)) is not None:
                return (f"{lang}[{i}].text: is not its raw text with its repairs applied "
                        f"(from its repair {k + 1})")
    if not is_entry_id(entry.id, entry.digest):
        return f"id {entry.id!r} does not match its digest"
    digest = content_digest([p.raw for p in (*entry.zh, *entry.en)])
    if digest != entry.digest:
        return f"digest: is not the digest of the entry's raw text (that is {digest[:8]}…)"
    dated = day_digits(entry.days[0]) if entry.days else "undated"
    if not entry.id.startswith(f"{dated}-"):
        return f"id {entry.id!r} does not begin with its first day ({dated})"
    return None


def _invented(entry: Entry, repaired: MakeParagraph) -> str | None:
    """The first stated repair that bitext's repairs would not make of the raw text.

    ``proof.misfit`` shows the text is the raw text with the stated repairs applied;
    a repair of its own invention ("replaced 大阪府 with 東京都") would still let
    invented text stand under a genuine digest. A line may state fewer repairs (an
    entry from a TMX is not repaired again), never others.
    """
    for lang in LANGS:
        for i, p in enumerate(entry.paragraphs(lang)):
            if not p.repairs:
                continue
            made = {_key(r) for r in repaired(p.raw, lang, p.line).repairs}
            for k, r in enumerate(p.repairs):
                if _key(r) not in made:
                    return (f"{lang}[{i}].repairs[{k}]: is not a repair bitext makes of "
                            f"this raw text ({r.kind}: {r.before!r} -> {r.after!r})")
    return None


def _key(r: Repair) -> tuple[str, tuple[int, int], str, str]:
    return r.kind, (r.span[0], r.span[1]), r.before, r.after


def _misaligned(entry: Entry) -> str | None:
    problems = bead_problems(entry.beads, len(entry.zh), len(entry.en))
    return f"beads: {problems[0]}" if problems else None


def _titles(entry: Entry) -> dict[str, Any]:
    """Made from the first paragraphs, as for a bulletin: a stated title is not trusted."""
    return {lang: entry_title([p.text for p in entry.paragraphs(lang)], lang)
            for lang in LANGS}
