"""One side of a sentence bead as styled text, for the reader's sentence rows (``S``).

Each sentence is cut from its paragraph as ``paragraphs.paragraph_text`` draws it, so
the hits, findings and damage marked there stay on the sentence that holds them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text

from store.api import Sentence, sentence_runs
from store.model import Entry
from tui.text.paragraphs import EMPTY, Flags, Marks, paragraph_text


def sentence_cell(entry: Entry, lang: str, found: Sequence[Sentence], *,
                  hits: Mapping[int, Marks] | None = None,
                  flags: Mapping[int, Flags] | None = None) -> Text:
    """The sentences of one side, a blank line between two paragraphs (as ``cell_text``
    separates a bead's); an explicit mark when the side is empty."""
    if not found:
        return Text(EMPTY, style="dim italic")
    cell = Text()
    for n, (para, (start, end)) in enumerate(sentence_runs(found)):
        if n:
            cell.append("\n\n")
        whole = paragraph_text(entry.paragraphs(lang)[para], hits=(hits or {}).get(para, ()),
                               flags=(flags or {}).get(para, ()))
        cell.append_text(whole[start:end])
    return cell
