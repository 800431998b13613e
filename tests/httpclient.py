"""A raw HTTP client for the serving tests: sends the path byte for byte (no dot-segment clean-up)."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def vary(self, compressed: bool = False) -> list[str]:
        """The request headers the answer varies by, from every ``Vary`` field. Unless ``compressed``, without
        ``Accept-Encoding``, which nginx's and Apache's gzip adds to what they may compress (``aidlod serve``
        compresses nothing): what the negotiation of the document varies by, the same from all three."""
        names = [n.strip() for v in self.headers.get_all("Vary") or () for n in v.split(",") if n.strip()]
        return names if compressed else [n for n in names if n.lower() != "accept-encoding"]

    @property
    def media_type(self) -> str:
        return (self.header("Content-Type") or "").split(";")[0].strip()


def fetch(base: str, path: str, method: str = "GET", headers: dict[str, str] | None = None,
          body: bytes | None = None, timeout: float = 30) -> Response:
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True, skip_host="Host" in (headers or {}))
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        resp = conn.getresponse()
        return Response(resp.status, resp.headers, resp.read())
    finally:
        conn.close()


def triples(body: bytes, media_type: str) -> set[str]:
    """The triples of an RDF body, as canonical N-Triples strings."""
    return {str(t) for t in ox.parse(body, format=FORMATS[media_type], base_iri="http://invalid.example/")}


def copy_without_pages(site: Path, target: Path) -> Path:
    """A copy of a built site without its HTML pages, so tests control which pages exist."""
    def pages(_folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n.endswith(".html") and n != "404.html"]

    shutil.copytree(site, target, ignore=pages)
    return target


def add_fake_pages(site: Path, documents: list[str], langs: tuple[str, ...] = ("nb", "en")) -> None:
    """A page per document and language; with the front page ``index``, ``index.html`` too, a copy of the
    first language's front page, as the build writes it (the server takes that language as the default)."""
    for doc in documents:
        for lang in langs:
            (site / f"{doc}.{lang}.html").write_text(f"<!DOCTYPE html><title>{lang}</title>\n", encoding="utf-8")
    if "index" in documents:
        shutil.copyfile(site / f"index.{langs[0]}.html", site / "index.html")


def free_port() -> int:
    """A loopback port nothing listens on now, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_server(command: list[str], base: str, log: Path, name: str) -> Iterator[str]:
    """Start a server process (nginx, Apache), wait until ``base`` answers, yield it, stop it: a server
    that exits first fails the test with its output and ``log``."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"{name} exited: {out}\n{log.read_text() if log.exists() else ''}")
            try:
                fetch(base, "/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def well_known(site: Path) -> None:
    """A publisher's files under .well-known/, as data/public/ puts them in a site: one to serve, one dot file not."""
    (site / ".well-known" / "security.txt").write_text("Contact: mailto:security@example.org\n", encoding="utf-8")
    (site / ".well-known" / ".secret").write_text("not served\n", encoding="utf-8")


def served_gzipped(base: str, site: Path, document: str) -> None:
    """Check that the server at ``base`` sends text gzipped to a client that takes it (the bytes of ``site``'s file
    once unpacked, under half their size, ``Vary: Accept-Encoding``) and as it is to one that does not, and the
    gzip dump as it is to both: what nginx's and Apache's generated configurations do alike."""
    gzip = {"Accept-Encoding": "gzip"}
    for path, headers, file in [(f"/{document}", {"Accept": "text/turtle"}, f"{document}.ttl"),
                                ("/dumps/aidlod.nt", {}, "dumps/aidlod.nt"), ("/search.en.js", {}, "search.en.js")]:
        plain, packed = fetch(base, path, headers=headers), fetch(base, path, headers=headers | gzip)
        assert plain.header("Content-Encoding") is None, path
        assert plain.body == (site / file).read_bytes(), path
        assert packed.header("Content-Encoding") == "gzip", path
        assert zlib.decompress(packed.body, wbits=31) == plain.body, path
        assert len(packed.body) < len(plain.body) / 2, path
        assert "Accept-Encoding" in packed.vary(compressed=True), path
    dump = fetch(base, "/dumps/aidlod.nt.gz", headers=gzip)
    assert dump.header("Content-Encoding") is None
    assert dump.body == (site / "dumps/aidlod.nt.gz").read_bytes()


def readable_by_all(site: Path) -> None:
    """Let a server's unprivileged children (Apache's, as nobody) read every file of ``site`` (pytest's and
    mkdtemp's folders are private to their owner)."""
    for folder, _dirs, files in os.walk(site):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
