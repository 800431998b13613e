"""The HTTP server of ``aidlod serve``: the standard library's ``ThreadingHTTPServer``, so there is no web
framework to install, audit or keep up to date; this module holds its configuration, dispatch and start/stop.
"""

from __future__ import annotations

import logging
import re
import signal
import sys
import threading
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit

from . import ui
from .cache import ResultCache
from .config import Config
from .endpoint import SparqlAnswers
from .files import FileAnswers
from .published import PublishedSite
from .workers import WorkerPool

log = logging.getLogger("aidlod")

MAX_TARGET = 16_384        # characters of the request target (path and query string)


ALLOWED_HEADERS = ("Accept", "Accept-Language", "Content-Type")
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}")


def allowed_headers(requested: str | None) -> str:
    """``Access-Control-Allow-Headers``: the usual ones, and those a preflight asks for when each is a header
    name (at most 20; anything else in the list is left out, never echoed)."""
    names = list(ALLOWED_HEADERS)
    seen = {n.lower() for n in names}
    for name in (requested or "").split(",")[:20]:
        name = name.strip()
        if _HEADER_NAME.fullmatch(name) and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return ", ".join(names)


class Handler(FileAnswers, SparqlAnswers):
    """One request. Everything it answers has a Content-Length, so keep-alive connections work."""

    protocol_version = "HTTP/1.1"
    server_version = "aidlod"
    disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms delayed-ACK stall
    timeout = 30  # seconds a client may take to send its request (slow clients hold a thread)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:
        if not self.server.config.quiet:
            sys.stderr.write(f"aidlod serve: {self.address_string()} {format % args}\n")

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def __getattr__(self, name: str) -> Callable[[], None]:
        """Any method other than GET, HEAD, POST, OPTIONS: 405 (the standard handler would say 501)."""
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self.close_connection = True
        self.send_text(405, "Method Not Allowed", {"Allow": "GET, HEAD, POST, OPTIONS"})

    def do_OPTIONS(self) -> None:
        """CORS preflight: the data is open, any web page may read it (but only read it).

        ``Access-Control-Allow-Origin`` comes from ``end_headers``, once: sent here as well, a browser
        read the two as ``*, *`` and refused every cross-origin POST to ``/sparql``. The request headers
        a page asks to send are allowed when they are header names (a jQuery page's ``X-Requested-With``,
        ``Cache-Control``): no credentials are ever accepted, so any header is harmless."""
        self.send_response(204)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST")
        requested = self.headers.get("Access-Control-Request-Headers")
        self.send_header("Access-Control-Allow-Headers", allowed_headers(requested))
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        try:
            if len(self.path) > MAX_TARGET:
                self.send_text(414, f"URI Too Long: at most {MAX_TARGET} characters; send long queries by POST.")
                return
            url = urlsplit(self.path)
            rel = self.server.site.relative(url.path)
            if rel == "sparql":
                self.answer_sparql(url.query)
                return
            if self.command == "POST":
                self.send_text(405, "Method Not Allowed: only /sparql accepts POST.", {"Allow": "GET, HEAD"})
                return
            if rel is None:
                self.send_not_found()
                return
            if rel.startswith(ui.URL_PREFIX):
                self.answer_ui_file(rel[len(ui.URL_PREFIX):])
                return
            self.answer_static(rel, url.query)
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the client went away mid-answer
        except Exception:
            log.exception("error answering %s %s", self.command, self.path[:200])
            self.close_connection = True
            try:
                self.send_text(500, "Internal Server Error")
            except OSError:
                pass


class AidlodServer(ThreadingHTTPServer):
    """The HTTP server with its site and its pool of SPARQL workers."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], config: Config) -> None:
        self.config = config
        self.site = PublishedSite(config.site)
        self.pool = WorkerPool(self.site.root / "dumps" / "aidlod.nt", workers=config.workers,
                               timeout=config.query_timeout, max_rows=config.max_rows, site=self.site.root,
                               memory=config.worker_memory())
        self.cache = ResultCache(config.cache_bytes)
        try:
            super().__init__(address, Handler)
        except OSError:
            self.pool.close()
            raise

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


def make_server(config: Config, host: str = "127.0.0.1", port: int = 8000) -> AidlodServer:
    """A ready server (workers loaded, socket bound); call ``serve_forever`` and later ``shutdown``."""
    return AidlodServer((host, port), config)


def start_in_thread(config: Config, host: str = "127.0.0.1", port: int = 0) -> AidlodServer:
    """Start a server on a background thread (tests, benchmarks); stop it with ``stop``."""
    server = make_server(config, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(server: AidlodServer) -> None:
    server.shutdown()
    server.server_close()


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted (the ``aidlod serve`` command)."""
    server = make_server(config, host, port)
    memory = server.pool.memory  # what the workers were given (``Config.worker_memory``), not worked out again
    limits = f"{config.query_timeout:g} s" + (f" and {memory >> 20} MB" if memory else "")
    print(f"aidlod: serving {server.site.root} at {server.url}/ (SPARQL at {server.url}/sparql: {config.workers} "
          f"worker(s), {limits} a query); Ctrl-C stops", file=sys.stderr)

    def terminate(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # leave serve_forever so that the workers are stopped below

    signal.signal(signal.SIGTERM, terminate)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
