"""What harvesters and portals read of a site built from real publishers' IATI files: the DCAT-AP-NO
catalog, the JSON-LD of the pages, the IATI XML. Each case is cut down from a published file, named
in the test."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyshacl
from pyld import jsonld
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from aidlod.build import build
from aidlod.iati.importer import import_iati
from aidlod.iris import DCT, SCHEMA
from aidlod.writers.catalog import catalog_graph
from conftest import stage_in
from test_iati_import_quirks import GATES_OPENING, _file

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "tests" / "dcat-ap-no"
SPDX_ALGORITHM = URIRef("http://spdx.org/rdf/terms#algorithm")
EU_LICENCE = "http://publications.europa.eu/resource/authority/licence/"
SKOS = "http://www.w3.org/2004/02/skos/core#"

# Bill and Melinda Gates Foundation's DAC-1601-INV-006216 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_10.xml at 27495286329b47911637e7396f4212f439a4d106), cut down.
GATES = (GATES_OPENING + '<transaction><transaction-type code="3"></transaction-type><transaction-date '
         'iso-date="2020-03-16"></transaction-date><value currency="USD" value-date="2020-03-16">199890</value>'
         '<provider-org ref="DAC-1601" type="60"><narrative xml:lang="EN">Bill and Melinda Gates Foundation'
         '</narrative></provider-org><receiver-org><narrative xml:lang="EN">Columbia University</narrative>'
         '</receiver-org></transaction></iati-activity>')


def _site(tmp_path: Path, *activities: str, licence: str) -> Path:
    """The site built from ``activities`` imported as one file into a new dataset under ``licence``."""
    source = tmp_path / "published.xml"
    source.write_bytes(_file(*activities))
    import_iati(source, tmp_path / "data", licence=licence, base_iri="http://example.org/")
    build(tmp_path / "data", tmp_path / "site")
    return tmp_path / "site"


def _shape_violations(catalog: Graph) -> list[tuple[str, str]]:
    """What the official DCAT-AP-NO shapes find wrong in ``catalog`` (focus node, path), but the one
    deviation the catalog documents (SHA-256 checksums where the shapes ask for SHA-1)."""
    shapes = Graph().parse(SHAPES / "DCAT-AP-NO-shacl_shapes_2.00.ttl")
    _conforms, report, _text = pyshacl.validate(catalog, shacl_graph=shapes,
                                                ont_graph=Graph().parse(SHAPES / "ontologies.ttl"))
    return sorted({(str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)))
                   for r in report.subjects(RDF.type, SH.ValidationResult)
                   if report.value(r, SH.resultPath) != SPDX_ALGORITHM})


# The Gates Foundation's activity above, imported with the licence IATI publishers mostly state on the
# IATI Registry, CC BY 4.0, given by its address (http://creativecommons.org/licenses/by/4.0/). The
# catalog gave every distribution that IRI as dct:license, and the DCAT-AP-NO shapes refuse any licence
# not of the EU licence authority: 26 violations, a catalog data.norge.no and data.europa.eu turn down.
def test_a_creative_commons_licence_is_the_eu_authoritys_in_the_catalog(tmp_path: Path) -> None:
    site = _site(tmp_path, GATES, licence="http://creativecommons.org/licenses/by/4.0/")
    catalog = Graph().parse(site / "catalog.ttl")
    assert _shape_violations(catalog) == []
    cc_by = URIRef(EU_LICENCE + "CC_BY_4_0")
    assert set(catalog.objects(None, DCT.license)) == {cc_by}
    # the address the data gives is kept, as the same licence
    assert (cc_by, URIRef(SKOS + "exactMatch"), URIRef("http://creativecommons.org/licenses/by/4.0/")) in catalog
    # the data and the pages still say what was given
    dump = Graph().parse(site / "dumps" / "aidlod.ttl")
    assert set(dump.objects(URIRef("http://example.org/#dataset"), SCHEMA.license)) == {
        URIRef("http://creativecommons.org/licenses/by/4.0/")}

    # a licence the EU authority does not list is kept as given, and the build says harvesters may refuse it
    g = Graph()
    ds = URIRef("http://example.org/#dataset")
    g.add((ds, SCHEMA.name, Literal("Activities", lang="en")))
    g.add((ds, SCHEMA.license, URIRef("https://example.org/our-licence")))
    stage = stage_in(tmp_path / "stage")
    own = catalog_graph(g, "http://example.org/", stage)
    assert set(own.objects(None, DCT.license)) == {URIRef("https://example.org/our-licence")}
    assert [(w.field, w.severity) for w in stage.warnings] == [("licence", "warning")]
    assert "'https://example.org/our-licence'" in stage.warnings[0].message


# The Gates Foundation's activity above: the front page's JSON-LD (a schema.org Dataset, what Google's
# dataset search reads) gave its creator and publisher as the bare IRI of the foundation's record. A
# search engine reads no other page for it: the creator had no type and no name ("Bill and Melinda
# Gates Foundation", which the page shows), and Google's structured-data test asks for both.
def test_the_front_pages_dataset_names_its_creator(tmp_path: Path) -> None:
    site = _site(tmp_path, GATES, licence="http://creativecommons.org/licenses/by/4.0/")
    page = (site / "index.en.html").read_text(encoding="utf-8")
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, flags=re.S)
    nodes = {n["@id"]: n for n in jsonld.expand(json.loads(block))}
    schema = "https://schema.org/"
    dataset = nodes["http://example.org/#dataset"]
    [creator] = dataset[schema + "creator"]
    assert dataset[schema + "publisher"] == [creator]
    agent = nodes[creator["@id"]]
    assert agent["@type"] == [schema + "Organization"]
    assert agent[schema + "name"] == [{"@value": "Bill and Melinda Gates Foundation", "@language": "en"}]
    assert agent[schema + "identifier"] == [{"@value": "DAC-1601"}]
    assert "Bill and Melinda Gates Foundation" in page  # what the page shows
    # nothing else of the foundation's record (its sources, its type code) is added to the front page
    assert set(agent) == {"@id", "@type", schema + "name", schema + "identifier"}
