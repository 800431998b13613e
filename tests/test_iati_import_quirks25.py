"""IATI import and what harvesters read of the site (the DCAT catalog, VoID, the change feed) for real
publishers' files (continued from test_iati_import_quirks24.py): each case is cut down from a published
file, named in the test."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pyshacl
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SH

from aidlod.build import build
from test_iati_import_quirks import _import  # the same helpers as the first file
from test_iati_import_quirks22 import MAEC  # the Spanish foreign ministry's activities, cut down

SHAPES = Path(__file__).resolve().parent / "dcat-ap-no"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SPDX_ALGORITHM = URIRef("http://spdx.org/rdf/terms#algorithm")


def _maec(tmp_path: Path) -> Path:
    """The Spanish foreign ministry's activities, cut down (the same three as test_iati_import_quirks22.py):
    titles in Spanish alone, so the import makes Spanish the dataset's one language."""
    data, _lines = _import(tmp_path, MAEC)
    return data


def _own_words(catalog: Graph) -> dict[URIRef, set[str | None]]:
    """The languages of the catalog's own words: the titles and descriptions of the distributions
    (dumps, tables, report, IATI files, the feed) and of the SPARQL endpoint."""
    things = [*catalog.subjects(RDF.type, DCAT.Distribution), *catalog.subjects(RDF.type, DCAT.DataService)]
    return {URIRef(str(s)): {o.language for p in (DCTERMS.title, DCTERMS.description) for o in catalog.objects(s, p)
                             if isinstance(o, Literal)} for s in things}


# Cut down from the Spanish foreign ministry's (MAEC) activities ES-DIR3-E04585801-009-001301, -002143 and
# -066287 (zimmerman-team/IATI.cloud OIPA/iati_prot/MAEC_IATI_INDONESIA.xml at
# aaf902442304383247481e7a7bee61435a02fb1b), imported as they are: the dataset's one language is Spanish.
# The catalog a portal harvests titled every distribution, the change feed and the SPARQL endpoint in
# English and Norwegian ("activities.csv: en tabell over dataene …"@nb), none in Spanish; the change feed
# was English (xml:lang="en", "Release 1", "First release: 734 triples."). They are Spanish now, the
# catalog still passes the DCAT-AP-NO shapes (but for the documented SHA-256), and two builds agree.
def test_a_spanish_datasets_catalog_and_change_feed_speak_spanish(tmp_path: Path) -> None:
    data = _maec(tmp_path)
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["languages"] == ["es"]
    site = tmp_path / "site"
    build(data, site)
    catalog = Graph().parse(site / "catalog.ttl")
    words = _own_words(catalog)
    assert len(words) > 20 and all(langs == {"es"} for langs in words.values()), words
    feed_dist = URIRef("http://example.org/catalog#feed")
    assert catalog.value(feed_dist, DCTERMS.title) == Literal("Canal de cambios (Atom)", lang="es")
    assert catalog.value(URIRef("http://example.org/catalog#sparql"), DCTERMS.title) == \
        Literal("Punto de acceso SPARQL", lang="es")
    tables = catalog.value(URIRef("http://example.org/catalog#dump-activities-csv"), DCTERMS.title)
    assert tables == Literal("activities.csv: una tabla de los datos, CSV on the Web (descrita en "
                             "tables/csv-metadata.json)", lang="es")
    # VoID names the feed as the catalog does
    void = Graph().parse(site / "void.ttl")
    assert void.value(feed_dist, DCTERMS.title) == Literal("Canal de cambios (Atom)", lang="es")

    shapes = Graph().parse(SHAPES / "DCAT-AP-NO-shacl_shapes_2.00.ttl")
    ontologies = Graph().parse(SHAPES / "ontologies.ttl")
    _conforms, report, text = pyshacl.validate(catalog, shacl_graph=shapes, ont_graph=ontologies,
                                               allow_warnings=False)
    unexpected = [r for r in report.subjects(RDF.type, SH.ValidationResult)
                  if report.value(r, SH.resultPath) != SPDX_ALGORITHM]
    assert not unexpected, text

    feed = ET.parse(site / "feed.atom").getroot()
    assert feed.get(XML_LANG) == "es"
    assert feed.findtext(f"{ATOM}subtitle") == ("Las versiones del conjunto de datos; cada entrada nombra los "
                                                "recursos que cambió.")
    [entry] = feed.findall(f"{ATOM}entry")
    assert (entry.findtext(f"{ATOM}title") or "").startswith("Versión 1 (")
    # (no Norwegian title, description, source title or credit: test_iati_import_quirks30.py)
    assert entry.findtext(f"{ATOM}content") == "Primera versión: 790 tripletas. Descargue el volcado completo."
    # the title is the dataset's Spanish one; the publisher's name, stated in English, says so
    assert feed.findtext(f"{ATOM}title") == "Actividades IATI de Ministry of Foreign Affairs and Cooperation, Spain"
    assert feed.find(f"{ATOM}title").get(XML_LANG) is None  # type: ignore[union-attr]
    assert feed.find(f"{ATOM}author").get(XML_LANG) == "en"  # type: ignore[union-attr]
    pages = {link.get("hreflang"): link.get("href") for link in feed.findall(f"{ATOM}link")
             if link.get("rel") == "alternate" and link.get("hreflang")}
    assert pages == {"es": "http://example.org/index.es.html"} and (site / "index.es.html").is_file()

    again = tmp_path / "again"
    build(data, again)
    for name in ("catalog.ttl", "catalog.jsonld", "void.ttl", "feed.atom"):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name


# The same MAEC activities (zimmerman-team/IATI.cloud OIPA/iati_prot/MAEC_IATI_INDONESIA.xml at
# aaf902442304383247481e7a7bee61435a02fb1b), their dataset given Spanish and French as its languages, as a
# publisher writing for both would (dataset.yaml languages: [es, fr]). The catalog's words were English and
# Norwegian, neither of them; they are in each of the two now. An Atom feed has one title and subtitle
# (RFC 4287 4.1.1): without English among them, it speaks the dataset's first language, Spanish, and links the
# front page in each.
def test_a_catalog_speaks_each_language_of_its_dataset_and_the_feed_its_first(tmp_path: Path) -> None:
    data = _maec(tmp_path)
    meta = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    meta["languages"] = ["es", "fr"]
    (data / "dataset.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    build(data, site)
    catalog = Graph().parse(site / "catalog.ttl")
    words = _own_words(catalog)
    assert all(langs == {"es", "fr"} for langs in words.values()), words
    assert Literal("Point d’accès SPARQL", lang="fr") in set(
        catalog.objects(URIRef("http://example.org/catalog#sparql"), DCTERMS.title))
    feed = ET.parse(site / "feed.atom").getroot()
    assert feed.get(XML_LANG) == "es"
    pages = [(link.get("hreflang"), link.get("href")) for link in feed.findall(f"{ATOM}link")
             if link.get("rel") == "alternate" and link.get("hreflang")]
    assert pages == [("es", "http://example.org/index.es.html"), ("fr", "http://example.org/index.fr.html")]
    assert (site / "index.fr.html").is_file()
    # the next release's entry says what changed in Spanish; the kind of change is changes.json's word
    record = data / "projects" / "009-066287.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Becas ONU", "Becas ONU 2014"), encoding="utf-8")
    build(data, site)
    newest = ET.parse(site / "feed.atom").getroot().findall(f"{ATOM}entry")[0]
    assert (newest.findtext(f"{ATOM}content") or "").startswith(
        "Recursos: 0 añadidos, 1 cambiados, 0 eliminados; tripletas: 1 añadidas, 1 eliminadas, desde la versión 1-")
    [related] = [link for link in newest.findall(f"{ATOM}link") if link.get("rel") == "related"]
    assert related.get("title") == "changed" and related.get(XML_LANG) == "en"
    assert related.get("href") == "http://example.org/project/009-066287"
    # a language aidlod has no words for is left to English, never English words tagged with it
    from aidlod.site.i18n import written_languages

    assert written_languages(["fi", "ja"]) == ["en"] and written_languages(["fi", "es"]) == ["es"]
