"""Raw bulletin file to entries: decode, repair, layout, dates, alignment, events."""

from store.ingest.pipeline import ParsedBulletin, parse_bulletin

__all__ = ["ParsedBulletin", "parse_bulletin"]
