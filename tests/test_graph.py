"""The mapped graph answers plain schema.org questions exactly as the source document states them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Graph

from aidlod.dataset import Dataset
from aidlod.resources import shapes_source

BASE = "https://w3id.org/aidlod/"

NOK_PER_COUNTRY = """
PREFIX schema: <https://schema.org/>
SELECT ?country (SUM(?value) AS ?nok) WHERE {
  ?project a schema:Project ;
           schema:areaServed ?c ;
           schema:funding/schema:amount ?amount .
  ?amount schema:value ?value ; schema:currency "NOK" .
  ?c schema:name ?country . FILTER(lang(?country) = "en")
} GROUP BY ?country ORDER BY ?country
"""

# The figures of the source document: 700.000; en halv million; 65.000; 1,1 millioner.
EXPECTED_NOK = {
    "Bulgaria": Decimal(1_100_000),
    "Estonia": Decimal(65_000),
    "Latvia": Decimal(500_000),
    "Poland": Decimal(700_000),
}


@pytest.fixture(scope="module")
def store(seed_site: Path) -> ox.Store:
    s = ox.Store()
    s.load(path=str(seed_site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    return s


def test_nok_totals_per_country_match_the_source(store: ox.Store) -> None:
    rows = {str(r["country"].value): Decimal(r["nok"].value) for r in store.query(NOK_PER_COUNTRY)}
    assert rows == EXPECTED_NOK


def test_no_amount_where_the_source_gives_none(store: ox.Store) -> None:
    query = """
    PREFIX schema: <https://schema.org/>
    SELECT ?code (COUNT(?amount) AS ?n) (COUNT(?grant) AS ?grants) WHERE {
      ?p a schema:Project ; schema:areaServed/schema:identifier ?code .
      OPTIONAL { ?p schema:funding ?grant . OPTIONAL { ?grant schema:amount ?amount } }
    } GROUP BY ?code"""
    rows = {str(r["code"].value): (int(r["n"].value), int(r["grants"].value)) for r in store.query(query)}
    assert rows["LT"] == (0, 1)
    assert rows["RO"] == (0, 1)
    assert rows["PL"] == (1, 1)
    assert len(rows) == 6


def test_every_project_carries_the_schema_org_core(store: ox.Store) -> None:
    query = """
    PREFIX schema: <https://schema.org/>
    PREFIX owl: <http://www.w3.org/2002/07/owl#>
    SELECT ?p ?nb ?en ?desc ?id ?wd ?iso WHERE {
      ?p a schema:Project ; schema:identifier ?id ; schema:description ?desc ;
         schema:name ?nb , ?en ; schema:areaServed ?c .
      FILTER(lang(?nb) = "nb" && lang(?en) = "en")
      ?c a schema:Country ; owl:sameAs ?wd ; schema:identifier ?iso .
    }"""
    rows = list(store.query(query))
    projects = {r["p"].value for r in rows}
    assert len(projects) == 6
    wikidata = {r["iso"].value: r["wd"].value for r in rows}
    assert wikidata == {
        "PL": "http://www.wikidata.org/entity/Q36", "LT": "http://www.wikidata.org/entity/Q37",
        "LV": "http://www.wikidata.org/entity/Q211", "EE": "http://www.wikidata.org/entity/Q191",
        "BG": "http://www.wikidata.org/entity/Q219", "RO": "http://www.wikidata.org/entity/Q218",
    }


def test_grants_name_the_ministry_as_funder_in_both_languages(store: ox.Store) -> None:
    query = """
    PREFIX schema: <https://schema.org/>
    SELECT DISTINCT ?name WHERE {
      ?p a schema:Project ; schema:funding ?g . ?g a schema:MonetaryGrant ; schema:funder ?f .
      ?f schema:name ?name }"""
    names = {(r["name"].value, r["name"].language) for r in store.query(query)}
    assert ("Utenriksdepartementet", "nb") in names
    assert any(lang == "en" and "Ministry of Foreign Affairs" in n for n, lang in names)


def test_amounts_are_decimals_in_nok(store: ox.Store) -> None:
    query = """
    PREFIX schema: <https://schema.org/>
    SELECT ?v ?cur WHERE { ?a a schema:MonetaryAmount ; schema:value ?v ; schema:currency ?cur }"""
    rows = list(store.query(query))
    assert len(rows) == 4
    for r in rows:
        assert r["v"].datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
        assert r["cur"].value == "NOK"


def test_every_project_has_provenance_and_no_blank_nodes(store: ox.Store) -> None:
    query = """
    PREFIX schema: <https://schema.org/>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Project ; prov:wasDerivedFrom ?src .
      ?src schema:contentUrl ?url }"""
    assert int(next(iter(store.query(query)))["n"].value) == 6
    blank = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o FILTER isBlank(?s) } UNION { ?s ?p ?o FILTER isBlank(?o) } }"
    assert int(next(iter(store.query(blank)))["n"].value) == 0


def test_provenance_links_resolve_to_the_copied_source(seed_site: Path) -> None:
    copied = seed_site / "source" / "000_8b726fcce5652894.txt"
    assert copied.is_file()
    assert "Økt innsats mot menneskehandel" in copied.read_text(encoding="utf-8")


def test_iris_live_under_the_base_and_use_checked_slugs(seed_build: tuple[Dataset, Path]) -> None:
    pub, _ = seed_build
    for s in set(pub.graph.subjects()):
        assert str(s).startswith(BASE), s
        assert " " not in str(s) and ".." not in str(s)


def test_pyshacl_reports_the_published_graph_conformant(seed_site: Path) -> None:
    data = Graph().parse(seed_site / "dumps" / "aidlod.nt")
    conforms, _report, text = validate(data, shacl_graph=Graph().parse(data=shapes_source(), format="turtle"),
                                       inference="none", allow_warnings=True)
    assert conforms, text


def test_warnings_mark_the_unknown_amounts(seed_build: tuple[Dataset, Path]) -> None:
    pub, _ = seed_build
    warned = sorted((w.file, w.field) for w in pub.warnings)
    assert warned == [("data/projects/lithuania.yaml", "grants[0].amount"),
                      ("data/projects/romania.yaml", "grants[0].amount")]
