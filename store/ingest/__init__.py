"""Raw bulletin file to entries: decode, repair, layout, dates, alignment, events."""

from store.ingest.pair import Pair, find_pairs, parse_pair
from store.ingest.pipeline import ParsedBulletin, parse_bulletin
from store.ingest.repair import repair_paragraph
from store.ingest.repair.damage import find_damage
from store.ingest.textmap import MappedText
from store.model import Paragraph

__all__ = ["Pair", "ParsedBulletin", "find_pairs", "flagged_paragraph", "parse_bulletin",
           "parse_pair", "repair_paragraph"]


def flagged_paragraph(text: str, lang: str, line: int) -> Paragraph:
    """A paragraph imported from another tool's file: kept as it is, its damage flagged.

    Such text was repaired (or not) elsewhere; repairing it again here would
    change text the user exchanged on purpose.
    """
    return Paragraph(text, text, line, (), find_damage(MappedText(text), lang))
