"""bitext's CSV, edited in a spreadsheet and imported again: the change is an edit.

The round trip a translator makes: ``export -o x.csv``, correct one cell,
``import x.csv``. The oracle is what the user sees: ``bitext show`` prints the
new text and counts an ``edit`` among the repairs, the raw text is unchanged,
the app's raw view (``r``) marks the replaced text, and ``u`` takes it back.
A CSV that cannot be a change of text is one line, exit 2, nothing written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from app_helpers import app_on, ready
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from textual.widgets import Static

from store.api import Archive
from store.editing import changed_span
from store.edits import apply
from store.exchange.proof import misfit
from store.model import Accepted, EditState, Entry
from tui.cli import main

ENTRY = "20181125-6850131f"  # the newest entry: the app opens on it
OLD, NEW = "a delegation of 46 members", "a delegation of forty-six members"


def exported(db: Path, path: Path, *args: str) -> list[list[str]]:
    assert main(["export", "--db", str(db), "-o", str(path), "-q", *args]) == 0
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def saved(path: Path, rows: list[list[str]], *, delimiter: str = ",") -> Path:
    """As a spreadsheet saves "CSV UTF-8": a byte-order mark and CRLF line ends."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


def edited_sample(db: Path, folder: Path, *, delimiter: str = ",") -> Path:
    rows = exported(db, folder / "export.csv")
    assert rows[0] == ["entry", "date", "bead", "zh", "en"] and rows[1][0] == ENTRY
    assert OLD in rows[1][4]
    rows[1][4] = rows[1][4].replace(OLD, NEW)
    return saved(folder / "edited.csv", rows, delimiter=delimiter)


def fingerprint(archive: Archive) -> tuple[str, str]:
    """The archive's and its edits file's bytes (the edits file may not exist yet)."""
    def of(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"
    return of(archive.path), of(archive.edits_path)


def test_the_csv_starts_with_a_byte_order_mark_unless_asked_not_to(
        sample_archive: Archive, tmp_path: Path) -> None:
    exported(sample_archive.path, tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbfentry,date,bead,zh,en\n")
    exported(sample_archive.path, tmp_path / "b.csv", "--no-bom")
    assert (tmp_path / "b.csv").read_bytes().startswith(b"entry,date,bead,zh,en\n")


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_cell_changed_in_a_spreadsheet_comes_back_as_an_edit(
        sample_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        delimiter: str) -> None:
    db = sample_archive.path
    raw_before = sample_archive.entry(ENTRY).en[0].raw
    path = edited_sample(db, tmp_path, delimiter=delimiter)
    capsys.readouterr()
    assert main(["import", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: edited 1 paragraph in 1 entry")
    assert main(["show", ENTRY, "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    assert "forty-six" in shown and "edit 1" in shown.splitlines()[-1]
    assert main(["show", ENTRY, "--db", str(db), "--json"]) == 0
    entry = json.loads(capsys.readouterr().out)
    en = entry["en"][0]
    assert NEW in en["text"] and en["raw"] == raw_before, "the raw text stays"
    assert [(r["lang"], r["para"], r["before"], r["after"]) for r in entry["repairs"]
            if r["kind"] == "edit"] == [("en", 0, "46", "forty-six")]
    assert main(["check-archive", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["search", "forty-six", "--db", str(db), "--json"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)] == [ENTRY]


def test_the_same_csv_again_changes_nothing(sample_archive: Archive, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    db = sample_archive.path
    path = edited_sample(db, tmp_path)
    assert main(["import", str(path), "--db", str(db), "-q"]) == 0
    before = fingerprint(sample_archive)
    capsys.readouterr()
    assert main(["import", str(path), "--db", str(db)]) == 0
    assert capsys.readouterr().out == f"{path}: no text changed; nothing to record\n"
    assert fingerprint(sample_archive) == before
    rows = exported(db, tmp_path / "again.csv")
    assert NEW in rows[1][4], "the export has the edited text"


def test_a_dry_run_says_what_would_change_and_writes_nothing(
        sample_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edited_sample(sample_archive.path, tmp_path)
    before = fingerprint(sample_archive)
    capsys.readouterr()
    assert main(["import", "-n", str(path), "--db", str(sample_archive.path)]) == 0
    assert capsys.readouterr().out == (f"{path}: would edit 1 paragraph in 1 entry; "
                                       "nothing written\n")
    assert fingerprint(sample_archive) == before


@pytest.mark.parametrize(("change", "problem"), [
    (lambda rows: rows[1].__setitem__(0, "20181125-00000000"), "no such entry in the archive"),
    (lambda rows: rows[1].__setitem__(2, "99"), "the entry has 3 beads"),
    (lambda rows: rows[1].__setitem__(4, "one line\nand another"),
     "the English cell has 2 lines for 1 paragraphs; a spreadsheet can change text, not the "
     "alignment"),
    (lambda rows: rows[1].__setitem__(3, " "), "a Chinese paragraph is left empty"),
    (lambda rows: rows.append(list(rows[1])), "the bead is given twice"),
])
def test_a_csv_that_is_not_a_change_of_text_is_one_line_and_changes_nothing(
        sample_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        change: object, problem: str) -> None:
    db = sample_archive.path
    rows = exported(db, tmp_path / "export.csv")
    rows[2][4] += " A good change in another row."
    change(rows)  # type: ignore[operator]
    path = saved(tmp_path / "bad.csv", rows)
    before = fingerprint(sample_archive)
    capsys.readouterr()
    assert main(["import", str(path), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"bitext: {path}: row at line ") and err.count("\n") == 1
    assert problem in err
    assert fingerprint(sample_archive) == before, "no row of the file is recorded"


def test_a_csv_saved_in_a_legacy_code_page_is_refused(
        sample_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = exported(sample_archive.path, tmp_path / "export.csv")
    path = tmp_path / "gbk.csv"
    lines = ["entry,date,bead,zh,en", *(",".join(r[:3]) + ",中文,English" for r in rows[1:])]
    path.write_bytes("\n".join(lines).encode("gbk"))
    assert main(["import", str(path), "--db", str(sample_archive.path)]) == 2
    assert "is not UTF-8 text (save it from the spreadsheet as CSV UTF-8)" in \
        capsys.readouterr().err


async def test_the_app_shows_the_edit_in_the_raw_view_and_u_takes_it_back(
        sample_archive: Archive, tmp_path: Path) -> None:
    db = sample_archive.path
    assert main(["import", str(edited_sample(db, tmp_path)), "--db", str(db), "-q"]) == 0
    app = app_on(db)
    async with app.run_test(size=(140, 50)) as pilot:
        await ready(pilot)
        assert app.reader.entry is not None and app.reader.entry.id == ENTRY

        def cell() -> Static:
            return app.reader.rows[0].query_one(".cell.en", Static)

        assert "forty-six members" in str(cell().content)
        await pilot.press("r")
        raw = cell().content.text  # type: ignore[union-attr]
        assert "forty-six" not in str(raw) and "of 46 members" in str(raw)
        changed = [str(raw)[s.start:s.end] for s in raw.spans if "underline" in str(s.style)]
        assert "46" in changed, "the replaced text is marked in the raw view"
        await pilot.press("r", "u")
        await pilot.pause()
        assert "of 46 members" in str(cell().content)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_change_of_a_repaired_paragraph_keeps_its_raw_text_provable(
        sample_entries: tuple[Entry, ...], data: st.DataObject) -> None:
    """An edit over a paragraph the importer repaired (spacing, width, annotations,
    damage): the text is the new text, and the raw text with the repairs applied still
    gives it, so the entry's digest stands (``proof.misfit``)."""
    entry = data.draw(st.sampled_from(sample_entries))
    lang = data.draw(st.sampled_from(["zh", "en"]))
    para = data.draw(st.integers(0, len(entry.paragraphs(lang)) - 1))
    old = entry.paragraphs(lang)[para]
    start = data.draw(st.integers(0, len(old.text)))
    end = data.draw(st.integers(start, min(len(old.text), start + 8)))
    new = old.text[:start] + data.draw(st.sampled_from(["", "X", "新的", " 46 "])) + \
        old.text[end:]
    assume(new != old.text and new.strip())
    a, b, after = changed_span(old.text, new)
    edited = apply(entry, EditState(readings=(Accepted(lang, para, (a, b), old.text[a:b],
                                                       after),)))
    p = edited.paragraphs(lang)[para]
    assert p.text == new and p.raw == old.raw and misfit(p) is None
    assert all(0 <= d.span[0] <= d.span[1] <= len(p.text) for d in p.damage)
