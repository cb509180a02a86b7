"""What TMX from other tools varies in, made one: its encoding, namespace and language tags.

Tried on real files (OmegaT, Trados Workbench, Heartsome, MyMemory, Okapi, the
LISA kit): Trados writes UTF-16 with a byte-order mark; TMX 1.4 files may put
every element in ``http://www.lisa.org/tmx14``; TMX 1.1 says ``lang`` where 1.4
says ``xml:lang``; and Chinese comes as ``zh``, ``ZH-CN``, ``zh_TW``, ``cmn``,
``cmn-Hans`` or ``zh-cmn-Hant``. A unit may hold two Chinese variants (``zh-CN``
and ``zh-TW``): one is kept, the one the header's ``srclang`` names, else the
first in the unit, and the file's import report names the ones left out, as it
names every other language it skipped.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from store.model import Lang

if TYPE_CHECKING:  # what reads the file loads lxml: a plain-text import never does
    from lxml import etree

#: Byte-order marks, longest first where one begins another.
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARED = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z][\w.:-]*)["']""")
_SIDES: dict[Lang, re.Pattern[str]] = {
    "zh": re.compile(r"(?:zh|cmn)(?:[-_].*)?", re.IGNORECASE | re.DOTALL),
    "en": re.compile(r"(?:en|eng)(?:[-_].*)?", re.IGNORECASE | re.DOTALL),
}
_LANG_NAMES = {"zh": "Chinese", "en": "English"}


def encoding_of(data: bytes) -> str:
    """The file's encoding as XML tells it: a byte-order mark, UTF-16 without one (its
    first ``<`` has a zero byte beside it), the declaration, else UTF-8."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if data[:2] == b"<\x00":
        return "utf-16-le"
    if data[:2] == b"\x00<":
        return "utf-16-be"
    declared = _DECLARED.match(data[:200])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            return "utf-8"
        return name if "16" not in name and "32" not in name else "utf-8"
    return "utf-8"


def decoded(data: bytes, encoding: str) -> str:
    """The file's text, its byte-order mark left off (what the source keeps)."""
    return data.decode(encoding, errors="replace").removeprefix("\ufeff")


def plain_tags(root: etree._Element) -> None:
    """Every element's namespace dropped, so ``{http://www.lisa.org/tmx14}tu`` is ``tu``.

    TMX has one vocabulary; a namespaced file names the same elements.
    """
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = _local(element.tag)


def lang_of(element: etree._Element) -> str:
    """``xml:lang`` or ``lang``, the attribute's name in any case; empty when neither."""
    for name, value in element.attrib.items():
        if _local(name).lower() == "lang":
            return str(value).strip()
    return ""


def _local(name: str) -> str:
    """A name without its namespace: ``{http://www.w3.org/XML/1998/namespace}lang`` is
    ``lang``, as lxml's ``QName(name).localname`` says (lxml writes names so)."""
    return name.rpartition("}")[2]


def side_of(tag: str) -> Lang | None:
    """``zh`` for a Chinese tag, ``en`` for an English one, None for any other language."""
    return next((lang for lang, pattern in _SIDES.items() if pattern.fullmatch(tag)), None)


def same_tag(a: str, b: str) -> bool:
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()


@dataclass(slots=True)
class Languages:
    """What a file held besides the Chinese and English kept: said in its import report."""

    srclang: str
    skipped: Counter[str] = field(default_factory=Counter)
    #: Variants left out of a unit that held two of one language, by language.
    left_out: dict[Lang, Counter[str]] = field(
        default_factory=lambda: {"zh": Counter(), "en": Counter()})
    seen: set[Lang] = field(default_factory=set)

    def choose(self, tuvs: list[tuple[str, etree._Element]]
               ) -> dict[Lang, etree._Element]:
        """Per language, the ``<tuv>`` kept: the one in ``srclang``, else the first."""
        kept: dict[Lang, etree._Element] = {}
        for lang in _SIDES:
            mine = [(tag, tuv) for tag, tuv in tuvs if side_of(tag) == lang]
            if not mine:
                continue
            tuv = next((v for t, v in mine if same_tag(t, self.srclang)), mine[0][1])
            kept[lang] = tuv
            self.left_out[lang].update(t for t, v in mine if v is not tuv)
        self.skipped.update(tag.lower() or "(none)" for tag, _ in tuvs if side_of(tag) is None)
        return kept

    def missing(self) -> str | None:
        """The problem of a file with no Chinese or no English to keep; None when it has both."""
        lacking = [_LANG_NAMES[lang] for lang in _SIDES if lang not in self.seen]
        if not lacking:
            return None
        other = ", ".join(self.skipped) or "none other"
        return (f"has no {' and no '.join(lacking)} text (other languages: {other}); "
                "Chinese is tagged zh, zh-*, cmn or cmn-*, English en or en-*")

    def notes(self) -> list[str]:
        """``skipped 4 languages: fr, de, ja, ru``, and any variants left out."""
        out = []
        if self.skipped:
            n = len(self.skipped)
            out.append(f"skipped {n} language{'s' if n != 1 else ''}: "
                       f"{', '.join(self.skipped)}")
        for lang, tags in self.left_out.items():
            if tags:
                out.append(f"left out a second {_LANG_NAMES[lang]} variant in "
                           f"{tags.total()} unit{'s' if tags.total() != 1 else ''} "
                           f"({', '.join(tags)}): a unit keeps the header's srclang "
                           f"({self.srclang or 'none'}), else its first")
        return out
