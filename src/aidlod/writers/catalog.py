"""Dataset metadata for harvesters: VoID, a DCAT-AP-NO 2.0 catalog, ``sitemap.xml`` and ``robots.txt``.

Runs after every other writer, because it describes their output: the catalog gives each dump's
byte size and SHA-256, computed from the staged file itself, and the sitemap lists the pages that
exist in the staging folder. The catalog is then covered by ``SHA256SUMS`` like everything else.

Statements come from the validated graph (the dataset's title, description, publisher, licence,
contact, keywords; the countries served; the programmes' and projects' dates) plus facts about the
files and the release the releases writer staged (``releases/index.json``: issued, modified, version,
the release revised, and the change feed as a distribution); nothing is read from the raw records.
Everything is sorted and no date comes from the clock, so two builds of the same records write
byte-identical files.

Choices the data does not make:

- **theme**: the EU data-theme vocabulary has no "development aid"; the dataset is filed under
  ``INTR`` (international issues) and ``SOCI`` (population and society), unless the graph gives
  the dataset ``dcat:theme`` values, which then replace them;
- **spatial**: each served country as an EU country authority IRI (ISO 3166 alpha-3, mapped from the
  country's alpha-2 ``schema:identifier`` with Babel's CLDR data; Kosovo's ``XK`` is the authority's
  ``XKX``), else its Wikidata entity;
- **controlled vocabularies**: the catalog states ``skos:inScheme`` for every EU authority IRI it
  uses (file type, language, licence, access right, country, data theme), the one fact about them
  the DCAT-AP-NO shapes check, so the catalog validates without fetching the EU vocabularies;
- **licence**: the EU licence authority's IRI of the dataset's licence (``CC_BY_4_0`` for
  ``http://creativecommons.org/licenses/by/4.0/``), the only licences DCAT-AP-NO accepts;
- **checksum**: SHA-256, as asked for; the DCAT-AP-NO 2.0 shapes only accept SHA-1 (broken for
  integrity since 2017), the one deliberate deviation from them (docs/catalog.md);
- **temporal**: ``dcat:startDate`` is the earliest and ``dcat:endDate`` the latest date of the
  projects, programmes and grants (a start later than every end stated is inside the period too),
  widened to whole days (``2003`` → ``2003-01-01`` as a start, ``2003-12-31`` as an end), because
  DCAT-AP-NO accepts only ``xsd:date``/``xsd:dateTime`` there;
- **byte size** is typed ``xsd:decimal``, as the DCAT-AP-NO shapes require;
- **language**: each language of the dataset as an EU language authority IRI, whose codes are the
  ISO 639-2/T codes (``fr``, ``fr-CA`` → ``FRA``; ``zh-Hans`` → ``ZHO``), from ``aidlod.iso639``; a
  language without such a code is left out with a build warning.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, XSD
from rdflib.term import Identifier, Node

from .. import licences, period
from ..dataset import Dataset
from ..errors import Problem
from ..formats import CSV_TABLE, IANA, IATI_XML, TURTLE, Format, dump_format
from ..iris import AID, DCAT, DCT, PREFIXES, PROV, SCHEMA, VOID, IRIs
from ..iso639 import ALPHA3, TERMINOLOGY
from ..rdfio import group_by_subject, sorted_ntriples, turtle_bytes
from ..releases import FEED, INDEX, Release, parse_history, release_iri
from ..site.i18n import N_, own_text, own_words, written_languages
from ..validation.report import REPORT_FILE
from . import LAST
from .dumps import DUMP_DIR, DUMP_NAME, write_jsonld
from .iati import publisher_folders
from .quality import FINDINGS_FILE

if TYPE_CHECKING:
    from ..build.stage import Stage

SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

EU = licences.EU
DEFAULT_THEMES = ("INTR", "SOCI")
DEFAULT_LICENCE = URIRef(EU + "licence/NLOD_2_0")
SKOS_IN_SCHEME = URIRef("http://www.w3.org/2004/02/skos/core#inScheme")
SKOS_EXACT_MATCH = URIRef("http://www.w3.org/2004/02/skos/core#exactMatch")
# CLDR lists withdrawn alpha-3 codes beside the current ones; these are never the current code.
WITHDRAWN_ALPHA3 = frozenset({"BUR", "ZAR", "DDR", "FXX", "TMP", "YMD"})

VOID_FILE = "void.ttl"
WELL_KNOWN_VOID = ".well-known/void"
CATALOG_TTL = "catalog.ttl"
CATALOG_JSONLD = "catalog.jsonld"
SITEMAP = "sitemap.xml"
# The sitemaps protocol's limit per file (sitemaps.org: 50,000 URLs and 50 MB): a larger site's
# sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml, ... (some 6 000 rich activities fill one).
SITEMAP_LIMIT = 50_000
SITEMAP_BYTES = 50 * 1024 * 1024  # and 50 MB (52 428 800 bytes) uncompressed
ROBOTS = "robots.txt"
SHACL_SPEC = "https://www.w3.org/TR/shacl/"
# The catalog's own words, in each language of the dataset that aidlod writes (``written_languages``).
# Translators: the title of a CSV table in the DCAT catalog; {name} is its file name (activities.csv).
TABLE_TITLE = N_("{name}: a table of the data, CSV on the Web (described by tables/csv-metadata.json)")
# Translators: the title of the validation report in the DCAT catalog; {format} is a file format (Turtle).
REPORT_TITLE = N_("{name}: the SHACL validation report of the data ({format})")
# Translators: the title of the list of every finding of the data's checks in the DCAT catalog (findings.csv).
FINDINGS_TITLE = N_("{name}: every finding of the checks of the data, one row each ({format})")
# Translators: the title of an IATI XML file in the DCAT catalog; {format} is "IATI 2.03 XML".
IATI_TITLE = N_("{name}: the data as an IATI 2.03 file, for aid-transparency aggregators ({format})")
# Translators: the title of a data dump in the DCAT catalog: its file name and its format (aidlod.ttl (Turtle)).
DUMP_TITLE = N_("{name} ({format})")
IATI_STANDARD = "http://reference.iatistandard.org/203/"
# A publisher's own file of a multi-publisher site (``iati/publisher/{key}/``), by its reporting-org's ref.
# Translators: the description of one publisher's IATI file in the DCAT catalog; {ref} is an organisation id.
IATI_PUBLISHER = N_("The IATI data of one publisher alone, the reporting organisation {ref}, as the IATI "
                    "Registry registers a publisher's files")
# Translators: the title of the Atom change feed in the DCAT catalog.
FEED_TITLE = N_("Change feed (Atom)")
# Translators: the description of the Atom change feed in the DCAT catalog.
FEED_DESCRIPTION = N_("The releases, newest first; each entry names the resources it changed and links its "
                      "change set (RDF Patch).")
# Translators: the title of the site's SPARQL endpoint in the DCAT catalog.
SPARQL_TITLE = N_("SPARQL endpoint")
# Translators: the title of the DCAT data catalogue that lists the dataset, before the dataset's title.
CATALOG_TITLE = N_("Data catalogue: {title}")

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


def dump_files(stage: Stage) -> list[tuple[str, Format]]:
    """The staged dumps with their format, sorted by name (not the JSON-LD context)."""
    found = []
    for rel in stage.files(DUMP_DIR):
        fmt = dump_format(rel.rpartition("/")[2], DUMP_NAME)
        if fmt is not None:
            found.append((rel, fmt))
    return found


def _url(base: str, rel: str) -> URIRef:
    return URIRef(base + rel)


def _of(data: Graph | Dataset) -> Dataset:
    """The read model of ``data`` (an rdflib Graph is indexed on the spot, for tests and scripts)."""
    return Dataset(data, IRIs("https://example.org/")) if isinstance(data, Graph) else data


def _endpoint(graph: Dataset, ds: URIRef) -> URIRef | None:
    """The SPARQL endpoint the dataset names in the graph (its ``void:sparqlEndpoint``, mapped from
    ``sparql_endpoint`` in dataset.yaml), None if none."""
    found = sorted(o for o in graph.objects(ds, VOID.sparqlEndpoint) if isinstance(o, URIRef))
    return found[0] if found else None


def _texts(graph: Dataset, s: Node, p: Node) -> list[Literal]:
    return sorted((o for o in graph.objects(s, p) if isinstance(o, Literal)), key=lambda lit: (lit.language or "", lit))


def _local(iri: Node) -> str:
    """A readable, stable fragment for a partition: ``schema-Project``, else a hash of the IRI."""
    text = str(iri)
    for prefix, ns in sorted(PREFIXES.items()):
        local = text[len(ns):]
        if text.startswith(ns) and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", local):
            return f"{prefix}-{local}"
    return "h" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- VoID -------------------------------------------------------------------------------------


def void_graph(graph: Graph | Dataset, base: str, stage: Stage) -> Graph:
    """A VoID description of the dataset with its counts and partitions."""
    data = _of(graph)
    ds = URIRef(base + "#dataset")
    doc = base + "void"
    g = Graph()
    g.add((ds, RDF.type, VOID.Dataset))
    for lit in _texts(data, ds, SCHEMA.name):
        g.add((ds, DCT.title, lit))
    stats = data.statistics
    classes, properties = stats.classes, stats.properties
    for p, value in ((VOID.triples, stats.triples), (VOID.entities, stats.typed),
                     (VOID.distinctSubjects, stats.subjects), (VOID.distinctObjects, stats.objects),
                     (VOID.classes, len(classes)), (VOID.properties, len(properties))):
        g.add((ds, p, Literal(value)))
    for cls in sorted(classes):
        part = URIRef(f"{doc}#class-{_local(cls)}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(classes[cls])))
    for prop in sorted(properties):
        part = URIRef(f"{doc}#property-{_local(prop)}")
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, Literal(properties[prop])))
    for rel, _fmt in dump_files(stage):
        g.add((ds, VOID.dataDump, _url(base, rel)))
    endpoint = _endpoint(data, ds)
    if endpoint is not None:  # none for a static host (the dataset's ``sparql_endpoint: none``)
        g.add((ds, VOID.sparqlEndpoint, endpoint))
    g.add((ds, VOID.uriSpace, Literal(base)))
    g.add((ds, VOID.rootResource, ds))
    projects = sorted(str(s) for s in data.of_type(SCHEMA.Project) if str(s).startswith(base))
    for iri in projects[:3]:
        g.add((ds, VOID.exampleResource, URIRef(iri)))
    used = {str(p) for p in properties} | {str(c) for c in classes}
    for ns in sorted(set(PREFIXES.values()) | {str(SCHEMA), str(AID)}):
        if any(iri.startswith(ns) for iri in used):
            g.add((ds, VOID.vocabulary, URIRef(ns)))
    g.add((ds, DCT.license, _licence(data, ds)))
    _add_release(g, ds, base, stage)
    if stage.has(FEED):
        _add_feed(g, ds, base + "catalog", base, _licence(data, ds), written_languages(data.languages))
    return g


def alpha3(alpha2: str) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code, from the CLDR data that Babel ships."""
    from babel.core import get_global

    code = alpha2.upper()
    if code in ("AA", "ZZ") or code.startswith("X") or "QM" <= code <= "QZ":
        return None  # user-assigned: no standard alpha-3 (the caller falls back to Wikidata)
    found = sorted(k for k, v in get_global("territory_aliases").items()
                   if len(k) == 3 and k.isalpha() and v == [code] and k not in WITHDRAWN_ALPHA3)
    return found[0] if len(found) == 1 else None


def language_code(tag: str) -> str | None:
    """The EU language authority code of a BCP 47 tag: the ISO 639-2/T code of its primary subtag
    (``pt-BR`` → ``POR``, ``es-419`` → ``SPA``, ``fil`` → ``FIL``); None for a language ISO 639-2 lacks."""
    primary = tag.split("-", 1)[0].lower()
    code = ALPHA3.get(primary) if len(primary) == 2 else primary if primary in TERMINOLOGY else None
    return code.upper() if code else None


def _language_codes(tags: Iterable[str], stage: Stage) -> list[str]:
    """The authority codes of the dataset's languages, sorted, each once; a language without one
    is a build warning rather than dropped unseen."""
    codes = set()
    for tag in sorted(set(tags)):
        code = language_code(tag)
        if code is None:
            stage.warn(Problem(CATALOG_TTL, None, "languages", f"the language '{tag}' has no ISO 639-2 code "
                               "(the EU language authority's): the catalog leaves it out of dct:language",
                               "warning"))
        else:
            codes.add(code)
    return sorted(codes)


def _authority(g: Graph, kind: str, code: str) -> URIRef:
    """An EU authority IRI, stated to be in its scheme (what the DCAT-AP-NO shapes check)."""
    iri = URIRef(f"{EU}{kind}/{code}")
    g.add((iri, SKOS_IN_SCHEME, URIRef(EU + kind)))
    return iri


# --- DCAT-AP-NO -------------------------------------------------------------------------------


def _licence(graph: Dataset, ds: URIRef) -> URIRef:
    for o in _sorted_terms(graph.objects(ds, SCHEMA.license)):
        if isinstance(o, URIRef):
            return o
    return DEFAULT_LICENCE


def eu_licence(licence: URIRef) -> URIRef | None:
    """``licences.eu_licence`` as a term."""
    found = licences.eu_licence(str(licence))
    return None if found is None else URIRef(found)


def _catalog_licence(g: Graph, stated: URIRef, stage: Stage) -> URIRef:
    """The licence as the catalog states it: the EU authority's IRI, linked to the address the data
    gives (``skos:exactMatch``); a licence the authority lacks is kept as given, with a build warning
    (DCAT-AP-NO harvesters refuse it)."""
    licence = eu_licence(stated)
    if licence is None:
        stage.warn(Problem(CATALOG_TTL, None, "licence", f"the licence '{stated}' is not in the EU licence "
                           "authority (http://publications.europa.eu/resource/authority/licence), the only "
                           "licences DCAT-AP-NO accepts: harvesters of the catalog may refuse the dataset",
                           "warning"))
        return stated
    _authority(g, "licence", str(licence)[len(EU + "licence/"):])
    if licence != stated:
        g.add((licence, SKOS_EXACT_MATCH, stated))
    return licence


def temporal_range(data: Graph | Dataset) -> tuple[str | None, str | None]:
    """The period the data covers (``aidlod.period.temporal_range``) of a read model, or of an rdflib
    Graph indexed on the spot."""
    return period.temporal_range(_of(data))


def catalog_graph(data: Graph | Dataset, base: str, stage: Stage) -> Graph:
    """The DCAT-AP-NO 2.0 catalog: the catalog, the dataset, its distributions and the endpoint."""
    graph = _of(data)
    ds = URIRef(base + "#dataset")
    doc = base + "catalog"
    cat = URIRef(doc + "#id")
    g = Graph()
    langs = written_languages(graph.languages)
    titles = _texts(graph, ds, SCHEMA.name)
    descriptions = _texts(graph, ds, SCHEMA.description)
    licence = _catalog_licence(g, _licence(graph, ds), stage)
    language_iris = [_authority(g, "language", code)
                     for code in _language_codes((str(o) for o in graph.objects(ds, SCHEMA.inLanguage)), stage)]

    # the catalog
    g.add((cat, RDF.type, DCAT.Catalog))
    g.add((cat, DCT.identifier, Literal(str(cat))))
    for lit in titles:
        g.add((cat, DCT.title, catalog_title(lit)))
    for lit in descriptions:
        g.add((cat, DCT.description, lit))
    g.add((cat, DCAT.dataset, ds))
    g.add((cat, FOAF.homepage, URIRef(base)))
    for lang_iri in language_iris:
        g.add((cat, DCT.language, lang_iri))
    g.add((cat, DCT.license, licence))

    publisher = _add_publisher(g, graph, cat, ds)

    # the dataset
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCT.identifier, Literal(str(ds))))
    for lit in titles:
        g.add((ds, DCT.title, lit))
    for lit in descriptions:
        g.add((ds, DCT.description, lit))
    for lit in _texts(graph, ds, SCHEMA.keywords):
        g.add((ds, DCAT.keyword, lit))
    themes = sorted(o for o in graph.objects(ds, DCAT.theme) if isinstance(o, URIRef))
    for theme in themes or [_authority(g, "data-theme", t) for t in DEFAULT_THEMES]:
        g.add((ds, DCAT.theme, theme))
    for lang_iri in language_iris:
        g.add((ds, DCT.language, lang_iri))
    g.add((ds, DCT.accessRights, _authority(g, "access-right", "PUBLIC")))
    g.add((ds, DCAT.landingPage, URIRef(base)))
    _add_spatial(g, graph, ds)
    _add_temporal(g, graph, ds, doc)
    _add_contact(g, graph, ds, doc, publisher)

    # one distribution per dump, with the facts of the staged file
    for rel, fmt in dump_files(stage):
        _add_distribution(g, stage, ds, doc, base, rel, fmt, licence, langs)
    # the analysis-ready tables (the tables writer's), one distribution per CSV file
    for rel in stage.files("tables"):
        if rel.endswith(".csv"):
            _add_distribution(g, stage, ds, doc, base, rel, CSV_TABLE, licence, langs, TABLE_TITLE)
    # the SHACL validation report of the data (the quality writer's), a distribution of its own kind
    if stage.has(REPORT_FILE):
        _add_distribution(g, stage, ds, doc, base, REPORT_FILE, TURTLE, licence, langs, REPORT_TITLE)
        dist, shacl = URIRef(doc + "#dump-" + REPORT_FILE.rpartition("/")[2].replace(".", "-")), URIRef(SHACL_SPEC)
        g.add((dist, DCT.conformsTo, shacl))
        g.add((shacl, RDF.type, DCT.Standard))
        g.add((shacl, DCT.title, Literal("Shapes Constraint Language (SHACL)", lang="en")))
    # every finding of the SHACL rules and the IATI rulesets, one row each (the quality writer's)
    if stage.has(FINDINGS_FILE):
        _add_distribution(g, stage, ds, doc, base, FINDINGS_FILE, CSV_TABLE, licence, langs, FINDINGS_TITLE)
    _add_iati(g, stage, ds, doc, base, licence, langs)
    _add_release(g, ds, base, stage)
    if stage.has(FEED):
        _add_feed(g, ds, doc, base, licence, langs)

    _add_sparql_service(g, cat, ds, doc, base, _endpoint(graph, ds), langs)
    return g


def catalog_title(title: Literal) -> Literal:
    """The catalog's title from a dataset title: "Data catalogue: {title}" in the title's language
    where the interface text translates it, else the dataset's title as it is (never English words in
    a literal tagged ``es``); an untagged title keeps the English words, untagged."""
    lang = title.language
    text = own_text(lang).gettext(CATALOG_TITLE) if lang else CATALOG_TITLE
    return Literal(text.format(title=str(title)), lang=lang) if text else title


def _sorted_terms(nodes: Iterable[Node]) -> list[Identifier]:
    """``nodes`` in rdflib's term order. Every term of the index is an ``Identifier`` (a URIRef or a
    Literal): the filter removes nothing, it tells the type checker so (a bare ``Node`` has no order)."""
    return sorted(n for n in nodes if isinstance(n, Identifier))


def _add_publisher(g: Graph, graph: Dataset, cat: URIRef, ds: URIRef) -> URIRef | None:
    """The publisher of the catalog and the dataset, as an agent (the first, if several); returned."""
    publishers = sorted(o for o in graph.objects(ds, SCHEMA.publisher) if isinstance(o, URIRef))
    if not publishers:
        return None
    pub = publishers[0]
    g.add((cat, DCT.publisher, pub))
    g.add((ds, DCT.publisher, pub))
    g.add((pub, RDF.type, FOAF.Agent))
    for lit in _texts(graph, pub, SCHEMA.name):
        g.add((pub, FOAF.name, lit))
    identifiers = sorted(str(o) for o in graph.objects(pub, SCHEMA.identifier))
    if identifiers:
        g.add((pub, DCT.identifier, Literal(identifiers[0])))
    return pub


# The EU country authority's codes of the countries ISO 3166 gives no alpha-3 code: Kosovo, IATI's
# (and the EU's) user-assigned XK, is XKX in the EU's corporate list of countries and territories.
EU_COUNTRY_CODES = {"XK": "XKX"}


def _add_spatial(g: Graph, graph: Dataset, ds: URIRef) -> None:
    """The countries the projects serve: EU country authority IRIs, else Wikidata, else the country."""
    countries = {c for p in graph.of_type(SCHEMA.Project) for c in graph.objects(p, SCHEMA.areaServed)}
    for country in _sorted_terms(countries):
        codes = sorted(a3 for o in graph.objects(country, SCHEMA.identifier)
                       if (a3 := alpha3(str(o)) or EU_COUNTRY_CODES.get(str(o).upper())))
        same = _sorted_terms(o for o in graph.objects(country, OWL.sameAs)
                             if str(o).startswith("http://www.wikidata.org/"))
        if codes:
            g.add((ds, DCT.spatial, _authority(g, "country", codes[0])))
        else:
            g.add((ds, DCT.spatial, same[0] if same else country))


def _add_temporal(g: Graph, graph: Dataset, ds: URIRef, doc: str) -> None:
    """The period the projects, programmes and grants cover, when any states a date."""
    start, end = temporal_range(graph)
    if start or end:
        period = URIRef(doc + "#temporal")
        g.add((ds, DCT.temporal, period))
        g.add((period, RDF.type, DCT.PeriodOfTime))
        if start:
            g.add((period, DCAT.startDate, Literal(start, datatype=XSD.date)))
        if end:
            g.add((period, DCAT.endDate, Literal(end, datatype=XSD.date)))


def _add_contact(g: Graph, graph: Dataset, ds: URIRef, doc: str, publisher: URIRef | None) -> None:
    """The dataset's contact point (its first e-mail address), named as the publisher."""
    emails = sorted(str(o) for o in graph.objects(ds, SCHEMA.email) if _EMAIL.match(str(o)))
    if emails:
        contact = URIRef(doc + "#contact")
        g.add((ds, DCAT.contactPoint, contact))
        g.add((contact, RDF.type, VCARD.Organization))
        g.add((contact, VCARD.hasEmail, URIRef("mailto:" + emails[0])))
        if publisher is not None:
            for lit in _texts(graph, publisher, SCHEMA.name):
                g.add((contact, VCARD.fn, lit))


def _add_words(g: Graph, subject: URIRef, predicate: URIRef, message: str, langs: list[str],
               **fields: str | Callable[[str], str]) -> None:
    """``message`` (a msgid with ``str.format`` fields, a field given as a function of the language
    being filled in that language) as a literal in each of ``langs`` that translates it: the catalog's
    words in the dataset's languages, never English words tagged with another language."""
    for lang in langs:
        if text := own_words(lang, message):
            values = {key: value(lang) if callable(value) else value for key, value in fields.items()}
            g.add((subject, predicate, Literal(text.format(**values), lang=lang)))


def _add_distribution(g: Graph, stage: Stage, ds: URIRef, doc: str, base: str, rel: str, fmt: Format,
                      licence: URIRef, langs: list[str], title: str = DUMP_TITLE, folder: str = "") -> URIRef:
    """One dump as a distribution: its format, byte size and SHA-256, from the staged file.
    ``title`` (a msgid formatted with ``name`` and ``format``), in each of ``langs``;
    ``folder``: the file's folder below its kind's (``publisher/41aaa``), in its name and identifier,
    which tell the files of the same name apart."""
    name = rel.rpartition("/")[2]
    dist = URIRef(doc + "#dump-" + (folder + "/" if folder else "") + name.replace(".", "-"))
    if folder:
        name = f"{folder}/{name}"
    url = _url(base, rel)
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    _add_words(g, dist, DCT.title, title, langs, name=name, format=lambda lang: fmt.label(lang))
    g.add((dist, DCAT.downloadURL, url))
    g.add((dist, DCAT.accessURL, url))
    g.add((dist, DCAT.mediaType, URIRef(IANA + fmt.media_type)))
    if fmt.compression:
        g.add((dist, DCAT.compressFormat, URIRef(IANA + fmt.compression)))
    assert fmt.eu_file_type is not None
    g.add((dist, DCT["format"], _authority(g, "file-type", fmt.eu_file_type)))
    g.add((dist, DCAT.byteSize, Literal(str(stage.size(rel)), datatype=XSD.decimal)))
    checksum = URIRef(f"{dist}-sha256")
    g.add((dist, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(stage.digest(rel), datatype=XSD.hexBinary)))
    g.add((dist, DCT.license, licence))
    return dist


def _add_iati(g: Graph, stage: Stage, ds: URIRef, doc: str, base: str, licence: URIRef, langs: list[str]) -> None:
    """The IATI files (the iati writer's: the activities, their parts to register, the organisation;
    each publisher's of a multi-publisher site, ``publisher/{key}/…``, its reporting-org's ref in the
    description) as distributions conforming to the IATI Standard: how a portal's harvester finds them."""
    files = sorted(rel for rel in stage.files("iati") if rel.endswith(".xml"))
    refs = {folder: ref for ref, folder in publisher_folders(stage)}
    standard = URIRef(IATI_STANDARD)
    for rel in files:
        folder = rel.rsplit("/", 1)[0]
        dist = _add_distribution(g, stage, ds, doc, base, rel, IATI_XML, licence, langs, IATI_TITLE,
                                 folder.removeprefix("iati").lstrip("/"))
        g.add((dist, DCT.conformsTo, standard))
        if folder in refs:
            _add_words(g, dist, DCT.description, IATI_PUBLISHER, langs, ref=refs[folder])
    if files:
        g.add((standard, RDF.type, DCT.Standard))
        g.add((standard, DCT.title, Literal("IATI Standard, version 2.03", lang="en")))


def releases_of(stage: Stage) -> list[Release]:
    """The release history the releases writer staged (newest first); [] when it did not run."""
    if not stage.has(INDEX):
        return []
    return parse_history((stage.root / INDEX).read_bytes())[1]


def _add_release(g: Graph, ds: URIRef, base: str, stage: Stage) -> None:
    """This release: first and latest release dates, version, the release it revises (docs/releases.md)."""
    releases = releases_of(stage)
    if not releases:
        return
    current = releases[0]
    g.add((ds, DCT.issued, Literal(releases[-1].date, datatype=XSD.dateTime, normalize=False)))
    g.add((ds, DCT.modified, Literal(current.date, datatype=XSD.dateTime, normalize=False)))
    g.add((ds, OWL.versionInfo, Literal(str(current.sequence))))
    g.add((ds, DCAT.version, Literal(str(current.sequence))))
    g.add((ds, DCAT.hasCurrentVersion, URIRef(release_iri(base, current.id))))
    if current.previous:
        previous = URIRef(release_iri(base, current.previous))
        g.add((ds, PROV.wasRevisionOf, previous))
        g.add((ds, DCAT.previousVersion, previous))


def _add_feed(g: Graph, ds: URIRef, doc: str, base: str, licence: URIRef, langs: list[str]) -> None:
    """The Atom change feed, as a distribution of the dataset (a harvester's way to fetch only changes)."""
    dist = URIRef(doc + "#feed")
    url = URIRef(base + FEED)
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    _add_words(g, dist, DCT.title, FEED_TITLE, langs)
    _add_words(g, dist, DCT.description, FEED_DESCRIPTION, langs)
    g.add((dist, DCAT.accessURL, url))
    g.add((dist, DCAT.downloadURL, url))
    g.add((dist, DCAT.mediaType, URIRef(IANA + "application/atom+xml")))
    g.add((dist, DCT["format"], _authority(g, "file-type", "ATOM")))
    atom = URIRef("https://www.rfc-editor.org/rfc/rfc4287")
    g.add((dist, DCT.conformsTo, atom))
    g.add((atom, RDF.type, DCT.Standard))
    g.add((atom, DCT.title, Literal("The Atom Syndication Format (RFC 4287)", lang="en")))
    g.add((dist, DCT.license, licence))


def _add_sparql_service(g: Graph, cat: URIRef, ds: URIRef, doc: str, base: str, endpoint: URIRef | None,
                        langs: list[str]) -> None:
    """The SPARQL endpoint that serves the dataset (the site's own, or the one the dataset names), as a data
    service of the catalog; none when the dataset names none (a static host)."""
    if endpoint is None:
        return
    service = URIRef(doc + "#sparql")
    g.add((cat, DCAT.service, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCT.identifier, Literal(str(service))))
    _add_words(g, service, DCT.title, SPARQL_TITLE, langs)
    g.add((service, DCAT.endpointURL, endpoint))
    if str(endpoint) == base + "sparql":
        # the site's own: 'aidlod serve' answers its SPARQL 1.1 Service Description there (asked for RDF)
        g.add((service, DCAT.endpointDescription, endpoint))
    g.add((service, DCAT.servesDataset, ds))
    protocol = URIRef("https://www.w3.org/TR/sparql11-protocol/")
    g.add((service, DCT.conformsTo, protocol))
    g.add((protocol, RDF.type, DCT.Standard))
    g.add((protocol, DCT.title, Literal("SPARQL 1.1 Protocol", lang="en")))


# --- sitemap and robots -----------------------------------------------------------------------


def sitemaps(base: str, stage: Stage, languages: Iterable[str] = ()) -> dict[str, str]:
    """Every HTML page, dump, IATI file and catalog file in the staging folder, as absolute URLs, sorted:
    ``sitemap.xml`` alone, or, past ``SITEMAP_LIMIT`` URLs or ``SITEMAP_BYTES``, ``sitemap.xml`` as the
    index of ``sitemap-N.xml`` files of at most that many each (file name → text). A page in several of the page
    ``languages`` names every version of it (``_alternates``), as search engines read a localised site."""
    wanted = {VOID_FILE, CATALOG_TTL, CATALOG_JSONLD, FEED}
    # A scandir walk on relative paths, not Path.rglob: the site holds millions of files at scale.
    files = [rel for rel in stage.files()
             if ((name := rel.rpartition("/")[2]).endswith(".html") and name != ".html") or name in wanted
             or rel.rpartition("/")[0] == DUMP_DIR or (rel.startswith("iati/") and name.endswith(".xml"))]
    versions = _alternates(files, languages)
    entries = sorted((str(URIRef(base + rel)), [(lang, str(URIRef(base + other))) for lang, other in
                                                  versions.get(rel, ())]) for rel in files)
    groups = _parts([len(_url_element(url, links).encode("utf-8")) for url, links in entries])
    if len(groups) == 1:
        return {SITEMAP: _urlset(entries)}
    parts = {f"sitemap-{n}.xml": _urlset(entries[group.start:group.stop]) for n, group in enumerate(groups, 1)}
    index = [f"  <sitemap><loc>{escape(str(URIRef(base + name)))}</loc></sitemap>\n" for name in parts]
    return {SITEMAP: _XML_HEAD + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "".join(index) + "</sitemapindex>\n", **parts}


X_DEFAULT = "x-default"


def _alternates(files: list[str], languages: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Each page that has a version in another page language (``{stem}.{lang}.html``): every version,
    itself included, as (hreflang, file), by language, the default page ``{stem}.html`` (the front
    page's copy in the default language) last as ``x-default``. Google's sitemap localisation asks
    for the whole set under each URL; without it a harvester saw each language as its own page."""
    langs = set(languages)
    groups: dict[str, list[tuple[str, str]]] = {}
    plain = set()
    for rel in files:
        if not rel.endswith(".html"):
            continue
        stem, dot, lang = rel[:-5].rpartition(".")
        if dot and lang in langs and stem.rpartition("/")[2]:
            groups.setdefault(stem, []).append((lang, rel))
        else:
            plain.add(rel)
    found: dict[str, list[tuple[str, str]]] = {}
    for stem, group in groups.items():
        if len(group) < 2:
            continue
        default = [(X_DEFAULT, stem + ".html")] if stem + ".html" in plain else []
        links = sorted(group) + default
        for _lang, rel in links:
            found[rel] = links
    return found


_XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def _url_element(url: str, links: list[tuple[str, str]]) -> str:
    """A ``url`` element of the sitemap, with its (hreflang, URL of that version) alternates."""
    alternates = "".join(f'<xhtml:link rel="alternate" hreflang="{escape(lang)}" href="{escape(href, _QUOTE)}"/>'
                         for lang, href in links)
    return f"  <url><loc>{escape(url)}</loc>{alternates}</url>\n"


def _urlset(entries: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """The ``urlset`` of these (URL, [(hreflang, URL of that version), ...]) entries."""
    return _XML_HEAD + _URLSET + "".join(_url_element(url, links) for url, links in entries) + "</urlset>\n"


def _parts(sizes: list[int]) -> list[range]:
    """The sitemap's URLs (by the bytes of each ``url`` element, in order) grouped into files of at
    most ``SITEMAP_LIMIT`` URLs and ``SITEMAP_BYTES`` bytes: the alternates of every language make
    each URL several times longer, so that 50 000 of them could pass the protocol's 50 MB."""
    frame = len((_XML_HEAD + _URLSET + "</urlset>\n").encode("utf-8"))
    groups: list[range] = []
    start, size = 0, frame
    for i, n in enumerate(sizes):
        if i > start and (i - start >= SITEMAP_LIMIT or size + n > SITEMAP_BYTES):
            groups.append(range(start, i))
            start, size = i, frame
        size += n
    groups.append(range(start, len(sizes)))
    return groups


_QUOTE = {'"': "&quot;"}


def robots(base: str, feed: bool = False, own_endpoint: bool = True) -> str:
    """Crawl everything but the site's own SPARQL endpoint (every query is work; another endpoint is
    its host's to rule, and a static site has none), and find the sitemap (and the change feed, which
    sitemaps.org and the search engines accept as a sitemap of what changed)."""
    path = urlsplit(base).path or "/"
    feeds = f"Sitemap: {base}{FEED}\n" if feed else ""
    disallow = f"Disallow: {path}sparql\n" if own_endpoint else ""
    return f"User-agent: *\n{disallow}Allow: /\n\nSitemap: {base}{SITEMAP}\n{feeds}"


# --- the writer -------------------------------------------------------------------------------


def rdf_bytes(graph: Graph) -> tuple[bytes, bytes]:
    """Turtle in sorted N-Triples order, and JSON-LD like the dumps: deterministic bytes."""
    lines = sorted_ntriples(graph)
    out = io.BytesIO()
    write_jsonld(group_by_subject(graph), out)
    return turtle_bytes(lines), out.getvalue()


class CatalogWriter:
    """void.ttl (and its copy at .well-known/void), catalog.ttl/.jsonld, sitemap.xml, robots.txt.

    Runs after every other writer: it describes their files.
    """

    name = "catalog"
    after: tuple[str, ...] = (LAST,)

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        graph = _of(data)
        base = data.base
        void_ttl, _ = rdf_bytes(void_graph(graph, base, stage))
        stage.write_bytes(VOID_FILE, void_ttl)
        stage.write_bytes(WELL_KNOWN_VOID, void_ttl)
        ttl, jsonld = rdf_bytes(catalog_graph(graph, base, stage))
        stage.write_bytes(CATALOG_TTL, ttl)
        stage.write_bytes(CATALOG_JSONLD, jsonld)
        for name, text in sitemaps(base, stage, data.languages).items():
            stage.write_text(name, text)
        stage.write_text(ROBOTS, robots(base, stage.has(FEED), graph.own_endpoint))
