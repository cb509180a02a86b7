"""Search on 1k, 10k and 100k entries: our index beside a TinyDB scan and SQLite FTS5.

    python bench/search.py [--sizes 1000 10000 100000] [--out /tmp/bench-search]

For each size the script generates entries with ``make_archive.generate`` (one
to three real beads of the sample each) and writes the same text three ways:

* ours: the archive (``store.archive``), then ``Archive(path).search_index()``,
  which builds the index and saves it beside the archive as ``<path>.search``;
* TinyDB: a plain ``TinyDB(path)`` (default JSONStorage) with one document
  ``{"id", "zh", "en"}`` per entry, paragraphs joined by newlines;
* FTS5: an SQLite file with a plain table ``plain(id, zh, en)`` and a virtual
  table ``fts USING fts5(zh, en, tokenize='trigram')`` holding the same text.

The generated text only has the sample's vocabulary, so every real word is
common. For rare queries, every 997th entry (0, 997, 1994, ...) gets ``麒麟``
appended to its last Chinese paragraph and `` Zephyrine`` to its last English
one (text and raw alike, so repair spans stay valid); the script prints how
many entries got them.

What one query costs, per engine (all times with ``time.perf_counter``):

* ours: ``archive.search(q)``, ``.entries``, ``.ranked(100)`` and
  ``.hits_in(id)`` for those 100 (a ranked page with highlights); "no hits"
  leaves out ``hits_in``. The archive is opened afresh after the build, so
  queries run on the saved index (``mmap``), as they do after a restart;
* TinyDB: ``db.search(Query().zh.search(re.escape(t)) | Query().en.search(
  re.escape(t), flags=re.IGNORECASE))``. TinyDB caches query results, so
  ``db.clear_cache()`` runs (untimed) before every repetition and each one
  really scans; with the default JSONStorage every search also reads and
  parses the whole file again. No ranking, no highlights;
* FTS5, terms of 3+ characters: ``count(*)`` of ``fts MATCH '"term"'`` plus
  the top 100 by ``bm25()`` with ``highlight()`` of both columns ("no
  highlight": the top 100 rowids only);
* FTS5, terms of 1-2 characters (the trigram tokenizer matches nothing for
  them): ``LIKE '%term%'`` on the plain table (LIKE on the FTS5 table finds
  nothing for 2-character Chinese on SQLite 3.40), ``count(*)`` plus the
  first 100 rows (no ranking: bm25 needs MATCH), highlighted in Python.

Each query runs once untimed, then --reps times (TinyDB: --tinydb-reps, and
--tinydb-reps-large at --large entries and more, where one scan takes
seconds); p50 and p95 are over those repetitions. Peak RSS is the process's
maximum so far (``getrusage``), printed after each size.
"""

from __future__ import annotations

import argparse
import dataclasses
import platform
import re
import resource
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from make_archive import generate
from tinydb import Query, TinyDB
from tinydb.queries import QueryInstance

from store.api import Archive, SearchResults
from store.archive import ArchiveFile
from store.model import Entry, Paragraph, Source
from store.search.index import SearchIndex
from store.search.indexfile import Tables

RARE_EVERY = 997
RARE_ZH = "麒麟"
RARE_EN = "Zephyrine"
PAGE = 100
#: Shortest term the FTS5 trigram tokenizer can MATCH.
TRIGRAM = 3


@dataclass(frozen=True, slots=True)
class Case:
    """One query: what to type into ours, and the literal the other two look for."""

    label: str
    ours: str
    literal: str


CASES = (
    Case("rare English word", RARE_EN, RARE_EN),
    Case("rare Chinese, 2 chars", RARE_ZH, RARE_ZH),
    Case("common English word", "Chongqing", "Chongqing"),
    Case("common Chinese, 2 chars", "合作", "合作"),
    Case("Chinese, 1 char", "會", "會"),
    Case("traditional (as in the text)", "重慶", "重慶"),
    Case("simplified", "重庆", "重庆"),
    Case("3 chars, traditional", "重慶市", "重慶市"),
    Case("3 chars, simplified", "重庆市", "重庆市"),
    Case("English phrase", '"Foreign Affairs Office"', "Foreign Affairs Office"),
)


@dataclass(frozen=True, slots=True)
class Timing:
    p50: float  # seconds
    p95: float
    count: int  # matching entries

    def cell(self) -> str:
        return f"{_ms(self.p50)} / {_ms(self.p95)}"


@dataclass(slots=True)
class Built:
    """One engine's store at one size: how long it took, how big it is, how fast it opens."""

    engine: str
    build: float
    size: int
    open: float
    note: str = ""


@dataclass(slots=True)
class SizeResult:
    entries: int
    planted: int
    built: list[Built]
    timings: dict[tuple[str, str], Timing]  # (case label, column) -> timing
    rss_mb: float


COLUMNS = ("ours", "ours, no hits", "FTS5", "FTS5, no highlight", "TinyDB")


# -- the data ------------------------------------------------------------------

def _appended(paragraphs: tuple[Paragraph, ...], word: str) -> tuple[Paragraph, ...]:
    """The paragraphs with ``word`` at the end of the last one (text and raw)."""
    if not paragraphs:
        return paragraphs
    last = paragraphs[-1]
    return (*paragraphs[:-1],
            dataclasses.replace(last, text=last.text + word, raw=last.raw + word))


def with_rare_words(entries: list[Entry]) -> tuple[list[Entry], int]:
    """Every RARE_EVERY-th entry with the rare words planted; and how many got them."""
    chosen = {n for n in range(0, len(entries), RARE_EVERY) if entries[n].zh and entries[n].en}
    out = [dataclasses.replace(e, zh=_appended(e.zh, RARE_ZH), en=_appended(e.en, " " + RARE_EN))
           if n in chosen else e for n, e in enumerate(entries)]
    return out, len(chosen)


def texts(entry: Entry) -> tuple[str, str]:
    """An entry's Chinese and English paragraphs, each language joined by newlines."""
    return "\n".join(p.text for p in entry.zh), "\n".join(p.text for p in entry.en)


# -- building ------------------------------------------------------------------

def write_archive(path: Path, entries: list[Entry]) -> float:
    """Write ``entries`` as one archive, as make_archive does; seconds taken."""
    source = Source(id="src-bench", name="generated", encoding="utf-8", sha256="",
                    imported="bench", raw="", layout="zh-en",
                    entries=tuple(e.id for e in entries))
    start = time.perf_counter()
    with ArchiveFile(path).transaction() as tx:
        tx.add(source, entries)
    return time.perf_counter() - start


def build_ours(path: Path, reps: int) -> tuple[Built, float]:
    """Build and save our index (timed), time reopening it; also the archive read."""
    start = time.perf_counter()
    archive = Archive(path)  # reads the whole archive file
    read = time.perf_counter() - start
    start = time.perf_counter()
    archive.search_index()
    build = time.perf_counter() - start
    index_file = path.with_name(path.name + ".search")
    opened = median_of(lambda: SearchIndex(Tables.load(index_file)), reps)
    note = f"archive read before it: {read:.2f} s"
    return Built("ours", build, index_file.stat().st_size, opened, note), read


def first_query(path: Path, query: str) -> float:
    """A freshly opened saved index answering one ranked page with hits."""
    index_file = path.with_name(path.name + ".search")
    start = time.perf_counter()
    results = SearchResults(SearchIndex(Tables.load(index_file)).search(query))
    for entry_id, _ in results.ranked(PAGE):
        results.hits_in(entry_id)
    return time.perf_counter() - start


def build_tinydb(path: Path, entries: list[Entry], reps: int) -> Built:
    """One TinyDB document per entry, in one insert; open = TinyDB(path) reading it all."""
    docs = [dict(zip(("id", "zh", "en"), (e.id, *texts(e)), strict=True)) for e in entries]
    start = time.perf_counter()
    with TinyDB(path) as db:
        db.insert_multiple(docs)
    build = time.perf_counter() - start

    def open_and_read() -> None:
        with TinyDB(path) as db:
            len(db)

    opened = median_of(open_and_read, reps)
    return Built("TinyDB", build, path.stat().st_size, opened,
                 "default JSONStorage (ASCII-escaped JSON); open = TinyDB() + len()")


def build_fts(path: Path, entries: list[Entry], reps: int) -> Built:
    """The plain table and the FTS5 trigram table, filled in one transaction."""
    rows = [(n + 1, e.id, *texts(e)) for n, e in enumerate(entries)]
    start = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE plain(id TEXT, zh TEXT, en TEXT);
        CREATE VIRTUAL TABLE fts USING fts5(zh, en, tokenize='trigram');
    """)
    with conn:
        conn.executemany("INSERT INTO plain(rowid, id, zh, en) VALUES (?, ?, ?, ?)", rows)
        conn.execute("INSERT INTO fts(rowid, zh, en) SELECT rowid, zh, en FROM plain")
    conn.close()
    build = time.perf_counter() - start

    def open_db() -> None:
        c = sqlite3.connect(path)
        c.execute("SELECT count(*) FROM sqlite_master").fetchone()
        c.close()

    opened = median_of(open_db, reps)
    return Built("FTS5", build, path.stat().st_size, opened,
                 "trigram table + plain copy of the text for LIKE")


# -- one query, per engine -----------------------------------------------------

def ours_page(archive: Archive, query: str, *, hits: bool) -> int:
    """Matching entries; the top PAGE ranked, with each one's hits if ``hits``."""
    results = archive.search(query)
    top = results.ranked(PAGE)
    if hits:
        for entry_id, _ in top:
            results.hits_in(entry_id)
    return results.entries


def tinydb_condition(term: str) -> QueryInstance:
    """Entries whose Chinese holds ``term``, or whose English does in any case."""
    doc = Query()
    pattern = re.escape(term)
    return doc.zh.search(pattern) | doc.en.search(pattern, flags=re.IGNORECASE)


def tinydb_scan(db: TinyDB, condition: QueryInstance) -> int:
    return len(db.search(condition))


def fts_string(term: str) -> str:
    """``term`` as one FTS5 string (a phrase)."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    return "%" + re.sub(r"([\\%_])", r"\\\1", term) + "%"


_MATCH_COUNT = "SELECT count(*) FROM fts WHERE fts MATCH ?"
_MATCH_PAGE = ("SELECT rowid, highlight(fts, 0, '[', ']'), highlight(fts, 1, '[', ']') "
               "FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?")
_MATCH_IDS = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?"
_LIKE = r"(zh LIKE ?1 ESCAPE '\' OR en LIKE ?1 ESCAPE '\')"
_LIKE_COUNT = f"SELECT count(*) FROM plain WHERE {_LIKE}"
_LIKE_PAGE = f"SELECT rowid, zh, en FROM plain WHERE {_LIKE} LIMIT ?2"
_LIKE_IDS = f"SELECT rowid FROM plain WHERE {_LIKE} LIMIT ?2"


def fts_page(conn: sqlite3.Connection, term: str, *, highlight: bool) -> int:
    """Matching rows; the top PAGE (MATCH, by bm25) or first PAGE (LIKE), highlighted if asked."""
    if len(term) >= TRIGRAM:
        match = fts_string(term)
        count = conn.execute(_MATCH_COUNT, (match,)).fetchone()[0]
        conn.execute(_MATCH_PAGE if highlight else _MATCH_IDS, (match, PAGE)).fetchall()
        return count
    like = like_pattern(term)
    count = conn.execute(_LIKE_COUNT, (like,)).fetchone()[0]
    if not highlight:
        conn.execute(_LIKE_IDS, (like, PAGE)).fetchall()
        return count
    found = re.compile(re.escape(term), re.IGNORECASE)
    spans = [m.span() for _, zh, en in conn.execute(_LIKE_PAGE, (like, PAGE))
             for text in (zh, en) for m in found.finditer(text)]
    assert spans or not count
    return count


# -- timing --------------------------------------------------------------------

def median_of(fn: Callable[[], object], reps: int) -> float:
    return statistics.median(_times(fn, reps, lambda: None))


def _times(fn: Callable[[], object], reps: int, before: Callable[[], object]) -> list[float]:
    out = []
    for _ in range(reps):
        before()
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def measure(fn: Callable[[], int], reps: int,
            before: Callable[[], object] = lambda: None) -> Timing:
    """One untimed run (its result is the count), then ``reps`` timed ones."""
    before()
    count = fn()
    times = _times(fn, reps, before)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1] if reps > 1 else times[0]
    return Timing(statistics.median(times), p95, count)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- one size ------------------------------------------------------------------

def run_size(size: int, out: Path, reps: int, tinydb_reps: int) -> SizeResult:
    log(f"{size:,} entries: generating")
    entries, planted = with_rare_words(generate(size))
    paths = {name: out / f"{name}-{size}.{ext}"
             for name, ext in (("archive", "json"), ("tinydb", "json"), ("fts", "sqlite"))}
    for p in (*paths.values(), paths["archive"].with_name(paths["archive"].name + ".search")):
        p.unlink(missing_ok=True)
    log(f"  archive ({planted} entries with the rare words)")
    written = write_archive(paths["archive"], entries)
    log("  ours: index")
    ours, read = build_ours(paths["archive"], reps)
    ours.note = f"archive written in {written:.2f} s, read in {read:.2f} s; " + \
        f"first query after open (合作, with hits): {_ms(first_query(paths['archive'], '合作'))} ms"
    log("  TinyDB")
    tiny = build_tinydb(paths["tinydb"], entries, min(reps, tinydb_reps))
    log("  FTS5")
    fts = build_fts(paths["fts"], entries, reps)
    del entries

    archive = Archive(paths["archive"])
    archive.search_index()  # the saved index, loaded
    conn = sqlite3.connect(paths["fts"])
    timings: dict[tuple[str, str], Timing] = {}
    with TinyDB(paths["tinydb"]) as db:
        for case in CASES:
            log(f"  query {case.ours}")
            timings[case.label, "ours"] = measure(
                lambda c=case: ours_page(archive, c.ours, hits=True), reps)
            timings[case.label, "ours, no hits"] = measure(
                lambda c=case: ours_page(archive, c.ours, hits=False), reps)
            timings[case.label, "FTS5"] = measure(
                lambda c=case: fts_page(conn, c.literal, highlight=True), reps)
            timings[case.label, "FTS5, no highlight"] = measure(
                lambda c=case: fts_page(conn, c.literal, highlight=False), reps)
            condition = tinydb_condition(case.literal)
            timings[case.label, "TinyDB"] = measure(
                lambda q=condition: tinydb_scan(db, q), tinydb_reps, db.clear_cache)
    conn.close()
    return SizeResult(size, planted, [ours, tiny, fts], timings, peak_rss_mb())


# -- the report ----------------------------------------------------------------

def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.1f}" if ms >= 1 else f"{ms:.2f}"


def _size(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else f"{n:,}"


def _path_of(term: str) -> str:
    return "MATCH" if len(term) >= TRIGRAM else "LIKE"


def build_table(results: list[SizeResult]) -> list[str]:
    lines = ["| entries | engine | build | on disk | open (median) | notes |",
             "|---|---|---|---|---|---|"]
    for r in results:
        for b in r.built:
            lines.append(f"| {_size(r.entries)} | {b.engine} | {b.build:.2f} s | "
                         f"{b.size / 1e6:,.1f} MB | {_ms(b.open)} ms | {b.note} |")
    return lines


def latency_table(r: SizeResult, reps: int, tinydb_reps: int) -> list[str]:
    head = " | ".join(COLUMNS)
    lines = [f"{_size(r.entries)} entries, p50 / p95 in ms ({reps} repetitions; "
             f"TinyDB {tinydb_reps}):", "",
             f"| query | FTS5 path | {head} |", "|---|---|" + "---|" * len(COLUMNS)]
    for case in CASES:
        cells = " | ".join(r.timings[case.label, c].cell() for c in COLUMNS)
        lines.append(f"| {case.label}: `{case.ours}` | {_path_of(case.literal)} | {cells} |")
    return lines


def count_table(results: list[SizeResult]) -> list[str]:
    sizes = " | ".join(_size(r.entries) for r in results)
    lines = ["Matching entries, ours / TinyDB / FTS5 (entries with the rare words: "
             + ", ".join(f"{r.planted} of {_size(r.entries)}" for r in results) + "):", "",
             f"| query | {sizes} |", "|---|" + "---|" * len(results)]
    for case in CASES:
        cells = []
        for r in results:
            counts = [r.timings[case.label, c].count for c in ("ours", "TinyDB", "FTS5")]
            same = len(set(counts)) == 1
            text = " / ".join(f"{n:,}" for n in counts)
            cells.append(text if same else f"**{text}**")
        lines.append(f"| `{case.ours}` | " + " | ".join(cells) + " |")
    return lines


def report(results: list[SizeResult], reps: int, tinydb_reps: dict[int, int]) -> str:
    sections = [
        [f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
         f"{platform.machine()}"],
        build_table(results),
        *(latency_table(r, reps, tinydb_reps[r.entries]) for r in results),
        count_table(results),
        ["Peak RSS of the process, after each size: "
         + ", ".join(f"{_size(r.entries)}: {r.rss_mb:,.0f} MB" for r in results)],
    ]
    return "\n\n".join("\n".join(lines) for lines in sections)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-search"))
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--tinydb-reps", type=int, default=7)
    parser.add_argument("--tinydb-reps-large", type=int, default=3)
    parser.add_argument("--large", type=int, default=50000,
                        help="from this many entries on, TinyDB gets --tinydb-reps-large")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tinydb_reps = {n: args.tinydb_reps_large if n >= args.large else args.tinydb_reps
                   for n in args.sizes}
    results = [run_size(n, args.out, args.reps, tinydb_reps[n]) for n in args.sizes]
    print(report(results, args.reps, tinydb_reps))


if __name__ == "__main__":
    main()
