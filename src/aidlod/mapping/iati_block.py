"""Map a project's ``iati`` field to RDF: every IATI element and attribute, by one rule.

Element X of the activity becomes a node ``{project}#iati-{path}-{n}`` of class ``aid:X`` (in
CamelCase) linked by ``aid:iati-X``; attribute Y becomes ``aid:iati-Y``; narratives are
language-tagged ``aid:iati-narrative`` literals; codes of the vendored IATI codelists point to
their SKOS concepts. An element without attributes that occurs once is stated on its parent
directly (its narratives or its text). Beside this lossless IATI view, schema.org's terms are
stated where schema.org has them: ``schema:value``/``schema:currency`` on amounts (``aid:Value`` is
a ``schema:MonetaryAmount`` in the ontology), ``schema:Place`` with ``schema:GeoCoordinates`` and a
GeoSPARQL WKT point on locations, ``schema:url`` on document links (spaces percent-encoded),
``schema:ContactPoint`` on contacts.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from rdflib import RDF, XSD, Literal, Namespace, URIRef

from ..iati import standard
from ..iris import AID, PROV, SCHEMA, codelist_concept, iri_error

if TYPE_CHECKING:
    from rdflib.term import Node

    from ..iris import IRIs


class _Emitter(Protocol):
    """What the block needs of the mapping's emitter (``mapping._Emitter``)."""

    def subject(self, s: URIRef, prefix: str = "") -> None: ...

    def add(self, s: URIRef, p: URIRef, o: Node, fieldname: str | None = None) -> None: ...

GEO = Namespace("http://www.opengis.net/ont/geosparql#")
DATATYPES = {
    "decimal": XSD.decimal, "date": XSD.date, "dateTime": XSD.dateTime, "boolean": XSD.boolean,
    "anyURI": XSD.anyURI, "int": XSD.integer, "integer": XSD.integer,
    "positiveInteger": XSD.integer, "nonNegativeInteger": XSD.integer,
}
# Made once: ``RDF.type`` and ``SCHEMA.value`` look a term up (or build a new one) on every access, and
# these are stated for every element node and amount of every activity.
_TYPE, _VALUE = RDF.type, RDF.value
_SCHEMA_VALUE, _SCHEMA_CURRENCY = SCHEMA.value, SCHEMA.currency
SAFE_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_UNSAFE = re.compile(r"[\s<>\"{}|\\^`]")
# What a contact's email and telephone hold to be stated as schema.org's: each address in the email
# (IOM writes several in one, "ROCairo@iom.int; ROCairoRM@iom.int"), a telephone with a digit. OCHA's
# pooled funds write "xxxx (Secured)" in both for a partner they do not name, which is no address to
# write to nor number to call; the IATI element keeps what the file states.
# Runs of text between separators, each split at '@': the pattern the addresses were found with
# (``part+@part+\.part*[^.]``, a part no separator, '@') backtracked into itself, so that an email of
# 'a@a' and 40 000 dots took 20 seconds (100 000 characters: minutes); read run by run, it is linear.
_ADDRESS_RUNS = re.compile(r"[^\s;,<>()\[\]:\"']+")


def email_addresses(text: str) -> list[str]:
    """The e-mail addresses in a contact's email text, as ``re.findall`` found them with that pattern:
    a part before each '@', and the longest start of the part after it that has a '.' after its
    first character and does not end in one (what the match left, its final dots, may start the next)."""
    out = []
    for run in _ADDRESS_RUNS.findall(text):
        parts = run.split("@")
        local = parts[0]
        for part in parts[1:]:
            domain = part.rstrip(".")
            if local and "." in domain[1:-1]:
                out.append(f"{local}@{domain}")
                local = part[len(domain):]
            else:
                local = part
    return out
_PHONE_DIGIT = re.compile(r"\d")


# Terms made once per name: a rich activity repeats a few hundred predicates, classes and codes
# thousands of times, and each ``AID[...]`` is a new URIRef (~100 bytes) held for the whole build.
@cache
def prop(name: str) -> URIRef:
    return AID[standard.property_name(name)]


@cache
def attr_prop(name: str) -> URIRef:
    return AID[standard.attribute_property_name(name)]


@cache
def class_of(name: str) -> URIRef:
    return AID[standard.class_name(name)]


# A bad code raises ValueError, which is not cached.
_concept = cache(codelist_concept)


def narratives(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(language, text) of an element's narratives; a language may have several."""
    out = []
    for lang, texts in sorted(data.get("narrative", {}).items()):
        out += [(lang, text) for text in (texts if isinstance(texts, list) else [texts])]
    return out


# Literals are immutable: one object per recent value (dates, amounts, flags, currencies repeat across
# a portfolio's transactions and budgets), bounded so that unique texts do not pile up.
@lru_cache(maxsize=1 << 16)
def literal(datatype: str, value: str) -> Literal:
    dt = DATATYPES.get(datatype)
    if dt is None:
        return Literal(value)
    if dt == XSD.boolean:  # IATI writes 0 and 1; the graph states true and false
        return Literal("true" if value in ("1", "true") else "false", datatype=dt)
    return Literal(value, datatype=dt, normalize=False)  # the lexical form as the publisher wrote it


@lru_cache(maxsize=1 << 16)
def plain(text: str) -> Literal:
    return Literal(text)


@lru_cache(maxsize=1 << 16)
def decimal(text: str) -> Literal:
    return Literal(Decimal(text))


@lru_cache(maxsize=1 << 16)
def text_in(text: str, lang: str) -> Literal:
    return Literal(text, lang=lang)


class BlockMapper:
    """Emits the triples of one project's (or organisation's) ``iati`` field."""

    def __init__(self, e: _Emitter, iris: IRIs, record_id: str, source: URIRef | None,
                 default_currency: str | None, kind: str = "project") -> None:
        self.e = e
        self.iris = iris
        self.kind = kind  # the record kind whose document holds the nodes: project or organisation
        self.record_id = record_id
        self.source = source
        self.default_currency = default_currency

    def node(self, fragment: str, where: str) -> URIRef:
        node = self.iris.part(self.kind, self.record_id, fragment)
        self.e.subject(node, prefix=f"{where}.")
        return node

    def element(self, subject: URIRef, decl: standard.Element, data: dict[str, Any], frag: str,
                where: str, parent: dict[str, Any] | None = None) -> None:
        """The attributes, text and children of one element, stated on ``subject`` (``parent``: the
        element it is in, which states the vocabulary of a budget-item's code)."""
        vocabulary = standard.vocabulary_of(decl, data, parent)
        at = "" if frag else f"{where}."  # field names of a node are relative to its own prefix
        for name, attr in decl.attributes.items():
            if name not in data:
                continue
            value = data[name]
            listname = standard.codelist_for(decl, name, vocabulary)
            if listname is not None:
                self.e.add(subject, attr_prop(name), _concept(listname, value), at + name)
            else:
                self.e.add(subject, attr_prop(name), literal(attr.datatype, value), at + name)
        if "text" in data and decl.text is not None:
            self.e.add(subject, _VALUE, literal(decl.text, data["text"]), at + "text")
        for lang, text in narratives(data):
            self.e.add(subject, prop("narrative"), text_in(text, lang), f"{at}narrative.{lang}")
        self.extensions(subject, data, at)
        for child in decl.children:
            if child.name == "narrative" or child.name not in data:
                continue
            for i, item in enumerate(data[child.name], start=1):
                # named as the record writes it: 'receiver-org', not 'receiver-org[0]', for what IATI allows once
                step = f"{child.name}[{i - 1}]" if child.repeats else child.name
                self.child(subject, child, item, f"{frag}-{child.name}-{i}" if frag else f"iati-{child.name}-{i}",
                           f"{where}.{step}" if where else step, data, at + step)
        self.align(subject, decl, data)

    def extensions(self, subject: URIRef, data: dict[str, Any], at: str) -> None:
        """What aidlod's own keys of an element state (``standard.EXTENSION_KEYS`` and ``ELEMENT_EXTENSIONS``)."""
        if "aidlod-organisation" in data:
            self.e.add(subject, AID.organisation, self.iris.thing("organisation", data["aidlod-organisation"]),
                       at + "aidlod-organisation")
        if "aidlod-country" in data:
            country = self.iris.thing("country", data["aidlod-country"])
            self.e.add(subject, AID.country, country, at + "aidlod-country")
        if "aidlod-source" in data:  # the file an organisation's budgets were imported from
            self.e.add(subject, PROV.wasDerivedFrom, self.iris.thing("source", data["aidlod-source"]),
                       at + "aidlod-source")
        if standard.TARGET_KEY in data:  # an indicator's target without a reporting period
            self.e.add(subject, AID.targetValue, literal("decimal", data[standard.TARGET_KEY]),
                       at + standard.TARGET_KEY)
        for i, code in enumerate(data.get(standard.LANGUAGES_KEY, ())):  # an output's languages, no address
            self.e.add(subject, SCHEMA.inLanguage, plain(code), f"{at}{standard.LANGUAGES_KEY}[{i}]")
        if "source_section" in data:
            self.e.add(subject, AID.sourceSection, plain(data["source_section"]), at + "source_section")
            if self.source is not None:
                self.e.add(subject, PROV.wasDerivedFrom, self.source, at + "source_section")

    def child(self, parent: URIRef, decl: standard.Element, data: dict[str, Any], frag: str, where: str,
              around: dict[str, Any] | None = None, rel: str | None = None) -> None:
        """One child element of ``parent`` (``where``: its field in the record; ``rel``: the same relative to
        the parent's own field, which the parent's statements name: a point's pos is the point's 'pos', not
        'iati.location[0].point.pos' again after the point's 'iati.location[0].point.')."""
        rel = where if rel is None else rel
        how = standard.collapsed(decl)
        if how == "narrative":
            for lang, text in narratives(data):
                self.e.add(parent, prop(decl.name), text_in(text, lang), f"{rel}.narrative.{lang}")
            return
        if how == "text":
            self.e.add(parent, prop(decl.name), literal(decl.text or "string", data["text"]), rel)
            return
        node = self.node(frag, where)
        self.e.add(parent, prop(decl.name), node, rel)
        self.e.add(node, _TYPE, class_of(decl.name))
        self.element(node, decl, data, frag, where, around)

    def align(self, s: URIRef, decl: standard.Element, data: dict[str, Any]) -> None:
        """The schema.org (and GeoSPARQL) view of the elements schema.org has a type for."""
        e = self.e
        if decl.name in ("value", "forecast") and "text" in data:
            currency = data.get("currency") or self.default_currency
            e.add(s, _SCHEMA_VALUE, decimal(data["text"]), "text")
            if currency:
                e.add(s, _SCHEMA_CURRENCY, plain(currency), "currency")
        elif decl.name == "location":
            e.add(s, _TYPE, SCHEMA.Place, None)
            point = (data.get("point") or [{}])[0]
            found = standard.wgs84(point.get("pos", [{}])[0].get("text", "")) if point.get("pos") else None
            if found:
                lat, long = found
                geo = self.iris.part(self.kind, self.record_id, str(s).rsplit("#", 1)[1] + "-geo")
                e.add(s, SCHEMA.geo, geo, "point")
                e.add(geo, _TYPE, SCHEMA.GeoCoordinates, "point")
                e.add(geo, SCHEMA.latitude, decimal(lat), "point")
                e.add(geo, SCHEMA.longitude, decimal(long), "point")
                e.add(s, GEO.hasGeometry, geo, "point")
                e.add(geo, _TYPE, GEO.Geometry, "point")
                e.add(geo, GEO.asWKT, Literal(f"POINT({long} {lat})", datatype=GEO.wktLiteral), "point")
        elif decl.name == "document-link":
            # Spaces and the like are not allowed in an IRI (UNICEF's ".../3900A007883006000 Contract
            # Awards.pdf"): percent-encoded, as a browser sends them; the stated url stays as it is.
            url = _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), data.get("url", "").strip())
            # 'report[1].pdf', '%zz' and a second '#' pass SAFE_URL, but stopped the build in the store
            if SAFE_URL.match(url) and iri_error(url) is None:
                e.add(s, SCHEMA.url, URIRef(url), "url")
            if "format" in data:
                e.add(s, SCHEMA.encodingFormat, plain(data["format"]), "format")
        elif decl.name == "contact-info":
            e.add(s, _TYPE, SCHEMA.ContactPoint, None)
            for item in data.get("email", []):
                for address in email_addresses(item["text"]):
                    e.add(s, SCHEMA.email, Literal(address), "email")
            for item in data.get("telephone", []):
                if _PHONE_DIGIT.search(item["text"]):
                    e.add(s, SCHEMA.telephone, Literal(item["text"]), "telephone")


def map_block(e: _Emitter, subject: URIRef, iris: IRIs, project_id: str, block: dict[str, Any],
              source: URIRef, grant_currencies: frozenset[str] = frozenset()) -> None:
    """The triples of a project's ``iati`` field, on the project's own node. A default-currency the
    field leaves to the grants (the import drops it when it is their one currency, as the export writes
    it back from them) is theirs: a budget's value that names no currency is in it (ADB's was in none)."""
    activity = standard.activity()
    if "default-currency" not in block and len(grant_currencies) == 1:
        block = {"default-currency": next(iter(grant_currencies)), **block}
    BlockMapper(e, iris, project_id, source, block.get("default-currency")).element(
        subject, activity, block, "", "iati")


def map_organisation_block(e: _Emitter, subject: URIRef, iris: IRIs, org_id: str, block: dict[str, Any],
                           source: URIRef | None) -> None:
    """The triples of an organisation's ``iati`` field (its IATI organisation file's budgets,
    expenditure and documents), on the organisation's node, by the same rule."""
    BlockMapper(e, iris, org_id, source, block.get("default-currency"), "organisation").element(
        subject, standard.organisation(), block, "", "iati")
