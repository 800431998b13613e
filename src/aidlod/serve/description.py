"""The endpoint's SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/),
what ``GET /sparql`` without a query answers a client that asks for RDF: the protocol's way for a tool to
learn what an endpoint speaks, returns and holds without trying it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..iris import VOID
from . import sparql

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_SEE_ALSO = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso")
# The W3C's names of the formats the endpoint returns (``sparql.SELECT_TYPES``, ``sparql.GRAPH_TYPES``).
RESULT_FORMATS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
                  "tsv": "SPARQL_Results_TSV", "ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD",
                  "rdf": "RDF_XML"}


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def dataset_triples(site: Path, base: str) -> int | None:
    """The dataset's triple count as its VoID states it (``void.ttl`` of the site), or None."""
    try:
        data = (site / "void.ttl").read_bytes()
        found = ox.parse(data, format=ox.RdfFormat.TURTLE)
        dataset, triples = ox.NamedNode(base + "#dataset"), ox.NamedNode(str(VOID.triples))
        for t in found:
            if t.subject == dataset and t.predicate == triples and isinstance(t.object, ox.Literal):
                return int(t.object.value)
    except (OSError, SyntaxError, ValueError):
        return None
    return None


def triples(endpoint: str, site: Path, base: str) -> list[ox.Triple]:
    """The description of the endpoint at ``endpoint`` serving the site in ``site`` (base IRI ``base``):
    SPARQL 1.1 Query, its result formats, and its one default graph, the dataset (no named graph)."""
    service, dataset, graph = (ox.NamedNode(endpoint), ox.NamedNode(endpoint + "#dataset"),
                               ox.NamedNode(endpoint + "#default-graph"))
    out = [ox.Triple(service, RDF_TYPE, _sd("Service")),
           ox.Triple(service, _sd("endpoint"), service),
           ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
           *(ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + RESULT_FORMATS[key]))
             for key in (*sparql.SELECT_TYPES, *sparql.GRAPH_TYPES)),
           ox.Triple(service, _sd("defaultDataset"), dataset),
           ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
           ox.Triple(dataset, _sd("defaultGraph"), graph),
           ox.Triple(graph, RDF_TYPE, _sd("Graph")),
           ox.Triple(graph, RDFS_SEE_ALSO, ox.NamedNode(base + "#dataset"))]
    count = dataset_triples(site, base)
    if count is not None:
        out.append(ox.Triple(graph, ox.NamedNode(str(VOID.triples)),
                             ox.Literal(str(count), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
    return out
