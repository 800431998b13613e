"""`GET /sparql` without a query, asked for RDF, answers the endpoint's SPARQL 1.1 Service Description:
what it speaks, the formats it returns and the one graph it holds, so that a tool learns it without
trying. Browsers and plain clients keep the query page and the form."""

from __future__ import annotations

from urllib.parse import urlencode

import pyoxigraph as ox
import pytest

from aidlod.queries import read_csv
from httpclient import fetch

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"


@pytest.fixture(scope="module")
def server(seed_server: str) -> str:
    return seed_server


def described(server: str, accept: str, fmt: ox.RdfFormat, host: str | None = None,
              **more: str) -> tuple[ox.Store, str]:
    headers = {"Accept": accept, **({"Host": host} if host is not None else {}), **more}
    r = fetch(server, "/sparql", headers=headers)
    assert r.status == 200 and r.header("Vary") == "Accept"
    store = ox.Store()
    store.load(r.body, format=fmt)
    return store, r.media_type


def one(store: ox.Store, query: str) -> list[str]:
    return [str(row[0].value) for row in store.query("PREFIX sd: <" + SD + ">\nPREFIX void: <http://rdfs.org/ns/void#>\n"
                                                       + query)]


def test_a_client_asking_for_rdf_gets_the_service_description(server: str) -> None:
    store, media = described(server, "text/turtle", ox.RdfFormat.TURTLE)
    assert media == "text/turtle"
    endpoint = server + "/sparql"
    assert one(store, "SELECT ?e WHERE { ?s a sd:Service ; sd:endpoint ?e }") == [endpoint]
    assert one(store, "SELECT ?l WHERE { ?s sd:supportedLanguage ?l }") == [SD + "SPARQL11Query"]
    formats = set(one(store, "SELECT ?f WHERE { ?s sd:resultFormat ?f }"))
    assert {FORMATS + n for n in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")} == formats
    # its default graph holds as many triples as a query counts there, the dataset's VoID figure
    stated = one(store, "SELECT ?n WHERE { ?s sd:defaultDataset/sd:defaultGraph ?g . ?g void:triples ?n }")
    r = fetch(server, "/sparql?" + urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}),
              headers={"Accept": "text/csv"})
    assert stated == [read_csv(r.body)[0]["n"]] and int(stated[0]) > 1000
    see_also = "<http://www.w3.org/2000/01/rdf-schema#seeAlso>"
    assert one(store, f"SELECT ?d WHERE {{ ?s sd:defaultDataset/sd:defaultGraph/{see_also} ?d }}") \
        == ["https://w3id.org/aidlod/#dataset"]


@pytest.mark.parametrize(("accept", "fmt"), [("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                             ("application/ld+json", ox.RdfFormat.JSON_LD),
                                             ("application/rdf+xml", ox.RdfFormat.RDF_XML),
                                             ("text/html;q=0.5, text/turtle", ox.RdfFormat.TURTLE)])
def test_in_every_rdf_format(server: str, accept: str, fmt: ox.RdfFormat) -> None:
    store, _media = described(server, accept, fmt)
    assert one(store, "SELECT ?e WHERE { ?s sd:endpoint ?e }") == [server + "/sparql"]


def test_the_endpoint_is_named_by_the_host_the_client_reached_and_never_by_another_text(server: str) -> None:
    store, _ = described(server, "text/turtle", ox.RdfFormat.TURTLE, host="data.example.org:8080")
    assert one(store, "SELECT ?e WHERE { ?s sd:endpoint ?e }") == ["http://data.example.org:8080/sparql"]
    # behind nginx (aidlod's block says the client's scheme)
    store, _ = described(server, "text/turtle", ox.RdfFormat.TURTLE, host="data.example.org",
                         **{"X-Forwarded-Proto": "https"})
    assert one(store, "SELECT ?e WHERE { ?s sd:endpoint ?e }") == ["https://data.example.org/sparql"]
    store, _ = described(server, "text/turtle", ox.RdfFormat.TURTLE, host="evil.example/x> <y")
    assert one(store, "SELECT ?e WHERE { ?s sd:endpoint ?e }") == [server + "/sparql"]


@pytest.mark.parametrize("accept", [None, "*/*", "text/html,application/xhtml+xml,*/*;q=0.8",
                                    "application/sparql-results+json"])
def test_browsers_and_plain_clients_keep_the_query_page(server: str, accept: str | None) -> None:
    r = fetch(server, "/sparql", headers={"Accept": accept} if accept else {})
    assert r.status == 200 and r.media_type == "text/html"
