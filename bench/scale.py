"""Where the archive stands at 10k, 100k and 1M entries, beside SQLite FTS5 and plain TinyDB.

Every figure is a whole fresh process timed with ``/usr/bin/time -f "%e %M"``
(wall seconds, peak resident KB), the stores taking turns (A B C A B C ...),
and the median quoted. The data comes from bench/scale_data.py:

    python bench/scale_data.py 100000 /tmp/scale-100k
    python bench/scale.py /tmp/scale-100k --runs 3

(a) add the 8-entry bulletin fixtures/chongqing-2018-11.txt: ``bitext import``
    against one INSERT transaction of its 8 entries into FTS5 (parsed once
    beforehand: FTS5 is given text, bitext parses, aligns and checks) and
    TinyDB's ``insert_multiple``; each run on a fresh copy, the copy untimed
    (and, for bitext, an untimed import of another bulletin into it first: the
    steady state of daily use, the archive verified and its index current);
(b) one search: ``bitext search`` against ``sqlite3`` (count, then the first
    20 rows by bm25; ``LIKE`` for 2-character terms, which the trigram
    tokenizer cannot MATCH) and TinyDB's ``Query().search``;
(c) the first row of ``bitext list`` against the newest row from sqlite3;
(d) the files' sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from scale_data import insert, row, size_of  # loads no bitext: the FTS5 process must not pay for it
from startup import BITEXT

BULLETIN = Path(__file__).resolve().parent.parent / "fixtures" / "chongqing-2018-11.txt"
SELF = Path(__file__).resolve()
#: Terms present in the generated data: 2 Chinese characters, 4, an English word, a phrase.
QUERIES = ("重慶", "辛辛那提", "Cincinnati", "Foreign Affairs Office")
PAGE = 20


def fts_sql(term: str) -> str:
    """The count and the first page, as one sqlite3 invocation runs them."""
    quoted = term.replace("'", "''")
    if len(term) >= 3:
        match = "'\"" + quoted.replace('"', '""') + "\"'"
        return (f"SELECT count(*) FROM fts WHERE fts MATCH {match}; "
                f"SELECT e.id, e.title_zh, e.title_en FROM fts JOIN entries e "
                f"ON e.rowid = fts.rowid WHERE fts MATCH {match} ORDER BY bm25(fts) "
                f"LIMIT {PAGE};")
    like = f"'%{quoted}%'"
    where = f"WHERE fts.zh LIKE {like} OR fts.en LIKE {like}"
    return (f"SELECT count(*) FROM fts {where}; SELECT e.id, e.title_zh, e.title_en "
            f"FROM fts JOIN entries e ON e.rowid = fts.rowid {where} LIMIT {PAGE};")


def timed(cmd: list[str] | str) -> tuple[float, float]:
    """Wall seconds and peak MB of one process (a string runs in ``sh -c``).

    The wall time is taken here (``%e`` counts in 10 ms steps, an sqlite3 query's
    whole length); the peak is ``/usr/bin/time``'s ``%M``.
    """
    argv = ["sh", "-c", cmd] if isinstance(cmd, str) else cmd
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode:  # a failed run is quick: never quote it
        raise SystemExit(f"{cmd} failed: {done.stderr.strip()}")
    return wall, int(done.stderr.strip().splitlines()[-1]) / 1024


Setup = Callable[[], None]


def turns(cmds: dict[str, list[str] | str], runs: int, setup: Setup | None = None
          ) -> dict[str, tuple[float, float]]:
    """Median seconds and MB of each command, run in turns after one untimed warm-up each."""
    got: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
    for n in range(runs + 1):
        for name, cmd in cmds.items():
            if setup:
                setup()
            figure = timed(cmd)
            if n:
                got[name].append(figure)
    return {k: (statistics.median(t for t, _ in v), statistics.median(m for _, m in v))
            for k, v in got.items()}


def prepare_rows(folder: Path) -> Path:
    """The bulletin's entries as FTS5 rows, parsed once (not part of any timing)."""
    from store.ingest import parse_bulletin
    bulletin = parse_bulletin(BULLETIN.read_bytes(), BULLETIN.name, imported="bench")
    path = folder / "bulletin-rows.json"
    path.write_text(json.dumps([row(e) for e in bulletin.entries], ensure_ascii=False))
    return path


def measure(folder: Path, runs: int, *, adding: bool = True
            ) -> list[tuple[str, str, float, float, str]]:
    """Rows of (what, store, median s, median MB, command)."""
    archive, fts, tiny = folder / "archive.json", folder / "fts.db", folder / "tinydb.json"
    has_tiny = tiny.exists()
    py = f"{sys.executable} {SELF}"
    out = []

    def add(what: str, cmds: dict[str, list[str] | str], setup: Setup | None = None) -> None:
        for name, (sec, mb) in turns(cmds, runs, setup).items():
            cmd = cmds[name] if isinstance(cmds[name], str) else " ".join(cmds[name])
            out.append((what, name, sec, mb, cmd))
            print(f"{what} | {name} | {sec:.3f} s | {mb:.0f} MB", flush=True)

    for query in QUERIES:
        cmds: dict[str, list[str] | str] = {
            "bitext": [BITEXT, "--db", str(archive), "search", query],
            "FTS5": ["sqlite3", str(fts), fts_sql(query)]}
        if has_tiny:
            cmds["TinyDB"] = [sys.executable, str(SELF), "tinydb-search", str(tiny), query]
        add(f"search {query}", cmds)
    add("list, first row", {
        "bitext": f"{BITEXT} --db {archive} list | head -1",
        "FTS5": ["sqlite3", str(fts), "SELECT id, day, title_zh, title_en FROM entries "
                                      "ORDER BY day DESC, rowid LIMIT 1;"]})
    if adding:
        rows = prepare_rows(folder)
        work = folder / "work"
        work.mkdir(exist_ok=True)

        warm = folder / "warm-up.txt"
        warm.write_text(BULLETIN.read_text(encoding="utf-8").replace("Chongqing", "Warm"),
                        encoding="utf-8")

        def fresh() -> None:
            """A copy in the state of daily use: one import already done in it (untimed),
            so its writer lock has verified it and its index is current."""
            shutil.rmtree(work)
            work.mkdir()
            for name in ("archive.json", "fts.db") + (("tinydb.json",) if has_tiny else ()):
                shutil.copyfile(folder / name, work / name)
            shutil.copytree(folder / "archive.json.parts", work / "archive.json.parts")
            for index in folder.glob("archive.json.search*"):  # built by the searches above
                copy = shutil.copytree if index.is_dir() else shutil.copyfile
                copy(index, work / index.name)
            subprocess.run([BITEXT, "--db", str(work / "archive.json"), "import", str(warm),
                            "-q"], check=True)
            # the copy's 1.3 GB written back now, not during the timed add's fsyncs (which
            # waited for it: FTS5's add measured 0.10 s after a sync, 0.31 s without)
            os.sync()

        cmds = {"bitext": [BITEXT, "--db", str(work / "archive.json"), "import",
                           str(BULLETIN)],
                "FTS5": [*py.split(), "fts-add", str(work / "fts.db"), str(rows)]}
        if has_tiny:
            cmds["TinyDB"] = [*py.split(), "tinydb-add", str(work / "tinydb.json"), str(rows)]
        add("add 8-entry bulletin", cmds, fresh)
        shutil.rmtree(work)
    for name in ("archive.json", "fts.db", "tinydb.json"):
        if (folder / name).exists():
            size = size_of(folder / name) / 1e6
            out.append(("file size", name, 0.0, size, f"stat -c %s {folder / name}"))
            print(f"file size | {name} | {size:.0f} MB", flush=True)
    return out


def tinydb_search(path: str, term: str) -> None:
    """What a TinyDB user runs: the file opened, every document tested by a regex."""
    import re

    from tinydb import Query, TinyDB
    q = Query()
    pattern = re.escape(term)
    hits = TinyDB(path).search(q.zh.search(pattern) | q.en.search(pattern, flags=re.I))
    print(len(hits), *(h["id"] for h in hits[:PAGE]))


def tinydb_add(path: str, rows_path: str) -> None:
    from tinydb import TinyDB
    rows = json.loads(Path(rows_path).read_text())
    keys = ("id", "day", "title_zh", "title_en", "zh", "en")
    TinyDB(path).insert_multiple(dict(zip(keys, r, strict=True)) for r in rows)


def fts_add(path: str, rows_path: str) -> None:
    conn = sqlite3.connect(path)
    insert(conn, iter(json.loads(Path(rows_path).read_text())))
    conn.close()


HELPERS = {"tinydb-search": tinydb_search, "tinydb-add": tinydb_add, "fts-add": fts_add}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in HELPERS:
        HELPERS[sys.argv[1]](*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="written by bench/scale_data.py")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--no-add", action="store_true",
                        help="skip (a), the slowest part: 50 s a bitext run at 100k")
    args = parser.parse_args()
    rows = measure(args.folder, args.runs, adding=not args.no_add)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
