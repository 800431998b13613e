"""Every amount also in EUR, USD and the dataset's own currency, at the ECB rate of its value date.

A mapping step over the whole dataset (a grant's value date may come from its programme, another
record), run after the records are mapped so that the converted amounts are validated and published
like any other statement. The node ``{amount}-in-{currency}`` (``aid:ConvertedAmount``) carries the
converted value, the rate, the ECB figures and their day, the value date used and, when the source
states none, the rule that gave it (``aid:valueDateRule``), with its provenance: derived from the
amount (``prov:wasDerivedFrom``), the ECB's reference rates as primary source. The rules are in
docs/tables.md ("Amounts in other currencies").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.term import Node

from .. import money
from ..iris import AID, PROV, SCHEMA, codelist_concept, concept_code
from ..records.values import PartialDate as Day
from ..records.values import parse_day

Triple = tuple[Node, Node, Node]

ECB = URIRef(money.SOURCE)
_VALUE_DATE = AID["iati-value-date"]  # made once: ``AID[...]`` builds a new term on every call
_IATI_VALUE, _ISO_DATE = AID["iati-value"], AID["iati-iso-date"]
# An IATI value without value-date: its transaction's date, its budget's (planned disbursement's,
# organisation budget's) start (``standard.VALUE_DATE_FALLBACKS``), each with its rule's name
_FALLBACKS = ((AID["iati-transaction-date"], "transaction-date"), (AID["iati-period-start"], "budget-period-start"))
# The terms of a converted amount, made once (a namespace's attribute is a new URIRef on every access).
_CONVERTED, _CONVERTED_AMOUNT, _TYPE = AID.convertedAmount, AID.ConvertedAmount, RDF.type
_VALUE, _CURRENCY, _CURRENCY_CODE = SCHEMA.value, SCHEMA.currency, AID.currency
_RATE, _SOURCE_PER_EUR, _TARGET_PER_EUR = AID.exchangeRate, AID.sourceRatePerEuro, AID.targetRatePerEuro
_RATE_DATE, _VALUE_DATE_USED, _VALUE_DATE_RULE = AID.rateDate, AID.conversionValueDate, AID.valueDateRule
_DERIVED, _PRIMARY = PROV.wasDerivedFrom, PROV.hadPrimarySource
# A project's iati activity-dates (several: a multi-valued map of its own) and each one's type
_ACTIVITY_DATE, _IATI_TYPE = AID["iati-activity-date"], AID["iati-type"]
_WANTED = frozenset({SCHEMA.value, SCHEMA.currency, _VALUE_DATE, SCHEMA.amount, AID.valueDate,
                     SCHEMA.fundedItem, SCHEMA.startDate, AID.programme, AID.summaryCurrency, _IATI_VALUE,
                     _ISO_DATE, _IATI_TYPE, *(p for p, _rule in _FALLBACKS)})


def stated_start(dates: Iterable[tuple[str, Day | None]]) -> Day | None:
    """The start an activity's IATI activity-dates state, of (type code, day) pairs: the actual start
    (type 2), else the planned one (type 1), as the IATI export dates a grant of no date whose project
    states no start of its own or its programme's (and IATI's readers, iatikit's ``Activity.start``)."""
    found: dict[str, Day] = {}
    for code, day in dates:  # the earliest of a type, whatever their order
        if day is not None and (code not in found or day.first_day < found[code].first_day):
            found[code] = day
    return found.get("2") or found.get("1")


def value_day(stated: Day | None, *fallbacks: tuple[Day | None, str]) -> tuple[date, str] | None:
    """(value date, rule) — the stated day; a date stated only to the year or month gives the first
    day of that period ("period-start"); with none stated, the first fallback known (its rule)."""
    if stated is not None:
        return stated.first_day, "stated" if stated.day is not None else "period-start"
    for day, rule in fallbacks:
        if day is not None:
            return day.first_day, rule
    return None


def converted_iri(amount: str, currency: str) -> URIRef:
    """The node of ``amount`` in ``currency``: a fragment beside the amount's own on its document."""
    return URIRef(f"{amount}{'-' if '#' in amount else '#'}in-{currency.lower()}")


def _wanted(triples: list[Triple]) -> tuple[dict[Node, dict[Node, Node]], dict[Node, list[Node]]]:
    """The values the conversions read, by subject (one per predicate), and each project's activity-dates."""
    props: dict[Node, dict[Node, Node]] = {}
    activity_dates: dict[Node, list[Node]] = {}
    for s, p, o in triples:
        if p in _WANTED:
            props.setdefault(s, {})[p] = o
        elif p == _ACTIVITY_DATE:
            activity_dates.setdefault(s, []).append(o)
    return props, activity_dates


def conversions(triples: list[Triple], summary_currency: str = "EUR") -> Iterator[Triple]:
    """The converted amounts of every amount (a node with ``schema:value`` and ``schema:currency``)
    whose value date is known, by the rule in ``money``."""
    props, activity_dates = _wanted(triples)
    grant_of: dict[Node, Node] = {}
    parent_of: dict[Node, Node] = {}
    for s, found in props.items():
        value_node = found.get(_IATI_VALUE)
        if value_node is not None:
            parent_of[value_node] = s
        amount_node = found.get(SCHEMA.amount)
        if amount_node is not None:
            grant_of[amount_node] = s
        concept = found.get(AID.summaryCurrency)
        if concept is not None:
            summary_currency = concept_code(str(concept))
    targets = money.targets(summary_currency)
    for amount in props:  # the triples' order: deterministic, and no sort of every subject
        found = props[amount]
        value, currency = found.get(SCHEMA.value), found.get(SCHEMA.currency)
        if value is None or currency is None:
            continue
        when = _value_date(amount, found, props, grant_of, parent_of, activity_dates)
        if when is None:
            continue
        day, rule = when
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            continue
        for target in targets:
            c = money.convert(number, str(currency), day, target)
            if c is None:
                continue
            node = converted_iri(str(amount), target)
            yield amount, _CONVERTED, node
            yield node, _TYPE, _CONVERTED_AMOUNT
            yield node, _VALUE, _number(str(c.amount))
            yield node, _CURRENCY, _plain(target)
            yield node, _CURRENCY_CODE, _currency(target)
            yield node, _RATE, _number(str(c.rate))
            yield node, _SOURCE_PER_EUR, _number(str(c.source_per_eur))
            yield node, _TARGET_PER_EUR, _number(str(c.target_per_eur))
            yield node, _RATE_DATE, _day(c.rate_date)
            yield node, _VALUE_DATE_USED, _day(day)
            if rule != "stated":
                yield node, _VALUE_DATE_RULE, _plain(rule)
            yield node, _DERIVED, amount
            for source in c.sources:  # the ECB's rates, and the act fixing a pegged currency's parity
                yield node, _PRIMARY, _iri(source)



@cache
def _iri(iri: str) -> URIRef:
    return ECB if iri == money.SOURCE else URIRef(iri)


# Literals are immutable: one object per recent value (rates, dates and currencies repeat across
# every converted amount), bounded. Numbers are keyed by their text: Decimal("1.0") == Decimal("1.00").
@lru_cache(maxsize=1 << 16)
def _number(text: str) -> Literal:
    return Literal(Decimal(text))


@lru_cache(maxsize=1 << 16)
def _day(day: date | str) -> Literal:
    return Literal(day, datatype=XSD.date)


@cache
def _plain(text: str) -> Literal:
    return Literal(text)


@cache
def _currency(code: str) -> URIRef:
    return codelist_concept("Currency", code)


def _value_date(amount: Node, found: dict[Node, Node], props: dict[Node, dict[Node, Node]],
                grant_of: dict[Node, Node], parent_of: dict[Node, Node],
                activity_dates: dict[Node, list[Node]] | None = None) -> tuple[date, str] | None:
    """An IATI value's ``value-date``, else its transaction's date or its budget's start (the rule the
    IATI export uses for it); a grant's date, else its project's start, else the start of the
    project's programme, else the start its IATI activity-dates state (the rule the IATI export uses
    for a grant's transaction)."""
    stated = found.get(_VALUE_DATE)
    if stated is not None:
        return value_day(parse_day(stated))
    parent = props.get(parent_of[amount], {}) if amount in parent_of else {}
    for predicate, rule in _FALLBACKS:
        node = parent.get(predicate)
        day = props.get(node, {}).get(_ISO_DATE) if node is not None else None
        if day is not None:
            return value_day(None, (parse_day(day), rule))
    grant = grant_of.get(amount)
    if grant is None:
        return None
    g = props.get(grant, {})
    project = g.get(SCHEMA.fundedItem)
    p = props.get(project, {}) if project is not None else {}
    programme = p.get(AID.programme)
    pr = props.get(programme, {}) if programme is not None else {}
    dates = (activity_dates or {}).get(project, ()) if project is not None else ()
    start = stated_start((concept_code(str(props.get(d, {}).get(_IATI_TYPE, ""))),
                          parse_day(props.get(d, {}).get(_ISO_DATE))) for d in dates)
    return value_day(parse_day(g.get(AID.valueDate)),
                     (parse_day(p.get(SCHEMA.startDate)), "activity-start"),
                     (parse_day(pr.get(SCHEMA.startDate)), "programme-start"),
                     (start, "activity-start"))
