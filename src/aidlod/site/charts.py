"""Commitments and disbursements per year, per country and per sector: figures and SVG bar charts.

The figures come from the splits (``aidlod.splits.parts``): every transaction's share per recipient
country or region and sector, in the dataset's summary currency (``Dataset.summary_currency``).
Commitments are transactions of type 2 (grants are commitments); disbursements are types 3
(disbursement) and 4 (expenditure), shown as one series, "disbursements and expenditure". Every
other transaction type, budgets and planned disbursements are not charted.

An amount that is not known (none given, or none in the summary currency) is never counted as
zero: a category keeps the sum of its known amounts and the number of transactions of unknown
amount in it, and a category with none known has no bar. Charts are drawn at build time as
inline SVG (no script), with their figures in a table beside them (docs/site.md, "Charts").

The figures are summed once per build (``Figures``), before the page workers fork; a page's
figures are a tracked read (``Lookup.derived``), so a page is rendered anew when they change.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import SKOS, URIRef
from rdflib.term import Node

from ..dataset import natural_key
from ..iris import AID, SCHEMA
from ..mapping.iati_block import prop as iati  # aid:iati-{name}, made once per name
from .i18n import N_, interface_language, marked, translations
from .lookup import Lookup
from .text import clusters as _clusters
from .text import isolated, money, number

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..splits import Part

COMMITMENTS = frozenset({"2"})          # transaction types summed as commitments (grants are type 2)
DISBURSEMENTS = frozenset({"3", "4"})   # … as disbursements and expenditure
SERIES = ("commitments", "disbursements")
SERIES_NAMES = {"commitments": N_("Commitments"), "disbursements": N_("Disbursements and expenditure")}
TOP = 12                                 # bars of a country or sector chart; the rest summed as "others"

# Chart dimensions: which category a part falls in.
YEAR, AREA, SECTOR = "year", "area", "sector"
# Kinds of page with charts, and the dimensions each one charts.
DATASET, COUNTRY, ORGANISATION, SECTOR_PAGE = "dataset", "area", "organisation", "sector"
DIMENSIONS = {DATASET: (YEAR, AREA, SECTOR), COUNTRY: (YEAR, SECTOR), ORGANISATION: (YEAR, AREA),
              SECTOR_PAGE: (YEAR, AREA)}

# Categories that are not an IRI or a year.
NO_YEAR, NO_AREA, NO_SECTOR, OTHERS = "\0no-year", "\0no-area", "\0no-sector", "\0others"
NO_NAMES = {NO_YEAR: N_("year not known"), NO_AREA: N_("country or region not given"),
            NO_SECTOR: N_("sector not given")}


@dataclass
class Sum:
    """The known part of a sum and the transactions in it whose amount is not known."""

    known: Decimal = Decimal(0)
    counted: int = 0                                  # parts with a known amount
    unknown: set[str] = field(default_factory=set)    # sources (transactions) of unknown amount

    def add(self, amount: Decimal | None, source: str) -> None:
        if amount is None:
            self.unknown.add(source)
        else:
            self.known += amount
            self.counted += 1

    def merge(self, other: Sum) -> None:
        self.known += other.known
        self.counted += other.counted
        self.unknown |= other.unknown

    @property
    def empty(self) -> bool:
        """Nothing in it: no transaction of this series at all (not a zero sum)."""
        return self.counted == 0 and not self.unknown

    def key(self) -> str:
        return f"{self.known}/{self.counted}/{len(self.unknown)}"


@dataclass
class Cell:
    """One category of a chart: commitments and disbursements."""

    commitments: Sum = field(default_factory=Sum)
    disbursements: Sum = field(default_factory=Sum)

    def series(self, name: str) -> Sum:
        return self.commitments if name == "commitments" else self.disbursements

    def merge(self, other: Cell) -> None:
        self.commitments.merge(other.commitments)
        self.disbursements.merge(other.disbursements)


Table = dict[str, Cell]  # category → cell


def series_of(part: Part) -> str | None:
    """The series a part is summed in, or None (budgets, other transaction types)."""
    if part.table != "transactions":
        return None
    if part.type_code in COMMITMENTS:
        return "commitments"
    if part.type_code in DISBURSEMENTS:
        return "disbursements"
    return None


def category(part: Part, dimension: str) -> str:
    """The category of a part in a dimension: the year, the area's or sector's IRI, or a code."""
    if dimension == YEAR:
        return part.year or NO_YEAR
    if dimension == AREA:
        return part.area or (f"\0code:{part.area_code}" if part.area_code else NO_AREA)
    if part.sector:
        return part.sector
    return f"\0code:{part.sector_vocabulary}:{part.sector_code}" if part.sector_code else NO_SECTOR


def aggregate(parts: Iterable[Part], currency: str, dimension: str) -> Table:
    """Commitments and disbursements in ``currency`` per category of ``dimension``."""
    table: Table = {}
    for part in parts:
        series = series_of(part)
        if series is not None:
            table.setdefault(category(part, dimension), Cell()).series(series).add(part.amount_in(currency),
                                                                                 part.source)
    return table


def total(table: Table) -> Cell:
    out = Cell()
    for cell in table.values():
        out.merge(cell)
    return out


def ranked(table: Table, dimension: str, top: int = TOP) -> list[tuple[str, Cell]]:
    """The categories in chart order: years in order; others by commitments, then disbursements
    (largest first, then by key), the ones past ``top`` summed as ``OTHERS``."""
    if dimension == YEAR:
        return sorted(table.items(), key=lambda kv: (kv[0] == NO_YEAR, kv[0]))
    rows = sorted(table.items(), key=lambda kv: (-kv[1].commitments.known, -kv[1].disbursements.known,
                                                 -len(kv[1].commitments.unknown), kv[0]))
    if len(rows) <= top:
        return rows
    rest = Cell()
    for _key, cell in rows[top - 1:]:
        rest.merge(cell)
    return [*rows[:top - 1], (OTHERS, rest)]


# -- the figures of every page ------------------------------------------------------------------

_PARTY_ELEMENTS = (AID["iati-provider-org"], AID["iati-receiver-org"])


class Figures:
    """Every chart's table, summed in one pass over the parts: the dataset's, and per country (or
    region), per organisation (the transactions it provides or receives) and per sector."""

    def __init__(self, data: Dataset, parts: Iterable[Part] | None = None) -> None:
        self.data = data
        self.currency = data.summary_currency
        self.tables: dict[tuple[str, str], dict[str, Table]] = {}  # (page kind, subject) → dimension → table
        self._broader: dict[str, list[str]] = {}
        self._parties: tuple[str, tuple[str, ...]] = ("", ())
        self._reporting: str | None = None  # the dataset's reporting organisation, read once
        # a code of no codelist the site publishes (a sector's "\0code:V:C", a region's "\0code:C") → the
        # sector or recipient-region elements stating it
        self.elements: dict[str, set[str]] = {}
        self.regions: set[str] = set()  # the area categories of recipient regions (the front page counts them)
        self._looked: set[tuple[str, str]] = set()
        if parts is None:
            from ..splits import parts as split
            parts = split(data)
        for part in parts:
            self.add(part)

    def add(self, part: Part) -> None:
        series = series_of(part)
        if series is None:
            return
        amount = part.amount_in(self.currency)
        pages = [(DATASET, "")]
        if part.area:
            pages.append((COUNTRY, part.area))
        if part.sector:
            pages.extend((SECTOR_PAGE, s) for s in (part.sector, *self.broader(part.sector)))
        pages.extend((ORGANISATION, org) for org in self.parties(part.source, part.kind, part.activity))
        cats = {d: category(part, d) for d in (YEAR, AREA, SECTOR)}
        if not part.sector and part.sector_code:
            self._stating(part, cats[SECTOR], "sector", part.sector_vocabulary)
        if part.area_kind == "region":
            self.regions.add(cats[AREA])
            if not part.area and part.area_code:
                self._stating(part, cats[AREA], "recipient-region", None)
        for page in pages:
            found = self.tables.get(page)
            if found is None:
                found = self.tables[page] = {d: {} for d in DIMENSIONS[page[0]]}
            tables: dict[str, Table] = found
            for dimension, cells in tables.items():
                cat = cats[dimension]
                cell = cells.get(cat)
                if cell is None:
                    cell = cells[cat] = Cell()
                cell.series(series).add(amount, part.source)

    def _stating(self, part: Part, cat: str, element: str, vocabulary: str | None) -> None:
        """Remember the ``element``s (sector, recipient-region; the transaction's own, else its activity's)
        that state the code of ``cat`` in ``vocabulary`` (a region: a code of no concept, of any): a
        publisher's own code (vocabulary 99) is named only by their narratives."""
        if (part.source, cat) in self._looked:
            return
        self._looked.add((part.source, cat))
        code = part.sector_code if element == "sector" else part.area_code
        for holder in (part.source, part.activity):
            found = {str(n) for n in self.data.objects(holder, iati(element))
                     if isinstance(n, URIRef) and self._states(n, code, vocabulary)}
            if found:
                self.elements.setdefault(cat, set()).update(found)
                return

    def _states(self, node: str, code: str, vocabulary: str | None) -> bool:
        if self._notation(node, "code") != code:
            return False
        if vocabulary is None:  # a region's code of no published concept
            return not isinstance(self._value(node, "code"), URIRef)
        return (self._notation(node, "vocabulary") or "1") == vocabulary

    def _value(self, node: str, name: str) -> Node | None:
        return next(iter(self.data.objects(node, iati(name))), None)

    def _notation(self, node: str, name: str) -> str:
        """The code of an element's attribute ``name``: a concept's notation, or the literal."""
        value = self._value(node, name)
        if value is None:
            return ""
        if isinstance(value, URIRef):
            notation = next(iter(self.data.objects(str(value), SKOS.notation)), None)
            return str(notation) if notation is not None else str(value).rsplit("/", 1)[-1].split("#", 1)[0]
        return str(value)

    def broader(self, concept: str) -> list[str]:
        """The sector category a sector code belongs to (``skos:broader``): its page sums it too."""
        found = self._broader.get(concept)
        if found is None:
            found = self._broader[concept] = sorted(
                str(o) for o in self.data.objects(concept, SKOS.broader) if isinstance(o, URIRef))
        return found

    def parties(self, source: str, kind: str, activity: str = "") -> tuple[str, ...]:
        """The organisations that provide or receive a transaction (a grant's funder and recipient).
        A transaction that states no provider-org has its activity's reporting organisation for its
        provider: the 2.03 schema's rule for outgoing funds ("If omitted on outgoing funds the
        reporting-org is assumed"), and the charts sum only outgoing ones (commitments, disbursements,
        expenditure). BMZ states none on any of its transactions: its page charted nothing.
        Remembered for the last transaction only: its parts come one after the other."""
        if self._parties[0] == source:
            return self._parties[1]
        orgs: set[str] = set()
        if kind == "grant":
            for p in (SCHEMA.funder, AID.recipientOrganisation):
                orgs.update(str(o) for o in self.data.objects(source, p) if isinstance(o, URIRef))
        else:
            for element in _PARTY_ELEMENTS:
                for node in self.data.objects(source, element):
                    orgs.update(str(o) for o in self.data.objects(str(node), AID.organisation)
                                if isinstance(o, URIRef))
            if activity and not self.data.objects(source, AID["iati-provider-org"]):
                orgs.update(self.reporter(activity))
        found = tuple(sorted(orgs))
        self._parties = (source, found)
        return found

    def reporter(self, activity: str) -> tuple[str, ...]:
        """The organisation that reports ``activity``: its own reporting-org's record, else the
        dataset's reporting organisation (an activity without a reporting-org of its own is the
        dataset's, as the IATI export writes it)."""
        own = tuple(str(o) for node in self.data.objects(activity, AID["iati-reporting-org"])
                    for o in self.data.objects(str(node), AID.organisation) if isinstance(o, URIRef))
        if own or self.data.objects(activity, AID["iati-reporting-org"]):
            return own  # a reporting-org of its own that names no record: no one assumed
        if self._reporting is None:
            found = self.data.one(str(self.data.iris.dataset), AID.reportingOrganisation)
            self._reporting = str(found) if isinstance(found, URIRef) else ""
        return (self._reporting,) if self._reporting else ()

    def of(self, kind: str, subject: str) -> dict[str, Table] | None:
        return self.tables.get((kind, subject))

    def digest(self, subject: str) -> str:
        """A hash of every figure the page of ``subject`` may show (``memo``'s dependency)."""
        lines = [self.currency]
        for kind in sorted(DIMENSIONS):
            tables = self.tables.get((kind, subject))
            for dimension in sorted(tables or ()):
                for cat in sorted(tables[dimension]):  # type: ignore[index]
                    cell = tables[dimension][cat]  # type: ignore[index]
                    lines.append(f"{kind}\t{dimension}\t{cat}\t{cell.commitments.key()}\t"
                                 f"{cell.disbursements.key()}")
                    if cat in self.elements:  # the elements whose narratives name the code
                        lines.append(" ".join(sorted(self.elements[cat])))
        return hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest()


# -- drawing ------------------------------------------------------------------------------------

LABEL_W, PLOT_W, VALUE_W = 250, 290, 320   # the SVG's columns: labels, bars, values
HEAD, ROW, BAR = 34, 44, 16                # legend height, height per category, bar height
FILLS = {"commitments": "#2f6fab", "disbursements": "#c26a00"}  # as site.css colours them
SHORT = 30                                 # characters of a label in the chart (the table has all)


def short_label(name: str) -> str:
    """A bar's label: ``name``, or its first characters and "…" when it is wider than ``SHORT`` Latin letters,
    a Chinese, Japanese or Korean character (East Asian wide) counting as two. It is never cut inside a
    character: cut after 29 code points, a Nepali label lost the vowel sign of its last letter, and 29
    Chinese characters, twice as wide, ran off the chart's left edge."""
    kept, width = [], 0
    clusters = _clusters(name)
    widths = [2 if unicodedata.east_asian_width(c[0]) in "WF" else 1 for c in clusters]
    if sum(widths) <= SHORT:
        return name
    for cluster, w in zip(clusters, widths, strict=True):
        if width + w > SHORT - 1:
            break
        kept.append(cluster)
        width += w
    return "".join(kept) + "…"


def whole(value: Decimal) -> Decimal:
    """Amounts are shown in whole units of the currency (half to even)."""
    return value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)


def figure_text(s: Sum, currency: str, lang: str) -> str:
    """A sum as the chart and the table write it: the known amount, with the count of transactions
    of unknown amount; "unknown" when none is known; "" when there is nothing."""
    _ = translations(lang).gettext
    if s.empty:
        return ""
    if s.counted == 0:
        return _("unknown")
    # as the interface text writes figures (``activity.written``), not with an Arabic page's right-to-left mark
    return plus_unknown(money(whole(s.known), currency, interface_language(lang)).replace(" ", "\u00a0"), s,
                        lang)  # never broken


def plus_unknown(amount: str, s: Sum, lang: str) -> str:
    """``amount`` (``s``'s known part, written), and how many transactions of unknown amount ``s`` leaves out."""
    if not s.unknown:
        return amount
    _ = translations(lang).gettext
    return _("{amount} + {n} of unknown amount").format(amount=amount, n=number(len(s.unknown), lang))


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def named_by(lookup: Lookup, nodes: Iterable[str], lang: str) -> tuple[str, str | None] | None:
    """The name(s) the narratives of the elements (sector, recipient-region) stating one code give it,
    else its codelist's (an SDG goal's, vocabulary 7, whose codelist is no page of the site), with their
    language when they share one (different names of one code, as two publishers' own codes: each,
    with "/"); None when none names it."""
    names: list[str] = []
    langs: set[str | None] = set()
    for node in sorted(nodes):
        lit = lookup.pick(lookup.values(node, iati("narrative")), lang)
        text, said = (" ".join(str(lit).split()), lit.language or None) if lit is not None else ("", None)
        code = lookup.first(node, iati("code"))
        if not text and isinstance(code, URIRef) and lookup.pairs(str(code)):
            text, said = lookup.label_in(str(code), lang, with_code=False)
        if text and text not in names:
            names.append(text)
            langs.add(said)
    if not names:
        return None
    return " / ".join(names), (marked(next(iter(langs)), lang) if len(langs) == 1 else None)


def region_text(lookup: Lookup, code: str, nodes: Iterable[str], lang: str) -> tuple[str, str | None]:
    """A recipient region of a vocabulary of no published codelist (a publisher's own, 99) with its
    name and vocabulary, "AS – Africa (region vocabulary 99)": FAO's own "AS" alone read as American
    Samoa's ISO code. Absent vocabulary: 1, as IATI reads it."""
    _ = translations(lang).gettext
    nodes = sorted(nodes)
    named = named_by(lookup, nodes, lang)
    found = set()
    for node in nodes:
        vocabulary = lookup.first(node, iati("vocabulary"))
        found.add(str(vocabulary).rsplit("/", 1)[-1].split("#", 1)[0] if vocabulary is not None else "1")
    text = _("{code} (region vocabulary {vocabulary})").format(
        code=f"{code} \u2013 {isolated(*named)}" if named is not None else code,
        vocabulary=", ".join(sorted(found, key=natural_key)))
    return text, named[1] if named is not None else None


@dataclass(frozen=True)
class Labeller:
    """Names and links of categories, from a page (``path``) in ``lang``."""

    lookup: Lookup
    path: str
    lang: str
    figures: Figures | None = None

    def name(self, cat: str) -> str:
        _ = translations(self.lang).gettext
        if cat == OTHERS:
            return _("others")
        if cat in NO_NAMES:
            return _(NO_NAMES[cat])
        if cat.startswith("\0code:"):  # a code with no concept the site publishes
            parts = cat.removeprefix("\0code:").split(":")
            if len(parts) == 2:  # a sector code of another vocabulary
                named = self._named(cat)
                code = f"{parts[1]} \u2013 {isolated(*named)}" if named is not None else parts[1]
                return _("{code} (sector vocabulary {vocabulary})").format(code=code, vocabulary=parts[0])
            if len(parts) != 1 or self.figures is None or cat not in self.figures.elements:
                return parts[0]
            return region_text(self.lookup, parts[0], self.figures.elements[cat], self.lang)[0]
        if cat.isdigit():
            return cat
        return self.lookup.label(cat, self.lang)

    def _named(self, cat: str) -> tuple[str, str | None] | None:
        if self.figures is None or cat not in self.figures.elements:
            return None
        return named_by(self.lookup, self.figures.elements[cat], self.lang)

    def lang_of(self, cat: str) -> str | None:
        """The language of ``name(cat)`` when it is not the interface text's (``Lookup.label_lang``)."""
        if cat.startswith("\0code:"):
            named = self._named(cat)
            return named[1] if named is not None else None
        if cat.startswith("\0") or cat.isdigit():
            return None
        return self.lookup.label_lang(cat, self.lang)

    def href(self, cat: str) -> str | None:
        if cat.startswith("\0") or cat.isdigit():
            return None
        return self.lookup.href(self.path, self.lang, cat)


def chart(ident: str, title: str, desc: str, head: str, rows: list[tuple[str, Cell]], currency: str,
          names: Labeller, lang: str) -> dict[str, Any]:
    """One chart as the template draws it: SVG geometry, and the same figures as a table."""
    _ = translations(lang).gettext
    values = [cell.series(s).known for _cat, cell in rows for s in SERIES if cell.series(s).counted]
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    span = (high - low) or Decimal(1)
    zero = LABEL_W + float(PLOT_W * (-low) / span)
    drawn, table = [], []
    for i, (cat, cell) in enumerate(rows):
        name = names.name(cat)
        y = HEAD + i * ROW
        bars = []
        for j, s in enumerate(SERIES):
            sum_ = cell.series(s)
            text = figure_text(sum_, currency, lang)
            bar_y = y + 4 + j * (BAR + 4)
            if sum_.counted:
                width = float(PLOT_W * abs(sum_.known) / span)
                x = zero if sum_.known >= 0 else zero - width
                end = zero + width if sum_.known >= 0 else zero
                bars.append({"series": s, "fill": FILLS[s], "x": _fmt(x), "y": bar_y, "width": _fmt(width),
                             "height": BAR, "text": text, "text_x": _fmt(end + 5), "text_y": bar_y + BAR - 4})
            elif text:  # only unknown amounts: no bar, the word
                bars.append({"series": s, "x": None, "y": bar_y, "width": None, "height": BAR, "text": text,
                             "text_x": _fmt(zero + 5), "text_y": bar_y + BAR - 4})
        said = names.lang_of(cat)  # an English sector name on a Spanish page: its bar's label says so too
        drawn.append({"label": short_label(name), "full": name,
                      "label_y": y + 4 + BAR + 6, "bars": bars, "lang": said})
        table.append({"name": name, "href": names.href(cat), "lang": said,
                      "figures": [figure_text(cell.series(s), currency, lang) or _("none") for s in SERIES]})
    whole_sum = Cell()
    for _cat, cell in rows:
        whole_sum.merge(cell)
    legend = [{"series": s, "fill": FILLS[s], "name": _(SERIES_NAMES[s]), "x": LABEL_W + k * 250,
               "text_x": LABEL_W + k * 250 + 18} for k, s in enumerate(SERIES)]
    return {"id": ident, "title": title, "desc": desc, "head": head, "currency": currency,
            "width": LABEL_W + PLOT_W + VALUE_W, "height": HEAD + len(rows) * ROW + 6,
            "label_x": LABEL_W - 8, "zero": _fmt(zero), "top": HEAD - 4, "bottom": HEAD + len(rows) * ROW,
            "legend": legend, "rows": drawn, "series": [_(SERIES_NAMES[s]) for s in SERIES], "table": table,
            "total": [figure_text(whole_sum.series(s), currency, lang) or _("none") for s in SERIES]}


# What each chart is called and says, per page kind and dimension: (title, description, column head).
TEXTS: dict[tuple[str, str], tuple[str, str]] = {
    (DATASET, YEAR): (N_("Commitments and disbursements per year ({currency})"),
                      N_("Bar chart of the commitments and the disbursements and expenditure of all "
                         "projects in each year, in {currency}.")),
    (DATASET, AREA): (N_("Commitments and disbursements per country ({currency})"),
                      N_("Bar chart of the commitments and the disbursements and expenditure per recipient "
                         "country or region, in {currency}, split by the countries' percentages; "
                         "the largest {top}, the rest summed as others.")),
    (DATASET, SECTOR): (N_("Commitments and disbursements per sector ({currency})"),
                        N_("Bar chart of the commitments and the disbursements and expenditure per sector, "
                           "in {currency}, split by the sectors' percentages; the largest {top}, the rest "
                           "summed as others.")),
    (COUNTRY, YEAR): (N_("Commitments and disbursements in this country per year ({currency})"),
                      N_("Bar chart of the commitments and the disbursements and expenditure for this country "
                         "in each year, in {currency}: the country's share of each transaction.")),
    (COUNTRY, SECTOR): (N_("Commitments and disbursements in this country per sector ({currency})"),
                        N_("Bar chart of the commitments and the disbursements and expenditure for this "
                           "country per sector, in {currency}: the country's share of each transaction, "
                           "split by the sectors' percentages.")),
    (ORGANISATION, YEAR): (N_("Transactions this organisation provides or receives, per year ({currency})"),
                           N_("Bar chart of the commitments and the disbursements and expenditure of the "
                              "transactions (grants included) this organisation provides or receives, in each "
                              "year, in {currency}.")),
    (ORGANISATION, AREA): (N_("Transactions this organisation provides or receives, per country ({currency})"),
                           N_("Bar chart of the commitments and the disbursements and expenditure of the "
                              "transactions (grants included) this organisation provides or receives, per "
                              "recipient country or region, in {currency}, split by the countries' "
                              "percentages.")),
    (SECTOR_PAGE, YEAR): (N_("Commitments and disbursements in this sector per year ({currency})"),
                          N_("Bar chart of the commitments and the disbursements and expenditure in this sector "
                             "in each year, in {currency}: the sector's share of each transaction.")),
    (SECTOR_PAGE, AREA): (N_("Commitments and disbursements in this sector per country ({currency})"),
                          N_("Bar chart of the commitments and the disbursements and expenditure in this "
                             "sector per recipient country or region, in {currency}: the sector's share of "
                             "each transaction, split by the countries' percentages.")),
}
HEADS = {YEAR: N_("Year"), AREA: N_("Country or region"), SECTOR: N_("Sector")}


def charts_of(kind: str, tables: dict[str, Table], currency: str, names: Labeller,
              top: int = TOP) -> list[dict[str, Any]]:
    """The charts of one page: one per dimension of its kind that has any figure."""
    _ = translations(names.lang).gettext
    out = []
    for dimension in DIMENSIONS[kind]:
        table = tables.get(dimension)
        if not table:
            continue
        title, desc = TEXTS[(kind, dimension)]
        out.append(chart(f"chart-{dimension}", _(title).format(currency=currency),
                         _(desc).format(currency=currency, top=number(top, names.lang)) + " "
                         + _("The figures are in the table beside the chart."),
                         _(HEADS[dimension]), ranked(table, dimension, top), currency, names, names.lang))
    return out


class Charts:
    """The charts of the front page and of the country, organisation and sector pages."""

    def __init__(self, lookup: Lookup, data: Dataset,
                 figures: Callable[[], Figures] | None = None) -> None:
        self.lookup = lookup
        self.data = data
        self._make = figures or self._sum
        self._figures: Figures | None = None
        # The build's splits.csv when the tables writer wrote it already: its parts are summed instead
        # of splitting every amount a second time (``Site.write`` sets it)
        self.parts_file: Path | None = None

    def _sum(self) -> Figures:
        from ..splits import read_parts

        return Figures(self.data, None if self.parts_file is None else read_parts(self.parts_file))

    @property
    def figures(self) -> Figures:
        """Summed on first use (``Site.write`` asks before the page workers fork)."""
        if self._figures is None:
            self._figures = self._make()
            self.lookup.derived = self._figures.digest
        return self._figures

    def front(self, lang: str) -> list[dict[str, Any]]:
        figures = self.figures
        tables = figures.of(DATASET, "") or {}
        return charts_of(DATASET, tables, figures.currency, Labeller(self.lookup, "index", lang, figures))

    def kind_of(self, main: str) -> str | None:
        """Which charts a page of ``main`` gets: a country's (or region's), an organisation's, a
        sector's, or none. Reading the figures of a country, organisation or concept is tracked."""
        look = self.lookup
        if look.has_type(main, SCHEMA.Organization):
            kind: str | None = ORGANISATION
        elif look.has_type(main, SCHEMA.Country):
            kind = COUNTRY
        elif look.has_type(main, SKOS.Concept):  # a region or a sector (category) with figures
            kind = next((k for k in (COUNTRY, SECTOR_PAGE) if self.figures.of(k, main) is not None), None)
        else:
            return None
        look.derived_read(main)
        return kind

    def page(self, main: str, path: str, lang: str) -> dict[str, Any] | None:
        """The charts section of a resource page, or None; a country or organisation without
        figures says so."""
        kind = self.kind_of(main)
        if kind is None:
            return None
        figures = self.figures
        tables = figures.of(kind, main) or {}
        _ = translations(lang).gettext
        none = {COUNTRY: N_("No commitments or disbursements are recorded for this country."),
                ORGANISATION: N_("No commitment, disbursement or expenditure names this organisation as its "
                                 "provider or receiver.")}
        return {"charts": charts_of(kind, tables, figures.currency, Labeller(self.lookup, path, lang, figures)),
                "none": _(none[kind]) if kind in none else "",
                "about": _(ABOUT[kind]).format(currency=figures.currency) if kind in ABOUT else ""}


ABOUT = {
    ORGANISATION: N_("The charts sum the transactions, grants included, that name this organisation as their "
                     "provider or receiver, and those it reports that name no provider (IATI then takes the "
                     "reporting organisation for it), in {currency}; activities it only takes part in are not "
                     "counted."),
}
