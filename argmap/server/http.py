"""The local HTTP server: a handful of routes on 127.0.0.1, nothing served from request paths.

A page on another site can make a browser send requests to 127.0.0.1 too, so every request is
checked: its ``Host`` must be this server's own (a DNS-rebinding page would send its own name),
every request that changes the map must carry this page's ``Origin`` and the session's random
token (which only the served page holds) in a header, and the event stream takes the token as a
query parameter (EventSource cannot set headers). Routes::

    GET  /                      the page (with the token), or /index.html
    GET  /events?token=T        server-sent events: the current state, then every new version
    GET  /state?token=T         the current state as JSON (version, digest, ok, errors)
    POST /edit  /undo  /redo    serve mode only: {op, args, base} -> the new state, or an error
"""

from __future__ import annotations

import hmac
import json
import socket
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .editing import Editor, EditRefused
from .session import Session

HOST = "127.0.0.1"
MAX_BODY = 1 << 20
#: how long one event-stream wait lasts before a keep-alive comment (and a look at shutdown)
EVENT_WAIT = 1.0
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data: blob:; font-src data:; connect-src 'self'; form-action 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")


class LocalServer(ThreadingHTTPServer):
    """A threading server bound to 127.0.0.1 that knows its session (and editor, in serve mode)."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, session: Session, port: int = 0) -> None:
        self.session = session
        self.editor = Editor(session) if session.mode == "serve" else None
        super().__init__((HOST, port), Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def server_bind(self) -> None:
        # no SO_REUSEADDR games: a port in use is an error, not a shared socket
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 0)
        super().server_bind()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A page closed or reloaded mid-request is normal here, not worth a traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def allowed_hosts(self) -> set[str]:
        return {f"{HOST}:{self.port}", f"localhost:{self.port}"}

    def allowed_origins(self) -> set[str]:
        return {f"http://{host}" for host in self.allowed_hosts()}


class Handler(BaseHTTPRequestHandler):
    server: LocalServer
    protocol_version = "HTTP/1.1"
    server_version = "argmap"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """Quiet: the terminal shows what changed, not every request."""

    # -- checks ---------------------------------------------------------------------------------
    def _host_ok(self) -> bool:
        return (self.headers.get("Host") or "").lower() in self.server.allowed_hosts()

    def _token_ok(self, token: str | None) -> bool:
        return token is not None and hmac.compare_digest(token.encode(), self.server.session.token.encode())

    def _query_token(self) -> str | None:
        values = parse_qs(urlsplit(self.path).query).get("token")
        return values[0] if values else None

    # -- responses ------------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", CSP)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value: Any) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _refuse(self, status: int, code: str, message: str) -> None:
        self._json(status, {"code": code, "message": message, "diagnostics": []})

    # -- routes ---------------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if not self._host_ok():
            self._refuse(403, "forbidden", "wrong Host: open the page at 127.0.0.1 or localhost")
            return
        route = urlsplit(self.path).path
        if route in ("/", "/index.html"):
            with self.server.session.lock:
                page = self.server.session.page
            self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")
        elif route in ("/events", "/state"):
            if not self._token_ok(self._query_token()):
                self._refuse(403, "forbidden", "missing or wrong token")
            elif route == "/state":
                self._json(200, self.server.session.version.state())
            else:
                self._events()
        else:
            self._refuse(404, "not-found", "no such page")

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            self._refuse(403, "forbidden", "wrong Host: open the page at 127.0.0.1 or localhost")
            return
        if self.headers.get("Origin") not in self.server.allowed_origins():
            self._refuse(403, "forbidden", "edits are accepted only from the page this server serves")
            return
        if not self._token_ok(self.headers.get("X-Argmap-Token")):
            self._refuse(403, "forbidden", "missing or wrong token")
            return
        route = urlsplit(self.path).path
        editor = self.server.editor
        if editor is None or route not in ("/edit", "/undo", "/redo"):
            self._refuse(404, "not-found", "no such action" if editor else "this server does not edit")
            return
        try:
            body = self._body()
            if route == "/edit":
                result = editor.apply(body.get("op"), body.get("args"), body.get("base"))
            elif route == "/undo":
                result = editor.undo(body.get("base"))
            else:
                result = editor.redo(body.get("base"))
        except EditRefused as exc:
            self._json(exc.status, exc.to_dict())
            return
        self._json(200, result)

    def _body(self) -> dict[str, Any]:
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            raise EditRefused("bad-request", "send JSON", status=415)
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            raise EditRefused("bad-request", "the request body is missing or too large", status=413)
        try:
            body = json.loads(self.rfile.read(length))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise EditRefused("bad-request", "the request body is not JSON", status=400) from None
        if not isinstance(body, dict):
            raise EditRefused("bad-request", "the request body must be a JSON object", status=400)
        return body

    def _events(self) -> None:
        """The state now, then each new version, until the page goes away or the server stops."""
        session = self.server.session
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.close_connection = True
        seen = -1
        try:
            while not session.closed:
                version = session.wait(seen, EVENT_WAIT)
                if version.number > seen:
                    seen = version.number
                    payload = json.dumps(version.state(), ensure_ascii=False)
                    self.wfile.write(f"event: version\ndata: {payload}\n\n".encode())
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
