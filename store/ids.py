"""Entry ids: ``YYYYMMDD-xxxxxxxx``, sortable, typeable, and the same on every import.

The 8 hex digits begin the entry's digest, the SHA-256 of its raw paragraphs;
``undated-`` stands for the date when there is none, and ``-2``, ``-3`` follow a
repeat within one file. Bulletins, exchange files and the integrity check all
use these, so an id means the same wherever it was made.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date

ENTRY_ID = re.compile(r"(?:\d{8}|undated)-([0-9a-f]{8})(?:-\d+)?")


def content_digest(paragraphs: Sequence[str]) -> str:
    """The digest of an entry's raw paragraphs, in order (Chinese, then English)."""
    return hashlib.sha256("\x1e".join(p.strip() for p in paragraphs).encode("utf-8")).hexdigest()


def source_id(text: str) -> str:
    """``src-`` and 12 hex digits of the decoded text (line ends made ``\\n``): a file
    imported twice, in any encoding, is one source."""
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    return "src-" + hashlib.sha256(plain.encode("utf-8")).hexdigest()[:12]


def entry_id(days: Sequence[date], digest: str, seen: dict[str, int]) -> str:
    """The id of content with this digest; ``seen`` counts ids already given in the file.

    The date is written digit by digit, not with ``%Y``: ``%Y`` does not pad a year
    before 1000 (``9991112``), and ``ENTRY_ID`` wants eight digits.
    """
    base = f"{day_digits(days[0])}-{digest[:8]}" if days else f"undated-{digest[:8]}"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def day_digits(day: date) -> str:
    """``YYYYMMDD``, the year zero-padded to four digits: the date part of an entry id."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def is_entry_id(key: str, digest: str) -> bool:
    """Whether ``key`` is an id bitext would give content of this ``digest``."""
    m = ENTRY_ID.fullmatch(key)
    return bool(m and re.fullmatch(r"[0-9a-f]{64}", digest) and digest.startswith(m.group(1)))
