"""Our index beside tantivy (and SQLite FTS5), on one generated archive: which engine to keep.

    pip install -e '.[bench]'                     # tantivy, for this script only
    python bench/scale_data.py 100000 /tmp/scale-100k
    python bench/tantivy_compare.py /tmp/scale-100k --work /tmp/tantivy-100k

The archive folder is only read. Into ``--work`` the script copies the archive
(``archive.json`` and its parts; untimed), then measures, each engine in turn:

* build: our index (``Archive(copy).search_index()`` with no index saved) and
  tantivy's, each in a fresh process that reads the same entries
  (``ArchiveFile.texts``, what our build reads) and reports its own peak RSS;
* size on disk: ``archive.json.search`` + ``archive.json.search.d`` against
  tantivy's folder (and ``fts.db`` when the archive folder has one: the FTS5
  trigram table with an entry table of ids, days and titles);
* a 40-query mix (``QUERIES``: the ten ``CASES`` of bench/search.py and thirty
  more of the generated text's words, pinyin and operators), in process, each
  run once untimed then ``--reps`` times: the count of matching entries plus
  the first page of 20 ids by score. Ours: ``Archive.search(q)``, ``.entries``,
  ``.ranked(20)`` after ``prepare_search()``; tantivy: the query translated
  (below), ``searcher.search(q, 20)``, ``.count``, the 20 ids read from the
  stored field; FTS5 for the queries that are one literal (as bench/scale.py:
  ``MATCH`` for 3+ characters, ``LIKE`` below, on the unfolded text);
* an add of the 8-entry bulletin fixtures/chongqing-2018-11.txt (parsed once,
  ids made new for each repetition): ours writes the archive untimed, then
  ``search_index()`` adds a segment (timed); tantivy folds and tokenises the 8
  entries, ``add_document``, ``commit`` and ``reload`` (timed);
* open to first result from a fresh process (``first-result`` below; whole
  processes in turns, median of ``--runs``).

How tantivy mirrors our index. The text is folded by ``store.search.fold.fold``
(NFKC, case, traditional to simplified) before tantivy sees it, and cut in
Python into whitespace-separated tokens that tantivy's ``whitespace``
tokenizer reads back, one field per kind of key in ``store.search.build``:

* ``han1``: every Han character (frequencies only: a one-character query);
* ``han2``: every pair of neighbouring Han characters, with positions, and a
  ``|`` token between Han runs so no pair or phrase spans a word, a separator
  or a paragraph; a two-character query is one term, three or more a phrase of
  their pairs (``重庆市`` = ``重庆`` then ``庆市``), exactly the substring;
* ``words``: the words (``WORD_CLASS`` runs) with positions, ``|`` where a Han
  run or a paragraph break stood, stemmed by tantivy's Snowball English filter
  (the algorithm of our PyStemmer); a phrase is a phrase of stems.

Pre-tokenised rather than tantivy's ``ngram`` tokenizer: that one cuts every
1-2 character window of the whole text, English and separators too (grams like
``a `` and ``,重``), with no positions usable for phrases, and knows no folding.
Our parser (``store.search.query.parse``) reads the query, so both engines
answer the same query language: a word of pinyin becomes, per split, a term
set of ``han2`` pairs (two syllables) or a regex phrase over ``han2`` (three or
more), from our readings table. ``zh:``/``en:``, ``date:`` and ``source:`` are
not mapped (no query of the mix uses them).

``store.api``, ``store.archive`` and ``store.ingest`` are imported where they are
used, so tantivy's fresh process loads of ours only what it needs: the fold, the
query parser, the stemmer and the pinyin readings. Process timings run with
bytecode written (``python -m compileall`` the
packages first); the shell's ``PYTHONDONTWRITEBYTECODE`` is dropped for them.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import platform
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tantivy

from store.search.fold import HAN_CLASS, WORD_CLASS, fold
from store.search.query import Pinyin, Text, parse
from store.search.syllables import readings
from store.search.terms import HAN_RUNS, stem

if TYPE_CHECKING:
    from store.api import Archive
    from store.model import Source

SELF = Path(__file__).resolve()
BULLETIN = SELF.parent.parent / "fixtures" / "chongqing-2018-11.txt"
PAGE = 20
TRIGRAM = 3
#: Fields and tokenizers of tantivy's index (see the module).
STEMMED = "ws_stem"
SEP = "|"
_HAN_CHARS = re.compile(HAN_CLASS)
_UNITS = re.compile(f"(?P<han>{HAN_CLASS}+)|(?P<word>{WORD_CLASS}+)")
#: Han runs and paragraph breaks: where a phrase of words may not run on.
_BREAKS = re.compile(f"{HAN_CLASS}+|\n")
_WORD_OR_SEP = re.compile(f"{WORD_CLASS}+|\x01")


@dataclass(frozen=True, slots=True)
class Q:
    """A query of the mix: what both engines are asked; the literal FTS5 is asked, if any."""

    label: str
    query: str
    literal: str | None = None


def _lit(label: str, term: str) -> Q:
    return Q(label, term, term)


#: The ten CASES of bench/search.py (their rare words are planted by that script
#: only: here they find nothing), then thirty of the generated text.
QUERIES = (
    _lit("rare English word", "Zephyrine"), _lit("rare Chinese, 2 chars", "麒麟"),
    _lit("common English word", "Chongqing"), _lit("common Chinese, 2 chars", "合作"),
    _lit("Chinese, 1 char", "會"), _lit("traditional", "重慶"), _lit("simplified", "重庆"),
    _lit("3 chars, traditional", "重慶市"), _lit("3 chars, simplified", "重庆市"),
    Q("English phrase", '"Foreign Affairs Office"', "Foreign Affairs Office"),
    _lit("1 char", "市"), _lit("1 char, simplified", "与"),
    _lit("2 chars", "會見"), _lit("2 chars, simplified", "会见"),
    _lit("2 chars", "投資"), _lit("2 chars", "代表"), _lit("2 chars", "東盟"),
    _lit("3 chars", "代表團"), _lit("3 chars", "總領事"), _lit("3 chars", "菲律賓"),
    _lit("3 chars", "加拿大"), _lit("3 chars, simplified", "意大利"),
    _lit("4 chars", "辛辛那提"), _lit("5 chars", "市外事大樓"), _lit("4 chars", "合作機制"),
    _lit("word", "Cincinnati"), _lit("word", "delegation"), _lit("word", "investment"),
    _lit("word", "cooperation"), Q("word, by stem", "visited", "visit"),
    _lit("word", "Canada"),
    Q("phrase", '"Foreign Affairs Building"', "Foreign Affairs Building"),
    Q("phrase", '"cooperation mechanism"', "cooperation mechanism"),
    Q("two terms", "重庆 合作"), Q("two words", "Chongqing cooperation"),
    Q("OR", "Canada OR Italy"), Q("OR, Chinese", "加拿大 OR 意大利"),
    Q("exclusion", "重庆 -合作"), Q("pinyin, 2 syllables", "li qian"),
    Q("pinyin, 3 syllables", "jianada"),
)


# -- tantivy: schema, documents, queries -----------------------------------------

def schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("han1", tokenizer_name="whitespace", index_option="freq")
    b.add_text_field("han2", tokenizer_name="whitespace", index_option="position")
    b.add_text_field("words", tokenizer_name=STEMMED, index_option="position")
    return b.build()


def open_index(path: Path, *, create: bool = False) -> tantivy.Index:
    """The index at ``path``, our stemming tokenizer registered (tantivy saves only its name)."""
    index = tantivy.Index(schema(), path=str(path), reuse=not create)
    index.register_tokenizer(STEMMED, tantivy.TextAnalyzerBuilder(
        tantivy.Tokenizer.whitespace()).filter(tantivy.Filter.stemmer("english")).build())
    return index


def _text(paragraphs: Iterable[str]) -> str:
    """One language folded, a paragraph a line, as ``store.search.build`` reads it."""
    return fold("\n".join(p.replace("\n", " ") for p in paragraphs))


def _pairs(run: str) -> str:
    return " ".join([run[i:i + 2] for i in range(len(run) - 1)])


def _words(text: str) -> str:
    marked = _BREAKS.sub(" \x01 ", text)
    if marked.isascii():
        return marked.translate(_ASCII_SPACES).replace("\x01", SEP)
    return " ".join(_WORD_OR_SEP.findall(marked)).replace("\x01", SEP)


_ASCII_SPACES = {c: " " for c in range(128) if not chr(c).isalnum() and c != 1}


def document(entry_id: str, zh: Iterable[str], en: Iterable[str]) -> tantivy.Document:
    """An entry as tantivy's fields: both languages folded, as our index keys them."""
    texts = (_text(zh), _text(en))
    runs = [r for t in texts for r in HAN_RUNS.findall(t)]
    doc = tantivy.Document()
    doc.add_text("id", entry_id)
    doc.add_text("han1", " ".join(_HAN_CHARS.findall(texts[0] + texts[1])))
    doc.add_text("han2", f" {SEP} ".join(_pairs(r) for r in runs))
    doc.add_text("words", f" {SEP} ".join(_words(t) for t in texts))
    return doc


class Unmapped(Exception):
    """A query atom tantivy's index here cannot answer."""


class Tantivy:
    """Tantivy's index opened, with the Han characters it holds (for pinyin, as ours keeps
    the characters of each segment): read once per reload, 0.3 ms."""

    def __init__(self, path: Path) -> None:
        self.index = open_index(path)
        self._present: set[str] | None = None

    def reload(self) -> None:
        self.index.reload()
        self._present = None

    @property
    def present(self) -> set[str]:
        if self._present is None:
            self._present = {t for t, _ in self.index.searcher().terms_with_prefix("han1", "")}
        return self._present

    def page(self, query: str) -> tuple[int, list[str]]:
        """The count of matching entries and the ids of the first PAGE by score."""
        searcher = self.index.searcher()
        result = searcher.search(translate(self.index.schema, query, self.present), PAGE)
        return result.count, [searcher.doc(a).get_first("id") for _, a in result.hits]


def translate(s: tantivy.Schema, query: str, present: set[str]) -> tantivy.Query:
    """``query`` as our parser reads it, as a tantivy query over the fields above;
    ``present``: the Han characters the index holds."""
    parts = []
    for clause in parse(query).clauses:
        alts = [_all([_atom(s, a, present) for a in alt]) for alt in clause.alternatives]
        one = alts[0] if len(alts) == 1 else tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, a) for a in alts])
        parts.append((tantivy.Occur.MustNot if clause.negated else tantivy.Occur.Must, one))
    if all(o == tantivy.Occur.MustNot for o, _ in parts):
        parts.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return parts[0][1] if len(parts) == 1 else tantivy.Query.boolean_query(parts)


def _all(queries: list[tantivy.Query]) -> tantivy.Query:
    return queries[0] if len(queries) == 1 else tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, q) for q in queries])


def _atom(s: tantivy.Schema, atom: object, present: set[str]) -> tantivy.Query:
    if isinstance(atom, Pinyin):
        return _any([_spelled(s, syllables, present) for syllables in atom.splits])
    if not isinstance(atom, Text) or atom.lang:
        raise Unmapped(repr(atom))
    units = list(_UNITS.finditer(atom.text))
    if all(u.group("word") for u in units):
        stems = [stem(u.group()) for u in units]
        if len(stems) == 1:
            return tantivy.Query.term_query(s, "words", stems[0])
        return tantivy.Query.phrase_query(s, "words", stems)
    if len(units) != 1:
        raise Unmapped(f"mixed phrase {atom.text!r}")
    run = units[0].group()
    if len(run) <= 2:
        return tantivy.Query.term_query(s, "han1" if len(run) == 1 else "han2", run)
    return tantivy.Query.phrase_query(s, "han2", _pairs(run).split())


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    return queries[0] if len(queries) == 1 else tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, q) for q in queries])


def _spelled(s: tantivy.Schema, syllables: tuple[str, ...], present: set[str]
             ) -> tantivy.Query:
    """Consecutive Han characters read ``syllables``: pairs of ``han2`` from our readings
    of the characters the index holds.

    A term set of every pair (547 characters read ``li``, 313 ``qian``) took 20 ms
    at 10,000 entries; a regex of them all 16 ms (compiling it); the regex walks only
    the pairs in the term dictionary."""
    chars = [sorted(readings().get(x, frozenset()) & present) for x in syllables]
    if not all(chars):
        return tantivy.Query.empty_query()
    pattern = [f"[{''.join(a)}][{''.join(b)}]" for a, b in itertools.pairwise(chars)]
    if len(pattern) == 1:  # a regex on the term dictionary: 0.15 ms, a term set 1.5-20 ms
        return tantivy.Query.regex_query(s, "han2", pattern[0])
    return tantivy.Query.regex_phrase_query(s, "han2", pattern)


def ours_page(archive: Archive, query: str) -> tuple[int, list[str]]:
    results = archive.search(query)
    return results.entries, [i for i, _ in results.ranked(PAGE)]


# -- FTS5 (the table bench/scale_data.py writes, read only) --------------------

def fts_page(conn: sqlite3.Connection, term: str) -> tuple[int, list[str]]:
    if len(term) >= TRIGRAM:
        match = '"' + term.replace('"', '""') + '"'
        count = conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()[0]
        ids = conn.execute("SELECT e.id FROM fts JOIN entries e ON e.rowid = fts.rowid "
                           "WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?", (match, PAGE))
    else:
        like = "%" + re.sub(r"([\\%_])", r"\\\1", term) + "%"
        where = r"WHERE fts.zh LIKE ?1 ESCAPE '\' OR fts.en LIKE ?1 ESCAPE '\'"
        count = conn.execute(f"SELECT count(*) FROM fts {where}", (like,)).fetchone()[0]
        ids = conn.execute(f"SELECT e.id FROM fts JOIN entries e ON e.rowid = fts.rowid "
                           f"{where} LIMIT ?2", (like, PAGE))
    return count, [r[0] for r in ids]


# -- the child processes -------------------------------------------------------

def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_ours(archive: Path) -> None:
    """Our index built from nothing, saved beside the archive."""
    from store.api import Archive

    start = time.perf_counter()
    Archive(archive).search_index()
    print(json.dumps({"seconds": time.perf_counter() - start, "peak_mb": peak_mb()}))


def build_tantivy(archive: Path, folder: Path) -> None:
    """Tantivy's index of every entry that ``ArchiveFile.texts`` streams, committed."""
    from store.archive import ArchiveFile

    start = time.perf_counter()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    index = open_index(folder, create=True)
    writer = index.writer()
    for row, zh, en in ArchiveFile(archive).texts():
        writer.add_document(document(row.id, zh, en))
    writer.commit()
    writer.wait_merging_threads()
    print(json.dumps({"seconds": time.perf_counter() - start, "peak_mb": peak_mb()}))


def first_result(engine: str, path: Path, query: str) -> None:
    """Open, answer one query (count and first page), print the first id: a whole process."""
    if engine == "ours":
        from store.api import Archive

        count, ids = ours_page(Archive(path), query)
    else:
        count, ids = Tantivy(path).page(query)
    print(count, ids[0] if ids else "")


# -- the parent: timings -------------------------------------------------------

def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(*args: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, str(SELF), *args], capture_output=True, text=True,
                          check=True, env=child_env())
    return json.loads(done.stdout.strip().splitlines()[-1])


def timed(fn: Callable[[], object], reps: int) -> list[float]:
    fn()
    out = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def folder_bytes(*paths: Path) -> int:
    total = 0
    for p in paths:
        if p.is_dir():
            total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
        elif p.exists():
            total += p.stat().st_size
    return total


def copy_archive(source: Path, work: Path) -> Path:
    """The archive (manifest and parts, not its index) copied into ``work/ours``."""
    ours = work / "ours"
    shutil.rmtree(ours, ignore_errors=True)
    ours.mkdir(parents=True)
    shutil.copy2(source / "archive.json", ours / "archive.json")
    shutil.copytree(source / "archive.json.parts", ours / "archive.json.parts")
    return ours / "archive.json"


def bulletins(reps: int) -> Iterator[tuple[Source, list[Any]]]:
    """The fixture's 8 entries under new ids (and a new source) for each repetition."""
    from store.ingest import parse_bulletin

    parsed = parse_bulletin(BULLETIN.read_bytes(), BULLETIN.name, imported="bench")
    for n in range(reps):
        entries = [dataclasses.replace(e, id=f"{e.id}{n:02d}") for e in parsed.entries]
        source = dataclasses.replace(parsed.source, id=f"{parsed.source.id}{n:02d}",
                                     entries=tuple(e.id for e in entries))
        yield source, entries


@dataclass(slots=True)
class Row:
    q: Q
    ours: list[float]
    tantivy: list[float] | None
    fts: list[float] | None
    counts: tuple[int, int | None, int | None]
    overlap: int | None  # texts shared by the two first pages (``_text_of``)


def _text_of(entry_id: str) -> str:
    """What an id says of the entry's text: ``DAY-DIGEST[-n]`` (``store.ids``) names it by
    its digest. The generated archive repeats each text on many days, and equal scores
    are broken newest first by ours, by insertion order by tantivy: the first pages hold
    the same texts under other ids."""
    return entry_id.split("-")[1] if entry_id.count("-") else entry_id


def queries(archive: Archive, index: Tantivy, fts: sqlite3.Connection | None,
            reps: int) -> list[Row]:
    rows = []
    for q in QUERIES:
        log(f"  {q.query}")
        ours = ours_page(archive, q.query)
        t_ours = timed(lambda q=q: ours_page(archive, q.query), reps)
        try:
            theirs: tuple[int, list[str]] | None = index.page(q.query)
            t_tan: list[float] | None = timed(lambda q=q: index.page(q.query), reps)
        except Unmapped:
            theirs, t_tan = None, None
        got_fts, t_fts = None, None
        if fts is not None and q.literal:
            got_fts = fts_page(fts, q.literal)
            t_fts = timed(lambda q=q: fts_page(fts, q.literal), reps)  # type: ignore[arg-type]
        overlap = sum((Counter(map(_text_of, ours[1])) & Counter(map(_text_of, theirs[1])))
                      .values()) if theirs and ours[0] else None
        rows.append(Row(q, t_ours, t_tan, t_fts, (ours[0], theirs and theirs[0],
                                                   got_fts and got_fts[0]), overlap))
    return rows


def adds(archive: Archive, index: Tantivy, reps: int
         ) -> tuple[list[float], list[float], list[float]]:
    """Seconds per 8-entry add: our archive write (untimed part), our index update, tantivy's."""
    writes, ours, theirs = [], [], []
    writer = index.index.writer()
    for source, entries in bulletins(reps):
        start = time.perf_counter()
        # The archive object's own file: a second ArchiveFile's write is not seen by
        # ``archive`` (a reader keeps the manifest it read) until it is opened again.
        with archive._file.transaction() as tx:
            tx.add(source, entries)
        writes.append(time.perf_counter() - start)
        start = time.perf_counter()
        archive.search_index()
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        for e in entries:
            writer.add_document(document(e.id, [p.text for p in e.zh], [p.text for p in e.en]))
        writer.commit()
        index.reload()
        theirs.append(time.perf_counter() - start)
    writer.wait_merging_threads()
    return writes, ours, theirs


def fresh_processes(archive: Path, folder: Path, query: str, runs: int
                    ) -> dict[str, tuple[float, float]]:
    """Median wall seconds and peak MB of ``first-result`` per engine, in turns."""
    cmds = {"ours": ("first-result", "ours", str(archive), query),
            "tantivy": ("first-result", "tantivy", str(folder), query)}
    got: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
    for n in range(runs + 1):
        for name, args in cmds.items():
            start = time.perf_counter()
            done = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, str(SELF), *args],
                                  capture_output=True, text=True, check=True, env=child_env())
            wall = time.perf_counter() - start
            if n:
                got[name].append((wall, int(done.stderr.strip().splitlines()[-1]) / 1024))
    return {k: (statistics.median(w for w, _ in v), statistics.median(m for _, m in v))
            for k, v in got.items()}


# -- the report ----------------------------------------------------------------

def _cell(times: list[float] | None) -> str:
    return "—" if times is None else f"{median_ms(times):.2f}"


def _ratio(a: list[float], b: list[float] | None) -> str:
    return "—" if b is None else f"{statistics.median(a) / statistics.median(b):.2f}"


@dataclass(slots=True)
class Figures:
    entries: int
    built: dict[str, dict[str, float]]  # engine -> seconds, peak_mb
    sizes: dict[str, int]  # engine -> bytes
    fresh: dict[str, tuple[float, float]]  # engine -> seconds, MB
    rows: list[Row]
    added: tuple[list[float], list[float], list[float]]  # see ``adds``


def report(args: argparse.Namespace, figures: Figures) -> str:
    built, sizes, rows = figures.built, figures.sizes, figures.rows
    added, fresh, entries = figures.added, figures.fresh, figures.entries
    lines = [f"{entries:,} entries ({args.archive}); Python {platform.python_version()}, "
             f"tantivy {version('tantivy')}, SQLite {sqlite3.sqlite_version}, "
             f"{platform.machine()}, {os.cpu_count()} cores; {args.reps} repetitions", "",
             "| | ours | tantivy | FTS5 |", "|---|---|---|---|"]
    lines.append(f"| build (fresh process) | {built['ours']['seconds']:.1f} s, "
                 f"{built['ours']['peak_mb']:,.0f} MB peak | {built['tantivy']['seconds']:.1f} s, "
                 f"{built['tantivy']['peak_mb']:,.0f} MB peak | (bench/scale_data.py) |")
    lines.append("| index on disk | " + " | ".join(
        f"{sizes[k] / 1e6:,.1f} MB" if k in sizes else "—" for k in ("ours", "tantivy", "fts"))
        + " |")
    ours_q = [statistics.median(r.ours) for r in rows]
    tan_q = [statistics.median(r.tantivy) for r in rows if r.tantivy]
    fts_q = [statistics.median(r.fts) for r in rows if r.fts]
    lines.append(f"| query mix, median of per-query medians | {statistics.median(ours_q)*1e3:.2f}"
                 f" ms ({len(ours_q)}) | {statistics.median(tan_q)*1e3:.2f} ms ({len(tan_q)}) | "
                 + (f"{statistics.median(fts_q)*1e3:.2f} ms ({len(fts_q)})" if fts_q else "—")
                 + " |")
    writes, ours_add, tan_add = added
    lines.append(f"| add 8 entries: index (median of {len(ours_add)}) | "
                 f"{median_ms(ours_add):.0f} ms (segment; archive write before it "
                 f"{median_ms(writes):.0f} ms) | {median_ms(tan_add):.0f} ms "
                 "(fold + add + commit + reload) | |")
    lines.append(f"| open to first result, fresh process (median of {args.runs}; "
                 f"`{args.first}`) | {fresh['ours'][0]:.2f} s, {fresh['ours'][1]:,.0f} MB | "
                 f"{fresh['tantivy'][0]:.2f} s, {fresh['tantivy'][1]:,.0f} MB | |")
    lines += ["", "Per query: median ms (ours / tantivy / FTS5), ratio ours/tantivy, "
              "matching entries (ours / tantivy / FTS5), texts shared by the first pages of 20 "
              "(ties broken differently: see ``_text_of``):",
              "", "| query | | ours | tantivy | FTS5 | ours/tantivy | count | page 1 shared |",
              "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        o, t, f = r.counts
        counts = f"{o:,} / {'—' if t is None else f'{t:,}'} / {'—' if f is None else f'{f:,}'}"
        if t is not None and t != o:
            counts = f"**{counts}**"
        lines.append(f"| `{r.q.query}` | {r.q.label} | {_cell(r.ours)} | {_cell(r.tantivy)} | "
                     f"{_cell(r.fts)} | {_ratio(r.ours, r.tantivy)} | {counts} | "
                     f"{'—' if r.overlap is None else r.overlap} |")
    return "\n".join(lines)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ("build-ours", "build-tantivy", "first-result"):
        command, *rest = sys.argv[1:]
        if command == "build-ours":
            build_ours(Path(rest[0]))
        elif command == "build-tantivy":
            build_tantivy(Path(rest[0]), Path(rest[1]))
        else:
            first_result(rest[0], Path(rest[1]), rest[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive", type=Path, help="folder with archive.json (only read)")
    parser.add_argument("--work", type=Path, required=True,
                        help="folder for the copy, our index of it and tantivy's index")
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--adds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per engine")
    parser.add_argument("--first", default="重庆", help="the fresh processes' query")
    args = parser.parse_args()
    if args.work.resolve() == args.archive.resolve():
        raise SystemExit("--work must be another folder: the archive's is only read")
    log("copying the archive")
    copy = copy_archive(args.archive, args.work)
    folder = args.work / "tantivy"
    built = {}
    log("building ours")
    built["ours"] = run_child("build-ours", str(copy))
    log("building tantivy's")
    built["tantivy"] = run_child("build-tantivy", str(copy), str(folder))
    sizes = {"ours": folder_bytes(copy.with_name("archive.json.search"),
                                  copy.with_name("archive.json.search.d")),
             "tantivy": folder_bytes(folder)}
    fts_path = args.archive / "fts.db"
    fts = None
    if fts_path.exists():
        sizes["fts"] = fts_path.stat().st_size
        fts = sqlite3.connect(f"file:{fts_path}?mode=ro", uri=True)
    log("open to first result, fresh processes")
    fresh = fresh_processes(copy, folder, args.first, args.runs)
    from store.api import Archive

    archive = Archive(copy)
    archive.prepare_search()
    index = Tantivy(folder)
    entries = archive.count()
    log("queries")
    rows = queries(archive, index, fts, args.reps)
    log("adds")
    added = adds(archive, index, args.adds)
    print(report(args, Figures(entries, built, sizes, fresh, rows, added)))


if __name__ == "__main__":
    main()
