"""Two files, one per language: how hunalign, LF Aligner and most corpora deliver text.

Each alone is refused ("has no English paragraphs"). Given together they are
one bulletin: the Chinese paragraphs of one file and the English of the other
go through the same repairs, dates, alignment and events as a bilingual file
(``pipeline.bulletin_of``), all or nothing.

Two files given in one command are a pair when

* their names differ only by a language tag before the extension (or as the
  extension): ``X.zh.txt`` / ``X.en.txt``; the tags are ``zh``, ``zh-Hans``,
  ``zh-Hant``, ``zh-CN``, ``zh-TW``, ``zh-HK``, ``zh-SG``, ``chs``, ``cht``,
  ``cn`` for Chinese and ``en``, ``en-US``, ``en-GB``, ``eng`` for English,
  after ``.``, ``_`` or ``-``, in any case (``X_zh.txt``, ``X-EN.txt``, a
  Moses corpus's ``X.en-zh.zh`` / ``X.en-zh.en``). The named files must hold
  mostly their language; a line of the other language is kept on the source.
* or, failing names, the command gives exactly one file all in Chinese and one
  all in English among the bulletins no name paired (files that import alone
  are never paired by content).

The pair is one source, named ``ZH + EN`` (the two names as given): its raw
text is the Chinese file's decoded text, ``FILE_SEPARATOR``, then the English
file's, so both are kept whole and the source's id is the same on every
import. Its layout says where the English starts, since a file may hold the
separator itself; such a pair's id covers that point too, so two pairs whose
texts join alike stay two sources. A paragraph's ``line`` counts in its own
language's file; furniture says which file it came from.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from store.errors import BitextError, InputError
from store.ids import source_id
from store.ingest.decode import decode
from store.ingest.layout import Layout, arrange
from store.ingest.pipeline import ParsedBulletin, bulletin_of
from store.lang.patterns import compiled
from store.model import LANG_NAMES, Furniture, Lang, Source

#: ASCII's "file separator" between the two files' texts in the source's raw text.
FILE_SEPARATOR = "\x1c"

_TAGS = (r"(?:(?P<zh>zh(?:[-_](?:hans|hant|cn|tw|hk|sg))?|chs|cht|cn)"
         r"|(?P<en>en(?:[-_](?:us|gb))?|eng))")
#: The tag as the extension (a Moses corpus's ``X.en-zh.zh``), else before it.
_TAG_NAMES = (compiled(rf"(?P<stem>.+)\.{_TAGS}", re.IGNORECASE),
              compiled(rf"(?P<stem>.+?)[._-]{_TAGS}(?P<ext>\.[^./\\]+)?", re.IGNORECASE))

#: One file to import: its bytes and its name as given.
Item = tuple[bytes, str]


@dataclass(frozen=True, slots=True)
class Pair:
    """A Chinese file and an English file to import as one bulletin."""

    zh: Item
    en: Item

    @property
    def name(self) -> str:
        return f"{self.zh[1]} + {self.en[1]}"


def named_language(name: str) -> tuple[str, Lang] | None:
    """The name without its language tag, and the language the tag names."""
    for pattern in _TAG_NAMES:
        if m := pattern.fullmatch(name):
            return m["stem"] + (m.groupdict().get("ext") or ""), "zh" if m["zh"] else "en"
    return None


def find_pairs(items: Sequence[Item], encoding: str | None = None) -> list[Item | Pair]:
    """``items`` with the files that make a pair (see the module) replaced by the pair,
    which stands where the first of its files stood."""
    zh_to_en = _pairs_by_name([name for _, name in items])
    left = [i for i in range(len(items)) if i not in {*zh_to_en, *zh_to_en.values()}]
    if len(left) >= 2:
        zh_to_en |= _pair_by_content(items, left, encoding)
    first = {min(z, e): Pair(items[z], items[e]) for z, e in zh_to_en.items()}
    paired = {*zh_to_en, *zh_to_en.values()}
    return [first.get(i, item) for i, item in enumerate(items) if i in first or i not in paired]


def _pairs_by_name(names: Sequence[str]) -> dict[int, int]:
    """Chinese file -> English file, for names that differ only by the language tag."""
    slots: dict[str, dict[Lang, list[int]]] = {}
    for i, name in enumerate(names):
        if found := named_language(name):
            slots.setdefault(found[0], {}).setdefault(found[1], []).append(i)
    return {langs["zh"][0]: langs["en"][0] for langs in slots.values()
            if len(langs.get("zh", ())) == 1 and len(langs.get("en", ())) == 1}


def _pair_by_content(items: Sequence[Item], left: list[int],
                     encoding: str | None) -> dict[int, int]:
    """Exactly one all-Chinese and one all-English file among ``left``: a pair."""
    langs: dict[str, list[int]] = {"zh": [], "en": []}
    for i in left:
        if lang := _only_language(items[i], encoding):
            langs[lang].append(i)
    if len(langs["zh"]) == 1 and len(langs["en"]) == 1:
        return {langs["zh"][0]: langs["en"][0]}
    return {}


def _only_language(item: Item, encoding: str | None) -> Lang | None:
    """``zh`` or ``en`` for a file with paragraphs of that language only, else None."""
    try:
        layout = arrange(decode(item[0], item[1], encoding).text)
    except BitextError:
        return None  # it is refused on its own, with its own reason
    if layout.zh and not layout.en:
        return "zh"
    if layout.en and not layout.zh:
        return "en"
    return None


def parse_pair(pair: Pair, *, imported: str, encoding: str | None = None) -> ParsedBulletin:
    """The bulletin two files make; ``InputError`` naming the pair if they make none."""
    (zh_data, zh_name), (en_data, en_name) = pair.zh, pair.en
    for data, name in (pair.zh, pair.en):
        if not data.strip():
            raise InputError(name, "is empty")
    zh, en = decode(zh_data, zh_name, encoding), decode(en_data, en_name, encoding)
    zh_layout, en_layout = arrange(zh.text), arrange(en.text)
    _expect_language(zh_layout, "zh", zh_name, pair.name)
    _expect_language(en_layout, "en", en_name, pair.name)
    layout = Layout(zh=zh_layout.zh, en=en_layout.en,
                    furniture=(*_kept(zh_layout, "zh"), *_kept(en_layout, "en")),
                    order=f"zh+en files, English from character {len(zh.text) + 2}")
    raw = zh.text + FILE_SEPARATOR + en.text
    digest = hashlib.sha256()
    for data in (zh_data, en_data):  # each preceded by its length: no two pairs hash alike
        digest.update(len(data).to_bytes(8, "little") + data)
    encodings = dict.fromkeys((zh.encoding, en.encoding))
    split = f"{len(zh.text)}{FILE_SEPARATOR}" if FILE_SEPARATOR in zh.text else ""
    source = Source(id=source_id(split + raw), name=pair.name, encoding=" + ".join(encodings),
                    sha256=digest.hexdigest(), imported=imported, raw=raw, layout="")
    return bulletin_of(layout, source)


def _expect_language(layout: Layout, lang: Lang, name: str, pair: str) -> None:
    """The file named for ``lang`` holds mostly ``lang``: else the files were mixed up."""
    own, other = len(getattr(layout, lang)), len(layout.en if lang == "zh" else layout.zh)
    if own <= other:
        label = LANG_NAMES[lang]
        raise InputError(pair, f"{name} is not {label}: {own} {label} paragraphs, "
                               f"{other} in the other language")


def _kept(layout: Layout, lang: Lang) -> list[Furniture]:
    """A file's furniture and its paragraphs in the other language, marked with the file."""
    where = f"{LANG_NAMES[lang]} file"
    strays = layout.en if lang == "zh" else layout.zh
    found = [replace(f, why=f"{f.why}, {where}") for f in layout.furniture]
    found += [Furniture(p.line, p.raw, p.lang, f"other language, {where}") for p in strays]
    return sorted(found, key=lambda f: f.line)
