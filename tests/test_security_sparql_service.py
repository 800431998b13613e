"""SERVICE must never reach the store: pyoxigraph sends it to the named host (server-side request forgery,
and the answer came back in the 500 message). The check read only strings, IRIs and comments out of the
query, so words glued to what precedes them (``?o.SERVICE``, ``5SERVICE``, ``"a"@en.SERVICE``), the
keyword glued to a prefixed name (``SERVICE:h``) and a ``\\#`` in a prefixed name (read as a comment)
passed it; and a query of unclosed strings (``"\\"\\"\\...``) took the check minutes of the server's time."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlencode

import pytest

from aidlod.serve import Config, sparql, start_in_thread, stop
from httpclient import fetch

# Each is a query the store runs with a request to the host named (checked below against pyoxigraph).
BYPASSES = [
    "SELECT * WHERE { ?s ?p ?o.SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o.service <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 5.SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 5SERVICE <{url}> { ?s ?p ?o } }",
    'SELECT * WHERE { ?s ?p "a"@en.SERVICE <{url}> { ?s ?p ?o } }',
    "SELECT * WHERE { ?s ?p ?o,?x.SERVICE <{url}> { ?s ?p ?o } }",
    "PREFIX : <{url}> SELECT * WHERE { ?s ?p ?o SERVICE:h { ?s ?p ?o } }",
    "PREFIX : <{url}> SELECT * WHERE { ?s ?p ?o SERVICE SILENT:h { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ?p ex:a\\#x } SERVICE <{url}> "
    "{ ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ?p ?o FILTER(?o != ex:a\\') SERVICE <{url}> { ?s ?p ?o } "
    "FILTER(?o != ex:b\\') }",
]


class _Listener(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head": {"vars": []}, "results": {"bindings": [{}]}}')

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def listener() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Listener)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()


@pytest.fixture(scope="module")
def server(seed_site: Path) -> Iterator[str]:
    srv = start_in_thread(Config(seed_site, query_timeout=2, max_rows=1000, workers=1, quiet=True))
    yield srv.url
    stop(srv)


@pytest.mark.parametrize("query", BYPASSES)
def test_service_glued_to_what_precedes_it_is_refused_and_no_request_leaves(server: str, listener: str,
                                                                            query: str) -> None:
    text = query.replace("{url}", listener)
    with pytest.raises(sparql.QueryRefused) as refused:
        sparql.check_query(text)
    assert refused.value.status == 400
    before = len(_Listener.hits)
    r = fetch(server, "/sparql?" + urlencode({"query": text}))
    assert r.status == 400 and b"SERVICE" in r.body, r.body[:300]
    assert len(_Listener.hits) == before


@pytest.mark.parametrize("query", BYPASSES)
def test_the_bypasses_do_reach_the_network_from_a_bare_store(listener: str, query: str) -> None:
    """Each case is one the store would send: the refusal above is what keeps it home."""
    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
                      ox.Literal("a", language="en")))
    store.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
                      ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
    before = len(_Listener.hits)
    try:
        list(store.query(query.replace("{url}", listener)))  # type: ignore[arg-type]
    except (OSError, RuntimeError):
        pass
    assert len(_Listener.hits) > before


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "PREFIX schema: <https://schema.org/> SELECT * WHERE { ?s schema:serviceType ?o } LIMIT 1",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:a.SERVICE ?o } LIMIT 1",
    "SELECT * WHERE { ?s ?p 'SERVICE' } # SERVICE",
])
def test_service_in_names_strings_and_comments_is_not_refused(query: str) -> None:
    sparql.check_query(query)


@pytest.mark.parametrize("piece", ['"\\', "'\\", "<a", "a:", '"""', "ex:%"])
def test_the_check_reads_a_megabyte_of_unclosed_strings_and_brackets_in_linear_time(piece: str) -> None:
    text = "SELECT * WHERE { ?s ?p " + piece * (1_000_000 // len(piece)) + " }"
    start = time.monotonic()
    try:
        sparql.check_query(text)
    except sparql.QueryRefused:
        pass
    sparql.dataset_clauses(text)
    sparql.query_form(text)
    assert time.monotonic() - start < 15  # minutes to hours before (quadratic in the unclosed strings)
