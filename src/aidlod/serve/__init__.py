"""``aidlod serve``: the built site on loopback, with content negotiation and a SPARQL endpoint.

The server is the standard library's ``ThreadingHTTPServer``: no web framework to install, audit or
keep up to date, and the static part is a few hundred lines that mirror what the generated nginx
configuration does (see ``hosting``). It is meant for previewing a build and for small deployments
behind a reverse proxy; the limits below keep it safe on a public port all the same.

A document path (``/project/x``, the thing ``/project/x#id``) answers HTML in nb or en, Turtle,
JSON-LD, N-Triples or RDF/XML, whichever of ``{path}.{lang}.html``, ``{path}.ttl``, ``.jsonld``,
``.nt``, ``.rdf`` the build wrote; a path with an extension is that file. The dataset's base IRI
path (``/aidlod/`` for ``https://w3id.org/aidlod/``) is accepted as a prefix, so IRIs copied from the
data work once their host is replaced by the local server's.
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import logging
import re
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..iris import VOCAB_BASE
from ..queries import examples
from ..writers import hosting
from . import conneg, sparql

log = logging.getLogger("aidlod")

# Document variants, in the server's order of preference when the client likes several equally.
RDF_VARIANTS = {
    "text/turtle": ".ttl",
    "application/ld+json": ".jsonld",
    "application/n-triples": ".nt",
    "application/rdf+xml": ".rdf",
}
FORMATS = {"html": "text/html", "ttl": "text/turtle", "jsonld": "application/ld+json",
           "nt": "application/n-triples", "rdf": "application/rdf+xml"}
FORMAT_ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "n-triples": "nt", "ntriples": "nt", "rdfxml": "rdf",
                  "xml": "rdf"}
DOC_ALIASES = {"application/ld+json": ("application/json",), "text/turtle": ("application/x-turtle",)}
DEFAULT_LANG = "nb"  # the publisher's language, as in the pages (index.html is the nb front page)

# Media types of files served as they are, by suffix.
FILE_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".nt": "application/n-triples; charset=utf-8",
    ".jsonld": "application/ld+json; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".rdf": "application/rdf+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".rq": "application/sparql-query; charset=utf-8",
    ".conf": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".gz": "application/gzip",
    ".zip": "application/zip",
}
NO_SUFFIX_TYPE = "text/plain; charset=utf-8"  # SHA256SUMS

MAX_BODY = 1_000_000       # bytes of a request body (a SPARQL query by POST)
DRAIN_LIMIT = 16_000_000  # a bigger body is not read at all: the connection is closed after the 413
MAX_TARGET = 16_384        # characters of the request target (path and query string)

_BAD_RAW = re.compile(r"%(?:2f|5c|00)|\\|\x00", re.I)


@dataclass
class Config:
    site: Path
    query_timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    quiet: bool = False
    cache_bytes: int = 64 * 2**20  # SPARQL result cache; 0 disables it


class Site:
    """The published folder: maps request paths to files, never to anything outside it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        if not (self.root / "dumps").is_dir():
            raise FileNotFoundError(f"{root}: not a built site (no dumps/ folder); run 'aidlod build' first")
        self.base = self._base_iri()
        self.prefixes = sorted({urlsplit(self.base).path, urlsplit(VOCAB_BASE).path} - {"/"}, key=len,
                               reverse=True)

    def _base_iri(self) -> str:
        """The dataset's base IRI, read from the front page's N-Triples (the ``#dataset`` subject)."""
        index = self.root / "index.nt"
        if index.is_file():
            with index.open(encoding="utf-8") as f:
                for line in f:
                    m = re.match(r"<([^>]*)#dataset>", line)
                    if m:
                        return m.group(1)
        return VOCAB_BASE

    def relative(self, raw_path: str) -> str | None:
        """The site-relative path for a raw request path, or None when it must be refused (answer 404)."""
        if _BAD_RAW.search(raw_path):
            return None
        try:
            path = unquote(raw_path, errors="strict")
        except UnicodeDecodeError:
            return None
        if "\x00" in path or "\\" in path or not path.startswith("/"):
            return None
        for prefix in self.prefixes:
            if path == prefix.rstrip("/") or path.startswith(prefix):
                path = "/" + path[len(prefix):]
                break
        rel = path[1:]
        if rel == ".well-known/void":
            return "void"  # the VoID description, also at the site root (as in the nginx configuration)
        if any(p in (".", "..") or p.startswith(".") for p in rel.split("/") if p):
            return None  # dot files (.htaccess) and dot segments are never served
        return rel

    def file(self, rel: str) -> Path | None:
        """The regular file at ``rel`` inside the site, or None."""
        if not rel:
            return None
        candidate = (self.root / rel).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate

    def variants(self, doc: str) -> tuple[dict[str, str], dict[str, str]]:
        """The document's RDF files (media type → rel path) and HTML pages (language → rel path)."""
        rdf = {media: doc + suffix for media, suffix in RDF_VARIANTS.items() if self.file(doc + suffix)}
        pages: dict[str, str] = {}
        parent = (self.root / doc).parent
        name = (self.root / doc).name
        if parent.resolve().is_relative_to(self.root) and parent.is_dir():
            for page in sorted(parent.glob(f"{glob_escape(name)}.*.html")):
                lang = page.name[len(name) + 1:-len(".html")]
                if re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*", lang):
                    pages[lang] = doc + f".{lang}.html"
        if not pages and self.file(doc + ".html"):
            pages[""] = doc + ".html"
        return rdf, pages


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def etag(path: Path) -> tuple[str, str, int]:
    """(ETag, Last-Modified, size) of a file: the ETag hashes size and modification time."""
    st = path.stat()
    tag = hashlib.sha256(f"{st.st_size}:{st.st_mtime_ns}:{path}".encode()).hexdigest()[:20]
    return f'"{tag}"', email.utils.formatdate(st.st_mtime, usegmt=True), st.st_size


class Handler(BaseHTTPRequestHandler):
    """One request. Everything it answers has a Content-Length, so keep-alive connections work."""

    protocol_version = "HTTP/1.1"
    server_version = "aidlod"
    disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms delayed-ACK stall
    timeout = 30  # seconds a client may take to send its request (slow clients hold a thread)
    server: AidlodServer

    # --- plumbing ---------------------------------------------------------------------------------

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:
        if not self.server.config.quiet:
            sys.stderr.write(f"aidlod serve: {self.address_string()} {format % args}\n")

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
        """CORS preflight: the data is open, any web page may read it (but only read it)."""
        self.send_response(204)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST")
        self.send_header("Access-Control-Allow-Headers", "Accept, Accept-Language, Content-Type")
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
                self.sparql(url.query)
                return
            if self.command == "POST":
                self.send_text(405, "Method Not Allowed: only /sparql accepts POST.", {"Allow": "GET, HEAD"})
                return
            if rel is None:
                self.send_not_found()
                return
            self.static(rel, url.query)
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the client went away mid-answer
        except Exception:
            log.exception("error answering %s %s", self.command, self.path[:200])
            self.close_connection = True
            try:
                self.send_text(500, "Internal Server Error")
            except OSError:
                pass

    # --- static documents -------------------------------------------------------------------------

    def static(self, rel: str, query: str) -> None:
        site = self.server.site
        params = parse_qs(query, max_num_fields=20)
        # "/" is the front page, "folder/" that folder's own page if there is one (as in nginx.conf)
        doc = "index" if rel == "" else rel + "index" if rel.endswith("/") else rel
        rdf, pages = site.variants(doc)
        if rdf or pages:
            self.negotiate(doc, rdf, pages, params)
            return
        target = site.file(rel)
        if target is None:
            self.send_not_found()
            return
        self.send_file(target, FILE_TYPES.get(target.suffix, NO_SUFFIX_TYPE if not target.suffix
                                              else "application/octet-stream"))

    def negotiate(self, doc: str, rdf: dict[str, str], pages: dict[str, str], params: dict[str, list[str]]) -> None:
        offered = (["text/html"] if pages else []) + list(rdf)
        vary = {"Vary": "Accept, Accept-Language"}
        fmt = (params.get("format") or [None])[0]
        if fmt is not None:
            fmt = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
            if fmt not in FORMATS:
                self.send_text(400, f"unknown format {fmt[:40]!r}; use one of: {', '.join(FORMATS)}", vary)
                return
            media = FORMATS[fmt] if FORMATS[fmt] in offered else None
        else:
            ranges = conneg.parse_accept(self.headers.get("Accept"))
            media = conneg.choose(ranges, offered, DOC_ALIASES)
        if media is None:
            available = ", ".join(f"{m} (?format={k})" for k, m in FORMATS.items() if m in offered)
            self.send_text(406, f"Not Acceptable. /{doc} is available as: {available}", vary)
            return
        if media == "text/html":
            lang = (params.get("lang") or [None])[0]
            if lang not in pages:
                default = DEFAULT_LANG if DEFAULT_LANG in pages else sorted(pages)[0]
                lang = conneg.choose_language(self.headers.get("Accept-Language"), list(pages), default)
            rel = pages[lang]
        else:
            rel = rdf[media]
        target = self.server.site.file(rel)
        assert target is not None
        headers = dict(vary, **{"Content-Location": "/" + rel})
        ctype = FILE_TYPES[target.suffix]
        self.send_file(target, ctype, headers)

    def send_file(self, target: Path, content_type: str, headers: dict[str, str] | None = None) -> None:
        tag, modified, size = etag(target)
        headers = dict(headers or {}, ETag=tag, **{"Last-Modified": modified})
        if self.headers.get("If-None-Match") in (tag, "*") or (
                self.headers.get("If-None-Match") is None and self.headers.get("If-Modified-Since") == modified):
            self.send_response(304)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(size))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            with target.open("rb") as f:
                while chunk := f.read(1 << 16):
                    self.wfile.write(chunk)

    # --- SPARQL -----------------------------------------------------------------------------------

    def read_body(self) -> bytes | None:
        """The request body, or None after answering 411/413."""
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self.send_text(411, "Length Required: send the body with a Content-Length, not chunked.")
            return None
        length_header = self.headers.get("Content-Length", "0")
        if not length_header.isdigit():
            self.close_connection = True
            self.send_text(400, "Bad Request: invalid Content-Length.")
            return None
        length = int(length_header)
        if length > MAX_BODY:
            self.close_connection = True
            if length <= DRAIN_LIMIT:  # read and drop it, so that the client sees the 413, not a reset
                while length > 0:
                    chunk = self.rfile.read(min(length, 1 << 16))
                    if not chunk:
                        break
                    length -= len(chunk)
            self.send_text(413, f"Content Too Large: a request body may hold at most {MAX_BODY} bytes.")
            return None
        return self.rfile.read(length)

    def sparql(self, query_string: str) -> None:
        params = parse_qs(query_string, keep_blank_values=True, max_num_fields=50)
        if self.command == "POST":
            body = self.read_body()
            if body is None:
                return
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                self.send_text(403, "this endpoint is read-only: SPARQL Update is refused.")
                return
            if ctype == "application/x-www-form-urlencoded":
                try:
                    form = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=50,
                                    errors="strict")
                except (UnicodeDecodeError, ValueError):
                    self.send_text(400, "the form is not valid UTF-8 URL-encoded data")
                    return
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
            elif ctype == "application/sparql-query":
                try:
                    params.setdefault("query", []).append(body.decode("utf-8"))
                except UnicodeDecodeError:
                    self.send_text(400, "the query is not valid UTF-8")
                    return
            else:
                self.send_text(415, "Unsupported Media Type: POST a query as application/sparql-query or "
                                    "application/x-www-form-urlencoded (query=...).")
                return
        if "update" in params:
            self.send_text(403, "this endpoint is read-only: SPARQL Update is refused.")
            return
        if any(v for k in ("default-graph-uri", "named-graph-uri") for v in params.get(k, [])):
            self.send_text(400, "default-graph-uri and named-graph-uri are not supported: the data is one "
                                "default graph.")
            return
        queries = params.get("query", [])
        if not queries:
            self.sparql_form()
            return
        if len(queries) > 1:
            self.send_text(400, "give exactly one query parameter")
            return
        fmt = (params.get("format") or [None])[0]
        if fmt is not None:
            fmt = sparql.FORMAT_NAMES.get(fmt.lower(), fmt.lower())
            if fmt not in sparql.SELECT_TYPES and fmt not in sparql.GRAPH_TYPES:
                self.send_text(400, f"unknown format {fmt[:40]!r}; use one of: "
                                    f"{', '.join([*sparql.SELECT_TYPES, *sparql.GRAPH_TYPES])}")
                return
        text = queries[0]
        try:
            sparql.check_query(text)
        except sparql.QueryRefused as exc:
            self.send_text(exc.status, exc.message)
            return
        pool, cache = self.server.pool, self.server.cache
        accept = self.headers.get("Accept")
        key = None
        dump = pool.current_dump() if cache.enabled else None
        if dump is not None:  # no dump at the path (mid-swap): neither look up nor store
            key = (text, pool.max_rows, *sparql.negotiated(fmt, accept))
            cached = cache.get(dump, key)
            if cached is not None:
                self.send_sparql(cached, "hit")
                return
        try:
            answer = pool.query(text, fmt, accept)
        except sparql.Timeout:
            self.send_text(422, f"the query ran longer than the {pool.timeout:g} s limit and was stopped; "
                                "make it more selective or add a LIMIT.")
            return
        except sparql.Busy:
            self.send_text(503, "every query worker is busy; try again shortly.", {"Retry-After": "5"})
            return
        if key is not None:
            cache.put(key, answer)
        self.send_sparql(answer, "miss" if cache.enabled else None)

    def send_sparql(self, answer: sparql.Answer, cache_status: str | None) -> None:
        """A query's answer; ``X-Cache`` says whether it came from the result cache (absent if off)."""
        headers = dict(answer.headers, Vary="Accept")
        if cache_status is not None:
            headers["X-Cache"] = cache_status
        self.send_body(answer.status, answer.content_type, answer.body, headers)

    def sparql_form(self) -> None:
        """The query form (HTML) with the example queries; the Content-Security-Policy allows no script."""
        items = []
        for ex in examples():
            items.append(
                f"<li><details><summary>{html.escape(ex.title)}</summary>"
                f"<form method=\"post\" action=\"sparql\"><textarea name=\"query\" rows=\"12\" cols=\"100\">"
                f"{html.escape(ex.text)}</textarea><br>"
                f"<button type=\"submit\">Run</button></form></details></li>"
            )
        cfg = self.server.config
        body = (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SPARQL endpoint</title>"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; form-action 'self'\">"
            "</head><body><h1>SPARQL endpoint</h1>"
            "<p>SPARQL 1.1 Protocol, read-only: <code>GET /sparql?query=…</code> or <code>POST</code>. Results as "
            "JSON, XML, CSV or TSV (<code>Accept</code> or <code>format=json|xml|csv|tsv</code>); CONSTRUCT and "
            "DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML (<code>format=ttl|nt|jsonld|rdf</code>). "
            f"Each query may run {cfg.query_timeout:g} s and return {cfg.max_rows} rows; SERVICE and updates "
            "are refused.</p>"
            "<form method=\"post\" action=\"sparql\"><textarea name=\"query\" rows=\"10\" cols=\"100\">"
            "SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea><br><label>Format <select name=\"format\">"
            + "".join(f"<option>{k}</option>" for k in [*sparql.SELECT_TYPES, *sparql.GRAPH_TYPES])
            + "</select></label> <button type=\"submit\">Run</button></form>"
            "<h2>Example queries</h2><ul>" + "".join(items) + "</ul></body></html>\n"
        ).encode("utf-8")
        self.send_body(200, "text/html; charset=utf-8", body)


class AidlodServer(ThreadingHTTPServer):
    """The HTTP server with its site and its pool of SPARQL workers."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], config: Config) -> None:
        self.config = config
        self.site = Site(config.site)
        self.pool = sparql.WorkerPool(self.site.root / "dumps" / "aidlod.nt", workers=config.workers,
                                      timeout=config.query_timeout, max_rows=config.max_rows)
        self.cache = sparql.ResultCache(config.cache_bytes)
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
        return f"http://{host}:{port}"


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
    print(f"aidlod: serving {server.site.root} at {server.url}/ (SPARQL at {server.url}/sparql); "
          "Ctrl-C stops", file=sys.stderr)
    def terminate(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # leave serve_forever so that the workers are stopped below

    signal.signal(signal.SIGTERM, terminate)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


__all__ = ["AidlodServer", "Config", "Site", "make_server", "serve", "start_in_thread", "stop"]
