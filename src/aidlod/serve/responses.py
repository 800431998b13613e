"""What every answer of the server shares, in one base class so that the static files and the SPARQL
endpoint send bodies, plain-text errors and the 404 page the same way (always with a Content-Length).
"""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING

from ..writers import hosting

if TYPE_CHECKING:
    from .config import ServerState


class Responder(BaseHTTPRequestHandler):
    """The sending half of a request handler; ``server.Handler`` adds the dispatch."""

    server: ServerState  # type: ignore[assignment]

    def send_body(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_text(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self.send_body(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)

    def send_not_found(self) -> None:
        custom = self.server.site.file("404.html")
        body = custom.read_bytes() if custom is not None else hosting.NOT_FOUND_PAGE.encode()
        self.send_body(404, "text/html; charset=utf-8", body)


def first(params: dict[str, list[str]], name: str) -> str | None:
    """The first value of a query or form parameter, or None when it is absent."""
    values = params.get(name)
    return values[0] if values else None
