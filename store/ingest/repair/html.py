"""Remnants of the web page a bulletin was copied from: tags and entities.

A tag whose ``<`` was swallowed by a neighbouring mojibake byte (``健?/p>``)
is a remnant too.
"""

from __future__ import annotations

import html
import re

from store.ingest.textmap import MappedText
from store.lang.patterns import compiled

_TAGS = r"(?:p|br|div|span|b|i|u|em|strong|font|a|sup|sub|li|ul|ol|h[1-6]|table|tr|td|th|img)"
_TAG = compiled(rf"<\s*/?\s*{_TAGS}\b[^<>]*>|(?<![<\w])/{_TAGS}>", re.IGNORECASE)
_ENTITY = compiled(r"&(?:[A-Za-z]{2,8}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def strip_html(text: MappedText) -> None:
    text.sub(_TAG, lambda m: "", "html")
    text.sub(_ENTITY, _unescape, "html")


def _unescape(m: re.Match[str]) -> str | None:
    out = html.unescape(m.group())
    if out == m.group():
        return None  # not an entity html knows: leave it as written
    return out.replace("\u00a0", " ")
