"""``bitext`` and ``bitext open`` start the reader app; ``bitext serve`` shows it in a browser."""

from __future__ import annotations

import argparse
import os
import sys

from rich.console import Console

from store.errors import NotFound
from tui.cli.reading import run_list
from tui.serve import serve


def run_app(args: argparse.Namespace, out: Console, err: Console) -> int:
    """The reader app; with output that is not a terminal (nor a browser), the list instead."""
    path = getattr(args, "path", None) or getattr(args, "db", None)
    if path is not None:
        args.db = path
    if not (_served() or (sys.stdout.isatty() and sys.stdin.isatty())):
        return run_list(args, out, err)
    if path is not None and not path.exists():
        raise NotFound(f"{path}: no archive here (create one with `bitext import FILE "
                       f"--db {path}`)")
    from tui.app import make_app  # noqa: PLC0415  (Textual loads only when the app runs)

    make_app(path, fresh=args.fresh).run()
    return 0


def _served() -> bool:
    """Run by textual-serve for ``bitext serve``: pipes, not a terminal, yet a screen.

    textual-serve asks for Textual's web driver in ``TEXTUAL_DRIVER``; printing the
    list there instead would leave the browser tab empty.
    """
    return "TEXTUAL_DRIVER" in os.environ


def run_serve(args: argparse.Namespace, out: Console, err: Console) -> int:
    """The reader app in a browser at http://localhost:PORT, until Ctrl+C."""
    serve(getattr(args, "db", None), port=args.port)
    return 0
