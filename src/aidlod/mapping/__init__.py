"""Stage 2: map checked records to RDF, schema.org first and the aidlod/IATI terms beside it.

A SPARQL user who knows only schema.org finds projects (``schema:Project``), their countries
(``schema:areaServed``), grants (``schema:funding`` → ``schema:MonetaryGrant`` → ``schema:amount``)
and funders; the IATI concepts schema.org lacks (participation with a role, sector shares, activity
status, codelist codes) use the ontology in ``ontology/aidlod.ttl``.

Each record maps on its own (``map_record``) so that the build can cache the triples of unchanged
records by content hash; the mapping also remembers, for every subject it mints, which file, record
and field each statement came from, so that a SHACL finding can be reported in the publisher's
terms rather than as IRIs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from rdflib import OWL as _OWL
from rdflib import RDF as _RDF
from rdflib import XSD as _XSD
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from .. import codelists
from ..errors import InputError, Problem
from ..iris import AID as _AID
from ..iris import PROV as _PROV
from ..iris import SCHEMA as _SCHEMA
from ..iris import VOID as _VOID
from ..iris import IRIs, codelist_concept, codelist_scheme
from ..records import PartialDate, Record, Records
from . import conversions as conversions_module
from . import iati_block
from .cached import MappedCache
from .conversions import conversions
from .iati_block import attr_prop, map_block, map_organisation_block

Triple = tuple[Node, Node, Node]


class _Terms:
    """A namespace whose terms are made once: ``SCHEMA.name`` on an rdflib namespace builds and
    checks a new URIRef on every access, a large part of the mapping's time (docs/performance.md)."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term


SCHEMA, AID, PROV, RDF, XSD, OWL = (_Terms(ns) for ns in (_SCHEMA, _AID, _PROV, _RDF, _XSD, _OWL))


class _CachingIRIs(IRIs):
    """The same IRIs, each record IRI minted once: projects name the same few countries,
    organisations, programmes and sources thousands of times."""

    def __init__(self, base: str) -> None:
        super().__init__(base)
        self._things: dict[tuple[str, str], URIRef] = {}

    def thing(self, kind: str, ident: str) -> URIRef:
        key = (kind, ident)
        term = self._things.get(key)
        if term is None:
            term = self._things[key] = super().thing(kind, ident)
        return term


# Codes repeat across records as well; a bad code raises ValueError, which is not cached.
_concept = cache(codelist_concept)

# Sector vocabulary code → the codelist whose codes it uses (IATI SectorVocabulary).
SECTOR_CODELISTS = {"1": "Sector", "2": "SectorCategory"}
# Media type of a source file by its suffix (an imported IATI file is XML, the seed's article text).
MEDIA_TYPES = {"txt": "text/plain", "xml": "application/xml", "html": "text/html", "pdf": "application/pdf"}
DEFAULT_TYPES = {
    "default_finance_type": (AID.defaultFinanceType, "FinanceType"),
    "default_aid_type": (AID.defaultAidType, "AidType"),
    "default_flow_type": (AID.defaultFlowType, "FlowType"),
    "default_tied_status": (AID.defaultTiedStatus, "TiedStatus"),
}


@dataclass(slots=True)
class Origin:
    """Where the statements about one subject came from: file, record and field per predicate (a
    subject's ``fields`` may be shared with others of the same layout once its record is mapped,
    ``map_records``: read, never changed, after that)."""

    file: str
    record: str
    fields: dict[str, str] = field(default_factory=dict)
    prefix: str = ""

    def field_for(self, predicate: str | None) -> str | None:
        name = self.fields.get(predicate or "")
        if name is None:
            return self.prefix.rstrip(".") or None
        return self.prefix + name


@dataclass
class MappedRecord:
    triples: list[Triple]
    origins: dict[str, Origin]


@dataclass
class Mapped:
    """The whole dataset as distinct triples, with the origin of every minted subject.

    The rdflib ``graph`` is built only when something asks for it: adding a million triples to an
    rdflib Graph costs more than the whole fast validation, and the dumps, documents and the fast
    validator work from ``triples`` directly.
    """

    triples: list[Triple]
    origins: dict[str, Origin]
    iris: IRIs
    _graph: Graph | None = field(default=None, repr=False)
    # The dataset's page languages as its record lists them, the default first (order is not in RDF).
    languages: tuple[str, ...] = ()

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            self._graph = to_graph(self.triples)
        return self._graph


def to_graph(triples: Iterable[Triple]) -> Graph:
    """An rdflib Graph of ``triples`` with aidlod's prefixes bound."""
    graph = Graph()
    graph.addN((s, p, o, graph) for s, p, o in triples)
    bind_prefixes(graph)
    return graph


def date_literal(value: PartialDate) -> Literal:
    """A date at the precision the source supports: xsd:gYear, xsd:gYearMonth or xsd:date."""
    if value.day is not None:
        return Literal(str(value), datatype=XSD.date)
    if value.month is not None:
        return Literal(str(value), datatype=XSD.gYearMonth)
    return Literal(str(value), datatype=XSD.gYear)


def decimal_literal(value: Decimal) -> Literal:
    """xsd:decimal in canonical form (700000, 12.5), never scientific notation; every digit kept
    (``normalize()`` rounds to the 28 digits of the decimal context)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Literal(text, datatype=XSD.decimal)


def iati_activity_identifier(record: Record, reporting_org_id: str | None) -> str:
    """The documented rule: ``{reporting organisation's IATI identifier}-{project id}``.

    Project ids are slugs (a-z, 0-9, '-') so the result never holds '/', '&', '|' or '?', and it
    never changes between builds. A record may give its own identifier (e.g. one imported from
    another publisher's IATI file), which then wins.
    """
    given = record.data.get("iati_identifier")
    if given:
        return str(given)
    prefix = reporting_org_id or "XX-AIDLOD"
    return f"{prefix}-{record.id}"


_FIELD_KEYS: dict[str, str] = {}  # a predicate's IRI → the one string of it that the origins' fields use


def _field_key(p: str) -> str:
    """The string ``Origin.fields`` keys ``p`` by, one for every subject: ``str(p)`` made a copy for each,
    held through validation (docs/scaling.md, "The checks' process indexes and sorts")."""
    key = _FIELD_KEYS.get(p)
    if key is None:
        key = _FIELD_KEYS[p] = str(p)
    return key


class _Emitter:
    """Collects the triples of one record and the record field behind each statement."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.triples: list[Triple] = []
        self.origins: dict[str, Origin] = {}
        # The subject of the last statement and its origin: a record states most of a subject's
        # statements one after another, so its origin is found without making ``str(s)`` again.
        self._last: tuple[URIRef | None, Origin | None] = (None, None)

    def subject(self, s: URIRef, prefix: str = "") -> None:
        self.origins.setdefault(str(s), Origin(self.record.file, self.record.id, prefix=prefix))

    def _origin(self, s: URIRef) -> Origin:
        last, origin = self._last
        if s is last and origin is not None:
            return origin
        key = str(s)
        origin = self.origins.get(key)
        if origin is None:
            origin = self.origins[key] = Origin(self.record.file, self.record.id)
        self._last = (s, origin)
        return origin

    def add(self, s: URIRef, p: URIRef, o: Node, fieldname: str | None = None) -> None:
        self.triples.append((s, p, o))
        origin = self._origin(s)
        if fieldname is not None:
            origin.fields.setdefault(_field_key(p), fieldname)

    def expect(self, s: URIRef, p: URIRef, fieldname: str) -> None:
        """Name the field behind a statement that may be absent, so a "missing" finding names it."""
        self._origin(s).fields.setdefault(_field_key(p), fieldname)

    def texts(self, s: URIRef, p: URIRef, values: dict[str, str] | None, fieldname: str) -> None:
        if not values:  # a project without a description: its warnings name the field to add
            self.expect(s, p, fieldname)
        for lang, text in sorted((values or {}).items()):
            self.add(s, p, Literal(text, lang=lang), fieldname)

    def code(self, s: URIRef, p: URIRef, listname: str, code: str, fieldname: str) -> None:
        self.add(s, p, _concept(listname, code), fieldname)


def _map_country(e: _Emitter, r: Record, iris: IRIs) -> None:
    s = iris.thing("country", r.id)
    e.add(s, RDF.type, SCHEMA.Country, "id")
    e.texts(s, SCHEMA.name, r.data["name"], "name")
    e.add(s, SCHEMA.identifier, Literal(r.data["iso_code"]), "iso_code")
    e.code(s, AID.countryCode, "Country", r.data["iso_code"], "iso_code")
    if "wikidata" in r.data:
        e.add(s, OWL.sameAs, URIRef(r.data["wikidata"]), "wikidata")


def _map_organisation(e: _Emitter, r: Record, iris: IRIs) -> None:
    d = r.data
    s = iris.thing("organisation", r.id)
    e.add(s, RDF.type, SCHEMA.Organization, "id")
    e.texts(s, SCHEMA.name, d["name"], "name")
    e.texts(s, SCHEMA.alternateName, d.get("alternate_name"), "alternate_name")
    if "acronym" in d:
        e.add(s, SCHEMA.alternateName, Literal(d["acronym"]), "acronym")
    if "type" in d:
        e.code(s, AID.organisationType, "OrganisationType", d["type"], "type")
    if "iati_identifier" in d:
        e.add(s, AID.iatiOrganisationIdentifier, Literal(d["iati_identifier"]), "iati_identifier")
        e.add(s, SCHEMA.identifier, Literal(d["iati_identifier"]), "iati_identifier")
    if "country" in d:
        e.add(s, SCHEMA.location, iris.thing("country", d["country"]), "country")
    if "homepage" in d:
        e.add(s, SCHEMA.url, URIRef(d["homepage"]), "homepage")
    if "source" in d:
        e.add(s, PROV.wasDerivedFrom, iris.thing("source", d["source"]), "source")
    if "iati" in d:
        map_organisation_block(e, s, iris, r.id, d["iati"],
                               iris.thing("source", d["source"]) if "source" in d else None)


def _map_programme(e: _Emitter, r: Record, iris: IRIs) -> None:
    d = r.data
    s = iris.thing("programme", r.id)
    e.add(s, RDF.type, AID.Programme, "id")
    e.texts(s, SCHEMA.name, d["name"], "name")
    e.texts(s, SCHEMA.description, d.get("description"), "description")
    if "funder" in d:
        e.add(s, SCHEMA.funder, iris.thing("organisation", d["funder"]), "funder")
    if "start" in d:
        e.add(s, SCHEMA.startDate, date_literal(d["start"]), "start")
    if "end" in d:
        e.add(s, SCHEMA.endDate, date_literal(d["end"]), "end")
    if "source" in d:
        e.add(s, PROV.wasDerivedFrom, iris.thing("source", d["source"]), "source")


def _map_source(e: _Emitter, r: Record, iris: IRIs) -> None:
    d = r.data
    s = iris.thing("source", r.id)
    e.add(s, RDF.type, SCHEMA.DigitalDocument, "id")
    e.add(s, RDF.type, PROV.Entity, "id")
    e.texts(s, SCHEMA.name, d["title"], "title")
    e.add(s, SCHEMA.inLanguage, Literal(d["language"]), "language")
    e.add(s, SCHEMA.contentUrl, iris.source_file(d["file"]), "file")
    e.add(s, SCHEMA.encodingFormat, Literal(MEDIA_TYPES.get(d["file"].rsplit(".", 1)[-1].lower(), "text/plain")),
          "file")
    if "publisher" in d:
        e.add(s, SCHEMA.publisher, iris.thing("organisation", d["publisher"]), "publisher")
    if "url" in d:
        e.add(s, SCHEMA.url, URIRef(d["url"]), "url")
    for i, item in enumerate(d.get("import_notes", ()), 1):
        # a part of the source's document, numbered in the file's order: what the import changed in
        # the record it skipped, or (an earlier import's) made (``schema:about``)
        note = _import_note(e, s, iris.part("source", r.id, f"import-note-{i}"), i, f"import_notes[{i - 1}].")
        e.add(note, SCHEMA.identifier, Literal(item["iati_identifier"]), "iati_identifier")
        for kind in ("project", "organisation"):
            if kind in item:
                e.add(note, SCHEMA.about, iris.thing(kind, item[kind]), kind)
        e.add(note, SCHEMA.description, Literal(item["note"], lang="en"), "note")


def _map_project(e: _Emitter, r: Record, iris: IRIs, reporting_org_id: str | None) -> None:
    d = r.data
    s = iris.thing("project", r.id)
    e.add(s, RDF.type, SCHEMA.Project, "id")
    e.add(s, RDF.type, AID.Activity, "id")
    e.texts(s, SCHEMA.name, d.get("title"), "title")
    e.texts(s, SCHEMA.description, d.get("description"), "description")
    ident = Literal(iati_activity_identifier(r, reporting_org_id))
    field_ident = "iati_identifier" if "iati_identifier" in d else "id"
    e.add(s, SCHEMA.identifier, ident, field_ident)
    e.add(s, AID.iatiIdentifier, ident, field_ident)
    if "status" in d:
        e.code(s, AID.activityStatus, "ActivityStatus", d["status"], "status")
    for i, country in enumerate(d.get("countries", ())):
        e.add(s, SCHEMA.areaServed, iris.thing("country", country), f"countries[{i}]")
    if "programme" in d:
        e.add(s, AID.programme, iris.thing("programme", d["programme"]), "programme")
    if "start" in d:
        e.add(s, SCHEMA.startDate, date_literal(d["start"]), "start")
    if "end" in d:
        e.add(s, SCHEMA.endDate, date_literal(d["end"]), "end")
    if "duration" in d:
        e.add(s, SCHEMA.duration, Literal(d["duration"], datatype=XSD.duration), "duration")
    for key, (predicate, listname) in DEFAULT_TYPES.items():
        if key in d:
            e.code(s, predicate, listname, d[key], key)

    _map_participants(e, s, r, iris)
    _map_sectors(e, s, r, iris)
    _map_grants(e, s, r, iris)

    e.add(s, PROV.wasDerivedFrom, iris.thing("source", d["source"]["document"]), "source.document")
    if "iati" in d:
        map_block(e, s, iris, r.id, d["iati"], iris.thing("source", d["source"]["document"]),
                  frozenset(g["currency"] for g in d.get("grants", []) if "amount" in g and g.get("currency")))
    if "section" in d["source"]:
        e.add(s, AID.sourceSection, Literal(d["source"]["section"]), "source.section")
    _map_import_notes(e, s, r, iris, ident)


def _map_import_notes(e: _Emitter, s: URIRef, r: Record, iris: IRIs, ident: Literal) -> None:
    """What the import changed in this activity (its own ``import_notes``): parts of its document, as a
    source's notes on the records it made are parts of the source's, each from the source it cites."""
    source = iris.thing("source", r.data["source"]["document"])
    for i, text in enumerate(r.data.get("import_notes", ()), 1):
        note = _import_note(e, s, iris.part("project", r.id, f"import-note-{i}"), i, f"import_notes[{i - 1}]")
        e.add(note, SCHEMA.identifier, ident)
        e.add(note, SCHEMA.about, s)
        e.add(note, SCHEMA.description, Literal(text, lang="en"))
        e.add(note, PROV.wasDerivedFrom, source)


def _import_note(e: _Emitter, owner: URIRef, note: URIRef, position: int, prefix: str) -> URIRef:
    """An import note's node, linked from the record that holds it (a source or a project), by its
    position; ``prefix`` names its fields: the item of a source's list (``import_notes[0].``, then the
    item's field), or a project's note whole (``import_notes[0]``), which its statements without a field
    of their own are found at."""
    e.subject(note, prefix=prefix)
    e.add(owner, AID.importNote, note, prefix.rstrip("."))
    e.add(note, RDF.type, AID.ImportNote)
    e.add(note, SCHEMA.position, Literal(position))
    return note


def _map_participants(e: _Emitter, s: URIRef, r: Record, iris: IRIs) -> None:
    """The organisations taking part, each in its role."""
    d = r.data
    for i, part in enumerate(d.get("participants", ())):
        where = f"participants[{i}]"
        node = iris.part("project", r.id, f"participation-{part['organisation']}-{part['role']}")
        e.subject(node, prefix=f"{where}.")
        e.add(s, AID.participation, node, where)
        e.add(node, RDF.type, AID.Participation, "organisation")
        e.add(node, AID.organisation, iris.thing("organisation", part["organisation"]), "organisation")
        e.code(node, AID.role, "OrganisationRole", part["role"], "role")
        e.texts(node, SCHEMA.name, part.get("name"), "name")
        if "activity_id" in part:  # the IATI attributes' own terms, as the iati field's elements state them
            e.add(node, attr_prop("activity-id"), Literal(part["activity_id"]), "activity_id")
        if "crs_channel_code" in part:  # a literal, as stated (codelists.CODE_LITERAL_PREDICATES)
            e.add(node, attr_prop("crs-channel-code"), Literal(part["crs_channel_code"]), "crs_channel_code")
        if "ref" in part:  # the ref as stated, not the organisation's identifier (a shared CRS channel code)
            e.add(node, attr_prop("ref"), Literal(part["ref"]), "ref")
        if "type" in part:  # the kind this activity says the organisation is, when not its record's
            e.code(node, attr_prop("type"), "OrganisationType", part["type"], "type")
        if part["role"] == "1":
            e.add(s, SCHEMA.funder, iris.thing("organisation", part["organisation"]), f"{where}.organisation")


def _map_sectors(e: _Emitter, s: URIRef, r: Record, iris: IRIs) -> None:
    """The sector allocations, each in its sector vocabulary."""
    d = r.data
    for i, sector in enumerate(d.get("sectors", ())):
        where = f"sectors[{i}]"
        vocab = sector.get("vocabulary", "1")
        listname = SECTOR_CODELISTS.get(vocab, f"SectorVocabulary-{vocab}")
        node = iris.part("project", r.id, f"sector-{vocab}-{sector['code']}")
        e.subject(node, prefix=f"{where}.")
        e.add(s, AID.sectorAllocation, node, where)
        e.add(node, RDF.type, AID.SectorAllocation, "code")
        e.code(node, AID.sectorVocabulary, "SectorVocabulary", vocab, "vocabulary")
        e.code(node, AID.sector, listname, sector["code"], "code")
        if "percentage" in sector:
            e.add(node, AID.percentage, decimal_literal(sector["percentage"]), "percentage")


def _map_grants(e: _Emitter, s: URIRef, r: Record, iris: IRIs) -> None:
    """The grants, each with its amount where one is known."""
    d = r.data
    for i, grant in enumerate(d.get("grants", [])):
        where = f"grants[{i}]"
        gid = f"{r.id}-{i + 1}"
        g = iris.thing("grant", gid)
        e.subject(g, prefix=f"{where}.")
        e.add(s, SCHEMA.funding, g, where)
        e.add(g, RDF.type, SCHEMA.MonetaryGrant, "funder")
        e.expect(g, SCHEMA.amount, "amount")
        e.add(g, SCHEMA.fundedItem, s, "funder")
        e.add(g, SCHEMA.funder, iris.thing("organisation", grant["funder"]), "funder")
        if "recipient" in grant:
            e.add(g, AID.recipientOrganisation, iris.thing("organisation", grant["recipient"]), "recipient")
        if "programme" in grant:
            e.add(g, AID.programme, iris.thing("programme", grant["programme"]), "programme")
        if "date" in grant:
            e.add(g, AID.valueDate, date_literal(grant["date"]), "date")
        e.texts(g, SCHEMA.description, grant.get("note"), "note")
        e.add(g, PROV.wasDerivedFrom, iris.thing("source", d["source"]["document"]), "funder")
        if "amount" in grant:
            amount = iris.part("grant", gid, "amount")
            e.subject(amount, prefix=f"{where}.")
            e.add(g, SCHEMA.amount, amount, "amount")
            e.add(amount, RDF.type, SCHEMA.MonetaryAmount, "amount")
            e.add(amount, SCHEMA.value, decimal_literal(grant["amount"]), "amount")
            e.add(amount, SCHEMA.currency, Literal(grant["currency"]), "currency")
            e.code(amount, AID.currency, "Currency", grant["currency"], "currency")


def _map_dataset(e: _Emitter, r: Record, iris: IRIs) -> None:
    d = r.data
    s = iris.dataset
    e.add(s, RDF.type, SCHEMA.Dataset, "base_iri")
    e.texts(s, SCHEMA.name, d["title"], "title")
    e.texts(s, SCHEMA.description, d["description"], "description")
    e.add(s, SCHEMA.publisher, iris.thing("organisation", d["publisher"]), "publisher")
    e.add(s, SCHEMA.license, URIRef(d["licence"]), "licence")
    reporting = d.get("reporting_organisation", d["publisher"])
    e.add(s, AID.reportingOrganisation, iris.thing("organisation", reporting), "reporting_organisation")
    for lang in d["languages"]:
        e.add(s, SCHEMA.inLanguage, Literal(lang), "languages")
    for lang, words in sorted(d.get("keywords", {}).items()):
        for word in words:
            e.add(s, SCHEMA.keywords, Literal(word, lang=lang), "keywords")
    if "currency" in d:
        e.code(s, AID.summaryCurrency, "Currency", d["currency"], "currency")
    if "contact_email" in d:
        e.add(s, SCHEMA.email, Literal(d["contact_email"]), "contact_email")
    # the site's own endpoint unless the dataset names another or none: pages and catalog read it here
    endpoint = d.get("sparql_endpoint", iris.base + "sparql")
    if endpoint != "none":
        e.add(s, _VOID.sparqlEndpoint, URIRef(endpoint), "sparql_endpoint")
    e.add(s, SCHEMA.isBasedOn, URIRef("https://iatistandard.org/"), None)
    # The republished IATI codelists are CC BY 4.0, which asks for this credit where they are used: in
    # English and in the dataset's languages it is written in (a Spanish dataset's is not Norwegian too).
    for lang, credit in sorted(codelists.CREDIT.items()):
        if lang == "en" or lang in d["languages"]:
            e.add(s, SCHEMA.creditText, Literal(credit, lang=lang), None)
    for name in codelists.PUBLISHED:
        e.add(s, SCHEMA.isBasedOn, codelist_scheme(name), None)


MAPPERS = {
    "country": _map_country,
    "organisation": _map_organisation,
    "programme": _map_programme,
    "source": _map_source,
}


def reporting_org_identifier(records: Records) -> str | None:
    """The IATI identifier of the reporting organisation, the prefix of every activity identifier."""
    d = records.dataset.data
    org_id = d.get("reporting_organisation", d["publisher"])
    for org in records.by_kind.get("organisation", []):
        if org.id == org_id:
            return org.data.get("iati_identifier")
    return None


def map_record(record: Record, iris: IRIs, reporting_org_id: str | None = None) -> MappedRecord:
    """Map one record; pure in its arguments, so its result can be cached by content hash."""
    e = _Emitter(record)
    try:
        if record.kind == "project":
            _map_project(e, record, iris, reporting_org_id)
        elif record.kind == "dataset":
            _map_dataset(e, record, iris)
        else:
            MAPPERS[record.kind](e, record, iris)
    except ValueError as exc:  # an IRI segment refused by iris._segment
        raise InputError([Problem(record.file, record.id, None, f"cannot mint an IRI: {exc}")]) from exc
    return MappedRecord(e.triples, e.origins)


def _mapped(record: Record, iris: IRIs, reporting: str | None, cache: MappedCache | None) -> MappedRecord:
    """``map_record``, or what ``cache`` kept of it."""
    if cache is None:
        return map_record(record, iris, reporting)
    taken = cache.take(record)
    if taken is not None:
        triples, kept = taken
        return MappedRecord(triples, {subject: Origin(record.file, record.id, fields, prefix)
                                      for subject, (fields, prefix) in kept.items()})
    mapped = map_record(record, iris, reporting)
    if all(o.file == record.file and o.record == record.id for o in mapped.origins.values()):
        cache.keep(record, mapped.triples, {s: (o.fields, o.prefix) for s, o in mapped.origins.items()})
    return mapped


def map_records(records: Records, cache: MappedCache | None = None) -> Mapped:
    """Map every record, plus the codelists, into one set of triples; with a ``cache``, a record the
    last build mapped from the same bytes is taken from it rather than mapped again."""
    iris = IRIs(records.dataset.data["base_iri"])
    minting = _CachingIRIs(iris.base)
    reporting = reporting_org_identifier(records)
    if cache is not None:
        cache.open(iris.base, reporting)
    triples: dict[Triple, None] = {}
    origins: dict[str, Origin] = {}
    # One dict of fields for the subjects of one layout (every transaction of an activity, ...), not one
    # apiece: the origins are held through validation.
    layouts: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
    problems: list[Problem] = []
    for record in records.all():
        try:
            mapped = _mapped(record, minting, reporting, cache)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        triples.update(dict.fromkeys(mapped.triples))
        for subject, origin in mapped.origins.items():
            if subject not in origins:
                if origin.fields:
                    layout = tuple([(_field_key(k), v) for k, v in origin.fields.items()])
                    found = layouts.get(layout)
                    if found is None:
                        found = layouts[layout] = dict(layout)
                    origin.fields = found
                origins[subject] = origin
    if problems:
        raise InputError(problems)
    listed = list(triples)
    triples.update(dict.fromkeys(identifier_links(listed)))
    derived = PROV.wasDerivedFrom
    for t in conversions(listed):
        triples[t] = None
        # rdflib's __eq__ (the same type, the same text) without its Python call
        if type(t[1]) is URIRef and str.__eq__(t[1], derived) and str(t[2]) in origins:
            # a converted amount: where its amount came from
            origins.setdefault(str(t[0]), origins[str(t[2])])
    # the codelists' schemes and the codes the data uses, published with the data so every code resolves
    triples.update(dict.fromkeys(codelists.published_triples(codelists.referenced_concepts(triples))))
    forget_recent_terms()
    return Mapped(list(triples), origins, iris, languages=tuple(records.dataset.data.get("languages", ())))


def forget_recent_terms() -> None:
    """Empty the bounded caches of recent literals once the records are mapped: the terms are in the
    triples, and the caches' entries (a hundred thousand at 1 000 rich activities, up to 400 000) would
    stay in the build's heap through the pages stage, which its workers share (docs/scaling.md)."""
    for recent in (iati_block.literal, iati_block.plain, iati_block.decimal, iati_block.text_in,
                   conversions_module._number, conversions_module._day):
        recent.cache_clear()


# IATI attributes that name an activity or an organisation by its IATI identifier.
_ACTIVITY_REFS = frozenset(str(_AID) + name for name in (
    "iati-provider-activity-id", "iati-receiver-activity-id", "iati-activity-id"))
_RELATED_REF = str(_AID) + "iati-ref"
# The classes of the IATI elements whose ``ref`` is an activity or an organisation identifier.
_RELATED = _AID.RelatedActivity
_ORG_ELEMENTS = frozenset(_AID[name] for name in (
    "ParticipatingOrg", "ProviderOrg", "ReceiverOrg", "ReportingOrg", "OwnerOrg", "RecipientOrg"))
_COUNTRY_ELEMENT, _CODE = _AID.RecipientCountry, str(_AID) + "iati-code"
_KINDS = frozenset({_RELATED, _COUNTRY_ELEMENT, *_ORG_ELEMENTS, SCHEMA.Project})
_RECIPIENT_COUNTRY = _AID["iati-recipient-country"]
# What each predicate tells ``identifier_links``.
_ROLES: dict[Node, str] = {AID.iatiIdentifier: "project", AID.iatiOrganisationIdentifier: "org",
                           AID.countryCode: "country", RDF.type: "type", _RECIPIENT_COUNTRY: "recipient",
                           AID.organisation: "linked", _AID["iati-transaction"]: "transaction",
                           _AID["iati-recipient-region"]: "placed", SCHEMA.areaServed: "placed",
                           **{URIRef(key): "ref" for key in (*_ACTIVITY_REFS, _RELATED_REF, _CODE)}}


@dataclass
class _Named:
    """What ``identifier_links`` gathers in its one pass over the triples."""

    projects: dict[str, Node] = field(default_factory=dict)  # IATI identifier → project
    orgs: dict[str, Node] = field(default_factory=dict)  # IATI organisation identifier → organisation
    countries: dict[Node, Node] = field(default_factory=dict)  # Country concept → country record
    kinds: dict[Node, Node] = field(default_factory=dict)  # subject → its class among _KINDS
    recipients: list[tuple[Node, Node]] = field(default_factory=list)  # (project or transaction, element)
    referring: list[Triple] = field(default_factory=list)  # triples that may name another resource, in order
    linked: set[Node] = field(default_factory=set)  # subjects linked to their organisation already
    transactions: list[tuple[Node, Node]] = field(default_factory=list)  # (project, its IATI transaction)
    placed: set[Node] = field(default_factory=set)  # subjects with a recipient region or a plain country


def _named(triples: list[Triple]) -> _Named:
    # One pass, predicates found by hash (a dict) rather than compared one by one: rdflib's term
    # equality is Python code, and this runs over every triple of the dataset.
    n = _Named()
    for t in triples:
        s, p, o = t
        role = _ROLES.get(p)
        if role is None:
            continue
        if role == "project":
            n.projects[str(o)] = s
        elif role == "org":
            n.orgs[str(o)] = s
        elif role == "country":
            n.countries[o] = s
        elif role == "type":
            if o in _KINDS:
                n.kinds[s] = o
        elif role == "recipient":
            n.recipients.append((s, o))
        elif role == "linked":
            n.linked.add(s)
        elif role == "transaction":
            n.transactions.append((s, o))
        elif role == "placed":
            n.placed.add(s)
        else:
            n.referring.append(t)
    return n


def identifier_links(triples: list[Triple]) -> Iterable[Triple]:
    """IATI elements that name a project, an organisation or a country of this dataset by its IATI
    identifier or code, linked to it (``aid:activity``, ``aid:organisation``, ``aid:country``): the
    one step that looks across records. A project serves (``schema:areaServed``) the countries its
    own recipient-country elements link, as it serves those of its plain ``countries``: whoever asks
    for the countries a project serves gets them all, however the source stated them. A project that
    states no recipient country or region of its own serves those its transactions state (IATI 2.03:
    the geography is on the activity or on each of its transactions, never both; USAID's)."""
    n = _named(triples)
    projects, orgs, countries, kinds = n.projects, n.orgs, n.countries, n.kinds
    country_of: dict[Node, Node] = {}
    for s, p, o in n.referring:
        key = str(p)
        if key == _CODE and o in countries and kinds.get(s) == _COUNTRY_ELEMENT:
            country_of[s] = countries[o]
            yield s, AID.country, countries[o]
        elif key in _ACTIVITY_REFS and str(o) in projects:
            yield s, AID.activity, projects[str(o)]
        elif key == _RELATED_REF and s in kinds:
            if kinds[s] == _RELATED and str(o) in projects:
                yield s, AID.activity, projects[str(o)]
            elif kinds[s] != _RELATED and str(o) in orgs and s not in n.linked:
                # an element its source links (aidlod-organisation) is that organisation's: a CRS channel
                # code it states as its ref (AICS's 22000) may be the identifier of another's record
                yield s, AID.organisation, orgs[str(o)]
    own: set[Node] = set()
    by_transaction: dict[Node, list[Node]] = {}
    for s, element in n.recipients:  # a transaction's own recipient country is not the project's
        if kinds.get(s) == SCHEMA.Project:
            own.add(s)
            if element in country_of:
                yield s, SCHEMA.areaServed, country_of[element]
        elif element in country_of:
            by_transaction.setdefault(s, []).append(country_of[element])
    for project, transaction in n.transactions:  # but the project's when it states none
        if project not in own and project not in n.placed and kinds.get(project) == SCHEMA.Project:
            for country in by_transaction.get(transaction, ()):
                yield project, SCHEMA.areaServed, country


def bind_prefixes(graph: Graph) -> None:
    from ..iris import PREFIXES

    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)

