"""The checks on real professional translations: false findings, and recall on planted errors.

Issue 14 asks for checks a reviewer can trust: few findings where nothing is
wrong, and the real errors found. This script measures both on translations
nobody in this project wrote: the laws and Bible chapters committed in
bench/data/align/, and, where the search tool's ``fetch`` has put
bfsujason/aligner-eval under /work/.mirror, its Time articles (``mag``) and
speeches (``pol``), copyrighted and so read from the git directory, never
committed (provenance in docs/eval-alignment.md). Each document is a list of
units, unit k of the Chinese translating unit k of the English; it becomes
one entry, one paragraph per unit, bead k pairing the two.

* **False findings.** The checks run on the untouched entry. Every finding
  counts as false: the translations are published, professional ones, so a
  finding there is a false alarm or, at best, a translator's liberty (how
  many of them are real differences is judged by hand from ``--examples``).
  Reported per 100 beads, per check.
* **Recall.** One error at a time is planted in one bead of a copy of the
  document, the way a translator's slip looks (see ``PLANTS``); the checks
  run on the whole changed entry, so checks that read the document (its
  length ratio) see it all. A plant is caught when the check that should fire
  reports a finding on a paragraph of that bead whose key the untouched entry
  did not have. "any check" says whether any check pointed at the bead.
  A plant is made only where it is a real change (a number also said in the
  Chinese, a date the Chinese states too, a name the Chinese spells), so a
  miss is a miss.

Check ids come from ``store.checks.CHECKS``, so a check added later is
measured without touching this file. The repository root goes first on the
import path, so the working tree is measured, not an installed copy.
Seeded and deterministic:

    python bench/checks_eval.py [--seed 1] [--source tw-law] [--limit 10] [--per-doc 3]
                                [--half even] [--examples 20] [--misses 5]

``--half even`` measures the even-numbered documents of each source only
(0, 2, 4, ...), ``--half odd`` the others: set a threshold on one half and
report it on the other too.

About 6 minutes for the four sources on the project's 2-core VM (``mag`` and ``pol``
together 80 s); ``--per-doc 3`` about a tenth of it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sentence_align_eval import _CLOSING, GIT  # noqa: E402
from sentence_align_eval import load as aligned_load  # noqa: E402

from store.checks import CHECKS, run_checks  # noqa: E402
from store.lang.numerals import NUMERAL_CHARS, to_int  # noqa: E402
from store.lang.pinyin import readings  # noqa: E402
from store.model import Entry, Finding, Paragraph, SourceRef  # noqa: E402

DATA = ROOT / "bench" / "data" / "align"
#: The hand-aligned articles (Time, 2000) and speeches (The Governance of China) of
#: bench/sentence_align_eval.py.
ALIGNED = ("mag", "pol")
PARAGRAPH_END = 0.35

#: A unit: the Chinese and the English; English None is a paragraph left out (a 1-0 bead).
Unit = tuple[str, str | None]
Doc = tuple[str, list[Unit]]
#: (Chinese, English, generator, the whole English of the document) -> the changed unit.
Planter = Callable[[str, str, random.Random, str], Unit | None]


# --- the documents and the entry the checks read ------------------------------------------

def sources() -> dict[str, Callable[[int | None, str | None], list[Doc]]]:
    """Every source by name: the committed ones, then the hand-aligned news and speeches
    if their repository is on this machine (they are copyrighted, so never committed)."""
    known: dict[str, Callable[[int | None, str | None], list[Doc]]] = {
        p.name.removesuffix(".jsonl.gz"): partial(load, p) for p in sorted(DATA.glob("*.jsonl.gz"))}
    if GIT.exists():
        known |= {name: partial(load_aligned, name) for name in ALIGNED}
    return known


def load(path: Path, limit: int | None, half: str | None = None) -> list[Doc]:
    """A source's documents (of one ``half``, "even" or "odd", if given), the first ``limit``."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    return _pick([(d["doc"], [(z, e) for z, e in d["units"]]) for d in docs], limit, half)


def _pick(docs: list[Doc], limit: int | None, half: str | None) -> list[Doc]:
    return [d for i, d in enumerate(docs) if half is None or i % 2 == (half == "odd")][:limit]


def load_aligned(source: str, limit: int | None, half: str | None = None) -> list[Doc]:
    """A news or speech source of bfsujason/aligner-eval as paragraph units.

    Its gold pairs sentences (1-1, 1-2, 2-1, and a few 1-0 where the
    translator left a sentence out); a paragraph ends after a gold bead that
    closes a sentence on both sides with probability ``PARAGRAPH_END`` (about
    three sentences a paragraph, as in a bulletin), and after a line with no
    closing punctuation (a title, a date line), so unit k of the Chinese
    translates unit k of the English by the gold. The draw is seeded by the
    document alone, so every ``--seed`` measures the same paragraphs. A unit
    with nothing on one side (a whole paragraph left out by the translator)
    is left out: the other sources have none, and the issue's false findings
    are counted on text where nothing is wrong; a sentence left out inside a
    paragraph stays, a translator's liberty counted like any other finding.
    """
    docs = []
    for doc, gold in aligned_load(GIT, source):
        rng = random.Random(f"paragraphs:{doc}")
        units: list[Unit] = []
        zh: list[str] = []
        en: list[str] = []
        for z, e in gold:
            zh += z
            en += e
            z_text, e_text = "".join(zh), " ".join(en)
            closed = all(t.endswith(_CLOSING) for t in (z_text, e_text) if t)
            if not closed or rng.random() < PARAGRAPH_END:
                if z_text and e_text:
                    units.append((z_text, e_text))
                zh, en = [], []
        if zh and en:
            units.append(("".join(zh), " ".join(en)))
        docs.append((doc, units))
    return _pick(docs, limit, half)


def entry(units: list[Unit]) -> Entry:
    """One paragraph per unit and side, bead k pairing them (1-0 where the English is gone)."""
    zh = tuple(Paragraph(z, z, i) for i, (z, _) in enumerate(units))
    kept = [e for _, e in units if e is not None]
    en = tuple(Paragraph(e, e, len(zh) + j) for j, e in enumerate(kept))
    beads, j = [], 0
    for i, (_, e) in enumerate(units):
        beads.append(((i,), () if e is None else (j,)))
        j += e is not None
    return Entry("eval", 0, None, None, (), {"zh": "", "en": ""}, zh, en, tuple(beads),
                 SourceRef("eval", "eval"))


def bead_paragraphs(units: list[Unit], k: int) -> set[tuple[str, int]]:
    """Where a finding about bead k is: its Chinese paragraph and, if kept, its English one."""
    english = sum(e is not None for _, e in units[:k])
    return {("zh", k)} | ({("en", english)} if units[k][1] is not None else set())


# --- planting: one realistic slip in one bead ---------------------------------------------

_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_MONTH = ("(?P<month>(?:" + "|".join(_MONTHS) + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
          r"\b\.?)")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
#: "March 8", "Sept. 30th" and "8 March".
_EN_DATES = (re.compile(rf"\b{_MONTH}\s+{_DAY}\b"), re.compile(rf"\b{_DAY}\s+{_MONTH}"))
_ZH_NUM = f"[\\d{NUMERAL_CHARS}]+"
_ZH_DATE = re.compile(f"(?P<month>{_ZH_NUM})\\s*月\\s*(?P<day>{_ZH_NUM})\\s*[日號号]")
_EN_NUMBER = re.compile(r"(?<![\w.,/:-])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,/:-]\d)")
#: A list item's label: "4.", "(11)", "iii)".
_LIST_LABEL = re.compile(r"\s*[(（\[]?(?:\d{1,3}|[ivxlcIVXLC]{1,6})[.)）\]]")
_MEASURES = set("個个條条項项款目年月日時时分秒次人名位天週周歲岁公萬万千百元倍件份種种號号章節节")
_ZH_NUMBERS = re.compile(f"\\d+(?:,\\d{{3}})*|[{NUMERAL_CHARS}]+")


def _month(word: str) -> int:
    return [m[:3] for m in _MONTHS].index(word[:3]) + 1


def _english_dates(en: str) -> list[re.Match[str]]:
    return [m for pattern in _EN_DATES for m in pattern.finditer(en)]


def _zh_values(zh: str) -> set[int]:
    """Every number the Chinese writes, in digits (1,000) or in numerals (二十六).

    A lone 一 to 九 counts only before a measure word (五公里, 三條): elsewhere it
    is mostly part of a word (一般, 三民).
    """
    values = (to_int(m.group().replace(",", "")) for m in _ZH_NUMBERS.finditer(zh)
              if len(m.group()) > 1 or m.group().isdigit() or zh[m.end():m.end() + 1] in _MEASURES)
    return {v for v in values if v is not None}


def _zh_dates(zh: str) -> set[tuple[int | None, int | None]]:
    return {(to_int(m["month"]), to_int(m["day"])) for m in _ZH_DATE.finditer(zh)}


def plant_number(zh: str, en: str, rng: random.Random, document: str) -> Unit | None:
    """One digit of an English number that the Chinese also states, changed to another.

    Numbers inside a date are left to the date plant, and a list item's label
    ("4.", "(11)") is numbering, not content. The new number must not be said
    in the Chinese either, or the change would not be an error.
    """
    skip = [m.span() for m in _english_dates(en)]
    label = _LIST_LABEL.match(en)
    skip += [label.span()] if label else []
    said = _zh_values(zh)
    found = [m for m in _EN_NUMBER.finditer(en)
             if int(m.group().replace(",", "")) in said
             and not any(a <= m.start() < b for a, b in skip)]
    rng.shuffle(found)
    for m in found:
        digits = [i for i, c in enumerate(m.group()) if c.isdigit()]
        i = rng.choice(digits)
        choices = [d for d in "0123456789" if d != m.group()[i] and (i or d != "0")]
        new = m.group()[:i] + rng.choice(choices) + m.group()[i + 1:]
        if int(new.replace(",", "")) not in said:
            return zh, en[:m.start()] + new + en[m.end():]
    return None


def plant_date(zh: str, en: str, rng: random.Random, document: str) -> Unit | None:
    """The day of an English date that the Chinese states too, moved by one to three days."""
    stated = _zh_dates(zh)
    found = [m for m in _english_dates(en)
             if (_month(m["month"]), int(m["day"])) in stated]
    if not found:
        return None
    m = rng.choice(found)
    month, day = _month(m["month"]), int(m["day"])
    days = [d for d in range(day - 3, day + 4) if 1 <= d <= 28 and d != day
            and (month, d) not in stated]
    if not days:
        return None
    start, end = m.span("day")
    return zh, en[:start] + str(rng.choice(days)) + en[end:]


_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Art|Arts|Para|Sec|Vol|Co|Ltd|Inc|Jr|Sr|vs|etc"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|U\.S|U\.N))\.$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def english_sentences(text: str) -> list[str]:
    """A plain splitter of our own (not the checks'), so a plant does not suit the check."""
    parts, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start:m.start()].rstrip("\"'”’)")
        if not _ABBREVIATION.search(before) and not _LIST_LABEL.fullmatch(before):
            parts.append(text[start:m.end()].strip())
            start = m.end()
    return [*parts, text[start:].strip()]


def plant_sentence(zh: str, en: str, rng: random.Random, document: str) -> Unit | None:
    """A whole sentence of five words or more dropped from an English paragraph of two or more."""
    sentences = english_sentences(en)
    if len(sentences) < 2:
        return None
    droppable = [i for i, s in enumerate(sentences) if len(s.split()) >= 5]
    if not droppable:
        return None
    drop = rng.choice(droppable)
    return zh, " ".join(s for i, s in enumerate(sentences) if i != drop)


@cache
def _syllables() -> frozenset[str]:
    """Toneless pinyin syllables of the common CJK block: what a pinyin name is made of."""
    return frozenset(r for c in range(0x4E00, 0x9FA6) for r in readings(chr(c))
                     if r.isascii() and r.isalpha())


def _splits(word: str) -> list[list[str]]:
    """Every way to cut a lower-case word into pinyin syllables."""
    if not word:
        return [[]]
    return [[word[:n], *rest] for n in range(1, min(6, len(word)) + 1)
            if word[:n] in _syllables() for rest in _splits(word[n:])]


def _spelled_at(zh: str, syllables: list[str]) -> list[int]:
    """Where a run of Chinese characters reads ``syllables``."""
    n = len(syllables)
    return [i for i in range(len(zh) - n + 1)
            if all(s in readings(zh[i + j]) for j, s in enumerate(syllables))]


def _pinyin_names(zh: str, en: str, document: str) -> list[tuple[re.Match[str], list[str], int]]:
    """Capitalised English words that spell a run of the bead's Chinese in pinyin.

    A word that the document also writes in lower case ("long", "men") is an
    English word, not a name.
    """
    lower = set(re.findall(r"\b[a-z]+\b", document))
    out = []
    for m in re.finditer(r"\b[A-Z][a-z]+\b|\b[A-Z]{2,}\b", en):
        word = m.group().lower()
        if word in lower:
            continue
        for syllables in _splits(word):
            at = _spelled_at(zh, syllables)
            if at:
                out.append((m, syllables, at[0]))
                break
    return out


#: Syllables of Chinese given names that are no English word ("gang", "min" and "bin" are).
_NAME_SYLLABLES = ("wei jun qiang xin jian yong zhen hui rui qing xue zhong liang ming ting yun "
                   "peng chao jie xiao zhi").split()
_NAME_CHARACTERS = "明伟强军平勇杰涛斌鹏磊云凯瑞松博宁敏静超振峰鑫欣芳"


def plant_name_en(zh: str, en: str, rng: random.Random, document: str) -> Unit | None:
    """A pinyin name of the English replaced by another name of as many syllables."""
    names = _pinyin_names(zh, en, document)
    if not names:
        return None
    m, syllables, _ = rng.choice(names)
    for _ in range(10):
        new = "".join(rng.choice(_NAME_SYLLABLES) for _ in syllables)
        if new != m.group().lower() and not any(_spelled_at(zh, s) for s in _splits(new)):
            new = new.upper() if m.group().isupper() else new.capitalize()
            return zh, en[:m.start()] + new + en[m.end():]
    return None


def plant_name_zh(zh: str, en: str, rng: random.Random, document: str) -> Unit | None:
    """One character of a 2-3 character name that the English spells in pinyin, changed."""
    names = [(s, at) for _, s, at in _pinyin_names(zh, en, document) if 2 <= len(s) <= 3]
    if not names:
        return None
    syllables, at = rng.choice(names)
    i = at + rng.randrange(len(syllables))
    others = [c for c in _NAME_CHARACTERS if not readings(c) & readings(zh[i])]
    return zh[:i] + rng.choice(others) + zh[i + 1:], en


def plant_copied(zh: str, en: str, rng: random.Random, document: str) -> Unit | None:
    """The English paragraph is the Chinese one, never translated."""
    return zh, zh


def plant_left_out(zh: str, en: str, rng: random.Random, document: str) -> Unit | None:
    """The English paragraph is missing: the bead becomes 1-0."""
    return zh, None


@dataclass(frozen=True)
class Plant:
    """A kind of error, how it is planted, and the checks that should point at it."""

    what: str
    plant: Planter
    expected: tuple[str, ...]


PLANTS = (
    # A year changed inside a date ("December 26, 2013") is reported as that date.
    Plant("number changed", plant_number, ("number", "date")),
    Plant("date changed", plant_date, ("date",)),
    Plant("sentence dropped", plant_sentence, ("omission",)),
    Plant("name changed (en)", plant_name_en, ("name",)),
    Plant("name changed (zh)", plant_name_zh, ("name",)),
    Plant("untranslated (copied)", plant_copied, ("untranslated", "identical")),
    Plant("untranslated (1-0)", plant_left_out, ("unpaired",)),
)


# --- measuring ----------------------------------------------------------------------------

@dataclass
class Tally:
    """One source's counts: beads and findings untouched, plants made and caught, by kind."""

    beads: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    planted: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    caught_any: Counter[str] = field(default_factory=Counter)
    #: (source, finding, its bead) for every finding on untouched text
    seen: list[tuple[str, Finding, Unit]] = field(default_factory=list)
    #: (source, kind, the bead, the bead as planted) for every plant the check missed
    missed: list[tuple[str, str, Unit, Unit]] = field(default_factory=list)


def total(tallies: Iterable[Tally]) -> Tally:
    """The sources' counts added up."""
    out = Tally()
    for t in tallies:
        out.beads += t.beads
        for mine, theirs in ((out.findings, t.findings), (out.planted, t.planted),
                             (out.caught, t.caught), (out.caught_any, t.caught_any)):
            mine.update(theirs)
        out.seen += t.seen
        out.missed += t.missed
    return out


def plants_in(doc: str, units: list[Unit], plant: Plant, seed: int, per_doc: int | None
              ) -> list[tuple[int, list[Unit]]]:
    """Changed copies of the document (``per_doc`` at most), each with one plant in one bead."""
    document = " ".join(e for _, e in units if e)
    made = []
    for k, (zh, en) in enumerate(units):
        assert en is not None
        rng = random.Random(f"{seed}:{doc}:{plant.what}:{k}")
        changed = plant.plant(zh, en, rng, document)
        if changed is not None and changed != (zh, en):
            made.append((k, [*units[:k], changed, *units[k + 1:]]))
    random.Random(f"{seed}:{doc}:{plant.what}").shuffle(made)
    return made[:per_doc]


def caught(findings: tuple[Finding, ...], before: set[str], where: set[tuple[str, int]],
           checks: tuple[str, ...] | None) -> bool:
    return any(f.key not in before and (f.lang, f.para) in where
               and (checks is None or f.check in checks) for f in findings)


def measure(source: str, docs: list[Doc], seed: int, per_doc: int | None
            ) -> Tally:
    tally = Tally()
    for doc, units in docs:
        untouched = run_checks(entry(units))
        tally.beads += len(units)
        tally.findings.update(f.check for f in untouched)
        tally.seen += [(source, f, units[f.para]) for f in untouched if f.para is not None]
        before = {f.key for f in untouched}
        for plant in PLANTS:
            for k, changed in plants_in(doc, units, plant, seed, per_doc):
                found = run_checks(entry(changed))
                where = bead_paragraphs(changed, k)
                hit = caught(found, before, where, plant.expected)
                tally.planted[plant.what] += 1
                tally.caught[plant.what] += hit
                tally.caught_any[plant.what] += caught(found, before, where, None)
                if not hit:
                    tally.missed.append((source, plant.what, units[k], changed[k]))
    return tally


# --- the report ---------------------------------------------------------------------------

def false_findings_table(tallies: dict[str, Tally]) -> str:
    names = list(tallies)
    ids = list(CHECKS) + sorted({c for t in tallies.values() for c in t.findings} - set(CHECKS))
    rows = ["| check | severity | " + " | ".join(names) + " |",
            "|---|---|" + "---:|" * len(names),
            "| beads | | " + " | ".join(f"{t.beads:,}" for t in tallies.values()) + " |"]
    for check in ids:
        severity = CHECKS.get(check, ("?",))[0]
        rows.append(f"| {check} | {severity} | " + " | ".join(
            f"{100 * t.findings[check] / t.beads:.2f}" for t in tallies.values()) + " |")
    rows.append("| **all** | | " + " | ".join(
        f"**{100 * sum(t.findings.values()) / t.beads:.2f}**" for t in tallies.values()) + " |")
    return "\n".join(rows)


def recall_table(tallies: dict[str, Tally]) -> str:
    names = list(tallies)
    rows = ["| planted | should fire | " + " | ".join(f"{n}: caught / planted (any check)"
                                                     for n in names) + " |",
            "|---|---|" + "---:|" * len(names)]
    for plant in PLANTS:
        expected = ", ".join(c if c in CHECKS else f"{c} (not registered)" for c in plant.expected)
        rows.append(f"| {plant.what} | {expected} | " + " | ".join(
            _recall(t, plant.what) for t in tallies.values()) + " |")
    return "\n".join(rows)


def _recall(t: Tally, what: str) -> str:
    n = t.planted[what]
    if not n:
        return "none planted"
    hit, hit_any = t.caught[what], t.caught_any[what]
    return f"{hit / n:.2f} = {hit}/{n} ({hit_any / n:.2f})"


def examples(t: Tally, n: int, seed: int) -> str:
    """A seeded sample of findings on untouched text, with their bead, to judge by hand."""
    picked = random.Random(seed).sample(t.seen, min(n, len(t.seen)))
    return "\n".join(f"- [{source}] {f.check} {f.lang}{f.para}: {f.message}\n"
                     f"    zh: {zh[:160]}\n    en: {(en or '')[:200]}"
                     for source, f, (zh, en) in picked)


def misses(t: Tally, n: int, seed: int) -> str:
    """A seeded sample of each kind's missed plants: the bead before and as planted."""
    out = []
    for plant in PLANTS:
        mine = [m for m in t.missed if m[1] == plant.what]
        for source, what, (zh, en), (zh2, en2) in random.Random(seed).sample(
                mine, min(n, len(mine))):
            out.append(f"- [{source}] {what}\n    zh: {zh[:160]}\n    en: {(en or '')[:200]}")
            out += [f"    zh planted: {_change(zh, zh2)}"] if zh2 != zh else []
            out += [f"    en planted: {_change(en or '', en2 or '')}"] if en2 != en else []
    return "\n".join(out)


def _change(before: str, after: str, context: int = 30) -> str:
    """Where two texts differ: "...context [old -> new] context..."."""
    start = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
                 min(len(before), len(after)))
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    old, new = before[start:len(before) - end], after[start:len(after) - end]
    return (f"...{before[max(0, start - context):start]}[{old} -> {new}]"
            f"{before[len(before) - end:len(before) - end + context]}...")


def main(argv: list[str] | None = None) -> None:
    known = sources()
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--source", action="append", choices=sorted(known),
                   help="a source to measure (repeatable; default: all)")
    p.add_argument("--limit", type=int, help="at most this many documents per source")
    p.add_argument("--per-doc", type=int,
                   help="at most this many plants of each kind per document (default: in every "
                        "bead where the kind can be planted)")
    p.add_argument("--half", choices=("even", "odd"),
                   help="only the even-numbered (0, 2, ...) or the odd-numbered documents")
    p.add_argument("--examples", type=int, default=0,
                   help="print this many findings on untouched text, with their beads")
    p.add_argument("--misses", type=int, default=0,
                   help="print this many missed plants of each kind, before and as planted")
    args = p.parse_args(argv)
    started = time.perf_counter()
    tallies = {name: measure(name, known[name](args.limit, args.half), args.seed,
                             args.per_doc)
               for name in args.source or sorted(known)}
    every = total(list(tallies.values()))
    if len(tallies) > 1:
        tallies["all"] = every
    print(f"checks: {', '.join(CHECKS)}; seed {args.seed}; plants of each kind per document: "
          f"{args.per_doc or 'all'}; documents: {args.half or 'all'}; "
          f"{time.perf_counter() - started:.0f} s\n")
    print("False findings per 100 beads on the untouched translations (every finding counts):\n")
    print(false_findings_table(tallies))
    print("\nRecall on planted errors: the check that should fire, on the planted bead "
          "(in brackets: any check on that bead):\n")
    print(recall_table(tallies))
    if args.examples:
        print(f"\nFindings on untouched text, at most {args.examples} (seed {args.seed}):\n")
        print(examples(every, args.examples, args.seed))
    if args.misses:
        print(f"\nMissed plants, at most {args.misses} of each kind (seed {args.seed}):\n")
        print(misses(every, args.misses, args.seed))


if __name__ == "__main__":
    main()
