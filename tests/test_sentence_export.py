"""``bitext export -f tmx --segments sentence``: a unit per sentence pair inside the beads.

Oracles: a real CAT-tool library (translate-toolkit) and the TMX 1.4 DTD read the file;
the units are counted against ``Archive.sentences`` and, independently, the text of
each language's units, read in order, is each entry's text with nothing left out or
given twice; the sentences are counted against the splitter run on every paragraph.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import tmx as tt_tmx

from store.api import Archive
from store.lang.sentences import sentence_spans
from tui.cli import main

DTD = Path(__file__).parent / "data" / "tmx14.dtd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def sentence_export(db: Path, out: Path) -> Path:
    assert main(["export", "--db", str(db), "-o", str(out), "-q", "--segments", "sentence"]) == 0
    return out


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_translate_toolkit_reads_a_unit_per_sentence_bead(sample_archive: Archive,
                                                          tmp_path: Path) -> None:
    path = sentence_export(sample_archive.path, tmp_path / "s.tmx")
    units = list(tt_tmx.tmxfile.parsefile(str(path)).units)
    entries = sample_archive.entries()
    found = [(e, bead) for e in entries for beads in sample_archive.sentences(e.id)
             for bead in beads]
    assert len(units) == len(found) == 42  # against 24 beads
    assert sum(len(z) > 1 or len(x) > 1 for _, (z, x) in found) == 10  # 1-2, 2-1, 1-3…
    first = entries[0]
    assert units[0].getid() == f"{first.id}.1.1"
    assert units[0].source == first.zh[0].text[:first.zh[0].text.index("。") + 1]
    assert units[0].target.startswith("From November 25 to 29, 2018, a delegation of 46")
    for lang, text_of in (("zh", lambda u: u.source), ("en", lambda u: u.target)):
        for entry in entries:
            mine = [text_of(u) for u in units if u.getid().startswith(f"{entry.id}.")]
            whole = "".join(p.text for p in entry.paragraphs(lang))
            assert squeezed("".join(mine)) == squeezed(whole), (lang, entry.id)
            assert sum(len(sentence_spans(t, lang)) for t in mine) == sum(
                len(sentence_spans(p.text, lang)) for p in entry.paragraphs(lang))


def test_the_file_is_valid_tmx_14_with_segtype_sentence_and_the_entry_props(
        sample_archive: Archive, tmp_path: Path) -> None:
    doc = etree.parse(str(sentence_export(sample_archive.path, tmp_path / "s.tmx")))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    root = doc.getroot()
    assert root.find("header").get("segtype") == "sentence"  # type: ignore[union-attr]
    tus = root.findall("body/tu")
    assert len(tus) == 42
    assert {p.get("type"): p.text for p in tus[0].findall("prop")} == {
        "x-entry": "20181125-6850131f", "x-date": "2018-11-25/2018-11-29"}
    assert not root.findall(".//prop[@type='x-repairs']")
    assert {tu.get("tuid") for tu in tus} == {tu.get("tuid") for tu in tus if tu.get("tuid")}
    assert len({tu.get("tuid") for tu in tus}) == 42


def test_a_sentence_with_no_counterpart_is_a_unit_of_one_tuv(
        db_path: Path, sample_lines: list[str], tmp_path: Path) -> None:
    lines = [ln for k, ln in enumerate(sample_lines) if k != 10]  # a 0-1 bead in event 3
    variant = tmp_path / "variant.txt"
    variant.write_text("\n".join(lines), encoding="utf-8")
    assert main(["import", str(variant), "--db", str(db_path), "-q"]) == 0
    doc = etree.parse(str(sentence_export(db_path, tmp_path / "v.tmx")))
    assert etree.DTD(str(DTD)).validate(doc)
    alone = [tu for tu in doc.getroot().findall("body/tu") if len(tu.findall("tuv")) == 1]
    entry = Archive(db_path).entry("20181125")
    [unpaired] = [entry.en[e[0]].text for z, e in entry.beads if not z]
    assert len(alone) == len(sentence_spans(unpaired, "en")) == 4
    assert " ".join(tu.findtext("tuv/seg") or "" for tu in alone) == unpaired
    assert {(tu.get("srclang"), tu.find("tuv").get(XML_LANG)) for tu in alone} == {  # type: ignore[union-attr]
        ("en", "en")}


def test_sentences_follow_an_alignment_edit(sample_archive: Archive) -> None:
    entry = sample_archive.entry("20181119")
    before = sample_archive.sentences(entry.id)
    assert len(before) == len(entry.beads) == 5
    merged = sample_archive.edit_alignment(entry.id, "merge", 0)
    after = sample_archive.sentences(merged.id)
    assert len(after) == len(merged.beads) == 4
    for side in (0, 1):  # the merged bead holds the two beads' sentences, paired anew
        assert [s for bead in after[0] for s in bead[side]] == [
            s for bead in before[0] + before[1] for s in bead[side]]
    assert after[1:] == before[2:]
    for (z, e), beads in zip(merged.beads, after, strict=True):
        assert sorted({s.para for bead in beads for s in bead[0]}) == list(z)
        assert sorted({s.para for bead in beads for s in bead[1]}) == list(e)


def test_a_sentence_level_export_is_refused_on_import_with_one_line(
        sample_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = sentence_export(sample_archive.path, tmp_path / "s.tmx")
    files = [sample_archive.path, *sorted(Path(f"{sample_archive.path}.parts").iterdir())]
    digests = [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
    capsys.readouterr()
    assert main(["import", str(path), "--db", str(sample_archive.path)]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line == (f"bitext: {path}: is bitext's sentence-level export, which cannot make "
                    "entries again; import a paragraph-level one (bitext export -f tmx)")
    assert [hashlib.sha256(f.read_bytes()).hexdigest() for f in files] == digests


def test_sentence_segments_are_for_tmx_only(sample_archive: Archive, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.csv"
    capsys.readouterr()
    assert main(["export", "--db", str(sample_archive.path), "-o", str(out),
                 "--segments", "sentence"]) == 2
    assert "--segments sentence: is not a segmentation of csv" in capsys.readouterr().err
    assert not out.exists()
