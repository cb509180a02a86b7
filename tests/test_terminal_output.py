"""Escapes never reach the terminal: whatever a bulletin holds, bitext prints it inert.

A bulletin (or a JSON Lines file) is written by someone else. Its titles and
text may hold content markup (``[@click=app.quit]``), raw escape sequences
(OSC 52 sets the clipboard, OSC 8 makes a link), C1 controls (U+009B is CSI),
bidi overrides that reorder what the reader sees, zero-width characters that
hide a difference, and spreadsheet formulas. Each test imports such a file
and looks at what the user would get: the palette, ``show``, ``list``, the
exports written to standard output, a CSV opened by a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from archive_files import read_tables
from rich.cells import cell_len
from test_hostile import HOSTILE
from textual.command import CommandList, CommandPalette
from textual.widgets._toast import Toast

from store.api import Archive
from store.inert import BIDI_MARKS, INVISIBLE_MARKS, visible
from tui.app import make_app
from tui.cli import main

#: C1 CSI (``\x9b31m``: red) and OSC 8 hyperlinks, which the HOSTILE bulletin lacks.
C1_AND_LINKS = (
    "2018年11月5日，重慶\x9b31m市\x1b]8;;http://evil.example\x1b\\點我\x1b]8;;\x1b\\。\n"
    "On November 5, 2018, Chongqing\x9b31m city \x1b]8;;http://evil.example\x1b\\click"
    "\x1b]8;;\x1b\\ here.\n"
)
#: A right-to-left override and zero-width spaces in both titles.
BIDI = (
    "2018年11月7日，重慶\u202e舉行\u200b會議。\n"
    "On November 7, 2018, Chongqing held a \u202emeeting\u200b today.\n"
)
#: Cells a spreadsheet would run as formulas (OWASP's examples).
FORMULAS = (
    "2018年11月9日，重慶舉行會議。\n"
    "On November 9, 2018, Chongqing held a meeting.\n"
    '=HYPERLINK("http://evil.example","重慶點我")\n'
    '=HYPERLINK("http://evil.example","click me")\n'
    "+重慶市政府會議\n"
    "+1+cmd|' /C calc'!A0\n"
    "@重慶外事辦\n"
    "@SUM(1+1)*cmd|' /C calc'!A0\n"
    "-重慶\n"
    "-2+3+cmd|' /C calc'!A0\n"
)
#: What a terminal obeys: ESC, BEL and the C1 controls U+0080–U+009F.
OBEYED = ["\x1b", "\x07", *map(chr, range(0x80, 0xA0))]


def archive_of(tmp_path: Path, *texts: str) -> Path:
    """An archive imported from one bulletin file per text."""
    files = []
    for k, text in enumerate(texts):
        files.append(tmp_path / f"bulletin-{k}.txt")
        files[-1].write_text(text, encoding="utf-8")
    path = tmp_path / "archive.json"
    reports = Archive(path).import_files(files)
    assert all(r.error is None for r in reports), [r.error for r in reports]
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def obeyed(text: str) -> list[str]:
    return [c for c in OBEYED if c in text]


# -- the command palette -------------------------------------------------------------

async def test_the_palette_shows_a_title_s_markup_as_text_and_a_click_runs_nothing(
        tmp_path: Path) -> None:
    db = archive_of(tmp_path, HOSTILE)
    app = make_app(db, theme="textual-dark")
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("ctrl+p", *"click me")
        await pilot.pause(0.5)
        hits = app.screen.query_one(CommandList)
        prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        [shown] = [p for p in prompts if "Chongqing" in p]
        assert "[@click=app.quit]click me[/]" in shown and "[@click=app.quit]點我[/]" in shown
        assert "␛]52;" in shown and not obeyed(shown)
        # click right on the words the markup would have made a link
        lines = [hits.render_line(y).text for y in range(hits.size.height)]
        y = next(y for y, line in enumerate(lines) if "click me" in line)
        x = cell_len(lines[y][:lines[y].index("click me")]) + 2
        inside = hits.content_region.offset - hits.region.offset  # below the border
        await pilot.click(CommandList, offset=(x + inside.x, y + inside.y))
        await pilot.pause(0.3)
        assert app.is_running, "the click chose the entry; no action hidden in the title ran"
        assert not isinstance(app.screen, CommandPalette)
        assert app.entries.current is not None and app.entries.current.id.startswith("20181103")


async def test_a_notification_shows_markup_and_escapes_as_text(tmp_path: Path) -> None:
    """A keymap naming unknown ids is reported in a toast that quotes them."""
    db = archive_of(tmp_path, BIDI)
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\n"[@click=app.quit]x[/]\\u001b]52;c;aGk=\\u0007" = "j"\n',
                      encoding="utf-8")
    app = make_app(db, keymap=keymap, theme="textual-dark")
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        [toast] = app.screen.query(Toast)
        text = str(toast.render())
        assert "[@click=app.quit]x[/]␛]52;c;aGk=␇" in text and not obeyed(text)


# -- the command line ------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "md", "tmx"])
def test_an_export_to_standard_output_writes_no_escape(tmp_path: Path, fmt: str,
                                                       capsysbinary: pytest.CaptureFixture[bytes]
                                                       ) -> None:
    db = archive_of(tmp_path, HOSTILE, C1_AND_LINKS)
    assert main(["export", "--db", str(db), "-f", fmt]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert not obeyed(out), "no ESC, BEL or C1 control reaches the terminal"
    assert "aGk=␇" in out and "evil.example␛" in out, "shown as the app shows them"
    assert "⍰31m" in out, "CSI (U+009B) as the C1 mark"


@pytest.mark.parametrize(("kind", "shown", "refused"), [
    ("\x1b]52;c;aGk=\x07\x9b2J", "␛]52;c;aGk=␇⍰2J",
     "repairs[0].kind: expected the name of a repair, got '\\x1b]52;c;aGk=\\x07\\x9b2J'"),
    ("sp\u202eacing\u200b[@click=app.quit]", "sp⇚acing␢[@click=app.quit]",
     "en[0].repairs[0]: is not a repair bitext makes of this raw text "
     "(sp⇚acing␢[@click=app.quit]: '' -> ' ')"),
])
def test_show_prints_a_repair_kind_inert(tmp_path: Path, kind: str, shown: str, refused: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON Lines file states its repairs' kinds: the import refuses one with controls in
    one line, itself inert. An archive edited by hand can still hold it: ``show`` prints
    it as data."""
    db = archive_of(tmp_path, C1_AND_LINKS)
    [line] = run(capsys, "export", "--db", str(db), "-f", "jsonl").splitlines()
    entry = json.loads(line)
    entry["repairs"][0]["kind"] = kind  # the space put after "8;;"
    hostile = tmp_path / "hostile.jsonl"
    hostile.write_text(json.dumps(entry, ensure_ascii=False) + "\n", encoding="utf-8")
    code = main(["import", str(hostile), "--db", str(tmp_path / "other.json")])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.endswith(f"hostile.jsonl: line 1: {refused}\n")
    assert err.count("\n") == 1 and not obeyed(err) and "\u202e" not in err

    data = read_tables(db)
    doc = data["entries"][entry["id"]]
    body = json.loads(doc["body"])
    body["en"][0][2][0][0] = kind  # [text, line, [[kind, at, before, after]], damage]
    doc["body"] = json.dumps(body, ensure_ascii=False)
    db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = run(capsys, "show", entry["id"], "--db", str(db))
    assert f"repairs: {shown} 1" in out
    assert not obeyed(out) and "\u202e" not in out and "\u200b" not in out


@pytest.mark.parametrize("on_a_terminal", [False, True])
def test_list_marks_a_right_to_left_override_and_zero_width_spaces(
        tmp_path: Path, on_a_terminal: bool, capsys: pytest.CaptureFixture[str],
        terminal: Callable[..., None]) -> None:
    db = archive_of(tmp_path, BIDI)
    if on_a_terminal:  # a table, in colour
        terminal(width=160, colour=True)
    out = run(capsys, "list", "--db", str(db))
    assert ("\x1b[" in out) is on_a_terminal, "styled only on a terminal"
    assert ("\t" in out) is not on_a_terminal, "piped: tab-separated lines"
    assert "重慶⇚舉行␢會議" in out and "held a ⇚meeting␢" in out
    assert "\u202e" not in out and "\u200b" not in out


def test_show_marks_a_right_to_left_override_and_zero_width_spaces(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = archive_of(tmp_path, BIDI)
    [entry] = Archive(db).entries()
    out = run(capsys, "show", entry.id, "--db", str(db))
    assert "重慶⇚舉行␢會議" in out and "held a ⇚meeting␢" in out, "titles and text"
    assert "\u202e" not in out and "\u200b" not in out


def test_json_output_escapes_what_a_terminal_would_obey_and_keeps_the_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = archive_of(tmp_path, BIDI, C1_AND_LINKS)
    out = run(capsys, "list", "--db", str(db), "--json")
    assert not obeyed(out) and "\u202e" not in out and "\u200b" not in out
    assert "\\u202e" in out and "\\u009b" in out
    titles = {e["title"]["en"] for e in json.loads(out)}
    assert any("\u202emeeting\u200b" in t for t in titles), "the same strings, escaped"


def test_a_json_lines_export_escapes_them_and_imports_back_the_same(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``export -f jsonl`` to a terminal wrote the override and the CSI raw."""
    db = archive_of(tmp_path, BIDI, C1_AND_LINKS)
    out = run(capsys, "export", "--db", str(db), "-f", "jsonl")
    assert not obeyed(out) and "\u202e" not in out and "\u200b" not in out
    assert "\\u202e" in out and "\\u009b" in out
    copy = tmp_path / "copy.jsonl"
    copy.write_text(out, encoding="utf-8")
    again = tmp_path / "again.json"
    assert main(["import", str(copy), "--db", str(again), "-q"]) == 0
    assert [e.to_dict() for e in Archive(again).entries()] == [
        e.to_dict() for e in Archive(db).entries()], "the same entries, text and all"


# -- a CSV in a spreadsheet ------------------------------------------------------------

def test_csv_cells_that_would_run_as_formulas_start_with_a_quote(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = archive_of(tmp_path, FORMULAS)
    exported = run(capsys, "export", "--db", str(db), "-f", "csv").removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(exported)))
    cells = [row[lang] for row in rows for lang in ("zh", "en") if row[lang]]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    starts = {c[:2] for c in cells}
    assert {"'=", "'+", "'@", "'-"} <= starts
    assert any(c.startswith("'=HYPERLINK(") and "click me" in c for c in cells)
    assert rows[0]["entry"].startswith("20181109-") and rows[0]["date"] == "2018-11-09"
    assert [r["bead"] for r in rows] == [str(k) for k in range(1, len(rows) + 1)]


# -- the sanitiser ---------------------------------------------------------------------

def test_every_control_and_invisible_character_is_shown_as_one_distinct_mark() -> None:
    """What any screen shows for each: a mark one cell wide, one character for one."""
    hidden = [chr(c) for c in range(sys.maxunicode + 1)
              if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and chr(c) not in "\t\n"]
    marks = {c: visible(c) for c in hidden}
    assert not [c for c, m in marks.items() if m == c], "every one is marked"
    assert {cell_len(m) for m in marks.values()} == {1}
    assert visible("".join(hidden)) == "".join(marks.values()), "spans on the text still fit"
    named = [*BIDI_MARKS, *INVISIBLE_MARKS]
    assert len({marks[c] for c in named}) == len(named), "each bidi or zero-width mark its own"
    assert not {marks[c] for c in named} & {marks[c] for c in hidden if c not in named}
    assert visible("重慶 Chongqing 𠀀 😀\tok\n") == "重慶 Chongqing 𠀀 😀\tok\n"
