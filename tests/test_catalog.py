"""VoID, the DCAT-AP-NO catalog, sitemap.xml and robots.txt describe the built site truthfully."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH, XSD

from aidlod.build import build
from aidlod.iris import AID, DCAT, DCT, SCHEMA
from aidlod.writers.catalog import alpha3, catalog_graph, language_code, temporal_range
from conftest import in_ci, stage_in

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "tests" / "dcat-ap-no"
BASE = "https://w3id.org/aidlod/"
VOID = Namespace("http://rdfs.org/ns/void#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def local(site: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    return site / url[len(BASE):]


@pytest.fixture(scope="module")
def catalog(seed_site: Path) -> Graph:
    return Graph().parse(seed_site / "catalog.ttl")


@pytest.fixture(scope="module")
def void(seed_site: Path) -> Graph:
    return Graph().parse(seed_site / "void.ttl")


def test_catalog_passes_the_official_dcat_ap_no_shapes(catalog: Graph) -> None:
    """Conforms, except for the one documented deviation: SHA-256 where the shapes demand SHA-1."""
    shapes = Graph().parse(SHAPES / "DCAT-AP-NO-shacl_shapes_2.00.ttl")
    ontologies = Graph().parse(SHAPES / "ontologies.ttl")
    _conforms, report, text = pyshacl.validate(catalog, shacl_graph=shapes, ont_graph=ontologies,
                                               allow_warnings=False)
    checksums = set(catalog.subjects(RDF.type, SPDX.Checksum))
    csvs = {d for d in catalog.subjects(RDF.type, DCAT.Distribution)
            if str(catalog.value(d, DCAT.downloadURL)).endswith(".csv")}
    # the dumps, the report, the tables, the two IATI files
    assert len(checksums) == 5 + len(csvs) + 2 and len(csvs) >= 10
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    unexpected = [r for r in results if not (
        report.value(r, SH.resultPath) == SPDX.algorithm
        and report.value(r, SH.focusNode) in checksums
        and report.value(r, SH.sourceConstraintComponent) == SH.HasValueConstraintComponent)]
    assert not unexpected, text
    assert len(results) == len(checksums)  # exactly one (the algorithm) per checksum


def test_catalog_has_what_dcat_ap_no_asks_for(catalog: Graph) -> None:
    ds = URIRef(BASE + "#dataset")
    cat = next(iter(catalog.subjects(RDF.type, DCAT.Catalog)))
    assert (cat, DCAT.dataset, ds) in catalog
    for node in (cat, ds):
        assert {t.language for t in catalog.objects(node, DCT.title)} == {"nb", "en"}
        assert {t.language for t in catalog.objects(node, DCT.description)} == {"nb", "en"}
        assert catalog.value(node, DCT.publisher) == URIRef(BASE + "organisation/mfa#id")
    contact = catalog.value(ds, DCAT.contactPoint)
    assert catalog.value(contact, Namespace("http://www.w3.org/2006/vcard/ns#").hasEmail) == \
        URIRef("mailto:aidlod@example.org")
    themes = set(catalog.objects(ds, DCAT.theme))
    assert themes and all(str(t).startswith("http://publications.europa.eu/resource/authority/data-theme/")
                          for t in themes)
    spatial = {str(s).rsplit("/", 1)[1] for s in catalog.objects(ds, DCT.spatial)}
    assert spatial == {"POL", "LTU", "LVA", "EST", "BGR", "ROU"}
    period = catalog.value(ds, DCT.temporal)
    assert catalog.value(period, DCAT.startDate) == Literal("2003-01-01", datatype=XSD.date)
    licences = set(catalog.objects(None, DCT.license))
    assert licences == {URIRef("http://publications.europa.eu/resource/authority/licence/NLOD_2_0")}


def test_every_dump_has_a_distribution_whose_size_and_checksum_match_the_file(
        seed_site: Path, catalog: Graph) -> None:
    every = set(catalog.subjects(RDF.type, DCAT.Distribution))
    feed = URIRef(BASE + "catalog#feed")  # the change feed (docs/releases.md), a file that changes every release
    assert feed in every and catalog.value(feed, DCAT.downloadURL) == URIRef(BASE + "feed.atom")
    dists = sorted(every - {feed})
    urls = {str(catalog.value(d, DCAT.downloadURL)) for d in dists}
    dumps = {BASE + "dumps/" + p.name for p in (seed_site / "dumps").iterdir() if p.name != "context.jsonld"}
    tables = {BASE + "tables/" + p.name for p in (seed_site / "tables").glob("*.csv")}
    iati = {BASE + "iati/activities.xml", BASE + "iati/organisation.xml"}  # for aid-transparency harvesters
    assert len(tables) >= 10 and urls == dumps | tables | iati
    for d in dists:
        if str(catalog.value(d, DCAT.downloadURL)) in iati:
            assert catalog.value(d, DCT.conformsTo) == URIRef("http://reference.iatistandard.org/203/")
    media = {"aidlod.ttl": "text/turtle", "aidlod.nt": "application/n-triples",
             "aidlod.nt.gz": "application/n-triples", "aidlod.jsonld": "application/ld+json",
             "validation-report.ttl": "text/turtle", "findings.csv": "text/csv", "activities.xml": "application/xml",
             "organisation.xml": "application/xml",
             **{p.name: "text/csv" for p in (seed_site / "tables").glob("*.csv")}}
    for d in dists:
        path = local(seed_site, str(catalog.value(d, DCAT.downloadURL)))
        data = path.read_bytes()
        size = catalog.value(d, DCAT.byteSize)
        assert size.datatype == XSD.decimal and int(size) == len(data), path.name
        checksum = catalog.value(d, SPDX.checksum)
        assert catalog.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(catalog.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest(), path.name
        assert str(catalog.value(d, DCAT.mediaType)) == \
            "https://www.iana.org/assignments/media-types/" + media[path.name]
        assert str(catalog.value(d, DCT["format"])).startswith(
            "http://publications.europa.eu/resource/authority/file-type/")
        assert catalog.value(d, DCAT.accessURL) is not None
        if path.name == "validation-report.ttl":  # the SHACL report of the data, said to be one
            assert catalog.value(d, DCT.conformsTo) == URIRef("https://www.w3.org/TR/shacl/")


def test_catalog_jsonld_holds_the_same_triples_as_the_turtle(seed_site: Path, catalog: Graph) -> None:
    assert isomorphic(Graph().parse(seed_site / "catalog.jsonld", format="json-ld"), catalog)


def test_void_counts_equal_the_dump(seed_site: Path, void: Graph) -> None:
    ds = URIRef(BASE + "#dataset")
    triples = list(ox.parse(path=str(seed_site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES))
    assert int(void.value(ds, VOID.triples)) == len(triples)
    assert int(void.value(ds, VOID.distinctSubjects)) == len({t.subject for t in triples})
    assert int(void.value(ds, VOID.distinctObjects)) == len({t.object for t in triples})
    typed = {t.subject for t in triples if t.predicate.value == RDF_TYPE}
    assert int(void.value(ds, VOID.entities)) == len(typed)
    classes = Counter(t.object.value for t in triples if t.predicate.value == RDF_TYPE)
    got_classes = {str(void.value(p, VOID["class"])): int(void.value(p, VOID.entities))
                   for p in void.objects(ds, VOID.classPartition)}
    assert got_classes == dict(classes)
    properties = Counter(t.predicate.value for t in triples)
    got_properties = {str(void.value(p, VOID.property)): int(void.value(p, VOID.triples))
                      for p in void.objects(ds, VOID.propertyPartition)}
    assert got_properties == dict(properties)
    assert got_classes[str(SCHEMA.Project)] == 6
    for dump in void.objects(ds, VOID.dataDump):
        assert local(seed_site, str(dump)).is_file()
    assert str(void.value(ds, VOID.sparqlEndpoint)) == BASE + "sparql"
    assert str(void.value(ds, VOID.uriSpace)) == BASE
    examples = list(void.objects(ds, VOID.exampleResource))
    assert examples and all((e, RDF.type, SCHEMA.Project) in Graph().parse(
        seed_site / "dumps" / "aidlod.nt") for e in examples[:1])
    vocabularies = {str(v) for v in void.objects(ds, VOID.vocabulary)}
    assert {str(SCHEMA), str(AID), "http://www.w3.org/ns/prov#"} <= vocabularies


def test_well_known_void_is_the_same_file(seed_site: Path) -> None:
    assert (seed_site / ".well-known" / "void").read_bytes() == (seed_site / "void.ttl").read_bytes()


def test_sitemap_urls_all_map_to_files_and_cover_pages_dumps_and_catalog(seed_site: Path) -> None:
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(seed_site / "sitemap.xml").getroot()
    urls = [loc.text or "" for loc in root.findall("sm:url/sm:loc", ns)]
    assert urls == sorted(urls) and len(urls) == len(set(urls))
    for url in urls:
        assert local(seed_site, url).is_file(), url
    listed = {local(seed_site, u).relative_to(seed_site).as_posix() for u in urls}
    pages = {p.relative_to(seed_site).as_posix() for p in seed_site.rglob("*.html")}
    assert pages <= listed
    assert {"catalog.ttl", "catalog.jsonld", "void.ttl", "dumps/aidlod.nt", "dumps/aidlod.ttl"} <= listed


def test_a_site_of_more_urls_than_a_sitemap_takes_gets_a_sitemap_index(
        seed_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the protocol's 50 000 URLs (here 100, to keep the test small) sitemap.xml is a
    sitemapindex of sitemap-N.xml files holding, in order, every URL the single sitemap would."""
    from aidlod.writers import catalog as catalog_writer
    from conftest import DATA

    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    whole = [loc.text for loc in ET.parse(seed_site / "sitemap.xml").getroot().findall("sm:url/sm:loc", ns)]
    assert len(whole) > 200
    monkeypatch.setattr(catalog_writer, "SITEMAP_LIMIT", 100)
    site = tmp_path / "site"
    build(DATA, site)
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text or "" for loc in index.findall("sm:sitemap/sm:loc", ns)]
    assert parts == [f"{BASE}sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    assert len(parts) == -(-len(whole) // 100)
    found = []
    for url in parts:
        urls = [loc.text for loc in ET.parse(local(site, url)).getroot().findall("sm:url/sm:loc", ns)]
        assert 0 < len(urls) <= 100
        found += urls
    assert found == whole


def test_robots_txt_names_the_sitemap(seed_site: Path) -> None:
    text = (seed_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in text.splitlines()
    assert "User-agent: *" in text


def test_checksums_file_covers_the_catalog(seed_site: Path) -> None:
    sums = (seed_site / "SHA256SUMS").read_text(encoding="utf-8")
    for name in ("catalog.ttl", "catalog.jsonld", "void.ttl", ".well-known/void", "sitemap.xml", "robots.txt"):
        digest = hashlib.sha256((seed_site / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}\n" in sums, name


def test_two_builds_write_byte_identical_metadata(seed_site: Path, tmp_path: Path) -> None:
    other = tmp_path / "site"
    build(ROOT / "data", other)
    for name in ("void.ttl", ".well-known/void", "catalog.ttl", "catalog.jsonld", "sitemap.xml", "robots.txt",
                 "SHA256SUMS"):
        assert (other / name).read_bytes() == (seed_site / name).read_bytes(), name


def test_temporal_range_widens_partial_dates_to_whole_days() -> None:
    g = Graph()
    p, q = URIRef("urn:p"), URIRef("urn:q")
    g.add((p, RDF.type, SCHEMA.Project))
    g.add((q, RDF.type, AID.Programme))
    g.add((p, SCHEMA.startDate, Literal("2003-05", datatype=XSD.gYearMonth)))
    g.add((q, SCHEMA.startDate, Literal("2003", datatype=XSD.gYear)))
    g.add((p, SCHEMA.endDate, Literal("2004-02", datatype=XSD.gYearMonth)))
    g.add((URIRef("urn:other"), SCHEMA.endDate, Literal("2030", datatype=XSD.gYear)))  # not a project
    assert temporal_range(g) == ("2003-01-01", "2004-02-29")


def test_alpha3_codes_come_from_cldr() -> None:
    assert [alpha3(c) for c in ("PL", "RO", "DE", "NO", "XK", "ZZ", "P1")] == \
        ["POL", "ROU", "DEU", "NOR", None, None, None]


EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"


def test_language_codes_are_the_iso_639_2_t_codes_of_the_primary_subtag() -> None:
    tags = ("fr", "de", "zh-Hans", "nl", "pt-BR", "es-419", "ar", "ja", "nb", "nn", "no", "se", "SQ", "fil", "yue",
            "x-private")
    assert [language_code(t) for t in tags] == [
        "FRA", "DEU", "ZHO", "NLD", "POR", "SPA", "ARA", "JPN", "NOB", "NNO", "NOR", "SME", "SQI", "FIL", None, None]


def test_catalog_states_every_language_of_the_dataset_as_an_eu_authority_iri(tmp_path: Path) -> None:
    """Not only the seven languages the catalog once knew: es, ar, ja, pt-BR were dropped without a word."""
    g = Graph()
    ds = URIRef(BASE + "#dataset")
    g.add((ds, SCHEMA.name, Literal("Actividades IATI", lang="es")))
    for tag in ("es", "ar", "fr", "ja", "pt-BR", "pt", "yue"):
        g.add((ds, SCHEMA.inLanguage, Literal(tag)))
    stage = stage_in(tmp_path / "stage")
    catalog = catalog_graph(g, BASE, stage)
    cat = next(iter(catalog.subjects(RDF.type, DCAT.Catalog)))
    for node in (cat, ds):
        assert sorted(str(o) for o in catalog.objects(node, DCT.language)) == \
            [EU_LANGUAGE + c for c in ("ARA", "FRA", "JPN", "POR", "SPA")]
    for code in ("ARA", "FRA", "JPN", "POR", "SPA"):  # what the DCAT-AP-NO shapes check of a vocabulary IRI
        assert (URIRef(EU_LANGUAGE + code), URIRef("http://www.w3.org/2004/02/skos/core#inScheme"),
                URIRef(EU_LANGUAGE.rstrip("/"))) in catalog
    assert [(w.field, w.severity) for w in stage.warnings] == [("languages", "warning")]
    assert "'yue'" in stage.warnings[0].message


def test_the_iso_639_table_is_what_its_script_reads_from_the_iso_639_2_list() -> None:
    """src/aidlod/iso639.py is generated (ontology/tools/iso639.py); it must not drift from its source."""
    import importlib.util

    from aidlod import iso639

    spec = importlib.util.spec_from_file_location("iso639_tool", ROOT / "ontology" / "tools" / "iso639.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    if not tool.SOURCE.is_file():
        if in_ci():  # .ci/run installs iso-codes
            pytest.fail(f"{tool.SOURCE} (Debian's iso-codes package) is required in CI but is not installed")
        pytest.skip(f"no {tool.SOURCE} (Debian's iso-codes package)")
    alpha3, codes, bibliographic = tool.table(tool.SOURCE)
    assert (iso639.ALPHA3, iso639.TERMINOLOGY, iso639.BIBLIOGRAPHIC) == (alpha3, frozenset(codes), bibliographic)
    assert iso639.BIBLIOGRAPHIC["fre"] == "fr" and "fra" not in iso639.BIBLIOGRAPHIC
    assert {"fre", "ger", "chi", "dut"}.isdisjoint(iso639.ALPHA3.values())  # 639-2/B codes: never these


def test_catalog_title_is_translated_or_the_datasets_own_never_english_under_another_tag(tmp_path: Path) -> None:
    """"Data catalogue: …"@es was English words in a Spanish literal; a language without the
    translation (ar, fi) gets the dataset's title as it is; pt-BR takes the pt catalog's words."""
    ds = URIRef(BASE + "#dataset")
    titles = {"nb": "Bistand", "en": "Aid", "es": "Actividades IATI", "fr": "Activités IATI", "ar": "أنشطة",
              "pt-BR": "Atividades", "fi": "Toiminnot"}
    g = Graph()
    for lang, text in titles.items():
        g.add((ds, SCHEMA.name, Literal(text, lang=lang)))
    catalog = catalog_graph(g, BASE, stage_in(tmp_path / "stage"))
    cat = next(iter(catalog.subjects(RDF.type, DCAT.Catalog)))
    assert {(t.language or "").lower(): str(t) for t in catalog.objects(cat, DCT.title)} == {
        "nb": "Datakatalog: Bistand", "en": "Data catalogue: Aid", "es": "Catálogo de datos: Actividades IATI",
        "fr": "Catalogue de données: Activités IATI", "ar": "أنشطة",
        "pt-br": "Catálogo de dados: Atividades", "fi": "Toiminnot"}
    assert {(t.language, str(t)) for t in catalog.objects(ds, DCT.title)} == \
        {(lit.language, str(lit)) for lit in g.objects(ds, SCHEMA.name)}  # the dataset's titles, untouched


def test_temporal_coverage_takes_in_planned_activity_dates_and_transactions(tmp_path: Path) -> None:
    """A finalised activity stating only planned dates (AECID) had no start or end of its own, and a
    disbursement after an activity's planned end (Oxfam Novib) was outside the catalog's period."""
    from aidlod.iati.importer import import_iati

    def activity(ident: str, status: str, dates: str, tx_day: str) -> str:
        return (f'<iati-activity default-currency="EUR" xml:lang="en"><iati-identifier>{ident}</iati-identifier>'
                '<reporting-org ref="XM-DAC-0" type="10"><narrative>Donor</narrative></reporting-org>'
                f'<title><narrative>{ident}</narrative></title><activity-status code="{status}"/>{dates}'
                f'<transaction><transaction-type code="3"/><transaction-date iso-date="{tx_day}"/>'
                f'<value value-date="{tx_day}">1000</value></transaction></iati-activity>')
    planned = activity("XM-DAC-0-A", "3", '<activity-date iso-date="2020-01-01" type="1"/>'
                       '<activity-date iso-date="2020-12-31" type="3"/>', "2020-01-15")
    actual = activity("XM-DAC-0-B", "2", '<activity-date iso-date="2020-07-01" type="2"/>'
                      '<activity-date iso-date="2021-02-28" type="3"/>', "2021-04-01")
    source = tmp_path / "t.xml"
    source.write_text(f'<iati-activities version="2.03">{planned}{actual}</iati-activities>', encoding="utf-8")
    import_iati(source, tmp_path / "data", licence="https://creativecommons.org/licenses/by/4.0/",
                base_iri="http://example.org/")
    data = build(tmp_path / "data", tmp_path / "site")
    assert temporal_range(data) == ("2020-01-01", "2021-04-01")
