"""How every command writes: a console that ends quietly on a closed pipe, errors as
one line, a progress bar only a terminal sees, JSON a terminal cannot be steered by,
tab-separated fields.

Imported by ``main`` only once a command is parsed (Rich's console, orjson and
``store.api`` are 0.35 s that ``--help`` and ``--version`` do without).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
from rich.console import Console
from rich.progress import Progress as RichProgress
from rich.text import Text

from store.api import INDEXING, Progress
from store.errors import BitextError
from tui.text.labels import json_escaped, visible

#: The exit status of an error the user can fix (bad input, no such entry).
EXIT_USER_ERROR = 2


def drop_output() -> None:
    """Standard output to /dev/null, so the interpreter's last flush cannot fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class PipeAwareConsole(Console):
    """Rich's console, but a closed pipe ends the command as bitext's own writes do
    (exit 141, ``run_guarded``); Rich's own handler exits 1, which reads as a failure."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def run_guarded(run: Callable[..., int], args: argparse.Namespace) -> int:
    """Run one parsed command; its exit status, or the status of the error that ended it."""
    out = PipeAwareConsole(highlight=False, soft_wrap=True)
    err = PipeAwareConsole(stderr=True, highlight=False, soft_wrap=True)
    try:
        return run(args, out, err)
    except BitextError as e:
        err.print(Text(f"bitext: {visible(str(e))}"))
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `bitext list | head -1`: the reader left; end quietly
        drop_output()
        return 141
    except OSError as e:  # `bitext export > /dev/full`: a disk full under the output
        drop_output()
        err.print(Text(f"bitext: {visible(str(e.filename or 'standard output'))}: "
                       f"{e.strerror or e}"))
        return EXIT_USER_ERROR


@contextlib.contextmanager
def progress_bar(err: Console, *, quiet: bool = False) -> Iterator[Progress]:
    """One bar on stderr that long work moves (files, the index, an export); none when
    quiet or when stderr is not a terminal, so scripts and pipes stay clean."""
    with RichProgress(console=err, transient=True,
                      disable=quiet or not err.is_terminal) as bar:
        task = bar.add_task("", total=None)

        def step(what: str, done: int, total: int) -> None:
            label = what if what in (INDEXING, "exporting", "checking") else visible(
                Path(what).name)
            bar.update(task, description=label, completed=done, total=total)

        yield step


def field(text: str) -> str:
    """A TSV field: tabs and line breaks would split the row."""
    return visible(text).replace("\t", " ").replace("\n", " ")


def print_json(data: object) -> None:
    """JSON with what a terminal would obey or hide written as ``\\u`` escapes.

    orjson escapes C0 controls but writes C1 controls (U+009B is CSI), bidi
    controls and zero-width characters as they are; escaped, the JSON holds
    the same strings and a terminal showing it obeys none of them.
    """
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    sys.stdout.buffer.write(json_escaped(text).encode() + b"\n")
    sys.stdout.flush()
