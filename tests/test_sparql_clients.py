"""The SPARQL clients people use against `aidlod serve`: their requests as captured from the clients
(method, headers, parameters), replayed without the client libraries or the network.

Clients checked (docs/serving.md, "SPARQL clients"): SPARQLWrapper 2.0.0, rdflib 7.6.0's SPARQLStore
and SPARQLConnector, Comunica 4.5.0 (comunica-sparql), requests and curl as in the SPARQL 1.1
Protocol's examples, and pandas reading CSV. The requests here are those that needed a change in aidlod.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest

from aidlod.queries import examples
from httpclient import fetch, triples

CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"
# What SPARQLWrapper 2.0.0 sends besides the query: its return format as format=, output= and results=
# (for stores that read one of those), and an Accept header for that format.
SW_AGENT = "sparqlwrapper 2.0.0 (rdflib.github.io/sparqlwrapper)"
SW_JSON_ACCEPT = "application/sparql-results+json,application/json,text/javascript,application/javascript"


@pytest.fixture(scope="module")
def server(seed_server: str) -> str:
    return seed_server


def sparqlwrapper_get(server: str, query: str, fmt: str, accept: str):
    """SPARQLWrapper's GET: query, then format/output/results of its return format."""
    params = urlencode({"query": query, "format": fmt, "output": fmt, "results": fmt})
    return fetch(server, "/sparql?" + params, headers={"Accept": accept, "User-Agent": SW_AGENT,
                                                       "Accept-Encoding": "identity"})


def test_sparqlwrapper_construct_with_its_default_return_format_xml_gets_rdf_xml(server: str) -> None:
    """XML is SPARQLWrapper's default return format; for a CONSTRUCT it asks for RDF/XML by Accept but
    still sends format=xml, which named only SPARQL XML results here (406 Not Acceptable)."""
    r = sparqlwrapper_get(server, CONSTRUCT, "xml", "application/rdf+xml")
    assert r.status == 200, r.body
    assert r.header("Content-Type") == "application/rdf+xml; charset=utf-8"
    assert len(triples(r.body, "application/rdf+xml")) == 5
    # and by POST (a form with the same parameters), SPARQLWrapper's setMethod(POST)
    body = urlencode({"query": CONSTRUCT, "format": "xml", "output": "xml", "results": "xml"}).encode()
    r = fetch(server, "/sparql", "POST", {"Content-Type": "application/x-www-form-urlencoded",
                                          "Accept": "application/rdf+xml", "User-Agent": SW_AGENT}, body)
    assert r.status == 200 and r.media_type == "application/rdf+xml", r.body
    # a SELECT's format=xml is still SPARQL XML results
    r = sparqlwrapper_get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "xml", "application/sparql-results+xml")
    assert r.status == 200 and r.media_type == "application/sparql-results+xml"


def test_sparqlwrapper_construct_as_json_gets_json_ld(server: str) -> None:
    """SPARQLWrapper's JSON return format for a CONSTRUCT: Accept */* and format=json (it then reads
    the body as JSON), which was 406 here; JSON-LD is the graph's JSON."""
    r = sparqlwrapper_get(server, CONSTRUCT, "json", "*/*")
    assert r.status == 200, r.body
    assert r.header("Content-Type") == "application/ld+json; charset=utf-8"
    assert isinstance(json.loads(r.body), list | dict)
    assert len(triples(r.body, "application/ld+json")) == 5


def test_sparqlwrapper_construct_as_n3_gets_turtle(server: str) -> None:
    """SPARQLWrapper's N3 return format sends format=n3 (400, an unknown format here); Turtle is N3."""
    r = sparqlwrapper_get(server, CONSTRUCT, "n3",
                          "application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3")
    assert r.status == 200, r.body
    assert r.header("Content-Type") == "text/turtle; charset=utf-8"
    assert len(triples(r.body, "text/turtle")) == 5


def test_select_format_for_a_graph_keeps_406_when_it_has_no_graph_syntax(server: str) -> None:
    r = fetch(server, "/sparql?" + urlencode({"query": CONSTRUCT, "format": "csv"}))
    assert r.status == 406


@pytest.mark.parametrize("name", ["result-indicators", "disbursements-per-year-in-eur"])
def test_sparqlwrapper_sends_an_example_query_as_an_update_and_is_told_why(server: str, name: str) -> None:
    """SPARQLWrapper reads the query form with every other comment line left in, so the word "drop" or
    "add" in an example query's comment makes it send the SELECT as an update (POST update=...). The
    answer was 403 "read-only" (SPARQLWrapper shows only "HTTP Error 403: Forbidden"); now 400, whose
    message SPARQLWrapper shows (QueryBadFormed), saying what happened and what to do."""
    example = next(e for e in examples(data="iati") if e.name == name)
    body = urlencode({"update": example.text}).encode()
    r = fetch(server, "/sparql", "POST", {"Content-Type": "application/x-www-form-urlencoded",
                                          "Accept": SW_JSON_ACCEPT, "User-Agent": SW_AGENT,
                                          "Accept-Encoding": "identity"}, body)
    assert r.status == 400
    message = r.body.decode()
    assert "SELECT query as a SPARQL Update" in message and 'queryType = "SELECT"' in message
    # the same text as application/sparql-update (SPARQLWrapper's POSTDIRECTLY)
    r = fetch(server, "/sparql", "POST", {"Content-Type": "application/sparql-update; charset=UTF-8",
                                          "User-Agent": SW_AGENT}, example.text.encode())
    assert r.status == 400 and b"as a SPARQL Update" in r.body


def test_a_real_update_is_still_refused_with_403(server: str) -> None:
    for body, ctype in [(urlencode({"update": "# add a triple\nINSERT DATA { <a:a> <a:b> <a:c> }"}).encode(),
                         "application/x-www-form-urlencoded"),
                        (b"DROP ALL", "application/sparql-update")]:
        r = fetch(server, "/sparql", "POST", {"Content-Type": ctype}, body)
        assert r.status == 403 and b"read-only" in r.body


def test_comunica_finds_the_endpoint_by_its_service_description(server: str) -> None:
    """comunica-sparql first GETs the source with its RDF Accept header (text/html at q=0.2) and takes
    it for a SPARQL endpoint when the answer describes an sd:Service with sd:endpoint."""
    accept = ("application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,application/n-triples;q=0.8,"
              "text/turtle;q=0.6,application/rdf+xml;q=0.5,text/n3;q=0.35,application/xml;q=0.3,image/svg+xml;q=0.3,"
              "text/xml;q=0.3,text/html;q=0.2,application/xhtml+xml;q=0.18,application/json;q=0.135,"
              "text/shaclc;q=0.1,text/shaclc-ext;q=0.05")
    r = fetch(server, "/sparql", headers={"Accept": accept, "accept-language": "*", "sec-fetch-mode": "cors"})
    assert r.status == 200 and r.media_type == "application/ld+json"
    store = ox.Store()
    store.load(r.body, format=ox.RdfFormat.JSON_LD)
    assert store.query("ASK { ?s a <http://www.w3.org/ns/sparql-service-description#Service> ; "
                       "<http://www.w3.org/ns/sparql-service-description#endpoint> ?e }")


def test_a_web_page_on_another_site_can_read_that_a_result_was_cut(server: str) -> None:
    """A browser shows a cross-origin script (YASGUI on its own site, Comunica in a web page, any web
    application) only the CORS-safelisted response headers: X-Result-Truncated must be exposed, or the
    page takes a cut result for the whole one. The request as fetch() from another origin sends it."""
    r = fetch(server, "/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}),
              headers={"Origin": "https://yasgui.example", "Accept": "application/sparql-results+json",
                       "Sec-Fetch-Mode": "cors", "Sec-Fetch-Site": "cross-site"})
    assert r.status == 200 and r.header("X-Result-Truncated") == "max-rows=1000"
    assert r.header("Access-Control-Allow-Origin") == "*"
    exposed = {h.strip().lower() for h in (r.header("Access-Control-Expose-Headers") or "").split(",")}
    assert "x-result-truncated" in exposed
