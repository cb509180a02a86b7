"""Comparing and correcting in the app, through Pilot: findings, review marks, readings, edits.

Each test works on its own copy of the sample archive, and a restart is a
second app on the same file.
"""

from __future__ import annotations

import io

import pytest
from app_helpers import app_on, ready, settled
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import OptionList
from textual.widgets._footer import FooterKey

from store.api import Archive
from tui.app import BitextApp
from tui.app.screens.findings import FindingsScreen

pytestmark = pytest.mark.asyncio

EVENT2 = "20181119-308475df"  # five 1-1 beads; damage in beads 1 and 5
EVENT7 = "20181103-76639271"  # damage that reads 客人表示
SIZE = (140, 44)


async def open_entry(pilot: Pilot[None], entry_id: str) -> None:
    app: BitextApp = pilot.app  # type: ignore[assignment]
    app.entries.move_to(entry_id)
    await settled(pilot)
    app.reader.focus()
    await pilot.pause()


async def saved(pilot: Pilot[None]) -> None:
    """Wait for the edit worker and the reader it refreshes."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)


def beads(app: BitextApp) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [row.bead for row in app.reader.rows]


def gutters(app: BitextApp) -> list[str]:
    return [row._gutter().plain for row in app.reader.rows]


async def findings_screen(pilot: Pilot[None]) -> FindingsScreen:
    await pilot.press("e")
    await saved(pilot)  # the readings arrive from a worker
    screen = pilot.app.screen
    assert isinstance(screen, FindingsScreen)
    return screen


async def test_beads_with_findings_are_marked_in_the_gutter(sample_archive: Archive) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT2)
        assert gutters(app) == ["1\n!", "2", "3", "4", "5\n!"]
        assert "2 findings (e)" in str(app.reader.query_one("#entry-header").render())


async def test_the_findings_screen_goes_to_a_bead_and_marks_reviewed(
        sample_archive: Archive) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT2)
        screen = await findings_screen(pilot)
        assert [s.finding.subject for s in screen.findings] == ["??松健?", "??松骄头e"]
        assert screen.readings is not None and screen.readings[
            screen.findings[1].finding.key][0] == "克山就積"
        await pilot.press("j", "space")
        await saved(pilot)
        assert [s.reviewed for s in screen.findings] == [False, True]
        await pilot.press("enter")
        assert not isinstance(app.screen, FindingsScreen)
        assert app.reader.selected == 4
        assert gutters(app) == ["1\n!", "2", "3", "4", "5\n✓"]
    key = sample_archive.findings(EVENT2)[1].key
    assert set(Archive(sample_archive.path).reviewed(EVENT2)) == {key}


async def test_accepting_a_reading_shows_it_keeps_it_and_undo_takes_it_back(
        sample_archive: Archive) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT7)
        await findings_screen(pilot)
        await pilot.press("a")
        await saved(pilot)
        assert "合作客人表示，此次" in app.reader.entry.zh[0].text  # type: ignore[union-attr]
        assert app.reader.border_title == f"{EVENT7} · edited"
        await pilot.press("escape")
    restarted = app_on(sample_archive.path)
    async with restarted.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT7)
        assert "客人表示" in restarted.reader.entry.zh[0].text  # type: ignore[union-attr]
        await pilot.press("u")
        await saved(pilot)
        assert "??腿吮硎?" in restarted.reader.entry.zh[0].text  # type: ignore[union-attr]
        assert gutters(restarted) == ["1\n!"]


async def test_rejecting_a_suggestion(sample_archive: Archive) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT7)
        await findings_screen(pilot)
        await pilot.press("x")
        await saved(pilot)
    assert Archive(sample_archive.path).suggestions(EVENT7) == []


@pytest.mark.parametrize(("keys", "expected"), [
    (["m"], [((0, 1), (0, 1)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))]),
    (["m", "s"], [((k,), (k,)) for k in range(5)]),
    (["x"], [((0,), ()), ((), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))]),
    (["X"], [((0,), ()), ((), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))]),
    ([">"], [((0, 1), (0,)), ((), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))]),
    (["}"], [((0,), (0, 1)), ((1,), ()), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))]),
    (["m", "<"], [((0,), (0, 1)), ((1, 2), (2,)), ((3,), (3,)), ((4,), (4,))]),
    (["m", "{"], [((0, 1), (0,)), ((2,), (1, 2)), ((3,), (3,)), ((4,), (4,))]),
])
async def test_each_alignment_edit(sample_archive: Archive, keys: list[str],
                                   expected: list[object]) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT2)
        for key in keys:
            await pilot.press(key)
            await saved(pilot)
        assert beads(app) == expected
        assert app.reader.entry is not None and app.reader.entry.edited
    assert list(Archive(sample_archive.path).entry(EVENT2).beads) == expected


async def test_undo_and_redo_survive_a_restart(sample_archive: Archive) -> None:
    one_to_one = [((k,), (k,)) for k in range(5)]
    merged = [((0, 1), (0, 1)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))]
    app = app_on(sample_archive.path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT2)
        await pilot.press("m")
        await saved(pilot)
        await pilot.press("m")
        await saved(pilot)
        assert beads(app)[0] == ((0, 1, 2), (0, 1, 2))
        await pilot.press("u")
        await saved(pilot)
        assert beads(app) == merged
    restarted = app_on(sample_archive.path)
    async with restarted.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT2)
        assert beads(restarted) == merged
        await pilot.press("ctrl+r")
        await saved(pilot)
        assert beads(restarted)[0] == ((0, 1, 2), (0, 1, 2))
        await pilot.press("u", "u")
        await saved(pilot)
        assert beads(restarted) == one_to_one
        assert restarted.reader.entry is not None and not restarted.reader.entry.edited
        await pilot.press("u")
        await saved(pilot)
        assert beads(restarted) == one_to_one


async def test_an_edit_that_does_not_apply_changes_nothing(sample_archive: Archive) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT2)
        notices: list[str] = []
        app.notify = lambda message, **kw: notices.append(message)  # type: ignore[method-assign]
        await pilot.press("s")
        await saved(pilot)
        assert notices == ["this bead has one paragraph on each side: nothing to split"]
        assert beads(app) == [((k,), (k,)) for k in range(5)]
    assert not sample_archive.path.with_name("archive.json.edits").exists()


async def test_next_finding_walks_the_archive_in_list_order(sample_archive: Archive) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.reader.focus()
        visited = []
        for _ in range(8):
            await pilot.press("E")
            await settled(pilot)
            await pilot.pause()
            assert app.reader.entry is not None
            visited.append((app.reader.entry.id[:8], app.reader.selected))
        # newest first: 20181125 (at its finding already), 20181119 beads 1 and 5, ...
        assert visited == [("20181119", 0), ("20181119", 4), ("20181112", 1),
                           ("20181108", 0), ("20181103", 0), ("20181125", 0),
                           ("20181119", 0), ("20181119", 4)]


async def test_edits_saved_by_another_bitext_appear(sample_archive: Archive) -> None:
    app = app_on(sample_archive.path)
    app.watch_interval = 0.1
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT2)
        other = Archive(sample_archive.path)  # as another bitext would
        other.edit_alignment(EVENT2, "merge", 0)
        other.set_reviewed(EVENT2, other.findings(EVENT2)[0].key)
        for _ in range(100):
            await pilot.pause(0.05)
            if len(app.reader.rows) == 4:
                break
        await saved(pilot)
        assert beads(app)[0] == ((0, 1), (0, 1))
        assert gutters(app)[0] == "1\n2-2\n✓"


async def test_the_palette_offers_the_review_commands(sample_archive: Archive) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT2)
        await pilot.press("ctrl+p")
        for ch in "merge the selected":
            await pilot.press(ch if ch != " " else "space")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await saved(pilot)
        assert beads(app)[0] == ((0, 1), (0, 1))


async def test_the_list_marks_entries_with_findings_not_yet_reviewed(
        sample_archive: Archive) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.entries.flags == {
            "20181125-6850131f": "review", "20181119-308475df": "error",
            "20181112-2c5aa078": "review", "20181108-73f05ce4": "error",
            "20181103-76639271": "error"}
        await open_entry(pilot, "20181112-2c5aa078")
        screen = await findings_screen(pilot)
        await pilot.press("space")
        await saved(pilot)
        assert screen.findings[0].reviewed
        assert "20181112-2c5aa078" not in app.entries.flags


async def test_the_findings_screen_shows_each_finding_in_its_sentence(
        sample_archive: Archive) -> None:
    """The modal hides the reader: a reading of ``??腿吮硎?`` was chosen without the
    sentence it has to fit."""
    app = app_on(sample_archive.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT7)
        screen = await findings_screen(pilot)
        option = screen.query_one(OptionList).get_option_at_index(0)
        console = Console(width=76, file=io.StringIO(), record=True)
        console.print(option.prompt)
        lines = console.export_text().splitlines()
        context = next(line for line in lines if "??腿吮硎?" in line and "'" not in line)
        assert "交流與合作??腿吮硎?，此次是乘船" in context.replace(" ", "")
        assert "Go to bead" in {k.description for k in screen.query(FooterKey)}


async def test_a_finding_in_a_long_paragraph_keeps_its_context_on_one_line_at_80x24(
        sample_archive: Archive) -> None:
    """30 cells a side wrapped at 80 columns: the context shrinks to the width."""
    app = app_on(sample_archive.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT2)
        screen = await findings_screen(pilot)
        options = screen.query_one(OptionList)
        width = options.scrollable_content_region.width - 2
        console = Console(width=width, file=io.StringIO(), record=True)
        console.print(options.get_option_at_index(1).prompt)
        lines = console.export_text().splitlines()
        context = [line for line in lines if "??松骄头e" in line and "'" not in line]
        assert len(context) == 1 and "李謙與??松骄头e極落實" in context[0]
        assert lines[lines.index(context[0]) + 1].lstrip().startswith("readings:")


async def test_the_findings_screen_opens_on_the_selected_beads_finding(
        sample_archive: Archive) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_entry(pilot, EVENT2)
        await pilot.press("G")  # bead 5, the second finding's
        screen = await findings_screen(pilot)
        assert screen.query_one(OptionList).highlighted == 1
        await pilot.press("enter")
        assert app.reader.selected == 4
