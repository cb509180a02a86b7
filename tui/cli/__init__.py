"""The ``bitext`` command line: import bulletins, list, show, search, check and export.

Errors the user can fix print one line, ``bitext: <file>: <problem>``, on
stderr and exit with status 2; the archive is left as it was. Nothing here
imports Textual (an import-linter contract): the app loads only when it runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from store.errors import BitextError
from tui.cli.output import EXIT_USER_ERROR, PipeAwareConsole, drop_output
from tui.cli.parser import parser
from tui.text.labels import visible


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit status, or the status of the error that ended it."""
    args = parser().parse_args(argv)
    out = PipeAwareConsole(highlight=False, soft_wrap=True)
    err = PipeAwareConsole(stderr=True, highlight=False, soft_wrap=True)
    try:
        return args.run(args, out, err)
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

