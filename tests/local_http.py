"""A local HTTP server on 127.0.0.1 (random port) serving configurable routes, for tests.

Usable from any test folder::

    from tests.local_http import LocalHTTPServer, Route

    with LocalHTTPServer() as server:
        server.add("/page", Route(body="<html>...</html>", content_type="text/html"))
        url = server.url("/page")

Built-in routes cover what fetchers must survive: ``/slow`` (answers after ``slow_seconds``),
``/missing`` (404), ``/loop`` (a redirect loop), ``/big`` (an endless-looking body with no
Content-Length), ``/binary`` (an image content type). Routes may set an ETag: a request whose
If-None-Match matches gets 304. Every request is logged in ``server.requests``.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass
class Route:
    """What one path answers. ``body`` may be a callable producing chunks (streamed)."""

    body: bytes | str | Callable[[], Iterator[bytes]] = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class RequestRecord:
    path: str
    headers: dict[str, str]


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up early (timeouts, size caps) are expected, not errors to print."""

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class LocalHTTPServer:
    """Threaded server; ``start``/``stop`` or use as a context manager."""

    def __init__(self, slow_seconds: float = 5.0) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[RequestRecord] = []
        self._release = threading.Event()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._add_defaults(slow_seconds)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, route: Route) -> str:
        """Serve ``route`` at ``path``; returns its full URL."""
        self.routes[path] = route
        return self.url(path)

    def start(self) -> LocalHTTPServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()  # wake handlers sleeping in slow routes
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LocalHTTPServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _add_defaults(self, slow_seconds: float) -> None:
        self.add("/slow", Route(body="<p>finally</p>", delay=slow_seconds))
        self.add("/missing", Route(body="not here", status=404, content_type="text/plain"))
        self.add("/loop", Route(status=302, headers={"Location": "/loop-back"}))
        self.add("/loop-back", Route(status=302, headers={"Location": "/loop"}))

        def endless() -> Iterator[bytes]:
            chunk = b"<p>" + b"x" * 65_530 + b"</p>\n"
            for _ in range(2_000):  # ~130 MB if nobody stops reading
                yield chunk

        self.add("/big", Route(body=endless))
        self.add("/binary", Route(body=b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png"))

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
                return

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                path = self.path.split("?", 1)[0]
                server.requests.append(RequestRecord(self.path, dict(self.headers.items())))
                route = server.routes.get(path)
                if route is None:
                    route = Route(body="no such route", status=404, content_type="text/plain")
                if route.delay and server._release.wait(route.delay):
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if callable(route.body):
                    self.send_header("Connection", "close")
                    self.end_headers()
                    try:
                        for chunk in route.body():
                            self.wfile.write(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        return
                    return
                body = route.body.encode("utf-8") if isinstance(route.body, str) else route.body
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return

        return Handler
