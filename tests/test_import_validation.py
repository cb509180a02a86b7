"""Imports verify what they trust: each attack of the security report, through ``bitext import``.

Every refused file gives exit status 2, one line on stderr naming the file
and the problem, no traceback, and the archive byte for byte as it was (or
still absent). A genuine import after a refused forgery adds the genuine
entries. The files are real exports of the sample, edited line by line.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from archive_files import archive_bytes
from fixture_paths import SAMPLE

from store.api import Archive
from store.ids import ENTRY_ID, content_digest, entry_id
from store.inputs import MAX_INPUT_BYTES
from tui.cli import main

FIRST = "20181125-6850131f"  # the first line of the export: the newest entry
OSAKA = "20181103-76639271"  # the last line


def tmx_of(pairs: list[tuple[str, str]]) -> str:
    """A TMX as another tool (OmegaT) writes it: no props, one unit per pair."""
    units = "".join(f'<tu><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
                    f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>' for zh, en in pairs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
            'creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT" '
            f'adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>{units}</body></tmx>')


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, _cache_dir: Path
             ) -> dict[str, bytes]:
    """The sample's JSON Lines and TMX exports, and an archive of other entries, made once."""
    folder = tmp_path_factory.mktemp("exported")
    db, other = folder / "sample.json", folder / "other.json"
    (folder / "other.tmx").write_text(tmx_of([("2018年11月12日，重慶市簽署備忘錄。",
                                               "Chongqing signed an MoU.")]), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(_cache_dir))
        assert main(["import", str(SAMPLE), "--db", str(db), "-q"]) == 0
        for fmt in ("jsonl", "tmx"):
            assert main(["export", "-f", fmt, "-o", str(folder / f"s.{fmt}"), "--db", str(db),
                         "-q"]) == 0
        assert main(["import", str(folder / "other.tmx"), "--db", str(other), "-q"]) == 0
    return {"archive": other.read_bytes(), "jsonl": (folder / "s.jsonl").read_bytes(),
            "tmx": (folder / "s.tmx").read_bytes()}


@pytest.fixture
def archive(tmp_path: Path, exported: dict[str, bytes]) -> Path:
    """An archive of other entries, which each refusal must leave byte-identical (before,
    a file of the sample's entries with a wrong field was written into it)."""
    path = tmp_path / "archive.json"
    path.write_bytes(exported["archive"])
    return path


def lines_of(exported: dict[str, bytes]) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in exported["jsonl"].splitlines()]


def write_jsonl(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in entries))
    return path


def refused(capsys: pytest.CaptureFixture[str], file: Path, db: Path, *problem: str) -> str:
    """Import ``file``; assert the refusal the project promises and return the line."""
    before = archive_bytes(db)
    code = main(["import", str(file), "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert "Traceback" not in out + err
    assert err.startswith(f"bitext: {file}: ") and err.count("\n") == 1, err
    for words in problem:
        assert words in err, err
    assert archive_bytes(db) == before, "the archive changed"
    return err


def shown(db: Path, key: str) -> dict[str, Any]:
    return Archive(db).entry(key).to_dict()


# -- 1. a forged entry keeps a genuine identity -----------------------------------------

def _invent_text(e: dict[str, Any]) -> None:
    """Invented text, the raw text and its repairs left genuine."""
    e["zh"][0]["text"] = e["zh"][0]["text"].replace("大阪府", "東京都")


def _invent_raw(e: dict[str, Any]) -> None:
    """Invented raw text and text alike, no repairs: consistent, but not the digest's."""
    e["zh"][0]["text"] = e["zh"][0]["raw"] = "2018年11月3日，東京都代表團訪問重慶，宣布撤資。"
    e["repairs"] = [r for r in e["repairs"] if (r["lang"], r["para"]) != ("zh", 0)]
    e["damage"] = [d for d in e["damage"] if (d["lang"], d["para"]) != ("zh", 0)]


def _invent_repair(e: dict[str, Any]) -> None:
    """Invented text, with a stated repair that says truly what it replaced: the text is
    the raw text with its repairs applied, yet the repair is none bitext makes."""
    zh = e["zh"][0]
    start = zh["raw"].index("大阪府")
    assert zh["text"].index("大阪府") == start  # no earlier repair changed the length
    zh["text"] = zh["text"].replace("大阪府", "東京都", 1)
    e["repairs"].insert(1, {"lang": "zh", "para": 0, "kind": "width", "span": [start, start + 3],
                            "before": "大阪府", "after": "東京都", "at": [start, start + 3]})


@pytest.mark.parametrize(("forge", "problem"), [
    (_invent_text, "zh[0].text: is not its raw text with its repairs applied"),
    (_invent_raw, "digest: is not the digest of the entry's raw text"),
    (_invent_repair, "zh[0].repairs[1]: is not a repair bitext makes of this raw text "
                     "(width: '大阪府' -> '東京都')"),
], ids=["invented text", "invented raw text", "invented repair"])
def test_a_jsonl_forgery_of_a_genuine_entry_is_refused_and_the_genuine_one_lands(
        exported: dict[str, bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        forge: Callable[[dict[str, Any]], None], problem: str) -> None:
    entries = lines_of(exported)
    osaka = entries[-1]
    assert osaka["id"] == OSAKA
    forge(osaka)
    forged = write_jsonl(tmp_path / "forged.jsonl", entries)
    db = tmp_path / "new.json"
    refused(capsys, forged, db, f"{forged}: line {len(entries)}: {problem}")
    assert not db.exists()
    assert main(["import", str(SAMPLE), "--db", str(db), "-q"]) == 0
    assert "大阪府" in shown(db, OSAKA)["zh"][0]["text"], "the genuine text, not the forgery"
    assert Archive(db).count() == 8


def test_a_copy_in_json_lines_then_the_bulletin_itself_keeps_both(
        exported: dict[str, bytes], tmp_path: Path) -> None:
    """A JSON Lines file carries the id of the bulletin its entries came from. Before,
    the bulletin imported after a partial copy was "already present": its text and the
    entries the copy lacked were never stored."""
    partial = write_jsonl(tmp_path / "partial.jsonl", lines_of(exported)[:3])
    db = tmp_path / "new.json"
    assert main(["import", str(partial), "--db", str(db), "-q"]) == 0
    [report] = Archive(db).import_files([SAMPLE])
    assert (len(report.added), len(report.already)) == (5, 3)
    archive = Archive(db)
    assert archive.count() == 8 and archive.check()[0] == []
    raws = {s.layout: s.raw for s in archive.sources()}
    assert raws["jsonl"] == partial.read_text(encoding="utf-8"), "the copy is kept too"
    assert SAMPLE.read_bytes().decode("utf-8").replace("\r\n", "\n") in {
        raw.replace("\r\n", "\n") for raw in raws.values()}, "the bulletin's text is kept"
    assert main(["import", str(SAMPLE), "--db", str(db), "-q"]) == 0
    assert len(Archive(db).sources()) == 2, "the bulletin again is nothing new"


def test_a_stated_title_is_made_again_from_the_text(exported: dict[str, bytes], tmp_path: Path
                                                    ) -> None:
    entries = lines_of(exported)
    genuine = entries[-1]["title"]["zh"]
    entries[-1]["title"] = {"zh": "重慶市宣布撤資", "en": "Chongqing withdraws"}
    db = tmp_path / "new.json"
    assert main(["import", str(write_jsonl(tmp_path / "t.jsonl", entries)), "--db", str(db),
                 "-q"]) == 0
    assert shown(db, OSAKA)["title"]["zh"] == genuine


def test_a_tmx_forgery_does_not_keep_the_genuine_id(exported: dict[str, bytes], tmp_path: Path
                                                    ) -> None:
    """The TMX claims the first entry's id and digest for text of its own."""
    genuine = exported["tmx"].decode()
    forged_text = genuine.replace("中國—東盟中心", "中國—東盟中心宣布撤資", 1)
    assert forged_text != genuine
    forged = tmp_path / "forged.tmx"
    forged.write_text(forged_text, encoding="utf-8")
    db = tmp_path / "new.json"
    assert main(["import", str(forged), "--db", str(db), "-q"]) == 0
    ids = {e.id for e in Archive(db).entries()}
    assert FIRST not in ids and len(ids) == 8, "the forged entry got an id of its own"
    assert Archive(db).check()[0] == []
    assert main(["import", str(SAMPLE), "--db", str(db), "-q"]) == 0
    assert "宣布撤資" not in shown(db, FIRST)["zh"][0]["text"]


def test_a_tmx_without_its_repairs_proves_no_identity(exported: dict[str, bytes],
                                                      tmp_path: Path) -> None:
    """A CAT tool that drops the ``x-repairs`` props: the text alone is not the digest's."""
    text = exported["tmx"].decode()
    while (start := text.find('<prop type="x-repairs">')) >= 0:
        text = text[:start] + text[text.index("</prop>", start) + len("</prop>"):]
    stripped = tmp_path / "stripped.tmx"
    stripped.write_text(text, encoding="utf-8")
    db = tmp_path / "new.json"
    assert main(["import", str(stripped), "--db", str(db), "-q"]) == 0
    assert FIRST not in {e.id for e in Archive(db).entries()}
    assert Archive(db).check()[0] == []


# -- 2. wrong types and ranges in JSON Lines --------------------------------------------

def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set a field by its dotted path (list items by number)."""
    def change(e: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = e
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[int(last) if isinstance(target, list) else last] = value
    return change


WRONG: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("title.zh", _set("title.zh", 5), "title.zh: expected text, got a number"),
    ("seq text", _set("seq", "x"), "seq: expected a whole number, got text"),
    ("seq negative", _set("seq", -1), "seq: -1 is out of range"),
    ("seq huge", _set("seq", 2**63), f"seq: {2**63} is out of range"),
    ("seq boolean", _set("seq", True), "seq: expected a whole number, got true or false"),
    ("span of fractions", _set("repairs.0.span", [0.5, 1.5]),
     "repairs[0].span[0]: expected a whole number, got a decimal number"),
    ("span past the text", _set("damage.0.span", [0, 10**6]),
     "damage[0].span: [0, 1000000] is not within its paragraph"),
    ("list for text", _set("zh.0.text", ["a"]), "zh[0].text: expected text, got a list"),
    ("negative line", _set("en.1.line", -3), "en[1].line: -3 is out of range"),
    ("days as text", _set("days", "2018-11-25"), "days: expected a list, got text"),
    ("no such day", _set("days.1", "2018-11-31"), "days[1]: '2018-11-31' is not a day"),
    ("start a number", _set("start", 20181125), "start: expected text, got a number"),
    ("bead of three", _set("beads.0", [[0], [0], [1]]),
     "beads[0]: expected a pair of lists, got 3 items"),
    ("bead index text", _set("beads.0.0.0", "0"),
     "beads[0][0][0]: expected a whole number, got text"),
    ("bead index boolean", _set("beads.0.0.0", False),
     "beads[0][0][0]: expected a whole number, got true or false"),
    ("repair lang", _set("repairs.0.lang", "fr"), 'repairs[0].lang: expected "zh" or "en"'),
    ("repair para", _set("repairs.0.para", 99),
     "repairs[0].para: the entry has no zh paragraph 99"),
    ("repair says other", _set("repairs.0.before", "X"),
     "repairs[0].span: the raw text there is not what the entry says"),
    ("source id", _set("source.id", "src-XYZ"), "source.id: 'src-XYZ' is not a source id"),
    ("source name object", _set("source.name", {"a": 1}),
     "source.name: expected text, got an object"),
    ("source name of two lines", _set("source.name", "a\nb"),
     "source.name: expected a file name of one line"),
    ("source null", _set("source", None), "source: expected an object, got null"),
    ("digest number", _set("digest", 5), "digest: expected text, got a number"),
    ("edited text", _set("edited", "yes"), "edited: expected true or false, got text"),
    ("title missing en", _set("title", {"zh": "x"}), "title.en: missing"),
]


@pytest.mark.parametrize(("change", "problem"), [w[1:] for w in WRONG], ids=[w[0] for w in WRONG])
def test_a_field_of_the_wrong_type_or_range_is_refused_by_its_path(
        exported: dict[str, bytes], archive: Path, tmp_path: Path, *,
        capsys: pytest.CaptureFixture[str], change: Callable[[dict[str, Any]], None],
        problem: str) -> None:
    entries = lines_of(exported)[:4]  # the fourth has damaged spans too
    change(entries[3])
    bad = write_jsonl(tmp_path / "input.jsonl", entries)
    refused(capsys, bad, archive, f"{bad}: line 4: {problem}")


def test_a_line_that_is_no_object_and_an_entry_given_twice(
        exported: dict[str, bytes], archive: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    entries = lines_of(exported)
    bad = tmp_path / "input.jsonl"
    bad.write_bytes(orjson.dumps(entries[0]) + b"\n[1, 2]\n")
    refused(capsys, bad, archive, "line 2: is not an entry", "(it is a list)")
    write_jsonl(bad, [entries[0], entries[1], entries[0]])
    refused(capsys, bad, archive, f"line 3: entry {FIRST} is already on line 1")


def test_a_genuine_entry_holding_a_line_separator_is_one_line(
        exported: dict[str, bytes], tmp_path: Path) -> None:
    """orjson writes U+2028 and U+0085 as they are; they do not end a JSON line."""
    entries = lines_of(exported)
    e = entries[0]
    for key in ("text", "raw"):
        e["en"][0][key] += " \u2028 and \x85 on"
    e["digest"] = content_digest([p["raw"] for p in (*e["zh"], *e["en"])])
    e["id"] = entry_id([date(2018, 11, 25)], e["digest"], {})
    db = tmp_path / "new.json"
    assert main(["import", str(write_jsonl(tmp_path / "sep.jsonl", entries)), "--db", str(db),
                 "-q"]) == 0
    assert shown(db, e["id"])["en"][0]["text"].endswith("\u2028 and \x85 on")
    assert Archive(db).check()[0] == []


# -- 3. dates out of range, ranges too long ---------------------------------------------

@pytest.mark.parametrize(("label", "problem"), [
    ("0001-01-01/9999-12-30", "0001-01-01 is outside 1900-01-01..2100-12-31"),
    ("0001-01-01/9999-12-31", "0001-01-01 is outside 1900-01-01..2100-12-31"),
    ("2018-11-25/9999-12-31", "9999-12-31 is outside 1900-01-01..2100-12-31"),
    ("1899-12-31", "1899-12-31 is outside"),
    ("2018-01-01/2019-06-30", "spans 546 days, more than 366"),
    ("2018-01-01,2018-06-01/2019-01-02", "spans 367 days, more than 366"),
    ("2018-11-29,2018-11-25", "the days are not in order, each once"),
    ("2018-11-29/2018-11-25", "2018-11-29/2018-11-25 ends before it starts"),
    ("2018-11-25,2018-11-25", "the days are not in order, each once"),
    ("2018-11-25/x", "'x' is not a day as YYYY-MM-DD"),
])
def test_a_tmx_date_outside_the_years_or_too_long_is_refused(
        exported: dict[str, bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        label: str, problem: str) -> None:
    text = exported["tmx"].decode().replace(">2018-11-25/2018-11-29<", f">{label}<")
    bad = tmp_path / "dates.tmx"
    bad.write_text(text, encoding="utf-8")
    db = tmp_path / "new.json"
    refused(capsys, bad, db, f"x-date '{label}': {problem}")
    assert not db.exists()


def _days(days: list[str], start: str | None = None, end: str | None = None
          ) -> Callable[[dict[str, Any]], None]:
    def change(e: dict[str, Any]) -> None:
        e["days"], e["start"], e["end"] = days, start or days[0], end or days[-1]
    return change


@pytest.mark.parametrize(("change", "problem"), [
    (_days(["1899-12-31"]), "days: 1899-12-31 is outside 1900-01-01..2100-12-31"),
    (_days(["2018-11-25", "2101-01-01"]), "days: 2101-01-01 is outside"),
    (_days(["2018-11-25", "2020-01-01"]), "days: spans 403 days, more than 366"),
    (_days(["2018-11-25", "2018-11-24"]), "days: the days are not in order, each once"),
    (_days(["2018-11-25", "2018-11-25"]), "days: the days are not in order, each once"),
    (_days(["2018-11-25", "2018-11-26"], start="2018-11-26"),
     "start: is not 2018-11-25, the first of the days"),
    (_days(["2018-11-25", "2018-11-26"], end="2018-11-29"),
     "end: is not 2018-11-26, the last of the days"),
    (_days(["2018-11-26"]), f"id '{FIRST}' does not begin with its first day (20181126)"),
], ids=["before 1900", "after 2100", "two years", "backwards", "twice", "start", "end",
        "id of another day"])
def test_jsonl_days_outside_the_years_or_out_of_order_are_refused(
        exported: dict[str, bytes], archive: Path, tmp_path: Path, *,
        capsys: pytest.CaptureFixture[str], change: Callable[[dict[str, Any]], None],
        problem: str) -> None:
    entries = lines_of(exported)
    change(entries[0])
    bad = write_jsonl(tmp_path / "days.jsonl", entries)
    refused(capsys, bad, archive, f"line 1: {problem}")


# -- 4. ids of years before 1000; a TMX from another tool -------------------------------

def test_an_entry_id_always_has_an_eight_digit_date() -> None:
    digest = "ab" * 32
    assert entry_id([date(999, 11, 12)], digest, {}) == "09991112-abababab"
    assert entry_id([date(1, 1, 1)], digest, {}) == "00010101-abababab"
    assert entry_id([date(2018, 11, 3)], digest, {}) == "20181103-abababab"
    for year in (1, 99, 999, 1000, 9999):
        assert ENTRY_ID.fullmatch(entry_id([date(year, 1, 2)], digest, {}))


def test_a_tmx_from_another_tool_gives_only_ids_check_archive_accepts(tmp_path: Path) -> None:
    """A year before 1900 in the text is no date of an entry; a repeated pair is one entry;
    days named backwards are put in order."""
    foreign = tmp_path / "omegat.tmx"
    foreign.write_text(tmx_of([("0999年11月12日，重慶市簽署備忘錄。", "Chongqing signed an MoU."),
                               ("你好", "Hello"), ("你好", "Hello"),
                               ("2018年11月21日、19日，代表團訪問重慶。", "A delegation visited."),
                               ("你好", "Hello")]), encoding="utf-8")
    db = tmp_path / "a.json"
    assert main(["import", str(foreign), "--db", str(db), "-q"]) == 0
    entries = {e.id: e for e in Archive(db).entries()}
    assert len(entries) == 3
    assert sorted(k.split("-")[0] for k in entries) == ["20181119", "undated", "undated"]
    dated = next(e for k, e in entries.items() if k.startswith("2018"))
    assert dated.days == (date(2018, 11, 19), date(2018, 11, 21))
    assert main(["check-archive", "--db", str(db)]) == 0


def test_a_tmx_that_gives_one_entry_twice_apart_is_imported_once(
        exported: dict[str, bytes], tmp_path: Path) -> None:
    """The same entry's units in two places were two documents under one id: a crash."""
    text = exported["tmx"].decode()
    units = "".join(re.findall(rf'<tu tuid="{FIRST}\.\d+">.*?</tu>\n', text, flags=re.S))
    assert units.count("<tu ") == 3
    body_end = text.index("</body>")
    twice = tmp_path / "twice.tmx"
    twice.write_text(text[:body_end] + units + text[body_end:], encoding="utf-8")
    db = tmp_path / "new.json"
    assert main(["import", str(twice), "--db", str(db), "-q"]) == 0
    assert Archive(db).count() == 8
    assert main(["check-archive", "--db", str(db)]) == 0


# -- 5. files that never end, or are too large ------------------------------------------

def _limited_memory() -> None:
    """So the old importer, which read /dev/zero to the end, fails here instead of the machine."""
    limit = 6 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_dev_zero_is_refused_at_the_size_bound(tmp_path: Path) -> None:
    db = tmp_path / "new.json"
    done = subprocess.run([sys.executable, "-m", "tui.cli", "import", "/dev/zero", "--db",
                           str(db)], capture_output=True, text=True, timeout=300,
                          preexec_fn=_limited_memory, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"bitext: /dev/zero: is larger than {MAX_INPUT_BYTES >> 20} MiB, " \
                          "the most bitext imports\n"
    assert not db.exists()


def test_a_regular_file_past_the_bound_is_refused_without_reading_it(
        archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(MAX_INPUT_BYTES + 1)  # sparse: no disk, and no time to read
    refused(capsys, huge, archive, "is larger than 1024 MiB")


def test_a_fifo_and_process_substitution_still_import(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(SAMPLE.read_bytes()))
    writer.start()
    db = tmp_path / "a.json"
    assert main(["import", str(fifo), "--db", str(db), "-q"]) == 0
    writer.join()
    assert Archive(db).count() == 8
    other = tmp_path / "b.json"
    done = subprocess.run(["bash", "-c", f'"{sys.executable}" -m tui.cli import -q '
                           f'<(cat "{SAMPLE}") --db "{other}"'], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert Archive(other).count() == 8


# -- 6. file names that are not UTF-8 ---------------------------------------------------

def test_a_gbk_file_name_imports_and_so_do_the_files_given_with_it(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    gbk = folder + b"/\xd6\xd0\xce\xc4.txt"  # 中文.txt in GBK
    with open(gbk, "wb") as f:
        f.write(SAMPLE.read_bytes())
    other = tmp_path / "other.txt"
    other.write_bytes(SAMPLE.read_bytes().replace(b"Belarus", b"Belarvs"))
    db = tmp_path / "a.json"
    done = subprocess.run([sys.executable, "-m", "tui.cli", "import", gbk, os.fsencode(other),
                           "--db", str(db)], capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr
    shown_name = f"{tmp_path}/\\xd6\\xd0\\xce\\xc4.txt"
    assert f"{shown_name}: added 8 entries".encode() in done.stdout
    assert f"{other}: added 1 entry".encode() in done.stdout
    assert sorted(s.name for s in Archive(db).sources()) == sorted([shown_name, str(other)])
    assert main(["check-archive", "--db", str(db)]) == 0


def test_a_bad_file_with_a_gbk_name_is_one_line_naming_it(tmp_path: Path) -> None:
    empty = os.fsencode(tmp_path) + b"/\xd6\xd0.txt"
    Path(os.fsdecode(empty)).write_bytes(b"")
    db = tmp_path / "a.json"
    done = subprocess.run([sys.executable, "-m", "tui.cli", "import", empty, "--db", str(db)],
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 2
    assert done.stderr == f"bitext: {tmp_path}/\\xd6\\xd0.txt: is empty\n".encode()
    assert not db.exists()

