"""TMX written by other tools, imported through the real command line; and our TMX's tags.

Each case is a small TMX written here, shaped as the tools the issue names
write them (Trados: UTF-16 with a byte-order mark; the LISA kit: namespaced
1.4b; old memories: 1.1 with ``lang``). The oracle is what the user sees: the
import's lines, the entries' text, ``check-archive``, and an archive left
byte-identical when a file is refused.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import tmx as tt_tmx

from store.api import Archive
from tui.cli import main

DTD = Path(__file__).parent / "data" / "tmx14.dtd"
ZH, EN = "2018年11月12日，重庆市与辛辛那提市签署备忘录。", "Chongqing and Cincinnati signed an MoU."
ZH_TW = "2018年11月12日，重慶市與辛辛那提市簽署備忘錄。"


def tuv(lang: str, text: str, attr: str = "xml:lang") -> str:
    return f'<tuv {attr}="{lang}"><seg>{text}</seg></tuv>'


def tmx(*units: str, version: str = "1.4", srclang: str = "en", xmlns: str = "") -> str:
    ns = f' xmlns="{xmlns}"' if xmlns else ""
    return (f'<?xml version="1.0" encoding="{{enc}}"?>\n<tmx version="{version}"{ns}>'
            f'<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
            f'adminlang="en" srclang="{srclang}" datatype="plaintext"/>\n<body>\n'
            + "".join(f"<tu>{u}</tu>\n" for u in units) + "</body></tmx>\n")


def write(folder: Path, name: str, text: str, encoding: str = "utf-8", *,
          bom: bool = False) -> Path:
    path = folder / name
    declared = "UTF-16" if "16" in encoding else "UTF-8"
    data = text.replace("{enc}", declared).encode(encoding)
    path.write_bytes(({"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
                      if bom else b"") + data)
    return path


def imported(path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["import", str(path), "--db", str(db)])
    out, err = capsys.readouterr()
    return status, out, err


def texts(db: Path) -> list[tuple[list[str], list[str]]]:
    return sorted(([p.text for p in e.zh], [p.text for p in e.en])
                  for e in Archive(db).entries())


@pytest.mark.parametrize(("encoding", "bom"), [
    ("utf-16-le", True), ("utf-16-be", True), ("utf-16-le", False), ("utf-16-be", False)])
def test_utf_16_tmx_is_read_as_tmx_not_as_a_bulletin(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, bom: bool) -> None:
    path = write(tmp_path, "trados.tmx", tmx(tuv("EN-US", EN) + tuv("ZH-CN", ZH)), encoding,
                 bom=bom)
    db = tmp_path / "a.json"
    status, out, _ = imported(path, db, capsys)
    assert status == 0
    assert f"trados.tmx: added 1 entry ({encoding}, 0 repairs" in out
    assert texts(db) == [([ZH], [EN])], "the segments, not the XML as paragraphs"
    [source] = Archive(db).sources()
    assert source.layout == "tmx" and source.raw.startswith("<?xml")
    assert main(["check-archive", "--db", str(db)]) == 0


@pytest.mark.parametrize("xmlns", ["http://www.lisa.org/tmx14", "http://www.lisa.org/tmx"])
def test_a_namespaced_tmx_is_tmx(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 xmlns: str) -> None:
    path = write(tmp_path, "lisa.tmx", tmx(tuv("en", EN) + tuv("zh-CN", ZH), version="1.4b",
                                           xmlns=xmlns))
    status, _, err = imported(path, tmp_path / "a.json", capsys)
    assert (status, err) == (0, "")
    assert texts(tmp_path / "a.json") == [([ZH], [EN])]


def test_tmx_1_1_with_lang_in_any_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    path = write(tmp_path, "old.tmx", tmx(tuv("EN", EN, "lang") + tuv("Zh-Cn", ZH, "lang"),
                                          tuv("ZH_TW", ZH_TW, "LANG") + tuv("En_gb", "Signed."),
                                          version="1.1"))
    assert imported(path, tmp_path / "a.json", capsys)[0] == 0
    assert texts(tmp_path / "a.json") == [([ZH], [EN]), ([ZH_TW], ["Signed."])]


@pytest.mark.parametrize("tag", ["cmn", "cmn-Hans", "zh-cmn-Hans", "zh_CN", "ZH", "cmn_CN"])
def test_chinese_tagged_cmn_or_with_an_underscore(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  tag: str) -> None:
    path = write(tmp_path, "m.tmx", tmx(tuv("en", EN) + tuv(tag, ZH)))
    status, out, _ = imported(path, tmp_path / "a.json", capsys)
    assert status == 0 and "skipped" not in out
    assert texts(tmp_path / "a.json") == [([ZH], [EN])]


def test_a_tag_that_only_starts_like_chinese_is_another_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "m.tmx", tmx(tuv("en", EN) + tuv("zh", ZH) + tuv("zha", "Zhuang")))
    _, out, _ = imported(path, tmp_path / "a.json", capsys)
    assert "m.tmx: skipped 1 language: zha\n" in out


@pytest.mark.parametrize(("srclang", "kept", "left"), [
    ("zh-TW", ZH_TW, "zh-CN"),  # the header's srclang, wherever it stands in the unit
    ("en-US", ZH, "zh-TW"),  # no Chinese srclang: the unit's first
])
def test_two_chinese_variants_keep_one_by_the_rule_and_report_the_other(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], srclang: str, kept: str,
        left: str) -> None:
    path = write(tmp_path, "two.tmx", tmx(tuv("en-US", EN) + tuv("zh-CN", ZH) + tuv("zh-TW", ZH_TW),
                                          srclang=srclang))
    status, out, _ = imported(path, tmp_path / "a.json", capsys)
    assert status == 0
    assert texts(tmp_path / "a.json") == [([kept], [EN])]
    assert (f"two.tmx: left out a second Chinese variant in 1 unit ({left}): a unit keeps "
            f"the header's srclang ({srclang}), else its first\n") in out


def test_other_languages_are_reported_as_skipped(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    units = [tuv("en", EN) + tuv("zh", ZH) + tuv("fr", "Signé.") + tuv("de", "Unterzeichnet."),
             tuv("ja", "署名した。") + tuv("en", "Signed.") + tuv("zh", "签署了。")
             + tuv("ru", "Да."),
             tuv("fr", "Encore.")]
    path = write(tmp_path, "many.tmx", tmx(*units))
    status, out, _ = imported(path, tmp_path / "a.json", capsys)
    assert status == 0
    assert "many.tmx: skipped 4 languages: fr, de, ja, ru\n" in out
    assert len(texts(tmp_path / "a.json")) == 2, "a unit with neither language adds nothing"


@pytest.mark.parametrize(("units", "problem"), [
    ([tuv("en", EN) + tuv("fr", "Signé.")],
     "has no Chinese text (other languages: fr); Chinese is tagged zh"),
    ([tuv("zh", ZH) + tuv("de", "Ja."), tuv("zh", "再见。")],
     "has no English text (other languages: de)"),
    ([tuv("fr", "Oui.")], "has no Chinese and no English text (other languages: fr)"),
])
def test_a_file_without_chinese_or_english_is_one_line_and_changes_nothing(
        sample_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        units: list[str], problem: str) -> None:
    path = write(tmp_path, "no.tmx", tmx(*units))
    before = hashlib.sha256(sample_archive.path.read_bytes()).hexdigest()
    status, out, err = imported(path, sample_archive.path, capsys)
    assert status == 2 and out == ""
    assert err.startswith(f"bitext: {path}: {problem}") and err.count("\n") == 1
    assert hashlib.sha256(sample_archive.path.read_bytes()).hexdigest() == before


def test_duplicate_units_are_one_entry_said_and_the_archive_checks(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pair = tuv("en", EN) + tuv("zh", ZH)
    other = tuv("en", "Bye.") + tuv("zh", "再见。")
    path = write(tmp_path, "dup.tmx", tmx(pair, other, pair, pair))
    db = tmp_path / "a.json"
    status, out, _ = imported(path, db, capsys)
    assert status == 0
    assert "dup.tmx: added 2 entries" in out
    assert "dup.tmx: 2 repeated units kept once (the same text on the same day is one entry)" \
        in out
    assert main(["check-archive", "--db", str(db)]) == 0
    assert len({e.id for e in Archive(db).entries()}) == 2


def test_inline_codes_are_kept_out_of_the_text(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    en = ('Chongqing <bpt i="1" x="1">&lt;b&gt;</bpt>signed<ept i="1">&lt;/b&gt;</ept> an '
          '<ph x="2">{1}</ph>MoU<it pos="begin">&lt;i&gt;</it>.<ut>&lt;br/&gt;</ut>')
    zh = ('重庆市<bpt i="1">&lt;b&gt;<sub>x</sub></bpt>签署<ept i="1">&lt;/b&gt;</ept>'
          '<hi>备忘录</hi>。')
    path = write(tmp_path, "codes.tmx", tmx(tuv("en", en) + tuv("zh", zh)))
    assert imported(path, tmp_path / "a.json", capsys)[0] == 0
    assert texts(tmp_path / "a.json") == [(["重庆市签署备忘录。"], ["Chongqing signed an MoU."])]


def test_notes_and_props_are_kept_out_of_the_text(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    unit = ('<note>a note on the unit</note><prop type="x-client">ACME</prop>'
            '<tuv xml:lang="en"><note>translator: check</note><prop type="x-origin">MT</prop>'
            f'<seg>{EN}</seg></tuv>'
            f'<tuv xml:lang="zh"><prop type="x-context">title</prop><seg>{ZH}</seg></tuv>')
    path = write(tmp_path, "notes.tmx", tmx(unit))
    assert imported(path, tmp_path / "a.json", capsys)[0] == 0
    assert texts(tmp_path / "a.json") == [([ZH], [EN])]


# -- our own TMX: each segment tagged by its own script ---------------------------------

def test_each_segment_is_tagged_by_its_own_script_and_each_unit_names_its_source(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two Simplified entries make the header zh-Hans; the Traditional entry's units say
    zh-Hant, its date line too (whose characters are the same in both scripts)."""
    group = '<prop type="x-entry">20181112-00000000</prop>'  # groups two units, proves nothing
    memory = tmx(tuv("en", "The Mayor of Chengdu met the Consul General.")
                 + tuv("zh", "2018年11月5日，成都市长会见了总领事。"),
                 tuv("en", "A Chengdu delegation visited Lyon.")
                 + tuv("zh", "2018年11月9日，成都代表团访问里昂。"),
                 group + tuv("en", EN) + tuv("zh", ZH_TW),
                 group + tuv("en", "12 November 2018") + tuv("zh", "2018年11月12日"),
                 group + tuv("en", "Unpaired English."))
    db = tmp_path / "a.json"
    assert imported(write(tmp_path, "mixed.tmx", memory), db, capsys)[0] == 0
    out = tmp_path / "out.tmx"
    assert main(["export", "--db", str(db), "-o", str(out), "-q"]) == 0
    doc = etree.parse(str(out))
    assert etree.DTD(str(DTD)).validate(doc)
    root = doc.getroot()
    assert root.find("header").get("srclang") == "zh-Hans"  # type: ignore[union-attr]
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    units = [(tu.get("srclang"), [(v.get(lang), v.findtext("seg")) for v in tu.findall("tuv")])
             for tu in root.iter("tu")]
    assert units == [
        ("zh-Hant", [("zh-Hant", ZH_TW), ("en", EN)]),
        ("zh-Hant", [("zh-Hant", "2018年11月12日"), ("en", "12 November 2018")]),
        ("en", [("en", "Unpaired English.")]),
        (None, [("zh-Hans", "2018年11月9日，成都代表团访问里昂。"),
                ("en", "A Chengdu delegation visited Lyon.")]),
        (None, [("zh-Hans", "2018年11月5日，成都市长会见了总领事。"),
                ("en", "The Mayor of Chengdu met the Consul General.")]),
    ]
    read = list(tt_tmx.tmxfile.parsefile(str(out)).units)
    assert all(u.source for u in read), "translate-toolkit finds a source in every unit"
    assert [u.source for u in read[:2]] == [ZH_TW, "2018年11月12日"]
