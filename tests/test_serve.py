"""``bitext serve``: the app in a real browser, through textual-serve, read back from the page.

The browser is Debian's ``chromium`` (``.ci/run`` installs it), driven by
Playwright; Playwright's own browser downloads are never used. Without a
Chromium the browser test is skipped, saying so.

xterm.js draws the terminal on a canvas, so the app's text is not in the DOM.
The test reads it from the terminal's own buffer, the characters the page is
showing: a hook installed before textual-serve's script runs keeps the xterm
``Terminal`` that script creates (as ``this.terminal``), whose public buffer API
gives each row as text.

The server lets in only the browser of whoever read the address it printed
(``tui.serve.guard``): the tests without a browser send it raw requests, as a
page from elsewhere or a DNS-rebinding name would, and read the status.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from store.api import Archive
from store.errors import NotFound
from tui.serve import HOST, ServeError, app_command, serve, url
from tui.serve.guard import cookie_name

#: Seconds for the server to listen, and for the app to draw its first screen.
STARTUP = 20.0

#: Runs before any script of the page: keeps the xterm Terminal when textual.js assigns it.
KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, enumerable: true,
                                             configurable: true});
    if (value && value.buffer && value.loadAddon) {
      window.__terminals = [...(window.__terminals || []), value];
    }
  },
});
"""

#: The rows on screen of every terminal in the page, as text.
SCREEN_TEXT = """() => (window.__terminals || []).map(term => {
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}).join("\\n")"""


def chromium() -> str | None:
    """Debian's Chromium (``chromium``; ``chromium-browser`` elsewhere), if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_for_port(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    """Until the server listens; a server that exits first fails with its output."""
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"bitext serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection((HOST, port), timeout=0.5).close()
        except OSError:
            time.sleep(0.1)
        else:
            return
    pytest.fail(f"bitext serve did not listen on port {port} in {STARTUP:.0f}s:\n"
                f"{log.read_text()}")


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM (textual-serve quits its apps), then SIGKILL to whatever is left of the group."""
    if server.poll() is None:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError):  # the app processes, should any outlive it
        os.killpg(server.pid, signal.SIGKILL)
    server.wait()


@dataclass(frozen=True)
class Served:
    """A running ``bitext serve``: its port, and the address it printed (with the token)."""

    port: int
    address: str

    @property
    def token(self) -> str:
        return self.address.split("?token=", 1)[1]


def printed_address(log: Path, port: int) -> str:
    """The address to open, as ``bitext serve`` printed it (before it listens)."""
    found = re.search(rf"http://localhost:{port}/\?token=[\w-]+", log.read_text())
    if found is None:
        pytest.fail(f"bitext serve printed no address with a token:\n{log.read_text()}")
    return found[0]


@pytest.fixture
def served(sample_archive: Archive, tmp_path: Path) -> Iterator[Served]:
    """``bitext serve`` on the sample archive, in its own process group."""
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "serve", "--port", str(port),
             "--db", str(sample_archive.path)],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_port(server, port, log)
        yield Served(port, printed_address(log, port))
    finally:
        stop(server)


@pytest.fixture
def chromium_path() -> str:
    """Debian's Chromium, or a skip saying how to get it (before any server starts)."""
    executable = chromium()
    if executable is None:
        pytest.skip("no Chromium: install Debian's chromium package (.ci/run does)")
    return executable


@pytest.fixture
def tab(chromium_path: str, served: Served) -> Iterator[Page]:
    """A headless Chromium tab on the address printed, allowed to reach only the server.

    Any request elsewhere is refused and kept in ``page.refused`` (textual-serve's own
    page asked Google for a web font; ours asks nothing outside). The page's WebSocket
    gets in with the cookie the page sets: the browser test is the guard's test too.
    """
    origin = url(served.port) + "/"
    refused: list[str] = []

    def only_the_server(route: Route) -> None:
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 800})
            page.route("**/*", only_the_server)
            page.add_init_script(KEEP_TERMINAL)
            page.refused = refused  # type: ignore[attr-defined]
            page.goto(served.address)
            yield page
        finally:
            browser.close()


def screen_with(page: Page, text: str, timeout: float = STARTUP) -> str:
    """The terminal's screen once it shows ``text``; else the screen as it was, to fail with."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"text => ({SCREEN_TEXT})().includes(text)", arg=text,
                               timeout=timeout * 1000)
    return page.evaluate(SCREEN_TEXT)


def test_the_browser_shows_the_app_on_the_archive(tab: Page) -> None:
    screen = screen_with(tab, "Entries (8)")
    assert "Entries (8)" in screen, screen
    assert "中國—東盟中心" in screen, screen  # the newest entry's title, in the list
    assert "Entries (9)" not in screen  # the reading can fail: what is not shown is not found


def test_the_page_asks_nothing_of_the_internet(tab: Page) -> None:
    """Offline, a page that fetched a web font waited for it and failed."""
    screen_with(tab, "Entries (8)")
    assert tab.refused == []  # type: ignore[attr-defined]


# -- who gets in: raw requests to the real server --------------------------------

#: The headers of a WebSocket upgrade (the key is any 16 bytes, base64).
UPGRADE = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": base64.b64encode(b"bitext serve tst").decode()}


def get(served: Served, path: str, **headers: str) -> tuple[int, http.client.HTTPMessage, str]:
    """GET ``path`` as a same-origin browser would (Host localhost:PORT), give or take ``headers``.

    Returns the status, the headers and the body; a 101 (a WebSocket opened)
    has no body to wait for, and closing the connection ends the app's session.
    """
    connection = http.client.HTTPConnection(HOST, served.port, timeout=STARTUP)
    try:
        connection.request("GET", path, headers={"Host": f"localhost:{served.port}", **headers})
        response = connection.getresponse()
        body = "" if response.status == 101 else response.read().decode()
        return response.status, response.headers, body
    finally:
        connection.close()


def page(served: Served, token: str | None = None, **headers: str) -> tuple[int, str]:
    """The page, with ``?token=`` (the right one unless told), and its status and body."""
    status, _, body = get(served, f"/?token={token or served.token}", **headers)
    return status, body


def websocket(served: Served, token: str | None = None, **headers: str) -> int:
    """The status of a WebSocket upgrade holding the cookie (the right token unless told)."""
    cookie = f"{cookie_name(served.port)}={token or served.token}"
    return get(served, "/ws", **UPGRADE, Cookie=cookie, **headers)[0]


def test_the_right_token_host_and_origin_open_the_page_and_the_websocket(
        served: Served) -> None:
    origin = url(served.port)
    assert len(served.token) == 43  # secrets.token_urlsafe(32): 256 random bits
    status, headers, body = get(served, f"/?token={served.token}")
    assert status == 200, body
    assert "data-session-websocket-url" in body  # textual-serve's page, not an error
    cookie = headers["Set-Cookie"]
    assert cookie.startswith(f"{cookie_name(served.port)}={served.token};"), cookie
    assert "HttpOnly" in cookie, cookie
    assert "SameSite=Strict" in cookie, cookie
    assert websocket(served, Origin=origin) == 101
    # Once the cookie is set, a reload needs no token in the address.
    assert get(served, "/", Cookie=cookie.split(";")[0])[0] == 200
    # The page's own JS and CSS stay open: they hold nothing of the app.
    assert get(served, "/static/js/textual.js")[0] == 200


def test_no_token_or_a_wrong_one_gets_403_for_the_page_and_the_websocket(
        served: Served) -> None:
    origin = url(served.port)
    wrong = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    status, _, body = get(served, "/")
    assert (status, body) == (403, "403 Forbidden: open the address `bitext serve` printed, "
                                   "token included\n")
    assert page(served, token=wrong)[0] == 403
    assert page(served, token="%C3%A9%FF")[0] == 403  # not even UTF-8: refused, no server error
    assert get(served, "/ws", **UPGRADE, Origin=origin)[0] == 403
    assert websocket(served, token=wrong, Origin=origin) == 403
    assert get(served, f"/ws?token={wrong}", **UPGRADE, Origin=origin)[0] == 403
    assert get(served, "/download/any")[0] == 403  # the app's downloads are the app's too
    assert websocket(served, Origin=origin) == 101  # what was refused was the token alone


def test_a_page_from_another_origin_gets_403(served: Served) -> None:
    for foreign in ("http://evil.example", "null", f"http://127.0.0.1:{served.port + 1}",
                    f"https://localhost:{served.port}"):
        assert page(served, Origin=foreign) == (
            403, "403 Forbidden: requests from other sites are refused\n"), foreign
        assert websocket(served, Origin=foreign) == 403, foreign
    assert websocket(served) == 403  # an upgrade must say where it comes from
    assert page(served, Origin=url(served.port))[0] == 200  # what was refused was the Origin


def test_a_foreign_host_gets_403_against_dns_rebinding(served: Served) -> None:
    origin = url(served.port)
    for host in ("evil.example", f"evil.example:{served.port}", f"localhost:{served.port + 1}",
                 "localhost"):
        assert page(served, Host=host) == (
            403, "403 Forbidden: this server answers to localhost only\n"), host
        # The rebound page's WebSocket: same-origin for the browser, so Origin = Host.
        assert websocket(served, Host=host, Origin=f"http://{host}") == 403, host
    assert websocket(served, Host=f"localhost:{served.port}", Origin=origin) == 101


def test_the_page_on_127_0_0_1_moves_to_localhost_where_its_websocket_goes(
        served: Served) -> None:
    status, headers, _ = get(served, f"/?token={served.token}", Host=f"127.0.0.1:{served.port}")
    assert (status, headers["Location"]) == (307, served.address)
    assert websocket(served, Host=f"[::1]:{served.port}", Origin=f"http://[::1]:{served.port}") \
        == 101


# -- without a browser ---------------------------------------------------------


def test_each_tab_runs_this_python_on_the_archive_quoted_for_the_shell(tmp_path: Path) -> None:
    archive = tmp_path / "my archive's; $HOME.json"
    assert shlex.split(app_command(archive)) == [sys.executable, "-m", "tui.cli", "open",
                                                 str(archive)]


def test_a_missing_archive_fails_before_serving(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no archive here"):
        serve(tmp_path / "nothing.json", port=free_port())


def test_a_port_out_of_range_fails_before_serving(sample_archive: Archive) -> None:
    with pytest.raises(ServeError, match="--port 70000"):
        serve(sample_archive.path, port=70000)


def test_a_busy_port_fails_in_one_line(sample_archive: Archive) -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "tui.cli", "serve", "--port", str(port),
                               "--db", str(sample_archive.path)],
                              capture_output=True, text=True, timeout=STARTUP, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"bitext: http://localhost:{port}: "), done.stderr
    assert "Traceback" not in done.stderr
