"""IATI import of a dataset's own metadata for publishers whose language is not Norwegian (continued from
test_iati_import_quirks29.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyshacl
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH

from aidlod.build import build
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import _file, _import  # the same helpers as the first file
from test_iati_import_quirks22 import MAEC, MAEC_NAME  # the Spanish foreign ministry's activities, cut down

SHAPES = Path(__file__).resolve().parent / "dcat-ap-no"
SPDX_ALGORITHM = URIRef("http://spdx.org/rdf/terms#algorithm")


def _aidstream() -> bytes:
    """Internews Europe's activity from AidStream's export (as in test_iati_import_quirks22.py): its
    titles in English (xml:lang="") and French, so it gives a dataset French pages."""
    activity = ('<iati-activity last-updated-datetime="2016-09-30T16:48:19+00:00" xml:lang="en" default-currency='
                '"GBP" humanitarian="0" hierarchy="1" linked-data-uri=""><reporting-org type="21" ref="GB-CHC-1148404">'
                '<narrative xml:lang="en">Internews Europe</narrative></reporting-org><iati-identifier>GB-CHC-1148404-'
                '4104-1_CS-HR-NMFA</iati-identifier><title><narrative xml:lang="">Test Title 1</narrative><narrative '
                'xml:lang="fr">Test Title 2</narrative></title><participating-org ref="GB-CHC-1148404" type="21" '
                'role="2" activity-id="4104-1_CS-HR-NMFA"><narrative xml:lang="en">Internews Europe</narrative>'
                '</participating-org><activity-status code="2"/><activity-date type="2" iso-date="2016-08-22"/>'
                '<recipient-country code="NP" percentage="50"><narrative>nepal</narrative></recipient-country>'
                '<recipient-region code="88" percentage="50" vocabulary="99" vocabulary-uri="http://www.google.com">'
                '<narrative>recipient region</narrative></recipient-region></iati-activity>')
    return _file(activity, root='version="2.02"')


def _yaml(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _front_page_dataset(page: Path) -> dict[str, list[dict[str, str]]]:
    """The dataset node of a front page's JSON-LD, what search engines read of it."""
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"),
                          flags=re.S)
    [node] = [n for n in json.loads(script)["@graph"] if n["@id"].endswith("#dataset")]
    return node  # type: ignore[no-any-return]


# Cut down from the Spanish foreign ministry's (MAEC) activities ES-DIR3-E04585801-009-001301, -002143 and
# -066287 (zimmerman-team/IATI.cloud OIPA/iati_prot/MAEC_IATI_INDONESIA.xml at
# aaf902442304383247481e7a7bee61435a02fb1b): titles in Spanish, so the new dataset's one language is
# Spanish. The import titled and described the dataset in English, Spanish and Norwegian ("IATI-aktiviteter
# fra Ministry of Foreign Affairs and Cooperation, Spain"), and its source record too ("IATI-aktivitetsfil
# …", the title of each activity's document-link in the IATI re-export); the catalog a portal harvests
# named it "Datakatalog: IATI-aktiviteter fra …"@nb, and the front page's JSON-LD and its table showed the
# Norwegian title and the codelists' credit in Norwegian, a language the ministry never wrote in. They are
# in Spanish and English (the language international aggregators read) now, and the catalog still passes
# the DCAT-AP-NO shapes (but for the documented SHA-256).
def test_a_spanish_publishers_dataset_is_described_in_spanish_and_english_not_norwegian(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, MAEC)
    dataset = _yaml(data / "dataset.yaml")
    assert dataset["languages"] == ["es"]
    assert dataset["title"] == {"en": f"IATI activities of {MAEC_NAME}", "es": f"Actividades IATI de {MAEC_NAME}"}
    assert sorted(dataset["description"]) == ["en", "es"]  # type: ignore[call-overload]
    assert _yaml(data / "sources" / "published.yaml")["title"] == {
        "en": "IATI activity file published.xml", "es": "Archivo de actividades IATI published.xml"}

    site = tmp_path / "site"
    build(data, site)
    catalog = Graph().parse(site / "catalog.ttl")
    assert not [o for o in catalog.objects() if isinstance(o, Literal) and o.language == "nb"]
    assert set(catalog.objects(URIRef("http://example.org/catalog#id"), DCTERMS.title)) == {
        Literal(f"Catálogo de datos: Actividades IATI de {MAEC_NAME}", lang="es"),
        Literal(f"Data catalogue: IATI activities of {MAEC_NAME}", lang="en")}
    shapes = Graph().parse(SHAPES / "DCAT-AP-NO-shacl_shapes_2.00.ttl")
    ontologies = Graph().parse(SHAPES / "ontologies.ttl")
    _conforms, report, text = pyshacl.validate(catalog, shacl_graph=shapes, ont_graph=ontologies,
                                               allow_warnings=False)
    assert not [r for r in report.subjects(RDF.type, SH.ValidationResult)
                if report.value(r, SH.resultPath) != SPDX_ALGORITHM], text

    front = _front_page_dataset(site / "index.es.html")
    assert {n["@language"] for n in front["schema:name"]} == {"en", "es"}
    assert {n["@language"] for n in front["schema:description"]} == {"en", "es"}
    assert {n["@language"] for n in front["schema:creditText"]} == {"en"}
    page = (site / "index.es.html").read_text(encoding="utf-8")
    assert 'lang="nb"' not in page and "IATI-aktiviteter" not in page and "IATI-kodelister" not in page
    exported = (site / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert 'xml:lang="nb"' not in exported
    assert "Archivo de actividades IATI published.xml</narrative>" in exported


# The same MAEC activities (zimmerman-team/IATI.cloud OIPA/iati_prot/MAEC_IATI_INDONESIA.xml at
# aaf902442304383247481e7a7bee61435a02fb1b), the ministry having retitled its dataset in dataset.yaml
# ("Cooperación Española en Indonesia"), then Internews Europe's activity from AidStream's export
# (younginnovations/aidstream tests/app/xmlImporter/xml/V202.xml at db0b4452ae1cccedd36149af6106524f196dd9e4)
# imported into it: its French titles give the dataset French pages. The ministry's own Spanish title is
# kept; the dataset is titled in French as well, in no Norwegian; the new file's source record was titled
# in the dataset's languages before this import (English, Spanish): it is in French too now, the language
# this very file added. A dataset.yaml the publisher wrote (no import's header) is left byte for byte.
def test_a_later_import_keeps_the_publishers_dataset_texts_and_adds_the_new_language(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, MAEC)
    path = data / "dataset.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        f"es: Actividades IATI de {MAEC_NAME}", "es: Cooperación Española en Indonesia"), encoding="utf-8")
    french = tmp_path / "aidstream.xml"
    french.write_bytes(_aidstream())
    lines = import_iati(french, data).lines()
    assert any("the dataset's pages are now in en, fr too" in line for line in lines), lines
    # the ministry's projects have no French title: the build's warnings of each are announced
    before = len(list((data / "projects").glob("*.yaml"))) - 1
    assert any(f"the build warns of each of the {before} project(s) already in the data that has no title in them "
               "(take them out of 'languages'" in line for line in lines), lines
    dataset = _yaml(path)
    assert dataset["languages"] == ["es", "en", "fr"]
    assert dataset["title"] == {"en": f"IATI activities of {MAEC_NAME}", "es": "Cooperación Española en Indonesia",
                                "fr": f"Activités IATI publiées par {MAEC_NAME}"}
    assert sorted(dataset["description"]) == ["en", "es", "fr"]  # type: ignore[call-overload]
    assert _yaml(data / "sources" / "aidstream.yaml")["title"] == {
        "en": "IATI activity file aidstream.xml", "es": "Archivo de actividades IATI aidstream.xml",
        "fr": "Fichier d'activités IATI aidstream.xml"}

    own = tmp_path / "own"
    own.mkdir()
    _import(own, MAEC)
    written = "title:\n  es: Cooperación Española\ndescription:\n  es: Nuestra ayuda.\n" + re.sub(
        r"(?s)^.*?\npublisher:", "publisher:", (own / "data" / "dataset.yaml").read_text(encoding="utf-8"))
    (own / "data" / "dataset.yaml").write_text(written, encoding="utf-8")
    lines = import_iati(french, own / "data").lines()
    assert any("in which the dataset has no pages: add it to 'languages'" in line for line in lines), lines
    assert (own / "data" / "dataset.yaml").read_text(encoding="utf-8") == written
    assert _yaml(own / "data" / "sources" / "aidstream.yaml")["title"] == {
        "en": "IATI activity file aidstream.xml", "es": "Archivo de actividades IATI aidstream.xml"}
