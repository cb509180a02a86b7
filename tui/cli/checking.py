"""``bitext check`` (the two languages compared) and ``check-archive`` (the file itself)."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.text import Text

from store.api import CHECKS
from tui.cli import check_report
from tui.cli.db import archive_of
from tui.cli.output import print_json, progress_bar
from tui.text.labels import counted, visible

#: Problems printed one by one; the count tells the rest.
_SHOWN_PROBLEMS = 50


def run_check_archive(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 0 when sound, 1 with a line per problem, 2 when the file cannot be read."""
    archive = archive_of(args)
    found, index = archive.check()
    where = visible(str(archive.path))
    for problem in found[:_SHOWN_PROBLEMS]:
        out.print(Text(f"{where}: {visible(problem)}"))
    if len(found) > _SHOWN_PROBLEMS:
        out.print(Text(f"{where}: … and {len(found) - _SHOWN_PROBLEMS:,} more"))
    unnamed = archive.unnamed_files()
    if unnamed:
        out.print(Text(f"{where}: note: {counted(len(unnamed), 'file')} of parts no manifest "
                       f"names (a killed write's, or dropped from the manifest): "
                       f"{', '.join(unnamed[:3])}{'…' if len(unnamed) > 3 else ''}", style="dim"))
    entries, sources = archive.count(), archive.source_count()
    verdict = counted(len(found), "problem") if found else "no problems"
    out.print(Text(f"{where}: {counted(entries, 'entry', 'entries')}, "
                   f"{counted(sources, 'source')} checked: {verdict}; {visible(str(index))}"))
    return 1 if found else 0


def run_check(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 1 while an error is not reviewed, else 0: warnings and names to review are
    listed but pass, so the command can gate a script on what is surely wrong."""
    if args.list:
        for check, (severity, meaning) in CHECKS.items():
            out.print(Text.assemble((f"{check:<16}", "bold"),
                                    (f"{severity:<8}", check_report.SEVERITY_STYLE[severity]),
                                    meaning))
        return 0
    archive = archive_of(args)
    if args.ids:
        entries = [archive.entry(i) for i in args.ids]
        findings = {e.id: archive.findings_of(e) for e in entries}
    else:
        with progress_bar(err) as step:
            findings = archive.check_all(step)
        # those checked: an import in another process may have added more since
        entries = [e for e in archive.entries() if e.id in findings]
    shown = {e.id: [r for r in check_report.report(archive, e, findings[e.id])
                    if args.all or args.json or not r.reviewed] for e in entries}
    found = [(e, r) for e in entries for r in shown[e.id]]
    if args.json:
        print_json([{"id": e.id, "findings": [r.to_dict() for r in shown[e.id]]}
                    for e in entries if shown[e.id]])
    elif not out.is_terminal:
        check_report.print_lines(found)
    else:
        for e in entries:
            if shown[e.id]:
                check_report.print_entry(out, e, shown[e.id])
        out.print(Text(check_report.summary(found, len(entries)), style="dim"))
    return 1 if any(not r.reviewed and r.finding.severity == "error" for _, r in found) else 0
