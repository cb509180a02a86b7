"""``bitext serve``: the app in a real browser, through textual-serve, read back from the page.

The browser is Debian's ``chromium`` (``.ci/run`` installs it), driven by
Playwright; Playwright's own browser downloads are never used. Without a
Chromium the browser test is skipped, saying so.

xterm.js draws the terminal on a canvas, so the app's text is not in the DOM.
The test reads it from the terminal's own buffer, the characters the page is
showing: a hook installed before textual-serve's script runs keeps the xterm
``Terminal`` that script creates (as ``this.terminal``), whose public buffer API
gives each row as text.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from store.api import Archive
from store.errors import NotFound
from tui.serve import HOST, ServeError, app_command, serve, url

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


@pytest.fixture
def served(sample_archive: Archive, tmp_path: Path) -> Iterator[str]:
    """``bitext serve`` on the sample archive, in its own process group; yields the URL."""
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "serve", "--port", str(port),
             "--db", str(sample_archive.path)],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_port(server, port, log)
        yield url(port)
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
def tab(chromium_path: str, served: str) -> Iterator[Page]:
    """A headless Chromium tab on the served app, allowed to reach only the server.

    The page asks Google for a web font; that request is refused, so the test
    needs no network and never waits for one.
    """
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 800})
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith(served) else route.abort())
            page.add_init_script(KEEP_TERMINAL)
            page.goto(served)
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
