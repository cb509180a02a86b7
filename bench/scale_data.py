"""The scaling benchmark's data: one archive of N entries in three stores, never whole in memory.

    python bench/scale_data.py 100000 /tmp/scale-100k

writes ``archive.json`` (the bitext archive, streamed by
``tests/generated_archive.stream``), ``fts.db`` (SQLite FTS5) and, up to
100,000 entries, ``tinydb.json`` (a plain TinyDB file, one document per
entry, queried with TinyDB's own ``Query``: it is read whole, so at a million
it would only measure running out of memory).

FTS5 uses the trigram tokenizer, as bench/search.py does: it matches any
substring of 3+ characters in Chinese and English alike, needs no word
segmentation, and 1-2 character terms fall back to ``LIKE`` over the same
table. unicode61 would need Chinese split into characters before indexing
and a phrase query per term, a preprocessing step a user picking SQLite
would not have.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.model import Entry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

#: Largest size written as a plain TinyDB file (see the module).
TINYDB_LIMIT = 100_000

FTS_SCHEMA = """
CREATE TABLE entries(id TEXT PRIMARY KEY, day TEXT, title_zh TEXT, title_en TEXT);
CREATE VIRTUAL TABLE fts USING fts5(zh, en, tokenize='trigram');
"""


def row(entry: Entry) -> tuple[str, str, str, str, str, str]:
    """An entry as the FTS5 user would store it: list fields, then each language's text."""
    return (entry.id, str(entry.start), entry.title["zh"], entry.title["en"],
            "\n".join(p.text for p in entry.zh), "\n".join(p.text for p in entry.en))


def insert(conn: sqlite3.Connection, rows: Iterator[tuple[str, ...]]) -> None:
    """The rows in one transaction: the entry table and the FTS5 table share rowids.

    An id already present is skipped, as ``bitext import`` skips it (the fixture's
    bulletin and the generated entries share a few).
    """
    with conn:
        for r in rows:
            cur = conn.execute("INSERT OR IGNORE INTO entries VALUES (?, ?, ?, ?)", r[:4])
            if cur.rowcount == 1:
                conn.execute("INSERT INTO fts(rowid, zh, en) VALUES (?, ?, ?)",
                             (cur.lastrowid, *r[4:]))


def write_fts(path: Path, count: int) -> None:
    from generated_archive import entries  # here: bench/scale.py's FTS5 process loads no bitext
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(FTS_SCHEMA)
    insert(conn, (row(e) for e in entries(count)))
    conn.close()


def write_tinydb(path: Path, count: int) -> None:
    """TinyDB's own JSON layout (``{"_default": {"1": {...}, ...}}``), written a line at a time."""
    from generated_archive import entries
    with path.open("w", encoding="utf-8") as f:
        f.write('{"_default": {')
        for n, e in enumerate(entries(count), 1):
            doc = dict(zip(("id", "day", "title_zh", "title_en", "zh", "en"), row(e), strict=True))
            f.write(("" if n == 1 else ", ") + f'"{n}": ' + json.dumps(doc, ensure_ascii=False))
        f.write("}}")


def size_of(path: Path) -> int:
    """A file's bytes; an archive's with its folder of parts."""
    parts = path.with_name(path.name + ".parts")
    return path.stat().st_size + sum(f.stat().st_size for f in parts.glob("*")) * parts.is_dir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    from generated_archive import stream
    steps = [("archive.json", lambda p: stream(p, args.count)),
             ("fts.db", lambda p: write_fts(p, args.count))]
    if args.count <= TINYDB_LIMIT:
        steps.append(("tinydb.json", lambda p: write_tinydb(p, args.count)))
    for name, make in steps:
        start = time.perf_counter()
        make(args.folder / name)
        size = size_of(args.folder / name) / 1e6
        print(f"{name}: {args.count:,} entries, {size:,.0f} MB, "
              f"{time.perf_counter() - start:.1f} s", flush=True)


if __name__ == "__main__":
    main()
