"""A project's IATI content (transactions, budgets, locations, results, documents, related
activities) as a person reads it, from the ``aid:iati-*`` statements of the graph.

The statement tables show every fact; these views sum, sort and draw them (totals per type, year
and currency, a small map), so they live apart from the generic ``views``.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape
from rdflib import SKOS, Literal, URIRef
from rdflib.term import Node

from ..dataset import natural_key, parse_decimal
from ..iati import standard
from ..iris import AID, SCHEMA, codelist_concept
from ..mapping.iati_block import prop as iati  # aid:iati-{name}, made once per name
from .i18n import interface_language, marked, translations
from .lookup import RELATED_TYPES, Lookup
from .text import coordinates, fragment, isolated, literal_text, locale_of, money, number, safe_href, stated_percent

Row = dict[str, Any]


MAP_WIDTH = 320   # the map's largest side, in SVG user units
MAP_PAD = 24      # room around the points' box, for the dots and their labels
MAP_FONT = 9      # the graticule's degrees, in the SVG's pixels


COMMITMENT = "2"  # the transaction type of a commitment, which a grant is
Totals = dict[tuple[str, str], tuple[dict[str, Decimal], list[int]]]  # (type, year) → per currency, unknown


def _add_total(sums: Totals, type_code: str, when: Node | None, value: Decimal | None, currency: str) -> None:
    """One amount into the totals per type, year and currency (one not known counted apart)."""
    year = str(when)[:4] if when is not None else ""
    totals, unknown = sums.setdefault((type_code, year), ({}, [0]))
    if value is None:
        unknown[0] += 1
    else:
        totals[currency] = totals.get(currency, Decimal(0)) + value
_NOTATION = SKOS.notation  # rdflib's closed namespaces build and check a term on every access
VALUE = AID["iati-at-value"]  # the ``value`` attribute (of target, actual, baseline, dimension)
NAME = AID["iati-at-name"]  # the ``name`` attribute (of a dimension)
# a value as IATI's decimal states it ("90.0000000000", "-3", ".5"); anything else ("2,5", "1,500", "NaN")
# is not read as a number and is shown as stated
_RELATED_ACTIVITY = iati("related-activity")
# the relation an activity is to one that states it as related (RelatedActivityType): the child's parent, the
# parent's child; a sibling's, a co-funder's or a third party's the same
_INVERSE_RELATION = {"1": "2", "2": "1", "3": "3", "4": "4", "5": "5"}
DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
PERCENTAGE, NOMINAL, QUALITATIVE = "2", "3", "5"  # IndicatorMeasure codes



def written(lang: str) -> str:
    """The language a page's IATI tables write figures and dates in: its interface text's (``<html
    lang>``), so an Arabic page with English interface text reads "March 1, 2023", not Arabic month
    names inside English words."""
    return interface_language(lang)

class ActivityViews:
    """The IATI sections of project pages, read through the ``Lookup`` (so tracked as dependencies)."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup

    # -- small readers --------------------------------------------------------------------------

    def nodes(self, iri: str, name: str) -> list[str]:
        """The child element nodes ``name`` of ``iri``, in the order the record gives them."""
        return sorted((str(o) for o in self.lookup.values(iri, iati(name)) if isinstance(o, URIRef)),
                      key=natural_key)

    def text(self, iri: str, predicate: URIRef, lang: str) -> Row | None:
        """A narrative (or plain) text for ``lang`` with its language when it is not the page's."""
        lit = self.lookup.pick(self.lookup.values(iri, predicate), lang)
        if lit is None:
            return None
        return {"text": str(lit), "lang": marked(lit.language, lang), "code": False}

    def plain(self, iri: str, predicate: URIRef) -> str | None:
        found = self.lookup.first(iri, predicate)
        return str(found) if found is not None else None

    def date(self, iri: str, name: str) -> Literal | None:
        """The ``iso-date`` of child element ``name`` (period-start, transaction-date, …)."""
        for node in self.nodes(iri, name):
            found = self.lookup.first(node, iati("iso-date"))
            if isinstance(found, Literal):
                return found
        return None

    def code(self, node: Node | None, lang: str, codelist: str | None = None) -> Row | None:
        """A code: a codelist concept as ``code – name`` (with the name's language), a plain code
        as it is, or by the concept of ``codelist`` when the graph has that concept."""
        look = self.lookup
        if node is None:
            return None
        iri = str(node) if isinstance(node, URIRef) else None
        if iri is None and codelist is not None:
            try:
                concept = str(codelist_concept(codelist, str(node)))
            except ValueError:
                concept = None
            if concept is not None and look.own(concept):
                iri = concept
        if iri is None:
            return {"text": str(node), "lang": None, "code": True}
        return {"text": look.label(iri, lang), "lang": look.label_lang(iri, lang), "code": False}

    def sector(self, iri: str, lang: str) -> Row | None:
        """A sector (or region, country) by its code: a codelist's as ``code – name``; a code of a list
        the standard does not publish (vocabulary 98 or 99, the reporting organisation's own) with the
        name its narrative gives (USAID's transactions' "7001 – Protection, Assistance and Solutions":
        "7001" alone said nothing)."""
        row = self.code(self.lookup.first(iri, iati("code")), lang)
        if row is None or not row["code"]:
            return row
        named = self.text(iri, iati("narrative"), lang)
        if named is None or not named["text"].strip():
            return row
        return {"text": f"{row['text']} \u2013 {' '.join(named['text'].split())}", "lang": named["lang"],
                "code": False}

    def child_code(self, iri: str, name: str, lang: str) -> Row | None:
        """The ``code`` of child element ``name`` (transaction-type, category, location-reach, …)."""
        for node in self.nodes(iri, name):
            return self.code(self.lookup.first(node, iati("code")), lang)
        return None

    def amount(self, node: str | None) -> tuple[Decimal | None, str]:
        """(value or None when not known, currency or "") of a value element."""
        if node is None:
            return None, ""
        value = parse_decimal(self.lookup.first(node, SCHEMA.value))
        return value, str(self.lookup.first(node, SCHEMA.currency) or "")

    @staticmethod
    def money_text(value: Decimal | None, currency: str, lang: str) -> str:
        """An amount as the site writes it; never 0 for an amount the data does not give."""
        _ = translations(lang).gettext
        if value is None:
            return _("amount not known")
        if not currency:
            return _("{amount} (currency not known)").format(amount=number(value, written(lang)))
        return money(value, currency, written(lang))

    def party(self, iri: str, name: str, path: str, lang: str) -> Row | None:
        """A provider or receiver organisation: the name the element states (its narrative), linked
        to the organisation's page when the data has it; else the organisation's name; else its ref.
        The element's own name, as a participation's and as ``tables/transactions.csv`` give it: FCDO's
        receiver "UK - Foreign, Commonwealth and Development Office (FCDO)" read as its record's
        "Foreign, Commonwealth and Development Office". One stated by its type alone (RVO's receivers
        of type 90 with an empty narrative) is shown by that type, not as no one ("–")."""
        for node in self.nodes(iri, name):
            org = self.lookup.first(node, AID.organisation)
            found = self.text(node, iati("narrative"), lang)
            if isinstance(org, URIRef):
                party = self._org_party(org, path, lang)
                if found is not None and found["text"] == self.plain(str(org), AID.iatiOrganisationIdentifier):
                    found = None  # a name that is the record's identifier ("XI-IATI-EC_INTPA"): the record's
                return {**party, **found} if party is not None and found is not None else party
            if found is not None:
                return {**found, "href": None, "code": False}
            ref = self.plain(node, iati("ref"))
            if ref:
                return {"text": ref, "lang": None, "href": None, "code": True}
            kind = self.code(self.lookup.first(node, iati("type")), lang, "OrganisationType")
            if kind is not None:  # RVO's receiver-org type="90" with an empty narrative: its type, not "–"
                return {**kind, "href": None, "type": True}
        return None

    def period(self, iri: str, lang: str) -> Row:
        start, end = self.date(iri, "period-start"), self.date(iri, "period-end")
        return {"start": literal_text(start, written(lang)) if start is not None else None,
                "end": literal_text(end, written(lang)) if end is not None else None,
                "sort": str(start) if start is not None else "~"}

    # -- the sections ---------------------------------------------------------------------------

    def sections(self, project: str, path: str, lang: str) -> Row | None:
        """Every IATI section the project has content for; None when it has none."""
        found = {
            "transactions": self.transactions(project, path, lang),
            "budgets": self.budgets(project, "budget", path, lang),
            "planned": self.budgets(project, "planned-disbursement", path, lang),
            "locations": self.locations(project, lang),
            "results": self.results(project, lang),
            "documents": self.documents(project, lang),
            "related": self.related(project, path, lang),
            "organisation_budgets": None,
        }
        return found if any(found.values()) else None

    def organisation_sections(self, org: str, path: str, lang: str) -> Row | None:
        """An organisation's budgets, expenditure and documents (its IATI organisation file, the
        record's iati field) in the project page's section shapes; None when it has none."""
        found: Row = dict.fromkeys(("transactions", "budgets", "planned", "locations", "results", "related"))
        found["organisation_budgets"] = self.organisation_budgets(org, path, lang)
        found["documents"] = self.documents(org, lang, path)
        return found if found["organisation_budgets"] or found["documents"] else None

    def recipient_place(self, node: str, path: str, lang: str) -> Row | None:
        """A budget's recipient country (its country's page when the data has it) or region."""
        for country in self.nodes(node, "recipient-country"):
            if (linked := self.country_link(country, path, lang)) is not None:
                return linked
        # a region of the publisher's own vocabulary (99) by the name its narrative gives: ADB's "REG"
        # alone said nothing of its "Regional and Others" (organisation_budgets.csv names it so)
        for name in ("recipient-country", "recipient-region"):
            for element in self.nodes(node, name):
                found = self.sector(element, lang)
                return {**found, "href": None} if found is not None else None
        return None

    def country_link(self, element: str, path: str, lang: str) -> Row | None:
        """A recipient-country element as a link to its country's page, when the data has that country."""
        look = self.lookup
        record = look.first(element, AID.country)
        if not isinstance(record, URIRef):
            return None
        return {"text": look.label(str(record), lang), "lang": look.label_lang(str(record), lang),
                "href": look.href(path, lang, str(record)), "code": False}

    def budget_type(self, node: str, lang: str) -> Row:
        """``type`` and ``type_assumed`` of a budget's or planned disbursement's row: one that states no
        type is the original, the 2.03 standard says of both ("If omitted, then BudgetType code 1
        (Original) is assumed"; FAO's budgets state neither type nor status), so it is shown so and
        said to be assumed, as its status is."""
        stated = self.lookup.first(node, iati("type"))
        return {"type": self.code(Literal("1") if stated is None else stated, lang, "BudgetType"),
                "type_assumed": stated is None}

    def budget_status(self, node: str, lang: str, assumable: bool) -> Row:
        """``status`` and ``status_assumed`` of a budget's row: one that states no status is indicative,
        the activity and organisation schemas say (FAO's budgets state neither type nor status), so
        it is shown so and said to be assumed; ``assumable``: False for what has no status (an
        expenditure, a planned disbursement)."""
        status = self.lookup.first(node, iati("status"))
        assumed = status is None and assumable
        return {"status": self.code(Literal("1") if assumed else status, lang, "BudgetStatus"),
                "status_assumed": assumed}

    def organisation_budgets(self, org: str, path: str, lang: str) -> list[Row]:
        """Every budget and expenditure of an organisation file: kind, period, status, recipient
        (an organisation, country or region) and value, by kind and period."""
        rows = []
        for order, kind in enumerate(standard.ORGANISATION_BUDGETS):
            label = self.class_label(kind, lang)
            for node in self.nodes(org, kind):
                period = self.period(node, lang)
                recipient = (self.party(node, "recipient-org", path, lang)
                             or self.recipient_place(node, path, lang))
                rows.append({
                    "id": fragment(node), "sort": (order, period["sort"], natural_key(node)), "kind": label,
                    **self.budget_status(node, lang, assumable=kind != "total-expenditure"),
                    "period": period, "recipient": recipient, **self.value_cells(node, lang),
                    "lines": self.budget_lines(node, lang)})
        return sorted(rows, key=lambda r: r["sort"])

    def budget_lines(self, node: str, lang: str) -> list[Row]:
        """A budget's budget-lines or an expenditure's expense-lines, in document order, each with its
        ref, narrative and value: the standard's example splits a total budget of USD 250,000,000 into
        two lines, and the page's table showed the total alone (the lines were in the parts below)."""
        rows = []
        for name in ("budget-line", "expense-line"):
            label = self.class_label(name, lang)
            for line in self.nodes(node, name):
                rows.append({
                    "id": fragment(line), "kind": label, "ref": self.plain(line, iati("ref")),
                    "description": self.text(line, iati("narrative"), lang), **self.value_cells(line, lang)})
        return rows

    def class_label(self, element: str, lang: str) -> Row:
        """The name of the class of an IATI element's parts (``budget-line``: "Budget line"), as a cell."""
        cls = str(AID[standard.class_name(element)])
        return {"text": self.lookup.label(cls, lang), "lang": self.lookup.label_lang(cls, lang), "code": False}

    def value_cells(self, node: str, lang: str) -> Row:
        """The cells of a part's ``value`` (a budget's, a line's, a transaction's): the amount in its
        currency, whether it is negative, and its conversions."""
        values = self.nodes(node, "value")
        value, currency = self.amount(values[0] if values else None)
        return {"value": self.money_text(value, currency, lang), "negative": value is not None and value < 0,
                "converted": self.lookup.conversions_text(values[0], written(lang), bare=True) if values else ""}

    def transactions(self, project: str, path: str, lang: str) -> Row | None:
        """Per transaction type a table of its transactions, and totals per type, year and currency."""
        _ = translations(lang).gettext
        by_type: dict[str, Row] = {}
        sums: Totals = {}
        for node in self.nodes(project, "transaction"):
            type_node = next((self.lookup.first(t, iati("code")) for t in self.nodes(node, "transaction-type")), None)
            type_code = self.notation(type_node)
            group = by_type.get(type_code)
            if group is None:
                group = by_type[type_code] = self._type_group(type_code, type_node, lang)
            values = self.nodes(node, "value")
            value, currency = self.amount(values[0] if values else None)
            when = self.date(node, "transaction-date")
            if when is None and values:  # the value's date stands in for a missing transaction date
                found = self.lookup.first(values[0], iati("value-date"))
                when = found if isinstance(found, Literal) else None
            group["rows"].append({
                "id": fragment(node), "href": None,
                "sort": (str(when) if when is not None else "~", natural_key(node)),
                "date": literal_text(when, written(lang)) if isinstance(when, Literal) else None,
                "value": self.money_text(value, currency, lang), "negative": value is not None and value < 0,
                "converted": self.lookup.conversions_text(values[0], written(lang), bare=True) if values else "",
                "provider": self.party(node, "provider-org", path, lang),
                "receiver": self.party(node, "receiver-org", path, lang),
                "description": self.text(node, iati("description"), lang),
                # an activity may state its countries and sectors per transaction instead (USAID's, WHO's)
                "place": self.recipient_place(node, path, lang),
                "sectors": [row for s in self.nodes(node, "sector") if (row := self.sector(s, lang)) is not None]})
            _add_total(sums, type_code, when, value, currency)
        if not by_type:
            return None
        self._grant_rows(project, path, lang, by_type, sums)
        groups = [by_type[k] for k in sorted(by_type, key=code_order)]
        for group in groups:
            group["rows"].sort(key=lambda r: r["sort"])
            # a column for the transactions' own countries or regions and sectors where one states any
            group["places"] = any(r.get("place") for r in group["rows"])
            group["sectors"] = any(r.get("sectors") for r in group["rows"])
        summary = []
        for (type_code, year) in sorted(sums, key=lambda k: (code_order(k[0]), k[1] or "~")):
            totals, unknown = sums[(type_code, year)]
            summary.append({
                "type": by_type[type_code]["label"], "href": f"#{by_type[type_code]['id']}",
                "year": year or _("year not known"),
                "totals": [self.money_text(totals[c], c, lang) for c in sorted(totals)],
                "unknown": _("{n} amount(s) not known").format(n=number(unknown[0], written(lang)))
                if unknown[0] else None})
        return {"types": groups, "summary": summary}

    def _grant_rows(self, project: str, path: str, lang: str, by_type: dict[str, Row], sums: Totals) -> None:
        """A project with IATI transactions and grants (commitments the import made grants of, beside
        those it kept as transactions: a reference, a negative correction): its grants are outgoing
        commitments too, in the table and the totals, each linking to its grant page."""
        look = self.lookup
        grants = sorted((str(g) for g in look.values(project, SCHEMA.funding) if isinstance(g, URIRef)),
                        key=natural_key)
        if not grants:
            return
        group = by_type.get(COMMITMENT)
        if group is None:
            concept = codelist_concept("TransactionType", COMMITMENT)
            group = by_type[COMMITMENT] = self._type_group(COMMITMENT, concept, lang)
        for g in grants:
            amount = look.first(g, SCHEMA.amount)
            value, currency = self.amount(str(amount) if amount is not None else None)
            when = look.first(g, AID.valueDate)
            funder, recipient = look.first(g, SCHEMA.funder), look.first(g, AID.recipientOrganisation)
            group["rows"].append({
                "id": None, "href": look.href(path, lang, g),
                "sort": (str(when) if when is not None else "~", natural_key(g)),
                "date": literal_text(when, written(lang)) if isinstance(when, Literal) else None,
                "value": self.money_text(value, currency, lang), "negative": value is not None and value < 0,
                "converted": look.conversions_text(str(amount), written(lang), bare=True) if amount is not None else "",
                "provider": self._org_party(funder, path, lang), "receiver": self._org_party(recipient, path, lang),
                "description": self.text(g, SCHEMA.description, lang), "place": None, "sectors": []})
            _add_total(sums, COMMITMENT, when, value, currency)

    def _type_group(self, type_code: str, type_node: Node | None, lang: str) -> Row:
        """The table of one transaction type, headed by its codelist name (without its code)."""
        label = self.code(type_node, lang) if type_node is not None else None
        if label is not None and not label["code"]:
            label["text"] = self.lookup.label(str(type_node), lang, with_code=False)
            label["lang"] = self.lookup.label_lang(str(type_node), lang, with_code=False)
        _ = translations(lang).gettext
        return {"code": type_code, "id": f"transactions-{type_code or 'unknown'}",
                "label": label or {"text": _("type not known"), "lang": None, "code": False}, "rows": []}

    def _org_party(self, org: Node | None, path: str, lang: str) -> Row | None:
        if not isinstance(org, URIRef):
            return None
        look = self.lookup
        return {"text": look.label(str(org), lang), "lang": look.label_lang(str(org), lang),
                "href": look.href(path, lang, str(org)), "code": False}

    def notation(self, node: Node | None) -> str:
        """The code of a codelist concept or a plain code ("" if none)."""
        if node is None:
            return ""
        if isinstance(node, URIRef):
            found = self.lookup.first(str(node), _NOTATION)
            return str(found) if found is not None else str(node).rsplit("/", 1)[-1].split("#", 1)[0]
        return str(node)

    def budgets(self, project: str, name: str, path: str, lang: str) -> list[Row]:
        """Budgets or planned disbursements: type, status, period and value, by period."""
        rows = []
        for node in self.nodes(project, name):
            period = self.period(node, lang)
            rows.append({
                "id": fragment(node), "sort": (period["sort"], natural_key(node)),
                **self.budget_type(node, lang),
                **self.budget_status(node, lang, assumable=name == "budget"),
                "period": period, **self.value_cells(node, lang),
                "provider": self.party(node, "provider-org", path, lang),
                "receiver": self.party(node, "receiver-org", path, lang)})
        return sorted(rows, key=lambda r: r["sort"])

    def locations(self, project: str, lang: str) -> Row | None:
        """The locations with their coordinates and codes, and a map of the ones with coordinates."""
        items = []
        points = []
        for n, node in enumerate(self.nodes(project, "location"), start=1):
            lat = lon = None
            for geo in sorted(str(g) for g in self.lookup.values(node, SCHEMA.geo)):
                lat = parse_decimal(self.lookup.first(geo, SCHEMA.latitude))
                lon = parse_decimal(self.lookup.first(geo, SCHEMA.longitude))
                break
            if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                lat = lon = None
            name = self.text(node, iati("name"), lang)
            described = self.text(node, iati("description"), lang)
            if name is None and described is None and (ids := self.lookup.identifiers_text(node, lang)):
                # a location of a gazetteer's id alone (Global Affairs Canada's GeoNames ids): that id
                name = {"text": ids, "lang": None, "code": True}
            where = coordinates(lat, lon, written(lang)) if lat is not None and lon is not None else None
            items.append({
                "id": fragment(node), "n": n, "name": name,
                "description": described,
                # what the activity does there (IATI location/activity-description): UNDP's two
                # offices in Vientiane, one place, differ by it alone
                "activity": self.text(node, iati("activity-description"), lang),
                "coordinates": where,
                "reach": self.child_code(node, "location-reach", lang),
                "location_class": self.child_code(node, "location-class", lang),
                # what kind of place (LocationType: "PPLA – seat of a first-order administrative division")
                "feature": self.child_code(node, "feature-designation", lang),
                "exactness": self.child_code(node, "exactness", lang)})
            if lat is not None and lon is not None:
                # the map names a location by its name, else by its description (ECHO's, EC FPI's), else
                # by where it is (AFD's point alone: "1. 1" said nothing)
                said = name or described
                points.append((lat, lon, str(n), said["text"] if said else where or str(n),
                               said["lang"] if said else None))
        if not items:
            return None
        return {"places": items, "map": svg_map(points, lang) if points else None}

    def results(self, project: str, lang: str) -> list[Row]:
        """Each result with its indicators: baseline and, per period, target and actual."""
        out = []
        # the activity's locations by their ref, as a baseline, target or actual names one: its name
        places = {ref: " ".join(str(name).split()) for loc in self.nodes(project, "location")
                  if (ref := self.plain(loc, iati("ref")))
                  and (name := self.lookup.pick(self.lookup.values(loc, iati("name")), lang)) is not None}
        for node in self.nodes(project, "result"):
            indicators = []
            for ind in self.nodes(node, "indicator"):
                measure = self.measure_code(ind)
                baselines = [{"year": self.baseline_when(b, lang), "value": self.measure_text(b, places, measure, lang),
                              "comment": self.text(b, iati("comment"), lang), "documents": self.documents(b, lang)}
                             for b in self.nodes(ind, "baseline")]
                periods = []
                for per in self.nodes(ind, "period"):
                    periods.append({
                        **self.period(per, lang),
                        "target": self.measured(per, "target", lang, places, measure),
                        "actual": self.measured(per, "actual", lang, places, measure)})
                periods.sort(key=lambda p: p["sort"])
                indicators.append({
                    "id": fragment(ind), "title": self.text(ind, iati("title"), lang),
                    "description": self.text(ind, iati("description"), lang),
                    "measure": self.code(self.lookup.first(ind, iati("measure")), lang, "IndicatorMeasure"),
                    # IATI's @ascending="0": the indicator improves as it falls (cases of a disease); unsaid, a
                    # target below the baseline read as a decline (the EC NEAR's indicators state it). Values of a
                    # nominal or qualitative measure have no order: Sida's qualitative "Not applicable" indicators
                    # state "0" too, and read "Improves as its value falls" of no value at all
                    "descending": (self.plain(ind, iati("ascending")) or "").strip() in ("0", "false")
                    and measure not in (NOMINAL, QUALITATIVE),
                    "baselines": baselines, "periods": periods,
                    "references": self.references(ind, lang), "documents": self.documents(ind, lang),
                    "aggregation": self.aggregation(ind, lang),
                    # a target the source states without a period (IATI has none for it: aidlod's own)
                    "target": shown_value(self.plain(ind, AID.targetValue), measure, lang)})
            kind = self.code(self.lookup.first(node, iati("type")), lang, "ResultType")
            out.append({"id": fragment(node), "type": kind, "languages": self.language_names(node, lang),
                        "references": self.references(node, lang), "documents": self.documents(node, lang),
                        "aggregation": self.aggregation(node, lang),
                        "title": self.text(node, iati("title"), lang),
                        "description": self.text(node, iati("description"), lang), "indicators": indicators})
        return out

    def baseline_when(self, baseline: str, lang: str) -> str | None:
        """When a baseline was measured: its ``iso-date`` (IATI 2.03: "the date the baseline value was
        gathered") as the page writes dates, with its ``year`` beside it when that is another year
        ("2019 (September 1, 2020)"), else its year alone; Cordaid's "2022-12-31" read "2022". A year that
        software writes for an unknown date (CAF's year="1900" beside iso-date="2024-10-07") is not put
        beside the date: the baseline was not measured in 1900 (the import notes it; the year stays in the
        data, the tables and the export)."""
        year = self.plain(baseline, iati("year"))
        when = self.lookup.first(baseline, iati("iso-date"))
        if not isinstance(when, Literal):
            return year
        date = literal_text(when, written(lang))
        if year is None or str(when).startswith(year.strip()) or year.strip() in standard.PLACEHOLDER_YEARS:
            return date
        return f"{year} ({date})"

    def language_names(self, node: str, lang: str) -> list[str]:
        """The languages an output is published in (``aidlod-languages``), named in the page's
        language as CLDR names them (the IATI Language codelist names them in English only)."""
        names = locale_of(lang).languages
        return [names.get(code, code) for code in sorted(str(o) for o in self.lookup.values(node, SCHEMA.inLanguage))]

    def measure_code(self, indicator: str) -> str | None:
        """The IndicatorMeasure code of an indicator (its concept's notation), None when it states none."""
        kind = self.lookup.first(indicator, iati("measure"))
        notation = self.lookup.first(str(kind), _NOTATION) if isinstance(kind, URIRef) else kind
        return str(notation).strip() if notation is not None else None

    def measured(self, period: str, name: str, lang: str, places: dict[str, str] | None = None,
                 measure: str | None = None) -> list[Row]:
        """The targets or actuals of an indicator period, each with its own comment: a qualitative
        indicator's (measure 5) are stated in their comments alone, and a comment belongs to one
        value of a breakdown, not to the period."""
        out = []
        for x in self.nodes(period, name):
            head, comment = self.measure_text(x, places, measure, lang), self.text(x, iati("comment"), lang)
            documents = self.documents(x, lang)
            if head or comment is not None or documents:
                out.append({"head": head or "", "comment": comment, "documents": documents})
        return out

    def measure_text(self, node: str, places: dict[str, str] | None = None, measure: str | None = None,
                     lang: str = "en") -> str | None:
        """A baseline's, target's or actual's value with what it is broken down by, when it is
        ("20 (sex: female)", "5 (KE-NBO)"; "(sex: female)" when it has no value, as a qualitative
        one): several values of one period are a breakdown, not corrections, and say of what. A
        dimension states its name or its value alone as well (both are optional in IATI 2.03): the
        Jordan Open Source Association names each of its indicators' dimensions ("Workshops",
        "Audited CSOs") and states no value; that one is said by its name ("3 (Workshops)"). The value
        is written as the page's language writes numbers (``shown_value``)."""
        value = shown_value(self.plain(node, VALUE), measure, lang)
        by = [": ".join(said) for d in self.nodes(node, "dimension")
              if (said := [t for t in (self.plain(d, NAME), self.plain(d, VALUE)) if t])]
        # a location by the name of the activity's location its ref points to (IATI: "a cross-reference to
        # iati-activity/location/@ref"): Cordaid's breakdowns named <location ref="604737"/>, its "Pakistan"
        by += [(places or {}).get(ref, ref) for loc in self.nodes(node, "location")
               if (ref := self.plain(loc, iati("ref")))]
        if value is None:
            return f"({'; '.join(by)})" if by else None
        return f"{value} ({'; '.join(by)})" if by else value

    def aggregation(self, node: str, lang: str) -> Row | None:
        """A result's or indicator's ``aggregation-status`` (IATI: whether its data are suitable for
        aggregation) named as the ontology names it, "Aggregation status: no", so that a reader adding
        up results across activities learns which the publisher says not to (the EC NEAR's say "0")."""
        stated = self.lookup.first(node, iati("aggregation-status"))
        if not isinstance(stated, Literal):
            return None
        term = str(iati("aggregation-status"))
        name = self.lookup.label(term, lang)  # as the statements' table headings: capitalised
        return {"name": name[:1].upper() + name[1:], "lang": self.lookup.label_lang(term, lang),
                "value": literal_text(stated, written(lang))}

    def references(self, node: str, lang: str) -> list[Row]:
        """A result's or indicator's references (a code of an outside list: an SDG indicator, the
        publisher's own list), labelled as the parts further down label them and linked to the
        indicator's or the list's address when it states one (RVO's has a space: percent-encoded)."""
        look = self.lookup
        rows = []
        for ref in self.nodes(node, "reference"):
            address = self.plain(ref, iati("indicator-uri")) or self.plain(ref, iati("vocabulary-uri")) or ""
            href = safe_href(re.sub(r'[\s<>"]', lambda m: quote(m.group()), address.strip()))
            rows.append({"id": fragment(ref), "text": look.label(ref, lang), "lang": look.label_lang(ref, lang),
                         "href": href, "code": False})
        return rows

    def documents(self, project: str, lang: str, path: str | None = None) -> list[Row]:
        """The document links: title, address (a link only when it is http or https), format, …; with
        ``path``, an organisation's, the countries each is about (its recipient-country elements, each
        linked to its country's page when the data has it)."""
        rows = []
        for node in self.nodes(project, "document-link"):
            url = self.plain(node, iati("url")) or ""
            when = self.date(node, "document-date")
            # the address as the graph links it (schema:url, spaces percent-encoded as a browser sends
            # them): UNDP's ".../Initiation Plan_Covid19 RRF.docx" was shown unlinked
            web = self.lookup.first(node, SCHEMA.url)
            rows.append({
                "id": fragment(node), "title": self.text(node, iati("title"), lang),
                "url": url, "href": safe_href(str(web)) if isinstance(web, URIRef) else safe_href(url),
                "format": self.plain(node, iati("format")),
                "categories": [c for c in (self.code(self.lookup.first(x, iati("code")), lang)
                                           for x in self.nodes(node, "category")) if c is not None],
                "languages": [c for c in (self.code(self.lookup.first(x, iati("code")), lang)
                                          for x in self.nodes(node, "language")) if c is not None],
                "date": literal_text(when, written(lang)) if when is not None else None,
                "countries": self.document_countries(node, path, lang) if path is not None else []})
        return rows

    def document_countries(self, node: str, path: str, lang: str) -> list[Row]:
        """An organisation's document's recipient countries: IDA's report on Zambia said so in the
        parts of the page alone, not in its table of documents (organisation_documents.csv did). A code
        no country of the data has is shown as its code, unlinked (a row without ``href`` stopped the
        page)."""
        out: list[Row] = []
        for country in self.nodes(node, "recipient-country"):
            found = self.country_link(country, path, lang)
            if found is None and (code := self.code(self.lookup.first(country, iati("code")), lang,
                                                    "Country")) is not None:
                found = {**code, "href": None}
            if found is not None:
                out.append(found)
        return out

    def related(self, project: str, path: str, lang: str) -> list[Row]:
        """Related activities: their type and identifier, linked when the data has that project; then
        those of the data that state this one as theirs, by the relation it is to them, said to be stated
        by them. 11.11.11's programme names no child, its three outcomes each name it their parent: the
        programme's table was empty, its children listed among the page's references alone."""
        look = self.lookup
        rows: list[Row] = []
        stated: set[str] = set()  # the pages of the activities it states
        for node in self.nodes(project, "related-activity"):
            code = self._related_code(node)
            ref = self.plain(node, iati("ref")) or ""
            target = None
            for s in look.with_identifier(ref):
                if look.has_type(s, AID.Activity) and s != project:
                    target = self._related_target(s, path, lang)
                    if target is not None:
                        stated.add(target["href"])
                        break
            rows.append({"id": fragment(node), "type": _related_label(code, lang), "ref": ref, "target": target,
                         "theirs": False})
        theirs: list[Row] = []
        for node, p in look.refs(project):
            if p != AID.activity or not look.has_type(node, AID.RelatedActivity):
                continue
            inverse = _INVERSE_RELATION.get(self._related_code(node))
            for other, q in look.refs(node):
                if q != _RELATED_ACTIVITY or other == project or inverse is None:
                    continue
                target = self._related_target(other, path, lang)
                ident = look.first(other, AID.iatiIdentifier)
                if target is not None and target["href"] not in stated and ident is not None:
                    stated.add(target["href"])
                    theirs.append({"id": fragment(node), "type": _related_label(inverse, lang), "ref": str(ident),
                                   "target": target, "theirs": True})
        return rows + sorted(theirs, key=lambda r: (r["type"], r["ref"]))

    def _related_code(self, node: str) -> str:
        """A related-activity's RelatedActivityType code, as stated ("" when it states none)."""
        kind = self.lookup.first(node, iati("type"))  # a RelatedActivityType concept: its code
        notation = self.lookup.first(str(kind), _NOTATION) if isinstance(kind, URIRef) else kind
        return str(notation) if notation is not None else ""

    def _related_target(self, s: str, path: str, lang: str) -> Row | None:
        """The link to the project ``s`` on this page, None when the site has no page of it."""
        href = self.lookup.href(path, lang, s)
        if href is None:
            return None
        return {"href": href, "text": self.lookup.label(s, lang), "lang": self.lookup.label_lang(s, lang)}


def _related_label(code: str, lang: str) -> str:
    """A relation as the table names it: "1 – Parent", or its code alone when the codelist has no such code."""
    return f"{code} – {translations(lang).gettext(RELATED_TYPES[code])}" if code in RELATED_TYPES else code


def shown_value(value: str | None, measure: str | None, lang: str) -> str | None:
    """A baseline's, target's or actual's value as a reader of the page expects it: a number as the
    page's language writes it, without the zeros a publisher's export pads it with (RVO's
    "90.0000000000" days read "90"), in percent for an indicator of IndicatorMeasure 2 ("60 %"). A
    nominal or qualitative measure's value, or one that is no decimal ("2,5"), is shown as stated;
    the graph, the tables and the IATI export keep it as stated."""
    if value is None or measure in (NOMINAL, QUALITATIVE) or not DECIMAL_RE.fullmatch(value.strip()):
        return value
    amount = Decimal(value.strip()).normalize()
    if amount == 0:
        amount = Decimal(0)  # "-0.0" is 0
    lang = written(lang)
    return stated_percent(amount, lang) if measure == PERCENTAGE else number(amount, lang)


def code_order(code: str) -> tuple[int, int, str]:
    """Codes in numeric order where they are numbers, the unknown last."""
    if not code:
        return (2, 0, "")
    return (0, int(code), code) if code.isdigit() else (1, 0, code)


# --- the map ---------------------------------------------------------------------------------------

def _step(span: float) -> float:
    """A graticule step in degrees giving two to six lines over ``span``."""
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 45, 90):
        if span / step <= 6:
            return float(step)
    return 90.0


def _degrees(value: float, positive: str, negative: str, lang: str) -> str:
    """A graticule line's degrees as the page's language writes the number ("34,8°S" on a Spanish page,
    whose table of locations writes "-34,603684"), with its compass point."""
    amount = Decimal(f"{abs(value):.2f}").normalize()
    return f"{number(amount, written(lang))}°{positive if value >= 0 else negative}"


def svg_map(points: list[tuple[Decimal, Decimal, str, str, str | None]], lang: str) -> Markup:
    """An inline SVG map of ``points`` (lat, lon, number, name, the name's language): equirectangular (x scaled by the
    cosine of the middle latitude), a box around the points' bounding box with some padding, a
    graticule with its degrees, and a numbered dot per point named in its ``<title>``. Made at
    build time, with no tiles, script or network; every text goes through ``escape``."""
    _ = translations(lang).gettext
    lats = [float(p[0]) for p in points]
    lons = [float(p[1]) for p in points]
    lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
    squeeze = max(math.cos(math.radians((lat0 + lat1) / 2)), 0.1)
    span = max((lon1 - lon0) * squeeze, lat1 - lat0, 0.5)  # one point alone still gets a box
    pad = span * 0.15
    mid_x, mid_y = (lon0 + lon1) / 2 * squeeze, (lat0 + lat1) / 2
    width_deg = max((lon1 - lon0) * squeeze, span / 2) + 2 * pad
    height_deg = max(lat1 - lat0, span / 2) + 2 * pad
    scale = (MAP_WIDTH - 2 * MAP_PAD) / max(width_deg, height_deg)
    w, h = width_deg * scale + 2 * MAP_PAD, height_deg * scale + 2 * MAP_PAD
    west, north = mid_x - width_deg / 2, mid_y + height_deg / 2

    def x(lon: float) -> float:
        return MAP_PAD + (lon * squeeze - west) * scale

    def y(lat: float) -> float:
        return MAP_PAD + (north - lat) * scale

    title = _("Map of {n} location(s)").format(n=number(len(points), written(lang)))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map" role="img" width="{w:.0f}" height="{h:.0f}" '
           f'viewBox="0 0 {w:.1f} {h:.1f}" aria-label="{escape(title)}">',
           f"<title>{escape(title)}</title>",
           f'<rect x="{MAP_PAD}" y="{MAP_PAD}" width="{w - 2 * MAP_PAD:.1f}" height="{h - 2 * MAP_PAD:.1f}" '
           'fill="#f4f7fa" stroke="#667" stroke-width="1"/>']
    south, east = north - height_deg, (west + width_deg) / squeeze
    catalog = translations(lang)
    # Translators: the compass points after a map's degrees ("34.8°S", "58.4°W"); French and Spanish write
    # O for west, Norwegian Ø for east and V for west.
    points_of = {"N": str(catalog.pgettext("compass point", "N")), "S": str(catalog.pgettext("compass point", "S")),
                 "E": str(catalog.pgettext("compass point", "E")), "W": str(catalog.pgettext("compass point", "W"))}
    step = _step(max(height_deg, width_deg / squeeze))
    grid: list[str] = []
    degrees: list[str] = []

    def line(x1: float, y1: float, x2: float, y2: float) -> str:
        return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>'

    for k in range(math.ceil(south / step), math.floor(north / step) + 1):
        lat = k * step
        grid.append(line(MAP_PAD, y(lat), w - MAP_PAD, y(lat)))
        said = escape(_degrees(lat, points_of["N"], points_of["S"], lang))
        # above its line, or below it when the line runs by the frame's top (the label would cross the frame)
        baseline = y(lat) - 2 if y(lat) - 2 - MAP_FONT >= MAP_PAD else y(lat) + MAP_FONT + 1
        degrees.append(f'<text x="{MAP_PAD + 2}" y="{baseline:.1f}">{said}</text>')
    for k in range(math.ceil(west / squeeze / step), math.floor(east / step) + 1):
        lon = k * step
        grid.append(line(x(lon), MAP_PAD, x(lon), h - MAP_PAD))
        degrees.append(f'<text x="{x(lon):.1f}" y="{h - MAP_PAD + 12:.1f}" text-anchor="middle">'
                    f'{escape(_degrees(lon, points_of["E"], points_of["W"], lang))}</text>')
    # The degrees apart from the lines: drawn in the lines' group they took its pale stroke, which blurred
    # them to unreadable grey.
    out.append('<g class="graticule" stroke="#c5cdd6" stroke-width="0.5">' + "".join(grid) + "</g>")
    out.append(f'<g class="degrees" fill="#445" font-size="{MAP_FONT}">' + "".join(degrees) + "</g>")
    out.append('<g class="points" font-size="10" fill="#1a4f8b">')
    for plat, plon, n, name, name_lang in sorted(points, key=lambda p: (int(p[2]), p[3])):
        cx, cy = x(float(plon)), y(float(plat))
        # the name in its language, isolated when right to left ("1. صنعاء" was in the page's, lang="en")
        tag = marked(name_lang, lang)
        own = f' lang="{escape(tag)}"' if tag else ""
        out.append(f'<g{own}><title>{escape(n)}. {escape(isolated(name, name_lang))}</title>'
                   f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" stroke="#fff" stroke-width="1"/>'
                   f'<text x="{cx + 6:.1f}" y="{cy + 4:.1f}">{escape(n)}</text></g>')
    out.append("</g></svg>")
    return Markup("".join(out))  # noqa: S704 -- every text above went through escape(); numbers are formatted
