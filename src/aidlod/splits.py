"""Splits: every amount of a project shared out across recipient areas and sectors by percentage.

Users ask for "commitments and disbursements per country, sector and year" (issue 16); an amount of
an activity in two countries and three sectors counts in six cells, each with its part. The rules
follow the IATI 2.03 standard (recipient-country, recipient-region, sector, transaction/sector,
transaction/recipient-country) as d-portal applies them, and are documented in docs/tables.md,
"Splits by country and sector":

- Area: a transaction's own recipient-country or recipient-region takes 100 % (several: equal
  shares). Otherwise the activity's recipient countries and regions share 100 % together; the
  project's plain countries (``schema:areaServed``) count as recipient countries without a
  percentage; regions of one vocabulary only (1, OECD DAC, when present, else the lowest code).
  An activity that states none but whose transactions do: theirs, weighted by their value.
- Sector: a transaction's own sectors take 100 % (one vocabulary); otherwise the activity's sectors
  (the plain ``aid:sectorAllocation`` and the IATI ``sector`` elements) of one vocabulary: 1 (DAC
  5-digit) when present, else 2 (DAC 3-digit), else the lowest code present whose percentages do not
  add up to more than 100 (when one does not), else the lowest code present.
- Shares: one item without a percentage takes 100 %, several without percentages equal shares;
  percentages that do not add up to 100 are scaled to their sum ("normalised"), a missing one beside
  stated ones counts as an equal part of what the others leave to 100; an item whose share is 0
  gives no part. None at all: one part with an unspecified area or sector.
- Amounts: each amount (the original ``value`` and each converted column) is split on its own by
  the largest-remainder (Hamilton) method at cent precision, so that the parts add back exactly to
  the amount rounded half-up to the cent; negative amounts split symmetrically; an unknown amount
  gives unknown parts.

Streamed: the rows come from the tables writer's row generators one project at a time, and only
the current project's nodes are read.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.term import Node

from . import money
from .dataset import natural_key
from .iris import AID, SCHEMA, concept_code
from .mapping.conversions import stated_start, value_day
from .records.values import parse_day
from .writers.tables import rows as table_rows

if TYPE_CHECKING:
    from .dataset import Dataset

CENT = Decimal("0.01")
SHARE_PLACES = Decimal("1e-12")  # shares as published; the split itself uses exact fractions
PREFERRED_SECTOR_VOCABULARIES = ("1", "2")  # DAC 5-digit, then DAC 3-digit
SECTOR_CODELISTS = ("1", "2")  # the sector vocabularies whose codelists the site publishes (Sector, SectorCategory)
PREFERRED_REGION_VOCABULARY = "1"  # OECD DAC regions
OVER_100 = Decimal("100.01")  # percentages adding up to more than this are no parts of 100 (IATI's Validator: 100.01)

# How an item's share came about (the ``area_rule`` and ``sector_rule`` columns).
STATED = "stated"            # percentages as given, adding up to 100
NORMALISED = "normalised"    # percentages scaled to their sum (they did not add up to 100)
SINGLE = "single"            # the only item, without a percentage: 100 %
EQUAL = "equal"              # several items without percentages: equal shares
TRANSACTION = "transaction"  # the transaction's own element: 100 % (several: equal shares)
WEIGHTED = "weighted"        # none on the activity, but on its transactions: their areas or sectors by value
UNSPECIFIED = "unspecified"  # none given: one part with no area or sector


@dataclass(frozen=True)
class Part:
    """One part of a grant, transaction, budget or planned disbursement: its area, sector, share and amounts."""

    source: str        # IRI of the grant / transaction / budget / planned disbursement (the table row id)
    activity: str      # project IRI
    table: str         # "transactions" | "budgets" | "planned_disbursements"
    kind: str          # the row's kind: "grant" | "transaction" | "budget" | "planned-disbursement"
    type_code: str     # transaction type code ("2" for grants) / budget type code
    date: str          # transaction date (grant: value date) or budget period start, as in the table
    year: str          # "YYYY" of date, "" when none
    area_kind: str     # "country" | "region" | "" (unspecified)
    area_code: str     # ISO country code / region code, "" when unspecified
    area: str          # the dataset's country resource IRI when one has that code, else the code concept IRI, else ""
    area_share: Decimal
    sector_vocabulary: str   # IATI SectorVocabulary code, "" when none
    sector_code: str
    sector: str        # the code's SKOS concept IRI when the vocabulary is a published codelist, else ""
    sector_share: Decimal
    share: Decimal     # area_share * sector_share
    currency: str
    value: Decimal | None            # the part of the original amount (None: amount unknown)
    converted: dict[str, Decimal | None] = field(default_factory=dict)  # currency → part of the converted amount
    area_rule: str = UNSPECIFIED     # how area_share came about (STATED, NORMALISED, ...)
    sector_rule: str = UNSPECIFIED   # how sector_share came about

    def amount_in(self, currency: str) -> Decimal | None:
        """The part in ``currency``: the original when it is in that currency, else its conversion."""
        if currency == self.currency:
            return self.value
        return self.converted.get(currency)


# -- shares and the split ------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """An area or a sector with its exact share: ``kind`` is the area kind or the sector vocabulary."""

    kind: str
    code: str
    iri: str
    share: Fraction


@dataclass(frozen=True)
class Allocation:
    """The items one side of a split (areas or sectors) goes to, and the rule that gave their shares."""

    items: tuple[Item, ...]
    rule: str


NOWHERE = Allocation((Item("", "", "", Fraction(1)),), UNSPECIFIED)


def shares(percentages: Sequence[Decimal | None]) -> tuple[list[Fraction], str]:
    """Exact shares (adding up to 1) of items with these percentages, and the rule applied (module doc)."""
    n = len(percentages)
    if n == 0:
        return [], UNSPECIFIED
    known = [max(p, Decimal(0)) for p in percentages if p is not None]
    if not known:
        return [Fraction(1, n)] * n, SINGLE if n == 1 else EQUAL
    missing = n - len(known)
    left = max(Decimal(100) - sum(known), Decimal(0))
    weights = [Fraction(max(p, Decimal(0))) if p is not None else Fraction(left) / missing for p in percentages]
    total = sum(weights, Fraction(0))
    if total == 0:  # every share stated as 0: nothing to go by but equal shares
        return [Fraction(1, n)] * n, EQUAL
    rule = STATED if missing == 0 and total == 100 else NORMALISED
    return [w / total for w in weights], rule


def allocate(items: Sequence[tuple[str, str, str, Decimal | None]], own: bool = False) -> Allocation:
    """The allocation of (kind, code, IRI, percentage) items; ``own``: a transaction's own elements
    (100 %, several in equal shares, percentages ignored). Items of share 0 are dropped."""
    if not items:
        return NOWHERE
    if own:
        found, rule = [Fraction(1, len(items))] * len(items), TRANSACTION
    else:
        found, rule = shares([pct for *_k, pct in items])
    kept = tuple(Item(kind, code, iri, s) for (kind, code, iri, _p), s in zip(items, found, strict=True) if s > 0)
    return Allocation(kept, rule)


def split(total: Decimal | None, parts: Sequence[Fraction]) -> list[Decimal | None]:
    """``total`` in parts of these exact shares (adding up to 1), to the cent, adding back exactly.

    Largest remainder (Hamilton): the total rounded half-up to the cent; each part its share rounded
    toward zero to the cent; the cents left over one each to the parts with the largest remainders
    (ties: the earlier part). A negative total splits as its absolute value, negated; None → Nones.
    """
    if total is None:
        return [None] * len(parts)
    den = math.lcm(*(s.denominator for s in parts))  # integers only: exact, and fast
    nums = [s.numerator * (den // s.denominator) for s in parts]
    if sum(nums) != den:
        raise ValueError(f"shares add up to {Fraction(sum(nums), den)}, not 1")
    cents = int(total.quantize(CENT, ROUND_HALF_UP).scaleb(2))
    sign, whole = (-1 if cents < 0 else 1), abs(cents)
    floors, remainders = zip(*(divmod(whole * n, den) for n in nums), strict=True)
    out = list(floors)
    for i in sorted(range(len(parts)), key=lambda i: (-remainders[i], i))[:whole - sum(floors)]:
        out[i] += 1
    return [Decimal(sign * f).scaleb(-2) for f in out]


@cache
def as_decimal(share: Fraction) -> Decimal:
    """A share as a decimal of 12 places (for the table; the split uses the exact fraction)."""
    return (Decimal(share.numerator) / Decimal(share.denominator)).quantize(SHARE_PLACES, ROUND_HALF_UP)


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text) if text else None
    except InvalidOperation:
        return None
    return value if value is not None and value.is_finite() else None


# -- reading the graph -----------------------------------------------------------------------------


def _vocabulary_choice(found: set[str], preferred: Sequence[str]) -> str:
    """The vocabulary to use: the first preferred one present, else the lowest code (natural order)."""
    for vocab in preferred:
        if vocab in found:
            return vocab
    return min(found, key=natural_key)


def _published(vocabulary: str, concept: str) -> str:
    """The sector concept's IRI when its vocabulary is a codelist the site publishes (1, 2), else ""."""
    return concept if vocabulary in SECTOR_CODELISTS else ""


class Graph:
    """What the split needs of one project's nodes: its areas and sectors, read through the tables' Reader
    (``reader``: one whose reads are being recorded, see ``table_rows.Reader.deps``)."""

    def __init__(self, data: Dataset, reader: table_rows.Reader | None = None) -> None:
        self.data = data
        self.r = reader if reader is not None else table_rows.Reader(data)
        self.countries: dict[str, str] = {}  # ISO code → the dataset's country resource
        for c in data.of_type(SCHEMA.Country):
            code = self.r.lex(c, SCHEMA.identifier)
            if code:
                self.countries.setdefault(code, c)

    def _code(self, node: Node | None) -> tuple[str, str]:
        """(code, concept IRI or "") of a code: a SKOS concept or a plain literal."""
        if node is None:
            return "", ""
        code, _label = self.r.code(node)
        return code, str(node) if isinstance(node, URIRef) else ""

    def _percentage(self, node: str, prop: Node) -> Decimal | None:
        return _decimal(self.r.lex(node, prop))

    def _areas(self, s: str, with_percentage: bool) -> list[tuple[str, str, str, Decimal | None]]:
        """(kind, code, IRI, percentage) of the recipient-country and recipient-region elements of ``s``,
        regions of one vocabulary only."""
        out: list[tuple[str, str, str, Decimal | None]] = []
        for node in self.r.nodes(s, table_rows.iati("recipient-country")):
            code, concept = self._code(self.r.one(node, table_rows.iati("code")))
            if code:
                pct = self._percentage(node, table_rows.iati("percentage")) if with_percentage else None
                out.append(("country", code, self.countries.get(code, concept), pct))
        regions: dict[str, list[tuple[str, str, str, Decimal | None]]] = {}
        for node in self.r.nodes(s, table_rows.iati("recipient-region")):
            code, concept = self._code(self.r.one(node, table_rows.iati("code")))
            vocab = self._code(self.r.one(node, table_rows.iati("vocabulary")))[0] or "1"
            if code:
                pct = self._percentage(node, table_rows.iati("percentage")) if with_percentage else None
                regions.setdefault(vocab, []).append(("region", code, concept, pct))
        if regions:
            out += regions[_vocabulary_choice(set(regions), (PREFERRED_REGION_VOCABULARY,))]
        return out

    def activity_areas(self, p: str) -> Allocation:
        items = self._areas(p, with_percentage=True)
        stated = {code for kind, code, _i, _p in items if kind == "country"}
        # the countries its transactions state (schema:areaServed links the project to them too) are
        # theirs, not plain countries of equal shares: the activity's other amounts (a budget) take
        # them weighted by the transactions' value
        theirs = {str(c) for t in self.r.nodes(p, table_rows.iati("transaction"))
                  for node in self.r.nodes(t, table_rows.iati("recipient-country"))
                  for c in self.r.nodes(node, AID.country)}
        for c in self.r.nodes(p, SCHEMA.areaServed):  # the plain countries: recipient countries too
            code = self.r.lex(c, SCHEMA.identifier)
            if code and code not in stated and str(c) not in theirs:
                stated.add(code)
                items.append(("country", code, self.countries.get(code, c), None))
        if not items:
            return self._weighted(p, self.transaction_areas)
        return allocate(sorted(items, key=lambda t: (t[0], natural_key(t[1]))))

    def _weighted(self, p: str, own: Callable[[str], Allocation | None]) -> Allocation:
        """The areas (or sectors) an activity that states none of its own has from its transactions
        (IATI 2.03: on the activity or on each transaction), for its amounts that have none of their
        own (a budget): each one's part of its transactions' value (aidlod's rule, docs/tables.md); its
        commitments when any states one, else its disbursements and expenditure. Unspecified when
        their currencies differ or an amount is unknown (no sum to weigh by), or they come to nothing."""
        weights: dict[str, dict[tuple[str, str, str], Fraction]] = {}
        # per group: the weighing is of the chosen group alone (a disbursement in another currency, or of no
        # known amount, says nothing of the commitments': GB-CHC-1234567-EA-2018-03's budget went unspecified
        # for its UGX disbursement where its commitments, all GBP, give Uganda, as iatiflattener weighs it)
        currencies: dict[str, set[str]] = {}
        unknown: set[str] = set()
        for t in self.r.nodes(p, table_rows.iati("transaction")):
            found = own(t)
            type_node = self.r.child(t, "transaction-type")
            kind = self._code(self.r.one(type_node, table_rows.iati("code")))[0] if type_node else ""
            group = "commitments" if kind == "2" else "spending" if kind in ("3", "4") else None
            if found is None or group is None:
                continue
            value = self.r.child(t, "value")
            amount, currency = _decimal(self.r.lex(value, SCHEMA.value)), self.r.lex(value, SCHEMA.currency)
            if amount is None or not currency:
                unknown.add(group)
                continue
            currencies.setdefault(group, set()).add(currency)
            into = weights.setdefault(group, {})
            for item in found.items:
                key = (item.kind, item.code, item.iri)
                into[key] = into.get(key, Fraction(0)) + Fraction(amount) * item.share
        group = next((g for g in ("commitments", "spending") if weights.get(g) or g in unknown), None)
        if group is None or group in unknown or len(currencies.get(group, ())) > 1:
            return NOWHERE
        kept = {key: w for key, w in weights[group].items() if w > 0}
        total = sum(kept.values(), Fraction(0))
        if total <= 0:
            return NOWHERE
        return Allocation(tuple(Item(*key, w / total) for key, w in sorted(
            kept.items(), key=lambda kw: (kw[0][0], natural_key(kw[0][1])))), WEIGHTED)

    def transaction_areas(self, t: str) -> Allocation | None:
        items = self._areas(t, with_percentage=False)
        return allocate(sorted(items, key=lambda i: (i[0], natural_key(i[1]))), own=True) if items else None

    def _sectors(self, s: str) -> dict[str, list[tuple[str, str, str, Decimal | None]]]:
        """The IATI sector elements of ``s`` by vocabulary (absent: 1)."""
        out: dict[str, list[tuple[str, str, str, Decimal | None]]] = {}
        for node in self.r.nodes(s, table_rows.iati("sector")):
            vocab = self._code(self.r.one(node, table_rows.iati("vocabulary")))[0] or "1"
            code, concept = self._code(self.r.one(node, table_rows.iati("code")))
            if code:
                pct = self._percentage(node, table_rows.iati("percentage"))
                out.setdefault(vocab, []).append((vocab, code, _published(vocab, concept), pct))
        return out

    @staticmethod
    def _one_vocabulary(found: dict[str, list[tuple[str, str, str, Decimal | None]]],
                        own: bool = False) -> Allocation | None:
        if not found:
            return None
        vocabularies = set(found)
        if not own and not vocabularies & set(PREFERRED_SECTOR_VOCABULARIES):
            # the World Bank's themes (98: "Urban Development" 100 %, "Gender" 20 %, ... 422 % together) are
            # each a share of the whole, not parts of it: its sectors of 99 (100 % together) are
            shares_out = {v for v, items in found.items()
                          if sum(max(p, Decimal(0)) for *_k, p in items if p is not None) <= OVER_100}
            vocabularies = shares_out or vocabularies
        items = found[_vocabulary_choice(vocabularies, PREFERRED_SECTOR_VOCABULARIES)]
        return allocate(sorted(items, key=lambda i: natural_key(i[1])), own=own)

    def activity_sectors(self, p: str) -> Allocation:
        found = self._sectors(p)
        for node in self.r.nodes(p, AID.sectorAllocation):
            vocab = self._code(self.r.one(node, AID.sectorVocabulary))[0] or "1"
            code, concept = self._code(self.r.one(node, AID.sector))
            if code and all(c != code for _v, c, _i, _p in found.get(vocab, ())):
                pct = self._percentage(node, AID.percentage)
                found.setdefault(vocab, []).append((vocab, code, _published(vocab, concept), pct))
        return self._one_vocabulary(found) or self._weighted(p, self.transaction_sectors)

    def transaction_sectors(self, t: str) -> Allocation | None:
        return self._one_vocabulary(self._sectors(t), own=True)


# -- the parts ---------------------------------------------------------------------------------------

# (table, the column holding the part's date, the kind of its rows when the table has no "kind" column)
SOURCES = (("transactions", "date", ""), ("budgets", "period_start", "budget"),
           ("planned_disbursements", "period_start", "planned-disbursement"))

Record = dict[str, str]


def _records(spec: table_rows.Table, rows: Iterable[table_rows.Row]) -> Iterator[Record]:
    """A table's rows as {column: cell}, the converted amounts included."""
    names = [c.name for c in spec.columns]
    for row in rows:
        yield dict(zip(names, row, strict=True))


def parts(data: Dataset) -> Iterator[Part]:
    """Every grant, transaction, budget and planned disbursement of every project, split (module doc)."""
    r = table_rows.Reader(data)
    graph = Graph(data, r)
    targets = money.targets(data.summary_currency)
    specs = {t.name: t for t in table_rows.tables(data)}
    for p in data.projects():
        yield from project_parts(graph, p, _taken(specs, {name: list(_part(specs[name])(r, p))
                                                          for name, _d, _k in SOURCES}), targets)


def _part(spec: table_rows.Table) -> table_rows.Part:
    assert spec.part is not None, f"{spec.name} is not made an activity at a time"
    return spec.part


def _taken(specs: Mapping[str, table_rows.Table], rows: Mapping[str, Sequence[table_rows.Row]]) -> list[list[Record]]:
    """One project's rows of each of the ``SOURCES`` tables (by name), as records, in ``SOURCES`` order."""
    return [list(_records(specs[name], rows.get(name, ()))) for name, _d, _k in SOURCES]


def project_parts(graph: Graph, p: str, taken: Sequence[list[Record]], targets: Sequence[str]) -> Iterator[Part]:
    """The parts of project ``p``'s rows ``taken`` from each of the ``SOURCES`` tables, in their order."""
    if not any(taken):
        return
    areas, sectors = graph.activity_areas(p), graph.activity_sectors(p)
    for (table, date_column, kind), records in zip(SOURCES, taken, strict=True):
        replaced = _replaced(records) if table == "budgets" else set()
        for rec in records:
            if rec["id"] in replaced:
                continue
            own = rec["id"] if table == "transactions" and rec.get("kind") == "transaction" else None
            if rec.get("kind") == "grant" and not rec.get("conversion_value_date"):
                rec = {**rec, "conversion_value_date": _grant_value_date(graph.r, p)}
            yield from _split_row(rec, table, kind or rec.get("kind", ""), rec.get(date_column, ""), targets,
                                  (graph.transaction_areas(own) if own else None) or areas,
                                  (graph.transaction_sectors(own) if own else None) or sectors)


def _replaced(budgets: Sequence[Record]) -> set[str]:
    """The original budgets (type 1, the default) that a revised budget (type 2) of the same period start
    replaces: IATI's revised budget is "the updated budget for an activity", stated beside the original of
    the same period, so a sum over both counts that period twice. The World Bank states both every month
    (44000-P175662: USD 12,299,000 of originals under revised budgets); iatiflattener (the Country
    Development Finance Data tool's flattener) takes the revised one alone, matched by period start."""
    revised = {rec.get("period_start") for rec in budgets if rec.get("type_code") == "2"} - {"", None}
    return {rec["id"] for rec in budgets
            if rec.get("type_code", "") in ("1", "") and rec.get("period_start") in revised}


def project_split_rows(graph: Graph, p: str, rows: Mapping[str, Sequence[table_rows.Row]],
                       specs: Mapping[str, table_rows.Table], targets: Sequence[str]) -> list[table_rows.Row]:
    """The rows of ``splits.csv`` of project ``p``, from its ``rows`` of the ``SOURCES`` tables (by name)."""
    return [_cells(part, targets) for part in project_parts(graph, p, _taken(specs, rows), targets)]


def _grant_value_date(r: table_rows.Reader, project: str) -> str:
    """The value date the conversions' rule gives a grant that has none of its own and no amount to
    convert (``mapping.conversions.value_day``): the project's start, else its programme's."""
    programme = r.one(project, AID.programme)
    stated = stated_start((concept_code(str(r.one(d, table_rows.iati("type")) or "")),
                           parse_day(r.one(d, table_rows.iati("iso-date"))))
                          for d in r.nodes(project, table_rows.iati("activity-date")))
    found = value_day(None, (parse_day(r.one(project, SCHEMA.startDate)), "activity-start"),
                      (parse_day(r.one(str(programme), SCHEMA.startDate)) if programme is not None else None,
                       "programme-start"), (stated, "activity-start"))
    return found[0].isoformat() if found is not None else ""


def _split_row(rec: Record, table: str, kind: str, date: str, targets: Sequence[str],
               areas: Allocation, sectors: Allocation) -> Iterator[Part]:
    """The parts of one row: area × sector, each amount split on its own."""
    cells = [(a, s, a.share * s.share) for a in areas.items for s in sectors.items]
    fractions = [f for _a, _s, f in cells]
    currency = rec.get("currency", "")
    value = _decimal(rec.get("value", ""))
    values = split(value, fractions)
    converted: dict[str, list[Decimal | None]] = {}
    for target in targets:
        column = f"value_{target.lower()}"
        if currency == target:  # already in that currency: untouched (even without a value date)
            amount = value
        else:  # a table without the column: not known
            amount = _decimal(rec.get(column, ""))
        converted[target] = split(amount, fractions)
    # A grant states no date of its own: its year is that of the value date the documented rule gives
    # (the one its conversions used, as the IATI export's transaction date).
    when = date or rec.get("conversion_value_date", "")
    for i, (a, s, f) in enumerate(cells):
        yield Part(source=rec["id"], activity=rec["activity"], table=table, kind=kind,
                   type_code=rec.get("type_code", ""), date=date, year=when[:4] if len(when) >= 4 else "",
                   area_kind=a.kind, area_code=a.code, area=a.iri, area_share=as_decimal(a.share),
                   sector_vocabulary=s.kind, sector_code=s.code, sector=s.iri, sector_share=as_decimal(s.share),
                   share=as_decimal(f), currency=currency, value=values[i],
                   converted={t: converted[t][i] for t in targets},
                   area_rule=areas.rule, sector_rule=sectors.rule)


# -- the table -------------------------------------------------------------------------------------


def _text(amount: Decimal | None) -> str:
    """A decimal cell: fixed-point, no exponent, a share without trailing zeros; "" when unknown."""
    if amount is None:
        return ""
    return format(amount, "f")


def _share_text(share: Decimal) -> str:
    text = format(share, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def split_rows(data: Dataset) -> Iterator[table_rows.Row]:
    """The rows of ``splits.csv``: one per part (``table``'s columns)."""
    targets = money.targets(data.summary_currency)
    for p in parts(data):
        yield _cells(p, targets)


def _cells(p: Part, targets: Sequence[str]) -> table_rows.Row:
    return (p.source, p.activity, p.table, p.kind, p.type_code, p.date, p.year,
            p.area_kind, p.area_code, p.area, _share_text(p.area_share), p.area_rule,
            p.sector_vocabulary, p.sector_code, p.sector, _share_text(p.sector_share), p.sector_rule,
            _share_text(p.share), p.currency, _text(p.value), *(_text(p.converted.get(t)) for t in targets))


TABLE_NAME = "splits"
FILE = f"tables/{TABLE_NAME}.csv"  # where the tables writer publishes ``table`` (its name, in its folder)


def read_parts(path: Path) -> Iterator[Part]:
    """The parts ``splits.csv`` holds (``split_rows`` written out), read back: what the charts sum, so
    that a build splits every amount once, not once for the table and again for the charts. Every
    cell is exact (amounts to the cent, shares with all their digits), so the parts are equal to
    those ``parts`` yields (tests/test_splits.py)."""
    def dec(cell: str) -> Decimal | None:
        return Decimal(cell) if cell else None

    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        head = next(rows)
        targets = [(i, name[len("value_"):].upper()) for i, name in enumerate(head) if name.startswith("value_")]
        for r in rows:
            yield Part(source=r[0], activity=r[1], table=r[2], kind=r[3], type_code=r[4], date=r[5], year=r[6],
                       area_kind=r[7], area_code=r[8], area=r[9], area_share=Decimal(r[10]), area_rule=r[11],
                       sector_vocabulary=r[12], sector_code=r[13], sector=r[14], sector_share=Decimal(r[15]),
                       sector_rule=r[16], share=Decimal(r[17]), currency=r[18], value=dec(r[19]),
                       converted={t: dec(r[i]) for i, t in targets})


RULES = "stated, normalised, single, equal, transaction, weighted or unspecified (docs/tables.md)"


def table(data: Dataset) -> table_rows.Table:
    """``splits.csv``: derived values, so every column is suppressOutput in the CSVW metadata."""
    col = table_rows.Column
    return table_rows.Table(TABLE_NAME, "One row per part of a grant, transaction, budget or planned disbursement "
                            "split across recipient countries/regions and sectors by their percentages "
                            "(docs/tables.md, \"Splits by country and sector\").", (
        col("source", "Split row IRI", "anyURI", description="The IRI of the grant, transaction, budget or planned "
            "disbursement split: its id in transactions.csv, budgets.csv or planned_disbursements.csv."),
        table_rows.ACTIVITY,
        col("table", "Table", description="The table the split row is in: transactions, budgets or "
            "planned_disbursements."),
        col("kind", "Kind", description="grant, transaction, budget or planned-disbursement."),
        col("type_code", "Type code", description="The transaction type code (a grant: 2) or the budget type code."),
        col("date", "Date", description="The transaction date (a grant's value date, to its precision) or the "
            "period start of a budget or planned disbursement."),
        col("year", "Year", description="The year (YYYY) of date; without one, of the value date the conversions "
            "used (a grant's by the rule in docs/tables.md); empty when neither is known."),
        col("area_kind", "Area kind", description="country or region; empty when the data names no recipient area."),
        col("area_code", "Area code", description="The ISO 3166-1 alpha-2 country code or the region code "
            "(IATI Region codelist when the vocabulary is 1)."),
        col("area", "Area IRI", "anyURI", description="The country's record in countries.csv when the dataset "
            "has one with that code, else the code's SKOS concept; empty when unspecified."),
        col("area_share", "Area share", "decimal", description="The area's share of the amount (0 to 1)."),
        col("area_rule", "Area rule", description=f"How the area share came about: {RULES}."),
        col("sector_vocabulary", "Sector vocabulary", description="The IATI SectorVocabulary code of the sector; "
            "empty when the data names no sector."),
        col("sector_code", "Sector code", description="The sector code in that vocabulary."),
        col("sector", "Sector IRI", "anyURI", description="The sector code's SKOS concept when its vocabulary is a "
            "published codelist (1: Sector, 2: SectorCategory), else empty."),
        col("sector_share", "Sector share", "decimal", description="The sector's share of the amount (0 to 1)."),
        col("sector_rule", "Sector rule", description=f"How the sector share came about: {RULES}."),
        col("share", "Share", "decimal", description="area_share × sector_share: this part's share of the amount."),
        col("currency", "Currency", description="ISO 4217 currency code of value."),
        col("value", "Value", "decimal", description="This part of the amount as the source states it, to the "
            "cent; the parts of a row add up to its amount rounded to the cent (largest remainder). Empty when the "
            "amount is unknown."),
        *(col(f"value_{target.lower()}", f"Value in {target}", "decimal",
              description=f"This part of the amount in {target}: the row's value_{target.lower()} split like "
                          f"value (an amount in {target}: value); empty when that is unknown.")
          for target in money.targets(data.summary_currency)),
    ), split_rows, primary_key=False, about="{+source}")
