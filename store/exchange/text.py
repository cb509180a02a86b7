"""Control characters as pictures, for the exchange files people open, print or ``cat``.

A bulletin's text may hold ESC, BEL, an OSC sequence or a C1 CSI (U+009B).
Written as they are into a CSV, Markdown or TMX file, a terminal that shows
the file obeys them: it sets the clipboard (OSC 52), opens a link (OSC 8),
moves the cursor, or a carriage return hides the start of a line. They are
never text in a bulletin, so every text export writes them as marks, the
same ones the command line and the app show (``tui.labels.visible``):

- C0 controls U+0000–U+001F: their Unicode control pictures (ESC ``␛``,
  BEL ``␇``, CR ``␍``), except those a format carries (tab, newline);
- DEL U+007F: ``␡``;
- C1 controls U+0080–U+009F: ``⍰``.

One character for one, so the text keeps its length. Kept here, in store,
with the same pictures ``store.inert.visible`` shows on a screen.
"""

from __future__ import annotations

import functools
import re

from store.inert import control_picture

_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def pictured(text: str, keep: str = "\t\n") -> str:
    """``text`` with every control character but those in ``keep`` shown as its picture."""
    if not _ANY_CONTROL.search(text):
        return text  # the usual case, and the fast one
    return text.translate(_table(keep))


@functools.cache
def _table(keep: str) -> dict[int, str]:
    codes = [*range(0x20), *range(0x7F, 0xA0)]
    return {code: control_picture(chr(code)) for code in codes if chr(code) not in keep}
