"""Text made inert: what a terminal would obey or hide, shown or escaped, one for one.

A bulletin's text may hold controls (ESC, a C1 CSI), bidi overrides or
invisible characters. Shown as they are, a terminal obeys them or a reader is
fooled; so the command line, the app and the JSON bitext writes all pass text
through here. In ``store`` because the JSON Lines export needs it and store never
imports the front end.
"""

from __future__ import annotations

import re

#: Bidi controls: they reorder what a terminal shows around them (with U+202E,
#: ``"invoice\u202efdp.exe"`` reads "invoiceexe.pdf"). Arrows give the direction: harpoons
#: for the marks, paired arrows for embeddings, triple arrows for overrides,
#: arrows to a bar for isolates, arrows down for the pops that end them.
BIDI_MARKS = {
    "\u200e": "\u21c0",  # LEFT-TO-RIGHT MARK -> ⇀
    "\u200f": "\u21bc",  # RIGHT-TO-LEFT MARK -> ↼
    "\u061c": "\u21bd",  # ARABIC LETTER MARK -> ↽
    "\u202a": "\u21c9",  # LEFT-TO-RIGHT EMBEDDING -> ⇉
    "\u202b": "\u21c7",  # RIGHT-TO-LEFT EMBEDDING -> ⇇
    "\u202d": "\u21db",  # LEFT-TO-RIGHT OVERRIDE -> ⇛
    "\u202e": "\u21da",  # RIGHT-TO-LEFT OVERRIDE -> ⇚
    "\u202c": "\u21e3",  # POP DIRECTIONAL FORMATTING -> ⇣
    "\u2066": "\u21e5",  # LEFT-TO-RIGHT ISOLATE -> ⇥
    "\u2067": "\u21e4",  # RIGHT-TO-LEFT ISOLATE -> ⇤
    "\u2068": "\u21f9",  # FIRST STRONG ISOLATE -> ⇹
    "\u2069": "\u21a7",  # POP DIRECTIONAL ISOLATE -> ↧
}
#: Zero-width and invisible characters: they hide that two texts which look the
#: same differ (a search for one misses the other), or cut a word unseen.
INVISIBLE_MARKS = {
    "\u200b": "\u2422",  # ZERO WIDTH SPACE -> ␢ (blank symbol)
    "\u200c": "\u299a",  # ZERO WIDTH NON-JOINER -> ⦚ (a break)
    "\u200d": "\u22c8",  # ZERO WIDTH JOINER -> ⋈ (a join)
    "\u2060": "\u2040",  # WORD JOINER -> ⁀ (character tie)
    "\u2061": "\u2a3e",  # FUNCTION APPLICATION -> ⨾
    "\u2062": "\u2a30",  # INVISIBLE TIMES -> ⨰
    "\u2063": "\u2e32",  # INVISIBLE SEPARATOR -> ⸲ (turned comma)
    "\u2064": "\u2214",  # INVISIBLE PLUS -> ∔
    "\ufeff": "\u237d",  # ZERO WIDTH NO-BREAK SPACE (BOM) -> ⍽
    "\u00ad": "\u00ac",  # SOFT HYPHEN -> ¬ (as word processors show it)
    "\u2028": "\u2424",  # LINE SEPARATOR -> ␤
    "\u2029": "\u204b",  # PARAGRAPH SEPARATOR -> ⁋
}
#: Every other invisible format character (Unicode category Cf: tag characters
#: U+E0000–U+E007F that smuggle ASCII unseen, deprecated format controls...).
OTHER_FORMAT_MARK = "\u2327"  # ⌧
#: C1 controls have no pictures of their own in Unicode: one mark for all 32.
C1_MARK = "\u2370"  # ⍰
_OTHER_FORMAT = "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u206a-\u206f\ufff9-\ufffb"
_ASTRAL_FORMAT = re.compile(
    "[\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
#: What ``visible`` looks at: controls but tab and newline, every character
#: above, and beyond U+FFFF one span holding all the format characters there
#: (``_ASTRAL_FORMAT`` tells them from the rest): a class of several ranges
#: beyond U+FFFF made the scan four times slower on Chinese text.
_SCAN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(BIDI_MARKS) + "".join(INVISIBLE_MARKS)
    + _OTHER_FORMAT + "\U000110bd-\U000e007f]")


def visible(text: str) -> str:
    """Text as data: what a terminal would obey or hide is shown, one character for one.

    The one sanitiser for everything bitext puts on a terminal or the app's
    screen; one character for one, so spans computed on the text (search hits,
    damage, findings) still fit, and every mark is one cell wide.

    - C0 controls (ESC, BEL, CR...) become their Unicode control pictures
      (``␛``, ``␇``, ``␍``), DEL ``␡``, C1 controls (U+0080–U+009F, CSI among
      them) ``⍰``: the same pictures every export writes. Tab and newline stay.
    - Bidi controls become arrows (``BIDI_MARKS``: U+202E, the right-to-left
      override, is ``⇚``), so text cannot be reordered behind the reader's back.
    - Zero-width and invisible characters become marks (``INVISIBLE_MARKS``:
      zero-width space ``␢``, joiner ``⋈``, non-joiner ``⦚``, BOM ``⍽``).
      The soft hyphen is among them, shown ``¬``: it is invisible mid-line,
      terminals disagree on its width, and a word cut by it looks whole yet
      no search for the word finds it. So are the line and paragraph
      separators U+2028 and U+2029 (``␤``, ``⁋``), which some terminals break
      a line at and others hide.
    - Any other invisible format character (category Cf) becomes ``⌧``.
    """
    return _SCAN.sub(_mark, text)


def json_escaped(json: str) -> str:
    """JSON text with every character ``visible`` would mark written as a ``\\u`` escape.

    The same strings for a program that reads it; for a terminal that shows
    it, nothing to obey. A JSON writer escapes C0 controls already.
    """
    return _SCAN.sub(_json_escape, json)


def control_picture(char: str) -> str:
    """The picture of one C0, DEL or C1 control character: ``␛``, ``␡``, ``⍰``."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else C1_MARK


def _mark(m: re.Match[str]) -> str:
    char = m.group()
    code = ord(char)
    if code <= 0x9F:
        return control_picture(char)
    if code > 0xFFFF:
        return OTHER_FORMAT_MARK if _ASTRAL_FORMAT.match(char) else char
    return BIDI_MARKS.get(char) or INVISIBLE_MARKS.get(char) or OTHER_FORMAT_MARK


def _json_escape(m: re.Match[str]) -> str:
    """``\\u202e``; beyond U+FFFF the UTF-16 pair, as JSON spells it."""
    char = m.group()
    if ord(char) > 0xFFFF and not _ASTRAL_FORMAT.match(char):
        return char
    data = char.encode("utf-16-be")
    return "".join(f"\\u{data[i]:02x}{data[i + 1]:02x}" for i in range(0, len(data), 2))
