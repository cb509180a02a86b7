"""Two files, one per language, imported as one bulletin (``store.ingest.pair``).

Each alone is refused as having one language; given together, by their names
(``X.zh.txt`` / ``X.en.txt``) or by their content (one all Chinese, one all
English), they make one source whose paragraphs point into their own file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_files import files_of_archive
from bulletins import CHENGDU, WUHAN, chinese, english, write

from store.api import Archive
from store.ingest.pair import FILE_SEPARATOR, named_language
from tui.cli import main


def test_a_pair_named_by_language_is_one_bulletin(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    zh = write(tmp_path, "wuhan.zh.txt",
               chinese(WUHAN) + "图片：武汉市外办\nXinhua News Agency\n")
    en = write(tmp_path, "wuhan.en.txt", english(WUHAN))
    db = tmp_path / "archive.json"
    assert main(["import", str(en), str(zh), "--db", str(db)]) == 0  # in either order
    assert f"{zh} + {en}: added 3 entries" in capsys.readouterr().out
    archive = Archive(db)
    (source,) = archive.sources()
    assert source.name == f"{zh} + {en}"
    assert source.raw == zh.read_text("utf-8") + FILE_SEPARATOR + en.read_text("utf-8")
    assert source.layout == f"zh+en files, English from character {len(zh.read_text()) + 2}"
    assert [(f.line, f.why) for f in source.furniture] == [
        (4, "credit, Chinese file"), (5, "other language, Chinese file")]
    for entry in archive.entries():
        for path, paragraphs in ((zh, entry.zh), (en, entry.en)):
            lines = path.read_text("utf-8").splitlines()
            assert all(lines[p.line - 1] == p.raw for p in paragraphs), "a line of its own file"
    assert [e.days[0].day for e in archive.entries()] == [16, 14, 12]
    assert main(["check-archive", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["import", str(zh), str(en), "--db", str(db)]) == 0
    assert "already in the archive (3 entries); nothing added" in capsys.readouterr().out


def test_two_files_one_per_language_pair_by_content(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    en = write(tmp_path, "chengdu-english.txt", english(CHENGDU))
    zh = write(tmp_path, "chengdu-chinese.txt", chinese(CHENGDU))
    db = tmp_path / "archive.json"
    assert main(["import", str(en), str(zh), "--db", str(db), "-q"]) == 0
    (source,) = Archive(db).sources()
    assert source.name == f"{zh} + {en}" and len(source.entries) == 2


def test_two_pairs_whose_texts_join_alike_are_two_sources(tmp_path: Path) -> None:
    """A file holding the separator itself: where the English starts tells them apart."""
    head, tail = chinese(WUHAN), english(WUHAN)
    first = (write(tmp_path, "a.zh.txt", head + FILE_SEPARATOR + "甲"),
             write(tmp_path, "a.en.txt", tail))
    second = (write(tmp_path, "b.zh.txt", head),
              write(tmp_path, "b.en.txt", "甲" + FILE_SEPARATOR + tail))
    db = tmp_path / "archive.json"
    for zh, en in (first, second):
        assert main(["import", str(zh), str(en), "--db", str(db), "-q"]) == 0
    sources = Archive(db).sources()
    assert [s.name for s in sources] == [f"{zh} + {en}" for zh, en in (first, second)]
    for source, (zh, _) in zip(sources, (first, second), strict=True):
        start = int(source.layout.rsplit(" ", 1)[1]) - 1
        assert source.raw[:start - 1] == zh.read_text("utf-8")
    assert main(["check-archive", "--db", str(db)]) == 0


def test_each_file_alone_is_still_refused(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Two Chinese files and one English: no pair is guessed."""
    zh1 = write(tmp_path, "a.txt", chinese(CHENGDU))
    zh2 = write(tmp_path, "b.txt", chinese(WUHAN))
    en = write(tmp_path, "c.txt", english(WUHAN))
    db = tmp_path / "archive.json"
    assert main(["import", str(zh1), str(zh2), str(en), "--db", str(db)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and "has no English paragraphs" in err[0], err
    assert not db.exists()


@pytest.mark.parametrize(("zh_text", "en_text", "problem"), [
    (english(WUHAN), english(WUHAN), "wuhan.zh.txt is not Chinese: 0 Chinese paragraphs, 3 in"),
    (chinese(WUHAN), chinese(WUHAN), "wuhan.en.txt is not English: 0 English paragraphs, 3 in"),
    (chinese(WUHAN), "", "wuhan.en.txt: is empty"),
])
def test_a_bad_pair_is_one_line_and_changes_nothing(tmp_path: Path, zh_text: str, en_text: str,
                                                    problem: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "archive.json"
    good = write(tmp_path, "chengdu.txt", chinese(CHENGDU) + english(CHENGDU))
    assert main(["import", str(good), "--db", str(db), "-q"]) == 0
    before = files_of_archive(db)
    zh = write(tmp_path, "wuhan.zh.txt", zh_text)
    en = write(tmp_path, "wuhan.en.txt", en_text)
    assert main(["import", str(zh), str(en), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and problem in err and "Traceback" not in err, err
    assert files_of_archive(db) == before


@pytest.mark.parametrize(("name", "stem", "lang"), [
    ("report.zh.txt", "report.txt", "zh"), ("report.en.txt", "report.txt", "en"),
    ("report.zh-Hant.txt", "report.txt", "zh"), ("report_zh-CN.txt", "report.txt", "zh"),
    ("Report-EN.txt", "Report.txt", "en"), ("report.chs", "report", "zh"),
    ("report.cht", "report", "zh"), ("report.eng", "report", "en"),
    ("corpus.en-zh.zh", "corpus.en-zh", "zh"), ("corpus.en-zh.en", "corpus.en-zh", "en"),
])
def test_language_tags_in_names(name: str, stem: str, lang: str) -> None:
    assert named_language(name) == (stem, lang)


@pytest.mark.parametrize("name", ["chongqing-2018-11.txt", "zh.txt", "green.txt", "often.txt"])
def test_names_without_a_tag(name: str) -> None:
    assert named_language(name) is None
