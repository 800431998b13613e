"""The validated graph → IATI 2.03 XML: one ``iati-activity`` per project, and the reporting organisation.

Aid-transparency aggregators (IATI Datastore, d-portal, the IATI Validator) read IATI XML, not RDF,
so aidlod writes it too — from the validated graph only, like every other output, never from the
raw records. Where IATI requires a value the source does not state, a documented rule supplies it
and the element says so (``aidlod:derived``); nothing is guessed silently. The rules (docs/iati.md):

- ``iati-identifier``: the graph's ``aid:iatiIdentifier`` (``{reporting org identifier}-{project id}``
  unless a record states its own).
- activity dates: a stated project start is the actual start (type 2), or the planned start
  (type 1) while the activity is in the pipeline (status 1); a stated end is the actual end
  (type 4) once the activity is finalised or closed (status 3, 4), else the planned end (type 3).
  Dates known to the year or month become the first day (start) or last day (end) of that period,
  and ``aidlod:date`` keeps the precision stated. With no stated start, the project's programme
  start gives a *planned* start (type 1) on the first day of that period.
- transactions: only grants with a known amount, as commitments (type 2); the transaction and value
  date are the grant's date, or else the activity's start date above (``aidlod:derived``).
- default flow, finance, aid type and tied status: only when the data states them.
- ``generated-datetime`` and ``last-updated-datetime``: omitted (the schema allows it), because
  the data holds no modification date and the clock would break byte-identical builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree
from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from .. import codelists, dumps
from ..errors import InputError, Problem
from ..iris import AID, PROV, SCHEMA, IRIs
from ..records import DATE_RE, PartialDate
from . import EXT, EXT_NS, XML_LANG

if TYPE_CHECKING:
    from ..build import Publication

VERSION = "2.03"
COMMITMENT = "2"
DOCUMENT_CATEGORY = "A12"  # Activity web page: the source is the ministry's web article


@dataclass
class Exported:
    """Both IATI files, and what could not be exported (each a warning naming the project)."""

    activities: bytes
    organisations: bytes
    notes: list[Problem] = field(default_factory=list)


def parse_date(value: Node) -> PartialDate:
    """A graph date (xsd:gYear, xsd:gYearMonth or xsd:date) as a PartialDate."""
    m = DATE_RE.match(str(value))
    if not m:
        raise ValueError(f"not a date: {value!r}")
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    return PartialDate(year, month, day)


def decimal_text(value: Node) -> str:
    """A canonical decimal (no exponent, no trailing zeros), as IATI's xsd:decimal values want."""
    text = format(Decimal(str(value)).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


Index = dict[str, list[tuple[Node, Node]]]


class _Reader:
    """Small helpers over the per-subject index the build shares with every writer (cheaper than an
    rdflib Graph at scale); every value read is sorted, so the XML is byte-identical."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def all(self, s: Node, p: Node) -> list[Node]:
        # Predicates are IRIs: comparing their text skips rdflib's slow __eq__ (a million calls at 1 000 projects).
        key = str(p)
        return sorted((o for pp, o in self.index.get(str(s), ()) if str.__eq__(pp, key)), key=str)

    def one(self, s: Node, p: Node) -> Node | None:
        values = self.all(s, p)
        return values[0] if values else None

    def subjects(self, p: Node, o: Node) -> list[URIRef]:
        return sorted(URIRef(s) for s, pairs in self.index.items() if (p, o) in pairs)

    def code(self, s: Node, p: Node) -> str | None:
        concept = self.one(s, p)
        if concept is None:
            return None
        notation = self.one(concept, SKOS.notation)
        return str(notation) if notation is not None else None

    def texts(self, s: Node, p: Node) -> list[Literal]:
        out = [o for o in self.all(s, p) if isinstance(o, Literal)]
        return sorted(out, key=lambda lit: (lit.language or "", str(lit)))


def _narratives(parent: etree._Element, texts: list[Literal]) -> None:
    for lit in texts:
        n = etree.SubElement(parent, "narrative")
        if lit.language:
            n.set(XML_LANG, lit.language)
        n.text = str(lit)


def _org_element(parent: etree._Element, tag: str, r: _Reader, org: Node, **attrs: str) -> etree._Element:
    """reporting-org, participating-org, provider-org, receiver-org: ref, type, names, and its IRI."""
    el = etree.SubElement(parent, tag)
    ref = r.one(org, AID.iatiOrganisationIdentifier)
    if ref is not None:
        el.set("ref", str(ref))
    for key, value in attrs.items():
        el.set(key, value)
    org_type = r.code(org, AID.organisationType)
    if org_type is not None:
        el.set("type", org_type)
    el.set(EXT + "organisation", str(org))
    _narratives(el, r.texts(org, SCHEMA.name))
    return el


def _date(parent: etree._Element, tag: str, value: PartialDate, end: bool, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag)
    for key, v in attrs.items():
        el.set(key, v)
    el.set("iso-date", (value.last_day if end else value.first_day).isoformat())
    if value.day is None:
        el.set(EXT + "date", str(value))
    return el


class _Exporter:
    def __init__(self, index: Index, iris: IRIs) -> None:
        self.r = _Reader(index)
        self.iris = iris
        self.notes: list[Problem] = []
        reporting = self.r.one(iris.dataset, AID.reportingOrganisation)
        if reporting is None:
            raise ValueError("the dataset names no reporting organisation")
        self.reporting = reporting

    def note(self, project: Node, message: str) -> None:
        self.notes.append(Problem("iati/activities.xml", str(project), None, message, "warning"))

    def reporting_org(self, parent: etree._Element) -> bool:
        el = _org_element(parent, "reporting-org", self.r, self.reporting)
        return "ref" in el.attrib and "type" in el.attrib

    def activities(self) -> bytes:
        root = etree.Element("iati-activities", nsmap={"aidlod": EXT_NS})
        root.set("version", VERSION)
        root.set("linked-data-default", self.iris.base)
        projects = self.r.subjects(RDF.type, SCHEMA.Project)
        keyed = sorted(((str(self.r.one(p, AID.iatiIdentifier) or ""), p) for p in projects), key=lambda t: t[0])
        for _ident, project in keyed:
            self.activity(root, project)
        if not len(root):
            raise ValueError("no project can be exported as an IATI activity (see the warnings)")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def start_date(self, project: Node, status: str | None) -> tuple[str, PartialDate, str | None] | None:
        """(activity date type, date, rule that derived it or None) for the activity's start."""
        start = self.r.one(project, SCHEMA.startDate)
        if start is not None:
            return ("1" if status == "1" else "2"), parse_date(start), None
        programme = self.r.one(project, AID.programme)
        if programme is not None:
            pstart = self.r.one(programme, SCHEMA.startDate)
            if pstart is not None:
                return "1", parse_date(pstart), "programme-start"
        return None

    def activity(self, root: etree._Element, p: Node) -> None:
        r = self.r
        ident = r.one(p, AID.iatiIdentifier)
        status = r.code(p, AID.activityStatus)
        start = self.start_date(p, status)
        missing = [what for what, value in (("an IATI identifier", ident), ("an activity status", status),
                                              ("a start date (own or programme's)", start)) if value is None]
        if missing:
            self.note(p, f"not exported to IATI: IATI requires {' and '.join(missing)}")
            return
        assert start is not None
        grants = [g for g in r.all(p, SCHEMA.funding) if r.one(g, SCHEMA.amount) is not None]
        grants.sort(key=lambda g: int(str(g).rsplit("#", 1)[0].rsplit("-", 1)[1]))
        currencies = sorted({str(r.one(r.one(g, SCHEMA.amount), SCHEMA.currency)) for g in grants})

        act = etree.SubElement(root, "iati-activity")
        if len(currencies) == 1:
            act.set("default-currency", currencies[0])
        act.set("linked-data-uri", str(p))
        # Not IATI facts, but kept so that an import restores the records exactly (docs/iati.md).
        programme = r.one(p, AID.programme)
        if programme is not None:
            act.set(EXT + "programme", str(programme))
        duration = r.one(p, SCHEMA.duration)
        if duration is not None:
            act.set(EXT + "duration", str(duration))
        etree.SubElement(act, "iati-identifier").text = str(ident)
        if not self.reporting_org(act):
            raise ValueError("the reporting organisation needs an IATI identifier and an organisation type")
        _narratives(etree.SubElement(act, "title"), r.texts(p, SCHEMA.name))
        desc = etree.SubElement(act, "description", type="1")
        _narratives(desc, r.texts(p, SCHEMA.description))

        parts = []
        for part in r.all(p, AID.participation):
            org = r.one(part, AID.organisation)
            role = r.code(part, AID.role)
            if org is not None and role is not None:
                parts.append((int(role), str(org), org, role))
        for _n, _s, org, role in sorted(parts):
            _org_element(act, "participating-org", r, org, role=role)

        etree.SubElement(act, "activity-status", code=status)
        start_type, start_date, rule = start
        el = _date(act, "activity-date", start_date, end=False, type=start_type)
        if rule:
            el.set(EXT + "derived", rule)
        end = r.one(p, SCHEMA.endDate)
        if end is not None:
            _date(act, "activity-date", parse_date(end), end=True, type="4" if status in ("3", "4") else "3")

        countries = [(r.code(c, AID.countryCode), c) for c in r.all(p, SCHEMA.areaServed)]
        for code, country in sorted((c, n) for c, n in countries if c is not None):
            rc = etree.SubElement(act, "recipient-country", code=code)
            if len(countries) == 1:
                rc.set("percentage", "100")
            rc.set(EXT + "country", str(country))

        sectors = []
        for alloc in r.all(p, AID.sectorAllocation):
            vocab, code = r.code(alloc, AID.sectorVocabulary), r.code(alloc, AID.sector)
            if vocab is not None and code is not None:
                sectors.append((vocab, code, r.one(alloc, AID.percentage)))
        for vocab, code, pct in sorted(sectors, key=lambda t: (t[0], t[1])):
            s = etree.SubElement(act, "sector", vocabulary=vocab, code=code)
            if pct is not None:
                s.set("percentage", decimal_text(pct))

        for tag, predicate in (("default-flow-type", AID.defaultFlowType),
                               ("default-finance-type", AID.defaultFinanceType),
                               ("default-aid-type", AID.defaultAidType),
                               ("default-tied-status", AID.defaultTiedStatus)):
            code = r.code(p, predicate)
            if code is not None:
                etree.SubElement(act, tag, code=code)

        for g in grants:
            self.transaction(act, g, start_date)

        for src in r.all(p, PROV.wasDerivedFrom):
            url = r.one(src, SCHEMA.contentUrl)
            if url is None:
                continue
            fmt = r.one(src, SCHEMA.encodingFormat)
            link = etree.SubElement(act, "document-link", url=str(url), format=str(fmt or "text/html"))
            link.set(EXT + "source", str(src))
            _narratives(etree.SubElement(link, "title"), r.texts(src, SCHEMA.name))
            lang = r.one(src, SCHEMA.inLanguage)
            section = r.one(p, AID.sourceSection)
            if section is not None:  # "where to access the relevant information in the document"
                n = etree.SubElement(etree.SubElement(link, "description"), "narrative")
                if lang is not None:
                    n.set(XML_LANG, str(lang))
                n.text = str(section)
            etree.SubElement(link, "category", code=DOCUMENT_CATEGORY)
            code = str(lang).split("-")[0] if lang is not None else ""
            if codelists.load("Language").active(code):  # e.g. not "mul" (several languages)
                etree.SubElement(link, "language", code=code)

    def transaction(self, act: etree._Element, g: Node, activity_start: PartialDate) -> None:
        r = self.r
        amount = r.one(g, SCHEMA.amount)
        t = etree.SubElement(act, "transaction")
        programme = r.one(g, AID.programme)
        if programme is not None:
            t.set(EXT + "programme", str(programme))
        etree.SubElement(t, "transaction-type", code=COMMITMENT)
        stated = r.one(g, AID.valueDate)
        when = parse_date(stated) if stated is not None else activity_start
        d = _date(t, "transaction-date", when, end=False)
        if stated is None:
            d.set(EXT + "derived", "activity-start")
        value = etree.SubElement(t, "value", currency=str(r.one(amount, SCHEMA.currency)),
                                 **{"value-date": d.get("iso-date", "")})
        value.text = decimal_text(r.one(amount, SCHEMA.value))
        notes = r.texts(g, SCHEMA.description)
        if notes:
            _narratives(etree.SubElement(t, "description"), notes)
        funder = r.one(g, SCHEMA.funder)
        if funder is not None:
            _org_element(t, "provider-org", r, funder)
        recipient = r.one(g, AID.recipientOrganisation)
        if recipient is not None:
            _org_element(t, "receiver-org", r, recipient)

    def organisations(self) -> bytes:
        root = etree.Element("iati-organisations", nsmap={"aidlod": EXT_NS})
        root.set("version", VERSION)
        org = etree.SubElement(root, "iati-organisation")
        org.set(EXT + "organisation", str(self.reporting))
        ref = self.r.one(self.reporting, AID.iatiOrganisationIdentifier)
        if ref is None:
            raise ValueError("the reporting organisation needs an IATI identifier")
        etree.SubElement(org, "organisation-identifier").text = str(ref)
        _narratives(etree.SubElement(org, "name"), self.r.texts(self.reporting, SCHEMA.name))
        self.reporting_org(org)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export(data: Graph | Index, iris: IRIs) -> Exported:
    """Both IATI files from the validated data (its per-subject index, or a Graph).

    Raises ValueError when IATI cannot be written at all.
    """
    index = data if isinstance(data, dict) else dumps.group_by_subject(data)
    ex = _Exporter(index, iris)
    activities = ex.activities()
    return Exported(activities, ex.organisations(), ex.notes)


def write(data: Graph | Index, iris: IRIs, folder: Path) -> Exported:
    """Write ``activities.xml`` and ``organisation.xml`` into ``folder``."""
    exported = export(data, iris)  # both files are made before either is written
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "activities.xml").write_bytes(exported.activities)
    (folder / "organisation.xml").write_bytes(exported.organisations)
    return exported


def write_iati(pub: Publication, stage: Path) -> None:
    """The build's writer: ``iati/activities.xml`` and ``iati/organisation.xml``.

    Projects IATI cannot carry (no status, no start date) become warnings, not a failed build: the
    linked data is still right. When no IATI file can be written at all (no exportable project, or a
    reporting organisation without IATI identifier or type), the warning says why and the site has
    no ``iati/`` folder.
    """
    try:
        exported = write(pub.index, pub.iris, stage / "iati")
    except ValueError as exc:
        pub.warnings.append(Problem("iati/activities.xml", None, None, f"no IATI XML written: {exc}", "warning"))
        return
    pub.warnings.extend(exported.notes)


def export_iati(data_dir: Path, output: Path) -> Exported:
    """``aidlod export-iati``: validate ``data_dir`` and write the IATI files to ``output``.

    ``output`` is a folder (both files, named as in the site) or a ``.xml`` file for the activities,
    with the organisation file beside it as ``{stem}-organisation.xml``. Raises InputError when the
    records do not validate: only validated data is exported.
    """
    from ..build import check

    checked = check(data_dir)
    if checked.errors:
        raise InputError(checked.errors)
    exported = export(checked.mapped.graph, checked.mapped.iris)
    exported.notes[:0] = checked.warnings
    if output.suffix.lower() == ".xml":
        targets = [(output, exported.activities),
                   (output.with_name(f"{output.stem}-organisation.xml"), exported.organisations)]
    else:
        targets = [(output / "activities.xml", exported.activities),
                   (output / "organisation.xml", exported.organisations)]
    for path, content in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(content)
        tmp.replace(path)
    return exported
