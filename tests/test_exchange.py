"""Export and import: TMX read by a real client, JSON Lines, CSV, Markdown, round trips.

Everything goes through the real command line (``main``), on real files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_paths import SAMPLE
from lxml import etree
from translate.storage import tmx as tt_tmx

from store.api import Archive
from tui.cli import main

DTD = Path(__file__).parent / "data" / "tmx14.dtd"


def export(db: Path, out: Path, *args: str) -> Path:
    assert main(["export", "--db", str(db), "-o", str(out), "-q", *args]) == 0
    return out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_cat_tool_library_reads_every_pair_of_the_sample(sample_archive: Archive,
                                                           tmp_path: Path) -> None:
    path = export(sample_archive.path, tmp_path / "sample.tmx")
    store = tt_tmx.tmxfile.parsefile(str(path))
    units = list(store.units)
    assert len(units) == 24
    beads = [(" ".join(e.zh[i].text for i in z), " ".join(e.en[j].text for j in x))
             for e in sample_archive.entries() for z, x in e.beads]
    assert [(u.source, u.target) for u in units] == beads
    assert units[0].getid() == "20181125-6850131f.1"
    assert store.sourcelanguage == "zh-Hant"


def test_the_tmx_is_valid_against_the_tmx_14_dtd(sample_archive: Archive, tmp_path: Path
                                                 ) -> None:
    doc = etree.parse(str(export(sample_archive.path, tmp_path / "sample.tmx")))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    header = doc.getroot().find("header")
    assert header is not None
    assert {k: header.get(k) for k in ("segtype", "srclang", "adminlang", "datatype",
                                       "o-tmf", "creationtool")} == {
        "segtype": "paragraph", "srclang": "zh-Hant", "adminlang": "en",
        "datatype": "plaintext", "o-tmf": "bitext-archive", "creationtool": "bitext-archive"}
    first = doc.getroot().find("body/tu")
    assert first is not None
    assert {p.get("type"): p.text for p in first.findall("prop")} == {
        "x-entry": "20181125-6850131f", "x-date": "2018-11-25/2018-11-29",
        "x-digest": "6850131f4bccf174f1b054d53e5b3c81742459ce92f9c0d8c563a0704f2c801f"}


@pytest.mark.parametrize("fmt", ["tmx", "jsonl"])
def test_export_import_export_is_byte_identical(sample_archive: Archive, tmp_path: Path,
                                                fmt: str) -> None:
    first = export(sample_archive.path, tmp_path / f"first.{fmt}")
    empty = tmp_path / "empty.json"
    assert main(["import", str(first), "--db", str(empty), "-q"]) == 0
    second = export(empty, tmp_path / f"second.{fmt}")
    assert first.read_bytes() == second.read_bytes()
    again = Archive(empty)
    assert again.check()[0] == []
    assert {e.id for e in again.entries()} == {e.id for e in sample_archive.entries()}
    assert main(["import", str(first), "--db", str(empty), "-q"]) == 0  # nothing added twice
    assert again.count() == 8


def test_imported_tmx_keeps_the_text_and_flags_the_damage_again(sample_archive: Archive,
                                                                  tmp_path: Path) -> None:
    path = export(sample_archive.path, tmp_path / "sample.tmx")
    other = Archive(tmp_path / "other.json")
    [report] = other.import_files([path])
    assert report.error is None and len(report.added) == 8
    entry = other.entry("20181103")
    assert entry.zh[0].text == sample_archive.entry("20181103").zh[0].text
    assert [d.text for d in entry.zh[0].damage] == ["??腿吮硎?"]
    assert [f.subject for f in other.findings(entry.id)] == ["??腿吮硎?"]
    assert other.sources()[0].raw == path.read_text(encoding="utf-8"), "the file is kept whole"


def test_unpaired_beads_and_markup_in_the_text(db_path: Path, sample_lines: list[str],
                                               tmp_path: Path) -> None:
    lines = [ln for k, ln in enumerate(sample_lines) if k != 10]  # a 0-1 bead in event 3
    lines[25] = lines[25].replace("Chongqing", "Chongqing R&D < 5 a>b \x07", 1)
    variant = tmp_path / "variant.txt"
    variant.write_text("\n".join(lines), encoding="utf-8")
    assert main(["import", str(variant), "--db", str(db_path), "-q"]) == 0
    path = export(db_path, tmp_path / "v.tmx")
    assert etree.DTD(str(DTD)).validate(etree.parse(str(path)))
    units = list(tt_tmx.tmxfile.parsefile(str(path)).units)
    # 23 pairs and the unpaired English, a unit of one <tuv>: translate-toolkit lists it
    # (with no text, as it has no Chinese to be its source)
    assert len(units) == 24
    assert sum(bool(u.source and u.target) for u in units) == 23
    # markup characters escaped and read back as text; a control character XML cannot
    # carry is written as its control picture
    assert any("Chongqing R&D < 5 a>b \u2407" in (u.target or "") for u in units)
    back = Archive(tmp_path / "back.json")
    assert back.import_files([path])[0].error is None
    assert ((), (1,)) in back.entry("20181125").beads, "the 0-1 bead comes back"


def test_a_tmx_from_another_tool(tmp_path: Path) -> None:
    foreign = tmp_path / "omegat.tmx"
    foreign.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="OmegaT"'
        ' creationtoolversion="6" segtype="sentence" o-tmf="OmegaT" adminlang="EN-US"'
        ' srclang="ZH-CN" datatype="plaintext"/><body>'
        '<tu><tuv lang="ZH-CN"><seg>2018年11月12日，重庆市签署<ph x="1">&lt;b&gt;</ph>'
        '备忘录。</seg></tuv>'
        '<tuv xml:lang="EN-US"><seg>On November 12, 2018, Chongqing signed an MoU.</seg></tuv></tu>'
        '<tu><tuv xml:lang="ZH-CN"><seg>你好</seg></tuv><tuv xml:lang="FR"><seg>Salut</seg></tuv>'
        '</tu></body></tmx>', encoding="utf-8")
    archive = Archive(tmp_path / "a.json")
    [report] = archive.import_files([foreign])
    assert report.error is None
    first, second = sorted(report.added, key=lambda e: e.id)
    assert first.id.startswith("20181112-")
    assert first.zh[0].text == "2018年11月12日，重庆市签署备忘录。"
    assert second.id.startswith("undated-") and second.beads == (((0,), ()),)
    assert archive.check()[0] == []


@pytest.mark.parametrize(("content", "problem"), [
    ('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
     "<tmx><header/><body><tu><tuv xml:lang='en'><seg>&b;</seg></tuv></tu></body></tmx>",
     "declares XML entities"),
    ('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
     "<tmx><header/><body><tu><tuv xml:lang='en'><seg>&e;</seg></tuv></tu></body></tmx>",
     "declares XML entities"),
    ('<?xml version="1.0"?><tmx><header/><body><tu>', "is not well-formed XML"),
    ('<?xml version="1.0"?><html><tmx/></html>', "is XML but not TMX"),
    ('<?xml version="1.0"?><tmx><header/><body></body></tmx>', "has no translation units"),
    ('{"id": "20181103-76639271"}\n', "line 1: is not an entry"),
    ("{\"id\": \n", "line 1: is not JSON"),
])
def test_bad_exchange_files_are_refused_and_change_nothing(
        sample_archive: Archive, tmp_path: Path, content: str, problem: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text(content, encoding="utf-8")
    before = digest(sample_archive.path)
    assert main(["import", str(bad), "--db", str(sample_archive.path)]) == 2
    err = capsys.readouterr().err
    assert problem in err and err.count("\n") == 1 and "Traceback" not in err
    assert digest(sample_archive.path) == before


def test_a_jsonl_entry_whose_id_does_not_match_its_digest(sample_archive: Archive,
                                                          tmp_path: Path) -> None:
    line = json.dumps(sample_archive.entry("20181103").to_dict(), ensure_ascii=False)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(line.replace('"digest": "76639271', '"digest": "00000000'), encoding="utf-8")
    [report] = Archive(tmp_path / "b.json").import_files([bad])
    assert report.error is not None and "does not match its digest" in report.error


def test_csv_has_a_row_per_bead_and_markdown_a_section_per_entry(sample_archive: Archive,
                                                                  tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(
        export(sample_archive.path, tmp_path / "a.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 24
    assert rows[0]["entry"] == "20181125-6850131f" and rows[0]["bead"] == "1"
    assert rows[0]["zh"].startswith("2018年11月25日") and rows[0]["en"].startswith("From")
    md = export(sample_archive.path, tmp_path / "a.md").read_text(encoding="utf-8")
    assert md.count("\n## ") + md.startswith("## ") == 8
    assert md.count("| 中文 | English |") == 8
    assert md.count("\n| ") - md.count("\n| #") == 24


def test_export_of_a_search_and_to_standard_output(sample_archive: Archive,
                                                   capsysbinary: pytest.CaptureFixture[bytes]
                                                   ) -> None:
    assert main(["export", "--db", str(sample_archive.path), "-f", "jsonl",
                 "--query", "Belarus"]) == 0
    out, err = capsysbinary.readouterr()
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["20181108-73f05ce4"]
    assert err == b"", "no progress bar when stderr is not a terminal"


def test_a_terminal_sees_a_progress_bar_and_quiet_sees_nothing(tmp_path: Path) -> None:
    """The bar goes to stderr only when it is a terminal (here a pseudo-terminal)."""
    def run(*extra: str) -> bytes:
        master, slave = pty.openpty()
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "import", str(SAMPLE), "--db",
             str(tmp_path / f"a{len(extra)}.json"), *extra],
            stdout=subprocess.DEVNULL, stderr=slave, check=False, timeout=120)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal is closed once read to the end
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        assert done.returncode == 0
        return b"".join(chunks)

    assert b"updating the search index" in run()
    assert run("--quiet") == b""
