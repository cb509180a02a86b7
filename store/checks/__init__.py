"""Checks that compare the two languages of an entry and point at what differs.

Each check has an id, a severity and a one-line message per finding (see
``CHECKS``). They read an ``Entry`` and nothing else, so the same code runs at
import, on demand (``bitext check``) and after a hand edit of the alignment.
"""

from __future__ import annotations

from store.checks.coverage import coverage_findings
from store.checks.names import name_findings
from store.checks.numbers import number_findings
from store.checks.omission import omission_findings
from store.checks.recover import Reading, readings
from store.checks.undated import undated_findings
from store.model import LANGS, Entry, Finding

#: Bumped when a check changes what it finds: stored findings of an older
#: version are computed again.
CHECKS_VERSION = 6

#: id -> (severity, what it means): the table in the README and ``bitext check --list``.
CHECKS: dict[str, tuple[str, str]] = {
    "number": ("error", "a number in one language is missing from the other"),
    "date": ("error", "a date in one language is missing from the other"),
    "damage": ("error", "text lost before the file reached us (lost bytes, mojibake)"),
    "unpaired": ("warning", "a paragraph with no counterpart (a 1-0 or 0-1 bead)"),
    "paragraph-count": ("warning", "different paragraph counts, some paragraph unpaired"),
    "untranslated": ("warning", "Chinese characters left in the English"),
    "identical": ("warning", "a paragraph that is the same in both languages"),
    "name": ("review", "a name whose pinyin the other language lacks: often fine, worth a look"),
    "undated": ("warning", "an entry that leads with a date no year of its file fits"),
    "omission": ("review", "a sentence left out inside a paired bead, seen by its words, "
                           "the bead's length, its sentence and clause counts (a warning "
                           "when the evidence is strong)"),
}
__all__ = ["CHECKS", "CHECKS_VERSION", "Reading", "readings", "run_checks"]
_ORDER = {lang: i for i, lang in enumerate((None, *LANGS))}


def run_checks(entry: Entry) -> tuple[Finding, ...]:
    """Every finding of ``entry``, in reading order, each key once."""
    found = [*_damage_findings(entry), *coverage_findings(entry), *number_findings(entry),
             *name_findings(entry), *omission_findings(entry), *undated_findings(entry)]
    unique = {f.key: f for f in reversed(found)}
    return tuple(sorted(unique.values(), key=lambda f: (
        f.para is not None, _ORDER[f.lang], f.para or 0, f.span or (0, 0), f.check)))


def _damage_findings(entry: Entry) -> list[Finding]:
    return [Finding("damage", "error", lang, i, d.span, d.text,
                    f"text lost before import ({d.kind}): {d.text!r}")
            for lang in LANGS for i, p in enumerate(entry.paragraphs(lang)) for d in p.damage]
