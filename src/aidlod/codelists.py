"""IATI codelists as SKOS concept schemes, generated from the vendored official XML.

No code is typed by hand: the codelist files in ``ontology/iati-codelists/`` are the only source.
Each codelist becomes a ``skos:ConceptScheme``; each item a ``skos:Concept`` with ``skos:notation``
(the code), ``skos:prefLabel`` and ``skos:definition`` per language, ``skos:broader`` to its
category (which lives in the category codelist, e.g. Sector → SectorCategory) and
``owl:deprecated true`` when the IATI Secretariat withdrew it.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.term import Node

from .iris import AID, CODELIST_BASE, DCT, SCHEMA, codelist_concept, codelist_scheme
from .resources import codelist_dir

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")
IATI_STANDARD = URIRef("http://iatistandard.org/")
# The attribution CC BY 4.0 asks for, in the dataset's metadata (schema:creditText) and per scheme.
CREDIT = {
    "en": "IATI codelists: IATI Standard (http://iatistandard.org/), CC BY 4.0. Sector, FlowType, AidType "
          "and CRSChannelCode derive from the OECD DAC CRS lists; Country from ISO 3166; Currency from ISO 4217.",
    "nb": "IATI-kodelister: IATI Standard (http://iatistandard.org/), CC BY 4.0. Sector, FlowType, AidType "
          "og CRSChannelCode bygger på OECD DACs CRS-lister; Country på ISO 3166; Currency på ISO 4217.",
}
# The credit of the one list that is not IATI's (OUTSIDE_IATI), after the IATI credit.
_CLUSTERS_CREDIT = ("Humanitarian Global Clusters: Code for IATI's Unofficial Codelists (MIT License), after OCHA's "
                    "Global Coordination Groups")
CREDIT["en"] += f" {_CLUSTERS_CREDIT}."
CREDIT["nb"] += (" Humanitarian Global Clusters: Code for IATIs Unofficial Codelists (MIT-lisens), etter "
                 "OCHAs Global Coordination Groups.")

# The codelists the data model uses. Each one's scheme is published, and of its concepts those the data
# points to (``published_triples``): every code a record uses is dereferenceable.
PUBLISHED = (
    "ActivityDateType", "ActivityStatus", "AidType", "AidTypeVocabulary", "BudgetStatus",
    "BudgetType", "CollaborationType", "Country", "Currency", "DescriptionType",
    "DocumentCategory", "DocumentCategory-category", "FinanceType", "FlowType", "Language",
    "OrganisationRole", "OrganisationType", "PolicyMarker", "PolicyMarkerVocabulary",
    "PolicySignificance", "Region", "Sector", "SectorCategory", "SectorVocabulary", "TiedStatus",
    "TransactionType",
    # embedded in the 2.03 standard, small: every IATI code of the model has a concept to link
    "ActivityScope", "BudgetIdentifierVocabulary", "BudgetNotProvided", "ConditionType", "ContactType",
    "DisbursementChannel", "GeographicExactness", "GeographicLocationClass", "GeographicLocationReach",
    "IndicatorMeasure", "LoanRepaymentPeriod", "LoanRepaymentType", "OtherIdentifierType",
    "RelatedActivityType", "ResultType", "HumanitarianScopeType",
    # which outside list a humanitarian scope's code is from (GLIDE, OCHA's plans)
    "HumanitarianScopeVocabulary",
    # which gazetteer a location's identifier or administrative area is from (GeoNames, GADM, OSM), and
    # which list a recipient region is of (OECD DAC, UN): complete lists of a few codes
    "GeographicVocabulary", "RegionVocabulary",
    # what kind of place a location is (US NGA feature designations: PPLC a capital, ADM1 a first-order
    # administrative division): 682 codes, of which a site publishes those its locations use
    "LocationType",
    # the OECD's CRS channels of delivery, which crs-add/channel-code and participating-org/@crs-channel-code
    # state (kept as literals: CODE_LITERAL_PREDICATES)
    "CRSChannelCode",
    # the OECD's other flags of an activity's CRS data (crs-add/other-flags: 2 a programme-based approach)
    "CRSAddOtherFlags",
    # which list a tag's, a result's or an indicator's reference code is of (99: the publisher's own, whose
    # codes stay literals), and IATI's budget identifiers under their sectors and categories (a budget-item
    # of country-budget-items vocabulary 1: "5.1.1" under 5.1 Health, under 5 Social Affairs)
    "TagVocabulary", "IndicatorVocabulary", "ResultVocabulary",
    "BudgetIdentifier", "BudgetIdentifierSector", "BudgetIdentifierSector-category",
    # the UN Sustainable Development Goals, as sectors (vocabulary 7) and tags (vocabulary 2) name them
    "UNSDG-Goals", "UNSDG-Targets",
    # aid types of the Grand Bargain's earmarking (vocabulary 2) and of cash and voucher assistance (4)
    "EarmarkingCategory", "CashandVoucherModalities",
    # the IASC's humanitarian global clusters, as sectors of vocabulary 10 name them (a list outside IATI's:
    # OUTSIDE_IATI says whose)
    "HumanitarianGlobalClusters",
)

# The lists that are not the IATI Secretariat's (SectorVocabulary 10 points at OCHA's list of the
# global clusters, which Code for IATI keeps as a codelist): (licence, publisher, source, credit).
OUTSIDE_IATI: dict[str, tuple[URIRef, URIRef, URIRef, str]] = {
    "HumanitarianGlobalClusters": (
        URIRef("https://opensource.org/licenses/MIT"), URIRef("https://codeforiati.org/"),
        URIRef("https://github.com/codeforIATI/Unofficial-Codelists/blob/master/xml/HumanitarianGlobalClusters.xml"),
        f"{_CLUSTERS_CREDIT} (https://data.humdata.org/dataset/global-coordination-groups-beta)."),
}

Triple = tuple[Node, Node, Node]


@dataclass
class Item:
    code: str
    names: dict[str, str]
    descriptions: dict[str, str]
    category: str | None
    withdrawn: bool


@dataclass
class Codelist:
    name: str
    title: dict[str, str]
    description: dict[str, str]
    category_list: str | None
    url: str | None
    items: dict[str, Item] = field(default_factory=dict)
    # embedded="1" (or unstated: the 2.03 lists from pyIATI) fixes the list with the standard's version;
    # embedded="0" is a list IATI and the OECD DAC update between versions (``unlisted``)
    embedded: bool = True

    def active(self, code: str) -> bool:
        item = self.items.get(code)
        return item is not None and not item.withdrawn


def _narratives(elem: ET.Element | None, default_lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if elem is None:
        return out
    for n in elem.findall("narrative"):
        text = " ".join((n.text or "").split())
        if text:
            out.setdefault(n.get(XML_LANG, default_lang).lower(), text)
    return out


@cache
def digest(name: str) -> str:
    """A hash of one vendored codelist file: part of the setting of a build cache whose output reads it."""
    return hashlib.sha256((codelist_dir() / f"{name}.xml").read_bytes()).hexdigest()


@cache
def load(name: str) -> Codelist:
    """Parse one vendored codelist file (cached: the files never change while running)."""
    path: Path = codelist_dir() / f"{name}.xml"
    root = ET.parse(path).getroot()  # noqa: S314 - vendored official files, not user input
    lang = root.get(XML_LANG, "en")
    meta = root.find("metadata")
    codelist = Codelist(
        name=root.get("name", name),
        title=_narratives(meta.find("name") if meta is not None else None, lang),
        description=_narratives(meta.find("description") if meta is not None else None, lang),
        category_list=root.get("category-codelist"),
        url=(meta.findtext("url") if meta is not None else None),
        embedded=root.get("embedded", "1").strip() != "0",
    )
    for el in root.iter("codelist-item"):
        code = (el.findtext("code") or "").strip()
        if not code:
            continue
        codelist.items[code] = Item(
            code=code,
            names=_narratives(el.find("name"), lang),
            descriptions=_narratives(el.find("description"), lang),
            category=(el.findtext("category") or "").strip() or None,
            withdrawn=el.get("status") == "withdrawn",
        )
    return codelist


# A code a non-embedded list may have gained since aidlod's copy of it was taken, as aidlod keeps one: its
# concept's IRI and page path are made of it, so letters, digits and . _ - only (40 at most), a letter or
# digit first ("12198", "ZWG", "XQ", "GB-CHC"); anything else stays refused as now.
NEW_CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
# The form a new code of these lists has besides NEW_CODE_RE (ISO 3166-1 alpha-2, ISO 4217, the DAC's 5- and
# 3-digit purpose codes): "WLD" or "usd" are no new country or currency, but an error of the file.
FORMS = {"Country": re.compile(r"[A-Z]{2}"), "Currency": re.compile(r"[A-Z]{3}"),
         "Sector": re.compile(r"[0-9]{5}"), "SectorCategory": re.compile(r"[0-9]{3}")}
# Lists whose codes are kept as literals whatever they are (``CODE_LITERAL_PREDICATES``): a code their copy
# lacks is shown as the text it is, as before, not published as a concept.
_AS_LITERALS = ("Language", "CRSChannelCode")
# Where each vendored non-embedded list was copied from (ontology/iati-codelists/README.md): the files
# state no version or date of their own, so a note names the copy by its repository and commit.
COPY_DEFAULT = "IATI-Codelists-NonEmbedded, commit 7aeece7"
COPIES = {
    "HumanitarianScopeVocabulary": "IATI-Codelists-NonEmbedded, commit 09706e0",
    "GeographicVocabulary": "IATI-Codelists-NonEmbedded, commit 313677b",
    "RegionVocabulary": "IATI-Codelists-NonEmbedded, commit 6cd1b9f",
    "UNSDG-Goals": "IATI-Codelists-NonEmbedded, commit 67f6073",
    "UNSDG-Targets": "IATI-Codelists-NonEmbedded, commit 09706e0",
    "EarmarkingCategory": "IATI-Codelists-NonEmbedded, commit 831b887",
    "CashandVoucherModalities": "IATI-Codelists-NonEmbedded, commit 0dfd1d1",
    "LocationType": "IATI-Codelists-NonEmbedded, commit 09706e0",
    "CRSAddOtherFlags": "IATI-Codelists-NonEmbedded, commit 0dfd1d1",
    "TagVocabulary": "IATI-Codelists-NonEmbedded, commit 863b5f3",
    "IndicatorVocabulary": "IATI-Codelists-NonEmbedded, commit 09706e0",
    "ResultVocabulary": "IATI-Codelists-NonEmbedded, commit efa14c9",
    "BudgetIdentifier": "IATI-Codelists-NonEmbedded, commit 5f6d57c",
    "BudgetIdentifierSector": "IATI-Codelists-NonEmbedded, commit 0dfd1d1",
    "BudgetIdentifierSector-category": "IATI-Codelists-NonEmbedded, commit 75564a7",
    "HumanitarianGlobalClusters": "Code for IATI's Unofficial-Codelists, commit 2a295e3",
}


def unlisted(name: str, code: str) -> bool:
    """Whether ``code`` is kept as stated though list ``name`` lacks it: a non-embedded list (which IATI
    updates between versions of the standard: a DAC sector, a currency, a country newer than aidlod's
    copy) that aidlod publishes, and a well-formed code (``NEW_CODE_RE``). An embedded list's unknown code,
    or a malformed one, is an error of the file, refused as before. So are, though their lists are not
    embedded, a vocabulary aidlod does not know (``*Vocabulary``: which list the element's code is of, and so
    how to read that code, would not be known: a code of vocabulary "ABC" read as one of the default list's),
    and a code of the list's category list (sector "151" of vocabulary 1, budget identifier "5.1": a code of
    the wrong level, not a new one)."""
    if name not in PUBLISHED or name in _AS_LITERALS or name.endswith("Vocabulary") or \
            not NEW_CODE_RE.fullmatch(code) or ".." in code or (name in FORMS and not FORMS[name].fullmatch(code)):
        return False
    listed = load(name)
    if listed.embedded or code in listed.items:
        return False
    category = listed.category_list
    return not (category and category in PUBLISHED and code in load(category).items)


def copy_of(name: str) -> str:
    """Which copy of list ``name`` aidlod ships (its source repository and commit)."""
    return COPIES.get(name, COPY_DEFAULT)


def near_codes(name: str, code: str, most: int = 3) -> list[str]:
    """The codes of list ``name`` one slip away from ``code`` (one character changed, or two neighbours
    swapped): what a hand-typed ``NOX`` most likely meant, named beside the note that keeps it; none when
    more than ``most`` are."""
    def near(other: str) -> bool:
        if len(other) != len(code) or other == code:
            return False
        diff = [i for i, (a, b) in enumerate(zip(code, other, strict=True)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and code[diff[0]] == other[diff[1]] and code[diff[1]] == other[diff[0]])
    found = sorted(c for c in load(name).items if near(c))
    return found if len(found) <= most else []  # many neighbours (two-letter countries) point at none


# What every note and warning of a code ``unlisted`` keeps says (``validation.is_unlisted`` tells them by it).
UNLISTED_SAYS = "is not in aidlod's copy of the IATI codelist"


def unlisted_note(name: str, code: str) -> str:
    """What the import and the build say of a code ``unlisted`` keeps (with the listed codes one slip
    away, should it be a typing slip rather than a code newer than the copy)."""
    near = near_codes(name, code)
    slip = f"; if it is a slip for a listed code: {', '.join(near)}" if near else ""
    return (f"code {code!r} {UNLISTED_SAYS} {name} ({copy_of(name)}), a list IATI "
            "updates between versions of the standard: kept as stated, shown by its code (the copy has no "
            f"name for it){slip}")


def codes_hint(name: str) -> str:
    """What a wrong code of list ``name`` may be instead, to follow a message saying it is none: a short list's
    codes with their names, a long list's address (the message alone, "is not a code of the IATI codelist
    TransactionType", left the publisher to look it up). Empty for a list not vendored."""
    try:
        listed = load(name)
    except (OSError, SyntaxError):  # a list not vendored (ET.ParseError is a SyntaxError)
        return ""
    active = [item for item in listed.items.values() if not item.withdrawn]
    if 0 < len(active) <= 12:
        return "; one of: " + ", ".join(f"{item.code} ({item.names.get('en', '')})" if item.names.get("en")
                                        else item.code for item in active)
    return f"; the codes: https://iatistandard.org/en/iati-standard/203/codelists/{name.lower()}/"


def skos_triples(name: str) -> Iterator[Triple]:
    """The SKOS rendering of one codelist."""
    cl = load(name)
    scheme = codelist_scheme(name)
    yield scheme, RDF.type, SKOS.ConceptScheme
    # schema.org's name for a code list: the type schema:creditText (a CreativeWork's) is stated on
    yield scheme, RDF.type, SCHEMA.DefinedTermSet
    for lang, text in sorted(cl.title.items()):
        yield scheme, SKOS.prefLabel, Literal(text, lang=lang)
    for lang, text in sorted(cl.description.items()):
        yield scheme, SKOS.definition, Literal(text, lang=lang)
    yield scheme, SKOS.notation, Literal(name)
    licence, publisher, source, credit = OUTSIDE_IATI.get(name, (
        CC_BY_4, IATI_STANDARD, URIRef(f"https://iatistandard.org/en/iati-standard/203/codelists/{name.lower()}/"),
        CREDIT["en"]))
    yield scheme, DCT.license, licence
    yield scheme, DCT.publisher, publisher
    yield scheme, SCHEMA.creditText, Literal(credit, lang="en")
    yield scheme, DCT.source, source
    if cl.url and cl.url.startswith(("http://", "https://")) and " " not in cl.url:
        yield scheme, RDFS.seeAlso, URIRef(cl.url)
    # A category list that is not vendored (AidType-category, FinanceType-category) would leave
    # a dangling skos:broader, so such items are published as top concepts instead.
    broader = bool(cl.category_list) and (codelist_dir() / f"{cl.category_list}.xml").is_file()
    for item in cl.items.values():
        concept = codelist_concept(name, item.code)
        yield concept, RDF.type, SKOS.Concept
        yield concept, SKOS.inScheme, scheme
        yield concept, SKOS.notation, Literal(item.code)
        for lang, text in sorted(item.names.items()):
            yield concept, SKOS.prefLabel, Literal(text, lang=lang)
        for lang, text in sorted(item.descriptions.items()):
            yield concept, SKOS.definition, Literal(text, lang=lang)
        if item.category and broader:
            yield concept, SKOS.broader, codelist_concept(str(cl.category_list), item.category)
        else:
            yield concept, SKOS.topConceptOf, scheme
        if item.withdrawn:
            yield concept, OWL.deprecated, Literal(True)


@cache
def all_triples() -> tuple[Triple, ...]:
    """Every published codelist in SKOS (made once per process, like ``load``: the files never
    change while running, and every build of a test run or a server maps them again)."""
    return tuple(t for name in PUBLISHED for t in skos_triples(name))


# Predicates whose objects are codes stated as literals, and their lists: an element's xml:lang, and a CRS
# channel code (crs-add/channel-code, participating-org/@crs-channel-code), kept as stated because
# publishers use codes the list lacks. A page links a known code to its concept ("22000 – Donor
# country-based NGO"), so those concepts are published as if the data pointed to them.
CODE_LITERAL_PREDICATES: dict[Node, str] = {
    AID["iati-xml-lang"]: "Language",
    AID["iati-channel-code"]: "CRSChannelCode",
    AID["iati-crs-channel-code"]: "CRSChannelCode",
}

# Concepts the pages and tables name whatever the records point to: a grant is listed as an outgoing
# commitment (TransactionType 2), a budget that states no status as indicative (BudgetStatus 1), and
# one (or a planned disbursement) that states no type as the original (BudgetType 1), an activity's
# start and end as the planned or actual date its status makes them (ActivityDateType), and its
# description (schema:description) as its general one in descriptions.csv (DescriptionType 1).
ALWAYS_NAMED = (("TransactionType", "2"), ("BudgetStatus", "1"), ("BudgetType", "1"),
                *(("ActivityDateType", code) for code in ("1", "2", "3", "4")), ("DescriptionType", "1"))

_SKOS_BROADER = SKOS.broader


@cache
def _by_subject() -> tuple[tuple[Triple, ...], dict[Node, tuple[Triple, ...]]]:
    """The schemes' triples, and each concept's triples by its IRI (made once per process)."""
    schemes: list[Triple] = []
    concepts: dict[Node, list[Triple]] = {}
    for t in all_triples():
        if str(t[0]).removesuffix("#id").removeprefix(CODELIST_BASE).count("/"):
            concepts.setdefault(t[0], []).append(t)
        else:
            schemes.append(t)
    return tuple(schemes), {s: tuple(ts) for s, ts in concepts.items()}


def literal_concept(predicate: Node, code: Node) -> URIRef | None:
    """The concept of a code stated as a literal by one of ``CODE_LITERAL_PREDICATES`` (whether or not
    its list has it), or None."""
    listname = CODE_LITERAL_PREDICATES.get(predicate)
    if listname is None or not isinstance(code, Literal):
        return None
    text = str(code).strip()
    try:
        return codelist_concept(listname, text.lower() if listname == "Language" else text)
    except ValueError:  # not a code an IRI can be made of: shown as the text it is
        return None


def referenced_concepts(triples: Iterable[Triple]) -> set[Node]:
    """The codelist IRIs among the objects of ``triples``, and the concepts of the codes
    ``CODE_LITERAL_PREDICATES`` state as literals (one pass; rdflib terms are str subclasses)."""
    found: set[Node] = set()
    # str's own startswith: URIRef overrides it with a Python method, called here for every IRI object
    starts = str.startswith
    for _s, p, o in triples:
        if isinstance(o, URIRef):
            if starts(o, CODELIST_BASE):
                found.add(o)
        elif p in CODE_LITERAL_PREDICATES:
            concept = literal_concept(p, o)
            if concept is not None:
                found.add(concept)
    return found


def published_triples(referenced: Iterable[Node]) -> list[Triple]:
    """Every codelist's scheme, and the concepts of ``referenced`` with the broader concepts they sit
    under and ``ALWAYS_NAMED``: a site publishes the codes its data uses (the seed's 36 of the 2 643
    the vendored lists hold), while the full lists stay the IATI Secretariat's (``dct:source``)."""
    schemes, concepts = _by_subject()
    todo = [*referenced, *(codelist_concept(name, code) for name, code in ALWAYS_NAMED)]
    kept: set[Node] = set()
    new: set[Node] = set()
    while todo:
        concept = todo.pop()
        if concept in kept or concept in new:
            continue
        if concept not in concepts:
            if unlisted_code(concept) is not None:
                new.add(concept)
            continue
        kept.add(concept)
        todo.extend(o for _s, p, o in concepts[concept] if p == _SKOS_BROADER)
    return [*schemes, *(t for concept in sorted(kept, key=str) for t in concepts[concept]),
            *(t for concept in sorted(new, key=str) for t in unlisted_triples(concept))]


def unlisted_code(concept: Node) -> tuple[str, str] | None:
    """(list, code) of a concept IRI whose code its list's copy lacks but ``unlisted`` keeps, else None."""
    if not isinstance(concept, URIRef) or not str.startswith(concept, CODELIST_BASE) or not concept.endswith("#id"):
        return None
    name, _, code = str(concept)[len(CODELIST_BASE):-3].partition("/")
    if not code or "/" in code or not unlisted(name, code) or codelist_concept(name, code) != concept:
        return None
    return name, code


def unlisted_triples(concept: Node) -> list[Triple]:
    """The concept of a code ``unlisted`` keeps, as the build states it: in its list's scheme, with its code as
    its notation and no name (none is known: pages show the code). Without a broader concept or
    ``skos:topConceptOf``: where it sits in the list is not known either."""
    found = unlisted_code(concept)
    if found is None:
        return []
    name, code = found
    return [(concept, RDF.type, SKOS.Concept), (concept, SKOS.inScheme, codelist_scheme(name)),
            (concept, SKOS.notation, Literal(code))]
