"""One raw file in, one source and its entries out; nothing touches the archive here.

decode -> layout -> repair -> leading dates (years from headings) -> align (whole
document) -> events -> entries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from store.errors import InputError
from store.ids import content_digest, entry_id, source_id
from store.ingest.align import align
from store.ingest.decode import decode
from store.ingest.layout import Layout, arrange
from store.ingest.repair import repair_paragraph
from store.ingest.segment import Event, Lead, lead_of, segment
from store.lang.dates import heading_year, is_headline, year_context
from store.lang.titles import entry_title
from store.model import LANG_NAMES, LANGS, Bead, Entry, Furniture, Paragraph, Source, SourceRef


@dataclass(frozen=True, slots=True)
class ParsedBulletin:
    source: Source
    entries: tuple[Entry, ...]


def parse_bulletin(data: bytes, name: str, *, imported: str,
                   encoding: str | None = None) -> ParsedBulletin:
    """Everything the archive needs from one file; raises InputError for a non-bulletin."""
    if not data.strip():
        raise InputError(name, "is empty")
    decoded = decode(data, name, encoding)
    source = Source(id=source_id(decoded.text), name=name, encoding=decoded.encoding,
                    sha256=hashlib.sha256(data).hexdigest(), imported=imported,
                    raw=decoded.text, layout="")
    return bulletin_of(arrange(decoded.text), source)


def bulletin_of(layout: Layout, source: Source) -> ParsedBulletin:
    """The entries of an arranged text, and ``source`` completed with its layout and entries.

    Apart from ``parse_bulletin`` so that a text arranged another way (two files, one
    per language) goes through the same repairs, dates, alignment and events.
    """
    for lang in LANGS:
        if not getattr(layout, lang):
            raise InputError(source.name, f"has no {LANG_NAMES[lang]} paragraphs: not a "
                                          "bilingual bulletin")
    zh = [repair_paragraph(p.raw, "zh", p.line) for p in layout.zh]
    en = [repair_paragraph(p.raw, "en", p.line) for p in layout.en]
    zh_leads, en_leads = _leads(layout, zh, en)
    beads = align([p.text for p in zh], [p.text for p in en],
                  zh_starts=[lead is not None for lead in zh_leads],
                  en_starts=[lead is not None for lead in en_leads])
    ref = SourceRef(source.id, source.name)
    headlines = [_all(bead, zh, en, is_headline) for bead in beads]
    sections = [_all(bead, zh, en, _names_a_year) for bead in beads]
    events = segment(beads, zh_leads, en_leads, headlines, sections)
    headings = _part_headings(events, beads, sections)
    events = [e for e in events if e not in headings]
    entries = _entries(events, zh, en, ref)
    furniture = (*layout.furniture, *(Furniture(p.line, p.raw, lang, "part heading")
                                      for e in headings for lang, p in _paragraphs(e, zh, en)))
    return ParsedBulletin(replace(source, layout=layout.order, furniture=furniture,
                                  entries=tuple(e.id for e in entries)), entries)


def _part_headings(events: Sequence[Event], beads: Sequence[Bead], sections: Sequence[bool]
                   ) -> list[Event]:
    """The undated events made only of a heading that names a year (``2016 年大事紀要``)
    in a file with dated events: the titles of the parts below, not events, so they are
    kept with the source's furniture rather than listed as undated entries."""
    if not any(e.days for e in events):
        return []
    headed = {b for b, s in zip(beads, sections, strict=True) if s}
    return [e for e in events if not e.days and set(e.beads) <= headed]


def _paragraphs(event: Event, zh: Sequence[Paragraph], en: Sequence[Paragraph]
                ) -> list[tuple[str, Paragraph]]:
    return [*(("zh", zh[i]) for i in event.zh), *(("en", en[j]) for j in event.en)]


def _all(bead: Bead, zh: Sequence[Paragraph], en: Sequence[Paragraph],
         test: Callable[[str, str], bool]) -> bool:
    """Every paragraph of the bead, on both sides, passes ``test`` (text, lang)."""
    paras = [(zh[i].text, "zh") for i in bead[0]] + [(en[j].text, "en") for j in bead[1]]
    return bool(paras) and all(test(text, lang) for text, lang in paras)


def _names_a_year(text: str, lang: str) -> bool:
    return heading_year(text, lang) is not None


def _leads(layout: Layout, zh: Sequence[Paragraph], en: Sequence[Paragraph]
           ) -> tuple[list[Lead | None], list[Lead | None]]:
    """How each paragraph opens an event, yearless dates completed from the whole file.

    The year is read off every line in file order, the furniture too: a heading
    such as ``2015 年大事紀要`` may be set aside by the layout, yet it dates the
    ``7 月 9 日`` lines below it.
    """
    lines = sorted([(p.line, p.text, lang, k) for lang, ps in (("zh", zh), ("en", en))
                    for k, p in enumerate(ps)]
                   + [(f.line, f.text, f.lang, -1) for f in layout.furniture])
    years = year_context([(text, lang) for _, text, lang, _ in lines])
    leads: dict[str, list[Lead | None]] = {"zh": [None] * len(zh), "en": [None] * len(en)}
    for (_, text, lang, k), year in zip(lines, years, strict=True):
        if k >= 0:
            leads[lang][k] = lead_of(text, lang, year)
    return leads["zh"], leads["en"]


def _entries(events: Sequence[Event], zh: Sequence[Paragraph], en: Sequence[Paragraph],
             ref: SourceRef) -> tuple[Entry, ...]:
    out: list[Entry] = []
    seen: dict[str, int] = {}
    for seq, event in enumerate(events):
        zh_idx, en_idx = event.zh, event.en
        zh_local = {g: k for k, g in enumerate(zh_idx)}
        en_local = {g: k for k, g in enumerate(en_idx)}
        paras_zh = tuple(zh[i] for i in zh_idx)
        paras_en = tuple(en[j] for j in en_idx)
        digest = content_digest([p.raw for p in (*paras_zh, *paras_en)])
        out.append(Entry(
            id=entry_id(event.days, digest, seen),
            seq=seq,
            start=event.days[0] if event.days else None,
            end=event.days[-1] if event.days else None,
            days=event.days,
            title={"zh": entry_title([p.text for p in paras_zh], "zh"),
                   "en": entry_title([p.text for p in paras_en], "en")},
            zh=paras_zh,
            en=paras_en,
            beads=tuple((tuple(zh_local[i] for i in z), tuple(en_local[j] for j in e))
                        for z, e in event.beads),
            source=ref,
            digest=digest,
            year_inferred=event.inferred,
        ))
    return tuple(out)


