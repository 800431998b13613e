"""The seed's facts that only the projects' ``iati`` blocks can hold: each stated, with its source section.

Source: data/sources/000_8b726fcce5652894.txt. The facts and the sections that state them:

- Polen: "hjelpe 50 kvinnelige ofre for menneskehandel til å vende hjem" — a result whose indicator
  has the target 50 (``aid:targetValue``, aidlod's own: the source gives no period and IATI 2.03 puts
  a target value only in a period with a start and an end date, none of which is invented), said in
  its narratives too;
- Bulgaria: "et treårig prosjekt" — the plain ``duration: P3Y``; "en workshop om temaet som ble
  avholdt i februar 2004" — an output result, period February 2004, actual 1;
- Estland: "en håndbok ... som utgis i estisk og russisk språkdrakt" — an output result in the
  languages ``et`` and ``ru`` (``schema:inLanguage``, aidlod's own: no URL is given, and IATI
  requires one on a document-link with languages), named in its narratives too; its target group and aim;
- Romania: "rettet mot barn og unge fra 11 år og oppover ved alle landets skoler" — a target-group
  description (DescriptionType 3);
- Polen, Latvia, Litauen: target groups, aims, and the named cities Riga and Vilnius.

Each fact is checked in two graphs: the records as the build maps them, and the built site's dump.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.query import ResultRow

from aidlod import records
from aidlod.iati import EXT_NS, export, ruleset, safe_parser, validate_xsd
from aidlod.iris import AID, PROV
from aidlod.mapping import map_records

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SOURCE_TEXT = (DATA / "sources" / "000_8b726fcce5652894.txt").read_text(encoding="utf-8")
BASE = "https://w3id.org/aidlod/"
PREFIXES = """
PREFIX aid: <https://w3id.org/aidlod/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
TARGET_GROUPS = "https://w3id.org/aidlod/codelist/DescriptionType/3#id"
OBJECTIVES = "https://w3id.org/aidlod/codelist/DescriptionType/2#id"
OUTPUT = "https://w3id.org/aidlod/codelist/ResultType/1#id"
UNIT = "https://w3id.org/aidlod/codelist/IndicatorMeasure/1#id"
QUALITATIVE = "https://w3id.org/aidlod/codelist/IndicatorMeasure/5#id"


def project(ident: str) -> str:
    return f"<{BASE}project/{ident}#id>"


@pytest.fixture(scope="module")
def mapped() -> tuple[Graph, Any]:
    """The seed records mapped as the build maps them (``iati`` fields included)."""
    m = map_records(records.load(DATA))
    return m.graph, m.iris


@pytest.fixture(scope="module")
def built(seed_site: Path) -> Graph:
    return Graph().parse(seed_site / "dumps" / "aidlod.nt", format="nt")


@pytest.fixture(params=["mapped", "built"])
def graph(request: pytest.FixtureRequest) -> Graph:
    if request.param == "mapped":
        return request.getfixturevalue("mapped")[0]
    return request.getfixturevalue("built")


def rows(g: Graph, query: str) -> list[dict[str, str]]:
    return [{str(k): str(v) for k, v in row.asdict().items()}
            for row in g.query(PREFIXES + query) if isinstance(row, ResultRow)]


def test_poland_50_women_is_a_result_with_a_target_of_50_and_no_period(graph: Graph) -> None:
    found = rows(graph, f"""
        SELECT ?section ?rnb ?inb ?ien ?target WHERE {{
          {project("poland-return-of-victims")} aid:sourceSection ?section ; aid:iati-result ?r .
          ?r aid:sourceSection ?section ; aid:iati-type <{OUTPUT}> ; aid:iati-description ?rnb ; aid:iati-indicator ?i .
          ?i aid:iati-measure <{UNIT}> ; aid:iati-description ?inb, ?ien ; aid:targetValue ?target .
          FILTER(datatype(?target) = xsd:decimal)
          FILTER(lang(?rnb) = "nb" && lang(?inb) = "nb" && lang(?ien) = "en")
        }}""")
    assert len(found) == 1, found
    fact = found[0]
    assert fact["section"] == "Polen"
    assert "hjelpe 50 kvinnelige ofre for menneskehandel til å vende hjem" in fact["rnb"]
    assert "50 kvinner" in fact["inb"] and "50 women" in fact["ien"]
    assert fact["target"] == "50"
    # No period, so no IATI target node and no date: the source states none.
    periods = f'ASK {{ {project("poland-return-of-victims")} aid:iati-result/aid:iati-indicator/aid:iati-period ?p }}'
    assert not graph.query(PREFIXES + periods).askAnswer


def test_bulgaria_three_year_project_is_the_plain_duration(built: Graph) -> None:
    found = rows(built, f"""
        SELECT ?d ?section WHERE {{
          {project("bulgaria-corruption-and-trafficking")} schema:duration ?d ; aid:sourceSection ?section }}""")
    assert found == [{"d": "P3Y", "section": "Bulgaria"}]


def test_bulgaria_february_2004_workshop_is_an_output_held_once_that_month(graph: Graph) -> None:
    found = rows(graph, f"""
        SELECT ?section ?start ?end ?actual WHERE {{
          {project("bulgaria-corruption-and-trafficking")} aid:iati-result ?r .
          ?r aid:sourceSection ?section ; aid:iati-type <{OUTPUT}> ;
             aid:iati-title "Workshop held in February 2004"@en, "Workshop avholdt i februar 2004"@nb ;
             aid:iati-indicator ?i .
          ?i aid:iati-measure <{UNIT}> ; aid:iati-period ?p .
          ?p aid:iati-period-start/aid:iati-iso-date ?start ; aid:iati-period-end/aid:iati-iso-date ?end ;
             aid:iati-actual/aid:iati-at-value ?actual .
        }}""")
    assert found == [{"section": "Bulgaria", "start": "2004-02-01", "end": "2004-02-29", "actual": "1"}]


def test_estonia_handbook_languages_are_an_output_result(graph: Graph) -> None:
    found = rows(graph, f"""
        SELECT ?section ?title_en ?title_nb ?langs WHERE {{
          {project("estonia-trafficking-handbook")} aid:iati-result ?r .
          ?r aid:sourceSection ?section ; aid:iati-type <{OUTPUT}> ; aid:iati-title ?title_en, ?title_nb ;
             aid:iati-indicator ?i .
          ?i aid:iati-measure <{QUALITATIVE}> ; aid:iati-description ?langs .
          FILTER(lang(?title_en) = "en" && lang(?title_nb) = "nb" && lang(?langs) = "en")
        }}""")
    assert len(found) == 1, found
    assert found[0]["section"] == "Estland"
    assert "Estonian and Russian" in found[0]["title_en"] and "estisk og russisk" in found[0]["title_nb"]
    assert found[0]["langs"] == "Estonian and Russian."
    # and as language codes (aidlod-languages: IATI's document-link languages need the URL the source lacks)
    codes = rows(graph, f"""SELECT ?code WHERE {{
        {project("estonia-trafficking-handbook")} aid:iati-result/schema:inLanguage ?code }} ORDER BY ?code""")
    assert [r["code"] for r in codes] == ["et", "ru"]


@pytest.mark.parametrize(("ident", "kind", "section", "nb_quote"), [
    ("romania-prevention-campaign", TARGET_GROUPS, "Romania",
     "Barn og unge fra 11 år og oppover ved alle landets skoler"),
    ("poland-return-of-victims", TARGET_GROUPS, "Polen", "i hovedsak kvinner som har vært utsatt for sexhandel"),
    ("estonia-trafficking-handbook", TARGET_GROUPS, "Estland",
     "offentlige myndigheter og ikke-statlige organisasjoner, risikogrupper og lærere"),
    ("estonia-trafficking-handbook", OBJECTIVES, "Estland",
     "øke bevisstheten om hvordan menneskehandel kan forebygges"),
    ("latvia-riga-drop-in-centre", TARGET_GROUPS, "Latvia", "Prostituerte i Riga som er ofre for menneskehandel"),
    ("latvia-riga-drop-in-centre", OBJECTIVES, "Latvia", "forebygge menneskehandel og informere om hiv"),
    ("lithuania-legal-advice-centre", TARGET_GROUPS, "Litauen", "juridisk rådgivningskontor for kvinner i Litauen"),
    ("lithuania-legal-advice-centre", OBJECTIVES, "Litauen", "styrke kvinners rettigheter og forebygge menneskehandel"),
])
def test_target_groups_and_aims_are_descriptions_in_nb_and_en(graph: Graph, ident: str, kind: str, section: str,
                                                              nb_quote: str) -> None:
    found = rows(graph, f"""
        SELECT ?section ?nb ?en WHERE {{
          {project(ident)} aid:iati-description ?d .
          ?d aid:iati-type <{kind}> ; aid:sourceSection ?section ; aid:iati-narrative ?nb, ?en .
          FILTER(lang(?nb) = "nb" && lang(?en) = "en")
        }}""")
    assert len(found) == 1, found
    assert found[0]["section"] == section
    assert nb_quote in found[0]["nb"]
    assert found[0]["en"]


@pytest.mark.parametrize(("ident", "city", "section"), [
    ("latvia-riga-drop-in-centre", "Riga", "Latvia"),
    ("lithuania-legal-advice-centre", "Vilnius", "Litauen"),
])
def test_the_named_cities_are_locations_without_invented_coordinates(graph: Graph, ident: str, city: str,
                                                                     section: str) -> None:
    found = rows(graph, f"""
        SELECT ?section ?name WHERE {{
          {project(ident)} aid:iati-location ?l .
          ?l aid:sourceSection ?section ; aid:iati-name ?name . FILTER(lang(?name) = "en")
          FILTER NOT EXISTS {{ ?l aid:iati-point ?pt }}
        }}""")
    assert found == [{"section": section, "name": city}]


def test_every_iati_element_names_its_projects_section_and_source(graph: Graph) -> None:
    found = rows(graph, """
        SELECT ?p ?el ?psection ?section ?src WHERE {
          ?p a schema:Project ; aid:sourceSection ?psection ; prov:wasDerivedFrom ?src ; ?link ?el .
          FILTER(STRSTARTS(STR(?link), "https://w3id.org/aidlod/ontology#iati-") && isIRI(?el))
          OPTIONAL { ?el aid:sourceSection ?section }
        }""")
    assert len(found) == 13  # 3 results, 8 descriptions, 2 locations
    for row in found:
        assert row.get("section") == row["psection"], row
        assert (URIRef(row["el"]), PROV.wasDerivedFrom, URIRef(row["src"])) in graph


def test_no_figure_or_date_beyond_the_source(mapped: tuple[Graph, Any]) -> None:
    g, _ = mapped
    iati_props = [p for p in set(g.predicates()) if str(p).startswith(str(AID) + "iati-")]
    for p in iati_props:
        for o in g.objects(None, p):
            if isinstance(o, Literal) and o.language:
                for number in re.findall(r"\d+", str(o)):
                    assert number in SOURCE_TEXT, (p, str(o))
    assert not list(g.subjects(RDF.type, AID.Target)) and not list(g.subjects(RDF.type, AID.Baseline))
    targets = [str(o) for o in g.objects(None, AID.targetValue)]
    assert targets == ["50"] and all(t in SOURCE_TEXT for t in targets)
    dates = sorted(str(o) for o in g.objects(None, AID["iati-iso-date"]))
    assert dates == ["2004-02-01", "2004-02-29"]  # "i februar 2004": the one date the blocks hold


def _check_export(xml: bytes) -> Any:
    assert validate_xsd(xml, "activities") == []
    doc = etree.fromstring(xml, safe_parser())
    failures, _ = ruleset.check(doc)
    assert failures == []
    return doc


def test_the_facts_export_as_valid_iati_203(mapped: tuple[Graph, Any]) -> None:
    g, iris = mapped
    doc = _check_export(export.export(g, iris).activities)
    assert len(doc.findall(".//result")) == 3 and len(doc.findall(".//location")) == 2
    assert doc.findall(".//target") == []
    # the target without a period: aidlod's attribute on the indicator (schema-valid: it is open to them)
    assert [i.get(f"{{{EXT_NS}}}target") for i in doc.iter("indicator") if i.get(f"{{{EXT_NS}}}target")] == ["50"]
    assert [r.get(f"{{{EXT_NS}}}languages") for r in doc.iter("result") if r.get(f"{{{EXT_NS}}}languages")] == \
        ["et ru"]
    workshop = doc.find(f".//result[@{{{EXT_NS}}}source-section='Bulgaria']")
    assert workshop.find("indicator/period/actual").get("value") == "1"
    romania = [a for a in doc.findall("iati-activity")
               if a.findtext("iati-identifier").endswith("-romania-prevention-campaign")]
    assert [d.get("type") for d in romania[0].findall("description")] == ["1", "3"]


def test_the_built_sites_iati_export_holds_the_facts(seed_site: Path) -> None:
    doc = _check_export((seed_site / "iati" / "activities.xml").read_bytes())
    assert len(doc.findall(".//result")) == 3
