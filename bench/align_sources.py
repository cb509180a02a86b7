"""Build the real-material alignment set in bench/data/align/ from two public repositories.

Each source becomes ``<name>.jsonl.gz``: one document per line,
``{"doc": id, "units": [[zh, en], ...]}``, the units in document order and
each the translation of the other (the gold, 1-1 at unit level). Where the
units come from and why the pairing is certain is in docs/eval-alignment.md.

* ``tw-law``: laws of Taiwan with their official English translations, from
  kong0107/mojLawSplitJSON (the Ministry of Justice's Laws & Regulations
  Database as JSON; Open Government Data License). Units are chapter headings
  and the lines of each article (paragraphs and items), paired by article
  number; an article whose two versions have a different number of lines is
  one unit.
* ``bible``: chapters of the Chinese Union Version (1919) and the King James
  Version, both public domain, from the sentence files and verse labels that
  bfsujason/bertalign carried at its first commit. Units are verses.

Both repositories must be on this machine as git directories (the search
tool's ``fetch`` puts them under /work/.mirror); nothing is downloaded here.

    python bench/align_sources.py [--law-git DIR] [--bible-git DIR]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "align"
LAW_GIT = Path("/work/.mirror/kong0107+mojLawSplitJSON/repo")
LAW_COMMIT = "0d26e6c7c759821bbb6465162ffe149af5aed203"
BIBLE_GIT = Path("/work/.mirror/bfsujason+bertalign/repo")
BIBLE_COMMIT = "6d284528b49326fda8ebb3183cd1980bc527b47e"
#: Documents taken per source, and the unit counts a document must fall between:
#: enough to align, few enough to keep the files small.
DOCS = 40
UNITS = (15, 90)

Unit = tuple[str, str]


def git_show(git: Path, commit: str, path: str) -> str:
    return subprocess.run(["git", "--git-dir", str(git), "show", f"{commit}:{path}"],
                          check=True, capture_output=True, text=True).stdout


def pick(ids: list[str]) -> list[str]:
    """A fixed spread of documents: ordered by a hash of their id, not by topic or date."""
    return sorted(ids, key=lambda d: hashlib.sha256(d.encode()).hexdigest())


# --- laws of Taiwan ---------------------------------------------------------------

_ZH_ARTICLE = re.compile(r"第\s*(\d+(?:-\d+)?)\s*條")
_EN_ARTICLE = re.compile(r"Article\s*(\d+(?:-\d+)?)", re.IGNORECASE)


def law_units(zh: dict, en: dict) -> list[Unit] | None:
    """Headings and article lines paired, or None when the two versions differ in structure."""
    zh_items, en_items = zh.get("法規內容", []), en.get("法規內容", [])
    if len(zh_items) != len(en_items):
        return None
    units: list[Unit] = []
    for z, e in zip(zh_items, en_items, strict=True):
        if "編章節" in z and "編章節" in e:
            units.append((z["編章節"].strip(), e["編章節"].strip()))
            continue
        zm = _ZH_ARTICLE.search(z.get("條號", ""))
        em = _EN_ARTICLE.search(e.get("條號", ""))
        if not zm or not em or zm.group(1) != em.group(1):
            return None
        units.extend(_article_units(z.get("條文內容", ""), e.get("條文內容", "")))
    return units


def _article_units(zh: str, en: str) -> list[Unit]:
    zl = [s.strip() for s in zh.splitlines() if s.strip()]
    el = [s.strip() for s in en.splitlines() if s.strip()]
    if not zl or not el:
        return []
    if len(zl) == len(el):
        return list(zip(zl, el, strict=True))
    return [("".join(zl), " ".join(el))]


def laws(git: Path) -> Iterator[tuple[str, list[Unit]]]:
    names = subprocess.run(["git", "--git-dir", str(git), "ls-tree", "--name-only", LAW_COMMIT,
                            "Eng_FalVMingLing/"], check=True, capture_output=True,
                           text=True).stdout.split()
    for code in pick([Path(n).stem for n in names]):
        en = json.loads(git_show(git, LAW_COMMIT, f"Eng_FalVMingLing/{code}.json"))
        try:
            zh = json.loads(git_show(git, LAW_COMMIT, f"FalVMingLing/{code}.json"))
        except subprocess.CalledProcessError:
            continue
        units = law_units(zh, en)
        if units:
            yield code, units


# --- the Bible ----------------------------------------------------------------------


def _verses(git: Path, lang: str) -> dict[str, list[str]]:
    """Verse label -> the verse's text, for the part of the Bible the sentence file holds."""
    lines = git_show(git, BIBLE_COMMIT, f"corpus/bible/split/006.{lang}").splitlines()
    labels = git_show(git, BIBLE_COMMIT, f"corpus/bible/{lang}.verse").splitlines()
    out: dict[str, list[str]] = {}
    for label, text in zip(labels, lines, strict=False):
        out.setdefault(label.strip(), []).append(text.strip())
    return out


def chapters(git: Path) -> Iterator[tuple[str, list[Unit]]]:
    zh, en = _verses(git, "zh"), _verses(git, "en")
    by_chapter: dict[str, list[str]] = {}
    for label in zh:
        if label in en:
            by_chapter.setdefault(label.rsplit(":", 1)[0], []).append(label)
    last = list(zh)[-1].rsplit(":", 1)[0]  # the file may stop inside this chapter
    for chapter in pick([c for c in by_chapter if c != last]):
        labels = by_chapter[chapter]
        yield chapter, [("".join(zh[v]), " ".join(en[v])) for v in labels]


def write(name: str, docs: Iterator[tuple[str, list[Unit]]]) -> None:
    kept = []
    for doc, units in docs:
        if UNITS[0] <= len(units) <= UNITS[1]:
            kept.append({"doc": doc, "units": units})
        if len(kept) == DOCS:
            break
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"{name}.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for record in kept:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    units = sum(len(r["units"]) for r in kept)
    print(f"{path.name}: {len(kept)} documents, {units} units, {path.stat().st_size} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--law-git", type=Path, default=LAW_GIT)
    parser.add_argument("--bible-git", type=Path, default=BIBLE_GIT)
    args = parser.parse_args()
    write("tw-law", laws(args.law_git))
    write("bible", chapters(args.bible_git))


if __name__ == "__main__":
    main()
