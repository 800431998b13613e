"""The dataset a query names on `aidlod serve`: the same query text as for a store `aidlod push` filled
(which holds the data in the named graph of the base IRI, docs/push.md) answers alike here, and a graph
this endpoint does not hold is refused with what to write instead of answered with nothing."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from aidlod.queries import read_csv
from aidlod.serve import sparql
from httpclient import fetch

OWN = "https://w3id.org/aidlod/"
COUNT = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"
FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}


@pytest.fixture(scope="module")
def server(seed_server: str) -> str:
    return seed_server


def ask(server: str, query: str, **params: str):
    return fetch(server, "/sparql", "POST", FORM, urlencode({"query": query, **params}).encode())


def count(server: str, query: str, **params: str) -> int:
    r = ask(server, query, **params)
    assert r.status == 200, r.body
    return int(read_csv(r.body)[0]["n"])


def test_naming_the_dataset_graph_answers_as_the_default_graph(server: str) -> None:
    everything = count(server, COUNT.format(""))
    assert everything > 1000
    assert count(server, COUNT.format(f"FROM <{OWN}>")) == everything
    assert count(server, COUNT.format(""), **{"default-graph-uri": OWN}) == everything
    # a prefixed name, a relative IRI against BASE, lower case, a clause on a line of its own
    assert count(server, "PREFIX d: <https://w3id.org/>\n" + COUNT.format("from d:aidlod\\/")) == everything
    assert count(server, f"BASE <{OWN}project/>\n" + COUNT.format("FROM\n  <../>")) == everything
    # the protocol's parameter takes precedence over the query's own clause (SPARQL 1.1 Protocol 2.1.4)
    assert count(server, COUNT.format("FROM <http://example.org/other>"), **{"default-graph-uri": OWN}) == everything


def test_a_graph_the_endpoint_does_not_hold_is_refused_saying_what_to_name(server: str) -> None:
    r = ask(server, COUNT.format("FROM <http://example.org/other>"))
    assert r.status == 400
    assert b"<http://example.org/other>" in r.body and f"<{OWN}>".encode() in r.body
    r = ask(server, COUNT.format(""), **{"default-graph-uri": "http://example.org/g"})
    assert r.status == 400 and b"<http://example.org/g>" in r.body
    for named in ({"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": OWN},
                  {"query": f"SELECT ?g FROM NAMED <{OWN}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"}):
        r = fetch(server, "/sparql", "POST", FORM, urlencode(named).encode())
        assert r.status == 400 and b"no named graph" in r.body and f"FROM <{OWN}>".encode() in r.body


def test_from_inside_a_string_a_comment_or_a_group_is_not_a_dataset_clause() -> None:
    text = ('PREFIX ex: <http://e.org/>\n# FROM <http://comment/>\nSELECT ?s FROM ex:g WHERE {\n'
            '  ?s ?p "FROM <http://string/>" { SELECT ?s WHERE { ?s ?q ?o } } }')
    clauses = sparql.dataset_clauses(text)
    assert [(c.named, c.iri) for c in clauses] == [(False, "http://e.org/g")]
    left = sparql.without(text, clauses)
    assert "ex:g" not in left and left.count("\n") == text.count("\n") and len(left) == len(text)
    # a CONSTRUCT's template comes before its dataset clause, in braces of its own
    construct = "CONSTRUCT { ?s ?p ?o } FROM NAMED <g> FROM <h> WHERE { ?s ?p ?o }"
    assert [(c.named, c.iri) for c in sparql.dataset_clauses(construct)] == [(True, "g"), (False, "h")]
    # an undeclared prefix is left to the store's own syntax error
    assert sparql.dataset_clauses("SELECT * FROM nope:g WHERE { ?s ?p ?o }") == []
