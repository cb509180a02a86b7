"""Who ``bitext serve`` answers: the browser of whoever read the address it printed.

textual-serve answers anyone who reaches its port, and what it serves is the app
itself: the page shows it and its WebSocket drives it (keys, hence any command:
Ctrl+P, export as CSV over any file). Listening on localhost is not enough. Any
web page the user opens can make the browser send requests to 127.0.0.1 (the
same-origin policy does not stop a cross-origin WebSocket), and a DNS-rebinding
name (evil.example, made to resolve to 127.0.0.1) makes such a page same-origin
with the port. So an aiohttp middleware, in front of all of textual-serve's
routes, lets a request through only if:

- its ``Host`` is the address we listen on (localhost, 127.0.0.1 or [::1], with
  our port): a rebound name is refused;
- its ``Origin``, if any, is that same address; a WebSocket upgrade must have
  one (browsers always send it), so a page from elsewhere cannot open one;
- it holds this run's token (printed in the address, as Jupyter does): being
  on this machine is not enough, one must have read the terminal. Only the
  static files skip it: textual-serve's own JS, CSS and fonts, the same for
  everyone, which neither show nor drive the app.

Anything else gets 403 with one line of plain text.

The token reaches the WebSocket in a cookie: the page, opened at ``/?token=…``,
answers with an HttpOnly, SameSite=Strict cookie holding it, which the browser
sends back on the upgrade (and on a reload, and on the app's downloads). Not
in the WebSocket's address: textual.js builds it as ``url + "?width=…"``, so a
``?token=`` there would be mangled into ``?token=X?width=80``, and fixing that
means rewriting textual-serve's template or script, which its next release can
undo. The cookie depends on the browser only. HttpOnly: no script can read it.
SameSite=Strict: no other site's page makes the browser send it; pages on other
localhost ports are the same "site", but the Origin check refuses them. Cookies
ignore ports, so the cookie's name holds the port: two servers keep apart.

The hook is ``Server._make_app``, the one place textual-serve builds its
``web.Application`` (unchanged since textual-serve 1.0; ``pyproject.toml`` pins
``<2``): the middleware is added to the application it returns, so every route,
present or added later, passes through it.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

#: The query parameter of the printed address that holds the token.
TOKEN_PARAM = "token"

#: The names this machine has for itself; with the port, the only Hosts answered.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def allowed_hosts(port: int) -> frozenset[str]:
    """The ``Host`` headers of requests meant for us; a rebound name is not one of them."""
    return frozenset(f"{name}:{port}" for name in LOOPBACK_NAMES)


def cookie_name(port: int) -> str:
    """Per port: browsers share localhost's cookies between all its ports."""
    return f"bitext-serve-{port}"


def same_token(given: str | None, token: str) -> bool:
    """Compared in constant time, so the time taken tells a guesser nothing.

    As bytes: ``compare_digest`` refuses non-ASCII strings, and a request may
    hold anything (an undecodable character becomes "?", never a token's).
    """
    return given is not None and hmac.compare_digest(
        given.encode("utf-8", "replace"), token.encode())


def presented_token(request: web.Request, port: int) -> str | None:
    """The token in the address (the first page), else in the cookie (everything after)."""
    return request.query.get(TOKEN_PARAM) or request.cookies.get(cookie_name(port))


def is_websocket(request: web.Request) -> bool:
    """A WebSocket upgrade: what drives the app, and what browsers open cross-origin."""
    return request.headers.get("Upgrade", "").lower() == "websocket"


def is_static(request: web.Request) -> bool:
    """Routed to textual-serve's static files: open to all, they hold nothing of the app.

    By the route matched, not by the path, so ``/static/../ws`` cannot pass for one.
    """
    return isinstance(request.match_info.route.resource, web.StaticResource)


def refusal(request: web.Request, port: int, token: str) -> str | None:
    """Why ``request`` is refused (one line for the 403), or None to let it through."""
    host = request.headers.get("Host", "").lower()
    if host not in allowed_hosts(port):
        return "this server answers to localhost only"
    origin = request.headers.get("Origin")
    if origin is None and is_websocket(request):
        return "a WebSocket needs an Origin"
    if origin is not None and origin.lower() != f"http://{host}":
        return "requests from other sites are refused"
    if not is_static(request) and not same_token(presented_token(request, port), token):
        return "open the address `bitext serve` printed, token included"
    return None


#: Our page: textual-serve's, without the web font it fetched from the internet.
_TEMPLATES = Path(__file__).parent / "templates"


class GuardedServer(Server):
    """textual-serve's server, answering only requests that pass :func:`refusal`."""

    def __init__(self, command: str, *, token: str, host: str, port: int, title: str) -> None:
        super().__init__(command, host=host, port=port, title=title,
                         templates_path=_TEMPLATES)
        self.token = token

    async def _make_app(self) -> web.Application:
        """textual-serve's application, with the guard first in front of every route."""
        app = await super()._make_app()
        app.middlewares.insert(0, self.guard)
        return app

    @web.middleware  # aiohttp 3 calls an unmarked middleware the old, other way
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """403 for a refused request; the page also moves to localhost and sets the cookie."""
        reason = refusal(request, self.port, self.token)
        if reason is not None:
            return web.Response(status=403, text=f"403 Forbidden: {reason}\n")
        if request.path != "/":
            return await handler(request)
        if f"http://{request.host.lower()}" != self.public_url:
            # The page's WebSocket goes to public_url (localhost): a page on 127.0.0.1
            # would open it cross-origin, without its cookie. Same page, on localhost.
            raise web.HTTPTemporaryRedirect(f"{self.public_url}{request.path_qs}")
        response = await handler(request)
        response.set_cookie(cookie_name(self.port), self.token, path="/", httponly=True,
                            samesite="Strict")
        return response

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: textual-serve would print its address without the token, which gets 403."""
