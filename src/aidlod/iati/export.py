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

The XML is written as text, escaped exactly as lxml serialises it (docs/performance.md says why).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from operator import itemgetter

from lxml import etree
from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from .. import codelists, parallel
from ..dataset import natural_key, parse_day
from ..errors import Problem
from ..iris import AID, PROV, SCHEMA, IRIs, site_path
from ..mapping.conversions import stated_start
from ..rdfio import group_by_subject
from ..records.values import PartialDate
from . import EXT_NS, safe_parser, standard, xsd
from .generic import GenericWriter

VERSION = "2.03"
COMMITMENT = "2"
DOCUMENT_CATEGORY = "A12"  # Activity web page: the source is the ministry's web article
DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
# An activity without any description (the World Bank's empty one, a record without one) says so as
# its publisher would: the 2.03 schema requires the element and one narrative, however empty.
EMPTY_DESCRIPTION = '    <description type="1">\n      <narrative/>\n    </description>\n'
# An activity its publisher gave no title text (imported and kept, its page headed by its identifier):
# written back as stated, an empty narrative, which the schema allows and the IATI rules flag.
EMPTY_TITLE = '    <title>\n      <narrative/>\n    </title>\n'

# Predicates as plain strings: rdflib's namespace attribute access builds a new URIRef per call and
# URIRef comparison runs Python code (millions of both at scale).
_TYPE, _PROJECT, _NOTATION = str(RDF.type), str(SCHEMA.Project), str(SKOS.notation)
_ORGANIZATION = str(SCHEMA.Organization)
_ACTIVITY_ID, _CRS_CHANNEL = str(AID["iati-activity-id"]), str(AID["iati-crs-channel-code"])
_STATED_REF = str(AID["iati-ref"])
_REPORTING_ORG_NODE = str(AID["iati-reporting-org"])  # a project's own reporting-org, kept from an import
_STATED_TYPE = str(AID["iati-type"])
_IATI_ID, _ORG_ID = str(AID.iatiIdentifier), str(AID.iatiOrganisationIdentifier)
_ORG_TYPE, _REPORTING, _STATUS = str(AID.organisationType), str(AID.reportingOrganisation), str(AID.activityStatus)
_PROGRAMME, _PARTICIPATION, _ORGANISATION, _ROLE = (str(AID.programme), str(AID.participation),
                                                     str(AID.organisation), str(AID.role))
_COUNTRY_CODE, _SECTOR_ALLOCATION, _SECTOR_VOCABULARY, _SECTOR, _PERCENTAGE = (
    str(AID.countryCode), str(AID.sectorAllocation), str(AID.sectorVocabulary), str(AID.sector), str(AID.percentage))
_VALUE_DATE, _RECIPIENT, _SOURCE_SECTION = str(AID.valueDate), str(AID.recipientOrganisation), str(AID.sourceSection)
_DEFAULTS = (("default-flow-type", str(AID.defaultFlowType)), ("default-finance-type", str(AID.defaultFinanceType)),
             ("default-aid-type", str(AID.defaultAidType)), ("default-tied-status", str(AID.defaultTiedStatus)))
_NAME, _DESCRIPTION, _START, _END, _DURATION = (str(SCHEMA.name), str(SCHEMA.description), str(SCHEMA.startDate),
                                                str(SCHEMA.endDate), str(SCHEMA.duration))
_FUNDING, _AMOUNT, _CURRENCY, _VALUE, _FUNDER = (str(SCHEMA.funding), str(SCHEMA.amount), str(SCHEMA.currency),
                                                 str(SCHEMA.value), str(SCHEMA.funder))
_AREA, _CONTENT_URL, _FORMAT, _LANGUAGE = (str(SCHEMA.areaServed), str(SCHEMA.contentUrl),
                                           str(SCHEMA.encodingFormat), str(SCHEMA.inLanguage))
_DERIVED_FROM = str(PROV.wasDerivedFrom)
_IS_REPORTING_ORG_NODE, _IS_ORGANISATION = _REPORTING_ORG_NODE.__eq__, _ORGANISATION.__eq__
_RECIPIENT_COUNTRY, _COUNTRY_LINK = str(AID["iati-recipient-country"]), str(AID.country)
_TRANSACTION = str(AID["iati-transaction"])

# What lxml refuses in text and attribute values: control characters but tab, LF and CR, U+FFFE,
# U+FFFF, and lone surrogates (which fail UTF-8 encoding).
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_REFUSED_MESSAGE = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
# Anything that is refused or escaped: most values (IRIs, codes, names) have none and are used as is.
_TEXT_SPECIAL = re.compile("[\x00-\x08\x0b\x0c\x0d-\x1f&<>\ud800-\udfff\ufffe\uffff]")
_ATTR_SPECIAL = re.compile('[\x00-\x1f&<>"\ud800-\udfff\ufffe\uffff]')


def _refuse(value: str) -> None:
    """Raise what lxml raises for this value: UnicodeEncodeError for a surrogate, else ValueError."""
    value.encode("utf-8")
    raise ValueError(_REFUSED_MESSAGE)


def _text(value: str) -> str:
    """Element text as libxml2 writes it: ``& < >`` and CR escaped, everything else (UTF-8) as is."""
    if not _TEXT_SPECIAL.search(value):
        return value
    if _REFUSED.search(value):
        _refuse(value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(value: str) -> str:
    """An attribute value as libxml2 writes it: also ``"``, tab and LF escaped."""
    if not _ATTR_SPECIAL.search(value):
        return value
    if _REFUSED.search(value):
        _refuse(value)
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def _container(indent: str, tag: str, attrs: str, inner: str) -> str:
    """An element holding only elements, as lxml's pretty printer lays it out (empty: ``<tag/>``)."""
    if not inner:
        return f"{indent}<{tag}{attrs}/>\n"
    return f"{indent}<{tag}{attrs}>\n{inner}{indent}</{tag}>\n"


@dataclass
class Exported:
    """Both IATI files, and what could not be exported (each a warning naming the project)."""

    activities: bytes
    organisations: bytes
    notes: list[Problem] = field(default_factory=list)
    projects: int = 0  # the projects there were to export (those left out are in ``notes``)
    publishers: int = 0  # the reporting organisations written their own files (``aidlod export-iati``)
    ruleset: str | None = None  # the console line on the files' breaches of the IATI rules (``aidlod export-iati``)


def parse_date(value: Node) -> PartialDate:
    """A graph date (xsd:gYear, xsd:gYearMonth or xsd:date) as a date known to its precision."""
    day = parse_day(value)
    if day is None:
        raise ValueError(f"not a date: {value!r}")
    return day


def decimal_text(value: Node) -> str:
    """A canonical decimal (no exponent, no trailing zeros), as IATI's xsd:decimal values want;
    every digit kept (``normalize()`` rounds to the 28 digits of the decimal context)."""
    text = format(Decimal(str(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


Index = dict[str, list[tuple[Node, Node]]]
_first, _second = itemgetter(0), itemgetter(1)
Props = dict[str, list[Node]]


def _one(props: Props, predicate: str) -> Node | None:
    values = props.get(predicate)
    return values[0] if values else None


def _texts(props: Props, predicate: str) -> list[Literal]:
    out = [o for o in props.get(predicate, ()) if isinstance(o, Literal)]
    return sorted(out, key=lambda lit: (lit.language or "", str(lit)))


def _lang_attr(lang: str | None) -> str:
    """``xml:lang`` of a text, none for "und": the import's tag for a narrative the file gave no
    language, which is no code of IATI's Language list (writing it states a language the publisher did not)."""
    return f' xml:lang="{_attr(lang)}"' if lang and lang != "und" else ""


def _narratives(indent: str, texts: list[Literal]) -> str:
    lines = []
    for lit in texts:
        lang = _lang_attr(lit.language)
        lines.append(f"{indent}<narrative{lang}>{_text(str(lit))}</narrative>\n")
    return "".join(lines)


_DATE_ATTRS = re.compile(r'\b(type|iso-date)="([^"]*)"')


def _date_key(text: str) -> tuple[tuple[str, str], ...]:
    """An activity-date element's type and day (the start of its text), to find the same date twice:
    a project's start that its iati field states with a narrative is written once, from the field."""
    return tuple(sorted(_DATE_ATTRS.findall(text.split(">", 1)[0])))


def _stated_start(generic: list[tuple[str, str]]) -> PartialDate | None:
    """The start the activity-dates of a project's iati field state: the actual start (type 2), else
    the planned start (type 1), as IATI's readers (iatikit's ``Activity.start``) take it; None without."""
    dates = []
    for name, text in generic:
        if name == "activity-date":
            attrs = dict(_date_key(text))
            iso = attrs.get("iso-date")
            if iso:
                dates.append((attrs.get("type", ""), parse_day(Literal(iso, datatype=XSD.date))))
    return stated_start(dates)  # the rule the tables' conversions date such a grant by


def _date(indent: str, tag: str, value: PartialDate, end: bool, attrs: str = "", derived: str | None = None) -> str:
    iso = (value.last_day if end else value.first_day).isoformat()
    text = f'{indent}<{tag}{attrs} iso-date="{iso}"'
    if value.day is None:
        text += f' aidlod:date="{_attr(str(value))}"'
    if derived:
        text += f' aidlod:derived="{derived}"'
    return text + "/>\n"


class Exporter:
    """Renders the activities and the organisation file from the per-subject index the build shares.

    Every value read is sorted as the index's ``(predicate, object)`` pairs are grouped (by the
    object's text, ties in index order), so the XML is byte-identical from run to run.
    """

    def __init__(self, index: Index, iris: IRIs) -> None:
        self.index = index
        self.iris = iris
        self._codes: dict[str, str | None] = {}  # concept → its notation
        self._countries: dict[str, tuple[str | None, Node | None]] = {}  # → (code, its concept)
        self._orgs: dict[tuple[str, str, str, str | None, tuple[Literal, ...], str, str | None, str | None],
                         tuple[tuple[str, bool], frozenset[str]]] = {}
        self._programme_starts: dict[str, Node | None] = {}
        self._languages: dict[str, bool] = {}
        # The subjects read while this is a set (``props``): what an activity's XML depends on, for
        # the writer's build cache. The memos above keep what each entry read, added on every use.
        self.deps: set[str] | None = None
        self.generic = GenericWriter(self.props, self.notation, _text, _attr)
        self.organisation_left_out: list[str] = []  # what the last ``organisations`` left out (``GenericWriter``)
        reporting = _one(self.props(str(iris.dataset)), _REPORTING)
        if reporting is None:
            raise ValueError("the dataset names no reporting organisation")
        self.reporting = reporting

    def props(self, subject: str) -> Props:
        """The subject's values per predicate, each list sorted by text (stable: ties in index order)."""
        if self.deps is not None:
            self.deps.add(subject)
        out: Props = {}
        for p, o in self.index.get(subject, ()):
            key = str(p)
            values = out.get(key)
            if values is None:
                out[key] = [o]
            else:
                values.append(o)
        for values in out.values():
            if len(values) > 1:
                values.sort(key=str)
        return out

    def notation(self, concept: Node | None) -> str | None:
        """The code (``skos:notation``) of a codelist concept, or None."""
        if concept is None:
            return None
        key = str(concept)
        if self.deps is not None:
            self.deps.add(key)
        if key not in self._codes:
            notation = _one(self.props(key), _NOTATION)
            self._codes[key] = str(notation) if notation is not None else None
        return self._codes[key]

    def org(self, indent: str, tag: str, org: Node, role: str | None = None,
            names: tuple[Literal, ...] = (), extra: str = "", ref: str | None = None,
            org_type: str | None = None) -> tuple[str, bool]:
        """reporting-, participating-, provider- or receiver-org: ref, type, names (``names`` when
        the activity gives it its own, else the organisation's) and its IRI; and whether it has both
        a ref and a type. ``extra``: more attributes, escaped (a participation's activity-id);
        ``ref``: the ref the activity states, when it is not the organisation's identifier;
        ``org_type``: the type the activity states, when it is not the organisation's."""
        key = (indent, tag, str(org), role, names, extra, ref, org_type)
        cached = self._orgs.get(key)
        if cached is not None:
            if self.deps is not None:
                self.deps.update(cached[1])
            return cached[0]
        outer, self.deps = self.deps, set()
        try:
            result = self._org(indent, tag, org, role, names, extra, ref, org_type)
        finally:
            read, self.deps = self.deps, outer
        self._orgs[key] = (result, frozenset(read))
        if self.deps is not None:
            self.deps.update(read)
        return result

    def _org(self, indent: str, tag: str, org: Node, role: str | None,
             names: tuple[Literal, ...], extra: str, stated: str | None, stated_type: str | None) -> tuple[str, bool]:
        props = self.props(str(org))
        own = _one(props, _ORG_ID)
        ref = stated if stated is not None else own
        attrs = f' ref="{_attr(str(ref))}"' if ref is not None else ""
        if role is not None:
            attrs += f' role="{_attr(role)}"'
        org_type = stated_type if stated_type is not None else self.notation(_one(props, _ORG_TYPE))
        if org_type is not None:
            attrs += f' type="{_attr(org_type)}"'
        attrs += extra + f' aidlod:organisation="{_attr(str(org))}"'
        said = list(names) or _texts(props, _NAME)
        if not names and own is not None and [(str(t), t.language) for t in said] == [(str(own), "und")]:
            said = []  # the import's stand-in name of an organisation the source gives by its ref alone
        inner = _narratives(indent + "  ", said)
        if not inner and tag == "reporting-org":  # the XSD requires a narrative; an empty one states no name
            inner = f"{indent}  <narrative/>\n"
        return (_container(indent, tag, attrs, inner),
                ref is not None and org_type is not None)

    def projects(self) -> list[str]:
        """Every ``schema:Project``, the dataset's reporting organisation's first, each group in the
        order of their IATI identifiers (ties by IRI): an import of the file takes its first
        activity's reporting-org for the dataset's, so a mixed-publisher site's file re-imports as
        the same dataset."""
        keyed = []
        # str's own comparison, in C (URIRef.__eq__ is Python code); every term is a str subclass.
        is_project, is_type, is_iati_id = _PROJECT.__eq__, _TYPE.__eq__, _IATI_ID.__eq__
        for s, pairs in self.index.items():
            if not any(map(is_project, map(_second, pairs))):  # the quick test first, then the exact one
                continue
            if any(is_project(o) and type(o) is URIRef and is_type(p) for p, o in pairs):
                # the identifier _one() would give: the first of the values with the smallest text
                idents = [o for p, o in pairs if is_iati_id(p)]
                ident = min(idents, key=str) if idents else None
                keyed.append((self._other_reporter(pairs), str(ident or ""), s))
        keyed.sort(key=lambda t: t[2])  # by IRI, then (stable) by identifier, then by whose
        return [s for _other, _ident, s in sorted(keyed, key=lambda t: t[:2])]

    def _other_reporter(self, pairs: Iterable[tuple[Node, Node]]) -> bool:
        """Whether a project's own reporting-org (``aid:iati-reporting-org``, kept from an import)
        is another organisation than the dataset's, or none the site has a record of."""
        # str's own comparison, in C, as projects() does: it runs once per predicate of every project
        nodes = [o for p, o in pairs if _IS_REPORTING_ORG_NODE(p)]
        if not nodes:
            return False
        is_own = str(self.reporting).__eq__
        return not any(_IS_ORGANISATION(p) and is_own(o) for node in nodes for p, o in self.index.get(str(node), ()))

    def render(self, projects: Sequence[str]) -> tuple[bytes, list[Problem], int]:
        """The ``iati-activity`` elements of these projects, the warnings, how many were exported."""
        parts: list[str] = []
        notes: list[Problem] = []
        for p in projects:
            text = self.activity(p, notes)
            if text is not None:
                parts.append(text)
        return "".join(parts).encode("utf-8"), notes, len(parts)

    def render_recorded(self, projects: Sequence[str]) -> list[tuple[str, str | None, list[Problem], list[str]]]:
        """Per project: its ``iati-activity`` (None when IATI cannot carry it), its warnings, and every
        subject the two were made from (for the writer's build cache)."""
        out = []
        for p in projects:
            notes: list[Problem] = []
            self.deps = set()
            try:
                text = self.activity(p, notes)
            finally:
                read, self.deps = self.deps, None
            out.append((p, text, notes, sorted(read)))
        return out

    def _valid(self, p: str, text: str, notes: list[Problem]) -> str | None:
        """The activity when it validates against the IATI 2.03 schema, else None and a warning per
        error: one invalid activity would make aggregators refuse the whole file."""
        schema = xsd("activities")
        if schema.validate(etree.fromstring(self.head() + text.encode("utf-8") + FOOT, safe_parser())):
            return text
        for error in schema.error_log:  # lines counted from the activity's own first line
            notes.append(Problem("iati/activities.xml", self.named(p), None,
                                 f"not exported to IATI: it does not validate against the IATI 2.03 schema "
                                 f"(line {error.line - 2} of the activity: {error.message})", "warning", p))
        return None

    def activity_chunks(self, projects: list[str]) -> tuple[list[bytes], list[Problem]]:
        """Every exportable activity of ``projects``, rendered in worker processes, in order; and the
        warnings."""
        results = parallel.map_chunks(self.render, projects, "IATI activities", most=None)
        if not sum(count for _text, _notes, count in results):
            why = [f"{n.record}: {n.message}" for _text, notes, _count in results for n in notes]
            raise ValueError("no project can be exported as an IATI activity"
                             + (f" ({'; '.join(why[:3])}{f'; and {len(why) - 3} more' if len(why) > 3 else ''})"
                                if why else ""))
        return [text for text, _notes, _count in results], [n for _text, notes, _count in results for n in notes]

    def head(self) -> bytes:
        return (f'{DECLARATION}<iati-activities xmlns:aidlod="{EXT_NS}" version="{VERSION}" '
                f'linked-data-default="{_attr(self.iris.base)}">\n').encode()

    def start_date(self, props: Props, status: str | None) -> tuple[str, PartialDate, str | None] | None:
        """(activity date type, date, rule that derived it or None) for the activity's start."""
        start = _one(props, _START)
        if start is not None:
            return standard.start_date_type(status), parse_date(start), None
        programme = _one(props, _PROGRAMME)
        if programme is not None:
            key = str(programme)
            if self.deps is not None:
                self.deps.add(key)
            if key not in self._programme_starts:
                self._programme_starts[key] = _one(self.props(key), _START)
            pstart = self._programme_starts[key]
            if pstart is not None:
                return "1", parse_date(pstart), "programme-start"
        return None

    def named(self, p: str) -> str:
        """How a warning names the project ``p``: by its IATI identifier, which the publisher knows it by,
        then its page's path, as the quality page does ("XM-DAC-41127-1 (project/1)"); its IRI read
        'http://example.org/project/1#id'. Without an identifier, the path alone."""
        path = site_path(p, self.iris.base) or p
        ident = _one(self.props(p), _IATI_ID)
        return f"{ident} ({path})" if ident is not None else path

    def activity(self, p: str, notes: list[Problem]) -> str | None:
        """One ``iati-activity``, or None (and a warning) when IATI cannot carry the project.

        The plain project fields give the elements they hold; the project's own IATI elements
        (``aid:iati-*``, from its ``iati`` field or an import) are merged in, in the schema's
        order, and replace the plain ones where IATI allows only one.
        """
        props = self.props(p)
        ident = _one(props, _IATI_ID)
        status = self.notation(_one(props, _STATUS))
        start = self.start_date(props, status)
        self.generic.drain()
        generic = self.generic.children(standard.activity(), props, "    ", skip=frozenset({"iati-identifier"}))
        # said only of an activity the export writes: of one it leaves out, "not exported to IATI" says all
        left_out = [Problem("iati/activities.xml", self.named(p), None, f"left out of the IATI export: {what}",
                            "warning", p) for what in self.generic.drain()]
        given = {name for name, _text in generic}
        participating = self._participating_orgs(props)
        missing = [what for what, value in (
            ("an IATI identifier", ident),
            ("an activity status", status if "activity-status" not in given else "given"),
            ("a date (own, programme's or an activity-date)",
             "given" if "activity-date" in given or _one(props, _END) is not None else start),
            ("a participating organisation", "given" if "participating-org" in given or participating else None))
            if value is None]
        if missing:
            notes.append(Problem("iati/activities.xml", self.named(p), None,
                                 f"not exported to IATI: IATI requires {' and '.join(missing)}", "warning", p))
            return None
        grants = self._grants(props)
        currencies = sorted({str(_one(aprops, _CURRENCY)) for _g, _gp, aprops in grants})

        attributes: dict[str, str] = {}
        if len(currencies) == 1:
            attributes["default-currency"] = _attr(currencies[0])
        attributes["linked-data-uri"] = _attr(p)
        attributes.update(self.generic.activity_attributes(props))
        attrs = "".join(f' {name}="{value}"' for name, value in attributes.items())
        # Not IATI facts, but kept so that an import restores the records exactly (docs/iati.md).
        programme = _one(props, _PROGRAMME)
        if programme is not None:
            attrs += f' aidlod:programme="{_attr(str(programme))}"'
        duration = _one(props, _DURATION)
        if duration is not None:
            attrs += f' aidlod:duration="{_attr(str(duration))}"'
        stated_start = _stated_start(generic)
        if start is None and stated_start is None:  # a commitment no date can be given: said, not dropped unsaid
            left_out += [Problem("iati/activities.xml", self.named(p), None,
                                 f"left out of the IATI export: the commitment of grant "
                                 f"{str(g).rsplit('/', 1)[-1].split('#')[0]}, which states no date, while the "
                                 "project states no start to date it by (IATI requires a transaction-date)",
                                 "warning", p) for g, gprops, _a in grants if _one(gprops, _VALUE_DATE) is None]
        core = self.core_elements(props, status, start, grants, participating, stated_start)
        single = {c.name for c in standard.activity().children if not c.repeats}
        core = [(name, text) for name, text in core if not (name in single and name in given)]
        if not any(name == "description" for name, _text in core + generic):
            core.append(("description", EMPTY_DESCRIPTION))  # the schema requires one; aidlod writes no text
        stated = {_date_key(text) for name, text in generic if name == "activity-date"}
        core = [(name, text) for name, text in core if name != "activity-date" or _date_key(text) not in stated]
        order = standard.top_order()
        merged = sorted(core + generic, key=lambda item: order[item[0]])  # stable: core first per name
        out = [f"  <iati-activity{attrs}>\n", f"    <iati-identifier>{_text(str(ident))}</iati-identifier>\n"]
        out += [text for _name, text in merged]
        out.append("  </iati-activity>\n")
        valid = self._valid(p, "".join(out), notes)
        if valid is not None:
            notes += left_out
        return valid

    def core_elements(self, props: Props, status: str | None, start: tuple[str, PartialDate, str | None] | None,
                      grants: list[tuple[Node, Props, Props]], participating: list[str],
                      stated_start: PartialDate | None = None) -> list[tuple[str, str]]:
        """(element name, XML) of what the plain project fields hold (``participating``: the
        participating-org elements, made once by ``activity``; ``stated_start``: the start its iati
        field's activity-dates state, which dates a grant of no date when the project has no start of
        its own or of its programme)."""
        out: list[tuple[str, str]] = []
        reporting, complete = self.org("    ", "reporting-org", self.reporting)
        if not complete:
            held = self.props(str(self.reporting))
            lacks = [what for what, key in (("an IATI identifier (iati_identifier)", _ORG_ID),
                                            ("an organisation type (type)", _ORG_TYPE)) if _one(held, key) is None]
            record = str(self.reporting).rsplit("/", 1)[-1].split("#")[0]
            raise ValueError(f"the reporting organisation lacks {' and '.join(lacks)}, which IATI requires of "
                             f"reporting-org: add it to organisations/{record}.yaml")
        out.append(("reporting-org", reporting))
        names = _texts(props, _NAME)
        out.append(("title", _container("    ", "title", "", _narratives("      ", names)) if names else EMPTY_TITLE))
        descriptions = _texts(props, _DESCRIPTION)
        if descriptions:
            out.append(("description", _container("    ", "description", ' type="1"',
                                                  _narratives("      ", descriptions))))
        out += [("participating-org", text) for text in participating]
        if status is not None:
            out.append(("activity-status", f'    <activity-status code="{_attr(status)}"/>\n'))
        if start is not None:
            start_type, start_date, rule = start
            out.append(("activity-date", _date("    ", "activity-date", start_date, False, f' type="{start_type}"',
                                               rule)))
        end = _one(props, _END)
        if end is not None:
            end_type = standard.end_date_type(status)
            out.append(("activity-date", _date("    ", "activity-date", parse_date(end), True, f' type="{end_type}"')))

        out += [("recipient-country", text) for text in self._recipient_countries(props)]
        out += [("sector", text) for text in self._sectors(props)]
        for tag, predicate in _DEFAULTS:
            code = self.notation(_one(props, predicate))
            if code is not None:  # the aid type's vocabulary stated, as 2.03 files do: its default, 1
                vocabulary = ' vocabulary="1"' if tag == "default-aid-type" else ""
                out.append((tag, f'    <{tag}{vocabulary} code="{_attr(code)}"/>\n'))
        # a grant without a date of its own is dated by the activity's start: its own or its programme's,
        # else the one its activity-dates state (a commitment the tables and pages count was left out of
        # the file aggregators read, without a word, when only the iati field stated the start)
        grant_start = start[1] if start is not None else stated_start
        for g, gprops, aprops in grants:
            if grant_start is not None or _one(gprops, _VALUE_DATE) is not None:
                out.append(("transaction", self.transaction(g, gprops, aprops, grant_start)))

        section = _one(props, _SOURCE_SECTION)
        for src in props.get(_DERIVED_FROM, ()):
            link = self.document_link(src, section)
            if link:
                out.append(("document-link", link))
        return out

    def _grants(self, props: Props) -> list[tuple[Node, Props, Props]]:
        """(grant, its values, its amount's values) of the grants with an amount, in minting order."""
        grants = []
        for g in props.get(_FUNDING, ()):
            gprops = self.props(str(g))
            amount = _one(gprops, _AMOUNT)
            if amount is not None:
                grants.append((g, gprops, self.props(str(amount))))
        grants.sort(key=lambda t: natural_key(str(t[0])))  # the order the mapping minted them
        return grants

    def _participating_orgs(self, props: Props) -> list[str]:
        """participating-org elements of the participations with an organisation and a role, by role."""
        parts = []
        for part in props.get(_PARTICIPATION, ()):
            pprops = self.props(str(part))
            org = _one(pprops, _ORGANISATION)
            role = self.notation(_one(pprops, _ROLE))
            if org is not None and role is not None:
                extra = ""
                activity = _one(pprops, _ACTIVITY_ID)
                if activity is not None:
                    extra += f' activity-id="{_attr(str(activity))}"'
                channel = _one(pprops, _CRS_CHANNEL)  # a CRSChannelCode code, kept as a literal
                if channel is not None:
                    extra += f' crs-channel-code="{_attr(str(channel))}"'
                stated = _one(pprops, _STATED_REF)  # a CRS channel code of several organisations, as stated
                parts.append((int(role), str(org), org, role, tuple(_texts(pprops, _NAME)), extra,
                              str(stated) if stated is not None else None,
                              self.notation(_one(pprops, _STATED_TYPE))))  # its type here, when not its record's
        return [self.org("    ", "participating-org", org, role, names, extra, ref, kind)[0]
                for _n, _s, org, role, names, extra, ref, kind in sorted(parts, key=lambda x: x[:2])]

    def _recipient_countries(self, props: Props) -> list[str]:
        """recipient-country elements of the countries with a code (100 % when there is one), but for
        those the project's own recipient-country elements or its transactions' state (the mapping links
        them to the countries served too: written once, where stated; IATI allows one place or the other)."""
        elements = [*props.get(_RECIPIENT_COUNTRY, ()), *(e for t in props.get(_TRANSACTION, ())
                                                         for e in self.props(str(t)).get(_RECIPIENT_COUNTRY, ()))]
        stated = {str(c) for element in elements for c in self.props(str(element)).get(_COUNTRY_LINK, ())}
        countries = [self.country(c) for c in props.get(_AREA, ()) if str(c) not in stated]
        pct = ' percentage="100"' if len(countries) == 1 and not stated else ""
        return [f'    <recipient-country code="{_attr(code)}"{pct} aidlod:country="{_attr(str(country))}"/>\n'
                for code, country in sorted((c, n) for c, n in countries if c is not None)]

    def _sectors(self, props: Props) -> list[str]:
        """sector elements of the allocations with a vocabulary and a code, sorted by both."""
        sectors = []
        for alloc in props.get(_SECTOR_ALLOCATION, ()):
            aprops = self.props(str(alloc))
            vocab, code = self.notation(_one(aprops, _SECTOR_VOCABULARY)), self.notation(_one(aprops, _SECTOR))
            if vocab is not None and code is not None:
                sectors.append((vocab, code, _one(aprops, _PERCENTAGE)))
        out = []
        for vocab, code, pct in sorted(sectors, key=lambda t: (t[0], t[1])):
            share = f' percentage="{_attr(decimal_text(pct))}"' if pct is not None else ""
            out.append(f'    <sector vocabulary="{_attr(vocab)}" code="{_attr(code)}"{share}/>\n')
        return out

    def country(self, country: Node) -> tuple[str | None, Node]:
        key = str(country)
        found = self._countries.get(key)
        if found is None:
            props = self.props(key)
            found = self._countries[key] = (self.notation(_one(props, _COUNTRY_CODE)), _one(props, _COUNTRY_CODE))
        elif self.deps is not None:
            self.deps.add(key)
            if found[1] is not None:
                self.deps.add(str(found[1]))
        return found[0], country

    def transaction(self, g: Node, props: Props, amount: Props, activity_start: PartialDate | None) -> str:
        programme = _one(props, _PROGRAMME)
        attrs = f' aidlod:programme="{_attr(str(programme))}"' if programme is not None else ""
        out = [f"    <transaction{attrs}>\n", f'      <transaction-type code="{COMMITMENT}"/>\n']
        stated = _one(props, _VALUE_DATE)
        when = parse_date(stated) if stated is not None else activity_start
        if when is None:  # the caller passes a start when the grant has no date
            raise ValueError(f"grant {g} has no date and its activity no start")
        derived = None if stated is not None else "activity-start"
        out.append(_date("      ", "transaction-date", when, False, "", derived))
        currency = _attr(str(_one(amount, _CURRENCY)))
        number = _one(amount, _VALUE)
        if number is None:  # the shapes require one; a ValueError is a warning, not a crash
            raise ValueError(f"the amount of grant {g} has no value")
        value = _text(decimal_text(number))
        out.append(f'      <value currency="{currency}" value-date="{when.first_day.isoformat()}">{value}</value>\n')
        notes = _texts(props, _DESCRIPTION)
        if notes:
            out.append(_container("      ", "description", "", _narratives("        ", notes)))
        funder = _one(props, _FUNDER)
        if funder is not None:
            out.append(self.org("      ", "provider-org", funder)[0])
        recipient = _one(props, _RECIPIENT)
        if recipient is not None:
            out.append(self.org("      ", "receiver-org", recipient)[0])
        out.append("    </transaction>\n")
        return "".join(out)

    def document_link(self, src: Node, section: Node | None) -> str:
        props = self.props(str(src))
        url = _one(props, _CONTENT_URL)
        if url is None:
            return ""
        fmt = _one(props, _FORMAT)
        attrs = f' url="{_attr(str(url))}" format="{_attr(str(fmt or "text/html"))}" aidlod:source="{_attr(str(src))}"'
        inner = [_container("      ", "title", "", _narratives("        ", _texts(props, _NAME)))]
        lang = _one(props, _LANGUAGE)
        if section is not None:  # "where to access the relevant information in the document"
            lang_attr = _lang_attr(str(lang) if lang is not None else None)
            inner.append(f"      <description>\n        <narrative{lang_attr}>{_text(str(section))}</narrative>\n"
                         "      </description>\n")
        inner.append(f'      <category code="{DOCUMENT_CATEGORY}"/>\n')
        code = str(lang).split("-")[0] if lang is not None else ""
        if code not in self._languages:
            self._languages[code] = codelists.load("Language").active(code)
        if self._languages[code]:  # e.g. not "mul" (several languages)
            inner.append(f'      <language code="{_attr(code)}"/>\n')
        return _container("    ", "document-link", attrs, "".join(inner))

    def organisations(self, org: Node | None = None) -> bytes:
        """The IATI organisation file of ``org`` (a multi-publisher site writes one per publisher too;
        the dataset's reporting organisation's holds what it reports on others, as the dataset's does),
        by default the dataset's: its reporting organisation's, then every other organisation whose
        record states what an organisation file does (budgets, expenditure, documents) and that
        reports no activity of its own (a publisher has its own file), by IRI, reported by the
        dataset's reporting organisation, as IATI lets a publisher report for other organisations (or
        by the reporting-org its own file stated, kept by the import when that was not the dataset's).
        The World Bank's file states the budgets of IDA (44002): the site showed them and the export
        left them out."""
        self.organisation_left_out = []
        if org is None or str(org) == str(self.reporting):
            publishers = self._publishers() | {str(self.reporting)}
            filed = [URIRef(o) for o in self._filed_organisations() if o not in publishers]
            if org is not None:
                # the dataset's reporting organisation's own file among the publishers': what it reports on
                # others too, not what another's file the import kept reported (``_organisation``)
                filed = [o for o in filed if _REPORTING_ORG_NODE not in self.props(str(o))]
            parts = [self._organisation(self.reporting, self.reporting)]
            parts += [self._organisation(o, self.reporting) for o in filed if _one(self.props(str(o)), _ORG_ID)]
        else:
            parts = [self._organisation(org, org)]
        return (f'{DECLARATION}<iati-organisations xmlns:aidlod="{EXT_NS}" version="{VERSION}">\n'
                + "".join(parts) + "</iati-organisations>\n").encode("utf-8")

    def _organisation(self, org: Node, reporter: Node) -> str:
        """One iati-organisation: identifier, name, ``reporter`` as its reporting-org, then what its
        ``iati`` field states (budgets, expenditure, documents) in schema order."""
        props = self.props(str(org))
        decl = standard.organisation()
        attrs = (self.generic.attributes(decl, props)
                 + f' aidlod:organisation="{_attr(str(org))}"')
        ref = _one(props, _ORG_ID)
        if ref is None:
            raise ValueError("the reporting organisation needs an IATI identifier")
        self.generic.drain()
        children = self.generic.children(decl, props, "    ", skip=standard.ORGANISATION_FIELDS)
        # the reporting-org its own file stated, kept by the import when it is not the dataset's reporting
        # organisation (the organisation itself, another publisher): the reporter of what follows
        stated = [text for name, text in children if name == "reporting-org"]
        inner = (f"    <organisation-identifier>{_text(str(ref))}</organisation-identifier>\n"
                 + _container("    ", "name", "", _narratives("      ", _texts(props, _NAME)))
                 + (stated[0] if stated else self.org("    ", "reporting-org", reporter)[0])
                 + "".join(text for name, text in children if name != "reporting-org"))
        self.organisation_left_out += self.generic.drain()
        return _container("  ", "iati-organisation", attrs, inner)

    def _publishers(self) -> set[str]:
        """The organisations the activities' own reporting-orgs (kept from an import) name."""
        # a pass over every statement of the graph: the test of each predicate in C (``map``), not a Python loop
        # an organisation's own reporting-org (its organisation file's, kept by the import) is not an activity's
        nodes = [str(o) for pairs in self.index.values() if any(map(_IS_REPORTING_ORG_NODE, map(_first, pairs)))
                 and not _is_organisation(pairs)
                 for p, o in pairs if _IS_REPORTING_ORG_NODE(p)]
        return {str(o) for node in nodes for p, o in self.index.get(node, ()) if _IS_ORGANISATION(p)}

    def _filed_organisations(self) -> list[str]:
        """The organisations (by IRI, sorted) whose records state an organisation file's elements (an
        activity states document-links too: only a ``schema:Organization`` counts)."""
        filed = {str(AID[f"iati-{name}"]) for name in standard.organisation_filed()}
        # a pass over every statement of the graph: the predicates tested in C (``isdisjoint`` of a ``map``)
        return sorted(s for s, pairs in self.index.items()
                      if not filed.isdisjoint(map(str, map(_first, pairs)))
                      and _is_organisation(pairs))


def _is_organisation(pairs: Iterable[tuple[Node, Node]]) -> bool:
    """Whether a subject's statements type it ``schema:Organization`` (as text, in C)."""
    return any(str(p) == _TYPE and str(o) == _ORGANIZATION for p, o in pairs)


FOOT = b"</iati-activities>\n"

# An exported activity's reporting-org: the first element after its iati-identifier (schema order),
# on its own line; the 2.03 schema requires its ref, and the activity validated before it was kept.
_REPORTING_ORG = re.compile(r'^    <reporting-org ([^>]*)>', re.M)
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')


def reporting_of(activity: str) -> tuple[str, str | None]:
    """The reporting-org ``ref`` of an ``iati-activity`` this module wrote, and the organisation it
    names (``aidlod:organisation``, None when the reporting-org is kept as stated without one): what
    the IATI Registry keys a publisher's files by."""
    found = _REPORTING_ORG.search(activity)
    if found is None:
        raise ValueError("an exported activity without reporting-org")
    attrs = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(found.group(1))}
    return attrs.get("ref", ""), attrs.get("aidlod:organisation")


# The IATI Standard's guidance on the size of a file (its validator and datastore refuse files of
# about 60 MB): a larger activity file is also written in parts of at most this many bytes.
FILE_LIMIT = 40_000_000
_ACTIVITY_START = re.compile(rb"^[ \t]*<iati-activity[ >]", re.M)  # an activity's first line


def parts(head: int, sizes: list[int], foot: int, limit: int) -> list[range]:
    """The activities (by their sizes in bytes, in the file's order) grouped into files of at most
    ``limit`` bytes with the file's head and foot, each group as long as it fits; an activity larger
    than that alone in its file. One group when the whole file fits."""
    groups: list[range] = []
    start, size = 0, head + foot
    for i, n in enumerate(sizes):
        if i > start and size + n > limit:
            groups.append(range(start, i))
            start, size = i, head + foot
        size += n
    groups.append(range(start, len(sizes)))
    return groups


def split(whole: bytes, limit: int | None = None) -> list[bytes]:
    """An activity file this module wrote in parts of at most ``limit`` bytes (``FILE_LIMIT``), each
    a whole activity file; [] when it fits in one (or is one activity: a part would be the whole,
    as ``IatiWriter`` has it too). Activities start on the line of their ``<iati-activity``, which
    no text can hold (``<`` is escaped)."""
    limit = FILE_LIMIT if limit is None else limit
    if len(whole) <= limit:
        return []
    head, bounds, foot = _bounds(whole)
    groups = parts(len(head), [b - a for a, b in pairwise(bounds)], len(foot), limit)
    if len(groups) < 2:
        return []
    return [head + whole[bounds[g.start]:bounds[g.stop]] + foot for g in groups]


def _bounds(whole: bytes) -> tuple[bytes, list[int], bytes]:
    """An activity file this module wrote: its head, where each activity starts and where its foot
    starts, and its foot."""
    starts = [m.start() for m in _ACTIVITY_START.finditer(whole)]
    end = whole.rindex(FOOT)
    return whole[:starts[0] if starts else end], [*starts, end], whole[end:]


def activity_texts(whole: bytes) -> list[str]:
    """The ``iati-activity`` texts of an activity file this module wrote, in its order (what the
    writer's cache holds of each): ``aidlod export-iati`` groups them per publisher as a build does."""
    _head, bounds, _foot = _bounds(whole)
    return [whole[a:b].decode("utf-8") for a, b in pairwise(bounds)]


def export(data: Graph | Index, iris: IRIs) -> Exported:
    """Both IATI files from the validated data (its per-subject index, or a Graph).

    Raises ValueError when IATI cannot be written at all.
    """
    index = data if isinstance(data, dict) else group_by_subject(data)
    ex = Exporter(index, iris)
    projects = ex.projects()
    chunks, notes = ex.activity_chunks(projects)
    activities = b"".join([ex.head(), *chunks, FOOT])
    return Exported(activities, ex.organisations(), notes, len(projects))
