"""The IATI 2.03 activity standard as data, read from the vendored official XSD.

Records, mapping, shapes, ontology and export all need to know, for every element of an activity,
its attributes and their datatypes, its children in schema order and whether it holds text or
narratives. Reading that from the XSD once keeps all of them in step with the standard instead of
retyping ~150 elements by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
XS = "{http://www.w3.org/2001/XMLSchema}"


@dataclass
class Attribute:
    name: str  # local name; ``xml:lang`` for the XML namespace attribute
    datatype: str  # XSD built-in type local name: string, decimal, date, dateTime, anyURI, boolean, ...
    required: bool
    doc: str = ""


@dataclass
class Element:
    """One element declaration in its context (``path`` from ``iati-activity``)."""

    name: str
    path: str
    doc: str = ""
    attributes: dict[str, Attribute] = field(default_factory=dict)
    children: list[Element] = field(default_factory=list)
    min_occurs: int = 0
    max_occurs: int | None = 1  # None: unbounded
    text: str | None = None  # datatype of the element's own text, when it has some
    open: bool = False  # the XSD allows other namespaces' attributes on it (xsd:anyAttribute)

    @property
    def repeats(self) -> bool:
        return self.max_occurs is None or self.max_occurs > 1

    def child(self, name: str) -> Element | None:
        """The first child declared by that name. An import asks this for every element it reads, so the
        children are looked up by name, the index made again whenever the list is not the one it was made
        of (another list, or one grown: the schema reader appends while it reads)."""
        index = self.__dict__.get("_by_name")
        if index is None or index[0] is not self.children or index[1] != len(self.children):
            index = (self.children, len(self.children), {c.name: c for c in reversed(self.children)})
            self.__dict__["_by_name"] = index
        found: Element | None = index[2].get(name)
        return found

    def walk(self) -> list[Element]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out


def _doc(el: etree._Element) -> str:
    node = el.find(f"{XS}annotation/{XS}documentation")
    if node is None or not node.text:
        return ""
    return " ".join(node.text.split())


class _Reader:
    def __init__(self, files: list[Path]) -> None:
        self.elements: dict[str, etree._Element] = {}
        self.complex: dict[str, etree._Element] = {}
        self.simple: dict[str, etree._Element] = {}
        self.attributes: dict[str, etree._Element] = {}
        self.groups: dict[str, etree._Element] = {}
        for path in files:
            root = etree.parse(str(path)).getroot()
            for el in root:
                name = el.get("name")
                if name is None:
                    continue
                table = {f"{XS}element": self.elements, f"{XS}complexType": self.complex,
                         f"{XS}simpleType": self.simple, f"{XS}attribute": self.attributes,
                         f"{XS}attributeGroup": self.groups}.get(el.tag)
                if table is not None:
                    table[name] = el

    def datatype(self, type_name: str | None, node: etree._Element | None = None) -> str:
        """The XSD built-in type behind a type reference or an inline simple type."""
        if node is not None and type_name is None:
            restriction = node.find(f"{XS}simpleType/{XS}restriction")
            if restriction is not None:
                return self.datatype(restriction.get("base"))
            return "string"
        if type_name is None:
            return "string"
        local = type_name.split(":")[-1]
        simple = self.simple.get(local)
        if simple is not None:
            restriction = simple.find(f"{XS}restriction")
            if restriction is not None:
                return self.datatype(restriction.get("base"))
            return "string"
        return local

    def element(self, decl: etree._Element, parent_path: str) -> Element:
        ref = decl.get("ref")
        target = self.elements[ref] if ref else decl
        name = target.get("name", "")
        path = f"{parent_path}/{name}" if parent_path else name
        el = Element(name, path, doc=_doc(decl) or _doc(target))
        el.min_occurs = int(decl.get("minOccurs", "1"))
        mx = decl.get("maxOccurs", "1")
        el.max_occurs = None if mx == "unbounded" else int(mx)
        type_name = target.get("type")
        ctype = target.find(f"{XS}complexType")
        if type_name is not None and type_name.split(":")[-1] in self.complex:
            self.complex_type(self.complex[type_name.split(":")[-1]], el)
        elif ctype is not None:
            self.complex_type(ctype, el)
        else:  # a simple element: text only
            el.text = self.datatype(type_name, target)
        return el

    def complex_type(self, ctype: etree._Element, el: Element) -> None:
        if ctype.get("mixed") == "true":
            el.text = "string"
        for child in ctype:
            tag = child.tag
            if tag in (f"{XS}sequence", f"{XS}choice", f"{XS}all"):
                self.particles(child, el)
            elif tag == f"{XS}attribute":
                self.attribute(child, el)
            elif tag == f"{XS}attributeGroup":
                self.group(child, el)
            elif tag == f"{XS}anyAttribute":
                el.open = True
            elif tag == f"{XS}simpleContent":
                ext = child[0]
                el.text = self.datatype(ext.get("base"))
                for a in ext:
                    if a.tag == f"{XS}attribute":
                        self.attribute(a, el)
                    elif a.tag == f"{XS}attributeGroup":
                        self.group(a, el)
                    elif a.tag == f"{XS}anyAttribute":
                        el.open = True
            elif tag == f"{XS}complexContent":
                ext = child[0]
                base = ext.get("base", "").split(":")[-1]
                if base in self.complex:
                    self.complex_type(self.complex[base], el)
                self.complex_type(ext, el)

    def particles(self, container: etree._Element, el: Element) -> None:
        for p in container:
            if p.tag == f"{XS}element":
                el.children.append(self.element(p, el.path))
            elif p.tag in (f"{XS}sequence", f"{XS}choice"):
                self.particles(p, el)

    def group(self, ref: etree._Element, el: Element) -> None:
        group = self.groups[ref.get("ref", "").split(":")[-1]]
        for a in group:
            if a.tag == f"{XS}attribute":
                self.attribute(a, el)
            elif a.tag == f"{XS}attributeGroup":
                self.group(a, el)

    def attribute(self, decl: etree._Element, el: Element) -> None:
        ref = decl.get("ref")
        if ref == "xml:lang":
            el.attributes["xml:lang"] = Attribute("xml:lang", "language", decl.get("use") == "required",
                                                  _doc(decl))
            return
        target = self.attributes[ref] if ref else decl
        name = target.get("name", "")
        datatype = self.datatype(target.get("type"), target)
        el.attributes[name] = Attribute(name, datatype, decl.get("use") == "required", _doc(decl) or _doc(target))


def _record(schema: str, wrapper: str, record: str) -> Element:
    """The record element ``record`` of the file element ``wrapper`` of a vendored XSD, its paths
    relative to itself."""
    reader = _Reader([SCHEMAS / "iati-common.xsd", SCHEMAS / schema])
    top = reader.element(reader.elements[wrapper], "").child(record)
    assert top is not None
    top.path = ""
    _repath(top, "")
    return top


@cache
def activity() -> Element:
    """``iati-activity`` with everything below it, from the vendored 2.03 XSD."""
    return _record("iati-activities-schema.xsd", "iati-activities", "iati-activity")


@cache
def organisation() -> Element:
    """``iati-organisation`` with everything below it, from the vendored 2.03 organisation XSD."""
    return _record("iati-organisations-schema.xsd", "iati-organisations", "iati-organisation")


# The budgets and expenditure an IATI organisation file states, in the schema's order.
def start_date_type(status: str | None) -> str:
    """The activity-date type a project's plain ``start`` is (docs/iati.md): the planned start (1)
    while the activity is in the pipeline (status 1), else the actual start (2)."""
    return "1" if status == "1" else "2"


def end_date_type(status: str | None) -> str:
    """The activity-date type a project's plain ``end`` is: the actual end (4) once the activity is
    finalised or closed (status 3 or 4), else the planned end (3)."""
    return "4" if status in ("3", "4") else "3"


ORGANISATION_BUDGETS = ("total-budget", "recipient-org-budget", "recipient-region-budget", "recipient-country-budget",
                        "total-expenditure")

# The children of ``iati-organisation`` an organisation record's plain fields hold (identifier and
# name) or the export writes from the dataset (reporting-org); the rest is its ``iati`` field.
ORGANISATION_PLAIN = frozenset({"organisation-identifier", "name", "reporting-org"})
# What an organisation's ``iati`` field may not hold: its reporting-org it may, when its file was
# reported by another than the dataset's reporting organisation (itself, or another publisher).
ORGANISATION_FIELDS = ORGANISATION_PLAIN - {"reporting-org"}


def organisation_filed() -> list[str]:
    """The children of ``iati-organisation`` that say what an organisation file does beyond whose it is
    (budgets, expenditure, documents), in schema order."""
    return [c.name for c in organisation().children if c.name not in ORGANISATION_PLAIN]


def _repath(el: Element, parent: str) -> None:
    for c in el.children:
        c.path = f"{parent}/{c.name}" if parent else c.name
        _repath(c, c.path)


@cache
def by_path() -> dict[str, Element]:
    """Every element below ``iati-activity`` by its path (``transaction/provider-org``)."""
    return {e.path: e for e in activity().walk() if e.path}


@cache
def top_order() -> dict[str, int]:
    """The schema position of each child of ``iati-activity`` (the XSD's xsd:sequence)."""
    return {c.name: i for i, c in enumerate(activity().children)}


# --- how the graph names IATI elements and attributes ---------------------------------------------
# Every IATI element or attribute X is the property ``aid:iati-X`` and every element the class
# ``aid:`` + X in CamelCase (``aid:ProviderOrg``): one predictable rule, documented in docs/iati.md.
# Two attribute names are also element names, so the attributes get ``iati-at-``.
ATTRIBUTE_CLASHES = frozenset({"name", "value"})
EXTENSION_KEYS = ("aidlod-organisation", "aidlod-country", "aidlod-source", "source_section")
# Keys one element may carry beyond IATI, for facts IATI 2.03 has a place for only with more than a
# source may give: an indicator's target stated without a reporting period (IATI holds a target only in
# a period with a start and an end date), the languages of an output published without an address (a
# document-link's languages need its URL). Each key: the XML attribute an export writes (in aidlod's
# namespace) and the kind of value it holds.
TARGET_KEY, LANGUAGES_KEY = "aidlod-target", "aidlod-languages"
ELEMENT_EXTENSIONS = {"indicator": {TARGET_KEY: "decimal"}, "result": {LANGUAGES_KEY: "languages"}}


# The elements whose ``iso-date`` a ``value`` without its (required) ``value-date`` falls back to, in
# the value's parent: the transaction's date (d-portal places a transaction in time by its value or
# transaction date), a budget's or planned disbursement's start. The
# import keeps such a value without it (the publisher stated no exchange-rate day); the IATI export
# writes the parent's date there, marked ``aidlod:derived="value-date"`` (docs/iati.md).
VALUE_DATE_FALLBACKS = ("transaction-date", "period-start")
DERIVED_VALUE_DATE = "value-date"
# The years of the dates software writes for an unknown one (year 1, 1900, 1970), as a baseline's ``year``
# states them: the import notes such a year, the pages date the baseline by its iso-date instead.
PLACEHOLDER_YEARS = frozenset({"1", "0001", "1900", "1970"})


# A transaction without its (required) transaction-date: its value's value-date stands in for it, as
# the pages show it, IATI's statistics read it (IATI-Stats' ``transaction_date``) and d-portal's import
# did (dstore/js/iati_cook.js, "use value-date if transaction-date is missing"). The import keeps such
# a transaction without it; the IATI export writes the value-date there, marked
# ``aidlod:derived="transaction-date"`` (docs/iati.md).
DERIVED_TRANSACTION_DATE = "transaction-date"


def transaction_date_fallback(transaction: dict[str, Any] | None) -> str | None:
    """The value-date of a transaction's (an element as the iati field holds it) first value, or None."""
    given = (transaction or {}).get("value")
    for item in given if isinstance(given, list) else [given]:
        if isinstance(item, dict) and isinstance(item.get("value-date"), str) and item["value-date"].strip():
            return str(item["value-date"]).strip()
    return None


# Required parts whose absence leaves the rest of their element a faithful statement: a partner whose
# role is not stated (still a partner, by name and ref), an indicator whose measure is not (its title,
# baseline, targets and actuals as stated), a document whose category is not (its address and title), a
# result whose indicators are not (its type, title and description: BCIE states a result so in each
# activity), a budget (an organisation's budget or expenditure) whose period is stated by one end or
# none (its amount, status and the end it states), a humanitarian scope whose type is not (its
# vocabulary, code and name: Germany's Federal Foreign Office states its COVID-19 plan and GLIDE numbers
# so), a sector whose code is not (its vocabulary, name and share: the same ministry's 8 % "Disaster
# preparedness" among its clusters, whose list has no such code), an other-identifier whose type is not (its
# ref and owner: GlobalGiving states its own project numbers so), a document whose format is not (its
# address, title and category), a result whose type is not (its title, description and indicators). The
# import keeps such an element
# without the part, with a note; the IATI export, which cannot state what the publisher did not, leaves
# the element out, with a warning (docs/iati.md).
BUDGETS = ("budget", "total-budget", "recipient-org-budget", "recipient-region-budget", "recipient-country-budget",
           "total-expenditure")
KEPT_WITHOUT = frozenset({("participating-org", "role"), ("indicator", "measure"), ("document-link", "category"),
                          ("result", "indicator"), ("humanitarian-scope", "type"), ("sector", "code"),
                          ("other-identifier", "type"), ("document-link", "format"), ("result", "type"),
                          *((budget, end) for budget in BUDGETS for end in ("period-start", "period-end"))})


def value_date_fallback(parent: dict[str, Any] | None) -> str | None:
    """The date a ``value`` of ``parent`` (an element as the iati field holds it) without value-date
    falls back to, or None: the first of ``VALUE_DATE_FALLBACKS`` the parent states with a date."""
    for name in VALUE_DATE_FALLBACKS:
        given = (parent or {}).get(name)
        for item in given if isinstance(given, list) else [given]:
            if isinstance(item, dict) and isinstance(item.get("iso-date"), str) and item["iso-date"].strip():
                return str(item["iso-date"]).strip()
    return None


def property_name(name: str) -> str:
    """The aidlod ontology local name of the property for element ``name``."""
    return "iati-" + name


def attribute_property_name(name: str) -> str:
    """The aidlod ontology local name of the property for attribute ``name`` (``xml:lang``: iati-xml-lang)."""
    name = name.replace(":", "-")
    return ("iati-at-" if name in ATTRIBUTE_CLASHES else "iati-") + name


def class_name(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("-"))


def collapsed(el: Element) -> str | None:
    """How an element without attributes that occurs once is stated directly on its parent:
    ``"narrative"`` (its narratives as language-tagged literals) or ``"text"`` (its text as a
    typed literal); None when it is a node of its own."""
    if el.attributes or el.repeats:
        return None
    if el.text is not None and not el.children:
        return "text"
    if [c.name for c in el.children] == ["narrative"]:
        return "narrative"
    return None


# Attributes whose values are codes of a vendored IATI codelist: (element name, attribute) → list.
# Codes of other lists (or of a publisher's own vocabulary) stay literals.
CODELISTS: dict[tuple[str, str], str] = {
    ("activity-status", "code"): "ActivityStatus",
    ("activity-date", "type"): "ActivityDateType",
    ("budget", "type"): "BudgetType",
    ("budget", "status"): "BudgetStatus",
    ("planned-disbursement", "type"): "BudgetType",
    ("collaboration-type", "code"): "CollaborationType",
    ("document-link/category", "code"): "DocumentCategory",
    ("document-link/language", "code"): "Language",
    ("default-finance-type", "code"): "FinanceType",
    ("finance-type", "code"): "FinanceType",
    ("default-flow-type", "code"): "FlowType",
    ("flow-type", "code"): "FlowType",
    ("default-tied-status", "code"): "TiedStatus",
    ("tied-status", "code"): "TiedStatus",
    ("participating-org", "role"): "OrganisationRole",
    ("participating-org", "type"): "OrganisationType",
    ("reporting-org", "type"): "OrganisationType",
    ("provider-org", "type"): "OrganisationType",
    ("receiver-org", "type"): "OrganisationType",
    ("recipient-country", "code"): "Country",
    ("transaction-type", "code"): "TransactionType",
    ("policy-marker", "significance"): "PolicySignificance",
    ("policy-marker", "vocabulary"): "PolicyMarkerVocabulary",
    ("sector", "vocabulary"): "SectorVocabulary",
    ("aid-type", "vocabulary"): "AidTypeVocabulary",
    ("default-aid-type", "vocabulary"): "AidTypeVocabulary",
    ("description", "type"): "DescriptionType",
    # the small lists the IATI Secretariat embeds in the 2.03 standard (codelist-mapping.xml beside them)
    ("iati-activity", "budget-not-provided"): "BudgetNotProvided",
    ("activity-scope", "code"): "ActivityScope",
    ("condition", "type"): "ConditionType",
    ("contact-info", "type"): "ContactType",
    ("country-budget-items", "vocabulary"): "BudgetIdentifierVocabulary",
    ("disbursement-channel", "code"): "DisbursementChannel",
    ("exactness", "code"): "GeographicExactness",
    ("location-class", "code"): "GeographicLocationClass",
    ("feature-designation", "code"): "LocationType",
    ("location-reach", "code"): "GeographicLocationReach",
    ("indicator", "measure"): "IndicatorMeasure",
    ("repayment-plan", "code"): "LoanRepaymentPeriod",
    ("repayment-type", "code"): "LoanRepaymentType",
    ("other-identifier", "type"): "OtherIdentifierType",
    ("related-activity", "type"): "RelatedActivityType",
    ("result", "type"): "ResultType",
    ("humanitarian-scope", "type"): "HumanitarianScopeType",
    ("humanitarian-scope", "vocabulary"): "HumanitarianScopeVocabulary",
    ("location-id", "vocabulary"): "GeographicVocabulary",
    ("administrative", "vocabulary"): "GeographicVocabulary",
    ("recipient-region", "vocabulary"): "RegionVocabulary",
    ("other-flags", "code"): "CRSAddOtherFlags",  # not embedded, as the two above
    # which list a tag's or reference's code is of (not embedded either): the vocabulary is a concept,
    # the code stays a literal unless its list is vendored (VOCABULARY_CODELISTS; 99, the publisher's own)
    ("tag", "vocabulary"): "TagVocabulary",
    ("indicator/reference", "vocabulary"): "IndicatorVocabulary",
    ("result/reference", "vocabulary"): "ResultVocabulary",
    # the organisation standard's budgets
    ("total-budget", "status"): "BudgetStatus",
    ("recipient-org-budget", "status"): "BudgetStatus",
    ("recipient-region-budget", "status"): "BudgetStatus",
    ("recipient-country-budget", "status"): "BudgetStatus",
}
# Codes whose list depends on the element's vocabulary attribute (default when absent).
VOCABULARY_CODELISTS: dict[str, tuple[str, dict[str, str]]] = {
    "sector": ("1", {"1": "Sector", "2": "SectorCategory", "7": "UNSDG-Goals", "8": "UNSDG-Targets",
                     "10": "HumanitarianGlobalClusters"}),
    "tag": ("", {"2": "UNSDG-Goals", "3": "UNSDG-Targets"}),
    "aid-type": ("1", {"1": "AidType", "2": "EarmarkingCategory", "4": "CashandVoucherModalities"}),
    "default-aid-type": ("1", {"1": "AidType", "2": "EarmarkingCategory", "4": "CashandVoucherModalities"}),
    "policy-marker": ("1", {"1": "PolicyMarker"}),
    "recipient-region": ("1", {"1": "Region"}),
    # IATI's budget identifiers ("5.1.1", Health - policy, planning and administration) under vocabulary 1;
    # the other vocabularies are a country's own charts of accounts (VOCABULARY_FROM_PARENT)
    "budget-item": ("1", {"1": "BudgetIdentifier"}),
}
# Elements whose codes are of the vocabulary their parent states: country-budget-items/@vocabulary says
# which list the codes of its budget-items are of (a budget-item has no vocabulary of its own).
VOCABULARY_FROM_PARENT = frozenset({"budget-item"})


def vocabulary_of(el: Element, data: Mapping[str, Any], parent: Mapping[str, Any] | None) -> Any:
    """The vocabulary an element's code is of, as stated: its own, or its parent's for the elements of
    ``VOCABULARY_FROM_PARENT`` (None when the parent is not given: the list's default applies)."""
    held = (parent or {}) if el.name in VOCABULARY_FROM_PARENT else data
    return held.get("vocabulary")


def codelist_for(el: Element, attribute: str, vocabulary: str | None) -> str | None:
    """The codelist of an attribute's value in this element (given its vocabulary), if vendored."""
    if attribute == "currency":
        return "Currency"
    if vocabulary is None or type(vocabulary) is str:
        return _codelist_at(el.path, el.name, attribute, vocabulary)
    return _codelist_at.__wrapped__(el.path, el.name, attribute, vocabulary)  # a number as read, say: as given


@cache
def _codelist_at(path: str, name: str, attribute: str, vocabulary: str | None) -> str | None:
    """``codelist_for`` by the element's path and name (an import asks it for every attribute of every
    element: the answers are few)."""
    parent = path.rsplit("/", 2)
    key2 = "/".join(parent[-2:]) if len(parent) >= 2 else name
    for key in ((key2, attribute), (name, attribute)):
        if key in CODELISTS:
            if key == ("description", "type") and path != "description":
                return None
            return CODELISTS[key]
    if attribute == "code" and name in VOCABULARY_CODELISTS:
        default, lists = VOCABULARY_CODELISTS[name]
        return lists.get(vocabulary or default)
    return None


POS = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*$")


def wgs84(pos: str) -> tuple[str, str] | None:
    """A point's ``pos`` as its WGS 84 latitude and longitude, None when it is none: two decimals, the
    latitude from -90 to 90, the longitude from -180 to 180 (VIA Don Bosco's "38480325 115020752",
    its software's "3.8480325 11.5020752" without the decimal points, is no place on Earth)."""
    m = POS.match(pos)
    if m is None or not (-90 <= float(m.group(1)) <= 90 and -180 <= float(m.group(2)) <= 180):
        return None
    return m.group(1), m.group(2)
