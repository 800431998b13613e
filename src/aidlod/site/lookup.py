"""What the pages ask of the graph: statements, types, labels, and which page shows an IRI.

Every page builder reads through one ``Lookup`` so that each read is recorded as a dependency of
the page being rendered (see ``memo``); its indexes are built in one pass, never a query per page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any, TypeVar

from babel import Locale, UnknownLocaleError
from rdflib import RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..codelists import CODE_LITERAL_PREDICATES, literal_concept
from ..dataset import documents, natural_key, parse_decimal
from ..iris import AID, CODELIST_BASE, DCT, PROV, SCHEMA, VOID, concept_code, site_path
from ..money import FIXED_PER_EUR
from ..money import SOURCE as _ECB_RATES
from ..rdfio import is_iri, is_literal
from ..resources import ontology_text
from .i18n import N_, interface_language, marked, translations
from .labels import TERMS
from .spill import Digests, Spilled, Types, spill
from .text import (
    clipped,
    compact,
    coordinates,
    direction,
    fragment,
    isolated,
    literal_text,
    money,
    number,
    root_of,
    safe_href,
)

if TYPE_CHECKING:
    from ..validation import Located

Index = dict[str, list[tuple[Node, Node]]]
T = TypeVar("T")

NAME_PREDICATES = (SCHEMA.name, SKOS.prefLabel, RDFS.label, DCT.title)
# rdflib's closed namespaces build and check a term on every attribute access: hot terms made once.
_TYPE, _NOTATION, _CONCEPT = RDF.type, SKOS.notation, SKOS.Concept
_NAME_ORDER = tuple(str(p) for p in NAME_PREDICATES)
_NAME_KEYS = frozenset(_NAME_ORDER)
# The statements that name a nameless IATI part (``Lookup._part_text``), as plain strings
_IATI_CODE, _IATI_ISO_DATE, _IATI_TYPE, _IATI_VALUE, _IATI_PERCENTAGE, _IATI_REF, _ORGANISATION = (
    str(AID[name]) for name in ("iati-code", "iati-iso-date", "iati-type", "iati-value", "iati-percentage",
                                "iati-ref", "organisation"))
_IATI_NARRATIVE = str(AID["iati-narrative"])
# An activity's locations, their refs and names: what a result's location that states a ref alone points to
_IATI_LOCATION, _IATI_REF_TERM, _IATI_NAME = AID["iati-location"], AID["iati-ref"], AID["iati-name"]
# What names a part (a result by its title, a condition by its text), first found first
_PART_TEXTS = (*(str(AID[name]) for name in ("iati-title", "iati-name", "iati-narrative", "iati-organisation",
                                             "iati-person-name", "iati-pos", "iati-at-value")),
               str(RDF.value),  # an element's own text: a contact's email, telephone or website
               # a contact point that names neither its organisation nor a person (OCHA's CBPFs leave
               # the organisation's narrative empty): its email, its telephone
               str(SCHEMA.email), str(SCHEMA.telephone),
               # a dimension that states its name alone (the Jordan Open Source Association's "Workshops"):
               # "Dimension: Workshops", not "Dimension"
               str(AID["iati-at-name"]))
# The parts whose texts name a transaction, a budget or a period, in reading order
_PERIOD_START, _PERIOD_END = str(AID["iati-period-start"]), str(AID["iati-period-end"])
_ISOLATED_RE = re.compile("\u2068([^\u2068\u2069]*)\u2069")  # a name isolated in a composed label
_PART_PIECES = (str(AID["iati-transaction-type"]), str(AID["iati-transaction-date"]), _PERIOD_START, _PERIOD_END,
                _IATI_VALUE)
_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_PRIMARY = PROV.hadPrimarySource  # a converted amount's sources: the ECB's rates, a pegged currency's act
# the items of a list that says nothing else; a location's point, where it states no name or description
# (AFD's <location> of a <point> alone was labelled "Location", each of them alike)
# (Sida's <crs-add> of one <other-flags> was labelled "CRS additional data" alone)
_PART_ITEMS = frozenset({str(AID["iati-budget-item"]), str(AID["iati-point"]), str(AID["iati-other-flags"])})
# a location's identifiers in a gazetteer, where it states no name, description or point (Global Affairs
# Canada's locations of a GeoNames id alone were labelled "Place", each of them alike)
_PART_IDS = frozenset({str(AID["iati-location-id"]), str(AID["iati-administrative"])})
_IATI_SIGNIFICANCE = str(AID["iati-significance"])  # a policy marker's: "not targeted" is a marker too
_IATI_VOCABULARY = str(AID["iati-vocabulary"])
_IATI_CURRENCY, _IATI_DEFAULT_CURRENCY = AID["iati-currency"], AID["iati-default-currency"]
# A location's description: what names a location that states no name (ECHO's "Eastern Drc", EC FPI's
# "Mindanao, Philippines"), after its name and anything else the part says
_IATI_DESCRIPTION = str(AID["iati-description"])
# the kinds of part a composed label is made for (``_composed_label``), as text
_GRANT, _PARTICIPATION, _SECTOR_ALLOCATION = (str(SCHEMA.MonetaryGrant), str(AID.Participation),
                                              str(AID.SectorAllocation))
# The parts that name a place, a sector or a policy marker by a code of a list, whose narrative is, or
# should be, a name of it (IATI: a policy marker's narrative only for the reporting organisation's own
# vocabulary, whose code is no concept; AidStream's "policy marker text" for the DAC marker 3 hid which
# marker it is)
_NAMED_BY_CODE = (AID.RecipientCountry, AID.RecipientRegion, AID.Sector, AID.PolicyMarker)
_NAME_KEYS = frozenset(str(p) for p in NAME_PREDICATES)
# typographic quotes and dashes, as plain ones: Sida's "Women\u2019s rights organisations" is the DAC
# list's "Women's rights organisations"
_PLAIN_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                              "\u2014": "-"})


def _name_key(name: str) -> str:
    """A name as compared with another: its words, in small letters, its quotes and dashes plain, its
    spaces dropped (the EC NEAR's "Disaster Risk Reduction (DRR)" is the DAC list's "Disaster Risk
    Reduction(DRR)")."""
    return "".join(name.translate(_PLAIN_MARKS).split()).casefold()


_IATI_ROLE = str(AID["iati-role"])  # a participating-org's, kept as stated: "Accountable", "Implementing"
# what a value is of, beside it: a legacy-data's name (Oxfam Novib's "grant-reference" and
# "oxfamnovib-view-type": "Legacy data: EXT" said nothing), a dimension's ("sex · female")
_IATI_AT_NAME, _IATI_AT_VALUE = str(AID["iati-at-name"]), str(AID["iati-at-value"])
# the year an amount is for: a forward spending survey's forecasts ("2025 · EUR 25,000,000"; the amounts
# alone listed a survey's years alike)
_IATI_YEAR = AID["iati-year"]
# a location's geometry: where it is ("Geometry" alone told one location's from another's)
_LATITUDE, _LONGITUDE, _GEO = str(SCHEMA.latitude), str(SCHEMA.longitude), str(SCHEMA.geo)

# The IATI codelists CLDR names too, by the Babel locale's table of them: IATI's Country, Language and
# Currency lists name their codes in English alone, so a French page read "ID – Indonesia", "en – English"
_CLDR_TABLES = {"Country": "territories", "Language": "languages", "Currency": "currencies"}


# IATI RelatedActivityType: code → the site catalogue's msgid. The codelist names them in English and French
# only; the catalogue in every interface language, so a Spanish or Norwegian page reads "Hermana", "Søsken".
RELATED_TYPES = {"1": N_("Parent"), "2": N_("Child"), "3": N_("Sibling"), "4": N_("Co-funded"),
                 "5": N_("Third party")}
_CATALOGUE_NAMES = {"RelatedActivityType": RELATED_TYPES}


def _catalogue_name(iri: str, notation: str, lang: str) -> str | None:
    """A code's name in ``lang`` from the site's own catalogue, for the few IATI codelists it translates
    (None for another list or code, or a language the catalogue leaves untranslated)."""
    listname, _, rest = iri.removeprefix(CODELIST_BASE).partition("/")
    msgid = _CATALOGUE_NAMES.get(listname, {}).get(notation) if rest else None
    if msgid is None:
        return None
    text = translations(lang).gettext(msgid)
    return text if text != msgid or lang == "en" else None


@lru_cache(maxsize=4096)
def _cldr_name(iri: str, notation: str, lang: str) -> str | None:
    """A Country, Language or Currency codelist concept's name in ``lang`` as CLDR has it, or None
    (another list; a language or code CLDR does not know)."""
    listname, _, rest = iri.removeprefix(CODELIST_BASE).partition("/")
    table = _CLDR_TABLES.get(listname)
    if table is None or not rest:
        return None
    try:
        locale = Locale.parse(lang, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    found = getattr(locale, table).get(notation.lower() if listname == "Language" else notation.upper())
    return str(found) if found else None


# Two IRIs equal (URIRef is a str): what rdflib's __eq__ gives, at C speed.
_same: Callable[[Node, Node], bool] = str.__eq__  # type: ignore[assignment]


def read_ontology() -> Index:
    """The shipped ontology (all its files) as subject → statements (it documents itself on the
    ontology page). Shared by every caller and never changed by one: parsed once per text."""
    return _ontology_index(ontology_text())


@lru_cache(maxsize=1)
def _ontology_index(text: str) -> Index:
    graph = Graph().parse(data=text, format="turtle")
    vocab: Index = {}
    for s, p, o in graph:
        if isinstance(s, BNode) or isinstance(o, BNode):
            continue  # the ontology has none; a later one with OWL restrictions shows the rest
        vocab.setdefault(str(s), []).append((p, o))
    return vocab


def _repeats(words: str, *shown: str) -> bool:
    """Whether a dated part's narrative only says what its label says already: its type's name (IOM's
    activity-dates "Actual" and "Planned", of types Actual start and Planned start) or its day (CERF's
    "2019-08-10")."""
    said = set(re.findall(r"\w+", words.casefold()))
    return not said or said <= {w for text in shown for w in re.findall(r"\w+", text.casefold())}


def _one_period(said: dict[str, str]) -> None:
    """A part's period start and end as one period ("1 January – 31 December 2014"); one end alone
    (a budget kept without the other) says which it is, as the budget tables show it ("… – 31 December")."""
    if _PERIOD_START in said and _PERIOD_END in said:
        said[_PERIOD_START] = f"{said[_PERIOD_START]} \u2013 {said.pop(_PERIOD_END)}"
    elif _PERIOD_START in said:
        said[_PERIOD_START] = f"{said[_PERIOD_START]} \u2013 \u2026"
    elif _PERIOD_END in said:
        said[_PERIOD_END] = f"\u2026 \u2013 {said[_PERIOD_END]}"


# The most parts of other documents whose statements ``Lookup.fields`` keeps by predicate at once
RECENT_FIELDS = 2048
_WHOLE = ("#id", "#dataset")  # the fragments of a document's own subject


def _is_part(iri: str) -> bool:
    """Whether ``iri`` is a part of a document (what ``Lookup.scope`` keeps as local): not its ``#id`` or
    ``#dataset``, whose hundreds of statements (a project's) are read for a value or two."""
    return "#" in iri and not iri.endswith(_WHOLE)


# A label in pieces of one language each (text, its lang attribute or None), or None: all one language
Pieces = list[tuple[str, str | None]] | None


def label_key(iri: str, with_code: bool) -> str:
    """The dependency key of ``iri``'s labels with (``n``) or without (``b``) its code (``Lookup._read_label``)."""
    return intern(("n " if with_code else "b ") + iri)


class Lookup:
    """The graph as pages read it, with every read recorded in ``deps``.

    ``deps`` holds what the page being rendered has read: ``"s IRI"`` (a subject's statements),
    ``"r IRI"`` (the statements pointing to it), ``"d PATH"`` (a document's subjects), ``"w PATH"``
    (the validation's findings about a document's subjects: its warnings), ``"i ID"`` (the things
    whose ``aid:iatiIdentifier`` is ID: a related activity's link), ``"c IRI"`` (figures summed
    over the whole graph about IRI: its charts, hashed by ``derived``), ``"n IRI"`` and ``"b IRI"``
    (the labels of a thing that is no part of a document, with and without its code: ``label_key``),
    ``"v IRI PREDICATE"`` (one predicate's values of a thing: ``first_of``).
    Lookups many pages share (labels, which page shows an IRI) are memoised with the dependencies they
    read (``memo``), so a page that uses a cached label still depends on what made it.
    """

    def __init__(self, index: Index, base: str, languages: Sequence[str],
                 findings: dict[str, list[Located]] | None = None, docs: dict[str, list[str]] | None = None) -> None:
        """``findings``: the validation's findings by focus node (a page shows its own); ``docs``:
        ``documents(index, base)`` when the read model made it already."""
        if not languages or len(set(languages)) != len(languages):
            raise ValueError(f"the page languages must be distinct and at least one: {languages!r}")
        # index, reverse, types, docs and subject_digests: the build's dicts, or in a page worker the
        # tables ``spill`` wrote (``read_spilled``)
        self.index: Mapping[str, list[tuple[Node, Node]]] = index
        self.base = base
        self.languages = tuple(languages)
        self.docs: Mapping[str, list[str]] = docs if docs is not None else documents(index, base)
        self.vocab = read_ontology()
        reverse: dict[str, list[tuple[str, Node]]] = {}
        # subject → its classes, a tuple (a one-class set costs four times the memory, per subject)
        types: dict[str, tuple[Node, ...]] = {}
        self.reverse: Mapping[str, list[tuple[str, Node]]] = reverse
        self.types: Mapping[str, tuple[Node, ...]] = types
        self.predicate_use: Counter[str] = Counter()
        self.identifiers: dict[str, list[str]] = {}  # aid:iatiIdentifier → subjects
        ident = AID.iatiIdentifier
        identifiers = self.identifiers
        # counted by term, made text once per distinct term below: ``str(p)`` copied and hashed every
        # predicate of the graph anew
        use: dict[Node, int] = {}
        for s, pairs in index.items():
            for p, o in pairs:
                use[p] = use.get(p, 0) + 1
                if _same(p, _TYPE):
                    known = types.get(s, ())
                    if o not in known:
                        types[s] = (*known, o)
                    use[o] = use.get(o, 0) + 1
                elif isinstance(o, URIRef):
                    reverse.setdefault(str(o), []).append((s, p))
                elif _same(p, ident):
                    identifiers.setdefault(str(o), []).append(s)
        for term, n in use.items():
            self.predicate_use[str(term)] += n
        self.files: set[str] = set()  # files already in the stage (source documents): linked as files
        self.findings = findings or {}
        self.deps: set[str] = set()
        # subject → the hash of its statements (``dataset.subject_digest``): the read model's, when the
        # site has one, so that the hashes the tables' cache made are not made again for the pages
        self.subject_digests: MutableMapping[str, str] = {}
        # IRI → the hash of what points to it (``dataset.refs_digest``), in a page worker from ``spill``
        self.refs_digests: Mapping[str, str] | None = None
        # The hash of the figures about an IRI (``charts.Figures.digest``), for "c IRI" dependencies.
        self.derived: Callable[[str], str] = lambda iri: ""
        self._labels: dict[tuple[str, str, bool], tuple[tuple[str, str | None], tuple[str, ...]]] = {}
        self._pages: dict[str, tuple[tuple[str, str | None] | None, tuple[str, ...]]] = {}
        self._mains: dict[str, str | None] = {}  # document path → its main subject (``main_subject``)
        # The parts of the document being rendered (``scope``) and their memos: a part's label and
        # page are asked for on its own page, rarely elsewhere, and a site-wide memo of every part of
        # every document grew each page worker by gigabytes at 10 000 rich activities.
        self._local: frozenset[str] = frozenset()
        self._scope: str | None = None
        self._local_labels: dict[tuple[str, str, bool], tuple[tuple[str, str | None], tuple[str, ...]]] = {}
        # ``label_pieces``, memoised as the labels are (a part's on its own page, what many pages link to site-wide)
        self._pieces: dict[tuple[str, str, bool], tuple[Pieces, tuple[str, ...]]] = {}
        self._local_pieces: dict[tuple[str, str, bool], tuple[Pieces, tuple[str, ...]]] = {}
        self._local_pages: dict[str, tuple[tuple[str, str | None] | None, tuple[str, ...]]] = {}
        self._local_fields: dict[str, tuple[str, dict[str, list[Node]]]] = {}
        # ``fields`` of the parts of other documents read last (``RECENT_FIELDS`` at most, emptied with each
        # scope): a page that lists what points to it labels each referencing part in every language, and
        # each label read the part's statements five or six times over
        self._recent_fields: dict[str, tuple[str, dict[str, list[Node]]]] = {}
        # a predicate term → its text, one string per predicate: ``str(p)`` made and hashed a new one per statement
        self._predicate_texts: dict[Node, str] = {}
        self._named: dict[str, tuple[list[str], tuple[str, ...]]] = {}  # ``_named_in`` of this document's page
        # the rows of ``Views.value`` for those parts: asked for on their own page only
        self.local_values: dict[Any, Any] = {}
        self._naming = 0  # how deep in working out a label: its reads are the label's, not a label key

    def spill(self, folder: Path | None = None) -> Spilled:
        """What the page workers read most, written to a file before they fork (``spill``)."""
        return spill(self.index, self.subject_digests, self.reverse, self.docs, folder)

    def read_spilled(self, spilled: Spilled) -> None:
        """Read statements, classes, hashes, what points to what and documents' subjects from ``spilled``
        instead of the build's objects: in a forked page worker, which would copy what it touches."""
        if self.index is spilled.statements:
            return  # a worker kept for another chunk reads them already
        # the build's own tables stay referenced: dropping the last reference in the worker would free
        # every statement, writing to (so copying) every memory page they are on
        self._held = (self.index, self.subject_digests, self.types, self.reverse, self.docs)
        self.index, self.types = spilled.statements, Types(spilled.statements)
        self.subject_digests, self.refs_digests = Digests(spilled.digests), spilled.refs_digests
        self.reverse, self.docs = spilled.reverse, spilled.docs

    # -- dependencies -------------------------------------------------------------------------

    def memo(self, cache: dict[Any, tuple[T, tuple[str, ...]]], key: Any, compute: Callable[[], T]) -> T:
        """``compute()`` once per key; every use adds the dependencies it read to the page's."""
        hit = cache.get(key)
        if hit is not None:
            self.deps.update(hit[1])
            return hit[0]
        outer, self.deps = self.deps, set()
        try:
            value = compute()
        finally:
            inner, self.deps = self.deps, outer
        cache[key] = (value, tuple(inner))  # a tuple of interned keys: far smaller than a frozenset
        outer |= inner
        return value

    # -- tracked reads ------------------------------------------------------------------------

    def own(self, iri: str) -> list[tuple[Node, Node]] | None:
        """The subject's statements in the index (a tracked read)."""
        self.deps.add(intern("s " + iri))
        return self.index.get(iri)

    def refs(self, iri: str) -> list[tuple[str, Node]]:
        """(subject, predicate) of the statements pointing to ``iri`` (a tracked read)."""
        self.deps.add(intern("r " + iri))
        return self.reverse.get(iri, [])

    def doc(self, path: str) -> list[str] | None:
        """The subjects of the document at ``path`` (a tracked read)."""
        self.deps.add(intern("d " + path))
        return self.docs.get(path)

    def with_identifier(self, ident: str) -> list[str]:
        """The subjects whose ``aid:iatiIdentifier`` is ``ident``, sorted (a tracked read)."""
        self.deps.add(intern("i " + ident))
        return sorted(self.identifiers.get(ident, ()))

    def has_file(self, file: str) -> bool:
        """Whether ``file`` is a published file that a link to its IRI leads to (a tracked read): a page that
        links no source document does not depend on which ones there are (a publisher's monthly file, copied
        under sources/, rendered every page anew when the set was part of every page's setting)."""
        self.deps.add(intern("f " + file))
        return file in self.files

    def derived_read(self, iri: str) -> None:
        """Record that the page shows figures summed over the graph about ``iri`` (its charts)."""
        self.deps.add(intern("c " + iri))

    def findings_of(self, path: str) -> list[Located]:
        """The findings about the subjects of the document at ``path``, in document order (tracked)."""
        self.deps.add(intern("w " + path))
        return self.findings_in(path)

    def findings_in(self, path: str) -> list[Located]:
        """``findings_of`` without recording a dependency (for the memo's hashes)."""
        return [loc for s in self.docs.get(path) or () for loc in self.findings.get(s, ())]

    def pairs(self, iri: str) -> list[tuple[Node, Node]]:
        """The statements of ``iri`` in the data, else in the ontology (a tracked read, as ``own``)."""
        self.deps.add(intern("s " + iri))
        return self.index.get(iri) or self.vocab.get(iri) or []

    def fields(self, iri: str) -> dict[str, list[Node]]:
        """The statements of ``iri`` by predicate (as text), in index order (a tracked read). A part
        of the document being rendered is read once per page: its label asks for a dozen of them; a
        part of another document once while it is among the last ``RECENT_FIELDS`` read. Not to be
        changed by the caller."""
        hit = self._local_fields.get(iri) or self._recent_fields.get(iri)
        if hit is not None:
            self.deps.add(hit[0])
            return hit[1]
        found: dict[str, list[Node]] = {}
        texts, text_of = self._predicate_texts, self._text_of
        for p, o in self.pairs(iri):
            found.setdefault(texts.get(p) or text_of(p), []).append(o)
        if iri in self._local:
            self._local_fields[iri] = (intern("s " + iri), found)
        elif _is_part(iri):  # a part of another document ("referenced by"): read again by its label and pieces
            recent = self._recent_fields
            if len(recent) >= RECENT_FIELDS:
                recent.clear()
            recent[iri] = (intern("s " + iri), found)
        return found

    def _text_of(self, predicate: Node) -> str:
        """A predicate of the index's statements as text, one string per predicate, for ``fields``."""
        key = self._predicate_texts[predicate] = intern(str(predicate))
        return key

    def values(self, iri: str, predicate: URIRef) -> list[Node]:
        if _is_part(iri):  # a part: by ``fields``
            return list(self.fields(iri).get(str(predicate), ()))
        # Predicates are always IRIs: plain string equality (rdflib's __eq__ is Python-level, slow).
        return [o for p, o in self.pairs(iri) if _same(p, predicate)]

    def first(self, iri: str, predicate: URIRef) -> Node | None:
        """The value of ``predicate`` that sorts first as text (the first of equals): one pass, no
        sort, as labels ask for a part's values a dozen times."""
        if _is_part(iri):  # a part: by ``fields``
            stated = self.fields(iri).get(str(predicate))
            return (stated[0] if len(stated) == 1 else min(stated, key=str)) if stated else None
        found: Node | None = None
        text = ""
        for p, o in self.pairs(iri):
            if _same(p, predicate) and (found is None or str(o) < text):
                found, text = o, str(o)
        return found

    def first_of(self, iri: str, predicate: URIRef) -> Node | None:
        """``first``, recorded as a read of that one predicate of ``iri`` (``"v IRI PREDICATE"``), not of all
        its statements: a page that tells alike references apart by their documents' identifiers depends
        on those alone, and a project's status edit leaves it as it was."""
        self.deps.add(intern(f"v {iri} {predicate}"))
        found: Node | None = None
        text = ""
        for p, o in self.index.get(iri) or self.vocab.get(iri) or ():
            if _same(p, predicate) and (found is None or str(o) < text):
                found, text = o, str(o)
        return found

    def has_type(self, iri: str, cls: URIRef) -> bool:
        self.deps.add(intern("s " + iri))
        # as text, as rdflib's __eq__ does for two terms of one type: its __eq__ is Python code
        kind = cls.__class__
        for t in self.types.get(iri, ()):
            if t.__class__ is kind and _same(t, cls):
                return True
        return any(_same(p, _TYPE) and o.__class__ is kind and _same(o, cls) for p, o in self.vocab.get(iri, ()))

    def _type_texts(self, iri: str) -> set[str]:
        """The IRIs of ``iri``'s classes as text, what ``has_type`` finds (a tracked read), for a label that
        asks for several kinds: one pass instead of one per kind."""
        self.deps.add(intern("s " + iri))
        found = {str(t) for t in self.types.get(iri, ()) if t.__class__ is URIRef}
        found.update(str(o) for p, o in self.vocab.get(iri, ()) if _same(p, _TYPE) and o.__class__ is URIRef)
        return found

    def types_of(self, iri: str) -> tuple[Node, ...]:
        self.deps.add(intern("s " + iri))
        return self.types.get(iri, ())

    # -- pages and links ----------------------------------------------------------------------

    def prime(self) -> int:
        """Memoise, before the page workers fork, the labels and pages of what many documents point
        to (codes, organisations, countries, the ontology's terms): a worker lives for one chunk, and
        would otherwise work each of them out again in every chunk. Returns how many IRIs."""
        shared = sorted({iri for iri, refs in self.reverse.items() if len(refs) > 1 and fragment(iri) in (None, "id")}
                        | set(self.predicate_use))
        outer, self.deps = self.deps, set()
        for iri in shared:
            self.page_of(iri)
            for lang in self.languages:
                self.label_in(iri, lang)
        self.deps = outer
        return len(shared)

    def is_local(self, iri: str) -> bool:
        """Whether ``iri`` is a part of the document being rendered (``scope``)."""
        return iri in self._local

    def scope(self, path: str | None) -> None:
        """Memoise the parts of document ``path`` (None: of no document) only until the next scope."""
        subjects = self.docs.get(path, []) if path is not None else []  # not a read of the page: untracked
        self._scope = path
        self._local = frozenset(filter(_is_part, subjects))  # every local subject is a part (``_is_part``)
        self._local_labels, self._local_pages, self._local_fields = {}, {}, {}
        self._local_pieces, self._named, self._recent_fields = {}, {}, {}
        self.local_values = {}

    def page_of(self, iri: str) -> tuple[str, str | None] | None:
        """(document path, fragment) of the page that shows ``iri``; None if the site has none."""
        cache = self._local_pages if iri in self._local else self._pages
        hit = cache.get(iri)  # ``memo``'s hit path inline: asked for every link a page shows
        if hit is not None:
            self.deps.update(hit[1])
            return hit[0]
        return self.memo(cache, iri, lambda: self._page_of(iri))

    def _page_of(self, iri: str) -> tuple[str, str | None] | None:
        if iri in self._local and self._scope is not None:
            # a part of the document being rendered: its page is this one (``documents`` made by site_path)
            return self._scope, fragment(iri)
        path = site_path(iri, self.base)
        if path is None:
            return None
        if path == "ontology":
            return (path, fragment(iri)) if iri in self.vocab else None
        if self.doc(path) is not None:
            frag = fragment(iri)
            return path, (None if frag in (None, "id", "dataset") else frag)
        return None

    def href(self, from_path: str, lang: str, iri: str) -> str | None:
        """A relative link from page ``from_path`` to whatever shows ``iri``; None if nothing does."""
        target = self.page_of(iri)
        if target is not None:
            path, frag = target
            if path == from_path and frag:
                return f"#{frag}"  # a part of this very page
            return f"{root_of(from_path)}{path}.{lang}.html" + (f"#{frag}" if frag else "")
        file = site_path(iri, self.base)
        if file is not None and "#" not in iri and self.has_file(file):
            return root_of(from_path) + file  # a published file, e.g. a source document
        return safe_href(iri)

    def main_subject(self, path: str) -> str | None:
        """The thing a document is about: its ``#id`` (or ``#dataset``), else its first subject.
        Found once per document: a page names every part that points to it by its document's main
        subject, and would otherwise scan a project's hundreds of parts for each such reference."""
        subjects = self.doc(path)  # the tracked read, also when the answer is known
        if path in self._mains:
            return self._mains[path]
        found = None
        if subjects:
            found = next((s for s in subjects if fragment(s) in ("id", "dataset")), subjects[0])
        self._mains[path] = found
        return found

    def subjects_of_type(self, cls: URIRef) -> list[str]:
        """The things of a class that have a page, sorted."""
        same = str(cls).__eq__  # ``cls in types`` compared with rdflib's __eq__, in Python, for every subject
        return sorted(s for s, types in self.types.items() if any(map(same, types)) and self.page_of(s) is not None)

    def dataset_iri(self) -> str:
        return self.base + "#dataset"

    @cached_property
    def endpoint(self) -> str | None:
        """The SPARQL endpoint the dataset names (its ``void:sparqlEndpoint``): None when none serves the
        site. Every page may link it, so it is part of the pages' setting (``PageMemo.setting``), not a read."""
        found = sorted(str(o) for p, o in self.index.get(self.dataset_iri(), ())
                       if p == VOID.sparqlEndpoint and isinstance(o, URIRef) and safe_href(str(o)))
        return found[0] if found else None  # only http(s): the pages link it

    @property
    def local_endpoint(self) -> bool:
        """The endpoint is this site's own ``/sparql`` (``aidlod serve``), whose query page opens a
        ``sparql#query=…`` link; another endpoint is given the query as the protocol's ``?query=``."""
        return self.endpoint == self.base + "sparql"

    def dataset_title(self, lang: str) -> str:
        """The site's title, on every page: a read of the dataset's names alone (``"v IRI PREDICATE"`` of each
        name predicate), not of all its statements, whose description an import rewrites to name every file
        imported (a publisher's monthly file rendered every page anew; docs/scaling.md, "A publisher's monthly
        update")."""
        iri = self.dataset_iri()
        outer, self.deps = self.deps, set()
        try:
            found = self.name(iri, lang)
        finally:
            self.deps = outer
        self.deps.update(intern(f"v {iri} {predicate}") for predicate in _NAME_ORDER)
        return found or "aidlod"

    # -- names and labels ---------------------------------------------------------------------

    def pick(self, literals: Iterable[Node], lang: str) -> Literal | None:
        """The literal for ``lang``, then English (the interface's own fallback, which most readers of
        a page without a text of theirs read), the other page languages, untagged, anything: a French
        page lacking a French title shows the English one, not the Arabic one that sorts first."""
        lits = [x for x in literals if is_literal(x)]
        if len(lits) < 2:  # most things have one name: whichever language is wanted, it is that one
            return lits[0] if lits else None
        return min(lits, key=lambda x: (self.language_rank(x.language, lang), x.language or "", str(x)))

    def language_rank(self, tag: str | None, lang: str) -> int:
        """Where text in ``tag`` stands for a page in ``lang`` (``pick``'s order, and that of a row's values):
        ``lang``, English, the other page languages in their order, untagged, any other."""
        if tag == lang:
            return 0
        if tag == "en":
            return 1
        if tag is None:
            return len(self.languages) + 2
        return 2 + self.languages.index(tag) if tag in self.languages else len(self.languages) + 3

    def name(self, iri: str, lang: str) -> str | None:
        """The plain name of a thing in ``lang`` (no code)."""
        found = self.name_in(iri, lang)
        return found[0] if found is not None else None

    def name_in(self, iri: str, lang: str) -> tuple[str, str | None] | None:
        """The plain name of a thing for a page in ``lang`` and the language it is in (None: untagged)."""
        named: dict[str, list[Node]]
        # a part: its statements by predicate, read once a page (``fields``)
        if _is_part(iri):
            named = self.fields(iri)
        else:
            named = {}  # one pass over the statements, not one per name predicate
            for p, o in self.pairs(iri):
                key = str(p)  # a URIRef is never equal to a str: its text is looked up
                if key in _NAME_KEYS:
                    named.setdefault(key, []).append(o)
        for predicate in _NAME_ORDER if named else ():
            given = named.get(predicate)  # a part's ``fields`` hold its other statements too: no ``pick`` of none
            lit = self.pick(given, lang) if given else None
            if lit is not None:
                return str(lit), lit.language or None
        if iri in TERMS:
            text = TERMS[iri].get(lang)
            return (text, lang) if text else (TERMS[iri]["en"], "en")
        return None

    def label(self, iri: str, lang: str, with_code: bool = True) -> str:
        """The human label of ``iri``: codes as "15180 – Ending violence…", composed labels for
        grants, amounts, participations and sector shares, the compact IRI as a last resort."""
        return self.label_in(iri, lang, with_code)[0]

    def label_lang(self, iri: str, lang: str, with_code: bool = True) -> str | None:
        """The language of ``label`` when it is not the page's (a name only another language gives,
        or any name on a page whose interface text is English: ``i18n.interface_language``), for the
        ``lang`` attribute of the element showing it; None when it is the page's."""
        found = self.label_in(iri, lang, with_code)[1]
        return marked(found, lang)

    def label_pieces(self, iri: str, lang: str, with_code: bool = True) -> Pieces:
        """``_label_pieces``, memoised with what it read (a referencing part is listed on many pages)."""
        key = (iri, lang, with_code)
        if iri in self._local:
            # made already when another page named this part ("referenced by"): the same pieces
            hit = self._local_pieces.get(key) or self._pieces.get(key)
            if hit is not None:
                self.deps.update(hit[1])
                return hit[0]
            return self._labelled(self._local_pieces, key, lambda: self._label_pieces(iri, lang, with_code))
        hit = self._pieces.get(key)  # ``memo``'s hit path inline
        if hit is not None:
            self._read_label(iri, with_code, hit[1])
            return hit[0]
        return self._labelled(self._pieces, key, lambda: self._label_pieces(iri, lang, with_code))

    def _label_pieces(self, iri: str, lang: str, with_code: bool = True) -> Pieces:
        """``label`` in pieces of one language each, for a part's composed label that mixes languages:
        (text, its ``lang`` attribute, or None for the language of the element around it, whose own is
        ``label_lang``). A code name IATI gives in English only inside a French label ("Marqueur de
        politique: Questions urbaines · significant objective": PolicySignificance has no French names),
        or the interface's words before a narrative in another language ("Lien vers un document:
        Description", an English title on a French page). None when the label is all one language."""
        if "#" not in iri and not self.has_type(iri, SCHEMA.MonetaryGrant):  # composed: parts' labels, grants'
            return None
        text, found = self.label_in(iri, lang, with_code)
        outer = marked(found, lang)
        spans: list[tuple[int, int, str]] = []
        if outer is not None:  # the whole marked in the narrative's language: the interface's words are not
            kind, colon, _rest = text.partition(": ")
            # the part's kind, when it is named in the interface's language ("Lien vers un document")
            if colon and any(self.label(str(t), lang) == kind and self.label_lang(str(t), lang) is None
                             for t in self.types_of(iri)):
                spans.append((0, len(kind) + len(colon), interface_language(lang)))
        else:
            doc = iri.split("#", 1)[0]
            # the names it is composed of: its own (a participation's narrative), its codes' and organisations'
            own = self.name_in(iri, lang)
            names = [own] if own is not None else []
            # the same in every page language: found once for this document's pages
            for o in self.memo(self._named, iri, lambda: self._named_in(iri, doc)):
                coded = self.label_in(str(o), lang, True)
                # the name without its code only when the label does not hold it with its code
                names.append(coded if coded[0] in text else self.label_in(str(o), lang, False))
            names += self._isolated_narratives(iri, text)
            for name, name_lang in names:
                said = marked(name_lang, lang)
                at = text.find(name) if said and name else -1
                if at >= 0 and not any(a < at + len(name) and at < b for a, b, _l in spans):
                    spans.append((at, at + len(name), said or ""))
        if not spans:
            return None
        pieces: list[tuple[str, str | None]] = []
        at = 0
        for start, end, said in sorted(spans):
            if start > at:
                pieces.append((text[at:start], None))
            pieces.append((text[start:end], said))
            at = end
        if at < len(text):
            pieces.append((text[at:], None))
        return pieces

    def _isolated_narratives(self, iri: str, text: str) -> list[tuple[str, str | None]]:
        """The narratives of a part that its label isolates among the interface's words (a right-to-left
        or undetermined one: "Place: \u2068صنعاء\u2069"), with their language: the label is the page's, so
        without them the Arabic or Hindi name was in no element of its language (read with the page's)."""
        if "\u2068" not in text:
            return []
        inside = set(_ISOLATED_RE.findall(text))
        got = self.fields(iri)
        return [(str(lit), lit.language) for predicate in _PART_TEXTS for lit in got.get(predicate, ())
                if isinstance(lit, Literal) and lit.language and str(lit) in inside]

    def _named_in(self, iri: str, doc: str) -> list[str]:
        """The codes and organisations a part's composed label names: those it states, and those its own
        pieces state (a transaction's type is a code of its transaction-type element: "Transacción:
        Outgoing Commitment · …" on a Spanish page marks the English name as the activity dates' do)."""
        found: list[str] = []
        for predicate, values in self.fields(iri).items():
            for o in values:
                if not is_iri(o):
                    continue
                if str(o).split("#", 1)[0] != doc:  # not a part of its document
                    found.append(str(o))
                elif predicate in _PART_PIECES:
                    found.extend(str(c) for vs in self.fields(str(o)).values() for c in vs
                                 if is_iri(c) and str(c).split("#", 1)[0] != doc)
        return found

    def label_in(self, iri: str, lang: str, with_code: bool = True) -> tuple[str, str | None]:
        """(label, the language of its name or None): both memoised together."""
        key = (iri, lang, with_code)
        if iri in self._local:
            cache = self._local_labels
            # a part of this document another page named already ("referenced by" on an organisation's
            # page): the site-wide memo has its label, read alike (a part's reads do not depend on the
            # page asking), so it is not worked out again (a fifth of the labels of a rich build)
            hit = cache.get(key) or self._labels.get(key)
        else:
            cache = self._labels
            hit = cache.get(key)  # ``memo``'s hit path inline: labels are read for every link and heading
        if hit is not None:
            self._read_label(iri, with_code, hit[1])
            return hit[0]
        return self._labelled(cache, key, lambda: self._label(iri, lang, with_code))

    def _labelled(self, cache: dict[Any, tuple[T, tuple[str, ...]]], key: tuple[str, str, bool],
                  compute: Callable[[], T]) -> T:
        """``memo`` of a label or its pieces: kept with every read that made it, and read as
        ``_read_label`` says."""
        outer, self.deps = self.deps, set()
        self._naming += 1
        try:
            value = compute()
        finally:
            inner, self.deps = self.deps, outer
            self._naming -= 1
        made = cache[key] = (value, tuple(inner))
        self._read_label(key[0], key[2], made[1])
        return value

    def _read_label(self, iri: str, with_code: bool, deps: tuple[str, ...]) -> None:
        """A page that names a thing other than a part of a document depends on its labels alone
        (``label_key``), not on all it was made of: a project's status edit leaves the pages that list
        it as it was. A part's label, and a label read to make another, keep what they read."""
        if self._naming or _is_part(iri):
            self.deps.update(deps)
        else:
            self.deps.add(label_key(iri, with_code))

    def label_texts(self, iri: str, with_code: bool) -> tuple[str, tuple[str, ...]]:
        """What a label key (``label_key``) stands for: ``label_in`` and ``label_pieces`` of ``iri`` in
        every page language, as text (for the page memo's hash), and what they read (not the page's)."""
        outer, self.deps = self.deps, set()
        self._naming += 1
        try:
            said = [(self.label_in(iri, lang, with_code), self.label_pieces(iri, lang, with_code))
                    for lang in self.languages]
        finally:
            inner, self.deps = self.deps, outer
            self._naming -= 1
        return repr(said), tuple(sorted(inner))

    def _label(self, iri: str, lang: str, with_code: bool) -> tuple[str, str | None]:
        """A composed label is in the page's language (None); a name or a code's name in its own."""
        composed = self._composed_label(iri, lang)
        if composed is not None:
            return composed, None
        found = self.name_in(iri, lang)
        name, name_lang = found if found is not None else (None, None)
        notation = self.first(iri, _NOTATION)
        if self.has_type(iri, _CONCEPT) and notation is not None:
            want = interface_language(lang)  # a code's name is in the language of the page's words
            if name_lang != want and (cldr := _cldr_name(iri, str(notation), want)) is not None:
                name, name_lang = cldr, want
            elif name_lang != want and (own := _catalogue_name(iri, str(notation), want)) is not None:
                name, name_lang = own, want  # the table of related activities names them so too
            if name and with_code:
                return f"{notation} – {isolated(name, name_lang)}", name_lang
            return (name, name_lang) if name else (str(notation), None)
        if name:
            return name, name_lang
        if self.has_type(iri, SCHEMA.Project) and (ident := self.first(iri, AID.iatiIdentifier)) is not None:
            return str(ident), None  # an activity published without a title: named by its identifier
        types = sorted(self.types_of(iri), key=str) if "#" in iri else []
        if types:  # a nameless part of a document (a transaction's date): what it is, not its long IRI
            # by a type with a name (aid:ContactInfo's "Contact information", not schema:ContactPoint)
            kinds = [self.label(str(t), lang) for t in types]
            kind = next((k for k, t in zip(kinds, types, strict=True) if k != compact(str(t))), kinds[0])
            said = self._part_text(iri, lang) if AID.ImportNote not in types else self._note_text(iri)
            if said is None or said[0] == kind:
                return kind, None
            if said[1] and direction(said[1]) is not None:
                # a right-to-left (or unknown-language) narrative inside the interface's words: the
                # label is the page's, the narrative isolated; as a whole marked dir="rtl" it read
                # "الجمعية الأردنية للمصدر المفتوح :Reporting organisation", the words laid out backwards
                return f"{kind}: \u2068{said[0]}\u2069", None
            return f"{kind}: {said[0]}", said[1]
        return compact(iri), None

    def _note_text(self, iri: str) -> tuple[str, str | None] | None:
        """An import note's text, which tells it from the others: a record's page linked each of them as
        "IATI activity file x.xml › Import note", alike."""
        text = self.first(iri, SCHEMA.description)
        return (str(text), text.language or None) if isinstance(text, Literal) else None

    def _part_text(self, iri: str, lang: str, with_code: bool = True) -> tuple[str, str | None] | None:
        """What a nameless IATI part says, to tell it from the others of its kind: its type and date,
        its title, name or narrative, what its own parts say (a transaction's type, date and amount; a
        budget's period), its code's name, its percentage, an outside list's code, its ref; with the
        language of a narrative. Its statements are read once (a project page labels hundreds of parts)."""
        got = self.fields(iri)  # read once per page for a part of it

        def first(predicate: str) -> Node | None:
            found = got.get(predicate)
            return (found[0] if len(found) == 1 else sorted(found, key=str)[0]) if found else None

        day = first(_IATI_ISO_DATE)
        if is_literal(day):
            return self._part_dated(day, first, got.get(_IATI_NARRATIVE, ()), lang), None
        for predicate in _PART_TEXTS:
            given = got.get(predicate)  # most parts state one or two of these: no ``pick`` of nothing
            lit = self.pick(given, lang) if given else None
            if lit is not None:
                # a part named by its narrative still says how significant it is (Sida's policy markers:
                # "Aid to Environment" alone reads as a target of an activity that does not target it)
                # and its share (FCDO's six named sectors of 5 to 55 %), and a participating-org its role
                # (EC INTPA's "Recipient Government", accountable, beside another, implementing)
                share = parse_decimal(first(_IATI_PERCENTAGE))
                typed, text = self._typed_text(iri, first, lit, lang)
                code, stated = first(_IATI_CODE), lit
                lit = self._code_in_page_language(iri, code, lit, lang, with_code)
                text = text if lit is stated else str(lit)
                of = first(_IATI_AT_NAME) if predicate == _IATI_AT_VALUE else None
                named = [typed, str(of) if of is not None else None,
                         self._code_named_otherwise(iri, code, stated, lang, with_code), text,
                         self._concept_label(first(_IATI_ROLE), lang, with_code=False),
                         self._concept_label(first(_IATI_SIGNIFICANCE), lang, with_code=False),
                         f"{number(share, interface_language(lang))} %" if share is not None else None]
                pieces = [t for t in named if t]
                own = isolated(text, lit.language or None) if len(pieces) > 1 else text
                if own != text:  # a right-to-left narrative among the page's words (its share, its role):
                    # the narrative isolated, the whole in the page's language; isolated as a whole, Arabic
                    # first, "سبل العيش · 100 %" read "% 100 · سبل العيش", the share before the name
                    return " · ".join(own if t == text else t for t in pieces), None
                return " · ".join(pieces), lit.language or None
        org = first(_ORGANISATION)  # a provider or receiver known by its ref alone
        if is_iri(org):
            return self.label_in(str(org), lang)
        lat, lon = parse_decimal(first(_LATITUDE)), parse_decimal(first(_LONGITUDE))
        if lat is not None and lon is not None:  # a geometry: its latitude and longitude, as the map's table
            return coordinates(lat, lon, interface_language(lang)), None
        said: dict[str, str] = {}
        for predicate in _PART_PIECES:  # a transaction, a budget, a period: its type, dates and amount
            piece = first(predicate)
            if is_iri(piece):
                found = self._part_text(str(piece), lang, with_code=False) if predicate != _IATI_VALUE else None
                shown = found[0] if found is not None else \
                    self._composed_amount(str(piece), interface_language(lang))
                if shown:
                    said[predicate] = shown
        if said:
            _one_period(said)
            kind = self._concept_label(first(_IATI_TYPE), lang, with_code=False)
            return " · ".join([kind, *said.values()] if kind else said.values()), None
        # last, a part that states its type alone (IFC's empty <contact-info type="2"/>: "Contact point:
        # Project Management", not "Contact point" alone), a participating-org its role (the World Bank's
        # nameless <participating-org role="2"> and role="4": "Participating organisation" twice)
        kind = " · ".join(t for t in (self._concept_label(first(_IATI_ROLE), lang, with_code=False),
                                      self._concept_label(first(_IATI_TYPE), lang, with_code=False)) if t) or None
        described = self.pick(got.get(_IATI_DESCRIPTION, ()), lang)  # a location that states no name
        told = (clipped(" ".join(str(described).split())), described.language or None) if described is not None \
            else None
        return self._located_by_ref(iri, first(_IATI_REF), lang) or \
            self._part_code(first, lang, with_code, described) or told or \
            self._geo_text(got, lang) or \
            self._part_flags(iri, lang) or self._part_children(iri, lang, with_code) or \
            self._part_children(iri, lang, with_code, _PART_IDS) or ((kind, None) if kind else None) or \
            self._part_listed_literal(iri, lang)

    def _geo_text(self, got: dict[str, list[Node]], lang: str) -> tuple[str, str | None] | None:
        """A location that states neither name nor description said by its coordinates, as the Locations
        table and the map write them (latitude, longitude; numbers as the page's language writes them): the
        Union of Agricultural Work Committees' point in the West Bank read "Place: 31.89621446335144
        35.299072265625", its IATI pos as stated, which says neither which number is the latitude nor, on a
        French page, writes them as French does."""
        for geo in got.get(_GEO, ()):
            if isinstance(geo, URIRef):
                geometry = self.fields(str(geo))
                lat = parse_decimal(next(iter(geometry.get(_LATITUDE, ())), None))
                lon = parse_decimal(next(iter(geometry.get(_LONGITUDE, ())), None))
                if lat is not None and lon is not None:
                    return coordinates(lat, lon, interface_language(lang)), None
        return None

    def _located_by_ref(self, iri: str, ref: Node | None, lang: str) -> tuple[str, str | None] | None:
        """A location a result's baseline, target or actual states by its ref alone (IATI: "a cross-reference
        to iati-activity/location/@ref") named as the activity's location of that ref: the World Resources
        Institute's actuals all state <location ref="575575"/>, its location "World", and their parts read
        "Place: 575575" where the results table read "World". None when no location of the activity has
        that ref and a name (the ref is then what the part says)."""
        if not isinstance(ref, Literal) or not str(ref).strip() or not self.has_type(iri, AID.Location):
            return None
        for loc in self.values(iri.split("#", 1)[0] + "#id", _IATI_LOCATION):
            if str(loc) != iri and [str(r).strip() for r in self.values(str(loc), _IATI_REF_TERM)] == [
                    str(ref).strip()]:
                name = self.pick(self.values(str(loc), _IATI_NAME), lang)
                if name is not None and str(name).strip():
                    return " ".join(str(name).split()), name.language or None
        return None

    def _typed_text(self, iri: str, first: Callable[[str], Node | None], narrative: Literal,
                    lang: str) -> tuple[str | None, str]:
        """What kind of part a part named by its narrative is, when the narrative alone does not say,
        and its text: a description its type (ECHO's "Objectives" and "Target Groups": "Infants,PLW,IDPS"
        alone did not say what it describes); a humanitarian scope its type and its code, as when it
        has no narrative (OCHA's "Syria Humanitarian Response Plan 2020" hid that it is the appeal
        HSYR20)."""
        text = clipped(" ".join(str(narrative).split()))  # a condition of 12,000 characters: its first words
        kind, code = first(_IATI_TYPE), first(_IATI_CODE)
        if kind is None:
            return None, text
        if self.has_type(iri, AID.Description):
            return self._concept_label(kind, lang, with_code=False), text
        if self.has_type(iri, AID.HumanitarianScope) and isinstance(code, Literal) and str(code).strip():
            return self._concept_label(kind, lang, with_code=False), f"{str(code).strip()} \u2013 {text}"
        return None, text

    def _code_named_otherwise(self, iri: str, code: Node | None, narrative: Literal, lang: str,
                              with_code: bool) -> str | None:
        """The name of a recipient country's, region's or sector's code, when its narrative is none of the
        names of the code or of the country it links: UNOPS names its <recipient-country code="LR">
        "Belgium" (the page read "Recipient country: Belgium" beside "Area served: Liberia"); One Acre Fund
        names each of its four sectors (31150, 31181, 31192, 31193) "Percentage divided evenly among the
        four components of One Acre Fund's core model." (the page listed four sectors alike, none saying
        which). None otherwise (FCDO's "MONGOLIA" for MN, Sida's "Multisector aid" for 43010)."""
        if not is_iri(code) or not any(self.has_type(iri, kind) for kind in _NAMED_BY_CODE):
            return None
        if self._repeats_a_name(iri, code, narrative):
            return None
        return self.label_in(str(code), lang, with_code)[0]

    def _code_in_page_language(self, iri: str, code: Node | None, narrative: Literal, lang: str,
                               with_code: bool) -> Literal:
        """``narrative``, or the name of its code in the page's language (IATI's or CLDR's) when the
        narrative only repeats a name of the code in another language (FCDO's "MONGOLIA", AidStream's
        "nepal" on a French page, where the code reads "NP – Népal")."""
        if not is_iri(code) or not self._repeats_a_name(iri, code, narrative):
            return narrative
        name, name_lang = self.label_in(str(code), lang, with_code)
        want = interface_language(lang)
        return Literal(name, lang=want) if (narrative.language or "und") != want and name_lang == want else narrative

    def _repeats_a_name(self, iri: str, code: URIRef, narrative: Literal) -> bool:
        """Whether a recipient country's, region's or sector's narrative is one of the names of its
        code or of the country it links (``_code_named_otherwise``)."""
        if not any(self.has_type(iri, kind) for kind in _NAMED_BY_CODE):
            return False
        said = _name_key(str(narrative))
        return any(isinstance(thing, URIRef) and any(
            isinstance(o, Literal) and _name_key(str(o)) == said for p, o in self.pairs(str(thing))
            if str(p) in _NAME_KEYS) for thing in (code, self.first(iri, AID.country)))

    def identifiers_text(self, iri: str, lang: str) -> str | None:
        """A location's identifiers in a gazetteer ("Geonames · 1562822"), None when it states none."""
        found = self._part_children(iri, lang, True, _PART_IDS)
        return found[0] if found is not None else None

    def _part_children(self, iri: str, lang: str, with_code: bool,
                       items: frozenset[str] = _PART_ITEMS) -> tuple[str, str | None] | None:
        """``_part_text`` of a list that states nothing but its items: what they say, in their order,
        the first three (WHO's <country-budget-items> was labelled "Country budget items" alone, its
        budget item "5.1.1 · 1 %" only on a line of its own further down). Only lists of items of one
        kind: a part of several kinds of parts (a loan's terms: its dates) would read as a riddle;
        ``items`` are the kinds taken (a location's gazetteer identifiers, where nothing else names it)."""
        prefix = iri + "-"
        children = {str(o) for p, o in self.pairs(iri)
                    if str(p) in items and isinstance(o, URIRef) and str(o).startswith(prefix)}
        found = [text for c in sorted(children, key=natural_key)
                 if (text := self._part_text(c, lang, with_code)) is not None]
        if not found:
            return None
        said = [text for text, _l in found[:3]]
        # in their language when the items shown are all in one (WHO's budget item named in English, on a
        # Spanish page: the list's label is English as the item's is)
        langs = {item_lang for _t, item_lang in found[:3]}
        return "; ".join(said) + ("; …" if len(found) > 3 else ""), langs.pop() if len(langs) == 1 else None

    def _part_flags(self, iri: str, lang: str) -> tuple[str, str | None] | None:
        """``_part_text`` of a part that states only yes or no: "conditions attached: no" (the
        Netherlands' ``<conditions attached="0"/>`` was labelled "Conditions" alone, which reads as if
        it had some)."""
        said = ((str(p), self._flag(str(p), o, lang)) for p, o in self.pairs(iri))
        flags = [text for _p, text in sorted((p, text) for p, text in said if text is not None)]
        return (" · ".join(flags), None) if flags else None

    def _part_listed_literal(self, iri: str, lang: str) -> tuple[str, str | None] | None:
        """``_part_text`` of a part that states only a code of a list kept as a literal
        (``CODE_LITERAL_PREDICATES``): what it is and its name ("Channel code: 20000 – Non-Governmental
        Organisation (NGO) and Civil Society"; FCDO's <crs-add> of one <channel-code> was labelled "CRS
        additional data" alone, which says nothing)."""
        said = []
        for p, o in self.pairs(iri):
            if p not in CODE_LITERAL_PREDICATES or not isinstance(o, Literal) or not str(o).strip():
                continue
            concept = literal_concept(p, o)
            named = self.label(str(concept), lang) if concept is not None and self.pairs(str(concept)) else \
                str(o).strip()
            said.append(f"{self.label(str(p), lang, with_code=False)}: {named}")
        return (" · ".join(sorted(said)), None) if said else None

    def _flag(self, predicate: str, value: Node | None, lang: str) -> str | None:
        """"conditions attached: no" for a yes-or-no value, None for any other."""
        if not is_literal(value) or value.datatype is None or str(value.datatype) != _XSD_BOOLEAN:
            return None
        return f"{self.label(predicate, lang, with_code=False)}: {literal_text(value, interface_language(lang))}"

    def _part_code(self, first: Callable[[str], Node | None], lang: str, with_code: bool,
                   described: Literal | None = None) -> tuple[str, str | None] | None:
        """``_part_text`` of a part that only its code, share or ref tells apart; an outside list's
        code with what the part's description says it is (WHO's country budget item "5.1.1 – Health -
        policy, planning and administration · 100 %": "5.1.1 · 100 %" alone said nothing)."""
        code = first(_IATI_CODE)
        share = parse_decimal(first(_IATI_PERCENTAGE))
        shown = f"{number(share, interface_language(lang))} %" if share is not None else None
        if is_iri(code) and self.has_type(str(code), _CONCEPT):
            named = self.label_in(str(code), lang, with_code)
            # how significant (both codelists' names) and what share, as for a part named by its
            # narrative: OCHA's CBPFs state a DAC sector of 100 % by its code alone beside a named one;
            # a yes or no significance too (a CRS flag of significance "0" does not apply)
            significance = first(_IATI_SIGNIFICANCE)
            said = [t for t in (self._concept_label(significance, lang, with_code=False),
                                self._flag(_IATI_SIGNIFICANCE, significance, lang), shown) if t]
            return (" · ".join([named[0], *said]), named[1]) if said else named
        if is_literal(code) and str(code).strip():  # an outside list's code (a GLIDE number, an SDG)
            # told by its type, else by the list it is of (GlobalGiving's sectors of the US National
            # Taxonomy of Exempt Entities read "Sector: R24 · 100 %")
            kind = self._concept_label(first(_IATI_TYPE), lang, with_code=False) or \
                self._concept_label(first(_IATI_VOCABULARY), lang, with_code=False)
            # and how significant, as a coded part says it (IATI's example policy marker A1 of its own
            # vocabulary, "principal objective", read "Reporting Organisation · A1" alone)
            significant = self._concept_label(first(_IATI_SIGNIFICANCE), lang, with_code=False)
            if described is not None and str(described).strip():
                coded = f"{str(code).strip()} \u2013 {' '.join(str(described).split())}"
                return " · ".join(t for t in (kind, coded, significant, shown) if t), described.language or None
            return " · ".join(t for t in (kind, str(code), significant, shown) if t), None
        if shown is not None:
            return shown, None
        ref = first(_IATI_REF)
        if not is_literal(ref) or not str(ref).strip():
            return None
        # what kind it is, as for an outside list's code (AICS's parent and siblings all read "Related
        # activity: XM-DAC-6-4-012127…", which one the parent nowhere but further down), and a
        # participating-org its role, as when it is named (GlobalGiving's partner "XI-BRIDGE-null", no
        # record, no name: the page read "Participating organisation: XI-BRIDGE-null", not implementing)
        kind = self._concept_label(first(_IATI_TYPE), lang, with_code=False)
        role = self._concept_label(first(_IATI_ROLE), lang, with_code=False)
        return " · ".join(t for t in (kind, str(ref).strip(), role) if t), None

    def _part_dated(self, day: Literal, first: Callable[[str], Node | None], narratives: Iterable[Node],
                    lang: str) -> str:
        """``_part_text`` of a dated part: its type and day, the value it states, and what the date is in the
        publisher's words unless they only repeat its type (Norad's actual start "Agreement signed", the US
        State Department's "Using transaction date.": the page read "Activity date: Actual start, October
        19, 2020", what it stands for only further down)."""
        text = literal_text(day, interface_language(lang))  # in the label's language (``_composed_label``)
        kind = self._concept_label(first(_IATI_TYPE), lang, with_code=False)
        dated = f"{kind}, {text}" if kind else text
        # a dated value says it (Cordaid's two baselines of one day, for two age groups, read alike)
        value = first(_IATI_AT_VALUE)
        if is_literal(value) and str(value).strip():
            dated = f"{dated} · {literal_text(value, interface_language(lang))}"
        said = self.pick(narratives, lang)
        words = " ".join(str(said).split()) if said is not None else ""
        if words and not _repeats(words, kind or "", str(day), text):  # an Arabic one isolated, as names are
            dated = f"{dated} · {isolated(words, said.language if isinstance(said, Literal) else None)}"
        return dated

    def _concept_label(self, node: Node | None, lang: str, with_code: bool) -> str | None:
        if is_iri(node) and self.has_type(str(node), _CONCEPT):
            return self.label(str(node), lang, with_code)
        return None

    def stated_currency(self, iri: str) -> str | None:
        """The currency a part's bare figures are in (a loan status's interest received and principal
        outstanding): its own @currency, else its activity's default-currency, as IATI reads them;
        None when neither is stated."""
        seen: set[str] = set()
        while iri not in seen:
            seen.add(iri)
            own = self.first(iri, _IATI_CURRENCY)
            if own is None:
                own = self.first(iri, _IATI_DEFAULT_CURRENCY)
            if own is not None and str(own).strip():
                return concept_code(str(own)) if isinstance(own, URIRef) else str(own).strip()
            up = sorted(s for s, _p in self.refs(iri) if s.split("#", 1)[0] == iri.split("#", 1)[0])
            if not up:
                return None
            iri = up[0]
        return None

    def _composed_amount(self, iri: str, lang: str) -> str | None:
        return self.amount_text(iri, lang) if self.first(iri, SCHEMA.currency) is not None else None

    def amount_text(self, iri: str, lang: str) -> str | None:
        """An amount as ``lang`` writes it ("NOK 65,000"), None when it has no value."""
        value = parse_decimal(self.first(iri, SCHEMA.value))
        if value is None:
            return None
        return money(value, str(self.first(iri, SCHEMA.currency) or ""), lang)

    def conversions_text(self, iri: str, lang: str, bare: bool = False) -> str:
        """" (EUR 8,933.97 · USD 9,369.06 at the ECB reference rates of December 31, 2002)": the
        amount's converted values (``aid:convertedAmount``) with the day of their rates ("" when none;
        without the brackets when ``bare``)."""
        found = sorted((str(c) for c in self.values(iri, AID.convertedAmount)), key=str)
        parts = [(text, c) for c in found if (text := self.amount_text(c, lang))]
        if not parts:
            return ""
        _ = translations(lang).gettext
        # the days of the ECB's figures; a conversion by a parity fixed by law alone (XOF to EUR) has none
        days = sorted({literal_text(d, lang) for _t, c in parts if _ECB_RATES in map(str, self.values(c, _PRIMARY))
                       for d in [self.first(c, AID.rateDate)] if isinstance(d, Literal)})
        pegged = sorted({code for code in (str(self.first(iri, SCHEMA.currency) or ""),
                                           *(str(self.first(c, SCHEMA.currency) or "") for _t, c in parts))
                         if code in FIXED_PER_EUR})
        amounts = " · ".join(text for text, _c in parts)
        if pegged and days:
            text = _("{amounts} at the ECB reference rates of {day} and the fixed parity of {currencies} to the "
                     "euro").format(amounts=amounts, day=" / ".join(days), currencies=", ".join(pegged))
        elif pegged:
            text = _("{amounts} at the fixed parity of {currencies} to the euro").format(
                amounts=amounts, currencies=", ".join(pegged))
        else:
            text = _("{amounts} at the ECB reference rates of {day}").format(amounts=amounts, day=" / ".join(days))
        return text if bare else f" ({text})"

    def _embedded(self, iri: str, lang: str) -> str:
        """A name inside a composed label, isolated (U+2068 … U+2069) when it is written right to left:
        "وزارة التخطيط – Financement" otherwise runs the role into the Arabic name."""
        return isolated(*self.label_in(iri, lang))

    def _composed_label(self, iri: str, lang: str) -> str | None:
        """The label of an amount, a grant, a participation or a sector share, made of its parts. It
        is one text in the language of the page's interface (``<html lang>``, no ``lang`` of its
        own), so its numbers and dates are written as that language writes them: on a page in a
        language without interface text of its own, English ("Budget · January 1, 2022 · €1,500"),
        not English words around Arabic numerals and month names."""
        fmt = interface_language(lang)
        if self.first(iri, SCHEMA.currency) is not None:  # an amount (IATI values and budgets too)
            text = self.amount_text(iri, fmt)
            if text is not None:
                year = self.first(iri, _IATI_YEAR)
                head = f"{year} \u00b7 " if is_literal(year) and str(year).strip() else ""
                return head + text + self.conversions_text(iri, fmt)
        kinds = self._type_texts(iri)  # one pass for the three kinds asked below, not a ``has_type`` each
        if _GRANT in kinds:
            _ = translations(lang).gettext
            amount = self.first(iri, SCHEMA.amount)
            head = _("Grant (amount not known)")
            if amount is not None:
                head = _("Grant of {amount}").format(amount=self.amount_text(str(amount), fmt) or "")
            item = self.first(iri, SCHEMA.fundedItem)
            return f"{head} – {self._embedded(str(item), lang)}" if item is not None else head
        if _PARTICIPATION in kinds:
            org, role = self.first(iri, AID.organisation), self.first(iri, AID.role)
            if org is not None and role is not None:
                # the activity's own name for the organisation, when it states one (Sida's two
                # participations under the channel code 23000, each named otherwise), else the record's
                own = self.name_in(iri, lang)
                who = isolated(*own) if own is not None else self._embedded(str(org), lang)
                return f"{who} – {self.label(str(role), lang, with_code=False)}"
        if _SECTOR_ALLOCATION in kinds:
            sector, pct = self.first(iri, AID.sector), parse_decimal(self.first(iri, AID.percentage))
            if sector is not None:
                text = self.label(str(sector), lang)
                return text if pct is None else f"{text} ({number(pct, fmt)} %)"
        return None
