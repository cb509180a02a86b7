"""Hand edits through the store: alignment edits, undo/redo, review marks, readings.

Each is saved beside the archive (``<archive>.edits``), never by rewriting
the archive itself, and survives a restart (a new ``Archive`` on the file).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.api import Archive
from store.edits import beads as alignment
from store.edits.beads import Beads
from store.errors import ArchiveError, EditError
from store.model import Bead, Lang, bead_problems

EVENT2 = "20181119-308475df"  # five 1-1 beads, damage in paragraphs 1 and 5
EVENT7 = "20181103-76639271"  # one bead; its damage reads 客人表示


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_to_one(n: int) -> tuple[Bead, ...]:
    return tuple(((k,), (k,)) for k in range(n))


# -- the edits themselves ---------------------------------------------------------------

def test_merge_split_detach_and_move_boundaries() -> None:
    beads = one_to_one(3)
    merged = alignment.merge_next(beads, 0)
    assert merged == (((0, 1), (0, 1)), ((2,), (2,)))
    assert alignment.split(merged, 0) == beads
    assert alignment.detach(beads, 1, "en") == (((0,), (0,)), ((1,), ()), ((), (1,)),
                                                 ((2,), (2,)))
    assert alignment.detach(beads, 1, "zh") == alignment.detach(beads, 1, "en")
    down = alignment.move_boundary(beads, 0, "zh", down=True)
    assert down == (((0, 1), (0,)), ((), (1,)), ((2,), (2,)))
    assert alignment.move_boundary(down, 0, "zh", down=False) == (((0,), (0,)), ((1,), (1,)),
                                                                   ((2,), (2,)))
    assert alignment.split((((0, 1), (0,)),), 0) == (((0,), (0,)), ((1,), ()))


@pytest.mark.parametrize(("edit", "problem"), [
    (lambda b: alignment.split(b, 0), "nothing to split"),
    (lambda b: alignment.merge_next(b, 2), "no next bead"),
    (lambda b: alignment.move_boundary(b, 2, "zh", down=True), "no boundary below"),
    (lambda b: alignment.detach(alignment.detach(b, 0, "zh"), 1, "en"), "only English"),
    (lambda b: alignment.detach(alignment.detach(b, 0, "zh"), 0, "en"), "no English paragraph"),
    (lambda b: alignment.split(b, 7), "no bead 8"),
])
def test_an_edit_that_does_not_apply_says_why(edit: Callable[[Beads], Beads], problem: str
                                              ) -> None:
    with pytest.raises(EditError, match=problem):
        edit(one_to_one(3))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["merge", "split", "detach", "down", "up"]),
                          st.integers(0, 6), st.sampled_from(["zh", "en"])), max_size=25))
def test_no_sequence_of_edits_loses_or_reorders_a_paragraph(ops: list[tuple[str, int, Lang]]
                                                            ) -> None:
    beads = one_to_one(5)
    for op, k, lang in ops:
        try:
            beads = apply(beads, op, k, lang)
        except EditError:
            continue
        assert bead_problems(beads, 5, 5) == []


def apply(beads: Beads, op: str, k: int, lang: Lang) -> Beads:
    if op == "merge":
        return alignment.merge_next(beads, k)
    if op == "split":
        return alignment.split(beads, k)
    if op == "detach":
        return alignment.detach(beads, k, lang)
    return alignment.move_boundary(beads, k, lang, down=op == "down")


# -- saved beside the archive ------------------------------------------------------------

def test_edits_survive_a_restart_and_never_rewrite_the_archive(sample_archive: Archive) -> None:
    before = digest(sample_archive.path)
    sample_archive.edit_alignment(EVENT2, "merge", 1)
    sample_archive.edit_alignment(EVENT2, "detach", 1, "en")
    assert digest(sample_archive.path) == before, "the bulk archive is not rewritten"
    again = Archive(sample_archive.path)
    entry = again.entry(EVENT2)
    assert entry.edited
    assert entry.beads == (((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), (3,)), ((4,), (4,)))
    assert again.undo(EVENT2).beads == (((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,)),
                                        ((4,), (4,)))
    assert not again.undo(EVENT2).edited
    with pytest.raises(EditError, match="nothing to undo"):
        again.undo(EVENT2)
    assert Archive(sample_archive.path).redo(EVENT2).beads[1] == ((1, 2), (1, 2))
    assert again.check()[0] == []


def test_a_new_edit_after_undo_drops_the_undone_one(sample_archive: Archive) -> None:
    sample_archive.edit_alignment(EVENT2, "merge", 0)
    sample_archive.undo(EVENT2)
    sample_archive.edit_alignment(EVENT2, "merge", 3)
    with pytest.raises(EditError, match="nothing to redo"):
        sample_archive.redo(EVENT2)
    assert sample_archive.entry(EVENT2).beads[3] == ((3, 4), (3, 4))


def test_a_reimport_leaves_hand_edits_alone(sample_archive: Archive, sample_bytes: bytes
                                            ) -> None:
    sample_archive.edit_alignment(EVENT2, "merge", 0)
    reports = sample_archive.import_bytes([(sample_bytes, "again.txt")])
    assert reports[0].added == []
    assert sample_archive.entry(EVENT2).beads[0] == ((0, 1), (0, 1))


def test_findings_follow_the_edited_alignment(sample_archive: Archive) -> None:
    assert not any(f.check == "unpaired" for f in sample_archive.findings(EVENT2))
    sample_archive.edit_alignment(EVENT2, "detach", 2, "zh")
    unpaired = [(f.lang, f.para) for f in sample_archive.findings(EVENT2)
                if f.check == "unpaired"]
    assert unpaired == [("zh", 2), ("en", 2)]
    assert sample_archive.all_findings()[EVENT2] == sample_archive.findings(EVENT2)


def test_review_marks_are_kept_and_can_be_taken_back(sample_archive: Archive) -> None:
    before = digest(sample_archive.path)
    key = sample_archive.findings(EVENT2)[0].key
    sample_archive.set_reviewed(EVENT2, key)
    assert set(Archive(sample_archive.path).reviewed(EVENT2)) == {key}
    sample_archive.set_reviewed(EVENT2, key, reviewed=False)
    assert Archive(sample_archive.path).all_reviewed() == {}
    assert digest(sample_archive.path) == before


def test_an_accepted_reading_is_a_repair_searchable_and_undoable(sample_archive: Archive
                                                                 ) -> None:
    [suggestion] = sample_archive.suggestions(EVENT7)
    assert suggestion.readings[0].text == "客人表示"
    assert sample_archive.search("客人表示").entries == 0
    entry = sample_archive.accept_reading(EVENT7, suggestion.finding, "客人表示")
    paragraph = entry.zh[0]
    assert "交流與合作客人表示，此次" in paragraph.text and paragraph.damage == ()
    [repair] = [r for r in paragraph.repairs if r.kind == "reading"]
    assert (repair.before, repair.after) == ("??腿吮硎?", "客人表示")
    assert paragraph.raw[slice(*repair.span)] == "??腿吮硎?", "the raw text is never changed"
    assert sample_archive.search("客人表示").ids() == {EVENT7}
    assert not any(f.check == "damage" for f in sample_archive.findings(EVENT7))
    assert sample_archive.check()[0] == []
    sample_archive.undo(EVENT7)
    assert sample_archive.search("客人表示").entries == 0
    assert sample_archive.entry(EVENT7).zh[0].damage


def test_a_rejected_suggestion_is_not_offered_again(sample_archive: Archive) -> None:
    [suggestion] = sample_archive.suggestions(EVENT7)
    sample_archive.reject_reading(EVENT7, suggestion.finding)
    assert Archive(sample_archive.path).suggestions(EVENT7) == []
    assert not sample_archive.entry(EVENT7).edited, "nothing in the entry changed"
    assert any(f.check == "damage" for f in sample_archive.findings(EVENT7))


def test_a_damaged_edits_file_is_one_line_and_left_alone(sample_archive: Archive) -> None:
    sample_archive.edit_alignment(EVENT2, "merge", 0)
    sample_archive.edit_alignment(EVENT2, "merge", 0)  # the second write keeps a .bak
    edits = sample_archive.path.with_name(sample_archive.path.name + ".edits")
    edits.write_bytes(b'{"schema": 1, "entr')
    with pytest.raises(ArchiveError, match=r"the edits file is damaged.*\.bak") as caught:
        Archive(sample_archive.path).entry(EVENT2)
    assert "\n" not in str(caught.value)
    assert edits.read_bytes() == b'{"schema": 1, "entr'


def test_check_archive_reads_the_edits_too(sample_archive: Archive) -> None:
    sample_archive.edit_alignment(EVENT2, "merge", 0)
    assert sample_archive.check()[0] == []
    edits = sample_archive.path.with_name(sample_archive.path.name + ".edits")
    doc = json.loads(edits.read_text())
    doc["entries"][EVENT2]["states"][1]["beads"][0][0] = [0, 0]  # paragraph 1 lost
    edits.write_text(json.dumps(doc))
    problems = Archive(sample_archive.path).check()[0]
    assert len(problems) == 1 and "edit 1: beads do not cover each zh paragraph" in problems[0]


def test_a_change_that_would_not_read_back_is_refused_and_nothing_is_written(
        sample_archive: Archive) -> None:
    sample_archive.edit_alignment(EVENT2, "merge", 1)  # an edits file to keep as it is
    before = sample_archive.edits_path.read_bytes()
    key, suggestion = next((s.id, found[0]) for s in sample_archive.summaries()
                           if (found := sample_archive.suggestions(s.id)))
    reading: Any = suggestion.readings[0]  # a caller's mistake: the reading, not its text
    with pytest.raises(ArchiveError, match="would write edits that do not read back"):
        sample_archive.accept_reading(key, suggestion.finding, reading)
    assert sample_archive.edits_path.read_bytes() == before
    assert Archive(sample_archive.path).entry(EVENT2).edited
