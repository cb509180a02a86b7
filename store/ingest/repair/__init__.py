"""Repair one paragraph in its language, recording every change and flagging damage.

The order matters: hard-wrapped lines are joined first; page remnants next, so
they cannot hide annotations; annotations before width, so ``(guó)`` is never
mistaken for real brackets; spaces between Han characters before width, so a
letter-spaced ``示 , 会`` becomes ``示，会``; ligatures before spaces, so ``Off i ce,and`` ends
as ``Office, and``; damage is looked for last, in the text the reader will see.
"""

from __future__ import annotations

from store.ingest.repair.annotations import strip_annotations
from store.ingest.repair.damage import find_damage
from store.ingest.repair.hanspace import join_han_spaces
from store.ingest.repair.html import strip_html
from store.ingest.repair.ligatures import join_ligatures
from store.ingest.repair.spacing import restore_spaces
from store.ingest.repair.width import normalise_en, normalise_zh
from store.ingest.repair.wrap import unwrap_en, unwrap_zh
from store.ingest.textmap import MappedText
from store.lang.patterns import compiled
from store.model import Paragraph

_OUTER_SPACE = compiled(r"^[\s\u3000\ufeff]+|[\s\u3000\ufeff]+$")

_STEPS = {
    "zh": (unwrap_zh, strip_html, strip_annotations, join_han_spaces, normalise_zh),
    "en": (unwrap_en, strip_html, normalise_en, join_ligatures, restore_spaces),
}


def repair_paragraph(raw: str, lang: str, line: int) -> Paragraph:
    text = MappedText(raw)
    text.sub(_OUTER_SPACE, lambda m: "", "space")
    for step in _STEPS[lang]:
        step(text)
    return Paragraph(text.text, raw, line, text.repairs(), find_damage(text, lang))
