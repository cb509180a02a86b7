"""The ``bitext`` command line: import bulletins, list, show, search, check and export.

Errors the user can fix print one line, ``bitext: <file>: <problem>``, on
stderr and exit with status 2; the archive is left as it was. Nothing here
imports Textual (an import-linter contract): the app loads only when it runs.
Nor does ``--help`` or ``--version`` import the library or Rich: they end inside
``parse_args``, before the command's module is imported (``tui.cli.parser``).
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.cli.parser import command, parser


def main(argv: Sequence[str] | None = None) -> int:
    """``bitext ARGS``: parsed first, then the command's module imported and run."""
    args = parser().parse_args(argv)
    run = command(args)
    from tui.cli.output import run_guarded  # noqa: PLC0415  (Rich and store.api: see above)

    return run_guarded(run, args)
