"""The tables' rows and columns: what each CSV table of the tables writer holds, read from the data.

One row generator per table (``transaction_rows``, ``budget_rows``, ...) over the read model's
index, a project at a time, and the tables' column specifications (``tables``), with how each
column maps to the graph. The writer (``aidlod.writers.tables``) sorts and writes them; the splits
(``aidlod.splits``) read the amounts of the same rows by column name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import RDF, SKOS, Literal, URIRef
from rdflib.namespace import OWL
from rdflib.term import Node

from ... import money
from ...dataset import Grant, natural_key
from ...iati import standard
from ...iris import AID, CODELIST_BASE, SCHEMA
from ...mapping.conversions import converted_iri
from ...mapping.iati_block import attr_prop  # aid:iati-{name} of an attribute (iati-at-{name} where it clashes)
from ...mapping.iati_block import prop as iati  # aid:iati-{name}, made once per name

if TYPE_CHECKING:
    from ...dataset import Dataset

Row = tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """One column: its name, title, CSVW datatype and, when it maps to the graph, how."""

    name: str
    title: str
    datatype: str = "string"
    prop: str | None = None          # propertyUrl (an absolute IRI)
    value_url: str | None = None     # valueUrl template: the value is an IRI
    about: str | None = None         # column aboutUrl template (the value is on another node)
    lang: str | None = None          # the literal's language
    description: str = ""

    @property
    def suppressed(self) -> bool:
        return self.prop is None


ACTIVITIES = ("activity", "activities")  # the foreign key of an ``activity`` column (``ACTIVITY``)


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Dataset], Iterable[Row]]
    rdf_type: str | None = None      # a virtual column: rdf:type of every row's id
    primary_key: bool = True         # the id is unique
    # the foreign keys, (column, table): a column of IRIs that are ids of that table's rows (the shapes
    # see to it: an organisation or a country that a link names is a record of the dataset)
    refers_to: tuple[tuple[str, str], ...] = (ACTIVITIES,)
    about: str = "{+id}"             # the aboutUrl of the rows
    # One activity's rows (``rows`` is then every activity's): the tables writer keeps them per activity
    part: Part | None = None


def _id(what: str) -> Column:
    return Column("id", "IRI", "anyURI", description=f"The IRI of the {what} in the graph.")


ACTIVITY = Column("activity", "Activity IRI", "anyURI", description="The activity (project) IRI; see activities.csv.")


def _concept(code: str, codelist: str) -> str:
    """The concept IRI a plain code would have (``iris.codelist_concept`` without its check: a code that
    is no safe IRI segment is only looked up here, found in no graph, and its cell still shows it)."""
    return f"{CODELIST_BASE}{codelist}/{code}#id"


def _code_url(codelist: str, column: str) -> str:
    return f"{CODELIST_BASE}{codelist}/{{{column}}}#id"


class Reader:
    """The small lookups every table needs, over the read model's index."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.lang = data.default_language
        self._languages = data.languages  # read once: ``text`` falls back on them for every cell
        self.targets = money.targets(data.summary_currency)  # read once: every amount's cells need it
        self._props: dict[str, dict[str, list[Node]]] = {}
        self._shared: dict[str, dict[str, list[Node]]] = {}
        self._codes: dict[tuple[str, bool, str | None], tuple[tuple[str, str], str]] = {}  # ``code``'s
        # When a set: every subject read is added to it (what an activity's rows depend on, for the
        # tables writer's build cache). Every read of the graph goes through ``props``.
        self.deps: set[str] | None = None
        # The subject ``props`` read last, with the ``deps`` it was recorded in: a row reads one node
        # several times in a row (``lex``, ``text``, ``child`` of the same element), answered at once.
        self._last: tuple[str, set[str] | None, dict[str, list[Node]]] = ("", None, {})
        self._title_languages: tuple[str, ...] | None = None
        self._location_languages: tuple[str, ...] | None = None
        # The dataset's reporting organisation: every activity without a reporting-org of its own is
        # reported by it (the IATI export writes it). Read once, not as a dependency of each activity
        # (the dataset's node changes with every codelist used): the tables writer's setting holds it.
        reporting = data.one(str(data.iris.dataset), AID.reportingOrganisation)
        self.reporting = str(reporting) if isinstance(reporting, URIRef) else ""

    def title_languages(self) -> tuple[str, ...]:
        """``title_languages`` of the dataset, found once (every activity's row reads it)."""
        if self._title_languages is None:
            self._title_languages = title_languages(self.data)
        return self._title_languages

    def location_languages(self) -> tuple[str, ...]:
        """``location_languages`` of the dataset, found once (every activity's locations read it)."""
        if self._location_languages is None:
            self._location_languages = location_languages(self.data)
        return self._location_languages

    def props(self, s: str) -> dict[str, list[Node]]:
        """The subject's values by predicate IRI (string keys: rdflib term equality is slow); the last
        few subjects are kept, as a row reads one node several times."""
        deps = self.deps
        last, last_deps, last_found = self._last
        if s == last and deps is last_deps:  # already added to ``deps``
            return last_found
        if deps is not None:
            deps.add(s)
        shared = s.startswith(CODELIST_BASE)  # codes are read again and again: kept for the whole table
        cache = self._shared if shared else self._props
        found = cache.get(s)
        if found is None:
            if not shared and len(cache) > 256:
                cache.clear()
            found = {}
            for p, o in self.data.pairs(s):
                found.setdefault(str(p), []).append(o)
            cache[s] = found
        self._last = (s, deps, found)
        return found

    def values(self, s: str, p: Node) -> list[Node]:
        return self.props(s).get(str(p), [])

    # ``one``, ``texts`` and ``nodes`` read ``props`` themselves rather than through ``values``:
    # they are called millions of times at 10 000 activities, and a call is most of what each costs.
    def one(self, s: str, p: Node) -> Node | None:
        values = self.props(s).get(str(p))
        if not values:
            return None
        return values[0] if len(values) == 1 else min(values, key=str)

    def lex(self, s: str | None, p: Node) -> str:
        """The lexical form of a single value ("" when none)."""
        if s is None:
            return ""
        found = self.one(s, p)
        return str(found) if found is not None else ""

    def text(self, s: str | None, p: Node, lang: str | None = None) -> str:
        """Text in ``lang`` (the default language), else another; "" when none."""
        if s is None:
            return ""
        found = self.texts(s, p)
        if not found:
            return ""
        for want in (lang or self.lang, *self._languages):
            for lit in found:
                if lit.language == want:
                    return str(lit)
        return str(found[0]) if found else ""

    def exact(self, s: str, p: Node, lang: str) -> str:
        """Text in exactly ``lang`` ("" when none: a per-language column states only that language)."""
        for lit in self.texts(s, p):
            if lit.language == lang:
                return str(lit)
        return ""

    def texts(self, s: str, p: Node) -> list[Literal]:
        """The literals, by language then text (as ``Dataset.texts``)."""
        found = [o for o in self.props(s).get(str(p), ()) if isinstance(o, Literal)]
        if len(found) > 1:  # most values are single: no sort key made for them
            found.sort(key=lambda lit: (lit.language or "", str(lit)))
        return found

    def nodes(self, s: str, p: Node) -> list[str]:
        """The IRIs among the values, in natural order (the order the mapping minted them)."""
        found = [str(o) for o in self.props(s).get(str(p), ()) if isinstance(o, URIRef)]
        if len(found) > 1:  # most are single: no ``natural_key`` made for them
            found.sort(key=natural_key)
        return found

    def child(self, s: str, name: str) -> str | None:
        found = self.nodes(s, iati(name))
        return found[0] if found else None

    def date(self, s: str, name: str) -> str:
        """The ``iso-date`` of child element ``name``."""
        node = self.child(s, name)
        return self.lex(node, iati("iso-date")) if node else ""

    def code(self, node: Node | None, codelist: str | None = None) -> tuple[str, str]:
        """(code, label) of a concept or a plain code (its concept's label when the graph has it).

        Kept per code for the whole table (codes are few and read for nearly every row), with the
        concept it read, which is recorded in ``deps`` at each use as a read would be."""
        if node is None:
            return "", ""
        uri = isinstance(node, URIRef)
        key = (str(node), uri, codelist)
        found = self._codes.get(key)
        if found is None:
            subject = key[0] if uri else _concept(key[0], codelist) if codelist is not None else ""
            found = (self._code(node, codelist), subject)
            if subject.startswith(CODELIST_BASE):  # a code: kept (other nodes are read once or twice)
                self._codes[key] = found
        elif self.deps is not None:
            self.deps.add(found[1])
        return found[0]

    def _code(self, node: Node, codelist: str | None) -> tuple[str, str]:
        if isinstance(node, URIRef):
            notation = self.one(str(node), SKOS.notation)
            code = str(notation) if notation is not None else str(node).rsplit("/", 1)[-1].split("#", 1)[0]
            return code, self.text(str(node), SKOS.prefLabel)
        code = str(node)
        if codelist is not None:
            concept = _concept(code, codelist)
            if self.props(concept):  # in the graph (a subject always has a statement)
                return code, self.text(concept, SKOS.prefLabel)
        return code, ""

    def grants(self, project: str) -> list[Grant]:
        """``Dataset.grants``, with what it reads recorded (the project, its grants, their amounts)."""
        found = self.data.grants(project)
        if self.deps is not None:
            self.deps.add(project)
            for g in found:
                self.deps.add(g.iri)
                if g.amount_iri:
                    self.deps.add(g.amount_iri)
        return found

    def org_ref(self, org: str | None) -> str:
        return self.lex(org, AID.iatiOrganisationIdentifier)

    def org_name(self, org: str | None) -> str:
        return self.text(org, SCHEMA.name)

    def party(self, s: str, name: str) -> tuple[str, str, str]:
        """(organisation IRI, IATI ref, name) of a provider-org or receiver-org element."""
        node = self.child(s, name)
        if node is None:
            return "", "", ""
        org = self.one(node, AID.organisation)
        org_iri = str(org) if isinstance(org, URIRef) else None
        ref = self.lex(node, iati("ref")) or self.org_ref(org_iri)
        return org_iri or "", ref, self.stated_name(node, org_iri)

    def party_type(self, s: str, name: str) -> tuple[str, str]:
        """(code, label) of the kind of organisation a provider-org or receiver-org element names: the type it
        states, else its record's, as participating_organisations.csv (RVO states receivers by type alone)."""
        node = self.child(s, name)
        if node is None:
            return "", ""
        return self.org_type(self.one(node, iati("type")), self.one(node, AID.organisation))

    def org_type(self, stated: Node | None, org: Node | None) -> tuple[str, str]:
        """(code, label) of an organisation type: ``stated``, else the record ``org``'s; empty when neither."""
        kind = stated or (self.one(str(org), AID.organisationType) if isinstance(org, URIRef) else None)
        return self.code(kind, "OrganisationType")

    def party_activity(self, s: str, name: str) -> str:
        """The IATI identifier of the activity a provider-org or receiver-org element names (its
        provider-activity-id or receiver-activity-id): where the money came from or went to, the
        funding chain IATI traces between activities; "" when it names none."""
        node = self.child(s, name)
        return self.lex(node, iati(f"{name.split('-')[0]}-activity-id")) if node else ""

    def stated_name(self, node: str, org: str | None) -> str:
        """The name an element states for an organisation (its narrative; a participation's ``name``,
        where the import keeps what the activity calls its organisation: the IKI's "International Climate
        Initiative" for its record "BMU IKI Secretariat"), else its record's; a name that is the record's
        IATI identifier is none (the European Commission's planned disbursements name their provider
        "XI-IATI-EC_INTPA", without ref)."""
        stated = self.text(node, iati("narrative")) or self.text(node, SCHEMA.name)
        return stated if stated and stated != self.org_ref(org) else self.org_name(org)

    def value(self, s: str) -> tuple[str, ...]:
        """The money cells (``_money``) of an element's ``value`` child; empty cells when it has none."""
        node = self.child(s, "value")
        if node is None:
            return ("",) * (4 + 3 * len(self.targets) + 2)
        return self.money(node, self.lex(node, SCHEMA.value), self.lex(node, SCHEMA.currency),
                          self.lex(node, iati("value-date")))

    def money(self, node: str, value: str, currency: str, value_date: str) -> tuple[str, ...]:
        """value_id, value, currency, value_date, then per target currency its value, rate and rate
        date, then the value date the conversions used and its rule: read from the graph's converted
        amounts (``aid:convertedAmount``); an amount already in a target currency is that value."""
        cells: list[str] = [node, value, currency, value_date]
        used = rule = ""
        for target in self.targets:
            if value and currency == target:
                cells += [value, "1", ""]
                continue
            c = str(converted_iri(node, target)) if node else ""
            if not c or not self.values(c, SCHEMA.value):
                cells += ["", "", ""]
                continue
            cells += [self.lex(c, SCHEMA.value), self.lex(c, AID.exchangeRate), self.lex(c, AID.rateDate)]
            used = used or self.lex(c, AID.conversionValueDate)
            rule = rule or self.lex(c, AID.valueDateRule) or "stated"
        return (*cells, used, rule)


# -- the rows ---------------------------------------------------------------------------------------
#
# The tables of activities' parts are made an activity at a time (``Table.part``), reading the graph
# only through the ``Reader``: what an activity's rows read is then known, and the tables writer
# keeps the rows of an activity whose reads have not changed since the last build.

Part = Callable[[Reader, str], Iterable[Row]]


def _per_project(part: Part) -> Callable[[Dataset], Iterator[Row]]:
    """A table's rows: ``part``'s rows of every project, in the projects' order."""
    def rows(data: Dataset) -> Iterator[Row]:
        r = Reader(data)
        for p in data.projects():
            yield from part(r, p)
    return rows


ACTIVITY_DATE_TYPES = ("1", "2", "3", "4")  # planned start, actual start, planned end, actual end


def activity_dates(r: Reader, p: str, status: str, start: str, end: str) -> tuple[str, ...]:
    """The activity's date of each ActivityDateType, as IATI datastores tabulate them: the plain start
    and end are of the type their status gives (``standard.start_date_type``), the others are the
    first activity-date of that type the project states."""
    found = dict.fromkeys(ACTIVITY_DATE_TYPES, "")
    for d in r.nodes(p, iati("activity-date")):
        kind = r.code(r.one(d, iati("type")), "ActivityDateType")[0]
        if kind in found and not found[kind]:
            found[kind] = r.lex(d, iati("iso-date"))
    for kind, plain in ((standard.start_date_type(status or None), start),
                        (standard.end_date_type(status or None), end)):
        if plain:
            found[kind] = plain
    return tuple(found[kind] for kind in ACTIVITY_DATE_TYPES)


def reporting_org(r: Reader, p: str) -> tuple[str, str, str]:
    """(organisation IRI, IATI ref, name) of the organisation that reports the activity: its own
    reporting-org, else the dataset's reporting organisation, as the IATI export writes it. A site
    of several publishers' files sums per publisher by it (no other table names it)."""
    if r.child(p, "reporting-org") is not None:
        return r.party(p, "reporting-org")
    org = r.reporting or None
    return r.reporting, r.org_ref(org), r.org_name(org)


def activity_part(r: Reader, p: str) -> Iterator[Row]:
    status = r.code(r.one(p, AID.activityStatus), "ActivityStatus")
    start, end = r.lex(p, SCHEMA.startDate), r.lex(p, SCHEMA.endDate)
    yield (p, r.lex(p, AID.iatiIdentifier), *(r.exact(p, SCHEMA.name, lang) for lang in r.title_languages()),
           *status, start, end, *activity_dates(r, p, status[0], start, end), r.lex(p, iati("default-currency")),
           *reporting_org(r, p), r.lex(p, iati("hierarchy")),
           *r.code(_coded(r, p, "activity-scope"), "ActivityScope"),
           *r.code(_coded(r, p, "collaboration-type"), "CollaborationType"),
           *(cell for _c, _w, _e, default, block, codelist, vocabulary in CLASSIFICATIONS
             for cell in r.code(activity_default(r, p, default, block, vocabulary), codelist)),
           # last, so that the older columns keep their places: FCDO flags its COVID-19 response in Pakistan
           # humanitarian and states its capital spend (0 %), which no table said
           _flag(r.lex(p, iati("humanitarian"))), r.lex(r.child(p, "capital-spend"), iati("percentage")),
           # UNDP and the Netherlands' ministry state <conditions attached="0"/> on every activity: no table said
           # whether an activity's aid is conditional (conditions.csv has the conditions themselves)
           _flag(r.lex(r.child(p, "conditions"), iati("attached"))))


def related_activity_part(r: Reader, p: str) -> Iterator[Row]:
    """An activity's IATI related-activity elements: UNDP's outputs name their project (parent, 1) and
    the project's other outputs (siblings, 3), the EC's contracts their decision; with the related
    activity's IRI when the site holds it (the mapping links it: aid:activity). A researcher summing a
    parent and its children counts the same money twice without them."""
    for node in r.nodes(p, iati("related-activity")):
        held = r.one(node, AID.activity)
        yield (node, p, r.lex(node, iati("ref")), *r.code(r.one(node, iati("type")), "RelatedActivityType"),
               str(held) if isinstance(held, URIRef) else "")


def transaction_part(r: Reader, p: str) -> Iterator[Row]:
    commitment: tuple[str, str] | None = None
    for g in r.grants(p):
        if commitment is None:
            commitment = r.code(URIRef(f"{CODELIST_BASE}TransactionType/2#id"), "TransactionType")
            if not commitment[0]:
                commitment = ("2", "")
        day = str(g.value_date) if g.value_date is not None else ""
        desc = r.text(g.iri, SCHEMA.description)
        yield (g.iri, p, "grant", *commitment, day,
               *r.money(g.amount_iri or "", r.lex(g.amount_iri, SCHEMA.value), g.currency or "", day),
               g.funder or "", r.org_ref(g.funder), r.org_name(g.funder), "",
               g.recipient or "", r.org_ref(g.recipient), r.org_name(g.recipient), "", desc,
               *classifications(r, p, None), *_recipient(r, None), "", "", "",
               *r.org_type(None, URIRef(g.funder) if g.funder else None),
               *r.org_type(None, URIRef(g.recipient) if g.recipient else None))
    for t in r.nodes(p, iati("transaction")):
        kind = r.code(_coded(r, t, "transaction-type"), "TransactionType")
        yield (t, p, "transaction", *kind, r.date(t, "transaction-date"), *r.value(t),
               *r.party(t, "provider-org"), r.party_activity(t, "provider-org"), *r.party(t, "receiver-org"),
               r.party_activity(t, "receiver-org"), r.text(t, iati("description")),
               *classifications(r, p, t), *_recipient(r, t), r.lex(t, iati("ref")),
               *_region_vocabulary(r, r.child(t, "recipient-region")),
               *r.party_type(t, "provider-org"), *r.party_type(t, "receiver-org"))


def _recipient(r: Reader, t: str | None) -> tuple[str, ...]:
    """A transaction's own recipient country (its record's IRI, code, name) and region (code, name):
    IATI states the geography on the activity or on each transaction (USAID's), and one stated on the
    transactions alone was in no table. A grant's, and a transaction's that states none, are empty."""
    country = r.child(t, "recipient-country") if t is not None else None
    region = r.child(t, "recipient-region") if t is not None else None
    record = r.one(country, AID.country) if country else None
    return (str(record) if isinstance(record, URIRef) else "", *_named_code(r, country, "Country"),
            *_region(r, region))


def _region_vocabulary(r: Reader, region: str | None) -> tuple[str, str]:
    """(code, name) of a recipient-region element's vocabulary (RegionVocabulary; none stated: empty)."""
    return r.code(r.one(region, iati("vocabulary")) if region else None, "RegionVocabulary")


def _region(r: Reader, region: str | None) -> tuple[str, str]:
    """(code, label) of a recipient-region element: the OECD DAC list's name for a region of vocabulary 1
    (or none stated), else the element's own narrative. A region of another vocabulary whose code is
    also an OECD DAC code (a publisher's own 289) is not that DAC region."""
    if not region:
        return "", ""
    return _listed(r, region, _region_vocabulary(r, region), {"1": "Region"})


# The classifications of a transaction that an activity states a default for (IATI 2.03: the
# activity's default-flow-type, default-finance-type, default-aid-type and default-tied-status hold for
# every transaction that states none of its own): (column prefix, what, the transaction's element,
# the activity's default property (None: the iati block's alone), the iati block's default element,
# codelist, the element's vocabulary: 1, the OECD DAC's, is the standard's default).
CLASSIFICATIONS = (("flow_type", "Flow type", "flow-type", AID.defaultFlowType, "default-flow-type", "FlowType", "1"),
                   ("finance_type", "Finance type", "finance-type", AID.defaultFinanceType, "default-finance-type",
                    "FinanceType", "1"),
                   ("aid_type", "Aid type", "aid-type", AID.defaultAidType, "default-aid-type", "AidType", "1"),
                   ("tied_status", "Tied status", "tied-status", AID.defaultTiedStatus, "default-tied-status",
                    "TiedStatus", "1"),
                   # the Grand Bargain's earmarking (aid type vocabulary 2), which UNHCR, IOM and WHO state
                   ("earmarking", "Earmarking category", "aid-type", None, "default-aid-type", "EarmarkingCategory",
                    "2"))


def _code_of(r: Reader, nodes: list[str], vocabulary: str) -> Node | None:
    """The code of the first of ``nodes`` (IATI elements with a code) in ``vocabulary`` (an element that
    states none is in vocabulary 1, the standard's default): an aid type of vocabulary 2 (earmarking)
    is no OECD DAC aid type."""
    for node in nodes:
        stated = r.one(node, iati("vocabulary"))
        if (r.code(stated, "AidTypeVocabulary")[0] if stated is not None else "1") == vocabulary:
            return r.one(node, iati("code"))
    return None


def activity_default(r: Reader, p: str, default: URIRef | None, block: str, vocabulary: str) -> Node | None:
    """The activity's default of a transaction classification (a ``CLASSIFICATIONS`` entry): its
    record's (``default``), else its iati block's element of ``vocabulary``; None when it states none."""
    return (r.one(p, default) if default is not None else None) or _code_of(r, r.nodes(p, iati(block)), vocabulary)


def classifications(r: Reader, p: str, t: str | None) -> tuple[str, ...]:
    """A transaction's (``t``; None: a grant's) flow, finance, aid type and tied status, each its own or
    else the activity's default, its disbursement channel, whether it is humanitarian (its own
    attribute, else the activity's), and which of these came from the activity."""
    cells: list[str] = []
    inherited: list[str] = []
    for column, _what, element, default, block, codelist, vocabulary in CLASSIFICATIONS:
        own = _code_of(r, r.nodes(t, iati(element)), vocabulary) if t is not None else None
        found = own if own is not None else activity_default(r, p, default, block, vocabulary)
        if own is None and found is not None:
            inherited.append(column)
        cells += r.code(found, codelist)
    cells += r.code(_coded(r, t, "disbursement-channel") if t is not None else None, "DisbursementChannel")
    humanitarian = _flag(r.lex(t, iati("humanitarian"))) if t is not None else ""
    if not humanitarian:
        humanitarian = _flag(r.lex(p, iati("humanitarian")))
        if humanitarian:
            inherited.append("humanitarian")
    return (*cells, humanitarian, " ".join(inherited))


def _flag(lexical: str) -> str:
    """An xsd:boolean's lexical form as CSVW's boolean cells write it ("" when none)."""
    return {"1": "true", "true": "true", "0": "false", "false": "false"}.get(lexical.strip(), "")


def activity_country_part(r: Reader, p: str) -> Iterator[Row]:
    """The countries an activity serves: a row per IATI recipient-country element (its country record,
    code, name, percentage and narrative: Gates states China at 75 % beside a region at 25 %, and a
    country alone read as the whole), then a row per country of the record's plain countries that no
    element states (no percentage: the record states none)."""
    stated: set[str] = set()
    for node in r.nodes(p, iati("recipient-country")):
        record = r.one(node, AID.country)
        country = str(record) if isinstance(record, URIRef) else ""
        stated.add(country)
        yield (p, country, *_named_code(r, node, "Country"), r.lex(node, iati("percentage")),
               r.text(node, iati("narrative")), node)
    for c in sorted(str(o) for o in r.values(p, SCHEMA.areaServed) if isinstance(o, URIRef)):
        if c not in stated:
            code = r.lex(c, SCHEMA.identifier)
            label = r.code(Literal(code), "Country")[1] if code else ""
            yield (p, c, code, label or r.text(c, SCHEMA.name), "", "", "")


def activity_region_part(r: Reader, p: str) -> Iterator[Row]:
    """An activity's IATI recipient-region elements: the European Commission and UNDP state a region
    alone (South America, regional), and no table but splits.csv had it."""
    for node in r.nodes(p, iati("recipient-region")):
        vocabulary = r.code(r.one(node, iati("vocabulary")), "RegionVocabulary")
        yield (node, p, *vocabulary, *_listed(r, node, vocabulary, {"1": "Region"}),
               r.lex(node, iati("percentage")), r.text(node, iati("narrative")), r.lex(node, iati("vocabulary-uri")))


def _budget_like(r: Reader, p: str, element: str, codelist: str, parties: bool) -> Iterator[Row]:
    for b in r.nodes(p, iati(element)):
        kind = r.code(r.one(b, iati("type")), codelist)
        extra: tuple[str, ...] = (*r.code(r.one(b, iati("status")), "BudgetStatus"),) if not parties else ()
        amount = r.value(b)
        tail = (*r.party(b, "provider-org"), r.party_activity(b, "provider-org"), *r.party(b, "receiver-org"),
                r.party_activity(b, "receiver-org"), *r.party_type(b, "provider-org"),
                *r.party_type(b, "receiver-org")) if parties else ()
        yield (b, p, *kind, *extra, r.date(b, "period-start"), r.date(b, "period-end"), *amount, *tail)


def budget_part(r: Reader, p: str) -> Iterator[Row]:
    return _budget_like(r, p, "budget", "BudgetType", parties=False)


def planned_disbursement_part(r: Reader, p: str) -> Iterator[Row]:
    return _budget_like(r, p, "planned-disbursement", "BudgetType", parties=True)


def participation_part(r: Reader, p: str) -> Iterator[Row]:
    for node, role_p in [*((n, AID.role) for n in r.nodes(p, AID.participation)),
                         *((n, iati("role")) for n in r.nodes(p, iati("participating-org")))]:
        org = r.one(node, AID.organisation)
        org_iri = str(org) if isinstance(org, URIRef) else None
        ref = r.lex(node, iati("ref")) or r.org_ref(org_iri)
        name = r.stated_name(node, org_iri)
        # the kind the element states the organisation is, else its record's (the import keeps the element's
        # only where it differs); and the CRS channel of delivery it states (Gates's Columbia University, 51000)
        yield (node, p, org_iri or "", ref, name, *r.code(r.one(node, role_p), "OrganisationRole"),
               r.lex(node, iati("activity-id")), *r.org_type(r.one(node, iati("type")), org),
               *r.code(r.one(node, iati("crs-channel-code")), "CRSChannelCode"))


def _iati_sector(r: Reader, p: str, node: str, transaction: str) -> Row:
    # none stated: vocabulary 1, as IATI, the records' sector allocations and splits.csv read it (three sectors of
    # 33.33 % kept as elements gave an empty cell, sectors adding up to 100 gave 1)
    vocabulary = r.code(r.one(node, iati("vocabulary")) or Literal("1"), "SectorVocabulary")
    # EC INTPA names 15170 "Women¿s rights organisations ..." in its own words: the codelist's name wins
    return (node, p, *vocabulary, *_listed(r, node, vocabulary, {"1": "Sector", "2": "SectorCategory"}),
            r.lex(node, iati("percentage")), transaction, r.lex(node, iati("vocabulary-uri")))


def sector_part(r: Reader, p: str) -> Iterator[Row]:
    for node in r.nodes(p, AID.sectorAllocation):
        vocabulary = r.code(r.one(node, AID.sectorVocabulary), "SectorVocabulary")
        yield (node, p, *vocabulary, *r.code(r.one(node, AID.sector)), r.lex(node, AID.percentage), "", "")
    for node in r.nodes(p, iati("sector")):
        yield _iati_sector(r, p, node, "")
    for t in r.nodes(p, iati("transaction")):  # IATI states sectors per activity or per transaction
        for node in r.nodes(t, iati("sector")):
            yield _iati_sector(r, p, node, t)


def _listed(r: Reader, node: str, vocabulary: tuple[str, str], codelists: dict[str, str]) -> tuple[str, str]:
    """(code, label) of an element coded in a vocabulary (a sector, a policy marker, a tag, a scope): the
    name in the codelist the site publishes for that vocabulary (``codelists``; none stated: 1), as for
    countries (``_named_code``), else the element's own narrative (a publisher's vocabulary 99)."""
    code, label = r.code(r.one(node, iati("code")), codelists.get(vocabulary[0] or "1"))
    return code, label or r.text(node, iati("narrative"))


def policy_marker_part(r: Reader, p: str) -> Iterator[Row]:
    for node in r.nodes(p, iati("policy-marker")):
        vocabulary = r.code(r.one(node, iati("vocabulary")), "PolicyMarkerVocabulary")
        yield (node, p, *vocabulary, *_listed(r, node, vocabulary, {"1": "PolicyMarker"}),
               *r.code(r.one(node, iati("significance")), "PolicySignificance"), r.lex(node, iati("vocabulary-uri")))


def tag_part(r: Reader, p: str) -> Iterator[Row]:
    for node in r.nodes(p, iati("tag")):
        vocabulary = r.code(r.one(node, iati("vocabulary")), "TagVocabulary")
        yield node, p, *vocabulary, *_listed(r, node, vocabulary, {}), r.lex(node, iati("vocabulary-uri"))


def humanitarian_scope_part(r: Reader, p: str) -> Iterator[Row]:
    for node in r.nodes(p, iati("humanitarian-scope")):
        vocabulary = r.code(r.one(node, iati("vocabulary")), "HumanitarianScopeVocabulary")
        yield (node, p, *r.code(r.one(node, iati("type")), "HumanitarianScopeType"), *vocabulary,
               *_listed(r, node, vocabulary, {}), r.lex(node, iati("vocabulary-uri")))


# The coded children of an IATI location, each a code and its name: (column prefix, what, element, codelist)
LOCATION_CODES = (("reach", "Location reach", "location-reach", "GeographicLocationReach"),
                  ("exactness", "Exactness", "exactness", "GeographicExactness"),
                  ("class", "Location class", "location-class", "GeographicLocationClass"),
                  ("feature_designation", "Feature designation", "feature-designation", "LocationType"))


def location_part(r: Reader, p: str) -> Iterator[Row]:
    for node in r.nodes(p, iati("location")):
        geo = r.nodes(node, SCHEMA.geo)
        first = geo[0] if geo else None
        ids = [f"{r.code(r.one(i, iati('vocabulary')), 'GeographicVocabulary')[0]}:{r.lex(i, iati('code'))}"
               for i in r.nodes(node, iati("location-id")) if r.lex(i, iati("code"))]
        yield (node, p, *(r.exact(node, iati("name"), lang) for lang in r.location_languages()),
               r.lex(first, SCHEMA.latitude), r.lex(first, SCHEMA.longitude),
               r.lex(node, iati("ref")), "; ".join(ids),
               r.text(node, iati("description")), r.text(node, iati("activity-description")),
               *(cell for _c, _w, element, codelist in LOCATION_CODES for cell in r.code(_coded(r, node, element),
                                                                                        codelist)),
               "; ".join(_administrative(r, node)))


def _administrative(r: Reader, location: str) -> Iterator[str]:
    """The administrative areas a location is in, each as vocabulary:code, with its level when stated
    ("G1:1234 (level 1)"), in the source's order."""
    for area in r.nodes(location, iati("administrative")):
        code = r.lex(area, iati("code"))
        if not code:
            continue
        vocabulary = r.code(r.one(area, iati("vocabulary")), "GeographicVocabulary")[0]
        level = r.lex(area, iati("level"))
        yield (f"{vocabulary}:{code}" if vocabulary else code) + (f" (level {level})" if level else "")


def _coded(r: Reader, node: str, element: str) -> Node | None:
    """The code of the ``element`` child of ``node`` (None when it has none)."""
    child = r.child(node, element)
    return r.one(child, iati("code")) if child is not None else None


def _measured(r: Reader, node: str | None, name: str, attribute: str = "at-value") -> str:
    """The value of each ``name`` child (a baseline, target or actual), in the source's order, joined
    with "; ": a period may break its target down by dimension or location (20; 30), and a first
    value alone would read as the whole."""
    if not node:
        return ""
    values = [v for child in r.nodes(node, iati(name)) if (v := r.lex(child, iati(attribute)))]
    if attribute in ("year", "iso-date") and len(set(values)) == 1:  # the breakdown's baselines share their
        values = values[:1]  # year (date): said once; baselines of several years each say theirs, beside their values
    return "; ".join(values)


def _breakdown(r: Reader, node: str | None, name: str) -> str:
    """What each ``name`` child (a baseline, target or actual) of ``_measured``'s values is broken
    down by, beside its value: its dimensions ("sex: female") and locations (their refs, a
    cross-reference to the activity's location/@ref), joined with ", ", the values' joined with "; "
    ("" when no value is broken down). Save the Children Netherlands states each age and sex of a
    target in a period of its own, of the same dates: the rows read as four targets of one period."""
    if not node:
        return ""
    said = []
    for child in r.nodes(node, iati(name)):
        if not r.lex(child, iati("at-value")):
            continue
        by = [": ".join(t for t in (r.lex(d, iati("at-name")), r.lex(d, iati("at-value"))) if t)
              for d in r.nodes(child, iati("dimension"))]
        by += [f"location: {ref}" for loc in r.nodes(child, iati("location")) if (ref := r.lex(loc, iati("ref")))]
        said.append(", ".join(b for b in by if b))
    return "; ".join(said) if any(said) else ""


def _comments(r: Reader, node: str | None, name: str) -> str:
    """The comment of each ``name`` child that has one, joined with "; ": a qualitative indicator
    (measure 5) states its baseline, targets and actuals in their comments alone."""
    if not node:
        return ""
    return "; ".join(c for child in r.nodes(node, iati(name)) if (c := r.text(child, iati("comment"))))


def _references(r: Reader, node: str, codelist: str = "IndicatorVocabulary") -> str:
    """An indicator's (or a result's: ``codelist`` ResultVocabulary) reference codes, each as
    vocabulary:code (99 is the reporting organisation's own vocabulary), joined with "; ": which
    indicator of a publisher's (or of a shared list) it is, as Plan International Netherlands and ICCO
    state each of theirs, and the Dutch Relief Alliance's members each result too."""
    said = []
    for ref in r.nodes(node, iati("reference")):
        code = r.code(r.one(ref, iati("code")))[0]
        vocabulary = r.code(r.one(ref, iati("vocabulary")), codelist)[0]
        if code:
            said.append(f"{vocabulary}:{code}" if vocabulary else code)
    return "; ".join(said)


def indicator_part(r: Reader, p: str) -> Iterator[Row]:
    for result in r.nodes(p, iati("result")):
        result_title = r.text(result, iati("title"))
        result_type = r.code(r.one(result, iati("type")), "ResultType")
        for indicator in r.nodes(result, iati("indicator")):
            measure = r.code(r.one(indicator, iati("measure")), "IndicatorMeasure")
            head = (indicator, result, p, result_title, *result_type, _references(r, result, "ResultVocabulary"),
                    r.text(indicator, iati("title")),
                    _references(r, indicator), *measure,
                    _measured(r, indicator, "baseline"), _measured(r, indicator, "baseline", "year"),
                    _breakdown(r, indicator, "baseline"))
            periods: list[str | None] = [*r.nodes(indicator, iati("period"))]
            for period in periods or [None]:
                yield ((period or indicator), *head,
                       r.date(period, "period-start") if period else "",
                       r.date(period, "period-end") if period else "",
                       _measured(r, period, "target") if period else r.lex(indicator, AID.targetValue),
                       _measured(r, period, "actual"), _breakdown(r, period, "target"),
                       _breakdown(r, period, "actual"),
                       _comments(r, indicator, "baseline"), _comments(r, period, "target"),
                       _comments(r, period, "actual"), _flag(r.lex(indicator, iati("ascending"))),
                       _flag(r.lex(indicator, iati("aggregation-status"))
                             or r.lex(result, iati("aggregation-status"))),
                       # last, so that the older columns keep their places: Global Affairs Canada states what
                       # its qualitative indicators expect in their description alone
                       r.text(result, iati("description")), r.text(indicator, iati("description")),
                       # the day the baseline was gathered (Cordaid's 2022-12-31 of a baseline of the year 2022)
                       _measured(r, indicator, "baseline", "iso-date"))


# The columns of a document-link: document_links.csv (an activity's) and organisation_documents.csv.
DOCUMENT_COLUMNS = (
    Column("url", "Address", description="The document's address, as the source states it (IATI "
           "document-link/@url)."),
    Column("format", "Format", prop=str(SCHEMA.encodingFormat),
           description="Its media type (IATI document-link/@format, codelist FileFormat: application/pdf, "
           "text/html, ...), in small letters; empty when the source states none."),
    Column("title", "Title", description="Its title (default language, else another)."),
    Column("description", "Description", description="Its description (default language, else another); "
           "empty when the source states none."),
    Column("category_codes", "Category codes", description="Its document category codes (IATI codelist "
           "DocumentCategory: A01 pre- and post-project impact appraisal, A02 objectives, A07 review "
           "and evaluation, A11 contract, ...), joined with \"; \" in the source's order."),
    Column("category_labels", "Category labels", description="The categories' names in the dataset's "
           "default language, else another, joined with \"; \" in the order of the codes."),
    Column("language_codes", "Language codes", description="The languages the document is in (ISO 639-1), "
           "joined with \"; \" in the source's order; empty when the source states none."),
    Column("document_date", "Document date", "date", description="The document's publication date (IATI "
           "document-link/document-date); empty when the source states none."),
)


# The elements of a result that a document-link may be in (IATI 2.03), below the activity's own.
DOCUMENT_PLACES = ("activity", "result", "indicator", "baseline", "target", "actual")


def _document_link(r: Reader, node: str, p: str, of: str, result: str = "", indicator: str = "",
                   period: str = "") -> Row:
    """One document-link: where it is, then what _document says of it."""
    return (node, p, of, result, indicator, period, *_document(r, node))


def _document(r: Reader, node: str) -> tuple[str, ...]:
    """A document-link's address as stated, format, title, description, categories, languages and date;
    the categories and languages in the source's order, joined with "; "."""
    categories = [r.code(r.one(c, iati("code")), "DocumentCategory") for c in r.nodes(node, iati("category"))]
    languages = [r.code(r.one(c, iati("code")), "Language")[0] for c in r.nodes(node, iati("language"))]
    return (r.lex(node, iati("url")), r.lex(node, iati("format")),
            r.text(node, iati("title")), r.text(node, iati("description")),
            "; ".join(code for code, _label in categories if code),
            "; ".join(label for code, label in categories if code),
            "; ".join(code for code in languages if code), r.date(node, "document-date"))


def document_link_part(r: Reader, p: str) -> Iterator[Row]:
    """An activity's document-links and those of its results, indicators, baselines, targets and actuals:
    the African Development Bank links each loan's appraisal report in English and French, and no table
    had the address of a document (the pages and the dumps alone)."""
    for node in r.nodes(p, iati("document-link")):
        yield _document_link(r, node, p, "activity")
    for result in r.nodes(p, iati("result")):
        for node in r.nodes(result, iati("document-link")):
            yield _document_link(r, node, p, "result", result)
        for indicator in r.nodes(result, iati("indicator")):
            for node in r.nodes(indicator, iati("document-link")):
                yield _document_link(r, node, p, "indicator", result, indicator)
            for baseline in r.nodes(indicator, iati("baseline")):
                for node in r.nodes(baseline, iati("document-link")):
                    yield _document_link(r, node, p, "baseline", result, indicator)
            for period in r.nodes(indicator, iati("period")):
                for kind in ("target", "actual"):
                    for value in r.nodes(period, iati(kind)):
                        for node in r.nodes(value, iati("document-link")):
                            yield _document_link(r, node, p, kind, result, indicator, period)


def description_part(r: Reader, p: str) -> Iterator[Row]:
    """An activity's descriptions, a row per description and language: its general description (the
    record's schema:description, IATI description type 1) and each IATI description of another type
    (objectives, target groups, other) or a further general one. The African Development Bank describes
    each loan's general aim, objectives and beneficiaries in English and French; no table had a text."""
    general = r.code(Literal("1"), "DescriptionType")
    for text in r.texts(p, SCHEMA.description):
        yield p, *general, text.language or "", str(text), ""
    for node in r.nodes(p, iati("description")):
        kind = r.code(r.one(node, iati("type")), "DescriptionType")
        for text in r.texts(node, iati("narrative")):
            yield p, *(kind if kind[0] else general), text.language or "", str(text), node


def country_budget_item_part(r: Reader, p: str) -> Iterator[Row]:
    """An activity's country-budget-items: the share of it that each item of the recipient government's
    budget classification (vocabulary 1, IATI's BudgetIdentifier, or the country's chart of accounts)
    receives. The African Development Bank puts all of a health project under 5.1.1 (health policy,
    planning and administration); no table had it."""
    for items in r.nodes(p, iati("country-budget-items")):
        vocabulary = r.code(r.one(items, iati("vocabulary")), "BudgetIdentifierVocabulary")
        for node in r.nodes(items, iati("budget-item")):
            code, label = r.code(r.one(node, iati("code")))  # vocabulary 1's codes are concepts, named
            yield (node, p, *vocabulary, code, label, r.lex(node, iati("percentage")),
                   r.text(node, iati("description")))


def _stated(r: Reader, node: str, name: str) -> str:
    """The text of each ``name`` child of ``node`` in the source's order, joined with "; ": its narrative
    (default language, else another) or its text. The mapping states a child the schema allows once on
    ``node`` itself (contact-info/organisation: a literal), one it allows several times as nodes of their
    own (contact-info/email, each with its rdf:value)."""
    if any(isinstance(v, Literal) for v in r.values(node, iati(name))):
        return r.text(node, iati(name))
    found = (r.text(child, iati("narrative")) or r.lex(child, RDF.value) for child in r.nodes(node, iati(name)))
    return "; ".join(text for text in found if text)


def other_identifier_part(r: Reader, p: str) -> Iterator[Row]:
    """An activity's other-identifiers: the publisher's own reference (A1: CAFOD's "NIG117" for
    GB-CHC-285776-NIG117), its CRS number (A2), a previous identifier (A3, B1), each with the organisation
    that owns it. A researcher matching IATI to a publisher's own or the OECD's records joins on them;
    no table had them."""
    for node in r.nodes(p, iati("other-identifier")):
        owner = r.child(node, "owner-org")
        org = r.one(owner, AID.organisation) if owner else None
        org_iri = str(org) if isinstance(org, URIRef) else None
        yield (node, p, r.lex(node, iati("ref")), *r.code(r.one(node, iati("type")), "OtherIdentifierType"),
               org_iri or "", (r.lex(owner, iati("ref")) or r.org_ref(org_iri)) if owner else "",
               r.stated_name(owner, org_iri) if owner else "")


MANY = ("telephone", "email", "website", "mailing-address")  # contact-info's children the schema allows more than once
CONTACT_FIELDS = ("organisation", "department", "person-name", "job-title", "telephone", "email", "website",
                  "mailing-address")


def contact_info_part(r: Reader, p: str) -> Iterator[Row]:
    """An activity's contact-info elements: whom to ask about it (UNDP's country office's address and
    web site, CAFOD's e-mail address); no table had them."""
    for node in r.nodes(p, iati("contact-info")):
        yield (node, p, *r.code(r.one(node, iati("type")), "ContactType"),
               *(_stated(r, node, name) for name in CONTACT_FIELDS))


def condition_part(r: Reader, p: str) -> Iterator[Row]:
    """The conditions attached to an activity (IATI conditions/condition: policy, performance, fiduciary),
    each with its text; whether any are attached is activities.csv's conditions_attached."""
    for conditions in r.nodes(p, iati("conditions")):
        for node in r.nodes(conditions, iati("condition")):
            yield (node, p, *r.code(r.one(node, iati("type")), "ConditionType"), r.text(node, iati("narrative")))


def legacy_data_part(r: Reader, p: str) -> Iterator[Row]:
    """An activity's legacy-data: a name and a value of the publisher's own system, with the IATI
    element it corresponds to (Oxfam Novib's grant-reference); no table had them."""
    for node in r.nodes(p, iati("legacy-data")):
        yield (node, p, r.lex(node, attr_prop("name")), r.lex(node, attr_prop("value")),
               r.lex(node, attr_prop("iati-equivalent")))


activity_rows = _per_project(activity_part)
related_activity_rows = _per_project(related_activity_part)
transaction_rows = _per_project(transaction_part)
activity_country_rows = _per_project(activity_country_part)
activity_region_rows = _per_project(activity_region_part)
budget_rows = _per_project(budget_part)
planned_disbursement_rows = _per_project(planned_disbursement_part)
participation_rows = _per_project(participation_part)
sector_rows = _per_project(sector_part)
policy_marker_rows = _per_project(policy_marker_part)
tag_rows = _per_project(tag_part)
humanitarian_scope_rows = _per_project(humanitarian_scope_part)
location_rows = _per_project(location_part)
indicator_rows = _per_project(indicator_part)
document_link_rows = _per_project(document_link_part)
description_rows = _per_project(description_part)
country_budget_item_rows = _per_project(country_budget_item_part)
other_identifier_rows = _per_project(other_identifier_part)
contact_info_rows = _per_project(contact_info_part)
condition_rows = _per_project(condition_part)
legacy_data_rows = _per_project(legacy_data_part)


def organisation_languages(data: Dataset) -> tuple[str, ...]:
    """The languages of the organisations' names: the dataset's, then the others they are named in,
    sorted. The Netherlands' ministry names every organisation in English in a dataset in Dutch (its
    titles'): a name_nl column alone left organisations.csv without a single name."""
    return _languages_of(data, SCHEMA.Organization, SCHEMA.name)


def alternate_name_languages(data: Dataset) -> tuple[str, ...]:
    """The languages of the organisations' other names (an organisation file's names where the activities
    name it otherwise, ``alternate_name``): only those stated, the dataset's first; the untagged one (an
    acronym) has its own column."""
    return _languages_of(data, SCHEMA.Organization, SCHEMA.alternateName, every=False)


def _languages_of(data: Dataset, cls: URIRef, prop: URIRef, every: bool = True) -> tuple[str, ...]:
    """The languages ``prop`` of the subjects of ``cls`` is stated in: the dataset's (``every``: all of them,
    else those stated), then the others, sorted (a column per language: a text in another language than the
    dataset's has one too)."""
    found = {lit.language for s in data.of_type(cls) for lit in data.texts(s, prop) if lit.language}
    return (*(lang for lang in data.languages if every or lang in found), *sorted(found - set(data.languages)))


def title_languages(data: Dataset) -> tuple[str, ...]:
    """The languages of the activities' titles. A language fewer than 5 % of them are titled in is no
    page language (the import's ``RARE_LANGUAGE_SHARE``): France's activity titled in French only,
    among activities titled in English in d-portal's download, had its title in no column of
    activities.csv."""
    return _languages_of(data, SCHEMA.Project, SCHEMA.name)


def location_languages(data: Dataset) -> tuple[str, ...]:
    """The languages of the locations' names. Oxfam Solidarité names its location in French, its
    activities' default language, and titles them in English (the dataset's language): a name_en
    column alone left locations.csv without the name."""
    return _languages_of(data, AID.Location, iati("name"))


def organisation_rows(data: Dataset) -> Iterator[Row]:
    r = Reader(data)
    langs, others = organisation_languages(data), alternate_name_languages(data)
    for o in data.of_type(SCHEMA.Organization):
        plain = min((str(lit) for lit in r.texts(o, SCHEMA.alternateName) if not lit.language), default="")
        yield (o, *(r.exact(o, SCHEMA.name, lang) for lang in langs), plain,
               *(r.exact(o, SCHEMA.alternateName, lang) for lang in others),
               r.lex(o, AID.iatiOrganisationIdentifier), *r.code(r.one(o, AID.organisationType), "OrganisationType"))


def organisation_budget_rows(data: Dataset) -> Iterator[Row]:
    r = Reader(data)
    for o in data.of_type(SCHEMA.Organization):
        for kind in standard.ORGANISATION_BUDGETS:
            for b in r.nodes(o, iati(kind)):
                country = r.child(b, "recipient-country")
                region = r.child(b, "recipient-region")
                place = country or region
                yield (b, o, kind, *r.code(r.one(b, iati("status")), "BudgetStatus"),
                       r.date(b, "period-start"), r.date(b, "period-end"), *r.party(b, "recipient-org"),
                       *_named_code(r, country, "Country"), *_region(r, region), _region_vocabulary(r, region)[0],
                       r.text(place, iati("narrative")) if place else "", *r.value(b))


def _named_code(r: Reader, element: str | None, codelist: str) -> tuple[str, str]:
    """(code, label) of a recipient country or region: the codelist's name, else the element's own
    narrative (a region of the publisher's vocabulary 99: ADB's "REG", "Regional and Others")."""
    if not element:
        return "", ""
    code, label = r.code(r.one(element, iati("code")), codelist)
    return code, label or r.text(element, iati("narrative"))


LINES = ("budget-line", "expense-line")  # the sub-totals of an organisation's budget or expenditure


def organisation_budget_line_rows(data: Dataset) -> Iterator[Row]:
    r = Reader(data)
    for o in data.of_type(SCHEMA.Organization):
        for kind in standard.ORGANISATION_BUDGETS:
            for b in r.nodes(o, iati(kind)):
                for line_kind in LINES:
                    for line in r.nodes(b, iati(line_kind)):
                        yield (line, b, o, line_kind, r.lex(line, iati("ref")), r.text(line, iati("narrative")),
                               *r.value(line))


def organisation_document_rows(data: Dataset) -> Iterator[Row]:
    """An organisation file's document-links, with the countries each is about: Hivos links its annual
    report from its organisation file, and no table had it (document_links.csv has activities' alone)."""
    r = Reader(data)
    for o in data.of_type(SCHEMA.Organization):
        for node in r.nodes(o, iati("document-link")):
            countries = [_named_code(r, c, "Country") for c in r.nodes(node, iati("recipient-country"))]
            yield (node, o, *_document(r, node), "; ".join(code for code, _label in countries if code),
                   "; ".join(label for code, label in countries if code))


def country_rows(data: Dataset) -> Iterator[Row]:
    r = Reader(data)
    for c in data.of_type(SCHEMA.Country):
        same = sorted(str(o) for o in data.objects(c, OWL.sameAs) if str(o).startswith("http://www.wikidata.org/"))
        yield (c, r.lex(c, SCHEMA.identifier), *(r.exact(c, SCHEMA.name, lang) for lang in data.languages),
               same[0] if same else "")


def code_languages(data: Dataset) -> tuple[str, ...]:
    """The languages of the code labels: the dataset's, then the others the codelists give, sorted."""
    found = {lit.language for c in data.of_type(SKOS.Concept) for lit in data.texts(c, SKOS.prefLabel)
             if lit.language}
    return (*data.languages, *sorted(found - set(data.languages)))


def code_rows(data: Dataset) -> Iterator[Row]:
    r = Reader(data)
    langs = code_languages(data)
    for c in data.of_type(SKOS.Concept):
        scheme = r.one(c, SKOS.inScheme)
        yield (c, r.lex(str(scheme) if scheme is not None else None, SKOS.notation), r.lex(c, SKOS.notation),
               *(r.exact(c, SKOS.prefLabel, lang) for lang in langs))


# -- the tables -----------------------------------------------------------------------------------


# The comment columns of indicator_periods.csv.
_COMMENT = ("The comment of each {what} that has one, in the dataset's default language, else another, joined with "
            "\"; \": a qualitative indicator (measure 5) states its {what} here alone.")
_BREAKDOWN = ("What each {what} value is broken down by, in the order of the values: its dimensions (name: value) "
              "and its locations (location: the ref of the activity's location, see locations.csv), joined with "
              "\", \", the values' joined with \"; \"; empty when none is broken down.")
# A budget without a status is indicative (the 2.03 schema's documentation of budget/@status).
_INDICATIVE = "Empty when the source states none (IATI 2.03: the budget is then taken to be indicative, 1)."


def _code(prefix: str, what: str, codelist: str | None = None, prop: str | None = None,
          note: str = "") -> tuple[Column, Column]:
    code = Column(f"{prefix}_code", f"{what} code", prop=prop,
                  value_url=_code_url(codelist, f"{prefix}_code") if codelist and prop else None,
                  description=f"The {what.lower()} code" + (f" (IATI codelist {codelist})." if codelist else ".")
                  + (f" {note}" if note else ""))
    return code, Column(f"{prefix}_label", f"{what} label",
                        description=f"The {what.lower()} code's name in the dataset's default language, else another.")


def _party(prefix: str, what: str, activity: bool = False, note: str = "") -> tuple[Column, ...]:
    """The columns of a provider, receiver, recipient or reporting organisation; ``activity``: and of the
    activity it names (a provider-org's provider-activity-id, a receiver-org's receiver-activity-id)."""
    return (Column(f"{prefix}_org", f"{what} organisation IRI", "anyURI",
                   description=f"The {what.lower()} organisation's IRI, when the data names its record."
                   + (f" {note}" if note else "")),
            Column(f"{prefix}_ref", f"{what} organisation identifier",
                   description=f"The {what.lower()} organisation's IATI identifier."),
            Column(f"{prefix}_name", f"{what} organisation name",
                   description=f"The {what.lower()} organisation's name (default language, else another)."),
            *((Column(f"{prefix}_activity", f"{what} activity identifier",
                      description=f"The IATI identifier of the {what.lower()}'s activity the money "
                      + ("came from" if prefix == "provider" else "went to")
                      + f" (IATI {prefix}-org/@{prefix}-activity-id); empty when the source states none."),)
              if activity else ()))


def _party_types(grants: bool = False) -> tuple[Column, ...]:
    """The type columns of a provider and a receiver, last in their tables so that the older columns keep
    their places: a receiver stated by its type alone (RVO's receiver-org type="90") is known by it."""
    return tuple(col for prefix, what in (("provider", "Provider"), ("receiver", "Receiver")) for col in _code(
        f"{prefix}_type", f"{what} organisation type", "OrganisationType",
        note=f"The kind of organisation the {prefix}-org element states the {what.lower()} is (IATI "
        f"{prefix}-org/@type: 10 government, 21 international NGO, 40 multilateral, 60 foundation, 90 other, "
        "...), else its record's (organisations.csv" + ("; a grant's is its record's" if grants else "")
        + "); empty when neither states one."))


def _money(targets: tuple[str, ...], day: str = "date") -> tuple[Column, ...]:
    """The columns of an amount: as stated, then in each target currency (``aid:ConvertedAmount``)."""
    return (Column("value_id", "Value node IRI", "anyURI", description="The IRI of the amount's node."),
            Column("value", "Value", "decimal", str(SCHEMA.value), about="{+value_id}",
                   description="The amount, as the source states it (empty when not known)."),
            Column("currency", "Currency", prop=str(SCHEMA.currency), about="{+value_id}",
                   description="ISO 4217 currency code of the amount."),
            Column("value_date", "Value date", day, description="The date of the amount's exchange rate as stated"
                   + (" (a grant's to its precision: YYYY, YYYY-MM or YYYY-MM-DD)." if day == "string" else ".")),
            *(col for target in targets for col in (
                Column(f"value_{target.lower()}", f"Value in {target}", "decimal",
                       description=f"The amount in {target}: the amount itself when it is in {target}, else converted "
                                   "at the ECB reference rates of the value date or the last day before it "
                                   "(docs/tables.md); empty without a value date or a published rate."),
                Column(f"{target.lower()}_rate", f"{target} rate", "decimal",
                       description=f"The rate used: {target} per unit of the amount's currency (12 significant "
                                   f"digits; 1 when the amount is in {target})."),
                Column(f"{target.lower()}_rate_date", f"{target} rate date", "date",
                       description="The day of the ECB reference rates used (the value date or the last day "
                                   "before it on which both currencies were published).")
            )),
            Column("conversion_value_date", "Value date used", "date",
                   description="The value date the conversions used: the one stated, or the one the rule gives."),
            Column("value_date_rule", "Value date rule",
                   description="stated, period-start (first day of a year or month stated), activity-start, "
                               "programme-start, transaction-date or budget-period-start (docs/tables.md)."))


def _names(prefix: str, what: str, langs: Iterable[str], prop: URIRef) -> tuple[Column, ...]:
    # snake_case whatever the tag (zh-cn, pt-br, sr-latn): a CSVW column name is a URI template variable name
    # (letters, digits, "_", "."), and R's read.csv read "title_zh-cn" as title_zh.cn
    return tuple(Column(f"{prefix}_{lang.replace('-', '_')}", f"{what} ({lang})", prop=str(prop), lang=lang,
                        description=f"The {what.lower()} in language {lang!r} (empty when the data has none).")
                 for lang in langs)


PARTIES = (("provider_org", "organisations"), ("receiver_org", "organisations"))
VOCABULARY_URI = Column("vocabulary_uri", "Vocabulary URI", "anyURI",
                        description="The address of the list the code is of, as the source states it (IATI "
                        "@vocabulary-uri: a vocabulary of the reporting organisation, 99, is known by it alone); "
                        "empty when the source states none.")  # foreign keys of _party columns


def tables(data: Dataset) -> list[Table]:
    langs = data.languages
    targets = money.targets(data.summary_currency)
    day = "Date, to its precision: YYYY, YYYY-MM or YYYY-MM-DD."
    return [
        Table("activities", "One row per activity (project).", (
            _id("activity"),
            Column("iati_identifier", "IATI identifier", prop=str(AID.iatiIdentifier),
                   description="The activity's IATI identifier."),
            *_names("title", "Title", title_languages(data), SCHEMA.name),
            *_code("status", "Status", "ActivityStatus", str(AID.activityStatus)),
            Column("start", "Start", description=f"Start date: the actual start, the planned one while the "
                   f"activity is in the pipeline (status 1). {day}"),
            Column("end", "End", description=f"End date: the actual end once the activity is finalised or "
                   f"closed (status 3, 4), else the planned end. {day}"),
            *(Column(f"{when}_{edge}", f"{when.capitalize()} {edge}", description=f"The {when} {edge} date "
                     f"(IATI activity-date type {kind}), wherever the project states it. {day}")
              for kind, (when, edge) in zip(ACTIVITY_DATE_TYPES, (("planned", "start"), ("actual", "start"),
                                                                  ("planned", "end"), ("actual", "end")),
                                            strict=True)),
            Column("default_currency", "Default currency", prop=str(iati("default-currency")),
                   description="The currency of amounts that name none (IATI default-currency)."),
            *_party("reporting", "Reporting", note="The activity's own reporting-org, else the dataset's "
                    "reporting organisation (the IATI export's): the publisher, by which a site of several "
                    "publishers' files sums."),
            Column("hierarchy", "Hierarchy", "integer", str(iati("hierarchy")),
                   description="The activity's level in its publisher's hierarchy of activities, as the source "
                   "states it (IATI @hierarchy: 1 the top, 2 a child of a level-1 activity, ...; UNDP's projects "
                   "are 1 and their outputs 2); empty when it states none (the standard then reads it as 1). An "
                   "activity and its children may report the same money: sum one level (related_activities.csv "
                   "links them)."),
            *_code("scope", "Activity scope", "ActivityScope",
                   note="The geographical reach of the activity (IATI activity-scope: 1 global, 2 regional, 3 "
                   "multi-national, 4 national, ...); empty when the source states none."),
            *_code("collaboration_type", "Collaboration type", "CollaborationType",
                   note="How the money flows (IATI collaboration-type: 1 bilateral, 2 multilateral inflows, 3 "
                   "bilateral core contributions to NGOs, 4 multilateral outflows, ...); empty when the source "
                   "states none."),
            *(col for column, what, _e, _p, block, codelist, _v in CLASSIFICATIONS for col in _code(
                f"default_{column}", f"Default {what.lower()}", codelist,
                note=f"The activity's {block}" + (" of vocabulary 2 (the Grand Bargain's earmarking categories)"
                                                  if column == "earmarking" else
                                                  " (vocabulary 1, OECD DAC)" if column == "aid_type" else "")
                + ": what its transactions that state none of their own are; empty when it states none.")),
            Column("humanitarian", "Humanitarian", "boolean",
                   description="Whether the activity is humanitarian, in whole or in part, as the source states it "
                   "(IATI @humanitarian; transactions.csv has each transaction's own, else this one); empty when it "
                   "states none."),
            Column("capital_spend", "Capital spend", "decimal", description="The share of the activity's "
                   "commitments that is capital spend (investment in assets), in percent, as the source states it "
                   "(IATI capital-spend/@percentage); empty when it states none."),
            Column("conditions_attached", "Conditions attached", "boolean",
                   description="Whether conditions are attached to the activity's aid, as the source states it "
                   "(IATI conditions/@attached; conditions.csv has the conditions); empty when it states none.")),
            activity_rows, part=activity_part, rdf_type=str(SCHEMA.Project),
            refers_to=(("reporting_org", "organisations"),)),
        Table("related_activities", "One row per IATI related-activity of an activity: its parent (type 1), "
              "children (2), siblings (3), co-funded (4) and third-party (5) activities, by IATI identifier.", (
            _id("related-activity element"), ACTIVITY,
            Column("ref", "Related activity identifier", prop=str(iati("ref")),
                   description="The IATI identifier of the related activity, as the source states it."),
            *_code("type", "Relation type", "RelatedActivityType", str(iati("type")),
                   note="What the related activity is to this one: 1 its parent, 2 its child, 3 its sibling (a "
                   "child of the same parent), 4 co-funded, 5 third party."),
            Column("related_activity", "Related activity IRI", "anyURI", str(AID.activity), "{+related_activity}",
                   description="The related activity's IRI when the site holds an activity of that identifier; "
                   "see activities.csv. Empty when it does not.")),
            related_activity_rows, part=related_activity_part, rdf_type=str(AID.RelatedActivity),
            refers_to=(ACTIVITIES, ("related_activity", "activities"))),
        Table("activity_countries", "One row per country an activity serves: each IATI recipient-country "
              "element of the activity, with its percentage, and each country of its record's plain countries "
              "(schema:areaServed) that no element states. An activity that states its countries on its "
              "transactions instead (IATI allows either) serves those: a row each, without a percentage (the file "
              "states none); transactions.csv (recipient_country) and splits.csv have each transaction's. One that "
              "states regions has them in activity_regions.csv.", (
            Column("activity", "Activity IRI", "anyURI", description="The activity (project) IRI; see activities.csv."),
            Column("country", "Country IRI", "anyURI", str(SCHEMA.areaServed), "{+country}",
                   description="The country's IRI; see countries.csv. Empty when the code names no country "
                   "record of the dataset."),
            *_code("country", "Country", "Country", note="The ISO 3166-1 alpha-2 code."),
            Column("percentage", "Percentage", "decimal", str(iati("percentage")), about="{+element}",
                   description="The share of the activity's commitments for the country, as the source states it "
                   "(IATI recipient-country/@percentage: the countries and regions of an activity add up to 100); "
                   "empty when it states none, and on a row without element: the import keeps an activity's only "
                   "country as a plain country whether the source states it at 100 % or states no percentage (IATI "
                   "reads a sole country as the whole, and the IATI export writes it so), so an activity's only "
                   "row is its whole."),
            Column("narrative", "Narrative", description="The element's own text (IATI recipient-country/"
                   "narrative), default language, else another; empty when it states none."),
            Column("element", "Recipient-country element IRI", "anyURI",
                   description="The IRI of the IATI recipient-country element (aid:RecipientCountry) the row is "
                   "of; empty for a country of the record's plain countries.")),
            activity_country_rows, part=activity_country_part, primary_key=False, about="{+activity}",
            refers_to=(ACTIVITIES, ("country", "countries"))),
        Table("activity_regions", "One row per IATI recipient-region of an activity (a region of the OECD DAC "
              "list, vocabulary 1, of the UN's M49, 2, or of the publisher's own, 99), with its percentage. The "
              "regions a transaction states are in transactions.csv (recipient_region).", (
            _id("recipient-region element"), ACTIVITY,
            *_code("vocabulary", "Region vocabulary", "RegionVocabulary",
                   note="Empty when the source states none (IATI 2.03: the region is then of vocabulary 1, OECD "
                   "DAC)."),
            Column("code", "Region code", description="The region's code in its vocabulary."),
            Column("label", "Region label", description="The region's name in the dataset's default language, "
                   "else another: the OECD DAC list's (codelist Region) for vocabulary 1, else the element's own "
                   "narrative."),
            Column("percentage", "Percentage", "decimal", str(iati("percentage")),
                   description="The share of the activity's commitments for the region, as the source states it "
                   "(IATI recipient-region/@percentage: the countries and the regions of one vocabulary add up to "
                   "100); empty when it states none."),
            Column("narrative", "Narrative", description="The element's own text (IATI recipient-region/narrative), "
                   "default language, else another; empty when it states none."),
            VOCABULARY_URI),
            activity_region_rows, part=activity_region_part, rdf_type=str(AID.RecipientRegion)),
        Table("transactions", "One row per grant (a commitment, type 2) and per IATI transaction.", (
            _id("grant (schema:MonetaryGrant) or transaction (aid:Transaction)"), ACTIVITY,
            Column("kind", "Kind", description="grant (schema:MonetaryGrant) or transaction (aid:Transaction)."),
            *_code("type", "Transaction type"),
            Column("date", "Date", description="The transaction date (a grant's value date, to its precision: "
                   "YYYY, YYYY-MM or YYYY-MM-DD)."),
            *_money(targets, "string"),
            *_party("provider", "Provider", activity=True), *_party("receiver", "Receiver", activity=True),
            Column("description", "Description", description="Its description (default language, else another)."),
            *(col for column, what, element, _p, block, codelist, _v in CLASSIFICATIONS for col in _code(
                column, what, codelist, note=f"The transaction's own {element}, else the activity's {block}"
                + {"aid_type": " (vocabulary 1, OECD DAC; vocabulary 2 is earmarking_code, other vocabularies are "
                               "in the dumps)",
                   "earmarking": " of vocabulary 2 (the Grand Bargain's earmarking categories)"}.get(column, "")
                + "; empty when neither states one.")),
            *_code("disbursement_channel", "Disbursement channel", "DisbursementChannel",
                   note="The transaction's disbursement-channel (IATI has no activity default for it)."),
            Column("humanitarian", "Humanitarian", "boolean",
                   description="The transaction's humanitarian flag, else the activity's; empty when neither "
                               "states one."),
            Column("defaults_used", "Activity defaults used",
                   description="Which of flow_type, finance_type, aid_type, tied_status, earmarking and humanitarian "
                               "are the activity's default rather than the transaction's own, space-separated (a "
                               "grant's are always the activity's)."),
            Column("recipient_country", "Recipient country IRI", "anyURI",
                   description="The country record of the transaction's own recipient-country (IATI states the "
                   "geography on the activity, activity_countries.csv, or on each transaction); see countries.csv."),
            *_code("recipient_country", "Recipient country", "Country",
                   note="The transaction's own recipient-country; empty when it states none."),
            *_code("recipient_region", "Recipient region",
                   note="The code of the transaction's own recipient-region in its vocabulary "
                   "(recipient_region_vocabulary_code: IATI codelist Region for vocabulary 1, OECD DAC, the "
                   "default), its label that list's name, else the element's own narrative; empty when it states "
                   "none."),
            Column("ref", "Reference", description="The publisher's own reference of the transaction (IATI @ref: "
                   "an invoice or voucher number); empty for a grant."),
            *_code("recipient_region_vocabulary", "Recipient region vocabulary", "RegionVocabulary",
                   note="The vocabulary of the transaction's own recipient-region (1 OECD DAC, 2 UN M49, 99 the "
                   "reporting organisation's own); empty when it states none (IATI 2.03: then 1, OECD DAC)."),
            *_party_types(grants=True)),
            transaction_rows, part=transaction_part,
            refers_to=(ACTIVITIES, *PARTIES, ("recipient_country", "countries"))),
        Table("budgets", "One row per IATI budget.", (
            _id("budget"), ACTIVITY, *_code("type", "Budget type"), *_code("status", "Budget status", note=_INDICATIVE),
            Column("period_start", "Period start", "date"), Column("period_end", "Period end", "date"),
            *_money(targets)), budget_rows, part=budget_part, rdf_type=str(AID.Budget)),
        Table("planned_disbursements", "One row per IATI planned disbursement.", (
            _id("planned disbursement"), ACTIVITY, *_code("type", "Budget type"),
            Column("period_start", "Period start", "date"), Column("period_end", "Period end", "date"),
            *_money(targets), *_party("provider", "Provider", activity=True),
            *_party("receiver", "Receiver", activity=True), *_party_types()),
            planned_disbursement_rows, part=planned_disbursement_part, rdf_type=str(AID.PlannedDisbursement),
            refers_to=(ACTIVITIES, *PARTIES)),
        Table("participating_organisations", "One row per organisation's role in an activity.", (
            _id("participation"), ACTIVITY,
            Column("organisation", "Organisation IRI", "anyURI", str(AID.organisation), "{+organisation}",
                   description="The organisation's IRI, when the data names its record."),
            Column("organisation_ref", "Organisation identifier", description="Its IATI identifier."),
            Column("organisation_name", "Organisation name", description="The name the activity states for it (IATI "
                   "participating-org/narrative), else its record's (organisations.csv); default language, else "
                   "another."),
            *_code("role", "Role"),
            Column("organisation_activity", "Organisation's activity identifier",
                   description="The IATI identifier of the organisation's own activity it takes part through (IATI "
                   "participating-org/@activity-id: a funder's, the activity the money comes from); empty when the "
                   "source states none."),
            *_code("organisation_type", "Organisation type", "OrganisationType",
                   note="The kind of organisation the participating-org element states it is (IATI @type: 10 "
                   "government, 21 international NGO, 40 multilateral, 60 foundation, 80 academic, ...), else its "
                   "record's (organisations.csv); empty when neither states one."),
            *_code("crs_channel", "Channel of delivery", "CRSChannelCode",
                   note="The OECD CRS channel of delivery the element states (IATI @crs-channel-code: 51000 a "
                   "university, research institute or think-tank, ...); empty when it states none.")),
            participation_rows, part=participation_part,
            refers_to=(ACTIVITIES, ("organisation", "organisations"))),
        Table("sectors", "One row per sector of an activity or of one of its transactions (aid:SectorAllocation "
              "and IATI sector elements).", (
            _id("sector allocation or IATI sector element"), ACTIVITY,
            *_code("vocabulary", "Sector vocabulary", note="1 (OECD DAC 5-digit) also when the source states none: "
                   "IATI's default, which the records and splits.csv read it as."),
            Column("code", "Sector code", description="The sector's code in its vocabulary; empty when the source "
                   "states none (the import keeps such a sector by its name and share, docs/iati.md)."),
            Column("label", "Sector label"),
            Column("percentage", "Percentage", "decimal"),
            Column("transaction", "Transaction IRI", "anyURI",
                   description="The transaction whose sector it is (IATI states sectors per activity or per "
                   "transaction); empty for the activity's own; see transactions.csv."),
            Column("vocabulary_uri", "Sector vocabulary URI", "anyURI",
                   description="The address of the list the code is of, as the source states it (IATI "
                   "sector/@vocabulary-uri: the reporting organisation's own vocabulary, 98 or 99, is known by it "
                   "alone); empty when the source states none.")),
            sector_rows, part=sector_part, refers_to=(("transaction", "transactions"),)),
        Table("policy_markers", "One row per IATI policy marker of an activity: the OECD DAC markers (gender "
              "equality, environment, the Rio markers on biodiversity, climate change and desertification, "
              "disability, ...) and the reporting organisation's own.", (
            _id("policy marker"), ACTIVITY, *_code("vocabulary", "Policy marker vocabulary", "PolicyMarkerVocabulary"),
            Column("code", "Policy marker code", description="The marker's code (IATI codelist PolicyMarker in "
                   "vocabulary 1, else the vocabulary's own)."),
            Column("label", "Policy marker label", description="The marker's name in the dataset's default language, "
                   "else another: the codelist's, else the element's own narrative."),
            *_code("significance", "Significance", "PolicySignificance",
                   note="How much the activity targets the policy (0 not targeted, 1 significant objective, 2 "
                   "principal objective, 3 principal objective and in support of an action programme, 4 explicit "
                   "primary objective); empty when the source states none."),
            VOCABULARY_URI),
            policy_marker_rows, part=policy_marker_part, rdf_type=str(AID.PolicyMarker)),
        Table("tags", "One row per IATI tag of an activity (a topic or a target of a vocabulary: the Sustainable "
              "Development Goals and their targets, the reporting organisation's own, ...).", (
            _id("tag"), ACTIVITY, *_code("vocabulary", "Tag vocabulary", "TagVocabulary"),
            Column("code", "Tag code", description="The tag's code in its vocabulary."),
            Column("label", "Tag label", description="The tag's name in the dataset's default language, else "
                   "another: the codelist's where the site publishes it (the SDG goals and targets), else the "
                   "tag's own narrative."),
            VOCABULARY_URI),
            tag_rows, part=tag_part),
        Table("humanitarian_scopes", "One row per IATI humanitarian scope of an activity: the emergency or the "
              "appeal it responds to (a GLIDE number, a Humanitarian Response Plan code, ...).", (
            _id("humanitarian scope"), ACTIVITY,
            *_code("type", "Scope type", "HumanitarianScopeType",
                   note="Empty when the source states none (the import keeps such a scope, docs/iati.md)."),
            *_code("vocabulary", "Scope vocabulary", "HumanitarianScopeVocabulary"),
            Column("code", "Scope code", description="The emergency's or appeal's code in its vocabulary."),
            Column("label", "Scope label", description="Its narrative (default language, else another)."),
            VOCABULARY_URI),
            humanitarian_scope_rows, part=humanitarian_scope_part),
        Table("locations", "One row per IATI location.", (
            _id("location"), ACTIVITY, *_names("name", "Name", location_languages(data), iati("name")),
            Column("latitude", "Latitude", "decimal", description="WGS 84 latitude in degrees."),
            Column("longitude", "Longitude", "decimal", description="WGS 84 longitude in degrees."),
            Column("ref", "Reference", description="The publisher's own reference of the location (IATI @ref)."),
            Column("location_ids", "Location identifiers",
                   description="Its identifiers in gazetteers, each as vocabulary:code (IATI GeographicVocabulary: "
                   "G1 is GeoNames, G2 OpenStreetMap, A1 the Global Administrative Unit Layers, ...), "
                   "joined with \"; \" in the source's order."),
            Column("description", "Description", description="The location's description (default language, "
                   "else another)."),
            Column("activity_description", "Activity description",
                   description="What the activity does at the location (default language, else another)."),
            *(col for column, what, element, codelist in LOCATION_CODES for col in _code(
                column, what, codelist, note=f"Its {element}; empty when it states none.")),
            Column("administrative", "Administrative areas",
                   description="The administrative areas it is in (IATI location/administrative), each as "
                   "vocabulary:code (IATI GeographicVocabulary: A1 the Global Administrative Unit Layers, A4 ISO "
                   "3166-1 countries, G1 GeoNames, ...) and its level when stated (\"A1:1234 (level 1)\": 1 is the "
                   "first subdivision below the country), joined with \"; \" in the source's order.")),
            location_rows, part=location_part, rdf_type=str(AID.Location)),
        Table("indicator_periods", "One row per result indicator period (an indicator without one: one row).", (
            Column("id", "IRI", "anyURI", description="The period's IRI, or the indicator's when it has no period."),
            Column("indicator", "Indicator IRI", "anyURI"), Column("result", "Result IRI", "anyURI"), ACTIVITY,
            Column("result_title", "Result title"),
            *_code("result_type", "Result type", "ResultType",
                   note="Output (1), outcome (2), impact (3) or other (9)."),
            Column("result_references", "Result references",
                   description="The result's reference codes, each as vocabulary:code (IATI ResultVocabulary; 99 is "
                   "the reporting organisation's own), joined with \"; \" in the source's order."),
            Column("indicator_title", "Indicator title"),
            Column("indicator_references", "Indicator references",
                   description="The indicator's reference codes, each as vocabulary:code (IATI IndicatorVocabulary; 99 "
                   "is the reporting organisation's own), joined with \"; \" in the source's order."),
            *_code("measure", "Measure"),
            Column("baseline", "Baseline value", description="The indicator's baseline value; several (a breakdown "
                   "by dimension or location) joined with \"; \" in the source's order."),
            Column("baseline_year", "Baseline year",
                   description="The baseline's year; when several baselines are of several years, each one's, "
                   "joined with \"; \" beside the values."),
            Column("baseline_breakdown", "Baseline breakdown", description=_BREAKDOWN.format(what="baseline")),
            Column("period_start", "Period start", "date"), Column("period_end", "Period end", "date"),
            Column("target", "Target value", description="The period's target value; several (a breakdown by "
                   "dimension or location: 20; 30) joined with \"; \" in the source's order, never summed; on the "
                   "row of an indicator without a period, the target its source states without one "
                   "(aid:targetValue)."),
            Column("actual", "Actual value", description="The period's actual value; several joined with \"; \" as "
                   "the targets are."),
            Column("target_breakdown", "Target breakdown", description=_BREAKDOWN.format(what="target")),
            Column("actual_breakdown", "Actual breakdown", description=_BREAKDOWN.format(what="actual")),
            Column("baseline_comment", "Baseline comment", description=_COMMENT.format(what="baseline")),
            Column("target_comment", "Target comment", description=_COMMENT.format(what="target")),
            Column("actual_comment", "Actual comment", description=_COMMENT.format(what="actual")),
            Column("ascending", "Ascending", "boolean",
                   description="Whether the indicator improves as its value rises (true) or as it falls (false: a "
                   "target below its baseline is then the aim), as the source states it (IATI indicator/@ascending); "
                   "empty when it states none (the standard then reads it as true)."),
            Column("aggregation_status", "Aggregation status", "boolean",
                   description="Whether the indicator's values are suitable for aggregation, as the source states "
                   "it: the indicator's own (IATI indicator/@aggregation-status), else its result's "
                   "(result/@aggregation-status); empty when neither states one."),
            Column("result_description", "Result description", description="The result's description (IATI "
                   "result/description), default language, else another; empty when the source states none."),
            Column("indicator_description", "Indicator description", description="The indicator's description (IATI "
                   "indicator/description: what it measures, or, for a qualitative indicator, what is expected), "
                   "default language, else another; empty when the source states none."),
            Column("baseline_date", "Baseline date", description="The date the baseline value was gathered (IATI "
                   "baseline/@iso-date, 2.03), as the source states it; when several baselines are of several dates, "
                   "each one's, joined with \"; \" beside the values; empty when the source states none (a "
                   "baseline_year alone).")),
            indicator_rows, part=indicator_part),
        Table("descriptions", "One row per description of an activity and language: its general description "
              "(IATI description type 1) and its descriptions of other types (2 objectives, 3 target groups, 4 "
              "other), each in every language the source states it in.", (
            ACTIVITY,
            *_code("type", "Description type", "DescriptionType",
                   note="1 general, 2 objectives, 3 target groups, 4 other (IATI description/@type; none stated: "
                   "1)."),
            Column("language", "Language", description="The language of the text (ISO 639-1), as its narrative "
                   "states it, else the activity's default language; und when neither states one."),
            Column("text", "Text", description="The description, as the source states it."),
            Column("element", "Description element IRI", "anyURI",
                   description="The IRI of the IATI description element (aid:Description) the row is of; empty for "
                   "the activity's general description (schema:description of the activity).")),
            description_rows, part=description_part, primary_key=False, about="{+activity}"),
        Table("document_links", "One row per IATI document-link of an activity, of one of its results or "
              "indicators, or of an indicator's baseline, target or actual: a document about it on the web "
              "(an appraisal report, a contract, a results framework, ...).", (
            _id("document-link"), ACTIVITY,
            Column("of", "Of", description="What the document is of: activity, result, indicator, baseline, "
                   "target or actual (the IATI element the document-link is in)."),
            Column("result", "Result IRI", "anyURI", description="The result it is of, or whose indicator's; see "
                   "indicator_periods.csv (result). Empty for the activity's own."),
            Column("indicator", "Indicator IRI", "anyURI", description="The indicator it is of, or whose baseline's, "
                   "target's or actual's; see indicator_periods.csv (indicator). Empty for the activity's and a "
                   "result's own."),
            Column("period", "Period IRI", "anyURI", description="The indicator period whose target or actual it is "
                   "of; see indicator_periods.csv (id). Empty otherwise."),
            *DOCUMENT_COLUMNS),
            document_link_rows, part=document_link_part, rdf_type=str(AID.DocumentLink),
            refers_to=(ACTIVITIES, ("period", "indicator_periods"))),
        Table("country_budget_items", "One row per IATI budget-item of an activity: the share of the activity "
              "each item of the recipient country's budget classification receives (IATI country-budget-items).", (
            _id("budget-item"), ACTIVITY,
            *_code("vocabulary", "Budget identifier vocabulary", "BudgetIdentifierVocabulary",
                   note="The classification the codes are of (1 IATI's BudgetIdentifier, the functional "
                   "classification of government budgets; 2 the recipient country's chart of accounts; 3 another "
                   "country system; 4 the reporting organisation's; 5 other)."),
            Column("code", "Budget item code", description="The item's code in its vocabulary (vocabulary 1: IATI "
                   "codelist BudgetIdentifier, such as 5.1.1 health policy, planning and administration)."),
            Column("label", "Budget item label", description="The code's name in the dataset's default language, "
                   "else another, for vocabulary 1; empty for another vocabulary (its description says what it is)."),
            Column("percentage", "Percentage", "decimal", str(iati("percentage")),
                   description="The share of the activity for the item, as the source states it (IATI "
                   "budget-item/@percentage: the items of an activity add up to 100); empty when it states none."),
            Column("description", "Description", description="The item's description (IATI budget-item/description), "
                   "default language, else another; empty when the source states none.")),
            country_budget_item_rows, part=country_budget_item_part, rdf_type=str(AID.BudgetItem)),
        Table("other_identifiers", "One row per IATI other-identifier of an activity: another identifier it is "
              "known by (the reporting organisation's own reference, a CRS number, a previous IATI identifier), "
              "with the organisation that owns it.", (
            _id("other-identifier element"), ACTIVITY,
            Column("ref", "Identifier", prop=str(iati("ref")),
                   description="The other identifier, as the source states it (IATI other-identifier/@ref)."),
            *_code("type", "Identifier type", "OtherIdentifierType", str(iati("type")),
                   note="A1 the reporting organisation's own activity reference, A2 the CRS activity identifier, "
                   "A3 a previous activity identifier, A9 another activity identifier, B1 a previous reporting "
                   "organisation identifier, B9 another organisation identifier; empty when the source states none."),
            Column("owner_org", "Owner organisation IRI", "anyURI",
                   description="The IRI of the organisation that owns the identifier (IATI other-identifier/"
                   "owner-org), when the data names its record; see organisations.csv."),
            Column("owner_ref", "Owner organisation identifier",
                   description="The owner organisation's IATI identifier; empty when the source states none."),
            Column("owner_name", "Owner organisation name",
                   description="The owner organisation's name (default language, else another); empty when the "
                   "source states none.")),
            other_identifier_rows, part=other_identifier_part, rdf_type=str(AID.OtherIdentifier),
            refers_to=(ACTIVITIES, ("owner_org", "organisations"))),
        Table("contact_info", "One row per IATI contact-info of an activity: whom to contact about it.", (
            _id("contact-info element"), ACTIVITY,
            *_code("type", "Contact type", "ContactType", str(iati("type")),
                   note="1 general enquiries, 2 project management, 3 financial management, 4 communications; "
                   "empty when the source states none."),
            *(Column(name.replace("-", "_"), title, description=f"{what} (IATI contact-info/{name}), as the source "
                     "states it" + (", default language, else another" if name not in MANY else ", several joined "
                                    "with \"; \" in the source's order") + "; empty when it states none.")
              for name, title, what in (
                  ("organisation", "Organisation", "The organisation to contact"),
                  ("department", "Department", "Its department"),
                  ("person-name", "Person name", "The person to contact"),
                  ("job-title", "Job title", "The person's job title"),
                  ("telephone", "Telephone", "The telephone number"),
                  ("email", "E-mail", "The e-mail address"),
                  ("website", "Website", "The web address"),
                  ("mailing-address", "Mailing address", "The postal address")))),
            contact_info_rows, part=contact_info_part, rdf_type=str(AID.ContactInfo)),
        Table("conditions", "One row per IATI condition attached to an activity (whether any are: activities.csv, "
              "conditions_attached).", (
            _id("condition element"), ACTIVITY,
            *_code("type", "Condition type", "ConditionType", str(iati("type")),
                   note="1 policy, 2 performance, 3 fiduciary; empty when the source states none."),
            Column("text", "Text", description="The condition, as the source states it (IATI condition/narrative), "
                   "default language, else another; empty when it states none.")),
            condition_rows, part=condition_part, rdf_type=str(AID.Condition)),
        Table("legacy_data", "One row per IATI legacy-data of an activity: a field of the publisher's own system "
              "and its value, with the IATI element it corresponds to.", (
            _id("legacy-data element"), ACTIVITY,
            Column("name", "Name", prop=str(attr_prop("name")),
                   description="The field's name in the publisher's system (IATI legacy-data/@name)."),
            Column("value", "Value", prop=str(attr_prop("value")),
                   description="Its value, as the source states it (IATI legacy-data/@value): text, whatever it "
                   "holds."),
            Column("iati_equivalent", "IATI equivalent", prop=str(attr_prop("iati-equivalent")),
                   description="The IATI element or attribute it corresponds to (IATI legacy-data/@iati-equivalent); "
                   "empty when the source states none.")),
            legacy_data_rows, part=legacy_data_part, rdf_type=str(AID.LegacyData)),
        Table("organisations", "One row per organisation record.", (
            _id("organisation"), *_names("name", "Name", organisation_languages(data), SCHEMA.name),
            Column("alternate_name", "Alternate name", prop=str(SCHEMA.alternateName),
                   description="Its other name in no language (an acronym); empty when the data has none."),
            *_names("alternate_name", "Alternate name", alternate_name_languages(data), SCHEMA.alternateName),
            Column("iati_identifier", "IATI organisation identifier", prop=str(AID.iatiOrganisationIdentifier)),
            *_code("type", "Organisation type", "OrganisationType", str(AID.organisationType))),
            organisation_rows, rdf_type=str(SCHEMA.Organization), refers_to=()),
        Table("organisation_budgets", "One row per budget or expenditure an organisation states in its IATI "
              "organisation file (its record's iati field).", (
            _id("budget or expenditure"),
            Column("organisation", "Organisation IRI", "anyURI",
                   description="The organisation; see organisations.csv."),
            Column("kind", "Kind", description="The IATI element: total-budget, recipient-org-budget, "
                   "recipient-region-budget, recipient-country-budget or total-expenditure."),
            *_code("status", "Budget status", note=_INDICATIVE),
            Column("period_start", "Period start", "date"), Column("period_end", "Period end", "date"),
            *_party("recipient", "Recipient"), *_code("recipient_country", "Recipient country"),
            *_code("recipient_region", "Recipient region"),
            Column("recipient_region_vocabulary", "Recipient region vocabulary",
                   description="The region code's vocabulary (IATI RegionVocabulary; empty: 1, OECD DAC)."),
            Column("recipient_narrative", "Recipient country or region narrative",
                   description="The recipient-country's or recipient-region's own text (its narrative: the Asian "
                   "Development Bank's \"Afghanistan - ADB's regular operations in Afghanistan have been on hold "
                   "since 2021 (...)\"), default language, else another; empty when it states none."),
            *_money(targets)), organisation_budget_rows,
            refers_to=(("organisation", "organisations"), ("recipient_org", "organisations"))),
        Table("organisation_budget_lines", "One row per budget line or expense line (a sub-total) of an "
              "organisation's budget or expenditure (organisation_budgets.csv).", (
            _id("budget line or expense line"),
            Column("budget", "Budget or expenditure IRI", "anyURI",
                   description="The budget or expenditure it is a line of; see organisation_budgets.csv."),
            Column("organisation", "Organisation IRI", "anyURI",
                   description="The organisation; see organisations.csv."),
            Column("kind", "Kind", description="The IATI element: budget-line or expense-line."),
            Column("ref", "Reference", description="The line's own reference, as the organisation states it."),
            Column("description", "Description",
                   description="What the line is for (its narrative), in the dataset's default language, "
                               "else another."),
            *_money(targets)), organisation_budget_line_rows,
            refers_to=(("budget", "organisation_budgets"), ("organisation", "organisations"))),
        Table("organisation_documents", "One row per IATI document-link an organisation states in its IATI "
              "organisation file (its annual report, strategy, audit, ...), with the countries it is about.", (
            _id("document-link"),
            Column("organisation", "Organisation IRI", "anyURI",
                   description="The organisation; see organisations.csv."),
            *DOCUMENT_COLUMNS,
            Column("recipient_country_codes", "Recipient country codes", description="The countries the "
                   "document is about (IATI document-link/recipient-country, ISO 3166-1 alpha-2), joined with "
                   "\"; \" in the source's order; empty when the source states none."),
            Column("recipient_country_labels", "Recipient country labels", description="The countries' names in "
                   "the dataset's default language, else another, joined with \"; \" in the order of the codes.")),
            organisation_document_rows, rdf_type=str(AID.DocumentLink), refers_to=(("organisation", "organisations"),)),
        Table("countries", "One row per country record.", (
            _id("country"), Column("code", "ISO 3166-1 alpha-2 code", prop=str(SCHEMA.identifier)),
            *_names("name", "Name", langs, SCHEMA.name),
            Column("wikidata", "Wikidata", "anyURI", str(OWL.sameAs), "{+wikidata}")),
            country_rows, rdf_type=str(SCHEMA.Country), refers_to=()),
        Table("codes", "One row per code (SKOS concept) the graph publishes: the codes the data uses and the "
              "categories they sit under, with its label per language.", (
            _id("code (SKOS concept)"),
            Column("scheme", "Codelist", prop=str(SKOS.inScheme), value_url=f"{CODELIST_BASE}{{scheme}}#id",
                   description="The codelist's name (its skos:notation)."),
            Column("code", "Code", prop=str(SKOS.notation)),
            *_names("label", "Label", code_languages(data), SKOS.prefLabel)),
            code_rows, rdf_type=str(SKOS.Concept), refers_to=()),
    ]

