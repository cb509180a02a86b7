"""``bitext serve``: the reader app in a browser, through textual-serve, on this machine only.

textual-serve is a small web server that starts a command once per browser tab
and relays its screen to xterm.js in the page. The command is this very
``bitext`` (the same Python, the same archive), so the browser shows the app a
terminal would, with nothing written twice.

The server listens on localhost only: the app reads and edits the archive with
the rights of whoever started it, and anyone who can drive it is that user.
Being on this machine is not enough either: any web page the user opens can
send requests to localhost. So each start makes a new random token and prints
the address to open with it, ``http://localhost:PORT/?token=…`` (as Jupyter
does); without it, from another site (``Origin``) or under another name
(``Host``, DNS rebinding), every request but the page's static files gets 403.
The guard is in ``tui.serve.guard``. To share the app, put an authenticating
proxy in front; that is not our job.
"""

from __future__ import annotations

import secrets
import shlex
import sys
from pathlib import Path

from store.errors import BitextError, NotFound

#: Only this machine: see the module's docstring.
HOST = "localhost"
DEFAULT_PORT = 8000


class ServeError(BitextError):
    """The server cannot start as asked (a bad or busy port)."""


def app_command(archive: Path) -> str:
    """The shell command textual-serve runs for each browser tab.

    ``sys.executable -m tui.cli`` rather than ``bitext``: the app served is the
    one installed beside the server, whatever is first on PATH. textual-serve
    hands the command to a shell, so every word is quoted; the path is made
    absolute so the app opens the same file wherever the shell starts.
    """
    return shlex.join([sys.executable, "-m", "tui.cli", "open", str(archive.absolute())])


def archive_to_serve(archive: Path | None) -> Path:
    """The archive file every tab will open, checked before the server starts.

    A missing file fails here, once, on the command line, instead of as a
    dead session in each tab; the default archive is seeded with the sample
    now, so two first tabs do not race to create it.
    """
    if archive is None:
        # store.api loads here, not above: `bitext serve --help` reads DEFAULT_PORT only.
        from store.api import Archive  # noqa: PLC0415

        return Archive.open_default(seed=True).path
    if not archive.exists():
        raise NotFound(f"{archive}: no archive here (create one with `bitext import FILE "
                       f"--db {archive}`)")
    return archive


def url(port: int, token: str | None = None) -> str:
    """The server's address; with ``token``, the page to open (``/?token=…``).

    textual-serve builds its websocket address from the same host and port.
    """
    if token is None:
        return f"http://{HOST}:{port}"
    return f"http://{HOST}:{port}/?token={token}"


def serve(archive: Path | None = None, *, port: int = DEFAULT_PORT) -> None:
    """Serve the app on ``archive`` (None: the default one) at http://localhost:PORT.

    Prints the address to open, with a token made now: a new one at each start,
    so an address seen once (in a shell history, a browser's) opens nothing
    after a restart. Runs until interrupted (Ctrl+C or SIGTERM, which
    textual-serve turns into a clean shutdown). A bad or busy port raises
    ServeError, which the command line prints as one line.
    """
    if not 0 < port < 65536:
        raise ServeError(f"--port {port}: give a port from 1 to 65535")
    path = archive_to_serve(archive)
    # textual-serve pulls in aiohttp: loaded only when serving, not for every `bitext`.
    from tui.serve.guard import GuardedServer  # noqa: PLC0415

    token = secrets.token_urlsafe(32)
    server = GuardedServer(app_command(path), token=token, host=HOST, port=port,
                           title=f"bitext · {path.name}")
    print(f"bitext: serving {path} at {url(port, token)} (Ctrl+C to stop)", flush=True)
    try:
        server.serve()
    except OSError as e:  # the port is taken, or not ours to bind
        raise ServeError(f"{url(port)}: {e.strerror or e}") from e
