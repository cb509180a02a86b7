"""TMX 1.4b, the translation-memory format CAT tools (OmegaT, Trados, memoQ) read.

One ``<tu>`` per bead, a ``<tuv>`` per language present (a bead without a
counterpart has one), the Chinese tagged ``zh-Hant`` or ``zh-Hans`` as its own
characters are (a segment whose characters are the same in both scripts, such
as a date line, takes its entry's script): an archive's majority would tag
Traditional date lines Simplified. The header's ``srclang`` is the Chinese most
entries use, and a ``<tu>`` whose source differs says its own ``srclang``.
Props carry what the archive needs to take the file back:
the entry id (``x-entry``), its days (``x-date``: ``2018-11-19,2018-11-21``,
a run of days as ``2018-11-25/2018-11-29``), ``x-year-inferred`` (``true`` when the
bulletin left the year unwritten and the import took it from the file) and its
digest (``x-digest``).
A bead's paragraphs are joined by a line break inside ``<seg>``; a ``<tuv>``
whose text bitext repaired lists the repairs (``x-repairs``, JSON: paragraph,
position in the text, what was there, what is now, kind), which give its raw
text back. An entry keeps the id and digest it claims only when that raw text
produces the digest (``store.exchange.proof``): a segment changed in a CAT
tool, or written by another tool, is new content with an id of its own. Days
must lie within ``schema.FIRST_DAY``..``LAST_DAY``, at most ``MAX_DAYS`` apart.

Control characters are written as the pictures the app shows (ESC as ``␛``,
a C1 control as ``⍰``): XML 1.0 cannot carry most C0 ones, and a terminal
showing the file would obey the rest.

With ``--segments sentence`` (``segtype="sentence"``) a ``<tu>`` holds a sentence bead
inside a bead (``store.sentencing``), with the entry's ``x-entry``, ``x-date`` and
``x-year-inferred``, for the CAT tools that match sentence by sentence. It is a view for
them, not a way back: it has no digest, and no unit holds a paragraph whole, so its text
could only come back as new entries of sentences, beside the ones it was cut from.
Reading refuses such a file of bitext's own (a sentence-level TMX from another tool
imports as any other).

Nothing in the file depends on when it was written, so exporting, importing
into an empty archive and exporting again gives the same bytes.

Reading uses lxml with entities left unexpanded, no network and no DTD
loading; a document that declares entities of its own is refused, so an
entity bomb or an external entity never runs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from html import escape

import orjson
from lxml import etree

from store.errors import InputError
from store.exchange import proof, tmx_foreign
from store.exchange.schema import check_days, days_label, parse_days
from store.exchange.shared import Imported, MakeParagraph, source_for
from store.exchange.text import pictured
from store.ids import content_digest, day_digits, entry_id, is_entry_id
from store.lang.dates import full_dates
from store.lang.script import chinese_tag
from store.lang.titles import entry_title
from store.model import Entry, Paragraph, SourceRef

#: Inline codes whose content is markup of the original format, not text; and notes and
#: props, which belong outside ``<seg>`` but some tools put inside.
_CODES = {"bpt", "ept", "ph", "it", "ut", "note", "prop"}
#: Noncharacters XML 1.0 cannot carry, even escaped: written as U+FFFD.
_NOT_XML = re.compile("[\ufffe\uffff]")
#: Controls written as they are: the text's own tabs and line breaks.
_KEPT_CONTROLS = "\t\n"

#: Makes one imported paragraph (the archive flags damage in it); text, lang, line.
#: Each unit's Chinese and English paragraphs, in file order.
Beads = list[tuple[list[Paragraph], list[Paragraph]]]
#: Per bead of an entry, the Chinese and English text of each of its sentence beads
#: (``""`` for a side the sentence bead lacks).
Sentences = Callable[[Entry], Sequence[Sequence[tuple[str, str]]]]
#: The header's ``creationtool``, by which ``read`` knows a file of bitext's own.
TOOL = "bitext-archive"


def write(entries: Iterable[Entry], *, srclang: str, version: str,
          sentences: Sentences | None = None) -> Iterator[bytes]:
    """A ``<tu>`` per bead; with ``sentences``, per sentence bead (``segtype="sentence"``)."""
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4">\n'
        f'<header creationtool="{TOOL}" creationtoolversion={_attribute(version)} '
        f'segtype="{"sentence" if sentences else "paragraph"}" o-tmf="bitext-archive" '
        f'adminlang="en" srclang="{srclang}" datatype="plaintext"/>\n<body>\n'
    ).encode()
    for entry in entries:
        units = (_sentence_units(entry, srclang, sentences(entry)) if sentences
                 else _units(entry, srclang))
        yield "".join(units).encode()
    yield b"</body>\n</tmx>\n"


def chinese_of(entries: Iterable[Entry]) -> str:
    """The Chinese tag most of these entries' text takes (the header's srclang)."""
    tags = [chinese_tag("".join(p.text for p in e.zh)) for e in entries]
    return "zh-Hans" if tags.count("zh-Hans") > tags.count("zh-Hant") else "zh-Hant"


def _units(entry: Entry, srclang: str) -> Iterator[str]:
    """A ``<tu>`` per bead, with the entry's digest and each side's repairs, which let
    ``read`` prove the entry's identity."""
    head = _props(entry, ("x-digest", entry.digest))
    entry_zh = chinese_tag("".join(p.text for p in entry.zh)) or srclang
    for k, (zh, en) in enumerate(entry.beads, 1):
        tuvs = []
        for lang, indices in (("zh", zh), ("en", en)):
            if indices:
                paragraphs = [entry.paragraphs(lang)[i] for i in indices]
                tuvs.append(_tuv(lang, "\n".join(p.text for p in paragraphs), entry_zh,
                                 _repairs_prop(paragraphs)))
        yield from _unit(f"{entry.id}.{k}", head, tuvs, srclang)


def _sentence_units(entry: Entry, srclang: str,
                    found: Sequence[Sequence[tuple[str, str]]]) -> Iterator[str]:
    """A ``<tu>`` per sentence bead, ``tuid`` entry.bead.sentence-bead. No digest nor
    repairs: they prove a paragraph's text, which no unit here holds whole."""
    head = _props(entry)
    entry_zh = chinese_tag("".join(p.text for p in entry.zh)) or srclang
    for k, bead in enumerate(found, 1):
        for n, (zh, en) in enumerate(bead, 1):
            tuvs = [_tuv(lang, text, entry_zh) for lang, text in (("zh", zh), ("en", en)) if text]
            yield from _unit(f"{entry.id}.{k}.{n}", head, tuvs, srclang)


def _props(entry: Entry, *more: tuple[str, str]) -> str:
    props = [("x-entry", entry.id)]
    if entry.days:
        props.append(("x-date", days_label(entry.days)))
    if entry.year_inferred:
        props.append(("x-year-inferred", "true"))
    return "".join(f'  <prop type="{kind}">{_text(value)}</prop>\n'
                   for kind, value in (*props, *more))


def _tuv(lang: str, text: str, entry_zh: str, props: str = "") -> tuple[str, str]:
    """The ``<tuv>`` of one side and its language tag: Chinese by its own script."""
    tag = (chinese_tag(text) or entry_zh) if lang == "zh" else "en"
    return tag, f'  <tuv xml:lang="{tag}">{props}<seg>{_text(text)}</seg></tuv>\n'


def _unit(tuid: str, head: str, tuvs: list[tuple[str, str]], srclang: str) -> Iterator[str]:
    """One ``<tu>``; one whose source is not the header's ``srclang`` (Simplified in a
    mostly Traditional file, or English where a unit has no Chinese) says its own, so a
    CAT tool finds a source text in every unit."""
    source = tuvs[0][0] if tuvs else srclang
    own = f' srclang="{source}"' if source != srclang else ""
    yield f"<tu tuid={_attribute(tuid)}{own}>\n{head}"
    yield from (tuv for _, tuv in tuvs)
    yield "</tu>\n"


def _repairs_prop(paragraphs: list[Paragraph]) -> str:
    """``x-repairs``: what gives the raw text back, so the entry can prove its digest."""
    listed = [[k, r.at[0], r.before, r.after, r.kind]
              for k, p in enumerate(paragraphs) for r in p.repairs]
    return (f'<prop type="x-repairs">{_text(orjson.dumps(listed).decode())}</prop>'
            if listed else "")


def _text(text: str) -> str:
    """Text for the file: controls as pictures, noncharacters replaced, then escaped.

    C0 controls XML 1.0 cannot carry, and those it can but a terminal showing
    the file would obey (a carriage return hides what starts the line; DEL;
    the C1 controls U+0080–U+009F, U+009B being CSI), are written as the
    pictures the app shows (``store.exchange.text``). A carriage return would
    not survive anyway: XML reads it back as a line break.
    """
    return escape(pictured(_NOT_XML.sub("\ufffd", text), keep=_KEPT_CONTROLS), quote=False)


def _attribute(value: str) -> str:
    """An attribute's value, quoted. ``html`` rather than ``xml.sax.saxutils``: that
    one imports urllib, http and ssl, 33 ms of every bulletin's import."""
    return f'"{escape(value)}"'


# -- reading ----------------------------------------------------------------------------

def read(data: bytes, name: str, *, imported: str, paragraph: MakeParagraph) -> list[Imported]:
    """The file's entries; its notes say what it held besides (``tmx_foreign.Languages``)."""
    encoding = tmx_foreign.encoding_of(data)
    root = _parse(data, name)
    tmx_foreign.plain_tags(root)
    header = root.find("header")
    if root.tag != "tmx" or header is None:
        raise InputError(name, "is XML but not TMX (no <tmx> with a <header>)")
    if header.get("creationtool") == TOOL and header.get("segtype") == "sentence":
        raise InputError(name, "is bitext's sentence-level export, which cannot make entries "
                               "again; import a paragraph-level one (bitext export -f tmx)")
    units = root.findall("body/tu")
    if not units:
        raise InputError(name, "has no translation units")
    languages = tmx_foreign.Languages(header.get("srclang", "").strip())
    groups: list[tuple[dict[str, str], Beads]] = []
    for tu in units:
        props = {p.get("type", ""): (p.text or "") for p in tu.findall("prop")}
        bead = _bead(tu, paragraph, languages)
        if not bead[0] and not bead[1]:
            continue  # no Chinese or English in this unit
        key = props.get("x-entry")
        if key and groups and groups[-1][0].get("x-entry") == key:
            groups[-1][1].append(bead)
        else:
            groups.append((props, [bead]))
    if problem := languages.missing():
        raise InputError(name, problem)
    source = source_for(name, data, tmx_foreign.decoded(data, encoding), imported, "tmx",
                        encoding=encoding)
    ref = SourceRef(source.id, name)
    by_id: dict[str, Entry] = {}
    for props, beads in groups:
        entry = _entry(props, beads, ref, name)
        # The same raw text on the same first day is the same entry: a translation
        # memory repeats a segment pair. Kept once and said, so no id is given twice.
        by_id.setdefault(entry.id, replace(entry, seq=len(by_id)))
    notes = languages.notes()
    if repeated := len(groups) - len(by_id):
        notes.append(f"{repeated} repeated unit{'s' if repeated != 1 else ''} kept once "
                     "(the same text on the same day is one entry)")
    return [Imported(replace(source, entries=tuple(by_id)), tuple(by_id.values()),
                     tuple(notes))]


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


def _bead(tu: etree._Element, paragraph: MakeParagraph, languages: tmx_foreign.Languages
          ) -> tuple[list[Paragraph], list[Paragraph]]:
    sides: dict[str, list[Paragraph]] = {"zh": [], "en": []}
    tuvs = [(tmx_foreign.lang_of(tuv), tuv) for tuv in tu.findall("tuv")]
    for lang, tuv in languages.choose(tuvs).items():
        seg = tuv.find("seg")
        if seg is None:
            continue
        line = seg.sourceline or 0
        edits = _listed_repairs(tuv)
        texts = [t for t in _seg_text(seg).split("\n") if t.strip()]
        sides[lang] = [proof.with_raw(paragraph(t, lang, line), edits.get(k, []))
                       for k, t in enumerate(texts)]
        if sides[lang]:
            languages.seen.add(lang)
    return sides["zh"], sides["en"]


def _listed_repairs(tuv: etree._Element) -> dict[int, list[proof.Edit]]:
    """The ``x-repairs`` of a ``<tuv>`` by paragraph; none when absent or not as bitext
    writes them (the text is then taken as it is, and proves no claimed identity)."""
    prop = tuv.find("prop[@type='x-repairs']")
    try:
        listed = orjson.loads(prop.text or "") if prop is not None else []
    except orjson.JSONDecodeError:
        return {}
    out: dict[int, list[proof.Edit]] = {}
    for item in listed if isinstance(listed, list) else [None]:
        if not (isinstance(item, list) and [type(x) for x in item] == [int, int, str, str, str]):
            return {}
        k, at, before, after, kind = item
        out.setdefault(k, []).append((at, before, after, kind))
    return out


def _seg_text(element: etree._Element) -> str:
    """The text of a segment: inline codes dropped, highlighted text kept."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _entry(props: dict[str, str], beads: Beads, ref: SourceRef, name: str) -> Entry:
    """An entry keeps the identity it claims (``x-entry``, ``x-digest``) only when its raw
    text produces that digest and the id's date is its first day; any other gets its own."""
    zh = tuple(p for z, _ in beads for p in z)
    en = tuple(p for _, e in beads for p in e)
    days = _days(props, zh, name)
    digest = content_digest([p.raw for p in (*zh, *en)])
    key = props.get("x-entry", "")
    dated = day_digits(days[0]) if days else "undated"
    if not (props.get("x-digest") == digest and is_entry_id(key, digest)
            and key.startswith(f"{dated}-")):
        key = entry_id(days, digest, {})
    starts = list(itertools.accumulate(((len(z), len(e)) for z, e in beads),
                                       lambda a, b: (a[0] + b[0], a[1] + b[1]), initial=(0, 0)))
    return Entry(
        id=key, seq=0, start=days[0] if days else None, end=days[-1] if days else None,
        days=days,
        title={"zh": entry_title([p.text for p in zh], "zh"),
               "en": entry_title([p.text for p in en], "en")},
        zh=zh, en=en,
        beads=tuple((tuple(range(z0, z0 + len(z))), tuple(range(e0, e0 + len(e))))
                    for (z0, e0), (z, e) in zip(starts, beads, strict=False)),
        source=ref, digest=digest,
        year_inferred=bool(days) and props.get("x-year-inferred") == "true",
    )


def _days(props: dict[str, str], zh: tuple[Paragraph, ...], name: str) -> tuple[date, ...]:
    """``x-date``; for a TMX from another tool, the first full date in the Chinese that
    can be an entry's (within the years bitext accepts), if any."""
    label = props.get("x-date")
    if label is not None:
        try:
            return parse_days(label)
        except ValueError as e:
            shown = label if len(label) <= 60 else label[:60] + "…"
            raise InputError(name, f"x-date {shown!r}: {e}") from None
    found = (tuple(sorted(set(m.dates()))) for p in zh for m in full_dates(p.text, "zh"))
    return next((days for days in found if days and check_days(days) is None), ())
