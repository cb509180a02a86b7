"""Text is data: markup, escape sequences and control characters in a bulletin stay inert.

A bulletin may hold Textual/Rich markup (``[@click=app.quit]``, ``[bold]``),
ANSI colour codes, an OSC sequence that would set the terminal title, or BEL.
The app and the command line show them as text (control characters as their
Unicode pictures) and never obey them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from app_helpers import search_shown
from textual.widgets import Static

from store.api import Archive
from tui.app import make_app
from tui.app.widgets.reader import BeadRow
from tui.cli import main

HOSTILE = (
    "2018年11月3日，重慶[@click=app.quit]點我[/]\x1b]0;pwned\x07舉行[bold]會議\x1b[31m。\n"
    "On November 3, 2018, Chongqing [@click=app.quit]click me[/] held \x1b]52;c;aGk=\x07"
    "a [bold]meeting\x1b[31m.\n"
)


@pytest.fixture
def hostile_archive(tmp_path: Path) -> Path:
    source = tmp_path / "evil.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    path = tmp_path / "archive.json"
    reports = Archive(path).import_files([source])
    assert reports[0].error is None
    return path


async def test_the_reader_shows_markup_and_escapes_as_text(hostile_archive: Path) -> None:
    app = make_app(hostile_archive, theme="textual-dark")
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        row = app.reader.query(BeadRow).first()
        zh = str(row.query_one(".cell.zh", Static).content)
        en = str(row.query_one(".cell.en", Static).content)
        assert "[@click=app.quit]點我[/]" in zh and "␛]0;pwned␇" in zh and "[bold]" in zh
        assert "[@click=app.quit]click me[/]" in en and "␛]52;" in en and "aGk=␇" in en
        assert "\x1b" not in zh + en
        await pilot.click(row.query_one(".cell.en", Static))
        await pilot.click(row.query_one(".cell.zh", Static))
        await pilot.pause(0.2)
        assert app.is_running, "a click on the text runs no action"
        assert app.title == "bitext"


async def test_a_search_for_hostile_text_shows_it_inert(hostile_archive: Path) -> None:
    app = make_app(hostile_archive, theme="textual-dark")
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        app.search_bar.input.value = '"click me"'
        await search_shown(pilot, '"click me"')
        await pilot.press("escape", "c")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        screen = app.screen
        lines = getattr(screen, "found", [])
        assert lines and "[@click=app.quit]" in lines[0].left
        assert app.is_running


@pytest.mark.parametrize("kwic", [False, True])
def test_search_output_on_a_terminal_is_inert(hostile_archive: Path, kwic: bool,
                                              capsys: pytest.CaptureFixture[str],
                                              terminal: Callable[..., None]) -> None:
    terminal(width=120, colour=True)
    assert main(["search", "meeting", "--db", str(hostile_archive),
                 *(["--kwic"] if kwic else [])]) == 0
    text = capsys.readouterr().out
    assert "\x1b[" in text, "on a terminal: styled"
    assert "[bold]" in text and "␛]52;" in text, "shown as text, control pictures for ESC"
    assert "\x1b]" not in text and "\x07" not in text, "no OSC, no BEL reaches the terminal"
