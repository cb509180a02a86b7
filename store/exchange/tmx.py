"""TMX 1.4b, the translation-memory format CAT tools (OmegaT, Trados, memoQ) read.

One ``<tu>`` per bead, a ``<tuv>`` per language present (a bead without a
counterpart has one), the Chinese tagged ``zh-Hant`` or ``zh-Hans`` as its
characters are. Props carry what the archive needs to take the file back:
the entry id (``x-entry``), its days (``x-date``: ``2018-11-19,2018-11-21``,
a run of days as ``2018-11-25/2018-11-29``) and its digest (``x-digest``).
A bead's paragraphs are joined by a line break inside ``<seg>``.

Nothing in the file depends on when it was written, so exporting, importing
into an empty archive and exporting again gives the same bytes.

Reading uses lxml with entities left unexpanded, no network and no DTD
loading; a document that declares entities of its own is refused, so an
entity bomb or an external entity never runs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from store.errors import InputError
from store.exchange.shared import Imported, source_for
from store.ids import content_digest, entry_id, is_entry_id
from store.lang.dates import full_dates
from store.lang.script import chinese_tag
from store.lang.titles import title
from store.model import Entry, Paragraph, SourceRef

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Inline codes whose content is markup of the original format, not text.
_CODES = {"bpt", "ept", "ph", "it", "ut"}
#: Characters XML 1.0 cannot carry, even escaped: written as control pictures.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: Makes one imported paragraph (the archive flags damage in it); text, lang, line.
MakeParagraph = Callable[[str, str, int], Paragraph]
#: Each unit's Chinese and English paragraphs, in file order.
Beads = list[tuple[list[Paragraph], list[Paragraph]]]


def write(entries: Iterable[Entry], *, srclang: str, version: str) -> Iterator[bytes]:
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4">\n'
        f'<header creationtool="bitext-archive" creationtoolversion={quoteattr(version)} '
        f'segtype="paragraph" o-tmf="bitext-archive" adminlang="en" srclang="{srclang}" '
        'datatype="plaintext"/>\n<body>\n'
    ).encode()
    for entry in entries:
        yield "".join(_units(entry, srclang)).encode()
    yield b"</body>\n</tmx>\n"


def chinese_of(entries: Iterable[Entry]) -> str:
    """The Chinese tag most of these entries' text takes (the header's srclang)."""
    tags = [chinese_tag("".join(p.text for p in e.zh)) for e in entries]
    return "zh-Hans" if tags.count("zh-Hans") > tags.count("zh-Hant") else "zh-Hant"


def _units(entry: Entry, default_zh: str) -> Iterator[str]:
    props = [("x-entry", entry.id)]
    if entry.days:
        props.append(("x-date", days_label(entry.days)))
    props.append(("x-digest", entry.digest))
    head = "".join(f'  <prop type="{kind}">{_text(value)}</prop>\n' for kind, value in props)
    for k, (zh, en) in enumerate(entry.beads, 1):
        yield f"<tu tuid={quoteattr(f'{entry.id}.{k}')}>\n{head}"
        for lang, indices in (("zh", zh), ("en", en)):
            if not indices:
                continue
            text = "\n".join(entry.paragraphs(lang)[i].text for i in indices)
            tag = (chinese_tag(text) or default_zh) if lang == "zh" else "en"
            yield f'  <tuv xml:lang="{tag}"><seg>{_text(text)}</seg></tuv>\n'
        yield "</tu>\n"


def _text(text: str) -> str:
    return escape(_NOT_XML.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() < " "
                               else "\ufffd", text))


def days_label(days: tuple[date, ...]) -> str:
    """ISO days, a run of consecutive days as ``first/last``, runs joined by commas."""
    runs: list[list[date]] = []
    for day in days:
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(r[0].isoformat() if len(r) == 1 else f"{r[0]}/{r[-1]}" for r in runs)


def parse_days(label: str) -> tuple[date, ...]:
    out: list[date] = []
    for part in filter(None, label.split(",")):
        first, _, last = part.partition("/")
        day, end = date.fromisoformat(first), date.fromisoformat(last or first)
        while day <= end:
            out.append(day)
            day += timedelta(days=1)
    return tuple(out)


# -- reading ----------------------------------------------------------------------------

def read(data: bytes, name: str, *, imported: str, paragraph: MakeParagraph) -> list[Imported]:
    root = _parse(data, name)
    units = root.findall("body/tu")
    if root.tag != "tmx" or root.find("header") is None:
        raise InputError(name, "is XML but not TMX (no <tmx> with a <header>)")
    groups: list[tuple[dict[str, str], Beads]] = []
    for tu in units:
        props = {p.get("type", ""): (p.text or "") for p in tu.findall("prop")}
        bead = _bead(tu, paragraph)
        if not bead[0] and not bead[1]:
            continue  # no Chinese or English in this unit
        key = props.get("x-entry")
        if key and groups and groups[-1][0].get("x-entry") == key:
            groups[-1][1].append(bead)
        else:
            groups.append((props, [bead]))
    if not groups:
        raise InputError(name, "has no translation units with Chinese or English")
    text = data.decode("utf-8", errors="replace")
    source = source_for(name, data, text, imported, "tmx")
    seen: dict[str, int] = {}
    entries = tuple(replace(_entry(props, beads, SourceRef(source.id, name), seen, name), seq=seq)
                    for seq, (props, beads) in enumerate(groups))
    return [Imported(replace(source, entries=tuple(e.id for e in entries)), entries)]


def _parse(data: bytes, name: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise InputError(name, f"is not well-formed XML ({e})") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (any(dtd.iterentities()) or any(dtd.iterelements())):
        raise InputError(name, "declares XML entities or elements of its own; bitext does not "
                               "expand them")
    return root


def _bead(tu: etree._Element, paragraph: MakeParagraph
          ) -> tuple[list[Paragraph], list[Paragraph]]:
    sides: dict[str, list[Paragraph]] = {"zh": [], "en": []}
    for tuv in tu.findall("tuv"):
        tag = (tuv.get(_XML_LANG) or tuv.get("lang") or "").lower()
        lang = "zh" if tag.startswith("zh") else "en" if tag.startswith("en") else None
        seg = tuv.find("seg")
        if lang is None or seg is None or sides[lang]:
            continue
        line = seg.sourceline or 0
        sides[lang] = [paragraph(t, lang, line) for t in _seg_text(seg).split("\n") if t.strip()]
    return sides["zh"], sides["en"]


def _seg_text(element: etree._Element) -> str:
    """The text of a segment: inline codes dropped, highlighted text kept."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _entry(props: dict[str, str], beads: Beads, ref: SourceRef, seen: dict[str, int],
           name: str) -> Entry:
    """An entry bitext exported keeps its identity (id and first digest); another gets one."""
    zh = tuple(p for z, _ in beads for p in z)
    en = tuple(p for _, e in beads for p in e)
    try:
        days = parse_days(props["x-date"]) if "x-date" in props else None
    except ValueError:
        raise InputError(name, f"x-date {props['x-date']!r} is not a list of ISO days") from None
    if days is None:  # a TMX from another tool: the first full date in the Chinese, if any
        days = next((m.dates() for p in zh for m in full_dates(p.text, "zh")), ())
    key, digest = props.get("x-entry", ""), props.get("x-digest", "")
    if not is_entry_id(key, digest):
        digest = content_digest([p.raw for p in (*zh, *en)])
        key = entry_id(days, digest, seen)
    starts = list(itertools.accumulate(((len(z), len(e)) for z, e in beads),
                                       lambda a, b: (a[0] + b[0], a[1] + b[1]), initial=(0, 0)))
    return Entry(
        id=key, seq=0, start=days[0] if days else None, end=days[-1] if days else None,
        days=days,
        title={"zh": title(zh[0].text, "zh") if zh else "",
               "en": title(en[0].text, "en") if en else ""},
        zh=zh, en=en,
        beads=tuple((tuple(range(z0, z0 + len(z))), tuple(range(e0, e0 + len(e))))
                    for (z0, e0), (z, e) in zip(starts, beads, strict=False)),
        source=ref, digest=digest,
    )
